"""Determinism: the same documents give the same bytes, whatever the hash seed or the file order.

Two copies of spec/ are made, one creating its files in sorted order and one in reverse order
(so directory listings differ), with different modification times; ``modelgen generate`` runs on
each under a different PYTHONHASHSEED. The two output trees must be identical byte for byte, and
``inspect --json`` must print the same text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.read.documents import find_documents

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
MODELGEN = Path(sys.executable).parent / "modelgen"


def _copy(order: list[Path], dest: Path, mtime: int) -> None:
    dest.mkdir(parents=True)
    for src in order:
        target = dest / src.relative_to(SPEC)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        os.utime(target, (mtime, mtime))


def _run(cwd: Path, seed: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    r = subprocess.run([str(MODELGEN), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr[-3000:]
    return r


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_hash_seed_and_file_order_do_not_change_the_output(tmp_path: Path) -> None:
    files = sorted((p for p in SPEC.rglob("*") if p.is_file()), key=lambda p: p.as_posix())
    assert len(files) > 5
    runs = {"a": (files, "1", 1_000_000_000), "b": (files[::-1], "4242", 1_700_000_000)}
    outputs: dict[str, dict[str, bytes]] = {}
    inspected: dict[str, str] = {}
    for name, (order, seed, mtime) in runs.items():
        work = tmp_path / name
        _copy(order, work / "spec", mtime)
        _run(work, seed, "generate", "--spec", "spec", "--out", "out")
        outputs[name] = _tree(work / "out")
        inspected[name] = _run(work, seed, "inspect", "--spec", "spec", "--json").stdout
    assert outputs["a"], "generate wrote files"
    assert outputs["a"].keys() == outputs["b"].keys()
    differing = [k for k in outputs["a"] if outputs["a"][k] != outputs["b"][k]]
    assert not differing, f"files differ between the two runs: {differing}"
    assert inspected["a"] == inspected["b"]


def test_documents_are_read_in_the_same_order_whatever_the_creation_order(tmp_path: Path) -> None:
    files = sorted((p for p in SPEC.rglob("*") if p.is_file()), key=lambda p: p.as_posix())
    _copy(files, tmp_path / "a", 1_000_000_000)
    _copy(files[::-1], tmp_path / "b", 1_700_000_000)
    found = [
        [p.relative_to(d).as_posix() for p in find_documents(d)] for d in (tmp_path / "a", tmp_path / "b")
    ]
    assert found[0] == found[1] == sorted(found[0])
