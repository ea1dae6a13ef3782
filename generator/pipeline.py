"""The stages end to end: spec directory → Spec and diagnostics. Reads the disk, writes nothing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Optional

from generator.dialects import parse_document
from generator.dialects.openapi_schema import read_openapi
from generator.emit.reserved import check_spec_names, check_unicode, reserve_field_names
from generator.model.claims import DocFragments
from generator.model.diagnostics import Diagnostic, Origin, error, has_errors
from generator.model.ir import Spec
from generator.read.documents import display_path, read_document, select_documents
from generator.read.spec_settings import SpecSettings, load_settings
from generator.reconcile.merge import merge
from generator.reconcile.overrides import acknowledge, apply_overrides
from generator.reconcile.resolve import rename_fields, resolve


def load_spec(
    spec_dir: Path, names: Optional[dict[str, str]] = None
) -> tuple[Optional[Spec], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    if not spec_dir.is_dir():
        return None, [error("E101", "spec directory does not exist", Origin(display_path(spec_dir), 1, 1))]
    settings, d = load_settings(spec_dir)
    diags += d
    paths, d = select_documents(spec_dir, settings.exclude)
    diags += d
    fragments = []
    inputs: list[str] = []
    digest = hashlib.sha256()
    for p in paths:
        doc, d = read_document(p)
        diags += d
        rel = p.relative_to(spec_dir).as_posix()
        if doc is None:
            continue
        inputs.append(rel)
        digest.update(f"{rel}\0{doc.sha256}\n".encode())
        frags = parse_document(doc)
        diags += frags.diagnostics
        fragments.append(frags)
    if settings.openapi is not None:
        fragments_of_openapi(spec_dir, settings, fragments, inputs, digest, diags)
    settings_file = spec_dir / "modelgen.toml"
    try:
        digest.update(b"modelgen.toml\0" + hashlib.sha256(settings_file.read_bytes()).hexdigest().encode())
    except OSError:
        pass  # no settings file, or an unreadable one (already reported as E104)
    if not any(f.objects for f in fragments) and not has_errors(diags):
        diags.append(
            error(
                "E103",
                "no objects found: the spec directory has no document that describes an object",
                Origin(display_path(spec_dir), 1, 1),
            )
        )
    if has_errors(diags):
        return None, _sorted(diags)
    merged = merge(fragments, settings)
    diags += merged.diagnostics
    spec, d = resolve(merged, tuple(inputs), digest.hexdigest(), {**settings.names, **(names or {})})
    spec, diags = apply_overrides(spec, settings.overrides, diags + d)
    spec, d = rename_fields(spec, {**settings.field_names, **(names or {})})
    diags += d
    spec, d = reserve_field_names(spec)
    diags += d
    if not has_errors(diags):  # the final safety check; reconcile/naming has reported name errors
        diags += check_spec_names(spec)
    diags += check_unicode(spec)
    diags = acknowledge(diags, settings.acknowledgements)
    return (None if has_errors(diags) else spec), _sorted(diags)


def fragments_of_openapi(
    spec_dir: Path,
    settings: SpecSettings,
    fragments: list[DocFragments],
    inputs: list[str],
    digest: Any,
    diags: list[Diagnostic],
) -> None:
    """The [openapi] source's fragments appended, with its document among the inputs."""
    assert settings.openapi is not None
    where = Origin(settings.path, 1, 1)
    # read_openapi imports PyYAML and datamodel-code-generator itself, only when it is called (E141
    # when they are missing): a docs-only run does not pay for importing them
    source, d = read_openapi(settings.openapi, where, settings.aliases)
    diags += d
    if source is not None:
        fragments.append(source.fragments)
        # named as the documents are, relative to the spec directory: the output must not depend on the cwd
        rel = Path(
            os.path.relpath(os.path.abspath(settings.openapi.document), os.path.abspath(spec_dir))
        ).as_posix()
        inputs.append(rel)
        digest.update(f"{rel}\0{source.sha256}\n".encode())


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(diags))
    return sorted(unique, key=lambda d: d.sort_key())
