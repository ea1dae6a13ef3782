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


def find_pyproject(start: Path) -> Optional[Path]:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.modelgen] table."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "modelgen" in data.get("tool", {}):
                return candidate
    return None


def load_config(start: Path) -> Config:
    path = find_pyproject(start.resolve())
    if path is None:
        return Config()
    table: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["modelgen"]
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
    )
