"""What an [openapi] source costs: reading the closure, and `modelgen generate` with and without it.

    python bench/openapi_timing.py [WHOLE_DOCUMENT]

1. ``read_openapi`` in a fresh interpreter, split into load (YAML), import (datamodel-code-generator),
   parse (its OpenAPIParser.parse_raw) and convert (to claims), wall clock, and the CPU seconds of
   the whole read: on spec/'s vendored fine-tuning closure and, when given, on the whole document.
2. ``modelgen generate`` (every style and the tests) and ``modelgen inspect`` on spec/ as it is
   (its pages and its [openapi] closure) and on a copy of spec/ without the [openapi] table
   (pages only), without and with a warm cache of the reader (``openapi_cache``): CPU seconds
   (user + system) of the child, which a loaded machine distorts less than wall clock.

Medians of ROUNDS (env BENCH_ROUNDS, default 5) fresh processes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLOSURE = ROOT / "spec" / "openai-finetuning.yaml"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
READ = """
import json, sys, time
t, cpu = time.perf_counter(), time.process_time()
from pathlib import Path
from generator.dialects.openapi_schema import read_openapi
from generator.model.diagnostics import Origin
from generator.read.openapi_settings import OpenAPISettings
from tests.openapi.extract_closure import FINE_TUNING_ROOTS
source, _ = read_openapi(OpenAPISettings(Path(sys.argv[1]), FINE_TUNING_ROOTS), Origin("x"))
seconds = dict(source.seconds, total=time.perf_counter() - t, cpu=time.process_time() - cpu)
print(json.dumps(dict(seconds, schemas=len(source.schemas))))
"""


def read_times(document: Path) -> dict[str, float]:
    env = dict(os.environ, MODELGEN_CACHE_DIR="off")  # the reader itself, not its cache
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", READ, str(document)], cwd=ROOT, capture_output=True,
                                  text=True, check=True, env=env).stdout)
        for _ in range(ROUNDS)
    ]  # fmt: skip
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def pages_only(where: Path) -> Path:
    """A copy of spec/ without its [openapi] table and document ("openapi" left out of [precedence])."""
    spec = where / "spec"
    shutil.copytree(ROOT / "spec", spec, ignore=shutil.ignore_patterns("*.yaml"))
    settings = (spec / "modelgen.toml").read_text(encoding="utf-8")
    settings = re.sub(r"\n\[openapi\]\n.*?\n\]\n", "\n", settings, flags=re.S)
    settings = settings.replace('"openapi", ', "").replace(', "openapi"]', "]")
    (spec / "modelgen.toml").write_text(settings, encoding="utf-8")
    return spec


def command_cpu(args: list[str], cwd: Path, cache: str) -> float:
    """Median CPU seconds (user + system) of ROUNDS runs of ``args`` (``cache``: MODELGEN_CACHE_DIR)."""
    env = dict(os.environ, MODELGEN_CACHE_DIR=cache)
    subprocess.run(args, cwd=cwd, capture_output=True, check=False, env=env)  # bytecode (and the cache)
    times = []
    for _ in range(ROUNDS):
        before = os.times()
        subprocess.run(args, cwd=cwd, capture_output=True, check=False, env=env)
        after = os.times()
        times.append(
            after.children_user - before.children_user + after.children_system - before.children_system
        )
    return statistics.median(times)


def main() -> None:
    modelgen = str(Path(sys.executable).with_name("modelgen"))
    for document in [CLOSURE] + [Path(a) for a in sys.argv[1:]]:
        t = read_times(document)
        print(f"read_openapi {document.name} ({int(t['schemas'])} schemas of the closure): "
              + ", ".join(f"{k} {t[k] * 1000:.0f} ms" for k in ("load", "import", "parse", "convert", "total"))
              + f"; CPU {t['cpu'] * 1000:.0f} ms")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        cases = [
            ("spec/ (pages + [openapi] closure), no cache", ROOT / "spec", "off"),
            ("spec/ (pages + [openapi] closure), warm cache", ROOT / "spec", str(Path(tmp) / "cache")),
            ("spec/ pages only", pages_only(Path(tmp)), "off"),
        ]
        for label, spec, cache in cases:
            for command in ("generate", "inspect"):
                out = ["--out", str(Path(tmp) / "out")] if command == "generate" else []
                args = [modelgen, command, "--spec", str(spec), *out]
                print(f"modelgen {command}: {label}: {command_cpu(args, Path(tmp), cache):.2f} s CPU")


if __name__ == "__main__":
    main()
