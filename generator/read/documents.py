"""Find and read the spec's documents: which files, their text (decoded, line ends normalised) and hash."""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from generator.model.diagnostics import Diagnostic, Origin, error, note

DOC_SUFFIXES = (".md", ".txt", ".markdown")
SETTINGS_FILE = "modelgen.toml"


@dataclass(frozen=True)
class SourceDoc:
    path: str  # as shown in diagnostics: relative to the working directory when below it
    text: str
    sha256: str


def display_path(path: Path) -> str:
    """Relative to the working directory when below it (``spec/Foo.md``), else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def find_documents(spec_dir: Path) -> list[Path]:
    """Every document below spec_dir, sorted by relative path (bytes order, not locale)."""
    found = [
        p
        for p in spec_dir.rglob("*")
        if p.is_file()
        and p.suffix.lower() in DOC_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(spec_dir).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(spec_dir).as_posix())


def excluded(rel: str, pattern: str) -> bool:
    """Whether the page at ``rel`` (POSIX, relative to the spec folder) matches ``pattern``: the
    whole relative path (``*`` crosses folders), or, for a pattern without ``/``, the file name."""
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)


def select_documents(spec_dir: Path, exclude: tuple[str, ...]) -> tuple[list[Path], list[Diagnostic]]:
    """``find_documents`` without the pages an ``exclude`` pattern matches, and a note (N111)
    saying how many were left out and which patterns matched nothing."""
    found = find_documents(spec_dir)
    if not exclude:
        return found, []
    kept: list[Path] = []
    used: set[str] = set()
    for p in found:
        rel = p.relative_to(spec_dir).as_posix()
        hits = [pattern for pattern in exclude if excluded(rel, pattern)]
        used.update(hits)
        if not hits:
            kept.append(p)
    message = f"{len(found) - len(kept)} of {len(found)} pages excluded by the settings' exclude patterns"
    unused = [pattern for pattern in exclude if pattern not in used]
    if unused:
        message += f"; matching no page: {', '.join(repr(u) for u in unused)}"
    return kept, [note("N111", message, Origin(display_path(spec_dir / SETTINGS_FILE), 1, 1))]


def read_document(path: Path) -> tuple[SourceDoc | None, list[Diagnostic]]:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("E101", f"cannot read file: {exc.strerror or exc}", Origin(shown, 1, 1))]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decoded_with_bom(path, data, codec)
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data.count(b"\n", 0, at) + 1
        return None, [
            error(
                "E101", f"binary file (NUL byte at offset {at}), not a text document", Origin(shown, line, 1)
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(
                "E101",
                f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded",
                Origin(shown, line, col),
            )
        ]
    return _document(shown, text, data)


# a byte-order mark says the encoding (UTF-32 first: its little-endian mark starts like UTF-16's)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decoded_with_bom(path: Path, data: bytes, codec: str) -> tuple[SourceDoc | None, list[Diagnostic]]:
    shown = display_path(path)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        msg = f"not {codec.upper()} text (its byte-order mark says so): bytes at offset {exc.start} cannot be decoded"
        return None, [error("E101", msg, Origin(shown, 1, 1))]
    return _document(shown, text, data)


def _document(shown: str, text: str, data: bytes) -> tuple[SourceDoc | None, list[Diagnostic]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error("E102", "empty document", Origin(shown, 1, 1))]
    return SourceDoc(shown, text, hashlib.sha256(data).hexdigest()), []
