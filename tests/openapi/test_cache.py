"""The OpenAPI reader's cache: a second read of the same document and settings comes from it, without
importing the parser; anything that changes what the reader would make is a miss; a broken or
unwritable cache is no error."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.dialects import openapi_schema
from generator.dialects.openapi_schema import read_openapi
from generator.model.diagnostics import Origin
from generator.pipeline import load_spec
from generator.read.openapi_settings import OpenAPISettings
from tests.openapi.conftest import FINE_TUNING, ROOT

ROOTS = ("FineTuningJob", "GraderMulti")


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(folder))
    return folder


def _no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def refuse(name: str, *args: Any) -> Any:
        if name == openapi_schema.PARSER_MODULE:
            raise ImportError("the parser must not be needed here")
        return real(name, *args)

    monkeypatch.setattr(openapi_schema.importlib, "import_module", refuse)


def test_a_second_read_comes_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = OpenAPISettings(FINE_TUNING, ROOTS)
    first, diags = read_openapi(settings, Origin("modelgen.toml"))
    assert first is not None and "parse" in first.seconds
    assert len(list(cache.glob("*.pickle"))) == 1
    _no_parser(monkeypatch)
    second, again = read_openapi(settings, Origin("modelgen.toml"))
    assert second is not None and set(second.seconds) == {"cache"}
    assert second.fragments == first.fragments and second.pointers == first.pointers and again == diags


def test_what_changes_the_result_is_a_miss(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / FINE_TUNING.name
    copy.write_bytes(FINE_TUNING.read_bytes())
    read_openapi(OpenAPISettings(copy, ROOTS), Origin("modelgen.toml"))
    read_openapi(OpenAPISettings(copy, ROOTS[:1]), Origin("modelgen.toml"))  # other roots
    read_openapi(OpenAPISettings(copy, ROOTS), Origin("modelgen.toml"), {"GraderMulti": "MultiGrader"})
    read_openapi(OpenAPISettings(copy, ROOTS), Origin("spec/modelgen.toml"))  # where the settings are
    copy.write_bytes(FINE_TUNING.read_bytes() + b"\n# one more comment\n")  # the document's bytes
    source, _ = read_openapi(OpenAPISettings(copy, ROOTS), Origin("modelgen.toml"))
    assert source is not None and "parse" in source.seconds
    assert len(list(cache.glob("*.pickle"))) == 5


def test_a_broken_entry_is_read_again_and_replaced(cache: Path) -> None:
    settings = OpenAPISettings(FINE_TUNING, ROOTS)
    first, _ = read_openapi(settings, Origin("modelgen.toml"))
    assert first is not None
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    again, _ = read_openapi(settings, Origin("modelgen.toml"))
    assert again is not None and "parse" in again.seconds and again.fragments == first.fragments
    third, _ = read_openapi(settings, Origin("modelgen.toml"))
    assert third is not None and set(third.seconds) == {"cache"}


def test_off_and_an_unwritable_folder_cache_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = OpenAPISettings(FINE_TUNING, ROOTS)
    monkeypatch.setenv("MODELGEN_CACHE_DIR", "off")
    source, _ = read_openapi(settings, Origin("modelgen.toml"))
    assert source is not None and not list(tmp_path.iterdir())
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(blocked / "cache"))
    source, diags = read_openapi(settings, Origin("modelgen.toml"))
    assert source is not None and not [d for d in diags if d.severity == "error"]


def test_documents_with_errors_are_not_cached(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("components:\n  schemas:\n    A: {$ref: '#/components/schemas/Missing'}\n")
    source, diags = read_openapi(OpenAPISettings(bad, ("A",)), Origin("modelgen.toml"))
    assert source is None and [d.code for d in diags] == ["E142"]
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_a_generate_with_a_warm_cache_imports_neither_yaml_nor_the_parser(tmp_path: Path) -> None:
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(tmp_path / "cache"))
    imported = (
        "import sys; from pathlib import Path; from generator.pipeline import load_spec; "
        "spec, d = load_spec(Path('spec')); assert spec is not None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'datamodel_code_generator')))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", imported], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        for _ in range(2)
    ]
    assert runs[0].stdout.strip() != "[]" and runs[1].stdout.strip() == "[]"


def test_the_spec_from_the_cache_is_the_spec_read_afresh(cache: Path) -> None:
    fresh = load_spec(ROOT / "spec")  # (a miss: stored)
    cached = load_spec(ROOT / "spec")
    assert fresh[0] is not None and cached == fresh
    assert len(list(cache.glob("*.pickle"))) == 1
