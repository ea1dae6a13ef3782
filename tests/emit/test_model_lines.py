"""The statements that hold a model's name are laid out as black lays out the same statement
written on one line, at every name length: black is asked about none of them (it was asked about
each before, a millisecond each), and the output is the same bytes.

Where a layout cannot be sure (a head longer than a line), it leaves the statement on one line
and generator.pysrc.format hands it to black; the tests accept that, and check that the layout
does take the common lengths."""

from __future__ import annotations

from typing import Callable

import black
import pytest

from generator.emit.model_lines import ModelLines, model_lines
from generator.pysrc.format import mode
from generator.pysrc.layout import hugged, wrapped_return
from generator.pysrc.literals import LINE_LENGTH, py_str

LENGTHS = range(1, 171)


def black_of(statement: str, indent: int) -> str:
    """What black makes of ``statement`` (one line) at ``indent``: its own lines, the first one
    without the indentation (as the layouts give them)."""
    blocks = "".join(f"{'    ' * i}if x:\n" for i in range(indent // 4))
    body = " " * indent + statement + "\n"
    if statement.startswith(("def ", "class ")):
        body += " " * (indent + 4) + "pass\n"
    out = black.format_str(blocks + body, mode=mode())[len(blocks) :]
    if statement.startswith(("def ", "class ")):
        out = out[: out.rindex("\n", 0, len(out) - 1) + 1]
    return out[indent:].rstrip("\n")


def name_of(length: int) -> str:
    return ("GetChatCompletionFieldOptions" * 10)[:length]


def check(make: Callable[[str], tuple[str, str]], indent: int, splits: bool = True) -> None:
    """``make(name)`` gives (our layout, the statement on one line); ``splits``: some length is
    laid out over several lines by us (not left to black)."""
    laid_out = 0
    for length in LENGTHS:
        ours, flat = make(name_of(length))
        if ours == flat and indent + len(flat) > LINE_LENGTH:
            continue  # left to black
        assert ours == black_of(flat, indent), (length, ours)
        laid_out += "\n" in ours
    assert laid_out >= 3 or not splits, "the layout must take the long names a line can hold"


def lines_of(name: str, wires: list[str], required: list[str], functional: bool = False) -> ModelLines:
    loader = "load_" + name.lower()
    return model_lines(name, loader, [py_str(w) for w in wires], [py_str(w) for w in required], functional)


@pytest.mark.parametrize(
    "wires,required",
    [(["id"], ["id"]), (["dataset_id", "fetch_request"], ["dataset_id"]), (["a", "b"], ["a", "b"]), ([], [])],
)
def test_the_key_tables(wires: list[str], required: list[str]) -> None:
    def required_decl(name: str) -> tuple[str, str]:
        items = ", ".join(py_str(w) for w in required) + ("," if len(required) == 1 else "")
        return lines_of(name, wires, required).required_decl, f"_REQUIRED_{name}: tuple[str, ...] = ({items})"

    def keys_decl(name: str) -> tuple[str, str]:
        items = ", ".join(py_str(w) for w in wires) + ("," if len(wires) == 1 else "")
        value = f"frozenset(({items}))" if wires else "frozenset()"
        return lines_of(name, wires, required).keys_decl, f"_KEYS_{name}: frozenset[str] = {value}"

    if len(required) < 2:  # two or more are exploded (magic trailing comma), as before
        check(required_decl, 0, splits=bool(required))
    if len(wires) < 2:
        check(keys_decl, 0, splits=bool(wires))


@pytest.mark.parametrize("optional", [False, True])
def test_the_extra_keys_statements(optional: bool) -> None:
    wires, required = (["a", "b"], ["a"]) if optional else (["a"], ["a"])
    count = "n" if optional else "1"

    def assignment(name: str) -> tuple[str, str]:
        flat = f"obj.extra = {{}} if len(d) == {count} else _extra(d, _KEYS_{name}, path)"
        return lines_of(name, wires, required).extra_assignment, flat

    def call(name: str) -> tuple[str, str]:
        return lines_of(name, wires, required).extra_call, f"_extra(d, _KEYS_{name}, path)"

    check(assignment, 8)
    check(call, 12)


@pytest.mark.parametrize("functional,optional", [(False, False), (False, True), (True, False), (True, True)])
def test_the_typeddict_class_and_loader_lines(functional: bool, optional: bool) -> None:
    wires, required = (["a", "b"], ["a"]) if optional else (["a"], ["a"])

    def class_def(name: str) -> tuple[str, str]:
        bases = ([f"_{name}Required"] if functional else []) + ([f"_{name}Optional"] if optional else [])
        return (
            lines_of(name, wires, required, functional).class_def,
            f"class {name}({', '.join(bases or ['TypedDict'])}):",
        )

    def optional_def(name: str) -> tuple[str, str]:
        ours = lines_of(name, wires, required, functional).optional_class_def
        return ours, f"class _{name}Optional(TypedDict, total=False):"

    def loader_def(name: str) -> tuple[str, str]:
        flat = f"def load_{name.lower()}(data: Any) -> {name}:"
        return lines_of(name, wires, required, functional).loader_def, flat

    check(class_def, 0)
    check(loader_def, 0)
    if optional:
        check(optional_def, 0)


def test_a_strategy_function_without_parameters() -> None:
    def header(name: str) -> tuple[str, str]:
        head = f"def {name.lower()}_payloads()"
        flat = f"{head} -> st.SearchStrategy[dict[str, Any]]:"
        return wrapped_return(head, "st.SearchStrategy[dict[str, Any]]", 0), flat

    check(header, 0)


def test_a_call_with_a_name_longer_than_a_line() -> None:
    def missing(name: str) -> tuple[str, str]:
        params = ["d", "path", f"_REQUIRED_{name}"]
        return hugged("_missing(", params, ")", 12), f"_missing({', '.join(params)})"

    check(missing, 12)
