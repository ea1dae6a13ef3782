"""Does a JSON document fit a model of the Spec? Used to check the spec's own examples."""

from __future__ import annotations

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
    UnionOf,
)


def problems(value: Any, model: Model, spec: Spec, path: str = "") -> list[str]:
    """Every way ``value`` does not fit ``model``, each naming the path of the bad field."""
    if not isinstance(value, dict):
        return [f"{path or '<root>'}: expected an object, got {type(value).__name__}"]
    out: list[str] = []
    known = {f.wire_name for f in model.fields}
    for f in model.fields:
        where = f"{path}.{f.wire_name}" if path else f.wire_name
        if f.wire_name not in value:
            if f.required:
                out.append(f"{where}: required key is missing")
            continue
        v = value[f.wire_name]
        if v is None:
            if not f.nullable:
                out.append(f"{where}: null, but the field is not nullable")
            continue
        out += _type_problems(v, f.type, spec, where)
    for key in value:
        if key not in known:
            out.append(f"{path + '.' if path else ''}{key}: key not in the model (kept as an unknown key)")
    return out


def _type_problems(v: Any, t: TypeExpr, spec: Spec, where: str) -> list[str]:
    if isinstance(t, (AnyType,)):
        return []
    if isinstance(t, ObjectType):
        return [] if isinstance(v, dict) else [f"{where}: expected an object"]
    if isinstance(t, Scalar):
        ok = {
            "str": isinstance(v, str),
            "int": isinstance(v, int) and not isinstance(v, bool),
            "float": isinstance(v, (int, float)) and not isinstance(v, bool),
            "bool": isinstance(v, bool),
        }[t.name]
        return [] if ok else [f"{where}: expected {t.name}, got {type(v).__name__}"]
    if isinstance(t, LiteralOf):
        return (
            []
            if any(v == x and type(v) is type(x) for x in t.values)
            else [f"{where}: expected one of {list(t.values)}"]
        )
    if isinstance(t, ListOf):
        if not isinstance(v, list):
            return [f"{where}: expected a list"]
        return [p for i, item in enumerate(v) for p in _type_problems(item, t.item, spec, f"{where}[{i}]")]
    if isinstance(t, MapOf):
        if not isinstance(v, dict):
            return [f"{where}: expected an object"]
        return [p for k, item in v.items() for p in _type_problems(item, t.value, spec, f"{where}.{k}")]
    if isinstance(t, UnionOf):
        results = [_type_problems(v, o, spec, where) for o in t.options]
        return [] if any(not r for r in results) else results[0]
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef):
            return [] if isinstance(v, str) else [f"{where}: expected a {t.name} string"]
        if isinstance(item, Model):
            return problems(v, item, spec, where)
    return []
