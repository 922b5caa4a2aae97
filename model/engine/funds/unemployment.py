"""Unemployment insurance (失业保险), policy-facts §6.

Insured employees (``model.engine.cohorts`` employee group scaled to the base-year insured) pay the
employer and employee rates, less 2020-style relief. Recipients are insured × incidence, each
paid for an average number of months: benefit (indexed to wages) and the medical-insurance
premium the fund pays for them. Job-stabilisation refunds (稳岗返还) return part of the previous
year's contributions at the year's refund ratios for SMEs and large firms, to the share of firms
that take them up; skills subsidies scale with the insured; price subsidies keep their base-year
ratio to benefits; the unitemised 2020 spending is the extended-coverage payments (失业补助金
扩围), paid while that policy runs.

  recipient_months(t)  = insured(t) × incidence × duration
  unemployment_benefits(t) = recipient_months(t) × benefit_pm(t)
  medical_premiums(t)  = recipient_months(t) × premium_pm × wage index(t)
  job_stabilisation(t) = take-up × (s × SME ratio(t) + (1 − s) × large-firm ratio(t)) × contributions(t − 1)
  other_expenditure(t) = ratio × unemployment_benefits(t) × extended-coverage share(t) ÷ share(base year)
                         (× 1 where no extended coverage ran in the base year: ordinary other spending)

s is the SMEs' share of the base, solved from the 2020 waiver (``relief_sme_share``); the take-up
is solved so that 2020's refunds (0.62亿) are the report's at 2020's ratios (100% SMEs, 50% large
firms). Refunds are based on contributions actually paid the year before (after relief and
deferral), as the rules say (上年度实际缴纳).
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline.adopted import FundBaseline
from model.errors import ProblemList
from model.engine.funds.base import (YUAN_PER_WAN, FundContext, FundFlows, cumulative_growth,
                              employer_contributions, follow, other_income, solve_sme_share,
                              split_item)

FUND = "unemployment"
GROUP = "employees"
EXPENDITURE_ITEMS = ("unemployment_benefits", "medical_premiums", "price_subsidy", "skills_subsidy",
                     "job_stabilisation", "other_expenditure")
BENEFIT_ITEMS = ("unemployment_benefits", "medical_premiums")


def group_counts(base: FundBaseline, lever0: Mapping[str, float]) -> tuple[float, float, float | None]:
    return base.headcounts["insured"], 0.0, None


def recipient_months(base: FundBaseline, problems: ProblemList) -> float:
    """Benefit months paid in the base year: stated (e.g. the medical-premium person-times), else
    benefits ÷ the stated benefit per month; a Problem if the region gives neither."""
    if base.headcounts.get("recipient_months"):
        return base.headcounts["recipient_months"]
    per_month = base.per_capita.get("benefit_pp_pm")
    if per_month:
        return base.expenditure["unemployment_benefits"] * YUAN_PER_WAN / per_month
    problems.add("calibration", f"{FUND}/recipient_months", None, "缺少失业金领取人月数或人均月失业金",
                 "neither recipient-months nor the benefit per month is given",
                 "figures.csv 中 recipient_months 或 benefit_pp_pm 一行",
                 "a recipient_months or benefit_pp_pm row in figures.csv")
    return 0.0


def refund_ratio(sme_share, sme_ratio, large_ratio):
    """Share of last year's contributions refunded if every firm took the refund up:
    s × SME ratio + (1 − s) × large-firm ratio."""
    return sme_share * sme_ratio + (1.0 - sme_share) * large_ratio


def calibrate(base: FundBaseline, lever0: Mapping[str, float], demo0: Mapping[str, float],
              problems: ProblemList) -> tuple[dict, dict]:
    """incidence = recipients ÷ insured; duration = recipient-months ÷ recipients; benefit and
    premium per recipient-month from the items; SME share from the waiver; refund take-up =
    refunds ÷ (previous year's contributions × refund_ratio at the base year's ratios)."""
    insured = base.headcounts["insured"]
    recipients = base.headcounts.get("recipients", 0.0)
    months = recipient_months(base, problems)
    base_total = insured * lever0[f"{FUND}.average_base_py"] / YUAN_PER_WAN
    collection = lever0[f"{FUND}.collection_rate"]
    due = base.income["contributions"] + base.exemption
    rate_total = lever0[f"{FUND}.employer_rate"] + lever0[f"{FUND}.employee_rate"]
    employer_due = due * lever0[f"{FUND}.employer_rate"] / rate_total
    prior = base.contributions_prior or base.income["contributions"]
    sme_share = solve_sme_share(base.exemption, employer_due, lever0[f"{FUND}.relief_sme_months"],
                                lever0[f"{FUND}.relief_large_months"], FUND, problems)
    ratio = refund_ratio(sme_share, lever0[f"{FUND}.stabilisation_sme_ratio"],
                         lever0[f"{FUND}.stabilisation_large_ratio"])
    refunds = base.expenditure["job_stabilisation"]
    takeup = refunds / (prior * ratio) if prior and ratio else 0.0
    if refunds and not 0.0 < takeup <= 1.0:
        problems.add("calibration", f"{FUND}.stabilisation_takeup", round(takeup, 4),
                     "稳岗返还额与基年返还比例不符（反推享受面不在0–1之间）",
                     "the refunds do not fit the base year's refund ratios (implied take-up outside 0–1)",
                     "使 0 < 享受面 ≤ 1 的返还比例", "refund ratios giving a take-up between 0 and 1")
        takeup = min(max(takeup, 0.0), 1.0)
    fills = {
        f"{FUND}.incidence": recipients / insured if insured else 0.0,
        f"{FUND}.duration_months": months / recipients if recipients else 0.0,
        f"{FUND}.stabilisation_takeup": takeup,
        f"{FUND}.relief_sme_share": sme_share,
    }
    benefits = base.expenditure["unemployment_benefits"]
    params = {
        "insured_init": insured,
        "scale": due / (base_total * rate_total * collection) if base_total else 1.0,
        "contributions_prior": prior,
        "benefit_pm": benefits * YUAN_PER_WAN / months if months else 0.0,
        "premium_pm": base.expenditure["medical_premiums"] * YUAN_PER_WAN / months if months else 0.0,
        "skills_per_insured": base.expenditure["skills_subsidy"] * YUAN_PER_WAN / insured if insured else 0.0,
        **split_item("price_subsidy", base.expenditure["price_subsidy"], benefits),
        **split_item("other_expenditure", base.expenditure["other_expenditure"], benefits),
        **split_item("other_income", base.income["other_income"], due),
        **split_item("transfer_in", base.income["transfer_in"], due),
    }
    return params, fills


def _coverage_factor(ctx: FundContext) -> np.ndarray:
    """The extended-coverage share relative to the base year's: the unitemised base-year spending
    is the extended-coverage payments where they ran in the base year (Changji 2020: share 1, so
    the factor is the share itself); a region whose base year is after the measure ended (share 0,
    from 2023) keeps its unitemised spending as ordinary other spending (factor 1), so the base
    year is still the report."""
    share = ctx.lever("extended_coverage_share")
    base = share[:, :1]
    factor = share / np.where(base > 0, base, 1.0)
    return np.where(base > 0, factor, 1.0)


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    insured = ctx.demography.actives * coverage
    # ``scale`` matches the assumed rates × base to the base year's contributions due
    contributions, waived, base_total, due = employer_contributions(
        ctx, insured * params["scale"], ctx.lever("average_base_py"))
    recipients = insured * ctx.lever("incidence")
    months = recipients * ctx.lever("duration_months")
    benefit_index = cumulative_growth(ctx.lever("benefit_indexation") * ctx.levers["economy.wage_growth"])
    benefits = months * params["benefit_pm"] * benefit_index / YUAN_PER_WAN
    previous = np.empty_like(contributions)
    previous[:, 0] = params["contributions_prior"]
    previous[:, 1:] = contributions[:, :-1]
    w = ctx.wage_index
    income = {"contributions": contributions, **other_income(params, due, w)}
    expenditure = {
        "unemployment_benefits": benefits,
        "medical_premiums": months * params["premium_pm"] * ctx.wage_index / YUAN_PER_WAN,
        "price_subsidy": follow(params, "price_subsidy", benefits, w),
        "skills_subsidy": insured * params["skills_per_insured"] * ctx.wage_index / YUAN_PER_WAN,
        "job_stabilisation": ctx.lever("stabilisation_takeup") * previous * refund_ratio(
            ctx.lever("relief_sme_share"), ctx.lever("stabilisation_sme_ratio"), ctx.lever("stabilisation_large_ratio")),
        "other_expenditure": follow(params, "other_expenditure", benefits, w) * _coverage_factor(ctx),
    }
    return FundFlows(income=income, expenditure=expenditure, contributors=insured,
                     beneficiaries=recipients, contribution_base=base_total * params["scale"],
                     extra={"fee_relief": (waived, "万元"), "recipient_months": (months, "person-months")})
