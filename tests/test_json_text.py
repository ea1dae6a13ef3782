"""from_json and to_json of the dataclass and attrs modules call json's C scanner and encoder
directly, past json.loads and json.dumps: for every input they give exactly what those give
(the same value, the same text, and json's own message for bad text)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generated import attrs_models, dataclass_models

ROOT = Path(__file__).resolve().parent.parent
MODULES = {"dataclass": dataclass_models, "attrs": attrs_models}

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and the infinities too: json writes and reads them
    | st.text(),  # lone surrogates too
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
SPACE = st.text(alphabet=" \t\n\r\x0b\xa0\u2028", max_size=3)  # JSON's whitespace and others


def same(a: Any, b: Any) -> bool:
    """Equal as JSON data, NaN included, with int and float told apart."""
    return json.dumps(a) == json.dumps(b)


def outcome(loads: Any, text: Any) -> tuple[str, Any]:
    try:
        return ("ok", loads(text))
    except ValueError as exc:
        return ("error", str(exc))


def json_outcome(text: Any) -> tuple[str, Any]:
    """What _loads must give: json.loads's value, or its message as a ValidationError's."""
    try:
        return ("ok", json.loads(text))
    except RecursionError:
        return ("error", "<root>: invalid JSON: nested too deeply")
    except ValueError as exc:
        return ("error", f"<root>: invalid JSON: {exc}")


def changed_encoder(*args: Any) -> Any:
    """A C encoder that takes other arguments than the ones CPython 3.9 to 3.13 pass."""
    raise TypeError("make_encoder() takes at most 10 arguments")


def without_c_encoder(replacement: Any = None) -> ModuleType:
    """The dataclass module loaded afresh where json has no C encoder (as on PyPy), or another."""
    saved = json.encoder.c_make_encoder  # type: ignore[attr-defined]
    json.encoder.c_make_encoder = replacement  # type: ignore[attr-defined]
    try:
        spec = importlib.util.spec_from_file_location(
            "_pure_dataclass_models", ROOT / "generated/dataclass_models.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses looks its module up
        spec.loader.exec_module(module)
    finally:
        json.encoder.c_make_encoder = saved  # type: ignore[attr-defined]
        sys.modules.pop("_pure_dataclass_models", None)
    return module


PURE = without_c_encoder()
CHANGED = without_c_encoder(changed_encoder)


@pytest.mark.parametrize(
    "module", [dataclass_models, attrs_models, PURE, CHANGED], ids=["dataclass", "attrs", "pure", "changed"]
)
@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES)
def test_dumps_is_json_dumps(module: ModuleType, value: Any) -> None:
    """json.dumps with allow_nan=False: NaN and the infinities are not JSON (ValueError for both)."""
    try:
        expected = json.dumps(value, allow_nan=False)
    except ValueError:
        with pytest.raises(ValueError, match="not JSON compliant"):
            module._dumps(value)
        return
    assert module._dumps(value) == expected


def test_without_a_usable_c_encoder_json_encodes() -> None:
    assert PURE._dumps == PURE._JSON_ENCODER.encode
    assert CHANGED._dumps == CHANGED._JSON_ENCODER.encode
    assert dataclass_models._dumps is not dataclass_models._JSON_ENCODER.encode


@pytest.mark.parametrize("module", sorted(MODULES))
@settings(max_examples=300, deadline=None)
@given(
    value=JSON_VALUES,
    before=SPACE,
    after=SPACE,
    encoding=st.sampled_from(["str", "utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-be"]),
)
def test_loads_is_json_loads(module: str, value: Any, before: str, after: str, encoding: str) -> None:
    document = before + json.dumps(value, ensure_ascii=False) + after
    text: str | bytes = document
    if encoding != "str":
        try:
            text = document.encode(encoding, "surrogatepass")
        except UnicodeEncodeError:
            return
    got, want = outcome(MODULES[module]._loads, text), json_outcome(text)
    assert got[0] == want[0]
    assert same(got[1], want[1]) if got[0] == "ok" else got[1] == want[1]


@pytest.mark.parametrize("module", sorted(MODULES))
@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet='{}[]":,0123456789.eE+-truefalsn \t\n\\u\ufeff', max_size=30)
    | st.binary(max_size=12)
)
def test_bad_text_gets_json_loads_message(module: str, text: str | bytes) -> None:
    got, want = outcome(MODULES[module]._loads, text), json_outcome(text)
    assert got[0] == want[0]
    assert same(got[1], want[1]) if got[0] == "ok" else got[1] == want[1]


@pytest.mark.parametrize("module", sorted(MODULES))
@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}\n',
        ' {"a": 1}',
        '\ufeff{"a": 1}',
        b'\xef\xbb\xbf{"a": 1}',
        b'\xef\xbb\xbf\xef\xbb\xbf{"a": 1}',
        '{"a": 1} x',
        '{"a": 1}\x0b',
        "NaN",
        "-Infinity",
        "1" * 5000,  # past int's digit limit: a ValueError from the scanner
        bytearray(b"[1]"),
        "[" * 100_000,
    ],
)
def test_edge_texts(module: str, text: str | bytes) -> None:
    got, want = outcome(MODULES[module]._loads, text), json_outcome(text)
    assert got[0] == want[0], (got, want)
    if got[0] == "ok":
        assert same(got[1], want[1]) or (math.isnan(got[1]) and math.isnan(want[1]))
    else:
        assert got[1] == want[1]
