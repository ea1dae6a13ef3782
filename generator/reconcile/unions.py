"""Named unions: pages of one name merged like objects, and the tag that tells members apart."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Mapping, Optional, Union

from generator.model.claims import DocFragments, UnionFrag
from generator.model.diagnostics import Diagnostic, warning
from generator.model.ir import AnyType, LiteralOf, Model, Ref, TypeExpr, UnionDef, type_text
from generator.read.spec_settings import SpecSettings

# keys tried first as a discriminator, in this order; any other shared key after them, by name
PREFERRED_TAGS = ("type", "object")


def merge_unions(
    docs: list[DocFragments], s: SpecSettings, normalize: Callable[[TypeExpr, str], TypeExpr]
) -> tuple[dict[str, UnionDef], list[Diagnostic]]:
    """Unions by name: the members of the source ranked first for types, then any other source's
    members it lacks (W313 names the difference). ``normalize(type, path)`` applies aliases."""
    groups: dict[str, list[UnionFrag]] = defaultdict(list)
    for d in docs:
        for u in d.unions:
            groups[s.canonical(u.name)].append(u)
    diags: list[Diagnostic] = []
    out: dict[str, UnionDef] = {}
    for name, frags in groups.items():
        frags.sort(key=lambda u: (s.rank("type", u.dialect), u.origin))
        members: list[TypeExpr] = []
        for u in frags:
            for m in u.members:
                t = normalize(m, u.origin.path)
                if t not in members:
                    members.append(t)
        if len(members) > 1 and AnyType() in members:
            members.remove(AnyType())  # a page that lists no member says nothing against one that does
        first = frags[0]
        for other in frags[1:]:
            if {normalize(m, other.origin.path) for m in other.members} != {
                normalize(m, first.origin.path) for m in first.members
            }:
                diags.append(
                    warning(
                        "W313",
                        f"union {name}: {first.origin.short()} lists {_texts(first.members)}, "
                        f"{other.origin.short()} lists {_texts(other.members)}; keeping {_texts(members)}",
                        other.origin,
                    )
                )
        desc_frags = sorted(frags, key=lambda u: (s.rank("description", u.dialect), u.origin))
        desc = next((u.description for u in desc_frags if u.description), "")
        out[name] = UnionDef(name, tuple(members), None, desc, tuple(sorted({u.origin for u in frags})))
    return out, diags


def _texts(members: "tuple[TypeExpr, ...] | list[TypeExpr]") -> str:
    return "[" + ", ".join(type_text(m) for m in members) + "]"


def discriminator(members: tuple[TypeExpr, ...], models: Mapping[str, Model]) -> Optional[str]:
    """The wire key at which every member is a model with a required, non-null, single-value
    constant, the values all distinct; ``type`` first, then ``object``, then others by name."""
    targets = [models.get(m.name) if isinstance(m, Ref) else None for m in members]
    if not targets or any(t is None for t in targets):
        return None
    tags = [_constant_keys(t) for t in targets if t is not None]
    shared = set(tags[0]).intersection(*tags[1:])
    for key in sorted(
        shared,
        key=lambda k: (k not in PREFERRED_TAGS, PREFERRED_TAGS.index(k) if k in PREFERRED_TAGS else 0, k),
    ):
        values = [(type(t[key]).__name__, t[key]) for t in tags]
        if len(set(values)) == len(values):
            return key
    return None


def _constant_keys(model: Model) -> dict[str, Union[str, int, bool]]:
    return {
        f.wire_name: f.type.values[0]
        for f in model.fields
        if f.required and not f.nullable and isinstance(f.type, LiteralOf) and len(f.type.values) == 1
    }
