"""Speakeasy SDK model docs: ``docs/models/shared/<name>.md`` and ``docs/models/components/<name>.md``.

A model page is ``# ClassName``, a description paragraph, optionally ``## Example Usage`` with a
TypeScript ``let value: ClassName = {...};`` block, and ``## Fields`` with a table
``Field | Type | Required | Description`` (newer generators add an ``Example`` column). An enum
page has ``## Values`` and a union page ``## Supported Types`` (both read in ``speakeasy_types``).
Python SDK field names escape reserved words with a trailing ``_`` (``from_``): read back as the
wire name with a warning (W112); the ``__pydantic_extra__`` row says extra keys are kept and is
not a field.

Field names are the SDK's (camelCase in TypeScript): the wire name is ``camel_to_snake`` of it.
Types are TypeScript (``string``, ``number``, ``Foo[]``, ``Record<string, any>``,
``components.Foo``) or Python typing (``Optional[List[models.Foo]]``, ``Dict[str, Any]``).
``number`` cannot tell an integer from a float, so it is claimed at VAGUE strength. Required-ness
is ``:heavy_check_mark:`` / ``:heavy_minus_sign:``. TypeScript tables cannot show null, so only an
explicit ``Nullable[...]`` or ``| null`` makes a table-strength NULLABLE claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from generator.dialects import notation, prose, ts_literal
from generator.dialects.limits import short as _short
from generator.dialects.page import class_name, recover_row, sections, under
from generator.dialects.speakeasy_types import (
    VOCABULARY,
    member_headings,
    norm,
    read_union,
    read_values,
    values_block,
)
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
from generator.model.ir import (
    AnyType,
    Example,
    LiteralOf,
    MapOf,
    ObjectType,
    Ref,
    Scalar,
    TypeExpr,
)
from generator.model.names import camel_to_snake, pascal_case
from generator.read.markdown import Block, Cell, CodeBlock, Heading, Paragraph, Table, raw_row_cell_count

NAME = "speakeasy"

_HEADER = ("field", "type", "required", "description")
_TS_LANGS = frozenset({"typescript", "ts"})

_ESCAPED = re.compile(r"^[A-Za-z]\w*[A-Za-z0-9]_$")  # from_, and_, format_: a keyword or builtin + "_"
_EXTRA_KEYS = "__pydantic_extra__"  # the extra-keys row (additionalProperties), not a field


def _is_fields_table(t: Table) -> bool:
    return norm(t.header)[:4] == _HEADER


def detect(text: str, blocks: list[Block]) -> bool:
    for _, body in sections(blocks):
        tables = any(isinstance(b, Table) and _is_fields_table(b) for b in body)
        if tables or values_block(body) or member_headings(body):
            return True
    return False


def _wire_name(sdk: str, origin: Origin) -> tuple[str, Optional[Diagnostic]]:
    """The wire name of an SDK name: camelCase → snake_case; a Python escape ``from_`` → ``from``."""
    if not _ESCAPED.match(sdk):
        return camel_to_snake(sdk), None
    wire = camel_to_snake(sdk[:-1])
    msg = (
        f"field {sdk!r} read as wire name {wire!r}: the trailing '_' is taken for Python's escape of a "
        f"reserved word (a guess; the page does not print the wire name)"
    )
    return wire, warning("W112", msg, origin)


def _clean(text: str) -> str:
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = " ".join(text.split())
    return "" if text == "N/A" else text


def _description(body: list[Block]) -> str:
    paras: list[str] = []
    for b in body:
        if isinstance(b, Heading):
            break
        if isinstance(b, Paragraph):
            paras.append(_clean(b.text))
    return "\n\n".join(p for p in paras if p)


# ---------------------------------------------------------------- parsing


@dataclass
class _Builder:
    path: str
    text: str
    diags: list[Diagnostic] = field(default_factory=list)
    enums: list[EnumFrag] = field(default_factory=list)

    def claim(self, attr: str, value: Union[TypeExpr, bool], strength: Strength, origin: Origin) -> Claim:
        return Claim(attr, value, strength, origin, NAME)

    def row(self, obj_name: str, cells: tuple[Cell, ...]) -> tuple[Optional[FieldFrag], Optional[str]]:
        name_c, type_c, req_c, desc_c = cells[:4]
        sdk = name_c.text.strip().strip("`*").strip()
        if not sdk:
            self.diags.append(error("E105", "table row without a field name", name_c.origin))
            return None, None
        if sdk == _EXTRA_KEYS:
            return None, None
        wire, guessed = _wire_name(sdk, name_c.origin)
        if guessed is not None:
            self.diags.append(guessed)
        claims: list[Claim] = []
        constant: Optional[str] = None
        written, _ = notation.read_cell(type_c.raw)
        try:
            read = notation.parse_type(written, VOCABULARY)
        except ValueError as exc:
            msg = f"unknown type notation {_short(written)!r} for {_short(sdk)!r}: {exc}"
            self.diags.append(error("E201", msg, type_c.origin))
        else:
            texpr = read.type
            strength = Strength.VAGUE if read.vague else Strength.TABLE
            claims.append(self.claim(TYPE, texpr, strength, type_c.origin))
            if read.nullable:
                claims.append(self.claim(NULLABLE, True, Strength.TABLE, type_c.origin))
            if read.item_nullable:
                self.diags.append(notation.item_null_warning(written, sdk, type_c.origin))
            if wire == "object" and isinstance(texpr, LiteralOf) and len(texpr.values) == 1:
                constant = str(texpr.values[0])
        req = req_c.text.strip()
        if ":heavy_check_mark:" in req or "✔" in req:
            claims.append(self.claim(REQUIRED, True, Strength.TABLE, req_c.origin))
        elif ":heavy_minus_sign:" in req or "➖" in req:
            claims.append(self.claim(REQUIRED, False, Strength.TABLE, req_c.origin))
        else:
            msg = f"required cell {_short(req)!r} for {_short(sdk)!r} is neither :heavy_check_mark: nor :heavy_minus_sign:"
            self.diags.append(warning("E105", msg, req_c.origin))
        desc = _clean(desc_c.text)
        values = prose.enum_values(desc)
        if values:
            enum_name = obj_name + pascal_case(wire)
            self.enums.append(EnumFrag(enum_name, values, desc_c.origin, NAME, desc))
            claims.append(self.claim(TYPE, Ref(enum_name), Strength.PROSE, desc_c.origin))
        const = prose.constant(desc)
        if const is not None:
            claims.append(self.claim(TYPE, LiteralOf((const,)), Strength.PROSE, desc_c.origin))
            if wire == "object":
                constant = constant or const
        if prose.says_nullable(desc):
            claims.append(self.claim(NULLABLE, True, Strength.PROSE, desc_c.origin))
        deprecated = "DEPRECATED" in desc
        frag = FieldFrag(wire, name_c.origin, tuple(claims), desc, sdk if sdk != wire else "", deprecated)
        return frag, constant

    def fields(self, name: str, tables: list[Table]) -> tuple[list[FieldFrag], Optional[str]]:
        fields: list[FieldFrag] = []
        seen: dict[str, FieldFrag] = {}
        constant: Optional[str] = None
        for table in tables:
            width = len(table.header)
            for cells in table.rows:
                origin = cells[0].origin if cells else table.origin
                count = raw_row_cell_count(self.text, origin)
                if count != width or len(cells) != width:
                    recovered, problem = recover_row(self.text, origin, width, joined=3)
                    self.diags.append(problem)
                    if recovered is None:
                        continue
                    cells = recovered
                frag, const = self.row(name, cells)
                if frag is None:
                    continue
                first = seen.get(frag.wire_name)
                if first is not None:
                    shown = f"{frag.sdk_name or frag.wire_name!r}"
                    msg = (
                        f"field {shown} is {frag.wire_name!r} on the wire, already listed as "
                        f"{first.sdk_name or first.wire_name!r} at line {first.origin.line}"
                    )
                    self.diags.append(error("E203", msg, frag.origin))
                    continue
                seen[frag.wire_name] = frag
                fields.append(frag)
                constant = constant or const
        return fields, constant

    def example(self, body: list[Block], fields: list[FieldFrag]) -> list[Example]:
        found: list[Example] = []
        for b in under(body, "example usage"):
            if not isinstance(b, CodeBlock) or b.lang.lower() not in _TS_LANGS:
                continue
            snippet = ts_literal.find_object(b.text)
            if snippet is None:
                continue  # e.g. an enum's `let value: Status = "succeeded";`
            first_line = b.origin.line + 1
            try:
                value = ts_literal.parse_object(snippet)
            except ts_literal.LiteralError as exc:
                where = Origin(self.path, first_line + exc.line, exc.column + 1)
                self.diags.append(warning("E105", f"example object literal cannot be parsed: {exc}", where))
                continue
            origin = Origin(self.path, first_line + snippet.line, snippet.column + 1)
            found.append(Example(_to_wire(value, fields), origin, kind="typescript"))
        return found


def _keys_to_wire(value: Any) -> Any:
    if isinstance(value, dict):
        return {camel_to_snake(str(k)): _keys_to_wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys_to_wire(v) for v in value]
    return value


def _to_wire(value: Any, fields: list[FieldFrag]) -> Any:
    """Map example keys to wire names; the keys of a map-typed field are data, kept as written."""
    if not isinstance(value, dict):
        return _keys_to_wire(value)
    by_sdk = {f.sdk_name or f.wire_name: f for f in fields}
    out: dict[str, Any] = {}
    for key, item in value.items():
        f = by_sdk.get(str(key))
        wire = f.wire_name if f else camel_to_snake(str(key))
        types = [c.value for c in f.claims if c.attr == TYPE] if f else []
        if isinstance(item, dict) and any(isinstance(t, MapOf) for t in types):
            map_t = next(t for t in types if isinstance(t, MapOf))
            plain = isinstance(map_t.value, (Scalar, AnyType, ObjectType, MapOf, LiteralOf))
            out[wire] = {k: (v if plain else _keys_to_wire(v)) for k, v in item.items()}
        else:
            out[wire] = _keys_to_wire(item)
    return out


def parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    b = _Builder(path, text)
    objects: list[ObjectFrag] = []
    enums: list[EnumFrag] = []
    unions: list[UnionFrag] = []
    for heading, body in sections(blocks):
        tables = [t for t in body if isinstance(t, Table) and _is_fields_table(t)]
        desc = _description(body)
        if tables:
            name = class_name(heading)
            fields, constant = b.fields(name, tables)
            examples = tuple(b.example(body, fields))
            objects.append(ObjectFrag(name, heading.origin, NAME, tuple(fields), desc, constant, examples))
            continue
        members = member_headings(body)
        if members:
            union, diags = read_union(path, heading, members, desc)
            unions.append(union)
            b.diags.extend(diags)
            continue
        block = values_block(body)
        if block is not None:
            frag, diags = read_values(path, text, heading, body, block, desc)
            b.diags.extend(diags)
            if isinstance(frag, EnumFrag):
                enums.append(frag)
            elif frag is not None:
                unions.append(frag)
    return DocFragments(path, NAME, tuple(objects), tuple(enums + b.enums), tuple(b.diags), tuple(unions))
