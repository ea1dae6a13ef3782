"""black's format for the generated modules, with a pinned mode.

The built-in templates emit black's format directly: black's quotes (``pysource``), blank lines,
exploded literals with magic trailing commas, docstrings as black leaves them. The only thing
they cannot know in advance is where a line grows past the line length (a long name, a long
union), so ``format_python`` runs black only on the top-level statements that hold such a line
and leaves the rest as rendered. Top-level statements are what the templates separate by two
blank lines; a docstring never holds two blank lines in a row, and every other string is on one
line, so the split never cuts a statement. The tests hold this promise: every module modelgen
writes (the vendored ones, synthetic and hostile specs, random ones) is a fixed point of
``black.format_str`` with ``mode()``.

Text from user templates (``--templates DIR``) carries no such promise: it is parsed and run
through black whole (``trusted=False``).
"""

from __future__ import annotations

import ast
import io
import tokenize
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # black costs ~0.2 s to import: only when a statement needs it
    import black

from generator.pysrc.literals import LINE_LENGTH, width

STATEMENT_GAP = "\n\n\n"  # two blank lines: what separates top-level statements


class FormatError(Exception):
    """The renderer produced text that is not valid Python: a bug in modelgen, not in the spec."""


# The mode is pinned here; black's version is a range in pyproject.toml, within which
# tests/test_black_range.py holds the output to the same bytes (oldest and newest available).
@lru_cache(maxsize=None)
def mode(target: tuple[int, int] = (3, 9), line_length: int = LINE_LENGTH) -> black.Mode:
    """The pinned mode; the target Python only widens the syntax black may use."""
    import black
    from black.mode import TargetVersion

    versions = {v for v in TargetVersion if v.value >= TargetVersion[f"PY3{target[1]}"].value}
    return black.Mode(
        target_versions=versions,
        line_length=line_length,
        string_normalization=True,
        magic_trailing_comma=True,
    )


def format_python(source: str, name: str, target: tuple[int, int] = (3, 9), trusted: bool = True) -> str:
    """``source`` in black's format; ``trusted`` when it comes from the built-in templates."""
    if not trusted:
        return _black_whole(source, name, target)
    chunks = source.split(STATEMENT_GAP)
    for i, chunk in enumerate(chunks):
        if len(chunk) > LINE_LENGTH // 2 and _has_long_line(chunk):
            chunks[i] = _format_statement(chunk, name, target)
    return STATEMENT_GAP.join(chunks)


def _has_long_line(chunk: str) -> bool:
    if chunk.isascii():  # width is len: measured in C
        return max(map(len, chunk.split("\n"))) > LINE_LENGTH
    return any(width(line) > LINE_LENGTH for line in chunk.split("\n"))


def _format_statement(chunk: str, name: str, target: tuple[int, int]) -> str:
    """A top-level statement with a long line: black on that line alone where it is a simple
    statement on one line (most are), else on the whole statement."""
    lines = chunk.split("\n")
    simple = _one_line_statements(chunk)
    for i, line in enumerate(lines):
        if width(line) > LINE_LENGTH:
            if i not in simple:
                return _black(chunk, name, target)
            lines[i] = _black_line(line, name, target)
    return "\n".join(lines)


def _one_line_statements(chunk: str) -> set[int]:
    """The 0-based lines of ``chunk`` that hold a whole simple statement (not a block header)."""
    found: set[int] = set()
    start: int | None = None
    last = ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(chunk).readline):
            if tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                continue
            if tok.type == tokenize.NEWLINE:
                if start == tok.start[0] and last != ":":
                    found.add(start - 1)
                start = None
                continue
            if start is None:
                start = tok.start[0]
            last = tok.string
    except (tokenize.TokenError, SyntaxError):
        return set()  # black decides, on the whole statement
    return found


def _black_line(line: str, name: str, target: tuple[int, int]) -> str:
    """One simple statement, formatted as black formats it at its depth.

    black measures a line with its indentation, so the statement at depth 0 with the line length
    less the indentation splits exactly as it does in place.
    """
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    out = _black(body + "\n", name, target, LINE_LENGTH - len(indent)).rstrip("\n")
    return "\n".join(indent + part if part else part for part in out.split("\n"))


def _black(chunk: str, name: str, target: tuple[int, int], line_length: int = LINE_LENGTH) -> str:
    import black
    from black.parsing import InvalidInput

    ending = chunk[len(chunk.rstrip("\n")) :]  # the file's last statement keeps its newline
    try:
        return black.format_str(chunk, mode=mode(target, line_length)).rstrip("\n") + ending
    except InvalidInput as exc:
        raise FormatError(f"{name}: generated code does not parse: {exc}") from exc


def _black_whole(source: str, name: str, target: tuple[int, int]) -> str:
    import black

    try:
        ast.parse(source, filename=name)
    except SyntaxError as exc:
        raise FormatError(f"{name}:{exc.lineno}: generated code does not parse: {exc.msg}") from exc
    out = black.format_str(source, mode=mode(target))
    ast.parse(out, filename=name)
    return out
