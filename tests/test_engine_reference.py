"""The vectorised engine against a slow, obvious per-cohort loop on a tiny case.

The reference below walks every year, sex, age and pension cohort one scalar at a time, using
only the demography module's tested primitives (death probabilities, the national pyramid,
births, employee coverage, each birth cohort's retirement distribution) and the engine's
calibrated parameters. It re-implements the enterprise pension fund — population ageing,
cohort-following membership, retirements anchored to the report's 2020 inflow, pensioner survival with the calibrated mortality
factor, indexation, the 国发〔2005〕38号 new-pension formula with the individual account
credited contribution year by contribution year, contributions with 2020 relief and the 2022 deferral repaid in 2023,
funeral grants, transfers, the share-of-expenditure subsidy rule, interest and the balance — and
must agree with the engine to 1e-9 relative.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from model.engine import cohorts
from model.engine.demography import population, retirement
from model.engine.core import Engine
from model.engine.funds import employee_pension

FUND = "enterprise_pension"
END = 2026


def reference_enterprise(engine: Engine, end: int = END) -> dict[str, list[float]]:
    levers = engine.default_levers(end)
    years = [int(y) for y in levers.years]
    T = len(years)
    lv = {name: arr[0] for name, arr in levers.values.items()}
    cal = engine.calibration
    p = cal.params[FUND]
    fin = cal.finance[FUND]
    stage = cal.demography
    k = stage.mortality_factor[FUND]
    stock = stage.stock[FUND]
    q = cohorts.death_probabilities(levers.years, levers["demography.mortality_loading"],
                                    levers["demography.improvement_scale"])[0]
    births = population.births_by_sex()
    coverage = population.employee_coverage()
    plateau = int(np.argmax(coverage))
    weights = cohorts._sex_weights()
    first_cohort = years[0] - 100
    cohort_years = np.arange(first_cohort, years[-1] + 1)
    shares = dict(reform=bool(lv["retirement.reform"][0]), early_share=lv["retirement.early_share"][0],
                  late_share=lv["retirement.late_share"][0], short_share=lv["retirement.short_share"][0],
                  min_years_final=lv["retirement.min_contribution_years_final"][0])
    f50 = lv["retirement.enterprise_female_50_share"][0]
    dist = [retirement.cohort_retirement_distribution(cohort_years, "male", **shares),
            retirement.cohort_retirement_distribution(
                cohort_years, {"female_50": f50, "female_55": 1 - f50}, **shares)]

    # population, one cell at a time
    pop = [[[0.0] * 101 for _ in range(2)] for _ in range(T)]
    base = population.national_population(years[0])
    for s in range(2):
        for a in range(101):
            pop[0][s][a] = float(base[s, a])
    for t in range(1, T):
        for s in range(2):
            pop[t][s][0] = births[years[t] - 1950, s] * (1 - q[t, s, 0])
            for a in range(1, 100):
                pop[t][s][a] = pop[t - 1][s][a - 1] * (1 - q[t, s, a])
            pop[t][s][100] = (pop[t - 1][s][99] + pop[t - 1][s][100]) * (1 - q[t, s, 100])

    active_raw, flow = [0.0] * T, [[[0.0] * 101 for _ in range(2)] for _ in range(T)]
    for t in range(T):
        for s in range(2):
            for a in range(101):
                c = years[t] - a - first_cohort
                member = coverage[min(a, max(a - t, plateau))] * weights[s]
                retired_by = sum(dist[s][c][: a + 1])
                active_raw[t] += pop[t][s][a] * member * (1 - retired_by)
                flow[t][s][a] = pop[t][s][a] * member * dist[s][c][a]
    scale = p["contributors_init"] / active_raw[0]
    # new pensioners: the report's 2020 inflow (pensioners − prior-year pensioners + deaths), then
    # the model's retirement flow relative to its 2020 value
    heads = engine.baseline.funds[FUND].headcounts
    deaths_2020 = sum(float(stock[s, a]) * min(k * q[0, s, a], 1 - 1e-15) for s in range(2) for a in range(101))
    inflow_2020 = heads["retirees"] - heads["retirees_prior"] + deaths_2020
    retire_scale = inflow_2020 / sum(flow[0][s][a] for s in range(2) for a in range(101))
    wage = [1.0]
    for t in range(1, T):
        wage.append(wage[-1] * (1 + lv["economy.wage_growth"][t]))
    adj = [1.0]
    for t in range(1, T):
        adj.append(adj[-1] * (1 + lv[f"{FUND}.adjustment_rate"][t]))

    table = employee_pension.account_history()
    history = {name: dict(zip(table["year"].tolist(), table[name].tolist()))
               for name in ("average_wage_py", "crediting_rate", "account_rate")}
    base_year = years[0]

    def wage_earned(y):          # average wage earned in year y, 元/yr (the next year's formula wage)
        if y < base_year:
            return lv["economy.average_wage_py"][0] * history["average_wage_py"][y] / history["average_wage_py"][base_year - 1]
        return lv["economy.average_wage_py"][0] * wage[y + 1 - base_year]

    def crediting(u):
        return history["crediting_rate"][u] if u < base_year else lv[f"{FUND}.account_crediting_rate"][u - base_year]

    def account_rate(y):
        return history["account_rate"][y] if y < base_year else lv[f"{FUND}.employee_rate"][y - base_year]

    def mean_over_flow(t, f):
        total = sum(flow[t][s][a] for s in range(2) for a in range(101))
        return sum(flow[t][s][a] * f(a) for s in range(2) for a in range(101)) / total

    def account_balance(year, account_years, index):
        """The individual account at retirement in ``year``, 元: one contribution year at a time,
        each credited with every later year's rate (a part first year counts its share)."""
        first = year - account_years
        balance = 0.0
        for y in range(math.floor(first), year):
            weight = min(1.0, y + 1 - first)
            amount = weight * account_rate(y) * index * wage_earned(y)
            for u in range(y + 1, year):
                amount *= 1 + crediting(u)
            balance += amount
        return balance

    def new_pension(t):
        """Mean pension at retirement over the year's new pensioners, age by age."""
        year = years[t]
        age_base = mean_over_flow(0, lambda a: a)
        wage_pm = lv["economy.average_wage_py"][t] / 12 * wage[t]
        index = lv[f"{FUND}.contribution_index"][t]
        total = sum(flow[t][s][a] for s in range(2) for a in range(101))
        pension = 0.0
        for a in range(101):
            share = sum(flow[t][s][a] for s in range(2)) / total
            if share == 0:
                continue
            n = max(lv[f"{FUND}.contribution_years"][t] + a - age_base, 0.0)
            account_years = max(min(n, year - lv[f"{FUND}.account_start_year"][t]), 0.0)
            basic = wage_pm * (1 + index) / 2 * n / 100
            account = account_balance(year, account_years, index) / float(retirement.divisor_months(a))
            transitional = wage_pm * index * (n - account_years) * lv[f"{FUND}.transitional_coefficient"][t]
            pension += share * (basic + account + transitional)
        return 12 * pension

    # pension cohorts: (start year index, sex, age then, persons, pension at start 元/yr)
    records = [(0, s, a, float(stock[s, a]), p["pension_py_init"]) for s in range(2) for a in range(101)]
    for tau in range(1, T):
        start = new_pension(tau)
        records += [(tau, s, a, flow[tau][s][a] * retire_scale, start) for s in range(2) for a in range(101)]

    out = {key: [] for key in ("contributors", "beneficiaries", "deaths", "pension_benefits",
                               "funeral_survivor", "contributions", "fiscal_subsidy", "interest",
                               "accumulated_balance")}
    balance = fin["balance_start"]
    for t in range(T):
        alive_total = mass = deaths = 0.0
        for tau, s, a, count, start in records:
            if tau > t:
                continue
            alive = count
            for u in range(tau, t):
                alive *= 1 - min(k * q[u, s, min(a + u - tau, 100)], 1 - 1e-15)
            alive_total += alive
            mass += alive * start * adj[t] / adj[tau]
            deaths += alive * min(k * q[t, s, min(a + t - tau, 100)], 1 - 1e-15)
        contributors = active_raw[t] * scale
        base_total = contributors * lv[f"{FUND}.average_base_py"][0] / 1e4 * wage[t]
        coll = lv[f"{FUND}.collection_rate"][t]
        employer = base_total * lv[f"{FUND}.employer_rate"][t] * coll
        due = employer + base_total * lv[f"{FUND}.employee_rate"][t] * coll
        share = lv[f"{FUND}.relief_sme_share"][t]
        waived = employer * (share * lv[f"{FUND}.relief_sme_months"][t] / 12
                             + (1 - share) * 0.5 * lv[f"{FUND}.relief_large_months"][t] / 12)
        # 缓缴, repaid next year; none in the base year (its contributions are the report's)
        deferred = lv[f"{FUND}.deferral_share"][t] * (employer - waived) if t else 0.0
        contributions = due - waived - deferred + (deferred_before if t else 0.0)
        deferred_before = deferred
        pensions = mass / 1e4
        funeral = deaths * p["grant_per_death_ratio"] * wage[t] / 1e4
        expenditure = pensions * (1 + p["transfer_out_ratio"] + p["other_expenditure_ratio"]) + funeral
        own = contributions + (p["transfer_in_ratio"] + p["other_income_ratio"]) * due
        if t == 0:
            interest, subsidy = fin["interest_init"], fin["subsidy_init"]
        else:
            interest = max(0.0, lv["economy.interest_rate"][t] + fin["interest_spread"]) * max(balance, 0.0)
            subsidy = lv[f"{FUND}.subsidy_share"][t] * expenditure
        balance = balance + own + interest + subsidy - expenditure
        for key, value in (("contributors", contributors), ("beneficiaries", alive_total), ("deaths", deaths),
                           ("pension_benefits", pensions), ("funeral_survivor", funeral),
                           ("contributions", contributions), ("fiscal_subsidy", subsidy),
                           ("interest", interest), ("accumulated_balance", balance)):
            out[key].append(value)
    return out


@pytest.mark.slow
def test_vectorised_engine_matches_the_scalar_reference():
    engine = Engine.from_region()
    assert int(engine.default_levers(END)[f"{FUND}.subsidy_rule"][0, 0]) == 1  # share rule
    expected = reference_enterprise(engine)
    got = engine.run([{}], end=END).series[FUND]
    for key, values in expected.items():
        np.testing.assert_allclose(got[key][0], values, rtol=1e-9, atol=1e-9, err_msg=key)
    assert math.isclose(expected["accumulated_balance"][0], engine.baseline.funds[FUND].balance_end, rel_tol=1e-12)
