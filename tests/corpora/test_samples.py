"""The vendored samples of real documentation read as the corpora targets ask, page by page.

Each sample folder is read through the dialects (the fragments, before any merge): every model,
enum and union page without an error, no error from an endpoint page, and every field-table row
that ``rowcheck`` (written independently of generator/) finds is a field of its page's object with
the same wire name and required flag.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpora import measure

SAMPLES = sorted(p for p in (Path(__file__).parent / "samples").iterdir() if p.is_dir())


@pytest.mark.parametrize("corpus", SAMPLES, ids=lambda p: p.name)
def test_every_typed_page_is_read_and_every_row_agrees(corpus: Path) -> None:
    m = measure.Measure(corpus.name)
    measure.read_pages(m, measure.page_folder(corpus))
    assert m.pages > 50 and m.typed_pages > 50
    assert (m.typed_accepted, m.error_pages, m.endpoint_errors) == (m.typed_pages, 0, 0)
    assert m.rows > 150 and m.rows_agree_fragments == m.rows, m.misses[:10]


def test_the_samples_hold_unions_enums_and_skipped_pages() -> None:
    found = {}
    for corpus in SAMPLES:
        m = measure.Measure(corpus.name)
        measure.read_pages(m, measure.page_folder(corpus))
        found[corpus.name] = m
    mistral = found["mistral-speakeasy-python"]
    assert mistral.unions >= 24 and mistral.enums >= 14
    # Speakeasy says which enums are open; the sample has both kinds
    assert 0 < mistral.closed_enums < mistral.enums
    assert found["openai-openapi-generator-python"].diagnostics["note[N110]"] >= 1
    assert found["petstore-openapi-generator-python"].diagnostics["note[N110]"] == 7
