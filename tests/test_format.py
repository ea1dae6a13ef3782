"""generator.pysrc.format: the output is black's format, with black run only where a line needs it.

The promise users see is that every generated module is a fixed point of ``black.format_str``
with the pinned mode (``black --check`` passes on it). The emitter writes that format itself, so
these tests hold it to the promise over many specs and options.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import black
import pytest

from bench.synth import write_spec
from generator.emit.options import RenderOptions
from generator.emit.tree import build_tree
from generator.model.ir import Field, Model, Scalar, Spec, UnionOf
from generator.pipeline import load_spec
from generator.pysrc.format import FormatError, format_python, mode
from tests.test_render import HAND

ROOT = Path(__file__).resolve().parent.parent


def assert_black(files: dict[str, str], target: tuple[int, int] = (3, 9)) -> None:
    for name, text in files.items():
        if name.endswith(".py"):
            assert black.format_str(text, mode=mode(target)) == text, f"{name} is not in black's format"


@pytest.mark.parametrize(
    "options",
    [
        RenderOptions(),
        RenderOptions(unknown_keys="forbid", open_enums=False),
        RenderOptions(unknown_keys="ignore", target_python=(3, 12)),
    ],
    ids=["default", "forbid-closed", "ignore-py312"],
)
def test_the_real_spec_and_the_hand_spec_are_in_blacks_format(options: RenderOptions) -> None:
    spec, _ = load_spec(ROOT / "spec")
    assert spec is not None
    assert_black(build_tree(spec, options=options), options.target_python)
    assert_black(build_tree(HAND, options=options), options.target_python)


def test_a_synthetic_spec_is_in_blacks_format(tmp_path: Path) -> None:
    spec, _ = load_spec(write_spec(tmp_path / "syn", 12))
    assert spec is not None
    assert_black(build_tree(spec))


def test_long_names_are_split_as_black_splits_them() -> None:
    long = "a_very_long_field_name_that_goes_on_and_on_and_on"
    model = Model(
        "AModelWithAQuiteLongNameForTheSakeOfTheLineLength",
        (
            Field(long, long, UnionOf((Scalar("int"), Scalar("str"), Scalar("bool"))), False, True),
            Field("x" * 95, "x" * 95, Scalar("str"), True, False),
        ),
    )
    files = build_tree(Spec((model,)))
    assert_black(files)  # what black can split is split; a 95-character key stays whole


def test_only_the_long_statement_changes() -> None:
    long_call = "    value = some_function(" + ", ".join(f"argument_{i}" for i in range(12)) + ")"
    source = f"def f() -> None:\n    x = 1\n{long_call}\n    return None\n\n\ny = 2\n"
    out = format_python(source, "m.py")
    assert out == black.format_str(source, mode=mode())
    assert out.startswith("def f() -> None:\n    x = 1\n    value = some_function(\n")


def test_a_long_block_header_goes_to_black_whole() -> None:
    header = "    if " + " and ".join(f"condition_{i}" for i in range(12)) + ":"
    source = f"def f() -> None:\n{header}\n        pass\n"
    assert format_python(source, "m.py") == black.format_str(source, mode=mode())


def test_short_lines_do_not_import_black() -> None:
    code = (
        "import sys\nfrom generator.pysrc.format import format_python\n"
        "format_python('x = 1\\n\\n\\ny = [\\n    1,\\n    2,\\n]\\n', 'm.py')\n"
        "print('black' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_shipped_spec_is_laid_out_without_black(tmp_path: Path) -> None:
    """Every statement of spec/'s output (five styles and the round-trip tests) is laid out by
    modelgen's layout code: black, a tenth of a second to import and a few milliseconds a
    statement, is not asked about any (the output is still black's format: the tests above)."""
    code = (
        "import sys\nfrom generator.cli.main import cli\n"
        f"try:\n    cli(['generate', '--out', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('black' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_untrusted_source_is_parsed_and_formatted_whole() -> None:
    assert format_python("x = [1,2]\n", "m.py", trusted=False) == "x = [1, 2]\n"
    with pytest.raises(FormatError, match="m.py:1"):
        format_python("def (:\n", "m.py", trusted=False)
