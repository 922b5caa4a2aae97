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
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline import derived
from model.baseline.adopted import FundBaseline
from model.engine.cohorts import GroupDemography
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


def new_pension_py(ctx: FundContext, retirement_age: np.ndarray) -> np.ndarray:
    """Pension at retirement, 元 per person per year, ``(batch, n_years)`` (国发〔2005〕38号).

    basic = W̄ × (1 + I)/2 × N × 1%; account = employee rate × I × W̄ × 12 × AF ÷ divisor(age),
    AF = Σ_{j<N} ((1 + crediting)/(1 + wage growth))^j (the account in units of today's wage);
    transitional = share × basic. W̄ (元/month) = average_wage_py / 12 × wage index.
    N, I, crediting, transitional share are levers (assumptions); the divisor follows the mean
    age of new pensioners (so the 2025 reform lowers it).
    """
    wage_pm = ctx.levers["economy.average_wage_py"] / 12.0 * ctx.wage_index
    years_n = ctx.lever("contribution_years")
    index = ctx.lever("contribution_index")
    basic_pm = wage_pm * (1.0 + index) / 2.0 * years_n / 100.0
    ratio = (1.0 + ctx.lever("account_crediting_rate")) / (1.0 + ctx.levers["economy.wage_growth"])
    # Σ_{j<N} ratio^j, with the ratio → 1 limit N taken where the two rates are equal
    near_one = np.abs(ratio - 1.0) < 1e-12
    account_factor = np.where(near_one, years_n,
                              (ratio ** years_n - 1.0) / np.where(near_one, 1.0, ratio - 1.0))
    account_pm = (ctx.lever("employee_rate") * index * wage_pm * 12.0 * account_factor
                  / divisor_months(retirement_age))
    transitional_pm = ctx.lever("transitional_share") * basic_pm
    return 12.0 * (basic_pm + account_pm + transitional_pm)


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    """Items and headcounts of an employee pension fund, ``(batch, n_years)``; see module doc."""
    demo: GroupDemography = ctx.demography
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    contributors = demo.actives * coverage
    contributions, waived, base_total, due = employer_contributions(
        ctx, contributors, ctx.lever("average_base_py"))
    adjustment = cumulative_growth(ctx.lever("adjustment_rate"))
    start_pension = new_pension_py(ctx, demo.retirement_age)
    start_pension[:, 0] = params["pension_py_init"]
    weights = coverage * start_pension / adjustment              # (batch, τ)
    pensioners = np.empty_like(coverage)
    mass = np.empty_like(coverage)
    deaths = np.empty_like(coverage)
    for v in np.unique(demo.variant):                            # few demographic variants
        rows = demo.variant == v
        pensioners[rows] = coverage[rows] @ demo.survivors[v].T
        mass[rows] = weights[rows] @ demo.survivors[v].T
        deaths[rows] = coverage[rows] @ demo.deaths_matrix[v].T
    pension_benefits = adjustment * mass / YUAN_PER_WAN
    w = ctx.wage_index
    funeral = follow(params, "grant_per_death", deaths, 1.0) * w / YUAN_PER_WAN
    income = {"contributions": contributions, **other_income(params, due, w)}
    income["transfer_in"] = income["transfer_in"] + ctx.lever("pooling_transfer")
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
