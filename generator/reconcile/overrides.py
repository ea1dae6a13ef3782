"""What the spec settings settle after the merge: per-field overrides and acknowledged diagnostics.

An override (``[overrides."Model.wire_key"]`` in spec/modelgen.toml) sets a field's required,
nullable or type where the documents disagree or are wrong; each one is reported as a note
(W341) with its reason, and the disagreements it settles are acknowledged with that reason. The
examples of an overridden object are checked again against the new model (W307).

An acknowledgement (``[[acknowledge]]``) accepts warnings and notes of one code, optionally only
those about one object or field: they are kept, marked with the reason, counted and not printed.
One that matches nothing is a warning (W340), so stale entries do not pile up.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from typing import Optional

from generator.model.diagnostics import Diagnostic, error, note, warning
from generator.model.ir import (
    SCALARS,
    AnyType,
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
    UnionOf,
    type_text,
)
from generator.read.spec_settings import Acknowledgement, FieldOverride
from generator.reconcile.conformance import problems

# the disagreements an override of one attribute settles
SETTLES = {"required": ("W301",), "type": ("W302",), "nullable": ("W303", "W304")}


class TypeTextError(ValueError):
    """An override's type is not in `modelgen inspect`'s notation."""


def parse_type(text: str, spec: Spec) -> TypeExpr:
    """``text`` in the notation `modelgen inspect` prints (``int``, ``list[Foo]``, ``str | None`` is
    not one: nullability is its own setting) → a type; names must be objects or enums of ``spec``."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise TypeTextError(f"'{text}' is not a type ({exc.msg})") from exc
    return _type_of(node, spec)


def _type_of(node: ast.expr, spec: Spec) -> TypeExpr:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _type_of(node.left, spec), _type_of(node.right, spec)
        options = (left.options if isinstance(left, UnionOf) else (left,)) + (
            right.options if isinstance(right, UnionOf) else (right,)
        )
        return UnionOf(options)
    if isinstance(node, ast.Name):
        if node.id in SCALARS:
            return Scalar(node.id)
        if node.id == "Any":
            return AnyType()
        if spec.get(node.id) is not None:
            return Ref(node.id)
        raise TypeTextError(f"no object or enum is named '{node.id}' (scalars: {', '.join(SCALARS)}, Any)")
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if node.value.id == "list" and len(args) == 1:
            return ListOf(_type_of(args[0], spec))
        if node.value.id == "dict" and len(args) == 2 and ast.unparse(args[0]) == "str":
            value = _type_of(args[1], spec)
            return ObjectType() if isinstance(value, AnyType) else MapOf(value)
        if node.value.id == "Literal":
            values = tuple(ast.literal_eval(a) for a in args)
            if all(isinstance(v, (str, int, bool)) for v in values):
                return LiteralOf(values)
    raise TypeTextError(f"'{ast.unparse(node)}' is not a type modelgen knows (see `modelgen inspect`)")


def apply_overrides(
    spec: Spec, overrides: tuple[FieldOverride, ...], diags: list[Diagnostic]
) -> tuple[Spec, list[Diagnostic]]:
    """``spec`` with every override applied, and ``diags`` with the notes, errors, settled
    disagreements acknowledged and the examples of changed objects checked again."""
    items = list(spec.items)
    out = list(diags)
    changed: set[str] = set()
    for o in overrides:
        index = next((i for i, item in enumerate(items) if item.name == o.model), None)
        model = items[index] if index is not None else None
        if index is None or not isinstance(model, Model):
            out.append(
                error("E230", f"override '{o.model}.{o.wire_name}': no object is named '{o.model}'", o.origin)
            )
            continue
        new_model, found = _override_model(model, o, Spec(tuple(items), spec.inputs, spec.input_hash))
        out += found
        if new_model is not model:
            items[index] = new_model
            changed.add(o.model)
            out = [_settle(d, o) for d in out]
    new_spec = Spec(tuple(items), spec.inputs, spec.input_hash)
    return new_spec, _recheck_examples(new_spec, changed, out)


def _override_model(model: Model, o: FieldOverride, spec: Spec) -> tuple[Model, list[Diagnostic]]:
    where = f"{o.model}.{o.wire_name}"
    fields = list(model.fields)
    index = next((i for i, f in enumerate(fields) if f.wire_name == o.wire_name), None)
    if index is None:
        known = ", ".join(f.wire_name for f in fields)
        return model, [
            error("E230", f"override '{where}': {o.model} has no field '{o.wire_name}' ({known})", o.origin)
        ]
    before = fields[index]
    after = before
    try:
        if o.type is not None:
            after = replace(after, type=parse_type(o.type, spec))
    except TypeTextError as exc:
        return model, [error("E231", f"override '{where}': {exc}", o.origin)]
    if o.required is not None:
        after = replace(after, required=o.required)
    if o.nullable is not None:
        after = replace(after, nullable=o.nullable)
    said = _changes(before, after)
    fields[index] = after
    message = f"{where} overridden in the spec settings: {said or 'nothing changes'}; reason: {o.reason}"
    return replace(model, fields=tuple(fields)), [note("W341", message, o.origin)]


def _changes(before: Field, after: Field) -> str:
    parts = []
    for attr in ("required", "nullable"):
        if getattr(before, attr) != getattr(after, attr):
            parts.append(f"{attr} {getattr(before, attr)} → {getattr(after, attr)}")
    if before.type != after.type:
        parts.append(f"type {type_text(before.type)} → {type_text(after.type)}")
    return ", ".join(parts)


def _settle(d: Diagnostic, o: FieldOverride) -> Diagnostic:
    """A disagreement about the overridden attribute of the overridden field is settled."""
    codes = {c for attr, cs in SETTLES.items() if getattr(o, attr) is not None for c in cs}
    if d.code in codes and not d.acknowledged and mentions(d.message, o.model, o.wire_name):
        return d.acknowledge(f"settled by the override of {o.model}.{o.wire_name}: {o.reason}")
    return d


def _recheck_examples(spec: Spec, changed: set[str], diags: list[Diagnostic]) -> list[Diagnostic]:
    """W307 for the changed objects' examples, as resolve words it, against the new model."""
    if not changed:
        return diags
    kept = [d for d in diags if not (d.code == "W307" and _about_example_of(d.message, changed))]
    for m in spec.models:
        if m.name in changed:
            for ex in m.examples:
                for p in problems(ex.value, m, spec):
                    kept.append(warning("W307", f"example of {m.name} does not fit: {p}", ex.origin))
    return kept


def _about_example_of(message: str, names: set[str]) -> bool:
    found = re.match(r"example of (\w+) does not fit", message)
    return bool(found and found.group(1) in names)


def mentions(message: str, obj: str, field: str = "") -> bool:
    """Does a diagnostic's message speak of ``obj`` (and of its ``field``)? Messages name them as
    ``Obj: field 'f'``, ``Obj.f``, ``example of Obj … f: …``, or ``'Obj'``."""
    if not re.search(rf"(?<![\w.]){re.escape(obj)}(?![\w])", message):
        return False
    if not field:
        return True
    f = re.escape(field)
    return bool(
        re.search(rf"(?<![\w]){re.escape(obj)}\.{f}(?![\w])", message)
        or re.search(rf"field '{f}'", message)
        or re.search(rf"(?<![\w.]){f}(?:\.[\w.]+)?: ", message)
    )


def acknowledge(diags: list[Diagnostic], acks: tuple[Acknowledgement, ...]) -> list[Diagnostic]:
    """``diags`` with the acknowledged ones marked, and W340 for an acknowledgement that matches none."""
    used: set[int] = set()
    out: list[Diagnostic] = []
    for d in diags:
        match: Optional[int] = None
        if not d.acknowledged:
            match = next((i for i, a in enumerate(acks) if _matches(a, d)), None)
        if match is not None:
            used.add(match)
            d = d.acknowledge(acks[match].reason)
        out.append(d)
    for i, a in enumerate(acks):
        if i not in used:
            about = ".".join(p for p in (a.object, a.field) if p)
            out.append(
                warning(
                    "W340",
                    f"acknowledgement of {a.code}{' for ' + about if about else ''} matches no diagnostic",
                    a.origin,
                )
            )
    return out


def _matches(a: Acknowledgement, d: Diagnostic) -> bool:
    if a.code != d.code or d.severity == "error":
        return False
    return not a.object or mentions(d.message, a.object, a.field)
