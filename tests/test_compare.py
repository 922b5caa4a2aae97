"""Comparison summary figures (model.analysis.compare) on arrays whose answers are worked by hand.

Engine-backed comparison of the shipped scenarios is in tests/test_compare_engine.py.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.analysis.compare import (discount_factors, first_year, summarise_frame, summarise_series)

YEARS = np.arange(2020, 2026)  # base year + 5 projected years


def _fund(current, accumulated, expenditure, subsidy, required=None):
    current, accumulated = np.atleast_2d(current).astype(float), np.atleast_2d(accumulated).astype(float)
    expenditure = np.atleast_2d(expenditure).astype(float)
    return {"current_balance": current, "accumulated_balance": accumulated,
            "payable_months": accumulated / (expenditure / 12),
            "fiscal_subsidy": np.atleast_2d(subsidy).astype(float),
            "required_subsidy": np.atleast_2d(required if required is not None
                                              else np.zeros_like(current)).astype(float)}


def test_first_year_and_never():
    mask = np.array([[False, False, True, True], [False, False, False, False]])
    got = first_year(mask, np.array([2020, 2021, 2022, 2023]))
    assert got[0] == 2022 and np.isnan(got[1])


def test_discount_factors_skip_the_base_year_rate():
    d = discount_factors(np.array([[0.5, 0.1, 0.2]]))
    np.testing.assert_allclose(d, [[1.0, 1 / 1.1, 1 / (1.1 * 1.2)]])


def test_summary_worked_by_hand():
    """Baseline: balance 100 falling by 30 a year from 2022 (deficits 30 in 2022-2025), so
    100, 100, 70, 40, 10, -20 → depletion 2025. Reform: deficits of 10 from 2024 only."""
    exp = np.full(6, 120.0)  # 10 a month
    base = _fund([5, 0, -30, -30, -30, -30], [100, 100, 70, 40, 10, -20], exp,
                 [1, 2, 2, 2, 2, 2], [0, 0, 0, 20, 50, 80])
    reform = _fund([5, 0, 0, 0, -10, -10], [100, 100, 100, 100, 90, 80], exp, [1, 1, 1, 1, 1, 1])
    series = {"enterprise_pension": {k: np.vstack([base[k], reform[k]]) for k in base}}
    rate = np.full((2, 6), 0.1)
    s = summarise_series(YEARS, series, ["baseline", "reform"], rate)
    b, r = s.iloc[0], s.iloc[1]
    assert (b["first_deficit_year"], b["depletion_year"]) == (2022, 2025)
    assert r["first_deficit_year"] == 2024 and pd.isna(r["depletion_year"])
    assert b["min_payable_months"] == pytest.approx(-2.0)          # -20 / 10
    assert b["min_payable_months_year"] == 2025
    assert r["min_payable_months"] == pytest.approx(8.0) and r["min_payable_months_year"] == 2025
    assert b["cumulative_subsidy"] == 10 and r["cumulative_subsidy"] == 5   # base year excluded
    assert b["cumulative_required_subsidy"] == 150
    # PV of deficits at 10%: 30/1.1² + 30/1.1³ + 30/1.1⁴ + 30/1.1⁵
    pv_base = sum(30 / 1.1 ** k for k in (2, 3, 4, 5))
    pv_reform = 10 / 1.1 ** 4 + 10 / 1.1 ** 5
    assert b["pv_deficits"] == pytest.approx(pv_base) and r["pv_deficits"] == pytest.approx(pv_reform)
    assert r["d_pv_deficits"] == pytest.approx(pv_reform - pv_base)
    assert r["d_first_deficit_year"] == 2 and pd.isna(r["d_depletion_year"])
    assert r["d_horizon_balance"] == 100 and b["d_horizon_balance"] == 0
    assert s.attrs["baseline"] == "baseline"


def test_summary_from_long_frame_equals_summary_from_arrays():
    exp = np.full(6, 120.0)
    f = _fund([5, 0, -30, -30, -30, -30], [100, 100, 70, 40, 10, -20], exp, [1, 2, 2, 2, 2, 2])
    rows = [{"scenario": sc, "fund": "unemployment", "year": int(y), "indicator": k,
             "value": float(v[0, i]) + (25.0 if sc == "b" and k == "accumulated_balance" else 0.0),
             "unit": "万元"}
            for sc in ("a", "b") for k, v in f.items() for i, y in enumerate(YEARS)]
    frame = pd.DataFrame(rows)
    got = summarise_frame(frame, 0.1, baseline="a")
    assert list(got["scenario"]) == ["a", "b"]
    assert got.loc[0, "depletion_year"] == 2025 and pd.isna(got.loc[1, "depletion_year"])
    assert got.loc[1, "d_horizon_balance"] == 25
