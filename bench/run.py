"""modelgen benchmark: prints one table. Run with `nox -s bench` (or `python bench/run.py`).

Every ratio compares figures measured in this one run, interleaved round by round:
- generation, whole process: `modelgen generate` (every style and the round-trip tests) against
  datamodel-code-generator making four outputs (pydantic v2, dataclasses, TypedDict, msgspec; it
  has no attrs output) from the equivalent JSON Schema (`modelgen schema`); medians of the rounds;
- scaling: synthetic specs of 10, 100 and 1,000 objects (15 fields each: nullable, optional, an
  enum, nested references, a list, a map, free-form objects), time and peak memory (the child's
  maximum resident set) of both tools, and the growth exponents (at 1,000 objects,
  datamodel-code-generator runs in the first round only: its four runs take minutes);
- runtime per FineTuningJob payload, decode + encode: each generated style, the openai SDK's
  model, and plain json.loads + json.dumps of the dict (the baseline), and the JSON text layer of
  the dataclass and attrs styles alone (json's C scanner and encoder, called past json.loads and
  json.dumps); medians of the rounds, each round the best of 5 repeats;
- import time of each generated module against the openai SDK's FineTuningJob, each in a fresh
  interpreter with its bytecode cached (as after a first import), median of the rounds.

Environment: BENCH_ROUNDS (default 3), BENCH_SIZES (default 10,100,1000).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from synth import write_spec  # noqa: E402

BIN = Path(sys.executable).parent
DCG_OUTPUTS = ("pydantic_v2.BaseModel", "dataclasses.dataclass", "typing.TypedDict", "msgspec.Struct")
STYLES = ("dataclass", "attrs", "pydantic", "typeddict", "msgspec")
BASELINE = "json.loads + json.dumps (baseline)"
JSON_LAYER = "dataclass/attrs JSON text layer alone (_loads + _dumps)"
SDK = "openai SDK model_validate_json + model_dump_json"
Row = tuple[str, str, str, str, str]  # what, modelgen, peer, ratio, target (and whether it is met)


# ---------------------------------------------------------------------------------------------
# generation


# Children run with their bytecode cached, as after a first run anywhere (this sandbox sets
# PYTHONDONTWRITEBYTECODE, and an editable install has no .pyc of its own): in a prefix of
# ours, so the checkout and site-packages stay as they are.
PYCACHE = tempfile.mkdtemp(prefix="modelgen-bench-pyc-")
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["PYTHONPYCACHEPREFIX"] = PYCACHE


def run_child(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process (its diagnostics go to a file: a
    pipe nobody reads fills up and stops the child)."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"failed: {' '.join(cmd)}\n{err.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def modelgen_cmd(spec: Path, out: Path) -> list[str]:
    return [str(BIN / "modelgen"), "generate", "--spec", str(spec), "--out", str(out)]


def dcg_cmds(schema: Path, out: Path) -> list[list[str]]:
    return [
        [
            str(BIN / "datamodel-codegen"),
            "--input",
            str(schema),
            "--input-file-type",
            "jsonschema",
            "--output-model-type",
            kind,
            "--output",
            str(out / f"{kind.split('.')[0]}.py"),
            "--disable-timestamp",
        ]
        for kind in DCG_OUTPUTS
    ]


def schema_of(spec: Path, dest: Path) -> Path:
    text = subprocess.run(
        [str(BIN / "modelgen"), "schema", "--spec", str(spec)], capture_output=True, text=True, check=True
    ).stdout
    dest.write_text(text)
    return dest


def compare_generation(
    spec: Path, work: Path, rounds: int, their_rounds: int | None = None
) -> dict[str, float]:
    """Medians of interleaved rounds: one modelgen run, then datamodel-codegen's four (in the
    first ``their_rounds`` rounds only, all by default: at 1,000 objects its runs take minutes)."""
    their_rounds = rounds if their_rounds is None else their_rounds
    schema = schema_of(spec, work / f"{spec.name}.schema.json")
    ours, theirs, our_mem, their_mem = [], [], [], []
    for cmd in [modelgen_cmd(spec, work / "warm"), *dcg_cmds(schema, work)]:  # write the bytecode
        run_child(cmd)
    shutil.rmtree(work / "warm", ignore_errors=True)
    for i in range(rounds):
        out = work / f"mg{i}"
        t, m = run_child(modelgen_cmd(spec, out))
        ours.append(t)
        our_mem.append(m)
        shutil.rmtree(out, ignore_errors=True)
        if i >= their_rounds:
            continue
        dout = work / f"dcg{i}"
        dout.mkdir()
        total, peak = 0.0, 0.0
        for cmd in dcg_cmds(schema, dout):
            t, m = run_child(cmd)
            total += t
            peak = max(peak, m)
        theirs.append(total)
        their_mem.append(peak)
        shutil.rmtree(dout, ignore_errors=True)
    return {
        "ours": statistics.median(ours),
        "theirs": statistics.median(theirs),
        "our_mem": max(our_mem),
        "their_mem": max(their_mem),
    }


# ---------------------------------------------------------------------------------------------
# runtime


def job_payload() -> dict[str, object]:
    return {
        "object": "fine_tuning.job",
        "id": "ftjob-abc123",
        "model": "gpt-4o-mini-2024-07-18",
        "created_at": 1721764800,
        "finished_at": 1721765800,
        "fine_tuned_model": "ft:gpt-4o-mini:org::abc",
        "organization_id": "org-123",
        "result_files": ["file-abc123"],
        "status": "succeeded",
        "validation_file": None,
        "training_file": "file-abc123",
        "error": None,
        "hyperparameters": {"n_epochs": 4, "batch_size": 1, "learning_rate_multiplier": 1.8},
        "trained_tokens": 5768,
        "integrations": [],
        "seed": 0,
        "estimated_finish": None,
        "method": {
            "type": "supervised",
            "supervised": {
                "hyperparameters": {"n_epochs": 4, "batch_size": 1, "learning_rate_multiplier": 1.8}
            },
        },
        "metadata": {"team": "a"},
    }


def runtime_cases() -> dict[str, Callable[[], object]]:
    from generated import attrs_models, dataclass_models, msgspec_models, pydantic_models, typeddict_models

    payload = json.dumps(job_payload())
    cases: dict[str, Callable[[], object]] = {
        BASELINE: lambda: json.dumps(json.loads(payload)),
        # the dataclass and attrs styles' JSON text layer, json's own C scanner and encoder
        # called past json.loads and json.dumps: the floor under their from_json + to_json
        JSON_LAYER: lambda: dataclass_models._dumps(dataclass_models._loads(payload)),
        "dataclass from_json + to_json": lambda: dataclass_models.FineTuningJob.from_json(payload).to_json(),
        "attrs from_json + to_json": lambda: attrs_models.FineTuningJob.from_json(payload).to_json(),
        "pydantic from_json + to_json": lambda: pydantic_models.FineTuningJob.from_json(payload).to_json(),
        "typeddict json.loads + load + json.dumps": lambda: json.dumps(
            typeddict_models.load_fine_tuning_job(json.loads(payload))
        ),
        "msgspec from_json + to_json": lambda: msgspec_models.FineTuningJob.from_json(payload).to_json(),
    }
    from openai.types.fine_tuning import FineTuningJob as SdkJob

    cases[SDK] = lambda: SdkJob.model_validate_json(payload).model_dump_json(exclude_unset=True)
    for name, fn in cases.items():  # every case does the same work and gives the same document
        if name.startswith(("json", "openai")):
            continue
        assert json.loads(str(fn())) == job_payload(), name
    return cases


RUNTIME_ROUNDS = 7


def runtime_medians() -> dict[str, tuple[float, float, float]]:
    """Per case: (median µs per payload, median ratio to the baseline, median ratio to the SDK),
    the ratios taken round by round. Measured in a fresh interpreter: this one holds the
    generator's objects, which would slow every garbage collection the payloads set off."""
    out = subprocess.run(
        [sys.executable, __file__, "--runtime"],
        cwd=ROOT,
        env=CHILD_ENV,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    samples: dict[str, list[float]] = json.loads(out)
    base, sdk = samples[BASELINE], samples[SDK]
    return {
        name: (
            statistics.median(v),
            statistics.median(x / b for x, b in zip(v, base, strict=True)),
            statistics.median(x / s for x, s in zip(v, sdk, strict=True)),
        )
        for name, v in samples.items()
    }


def _runtime_here() -> dict[str, list[float]]:
    """Per round, the best of 5 repeats of 2,000 calls of each case, µs per call; the cases take
    turns within each repeat, so that the ratios compare times taken a moment apart (this
    machine's speed drifts from second to second)."""
    cases = runtime_cases()
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(RUNTIME_ROUNDS):
        best = dict.fromkeys(cases, math.inf)
        for _ in range(5):
            for name, fn in cases.items():
                best[name] = min(best[name], timeit.timeit(fn, number=2000) / 2000 * 1e6)
        for name, t in best.items():
            samples[name].append(t)
    return samples


# ---------------------------------------------------------------------------------------------
# imports


IMPORT_SDK = "openai SDK FineTuningJob"
FIRST_DECODE = " + first FineTuningJob decode"


def import_medians(rounds: int) -> dict[str, tuple[float, float]]:
    """Per module: (median ms to import it in a fresh interpreter, median ratio to the SDK's
    import in the same round), with the bytecode cached (a first import writes it). Both pydantic
    modules build a model's validator when it is first used (defer_build; the SDK by default), so
    pydantic and the SDK are also timed through their first decode of a job, against each other."""
    text = json.dumps(job_payload())
    targets = {f"generated.{s}_models": f"import generated.{s}_models" for s in STYLES}
    targets[IMPORT_SDK] = "from openai.types.fine_tuning import FineTuningJob"
    targets["generated.pydantic_models" + FIRST_DECODE] = (
        f"import generated.pydantic_models as m; m.FineTuningJob.from_json({text!r})"
    )
    targets[IMPORT_SDK + FIRST_DECODE] = (
        f"from openai.types.fine_tuning import FineTuningJob; FineTuningJob.model_validate_json({text!r})"
    )
    code = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
    samples: dict[str, list[float]] = {name: [] for name in targets}
    for stmt in targets.values():  # write the bytecode
        subprocess.run([sys.executable, "-c", stmt], cwd=ROOT, env=CHILD_ENV, check=True)
    for _ in range(max(rounds, 9)):
        for name, stmt in targets.items():
            out = subprocess.run(
                [sys.executable, "-c", code.format(stmt=stmt)],
                cwd=ROOT,
                env=CHILD_ENV,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            samples[name].append(float(out) * 1000)

    def peer(name: str) -> list[float]:
        return samples[IMPORT_SDK + FIRST_DECODE if name.endswith(FIRST_DECODE) else IMPORT_SDK]

    return {
        name: (statistics.median(v), statistics.median(x / s for x, s in zip(v, peer(name), strict=True)))
        for name, v in samples.items()
    }


# ---------------------------------------------------------------------------------------------
# one wide document


def wide_document_rows() -> list[Row]:
    """One document with thousands of fields: reading and merging it should grow linearly."""
    from generator.pipeline import load_spec

    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1000, 4000):
            d = Path(tmp) / f"wide{n}"
            d.mkdir()
            rows = "\n".join(f"| field_{i} | string or null | Optional | Field {i}. |" for i in range(n))
            (d / "wide.md").write_text(
                "# The wide object\n\nWide.\n\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
                + rows
                + "\n"
            )
            runs = []
            for _ in range(3):
                t = time.perf_counter()
                spec, _ = load_spec(d)
                runs.append(time.perf_counter() - t)
                assert spec is not None
            times[n] = statistics.median(runs)
    k = math.log(times[4000] / times[1000]) / math.log(4)
    return [
        (f"inspect one document of {n} fields", f"{times[n] * 1000:.0f} ms", "", "", "") for n in times
    ] + [("growth exponent 1000→4000 fields", f"{k:.2f}", "", "", "")]


# ---------------------------------------------------------------------------------------------
# the table


def verdict(ok: bool, target: str) -> str:
    return f"{target}: {'met' if ok else 'NOT met'}"


def machine() -> str:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    return f"{os.cpu_count()} cores, {cpu or 'unknown CPU'}, Python {platform.python_version()}"


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    sizes = tuple(int(x) for x in os.environ.get("BENCH_SIZES", "10,100,1000").split(","))
    rows: list[Row] = list(wide_document_rows())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        g = compare_generation(ROOT / "spec", work, rounds)
        speedup = g["theirs"] / g["ours"]
        rows.append(
            (
                "generate spec/ (all styles + tests)",
                f"{g['ours']:.2f} s, {g['our_mem']:.0f} MiB",
                f"{g['theirs']:.2f} s, {g['their_mem']:.0f} MiB (4 runs)",
                f"{speedup:.1f}x faster" if speedup >= 1 else f"{1 / speedup:.1f}x slower",
                verdict(speedup >= 8, "≥ 8x faster"),
            )
        )
        scale: dict[int, dict[str, float]] = {}
        for n in sizes:
            spec = write_spec(work / f"syn{n}", n)
            scale[n] = s = compare_generation(spec, work, rounds, 1 if n >= 1000 else rounds)
            target = ""
            if n == 1000:
                ok = s["ours"] < 10 and s["our_mem"] <= 300
                target = verdict(ok, "< 10 s, ≤ 300 MiB")
            rows.append(
                (
                    f"scaling: {n} objects",
                    f"{s['ours']:.2f} s, {s['our_mem']:.0f} MiB",
                    f"{s['theirs']:.2f} s, {s['their_mem']:.0f} MiB",
                    f"{s['theirs'] / s['ours']:.1f}x faster",
                    target,
                )
            )
        for a, b in zip(sizes, sizes[1:], strict=False):
            k_ours = math.log(scale[b]["ours"] / scale[a]["ours"]) / math.log(b / a)
            k_theirs = math.log(scale[b]["theirs"] / scale[a]["theirs"]) / math.log(b / a)
            target = verdict(k_ours <= 1.05, "≤ 1.05") if b == sizes[-1] else ""
            rows.append((f"growth exponent {a}→{b} objects", f"{k_ours:.2f}", f"{k_theirs:.2f}", "", target))
    targets = {
        "dataclass from_json + to_json": (1.4, "≤ 1.4x baseline"),
        "attrs from_json + to_json": (1.4, "≤ 1.4x baseline"),
        "msgspec from_json + to_json": (0.2, "≤ 0.2x baseline"),
    }
    for name, (t, to_base, to_sdk) in runtime_medians().items():
        target = ""
        if name in targets:
            limit, text = targets[name]
            target = verdict(to_base <= limit, text)
        elif name.startswith("pydantic"):
            target = verdict(to_sdk <= 1, f"≤ SDK ({to_sdk:.2f}x)")
        rows.append((f"per payload: {name}", f"{t:.1f} µs", "", f"{to_base:.2f}x baseline", target))
    ms = import_medians(rounds)
    sdk_ms, sdk_first_ms = ms.pop(IMPORT_SDK)[0], ms.pop(IMPORT_SDK + FIRST_DECODE)[0]
    for name, (t, to_sdk) in ms.items():
        target = verdict(to_sdk <= 0.3, "≤ 0.3x SDK") if name == "generated.pydantic_models" else ""
        peer = f"openai SDK {sdk_first_ms if name.endswith(FIRST_DECODE) else sdk_ms:.0f} ms"
        rows.append((f"import {name}", f"{t:.0f} ms", peer, f"{to_sdk:.2f}x", target))
    shutil.rmtree(PYCACHE, ignore_errors=True)
    print_table(f"machine: {machine()}; rounds={rounds}", rows)


def print_table(title: str, rows: list[Row]) -> None:
    header: Row = ("what", "modelgen", "peer", "ratio", "target")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    line = " | ".join("{:<%d}" % w for w in widths)
    print(f"{title}; {datetime.date.today().isoformat()}")
    print(line.format(*header).rstrip())
    print(line.format(*("-" * w for w in widths)))
    for r in rows:
        print(line.format(*r).rstrip())


if __name__ == "__main__":
    if sys.argv[1:] == ["--runtime"]:
        print(json.dumps(_runtime_here()))
    else:
        main()
