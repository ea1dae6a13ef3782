"""The OpenAI reference's union wording: Type cells with named members, shortened lists, and the
description's "one of" list; read into unions (named when a member is a named type), or a warning
naming the row where the wording is too vague."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects import openai_reference as d
from generator.dialects.openai_wording import fits, one_of, parse_notation
from generator.model.claims import TYPE, DocFragments, Strength
from generator.model.ir import AnyType, ListOf, LiteralOf, ObjectType, Ref, Scalar, UnionDef, UnionOf
from generator.pipeline import load_spec
from generator.read.markdown import parse_blocks

HEAD = "| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"


def run(*rows: str, title: str = "# The chat message object") -> DocFragments:
    text = f"{title}\nA message.\n\n{HEAD}" + "".join(r + "\n" for r in rows)
    return d.parse("doc.md", text, parse_blocks(text, "doc.md"))


def table_type(frags: DocFragments) -> tuple[object, Strength]:
    (claim,) = [c for c in frags.objects[0].fields[0].claims if c.attr == TYPE]
    return claim.value, claim.strength


@pytest.mark.parametrize(
    "cell, expected, nullable",
    [
        (
            "string or array of ChatCompletionContentPartText",
            UnionOf((Scalar("str"), ListOf(Ref("ChatCompletionContentPartText")))),
            False,
        ),
        ("string / array / null", UnionOf((Scalar("str"), ListOf(AnyType()))), True),
        ("array of object { finish_reason, index, 2 more }", ListOf(ObjectType()), False),
        (
            '"text/plain" or "a, b" or integer',
            UnionOf((LiteralOf(("text/plain", "a, b")), Scalar("int"))),
            False,
        ),
        ('"stop" or "length" or 2 more', Scalar("str"), False),
        ("integer or 3 more", UnionOf((Scalar("int"), AnyType())), False),
    ],
)
def test_type_cells_as_the_reference_writes_them(cell: str, expected: object, nullable: bool) -> None:
    note = parse_notation(cell)
    assert (note.type, note.nullable, note.unknown) == (expected, nullable, ())


def test_a_named_member_makes_a_named_union_of_the_object_and_field() -> None:
    frags = run(
        '| tool_choice | "none" or "auto" or ChatCompletionNamedToolChoice | Optional | Which tool. |'
    )
    assert table_type(frags) == (Ref("ChatMessageToolChoice"), Strength.TABLE)
    (union,) = frags.unions
    assert (union.name, union.members) == (
        "ChatMessageToolChoice",
        (LiteralOf(("none", "auto")), Ref("ChatCompletionNamedToolChoice")),
    )
    assert frags.diagnostics == ()


def test_a_shortened_list_is_its_scalar_with_a_warning_naming_the_row() -> None:
    frags = run('| finish_reason | "stop" or "length" or 2 more | Required | Why it stopped. |')
    assert table_type(frags) == (Scalar("str"), Strength.TABLE)
    assert [(x.code, x.origin.line) for x in frags.diagnostics] == [("W115", 6)]
    assert "ChatMessage.finish_reason" in frags.diagnostics[0].message


def test_one_of_in_the_description_narrows_the_type_cell() -> None:
    frags = run("| n_epochs | string or integer | Optional | Epochs. One of `auto` or an integer. |")
    assert table_type(frags) == (UnionOf((LiteralOf(("auto",)), Scalar("int"))), Strength.TABLE)
    assert frags.diagnostics == ()


def test_one_of_named_types_on_an_object_cell_is_a_named_union() -> None:
    frags = run(
        "| response_format | object | Optional | The format. One of TextFormat or JsonSchemaFormat. |"
    )
    assert table_type(frags) == (Ref("ChatMessageResponseFormat"), Strength.TABLE)
    assert frags.unions[0].members == (Ref("TextFormat"), Ref("JsonSchemaFormat"))


@pytest.mark.parametrize(
    "row, code",
    [
        ("| seed | integer | Optional | The seed. One of `auto` or an integer. |", "W116"),
        ("| tool_choice | string or object | Optional | Which tool. Show possible types |", "W117"),
        (
            "| input | string or array | Optional | Can be one of the following: a string or an array of tokens. |",
            "W117",
        ),
    ],
)
def test_vague_or_contradicting_wording_is_a_warning_and_the_cell_stays(row: str, code: str) -> None:
    frags = run(row)
    cell = parse_notation(row.split("|")[2]).type
    assert table_type(frags)[0] == cell
    assert [x.code for x in frags.diagnostics] == [code]
    assert frags.diagnostics[0].message.startswith("ChatMessage.")


def test_a_cell_that_names_every_member_needs_no_sentence() -> None:
    frags = run('| n | "auto" or integer | Optional | The number. Show possible types |')
    assert table_type(frags) == (UnionOf((LiteralOf(("auto",)), Scalar("int"))), Strength.TABLE)
    assert frags.diagnostics == ()


def test_ordinary_prose_with_one_of_is_no_union_and_no_warning() -> None:
    assert one_of("You can use one of the models listed by the List models API.") is None
    assert one_of("Can be one of `a`, `b` or `c`.") is None  # values only: an enum, read by prose
    frags = run("| model | string | Required | Use one of the models listed by the API. |")
    assert table_type(frags) == (Scalar("str"), Strength.TABLE) and frags.diagnostics == ()


def test_fits() -> None:
    assert fits(LiteralOf(("auto",)), Scalar("str")) and fits(Ref("A"), ObjectType())
    assert fits(UnionOf((LiteralOf(("auto",)), Scalar("int"))), UnionOf((Scalar("str"), Scalar("int"))))
    assert not fits(LiteralOf(("auto",)), Scalar("int")) and not fits(Scalar("str"), ObjectType())


def test_a_named_union_of_tagged_pages_resolves_discriminated(tmp_path: Path) -> None:
    (tmp_path / "choice.md").write_text(
        f"# The choice object\nA choice.\n\n{HEAD}"
        "| format | TextFormat or JsonFormat | Required | The format. |\n",
        encoding="utf-8",
    )
    for name, tag in (("TextFormat", "text"), ("JsonFormat", "json_object")):
        (tmp_path / f"{name}.md").write_text(
            f'# {name}\nA format.\n\n{HEAD}| type | string | Required | The type, which is always "{tag}". |\n',
            encoding="utf-8",
        )
    spec, diags = load_spec(tmp_path)
    assert spec is not None, diags
    union = spec.get("ChoiceFormat")
    assert isinstance(union, UnionDef)
    assert (union.members, union.discriminator) == ((Ref("TextFormat"), Ref("JsonFormat")), "type")
