"""Issue 9 §1, §2, §6: the two employee pension funds against the report and hand calculations.

§1 public-institution pensioners borrow the enterprise fund's mortality basis and grow as the
report's 2019→2020 counts did (3.09万 → 3.19万, report §四.二.2); the budget subsidy rises.
§2 new pensions from an individual account accumulated year by year from its start (1996 for
enterprises, October 2014 for institutions), a transitional pension for the years before it,
the divisor averaged over the retiring ages and contribution years that rise with retirement age.
§6 new pensioners anchored to the report's pensioner counts and deaths, so the enterprise
depletion year does not hang on the assumed average contribution base.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from model.analysis.compare import first_year
from model.engine.calibration import calibrate
from model.engine.cohorts import RETIRING_AGES
from model.engine.core import Engine
from model.engine.demography.retirement import divisor_months
from model.engine.funds import employee_pension
from model.scenarios.levers import catalogue

END = 2060


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_region()


@pytest.fixture(scope="module")
def result(engine):
    return engine.run([{}], end=END)


def _demography(engine, overrides=None, end=END):
    levers = engine._prepared(engine.levers([overrides or {}], end=end))
    return levers, engine.calibration.demography.project(levers)


def _at(result, fund, indicator, year):
    return float(result.series[fund][indicator][0, list(result.years).index(year)])


# --- §1 public-institution pensioners -------------------------------------------------------------

def test_public_pensioners_borrow_the_enterprise_mortality_basis(engine, result):
    """The report states 1,727 enterprise pensioner deaths (§四.二.1) and none for institutions:
    the institution fund uses the enterprise fund's calibrated factor k (differential 1 by default)."""
    k = engine.calibration.demography.mortality_factor
    assert k["public_pension"] == k["enterprise_pension"]
    assert k["enterprise_pension"] < 0.9            # pensioners die more slowly than the population
    enterprise_rate = 1727 / 79100
    public_rate = _at(result, "public_pension", "deaths", 2020) / 31900
    assert public_rate == pytest.approx(enterprise_rate, rel=0.2)   # same basis, older stock
    lower = engine.run([{"public_pension.mortality_differential": 0.8}], end=2025)
    ratio = lower.series["public_pension"]["deaths"][0, 1] / result.series["public_pension"]["deaths"][0, 1]
    assert 0.78 < ratio < 0.84                       # ≈ 0.8, a little more survive to die later


def test_public_pensioner_growth_is_near_the_reports(result):
    """Report §四.二.2: 3.09万 → 3.19万 pensioners in 2020, +3.24%. The first projected years grow
    at about that rate (new retirees ≈ 1,000 + deaths, shaped by the cohorts reaching 55–60)."""
    reported = 31900 / 30900 - 1
    for year in (2021, 2022):
        growth = _at(result, "public_pension", "beneficiaries", year) / _at(
            result, "public_pension", "beneficiaries", year - 1) - 1
        assert abs(growth - reported) < 0.015, (year, growth)
    assert _at(result, "public_pension", "new_pensioners", 2021) > 1500


def test_new_pensioners_are_anchored_to_the_reported_inflow(engine, result):
    """New pensioners of 2020 = pensioners − prior-year pensioners + deaths: enterprise
    79,100 − 77,100 + 1,727 = 3,727 (report §四.二.1); later years follow the cohorts' retirement
    flow relative to 2020 (member cells of the demographic stage)."""
    levers, _ = _demography(engine)
    for fund, group, inflow_2020 in (
            ("enterprise_pension", "enterprise", 79100 - 77100 + 1727),
            ("public_pension", "public", 31900 - 30900 + _at(result, "public_pension", "deaths", 2020))):
        cells = engine.calibration.demography.cells(levers, group)
        flow = cells.retirements[0].sum(axis=(1, 2))
        expected = inflow_2020 * flow[1] / flow[0]
        assert _at(result, fund, "new_pensioners", 2021) == pytest.approx(expected, rel=1e-9)


def test_public_subsidy_rises_with_its_pensioners(result):
    """The budget fills the institution fund's gap (11.73亿 in 2020, report §三.二); with pensioners
    growing and contributors flat, the subsidy rises."""
    subsidy_2020 = _at(result, "public_pension", "fiscal_subsidy", 2020)
    assert subsidy_2020 == pytest.approx(117299.4, abs=1.0)
    assert _at(result, "public_pension", "fiscal_subsidy", 2030) > 1.4 * subsidy_2020
    assert _at(result, "public_pension", "fiscal_subsidy", 2040) > _at(result, "public_pension", "fiscal_subsidy", 2030)


def test_public_staff_are_employed_continuously_from_22_to_25(engine):
    levers, _ = _demography(engine, end=2030)
    cells = engine.calibration.demography.cells(levers, "public")
    rate = cells.members[0, 0] / cells.population[0, 0]          # (sex, age), 2020
    assert (rate[:, :22] == 0).all()
    assert (rate[:, 22] > 0).all() and (rate[:, 22] < rate[:, 25]).all()
    np.testing.assert_allclose(rate[:, 25:70], rate[:, 25:26] * np.ones((1, 45)), rtol=1e-12)


# --- §2 individual accounts and the new-pension formula ----------------------------------------

def test_one_cohort_by_hand_public_institution_2021(engine, result):
    """A 2021 institution retiree (国发〔2015〕2号, formula of 国发〔2005〕38号), by hand.

    W̄ = 78,000 ÷ 12 × 1.06 = 6,890元/month (2020 formula wage and 6% growth); I = 1.1;
    N = 33 + (mean retiring age 2021 − 2020); account from 1 October 2014: L = 6.25 years,
    deemed D = N − 6.25. Account: 8% of I × each year's wage, credited with each later year's
    rate (2015 2.10%, 2016 8.31%, 2017 7.12%, 2018 8.29%, 2019 7.61%, 2020 6.04%), a quarter of
    2014's contribution; wages 2014–2019 from the national average (56,360 … 90,501, relative to
    2019 = 78,000) and 2020's = 78,000 × 1.06.
    """
    _, demo = _demography(engine, end=2022)
    d = demo["public_pension"]
    ages = d.retirement_age[0]
    n = 33 + ages[1] - ages[0]
    wage_pm = 78000 / 12 * 1.06
    index = 1.1
    earned = {2014: 56360, 2015: 62029, 2016: 67569, 2017: 74318, 2018: 82413, 2019: 90501}
    earned = {y: 78000 * w / 90501 for y, w in earned.items()} | {2020: 78000 * 1.06}
    credit = {2015: 0.0210, 2016: 0.0831, 2017: 0.0712, 2018: 0.0829, 2019: 0.0761, 2020: 0.0604}
    balance = 0.0
    for y, weight in ((2014, 0.25), (2015, 1), (2016, 1), (2017, 1), (2018, 1), (2019, 1), (2020, 1)):
        balance += weight * 0.08 * index * earned[y] * math.prod(1 + credit[u] for u in range(y + 1, 2021))
    basic = wage_pm * (1 + index) / 2 * n / 100
    shares = d.age_shares[d.variant[0], 1]                              # new pensioners by age, 2021
    account = balance * (shares / divisor_months(RETIRING_AGES)).sum()    # L = 6.25 at every age
    transitional = wage_pm * index * (n - 6.25) * 0.014
    assert _at(result, "public_pension", "new_pension_pm", 2021) == pytest.approx(
        basic + account + transitional, rel=1e-12)
    # the account is a small part: six years of 8%, not a 30-year account
    assert account < 0.1 * (basic + account + transitional)


def test_new_pensions_grow_smoothly_with_wages(result):
    """Year on year, new pensions grow within 5 points of wage growth (retiring mix and the
    account replacing deemed years move them a little); 2022→2024 they rise with wages, not 2%."""
    years = list(result.years)
    wage = result.series["enterprise_pension"]["contribution_base"][0] / result.series["enterprise_pension"]["contributors"][0]
    wage_growth = wage[2:] / wage[1:-1] - 1
    for fund in ("enterprise_pension", "public_pension"):
        pension = result.series[fund]["new_pension_pm"][0]
        growth = pension[2:] / pension[1:-1] - 1
        assert np.abs(growth - wage_growth).max() < 0.05, fund
        two_years = pension[years.index(2024)] / pension[years.index(2022)]
        assert two_years == pytest.approx(1.06 ** 2, abs=0.04), fund


def test_the_formula_averages_over_the_retiring_ages(engine):
    """The new pensioners' ages are the cohorts' retirement flow by age (shares summing to 1), and
    the account is divided by each age's divisor: mean(1 ÷ divisor), not 1 ÷ divisor(mean age)."""
    levers, demo = _demography(engine, end=2030)
    cells = engine.calibration.demography.cells(levers, "enterprise")
    flow = cells.retirements[0, 5].sum(axis=0)                       # 2025, by age
    d = demo["enterprise_pension"]
    shares = d.age_shares[d.variant[0], 5]
    np.testing.assert_allclose(shares, flow[RETIRING_AGES] / flow.sum(), rtol=1e-12)
    assert flow.sum() == pytest.approx(flow[RETIRING_AGES].sum(), rel=1e-12)   # no one outside 45–70
    mean_inverse = (shares / divisor_months(RETIRING_AGES)).sum()
    mean_age = (shares * RETIRING_AGES).sum()
    assert mean_inverse > 1 / float(divisor_months(mean_age))          # convex: Jensen


def test_account_years_differ_by_retiring_age(engine, result):
    """By 2031 a woman retiring at 50 (N = 30 + 50 − ā(2020) ≈ 26) has her whole career in the
    account and no deemed years, while a man retiring at 61–63 (N ≈ 38) still has deemed years
    before 1996: max(N − 35, 0) averaged by age exceeds the same of the mean N (Jensen), so taking
    min(N, τ − 1996) at the mean N would understate the transitional pension."""
    levers, demo = _demography(engine, end=2031)
    d = demo["enterprise_pension"]
    shares = d.age_shares[d.variant[0], 11]
    n_age = 30 + RETIRING_AGES - d.retirement_age[0, 0]
    elapsed = 2031 - 1996
    deemed_by_age = (shares * (n_age - np.minimum(n_age, elapsed))).sum()
    deemed_of_mean = (shares * n_age).sum() - min((shares * n_age).sum(), elapsed)
    assert deemed_by_age > deemed_of_mean + 0.5


def test_later_retirement_raises_contribution_years_and_the_pension(engine):
    """Under the 2025 reform people retire later with more contribution years (1% each of the
    basic pension) and a larger account over fewer divisor months."""
    run = engine.run([{}, {"retirement.reform": 0}], end=2040)
    years = list(run.years)
    pension = run.series["enterprise_pension"]["new_pension_pm"]
    for year in (2030, 2035, 2040):
        assert pension[0, years.index(year)] > 1.02 * pension[1, years.index(year)]


def test_a_batch_of_different_careers_equals_separate_runs(engine):
    """Rows with different contribution years, account starts and longevity (so different
    demographic variants) in one batch give each row's own new pensions."""
    overrides = [{}, {"enterprise_pension.contribution_years": 35},
                 {"enterprise_pension.account_start_year": 1998, "demography.improvement_scale": 1.5},
                 {"enterprise_pension.contribution_years": 35}]
    batch = engine.run(overrides, end=2040).series["enterprise_pension"]["new_pension_pm"]
    for row, override in enumerate(overrides):
        alone = engine.run([override], end=2040).series["enterprise_pension"]["new_pension_pm"][0]
        np.testing.assert_allclose(batch[row], alone, rtol=1e-12)
    assert not np.allclose(batch[0], batch[1]) and not np.allclose(batch[0], batch[2])


def test_accounts_exist_only_from_their_start(engine, result):
    """Moving the institution account back to 1996 would give a 2021 retiree a 25-year account:
    the pension differs, and the default's account is the 6.25 years since October 2014."""
    moved = engine.run([{"public_pension.account_start_year": 1996}], end=2022)
    assert moved.series["public_pension"]["new_pension_pm"][0, 1] != pytest.approx(
        _at(result, "public_pension", "new_pension_pm", 2021), rel=1e-3)


def test_account_history_joins_the_lever_path():
    """The history file's crediting rates 2016–2019 are the lever's own (policy-facts §2), and the
    account share is 11% to 2005 and 8% from 2006 (国发〔1997〕26号, 国发〔2005〕38号)."""
    history = employee_pension.account_history()
    crediting = dict(zip(history["year"].tolist(), history["crediting_rate"].tolist()))
    lever = catalogue()["enterprise_pension.account_crediting_rate"].default
    for year in (2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023):
        assert crediting[year] == pytest.approx(lever[year])
    assert (history["account_rate"][history["year"] <= 2005] == 0.11).all()
    assert (history["account_rate"][history["year"] >= 2006] == 0.08).all()


# --- §6 anchored to observations ------------------------------------------------------------------

def _depletion(engine_, end=2080):
    run = engine_.run([{}], end=end)
    s = run.series["enterprise_pension"]
    return first_year(s["accumulated_balance"][:, 1:] < 0, run.years[1:])[0]


@pytest.mark.slow
def test_enterprise_depletion_does_not_hang_on_the_assumed_base(engine):
    """Assumed average base 60,000元 ± 20% (re-calibrated): depletion moves ≤ 2 years."""
    base = _depletion(engine)
    assert not math.isnan(base)
    for factor in (0.8, 1.2):
        defaults = {**engine.region_defaults, "enterprise_pension.average_base_py": 60000 * factor}
        other = Engine(engine.baseline, defaults, calibrate(engine.baseline, defaults))
        assert abs(_depletion(other) - base) <= 2, factor


def test_default_base_within_the_insured_bound(engine):
    """Employee pension contributors between the unemployment insured (21.11万, §四.二.5) and the
    work-injury insured (24.51万, §四.二.4): contributors = (contributions + waiver) ÷ (base × 24%)."""
    fb = engine.baseline.funds["enterprise_pension"]
    public = engine.calibration.params["public_pension"]["contributors_init"]
    x = (fb.income["contributions"] + fb.exemption) * 1e4 / 0.24
    low, high = engine.calibration.checks
    assert low.value == pytest.approx(x / (245100 - public), rel=1e-12)
    assert high.value == pytest.approx(x / (211100 - public), rel=1e-12)
    assert low.value < 60000 < high.value
