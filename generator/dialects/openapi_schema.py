"""An OpenAPI 3.0/3.1 (or JSON Schema) document → DocFragments, through datamodel-code-generator's parser.

The roots named in ``[openapi]`` and their closure are handed to datamodel-code-generator's
``OpenAPIParser`` (imported only here, only when a spec has an ``[openapi]`` table), which resolves
references, ``allOf``, ``nullable`` (3.0) and ``type: [.., "null"]`` / ``anyOf [X, null]`` (3.1). Its
models become claims like any page's: object models → ``ObjectFrag``; enums of several strings →
``EnumFrag``; a one-value enum or ``const`` → a constant; a ``oneOf``/``anyOf`` with a model among
its options → a named ``UnionFrag`` (the schema's own name, or owner + field for an inline one);
a union of scalars stays an inline ``UnionOf``. Inline objects and enums are named owner + field
(``FineTuningJobError``, ``FineTuningJobStatus``), the names the docs use, not the parser's
``Error``/``Status1``. Descriptions, titles and examples are read from the document itself (the
parser drops a description written inside an ``anyOf`` member), and every claim's origin is the
line of its schema, found by ``LineIndex``; ``OpenAPISource.pointers`` holds the JSON pointers.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import json
import time
import warnings
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from generator.dialects.openapi_cache import cache_key, load_entry, store_entry
from generator.dialects.openapi_discriminator import discriminator_problems, tagged_parts
from generator.dialects.openapi_document import (
    LineIndex,
    LoadedDocument,
    closure,
    load_document,
    pointer_text,
    resolve_pointer,
    select_roots,
)
from generator.dialects.openapi_types import Context, TypeReader
from generator.model.claims import (
    NULLABLE,
    REQUIRED,
    TYPE,
    Claim,
    DocFragments,
    FieldFrag,
    ObjectFrag,
    Strength,
)
from generator.model.diagnostics import Diagnostic, Origin, error, has_errors, warning
from generator.model.ir import Example, LiteralOf, TypeExpr
from generator.read.documents import display_path
from generator.read.openapi_settings import OPENAPI_DIALECT, OpenAPISettings

PARSER_MODULE = "datamodel_code_generator.parser.openapi"


@dataclass(frozen=True)
class OpenAPISource:
    """What one OpenAPI document yields: its fragments, where each object and field sits, and timings."""

    fragments: DocFragments
    pointers: dict[tuple[str, str], str] = field(default_factory=dict)  # (object, wire name or "") → pointer
    schemas: tuple[str, ...] = ()  # the closure read, in the document's order
    sha256: str = ""
    seconds: dict[str, float] = field(default_factory=dict)  # load, import, parse, convert


def read_openapi(
    settings: OpenAPISettings, where: Origin, aliases: Optional[dict[str, str]] = None
) -> tuple[Optional[OpenAPISource], list[Diagnostic]]:
    """Read the configured document's closure into fragments; ``where`` is the settings file's origin.

    ``aliases`` (the spec's [aliases]) name inline types after their owner's canonical name. A read
    of the same document with the same settings comes from the cache (``openapi_cache``).
    """
    start = time.perf_counter()
    try:
        key: Optional[str] = cache_key(
            settings.document.read_bytes(),
            (settings.roots, sorted((aliases or {}).items()), display_path(settings.document), where),
        )
    except OSError:
        key = None  # load_document reports it
    cached = load_entry(key) if key is not None else None
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], OpenAPISource):
        source, diags = cached
        return replace(source, seconds={"cache": time.perf_counter() - start}), list(diags)
    source, diags = _read_openapi(settings, where, aliases)
    if key is not None and source is not None and not has_errors(diags):
        store_entry(key, (source, diags))
    return source, diags


def _read_openapi(
    settings: OpenAPISettings, where: Origin, aliases: Optional[dict[str, str]]
) -> tuple[Optional[OpenAPISource], list[Diagnostic]]:
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    shown = display_path(settings.document)
    doc, diags = load_document(settings.document, shown)
    if doc is None:
        return None, diags
    roots, d = select_roots(doc, settings.roots, where)
    diags += d
    names, d = closure(doc, roots)
    diags += d
    seconds["load"] = time.perf_counter() - start
    if has_errors(diags) or not names:
        return None, diags
    start = time.perf_counter()
    try:
        parser_module: Any = importlib.import_module(PARSER_MODULE)
    except ImportError as exc:
        why = f"datamodel-code-generator, which is not installed ({exc}): pip install 'docmodelgen[openapi]'"
        return None, diags + [error("E141", f"[openapi] needs {why}", where)]
    seconds["import"] = time.perf_counter() - start
    start = time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            parser = parser_module.OpenAPIParser(source=_closure_document(doc, names), strict_nullable=True)
            parser.parse_raw()
    except Exception as exc:  # the parser's own errors are many classes; each is a problem of the document
        return None, diags + [error("E143", f"datamodel-code-generator cannot parse {shown}: {exc}", where)]
    diags += [warning("W378", f"datamodel-code-generator: {w.message}", where) for w in said]
    seconds["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    source = _Converter(doc, list(parser.results), names, aliases or {}).run()
    seconds["convert"] = time.perf_counter() - start
    return replace(source, seconds=seconds), diags + list(source.fragments.diagnostics)


def _closure_document(doc: LoadedDocument, names: list[str]) -> dict[str, Any]:
    """The closure alone, as an OpenAPI document the parser reads (JSON Schema's definitions moved)."""
    schemas = copy.deepcopy({n: doc.schemas[n] for n in names})
    version = str(doc.data.get("openapi", "3.1.0"))
    if doc.schemas_pointer[0] != "components":
        prefix = "#/" + "/".join(doc.schemas_pointer) + "/"
        stack: list[Any] = [schemas]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and ref.startswith(prefix):
                    node["$ref"] = "#/components/schemas/" + ref[len(prefix) :]
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    return {
        "openapi": version,
        "info": {"title": "closure", "version": "0"},
        "components": {"schemas": schemas},
    }


class _Converter:
    """The parser's models → fragments, one object at a time, inline objects named as they are met."""

    def __init__(
        self, doc: LoadedDocument, results: list[Any], names: list[str], aliases: dict[str, str]
    ) -> None:
        self.doc = doc
        self.lines = LineIndex(doc)
        self.names = names
        self.types = TypeReader(results, doc.schemas_pointer, set(doc.schemas), aliases)
        self.pointers: dict[tuple[str, str], str] = {}

    def run(self) -> OpenAPISource:
        objects: list[ObjectFrag] = []
        for name in self.names:
            self.types.component(name)
        done: set[str] = set()
        while True:
            pending = [(n, m) for n, m in self.types.objects.items() if n not in done]
            if not pending:
                break
            for name, (model, pointer) in pending:
                done.add(name)
                objects.append(self._object(name, model, pointer))
        objects = _with_constants(objects)
        taken = {o.name for o in objects} | {e.name for e, _ in self.types.enum_frags()}
        taken |= {u.name for u, _ in self.types.union_frags()}
        union_frags = tagged_parts(self.types.union_frags(), objects, taken)
        unions = [replace(u, origin=self.lines.origin(p)) for u, p in union_frags]
        enums = [replace(e, origin=self.lines.origin(p)) for e, p in self.types.enum_frags()]
        for name, pointer in [(u.name, p) for u, p in union_frags] + [
            (e.name, p) for e, p in self.types.enum_frags()
        ]:
            self.pointers[(name, "")] = pointer_text(pointer)
        found = self.types.diagnostics + discriminator_problems(
            self.doc.data, self.types.union_frags(), objects
        )
        diags = tuple(replace(d, origin=self.lines.origin(p)) for d, p in found)
        frags = DocFragments(
            self.doc.path, OPENAPI_DIALECT, tuple(objects), tuple(enums), diags, tuple(unions)
        )
        digest = hashlib.sha256(self.doc.text.encode("utf-8")).hexdigest()
        return OpenAPISource(frags, self.pointers, tuple(self.names), digest)

    def _object(self, name: str, model: Any, pointer: tuple[str, ...]) -> ObjectFrag:
        raw = resolve_pointer(self.doc.data, pointer)
        self.pointers[(name, "")] = pointer_text(pointer)
        fields = []
        for f in model.iter_all_fields():
            wire = str(f.original_name or f.name)
            at = (*pointer, "properties", wire)
            if (
                resolve_pointer(self.doc.data, at) is None
            ):  # inherited through allOf: where the parser found it
                at = _declared_at(self.doc, pointer, wire) or at
            t, nullable = self.types.read(f.data_type, Context(name, wire, at))
            origin = self.lines.origin(at)
            self.pointers[(name, wire)] = pointer_text(at)
            claims = (
                Claim(TYPE, t, Strength.TABLE, origin, OPENAPI_DIALECT),
                Claim(REQUIRED, bool(f.required), Strength.TABLE, origin, OPENAPI_DIALECT),
                Claim(NULLABLE, nullable or bool(f.nullable), Strength.TABLE, origin, OPENAPI_DIALECT),
            )
            prop = resolve_pointer(self.doc.data, at)
            fields.append(
                FieldFrag(
                    wire,
                    origin,
                    claims,
                    description=_with_schema_facts(
                        _with_known_values(_description(prop), self.types.known_values.get(at)), prop, t
                    ),
                    deprecated=bool(isinstance(prop, dict) and prop.get("deprecated"))
                    or _extra(f, "deprecated"),
                )
            )
        return ObjectFrag(
            name,
            self.lines.origin(pointer),
            OPENAPI_DIALECT,
            tuple(fields),
            description=_description(raw),
            examples=tuple(self._examples(raw, pointer)),
        )

    def _examples(self, raw: Any, pointer: tuple[str, ...]) -> list[Example]:
        if not isinstance(raw, dict):
            return []
        found: list[tuple[Any, tuple[str, ...]]] = []
        if isinstance(raw.get("example"), dict):
            found.append((raw["example"], (*pointer, "example")))
        if isinstance(raw.get("examples"), list):
            found += [
                (v, (*pointer, "examples", str(i)))
                for i, v in enumerate(raw["examples"])
                if isinstance(v, dict)
            ]
        meta = raw.get("x-oaiMeta")
        text = meta.get("example") if isinstance(meta, dict) else None
        if isinstance(text, str):
            at = (*pointer, "x-oaiMeta", "example")
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                self.types.diagnostics.append((_w375(pointer_text(at), exc.msg), at))
            else:
                if isinstance(value, dict):
                    found.append((value, at))
        return [Example(v, self.lines.origin(at)) for v, at in found]


def _w375(where: str, why: str) -> Diagnostic:
    return warning("W375", f"example at {where} is not JSON ({why}); not used")


def _declared_at(doc: LoadedDocument, pointer: tuple[str, ...], wire: str) -> Optional[tuple[str, ...]]:
    """Where an ``allOf`` part of the schema at ``pointer`` declares ``wire`` (following local refs)."""
    raw = resolve_pointer(doc.data, pointer)
    parts = raw.get("allOf") if isinstance(raw, dict) else None
    for i, part in enumerate(parts if isinstance(parts, list) else []):
        at: tuple[str, ...] = (*pointer, "allOf", str(i))
        if isinstance(part, dict) and isinstance(part.get("$ref"), str) and part["$ref"].startswith("#/"):
            at = tuple(part["$ref"][2:].split("/"))
            part = resolve_pointer(doc.data, at)
        if isinstance(part, dict) and isinstance(part.get("properties"), dict) and wire in part["properties"]:
            return (*at, "properties", wire)
        deeper = _declared_at(doc, at, wire) if isinstance(part, dict) and "allOf" in part else None
        if deeper:
            return deeper
    return None


def _description(raw: Any) -> str:
    """A schema's description, or the first one written inside its anyOf/oneOf options (3.1 style)."""
    if not isinstance(raw, dict):
        return ""
    text = raw.get("description")
    if isinstance(text, str) and text.strip():
        return " ".join(text.split())
    for key in ("anyOf", "oneOf"):
        for option in raw.get(key) or []:
            if isinstance(option, dict) and option.get("type") != "null" and "$ref" not in option:
                inner = _description(option)
                if inner:
                    return inner
    return ""


def _with_known_values(description: str, values: Optional[tuple[str, ...]]) -> str:
    """An open string's named values (``anyOf [string, enum]``) said after its description."""
    if not values:
        return description
    said = "Known values: " + ", ".join(f"`{v}`" for v in values) + " (any other string is accepted)."
    return f"{description} {said}" if description else said


def _with_schema_facts(description: str, prop: Any, t: TypeExpr) -> str:
    """The property's ``default`` and ``format`` said after its description (a constant's default,
    its only value, is not said)."""
    facts: list[str] = []
    if isinstance(prop, dict):
        constant = isinstance(t, LiteralOf) and len(t.values) == 1
        if "default" in prop and not constant:
            value = prop["default"]
            facts.append(f"Default: `{value if isinstance(value, str) else json.dumps(value)}`.")
        formats = [prop.get("format")] + [o.get("format") for o in _options(prop)]
        found = next((f for f in formats if isinstance(f, str) and f), None)
        if found:
            facts.append(f"Format: `{found}`.")
    return " ".join([description, *facts]) if description and facts else description or " ".join(facts)


def _options(prop: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for key in ("anyOf", "oneOf") for o in prop.get(key) or [] if isinstance(o, dict)]


def _extra(f: Any, key: str) -> bool:
    extras = getattr(f, "extras", None) or {}
    value = extras.get(key)
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _with_constants(objects: list[ObjectFrag]) -> list[ObjectFrag]:
    """An ``object`` constant identifies an object only when no other schema of the closure shares it."""
    constants: dict[str, list[int]] = {}
    for i, o in enumerate(objects):
        value = _object_constant(o)
        if value is not None:
            constants.setdefault(value, []).append(i)
    out = list(objects)
    for value, where in constants.items():
        if len(where) == 1:
            out[where[0]] = replace(out[where[0]], constant=value)
    return out


def _object_constant(o: ObjectFrag) -> Optional[str]:
    for f in o.fields:
        if f.wire_name == "object":
            for c in f.claims:
                if c.attr == TYPE and isinstance(c.value, LiteralOf) and len(c.value.values) == 1:
                    value = c.value.values[0]
                    return value if isinstance(value, str) else None
    return None
