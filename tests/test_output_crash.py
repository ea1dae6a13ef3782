"""kill -9 at every instant of `generate`: OUT is the old tree or the new one once the next run
(or `check`) has looked at it, and `check` passes against the options of the tree it finds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEW = ("--style", "dataclass", "--style", "attrs", "--style", "pydantic", "--style", "typeddict")
NEW_OPTIONS = (*NEW, "--unknown-keys", "forbid")  # every module changes, msgspec is dropped


def modelgen(*args: str, kill_at: int = 0) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MODELGEN_TEST_KILL_AT"}
    if kill_at:
        env["MODELGEN_TEST_KILL_AT"] = str(kill_at)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def generate(out: Path, *options: str, kill_at: int = 0) -> subprocess.CompletedProcess[str]:
    return modelgen("generate", "--spec", str(ROOT / "spec"), "--out", str(out), *options, kill_at=kill_at)


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("trees")
    assert generate(base / "old").returncode == 0
    assert generate(base / "new", *NEW_OPTIONS).returncode == 0
    return snapshot(base / "old"), snapshot(base / "new")


def fresh_old(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    assert generate(out).returncode == 0
    (out / "NOTES.md").write_text("the user's own file\n")
    return out


def test_kill_at_every_step_leaves_the_old_or_the_new_tree(
    tmp_path: Path, trees: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    old, new = trees
    outcomes: list[str] = []
    for step in range(1, 200):
        out = fresh_old(tmp_path, f"out{step}")
        r = generate(out, *NEW_OPTIONS, kill_at=step)
        if r.returncode == 0:  # no step left to kill at: the run finished
            assert snapshot(out) == {**new, "NOTES.md": b"the user's own file\n"}
            break
        assert r.returncode == -9, r.stderr
        c = modelgen("check", "--out", str(out))  # rolls forward or back, then repeats the options
        assert c.returncode == 0, f"step {step}: {c.stderr[-2000:]}"
        found = snapshot(out)
        assert found.pop("NOTES.md") == b"the user's own file\n"
        assert found in (old, new), f"step {step}: a mix of trees: {sorted(found)}"
        outcomes.append("new" if found == new else "old")
    else:
        pytest.fail("generate never finished")
    # the kill came before the commit point (old) and after it (new), between renames included
    assert outcomes[0] == "old" and outcomes[-1] == "new", outcomes
    assert outcomes == sorted(outcomes, key=lambda o: o == "new"), outcomes
    assert outcomes.count("new") >= len(new) - 1  # one kill after each rename, at least


def test_a_kill_during_recovery_is_recovered_too(
    tmp_path: Path, trees: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    old, new = trees
    out = fresh_old(tmp_path, "out")
    steps_before_commit = 2 * len(old)  # staged files and backups: the commit comes after them
    assert generate(out, *NEW_OPTIONS, kill_at=steps_before_commit + 3).returncode == -9
    assert (out / ".modelgen-txn" / "journal.json").is_file()
    assert modelgen("check", "--out", str(out), kill_at=2).returncode == -9  # killed while rolling forward
    assert modelgen("check", "--out", str(out)).returncode == 0
    found = snapshot(out)
    found.pop("NOTES.md")
    assert found == new


def test_the_next_generate_recovers_a_kill_before_the_commit(
    tmp_path: Path, trees: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    old, _ = trees
    out = fresh_old(tmp_path, "out")
    assert generate(out, *NEW_OPTIONS, kill_at=3).returncode == -9
    assert (out / ".modelgen-txn").is_dir()  # our temporary files, recognised as ours
    r = generate(out)  # the old options again: nothing to write, and the leftovers are gone
    assert r.returncode == 0, r.stderr
    assert not (out / ".modelgen-txn").exists()
    found = snapshot(out)
    found.pop("NOTES.md")
    assert found == old
