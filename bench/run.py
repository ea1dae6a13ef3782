"""modelgen benchmark: prints one table. Run with `nox -s bench` (or `python bench/run.py`).

Every figure is a median of interleaved runs measured in this one process, against a peer:
- generation, whole process: `modelgen generate` (all styles) vs datamodel-code-generator making
  four outputs (pydantic v2, dataclasses, TypedDict, msgspec — it has no attrs output) from the
  equivalent JSON Schema (`modelgen schema`);
- scaling: synthetic specs of 10, 100 and 1,000 objects (15 fields each), time and peak memory
  (the child's max RSS), both tools, and the growth exponent between the two largest sizes;
- runtime per FineTuningJob payload (decode + encode): each style, the openai SDK's model, and
  plain json.loads + json.dumps as the baseline;
- import time of each generated module vs the openai SDK's FineTuningJob.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from synth import write_spec  # noqa: E402

BIN = Path(sys.executable).parent
DCG_OUTPUTS = ("pydantic_v2.BaseModel", "dataclasses.dataclass", "typing.TypedDict", "msgspec.Struct")


def run_child(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
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


def compare_generation(spec: Path, work: Path, rounds: int) -> dict[str, float]:
    schema = schema_of(spec, work / "schema.json")
    ours, theirs, our_mem, their_mem = [], [], [], []
    for i in range(rounds):  # interleaved
        out = work / f"mg{i}"
        t, m = run_child(modelgen_cmd(spec, out))
        ours.append(t)
        our_mem.append(m)
        dout = work / f"dcg{i}"
        dout.mkdir()
        total, peak = 0.0, 0.0
        for cmd in dcg_cmds(schema, dout):
            t, m = run_child(cmd)
            total += t
            peak = max(peak, m)
        theirs.append(total)
        their_mem.append(peak)
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(dout, ignore_errors=True)
    return {
        "ours": statistics.median(ours),
        "theirs": statistics.median(theirs),
        "our_mem": max(our_mem),
        "their_mem": max(their_mem),
    }


def per_payload(fn: Callable[[], object], number: int = 2000) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6  # µs


def runtime_rows() -> list[tuple[str, float]]:
    from generated import attrs_models, dataclass_models, pydantic_models, typeddict_models

    payload = json.dumps(_job_payload())
    rows = [("json.loads + json.dumps (baseline)", per_payload(lambda: json.dumps(json.loads(payload))))]
    rows.append(
        (
            "dataclass from_json + to_json",
            per_payload(lambda: dataclass_models.FineTuningJob.from_json(payload).to_json()),
        )
    )
    rows.append(
        (
            "attrs from_json + to_json",
            per_payload(lambda: attrs_models.FineTuningJob.from_json(payload).to_json()),
        )
    )
    rows.append(
        (
            "pydantic from_json + to_json",
            per_payload(lambda: pydantic_models.FineTuningJob.from_json(payload).to_json()),
        )
    )
    rows.append(
        (
            "typeddict load + json.dumps",
            per_payload(lambda: json.dumps(typeddict_models.load_fine_tuning_job(json.loads(payload)))),
        )
    )
    try:
        from openai.types.fine_tuning import FineTuningJob as SdkJob

        rows.append(
            (
                "openai SDK model_validate_json + model_dump_json",
                per_payload(lambda: SdkJob.model_validate_json(payload).model_dump_json(exclude_unset=True)),
            )
        )
    except ImportError:
        pass
    return rows


def _job_payload() -> dict[str, object]:
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


def import_ms(module: str, attr: Optional[str] = None, rounds: int = 7) -> float:
    stmt = f"from {module} import {attr}" if attr else f"import {module}"
    code = f"import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(rounds)
    ]
    return statistics.median(times) * 1000


def wide_document_rows() -> list[tuple[str, str, str, str]]:
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
    return [(f"inspect one document of {n} fields", f"{times[n] * 1000:.0f} ms", "", "") for n in times] + [
        ("growth exponent 1000→4000 fields", f"{k:.2f}", "", "")
    ]


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    sizes = tuple(int(x) for x in os.environ.get("BENCH_SIZES", "10,100,1000").split(","))
    rows: list[tuple[str, str, str, str]] = list(wide_document_rows())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        g = compare_generation(ROOT / "spec", work, rounds)
        rows.append(
            (
                "generate spec/ (all styles)",
                f"{g['ours']:.2f} s",
                f"{g['theirs']:.2f} s (4 runs)",
                (
                    f"{g['theirs'] / g['ours']:.2f}x faster"
                    if g["ours"] < g["theirs"]
                    else f"{g['ours'] / g['theirs']:.2f}x slower"
                ),
            )
        )
        scale: dict[int, dict[str, float]] = {}
        for n in sizes:
            spec = write_spec(work / f"syn{n}", n)
            scale[n] = compare_generation(spec, work, 1 if n == 1000 else rounds)
            s = scale[n]
            rows.append(
                (
                    f"scaling: {n} objects",
                    f"{s['ours']:.2f} s, {s['our_mem']:.0f} MiB",
                    f"{s['theirs']:.2f} s, {s['their_mem']:.0f} MiB",
                    f"{s['theirs'] / s['ours']:.2f}x",
                )
            )
        a, b = sizes[-2], sizes[-1]
        k_ours = math.log(scale[b]["ours"] / scale[a]["ours"]) / math.log(b / a)
        k_theirs = math.log(scale[b]["theirs"] / scale[a]["theirs"]) / math.log(b / a)
        rows.append((f"growth exponent {a}→{b}", f"{k_ours:.2f}", f"{k_theirs:.2f}", ""))
    base = None
    for name, us in runtime_rows():
        base = base or us
        rows.append((f"per payload: {name}", f"{us:.1f} µs", "", f"{us / base:.2f}x baseline"))
    try:
        sdk = import_ms("openai.types.fine_tuning", "FineTuningJob")
    except subprocess.CalledProcessError:
        sdk = float("nan")
    for style in ("dataclass", "attrs", "pydantic", "typeddict"):
        ms = import_ms(f"generated.{style}_models")
        rows.append(
            (
                f"import generated.{style}_models",
                f"{ms:.0f} ms",
                f"openai SDK {sdk:.0f} ms",
                f"{ms / sdk:.2f}x",
            )
        )
    widths = [max(len(r[i]) for r in rows + [("what", "modelgen", "peer", "ratio")]) for i in range(4)]
    line = " | ".join("{:<%d}" % w for w in widths)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; rounds={rounds}")
    print(line.format("what", "modelgen", "peer", "ratio"))
    print(line.format(*("-" * w for w in widths)))
    for r in rows:
        print(line.format(*r))


if __name__ == "__main__":
    main()
