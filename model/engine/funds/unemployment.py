"""Unemployment insurance (失业保险), policy-facts §6.

Insured employees (``model.engine.cohorts`` employee group scaled to the base-year insured) pay the
employer and employee rates, less 2020-style relief. Recipients are insured × incidence, each
paid for an average number of months: benefit (indexed to wages) and the medical-insurance
premium the fund pays for them. Job-stabilisation refunds return a share of the previous
year's contributions; skills subsidies scale with the insured; price subsidies and unitemised
spending keep their base-year ratio to benefits.

  recipient_months(t) = insured(t) × incidence × duration
  unemployment_benefits(t) = recipient_months(t) × benefit_pm(t)
  medical_premiums(t) = recipient_months(t) × premium_pm × wage index(t)
  job_stabilisation(t) = share × contributions(t − 1)
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


def calibrate(base: FundBaseline, lever0: Mapping[str, float], demo0: Mapping[str, float],
              problems: ProblemList) -> tuple[dict, dict]:
    """incidence = recipients ÷ insured; duration = recipient-months ÷ recipients; benefit and
    premium per recipient-month from the items; stabilisation share = refunds ÷ the previous
    year's contributions; SME share from the waiver."""
    insured = base.headcounts["insured"]
    recipients = base.headcounts.get("recipients", 0.0)
    months = recipient_months(base, problems)
    base_total = insured * lever0[f"{FUND}.average_base_py"] / YUAN_PER_WAN
    collection = lever0[f"{FUND}.collection_rate"]
    due = base.income["contributions"] + base.exemption
    rate_total = lever0[f"{FUND}.employer_rate"] + lever0[f"{FUND}.employee_rate"]
    employer_due = due * lever0[f"{FUND}.employer_rate"] / rate_total
    prior = base.contributions_prior or base.income["contributions"]
    fills = {
        f"{FUND}.incidence": recipients / insured if insured else 0.0,
        f"{FUND}.duration_months": months / recipients if recipients else 0.0,
        f"{FUND}.stabilisation_share": base.expenditure["job_stabilisation"] / prior if prior else 0.0,
        f"{FUND}.relief_sme_share": solve_sme_share(
            base.exemption, employer_due, lever0[f"{FUND}.relief_sme_months"],
            lever0[f"{FUND}.relief_large_months"], FUND, problems),
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
        "job_stabilisation": ctx.lever("stabilisation_share") * previous,
        "other_expenditure": follow(params, "other_expenditure", benefits, w),
    }
    return FundFlows(income=income, expenditure=expenditure, contributors=insured,
                     beneficiaries=recipients, contribution_base=base_total * params["scale"],
                     extra={"fee_relief": (waived, "万元"), "recipient_months": (months, "person-months")})
