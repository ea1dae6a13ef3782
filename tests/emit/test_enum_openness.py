"""Open and closed enums side by side in one Spec: every style keeps an unknown value of the open
enum and rejects one of the closed enum (naming the field), under the default ``--enums open``;
``--enums closed`` closes both; the JSON schema says the same."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.emit.options import RenderOptions
from generator.emit.registry import BUILTIN_STYLES
from generator.emit.schema import spec_to_schema
from generator.emit.tree import build_tree, writable_styles
from generator.model.ir import EnumDef, Field, Model, Ref, Spec

STATUS = EnumDef("Status", ("queued", "running"), open=False)
KIND = EnumDef("Kind", ("text", "image"), open=True)
JOB = Model(
    "Job",
    (Field("status", "status", Ref("Status"), True, False), Field("kind", "kind", Ref("Kind"), True, False)),
)
SPEC = Spec((STATUS, KIND, JOB))


def _package(root: Path, package: str, options: RenderOptions) -> dict[str, Any]:
    styles, _ = writable_styles(SPEC, BUILTIN_STYLES)
    for name, text in build_tree(SPEC, styles, options).items():
        path = root / package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    sys.path.insert(0, str(root))
    try:
        return {s: importlib.import_module(f"{package}.{s}_models") for s in styles}
    finally:
        sys.path.remove(str(root))


@pytest.fixture(scope="module")
def per_enum(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _package(tmp_path_factory.mktemp("openness"), "enum_openness_pkg", RenderOptions())


@pytest.fixture(scope="module")
def all_closed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _package(tmp_path_factory.mktemp("closed"), "enum_closed_pkg", RenderOptions(open_enums=False))


def _decode(style: str, module: Any, doc: dict[str, Any]) -> Any:
    job = module.MODELS["Job"]
    return job(json.loads(json.dumps(doc))) if style == "typeddict" else job.from_json(json.dumps(doc))


def _encode(style: str, decoded: Any) -> Any:
    return decoded if style == "typeddict" else json.loads(decoded.to_json())


@pytest.mark.parametrize("style", BUILTIN_STYLES)
def test_the_open_enum_keeps_an_unknown_value_and_the_closed_one_rejects_it(
    per_enum: dict[str, Any], style: str
) -> None:
    module = per_enum[style]
    doc = {"status": "queued", "kind": "audio"}
    assert _encode(style, _decode(style, module, doc)) == doc
    with pytest.raises(ValueError, match="status"):
        _decode(style, module, {"status": "paused", "kind": "text"})


@pytest.mark.parametrize("style", BUILTIN_STYLES)
def test_enums_closed_closes_every_enum(all_closed: dict[str, Any], style: str) -> None:
    module = all_closed[style]
    assert _encode(style, _decode(style, module, {"status": "running", "kind": "image"})) == {
        "status": "running",
        "kind": "image",
    }
    with pytest.raises(ValueError, match="kind"):
        _decode(style, module, {"status": "queued", "kind": "audio"})


def test_the_schema_closes_only_the_closed_enum() -> None:
    defs = spec_to_schema(SPEC, RenderOptions())["$defs"]
    assert defs["Status"]["enum"] == ["queued", "running"] and "anyOf" not in defs["Status"]
    assert defs["Kind"]["anyOf"] == [{"type": "string", "enum": ["text", "image"]}, {"type": "string"}]
