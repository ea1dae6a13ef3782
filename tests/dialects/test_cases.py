"""Dialect case files: ``cases/<dialect>/<name>.md`` (or ``.txt``) beside ``<name>.expected``.

Each document is read through the dialect registry, as a folder would be (so detection is tested
too: the folder names the dialect that must claim the page), and dumped by ``casefile.dump``.
``pytest tests/dialects --update-cases`` rewrites the expectations; review them with ``git diff``.
Where a case comes from a real page is in ``cases/SOURCE.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects import parse_document
from generator.model.diagnostics import CODES
from generator.read.documents import SourceDoc
from tests.dialects.casefile import dump

CASES = Path(__file__).parent / "cases"
DOCUMENTS = sorted(p for p in CASES.glob("*/*") if p.suffix in (".md", ".txt"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def test_every_dialect_has_cases_and_every_case_its_expectation(request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-cases", default=False):
        pytest.skip("expectations are being rewritten")
    assert {p.parent.name for p in DOCUMENTS} >= {"speakeasy", "openapi-generator", "not-a-model"}
    expected = {p.with_suffix("") for p in CASES.glob("*/*.expected")}
    assert expected == {
        p.with_suffix("") for p in DOCUMENTS
    }, "a .expected without its document or vice versa"


@pytest.mark.parametrize("document", DOCUMENTS, ids=_id)
def test_case(document: Path, request: pytest.FixtureRequest) -> None:
    text = document.read_text(encoding="utf-8")
    frags = parse_document(SourceDoc(document.name, text, "0"))
    got = dump(frags)
    expected_file = document.with_suffix(".expected")
    if request.config.getoption("--update-cases", default=False):
        expected_file.write_text(got, encoding="utf-8")
    assert frags.dialect == document.parent.name, "the case folder names the dialect that reads it"
    assert {d.code for d in frags.diagnostics} <= set(CODES)
    assert expected_file.is_file(), f"no {expected_file.name}: run pytest tests/dialects --update-cases"
    assert got == expected_file.read_text(encoding="utf-8")
