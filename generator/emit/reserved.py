"""Names a document gives its models and enums, checked before any code is generated.

A model or enum name becomes a class (or a TypedDict / Literal alias) at module level in every
generated module, so it must be a plain ASCII identifier that takes no name the modules define,
import or rely on: keywords and soft keywords, builtins, the typing and style-library names
(``BaseModel``, ``Field``, ``ConfigDict``, ``attrs``, …), the runtime's names (``UNSET``,
``ValidationError``, ``MODELS``, …), the generated loaders (``load_<snake_name>``), and any
field's Python name (a class body that annotates a field with a type of the same name would see
the field). A leading underscore is reserved for the runtime's private names.

Field names: a field's Python name is a class attribute, and a class body that runs after it
sees the attribute instead of the module's name (``msgspec.field(...)`` after a field called
``msgspec``). ``reserve_field_names`` renames every field whose Python name is one the modules
define or import (``msgspec`` → ``msgspec_``), with a note (W601).

Text the documents give that is not valid Unicode (a lone surrogate from a JSON ``\\ud800``
escape) cannot be written in a module that pydantic or msgspec accept: E601 names it.

Enum member names need no check here: ``styles.enum_member_names`` makes every value a distinct,
safe member name (collisions get ``_2``, ``_3``…; an empty value is ``EMPTY``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model.diagnostics import Diagnostic, error, note
from generator.model.ir import EnumDef, Field, ListOf, LiteralOf, MapOf, Model, Spec, TypeExpr, UnionOf
from generator.model.names import BUILTINS as BUILTINS  # re-exported: the styles and tests import them here
from generator.model.names import MODULE_NAMES as MODULE_NAMES
from generator.model.names import (
    NOT_AN_IDENTIFIER,
    loader_name,
    reserved_reason,
)
from generator.model.names import TYPING_NAMES as TYPING_NAMES


def check_spec_names(spec: Spec) -> list[Diagnostic]:
    """E205 for every model or enum name that cannot be a safe class name in the generated modules."""
    diags: list[Diagnostic] = []
    loaders = {loader_name(m.name) for m in spec.models}
    py_names = {f.py_name for m in spec.models for f in m.fields}
    for item in spec.items:
        kind = "enum" if isinstance(item, EnumDef) else "object"
        origin = item.origins[0] if item.origins else None
        reason = reserved_reason(item.name)
        if reason == NOT_AN_IDENTIFIER:
            # reconcile/naming reports these first; the pipeline runs this check only when it did not
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


# the wire name of the msgspec style's hidden field for unknown keys (``hidden_extra_wire``)
EXTRA_WIRE = "$modelgen.extra"
_SURROGATE = re.compile("[\ud800-\udfff]")


def reserve_field_names(spec: Spec) -> tuple[Spec, list[Diagnostic]]:
    """Fields whose Python name is a name the modules import or define get ``_`` appended
    (more than one where that is taken too), each with a note (W601)."""
    diags: list[Diagnostic] = []
    items = []
    for item in spec.items:
        if not isinstance(item, Model) or not any(f.py_name in MODULE_NAMES for f in item.fields):
            items.append(item)
            continue
        taken = {f.py_name for f in item.fields}
        fields: list[Field] = []
        for f in item.fields:
            if f.py_name in MODULE_NAMES:
                new = f.py_name + "_"
                while new in taken or new in MODULE_NAMES:
                    new += "_"
                taken.add(new)
                diags.append(
                    note(
                        "W601",
                        f"{item.name}: field {f.wire_name!r} is '{new}' in Python: "
                        f"'{f.py_name}' is a name the generated modules use",
                        f.origins[0] if f.origins else None,
                    )
                )
                f = replace(f, py_name=new)
            fields.append(f)
        items.append(replace(item, fields=tuple(fields)))
    return replace(spec, items=tuple(items)), diags


def hidden_extra_wire(spec: Spec) -> str:
    """A wire name for the msgspec style's hidden field of unknown keys that no field uses."""
    used = {f.wire_name for m in spec.models for f in m.fields}
    name, n = EXTRA_WIRE, 1
    while name in used:
        n += 1
        name = f"{EXTRA_WIRE}_{n}"
    return name


def msgspec_cannot_rename(wire_name: str) -> bool:
    """msgspec refuses a renamed field whose wire name holds a backslash, a double quote or a
    control character (U+0000 to U+001F)."""
    return any(c in '\\"' or c < " " for c in wire_name)


def _literal_texts(t: TypeExpr) -> list[str]:
    if isinstance(t, LiteralOf):
        return [v for v in t.values if isinstance(v, str)]
    if isinstance(t, ListOf):
        return _literal_texts(t.item)
    if isinstance(t, MapOf):
        return _literal_texts(t.value)
    if isinstance(t, UnionOf):
        return [v for o in t.options for v in _literal_texts(o)]
    return []


def check_unicode(spec: Spec) -> list[Diagnostic]:
    """E601 for a wire name, enum value or constant that holds a lone surrogate."""
    diags: list[Diagnostic] = []
    for item in spec.items:
        texts: list[tuple[str, str]] = []
        if isinstance(item, EnumDef):
            texts = [("enum value", v) for v in item.values]
        elif isinstance(item, Model):
            for f in item.fields:
                texts.append(("field name", f.wire_name))
                texts += [(f"constant of field {f.wire_name!r}", v) for v in _literal_texts(f.type)]
        for what, text in texts:
            if _SURROGATE.search(text):
                diags.append(
                    error(
                        "E601",
                        f"{item.name}: {what} {ascii(text)} is not valid Unicode text (a lone surrogate)",
                        item.origins[0] if item.origins else None,
                    )
                )
    return diags
