"""One calibrated engine per region, built once per process and shared by the CLI, the analyses
and the app (``ui.runs`` wraps it in Streamlit's resource cache)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from model.engine.allocator import keep_heap_pages
from model.engine.core import Engine


@lru_cache(maxsize=4)
def get_engine(region_dir: str | None = None) -> Engine:
    """The calibrated engine for a region folder (``None``: the embedded Changji 2020 baseline).

    Keyed on the folder path as given; callers pass ``str(path)`` so equal folders share one engine.
    The first call also sets glibc's allocation thresholds for the engine's arrays
    (:func:`model.engine.allocator.keep_heap_pages`).
    """
    keep_heap_pages()
    return Engine.from_region(region_dir=None if region_dir is None else Path(region_dir))
