"""The JSON Schema of the merged model (generator/schema.py): valid 2020-12, the spec's examples
validate (those that fit the model) or are rejected (those that do not), and each IR feature
comes out as the schema the generated models' semantics call for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.emit.options import RenderOptions
from generator.emit.schema import spec_to_schema
from generator.emit.testgen import fit_problems
from generator.model.diagnostics import Origin
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
    UnionOf,
    refs_of,
)
from generator.pipeline import load_spec

jsonschema = pytest.importorskip("jsonschema")
Draft202012Validator = jsonschema.Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
# Examples of the spec that do not fit the merged model, and why (the schema must reject them).
MISFITS = {
    # Seeds 000 and 003 show a job without `error`, which the API always sends (null when unused).
    "FineTuningJob-000_62d1526908dff564.txt:26": "error: required key is missing",
    "FineTuningJob-003_d9b8598430d1132a.txt:64": "error: required key is missing",
    # The OpenAPI document's own example job omits `error` too.
    "FineTuningJob-openai-finetuning.yaml:949": "error: required key is missing",
    # Its example multi grader has a list of graders; its schema and the SDK say one grader.
    "GraderMulti-openai-finetuning.yaml:1231": "graders: expected an object, got list",
}


@pytest.fixture(scope="module")
def spec() -> Spec:
    loaded, diags = load_spec(ROOT / "spec")
    assert loaded is not None, [str(d) for d in diags]
    return loaded


@pytest.fixture(scope="module")
def schema(spec: Spec) -> dict[str, Any]:
    return spec_to_schema(spec)


def valid(schema: dict[str, Any], name: str, doc: Any) -> bool:
    """Does ``doc`` validate against the ``$defs`` entry ``name`` (refs resolved in the document)?"""
    sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}
    return bool(Draft202012Validator(sub).is_valid(doc))


# ---------------------------------------------------------------------------------------------
# the real spec


def test_schema_is_valid_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_one_def_per_model_and_enum(spec: Spec, schema: dict[str, Any]) -> None:
    assert list(schema["$defs"]) == [i.name for i in spec.items]
    roots = [r["$ref"].removeprefix("#/$defs/") for r in schema["anyOf"]]
    assert {
        "FineTune",
        "CreateFineTuningJobRequest",
        "ListPaginatedFineTuningJobsResponse",
    } <= set(roots)
    used = {n for m in spec.models for f in m.fields for n in refs_of(f.type)}
    assert not used & set(roots)  # the roots are the models nothing else refers to


def test_output_is_deterministic_json(spec: Spec, schema: dict[str, Any]) -> None:
    text = json.dumps(schema, indent=2, sort_keys=False)
    assert json.dumps(spec_to_schema(spec), indent=2, sort_keys=False) == text
    assert json.loads(text) == schema


def test_fine_tuning_job_def(schema: dict[str, Any]) -> None:
    job = schema["$defs"]["FineTuningJob"]
    assert job["type"] == "object" and job["additionalProperties"] is True
    assert job["description"].startswith("The `fine_tuning.job` object")
    assert job["required"] == [
        "id", "created_at", "error", "fine_tuned_model", "finished_at", "hyperparameters", "model",
        "object", "organization_id", "result_files", "status", "trained_tokens", "training_file",
        "validation_file", "seed",
    ]  # fmt: skip
    props = job["properties"]
    assert props["object"]["const"] == "fine_tuning.job"
    assert props["error"]["anyOf"] == [{"$ref": "#/$defs/FineTuningJobError"}, {"type": "null"}]
    assert props["status"]["$ref"] == "#/$defs/FineTuningJobStatus"
    assert props["metadata"]["anyOf"] == [
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "null"},
    ]
    assert props["method"] == {"$ref": "#/$defs/FineTuneMethod"}  # optional, not nullable, no description
    assert props["result_files"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": props["result_files"]["description"],
    }
    hp = schema["$defs"]["FineTuningJobHyperparameters"]["properties"]
    assert hp["batch_size"]["anyOf"] == [{"const": "auto"}, {"type": "integer"}, {"type": "null"}]
    assert hp["learning_rate_multiplier"]["anyOf"] == [{"const": "auto"}, {"type": "number"}]


def test_open_enum_documents_values_and_accepts_any_string(schema: dict[str, Any]) -> None:
    status = schema["$defs"]["FineTuningJobStatus"]
    assert status["anyOf"][0]["enum"] == [
        "validating_files", "queued", "running", "succeeded", "failed", "cancelled",
    ]  # fmt: skip
    assert valid(schema, "FineTuningJobStatus", "paused")
    assert not valid(schema, "FineTuningJobStatus", 5)
    assert not valid(schema, "FineTuningJobStatus", None)


def example_cases(spec: Spec) -> list[tuple[str, str, Any, list[str]]]:
    out = []
    for model in spec.models:
        for ex in model.examples:
            ident = f"{model.name}-{Path(ex.origin.path).name}:{ex.origin.line}"
            out.append((ident, model.name, ex.value, fit_problems(ex.value, model, spec, RenderOptions())))
    return out


def test_every_example_is_checked(spec: Spec) -> None:
    cases = example_cases(spec)
    assert len(cases) >= 14
    misfits = {ident: found[0] for ident, _, _, found in cases if found}
    assert misfits == MISFITS  # a new misfit must be listed (with its reason) or fixed


def test_examples_that_fit_validate_and_misfits_are_rejected(spec: Spec, schema: dict[str, Any]) -> None:
    for ident, name, value, found in example_cases(spec):
        assert valid(schema, name, value) == (not found), (ident, found)
        if not found and name in ("FineTune", "FineTuningJob"):
            assert Draft202012Validator(schema).is_valid(value), ident  # the document's own anyOf


# ---------------------------------------------------------------------------------------------
# a hand-made spec: each feature alone

O = Origin("hand.md", 1, 1)


def field(name: str, t: TypeExpr, required: bool = True, nullable: bool = False, **kw: Any) -> Field:
    return Field(name, name, t, required, nullable, origins=(O,), **kw)


HAND = Spec(
    (
        EnumDef("Color", ("red", "green"), open=True, description="A color."),
        EnumDef("Size", ("s", "m"), open=False),
        Model("Inner", (field("n", Scalar("int")),)),
        Model(
            "Thing",
            (
                field("req", Scalar("str"), description="Required, not nullable."),
                field("req_null", Scalar("int"), nullable=True),
                field("opt", Scalar("float"), required=False),
                field("opt_null", Ref("Inner"), required=False, nullable=True),
                field("flag", Scalar("bool"), required=False),
                field("kind", LiteralOf(("thing",)), required=False),
                field("two", LiteralOf(("a", "b")), required=False),
                field("auto_or_int", UnionOf((LiteralOf(("auto",)), Scalar("int"))), required=False),
                field("color", Ref("Color"), required=False),
                field("size", Ref("Size"), required=False),
                field("anything", AnyType(), required=False),
                field("anything_null", AnyType(), required=False, nullable=True),
                field("obj", ObjectType(), required=False),
                field("tags", ListOf(Scalar("str")), required=False),
                field("scores", MapOf(Scalar("float")), required=False),
                field("old", Scalar("str"), required=False, deprecated=True),
            ),
            description="A thing.",
        ),
    )
)


@pytest.fixture(scope="module")
def hand() -> dict[str, Any]:
    s = spec_to_schema(HAND)
    Draft202012Validator.check_schema(s)
    return s


BASE = {"req": "x", "req_null": 1}


def test_hand_made_defs(hand: dict[str, Any]) -> None:
    thing = hand["$defs"]["Thing"]
    assert thing["title"] == "Thing" and thing["description"] == "A thing."
    assert thing["required"] == ["req", "req_null"]
    p = thing["properties"]
    assert p["req"] == {"type": "string", "description": "Required, not nullable."}
    assert p["req_null"] == {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    assert p["opt_null"] == {"anyOf": [{"$ref": "#/$defs/Inner"}, {"type": "null"}]}
    assert p["kind"] == {"const": "thing"}
    assert p["two"] == {"enum": ["a", "b"]}
    assert p["anything"] == {"not": {"type": "null"}}
    assert p["anything_null"] == {}
    assert p["obj"] == {"type": "object"}
    assert p["scores"] == {"type": "object", "additionalProperties": {"type": "number"}}
    assert p["old"] == {"type": "string", "deprecated": True}
    assert hand["$defs"]["Color"] == {
        "title": "Color",
        "description": "A color.",
        "anyOf": [{"type": "string", "enum": ["red", "green"]}, {"type": "string"}],
    }
    assert hand["$defs"]["Size"] == {"title": "Size", "type": "string", "enum": ["s", "m"]}
    assert hand["anyOf"] == [{"$ref": "#/$defs/Thing"}]  # Inner is referred to by Thing


@pytest.mark.parametrize(
    "doc, ok",
    [
        ({}, False),
        (BASE, True),
        ({"req": "x"}, False),  # required nullable: the key must be there
        ({"req": None, "req_null": 1}, False),  # required, not nullable
        ({**BASE, "req_null": None}, True),
        ({**BASE, "opt": 1}, True),  # an int is a number
        ({**BASE, "opt": 1.5}, True),
        ({**BASE, "opt": None}, False),  # optional but not nullable
        ({**BASE, "opt": True}, False),  # a bool is not a number
        ({**BASE, "req_null": True}, False),  # nor an integer
        ({**BASE, "req_null": 1.5}, False),
        ({**BASE, "req": 5}, False),
        ({**BASE, "opt_null": None}, True),
        ({**BASE, "opt_null": {"n": 1}}, True),
        ({**BASE, "opt_null": {}}, False),
        ({**BASE, "flag": 0}, False),
        ({**BASE, "kind": "thing"}, True),
        ({**BASE, "kind": "other"}, False),
        ({**BASE, "two": "b"}, True),
        ({**BASE, "two": "c"}, False),
        ({**BASE, "auto_or_int": "auto"}, True),
        ({**BASE, "auto_or_int": 3}, True),
        ({**BASE, "auto_or_int": "3"}, False),
        ({**BASE, "auto_or_int": None}, False),
        ({**BASE, "color": "red"}, True),
        ({**BASE, "color": "purple"}, True),  # open enum: an unknown value is kept
        ({**BASE, "color": 1}, False),
        ({**BASE, "size": "m"}, True),
        ({**BASE, "size": "xl"}, False),  # closed enum
        ({**BASE, "anything": [1, None]}, True),
        ({**BASE, "anything": None}, False),
        ({**BASE, "anything_null": None}, True),
        ({**BASE, "obj": {"a": None}}, True),
        ({**BASE, "obj": []}, False),
        ({**BASE, "tags": ["a"]}, True),
        ({**BASE, "tags": [1]}, False),
        ({**BASE, "scores": {"a": 1, "b": 2.5}}, True),
        ({**BASE, "scores": {"a": "1"}}, False),
        ({**BASE, "unknown": {"kept": True}}, True),  # unknown keys are kept
    ],
)
def test_hand_made_documents(hand: dict[str, Any], doc: dict[str, Any], ok: bool) -> None:
    assert valid(hand, "Thing", doc) == ok
    model = HAND.get("Thing")
    assert isinstance(model, Model)
    assert (not fit_problems(doc, model, HAND, RenderOptions())) == ok  # the models' own verdict


def test_policies_change_the_schema() -> None:
    forbid = spec_to_schema(HAND, RenderOptions(unknown_keys="forbid", open_enums=False))
    assert forbid["$defs"]["Thing"]["additionalProperties"] is False
    assert forbid["$defs"]["Color"] == {
        "title": "Color",
        "description": "A color.",
        "type": "string",
        "enum": ["red", "green"],
    }
    assert not valid(forbid, "Thing", {**BASE, "unknown": 1})
    assert not valid(forbid, "Thing", {**BASE, "color": "purple"})


def test_unresolved_reference_is_an_error() -> None:
    broken = Spec((Model("A", (field("b", Ref("Missing")),)),))
    with pytest.raises(ValueError, match="Missing"):
        spec_to_schema(broken)
