"""[tool.modelgen] in pyproject.toml: found upwards, paths relative to it, flags win, typos named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parent.parent


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.modelgen]\n{table}")
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    return sub


def test_found_from_a_subdirectory_with_paths_relative_to_it(tmp_path: Path) -> None:
    sub = project(tmp_path, f'spec = "{(ROOT / "spec").as_posix()}"\nout = "models"\nstyles = ["pydantic"]\n')
    cfg = load_config(sub)
    assert cfg.source == tmp_path / "pyproject.toml"
    assert cfg.out == tmp_path / "models"
    r = run(sub, "generate")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [
        ".modelgen-manifest.json",
        "__init__.py",
        "py.typed",
        "pydantic_models.py",
    ]
    assert run(sub, "check").returncode == 0


def test_flags_override_the_file(tmp_path: Path) -> None:
    sub = project(tmp_path, f'spec = "{(ROOT / "spec").as_posix()}"\nout = "models"\nstyles = ["pydantic"]\n')
    r = run(sub, "generate", "--out", "elsewhere", "--style", "attrs")
    assert r.returncode == 0, r.stderr
    assert (sub / "elsewhere" / "attrs_models.py").is_file()
    assert not (tmp_path / "models").exists()


def test_unknown_setting_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    sub = project(tmp_path, 'spec = "spec"\nstyels = ["pydantic"]\n')
    with pytest.raises(ConfigError, match="styels"):
        load_config(sub)
    r = run(sub, "inspect")
    assert r.returncode == 2
    assert "unknown setting 'styels'" in r.stderr and "pyproject.toml" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "table,needle",
    [
        ('unknown_keys = "drop"', "unknown_keys"),
        ('styles = ["zod"]', "styles"),
        ('target_python = "2.7"', "target_python"),
        ('names = {"FineTuningJob.object" = "not valid"}', "names"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, table: str, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_config(project(tmp_path, table + "\n"))


def test_name_overrides_rename_a_field(tmp_path: Path) -> None:
    sub = project(
        tmp_path,
        f'spec = "{(ROOT / "spec").as_posix()}"\nout = "m"\nstyles = ["dataclass"]\n'
        '[tool.modelgen.names]\n"FineTuningJob.object" = "object_type"\n',
    )
    r = run(sub, "generate")
    assert r.returncode == 0, r.stderr
    assert "object_type: Literal[" in (tmp_path / "m" / "dataclass_models.py").read_text()
    r = run(sub, "inspect", "--json")
    assert '"py_name": "object_type"' in r.stdout


def test_override_naming_no_field_is_an_error(tmp_path: Path) -> None:
    sub = project(
        tmp_path,
        f'spec = "{(ROOT / "spec").as_posix()}"\n[tool.modelgen.names]\n"FineTuningJob.nope" = "x"\n',
    )
    r = run(sub, "inspect")
    assert r.returncode == 1 and "FineTuningJob.nope" in r.stderr
