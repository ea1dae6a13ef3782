"""The ``Style`` record: everything that differs between the output styles, in one frozen value.

Every module of ``generator/emit`` asks a style's record what to do and never compares its name.
A style is one record (``generator/emit/builtin/<name>.py``), one template folder
(``templates/<name>/module.py.jinja``) and one line in ``generator.emit.registry``; a style
defined elsewhere (a plugin, a test) is a record with its own ``template_root``, passed to
``registry.register``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from generator.emit.options import RenderOptions
from generator.model.diagnostics import Diagnostic
from generator.model.ir import Field, Spec
from generator.pysrc.layout import Node


class OpenEnumForm(enum.Enum):
    """How an open enum (one that keeps an unknown value) is annotated."""

    UNION = "union"  # Union[TheEnum, str]
    STRICT_UNION = "strict-union"  # pydantic: Annotated[Union[TheEnum, StrictStr], left_to_right, _STR_OUT]
    ALIAS = "alias"  # the module's _Open<Enum> alias (msgspec)
    LITERAL = "literal"  # the enum is itself a Literal alias (TypedDict): its name says it all


class UnionForm(enum.Enum):
    """How a union's type alias is written."""

    PLAIN = "plain"  # Union[A, B]
    PYDANTIC_FIELD = "pydantic-field"  # Annotated[Union[A, B], Field(discriminator=... | union_mode=...)]


class RoundTrip(enum.Enum):
    """How the generated round-trip tests drive a style's module."""

    CLASS = "class"  # MODELS[name].from_dict / to_dict / from_json / to_json
    LOADER = "loader"  # MODELS[name](doc) checks and returns the document (TypedDict)
    NONE = "none"  # not driven by the round-trip tests


def no_problems(spec: Spec) -> list[Diagnostic]:
    return []


AnnotateField = Callable[[Field, Spec, "Style", RenderOptions], Node]
BuildView = Callable[[Spec, "Style", RenderOptions], Any]

PLAIN_SCALARS: Mapping[str, tuple[str, ...]] = {
    "str": ("str",),
    "int": ("int",),
    "float": ("float",),
    "bool": ("bool",),
}


@dataclass(frozen=True)
class Style:
    name: str
    module_file: str  # "dataclass_models.py"
    template_folder: str  # the folder of module.py.jinja, relative to a template root
    description: str  # what the module holds, for its docstring: "standard-library dataclasses"
    build_view: BuildView  # the record the template lays out
    annotate_field: AnnotateField  # a field's attribute / key annotation (a layout node)
    default_field: Callable[[Field], str]  # what follows the annotation: " = UNSET", "", ...
    library: Optional[str] = None  # the third-party library the module imports
    template_root: Optional[str] = None  # a folder searched before the built-in templates
    # annotations
    scalars: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: PLAIN_SCALARS)
    literals_last: bool = False  # in a union annotation, literals after the types (tried in order)
    # a module-level marker each Literal of ints (of bools) carries: the library compares a literal
    # by ==, and True == 1 == 1.0 (pydantic: its Literal[1] takes true)
    literal_markers: Mapping[str, str] = field(default_factory=dict)
    open_enum: OpenEnumForm = OpenEnumForm.UNION
    union_form: UnionForm = UnionForm.PLAIN
    # the model is the JSON object itself (TypedDict): keys are wire names, enums are Literal
    # aliases, a loader checks a document in place and returns it, the docstring lists the keys
    models_are_dicts: bool = False
    required_fields_first: bool = False  # no kw_only on 3.9 (dataclass)
    own_codec: bool = False  # modelgen's own to_dict/from_dict and UNSET runtime (dataclass, attrs)
    rebuilds_forward_refs: bool = False  # a model that refers to a later item is rebuilt (pydantic)
    runtime_typing: frozenset[str] = frozenset()  # typing names the module's runtime uses
    exports: tuple[str, ...] = ("MODELS",)  # module-level names after the models, in __all__
    reserved_names: frozenset[str] = frozenset()  # names the module imports or defines
    problems: Callable[[Spec], list[Diagnostic]] = no_problems  # what it cannot express (W501)
    round_trip: RoundTrip = RoundTrip.NONE
    needed_by_tests: bool = False  # the round-trip tests are written only when every such style is

    @property
    def module_name(self) -> str:
        return self.module_file.removesuffix(".py")

    @property
    def template(self) -> str:
        return f"{self.template_folder}/module.py.jinja"
