"""Type algebra for the merge: which type refines which, and types inferred from example values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, ObjectType, Ref, Scalar, TypeExpr, UnionOf


def refines(a: TypeExpr, b: TypeExpr, is_enum: Callable[[str], bool]) -> bool:
    """True when every value of type ``a`` is a value of ``b`` and ``a`` says at least as much.

    ``is_enum(name)`` tells an enum reference (a refined string) from a model reference.
    """
    if a == b or isinstance(b, AnyType):
        return True
    if isinstance(b, UnionOf):
        if isinstance(a, UnionOf):
            return all(any(refines(x, o, is_enum) for o in b.options) for x in a.options)
        return any(refines(a, o, is_enum) for o in b.options)
    if isinstance(b, Scalar):
        if isinstance(a, LiteralOf):
            return all(_literal_is(v, b.name) for v in a.values)
        if isinstance(a, Ref):
            return b.name == "str" and is_enum(a.name)
        return isinstance(a, Scalar) and b.name == "float" and a.name == "int"
    if isinstance(b, ObjectType):
        return isinstance(a, MapOf) or (isinstance(a, Ref) and not is_enum(a.name))
    if isinstance(b, ListOf):
        return isinstance(a, ListOf) and (
            refines(a.item, b.item, is_enum)
            or isinstance(b.item, ObjectType)
            and refines(a.item, b.item, is_enum)
        )
    if isinstance(b, MapOf):
        return isinstance(a, MapOf) and refines(a.value, b.value, is_enum)
    return False


def example_type(value: Any) -> Optional[TypeExpr]:
    """The type an example value shows; None for null (it shows nullability, not a type)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Scalar("bool")
    if isinstance(value, int):
        return Scalar("int")
    if isinstance(value, float):
        return Scalar("float")
    if isinstance(value, str):
        return Scalar("str")
    if isinstance(value, list):
        items = {t for t in (example_type(v) for v in value) if t is not None}
        if len(items) == 1:
            return ListOf(items.pop())
        return ListOf(AnyType())
    if isinstance(value, dict):
        return ObjectType()
    return AnyType()


def _literal_is(v: object, scalar: str) -> bool:
    if isinstance(v, bool):
        return scalar == "bool"
    if isinstance(v, int):
        return scalar in ("int", "float")
    return isinstance(v, str) and scalar == "str"


@dataclass(frozen=True)
class NamedKinds:
    """What each name a type may refer to is, as far as the merge knows it.

    ``vague`` names say nothing of a value's shape: a model page with no fields, a union page that
    lists no member (only ``Any``). A type that refers to one is no more than "some JSON value".
    """

    enums: frozenset[str] = frozenset()
    models: frozenset[str] = frozenset()
    unions: frozenset[str] = frozenset()
    vague: frozenset[str] = frozenset()

    def is_enum(self, name: str) -> bool:
        return name in self.enums and name not in self.models and name not in self.unions


def value_fits(v: Any, t: TypeExpr, kinds: NamedKinds) -> bool:
    """Does a (non-null) example value fit type ``t``? A union reference is not looked into."""
    if isinstance(t, AnyType):
        return True
    if isinstance(t, (ObjectType, MapOf)):
        return isinstance(v, dict) and (
            isinstance(t, ObjectType) or all(x is None or value_fits(x, t.value, kinds) for x in v.values())
        )
    if isinstance(t, Scalar):
        return _literal_is(v, t.name) or (isinstance(v, float) and t.name == "float")
    if isinstance(t, LiteralOf):
        return any(v == x and type(v) is type(x) for x in t.values)
    if isinstance(t, ListOf):
        return isinstance(v, list) and all(x is None or value_fits(x, t.item, kinds) for x in v)
    if isinstance(t, UnionOf):
        return any(value_fits(v, o, kinds) for o in t.options)
    if kinds.is_enum(t.name):
        return isinstance(v, str)
    if t.name in kinds.models:
        return isinstance(v, dict)
    return True
