"""Hand-built DocFragments for the reconcile tests: what a dialect would give, claim by claim."""

from __future__ import annotations

from typing import Any, Optional

from generator.model.claims import (
    NULLABLE,
    REQUIRED,
    TYPE,
    Claim,
    DocFragments,
    FieldFrag,
    ObjectFrag,
    Strength,
    UnionFrag,
)
from generator.model.diagnostics import Diagnostic, Origin
from generator.model.ir import Example, Model, Spec, TypeExpr
from generator.read.spec_settings import SpecSettings
from generator.reconcile.merge import merge
from generator.reconcile.resolve import resolve

FieldSpec = tuple[str, TypeExpr, bool]  # wire name, type, required


def page(
    path: str,
    name: str,
    fields: list[FieldSpec],
    dialect: str = "openapi-generator",
    constant: Optional[str] = None,
    examples: tuple[Any, ...] = (),
    nullable: tuple[str, ...] = (),
) -> DocFragments:
    """One document describing one object, every statement a TABLE claim."""
    frags = []
    for line, (wire, t, required) in enumerate(fields, start=3):
        o = Origin(path, line, 1)
        claims = (
            Claim(TYPE, t, Strength.TABLE, o, dialect),
            Claim(REQUIRED, required, Strength.TABLE, o, dialect),
            Claim(NULLABLE, wire in nullable, Strength.TABLE, o, dialect),
        )
        frags.append(FieldFrag(wire, o, claims))
    exs = tuple(Example(v, Origin(path, 100 + i, 1)) for i, v in enumerate(examples))
    obj = ObjectFrag(name, Origin(path, 1, 1), dialect, tuple(frags), constant=constant, examples=exs)
    return DocFragments(path, dialect, objects=(obj,))


def union_page(
    path: str, name: str, members: tuple[TypeExpr, ...], dialect: str = "speakeasy"
) -> DocFragments:
    return DocFragments(path, dialect, unions=(UnionFrag(name, members, Origin(path, 1, 1), dialect),))


def run(docs: list[DocFragments], settings: Optional[SpecSettings] = None) -> tuple[Spec, list[Diagnostic]]:
    s = settings or SpecSettings()
    merged = merge(docs, s)
    spec, diags = resolve(merged, names=s.names)
    return spec, [*merged.diagnostics, *diags]


def codes(diags: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code]


def model(spec: Spec, name: str) -> Model:
    item = spec.get(name)
    assert isinstance(item, Model), f"{name} is not a model of the spec"
    return item
