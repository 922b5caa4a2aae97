"""Transfer lines between levels of government (上下级往来) and of the central adjustment fund,
projected from levers so that a region whose report carries them (after 全国统筹, 2022)
validates and projects, and one that does not (Changji 2020: 不含上下级往来) is unchanged.

Each line of fund f in year t (万元; the central lines for the two employee pension funds only):

  上级补助收入      upper_subsidy_in(t)  = r(t) × own expenditure(t)  (+ pooling_transfer(t), the
                                           employee pensions' amount lever, 0 by default)
  下级上解收入      lower_remit_in(t)    = r(t) × contributions(t)
  中央调剂基金收入  central_in(t)        = r(t) × own expenditure(t)
  补助下级支出      lower_subsidy_out(t) = r(t) × own expenditure(t)
  上解上级支出      upper_remit_out(t)   = r(t) × contributions(t)
  中央调剂基金支出  central_out(t)       = r(t) × contributions(t)

- own expenditure = the fund's expenditure items without these lines (benefits, transfers of
  members, other spending); contributions = contributions after relief and deferral;
- r(t) is the lever ``<fund>.<line>_ratio`` (fraction, ``data/parameters/levers.toml``); its
  default, ``"calibrated"``, is the base-year ratio line ÷ driver (:func:`calibrate`), so the base
  year is the report and a line the report does not state is 0 in every year. Subsidies follow
  what the fund pays; remittances follow what it collects (the sources in levers.toml say why).

The lines go into the fund's income and expenditure, so the totals, the financing and the balance
roll-forward include them: B(t) = B(t−1) + income_total(t) − expenditure_total(t), transfers in
and out included. The share-of-expenditure subsidy rule multiplies the own expenditure (a fiscal
subsidy is not set on the remittance upward); its calibrated share is the base-year subsidy ÷ own
expenditure.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline.adopted import FundBaseline
from model.baseline.region import KEYS, TRANSFER_IN_LINES, TRANSFER_OUT_LINES
from model.engine.funds.base import FundContext, FundFlows, has_lever
from model.errors import ProblemList

#: The driver each line is held in proportion to: ``expenditure`` (own) or ``contributions``.
DRIVERS = {"upper_subsidy_in": "expenditure", "lower_remit_in": "contributions", "central_in": "expenditure",
           "lower_subsidy_out": "expenditure", "upper_remit_out": "contributions", "central_out": "contributions"}
DRIVER_NAMES = {"expenditure": ("基金自身支出（不含上下级往来）", "own expenditure (transfer lines excluded)"),
                "contributions": ("保险费收入", "contributions")}


def lines(fund: str) -> tuple[str, ...]:
    """The fund's transfer lines, in then out."""
    return TRANSFER_IN_LINES[fund] + TRANSFER_OUT_LINES[fund]


def ratio_lever(fund: str, line: str) -> str:
    return f"{fund}.{line}_ratio"


def calibrate(base: FundBaseline, region_defaults: Mapping, default_of: Mapping[str, object],
              problems: ProblemList) -> dict[str, float]:
    """Lever fills: each line's base-year ratio to its driver, where the lever's default is
    still ``"calibrated"`` (a region's ``assumptions.toml`` may set it instead). A stated line
    whose driver is 0 in the base year cannot be held at a ratio: a Problem names it."""
    fund = base.fund
    drivers = {"expenditure": base.own_expenditure, "contributions": base.income["contributions"]}
    fills: dict[str, float] = {}
    for line in lines(fund):
        lever = ratio_lever(fund, line)
        if not isinstance(region_defaults.get(lever, default_of[lever]), str):
            continue
        value = base.income[line] if line in base.income else base.expenditure[line]
        driver = drivers[DRIVERS[line]]
        if driver > 0:
            fills[lever] = value / driver
            continue
        fills[lever] = 0.0
        if value:
            zh, en = DRIVER_NAMES[DRIVERS[line]]
            problems.add("calibration", f"{fund}.{line}", value,
                         f"报告列有{KEYS[line].zh}，但基年{zh}为0，无法按基年比例外推",
                         f"the report states {KEYS[line].en}, but the base year's {en} is 0, so the line "
                         "cannot be held at its base-year ratio",
                         f"在 figures.csv 中列出该险种的{zh}，或在地区 assumptions.toml 中设定 [{fund}] {line}_ratio",
                         f"state the fund's {en} in figures.csv, or set [{fund}] {line}_ratio in the region's "
                         "assumptions.toml")
    return fills


def add_lines(ctx: FundContext, flows: FundFlows) -> None:
    """Add the fund's transfer lines to ``flows`` (万元, ``(batch, n_years)``), after its own
    items; the share rule's base becomes the own expenditure if the fund set none.

    A line that is 0 throughout (its ratio 0 for every member and year: the default where the
    report states none) is left out of ``flows``: the totals and the financing then add nothing
    for it, so a region without transfer lines projects bit for bit as before and at no cost;
    the engine's series report such a line as 0 (``Engine._fund_series``)."""
    fund = ctx.fund
    live = [line for line in lines(fund) if not _zero(ctx.lever(f"{line}_ratio"))]
    pooling = ctx.lever("pooling_transfer") if has_lever(ctx, "pooling_transfer") else None
    if pooling is not None and _zero(pooling):
        pooling = None
    if not live and pooling is None:
        return
    own = sum(flows.expenditure.values())
    drivers = {"expenditure": own, "contributions": flows.income["contributions"]}
    for line in live:
        target = flows.income if line in TRANSFER_IN_LINES[fund] else flows.expenditure
        target[line] = ctx.lever(f"{line}_ratio") * drivers[DRIVERS[line]]
    if pooling is not None:
        flows.income["upper_subsidy_in"] = flows.income.get("upper_subsidy_in", 0.0) + pooling
    if flows.subsidy_base is None and any(line in TRANSFER_OUT_LINES[fund] for line in live):
        flows.subsidy_base = own


def _zero(lever: np.ndarray) -> bool:
    """A lever that is 0 for every member and year (checked on one row when the batch shares it)."""
    return not (lever[:1] if lever.strides[0] == 0 else lever).any()
