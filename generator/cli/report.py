"""The merged model and its diagnostics as the commands show them: ``inspect``'s text or JSON, and
the quiet report every command prints (errors, then one line of counts; ``-v`` lists everything)."""

from __future__ import annotations

from typing import Any, Optional

from generator.model.diagnostics import ERROR, NOTE, WARNING, Diagnostic
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
    unions = [
        {
            "name": u.name,
            "members": [type_text(m) for m in u.members],
            "discriminator": u.discriminator,
            "origins": [o.short() for o in u.origins],
        }
        for u in (spec.unions if spec is not None else ())
    ]
    return {
        "models": models,
        "enums": enums,
        "unions": unions,
        "diagnostics": [
            {
                "severity": d.severity,
                "code": d.code,
                "message": d.message,
                "origin": str(d.origin) if d.origin else None,
                "acknowledged": d.acknowledged or None,
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
    for u in spec.unions:
        tag = f"  (by {u.discriminator})" if u.discriminator else ""
        lines.append(f"union {u.name}: {' | '.join(type_text(m) for m in u.members)}{tag}")
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


def shown_diagnostics(diags: list[Diagnostic], verbose: bool) -> list[str]:
    """The lines to print: every error; with ``verbose`` every diagnostic, an acknowledged one
    followed by its reason."""
    lines: list[str] = []
    for d in diags:
        if d.severity == ERROR:
            lines.append(str(d))
        elif verbose:
            lines.append(str(d) + (f"\n  acknowledged: {d.acknowledged}" if d.acknowledged else ""))
    return lines


def summary(diags: list[Diagnostic], verbose: bool) -> str:
    """One line: the counts by severity, the acknowledged ones apart ("" when there are none)."""
    if not diags:
        return ""
    open_ = [d for d in diags if not d.acknowledged]
    counts = [
        _plural(sum(d.severity == severity for d in open_), severity) for severity in (ERROR, WARNING, NOTE)
    ]
    acknowledged = len(diags) - len(open_)
    line = "modelgen: " + ", ".join(counts)
    if acknowledged:
        line += f"; {acknowledged} acknowledged in the spec settings"
    hidden = sum(d.severity != ERROR for d in diags)
    if hidden and not verbose:
        line += " (-v lists them)"
    return line


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
