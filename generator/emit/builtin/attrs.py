"""attrs classes (keyword-only), with modelgen's own straight-line decoders and to_dict."""

from __future__ import annotations

from generator.emit.annotations import unset_default, unset_field_annotation
from generator.emit.style import RoundTrip, Style
from generator.emit.styles import CLASS_RUNTIME_TYPING, build_module

STYLE = Style(
    name="attrs",
    module_file="attrs_models.py",
    template_folder="attrs",
    description="attrs classes",
    build_view=build_module,
    annotate_field=unset_field_annotation,
    default_field=unset_default,
    library="attrs",
    own_codec=True,
    runtime_typing=CLASS_RUNTIME_TYPING,
    exports=("UNSET", "UnsetType", "MODELS", "ValidationError"),
    reserved_names=frozenset({"attrs"}),
    round_trip=RoundTrip.CLASS,
    needed_by_tests=True,
)
