"""The output styles by name: the built-in ones, one line each, and any registered later.

``register`` adds a style defined outside ``generator/`` (a plugin, a test); its record names its
own ``template_root``. The order is the order of the output (``__init__``, the tests' docstring).
"""

from __future__ import annotations

from generator.emit.builtin import attrs, dataclass, msgspec, pydantic, typeddict
from generator.emit.style import Style

_STYLES: dict[str, Style] = {}


def register(style: Style) -> Style:
    """Add ``style`` (replacing one of the same name) and return it."""
    _STYLES[style.name] = style
    return style


def unregister(name: str) -> None:
    _STYLES.pop(name, None)


register(dataclass.STYLE)
register(attrs.STYLE)
register(pydantic.STYLE)
register(typeddict.STYLE)
register(msgspec.STYLE)

BUILTIN_STYLES: tuple[str, ...] = tuple(_STYLES)


def style_names() -> tuple[str, ...]:
    """Every registered style's name, in output order."""
    return tuple(_STYLES)


def style_named(name: str) -> Style:
    """The registered style called ``name``; ValueError naming the known ones otherwise."""
    try:
        return _STYLES[name]
    except KeyError:
        raise ValueError(f"unknown style {name!r} (known: {', '.join(_STYLES)})") from None


def styles_named(names: tuple[str, ...]) -> tuple[Style, ...]:
    return tuple(style_named(n) for n in names)
