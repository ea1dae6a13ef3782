"""What a union's type says is invalid is rejected in every style, with the path: an explicit null
where a union that has an Any member is not nullable, and a bool where only int literals (or an int
where only ``True``) are allowed ("bool is never an int")."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.emit.registry import BUILTIN_STYLES
from generator.emit.tree import build_tree, writable_styles
from generator.model.ir import (
    AnyType,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    Ref,
    Scalar,
    Spec,
    UnionDef,
    UnionOf,
)


def fld(wire: str, t: Any, required: bool = False, nullable: bool = False) -> Field:
    return Field(wire, wire, t, required, nullable)


# a union item with an Any member, and one with a free-form map beside an Any
LOOSE = UnionDef("Loose", (Scalar("str"), AnyType()))
FREE = UnionDef("Free", (MapOf(AnyType()), Ref("Loose")))
ROW = Model(
    "Row",
    (
        fld("loose_req", Ref("Loose"), required=True),
        fld("loose", Ref("Loose")),
        fld("free", Ref("Free")),
        fld("inline", UnionOf((Scalar("str"), AnyType()))),
        fld("maybe", Ref("Loose"), nullable=True),
        fld("loose_items", ListOf(Ref("Loose"))),
        fld("number", UnionOf((Scalar("float"), LiteralOf((1, 2))))),
        fld("ints", LiteralOf((1, 2))),
        fld("zero", LiteralOf((0,))),
        fld("text_or_int", UnionOf((Scalar("str"), LiteralOf((1, 2))))),
        fld("yes", LiteralOf((True,))),
        fld("int_or_yes", UnionOf((Scalar("int"), LiteralOf((True,))))),
        fld("mixed", LiteralOf(("a", 1, False))),
    ),
)
SPEC = Spec((LOOSE, FREE, ROW))

GOOD_DOCS: list[dict[str, Any]] = [
    {"loose_req": "x", "loose": {"a": [1, None]}, "free": {"k": None}, "inline": 3, "maybe": None},
    {"loose_req": [None], "free": "s", "loose_items": ["a", None, 2], "number": 1, "ints": 2, "zero": 0},
    {"loose_req": 1, "number": 2.5, "text_or_int": "t", "yes": True, "int_or_yes": 7, "mixed": False},
    {"loose_req": 1, "text_or_int": 1, "int_or_yes": True, "mixed": "a"},
    {"loose_req": 1, "mixed": 1},
]
# (the bad key, its value): every style must refuse it and name the key
BAD_VALUES: list[tuple[str, Any]] = [
    ("loose_req", None),
    ("loose", None),
    ("free", None),
    ("inline", None),
    ("number", True),
    ("number", False),
    ("ints", True),
    ("zero", False),
    ("text_or_int", True),
    ("yes", 1),
    ("yes", 1.0),
    ("int_or_yes", 1.0),
    ("mixed", True),
    ("mixed", 0),
]


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("strict_unions")
    styles, _ = writable_styles(SPEC, BUILTIN_STYLES)
    assert set(styles) == set(BUILTIN_STYLES)
    for name, text in build_tree(SPEC, styles).items():
        path = root / "strict_union_pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    sys.path.insert(0, str(root))
    try:
        return {s: importlib.import_module(f"strict_union_pkg.{s}_models") for s in styles}
    finally:
        sys.path.remove(str(root))


@pytest.mark.parametrize("index", range(len(GOOD_DOCS)))
def test_valid_documents_round_trip_in_every_style(modules: dict[str, Any], index: int) -> None:
    doc = GOOD_DOCS[index]
    for style, module in modules.items():
        row = module.MODELS["Row"]
        if style == "typeddict":
            assert row(json.loads(json.dumps(doc))) == doc
            continue
        assert row.from_dict(doc).to_dict() == doc, style
        assert json.loads(row.from_json(json.dumps(doc)).to_json()) == doc, style


@pytest.mark.parametrize(("key", "value"), BAD_VALUES)
def test_invalid_values_are_rejected_with_the_path_in_every_style(
    modules: dict[str, Any], key: str, value: Any
) -> None:
    doc = {"loose_req": "x", key: value}
    accepted = []
    for style, module in modules.items():
        row = module.MODELS["Row"]
        loads = (
            [(row, doc)] if style == "typeddict" else [(row.from_dict, doc), (row.from_json, json.dumps(doc))]
        )
        for load, data in loads:
            try:
                load(data)
            except ValueError as error:
                assert key in str(error), (style, str(error))
            else:
                accepted.append(style)
    assert not accepted, f"{key}={value!r} accepted by {accepted}"


def test_pydantic_json_schema_keeps_the_literals(modules: dict[str, Any]) -> None:
    properties = modules["pydantic"].Row.model_json_schema()["properties"]
    assert properties["ints"]["enum"] == [1, 2]
    assert properties["yes"]["const"] is True


def test_generated_tests_pass_and_mypy_strict_is_clean(modules: dict[str, Any]) -> None:
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


# a union told apart by an int tag: 1 and 2 are tags, true and 1.0 are not
ONE = Model("One", (fld("v", LiteralOf((1,)), required=True), fld("x", Scalar("str"), required=True)))
TWO = Model("Two", (fld("v", LiteralOf((2,)), required=True), fld("y", Scalar("int"), required=True)))
NUMBERED = UnionDef("Numbered", (Ref("One"), Ref("Two")), discriminator="v")
HOLDER = Model("Holder", (fld("item", Ref("Numbered"), required=True),))
INT_TAGGED = Spec((ONE, TWO, NUMBERED, HOLDER))


def test_an_int_tag_takes_no_bool_and_no_float(tmp_path: Path) -> None:
    styles, _ = writable_styles(INT_TAGGED, BUILTIN_STYLES)
    assert set(styles) == set(BUILTIN_STYLES)
    for name, text in build_tree(INT_TAGGED, styles).items():
        path = tmp_path / "int_tag_pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    sys.path.insert(0, str(tmp_path))
    try:
        modules = {s: importlib.import_module(f"int_tag_pkg.{s}_models") for s in styles}
    finally:
        sys.path.remove(str(tmp_path))
    for style, module in modules.items():
        holder = module.MODELS["Holder"]
        load = holder if style == "typeddict" else holder.from_dict
        for good in ({"v": 1, "x": "a"}, {"v": 2, "y": 3}):
            loaded = load({"item": good})
            assert (loaded if style == "typeddict" else loaded.to_dict()) == {"item": good}, style
        for bad in ({"v": True, "x": "a"}, {"v": 1.0, "x": "a"}, {"v": False, "y": 3}):
            with pytest.raises(ValueError, match="item"):
                load({"item": bad})
            if style != "typeddict":
                with pytest.raises(ValueError, match="item"):
                    holder.from_json(json.dumps({"item": bad}))
    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "int_tag_pkg" / "tests"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
