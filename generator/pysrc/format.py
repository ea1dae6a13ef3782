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
from generator.pysrc.scan import bracket_lines, logical_lines

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
    """A top-level statement with a long line: black on each logical line that holds one (a
    simple statement, or a block header with a stand-in body), at its depth, rather than on the
    whole statement. black formats a logical line by itself (its depth only takes from the line
    length), so the result is the one black gives the whole statement, for a fraction of the text
    (a long model name would otherwise send the whole decoder function through black)."""
    lines = chunk.split("\n")
    spans = logical_lines(chunk)
    if spans is None:
        return _black(chunk, name, target)
    for first, last, kind in reversed(spans):
        if not any(width(line) > LINE_LENGTH for line in lines[first : last + 1]):
            continue
        if kind == "string":  # black never splits a string, and the docstrings are in its format
            continue
        body = lines[first : last + 1]
        head = body[0].lstrip(" ")
        if kind == "other" or head.startswith(("@", "elif ", "else", "except", "finally", "case ")):
            return _black(chunk, name, target)  # not a statement black takes alone
        if kind == "simple" and last > first:  # an exploded display: its long items, one by one
            items = _format_items(body, name, target)
            if items is not None:
                lines[first : last + 1] = items
                continue
        lines[first : last + 1] = _black_statement(body, kind == "header", name, target)
    return "\n".join(lines)


_OPEN = {"(": ")", "[": "]", "{": "}"}


def _format_items(body: list[str], name: str, target: tuple[int, int]) -> list[str] | None:
    """A statement laid out one item a line (a display with magic trailing commas, as the
    templates write MODELS, __all__ and the test tables): each long item line formatted by black
    inside a copy of the statement that holds only its enclosing bracket lines, which is how black
    formats it in place (every item of an exploded display is a line of its own). None when a long
    line is not such an item."""
    opened = bracket_lines(body, frozenset(j for j, line in enumerate(body) if width(line) > LINE_LENGTH))
    if opened is None:
        return None
    out = list(body)
    for j in reversed(range(len(body))):
        if width(body[j]) <= LINE_LENGTH:
            continue
        enclosing = opened[j]
        stripped = body[j].rstrip()
        if stripped[-1:] in _OPEN and _unsplittable(stripped[:-1].rstrip().rstrip(":") + ","):
            continue  # an item's opening line, '"a long key": [': nothing black can split
        if not enclosing or not stripped.endswith(","):
            return None
        if _unsplittable(body[j]):
            continue  # a long name or string (a key and its value): black leaves it as it is
        openers = [o for o, _ in enclosing]
        closers = [c for _, c in reversed(enclosing)]
        if any(o >= j or c <= j for o, c in enclosing) or len(set(openers + closers)) != 2 * len(enclosing):
            return None
        mini = [body[o] for o in openers] + [body[j]] + [body[c] for c in closers]
        formatted = _black_statement(mini, False, name, target)
        if (
            formatted[: len(openers)] != mini[: len(openers)]
            or formatted[-len(closers) :] != mini[-len(closers) :]
        ):
            return None
        out[j : j + 1] = formatted[len(openers) : -len(closers)]
    return out


_ATOMS = (tokenize.NAME, tokenize.STRING, tokenize.NUMBER)


def _unsplittable(line: str) -> bool:
    """An item line black cannot split: ``atom,`` or ``atom: atom,`` (a name, a string, a number)."""
    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline)
            if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)
        ]
    except (tokenize.TokenError, SyntaxError):
        return False
    kinds = [t.type if t.type in _ATOMS else t.string for t in tokens]
    return kinds[:1] != ["lambda"] and kinds in (
        [tokenize.NAME, ","],
        [tokenize.STRING, ","],
        [tokenize.NUMBER, ","],
        *([k, ":", v, ","] for k in (tokenize.STRING, tokenize.NAME) for v in _ATOMS),
    )


def _black_statement(body: list[str], header: bool, name: str, target: tuple[int, int]) -> list[str]:
    """One logical line (its lines), formatted as black formats it at its depth; a block header is
    given ``pass`` as its body, which is dropped again."""
    indent = body[0][: len(body[0]) - len(body[0].lstrip(" "))]
    text = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in body) + "\n"
    if header:
        text += "    pass\n"
    out = _black(text, name, target, LINE_LENGTH - len(indent)).rstrip("\n").split("\n")
    if header:
        out = out[:-1]
    return [indent + part if part else part for part in out]


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
