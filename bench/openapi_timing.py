"""What an [openapi] source costs: reading the closure, and `modelgen generate` with and without it.

    python bench/openapi_timing.py [WHOLE_DOCUMENT]

1. ``read_openapi`` in a fresh interpreter, split into load (YAML), import (datamodel-code-generator),
   parse (its OpenAPIParser) and convert (to claims): on the vendored fine-tuning closure
   (tests/openapi/fixtures) and, when given, on the whole document.
2. ``modelgen generate`` (every style and the tests) on a copy of spec/ in a temporary folder:
   as it is; with the closure as an [openapi] source of roots that need no union (the styles do not
   emit UnionDef yet); with the full fine-tuning roots, `modelgen inspect` only (reading and merging).

Medians of ROUNDS (env BENCH_ROUNDS, default 5) fresh processes, wall clock.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURE = ROOT / "tests" / "openapi" / "fixtures" / "openai-finetuning.yaml"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
NO_UNION_ROOTS = [
    "FineTuningJobEvent",
    "FineTuningJobCheckpoint",
    "*FineTuningCheckpointPermission*",
    "WebhookFineTuningJob*",
    "ListFineTuningJobEventsResponse",
    "ListFineTuningJobCheckpointsResponse",
]
READ = """
import json, sys, time
t = time.perf_counter()
from pathlib import Path
from generator.dialects.openapi_schema import read_openapi
from generator.model.diagnostics import Origin
from generator.read.openapi_settings import OpenAPISettings
from tests.openapi.extract_closure import FINE_TUNING_ROOTS
source, _ = read_openapi(OpenAPISettings(Path(sys.argv[1]), FINE_TUNING_ROOTS), Origin("x"))
seconds = dict(source.seconds, total=time.perf_counter() - t, schemas=len(source.schemas))
print(json.dumps(seconds))
"""


def read_times(document: Path) -> dict[str, float]:
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", READ, str(document)], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout)
        for _ in range(ROUNDS)
    ]  # fmt: skip
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def spec_copy(where: Path, document: Path | None, roots: list[str]) -> Path:
    spec = where / "spec"
    shutil.copytree(ROOT / "spec", spec)
    if document is not None:
        shutil.copy(document, spec / document.name)
        with (spec / "modelgen.toml").open("a", encoding="utf-8") as f:
            f.write(
                f'\n[openapi]\n# timing\ndocument = "{document.name}"\n# timing\nroots = {json.dumps(roots)}\n'
            )
    return spec


def command_time(args: list[str], cwd: Path) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    modelgen = str(Path(sys.executable).with_name("modelgen"))
    documents = [FIXTURE] + [Path(a) for a in sys.argv[1:]]
    for document in documents:
        t = read_times(document)
        print(f"read_openapi {document.name} ({int(t['schemas'])} schemas of the closure): "
              + ", ".join(f"{k} {t[k] * 1000:.0f} ms" for k in ("load", "import", "parse", "convert", "total")))  # fmt: skip
    from tests.openapi.extract_closure import FINE_TUNING_ROOTS

    cases = [("spec/ as it is", None, [], "generate")]
    for document in documents:
        cases += [
            (f"spec/ + {document.name}, roots without unions", document, NO_UNION_ROOTS, "generate"),
            (
                f"spec/ + {document.name}, fine-tuning roots (inspect)",
                document,
                list(FINE_TUNING_ROOTS),
                "inspect",
            ),
        ]
    cases.append(("spec/ as it is (inspect)", None, [], "inspect"))
    for label, document, roots, command in cases:
        with tempfile.TemporaryDirectory() as tmp:
            spec = spec_copy(Path(tmp), document, roots)
            args = [modelgen, command, "--spec", str(spec)] + (
                ["--out", str(Path(tmp) / "out")] if command == "generate" else []
            )
            print(f"modelgen {command}: {label}: {command_time(args, Path(tmp)):.2f} s")


if __name__ == "__main__":
    main()
