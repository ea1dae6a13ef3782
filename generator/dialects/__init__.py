"""One module per documentation dialect.

Each module offers ``NAME`` (the dialect's name), ``detect(text, blocks) -> bool`` (does this
document look like this dialect) and ``parse(path, text, blocks) -> DocFragments``. Detection
tries the dialects in ``DIALECTS`` order; the first that claims a document parses it.
"""

from __future__ import annotations

from types import ModuleType

from generator.dialects import openai_reference, openapi_generator, plain_text, speakeasy

DIALECTS: tuple[ModuleType, ...] = (openapi_generator, speakeasy, openai_reference, plain_text)

__all__ = ["DIALECTS", "openai_reference", "openapi_generator", "plain_text", "speakeasy"]
