"""The projection engine: base-year calibration, then every fund, year by year, for a batch.

    engine = Engine.from_region()                   # Changji 2020, calibrated once
    result = engine.run([{}, {"enterprise_pension.employer_rate": {2022: 0.14}}], end=2060)
    result.series["enterprise_pension"]["payable_months"]    # (batch, n_years)
    result.frame(["baseline", "rate14"])                      # the long table

Stages of :meth:`Engine.run_levers` (axis order (batch, year, sex, age) throughout):
1. levers: scenario overrides on the catalogue defaults, calibrated defaults filled in, and the
   base year pinned to its calibrated values (the base year is the report, for every scenario);
2. demography (``model.engine.cohorts``): once per unique demographic lever row;
3. funds (``model.engine.funds``): every item except subsidy and interest, and the headcounts;
   then the transfer lines between levels (``model.engine.transfers``, 0 where the report states none);
4. financing (``model.engine.financing``): interest, the subsidy rule and the balance roll-forward,
   all funds and batch members in one loop over years;
5. indicators (``model.engine.indicators``) and the five-fund total.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import Mapping, Sequence

import csv
from typing import TYPE_CHECKING

import numpy as np

from model.engine import indicators
from model.baseline.adopted import FUNDS, Baseline, load_baseline
from model.baseline.region import TRANSFER_IN_LINES, TRANSFER_OUT_LINES, load_region, locate_in_files
from model.engine.calibration import Calibration, calibrate
from model.errors import InputError, ProblemList
from model.paths import DATA_DIR, DEFAULT_REGION_DIR
from model.engine.financing import FinanceInputs, finance
from model.engine.funds import REGISTRY
from model.engine.funds.base import FundContext, clipped_mean, cumulative_growth
from model.engine import transfers
from model.engine.threads import one_blas_thread
from model.scenarios.levers import LeverSet, build_lever_set, catalogue, load_region_overrides

DEFAULT_END = 2060
MAX_END = 2100
TOTAL = "total"
INCOME_ORDER = ("contributions", "fiscal_subsidy", "interest", "other_income", "transfer_in")


if TYPE_CHECKING:
    import pandas as pd


@lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Indicator → unit, from the data dictionary ``data/variables.csv``."""
    with open(DATA_DIR / "variables.csv", newline="", encoding="utf-8-sig") as fh:
        return {row["indicator"]: row["unit"] for row in csv.DictReader(fh)}


@dataclass(frozen=True)
class ProjectionResult:
    """Projected series: ``series[fund][indicator]`` is ``(batch, n_years)``; ``fund`` in the funds run
    (FUNDS by default) and ``total`` when all five ran."""

    years: np.ndarray
    series: Mapping[str, Mapping[str, np.ndarray]]

    @property
    def batch(self) -> int:
        return next(iter(self.series.values()))["income_total"].shape[0]

    def frame(self, scenario_ids: Sequence[str] | None = None) -> "pd.DataFrame":
        """The long table: columns ``scenario, fund, year, indicator, value, unit``.

        Built in one pass: every (fund, indicator) series stacked into one array, the key
        columns repeated to match (no per-series DataFrames). pandas is imported here, not with
        the engine: a run needs none of it and it costs 0.3 s of start-up.
        """
        import pandas as pd

        ids = list(scenario_ids) if scenario_ids is not None else [f"s{b}" for b in range(self.batch)]
        if len(ids) != self.batch:
            raise ValueError(f"{len(ids)} scenario ids for a batch of {self.batch}")
        unit_of = units()
        keys = [(fund, name) for fund, table in self.series.items() for name in table]
        values = np.stack([self.series[f][n] for f, n in keys])            # (series, batch, T)
        n_series, n_batch, n_years = values.shape
        per_series = n_batch * n_years
        funds = np.array([f for f, _ in keys], dtype=object)
        names = np.array([n for _, n in keys], dtype=object)
        return pd.DataFrame({
            "scenario": np.tile(np.repeat(np.array(ids, dtype=object), n_years), n_series),
            "fund": np.repeat(funds, per_series),
            "year": np.tile(self.years, n_series * n_batch),
            "indicator": np.repeat(names, per_series),
            "value": values.reshape(-1),
            "unit": np.repeat(np.array([unit_of.get(n, "") for n in names], dtype=object), per_series),
        })


class Engine:
    """A calibrated model of one region. Build with :meth:`from_region`; then :meth:`run`."""

    def __init__(self, baseline: Baseline, region_defaults: Mapping, calibration: Calibration) -> None:
        self.baseline = baseline
        self.region_defaults = dict(region_defaults)
        self.calibration = calibration
        self.base_year = baseline.base_year
        self._defaults: dict[int, LeverSet] = {}
        self._shared: OrderedDict[tuple[int, int], dict[str, np.ndarray]] = OrderedDict()
        self._shared_lock = Lock()

    @classmethod
    def from_region(cls, region_dir: str | Path | None = None) -> "Engine":
        """Load a region folder (default: the embedded Changji 2020 baseline) and calibrate."""
        baseline = load_baseline(region_dir)
        region_path = Path(region_dir) if region_dir is not None else None
        profiles = None
        if region_path is not None:
            profiles = getattr(load_region(region_path), "age_profiles", None)
        defaults = load_region_overrides(region_path if region_path else DEFAULT_REGION_DIR)
        try:
            calibration = calibrate(baseline, defaults, profiles)
        except InputError as err:  # name the region's file and row, not the stage
            region = load_region(region_path if region_path is not None else DEFAULT_REGION_DIR)
            raise InputError(locate_in_files(err.problems, region)) from None
        return cls(baseline, defaults, calibration)

    # --- levers ---------------------------------------------------------------------------------
    def lever_years(self, end: int = DEFAULT_END) -> np.ndarray:
        problems = ProblemList()
        if not isinstance(end, (int, np.integer)) or not self.base_year < end <= MAX_END:
            problems.add("projection", "end", end, "预测终止年份超出范围", "horizon out of range",
                         f"{self.base_year + 1} 至 {MAX_END}", f"{self.base_year + 1} to {MAX_END}")
        problems.raise_if_any()
        return np.arange(self.base_year, int(end) + 1)

    def default_levers(self, end: int = DEFAULT_END) -> LeverSet:
        """The baseline's lever set (one member), calibrated defaults filled in; cached per horizon."""
        if end not in self._defaults:
            self._defaults[end] = self._build_defaults(end)
        return self._defaults[end]

    def _build_defaults(self, end: int) -> LeverSet:
        return build_lever_set(self.lever_years(end), [{}], self.region_defaults,
                               self.calibration.lever_fills)

    def levers(self, overrides: Sequence[Mapping], end: int = DEFAULT_END) -> LeverSet:
        """One LeverSet for a batch of override dicts (see ``model.scenarios.levers.build_lever_set``).

        Levers no member overrides are the engine's shared default views (:meth:`_shared_views`),
        which :meth:`run_levers` knows are already prepared and checked.
        """
        overrides = list(overrides)
        years = self.lever_years(end)
        return build_lever_set(years, overrides, self.region_defaults, self.calibration.lever_fills,
                               shared=self._shared_views(int(years[-1]), len(overrides)))

    def tile(self, levers: LeverSet, n: int) -> LeverSet:
        """``n`` copies of a one-member LeverSet; levers it shares with the defaults stay shared views."""
        end = int(levers.years[-1])
        one, many = self._shared_views(end, 1), self._shared_views(end, n)
        values = {name: many[name] if arr is one.get(name) else np.repeat(arr[:1], n, axis=0)
                  for name, arr in levers.values.items()}
        return LeverSet(years=levers.years, values=values)

    def _shared_views(self, end: int, n: int) -> dict[str, np.ndarray]:
        """Every lever's prepared default as a read-only ``(n, n_years)`` broadcast view, kept for
        the last 16 (horizon, batch size) pairs: a run's untouched levers (most of the ~200) then
        cost neither a path nor a copy nor a check."""
        key = (end, n)
        with self._shared_lock:
            views = self._shared.get(key)
            if views is not None:
                self._shared.move_to_end(key)
                return views
        default = self._prepared(self.default_levers(end))
        views = {name: np.broadcast_to(arr[:1], (n, arr.shape[1])) for name, arr in default.values.items()}
        with self._shared_lock:
            self._shared[key] = views
            while len(self._shared) > 16:
                self._shared.popitem(last=False)
        return views

    def _prepared(self, levers: LeverSet) -> LeverSet:
        """Fill calibrated NaNs and pin the base year to the calibrated defaults.

        The base year is the report for every scenario, so column 0 of every lever is the
        default; a scenario acts from the first projected year. Levers without a year path
        (flags, rule codes, behaviour shares) are read from the last column.
        """
        years = np.asarray(levers.years)
        if years[0] != self.base_year:
            problems = ProblemList()
            problems.add("projection", "years", int(years[0]), "预测须从基年开始",
                         "a projection starts at the base year", str(self.base_year), str(self.base_year))
            problems.raise_if_any()
        default = self.default_levers(int(years[-1]))
        shared = self._shared.get((int(years[-1]), levers.batch), {})
        values = {}
        for name, arr in levers.values.items():
            if arr is shared.get(name):                  # the engine's own prepared default
                values[name] = arr
                continue
            base = default.values[name]
            if arr.strides[0] == 0:                      # one row shared by the batch
                row = np.where(np.isnan(arr[:1]), base[:1], arr[:1])
                row[:, 0] = base[0, 0]
                values[name] = np.broadcast_to(row, arr.shape)
                continue
            arr = np.where(np.isnan(arr), base, arr)
            arr[:, 0] = base[0, 0]
            values[name] = arr
        _check_finite({name: arr for name, arr in values.items() if arr is not shared.get(name)})
        return LeverSet(years=years, values=values)

    # --- projection -----------------------------------------------------------------------------
    def run(self, overrides: Sequence[Mapping] = ({},), end: int = DEFAULT_END,
            funds: Sequence[str] | None = None) -> ProjectionResult:
        """Project a batch: one dict of lever overrides per member (``{}`` = baseline)."""
        return self.run_levers(self.levers(overrides, end), funds)

    def run_levers(self, levers: LeverSet, funds: Sequence[str] | None = None) -> ProjectionResult:
        """Project a batch given its full lever arrays ``(batch, n_years)``.

        ``funds`` (default: all five) runs only those funds: each fund's projection depends on
        the levers and its own group's demography only, so its series are those of the five-fund
        run (``tests/test_engine_subset.py``); the five-fund ``total`` comes only with all five.
        BLAS runs on one thread meanwhile (``model.engine.threads``): the products are small.
        """
        chosen = _funds_asked(funds)
        with one_blas_thread():
            return self._run(levers, chosen)

    def _run(self, levers: LeverSet, funds: tuple[str, ...] = tuple(REGISTRY)) -> ProjectionResult:
        levers = self._prepared(levers)
        cal = self.calibration
        demography = cal.demography.project(levers, funds)
        wage_index = cumulative_growth(levers["economy.wage_growth"])
        base_factor = _base_factor(levers["economy.base_floor_share"], levers["economy.base_ceiling_share"],
                                   levers["economy.wage_dispersion"])
        flows = {}
        for fund in funds:
            ctx = FundContext(fund, levers.years, levers, demography[fund], wage_index, base_factor)
            flows[fund] = REGISTRY[fund].project(ctx, cal.params[fund])
            transfers.add_lines(ctx, flows[fund])
        money = self._finance(levers, flows)
        # one read-only zero series for the transfer lines a run does not have (model.engine.transfers)
        zero = np.zeros((levers.batch, len(levers.years)))
        zero.flags.writeable = False
        series = {fund: self._fund_series(fund, flows[fund], money[fund], zero) for fund in funds}
        if len(funds) == len(REGISTRY):
            series[TOTAL] = _total(series)
        return ProjectionResult(years=levers.years, series=series)

    def _finance(self, levers: LeverSet, flows) -> dict:
        funds = list(flows)
        rules = {f: levers[f"{f}.subsidy_rule"][:, -1] for f in funds}
        if all(r.strides[0] == 0 or (r == r[0]).all() for r in rules.values()):
            # each fund has one rule for the whole batch: stacked in rule order, the rows reach
            # finance() already sorted by rule, so it takes no gather of every input
            funds.sort(key=lambda f: rules[f][0])
        fin = self.calibration.finance
        batch = levers.batch

        def stack(get):
            return np.concatenate([get(f) for f in funds], axis=0)

        def per_fund(key):
            return np.concatenate([np.full(batch, fin[f][key]) for f in funds])

        spending = {f: _sum(flows[f].expenditure.values()) for f in funds}
        inputs = FinanceInputs(
            own_income=stack(lambda f: _sum(flows[f].income.values())),
            expenditure=stack(spending.get),
            subsidy_base=stack(lambda f: spending[f] if flows[f].subsidy_base is None else flows[f].subsidy_base),
            reference_rate=np.tile(levers["economy.interest_rate"], (len(funds), 1)),
            spread=per_fund("interest_spread"),
            rule=stack(lambda f: levers[f"{f}.subsidy_rule"][:, -1]),
            subsidy_growth=stack(lambda f: levers[f"{f}.subsidy_growth"]),
            subsidy_share=stack(lambda f: levers[f"{f}.subsidy_share"]),
            min_months=stack(lambda f: levers[f"{f}.subsidy_min_months"]),
            margin=per_fund("gap_margin"),
            subsidy_init=per_fund("subsidy_init"),
            interest_init=per_fund("interest_init"),
            balance_start=per_fund("balance_start"),
        )
        result = finance(inputs)
        out = {}
        for i, f in enumerate(funds):
            rows = slice(i * batch, (i + 1) * batch)
            out[f] = {"fiscal_subsidy": result.fiscal_subsidy[rows], "interest": result.interest[rows],
                      "accumulated_balance": result.accumulated_balance[rows],
                      "required_subsidy": result.required_subsidy[rows]}
        return out

    @staticmethod
    def _fund_series(fund: str, flow, money, zero: np.ndarray) -> dict[str, np.ndarray]:
        module = REGISTRY[fund]
        income = {"contributions": flow.income["contributions"], "fiscal_subsidy": money["fiscal_subsidy"],
                  "interest": money["interest"], "other_income": flow.income["other_income"],
                  "transfer_in": flow.income["transfer_in"]}
        # transfer lines between levels (model.engine.transfers): the ones a run has are in the
        # flows and in the totals; a line that is 0 throughout is not in the flows and shows as 0
        lines_in = [k for k in TRANSFER_IN_LINES[fund] if k in flow.income]
        lines_out = [k for k in TRANSFER_OUT_LINES[fund] if k in flow.expenditure]
        s: dict[str, np.ndarray] = {}
        s.update(income)
        s.update({k: flow.income.get(k, zero) for k in TRANSFER_IN_LINES[fund]})
        s["income_total"] = sum(s[k] for k in (*INCOME_ORDER, *lines_in))
        s.update(flow.expenditure)
        s.update({k: zero for k in TRANSFER_OUT_LINES[fund] if k not in flow.expenditure})
        s["expenditure_total"] = sum(flow.expenditure[k] for k in (*module.EXPENDITURE_ITEMS, *lines_out))
        s["benefits"] = sum(flow.expenditure[k] for k in module.BENEFIT_ITEMS)
        s["current_balance"] = s["income_total"] - s["expenditure_total"]
        s["accumulated_balance"] = money["accumulated_balance"]
        s["payable_months"] = indicators.payable_months(s["accumulated_balance"], s["expenditure_total"])
        s["required_subsidy"] = money["required_subsidy"]
        s["cumulative_subsidy"] = indicators.cumulative(s["fiscal_subsidy"])
        s["cumulative_required_subsidy"] = indicators.cumulative(s["required_subsidy"])
        s["contributors"] = flow.contributors
        s["beneficiaries"] = flow.beneficiaries
        s["dependency_ratio"] = indicators.dependency_ratio(flow.contributors, flow.beneficiaries)
        s["contribution_base"] = flow.contribution_base
        s["cost_rate"] = indicators.cost_rate(s["expenditure_total"], flow.contribution_base)
        own_other = s["interest"] + s["other_income"] + s["transfer_in"]
        for k in lines_in:          # transfers from other levels are given, like interest
            own_other = own_other + s[k]
        s["balancing_rate"] = indicators.balancing_rate(s["expenditure_total"], own_other, flow.contribution_base)
        for name, (arr, _unit) in flow.extra.items():
            s[name] = arr
        return s


MONEY_TOTALS = ("income_total", "contributions", "fiscal_subsidy", "interest", "other_income", "transfer_in",
                "upper_subsidy_in", "lower_remit_in", "central_in",
                "expenditure_total", "benefits", "lower_subsidy_out", "upper_remit_out", "central_out",
                "current_balance", "accumulated_balance", "required_subsidy",
                "cumulative_subsidy", "cumulative_required_subsidy", "fee_relief")


def _total(series: Mapping[str, Mapping[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The five-fund total: money indicators summed; payable months from the summed figures.

    Headcounts are not summed: the same worker is insured in several funds.
    """
    total: dict[str, np.ndarray] = {}
    for name in MONEY_TOTALS:
        parts = [series[f][name] for f in FUNDS if name in series[f]]
        if all(part is parts[0] for part in parts):   # a transfer line no fund has: the shared zero
            total[name] = parts[0]
            continue
        total[name] = _sum(parts[1:], parts[0])
    total["payable_months"] = indicators.payable_months(total["accumulated_balance"], total["expenditure_total"])
    return total


def _sum(arrays, start=0.0) -> np.ndarray:
    """``sum(arrays, start)`` bit for bit (the same additions in the same order), into one new
    array instead of a new one per addition."""
    arrays = list(arrays)
    if not arrays:
        return np.add(start, 0.0)
    shape = np.broadcast_shapes(np.shape(start), *(np.shape(a) for a in arrays))
    out = np.add(start, arrays[0], out=np.empty(shape))
    for a in arrays[1:]:
        out += a
    return out


def _funds_asked(funds: Sequence[str] | None) -> tuple[str, ...]:
    """The funds a run projects, in the engine's order (default: all five); a bilingual error
    for an unknown fund or an empty list."""
    if funds is None:
        return tuple(REGISTRY)
    asked = [funds] if isinstance(funds, str) else list(funds)
    unknown = [f for f in asked if f not in REGISTRY]
    if unknown or not asked:
        problems = ProblemList()
        problems.add("projection", "funds", asked, "基金名称无效或为空", "unknown fund or no fund",
                     "、".join(REGISTRY), ", ".join(REGISTRY))
        problems.raise_if_any()
    return tuple(f for f in REGISTRY if f in asked)


def _base_factor(floor: np.ndarray, ceiling: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Average contribution base relative to the base year's, from the floor and ceiling
    (``clipped_mean`` ÷ its base-year value), ``(batch, n_years)``. When the three levers are one
    row shared by the batch (a Monte Carlo run, a fee sweep) it is computed once for that row."""
    if floor.strides[0] == 0 and ceiling.strides[0] == 0 and sigma.strides[0] == 0:
        rows = np.concatenate([floor[:1], ceiling[:1], sigma[:1]]).astype(float)
        return np.broadcast_to(_shared_base_factor(rows.tobytes(), floor.shape[1]), floor.shape)
    clipped = clipped_mean(floor, ceiling, sigma)
    return clipped / clipped[:, :1]


@lru_cache(maxsize=64)
def _shared_base_factor(rows: bytes, n_years: int) -> np.ndarray:
    """:func:`_base_factor` of one (floor, ceiling, dispersion) row triple, given as its bytes, kept
    for the next run with the same rows (every run of an unchanged baseline: the normal
    function's evaluation is a tenth of a short run). Read-only ``(1, n_years)``."""
    floor, ceiling, sigma = np.frombuffer(rows, dtype=float).reshape(3, 1, n_years)
    one = _base_factor(floor.copy(), ceiling.copy(), sigma.copy())
    one.setflags(write=False)
    return one


def _check_finite(values: Mapping[str, np.ndarray]) -> None:
    """Every lever value finite and within its catalogue range (bilingual error otherwise)."""
    specs = catalogue()
    problems = ProblemList()
    for name, arr in values.items():
        spec = specs[name]
        if arr.strides[0] == 0:
            arr = arr[:1]
        bad = ~np.isfinite(arr) | (arr < spec.min) | (arr > spec.max)
        if bad.any():
            b, t = np.argwhere(bad)[0]
            problems.add("levers", name, float(arr[b, t]), "参数值无效或超出范围", "lever value invalid or out of range",
                         f"{spec.min} 至 {spec.max}（{spec.unit}）", f"{spec.min} to {spec.max} ({spec.unit})")
    problems.raise_if_any()
