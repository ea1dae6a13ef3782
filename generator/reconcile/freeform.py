"""A model page with no fields (an empty table) describes a free-form object: any JSON object.

No empty class is emitted: the model is dropped and every reference to it becomes
``dict[str, Any]`` (``MapOf(AnyType())``), with a warning naming the page.
"""

from __future__ import annotations

from dataclasses import replace

from generator.model.diagnostics import Diagnostic, warning
from generator.model.ir import AnyType, ListOf, MapOf, Ref, TypeExpr, UnionDef, UnionOf
from generator.reconcile.drafts import DraftModel

FREE_FORM = MapOf(AnyType())


def free_form_models(
    models: list[DraftModel], unions: list[UnionDef]
) -> tuple[list[DraftModel], list[UnionDef], list[Diagnostic]]:
    empty = {m.name for m in models if not m.fields}
    if not empty:
        return models, unions, []
    diags = [
        warning(
            "W314",
            f"{m.name} has no fields (its table is empty): read as a free-form object, dict[str, Any], "
            "wherever it is used",
            m.origins[0] if m.origins else None,
        )
        for m in models
        if m.name in empty
    ]
    kept = [
        replace(m, fields=tuple(replace(f, type=without(f.type, empty)) for f in m.fields))
        for m in models
        if m.name not in empty
    ]
    out_unions = [replace(u, members=_members(u.members, empty)) for u in unions]
    return kept, out_unions, diags


def _members(members: tuple[TypeExpr, ...], empty: set[str]) -> tuple[TypeExpr, ...]:
    out: list[TypeExpr] = []
    for m in members:
        t = without(m, empty)
        if t not in out:
            out.append(t)
    return tuple(out)


def without(t: TypeExpr, empty: set[str]) -> TypeExpr:
    """``t`` with every reference to a name in ``empty`` replaced by a free-form object."""
    if isinstance(t, Ref):
        return FREE_FORM if t.name in empty else t
    if isinstance(t, ListOf):
        return ListOf(without(t.item, empty))
    if isinstance(t, MapOf):
        return MapOf(without(t.value, empty))
    if isinstance(t, UnionOf):
        options: list[TypeExpr] = []
        for o in t.options:
            x = without(o, empty)
            if x not in options:
                options.append(x)
        return UnionOf(tuple(options)) if len(options) > 1 else options[0]
    return t
