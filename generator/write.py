"""Write the whole output tree or nothing; compare it with what is on disk.

``write_tree`` plans first: every target is checked (no symbolic link on the way, no folder
where a file goes, no file of the user's in the way) before anything is written, then the
changed files go in through the journal of ``generator.output.journal`` (old tree or new tree,
even after ``kill -9``). The manifest of ``generator.output.manifest`` says which files are
modelgen's: only those are ever replaced or removed, and ``check`` looks at nothing else.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from generator.output.journal import OutputError, describe, locked, recover, transact
from generator.output.manifest import MANIFEST, Manifest, RecordedOptions, looks_generated, read_manifest

# the paths a modelgen run can write, recognised as ours in a folder that has no manifest yet
_KNOWN = {"__init__.py", "py.typed", "tests/__init__.py", "tests/test_roundtrip.py"}


@dataclass(frozen=True)
class CheckResult:
    changed: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    diff: str
    unsafe: tuple[str, ...] = ()  # a generated path that is a link, a folder, or behind a link

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.unsafe)


def _path_problem(out: Path, rel: str) -> str:
    """Why modelgen cannot write (or read) ``out/rel`` as its own regular file ("" when it can)."""
    parts = rel.split("/")
    for i in range(1, len(parts) + 1):
        here = out.joinpath(*parts[:i])
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return ""
        except OSError as exc:
            return describe(exc, here)
        shown = here.as_posix()
        if stat.S_ISLNK(mode):
            return f"{shown} is a symbolic link; modelgen never writes or reads through one"
        if i < len(parts) and not stat.S_ISDIR(mode):
            return f"{shown} is a file where modelgen needs a folder"
        if i == len(parts) and not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            return f"{shown} is {kind}; modelgen writes a file there"
    return ""


def owned_files(out: Path, manifest: Optional[Manifest]) -> set[str]:
    """The files of ``out`` that are modelgen's (see ``generator.output.manifest``)."""
    if manifest is not None:
        return {*manifest.files, MANIFEST}
    found = {rel for rel in _KNOWN if (out / rel).is_file()}
    if out.is_dir():
        found |= {p.name for p in out.glob("*_models.py") if p.is_file()}
    return {rel for rel in found if not _path_problem(out, rel) and looks_generated(out / rel, None)}


def _read(path: Path) -> Optional[bytes]:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _plan(out: Path, files: dict[str, bytes], adopt: bool) -> tuple[dict[str, bytes], list[str]]:
    owned = owned_files(out, read_manifest(out))
    problems: list[str] = []
    writes: dict[str, bytes] = {}
    for rel in sorted(files):
        problem = _path_problem(out, rel)
        if problem:
            problems.append(problem)
            continue
        target = out / rel
        current = _read(target)
        if current == files[rel]:
            continue
        if current is not None and rel not in owned and not adopt and not looks_generated(target, files[rel]):
            problems.append(
                f"{target.as_posix()} was not written by modelgen; move it away, or pass --adopt "
                "to let modelgen replace it"
            )
        writes[rel] = files[rel]
    removes = sorted(
        rel for rel in owned - set(files) if (out / rel).is_file() and not _path_problem(out, rel)
    )
    if problems:
        raise OutputError("; ".join(problems) + "; nothing was written")
    return writes, removes


def _manifest(files: dict[str, str], options: Optional[RecordedOptions]) -> Manifest:
    return Manifest(options, tuple(sorted(files)))


def _old_temp_files(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Temporary files an older modelgen left beside its files (``.<name>.<8 chars>.tmp``,
    mkstemp's names): ours, so a run removes them."""
    found: list[Path] = []
    for folder in {(out / rel).parent for rel in files}:
        names = {Path(rel).name for rel in files if (out / rel).parent == folder}
        if folder.is_dir() and not folder.is_symlink():
            for p in folder.glob(".*.tmp"):
                match = re.fullmatch(r"\.(.+)\.[a-z0-9_]{8}\.tmp", p.name)
                if match and match.group(1) in names and p.is_file() and not p.is_symlink():
                    found.append(p)
    return sorted(found)


def _make_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {describe(exc, out)}") from exc
    if not out.is_dir():
        raise OutputError(f"{out.as_posix()} is not a folder")


def write_tree(
    out: Path, files: dict[str, str], options: Optional[RecordedOptions] = None, adopt: bool = False
) -> list[str]:
    """Write ``files`` (relative POSIX path → text) into ``out``, all or nothing, with the
    manifest; returns the paths that changed. Raises ``OutputError`` naming the path at fault."""
    _make_out(out)
    wanted = {rel: text.encode("utf-8") for rel, text in files.items()}
    wanted[MANIFEST] = _manifest(files, options).text().encode("utf-8")
    with locked(out):
        recover(out)
        writes, removes = _plan(out, wanted, adopt)
        if writes or removes:
            transact(out, writes, removes)
        for leftover in _old_temp_files(out, wanted):
            leftover.unlink(missing_ok=True)
    return sorted(rel for rel in writes if rel != MANIFEST)


def recover_output(out: Path) -> str:
    """Finish an interrupted write of ``out`` (see ``generator.output.journal``)."""
    if not out.is_dir():
        return ""
    with locked(out):
        return recover(out)


def check_tree(out: Path, files: dict[str, str], options: Optional[RecordedOptions] = None) -> CheckResult:
    """Compare ``files`` with ``out``; with ``options``, the manifest too. Files that are not
    modelgen's are not looked at (only the ones at a path a generated file needs)."""
    manifest = read_manifest(out)
    owned = owned_files(out, manifest)
    expected = dict(files)
    if options is not None:
        expected[MANIFEST] = _manifest(files, options).text()
    changed: list[str] = []
    missing: list[str] = []
    unsafe: list[str] = []
    diffs: list[str] = []
    for rel in sorted(expected):
        if _path_problem(out, rel):
            unsafe.append(rel)
            continue
        raw = _read(out / rel)
        if raw is None:
            missing.append(rel)
            continue
        current = raw.decode("utf-8", errors="replace")
        if current != expected[rel]:
            changed.append(rel)
            diffs.extend(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    expected[rel].splitlines(keepends=True),
                    fromfile=f"{out.as_posix()}/{rel} (on disk)",
                    tofile=f"{out.as_posix()}/{rel} (generated)",
                )
            )
    extra = sorted(rel for rel in owned - set(expected) - {MANIFEST} if (out / rel).is_file())
    return CheckResult(tuple(changed), tuple(missing), tuple(extra), "".join(diffs), tuple(unsafe))


__all__ = ["CheckResult", "OutputError", "RecordedOptions", "check_tree", "recover_output", "write_tree"]
