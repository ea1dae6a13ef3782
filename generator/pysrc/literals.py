"""Python source text for what comes from documents, in black's format.

Every string from a document reaches the output through ``py_str`` (``repr``, quoted as black
quotes) or ``docstring`` (escaped, wrapped, padded as black pads); the layouts of the literals the
templates cannot spell out (tuples, sets, imports) are here too, exploded one item a line with a
magic trailing comma once there are two items, as black leaves them.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

DOC_WIDTH = 96  # docstring text width before the template's indentation
LINE_LENGTH = 110  # black's line length (generator.pysrc.format pins the same)


def width(text: str) -> int:
    """The width black measures for a line, or more: black counts East Asian wide characters as
    two columns (and combining ones as none), so every non-ASCII character counts two here. A line
    this calls short is short for black too; one it calls long may only be split sooner."""
    return len(text) if text.isascii() else len(text) + sum(1 for c in text if not c.isascii())


def least_width(text: str) -> int:
    """The width black measures for a line, or less: its ASCII characters (any other may count 0)."""
    return len(text) if text.isascii() else sum(1 for c in text if c.isascii())


@lru_cache(maxsize=1 << 16, typed=True)  # typed: True and 1 are different literals
def py_str(value: str | int | bool | None) -> str:
    """A Python literal for a scalar from a document, quoted as black quotes it.

    Always ``repr`` (never raw text), then black's preference: double quotes unless they need
    more backslashes than single ones.
    """
    text = repr(value)
    if not isinstance(value, str) or text[0] == '"':
        return text  # repr chose double quotes: the text has a ' and no "
    if value.count('"') > value.count("'"):
        return text  # double quotes would need more escapes
    body = text[1:-1].replace("\\'", "'").replace('"', '\\"')
    return f'"{body}"'


def exploded(items: list[str], indent: str = "") -> str:
    """``(a, b)`` laid out as black leaves a tuple with a magic trailing comma."""
    if len(items) < 2:
        return "(" + "".join(i + "," for i in items) + ")"
    inner = "".join(f"{indent}    {i},\n" for i in items)
    return f"(\n{inner}{indent})"


def frozenset_source(items: list[str]) -> str:
    """``frozenset((a, b))`` in black's layout."""
    if not items:
        return "frozenset()"
    if len(items) == 1:
        return f"frozenset(({items[0]},))"
    return f"frozenset(\n    {exploded(items, '    ')}\n)"


def import_line(module: str, names: list[str]) -> str:
    """``from module import a, b`` on one line, or parenthesized one name a line when too long."""
    line = f"from {module} import {', '.join(names)}"
    if width(line) <= LINE_LENGTH:
        return line
    return f"from {module} import {exploded(names)}"


@lru_cache(maxsize=None)
def docstring(text: str, indent: str = "") -> str:
    """A triple-quoted docstring literal for ``text``, safe for any text, wrapped, indented.

    Backslashes are doubled, control characters (other than newlines) become escapes, runs of
    quotes are broken (``\"\"\"`` never appears unescaped) and a trailing quote is escaped, so no
    description can end the string early or inject code. Empty text gives ``""``. The layout is
    black's: a leading quote gets a space before it and a trailing one a space after it, as
    black pads them.
    """
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return ""
    lines: list[str] = []
    for i, p in enumerate(paragraphs):
        if i:
            lines.append("")
        lines += textwrap.wrap(p, DOC_WIDTH, break_long_words=False, break_on_hyphens=False) or [""]
    # blank lines carry no indentation (black strips it from docstrings)
    body = "\n".join(indent + _escape_doc_line(line) if line else "" for line in lines)[len(indent) :]
    if body.startswith('"'):
        body = " " + body
    if len(lines) > 1:
        body += "\n" + indent
    elif body.endswith('"'):
        body += " "
    return f'"""{body}"""'


_DOC_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_DOC_QUOTE = re.compile(r'"(?="|$)')


def _escape_control(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


def _escape_doc_line(line: str) -> str:
    line = _DOC_CONTROL.sub(_escape_control, line.replace("\\", "\\\\"))
    # a quote followed by a quote, or last on the line (before the closing quotes), is escaped: no
    # two unescaped quotes ever touch, so nothing can close the string early
    return _DOC_QUOTE.sub(r'\\"', line)
