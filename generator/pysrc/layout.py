"""Lay out a bracketed expression the way black leaves it: on one line when it fits, else exploded.

An exploded group has its opening bracket at the end of the line, one item a line one level
deeper, each followed by a comma, and the closing bracket on a line of its own. The trailing comma
is black's "magic trailing comma": black keeps such a group exploded and never joins it again, and
it never splits a line that fits, so every layout made here is one black leaves as it is. A group
of one item gets no comma (black does not count the comma of ``(x,)`` or ``T[x,]`` as magic): it
is split as black splits it, the item alone on the next line. A line that still does not fit (a
long name, a long string) is left to ``generator.pysrc.format``, which hands it to black.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from generator.pysrc.literals import LINE_LENGTH, least_width, width


@dataclass(frozen=True)
class Group:
    """``open`` + items separated by ", " + ``close``: a call, a subscript, a literal."""

    open: str  # "f(", "Union[", "[", "{", "("
    items: tuple[Node, ...]
    close: str  # ")", "]", "}"
    # the group on one line, made with the group: every layout starts by measuring it, and an
    # item's own text is in hand by then
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inner = ", ".join([i if isinstance(i, str) else i.text for i in self.items])
        if len(self.items) == 1 and self.open == "(":
            inner += ","  # a tuple of one
        object.__setattr__(self, "text", self.open + inner + self.close)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Seq:
    """Nodes written one after the other (``"key": `` + a group); only the last one may explode."""

    parts: tuple[Node, ...]
    text: str = field(init=False, repr=False, compare=False)  # on one line, as Group's

    def __post_init__(self) -> None:
        text = "".join([p if isinstance(p, str) else p.text for p in self.parts])
        object.__setattr__(self, "text", text)

    def __str__(self) -> str:
        return self.text


Node = Union[str, Group, Seq]


def group(open_: str, items: list[Node] | tuple[Node, ...], close: str) -> Group:
    return Group(open_, tuple(items), close)


def flat(node: Node) -> str:
    """The node on one line."""
    return node if isinstance(node, str) else node.text


def render(node: Node, indent: int, tail: int = 0, column: int | None = None) -> str:
    """``node`` on a line indented ``indent``, starting at ``column`` (the indent, by default) and
    followed by ``tail`` more characters on its last line."""
    start = indent if column is None else column
    text = flat(node)
    if start + width(text) + tail <= LINE_LENGTH:
        return text
    if isinstance(node, Seq) and node.parts:
        head = "".join(flat(p) for p in node.parts[:-1])
        return head + render(node.parts[-1], indent, tail, start + width(head))
    if not isinstance(node, Group) or not node.items:
        return text  # nothing to split here: black gets the line
    pad = " " * (indent + 4)
    if len(node.items) == 1:
        if start + least_width(text) + tail <= LINE_LENGTH:
            # it may fit, by black's count of its non-ASCII characters: black decides (format.py)
            return text
        # black's own split of a one-item group: the item alone on the next line, no magic comma
        comma = "," if node.open == "(" else ""  # but a tuple of one keeps its own
        item = render(node.items[0], indent + 4, len(comma))
        return f"{node.open}\n{pad}{item}{comma}\n{' ' * indent}{node.close}"
    lines = [f"{pad}{render(item, indent + 4, 1)}," for item in node.items]
    return node.open + "\n" + "\n".join(lines) + "\n" + " " * indent + node.close


def hugged(head: str, params: list[str], tail: str, indent: int, pad: int | None = None) -> str:
    """A call or a ``def`` line (``head`` ends with its opening bracket, ``tail`` starts with the
    closing one) at column ``indent``, as black lays it out: on one line when it fits; else the
    parameters on one line of their own when they fit there (not for a ``def`` of one parameter,
    which black gives a trailing comma); else one a line with trailing commas. At the edges (the
    head or the tail alone too long) black makes parentheses visible and decides itself: the
    statement stays on one line for it. Continuation lines are indented ``pad`` (default
    ``indent``): where a template indents the text further, less. A name too long for a line of
    its own stays whole on its line, as black leaves it."""
    line = f"{head}{', '.join(params)}{tail}"
    if indent + width(line) <= LINE_LENGTH:
        return line
    if indent + width(head) > LINE_LENGTH or indent + width(tail) > LINE_LENGTH:
        return line
    margin = " " * (indent if pad is None else pad)
    body = ", ".join(params)
    one_param_def = head.startswith("def ") and len(params) == 1
    if indent + 4 + width(body) <= LINE_LENGTH and not one_param_def:
        return f"{head}\n{margin}    {body}\n{margin}{tail}"
    too_long = [p for p in params if indent + 4 + width(p) + 1 > LINE_LENGTH]
    if too_long and (len(params) < 2 or not all(p.isidentifier() for p in too_long)):
        return line  # a parameter that does not fit alone and black may split (or hug): black decides
    return f"{head}\n" + "".join(f"{margin}    {p},\n" for p in params) + f"{margin}{tail}"


def wrapped_return(head: str, annotation: str, indent: int) -> str:
    """A ``def`` without parameters (``head`` is ``def name()``) and its return annotation, as black
    lays it out: on one line when it fits; else the annotation alone on the next line, in
    parentheses (however long the head). An annotation that does not fit there: black decides."""
    line = f"{head} -> {annotation}:"
    if indent + width(line) <= LINE_LENGTH or indent + 4 + width(annotation) > LINE_LENGTH:
        return line
    margin = " " * indent
    return f"{head} -> (\n{margin}    {annotation}\n{margin}):"


def conditional_call(
    target: str, then: str, condition: str, call: tuple[str, list[str], str], indent: int
) -> str:
    """``target = then if condition else call`` (``call`` as ``hugged`` takes it) as black lays it
    out: on one line; else the expression in parentheses on a line of its own; else one part of
    it a line, the call laid out by ``hugged``. When that call is still too long: black decides."""
    expression = f"{then} if {condition} else {call[0]}{', '.join(call[1])}{call[2]}"
    line = f"{target} = {expression}"
    if indent + width(line) <= LINE_LENGTH:
        return line
    margin = " " * indent
    if indent + 4 + width(expression) <= LINE_LENGTH:
        return f"{target} = (\n{margin}    {expression}\n{margin})"
    inner = margin + "    "
    other = hugged("else " + call[0], call[1], call[2], indent + 4)
    first = other.split("\n", 1)[0]  # the whole call when hugged left it to black
    if any(indent + 4 + width(part) > LINE_LENGTH for part in (first, then, "if " + condition)):
        return line
    return f"{target} = (\n{inner}{then}\n{inner}if {condition}\n{inner}{other}\n{margin})"
