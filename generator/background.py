"""Run part of the generator on a second core while the site engine works on the first.

MkDocs builds on one core. Once the content is loaded and checked, the pages and
the downloads depend on nothing else: ``in_background(f, g)`` computes them in a
forked child process, in that order, while MkDocs cleans the site folder, collects
the theme's files and converts the first pages. Each result comes back pickled
(in a temporary file); ``Deferred.result()`` waits for it.

Where forking is not possible or not safe (Windows, a process that runs threads,
such as ``mkdocs serve``), or if the child fails for any reason, the function runs
in this process when its result is first asked for: same values, same bytes, and
any exception is raised here, with its usual traceback.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from collections.abc import Callable
from typing import Any, BinaryIO, Generic, TypeVar

T = TypeVar("T")

_MISSING: Any = object()


def can_fork() -> bool:
    """True where a child can safely be forked: POSIX, and no other thread that could hold a lock."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Deferred(Generic[T]):
    """The result of one function given to :func:`in_background`."""

    def __init__(self, function: Callable[[], T], channel: _Channel | None, index: int) -> None:
        self._function = function
        self._channel = channel
        self._index = index
        self._value: T = _MISSING

    def result(self) -> T:
        if self._value is _MISSING:
            value = self._channel.receive(self._index) if self._channel is not None else _MISSING
            self._value = self._function() if value is _MISSING else value
            self._function = None  # type: ignore[assignment]  # drop what the closure holds
        return self._value


def in_background(*functions: Callable[[], Any], parallel: bool = True) -> list[Deferred[Any]]:
    """Start ``functions`` in one child process, run in order; return their deferred results."""
    channel = _Channel.start(functions) if parallel and can_fork() else None
    return [Deferred(function, channel, index) for index, function in enumerate(functions)]


class _Channel:
    """Results from the child: each pickled into a temporary file of its own, announced on a pipe.

    A file rather than the pipe itself: a pipe holds 64 KiB, so a child writing megabytes
    would wait, result after result, for this process to come and read.
    """

    def __init__(self, pid: int, signals: BinaryIO, results: list[BinaryIO]) -> None:
        self._pid = pid
        self._signals: BinaryIO | None = signals
        self._results = results
        self._ready = 0  # results announced so far

    @classmethod
    def start(cls, functions: tuple[Callable[[], Any], ...]) -> _Channel | None:
        try:
            results = [tempfile.TemporaryFile() for _ in functions]
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            status = 0
            try:
                os.close(read_end)
                for function, stream in zip(functions, results):
                    pickle.dump(function(), stream, protocol=pickle.HIGHEST_PROTOCOL)
                    stream.flush()
                    os.write(write_end, b".")
            except BaseException:  # noqa: BLE001 - the parent recomputes what is missing
                status = 1
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(pid, os.fdopen(read_end, "rb", buffering=0), results)

    def receive(self, index: int) -> Any:
        """Result ``index``, or _MISSING if the child did not deliver it."""
        while self._ready <= index and self._signals is not None:
            announced = self._signals.read(1)
            self._ready += len(announced)
            if not announced or self._ready == len(self._results):  # the child ended early, or is done
                self._signals.close()
                self._signals = None
                os.waitpid(self._pid, 0)
        if index >= self._ready:
            return _MISSING
        stream = self._results[index]
        try:
            stream.seek(0)
            return pickle.load(stream)
        except Exception:  # noqa: BLE001 - unreadable: the parent recomputes it
            return _MISSING
        finally:
            stream.close()
