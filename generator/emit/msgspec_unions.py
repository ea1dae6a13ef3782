"""Unions msgspec cannot decode by itself, and how the msgspec module still decodes them.

msgspec tells the options of a union apart by their JSON kind alone (one str-like option, one
array-like, one object-like, ...) or, between Structs, by a tag (``msgspec_tags``). The slow
path that keeps unknown keys (``_strip``) follows models through one option of a union only. A
union outside that (two models without a usable tag, a model and a map, an enum and a str, Any
beside other options, models in two options) and a discriminated union msgspec cannot tag are
decoded by the module itself:

- to the type checker the field's annotation is the union (``if TYPE_CHECKING:``);
- at run time it names a *marker*, a type that msgspec hands the JSON value to (the module's
  ``dec_hook``), which tries each member in the documented order and names every member's failure
  (as the other styles do), or picks the member by its tag;
- a member that is not a model is decoded through a one-field Struct (``_Member<N>``, field
  ``v``), so that it keeps unknown keys, the depth and NaN checks and the error paths of a field.

Encoding needs nothing: msgspec writes the value a marker decoded to (Structs, lists, ...) by its
own type. ``MsgspecPlan`` makes these decisions; a type with the markers in place of those unions
is a *runtime type* (markers are ``Ref``\\ s to names that are not items of the spec).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from generator.emit.decoder_source import describe, is_any, union_tags
from generator.emit.msgspec_tags import StructTag, struct_tags
from generator.emit.union_view import ordered_unions
from generator.model.ir import (
    AnyType,
    EnumDef,
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

MARKER_PREFIX = "_OneOf"
_SCALAR_KINDS = {"str": "str-like", "int": "int", "float": "float", "bool": "bool"}


@dataclass(frozen=True)
class Marker:
    """A union msgspec cannot decode by itself: a type in annotations that the dec_hook decodes."""

    name: str  # "_OneOfThinking" (a union item) or "_OneOf<N>" (a union written in place)
    union: str  # the union item's name ("" for a union in place)
    checker: TypeExpr  # what the type checker sees: the union item, or the union in place
    members: tuple[TypeExpr, ...]  # runtime types, in the documented order
    described: tuple[str, ...]  # each member as the errors name it ("Note", "a list")
    expected: str  # a union in place: what a value is, for the error ("A or a list")
    tag: str  # the tag key of a discriminated union decoded by its tag ("" otherwise)
    tags: tuple[tuple[Union[str, int, bool], str], ...]  # (tag value, member model)


@dataclass(frozen=True)
class UnionEntry:
    """One definition of the module's union section; each comes after the names it uses."""

    union: Optional[UnionDef]  # a union item's type alias ...
    members: tuple[TypeExpr, ...]  # ... of these runtime types
    marker: Optional[Marker]  # the marker that decodes it (after the alias), or one in place


class MsgspecPlan:
    """Which unions msgspec decodes (tagged Structs, or by the JSON kind), which the module does."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        # model → its tag (the members of the unions msgspec tags); the discriminated unions it cannot tag
        tags, self.by_tag = struct_tags(spec)
        self.tags: dict[str, StructTag] = tags
        self.converted: dict[str, str] = {}  # union item → its marker
        self.native: dict[str, tuple[TypeExpr, ...]] = {}  # untagged union item msgspec decodes → members
        self.entries: list[UnionEntry] = []
        self._inline: dict[TypeExpr, str] = {}  # a union in place → its marker
        self._memo: dict[TypeExpr, TypeExpr] = {}
        for union in ordered_unions(spec):
            self._plan_union(union)
        self.fields = {(m.name, f.py_name): self.runtime(f.type) for m in spec.models for f in m.fields}
        self.members: dict[TypeExpr, str] = {}  # a marker's member that is not a model → its Struct
        for entry in self.entries:
            for member in entry.marker.members if entry.marker else ():
                if not (isinstance(member, Ref) and isinstance(spec.get(member.name), Model)):
                    self.members.setdefault(member, f"_Member{len(self.members) + 1}")

    @property
    def markers(self) -> list[Marker]:
        return [e.marker for e in self.entries if e.marker is not None]

    def _plan_union(self, union: UnionDef) -> None:
        if union.discriminator is not None and union.name not in self.by_tag:
            self.entries.append(UnionEntry(union, union.members, None))  # msgspec's tagged Structs
            return
        members = tuple(self.runtime(m) for m in union.members)
        marker = None
        if union.discriminator is not None:
            tags = tuple(union_tags(union, self.spec))
            marker = Marker(
                MARKER_PREFIX + union.name,
                union.name,
                Ref(union.name),
                members,
                (),
                "",
                union.discriminator,
                tags,
            )
        elif self.problem(union.members):
            described = tuple(describe(m) for m in union.members)
            marker = Marker(
                MARKER_PREFIX + union.name, union.name, Ref(union.name), members, described, "", "", ()
            )
        else:
            self.native[union.name] = members
        if marker is not None:
            self.converted[union.name] = marker.name
        self.entries.append(UnionEntry(union, members, marker))

    # ------------------------------------------------------------------------------------------
    # runtime types

    def runtime(self, t: TypeExpr) -> TypeExpr:
        """``t`` with a marker in place of each union msgspec cannot decode by itself."""
        found = self._memo.get(t)
        if found is None:
            found = self._memo[t] = self._runtime(t)
        return found

    def _runtime(self, t: TypeExpr) -> TypeExpr:
        if isinstance(t, Ref):
            return Ref(self.converted.get(t.name, t.name))
        if isinstance(t, ListOf):
            return ListOf(self.runtime(t.item))
        if isinstance(t, MapOf):
            return MapOf(self.runtime(t.value))
        if not isinstance(t, UnionOf):
            return t
        options = tuple(self.runtime(o) for o in t.options)
        if not self.problem(t.options):
            return UnionOf(options)
        name = f"{MARKER_PREFIX}{len(self._inline) + 1}"
        self._inline[t] = name
        marker = Marker(name, "", UnionOf(options), options, (), describe(t), "", ())
        self.entries.append(UnionEntry(None, (), marker))
        return Ref(name)

    def problem(self, options: tuple[TypeExpr, ...]) -> bool:
        """Whether msgspec cannot decode a union of ``options`` (spec types) by itself."""
        leaves = list(dict.fromkeys(leaf for o in options for leaf in self._level(o)))
        if len(leaves) < 2:
            return False
        kinds = [self._kind(leaf) for leaf in leaves]
        if "custom" in kinds or "any" in kinds:
            return True
        if any(kinds.count(k) > 1 for k in set(kinds) - {"literal"}):
            return True
        if self._str_literal_and_enum(leaves):
            return True
        models = sum(self.holds_model(leaf) for leaf in leaves)
        # the slow path follows one option; a model's __post_init__ checks the JSON values of a
        # field only where they cannot hold models (its check would take a model for bad data)
        return models > 1 or (models == 1 and any(self.holds_any(leaf) for leaf in leaves))

    def _str_literal_and_enum(self, leaves: list[TypeExpr]) -> bool:
        """A literal of strings beside an enum: both str-like to msgspec (beside str, msgspec takes it)."""
        enums = any(
            isinstance(leaf, Ref) and isinstance(self.spec.get(leaf.name), EnumDef) for leaf in leaves
        )
        texts = any(
            isinstance(leaf, LiteralOf) and any(isinstance(v, str) for v in leaf.values) for leaf in leaves
        )
        return enums and texts

    def _level(self, t: TypeExpr) -> list[TypeExpr]:
        """The options of a union at one level (runtime types): union items msgspec decodes are
        seen through; a marker is one option."""
        if isinstance(t, UnionOf):
            return [leaf for o in t.options for leaf in self._level(o)]
        item = self.spec.get(t.name) if isinstance(t, Ref) else None
        if isinstance(item, UnionDef) and item.name in self.native:
            return [leaf for m in item.members for leaf in self._level(m)]
        return [self.runtime(t)]

    def _kind(self, t: TypeExpr) -> str:
        """The msgspec category of one option (runtime type): a union takes one of each."""
        if isinstance(t, Scalar):
            return _SCALAR_KINDS[t.name]
        if isinstance(t, LiteralOf):
            return "literal"
        if isinstance(t, ListOf):
            return "array-like"
        if isinstance(t, (MapOf, ObjectType)):
            return "object-like"
        if isinstance(t, Ref):
            if t.name.startswith(MARKER_PREFIX):
                return "custom"
            return "str-like" if isinstance(self.spec.get(t.name), EnumDef) else "object-like"
        return "any"

    def _is_model(self, t: TypeExpr) -> bool:
        """A model, or a union msgspec tells apart by the tag of its Structs (runtime type)."""
        item = self.spec.get(t.name) if isinstance(t, Ref) else None
        return isinstance(item, Model) or (
            isinstance(item, UnionDef) and item.discriminator is not None and item.name not in self.by_tag
        )

    def options(self, t: TypeExpr) -> list[TypeExpr]:
        """The options of a runtime type at one level, union items msgspec decodes seen through."""
        if isinstance(t, UnionOf):
            return [leaf for o in t.options for leaf in self.options(o)]
        if isinstance(t, Ref) and t.name in self.native:
            return [leaf for m in self.native[t.name] for leaf in self.options(m)]
        return [t]

    def holds_model(self, t: TypeExpr) -> bool:
        """Whether the slow path finds models in a value of runtime type ``t`` (not through markers)."""
        if isinstance(t, (ListOf, MapOf)):
            return self.holds_model(t.item if isinstance(t, ListOf) else t.value)
        return any(
            self._is_model(o) or (isinstance(o, (ListOf, MapOf)) and self.holds_model(o))
            for o in self.options(t)
        )

    def holds_any(self, t: TypeExpr) -> bool:
        """Whether a value of runtime type ``t`` may hold JSON values msgspec takes as they are."""
        if isinstance(t, (AnyType, ObjectType)):
            return True
        if isinstance(t, (ListOf, MapOf)):
            return self.holds_any(t.item if isinstance(t, ListOf) else t.value)
        if isinstance(t, UnionOf):
            return any(self.holds_any(o) for o in t.options)
        return isinstance(t, Ref) and any(self.holds_any(m) for m in self.native.get(t.name, ()))

    def nesting(self, t: TypeExpr) -> Optional[tuple[tuple[str, ...], str]]:
        """Where a value of runtime type ``t`` holds models, for the slow path: the containers on
        the way (``_LIST``, ``_MAP``; none: the value itself) and the model (or tagged union)."""
        levels: list[str] = []
        while True:
            holders = [o for o in self.options(t) if self.holds_model(o)]
            if not holders:
                return None
            if len(holders) > 1:
                raise ValueError(f"internal error: {t!r} holds models in two ways")
            (t,) = holders
            if self._is_model(t):
                assert isinstance(t, Ref)
                return tuple(levels), t.name
            assert isinstance(t, (ListOf, MapOf))
            levels.append("_LIST" if isinstance(t, ListOf) else "_MAP")
            t = t.item if isinstance(t, ListOf) else t.value

    def member_nullable(self, member: TypeExpr) -> bool:
        """A member that takes null as its value (Any), as in the other styles' decoders."""
        return isinstance(member, AnyType) or is_any(member, self.spec)
