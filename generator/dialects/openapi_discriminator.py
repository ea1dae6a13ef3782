"""A union's ``discriminator`` as the OpenAPI document states it, checked against its members.

The merge computes a union's discriminator from its members (the key whose required constant
differs in each). Where the document names one (``discriminator: {propertyName, mapping}``), this
says when the members do not bear it out: a member without that key as a required constant, two
members with one value, or a ``mapping`` entry naming another member than the constant does.
Then a decoder cannot pick the member the way the document says, and the user is told (W377).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from generator.dialects.openapi_document import resolve_pointer
from generator.model.claims import REQUIRED, TYPE, ObjectFrag, UnionFrag
from generator.model.diagnostics import Diagnostic, warning
from generator.model.ir import LiteralOf, Ref, TypeExpr

_TAG_KEYS = ("type", "object")  # tried first, in this order; then any other shared key by name


def discriminator_problems(
    data: Any, unions: list[tuple[UnionFrag, tuple[str, ...]]], objects: list[ObjectFrag]
) -> list[tuple[Diagnostic, tuple[str, ...]]]:
    by_name = {o.name: o for o in objects}
    out: list[tuple[Diagnostic, tuple[str, ...]]] = []
    for union, pointer in unions:
        raw = resolve_pointer(data, pointer)
        stated = raw.get("discriminator") if isinstance(raw, dict) else None
        key = stated.get("propertyName") if isinstance(stated, dict) else None
        if not isinstance(key, str):
            continue
        at = (*pointer, "discriminator")
        mapping = stated.get("mapping") if isinstance(stated, dict) else None
        for problem in _problems(union, key, mapping if isinstance(mapping, dict) else {}, by_name):
            message = f"union {union.name}: the document's discriminator '{key}' {problem}"
            out.append((warning("W377", message), at))
    return out


def _problems(
    union: UnionFrag, key: str, mapping: dict[str, Any], objects: dict[str, ObjectFrag]
) -> list[str]:
    problems: list[str] = []
    seen: dict[object, str] = {}
    for member in union.members:
        obj = objects.get(member.name) if isinstance(member, Ref) else None
        if obj is None:
            problems.append(f"cannot tell apart {member!r}, which is not an object")
            continue
        value = _constant(obj, key)
        if value is None:
            problems.append(f"is not a required constant of {obj.name}")
            continue
        if value in seen:
            problems.append(f"is {value!r} in both {seen[value]} and {obj.name}")
        seen[value] = obj.name
        target = mapping.get(value) if isinstance(value, str) else None
        if isinstance(target, str) and target.rsplit("/", 1)[-1] != obj.name:
            problems.append(f"maps {value!r} to {target}, but {obj.name} has that value")
    return problems


def _constant(obj: ObjectFrag, key: str) -> object:
    for f in obj.fields:
        if f.wire_name == key:
            claims = {c.attr: c.value for c in f.claims}
            t = claims.get(TYPE)
            if claims.get(REQUIRED) is True and isinstance(t, LiteralOf) and len(t.values) == 1:
                return t.values[0]
    return None


def tagged_parts(
    unions: list[tuple[UnionFrag, tuple[str, ...]]], objects: list[ObjectFrag], taken: set[str]
) -> list[tuple[UnionFrag, tuple[str, ...]]]:
    """Unions of objects and other kinds of value (``str | InputText | OutputText | list[..]``) with
    their objects as one member: a union of those objects alone, named ``<union>Object``, whose
    constant tells them apart (a content part's ``type``). The value is then a string, a list or
    one of the tagged objects, which every style (msgspec too) can decode without trying each
    object in turn. Unions whose objects share no such constant are left as they are."""
    by_name = {o.name: o for o in objects}
    out: list[tuple[UnionFrag, tuple[str, ...]]] = []
    groups: dict[tuple[TypeExpr, ...], str] = {}
    for union, pointer in unions:
        parts = tuple(m for m in union.members if isinstance(m, Ref) and m.name in by_name)
        if len(parts) < 2 or len(parts) == len(union.members) or _tag_key(parts, by_name) is None:
            out.append((union, pointer))
            continue
        name = groups.get(parts)
        if name is None:
            name = groups[parts] = _free(f"{union.name}Object", taken)
            out.append((replace(union, name=name, members=parts), pointer))
        first = union.members.index(parts[0])
        rest = [m for m in union.members if m not in parts]
        members = (*rest[:first], Ref(name), *rest[first:])
        out.append((replace(union, members=members), pointer))
    return out


def _free(name: str, taken: set[str]) -> str:
    found, n = name, 1
    while found in taken:
        n += 1
        found = f"{name}{n}"
    taken.add(found)
    return found


def _tag_key(parts: tuple[TypeExpr, ...], objects: dict[str, ObjectFrag]) -> Optional[str]:
    """The key at which every object has a required constant of its own (``type`` first)."""
    models = [objects[p.name] for p in parts if isinstance(p, Ref)]
    keys = {f.wire_name for f in models[0].fields}.intersection(
        *({f.wire_name for f in o.fields} for o in models)
    )
    for key in sorted(keys, key=lambda k: (_TAG_KEYS.index(k) if k in _TAG_KEYS else len(_TAG_KEYS), k)):
        values = [_constant(o, key) for o in models]
        if None not in values and len(set(values)) == len(values):
            return key
    return None
