"""Every name a document can hold gives modules that import (under ``-W error``) in every style,
and a payload keyed by the wire names round-trips: the issue's cases, then Hypothesis over names."""

from __future__ import annotations

import importlib.util
import itertools
import json
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.emit.registry import style_named
from generator.emit.reserved import check_spec_names, check_unicode, reserve_field_names
from generator.emit.tree import build_tree
from generator.model.diagnostics import Origin, has_errors
from generator.model.ir import EnumDef, Field, LiteralOf, Model, Ref, Scalar, Spec
from generator.model.names import py_identifier

MODULE_FILES = {name: style_named(name).module_file for name in STYLES}

O = Origin("spec/x.md", 1, 1)
_counter = itertools.count()


def make_spec(wire_names: list[str], model: str = "Thing", enum_values: tuple[str, ...] = ("a",)) -> Spec:
    """A model with a str field per wire name (the first one a renamed enum field), as resolve
    makes it: Python names from ``py_identifier``, then the reserved names renamed."""
    fields = []
    for i, wire in enumerate(wire_names):
        kind = Ref("ThingKind") if i == 0 else (LiteralOf(("on",)) if i == 1 else Scalar("str"))
        fields.append(Field(wire, py_identifier(wire), kind, False, True, origins=(O,)))
    spec = Spec((EnumDef("ThingKind", enum_values, origins=(O,)), Model(model, tuple(fields), origins=(O,))))
    spec, _ = reserve_field_names(spec)
    return spec


def load(path: Path) -> ModuleType:
    name = f"_names_{next(_counter)}_{path.stem}"
    module_spec = importlib.util.spec_from_file_location(name, path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        module_spec.loader.exec_module(module)
    return module


def roundtrip_everywhere(spec: Spec, folder: Path, model: str = "Thing") -> None:
    files = build_tree(spec, STYLES)
    folder.mkdir(parents=True)
    doc = {
        f.wire_name: ("a" if i == 0 else "on" if i == 1 else "x") for i, f in enumerate(spec.models[0].fields)
    }
    for style in STYLES:
        if MODULE_FILES[style] not in files:
            continue
        path = folder / MODULE_FILES[style]
        path.write_text(files[MODULE_FILES[style]], encoding="utf-8")
        module = load(path)
        if style == "typeddict":
            loader = next(v for k, v in vars(module).items() if k.startswith("load_") and k != "load_")
            assert loader(dict(doc)) == doc
            continue
        cls = module.MODELS[model]
        assert cls.from_dict(dict(doc)).to_dict() == doc, style
        assert json.loads(cls.from_json(json.dumps(doc)).to_json()) == doc, style


def test_a_field_named_msgspec_before_a_renamed_field(tmp_path: Path) -> None:
    spec = make_spec(["kind", "on", "msgspec", "camelCase", "attrs", "dataclasses", "enum", "typing"])
    assert [f.py_name for f in spec.models[0].fields][2:] == [
        "msgspec_",
        "camel_case",
        "attrs_",
        "dataclasses_",
        "enum_",
        "typing_",
    ]
    roundtrip_everywhere(spec, tmp_path / "m")


def test_a_wire_name_that_is_msgspecs_hidden_field(tmp_path: Path) -> None:
    spec = make_spec(["kind", "on", "$modelgen.extra", "$modelgen.extra_2", "x"])
    roundtrip_everywhere(spec, tmp_path / "m")


def test_model_dump_and_friends_import_under_W_error(tmp_path: Path) -> None:
    spec = make_spec(["kind", "on", "model_dump", "model_validate", "model_x", "model_config", "schema"])
    files = build_tree(spec, STYLES)
    (tmp_path / "pydantic_models.py").write_text(files["pydantic_models.py"])
    r = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import pydantic_models"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    roundtrip_everywhere(spec, tmp_path / "m")


@pytest.mark.parametrize("where", ["enum", "wire", "constant"])
def test_a_lone_surrogate_is_an_error_not_a_broken_module(where: str) -> None:
    bad = "x\ud800"
    if where == "enum":
        spec = make_spec(["kind", "on"], enum_values=("a", bad))
    elif where == "wire":
        spec = make_spec(["kind", "on", bad])
    else:
        spec = Spec(
            (Model("Thing", (Field("c", "c", LiteralOf((bad,)), True, False, origins=(O,)),), origins=(O,)),)
        )
    diags = check_unicode(spec)
    assert [d.code for d in diags] == ["E601"] and "\\ud800" in diags[0].message and diags[0].origin == O


# names a document can hold: any text for wire names and enum values (valid Unicode), and the
# model names the resolver lets through (check_spec_names)
text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
tricky = st.sampled_from(
    [
        "msgspec",
        "attrs",
        "model_dump",
        "model_config",
        "extra",
        "self",
        "$modelgen.extra",
        "json",
        "copy",
        "UNSET",
        "ValidationError",
        "Field",
        "cls",
        "class",
        "match",
        "type",
        "str",
        "_",
        "__init__",
        "None",
        "to_dict",
        "from_json",
        "MODELS",
        "annotations",
        "threading",
        "pydantic_core",
        "core_schema",
        "re",
    ]
)
model_names = st.one_of(
    st.sampled_from(["Thing", "Model", "Extra", "Json", "Schema", "Any2"]),
    st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,10}\Z"),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.one_of(tricky, text), min_size=2, max_size=6),
    model=model_names,
    values=st.lists(st.one_of(tricky, text), min_size=1, max_size=4, unique=True),
)
def test_any_names_import_and_round_trip_in_every_style(
    tmp_path: Path, names: list[str], model: str, values: list[str]
) -> None:
    py = [py_identifier(n) for n in names]
    assume(all(py) and len(set(py)) == len(py) and len(set(names)) == len(names))
    spec = make_spec(names, model, tuple(values))
    assume(not has_errors(check_spec_names(spec)) and not check_unicode(spec))
    roundtrip_everywhere(spec, tmp_path / f"h{next(_counter)}", model)
