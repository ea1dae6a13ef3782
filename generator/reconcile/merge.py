"""Merge every source of one object into one draft, by a documented precedence.

Identity (``identity.py``): pages describe one object when they give the same name, after the
declared aliases; a shared ``object`` constant alone never merges them. For each field and
attribute (type, required, nullable, description) the claims of all sources are weighed
(``decide.py``): a refinement wins, then stronger evidence, then the dialect ranked first; a
type the examples contradict gives way to one they confirm. Every real disagreement becomes a
diagnostic naming both origins. Example values are evidence too, but only where the documents
leave a type or nullability vague or unsaid, or where they contradict the type precedence chose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
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
)
from generator.model.diagnostics import Diagnostic, Origin, error, note, warning
from generator.model.ir import (
    AnyType,
    EnumDef,
    Example,
    ListOf,
    LiteralOf,
    MapOf,
    Ref,
    TypeExpr,
    UnionDef,
    UnionOf,
)
from generator.read.spec_settings import SpecSettings
from generator.reconcile.decide import decide_bool, decide_type
from generator.reconcile.drafts import DraftField, DraftModel, Merged
from generator.reconcile.enums import merge_enums
from generator.reconcile.freeform import free_form_models
from generator.reconcile.identity import Identities, group_objects
from generator.reconcile.typealg import NamedKinds
from generator.reconcile.unions import merge_unions

Pairs = list[tuple[FieldFrag, ObjectFrag]]


@dataclass(frozen=True)
class _Normalizer:
    """Types as the merge compares them: aliases applied, a reference to a name split by folder sent
    to the variant nearest the referring page, a reference to a one-value enum made that constant."""

    s: SpecSettings
    enums: dict[str, EnumDef]
    ids: Identities

    def __call__(self, t: TypeExpr, from_path: str) -> TypeExpr:
        if isinstance(t, Ref):
            name = self.ids.target(self.s.canonical(t.name), from_path)
            e = self.enums.get(name)
            if e is not None and len(e.values) == 1:
                return LiteralOf(e.values)
            return Ref(name)
        if isinstance(t, ListOf):
            return ListOf(self(t.item, from_path))
        if isinstance(t, MapOf):
            return MapOf(self(t.value, from_path))
        if isinstance(t, UnionOf):
            return UnionOf(tuple(self(o, from_path) for o in t.options))
        return t


@dataclass
class _Table:
    """Every object's fields: the fragments that describe each, and their normalized claims."""

    fields: dict[str, dict[str, Pairs]]
    claims: dict[tuple[str, str], list[Claim]]

    def of(self, name: str, wire: str, attr: str) -> list[Claim]:
        return [c for c in self.claims[(name, wire)] if c.attr == attr]


def merge(docs: list[DocFragments], s: SpecSettings) -> Merged:
    enums, prose_only, diags = merge_enums(docs, s)
    ids = group_objects(docs, s)
    normalize = _Normalizer(s, enums, ids)
    unions, d = merge_unions(docs, s, normalize)
    diags += d
    groups, d = _unions_win(ids.groups, unions)
    diags += d
    kinds = _kinds(groups, enums, unions)
    table = _field_table(groups, normalize)
    examples = {
        name: tuple(sorted((ex for o in g for ex in o.examples), key=lambda e: e.origin))
        for name, g in groups.items()
    }
    seen = _walk_examples(_preliminary_types(table, s, kinds), examples)
    drafts: list[DraftModel] = []
    for name, group in groups.items():
        fields: list[DraftField] = []
        for wire, pairs in table.fields[name].items():
            f, d = _draft_field(name, wire, pairs, table, seen.get((name, wire), []), s, kinds)
            diags += d
            if f is not None:
                fields.append(f)
        fields_diags = _partial_fields(name, group, table.fields[name])
        diags += fields_diags
        desc_objs = sorted(group, key=lambda o: (s.rank("description", o.dialect), o.origin))
        description = next((o.description for o in desc_objs if o.description), "")
        origins = tuple(sorted({o.origin for o in group}))
        drafts.append(DraftModel(name, tuple(fields), description, examples[name], origins))
    drafts, union_list, d = free_form_models(drafts, list(unions.values()))
    diags += d + ids.diagnostics
    return Merged(
        tuple(drafts), tuple(enums.values()), frozenset(prose_only), tuple(diags), tuple(union_list)
    )


def _unions_win(
    groups: dict[str, list[ObjectFrag]], unions: dict[str, UnionDef]
) -> tuple[dict[str, list[ObjectFrag]], list[Diagnostic]]:
    """A name that is a union page and an object page is the union (an openapi-generator oneOf
    page lists the rows of all its members as if they were one object's)."""
    diags = [
        warning(
            "W315",
            f"{name} is described as a union ({unions[name].origins[0].short()}) and as an object; "
            "keeping the union",
            group[0].origin,
        )
        for name, group in groups.items()
        if name in unions
    ]
    return {n: g for n, g in groups.items() if n not in unions}, diags


def _kinds(
    groups: dict[str, list[ObjectFrag]], enums: dict[str, EnumDef], unions: dict[str, UnionDef]
) -> NamedKinds:
    empty = {n for n, g in groups.items() if not any(o.fields for o in g)}
    any_only = {n for n, u in unions.items() if all(isinstance(m, AnyType) for m in u.members)}
    return NamedKinds(frozenset(enums), frozenset(groups), frozenset(unions), frozenset(empty | any_only))


def _field_table(groups: dict[str, list[ObjectFrag]], normalize: _Normalizer) -> _Table:
    table = _Table({}, {})
    for name, group in groups.items():
        fields: dict[str, Pairs] = {}
        for obj in group:
            for f in obj.fields:
                fields.setdefault(f.wire_name, []).append((f, obj))
                table.claims.setdefault((name, f.wire_name), []).extend(
                    replace(c, value=normalize(c.value, obj.origin.path)) if c.attr == TYPE else c  # type: ignore[arg-type]
                    for c in f.claims
                )
        table.fields[name] = fields
    return table


def _preliminary_types(
    table: _Table, s: SpecSettings, kinds: NamedKinds
) -> dict[str, dict[str, Optional[TypeExpr]]]:
    """A first type for every field from the documents alone, to follow nested examples."""
    return {
        name: {wire: decide_type(wire, table.of(name, wire, TYPE), [], s, kinds)[0] for wire in fields}
        for name, fields in table.fields.items()
    }


def _draft_field(
    name: str,
    wire: str,
    pairs: Pairs,
    table: _Table,
    values: list[tuple[Any, Origin]],
    s: SpecSettings,
    kinds: NamedKinds,
) -> tuple[Optional[DraftField], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    t, d = decide_type(wire, table.of(name, wire, TYPE), values, s, kinds)
    diags += d
    origin = pairs[0][0].origin
    if t is None:
        return None, [_in(name, x) for x in diags] + [
            error("E204", f"{name}.{wire}: no source gives a type", origin)
        ]
    required, d = decide_bool(wire, "required", "W301", table.of(name, wire, REQUIRED), s)
    diags += d
    nullable, d = decide_bool(wire, "nullable", "W303", table.of(name, wire, NULLABLE), s)
    diags += d
    if nullable is None:
        nullable = any(v is None for v, _ in values)
    diags = [_in(name, x) for x in diags]
    if nullable:
        diags += _silent_on_null(name, wire, pairs)
    desc_pairs = sorted(pairs, key=lambda p: (s.rank("description", p[1].dialect), p[0].origin))
    field = DraftField(
        wire_name=wire,
        type=t,
        required=bool(required),
        nullable=nullable,
        description=next((f.description for f, _ in desc_pairs if f.description), ""),
        deprecated=any(f.deprecated for f, _ in pairs),
        origins=tuple(sorted({f.origin for f, _ in pairs})),
    )
    return field, diags


def _partial_fields(name: str, group: list[ObjectFrag], fields: dict[str, Pairs]) -> list[Diagnostic]:
    """W305 for a field that fewer than half of an object's sources describe."""
    sources = sorted({o.origin.path for o in group})
    diags: list[Diagnostic] = []
    for wire, pairs in fields.items():
        present = sorted({o.origin.path for _, o in pairs})
        if len(sources) > 1 and len(present) * 2 < len(sources):
            absent = ", ".join(p for p in sources if p not in present)
            diags.append(
                note(
                    "W305",
                    f"{name}.{wire} is described only by {', '.join(present)} (not by {absent})",
                    pairs[0][0].origin,
                )
            )
    return diags


# ---------------------------------------------------------------- examples as evidence


def _walk_examples(
    models: dict[str, dict[str, Optional[TypeExpr]]],
    examples: dict[str, tuple[Example, ...]],
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


def _in(model: str, d: Diagnostic) -> Diagnostic:
    return replace(d, message=f"{model}: {d.message}")


def _silent_on_null(model: str, wire: str, pairs: Pairs) -> list[Diagnostic]:
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
