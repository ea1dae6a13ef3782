"""Drafts → Spec: references checked, Python names chosen, unions tagged, items in dependency order."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Mapping, Optional

from generator.model.diagnostics import Diagnostic, Origin, error, warning
from generator.model.ir import EnumDef, Field, Item, Model, Spec, TypeExpr, UnionDef, refs_of
from generator.model.names import is_identifier, py_identifier
from generator.reconcile.conformance import problems
from generator.reconcile.drafts import Merged
from generator.reconcile.naming import field_names, item_names
from generator.reconcile.order import dependency_order
from generator.reconcile.unions import discriminator


def resolve(
    merged: Merged,
    inputs: tuple[str, ...] = (),
    input_hash: str = "",
    names: Optional[Mapping[str, str]] = None,
) -> tuple[Spec, list[Diagnostic]]:
    """``names`` are the user's ``[names]``: ``"Model"`` → class name (applied here) and
    ``"Model.wire_key"`` → Python name (applied by ``rename_fields``; here they only silence the
    warning for a key the user has named)."""
    names = names or {}
    diags: list[Diagnostic] = []
    enums = _kept_enums(merged)
    known = {m.name for m in merged.models} | {e.name for e in enums} | {u.name for u in merged.unions}
    diags += _undefined_references(merged, known)
    item_renames = {k: v for k, v in names.items() if "." not in k}
    old_name = {new: old for old, new in item_renames.items()}
    # a field key names the model as the user knows it, after its rename
    field_keys = {
        f"{old_name.get(k.split('.')[0], k.split('.')[0])}.{k.split('.', 1)[1]}": v
        for k, v in names.items()
        if "." in k
    }
    models: list[Model] = []
    for m in merged.models:
        fields, d = field_names(m, field_keys)
        diags += d
        models.append(Model(m.name, fields, m.description, m.examples, m.origins))
    items, d = item_names([*models, *enums, *merged.unions], item_renames)
    diags += d
    items = _tagged(items)
    spec = Spec(tuple(dependency_order(items)), inputs, input_hash)
    for model in spec.models:
        for ex in model.examples:
            for p in problems(ex.value, model, spec):
                diags.append(warning("W307", f"example of {model.name} does not fit: {p}", ex.origin))
    return spec, diags


def _kept_enums(merged: Merged) -> list[EnumDef]:
    """An unreferenced enum is kept only when a page defines it with several values: a one-value
    enum became a constant wherever it was used, and a prose-only enum lost to a table's type."""
    used = {n for m in merged.models for f in m.fields for n in refs_of(f.type)}
    used |= {n for u in merged.unions for t in u.members for n in refs_of(t)}
    return [
        e
        for e in merged.enums
        if e.name in used or (e.name not in merged.prose_only_enums and len(e.values) > 1)
    ]


def _undefined_references(merged: Merged, known: set[str]) -> list[Diagnostic]:
    uses: list[tuple[str, TypeExpr, Origin]] = [
        (f"{m.name}.{f.wire_name}", f.type, f.origins[0]) for m in merged.models for f in m.fields
    ]
    uses += [(f"union {u.name}", t, u.origins[0]) for u in merged.unions for t in u.members if u.origins]
    diags: list[Diagnostic] = []
    candidates = sorted(known)
    hints: dict[str, str] = {}  # one search per missing name, however often it is referenced
    for where, t, origin in uses:
        for ref in refs_of(t):
            if ref not in known:
                if ref not in hints:
                    close = difflib.get_close_matches(ref, candidates, n=1)
                    hints[ref] = f" (did you mean '{close[0]}'?)" if close else ""
                hint = hints[ref]
                diags.append(error("E202", f"{where}: no document defines type '{ref}'{hint}", origin))
    return diags


def _tagged(items: list[Item]) -> list[Item]:
    """Unions with their discriminator, where their members have one."""
    models = {i.name: i for i in items if isinstance(i, Model)}
    return [
        replace(i, discriminator=discriminator(i.members, models)) if isinstance(i, UnionDef) else i
        for i in items
    ]


def rename_fields(spec: Spec, names: dict[str, str]) -> tuple[Spec, list[Diagnostic]]:
    """Apply the user's name overrides ("Model.wire_key" → Python name) from [tool.modelgen]."""
    if not names:
        return spec, []
    diags: list[Diagnostic] = []
    items: list[Item] = []
    used: set[str] = set()
    for item in spec.items:
        if isinstance(item, Model):
            fields = []
            for f in item.fields:
                key = f"{item.name}.{f.wire_name}"
                if key in names:
                    used.add(key)
                    f = replace(f, py_name=names[key])
                fields.append(f)
            diags += _override_problems(item.name, fields)
            item = replace(item, fields=tuple(fields))
        items.append(item)
    for key in sorted(set(names) - used):
        diags.append(error("E205", f"name override '{key}' matches no field of the spec"))
    return replace(spec, items=tuple(items)), diags


def _override_problems(model: str, fields: list[Field]) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    taken: dict[str, str] = {}
    for f in fields:
        if not is_identifier(f.py_name) or py_identifier(f.py_name) != f.py_name:
            diags.append(
                error("E205", f"{model}: name override {f.py_name!r} is not a safe identifier", f.origins[0])
            )
        elif f.py_name in taken:
            diags.append(
                error(
                    "E205",
                    f"{model}: fields {taken[f.py_name]!r} and {f.wire_name!r} both become '{f.py_name}'",
                    f.origins[0],
                )
            )
        taken[f.py_name] = f.wire_name
    return diags
