"""Per-spec settings (spec/modelgen.toml): name aliases, the merge's precedence, acknowledged
diagnostics and per-field overrides.

The file is small and explicit: it settles only what the documents cannot, and every
acknowledgement and override carries its reason. Unknown tables or keys are errors that name them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from generator.model.diagnostics import Diagnostic, Origin, error
from generator.read.documents import SETTINGS_FILE, display_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import tomli as tomllib

DIALECT_NAMES = ("openapi-generator", "openai-reference", "speakeasy", "plain-text")
ATTRS = ("required", "type", "nullable", "description")

DEFAULT_PRECEDENCE: dict[str, tuple[str, ...]] = {
    "required": ("openapi-generator", "speakeasy", "openai-reference", "plain-text"),
    "type": ("openapi-generator", "openai-reference", "speakeasy", "plain-text"),
    "nullable": ("openai-reference", "openapi-generator", "speakeasy", "plain-text"),
    "description": ("openapi-generator", "openai-reference", "speakeasy", "plain-text"),
}


TABLES = ("aliases", "precedence", "acknowledge", "overrides")
ACK_KEYS = ("code", "object", "field", "reason")
OVERRIDE_KEYS = ("required", "nullable", "type", "reason")


@dataclass(frozen=True)
class Acknowledgement:
    """``[[acknowledge]]``: warnings and notes of ``code`` (about ``object``/``field`` when given)
    are accepted for ``reason``: counted, not printed, and not failures under ``--strict``."""

    code: str
    reason: str
    object: str = ""
    field: str = ""
    origin: Origin = Origin("")


@dataclass(frozen=True)
class FieldOverride:
    """``[overrides."Model.wire_key"]``: what the documents cannot settle, with its reason."""

    model: str
    wire_name: str
    reason: str
    required: Optional[bool] = None
    nullable: Optional[bool] = None
    type: Optional[str] = None  # in `modelgen inspect`'s notation: "int", "list[Foo]", "str | int"
    origin: Origin = Origin("")


@dataclass(frozen=True)
class SpecSettings:
    aliases: dict[str, str] = field(default_factory=dict)
    precedence: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PRECEDENCE))
    path: str = ""
    acknowledgements: tuple[Acknowledgement, ...] = ()
    overrides: tuple[FieldOverride, ...] = ()

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
        if key not in TABLES:
            diags.append(error("E104", f"unknown setting '{key}' (known: {', '.join(TABLES)})", origin))
    aliases: dict[str, str] = {}
    for name, target in dict(data.get("aliases", {})).items():
        if not isinstance(target, str) or not target.isidentifier():
            diags.append(error("E104", f"alias '{name}' must name a type (an identifier)", origin))
        else:
            aliases[str(name)] = target
    precedence = dict(DEFAULT_PRECEDENCE)
    for attr, order in dict(data.get("precedence", {})).items():
        if attr not in ATTRS:
            diags.append(error("E104", f"unknown precedence '{attr}' (known: {', '.join(ATTRS)})", origin))
            continue
        bad = [d for d in order if d not in DIALECT_NAMES] if isinstance(order, list) else [order]
        if bad:
            diags.append(error("E104", f"precedence '{attr}' names unknown dialects {bad}", origin))
            continue
        precedence[attr] = tuple(order)
    lines = path.read_text(encoding="utf-8").splitlines()
    acks = _acknowledgements(data.get("acknowledge", []), shown, lines, diags)
    overrides = _overrides(data.get("overrides", {}), shown, lines, diags)
    return SpecSettings(aliases, precedence, shown, acks, overrides), diags


def _line_of(lines: list[str], pattern: str, nth: int = 0) -> int:
    """The 1-based line of the ``nth`` table header matching ``pattern`` (1 when not found)."""
    found = [i + 1 for i, text in enumerate(lines) if re.match(pattern, text.strip())]
    return found[nth] if nth < len(found) else 1


def _acknowledgements(
    raw: Any, shown: str, lines: list[str], diags: list[Diagnostic]
) -> tuple[Acknowledgement, ...]:
    if not isinstance(raw, list):
        diags.append(
            error("E104", "'acknowledge' must be an array of tables: [[acknowledge]]", Origin(shown))
        )
        return ()
    out: list[Acknowledgement] = []
    for i, entry in enumerate(raw):
        where = Origin(shown, _line_of(lines, r"\[\[\s*acknowledge\s*\]\]|\{\s*code\s*=", i), 1)
        if not isinstance(entry, dict) or _bad_keys(entry, ACK_KEYS, "acknowledge", where, diags):
            continue
        code, reason = entry.get("code"), entry.get("reason")
        if not isinstance(code, str) or not re.fullmatch(r"[EW]\d{3}", code):
            diags.append(
                error("E104", f"acknowledge: 'code' must be a code such as \"W301\", not {code!r}", where)
            )
        elif code.startswith("E"):
            diags.append(
                error("E104", f"acknowledge: {code} is an error; errors cannot be acknowledged", where)
            )
        elif not isinstance(reason, str) or not reason.strip():
            diags.append(error("E104", f"acknowledge {code}: 'reason' must say why it is accepted", where))
        elif any(not isinstance(entry.get(k, ""), str) for k in ("object", "field")):
            diags.append(error("E104", f"acknowledge {code}: 'object' and 'field' must be strings", where))
        elif entry.get("field") and not entry.get("object"):
            diags.append(error("E104", f"acknowledge {code}: 'field' needs 'object'", where))
        else:
            out.append(Acknowledgement(code, reason, entry.get("object", ""), entry.get("field", ""), where))
    return tuple(out)


def _overrides(raw: Any, shown: str, lines: list[str], diags: list[Diagnostic]) -> tuple[FieldOverride, ...]:
    if not isinstance(raw, dict):
        diags.append(error("E104", "'overrides' must be a table of \"Model.wire_key\" tables", Origin(shown)))
        return ()
    out: list[FieldOverride] = []
    for key, entry in raw.items():
        where = Origin(
            shown, _line_of(lines, r"(\[\s*overrides\.)?[\"']?" + re.escape(key) + r"[\"']?\s*[]=]"), 1
        )
        if key.count(".") != 1 or not all(key.split(".")):
            diags.append(error("E104", f"override '{key}' must name a field as \"Model.wire_key\"", where))
            continue
        if not isinstance(entry, dict) or _bad_keys(entry, OVERRIDE_KEYS, f"override '{key}'", where, diags):
            continue
        reason = entry.get("reason")
        wrong = [k for k in ("required", "nullable") if k in entry and not isinstance(entry[k], bool)]
        wrong += ["type"] if "type" in entry and not isinstance(entry["type"], str) else []
        if not isinstance(reason, str) or not reason.strip():
            diags.append(error("E104", f"override '{key}': 'reason' must say why", where))
        elif wrong:
            diags.append(error("E104", f"override '{key}': {', '.join(wrong)} has the wrong type", where))
        elif not set(entry) & {"required", "nullable", "type"}:
            diags.append(error("E104", f"override '{key}' sets none of required, nullable, type", where))
        else:
            model, wire = key.split(".")
            out.append(
                FieldOverride(
                    model,
                    wire,
                    reason,
                    entry.get("required"),
                    entry.get("nullable"),
                    entry.get("type"),
                    where,
                )
            )
    return tuple(out)


def _bad_keys(
    entry: dict[str, Any], known: tuple[str, ...], what: str, where: Origin, diags: list[Diagnostic]
) -> bool:
    unknown = sorted(set(entry) - set(known))
    if unknown:
        diags.append(
            error("E104", f"{what}: unknown key {', '.join(unknown)} (known: {', '.join(known)})", where)
        )
    return bool(unknown)
