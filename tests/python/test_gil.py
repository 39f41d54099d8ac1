"""Runs release the GIL (issue 19): while a Monte Carlo run computes in one thread, Python code in
another keeps running — no pause of the main thread as long as the run."""

import threading
import time

import pytest

import decarbfund


def test_a_run_in_a_thread_leaves_the_interpreter_free(dataset):
    done = threading.Event()
    result = {}

    def run():
        result["mc"] = decarbfund.montecarlo(draws=600, seed=3, threads=1, dataset=dataset)
        done.set()

    worker = threading.Thread(target=run)
    started = time.perf_counter()
    worker.start()
    last = started
    longest_pause = 0.0
    spins = 0
    while not done.is_set():
        now = time.perf_counter()
        longest_pause = max(longest_pause, now - last)
        last = now
        spins += 1
    seconds = time.perf_counter() - started
    worker.join()
    assert result["mc"].doc["meta"]["draws"] == 600
    print(f"main thread: {spins} iterations, longest pause {longest_pause * 1000:.1f} ms, during a "
          f"{seconds:.2f} s Monte Carlo run in another thread")
    if seconds < 0.6:
        pytest.skip(f"the run took {seconds:.2f} s: too short to tell a held GIL from a released one")
    # Holding the GIL, the worker would stop this loop for the whole run; released, the loop pauses
    # only for the interpreter's switch interval (5 ms), the machine's scheduling and the moments
    # the worker needs the interpreter (turning the report into Python objects at the end). A
    # fixed 0.3 s failed at 0.302 s on a loaded 2-core machine, so the bound is a share of the run:
    # a held GIL pauses the loop for nearly all of it.
    assert longest_pause < max(0.3, seconds / 4)
