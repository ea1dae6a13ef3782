"""The merged model and its diagnostics as ``modelgen inspect`` shows them (text or JSON)."""

from __future__ import annotations

from typing import Any, Optional

from generator.model.diagnostics import Diagnostic
from generator.model.ir import Spec, type_text


def inspect_json(spec: Optional[Spec], diags: list[Diagnostic]) -> dict[str, Any]:
    models = []
    enums = []
    if spec is not None:
        for m in spec.models:
            models.append(
                {
                    "name": m.name,
                    "description": m.description,
                    "origins": [o.short() for o in m.origins],
                    "fields": [
                        {
                            "wire_name": f.wire_name,
                            "py_name": f.py_name,
                            "type": type_text(f.type),
                            "required": f.required,
                            "nullable": f.nullable,
                            "description": f.description,
                            "origins": [o.short() for o in f.origins],
                        }
                        for f in m.fields
                    ],
                }
            )
        for e in spec.enums:
            enums.append(
                {"name": e.name, "values": list(e.values), "origins": [o.short() for o in e.origins]}
            )
    return {
        "models": models,
        "enums": enums,
        "diagnostics": [
            {
                "severity": d.severity,
                "code": d.code,
                "message": d.message,
                "origin": str(d.origin) if d.origin else None,
            }
            for d in diags
        ],
    }


def inspect_text(spec: Optional[Spec]) -> str:
    if spec is None:
        return ""
    lines: list[str] = []
    for e in spec.enums:
        lines.append(f"enum {e.name}: {', '.join(e.values)}")
    for m in spec.models:
        lines.append("")
        lines.append(f"model {m.name}  ({', '.join(o.short() for o in m.origins)})")
        width = max((len(f.wire_name) for f in m.fields), default=0)
        for f in m.fields:
            flags = ("required" if f.required else "optional") + (", nullable" if f.nullable else "")
            lines.append(f"  {f.wire_name:<{width}}  {type_text(f.type)}  [{flags}]")
        if m.examples:
            lines.append(f"  examples: {len(m.examples)}")
    return "\n".join(lines).lstrip("\n") + "\n"
