"""``[tool.modelgen]`` in the user's pyproject.toml, found from the working directory upwards as
black and ruff do. Paths in it are relative to that pyproject.toml; command-line flags override
it. An unknown setting is an error that names it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from generator.emit.options import UNKNOWN_KEY_POLICIES, UnknownKeys
from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.read.spec_settings import toml_error_position

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TARGETS = ("3.9", "3.10", "3.11", "3.12", "3.13")
KEYS = ("spec", "out", "styles", "target_python", "unknown_keys", "enums", "names")


class ConfigError(Exception):
    """A bad [tool.modelgen] table: the message names the file and the setting."""


@dataclass(frozen=True)
class Config:
    spec: Path = Path("spec")
    out: Path = Path("generated")
    styles: tuple[str, ...] = STYLES
    target_python: tuple[int, int] = (3, 9)
    unknown_keys: UnknownKeys = UnknownKeys.KEEP
    enums: str = "open"
    # "Model.wire_key" → the Python attribute name to use instead of the derived one
    names: dict[str, str] = field(default_factory=dict)
    source: Optional[Path] = None
    # the keys the pyproject table sets (a bare ``check`` takes the others from OUT's manifest)
    explicit: frozenset[str] = frozenset()


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML table of ``path`` (a UTF-8 BOM is allowed); a file that cannot be read or parsed
    is a ``ConfigError`` naming the file and, for a syntax error, the line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason})") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = toml_error_position(exc, text)
        raise ConfigError(f"{path}:{line}:{column}: invalid TOML: {exc}") from exc


def _modelgen_table(path: Path, data: dict[str, Any]) -> Optional[dict[str, Any]]:
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table ([tool]), not {tool!r}")
    table = tool.get("modelgen")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: 'tool.modelgen' must be a table ([tool.modelgen]), not {table!r}")
    return table


def find_pyproject(start: Path) -> Optional[tuple[Path, dict[str, Any]]]:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.modelgen] table, and
    that table. A pyproject.toml on the way that is not valid TOML is an error (black does the same):
    it may hold the table, and defaults in its place would write somewhere else."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            table = _modelgen_table(candidate, read_toml(candidate))
            if table is not None:
                return candidate, table
    return None


def load_config(start: Path) -> Config:
    found = find_pyproject(start.resolve())
    if found is None:
        return Config()
    path, table = found
    where = f"{path}: [tool.modelgen]"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting {', '.join(repr(k) for k in unknown)} (known: {', '.join(KEYS)})"
        )
    base = path.parent

    def text(key: str, choices: tuple[str, ...] = ()) -> Optional[str]:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str) or (choices and value not in choices):
            want = f"one of {', '.join(choices)}" if choices else "a string"
            raise ConfigError(f"{where}: '{key}' must be {want}, not {value!r}")
        return value

    cfg = Config(source=path)
    spec, out = text("spec"), text("out")
    styles = table.get("styles")
    if styles is not None and (
        not isinstance(styles, list) or not styles or any(s not in STYLES for s in styles)
    ):
        raise ConfigError(
            f"{where}: 'styles' must be a non-empty list of {', '.join(STYLES)}, not {styles!r}"
        )
    target = text("target_python", TARGETS)
    names = table.get("names", {})
    if not isinstance(names, dict) or any(
        not isinstance(v, str) or not v.isidentifier() or k.count(".") != 1 for k, v in names.items()
    ):
        raise ConfigError(f"{where}: 'names' must map \"Model.wire_key\" to a Python identifier")
    return Config(
        spec=base / spec if spec else cfg.spec,
        out=base / out if out else cfg.out,
        styles=tuple(s for s in STYLES if s in styles) if styles else cfg.styles,
        target_python=tuple(int(p) for p in target.split(".")) if target else cfg.target_python,  # type: ignore[arg-type]
        unknown_keys=UnknownKeys(text("unknown_keys", UNKNOWN_KEY_POLICIES) or cfg.unknown_keys),
        enums=text("enums", ("open", "closed")) or cfg.enums,
        names=dict(names),
        source=path,
        explicit=frozenset(table),
    )
