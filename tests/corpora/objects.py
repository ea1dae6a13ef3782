"""An independent check that no two pages of distinct objects became one model.

Like ``rowcheck`` (whose page reader it uses), this module does NOT import ``generator``: it reads
each page's object name (its ``#`` title, else its file name) and field-name set on its own, reads
the declared ``[aliases]`` of the folder's ``modelgen.toml`` with ``tomllib``, and then judges a
mapping that the caller takes from modelgen (which pages fed which model, from the ``origins`` of
the resolved Spec's items). A model fed by two pages is a merge of distinct objects when

* the pages' object names differ (compared without case and punctuation, after the aliases), or
* their field sets are incompatible: neither page's fields are a subset of the other's.

Pages that ``rowcheck`` does not classify as a model, enum or union page (prose pages, the OpenAI
reference's text pages) have no independent reading and are left out of the comparison.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project's oldest Pythons
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rowcheck  # noqa: E402  (beside this file; it must not import generator)

TYPED = ("model", "enum", "union")


class PageObject(NamedTuple):
    path: Path  # resolved
    name: str  # as the page titles it
    kind: str  # model | enum | union
    fields: frozenset[str]


class Merge(NamedTuple):
    model: str
    pages: tuple[str, ...]  # file names
    why: str

    def __str__(self) -> str:
        return f"{self.model} <- {', '.join(self.pages)}: {self.why}"


def _title_name(title: str, path: Path) -> str:
    name = title.strip().strip("`").rsplit(".", 1)[-1].strip()
    return name if name.isidentifier() else path.stem


def key(name: str) -> str:
    """A name compared without case, spaces or punctuation (``file_object`` = ``FileObject``)."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def read_objects(pages_dir: Path) -> dict[Path, PageObject]:
    """Every model, enum and union page under ``pages_dir`` (by resolved path), read independently."""
    found: dict[Path, PageObject] = {}
    for path in sorted(pages_dir.rglob("*.md")):
        if path.name in ("SOURCE.md", "README.md"):
            continue
        page = rowcheck.read_page(path)
        if page.kind in TYPED:
            name = _title_name(page.model, path)
            found[path.resolve()] = PageObject(
                path.resolve(), name, page.kind, frozenset(key(r.wire) for r in page.rows)
            )
    return found


def declared_aliases(pages_dir: Path) -> dict[str, str]:
    """``[aliases]`` of ``pages_dir/modelgen.toml`` by compared name (empty without the file)."""
    settings = pages_dir / "modelgen.toml"
    if not settings.is_file():
        return {}
    data = tomllib.loads(settings.read_text(encoding="utf-8-sig"))
    table = data.get("aliases", {})
    return {key(k): key(v) for k, v in table.items() if isinstance(v, str)}


def merges(
    objects: Mapping[Path, PageObject],
    fed: Mapping[str, Iterable[Path]],
    aliases: Mapping[str, str],
) -> list[Merge]:
    """The models of ``fed`` (model name → the resolved paths of the pages that fed it) whose pages
    describe distinct objects, with why."""
    out: list[Merge] = []
    for model in sorted(fed):
        pages = sorted({p for p in fed[model] if p in objects}, key=str)
        read = [objects[p] for p in pages]
        names = sorted({aliases.get(key(o.name), key(o.name)) for o in read})
        files = tuple(p.name for p in pages)
        if len(names) > 1:
            titles = ", ".join(sorted({o.name for o in read}))
            out.append(Merge(model, files, f"pages of different objects ({titles})"))
            continue
        clash = _incompatible(read)
        if clash:
            out.append(Merge(model, files, clash))
    return out


def _incompatible(read: list[PageObject]) -> str:
    for i, a in enumerate(read):
        for b in read[i + 1 :]:
            if not (a.fields <= b.fields or b.fields <= a.fields):
                only_a = ", ".join(sorted(a.fields - b.fields)[:4])
                only_b = ", ".join(sorted(b.fields - a.fields)[:4])
                return f"incompatible fields ({a.path.name} alone has {only_a}; {b.path.name} alone has {only_b})"
    return ""
