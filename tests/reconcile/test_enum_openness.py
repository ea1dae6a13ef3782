"""Open or closed, per enum, from the pages: a Speakeasy values page says which (its "This is an open
enum" sentence, or none), the spec settings' ``[enums]`` overrides, disagreeing pages warn (W318),
and a stale ``[enums]`` entry warns (W319)."""

from __future__ import annotations

from pathlib import Path

from generator.model.ir import EnumDef, Spec
from generator.pipeline import load_spec

CASES = Path(__file__).resolve().parents[1] / "dialects" / "cases" / "speakeasy"
MODEL = """# Job

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `granularity` | [models.ConfidenceScoresGranularity](../models/confidencescoresgranularity.md) | :heavy_check_mark: | How fine. |
| `endpoint` | [models.APIEndpoint](../models/apiendpoint.md) | :heavy_check_mark: | Where. |
"""


def _folder(tmp_path: Path, settings: str = "") -> Path:
    (tmp_path / "job.md").write_text(MODEL, encoding="utf-8")
    for case, name in (("enum_closed_str", "confidencescoresgranularity"), ("enum_open_str", "apiendpoint")):
        (tmp_path / f"{name}.md").write_text(
            (CASES / f"{case}.md").read_text(encoding="utf-8"), encoding="utf-8"
        )
    if settings:
        (tmp_path / "modelgen.toml").write_text(settings, encoding="utf-8")
    return tmp_path


def _openness(spec: Spec) -> dict[str, bool]:
    return {e.name: e.open for e in spec.items if isinstance(e, EnumDef)}


def test_a_page_without_the_open_sentence_makes_a_closed_enum(tmp_path: Path) -> None:
    spec, diags = load_spec(_folder(tmp_path))
    assert spec is not None, diags
    assert _openness(spec) == {"ConfidenceScoresGranularity": False, "APIEndpoint": True}


def test_the_settings_override_what_the_page_says(tmp_path: Path) -> None:
    settings = '[enums]\n# more granularities will come\nConfidenceScoresGranularity = "open"\nAPIEndpoint = "closed"\n'
    spec, diags = load_spec(_folder(tmp_path, settings))
    assert spec is not None, diags
    assert _openness(spec) == {"ConfidenceScoresGranularity": True, "APIEndpoint": False}
    assert not [d for d in diags if d.code in ("W318", "W319")]


def test_pages_that_disagree_keep_it_open_with_a_warning(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    other = folder / "v2"
    other.mkdir()
    closed = (CASES / "enum_closed_str.md").read_text(encoding="utf-8")
    opened = closed.replace(
        "## Values\n", "## Values\n\nThis is an open enum. Unrecognized values will not fail type checks.\n"
    )
    (other / "confidencescoresgranularity.md").write_text(opened, encoding="utf-8")
    spec, diags = load_spec(folder)
    assert spec is not None, diags
    assert _openness(spec)["ConfidenceScoresGranularity"] is True
    (w318,) = [d for d in diags if d.code == "W318"]
    assert "v2/confidencescoresgranularity.md" in w318.message and w318.origin.path.endswith(
        f"{tmp_path.name}/confidencescoresgranularity.md"
    )


def test_a_stale_or_bad_enums_entry_is_named(tmp_path: Path) -> None:
    spec, diags = load_spec(_folder(tmp_path, '[enums]\n# gone\nGranularity = "open"\n'))
    assert spec is not None
    assert [(d.code, d.message) for d in diags if d.code == "W319"] == [
        ("W319", "[enums] names Granularity, which is no enum of the pages; the entry does nothing")
    ]
    spec, diags = load_spec(_folder(tmp_path, '[enums]\n# a typo\nAPIEndpoint = "opened"\n'))
    assert spec is None
    assert [d.code for d in diags if d.severity == "error"] == ["E104"]
