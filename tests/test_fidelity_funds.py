"""Issue 9 §3 and §4: resident individual accounts and basic pension, work-injury long-term benefits.

Each test derives a figure by hand from the report (section cited), the lever defaults in
data/parameters/levers.toml and the formulas in the fund modules' docstrings, and matches the
engine; the plausibility checks bound what the calibration may imply.
"""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.core import Engine
from model.engine.funds.resident_pension import base_account_state

RP, WI = "resident_pension", "work_injury"


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region()


@pytest.fixture(scope="module")
def run(engine):
    result = engine.run([{}, {f"{RP}.basic_pension_pm": {2030: 193}},
                         {f"{WI}.incidence": 2 * engine.calibration.lever_fills[f"{WI}.incidence"]}],
                        end=2060)
    return result, list(result.years)


# --- §3 resident pension ---------------------------------------------------------------------

def hand_inflows(engine):
    """Account inflow by year 2011…2020, 万元: 2020 contributions (report 二表, 1.13亿) plus 30元
    a contributor, discounted at 3% a year (levers.toml: account_topup_py, contribution_growth)."""
    base = engine.baseline.funds[RP]
    contributors = base.income["contributions"] * 1e4 / 300.0          # 300元 average tier
    inflow_2020 = base.income["contributions"] + contributors * 30.0 / 1e4
    return {u: inflow_2020 / 1.03 ** (2020 - u) for u in range(2011, 2021)}


def hand_b60(inflows, u):
    """Balance at 60 of the cohort turning 60 in year u: the single-age bucket receives 1/44 of
    every year's inflow from 2011 to u − 1, credited at 2% a year until u."""
    return sum(inflows[v] / 44.0 * 1.02 ** (u - v) for v in range(2011, u))


def test_base_year_split_of_the_180_yuan_pension(engine):
    """2020: 2.12亿 of pensions to 9.79万 recipients (report §四.二.3) = 180.4元/month =
    93元 national minimum + local addition + account pension. The account pension is the ten
    cohorts that turned 60 in 2011–2020, each drawing its balance ÷ 139 a year and thinned by the
    recipients' survival (deaths 2,900, §四.二.3)."""
    base = engine.baseline.funds[RP]
    recipients = base.headcounts["recipients"]
    survival = 1 - 2900 / (recipients + 2900)
    inflows = hand_inflows(engine)
    account = sum(12 * hand_b60(inflows, u) / 139 * survival ** (2020 - u) for u in range(2011, 2021))
    account_pm = account * 1e4 / recipients / 12
    paid_pm = base.expenditure["pension_benefits"] * 1e4 / recipients / 12
    assert paid_pm == pytest.approx(180.4, abs=0.05)
    assert engine.calibration.params[RP]["account_pension_pm_init"] == pytest.approx(account_pm, rel=1e-9)
    local = engine.calibration.lever_fills[f"{RP}.local_addition_pm"]
    assert local == pytest.approx(paid_pm - 93 - account_pm, rel=1e-9)
    assert 5 < account_pm < 15 and 60 < local < 100


def test_new_cohort_account_pension_by_hand(engine, run):
    """The cohort turning 60 in 2021 adds 12 × B60 ÷ 139 a year to account pensions, where B60
    holds its 2011–2020 inflows credited at 2% to 2021."""
    result, years = run
    s = result.series[RP]
    i = years.index(2021)
    survival = 1 - s["deaths"][0, i] / (s["beneficiaries"][0, i] + s["deaths"][0, i])
    added = s["account_pensions"][0, i] - s["account_pensions"][0, i - 1] * survival
    assert added == pytest.approx(12 * hand_b60(hand_inflows(engine), 2021) / 139, rel=1e-9)


def test_resident_accounts_are_paid_out(engine, run):
    """Plausibility: the account pension per recipient grows from about 8元 (2020, a scheme begun
    in 2011) as cohorts with longer accounts retire — no longer the 0.39元 the old calibration
    implied — and by 2060 account pensions exceed 80% of what flows into the accounts."""
    result, years = run
    s = result.series[RP]
    per_head = s["account_pensions"][0] * 1e4 / s["beneficiaries"][0] / 12
    assert per_head[0] > 5 and np.all(np.diff(per_head) > 0)
    assert per_head[years.index(2060)] > 5 * per_head[0]
    inflow = s["contributions"][0] + s["contributors"][0] * 30 / 1e4
    assert s["account_pensions"][0, -1] > 0.8 * inflow[-1]


def test_account_liability_is_reported_and_close_to_the_reported_balance(engine, run):
    """The accounts built since 2011 are 11.45亿 at the end of 2020, against the fund's 9.98亿
    balance (report §三.三): nearly all of the balance is owed to members, not free surplus."""
    result, _ = run
    s = result.series[RP]
    assert s["accumulated_balance"][0, 0] == pytest.approx(99800.0)
    ratio = s["account_liability"][0, 0] / s["accumulated_balance"][0, 0]
    assert 0.9 < ratio < 1.3
    assert np.all(s["account_liability"][0] > 0)


def test_known_basic_pension_rises_and_indexation(engine, run):
    """The national minimum rose by 20元 in 2024 and in 2025, to 143元 (policy-facts §10); from
    2026 the whole basic pension rises 4% a year (levers.toml)."""
    result, years = run
    s = result.series[RP]
    pm = s["basic_pensions"][0] * 1e4 / s["beneficiaries"][0] / 12
    y = years.index
    assert pm[y(2024)] - pm[y(2023)] == pytest.approx(20, abs=1e-9)
    assert pm[y(2025)] - pm[y(2024)] == pytest.approx(20, abs=1e-9)
    local = engine.calibration.lever_fills[f"{RP}.local_addition_pm"]
    assert pm[y(2025)] == pytest.approx(143 + local, rel=1e-12)
    assert pm[y(2030)] == pytest.approx((143 + local) * 1.04 ** 5, rel=1e-12)


def test_a_basic_pension_rise_raises_the_subsidy_not_the_drawdown(run):
    """+50元 on the national minimum in 2030: the subsidy rises by recipients × 50 × 1.04⁵ × 12
    (the budget-funded items at share 1), and the fund's balance moves only by the transfer-out
    that follows pension spending (0.15% of it)."""
    result, years = run
    s = result.series[RP]
    i = years.index(2030)
    rise = s["beneficiaries"][0, i] * 50 * 1.04 ** 5 * 12 / 1e4
    assert s["basic_pensions"][1, i] - s["basic_pensions"][0, i] == pytest.approx(rise, rel=1e-12)
    assert s["fiscal_subsidy"][1, i] - s["fiscal_subsidy"][0, i] == pytest.approx(rise, rel=1e-12)
    drawdown = s["accumulated_balance"][0, i] - s["accumulated_balance"][1, i]
    assert 0 <= drawdown <= 0.002 * rise


# --- §4 work injury --------------------------------------------------------------------------

def test_work_injury_amount_is_a_plausible_fraction_of_the_wage(engine, run):
    """伤残津贴 and 供养亲属抚恤金 are fractions of the wage (工伤保险条例 arts. 35, 39): the
    long-term amount is 0.55 × the 60,000元 base = 33,000元 a year in 2020, 0.42 of the 78,000元
    average wage (the old calibration implied 99,800元, 1.3 times it), and it follows wages."""
    result, years = run
    s = result.series[WI]
    amount = s["long_term_amount_py"][0]
    assert amount[0] == pytest.approx(33000.0, rel=1e-12)
    assert 0.3 < amount[0] / 78000.0 < 0.9
    wage = np.cumprod(1 + engine.default_levers(2060)["economy.wage_growth"][0])
    wage = wage / wage[0]
    np.testing.assert_allclose(amount / (60000.0 * wage), 0.55, rtol=1e-12)
    # the 2020 split still reproduces the report's 8,777万元 of benefits (§四.二.4) exactly
    assert s["injury_benefits"][0, 0] == pytest.approx(8777.0, rel=1e-12)
    one_off = engine.calibration.params[WI]["one_off_per_case"]
    assert one_off == pytest.approx((8777.0 - 0.3 * 1466 * 3.3) * 1e4 / (0.7 * 1466), rel=1e-9)


def test_work_injury_caseload_evolves_by_hand(run):
    """L(2021) = 1,466 × 30% × (1 − 2% deaths − 5% ageing out) + 3% × new cases(2021); doubling
    the incidence from 2021 adds Σ 3% × Δnew(u) × 0.93^(t−u) — the stock is not held stationary."""
    result, years = run
    s = result.series[WI]
    lt, new = s["long_term_beneficiaries"], s["new_cases"]
    assert lt[0, 1] == pytest.approx(1466 * 0.3 * 0.93 + 0.03 * new[0, 1], rel=1e-12)
    t = years.index(2040)
    extra = sum(0.03 * (new[2, u] - new[0, u]) * 0.93 ** (t - u) for u in range(1, t + 1))
    assert lt[2, t] - lt[0, t] == pytest.approx(extra, rel=1e-9)
    assert lt[2, t] > 1.3 * lt[0, t]


def reference_accounts(state, inflow, rate, survival):
    """The single-age recursion of model/engine/funds/resident_pension.py run year by year, one
    scalar at a time: A(t, a) = A(t−1, a−1)(1 + r) + inflow ÷ 44, B60(t) = A(t−1, 59)(1 + r),
    pensions P(t) = P(t−1) p(t) + 12 B60 ÷ 139, retiring cohorts drawn at 12/139 a year."""
    buckets = list(state["buckets"])
    cohorts = [(b, s) for b, s in zip(state["b60"], state["survivors"])]     # newest first
    pensions, liabilities, paid = [], [], state["pensions"]

    def liability():
        held = sum(buckets)
        for k, (b, s) in enumerate(cohorts):
            held += b * s * max(0.0, 1 - 12 * (k + 1) / 139)
        return held

    pensions.append(paid)
    liabilities.append(liability())
    for t in range(1, len(inflow)):
        g = 1 + rate[t]
        b60 = buckets[-1] * g
        buckets = [0.0] + [b * g for b in buckets[:-1]]
        buckets = [b + inflow[t] / 44 for b in buckets]
        cohorts = [(b60, 1.0)] + [(b, s * survival[t]) for b, s in cohorts[:-1]]
        paid = paid * survival[t] + 12 * b60 / 139
        pensions.append(paid)
        liabilities.append(liability())
    return pensions, liabilities


def test_closed_form_accounts_match_the_year_by_year_recursion(engine):
    """Varying crediting rates, contribution growth and coverage to 2100: the engine's closed form
    equals the scalar recursion to 1e-9."""
    result = engine.run([{f"{RP}.account_crediting_rate": {2021: 0.035, 2030: 0.01, 2045: 0.05},
                          f"{RP}.contribution_growth": {2021: 0.08, 2040: -0.02},
                          f"{RP}.coverage_growth": {2021: 0.01, 2035: -0.01}}], end=2100)
    s = result.series[RP]
    levers = engine.levers([{f"{RP}.account_crediting_rate": {2021: 0.035, 2030: 0.01, 2045: 0.05}}], end=2100)
    rate = levers[f"{RP}.account_crediting_rate"][0]
    inflow = s["contributions"][0] + s["contributors"][0] * 30 / 1e4
    survival = 1 - s["deaths"][0] / (s["beneficiaries"][0] + s["deaths"][0])
    lever0 = {f"{RP}.{k}": float(engine.default_levers(2100)[f"{RP}.{k}"][0, 0])
              for k in ("account_topup_py", "contribution_growth", "account_crediting_rate", "account_years_init")}
    state = base_account_state(lever0, s["contributions"][0, 0], s["contributors"][0, 0],
                           s["beneficiaries"][0, 0], s["deaths"][0, 0], 2020)
    pensions, liabilities = reference_accounts(state, inflow, rate, survival)
    np.testing.assert_allclose(s["account_pensions"][0], pensions, rtol=1e-9)
    np.testing.assert_allclose(s["account_liability"][0], liabilities, rtol=1e-9)
