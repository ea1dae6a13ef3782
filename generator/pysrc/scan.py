"""The structure ``generator.pysrc.format`` needs of a top-level statement, found by one regular
expression instead of ``tokenize``: where each logical line starts and ends, what kind it is, and
which brackets are open across each line of an exploded display.

Only what decides these is matched (strings, comments, brackets, newlines, backslash
continuations, ``;``); everything else (names, numbers, operators) is skipped in C. On a mistral
corpus this is ~15x faster than ``tokenize``, which builds a token for every name and comma. The
answers are the ones ``tokenize`` gives for valid Python (tests/test_scan.py compares the two on
every statement of the generated modules and on edge cases); on what it cannot read (a stray
quote, unbalanced brackets) the functions return None, as ``format`` did on a tokenize error.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(
    r"""
      (?P<string>  # from its quote: a prefix (r, b, f, rb, ...) is not part of the match
        (?: \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
          | '''(?:[^'\\]|\\.|'(?!''))*'''
          | "(?:[^"\\\n]|\\.)*"
          | '(?:[^'\\\n]|\\.)*'
        )
      )
    | (?P<comment>\#[^\n]*)
    | (?P<open>[(\[{])
    | (?P<close>[)\]}])
    | (?P<newline>\n)
    | (?P<continuation>\\\n)
    | (?P<semicolon>;)
    | (?P<stray>["'\\])
    """,
    re.VERBOSE | re.DOTALL,
)
_BLANK_TO_EOL = re.compile(r"[ \t]*(?:\\?\n|$)")
_SPACES = re.compile(r"[ \t]*")


def _last_char(text: str, end: int) -> str:
    """The last character before ``end`` that is not white space."""
    at = end - 1
    while at >= 0 and text[at] in " \t\n":
        at -= 1
    return text[at] if at >= 0 else ""


def _is_prefix(text: str) -> bool:
    """Whether ``text`` is what may stand before a string's quote in its token: "", r, b, f, rb, ..."""
    return len(text) <= 2 and (not text or text.isalpha())


class _LogicalLine:
    """The logical line being read: where it starts, its first token, what makes it "other"."""

    __slots__ = ("line", "pos", "first", "other")

    def __init__(self, line: int, pos: int) -> None:
        self.line, self.pos = line, pos
        self.first: re.Match[str] | None = None
        self.other = False

    def kind(self, text: str, end: int) -> str:
        first = self.first
        if self.other:
            return "other"
        if first is not None and first.lastgroup == "string" and _is_prefix(text[self.pos : first.start()]):
            if not text[first.end() : end].strip():
                return "string"
        return "header" if _last_char(text, end) == ":" else "simple"


def _starting_at(text: str, line: int, at: int) -> _LogicalLine | None:
    """The logical line that starts on the physical line at ``at``, if it holds a token."""
    spaces = _SPACES.match(text, at)
    pos = spaces.end() if spaces else at
    if pos >= len(text) or text[pos] in "\n#":
        return None
    return _LogicalLine(line, pos)


def logical_lines(chunk: str) -> list[tuple[int, int, str]] | None:
    """(first line, last line, kind) of each logical line of ``chunk`` (0-based): "simple", "header"
    (ends with ``:``), "string" (a lone string: a docstring), "other" (after a ``;`` or with a
    comment inside). None when the chunk cannot be read."""
    found: list[tuple[int, int, str]] = []
    line = depth = 0
    current = _starting_at(chunk, 0, 0)
    for m in _TOKENS.finditer(chunk):
        group = m.lastgroup
        if group == "newline":
            if depth == 0:
                if current is not None:
                    found.append((current.line, line, current.kind(chunk, m.start())))
                current = _starting_at(chunk, line + 1, m.end())
            line += 1
            continue
        if group == "stray":
            return None
        if current is not None and current.first is None and group != "comment":
            current.first = m
        if group == "open":
            depth += 1
        elif group == "close":
            depth -= 1
            if depth < 0:
                return None
        elif group == "string":
            line += m.group().count("\n")
        elif group == "continuation":
            line += 1
        elif current is not None:  # a comment or a ';' inside the logical line
            current.other = True
    if depth != 0:
        return None
    if current is not None:
        found.append((current.line, line, current.kind(chunk, len(chunk))))
    return found


def bracket_lines(body: list[str], only: frozenset[int] | None = None) -> list[list[tuple[int, int]]] | None:
    """For each line of a statement: the brackets open across it, as (line that opens it, line that
    closes it), outermost first; only brackets that end their opening line count (exploded ones),
    and a line inside any other bracket gets none. ``only``: the lines asked about (the others
    get none; a table of a thousand lines is asked about its few long ones). None when the
    statement cannot be read, or holds a string over several lines or a backslash continuation
    (not in a display of ours)."""
    text = "\n".join(body) + "\n"
    stack: list[tuple[int, bool]] = []  # (its line, ends its line)
    spans: dict[int, int] = {}
    starts: dict[int, list[tuple[int, bool]]] = {}
    wanted = range(len(body)) if only is None else only
    line = 0
    for m in _TOKENS.finditer(text):
        group = m.lastgroup
        if group == "newline":
            line += 1
            if stack and line in wanted and body[line].strip():
                starts[line] = list(stack)
        elif group == "open":
            stack.append((line, _BLANK_TO_EOL.match(text, m.end()) is not None))
        elif group == "close":
            if stack:
                spans[stack.pop()[0]] = line
        elif group in ("stray", "continuation") or (group == "string" and "\n" in m.group()):
            return None
    result: list[list[tuple[int, int]]] = [[] for _ in body]
    for at, at_start in starts.items():
        if all(ends for _, ends in at_start):
            result[at] = [(o, spans.get(o, -1)) for o, _ in at_start]
    return result
