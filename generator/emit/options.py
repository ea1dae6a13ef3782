"""Generation options: what the generated modules do with unknown keys and unknown enum values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

STYLES = ("dataclass", "attrs", "pydantic", "typeddict", "msgspec")
# the styles the generated round-trip tests need (msgspec joins them when it is written too)
TESTED_STYLES = ("dataclass", "attrs", "pydantic", "typeddict")
UNKNOWN_KEY_POLICIES = ("keep", "ignore", "forbid")


@dataclass(frozen=True)
class RenderOptions:
    # "keep": unknown keys are kept and written back (the default: the API adds keys over time);
    # "ignore": dropped on input; "forbid": an input with an unknown key is invalid.
    unknown_keys: str = "keep"
    # open enums keep an unknown value (a new status) and write it back unchanged.
    open_enums: bool = True
    # the oldest Python the generated code must run on
    target_python: tuple[int, int] = (3, 9)
    # a user's template folder (`--templates DIR`): its files override the built-in ones, file by file
    templates: Optional[str] = None
    # the spec folder's own name, for the file header ("from <name>/")
    source_name: str = "spec"
