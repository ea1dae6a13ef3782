"""The annotation and the default of a field in each style.

Annotations are layout nodes (``generator.pysrc.layout``), so that a long one splits as black splits it.

Pydantic: scalars are its Strict types (bool is never an int, "5" never 5), and a float field is
``Union[StrictInt, StrictFloat]`` (an int stays an int). A field that may be absent but is not
nullable is ``Annotated[Optional[X], _NOT_NULL] = None``: absent reads as None and stays absent
(``exclude_unset``), and the module's ``_NOT_NULL`` marker drops the null branch from the core
schema, so an explicit null is rejected by pydantic itself, with no Python call. A union of JSON
scalars carries ``_SCALAR`` (serialized by the value's own type rather than by trying each member),
lists its types before its literals (the common value matches first), and an open enum is
``Union[TheEnum, StrictStr]`` tried left to right with ``_STR_OUT`` (a member is written by the str
serializer). Any is the exception: pydantic's Any takes null, so a non-nullable Any field keeps a
Python validator, ``BeforeValidator(_not_null)``.

msgspec: a float field is ``Union[int, float]`` (msgspec would turn 1 into 1.0), and an open enum
is its module's ``_Open<Enum>`` alias (``Union[Enum, str]`` to the type checker only: msgspec
takes one str-like type a union).
"""

from __future__ import annotations

from generator.emit.decoder_source import enum_is_open
from generator.emit.options import RenderOptions
from generator.model.ir import (
    AnyType,
    EnumDef,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    ObjectType,
    Ref,
    Scalar,
    Spec,
    TypeExpr,
    UnionOf,
)
from generator.pysrc.layout import Node, flat, group
from generator.pysrc.literals import py_str

_STRICT = {
    "str": ["StrictStr"],
    "int": ["StrictInt"],
    "float": ["StrictInt", "StrictFloat"],
    "bool": ["StrictBool"],
}


def union_node(parts: list[Node]) -> Node:
    """``Union[...]`` of the distinct parts (``Optional[X]`` for X and None, X alone for one)."""
    unique = list({flat(p): p for p in parts}.items())
    if len(unique) == 1:
        return unique[0][1]
    if len(unique) == 2 and "None" in dict(unique):
        return group("Optional[", [next(p for text, p in unique if text != "None")], "]")
    return group("Union[", [p for _, p in unique], "]")


def annotation_parts(t: TypeExpr, spec: Spec, style: str, options: RenderOptions) -> list[Node]:
    """The members of a type's annotation in ``style`` (a union is flattened into its members)."""
    strict = style == "pydantic"
    if isinstance(t, Scalar):
        if style == "msgspec" and t.name == "float":
            return ["int", "_Float"]  # _Float: a finite float (the msgspec runtime)
        return list(_STRICT[t.name]) if strict else [t.name]
    if isinstance(t, AnyType):
        return ["Any"]
    if isinstance(t, ObjectType):
        return ["dict[str, Any]"]
    if isinstance(t, ListOf):
        return [f"list[{annotation(t.item, spec, style, options)}]"]
    if isinstance(t, MapOf):
        return [f"dict[str, {annotation(t.value, spec, style, options)}]"]
    if isinstance(t, LiteralOf):
        return [group("Literal[", [py_str(v) for v in t.values], "]")]
    if isinstance(t, UnionOf):
        options_ = sorted(t.options, key=lambda o: isinstance(o, LiteralOf)) if strict else t.options
        return [p for o in options_ for p in annotation_parts(o, spec, style, options)]
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef) and style != "typeddict" and enum_is_open(item, options):
            if style == "msgspec":
                return [open_enum_alias(item)]
            if strict:
                return [
                    group(
                        "Annotated[",
                        [f"Union[{item.name}, StrictStr]", 'Field(union_mode="left_to_right")', "_STR_OUT"],
                        "]",
                    )
                ]
            return [item.name, "str"]
        return [t.name]
    raise TypeError(f"not a type: {t!r}")


def open_enum_alias(enum: EnumDef) -> str:
    """The msgspec module's type-checker alias of an open enum."""
    return f"_Open{enum.name}"


def annotation(t: TypeExpr, spec: Spec, style: str, options: RenderOptions) -> str:
    """The annotation of a (non-null) value of type ``t`` in ``style``."""
    return flat(union_node(annotation_parts(t, spec, style, options)))


def field_annotation(f: Field, spec: Spec, style: str, options: RenderOptions) -> str:
    """The attribute / key annotation of ``f`` in ``style`` (see ``field_annotation_node``)."""
    return flat(field_annotation_node(f, spec, style, options))


def _scalar_union(t: TypeExpr) -> bool:
    """A union of JSON scalars (float counts: it is StrictInt or StrictFloat in pydantic)."""
    options = t.options if isinstance(t, UnionOf) else (t,)
    return (isinstance(t, UnionOf) or t == Scalar("float")) and all(
        isinstance(o, (Scalar, LiteralOf)) for o in options
    )


def field_annotation_node(f: Field, spec: Spec, style: str, options: RenderOptions) -> Node:
    """The attribute / key annotation of ``f`` in ``style``, as a layout node.

    Class styles and msgspec add ``UnsetType`` to non-required fields (absent stays absent); TypedDict leaves
    them out of the required keys; pydantic: see the module's docstring.
    """
    parts = annotation_parts(f.type, spec, style, options)
    if style == "pydantic":
        node = union_node(parts + (["None"] if f.nullable or not f.required else []))
        markers: list[Node] = []
        if isinstance(f.type, AnyType):
            markers = [] if f.nullable else ["BeforeValidator(_not_null)"]
        elif not f.nullable and not f.required:
            markers = ["_NOT_NULL"]
        if _scalar_union(f.type):
            markers.append("_SCALAR")
        return group("Annotated[", [node, *markers], "]") if markers else node
    if style == "typeddict":
        return union_node(parts + (["None"] if f.nullable else []))
    return union_node(parts + (["None"] if f.nullable else []) + ([] if f.required else ["UnsetType"]))


def field_default(f: Field, style: str) -> str:
    """What follows the annotation in the class body (`` = UNSET``, pydantic's Field(...), or "")."""
    if style == "pydantic":
        alias = f.wire_name != f.py_name
        if f.required:
            return f" = Field(alias={py_str(f.wire_name)})" if alias else ""
        return f" = Field(default=None, alias={py_str(f.wire_name)})" if alias else " = None"
    if style == "msgspec" and f.wire_name != f.py_name:
        default = "" if f.required else "default=UNSET, "
        return f" = msgspec.field({default}name={py_str(f.wire_name)})"
    if style in ("dataclass", "attrs", "msgspec") and not f.required:
        return " = UNSET"
    return ""
