"""The dialect seam: a dialect defined here, in the tests, is registered and read through the pipeline.

Nothing under generator/ knows the "key list" dialect below; registering it is all it takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from generator.dialects import DIALECTS, Dialect, parse_document
from generator.model.claims import REQUIRED, TYPE, Claim, DocFragments, FieldFrag, ObjectFrag, Strength
from generator.model.diagnostics import Origin
from generator.model.ir import Model, Scalar
from generator.pipeline import load_spec
from generator.read.documents import SourceDoc
from generator.read.markdown import Block

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def _detect(text: str, blocks: list[Block]) -> bool:
    return text.startswith("KEYLIST ")


def _parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    """``KEYLIST Name`` then one ``key: type [required]`` per line."""
    lines = text.splitlines()
    name = lines[0].split()[1]
    fields = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        key, _, rest = line.partition(":")
        words = rest.split()
        origin = Origin(path, number, 1)
        claims = (
            Claim(TYPE, Scalar(_SCALARS[words[0]]), Strength.TABLE, origin, "key-list"),
            Claim(REQUIRED, "required" in words[1:], Strength.TABLE, origin, "key-list"),
        )
        fields.append(FieldFrag(key.strip(), origin, claims))
    obj = ObjectFrag(name, Origin(path, 1, 1), "key-list", tuple(fields))
    return DocFragments(path, "key-list", (obj,))


KEY_LIST = Dialect("key-list", _detect, _parse)


@pytest.fixture
def key_list() -> Iterator[Dialect]:
    DIALECTS.register(KEY_LIST, before="plain-text")
    try:
        yield KEY_LIST
    finally:
        DIALECTS.unregister("key-list")


def test_a_registered_dialect_reads_a_folder_through_the_pipeline(tmp_path: Path, key_list: Dialect) -> None:
    (tmp_path / "widget.txt").write_text("KEYLIST Widget\nid: string required\ncount: integer\n")
    spec, diags = load_spec(tmp_path)
    assert spec is not None, [str(d) for d in diags]
    (widget,) = spec.models
    assert isinstance(widget, Model) and widget.name == "Widget"
    assert [(f.wire_name, f.type, f.required) for f in widget.fields] == [
        ("id", Scalar("str"), True),
        ("count", Scalar("int"), False),
    ]


def test_without_registration_the_document_is_in_no_dialect() -> None:
    doc = SourceDoc("widget.txt", "KEYLIST Widget\nid: string required\n", "0")
    assert "key-list" not in DIALECTS.names()
    assert [d.code for d in parse_document(doc).diagnostics] == ["E102"]


def test_registering_a_taken_name_or_an_unknown_anchor_is_refused(key_list: Dialect) -> None:
    with pytest.raises(ValueError, match="already registered"):
        DIALECTS.register(key_list)
    with pytest.raises(ValueError, match="no dialect named"):
        DIALECTS.register(Dialect("other", _detect, _parse), before="nonesuch")
