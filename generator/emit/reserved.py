"""Names a document gives its models and enums, checked before any code is generated.

A model or enum name becomes a class (or a TypedDict / Literal alias) at module level in every
generated module, so it must be a plain ASCII identifier that takes no name the modules define,
import or rely on: keywords and soft keywords, builtins, the typing and style-library names
(``BaseModel``, ``Field``, ``ConfigDict``, ``attrs``, …), the runtime's names (``UNSET``,
``ValidationError``, ``MODELS``, …), the generated loaders (``load_<snake_name>``), and any
field's Python name (a class body that annotates a field with a type of the same name would see
the field). A leading underscore is reserved for the runtime's private names.

Enum member names need no check here: ``styles.enum_member_names`` makes every value a distinct,
safe member name (collisions get ``_2``, ``_3``…; an empty value is ``EMPTY``).
"""

from __future__ import annotations

import builtins
import keyword

from generator.model.diagnostics import Diagnostic, error
from generator.model.ir import EnumDef, Spec
from generator.model.names import camel_to_snake, is_identifier

# every name the styles may import from typing
TYPING_NAMES = (
    "Annotated",
    "Any",
    "Callable",
    "ClassVar",
    "Final",
    "Literal",
    "NoReturn",
    "Optional",
    "TypeVar",
    "TypedDict",
    "Union",
    "cast",
)

# Names the generated modules import or define at module level (every style together).
MODULE_NAMES = frozenset(
    {
        # modules and __future__
        "annotations",
        "copy",
        "enum",
        "json",
        "dataclasses",
        "attrs",
        "msgspec",
        "pydantic",
        "pydantic_core",
        "re",
        "threading",
        "typing",
        # typing: every name the styles may import (TYPING_NAMES)
        *TYPING_NAMES,
        "TYPE_CHECKING",
        # pydantic and pydantic-core
        "BaseModel",
        "BeforeValidator",
        "ConfigDict",
        "CoreSchema",
        "Field",
        "GetCoreSchemaHandler",
        "StrictBool",
        "StrictFloat",
        "StrictInt",
        "StrictStr",
        "ValidationError",
        "core_schema",
        # the runtime
        "MODELS",
        "UNSET",
        "UnsetType",
    }
)

# Builtins of every Python version the modules run on (and that ``site`` adds), fixed so that the
# diagnostics do not depend on the interpreter that runs modelgen.
BUILTINS = frozenset(dir(builtins)) | {
    "aiter",
    "anext",
    "BaseExceptionGroup",
    "ExceptionGroup",
    "EncodingWarning",
    "PythonFinalizationError",
    "copyright",
    "credits",
    "exit",
    "help",
    "license",
    "quit",
}


def reserved_reason(name: str) -> str:
    """Why ``name`` cannot name a model or enum ("" when it can)."""
    if not is_identifier(name):
        return "is not a valid Python identifier"
    if keyword.issoftkeyword(name):
        return "is a Python soft keyword"
    if name.startswith("_"):
        return "starts with an underscore (reserved for the generated modules' private names)"
    if name in MODULE_NAMES:
        return "is a name the generated modules import or define"
    if name in BUILTINS:
        return "is a Python builtin"
    return ""


def loader_name(model_name: str) -> str:
    """The TypedDict module's loader for a model (``styles.loader_names`` adds _2… on collision)."""
    return "load_" + camel_to_snake(model_name).lower()


def check_spec_names(spec: Spec) -> list[Diagnostic]:
    """E205 for every model or enum name that cannot be a safe class name in the generated modules."""
    diags: list[Diagnostic] = []
    loaders = {loader_name(m.name) for m in spec.models}
    py_names = {f.py_name for m in spec.models for f in m.fields}
    for item in spec.items:
        kind = "enum" if isinstance(item, EnumDef) else "object"
        origin = item.origins[0] if item.origins else None
        reason = reserved_reason(item.name)
        if reason == "is not a valid Python identifier":
            # the same diagnostic as the resolver's, so the two are merged into one
            diags.append(error("E205", f"{kind} name {item.name!r} {reason}", origin))
            continue
        if not reason and item.name in loaders:
            reason = "is the name of a generated loader function"
        if not reason and item.name in py_names:
            reason = "is also the Python name of a field"
        if reason:
            diags.append(
                error("E205", f"{kind} name {item.name!r} {reason}; rename it in its document", origin)
            )
    return diags
