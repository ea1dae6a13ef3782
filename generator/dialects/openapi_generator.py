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

What the page cannot say, read as the generator writes it:

- An empty properties table: the generator lists no ``vars`` for a oneOf/anyOf of non-objects,
  nor for an enum whose values its older templates do not print (a free-form object gets no
  page). Read as a union of any JSON value, with W110, never as an empty object.
- The first cell is the Python attribute name; a reserved or digit-led name is escaped
  (``var_schema``, ``var_123_list``; python-prior ``_return``): read back with W112.
- python-prior: an enum page is one ``value`` row whose Notes say ``must be one of [...]``;
  the ``any string name`` row is its extra-keys row, not a field.
- A row with more cells than the header has an unescaped ``|`` in its description: Notes stays
  the last cell and the rest is joined back into the description (W111).
"""

from __future__ import annotations

import ast
import html
import keyword
import re
from typing import Optional, Union

from generator.dialects import notation, prose
from generator.dialects.limits import short as _short
from generator.dialects.notation import SHARED_WORDS
from generator.dialects.page import class_name, recover_row, sections, undocumented_union, values_frag
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
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, Ref, Scalar, TypeExpr
from generator.model.names import pascal_case
from generator.read.markdown import (
    Block,
    Cell,
    Heading,
    ListItem,
    Paragraph,
    Table,
    raw_row_cell_count,
    source_lines,
)

NAME = "openapi-generator"

_HEADER = ("name", "type", "description", "notes")
_EXTRA_KEYS = "any string name"  # python-prior's row for additional properties, not a field
_ONE_OF = re.compile(r"must be one of (\[.*\])", re.DOTALL)
# the generator's reserved words (it writes var_<word>), besides Python's keywords
_RESERVED = frozenset(w.lower() for w in keyword.kwlist) | {
    "all_params",
    "resource_path",
    "path_params",
    "query_params",
    "header_params",
    "form_params",
    "local_var_files",
    "body_params",
    "auth_settings",
    "property",
    "schema",
    "base64",
    "json",
    "date",
    "float",
    "print",
    "exec",
    "self",
    "none",
    "true",
    "false",
    "async",
    "await",
}
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
    # python-pydantic-v1 and later templates that print pydantic's strict types
    "StrictStr": (Scalar("str"), False),
    "StrictInt": (Scalar("int"), False),
    "StrictFloat": (Scalar("float"), False),
    "StrictBool": (Scalar("bool"), False),
    "StrictBytes": (Scalar("str"), False),
    "Any": (AnyType(), False),
    **SHARED_WORDS,
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


def _is_props_table(text: str, block: Table, after: Optional[Heading]) -> bool:
    if tuple(c.text.strip().lower() for c in block.header) != _HEADER:
        return False
    if after is not None and after.level > 1 and after.text.strip().lower() != "properties":
        return False  # e.g. an API page's "### Parameters" table
    lines = source_lines(text)
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
    return any(_tables(text, body) or _enum_items(body) for _, body in sections(blocks))


# ---------------------------------------------------------------- parsing


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
        shown = _unescape(notation.read_cell(name_c.raw)[0]).strip()
        if not shown:
            self.diags.append(error("E105", "table row without a field name", name_c.origin))
            return None, None
        if shown == _EXTRA_KEYS:
            return None, None
        wire, guessed = _wire_name(shown, name_c.origin)
        if guessed is not None:
            self.diags.append(guessed)
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
        sdk_name = shown if shown != wire else ""
        return FieldFrag(wire, name_c.origin, tuple(claims), desc, sdk_name), constant

    def model(self, heading: Heading, body: list[Block], tables: list[Table]) -> ObjectFrag:
        name = class_name(heading)
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
                    recovered, problem = recover_row(self.text, origin, width, joined=2)
                    self.diags.append(problem)
                    if recovered is None:
                        continue
                    cells = recovered
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
        lines = source_lines(self.text)
        src = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
        ends = src.endswith("|") and not src.endswith("\\|")
        return ends and not src.lstrip().startswith("|")

    def enum(self, heading: Heading, body: list[Block], items: list[ListItem]) -> Union[EnumFrag, UnionFrag]:
        values: list[Union[str, int]] = []
        for item in items:
            m = _ENUM_VALUE.search(item.text)
            if m:
                values.append(_literal(_unescape(m.group("v")).strip()))
        return values_frag(class_name(heading), values, True, heading.origin, NAME, _description(body))


def _literal(text: str) -> Union[str, int]:
    """An enum value as the generator prints it: a Python literal (``'json'``, ``1``) or bare text."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text.strip("'\"")
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else text


def _prior_enum_values(frag: ObjectFrag, table: Table) -> Optional[list[Union[str, int]]]:
    """python-prior enum page: one ``value`` row whose Notes say ``must be one of ["a", "b", ]``."""
    if len(table.rows) != 1 or [f.wire_name for f in frag.fields] != ["value"]:
        return None
    m = _ONE_OF.search(_unescape(table.rows[0][-1].text))
    if m is None:
        return None
    try:
        values = ast.literal_eval(m.group(1))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(values, list) or not values:
        return None
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        return None
    return values


def _wire_name(name: str, origin: Origin) -> tuple[str, Optional[Diagnostic]]:
    """The generator escapes a property name that is a reserved word or starts with a digit
    (``var_return``, ``var_123_list``; python-prior ``_return``, ``_123_list``): read it back."""
    for prefix in ("var_", "_"):
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest and not rest.startswith("_"):
            if rest.lower() in _RESERVED or rest[0].isdigit():
                msg = (
                    f"field {name!r} read as wire name {rest!r}: {prefix!r} is taken for the generator's "
                    "escape of a reserved or digit-led name (a guess; the page does not print the wire "
                    "name, which may differ, e.g. '123-list')"
                )
                return rest, warning("W112", msg, origin)
    return name, None


def _model_or_type(
    b: _Builder, heading: Heading, body: list[Block], tables: list[Table]
) -> Union[ObjectFrag, EnumFrag, UnionFrag]:
    frag = b.model(heading, body, tables)
    if any(t.rows for t in tables):
        values = _prior_enum_values(frag, tables[0]) if len(tables) == 1 else None
        if values is None:
            return frag
        return values_frag(frag.name, values, True, heading.origin, NAME, frag.description)
    union, warned = undocumented_union(
        frag.name,
        heading.origin,
        NAME,
        frag.description,
        "the page has an empty properties table (openapi-generator's page for a oneOf/anyOf of "
        "non-objects, or an enum whose values it does not list)",
    )
    b.diags.append(warned)
    return union


def parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    b = _Builder(path, text)
    found: list[Union[ObjectFrag, EnumFrag, UnionFrag]] = []
    for heading, body in sections(blocks):
        tables = _tables(text, body)
        items = _enum_items(body)
        if tables:
            found.append(_model_or_type(b, heading, body, tables))
        elif items:
            found.append(b.enum(heading, body, items))
    objects = tuple(f for f in found if isinstance(f, ObjectFrag))
    enums = tuple(f for f in found if isinstance(f, EnumFrag))
    unions = tuple(f for f in found if isinstance(f, UnionFrag))
    return DocFragments(path, NAME, objects, enums + tuple(b.enums), tuple(b.diags), unions)
