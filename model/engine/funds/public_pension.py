"""Government and public institution pension (机关事业单位养老保险), policy-facts §3.

The same structure as the enterprise fund (:mod:`model.engine.funds.employee_pension`): no 2020 relief,
women mostly on the age-55 rule, and by default a budget that fills the gap, as in 2020 (see
``data/parameters/levers.toml``).
"""
from __future__ import annotations

from functools import partial

from model.engine.funds import employee_pension

FUND = "public_pension"
GROUP = "public"
#: The report states no deaths of institution pensioners: their mortality basis is the enterprise
#: fund's calibrated factor k (from its 1,727 stated 2020 deaths) times the lever
#: ``public_pension.mortality_differential`` (see model.engine.cohorts).
MORTALITY_FROM = "enterprise_pension"
EXPENDITURE_ITEMS = employee_pension.EXPENDITURE_ITEMS
BENEFIT_ITEMS = employee_pension.BENEFIT_ITEMS

group_counts = partial(employee_pension.group_counts, FUND)
calibrate = partial(employee_pension.calibrate, FUND)
project = employee_pension.project
