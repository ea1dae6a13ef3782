"""Per-spec settings (spec/modelgen.toml): name aliases, the merge's precedence, and Python names.

``[names]`` gives a model, enum or union a class name (``ValidationError = "ApiValidationError"``)
or a field a Python name (``"Widget.a-b" = "a_dash_b"``), where the derived one does not suit.

The file is small and explicit: it settles only what the documents cannot. Unknown tables or
keys are errors that name them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.model.diagnostics import Diagnostic, Origin, error
from generator.read.documents import SETTINGS_FILE, display_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import tomli as tomllib

DIALECT_NAMES = ("openapi-generator", "openai-reference", "speakeasy", "plain-text")
ATTRS = ("required", "type", "nullable", "description")

_DEFAULT_PRECEDENCE: dict[str, tuple[str, ...]] = {
    "required": ("openapi-generator", "speakeasy", "openai-reference", "plain-text"),
    "type": ("openapi-generator", "openai-reference", "speakeasy", "plain-text"),
    "nullable": ("openai-reference", "openapi-generator", "speakeasy", "plain-text"),
    "description": ("openapi-generator", "openai-reference", "speakeasy", "plain-text"),
}


@dataclass(frozen=True)
class SpecSettings:
    aliases: dict[str, str] = field(default_factory=dict)
    precedence: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(_DEFAULT_PRECEDENCE))
    path: str = ""
    names: dict[str, str] = field(default_factory=dict)
    # glob patterns, relative to the spec folder, of pages not to read (see documents.select_documents)
    exclude: tuple[str, ...] = ()

    @property
    def field_names(self) -> dict[str, str]:
        """``[names]`` entries for fields (``"Model.wire_key"`` keys)."""
        return {k: v for k, v in self.names.items() if "." in k}

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def rank(self, attr: str, dialect: str) -> int:
        order = self.precedence.get(attr, ())
        return order.index(dialect) if dialect in order else len(order)


def toml_error_position(exc: Exception, text: str = "") -> tuple[int, int]:
    """Line and column of a TOML syntax error (tomllib puts them only in its message on some
    versions: "(at line 2, column 10)"; "(at end of document)" is the end of ``text``)."""
    if "at end of document" in str(exc) and text:
        lines = text.split("\n")
        return len(lines), len(lines[-1]) + 1
    found = re.search(r"at line (\d+), column (\d+)", str(exc))
    line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else 1)
    col = getattr(exc, "colno", None) or (int(found.group(2)) if found else 1)
    return int(line), int(col)


def load_settings(spec_dir: Path) -> tuple[SpecSettings, list[Diagnostic]]:
    path = spec_dir / SETTINGS_FILE
    if not path.is_file():
        return SpecSettings(), []
    shown = display_path(path)
    origin = Origin(shown, 1, 1)
    text = ""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM is fine
        data: dict[str, Any] = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        return SpecSettings(), [error("E104", f"cannot read settings: {exc}", origin)]
    except tomllib.TOMLDecodeError as exc:
        line, col = toml_error_position(exc, text)
        return SpecSettings(), [error("E104", f"invalid TOML: {exc}", Origin(shown, line, col))]
    diags: list[Diagnostic] = []
    for key in data:
        if key not in ("aliases", "precedence", "names", "exclude"):
            diags.append(
                error("E104", f"unknown setting '{key}' (known: aliases, precedence, names, exclude)", origin)
            )
    aliases: dict[str, str] = {}
    for table in ("aliases", "precedence"):
        if not isinstance(data.get(table, {}), dict):
            diags.append(error("E104", f"'{table}' must be a table ([{table}]), not {data[table]!r}", origin))
            data[table] = {}
    for name, target in dict(data.get("aliases", {})).items():
        if not isinstance(target, str) or not target.isidentifier():
            diags.append(error("E104", f"alias '{name}' must name a type (an identifier)", origin))
        else:
            aliases[str(name)] = target
    precedence = dict(_DEFAULT_PRECEDENCE)
    for attr, order in dict(data.get("precedence", {})).items():
        if attr not in ATTRS:
            diags.append(error("E104", f"unknown precedence '{attr}' (known: {', '.join(ATTRS)})", origin))
            continue
        bad = [d for d in order if d not in DIALECT_NAMES] if isinstance(order, list) else [order]
        if bad:
            diags.append(error("E104", f"precedence '{attr}' names unknown dialects {bad}", origin))
            continue
        precedence[attr] = tuple(order)
    names: dict[str, str] = {}
    for key, value in dict(data.get("names", {})).items():
        if not isinstance(value, str) or not value.isidentifier() or str(key).count(".") > 1:
            diags.append(
                error("E104", f'name \'{key}\' must map "Model" or "Model.wire_key" to an identifier', origin)
            )
        else:
            names[str(key)] = value
    exclude, d = _exclude_patterns(data.get("exclude", []), origin)
    diags += d
    return SpecSettings(aliases, precedence, shown, names, exclude), diags


def _exclude_patterns(value: Any, origin: Origin) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """``exclude = ["*Api.md", "drafts/*"]``: a list of non-empty glob patterns."""
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        return (), [
            error("E104", 'exclude must be a list of glob patterns (strings), e.g. ["*Api.md"]', origin)
        ]
    return tuple(p.strip() for p in value), []
