"""Timing and memory helpers shared by the benchmark scripts."""
from __future__ import annotations

import statistics
import time
import tracemalloc


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs after one warm-up call, seconds."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mib(fn) -> float:
    """Peak Python/numpy allocation (tracemalloc) during ``fn()``, MiB."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20
