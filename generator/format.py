"""black in process with a pinned mode, then a parse as a sanity check."""

from __future__ import annotations

import ast

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput


# Pinned: the formatter's version is pinned in pyproject.toml and its mode here, so the same
# input gives the same bytes on every machine.
def mode(target: tuple[int, int] = (3, 9)) -> black.Mode:
    """The pinned mode; the target Python only widens the syntax black may use."""
    versions = {v for v in TargetVersion if v.value >= TargetVersion[f"PY3{target[1]}"].value}
    return black.Mode(
        target_versions=versions, line_length=110, string_normalization=True, magic_trailing_comma=True
    )


class FormatError(Exception):
    """The renderer produced text that is not valid Python: a bug in modelgen, not in the spec."""


def format_python(source: str, name: str, target: tuple[int, int] = (3, 9)) -> str:
    try:
        ast.parse(source, filename=name)
    except SyntaxError as exc:
        raise FormatError(f"{name}:{exc.lineno}: generated code does not parse: {exc.msg}") from exc
    try:
        out = black.format_str(source, mode=mode(target))
    except InvalidInput as exc:  # pragma: no cover - ast.parse above catches these first
        raise FormatError(f"{name}: black cannot format the generated code: {exc}") from exc
    ast.parse(out, filename=name)
    return out
