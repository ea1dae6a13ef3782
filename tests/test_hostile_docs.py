"""The hostile/broken document corpus (tests/hostile/): every case ends in its diagnostic, never a crash.

Each case runs in process through ``load_spec`` and as a subprocess through ``modelgen inspect`` and
``modelgen generate``: the exact code and origin, the exit status, no traceback, and an output
directory that a failed ``generate`` leaves byte for byte as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from generator.model.diagnostics import CODES
from generator.pipeline import load_spec

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "hostile"
MODELGEN = Path(sys.executable).parent / "modelgen"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))

OAI = (
    "# The widget object\n\nA widget.\n\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    "| id | string | Required | The identifier. |\n"
)
OG = (
    "# Widget\n\nA widget.\n\n## Properties\n\nName | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)
SK = "# Widget\n\nA widget.\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
PLAIN_SHORT = "The widget object\n\nA widget.source\n\nThe identifier.source\n\nOBJECT The widget object\n"
DEEP = "[" * 10_000 + "]" * 10_000


def _unreadable(spec: Path, name: str, text: str) -> None:
    path = spec / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0)
    try:
        path.read_bytes()
    except OSError:
        return
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    pytest.skip("running with privileges that read a chmod 000 file")


def _files(files: dict[str, str]) -> Callable[[Path], None]:
    def write(spec: Path) -> None:
        for name, text in files.items():
            (spec / name).write_text(text, encoding="utf-8")

    return write


def _unreadable_settings(spec: Path) -> None:
    (spec / "widget.md").write_text(OAI, encoding="utf-8")
    _unreadable(spec, "modelgen.toml", "[aliases]\n")


SK_DEEP_TS = (
    "# Widget\n\nA widget.\n\n## Example Usage\n\n```typescript\nlet value: Widget = {id: "
    + DEEP
    + "};\n```\n\n"
    "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    "| `id` | *string* | :heavy_check_mark: | The identifier. |\n"
)
GENERATED: dict[str, Callable[[Path], None]] = {
    "unreadable_file": lambda spec: _unreadable(spec, "widget.md", OAI),
    "unreadable_settings": _unreadable_settings,
    "oai_deep_type": _files(
        {"widget.md": OAI + "| x | " + "array of " * 5000 + "string | Required | Deep. |\n"}
    ),
    "og_deep_type": _files(
        {"Widget.md": OG + "**id** | **" + "List[" * 5000 + "str" + "]" * 5000 + "** | Deep. | \n"}
    ),
    "sk_deep_type": _files(
        {
            "widget.md": SK
            + "| `id` | "
            + "Array<" * 5000
            + "string"
            + ">" * 5000
            + " | :heavy_check_mark: | Deep. |\n"
        }
    ),
    "huge_line_type": _files({"widget.md": OAI + "| x | " + "q" * 1_000_000 + " | Required | Huge. |\n"}),
    "oai_deep_json": _files({"widget.md": OAI + '\n```json\n{"id": ' + DEEP + "}\n```\n"}),
    "oai_deep_json_900": _files(
        {"widget.md": OAI + '\n```json\n{"id": ' + "[" * 900 + "]" * 900 + "}\n```\n"}
    ),
    "plain_deep_json": _files({"widget.txt": PLAIN_SHORT + '{"id": ' + DEEP + "}\n"}),
    "sk_deep_ts_literal": _files({"widget.md": SK_DEEP_TS}),
}


def _params() -> list[Any]:
    out = []
    for name, case in EXPECTED.items():
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def build(name: str, root: Path) -> Path:
    """The case's spec folder, as ``root/spec``."""
    spec = root / "spec"
    if EXPECTED[name].get("generated"):
        spec.mkdir()
        GENERATED[name](spec)
    else:
        shutil.copytree(CORPUS / name, spec)
    return spec


def expected_line(case: dict[str, Any]) -> str:
    return f"{case['origin']}: {case.get('severity', 'error')}[{case['code']}]:"


def test_corpus_is_complete() -> None:
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith((".", "__"))}
    generated = {n for n, c in EXPECTED.items() if c.get("generated")}
    assert folders == set(EXPECTED) - generated, "every folder has its expectation and vice versa"
    assert generated == set(GENERATED)
    assert len(EXPECTED) >= 30
    assert {c["code"] for c in EXPECTED.values() if c["code"]} <= set(CODES)


@pytest.mark.parametrize("name", _params())
def test_load_spec_gives_the_diagnostic(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = EXPECTED[name]
    build(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    spec, diags = load_spec(Path("spec"))
    shown = [str(d) for d in diags]
    if case["code"]:
        hits = [s for s in shown if s.startswith(expected_line(case))]
        assert hits, f"expected {expected_line(case)} among {shown}"
        assert any(case.get("message", "") in s for s in hits), shown
        assert all(len(s) < 1000 for s in shown), "messages quote document text only in part"
    errors = [d for d in diags if d.severity == "error"]
    if case["exit"] == 1:
        assert spec is None and errors
    else:
        assert spec is not None and not errors, shown


@pytest.mark.parametrize("name", _params())
def test_cli_reports_and_writes_nothing(name: str, tmp_path: Path) -> None:
    case = EXPECTED[name]
    build(name, tmp_path)
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(MODELGEN), *args], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300
        )

    r = run("inspect", "-v", "--spec", "spec")  # -v: warnings are listed only then
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr[-3000:]
    assert r.returncode == case["exit"], r.stderr[-3000:]
    if case["code"]:
        assert expected_line(case) in r.stderr, r.stderr[-3000:]

    out = tmp_path / "out"
    out.mkdir()
    (out / "KEEP.txt").write_bytes(b"not written by modelgen\n")
    (out / "pydantic_models.py").write_bytes(b"# a stale file that a failed run must not touch\n")
    before = _snapshot(out)
    g = run("generate", "--spec", "spec", "--out", "out", "--style", "dataclass")
    assert "Traceback" not in g.stderr and "internal error" not in g.stderr, g.stderr[-3000:]
    assert g.returncode == case["exit"], g.stderr[-3000:]
    if case["exit"] == 1:
        assert "nothing was written" in g.stderr
        assert _snapshot(out) == before
    else:
        after = _snapshot(out)
        assert after["KEEP.txt"] == before["KEEP.txt"], "files modelgen did not write are kept"
        assert "dataclass_models.py" in after


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
