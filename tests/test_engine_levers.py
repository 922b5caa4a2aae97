"""Levers move results by hand-checkable amounts."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.core import Engine


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region()


@pytest.mark.parametrize("fund", ["enterprise_pension", "work_injury", "unemployment"])
def test_deferral_moves_money_one_year_later_and_no_more(engine, fund):
    """Deferring half of 2021's employer contributions: 2021 loses share × employer due, 2022
    gains exactly that, later years are untouched (policy-facts §2: deferrals repaid in full)."""
    # against no deferral at all (the default defers 2% in 2022, see test_known_policy.py)
    result = engine.run([{f"{fund}.deferral_share": 0.0},
                         {f"{fund}.deferral_share": {2021: 0.5, 2022: 0.0}}], end=2026)
    c = result.series[fund]["contributions"]
    lost = c[0, 1] - c[1, 1]
    assert lost > 0
    assert c[1, 2] - c[0, 2] == pytest.approx(lost, rel=1e-12)
    np.testing.assert_allclose(c[1, 3:], c[0, 3:], rtol=1e-12)
    # the employer share of 2021's contributions due (no relief in 2021): rates from levers.toml
    rates = {"enterprise_pension": 0.16 / 0.24, "unemployment": 0.5}
    if fund in rates:
        assert lost == pytest.approx(0.5 * rates[fund] * c[0, 1], rel=1e-9)
    else:   # work injury: all of it is the employer's
        assert lost == pytest.approx(0.5 * c[0, 1], rel=1e-9)


def test_pooling_transfer_adds_to_income_one_for_one(engine):
    result = engine.run([{}, {"enterprise_pension.pooling_transfer": {2025: 10000.0}}], end=2030)
    s = result.series["enterprise_pension"]
    years = list(result.years)
    i = years.index(2025)
    # it is money from the upper level: 上级补助收入 (issue 12 §2), not 转移收入
    assert s["upper_subsidy_in"][1, i] - s["upper_subsidy_in"][0, i] == pytest.approx(10000.0)
    assert s["income_total"][1, i] - s["income_total"][0, i] == pytest.approx(10000.0)
    np.testing.assert_array_equal(s["transfer_in"][1], s["transfer_in"][0])
    # the subsidy follows expenditure (share rule), so the balance gains 1万 × years of transfers
    # plus the interest the extra money earns
    gain = s["accumulated_balance"][1, -1] - s["accumulated_balance"][0, -1]
    assert gain >= 6 * 10000.0


def test_overlay_row_equals_overlay_path():
    """The in-place slice overlay the batch builder uses gives overlay_path's values exactly:
    constants, one or several steps, keys as text, keys before the first year and past the last."""
    from model.scenarios.levers import overlay_path, overlay_row

    rng = np.random.default_rng(2)
    years = np.arange(2020, 2061)
    for value in (0.3, {2022: 0.14}, {2019: 0.1, 2030: 0.2, 2045: 0.3}, {"2025": 0.5, 2070: 0.9},
                  {2060: 1.0}, {2061: 2.0}, {1990: 0.7}):
        base = rng.normal(size=len(years))
        row = base.copy()
        overlay_row(row, value, 2020)
        np.testing.assert_array_equal(row, overlay_path(base, value, years))
