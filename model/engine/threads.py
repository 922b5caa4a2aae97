"""One BLAS thread for the engine's small matrix products.

The engine's products are small (a survivor matrix is at most 82 × 362 by 362 × 81; a batch's
pension mass is batch × T by T × T). OpenBLAS splits them over every core and then keeps its
idle workers spinning on the other core for a while after each call, which on a shared 2-core
machine steals the time the next numpy step needs: measured on this project's machine, the
2020–2100 baseline takes 33 ms with OpenBLAS's default 2 threads and 7 ms with one
(benchmarks/README.md). :func:`one_blas_thread` limits BLAS to one thread for the duration of a
block and restores the caller's setting afterwards, so code around the engine keeps its own.

    with one_blas_thread():
        result = engine.run_levers(levers)
"""
from __future__ import annotations

from functools import lru_cache

from threadpoolctl import ThreadpoolController


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """The loaded BLAS libraries, found once per process (≈ 20 ms; the limit itself ≈ 10 µs)."""
    return ThreadpoolController()


def one_blas_thread():
    """Context manager: BLAS (OpenBLAS, MKL, BLIS) on one thread inside the block."""
    return _controller().limit(limits=1, user_api="blas")
