"""Failures that are not modelgen's bug: exit 1 or 2 and the file, line or setting at fault;
exit 3 (with nothing written) only for a real bug."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.cli import runs
from generator.cli.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT / "spec").as_posix()
BOM = "\ufeff"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_a_malformed_pyproject_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.modelgen]\nout = "models"\nstyles = ["attrs"\n')
    r = run(tmp_path, "generate", "--spec", SPEC)
    assert r.returncode == 2
    assert f"{tmp_path / 'pyproject.toml'}:4:1: invalid TOML" in r.stderr, r.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.modelgen]\nout = "models"\nstyles = attrs\n')
    r = run(tmp_path, "generate", "--spec", SPEC)
    assert r.returncode == 2
    assert f"{tmp_path / 'pyproject.toml'}:3:10: invalid TOML" in r.stderr, r.stderr
    assert not (tmp_path / "generated").exists() and not (tmp_path / "models").exists()


def test_a_bom_is_accepted_in_pyproject_and_in_the_spec_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(BOM + '[tool.modelgen]\nout = "models"\nstyles = ["attrs"]\n')
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec)
    settings = spec / "modelgen.toml"
    settings.write_text(BOM + settings.read_text(encoding="utf-8"), encoding="utf-8")
    r = run(tmp_path, "generate", "--spec", "spec")
    assert r.returncode == 0, r.stderr[-2000:]
    assert (tmp_path / "models" / "attrs_models.py").is_file()


@pytest.mark.parametrize(
    "text,needle",
    [
        ("tool = 5\n", "'tool' must be a table"),
        ("[tool]\nmodelgen = 5\n", "'tool.modelgen' must be a table"),
    ],
)
def test_tool_that_is_not_a_table(tmp_path: Path, text: str, needle: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError, match=needle):
        load_config(tmp_path)
    r = run(tmp_path, "inspect", "--spec", SPEC)
    assert r.returncode == 2 and needle in r.stderr and "pyproject.toml" in r.stderr
    assert "bug in modelgen" not in r.stderr


def _templates(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl"
    (folder / "attrs").mkdir(parents=True)
    (folder / "attrs" / "module.py.jinja").write_text(body)
    return folder


@pytest.mark.parametrize(
    "body,line,needle",
    [
        ("x = 1\n{% if %}\n", 2, "TemplateSyntaxError"),
        ("x = 1\n\ny = {{ view.no_such_thing }}\n", 3, "UndefinedError"),
        ("x = 1\n{{ nothing_at_all }}\n", 2, "UndefinedError"),
    ],
)
def test_an_error_in_a_users_template_names_its_file_and_line(
    tmp_path: Path, body: str, line: int, needle: str
) -> None:
    folder = _templates(tmp_path, body)
    out = tmp_path / "out"
    r = run(ROOT, "generate", "--out", str(out), "--style", "attrs", "--templates", str(folder))
    assert r.returncode == 1, r.stderr
    assert f"{(folder / 'attrs' / 'module.py.jinja').as_posix()}:{line}: {needle}" in r.stderr, r.stderr
    assert "bug in modelgen" not in r.stderr and not out.exists()


def test_a_users_template_that_gives_invalid_python(tmp_path: Path) -> None:
    folder = _templates(tmp_path, "def f(:\n    pass\n")
    out = tmp_path / "out"
    r = run(ROOT, "generate", "--out", str(out), "--style", "attrs", "--templates", str(folder))
    assert r.returncode == 1 and "attrs_models.py" in r.stderr and str(folder) in r.stderr
    assert "bug in modelgen" not in r.stderr and not out.exists()


def test_a_module_that_does_not_compile_is_a_bug_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """black accepts it (a parse), compile() does not: 'return' outside a function."""
    real = runs.build_tree

    def broken(*args: object, **kwargs: object) -> dict[str, str]:
        files = real(*args, **kwargs)  # type: ignore[arg-type]
        files["attrs_models.py"] += "\nreturn 1\n"
        return files

    monkeypatch.setattr(runs, "build_tree", broken)
    out = tmp_path / "out"
    monkeypatch.setattr(sys, "argv", ["modelgen", "generate", "--spec", SPEC, "--out", str(out)])
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "attrs_models.py does not compile" in err and "nothing was written" in err
    assert not out.exists()


def test_the_header_names_the_spec_folder(tmp_path: Path) -> None:
    docs = tmp_path / "api-docs"
    shutil.copytree(ROOT / "spec", docs)
    out = tmp_path / "out"
    r = run(tmp_path, "generate", "--spec", "api-docs", "--out", "out", "--style", "attrs")
    assert r.returncode == 0, r.stderr[-2000:]
    first = (out / "attrs_models.py").read_text().splitlines()[0]
    assert " from api-docs/ " in first
    r = run(docs, "generate", "--spec", ".", "--out", str(out), "--style", "attrs")  # its real name
    assert r.returncode == 0 and " from api-docs/ " in (out / "attrs_models.py").read_text()


@pytest.mark.parametrize("text", ["aliases = 5\n", "precedence = [1]\n", "[aliases\n"])
def test_a_bad_spec_settings_file_is_e104_with_its_line(tmp_path: Path, text: str) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec)
    (spec / "modelgen.toml").write_text(BOM + text, encoding="utf-8")
    r = run(tmp_path, "generate", "--spec", "spec")
    assert r.returncode == 1 and "spec/modelgen.toml:1:" in r.stderr and "error[E104]" in r.stderr
    assert "bug in modelgen" not in r.stderr and not (tmp_path / "generated").exists()
