"""A stable, readable dump of what a dialect reads from one document (the ``.expected`` files).

One line per fact, indented under what it belongs to; types in Python typing syntax; claims with
their strength; origins as ``line:column``. Descriptions and examples are shown in full so a
change in reading them shows in the diff.
"""

from __future__ import annotations

import json

from generator.model.claims import Claim, DocFragments, FieldFrag, ObjectFrag
from generator.model.diagnostics import Origin
from generator.model.ir import TypeExpr, type_text


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")


def _at(origin: Origin) -> str:
    return f"{origin.line}:{origin.column}"


def _claim(claim: Claim) -> str:
    value = claim.value if isinstance(claim.value, bool) else type_text(claim.value)
    return f"{claim.attr}: {value} [{claim.strength.name.lower()} @{_at(claim.origin)}]"


def _field(field: FieldFrag) -> list[str]:
    head = f"  field {field.wire_name!r} @{_at(field.origin)}"
    if field.sdk_name:
        head += f" (written {field.sdk_name!r})"
    if field.deprecated:
        head += " deprecated"
    lines = [head, *(f"    {_claim(c)}" for c in field.claims)]
    if field.description:
        lines.append(f"    description: {_one_line(field.description)}")
    return lines


def _object(obj: ObjectFrag) -> list[str]:
    head = f"object {obj.name} @{_at(obj.origin)}"
    if obj.constant is not None:
        head += f" constant={obj.constant!r}"
    lines = [head]
    if obj.description:
        lines.append(f"  description: {_one_line(obj.description)}")
    for field in obj.fields:
        lines += _field(field)
    for example in obj.examples:
        value = json.dumps(example.value, sort_keys=True, ensure_ascii=False)
        lines.append(f"  example ({example.kind}) @{_at(example.origin)}: {value}")
    if not obj.fields:
        lines.append("  (no fields)")
    return lines


def _members(members: tuple[TypeExpr, ...]) -> str:
    return " | ".join(type_text(m) for m in members)


def dump(frags: DocFragments) -> str:
    lines = [f"dialect: {frags.dialect}"]
    for obj in frags.objects:
        lines += _object(obj)
    for enum in frags.enums:
        said = {None: "", True: " (open)", False: " (closed)"}[enum.open]
        lines.append(f"enum {enum.name}{said} @{_at(enum.origin)}: {', '.join(repr(v) for v in enum.values)}")
        if enum.description:
            lines.append(f"  description: {_one_line(enum.description)}")
    for union in frags.unions:
        lines.append(f"union {union.name} @{_at(union.origin)}: {_members(union.members)}")
        if union.description:
            lines.append(f"  description: {_one_line(union.description)}")
    if frags.diagnostics:
        lines.append("diagnostics:")
    for d in frags.diagnostics:
        where = _at(d.origin) if d.origin else "-"
        lines.append(f"  {d.severity}[{d.code}] @{where}: {_one_line(d.message)}")
    return "\n".join(lines) + "\n"
