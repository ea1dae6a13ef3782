"""Payloads the openai SDK builds and dumps, against our models of the same objects.

At the IR level (any branch): every payload fits our merged models (the conformance check the
merge uses on examples), and each grader fits exactly one member of the grader union, the one
its ``type`` names. Through every generated style: each payload round-trips unchanged and a
grader decodes to its own class. That needs the merge to make ``UnionDef`` items and the styles
to emit them; the test probes both on tiny specs and is skipped, saying which is missing, only then.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

import pytest

from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.emit.tree import build_tree
from generator.model.claims import (
    REQUIRED,
    TYPE,
    Claim,
    DocFragments,
    FieldFrag,
    ObjectFrag,
    Strength,
    UnionFrag,
)
from generator.model.diagnostics import Origin
from generator.model.ir import (
    Field,
    LiteralOf,
    Model,
    Ref,
    Spec,
    TypeExpr,
    UnionDef,
)
from generator.pipeline import load_spec
from generator.read.spec_settings import SpecSettings
from generator.reconcile.conformance import problems
from generator.reconcile.merge import merge
from generator.reconcile.resolve import resolve
from tests.openapi.conftest import FINE_TUNING, ROOT
from tests.openapi.extract_closure import FINE_TUNING_ROOTS
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


# ---------------------------------------------------------------- every style (needs UnionDef)


def _field(wire: str, t: TypeExpr) -> FieldFrag:
    o = Origin("probe.yaml", 1, 1)
    return FieldFrag(
        wire,
        o,
        (Claim(TYPE, t, Strength.TABLE, o, "openapi"), Claim(REQUIRED, True, Strength.TABLE, o, "openapi")),
    )


def union_merge_missing() -> Optional[str]:
    """Why a UnionFrag does not become a UnionDef in the merged Spec (None when it does)."""
    o = Origin("probe.yaml", 1, 1)
    objects = tuple(
        ObjectFrag(n, o, "openapi", (_field("type", LiteralOf((n.lower(),))),)) for n in ("A", "B")
    )
    holder = ObjectFrag("H", o, "openapi", (_field("u", Ref("U")),))
    frags = DocFragments(
        "probe.yaml",
        "openapi",
        (*objects, holder),
        unions=(UnionFrag("U", (Ref("A"), Ref("B")), o, "openapi"),),
    )
    spec, _ = resolve(merge([frags], SpecSettings()))
    return (
        None if spec.unions else "the merge makes no UnionDef of a UnionFrag (the reconcile branch adds it)"
    )


def union_emission_missing(tmp: Path) -> Optional[str]:
    """Why some style does not emit a UnionDef (None when every style does)."""

    def model(name: str, t: TypeExpr) -> Model:
        return Model(
            name, (Field("type" if name != "H" else "u", "type" if name != "H" else "u", t, True, False),)
        )

    spec = Spec((model("A", LiteralOf(("a",))), model("B", LiteralOf(("b",))), UnionDef("U", (Ref("A"), Ref("B")), "type"),
                 model("H", Ref("U"))))  # fmt: skip
    try:
        files = build_tree(spec, STYLES)
    except Exception as exc:  # the probe: an emitter that does not know UnionDef fails here
        return f"emitting a UnionDef fails: {type(exc).__name__}: {exc}"
    modules = _import_tree(tmp / "probe", files)
    lacking = [name for name, module in modules.items() if not hasattr(module, "U")]
    return f"{', '.join(lacking)} emit no union U" if lacking else None


def _import_tree(where: Path, files: dict[str, str]) -> dict[str, ModuleType]:
    package = f"uniontree_{abs(hash(where))}"
    root = where / package
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(where))
    try:
        return {
            rel[:-3]: importlib.import_module(f"{package}.{rel[:-3]}")
            for rel in files
            if rel.endswith("_models.py") and "/" not in rel
        }
    finally:
        sys.path.remove(str(where))


@pytest.fixture(scope="module")
def styles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    tmp = tmp_path_factory.mktemp("union_styles")
    why = union_merge_missing() or union_emission_missing(tmp)
    if why:
        pytest.skip(f"round trips through the styles need UnionDef: {why}")
    spec_dir = tmp / "spec"
    shutil.copytree(ROOT / "spec", spec_dir)
    shutil.copy(FINE_TUNING, spec_dir / FINE_TUNING.name)
    roots = ", ".join(json.dumps(r) for r in FINE_TUNING_ROOTS)
    settings = (spec_dir / "modelgen.toml").read_text(encoding="utf-8")
    # the machine spec ranks first for what it states exactly (as docs/openapi-source.md sets it)
    for attr in ("required", "type", "nullable"):
        settings = settings.replace(f"\n{attr} = [", f'\n{attr} = ["openapi", ', 1)
    settings += f'\n[openapi]\n# the fine-tuning closure\ndocument = "{FINE_TUNING.name}"\n# its roots\nroots = [{roots}]\n'
    (spec_dir / "modelgen.toml").write_text(settings, encoding="utf-8")
    spec, diags = load_spec(spec_dir)
    assert spec is not None, "\n".join(map(str, diags))
    return _import_tree(tmp / "out", build_tree(spec, STYLES))


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
