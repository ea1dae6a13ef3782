"""An OpenAPI (or JSON Schema) document as data: loaded, its roots chosen, their closure, and the
line of any JSON pointer in it.

Nothing here needs datamodel-code-generator: ``openapi_schema`` hands the closure to its parser.
"""

from __future__ import annotations

import fnmatch
import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from generator.model.diagnostics import Diagnostic, Origin, error, warning

SCHEMAS_POINTER = ("components", "schemas")
_LOCAL_SCHEMA = re.compile(r"^#/(?:components/schemas|definitions|\$defs)/([^/]+)$")


@dataclass(frozen=True)
class LoadedDocument:
    path: str  # as shown in diagnostics
    text: str
    data: dict[str, Any]
    schemas: dict[str, Any]  # name → raw schema
    schemas_pointer: tuple[str, ...]  # where the schemas sit: components/schemas, definitions or $defs


def _yaml() -> Any:
    """PyYAML, imported when a YAML document is read (a docs-only run never imports it). It has no
    type information of its own; this module uses load, SafeLoader/CSafeLoader, YAMLError."""
    return importlib.import_module("yaml")


def _loader(yaml: Any) -> Any:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built: 3 MB in 0.5 s, not 8 s


def load_document(path: Path, shown: str) -> tuple[Optional[LoadedDocument], list[Diagnostic]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [error("E140", f"cannot read the OpenAPI document: {exc}", Origin(shown, 1, 1))]
    is_json = path.suffix.lower() == ".json"
    try:
        yaml = None if is_json else _yaml()
    except ImportError as exc:
        why = f"PyYAML, which is not installed ({exc}): pip install 'docmodelgen[openapi]'"
        return None, [error("E141", f"[openapi] needs {why}", Origin(shown, 1, 1))]
    yaml_error: Any = yaml.YAMLError if yaml is not None else ValueError
    try:
        data = json.loads(text) if yaml is None else yaml.load(text, Loader=_loader(yaml))
    except json.JSONDecodeError as exc:
        return None, [error("E140", f"not JSON: {exc.msg}", Origin(shown, exc.lineno, exc.colno))]
    except yaml_error as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [error("E140", f"not YAML: {problem}", Origin(shown, line, col))]
    if not isinstance(data, dict):
        return None, [error("E140", "the document is not a mapping (an OpenAPI object)", Origin(shown, 1, 1))]
    for pointer in (SCHEMAS_POINTER, ("definitions",), ("$defs",)):
        found: Any = data
        for key in pointer:
            found = found.get(key) if isinstance(found, dict) else None
        if isinstance(found, dict) and found:
            return LoadedDocument(shown, text, data, found, pointer), []
    return None, [
        error(
            "E140",
            "the document has no schemas (components/schemas, definitions or $defs)",
            Origin(shown, 1, 1),
        )
    ]


def select_roots(
    doc: LoadedDocument, patterns: tuple[str, ...], where: Origin
) -> tuple[list[str], list[Diagnostic]]:
    """Schema names matching any pattern, in the document's order; a pattern matching none is W370."""
    diags: list[Diagnostic] = []
    chosen: list[str] = []
    for pattern in patterns:
        hits = [n for n in doc.schemas if fnmatch.fnmatchcase(n, pattern)]
        if not hits:
            close = [n for n in doc.schemas if fnmatch.fnmatch(n.lower(), pattern.lower())][:3]
            hint = f" (case differs: {', '.join(close)})" if close else ""
            diags.append(
                warning("W370", f"[openapi] root '{pattern}' matches no schema of {doc.path}{hint}", where)
            )
        chosen += [n for n in hits if n not in chosen]
    order = {n: i for i, n in enumerate(doc.schemas)}
    return sorted(chosen, key=order.__getitem__), diags


def closure(doc: LoadedDocument, roots: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """The roots and every schema they reference, directly or not, in the document's order."""
    diags: list[Diagnostic] = []
    seen: set[str] = set()
    todo = list(reversed(roots))
    lines = LineIndex(doc)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for ref, at in _refs(doc.schemas[name], (*doc.schemas_pointer, name)):
            found = _LOCAL_SCHEMA.match(ref)
            target = _unescape(found.group(1)) if found else None
            if target is not None and target in doc.schemas:
                todo.append(target)
                continue
            code, what = (
                ("E142", "a schema the document does not define") if target else ("W371", "not followed")
            )
            report = error if code.startswith("E") else warning
            diags.append(report(code, f"$ref '{ref}' at {pointer_text(at)}: {what}", lines.origin(at)))
    order = {n: i for i, n in enumerate(doc.schemas)}
    return sorted(seen, key=order.__getitem__), diags


def _refs(node: Any, at: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    found: list[tuple[str, tuple[str, ...]]] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(node, at)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                found.append((ref, where))
            stack += [
                (v, (*where, str(k))) for k, v in value.items() if k != "$ref" and not str(k).startswith("x-")
            ]
        elif isinstance(value, list):
            stack += [(v, (*where, str(i))) for i, v in enumerate(value)]
    return sorted(found, key=lambda f: f[1])


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer_text(parts: tuple[str, ...]) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def resolve_pointer(data: Any, parts: tuple[str, ...]) -> Any:
    """The value at ``parts`` (None when the pointer leads nowhere)."""
    for part in parts:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class LineIndex:
    """The 1-based line of a JSON pointer in a block-style YAML document, found by indentation.

    Cheap: one pass over the schemas' keys, then a scan of one schema's lines per lookup. A pointer
    it cannot follow (flow style, JSON) gives the line of its deepest part it found (1 at worst).
    """

    def __init__(self, doc: LoadedDocument) -> None:
        self.path = doc.path
        self.lines = doc.text.split("\n")
        # per line: its indentation (-1 for a blank or comment line) and whether it starts "- "
        self._indent: list[int] = []
        self._dash: list[bool] = []
        for line in self.lines:
            stripped = line.lstrip(" ")
            blank = not stripped or stripped.startswith("#")
            self._indent.append(-1 if blank else len(line) - len(stripped))
            self._dash.append(stripped.startswith("- "))
        self._schema_lines: Optional[dict[str, int]] = None
        self._schemas_top = 0
        self._prefix = doc.schemas_pointer

    def origin(self, parts: tuple[str, ...]) -> Origin:
        return Origin(self.path, self.line(parts), 1)

    def line(self, parts: tuple[str, ...]) -> int:
        n = len(self._prefix)
        if parts[:n] != self._prefix or len(parts) == n:
            return self._descend(0, len(self.lines), None, parts) + 1
        start = self._schemas().get(parts[n])
        if start is None:  # flow style or JSON: the deepest line found
            return self._schemas_top + 1
        indent = len(self.lines[start]) - len(self.lines[start].lstrip(" "))
        end = self._block_end(start, indent)
        return self._descend(start + 1, end, None, parts[n + 1 :], fallback=start) + 1

    def _schemas(self) -> dict[str, int]:
        if self._schema_lines is None:
            top = self._schemas_top = self._descend(0, len(self.lines), None, self._prefix)
            indent = len(self.lines[top]) - len(self.lines[top].lstrip(" "))
            end = self._block_end(top, indent)
            child = self._child_indent(top + 1, end)
            self._schema_lines = {}
            for i in range(top + 1, end):
                line = self.lines[i]
                if line[:child].isspace() and len(line) > child and line[child] not in " #-":
                    self._schema_lines.setdefault(_key_of(line[child:]), i)
        return self._schema_lines

    def _block_end(self, start: int, indent: int, item: bool = False) -> int:
        """The end of the block a key (or, with ``item``, a list item) at ``indent`` opens on ``start``.

        A key's block may hold a sequence written at the key's own indentation (``key:`` / ``- x``).
        """
        indents, dashes = self._indent, self._dash
        for i in range(start + 1, len(indents)):
            at = indents[i]
            if at < 0 or at > indent:
                continue
            if at < indent or item or not dashes[i]:
                return i
        return len(indents)

    def _child_indent(self, start: int, end: int) -> int:
        for i in range(start, end):
            stripped = self.lines[i].lstrip(" ")
            if stripped and not stripped.startswith("#") and stripped.rstrip(",") not in _BRACKETS:
                return len(self.lines[i]) - len(stripped)
        return 0

    def _descend(
        self, start: int, end: int, indent: Optional[int], parts: tuple[str, ...], fallback: int = 0
    ) -> int:
        found = fallback
        for part in parts:
            child = self._child_indent(start, end) if indent is None else indent
            hit = self._find(start, end, child, part)
            if hit is None:
                return found
            line_no, content_indent = hit
            found = line_no
            start, end = line_no + 1, self._block_end(line_no, child, content_indent is not None)
            indent = None
            if content_indent is not None:  # a list item: its first key is on the "- " line
                start, indent = line_no, content_indent
        return found

    def _find(self, start: int, end: int, indent: int, part: str) -> Optional[tuple[int, Optional[int]]]:
        items = -1
        for i in range(start, end):
            line = self.lines[i]
            if len(line) <= indent or not line[:indent].replace("-", " ").isspace() and indent:
                continue
            rest = line[indent:]
            if rest.startswith("- ") and part.isdigit():
                items += 1
                if items == int(part):
                    return i, indent + 2
            elif rest[:1] not in (" ", "#", "-") and _key_of(rest) == part:
                return i, None
        return None


_BRACKETS = ("{", "}", "[", "]")  # a JSON line that opens or closes a block, no key on it


def _key_of(text: str) -> str:
    """The key of a ``key: value`` line (quotes removed)."""
    if text[:1] in ("'", '"'):
        quote = text[0]
        end = text.find(quote, 1)
        return text[1:end] if end > 0 else text
    return text.split(":", 1)[0].strip()
