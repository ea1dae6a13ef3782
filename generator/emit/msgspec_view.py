"""The msgspec style's decisions: what msgspec can type natively, annotations, tables, checks.

msgspec decodes and encodes a Struct in C, so the module leans on it: annotations msgspec
enforces (a float field is ``Union[int, float]``, so that 1 stays 1), an open enum that keeps an
unknown value through ``_missing_`` (``Union[Enum, str]`` to the type checker only: msgspec takes
one str-like type a union), a ``__post_init__`` that bounds the depth of Any values, and the table
of the fields that hold models (``_NESTED``, models as a field's value or inside lists and maps
at any depth), which the slow path walks to keep unknown keys.

A union msgspec cannot tell apart by itself is decoded by the module (``msgspec_unions``). What
is left for ``problems`` (a warning: the msgspec module is then not written) is a key msgspec
cannot rename a field to.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.emit.annotations import field_annotation_node, field_default, open_enum_alias
from generator.emit.decoder_source import describe, enum_is_open, takes_null, union_tags
from generator.emit.msgspec_tags import class_keywords
from generator.emit.msgspec_union_view import MsgspecUnionView, union_section
from generator.emit.msgspec_unions import MsgspecPlan
from generator.emit.options import RenderOptions, UnknownKeys
from generator.emit.reserved import EXTRA_WIRE, hidden_extra_wire, msgspec_cannot_rename
from generator.emit.style import Style
from generator.emit.styles import (
    EnumMemberView,
    enum_member_names,
    field_doc,
    model_doc,
    typing_imports,
)
from generator.model.diagnostics import Diagnostic, Origin, warning
from generator.model.ir import Field, Model, Spec, UnionDef
from generator.pysrc.layout import Node, Seq, flat, group, render
from generator.pysrc.literals import LINE_LENGTH, docstring, import_line, py_str, width


@dataclass(frozen=True)
class MsgspecFieldView:
    declaration: str  # the class body line(s)
    doc: str


@dataclass(frozen=True)
class MsgspecModelView:
    name: str
    doc: str
    fields: tuple[MsgspecFieldView, ...]
    post_init: tuple[str, ...]  # the body of __post_init__ (empty: none)
    class_keywords: str  # ', tag_field="type", tag="cat"' of a tagged union's member, else ""
    tag_line: str  # its literal field, as a ClassVar ("" when not tagged)
    tag_doc: str
    base: str = "_Model"  # _Member: the one-field model of a union's member (msgspec_unions)


@dataclass(frozen=True)
class NoTagView:
    name: str
    key: str  # literal of the tag key


@dataclass(frozen=True)
class MsgspecEnumView:
    name: str
    doc: str
    members: tuple[EnumMemberView, ...]
    alias: str  # an open enum's type-checker alias, ``_OpenName`` ("" when closed)


@dataclass(frozen=True)
class MsgspecModuleView:
    style: str
    doc: str
    typing_import: str
    enums: tuple[MsgspecEnumView, ...]
    has_open_enums: bool
    models: tuple[MsgspecModelView, ...]
    unions: tuple[MsgspecUnionView, ...]  # type aliases and markers, each after those it names
    members: tuple[MsgspecModelView, ...]  # the one-field models of the markers' members
    deep_nesting: bool  # a field holds models in lists or maps inside one another
    markers: bool  # the module decodes some unions itself (its decoders take _dec_hook)
    dec_hook: str  # ", dec_hook=_dec_hook" when it does, else ""
    member_tuple: str  # "_MEMBERS: ... = (_Member1, ...)", laid out
    tag_tables: tuple[str, ...]  # "_TAGS_<Union>: ... = (key, {tag: class})", for the slow path
    tag_of: tuple[str, ...]  # the _TAG_OF rows: "Class: (key, tag),"
    no_tag: tuple[NoTagView, ...]  # a private tagged Struct per tag key (decoding on its own needs the tag)
    decode_as: tuple[str, ...]  # "Class._decode_as = Union[Class, _NoTagN]" of the tagged models
    nested: tuple[str, ...]  # the _NESTED table's rows
    all_names: tuple[str, ...]
    unknown_keys: str  # literal of the policy
    forbid_unknown: str  # "True" unless unknown keys are ignored (then msgspec drops them itself)
    extra_wire: str = py_str(EXTRA_WIRE)  # literal: the hidden field's wire name, used by no field


# ---------------------------------------------------------------------------------------------
# what msgspec cannot represent


def problems(spec: Spec) -> list[Diagnostic]:
    """Fields the msgspec module cannot represent (W501, one per field): a renamed field whose key
    msgspec cannot rename a field to. Every union and nesting is written (``msgspec_unions``)."""
    found = []
    for model in spec.models:
        for f in model.fields:
            if f.wire_name != f.py_name and msgspec_cannot_rename(f.wire_name):
                problem = "a key msgspec cannot rename a field to (a backslash, a double quote or a control character)"
                origin = f.origins[0] if f.origins else Origin("<spec>", 1, 1)
                message = f"{model.name}.{f.wire_name} is {problem}: msgspec_models.py is not written"
                found.append(warning("W501", message, origin))
    return found


# ---------------------------------------------------------------------------------------------
# annotations


def _declaration(f: Field, spec: Spec, style: Style, options: RenderOptions) -> str:
    tail = field_default(f, style)
    annotation = Seq((f"{f.py_name}: ", field_annotation_node(f, spec, style, options)))
    whole = flat(annotation) + tail
    if tail.startswith(" = msgspec.field(") and 4 + width(whole) > LINE_LENGTH:
        return _split_field_call(whole)
    return render(annotation, 4, len(tail)) + tail


def _split_field_call(whole: str) -> str:
    """A declaration too long for its line, as black lays it out: the ``msgspec.field(...)`` call
    split, its arguments on a line of their own, when both lines fit; otherwise left whole for the
    formatter to give to black (tests/emit/test_msgspec_declarations.py holds it to black)."""
    head, args = (
        whole[: whole.index(" = msgspec.field(") + 17],
        whole[whole.index(" = msgspec.field(") + 17 : -1],
    )
    if 4 + width(head) > LINE_LENGTH or 8 + width(args) > LINE_LENGTH:
        return whole
    return f"{head}\n        {args}\n    )"


def _post_init(model: Model, spec: Spec, plan: MsgspecPlan) -> tuple[str, ...]:
    """Bound the depth of the values msgspec takes as they are (Any, objects of any shape), and
    refuse a null that msgspec's Any lets through where the field is not nullable. ``model``'s
    fields have their runtime types (``msgspec_unions``)."""
    lines: list[str] = []
    source = spec.get(model.name)
    spec_types = {f.py_name: f.type for f in source.fields} if isinstance(source, Model) else {}
    for f in model.fields:
        if takes_null(spec_types.get(f.py_name, f.type), spec) and not f.nullable:
            wire = py_str(f.wire_name)
            lines += [
                f"if self.{f.py_name} is None:",
                f'    raise _Invalid({wire}, "null is not allowed here")',
            ]
        if not plan.holds_any(f.type):
            continue
        check = f"_json_value(self.{f.py_name}, {py_str(f.wire_name)})"
        skip = [*(["UNSET"] if not f.required else []), *(["None"] if f.nullable else [])]
        if skip:
            cond = " and ".join(f"self.{f.py_name} is not {s}" for s in skip)
            lines += [f"if {cond}:", f"    {check}"]
        else:
            lines.append(check)
    return tuple(lines)


def _nested_row(model: Model, spec: Spec, plan: MsgspecPlan) -> str:
    """``Model: ((wire, how, child, (how, attr, wire)), ...)`` for the fields that hold models
    (``how``: ``_ONE``, ``_LIST``, ``_MAP``, or a tuple of those containers, one in another)."""
    rows: list[Node] = []
    for f in model.fields:
        held = plan.nesting(f.type)
        if held is not None:
            levels, target = held
            how = levels[0] if len(levels) == 1 else f"({', '.join(levels)})" if levels else "_ONE"
            wire, attr = py_str(f.wire_name), py_str(f.py_name)
            child = f"_TAGS_{target}" if isinstance(spec.get(target), UnionDef) else target
            rows.append(group("(", [wire, how, child, group("(", ["_ONE", attr, wire], ")")], ")"))
    if not rows:
        return ""
    return render(Seq((f"{model.name}: ", group("(", rows, ")"))), 4, 1)


def _runtime_model(m: Model, plan: MsgspecPlan) -> Model:
    """``m`` with its fields' runtime types (a marker where the module decodes a union itself)."""
    fields = tuple(dataclasses.replace(f, type=plan.fields[(m.name, f.py_name)]) for f in m.fields)
    return dataclasses.replace(m, fields=fields)


def _deep(m: Model, plan: MsgspecPlan) -> bool:
    """Whether a field of ``m`` holds models in lists or maps inside one another."""
    return any(len(held[0]) > 1 for held in (plan.nesting(f.type) for f in m.fields) if held)


def _member_models(plan: MsgspecPlan) -> list[Model]:
    """The one-field models of the markers' members that are not models (``v``: the member)."""
    return [
        Model(
            name,
            (Field("v", "v", t, True, plan.member_nullable(t)),),
            f"A member of a union the module decodes itself (see _one_of): {describe(t)}.",
        )
        for t, name in plan.members.items()
    ]


def _model_view(
    m: Model, spec: Spec, style: Style, options: RenderOptions, plan: MsgspecPlan, base: str = "_Model"
) -> MsgspecModelView:
    """A tagged member's literal field is not a Struct field (msgspec writes the tag) but a ClassVar.
    ``m``'s fields have their runtime types."""
    tag = plan.tags.get(m.name)
    kept = tuple(f for f in m.fields if tag is None or f.wire_name != tag.key)
    tag_field = next((f for f in m.fields if tag is not None and f.wire_name == tag.key), None)
    tag_line = ""
    if tag is not None and tag_field is not None:
        tag_line = f"{tag_field.py_name}: ClassVar[Literal[{py_str(tag.value)}]] = {py_str(tag.value)}"
    return MsgspecModelView(
        name=m.name,
        doc=model_doc(m, style),
        fields=tuple(MsgspecFieldView(_declaration(f, spec, style, options), field_doc(f)) for f in kept),
        post_init=_post_init(dataclasses.replace(m, fields=kept), spec, plan),
        class_keywords=class_keywords(tag) if tag else "",
        tag_line=tag_line,
        tag_doc=field_doc(tag_field) if tag_line and tag_field else "",
        base=base,
    )


def _tag_tables(spec: Spec, plan: MsgspecPlan) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The _TAGS_<Union> tables (tag → class, for the slow path), the _TAG_OF rows (class → (key,
    tag)) and the _NoTag classes' tag keys."""
    tables = []
    for u in spec.unions:
        if u.discriminator is not None and u.name not in plan.by_tag:
            rows: list[Node] = [f"{py_str(v)}: {m}" for v, m in union_tags(u, spec)]
            table = group("(", [py_str(u.discriminator), group("{", rows, "}")], ")")
            tables.append(render(Seq((f"_TAGS_{u.name}: Final[tuple[str, dict[Any, Any]]] = ", table)), 0))
    tag_of = tuple(f"{m}: ({py_str(t.key)}, {py_str(t.value)})," for m, t in plan.tags.items())
    keys = tuple(dict.fromkeys(t.key for t in plan.tags.values()))
    return tuple(tables), tag_of, keys


def _enum_views(spec: Spec, options: RenderOptions) -> list[MsgspecEnumView]:
    return [
        MsgspecEnumView(
            e.name,
            docstring(e.description or f"The {e.name} values.", "    "),
            tuple(
                EnumMemberView(n, py_str(v))
                for n, v in zip(enum_member_names(e.values), e.values, strict=True)
            ),
            open_enum_alias(e) if enum_is_open(e, options) else "",
        )
        for e in spec.enums
    ]


_DOC = (
    "Decoding tries msgspec alone first; only a document that fails there (an unknown key, or an"
    " error) is decoded again by a slower path that keeps the unknown keys at every level (in"
    " ``.extra``) or reports the error with its path. Encoding is msgspec alone unless a model in"
    " the tree holds unknown keys: msgspec cannot encode their holder, its encoder hook says so, and"
    " a slower path writes them back."
)


def build_msgspec_module(spec: Spec, style: Style, options: RenderOptions) -> MsgspecModuleView:
    plan = MsgspecPlan(spec)
    runtime_models = [_runtime_model(m, plan) for m in spec.models]
    models = [_model_view(m, spec, style, options, plan) for m in runtime_models]
    member_models = _member_models(plan)
    members = [_model_view(m, spec, style, options, plan, "_Member") for m in member_models]
    unions = union_section(plan, style, options)
    annotations = [fv.declaration for mv in models + members for fv in mv.fields]
    annotations += [u.alias for u in unions] + [m.tag_line for m in models]
    annotations += [line for u in unions for line in u.marker]
    tables, tag_of, keys = _tag_tables(spec, plan)
    names = [e.name for e in spec.enums] + [m.name for m in spec.models]
    names += [e.union.name for e in plan.entries if e.union is not None]
    names += style.exports
    doc = (
        f"Models of the API documents as {style.description}, generated by modelgen.\n\n"
        f"Unknown keys: {options.unknown_keys.value}. Enums: {'open' if options.open_enums else 'closed'}"
        " (an open enum keeps a value it does not know).\n\n" + _DOC
    )
    nested = [_nested_row(m, spec, plan) for m in runtime_models + member_models]
    enums = _enum_views(spec, options)
    return MsgspecModuleView(
        style=style.name,
        doc=docstring(doc),
        typing_import=import_line("typing", typing_imports(style, annotations)),
        enums=tuple(enums),
        has_open_enums=any(e.alias for e in enums),
        models=tuple(models),
        unions=unions,
        members=tuple(members),
        deep_nesting=any(_deep(m, plan) for m in runtime_models + member_models),
        markers=bool(plan.markers),
        dec_hook=", dec_hook=_dec_hook" if plan.markers else "",
        member_tuple=render(
            Seq(("_MEMBERS: Final[tuple[type[_Model], ...]] = ", group("(", [m.name for m in members], ")"))),
            0,
        ),
        tag_tables=tables,
        tag_of=tag_of,
        no_tag=tuple(NoTagView(f"_NoTag{i}", py_str(k)) for i, k in enumerate(keys)),
        decode_as=tuple(
            f"{m}._decode_as = Union[{m}, _NoTag{keys.index(t.key)}]" for m, t in plan.tags.items()
        ),
        nested=tuple(row for row in nested if row),
        all_names=tuple(py_str(n) for n in names),
        unknown_keys=py_str(options.unknown_keys.value),
        forbid_unknown="False" if options.unknown_keys is UnknownKeys.IGNORE else "True",
        extra_wire=py_str(hidden_extra_wire(spec)),
    )
