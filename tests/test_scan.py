"""generator.pysrc.scan finds the logical lines and the exploded brackets that ``tokenize`` finds.

The reference below is the ``tokenize`` code format.py used before the scanner replaced it (for
speed); the scanner must give its answers on every statement of the generated modules and on
the edge cases a statement may hold (strings with brackets, quotes, backslashes, comments).
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import black
import pytest

from bench.synth import write_spec
from generator.emit.tree import build_tree
from generator.pipeline import load_spec
from generator.pysrc.format import format_python, mode
from generator.pysrc.scan import bracket_lines, logical_lines
from tests.test_render import HAND

ROOT = Path(__file__).resolve().parent.parent
_OPEN = "([{"


def reference_logical_lines(chunk: str) -> list[tuple[int, int, str]] | None:
    found: list[tuple[int, int, str]] = []
    start: int | None = None
    tokens: list[tokenize.TokenInfo] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(chunk).readline):
            if tok.type in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                continue
            if tok.type == tokenize.COMMENT:
                if start is not None:
                    tokens.append(tok)
                continue
            if tok.type == tokenize.NEWLINE:
                if start is not None:
                    found.append((start - 1, tok.start[0] - 1, _reference_kind(tokens)))
                start, tokens = None, []
                continue
            if start is None:
                start = tok.start[0]
            tokens.append(tok)
    except (tokenize.TokenError, SyntaxError):
        return None
    return found


def _reference_kind(tokens: list[tokenize.TokenInfo]) -> str:
    if any(t.type == tokenize.COMMENT or t.string == ";" for t in tokens):
        return "other"
    if len(tokens) == 1 and tokens[0].type == tokenize.STRING:
        return "string"
    return "header" if tokens[-1].string == ":" else "simple"


def reference_bracket_lines(body: list[str]) -> list[list[tuple[int, int]]] | None:
    text = "\n".join(body) + "\n"
    stack: list[tuple[str, int, bool]] = []
    spans: dict[int, int] = {}
    starts: list[list[tuple[str, int, bool]]] = [[] for _ in body]
    seen_line = -1
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type != tokenize.NL]
    except (tokenize.TokenError, SyntaxError):
        return None
    for k, tok in enumerate(tokens):
        line = tok.start[0] - 1
        if line != seen_line and line < len(body):
            starts[line] = list(stack)
            seen_line = line
        if tok.string in _OPEN:
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            stack.append((tok.string, line, following is None or following.start[0] != tok.start[0]))
        elif tok.string in (")", "]", "}") and stack:
            _, opened_at, _ = stack.pop()
            spans[opened_at] = line
    return [
        [] if any(not ends for _, _, ends in at_start) else [(o, spans.get(o, -1)) for _, o, _ in at_start]
        for at_start in starts
    ]


def assert_same(chunk: str) -> None:
    spans = logical_lines(chunk)
    assert spans == reference_logical_lines(chunk), chunk
    lines = chunk.split("\n")
    for first, last, kind in spans or []:
        if kind == "simple" and last > first:  # what format.py asks bracket_lines about
            body = lines[first : last + 1]
            found = bracket_lines(body)
            if found is None and _declined(body):
                continue  # format.py hands the statement to black whole, as on any doubt
            assert found == reference_bracket_lines(body), body
            some = frozenset(range(0, len(body), 3))  # format.py asks about the long lines only
            assert bracket_lines(body, some) == [v if j in some else [] for j, v in enumerate(found)]


def _declined(body: list[str]) -> bool:
    """What bracket_lines declines: a backslash continuation, a string over several lines."""
    return any(line.endswith("\\") or line.count("'''") % 2 for line in body)


EDGE_CASES = [
    'x = "a (string) with [brackets] and # no comment"\n',
    "x = 'it''s' + \"a \\\"quoted\\\" (word)\"\n",
    'x = r"\\"(" + b"\\\\" + f"{y}(" + rb\'[\'\n',
    '"""A docstring (with a bracket\n\nand lines)"""\n',
    '    """Indented docstring with \\"\\"\\" and \'\'\' inside."""\n',
    "'''single-quoted docstring'''\n",
    'rb"""prefixed docstring"""\n',
    '"a" "b"\n',
    '("a"\n "b")\n',
    "x = 1  # a comment (with a bracket\n",
    "# a comment line\nx = 1\n# another\n",
    "x = 1; y = 2\n",
    "def f(\n    a: int,  # why\n    b: str,\n) -> None:\n    pass\n",
    "if x:\n    y = [\n        1,\n        2,\n    ]\nelse:\n    z = {\n        'a': (1,),\n    }\n",
    "x = (  # note\n    1,\n)\n",
    "x = 1 + \\\n    2\n",
    "class A(B):\n    x: int = 1\n\n    def f(self) -> None:\n        return None\n",
    "x = [\n    '''a\nb''',\n]\n",
    "x = {'k': [\n    1,\n]}\n",
    "x = [\n\n    1,\n\n]\n",
    "y = 'a:' + \"b:\"\n",
    "lambda_ = {1: 2}\n",
    "x = [\n    1,\n    2,\n]",  # no newline at the end
    "",
    "\n\n",
    "    x = [\n        1,\n    ]\n",
]


@pytest.mark.parametrize("chunk", EDGE_CASES)
def test_edge_cases_read_as_tokenize_reads_them(chunk: str) -> None:
    assert_same(chunk)


@pytest.mark.parametrize("chunk", ['x = "unterminated\n', "x = (1,\n", "x = 1)\n", "x = 1 \\ y\n"])
def test_what_cannot_be_read_is_none(chunk: str) -> None:
    assert logical_lines(chunk) is None


def test_every_statement_of_the_generated_modules_reads_as_tokenize_reads_it(tmp_path: Path) -> None:
    spec, _ = load_spec(ROOT / "spec")
    synthetic, _ = load_spec(write_spec(tmp_path / "syn", 12))
    assert spec is not None and synthetic is not None
    for source in (spec, synthetic, HAND):
        for name, text in build_tree(source).items():
            if name.endswith(".py"):
                for chunk in text.split("\n\n\n"):
                    assert_same(chunk)


def test_a_declined_statement_still_comes_out_as_black_writes_it() -> None:
    items = "".join(f"    'item number {i} of a list that is long enough',\n" for i in range(4))
    source = (
        f"x = [\n{items}    '''two\nlines''',\n    f(" + ", ".join(f"arg_{i}" for i in range(20)) + "),\n]\n"
    )
    assert bracket_lines(source.rstrip("\n").split("\n")) is None
    assert format_python(source, "m.py") == black.format_str(source, mode=mode())
