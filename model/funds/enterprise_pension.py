"""Enterprise employee basic pension (企业职工基本养老保险), policy-facts §2.

The mechanics are shared with the other employee pension fund: see
:mod:`model.funds.employee_pension`.
"""
from __future__ import annotations

from typing import Mapping

from model.baseline import FundBaseline
from model.errors import ProblemList
from model.funds import employee_pension
from model.funds.base import FundContext, FundFlows

FUND = "enterprise_pension"
GROUP = "enterprise"
EXPENDITURE_ITEMS = employee_pension.EXPENDITURE_ITEMS
BENEFIT_ITEMS = employee_pension.BENEFIT_ITEMS
HEADCOUNT_KEYS = ("retirees", "deaths")


def group_counts(base: FundBaseline, lever0: Mapping[str, float]) -> tuple[float, float, float | None]:
    """(contributors, pensioners, pensioner deaths or None) in the base year, persons."""
    return (employee_pension.implied_contributors(base, lever0, FUND), base.headcounts["retirees"],
            base.headcounts.get("deaths"))


def calibrate(base: FundBaseline, lever0: Mapping[str, float], demo0: Mapping[str, float],
              problems: ProblemList) -> tuple[dict, dict]:
    return employee_pension.calibrate(FUND, base, lever0, demo0, problems)


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    return employee_pension.project(ctx, params)
