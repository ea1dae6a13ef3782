"""Generation options: what the generated modules do with unknown keys and unknown enum values.

Policies are enums, parsed once where they enter (the command line, ``[tool.modelgen]``); past
that edge nothing compares their text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional


class UnknownKeys(str, enum.Enum):
    """What a generated model does with a key its spec does not list."""

    KEEP = "keep"  # kept and written back (the default: the API adds keys over time)
    IGNORE = "ignore"  # dropped on input
    FORBID = "forbid"  # an input with an unknown key is invalid

    @classmethod
    def parse(cls, text: str) -> UnknownKeys:
        """The policy named ``text``; ValueError naming the choices otherwise."""
        try:
            return cls(text)
        except ValueError:
            raise ValueError(
                f"unknown unknown_keys policy {text!r} (one of {', '.join(p.value for p in cls)})"
            ) from None


UNKNOWN_KEY_POLICIES = tuple(p.value for p in UnknownKeys)


@dataclass(frozen=True)
class RenderOptions:
    unknown_keys: UnknownKeys = UnknownKeys.KEEP
    # open enums keep an unknown value (a new status) and write it back unchanged.
    open_enums: bool = True
    # the oldest Python the generated code must run on
    target_python: tuple[int, int] = (3, 9)
    # a user's template folder (`--templates DIR`): its files override the built-in ones, file by file
    templates: Optional[str] = None
    # the spec folder's own name, for the file header ("from <name>/")
    source_name: str = "spec"

    def __post_init__(self) -> None:
        # a policy given by name (a library caller) is parsed here, once
        if not isinstance(self.unknown_keys, UnknownKeys):
            object.__setattr__(self, "unknown_keys", UnknownKeys.parse(self.unknown_keys))
