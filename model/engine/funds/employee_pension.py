"""Mechanics shared by the two employee pension funds (enterprise and public institution).

Both have the same structure (policy-facts §2–3): payroll contributions (employer + employee),
pensions in payment indexed by the adjustment rate, new pensions from the 国发〔2005〕38号 formula,
funeral and survivor grants per death, transfers, interest and a fiscal subsidy rule. The two
fund modules only name themselves and their group; the lever files hold their differences.

Headcounts come from ``model.engine.cohorts``: actives (contributors) A(t), new pensioners and the
survivor matrix S[t, τ]. With coverage index c(τ) and adjustment index I(t):
  pensioners(t)        = Σ_τ S[t, τ] · c(τ)
  pension mass(t), 元  = I(t) · Σ_τ S[t, τ] · c(τ) · pension_at_start(τ) / I(τ)
  deaths(t)            = Σ_τ D[t, τ] · c(τ)

What is observed and what is assumed (issue 9 §1, §6):
- contributors in 2020 = (contributions + waiver) ÷ (assumed average base × rates): only the
  per-head figures depend on the assumed base, because contributions(t) = contributors(t) × base
  × rate keeps the 2020 total whatever the base;
- new pensioners of 2020 = pensioners 2020 − pensioners 2019 + deaths 2020, from the report
  (enterprise 79,100 − 77,100 + 1,727 = 3,727; institutions 31,900 − 30,900 + model deaths), and
  later years follow the cohorts' retirement flow relative to 2020 — not the assumed base;
- institution pensioners' deaths use the enterprise pensioners' calibrated mortality factor (the
  report states only the enterprise deaths) times ``public_pension.mortality_differential``;
- the insured counts of unemployment (21.11万) and work injury (24.51万) bound the average base
  (``model.baseline.derived.average_base_bounds``).
New pensions: :func:`new_pension_py` (formula, sources) with the account of :func:`account_grid`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import numpy as np

from model import paths

from model.baseline import derived
from model.baseline.adopted import FundBaseline
from model.engine.cohorts import RETIRING_AGES, GroupDemography, unique_rows
from model.engine.demography.mortality import read_table
from model.engine.demography.retirement import divisor_months
from model.errors import ProblemList
from model.engine.funds.base import (YUAN_PER_WAN, FundContext, FundFlows, cumulative_growth,
                              employer_contributions, follow, other_income, solve_sme_share,
                              split_item)

EXPENDITURE_ITEMS = ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure")
BENEFIT_ITEMS = ("pension_benefits", "funeral_survivor")


def implied_contributors(base: FundBaseline, lever0: Mapping[str, float], fund: str) -> float:
    """Contributors in the base year, persons: ``model.baseline.derived.implied_contributors`` with the
    average base (元/yr), rates and collection rate the levers assume (data/parameters/levers.toml).
    """
    return derived.implied_contributors(
        base, lever0[f"{fund}.average_base_py"], lever0[f"{fund}.employer_rate"],
        lever0[f"{fund}.employee_rate"], lever0[f"{fund}.collection_rate"]).value


def group_counts(fund: str, base: FundBaseline, lever0: Mapping[str, float]) -> tuple[float, float, float | None]:
    """(contributors, pensioners, pensioner deaths or None) in the base year, persons."""
    return (implied_contributors(base, lever0, fund), base.headcounts["retirees"],
            base.headcounts.get("deaths"))


HISTORY_FILE = "data/reference/pension-account-history.csv"


@lru_cache(maxsize=1)
def account_history() -> dict[str, np.ndarray]:
    """Individual-account history before the base year, ``data/reference/pension-account-history.csv``:
    ``{column: (n_years,) array}`` with year, average_wage_py (元/yr, national urban non-private;
    only its growth is used), crediting_rate (fraction/yr) and account_rate (fraction of the wage
    credited), read-only. See data/README.md."""
    header, rows = read_table(paths.DATA_DIR / "reference" / "pension-account-history.csv", sep=",")
    table = {name: np.array([float(row[i]) for row in rows]) for i, name in enumerate(header)}
    table["year"] = table["year"].astype(int)
    if not (np.diff(table["year"]) == 1).all():
        problems = ProblemList()
        problems.add(HISTORY_FILE, "year", table["year"].tolist()[:5],
                     "年份须连续", "years must be consecutive", "逐年一行", "one row per year")
        problems.raise_if_any()
    for values in table.values():
        values.setflags(write=False)
    return table


def account_grid(ctx: FundContext) -> tuple[int, np.ndarray, np.ndarray]:
    """The account's history and projection on one grid of contribution years y = y0 … end − 1.

    Returns (y0, Q, K), each ``(batch, G)``:
      Q(y) = P(y) ÷ V(y), P(y) = Π_{u ≤ y} (1 + crediting(u)), V(y) = wage earned in year y
             relative to the base year's formula wage (V = wage index of y + 1: the formula uses
             the previous year's average wage);
      K(y) = Σ_{u ≤ y} account_rate(u) ÷ Q(u).
    History (y < base year) comes from :func:`account_history`; from the base year on, the
    crediting rate is the lever ``account_crediting_rate``, the account rate ``employee_rate``
    (8%, all of it into the account since 国发〔2005〕38号) and V the projected wage index.
    """
    history = account_history()
    base = int(ctx.years[0])
    past = history["year"] < base
    if not past.any() or int(history["year"][past][-1]) != base - 1:
        problems = ProblemList()
        problems.add(HISTORY_FILE, "year", int(history["year"][-1]), "个人账户历史须覆盖到基年前一年",
                     "the account history must reach the year before the base year",
                     f"至 {base - 1} 年", f"up to {base - 1}")
        problems.raise_if_any()
    y0 = int(history["year"][past][0])
    n_past = int(past.sum())
    wage_past = history["average_wage_py"][past]
    batch = ctx.wage_index.shape[0]
    v = np.concatenate([np.broadcast_to(wage_past / wage_past[-1], (batch, n_past)),
                        ctx.wage_index[:, 1:]], axis=1)           # y = y0 … end − 1
    credit = np.concatenate([np.broadcast_to(history["crediting_rate"][past], (batch, n_past)),
                             ctx.lever("account_crediting_rate")[:, :-1]], axis=1)
    rate = np.concatenate([np.broadcast_to(history["account_rate"][past], (batch, n_past)),
                           ctx.lever("employee_rate")[:, :-1]], axis=1)
    q = np.cumprod(1.0 + credit, axis=1) / v
    return y0, q, np.cumsum(rate / q, axis=1)


def _k_columns(y0: int, k: np.ndarray, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """K with a zero column for year y0 − 1 in front (no contribution yet) and its last value
    repeated once after, ``(batch, G + 2)``, and the column of K(τ − 1) for τ = base + 1 … end."""
    padded = np.concatenate([np.zeros((k.shape[0], 1)), k, k[:, -1:]], axis=1)   # column c: year y0 − 1 + c
    return padded, (np.asarray(years[1:]) - y0).astype(int)


def contribution_years(ctx: FundContext, retirement_age: np.ndarray, age) -> np.ndarray:
    """N(τ, a), years (deemed years included) of a member retiring in year τ at age a,
    ``(batch, n_years)``: N = contribution_years(τ) + a − ā(base year), ā the mean age of the
    base year's new pensioners (one entry age for the retiring mix, so the lever is the base-year
    average). Each year of later retirement — the 2025 reform, members short of the rising
    minimum who keep paying until they reach it — is one more contribution year, so the basic
    pension (1% a year) rises with it.
    """
    return np.maximum(ctx.lever("contribution_years") + age - retirement_age[:, :1], 0.0)


@lru_cache(maxsize=1)
def _inverse_divisor() -> np.ndarray:
    """1 ÷ the account divisor (计发月数) at each of RETIRING_AGES: a table, no lever. Read-only."""
    out = 1.0 / divisor_months(RETIRING_AGES)
    out.setflags(write=False)
    return out


def new_pension_py(ctx: FundContext, demo: GroupDemography) -> np.ndarray:
    """Pension at retirement, 元 per person per year, ``(batch, n_years)`` (国发〔2005〕38号).

    The mean over the year's new pensioners by age a (shares s(τ, a), ``demo.age_shares``), with
    W̄ the formula wage (previous year's average, 元/month = average_wage_py ÷ 12 × wage index),
    I the contribution index, N(τ, a) from :func:`contribution_years`, L(τ, a) = min(N,
    τ − account_start_year) the years with an individual account and D = N − L deemed years:
      basic        = W̄ × (1 + I)/2 × Σ_a s·N × 1%
      account      = I × 12 × W̄ × Σ_a s · AF(τ, L(τ, a)) ÷ divisor(a)
      transitional = W̄ × I × Σ_a s·D × transitional_coefficient         (过渡性养老金: service
                     before the account only, so no year is in both)
    Accounts start in 1996 for enterprises (国发〔1995〕6号, unified by 国发〔1997〕26号) and in
    October 2014 for government and public institutions (国发〔2015〕2号); levers
    ``account_start_year``. The public fund's "old way" guarantee (新老办法对比) and occupational
    annuities are not modelled.

    AF(τ, L), the account at retirement in units of W̄(τ) per unit of index (:func:`account_grid`):
      AF = Σ_{y = τ − L}^{τ − 1} account_rate(y) × V(y)/V(τ − 1) × Π_{u = y + 1}^{τ − 1} (1 + crediting(u))
         = Q(τ − 1) × (K(τ − 1) − K(τ − 1 − L)),
    each year's contribution valued at that year's wage and credited with every later year's own
    rate (never one year's rate over a career); a part year counts its share (K linear between
    whole years), so an account opened in October 2014 has 0.25 of 2014.
    """
    wage_pm = ctx.levers["economy.average_wage_py"] / 12.0 * ctx.wage_index
    index = ctx.lever("contribution_index")
    elapsed = ctx.years[None, :] - ctx.lever("account_start_year")
    y0, q, k = account_grid(ctx)
    padded, last = _k_columns(y0, k, ctx.years)
    q_last, k_last = q[:, last - 1], padded[:, last]                    # Q(τ − 1), K(τ − 1)
    offset = ctx.lever("contribution_years") - demo.retirement_age[:, :1]   # N(τ, a) = offset + a
    elapsed = np.maximum(ctx.years[None, :] - ctx.lever("account_start_year"), 0.0)
    inverse_divisor = _inverse_divisor()
    years_n = np.empty_like(wage_pm)
    deemed = np.empty_like(wage_pm)
    account = np.zeros_like(wage_pm)
    # Rows with the same contribution years, account start and demographic variant share every
    # age's N, L and K position; the weighted sum over ages of K(τ − 1 − L) is then one matrix
    # product K @ Wᵀ per group (a loop over distinct lever rows, never over paths).
    key = np.concatenate([offset, elapsed, demo.variant[:, None].astype(float)], axis=1)
    if (key == key[:1]).all():                                       # the usual case: one group
        groups = [(slice(None), 0)]
    else:
        # a Monte Carlo chunk: rows differ only by demographic variant, whose first rows are known
        first = np.zeros(demo.variant.max() + 1, dtype=np.intp)
        first[demo.variant[::-1]] = np.arange(len(demo.variant) - 1, -1, -1)
        group = demo.variant
        if not (key == key[first[group]]).all():
            first, group = unique_rows(key)
        groups = [(group == g, r) for g, r in enumerate(first)]
    year_rows = np.arange(len(last))[:, None]
    for rows, r in groups:
        shares = demo.age_shares[demo.variant[r]]                       # (n_years, ages)
        n_age = np.maximum(offset[r][:, None] + RETIRING_AGES, 0.0)     # N(τ, a)
        account_years = np.minimum(n_age, elapsed[r][:, None])          # L(τ, a)
        years_n[rows] = (shares * n_age).sum(axis=1)
        deemed[rows] = (shares * (n_age - account_years)).sum(axis=1)
        position = np.maximum(last[:, None] - account_years[1:], 0.0)   # column of K(τ − 1 − L)
        lo = np.floor(position).astype(int)
        frac = position - lo
        weight = shares[1:] * inverse_divisor                           # s(τ, a) ÷ divisor(a)
        matrix = np.zeros((len(last), padded.shape[1]))
        np.add.at(matrix, (year_rows, lo), weight * (1.0 - frac))
        np.add.at(matrix, (year_rows, lo + 1), weight * frac)
        k_before = padded[rows] @ matrix.T                              # Σ_a weight · K(τ − 1 − L)
        account[rows, 1:] = q_last[rows] * (k_last[rows] * weight.sum(axis=1) - k_before)
    basic_pm = wage_pm * (1.0 + index) / 2.0 * years_n / 100.0
    account_pm = index * 12.0 * wage_pm * account
    transitional_pm = wage_pm * index * deemed * ctx.lever("transitional_coefficient")
    return 12.0 * (basic_pm + account_pm + transitional_pm)


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    """Items and headcounts of an employee pension fund, ``(batch, n_years)``; see module doc."""
    demo: GroupDemography = ctx.demography
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    contributors = demo.actives * coverage
    contributions, waived, base_total, due = employer_contributions(
        ctx, contributors, ctx.lever("average_base_py"))
    adjustment = cumulative_growth(ctx.lever("adjustment_rate"))
    start_pension = new_pension_py(ctx, demo)
    start_pension[:, 0] = params["pension_py_init"]
    weights = coverage * start_pension / adjustment              # (batch, τ)
    pensioners = np.empty_like(coverage)
    mass = np.empty_like(coverage)
    deaths = np.empty_like(coverage)
    for v in sorted(set(demo.variant.tolist())):                 # few demographic variants
        rows = demo.variant == v
        pensioners[rows] = coverage[rows] @ demo.survivors[v].T
        mass[rows] = weights[rows] @ demo.survivors[v].T
        deaths[rows] = coverage[rows] @ demo.deaths_matrix[v].T
    pension_benefits = adjustment * mass / YUAN_PER_WAN
    w = ctx.wage_index
    funeral = follow(params, "grant_per_death", deaths, 1.0) * w / YUAN_PER_WAN
    income = {"contributions": contributions, **other_income(params, due, w)}
    expenditure = {
        "pension_benefits": pension_benefits,
        "funeral_survivor": funeral,
        "transfer_out": follow(params, "transfer_out", pension_benefits, w),
        "other_expenditure": follow(params, "other_expenditure", pension_benefits, w),
    }
    new_pensioners = np.zeros_like(coverage)
    new_pensioners[:, 1:] = demo.retirements[:, 1:] * coverage[:, 1:]
    return FundFlows(
        income=income, expenditure=expenditure, contributors=contributors,
        beneficiaries=pensioners, contribution_base=base_total,
        extra={"fee_relief": (waived, "万元"), "deaths": (deaths, "persons"),
               "new_pensioners": (new_pensioners, "persons"),
               "new_pension_pm": (start_pension / 12.0, "元/month"),
               "average_pension_pm": (pension_benefits * YUAN_PER_WAN / np.maximum(pensioners, 1e-9) / 12.0, "元/month")})


def calibrate(fund: str, base: FundBaseline, lever0: Mapping[str, float],
              demo0: Mapping[str, float], problems: ProblemList) -> tuple[dict, dict]:
    """Solve the fund's unobserved parameters from the base year; returns (params, lever fills).

    - contributors_init: :func:`implied_contributors`;
    - relief_sme_share: waived = employer due × relief_fraction(s, …) (linear, closed form);
    - pension_py_init, 元/yr: pension_benefits ÷ pensioners;
    - grant_per_death, 元: funeral_survivor ÷ deaths (model deaths where the report has none);
    - item ratios: transfer_in, other_income per 元 of contributions due; transfer_out,
      other_expenditure per 元 of pensions.
    """
    contributors = implied_contributors(base, lever0, fund)
    base_total = contributors * lever0[f"{fund}.average_base_py"] / YUAN_PER_WAN
    collection = lever0[f"{fund}.collection_rate"]
    employer_due = base_total * lever0[f"{fund}.employer_rate"] * collection
    due = base.income["contributions"] + base.exemption
    fills: dict[str, float] = {}
    if f"{fund}.relief_sme_months" in lever0:
        fills[f"{fund}.relief_sme_share"] = solve_sme_share(
            base.exemption, employer_due, lever0[f"{fund}.relief_sme_months"],
            lever0[f"{fund}.relief_large_months"], fund, problems)
    elif base.exemption:
        problems.add("calibration", f"{fund}.exemption", base.exemption, "此险种没有减免参数",
                     "this fund has no relief levers", "0", "0")
    pensioners = demo0["pensioners"]
    benefits = base.expenditure["pension_benefits"]
    deaths = demo0["deaths"]
    params = {
        "contributors_init": contributors,
        "pension_py_init": benefits * YUAN_PER_WAN / pensioners if pensioners else 0.0,
        **split_item("grant_per_death", base.expenditure["funeral_survivor"] * YUAN_PER_WAN, deaths),
        **split_item("transfer_in", base.income["transfer_in"], due),
        **split_item("other_income", base.income["other_income"], due),
        **split_item("transfer_out", base.expenditure["transfer_out"], benefits),
        **split_item("other_expenditure", base.expenditure["other_expenditure"], benefits),
    }
    return params, fills
