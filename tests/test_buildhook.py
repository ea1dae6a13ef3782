"""The hatchling build hook: building a user's package regenerates its models from its documents."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("hatchling")

from generator.buildhook import ModelgenBuildError, build_models  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "spec" / "fine_tune_hyperparams.md").read_text(encoding="utf-8")

PYPROJECT = """\
[build-system]
requires = ["hatchling", "docmodelgen"]
build-backend = "hatchling.build"

[project]
name = "userpkg"
version = "1.0"

[tool.hatch.build.targets.wheel]
packages = ["userpkg"]

[tool.hatch.build.hooks.modelgen]
mode = "{mode}"

[tool.modelgen]
spec = "docs/api"
out = "userpkg/models"
styles = ["dataclass"]
"""


def user_package(root: Path, mode: str = "generate") -> Path:
    (root / "userpkg").mkdir(parents=True)
    (root / "userpkg" / "__init__.py").write_text("")
    (root / "docs" / "api").mkdir(parents=True)
    (root / "docs" / "api" / "hyperparams.md").write_text(DOC, encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT.format(mode=mode))
    return root


def build_wheel(project: Path) -> subprocess.CompletedProcess[str]:
    # no build isolation: the hatchling and docmodelgen of this environment are the ones tested
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-w", "dist", "."],
        cwd=project,
        capture_output=True,
        text=True,
    )


def wheel_text(project: Path, member: str) -> str:
    (wheel,) = (project / "dist").glob("userpkg-1.0-*.whl")
    with zipfile.ZipFile(wheel) as z:
        return z.read(member).decode()


def test_building_the_package_writes_its_models_into_the_wheel(tmp_path: Path) -> None:
    project = user_package(tmp_path / "proj")
    r = build_wheel(project)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    models = wheel_text(project, "userpkg/models/dataclass_models.py")
    assert "class FineTuneHyperparams" in models and "n_epochs: int" in models
    assert (project / "userpkg" / "models" / "dataclass_models.py").read_text() == models


def test_a_changed_document_changes_the_built_models(tmp_path: Path) -> None:
    project = user_package(tmp_path / "proj")
    doc = project / "docs" / "api" / "hyperparams.md"
    row = "| warmup_steps | integer | Optional | How many steps warm the learning rate up. |\n"
    text = doc.read_text()
    marker = "| classification_n_classes |"
    doc.write_text(text.replace(marker, row + marker, 1))
    r = build_wheel(project)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "warmup_steps" in wheel_text(project, "userpkg/models/dataclass_models.py")


def test_check_mode_fails_the_build_when_the_models_are_stale(tmp_path: Path) -> None:
    project = user_package(tmp_path / "proj", mode="check")
    r = build_wheel(project)
    assert r.returncode != 0
    assert "is stale" in r.stdout + r.stderr and "modelgen generate" in r.stdout + r.stderr
    subprocess.run(
        [sys.executable, "-m", "generator", "generate"], cwd=project, check=True, capture_output=True
    )
    r = build_wheel(project)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]


def test_a_user_file_where_a_model_goes_fails_the_build_with_a_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    project = user_package(tmp_path / "proj")
    models = project / "userpkg" / "models"
    models.mkdir()
    (models / "dataclass_models.py").write_text("# my own code\n")
    with pytest.raises(ModelgenBuildError) as caught:
        build_models(project)
    message = str(caught.value)
    assert "dataclass_models.py" in message and "nothing was written" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert (models / "dataclass_models.py").read_text() == "# my own code\n"


def test_a_malformed_pyproject_fails_the_build_naming_its_line(tmp_path: Path) -> None:
    project = user_package(tmp_path / "proj")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('styles = ["dataclass"]', "styles = [dataclass"))
    with pytest.raises(ModelgenBuildError, match=r"pyproject\.toml.*line \d+"):
        build_models(project)
