"""The union items of a module: a type alias each, and the general decoder of the straight-line
decoders (dataclass, attrs, TypedDict), in an order in which every alias is defined before use."""

from __future__ import annotations

from dataclasses import dataclass

from generator.emit.annotations import union_alias
from generator.emit.decoder_source import describe, union_decoder
from generator.emit.options import RenderOptions
from generator.emit.style import Style
from generator.model.ir import Spec, UnionDef, refs_of
from generator.pysrc.layout import Seq, render
from generator.pysrc.literals import docstring


@dataclass(frozen=True)
class UnionView:
    name: str
    alias: str  # "Name = Union[...]", laid out
    doc: str  # the alias's docstring literal (a string statement after it)
    binding: str  # "_decode_Name: _Decoder[Any] = ..." (straight-line decoders), laid out
    discriminator: str  # the tag key ("" when members are tried in order)


def ordered_unions(spec: Spec) -> list[UnionDef]:
    """The spec's unions, each after the unions its members name (spec order otherwise)."""
    unions = {u.name: u for u in spec.unions}
    done: dict[str, UnionDef] = {}

    def visit(u: UnionDef, trail: tuple[str, ...]) -> None:
        if u.name in done or u.name in trail:  # a union inside itself: the stage before refuses it
            return
        for name in (n for m in u.members for n in refs_of(m)):
            if name in unions:
                visit(unions[name], trail + (u.name,))
        done[u.name] = u

    for u in spec.unions:
        visit(u, ())
    return list(done.values())


def union_doc(union: UnionDef) -> str:
    text = union.description or f"One of: {', '.join(describe(m) for m in union.members)}."
    if union.discriminator is not None:
        text += f" The {union.discriminator!r} key tells which."
    return docstring(text)


def union_views(spec: Spec, style: Style, options: RenderOptions) -> tuple[UnionView, ...]:
    views = []
    for u in ordered_unions(spec):
        decoder_name = f"_check_{u.name}" if style.models_are_dicts else f"_decode_{u.name}"
        views.append(
            UnionView(
                name=u.name,
                alias=render(Seq((f"{u.name} = ", union_alias(u, spec, style, options))), 0),
                doc=union_doc(u),
                binding=render(
                    Seq((f"{decoder_name}: _Decoder[Any] = ", union_decoder(u, spec, style, options))), 0
                ),
                discriminator=u.discriminator or "",
            )
        )
    return tuple(views)
