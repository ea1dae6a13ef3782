"""Render every style for the real spec/ and for a hand-made Spec, then compile, import, drive
and type-check the output."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, Callable

import pytest

from generator.emit.options import RenderOptions
from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.emit.registry import style_named
from generator.emit.render import render_style
from generator.model.ir import (
    AnyType,
    EnumDef,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ObjectType,
    Ref,
    Scalar,
    Spec,
    UnionOf,
)
from generator.pipeline import load_spec
from generator.pysrc.format import format_python

ROOT = Path(__file__).resolve().parent.parent
MYPY = [sys.executable, "-m", "mypy"]  # the test extra installs it, in CI's venv too
CLASS_STYLES = ("dataclass", "attrs", "pydantic")

HOSTILE_DOC = 'A thing. Ends """ early? \\ no; "); import os #\x00 and a quote "'


def f(wire: str, py: str, t: Any, required: bool = True, nullable: bool = False, doc: str = "") -> Field:
    return Field(wire, py, t, required, nullable, doc)


HAND = Spec(
    (
        EnumDef("Color", ("red", "dark-blue", "1st"), True, "Colors; open."),
        EnumDef("Shape", ("circle", "square"), False, "Shapes; closed."),
        Model(
            "Inner",
            (
                f("name", "name", Scalar("str")),
                f("tags", "tags", ListOf(Scalar("str")), required=False),
            ),
            'Nested. With """ quotes "',
        ),
        Model(
            "Thing",
            (
                f("id", "id_", Scalar("str"), doc="The id."),
                f("label", "label", Scalar("str"), nullable=True),
                f("note", "note", Scalar("str"), required=False, nullable=True),
                f("count", "count", Scalar("int"), required=False),
                f("kind", "kind", LiteralOf(("thing",))),
                f("size", "size", UnionOf((LiteralOf(("auto",)), Scalar("int"))), required=False),
                f("ratio", "ratio", Scalar("float"), required=False),
                f("flag", "flag", Scalar("bool"), required=False),
                f("color", "color", Ref("Color"), required=False),
                f("shape", "shape", Ref("Shape"), required=False),
                f("children", "children", ListOf(Ref("Inner")), required=False),
                f("labels", "labels", MapOf(Scalar("str")), required=False, nullable=True),
                f("payload", "payload", AnyType()),
                f("meta", "meta", ObjectType(), required=False),
                f("type", "type_", LiteralOf(("t",))),
                f("class", "class_", Scalar("str"), required=False, doc='wire "class" """'),
                f("dash-key", "dash_key", Scalar("int"), required=False),
                f("inner", "inner", Ref("Inner")),
                f("next", "next_", Ref("Later"), required=False, nullable=True),
            ),
            HOSTILE_DOC,
        ),
        # defined after Thing, which refers to it (a forward reference)
        Model(
            "Later", (f("value", "value", Scalar("float")), f("back", "back", Ref("Thing"), required=False))
        ),
    )
)

FULL = {
    "id": "x",
    "label": None,
    "note": None,
    "count": 3,
    "kind": "thing",
    "size": "auto",
    "ratio": 2,
    "flag": False,
    "color": "mauve",
    "shape": "circle",
    "children": [{"name": "a", "tags": ["t"]}, {"name": "b", "zz": 1}],
    "labels": {"a": "b"},
    "payload": [1, None, {"x": 1.5}],
    "meta": {"k": [1]},
    "type": "t",
    "class": "c",
    "dash-key": 1,
    "inner": {"name": "n"},
    "next": {
        "value": 1.5,
        "back": {"id": "y", "label": "l", "kind": "thing", "payload": 0, "type": "t", "inner": {"name": "m"}},
    },
    "unknown": {"deep": [1, None]},
}
MINIMAL = {"id": "x", "label": "l", "kind": "thing", "payload": 0, "type": "t", "inner": {"name": "n"}}
EXAMPLES = [FULL, MINIMAL, {**MINIMAL, "size": 4, "ratio": 0.5, "color": "red", "next": None, "labels": None}]

# (change to MINIMAL, path in class styles/typeddict, path in pydantic's message)
INVALID: list[tuple[dict[str, Any], str, str]] = [
    ({"id": 5}, "id", "id"),
    ({"label": 5}, "label", "label"),
    ({"count": None}, "count", "count"),
    ({"count": True}, "count", "count"),
    ({"count": 1.5}, "count", "count"),
    ({"count": "5"}, "count", "count"),
    ({"ratio": "1.5"}, "ratio", "ratio"),
    ({"ratio": True}, "ratio", "ratio"),
    ({"flag": 1}, "flag", "flag"),
    ({"size": "big"}, "size", "size"),
    ({"size": None}, "size", "size"),
    ({"kind": "other"}, "kind", "kind"),
    ({"type": "u"}, "type", "type"),
    ({"shape": "hexagon"}, "shape", "shape"),
    ({"color": 5}, "color", "color"),
    ({"children": [{"name": "a"}, {"name": 5}]}, "children[1].name", "children.1.name"),
    ({"children": {"name": "a"}}, "children", "children"),
    ({"inner": {"name": None}}, "inner.name", "inner.name"),
    ({"inner": {}}, "inner.name", "inner.name"),
    ({"inner": {"name": "a", "tags": [1]}}, "inner.tags[0]", "inner.tags.0"),
    ({"payload": None}, "payload", "payload"),
    ({"labels": {"a": 1}}, "labels.a", "labels.a"),
    ({"meta": [1]}, "meta", "meta"),
    ({"class": 1}, "class", "class"),
    ({"dash-key": "1"}, "dash-key", "dash-key"),
    ({"next": {"value": "1"}}, "next.value", "next.value"),
]


DEFAULT = RenderOptions()


def render(spec: Spec, style: str, options: RenderOptions = DEFAULT) -> str:
    return format_python(render_style(spec, style_named(style), options), f"{style}_models.py")


def load(source: str, directory: Path, name: str) -> types.ModuleType:
    path = directory / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses and pydantic look the module up by name while it runs, and msgspec when it
    # first decodes a type (a union member's): the module stays registered, as an import leaves it
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def same(actual: Any, expected: Any) -> None:
    assert actual == expected
    assert canonical(actual) == canonical(expected)  # 1 vs 1.0, True vs 1


@pytest.fixture(scope="module")
def real_spec() -> Spec:
    spec, diags = load_spec(ROOT / "spec")
    assert spec is not None, [str(d) for d in diags]
    return spec


@pytest.fixture(scope="module")
def hand_modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, types.ModuleType]:
    directory = tmp_path_factory.mktemp("hand")
    return {style: load(render(HAND, style), directory, f"hand_{style}_models") for style in STYLES}


# ---------------------------------------------------------------------------------------------
# the hand-made spec


@pytest.mark.parametrize("style", CLASS_STYLES)
@pytest.mark.parametrize("doc", EXAMPLES, ids=["full", "minimal", "known-enum"])
def test_class_styles_round_trip(
    hand_modules: dict[str, types.ModuleType], style: str, doc: dict[str, Any]
) -> None:
    original = copy.deepcopy(doc)
    thing = hand_modules[style].MODELS["Thing"]
    same(thing.from_dict(doc).to_dict(), doc)
    same(thing.from_json(json.dumps(doc)).to_dict(), doc)
    same(thing.from_json(json.dumps(doc).encode()).to_dict(), doc)
    same(json.loads(thing.from_dict(doc).to_json()), doc)
    same(doc, original)


@pytest.mark.parametrize("doc", EXAMPLES, ids=["full", "minimal", "known-enum"])
def test_pydantic_native_round_trip(hand_modules: dict[str, types.ModuleType], doc: dict[str, Any]) -> None:
    thing = hand_modules["pydantic"].Thing
    same(thing.model_validate(doc).model_dump(mode="json", by_alias=True, exclude_unset=True), doc)


@pytest.mark.parametrize("doc", EXAMPLES, ids=["full", "minimal", "known-enum"])
def test_typeddict_loader_returns_the_data(
    hand_modules: dict[str, types.ModuleType], doc: dict[str, Any]
) -> None:
    original = copy.deepcopy(doc)
    assert hand_modules["typeddict"].load_thing(doc) is doc
    assert hand_modules["typeddict"].MODELS["Thing"] is hand_modules["typeddict"].load_thing
    same(doc, original)


@pytest.mark.parametrize("style", ["dataclass", "attrs"])
def test_class_style_values(hand_modules: dict[str, types.ModuleType], style: str) -> None:
    m = hand_modules[style]
    full = m.Thing.from_dict(FULL)
    assert full.id_ == "x" and full.type_ == "t" and full.class_ == "c" and full.dash_key == 1
    assert full.color == "mauve" and not isinstance(full.color, m.Color)  # unknown value kept
    assert full.shape is m.Shape.CIRCLE
    assert isinstance(full.children[0], m.Inner) and full.children[1].extra == {"zz": 1}
    assert full.extra == {"unknown": {"deep": [1, None]}}
    assert isinstance(full.next_, m.Later) and isinstance(full.next_.back, m.Thing)
    assert full.ratio == 2 and type(full.ratio) is int
    minimal = m.Thing.from_dict(MINIMAL)
    assert minimal.note is m.UNSET and minimal.count is m.UNSET and not m.UNSET and repr(m.UNSET) == "UNSET"
    assert m.Thing.from_dict({**MINIMAL, "color": "dark-blue"}).color is m.Color.DARK_BLUE
    assert [c.name for c in m.Color] == ["RED", "DARK_BLUE", "VALUE_1ST"]
    assert '"""' in m.Thing.__doc__ and "import os" in m.Thing.__doc__


def test_pydantic_values(hand_modules: dict[str, types.ModuleType]) -> None:
    m = hand_modules["pydantic"]
    full = m.Thing.from_dict(FULL)
    assert full.type_ == "t" and full.class_ == "c" and full.dash_key == 1
    assert full.color == "mauve" and not isinstance(full.color, m.Color)
    assert m.Thing.from_dict({**MINIMAL, "color": "red"}).color is m.Color.RED
    assert full.shape is m.Shape.CIRCLE and type(full.ratio) is int
    assert isinstance(full.next_.back, m.Thing)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("change", "path", "pydantic_path"), INVALID, ids=[p for _, p, _ in INVALID])
def test_invalid_payload_names_the_path(
    hand_modules: dict[str, types.ModuleType],
    style: str,
    change: dict[str, Any],
    path: str,
    pydantic_path: str,
) -> None:
    doc = {**MINIMAL, **change}
    entry = hand_modules[style].MODELS["Thing"]
    call: Callable[[], Any] = (lambda: entry(doc)) if style == "typeddict" else (lambda: entry.from_dict(doc))
    with pytest.raises(ValueError) as info:
        call()
    expected = pydantic_path if style == "pydantic" else path
    assert expected in str(info.value)
    if style != "pydantic":
        assert str(info.value).startswith(path + ":")


@pytest.mark.parametrize("style", STYLES)
def test_missing_key_and_not_an_object(hand_modules: dict[str, types.ModuleType], style: str) -> None:
    entry = hand_modules[style].MODELS["Thing"]
    load = entry if style == "typeddict" else entry.from_dict
    doc = dict(MINIMAL)
    del doc["label"]  # required, even though nullable
    with pytest.raises(ValueError, match="label"):
        load(doc)
    with pytest.raises(ValueError):
        load([MINIMAL])
    if style != "typeddict":
        with pytest.raises(ValueError):
            entry.from_json("{not json")


@pytest.mark.parametrize("policy", ["ignore", "forbid"])
@pytest.mark.parametrize("style", STYLES)
def test_unknown_key_policies(tmp_path: Path, style: str, policy: str) -> None:
    m = load(render(HAND, style, RenderOptions(unknown_keys=policy)), tmp_path, f"policy_{style}_{policy}")
    entry = m.MODELS["Inner"]
    load_ = entry if style == "typeddict" else entry.from_dict
    doc = {"name": "a", "new_key": 1}
    if policy == "forbid":
        with pytest.raises(ValueError, match="new_key"):
            load_(doc)
    elif style == "typeddict":
        assert load_(doc) is doc  # validated, returned as it is
    else:
        assert load_(doc).to_dict() == {"name": "a"}


@pytest.mark.parametrize("style", STYLES)
def test_closed_enums_by_option(tmp_path: Path, style: str) -> None:
    m = load(render(HAND, style, RenderOptions(open_enums=False)), tmp_path, f"closed_{style}")
    entry = m.MODELS["Thing"]
    load_ = entry if style == "typeddict" else entry.from_dict
    load_({**MINIMAL, "color": "red"})
    with pytest.raises(ValueError, match="color"):
        load_({**MINIMAL, "color": "mauve"})


# ---------------------------------------------------------------------------------------------
# the real spec


@pytest.mark.parametrize("style", STYLES)
def test_real_spec_renders_and_round_trips_its_examples(real_spec: Spec, tmp_path: Path, style: str) -> None:
    m = load(render(real_spec, style), tmp_path, f"real_{style}_models")
    assert set(m.MODELS) == {x.name for x in real_spec.models}
    assert set(m.__all__) <= set(dir(m)) and "MODELS" in m.__all__
    assert m.__doc__
    tried = 0
    for model in real_spec.models:
        for example in model.examples:
            entry = m.MODELS[model.name]
            try:
                if style == "typeddict":
                    out = entry(copy.deepcopy(example.value))
                else:
                    out = entry.from_dict(example.value).to_dict()
            except ValueError:
                continue  # an example that does not fit the merged model (reported as W307)
            same(out, example.value)
            tried += 1
    assert tried >= 5


def test_real_spec_fine_tuning_job(real_spec: Spec, tmp_path: Path) -> None:
    m = load(render(real_spec, "dataclass"), tmp_path, "real_dc_job")
    example = next(e.value for x in real_spec.models if x.name == "FineTuningJob" for e in x.examples)
    doc = {**example, "error": None, "status": "paused", "metadata": None}
    job = m.FineTuningJob.from_dict(doc)
    assert job.status == "paused" and job.error is None and job.method is m.UNSET
    same(job.to_dict(), doc)
    with pytest.raises(ValueError, match=r"^hyperparameters\.n_epochs: "):
        m.FineTuningJob.from_dict({**doc, "hyperparameters": {"n_epochs": True}})


@pytest.mark.parametrize("style", STYLES)
def test_output_is_deterministic_and_self_contained(real_spec: Spec, style: str) -> None:
    first = render_style(real_spec, style_named(style), DEFAULT)
    assert first == render_style(real_spec, style_named(style), DEFAULT)
    assert "generator" not in [
        line.split()[1] for line in first.splitlines() if line.startswith(("import ", "from "))
    ]
    assert " | " not in "".join(
        line for line in first.splitlines() if ":" in line and "def " not in line and '"' not in line
    )


# ---------------------------------------------------------------------------------------------
# mypy --strict


def _mypy_python_version() -> str:
    """3.9 when this mypy still supports it (the generated code targets it), else its oldest."""
    probe = subprocess.run(
        [*MYPY, "--python-version", "3.9", "-c", "x = 1"], capture_output=True, text=True, check=False
    )
    return "3.9" if probe.returncode == 0 else "3.10"


def test_mypy_strict(real_spec: Spec, tmp_path: Path) -> None:
    files = []
    for label, spec in (("real", real_spec), ("hand", HAND)):
        for style in STYLES:
            path = tmp_path / f"{label}_{style}_models.py"
            path.write_text(render(spec, style))
            files.append(str(path))
    run = subprocess.run(
        [*MYPY, "--strict", "--python-version", _mypy_python_version(), "--no-incremental", *files],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
