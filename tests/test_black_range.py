"""The built-in output is the same under the oldest and the newest black of pyproject's range.

modelgen writes black's format itself and asks black only about a statement still too long, so
the range in pyproject.toml is a promise that no black in it changes a byte. This installs the
oldest and the newest version of the range that the package index has (wheels only, no
dependencies: the installed black's own dependencies serve) and compares ``tools/black_range.py``'s
digest of every file the built-in templates make for three specs under four option sets.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = (ROOT / "pyproject.toml").read_text()


def black_range() -> tuple[tuple[int, ...], tuple[int, ...]]:
    found = re.search(r'"black>=([\d.]+),<([\d.]+)"', PYPROJECT)
    assert found, "pyproject.toml: black must be a range >=X,<Y"
    return tuple(map(int, found.group(1).split("."))), tuple(map(int, found.group(2).split(".")))


def available_versions() -> list[str]:
    r = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "black"], capture_output=True, text=True
    )
    line = next((x for x in r.stdout.splitlines() if x.startswith("Available versions:")), None)
    if r.returncode != 0 or line is None:
        pytest.skip(f"the package index cannot list black's versions: {r.stderr.strip()[-300:]}")
    return [v.strip() for v in line.split(":", 1)[1].split(",")]


def version_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split(".") if p.isdigit())


def digest_under(version: str, tmp_path: Path) -> str:
    target = tmp_path / f"black-{version}"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary", ":all:"]
        + ["--target", str(target), f"black=={version}"],
        check=True,
        capture_output=True,
    )
    r = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "black_range.py")],
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"black {version}:"), r.stdout  # the black under test was the one used
    return r.stdout.split(": ", 1)[1]


@pytest.mark.slow
def test_oldest_and_newest_black_of_the_range_write_the_same_bytes(tmp_path: Path) -> None:
    low, high = black_range()
    inside = sorted(
        (v for v in available_versions() if low <= version_key(v) < high and v.replace(".", "").isdigit()),
        key=version_key,
    )
    assert inside, f"the package index has no black in >={low},<{high}"
    oldest, newest = inside[0], inside[-1]
    assert version_key(oldest)[:2] == low[:2], f"the range's lower bound {low} is not installable"
    assert digest_under(oldest, tmp_path) == digest_under(newest, tmp_path)


def test_the_users_black_pin_is_inside_the_range() -> None:
    low, high = black_range()
    assert low <= (25, 11, 0) < high  # issue 14: `pip install` beside black==25.11.0 must resolve


@pytest.mark.slow
def test_the_project_installs_beside_a_users_black_pin() -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--quiet",
            "--report",
            "-",
            str(ROOT),
            "black==25.11.0",
        ],
        capture_output=True,
        text=True,
    )
    if "No matching distribution found for black==25.11.0" in r.stderr:
        pytest.skip("the package index has no black 25.11.0")
    assert r.returncode == 0, r.stderr[-3000:]
    chosen = {i["metadata"]["name"]: i["metadata"]["version"] for i in json.loads(r.stdout)["install"]}
    assert chosen["black"] == "25.11.0" and "docmodelgen" in chosen
