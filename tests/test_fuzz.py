"""Fuzzing the parse side: random tables and text in each dialect's shape, random bytes.

The only outcomes allowed are a Spec or diagnostics with listed codes: ``load_spec`` never raises.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Optional

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model.diagnostics import CODES, Diagnostic, has_errors
from generator.model.ir import Spec
from generator.pipeline import load_spec

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Type notations of all dialects, valid and broken, to be mixed with random text.
NOTATIONS = [
    "string", "integer", "number", "boolean", "object", "array", "map", "string or null", '"auto" or integer',
    "array of string", "array of", "or", "null", "str", "int", "List[str]", "Dict[str, object]", "Optional[Foo]",
    "List[", "Dict[int, str]", "[**Foo**](Foo.md)", "*string*", "*number*", "Record<string, *any*>",
    "[components.Foo](foo.md)[]", "Nullable[str]", '"a" \\| "b"', "Literal[\"x\"]", "Array<", "((string", "Foo[][]",
]  # fmt: skip
REQUIRED = ["Required", "Optional", ":heavy_check_mark:", ":heavy_minus_sign:", "", "[optional]", "maybe"]
HEADERS = {
    "openai": "| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n",
    "openapi": "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n",
    "speakeasy": "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n",
}
TITLES = {
    "openai": "# The widget object\n\nA widget.\n\n",
    "openapi": "# Widget\n\nA widget.\n\n## Properties\n\n",
    "speakeasy": "# Widget\n\nA widget.\n\n## Fields\n\n",
}

line_text = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=30)
cell = st.one_of(st.sampled_from(NOTATIONS), st.sampled_from(REQUIRED), line_text)
row = st.lists(cell, min_size=0, max_size=6)
json_ish = st.text(alphabet=st.sampled_from(list('{}[]":,0123456789.-eE truefalsn\\u\n abc')), max_size=80)


def outcome(files: dict[str, bytes]) -> tuple[Optional[Spec], list[Diagnostic]]:
    """Write the files into a fresh spec folder and load it; assert the only allowed outcomes."""
    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = Path(tmp) / "spec"
        spec_dir.mkdir()
        for name, data in files.items():
            (spec_dir / name).write_bytes(data)
        spec, diags = load_spec(spec_dir)
    assert all(d.code in CODES for d in diags), diags
    if spec is None:
        assert has_errors(diags), diags
    else:
        assert isinstance(spec, Spec) and not has_errors(diags)
    return spec, diags


def table_doc(dialect: str, header_cells: list[str], rows: list[list[str]], tail: str = "") -> str:
    if header_cells:
        head = "| " + " | ".join(header_cells) + " |\n| " + " | ".join("---" for _ in header_cells) + " |\n"
    else:
        head = HEADERS[dialect]
    lead = "| " if dialect != "openapi" else ""
    body = "".join(
        lead + " | ".join(c.replace("|", "\\|") for c in r) + (" |" if lead else "") + "\n" for r in rows
    )
    return TITLES[dialect] + head + body + tail


@FUZZ
@given(
    dialect=st.sampled_from(sorted(HEADERS)),
    rows=st.lists(row, max_size=6),
    header=st.one_of(
        st.just([]), st.lists(st.sampled_from(["Parameter", "Field", "Name", "Type", "x"]), max_size=6)
    ),
)
def test_random_tables_in_each_dialect(dialect: str, rows: list[list[str]], header: list[str]) -> None:
    outcome({"widget.md": table_doc(dialect, header, rows).encode()})


@FUZZ
@given(
    dialect=st.sampled_from(sorted(HEADERS)),
    types=st.lists(st.sampled_from(NOTATIONS) | line_text, max_size=5),
)
def test_random_type_notations(dialect: str, types: list[str]) -> None:
    rows = []
    for i, t in enumerate(types):
        if dialect == "openai":
            rows.append([f"f{i}", t, "Required", "A field."])
        elif dialect == "openapi":
            rows.append([f"**f{i}**", t, "A field.", ""])
        else:
            rows.append([f"`f{i}`", t, ":heavy_check_mark:", "A field."])
    outcome({"widget.md": table_doc(dialect, [], rows).encode()})


@FUZZ
@given(body=json_ish, lang=st.sampled_from(["json", "", "typescript", "javascript"]), ts=st.booleans())
def test_random_json_ish_fences(body: str, lang: str, ts: bool) -> None:
    openai = TITLES["openai"] + HEADERS["openai"] + "| id | string | Required | The identifier. |\n"
    code = f"let value: Widget = {body};" if ts else body
    sk = (
        f"# Widget\n\nA widget.\n\n## Example Usage\n\n```{lang}\n{code}\n```\n\n## Fields\n\n"
        + HEADERS["speakeasy"]
        + "| `id` | *string* | :heavy_check_mark: | The identifier. |\n"
    )
    plain = (
        "The widget object\n\nA widget.source\n\nThe identifier.source\n\nOBJECT The widget object\n{" + body
    )
    outcome(
        {
            "widget.md": (openai + f"\n```{lang}\n{body}\n```\n").encode(),
            "gadget.md": sk.replace("Widget", "Gadget").encode(),
            "thing.txt": plain.replace("widget", "thing").encode(),
        }
    )


@FUZZ
@given(text=st.text(max_size=300))
def test_random_unicode_text(text: str) -> None:
    outcome(
        {
            "a.md": text.encode("utf-8", "surrogatepass"),
            "b.txt": ("OBJECT x\n" + text).encode("utf-8", "replace"),
        }
    )


@FUZZ
@given(data=st.binary(max_size=300), name=st.sampled_from(["a.md", "a.txt", "modelgen.toml"]))
def test_random_bytes(data: bytes, name: str) -> None:
    outcome({name: data, **({} if name.endswith("toml") else {"b.md": data[::-1]})})
