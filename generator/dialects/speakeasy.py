"""Speakeasy SDK model docs: ``docs/models/shared/<name>.md`` and ``docs/models/components/<name>.md``.

A model page is ``# ClassName``, a description paragraph, optionally ``## Example Usage`` with a
TypeScript ``let value: ClassName = {...};`` block, and ``## Fields`` with a table
``Field | Type | Required | Description`` (newer generators add an ``Example`` column). An enum
page has ``## Values``: a ``| Name | Value |`` table (Python, Go, Java SDKs) or a TypeScript union
``"a" | "b"`` in a code block (TypeScript SDKs, ``| Unrecognized<string>`` when open).

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
from generator.model.diagnostics import Diagnostic, Origin, error, warning
from generator.model.ir import (
    AnyType,
    Example,
    ListOf,
    LiteralOf,
    MapOf,
    ObjectType,
    Ref,
    Scalar,
    TypeExpr,
)
from generator.model.names import camel_to_snake, pascal_case, title_to_class_name
from generator.read.markdown import Block, Cell, CodeBlock, Heading, Paragraph, Table, raw_row_cell_count

NAME = "speakeasy"

_HEADER = ("field", "type", "required", "description")
_ENUM_HEADER = ("name", "value")
_TS_LANGS = frozenset({"typescript", "ts"})

# ---------------------------------------------------------------- type notation

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
}
# Speakeasy's Optional[X] means "may be absent"; Nullable / OptionalNullable say null
VOCABULARY = notation.Vocabulary(_WORDS, optional_is_nullable=False)


def parse_type(text: str) -> tuple[TypeExpr, bool, bool]:
    """Type notation → (type, vague, says nullable). Raises ValueError on unknown notation."""
    read = notation.parse_type(text, VOCABULARY)
    return read.type, read.vague, read.nullable


# ---------------------------------------------------------------- page structure


def _norm(cells: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(c.text.strip().strip("`").lower() for c in cells)


def _is_fields_table(t: Table) -> bool:
    return _norm(t.header)[:4] == _HEADER


def _sections(blocks: list[Block]) -> list[tuple[Heading, list[Block]]]:
    out: list[tuple[Heading, list[Block]]] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            out.append((b, []))
        elif out:
            out[-1][1].append(b)
    return out


def _under(body: list[Block], title: str) -> list[Block]:
    """Blocks under the ``## <title>`` heading (to the next heading of level 2 or less)."""
    found: list[Block] = []
    inside = False
    for b in body:
        if isinstance(b, Heading) and b.level <= 2:
            inside = b.text.strip().lower() == title
        elif inside:
            found.append(b)
    return found


def _values_block(body: list[Block]) -> Optional[Union[Table, CodeBlock]]:
    for b in _under(body, "values"):
        if isinstance(b, Table) and _norm(b.header)[:2] == _ENUM_HEADER:
            return b
        if isinstance(b, CodeBlock):
            return b
    return None


def detect(text: str, blocks: list[Block]) -> bool:
    for _, body in _sections(blocks):
        if any(isinstance(b, Table) and _is_fields_table(b) for b in body) or _values_block(body):
            return True
    return False


def _class_name(heading: Heading) -> str:
    name = heading.text.strip().strip("`").rsplit(".", 1)[-1].strip()
    return name if name.isidentifier() else title_to_class_name(heading.text)


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
        wire = camel_to_snake(sdk)
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
                    msg = f"table row has {count} cells, the header has {width}"
                    self.diags.append(error("E105", msg, Origin(self.path, origin.line, 1)))
                    continue
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
        for b in _under(body, "example usage"):
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

    def enum(self, heading: Heading, body: list[Block], block: Union[Table, CodeBlock]) -> Optional[EnumFrag]:
        values: list[str] = []
        if isinstance(block, Table):
            for cells in block.rows:
                if len(cells) < 2 or raw_row_cell_count(self.text, cells[0].origin) != len(block.header):
                    where = Origin(self.path, cells[0].origin.line if cells else block.origin.line, 1)
                    self.diags.append(error("E105", "enum value row does not match its header", where))
                    continue
                value = cells[1].text.strip()
                value = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == "`" else value
                values.append(value)
        else:
            parsed = ts_literal.union_strings(block.text)
            if parsed is None:
                msg = "## Values block is not a union of string literals"
                self.diags.append(error("E105", msg, Origin(self.path, block.origin.line + 1, 1)))
                return None
            values.extend(parsed[0])
        if not values:
            self.diags.append(error("E105", "enum page lists no values", block.origin))
            return None
        return EnumFrag(_class_name(heading), tuple(values), heading.origin, NAME, _description(body))


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
    for heading, body in _sections(blocks):
        tables = [t for t in body if isinstance(t, Table) and _is_fields_table(t)]
        if tables:
            name = _class_name(heading)
            fields, constant = b.fields(name, tables)
            examples = tuple(b.example(body, fields))
            desc = _description(body)
            objects.append(ObjectFrag(name, heading.origin, NAME, tuple(fields), desc, constant, examples))
            continue
        block = _values_block(body)
        if block is not None:
            enum = b.enum(heading, body, block)
            if enum is not None:
                enums.append(enum)
    return DocFragments(path, NAME, tuple(objects), tuple(enums + b.enums), tuple(b.diags))
