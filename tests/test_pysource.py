"""The source helpers give what black gives: quotes, docstrings, exploded literals, imports."""

from __future__ import annotations

import ast

import black
from black.strings import normalize_string_quotes
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.pysrc.format import mode
from generator.pysrc.literals import LINE_LENGTH, docstring, exploded, frozenset_source, import_line, py_str

QUOTEY = st.text(alphabet=st.sampled_from(list("ab'\"\\ \n\t\x00é")), max_size=12)


def is_black(source: str) -> bool:
    return black.format_str(source, mode=mode()) == source


@given(QUOTEY | st.text(max_size=20))
def test_py_str_quotes_as_black_does(value: str) -> None:
    literal = py_str(value)
    assert ast.literal_eval(literal) == value
    assert normalize_string_quotes(literal) == literal
    assert normalize_string_quotes(repr(value)) == literal


def test_py_str_of_scalars_is_repr() -> None:
    assert py_str(3) == "3" and py_str(True) == "True" and py_str(-1) == "-1"
    assert py_str("it's") == '"it\'s"' and py_str('say "hi"') == "'say \"hi\"'"


@given(QUOTEY | st.text(max_size=300))
def test_docstrings_are_left_alone_by_black(text: str) -> None:
    # as a class docstring (which black reformats) and as an attribute docstring (which it doesn't)
    doc = docstring(text, "    ")
    assume(doc)  # the templates write no docstring for empty text
    assert is_black(f"class A:\n    {doc}\n\n    x: int\n    {doc}\n")


def test_exploded_and_frozenset_layouts_are_blacks() -> None:
    assert exploded([]) == "()" and exploded(['"a"']) == '("a",)'
    for items in ([], ['"a"'], ['"a"', '"b"'], [f'"{i}"' for i in range(40)]):
        assert is_black(f"x = {exploded(items)}\ny = {frozenset_source(items)}\n")
        assert ast.literal_eval(exploded(items)) == tuple(ast.literal_eval(i) for i in items)


def test_import_line_wraps_only_when_too_long() -> None:
    assert import_line("typing", ["Any", "Union"]) == "from typing import Any, Union"
    names = [f"Name{i}" for i in range(30)]
    wrapped = import_line("typing", names)
    assert wrapped.startswith("from typing import (\n") and all(
        len(x) <= LINE_LENGTH for x in wrapped.split("\n")
    )
    assert is_black(wrapped + "\n")
