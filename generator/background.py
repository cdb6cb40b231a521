"""Run parts of the generator in other processes while the site engine works.

MkDocs builds on one core. :class:`Results` lets forked children (and their own
children) compute numbered results for this process: each result is pickled into
a temporary file of its own and announced on a pipe of its own, so a child never
waits for this process to read, and a result that never comes (the child failed)
shows as the end of its pipe.

Where forking is not possible or not safe (Windows, a process that runs threads,
such as ``mkdocs serve`` rebuilding), or when a child did not deliver, each result
is computed in this process when it is first asked for, by the fallback given to
:meth:`Results.get`: same values, same bytes, and any exception is raised here,
with its usual traceback.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, Generic, TypeVar

T = TypeVar("T")

_MISSING: Any = object()


def can_fork() -> bool:
    """True where a child can safely be forked: POSIX, and no other thread that could hold a lock."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Results:
    """``count`` numbered results, computed by descendant processes where possible."""

    def __init__(self, count: int, *, parallel: bool = True) -> None:
        self.parallel = parallel and can_fork()
        self._values: dict[int, Any] = {}
        self._children: list[int] = []
        self._reading = False
        if self.parallel:
            self._files: list[BinaryIO] = [tempfile.TemporaryFile() for _ in range(count)]
            self._pipes = [os.pipe() for _ in range(count)]

    def fork(self, jobs: Sequence[tuple[int, Callable[[], Any]]]) -> bool:
        """Compute ``(index, function)`` jobs in order in a new child; False if no child was started.

        May be called from a child (its own child then delivers to the same process).
        """
        if not self.parallel or self._reading or not can_fork():
            return False
        try:
            pid = os.fork()
        except OSError:
            return False
        if pid == 0:  # the child: compute, deliver, and leave without running the parent's exit handlers
            status = 0
            try:
                gc.disable()  # short-lived: reference counting frees enough, and no scan touches shared pages
                self._children = []
                for index, function in jobs:
                    stream = self._files[index]
                    pickle.dump(function(), stream, protocol=pickle.HIGHEST_PROTOCOL)
                    stream.flush()
                    os.write(self._pipes[index][1], b".")
                for child in self._children:  # a child's own children end before it does
                    os.waitpid(child, 0)
            except BaseException:  # noqa: BLE001 - the reader recomputes what is missing
                status = 1
            finally:
                os._exit(status)
        self._children.append(pid)
        return True

    def get(self, index: int, fallback: Callable[[], T]) -> T:
        """Result ``index``: from the child that computed it, else computed here by ``fallback``."""
        if index not in self._values:
            value = self._receive(index) if self.parallel else _MISSING
            self._values[index] = fallback() if value is _MISSING else value
        return self._values[index]

    def _stop_writing(self) -> None:
        """Close this process's write ends (once): children hold their own copies, so an
        empty read then means that no process will deliver that result."""
        if not self._reading:
            self._reading = True
            for _, write_end in self._pipes:
                os.close(write_end)

    def _receive(self, index: int) -> Any:
        self._stop_writing()
        read_end = self._pipes[index][0]
        if read_end < 0:
            return _MISSING
        try:
            announced = os.read(read_end, 1)
        finally:
            os.close(read_end)
            self._pipes[index] = (-1, -1)
            self._reap(wait=all(r < 0 for r, _ in self._pipes))
        if not announced:
            return _MISSING
        stream = self._files[index]
        try:
            stream.seek(0)
            return pickle.load(stream)
        except Exception:  # noqa: BLE001 - unreadable: the reader recomputes it
            return _MISSING
        finally:
            stream.close()

    def _reap(self, wait: bool) -> None:
        """Collect the children that have ended, or all of them once every result is in."""
        for pid in list(self._children):
            try:
                done, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self._children.remove(pid)

    def close(self) -> None:
        """Wait for this process's children (their results, if any, are no longer needed)."""
        if not self.parallel:
            return
        self._stop_writing()
        for index, (read_end, _) in enumerate(self._pipes):
            if read_end >= 0:
                os.close(read_end)
                self._pipes[index] = (-1, -1)
        for pid in self._children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self._children = []
        for stream in self._files:
            stream.close()


class Deferred(Generic[T]):
    """The result of one function given to :func:`in_background`."""

    def __init__(self, results: Results, index: int, function: Callable[[], T]) -> None:
        self._results = results
        self._index = index
        self._function = function

    def result(self) -> T:
        return self._results.get(self._index, self._function)


def in_background(*functions: Callable[[], Any], parallel: bool = True) -> list[Deferred[Any]]:
    """Start ``functions`` in one child process, run in order; return their deferred results."""
    results = Results(len(functions), parallel=parallel)
    results.fork(list(enumerate(functions)))
    return [Deferred(results, index, function) for index, function in enumerate(functions)]
