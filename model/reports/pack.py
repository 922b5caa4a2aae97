"""The leadership pack's one set of tables: every number of the deck, the brief and the workbook
is read from a :class:`PackTables`, so no two documents can disagree.

    tables = build_pack([load_scenario(".../baseline.toml"), load_scenario(".../employer_rate_14.toml")])
    write_deck(tables, "pack.pptx"); write_brief(tables, "pack.docx"); write_workbook(tables, "pack.xlsx")

What it holds (money 万元, months, years; ``fund`` in the five fund ids and ``total``):

- ``summary`` — ``model.analysis.compare``'s summary per scenario × fund (first and sustained
  deficit year, depletion year, minimum payable months, cumulative and required extra subsidy,
  horizon balance, differences from the first scenario), joined with the Monte Carlo depletion
  quantiles and probabilities (``model.analysis.uncertainty``);
- ``projection`` — one row per scenario × fund × year with the items of :data:`ITEMS` and the
  transfer lines (0 where a fund has none; :meth:`PackTables.items` lists what a sheet shows);
- ``fan`` — percentiles P5…P95 of the accumulated balance per scenario × fund × year, and
  ``depletion`` — the probability the balance has gone negative by each year, both from
  ``paths`` Monte Carlo paths per scenario with one seed (common random numbers);
- ``assumptions`` — the levers behind the projection with their values, sources and certainty,
  and what each scenario changes; ``findings`` — the reconciliation's findings on the report;
- ``thresholds`` — the warning bands with their sources; ``stamp`` — the reproducibility stamp.

The Monte Carlo run is modest by default (1,000 paths, fixed seed) so the pack stays fast; the
``montecarlo`` command runs 10,000 for a risk report.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from model.analysis.compare import DEFAULT_END, compare
from model.analysis.montecarlo import run_montecarlo
from model.analysis.uncertainty import DEFAULT_SEED, summarise_depletion
from model.engine import Engine, get_engine
from model.errors import ProblemList
from model.reports.common import FUND_IDS, Stamp, certainty_label, code_label, make_stamp
from model.reports.thresholds import Threshold, default_thresholds
from model.scenarios import Scenario, catalogue

ALL = FUND_IDS + ("total",)
#: the yearly items each fund sheet and chart uses (engine indicators, data/variables.csv)
ITEMS = ("income_total", "contributions", "fiscal_subsidy", "interest", "other_income", "transfer_in",
         "expenditure_total", "benefits", "current_balance", "accumulated_balance", "payable_months",
         "required_subsidy", "contributors", "beneficiaries")
#: transfer lines between levels (上下级往来, 中央调剂); a fund's sheet shows one only where it is not
#: 0 in every scenario and year (Changji's report excludes them), placed after the items above
TRANSFER_INCOME = ("upper_subsidy_in", "lower_remit_in", "central_in")
TRANSFER_EXPENDITURE = ("lower_subsidy_out", "upper_remit_out", "central_out")
PACK_PATHS = 1_000
MAX_SCENARIOS = 6
#: years the tables show besides the minimum (the horizon is added)
MARK_YEARS = (2025, 2030, 2035, 2040, 2050)
#: levers the assumptions table always lists (the scenarios' own levers are added)
KEY_LEVERS = ("economy.wage_growth", "economy.interest_rate", "demography.improvement_scale",
              "retirement.reform", "enterprise_pension.employer_rate", "enterprise_pension.collection_rate",
              "enterprise_pension.adjustment_rate", "enterprise_pension.subsidy_rule",
              "enterprise_pension.pooling_transfer", "public_pension.subsidy_rule",
              "resident_pension.basic_pension_pm", "work_injury.rate_cut", "unemployment.incidence")


@dataclass(frozen=True)
class PackTables:
    region_name_zh: str
    region_name_en: str
    base_year: int
    horizon: int
    scenarios: tuple[Scenario, ...]
    summary: pd.DataFrame
    projection: pd.DataFrame
    fan: pd.DataFrame
    depletion: pd.DataFrame
    assumptions: pd.DataFrame
    findings: pd.DataFrame
    thresholds: tuple[Threshold, ...]
    stamp: Stamp
    paths: int
    seed: int

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.scenarios]

    def scenario_name(self, sid: str, lang: str) -> str:
        return next(s for s in self.scenarios if s.id == sid).name(lang)

    @cached_property
    def _rows(self) -> dict:
        return {(r["scenario"], r["fund"]): r for r in self.summary.to_dict("records")}

    @cached_property
    def _parts(self) -> dict:
        return {key: part.set_index("year") for key, part in self.projection.groupby(["scenario", "fund"], sort=False)}

    def row(self, sid: str, fund: str) -> dict:
        """The summary row of one scenario and fund (a dict: column → value)."""
        return self._rows[(sid, fund)]

    def series(self, sid: str, fund: str, item: str) -> pd.Series:
        """One item by year (index = year) for one scenario and fund."""
        return self._parts[(sid, fund)][item]

    def items(self, fund: str) -> tuple[str, ...]:
        """The items a fund's yearly table shows: :data:`ITEMS`, with each transfer line the fund
        has (not 0 in every scenario and year) after the income or expenditure items, so the
        lines a total includes are on the sheet."""
        part = self.projection[self.projection["fund"] == fund]
        has = [line for line in TRANSFER_INCOME + TRANSFER_EXPENDITURE if part[line].abs().sum() > 0]
        items = list(ITEMS)
        at = items.index("transfer_in") + 1
        items[at:at] = [line for line in TRANSFER_INCOME if line in has]
        at = items.index("benefits") + 1
        items[at:at] = [line for line in TRANSFER_EXPENDITURE if line in has]
        return tuple(items)

    def mark_years(self) -> list[int]:
        return [y for y in MARK_YEARS if self.base_year < y < self.horizon] + [self.horizon]

    def region_name(self, lang: str) -> str:
        return self.region_name_zh if lang == "zh" else self.region_name_en


def _check(scenarios: Sequence[Scenario], paths: int) -> None:
    problems = ProblemList()
    if not scenarios:
        problems.add("(情景/scenarios)", "scenario", None, "未给出情景", "no scenario given",
                     "1 至 6 个情景", "1 to 6 scenarios")
    elif len(scenarios) > MAX_SCENARIOS:
        problems.add("(情景/scenarios)", "scenario", len(scenarios), "情景过多，图表无法辨认",
                     "too many scenarios for readable charts", f"至多 {MAX_SCENARIOS} 个", f"at most {MAX_SCENARIOS}")
    ids = [s.id for s in scenarios]
    if len(set(ids)) != len(ids):
        problems.add("(情景/scenarios)", "scenario", ids, "情景重复", "duplicate scenarios",
                     "互不相同的情景", "distinct scenarios")
    if not isinstance(paths, (int, np.integer)) or not 100 <= paths <= 100_000:
        problems.add("(参数/arguments)", "paths", paths, "路径数超出范围", "number of paths out of range",
                     "100 至 100000", "100 to 100,000")
    problems.raise_if_any()


def _projection(result, ids: Sequence[str]) -> pd.DataFrame:
    frames = []
    years = np.asarray(result.years)
    for b, sid in enumerate(ids):
        for fund in ALL:
            data = {"scenario": sid, "fund": fund, "year": years}
            for item in ITEMS:
                arr = result.series[fund].get(item)
                data[item] = arr[b] if arr is not None else np.full(len(years), np.nan)
            for line in TRANSFER_INCOME + TRANSFER_EXPENDITURE:  # a line the fund lacks is 0
                arr = result.series[fund].get(line)
                data[line] = arr[b] if arr is not None else np.zeros(len(years))
            frames.append(pd.DataFrame(data))
    return pd.concat(frames, ignore_index=True)


def _assumption_rows(engine: Engine, scenarios: Sequence[Scenario], end: int) -> pd.DataFrame:
    """Key levers and every lever a scenario changes: value in the first projected year and at
    the horizon (as the engine uses it), per scenario, with the catalogue's source."""
    specs = catalogue()
    names = list(KEY_LEVERS)
    for s in scenarios:
        names += [n for n in s.overrides if n not in names]
    levers = engine.levers([s.overrides for s in scenarios], end)
    defaults = engine.default_levers(end)
    rows = []
    for name in names:
        if name not in specs:
            continue
        spec = specs[name]
        arr = np.array(levers[name], dtype=float)
        arr = np.where(np.isnan(arr), defaults[name], arr)
        row = {"lever": name, "label_zh": spec.label_zh, "label_en": spec.label_en, "unit": spec.unit,
               "kind": spec.kind, "source": spec.source, "source_zh": spec.source_text("zh"),
               "certainty": spec.certainty,
               "changed_by": ", ".join(s.id for s in scenarios if name in s.overrides)}
        for b, s in enumerate(scenarios):
            row[f"{s.id}|first"] = arr[b, 1]
            row[f"{s.id}|horizon"] = arr[b, -1]
        row["codes"] = "|".join(spec.codes)
        rows.append(row)
    return pd.DataFrame(rows)


def _findings(engine: Engine) -> pd.DataFrame:
    rows = []
    for f in engine.baseline.findings:
        rows.append({"id": f.id, "fund": f.fund, "check": f.check, "title_zh": f.title_zh, "title_en": f.title_en,
                     "stated": f.stated, "implied": f.implied, "unit": f.unit, "gap": f.gap,
                     "severity": f.severity, "adopted": f.adopted, "why_zh": f.why_zh, "why_en": f.why_en})
    return pd.DataFrame(rows)


def build_pack(scenarios: Sequence[Scenario], end: int = DEFAULT_END, region_dir: str | Path | None = None,
               paths: int = PACK_PATHS, seed: int = DEFAULT_SEED, engine: Engine | None = None,
               today: dt.date | None = None) -> PackTables:
    """Run the scenarios (one batched call), their Monte Carlo paths and the comparison, and
    collect every table the documents show. The first scenario is the reference for differences."""
    _check(scenarios, paths)
    engine = engine or get_engine(None if region_dir is None else str(region_dir))
    comparison = compare(list(scenarios), end=end, engine=engine, baseline=scenarios[0].id)
    ids = [s.id for s in scenarios]
    projection = _projection(comparison.result, ids)
    fans, depletions, uncertainty = [], [], []
    for s in scenarios:
        mc = run_montecarlo(paths, seed, end, base=s, engine=engine, indicators=("accumulated_balance",))
        pct = mc.percentiles[mc.percentiles["indicator"] == "accumulated_balance"].drop(columns="indicator")
        fans.append(pct.assign(scenario=s.id))
        depletions.append(mc.depletion.assign(scenario=s.id))
        horizon = int(mc.years[-1])
        for fund, figures in summarise_depletion(mc.depletion, mc.n_paths, horizon).items():
            uncertainty.append({"scenario": s.id, "fund": fund, "paths": mc.n_paths, "seed": seed,
                                "horizon": horizon, **figures})
    unc = pd.DataFrame(uncertainty)
    for q in (10, 50, 90):
        unc[f"depletion_p{q}"] = unc[f"depletion_p{q}"].round().astype("Int64")
    summary = comparison.summary.merge(unc, on=["scenario", "fund"], how="left")
    bl = engine.baseline
    return PackTables(
        region_name_zh=bl.name_zh, region_name_en=bl.name_en, base_year=engine.base_year,
        horizon=int(comparison.result.years[-1]), scenarios=tuple(scenarios), summary=summary,
        projection=projection,
        fan=pd.concat(fans, ignore_index=True)[["scenario", "fund", "year", "p5", "p25", "p50", "p75", "p95"]],
        depletion=pd.concat(depletions, ignore_index=True)[["scenario", "fund", "year", "p_depleted"]],
        assumptions=_assumption_rows(engine, scenarios, end), findings=_findings(engine),
        thresholds=default_thresholds(),
        stamp=make_stamp(scenarios, region_dir, bl.region_id, engine.base_year, today),
        paths=paths, seed=seed)


# ------------------------------------------------------------------ the tables behind each chart
# (the deck, the brief and the workbook all call these; the workbook shows each one)

FAN_FUND = "total"
def lever_text(rec: dict, value: float, lang: str) -> str:
    """A lever's value as printed: a rule's name, a percentage for rates and shares, else the number."""
    codes = rec["codes"].split("|") if rec["codes"] else []
    if codes and float(value).is_integer() and 0 <= int(value) < len(codes):
        return code_label(codes[int(value)], lang)
    if rec["unit"].startswith("fraction") or rec["kind"] in ("rate", "share"):
        return f"{value * 100:.2f}%"
    return f"{value:,.4g}"
CHARTS = {   # chart id → (zh title, en title); the workbook's sheet of the same id holds its data
    "图1": ("可支付月数与预警线", "Payable months and warning thresholds"),
    "图2": ("累计结余路径（亿元）", "Accumulated balance paths (亿元)"),
    "图3": ("需追加的财政补贴（亿元）", "Extra budget money needed (亿元)"),
    "图4": ("风险：累计结余扇形图与耗尽概率", "Risk: fan chart of the balance and probability of depletion"),
}


def chart_title(chart: str, lang: str) -> str:
    return CHARTS[chart][0 if lang == "zh" else 1]


def balance_table(tables: PackTables) -> pd.DataFrame:
    """图2: accumulated balance, 亿元, index year, columns (fund, scenario)."""
    p = tables.projection
    wide = p.pivot_table(index="year", columns=["fund", "scenario"], values="accumulated_balance", sort=False) / 1e4
    return wide.reindex(columns=pd.MultiIndex.from_product([ALL, tables.ids]))


def months_table(tables: PackTables) -> pd.DataFrame:
    """图1: payable months at the mark years, the minimum (with its year) and the year the balance
    runs out (None if it does not), rows (fund, scenario)."""
    rows = []
    for fund in ALL:
        for sid in tables.ids:
            months = tables.series(sid, fund, "payable_months")
            row = {"fund": fund, "scenario": sid}
            for y in tables.mark_years():
                row[y] = float(months.loc[y])
            s = tables.row(sid, fund)
            row["min"] = float(s["min_payable_months"])
            row["min_year"] = int(s["min_payable_months_year"])
            dep = s["depletion_year"]
            row["depletion_year"] = None if dep is None or pd.isna(dep) else int(dep)
            rows.append(row)
    return pd.DataFrame(rows)


def required_table(tables: PackTables) -> pd.DataFrame:
    """图3: cumulative extra subsidy needed to the horizon, 亿元, rows fund (total last), columns scenario."""
    data = {sid: [float(tables.row(sid, f)["cumulative_required_subsidy"]) / 1e4 for f in ALL] for sid in tables.ids}
    return pd.DataFrame(data, index=list(ALL))


def fan_table(tables: PackTables, fund: str = FAN_FUND, sid: str | None = None) -> pd.DataFrame:
    """图4: percentiles of the accumulated balance (亿元) by year for one scenario and fund, with
    the deterministic path; index year."""
    sid = sid or tables.ids[0]
    f = tables.fan
    part = f[(f["scenario"] == sid) & (f["fund"] == fund)].set_index("year")
    out = part[["p5", "p25", "p50", "p75", "p95"]] / 1e4
    out["deterministic"] = tables.series(sid, fund, "accumulated_balance") / 1e4
    return out


def probability_table(tables: PackTables) -> pd.DataFrame:
    """图4 (table): Monte Carlo depletion quantiles and probabilities, rows (fund, scenario)."""
    cols = ["fund", "scenario", "depletion_year", "depletion_p10", "depletion_p50", "depletion_p90",
            "p_depleted_2030", "p_depleted_2035", "p_depleted_2040", "p_depleted_horizon"]
    s = tables.summary
    out = pd.concat([s[(s["fund"] == f) & (s["scenario"] == sid)] for f in ALL for sid in tables.ids])
    return out[cols].reset_index(drop=True)
