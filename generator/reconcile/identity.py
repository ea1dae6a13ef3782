"""Which pages describe the same object.

Pages merge only when they give the same name (after the declared ``[aliases]``). A shared
``object``/``type`` constant never merges pages by itself: ``list``, ``entry`` or ``model`` are the
constant of many distinct objects. Same-named pages in different folders merge only when their
fields agree (the same keys, compatible types, the same constant); otherwise each folder's page
becomes its own model, named after its folder (``ChatMessage`` in ``v1/`` and ``v2/`` become
``V1ChatMessage`` and ``V2ChatMessage``), with a warning; references from a page go to the
variant of its own folder (or the nearest one). Same-named pages of one folder that give
different constants are an error naming both files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Optional

from generator.model.claims import TYPE, Claim, DocFragments, ObjectFrag
from generator.model.diagnostics import Diagnostic, Origin, error, note, warning
from generator.model.ir import Ref, TypeExpr
from generator.model.names import pascal_case
from generator.read.spec_settings import SpecSettings
from generator.reconcile.typealg import refines


def folder_of(path: str) -> str:
    return PurePosixPath(path).parent.as_posix()


@dataclass
class Identities:
    """Object groups by final name, and where a split name's references go."""

    groups: dict[str, list[ObjectFrag]] = field(default_factory=dict)
    # canonical name → {folder: name of that folder's variant}, for names split by folder
    variants: dict[str, dict[str, str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def target(self, name: str, from_path: str) -> str:
        """The model a reference to ``name`` in the document at ``from_path`` means."""
        by_folder = self.variants.get(name)
        if not by_folder:
            return name
        here = PurePosixPath(folder_of(from_path)).parts
        closeness = {f: _common(PurePosixPath(f).parts, here) for f in by_folder}
        nearest = sorted(by_folder, key=lambda f: (-closeness[f], f))
        if len(nearest) > 1 and closeness[nearest[0]] == closeness[nearest[1]]:
            self.diagnostics.append(
                warning(
                    "W312",
                    f"{from_path}: a reference to {name} could mean {', '.join(sorted(by_folder.values()))}; "
                    f"taking {by_folder[nearest[0]]} (the first by folder name)",
                    Origin(from_path),
                )
            )
        return by_folder[nearest[0]]


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def group_objects(docs: list[DocFragments], s: SpecSettings) -> Identities:
    by_name: dict[str, list[ObjectFrag]] = defaultdict(list)
    for d in docs:
        for o in d.objects:
            by_name[s.canonical(o.name)].append(o)
    out = Identities()
    root = _common_folder([d.path for d in docs])
    for name in by_name:
        group = sorted(by_name[name], key=lambda o: (s.rank("type", o.dialect), o.origin))
        for raw in sorted({o.name for o in group if o.name != name}):
            where = next(o.origin for o in group if o.name == raw)
            out.diagnostics.append(note("W306", f"'{raw}' is merged into {name} by a declared alias", where))
        parts = _split_by_folder(name, group, s, out, (root, set(by_name) - {name}))
        for part_name, part in parts:
            _check_constants(part_name, part, out)
            out.groups[part_name] = part
    out.diagnostics += _shared_constants(out.groups)
    return out


def _check_constants(name: str, group: list[ObjectFrag], out: Identities) -> None:
    constants = sorted({o.constant for o in group if o.constant})
    if len(constants) > 1:
        files = sorted({o.origin.path for o in group})
        out.diagnostics.append(
            error(
                "E204",
                f"{name}: sources give different object constants {constants} "
                f"({', '.join(files)}); give the pages different names or remove one",
                group[0].origin,
            )
        )


def _shared_constants(groups: dict[str, list[ObjectFrag]]) -> list[Diagnostic]:
    """A note where objects of different names share a constant and come from different dialects:
    they may be one object under two titles, which only a declared alias merges."""
    by_constant: dict[str, set[str]] = defaultdict(set)
    for name, group in groups.items():
        for o in group:
            if o.constant:
                by_constant[o.constant].add(name)
    diags: list[Diagnostic] = []
    for constant, names in sorted(by_constant.items()):
        dialects = {o.dialect for n in names for o in groups[n]}
        if len(names) > 1 and len(dialects) > 1:
            first = min(o.origin for n in names for o in groups[n])
            diags.append(
                note(
                    "W310",
                    f"{', '.join(sorted(names))} share the object constant '{constant}' and stay distinct "
                    "models; if they are one object, declare an alias in modelgen.toml [aliases]",
                    first,
                )
            )
    return diags


def _common_folder(paths: list[str]) -> tuple[str, ...]:
    """The folder every document is in (the spec folder, or the one below it that holds them all)."""
    folders = [PurePosixPath(folder_of(p)).parts for p in paths]
    if not folders:
        return ()
    n = min(_common(folders[0], other) for other in folders)
    return folders[0][:n]


def _split_by_folder(
    name: str,
    group: list[ObjectFrag],
    s: SpecSettings,
    out: Identities,
    where: tuple[tuple[str, ...], set[str]],
) -> list[tuple[str, list[ObjectFrag]]]:
    """``where``: the folder of every document (names are made below it, so that neither the spec
    folder's own name nor the working directory shows in a class name), and the names taken."""
    root, taken = where
    folders: dict[str, list[ObjectFrag]] = defaultdict(list)
    for o in group:
        folders[folder_of(o.origin.path)].append(o)
    if len(folders) == 1 or _all_agree(list(folders.values()), s):
        return [(name, group)]
    names = _folder_names(name, sorted(folders), len(root), taken | set(out.groups))
    files = ", ".join(sorted({o.origin.path for o in group}))
    if names is None:
        out.diagnostics.append(
            error(
                "E206", f"{name}: pages in different folders disagree ({files}); rename one", group[0].origin
            )
        )
        return [(name, group)]
    out.variants[name] = names
    for folder in sorted(folders):
        out.diagnostics.append(
            warning(
                "W311",
                f"{name}: the pages in different folders describe different objects ({files}); "
                f"the one in {folder}/ is {names[folder]}",
                folders[folder][0].origin,
            )
        )
    return [(names[f], folders[f]) for f in sorted(folders)]


def _folder_names(name: str, folders: list[str], below: int, taken: set[str]) -> Optional[dict[str, str]]:
    """``name`` prefixed by the fewest trailing folder names (of the folders' paths after their
    first ``below`` parts) that tell the folders apart and take no other object's name; a page in
    the top folder keeps ``name``."""
    inner = {f: PurePosixPath(f).parts[below:] for f in folders}
    depth = max(len(parts) for parts in inner.values())
    for k in range(1, depth + 1):
        names = {f: pascal_case(" ".join(inner[f][-k:])) + name if inner[f] else name for f in folders}
        if len(set(names.values())) == len(folders) and not set(names.values()) & taken:
            return names
    return None


def _all_agree(parts: list[list[ObjectFrag]], s: SpecSettings) -> bool:
    first = parts[0]
    return all(_agree(first, other, s) for other in parts[1:])


def _agree(a: list[ObjectFrag], b: list[ObjectFrag], s: SpecSettings) -> bool:
    ca = {o.constant for o in a if o.constant}
    cb = {o.constant for o in b if o.constant}
    if ca and cb and ca != cb:
        return False
    ta, tb = _key_types(a, s), _key_types(b, s)
    if set(ta) != set(tb):
        return False
    for key, x in ta.items():
        y = tb[key]
        if x is not None and y is not None and not (refines(x, y, _never) or refines(y, x, _never)):
            return False
    return True


def _never(name: str) -> bool:
    return False


def _key_types(group: list[ObjectFrag], s: SpecSettings) -> dict[str, Optional[TypeExpr]]:
    """Each key's strongest stated type (references after aliases)."""
    out: dict[str, Optional[TypeExpr]] = {}
    for o in group:
        for f in o.fields:
            claims: list[Claim] = sorted(
                (c for c in f.claims if c.attr == TYPE), key=lambda c: (-int(c.strength), c.origin)
            )
            t = claims[0].value if claims else None
            if isinstance(t, Ref):
                t = Ref(s.canonical(t.name))
            if out.get(f.wire_name) is None:
                out[f.wire_name] = t  # type: ignore[assignment]
    return out
