"""Urban-rural resident basic pension (城乡居民基本养老保险), policy-facts §4.

Contributors aged 16–59 pay an average yearly amount (a tier mix); recipients are aged 60 and
over and receive the basic pension (paid from the fiscal subsidy) plus an individual-account
annuity; deaths bring a funeral grant. From ``model.cohorts``: contributors ∝ population 16–59,
recipients ∝ population 60+, both scaled to the base year and times coverage c(t).

  contributions(t) = contributors(t) × average contribution(t)
  pension_benefits(t) = recipients(t) × (basic pension(t) + annuity) × 12
  funeral_survivor(t) = deaths(t) × grant × wage index(t)
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline import FundBaseline
from model.errors import ProblemList
from model.funds.base import YUAN_PER_WAN, FundContext, FundFlows, cumulative_growth

FUND = "resident_pension"
GROUP = "resident"
EXPENDITURE_ITEMS = ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure")
BENEFIT_ITEMS = ("pension_benefits", "funeral_survivor")


def group_counts(base: FundBaseline, lever0: Mapping[str, float]) -> tuple[float, float, float | None]:
    """(contributors, recipients, deaths or None), persons. Contributors = contributions ÷ the
    assumed average yearly contribution (元/yr lever)."""
    contributors = base.income["contributions"] * YUAN_PER_WAN / lever0[f"{FUND}.average_contribution_py"]
    return contributors, base.headcounts["recipients"], base.headcounts.get("deaths")


def calibrate(base: FundBaseline, lever0: Mapping[str, float], demo0: Mapping[str, float],
              problems: ProblemList) -> tuple[dict, dict]:
    """annuity_pm (元/month) = pensions ÷ recipients ÷ 12 − basic pension: the individual-account
    annuity and any other per-head payment (negative if the stated basic level exceeds what was
    paid on average); grant per death; item ratios."""
    recipients = demo0["pensioners"]
    benefits = base.expenditure["pension_benefits"]
    contributions = base.income["contributions"]
    annuity = benefits * YUAN_PER_WAN / recipients / 12.0 - lever0[f"{FUND}.basic_pension_pm"] if recipients else 0.0
    params = {
        "contributors_init": demo0["actives"],
        "annuity_pm": annuity,
        "grant_per_death": base.expenditure["funeral_survivor"] * YUAN_PER_WAN / demo0["deaths"] if demo0["deaths"] else 0.0,
        "transfer_in_ratio": base.income["transfer_in"] / contributions if contributions else 0.0,
        "other_income_ratio": base.income["other_income"] / contributions if contributions else 0.0,
        "transfer_out_ratio": base.expenditure["transfer_out"] / benefits if benefits else 0.0,
        "other_expenditure_ratio": base.expenditure["other_expenditure"] / benefits if benefits else 0.0,
    }
    return params, {}


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    demo = ctx.demography
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    contributors = demo.actives * coverage
    per_head = ctx.lever("average_contribution_py")[:, :1] * cumulative_growth(ctx.lever("contribution_growth"))
    contributions = contributors * per_head / YUAN_PER_WAN
    recipients = demo.pensioners * coverage
    deaths = demo.deaths * coverage
    pension_benefits = recipients * (ctx.lever("basic_pension_pm") + params["annuity_pm"]) * 12.0 / YUAN_PER_WAN
    funeral = deaths * params["grant_per_death"] * ctx.wage_index / YUAN_PER_WAN
    income = {
        "contributions": contributions,
        "other_income": params["other_income_ratio"] * contributions,
        "transfer_in": params["transfer_in_ratio"] * contributions,
    }
    expenditure = {
        "pension_benefits": pension_benefits,
        "funeral_survivor": funeral,
        "transfer_out": params["transfer_out_ratio"] * pension_benefits,
        "other_expenditure": params["other_expenditure_ratio"] * pension_benefits,
    }
    return FundFlows(income=income, expenditure=expenditure, contributors=contributors,
                     beneficiaries=recipients, contribution_base=contributors * per_head / YUAN_PER_WAN,
                     extra={"deaths": (deaths, "persons")})
