"""openapi-generator (python client) model docs: ``docs/<Name>.md``.

A model page is ``# ClassName``, a description paragraph, ``## Properties`` with a table
``Name | Type | Description | Notes`` (written without leading pipes), a boilerplate
``## Example`` python block (ignored) and a back-links line. An enum page has ``## Enum`` with
items like ``* `SUPERVISED` (value: `'supervised'`)``.

The table states the type (Python typing notation: ``str``, ``List[Foo]``, ``Dict[str, object]``)
and required-ness (``[optional]`` in Notes; an empty Notes cell means required). It cannot state
nullability, so no table-strength NULLABLE claim is made unless the type says ``Optional[...]``.
Descriptions are HTML-escaped by the generator (``&#x60;``, ``\\&quot;``): they are unescaped
before prose reading.
"""

from __future__ import annotations

import html
import re
from typing import Optional, Union

from generator.dialects import notation, prose
from generator.dialects.limits import short as _short
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
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, Ref, Scalar, TypeExpr
from generator.model.names import pascal_case, title_to_class_name
from generator.read.markdown import Block, Cell, Heading, ListItem, Paragraph, Table, raw_row_cell_count

NAME = "openapi-generator"

_HEADER = ("name", "type", "description", "notes")
_ENUM_VALUE = re.compile(r"\(value:\s*`?(?P<v>[^`)]*)`?\s*\)")
_WORDS: dict[str, tuple[TypeExpr, bool]] = {
    "str": (Scalar("str"), False),
    "int": (Scalar("int"), False),
    "float": (Scalar("float"), False),
    "bool": (Scalar("bool"), False),
    "datetime": (Scalar("str"), False),
    "date": (Scalar("str"), False),
    "object": (AnyType(), False),
    # binary and decimal values travel as strings in JSON; file_type is python-prior's upload
    "bytearray": (Scalar("str"), False),
    "bytes": (Scalar("str"), False),
    "file_type": (Scalar("str"), False),
    "decimal.Decimal": (Scalar("str"), False),
    # python-prior: a bare dict / list is free-form
    "dict": (MapOf(AnyType()), False),
    "list": (ListOf(AnyType()), False),
}
# openapi-generator's Optional[X] (python-legacy) is "may be None"
VOCABULARY = notation.Vocabulary(_WORDS, optional_is_nullable=True)


def _unescape(text: str) -> str:
    """Decode HTML entities (markdown-it leaves ``\\&quot;`` as the literal ``&quot;``)."""
    return " ".join(html.unescape(text).split())


def parse_type(text: str) -> tuple[TypeExpr, bool]:
    """Type notation → (type, says Optional). Raises ValueError on unknown notation."""
    read = notation.parse_type(text, VOCABULARY)
    return read.type, read.nullable


# ---------------------------------------------------------------- detection


def _sections(blocks: list[Block]) -> list[tuple[Heading, list[Block]]]:
    """Blocks grouped under each level-1 heading (blocks before the first one are dropped)."""
    out: list[tuple[Heading, list[Block]]] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            out.append((b, []))
        elif out:
            out[-1][1].append(b)
    return out


def _is_props_table(text: str, block: Table, after: Optional[Heading]) -> bool:
    if tuple(c.text.strip().lower() for c in block.header) != _HEADER:
        return False
    if after is not None and after.level > 1 and after.text.strip().lower() != "properties":
        return False  # e.g. an API page's "### Parameters" table
    lines = text.splitlines()
    line = lines[block.origin.line - 1] if 0 < block.origin.line <= len(lines) else ""
    return not line.lstrip().startswith("|")


def _enum_items(body: list[Block]) -> Optional[list[ListItem]]:
    """List items under ``## Enum`` carrying ``(value: …)``, or None when there is no such list."""
    in_enum = False
    items: list[ListItem] = []
    for b in body:
        if isinstance(b, Heading):
            in_enum = b.text.strip().lower() == "enum"
        elif in_enum and isinstance(b, ListItem) and _ENUM_VALUE.search(b.text):
            items.append(b)
    return items or None


def _tables(text: str, body: list[Block]) -> list[Table]:
    found: list[Table] = []
    last: Optional[Heading] = None
    for b in body:
        if isinstance(b, Heading):
            last = b
        elif isinstance(b, Table) and _is_props_table(text, b, last):
            found.append(b)
    return found


def detect(text: str, blocks: list[Block]) -> bool:
    return any(_tables(text, body) or _enum_items(body) for _, body in _sections(blocks))


# ---------------------------------------------------------------- parsing


def _class_name(heading: Heading) -> str:
    name = heading.text.strip().rsplit(".", 1)[-1].strip()
    return name if name.isidentifier() else title_to_class_name(heading.text)


def _description(body: list[Block]) -> str:
    paras: list[str] = []
    for b in body:
        if isinstance(b, Heading):
            break
        if isinstance(b, Paragraph):
            paras.append(_unescape(b.text))
    return "\n\n".join(p for p in paras if p)


class _Builder:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.diags: list[Diagnostic] = []
        self.enums: list[EnumFrag] = []

    def claim(self, attr: str, value: Union[TypeExpr, bool], strength: Strength, origin: Origin) -> Claim:
        return Claim(attr, value, strength, origin, NAME)

    def row(self, obj_name: str, cells: tuple[Cell, ...]) -> tuple[Optional[FieldFrag], Optional[str]]:
        name_c, type_c, desc_c, notes_c = cells
        wire = _unescape(name_c.text).strip("`* ")
        if not wire:
            self.diags.append(error("E105", "table row without a field name", name_c.origin))
            return None, None
        claims: list[Claim] = []
        written, _ = notation.read_cell(type_c.raw)
        try:
            read = notation.parse_type(written, VOCABULARY)
        except ValueError as exc:
            msg = f"unknown type notation {_short(written)!r} for {_short(wire)!r}: {exc}"
            self.diags.append(error("E201", msg, type_c.origin))
        else:
            claims.append(self.claim(TYPE, read.type, Strength.TABLE, type_c.origin))
            if read.nullable:
                claims.append(self.claim(NULLABLE, True, Strength.TABLE, type_c.origin))
            if read.item_nullable:
                self.diags.append(notation.item_null_warning(written, wire, type_c.origin))
        notes = _unescape(notes_c.text).lower()
        claims.append(self.claim(REQUIRED, "[optional]" not in notes, Strength.TABLE, notes_c.origin))
        desc = _unescape(desc_c.text)
        constant: Optional[str] = None
        values = prose.enum_values(desc)
        if values:
            enum_name = obj_name + pascal_case(wire)
            self.enums.append(EnumFrag(enum_name, values, desc_c.origin, NAME, desc))
            claims.append(self.claim(TYPE, Ref(enum_name), Strength.PROSE, desc_c.origin))
        const = prose.constant(desc)
        if const is not None:
            claims.append(self.claim(TYPE, LiteralOf((const,)), Strength.PROSE, desc_c.origin))
            if wire == "object":
                constant = const
        if prose.says_nullable(desc):
            claims.append(self.claim(NULLABLE, True, Strength.PROSE, desc_c.origin))
        return FieldFrag(wire, name_c.origin, tuple(claims), desc), constant

    def model(self, heading: Heading, body: list[Block], tables: list[Table]) -> ObjectFrag:
        name = _class_name(heading)
        fields: list[FieldFrag] = []
        seen: dict[str, Origin] = {}
        constant: Optional[str] = None
        for table in tables:
            width = len(table.header)
            for cells in table.rows:
                origin = cells[0].origin if cells else table.origin
                count = raw_row_cell_count(self.text, origin)
                if count == width - 1 and self._trailing_pipe(origin.line):
                    count = width  # "desc | " : the generator's way of writing an empty Notes cell
                if count != width or len(cells) != width:
                    where = Origin(self.path, origin.line, 1)
                    msg = f"table row has {count} cells, the header has {width}"
                    self.diags.append(error("E105", msg, where))
                    continue
                frag, const = self.row(name, cells)
                if frag is None:
                    continue
                if frag.wire_name in seen:
                    first = seen[frag.wire_name]
                    msg = f"field {frag.wire_name!r} listed twice (first at line {first.line})"
                    self.diags.append(error("E203", msg, frag.origin))
                    continue
                seen[frag.wire_name] = frag.origin
                fields.append(frag)
                constant = constant or const
        return ObjectFrag(name, heading.origin, NAME, tuple(fields), _description(body), constant)

    def _trailing_pipe(self, line: int) -> bool:
        lines = self.text.splitlines()
        src = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
        ends = src.endswith("|") and not src.endswith("\\|")
        return ends and not src.lstrip().startswith("|")

    def enum(self, heading: Heading, body: list[Block], items: list[ListItem]) -> EnumFrag:
        values: list[str] = []
        for item in items:
            m = _ENUM_VALUE.search(item.text)
            if m:
                values.append(_unescape(m.group("v")).strip().strip("'\""))
        return EnumFrag(_class_name(heading), tuple(values), heading.origin, NAME, _description(body))


def parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    b = _Builder(path, text)
    objects: list[ObjectFrag] = []
    enums: list[EnumFrag] = []
    for heading, body in _sections(blocks):
        tables = _tables(text, body)
        items = _enum_items(body)
        if tables:
            objects.append(b.model(heading, body, tables))
        elif items:
            enums.append(b.enum(heading, body, items))
    return DocFragments(path, NAME, tuple(objects), tuple(enums + b.enums), tuple(b.diags))
