"""The generated round-trip tests' Hypothesis strategies: one function per model, making its
documents (required keys always, optional ones sometimes, unknown keys where they are kept).

Each strategy is a layout node (calls and lists only: a union is ``st.one_of(...)``), so the
strategy functions are laid out by the layout code, never by black.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.emit.decoder_source import enum_is_open  # the same open/closed decision as the models
from generator.emit.options import RenderOptions, UnknownKeys
from generator.model.ir import (
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
    UnionDef,
    UnionOf,
)
from generator.model.names import camel_to_snake, unique_name
from generator.pysrc.layout import Group, Node, Seq, flat, group, render, wrapped_return
from generator.pysrc.literals import py_str

EXTRA_KEYS_PER_MODEL = 2


@dataclass(frozen=True)
class KeyStrategy:
    key: str
    strategy: Node  # a Python expression evaluating to a SearchStrategy

    @property
    def expr(self) -> str:
        return flat(self.strategy)

    @property
    def entry(self) -> str:
        """``"key": strategy`` laid out for its place in the strategy function's dict."""
        return render(Seq((f"{py_str(self.key)}: ", self.strategy)), 8, 1)


@dataclass(frozen=True)
class ModelStrategy:
    model: str
    function: str  # name of the generated strategy function
    required: tuple[KeyStrategy, ...]
    optional: tuple[KeyStrategy, ...]

    @property
    def header(self) -> str:  # the strategy function's def line, laid out
        return wrapped_return(f"def {self.function}()", "st.SearchStrategy[dict[str, Any]]", 0)


def strategy_function_names(spec: Spec) -> dict[str, str]:
    """Model name → name of its generated strategy function (``fine_tuning_job_payloads``)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for model in spec.models:
        base = camel_to_snake(model.name).lower() + "_payloads"
        name = unique_name(base, used)
        used.add(name)
        out[model.name] = name
    return out


def strategy_expr(t: TypeExpr, spec: Spec, options: RenderOptions, functions: dict[str, str]) -> str:
    """A Hypothesis strategy expression (source, on one line) for a non-null value of type ``t``."""
    return flat(strategy_node(t, spec, options, functions))


def strategy_node(t: TypeExpr, spec: Spec, options: RenderOptions, functions: dict[str, str]) -> Node:
    """A Hypothesis strategy expression for a non-null value of type ``t``, as a layout node:
    calls and lists only (a union is ``st.one_of(...)``, not ``a | b``), so the layout code lays out
    every entry of a strategy function and black is never asked about one.

    Names it uses from the generated module: ``st``, ``TEXT``, ``INTS``, ``NUMBERS``, ``KEYS``,
    ``JSON_VALUES``, ``JSON_NOT_NULL``, ``JSON_OBJECTS``, ``open_enum`` and the model functions.
    """
    if isinstance(t, Scalar):
        return {"str": "TEXT", "int": "INTS", "float": "NUMBERS", "bool": "st.booleans()"}[t.name]
    if isinstance(t, AnyType):
        return "JSON_NOT_NULL"
    if isinstance(t, ObjectType):
        return "JSON_OBJECTS"
    if isinstance(t, ListOf):
        return group("st.lists(", [strategy_node(t.item, spec, options, functions), "max_size=3"], ")")
    if isinstance(t, MapOf):
        return group(
            "st.dictionaries(", ["KEYS", strategy_node(t.value, spec, options, functions), "max_size=3"], ")"
        )
    if isinstance(t, LiteralOf):
        if len(t.values) == 1:
            return f"st.just({py_str(t.values[0])})"
        return group("st.sampled_from(", [group("[", [py_str(v) for v in t.values], "]")], ")")
    if isinstance(t, UnionOf):
        return _one_of([strategy_node(o, spec, options, functions) for o in t.options])
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef):
            values = group("[", [py_str(v) for v in item.values], "]")
            return group("open_enum(" if enum_is_open(item, options) else "st.sampled_from(", [values], ")")
        if isinstance(item, Model):
            return f"st.deferred({functions[item.name]})"
        if isinstance(item, UnionDef):  # payloads of each member
            return _one_of([strategy_node(m, spec, options, functions) for m in item.members])
        raise ValueError(f"unresolved reference {t.name!r}")
    raise TypeError(f"not a type: {t!r}")


def _one_of(options: list[Node]) -> Node:
    """``st.one_of`` of the options, a nested one_of's options spliced in (as ``a | b`` would)."""
    flat_options: list[Node] = []
    for o in options:
        if isinstance(o, Group) and o.open == "st.one_of(":
            flat_options += o.items
        else:
            flat_options.append(o)
    return flat_options[0] if len(flat_options) == 1 else group("st.one_of(", flat_options, ")")


def field_strategy_node(f: Field, spec: Spec, options: RenderOptions, functions: dict[str, str]) -> Node:
    node = strategy_node(f.type, spec, options, functions)
    return _one_of(["st.none()", node]) if f.nullable else node


def field_strategy_expr(f: Field, spec: Spec, options: RenderOptions, functions: dict[str, str]) -> str:
    return flat(field_strategy_node(f, spec, options, functions))


def extra_key_names(model: Model, count: int = EXTRA_KEYS_PER_MODEL) -> list[str]:
    """Unknown keys for ``model``: clash with no wire name and no Python name of its fields."""
    taken = {f.wire_name for f in model.fields} | {f.py_name for f in model.fields} | {"extra"}
    out: list[str] = []
    n = 0
    while len(out) < count:
        n += 1
        name = f"unknown_key_{n}"
        if name not in taken:
            out.append(name)
    return out


def model_strategies(spec: Spec, options: RenderOptions) -> list[ModelStrategy]:
    functions = strategy_function_names(spec)
    out = []
    for model in spec.models:
        required = tuple(
            KeyStrategy(f.wire_name, field_strategy_node(f, spec, options, functions))
            for f in model.fields
            if f.required
        )
        optional = [
            KeyStrategy(f.wire_name, field_strategy_node(f, spec, options, functions))
            for f in model.fields
            if not f.required
        ]
        if options.unknown_keys is UnknownKeys.KEEP:
            optional += [KeyStrategy(k, "JSON_VALUES") for k in extra_key_names(model)]
        out.append(ModelStrategy(model.name, functions[model.name], required, tuple(optional)))
    return out
