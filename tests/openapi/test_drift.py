"""`modelgen drift`: docs pages against an OpenAPI document, every disagreement with both origins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.drift import drift_report, markdown_report, text_report
from generator.model.claims import (
    NULLABLE,
    REQUIRED,
    TYPE,
    Claim,
    DocFragments,
    EnumFrag,
    FieldFrag,
    ObjectFrag,
    Strength,
)
from generator.model.diagnostics import Origin
from generator.model.ir import LiteralOf, Ref, Scalar, TypeExpr
from generator.read.spec_settings import SpecSettings
from generator.reconcile.drift import DRIFT_CODES, find_drift

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = "tests/openapi/fixtures/openai-finetuning.yaml"
REPORT = ROOT / "docs" / "drift.md"


def _field(
    path: str, line: int, dialect: str, wire: str, t: TypeExpr, required: bool, nullable: bool | None
) -> FieldFrag:
    o = Origin(path, line, 1)
    claims = [
        Claim(TYPE, t, Strength.TABLE, o, dialect),
        Claim(REQUIRED, required, Strength.TABLE, o, dialect),
    ]
    if nullable is not None:
        claims.append(Claim(NULLABLE, nullable, Strength.TABLE, o, dialect))
    return FieldFrag(wire, o, tuple(claims))


def _sides() -> tuple[list[DocFragments], DocFragments]:
    page = "docs/job.md"
    docs = DocFragments(page, "openai-reference", objects=(
        ObjectFrag("Job", Origin(page, 1, 1), "openai-reference", fields=(
            _field(page, 5, "openai-reference", "id", Scalar("str"), False, None),
            _field(page, 6, "openai-reference", "status", Ref("JobStatus"), True, False),
            _field(page, 7, "openai-reference", "size", Scalar("float"), True, None),
            _field(page, 8, "openai-reference", "legacy", Scalar("str"), True, None),
            _field(page, 9, "openai-reference", "note", Scalar("str"), True, None),
        )),
        ObjectFrag("OnlyInDocs", Origin(page, 20, 1), "openai-reference"),
    ), enums=(EnumFrag("JobStatus", ("queued", "done", "paused"), Origin("docs/status.md", 3, 1), "speakeasy"),))  # fmt: skip
    api = "api.yaml"
    spec = DocFragments(api, "openapi", objects=(
        ObjectFrag("Job", Origin(api, 10, 1), "openapi", fields=(
            _field(api, 12, "openapi", "id", Scalar("str"), True, False),
            _field(api, 14, "openapi", "status", Ref("JobStatus"), True, True),
            _field(api, 16, "openapi", "size", Scalar("int"), True, False),
            _field(api, 18, "openapi", "note", LiteralOf(("x",)), True, True),
            _field(api, 20, "openapi", "added", Scalar("bool"), False, False),
        )),
    ), enums=(EnumFrag("JobStatus", ("queued", "done", "failed"), Origin(api, 30, 1), "openapi"),))  # fmt: skip
    return [docs], spec


def test_every_kind_of_drift_is_found_with_both_origins() -> None:
    docs, spec = _sides()
    rows = find_drift(docs, spec, SpecSettings())
    found = {(r.code, r.subject, r.docs, r.spec) for r in rows}
    assert found == {
        ("D401", "OnlyInDocs", "describe it", "has no schema of that name"),
        ("D404", "Job.id", "optional", "required"),
        ("D405", "Job.status", "not nullable", "nullable"),
        ("D403", "Job.size", "float", "int"),
        ("D402", "Job.legacy", "have it", "does not"),
        ("D403", "Job.note", "str", "Literal['x']"),
        ("D405", "Job.note", "say nothing of null", "nullable"),
        ("D402", "Job.added", "do not have it", "has it"),
        ("D406", "enum JobStatus", "+paused, -failed (docs: + only here, - missing)", "queued, done, failed"),
    }
    assert {r.code for r in rows} == set(DRIFT_CODES)
    size = next(r for r in rows if r.subject == "Job.size")
    assert size.note == "docs less precise" and size.docs_origins == (Origin("docs/job.md", 7, 1),)
    assert size.spec_origin == Origin("api.yaml", 16, 1)
    text = text_report(rows)
    assert "docs/job.md:7: drift[D403]: Job.size: type: the docs float (docs/job.md:7); " in text
    assert "the OpenAPI document int (api.yaml:16) [docs less precise]" in text
    table = markdown_report(rows, "x")
    assert (
        "| D403 | Job.note | type | str | docs/job.md:9 | Literal['x'] | api.yaml:18 | docs less precise |"
        in table
    )


def test_aliases_and_object_constants_match_objects() -> None:
    docs, spec = _sides()
    renamed = DocFragments("api.yaml", "openapi", objects=(
        ObjectFrag("ApiOnly", Origin("api.yaml", 40, 1), "openapi"),
        ObjectFrag("TheJob", Origin("api.yaml", 10, 1), "openapi", fields=spec.objects[0].fields),
    ))  # fmt: skip
    rows = find_drift(docs, renamed, SpecSettings(aliases={"TheJob": "Job"}))
    assert "Job" not in {r.subject for r in rows if r.code == "D401"}
    assert ("D401", "ApiOnly", "do not describe it") in {(r.code, r.subject, r.docs) for r in rows}


def test_the_committed_report_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/drift.md is `modelgen drift` on spec/ itself: its pages against its [openapi] document."""
    monkeypatch.chdir(ROOT)
    text, diags = drift_report(Path("spec"), None, (), "markdown")
    assert text is not None, diags
    assert "spec/ against spec/openai-finetuning.yaml" in text
    assert (
        REPORT.read_text(encoding="utf-8") == text
    ), "docs/drift.md is stale: run `modelgen drift --format markdown --output docs/drift.md`"


def test_the_command_needs_an_openapi_document(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in (ROOT / "spec").glob("*.md"):
        (pages / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "drift", "--spec", str(pages)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "give --openapi FILE" in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "generator", "drift", "--openapi", FIXTURE, "--root", "FineTuningJob"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = run.stdout.splitlines()
    assert lines and all(": drift[D40" in line for line in lines)
    assert any(
        line.startswith("spec/000_62d1526908dff564.txt:6: drift[D404]: FineTuningJob.id") for line in lines
    )
