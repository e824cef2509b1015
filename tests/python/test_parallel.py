"""The core releases the GIL, keeps order across threads, and survives fork."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time

import pytest

import newsfacts as nf

TEXT = (
    "Libyan Field Marshal Khalifa Haftar held talks in Rome this week "
    "with Italian Defence Minister Roberta Pinotti. "
)


def test_gil_is_released_while_the_core_works():
    stamps: list[float] = []
    stop = threading.Event()

    def spin():
        i = 0
        while not stop.is_set():
            i += 1
            if i % 2000 == 0:
                stamps.append(time.perf_counter())

    arts = [TEXT * 20] * 3000
    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    t0 = time.perf_counter()
    nf.extract(arts, threads=1)
    t1 = time.perf_counter()
    stop.set()
    t.join()
    assert t1 - t0 > 0.1, "the workload is too small to tell"
    middle = [s for s in stamps if t0 + 0.25 * (t1 - t0) < s < t1 - 0.25 * (t1 - t0)]
    assert middle, "another Python thread made no progress while extract() ran: the GIL was held"


def test_concurrent_calls_from_python_threads_agree():
    arts = [TEXT + str(i) for i in range(200)]
    expected = nf.extract(arts, threads=1)
    results: list[list[dict]] = [[] for _ in range(4)]

    def work(k):
        results[k] = nf.extract(arts, threads=2)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(r == expected for r in results)


def _child(q):
    q.put(len(nf.extract([TEXT] * 50, threads=2)))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_pool_is_rebuilt_after_fork():
    nf.extract([TEXT] * 50, threads=2)  # the parent builds its pool
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    p.start()
    p.join(timeout=60)
    assert p.exitcode == 0, "the forked child hung or crashed"
    assert q.get(timeout=5) == 50


def test_threads_env_switch_is_honoured(monkeypatch):
    import subprocess
    import sys

    code = "import newsfacts as nf; print(nf.Extractor()._core.default_threads())"
    env = {**os.environ, "NEWSFACTS_THREADS": "3"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"
