"""Speakeasy's type words, and its pages that describe a type rather than an object.

- Enum pages, ``## Values``: a bullet list (Python SDKs: ``- `"word"` ``, ``- `100` ``; an open
  enum says "This is an open enum" before the list), a ``| Name | Value |`` table (other SDKs), or
  a TypeScript union ``"a" | "b"`` in a code block.
- Union pages, ``## Supported Types``: one ``### `T` `` heading per member, ``T`` in Python typing
  notation (``models.Foo``, ``List[models.Foo]``, ``str``, ``Dict[str, Any]``).
"""

from __future__ import annotations

import re
from typing import Optional, Union

from generator.dialects import notation, ts_literal
from generator.dialects.limits import short
from generator.dialects.notation import GO_JAVA_WORDS, SHARED_WORDS
from generator.dialects.page import class_name, under, values_frag
from generator.model.claims import EnumFrag, UnionFrag
from generator.model.diagnostics import Diagnostic, Origin, error, warning
from generator.model.ir import AnyType, ListOf, ObjectType, Scalar, TypeExpr
from generator.read.markdown import (
    Block,
    Cell,
    CodeBlock,
    Heading,
    ListItem,
    Paragraph,
    Table,
    raw_row_cell_count,
)

NAME = "speakeasy"

# name → (type, vague): TypeScript and Python words
_WORDS: dict[str, tuple[TypeExpr, bool]] = {
    "string": (Scalar("str"), False),
    "str": (Scalar("str"), False),
    "number": (Scalar("float"), True),  # may be an int
    "integer": (Scalar("int"), False),
    "int": (Scalar("int"), False),
    "bigint": (Scalar("int"), False),
    "float": (Scalar("float"), False),
    "boolean": (Scalar("bool"), False),
    "bool": (Scalar("bool"), False),
    "any": (AnyType(), False),
    "Any": (AnyType(), False),
    "Date": (Scalar("str"), False),
    "date": (Scalar("str"), False),
    "datetime": (Scalar("str"), False),
    "object": (ObjectType(), True),
    "array": (ListOf(AnyType()), True),
    # binary and decimal values travel as strings in JSON
    "bytes": (Scalar("str"), False),
    "bytearray": (Scalar("str"), False),
    "io.BufferedReader": (Scalar("str"), False),
    "Decimal": (Scalar("str"), False),
    "decimal.Decimal": (Scalar("str"), False),
    **SHARED_WORDS,
    **GO_JAVA_WORDS,
}
# Speakeasy's Optional[X] means "may be absent"; Nullable / OptionalNullable say null
VOCABULARY = notation.Vocabulary(_WORDS, optional_is_nullable=False)

_ENUM_HEADER = ("name", "value")
_OPEN = re.compile(r"\bopen enum\b", re.IGNORECASE)
_INT = re.compile(r"-?\d+")

ValuesBlock = Union[Table, CodeBlock, list[ListItem]]


def parse_type(text: str) -> tuple[TypeExpr, bool, bool]:
    """Type notation → (type, vague, says nullable). Raises ValueError on unknown notation."""
    read = notation.parse_type(text, VOCABULARY)
    return read.type, read.vague, read.nullable


def norm(cells: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(c.text.strip().strip("`").lower() for c in cells)


def values_block(body: list[Block]) -> Optional[ValuesBlock]:
    """What lists an enum's values under ``## Values``: a table, a code block or bullet items."""
    items: list[ListItem] = []
    for b in under(body, "values"):
        if isinstance(b, Table) and norm(b.header)[:2] == _ENUM_HEADER:
            return b
        if isinstance(b, CodeBlock) and not items:
            return b
        if isinstance(b, ListItem):
            items.append(b)
    return items or None


def member_headings(body: list[Block]) -> list[Heading]:
    return [b for b in under(body, "supported types") if isinstance(b, Heading) and b.level == 3]


def _item_value(text: str) -> Union[str, int]:
    """`` `"word"` `` → ``word``; `` `100` `` → ``100``; bare text as written."""
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] == "`":
        value = value[1:-1].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return int(value) if _INT.fullmatch(value) else value


def _says_open(body: list[Block]) -> bool:
    return any(isinstance(b, (Paragraph, CodeBlock)) and _OPEN.search(b.text) for b in body)


def read_values(
    path: str, text: str, heading: Heading, body: list[Block], block: ValuesBlock, description: str
) -> tuple[Optional[Union[EnumFrag, UnionFrag]], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    values: list[Union[str, int]] = []
    if isinstance(block, Table):
        for cells in block.rows:
            if len(cells) < 2 or raw_row_cell_count(text, cells[0].origin) != len(block.header):
                where = Origin(path, cells[0].origin.line if cells else block.origin.line, 1)
                diags.append(error("E105", "enum value row does not match its header", where))
                continue
            value = cells[1].text.strip()
            values.append(value[1:-1] if len(value) >= 2 and value[0] == value[-1] == "`" else value)
        origin = block.origin
    elif isinstance(block, CodeBlock):
        parsed = ts_literal.union_strings(block.text)
        origin = block.origin
        if parsed is None:
            msg = "## Values block is not a union of string literals"
            return None, [error("E105", msg, Origin(path, block.origin.line + 1, 1))]
        values.extend(parsed[0])
    else:
        values.extend(_item_value(item.text) for item in block)
        origin = block[0].origin
    if not values:
        return None, diags + [error("E105", "enum page lists no values", origin)]
    name = class_name(heading)
    # Speakeasy writes "This is an open enum" on every open enum's page, in every form (bullets,
    # table, TypeScript union), so a values page without it describes a closed enum
    says_open = _says_open(body)
    frag = values_frag(name, values, not says_open, heading.origin, NAME, description, says_open)
    return frag, diags


def read_union(
    path: str, heading: Heading, members: list[Heading], description: str
) -> tuple[UnionFrag, list[Diagnostic]]:
    """A ``## Supported Types`` page: one member per ``###`` heading."""
    diags: list[Diagnostic] = []
    found: list[TypeExpr] = []
    name = class_name(heading)
    for member in members:
        written = member.text.strip().strip("`").strip()
        try:
            read = notation.parse_type(written, VOCABULARY)
        except ValueError as exc:
            msg = f"{name}: member {short(written)!r} is not a JSON shape ({exc}); " "read as any JSON value"
            diags.append(warning("W114", msg, member.origin))
            t: TypeExpr = AnyType()
        else:
            t = read.type
            if read.item_nullable:
                diags.append(notation.item_null_warning(written, name, member.origin))
        if t not in found:
            found.append(t)
    return UnionFrag(name, tuple(found), heading.origin, NAME, description), diags
