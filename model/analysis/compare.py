"""Scenario comparison: any number of scenarios in one batched engine call, and a summary per
scenario × fund with each figure's difference from the baseline.

Summary figures, per scenario and fund (``total`` included), over the projected years (the year
after the base year to the horizon). The base year is the report's, identical in every scenario,
and 2020 was a relief year with deficits that say nothing about a policy, so it is left out:

- ``first_deficit_year`` — first projected year with ``current_balance < 0`` (income, fiscal
  subsidy and interest included, less expenditure); ``None`` if none to the horizon.
- ``first_sustained_deficit_year`` — first projected year that starts :data:`SUSTAINED_YEARS` (3)
  consecutive years of current deficit; ``None`` if no such run lies within the horizon (a run
  that starts in the last two years is not yet known to last, so it does not count). A fund whose
  current balance hovers around zero (the enterprise fund's stays within a few per cent of its
  spending for years) can show an early, isolated first deficit; the sustained year is when the
  deficit has clearly set in.
- ``depletion_year`` — first year with ``accumulated_balance < 0``; ``None`` if never to the
  horizon. The engine lets the balance go negative and reports it.
- ``min_payable_months`` / ``min_payable_months_year`` — lowest projected payable months
  (accumulated balance ÷ one month's expenditure) and the year it occurs.
- ``cumulative_subsidy`` — Σ fiscal_subsidy over the projected years (base year excluded), 万元.
- ``cumulative_required_subsidy`` — Σ required_subsidy over the projected years, 万元: the extra
  budget money needed on top to keep the fund's ``subsidy_min_months``.
- ``pv_deficits`` — present value at the base year of the current deficits,
  PV = Σ_{t>base} max(−current_balance_t, 0) · Π_{s=base+1..t} 1 / (1 + r_s), 万元, where r is the
  scenario's own ``economy.interest_rate`` path (the reference rate the funds earn: a deficit
  paid in year t is worth what would have had to be set aside at that return). A scenario that
  lowers the rate therefore also raises the weight of later deficits; say so when comparing.
- ``horizon_balance`` — accumulated_balance in the last year, 万元.

``d_<figure>`` is the scenario's figure minus the baseline's (years: a difference in years;
``None`` when either side is ``None``, e.g. the baseline never depletes).

See also: ``model.scenarios.library`` (files), ``model.engine.core`` (the batched run).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from model.analysis.text_table import number_cell, text_table, year_cell
from model.engine.cache import get_engine
from model.errors import ProblemList
from model.scenarios.library import BASELINE_ID, SCENARIO_DIR, Scenario, load_scenario

FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury",
         "unemployment")
ALL_FUNDS = FUNDS + ("total",)
DEFAULT_END = 2060
#: consecutive years of current deficit that make a deficit "sustained" (ASSUMPTION: three years
#: rules out a one-off dip from a relief year or a single bad year, and is short enough to warn
#: well before the balance runs out)
SUSTAINED_YEARS = 3

#: summary columns: (name, unit, is a year)
FIGURES: tuple[tuple[str, str, bool], ...] = (
    ("first_deficit_year", "year", True),
    ("first_sustained_deficit_year", "year", True),
    ("depletion_year", "year", True),
    ("min_payable_months", "months", False),
    ("min_payable_months_year", "year", True),
    ("cumulative_subsidy", "万元", False),
    ("cumulative_required_subsidy", "万元", False),
    ("pv_deficits", "万元", False),
    ("horizon_balance", "万元", False),
)
FIGURE_LABELS = {
    "first_deficit_year": ("首次当期赤字年份", "First deficit year"),
    "first_sustained_deficit_year": (f"持续赤字起始年份（连续{SUSTAINED_YEARS}年）",
                                     f"First sustained deficit year ({SUSTAINED_YEARS} years running)"),
    "depletion_year": ("累计结余耗尽年份", "Depletion year"),
    "min_payable_months": ("最低可支付月数", "Minimum payable months"),
    "min_payable_months_year": ("最低可支付月数年份", "Year of minimum payable months"),
    "cumulative_subsidy": ("累计财政补贴（万元）", "Cumulative fiscal subsidy (万元)"),
    "cumulative_required_subsidy": ("累计需追加补贴（万元）", "Cumulative required extra subsidy (万元)"),
    "pv_deficits": ("当期赤字现值（万元）", "Present value of deficits (万元)"),
    "horizon_balance": ("期末累计结余（万元）", "Accumulated balance at the horizon (万元)"),
}


if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a DataFrame is built, not with this module: the ``compare`` command
# prints from the plain columns and would otherwise pay 0.2 s of start-up for it.

# ------------------------------------------------------------------ engine access


# get_engine (one calibrated engine per region, built once) lives in model.engine.cache, shared
# by the command line and the app.


# ------------------------------------------------------------------ summary on arrays


def first_year(mask: np.ndarray, years: np.ndarray) -> np.ndarray:
    """First year where ``mask`` (batch, n_years) holds, per row; NaN where it never does."""
    hit = mask.any(axis=1)
    idx = mask.argmax(axis=1)
    return np.where(hit, years[idx].astype(float), np.nan)


def first_run_start(mask: np.ndarray, years: np.ndarray, run: int = SUSTAINED_YEARS) -> np.ndarray:
    """First year that starts ``run`` consecutive years where ``mask`` (batch, n_years) holds, per
    row; NaN where no such run lies within the columns. ``run = 1`` is :func:`first_year`."""
    mask = np.asarray(mask, dtype=bool)
    n = mask.shape[1] - run + 1
    if n <= 0:
        return np.full(mask.shape[0], np.nan)
    starts = np.ones((mask.shape[0], n), dtype=bool)
    for k in range(run):
        starts &= mask[:, k:k + n]
    return first_year(starts, np.asarray(years)[:n])


def discount_factors(rate: np.ndarray) -> np.ndarray:
    """D_t = Π_{s=1..t} 1/(1 + r_s), D_0 = 1, for ``rate`` (batch, n_years) — column 0 is the
    base year, whose own rate is not applied."""
    growth = np.cumprod(1.0 + rate[:, 1:], axis=1)
    return np.concatenate([np.ones((rate.shape[0], 1)), 1.0 / growth], axis=1)


def fund_figures(years: np.ndarray, series: Mapping[str, np.ndarray],
                 discount: np.ndarray) -> dict[str, np.ndarray]:
    """The summary figures of one fund for every batch member, each an array ``(batch,)``
    (years as float with NaN for "never"). ``series`` maps indicator → (batch, n_years)."""
    proj = slice(1, None)  # the projected years; column 0 is the base year
    current = series["current_balance"]
    accumulated = series["accumulated_balance"]
    months = series["payable_months"][:, proj]
    required = series.get("required_subsidy")
    return {
        "first_deficit_year": first_year(current[:, proj] < 0, years[proj]),
        "first_sustained_deficit_year": first_run_start(current[:, proj] < 0, years[proj]),
        "depletion_year": first_year(accumulated[:, proj] < 0, years[proj]),
        "min_payable_months": np.nanmin(months, axis=1),
        "min_payable_months_year": years[proj][np.nanargmin(months, axis=1)].astype(float),
        "cumulative_subsidy": series["fiscal_subsidy"][:, proj].sum(axis=1),
        "cumulative_required_subsidy": (required[:, proj].sum(axis=1) if required is not None
                                        else np.full(current.shape[0], np.nan)),
        "pv_deficits": (np.maximum(-current[:, proj], 0.0) * discount[:, proj]).sum(axis=1),
        "horizon_balance": accumulated[:, -1],
    }


def summary_columns(years: np.ndarray, series: Mapping[str, Mapping[str, np.ndarray]],
                    scenario_ids: Sequence[str], interest_rate: np.ndarray,
                    baseline: str | None = None) -> tuple[dict[str, list | np.ndarray], str]:
    """The summary per scenario × fund as plain columns (rows fund by fund, scenarios within),
    and the id of the scenario the ``d_`` columns subtract: ``scenario``, ``fund`` (lists) and
    every figure and its ``d_`` difference as float arrays, NaN for "none" (see
    :func:`summarise_series`, which makes the DataFrame of the same numbers)."""
    years = np.asarray(years)
    ids = list(scenario_ids)
    base_idx = ids.index(baseline) if baseline in ids else (
        ids.index(BASELINE_ID) if BASELINE_ID in ids else 0)
    discount = discount_factors(np.asarray(interest_rate, dtype=float))
    funds = [f for f in ALL_FUNDS if f in series]
    per_fund = [fund_figures(years, series[fund], discount) for fund in funds]
    columns: dict[str, list | np.ndarray] = {
        "scenario": ids * len(funds), "fund": [f for f in funds for _ in ids]}
    for name, _, _ in FIGURES:
        columns[name] = np.concatenate([np.asarray(figs[name], dtype=float) for figs in per_fund])
    for name, _, _ in FIGURES:
        columns[f"d_{name}"] = np.concatenate(
            [np.asarray(figs[name] - figs[name][base_idx], dtype=float) for figs in per_fund])
    return columns, ids[base_idx]


def summary_frame(columns: Mapping[str, list | np.ndarray], baseline: str) -> "pd.DataFrame":
    """The DataFrame of :func:`summary_columns`: years as nullable integers (``pd.Int64Dtype``),
    ``attrs["baseline"]`` the reference scenario."""
    import pandas as pd

    out = pd.DataFrame({name: (list(values) if isinstance(values, list) else np.asarray(values))
                        for name, values in columns.items()})
    for name, _, is_year in FIGURES:
        if is_year:
            for col in (name, f"d_{name}"):
                out[col] = out[col].round().astype("Int64")
    out.attrs["baseline"] = baseline
    return out


def summarise_series(years: np.ndarray, series: Mapping[str, Mapping[str, np.ndarray]],
                     scenario_ids: Sequence[str], interest_rate: np.ndarray,
                     baseline: str | None = None) -> "pd.DataFrame":
    """Summary per scenario × fund from batched arrays (``series[fund][indicator]`` is
    (batch, n_years)); ``interest_rate`` (batch, n_years) discounts deficits. ``baseline`` is the
    id whose figures the ``d_`` columns subtract (default: ``baseline`` if present, else the
    first scenario). Years are nullable integers (``pd.Int64Dtype``)."""
    return summary_frame(*summary_columns(years, series, scenario_ids, interest_rate, baseline))


def series_from_frame(frame: "pd.DataFrame") -> tuple[np.ndarray, list[str], dict]:
    """Rebuild ``(years, scenario_ids, series[fund][indicator])`` from a long frame with the
    output contract's columns ``scenario, fund, year, indicator, value, unit``."""
    ids = list(dict.fromkeys(frame["scenario"]))
    years = np.array(sorted(frame["year"].unique()), dtype=int)
    series: dict[str, dict[str, np.ndarray]] = {}
    for (fund, indicator), part in frame.groupby(["fund", "indicator"], sort=False):
        wide = part.pivot(index="scenario", columns="year", values="value")
        series.setdefault(str(fund), {})[str(indicator)] = wide.reindex(
            index=ids, columns=years).to_numpy(dtype=float)
    return years, ids, series


def summarise_frame(frame: "pd.DataFrame", interest_rate: np.ndarray | float,
                    baseline: str | None = None) -> "pd.DataFrame":
    """:func:`summarise_series` on a long frame; ``interest_rate`` is (batch, n_years) or a
    constant."""
    years, ids, series = series_from_frame(frame)
    rate = np.broadcast_to(np.asarray(interest_rate, dtype=float), (len(ids), len(years)))
    return summarise_series(years, series, ids, rate, baseline)


# ------------------------------------------------------------------ running scenarios


@dataclass(frozen=True)
class Comparison:
    """Scenarios run together: the engine result (batch axis = ``scenarios``), the summary per
    scenario × fund as plain columns (:func:`summary_columns`) and as a DataFrame (``summary``,
    built on first use), the long frame."""

    scenarios: tuple[Scenario, ...]
    result: object
    columns: Mapping[str, list | np.ndarray]
    baseline: str

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.scenarios]

    @cached_property
    def summary(self) -> "pd.DataFrame":
        """:func:`summary_frame` of the columns (``attrs["baseline"]`` the reference id)."""
        return summary_frame(self.columns, self.baseline)

    def rows(self) -> list[dict]:
        """The summary as one dict per scenario × fund (figures float, NaN for "none")."""
        names = list(self.columns)
        return [{name: self.columns[name][i] for name in names}
                for i in range(len(self.columns["scenario"]))]

    def frame(self) -> "pd.DataFrame":
        """The long table (scenario, fund, year, indicator, value, unit)."""
        return self.result.frame(self.ids)


def lever_path(engine, overrides: Sequence[Mapping], name: str, end: int) -> np.ndarray:
    """One lever's resolved (batch, n_years) array for a list of override dicts, on the
    engine's years with its region defaults and calibrated fills (used for the discount rate)."""
    return engine.levers([{name: o[name]} if name in o else {} for o in overrides], end)[name]


def compare(scenarios: Sequence[Scenario], end: int = DEFAULT_END, engine=None,
            baseline: str | None = None) -> Comparison:
    """Run ``scenarios`` in one batched engine call and summarise them. The baseline for the
    ``d_`` columns is ``baseline`` / the scenario with id ``baseline`` / the first."""
    if not scenarios:
        _no_scenarios()
    engine = engine or get_engine()
    overrides = [s.overrides for s in scenarios]
    result = engine.run(overrides, end=end)
    ids = [s.id for s in scenarios]
    if len(set(ids)) != len(ids):
        problems = ProblemList()
        problems.add("(命令行/command line)", "scenarios", ids, "情景 id 重复",
                     "duplicate scenario ids", "互不相同的情景", "distinct scenarios")
        problems.raise_if_any()
    rate = lever_path(engine, overrides, "economy.interest_rate", end)
    columns, reference = summary_columns(result.years, result.series, ids, rate, baseline)
    return Comparison(tuple(scenarios), result, columns, reference)


def _no_scenarios():
    problems = ProblemList()
    problems.add("(命令行/command line)", "scenarios", None, "未给出情景", "no scenario given",
                 "至少一个情景文件", "at least one scenario file")
    problems.raise_if_any()


def compare_files(paths: Sequence[str | Path], end: int = DEFAULT_END,
                  with_baseline: bool = True) -> Comparison:
    """Load scenario files (or ids of the shipped library) and compare them; the shipped
    baseline is put first unless already given or ``with_baseline`` is False."""
    scenarios = [_load(p) for p in paths]
    if with_baseline and BASELINE_ID not in [s.id for s in scenarios]:
        scenarios.insert(0, load_scenario(SCENARIO_DIR / f"{BASELINE_ID}.toml"))
    return compare(scenarios, end=end)


def _load(p: str | Path) -> Scenario:
    path = Path(p)
    if not path.suffix and not path.exists():
        path = SCENARIO_DIR / f"{p}.toml"
    return load_scenario(path)


# ------------------------------------------------------------------ presentation


def format_summary(summary, lang: str = "zh", funds: Sequence[str] | None = None,
                   money_unit: str = "亿元") -> str:
    """A plain-text table of the summary for the terminal (money in 亿元 = 万元 / 10,000, two
    decimals; months one decimal; years whole, "none" / "never" where there is none).

    ``summary`` is the comparison's DataFrame or its plain columns (:func:`summary_columns`)."""
    columns = _plain_columns(summary)
    keep = [i for i, f in enumerate(columns["fund"]) if funds is None or f in funds]
    scale = 1e4 if money_unit == "亿元" else 1.0
    out: dict[str, list[str]] = {"scenario": [str(columns["scenario"][i]) for i in keep],
                                 "fund": [str(columns["fund"][i]) for i in keep]}
    for name, unit, is_year in FIGURES:
        if name in ("min_payable_months_year",):
            continue
        label = FIGURE_LABELS[name][0 if lang == "zh" else 1]
        values, deltas = columns[name], columns[f"d_{name}"]
        if unit == "万元":
            label = label.replace("万元", money_unit)
            out[label] = [number_cell(values[i] / scale, 2) for i in keep]
            out[f"Δ {label}"] = [number_cell(deltas[i] / scale, 2) for i in keep]
        elif unit == "months":
            out[label] = [number_cell(values[i], 1) for i in keep]
            out[f"Δ {label}"] = [number_cell(deltas[i], 1) for i in keep]
        else:
            if name == "depletion_year":
                never = "未耗尽" if lang == "zh" else "never"
            else:
                never = "无" if lang == "zh" else "none"
            out[label] = [year_cell(values[i], never) for i in keep]
            out[f"Δ {label}"] = [year_cell(deltas[i], "—") for i in keep]
    return text_table(out)


def _plain_columns(summary) -> dict[str, list | np.ndarray]:
    """Plain columns from a summary DataFrame (numbers as floats, NaN for a missing year) or
    from plain columns already."""
    if not hasattr(summary, "to_numpy"):
        return dict(summary)
    columns: dict[str, list | np.ndarray] = {"scenario": summary["scenario"].tolist(),
                                             "fund": summary["fund"].tolist()}
    for name, _, _ in FIGURES:
        for col in (name, f"d_{name}"):
            columns[col] = summary[col].to_numpy(dtype=float, na_value=np.nan)
    return columns
