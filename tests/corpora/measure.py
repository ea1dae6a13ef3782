"""Measure modelgen on whole documentation folders: one table, one row per corpus.

    .venv/bin/python tests/corpora/measure.py                 # every corpus in /work/shared/corpora
    .venv/bin/python tests/corpora/measure.py DIR [DIR ...]   # given corpus (or page) folders
    .venv/bin/python tests/corpora/measure.py --parse-only    # no generate / import / pytest / mypy

Columns: pages; pages accepted (model, enum and union pages, as ``rowcheck`` classifies them, read
with no error); error pages, and of them endpoint pages; models, unions and enums read (fragments);
enums the pages say are closed; warnings by code; row agreement with ``rowcheck`` (same wire name and required flag) on the
fragments and on the merged Spec (``load_spec``; "-" when it fails); distinct objects merged: the
models that pages of distinct objects fed (``objects.merges``: different names after the aliases,
or incompatible field sets; pages read independently, the page → model mapping from the resolved
Spec, or from the merge stage when the folder does not resolve); then ``modelgen generate``
into a temporary folder: exit status, wall time, peak memory (the child's max RSS), modules that
import, generated tests passed/failed and ``mypy --strict`` errors. Every miss of the row check
is listed under the table with its reason.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

import objects  # noqa: E402  (beside this file; like rowcheck, it must not import generator)
import rowcheck  # noqa: E402  (beside this file; it must not import generator)

from generator.dialects import parse_document  # noqa: E402
from generator.model.claims import REQUIRED, DocFragments, Strength  # noqa: E402
from generator.model.ir import Item, Model, Spec  # noqa: E402
from generator.pipeline import load_spec  # noqa: E402
from generator.read.documents import find_documents, read_document, select_documents  # noqa: E402
from generator.read.spec_settings import load_settings  # noqa: E402
from generator.reconcile.drafts import DraftModel  # noqa: E402
from generator.reconcile.merge import merge  # noqa: E402

# the corpora beside the clone (../shared/corpora), or MODELGEN_CORPORA
SHARED = Path(os.environ.get("MODELGEN_CORPORA", ROOT.parent / "shared" / "corpora"))
TYPED = ("model", "enum", "union")
TIMEOUT = 1800


@dataclass
class Measure:
    name: str
    pages: int = 0
    typed_pages: int = 0
    typed_accepted: int = 0
    error_pages: int = 0
    endpoint_errors: int = 0
    models: int = 0
    unions: int = 0
    enums: int = 0
    closed_enums: int = 0
    diagnostics: collections.Counter[str] = field(default_factory=collections.Counter)
    rows: int = 0
    rows_agree_fragments: int = 0
    rows_agree_spec: str = "-"
    distinct_merged: str = "-"
    misses: list[str] = field(default_factory=list)
    generate: dict[str, str] = field(default_factory=dict)


def page_folder(corpus: Path) -> Path:
    """The folder holding the pages: the corpus itself, or the sub-folder with the most pages."""
    best, count = corpus, sum(1 for _ in corpus.glob("*.md") if _.name not in ("SOURCE.md", "README.md"))
    for sub in sorted(p for p in corpus.rglob("*") if p.is_dir()):
        n = sum(1 for _ in sub.glob("*.md"))
        if n > count:
            best, count = sub, n
    return best


def _required_claims(frags: DocFragments) -> dict[str, dict[str, bool]]:
    """object name → wire name → the table's required flag."""
    found: dict[str, dict[str, bool]] = {}
    for obj in frags.objects:
        fields = found.setdefault(obj.name, {})
        for f in obj.fields:
            flags = [c.value for c in f.claims if c.attr == REQUIRED and c.strength == Strength.TABLE]
            fields[f.wire_name] = bool(flags[0]) if flags else False
    return found


def _agree(row: rowcheck.Row, fields: dict[str, bool] | None, where: str) -> str:
    """ "" when the row agrees, else why not."""
    if fields is None:
        return f"{where}: no model {row.model!r}"
    if row.wire not in fields:
        return f"{where}: {row.model}.{row.wire} is not a field (fields: {', '.join(sorted(fields)[:8])})"
    if fields[row.wire] != row.required:
        return f"{where}: {row.model}.{row.wire} required={fields[row.wire]}, the row says {row.required}"
    return ""


def read_pages(m: Measure, pages_dir: Path) -> list[tuple[Path, rowcheck.Page]]:
    checked: list[tuple[Path, rowcheck.Page]] = []
    for path in find_documents(pages_dir):
        m.pages += 1
        page = rowcheck.read_page(path)
        doc, diags = read_document(path)
        frags = parse_document(doc) if doc is not None else None
        all_diags = list(diags) + list(frags.diagnostics if frags else ())
        for d in all_diags:
            m.diagnostics[f"{d.severity}[{d.code}]"] += 1
        failed = any(d.severity == "error" for d in all_diags)
        m.error_pages += failed
        m.endpoint_errors += failed and page.kind == "endpoint"
        if page.kind in TYPED:
            m.typed_pages += 1
            m.typed_accepted += not failed
        if frags is not None:
            m.models += len(frags.objects)
            m.unions += len(frags.unions)
            m.enums += len(frags.enums)
            m.closed_enums += sum(e.open is False for e in frags.enums)
            claims = _required_claims(frags)
            for row in page.rows:
                m.rows += 1
                why = _agree(row, claims.get(row.model), path.name)
                m.rows_agree_fragments += not why
                if why:
                    m.misses.append("fragments " + why)
        checked.append((path, page))
    return checked


def spec_agreement(m: Measure, pages_dir: Path, checked: list[tuple[Path, rowcheck.Page]]) -> Optional[Spec]:
    """The row check against the resolved Spec; the Spec (None when it does not resolve)."""
    spec, diags = load_spec(pages_dir)
    if spec is None:
        errors = collections.Counter(d.code for d in diags if d.severity == "error")
        m.rows_agree_spec = "- (load_spec: " + ", ".join(f"{c} ×{n}" for c, n in sorted(errors.items())) + ")"
        return None
    agree = 0
    for path, page in checked:
        for row in page.rows:
            why = _agree(row, _spec_fields(spec, row.model), path.name)
            agree += not why
            if why:
                m.misses.append("spec " + why)
    m.rows_agree_spec = _pct(agree, m.rows)
    return spec


def fed_by(pages_dir: Path, spec: Optional[Spec]) -> tuple[dict[str, set[Path]], str]:
    """Which pages fed which model, enum or union (resolved paths), and from which stage: the
    resolved Spec's items, or, when the folder does not resolve (an undefined reference), the
    merge stage's drafts, where pages are grouped."""
    if spec is not None:
        return _origin_paths(spec.items), "spec"
    settings, _ = load_settings(pages_dir)
    paths, _ = select_documents(pages_dir, settings.exclude)
    docs = []
    for path in paths:
        doc, _ = read_document(path)
        if doc is not None:
            docs.append(parse_document(doc))
    merged = merge(docs, settings)
    return _origin_paths([*merged.models, *merged.enums, *merged.unions]), "merge"


def _origin_paths(items: Iterable[Union[Item, DraftModel]]) -> dict[str, set[Path]]:
    return {i.name: {Path(o.path).resolve() for o in i.origins if o.path} for i in items}


def distinct_objects(pages_dir: Path, spec: Optional[Spec]) -> tuple[list[objects.Merge], int, str]:
    """Models fed by pages of distinct objects (``objects.merges``), how many models two or more
    independently read pages fed, and the stage the mapping came from."""
    read = objects.read_objects(pages_dir)
    fed, stage = fed_by(pages_dir, spec)
    shared = sum(1 for paths in fed.values() if len(paths & read.keys()) > 1)
    return objects.merges(read, fed, objects.declared_aliases(pages_dir)), shared, stage


def check_distinct(m: Measure, pages_dir: Path, spec: Optional[Spec]) -> None:
    found, shared, stage = distinct_objects(pages_dir, spec)
    m.distinct_merged = f"{len(found)} ({shared} fed by ≥2 pages; {stage})"
    m.misses += [f"distinct objects merged: {merge}" for merge in found]


def _spec_fields(spec: Spec, name: str) -> dict[str, bool] | None:
    item = spec.get(name)
    if not isinstance(item, Model):
        return None
    return {f.wire_name: f.required for f in item.fields}


def _run(cmd: list[str], cwd: Path) -> tuple[int, str, float]:
    """(exit status, output, seconds); a run past TIMEOUT is exit -9."""
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout if isinstance(exc.stdout, str) else ""
        return -9, out + f"\ntimed out after {TIMEOUT} s", time.perf_counter() - start
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - start


def _peak_of(cmd: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """(exit status, output, seconds, peak RSS in MiB) of ``cmd``, measured by a wrapper process
    that waits for it with wait4 (so the peak is the command's own, not this script's)."""
    wrapper = (
        "import os, subprocess, sys, time; t = time.perf_counter(); p = subprocess.Popen(sys.argv[1:]);"
        "_, s, u = os.wait4(p.pid, 0); "
        "print(f'@@measure {os.waitstatus_to_exitcode(s)} {time.perf_counter() - t:.3f} {u.ru_maxrss}');"
        "sys.exit(0)"
    )
    rc, text, seconds = _run([sys.executable, "-c", wrapper, *cmd], cwd)
    found = re.search(r"@@measure (-?\d+) ([\d.]+) (\d+)", text)
    if not found:
        return rc, text, seconds, float("nan")
    return int(found.group(1)), text, float(found.group(2)), int(found.group(3)) / 1024


def generate(m: Measure, pages_dir: Path) -> None:
    modelgen = str(Path(sys.executable).with_name("modelgen"))
    with tempfile.TemporaryDirectory(prefix="measure-") as tmp:
        work = Path(tmp)
        rc, text, seconds, peak = _peak_of(
            [modelgen, "generate", "--spec", str(pages_dir.resolve()), "--out", "out"], work
        )
        m.generate = {"exit": str(rc), "time": f"{seconds:.1f} s", "peak": f"{peak:.0f} MiB"}
        if rc != 0:
            last = [ln for ln in text.splitlines() if "error[" in ln or "rror" in ln][-1:]
            m.misses.append(f"generate exit {rc}: {last[0] if last else text[-300:]}")
            return
        modules = sorted(p.stem for p in (work / "out").glob("*_models.py"))
        importing = 0
        for module in modules:
            rc, text, _ = _run([sys.executable, "-c", f"import out.{module}"], work)
            importing += rc == 0
            if rc != 0:
                m.misses.append(f"import out.{module}: {text.strip().splitlines()[-1:]}")
        m.generate["import"] = f"{importing}/{len(modules)}"
        m.generate["tests"] = _pytest(work)
        m.generate["mypy"] = _mypy(work)


def _pytest(work: Path) -> str:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", ".", "out/tests"]
    rc, text, _ = _run(cmd, work)
    passed = re.search(r"(\d+) passed", text)
    failed = re.search(r"(\d+) failed", text)
    errors = re.search(r"(\d+) errors?", text)
    shown = f"{passed.group(1) if passed else 0} passed, {failed.group(1) if failed else 0} failed"
    return shown + (f", {errors.group(1)} errors" if errors else "")


def _mypy(work: Path) -> str:
    rc, text, _ = _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "out"], work)
    found = re.search(r"Found (\d+) errors?", text)
    return found.group(1) if found else ("0" if rc == 0 else f"exit {rc}")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "-"


def table(measures: list[Measure], with_generate: bool) -> str:
    head = [
        "corpus",
        "pages",
        "model/enum/union pages accepted",
        "error pages (endpoint)",
        "models",
        "unions",
        "enums (closed)",
        "warnings and notes by code",
        "rows agree: fragments",
        "rows agree: spec",
        "distinct objects merged",
    ]
    if with_generate:
        head += ["generate exit", "time", "peak", "modules importing", "generated tests", "mypy errors"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for m in measures:
        codes = ", ".join(f"{c} {n}" for c, n in sorted(m.diagnostics.items()) if not c.startswith("error"))
        cells = [
            m.name,
            str(m.pages),
            _pct(m.typed_accepted, m.typed_pages),
            f"{m.error_pages} ({m.endpoint_errors})",
            str(m.models),
            str(m.unions),
            f"{m.enums} ({m.closed_enums})",
            codes or "-",
            _pct(m.rows_agree_fragments, m.rows),
            m.rows_agree_spec,
            m.distinct_merged,
        ]
        if with_generate:
            g = m.generate
            keys = ("exit", "time", "peak", "import", "tests", "mypy")
            cells += [g.get(k, "-") for k in keys]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--parse-only", action="store_true", help="no generate, import, pytest or mypy")
    parser.add_argument("--misses", type=int, default=30, help="row-check misses listed per corpus")
    args = parser.parse_args(argv)
    corpora = args.corpora or sorted(p for p in SHARED.iterdir() if p.is_dir())
    measures: list[Measure] = []
    for corpus in corpora:
        pages_dir = page_folder(corpus)
        m = Measure(corpus.name)
        checked = read_pages(m, pages_dir)
        spec = spec_agreement(m, pages_dir, checked)
        check_distinct(m, pages_dir, spec)
        if not args.parse_only:
            generate(m, pages_dir)
        measures.append(m)
    print(table(measures, not args.parse_only))
    for m in measures:
        if m.misses:
            print(f"\n{m.name}: {len(m.misses)} misses")
            for miss in m.misses[: args.misses]:
                print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
