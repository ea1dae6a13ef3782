"""Types carried by prose: weaker evidence than a table, recorded as such.

- "which can be either `a`, `b`, or `c`" → the enum values ``a, b, c``
- "which is always \"x\"" → the constant ``x``
- "will be null if …" / "or null" → nullable
"""

from __future__ import annotations

import re
from typing import Optional

from generator.model import names
from generator.model.claims import NULLABLE, TYPE, Claim, EnumFrag, Strength
from generator.model.diagnostics import Origin
from generator.model.ir import LiteralOf, Ref

_ALWAYS = re.compile(r"""\bis\s+always\s+[`"'“]([^`"'”]+)[`"'”]""", re.IGNORECASE)
_EITHER = re.compile(
    r"\b(?:can|may|will)\s+be\s+(?:either|one\s+of)\s*:?\s+(?P<list>.+?)(?:\.(?:\s|$)|$)",
    re.IGNORECASE,
)
_NULL = re.compile(r"\b(?:will|may|can)\s+be\s+null\b|\bor\s+null\b|\bnullable\b", re.IGNORECASE)
_WS = re.compile(r"\s+")
_ITEM = re.compile(r"`([^`]+)`|\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_.\-]+)")


def constant(text: str) -> Optional[str]:
    m = _ALWAYS.search(text)
    return m.group(1).strip() if m else None


def enum_values(text: str) -> Optional[tuple[str, ...]]:
    """Values listed after "can be either" (backticked, quoted or bare), or None."""
    m = _EITHER.search(text)
    if not m:
        return None
    listed = m.group("list")
    parts = re.split(r",\s*(?:or\s+)?|\s+or\s+", listed)
    values: list[str] = []
    for part in parts:
        part = part.strip().rstrip(".")
        im = _ITEM.fullmatch(part)
        if not im:
            return None
        values.append(next(g for g in im.groups() if g))
    return tuple(values) if len(values) >= 2 else None


def says_nullable(text: str) -> bool:
    return bool(_NULL.search(text))


def collapse(text: str) -> str:
    """Runs of whitespace (line breaks of scraped cells included) as one space, trimmed."""
    return _WS.sub(" ", text).strip()


def prose_claims(
    obj_name: str, wire: str, desc: str, origin: Origin, dialect: str
) -> tuple[list[Claim], Optional[EnumFrag], Optional[str]]:
    """Claims a description carries: a constant, an enum, "will be null". Returns (claims, enum, constant)."""
    claims: list[Claim] = []
    enum: Optional[EnumFrag] = None
    const = constant(desc)
    if const is not None:
        claims.append(Claim(TYPE, LiteralOf((const,)), Strength.PROSE, origin, dialect))
    else:
        values = enum_values(desc)
        if values:
            name = obj_name + names.pascal_case(wire)
            enum = EnumFrag(name, values, origin, dialect)
            claims.append(Claim(TYPE, Ref(name), Strength.PROSE, origin, dialect))
    if says_nullable(desc):
        claims.append(Claim(NULLABLE, True, Strength.PROSE, origin, dialect))
    return claims, enum, const
