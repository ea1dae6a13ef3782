"""Reading a folder: characters Markdown does not break lines at, byte-order marks, exclude patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects import parse_document
from generator.pipeline import load_spec
from generator.read.documents import SourceDoc, read_document, select_documents
from generator.read.spec_settings import load_settings

SPEAKEASY = (
    "# Widget\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    "| `a` | *str* | :heavy_check_mark: | one{sep}two |\n| `b` | *int* | :heavy_minus_sign: | N/A |\n"
)
OPENAPI = (
    "# Widget\n\n## Properties\n\nName | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
    "**a** | **str** | one{sep}two | \n**b** | **int** | x | [optional] \n"
)


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x0c", "\x85", "\x0b", "\x1c"])
@pytest.mark.parametrize("page", [SPEAKEASY, OPENAPI], ids=["speakeasy", "openapi-generator"])
def test_a_line_separator_inside_a_cell_does_not_split_the_row(page: str, sep: str) -> None:
    frags = parse_document(SourceDoc("w.md", page.format(sep=sep), "0"))
    assert frags.diagnostics == ()
    (widget,) = frags.objects
    assert [(f.wire_name, f.origin.line) for f in widget.fields] == [("a", 7), ("b", 8)]
    assert widget.fields[0].description.split() == ["one", "two"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_page_with_a_byte_order_mark_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    page = tmp_path / "w.md"
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    page.write_bytes((bom + SPEAKEASY.format(sep=" ")).encode(encoding))
    doc, diags = read_document(page)
    assert diags == [] and doc is not None
    assert doc.text == SPEAKEASY.format(sep=" ")
    assert [o.name for o in parse_document(doc).objects] == ["Widget"]


def test_utf16_without_a_byte_order_mark_is_still_refused_as_binary(tmp_path: Path) -> None:
    page = tmp_path / "w.md"
    page.write_bytes(SPEAKEASY.format(sep=" ").encode("utf-16-le"))
    doc, diags = read_document(page)
    assert doc is None and [d.code for d in diags] == ["E101"]


def _folder(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "Widget.md").write_text(SPEAKEASY.format(sep=" "))
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "Broken.md").write_text("# Broken\n\nnothing a dialect can read\n")
    (tmp_path / "PetApi.md").write_text("just notes\n")
    (tmp_path / "modelgen.toml").write_text(settings)
    return tmp_path


def test_excluded_pages_are_not_read_and_a_note_counts_them(tmp_path: Path) -> None:
    spec_dir = _folder(tmp_path, 'exclude = ["drafts/*", "*Api.md", "nothing*.md"]\n')
    spec, diags = load_spec(spec_dir)
    assert spec is not None, [str(d) for d in diags]
    assert [m.name for m in spec.models] == ["Widget"] and spec.inputs == ("Widget.md",)
    (n111,) = [d for d in diags if d.code == "N111"]
    assert n111.severity == "note"
    assert "2 of 3 pages excluded" in n111.message and "'nothing*.md'" in n111.message


def test_without_exclude_the_bad_pages_stop_the_run(tmp_path: Path) -> None:
    spec, diags = load_spec(_folder(tmp_path, ""))
    assert spec is None and {d.code for d in diags if d.severity == "error"} == {"E102"}


def test_a_pattern_without_a_slash_matches_file_names_in_any_folder(tmp_path: Path) -> None:
    spec_dir = _folder(tmp_path, "")
    kept, _ = select_documents(spec_dir, ("Broken.md", "PetApi.md"))
    assert [p.name for p in kept] == ["Widget.md"]


@pytest.mark.parametrize("value", ['"*Api.md"', "[1]", '[""]'])
def test_exclude_must_be_a_list_of_patterns(tmp_path: Path, value: str) -> None:
    (tmp_path / "modelgen.toml").write_text(f"exclude = {value}\n")
    settings, diags = load_settings(tmp_path)
    assert settings.exclude == () and [d.code for d in diags] == ["E104"]
