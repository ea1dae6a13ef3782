"""compile() of every generated module before anything is written, in a second process while the
main one renders the next module.

The compile is the check that an emitter bug (a module that does not compile) is caught before a
byte is written; on a large spec it is a third of the run (1.6 s of mistral's 4.3 s). Where the
platform can fork and the process has one thread, a child process forked before rendering
compiles each module as soon as it is rendered (sent through a pipe by a writer thread, so that
rendering never waits for the child), so on two cores the compiles overlap the rendering; the
last module is compiled by the parent while the child finishes. The child reports every module that does not compile; the
parent compiles itself any module it did not send in that very text (one changed after it was
sent) and, when the child fails or cannot be started, every module: the guarantee does not
depend on the child. The error named is the first in sorted order, as a serial compile gives.
"""

from __future__ import annotations
import __future__

import gc
import json
import os
import queue
import re
import signal
import struct
import threading
from typing import Optional

_FRAME = struct.Struct("<IQ")  # the length of a module's path and of its text (UTF-8)


# compile() of one module of 8 MB (a dataclass module of 1,000 objects) peaks at ~600 MiB, its
# syntax tree; compiled a few top-level statements at a time, the peak is that of one piece
_PIECE = 1 << 18
# a line that starts a statement at column 0 (black indents every continuation and every line of
# a docstring but a module's, which lies in the first piece), and not a clause of the one before
_TOP_LEVEL = re.compile(r"\n(?=[A-Za-z_])(?!(?:else|elif|except|finally)\b)")


def compile_error(rel: str, text: str) -> Optional[str]:
    """Why ``text`` (the module ``rel``) does not compile, or None when it does. A large module is
    compiled in pieces cut between top-level statements (with its ``__future__`` flags); a piece
    that fails, or a cut that may change the meaning (a later ``__future__`` import), sends the
    whole module to compile(), whose verdict and message are the ones given."""
    pieces = _pieces(text)
    if len(pieces) > 1 and not any("from __future__" in p for p in pieces[1:]):
        flags = _future_flags(pieces[0])
        try:
            for piece in pieces:
                compile(piece, rel, "exec", flags=flags, dont_inherit=True)
            return None
        except (SyntaxError, ValueError):
            pass  # the whole module says where, or that the cut was wrong
    try:
        compile(text, rel, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or 1
        return f"the generated module {rel} does not compile (line {line}: {exc})"
    return None


def _pieces(text: str) -> list[str]:
    """``text`` cut at top-level statements into pieces of about ``_PIECE`` characters."""
    if len(text) <= _PIECE:
        return [text]
    pieces, start = [], 0
    for cut in _TOP_LEVEL.finditer(text, _PIECE):
        at = cut.start() + 1
        if at - start >= _PIECE and not text.startswith("@", text.rfind("\n", 0, at - 1) + 1):
            pieces.append(text[start:at])  # (not between a decorator and what it decorates)
            start = at
    pieces.append(text[start:])
    return pieces


def _future_flags(head: str) -> int:
    """The compiler flags of the ``from __future__`` imports at the top of a module."""
    names = [
        n.strip()
        for line in re.findall(r"^from __future__ import ([\w, ]+)", head, re.M)
        for n in line.split(",")
    ]
    return sum(getattr(__future__, n).compiler_flag for n in names if hasattr(__future__, n))


class ModuleCompiler:
    """``submit`` each module as it is made; ``errors`` (after the last) gives those that do not
    compile. ``close`` ends the child in any case (``errors`` calls it)."""

    def __init__(self, parallel: bool = True) -> None:
        self._sent: dict[str, str] = {}  # what the child has, by path
        self._held: Optional[tuple[str, str]] = None
        self._pid = 0
        self._outgoing: Optional[queue.SimpleQueue[Optional[bytes]]] = None  # to the writer thread
        self._writer: Optional[threading.Thread] = None
        self._from_child = -1
        if parallel and hasattr(os, "fork") and threading.active_count() == 1:
            self._start()

    def _start(self) -> None:
        inbox, to_child = os.pipe()
        from_child, outbox = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (inbox, to_child, from_child, outbox):
                os.close(fd)
            return
        if pid == 0:  # the child: never returns
            os.close(to_child)
            os.close(from_child)
            _serve(inbox, outbox)
        os.close(inbox)
        os.close(outbox)
        self._pid, self._from_child = pid, from_child
        # a pipe holds 64 kB: a thread writes, so that rendering goes on while the child is busy
        self._outgoing = queue.SimpleQueue()
        self._writer = threading.Thread(target=_write_all, args=(to_child, self._outgoing), daemon=True)
        self._writer.start()

    def submit(self, rel: str, text: str) -> None:
        """Hand a module to the child; the latest one is held back, and compiled here by
        ``errors`` while the child finishes the others."""
        if not rel.endswith(".py") or self._outgoing is None:
            return
        held, self._held = self._held, (rel, text)
        if held is None:
            return
        data = held[1].encode("utf-8", "surrogatepass")
        name = held[0].encode("utf-8", "surrogatepass")
        self._outgoing.put(_FRAME.pack(len(name), len(data)) + name + data)
        self._sent[held[0]] = held[1]

    def errors(self, files: dict[str, str]) -> list[str]:
        """Why each Python file of ``files`` that does not compile does not, in sorted order."""
        self._end_input()  # the child finishes what it has while this compiles the rest
        found: dict[str, str] = {}
        for rel, text in sorted(files.items()):
            if rel.endswith(".py") and self._sent.get(rel) is not text:
                error = compile_error(rel, text)
                if error is not None:
                    found[rel] = error
        from_child = self._child_errors()
        if from_child is None:  # no child, or it failed: what it had is compiled here
            for rel, text in sorted(self._sent.items()):
                error = compile_error(rel, text) if files.get(rel) is text else None
                if error is not None:
                    found[rel] = error
        else:
            found.update((rel, e) for rel, e in from_child.items() if files.get(rel) is self._sent.get(rel))
        return [found[rel] for rel in sorted(found)]

    def _end_input(self) -> None:
        if self._outgoing is not None:
            self._outgoing.put(None)  # the writer closes the pipe after the last module
            self._outgoing = None

    def _child_errors(self) -> Optional[dict[str, str]]:
        if not self._pid:
            return None
        try:
            chunks = []
            while chunk := os.read(self._from_child, 1 << 16):
                chunks.append(chunk)
            rows = json.loads(b"".join(chunks).decode("utf-8", "surrogatepass"))
            return {str(rel): str(error) for rel, error in rows}
        except (OSError, ValueError, TypeError):
            return None
        finally:
            self.close(finished=True)

    def close(self, finished: bool = False) -> None:
        """End the child: a run that stops early (an error while rendering) does not wait for it."""
        if self._pid and not finished:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except OSError:
                pass
        self._end_input()
        if self._from_child >= 0:
            os.close(self._from_child)
            self._from_child = -1
        if self._pid:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0
        if self._writer is not None:
            self._writer.join()  # it stops at the end of its queue, or when the pipe breaks
            self._writer = None


def _write_all(fd: int, outgoing: queue.SimpleQueue[Optional[bytes]]) -> None:
    """The parent's writer thread: each module to the child, until None (or a broken pipe: the
    child is gone, and the parent compiles what it sent)."""
    try:
        while (data := outgoing.get()) is not None:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
    except OSError:
        pass
    finally:
        os.close(fd)


def _serve(inbox: int, outbox: int) -> None:
    """The child: compile each module read from ``inbox``; write the failures to ``outbox``."""
    status = 1
    try:
        gc.disable()  # a short life: no collection touching (and copying) the parent's pages
        rows: list[tuple[str, str]] = []
        with os.fdopen(inbox, "rb") as stream:
            while head := stream.read(_FRAME.size):
                name_len, text_len = _FRAME.unpack(head)
                rel = stream.read(name_len).decode("utf-8", "surrogatepass")
                text = stream.read(text_len).decode("utf-8", "surrogatepass")
                error = compile_error(rel, text)
                if error is not None:
                    rows.append((rel, error))
        data = json.dumps(rows).encode("utf-8", "surrogatepass")
        while data:
            data = data[os.write(outbox, data) :]
        status = 0
    finally:
        os._exit(status)
