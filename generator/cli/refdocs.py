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
    "W340": (
        "spec/modelgen.toml:40:1: warning[W340]: acknowledgement of W309 for Job matches no diagnostic",
        "Remove the [[acknowledge]] entry: what it accepted no longer happens.",
    ),
    "W341": (
        "spec/modelgen.toml:31:1: note[W341]: FineTuningJob.error overridden in the spec settings: "
        "required True → False; reason: …",
        "Nothing: it reports an override at work, so that it is never silent.",
    ),
    "W501": (
        "spec/a.md:8:1: warning[W501]: Job.x is a union that holds models in two ways: msgspec_models.py is "
        "not written",
        "Leave msgspec out of the styles, or override the field's type to one msgspec can represent.",
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
