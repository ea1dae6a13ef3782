"""The merged model as a JSON Schema (draft 2020-12): what ``modelgen schema`` prints.

One ``$defs`` entry per model, enum and union, in the Spec's order (dependency order, name as
tie-break), so the output is deterministic. The document itself accepts any root object: its
``anyOf`` lists the models that no other model refers to (FineTuningJob, FineTune).

The schema says what the generated models accept, no more and no less:

- Model: ``type: object``, ``properties`` by wire name, ``required`` (keys that must be present),
  ``additionalProperties: true`` because unknown keys are kept (``false`` under
  ``unknown_keys="forbid"``).
- required and nullable are independent: a nullable field is ``anyOf: [X, {"type": "null"}]``,
  whether or not its key is required; a non-nullable field rejects null even when optional.
- Enum: a closed enum is ``type: string`` with ``enum``. An open enum keeps a value it does not
  know, so its schema must accept any string while still documenting the known values:
  ``anyOf: [{"type": "string", "enum": [...]}, {"type": "string"}]``. (A plain ``type: string``
  would lose the values; a bare ``enum`` would reject the API's next status.)
- Constants are ``const`` (several values: ``enum``); unions ``anyOf``; Any is ``{}`` (as a
  field that is not nullable: ``{"not": {"type": "null"}}``, since null is a field's
  nullability, not a value of Any); a bare object is ``type: object``; a map is ``type: object``
  with ``additionalProperties``.
- Union items: see ``union_schema`` (``oneOf`` with a ``discriminator`` mapping when tagged).
- Numbers: ``integer`` for int, ``number`` for float (an int is a valid float); JSON Schema never
  takes a boolean for either, as the models do not.
- Descriptions of models, enums and fields are ``description``; deprecated fields carry
  ``deprecated: true``.
"""

from __future__ import annotations

from typing import Any

from generator.emit.decoder_source import union_tags
from generator.emit.options import RenderOptions, UnknownKeys
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
    refs_of,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "modelgen models"
_SCALAR_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
NULL: dict[str, Any] = {"type": "null"}


def ref(name: str) -> dict[str, Any]:
    """The reference to the ``$defs`` entry of a model or enum."""
    return {"$ref": f"#/$defs/{name}"}


def type_schema(t: TypeExpr, spec: Spec) -> dict[str, Any]:
    """The schema of a non-null value of type ``t``."""
    if isinstance(t, Scalar):
        return {"type": _SCALAR_TYPES[t.name]}
    if isinstance(t, AnyType):
        return {}
    if isinstance(t, ObjectType):
        return {"type": "object"}
    if isinstance(t, ListOf):
        return {"type": "array", "items": type_schema(t.item, spec)}
    if isinstance(t, MapOf):
        return {"type": "object", "additionalProperties": type_schema(t.value, spec)}
    if isinstance(t, Ref):
        if spec.get(t.name) is None:
            raise ValueError(f"unresolved reference {t.name!r}")
        return ref(t.name)
    if isinstance(t, LiteralOf):
        if len(t.values) == 1:
            return {"const": t.values[0]}
        return {"enum": list(t.values)}
    if isinstance(t, UnionOf):
        return {"anyOf": [type_schema(o, spec) for o in t.options]}
    raise TypeError(f"not a type: {t!r}")


def accepts_null(t: TypeExpr, spec: Spec | None = None) -> bool:
    """Does the schema of ``t`` (without the field's nullability) take null? Only Any does (or a
    union item with Any among its members)."""
    if isinstance(t, AnyType):
        return True
    if isinstance(t, UnionOf):
        return any(accepts_null(o, spec) for o in t.options)
    item = spec.get(t.name) if isinstance(t, Ref) and spec is not None else None
    if isinstance(item, UnionDef):
        return any(accepts_null(m, spec) for m in item.members)
    return False


def field_schema(f: Field, spec: Spec) -> dict[str, Any]:
    """The schema of a field's value: its type, or null too when nullable; plus its description."""
    base = type_schema(f.type, spec)
    out: dict[str, Any]
    if not f.nullable:
        out = dict(base)
        if accepts_null(f.type, spec):  # Any (or a union with Any): null is still not allowed here
            out["not"] = NULL
    elif list(base) == ["anyOf"]:  # a union: null is one more option
        out = {"anyOf": base["anyOf"] + [NULL]}
    elif not base:  # Any already takes null
        out = {}
    else:
        out = {"anyOf": [base, NULL]}
    if f.description:
        out["description"] = f.description
    if f.deprecated:
        out["deprecated"] = True
    return out


def model_schema(model: Model, spec: Spec, options: RenderOptions) -> dict[str, Any]:
    out: dict[str, Any] = {"title": model.name}
    if model.description:
        out["description"] = model.description
    out["type"] = "object"
    out["properties"] = {f.wire_name: field_schema(f, spec) for f in model.fields}
    out["required"] = [f.wire_name for f in model.fields if f.required]
    out["additionalProperties"] = options.unknown_keys is not UnknownKeys.FORBID
    return out


def enum_schema(enum: EnumDef, options: RenderOptions) -> dict[str, Any]:
    out: dict[str, Any] = {"title": enum.name}
    if enum.description:
        out["description"] = enum.description
    known = {"type": "string", "enum": list(enum.values)}
    if options.open_enums and enum.open:
        out["anyOf"] = [known, {"type": "string"}]
    else:
        out.update(known)
    return out


def union_schema(union: UnionDef, spec: Spec) -> dict[str, Any]:
    """A discriminated union is ``oneOf`` its members with OpenAPI's ``discriminator`` (the tag key
    and each tag value's member); another is ``anyOf`` (its members are tried in order, so a value
    may fit two). A union of Any alone is ``{}``."""
    out: dict[str, Any] = {"title": union.name}
    if union.description:
        out["description"] = union.description
    members = [type_schema(m, spec) for m in union.members]
    if len(members) == 1:
        out.update(members[0])
    elif union.discriminator is not None:
        out["oneOf"] = members
        mapping = {str(value): ref(model)["$ref"] for value, model in union_tags(union, spec)}
        out["discriminator"] = {"propertyName": union.discriminator, "mapping": mapping}
    else:
        out["anyOf"] = members
    return out


def root_models(spec: Spec) -> list[str]:
    """Models no other model refers to, in Spec order (every model, if each one is referred to)."""
    referred = {
        name for model in spec.models for f in model.fields for name in refs_of(f.type) if name != model.name
    }
    referred |= {name for union in spec.unions for m in union.members for name in refs_of(m)}
    roots = [m.name for m in spec.models if m.name not in referred]
    return roots or [m.name for m in spec.models]


def spec_to_schema(spec: Spec, options: RenderOptions | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of the merged model; a JSON-ready dict with a stable key order."""
    opts = options or RenderOptions()
    defs: dict[str, Any] = {}
    for item in spec.items:
        if isinstance(item, Model):
            defs[item.name] = model_schema(item, spec, opts)
        elif isinstance(item, EnumDef):
            defs[item.name] = enum_schema(item, opts)
        else:
            defs[item.name] = union_schema(item, spec)
    return {
        "$schema": DIALECT,
        "title": TITLE,
        "description": "A document of one of the root models; every model and enum is in $defs.",
        "anyOf": [ref(name) for name in root_models(spec)],
        "$defs": defs,
    }
