"""The `slow` lists in conftest.py name tests that exist, so a rename cannot unmark a slow test."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import SLOW_FILES, SLOW_TESTS

TESTS = Path(__file__).resolve().parent


def test_every_listed_slow_test_exists() -> None:
    for entry in SLOW_TESTS:
        file, function = entry.split("::")
        names = {
            n.name
            for path in TESTS.rglob(file)
            for n in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(n, ast.FunctionDef)
        }
        assert function in names, f"conftest.SLOW_TESTS names {entry}, which does not exist"


def test_every_listed_slow_file_exists() -> None:
    missing = sorted(f for f in SLOW_FILES if not list(TESTS.rglob(f)))
    assert not missing, f"conftest.SLOW_FILES names files that do not exist: {missing}"
