from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli.report import inspect_json
from generator.pipeline import load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"


@pytest.fixture(scope="session")
def spec_inspect() -> dict[str, Any]:
    spec, diags = load_spec(SPEC)
    return inspect_json(spec, diags)
