"""Per-spec settings (spec/modelgen.toml): name aliases and the merge's precedence.

The file is small and explicit: it settles only what the documents cannot. Unknown tables or
keys are errors that name them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from generator.model.diagnostics import Diagnostic, Origin, error
from generator.read.documents import SETTINGS_FILE, display_path
from generator.read.openapi_settings import (
    OPENAPI_DIALECT,
    OpenAPISettings,
    load_openapi_settings,
    unranked_openapi,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import tomli as tomllib

DIALECT_NAMES = ("openapi-generator", "openai-reference", "speakeasy", "plain-text", OPENAPI_DIALECT)
ATTRS = ("required", "type", "nullable", "description")

# A machine spec ([openapi]) ranks first for what it states exactly, last for prose.
_DEFAULT_PRECEDENCE: dict[str, tuple[str, ...]] = {
    "required": (OPENAPI_DIALECT, "openapi-generator", "speakeasy", "openai-reference", "plain-text"),
    "type": (OPENAPI_DIALECT, "openapi-generator", "openai-reference", "speakeasy", "plain-text"),
    "nullable": (OPENAPI_DIALECT, "openai-reference", "openapi-generator", "speakeasy", "plain-text"),
    "description": ("openapi-generator", "openai-reference", "speakeasy", "plain-text", OPENAPI_DIALECT),
}


@dataclass(frozen=True)
class SpecSettings:
    aliases: dict[str, str] = field(default_factory=dict)
    precedence: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(_DEFAULT_PRECEDENCE))
    path: str = ""
    openapi: Optional[OpenAPISettings] = None  # the [openapi] table: a machine spec as one more source

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def rank(self, attr: str, dialect: str) -> int:
        order = self.precedence.get(attr, ())
        return order.index(dialect) if dialect in order else len(order)


def load_settings(spec_dir: Path) -> tuple[SpecSettings, list[Diagnostic]]:
    path = spec_dir / SETTINGS_FILE
    if not path.is_file():
        return SpecSettings(), []
    shown = display_path(path)
    origin = Origin(shown, 1, 1)
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return SpecSettings(), [error("E104", f"cannot read settings: {exc}", origin)]
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the position only in its message on some versions: "(at line 2, column 10)"
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else 1)
        col = getattr(exc, "colno", None) or (int(found.group(2)) if found else 1)
        return SpecSettings(), [error("E104", f"invalid TOML: {exc}", Origin(shown, line, col))]
    diags: list[Diagnostic] = []
    for key in data:
        if key not in ("aliases", "precedence", "openapi"):
            diags.append(
                error("E104", f"unknown setting '{key}' (known: aliases, precedence, openapi)", origin)
            )
    aliases: dict[str, str] = {}
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
    openapi, d = load_openapi_settings(data.get("openapi"), spec_dir, origin)
    diags += d
    if openapi is not None:
        diags += unranked_openapi(dict(data.get("precedence", {})), origin)
    return SpecSettings(aliases, precedence, shown, openapi), diags
