"""Parse-stage records: what one document says, claim by claim, each with its origin.

A dialect parser turns a document into ``DocFragments``: objects with their fields, enums, and
examples. Every statement about a field (its type, whether it is required, whether it may be
null) is a ``Claim`` carrying its evidence strength, so that the merge can weigh a table's
explicit column above a sentence of prose, and report where sources disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Optional, Union

from generator.model.diagnostics import Diagnostic, Origin
from generator.model.ir import Example, TypeExpr


class Strength(IntEnum):
    """How strongly a document states something. Higher wins over lower in the merge."""

    VAGUE = 0  # "object", "array" with nothing more: compatible with any refinement
    PROSE = 1  # read from a sentence: "which is always \"x\"", "will be null if"
    EXAMPLE = 2  # inferred from an example value
    TABLE = 3  # an explicit column or notation of a table


# Claim attributes
TYPE = "type"
REQUIRED = "required"
NULLABLE = "nullable"

ClaimValue = Union[TypeExpr, bool]


@dataclass(frozen=True)
class Claim:
    attr: str  # TYPE, REQUIRED or NULLABLE
    value: ClaimValue
    strength: Strength
    origin: Origin
    dialect: str


@dataclass(frozen=True)
class FieldFrag:
    wire_name: str
    origin: Origin
    claims: tuple[Claim, ...] = ()
    description: str = ""
    sdk_name: str = ""  # the name the document shows, when it differs from the wire name
    deprecated: bool = False


@dataclass(frozen=True)
class ObjectFrag:
    """One object as one document describes it.

    ``name`` is the class name the document gives (a title such as ``FineTuningJob``, or
    derived from ``The fine-tuning job object``); ``constant`` is the value of its ``object``
    key when the document says it (``fine_tuning.job``). Either may identify it in the merge.
    """

    name: str
    origin: Origin
    dialect: str
    fields: tuple[FieldFrag, ...] = ()
    description: str = ""
    constant: Optional[str] = None
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True)
class EnumFrag:
    """An enum as one document describes it. ``open``: the page says the enum keeps values it does
    not list (True), says it does not (False: a Speakeasy values page without its "open enum"
    sentence), or says nothing of it (None)."""

    name: str
    values: tuple[str, ...]
    origin: Origin
    dialect: str
    description: str = ""
    open: Optional[bool] = None


@dataclass(frozen=True)
class UnionFrag:
    """A named union as one document describes it: its members in the document's order."""

    name: str
    members: tuple[TypeExpr, ...]
    origin: Origin
    dialect: str
    description: str = ""


@dataclass(frozen=True)
class DocFragments:
    """Everything one document yields, plus the problems found reading it."""

    path: str
    dialect: str
    objects: tuple[ObjectFrag, ...] = ()
    enums: tuple[EnumFrag, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    unions: tuple[UnionFrag, ...] = ()
