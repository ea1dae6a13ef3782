"""What a dialect is, and the ordered registry that picks one for each document.

A dialect is a name, a ``detect(text, blocks)`` that says whether a document is written in it,
and a ``parse(path, text, blocks)`` that turns the document into ``DocFragments``. The registry
tries its dialects in order; the first that claims a document parses it. Tests (or a plug-in)
add a dialect with ``register`` and take it out again with ``unregister``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from generator.model.claims import DocFragments
from generator.read.markdown import Block

Detect = Callable[[str, list[Block]], bool]
Parse = Callable[[str, str, list[Block]], DocFragments]


@dataclass(frozen=True)
class Dialect:
    name: str
    detect: Detect
    parse: Parse


class DialectRegistry:
    """An ordered list of dialects; detection order is list order."""

    def __init__(self, dialects: tuple[Dialect, ...] = ()) -> None:
        self._dialects: list[Dialect] = list(dialects)

    def __iter__(self) -> Iterator[Dialect]:
        return iter(tuple(self._dialects))

    def __len__(self) -> int:
        return len(self._dialects)

    def names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self._dialects)

    def register(self, dialect: Dialect, before: Optional[str] = None) -> None:
        """Add ``dialect`` at the end, or just before the dialect named ``before``."""
        if dialect.name in self.names():
            raise ValueError(f"a dialect named {dialect.name!r} is already registered")
        if before is None:
            self._dialects.append(dialect)
            return
        if before not in self.names():
            raise ValueError(f"no dialect named {before!r} to register before")
        self._dialects.insert(self.names().index(before), dialect)

    def unregister(self, name: str) -> None:
        if name not in self.names():
            raise ValueError(f"no dialect named {name!r}")
        del self._dialects[self.names().index(name)]

    def find(self, text: str, blocks: list[Block]) -> Optional[Dialect]:
        for dialect in self._dialects:
            if dialect.detect(text, blocks):
                return dialect
        return None
