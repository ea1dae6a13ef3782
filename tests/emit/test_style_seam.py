"""The style seam: a style defined here, in tests/, with its template folder here too, goes through
the normal render path (``build_tree``) and gives a module that imports. Nothing under generator/
knows of it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.emit.annotations import annotation_parts, union_node
from generator.emit.options import RenderOptions
from generator.emit.registry import BUILTIN_STYLES, register, style_named, style_names, unregister
from generator.emit.reserved import MODULE_NAMES
from generator.emit.style import Style
from generator.emit.styles import field_doc, model_doc
from generator.emit.tree import build_tree
from generator.model.ir import Field, ListOf, LiteralOf, Model, Ref, Scalar, Spec
from generator.pysrc.layout import Node
from generator.pysrc.literals import docstring

TEMPLATES = Path(__file__).resolve().parent / "seam_templates"


@dataclass(frozen=True)
class TupleModel:
    name: str
    doc: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class TupleModule:
    doc: str
    typing: tuple[str, ...]
    models: tuple[TupleModel, ...]


def tuple_annotation(f: Field, spec: Spec, style: Style, options: RenderOptions) -> Node:
    absent = [] if f.required and not f.nullable else ["None"]
    return union_node(annotation_parts(f.type, spec, style, options) + absent)


def tuple_default(f: Field) -> str:
    return "" if f.required else " = None"


def build_tuple_module(spec: Spec, style: Style, options: RenderOptions) -> TupleModule:
    models = []
    for m in spec.models:
        ordered = [f for f in m.fields if f.required] + [f for f in m.fields if not f.required]
        lines = []
        for f in ordered:
            line = f"{f.py_name}: {style.annotate_field(f, spec, style, options)}{style.default_field(f)}"
            lines.append(line + (f"\n    {field_doc(f)}" if f.description else ""))
        models.append(TupleModel(m.name, model_doc(m, style), tuple(lines)))
    doc = docstring(f"Models as {style.description}.")
    return TupleModule(doc, ("Any", "Literal", "NamedTuple", "Optional", "Union"), tuple(models))


NAMEDTUPLE = Style(
    name="namedtuple",
    module_file="namedtuple_models.py",
    template_folder="namedtuple",
    description="typing.NamedTuple classes",
    build_view=build_tuple_module,
    annotate_field=tuple_annotation,
    default_field=tuple_default,
    template_root=str(TEMPLATES),
)

SPEC = Spec(
    (
        Model(
            "Point",
            (Field("x", "x", Scalar("int"), True, False), Field("y", "y", Scalar("float"), False, True)),
        ),
        Model(
            "Shape",
            (
                Field("kind", "kind", LiteralOf(("polygon",)), True, False, description="Always polygon."),
                Field("points", "points", ListOf(Ref("Point")), True, False),
            ),
        ),
    )
)


@pytest.fixture()
def registered() -> Iterator[Style]:
    register(NAMEDTUPLE)
    try:
        yield NAMEDTUPLE
    finally:
        unregister(NAMEDTUPLE.name)


def _import(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_style_defined_in_tests_generates_an_importable_module(registered: Style, tmp_path: Path) -> None:
    assert style_named("namedtuple") is registered
    files = build_tree(SPEC, ("dataclass", "namedtuple"))
    assert set(files) == {"dataclass_models.py", "namedtuple_models.py", "__init__.py", "py.typed"}
    assert "'namedtuple_models'" in files["__init__.py"] or '"namedtuple_models"' in files["__init__.py"]
    path = tmp_path / "namedtuple_models.py"
    path.write_text(files["namedtuple_models.py"])
    module = _import(path)
    shape = module.MODELS["Shape"](kind="polygon", points=[module.Point(x=1)])
    assert shape.points[0].y is None and shape._fields == ("kind", "points")
    assert "Always polygon." in files["namedtuple_models.py"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_unregistered_styles_leave_the_default_output_alone(registered: Style) -> None:
    unregister(registered.name)
    assert style_names() == BUILTIN_STYLES
    register(registered)


def test_every_builtin_style_reserves_its_names_for_the_spec_check() -> None:
    for name in BUILTIN_STYLES:
        style = style_named(name)
        assert style.reserved_names <= MODULE_NAMES, (name, style.reserved_names - MODULE_NAMES)
