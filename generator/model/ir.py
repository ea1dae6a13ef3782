"""The intermediate model (IR): frozen dataclasses and tuples, nothing that emits code.

``TypeExpr`` describes a JSON value's type with wire-level names. Nullability is not part of
a type: it lives on the ``Field`` beside ``required`` (key must be present), and the two are
independent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Optional, Union

from generator.model.diagnostics import Origin

SCALARS = ("str", "int", "float", "bool")


@dataclass(frozen=True)
class Scalar:
    name: str  # one of SCALARS


@dataclass(frozen=True)
class AnyType:
    """Any JSON value."""


@dataclass(frozen=True)
class ObjectType:
    """A JSON object of unknown shape ("object" in a table with nothing more said)."""


@dataclass(frozen=True)
class ListOf:
    item: "TypeExpr"


@dataclass(frozen=True)
class MapOf:
    """A JSON object with string keys and values of one type."""

    value: "TypeExpr"


@dataclass(frozen=True)
class Ref:
    """A named model or enum; resolved against the Spec's items."""

    name: str


@dataclass(frozen=True)
class LiteralOf:
    """A constant: one or more fixed JSON scalars."""

    values: tuple[Union[str, int, bool], ...]


@dataclass(frozen=True)
class UnionOf:
    options: tuple["TypeExpr", ...]


TypeExpr = Union[Scalar, AnyType, ObjectType, ListOf, MapOf, Ref, LiteralOf, UnionOf]


@dataclass(frozen=True)
class Example:
    """A JSON document given in a spec as an example of an object, with wire-level keys."""

    value: Any
    origin: Origin
    kind: str = "json"  # "json" or "typescript" (an object literal mapped to wire names)


@dataclass(frozen=True)
class Field:
    wire_name: str
    py_name: str
    type: TypeExpr
    required: bool
    nullable: bool
    description: str = ""
    deprecated: bool = False
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class Model:
    name: str
    fields: tuple[Field, ...]
    description: str = ""
    examples: tuple[Example, ...] = ()
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class EnumDef:
    name: str
    values: tuple[str, ...]
    open: bool = True
    description: str = ""
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class UnionDef:
    """A named union: a value is exactly one of ``members`` (a Speakeasy ``## Supported Types``
    page, an openapi-generator oneOf/anyOf page, a schema's ``oneOf``).

    ``discriminator`` is the wire key whose constant tells the members apart when every member
    is a model with a required single-value literal at that key, each value distinct; a decoder
    then picks the member by that value. Without one, members are tried in the order given and
    every member's failure is named in the error.
    """

    name: str
    members: tuple[TypeExpr, ...]
    discriminator: Optional[str] = None
    description: str = ""
    origins: tuple[Origin, ...] = ()


Item = Union[Model, EnumDef, UnionDef]


@dataclass(frozen=True)
class Spec:
    """Models and enums in dependency order (name as tie-break), plus the inputs' hash."""

    items: tuple[Item, ...]
    inputs: tuple[str, ...] = ()
    input_hash: str = ""

    @property
    def models(self) -> tuple[Model, ...]:
        return tuple(i for i in self.items if isinstance(i, Model))

    @property
    def enums(self) -> tuple[EnumDef, ...]:
        return tuple(i for i in self.items if isinstance(i, EnumDef))

    @property
    def unions(self) -> tuple[UnionDef, ...]:
        return tuple(i for i in self.items if isinstance(i, UnionDef))

    @cached_property
    def _by_name(self) -> dict[str, Item]:
        return {item.name: item for item in self.items}

    def get(self, name: str) -> Optional[Item]:
        return self._by_name.get(name)


def type_text(t: TypeExpr) -> str:
    """Python typing syntax with wire-level names, as ``modelgen inspect`` prints it."""
    if isinstance(t, Scalar):
        return t.name
    if isinstance(t, AnyType):
        return "Any"
    if isinstance(t, ObjectType):
        return "dict[str, Any]"
    if isinstance(t, ListOf):
        return f"list[{type_text(t.item)}]"
    if isinstance(t, MapOf):
        return f"dict[str, {type_text(t.value)}]"
    if isinstance(t, Ref):
        return t.name
    if isinstance(t, LiteralOf):
        return "Literal[" + ", ".join(repr(v) for v in t.values) + "]"
    if isinstance(t, UnionOf):
        return " | ".join(type_text(o) for o in t.options)
    raise TypeError(f"not a type: {t!r}")


def refs_of(t: TypeExpr) -> tuple[str, ...]:
    """Names referenced by a type, in order of appearance."""
    if isinstance(t, Ref):
        return (t.name,)
    if isinstance(t, ListOf):
        return refs_of(t.item)
    if isinstance(t, MapOf):
        return refs_of(t.value)
    if isinstance(t, UnionOf):
        return tuple(n for o in t.options for n in refs_of(o))
    return ()
