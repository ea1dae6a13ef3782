"""datamodel-code-generator as a differential oracle.

Our JSON Schema (generator/schema.py) goes through datamodel-code-generator, which writes Pydantic
v2 models nobody here wrote. For Hypothesis-made payloads of every model, valid ones and broken
ones, four judges must agree on accept/reject:

- ours: generated/pydantic_models.py and generated/dataclass_models.py (these two must always agree),
- theirs: the models datamodel-code-generator made from the schema,
- the schema itself, through jsonschema's Draft202012Validator.

A disagreement is a bug in one of them: ours get fixed; one of theirs is listed, with its reason,
in tests/oracle_exclusions.toml, which this test applies (and checks for entries that no longer
match anything).

The payload strategies here are built from the Spec (test_oracle_openai.py reuses them).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Optional

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated import dataclass_models, pydantic_models
from generator.emit.options import RenderOptions
from generator.emit.schema import spec_to_schema
from generator.emit.testgen import mutations
from generator.model.ir import (
    AnyType,
    EnumDef,
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
from generator.pipeline import load_spec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
EXCLUSIONS_FILE = Path(__file__).with_name("oracle_exclusions.toml")
OPTIONS = RenderOptions()  # the options generated/ was made with: keep unknown keys, open enums

# datamodel-code-generator, configured to mean what the schema means: strict scalars (no "5" for
# 5, no 1 for true), unknown keys allowed, and the MISSING sentinel for optional keys, so an
# optional key that is not nullable rejects an explicit null instead of defaulting to None.
DCG_ARGS = [
    "--input-file-type", "jsonschema",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--strict-types", "str", "int", "float", "bool",
    "--extra-fields", "allow",
    "--use-missing-sentinel",
    "--target-python-version", "3.10",
    "--formatters", "builtin",
    "--disable-timestamp",
]  # fmt: skip

# MODELGEN_ORACLE_EXAMPLES=500 for a deeper hunt; the default keeps the suite fast.
CHECKS = settings(
    max_examples=int(os.environ.get("MODELGEN_ORACLE_EXAMPLES", "12")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.large_base_example],
)


@cache
def the_spec() -> Spec:
    spec, diags = load_spec(ROOT / "spec")
    assert spec is not None, [str(d) for d in diags]
    return spec


SPEC = the_spec()
MODEL_NAMES = [m.name for m in SPEC.models]

# ---------------------------------------------------------------------------------------------
# payload strategies, from the Spec

TEXT = st.text(max_size=8)
KEYS = st.text(max_size=6)
INTS = st.integers(min_value=-(2**31), max_value=2**31 - 1)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
JSON_SCALARS: st.SearchStrategy[Any] = st.none() | st.booleans() | INTS | FLOATS | TEXT
JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=5,
)
# values that tell types apart: the edges of every scalar type, and the empty containers
EDGE_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        -1,
        1.0,
        1.5,
        "",
        "5",
        "1.5",
        "true",
        "auto",
        "x",
        [],
        {},
        ["x"],
        [1],
        {"k": "v"},
    ]
)

Override = Callable[[str, str], Optional[st.SearchStrategy[Any]]]  # (model, wire name) → strategy


@dataclass(frozen=True, eq=False)  # hashed by identity: the strategy cache is per instance
class Payloads:
    """Strategies for the documents of every model of ``spec``.

    ``open_enums``: open enums also yield unknown strings; ``unknown_keys``: documents carry keys
    the model does not know; ``override``: a field whose values another test must choose.
    """

    spec: Spec
    open_enums: bool = True
    unknown_keys: bool = True
    override: Override | None = None

    def value(self, t: TypeExpr) -> st.SearchStrategy[Any]:
        if isinstance(t, Scalar):
            return {"str": TEXT, "int": INTS, "float": FLOATS | INTS, "bool": st.booleans()}[t.name]
        if isinstance(t, AnyType):
            return JSON_VALUES.filter(lambda v: v is not None)
        if isinstance(t, ObjectType):
            return st.dictionaries(KEYS, JSON_VALUES, max_size=3)
        if isinstance(t, ListOf):
            return st.lists(self.value(t.item), max_size=2)
        if isinstance(t, MapOf):
            return st.dictionaries(KEYS, self.value(t.value), max_size=2)
        if isinstance(t, LiteralOf):
            return st.sampled_from(t.values)
        if isinstance(t, UnionOf):
            return st.one_of([self.value(o) for o in t.options])
        if isinstance(t, Ref):
            item = self.spec.get(t.name)
            if isinstance(item, EnumDef):
                known = st.sampled_from(item.values)
                return known | TEXT if (self.open_enums and item.open) else known
            if isinstance(item, Model):
                return st.deferred(lambda: self.model(item.name))
            if isinstance(item, UnionDef):
                return st.deferred(lambda: st.one_of([self.value(m) for m in item.members]))
        raise TypeError(f"no strategy for {t!r}")

    def model(self, name: str) -> st.SearchStrategy[dict[str, Any]]:
        return _model_strategy(self, name)


@cache
def _model_strategy(p: Payloads, name: str) -> st.SearchStrategy[dict[str, Any]]:
    model = p.spec.get(name)
    assert isinstance(model, Model)
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for f in model.fields:
        chosen = p.override(name, f.wire_name) if p.override else None
        s = chosen if chosen is not None else p.value(f.type)
        if f.nullable:
            s = st.none() | s
        (required if f.required else optional)[f.wire_name] = s
    if p.unknown_keys:
        optional["unknown_key_1"] = JSON_VALUES
    return st.fixed_dictionaries(required, optional=optional)


PAYLOADS = Payloads(SPEC)

# ---------------------------------------------------------------------------------------------
# breaking a valid payload


def locations(doc: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in ``doc`` a value sits at: dict keys and list indices, at any depth."""
    if isinstance(doc, dict):
        items: Any = doc.items()
    elif isinstance(doc, list):
        items = enumerate(doc)
    else:
        return
    for k, v in items:
        yield prefix + (k,)
        yield from locations(v, prefix + (k,))


def dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for k in path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def edit(doc: dict[str, Any], path: tuple[Any, ...], op: str, value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(doc)
    target: Any = broken
    for k in path[:-1]:
        target = target[k]
    if op == "delete":
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return broken


def value_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, float):
        return "integral-float" if value.is_integer() else "float"
    return {int: "int", str: "str", list: "array", dict: "object"}[type(value)]


# ---------------------------------------------------------------------------------------------
# the judges


def accepts(load: Callable[[Any], Any], doc: Any) -> bool:
    """True if ``load`` takes ``doc``; False if it raises a ValueError; anything else is a bug."""
    try:
        load(doc)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Exclusion:
    id: str
    oracle: str  # "datamodel-code-generator" or "jsonschema"
    model: str  # a model name or "*"
    path: str  # dotted wire path, "*" matches any run of characters
    change: str  # "delete", a value kind (value_kind) or "*"
    theirs: str  # "accept" or "reject": what the oracle says where ours says the opposite
    reason: str
    example_model: str  # a minimal document that shows the disagreement, checked to still show it
    example: str  # JSON text

    def matches(self, oracle: str, model: str, path: str, change: str, theirs: bool) -> bool:
        glob = "^" + ".*".join(re.escape(part) for part in self.path.split("*")) + "$"
        return (
            self.oracle == oracle
            and self.model in ("*", model)
            and re.match(glob, path) is not None
            and self.change in ("*", change)
            and self.theirs == ("accept" if theirs else "reject")
        )


def load_exclusions() -> list[Exclusion]:
    data = tomllib.loads(EXCLUSIONS_FILE.read_text(encoding="utf-8"))
    out = [Exclusion(**entry) for entry in data.get("exclusion", [])]
    for e in out:
        assert e.reason.strip(), f"exclusion {e.id} has no reason"
        assert e.oracle in ("datamodel-code-generator", "jsonschema"), e.id
        assert e.theirs in ("accept", "reject"), e.id
    return out


EXCLUSIONS = load_exclusions()
USED: set[str] = set()


@pytest.fixture(scope="module")
def theirs(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """datamodel-code-generator's models of our schema, imported from a temporary directory."""
    pytest.importorskip("datamodel_code_generator")
    pydantic_version = tuple(int(x) for x in pydantic.VERSION.split(".")[:2])
    if pydantic_version < (2, 12):
        pytest.skip("the MISSING sentinel needs pydantic 2.12 or later")
    # pydantic 2.14 moved MISSING out of pydantic.experimental
    extra = ["--target-pydantic-version", "2.14"] if pydantic_version >= (2, 14) else []
    out = tmp_path_factory.mktemp("dcg")
    schema_file = out / "schema.json"
    schema_file.write_text(json.dumps(spec_to_schema(SPEC, OPTIONS), indent=2), encoding="utf-8")
    target = out / "dcg_models.py"
    cmd = [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(schema_file),
        "--output",
        str(target),
    ]
    done = subprocess.run(cmd + DCG_ARGS + extra, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    spec = importlib.util.spec_from_file_location("dcg_models", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dcg_models"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def schema_validator() -> Callable[[str, Any], bool]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = spec_to_schema(SPEC, OPTIONS)
    validators = {
        name: jsonschema.Draft202012Validator(
            {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}
        )
        for name in MODEL_NAMES
    }
    return lambda name, doc: bool(validators[name].is_valid(doc))


def judge(
    theirs: ModuleType,
    schema_valid: Callable[[str, Any], bool],
    name: str,
    doc: Any,
    path: str = "",
    change: str = "none",
) -> bool:
    """Every judge's verdict on ``doc``; fail on a disagreement no exclusion explains.

    Returns our verdict (accepted or not)."""
    ours = accepts(pydantic_models.MODELS[name].model_validate, doc)
    assert accepts(dataclass_models.MODELS[name].from_dict, doc) == ours, ("dataclass vs pydantic", name, doc)
    others = {
        "datamodel-code-generator": accepts(getattr(theirs, name).model_validate, doc),
        "jsonschema": schema_valid(name, doc),
    }
    for oracle, verdict in others.items():
        if verdict == ours:
            continue
        found = [e for e in EXCLUSIONS if e.matches(oracle, name, path, change, verdict)]
        assert found, (
            f"{oracle} {'accepts' if verdict else 'rejects'} what ours "
            f"{'accept' if ours else 'reject'}: {name} at {path or '<root>'} ({change}): {doc!r}"
        )
        USED.update(e.id for e in found)
    return ours


# ---------------------------------------------------------------------------------------------
# tests


def test_their_models_cover_ours(theirs: ModuleType) -> None:
    for name in MODEL_NAMES:
        assert issubclass(getattr(theirs, name), theirs.BaseModel), name


def test_the_spec_examples_are_judged_alike(theirs: ModuleType, schema_validator: Any) -> None:
    for model in SPEC.models:
        for ex in model.examples:
            judge(theirs, schema_validator, model.name, ex.value)


@pytest.mark.parametrize("name", MODEL_NAMES)
@CHECKS
@given(data=st.data())
def test_valid_payloads_are_accepted_by_all(
    theirs: ModuleType, schema_validator: Any, name: str, data: st.DataObject
) -> None:
    doc = data.draw(PAYLOADS.model(name), label="doc")
    assert judge(theirs, schema_validator, name, doc)


MUTATIONS = mutations(SPEC, OPTIONS)


@pytest.mark.parametrize("name", MODEL_NAMES)
@CHECKS
@given(data=st.data())
def test_broken_payloads_are_rejected_by_all(
    theirs: ModuleType, schema_validator: Any, name: str, data: st.DataObject
) -> None:
    """testgen's mutations (missing required key, null where not nullable, wrong types, bool for
    int, unknown enum value of a closed enum) each make a valid payload invalid for sure."""
    doc = data.draw(PAYLOADS.model(name), label="doc")
    for m in [m for m in MUTATIONS if m.model == name]:
        broken = edit(doc, m.path, m.op, m.value)
        change = "delete" if m.op == "delete" else value_kind(m.value)
        assert not judge(theirs, schema_validator, name, broken, ".".join(m.path), change), m.id


@pytest.mark.parametrize("name", MODEL_NAMES)
@CHECKS
@given(data=st.data())
def test_random_edits_are_judged_alike(
    theirs: ModuleType, schema_validator: Any, name: str, data: st.DataObject
) -> None:
    """Anywhere in a valid payload, at any depth: drop the key, or put a telling value there."""
    doc = data.draw(PAYLOADS.model(name), label="doc")
    places = list(locations(doc))
    if not places:
        return
    for _ in range(4):
        path = data.draw(st.sampled_from(places), label="path")
        op = data.draw(st.sampled_from(["delete", "set"]) if isinstance(path[-1], str) else st.just("set"))
        value = None if op == "delete" else data.draw(EDGE_VALUES | JSON_VALUES, label="value")
        change = "delete" if op == "delete" else value_kind(value)
        judge(theirs, schema_validator, name, edit(doc, path, op, value), dotted(path), change)


def test_every_exclusion_is_still_needed(theirs: ModuleType, schema_validator: Any) -> None:
    """Each exclusion's example must still show its disagreement (the list does not rot)."""
    for e in EXCLUSIONS:
        doc = json.loads(e.example)
        ours = accepts(pydantic_models.MODELS[e.example_model].model_validate, doc)
        if e.oracle == "jsonschema":
            verdict = schema_validator(e.example_model, doc)
        else:
            verdict = accepts(getattr(theirs, e.example_model).model_validate, doc)
        assert verdict != ours and verdict == (e.theirs == "accept"), e.id
