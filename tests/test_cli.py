"""The command line as a user runs it: output shape, exit codes, no tracebacks for bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_inspect_json_shape() -> None:
    r = run("inspect", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"models", "enums", "unions", "diagnostics"}
    grader = next(u for u in data["unions"] if u["name"] == "ReinforcementMethodGrader")
    assert grader["discriminator"] == "type" and "GraderMulti" in grader["members"]
    job = next(m for m in data["models"] if m["name"] == "FineTuningJob")
    assert set(job) == {"name", "description", "origins", "fields"}
    assert all(o.startswith("spec/") for o in job["origins"])
    f = job["fields"][0]
    assert set(f) == {"wire_name", "py_name", "type", "required", "nullable", "description", "origins"}
    assert {tuple(sorted(d)) for d in data["diagnostics"]} == {
        ("acknowledged", "code", "message", "origin", "severity")
    }
    assert {e["name"] for e in data["enums"]} >= {"FineTuningJobStatus"}


def test_inspect_text_lists_models_and_diagnostics() -> None:
    r = run("inspect", "-v")
    assert r.returncode == 0
    assert "model FineTuningJob" in r.stdout
    assert "union ReinforcementMethodGrader: GraderStringCheck | " in r.stdout and "(by type)" in r.stdout
    assert "warning[W301]" in r.stderr and "acknowledged: " in r.stderr


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec)
    settings = (spec / "modelgen.toml").read_text()
    # the shipped settings without their overrides and acknowledgements: the known warnings count
    (spec / "modelgen.toml").write_text(settings.split("\n# Known disagreements")[0])
    r = run("inspect", "--strict", "--spec", str(spec))
    assert r.returncode == 1 and "0 errors" in r.stderr
    assert run("inspect", "--strict").returncode == 0


def test_unknown_dialect_is_an_error_with_its_path(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Shopping\n\n- milk\n- eggs\n")
    r = run("inspect", "--spec", str(tmp_path))
    assert r.returncode == 1
    assert "notes.md:1:1: error[E102]" in r.stderr
    assert "Traceback" not in r.stderr


def test_non_utf8_names_byte_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"# The x object\n\nok\n\xff\xfe broken\n")
    r = run("inspect", "--spec", str(tmp_path))
    assert r.returncode == 1
    assert "bad.md:4:1: error[E101]" in r.stderr and "0xff" in r.stderr


def test_usage_error_exits_2() -> None:
    r = run("inspect", "--no-such-flag")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_version() -> None:
    r = run("--version")
    assert r.returncode == 0 and "modelgen" in r.stdout


def test_schema_command_prints_a_2020_12_schema() -> None:
    r = run("schema")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "FineTuningJob" in data["$defs"]
