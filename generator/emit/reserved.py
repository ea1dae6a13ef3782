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

from generator.model.diagnostics import Diagnostic, error
from generator.model.ir import EnumDef, Spec
from generator.model.names import BUILTINS as BUILTINS  # re-exported: the styles and tests import them here
from generator.model.names import MODULE_NAMES as MODULE_NAMES
from generator.model.names import NOT_AN_IDENTIFIER, loader_name, reserved_reason
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
