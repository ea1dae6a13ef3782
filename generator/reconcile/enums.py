"""Enums from every source: values in order of first mention, a warning where sources differ."""

from __future__ import annotations

from collections import defaultdict

from generator.model.claims import TYPE, DocFragments, EnumFrag, Strength
from generator.model.diagnostics import Diagnostic, warning
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
        enums[name] = EnumDef(name, tuple(values), True, desc, tuple(sorted({e.origin for e in frags})))
    return enums, prose_named - page_named, diags
