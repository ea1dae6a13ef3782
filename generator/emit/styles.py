"""Per-style decisions for the generated modules, as pure functions of the Spec and the options.

Every choice the templates need is made here and handed over as small frozen view records
(``ModuleView`` → ``ModelView`` / ``EnumView`` → ``FieldView``): annotations, defaults, decoder
expressions, encoders, imports, field order, enum member names and escaped docstrings. The
templates in ``templates/<style>/`` only loop over these records and lay them out.

Every string that came from a document reaches the output through ``repr`` (``py_str``) or the
docstring escaper (``docstring``); every name is an identifier (the resolver guarantees model and
field names; enum member names are made here).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

from generator.emit.annotations import field_annotation_node, field_default
from generator.emit.decoder_source import (
    decode_lines,
    encode_expr,
    enum_is_open,
    enum_table,
    slow_decoder_expr,
)
from generator.emit.model_lines import ModelLines, checker_def, decoder_def, model_lines
from generator.emit.options import RenderOptions, UnknownKeys
from generator.emit.reserved import TYPING_NAMES, check_spec_names
from generator.emit.style import Style
from generator.emit.union_view import UnionView, union_views
from generator.model.ir import (
    Field,
    Model,
    Spec,
    UnionDef,
    refs_of,
)
from generator.model.names import camel_to_snake, unique_name
from generator.pysrc.layout import Group, Node, Seq, flat, group, hugged, render
from generator.pysrc.literals import (
    docstring,
    exploded,
    frozenset_source,
    import_line,
    py_str,
)

# Names an annotation may use: a TypedDict key with one of these names would shadow it.
_ANNOTATION_NAMES = frozenset(
    {"str", "int", "float", "bool", "list", "dict", "Any", "Optional", "Union", "Literal"}
)


# ---------------------------------------------------------------------------------------------
# enums


def enum_member_names(values: tuple[str, ...]) -> tuple[str, ...]:
    """Upper snake case member names for enum values: identifiers, no keywords, no collisions.

    ``validating_files`` → ``VALIDATING_FILES``, ``fine_tuning.job`` → ``FINE_TUNING_JOB``,
    ``inProgress`` → ``IN_PROGRESS``, ``1x`` → ``VALUE_1X``, ``""`` → ``EMPTY``; a name taken
    twice gets ``_2``, ``_3``…
    """
    out: list[str] = []
    taken: set[str] = set()
    for value in values:
        base = re.sub(r"\W", "_", camel_to_snake(value), flags=re.ASCII)
        base = re.sub(r"_+", "_", base).strip("_").upper()
        if not base:
            base = "EMPTY" if value == "" else "VALUE"
        elif base[0].isdigit():
            base = "VALUE_" + base
        if keyword.iskeyword(base) or keyword.issoftkeyword(base) or base == "MRO":
            base += "_"
        name = unique_name(base, taken)
        taken.add(name)
        out.append(name)
    return tuple(out)


def field_order(model: Model, style: Style) -> tuple[Field, ...]:
    """Class body order: dataclass (no kw_only on 3.9) puts required fields first, stably."""
    if style.required_fields_first:
        return tuple(f for f in model.fields if f.required) + tuple(f for f in model.fields if not f.required)
    return model.fields


# ---------------------------------------------------------------------------------------------
# view records


@dataclass(frozen=True)
class FieldView:
    py_name: str
    key: str  # the wire name itself (TypedDict class syntax; only used when it is a safe identifier)
    wire: str  # the wire name's literal
    required: bool
    annotation: str  # attribute / key annotation
    default: str  # " = UNSET", " = Field(...)", or ""
    declaration: str  # the class body line(s): "name: annotation" and the default
    doc: str  # docstring literal (indented for a class body) or ""
    var: str  # the local variable of its value in _decode
    decode: tuple[str, ...]  # statements turning the raw value into the field's value
    binding: str  # "_DEC_Model_3 = <its general decoder>" when that is built by a call, else ""
    encode: str  # to_dict value expression


@dataclass(frozen=True)
class ModelView:
    name: str
    doc: str  # class docstring literal, indented for a class body
    fields: tuple[FieldView, ...]  # class body order
    wire_order: tuple[FieldView, ...]  # the model's own order (decode, encode)
    required: tuple[FieldView, ...]
    optional: tuple[FieldView, ...]
    keys_var: str  # module-level frozenset of wire names
    keys_src: str  # its source
    required_var: str  # module-level tuple of the required wire names, in order
    required_src: str  # its source
    count: str  # how many known keys a document has: a number, or "n" when some are optional
    encode_head: tuple[FieldView, ...]  # to_dict: the leading required fields, in one dict display
    encode_tail: tuple[FieldView, ...]  # to_dict: the rest, one statement each
    decoder_def: str  # the "def _decode_<Model>(...):" (TypedDict: "def _check_<Model>(...):") line(s)
    from_dict_def: str  # class styles' from_dict and from_json: signatures and returns, laid out
    from_dict_return: str
    from_json_def: str
    from_json_return: str
    missing_call: str  # "_missing(d, path, _REQUIRED_<Model>)", laid out
    lines: ModelLines  # the statements with the model's name in them, laid out (emit.model_lines)
    export: str  # what MODELS maps the name to: the class, or the TypedDict loader
    loader: str  # TypedDict: load_<snake_name>
    loader_doc: str  # TypedDict: the loader's docstring literal
    functional: bool  # TypedDict: a key cannot be written in the class syntax
    optional_base: str  # TypedDict: name of the total=False base ("" when no optional keys)
    required_base: str  # TypedDict functional syntax: name of the required-keys part
    rebuild: bool  # pydantic: refers to an item defined later (forward reference)


@dataclass(frozen=True)
class EnumMemberView:
    name: str
    value: str  # literal


@dataclass(frozen=True)
class EnumView:
    name: str
    doc: str
    members: tuple[EnumMemberView, ...]
    alias: str  # TypedDict: the Literal alias expression
    table: str  # class styles: the value -> member table


@dataclass(frozen=True)
class ModuleView:
    style: str
    doc: str
    typing_import: str  # "from typing import ..."
    pydantic_import: str  # "from pydantic import ..." (pydantic style)
    enums: tuple[EnumView, ...]
    models: tuple[ModelView, ...]
    unions: tuple[UnionView, ...]  # type aliases, each after those it names
    all_names: tuple[str, ...]
    unknown_keys: str  # literal of the policy
    pydantic_extra: str  # literal: "allow" | "ignore" | "forbid"
    runtime_unset: bool  # the runtime defines UNSET and the encoder (class styles)
    literal_markers: bool = False  # an annotation carries one of the style's literal markers


_NAME_USES = {n: re.compile(rf"\b{n}\b") for n in TYPING_NAMES}


def typing_imports(style: Style, annotations: list[str]) -> list[str]:
    """The names imported from ``typing``: the runtime's own plus those the annotations use."""
    used = set(style.runtime_typing)
    text = " ".join(set(annotations))
    used |= {n for n in TYPING_NAMES if _NAME_USES[n].search(text)}
    return sorted(used)


# the typing names the class styles' and TypedDict's shared runtime uses
CLASS_RUNTIME_TYPING = frozenset({"Any", "Callable", "Final", "NoReturn", "TypeVar", "Union"})
_PYDANTIC_EXTRA = {UnknownKeys.KEEP: "allow", UnknownKeys.IGNORE: "ignore", UnknownKeys.FORBID: "forbid"}
_PYDANTIC_NAMES = ("Field", "StrictBool", "StrictFloat", "StrictInt", "StrictStr")


def pydantic_imports(annotations: list[str]) -> list[str]:
    """The names imported from ``pydantic``: the base's own plus those the fields use."""
    text = " ".join(set(annotations))
    used = {"BaseModel", "BeforeValidator", "ConfigDict", "GetCoreSchemaHandler"}
    used |= {n for n in _PYDANTIC_NAMES if re.search(rf"\b{n}\b", text)}
    return sorted(used)


def model_doc(model: Model, style: Style) -> str:
    """The class docstring; a TypedDict cannot document its keys one by one, so it lists them."""
    text = model.description or f"The {model.name} object."
    if style.models_are_dicts:
        keys = [f"``{f.wire_name}``: {f.description}" for f in model.fields if f.description]
        text = "\n\n".join([text, *keys])
    return docstring(text, "    ")


def loader_names(spec: Spec) -> dict[str, str]:
    """Model name → ``load_<snake_name>`` (unique)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for m in spec.models:
        base = "load_" + camel_to_snake(m.name).lower()
        name = unique_name(base, used)
        used.add(name)
        out[m.name] = name
    return out


def typeddict_needs_functional(model: Model, spec: Spec) -> bool:
    """True when a wire key cannot be a TypedDict class-syntax key (or would shadow a name)."""
    return any(
        not f.wire_name.isidentifier()
        or not f.wire_name.isascii()
        or keyword.iskeyword(f.wire_name)
        or f.wire_name in _ANNOTATION_NAMES
        or spec.get(f.wire_name) is not None
        for f in model.fields
    )


def check_names(spec: Spec) -> None:
    """Internal assertion: the pipeline has rejected unsafe model and enum names (E205) already.

    ``generator.emit.reserved.check_spec_names`` reports them as diagnostics; reaching here with one is a
    bug in the caller, not a problem of the documents.
    """
    problems = check_spec_names(spec)
    if problems:
        raise ValueError(
            "internal error: unsafe names reached the emitter: " + "; ".join(d.message for d in problems)
        )


def field_doc(f: Field) -> str:
    """A field's docstring literal, in a class body."""
    text = f.description
    if f.deprecated:
        text = ("Deprecated. " + text).strip()
    return docstring(text, "    ")


def _field_view(
    model: Model, f: Field, index: int, spec: Spec, style: Style, options: RenderOptions
) -> FieldView:
    var = f"v{index}"
    decoder = slow_decoder_expr(f, spec, style, options)
    # a decoder built by a call is bound once, to a name that pairs with the local variable
    binding = f"_DEC_{model.name}_{index}" if isinstance(decoder, Group) else ""
    default = field_default(f, style)
    name = f.wire_name if style.models_are_dicts else f.py_name
    annotation = field_annotation_node(f, spec, style, options)
    declaration = render(Seq((f"{name}: ", annotation)), 4, len(default))
    return FieldView(
        py_name=f.py_name,
        key=f.wire_name,
        wire=py_str(f.wire_name),
        required=f.required,
        annotation=flat(annotation),
        default=default,
        declaration=declaration + default,
        doc=field_doc(f),
        var=var,
        decode=decode_lines(f, spec, style, options, var, binding or flat(decoder)),
        binding=render(Seq((f"{binding} = ", decoder)), 0) if binding else "",
        # required fields are read from self; an optional one was read into its variable first
        encode=(encode_expr(f, spec, f"self.{f.py_name}" if f.required else var) if style.own_codec else ""),
    )


def _model_view(
    model: Model, spec: Spec, style: Style, options: RenderOptions, loader: str, rebuild: bool
) -> ModelView:
    views = {f.wire_name: _field_view(model, f, i, spec, style, options) for i, f in enumerate(model.fields)}
    wire_order = tuple(views[f.wire_name] for f in model.fields)
    fields = tuple(views[f.wire_name] for f in field_order(model, style))
    required = tuple(v for v in wire_order if v.required)
    optional = tuple(v for v in wire_order if not v.required)
    head_len = next((i for i, v in enumerate(wire_order) if not v.required), len(wire_order))
    functional = style.models_are_dicts and typeddict_needs_functional(model, spec)
    return ModelView(
        name=model.name,
        doc=model_doc(model, style),
        fields=fields,
        wire_order=wire_order,
        required=required,
        optional=optional,
        keys_var=f"_KEYS_{model.name}",
        keys_src=frozenset_source([v.wire for v in wire_order]),
        required_var=f"_REQUIRED_{model.name}",
        required_src=exploded([v.wire for v in required]),
        count="n" if optional else str(len(required)),
        encode_head=wire_order[:head_len],
        encode_tail=wire_order[head_len:],
        decoder_def=checker_def(model.name) if style.models_are_dicts else decoder_def(model.name),
        from_dict_def=hugged("def from_dict(", ["cls", "data: Any"], f") -> {model.name}:", 4),
        from_dict_return=hugged(f"return _decode_{model.name}(", ["data", '""', "cls"], ")", 8),
        from_json_def=hugged("def from_json(", ["cls", "text: Union[str, bytes]"], f") -> {model.name}:", 4),
        from_json_return=hugged(f"return _decode_{model.name}(", ["_loads(text)", '""', "cls"], ")", 8),
        # in the decode body, which the templates indent by 8 more
        missing_call=hugged("_missing(", ["d", "path", f"_REQUIRED_{model.name}"], ")", 12, 4),
        lines=model_lines(
            model.name, loader, [v.wire for v in wire_order], [v.wire for v in required], functional
        ),
        export=loader if style.models_are_dicts else model.name,
        loader=loader,
        loader_doc=docstring(
            f"Check that ``data`` is a valid {model.name} document (a ValidationError names the bad"
            " path); return it unchanged.",
            "    ",
        ),
        functional=functional,
        optional_base=f"_{model.name}Optional" if optional else "",
        required_base=f"_{model.name}Required" if functional else "",
        rebuild=rebuild,
    )


def build_module(spec: Spec, style: Style, options: RenderOptions) -> ModuleView:
    """Everything the template of ``style`` lays out (the styles whose modules follow the class
    and TypedDict templates; msgspec has its own view, ``generator.emit.msgspec_view``)."""
    check_names(spec)
    loaders = loader_names(spec)
    position = {item.name: i for i, item in enumerate(spec.items)}
    models: list[ModelView] = []
    annotations: list[str] = []
    for model in spec.models:
        refs = [r for f in model.fields for r in refs_of(f.type)]
        # a union's alias is defined after every model: a model that names one is rebuilt too
        later = any(
            position.get(r, -1) > position[model.name] or isinstance(spec.get(r), UnionDef) for r in refs
        )
        view = _model_view(
            model, spec, style, options, loaders[model.name], style.rebuilds_forward_refs and later
        )
        models.append(view)
        for fv in view.wire_order:
            annotations += [fv.annotation, fv.default]
    enums = []
    for e in spec.enums:
        literal: Node = group("Literal[", [py_str(v) for v in e.values], "]") if e.values else "str"
        alias_node = (
            group("Union[", [literal, "str"], "]") if enum_is_open(e, options) and e.values else literal
        )
        alias = render(Seq((f"{e.name} = ", alias_node)), 0)[len(e.name) + 3 :]
        annotations.append(alias if style.models_are_dicts else "")
        members = tuple(
            EnumMemberView(n, py_str(v)) for n, v in zip(enum_member_names(e.values), e.values, strict=True)
        )
        enums.append(
            EnumView(
                e.name,
                docstring(e.description or f"The {e.name} values.", "    "),
                members,
                alias,
                enum_table(e.name),
            )
        )
    unions = union_views(spec, style, options)
    annotations += [u.alias for u in unions]
    names = [e.name for e in spec.enums] + [m.name for m in spec.models] + [u.name for u in unions]
    if style.models_are_dicts:
        names += [loaders[m.name] for m in spec.models]
    names += style.exports
    doc = (
        f"Models of the API documents as {style.description}, generated by modelgen.\n\n"
        f"Unknown keys: {options.unknown_keys.value}. Enums: {'open' if options.open_enums else 'closed'}"
        " (an open enum keeps a value it does not know)."
    )
    return ModuleView(
        style=style.name,
        doc=docstring(doc),
        typing_import=import_line("typing", typing_imports(style, annotations)),
        pydantic_import=import_line("pydantic", pydantic_imports(annotations)),
        enums=tuple(enums),
        models=tuple(models),
        unions=unions,
        all_names=tuple(py_str(n) for n in names),
        unknown_keys=py_str(options.unknown_keys.value),
        pydantic_extra=py_str(_PYDANTIC_EXTRA[options.unknown_keys]),
        runtime_unset=style.own_codec,
        literal_markers=any(m in a for m in style.literal_markers.values() for a in annotations),
    )
