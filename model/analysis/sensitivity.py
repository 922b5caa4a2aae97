"""One-at-a-time sensitivity: each assumption moved down and up by Δ, all in one batched run.

Every row of :data:`ASSUMPTIONS` names one or more levers and a Δ, either added to the lever
(``add``: a rate moved by one point) or applied as a factor (``scale``: ×(1 ± Δ), used for
calibrated levers such as unemployment incidence, whose level only the calibration knows).
Δ applies to every projected year (the base year stays the report's); the moved value is
clipped to the lever's catalogue range and the values actually used are reported.

The batch is [base, a₁−, a₁+, a₂−, a₂+, …]: one engine call. Tornado data per fund: the effect
on the depletion year and on the accumulated balance at the horizon of the low and the high
side. A depletion year "not by the horizon" counts as horizon + 1 in the effect columns
(``censored`` marks rows where that happens: the effect is then a bound, not a number of
years).

See also: ``model.analysis.compare`` (summary figures), ``model.analysis.montecarlo`` (joint random variation).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, first_year
from model.engine.cache import get_engine
from model.scenarios.levers import LeverSet, catalogue
from model.scenarios.library import SCENARIO_DIR, Scenario, load_scenario

if TYPE_CHECKING:   # pandas is imported where the DataFrame is built (start-up of the CLI)
    import pandas as pd


@dataclass(frozen=True)
class Assumption:
    """One assumption to move: its levers, how (``add`` or ``scale``) and by how much."""

    key: str
    label_zh: str
    label_en: str
    levers: tuple[str, ...]
    how: str
    delta: float


#: ASSUMPTION — the Δ of each row is a judgement of a plausible one-sided error over decades:
#: one point for wage growth, returns and pension adjustments; ±20% for calibrated incidence and
#: duration (the 2020 level was a COVID year); ±10% for mortality level; ±0.5 for the
#: improvement speed (roughly WPP's low/high band); ±0.5 point a year of coverage growth.
ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("wage_growth", "工资增长率 ±1个百分点", "Wage growth ±1 point",
               ("economy.wage_growth",), "add", 0.01),
    Assumption("interest_rate", "基金收益率 ±1个百分点", "Return on balances ±1 point",
               ("economy.interest_rate",), "add", 0.01),
    Assumption("pension_adjustment", "养老金调整幅度 ±1个百分点", "Pension adjustment ±1 point",
               ("enterprise_pension.adjustment_rate", "public_pension.adjustment_rate",
                "work_injury.adjustment_rate"), "add", 0.01),
    Assumption("mortality_loading", "死亡率水平 ±10%", "Mortality level ±10%",
               ("demography.mortality_loading",), "scale", 0.10),
    Assumption("improvement_scale", "死亡率改善速度 ±0.5", "Mortality improvement speed ±0.5",
               ("demography.improvement_scale",), "add", 0.5),
    Assumption("coverage_growth", "扩面增长率 ±0.5个百分点/年", "Coverage growth ±0.5 point a year",
               ("enterprise_pension.coverage_growth", "resident_pension.coverage_growth",
                "work_injury.coverage_growth", "unemployment.coverage_growth"), "add", 0.005),
    Assumption("unemployment_incidence", "失业金领取率 ±20%", "Unemployment incidence ±20%",
               ("unemployment.incidence",), "scale", 0.20),
    Assumption("unemployment_duration", "失业金领取月数 ±20%", "Unemployment benefit duration ±20%",
               ("unemployment.duration_months",), "scale", 0.20),
    Assumption("injury_incidence", "工伤发生率 ±20%", "Work-injury incidence ±20%",
               ("work_injury.incidence",), "scale", 0.20),
    Assumption("early_retirement", "弹性提前退休比例 ±10个百分点", "Flexible early retirement ±10 points",
               ("retirement.early_share",), "add", 0.10),
    Assumption("contribution_index", "新退休人员缴费指数 ±0.1", "New retirees' contribution index ±0.1",
               ("enterprise_pension.contribution_index", "public_pension.contribution_index"),
               "add", 0.1),
    Assumption("resident_basic_pension", "居民基础养老金 ±10%", "Resident basic pension ±10%",
               ("resident_pension.basic_pension_pm",), "scale", 0.10),
)


def _moved(arr: np.ndarray, how: str, delta: float, lo: float, hi: float) -> np.ndarray:
    out = arr.copy()
    out[:, 1:] = arr[:, 1:] + delta if how == "add" else arr[:, 1:] * (1.0 + delta)
    return np.clip(out, lo, hi)


def sensitivity_levers(base_levers: LeverSet,
                       assumptions: tuple[Assumption, ...] = ASSUMPTIONS) -> LeverSet:
    """The batch [base, a₁−, a₁+, …] as one LeverSet, from the base's one-member lever set."""
    specs = catalogue()
    n = 1 + 2 * len(assumptions)
    values = {name: np.repeat(arr[:1], n, axis=0) for name, arr in base_levers.values.items()}
    for i, a in enumerate(assumptions):
        for name in a.levers:
            spec = specs[name]
            row = base_levers.values[name][:1]
            values[name][1 + 2 * i] = _moved(row, a.how, -a.delta, spec.min, spec.max)[0]
            values[name][2 + 2 * i] = _moved(row, a.how, a.delta, spec.min, spec.max)[0]
    return LeverSet(years=base_levers.years, values=values)


class TornadoRows(list):
    """:func:`run_sensitivity`'s rows as dicts, in its order, with its ``attrs`` (no pandas)."""

    attrs: dict


def tornado_rows(base: Scenario | None = None, end: int = DEFAULT_END, engine=None,
                 assumptions: tuple[Assumption, ...] = ASSUMPTIONS) -> TornadoRows:
    """Tornado data: one row per assumption × fund with the depletion year and horizon balance
    (万元) at the low side, the base and the high side, and their effects (side − base), and the
    swing of the horizon balance (``balance_swing``). Depletion years are floats, NaN when not
    by the horizon. Rows are sorted by fund, then by ``balance_swing``, largest first."""
    engine = engine or get_engine()
    base = base or load_scenario(SCENARIO_DIR / "baseline.toml")
    base_levers = engine.levers([base.overrides], end)
    result = engine.run_levers(sensitivity_levers(base_levers, assumptions))
    years = np.asarray(result.years)
    horizon = int(years[-1])
    rows = []
    for fund in ALL_FUNDS:
        bal = result.series[fund]["accumulated_balance"]
        dep = first_year(bal[:, 1:] < 0, years[1:])
        dep_filled = np.where(np.isnan(dep), horizon + 1, dep)
        for i, a in enumerate(assumptions):
            lo, hi = 1 + 2 * i, 2 + 2 * i
            row = {
                "assumption": a.key, "label_zh": a.label_zh, "label_en": a.label_en,
                "levers": ", ".join(a.levers), "how": a.how, "delta": a.delta, "fund": fund,
                "depletion_year_low": dep[lo], "depletion_year_base": dep[0],
                "depletion_year_high": dep[hi],
                "depletion_effect_low": dep_filled[lo] - dep_filled[0],
                "depletion_effect_high": dep_filled[hi] - dep_filled[0],
                "censored": bool(np.isnan(dep[[0, lo, hi]]).any()),
                "horizon_balance_low": bal[lo, -1], "horizon_balance_base": bal[0, -1],
                "horizon_balance_high": bal[hi, -1],
                "balance_effect_low": bal[lo, -1] - bal[0, -1],
                "balance_effect_high": bal[hi, -1] - bal[0, -1],
            }
            row["balance_swing"] = abs(row["balance_effect_high"] - row["balance_effect_low"])
            rows.append(row)
    # by fund, then the largest swing first (a missing swing last); ties keep their order
    out = TornadoRows(sorted(rows, key=lambda r: (r["fund"], _largest_first(r["balance_swing"]))))
    out.attrs = dict(horizon=horizon, base=base.id, batch=result.batch)
    return out


def _largest_first(x: float) -> float:
    return math.inf if math.isnan(x) else -x


def run_sensitivity(base: Scenario | None = None, end: int = DEFAULT_END, engine=None,
                    assumptions: tuple[Assumption, ...] = ASSUMPTIONS) -> "pd.DataFrame":
    """:func:`tornado_rows` as a DataFrame (depletion years and effects nullable integers,
    ``attrs`` horizon, base id and batch size)."""
    import pandas as pd

    rows = tornado_rows(base, end, engine, assumptions)
    out = pd.DataFrame(list(rows))
    for col in ("depletion_year_low", "depletion_year_base", "depletion_year_high",
                "depletion_effect_low", "depletion_effect_high"):
        out[col] = out[col].round().astype("Int64")
    out.attrs.update(rows.attrs)
    return out
