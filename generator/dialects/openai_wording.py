"""How the OpenAI API reference writes a field's type: the Type cell, and "one of" in its description.

The Type cell, in words (platform.openai.com and developers.openai.com):

- ``string``, ``integer``, ``number``, ``boolean``, ``object``, ``array``, ``map``, ``array of X``;
- alternatives joined by ``or`` (``string or array``, ``"auto" or integer``, ``object or null``),
  also by ``/`` (``string / array / null``) or commas;
- a named type as a member (``string or array of ChatCompletionContentPartText``,
  ``"none" or "auto" or ChatCompletionNamedToolChoice``): a reference to that type;
- an inline object's key list (``object { id, choices, 5 more }``): the braces are skipped;
- a shortened list (``"stop" or "length" or "tool_calls" or 2 more``): the members not named
  are unknown, so the literals are read as their scalar (``string``), and the caller warns (W115).

The description's "one of" wording (``One of `auto` or an integer.``, ``Can be one of the
following: a string or an array of strings``) names a union's members in prose; ``one_of`` reads
it when every member is a value or a type it knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from generator.dialects.limits import MAX_TYPE_DEPTH
from generator.dialects.prose import collapse
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, ObjectType, Ref, Scalar, TypeExpr, UnionOf

# Single-word notations: (type, vague). "object"/"array" say too little to stand against a named type.
WORDS: dict[str, tuple[TypeExpr, bool]] = {
    "string": (Scalar("str"), False),
    "integer": (Scalar("int"), False),
    "number": (Scalar("float"), False),
    "boolean": (Scalar("bool"), False),
    "object": (ObjectType(), True),
    "array": (ListOf(AnyType()), True),
    "map": (MapOf(Scalar("str")), False),
}
_LITERAL = re.compile(r'"([^"]*)"')
_ARRAY_OF = re.compile(r"(?:array|list)\s+of\s+(.+)", re.IGNORECASE)
_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*")
_MORE = re.compile(r"(\d+)\s+more", re.IGNORECASE)
_BRACES = re.compile(r"\s*\{[^{}]*\}")
# split at " or ", " / " and commas, but not inside a quoted literal
_OUTSIDE_QUOTES = r'(?=(?:[^"]*"[^"]*")*[^"]*$)'
_ALTERNATIVES = re.compile(r"(?:\s+or\s+|\s*/\s*|\s*,\s*(?:or\s+)?)" + _OUTSIDE_QUOTES, re.IGNORECASE)


@dataclass(frozen=True)
class Notation:
    """What a Type cell says: the type (None when unknown), whether it is vague, whether null is
    allowed, the parts not understood, and how many members a shortened list left unnamed."""

    type: Optional[TypeExpr]
    vague: bool
    nullable: bool
    unknown: tuple[str, ...] = ()
    unnamed: int = 0


def one_type(word: str) -> tuple[Optional[TypeExpr], bool]:
    """One alternative (not null, not a literal) → (type, vague); (None, False) when unknown."""
    w = word.strip().strip("`")
    depth = 0
    while (m := _ARRAY_OF.fullmatch(w)) is not None:  # a loop, not recursion: "array of" × 10,000
        w = m.group(1).strip().strip("`")
        depth += 1
    if depth > MAX_TYPE_DEPTH:
        return None, False
    if w.lower() in WORDS:
        result, vague = WORDS[w.lower()]
    elif _TYPE_NAME.fullmatch(w):
        result, vague = Ref(w), False
    else:
        return None, False
    for _ in range(depth):
        result = ListOf(result)
    return result, vague


def parse_notation(cell: str) -> Notation:
    """``"auto" or integer or null`` → UnionOf((LiteralOf(('auto',)), Scalar('int'))), nullable."""
    text = collapse(cell)
    while _BRACES.search(text):
        text = _BRACES.sub("", text)
    options: list[TypeExpr] = []
    literals: list[str] = []
    literal_at = -1
    nullable = vague = False
    unknown: list[str] = []
    unnamed = 0
    for part in (p.strip().strip("`") for p in _ALTERNATIVES.split(text) if p.strip()):
        lit = _LITERAL.fullmatch(part)
        more = _MORE.fullmatch(part)
        if lit:
            literal_at = len(options) if literal_at < 0 else literal_at
            literals.append(lit.group(1))
        elif more:
            unnamed += int(more.group(1))
        elif part.lower() == "null":
            nullable = True
        else:
            t, v = one_type(part)
            if t is None:
                unknown.append(part)
            else:
                options.append(t)
                vague = vague or v
    if literals:
        # a shortened list's literals are only some of the values: their scalar, not the literals
        options.insert(literal_at, Scalar("str") if unnamed else LiteralOf(tuple(literals)))
    elif unnamed:
        options.append(AnyType())
    if unknown or not options:
        return Notation(None, False, nullable, tuple(unknown) or (cell,), unnamed)
    options = list(dict.fromkeys(options))
    result = options[0] if len(options) == 1 else UnionOf(tuple(options))
    return Notation(result, vague, nullable, (), unnamed)


# "One of `auto` or an integer." / "Can be one of the following: a string or an array of strings."
_ONE_OF = re.compile(
    r"(?:^|[.:;]\s+|\bbe\s+(?:either\s+)?)one\s+of(?:\s+the\s+following)?\s*:?\s+"
    r"(?P<list>.+?)(?:\.(?:\s|$)|$)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_ITEM_LITERAL = re.compile(r"`([^`]+)`|\"([^\"]+)\"|'([^']+)'")
_ITEMS = re.compile(r"\s*,\s*(?:or\s+)?|\s+or\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(?:value|type)$", re.IGNORECASE)


@dataclass(frozen=True)
class OneOf:
    """A description's "one of" list: the union it names (None when a member is not read), the
    members as written, and the first member not read."""

    type: Optional[TypeExpr]
    written: str
    unread: str = ""
    nullable: bool = False


def says_show_possible_types(text: str) -> bool:
    return "show possible types" in text.lower() or "one of the following" in text.lower()


def one_of(description: str) -> Optional[OneOf]:
    """The union a "one of" sentence names, when at least one member is a type (a list of values
    alone is an enum, read by ``prose``); None when there is no such sentence."""
    m = _ONE_OF.search(collapse(description))
    if m is None:
        return None
    written = m.group("list").strip()
    literals: list[str] = []
    members: list[TypeExpr] = []
    literal_at = -1
    nullable = False
    for raw in (p.strip() for p in _ITEMS.split(written) if p.strip()):
        lit = _ITEM_LITERAL.fullmatch(raw)
        if lit:
            literal_at = len(members) if literal_at < 0 else literal_at
            literals.append(next(g for g in lit.groups() if g))
            continue
        word = _TRAILING.sub("", _ARTICLE.sub("", raw))
        if word.lower() == "null":
            nullable = True
            continue
        t, _ = one_type(word)
        if t is None and word.lower().endswith("s"):  # "an array of strings", "integers"
            t, _ = one_type(word[:-1])
        if t is None:
            return OneOf(None, written, raw)
        members.append(t)
    if not members:
        return None  # values only: an enum, which prose reads
    if literals:
        members.insert(literal_at, LiteralOf(tuple(literals)))
    found = list(dict.fromkeys(members))
    return OneOf(found[0] if len(found) == 1 else UnionOf(tuple(found)), written, "", nullable)


def fits(narrow: TypeExpr, wide: TypeExpr) -> bool:
    """``narrow`` says no more than ``wide`` allows (every member of it fits a member of ``wide``)."""
    if isinstance(narrow, UnionOf):
        return all(fits(m, wide) for m in narrow.options)
    if isinstance(wide, UnionOf):
        return any(fits(narrow, w) for w in wide.options)
    if narrow == wide or isinstance(wide, AnyType):
        return True
    if isinstance(narrow, LiteralOf):
        kinds = {type(v) for v in narrow.values}
        return (kinds == {str} and wide == Scalar("str")) or (
            kinds == {int} and wide in (Scalar("int"), Scalar("float"))
        )
    if isinstance(narrow, Ref):
        return isinstance(wide, (ObjectType, MapOf))
    if isinstance(narrow, ListOf) and isinstance(wide, ListOf):
        return fits(narrow.item, wide.item)
    return narrow == Scalar("int") and wide == Scalar("float")


def named_members(t: TypeExpr) -> bool:
    """A union with a named type among its members (made a named union, as a union page is)."""
    return isinstance(t, UnionOf) and any(isinstance(m, Ref) for m in t.options)
