"""The wheel ships the templates, and a user's templates override the built-in ones file by file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

from generator.emit.render import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_user_templates_override_file_by_file(tmp_path: Path) -> None:
    tpl = tmp_path / "tpl" / "pydantic"
    tpl.mkdir(parents=True)
    (tpl / "module.py.jinja").write_text(
        "# house style\n" + (TEMPLATES / "pydantic" / "module.py.jinja").read_text()
    )
    out = tmp_path / "out"
    r = run(
        "generate",
        "--templates",
        str(tmp_path / "tpl"),
        "--out",
        str(out),
        "--style",
        "pydantic",
        "--style",
        "dataclass",
    )
    assert r.returncode == 0, r.stderr
    assert "# house style" in (out / "pydantic_models.py").read_text()
    # the style the folder does not override is the built-in one, byte for byte
    assert (out / "dataclass_models.py").read_text() == (
        ROOT / "generated" / "dataclass_models.py"
    ).read_text()


def test_missing_templates_folder_is_a_usage_error(tmp_path: Path) -> None:
    r = run("generate", "--templates", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_installed_wheel_generates_outside_the_repo(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    (wheel,) = wheels.glob("docmodelgen-*.whl")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "spec", work / "spec")
    r = subprocess.run(
        [str(env_dir / "bin" / "modelgen"), "generate"], cwd=work, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    for name in ("dataclass_models.py", "attrs_models.py", "pydantic_models.py", "typeddict_models.py"):
        assert (work / "generated" / name).read_text() == (ROOT / "generated" / name).read_text()
