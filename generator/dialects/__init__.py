"""One module per documentation dialect.

Each module offers ``NAME`` (the dialect's name), ``detect(text, blocks) -> bool`` (does this
document look like this dialect) and ``parse(path, text, blocks) -> DocFragments``. Detection
tries the dialects in ``DIALECTS`` order; the first that claims a document parses it.
"""

from __future__ import annotations

from types import ModuleType

from generator.dialects import openai_reference, openapi_generator, plain_text, speakeasy
from generator.model.claims import DocFragments
from generator.model.diagnostics import Origin, error
from generator.read.documents import SourceDoc
from generator.read.markdown import parse_blocks

DIALECTS: tuple[ModuleType, ...] = (openapi_generator, speakeasy, openai_reference, plain_text)

__all__ = ["DIALECTS", "parse_document", "openai_reference", "openapi_generator", "plain_text", "speakeasy"]


def parse_document(doc: SourceDoc) -> DocFragments:
    blocks = parse_blocks(doc.text, doc.path)
    for dialect in DIALECTS:
        if dialect.detect(doc.text, blocks):
            result: DocFragments = dialect.parse(doc.path, doc.text, blocks)
            return result
    return DocFragments(
        doc.path,
        "unknown",
        diagnostics=(
            error(
                "E102",
                "document is in no known dialect (expected an OpenAI reference, openapi-generator, "
                "Speakeasy or scraped plain-text page)",
                Origin(doc.path, 1, 1),
            ),
        ),
    )
