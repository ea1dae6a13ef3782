"""The pre-commit hook of this repository runs on a user's repository (`pre-commit try-repo`), and
the README's pre-commit recipe names a `rev` that exists here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]


def test_the_readmes_rev_is_a_commit_of_this_repository() -> None:
    revs = re.findall(r"^\s*rev: (\S+)", README, flags=re.M)
    assert revs, "the README's pre-commit recipe has no rev"
    for rev in revs:
        assert re.fullmatch(r"[0-9a-f]{40}", rev), f"rev {rev} is not a full commit hash"
        r = subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True)
        assert r.returncode == 0, f"rev {rev} is not a commit of this repository"


def test_the_hook_passes_on_fresh_models_and_fails_on_stale_ones(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (it comes with the test extra)")
    user = tmp_path / "user"
    shutil.copytree(ROOT / "spec", user / "spec")
    shutil.copytree(ROOT / "generated", user / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([*GIT, "init", "-q"], cwd=user, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=user, check=True)
    subprocess.run([*GIT, "commit", "-qm", "models"], cwd=user, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "modelgen-check", "--all-files"],
            cwd=user,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    r = try_repo()
    assert r.returncode == 0 and "Passed" in r.stdout, r.stdout[-3000:] + r.stderr[-3000:]
    stale = user / "generated" / "dataclass_models.py"
    stale.write_text(stale.read_text() + "# edited by hand\n")
    r = try_repo()
    assert r.returncode == 1 and "Failed" in r.stdout and "is stale" in r.stdout, r.stdout[-3000:]
