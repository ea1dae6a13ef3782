"""How deep a payload of each model can nest: the models whose payloads may be nested deeper than
the runtime's limit (a model that contains itself, or a chain of distinct models longer than it).

pydantic validates nested models in Rust without a depth limit for Python input: a 3,000-deep
chain of distinct models overflows its stack (a segfault). The pydantic module checks the depth of
a payload for these models first (an ordinary ValidationError past ``MAX_DEPTH`` levels); for the
others no payload it accepts can nest deeper than the models do, so they pay nothing.
"""

from __future__ import annotations

import math

from generator.model.ir import ListOf, MapOf, Model, Ref, Spec, TypeExpr, UnionDef, UnionOf

MAX_DEPTH = 200  # the runtimes' _MAX_DEPTH: levels of JSON objects and arrays


def _type_depth(t: TypeExpr, known: dict[str, float], spec: Spec) -> float:
    if isinstance(t, (ListOf, MapOf)):
        inner = t.item if isinstance(t, ListOf) else t.value
        return 1 + _type_depth(inner, known, spec)
    if isinstance(t, UnionOf):
        return max((_type_depth(o, known, spec) for o in t.options), default=0)
    item = spec.get(t.name) if isinstance(t, Ref) else None
    if isinstance(item, UnionDef):  # as deep as its deepest member (a union never holds itself)
        return max((_type_depth(m, known, spec) for m in item.members), default=0)
    if isinstance(item, Model):
        return known.get(item.name, math.inf)  # not known yet: a cycle (items come dependencies first)
    return 0


def model_depths(spec: Spec) -> dict[str, float]:
    """Levels of objects and arrays a payload of each model can have (``inf``: unbounded)."""
    known: dict[str, float] = {}
    for item in spec.items:
        if isinstance(item, Model):
            known[item.name] = 1 + max((_type_depth(f.type, known, spec) for f in item.fields), default=0)
    return known


# pydantic builds a deferred model's validator on its first use by recursing through the models it
# holds: a chain of ~150 distinct models overflows Python's stack there (a RecursionError, not a
# ValidationError), where building each model as it is defined (dependencies first) does not.
DEFER_BUILD_CHAIN = 40


def _chain(t: TypeExpr, known: dict[str, int], spec: Spec) -> int:
    if isinstance(t, (ListOf, MapOf)):
        return _chain(t.item if isinstance(t, ListOf) else t.value, known, spec)
    if isinstance(t, UnionOf):
        return max((_chain(o, known, spec) for o in t.options), default=0)
    item = spec.get(t.name) if isinstance(t, Ref) else None
    if isinstance(item, UnionDef):
        return max((_chain(m, known, spec) for m in item.members), default=0)
    if isinstance(item, Model):
        return known.get(item.name, 0)  # not known yet: a cycle, which closes on a model already seen
    return 0


def longest_model_chain(spec: Spec) -> int:
    """The most distinct models one payload passes through, one inside another (a cycle counted
    once round)."""
    known: dict[str, int] = {}
    for item in spec.items:
        if isinstance(item, Model):
            known[item.name] = 1 + max((_chain(f.type, known, spec) for f in item.fields), default=0)
    return max(known.values(), default=0)


def deep_models(spec: Spec, limit: int = MAX_DEPTH) -> tuple[str, ...]:
    """The models whose payloads may nest deeper than ``limit`` levels, in the spec's order."""
    return tuple(name for name, depth in model_depths(spec).items() if depth > limit)
