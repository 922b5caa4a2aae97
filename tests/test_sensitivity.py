"""One-at-a-time sensitivity through the real engine."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine import get_engine
from model.analysis.sensitivity import ASSUMPTIONS, run_sensitivity, sensitivity_levers


@pytest.fixture(scope="module")
def engine():
    return get_engine()


@pytest.fixture(scope="module")
def table(engine):
    return run_sensitivity(engine=engine, end=2060)


def test_batch_is_one_call_with_base_and_two_sides(engine, table):
    assert table.attrs["batch"] == 1 + 2 * len(ASSUMPTIONS)
    assert len(table) == 6 * len(ASSUMPTIONS)


def test_levers_moved_by_delta_in_projected_years_only(engine):
    base = engine.levers([{}], 2060)
    ls = sensitivity_levers(base)
    i = [a.key for a in ASSUMPTIONS].index("wage_growth")
    w = ls["economy.wage_growth"]
    np.testing.assert_allclose(w[1 + 2 * i, 1:], base["economy.wage_growth"][0, 1:] - 0.01)
    np.testing.assert_allclose(w[2 + 2 * i, 1:], base["economy.wage_growth"][0, 1:] + 0.01)
    assert w[1 + 2 * i, 0] == base["economy.wage_growth"][0, 0]
    j = [a.key for a in ASSUMPTIONS].index("unemployment_incidence")
    u = ls["unemployment.incidence"]
    np.testing.assert_allclose(u[2 + 2 * j, 1:] / base["unemployment.incidence"][0, 1:], 1.2)


def test_base_row_is_the_baseline_run(engine, table):
    run = engine.run([{}], end=2060).series
    for fund in ("enterprise_pension", "unemployment", "total"):
        rows = table[table["fund"] == fund]
        assert rows["horizon_balance_base"].iloc[0] == pytest.approx(
            run[fund]["accumulated_balance"][0, -1], rel=1e-12)  # batch round-off only


@pytest.mark.parametrize("key, fund, sign_high", [
    ("wage_growth", "enterprise_pension", +1),
    ("pension_adjustment", "enterprise_pension", -1),
    ("unemployment_incidence", "unemployment", -1),
    ("unemployment_duration", "unemployment", -1),
])
def test_tornado_directions(table, key, fund, sign_high):
    row = table[(table["assumption"] == key) & (table["fund"] == fund)].iloc[0]
    assert np.sign(row["balance_effect_high"]) == sign_high
    assert np.sign(row["balance_effect_low"]) == -sign_high


def test_sorted_by_swing_within_fund(table):
    for _, part in table.groupby("fund"):
        assert part["balance_swing"].is_monotonic_decreasing
