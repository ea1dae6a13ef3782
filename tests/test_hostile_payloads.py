"""The vendored generated modules under hostile payloads: deep nesting, wrong types, huge strings.

Every outcome is a ValueError (the module's ValidationError, or pydantic's) whose message names the
path of the bad value; never a RecursionError, a TypeError or any other crash.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any, Callable

import pytest

from generated import attrs_models, dataclass_models, msgspec_models, pydantic_models, typeddict_models

STYLES: dict[str, ModuleType] = {
    "dataclass": dataclass_models,
    "attrs": attrs_models,
    "pydantic": pydantic_models,
    "typeddict": typeddict_models,
    "msgspec": msgspec_models,
}
FILE = {
    "id": "file-abc",
    "bytes": 1,
    "created_at": 1,
    "filename": "train.jsonl",
    "object": "file",
    "purpose": "fine-tune",
    "status": "processed",
}
DEPTH = 100_000


def deep_list(depth: int = DEPTH) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def deep_dict(depth: int = DEPTH) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def load(style: str, name: str) -> Callable[[Any], Any]:
    model = STYLES[style].MODELS[name]
    return model if style == "typeddict" else model.from_dict  # type: ignore[no-any-return]


def outcome(style: str, name: str, doc: Any) -> str:
    """ "ok" (accepted, and written back without error) or the ValueError's message."""
    try:
        obj = load(style, name)(doc)
        if style != "typeddict":
            obj.to_dict()
            json.loads(obj.to_json())
    except ValueError as exc:
        return str(exc)
    return "ok"


def test_the_valid_file_is_accepted() -> None:
    for style in STYLES:
        assert outcome(style, "OpenAIFile", FILE) == "ok", style


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("make", [deep_list, deep_dict], ids=["list", "dict"])
def test_deep_value_in_an_any_field(style: str, make: Callable[[], Any]) -> None:
    message = outcome(style, "OpenAIFile", {**FILE, "status_details": {"k": make()}})
    assert message != "ok"
    if style != "pydantic":  # pydantic accepts it and its serializer refuses it (a ValueError)
        assert message.startswith("status_details.k"), message[:200]
        assert "nested deeper than 200 levels" in message


@pytest.mark.parametrize("style", sorted(STYLES))
def test_deep_value_under_an_unknown_key(style: str) -> None:
    message = outcome(style, "OpenAIFile", {**FILE, "surprise": deep_list()})
    assert message != "ok"
    if style != "pydantic":
        assert message.startswith("surprise[0]"), message[:200]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_deep_value_in_a_model_list(style: str) -> None:
    job = _job()
    job["integrations"] = deep_list()
    message = outcome(style, "FineTuningJob", job)
    assert "integrations" in message and message != "ok", message[:200]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_moderate_nesting_is_kept(style: str) -> None:
    doc = {**FILE, "status_details": {"k": deep_list(150)}}
    assert outcome(style, "OpenAIFile", doc) == "ok"
    if style != "typeddict":
        assert STYLES[style].MODELS["OpenAIFile"].from_dict(doc).to_dict() == doc


@pytest.mark.parametrize("style", sorted(set(STYLES) - {"typeddict"}))
@pytest.mark.parametrize(
    "text",
    [
        '{"a":' * DEPTH,
        "[" * DEPTH + "]" * DEPTH,
        "{nope",
        "",
        b"\xff\xfe",
        '{"id": "x"',
    ],
    ids=["deep-object", "deep-array", "invalid", "empty", "not-utf8", "truncated"],
)
def test_from_json_rejects_bad_text(style: str, text: str | bytes) -> None:
    with pytest.raises(ValueError):
        STYLES[style].MODELS["OpenAIFile"].from_json(text)


@pytest.mark.parametrize("style", ["dataclass", "attrs", "msgspec"])
def test_from_json_of_deep_text_names_the_root(style: str) -> None:
    with pytest.raises(ValueError, match=r"^<root>: invalid JSON"):
        STYLES[style].MODELS["OpenAIFile"].from_json("[" * DEPTH)


@pytest.mark.parametrize("style", ["dataclass", "attrs", "msgspec"])
def test_from_json_of_a_non_text(style: str) -> None:
    with pytest.raises(ValueError, match="JSON text"):
        STYLES[style].MODELS["OpenAIFile"].from_json(None)


WRONG_VALUES: list[Any] = [None, True, 0, 1.5, "x", [], {}, [1], {"a": 1}, {1, 2}, object(), b"bytes"]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_wrong_types_everywhere(style: str) -> None:
    """Every field of every model, given every wrong kind of value: a ValueError or acceptance."""
    model_names = list(STYLES["dataclass"].MODELS)
    for name in model_names:
        for key in _keys(name):
            for value in WRONG_VALUES:
                doc = {key: value}
                try:
                    outcome(style, name, doc)
                except Exception as exc:  # noqa: BLE001 - the test is that nothing else escapes
                    pytest.fail(f"{style} {name}.{key}={value!r}: {type(exc).__name__}: {exc}")
    for value in WRONG_VALUES:
        message = outcome(style, "OpenAIFile", value)
        assert message != "ok"


@pytest.mark.parametrize("style", sorted(STYLES))
def test_wrong_type_names_its_path(style: str) -> None:
    message = outcome(style, "OpenAIFile", {**FILE, "bytes": "many"})
    assert "bytes" in message


@pytest.mark.parametrize("style", sorted(STYLES))
def test_huge_strings(style: str) -> None:
    huge = "x" * 10_000_000
    assert outcome(style, "OpenAIFile", {**FILE, "filename": huge}) == "ok"
    message = outcome(style, "OpenAIFile", {**FILE, "bytes": huge})
    assert "bytes" in message and len(message) < 2000
    message = outcome(style, "OpenAIFile", {**FILE, huge: 1})
    assert message == "ok" or len(message) < 20_000_000


def test_a_cycle_is_rejected_not_looped() -> None:
    loop: list[Any] = []
    loop.append(loop)
    for style in ("dataclass", "attrs", "typeddict", "msgspec"):
        assert "nested deeper" in outcome(style, "OpenAIFile", {**FILE, "status_details": {"k": loop}})


def _keys(name: str) -> list[str]:
    """The model's wire keys (the module's own frozenset of them)."""
    return sorted(getattr(dataclass_models, f"_KEYS_{name}"))


def _job() -> dict[str, Any]:
    return {
        "id": "ftjob-1",
        "created_at": 1,
        "error": None,
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": {"n_epochs": "auto"},
        "model": "gpt-4o-mini",
        "object": "fine_tuning.job",
        "organization_id": "org-1",
        "result_files": [],
        "status": "queued",
        "trained_tokens": None,
        "training_file": "file-1",
        "validation_file": None,
        "seed": 1,
    }


@pytest.mark.parametrize("style", ["dataclass", "attrs", "msgspec"])
def test_a_cycle_made_after_decoding_is_an_error_when_written(style: str) -> None:
    loop: list[Any] = []
    loop.append(loop)
    model = STYLES[style].MODELS["OpenAIFile"].from_dict(FILE)
    model.extra["k"] = loop
    for write in (model.to_dict, model.to_json):
        with pytest.raises(ValueError, match="nested"):
            write()
