"""Payloads built and dumped by the openai SDK: each response model, and each grader kind inside a
reinforcement method of a fine-tuning job. Each is (our model's name, the SDK's JSON dump)."""

from __future__ import annotations

from typing import Any

from openai.types.fine_tuning import (
    FineTuningJob,
    FineTuningJobEvent,
    ReinforcementHyperparameters,
    ReinforcementMethod,
)
from openai.types.fine_tuning.checkpoints import (
    PermissionCreateResponse,
    PermissionDeleteResponse,
    PermissionRetrieveResponse,
)
from openai.types.fine_tuning.fine_tuning_job import Error, Hyperparameters, Method
from openai.types.fine_tuning.jobs import FineTuningJobCheckpoint
from openai.types.fine_tuning.jobs.fine_tuning_job_checkpoint import Metrics
from openai.types.graders import (
    LabelModelGrader,
    MultiGrader,
    PythonGrader,
    ScoreModelGrader,
    StringCheckGrader,
    TextSimilarityGrader,
    label_model_grader,
    score_model_grader,
)
from pydantic import BaseModel

STRING_CHECK = StringCheckGrader(
    type="string_check",
    name="exact",
    input="{{sample.output_text}}",
    reference="{{item.label}}",
    operation="eq",
)
GRADERS: dict[str, BaseModel] = {
    "GraderStringCheck": STRING_CHECK,
    "GraderTextSimilarity": TextSimilarityGrader(
        type="text_similarity",
        name="bleu",
        input="{{sample.output_text}}",
        reference="x",
        evaluation_metric="bleu",
    ),
    "GraderPython": PythonGrader(
        type="python", name="py", source="def grade(sample, item):\n    return 1.0\n"
    ),
    "GraderScoreModel": ScoreModelGrader(
        type="score_model",
        name="score",
        model="gpt-4o-2024-08-06",
        input=[score_model_grader.Input(role="user", content="Rate {{sample.output_text}}", type="message")],
        range=[0, 1],
        sampling_params=score_model_grader.SamplingParams(seed=7, temperature=None, reasoning_effort="low"),
    ),
    "GraderLabelModel": LabelModelGrader(
        type="label_model",
        name="labels",
        model="gpt-4o-mini",
        input=[label_model_grader.Input(role="system", content="Classify", type="message")],
        labels=["good", "bad"],
        passing_labels=["good"],
    ),
    "GraderMulti": MultiGrader(type="multi", name="both", graders=STRING_CHECK, calculate_output="exact"),
}


def dump(model: BaseModel) -> dict[str, Any]:
    """The SDK's own JSON form: wire names, only the keys that were set."""
    value: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return value


def job(grader: BaseModel) -> FineTuningJob:
    method = ReinforcementMethod(
        grader=grader,  # type: ignore[arg-type]
        hyperparameters=ReinforcementHyperparameters(
            n_epochs="auto", batch_size=8, reasoning_effort="medium"
        ),
    )
    return FineTuningJob(
        id="ftjob-abc123",
        object="fine_tuning.job",
        created_at=1_692_661_014,
        model="o4-mini-2025-04-16",
        organization_id="org-123",
        status="running",
        training_file="file-abc123",
        validation_file=None,
        result_files=[],
        fine_tuned_model=None,
        finished_at=None,
        trained_tokens=None,
        error=None,
        seed=42,
        hyperparameters=Hyperparameters(n_epochs="auto", batch_size=None, learning_rate_multiplier=1.8),
        method=Method(type="reinforcement", reinforcement=method),
        metadata={"team": "ml"},
    )


def payloads() -> list[tuple[str, str, dict[str, Any]]]:
    """(label, our model, payload) for every SDK response model and every grader kind in a job."""
    # a label model grader is not a reinforcement method's grader (nor the SDK's): it sits inside a multi grader
    out = [
        (f"job with {name}", "FineTuningJob", dump(job(g)))
        for name, g in GRADERS.items()
        if name != "GraderLabelModel"
    ]
    multi_of_labels = MultiGrader(type="multi", name="m", graders=GRADERS["GraderLabelModel"], calculate_output="labels")  # type: ignore[arg-type]
    out.append(("job with GraderMulti of a label model", "FineTuningJob", dump(job(multi_of_labels))))
    out += [(name, name, dump(g)) for name, g in GRADERS.items()]
    failed = job(STRING_CHECK).model_copy(
        update={"status": "failed", "error": Error(code="invalid_file", message="bad", param=None)}
    )
    permission = PermissionCreateResponse(
        id="cp_1", created_at=1_700_000_000, object="checkpoint.permission", project_id="proj_1"
    )
    out += [
        ("failed job", "FineTuningJob", dump(failed)),
        ("event", "FineTuningJobEvent", dump(FineTuningJobEvent(
            id="ftevent-1", object="fine_tuning.job.event", created_at=1, level="warn", message="m", type="metrics",
            data={"step": 1}))),
        ("checkpoint", "FineTuningJobCheckpoint", dump(FineTuningJobCheckpoint(
            id="ftckpt-1", object="fine_tuning.job.checkpoint", created_at=1, fine_tuned_model_checkpoint="ft:x",
            fine_tuning_job_id="ftjob-1", step_number=10, metrics=Metrics(step=10, train_loss=0.5)))),
        ("permission", "FineTuningCheckpointPermission", dump(permission)),
        ("permission list", "ListFineTuningCheckpointPermissionResponse", dump(PermissionRetrieveResponse(
            object="list", data=[permission.model_dump()], has_more=False, first_id="cp_1", last_id=None))),  # type: ignore[list-item]
        ("permission deleted", "DeleteFineTuningCheckpointPermissionResponse", dump(PermissionDeleteResponse(
            id="cp_1", object="checkpoint.permission", deleted=True))),
    ]  # fmt: skip
    return out
