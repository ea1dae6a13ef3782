"""The OpenAI API reference page: a title, a paragraph, a Parameter | Type | Required | Description table.

Types are written in words (``string or null``, ``"auto" or integer``, ``array of string``, ``map``;
see ``openai_wording``): a union with a named member becomes a named union ``<Object><Field>``, and
the description's "one of" list narrows the Type cell where it names members the cell allows.
A fenced code block whose body is JSON (whatever its language tag) is the object's example.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Optional

from generator.dialects.limits import MAX_EXAMPLE_DEPTH, too_deep
from generator.dialects.limits import short as _short
from generator.dialects.openai_wording import (
    WORDS,
    Notation,
    fits,
    named_members,
    one_of,
    parse_notation,
    says_show_possible_types,
)
from generator.dialects.prose import collapse, prose_claims
from generator.model import names
from generator.model.claims import (
    NULLABLE,
    REQUIRED,
    TYPE,
    Claim,
    DocFragments,
    EnumFrag,
    FieldFrag,
    ObjectFrag,
    Strength,
    UnionFrag,
)
from generator.model.diagnostics import Diagnostic, Origin, error, warning
from generator.model.ir import Example, Ref, TypeExpr, UnionOf, type_text
from generator.read.markdown import Block, Cell, CodeBlock, Heading, Paragraph, Table, raw_row_cell_count

NAME = "openai-reference"

HEADER = ("parameter", "type", "required", "description")
_KNOWN = sorted([*WORDS, "null", "array of"])


def _is_header(table: Table) -> bool:
    return tuple(collapse(c.text).lower() for c in table.header) == HEADER


def detect(text: str, blocks: list[Block]) -> bool:
    return any(isinstance(b, Table) and _is_header(b) for b in blocks)


def _did_you_mean(word: str) -> str:
    if len(word) > 40:
        return ""
    close = difflib.get_close_matches(word.lower(), _KNOWN, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class _Section:
    title: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    code: list[CodeBlock] = field(default_factory=list)


def _sections(blocks: list[Block]) -> list[_Section]:
    """Split at headings no deeper than the current title (an "## Example" stays inside its object)."""
    out: list[_Section] = []
    for b in blocks:
        if isinstance(b, Heading) and (not out or b.level <= out[-1].title.level):
            out.append(_Section(b))
        elif not out:
            continue
        elif isinstance(b, Paragraph) and not out[-1].tables:
            out[-1].paragraphs.append(b)
        elif isinstance(b, Table):
            out[-1].tables.append(b)
        elif isinstance(b, CodeBlock):
            out[-1].code.append(b)
    return out


def json_example(block: CodeBlock, diags: list[Diagnostic]) -> Optional[Example]:
    """The block's JSON object, or None if the block is not JSON; a broken JSON body is an E105."""
    body = block.text
    stripped = body.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    first = block.origin.line + 1 + body[: len(body) - len(stripped)].count("\n")
    try:
        value = json.loads(body)
    except json.JSONDecodeError as exc:
        where = Origin(block.origin.path, block.origin.line + exc.lineno, exc.colno)
        diags.append(error("E105", f"example is not valid JSON: {exc.msg}", where))
        return None
    except RecursionError:  # json.loads itself gives up on very deep input
        deep = True
    else:
        deep = too_deep(value)
    if deep:
        msg = f"example nests more than {MAX_EXAMPLE_DEPTH} levels deep"
        diags.append(error("E105", msg, Origin(block.origin.path, first, 1)))
        return None
    if not isinstance(value, dict):
        diags.append(error("E105", "example is not a JSON object", Origin(block.origin.path, first, 1)))
        return None
    return Example(value, Origin(block.origin.path, first, 1), kind="json")


@dataclass
class _Found:
    """What a page yields besides its objects."""

    diags: list[Diagnostic] = field(default_factory=list)
    enums: list[EnumFrag] = field(default_factory=list)
    unions: list[UnionFrag] = field(default_factory=list)


def _field(obj: str, row: tuple[Cell, ...], found: _Found) -> tuple[FieldFrag, Optional[str]]:
    name_c, type_c, req_c, desc_c = row
    wire = collapse(name_c.text).strip("`")
    desc = collapse(desc_c.text)
    claims: list[Claim] = []
    note = parse_notation(type_c.text)
    if note.type is None:
        bad = note.unknown[0]
        found.diags.append(
            error("E201", f"unknown type notation '{_short(bad)}'{_did_you_mean(bad)}", type_c.origin)
        )
    else:
        said = _described_type(f"{obj}.{wire}", note, desc, type_c.origin, found.diags)
        strength = Strength.VAGUE if note.vague and said == note.type else Strength.TABLE
        claims.append(
            Claim(TYPE, _named_union(obj, wire, said, type_c.origin, found), strength, type_c.origin, NAME)
        )
    claims.append(Claim(NULLABLE, note.nullable, Strength.TABLE, type_c.origin, NAME))
    req = collapse(req_c.text).lower()
    if req in ("required", "optional"):
        claims.append(Claim(REQUIRED, req == "required", Strength.TABLE, req_c.origin, NAME))
    else:
        found.diags.append(
            error(
                "E105",
                f"Required column must say Required or Optional, not '{_short(req_c.text)}'",
                req_c.origin,
            )
        )
    more, enum, const = prose_claims(obj, wire, desc, desc_c.origin, NAME)
    claims.extend(more)
    if enum is not None:
        found.enums.append(enum)
    frag = FieldFrag(wire, name_c.origin, tuple(claims), desc)
    return frag, (const if wire == "object" else None)


def _described_type(row: str, note: Notation, desc: str, where: Origin, diags: list[Diagnostic]) -> TypeExpr:
    """The Type cell's type, narrowed by the description's "one of" list when that list names
    members the cell allows; a shortened list, a list that contradicts the cell, or "one of"
    wording whose members cannot be read is a warning naming the row, and the cell's type stays."""
    assert note.type is not None
    cell = type_text(note.type)
    if note.unnamed:
        msg = (
            f"{row}: the Type cell names some members and '{note.unnamed} more' it does not name; "
            f"read as {cell}"
        )
        diags.append(warning("W115", msg, where))
    said = one_of(desc)
    if said is None or said.type is None:
        # only where the cell itself is vague ("object", "array", "string or object"): a cell that
        # names every member needs no sentence
        if note.vague and (said is not None or says_show_possible_types(desc)):
            what = (
                f"'{_short(said.unread)}' (in 'one of {_short(said.written)}') "
                "is not a type or value modelgen reads"
                if said
                else "names no member in a form modelgen reads"
            )
            msg = f"{row}: the description says it is one of several types, but {what}; read as {cell}"
            diags.append(warning("W117", msg, where))
        return note.type
    if fits(said.type, note.type):
        return said.type
    msg = (
        f"{row}: the Type cell says {cell}, the description says one of {type_text(said.type)}; "
        f"keeping the Type cell's {cell}"
    )
    diags.append(warning("W116", msg, where))
    return note.type


def _named_union(obj: str, wire: str, t: TypeExpr, where: Origin, found: _Found) -> TypeExpr:
    """A union with a named type among its members becomes a named union ``<Object><Field>`` (the
    name openapi-generator gives the same inline oneOf), as a union page would; others stay inline."""
    if not isinstance(t, UnionOf) or not named_members(t):
        return t
    name = obj + names.pascal_case(wire)
    found.unions.append(UnionFrag(name, t.options, where, NAME, f"The type of {obj}.{wire}."))
    return Ref(name)


def _object(sec: _Section, path: str, text: str, found: _Found) -> ObjectFrag:
    name = names.title_to_class_name(sec.title.text)
    fields: list[FieldFrag] = []
    seen: set[str] = set()
    constant: Optional[str] = None
    for table in sec.tables:
        if not _is_header(table):
            continue
        for row in table.rows:
            row_origin = Origin(path, row[0].origin.line, 1) if row else table.origin
            if raw_row_cell_count(text, row_origin) != len(HEADER) or len(row) != len(HEADER):
                found.diags.append(error("E105", f"table row does not have {len(HEADER)} cells", row_origin))
                continue
            if not collapse(row[0].text):
                found.diags.append(error("E105", "table row has no parameter name", row[0].origin))
                continue
            frag, const = _field(name, row, found)
            if frag.wire_name in seen:
                found.diags.append(error("E203", f"duplicate parameter '{frag.wire_name}'", frag.origin))
                continue
            seen.add(frag.wire_name)
            fields.append(frag)
            constant = const or constant
    examples = [ex for b in sec.code if (ex := json_example(b, found.diags)) is not None]
    return ObjectFrag(
        name,
        sec.title.origin,
        NAME,
        tuple(fields),
        " ".join(collapse(p.text) for p in sec.paragraphs),
        constant,
        tuple(examples),
    )


def parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    found = _Found()
    objects = [
        _object(sec, path, text, found) for sec in _sections(blocks) if any(map(_is_header, sec.tables))
    ]
    if not objects:
        found.diags.append(
            error("E105", "no Parameter | Type | Required | Description table under a title", Origin(path))
        )
    return DocFragments(
        path, NAME, tuple(objects), tuple(found.enums), tuple(found.diags), tuple(found.unions)
    )
