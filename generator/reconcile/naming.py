"""Python names: for every field, and for every model, enum and union whose own name cannot be one.

Fields: a wire key becomes a safe identifier (``model.names.py_identifier``); where two keys of one
model become the same name, the key that already is that name keeps it and the other gets ``_2``,
``_3``… with a warning (W317). Items: a name the generated modules cannot use for a class (a
keyword, a builtin, ``ValidationError`` or another name the modules import or define, a loader's
or a field's name, a non-identifier) gets a new one (W316): its PascalCase form when that differs
and is safe, else the name with ``Model``/``Enum``/``Union`` appended. ``[names]`` in the spec's
``modelgen.toml`` overrides both (``ValidationError = "ApiValidationError"``,
``"Widget.a-b" = "a_dash_b"``). ``emit.reserved.check_spec_names`` stays the final safety check.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Optional

from generator.model.diagnostics import Diagnostic, error, warning
from generator.model.ir import EnumDef, Field, Item, ListOf, MapOf, Model, Ref, TypeExpr, UnionDef, UnionOf
from generator.model.names import (
    NOT_AN_IDENTIFIER,
    is_identifier,
    loader_name,
    pascal_case,
    py_identifier,
    reserved_reason,
    unique_name,
)
from generator.reconcile.drafts import DraftModel


def field_names(
    model: DraftModel, overrides: Mapping[str, str] = {}
) -> tuple[tuple[Field, ...], list[Diagnostic]]:
    """The model's fields with Python names; E205 for a key with nothing usable in it. A key the
    user names (``overrides["Model.key"]``, applied later) gets no warning for its collision."""
    diags: list[Diagnostic] = []
    wanted = {f.wire_name: py_identifier(f.wire_name) for f in model.fields}
    for f in model.fields:
        if not wanted[f.wire_name]:
            diags.append(
                error(
                    "E205",
                    f"{model.name}: field name {f.wire_name!r} becomes empty when made safe",
                    f.origins[0],
                )
            )
    usable = [f for f in model.fields if wanted[f.wire_name]]
    # a key that is its own Python name keeps it; the others claim theirs in document order
    claim_order = sorted(usable, key=lambda f: f.wire_name != wanted[f.wire_name])
    owner: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for f in claim_order:
        py = wanted[f.wire_name]
        name = unique_name(py, owner)
        named = {f"{model.name}.{owner.get(py, '')}", f"{model.name}.{f.wire_name}"} & set(overrides)
        if name != py and not named:
            diags.append(
                warning(
                    "W317",
                    f"{model.name}: fields {owner[py]!r} and {f.wire_name!r} both become '{py}'; "
                    f"{f.wire_name!r} is '{name}' (name it with [names] \"{model.name}.{f.wire_name}\" = "
                    '"..." in modelgen.toml)',
                    f.origins[0],
                )
            )
        owner[name] = f.wire_name
        chosen[f.wire_name] = name
    fields = tuple(
        Field(
            f.wire_name,
            chosen[f.wire_name],
            f.type,
            f.required,
            f.nullable,
            f.description,
            f.deprecated,
            f.origins,
        )
        for f in usable
    )
    return fields, diags


def _kind(item: Item) -> str:
    return "enum" if isinstance(item, EnumDef) else "union" if isinstance(item, UnionDef) else "object"


_SUFFIX = {"enum": "Enum", "union": "Union", "object": "Model"}


def item_names(items: list[Item], overrides: Mapping[str, str]) -> tuple[list[Item], list[Diagnostic]]:
    """Items renamed where their names cannot be class names, and every reference to them."""
    diags: list[Diagnostic] = []
    taken = {i.name for i in items}
    py_names = {f.py_name for i in items if isinstance(i, Model) for f in i.fields}
    loaders = {loader_name(i.name) for i in items if isinstance(i, Model)}
    renames: dict[str, str] = {}
    for item in sorted(items, key=lambda i: i.name):
        origin = item.origins[0] if item.origins else None
        kind = _kind(item)
        if item.name in overrides:
            wanted = overrides[item.name]
            bad = reserved_reason(wanted) or ("is taken" if wanted in taken else "")
            if bad:
                diags.append(
                    error(
                        "E205", f"name override {item.name} = {wanted!r} in [names]: {wanted!r} {bad}", origin
                    )
                )
                continue
            renames[item.name] = wanted
            taken.add(wanted)
            continue
        reason = reserved_reason(item.name) or _clash(item, loaders, py_names)
        if not reason:
            continue
        new = _new_name(item.name, kind, taken | py_names | (loaders - {loader_name(item.name)}))
        if new is None:
            text = f"{kind} name {item.name!r} {reason}"
            diags.append(
                error(
                    "E205", text if reason == NOT_AN_IDENTIFIER else text + "; rename it in [names]", origin
                )
            )
            continue
        diags.append(
            warning(
                "W316",
                f"{kind} name {item.name!r} {reason}: it is {new} in the generated code (name it with "
                f'[names] {item.name} = "..." in modelgen.toml)',
                origin,
            )
        )
        renames[item.name] = new
        taken.add(new)
        if isinstance(item, Model):
            loaders.add(loader_name(new))
    for key in sorted(k for k in overrides if k not in {i.name for i in items}):
        diags.append(error("E205", f"name override '{key}' in [names] matches no model, enum or union"))
    return [rename_item(i, renames) for i in items], diags


def _clash(item: Item, loaders: set[str], py_names: set[str]) -> str:
    if item.name in loaders:
        return "is the name of a generated loader function"
    if item.name in py_names:
        return "is also the Python name of a field"
    return ""


def _new_name(name: str, kind: str, taken: set[str]) -> Optional[str]:
    ascii_words = "".join(c if c.isascii() else " " for c in name)
    if not pascal_case(ascii_words):
        return None  # nothing of the name is left to build on
    candidates = [pascal_case(ascii_words), name + _SUFFIX[kind], pascal_case(ascii_words) + _SUFFIX[kind]]
    for c in candidates:
        if c and c != name and not reserved_reason(c) and c not in taken and loader_name(c) not in taken:
            return c
    base = candidates[-1]
    if not is_identifier(base) or reserved_reason(base):
        return None
    return unique_name(base, taken)


def rename_item(item: Item, renames: Mapping[str, str]) -> Item:
    if not renames:
        return item
    name = renames.get(item.name, item.name)
    if isinstance(item, Model):
        fields = tuple(replace(f, type=renamed(f.type, renames)) for f in item.fields)
        return replace(item, name=name, fields=fields)
    if isinstance(item, UnionDef):
        return replace(item, name=name, members=tuple(renamed(m, renames) for m in item.members))
    return replace(item, name=name)


def renamed(t: TypeExpr, renames: Mapping[str, str]) -> TypeExpr:
    if isinstance(t, Ref):
        return Ref(renames.get(t.name, t.name))
    if isinstance(t, ListOf):
        return ListOf(renamed(t.item, renames))
    if isinstance(t, MapOf):
        return MapOf(renamed(t.value, renames))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(renamed(o, renames) for o in t.options))
    return t
