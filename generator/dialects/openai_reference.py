"""The OpenAI API reference page: a title, a paragraph, a Parameter | Type | Required | Description table.

Types are written in words (``string or null``, ``"auto" or integer``, ``array of string``, ``map``).
A fenced code block whose body is JSON (whatever its language tag) is the object's example.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Optional

from generator.dialects.limits import MAX_EXAMPLE_DEPTH, MAX_TYPE_DEPTH, too_deep
from generator.dialects.limits import short as _short
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
)
from generator.model.diagnostics import Diagnostic, Origin, error
from generator.model.ir import (
    AnyType,
    Example,
    ListOf,
    LiteralOf,
    MapOf,
    ObjectType,
    Scalar,
    TypeExpr,
    UnionOf,
)
from generator.read.markdown import Block, Cell, CodeBlock, Heading, Paragraph, Table, raw_row_cell_count

NAME = "openai-reference"

HEADER = ("parameter", "type", "required", "description")

# Single-word notations: (type, vague). "object"/"array" say too little to stand against a named type.
_WORDS: dict[str, tuple[TypeExpr, bool]] = {
    "string": (Scalar("str"), False),
    "integer": (Scalar("int"), False),
    "number": (Scalar("float"), False),
    "boolean": (Scalar("bool"), False),
    "object": (ObjectType(), True),
    "array": (ListOf(AnyType()), True),
    "map": (MapOf(Scalar("str")), False),
}
_KNOWN = sorted([*_WORDS, "null", "array of"])
_LITERAL = re.compile(r'"([^"]*)"')
_ARRAY_OF = re.compile(r"array\s+of\s+(.+)", re.IGNORECASE)


def _is_header(table: Table) -> bool:
    return tuple(collapse(c.text).lower() for c in table.header) == HEADER


def detect(text: str, blocks: list[Block]) -> bool:
    return any(isinstance(b, Table) and _is_header(b) for b in blocks)


@dataclass(frozen=True)
class Notation:
    """What a Type cell says: the type (None when unknown), whether it is vague, whether null is allowed."""

    type: Optional[TypeExpr]
    vague: bool
    nullable: bool
    unknown: tuple[str, ...] = ()


def _one(word: str) -> tuple[Optional[TypeExpr], bool]:
    """One alternative (not null, not a literal) → (type, vague); (None, False) when unknown."""
    w = word.lower()
    depth = 0
    while (m := _ARRAY_OF.fullmatch(w)) is not None:  # a loop, not recursion: "array of" × 10,000
        w = m.group(1).strip()
        depth += 1
    if w not in _WORDS or depth > MAX_TYPE_DEPTH:
        return None, False
    result, vague = _WORDS[w]
    for _ in range(depth):
        result = ListOf(result)
    return result, vague


def parse_notation(cell: str) -> Notation:
    """``"auto" or integer or null`` → UnionOf((LiteralOf(('auto',)), Scalar('int'))), nullable."""
    parts = [p.strip().strip("`") for p in re.split(r"\s+or\s+", collapse(cell), flags=re.IGNORECASE)]
    options: list[TypeExpr] = []
    literals: list[str] = []
    literal_at = -1
    nullable = vague = False
    unknown: list[str] = []
    for part in parts:
        lit = _LITERAL.fullmatch(part)
        if lit:
            if literal_at < 0:
                literal_at = len(options)
            literals.append(lit.group(1))
        elif part.lower() == "null":
            nullable = True
        else:
            t, v = _one(part)
            if t is None:
                unknown.append(part)
            else:
                options.append(t)
                vague = vague or v
    if literals:
        options.insert(literal_at, LiteralOf(tuple(literals)))
    if unknown or not options:
        return Notation(None, False, nullable, tuple(unknown) or (cell,))
    result = options[0] if len(options) == 1 else UnionOf(tuple(options))
    return Notation(result, vague, nullable)


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


def _field(
    obj: str, row: tuple[Cell, ...], diags: list[Diagnostic], enums: list[EnumFrag]
) -> tuple[FieldFrag, Optional[str]]:
    name_c, type_c, req_c, desc_c = row
    wire = collapse(name_c.text).strip("`")
    claims: list[Claim] = []
    note = parse_notation(type_c.text)
    if note.type is None:
        bad = note.unknown[0]
        diags.append(
            error("E201", f"unknown type notation '{_short(bad)}'{_did_you_mean(bad)}", type_c.origin)
        )
    else:
        strength = Strength.VAGUE if note.vague else Strength.TABLE
        claims.append(Claim(TYPE, note.type, strength, type_c.origin, NAME))
    claims.append(Claim(NULLABLE, note.nullable, Strength.TABLE, type_c.origin, NAME))
    req = collapse(req_c.text).lower()
    if req in ("required", "optional"):
        claims.append(Claim(REQUIRED, req == "required", Strength.TABLE, req_c.origin, NAME))
    else:
        diags.append(
            error(
                "E105",
                f"Required column must say Required or Optional, not '{_short(req_c.text)}'",
                req_c.origin,
            )
        )
    desc = collapse(desc_c.text)
    more, enum, const = prose_claims(obj, wire, desc, desc_c.origin, NAME)
    claims.extend(more)
    if enum is not None:
        enums.append(enum)
    frag = FieldFrag(wire, name_c.origin, tuple(claims), desc)
    return frag, (const if wire == "object" else None)


def _object(
    sec: _Section, path: str, text: str, diags: list[Diagnostic], enums: list[EnumFrag]
) -> ObjectFrag:
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
                diags.append(error("E105", f"table row does not have {len(HEADER)} cells", row_origin))
                continue
            if not collapse(row[0].text):
                diags.append(error("E105", "table row has no parameter name", row[0].origin))
                continue
            frag, const = _field(name, row, diags, enums)
            if frag.wire_name in seen:
                diags.append(error("E203", f"duplicate parameter '{frag.wire_name}'", frag.origin))
                continue
            seen.add(frag.wire_name)
            fields.append(frag)
            constant = const or constant
    examples = [ex for b in sec.code if (ex := json_example(b, diags)) is not None]
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
    diags: list[Diagnostic] = []
    enums: list[EnumFrag] = []
    objects = [
        _object(sec, path, text, diags, enums)
        for sec in _sections(blocks)
        if any(map(_is_header, sec.tables))
    ]
    if not objects:
        diags.append(
            error("E105", "no Parameter | Type | Required | Description table under a title", Origin(path))
        )
    return DocFragments(path, NAME, tuple(objects), tuple(enums), tuple(diags))
