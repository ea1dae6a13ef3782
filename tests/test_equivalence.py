"""FineTuningJob read from each of seeds 000, 001, 003 and 004 alone gives the same fields and
types, up to what that dialect cannot express (a bare "object", "array" or "number" is vague and
only has to be refined by the other reading, not equal to it)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from generator.dialects import parse_document
from generator.model.claims import DocFragments
from generator.model.ir import Model, type_text
from generator.read.documents import find_documents, read_document
from generator.read.spec_settings import load_settings
from generator.reconcile.merge import merge
from generator.reconcile.typealg import refines

SPEC = Path(__file__).resolve().parent.parent / "spec"
SEEDS = {
    "000": "000_62d1526908dff564.txt",
    "001": "001_d285d7d0eb98a30d.txt",
    "003": "003_d9b8598430d1132a.txt",
    "004": "004_378cb8924c8fba4c.txt",
}
ALL = [
    "id",
    "created_at",
    "error",
    "fine_tuned_model",
    "finished_at",
    "hyperparameters",
    "model",
    "object",
    "organization_id",
    "result_files",
    "status",
    "trained_tokens",
    "training_file",
    "validation_file",
    "integrations",
    "seed",
    "estimated_finish",
]
# what each dialect's page has beyond or short of the common fields
EXPECTED_FIELDS = {
    "000": set(ALL),
    "001": set(ALL) | {"method"},
    # error: described, but absent from the example (reported as W308); validation_file: its only
    # evidence is the example's null, which shows nullability but no type (reported as E204)
    "003": set(ALL) - {"error", "validation_file"},
    "004": set(ALL),
}
ALIASES = {
    "FineTuningJobIntegrationsInner": "FineTuningJobIntegration",
    "FineTuningJobIntegrations": "FineTuningJobIntegration",
}


def _fragments(path: Path) -> DocFragments:
    doc, diags = read_document(path)
    assert doc is not None and not diags
    frags = parse_document(doc)
    assert [d for d in frags.diagnostics if d.severity == "error"] == []
    return frags


# the documents of the related types (enum pages, nested objects): every spec document that does
# not itself describe FineTuningJob
RELATED = [
    f
    for f in (_fragments(p) for p in find_documents(SPEC))
    if not any(o.name == "FineTuningJob" for o in f.objects)
]


def read_alone(seed: str) -> Model:
    """FineTuningJob from one seed, with the documents of the types it references."""
    settings, _ = load_settings(SPEC)
    merged = merge([_fragments(SPEC / SEEDS[seed]), *RELATED], settings)
    (model,) = [m for m in merged.models if m.name == "FineTuningJob"]
    return model


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_fields(seed: str) -> None:
    assert {f.wire_name for f in read_alone(seed).fields} == EXPECTED_FIELDS[seed]


@pytest.mark.parametrize("a,b", list(combinations(sorted(SEEDS), 2)))
def test_types_agree(a: str, b: str) -> None:
    ma, mb = read_alone(a), read_alone(b)
    enums = {"FineTuningJobStatus"}

    def is_enum(name: str) -> bool:
        return name in enums

    tb = {f.wire_name: f.type for f in mb.fields}
    disagreements = []
    for f in ma.fields:
        if f.wire_name not in tb:
            continue
        x, y = f.type, tb[f.wire_name]
        if not (refines(x, y, is_enum) or refines(y, x, is_enum)):
            disagreements.append(f"{f.wire_name}: {a} {type_text(x)} vs {b} {type_text(y)}")
    assert disagreements == []


def test_precise_where_the_dialect_can_say() -> None:
    """The strong readings are exact, not merely compatible."""
    t = {s: {f.wire_name: type_text(f.type) for f in read_alone(s).fields} for s in SEEDS}
    for seed in ("000", "001", "003", "004"):
        assert t[seed]["created_at"] == "int", seed  # 004 says number; its example value refines it
        assert t[seed]["object"] == "Literal['fine_tuning.job']", seed
        assert t[seed]["result_files"] == "list[str]", seed
    for seed in ("000", "001", "003", "004"):
        assert t[seed]["status"] == "FineTuningJobStatus", seed
    assert t["001"]["integrations"] == "list[FineTuningJobIntegration]"
    assert t["004"]["integrations"] == "list[FineTuningJobIntegration]"
    assert t["001"]["error"] == t["004"]["error"] == "FineTuningJobError"
    assert t["000"]["error"] == "dict[str, Any]"  # "object or null": the shape is not in this page
