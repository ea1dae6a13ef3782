"""Cut the closure of some root schemas out of a large OpenAPI document, each schema copied unchanged.

    python tests/openapi/extract_closure.py SOURCE_DIR OUT.yaml [--root PATTERN ...]

SOURCE_DIR holds the document (``openai-openapi.yaml``), its ``LICENSE`` and ``SOURCE.md``. OUT.yaml
gets a comment header with both (so the one file can sit in a spec folder, whose ``.md`` files are
read as documentation), then ``openapi``, ``info`` and ``components.schemas`` holding the closure's
schemas as text blocks copied from the source (indentation and all), in the source's order.
Without ``--root``, the fine-tuning surface (``FINE_TUNING_ROOTS``) is taken.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.dialects.openapi_document import LineIndex, closure, load_document, select_roots
from generator.model.diagnostics import Origin

DOCUMENT = "openai-openapi.yaml"
FINE_TUNING_ROOTS = (
    "FineTuningJob*",
    "FineTune*Method",
    "*Hyperparameters",
    "Grader*",
    "*FineTuningCheckpointPermission*",
    "CreateFineTuningJobRequest",
    "RunGrader*",
    "ValidateGrader*",
    "WebhookFineTuningJob*",
    "List*FineTuning*Response",
)


def extract(source_dir: Path, roots: tuple[str, ...]) -> tuple[str, list[str]]:
    """The closure document's text and the schema names it holds."""
    doc, diags = load_document(source_dir / DOCUMENT, DOCUMENT)
    if doc is None or doc.schemas_pointer != ("components", "schemas"):
        raise SystemExit("\n".join(str(d) for d in diags) or "the document has no components/schemas")
    chosen, d = select_roots(doc, roots, Origin("--root"))
    names, d2 = closure(doc, chosen)
    for problem in d + d2:
        print(problem, file=sys.stderr)
    lines = LineIndex(doc)
    text = doc.text.split("\n")
    blocks = []
    for name in names:
        start = lines.line(("components", "schemas", name)) - 1
        indent = len(text[start]) - len(text[start].lstrip(" "))
        end = lines._block_end(start, indent)
        while end > start + 1 and not text[end - 1].strip():
            end -= 1
        blocks.append("\n".join(text[start:end]))
    schemas_line = text[lines.line(("components", "schemas")) - 1]
    header = _header(source_dir, roots, len(names), len(doc.schemas))
    info = doc.data.get("info", {})
    body = [
        f"openapi: {doc.data.get('openapi', '3.1.0')}",
        "info:",
        f"  title: {info.get('title', 'closure')}",
        f"  version: {info.get('version', '0')}",
        "components:",
        schemas_line,
        *blocks,
    ]
    return header + "\n".join(body) + "\n", names


def _header(source_dir: Path, roots: tuple[str, ...], count: int, total: int) -> str:
    source = (source_dir / "SOURCE.md").read_text(encoding="utf-8").strip()
    license_text = (source_dir / "LICENSE").read_text(encoding="utf-8").strip()
    said = [
        f"{count} of the {total} component schemas of the document below: the closure of",
        f"roots {', '.join(roots)};",
        "each schema's text copied unchanged by tests/openapi/extract_closure.py.",
        "",
        *source.split("\n"),
        "",
        *license_text.split("\n"),
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in said)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--root", action="append", default=[])
    args = parser.parse_args(argv)
    text, names = extract(args.source_dir, tuple(args.root) or FINE_TUNING_ROOTS)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(names)} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
