"""The vectorised engine against a slow, obvious per-cohort loop on a tiny case.

The reference below walks every year, sex, age and pension cohort one scalar at a time, using
only the demography module's tested primitives (death probabilities, the national pyramid,
births, employee coverage, each birth cohort's retirement distribution) and the engine's
calibrated parameters. It re-implements the enterprise pension fund — population ageing,
cohort-following membership, retirements, pensioner survival with the calibrated mortality
factor, indexation, the 国发〔2005〕38号 new-pension formula, contributions with 2020 relief,
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
    wage = [1.0]
    for t in range(1, T):
        wage.append(wage[-1] * (1 + lv["economy.wage_growth"][t]))
    adj = [1.0]
    for t in range(1, T):
        adj.append(adj[-1] * (1 + lv[f"{FUND}.adjustment_rate"][t]))

    def new_pension(t):
        total = sum(flow[t][s][a] for s in range(2) for a in range(101))
        age = sum(flow[t][s][a] * a for s in range(2) for a in range(101)) / total
        wage_pm = lv["economy.average_wage_py"][t] / 12 * wage[t]
        n, index = lv[f"{FUND}.contribution_years"][t], lv[f"{FUND}.contribution_index"][t]
        basic = wage_pm * (1 + index) / 2 * n / 100
        ratio = (1 + lv[f"{FUND}.account_crediting_rate"][t]) / (1 + lv["economy.wage_growth"][t])
        factor = n if abs(ratio - 1) < 1e-12 else (ratio ** n - 1) / (ratio - 1)
        account = lv[f"{FUND}.employee_rate"][t] * index * wage_pm * 12 * factor / float(retirement.divisor_months(age))
        return 12 * (basic + account + lv[f"{FUND}.transitional_share"][t] * basic)

    # pension cohorts: (start year index, sex, age then, persons, pension at start 元/yr)
    records = [(0, s, a, float(stock[s, a]), p["pension_py_init"]) for s in range(2) for a in range(101)]
    for tau in range(1, T):
        start = new_pension(tau)
        records += [(tau, s, a, flow[tau][s][a] * scale, start) for s in range(2) for a in range(101)]

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
        contributions = due - waived
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
