"""The merge's output: drafts of models, before the resolver gives their fields Python names.

A ``DraftField`` is everything the documents settle about a field; the IR's ``Field`` adds the
Python name, which only the resolver (seeing the whole model and the settings) can choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.diagnostics import Diagnostic, Origin
from generator.model.ir import EnumDef, Example, TypeExpr, UnionDef


@dataclass(frozen=True)
class DraftField:
    wire_name: str
    type: TypeExpr
    required: bool
    nullable: bool
    description: str = ""
    deprecated: bool = False
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class DraftModel:
    name: str
    fields: tuple[DraftField, ...]
    description: str = ""
    examples: tuple[Example, ...] = ()
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class Merged:
    models: tuple[DraftModel, ...]
    enums: tuple[EnumDef, ...]
    prose_only_enums: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]
    unions: tuple[UnionDef, ...] = ()
