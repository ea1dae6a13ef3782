"""The generated round-trip tests: decisions (strategies, examples, mutations) and their rendering.

Everything here is a pure function of the Spec and the RenderOptions. The decisions come out as
Python source snippets (strategy expressions, literals) and records; the template
``templates/tests/test_roundtrip.py.jinja`` only loops over them and lays them out.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Optional

from generator.emit.decoder_source import (
    enum_is_open,
    union_tags,
)  # the same open/closed decision as the models
from generator.emit.options import RenderOptions, UnknownKeys
from generator.emit.render import environment
from generator.emit.strategies import extra_key_names, model_strategies
from generator.emit.style import RoundTrip, Style
from generator.model.ir import (
    AnyType,
    EnumDef,
    Field,
    Item,
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
from generator.pysrc.layout import Node, Seq, flat, group, render
from generator.pysrc.literals import LINE_LENGTH, py_str
from generator.reconcile.conformance import UNKNOWN_KEY, problems

TEMPLATE = "tests/test_roundtrip.py.jinja"
ROUND_TRIP_EXAMPLES = 25  # Hypothesis examples per model for the round trips
INVALID_EXAMPLES = 10  # Hypothesis examples per model, each broken in every way


# ---------------------------------------------------------------------------------------------
# records handed to the template


@dataclass(frozen=True)
class ExampleCase:
    model: str
    id: str
    value: Any  # the JSON document

    @property
    def source(self) -> str:
        return py_literal(self.value)

    @property
    def param(self) -> str:
        """``pytest.param(model, value, id=...)`` laid out for its place in EXAMPLES."""
        node = group(
            "pytest.param(", [py_str(self.model), literal_node(self.value), f"id={py_str(self.id)}"], ")"
        )
        return render(node, 4, 1)


@dataclass(frozen=True)
class SkippedExample:
    model: str
    id: str
    reason: str

    @property
    def row(self) -> str:
        """``(id, reason)`` laid out for its place in SKIPPED_EXAMPLES."""
        return render(group("(", [py_str(self.id), py_str(self.reason)], ")"), 4, 1)


@dataclass(frozen=True)
class Mutation:
    """Make a valid payload of ``model`` invalid in one way, at ``path`` (wire keys)."""

    model: str
    id: str
    path: tuple[str, ...]
    op: str  # "delete" (drop the key) or "set" (put ``value`` there)
    value: Any
    expect: str  # text every style's error message must contain: the dotted path

    @property
    def path_source(self) -> str:
        return flat(group("(", [py_str(k) for k in self.path], ")"))

    @property
    def row(self) -> str:
        """The mutation as a tuple laid out for its place in MUTATIONS."""
        items = [
            py_str(self.id),
            self.path_source,
            py_str(self.op),
            literal_node(self.value),
            py_str(self.expect),
        ]
        return render(group("(", items, ")"), 4, 1)


# ---------------------------------------------------------------------------------------------
# literals


def py_literal(value: Any) -> str:
    """Python source for a JSON value on one line; deterministic, safe for any string."""
    return flat(literal_node(value))


def literal_node(value: Any) -> Node:
    """Python source for a JSON value, as a layout node (repr, black's quotes)."""
    if value is None or isinstance(value, (bool, int, str)):
        return py_str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f'float("{value}")'
        return repr(value)
    if isinstance(value, list):
        return group("[", [literal_node(v) for v in value], "]")
    if isinstance(value, dict):
        return group("{", [Seq((py_str(k) + ": ", literal_node(v))) for k, v in value.items()], "}")
    raise TypeError(f"not a JSON value: {value!r}")


def _has_non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value) or math.isinf(value)
    if isinstance(value, list):
        return any(_has_non_finite(v) for v in value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    return False


# ---------------------------------------------------------------------------------------------
# enums and the spec used for fit checks


def _close_type(
    t: TypeExpr, spec: Spec, options: RenderOptions, unions: frozenset[str] = frozenset()
) -> TypeExpr:
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, EnumDef) and not enum_is_open(item, options):
            return LiteralOf(tuple(item.values))
        if isinstance(item, UnionDef) and item.name not in unions:  # a value fits if a member does
            inside = unions | {item.name}
            members = tuple(_close_type(m, spec, options, inside) for m in item.members)
            return members[0] if len(members) == 1 else UnionOf(members)
        return t
    if isinstance(t, ListOf):
        return ListOf(_close_type(t.item, spec, options))
    if isinstance(t, MapOf):
        return MapOf(_close_type(t.value, spec, options))
    if isinstance(t, UnionOf):
        return UnionOf(tuple(_close_type(o, spec, options) for o in t.options))
    return t


def checking_spec(spec: Spec, options: RenderOptions) -> Spec:
    """The spec as conformance.problems should see it: closed enums become literals (checked)."""
    items: list[Item] = []
    for item in spec.items:
        if isinstance(item, Model):
            fields = tuple(
                dataclasses.replace(f, type=_close_type(f.type, spec, options)) for f in item.fields
            )
            items.append(dataclasses.replace(item, fields=fields))
        else:
            items.append(item)
    return dataclasses.replace(spec, items=tuple(items))


def fit_problems(
    value: Any, model: Model, spec: Spec, options: RenderOptions, checked: Optional[Spec] = None
) -> list[str]:
    """What keeps ``value`` from round-tripping through ``model`` under ``options`` (``checked``:
    ``checking_spec(spec, options)``, made once by a caller with many values)."""
    checked = checking_spec(spec, options) if checked is None else checked
    target = checked.get(model.name)
    assert isinstance(target, Model)
    records = problems(value, target, checked)
    if options.unknown_keys is UnknownKeys.KEEP:  # an unknown key is kept: no misfit
        records = [p for p in records if p.kind != UNKNOWN_KEY]
    verb = "dropped" if options.unknown_keys is UnknownKeys.IGNORE else "forbidden"
    found = [
        f"{p.path}: key not in the model (unknown keys are {verb})" if p.kind == UNKNOWN_KEY else str(p)
        for p in records
    ]
    if _has_non_finite(value):
        found.append("<root>: a non-finite number (NaN or infinity) is not JSON")
    return found


# ---------------------------------------------------------------------------------------------
# examples


def example_id(model: Model, origin_path: str, line: int) -> str:
    return f"{model.name}-{PurePosixPath(origin_path).name}:{line}"


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0)
        seen[i] = n + 1
        out.append(i if n == 0 else f"{i}#{n + 1}")
    return out


def example_cases(spec: Spec, options: RenderOptions) -> tuple[list[ExampleCase], list[SkippedExample]]:
    """Every example of every model: those that fit, and those that do not with the first problem."""
    raw: list[tuple[Model, str, Any]] = []
    for model in spec.models:
        for ex in model.examples:
            raw.append((model, example_id(model, ex.origin.path, ex.origin.line), ex.value))
    ids = _unique([r[1] for r in raw])
    fits: list[ExampleCase] = []
    skipped: list[SkippedExample] = []
    checked = checking_spec(spec, options)
    for (model, _, value), ident in zip(raw, ids, strict=True):
        found = fit_problems(value, model, spec, options, checked)
        if found:
            skipped.append(SkippedExample(model.name, ident, found[0]))
        else:
            fits.append(ExampleCase(model.name, ident, value))
    return fits, skipped


# ---------------------------------------------------------------------------------------------
# mutations (invalid payloads)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    return {int: "int", float: "float", str: "str", list: "list", dict: "object"}[type(value)]


def _other_literal(values: tuple[object, ...]) -> str:
    base = next((v for v in values if isinstance(v, str)), "value")
    candidate = f"{base}-unknown"
    while candidate in values:
        candidate += "-"
    return candidate


def _labelled(candidate: Any) -> tuple[str, Any]:
    """A candidate is a bare value (labelled by its JSON kind) or an explicit (label, value) pair."""
    return candidate if isinstance(candidate, tuple) else (_kind(candidate), candidate)


def _candidates(t: TypeExpr, spec: Spec, options: RenderOptions) -> list[Any]:
    """Wrong values for type ``t`` (not yet checked against the whole type), labelled."""
    if isinstance(t, Scalar):
        return {
            "str": [5, ["x"]],
            "int": ["5", True, 1.5, [1]],
            "float": ["1.5", True, [1.5]],
            "bool": ["true", 1, [True]],
        }[t.name]
    if isinstance(t, LiteralOf):
        return [_other_literal(t.values), [t.values[0]]]
    if isinstance(t, ObjectType):
        return [[{}], "x"]
    if isinstance(t, AnyType):
        return []
    if isinstance(t, ListOf):
        items = [_labelled(c) for c in _candidates(t.item, spec, options)]
        return ["x", {}] + [("item-" + label, [value]) for label, value in items[:1]]
    if isinstance(t, MapOf):
        values = [_labelled(c) for c in _candidates(t.value, spec, options)]
        return [["x"], "x"] + [("value-" + label, {"k": value}) for label, value in values[:1]]
    if isinstance(t, UnionOf):
        return [c for o in t.options for c in _candidates(o, spec, options)]
    if isinstance(t, Ref):
        item = spec.get(t.name)
        if isinstance(item, UnionDef):
            tagged: list[Any] = []
            if item.discriminator is not None:  # an object whose tag names no member
                tags = tuple(v for v, _ in union_tags(item, spec))
                tagged = [("unknown-tag", {item.discriminator: _other_literal(tags)})]
            return tagged + ["x", [{}]] + [c for m in item.members for c in _candidates(m, spec, options)]
        if isinstance(item, EnumDef):
            closed = (
                [] if enum_is_open(item, options) else [("unknown-value", _other_literal(tuple(item.values)))]
            )
            return closed + [5, [item.values[0] if item.values else "x"]]
        return ["x", [{}]]
    raise TypeError(f"not a type: {t!r}")


def wrong_values(
    f: Field, spec: Spec, options: RenderOptions, checked: Optional[Spec] = None
) -> list[tuple[str, Any]]:
    """(label, value) pairs, one per label, each of which makes the field invalid for sure.

    ``checked`` is ``checking_spec(spec, options)``, passed in by callers that loop over fields.
    """
    checked = checked or checking_spec(spec, options)
    loose = Field(f.wire_name, f.py_name, _close_type(f.type, spec, options), False, f.nullable)
    probe = Model("Probe", (loose,))
    out: list[tuple[str, Any]] = []
    labels: set[str] = set()
    for c in _candidates(f.type, spec, options):
        label, value = _labelled(c)
        if label in labels or not problems({f.wire_name: value}, probe, checked):
            continue
        labels.add(label)
        out.append((label, value))
    return out


def _field_mutations(
    model: Model, f: Field, spec: Spec, options: RenderOptions, prefix: tuple[str, ...], checked: Spec
) -> list[Mutation]:
    path = prefix + (f.wire_name,)
    where = ".".join(path)
    out = []
    if f.required:
        out.append(Mutation(model.name, f"{model.name}-{where}-missing", path, "delete", None, where))
    if not f.nullable:
        out.append(Mutation(model.name, f"{model.name}-{where}-null", path, "set", None, where))
    for label, value in wrong_values(f, spec, options, checked):
        out.append(Mutation(model.name, f"{model.name}-{where}-{label}", path, "set", value, where))
    return out


def mutations(spec: Spec, options: RenderOptions) -> list[Mutation]:
    """Ways to make a valid payload of each model invalid, each naming the key it breaks.

    Every field: drop it (required), null (not nullable), each wrong-typed value. One level down,
    through required non-nullable model fields (always present as objects), the first mutation of
    each nested field, so messages are checked to carry the dotted path. With unknown keys
    forbidden, an unknown key too.
    """
    out: list[Mutation] = []
    checked = checking_spec(spec, options)
    for model in spec.models:
        for f in model.fields:
            out += _field_mutations(model, f, spec, options, (), checked)
        for f in model.fields:
            nested = spec.get(f.type.name) if isinstance(f.type, Ref) else None
            if not (f.required and not f.nullable and isinstance(nested, Model)):
                continue
            for g in nested.fields:
                first = _field_mutations(model, g, spec, options, (f.wire_name,), checked)[:1]
                out += first
        if options.unknown_keys is UnknownKeys.FORBID:
            key = extra_key_names(model, 1)[0]
            out.append(Mutation(model.name, f"{model.name}-{key}-unknown-key", (key,), "set", 1, key))
    ids = _unique([m.id for m in out])
    return [m if m.id == i else dataclasses.replace(m, id=i) for m, i in zip(out, ids, strict=True)]


def mutations_by_model(spec: Spec, options: RenderOptions) -> list[tuple[str, list[Mutation]]]:
    """The mutations grouped per model, in spec order; models without any are left out."""
    grouped: dict[str, list[Mutation]] = {}
    for m in mutations(spec, options):
        grouped.setdefault(m.model, []).append(m)
    return list(grouped.items())


def mutations_head(model: str) -> str:
    """The line that opens a model's list in MUTATIONS (one statement per model, so that the
    module compiles a piece at a time); a name too long for that line is bound first, so the
    statement's head always fits and black is never given the list."""
    head = f"MUTATIONS[{py_str(model)}] = ["
    if len(head) <= LINE_LENGTH:
        return head
    return f"_MODEL = {py_str(model)}\nMUTATIONS[_MODEL] = ["


# ---------------------------------------------------------------------------------------------
# rendering


@dataclass(frozen=True)
class TestedStyle:
    name: str
    module: str  # the module's name in the generated package


def _and_list(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def render_tests(spec: Spec, options: RenderOptions, styles: Sequence[Style]) -> str:
    """The source of ``tests/test_roundtrip.py`` for the generated package, which holds ``styles``
    (those with a ``round_trip`` are driven: class styles through from_dict/to_dict, one loader
    style through its loaders)."""
    tested = [s for s in styles if s.round_trip is not RoundTrip.NONE]
    loaders = [s for s in tested if s.round_trip is RoundTrip.LOADER]
    if len(loaders) != 1:
        raise ValueError(f"the round-trip tests need exactly one loader style, not {len(loaders)}")
    libraries = ["pytest", "hypothesis"] + [s.library for s in tested if s.library]
    examples, skipped = example_cases(spec, options)
    return (
        environment(options.templates)
        .get_template(TEMPLATE)
        .render(
            model_names=[m.name for m in spec.models],
            examples=examples,
            skipped=skipped,
            strategies=model_strategies(spec, options),
            mutations=[(mutations_head(model), rows) for model, rows in mutations_by_model(spec, options)],
            round_trip_examples=ROUND_TRIP_EXAMPLES,
            invalid_examples=INVALID_EXAMPLES,
            style_names=", ".join(s.name for s in tested),
            libraries=_and_list(libraries),
            modules=sorted(s.module_name for s in tested),
            class_styles=[
                TestedStyle(s.name, s.module_name) for s in tested if s.round_trip is RoundTrip.CLASS
            ],
            loader=TestedStyle(loaders[0].name, loaders[0].module_name),
            r=py_str,
        )
    )
