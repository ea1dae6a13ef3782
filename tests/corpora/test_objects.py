"""No two pages of distinct objects become one model: the independent check (``objects``) run on
the vendored samples and on folders built from them, through modelgen's own page → model mapping."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.corpora import measure, objects

SAMPLES = Path(__file__).parent / "samples"
OPENAI = SAMPLES / "openai-openapi-generator-python" / "pages"


@pytest.mark.parametrize("corpus", sorted(p for p in SAMPLES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_no_sample_model_is_fed_by_pages_of_distinct_objects(corpus: Path) -> None:
    pages = measure.page_folder(corpus)
    spec, _ = measure.load_spec(pages)
    found, _, _ = measure.distinct_objects(pages, spec)
    assert found == []


def test_the_check_names_a_model_fed_by_two_distinct_pages() -> None:
    """The mapping a merge by a shared ``object`` constant would give: both pages say ``list``."""
    read = objects.read_objects(OPENAI)
    one, two = OPENAI / "InviteListResponse.md", OPENAI / "ListFineTuningJobEventsResponse.md"
    assert {one.resolve(), two.resolve()} <= read.keys()
    found = objects.merges(read, {"ListResponse": [one.resolve(), two.resolve()]}, {})
    assert [(m.model, m.pages) for m in found] == [
        ("ListResponse", ("InviteListResponse.md", "ListFineTuningJobEventsResponse.md"))
    ]
    assert "InviteListResponse, ListFineTuningJobEventsResponse" in found[0].why
    # a declared alias makes the two names one object (the events page's fields are a subset)
    alias = {"invitelistresponse": "listfinetuningjobeventsresponse"}
    assert objects.merges(read, {"ListResponse": [one.resolve(), two.resolve()]}, alias) == []


def _page(folder: Path, name: str, title: str, rows: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    body = "\n".join(f"**{r}** | **str** | The {r}. | " for r in rows)
    table = (
        "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
    )
    (folder / f"{name}.md").write_text(f"# {title}\n\n## Properties\n\n{table}{body}\n", encoding="utf-8")


def test_same_named_pages_with_other_fields_in_two_folders_stay_apart(tmp_path: Path) -> None:
    _page(tmp_path / "v1", "Job", "Job", ["id", "status"])
    _page(tmp_path / "v2", "Job", "Job", ["id", "state", "owner"])
    spec, _ = measure.load_spec(tmp_path)
    assert spec is not None
    found, shared, stage = measure.distinct_objects(tmp_path, spec)
    assert (found, shared, stage) == ([], 0, "spec")


def test_an_alias_merges_two_titles_and_the_check_accepts_it(tmp_path: Path) -> None:
    shutil.copy(OPENAI / "FineTuningJobError.md", tmp_path)
    _page(tmp_path, "JobError", "JobError", ["code", "message"])
    (tmp_path / "modelgen.toml").write_text(
        '[aliases]\n# another page titles it JobError\nJobError = "FineTuningJobError"\n', encoding="utf-8"
    )
    spec, _ = measure.load_spec(tmp_path)
    assert spec is not None
    found, shared, _ = measure.distinct_objects(tmp_path, spec)
    assert (found, shared) == ([], 1)
    # without the settings file the same mapping is two objects merged
    fed, _ = measure.fed_by(tmp_path, spec)
    merged = objects.merges(objects.read_objects(tmp_path), fed, {})
    assert [m.model for m in merged] == ["FineTuningJobError"]


def test_aliased_pages_whose_fields_are_incompatible_are_named(tmp_path: Path) -> None:
    shutil.copy(OPENAI / "FineTuningJobError.md", tmp_path)
    _page(tmp_path / "other", "JobError", "JobError", ["code", "kind"])
    fed = {"FineTuningJobError": [p.resolve() for p in sorted(tmp_path.rglob("*.md"))]}
    found = objects.merges(objects.read_objects(tmp_path), fed, {"joberror": "finetuningjoberror"})
    assert [m.why for m in found] == [
        "incompatible fields (FineTuningJobError.md alone has message, param; JobError.md alone has kind)"
    ]
