"""The adopted base year: one consistent set of figures per fund, built by the reconciliation.

Every identity holds exactly in a :class:`Baseline` (tests/test_baseline_identities.py):

- ``income_total`` = Σ ``income`` items, ``expenditure_total`` = Σ ``expenditure`` items, the
  transfer lines between levels (上级补助收入 … 中央调剂基金支出, ``TRANSFER_IN_LINES`` /
  ``TRANSFER_OUT_LINES``) included: 0 where the report does not state them;
- ``balance_start`` = ``balance_end`` − (``income_total`` − ``expenditure_total``);
- resident pension: ``pension_benefits`` = ``recipients`` × ``pension_pp_pm`` × 12 / 10⁴;
- unemployment: ``unemployment_benefits`` = ``recipient_months`` × ``benefit_pp_pm`` / 10⁴ and
  ``medical_premiums`` = ``recipient_months`` × ``medical_premium_pp_pm`` / 10⁴.

Units: money 万元, head counts persons, per-capita amounts 元 per month, rates fractions.
Which statement each value comes from and why: ``Baseline.findings`` (model/reconcile.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from model.errors import ProblemList
from model.baseline.reconcile import MONTHS, YUAN_PER_WAN, Reconciliation, reconcile, recipient_months_source
from model.baseline.region import (EXPENDITURE_ITEMS, EXPENDITURE_LINES, FUND_NAMES, FUNDS, INCOME_ITEMS,
                                   INCOME_LINES, KEYS, TRANSFER_IN_LINES, TRANSFER_OUT_LINES, Region,
                                   default_region_dir, load_region)

__all__ = ["FUNDS", "INCOME_ITEMS", "EXPENDITURE_ITEMS", "INCOME_LINES", "EXPENDITURE_LINES",
           "TRANSFER_IN_LINES", "TRANSFER_OUT_LINES", "HEADCOUNT_KEYS", "PER_CAPITA_KEYS",
           "FundBaseline", "Baseline", "load_baseline", "build_baseline"]

# Head counts (persons) each fund's baseline may carry; a region may omit any of them.
HEADCOUNT_KEYS = {
    "enterprise_pension": ("retirees", "retirees_prior", "deaths"),
    "public_pension": ("retirees", "retirees_prior"),
    "resident_pension": ("recipients", "deaths"),
    "work_injury": ("insured", "beneficiaries"),
    "unemployment": ("insured", "recipients", "recipient_months", "skills_recipients",
                     "stabilisation_firms", "stabilisation_persons"),
}
# Per-capita amounts (元 per month) and rates (fractions) each fund's baseline may carry.
PER_CAPITA_KEYS = {
    "enterprise_pension": ("adjustment_rate", "adjustment_pp_pm"),
    "public_pension": ("adjustment_rate", "adjustment_pp_pm"),
    "resident_pension": ("pension_pp_pm",),
    "work_injury": (),
    "unemployment": ("benefit_pp_pm", "medical_premium_pp_pm"),
}


@dataclass(frozen=True)
class FundBaseline:
    """One fund's adopted base year. Money 万元; head counts persons; per-capita 元/month or fraction."""

    fund: str
    name_zh: str
    name_en: str
    income: Mapping[str, float]         # INCOME_LINES[fund]: own items, then transfer lines in
    expenditure: Mapping[str, float]    # EXPENDITURE_LINES[fund]: own items, then transfer lines out
    income_total: float
    expenditure_total: float
    income_prior: float
    expenditure_prior: float
    income_budget: float
    expenditure_budget: float
    balance_end: float
    balance_start: float
    headcounts: Mapping[str, float]
    per_capita: Mapping[str, float]
    exemption: float
    # previous year's contributions, 万元: stated, or base-year contributions less the stated
    # change (e.g. "保费收入…较上年减少5.94亿"); None when the region gives neither
    contributions_prior: float | None = None

    @property
    def current_balance(self) -> float:
        """income_total − expenditure_total, 万元."""
        return self.income_total - self.expenditure_total

    @property
    def own_expenditure(self) -> float:
        """Expenditure without the transfer lines between levels (what the fund itself pays:
        benefits, transfers of members, other), 万元; equals ``expenditure_total`` where the
        report states no transfer line."""
        return sum(self.expenditure[k] for k in EXPENDITURE_ITEMS[self.fund])

    @property
    def transfer_lines(self) -> dict[str, float]:
        """The fund's transfer lines between levels, in and out, 万元 (0 where not stated)."""
        return {k: self.income[k] for k in TRANSFER_IN_LINES[self.fund]} | \
            {k: self.expenditure[k] for k in TRANSFER_OUT_LINES[self.fund]}


@dataclass(frozen=True)
class Baseline:
    """All funds' adopted base year for one region, with the findings that produced it."""

    region_id: str
    name_zh: str
    name_en: str
    base_year: int
    funds: Mapping[str, FundBaseline]
    findings: tuple

    def total(self, attribute: str) -> float:
        """Sum of a money attribute over the five funds (e.g. ``balance_end``), 万元."""
        return sum(getattr(self.funds[f], attribute) for f in FUNDS)


def _value(rec: Reconciliation, fund: str, period: str, key: str) -> float | None:
    adopted = rec.best(fund, period, key)
    return None if adopted is None else adopted.value


def _headcounts(rec: Reconciliation, fund: str) -> dict[str, float]:
    base, prior = rec.region.base_period, rec.region.prior_period
    counts: dict[str, float] = {}
    for key in HEADCOUNT_KEYS[fund]:
        if key.endswith("_prior"):
            value = _value(rec, fund, prior, key[: -len("_prior")])
        elif key == "recipient_months":
            source = recipient_months_source(rec, fund, base)
            value = None if source is None else source.value
        else:
            value = _value(rec, fund, base, key)
        if value is not None:
            counts[key] = value
    return counts


def _per_capita(rec: Reconciliation, fund: str, expenditure: Mapping[str, float],
                counts: Mapping[str, float]) -> dict[str, float]:
    """Stated per-capita amounts, re-derived where they multiply a head count to a spending item."""
    base = rec.region.base_period
    amounts: dict[str, float] = {}
    for key in PER_CAPITA_KEYS[fund]:
        value = _value(rec, fund, base, key)
        if value is not None:
            amounts[key] = value
    derived = {
        "pension_pp_pm": ("pension_benefits", "recipients", MONTHS),
        "benefit_pp_pm": ("unemployment_benefits", "recipient_months", 1),
        "medical_premium_pp_pm": ("medical_premiums", "recipient_months", 1),
    }
    for key, (item, head, months) in derived.items():
        if key in PER_CAPITA_KEYS[fund] and counts.get(head) and expenditure.get(item):
            amounts[key] = expenditure[item] * YUAN_PER_WAN / counts[head] / months
    return amounts


def _contributions_prior(rec: Reconciliation, fund: str, income: Mapping[str, float]) -> float | None:
    """Prior-year contributions, 万元: stated for the prior period, else base-year contributions
    minus the stated change."""
    stated = _value(rec, fund, rec.region.prior_period, "contributions")
    if stated is not None:
        return stated
    change = _value(rec, fund, rec.region.base_period, "contributions_change")
    return None if change is None else income["contributions"] - change


def _negative_items(rec: Reconciliation, fund: str, income: Mapping[str, float],
                    expenditure: Mapping[str, float], problems: ProblemList) -> bool:
    """A Problem for every adopted income or expenditure item below zero (no item may be
    negative; only balances and changes are signed), naming the figures it was derived from.
    True if there was one."""
    region = rec.region
    found = False
    for group, items in (("income", income), ("expenditure", expenditure)):
        total_key = "income_total" if group == "income" else "expenditure_total"
        for key, value in items.items():
            if value >= 0 or KEYS[key].signed:
                continue
            found = True
            # the item's own statements, the group's largest items (a slip is usually the
            # largest), and the group total
            group_items = sorted((f for k in items for f in region.statements(fund, region.base_period, k)
                                  if k != key), key=lambda f: -abs(f.value))
            rows = (region.statements(fund, region.base_period, key)[:2] + group_items[:2]
                    + region.statements(fund, region.base_period, total_key)[:2])
            listing = "；".join(f"第 {f.row} 行 {f.key} {f.text}{f.unit}" for f in rows) or "无陈述"
            listing_en = "; ".join(f"row {f.row} {f.key} {f.text} {f.unit}" for f in rows) or "none stated"
            problems.add(str(region.path / "figures.csv"), f"{fund}/{region.base_period}/{key}", round(value, 4),
                         f"采用的分项为负（{KEYS[key].zh}，万元），由这些数字推得：{listing}",
                         f"the adopted item is negative ({KEYS[key].en}, 万元), derived from: {listing_en}",
                         "≥ 0 的分项：检查这些行的数值与单位", "an item ≥ 0: check the values and units of these rows")
    return found


def build_baseline(region: Region, rec: Reconciliation | None = None) -> Baseline:
    """Assemble the adopted baseline from a region's reconciliation (run here if not given)."""
    rec = rec or reconcile(region)
    base, prior = region.base_period, region.prior_period
    problems = ProblemList()
    funds = {}
    for fund in FUNDS:
        income = dict(rec.items[fund]["income"])
        expenditure = dict(rec.items[fund]["expenditure"])
        balance_end = _value(rec, fund, base, "balance_end")
        needed = {"income_prior": _value(rec, fund, prior, "income_total"),
                  "expenditure_prior": _value(rec, fund, prior, "expenditure_total"),
                  "balance_end": balance_end}
        for name, value in needed.items():
            if value is None:
                problems.add(str(region.path / "figures.csv"), f"{fund}/{name}", None,
                             "基线缺少必需的数字", "the baseline lacks a required figure",
                             "见 FORMAT.md 必填项", "see the required figures in FORMAT.md")
        if any(v is None for v in needed.values()):
            continue
        if _negative_items(rec, fund, income, expenditure, problems):
            continue
        income_total = sum(income.values())
        expenditure_total = sum(expenditure.values())
        counts = _headcounts(rec, fund)
        budget_income = _value(rec, fund, "budget", "income_total")
        budget_expenditure = _value(rec, fund, "budget", "expenditure_total")
        funds[fund] = FundBaseline(
            fund=fund, name_zh=FUND_NAMES[fund][0], name_en=FUND_NAMES[fund][1],
            income=MappingProxyType(income), expenditure=MappingProxyType(expenditure),
            income_total=income_total, expenditure_total=expenditure_total,
            income_prior=needed["income_prior"], expenditure_prior=needed["expenditure_prior"],
            # a region without a budget projects from actuals; the budget is then the actual
            income_budget=income_total if budget_income is None else budget_income,
            expenditure_budget=expenditure_total if budget_expenditure is None else budget_expenditure,
            balance_end=balance_end,
            balance_start=balance_end - (income_total - expenditure_total),
            headcounts=MappingProxyType(counts),
            per_capita=MappingProxyType(_per_capita(rec, fund, expenditure, counts)),
            exemption=_value(rec, fund, base, "exemption") or 0.0,
            contributions_prior=_contributions_prior(rec, fund, income),
        )
    problems.raise_if_any()
    return Baseline(region_id=region.id, name_zh=region.name_zh, name_en=region.name_en,
                    base_year=region.base_year, funds=MappingProxyType(funds),
                    findings=tuple(rec.findings))


_CACHE: dict[tuple, Baseline] = {}


def load_baseline(region_dir: str | Path | None = None) -> Baseline:
    """The adopted baseline of a region folder (default: the embedded Changji 2020 region).

    Raises :class:`~model.errors.InputError` listing every problem in the folder. Results are
    cached per folder and file modification times; the objects are frozen, so sharing is safe.
    """
    folder = Path(region_dir) if region_dir is not None else default_region_dir()
    stamps = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*") if p.is_file())) \
        if folder.is_dir() else ()
    key = (folder.resolve(), stamps)
    if key not in _CACHE:
        _CACHE[key] = build_baseline(load_region(folder))
    return _CACHE[key]
