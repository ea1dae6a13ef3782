"""Deciding one attribute of one field from every source's claims.

1. a claim that *refines* another (an enum refines ``string``, ``integer`` refines ``number``, a
   named model refines ``object``) is more precise and wins without a fight;
2. otherwise the stronger evidence wins (table > example > prose > vague);
3. between claims of equal strength, the dialect ranked first in ``precedence`` wins;
4. a type that the examples contradict gives way to another source's type that every example
   confirms: precedence never replaces a concrete, confirmed type by a vaguer one.

A reference to a page that says nothing of a value's shape (a model with no fields, a union with
no member listed) is vague evidence, whatever the table it sits in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from generator.model.claims import Claim, Strength
from generator.model.diagnostics import Diagnostic, Origin, warning
from generator.model.ir import Ref, Scalar, TypeExpr, type_text
from generator.read.spec_settings import SpecSettings
from generator.reconcile.typealg import NamedKinds, example_type, refines, value_fits


def by_strength(claims: list[Claim], attr: str, s: SpecSettings) -> list[Claim]:
    return sorted(claims, key=lambda c: (-int(c.strength), s.rank(attr, c.dialect), c.origin))


def _demote_vague(c: Claim, kinds: NamedKinds) -> Claim:
    if isinstance(c.value, Ref) and c.value.name in kinds.vague and c.strength > Strength.VAGUE:
        return replace(c, strength=Strength.VAGUE)
    return c


def decide_type(
    field: str,
    claims: list[Claim],
    values: list[tuple[Any, Origin]],
    s: SpecSettings,
    kinds: NamedKinds,
) -> tuple[Optional[TypeExpr], list[Diagnostic]]:
    """The field's type, and a W302 for every claim that lost; ``values`` are its example values."""
    diags: list[Diagnostic] = []
    ordered = by_strength([_demote_vague(c, kinds) for c in claims], "type", s)
    best: Optional[Claim] = ordered[0] if ordered else None
    for c in ordered[1:]:
        assert best is not None
        if refines(c.value, best.value, kinds.is_enum):  # type: ignore[arg-type]
            if _numeric(best.value, c.value):
                diags.append(_type_diag(field, c, best, "more precise"))
            best = c
        elif refines(best.value, c.value, kinds.is_enum):  # type: ignore[arg-type]
            if _numeric(c.value, best.value):
                diags.append(_type_diag(field, best, c, "more precise"))
        else:
            diags.append(_type_diag(field, best, c, _why_not(c, kinds)))
    if best is None or best.strength == Strength.VAGUE:
        return _refine_by_examples(best, values, kinds), diags
    confirmed = _confirmed_instead(best, ordered, values, kinds)
    if confirmed is None:
        return best.value, diags  # type: ignore[return-value]
    diags = [d for d in diags if d.origin != confirmed.origin]
    diags.append(_type_diag(field, confirmed, best, "the examples confirm it"))
    return confirmed.value, diags  # type: ignore[return-value]


def _refine_by_examples(
    best: Optional[Claim], values: list[tuple[Any, Origin]], kinds: NamedKinds
) -> Optional[TypeExpr]:
    """Where the documents leave a type vague or unsaid, the examples' types refine it."""
    current: Optional[TypeExpr] = best.value if best else None  # type: ignore[assignment]
    for v, _origin in values:
        t = example_type(v)
        if t is not None and (current is None or (t != current and refines(t, current, kinds.is_enum))):
            current = t
    return current


def _confirmed_instead(
    best: Claim, ordered: list[Claim], values: list[tuple[Any, Origin]], kinds: NamedKinds
) -> Optional[Claim]:
    """Another claim that every example fits, when some example does not fit ``best``; never one
    that ``best`` refines (a vaguer type is no fix: the misfit is then reported as W307)."""
    shown = [v for v, _ in values if v is not None]
    if not shown or all(value_fits(v, best.value, kinds) for v in shown):  # type: ignore[arg-type]
        return None
    for c in ordered:
        if c is best or refines(best.value, c.value, kinds.is_enum):  # type: ignore[arg-type]
            continue
        if all(value_fits(v, c.value, kinds) for v in shown):  # type: ignore[arg-type]
            return c
    return None


def _why_not(c: Claim, kinds: NamedKinds) -> str:
    if isinstance(c.value, Ref) and c.value.name in kinds.vague:
        return f"{c.value.name}'s page says nothing of its shape"
    return "ranked first"


def _numeric(general: object, precise: object) -> bool:
    return general == Scalar("float") and precise == Scalar("int")


def _said(c: Claim) -> str:
    if c.strength == Strength.VAGUE and c.value == Scalar("float"):
        return "number (int or float)"
    return type_text(c.value)  # type: ignore[arg-type]


def _type_diag(field: str, kept: Claim, other: Claim, why: str) -> Diagnostic:
    return warning(
        "W302",
        f"field '{field}': {kept.origin.short()} says {_said(kept)}, {other.origin.short()} says "
        f"{_said(other)}; keeping {_said(kept)} ({why})",
        other.origin,
    )


def decide_bool(
    field: str, attr: str, code: str, claims: list[Claim], s: SpecSettings
) -> tuple[Optional[bool], list[Diagnostic]]:
    ordered = by_strength(claims, attr, s)
    if not ordered:
        return None, []
    best = ordered[0]
    diags = []
    seen: set[str] = set()
    for c in ordered[1:]:
        if c.value != best.value and c.origin.path not in seen:
            seen.add(c.origin.path)
            why = "is stronger evidence" if best.strength > c.strength else "ranks first"
            diags.append(
                warning(
                    code,
                    f"field '{field}': {best.origin.short()} says {attr}={best.value}, "
                    f"{c.origin.short()} says {attr}={c.value}; keeping {best.value} ({best.dialect} {why})",
                    c.origin,
                )
            )
    return bool(best.value), diags
