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

from collections.abc import Mapping

from generator.emit.decoder_source import enum_is_open, takes_null, union_tags
from generator.emit.options import RenderOptions
from generator.emit.style import OpenEnumForm, Style, UnionForm
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
from generator.pysrc.layout import Node, flat, group
from generator.pysrc.literals import py_str

# pydantic's scalars: bool is never an int, "5" never 5, and an int in a float field stays an int
STRICT_SCALARS = {
    "str": ("StrictStr",),
    "int": ("StrictInt",),
    "float": ("StrictInt", "StrictFloat"),
    "bool": ("StrictBool",),
}
# msgspec would turn 1 into 1.0 in a float field
# msgspec: _Float is a finite float (defined by the msgspec runtime); an int is a float too
NUMBER_SCALARS = {"str": ("str",), "int": ("int",), "float": ("int", "_Float"), "bool": ("bool",)}


def union_node(parts: list[Node]) -> Node:
    """``Union[...]`` of the distinct parts (``Optional[X]`` for X and None, X alone for one)."""
    unique = list({flat(p): p for p in parts}.items())
    if len(unique) == 1:
        return unique[0][1]
    if len(unique) == 2 and "None" in dict(unique):
        return group("Optional[", [next(p for text, p in unique if text != "None")], "]")
    return group("Union[", [p for _, p in unique], "]")


def annotation_parts(t: TypeExpr, spec: Spec, style: Style, options: RenderOptions) -> list[Node]:
    """The members of a type's annotation in ``style`` (a union is flattened into its members)."""
    if isinstance(t, Scalar):
        return list(style.scalars[t.name])
    if isinstance(t, AnyType):
        return ["Any"]
    if isinstance(t, ObjectType):
        return ["dict[str, Any]"]
    if isinstance(t, ListOf):
        return [f"list[{annotation(t.item, spec, style, options)}]"]
    if isinstance(t, MapOf):
        return [f"dict[str, {annotation(t.value, spec, style, options)}]"]
    if isinstance(t, LiteralOf):
        return literal_parts(t.values, style.literal_markers)
    if isinstance(t, UnionOf):
        members = (
            sorted(t.options, key=lambda o: isinstance(o, LiteralOf)) if style.literals_last else t.options
        )
        return [p for o in members for p in annotation_parts(o, spec, style, options)]
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef) and enum_is_open(item, options):
            return _open_enum_parts(item, style.open_enum)
        return [t.name]
    raise TypeError(f"not a type: {t!r}")


def literal_parts(values: tuple[str | int | bool, ...], markers: Mapping[str, str]) -> list[Node]:
    """``Literal[...]`` of ``values``; with ``markers``, one literal of each kind of value, the
    kinds with a marker as ``Annotated[Literal[...], marker]`` (an int literal that takes no bool)."""
    if not any(type(v).__name__ in markers for v in values):
        return [group("Literal[", [py_str(v) for v in values], "]")]
    kinds: dict[str, list[str | int | bool]] = {}
    for v in values:
        kinds.setdefault(type(v).__name__, []).append(v)
    parts: list[Node] = []
    for kind, same in kinds.items():
        literal = group("Literal[", [py_str(v) for v in same], "]")
        parts.append(group("Annotated[", [literal, markers[kind]], "]") if kind in markers else literal)
    return parts


def _open_enum_parts(item: EnumDef, form: OpenEnumForm) -> list[Node]:
    if form is OpenEnumForm.ALIAS:
        return [open_enum_alias(item)]
    if form is OpenEnumForm.STRICT_UNION:
        members: list[Node] = [
            f"Union[{item.name}, StrictStr]",
            'Field(union_mode="left_to_right")',
            "_STR_OUT",
        ]
        return [group("Annotated[", members, "]")]
    if form is OpenEnumForm.UNION:
        return [item.name, "str"]
    return [item.name]


def open_enum_alias(enum: EnumDef) -> str:
    """The msgspec module's type-checker alias of an open enum."""
    return f"_Open{enum.name}"


def annotation(t: TypeExpr, spec: Spec, style: Style, options: RenderOptions) -> str:
    """The annotation of a (non-null) value of type ``t`` in ``style``."""
    return flat(union_node(annotation_parts(t, spec, style, options)))


def field_annotation(f: Field, spec: Spec, style: Style, options: RenderOptions) -> str:
    """The attribute / key annotation of ``f`` in ``style`` (see ``field_annotation_node``)."""
    return flat(style.annotate_field(f, spec, style, options))


def _scalar_union(t: TypeExpr) -> bool:
    """A union of JSON scalars (float counts: it is StrictInt or StrictFloat in pydantic)."""
    options = t.options if isinstance(t, UnionOf) else (t,)
    return (isinstance(t, UnionOf) or t == Scalar("float")) and all(
        isinstance(o, (Scalar, LiteralOf)) for o in options
    )


def field_annotation_node(f: Field, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """The attribute / key annotation of ``f`` in ``style``, as a layout node."""
    return style.annotate_field(f, spec, style, options)


def unset_field_annotation(f: Field, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """Class styles and msgspec: ``UnsetType`` joins a non-required field's type (absent stays absent)."""
    parts = annotation_parts(f.type, spec, style, options)
    return union_node(parts + (["None"] if f.nullable else []) + ([] if f.required else ["UnsetType"]))


def key_annotation(f: Field, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """TypedDict: a non-required key is left out of the required keys, its type says nothing of it."""
    return union_node(annotation_parts(f.type, spec, style, options) + (["None"] if f.nullable else []))


def pydantic_field_annotation(f: Field, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """Pydantic: see the module's docstring (absent reads as None, markers refuse a null)."""
    parts = annotation_parts(f.type, spec, style, options)
    node = union_node(parts + (["None"] if f.nullable or not f.required else []))
    markers: list[Node] = []
    if takes_null(f.type, spec):
        markers = [] if f.nullable else ["BeforeValidator(_not_null)"]
    elif not f.nullable and not f.required:
        markers = ["_NOT_NULL"]
    if _scalar_union(f.type):
        markers.append("_SCALAR")
    return group("Annotated[", [node, *markers], "]") if markers else node


def unset_default(f: Field) -> str:
    """Class styles: an absent field is ``UNSET``."""
    return "" if f.required else " = UNSET"


def no_default(f: Field) -> str:
    return ""


def pydantic_default(f: Field) -> str:
    """Pydantic: an absent field reads as None; a renamed one carries its wire name as the alias."""
    alias = f.wire_name != f.py_name
    if f.required:
        return f" = Field(alias={py_str(f.wire_name)})" if alias else ""
    return f" = Field(default=None, alias={py_str(f.wire_name)})" if alias else " = None"


def msgspec_default(f: Field) -> str:
    """msgspec: ``UNSET``, and ``msgspec.field(name=...)`` for a renamed field."""
    if f.wire_name != f.py_name:
        default = "" if f.required else "default=UNSET, "
        return f" = msgspec.field({default}name={py_str(f.wire_name)})"
    return unset_default(f)


def field_default(f: Field, style: Style) -> str:
    """What follows the annotation in the class body (`` = UNSET``, pydantic's Field(...), or "")."""
    return style.default_field(f)


def union_alias(union: UnionDef, spec: Spec, style: Style, options: RenderOptions) -> Node:
    """The right-hand side of a union's module-level type alias: ``Union[...]`` of its members
    (one member: that member's annotation, ``Any`` for the free-form alias). Pydantic marks it:
    a discriminated union validates by its tag, another tries its members left to right."""
    parts = [p for m in union.members for p in annotation_parts(m, spec, style, options)]
    node = union_node(parts)
    if style.union_form is not UnionForm.PYDANTIC_FIELD or len(union.members) == 1:
        return node
    # pydantic looks a tag up by ==, so a tag of 1 would take true: only str tags are its discriminator
    # (an int or bool tag is a Literal with its marker, and the members are tried in order)
    if union.discriminator is not None and all(isinstance(v, str) for v, _ in union_tags(union, spec)):
        marker = f"Field(discriminator={py_str(discriminator_attribute(union, spec))})"
    else:
        marker = 'Field(union_mode="left_to_right")'
    return group("Annotated[", [node, marker], "]")


def discriminator_attribute(union: UnionDef, spec: Spec) -> str:
    """The Python name of the tag field in the members (pydantic names the field, not the key)."""
    names = set()
    for member in union.members:
        model = spec.get(member.name) if isinstance(member, Ref) else None
        if isinstance(model, Model):
            names |= {f.py_name for f in model.fields if f.wire_name == union.discriminator}
    if len(names) != 1:
        raise ValueError(f"internal error: union {union.name}: the tag field has names {sorted(names)}")
    return names.pop()
