"""Work-injury insurance (工伤保险), policy-facts §5.

Insured employees (``model.engine.cohorts`` employee group, scaled to the base-year insured) pay an
effective rate on the wage bill, cut by ``rate_cut`` and by 2020-style relief. New cases arise
at an incidence per insured; a share of them joins a stock of long-term beneficiaries
(disability and survivor pensions, indexed) that leaves at an exit rate; the rest are one-off
costs indexed to wages. The base year is split by two assumptions (long-term share of people
and of cost), and new long-term cases are calibrated so the base-year stock is stationary.

  new_cases(t) = insured(t) × incidence
  long_term(t) = long_term(t−1) × (1 − exit) + conversion × new_cases(t)
  injury_benefits(t) = long_term(t) × pension(t) + new_cases(t) × one-off cost(t)
  prevention(t) = ratio × contributions due; assessment(t) = cost per case × new_cases(t)
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline.adopted import FundBaseline
from model.errors import ProblemList
from model.engine.funds.base import (YUAN_PER_WAN, FundContext, FundFlows, cumulative_growth,
                              employer_contributions, follow, other_income, solve_sme_share,
                              split_item)

FUND = "work_injury"
GROUP = "employees"
EXPENDITURE_ITEMS = ("injury_benefits", "prevention", "assessment", "other_expenditure")
BENEFIT_ITEMS = ("injury_benefits",)


def group_counts(base: FundBaseline, lever0: Mapping[str, float]) -> tuple[float, float, float | None]:
    return base.headcounts["insured"], 0.0, None


def calibrate(base: FundBaseline, lever0: Mapping[str, float], demo0: Mapping[str, float],
              problems: ProblemList) -> tuple[dict, dict]:
    """effective rate = (contributions + exemption) ÷ (insured × base); SME share from the waiver;
    the 2020 beneficiaries split into long-term and new cases by the two share assumptions."""
    insured = base.headcounts["insured"]
    base_total = insured * lever0[f"{FUND}.average_base_py"] / YUAN_PER_WAN
    due = base.income["contributions"] + base.exemption
    rate = due / (base_total * lever0[f"{FUND}.collection_rate"] * (1.0 - lever0[f"{FUND}.rate_cut"]))
    fills = {f"{FUND}.effective_rate": rate,
             f"{FUND}.relief_sme_share": solve_sme_share(
                 base.exemption, due, lever0[f"{FUND}.relief_sme_months"],
                 lever0[f"{FUND}.relief_large_months"], FUND, problems)}
    people = base.headcounts.get("beneficiaries", 0.0)
    long_term = lever0[f"{FUND}.long_term_share"] * people
    new_cases = people - long_term
    benefits = base.expenditure["injury_benefits"]
    lt_cost = lever0[f"{FUND}.long_term_cost_share"] * benefits
    fills[f"{FUND}.incidence"] = new_cases / insured if insured else 0.0
    params = {
        "long_term_init": long_term,
        "long_term_py": lt_cost * YUAN_PER_WAN / long_term if long_term else 0.0,
        "one_off_per_case": (benefits - lt_cost) * YUAN_PER_WAN / new_cases if new_cases else 0.0,
        "conversion": lever0[f"{FUND}.long_term_exit_rate"] * long_term / new_cases if new_cases else 0.0,
        **split_item("prevention", base.expenditure["prevention"], due),
        **split_item("assessment_per_case", base.expenditure["assessment"] * YUAN_PER_WAN, new_cases),
        **split_item("other_income", base.income["other_income"], due),
        **split_item("transfer_in", base.income["transfer_in"], due),
        **split_item("other_expenditure", base.expenditure["other_expenditure"], benefits),
    }
    return params, fills


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    insured = ctx.demography.actives * coverage
    rate = ctx.lever("effective_rate") * (1.0 - ctx.lever("rate_cut"))
    contributions, waived, base_total, due = employer_contributions(
        ctx, insured, ctx.lever("average_base_py"), rate=rate)
    new_cases = insured * ctx.lever("incidence")
    exit_rate = ctx.lever("long_term_exit_rate")
    long_term = np.empty_like(insured)
    long_term[:, 0] = params["long_term_init"]
    for t in range(1, insured.shape[1]):
        long_term[:, t] = long_term[:, t - 1] * (1.0 - exit_rate[:, t]) + params["conversion"] * new_cases[:, t]
    pension = params["long_term_py"] * cumulative_growth(ctx.lever("adjustment_rate"))
    benefits = (long_term * pension + new_cases * params["one_off_per_case"] * ctx.wage_index) / YUAN_PER_WAN
    w = ctx.wage_index
    income = {"contributions": contributions, **other_income(params, due, w)}
    expenditure = {
        "injury_benefits": benefits,
        "prevention": follow(params, "prevention", due, w),
        "assessment": follow(params, "assessment_per_case", new_cases, 1.0) * w / YUAN_PER_WAN,
        "other_expenditure": follow(params, "other_expenditure", benefits, w),
    }
    return FundFlows(income=income, expenditure=expenditure, contributors=insured,
                     beneficiaries=long_term + new_cases, contribution_base=base_total,
                     extra={"fee_relief": (waived, "万元"), "new_cases": (new_cases, "persons"),
                            "long_term_beneficiaries": (long_term, "persons")})
