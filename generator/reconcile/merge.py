"""Merge every source of one object into one draft, by a documented precedence.

Identity: an object's name after declared aliases, and the value of its ``object`` constant
(``fine_tuning.job``); sources that share either are one object. For each field and attribute
(type, required, nullable, description) the claims of all sources are weighed:

1. a claim that *refines* another (an enum refines ``string``, ``integer`` refines ``number``, a
   named model refines ``object``) is more precise and wins without a fight;
2. otherwise the stronger evidence wins (table > example > prose > vague);
3. between claims of equal strength, the dialect ranked first in ``precedence`` wins.

Every real disagreement becomes a diagnostic naming both origins. Example values are evidence
too, but only where the documents leave a type or nullability vague or unsaid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional

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
from generator.model.diagnostics import Diagnostic, Origin, error, note, warning
from generator.model.ir import (
    EnumDef,
    Example,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    Ref,
    Scalar,
    TypeExpr,
    UnionOf,
    type_text,
)
from generator.read.spec_settings import SpecSettings
from generator.reconcile.typealg import example_type, refines


@dataclass(frozen=True)
class Merged:
    models: tuple[Model, ...]
    enums: tuple[EnumDef, ...]
    prose_only_enums: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]


def _label(o: Origin) -> str:
    return o.short()


# ---------------------------------------------------------------- enums


def _merge_enums(
    docs: list[DocFragments], s: SpecSettings
) -> tuple[dict[str, EnumDef], set[str], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    groups: dict[str, list[EnumFrag]] = defaultdict(list)
    prose_named: set[str] = set()
    page_named: set[str] = set()
    for doc in docs:
        prose_refs = {
            c.value.name
            for o in doc.objects
            for f in o.fields
            for c in f.claims
            if c.attr == TYPE and c.strength == Strength.PROSE and isinstance(c.value, Ref)
        }
        for e in doc.enums:
            name = s.canonical(e.name)
            groups[name].append(e)
            (prose_named if e.name in prose_refs else page_named).add(name)
    enums: dict[str, EnumDef] = {}
    for name, frags in groups.items():
        frags.sort(key=lambda e: (s.rank("type", e.dialect), e.origin))
        values: list[str] = []
        for e in frags:
            for v in e.values:
                if v not in values:
                    values.append(v)
        first = frags[0]
        for other in frags[1:]:
            if set(other.values) != set(first.values):
                diags.append(
                    warning(
                        "W309",
                        f"enum {name}: {_label(first.origin)} lists {list(first.values)}, "
                        f"{_label(other.origin)} lists {list(other.values)}; keeping all {len(values)} values",
                        other.origin,
                    )
                )
        desc = next(
            (
                e.description
                for e in sorted(frags, key=lambda e: s.rank("description", e.dialect))
                if e.description
            ),
            "",
        )
        enums[name] = EnumDef(name, tuple(values), True, desc, tuple(sorted({e.origin for e in frags})))
    return enums, prose_named - page_named, diags


# ---------------------------------------------------------------- identity


def _group_objects(
    docs: list[DocFragments], s: SpecSettings
) -> tuple[dict[str, list[ObjectFrag]], list[Diagnostic]]:
    frags = [o for d in docs for o in d.objects]
    parent = list(range(len(frags)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by_key: dict[str, int] = {}
    for i, o in enumerate(frags):
        keys = ["name:" + s.canonical(o.name)] + (["const:" + o.constant] if o.constant else [])
        for k in keys:
            if k in first_by_key:
                parent[find(i)] = find(first_by_key[k])
            else:
                first_by_key[k] = i
    members: dict[int, list[ObjectFrag]] = defaultdict(list)
    for i, o in enumerate(frags):
        members[find(i)].append(o)
    diags: list[Diagnostic] = []
    groups: dict[str, list[ObjectFrag]] = {}
    for group in members.values():
        group.sort(key=lambda o: (s.rank("type", o.dialect), o.origin))
        canon = sorted({s.canonical(o.name) for o in group}, key=lambda n: (n not in s.aliases.values(), n))
        name = canon[0] if len(canon) == 1 or canon[0] in s.aliases.values() else s.canonical(group[0].name)
        raw_names = sorted({o.name for o in group if o.name != name})
        for raw in raw_names:
            where = next(o.origin for o in group if o.name == raw)
            how = "a declared alias" if s.aliases.get(raw) == name else "their shared object constant"
            diags.append(note("W306", f"'{raw}' is merged into {name} by {how}", where))
        constants = sorted({o.constant for o in group if o.constant})
        if len(constants) > 1:
            diags.append(
                error("E204", f"{name}: sources give different object constants {constants}", group[0].origin)
            )
        if name in groups:
            groups[name].extend(group)
        else:
            groups[name] = group
    return groups, diags


# ---------------------------------------------------------------- claims


def _normalize(t: TypeExpr, s: SpecSettings, enums: dict[str, EnumDef]) -> TypeExpr:
    """Apply aliases; a reference to a one-value enum is that constant."""
    if isinstance(t, Ref):
        name = s.canonical(t.name)
        e = enums.get(name)
        if e is not None and len(e.values) == 1:
            return LiteralOf(e.values)
        return Ref(name)
    if isinstance(t, ListOf):
        return ListOf(_normalize(t.item, s, enums))
    if isinstance(t, MapOf):
        return MapOf(_normalize(t.value, s, enums))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(_normalize(o, s, enums) for o in t.options))
    return t


def _by_strength(claims: list[Claim], attr: str, s: SpecSettings) -> list[Claim]:
    return sorted(claims, key=lambda c: (-int(c.strength), s.rank(attr, c.dialect), c.origin))


def _decide_type(
    field: str,
    claims: list[Claim],
    evidence: list[tuple[TypeExpr, Origin]],
    s: SpecSettings,
    is_enum: Callable[[str], bool],
) -> tuple[Optional[TypeExpr], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    ordered = _by_strength(claims, "type", s)
    best: Optional[Claim] = ordered[0] if ordered else None
    for c in ordered[1:]:
        assert best is not None
        if refines(c.value, best.value, is_enum):  # type: ignore[arg-type]
            if _numeric(best.value, c.value):
                diags.append(_type_diag(field, c, best, "more precise"))
            best = c
        elif refines(best.value, c.value, is_enum):  # type: ignore[arg-type]
            if _numeric(c.value, best.value):
                diags.append(_type_diag(field, best, c, "more precise"))
        else:
            diags.append(_type_diag(field, best, c, "ranked first"))
    current: Optional[TypeExpr] = best.value if best else None  # type: ignore[assignment]
    if best is None or best.strength == Strength.VAGUE:
        for t, _origin in evidence:
            if current is None or (t != current and refines(t, current, is_enum)):
                current = t
    return current, diags


def _numeric(general: object, precise: object) -> bool:
    return general == Scalar("float") and precise == Scalar("int")


def _said(c: Claim) -> str:
    if c.strength == Strength.VAGUE and c.value == Scalar("float"):
        return "number (int or float)"
    return type_text(c.value)  # type: ignore[arg-type]


def _type_diag(field: str, kept: Claim, other: Claim, why: str) -> Diagnostic:
    return warning(
        "W302",
        f"field '{field}': {_label(kept.origin)} says {_said(kept)}, {_label(other.origin)} says {_said(other)}; "
        f"keeping {_said(kept)} ({why})",
        other.origin,
    )


def _decide_bool(
    field: str, attr: str, code: str, claims: list[Claim], s: SpecSettings
) -> tuple[Optional[bool], list[Diagnostic]]:
    ordered = _by_strength(claims, attr, s)
    if not ordered:
        return None, []
    best = ordered[0]
    diags = []
    seen: set[str] = set()
    for c in ordered[1:]:
        if c.value != best.value and c.origin.path not in seen:
            seen.add(c.origin.path)
            diags.append(
                warning(
                    code,
                    f"field '{field}': {_label(best.origin)} says {attr}={best.value}, "
                    f"{_label(c.origin)} says {attr}={c.value}; keeping {best.value} "
                    f"({best.dialect} {'is stronger evidence' if best.strength > c.strength else 'ranks first'})",
                    c.origin,
                )
            )
    return bool(best.value), diags


# ---------------------------------------------------------------- examples as evidence


def _walk_examples(
    models: dict[str, dict[str, Optional[TypeExpr]]],
    examples: dict[str, list[Example]],
) -> dict[tuple[str, str], list[tuple[Any, Origin]]]:
    """Every example value of every (model, key), following nested objects into referenced models."""
    seen: dict[tuple[str, str], list[tuple[Any, Origin]]] = defaultdict(list)
    todo: list[tuple[str, Any, Origin]] = [
        (m, ex.value, ex.origin) for m, exs in examples.items() for ex in exs
    ]
    budget = 100_000
    while todo and budget > 0:
        budget -= 1
        model, value, origin = todo.pop()
        if not isinstance(value, dict) or model not in models:
            continue
        for key, v in value.items():
            seen[(model, key)].append((v, origin))
            t = models[model].get(key)
            for target, sub in _nested(t, v):
                todo.append((target, sub, origin))
    return seen


def _nested(t: Optional[TypeExpr], v: Any) -> list[tuple[str, Any]]:
    if isinstance(t, Ref) and isinstance(v, dict):
        return [(t.name, v)]
    if isinstance(t, ListOf) and isinstance(v, list):
        return [pair for item in v for pair in _nested(t.item, item)]
    if isinstance(t, MapOf) and isinstance(v, dict):
        return [pair for item in v.values() for pair in _nested(t.value, item)]
    return []


# ---------------------------------------------------------------- the merge


def merge(docs: list[DocFragments], s: SpecSettings) -> Merged:
    diags: list[Diagnostic] = []
    enums, prose_only, d = _merge_enums(docs, s)
    diags += d
    groups, d = _group_objects(docs, s)
    diags += d
    model_names = set(groups)

    def is_enum(name: str) -> bool:
        return name in enums and name not in model_names

    # fields of each object, with their normalized claims, in a stable order
    fields_of: dict[str, dict[str, list[tuple[FieldFrag, ObjectFrag]]]] = {}
    claims_of: dict[tuple[str, str], list[Claim]] = {}
    for name, group in groups.items():
        fields: dict[str, list[tuple[FieldFrag, ObjectFrag]]] = {}
        for obj in group:
            for f in obj.fields:
                fields.setdefault(f.wire_name, []).append((f, obj))
                norm = [replace(c, value=_normalize(c.value, s, enums)) if c.attr == TYPE else c for c in f.claims]  # type: ignore[arg-type]
                claims_of.setdefault((name, f.wire_name), []).extend(norm)
        fields_of[name] = fields

    # a first type for every field from the documents alone, to follow nested examples
    prelim: dict[str, dict[str, Optional[TypeExpr]]] = {}
    for name, fields in fields_of.items():
        prelim[name] = {}
        for wire in fields:
            t, _ = _decide_type(wire, [c for c in claims_of[(name, wire)] if c.attr == TYPE], [], s, is_enum)
            prelim[name][wire] = t
    examples = {
        name: sorted((ex for o in g for ex in o.examples), key=lambda e: e.origin)
        for name, g in groups.items()
    }
    seen = _walk_examples(prelim, examples)

    models: list[Model] = []
    for name, group in groups.items():
        out_fields: list[Field] = []
        sources = sorted({o.origin.path for o in group})
        for wire, pairs in fields_of[name].items():
            claims = claims_of[(name, wire)]
            values = seen.get((name, wire), [])
            evidence = [(t, o) for v, o in values if (t := example_type(v)) is not None]
            t, d = _decide_type(wire, [c for c in claims if c.attr == TYPE], evidence, s, is_enum)
            diags += [_in(name, x) for x in d]
            origin = pairs[0][0].origin
            if t is None:
                diags.append(error("E204", f"{name}.{wire}: no source gives a type", origin))
                continue
            req, d = _decide_bool(wire, "required", "W301", [c for c in claims if c.attr == REQUIRED], s)
            diags += [_in(name, x) for x in d]
            null_claims = [c for c in claims if c.attr == NULLABLE]
            nullable, d = _decide_bool(wire, "nullable", "W303", null_claims, s)
            diags += [_in(name, x) for x in d]
            if nullable is None:
                nullable = any(v is None for v, _ in values)
            if nullable:
                diags += _silent_on_null(name, wire, pairs)
            desc_pairs = sorted(pairs, key=lambda p: (s.rank("description", p[1].dialect), p[0].origin))
            desc = next((f.description for f, _ in desc_pairs if f.description), "")
            present = sorted({o.origin.path for _, o in pairs})
            if len(sources) > 1 and len(present) * 2 < len(sources):
                diags.append(
                    note(
                        "W305",
                        f"{name}.{wire} is described only by {', '.join(present)} "
                        f"(not by {', '.join(p for p in sources if p not in present)})",
                        origin,
                    )
                )
            out_fields.append(
                Field(
                    wire_name=wire,
                    py_name="",
                    type=t,
                    required=bool(req),
                    nullable=nullable,
                    description=desc,
                    deprecated=any(f.deprecated for f, _ in pairs),
                    origins=tuple(sorted({f.origin for f, _ in pairs})),
                )
            )
        desc_objs = sorted(group, key=lambda o: (s.rank("description", o.dialect), o.origin))
        models.append(
            Model(
                name=name,
                fields=tuple(out_fields),
                description=next((o.description for o in desc_objs if o.description), ""),
                examples=tuple(examples[name]),
                origins=tuple(sorted({o.origin for o in group})),
            )
        )
    return Merged(tuple(models), tuple(enums.values()), frozenset(prose_only), tuple(diags))


def _in(model: str, d: Diagnostic) -> Diagnostic:
    return replace(d, message=f"{model}: {d.message}")


def _silent_on_null(model: str, wire: str, pairs: list[tuple[FieldFrag, ObjectFrag]]) -> list[Diagnostic]:
    """A nullable field that a source shows without saying so in its table."""
    out: list[Diagnostic] = []
    for f, obj in pairs:
        table = [c for c in f.claims if c.attr == NULLABLE and c.strength >= Strength.TABLE and c.value]
        if table:
            continue
        prose = any(c.attr == NULLABLE and c.value for c in f.claims)
        how = "only its prose says the value may be null" if prose else "it says nothing of null"
        out.append(warning("W304", f"{model}.{wire} is nullable, but in {obj.dialect} {how}", f.origin))
    return out
