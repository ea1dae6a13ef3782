"""The openai SDK as oracle: each of its fine-tuning and grader response models against ours, built from
the OpenAPI source (the fine-tuning closure of OpenAI's document, under spec/modelgen.toml's aliases).

Same wire field names and compatible types, field by field; every difference is listed here with its
reason, and a difference not listed (or a listed one that went away) fails the test.
"""

from __future__ import annotations

from tests.openapi.sdk_oracle import SDK_TO_OURS, Ours, sdk_models

_NULLABLE_DEFAULT = (
    "the SDK gives a nullable field the default None, so pydantic counts it optional; the OpenAPI "
    "document lists it in `required` (the API always sends the key, null or not)"
)
KNOWN = {
    "fine_tuning_job.Error.param: required: SDK False, ours True": _NULLABLE_DEFAULT,
    "fine_tuning_job.FineTuningJob.error: required: SDK False, ours True": _NULLABLE_DEFAULT,
    "fine_tuning_job.FineTuningJob.fine_tuned_model: required: SDK False, ours True": _NULLABLE_DEFAULT,
    "fine_tuning_job.FineTuningJob.finished_at: required: SDK False, ours True": _NULLABLE_DEFAULT,
    "fine_tuning_job.FineTuningJob.trained_tokens: required: SDK False, ours True": _NULLABLE_DEFAULT,
    "fine_tuning_job.FineTuningJob.validation_file: required: SDK False, ours True": _NULLABLE_DEFAULT,
}


def test_every_sdk_response_model_is_paired_with_one_of_ours(ours: Ours) -> None:
    models = sdk_models()
    assert sorted(models) == sorted(SDK_TO_OURS), "a new SDK model: pair it in SDK_TO_OURS"
    assert not {SDK_TO_OURS[k] for k in models} - set(ours.models), "paired with a model we do not have"


def test_wire_names_and_types_agree_but_for_the_listed_differences(ours: Ours) -> None:
    found = [d for key, cls in sdk_models().items() for d in ours.differences(key, cls)]
    unexplained = sorted(set(found) - set(KNOWN))
    gone = sorted(set(KNOWN) - set(found))
    assert not unexplained, "differences with no reason listed:\n" + "\n".join(unexplained)
    assert not gone, "listed differences that no longer occur:\n" + "\n".join(gone)


def test_the_grader_of_a_reinforcement_method_is_the_sdks_union_of_five(ours: Ours) -> None:
    from openai.types.fine_tuning.reinforcement_method import ReinforcementMethod

    grader = next(f for f in ours.models["ReinforcementMethod"].fields if f.wire_name == "grader")
    assert ours.compatible(ReinforcementMethod.model_fields["grader"].annotation, grader.type)
    assert grader.type.__class__.__name__ == "Ref" and len(ours.unions[grader.type.name]) == 5  # type: ignore[union-attr]


def test_the_comparison_can_fail(ours: Ours) -> None:
    from typing import Literal

    from openai.types.graders import StringCheckGrader

    from generator.model.ir import LiteralOf, Ref, Scalar

    assert not ours.compatible(int, Scalar("str"))
    assert ours.compatible(float, Scalar("int")) and not ours.compatible(int, Scalar("float"))
    assert not ours.compatible(Literal["a", "b"], LiteralOf(("a",)))
    assert not ours.compatible(StringCheckGrader, Ref("GraderPython"))
