"""The msgspec module for what msgspec cannot decode by itself: unions it cannot tell apart,
discriminated unions it cannot tag, models in lists of lists and maps of lists. Every style is
generated into a package; the msgspec module must round-trip what the others do (to the same
JSON), reject what they reject at the same path, pass its generated tests and mypy --strict."""

from __future__ import annotations

import importlib
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.emit.options import RenderOptions, UnknownKeys
from generator.emit.registry import BUILTIN_STYLES
from generator.emit.tree import build_tree, writable_styles
from generator.model.ir import Spec
from tests.emit.msgspec_union_specs import (
    BAD_MESSAGE_DOCS,
    BAD_OWNER_DOCS,
    MESSAGE_DOCS,
    OWNER_DOCS,
    PAIRS_SPEC,
    RECURSIVE_SPEC,
    TAGS_SPEC,
    TWO_KEYS_DOCS,
    TWO_KEYS_SPEC,
    UNIONS_SPEC,
)

CLASS_STYLES = ("dataclass", "attrs", "pydantic", "msgspec")
SPECS = {"unions": UNIONS_SPEC, "tags": TAGS_SPEC, "two_keys": TWO_KEYS_SPEC, "recursive": RECURSIVE_SPEC}


def _write(spec: Spec, root: Path, package: str, options: RenderOptions = RenderOptions()) -> Path:
    for name, text in build_tree(spec, (), options).items():
        path = root / package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / package


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    root = tmp_path_factory.mktemp("msgspec_unions")
    found = {}
    sys.path.insert(0, str(root))
    try:
        for which, spec in SPECS.items():
            _write(spec, root, f"msgspec_unions_{which}")
            found[which] = {
                s: importlib.import_module(f"msgspec_unions_{which}.{s}_models") for s in BUILTIN_STYLES
            }
    finally:
        sys.path.remove(str(root))
    return found


def _round_trips(modules: dict[str, Any], model: str, doc: dict[str, Any]) -> None:
    text = json.dumps(doc)
    for style in CLASS_STYLES:
        cls = modules[style].MODELS[model]
        assert cls.from_dict(doc).to_dict() == doc, style
        assert json.loads(cls.from_json(text).to_json()) == doc, style
    assert modules["typeddict"].MODELS[model](json.loads(text)) == doc
    m = modules["msgspec"].MODELS[model]
    assert (
        json.dumps(m.from_json(text).to_dict()) == text
    )  # keys in the document's order, absent stays absent


def _rejects(modules: dict[str, Any], model: str, doc: dict[str, Any], path: str) -> str:
    """(pydantic rejects them too, with paths of its own making: ``content.list[Chunk].0``)"""
    for style in ("dataclass", "attrs", "msgspec"):
        with pytest.raises(ValueError) as info:
            modules[style].MODELS[model].from_dict(doc)
        assert path in str(info.value), (style, str(info.value))
    with pytest.raises(ValueError) as info:
        modules["msgspec"].MODELS[model].from_json(json.dumps(doc))
    assert path in str(info.value), str(info.value)
    return str(info.value)


def test_every_spec_gets_a_msgspec_module() -> None:
    for spec in SPECS.values():
        assert writable_styles(spec, BUILTIN_STYLES) == (BUILTIN_STYLES, [])


@pytest.mark.parametrize("index", range(len(MESSAGE_DOCS)))
def test_unions_msgspec_cannot_tell_apart_round_trip(packages: dict[str, Any], index: int) -> None:
    _round_trips(packages["unions"], "Message", MESSAGE_DOCS[index])


@pytest.mark.parametrize(("doc", "path"), BAD_MESSAGE_DOCS)
def test_unions_reject_with_the_path(packages: dict[str, Any], doc: dict[str, Any], path: str) -> None:
    _rejects(packages["unions"], "Message", doc, path)


def test_members_are_tried_in_order_and_keep_unknown_keys(packages: dict[str, Any]) -> None:
    m = packages["unions"]["msgspec"]
    msg = m.Message.from_json(json.dumps(MESSAGE_DOCS[1]))
    assert [type(c).__name__ for c in msg.content] == ["Text", "Image", "Image"]
    assert msg.content[2].extra == {"more": [1]} and msg.chunks[0].extra == {"other": {"k": None}}
    assert msg.input.text == "one" and msg.inline.text == "x"
    assert msg.grid[0][1].extra == {"k": 1} and msg.pages["p"][0].extra == {"k": 2}
    assert msg.deep[0]["a"][0].extra == {"kk": True} and msg.pet_grid["x"][0].extra == {"k": 1}
    assert [type(p).__name__ for p in msg.pet_grid["x"]] == ["Dog", "Cat"]
    many = m.Message.from_dict(MESSAGE_DOCS[2])
    assert [t.text for t in many.input] == ["1", "2"] and many.input[1].extra == {"extra": "kept"}
    assert many.inline == {"a": 1} and many.anything == [None, {"x": 1.5}] and many.lists == ["a"]
    # a model built by hand, with a union's member, encodes as the others do
    built = m.Message(content=[m.Text(text="t"), m.Image(url="u")], input=[m.Text(text="a")])
    assert built.to_dict() == {"content": [{"text": "t"}, {"url": "u"}], "input": [{"text": "a"}]}


def test_the_hidden_extra_key_is_an_unknown_key_beside_union_markers(packages: dict[str, Any]) -> None:
    """A module with markers decodes through a dec_hook; the key that names msgspec's hidden
    holder of unknown keys must still fail msgspec's fast path and be kept as an unknown key."""
    doc = {"content": "plain", "input": {"text": "t", "$modelgen.extra": 2}, "$modelgen.extra": {"a": 1}}
    _round_trips(packages["unions"], "Message", doc)
    msg = packages["unions"]["msgspec"].Message.from_json(json.dumps(doc))
    assert msg.extra == {"$modelgen.extra": {"a": 1}} and msg.input.extra == {"$modelgen.extra": 2}


def test_the_error_names_every_member(packages: dict[str, Any]) -> None:
    message = _rejects(packages["unions"], "Message", {"content": "x", "input": 5}, "input")
    assert message.startswith("input: fits no member of OneOrMany (as Text: "), message
    assert "; as a list: " in message
    inline = _rejects(packages["unions"], "Message", {"content": "x", "inline": []}, "inline")
    assert inline == "inline: expected Text or an object, got a list", inline
    assert inline == str(
        pytest.raises(
            ValueError, packages["unions"]["dataclass"].Message.from_dict, {"content": "x", "inline": []}
        ).value
    )


def test_nan_and_depth_inside_a_union_member(packages: dict[str, Any]) -> None:
    m = packages["unions"]["msgspec"]
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError, match=r"^anything"):
            m.Message.from_dict({"content": "x", "anything": [bad]})
        with pytest.raises(ValueError, match=r"^content\[0\]"):
            m.Message.from_dict({"content": [{"url": "u", "detail": bad}]})
    deep: Any = 1
    for _ in range(300):
        deep = [deep]
    with pytest.raises(ValueError, match="nested deeper than"):
        m.Message.from_dict({"content": "x", "anything": deep})


@pytest.mark.parametrize("index", range(len(OWNER_DOCS)))
def test_tagged_unions_msgspec_cannot_tag_round_trip(packages: dict[str, Any], index: int) -> None:
    _round_trips(packages["tags"], "Owner", OWNER_DOCS[index])


@pytest.mark.parametrize(("doc", "path"), BAD_OWNER_DOCS)
def test_tagged_unions_reject_with_the_path(packages: dict[str, Any], doc: dict[str, Any], path: str) -> None:
    _rejects(packages["tags"], "Owner", doc, path)


def test_the_tag_picks_the_member_and_messages_match_the_other_styles(packages: dict[str, Any]) -> None:
    tags = packages["tags"]
    owner = tags["msgspec"].Owner.from_dict(OWNER_DOCS[1])
    assert type(owner.pet).__name__ == "Cat" and owner.pet.extra == {"x": None}
    assert [type(p).__name__ for p in owner.pets] == ["Dog", "Cat"]
    assert type(owner.animal).__name__ == "Bird"
    for doc, _ in BAD_OWNER_DOCS[:2]:
        expected = str(pytest.raises(ValueError, tags["dataclass"].Owner.from_dict, doc).value)
        got = str(pytest.raises(ValueError, tags["msgspec"].Owner.from_dict, doc).value)
        assert got == expected


@pytest.mark.parametrize("index", range(len(TWO_KEYS_DOCS)))
def test_a_model_tagged_by_two_keys(packages: dict[str, Any], index: int) -> None:
    _round_trips(packages["two_keys"], "Owner", TWO_KEYS_DOCS[index])
    with pytest.raises(ValueError, match=r"^b\.type"):
        packages["two_keys"]["msgspec"].Owner.from_dict({**TWO_KEYS_DOCS[index], "b": {"name": "x"}})


def test_a_recursive_union_round_trips_and_stops_at_the_depth_limit(packages: dict[str, Any]) -> None:
    modules = packages["recursive"]
    doc: dict[str, Any] = {"field": "f", "value": 1}
    for i in range(90):  # 180 levels of objects and arrays
        doc = {"all": [doc, {"field": str(i), "value": 0.5}]}
    _round_trips(modules, "Group", doc)
    for _ in range(20):
        doc = {"all": [doc]}
    for style in CLASS_STYLES:
        with pytest.raises(ValueError, match="nested|recursion limit"):
            modules[style].MODELS["Group"].from_json(json.dumps(doc))
        with pytest.raises(ValueError, match="nested|recursion limit"):
            modules[style].MODELS["Group"].from_dict(doc)


@pytest.mark.parametrize("which", list(SPECS))
def test_generated_tests_pass_and_mypy_strict_is_clean(packages: dict[str, Any], which: str) -> None:
    package = Path(packages[which]["msgspec"].__file__).parent
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
        capture_output=True,
        text=True,
        cwd=package.parent,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(package / "msgspec_models.py")],
        capture_output=True,
        text=True,
    )
    assert typed.returncode == 0, typed.stdout


@pytest.mark.parametrize("policy", ["forbid", "ignore"])
def test_generated_tests_pass_under_other_policies(policy: str, tmp_path: Path) -> None:
    options = RenderOptions(unknown_keys=UnknownKeys(policy), open_enums=False)
    for which in ("unions", "tags"):
        package = _write(SPECS[which], tmp_path, f"msgspec_unions_{policy}_{which}", options)
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert run.returncode == 0, run.stdout[-3000:]


def test_every_pair_of_options_in_every_style(tmp_path: Path) -> None:
    """Each pair of OPTIONS as a union in a field, a list and a map: the msgspec module is written,
    is clean under mypy --strict, and its generated tests (payloads from Hypothesis, compared
    across every style) pass."""
    assert writable_styles(PAIRS_SPEC, BUILTIN_STYLES) == (BUILTIN_STYLES, [])
    package = _write(PAIRS_SPEC, tmp_path, "msgspec_unions_pairs")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(package / "msgspec_models.py")],
        capture_output=True,
        text=True,
    )
    assert typed.returncode == 0, typed.stdout
