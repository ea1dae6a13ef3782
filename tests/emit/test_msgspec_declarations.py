"""A msgspec field declaration too long for its line (``name: T = msgspec.field(name="wire")``) is
laid out as black lays it out, at every name length, so black is not asked about it; where the
layout cannot be sure (a head or an argument list longer than a line) it is left whole, and the
formatter hands it to black."""

from __future__ import annotations

import pytest

from generator.emit.msgspec_view import _split_field_call
from generator.pysrc.literals import LINE_LENGTH
from tests.emit.test_model_lines import black_of, name_of

ANNOTATIONS = (
    "Any",
    "Optional[str]",
    "Union[int, UnsetType]",
    "dict[str, Any]",
    "list[Optional[dict[str, Any]]]",
)


@pytest.mark.parametrize("annotation", ANNOTATIONS)
@pytest.mark.parametrize(
    "tail", ['name="{w}"', 'default=UNSET, name="{w}"', 'default_factory=list, name="{w}"']
)
def test_a_long_declaration_is_laid_out_as_black_lays_it_out(annotation: str, tail: str) -> None:
    laid_out = 0
    for length in range(1, 171):
        wire = name_of(length)
        whole = f"{wire}_: {annotation} = msgspec.field({tail.format(w=wire)})"
        ours = _split_field_call(whole) if 4 + len(whole) > LINE_LENGTH else whole
        if ours == whole and 4 + len(whole) > LINE_LENGTH:
            continue  # left to black by the formatter
        laid_out += ours != whole
        assert ours == black_of(whole, 4), (length, ours)
    assert laid_out >= 20  # the layout takes the common lengths, not only the short ones
