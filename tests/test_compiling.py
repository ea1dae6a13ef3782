"""generator.cli.compiling: every generated module is compiled before anything is written, in a
child process while the next one is rendered; a module that does not compile is found however
the work was split (child, parent, child gone), and the one named is the first in sorted order."""

from __future__ import annotations
import __future__

import os
import signal
import sys
from pathlib import Path

import pytest

from generator.cli import main as cli_main
from generator.cli import runs
from generator.cli.compiling import ModuleCompiler
from generator.emit.options import RenderOptions
from generator.model.ir import Field, Model, Scalar, Spec
from generator.pipeline import load_spec

ROOT = Path(__file__).resolve().parent.parent
GOOD = "def f() -> int:\n    return 1\n"
BAD = "x = 1\nreturn 2\n"  # parses (black takes it), does not compile


def files_with(bad: set[str]) -> dict[str, str]:
    names = ["a_models.py", "b_models.py", "c_models.py", "tests/test_roundtrip.py"]
    # each text its own object, as build_tree makes them
    return {name: "".join([BAD if name in bad else GOOD]) for name in names} | {"py.typed": ""}


def submit_all(compiler: ModuleCompiler, files: dict[str, str]) -> None:
    for name, text in files.items():
        compiler.submit(name, text)


@pytest.mark.parametrize("parallel", [True, False])
@pytest.mark.parametrize(
    "bad", [set(), {"a_models.py"}, {"c_models.py", "b_models.py"}, {"tests/test_roundtrip.py"}]
)
def test_the_modules_that_do_not_compile_are_named_in_order(parallel: bool, bad: set[str]) -> None:
    files = files_with(bad)
    compiler = ModuleCompiler(parallel)
    assert (compiler._pid != 0) == (parallel and hasattr(os, "fork"))
    submit_all(compiler, files)
    errors = compiler.errors(files)
    assert [e.split()[3] for e in errors] == sorted(bad)
    assert all("does not compile (line 2:" in e for e in errors)
    assert compiler._pid == 0  # the child was waited for


def test_a_module_changed_after_it_was_sent_is_compiled_again() -> None:
    files = files_with(set())
    compiler = ModuleCompiler()
    submit_all(compiler, files)
    files["a_models.py"] += BAD
    assert [e.split()[3] for e in compiler.errors(files)] == ["a_models.py"]


def test_when_the_child_dies_the_parent_compiles_what_it_had() -> None:
    files = files_with({"a_models.py"})
    compiler = ModuleCompiler()
    if not compiler._pid:
        pytest.skip("no fork here")
    submit_all(compiler, files)
    os.kill(compiler._pid, signal.SIGKILL)
    assert [e.split()[3] for e in compiler.errors(files)] == ["a_models.py"]


def test_a_module_the_child_finds_broken_is_a_bug_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The broken text is handed to the child as it is made (not changed afterwards)."""
    real = runs.build_tree

    def broken(*args: object, on_file: object = None, **kwargs: object) -> dict[str, str]:
        def spoil(name: str, text: str) -> None:
            if name == "attrs_models.py":
                files_seen[name] = text = text + "\nreturn 1\n"
            assert callable(on_file)
            on_file(name, text)

        files_seen: dict[str, str] = {}
        files = real(*args, on_file=spoil, **kwargs)  # type: ignore[arg-type]
        files.update(files_seen)
        return files

    monkeypatch.setattr(runs, "build_tree", broken)
    monkeypatch.setattr(runs, "PARALLEL_FROM", 0)  # spec/ is small: compiled in one process otherwise
    out = tmp_path / "out"
    monkeypatch.setattr(
        sys, "argv", ["modelgen", "generate", "--spec", str(ROOT / "spec"), "--out", str(out)]
    )
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "attrs_models.py does not compile (line" in err and "nothing was written" in err
    assert not out.exists()


def test_a_small_spec_is_compiled_in_one_process_and_a_larger_one_in_a_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[bool] = []
    real = runs.ModuleCompiler

    def spy(parallel: bool = True) -> ModuleCompiler:
        made.append(parallel)
        return real(parallel)

    monkeypatch.setattr(runs, "ModuleCompiler", spy)
    small = Spec(tuple(Model(f"M{i}", (Field("x", "x", Scalar("int"), True, False),)) for i in range(5)))
    assert len(small.items) < runs.PARALLEL_FROM
    runs.render_tree(small, ("attrs",), RenderOptions())
    assert made == [False]
    spec, _ = load_spec(ROOT / "spec")  # 72 items: its compile (~0.1 s) is worth a child
    assert spec is not None and len(spec.items) >= runs.PARALLEL_FROM
    runs.render_tree(spec, ("attrs",), RenderOptions())
    assert made == [False, True]


def _big_module(body_line: str = "    return 1") -> str:
    """A module of several hundred kB: many top-level functions, as a large spec makes."""
    parts = ['"""A module."""\n\nfrom __future__ import annotations\n']
    parts += [
        f"\n\ndef f{i}(x: Undefined{i}) -> int:\n{body_line if i == 7000 else '    return 1'}\n"
        for i in range(9000)
    ]
    return "".join(parts)


def test_a_large_module_is_compiled_in_pieces_with_the_same_verdict() -> None:
    from generator.cli.compiling import _PIECE, _pieces, compile_error

    good = _big_module()
    assert len(_pieces(good)) > 1 and "".join(_pieces(good)) == good
    assert all(len(p) < 2 * _PIECE for p in _pieces(good))
    assert compile_error("m.py", good) is None  # the annotations are strings: __future__ is kept
    bad = _big_module("    return (")
    line = bad[: bad.index("return (")].count("\n") + 1
    assert compile_error("m.py", bad) == compile_error("m.py", bad + "\n")  # the whole module's message
    assert f"line {line}:" in (compile_error("m.py", bad) or "")
    # a cut inside a string (column-0 text in a literal) fails the piece, not the verdict
    strings = good.replace("\n\ndef f", '\n\nS = """\nx\ndef y\n"""\n\n\ndef f')
    assert any(_fails(p) for p in _pieces(strings))  # some cut falls inside a string ...
    assert compile_error("m.py", strings) is None  # ... and the whole module is compiled instead
    late = good + "\nfrom __future__ import annotations\n"  # only legal at the top
    assert "does not compile" in (compile_error("m.py", late) or "")


def _fails(piece: str) -> bool:
    try:
        compile(piece, "p.py", "exec", flags=__future__.annotations.compiler_flag, dont_inherit=True)
    except SyntaxError:
        return True
    return False
