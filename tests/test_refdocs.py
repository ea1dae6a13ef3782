"""docs/reference/ is what the code gives today, and documents every setting and code."""

from __future__ import annotations

from generator.cli import refdocs
from generator.cli.config import KEYS
from generator.model.diagnostics import CODES
from generator.read.spec_settings import TABLES


def test_the_reference_pages_are_current() -> None:
    for rel, text in refdocs.pages().items():
        assert (refdocs.ROOT / rel).read_text(
            encoding="utf-8"
        ) == text, f"{rel} is stale: run `python -m generator.cli.refdocs`"


def test_every_code_and_setting_is_explained() -> None:
    assert (
        sorted(set(CODES) - set(refdocs.DIAGNOSTICS)) == []
    ), "add an example and a fix to refdocs.DIAGNOSTICS"
    assert sorted(set(KEYS) - set(refdocs.PYPROJECT_KEYS)) == []
    assert sorted(set(TABLES) - set(refdocs.SPEC_TABLES)) == []
    for code, (example, fix) in refdocs.DIAGNOSTICS.items():
        assert f"[{code}]: " in example and fix, code
    assert refdocs.UNDOCUMENTED not in "".join(refdocs.pages().values())
