"""A cache of what the OpenAPI reader made of a document, so that a second run with the same
document, roots and aliases imports neither PyYAML nor datamodel-code-generator.

Reading an OpenAPI closure costs most of its time in importing datamodel-code-generator and in
its parse (about 0.4 s of CPU for OpenAI's 44 fine-tuning schemas, more than the rest of a
`modelgen generate` of spec/ without it). What comes out depends only on the document's bytes,
the settings that select and name (roots, aliases, where the settings are, how the document's
path is shown), the reader's own source and the two libraries as installed (the path, size and
modification time of each one's ``__init__.py``: an upgrade or a reinstall rewrites it; reading
the versions through importlib.metadata would cost more than the rest of a warm key); all of
them make the key, so a change to any is a miss. The entry is a pickle of the result (as black caches its
work), written atomically under ``$MODELGEN_CACHE_DIR`` (else ``$XDG_CACHE_HOME/modelgen`` or
``~/.cache/modelgen``). ``MODELGEN_CACHE_DIR=off`` turns it off. A cache that cannot be read or
written is no error: the document is read as if there were none.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Optional

_READER_SOURCES = (
    "dialects/openapi_cache.py",
    "dialects/openapi_discriminator.py",
    "dialects/openapi_document.py",
    "dialects/openapi_schema.py",
    "dialects/openapi_types.py",
    "read/openapi_settings.py",
    "model/claims.py",
    "model/diagnostics.py",
    "model/ir.py",
    "model/names.py",
)
_LIBRARIES = ("datamodel_code_generator", "yaml")  # their import names


def cache_dir() -> Optional[Path]:
    """Where entries go; None when the cache is off."""
    chosen = os.environ.get("MODELGEN_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "modelgen" / "openapi"


def cache_key(document: bytes, selection: tuple[Any, ...]) -> str:
    """The key of a read: the document, the selection (roots, aliases, shown path, origin), the reader."""
    h = hashlib.sha256()
    h.update(hashlib.sha256(document).digest())
    h.update(repr(selection).encode("utf-8", "surrogatepass"))
    package = Path(__file__).resolve().parents[1]  # generator/
    for rel in _READER_SOURCES:
        try:
            h.update(rel.encode() + b"\0" + (package / rel).read_bytes())
        except OSError:
            h.update(rel.encode() + b"\0missing")
    for name in _LIBRARIES:
        h.update(f"{name}: {_installed(name)}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _installed(module: str) -> str:
    """Where and as what a library is installed, without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "missing"
    try:
        st = os.stat(spec.origin)
    except OSError:
        return f"{spec.origin} unreadable"
    return f"{spec.origin} {st.st_size} {st.st_mtime_ns}"


def load_entry(key: str) -> Any:
    """The cached value of ``key``, or None (no cache, no entry, or an entry that does not load)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{key}.pickle", "rb") as f:
            return pickle.load(f)  # our own entry, in the user's own cache folder (as black's cache)
    except Exception:  # a missing, partial or foreign entry is a miss, whatever the unpickling raises
        return None


def store_entry(key: str, value: Any) -> None:
    """Write the entry atomically (a temporary file renamed); any failure leaves no entry."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # read-only home, full disk, unpicklable value: the cache is only a cache
        return
