"""Synthetic specs for the scaling benchmark: N objects of 15 fields each, as openapi-generator
model pages, with nullable, optional, enum, nested-reference, array and map fields."""

from __future__ import annotations

from pathlib import Path


def _object_doc(i: int, n: int) -> str:
    nxt = f"Thing{(i + 1) % n:05d}"
    other = f"Thing{(i * 7 + 3) % n:05d}"
    rows = [
        ("id", "**str**", "The identifier.", ""),
        ("object", "**str**", f"The object type, which is always \\&quot;thing.{i}\\&quot;.", ""),
        ("created_at", "**int**", "The Unix timestamp (in seconds) of creation.", ""),
        ("name", "**str**", "A name. The value will be null if unnamed.", ""),
        ("label", "**str**", "A label.", "[optional]"),
        ("count", "**int**", "A count. The value will be null if unknown.", "[optional]"),
        ("ratio", "**float**", "A ratio.", ""),
        ("flag", "**bool**", "A flag.", "[optional]"),
        ("state", "**str**", "The state, which can be either `new`, `running`, `done`, or `failed`.", ""),
        ("tags", "**List[str]**", "Tags.", "[optional]"),
        ("attributes", "**Dict[str, str]**", "Key-value pairs.", "[optional]"),
        ("extra_info", "**object**", "Anything.", "[optional]"),
        (
            "next",
            f"[**{nxt}**]({nxt}.md)",
            "The next thing. The value will be null at the end.",
            "[optional]",
        ),
        ("related", f"[**List[{other}]**]({other}.md)", "Related things.", "[optional]"),
        ("size", "**int**", "A size.", ""),
    ]
    lines = [
        f"# Thing{i:05d}",
        "",
        f"Synthetic object number {i}.",
        "",
        "## Properties",
        "",
        "Name | Type | Description | Notes",
        "------------ | ------------- | ------------- | -------------",
    ]
    lines += [f"**{a}** | {b} | {c} | {d}" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


def write_spec(directory: Path, n: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (directory / f"Thing{i:05d}.md").write_text(_object_doc(i, n))
    return directory
