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
import textwrap
from dataclasses import dataclass

from generator.ir import (
    AnyType,
    EnumDef,
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
    UnionOf,
    refs_of,
)
from generator.naming import camel_to_snake
from generator.options import STYLES, UNKNOWN_KEY_POLICIES, RenderOptions

CLASS_STYLES = ("dataclass", "attrs", "pydantic")
DOC_WIDTH = 96  # docstring text width before the template's indentation

# Names an annotation may use: a TypedDict key with one of these names would shadow it.
_ANNOTATION_NAMES = frozenset(
    {"str", "int", "float", "bool", "list", "dict", "Any", "Optional", "Union", "Literal"}
)


# ---------------------------------------------------------------------------------------------
# strings


def py_str(value: str | int | bool) -> str:
    """A Python literal for a scalar from a document: always ``repr`` (never raw text)."""
    return repr(value)


def docstring(text: str, indent: str = "") -> str:
    """A triple-quoted docstring literal for ``text``, safe for any text, wrapped, indented.

    Backslashes are doubled, control characters (other than newlines) become escapes, runs of
    quotes are broken (``\"\"\"`` never appears unescaped) and a trailing quote is escaped, so no
    description can end the string early or inject code. Empty text gives ``""``.
    """
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return ""
    lines: list[str] = []
    for i, p in enumerate(paragraphs):
        if i:
            lines.append("")
        lines += textwrap.wrap(p, DOC_WIDTH, break_long_words=False, break_on_hyphens=False) or [""]
    body = ("\n" + indent).join(_escape_doc_line(line) if line else "" for line in lines)
    if len(lines) > 1:
        body += "\n" + indent
    return f'"""{body}"""'


def _escape_doc_line(line: str) -> str:
    out = []
    for ch in line:
        if ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 32 or ch in "\x7f\u2028\u2029\x85":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    # a quote followed by a quote, or last on the line (before the closing quotes), is escaped: no
    # two unescaped quotes ever touch, so nothing can close the string early
    return re.sub(r'"(?="|$)', r'\\"', "".join(out))


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
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        out.append(name)
    return tuple(out)


def enum_is_open(enum: EnumDef, options: RenderOptions) -> bool:
    return options.open_enums and enum.open


# ---------------------------------------------------------------------------------------------
# annotations


def _join_union(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    if len(unique) == 1:
        return unique[0]
    if len(unique) == 2 and "None" in unique:
        return f"Optional[{next(p for p in unique if p != 'None')}]"
    return "Union[" + ", ".join(unique) + "]"


def _literal_parts(t: LiteralOf) -> list[str]:
    return ["Literal[" + ", ".join(py_str(v) for v in t.values) + "]"]


def annotation_parts(t: TypeExpr, spec: Spec, style: str, options: RenderOptions) -> list[str]:
    """The members of a type's annotation in ``style`` (a union is flattened into its members)."""
    strict = style == "pydantic"
    if isinstance(t, Scalar):
        if strict:
            return {"str": ["StrictStr"], "int": ["StrictInt"], "float": ["StrictInt", "StrictFloat"]}.get(
                t.name, ["StrictBool"]
            )
        return [t.name]
    if isinstance(t, AnyType):
        return ["Any"]
    if isinstance(t, ObjectType):
        return ["dict[str, Any]"]
    if isinstance(t, ListOf):
        return [f"list[{annotation(t.item, spec, style, options)}]"]
    if isinstance(t, MapOf):
        return [f"dict[str, {annotation(t.value, spec, style, options)}]"]
    if isinstance(t, LiteralOf):
        return _literal_parts(t)
    if isinstance(t, UnionOf):
        return [p for o in t.options for p in annotation_parts(o, spec, style, options)]
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef) and style != "typeddict" and enum_is_open(item, options):
            if strict:
                return [f"Annotated[Union[{item.name}, StrictStr], Field(union_mode='left_to_right')]"]
            return [item.name, "str"]
        return [t.name]
    raise TypeError(f"not a type: {t!r}")


def annotation(t: TypeExpr, spec: Spec, style: str, options: RenderOptions) -> str:
    """The annotation of a (non-null) value of type ``t`` in ``style``."""
    return _join_union(annotation_parts(t, spec, style, options))


def value_annotation(f: Field, spec: Spec, style: str, options: RenderOptions) -> str:
    """The annotation of a present value of ``f``: its type, or None when nullable."""
    return _join_union(annotation_parts(f.type, spec, style, options) + (["None"] if f.nullable else []))


def field_annotation(f: Field, spec: Spec, style: str, options: RenderOptions) -> str:
    """The attribute / key annotation of ``f`` in ``style``.

    Class styles add ``UnsetType`` to non-required fields (absent stays absent). Pydantic adds
    None to non-required fields (its default; exclude_unset keeps them absent) and rejects an
    explicit null for a non-nullable field with ``BeforeValidator(_not_null)``, which names the
    field's path. TypedDict: non-required keys are simply not required.
    """
    parts = annotation_parts(f.type, spec, style, options)
    if style == "pydantic":
        text = _join_union(parts + (["None"] if f.nullable or not f.required else []))
        if not f.nullable and (not f.required or isinstance(f.type, AnyType)):
            text = f"Annotated[{text}, BeforeValidator(_not_null)]"
        return text
    if style == "typeddict":
        return _join_union(parts + (["None"] if f.nullable else []))
    return _join_union(parts + (["None"] if f.nullable else []) + ([] if f.required else ["UnsetType"]))


def field_default(f: Field, style: str) -> str:
    """What follows the annotation in the class body (`` = UNSET``, pydantic's Field(...), or "")."""
    if style == "pydantic":
        alias = f.wire_name != f.py_name
        if f.required:
            return f" = Field(alias={py_str(f.wire_name)})" if alias else ""
        return f" = Field(default=None, alias={py_str(f.wire_name)})" if alias else " = None"
    if style in ("dataclass", "attrs") and not f.required:
        return " = UNSET"
    return ""


def field_order(model: Model, style: str) -> tuple[Field, ...]:
    """Class body order: dataclass (no kw_only on 3.9) puts required fields first, stably."""
    if style == "dataclass":
        return tuple(f for f in model.fields if f.required) + tuple(f for f in model.fields if not f.required)
    return model.fields


# ---------------------------------------------------------------------------------------------
# decoders and encoders


def _describe(t: TypeExpr) -> str:
    if isinstance(t, Scalar):
        return t.name
    if isinstance(t, LiteralOf):
        return " or ".join(repr(v) for v in t.values)
    if isinstance(t, UnionOf):
        return " or ".join(_describe(o) for o in t.options)
    if isinstance(t, Ref):
        return t.name
    if isinstance(t, ListOf):
        return "a list"
    if isinstance(t, (MapOf, ObjectType)):
        return "an object"
    return "a JSON value"


def decoder_expr(t: TypeExpr, spec: Spec, style: str, options: RenderOptions) -> str:
    """A Python expression for a decoder ``(value, path) -> T`` built from the runtime combinators.

    Models decode through ``Name._decode`` (class styles) or are checked by ``_check_Name``
    (TypedDict). Enums: ``_enum``/``_open_enum`` (class styles); TypedDict enums are literals, so
    a closed one is a ``_literal`` and an open one any string.
    """
    if isinstance(t, Scalar):
        return "_" + t.name
    if isinstance(t, AnyType):
        return "_any"
    if isinstance(t, ObjectType):
        return "_object"
    if isinstance(t, ListOf):
        return f"_list({decoder_expr(t.item, spec, style, options)})"
    if isinstance(t, MapOf):
        return f"_map({decoder_expr(t.value, spec, style, options)})"
    if isinstance(t, LiteralOf):
        return "_literal((" + "".join(py_str(v) + ", " for v in t.values) + "))"
    if isinstance(t, UnionOf):
        options_src = "".join(decoder_expr(o, spec, style, options) + ", " for o in t.options)
        return f"_union(({options_src}), {py_str(_describe(t))})"
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef):
            is_open = enum_is_open(item, options)
            if style == "typeddict":
                return (
                    "_str"
                    if is_open
                    else "_literal((" + "".join(py_str(v) + ", " for v in item.values) + "))"
                )
            return f"_open_enum({item.name})" if is_open else f"_enum({item.name})"
        if isinstance(item, Model):
            return f"_check_{item.name}" if style == "typeddict" else f"{item.name}._decode"
        raise ValueError(f"unresolved reference {t.name!r}")
    raise TypeError(f"not a type: {t!r}")


def field_decoder_expr(f: Field, spec: Spec, style: str, options: RenderOptions) -> str:
    expr = decoder_expr(f.type, spec, style, options)
    if f.nullable:
        return f"_nullable({expr})"
    if isinstance(f.type, AnyType):
        return f"_not_null({expr})"
    return expr


def _is_plain(t: TypeExpr) -> bool:
    """A value written to JSON as it is (no enum, model or container inside)."""
    if isinstance(t, (Scalar, LiteralOf)):
        return True
    if isinstance(t, UnionOf):
        return all(_is_plain(o) for o in t.options)
    return False


def encode_expr(f: Field) -> str:
    """The to_dict expression for a field's value: as-is for scalars/literals, else ``_encode``."""
    attr = f"self.{f.py_name}"
    return attr if _is_plain(f.type) else f"_encode({attr})"


# ---------------------------------------------------------------------------------------------
# view records


@dataclass(frozen=True)
class FieldView:
    py_name: str
    key: str  # the wire name itself (TypedDict class syntax; only used when it is a safe identifier)
    wire: str  # repr of the wire name
    required: bool
    annotation: str  # attribute / key annotation
    default: str  # " = UNSET", " = Field(...)", or ""
    doc: str  # docstring literal (indented for a class body) or ""
    decoder_var: str  # module-level name of the bound decoder
    decoder_type: str  # annotation of the decoder's result
    decoder: str  # decoder expression
    getter: str  # "_required" or "_optional"
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
    keys: str  # its source
    loader: str  # TypedDict: load_<snake_name>
    functional: bool  # TypedDict: a key cannot be written in the class syntax
    optional_base: str  # TypedDict: name of the total=False base ("" when no optional keys)
    required_base: str  # TypedDict functional syntax: name of the required-keys part
    rebuild: bool  # pydantic: refers to an item defined later (forward reference)


@dataclass(frozen=True)
class EnumMemberView:
    name: str
    value: str  # repr


@dataclass(frozen=True)
class EnumView:
    name: str
    doc: str
    members: tuple[EnumMemberView, ...]
    alias: str  # TypedDict: the Literal alias expression


@dataclass(frozen=True)
class ModuleView:
    style: str
    doc: str
    typing_imports: str  # "Any, Optional, ..."
    pydantic_imports: str  # "BaseModel, ConfigDict, ..." (pydantic style)
    enums: tuple[EnumView, ...]
    models: tuple[ModelView, ...]
    all_names: tuple[str, ...]
    unknown_keys: str  # repr of the policy
    pydantic_extra: str  # repr: "allow" | "ignore" | "forbid"
    runtime_unset: bool  # the runtime defines UNSET and the encoder (class styles)


_MODULE_DOCS = {
    "dataclass": "standard-library dataclasses",
    "attrs": "attrs classes",
    "pydantic": "Pydantic v2 models",
    "typeddict": "TypedDicts with validating loaders",
}

_RUNTIME_TYPING = {"Any", "Callable", "NoReturn", "Optional", "TypeVar", "Union"}
TYPING_NAMES = (
    "Annotated",
    "Any",
    "Callable",
    "ClassVar",
    "Final",
    "Literal",
    "NoReturn",
    "Optional",
    "TypeVar",
    "TypedDict",
    "Union",
    "cast",
)


def typing_imports(style: str, annotations: list[str]) -> str:
    """The names imported from ``typing``: the runtime's own plus those the annotations use."""
    used = set()
    if style != "pydantic":
        used |= _RUNTIME_TYPING
    if style in ("dataclass", "attrs"):
        used.add("Final")
    if style == "typeddict":
        used |= {"TypedDict", "cast"}
    if style == "pydantic":
        used |= {"Any", "TypeVar"}
    text = " ".join(annotations)
    used |= {n for n in TYPING_NAMES if re.search(rf"\b{n}\[", text) or re.search(rf"\b{n}\b", text)}
    return ", ".join(sorted(used))


_PYDANTIC_NAMES = ("BeforeValidator", "Field", "StrictBool", "StrictFloat", "StrictInt", "StrictStr")


def pydantic_imports(annotations: list[str]) -> str:
    """The names imported from ``pydantic``: the base's own plus those the fields use."""
    text = " ".join(annotations)
    used = {"BaseModel", "ConfigDict"} | {n for n in _PYDANTIC_NAMES if re.search(rf"\b{n}\b", text)}
    return ", ".join(sorted(used))


def model_doc(model: Model, style: str) -> str:
    """The class docstring; a TypedDict cannot document its keys one by one, so it lists them."""
    text = model.description or f"The {model.name} object."
    if style == "typeddict":
        keys = [f"``{f.wire_name}``: {f.description}" for f in model.fields if f.description]
        text = "\n\n".join([text, *keys])
    return docstring(text, "    ")


def loader_names(spec: Spec) -> dict[str, str]:
    """Model name → ``load_<snake_name>`` (unique)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for m in spec.models:
        base = "load_" + camel_to_snake(m.name).lower()
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        out[m.name] = name
    return out


def typeddict_needs_functional(model: Model, spec: Spec) -> bool:
    """True when a wire key cannot be a TypedDict class-syntax key (or would shadow a name)."""
    names = {i.name for i in spec.items} | _ANNOTATION_NAMES
    return any(
        not f.wire_name.isidentifier()
        or not f.wire_name.isascii()
        or keyword.iskeyword(f.wire_name)
        or f.wire_name in names
        for f in model.fields
    )


def check_names(spec: Spec) -> None:
    """Internal assertion: the pipeline has rejected unsafe model and enum names (E205) already.

    ``generator.safety.check_spec_names`` reports them as diagnostics; reaching here with one is a
    bug in the caller, not a problem of the documents.
    """
    from generator.safety import check_spec_names

    problems = check_spec_names(spec)
    if problems:
        raise ValueError(
            "internal error: unsafe names reached the emitter: " + "; ".join(d.message for d in problems)
        )


def _field_doc(f: Field) -> str:
    text = f.description
    if f.deprecated:
        text = ("Deprecated. " + text).strip()
    return docstring(text, "    ")


def _decoder_var(model: Model, f: Field, used: set[str]) -> str:
    base = f"_DEC_{model.name}_{f.py_name}"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base}_{n}"
    used.add(name)
    return name


def build_module(spec: Spec, style: str, options: RenderOptions) -> ModuleView:
    """Everything the template of ``style`` lays out."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}")
    if options.unknown_keys not in UNKNOWN_KEY_POLICIES:
        raise ValueError(f"unknown unknown_keys policy {options.unknown_keys!r}")
    check_names(spec)
    loaders = loader_names(spec)
    used_vars: set[str] = set()
    position = {item.name: i for i, item in enumerate(spec.items)}
    models: list[ModelView] = []
    annotations: list[str] = []
    for model in spec.models:
        views: dict[str, FieldView] = {}
        for f in model.fields:
            view = FieldView(
                py_name=f.py_name,
                key=f.wire_name,
                wire=py_str(f.wire_name),
                required=f.required,
                annotation=field_annotation(f, spec, style, options),
                default=field_default(f, style),
                doc=_field_doc(f),
                decoder_var=_decoder_var(model, f, used_vars),
                decoder_type=value_annotation(f, spec, style, options),
                decoder=field_decoder_expr(f, spec, style, options),
                getter="_required" if f.required else "_optional",
                encode=encode_expr(f),
            )
            views[f.wire_name] = view
            annotations += [view.annotation, view.decoder_type, view.default]
        wire_order = tuple(views[f.wire_name] for f in model.fields)
        functional = style == "typeddict" and typeddict_needs_functional(model, spec)
        optional = tuple(v for v in wire_order if not v.required)
        later = any(position.get(r, -1) > position[model.name] for f in model.fields for r in refs_of(f.type))
        models.append(
            ModelView(
                name=model.name,
                doc=model_doc(model, style),
                fields=tuple(views[f.wire_name] for f in field_order(model, style)),
                wire_order=wire_order,
                required=tuple(v for v in wire_order if v.required),
                optional=optional,
                keys_var=f"_KEYS_{model.name}",
                keys="frozenset({" + ", ".join(v.wire for v in wire_order) + "})",
                loader=loaders[model.name],
                functional=functional,
                optional_base=f"_{model.name}Optional" if optional else "",
                required_base=f"_{model.name}Required" if functional else "",
                rebuild=style == "pydantic" and later,
            )
        )
    enums = []
    for e in spec.enums:
        literal = "Literal[" + ", ".join(py_str(v) for v in e.values) + "]" if e.values else "str"
        alias = f"Union[{literal}, str]" if enum_is_open(e, options) and e.values else literal
        annotations.append(alias if style == "typeddict" else "")
        members = tuple(
            EnumMemberView(n, py_str(v)) for n, v in zip(enum_member_names(e.values), e.values, strict=True)
        )
        enums.append(
            EnumView(e.name, docstring(e.description or f"The {e.name} values.", "    "), members, alias)
        )
    names = [e.name for e in spec.enums] + [m.name for m in spec.models]
    if style == "typeddict":
        names += [loaders[m.name] for m in spec.models]
    else:
        names += ["UNSET", "UnsetType"] if style != "pydantic" else []
    names += ["MODELS", "ValidationError"] if style != "pydantic" else ["MODELS"]
    doc = (
        f"Models of the API documents as {_MODULE_DOCS[style]}, generated by modelgen.\n\n"
        f"Unknown keys: {options.unknown_keys}. Enums: {'open' if options.open_enums else 'closed'}"
        " (an open enum keeps a value it does not know)."
    )
    return ModuleView(
        style=style,
        doc=docstring(doc),
        typing_imports=typing_imports(style, annotations),
        pydantic_imports=pydantic_imports(annotations),
        enums=tuple(enums),
        models=tuple(models),
        all_names=tuple(py_str(n) for n in names),
        unknown_keys=py_str(options.unknown_keys),
        pydantic_extra=py_str({"keep": "allow"}.get(options.unknown_keys, options.unknown_keys)),
        runtime_unset=style in ("dataclass", "attrs"),
    )
