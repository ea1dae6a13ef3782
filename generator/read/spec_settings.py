"""Per-spec settings (spec/modelgen.toml): name aliases, the merge's precedence, Python names,
excluded pages, acknowledged diagnostics, per-field overrides, and enums' openness.

``[names]`` gives a model, enum or union a class name (``ValidationError = "ApiValidationError"``)
or a field a Python name (``"Widget.a-b" = "a_dash_b"``), where the derived one does not suit.
``[enums]`` makes an enum open or closed (``FineTuningJobStatus = "open"``) whatever its pages say.

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
DEFAULT_PRECEDENCE: dict[str, tuple[str, ...]] = {
    "required": (OPENAPI_DIALECT, "openapi-generator", "speakeasy", "openai-reference", "plain-text"),
    "type": (OPENAPI_DIALECT, "openapi-generator", "openai-reference", "speakeasy", "plain-text"),
    "nullable": (OPENAPI_DIALECT, "openai-reference", "openapi-generator", "speakeasy", "plain-text"),
    "description": ("openapi-generator", "openai-reference", "speakeasy", "plain-text", OPENAPI_DIALECT),
}


TABLES = ("aliases", "precedence", "names", "exclude", "acknowledge", "overrides", "openapi", "enums")
OPENNESS = {"open": True, "closed": False}
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
    names: dict[str, str] = field(default_factory=dict)
    # glob patterns, relative to the spec folder, of pages not to read (see documents.select_documents)
    exclude: tuple[str, ...] = ()

    @property
    def field_names(self) -> dict[str, str]:
        """``[names]`` entries for fields (``"Model.wire_key"`` keys)."""
        return {k: v for k, v in self.names.items() if "." in k}

    openapi: Optional[OpenAPISettings] = None  # the [openapi] table: a machine spec as one more source
    # [enums]: an enum's name → open (True) or closed (False), over what the pages say
    enum_openness: dict[str, bool] = field(default_factory=dict)

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
        if key not in TABLES:
            diags.append(error("E104", f"unknown setting '{key}' (known: {', '.join(TABLES)})", origin))
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
    names = _names(data.get("names", {}), origin, diags)
    enum_openness = _enum_openness(data.get("enums", {}), origin, diags)
    exclude, d = _exclude_patterns(data.get("exclude", []), origin)
    diags += d
    openapi, d = load_openapi_settings(data.get("openapi"), spec_dir, origin)
    diags += d
    if openapi is not None:
        diags += unranked_openapi(dict(data.get("precedence", {})), origin)
    lines = text.splitlines()
    acks = _acknowledgements(data.get("acknowledge", []), shown, lines, diags)
    overrides = _overrides(data.get("overrides", {}), shown, lines, diags)
    return (
        SpecSettings(
            aliases,
            precedence,
            shown,
            acknowledgements=acks,
            overrides=overrides,
            names=names,
            exclude=exclude,
            openapi=openapi,
            enum_openness=enum_openness,
        ),
        diags,
    )


def _names(raw: Any, origin: Origin, diags: list[Diagnostic]) -> dict[str, str]:
    names: dict[str, str] = {}
    for key, value in dict(raw).items():
        if not isinstance(value, str) or not value.isidentifier() or str(key).count(".") > 1:
            diags.append(
                error("E104", f'name \'{key}\' must map "Model" or "Model.wire_key" to an identifier', origin)
            )
        else:
            names[str(key)] = value
    return names


def _enum_openness(raw: Any, origin: Origin, diags: list[Diagnostic]) -> dict[str, bool]:
    """``[enums]``: ``Status = "open"`` or ``"closed"`` per enum name."""
    if not isinstance(raw, dict):
        diags.append(error("E104", f"'enums' must be a table ([enums]), not {raw!r}", origin))
        return {}
    found: dict[str, bool] = {}
    for name, value in raw.items():
        if value not in OPENNESS:
            diags.append(error("E104", f'enum \'{name}\' must be "open" or "closed", not {value!r}', origin))
        else:
            found[str(name)] = OPENNESS[value]
    return found


def _exclude_patterns(value: Any, origin: Origin) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """``exclude = ["*Api.md", "drafts/*"]``: a list of non-empty glob patterns."""
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        return (), [
            error("E104", 'exclude must be a list of glob patterns (strings), e.g. ["*Api.md"]', origin)
        ]
    return tuple(p.strip() for p in value), []


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
