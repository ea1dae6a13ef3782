"""The ``[openapi]`` table of spec/modelgen.toml: an OpenAPI (or JSON Schema) document as one more source.

```toml
[openapi]
document = "openai-openapi.yaml"            # relative to the spec directory
roots = ["FineTuningJob*", "Grader*"]        # component schemas to generate, by name or glob pattern
```

Only the roots and the schemas they reference (their closure) are read. The document's claims are
weighed like any other dialect's, under the name ``openapi`` in ``[precedence]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model.diagnostics import Diagnostic, Origin, error, warning

OPENAPI_DIALECT = "openapi"
OPENAPI_KEYS = ("document", "roots")


@dataclass(frozen=True)
class OpenAPISettings:
    document: Path  # the document's path (resolved against the spec directory)
    roots: tuple[str, ...]  # schema names or fnmatch patterns (case-sensitive)


def load_openapi_settings(
    table: Any, spec_dir: Path, origin: Origin
) -> tuple[OpenAPISettings | None, list[Diagnostic]]:
    """The ``[openapi]`` table read and checked; None when the table is absent."""
    if table is None:
        return None, []
    if not isinstance(table, dict):
        return None, [error("E104", "[openapi] must be a table (document = ..., roots = [...])", origin)]
    diags = [
        error("E104", f"unknown setting 'openapi.{k}' (known: {', '.join(OPENAPI_KEYS)})", origin)
        for k in table
        if k not in OPENAPI_KEYS
    ]
    document = table.get("document")
    if not isinstance(document, str) or not document.strip():
        diags.append(error("E104", "[openapi] needs 'document', the path of the OpenAPI document", origin))
        return None, diags
    roots = table.get("roots", [])
    if not isinstance(roots, list) or not roots or not all(isinstance(r, str) and r for r in roots):
        diags.append(
            error("E104", "[openapi] 'roots' must be a non-empty list of schema names or patterns", origin)
        )
        return None, diags
    return OpenAPISettings(spec_dir / document, tuple(roots)), diags


def unranked_openapi(precedence: dict[str, Any], origin: Origin) -> list[Diagnostic]:
    """W376 for each ``[precedence]`` list that leaves the openapi source out (it then ranks last)."""
    return [
        warning(
            "W376",
            f"[precedence] {attr} does not name '{OPENAPI_DIALECT}': the OpenAPI document ranks last for {attr}",
            origin,
        )
        for attr, order in precedence.items()
        if isinstance(order, list) and OPENAPI_DIALECT not in order
    ]
