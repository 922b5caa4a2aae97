"""Enterprise employee basic pension (企业职工基本养老保险), policy-facts §2.

The mechanics are shared with the public-institution fund (:mod:`model.engine.funds.employee_pension`);
this module only names the fund and its population group. Its 2020 relief, formula parameters
and subsidy rule are levers in ``data/parameters/levers.toml``.
"""
from __future__ import annotations

from functools import partial

from model.engine.funds import employee_pension

FUND = "enterprise_pension"
GROUP = "enterprise"
EXPENDITURE_ITEMS = employee_pension.EXPENDITURE_ITEMS
BENEFIT_ITEMS = employee_pension.BENEFIT_ITEMS

group_counts = partial(employee_pension.group_counts, FUND)
calibrate = partial(employee_pension.calibrate, FUND)
project = employee_pension.project
