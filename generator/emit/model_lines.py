"""The statements of a model's code that hold its name, laid out as black lays them out.

A model name of a real API can be a hundred characters (an operation's request, say); every
statement that holds it then grows past the line length, and each one black would format costs a
millisecond. These are laid out here with ``generator.pysrc.layout`` instead; what a layout cannot
be sure of (a head longer than a line) it leaves on one line, and ``generator.pysrc.format`` hands
that to black as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.pysrc.layout import conditional_call, hugged
from generator.pysrc.literals import LINE_LENGTH, exploded, frozenset_source, width


@dataclass(frozen=True)
class ModelLines:
    required_decl: str  # "_REQUIRED_<Model>: tuple[str, ...] = (...)"
    keys_decl: str  # "_KEYS_<Model>: frozenset[str] = frozenset(...)"
    extra_assignment: str  # class styles' decoder: "obj.extra = {} if len(d) == n else _extra(...)"
    extra_call: str  # TypedDict's checker: "_extra(d, _KEYS_<Model>, path)"
    class_def: str  # TypedDict: "class <Model>(<its bases>):"
    optional_class_def: str  # TypedDict: "class _<Model>Optional(TypedDict, total=False):"
    loader_def: str  # TypedDict: "def load_<model>(data: Any) -> <Model>:"


def model_lines(
    name: str, loader: str, wires: list[str], required: list[str], functional: bool
) -> ModelLines:
    """The laid-out statements of the model ``name`` (``wires``: its wire names' literals, in order;
    ``required``: those of the required ones; ``functional``: TypedDict's functional syntax)."""
    keys_var, required_var = f"_KEYS_{name}", f"_REQUIRED_{name}"
    optional_base = f"_{name}Optional" if len(required) < len(wires) else ""
    count = "n" if optional_base else str(len(required))
    bases = [f"_{name}Required"] if functional else []
    bases += [optional_base] if optional_base else []
    return ModelLines(
        required_decl=_declaration(f"{required_var}: tuple[str, ...] = ", "(", required, ")"),
        keys_decl=_declaration(f"{keys_var}: frozenset[str] = ", "frozenset(", wires, ")"),
        extra_assignment=conditional_call(
            "obj.extra", "{}", f"len(d) == {count}", ("_extra(", ["d", keys_var, "path"], ")"), 8
        ),
        extra_call=hugged("_extra(", ["d", keys_var, "path"], ")", 12),
        class_def=hugged(f"class {name}(", bases or ["TypedDict"], "):", 0),
        optional_class_def=hugged(f"class {optional_base}(", ["TypedDict", "total=False"], "):", 0),
        loader_def=hugged(f"def {loader}(", ["data: Any"], f") -> {name}:", 0),
    )


def _declaration(head: str, opener: str, items: list[str], closer: str) -> str:
    """``head`` and the tuple (``opener`` "(") or frozenset (``opener`` "frozenset(") of ``items``:
    exploded from two items on (``literals``); one item is what black splits off a long line."""
    if opener == "(":
        value = exploded(items)
        one = f"{items[0]}," if len(items) == 1 else ""
    else:
        value = frozenset_source(items)
        one = f"({items[0]},)" if len(items) == 1 else ""
    if not one:
        return head + value
    return hugged(head + opener, [one], closer, 0)


def decoder_def(name: str) -> str:
    """The decoder's signature: ``cls`` is the class from_dict was called on (a subclass too).

    Laid out as black lays it out: one line; else one parameter a line; a ``cls`` line still too
    long (a long model name) splits at ``type[`` as black splits it."""
    params = ["d: Any", "path: str", f"cls: type[{name}] = {name}"]
    line = f"def _decode_{name}({', '.join(params)}) -> {name}:"
    if width(line) <= LINE_LENGTH:
        return line
    if width(f"    {params[2]},") > LINE_LENGTH:
        params[2] = f"cls: type[\n        {name}\n    ] = {name}"
    return f"def _decode_{name}(\n" + "".join(f"    {p},\n" for p in params) + f") -> {name}:"


def checker_def(name: str) -> str:
    """TypedDict's ``_check_<Model>`` signature, laid out as black lays it out (the parameters on one
    line of their own when the whole does not fit)."""
    line = f"def _check_{name}(d: Any, path: str) -> {name}:"
    if width(line) <= LINE_LENGTH:
        return line
    return f"def _check_{name}(\n    d: Any, path: str\n) -> {name}:"
