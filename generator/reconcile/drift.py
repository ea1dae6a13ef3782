"""Drift: where documentation pages and a machine spec (an OpenAPI source) disagree, claim by claim.

Objects are matched by name after the declared aliases, then by a shared ``object`` constant.
For each object and field every statement of every page is set against the OpenAPI schema's:
a field only one side has, its type, whether it is required, whether it may be null, and the
values of enums of the same name. Pages that agree with the schema are not listed; pages that
disagree are grouped by what they say, with all their origins, beside the schema's origin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from generator.model.claims import (
    NULLABLE,
    REQUIRED,
    TYPE,
    Claim,
    DocFragments,
    EnumFrag,
    FieldFrag,
    ObjectFrag,
    Strength,
)
from generator.model.diagnostics import Origin
from generator.model.ir import (
    AnyType,
    ListOf,
    LiteralOf,
    MapOf,
    ObjectType,
    Ref,
    Scalar,
    TypeExpr,
    UnionOf,
    type_text,
)
from generator.read.spec_settings import SpecSettings
from generator.reconcile.typealg import refines

DRIFT_CODES = {
    "D401": "an object only the docs or only the OpenAPI document describe",
    "D402": "a field only the docs or only the OpenAPI document have",
    "D403": "the docs and the OpenAPI document give a field different types",
    "D404": "the docs and the OpenAPI document disagree on whether a field is required",
    "D405": "the docs and the OpenAPI document disagree on whether a field may be null",
    "D406": "an enum's values differ between the docs and the OpenAPI document",
}


@dataclass(frozen=True)
class Drift:
    code: str
    subject: str  # "FineTuningJob", "FineTuningJob.status", "enum FineTuningJobStatus"
    what: str  # "object", "field", "type", "required", "nullable", "enum values"
    docs: str  # what the pages say
    spec: str  # what the OpenAPI document says
    docs_origins: tuple[Origin, ...]
    spec_origin: Optional[Origin]
    note: str = ""  # "docs less precise", ...


def find_drift(docs: list[DocFragments], spec: DocFragments, settings: SpecSettings) -> list[Drift]:
    spec_objects = {settings.canonical(o.name): o for o in spec.objects}
    by_constant = {o.constant: name for name, o in spec_objects.items() if o.constant}
    groups: dict[str, list[ObjectFrag]] = {}
    for doc in docs:
        for o in doc.objects:
            name = settings.canonical(o.name)
            if name not in spec_objects and o.constant in by_constant:
                name = by_constant[o.constant]
            groups.setdefault(name, []).append(o)
    enums = [e for d in [*docs, spec] for e in d.enums]
    lens = _Lens(
        settings,
        frozenset(settings.canonical(e.name) for e in enums) - set(groups) - set(spec_objects),
        {settings.canonical(e.name): LiteralOf(e.values) for e in enums if len(e.values) == 1},
    )
    rows: list[Drift] = []
    for name in sorted(set(groups) | set(spec_objects)):
        pages, schema = groups.get(name, []), spec_objects.get(name)
        if schema is None:
            origins = tuple(sorted({o.origin for o in pages}))
            rows.append(
                Drift("D401", name, "object", "describe it", "has no schema of that name", origins, None)
            )
        elif not pages:
            rows.append(Drift("D401", name, "object", "do not describe it", "has it", (), schema.origin))
        else:
            rows += _object_drift(name, pages, schema, lens)
    rows += _enum_drift(docs, spec, settings)
    return rows


@dataclass(frozen=True)
class _Lens:
    """How both sides' types are read alike: names after the aliases, one-value enums as constants."""

    settings: SpecSettings
    enums: frozenset[str]
    constants: dict[str, LiteralOf]

    def is_enum(self, name: str) -> bool:
        return name in self.enums


def _object_drift(name: str, pages: list[ObjectFrag], schema: ObjectFrag, lens: _Lens) -> list[Drift]:
    rows: list[Drift] = []
    spec_fields = {f.wire_name: f for f in schema.fields}
    page_fields: dict[str, list[FieldFrag]] = {}
    for o in pages:
        for f in o.fields:
            page_fields.setdefault(f.wire_name, []).append(f)
    for wire in [*page_fields, *(w for w in spec_fields if w not in page_fields)]:
        subject = f"{name}.{wire}"
        if wire not in spec_fields:
            origins = tuple(sorted(f.origin for f in page_fields[wire]))
            rows.append(Drift("D402", subject, "field", "have it", "does not", origins, schema.origin))
            continue
        if wire not in page_fields:
            origins = tuple(sorted({o.origin for o in pages}))
            rows.append(
                Drift("D402", subject, "field", "do not have it", "has it", origins, spec_fields[wire].origin)
            )
            continue
        rows += _field_drift(subject, page_fields[wire], spec_fields[wire], lens)
    return rows


def _field_drift(subject: str, pages: list[FieldFrag], schema: FieldFrag, lens: _Lens) -> list[Drift]:
    rows: list[Drift] = []
    spec_claims = {c.attr: c for c in schema.claims}
    claims = [c for f in pages for c in f.claims]
    spec_said = spec_claims[TYPE].value if TYPE in spec_claims else None
    spec_type = (
        None
        if isinstance(spec_said, bool) or spec_said is None
        else _canonical(spec_said, lens.settings, lens.constants)
    )
    for (said, label), origins in _grouped([c for c in claims if c.attr == TYPE], lens).items():
        if said == spec_type or spec_type is None or isinstance(said, bool) or isinstance(spec_type, bool):
            continue
        note = "contradicts"
        if refines(spec_type, said, lens.is_enum):  # type: ignore[arg-type]
            note = "docs less precise"
        elif refines(said, spec_type, lens.is_enum):  # type: ignore[arg-type]
            note = "docs more precise"
        rows.append(Drift("D403", subject, "type", label, type_text(spec_type), origins, schema.origin, note))
    for attr, code in ((REQUIRED, "D404"), (NULLABLE, "D405")):
        spec_value = spec_claims[attr].value if attr in spec_claims else None
        said_any = [c for c in claims if c.attr == attr]
        for (said, _label), origins in _grouped(said_any, lens).items():
            if said != spec_value and spec_value is not None:
                rows.append(
                    Drift(
                        code,
                        subject,
                        attr,
                        _yes_no(attr, said),
                        _yes_no(attr, spec_value),
                        origins,
                        schema.origin,
                    )
                )
        if attr == NULLABLE and spec_value is True and not said_any:
            origins = tuple(sorted(f.origin for f in pages))
            rows.append(Drift(code, subject, attr, "say nothing of null", "nullable", origins, schema.origin))
    return rows


def _grouped(claims: list[Claim], lens: _Lens) -> dict[tuple[object, str], tuple[Origin, ...]]:
    out: dict[tuple[object, str], list[Origin]] = {}
    for c in claims:
        value: object = (
            c.value if isinstance(c.value, bool) else _canonical(c.value, lens.settings, lens.constants)
        )
        label = (
            "number (int or float)"
            if c.strength == Strength.VAGUE and value == Scalar("float")
            else (type_text(value) if not isinstance(value, bool) else str(value))  # type: ignore[arg-type]
        )
        out.setdefault((value, label), []).append(c.origin)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def _canonical(t: TypeExpr, s: SpecSettings, constants: dict[str, LiteralOf]) -> TypeExpr:
    """Names after the aliases; a reference to a one-value enum is that constant (as the merge reads it)."""
    if isinstance(t, Ref):
        name = s.canonical(t.name)
        return constants.get(name, Ref(name))
    if isinstance(t, ListOf):
        return ListOf(_canonical(t.item, s, constants))
    if isinstance(t, MapOf):  # a map of any values is any object, as pages say "object"
        value = _canonical(t.value, s, constants)
        return ObjectType() if value == AnyType() else MapOf(value)
    if isinstance(t, UnionOf):
        return UnionOf(tuple(_canonical(o, s, constants) for o in t.options))
    return t


def _yes_no(attr: str, value: object) -> str:
    if attr == REQUIRED:
        return "required" if value else "optional"
    return "nullable" if value else "not nullable"


def _enum_drift(docs: list[DocFragments], spec: DocFragments, s: SpecSettings) -> list[Drift]:
    spec_enums = {s.canonical(e.name): e for e in spec.enums}
    pages: dict[str, list[EnumFrag]] = {}
    for d in docs:
        for e in d.enums:
            pages.setdefault(s.canonical(e.name), []).append(e)
    rows: list[Drift] = []
    for name in sorted(set(pages) & set(spec_enums)):
        schema = spec_enums[name]
        for e in pages[name]:
            missing = [v for v in schema.values if v not in e.values]
            extra = [v for v in e.values if v not in schema.values]
            if missing or extra:
                said = ", ".join([*(f"+{v}" for v in extra), *(f"-{v}" for v in missing)])
                rows.append(
                    Drift("D406", f"enum {name}", "enum values", f"{said} (docs: + only here, - missing)",
                          ", ".join(schema.values), (e.origin,), schema.origin)
                )  # fmt: skip
    return rows
