"""The shared type-notation reader: cells read literally, then parsed with a dialect's vocabulary."""

from __future__ import annotations

import pytest

from generator.dialects import notation
from generator.dialects.openapi_generator import VOCABULARY as OG
from generator.dialects.speakeasy import VOCABULARY as SPEAKEASY
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, Ref, Scalar, UnionOf


@pytest.mark.parametrize(
    ("raw", "text", "links"),
    [
        ('*Literal["__encrypted__"]*', 'Literal["__encrypted__"]', ()),
        (
            "List[[models.AgentTool](../models/agenttool.md)]",
            "List[models.AgentTool]",
            ("../models/agenttool.md",),
        ),
        ("[Optional[models.X]](../models/x.md)", "Optional[models.X]", ("../models/x.md",)),
        ("[**List[Foo]**](Foo.md)", "List[Foo]", ("Foo.md",)),
        ("[**Foo**](.md)", "Foo", (".md",)),
        (
            "[date](https://docs.python.org/3/library/datetime.html#date-objects)",
            "date",
            ("https://docs.python.org/3/library/datetime.html#date-objects",),
        ),
        ("**[str]**", "[str]", ()),
        ("Dict[str, *Any*]", "Dict[str, Any]", ()),
        ("*str*<br/>", "str", ()),
        ("**Dict&lt;str, int&gt;**", "Dict<str, int>", ()),
    ],
)
def test_cells_are_read_literally(raw: str, text: str, links: tuple[str, ...]) -> None:
    assert notation.read_cell(raw) == (text, links)


@pytest.mark.parametrize(
    ("text", "expected", "nullable"),
    [
        ('Literal["__encrypted__"]', LiteralOf(("__encrypted__",)), False),
        ("Literal[True]", LiteralOf((True,)), False),
        ("Optional[Literal[False]]", LiteralOf((False,)), False),
        ("OptionalNullable[str]", Scalar("str"), True),
        ("Nullable[models.Foo]", Ref("Foo"), True),
        ("bytes", Scalar("str"), False),
        ("Union[bytes, IO[bytes], io.BufferedReader]", Scalar("str"), False),
        ("List[List[models.X]]", ListOf(ListOf(Ref("X"))), False),
        ("Dict[str, Any]", MapOf(AnyType()), False),
        ("Optional[Literal['auto']] | int", UnionOf((LiteralOf(("auto",)), Scalar("int"))), False),
        # TypeScript, Go and Java SDK docs
        ("components.Foo[]", ListOf(Ref("Foo")), False),
        ("Record<string, any>", MapOf(AnyType()), False),
        ("string | null", Scalar("str"), True),
        ("[]components.Foo", ListOf(Ref("Foo")), False),
        ("map[string]any", MapOf(AnyType()), False),
        ("[][]int64", ListOf(ListOf(Scalar("int"))), False),
        ("time.Time", Scalar("str"), False),
        ("JsonNullable<? extends String>", Scalar("str"), True),
        ("Optional<? extends List<Foo>>", ListOf(Ref("Foo")), False),
        ("Map<String, Object>", MapOf(AnyType()), False),
    ],
)
def test_speakeasy_notations(text: str, expected: object, nullable: bool) -> None:
    read = notation.parse_type(text, SPEAKEASY)
    assert (read.type, read.nullable) == (expected, nullable)


def test_null_inside_a_container_is_not_the_field_s_null() -> None:
    read = notation.parse_type("Dict[str, Nullable[models.X]]", SPEAKEASY)
    assert (read.type, read.nullable, read.item_nullable) == (MapOf(Ref("X")), False, True)


@pytest.mark.parametrize(
    ("text", "expected", "nullable"),
    [
        ("[str]", ListOf(Scalar("str")), False),
        ("[[int]]", ListOf(ListOf(Scalar("int"))), False),
        ("[(str,)]", ListOf(Scalar("str")), False),
        ("{str: (bool, date, datetime, dict, float, int, list, str, none_type)}", MapOf(AnyType()), False),
        ("bool, date, datetime, dict, float, int, list, str, none_type", AnyType(), True),
        ("file_type", Scalar("str"), False),
        ("str, none_type", Scalar("str"), True),
        ("bytearray", Scalar("str"), False),
        ("decimal.Decimal", Scalar("str"), False),
        ("dict(str, int)", MapOf(Scalar("int")), False),
        ("List[Dict[str, float]]", ListOf(MapOf(Scalar("float"))), False),
        ("Optional[Foo]", Ref("Foo"), True),
    ],
)
def test_openapi_generator_notations(text: str, expected: object, nullable: bool) -> None:
    read = notation.parse_type(text, OG)
    assert (read.type, read.nullable) == (expected, nullable)


@pytest.mark.parametrize(
    "text", ["", "List[", "Foo Bar", "Dict[int, str]", "frobnicate", "List[" * 40 + "str" + "]" * 40]
)
def test_unreadable_notations_are_value_errors(text: str) -> None:
    with pytest.raises(ValueError):
        notation.parse_type(text, OG)
