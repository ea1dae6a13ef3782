"""Find and read the spec's documents: which files, their text (decoded, line ends normalised) and hash."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from generator.model.diagnostics import Diagnostic, Origin, error

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


def read_document(path: Path) -> tuple[SourceDoc | None, list[Diagnostic]]:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("E101", f"cannot read file: {exc.strerror or exc}", Origin(shown, 1, 1))]
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error("E102", "empty document", Origin(shown, 1, 1))]
    return SourceDoc(shown, text, hashlib.sha256(data).hexdigest()), []
