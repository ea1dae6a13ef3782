"""The real openai SDK as an oracle for FineTuningJob.

Every document our FineTuningJob models write (from the spec's examples and from Hypothesis
payloads) must validate as ``openai.types.fine_tuning.FineTuningJob``, and what that model dumps
(``model_dump(mode="json", exclude_unset=True)``) must come back unchanged through each of our
styles (dataclass, attrs, pydantic from_dict/to_dict, pydantic's own API, the TypedDict loader).

The SDK's model is not the facts (/work/shared/facts/openai-fine-tuning.md); where they differ,
the payloads keep to what both accept, and test_sdk_differs_from_the_facts pins each difference
down, so a new SDK release that changes one shows up here.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generated import attrs_models, dataclass_models, pydantic_models, typeddict_models
from generator.emit.testgen import fit_problems
from generator.model.ir import Model
from tests.test_oracle_dcg import CHECKS, OPTIONS, SPEC, TEXT, Payloads

openai_fine_tuning = pytest.importorskip("openai.types.fine_tuning")
SdkJob = openai_fine_tuning.FineTuningJob

NAME = "FineTuningJob"
CLASS_STYLES = {
    "dataclass": dataclass_models.MODELS[NAME],
    "attrs": attrs_models.MODELS[NAME],
    "pydantic": pydantic_models.MODELS[NAME],
}
LOAD = typeddict_models.MODELS[NAME]

# `reinforcement.grader` is a union of five grader objects in ours (the OpenAPI document's) as in
# the SDK; the payloads use the simplest real grader.
STRING_CHECK_GRADERS = st.fixed_dictionaries(
    {
        "type": st.just("string_check"),
        "name": TEXT,
        "input": TEXT,
        "reference": TEXT,
        "operation": st.sampled_from(["eq", "ne", "like", "ilike"]),
    }
)


def _override(model: str, wire_name: str) -> Any:
    return STRING_CHECK_GRADERS if (model, wire_name) == ("ReinforcementMethod", "grader") else None


# The SDK closes every enum (status, method.type, reasoning_effort): payloads use known values.
SDK_PAYLOADS = Payloads(SPEC, open_enums=False, override=_override)


def written_by_ours(doc: dict[str, Any]) -> dict[str, Any]:
    """The document our models write for ``doc``: the same from every style."""
    out: list[dict[str, Any]] = [cls.from_dict(copy.deepcopy(doc)).to_dict() for cls in CLASS_STYLES.values()]
    assert out[0] == out[1] == out[2]
    return out[0]


def check_sdk_round_trip(doc: dict[str, Any]) -> None:
    written = written_by_ours(doc)
    sdk = SdkJob.model_validate(written)  # raises if the SDK does not take what ours wrote
    dumped = sdk.model_dump(mode="json", exclude_unset=True)
    for style, cls in CLASS_STYLES.items():
        assert cls.from_dict(copy.deepcopy(dumped)).to_dict() == dumped, style
    native = pydantic_models.FineTuningJob.model_validate(copy.deepcopy(dumped))
    assert native.model_dump(mode="json", by_alias=True, exclude_unset=True) == dumped
    assert LOAD(copy.deepcopy(dumped)) == dumped
    assert normalized(dumped) == normalized(written)  # only the SDK's int → float differs


def normalized(value: Any) -> Any:
    """Numbers as floats: the SDK writes 5.0 for an integer in a `number` field (see below)."""
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def fitting_examples() -> list[Any]:
    model = SPEC.get(NAME)
    assert isinstance(model, Model)
    return [ex.value for ex in model.examples if not fit_problems(ex.value, model, SPEC, OPTIONS)]


@pytest.mark.parametrize("doc", fitting_examples())
def test_spec_examples_validate_in_the_sdk_and_round_trip(doc: dict[str, Any]) -> None:
    check_sdk_round_trip(doc)


def test_there_are_examples() -> None:
    assert len(fitting_examples()) >= 1


@CHECKS
@given(doc=SDK_PAYLOADS.model(NAME))
def test_payloads_validate_in_the_sdk_and_round_trip(doc: dict[str, Any]) -> None:
    check_sdk_round_trip(doc)


@CHECKS
@given(doc=SDK_PAYLOADS.model(NAME))
def test_a_populated_job_round_trips(doc: dict[str, Any]) -> None:
    """Every optional key present, so method, integrations and metadata are exercised each time."""
    full = {
        **doc,
        "method": {
            "type": "reinforcement",
            "reinforcement": {
                "grader": {
                    "type": "string_check",
                    "name": "g",
                    "input": "{{x}}",
                    "reference": "y",
                    "operation": "eq",
                },
                "hyperparameters": {
                    "n_epochs": 3,
                    "learning_rate_multiplier": 0.5,
                    "reasoning_effort": "low",
                },
            },
        },
        "integrations": [{"type": "wandb", "wandb": {"project": "p", "name": None, "tags": ["t"]}}],
        "metadata": {"k": "v"},
        "estimated_finish": None,
    }
    check_sdk_round_trip(full)


BASE: dict[str, Any] = {
    "id": "ftjob-1",
    "created_at": 1,
    "error": None,
    "fine_tuned_model": None,
    "finished_at": None,
    "hyperparameters": {},
    "model": "gpt-4o-mini",
    "object": "fine_tuning.job",
    "organization_id": "org-1",
    "result_files": [],
    "status": "running",
    "trained_tokens": None,
    "training_file": "file-1",
    "validation_file": None,
    "seed": 1,
}


GRADER = {"type": "string_check", "name": "n", "input": "i", "reference": "r", "operation": "eq"}


def accepts(load: Any, doc: Any) -> bool:
    try:
        load(doc)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "what, doc, sdk_accepts",
    [
        # The facts: status is an open enum (the spec's pause example returns "paused"). SDK: closed.
        ("status is open", {**BASE, "status": "paused"}, False),
        ("method.type is open", {**BASE, "method": {"type": "continued"}}, False),
        (
            "reasoning_effort is open",
            {**BASE, "method": {"type": "reinforcement", "reinforcement": {"grader": GRADER, "hyperparameters": {"reasoning_effort": "max"}}}},
            False,
        ),
    ],
)  # fmt: skip
def test_sdk_is_stricter_than_the_facts(what: str, doc: dict[str, Any], sdk_accepts: bool) -> None:
    assert accepts(pydantic_models.FineTuningJob.model_validate, doc), what
    assert accepts(SdkJob.model_validate, doc) == sdk_accepts, what


def test_a_grader_of_no_known_kind_is_rejected_by_both() -> None:
    """The grader is the union of the five grader objects in ours (from the OpenAPI document) as in the SDK."""
    for grader in ({"type": "new"}, {}, dict(GRADER, type="python")):
        doc = {**BASE, "method": {"type": "reinforcement", "reinforcement": {"grader": grader}}}
        assert not accepts(pydantic_models.FineTuningJob.model_validate, doc), grader
        assert not accepts(SdkJob.model_validate, doc), grader
    doc = {**BASE, "method": {"type": "reinforcement", "reinforcement": {"grader": GRADER}}}
    assert accepts(pydantic_models.FineTuningJob.model_validate, doc) and accepts(SdkJob.model_validate, doc)


@pytest.mark.parametrize(
    "what, doc",
    [
        # The facts: error, fine_tuned_model, finished_at, trained_tokens, validation_file are always
        # sent (null when unused); the SDK gives them a default of None, so it accepts their absence.
        ("required nullable keys may be absent", {k: v for k, v in BASE.items() if v is not None}),
        ("error.param may be absent", {**BASE, "error": {"code": "c", "message": "m"}}),
        # The SDK validates in pydantic's lax mode: "5", true and 1.0 pass as integers.
        ("lax integer from a string", {**BASE, "created_at": "5"}),
        ("lax integer from a bool", {**BASE, "created_at": True}),
        ("lax integer from an integral float", {**BASE, "created_at": 1.0}),
    ],
)
def test_sdk_is_laxer_than_the_facts(what: str, doc: dict[str, Any]) -> None:
    assert not accepts(pydantic_models.FineTuningJob.model_validate, doc), what
    assert accepts(SdkJob.model_validate, doc), what


def test_sdk_writes_an_integer_number_as_a_float() -> None:
    """`learning_rate_multiplier` is a number: ours keep 5 as 5, the SDK writes 5.0 (same JSON number)."""
    doc = {**BASE, "hyperparameters": {"learning_rate_multiplier": 5}}
    assert written_by_ours(doc)["hyperparameters"] == {"learning_rate_multiplier": 5}
    dumped = SdkJob.model_validate(doc).model_dump(mode="json", exclude_unset=True)
    assert repr(dumped["hyperparameters"]["learning_rate_multiplier"]) == "5.0"
    check_sdk_round_trip(doc)
