"""glibc's allocation thresholds for the engine's medium-sized arrays.

A batch of 1,000 scenario variants over 2020–2100 makes many short-lived arrays of a few MiB
(batch × years × ages). glibc serves each one above its mmap threshold (128 KiB at first,
raised only as such blocks are freed) with a fresh memory map, and gives the pages back to the
system when the array is freed, so the next year's arrays fault the same pages in again: in this
project's benchmark a third of the batch's time was page faults. :func:`keep_heap_pages` raises
the two thresholds once per process:

- ``M_MMAP_THRESHOLD`` = 16 MiB: arrays below it come from the heap and are reused;
- ``M_TRIM_THRESHOLD`` = 128 MiB: up to that much free memory at the top of the heap is kept
  rather than returned to the system after each step.

Measured (benchmarks/README.md, issue 13 third pass): 1,000 variants 0.10 s → 0.05 s; the
100,000-path Monte Carlo run's peak stays under 1 GiB (its kept series are one map of their own,
above the threshold). Values are unaffected: only where memory comes from changes. Larger
thresholds were measured and not used (a 1 GiB mmap threshold put the 100,000-path run at
1.2 GiB). Nothing happens off glibc, or when the environment already sets either threshold
(``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TRIM_THRESHOLD_``): the user's setting wins.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import lru_cache

M_TRIM_THRESHOLD = -1          # glibc <malloc.h>
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 16 * 2**20
TRIM_THRESHOLD_BYTES = 128 * 2**20
ENVIRONMENT = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


@lru_cache(maxsize=1)
def keep_heap_pages() -> bool:
    """Set the two thresholds once per process; True if glibc took them, False if skipped
    (not glibc, or the environment sets a threshold) or refused."""
    if any(name in os.environ for name in ENVIRONMENT):
        return False
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): leave the allocator alone
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))
