"""Options every command takes alike: quiet by default, -v, --debug anywhere, --style lists, exit 2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_the_shipped_spec_is_quiet_and_passes_strict(tmp_path: Path) -> None:
    r = run("generate", "--strict", "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    (line,) = r.stderr.splitlines()
    found = re.fullmatch(
        r"modelgen: 0 errors, 0 warnings, 0 notes; (\d+) acknowledged in the spec settings \(-v lists them\)",
        line,
    )
    assert found, line
    v = run("inspect", "-v")
    assert v.stderr.count("acknowledged: ") == int(found.group(1))


def test_errors_are_printed_without_v(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Shopping\n\n- milk\n")
    r = run("inspect", "--spec", str(tmp_path))
    assert r.returncode == 1 and "error[E102]" in r.stderr and "1 error" in r.stderr


def test_debug_and_verbose_go_before_or_after_the_subcommand() -> None:
    for args in (["--debug", "-v", "inspect"], ["inspect", "--debug", "-v"]):
        r = run(*args)
        assert r.returncode == 0, r.stderr
        assert "warning[W301]" in r.stderr


def test_a_missing_spec_folder_and_a_file_are_both_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "file.md").write_text("x")
    for spec in (tmp_path / "nope", tmp_path / "file.md"):
        for command in ("inspect", "generate", "check", "schema"):
            r = run(command, "--spec", str(spec))
            assert r.returncode == 2 and "Traceback" not in r.stderr, (command, spec, r.stderr)
    (tmp_path / "pyproject.toml").write_text('[tool.modelgen]\nspec = "missing"\n')
    r = run("inspect", cwd=tmp_path)
    assert r.returncode == 2 and "does not exist" in r.stderr and "pyproject.toml" in r.stderr


def test_style_takes_a_comma_list_or_repeats(tmp_path: Path) -> None:
    for args in (["--style", "pydantic,typeddict"], ["--style", "pydantic", "--style", "typeddict"]):
        out = tmp_path / "-".join(args)
        r = run("generate", "--out", str(out), *args)
        assert r.returncode == 0, r.stderr
        assert sorted(p.name for p in out.glob("*_models.py")) == [
            "pydantic_models.py",
            "typeddict_models.py",
        ]
    r = run("generate", "--out", str(tmp_path / "x"), "--style", "pydantic,nope")
    assert r.returncode == 2 and "'nope'" in r.stderr and "msgspec" in r.stderr


def test_help_names_all_five_styles() -> None:
    r = run("generate", "--help")
    assert "all five" in r.stdout and "four" not in r.stdout
    for style in ("dataclass", "attrs", "pydantic", "typeddict", "msgspec"):
        assert style in r.stdout
