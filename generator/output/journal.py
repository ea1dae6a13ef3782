"""All-or-nothing replacement of files in the output folder, safe against ``kill -9``.

The design: a journal, rolled forward or back by the next run (or by ``check``).

1. **Stage.** Every file that changes is written into ``OUT/.modelgen-txn/new/<path>`` (created
   with the mode a normal write gives: ``0o666`` less the umask, or the mode of the file it
   replaces) and flushed to disk. Every file the run replaces or removes gets a hard link (a copy
   where links are not supported) in ``OUT/.modelgen-txn/old/<path>``. OUT itself is untouched.
2. **Commit.** ``journal.json`` (the list of operations) is written beside them under a temporary
   name, flushed, and renamed into place. That rename is the commit point: before it the next run
   deletes ``.modelgen-txn`` (nothing in OUT changed); after it the next run finishes the renames.
3. **Apply.** Each staged file is renamed over its target (``os.replace``, atomic), files the run
   no longer produces are unlinked, and the manifest is replaced last; then ``.modelgen-txn`` is
   deleted. Every step can be repeated: a staged file that is gone was already moved.
4. **Roll back.** When a step fails in-process (a permission, a full disk), ``journal.json`` is
   renamed to ``rollback.json`` and every target gets its old file back from ``old/`` (a file that
   did not exist is unlinked). A kill during the roll-back leaves ``rollback.json``, which the
   next run finishes the same way.

So after a kill at any instant, OUT holds the old tree or the new one once ``recover`` has run;
``write`` and ``check`` both call it first. Between the kill and that call, a reader of OUT can
see a mix (no journal can hide it without a directory swap, which would move the user's own files).
Every temporary file modelgen makes lives in ``.modelgen-txn``: it is always cleaned up or
recognised as ours. One run at a time writes a folder: the folder is locked (``flock``) while a
run stages, commits and applies.

``MODELGEN_TEST_KILL_AT=N`` (for the crash tests only) sends SIGKILL to the process at its Nth
step (a staged file, a link, the commit, a rename, an unlink), so every instant between two
operations can be tested.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

TXN_DIR = ".modelgen-txn"
JOURNAL = "journal.json"
ROLLBACK = "rollback.json"
_KILL_ENV = "MODELGEN_TEST_KILL_AT"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None  # type: ignore[assignment]


class OutputError(Exception):
    """The output folder cannot be written or read: the environment, not a bug. Names the path."""


@dataclass(frozen=True)
class Operation:
    path: str  # relative POSIX path in OUT
    write: bool  # True: the staged file replaces it; False: it is removed
    had_old: bool  # there was a file before (a backup of it is in old/)


class _Steps:
    """The crash tests' hook: SIGKILL at step N (``MODELGEN_TEST_KILL_AT``)."""

    def __init__(self) -> None:
        self.count = 0
        value = os.environ.get(_KILL_ENV, "")
        self.kill_at = int(value) if value.isdigit() else 0

    def step(self) -> None:
        self.count += 1
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def describe(exc: OSError, path: Path) -> str:
    """``path: reason`` for an error of the environment (full disk, permissions, ...)."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    if exc.errno == errno.EFBIG:
        reason += " (a file-size limit: ulimit -f?)"
    return f"{Path(exc.filename).as_posix() if exc.filename else path.as_posix()}: {reason}"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder ``out`` (where ``flock`` exists)."""
    if fcntl is None:
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_all(paths: list[Path]) -> None:
    """Flush the staged files to disk, several at a time: a file system commits concurrent flushes
    together (eleven files one after the other cost 10-40 ms; in threads, a few)."""

    def flush(path: Path) -> None:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    failures: list[OSError] = []

    def flush_or_note(path: Path) -> None:
        try:
            flush(path)
        except OSError as exc:
            failures.append(exc)

    threads = [threading.Thread(target=flush_or_note, args=(path,)) for path in paths[1:]]
    for thread in threads:
        thread.start()
    if paths:
        flush_or_note(paths[0])
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def _write_new(path: Path, data: bytes, mode: Optional[int], sync: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def _backup(target: Path, backup: Path) -> None:
    backup.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def stage(out: Path, writes: dict[str, bytes], removes: list[str], steps: _Steps) -> list[Operation]:
    """Step 1 and 2: stage, back up, commit. Returns the committed operations."""
    txn = out / TXN_DIR
    txn.mkdir()
    ops: list[Operation] = []
    for rel, data in writes.items():
        target = out / rel
        had_old = target.is_file()
        mode = stat.S_IMODE(target.stat().st_mode) if had_old else None
        _write_new(txn / "new" / rel, data, mode, sync=False)  # flushed together before the commit
        steps.step()
        if had_old:
            _backup(target, txn / "old" / rel)
            steps.step()
        ops.append(Operation(rel, True, had_old))
    for rel in removes:
        _backup(out / rel, txn / "old" / rel)
        steps.step()
        ops.append(Operation(rel, False, True))
    _fsync_all([txn / "new" / op.path for op in ops if op.write])
    text = json.dumps([[op.path, op.write, op.had_old] for op in ops])
    _write_new(txn / (JOURNAL + ".tmp"), text.encode(), None)
    os.replace(txn / (JOURNAL + ".tmp"), txn / JOURNAL)
    _fsync_dir(txn)
    steps.step()
    return ops


def apply(out: Path, ops: list[Operation], steps: _Steps) -> None:
    """Step 3 (repeatable): move every staged file into place, remove the dropped ones."""
    txn = out / TXN_DIR
    for op in ops:
        target = out / op.path
        if op.write:
            staged = txn / "new" / op.path
            if staged.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
                steps.step()
        elif target.is_file():
            target.unlink()
            _remove_empty_parents(out, target)
            steps.step()
    _fsync_dir(out)
    _finish(out, steps)


def roll_back(out: Path, ops: list[Operation], steps: _Steps) -> None:
    """Step 4 (repeatable): every target gets its old file back."""
    txn = out / TXN_DIR
    if (txn / JOURNAL).exists():
        os.replace(txn / JOURNAL, txn / ROLLBACK)
        steps.step()
    for op in reversed(ops):
        target, backup = out / op.path, txn / "old" / op.path
        if op.had_old and backup.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(backup, target)
        elif not op.had_old and op.write and target.is_file() and not (txn / "new" / op.path).exists():
            target.unlink()
        steps.step()
    _finish(out, steps)


def _remove_empty_parents(out: Path, target: Path) -> None:
    """The folders a removed file leaves empty (a dropped ``tests/``), up to OUT."""
    parent = target.parent
    while parent != out and out in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent


def _finish(out: Path, steps: _Steps) -> None:
    shutil.rmtree(out / TXN_DIR)
    steps.step()


def _read_ops(path: Path) -> list[Operation]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [Operation(str(p), bool(w), bool(h)) for p, w, h in rows]


def recover(out: Path) -> str:
    """Finish what a killed run left in ``out``; returns what was done ("" when nothing)."""
    txn = out / TXN_DIR
    if not txn.is_dir() or txn.is_symlink():
        return ""
    steps = _Steps()
    try:
        if (txn / ROLLBACK).is_file():
            roll_back(out, _read_ops(txn / ROLLBACK), steps)
            return "rolled back an interrupted write"
        if (txn / JOURNAL).is_file():
            apply(out, _read_ops(txn / JOURNAL), steps)
            return "finished an interrupted write"
        shutil.rmtree(txn)
        return "removed the files of an interrupted write (nothing had been changed)"
    except OSError as exc:
        raise OutputError(f"cannot finish the interrupted write in {describe(exc, txn)}") from exc
    except (ValueError, TypeError) as exc:  # a journal cut short can only be one we did not commit
        raise OutputError(f"{(txn / JOURNAL).as_posix()}: unreadable journal ({exc})") from exc


def transact(out: Path, writes: dict[str, bytes], removes: list[str]) -> None:
    """Replace ``writes`` and remove ``removes`` in ``out``: all of them or none."""
    steps = _Steps()
    try:
        ops = stage(out, writes, removes, steps)
    except OSError as exc:
        shutil.rmtree(out / TXN_DIR, ignore_errors=True)
        raise OutputError(f"cannot write {describe(exc, out)}; nothing was changed") from exc
    try:
        apply(out, ops, steps)
    except OSError as exc:
        try:
            roll_back(out, ops, steps)
        except OSError as again:
            raise OutputError(
                f"cannot write {describe(exc, out)}, nor restore the old files ({describe(again, out)}); "
                f"the next `modelgen generate` or `check` finishes it from {TXN_DIR}"
            ) from exc
        raise OutputError(f"cannot write {describe(exc, out)}; the old files were restored") from exc
