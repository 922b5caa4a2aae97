"""Backtest: start from end-2019 with 2019's flows, apply 2020's known policy, compare with 2020.

The report gives 2019 only as fund totals (the 万元 table), contributions (from the stated
decreases, e.g. 保费收入 18.95亿 "减少5.94亿"), pensioner counts for the two employee funds and
the end-2019 balance (derived). So the 2019 base year is built with these ASSUMPTIONS, each
visible in the output:
- 2019 income items other than contributions, and all expenditure items, split the table's
  totals in their 2020 proportions;
- headcounts not stated for 2019 are the 2020 counts; pensioner deaths scale with pensioners;
- per-person money levers that are base-year levels (average contribution bases, the average
  wage) are the 2020 assumptions deflated by the default 2021 wage growth;
- the employer pension rate of 2019 is 20% for January–April and 16% after (国办发〔2019〕13号),
  i.e. 17.33% for the year; 2019 had no fee relief;
- the SMEs' share of each fund's employer base is structural and cannot be seen in a year
  without relief, so it is taken from the 2020 calibration (which uses the reported waivers):
  the backtest therefore does not test the size of the waivers, only everything around them.
Then 2020 runs with the engine's own rules and 2020's levers: the relief months, the 5.5%/4%
adjustments, the subsidy rules. Differences from the report measure the model's one-year error.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from model.baseline.adopted import FUNDS, Baseline, load_baseline
from model.engine.calibration import calibrate
from model.engine.core import Engine
from model.paths import DEFAULT_REGION_DIR
from model.scenarios.levers import build_lever_set, catalogue, load_region_overrides
from model.baseline.region import load_region

EMPLOYER_RATE_2019 = 0.20 * 4 / 12 + 0.16 * 8 / 12   # 20% Jan–Apr, 16% from 1 May 2019
COMPARED = ("contributions", "fiscal_subsidy", "interest", "income_total", "pension_benefits",
            "funeral_survivor", "injury_benefits", "unemployment_benefits", "job_stabilisation",
            "expenditure_total", "accumulated_balance", "beneficiaries")


def _scaled(items: dict, total: float) -> dict:
    s = sum(items.values())
    return {k: (v / s * total if s else 0.0) for k, v in items.items()}


def prior_baseline(baseline: Baseline) -> Baseline:
    """The 2019 base year built from the report's 2019 statements and the assumptions above."""
    funds = {}
    for fund, fb in baseline.funds.items():
        # no prior-year statement: assume contributions unchanged (said in the output's notes)
        contributions = fb.contributions_prior if fb.contributions_prior is not None else fb.income["contributions"]
        other = {k: v for k, v in fb.income.items() if k != "contributions"}
        income = {"contributions": contributions} | _scaled(other, fb.income_prior - contributions)
        expenditure = _scaled(dict(fb.expenditure), fb.expenditure_prior)
        headcounts = dict(fb.headcounts)
        for key in ("retirees",):
            if f"{key}_prior" in headcounts:
                ratio = headcounts[f"{key}_prior"] / headcounts[key]
                headcounts[key] = headcounts.pop(f"{key}_prior")   # no count a year before 2019
                if "deaths" in headcounts:
                    headcounts["deaths"] *= ratio
        funds[fund] = replace(
            fb, income=income, expenditure=expenditure,
            income_total=sum(income.values()), expenditure_total=sum(expenditure.values()),
            balance_end=fb.balance_start,
            balance_start=fb.balance_start - (fb.income_prior - fb.expenditure_prior),
            headcounts=headcounts, exemption=0.0)
    return replace(baseline, base_year=baseline.base_year - 1, funds=funds)


def backtest_defaults(region_defaults: dict, base_year: int, sme_shares: dict) -> dict:
    """Lever defaults for a run starting in ``base_year`` (2019): see the module docstring."""
    specs = catalogue()
    out = dict(region_defaults)
    growth = build_lever_set([base_year + 2], [{}])["economy.wage_growth"][0, 0]
    for name, spec in specs.items():
        if spec.kind == "money_py" and not spec.path:
            value = out.get(name, spec.default)
            out[name] = float(value) / (1.0 + growth)
        if name.endswith("relief_sme_months") or name.endswith("relief_large_months"):
            default = out.get(name, spec.default)
            out[name] = {base_year: 0.0} | {int(k): v for k, v in default.items()}
    out.update(sme_shares)
    for fund in ("enterprise_pension", "public_pension"):
        out[f"{fund}.employer_rate"] = {base_year: EMPLOYER_RATE_2019, base_year + 1: 0.16}
    return out


def run_backtest(region_dir: str | Path | None = None) -> pd.DataFrame:
    """Projected vs actual base-year figures per fund: columns fund, indicator, projected, actual,
    error (万元 or persons), error_pct."""
    region_path = Path(region_dir) if region_dir else DEFAULT_REGION_DIR
    baseline = load_baseline(region_dir)
    region = load_region(region_path)
    prior = prior_baseline(baseline)
    region_defaults = load_region_overrides(region_path)
    current = calibrate(baseline, region_defaults, region.age_profiles)
    sme = {k: v for k, v in current.lever_fills.items() if k.endswith("relief_sme_share")}
    defaults = backtest_defaults(region_defaults, prior.base_year, sme)
    engine = Engine(prior, defaults, calibrate(prior, defaults, region.age_profiles))
    result = engine.run([{}], end=baseline.base_year)
    rows = []
    for fund in FUNDS:
        fb = baseline.funds[fund]
        actual = dict(fb.income) | dict(fb.expenditure) | {
            "income_total": fb.income_total, "expenditure_total": fb.expenditure_total,
            "accumulated_balance": fb.balance_end}
        pensioners = fb.headcounts.get("retirees", fb.headcounts.get("recipients"))
        if pensioners and fund != "work_injury":
            actual["beneficiaries"] = pensioners
        elif fund in ("work_injury", "unemployment"):
            actual["beneficiaries"] = fb.headcounts.get("beneficiaries", fb.headcounts.get("recipients", 0.0))
        for name in COMPARED:
            if name not in actual or name not in result.series[fund]:
                continue
            projected = float(result.series[fund][name][0, -1])
            a = float(actual[name])
            rows.append({"fund": fund, "indicator": name, "projected": projected, "actual": a,
                         "error": projected - a, "error_pct": (projected - a) / a * 100 if a else np.nan})
    return pd.DataFrame(rows)
