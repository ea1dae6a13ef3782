"""The decoding and encoding source of one field, for the class styles and the TypedDict loaders.

A generated ``_decode_<Model>`` reads each key, then runs a *fast check*: a few bytecodes that prove the
value is already what the model keeps (``type(v) is str``). Only a value that fails it goes to
the runtime's general decoder (``decoder_expr``), which takes what the check did not (a str
subclass, a null where one is allowed) or raises ValidationError naming the path. Both paths give
the same result, so the check is only about speed. Models decode through their own ``_decode_*``
and enums through a member table, with the general decoder as the fallback.

``encode_expr`` gives the ``to_dict`` expression of a field: scalars as they are, models through
``to_dict``, enums by value, lists and maps of those by comprehension, anything else through
the runtime's ``_encode``.
"""

from __future__ import annotations

from typing import Optional, Union

from generator.emit.options import RenderOptions
from generator.emit.style import Style
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
    TypeExpr,
    UnionDef,
    UnionOf,
)
from generator.pysrc.layout import Node, Seq, group
from generator.pysrc.literals import py_str

# the check that fails for a value of each scalar type ({v} is the variable)
_SCALAR_MISMATCH = {
    "str": "type({v}) is not str",
    "int": "type({v}) is not int",
    # an int is a number too, and is kept an int so that it writes back the same; NaN and the
    # infinities are not JSON numbers (NaN fails every comparison)
    "float": "type({v}) not in _NUM or not -_INF < {v} < _INF",
    "bool": "type({v}) is not bool",
}


def enum_is_open(enum: EnumDef, options: RenderOptions) -> bool:
    return options.open_enums and enum.open


def enum_table(name: str) -> str:
    """The module-level value → member table of an enum (class styles)."""
    return f"_MEMBERS_{name}"


# ---------------------------------------------------------------------------------------------
# the general decoders: runtime combinators


def describe(t: TypeExpr) -> str:
    """What a value of ``t`` is, for an error message (``'auto' or int``)."""
    if isinstance(t, Scalar):
        return t.name
    if isinstance(t, LiteralOf):
        return " or ".join(repr(v) for v in t.values)
    if isinstance(t, UnionOf):
        return " or ".join(describe(o) for o in t.options)
    if isinstance(t, Ref):
        return t.name
    if isinstance(t, ListOf):
        return "a list"
    if isinstance(t, (MapOf, ObjectType)):
        return "an object"
    return "a JSON value"


def decoder_expr(t: TypeExpr, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """A Python expression for a decoder ``(value, path) -> T`` built from the runtime combinators.

    Models decode through ``_decode_Name`` (class styles) or are checked by ``_check_Name``
    (TypedDict). Enums: ``_enum``/``_open_enum`` (class styles); TypedDict enums are literals, so
    a closed one is a ``_literal`` and an open one any string.
    """
    if isinstance(t, Scalar):
        return "_" + t.name
    if isinstance(t, AnyType):
        return "_any"
    if isinstance(t, ObjectType):
        return "_object"
    if isinstance(t, ListOf):
        return group("_list(", [decoder_expr(t.item, spec, style, options)], ")")
    if isinstance(t, MapOf):
        return group("_map(", [decoder_expr(t.value, spec, style, options)], ")")
    if isinstance(t, LiteralOf):
        return _literal_decoder(t.values)
    if isinstance(t, UnionOf):
        members = group("(", [decoder_expr(o, spec, style, options) for o in t.options], ")")
        return group("_union(", [members, py_str(describe(t))], ")")
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef):
            is_open = enum_is_open(item, options)
            if style.models_are_dicts:
                return "_str" if is_open else _literal_decoder(item.values)
            return group("_open_enum(" if is_open else "_enum(", [item.name], ")")
        if isinstance(item, (Model, UnionDef)):
            return f"_check_{item.name}" if style.models_are_dicts else f"_decode_{item.name}"
        raise ValueError(f"unresolved reference {t.name!r}")
    raise TypeError(f"not a type: {t!r}")


def _literal_decoder(values: tuple[str | int | bool, ...]) -> Node:
    return group("_literal(", [group("(", [py_str(v) for v in values], ")")], ")")


def slow_decoder_expr(f: Field, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """The general decoder the fast path falls back on: for a value that is not a null allowed."""
    expr = decoder_expr(f.type, spec, style, options)
    return group("_not_null(", [expr], ")") if takes_null(f.type, spec) and not f.nullable else expr


def is_any(t: TypeExpr, spec: Spec) -> bool:
    """Any JSON value, null too: ``AnyType`` or a union alias of it alone."""
    if isinstance(t, Ref):
        item = spec.get(t.name)
        return isinstance(item, UnionDef) and len(item.members) == 1 and is_any(item.members[0], spec)
    return isinstance(t, AnyType)


def takes_null(t: TypeExpr, spec: Spec, seen: frozenset[str] = frozenset()) -> bool:
    """Null is a value of ``t``: Any, or a union (inline or an item) with a member that takes it.

    A field of such a type that is not nullable refuses null itself (``_not_null`` in the
    decoders and in pydantic, a check after msgspec's decoding), as a plain Any field does.
    """
    if isinstance(t, AnyType):
        return True
    if isinstance(t, UnionOf):
        return any(takes_null(o, spec, seen) for o in t.options)
    if isinstance(t, Ref) and t.name not in seen:
        item = spec.get(t.name)
        if isinstance(item, UnionDef):
            return any(takes_null(m, spec, seen | {t.name}) for m in item.members)
    return False


# ---------------------------------------------------------------------------------------------
# the fast path


def mismatch(t: TypeExpr, spec: Spec, style: Style, options: RenderOptions, var: str) -> Optional[str]:
    """A condition that is false only when the general decoder would give ``var`` back unchanged.

    None when there is no such check: the value is rebuilt (a model, an enum member, a copied
    list) or checked deeply (Any).
    """
    if isinstance(t, Scalar):
        return _SCALAR_MISMATCH[t.name].format(v=var)
    if isinstance(t, LiteralOf):
        return _literal_mismatch(t.values, var)
    if isinstance(t, Ref) and style.models_are_dicts:
        item = spec.get(t.name)
        if isinstance(item, EnumDef):
            if enum_is_open(item, options):
                return _SCALAR_MISMATCH["str"].format(v=var)
            return _literal_mismatch(item.values, var)
        return None
    if isinstance(t, UnionOf):
        # the type checks first: they are the cheaper ones, and they settle the common values
        ordered = sorted(t.options, key=lambda o: isinstance(o, LiteralOf))
        parts = [mismatch(o, spec, style, options, var) for o in ordered]
        if any(p is None for p in parts):
            return None
        return " and ".join(p if " or " not in p else f"({p})" for p in parts if p)
    return None


def _literal_mismatch(values: tuple[str | int | bool, ...], var: str) -> Optional[str]:
    kinds = {type(v) for v in values}
    if len(kinds) != 1:
        return None
    kind = kinds.pop().__name__
    if len(values) == 1:
        return f"type({var}) is not {kind} or {var} != {py_str(values[0])}"
    return f"type({var}) is not {kind} or {var} not in ({', '.join(py_str(v) for v in values)})"


def decode_lines(
    f: Field, spec: Spec, style: Style, options: RenderOptions, var: str, slow: str
) -> tuple[str, ...]:
    """Statements (indented from 0) that turn the raw value in ``var`` into the field's value.

    ``slow`` names the field's general decoder of a non-null value (``slow_decoder_expr``); a null
    where the field is nullable never reaches it. The path of the value is
    ``path + ".<wire name>"`` (the runtime drops the leading dot of a path).
    """
    where = f"path + {py_str('.' + f.wire_name)}"
    call = f"{slow}({var}, {where})"
    assign = call if style.models_are_dicts else f"{var} = {call}"
    t = f.type
    bad = mismatch(t, spec, style, options, var)
    if bad is not None:
        if f.nullable:
            bad = f"{var} is not None and " + (f"({bad})" if " or " in bad else bad)
        return (f"if {bad}:", f"    {assign}")
    body = _rebuilding_lines(t, spec, style, options, var, where, assign)
    if f.nullable:
        return (f"if {var} is not None:", *("    " + line for line in body))
    return body


def _rebuilding_lines(
    t: TypeExpr, spec: Spec, style: Style, options: RenderOptions, var: str, where: str, assign: str
) -> tuple[str, ...]:
    """The fast path of a value that the model rebuilds: an enum member, a model, a copy."""
    item = spec.get(t.name) if isinstance(t, Ref) else None
    if isinstance(item, EnumDef) and not style.models_are_dicts:
        table = enum_table(item.name)
        if enum_is_open(item, options):
            return (
                f"if type({var}) is str:",
                f"    {var} = {table}.get({var}, {var})",
                "else:",
                f"    {assign}",
            )
        return (
            f"if type({var}) is str and {var} in {table}:",
            f"    {var} = {table}[{var}]",
            "else:",
            f"    {assign}",
        )
    if isinstance(item, Model):
        if style.models_are_dicts:
            return (f"_check_{item.name}({var}, {where})",)
        return (f"{var} = _decode_{item.name}({var}, {where})",)
    # a list or a map of plain scalars: a loop over the items (cheaper than any builtin for the
    # short lists of a document), then a copy (class styles keep their own)
    if isinstance(t, (ListOf, MapOf)):
        inner = t.item if isinstance(t, ListOf) else t.value
        item_bad = mismatch(inner, spec, style, options, "x") if isinstance(inner, Scalar) else None
        if item_bad is not None:
            if isinstance(t, ListOf):
                head = (f"if type({var}) is list:", f"    for x in {var}:", f"        if {item_bad}:")
            else:
                item_bad = "type(k) is not str or " + (f"({item_bad})" if " or " in item_bad else item_bad)
                head = (
                    f"if type({var}) is dict:",
                    f"    for k, x in {var}.items():",
                    f"        if {item_bad}:",
                )
            done: tuple[str, ...] = (
                () if style.models_are_dicts else ("    else:", f"        {var} = {var}.copy()")
            )
            return (*head, f"            {assign}", "            break", *done, "else:", f"    {assign}")
    return (assign,)


# ---------------------------------------------------------------------------------------------
# encoding


def encode_expr(f: Field, spec: Spec, value: str) -> str:
    """The ``to_dict`` expression of a field whose value is ``value`` (class styles)."""
    inner = _encode_value(f.type, spec, value)
    if inner == value or not f.nullable:
        return inner
    return f"None if {value} is None else " + (f"({inner})" if " if " in inner else inner)


def _encode_value(t: TypeExpr, spec: Spec, value: str) -> str:
    if _is_plain(t):
        return value
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, UnionDef):  # each member written back as it is: models, enums, lists
            return f"_encode({value})"
        return f"{value}.to_dict()" if isinstance(item, Model) else f"_text({value})"
    if isinstance(t, (ListOf, MapOf)):
        inner = t.item if isinstance(t, ListOf) else t.value
        # copies by unpacking, and no comprehension for an empty one: the cheapest ways on 3.9-3.11
        if _is_plain(inner):
            return f"[*{value}]" if isinstance(t, ListOf) else f"{{**{value}}}"
        if isinstance(inner, Ref) and not isinstance(spec.get(inner.name), UnionDef):  # models or enums
            each = _encode_value(inner, spec, "x")
            if isinstance(t, ListOf):
                return f"[{each} for x in {value}] if {value} else []"
            return f"{{k: {each} for k, x in {value}.items()}} if {value} else {{}}"
    return f"_encode({value})"


def _is_plain(t: TypeExpr) -> bool:
    """A value written to JSON as it is (no enum, model or container inside)."""
    if isinstance(t, (Scalar, LiteralOf)):
        return True
    if isinstance(t, UnionOf):
        return all(_is_plain(o) for o in t.options)
    return False


# ---------------------------------------------------------------------------------------------
# unions


def union_tags(union: UnionDef, spec: Spec) -> list[tuple[Union[str, int, bool], str]]:
    """(tag value, member model) of a discriminated union, in member order.

    ``discriminator`` promises that every member is a model with a required single-value literal
    at that key, each value distinct; a union that breaks it is a bug of the stage that built it.
    """
    out: list[tuple[Union[str, int, bool], str]] = []
    for member in union.members:
        model = spec.get(member.name) if isinstance(member, Ref) else None
        if not isinstance(model, Model):
            raise ValueError(f"internal error: union {union.name}: member {member!r} is not a model")
        key = next((f for f in model.fields if f.wire_name == union.discriminator), None)
        if not (key and key.required and not key.nullable):
            raise ValueError(f"internal error: union {union.name}: member {member!r} has no required tag")
        if not (isinstance(key.type, LiteralOf) and len(key.type.values) == 1):
            raise ValueError(
                f"internal error: union {union.name}: {model.name}.{key.wire_name} is not one value"
            )
        out.append((key.type.values[0], model.name))
    values = [(type(v), v) for v, _ in out]
    if len(set(values)) != len(values):
        raise ValueError(f"internal error: union {union.name}: two members share a tag")
    return out


def union_decoder(union: UnionDef, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """The general decoder of a union: ``_tagged`` (a discriminated one: the tag picks the member's
    decoder from a table) or ``_one_of`` (each member in order; the error names every failure)."""
    if union.discriminator is not None:
        rows: list[Node] = []
        for value, model in union_tags(union, spec):
            decoder = decoder_expr(Ref(model), spec, style, options)
            rows.append(Seq((f"({type(value).__name__}, {py_str(value)}): ", decoder)))
        expected = " or ".join(py_str(v) for v, _ in union_tags(union, spec))
        table = group("{", rows, "}")
        return group(
            "_tagged(", [py_str(union.discriminator), table, py_str(union.name), py_str(expected)], ")"
        )
    if len(union.members) == 1:  # an alias (of Any, say): the member's own decoder
        return decoder_expr(union.members[0], spec, style, options)
    members: list[Node] = [
        group("(", [py_str(describe(m)), decoder_expr(m, spec, style, options)], ")") for m in union.members
    ]
    return group("_one_of(", [group("(", members, ")"), py_str(union.name)], ")")
