"""TypedDicts with validating loaders: the model is the JSON object itself."""

from __future__ import annotations

from generator.emit.annotations import key_annotation, no_default
from generator.emit.style import OpenEnumForm, RoundTrip, Style
from generator.emit.styles import CLASS_RUNTIME_TYPING, build_module

STYLE = Style(
    name="typeddict",
    module_file="typeddict_models.py",
    template_folder="typeddict",
    description="TypedDicts with validating loaders",
    build_view=build_module,
    annotate_field=key_annotation,
    default_field=no_default,
    open_enum=OpenEnumForm.LITERAL,
    models_are_dicts=True,
    runtime_typing=CLASS_RUNTIME_TYPING | {"TypedDict", "cast"},
    exports=("MODELS", "ValidationError"),
    reserved_names=frozenset({"TypedDict"}),
    round_trip=RoundTrip.LOADER,
    needed_by_tests=True,
)
