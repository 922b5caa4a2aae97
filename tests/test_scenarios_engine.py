"""The shipped scenarios through the real engine: golden summaries, levers moving results in the
expected direction and by hand-checkable amounts, an unchanged scenario equal to the baseline."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.analysis.compare import compare
from model.engine import get_engine
from model.scenarios.library import SCENARIO_DIR, load_library, scenario_from_levers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import regen_golden  # noqa: E402


@pytest.fixture(scope="module")
def engine():
    return get_engine()


@pytest.fixture(scope="module")
def comparison(engine):
    return compare(list(load_library().values()), end=regen_golden.GOLDEN_END, engine=engine)


def _col(comparison, sid):
    return comparison.ids.index(sid)


def test_golden_summaries_match(comparison):
    """Every shipped scenario reproduces scenarios/golden/<id>.csv (regen: scripts/regen_golden.py)."""
    summary = regen_golden.rounded(comparison.summary)
    for sid in comparison.ids:
        golden = pd.read_csv(SCENARIO_DIR / "golden" / f"{sid}.csv")
        got = summary[summary["scenario"] == sid].reset_index(drop=True)
        assert list(golden.columns) == list(got.columns)
        for col in golden.columns[2:]:
            np.testing.assert_allclose(got[col].astype(float).to_numpy(),
                                       golden[col].astype(float).to_numpy(), rtol=1e-6, atol=0.2,
                                       err_msg=f"{sid}.{col}: rerun scripts/regen_golden.py?")


def test_result_statements_are_the_golden_ones(comparison):
    lib = load_library()
    summary = regen_golden.rounded(comparison.summary)
    summary.attrs = comparison.summary.attrs
    uncertainty = regen_golden.library_uncertainty(lib)
    for sid, s in lib.items():
        assert (s.result_zh, s.result_en) == regen_golden.result_text(s, summary, uncertainty)


def test_unchanged_scenario_equals_baseline_exactly(engine):
    same = scenario_from_levers("same", {"enterprise_pension.employer_rate": 0.16,
                                         "unemployment.employee_rate": 0.005,
                                         "economy.wage_growth": {2021: 0.06, 2026: 0.05,
                                                                 2036: 0.04}})
    result = engine.run([{}, same.overrides], end=2060)
    for fund, table in result.series.items():
        for name, arr in table.items():
            np.testing.assert_array_equal(arr[0], arr[1], err_msg=f"{fund}.{name}")


def test_employer_rate_cut_hand_checked(comparison):
    """Contributions = contributors × base × (employer + employee) × collection (issue 3), with no
    relief after 2021: 16% → 14% employer leaves (0.14 + 0.08) / (0.16 + 0.08) of contributions
    in 2022, and no effect in 2021 or on other funds."""
    s = comparison.result.series
    b, r = _col(comparison, "baseline"), _col(comparison, "employer_rate_14")
    c = s["enterprise_pension"]["contributions"]
    y = list(comparison.result.years)
    assert c[r, y.index(2021)] == pytest.approx(c[b, y.index(2021)], rel=1e-12)
    # 2022: both defer 2% of the employer's due (缓缴, levers.toml), repaid in 2023
    assert c[r, y.index(2022)] / c[b, y.index(2022)] == pytest.approx(
        (0.22 - 0.02 * 0.14) / (0.24 - 0.02 * 0.16), rel=1e-9)
    assert np.all(s["enterprise_pension"]["accumulated_balance"][r, 2:] <
                  s["enterprise_pension"]["accumulated_balance"][b, 2:])
    np.testing.assert_array_equal(s["unemployment"]["contributions"][r],
                                  s["unemployment"]["contributions"][b])


def test_unemployment_rate_cut_hand_checked(comparison):
    """1% → 0.8% for 2021–2025: unemployment contributions × 0.8 in 2021–2025 (the 2022
    deferral is proportional to the employer's due, so it keeps the ratio), then the same 2%
    as the baseline from 2026, when the reduced rate ends."""
    s = comparison.result.series["unemployment"]["contributions"]
    y = list(comparison.result.years)
    b, r = _col(comparison, "baseline"), _col(comparison, "unemployment_rate_08")
    cut = slice(y.index(2021), y.index(2026))
    np.testing.assert_allclose(s[r, cut] / s[b, cut], 0.8, rtol=1e-9)
    np.testing.assert_allclose(s[r, y.index(2026):], s[b, y.index(2026):], rtol=1e-12)


def test_work_injury_cut_halves_contributions_2021_to_2025(comparison):
    s = comparison.result.series["work_injury"]["contributions"]
    years = list(comparison.result.years)
    b, r = _col(comparison, "baseline"), _col(comparison, "work_injury_cut_50")
    for y in range(2021, 2026):
        assert s[r, years.index(y)] / s[b, years.index(y)] == pytest.approx(0.5, rel=1e-9)
    assert s[r, years.index(2026)] == pytest.approx(s[b, years.index(2026)], rel=1e-9)


@pytest.mark.parametrize("sid, fund, sign", [
    ("sme_exemption_2021", "enterprise_pension", -1),
    ("pension_adjustment_4", "enterprise_pension", -1),
    ("pension_adjustment_2", "enterprise_pension", +1),
    ("pessimistic_economy", "enterprise_pension", -1),
    ("high_longevity", "enterprise_pension", -1),
])
def test_lever_moves_horizon_balance_in_expected_direction(comparison, sid, fund, sign):
    summary = comparison.summary.set_index(["scenario", "fund"])
    assert np.sign(summary.loc[(sid, fund), "d_horizon_balance"]) == sign


def test_coverage_expansion_delays_enterprise_depletion(comparison):
    """More members pay in at once and draw pensions only later: depletion comes later. (By 2060
    the new members' pensions, at full length-of-service rates, outweigh their contributions, so
    the horizon balance is not the right test of this scenario.)"""
    summary = comparison.summary.set_index(["scenario", "fund"])
    assert summary.loc[("coverage_expansion", "enterprise_pension"), "d_depletion_year"] > 0


def test_sme_exemption_costs_the_hand_computed_amount(comparison, engine):
    """Waiving SMEs' employer contributions for 11 months of 2021 costs
    contributions × employer share of the rate (0.16 / 0.24) × 11/12 × SMEs' share of the base
    (calibrated so that the 2020 relief equals the report's 8.72亿, report §三)."""
    s = comparison.result.series["enterprise_pension"]["contributions"]
    years = list(comparison.result.years)
    b, r = _col(comparison, "baseline"), _col(comparison, "sme_exemption_2021")
    sme_share = engine.levers([{}], 2060)["enterprise_pension.relief_sme_share"][0, 1]
    waived = s[b, years.index(2021)] - s[r, years.index(2021)]
    assert waived == pytest.approx(s[b, years.index(2021)] * 0.16 / 0.24 * 11 / 12 * sme_share,
                                   rel=1e-9)
    assert 0 < waived < 87200  # less than the 2020 relief, which also halved large firms' rate
