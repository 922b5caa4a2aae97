"""Timing and memory helpers shared by the benchmark scripts.

Times on this shared 2-core machine swing 2–3× with the other work on it, so every timing is
also given as a ratio to a numpy **yardstick** timed just before it in the same process: a load
that slows numpy slows both. The yardstick is a fixed numpy workload shaped like the engine's
(elementwise arithmetic on a few hundred thousand floats, cumulative sums along rows, a selection).
"""
from __future__ import annotations

import statistics
import time
import tracemalloc

import numpy as np

_YARDSTICK_INPUT = np.random.default_rng(0).random((64, 4096))


def yardstick() -> None:
    """The fixed numpy workload (about 10 ms on this machine when it is quiet)."""
    x = _YARDSTICK_INPUT
    for _ in range(6):
        x = np.exp(-x) * 0.5 + np.cumsum(x, axis=1) * 1e-4
    np.partition(x, 100, axis=1)


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs after one warm-up call, seconds."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def against_yardstick(fn, repeat: int = 5, warm: bool = True) -> dict:
    """``fn()`` timed ``repeat`` times, each right after a yardstick run.

    Returns wall seconds (median, min, max), this process's CPU seconds (median: the engine is
    single-threaded, so CPU time is what the work costs whatever else runs), the yardstick's
    median seconds and the median of the per-pair ratios fn / yardstick.
    """
    if warm:
        fn()
    yardstick()
    times, yards, cpu = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        yardstick()
        middle = time.perf_counter()
        cpu_start = time.process_time()
        fn()
        cpu.append(time.process_time() - cpu_start)
        times.append(time.perf_counter() - middle)
        yards.append(middle - start)
    return {"seconds": statistics.median(times), "min_seconds": min(times), "max_seconds": max(times),
            "cpu_seconds": statistics.median(cpu),
            "yardstick_s": statistics.median(yards),
            "ratio": statistics.median(t / y for t, y in zip(times, yards))}


def peak_mib(fn) -> float:
    """Peak Python/numpy allocation (tracemalloc) during ``fn()``, MiB."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20
