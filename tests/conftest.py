from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from generator.cli.report import inspect_json
from generator.pipeline import load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
# The OpenAPI reader's cache, for the tests and the processes they start, is a folder of this
# session's own (empty at the start, removed at the end; never the user's ~/.cache): the first
# read of each document goes through the reader, and the many runs that generate spec/ do not
# each import datamodel-code-generator and parse the document again (about a second each).
# tests/openapi/test_cache.py sets folders of its own, and "off", to test the cache itself.
_CACHE = tempfile.mkdtemp(prefix="modelgen-test-cache-")
atexit.register(shutil.rmtree, _CACHE, True)
os.environ.setdefault("MODELGEN_CACHE_DIR", _CACHE)

# The `slow` marker, in one place: tests that start a process (modelgen, python, pip), run mypy,
# compare with an oracle tool, or build a wheel. `pytest -m "not slow"` leaves them out for a quick
# run; `python -m pytest` (the README's command, and CI's) runs everything. A whole file by its
# name, or one test as "file::function" (every parametrization of it).
SLOW_FILES = {
    "test_black_range.py",  # installs two versions of black and generates under each
    "test_cli.py",  # every test runs `python -m generator`
    "test_config.py",  # the same, from a temporary project
    "test_determinism.py",  # modelgen under several hash seeds
    "test_hostile_docs.py",  # modelgen inspect and generate per hostile corpus
    "test_oracle_dcg.py",  # datamodel-code-generator as the oracle
    "test_oracle_openai.py",  # the openai SDK as the oracle
    "test_packaging.py",  # builds a wheel and installs it in a new venv
    "test_cli_options.py",  # every test runs `python -m generator`
    "test_buildhook.py",  # builds a user package's wheel with hatchling
    "test_readme_commands.py",  # the README's shell blocks: fresh venvs, installs, modelgen
    "test_precommit.py",  # pre-commit try-repo installs this repository into its own venv
    "test_output_crash.py",  # kills generate processes at every step
    "test_output_folder.py",  # generate and check as processes, a tmpfs, limits
    "test_compiling.py",  # forks the compile child, kills it
    "test_msgspec_unions.py",  # (tests/emit) generates packages, runs their tests and mypy
    "test_union_strictness.py",  # (tests/emit) the same
}
SLOW_TESTS = {
    "test_format.py::test_short_lines_do_not_import_black",  # a fresh interpreter
    "test_golden.py::test_generated_is_up_to_date",  # modelgen check as a process
    "test_golden.py::test_check_reports_changed_missing_and_extra",
    "test_injection.py::test_hostile_document",  # generate and import in processes, per case
    "test_injection.py::test_the_breakouts_reach_the_output_as_data",
    "test_injection.py::test_odd_input_file_names_stay_in_the_header_comment",
    "test_injection.py::test_an_input_named_type_ignore_does_not_silence_mypy",
    "test_render.py::test_output_is_deterministic_and_self_contained",  # imports in a process
    "test_render.py::test_mypy_strict",
    "test_testgen.py::test_generated_tests_pass_end_to_end",  # pytest and mypy on the output
    "test_testgen.py::test_real_spec_strategies_fit_the_model",  # Hypothesis over spec/'s models
    "test_testgen.py::test_real_spec_mutations_break_payloads_at_the_named_key",
    "test_format.py::test_the_shipped_spec_is_laid_out_without_black",  # generate in a process
    "test_format.py::test_the_real_spec_and_the_hand_spec_are_in_blacks_format",  # black on everything
    "test_payload_contract.py::test_a_3000_deep_chain_of_distinct_models_is_an_error_not_a_crash",
    "test_unions.py::test_generated_tests_pass_and_mypy_strict_is_clean",  # (tests/emit) pytest, mypy
    "test_unions.py::test_generated_tests_pass_under_other_policies",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: starts processes, runs mypy, an oracle or a build (-m 'not slow')"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        file = item.path.name
        function = getattr(item, "originalname", item.name)
        if file in SLOW_FILES or f"{file}::{function}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def spec_inspect() -> dict[str, Any]:
    spec, diags = load_spec(SPEC)
    return inspect_json(spec, diags)
