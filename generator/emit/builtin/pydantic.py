"""Pydantic v2 models: strict scalars, validation and serialization in pydantic-core."""

from __future__ import annotations

from generator.emit.annotations import STRICT_SCALARS, pydantic_default, pydantic_field_annotation
from generator.emit.style import OpenEnumForm, RoundTrip, Style, UnionForm
from generator.emit.styles import build_module

STYLE = Style(
    name="pydantic",
    module_file="pydantic_models.py",
    template_folder="pydantic",
    description="Pydantic v2 models",
    build_view=build_module,
    annotate_field=pydantic_field_annotation,
    default_field=pydantic_default,
    library="pydantic",
    scalars=STRICT_SCALARS,
    literals_last=True,
    literal_markers={"int": "_INT_LITERAL", "bool": "_BOOL_LITERAL"},
    open_enum=OpenEnumForm.STRICT_UNION,
    union_form=UnionForm.PYDANTIC_FIELD,
    rebuilds_forward_refs=True,
    runtime_typing=frozenset({"Any", "TypeVar", "Union", "cast"}),
    exports=("MODELS",),
    reserved_names=frozenset({"pydantic", "pydantic_core", "BaseModel", "Field", "ConfigDict"}),
    round_trip=RoundTrip.CLASS,
    needed_by_tests=True,
)
