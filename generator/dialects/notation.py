"""The one reader of type notations in table cells, for every dialect that writes types as code.

Generators write a field's type as the code of their target language, wrapped in Markdown:
``*Optional[str]*``, ``[**List[Foo]**](Foo.md)``, ``List[[models.X](../models/x.md)]``,
``Record<string, any>``, ``Foo[]``, ``Literal["__encrypted__"]``, and the older
openapi-generator forms ``[str]``, ``[(str,)]``, ``{str: (bool, date, …, none_type)}``.

``read_cell`` turns a cell's Markdown source into the notation, literally: emphasis markers and
code backticks are dropped, links are replaced by their text (their targets are returned), and
text inside quotes is never touched, so ``__encrypted__`` stays ``__encrypted__`` (Markdown would
read it as strong emphasis). ``parse_type`` then reads the notation by recursive descent; what
differs between dialects (what ``object`` or ``Optional`` means) is a ``Vocabulary``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Union

from generator.dialects.limits import MAX_TYPE_DEPTH, did_you_mean
from generator.dialects.limits import short as _short
from generator.model.diagnostics import Diagnostic, Origin, warning
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, ObjectType, Ref, Scalar, TypeExpr, UnionOf

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
    r"""|(?P<num>-?\d+(?:\.\d+)?)"""
    r"""|(?P<name>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"""
    r"""|(?P<punct>\[\]|[\[\]<>(){},|:?]))"""
)
_NULLS = frozenset({"null", "None", "none_type"})
_MAPS = frozenset({"Record", "Dict", "dict", "Mapping", "Map"})
_LISTS = frozenset({"Array", "List", "list", "Sequence"})
_PAREN_GENERICS = frozenset({"dict", "list"})  # python-legacy: dict(str, int), list(str)
_BINARY = frozenset({"IO"})  # IO[bytes]: an upload, sent as a string


# Python names of values JSON carries as strings, written the same way by every Python generator
SHARED_WORDS: dict[str, tuple[TypeExpr, bool]] = {
    "datetime.datetime": (Scalar("str"), False),
    "datetime.date": (Scalar("str"), False),
    "datetime.time": (Scalar("str"), False),
    "UUID": (Scalar("str"), False),
    "uuid.UUID": (Scalar("str"), False),
    "io.BytesIO": (Scalar("str"), False),
    "io.IOBase": (Scalar("str"), False),
    "BinaryIO": (Scalar("str"), False),
    "typing.BinaryIO": (Scalar("str"), False),
}
# Speakeasy's Go and Java SDK docs write their own languages' words
GO_JAVA_WORDS: dict[str, tuple[TypeExpr, bool]] = {
    **{w: (Scalar("int"), False) for w in ("int64", "int32", "long", "Long", "Integer", "BigInteger")},
    **{w: (Scalar("float"), False) for w in ("float64", "float32", "double", "Double", "Float")},
    **{
        w: (Scalar("str"), False)
        for w in ("String", "time.Time", "types.Date", "OffsetDateTime", "LocalDate")
    },
    "BigDecimal": (Scalar("str"), False),
    "Boolean": (Scalar("bool"), False),
    "boolean": (Scalar("bool"), False),
    "Object": (AnyType(), False),
}


@dataclass(frozen=True)
class Vocabulary:
    """What a dialect's words mean: name → (type, vague), and whether ``Optional[X]`` says null."""

    words: Mapping[str, tuple[TypeExpr, bool]]
    optional_is_nullable: bool
    wrappers: Mapping[str, bool] = field(default_factory=dict)  # extra wrapper → says null


@dataclass(frozen=True)
class Notation:
    """A parsed type cell: the type, whether it says too little (``number``), and what it says of null.

    ``nullable`` is null for the field's own value; ``item_nullable`` is null said for an item
    inside a list or map (``List[Nullable[X]]``), which a ``TypeExpr`` cannot hold.
    """

    type: TypeExpr
    vague: bool = False
    nullable: bool = False
    item_nullable: bool = False


def read_cell(raw: str) -> tuple[str, tuple[str, ...]]:
    """A type cell's Markdown source → (notation text, link targets), read literally."""
    text = _BR.sub(" ", html.unescape(raw))
    out: list[str] = []
    opened: list[int] = []
    links: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            end = _closing_quote(text, i)
            out.append(text[i:end])
            i = end
            continue
        if ch == "\\" and i + 1 < n and not text[i + 1].isalnum():
            out.append(text[i + 1])
            i += 2
            continue
        if ch in "*`":
            i += 1
            continue
        if ch == "[":
            opened.append(len(out))
        elif ch == "]" and opened:
            start = opened.pop()
            if text.startswith("(", i + 1) and ")" in text[i + 1 :]:
                end = text.index(")", i + 1)
                links.append(text[i + 2 : end].strip())
                out[start] = ""  # the link's "[" goes; its text stays
                i = end + 1
                continue
        out.append(ch)
        i += 1
    return " ".join("".join(out).split()), tuple(links)


def _closing_quote(text: str, start: int) -> int:
    quote, i = text[start], start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return len(text)


class _TypeError(Exception):
    pass


@dataclass
class _Parser:
    text: str
    vocab: Vocabulary
    tokens: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    i: int = 0
    vague: bool = False
    nullable: bool = False
    item_nullable: bool = False
    depth: int = 0

    def __post_init__(self) -> None:
        pos, text = 0, self.text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise _TypeError(f"unexpected {text[pos:].strip()[:1]!r}")
            kind = m.lastgroup or "punct"
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        if not self.tokens:
            raise _TypeError("empty type")

    def _peek(self) -> str:
        return self.tokens[self.i][1] if self.i < len(self.tokens) else ""

    def _next(self) -> tuple[str, str]:
        if self.i >= len(self.tokens):
            raise _TypeError("unexpected end")
        self.i += 1
        return self.tokens[self.i - 1]

    def _expect(self, text: str) -> None:
        _, got = self._next()
        if got != text:
            raise _TypeError(f"expected {text!r}, found {got!r}")

    def parse(self) -> TypeExpr:
        options = [self._union_or_null(top=True)]
        while self._peek() == ",":  # python-prior: "bool, date, datetime, dict, …, none_type"
            self._next()
            options.append(self._union_or_null(top=True))
        if self.i != len(self.tokens):
            raise _TypeError(f"unexpected {self._peek()!r}")
        return _join([o for o in options if o is not None])

    def _say_null(self, top: bool) -> None:
        if top:
            self.nullable = True
        else:
            self.item_nullable = True

    def _union(self, top: bool = False) -> TypeExpr:
        t = self._union_or_null(top)
        if t is None:
            raise _TypeError("null alone is not a type")
        return t

    def _union_or_null(self, top: bool = False) -> Optional[TypeExpr]:
        """Alternatives joined by ``|``; None when the only alternative is null (``none_type``)."""
        self.depth += 1
        if self.depth > MAX_TYPE_DEPTH:
            raise _TypeError(f"nested more than {MAX_TYPE_DEPTH} levels deep")
        try:
            options: list[TypeExpr] = []
            while True:
                if self._peek() in _NULLS and self._peek() not in self.vocab.words:
                    self._next()
                    self._say_null(top)
                else:
                    options.append(self._postfix(top))
                if self._peek() != "|":
                    break
                self._next()
            return _join(options) if options else None
        finally:
            self.depth -= 1

    def _sequence(self, close: str, top: bool = False) -> list[TypeExpr]:
        """Comma-separated types up to ``close`` (a trailing comma allowed: ``(str,)``)."""
        args = [self._union_or_null(top)]
        while self._peek() == ",":
            self._next()
            if self._peek() == close:
                break
            args.append(self._union_or_null(top))
        self._expect(close)
        found = [a for a in args if a is not None]
        if not found:
            raise _TypeError("null alone is not a type")
        return found

    def _postfix(self, top: bool) -> TypeExpr:
        t = self._primary(top)
        levels = 0
        while self._peek() == "[]":
            self._next()
            t = ListOf(t)
            levels += 1
            if self.depth + levels > MAX_TYPE_DEPTH:
                raise _TypeError(f"nested more than {MAX_TYPE_DEPTH} levels deep")
        return t

    def _primary(self, top: bool) -> TypeExpr:
        kind, tok = self._next()
        if tok == "[]":  # Go: []T
            return ListOf(self._postfix(False))
        if tok == "?":  # Java: ? extends T, ? super T
            if self._peek() in ("extends", "super"):
                self._next()
            return self._postfix(top)
        if tok == "map" and self._peek() == "[":  # Go: map[string]T
            self._next()
            if self._union() != Scalar("str"):
                raise _TypeError("mapping keys must be strings")
            self._expect("]")
            return MapOf(self._postfix(False))
        if tok == "(":
            return _join(self._sequence(")", top))
        if tok == "[":  # python-prior list: [str], [(str,)]
            return ListOf(_join(self._sequence("]")))
        if tok == "{":  # python-prior map: {str: T}
            key = self._union()
            if key != Scalar("str"):
                raise _TypeError("mapping keys must be strings")
            self._expect(":")
            return MapOf(_join(self._sequence("}")))
        if kind == "str":
            return LiteralOf((_unquote(tok),))
        if kind == "num":
            if "." in tok:
                raise _TypeError(f"a number literal must be an integer, found {tok!r}")
            return LiteralOf((int(tok),))
        if kind != "name":
            raise _TypeError(f"unexpected {tok!r}")
        if self._peek() in ("<", "[") or (self._peek() == "(" and tok in _PAREN_GENERICS):
            opener = self._next()[1]
            return self._generic(tok, opener, top)
        return self._word(tok)

    def _word(self, tok: str) -> TypeExpr:
        if tok in self.vocab.words:
            t, vague = self.vocab.words[tok]
            self.vague = self.vague or vague
            return t
        if tok in ("True", "False"):
            return LiteralOf((tok == "True",))
        short = tok.rsplit(".", 1)[-1]
        if short[:1].isupper() and short not in _MAPS | _LISTS:
            return Ref(short)
        known = [*self.vocab.words, "Dict", "List", "Optional", "Nullable", "Union", "Literal"]
        raise _TypeError(f"unknown name {_short(tok)!r}{did_you_mean(tok, known)}")

    def _generic(self, name: str, opener: str, top: bool) -> TypeExpr:
        close = {"<": ">", "[": "]", "(": ")"}[opener]
        wrappers = {
            "Optional": self.vocab.optional_is_nullable,
            "Nullable": True,
            "OptionalNullable": True,
            "JsonNullable": True,  # Java
        }
        wrappers.update(self.vocab.wrappers)
        if name in wrappers:
            inner = self._sequence(close, top)
            if wrappers[name]:
                self._say_null(top)
            return _join(inner)
        args = self._sequence(close)
        if name in _MAPS and len(args) == 2:
            if args[0] != Scalar("str"):
                raise _TypeError("mapping keys must be strings")
            return MapOf(args[1])
        if name in _LISTS and len(args) == 1:
            return ListOf(args[0])
        if name == "Union":
            return _join(args)
        if name == "Literal" and all(isinstance(a, LiteralOf) for a in args):
            return _join(args)
        if name in _BINARY and len(args) == 1:
            return Scalar("str")
        raise _TypeError(f"unknown generic {_short(name)!r} with {len(args)} argument(s)")


def _unquote(tok: str) -> str:
    return re.sub(r"\\(.)", r"\1", tok[1:-1])


def _covers_any(options: list[TypeExpr]) -> bool:
    """``bool, date, datetime, dict, float, int, list, str``: every JSON kind, i.e. any value."""
    scalars = {o.name for o in options if isinstance(o, Scalar)}
    has_list = any(isinstance(o, ListOf) for o in options)
    has_map = any(isinstance(o, (MapOf, ObjectType)) for o in options)
    return {"str", "int", "float", "bool"} <= scalars and has_list and has_map


def _join(options: list[TypeExpr]) -> TypeExpr:
    flat: list[TypeExpr] = []
    for o in options:
        for p in o.options if isinstance(o, UnionOf) else (o,):
            if p not in flat:
                flat.append(p)
    if not flat:
        raise _TypeError("empty union")
    if AnyType() in flat or _covers_any(flat):
        return AnyType()
    if all(isinstance(o, LiteralOf) for o in flat):
        values: list[Union[str, int, bool]] = []
        for o in flat:
            assert isinstance(o, LiteralOf)
            values.extend(v for v in o.values if v not in values)
        return LiteralOf(tuple(values))
    return flat[0] if len(flat) == 1 else UnionOf(tuple(flat))


def parse_type(text: str, vocab: Vocabulary) -> Notation:
    """A notation (as ``read_cell`` gives it) → ``Notation``. Raises ValueError on what it cannot read."""
    try:
        parser = _Parser(text, vocab)
        t = parser.parse()
    except _TypeError as exc:
        raise ValueError(str(exc)) from None
    item_nullable = parser.item_nullable and not _holds_any(t)
    return Notation(t, parser.vague, parser.nullable, item_nullable)


def _holds_any(t: TypeExpr) -> bool:
    if isinstance(t, AnyType):
        return True
    if isinstance(t, ListOf):
        return _holds_any(t.item)
    if isinstance(t, MapOf):
        return _holds_any(t.value)
    return False


def item_null_warning(written: str, name: str, origin: Origin) -> Diagnostic:
    """W113: the notation lets items inside a list or map be null, which the model cannot say."""
    msg = (
        f"type {_short(written)!r} of {_short(name)!r} lets items inside a list or map be null; "
        "read as items that are never null (a null item will be rejected)"
    )
    return warning("W113", msg, origin)
