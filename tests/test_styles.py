"""Unit tests of the per-style decisions in generator/styles.py (no rendering)."""

from __future__ import annotations

import ast

import pytest

from generator.emit.annotations import annotation, field_annotation, field_default
from generator.emit.options import RenderOptions, UnknownKeys
from generator.emit.registry import style_named
from generator.emit.styles import (
    build_module,
    check_names,
    enum_member_names,
    field_order,
    loader_names,
    model_doc,
    typeddict_needs_functional,
    typing_imports,
)
from generator.model.ir import (
    AnyType,
    EnumDef,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ObjectType,
    Ref,
    Scalar,
    Spec,
    UnionOf,
)
from generator.pysrc.literals import docstring

OPEN = EnumDef("Color", ("red", "blue"))
CLOSED = EnumDef("Shape", ("circle",), open=False)
INNER = Model("Inner", (Field("name", "name", Scalar("str"), True, False),))
SPEC = Spec((OPEN, CLOSED, INNER))
DEFAULT = RenderOptions()


def fld(t: object, required: bool = True, nullable: bool = False, wire: str = "x", py: str = "x") -> Field:
    return Field(wire, py, t, required, nullable)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# docstrings and strings


HOSTILE = [
    'ends with a quote "',
    'two quotes ""',
    'triple """ inside',
    'six """""" quotes',
    "a backslash \\ and \\n that is not a newline",
    "ends with a backslash \\",
    "nul \x00 and bell \x07 and del \x7f",
    '"""); import os; os.system("x"); ("""',
    "'''single triple'''",
    'quote at the start " and \\" escaped-looking',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_docstring_evaluates_back_to_the_text(text: str) -> None:
    literal = docstring(text)
    assert literal.startswith('"""') and literal.endswith('"""')
    # black pads a leading or trailing quote with a space; the text is otherwise intact
    assert ast.literal_eval(literal).strip(" ") == " ".join(text.split())
    # as a class docstring too, inside a module that must parse to exactly one class
    tree = ast.parse(f"class A:\n    {docstring(text, '    ')}\n")
    assert len(tree.body) == 1 and len(tree.body[0].body) == 1  # type: ignore[attr-defined]


def test_docstring_wraps_and_indents_long_text() -> None:
    text = "word " * 60
    literal = docstring(text, "    ")
    lines = literal.splitlines()
    assert len(lines) > 2
    assert all(line.startswith("    ") for line in lines[1:])
    assert all(len(line) <= 4 + 96 + 3 for line in lines)
    assert " ".join(ast.literal_eval(literal).split()) == text.strip()


def test_docstring_keeps_paragraphs_and_empty_text_is_empty() -> None:
    assert docstring("") == ""
    assert docstring("  \n ") == ""
    value = ast.literal_eval(docstring("one\n\ntwo"))
    assert value == "one\n\ntwo\n"


# ---------------------------------------------------------------------------------------------
# enum member names


def test_enum_member_names_are_upper_snake() -> None:
    assert enum_member_names(("validating_files", "fine_tuning.job", "inProgress")) == (
        "VALIDATING_FILES",
        "FINE_TUNING_JOB",
        "IN_PROGRESS",
    )


def test_enum_member_names_make_identifiers_and_resolve_collisions() -> None:
    names = enum_member_names(("1x", "", "a-b", "a_b", "A B", "é", "__", "None", "mro"))
    assert names == ("VALUE_1X", "EMPTY", "A_B", "A_B_2", "A_B_3", "VALUE", "VALUE_2", "NONE", "MRO_")
    assert all(n.isidentifier() for n in names)
    assert len(set(names)) == len(names)


# ---------------------------------------------------------------------------------------------
# annotations, defaults, order


@pytest.mark.parametrize(
    ("t", "style", "expected"),
    [
        (Scalar("str"), "dataclass", "str"),
        (Scalar("float"), "attrs", "float"),
        (Scalar("float"), "pydantic", "Union[StrictInt, StrictFloat]"),
        (Scalar("bool"), "pydantic", "StrictBool"),
        (AnyType(), "typeddict", "Any"),
        (ObjectType(), "dataclass", "dict[str, Any]"),
        (ListOf(Ref("Inner")), "dataclass", "list[Inner]"),
        (MapOf(Scalar("int")), "pydantic", "dict[str, StrictInt]"),
        (LiteralOf(("fine_tuning.job",)), "attrs", 'Literal["fine_tuning.job"]'),
        (UnionOf((LiteralOf(("auto",)), Scalar("int"))), "dataclass", 'Union[Literal["auto"], int]'),
        (
            UnionOf((LiteralOf(("auto",)), Scalar("float"))),
            "pydantic",
            'Union[StrictInt, StrictFloat, Literal["auto"]]',  # the types first
        ),
        (Ref("Color"), "dataclass", "Union[Color, str]"),
        (
            Ref("Color"),
            "pydantic",
            'Annotated[Union[Color, StrictStr], Field(union_mode="left_to_right"), _STR_OUT]',
        ),
        (Ref("Color"), "typeddict", "Color"),
        (Ref("Shape"), "attrs", "Shape"),
        (Ref("Inner"), "pydantic", "Inner"),
    ],
)
def test_annotation(t: object, style: str, expected: str) -> None:
    assert annotation(t, SPEC, style_named(style), DEFAULT) == expected  # type: ignore[arg-type]


def test_closed_enums_by_option() -> None:
    assert (
        annotation(Ref("Color"), SPEC, style_named("dataclass"), RenderOptions(open_enums=False)) == "Color"
    )


@pytest.mark.parametrize(
    ("required", "nullable", "style", "expected"),
    [
        (True, False, "dataclass", "str"),
        (True, True, "dataclass", "Optional[str]"),
        (False, True, "attrs", "Union[str, None, UnsetType]"),
        (False, False, "dataclass", "Union[str, UnsetType]"),
        (True, False, "pydantic", "StrictStr"),
        (True, True, "pydantic", "Optional[StrictStr]"),
        (False, True, "pydantic", "Optional[StrictStr]"),
        (False, False, "pydantic", "Annotated[Optional[StrictStr], _NOT_NULL]"),
        (False, False, "typeddict", "str"),
        (False, True, "typeddict", "Optional[str]"),
    ],
)
def test_field_annotation_required_and_nullable_are_independent(
    required: bool, nullable: bool, style: str, expected: str
) -> None:
    assert (
        field_annotation(fld(Scalar("str"), required, nullable), SPEC, style_named(style), DEFAULT)
        == expected
    )


def test_pydantic_scalar_unions_serialize_by_their_value() -> None:
    auto = UnionOf((LiteralOf(("auto",)), Scalar("int")))
    assert field_annotation(fld(auto, required=False), SPEC, style_named("pydantic"), DEFAULT) == (
        'Annotated[Union[StrictInt, Literal["auto"], None], _NOT_NULL, _SCALAR]'
    )
    assert field_annotation(fld(Scalar("float")), SPEC, style_named("pydantic"), DEFAULT) == (
        "Annotated[Union[StrictInt, StrictFloat], _SCALAR]"
    )
    assert field_annotation(fld(auto, nullable=True), SPEC, style_named("pydantic"), DEFAULT) == (
        'Annotated[Union[StrictInt, Literal["auto"], None], _SCALAR]'
    )


def test_pydantic_any_field_rejects_null_unless_nullable() -> None:
    assert (
        field_annotation(fld(AnyType()), SPEC, style_named("pydantic"), DEFAULT)
        == "Annotated[Any, BeforeValidator(_not_null)]"
    )
    assert (
        field_annotation(fld(AnyType(), nullable=True), SPEC, style_named("pydantic"), DEFAULT)
        == "Optional[Any]"
    )


def test_field_default() -> None:
    assert field_default(fld(Scalar("str")), style_named("dataclass")) == ""
    assert field_default(fld(Scalar("str"), required=False), style_named("attrs")) == " = UNSET"
    assert field_default(fld(Scalar("str"), required=False), style_named("pydantic")) == " = None"
    assert (
        field_default(fld(Scalar("str"), wire="type", py="type_"), style_named("pydantic"))
        == ' = Field(alias="type")'
    )
    assert (
        field_default(fld(Scalar("str"), required=False, wire="class", py="class_"), style_named("pydantic"))
        == ' = Field(default=None, alias="class")'
    )
    assert field_default(fld(Scalar("str"), required=False), style_named("typeddict")) == ""


def test_field_order_dataclass_puts_required_first_stably() -> None:
    a, b, c, d = (
        fld(Scalar("str"), req, wire=n, py=n)
        for n, req in [("a", False), ("b", True), ("c", False), ("d", True)]
    )
    model = Model("M", (a, b, c, d))
    assert [f.py_name for f in field_order(model, style_named("dataclass"))] == ["b", "d", "a", "c"]
    assert [f.py_name for f in field_order(model, style_named("attrs"))] == ["a", "b", "c", "d"]


# ---------------------------------------------------------------------------------------------
# module-level decisions


def test_typing_imports_follow_use() -> None:
    assert "Literal" not in typing_imports(style_named("dataclass"), ["str"])
    assert "Literal" in typing_imports(style_named("dataclass"), ["Literal['a']"])
    assert "Annotated" in typing_imports(
        style_named("pydantic"), ["Annotated[Any, BeforeValidator(_not_null)]"]
    )
    assert "TypedDict" in typing_imports(style_named("typeddict"), [])
    assert "Final" in typing_imports(style_named("typeddict"), [])  # the runtime's _ABSENT


def test_loader_names_are_unique() -> None:
    spec = Spec((Model("FooBar", ()), Model("Foo_Bar", ())))
    assert loader_names(spec) == {"FooBar": "load_foo_bar", "Foo_Bar": "load_foo_bar_2"}


def test_typeddict_functional_syntax_when_a_key_is_not_a_safe_name() -> None:
    plain = Model("M", (fld(Scalar("str"), wire="type", py="type_"), fld(Scalar("str"), wire="id", py="id_")))
    assert not typeddict_needs_functional(plain, SPEC)
    for wire in ("class", "dash-key", "str", "Inner", "ünï"):
        assert typeddict_needs_functional(Model("M", (fld(Scalar("str"), wire=wire, py="p"),)), SPEC), wire


def test_reserved_model_names_are_refused() -> None:
    with pytest.raises(ValueError, match="Field"):
        check_names(Spec((Model("Field", ()),)))
    with pytest.raises(ValueError, match="ValidationError"):
        check_names(Spec((EnumDef("ValidationError", ("a",)),)))


def test_typeddict_docstring_lists_the_keys() -> None:
    model = Model("M", (Field("k", "k", Scalar("str"), True, False, "the key"),), "A model.")
    doc = ast.literal_eval(model_doc(model, style_named("typeddict")).strip())
    assert "A model." in doc and "``k``: the key" in doc


def test_build_module_views() -> None:
    later = Model("Early", (fld(Ref("Late"), wire="late", py="late"),))
    spec = Spec((OPEN, CLOSED, later, Model("Late", (fld(Scalar("int"), required=False),))))
    view = build_module(spec, style_named("pydantic"), RenderOptions(unknown_keys="forbid"))
    assert [m.rebuild for m in view.models] == [True, False]
    assert view.pydantic_extra == '"forbid"'
    assert view.all_names == ('"Color"', '"Shape"', '"Early"', '"Late"', '"MODELS"')
    dc = build_module(spec, style_named("dataclass"), DEFAULT)
    assert dc.models[0].fields[0].var == "v0" and dc.models[0].fields[0].binding == ""
    assert dc.models[1].keys_src == 'frozenset(("x",))' and dc.models[1].count == "n"
    assert dc.pydantic_extra == '"allow"' and dc.runtime_unset
    td = build_module(spec, style_named("typeddict"), DEFAULT)
    assert td.enums[0].alias == 'Union[Literal["red", "blue"], str]'
    assert td.enums[1].alias == 'Literal["circle"]'

    assert td.models[1].optional_base == "_LateOptional" and td.models[0].optional_base == ""


def test_unknown_style_and_policy_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="marshmallow.*known: dataclass, attrs"):
        style_named("marshmallow")
    with pytest.raises(ValueError, match="'drop'.*keep, ignore, forbid"):
        RenderOptions(unknown_keys="drop")  # type: ignore[arg-type]
    assert RenderOptions(unknown_keys="forbid").unknown_keys is UnknownKeys.FORBID  # type: ignore[arg-type]
