"""Work-injury insurance (工伤保险), policy-facts §5.

Insured employees (``model.engine.cohorts`` employee group, scaled to the base-year insured) pay an
effective rate on the wage bill, cut by ``rate_cut`` and by 2020-style relief. New cases arise
at an incidence per insured. A share of them enters a stock of long-term beneficiaries
(伤残津贴 of grades 1–4 and 供养亲属抚恤金), which leaves by death and by ageing out (disability
allowances stop when the old-age pension starts; children's survivor pensions stop at 18); the
rest are one-off costs (medical treatment, lump sums) indexed to wages.

The long-term amount per beneficiary is a fraction of the insured's wage (the fund's average
contribution base, 工伤保险条例 arts. 35, 39: grades 1–4 get 90/85/80/75% of their own wage,
a spouse 40% and other dependants 30% of the deceased's wage), adjusted with wages (art. 40)
plus any extra adjustment. The 2020 long-term stock is a share of the 1,466 people paid; its
cost is stock × amount, and the one-off cost per new case takes the rest of 2020's benefits.

  new_cases(t)      = insured(t) × incidence
  long_term(t)      = long_term(t−1) × (1 − death rate − ageing-out rate) + entry share × new_cases(t)
  amount_py(t)      = wage fraction × average base × I(t),  I(t) = Π (1 + indexation × g_w(t) + adjustment(t))
  injury_benefits(t)= long_term(t) × amount_py(t) + new_cases(t) × one-off cost × wage index(t)
  prevention(t)     = ratio × contributions due; assessment(t) = cost per case × new_cases(t)
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
    the 2020 beneficiaries split into long-term (share assumption, capped so the stock costs no
    more than the stated benefits) and new cases; long-term cost = stock × wage fraction ×
    average base; one-off cost per case = the rest ÷ new cases."""
    insured = base.headcounts["insured"]
    base_total = insured * lever0[f"{FUND}.average_base_py"] / YUAN_PER_WAN
    due = base.income["contributions"] + base.exemption
    rate = due / (base_total * lever0[f"{FUND}.collection_rate"] * (1.0 - lever0[f"{FUND}.rate_cut"]))
    fills = {f"{FUND}.effective_rate": rate,
             f"{FUND}.relief_sme_share": solve_sme_share(
                 base.exemption, due, lever0[f"{FUND}.relief_sme_months"],
                 lever0[f"{FUND}.relief_large_months"], FUND, problems)}
    people = base.headcounts.get("beneficiaries", 0.0)
    benefits = base.expenditure["injury_benefits"]
    amount_py = lever0[f"{FUND}.long_term_wage_fraction"] * lever0[f"{FUND}.average_base_py"]
    # the stock cannot cost more than the stated benefits (e.g. a region that does not itemise them)
    long_term = min(lever0[f"{FUND}.long_term_share"] * people,
                    benefits * YUAN_PER_WAN / amount_py if amount_py else 0.0)
    new_cases = people - long_term
    lt_cost = long_term * amount_py / YUAN_PER_WAN
    fills[f"{FUND}.incidence"] = new_cases / insured if insured else 0.0
    params = {
        "long_term_init": long_term,
        "long_term_py": amount_py,
        "one_off_per_case": (benefits - lt_cost) * YUAN_PER_WAN / new_cases if new_cases else 0.0,
        **split_item("prevention", base.expenditure["prevention"], due),
        **split_item("assessment_per_case", base.expenditure["assessment"] * YUAN_PER_WAN, new_cases),
        **split_item("other_income", base.income["other_income"], due),
        **split_item("transfer_in", base.income["transfer_in"], due),
        **split_item("other_expenditure", base.expenditure["other_expenditure"], benefits),
    }
    return params, fills


def long_term_caseload(stock0: float, new_cases: np.ndarray, entry_share: np.ndarray,
                       exit_rate: np.ndarray) -> np.ndarray:
    """L(t) = L(t−1) × (1 − exit(t)) + entry share(t) × new cases(t), L(0) = stock0; ``(batch, n_years)``
    (one loop over years on batch vectors)."""
    long_term = np.empty_like(new_cases)
    long_term[:, 0] = stock0
    for t in range(1, new_cases.shape[1]):
        long_term[:, t] = long_term[:, t - 1] * (1.0 - exit_rate[:, t]) + entry_share[:, t] * new_cases[:, t]
    return long_term


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    insured = ctx.demography.actives * coverage
    rate = ctx.lever("effective_rate") * (1.0 - ctx.lever("rate_cut"))
    contributions, waived, base_total, due = employer_contributions(
        ctx, insured, ctx.lever("average_base_py"), rate=rate)
    new_cases = insured * ctx.lever("incidence")
    exit_rate = ctx.lever("long_term_death_rate") + ctx.lever("long_term_ageing_out_rate")
    long_term = long_term_caseload(params["long_term_init"], new_cases, ctx.lever("long_term_entry_share"),
                                   np.minimum(exit_rate, 1.0))
    growth = ctx.lever("benefit_indexation") * ctx.levers["economy.wage_growth"] + ctx.lever("adjustment_rate")
    amount = params["long_term_py"] * cumulative_growth(growth)
    w = ctx.wage_index
    benefits = (long_term * amount + new_cases * params["one_off_per_case"] * w) / YUAN_PER_WAN
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
                            "long_term_beneficiaries": (long_term, "persons"),
                            "long_term_amount_py": (amount, "元/yr")})
