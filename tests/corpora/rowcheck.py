"""An independent reader of the field-table rows of the vendored corpora.

For the ≥99% agreement check against modelgen's parsers: given one page, return its field rows as
``Row(model, wire, required)``. It does NOT import ``generator``; it needs only the standard
library and markdown-it-py, and it reads the pages in its own way (markdown-it finds the tables
and their source lines; each row is then read from the raw line, so that an unescaped ``|`` in a
description cannot move the Notes / Required cell).

Which tables count: only a table whose nearest heading above it is ``## Properties``
(openapi-generator ``python``, also ``python-prior``) or ``## Fields`` (Speakeasy python).
Endpoint pages (``*Api.md``: ``### Parameters`` tables), enum pages (``## Enum`` / ``## Values``)
and union pages (``## Supported Types``) give no rows.

Dialect rules (see docs/corpora-variants.md):

* openapi-generator, header ``Name | Type | Description | Notes``: the name is the bold text of
  the first cell (``**name**``). The page shows the *Python* attribute name, not the wire name:
  a name the generator escaped as ``var_<x>`` (``<x>`` a reserved word such as ``schema``,
  ``date``, ``float``, ``property``, ``class``, ``return``, ``async``, or ``<x>`` starting with a
  digit) is read back as ``<x>``; everything else is taken as written (camelCase wire names,
  ``123-list`` and the like are not recoverable from the page). Required = the *last* cell of the
  raw line has no ``[optional]``. The extra-keys row ``**any string name**`` (python-prior) is
  not a field.
* Speakeasy, header ``Field | Type | Required | Description [| Example]``: the name is the
  backticked first cell; a keyword escaped with one trailing ``_`` (``from_``, ``and_``, ``or_``,
  ``format_``) is read back without it. Required = the ``:heavy_check_mark:`` cell
  (``:heavy_minus_sign:`` = optional). The ``__pydantic_extra__`` row is the extra-keys row, not a
  field.

``python tests/corpora/rowcheck.py [DIR ...]`` prints totals per corpus (default: every corpus
under ``/work/shared/corpora`` and every sample under ``tests/corpora/samples``).
"""

from __future__ import annotations

import html
import keyword
import re
import sys
from pathlib import Path
from typing import NamedTuple

from markdown_it import MarkdownIt

OG_RESERVED = frozenset(keyword.kwlist) | {
    "all_params",
    "resource_path",
    "path_params",
    "query_params",
    "header_params",
    "form_params",
    "local_var_files",
    "body_params",
    "auth_settings",
    "property",
    "schema",
    "base64",
    "json",
    "date",
    "float",
    "print",
    "exec",
    "self",
    "none",
    "true",
    "false",
}
EXTRA_KEYS = {"any string name", "__pydantic_extra__"}
_MD = MarkdownIt("commonmark").enable("table")
_PIPE = re.compile(r"(?<!\\)\|")


class Row(NamedTuple):
    model: str
    wire: str
    required: bool


class Page(NamedTuple):
    kind: str  # model | enum | union | endpoint | other
    model: str
    rows: list
    extra_keys: bool  # an extra-keys row was present (and skipped)


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
        if s.endswith("|") and not s.endswith("\\|"):
            s = s[:-1]
    return [c.strip() for c in _PIPE.split(s)]


def og_wire(name: str) -> str:
    if name.startswith("var_"):
        rest = name[4:]
        if rest.lower() in OG_RESERVED or rest[:1].isdigit():
            return rest
    return name


def speakeasy_wire(name: str) -> str:
    if name.endswith("_") and not name.endswith("__") and len(name) > 1:
        return name[:-1]
    return name


def _bold_name(cell: str) -> str | None:
    m = re.match(r"\*\*(.+?)\*\*", cell)
    if not m:
        return None
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))  # **[validations](#validations)**
    return html.unescape(text).strip()


def _code_name(cell: str) -> str | None:
    m = re.match(r"`([^`]+)`", cell)
    return m.group(1).strip() if m else None


def read_page(path: str | Path) -> Page:
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    tokens = _MD.parse(text)
    title, heading, sections = "", None, set()
    rows: list[Row] = []
    extra = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            inline = tokens[i + 1].content.strip()
            if tok.tag == "h1" and not title:
                title = inline
            heading = inline
            if tok.tag == "h2":
                sections.add(inline)
        elif tok.type == "table_open" and heading in ("Properties", "Fields"):
            j, header, body = i, None, []
            while tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "tr_open" and t.map:
                    if header is None:
                        header = _cells(lines[t.map[0]])
                    else:
                        body.append(lines[t.map[0]])
                j += 1
            speakeasy = bool(header) and header[0].strip("` ") == "Field"
            for line in body:
                cells = _cells(line)
                if speakeasy:
                    name = _code_name(cells[0])
                    flags = [c for c in cells[1:] if re.fullmatch(r":heavy_(check_mark|minus_sign):", c)]
                    if name is None or not flags:
                        continue
                    if name in EXTRA_KEYS:
                        extra = True
                        continue
                    rows.append(Row(title, speakeasy_wire(name), flags[0] == ":heavy_check_mark:"))
                else:
                    name = _bold_name(cells[0])
                    if name is None:
                        continue
                    if name in EXTRA_KEYS:
                        extra = True
                        continue
                    rows.append(Row(title, og_wire(name), "[optional]" not in cells[-1]))
            i = j
        i += 1
    name = Path(path).name
    if name.endswith("Api.md") and "." in title:
        kind = "endpoint"
    elif sections & {"Enum", "Values"}:
        kind = "enum"
    elif "Supported Types" in sections:
        kind = "union"
    elif sections & {"Properties", "Fields"}:
        kind = "model"
    else:
        kind = "other"
    return Page(kind, title, rows if kind == "model" else [], extra)


def rows(path: str | Path) -> list[Row]:
    """The page's field rows: (model name from the page title, wire name, required flag)."""
    return read_page(path).rows


def corpus_totals(folder: Path) -> dict:
    pages = sorted(p for p in folder.rglob("*.md") if p.name not in ("SOURCE.md", "README.md"))
    kinds: dict[str, int] = {}
    n_rows = n_req = n_extra = n_empty = 0
    for p in pages:
        page = read_page(p)
        kinds[page.kind] = kinds.get(page.kind, 0) + 1
        n_rows += len(page.rows)
        n_req += sum(r.required for r in page.rows)
        n_extra += page.extra_keys
        n_empty += page.kind == "model" and not page.rows
    return {
        "pages": len(pages),
        "kinds": kinds,
        "rows": n_rows,
        "required": n_req,
        "optional": n_rows - n_req,
        "extra_key_pages": n_extra,
        "model_pages_without_rows": n_empty,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        folders = [Path(a) for a in argv]
    else:
        here = Path(__file__).resolve().parent / "samples"
        shared = Path("/work/shared/corpora")
        folders = [
            d for base in (shared, here) if base.is_dir() for d in sorted(base.iterdir()) if d.is_dir()
        ]
    for folder in folders:
        t = corpus_totals(folder)
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(t["kinds"].items()))
        print(
            f"{folder}: {t['pages']} pages ({kinds}); {t['rows']} rows: {t['required']} required, "
            f"{t['optional']} optional; extra-keys rows on {t['extra_key_pages']} pages; "
            f"{t['model_pages_without_rows']} model pages without rows"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
