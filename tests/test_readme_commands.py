"""Every shell command in the README runs as written, on a copy of this repository.

The copy holds the working tree's files (committed or not) as one fresh commit, so the git-URL
recipe has a commit to name. The blocks run in the README's order with bash -e: the quick start
makes `.venv` in the copy, the install recipes install into a separate venv whose `pip` and
`modelgen` come first on PATH, and `MODELGEN` is the copy. One substitution, said here: the
quick start's `python -m pytest` would run this very suite again inside itself, so it runs
`python -m pytest --collect-only -q` (the install is what it proves; CI runs the suite itself).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SUBSTITUTIONS = {".venv/bin/python -m pytest": ".venv/bin/python -m pytest --collect-only -q"}


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def copy_of_repo(dest: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "copy"]):
        subprocess.run([*git, *args], cwd=dest, check=True, capture_output=True)
    return dest


def generated_files(repo: Path) -> dict[Path, bytes]:
    """generated/ as modelgen wrote it (bytecode that running the tests leaves is not its)."""
    return {
        p.relative_to(repo): p.read_bytes()
        for p in (repo / "generated").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_readme_has_the_blocks_this_test_knows() -> None:
    blocks = shell_blocks()
    assert len(blocks) == 4, "a shell block was added or removed: check that this test runs it"
    assert blocks[0].startswith(
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/modelgen generate"
    )
    assert "python -m pytest" in blocks[1]


def test_every_shell_block_runs_as_written(tmp_path: Path) -> None:
    repo = copy_of_repo(tmp_path / "modelgen")
    before = generated_files(repo)
    user_env = tmp_path / "user-env"
    venv.create(user_env, with_pip=True)
    env = {
        **os.environ,
        "MODELGEN": str(repo),
        # the user's venv first (empty until the install recipes), then the quick start's (activated)
        "PATH": os.pathsep.join([str(user_env / "bin"), str(repo / ".venv" / "bin"), os.environ["PATH"]]),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    for block in shell_blocks():
        script = block
        for old, new in SUBSTITUTIONS.items():
            script = script.replace(old, new)
        r = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script], cwd=repo, env=env, capture_output=True, text=True
        )
        assert (
            r.returncode == 0
        ), f"README block failed:\n{block}\n--- stdout\n{r.stdout[-3000:]}\n--- stderr\n{r.stderr[-3000:]}"
    after = generated_files(repo)
    assert after == before, "`modelgen generate` on a fresh machine must reproduce the committed generated/"
    assert (repo / "build" / "models" / "pydantic_models.py").is_file()
    assert '"$defs"' in (repo / "fine_tuning.schema.json").read_text()
    assert (
        "docmodelgen"
        in subprocess.run(
            [str(user_env / "bin" / "pip"), "list"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert sys.executable  # the suite's own interpreter is untouched: everything ran in the copy
