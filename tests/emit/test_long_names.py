"""Long real names (the longest page titles of the vendored corpora, and two of them joined, as the
Mistral docs have) laid out without handing whole statements to black: every module is what black
makes of the whole rendered text, and black only ever sees one logical line at a time."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import black
import pytest

import generator.pysrc.format as fmt
from generator.emit.options import RenderOptions
from generator.emit.registry import style_named
from generator.emit.render import render_style
from generator.emit.tree import build_tree
from generator.model.ir import EnumDef, Field, ListOf, LiteralOf, MapOf, Model, Ref, Scalar, Spec, UnionDef
from generator.pysrc.format import format_python, mode
from generator.pysrc.layout import hugged

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


def _longest_titles(count: int) -> list[str]:
    titles = {
        m.group(1)
        for page in SAMPLES.glob("*/pages/*.md")
        for m in [re.match(r"# ([A-Z][A-Za-z0-9]+)\s*$", page.read_text(encoding="utf-8").split("\n", 1)[0])]
        if m
    }
    return sorted(titles, key=lambda t: (-len(t), t))[:count]


def _spec() -> Spec:
    names = _longest_titles(4)
    names.append(names[0] + names[1])  # 130 characters: longer than a line
    longest_field = "introspection_endpoint_auth_signing_alg_values_supported_by_the_authorization_server"
    enum = EnumDef(names[2] + "Status", ("validating_files", "queued"))
    leaf = Model(names[4], (Field("id", "id", Scalar("str"), True, False),))
    kinds = [
        Model(
            name,
            (
                Field("type", "type", LiteralOf((name.lower(),)), True, False),
                Field("leaf", "leaf", Ref(leaf.name), True, False),
                Field(longest_field, longest_field, ListOf(Scalar("str")), False, True),
                Field("status", "status", Ref(enum.name), False, False),
            ),
        )
        for name in names[:2]
    ]
    union = UnionDef(names[3] + "Union", tuple(Ref(m.name) for m in kinds), discriminator="type")
    holder = Model(
        names[3],
        (
            Field("item", "item", Ref(union.name), True, False),
            Field("items_by_key", "items_by_key", MapOf(Ref(leaf.name)), False, False),
            Field("leaves", "leaves", ListOf(Ref(leaf.name)), True, True),
        ),
    )
    return Spec((enum, leaf, *kinds, union, holder))


SPEC = _spec()


def test_the_names_are_long() -> None:
    assert max(len(item.name) for item in SPEC.items) > 110


@pytest.mark.parametrize("style", ["dataclass", "attrs", "pydantic", "typeddict", "msgspec"])
def test_each_module_is_what_black_makes_of_the_whole(style: str) -> None:
    source = render_style(SPEC, style_named(style), RenderOptions())
    ours = format_python(source, f"{style}_models.py")
    assert ours == black.format_str(source, mode=mode())


def test_black_sees_one_logical_line_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = fmt._black

    def spy(chunk: str, name: str, target: tuple[int, int], line_length: int = 110) -> str:
        seen.append(chunk)
        return real(chunk, name, target, line_length)

    monkeypatch.setattr(fmt, "_black", spy)
    files = build_tree(SPEC)
    assert seen, "long names must need some formatting"
    # a decoder function, a class or a whole table never goes to black: at most one statement
    # (a def line with `pass` as its body, or an item inside its brackets)
    assert max(chunk.count("\n") for chunk in seen) <= 8, max(seen, key=len)
    for name, text in files.items():
        if name.endswith(".py"):
            assert black.format_str(text, mode=mode()) == text, name


def test_the_tests_module_too() -> None:
    files: dict[str, Any] = build_tree(SPEC)
    text = files["tests/test_roundtrip.py"]
    assert black.format_str(text, mode=mode()) == text


CONTEXT = {
    4: "class A:\n",
    8: "class A:\n    def f(self):\n",
    12: "class A:\n    def f(self):\n        if x:\n",
}
FORMS = [
    (lambda n: ("def from_json(", ["cls", "text: Union[str, bytes]"], f") -> {n}:"), 4),
    (lambda n: ("def from_dict(", ["cls", "data: Any"], f") -> {n}:"), 4),
    (lambda n: (f"return _decode_{n}(", ["_loads(text)", '""', "cls"], ")"), 8),
    (lambda n: ("_missing(", ["d", "path", f"_REQUIRED_{n}"], ")"), 12),
    (lambda n: ("f(", [n], ")"), 8),
]


@pytest.mark.parametrize("form", range(len(FORMS)))
def test_hugged_lays_out_as_black_at_every_name_length(form: int) -> None:
    make, indent = FORMS[form]
    for length in range(1, 171):
        head, params, tail = make(("Ab" * 100)[:length])
        ours = hugged(head, params, tail, indent)
        if "\n" not in ours and indent + len(ours) > 110:
            continue  # left on one line for black (a long head or tail: black's own choices)
        body = " " * indent + ours + ("\n" + " " * (indent + 4) + "pass" if head.startswith("def ") else "")
        text = CONTEXT[indent] + body + "\n"
        assert black.format_str(text, mode=mode()) == text, (length, ours)
