"""Does a JSON document fit a model of the Spec? Used to check the spec's own examples.

Each misfit is a ``Problem`` record (where, what kind, the text to show), so that callers decide
on kinds (an unknown key is no misfit when unknown keys are kept), never on wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

# Problem kinds
NOT_AN_OBJECT = "not-an-object"
MISSING_KEY = "missing-key"
NOT_NULLABLE = "not-nullable"
WRONG_TYPE = "wrong-type"
UNKNOWN_KEY = "unknown-key"


@dataclass(frozen=True)
class Problem:
    path: str  # dotted wire path of the bad value ("" for the document itself)
    kind: str  # one of the kinds above
    message: str  # what is wrong, without the path

    def __str__(self) -> str:
        where = self.path if self.kind == UNKNOWN_KEY else self.path or "<root>"  # a key may be ""
        return f"{where}: {self.message}"


def problems(value: Any, model: Model, spec: Spec, path: str = "") -> list[Problem]:
    """Every way ``value`` does not fit ``model``, each naming the path of the bad field."""
    if not isinstance(value, dict):
        return [Problem(path, NOT_AN_OBJECT, f"expected an object, got {type(value).__name__}")]
    out: list[Problem] = []
    known = {f.wire_name for f in model.fields}
    for f in model.fields:
        where = f"{path}.{f.wire_name}" if path else f.wire_name
        if f.wire_name not in value:
            if f.required:
                out.append(Problem(where, MISSING_KEY, "required key is missing"))
            continue
        v = value[f.wire_name]
        if v is None:
            if not f.nullable:
                out.append(Problem(where, NOT_NULLABLE, "null, but the field is not nullable"))
            continue
        out += _type_problems(v, f.type, spec, where)
    for key in value:
        if key not in known:
            where = f"{path}.{key}" if path else key
            out.append(Problem(where, UNKNOWN_KEY, "key not in the model (kept as an unknown key)"))
    return out


def _wrong(where: str, message: str) -> list[Problem]:
    return [Problem(where, WRONG_TYPE, message)]


def _type_problems(v: Any, t: TypeExpr, spec: Spec, where: str) -> list[Problem]:
    if isinstance(t, (AnyType,)):
        return []
    if isinstance(t, ObjectType):
        return [] if isinstance(v, dict) else _wrong(where, "expected an object")
    if isinstance(t, Scalar):
        ok = {
            "str": isinstance(v, str),
            "int": isinstance(v, int) and not isinstance(v, bool),
            "float": isinstance(v, (int, float)) and not isinstance(v, bool),
            "bool": isinstance(v, bool),
        }[t.name]
        return [] if ok else _wrong(where, f"expected {t.name}, got {type(v).__name__}")
    if isinstance(t, LiteralOf):
        if any(v == x and type(v) is type(x) for x in t.values):
            return []
        return _wrong(where, f"expected one of {list(t.values)}")
    if isinstance(t, ListOf):
        if not isinstance(v, list):
            return _wrong(where, "expected a list")
        return [p for i, item in enumerate(v) for p in _type_problems(item, t.item, spec, f"{where}[{i}]")]
    if isinstance(t, MapOf):
        if not isinstance(v, dict):
            return _wrong(where, "expected an object")
        return [p for k, item in v.items() for p in _type_problems(item, t.value, spec, f"{where}.{k}")]
    if isinstance(t, UnionOf):
        return _first_fit(v, t.options, spec, where)
    if isinstance(t, Ref):
        return _ref_problems(v, t.name, spec, where)
    return []


def _first_fit(v: Any, options: tuple[TypeExpr, ...], spec: Spec, where: str) -> list[Problem]:
    """No problem when some option fits; else the problems of the first option that fits but for
    unknown keys (a caller that keeps them counts it a fit), or else of the first option."""
    results = [_type_problems(v, o, spec, where) for o in options]
    if not results or any(not r for r in results):
        return []
    return next((r for r in results if all(p.kind == UNKNOWN_KEY for p in r)), results[0])


def _ref_problems(v: Any, name: str, spec: Spec, where: str) -> list[Problem]:
    item = spec.get(name)
    if isinstance(item, EnumDef):
        return [] if isinstance(v, str) else _wrong(where, f"expected a {name} string")
    if isinstance(item, Model):
        return problems(v, item, spec, where)
    if isinstance(item, UnionDef):
        return _first_fit(v, item.members, spec, where)
    return []
