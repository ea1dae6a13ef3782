"""Write the whole output tree or nothing; compare it with what is on disk.

``write_tree`` stages every file beside its target, then renames them into place, so a failure
before the renames leaves OUT exactly as it was. Files in OUT that modelgen did not write are
never deleted; ``check`` reports them as extra.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

IGNORED_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".hypothesis", ".ruff_cache"}
IGNORED_SUFFIXES = (".pyc", ".pyo")


@dataclass(frozen=True)
class CheckResult:
    changed: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    diff: str

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra)


def write_tree(out: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` (relative POSIX path → text) into ``out``; returns the paths that changed."""
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    changed: list[str] = []
    try:
        for rel in sorted(files):
            target = out / rel
            data = files[rel].encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            staged.append((Path(tmp_name), target))
            changed.append(rel)
        for staged_path, target in staged:
            os.replace(staged_path, target)
        staged = []
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)
    return changed


def existing_files(out: Path) -> set[str]:
    if not out.is_dir():
        return set()
    found = set()
    for p in out.rglob("*"):
        rel = p.relative_to(out)
        if any(part in IGNORED_DIRS for part in rel.parts) or not p.is_file() or p.suffix in IGNORED_SUFFIXES:
            continue
        found.add(rel.as_posix())
    return found


def check_tree(out: Path, files: dict[str, str]) -> CheckResult:
    on_disk = existing_files(out)
    changed: list[str] = []
    missing: list[str] = []
    diffs: list[str] = []
    for rel in sorted(files):
        target = out / rel
        if rel not in on_disk:
            missing.append(rel)
            continue
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = ""
        if current != files[rel]:
            changed.append(rel)
            diffs.extend(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    files[rel].splitlines(keepends=True),
                    fromfile=f"{out.as_posix()}/{rel} (on disk)",
                    tofile=f"{out.as_posix()}/{rel} (generated)",
                )
            )
    extra = sorted(on_disk - set(files))
    return CheckResult(tuple(changed), tuple(missing), tuple(extra), "".join(diffs))
