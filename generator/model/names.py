"""Names: SDK names to wire names, titles to class names, wire names to safe Python names."""

from __future__ import annotations

import builtins
import keyword
import re
from typing import Container

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def camel_to_snake(name: str) -> str:
    """``createdAt`` → ``created_at``, ``nEpochs`` → ``n_epochs``, ``HTTPCode`` → ``http_code``.

    Names already in snake_case (or with no capitals) are returned unchanged.
    """
    if not any(c.isupper() for c in name):
        return name
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def pascal_case(text: str) -> str:
    """``fine-tuning job`` → ``FineTuningJob``; ``status`` → ``Status``; keeps inner capitals."""
    words = [w for w in re.split(r"[^0-9A-Za-z]+", text) if w]
    return "".join(w[:1].upper() + w[1:] for w in words)


_TITLE_NOISE = re.compile(r"^(the|a|an)\s+|\s+object$", re.IGNORECASE)


def title_to_class_name(title: str) -> str:
    """``The fine-tuning job object`` → ``FineTuningJob``; ``FineTuningJob`` stays."""
    t = title.strip()
    prev = None
    while prev != t:
        prev = t
        t = _TITLE_NOISE.sub("", t).strip()
    return pascal_case(t)


# Names a class body cannot use for a field without breaking the class or its library.
RESERVED_MEMBERS = frozenset(
    {
        "from_dict",
        "to_dict",
        "from_json",
        "to_json",
        "model_config",
        "model_fields",
        "schema",
        "json",
        "dict",
        "copy",
        "validate",
        "construct",
        "parse_obj",
        "parse_raw",
        "fields",
        "self",
        "cls",
        "extra",
    }
)

# Builtins are fine as attribute names (`job.id`, `job.object`, `integration.type`, as the openai
# SDK has them) except the ones a generated class body uses as types after the field is defined.
SHADOWING_UNSAFE = frozenset({"str", "bytes", "int", "float", "bool", "list", "dict", "set", "tuple"})


# Every public member of pydantic's BaseModel (v1 and v2 APIs), fixed here so that the output does
# not depend on the pydantic version installed where modelgen runs.
PYDANTIC_MEMBERS = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
        "model_computed_fields",
        "model_config",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_extra",
        "model_fields",
        "model_fields_set",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
    }
)


def py_identifier(wire_name: str) -> str:
    """A safe Python attribute name for a wire key (may be empty if nothing usable remains).

    Non-identifier characters become ``_``; camelCase becomes snake_case; a leading digit gets a
    ``field_`` prefix; keywords, the builtins the generated code uses as types and the members a
    style reserves get a ``_`` suffix. Soft keywords (``match``, ``type``) are valid attribute names.
    """
    name = camel_to_snake(wire_name)
    name = re.sub(r"\W", "_", name, flags=re.ASCII).strip("_")
    name = re.sub(r"_+", "_", name)
    if not name:
        return ""
    if name[0].isdigit():
        name = "field_" + name
    if (
        keyword.iskeyword(name)
        or name == "_"
        or name in SHADOWING_UNSAFE
        or name in RESERVED_MEMBERS
        or name in PYDANTIC_MEMBERS
        or name.startswith("model_")
    ):
        name += "_"
    return name


def is_identifier(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


def unique_name(base: str, taken: Container[str]) -> str:
    """``base`` if it is free, else the first free one of ``base_2``, ``base_3``…"""
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    return name


# ---------------------------------------------------------------------------------------------
# names a model, enum or union cannot take (the generated modules define, import or rely on them)

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

NOT_AN_IDENTIFIER = "is not a valid Python identifier"


def reserved_reason(name: str) -> str:
    """Why ``name`` cannot name a model or enum ("" when it can)."""
    if not is_identifier(name):
        return NOT_AN_IDENTIFIER
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
