"""The generator's second core: same results as inline, failures recomputed in this process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from generator.background import can_fork, in_background
from tests.conftest import ROOT

POSIX = hasattr(os, "fork")


def _fail() -> None:
    raise ValueError("panne voulue")


def test_inline_when_parallel_is_off() -> None:
    first, second = in_background(os.getpid, lambda: "deux", parallel=False)
    assert second.result() == "deux" and first.result() == os.getpid()


def test_a_failing_function_raises_here_with_its_own_error() -> None:
    ok, failing, after = in_background(lambda: 1, _fail, lambda: 3)
    assert ok.result() == 1
    with pytest.raises(ValueError, match="panne voulue"):
        failing.result()
    assert after.result() == 3  # the child stopped at the failure: recomputed here


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        (pid,) = in_background(os.getpid)
        assert pid.result() == os.getpid()
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not POSIX, reason="fork n'existe pas sous Windows : tout se calcule dans le processus")
def test_results_come_from_a_child_in_order_and_unchanged() -> None:
    # A fresh interpreter: no thread from the test runner can make forking unsafe.
    script = """
import os, time
from generator.background import can_fork, in_background
assert can_fork()
big = "é" * 5_000_000  # larger than a pipe's buffer
start = time.perf_counter()
slow, pid, text = in_background(lambda: time.sleep(0.5) or "lent", os.getpid, lambda: big)
assert time.perf_counter() - start < 0.3, "in_background must not wait for the child"
assert slow.result() == "lent"
assert pid.result() != os.getpid()
assert text.result() == big
try:
    os.waitpid(-1, os.WNOHANG)
    raise AssertionError("the child was not reaped")
except ChildProcessError:
    pass
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "ok\n", result.stderr


@pytest.mark.skipif(not POSIX, reason="fork n'existe pas sous Windows")
def test_a_child_that_dies_is_replaced_by_an_inline_computation() -> None:
    script = """
import os
from generator.background import in_background
parent = os.getpid()
def dies():
    if os.getpid() != parent:
        os._exit(9)  # the child vanishes without a word
    return "calculé ici"
(value,) = in_background(dies)
assert value.result() == "calculé ici"
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "ok\n", result.stderr


def test_deferred_result_is_computed_once() -> None:
    calls = []
    (value,) = in_background(lambda: calls.append(time.time()) or len(calls), parallel=False)
    assert value.result() == 1 and value.result() == 1 and len(calls) == 1
