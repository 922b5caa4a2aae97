"""The base year: a region's stated figures, their reconciliation and the adopted baseline.

- ``region``: the region folder format (key catalogue, loader, file-level checks);
- ``reconcile``: every identity among the report's statements, and what is adopted;
- ``adopted``: ``Baseline`` / ``FundBaseline``, exact identities, ``load_baseline()``;
- ``derived``: quantities the report does not state, each formula in its docstring.

Imports only ``model.errors``, ``model.units`` and ``model.paths``.
"""
from model.baseline.adopted import Baseline, FundBaseline, build_baseline, load_baseline
from model.baseline.region import (
           FUND_NAMES,
           FUNDS,
           KEYS,
           Region,
           default_region_dir,
           load_region,
           read_region,
)

__all__ = ["FUNDS", "FUND_NAMES", "KEYS", "Baseline", "FundBaseline", "Region", "build_baseline",
           "default_region_dir", "load_baseline", "load_region", "read_region"]
