"""TypeScript snippets in Speakeasy docs: the ``let value: Name = {...};`` example and enum unions.

The example's object literal is cut out of the code with a small scanner (strings, template
strings and comments skipped, brackets balanced) and parsed with the ``json5`` library, a real
parser of JavaScript object literals (unquoted keys, trailing commas, single quotes). The one
non-literal Speakeasy writes in examples, ``new Date("…")``, is replaced by its string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional

import json5

from generator.dialects.limits import MAX_EXAMPLE_DEPTH, short, too_deep

_DECL = re.compile(r"\b(?:let|const|var)\s+value\s*(?::\s*[^=;\n]+?)?\s*=\s*")
_DATE = re.compile(r"new\s+Date\(\s*")
_JSON5_POS = re.compile(r":(?P<line>\d+)\b.*?\bcolumn (?P<col>\d+)")
_OPEN = {"{": "}", "[": "]", "(": ")"}
_CLOSE = frozenset("}])")


@dataclass(frozen=True)
class Snippet:
    """An object literal cut out of a code block: its source and where it starts (0-based)."""

    source: str
    line: int
    column: int


class LiteralError(ValueError):
    """The literal could not be parsed; ``line``/``column`` are 0-based offsets into the code."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _skip_string(code: str, i: int) -> int:
    """Index just past the string literal starting at ``code[i]`` (a quote or backtick)."""
    quote = code[i]
    i += 1
    while i < len(code):
        ch = code[i]
        if ch == "\\":
            i += 2
            continue
        if ch == quote:
            return i + 1
        if ch == "\n" and quote != "`":
            return i  # unterminated: let the parser report it
        i += 1
    return i


def _skip_comment(code: str, i: int) -> int:
    if code.startswith("//", i):
        end = code.find("\n", i)
        return len(code) if end < 0 else end
    end = code.find("*/", i + 2)
    return len(code) if end < 0 else end + 2


def _cut(code: str, start: int) -> str:
    """The balanced literal starting at ``code[start]`` (to the end of the code if unbalanced),
    with ``new Date(<string>)`` replaced by the string. Line breaks are kept, so line numbers hold.
    """
    out: list[str] = []
    stack: list[str] = []
    i = start
    while i < len(code):
        ch = code[i]
        if ch in "\"'`":
            end = _skip_string(code, i)
            out.append(code[i:end])
            i = end
            continue
        if code.startswith("//", i) or code.startswith("/*", i):
            end = _skip_comment(code, i)
            out.append(re.sub(r"[^\n]", " ", code[i:end]))
            i = end
            continue
        m = _DATE.match(code, i)
        if m and m.end() < len(code) and code[m.end()] in "\"'":
            end = _skip_string(code, m.end())
            close = code.find(")", end)
            if close >= 0 and not code[end:close].strip():
                out.append(code[m.end() : end])
                i = close + 1
                continue
        if ch in _OPEN:
            stack.append(_OPEN[ch])
        elif ch in _CLOSE:
            if not stack or stack.pop() != ch:
                out.append(ch)
                break
            if not stack:
                out.append(ch)
                break
        out.append(ch)
        i += 1
    return "".join(out)


def find_object(code: str) -> Optional[Snippet]:
    """The object literal assigned by ``let value: Name = {...}``, or None when there is none
    (no such declaration, or the value is a string, number or call rather than an object).
    """
    m = _DECL.search(code)
    if not m or m.end() >= len(code) or code[m.end()] != "{":
        return None
    start = m.end()
    line = code.count("\n", 0, start)
    column = start - (code.rfind("\n", 0, start) + 1)
    return Snippet(_cut(code, start), line, column)


def parse_object(snippet: Snippet) -> Any:
    """Parse the snippet with json5. Raises LiteralError with the position of the problem."""
    deep = f"object literal nests more than {MAX_EXAMPLE_DEPTH} levels deep"
    try:
        value = json5.loads(snippet.source)
    except RecursionError:  # json5 is a recursive parser: very deep input overflows it
        raise LiteralError(deep, snippet.line, snippet.column) from None
    except ValueError as exc:
        msg = str(exc)
        pm = _JSON5_POS.search(msg)
        line, col = (int(pm.group("line")) - 1, int(pm.group("col")) - 1) if pm else (0, 0)
        column = snippet.column + col if line == 0 else col
        raise LiteralError(
            short(msg.split(" ", 1)[-1] if msg.startswith("<string>") else msg, 200),
            snippet.line + line,
            column,
        ) from None
    if too_deep(value):
        raise LiteralError(deep, snippet.line, snippet.column)
    return value


def union_strings(code: str) -> Optional[tuple[tuple[str, ...], bool]]:
    """``"a" | "b" | Unrecognized<string>`` → ((a, b), open). None if it is not such a union."""
    values: list[str] = []
    is_open = False
    i = 0
    expect_item = True
    text = code.strip().rstrip(";")
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "|" and not expect_item:
            expect_item = True
            i += 1
        elif ch in "\"'" and expect_item:
            end = _skip_string(text, i)
            raw = text[i:end]
            if len(raw) < 2 or raw[-1] != ch:
                return None
            if ch == "'":
                raw = '"' + raw[1:-1].replace('\\"', '"').replace('"', '\\"') + '"'
            try:
                values.append(str(json.loads(raw)))
            except ValueError:
                return None
            expect_item = False
            i = end
        elif text.startswith("Unrecognized<", i) and expect_item:
            end = text.find(">", i)
            if end < 0:
                return None
            is_open = True
            expect_item = False
            i = end + 1
        else:
            return None
    if expect_item or not values:
        return None
    return tuple(values), is_open
