"""The merged model of spec/ equals ../shared/facts/openai-fine-tuning.md, table by table."""

from __future__ import annotations

from typing import Any

import pytest

AUTO_INT = "Literal['auto'] | int"
AUTO_FLOAT = "Literal['auto'] | float"
T, F = True, False

# model → wire key → (type, required, nullable), transcribed from the facts file
FACTS: dict[str, dict[str, tuple[str, bool, bool]]] = {
    "FineTuningJob": {
        "id": ("str", T, F),
        "created_at": ("int", T, F),
        "error": ("FineTuningJobError", T, T),
        "fine_tuned_model": ("str", T, T),
        "finished_at": ("int", T, T),
        "hyperparameters": ("FineTuningJobHyperparameters", T, F),
        "model": ("str", T, F),
        "object": ("Literal['fine_tuning.job']", T, F),
        "organization_id": ("str", T, F),
        "result_files": ("list[str]", T, F),
        "status": ("FineTuningJobStatus", T, F),
        "trained_tokens": ("int", T, T),
        "training_file": ("str", T, F),
        "validation_file": ("str", T, T),
        "seed": ("int", T, F),
        "integrations": ("list[FineTuningJobIntegration]", F, T),
        "estimated_finish": ("int", F, T),
        "method": ("FineTuneMethod", F, F),
        "metadata": ("dict[str, str]", F, T),
    },
    "FineTuningJobError": {"code": ("str", T, F), "message": ("str", T, F), "param": ("str", T, T)},
    "FineTuningJobHyperparameters": {
        "n_epochs": (AUTO_INT, F, F),
        "batch_size": (AUTO_INT, F, T),
        "learning_rate_multiplier": (AUTO_FLOAT, F, F),
    },
    "FineTuningJobIntegration": {
        "type": ("Literal['wandb']", T, F),
        "wandb": ("FineTuningJobWandbIntegration", T, F),
    },
    "FineTuningJobWandbIntegration": {
        "project": ("str", T, F),
        "name": ("str", F, T),
        "entity": ("str", F, T),
        "tags": ("list[str]", F, F),
    },
    "FineTuneMethod": {
        "type": ("FineTuneMethodType", T, F),
        "supervised": ("SupervisedMethod", F, F),
        "dpo": ("DpoMethod", F, F),
        "reinforcement": ("ReinforcementMethod", F, F),
    },
    "SupervisedMethod": {"hyperparameters": ("SupervisedHyperparameters", F, F)},
    "DpoMethod": {"hyperparameters": ("DpoHyperparameters", F, F)},
    "ReinforcementMethod": {
        "grader": ("ReinforcementMethodGrader", T, F),  # the facts: one of several grader objects
        "hyperparameters": ("ReinforcementHyperparameters", F, F),
    },
    "SupervisedHyperparameters": {
        "batch_size": (AUTO_INT, F, F),
        "learning_rate_multiplier": (AUTO_FLOAT, F, F),
        "n_epochs": (AUTO_INT, F, F),
    },
    "DpoHyperparameters": {
        "batch_size": (AUTO_INT, F, F),
        "learning_rate_multiplier": (AUTO_FLOAT, F, F),
        "n_epochs": (AUTO_INT, F, F),
        "beta": (AUTO_FLOAT, F, F),
    },
    "ReinforcementHyperparameters": {
        "batch_size": (AUTO_INT, F, F),
        "learning_rate_multiplier": (AUTO_FLOAT, F, F),
        "n_epochs": (AUTO_INT, F, F),
        "compute_multiplier": (AUTO_FLOAT, F, F),
        "eval_interval": (AUTO_INT, F, F),
        "eval_samples": (AUTO_INT, F, F),
        "reasoning_effort": ("ReinforcementHyperparametersReasoningEffort", F, F),
    },
    "FineTune": {
        "id": ("str", T, F),
        "object": ("Literal['fine-tune']", T, F),
        "created_at": ("int", T, F),
        "updated_at": ("int", T, F),
        "model": ("str", T, F),
        "fine_tuned_model": ("str", T, T),
        "organization_id": ("str", T, F),
        "status": ("FineTuneStatus", T, F),
        "hyperparams": ("FineTuneHyperparams", T, F),
        "training_files": ("list[OpenAIFile]", T, F),
        "validation_files": ("list[OpenAIFile]", T, F),
        "result_files": ("list[OpenAIFile]", T, F),
        "events": ("list[FineTuneEvent]", F, F),
    },
    "FineTuneHyperparams": {
        "n_epochs": ("int", T, F),
        "batch_size": ("int", T, F),
        "prompt_loss_weight": ("float", T, F),
        "learning_rate_multiplier": ("float", T, F),
        "compute_classification_metrics": ("bool", F, F),
        "classification_positive_class": ("str", F, F),
        "classification_n_classes": ("int", F, F),
    },
    "FineTuneEvent": {
        "object": ("str", T, F),
        "created_at": ("int", T, F),
        "level": ("str", T, F),
        "message": ("str", T, F),
    },
    "OpenAIFile": {
        "id": ("str", T, F),
        "object": ("Literal['file']", T, F),
        "bytes": ("int", T, F),
        "created_at": ("int", T, F),
        "filename": ("str", T, F),
        "purpose": ("str", T, F),
        "status": ("str", F, F),
        "status_details": ("dict[str, Any]", F, F),
    },
}

ENUMS = {
    "FineTuningJobStatus": ["validating_files", "queued", "running", "succeeded", "failed", "cancelled"],
    "FineTuneMethodType": ["supervised", "dpo", "reinforcement"],
    "ReinforcementHyperparametersReasoningEffort": ["default", "low", "medium", "high"],
    "FineTuneStatus": ["created", "pending", "running", "succeeded", "failed", "cancelled"],
}


def _models(inspect: dict[str, Any]) -> dict[str, dict[str, tuple[str, bool, bool]]]:
    return {
        m["name"]: {f["wire_name"]: (f["type"], f["required"], f["nullable"]) for f in m["fields"]}
        for m in inspect["models"]
    }


def test_no_errors(spec_inspect: dict[str, Any]) -> None:
    errors = [d for d in spec_inspect["diagnostics"] if d["severity"] == "error"]
    assert errors == []


DOCUMENT = "spec/openai-finetuning.yaml"  # the [openapi] source: the rest of the fine-tuning surface


def _origins(item: dict[str, Any]) -> set[str]:
    return {o.rsplit(":", 1)[0] for o in item["origins"]}  # "path:line"


def test_exactly_the_facts_objects_and_the_documents_surface(spec_inspect: dict[str, Any]) -> None:
    """Every object of the facts, and beyond them only what the OpenAPI document alone describes."""
    models = {m["name"]: m for m in spec_inspect["models"]}
    assert set(FACTS) <= set(models)
    beyond = {n: _origins(m) for n, m in models.items() if n not in FACTS}
    assert beyond and all(o == {DOCUMENT} for o in beyond.values()), beyond
    assert {
        "FineTuningJobEvent",
        "FineTuningJobCheckpoint",
        "GraderMulti",
        "CreateFineTuningJobRequest",
    } <= set(beyond)


@pytest.mark.parametrize("name", sorted(FACTS))
def test_object_matches_facts(spec_inspect: dict[str, Any], name: str) -> None:
    assert _models(spec_inspect)[name] == FACTS[name]


def test_enums_match_facts(spec_inspect: dict[str, Any]) -> None:
    enums = {e["name"]: e for e in spec_inspect["enums"]}
    assert {n: enums[n]["values"] for n in ENUMS} == ENUMS
    assert all(_origins(e) == {DOCUMENT} for n, e in enums.items() if n not in ENUMS)


def test_legacy_finetune_stays_separate(spec_inspect: dict[str, Any]) -> None:
    models = _models(spec_inspect)
    assert models["FineTune"]["object"][0] == "Literal['fine-tune']"
    assert models["FineTuningJob"]["object"][0] == "Literal['fine_tuning.job']"


def _diags(spec_inspect: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [d for d in spec_inspect["diagnostics"] if d["code"] == code]


def _seed(n: str) -> str:
    return f"spec/{n}_"


def test_reports_seed_000_marks_every_field_optional(spec_inspect: dict[str, Any]) -> None:
    w301 = [d for d in _diags(spec_inspect, "W301") if "FineTuningJob:" in d["message"]]
    fields = {d["message"].split("'")[1] for d in w301 if _seed("000") in d["origin"]}
    assert {"id", "created_at", "error", "status", "seed"} <= fields


def test_reports_examples_that_omit_error(spec_inspect: dict[str, Any]) -> None:
    w307 = [d for d in _diags(spec_inspect, "W307") if "error: required key is missing" in d["message"]]
    assert any(_seed("000") in d["origin"] for d in w307)
    assert any(_seed("003") in d["origin"] for d in w307)


def test_reports_001_nullability_only_in_prose(spec_inspect: dict[str, Any]) -> None:
    w304 = _diags(spec_inspect, "W304")
    assert any(
        _seed("001") in d["origin"] and "fine_tuned_model" in d["message"] and "prose" in d["message"]
        for d in w304
    )


def test_reports_004_silent_on_null(spec_inspect: dict[str, Any]) -> None:
    w304 = _diags(spec_inspect, "W304")
    assert any(
        _seed("004") in d["origin"]
        and "FineTuningJob.error" in d["message"]
        and "nothing of null" in d["message"]
        for d in w304
    )


def test_reports_004_number_vs_integer(spec_inspect: dict[str, Any]) -> None:
    w302 = _diags(spec_inspect, "W302")
    assert any(
        "created_at" in d["message"] and _seed("004") in d["message"] and "int" in d["message"] for d in w302
    )


def test_reports_integration_names(spec_inspect: dict[str, Any]) -> None:
    w306 = " ".join(d["message"] for d in _diags(spec_inspect, "W306"))
    assert "FineTuningJobIntegrationsInner" in w306 and "FineTuningJobIntegrations'" in w306


def test_reports_method_and_metadata_from_one_source(spec_inspect: dict[str, Any]) -> None:
    w305 = " ".join(d["message"] for d in _diags(spec_inspect, "W305"))
    assert "FineTuningJob.method is described only by" in w305
    assert "FineTuningJob.metadata is described only by" in w305
