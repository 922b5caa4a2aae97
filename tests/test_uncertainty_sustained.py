"""The first *sustained* deficit year (model.analysis.compare): three consecutive years of current
deficit, worked by hand on small arrays, and its place in the comparison summary."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.analysis.compare import (FIGURE_LABELS, FIGURES, SUSTAINED_YEARS, first_run_start,
                                    format_summary, summarise_series)

YEARS = np.arange(2020, 2030)  # base year + 9 projected years


def _by_hand(deficit: list[bool], years, run: int) -> float:
    """The definition spelled out: the first i with deficit[i..i+run-1] all true."""
    for i in range(len(deficit) - run + 1):
        if all(deficit[i:i + run]):
            return float(years[i])
    return float("nan")


def test_definition_is_three_years_running():
    assert SUSTAINED_YEARS == 3


def test_isolated_dips_are_not_sustained():
    years = np.arange(2021, 2031)
    rows = [
        [0, 1, 0, 1, 1, 0, 1, 1, 1, 1],   # dips 2022, 2024–25; sustained from 2027
        [1, 1, 1, 0, 0, 0, 0, 0, 0, 0],   # sustained at once (2021)
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],   # two years at the horizon: not yet known to last
        [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],   # exactly three at the horizon: 2028
        [0] * 10,
    ]
    mask = np.array(rows, dtype=bool)
    got = first_run_start(mask, years)
    want = [_by_hand(list(r), years, 3) for r in mask]
    np.testing.assert_array_equal(got, want)
    assert got[0] == 2027 and got[1] == 2021 and np.isnan(got[2]) and got[3] == 2028
    assert np.isnan(got[4])


def test_run_of_one_is_first_year_and_short_horizon():
    years = np.arange(2021, 2026)
    mask = np.array([[0, 0, 1, 0, 1]], dtype=bool)
    assert first_run_start(mask, years, run=1)[0] == 2023
    assert np.isnan(first_run_start(mask[:, :2], years[:2])[0])   # fewer years than the run


def test_random_masks_match_the_definition():
    rng = np.random.default_rng(4)
    years = np.arange(2021, 2061)
    mask = rng.random((200, 40)) < 0.6
    got = first_run_start(mask, years)
    want = [_by_hand(list(r), years, 3) for r in mask]
    np.testing.assert_array_equal(got, want)


def _series(current):
    current = np.atleast_2d(np.asarray(current, dtype=float))
    acc = 100 + np.cumsum(current, axis=1)
    exp = np.full_like(current, 120.0)
    return {"current_balance": current, "accumulated_balance": acc,
            "payable_months": acc / (exp / 12), "fiscal_subsidy": np.zeros_like(current)}


def test_summary_puts_sustained_beside_first_deficit():
    """Baseline dips in 2021 (the year after the base year) and again in 2023, then runs deficits
    from 2025: first deficit 2021, sustained 2025. The reform's deficits of 2027–28 are only two
    years before the 2029 surplus: first deficit 2027, never sustained."""
    base = [-9, -1, 2, -1, 3, -5, -5, -5, -5, -5]
    reform = [-9, 1, 2, 1, 3, 1, 1, -5, -5, 4]
    s = {"enterprise_pension": {k: np.vstack([a, b]) for (k, a), b in
                                zip(_series(base).items(), _series(reform).values())}}
    out = summarise_series(YEARS, s, ["baseline", "reform"], np.zeros((2, 10)))
    b, r = out.iloc[0], out.iloc[1]
    assert (b["first_deficit_year"], b["first_sustained_deficit_year"]) == (2021, 2025)
    assert r["first_deficit_year"] == 2027 and pd.isna(r["first_sustained_deficit_year"])
    assert pd.isna(r["d_first_sustained_deficit_year"])
    assert out["first_sustained_deficit_year"].dtype == "Int64"
    names = [f[0] for f in FIGURES]
    assert names.index("first_sustained_deficit_year") == names.index("first_deficit_year") + 1
    zh, en = FIGURE_LABELS["first_sustained_deficit_year"]
    assert "连续3年" in zh and "3 years running" in en
    text_zh = format_summary(out, "zh")
    text_en = format_summary(out, "en")
    assert zh in text_zh and en in text_en
    assert "无" in text_zh and "none" in text_en          # the reform's sustained year: none
