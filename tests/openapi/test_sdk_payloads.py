"""Payloads the openai SDK builds and dumps, against our models of the same objects: spec/'s own.

At the IR level: every payload fits the merged models of spec/ (the conformance check the merge
uses on examples), and each grader fits exactly one member of the grader union, the one its
``type`` names. Through every style of the committed generated/: each payload round-trips
unchanged and a grader decodes to its own class.
"""

from __future__ import annotations

import importlib
import json
from types import ModuleType
from typing import Any

import pytest

from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.model.ir import Model, Ref, Spec
from generator.reconcile.conformance import problems
from tests.openapi.sdk_oracle import Ours
from tests.openapi.sdk_payloads import GRADERS, payloads

PAYLOADS = payloads()


@pytest.fixture(scope="module")
def ir(fine_tuning_spec: Spec) -> Spec:
    """The resolved Spec, unions and all: conformance reads a UnionDef as its members."""
    return fine_tuning_spec


@pytest.mark.parametrize("label, name, payload", PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_every_sdk_payload_fits_our_model(ir: Spec, label: str, name: str, payload: dict[str, Any]) -> None:
    model = ir.get(name)
    assert isinstance(model, Model)
    assert problems(payload, model, ir) == []


def test_each_grader_fits_exactly_the_member_its_type_names(ir: Spec, ours: Ours) -> None:
    grader = next(f.type for f in ours.models["ReinforcementMethod"].fields if f.wire_name == "grader")
    assert isinstance(grader, Ref)
    members = [m for m in ours.unions[grader.name] if isinstance(m, Ref)]
    for name, sdk_grader in GRADERS.items():
        if name == "GraderLabelModel":  # not a member of the reinforcement method's union; it is of multi's
            continue
        payload = sdk_grader.model_dump(mode="json", exclude_unset=True)
        fits = [m.name for m in members if not problems(payload, ir.get(m.name), ir)]  # type: ignore[arg-type]
        assert fits == [name], (name, fits)


# ---------------------------------------------------------------- every style: the committed generated/


@pytest.fixture(scope="module")
def styles() -> dict[str, ModuleType]:
    """The modules users get: generated/ as committed (tests/test_golden keeps it equal to spec/'s output)."""
    return {f"{s}_models": importlib.import_module(f"generated.{s}_models") for s in STYLES}


def _round_trip(style: str, module: ModuleType, name: str, payload: dict[str, Any]) -> tuple[Any, Any]:
    cls = module.MODELS[name]
    if style == "pydantic_models":
        obj = cls.model_validate(payload)
        return obj, obj.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if style == "typeddict_models":
        return None, cls(payload)
    if style == "msgspec_models":
        obj = cls.from_json(json.dumps(payload))
        return obj, json.loads(obj.to_json())
    obj = cls.from_dict(payload)
    return obj, obj.to_dict()


@pytest.mark.parametrize("label, name, payload", PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_sdk_payloads_round_trip_through_every_style(
    styles: dict[str, ModuleType], label: str, name: str, payload: dict[str, Any]
) -> None:
    for style, module in styles.items():
        obj, back = _round_trip(style, module, name, payload)
        assert back == payload, style
        if obj is not None and label.startswith("job with "):
            grader = obj.method.reinforcement.grader
            assert type(grader).__name__ == label.removeprefix("job with ").split(" ")[0], style


def test_the_ir_check_rejects_a_grader_of_no_known_kind(ir: Spec) -> None:
    label, name, payload = PAYLOADS[0]
    broken = json.loads(json.dumps(payload))
    broken["method"]["reinforcement"]["grader"]["type"] = "nope"
    assert problems(broken, ir.get(name), ir)  # type: ignore[arg-type]
