"""Synthetic specs for the scaling benchmark: N objects of 15 fields each, as openapi-generator
model pages, with nullable, optional, enum, nested-reference, array and map fields."""

from __future__ import annotations

from pathlib import Path


def _object_doc(i: int, n: int) -> str:
    nxt = f"Thing{(i + 1) % n:05d}"
    other = f"Thing{(i * 7 + 3) % n:05d}"
    # every description names its object, as real pages do: only the type and notes columns
    # repeat from one document to the next
    rows = [
        ("id", "**str**", f"The identifier of thing {i}.", ""),
        ("object", "**str**", f"The object type, which is always \\&quot;thing.{i}\\&quot;.", ""),
        ("created_at", "**int**", f"The Unix timestamp (in seconds) of the creation of thing {i}.", ""),
        ("name", "**str**", f"The name of thing {i}. The value will be null if unnamed.", ""),
        ("label", "**str**", f"A label of thing {i}.", "[optional]"),
        ("count", "**int**", f"A count for thing {i}. The value will be null if unknown.", "[optional]"),
        ("ratio", "**float**", f"The ratio of thing {i}.", ""),
        ("flag", "**bool**", f"A flag of thing {i}.", "[optional]"),
        (
            "state",
            "**str**",
            f"The state of thing {i}, which can be either `new`, `running`, `done`, or `failed`.",
            "",
        ),
        ("tags", "**List[str]**", f"The tags of thing {i}.", "[optional]"),
        ("attributes", "**Dict[str, str]**", f"Key-value pairs about thing {i}.", "[optional]"),
        ("extra_info", "**object**", f"Anything else about thing {i}.", "[optional]"),
        (
            "next",
            f"[**{nxt}**]({nxt}.md)",
            f"The thing after thing {i}. The value will be null at the end.",
            "[optional]",
        ),
        ("related", f"[**List[{other}]**]({other}.md)", f"Things related to thing {i}.", "[optional]"),
        ("size", "**int**", f"The size of thing {i}.", ""),
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
