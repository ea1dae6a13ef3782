"""Spec settings that settle what the documents cannot: per-field overrides and acknowledgements."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.model.ir import ListOf, Ref, Scalar, UnionOf
from generator.pipeline import load_spec
from generator.reconcile.overrides import TypeTextError, mentions, parse_type

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = (ROOT / "spec" / "modelgen.toml").read_text()
BASE = SHIPPED.split("\n# Known disagreements")[0]  # aliases and precedence only


@pytest.fixture()
def spec_dir(tmp_path: Path) -> Path:
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec)
    return spec


def field(spec_dir: Path, model: str, wire: str) -> tuple[object, bool, bool]:
    spec, diags = load_spec(spec_dir)
    assert spec is not None, [str(d) for d in diags if d.severity == "error"]
    m = next(m for m in spec.models if m.name == model)
    f = next(f for f in m.fields if f.wire_name == wire)
    return f.type, f.required, f.nullable


def test_the_documents_alone_call_error_required(spec_dir: Path) -> None:
    (spec_dir / "modelgen.toml").write_text(BASE)
    assert field(spec_dir, "FineTuningJob", "error")[1:] == (True, True)
    _, diags = load_spec(spec_dir)
    missing = [d for d in diags if d.code == "W307" and "error: required key is missing" in d.message]
    assert sorted(Path(d.origin.path).name for d in missing if d.origin) == [  # 000, 003, the document's own
        "000_62d1526908dff564.txt",
        "003_d9b8598430d1132a.txt",
        "openai-finetuning.yaml",
    ]


def test_an_override_changes_the_field_reports_a_note_and_settles_the_disagreement(spec_dir: Path) -> None:
    (spec_dir / "modelgen.toml").write_text(
        BASE
        + '\n[overrides]\n# why\n"FineTuningJob.seed" = { required = false, nullable = true, type = "int | str",'
        ' reason = "a test" }\n'
    )
    assert field(spec_dir, "FineTuningJob", "seed") == (UnionOf((Scalar("int"), Scalar("str"))), False, True)
    _, diags = load_spec(spec_dir)
    (note,) = [d for d in diags if d.code == "W341"]
    assert note.severity == "note" and note.origin is not None and note.origin.line == BASE.count("\n") + 4
    assert "FineTuningJob.seed" in note.message and "reason: a test" in note.message
    w301 = [d for d in diags if d.code == "W301" and "field 'seed'" in d.message]
    assert w301 and all(d.acknowledged.startswith("settled by the override") for d in w301)


@pytest.mark.parametrize(
    "entry, code, words",
    [
        ('"Nope.x" = { required = false, reason = "r" }', "E230", "no object is named 'Nope'"),
        ('"FineTuningJob.nope" = { required = false, reason = "r" }', "E230", "has no field 'nope'"),
        ('"FineTuningJob.seed" = { type = "Widget", reason = "r" }', "E231", "no object or enum is named"),
        ('"FineTuningJob.seed" = { required = false }', "E104", "'reason' must say why"),
        ('"FineTuningJob.seed" = { reason = "r" }', "E104", "sets none of"),
        ('"FineTuningJob.seed" = { required = "no", reason = "r" }', "E104", "wrong type"),
        ('"seed" = { required = false, reason = "r" }', "E104", "Model.wire_key"),
    ],
)
def test_a_bad_override_is_an_error_naming_it(spec_dir: Path, entry: str, code: str, words: str) -> None:
    (spec_dir / "modelgen.toml").write_text(BASE + f"\n[overrides]\n{entry}\n")
    spec, diags = load_spec(spec_dir)
    assert spec is None
    assert any(d.code == code and words in d.message and d.origin for d in diags), [str(d) for d in diags]


def test_acknowledged_diagnostics_are_kept_marked_and_a_stale_one_is_w340(spec_dir: Path) -> None:
    (spec_dir / "modelgen.toml").write_text(
        BASE
        + '\n[[acknowledge]]\n# why\ncode = "W302"\n# where\nobject = "OpenAIFile"\n# field\nfield = "bytes"\n'
        '# because\nreason = "a test"\n\n[[acknowledge]]\n# why\ncode = "W309"\n# because\nreason = "stale"\n'
    )
    _, diags = load_spec(spec_dir)
    w302 = [d for d in diags if d.code == "W302" and d.message.startswith("OpenAIFile")]
    assert [d.acknowledged for d in w302 if "'bytes'" in d.message] == ["a test"]
    assert all(not d.acknowledged for d in w302 if "'bytes'" not in d.message)
    (stale,) = [d for d in diags if d.code == "W340"]
    assert "W309" in stale.message and stale.origin is not None and stale.origin.line > BASE.count("\n")


def test_errors_cannot_be_acknowledged(spec_dir: Path) -> None:
    (spec_dir / "modelgen.toml").write_text(
        BASE + '\n[[acknowledge]]\n# why\ncode = "E202"\n# r\nreason = "r"\n'
    )
    spec, diags = load_spec(spec_dir)
    assert spec is None and any(d.code == "E104" and "cannot be acknowledged" in d.message for d in diags)


def test_type_notation_is_inspects() -> None:
    spec, _ = load_spec(ROOT / "spec")
    assert spec is not None
    assert parse_type("list[FineTuningJobError]", spec) == ListOf(Ref("FineTuningJobError"))
    for bad in ("list[", "Foo", "set[int]", "1 + 2"):
        with pytest.raises(TypeTextError):
            parse_type(bad, spec)


def test_mentions_finds_objects_and_fields_as_messages_name_them() -> None:
    assert mentions("FineTuningJob: field 'id': a says", "FineTuningJob", "id")
    assert mentions("FineTuningJob.error is nullable, but", "FineTuningJob", "error")
    assert mentions(
        "example of FineTuningJob does not fit: error: required key is missing", "FineTuningJob", "error"
    )
    assert not mentions("FineTuningJobError: field 'id': x", "FineTuningJob")
    assert not mentions("FineTuningJob: field 'ids': x", "FineTuningJob", "id")
