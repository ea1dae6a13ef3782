"""Drafts → Spec: references checked, names made safe, items in dependency order."""

from __future__ import annotations

import difflib
from dataclasses import replace

from generator.model.diagnostics import Diagnostic, error, warning
from generator.model.ir import EnumDef, Field, Item, Model, Spec, refs_of
from generator.model.names import is_identifier, py_identifier
from generator.reconcile.conformance import problems
from generator.reconcile.merge import Merged


def resolve(
    merged: Merged, inputs: tuple[str, ...] = (), input_hash: str = ""
) -> tuple[Spec, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    models = {m.name: m for m in merged.models}
    used: set[str] = {n for m in merged.models for f in m.fields for n in refs_of(f.type)}
    # an unreferenced enum is kept only when a page defines it with several values: a one-value
    # enum became a constant wherever it was used, and a prose-only enum lost to a table's type
    enums = {
        e.name: e
        for e in merged.enums
        if e.name in used or (e.name not in merged.prose_only_enums and len(e.values) > 1)
    }
    known = set(models) | set(enums)
    for e in enums.values():
        if not is_identifier(e.name):
            diags.append(
                error(
                    "E205",
                    f"enum name {e.name!r} is not a valid Python identifier",
                    e.origins[0] if e.origins else None,
                )
            )
    out_models: list[Model] = []
    for m in merged.models:
        if not is_identifier(m.name):
            diags.append(
                error(
                    "E205",
                    f"object name {m.name!r} is not a valid Python identifier",
                    m.origins[0] if m.origins else None,
                )
            )
        fields: list[Field] = []
        taken: dict[str, str] = {}
        for f in m.fields:
            for ref in refs_of(f.type):
                if ref not in known:
                    close = difflib.get_close_matches(ref, sorted(known), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    diags.append(
                        error(
                            "E202",
                            f"{m.name}.{f.wire_name}: no document defines type '{ref}'{hint}",
                            f.origins[0],
                        )
                    )
            py = py_identifier(f.wire_name)
            if not py:
                diags.append(
                    error(
                        "E205",
                        f"{m.name}: field name {f.wire_name!r} becomes empty when made safe",
                        f.origins[0],
                    )
                )
                continue
            if py in taken:
                diags.append(
                    error(
                        "E205",
                        f"{m.name}: fields {taken[py]!r} and {f.wire_name!r} both become '{py}'",
                        f.origins[0],
                    )
                )
                continue
            taken[py] = f.wire_name
            fields.append(replace(f, py_name=py))
        out_models.append(replace(m, fields=tuple(fields)))
    items = _order([*out_models, *enums.values()])
    spec = Spec(tuple(items), inputs, input_hash)
    for m in spec.models:
        for ex in m.examples:
            for p in problems(ex.value, m, spec):
                diags.append(warning("W307", f"example of {m.name} does not fit: {p}", ex.origin))
    return spec, diags


def _order(items: list[Item]) -> list[Item]:
    """Dependencies first, names as the tie-break; cycles are broken deterministically."""
    by_name = {i.name: i for i in items}
    deps = {
        i.name: (
            sorted({r for f in i.fields for r in refs_of(f.type) if r in by_name and r != i.name})
            if isinstance(i, Model)
            else []
        )
        for i in items
    }
    done: set[str] = set()
    out: list[Item] = []
    # enums have no dependencies: they come first; then models. An explicit stack, not recursion:
    # a chain of thousands of references must not hit the recursion limit.
    for root in sorted(by_name, key=lambda n: (not isinstance(by_name[n], EnumDef), n)):
        if root in done:
            continue
        on_path = {root}
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            name, i = stack[-1]
            pending = [d for d in deps[name][i:] if d not in done and d not in on_path]
            if pending:
                nxt = pending[0]
                stack[-1] = (name, deps[name].index(nxt) + 1)
                on_path.add(nxt)
                stack.append((nxt, 0))
                continue
            stack.pop()
            on_path.discard(name)
            done.add(name)
            out.append(by_name[name])
    return out


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
            taken: dict[str, str] = {}
            for f in fields:
                if not is_identifier(f.py_name) or py_identifier(f.py_name) != f.py_name:
                    diags.append(
                        error(
                            "E205",
                            f"{item.name}: name override {f.py_name!r} is not a safe identifier",
                            f.origins[0],
                        )
                    )
                elif f.py_name in taken:
                    diags.append(
                        error(
                            "E205",
                            f"{item.name}: fields {taken[f.py_name]!r} and {f.wire_name!r} both become '{f.py_name}'",
                            f.origins[0],
                        )
                    )
                taken[f.py_name] = f.wire_name
            item = replace(item, fields=tuple(fields))
        items.append(item)
    for key in sorted(set(names) - used):
        diags.append(error("E205", f"name override '{key}' matches no field of the spec"))
    return replace(spec, items=tuple(items)), diags
