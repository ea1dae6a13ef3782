"""The reference pages written from the code: docs/reference/settings.md and diagnostics.md.

    python -m generator.cli.refdocs            # rewrite both pages
    python -m generator.cli.refdocs --check    # exit 1 when a page is not what the code gives

The keys, defaults and codes come from the modules that read and emit them (cli/config.py,
read/spec_settings.py, model/diagnostics.py); the explanations and examples are kept here, beside
the lists they explain. A code or key with no explanation here is written as "not documented
yet", so the pages can be rewritten after any merge; tests/test_refdocs.py fails until it is.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path

from generator.cli.config import KEYS, TARGETS, Config
from generator.emit.options import UNKNOWN_KEY_POLICIES
from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.model.diagnostics import CODES
from generator.read.spec_settings import (
    ACK_KEYS,
    ATTRS,
    DEFAULT_PRECEDENCE,
    DIALECT_NAMES,
    OVERRIDE_KEYS,
    TABLES,
)

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = ("docs/reference/settings.md", "docs/reference/diagnostics.md")
UNDOCUMENTED = "not documented yet (add it to generator/cli/refdocs.py)"
HEAD = "<!-- Written by `python -m generator.cli.refdocs` from the code; do not edit by hand. -->\n\n"

PYPROJECT_KEYS = {
    "spec": "folder of the documents to read, relative to the pyproject.toml",
    "out": "folder the generated package is written to",
    "styles": f"the styles to write, a list of {', '.join(STYLES)}",
    "target_python": f"the oldest Python the output must run on, black's target: {', '.join(TARGETS)}",
    "unknown_keys": f"what models do with keys the spec does not know: {', '.join(UNKNOWN_KEY_POLICIES)}",
    "enums": "open (an enum keeps values it does not know) or closed (rejects them)",
    "names": 'a table `"Model.wire_key" = "python_name"` for attribute names the derived one does not suit',
}

SPEC_TABLES = {
    "aliases": '`OtherName = "Canonical"`: two names for one object; their pages are merged (note W306)',
    "precedence": "per attribute, the dialects in the order they are believed when sources disagree",
    "names": '`Name = "ClassName"` or `"Model.wire_key" = "python_name"`: a class or field name where the '
    "derived one does not suit (see W316, W317)",
    "exclude": '`exclude = ["*Api.md", "drafts/*"]`: glob patterns of pages, relative to the spec folder, '
    "not to read (note N111)",
    "openapi": '`document = "openai-openapi.yaml"`, `roots = ["FineTuningJob*"]`: an OpenAPI document as '
    "one more source; only the roots and the schemas they reference are read",
    "acknowledge": "`[[acknowledge]]` entries: a warning or note accepted with a reason "
    "(counted, listed only with -v, not a failure under --strict)",
    "overrides": '`"Model.wire_key" = { ... }`: set a field\'s required, nullable or type, with a reason '
    "(note W341)",
}
SUBKEYS = {
    "code": 'the code to accept, e.g. "W301" (errors cannot be accepted)',
    "object": "only diagnostics about this object (optional)",
    "field": "only about this field of `object` (optional)",
    "reason": "why (required); shown with -v",
    "required": "true: the key is always present; false: it may be absent",
    "nullable": "true: the value may be null",
    "type": "in `modelgen inspect`'s notation: `int`, `list[Foo]`, `dict[str, Any]`, `str | int`, `Literal['a']`",
}

# code → (an example as modelgen prints it, how to fix it)
DIAGNOSTICS: dict[str, tuple[str, str]] = {
    "E101": (
        "spec/widget.md:4:7: error[E101]: not UTF-8: byte 0xe9 at offset 61 cannot be decoded",
        "Save the file as UTF-8, or move files that are not documentation out of the spec folder.",
    ),
    "E102": (
        "spec/notes.md:1:1: error[E102]: document is in no known dialect (expected an OpenAI reference, "
        "openapi-generator, Speakeasy or scraped plain-text page)",
        "Move the file out of the spec folder, or check that its field table has one of the headers "
        "the dialects read (see README: Dialects).",
    ),
    "E103": (
        "spec:1:1: error[E103]: no objects found: the spec directory has no document that describes an object",
        "Point --spec (or [tool.modelgen] spec) at the folder of the documents.",
    ),
    "E104": (
        "spec/modelgen.toml:1:1: error[E104]: unknown setting 'colours' (known: aliases, precedence, …)",
        "Fix the named key or value in spec/modelgen.toml; docs/reference/settings.md lists them.",
    ),
    "E105": (
        "spec/widget.md:8:1: error[E105]: table row does not have 4 cells",
        "Repair the row or example at that line (a missing `|`, an unescaped `|` in a cell, broken JSON).",
    ),
    "E140": (
        "spec/openai-openapi.yaml:812:5: error[E140]: not YAML: could not find expected ':'",
        "Repair the document at that line, or point [openapi] document at the right file "
        "(it needs components/schemas, definitions or $defs).",
    ),
    "E141": (
        "spec/modelgen.toml:1:1: error[E141]: [openapi] needs datamodel-code-generator, which is not installed "
        "(No module named 'datamodel_code_generator'): pip install 'docmodelgen[openapi]'",
        "Install the extra: pip install 'docmodelgen[openapi]'; or remove the [openapi] table from "
        "spec/modelgen.toml.",
    ),
    "E142": (
        "spec/openai-openapi.yaml:2214:19: error[E142]: $ref '#/components/schemas/Grader' at "
        "#/components/schemas/FineTuningJob/properties/grader: a schema the document does not define",
        "Fix the $ref's name in the document, or use a newer copy of the document that defines the schema.",
    ),
    "E143": (
        "spec/modelgen.toml:1:1: error[E143]: datamodel-code-generator cannot parse spec/openai-openapi.yaml: …",
        "Fix the schema the parser names, or narrow [openapi] roots so that the schema is not read.",
    ),
    "E201": (
        "spec/widget.md:9:14: error[E201]: unknown type notation 'strnig' (did you mean 'string'?)",
        "Correct the type cell, or override the field's type in spec/modelgen.toml.",
    ),
    "E202": (
        "spec/job.md:9:1: error[E202]: Job.widget: no document defines type 'Widgt' (did you mean 'Widget'?)",
        "Add the page that defines the type, fix the name, or declare an alias in spec/modelgen.toml.",
    ),
    "E203": (
        "spec/widget.md:10:1: error[E203]: duplicate parameter 'id'",
        "Remove the second row of the field from the document.",
    ),
    "E204": (
        "spec/widget.md:1:1: error[E204]: Widget: sources give different object constants ['gizmo', 'widget']",
        "Check that the pages describe one object; if not, rename one; if so, fix the wrong page.",
    ),
    "E205": (
        "spec/widget.md:8:1: error[E205]: Widget: fields 'a-b' and 'a_b' both become 'a_b'",
        'Give one of them its own Python name in [tool.modelgen.names] ("Widget.a-b" = "a_dash_b").',
    ),
    "E206": (
        "spec/v1/widget.md:1:1: error[E206]: Widget: pages in different folders disagree "
        "(spec/v1/widget.md, spec/v2/widget.md); rename one",
        "Rename one page's object, leave the stale folder out with an `exclude` pattern, or declare an alias "
        "if they are one object.",
    ),
    "E230": (
        "spec/modelgen.toml:31:1: error[E230]: override 'FineTuningJob.eror': FineTuningJob has no field 'eror' (…)",
        "Name the object and its wire key as `modelgen inspect` shows them.",
    ),
    "E231": (
        "spec/modelgen.toml:31:1: error[E231]: override 'Job.seed': no object or enum is named 'Widget' (…)",
        "Write the type as `modelgen inspect` prints types: int, str, list[Foo], dict[str, Any], a | b.",
    ),
    "W301": (
        "spec/000_….txt:6:17: warning[W301]: FineTuningJob: field 'id': spec/001_….txt:9 says required=True, "
        "spec/000_….txt:6 says required=False; keeping True (openapi-generator ranks first)",
        "Nothing, if the kept value is right ([[acknowledge]] it with the reason); else reorder "
        "[precedence] required, or override the field.",
    ),
    "W302": (
        "spec/openaifile.md:10:88: warning[W302]: OpenAIFile: field 'bytes': spec/file_object.md:9 says int, "
        "spec/openaifile.md:10 says number (int or float); keeping int (more precise)",
        "Acknowledge it if the kept type is right; else override the field's type.",
    ),
    "W303": (
        "spec/a.md:8:1: warning[W303]: Job: field 'x': spec/b.md:9 says nullable=True, spec/a.md:8 says "
        "nullable=False; keeping True (openai-reference ranks first)",
        "Acknowledge it, reorder [precedence] nullable, or override the field's nullable.",
    ),
    "W304": (
        "spec/001_….txt:11:1: warning[W304]: FineTuningJob.error is nullable, but in openapi-generator it says "
        "nothing of null",
        "Acknowledge it when the dialect cannot say null (most write it only in prose); else override.",
    ),
    "W305": (
        "spec/001_….txt:26:1: note[W305]: FineTuningJob.method is described only by spec/001_….txt (not by …)",
        "Usually nothing: a newer field that older pages lack. Acknowledge it to keep the output quiet.",
    ),
    "W306": (
        "spec/file_object.md:1:1: note[W306]: 'File' is merged into OpenAIFile by a declared alias",
        "Nothing: it reports an [aliases] entry at work.",
    ),
    "W307": (
        "spec/000_….txt:26:1: warning[W307]: example of FineTuningJob does not fit: error: required key is missing",
        "Fix the example, or settle the field with an override (required = false) if the example is right.",
    ),
    "W308": (
        "spec/003_….txt:9:1: warning[W308]: description matches no key of the example: 'For fine-tuning jobs…'",
        "Scraped text only: add the key to the example, or acknowledge it if the example omits it on purpose.",
    ),
    "W309": (
        "spec/b.md:12:1: warning[W309]: enum Status: spec/a.md:5 lists ['queued', 'running'], "
        "spec/b.md:12 lists ['queued', 'running', 'failed']; keeping all 3 values",
        "Check which page is current; acknowledge the difference or fix the stale page.",
    ),
    "W310": (
        "spec/file_object.md:1:1: note[W310]: File, OpenAIFile share the object constant 'file' and stay "
        "distinct models; if they are one object, declare an alias in modelgen.toml [aliases]",
        'If they are one object, declare it in [aliases] (`File = "OpenAIFile"`); else acknowledge it.',
    ),
    "W311": (
        "spec/v1/widget.md:1:1: warning[W311]: Widget: the pages in different folders describe different "
        "objects (spec/v1/widget.md, spec/v2/widget.md); the one in v1/ is V1Widget",
        "Acknowledge it if both versions are wanted; else leave one folder out with an `exclude` pattern "
        '(`exclude = ["v1/*"]`).',
    ),
    "W312": (
        "spec/job.md:1:1: warning[W312]: spec/job.md: a reference to Widget could mean V1Widget, V2Widget; "
        "taking V1Widget (the first by folder name)",
        "Move the referring page into the folder of the object it means, or exclude the folder it does not "
        "mean.",
    ),
    "W313": (
        "spec/b.md:3:1: warning[W313]: union Content: spec/a.md:3 lists str | TextPart, spec/b.md:3 lists "
        "str | TextPart | ImagePart; keeping str | TextPart | ImagePart",
        "Check which page is current; acknowledge the difference or fix the stale page.",
    ),
    "W314": (
        "spec/metadata.md:1:1: warning[W314]: Metadata has no fields (its table is empty): read as a "
        "free-form object, dict[str, Any], wherever it is used",
        "Acknowledge it if the object really is free-form; else add its field table to the document.",
    ),
    "W315": (
        "spec/ChatContent.md:1:1: warning[W315]: ChatContent is described as a union "
        "(spec/ChatContent.md:3) and as an object; keeping the union",
        "Usually nothing (an openapi-generator oneOf page): acknowledge it.",
    ),
    "W316": (
        "spec/exception.md:1:1: warning[W316]: object name 'Exception' is a Python builtin: it is "
        'ExceptionModel in the generated code (name it with [names] Exception = "..." in modelgen.toml)',
        'Choose the class name in [names] (`Exception = "ApiException"`), or acknowledge the rename.',
    ),
    "W317": (
        "spec/widget.md:9:1: warning[W317]: Widget: fields 'a_b' and 'a-b' both become 'a_b'; 'a-b' is "
        '\'a_b_2\' (name it with [names] "Widget.a-b" = "..." in modelgen.toml)',
        'Give the field its own Python name in [names] (`"Widget.a-b" = "a_dash_b"`).',
    ),
    "W110": (
        "spec/docs/Content.md:1:1: warning[W110]: Content: the page has an empty properties table "
        "(openapi-generator's page for a oneOf/anyOf of non-objects, or an enum whose values it does not "
        "list); its members are not documented, so any JSON value is accepted",
        "Override the fields that use it with a precise type, or acknowledge it if any value is fine.",
    ),
    "W111": (
        "spec/widget.md:12:1: warning[W111]: table row has 5 cells, the header has 4: an unescaped '|' in "
        "the description, joined back into it",
        "Escape the `|` in the description as `\\|`, or acknowledge it if the row reads right.",
    ),
    "W112": (
        "spec/docs/Widget.md:9:1: warning[W112]: field 'var_return' read as wire name 'return': 'var_' is "
        "taken for the generator's escape of a reserved or digit-led name (a guess; the page does not print "
        "the wire name, which may differ, e.g. '123-list')",
        "Check the wire name against the API; acknowledge it if right, else fix the field name in the page.",
    ),
    "W113": (
        "spec/widget.md:9:14: warning[W113]: type 'List[Optional[str]]' of 'tags' lets items inside a list "
        "or map be null; read as items that are never null (a null item will be rejected)",
        "Acknowledge it if the API never sends a null item; else override the field's type.",
    ),
    "W114": (
        "spec/models/content.md:7:5: warning[W114]: Content: member 'Stream<Chunk>' is not a JSON shape "
        "(unexpected '<'); read as any JSON value",
        "Acknowledge it, or override the fields that use the union with a type that says the member.",
    ),
    "N110": (
        "spec/docs/WidgetsApi.md:1:1: note[N110]: skipped: an endpoint page (API operations), not a model",
        'Nothing; to keep such pages out of the count, add an `exclude` pattern (`exclude = ["*Api.md"]`).',
    ),
    "N111": (
        "spec/modelgen.toml:1:1: note[N111]: 12 of 60 pages excluded by the settings' exclude patterns; "
        "matching no page: 'drafts/*'",
        "Nothing; remove a pattern that matches no page.",
    ),
    "E601": (
        "spec/widget.md:1:1: error[E601]: Widget: field name '\\ud800x' is not valid Unicode text "
        "(a lone surrogate)",
        "Fix the text in the document (an escaped half of a surrogate pair, often in JSON `\\ud800`).",
    ),
    "W601": (
        "spec/widget.md:9:1: note[W601]: Widget: field 'json' is 'json_' in Python: 'json' is a name the "
        "generated modules use",
        'Nothing, or choose its Python name in [names] (`"Widget.json" = "json_body"`).',
    ),
    "W340": (
        "spec/modelgen.toml:40:1: warning[W340]: acknowledgement of W309 for Job matches no diagnostic",
        "Remove the [[acknowledge]] entry: what it accepted no longer happens.",
    ),
    "W341": (
        "spec/modelgen.toml:31:1: note[W341]: FineTuningJob.error overridden in the spec settings: "
        "required True → False; reason: …",
        "Nothing: it reports an override at work, so that it is never silent.",
    ),
    "W370": (
        "spec/modelgen.toml:1:1: warning[W370]: [openapi] root 'finetuningjob' matches no schema of "
        "spec/openai-openapi.yaml (case differs: FineTuningJob)",
        "Fix the pattern in [openapi] roots (names and patterns are case-sensitive).",
    ),
    "W371": (
        "spec/openai-openapi.yaml:3021:15: warning[W371]: $ref 'common.yaml#/Error' at "
        "#/components/schemas/Job/properties/error: not followed",
        "Copy the referenced schema into the document's components/schemas, or acknowledge it "
        "(the field is read as any JSON value).",
    ),
    "W372": (
        "spec/openai-openapi.yaml:2230:11: warning[W372]: FineTuningJobMethod is taken; the inline type at "
        "this place is named FineTuningJobMethod2",
        'Name the class in [names] (`FineTuningJobMethod2 = "MethodSettings"`), or acknowledge it.',
    ),
    "W373": (
        "spec/openai-openapi.yaml:2240:11: warning[W373]: Server.subnet: type 'IPv4Network' is read "
        "as any JSON value",
        "Override the field's type in spec/modelgen.toml, or acknowledge it if any value is fine.",
    ),
    "W374": (
        "spec/openai-openapi.yaml:2251:13: warning[W374]: FineTuningJob.result_files: null inside an item "
        "is not kept (only a field may be null)",
        "Acknowledge it if the API never sends a null item; else override the field's type.",
    ),
    "W375": (
        "spec/openai-openapi.yaml:2302:9: warning[W375]: example at "
        "#/components/schemas/FineTuningJob/x-oaiMeta/example is not JSON (Expecting value); not used",
        "Fix the example in the document, or acknowledge it.",
    ),
    "W376": (
        "spec/modelgen.toml:1:1: warning[W376]: [precedence] required does not name 'openapi': the OpenAPI "
        "document ranks last for required",
        "Add `openapi` to that [precedence] list where you believe it.",
    ),
    "W377": (
        "spec/openai-openapi.yaml:4410:9: warning[W377]: union Grader: the document's discriminator 'type' "
        "is 'python' in both PythonGrader and ScoreModelGrader",
        "Acknowledge it if the members differ by other keys; else fix the document's discriminator mapping.",
    ),
    "W378": (
        "spec/modelgen.toml:1:1: warning[W378]: datamodel-code-generator: …",
        "Read the parser's message; fix the document or acknowledge it.",
    ),
    "W501": (
        "spec/a.md:8:1: warning[W501]: Job.x is a union of two object-like options, which msgspec cannot tell "
        "apart untagged: msgspec_models.py is not written",
        "Leave msgspec out of the styles, or override the field's type to one msgspec can represent.",
    ),
    "W502": (
        "spec/openai-openapi.yaml:4410:9: warning[W502]: Grader: its member PythonGrader is also used on its "
        "own (a tagged Struct reads a document without the tag): msgspec_models.py is not written",
        "Leave msgspec out of the styles, or acknowledge it if the other styles are enough.",
    ),
}


def settings_page() -> str:
    defaults = Config()
    lines = [
        HEAD + "# Settings",
        "",
        "modelgen reads two settings files. Command-line flags win over both.",
        "",
    ]
    lines += ["## `[tool.modelgen]` in pyproject.toml", ""]
    lines += [
        "Found in the nearest pyproject.toml at or above the working directory that has the table; "
        "paths are relative to that file. An unknown key is a usage error (exit 2).",
        "",
        "| key | default | meaning |",
        "| --- | --- | --- |",
    ]
    for key in KEYS:
        default = getattr(defaults, key, None)
        shown = _default(default)
        lines.append(f"| `{key}` | {shown} | {PYPROJECT_KEYS.get(key, UNDOCUMENTED)} |")
    lines += ["", "## spec/modelgen.toml (in the spec folder)", ""]
    lines += [
        "Settles what the documents cannot; every entry should say why in a comment. An unknown table "
        "or key is error E104.",
        "",
        "| table | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| `[{t}]` | {SPEC_TABLES.get(t, UNDOCUMENTED)} |" for t in TABLES]
    lines += ["", f"Dialects: {', '.join(f'`{d}`' for d in DIALECT_NAMES)}. Default `[precedence]`:", ""]
    lines += [f"- `{attr} = {list(DEFAULT_PRECEDENCE[attr])}`" for attr in ATTRS]
    for title, keys in (("[[acknowledge]]", ACK_KEYS), ('[overrides] "Model.wire_key"', OVERRIDE_KEYS)):
        lines += ["", f"Keys of `{title}`:", ""]
        lines += [f"- `{k}`: {SUBKEYS.get(k, UNDOCUMENTED)}" for k in keys]
    lines += ["", "Example (the shipped spec/modelgen.toml has more, each with its reason):", "", "```toml"]
    lines += [
        "[overrides]",
        '"FineTuningJob.error" = { required = false, reason = "the vendor\'s own example omits it" }',
        "",
        "[[acknowledge]]",
        'code = "W302"',
        'object = "OpenAIFile"',
        'reason = "Speakeasy\'s `number` cannot tell int from float"',
        "```",
    ]
    return "\n".join(lines) + "\n"


def _default(value: object) -> str:
    if isinstance(value, Path):
        return f"`{value.as_posix()}`"
    if isinstance(value, tuple) and value and all(isinstance(v, int) for v in value):
        return "`" + ".".join(map(str, value)) + "`"
    if isinstance(value, tuple):
        return "all: " + ", ".join(f"`{v}`" for v in value)
    if isinstance(value, dict):
        return "none"
    if isinstance(value, enum.Enum):
        return f"`{value.value}`"
    return f"`{value}`"


def diagnostics_page() -> str:
    lines = [HEAD + "# Diagnostics", ""]
    lines += [
        "Every diagnostic is printed as `path:line:column: severity[CODE]: message`. Errors stop the run "
        "(exit 1) and are always printed; warnings and notes are counted in one line and listed with `-v`; "
        "`--strict` fails on warnings that spec/modelgen.toml does not acknowledge.",
        "",
    ]
    for code, meaning in CODES.items():
        example, fix = DIAGNOSTICS.get(code, ("", UNDOCUMENTED))
        lines += [f"## {code}: {meaning}", ""]
        if example:
            lines += ["```", example, "```", ""]
        lines += [f"Fix: {fix}", ""]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    return dict(zip(PAGES, (settings_page(), diagnostics_page()), strict=True))


def main(argv: list[str]) -> int:
    stale = []
    for rel, text in pages().items():
        path = ROOT / rel
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(rel)
        if "--check" not in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "stale" if "--check" in argv else "written"
    for rel in stale:
        print(f"{rel}: {verb}")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
