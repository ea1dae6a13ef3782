"""Page structure shared by the dialects that write one model per ``# Title`` section."""

from __future__ import annotations

from typing import Optional, Union

from generator.model.claims import EnumFrag, UnionFrag
from generator.model.diagnostics import Diagnostic, Origin, error, warning
from generator.model.ir import AnyType, LiteralOf, Scalar
from generator.model.names import title_to_class_name
from generator.read.markdown import Block, Cell, Heading, inline_text, raw_row_cells


def sections(blocks: list[Block]) -> list[tuple[Heading, list[Block]]]:
    """Blocks grouped under each level-1 heading (blocks before the first one are dropped)."""
    out: list[tuple[Heading, list[Block]]] = []
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            out.append((b, []))
        elif out:
            out[-1][1].append(b)
    return out


def under(body: list[Block], title: str) -> list[Block]:
    """Blocks under the ``## <title>`` heading (to the next heading of level 2 or less)."""
    found: list[Block] = []
    inside = False
    for b in body:
        if isinstance(b, Heading) and b.level <= 2:
            inside = b.text.strip().lower() == title
        elif inside:
            found.append(b)
    return found


def class_name(heading: Heading) -> str:
    """``# Foo``, ``# `Foo` ``, ``# pkg.Foo`` → ``Foo``; a sentence title → its class name."""
    name = heading.text.strip().strip("`").rsplit(".", 1)[-1].strip()
    return name if name.isidentifier() else title_to_class_name(heading.text)


def values_frag(
    name: str,
    values: list[Union[str, int]],
    closed: bool,
    origin: Origin,
    dialect: str,
    description: str,
    says_open: Optional[bool] = None,
) -> Union[EnumFrag, UnionFrag]:
    """An enum page's values: strings make an enum (a value written as a number among strings is
    kept as its text); integers alone a union of their literals (an open integer enum, whose other
    values are accepted too, is a plain ``int``). ``says_open`` is what the page says of a string
    enum's openness (None: nothing)."""
    if not all(isinstance(v, int) for v in values):
        return EnumFrag(name, tuple(str(v) for v in values), origin, dialect, description, says_open)
    ints = tuple(v for v in values if isinstance(v, int))
    if closed:
        return UnionFrag(name, (LiteralOf(ints),), origin, dialect, description)
    return UnionFrag(name, (Scalar("int"),), origin, dialect, description)


def undocumented_union(
    name: str, origin: Origin, dialect: str, description: str, why: str
) -> tuple[UnionFrag, Diagnostic]:
    """A page that says a value is one of several but does not list them: any JSON value, with W110."""
    message = f"{name}: {why}; its members are not documented, so any JSON value is accepted"
    return UnionFrag(name, (AnyType(),), origin, dialect, description), warning("W110", message, origin)


def recover_row(
    text: str, origin: Origin, width: int, joined: int
) -> tuple[Optional[tuple[Cell, ...]], Diagnostic]:
    """A row with more cells than its header, read as a writer meant it: an unescaped ``|`` in
    the text column ``joined`` (the description). The cells before it and the ``width - joined - 1``
    after it keep their places; the surplus is joined back into the description (W111). A row
    with too few cells cannot be recovered (E105)."""
    parts = raw_row_cells(text, origin)
    where = Origin(origin.path, origin.line, 1)
    if len(parts) <= width:
        return None, error("E105", f"table row has {len(parts)} cells, the header has {width}", where)
    after = width - joined - 1
    middle = "|".join(parts[joined : len(parts) - after])
    kept = [p.strip() for p in [*parts[:joined], middle, *parts[len(parts) - after :]]]
    cells = tuple(Cell(raw, *inline_text(raw), where) for raw in kept)
    message = (
        f"table row has {len(parts)} cells, the header has {width}: an unescaped '|' in the "
        f"description, joined back into it"
    )
    return cells, warning("W111", message, where)
