"""The fast path of the generated decoders is only about speed: for every value, a model's
_decode keeps, rebuilds or rejects exactly what the field's general decoder does."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.decoder_source import decoder_expr, encode_expr, mismatch
from generator.emit.options import RenderOptions
from generator.emit.registry import style_named
from generator.model.ir import EnumDef, Field, ListOf, LiteralOf, MapOf, Model, Ref, Scalar, Spec, UnionOf
from generator.pysrc.layout import flat
from tests.test_render import load, render

DEFAULT = RenderOptions()
COLOR = EnumDef("Color", ("red", "blue"))
SHAPE = EnumDef("Shape", ("circle",), open=False)
INNER = Model("Inner", (Field("name", "name", Scalar("str"), True, False),))
TYPES = {
    "s": Scalar("str"),
    "i": Scalar("int"),
    "f": Scalar("float"),
    "b": Scalar("bool"),
    "lit": LiteralOf(("x", "y")),
    "auto": UnionOf((LiteralOf(("auto",)), Scalar("int"))),
    "strs": ListOf(Scalar("str")),
    "nums": MapOf(Scalar("float")),
    "color": Ref("Color"),
    "shape": Ref("Shape"),
    "inner": Ref("Inner"),
    "inners": ListOf(Ref("Inner")),
}
FIELDS = tuple(Field(k, k, t, True, False) for k, t in TYPES.items()) + tuple(
    Field(f"n_{k}", f"n_{k}", t, True, True) for k, t in TYPES.items()
)
SPEC = Spec((COLOR, SHAPE, INNER, Model("All", FIELDS)))


class Text(str):
    """A str subclass: the general decoders take it, the fast checks do not."""


class Number(int):
    pass


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=False)
    | st.sampled_from(["x", "y", "z", "auto", "red", "circle", "square", Text("x"), Text("red"), Number(3)])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["name", "k", Text("name")]), inner, max_size=2),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, types.ModuleType]:
    directory: Path = tmp_path_factory.mktemp("codec")
    return {s: load(render(SPEC, s), directory, f"codec_{s}_models") for s in ("dataclass", "typeddict")}


def base_doc(mod: types.ModuleType) -> dict[str, Any]:
    good: dict[str, Any] = {
        "s": "a",
        "i": 1,
        "f": 1.5,
        "b": True,
        "lit": "x",
        "auto": "auto",
        "strs": ["a"],
        "nums": {"a": 1},
        "color": "red",
        "shape": "circle",
        "inner": {"name": "a"},
        "inners": [{"name": "b"}],
    }
    return {**good, **{f"n_{k}": None for k in TYPES}}


def outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        value = fn(*args)
    except ValueError as exc:
        return ("error", str(exc))
    return ("ok", value)


def plain(value: Any) -> Any:
    """A decoded value in comparable form: models by their dict, with every type spelled out."""
    if hasattr(value, "to_dict"):
        return ("model", plain(value.to_dict()))
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {(type(k).__name__, k): plain(v) for k, v in value.items()}
    return (type(value).__name__, value)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(TYPES)), nullable=st.booleans(), value=VALUES)
def test_fast_path_agrees_with_the_general_decoder(
    modules: dict[str, types.ModuleType], name: str, nullable: bool, value: Any
) -> None:
    mod = modules["dataclass"]
    key = f"n_{name}" if nullable else name
    index = [f.wire_name for f in FIELDS].index(key)
    general = getattr(mod, f"_DEC_All_{index}", None) or eval(
        flat(decoder_expr(TYPES[name], SPEC, style_named("dataclass"), DEFAULT)), vars(mod)
    )
    expected = ("ok", None) if nullable and value is None else outcome(general, value, "." + key)
    got = outcome(lambda: getattr(mod.All.from_dict({**base_doc(mod), key: value}), key))
    assert got[0] == expected[0], (got, expected)
    if got[0] == "ok":
        assert plain(got[1]) == plain(expected[1])
    else:
        assert got[1] == expected[1]
    # the TypedDict loader accepts exactly what the class style accepts
    loaded = outcome(modules["typeddict"].load_all, {**base_doc(mod), key: value})
    assert loaded[0] == got[0], (loaded, got)


def test_mismatch_checks() -> None:
    assert mismatch(Scalar("str"), SPEC, style_named("dataclass"), DEFAULT, "v") == "type(v) is not str"
    assert (
        mismatch(Scalar("float"), SPEC, style_named("attrs"), DEFAULT, "v")
        == "type(v) not in _NUM or not -_INF < v < _INF"
    )
    assert mismatch(TYPES["auto"], SPEC, style_named("dataclass"), DEFAULT, "v") == (
        'type(v) is not int and (type(v) is not str or v != "auto")'
    )
    assert mismatch(LiteralOf(("a", 1)), SPEC, style_named("dataclass"), DEFAULT, "v") is None  # mixed kinds
    assert mismatch(Ref("Color"), SPEC, style_named("dataclass"), DEFAULT, "v") is None  # rebuilt as a member
    assert mismatch(Ref("Color"), SPEC, style_named("typeddict"), DEFAULT, "v") == "type(v) is not str"
    assert (
        mismatch(Ref("Shape"), SPEC, style_named("typeddict"), DEFAULT, "v")
        == 'type(v) is not str or v != "circle"'
    )


@pytest.mark.parametrize(
    ("t", "style", "expected"),
    [
        (Scalar("int"), "dataclass", "_int"),
        (ListOf(MapOf(Scalar("float"))), "dataclass", "_list(_map(_float))"),
        (LiteralOf(("a", "b")), "dataclass", '_literal(("a", "b"))'),
        (TYPES["auto"], "attrs", '_union((_literal(("auto",)), _int), "\'auto\' or int")'),
        (Ref("Color"), "dataclass", "_open_enum(Color)"),
        (Ref("Shape"), "dataclass", "_enum(Shape)"),
        (Ref("Color"), "typeddict", "_str"),
        (Ref("Shape"), "typeddict", '_literal(("circle",))'),
        (Ref("Inner"), "attrs", "_decode_Inner"),
        (Ref("Inner"), "typeddict", "_check_Inner"),
    ],
)
def test_decoder_expr(t: Any, style: str, expected: str) -> None:
    assert flat(decoder_expr(t, SPEC, style_named(style), DEFAULT)) == expected


def test_decoder_expr_unresolved_reference_is_an_error() -> None:
    with pytest.raises(ValueError):
        decoder_expr(Ref("Nope"), SPEC, style_named("dataclass"), DEFAULT)


@pytest.mark.parametrize(
    ("t", "nullable", "expected"),
    [
        (Scalar("str"), False, "self.a"),
        (TYPES["auto"], True, "self.a"),
        (Ref("Color"), False, "_text(self.a)"),
        (Ref("Inner"), True, "None if self.a is None else self.a.to_dict()"),
        (ListOf(Scalar("str")), False, "[*self.a]"),
        (ListOf(Ref("Inner")), False, "[x.to_dict() for x in self.a] if self.a else []"),
        (MapOf(Ref("Color")), False, "{k: _text(x) for k, x in self.a.items()} if self.a else {}"),
        (ListOf(ListOf(Ref("Inner"))), False, "_encode(self.a)"),
    ],
)
def test_encode_expr(t: Any, nullable: bool, expected: str) -> None:
    assert encode_expr(Field("a", "a", t, True, nullable), SPEC, "self.a") == expected
