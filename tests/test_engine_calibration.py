"""Calibration: the model's base year is the adopted 2020 baseline, exactly, for every scenario.

Hand checks cite the report (changji-2020-social-insurance-fund-evaluation.txt) by section.
"""
from __future__ import annotations

import numpy as np
import pytest

from model.baseline.adopted import FUNDS
from model.engine.core import Engine
from model.scenarios.library import load_library


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region()


@pytest.fixture(scope="module")
def baseline_run(engine):
    return engine.run([{}], end=2030)


def _close(a, b):
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-6)


@pytest.mark.parametrize("fund", FUNDS)
def test_base_year_reproduces_every_item_total_and_balance(engine, baseline_run, fund):
    fb = engine.baseline.funds[fund]
    s = baseline_run.series[fund]
    for item, value in list(fb.income.items()) + list(fb.expenditure.items()):
        _close(s[item][0, 0], value)
    _close(s["income_total"][0, 0], fb.income_total)
    _close(s["expenditure_total"][0, 0], fb.expenditure_total)
    _close(s["accumulated_balance"][0, 0], fb.balance_end)
    _close(s["current_balance"][0, 0], fb.income_total - fb.expenditure_total)


def test_base_year_headcounts(engine, baseline_run):
    funds = engine.baseline.funds
    s = baseline_run.series
    _close(s["enterprise_pension"]["beneficiaries"][0, 0], funds["enterprise_pension"].headcounts["retirees"])
    _close(s["enterprise_pension"]["deaths"][0, 0], funds["enterprise_pension"].headcounts["deaths"])
    _close(s["public_pension"]["beneficiaries"][0, 0], funds["public_pension"].headcounts["retirees"])
    _close(s["resident_pension"]["beneficiaries"][0, 0], funds["resident_pension"].headcounts["recipients"])
    _close(s["resident_pension"]["deaths"][0, 0], funds["resident_pension"].headcounts["deaths"])
    _close(s["work_injury"]["contributors"][0, 0], funds["work_injury"].headcounts["insured"])
    _close(s["work_injury"]["beneficiaries"][0, 0], funds["work_injury"].headcounts["beneficiaries"])
    _close(s["unemployment"]["contributors"][0, 0], funds["unemployment"].headcounts["insured"])
    _close(s["unemployment"]["beneficiaries"][0, 0], funds["unemployment"].headcounts["recipients"])
    _close(s["unemployment"]["recipient_months"][0, 0], funds["unemployment"].headcounts["recipient_months"])
    _close(s["enterprise_pension"]["fee_relief"][0, 0], funds["enterprise_pension"].exemption)
    _close(s["work_injury"]["fee_relief"][0, 0], funds["work_injury"].exemption)
    _close(s["unemployment"]["fee_relief"][0, 0], funds["unemployment"].exemption)


def test_base_year_is_the_same_for_every_shipped_scenario(engine):
    library = load_library()
    result = engine.run([s.overrides for s in library.values()] if isinstance(library, dict)
                        else [s.overrides for s in library], end=2040)
    for fund, table in result.series.items():
        for name, arr in table.items():
            np.testing.assert_allclose(arr[:, 0], arr[0, 0], rtol=1e-12, atol=1e-6,
                                       err_msg=f"{fund}.{name} differs across scenarios in 2020")


def test_implied_enterprise_contributors_by_hand(engine):
    """§三(一): 保费收入18.95亿 and §三(一)p2: 减免企业养老保费8.72亿. With the assumed 60,000元
    base and 16% + 8% rates: (18.95亿 + 8.72亿) ÷ (6万元 × 24%) = 276,700万 ÷ 1.44万 ≈ 192,153 people.
    The adopted contributions differ from 18.95亿 only by rounding (±0.005亿)."""
    contributors = engine.calibration.params["enterprise_pension"]["contributors_init"]
    assert contributors == pytest.approx(276700 / 1.44, abs=0.006e4 / 1.44 + 1)


def test_unemployment_incidence_duration_and_benefit_by_hand(engine):
    """§四(二)5: 6,163 recipients, 21.11万 insured, 31,941 person-times of medical premiums;
    §四(一): 累计发放失业保险金3521万元 → 3521万 ÷ 31,941 = 1,102.3元 per recipient-month."""
    fills = engine.calibration.lever_fills
    assert fills["unemployment.incidence"] == pytest.approx(6163 / 211100)
    assert fills["unemployment.duration_months"] == pytest.approx(31941 / 6163)
    assert engine.calibration.params["unemployment"]["benefit_pm"] == pytest.approx(3521e4 / 31941, rel=1e-9)


def test_relief_share_reproduces_the_waiver_by_hand(engine):
    """§三(一): 8.72亿 waived. Employer due = 192,166.8 × 6万 × 16% = 184,480万; with SME share s,
    waived = due × (s·11/12 + (1 − s)·0.5·5/12) → s = (8.72亿/due − 5/24)/(11/12 − 5/24)."""
    contributors = engine.calibration.params["enterprise_pension"]["contributors_init"]
    due = contributors * 6.0 * 0.16
    expected = (87200 / due - 5 / 24) / (11 / 12 - 5 / 24)
    assert engine.calibration.lever_fills["enterprise_pension.relief_sme_share"] == pytest.approx(expected, rel=1e-12)
    assert 0 < expected < 1


def test_public_pension_subsidy_fills_the_gap_by_default(engine):
    """§三(二): the budget pays 11.73亿 of 22.36亿 income; by default the subsidy fills the gap,
    so the public fund never runs a deficit beyond its 2020 margin."""
    result = engine.run([{}], end=2060)
    s = result.series["public_pension"]
    assert (s["current_balance"][0, 1:] >= -1e-6).all()
    assert (s["fiscal_subsidy"][0, 1:] > 0).all()


def test_a_lower_final_minimum_brings_pensions_forward(engine):
    """Without the rise to 20 years those short of years retire on time: more pensioners in the
    2030s, so a lower enterprise balance than the baseline once the rise would have bitten; no
    difference before 2030, when the rise starts."""
    result = engine.run([{}, {"retirement.min_contribution_years_final": 15}], end=2045)
    years = list(result.years)
    pensioners = result.series["enterprise_pension"]["beneficiaries"]
    for year in (2032, 2035, 2040):
        assert pensioners[1, years.index(year)] > pensioners[0, years.index(year)]
    balance = result.series["enterprise_pension"]["accumulated_balance"]
    assert balance[1, years.index(2040)] < balance[0, years.index(2040)]
    np.testing.assert_allclose(balance[1, :years.index(2030)], balance[0, :years.index(2030)])
