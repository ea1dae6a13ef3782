"""msgspec Structs: decoded and encoded in C, with a slower path that keeps unknown keys."""

from __future__ import annotations

from generator.emit.annotations import NUMBER_SCALARS, msgspec_default, unset_field_annotation
from generator.emit.msgspec_view import build_msgspec_module, problems
from generator.emit.style import OpenEnumForm, RoundTrip, Style

STYLE = Style(
    name="msgspec",
    module_file="msgspec_models.py",
    template_folder="msgspec",
    description="msgspec Structs",
    build_view=build_msgspec_module,
    annotate_field=unset_field_annotation,
    default_field=msgspec_default,
    library="msgspec",
    scalars=NUMBER_SCALARS,
    open_enum=OpenEnumForm.ALIAS,
    runtime_typing=frozenset(
        {
            "Annotated",
            "TYPE_CHECKING",
            "Any",
            "Callable",
            "ClassVar",
            "Final",
            "NoReturn",
            "Optional",
            "TypeVar",
        }
        | {"Union", "cast"}
    ),
    exports=("UNSET", "UnsetType", "MODELS", "ValidationError"),
    reserved_names=frozenset({"msgspec", "UNSET", "UnsetType"}),
    problems=problems,
    round_trip=RoundTrip.CLASS,
)
