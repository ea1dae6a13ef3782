"""Limits that keep hostile documents from crashing the parsers (a helper, not a dialect).

Documents are untrusted: a JSON example may be nested ten thousand levels deep, a type cell may
hold a megabyte. Parsers check examples with ``too_deep`` (iteratively, so the check itself
cannot overflow the stack), bound the recursion of their type-notation parsers by
``MAX_TYPE_DEPTH``, and quote document text in messages through ``short``.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

# Real API examples nest a handful of levels; the later stages walk examples recursively.
MAX_EXAMPLE_DEPTH = 64
# ``List[Dict[str, List[Foo]]]`` is four levels; nobody writes thirty-two.
MAX_TYPE_DEPTH = 32
_SHOWN = 60


def too_deep(value: Any, limit: int = MAX_EXAMPLE_DEPTH) -> bool:
    """Whether ``value`` (parsed JSON) nests lists/objects more than ``limit`` levels deep."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def short(text: str, limit: int = _SHOWN) -> str:
    """Document text for a message: at most ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known word, or ``""``."""
    if len(word) > 40:
        return ""
    close = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
