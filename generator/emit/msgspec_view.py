"""The msgspec style's decisions: what msgspec can type natively, annotations, tables, checks.

msgspec decodes and encodes a Struct in C, so the module leans on it: annotations msgspec
enforces (a float field is ``Union[int, float]``, so that 1 stays 1), an open enum that keeps an
unknown value through ``_missing_`` (``Union[Enum, str]`` to the type checker only: msgspec takes
one str-like type a union), a ``__post_init__`` that bounds the depth of Any values, and the table
of the fields that hold models (``_NESTED``), which the slow path walks to keep unknown keys.

msgspec cannot tell apart, untagged, two object-like or two array-like options of a union, nor an
enum and a str; and the slow path finds models only as a field's value, list items or map values.
``problems`` reports a spec outside that (as warnings: the msgspec module is then not written).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Optional

from generator.emit.annotations import field_annotation_node, field_default, open_enum_alias
from generator.emit.decoder_source import enum_is_open, is_any, union_tags
from generator.emit.msgspec_tags import StructTag, class_keywords, struct_tags
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
from generator.emit.union_view import UnionView, union_views
from generator.model.diagnostics import Diagnostic, Origin, warning
from generator.model.ir import (
    AnyType,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ObjectType,
    Ref,
    Scalar,
    Spec,
    TypeExpr,
    UnionDef,
    UnionOf,
    refs_of,
)
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
    unions: tuple[UnionView, ...]  # type aliases, each after those it names
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
# what msgspec can represent


def _options(t: TypeExpr) -> tuple[TypeExpr, ...]:
    return t.options if isinstance(t, UnionOf) else (t,)


def _is_model(t: TypeExpr, spec: Spec) -> bool:
    """A model, or a tagged union of models (msgspec tells its Structs apart by the tag)."""
    item = spec.get(t.name) if isinstance(t, Ref) else None
    return isinstance(item, Model) or (isinstance(item, UnionDef) and item.discriminator is not None)


def _holds_model(t: TypeExpr, spec: Spec) -> bool:
    if isinstance(t, ListOf):
        return _holds_model(t.item, spec)
    if isinstance(t, MapOf):
        return _holds_model(t.value, spec)
    return any(_is_model(o, spec) for o in _options(t)) or (
        isinstance(t, UnionOf) and any(_holds_model(o, spec) for o in t.options)
    )


def _kind(t: TypeExpr, spec: Spec) -> str:
    """The msgspec category of one union option: a union takes one of each ("literal" joins any)."""
    if isinstance(t, Scalar):
        return {"str": "str-like", "int": "int", "float": "float", "bool": "bool"}[t.name]
    if isinstance(t, LiteralOf):
        return "literal"
    if isinstance(t, ListOf):
        return "array-like"
    if isinstance(t, (MapOf, ObjectType)):
        return "object-like"
    if isinstance(t, Ref):
        return "object-like" if _is_model(t, spec) else "str-like"
    return "any"


def _union_problem(t: TypeExpr, spec: Spec) -> str:
    parts = _options(t)
    if len(parts) > 1:
        kinds = [_kind(p, spec) for p in parts]
        if "any" in kinds:
            return "a union with Any"
        for kind in ("str-like", "int", "float", "bool", "array-like", "object-like"):
            if kinds.count(kind) > 1:
                return f"a union of two {kind} options, which msgspec cannot tell apart untagged"
    for p in parts:
        if isinstance(p, (ListOf, MapOf)):
            problem = _union_problem(p.item if isinstance(p, ListOf) else p.value, spec)
            if problem:
                return problem
    return ""


def expand_unions(t: TypeExpr, spec: Spec, seen: frozenset[str] = frozenset()) -> TypeExpr:
    """``t`` with each union item it names replaced by its members: msgspec sees through an alias."""
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if not isinstance(item, UnionDef) or item.discriminator is not None or item.name in seen:
            return t  # a tagged union stays one option (its table picks the model)
        members = [expand_unions(m, spec, seen | {item.name}) for m in item.members]
        return members[0] if len(members) == 1 else UnionOf(tuple(o for m in members for o in _options(m)))
    if isinstance(t, ListOf):
        return ListOf(expand_unions(t.item, spec, seen))
    if isinstance(t, MapOf):
        return MapOf(expand_unions(t.value, spec, seen))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(o for m in t.options for o in _options(expand_unions(m, spec, seen))))
    return t


def _union_names(t: TypeExpr, spec: Spec) -> set[str]:
    """The union items ``t`` names, directly or through other unions."""
    found: set[str] = set()
    todo = list(refs_of(t))
    while todo:
        item = spec.get(todo.pop())
        if isinstance(item, UnionDef) and item.name not in found:
            found.add(item.name)
            todo += [n for m in item.members for n in refs_of(m)]
    return found


def nesting(t: TypeExpr, spec: Spec) -> tuple[tuple[tuple[str, str], ...], str]:
    """How a field's value holds models, for the slow path: ((``_ONE``, ``_LIST`` or ``_MAP``,
    model), ...), problem). The slow path looks for models as the value itself, as list items or
    as map values; a union may hold them in several of these ways (``Part | list[Part]``: msgspec
    tells a list from an object), each a row the slow path tries on the value's JSON kind. A union
    item is seen through (its members)."""
    t = expand_unions(t, spec)
    problem = _union_problem(t, spec)
    if problem:
        return (), problem
    ways: list[tuple[str, str]] = []
    for o in _options(t):
        if isinstance(o, Ref) and _is_model(o, spec):
            ways.append(("_ONE", o.name))
        elif isinstance(o, (ListOf, MapOf)):
            inner = o.item if isinstance(o, ListOf) else o.value
            if not _holds_model(inner, spec):
                continue
            models = [i for i in _options(inner) if isinstance(i, Ref) and _is_model(i, spec)]
            if not models or any(_holds_model(i, spec) for i in _options(inner) if not _is_model(i, spec)):
                return (), "a model nested deeper than a field's value, list items or map values"
            ways.append(("_LIST" if isinstance(o, ListOf) else "_MAP", models[0].name))
    return tuple(ways), ""  # one way of each kind at most: a union has one object-, array-like option


def problems(spec: Spec) -> list[Diagnostic]:
    """Fields the msgspec module cannot represent (W501, one per field); discriminated unions it
    cannot write as tagged Structs (W502, one per union: ``msgspec_tags``)."""
    found = struct_tags(spec)[1]
    tagged = {u.name for u in spec.unions if u.discriminator is not None}
    for model in spec.models:
        for f in model.fields:
            _, problem = nesting(f.type, spec)
            if not problem and f.wire_name != f.py_name and msgspec_cannot_rename(f.wire_name):
                problem = "a key msgspec cannot rename a field to (a backslash, a double quote or a control character)"
            if problem and not tagged.intersection(_union_names(f.type, spec)):  # W502 says it
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
        return whole  # black splits the call before the annotation: the formatter runs black on it
    return render(annotation, 4, len(tail)) + tail


def _holds_any(t: TypeExpr) -> bool:
    if isinstance(t, (AnyType, ObjectType)):
        return True
    if isinstance(t, ListOf):
        return _holds_any(t.item)
    if isinstance(t, MapOf):
        return _holds_any(t.value)
    if isinstance(t, UnionOf):
        return any(_holds_any(o) for o in t.options)
    return False


def _post_init(model: Model, spec: Spec) -> tuple[str, ...]:
    """Bound the depth of the values msgspec takes as they are (Any, objects of any shape), and
    refuse a null that msgspec's Any lets through where the field is not nullable."""
    lines: list[str] = []
    for f in model.fields:
        if is_any(f.type, spec) and not f.nullable:
            wire = py_str(f.wire_name)
            lines += [
                f"if self.{f.py_name} is None:",
                f'    raise _Invalid({wire}, "null is not allowed here")',
            ]
        if not _holds_any(expand_unions(f.type, spec)):
            continue
        check = f"_json_value(self.{f.py_name}, {py_str(f.wire_name)})"
        skip = [*(["UNSET"] if not f.required else []), *(["None"] if f.nullable else [])]
        if skip:
            cond = " and ".join(f"self.{f.py_name} is not {s}" for s in skip)
            lines += [f"if {cond}:", f"    {check}"]
        else:
            lines.append(check)
    return tuple(lines)


def _nested_row(model: Model, spec: Spec) -> str:
    """``Model: ((wire, how, child, (how, attr, wire)), ...)`` for the fields that hold models."""
    rows: list[Node] = []
    for f in model.fields:
        for held in nesting(f.type, spec)[0]:
            wire, attr = py_str(f.wire_name), py_str(f.py_name)
            child = f"_TAGS_{held[1]}" if isinstance(spec.get(held[1]), UnionDef) else held[1]
            rows.append(group("(", [wire, held[0], child, group("(", ["_ONE", attr, wire], ")")], ")"))
    if not rows:
        return ""
    return render(Seq((f"{model.name}: ", group("(", rows, ")"))), 4, 1)


def _model_view(
    m: Model, spec: Spec, style: Style, options: RenderOptions, tag: Optional[StructTag]
) -> MsgspecModelView:
    """A tagged member's literal field is not a Struct field (msgspec writes the tag) but a ClassVar."""
    kept = tuple(f for f in m.fields if tag is None or f.wire_name != tag.key)
    tag_field = next((f for f in m.fields if tag is not None and f.wire_name == tag.key), None)
    tag_line = ""
    if tag is not None and tag_field is not None:
        tag_line = f"{tag_field.py_name}: ClassVar[Literal[{py_str(tag.value)}]] = {py_str(tag.value)}"
    return MsgspecModelView(
        name=m.name,
        doc=model_doc(m, style),
        fields=tuple(MsgspecFieldView(_declaration(f, spec, style, options), field_doc(f)) for f in kept),
        post_init=_post_init(dataclasses.replace(m, fields=kept), spec),
        class_keywords=class_keywords(tag) if tag else "",
        tag_line=tag_line,
        tag_doc=field_doc(tag_field) if tag_line and tag_field else "",
    )


def _tag_tables(
    spec: Spec, tags: dict[str, StructTag]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The _TAGS_<Union> tables (tag → class, for the slow path), the _TAG_OF rows (class → (key,
    tag)) and the _NoTag classes' tag keys."""
    tables = []
    for u in spec.unions:
        if u.discriminator is not None:
            rows: list[Node] = [f"{py_str(v)}: {m}" for v, m in union_tags(u, spec)]
            table = group("(", [py_str(u.discriminator), group("{", rows, "}")], ")")
            tables.append(render(Seq((f"_TAGS_{u.name}: Final[tuple[str, dict[Any, Any]]] = ", table)), 0))
    tag_of = tuple(f"{m}: ({py_str(t.key)}, {py_str(t.value)})," for m, t in tags.items())
    keys = tuple(dict.fromkeys(t.key for t in tags.values()))
    return tuple(tables), tag_of, keys


def build_msgspec_module(spec: Spec, style: Style, options: RenderOptions) -> MsgspecModuleView:
    tags = struct_tags(spec)[0]
    models = [_model_view(m, spec, style, options, tags.get(m.name)) for m in spec.models]
    enums = [
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
    annotations = [fv.declaration for mv in models for fv in mv.fields]
    unions = union_views(spec, style, options)
    annotations += [u.alias for u in unions] + [m.tag_line for m in models]
    tables, tag_of, keys = _tag_tables(spec, tags)
    names = [e.name for e in spec.enums] + [m.name for m in spec.models] + [u.name for u in unions]
    names += style.exports
    doc = (
        f"Models of the API documents as {style.description}, generated by modelgen.\n\n"
        f"Unknown keys: {options.unknown_keys.value}. Enums: {'open' if options.open_enums else 'closed'}"
        " (an open enum keeps a value it does not know).\n\n"
        "Decoding tries msgspec alone first; only a document that fails there (an unknown key, or an"
        " error) is decoded again by a slower path that keeps the unknown keys at every level (in"
        " ``.extra``) or reports the error with its path. Encoding is msgspec alone unless a model in"
        " the tree holds unknown keys: msgspec cannot encode their holder, its encoder hook says so, and"
        " a slower path writes them back."
    )
    return MsgspecModuleView(
        style=style.name,
        doc=docstring(doc),
        typing_import=import_line("typing", typing_imports(style, annotations)),
        enums=tuple(enums),
        has_open_enums=any(e.alias for e in enums),
        models=tuple(models),
        unions=unions,
        tag_tables=tables,
        tag_of=tag_of,
        no_tag=tuple(NoTagView(f"_NoTag{i}", py_str(k)) for i, k in enumerate(keys)),
        decode_as=tuple(f"{m}._decode_as = Union[{m}, _NoTag{keys.index(t.key)}]" for m, t in tags.items()),
        nested=tuple(row for row in (_nested_row(m, spec) for m in spec.models) if row),
        all_names=tuple(py_str(n) for n in names),
        unknown_keys=py_str(options.unknown_keys.value),
        forbid_unknown="False" if options.unknown_keys is UnknownKeys.IGNORE else "True",
        extra_wire=py_str(hidden_extra_wire(spec)),
    )
