"""Dialect-neutral Markdown reading: markdown-it-py tokens → headings, tables, code, paragraphs.

Every block keeps its origin (path, 1-based line, column). Table cells are given both as their
raw Markdown source and as flattened text (emphasis dropped, code spans kept in backticks, links
reduced to their text with the targets listed), which is what the dialect parsers read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.model.diagnostics import Origin


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    origin: Origin


@dataclass(frozen=True)
class Paragraph:
    text: str
    origin: Origin


@dataclass(frozen=True)
class CodeBlock:
    lang: str
    text: str
    origin: Origin  # the line of the opening fence; content starts on the next line


@dataclass(frozen=True)
class Cell:
    raw: str
    text: str
    links: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Table:
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    origin: Origin


@dataclass(frozen=True)
class ListItem:
    text: str
    origin: Origin


Block = Union[Heading, Paragraph, CodeBlock, Table, ListItem]

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
# blocks only: the inline text of each block (a table cell, a heading) is parsed by _inline, which
# remembers what it parsed (type and notes cells repeat all through an API's documents)
_BLOCKS = MarkdownIt("commonmark", {"html": False}).enable("table").disable("inline")


def _inline_text(tok: Token) -> tuple[str, tuple[str, ...]]:
    if not tok.children:  # a block parsed by _BLOCKS has its inline text still to parse
        return _inline(tok.content)
    return _flatten(tok.children)


# the characters that can start inline syntax in CommonMark without raw HTML (escapes, code
# spans, emphasis, links and images, autolinks, entities, line breaks), and those markdown-it's
# normalization rewrites (\r, NUL), with ~ and > for good measure: text without any of them
# parses to itself (tests/test_markdown_inline.py holds the two ways to each other)
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>&~\n\r\0]")


@lru_cache(maxsize=16384)
def _inline(content: str) -> tuple[str, tuple[str, ...]]:
    if _INLINE_SYNTAX.search(content) is None:
        return content, ()
    return _parse_inline(content)


def _parse_inline(content: str) -> tuple[str, tuple[str, ...]]:
    return _flatten(_MD.parseInline(content, {})[0].children or [])


def _flatten(children: list[Token]) -> tuple[str, tuple[str, ...]]:
    parts: list[str] = []
    links: list[str] = []
    for child in children:
        if child.type in ("text", "html_inline"):
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append("`" + child.content + "`")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            href = child.attrGet("href")
            if isinstance(href, str):
                links.append(href)
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts), tuple(links)


def _column(line_text: str, content: str, start: int) -> int:
    if not content:
        return start + 1
    idx = line_text.find(content, start)
    return (idx if idx >= 0 else start) + 1


def parse_blocks(text: str, path: str) -> list[Block]:
    """Parse Markdown into a flat list of blocks in document order."""
    lines = list(source_lines(text))
    env: dict[str, object] = {}
    tokens = _BLOCKS.parse(text, env)
    if env.get("references"):  # reference-style links need the document's own definitions
        tokens = _MD.parse(text)
    blocks: list[Block] = []
    i = 0
    n = len(tokens)

    def origin_of(tok: Token, column: int = 1) -> Origin:
        line = (tok.map[0] + 1) if tok.map else 1
        return Origin(path, line, column)

    while i < n:
        tok = tokens[i]
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            txt, _ = _inline_text(inline)
            blocks.append(Heading(int(tok.tag[1:]), txt.strip(), origin_of(tok)))
            i += 3
            continue
        if tok.type == "paragraph_open":
            inline = tokens[i + 1]
            txt, _ = _inline_text(inline)
            if tokens[i - 1].type == "list_item_open" if i > 0 else False:
                blocks.append(ListItem(txt.strip(), origin_of(tok)))
            else:
                blocks.append(Paragraph(txt.strip(), origin_of(tok)))
            i += 3
            continue
        if tok.type in ("fence", "code_block"):
            blocks.append(
                CodeBlock(tok.info.strip().split(" ")[0] if tok.info else "", tok.content, origin_of(tok))
            )
            i += 1
            continue
        if tok.type == "table_open":
            table, i = _read_table(tokens, i, lines, path)
            blocks.append(table)
            continue
        i += 1
    return blocks


def _read_table(tokens: list[Token], i: int, lines: list[str], path: str) -> tuple[Table, int]:
    start = tokens[i]
    header: tuple[Cell, ...] = ()
    rows: list[tuple[Cell, ...]] = []
    current: list[Cell] = []
    row_line = 1
    pos = 0
    in_head = False
    i += 1
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            current = []
            row_line = (tok.map[0] + 1) if tok.map else row_line
            pos = 0
        elif tok.type in ("th_open", "td_open"):
            inline = tokens[i + 1]
            raw = inline.content if inline.type == "inline" else ""
            txt, links = _inline_text(inline) if inline.type == "inline" else ("", ())
            line_text = lines[row_line - 1] if 0 < row_line <= len(lines) else ""
            col = _column(line_text, raw, pos)
            pos = col - 1 + len(raw)
            current.append(Cell(raw, txt.strip(), links, Origin(path, row_line, col)))
        elif tok.type == "tr_close":
            if in_head:
                header = tuple(current)
            else:
                rows.append(tuple(current))
        i += 1
    line = (start.map[0] + 1) if start.map else 1
    return Table(header, tuple(rows), Origin(path, line, 1)), i + 1


@lru_cache(maxsize=8)
def source_lines(text: str) -> tuple[str, ...]:
    """A document's lines as Markdown counts them: split at ``\n`` only (documents arrive with line
    ends normalised), so U+2028, NEL or a form feed inside a table cell stays in its row. Split
    once: every table row asks for its own line."""
    return tuple(text.split("\n"))


def raw_row_cell_count(text: str, origin: Optional[Origin]) -> int:
    """How many cells the source line of a table row really has (markdown-it pads or drops)."""
    if origin is None:
        return 0
    lines = source_lines(text)
    if not 0 < origin.line <= len(lines):
        return 0
    line = lines[origin.line - 1].strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    # escapes first (an escaped pipe or backtick is text), then code spans (a pipe in one is text;
    # a backtick left open runs to the end of the line)
    line = _CODE_SPAN.sub("", _ESCAPE.sub("", line))
    if "`" in line:
        line = line[: line.index("`")]
    return line.count("|") + 1


def raw_row_cells(text: str, origin: Origin) -> list[str]:
    """The cells of a table row's source line, split at every ``|`` that is not escaped or in a
    code span (what a writer meant when a description holds an unescaped ``|``), unstripped. Without an outer
    pipe on the left, a trailing ``|`` ends an empty last cell (openapi-generator's Notes)."""
    lines = source_lines(text)
    if not 0 < origin.line <= len(lines):
        return []
    line = lines[origin.line - 1].strip()
    if line.startswith("|"):  # an outer pipe on the left: the right one is outer too
        line = line[1:]
        if line.endswith("|") and not line.endswith("\\|"):
            line = line[:-1]
    cells: list[str] = []
    start = i = 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == "`":
            close = line.find("`", i + 1)
            i = len(line) if close < 0 else close + 1
            continue
        if line[i] == "|":
            cells.append(line[start:i])
            start = i + 1
        i += 1
    cells.append(line[start:])
    return cells


def inline_text(raw: str) -> tuple[str, tuple[str, ...]]:
    """Inline Markdown → (flattened text, link targets), as table cells are given."""
    text, links = _inline(raw)
    return text.strip(), links


_ESCAPE = re.compile(r"\\.")
_CODE_SPAN = re.compile(r"`[^`]*`")
