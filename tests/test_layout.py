"""generator.pysrc.layout: one line when it fits, else exploded; black leaves every layout as it is."""

from __future__ import annotations

import ast
from typing import Any

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.render import frozenset_statement
from generator.emit.testgen import literal_node
from generator.pysrc.format import format_python, mode
from generator.pysrc.layout import Seq, flat, group, render
from generator.pysrc.literals import LINE_LENGTH, py_str

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=10), inner, max_size=6),
    max_leaves=40,
)


def test_fits_on_one_line() -> None:
    node = group("f(", ["a", group("(", ["b"], ")")], ")")
    assert flat(node) == "f(a, (b,))" and render(node, 0) == "f(a, (b,))"


def test_explodes_with_magic_trailing_commas() -> None:
    node = Seq(("x = ", group("f(", ["a" * 60, "b" * 60], ")")))
    assert render(node, 0) == "x = f(\n    " + "a" * 60 + ",\n    " + "b" * 60 + ",\n)"


def test_a_group_of_one_splits_as_black_does() -> None:
    node = Seq(("x = ", group("f(", [group("g(", ["a" * 60, "b" * 60], ")")], ")")))
    out = render(node, 0)
    assert out.startswith("x = f(\n    g(\n") and out.endswith("    )\n)")
    assert black.format_str(out + "\n", mode=mode()) == out + "\n"


@settings(max_examples=200)
@given(JSON, st.integers(min_value=0, max_value=6))
def test_literals_are_black_fixed_points(value: Any, depth: int) -> None:
    indent = "    " * depth
    body = render(Seq(("x = ", literal_node(value))), 4 * depth)
    assert ast.literal_eval(body[4:]) == value
    source = "".join(f"{'    ' * i}if y:\n" for i in range(depth)) + indent + body + "\n"
    if source.isascii():  # black measures non-ASCII text its own way: format_python asks it
        assert black.format_str(source, mode=mode()) == source
    out = format_python(source, "m.py")
    assert black.format_str(out, mode=mode()) == out
    long_lines = [line for line in out.split("\n") if len(line) > LINE_LENGTH]
    assert all('"' in line or "'" in line for line in long_lines)  # only an unbreakable string is long


def test_the_head_of_a_sequence_counts_toward_the_width() -> None:
    name = "n" * 80
    node = Seq((f"{name}: ", group("Union[", ["int", "str", "None"], "]")))
    assert render(node, 4) == f"{name}: Union[int, str, None]"
    assert render(node, 4, tail=10) == f"{name}: Union[\n        int,\n        str,\n        None,\n    ]"
    assert py_str("x") == '"x"'


@pytest.mark.parametrize("target", ["_DEEP: Final", "_DEEP: frozenset[str]"])
@pytest.mark.parametrize(
    "names",
    [
        ["Thing"],
        ["A" * 104],
        ["A" * 120],
        ["Thing00001", "Thing00002"],
        [f"Thing{i:05d}" for i in range(100)],
        ["WorkflowExecutionTraceSummarySpan", "WorkflowExecutionTraceSummaryResponse"],
        ["Quote'd", 'Double"d', "Back\\slash", "B" * 110],
    ],
    ids=["one", "one-long", "one-too-long", "two", "hundred", "mistral", "quotes-and-long"],
)
def test_the_deep_model_set_is_laid_out_as_black_lays_it_out(target: str, names: list[str]) -> None:
    items = tuple(py_str(n) for n in names)
    statement = frozenset_statement(target, items) + "\n"
    one_line = f"{target} = frozenset({{{', '.join(items)}}})\n"
    assert statement == black.format_str(one_line, mode=mode())
