"""Pages that describe no model: recognised by their structure and skipped with a note.

A documentation folder holds more than model pages. Generators write, beside them:

- endpoint pages (openapi-generator ``docs/FooApi.md``): a ``# package.FooApi`` title, then
  ``All URIs are relative to …`` and/or a ``Method | HTTP request | Description`` table, then one
  ``# **operation**`` section per operation with ``### Parameters`` / ``### Return type``;
- SDK operation pages (Speakeasy ``docs/sdks/<tag>/README.md``): ``### Available Operations``,
  per operation ``### Parameters``, ``### Response`` and ``### Errors``;
- README pages: ``## Documentation for API Endpoints`` / ``## Documentation For Models``
  (openapi-generator), ``## SDK Installation`` or the ``<!-- Start … [section] -->`` markers
  Speakeasy writes in README.md and USAGE.md, ``## Installation`` with ``## Usage`` or
  ``## Getting Started``.

Detection looks at headings, tables and sentences, never at the file name alone. A page with a
model table of a known dialect is never claimed here (it is checked first).
"""

from __future__ import annotations

import re

from generator.model.claims import DocFragments
from generator.model.diagnostics import Origin, note
from generator.read.markdown import Block, Heading, Paragraph, Table

NAME = "not-a-model"

_API_TITLE = re.compile(r"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*Api$")
_OPERATIONS_HEADER = ("method", "http request", "description")
_README_HEADINGS = frozenset(
    {"documentation for api endpoints", "documentation for models", "sdk installation", "sdk example usage"}
)
# Speakeasy marks the sections it writes in README.md / USAGE.md: <!-- Start SDK Example Usage [usage] -->
_SPEAKEASY_MARKER = re.compile(r"<!-- (?:Start|End) [^>]*\[[\w-]+\] -->")
_MODEL_HEADINGS = frozenset({"properties", "fields", "values", "supported types", "enum"})


def _headings(blocks: list[Block]) -> list[Heading]:
    return [b for b in blocks if isinstance(b, Heading)]


def _endpoint_page(blocks: list[Block]) -> bool:
    heads = _headings(blocks)
    if not heads or heads[0].level != 1 or not _API_TITLE.match(heads[0].text.strip()):
        return False
    relative = any(isinstance(b, Paragraph) and b.text.startswith("All URIs are relative to") for b in blocks)
    operations = any(
        isinstance(b, Table) and tuple(c.text.strip().lower() for c in b.header)[:3] == _OPERATIONS_HEADER
        for b in blocks
    )
    return relative or operations


def _sdk_operations_page(blocks: list[Block]) -> bool:
    titles = {h.text.strip().lower() for h in _headings(blocks)}
    if titles & _MODEL_HEADINGS:
        return False
    return "available operations" in titles or {"parameters", "response", "errors"} <= titles


def _readme_page(blocks: list[Block]) -> bool:
    titles = {h.text.strip().lower() for h in _headings(blocks)}
    if titles & _MODEL_HEADINGS:
        return False
    generic = "installation" in titles and bool(titles & {"usage", "getting started"})
    speakeasy = any(isinstance(b, Paragraph) and _SPEAKEASY_MARKER.match(b.text) for b in blocks)
    return bool(titles & _README_HEADINGS) or generic or speakeasy


def _kind(blocks: list[Block]) -> str:
    if _endpoint_page(blocks):
        return "an endpoint page (API operations)"
    if _sdk_operations_page(blocks):
        return "an SDK operations page"
    if _readme_page(blocks):
        return "a README page"
    return ""


def detect(text: str, blocks: list[Block]) -> bool:
    return bool(_kind(blocks))


def parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    heads = _headings(blocks)
    origin = heads[0].origin if heads else Origin(path, 1, 1)
    message = f"skipped: {_kind(blocks)}, not a model"
    return DocFragments(path, NAME, diagnostics=(note("N110", message, origin),))
