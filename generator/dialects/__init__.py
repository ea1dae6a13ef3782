"""One module per documentation dialect, and the registry that picks one for each document.

Each dialect module offers ``NAME``, ``detect(text, blocks) -> bool`` and
``parse(path, text, blocks) -> DocFragments``; ``DIALECTS`` holds them in detection order
(``registry.Dialect`` records). Add a dialect with ``DIALECTS.register(Dialect(...))``.
"""

from __future__ import annotations

from generator.dialects import not_models, openai_reference, openapi_generator, plain_text, speakeasy
from generator.dialects.registry import Dialect, DialectRegistry
from generator.model.claims import DocFragments
from generator.model.diagnostics import Origin, error
from generator.read.documents import SourceDoc
from generator.read.markdown import parse_blocks

DIALECTS = DialectRegistry(
    tuple(
        Dialect(module.NAME, module.detect, module.parse)
        for module in (not_models, openapi_generator, speakeasy, openai_reference, plain_text)
    )
)

__all__ = [
    "DIALECTS",
    "Dialect",
    "DialectRegistry",
    "parse_document",
    "not_models",
    "openai_reference",
    "openapi_generator",
    "plain_text",
    "speakeasy",
]


def parse_document(doc: SourceDoc) -> DocFragments:
    blocks = parse_blocks(doc.text, doc.path)
    dialect = DIALECTS.find(doc.text, blocks)
    if dialect is not None:
        return dialect.parse(doc.path, doc.text, blocks)
    known = ", ".join(n for n in DIALECTS.names() if n != not_models.NAME)
    return DocFragments(
        doc.path,
        "unknown",
        diagnostics=(
            error("E102", f"document is in no known dialect (known: {known})", Origin(doc.path, 1, 1)),
        ),
    )
