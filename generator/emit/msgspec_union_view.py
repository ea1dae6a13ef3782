"""The msgspec module's union section: each union item's type alias and, for the unions the module
decodes itself (``msgspec_unions``), the marker that decodes it, in an order in which every name
is defined before use."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator.emit.annotations import annotation_parts, union_node
from generator.emit.msgspec_unions import Marker, MsgspecPlan
from generator.emit.options import RenderOptions
from generator.emit.style import Style
from generator.emit.union_view import union_doc
from generator.model.ir import Ref, Spec, TypeExpr
from generator.pysrc.layout import Node, Seq, group, render
from generator.pysrc.literals import py_str


@dataclass(frozen=True)
class MsgspecUnionView:
    alias: str  # "Name = Union[...]", laid out ("": a marker of a union written in place)
    doc: str  # the alias's docstring literal
    marker: tuple[str, ...]  # the marker's lines (a comment, then if TYPE_CHECKING / else), or none


def _node(types: tuple[TypeExpr, ...], spec: Spec, style: Style, options: RenderOptions) -> Node:
    return union_node([p for t in types for p in annotation_parts(t, spec, style, options)])


def _decoder(marker: Marker, plan: MsgspecPlan) -> tuple[str, Node]:
    """The comment and the run-time value of a marker: ``_by_tag``, ``_one_of`` or ``_any_of``."""
    classes = [plan.members.get(m, m.name if isinstance(m, Ref) else "") for m in marker.members]
    if marker.tag:
        rows: list[Node] = [f"({type(v).__name__}, {py_str(v)}): {model}" for v, model in marker.tags]
        expected = " or ".join(py_str(v) for v, _ in marker.tags)
        reason = plan.by_tag[marker.union]
        return (
            f"# {marker.union}: msgspec cannot tag its members ({reason}): the module reads the tag",
            group(
                "_by_tag(",
                [py_str(marker.union), py_str(marker.tag), group("{", rows, "}"), py_str(expected)],
                ")",
            ),
        )
    if marker.union:
        pairs: list[Node] = [
            group("(", [py_str(d), c], ")") for d, c in zip(marker.described, classes, strict=True)
        ]
        comment = f"{marker.union}: msgspec cannot tell its members apart: the module tries them in order"
        return comment, group("_one_of(", [py_str(marker.union), group("(", pairs, ")")], ")")
    comment = "a union msgspec cannot tell apart: the module tries its members in order"
    return comment, group("_any_of(", [py_str(marker.expected), group("(", list(classes), ")")], ")")


def _marker_lines(marker: Marker, plan: MsgspecPlan, style: Style, options: RenderOptions) -> tuple[str, ...]:
    checker = _node((marker.checker,), plan.spec, style, options)
    comment, decoder = _decoder(marker, plan)
    return (
        *textwrap.wrap(comment, 98, initial_indent="# ", subsequent_indent="# ", break_long_words=False),
        "if TYPE_CHECKING:",
        "    " + render(Seq((f"{marker.name} = ", checker)), 4),
        "else:",
        "    " + render(Seq((f"{marker.name} = ", decoder)), 4),
    )


def union_section(plan: MsgspecPlan, style: Style, options: RenderOptions) -> tuple[MsgspecUnionView, ...]:
    views = []
    for entry in plan.entries:
        alias = doc = ""
        if entry.union is not None:
            alias = render(
                Seq((f"{entry.union.name} = ", _node(entry.members, plan.spec, style, options))), 0
            )
            doc = union_doc(entry.union)
        marker = _marker_lines(entry.marker, plan, style, options) if entry.marker else ()
        views.append(MsgspecUnionView(alias, doc, marker))
    return tuple(views)
