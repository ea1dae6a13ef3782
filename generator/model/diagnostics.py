"""Diagnostics: every problem found in a document, with where it was found.

Printed in compiler style: ``spec/Foo.md:12:5: error[E204]: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

ERROR = "error"
WARNING = "warning"
NOTE = "note"

# Every code this tool emits, with a one-line meaning. Tests check that emitted codes are listed.
CODES = {
    # reading and dialects (E1xx)
    "E101": "file cannot be read or is not UTF-8 text",
    "E102": "file is in no known documentation dialect",
    "E103": "no objects found in the spec directory",
    "E104": "settings file is invalid",
    "E105": "malformed table or example",
    # OpenAPI source ([openapi] in modelgen.toml)
    "E140": "OpenAPI document cannot be read, is not YAML/JSON, or has no schemas",
    "E141": "an [openapi] source needs datamodel-code-generator, which is not installed",
    "E142": "$ref to a schema the OpenAPI document does not define",
    "E143": "datamodel-code-generator's parser rejected the OpenAPI document",
    # types and references (E2xx)
    "E201": "unknown type notation",
    "E202": "reference to a type that no document defines",
    "E203": "duplicate field in one document",
    "E204": "conflicting definitions that no precedence settles",
    "E205": "name cannot be made a safe identifier",
    "E206": "same-named pages in different folders disagree and cannot be named apart",
    # merge reports (W3xx): sources disagree, precedence settled it
    "W301": "sources disagree on whether a field is required",
    "W302": "sources disagree on a field's type",
    "W303": "sources disagree on whether a field is nullable",
    "W304": "a source says nothing of null where another says nullable",
    "W305": "field described by only some of an object's sources",
    "W306": "two names for one object, merged by a declared alias",
    "W307": "example does not fit the merged model",
    "W308": "description matches no key of the example",
    "W309": "enum values differ between sources",
    "W310": "objects of different names share an object constant: kept apart (an alias merges them)",
    "W311": "same-named pages in different folders disagree: one model per folder, named after it",
    "W312": "a reference to a name split by folder is ambiguous: the first by folder name is taken",
    "W313": "union members differ between sources",
    "W314": "a model with no fields: read as a free-form object (dict[str, Any])",
    "W315": "a name is both a union page and an object page: the union is kept",
    "W316": "a model, enum or union name that cannot be a class name: renamed",
    "W317": "two wire keys become one Python name: the second is renamed",
    "W318": "pages disagree on whether an enum is open: kept open",
    "W319": "a spec settings [enums] entry names no enum",
    # reading real documentation folders (E106-E119, W110-W149, N110-N149)
    "W110": "a oneOf/anyOf or enum page lists no members: any JSON value is accepted",
    "W111": "a table row has surplus cells (an unescaped |): joined into the description",
    "W112": "a Python-escaped property name read back as a wire name (a guess)",
    "W113": "a type notation that says null for items inside a list or map: items read as not null",
    "W114": "a union member notation that is not a JSON shape: read as any JSON value",
    "W115": "a type that lists some members and 'N more' it does not name: read as their scalar",
    "W116": "a description's 'one of' list contradicts the Type cell: the Type cell is kept",
    "W117": "a description says 'one of' several types but names none it can read: the Type cell is kept",
    "N110": "a page that describes no model (endpoint, SDK operations, README): skipped",
    "N111": "pages excluded by the settings' exclude patterns",
    # names and text the generated modules cannot hold as given (x6xx)
    "E601": "a name or value is not valid Unicode text (a lone surrogate)",
    "W601": "a field's Python name is one the generated modules use: renamed",
    # spec settings: acknowledgements and field overrides (W34x, E23x)
    "W340": "an acknowledgement in the spec settings matches no diagnostic",
    "W341": "a field override in the spec settings changed a field",
    "E230": "a field override names no object or field of the spec",
    "E231": "a field override's type cannot be read",
    # OpenAPI source (W37x)
    "W370": "an [openapi] root matches no schema",
    "W371": "a $ref outside the document is not followed",
    "W372": "the natural name of an inline schema is taken; another is used",
    "W373": "a schema type the OpenAPI reader cannot map, read as any JSON value",
    "W374": "null allowed inside a list or map item is not kept",
    "W375": "an example in the OpenAPI document is not JSON",
    "W376": "[precedence] does not rank the openapi source; it ranks last",
    "W377": "a union's discriminator, as the OpenAPI document states it, does not tell its members apart",
    "W378": "a warning of datamodel-code-generator's parser about the OpenAPI document",
    # output (W5xx)
    "W501": "a field key the msgspec style cannot rename a field to: msgspec_models.py is not written",
    "W502": "no longer reported: msgspec decodes a discriminated union it cannot tag by the tag itself",
}


@dataclass(frozen=True, order=True)
class Origin:
    """Where a fragment came from: path (as given, POSIX separators), 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def short(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    code: str
    message: str
    origin: Optional[Origin] = None
    # the reason a spec settings file gives for accepting this warning or note ("" when none does)
    acknowledged: str = ""

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity}[{self.code}]: {self.message}"

    def acknowledge(self, reason: str) -> Diagnostic:
        """This diagnostic, accepted for ``reason``: counted, not printed (errors are never accepted)."""
        return self if self.severity == ERROR else replace(self, acknowledged=reason)

    def sort_key(self) -> tuple[object, ...]:
        o = self.origin or Origin("", 0, 0)
        return (o.path, o.line, o.column, self.code, self.message)


def error(code: str, message: str, origin: Optional[Origin] = None) -> Diagnostic:
    return Diagnostic(ERROR, code, message, origin)


def warning(code: str, message: str, origin: Optional[Origin] = None) -> Diagnostic:
    return Diagnostic(WARNING, code, message, origin)


def note(code: str, message: str, origin: Optional[Origin] = None) -> Diagnostic:
    return Diagnostic(NOTE, code, message, origin)


def has_errors(diags: "list[Diagnostic] | tuple[Diagnostic, ...]") -> bool:
    return any(d.severity == ERROR for d in diags)


class SpecError(Exception):
    """Raised by a stage that cannot go on; carries the diagnostics that stopped it."""

    def __init__(self, diagnostics: "list[Diagnostic]") -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics
