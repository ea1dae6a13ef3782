"""``pytest tests/dialects --update-cases`` rewrites the case files' expectations (review them by diff)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-cases",
        action="store_true",
        default=False,
        help="rewrite tests/dialects/cases/**/*.expected from what the dialects read now",
    )
