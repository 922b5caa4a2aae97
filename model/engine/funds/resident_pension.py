"""Urban-rural resident basic pension (城乡居民基本养老保险), policy-facts §4.

Contributors aged 16–59 pay an average yearly amount (a tier mix); recipients are aged 60 and
over and receive the basic pension (paid from the fiscal subsidy) plus an individual-account
annuity; deaths bring a funeral grant. From ``model.engine.cohorts``: contributors ∝ population 16–59,
recipients ∝ population 60+, both scaled to the base year and times coverage c(t).

  contributions(t) = contributors(t) × average contribution(t)
  pension_benefits(t) = recipients(t) × (basic pension(t) + annuity) × 12
  funeral_survivor(t) = deaths(t) × grant × wage index(t)
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline.adopted import FundBaseline
from model.errors import ProblemList
from model.engine.funds.base import (YUAN_PER_WAN, FundContext, FundFlows, cumulative_growth, follow,
                              other_income, split_item)

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
        **split_item("grant_per_death", base.expenditure["funeral_survivor"] * YUAN_PER_WAN, demo0["deaths"]),
        **split_item("transfer_in", base.income["transfer_in"], contributions),
        **split_item("other_income", base.income["other_income"], contributions),
        **split_item("transfer_out", base.expenditure["transfer_out"], benefits),
        **split_item("other_expenditure", base.expenditure["other_expenditure"], benefits),
    }
    return params, {}


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    demo = ctx.demography
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    contributors = demo.actives * coverage
    per_head = ctx.lever("average_contribution_py") * cumulative_growth(ctx.lever("contribution_growth"))
    contributions = contributors * per_head / YUAN_PER_WAN
    recipients = demo.pensioners * coverage
    deaths = demo.deaths * coverage
    pension_benefits = recipients * (ctx.lever("basic_pension_pm") + params["annuity_pm"]) * 12.0 / YUAN_PER_WAN
    w = ctx.wage_index
    funeral = follow(params, "grant_per_death", deaths, 1.0) * w / YUAN_PER_WAN
    income = {"contributions": contributions, **other_income(params, contributions, w)}
    expenditure = {
        "pension_benefits": pension_benefits,
        "funeral_survivor": funeral,
        "transfer_out": follow(params, "transfer_out", pension_benefits, w),
        "other_expenditure": follow(params, "other_expenditure", pension_benefits, w),
    }
    return FundFlows(income=income, expenditure=expenditure, contributors=contributors,
                     beneficiaries=recipients, contribution_base=contributors * per_head / YUAN_PER_WAN,
                     extra={"deaths": (deaths, "persons")})
