"""Enums from every source: values in order of first mention, a warning where sources differ.

Open or closed, per enum: the spec settings' ``[enums]`` entry when there is one; else what the
pages say (a Speakeasy values page says open or closed; other pages say nothing); pages that
disagree make it open (it then also accepts every listed value), with W318; pages that say
nothing leave it open. The ``--enums closed`` option still closes every enum when emitting."""

from __future__ import annotations

from collections import defaultdict

from generator.model.claims import TYPE, DocFragments, EnumFrag, Strength
from generator.model.diagnostics import Diagnostic, Origin, warning
from generator.model.ir import EnumDef, Ref
from generator.read.spec_settings import SpecSettings


def merge_enums(
    docs: list[DocFragments], s: SpecSettings
) -> tuple[dict[str, EnumDef], set[str], list[Diagnostic]]:
    """Enums by name, the names only prose mentions, and a W309 where sources list other values."""
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
                        f"enum {name}: {first.origin.short()} lists {list(first.values)}, "
                        f"{other.origin.short()} lists {list(other.values)}; keeping all {len(values)} values",
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
        is_open, d = _openness(name, frags, s)
        diags += d
        enums[name] = EnumDef(name, tuple(values), is_open, desc, tuple(sorted({e.origin for e in frags})))
    diags += _unused_openness(set(groups), s)
    return enums, prose_named - page_named, diags


def _openness(name: str, frags: list[EnumFrag], s: SpecSettings) -> tuple[bool, list[Diagnostic]]:
    setting = {s.canonical(k): v for k, v in s.enum_openness.items()}
    if name in setting:
        return setting[name], []
    said = {e.open for e in frags if e.open is not None}
    if len(said) < 2:
        return said.pop() if said else True, []
    opened = next(e for e in frags if e.open is True)
    closed = next(e for e in frags if e.open is False)
    msg = (
        f"enum {name}: {opened.origin.short()} says it is open, {closed.origin.short()} that it is "
        'closed; kept open (set it in modelgen.toml [enums]: "open" or "closed")'
    )
    return True, [warning("W318", msg, closed.origin)]


def _unused_openness(enums: set[str], s: SpecSettings) -> list[Diagnostic]:
    """W319 for each [enums] entry that names no enum (a stale or misspelt name)."""
    return [
        warning(
            "W319",
            f"[enums] names {name}, which is no enum of the pages; the entry does nothing",
            Origin(s.path, 1, 1),
        )
        for name in sorted(s.enum_openness)
        if s.canonical(name) not in enums
    ]
