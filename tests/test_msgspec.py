"""What the msgspec style must keep beyond the generated cross-style tests (which run it beside the
other styles): the fast and slow paths, user-built and mutated models, open enums, numbers, errors,
hostile input, and the specs it cannot represent."""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import sys
from typing import Any

import msgspec
import pytest

from generated import msgspec_models as m
from generator.emit.tree import build_tree, writable_styles
from generator.model.diagnostics import CODES
from generator.model.ir import Field, ListOf, Model, Ref, Scalar, Spec, UnionOf

JOB: dict[str, Any] = {
    "object": "fine_tuning.job",
    "id": "ftjob-abc123",
    "model": "gpt-4o-mini-2024-07-18",
    "created_at": 1721764800,
    "finished_at": 1721765800,
    "fine_tuned_model": "ft:gpt-4o-mini:org::abc",
    "organization_id": "org-123",
    "result_files": ["file-abc123"],
    "status": "succeeded",
    "validation_file": None,
    "training_file": "file-abc123",
    "error": None,
    "hyperparameters": {"n_epochs": 4, "batch_size": 1, "learning_rate_multiplier": 1.8},
    "trained_tokens": 5768,
    "integrations": [{"type": "wandb", "wandb": {"project": "p", "tags": ["a"]}}],
    "seed": 0,
    "estimated_finish": None,
    "method": {
        "type": "supervised",
        "supervised": {"hyperparameters": {"n_epochs": 4, "batch_size": 1, "learning_rate_multiplier": 1.8}},
    },
    "metadata": {"team": "a"},
}
J = m.FineTuningJob
# a grader run: its metadata (a nested model) holds `scores`, an object of any JSON values
_ERRORS = ("formula_parse_error sample_parse_error truncated_observation_error unresponsive_reward_error "
           "invalid_variable_error other_error python_grader_server_error python_grader_runtime_error "
           "model_grader_server_error model_grader_refusal_error model_grader_parse_error").split()  # fmt: skip
RUN: dict[str, Any] = {
    "reward": 1.0,
    "metadata": {
        "name": "exact",
        "type": "string_check",
        "errors": {
            **{k: False for k in _ERRORS},
            "python_grader_server_error_type": None,
            "python_grader_runtime_error_details": None,
            "model_grader_server_error_details": None,
        },
        "execution_time": 0.5,
        "scores": {},
        "token_usage": None,
        "sampled_model_name": None,
    },
    "sub_rewards": {},
    "model_grader_token_usage_per_model": {},
}


def same(a: Any, b: Any) -> bool:
    return bool(a == b and json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True))


def round_trips(doc: dict[str, Any], model: type[m._Model] = J) -> None:
    assert same(json.loads(model.from_json(json.dumps(doc)).to_json()), doc)
    assert same(model.from_dict(doc).to_dict(), doc)
    assert same(json.loads(model.from_dict(doc).to_json()), doc)
    assert same(model.from_json(json.dumps(doc).encode()).to_dict(), doc)


def test_fast_path_round_trip() -> None:
    round_trips(JOB)
    assert isinstance(J.from_json(json.dumps(JOB)).to_json(), str)


def test_unknown_keys_at_every_level_are_kept() -> None:
    doc = copy.deepcopy(JOB)
    doc["top"] = {"deep": [1, 2.5, None, True, "x"]}
    doc["integrations"][0]["x"] = 1
    doc["integrations"][0]["wandb"]["y"] = [1]
    doc["method"]["supervised"]["hyperparameters"]["z"] = 1.0
    doc["method"]["q"] = None
    round_trips(doc)
    job = J.from_json(json.dumps(doc))
    assert job.extra == {"top": {"deep": [1, 2.5, None, True, "x"]}}
    assert job.integrations and job.integrations[0].wandb.extra == {"y": [1]}
    assert isinstance(job.method, m.FineTuneMethod) and job.method.extra == {"q": None}
    assert job.hyperparameters.extra == {}  # none there


def test_absent_stays_absent_and_null_stays_null() -> None:
    doc = {k: v for k, v in JOB.items() if k not in ("integrations", "method", "metadata")}
    doc["hyperparameters"] = {"batch_size": None}
    job = J.from_dict(doc)
    assert job.integrations is m.UNSET and job.method is m.UNSET
    assert job.hyperparameters.batch_size is None and job.hyperparameters.n_epochs is m.UNSET
    round_trips(doc)


def test_numbers_keep_their_type() -> None:
    doc = copy.deepcopy(JOB)
    doc["hyperparameters"] = {"n_epochs": 3, "learning_rate_multiplier": 2}  # an int in a float field
    doc["method"]["supervised"]["hyperparameters"] = {"learning_rate_multiplier": 2.0}
    round_trips(doc)
    job = J.from_json(json.dumps(doc))
    assert type(job.hyperparameters.learning_rate_multiplier) is int
    big = dict(JOB, created_at=2**70, seed=-(2**65))
    round_trips(big)


@pytest.mark.parametrize(
    ("path", "value", "names"),
    [
        (("hyperparameters", "n_epochs"), True, "hyperparameters.n_epochs"),  # bool is not an int
        (("hyperparameters", "learning_rate_multiplier"), True, "hyperparameters.learning_rate_multiplier"),
        (("hyperparameters", "n_epochs"), "5", "hyperparameters.n_epochs"),  # "5" is not 5
        (("hyperparameters", "n_epochs"), 1.5, "hyperparameters.n_epochs"),
        (("hyperparameters", "n_epochs"), None, "hyperparameters.n_epochs"),  # absent ok, null not
        (("created_at",), True, "created_at"),
        (("status",), 5, "status"),
        (("object",), "fine_tuning.jab", "object"),
        (("method",), None, "method"),
        (("metadata", "team"), 1, "metadata"),
        (("integrations", 0, "wandb", "project"), 1, "integrations[0].wandb.project"),
        (("integrations", 0, "type"), "slack", "integrations[0].type"),
    ],
)
def test_invalid_values_name_the_path(path: tuple[Any, ...], value: Any, names: str) -> None:
    for unknown in (False, True):  # through the fast path, and through the slow one
        doc = copy.deepcopy(JOB)
        if unknown:
            doc["surprise"] = 1
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        for load in (J.from_dict, lambda d: J.from_json(json.dumps(d))):
            with pytest.raises(m.ValidationError) as info:
                load(doc)
            assert names in str(info.value) and info.value.path.startswith(names)
            assert isinstance(info.value, ValueError) and isinstance(info.value, msgspec.ValidationError)


def test_missing_required_key_names_it() -> None:
    doc = copy.deepcopy(JOB)
    del doc["integrations"][0]["wandb"]["project"]
    with pytest.raises(ValueError, match=r"^integrations\[0\]\.wandb\.project: required key is missing"):
        J.from_json(json.dumps(doc))


def test_open_enum() -> None:
    job = J.from_json(json.dumps(JOB))
    assert job.status is m.FineTuningJobStatus.SUCCEEDED
    doc = dict(JOB, status="paused")
    job = J.from_json(json.dumps(doc))
    assert job.status == "paused" and isinstance(job.status, str)
    assert isinstance(job.status, m.FineTuningJobStatus) and job.status.value == "paused"
    assert job.status not in list(m.FineTuningJobStatus)  # a pseudo-member, not a new member
    assert type(job.to_dict()["status"]) is str
    round_trips(doc)
    job.status = "cancelling"  # the type checker allows a plain str too
    assert json.loads(job.to_json())["status"] == "cancelling"
    assert pickle.loads(pickle.dumps(m.FineTuningJobStatus("paused"))) == "paused"


def test_user_built_models_encode() -> None:
    hp = m.FineTuningJobHyperparameters(n_epochs="auto", batch_size=None)
    job = J(
        id="j",
        created_at=1,
        error=m.FineTuningJobError(code="c", message="m", param=None),
        fine_tuned_model=None,
        finished_at=None,
        hyperparameters=hp,
        model="x",
        object="fine_tuning.job",
        organization_id="o",
        result_files=[],
        status=m.FineTuningJobStatus.QUEUED,
        trained_tokens=None,
        training_file="f",
        validation_file=None,
        seed=1,
    )
    want = {
        "id": "j",
        "created_at": 1,
        "error": {"code": "c", "message": "m", "param": None},
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": {"n_epochs": "auto", "batch_size": None},
        "model": "x",
        "object": "fine_tuning.job",
        "organization_id": "o",
        "result_files": [],
        "status": "queued",
        "trained_tokens": None,
        "training_file": "f",
        "validation_file": None,
        "seed": 1,
    }
    assert same(job.to_dict(), want) and same(json.loads(job.to_json()), want)
    # unknown keys set by the user, at the top and nested, are written back (after the fields)
    hp.extra["new_knob"] = 3
    job.extra = {"x": [1, {"y": None}], "id": "shadowed: not written"}
    want2 = {**want, "hyperparameters": {**want["hyperparameters"], "new_knob": 3}, "x": [1, {"y": None}]}
    assert same(job.to_dict(), want2) and same(json.loads(job.to_json()), want2)
    assert list(job.to_dict())[-1] == "x"
    assert same(J.from_dict(job.to_dict()).to_dict(), want2)


def test_mutating_a_decoded_model() -> None:
    job = J.from_json(json.dumps(JOB))
    assert isinstance(job.method, m.FineTuneMethod) and isinstance(job.method.supervised, m.SupervisedMethod)
    inner = job.method.supervised.hyperparameters
    assert isinstance(inner, m.SupervisedHyperparameters)
    inner.extra["added"] = True
    assert json.loads(job.to_json())["method"]["supervised"]["hyperparameters"]["added"] is True
    assert job.to_dict()["method"]["supervised"]["hyperparameters"]["added"] is True
    # a model holding unknown keys, placed where an Any value goes, is written with them too
    error = m.FineTuningJobError(code="c", message="m", param=None)
    error.extra["k"] = 1
    run = m.RunGraderResponse.from_dict(RUN)
    with pytest.raises(ValueError, match="scores.g: expected a JSON value"):  # __init__ checks Any values
        m.RunGraderResponseMetadata(
            **{**run.metadata.to_dict(), "errors": run.metadata.errors, "scores": {"g": error}}
        )
    run.metadata.scores["g"] = error  # (no check on mutation)
    assert json.loads(run.to_json())["metadata"]["scores"] == {
        "g": {"code": "c", "message": "m", "param": None, "k": 1}
    }
    assert run.to_dict()["metadata"]["scores"]["g"]["k"] == 1
    del inner.extra["added"]
    assert "added" not in json.loads(job.to_json())["method"]["supervised"]["hyperparameters"]


def test_the_hidden_wire_name_is_an_unknown_key_like_any_other() -> None:
    doc = dict(JOB, **{"$modelgen.extra": {"a": 1}})
    round_trips(doc)
    assert J.from_dict(doc).extra == {"$modelgen.extra": {"a": 1}}


def test_equality_copy_pickle_keep_unknown_keys() -> None:
    doc = dict(JOB, surprise=1)
    a, b = J.from_dict(doc), J.from_json(json.dumps(doc))
    assert a == b and a != J.from_dict(JOB)
    for c in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a)), msgspec.structs.replace(a)):
        assert same(c.to_dict(), doc)
    assert "surprise" in repr(a)
    c, d = J.from_dict(JOB), J.from_dict(JOB)
    assert c.hyperparameters.extra == {}  # reading .extra makes an empty holder ...
    assert c == d  # ... which equals none


def test_wire_names() -> None:
    doc = {"id": "f", "object": "file", "bytes": 5, "created_at": 1, "filename": "a", "purpose": "p"}
    f = m.OpenAIFile.from_json(json.dumps(doc))
    assert f.bytes_ == 5
    round_trips(doc, m.OpenAIFile)
    with pytest.raises(ValueError, match="bytes: required key is missing"):
        m.OpenAIFile.from_dict({**{k: v for k, v in doc.items() if k != "bytes"}, "bytes_": 5})


def deep_list(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def test_hostile_nesting() -> None:
    doc = copy.deepcopy(RUN)
    doc["metadata"]["scores"] = {"k": deep_list(300)}
    R = m.RunGraderResponse
    for load in (R.from_dict, lambda d: R.from_json(json.dumps(d))):
        with pytest.raises(m.ValidationError, match=r"^metadata\.scores\.k(\[0\])+: nested deeper than 200"):
            load(doc)
    doc["metadata"]["scores"]["k"] = deep_list(150)
    round_trips(doc, R)
    for text in (
        '{"a":' * 100_000,
        "[" * 100_000,
        json.dumps(dict(JOB, x=1))[:-1] + ', "y": ' + "[" * 100_000,
    ):
        with pytest.raises(m.ValidationError, match="^<root>: invalid JSON"):
            J.from_json(text)
    hostile = dict(JOB, x=deep_list(100_000))  # (json.dumps cannot write this one)
    with pytest.raises(m.ValidationError, match=r"^x(\[0\])+: nested deeper than 200"):
        J.from_dict(hostile)


def test_cycles_made_by_the_user_are_errors_not_crashes() -> None:
    job = J.from_json(json.dumps(JOB))
    job.extra["me"] = job
    for write in (job.to_json, job.to_dict):
        with pytest.raises(m.ValidationError, match="nested too deeply"):
            write()
    loop: list[Any] = []
    loop.append(loop)
    job = J.from_json(json.dumps(JOB))
    job.metadata = {"k": loop}  # type: ignore[dict-item]
    for write in (job.to_json, job.to_dict):
        with pytest.raises(m.ValidationError, match="nested too deeply"):
            write()


@pytest.mark.parametrize("text", [None, 5, ["{}"]])
def test_from_json_of_a_non_text(text: Any) -> None:
    with pytest.raises(m.ValidationError, match="JSON text"):
        J.from_json(text)


def test_from_dict_rejects_what_is_not_json() -> None:
    for value in ({1, 2}, object(), b"x", (1, 2)):
        with pytest.raises(m.ValidationError, match=r"^metadata\.scores\.k"):
            m.RunGraderResponse.from_dict(dict(RUN, metadata=dict(RUN["metadata"], scores={"k": value})))
        with pytest.raises(m.ValidationError, match=r"^x"):
            J.from_dict(dict(JOB, x=value))


def test_a_model_with_only_unknown_keys() -> None:
    hp = m.SupervisedHyperparameters()
    hp.extra = {"a": 1}
    method = m.FineTuneMethod(type="supervised", supervised=m.SupervisedMethod(hyperparameters=hp))
    want = {"type": "supervised", "supervised": {"hyperparameters": {"a": 1}}}
    assert same(json.loads(method.to_json()), want) and same(method.to_dict(), want)
    hp.extra = {"n_epochs": 5}  # shadows a field that is absent: written, as the other styles do
    assert json.loads(method.to_json())["supervised"]["hyperparameters"] == {"n_epochs": 5}
    assert method.to_dict()["supervised"]["hyperparameters"] == {"n_epochs": 5}


def test_a_bad_map_value_names_its_key() -> None:
    doc = dict(JOB, metadata={"team": "a", "bad": 1})
    for load in (J.from_dict, lambda d: J.from_json(json.dumps(d))):
        with pytest.raises(m.ValidationError, match=r"^metadata\.bad: Expected `str`, got `int`"):
            load(doc)


def test_a_union_holding_models_as_the_value_and_as_list_items_keeps_unknown_keys_in_both() -> None:
    """EvalItem.content is a string, a content part (tagged by `type`) or a list of either."""
    part = {"type": "input_text", "text": "hi", "later": 1}
    for content in (part, [part, "plain", dict(part, text="again")], "just text"):
        doc = {"role": "user", "content": content, "type": "message"}
        round_trips(doc, m.EvalItem)
    item = m.EvalItem.from_dict({"role": "user", "content": [part]})
    assert isinstance(item.content, list) and isinstance(item.content[0], m.InputTextContent)
    assert item.content[0].extra == {"later": 1}


@pytest.mark.parametrize(
    ("field_type", "doc"),
    [
        (UnionOf((Ref("A"), Ref("B"))), {"y": 1}),  # two object-like options, untagged
        (ListOf(ListOf(Ref("A"))), [[{"x": "a", "k": 1}], []]),  # a model in a list of lists
        (UnionOf((Ref("A"), ListOf(Ref("A")))), [{"x": "a"}]),  # models held in two ways
    ],
)
def test_what_msgspec_cannot_decode_by_itself_is_still_written(
    field_type: Any, doc: Any, tmp_path: Any
) -> None:
    a = Model("A", (Field("x", "x", Scalar("str"), True, False),))
    b = Model("B", (Field("y", "y", Scalar("int"), True, False),))
    spec = Spec((a, b, Model("C", (Field("c", "c", field_type, True, False),))))
    assert writable_styles(spec, ("dataclass", "msgspec")) == (("dataclass", "msgspec"), [])
    package = f"msgspec_written_{abs(hash(field_type))}"
    for name, text in build_tree(spec, ("dataclass", "msgspec")).items():
        (tmp_path / package / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / package / name).write_text(text)
    sys.path.insert(0, str(tmp_path))
    try:
        c = importlib.import_module(f"{package}.msgspec_models").C
    finally:
        sys.path.remove(str(tmp_path))
    assert json.loads(c.from_json(json.dumps({"c": doc})).to_json()) == {"c": doc}
    assert c.from_dict({"c": doc}).to_dict() == {"c": doc}


def test_a_key_msgspec_cannot_rename_to_skips_the_module_with_a_warning() -> None:
    spec = Spec((Model("C", (Field('a"b', "a_b", Scalar("str"), True, False),)),))
    styles, warnings = writable_styles(spec, ("dataclass", "msgspec"))
    assert styles == ("dataclass",)
    assert [w.code for w in warnings] == ["W501"] and 'C.a"b' in warnings[0].message
    assert "W501" in CODES
    assert "msgspec_models.py" not in build_tree(spec, ("dataclass", "msgspec"))
