"""generated/ is the golden record: regenerating from spec/ gives it byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.emit.tree import build_tree
from generator.pipeline import load_spec
from generator.write import check_tree, write_tree

ROOT = Path(__file__).resolve().parent.parent


def test_generated_is_up_to_date(tmp_path: Path) -> None:
    spec, _ = load_spec(ROOT / "spec")
    assert spec is not None
    files = build_tree(spec)
    write_tree(tmp_path / "out", files)
    result = check_tree(ROOT / "generated", files)
    assert result.ok, f"generated/ is stale, run `modelgen generate`:\n{result.diff[:4000]}"
    assert check_tree(tmp_path / "out", files).ok


def _generate(out: Path, seed: str, cwd: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    r = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(ROOT / "spec"), "--out", str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_same_bytes_under_different_hash_seeds_and_directories(tmp_path: Path) -> None:
    a = _generate(tmp_path / "a", "1", ROOT)
    b = _generate(tmp_path / "b", "4242", tmp_path)
    assert a == b


def test_check_reports_changed_missing_and_extra(tmp_path: Path) -> None:
    out = tmp_path / "out"
    spec, _ = load_spec(ROOT / "spec")
    assert spec is not None
    files = build_tree(spec)
    write_tree(out, files)
    (out / "pydantic_models.py").write_text("# edited by hand\n")
    (out / "py.typed").unlink()
    (out / "notes.txt").write_text("mine\n")
    (out / "__pycache__").mkdir()
    (out / "__pycache__" / "x.pyc").write_bytes(b"\0")
    r = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--spec", str(ROOT / "spec"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1
    assert "changed: " in r.stderr and "pydantic_models.py" in r.stderr
    assert "missing: " in r.stderr and "py.typed" in r.stderr
    assert "extra: " in r.stderr and "notes.txt" in r.stderr
    assert "__pycache__" not in r.stderr
    assert "-# edited by hand" in r.stderr  # a unified diff
    # generate repairs it and never deletes a file it did not write
    write_tree(out, files)
    assert (out / "notes.txt").read_text() == "mine\n"
    assert check_tree(out, files).changed == () and check_tree(out, files).missing == ()


def test_a_damaged_template_cache_changes_nothing(tmp_path: Path) -> None:
    """Compiled templates are kept between runs; a cache file cut short, overwritten or unreadable
    is compiled again, and what the template renders is the same."""
    import jinja2

    from generator.emit.options import RenderOptions
    from generator.emit.registry import style_named
    from generator.emit.render import TEMPLATES, _TemplateCache
    from generator.emit.styles import build_module

    spec, _ = load_spec(ROOT / "spec")
    assert spec is not None
    view = build_module(spec, style_named("dataclass"), RenderOptions())

    def render() -> str:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            bytecode_cache=_TemplateCache(str(tmp_path)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["pyrepr"] = repr
        return env.get_template("dataclass/module.py.jinja").render(view=view)

    first = render()
    cached = list(tmp_path.iterdir())
    assert cached, "nothing was cached"
    for i, f in enumerate(cached):
        f.write_bytes([b"", b"j2\x00garbage", f.read_bytes()[:40]][i % 3])
    assert render() == first
    for f in tmp_path.iterdir():
        f.chmod(0)  # unreadable (unless root): a miss, not an error
    assert render() == first
