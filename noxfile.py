"""nox sessions: tests, the generated tests on every Python the machine has, lint, typecheck,
generate, check. Run `nox -l` to list them."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess

import nox

nox.options.sessions = ["tests", "tests_generated", "typecheck", "typecheck_generated", "lint", "check"]


def _interpreter(version: str) -> str | None:
    """python3.X on PATH if it runs, else a pyenv-installed one (pyenv shims may refuse to run)."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")))
    for c in candidates:
        if c and subprocess.run([c, "-c", "pass"], capture_output=True).returncode == 0:
            return c
    return None


def _versions() -> list[str]:
    """The Python versions (3.9-3.13) this machine has. Sessions are named by version
    (`nox -s tests_generated-3.9`, `nox -p 3.9`); the folder of each interpreter that runs goes
    first on PATH, so nox finds `python3.X` there rather than a pyenv shim that refuses to run."""
    found = []
    for version in ("3.9", "3.10", "3.11", "3.12", "3.13"):
        path = _interpreter(version)
        if path:
            os.environ["PATH"] = os.path.dirname(path) + os.pathsep + os.environ.get("PATH", "")
            found.append(version)
    return found


PYTHONS = _versions()


@nox.session
def tests(session: nox.Session) -> None:
    """The generator's tests and the generated round-trip tests."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHONS)
def tests_generated(session: nox.Session) -> None:
    """The vendored generated/ tests alone, with only what a user needs: pytest, hypothesis and the
    styles' libraries (attrs, pydantic, msgspec)."""
    session.install("pytest", "hypothesis", "attrs", "pydantic>=2.6,<3", "msgspec")
    session.run("pytest", "generated/tests", "-p", "no:cacheprovider", *session.posargs)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on generator/, and on generated/ for the newest target Python."""
    session.install("-e", ".[test]")
    session.run("mypy", "--strict", "generator")
    session.run("mypy", "--strict", "--python-version", "3.13", "generated")


@nox.session(python=PYTHONS[:1])
def typecheck_generated(session: nox.Session) -> None:
    """mypy --strict on generated/ for the oldest target, Python 3.9, with only what a user installs.

    mypy 2 no longer checks a 3.9 target, so this uses the last mypy 1.x, on 3.9 itself so that
    the libraries mypy reads (pytest, hypothesis) are their 3.9 versions.
    """
    session.install("mypy>=1.19,<2", "pytest", "hypothesis", "attrs", "pydantic>=2.6,<3", "msgspec")
    session.run("mypy", "--strict", "--python-version", "3.9", "generated")


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff", "black==26.10.1")  # the project's own code: one black, pinned
    session.run("ruff", "check", "generator", "tests", "tools", "noxfile.py")
    session.run("black", "--check", "generator", "tests", "tools", "noxfile.py")


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from spec/."""
    session.install("-e", ".")
    session.run("modelgen", "generate")


@nox.session
def check(session: nox.Session) -> None:
    """Fail when generated/ is stale."""
    session.install("-e", ".")
    session.run("modelgen", "check")


@nox.session
def bench(session: nox.Session) -> None:
    """Generation, scaling, runtime and import time against peers measured in the same run: one table.

    The peers (datamodel-code-generator, the openai SDK) come with the test extra.
    """
    session.install("-e", ".[test]")
    session.run("python", "bench/run.py", env={"BENCH_ROUNDS": os.environ.get("BENCH_ROUNDS", "3")})


@nox.session
def bench_corpora(session: nox.Session) -> None:
    """Every corpus in ../shared/corpora (or $MODELGEN_CORPORA, or the folders given after --), whole folder:
    generate time and peak memory against datamodel-code-generator on the same models, same run. One table."""
    session.install("-e", ".[test]")
    env = {"BENCH_ROUNDS": os.environ.get("BENCH_ROUNDS", "3")}
    session.run("python", "bench/corpora.py", *session.posargs, env=env)


@nox.session
def corpora(session: nox.Session) -> None:
    """Every corpus in ../shared/corpora (or $MODELGEN_CORPORA, or the folders given after --), whole folder: pages
    accepted, models/unions/enums, warnings by code, row agreement with tests/corpora/rowcheck.py,
    generate time and peak memory, modules importing, generated tests passed, mypy errors. One table."""
    session.install("-e", ".[test]")
    session.run("python", "tests/corpora/measure.py", *session.posargs)
