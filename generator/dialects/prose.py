"""Types carried by prose: weaker evidence than a table, recorded as such.

- "which can be either `a`, `b`, or `c`" → the enum values ``a, b, c``
- "which is always \"x\"" → the constant ``x``
- "will be null if …" / "or null" → nullable
"""

from __future__ import annotations

import re
from typing import Optional

_ALWAYS = re.compile(r"""\bis\s+always\s+[`"'“]([^`"'”]+)[`"'”]""", re.IGNORECASE)
_EITHER = re.compile(
    r"\b(?:can|may|will)\s+be\s+(?:either|one\s+of)\s*:?\s+(?P<list>.+?)(?:\.(?:\s|$)|$)",
    re.IGNORECASE,
)
_NULL = re.compile(r"\b(?:will|may|can)\s+be\s+null\b|\bor\s+null\b|\bnullable\b", re.IGNORECASE)
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
