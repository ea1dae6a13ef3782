"""Union items (``UnionDef``) in every style: generated into a package, imported, round-tripped,
rejected with the path, the generated tests run, and mypy --strict over the modules."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.emit.options import RenderOptions, UnknownKeys
from generator.emit.registry import BUILTIN_STYLES
from generator.emit.schema import spec_to_schema
from generator.emit.tree import build_tree, writable_styles
from generator.model.ir import Spec
from tests.emit.union_specs import (
    BAD_OWNER_DOCS,
    BAD_UNTAGGED_DOCS,
    OWNER_DOCS,
    SPEC,
    SPEC_CAT_ALONE,
    UNTAGGED_DOCS,
    UNTAGGED_SPEC,
)

CLASS_STYLES = ("dataclass", "attrs", "pydantic", "msgspec")


def _write_package(spec: Spec, root: Path, package: str) -> dict[str, Any]:
    styles, _ = writable_styles(spec, BUILTIN_STYLES)
    files = build_tree(spec, styles)
    for name, text in files.items():
        path = root / package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    sys.path.insert(0, str(root))
    try:
        return {s: importlib.import_module(f"{package}.{s}_models") for s in styles}
    finally:
        sys.path.remove(str(root))


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _write_package(SPEC, tmp_path_factory.mktemp("tagged"), "union_tagged_pkg")


@pytest.fixture(scope="module")
def untagged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _write_package(UNTAGGED_SPEC, tmp_path_factory.mktemp("untagged"), "union_untagged_pkg")


def test_a_tagged_model_on_its_own_needs_its_tag(tagged: dict[str, Any]) -> None:
    for style, module in tagged.items():
        cat = module.MODELS["Cat"]
        load = cat if style == "typeddict" else cat.from_dict
        with pytest.raises(ValueError, match="type"):
            load({"name": "x"})
        if style != "typeddict":
            with pytest.raises(ValueError, match="type"):
                cat.from_json('{"name": "x"}')
            with pytest.raises(ValueError, match="type"):
                cat.from_json('{"type": "dog", "name": "x"}')
            doc = {"type": "cat", "name": "x", "k": [1]}
            assert cat.from_json(json.dumps(doc)).to_dict() == doc


def _round_trips(modules: dict[str, Any], doc: dict[str, Any]) -> None:
    for style, module in modules.items():
        entry = module.MODELS["Owner"]
        if style == "typeddict":
            assert entry(json.loads(json.dumps(doc))) == doc
            continue
        assert entry.from_dict(doc).to_dict() == doc, style
        assert json.loads(entry.from_json(json.dumps(doc)).to_json()) == doc, style
        assert entry.from_json(json.dumps(doc)).to_dict() == doc, style


def _rejects(modules: dict[str, Any], doc: dict[str, Any], path: str) -> list[str]:
    messages = []
    for style, module in modules.items():
        entry = module.MODELS["Owner"]
        with pytest.raises(ValueError) as info:
            entry(doc) if style == "typeddict" else entry.from_dict(doc)
        assert path in str(info.value), (style, str(info.value))
        messages.append(str(info.value))
    return messages


def test_msgspec_tags_structs_and_reads_the_tag_itself_when_it_cannot() -> None:
    assert writable_styles(SPEC, BUILTIN_STYLES) == (BUILTIN_STYLES, [])
    assert writable_styles(SPEC_CAT_ALONE, BUILTIN_STYLES) == (BUILTIN_STYLES, [])
    text = build_tree(SPEC_CAT_ALONE, ("msgspec",))["msgspec_models.py"]
    assert "tag_field=" not in text.partition("class _NoTag")[0]  # Cat and Dog are plain Structs
    assert "# Pet: msgspec cannot tag its members (its member Cat is also used on its own" in text


@pytest.mark.parametrize("index", range(len(OWNER_DOCS)))
def test_tagged_union_round_trips_in_every_style(tagged: dict[str, Any], index: int) -> None:
    _round_trips(tagged, OWNER_DOCS[index])


def test_the_tag_picks_the_member(tagged: dict[str, Any]) -> None:
    doc = OWNER_DOCS[0]
    for style in CLASS_STYLES:
        owner = tagged[style].MODELS["Owner"].from_dict(doc)
        assert type(owner.pet) is tagged[style].Cat, style
        assert [type(p).__name__ for p in owner.pets] == ["Dog", "Cat"]
        assert owner.label == "plain" and owner.maybe_pet is None
        assert owner.pet.type == "cat" and owner.pets[0].type == "dog"
    # a document that fits Cat's shape but says dog is a Dog
    owner = tagged["dataclass"].Owner.from_dict({**doc, "pet": {"type": "dog", "name": "x"}})
    assert type(owner.pet) is tagged["dataclass"].Dog


@pytest.mark.parametrize(("doc", "path"), BAD_OWNER_DOCS)
def test_tagged_union_rejects_with_the_path(tagged: dict[str, Any], doc: dict[str, Any], path: str) -> None:
    _rejects(tagged, doc, path)


def test_unknown_tag_and_missing_tag_messages(tagged: dict[str, Any]) -> None:
    owner = tagged["dataclass"].Owner
    with pytest.raises(ValueError, match=r"^pet\.type: expected \"cat\" or \"dog\" \(a Pet\), got str"):
        owner.from_dict(BAD_OWNER_DOCS[0][0])
    with pytest.raises(ValueError, match=r"^pet\.type: required key is missing \(the tag of a Pet\)"):
        owner.from_dict(BAD_OWNER_DOCS[1][0])


def test_untagged_error_names_every_member(tagged: dict[str, Any]) -> None:
    owner = tagged["attrs"].Owner
    with pytest.raises(ValueError) as info:
        owner.from_dict({**OWNER_DOCS[3], "label": 5})
    message = str(info.value)
    assert message.startswith("label: fits no member of Label")
    for member in (
        "as Note: label: expected an object",
        "as str: label: expected str",
        "as a list: label: expected",
    ):
        assert member in message, message


@pytest.mark.parametrize("index", range(len(UNTAGGED_DOCS)))
def test_untagged_union_round_trips_in_every_style_msgspec_too(untagged: dict[str, Any], index: int) -> None:
    assert set(untagged) == set(BUILTIN_STYLES)
    _round_trips(untagged, UNTAGGED_DOCS[index])


def test_untagged_members_are_tried_in_order(untagged: dict[str, Any]) -> None:
    doc = UNTAGGED_DOCS[0]
    for style in CLASS_STYLES:
        owner = untagged[style].MODELS["Owner"].from_dict(doc)
        cat = owner.labels[1]
        extra = cat.model_extra if style == "pydantic" else cat.extra
        assert type(cat).__name__ == "Cat" and extra == {"other": 1}, style
        assert owner.labels[0] == [1, 2] and owner.label == "x"


@pytest.mark.parametrize(("doc", "path"), BAD_UNTAGGED_DOCS)
def test_untagged_union_rejects_with_the_path(
    untagged: dict[str, Any], doc: dict[str, Any], path: str
) -> None:
    _rejects(untagged, doc, path)


def test_json_schema_of_unions() -> None:
    defs = spec_to_schema(SPEC)["$defs"]
    assert defs["Pet"]["oneOf"] == [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]
    assert defs["Pet"]["discriminator"] == {
        "propertyName": "type",
        "mapping": {"cat": "#/$defs/Cat", "dog": "#/$defs/Dog"},
    }
    assert defs["Label"]["anyOf"][1:] == [{"type": "string"}, {"type": "array", "items": {"type": "integer"}}]
    assert "oneOf" not in defs["Label"] and "discriminator" not in defs["Label"]
    assert defs["Anything"] == {"title": "Anything"}
    owner = defs["Owner"]["properties"]
    assert owner["pets"] == {"type": "array", "items": {"$ref": "#/$defs/Pet"}}
    assert owner["maybe_pet"] == {"anyOf": [{"$ref": "#/$defs/Pet"}, {"type": "null"}]}


@pytest.mark.parametrize("which", ["tagged", "untagged"])
def test_generated_tests_pass_and_mypy_strict_is_clean(which: str, request: pytest.FixtureRequest) -> None:
    modules = request.getfixturevalue(which)
    package = Path(next(iter(modules.values())).__file__).parent
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
        capture_output=True,
        text=True,
        cwd=package.parent,
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert " passed" in tests.stdout
    files = sorted(str(p) for p in package.glob("*_models.py"))
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *files], capture_output=True, text=True
    )
    assert typed.returncode == 0, typed.stdout


@pytest.mark.parametrize("policy", ["forbid", "ignore"])
def test_generated_tests_pass_under_other_policies(policy: str, tmp_path: Path) -> None:
    options = RenderOptions(unknown_keys=UnknownKeys(policy), open_enums=False)
    for name, spec in (("tagged", SPEC), ("untagged", UNTAGGED_SPEC)):
        package = tmp_path / f"union_{policy}_{name}"
        files = build_tree(spec, (), options)
        assert "msgspec_models.py" in files
        for file, text in files.items():
            (package / file).parent.mkdir(parents=True, exist_ok=True)
            (package / file).write_text(text)
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert run.returncode == 0, run.stdout[-3000:]
