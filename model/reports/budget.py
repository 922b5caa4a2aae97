"""Next year's budget draft in the 社预 layout (社预01–04, 07, 08 and the basic-data tables 附01,
附03), from one engine run of one scenario.

Columns: 上年执行数 (the adopted base year when the prior year is the base year; otherwise the
engine's projection of it, labelled 上年预计执行数) | 本年预算数 (the engine's projection of the
budget year) | 增减额 = 本年 − 上年 | 增长% = 增减额 ÷ |上年|.

Rows come from ``data/budget/`` (:mod:`model.reports.rows`). Every ``sum`` row is the sum of its
items; the income and expenditure totals must equal the engine's ``income_total`` and
``expenditure_total`` (transfer lines included), else the row list is missing an item and the
build stops naming the row. The transfer lines between levels (上级补助收入 … 中央调剂基金支出) are
the engine's (``model.engine.transfers``: base-year ratios, levers); where a region's report does
not state them they are 0 and the row's zero note says so. Lines the engine does not model
(委托投资收益, 医疗补助金) show 0, and their note says so.

    budget = build_budget(2021)                      # baseline, Changji 2020 region
    write_budget_xlsx(budget, "budget.xlsx", lang="zh")

Medical insurance (社预05, 06) is out of scope; the total sheet says so.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from model.baseline.region import KEYS, TRANSFER_IN_LINES, TRANSFER_OUT_LINES
from model.engine import Engine, get_engine
from model.errors import ProblemList
from model.reports import sheets as sh
from model.reports.common import FUND_IDS, Stamp, certainty_label, code_label, fund_name, growth, make_stamp
from model.reports.rows import Expression, Row, RowLists, default_row_lists
from model.scenarios import Scenario, catalogue

TOLERANCE_WAN = 1e-6  # identities hold to floating-point round-off (万元)
TOTAL_KEYS = {"income_total": "income_total", "expenditure_total": "expenditure_total"}
# the funds in the order of their table numbers (02 企业职工, 03 城乡居民, 04 机关事业, 07 工伤, 08 失业)
TABLE_FUNDS = {"all": ("enterprise_pension", "resident_pension", "public_pension", "work_injury", "unemployment"),
               "pensions": ("enterprise_pension", "resident_pension", "public_pension")}


@dataclass(frozen=True)
class Line:
    """One printed line: the row and its two years' values (万元, or the row's unit)."""

    row: Row
    fund: str
    prior: float
    budget: float

    @property
    def change(self) -> float:
        return self.budget - self.prior

    @property
    def growth(self) -> float:
        return growth(self.budget, self.prior)

    def note(self, lang: str) -> str:
        """Where the value comes from: the row's note, or its zero note when both years are 0."""
        return self.row.note(lang, zero=self.prior == 0 and self.budget == 0)


@dataclass(frozen=True)
class BudgetTable:
    table: str
    sheet: str
    title_zh: str
    title_en: str
    funds: tuple[str, ...]
    lines: tuple[Line, ...]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def value(self, fund: str, row: str, column: str = "budget") -> float:
        line = next(x for x in self.lines if x.fund == fund and x.row.row == row)
        return getattr(line, column)


@dataclass(frozen=True)
class Budget:
    year: int
    base_year: int
    region_name_zh: str
    region_name_en: str
    scenario_id: str
    scenario_name_zh: str
    scenario_name_en: str
    tables: tuple[BudgetTable, ...]
    assumptions: tuple[tuple[str, str, str, str, str], ...]   # (fund, lever, value text, source, certainty)
    stamp: Stamp
    # the base-year report's transfer lines between levels: (fund, key, 万元), non-zero ones only
    transfer_lines: tuple[tuple[str, str, float], ...] = ()

    @property
    def prior_is_actual(self) -> bool:
        return self.year - 1 <= self.base_year

    def table(self, table_id: str) -> BudgetTable:
        return next(t for t in self.tables if t.table == table_id)


def lever_value(levers, defaults, name: str, col: int) -> float:
    """A lever's value in column ``col`` as the engine uses it: the base year (column 0) and
    calibrated entries (NaN in a scenario's lever set) are the engine's defaults."""
    value = float(levers[name][0, col])
    if col == 0 or math.isnan(value):
        value = float(defaults[name][0, col])
    return value


class _FundYear:
    """Indicator and lever look-ups for one fund and one year of one engine run."""

    def __init__(self, series: Mapping[str, np.ndarray], levers, defaults, fund: str, col: int) -> None:
        self.series, self.levers, self.defaults, self.fund, self.col = series, levers, defaults, fund, col

    def get(self, name: str):
        arr = self.series.get(name)
        return None if arr is None else float(arr[0, self.col])

    def lever(self, name: str):
        full = f"{self.fund}.{name}"
        if full not in self.levers.values:
            return None
        return lever_value(self.levers, self.defaults, full, self.col)


def _evaluate(rows: Sequence[Row], fund: str, prior: _FundYear, budget: _FundYear,
              problems: ProblemList, file: str) -> dict[str, tuple[float, float]]:
    """``row id → (prior, budget)``; ``sum`` rows after their items (rows are in tree order,
    so sums are filled bottom-up at the end)."""
    values: dict[str, tuple[float, float]] = {}
    for r in rows:
        if r.source == "none":
            values[r.row] = (0.0, 0.0)
        elif r.source != "sum":
            expr = Expression(r.source)
            try:
                values[r.row] = (float(expr.evaluate(prior.get, prior.lever)),
                                 float(expr.evaluate(budget.get, budget.lever)))
            except KeyError as err:
                problems.add(file, f"{r.table}/{fund}/{r.row}.source", r.source,
                             f"该险种没有此指标或杠杆：{err.args[0]}", f"the fund has no such indicator or lever: {err.args[0]}",
                             "data/variables.csv 中的指标或该险种的杠杆", "an indicator of data/variables.csv or a lever of the fund")
                values[r.row] = (math.nan, math.nan)
            except ZeroDivisionError:
                values[r.row] = (math.nan, math.nan)
    for r in reversed(rows):
        if r.source == "sum":
            items = [values[c.row] for c in rows if c.parent == r.row]
            values[r.row] = (sum(v[0] for v in items), sum(v[1] for v in items))
    return values


def _check_totals(rows: Sequence[Row], fund: str, values, prior: _FundYear, budget: _FundYear,
                  problems: ProblemList, file: str, table: str) -> None:
    for r in rows:
        key = TOTAL_KEYS.get(r.row)
        if key is None:
            continue
        for label, fy, v in (("prior", prior, values[r.row][0]), ("budget", budget, values[r.row][1])):
            engine_total = fy.get(key)
            if engine_total is not None and abs(v - engine_total) > TOLERANCE_WAN * max(1.0, abs(engine_total)):
                problems.add(file, f"{table}/{fund}/{r.row}", round(v, 4),
                             f"分项之和与模型合计不符（差 {v - engine_total:.4f} 万元，{label}）",
                             f"items do not add to the engine's total (off by {v - engine_total:.4f} 万元, {label})",
                             f"{engine_total:.4f} 万元：行清单缺少分项", f"{engine_total:.4f} 万元: the row list misses an item")


def _lever_text(values: np.ndarray, unit: str) -> str:
    v = float(values)
    if unit.startswith("fraction") or unit in ("share", "rate"):
        return f"{v * 100:.2f}%"
    return f"{v:,.4g} {unit}"


TRANSFER_LINES = {fund: TRANSFER_IN_LINES[fund] + TRANSFER_OUT_LINES[fund] for fund in TRANSFER_IN_LINES}
KEY_LEVERS = {
    "economy": ("wage_growth", "interest_rate"),
    "enterprise_pension": ("employer_rate", "employee_rate", "collection_rate", "adjustment_rate", "pooling_transfer", "subsidy_rule"),
    "public_pension": ("employer_rate", "employee_rate", "collection_rate", "adjustment_rate", "pooling_transfer", "subsidy_rule"),
    "resident_pension": ("basic_pension_pm", "average_contribution_py", "subsidy_rule"),
    "work_injury": ("effective_rate", "rate_cut", "incidence", "adjustment_rate", "subsidy_rule"),
    "unemployment": ("incidence", "subsidy_rule"),
}


def _assumptions(levers, defaults, col: int) -> tuple[tuple[str, str, str, str, str], ...]:
    """The levers behind the budget year, with their value in that year and their source; the
    transfer-line ratios (``<fund>.<line>_ratio``) where they are not 0."""
    specs = catalogue()
    out = []
    for group, names in KEY_LEVERS.items():
        ratios = tuple(f"{line}_ratio" for line in TRANSFER_LINES.get(group, ()))
        for name in names + ratios:
            full = f"{group}.{name}"
            if full not in specs or full not in levers.values:
                continue
            spec = specs[full]
            value = lever_value(levers, defaults, full, col)
            if name in ratios and value == 0:
                continue
            if spec.kind == "code" and spec.codes:
                text = code_label(spec.codes[int(value)], "zh") if 0 <= int(value) < len(spec.codes) else str(value)
            else:
                text = _lever_text(value, spec.unit)
            out.append((group, full, text, spec.source, spec.certainty))
    return tuple(out)


def build_budget(year: int, scenario: Scenario | None = None, region_dir: str | Path | None = None,
                 engine: Engine | None = None, row_lists: RowLists | None = None) -> Budget:
    """The 社预 tables for ``year`` under ``scenario`` (default: the baseline)."""
    engine = engine or get_engine(None if region_dir is None else str(region_dir))
    row_lists = row_lists or default_row_lists()
    base = engine.base_year
    problems = ProblemList()
    if not isinstance(year, (int, np.integer)) or not base < year <= 2100:
        problems.add("--year", "year", year, "预算年度须在基年之后", "the budget year must follow the base year",
                     f"{base + 1} 至 2100", f"{base + 1} to 2100")
        problems.raise_if_any()
    overrides = {} if scenario is None else scenario.overrides
    levers = engine.levers([overrides], max(int(year), base + 1))
    defaults = engine.default_levers(max(int(year), base + 1))
    result = engine.run_levers(levers)
    col = int(np.flatnonzero(result.years == year)[0])
    file = "data/budget/rows.csv"
    tables = []
    for spec in row_lists.tables:
        rows = row_lists.rows[spec.table]
        funds = TABLE_FUNDS.get(spec.fund, tuple(spec.fund.split("+")))
        lines = []
        for fund in funds:
            fund_rows = [r for r in rows if r.fund in (fund, "all")]
            prior = _FundYear(result.series[fund], levers, defaults, fund, col - 1)
            this = _FundYear(result.series[fund], levers, defaults, fund, col)
            values = _evaluate(fund_rows, fund, prior, this, problems, file)
            if spec.fund not in TABLE_FUNDS or spec.fund == "all":
                _check_totals(fund_rows, fund, values, prior, this, problems, file, spec.table)
            lines += [Line(r, fund, *values[r.row]) for r in fund_rows]
        tables.append(BudgetTable(spec.table, spec.sheet, spec.title_zh, spec.title_en, funds, tuple(lines)))
    problems.raise_if_any()
    bl = engine.baseline
    return Budget(
        year=int(year), base_year=base, region_name_zh=bl.name_zh, region_name_en=bl.name_en,
        scenario_id=scenario.id if scenario else "baseline",
        scenario_name_zh=scenario.name("zh") if scenario else "基准情景",
        scenario_name_en=scenario.name("en") if scenario else "Baseline",
        tables=tuple(tables), assumptions=_assumptions(levers, defaults, col),
        stamp=make_stamp([scenario], region_dir, bl.region_id, base),
        transfer_lines=tuple((fund, key, value) for fund, fb in bl.funds.items()
                             for key, value in fb.transfer_lines.items() if value))


# ------------------------------------------------------------------ 编制说明 (prose from the numbers)


L = {
    "zh": {"prior_actual": "上年执行数", "prior_projected": "上年预计执行数", "budget": "本年预算数",
           "change": "增减额", "growth": "增长%", "item": "项目", "note": "测算依据", "unit": "单位",
           "total": "合计", "unit_line": "单位：万元", "maker": "编制单位：{region}",
           "explain": "编制说明", "out_of_scope": "说明：医疗保险基金（社预05表、06表）不在本模型测算范围内，本表不含。",
           "basis": "按“{scenario}”测算；基年{base}年数据取自{region}社会保险基金预算绩效自评报告（{scope}）。",
           "excluded": "不含上下级往来", "included": "含上下级往来"},
    "en": {"prior_actual": "Prior-year outturn", "prior_projected": "Prior-year estimated outturn",
           "budget": "Budget", "change": "Change", "growth": "Growth %", "item": "Item", "note": "Basis of the estimate",
           "unit": "Unit", "total": "Total", "unit_line": "Unit: 万元 (10,000 yuan)", "maker": "Prepared for: {region}",
           "explain": "Notes on preparation",
           "out_of_scope": "Note: medical insurance (tables 05 and 06) is outside the model and not included.",
           "basis": "Scenario “{scenario}”; base year {base} from the {region} social insurance fund budget performance self-evaluation ({scope}).",
           "excluded": "transfers between levels excluded", "included": "transfers between levels included"},
}


def _yi(v: float) -> str:
    return f"{v / 1e4:.2f}"


def fund_paragraph(table: BudgetTable, fund: str, year: int, lang: str) -> str:
    """One fund in the register of budget narratives: income and its main items with growth,
    expenditure, the balance of the year and the year-end balance (亿元)."""
    v = {x.row.row: x for x in table.lines if x.fund == fund}
    inc, exp = v["income_total"], v["expenditure_total"]
    cur, end = v["current_balance"], v["balance_end"]
    sub_label = next((x.row.label_zh for x in table.lines if x.row.row == "fiscal_subsidy"), "财政补贴收入")
    sub_label = sub_label.split(" ", 1)[-1]

    def g(line: Line) -> str:
        if not math.isfinite(line.growth):
            return "上年为0" if lang == "zh" else "nil last year"
        word = ("增长" if line.growth >= 0 else "下降") if lang == "zh" else ("up" if line.growth >= 0 else "down")
        return f"{word}{abs(line.growth) * 100:.2f}%" if lang == "zh" else f"{word} {abs(line.growth) * 100:.2f}%"

    name = fund_name(fund, lang)
    if lang == "zh":
        return (f"{name}：{year}年预算收入{_yi(inc.budget)}亿元，比上年{g(inc)}，其中：保险费收入{_yi(v['contributions'].budget)}亿元，"
                f"{sub_label}{_yi(v['fiscal_subsidy'].budget)}亿元，利息收入{_yi(v['interest'].budget)}亿元。"
                f"预算支出{_yi(exp.budget)}亿元，比上年{g(exp)}。本年收支结余{_yi(cur.budget)}亿元，"
                f"年末滚存结余{_yi(end.budget)}亿元。")
    return (f"{name}: {year} budgeted income {_yi(inc.budget)}亿元 ({g(inc)} on the prior year), of which contributions "
            f"{_yi(v['contributions'].budget)}亿元, subsidy {_yi(v['fiscal_subsidy'].budget)}亿元, interest "
            f"{_yi(v['interest'].budget)}亿元. Expenditure {_yi(exp.budget)}亿元 ({g(exp)}). Balance of the year "
            f"{_yi(cur.budget)}亿元; accumulated balance at year end {_yi(end.budget)}亿元.")


def transfer_paragraph(budget: Budget, lang: str) -> str:
    """Where the transfer lines between levels come from: the base-year report's lines (亿元)
    held at their base-year ratios, or none stated and 0."""
    zh = lang == "zh"
    rule = ("上下级往来（上级补助收入、下级上解收入、补助下级支出、上解上级支出）和中央调剂基金（全国统筹调剂资金）收支，"
            "按基年与基金自身支出（补助类）或保险费收入（上解类）之比测算，比例为杠杆 <险种>.<项目>_ratio，可按年份调整；"
            "企业和机关事业养老的上级补助收入另加统筹调剂净转入杠杆（pooling_transfer，默认0）。" if zh else
            "Transfers between levels (subsidy from the upper level, remittances from lower levels, subsidy to lower "
            "levels, remittance upward) and the central adjustment (national pooling) fund are held at their base-year "
            "ratio to the fund's own expenditure (subsidies) or contributions (remittances); each ratio is a lever "
            "<fund>.<line>_ratio a planner may change by year; the pension funds' subsidy from the upper level adds "
            "the net pooling-transfer lever (pooling_transfer, 0 by default).")
    if not budget.transfer_lines:
        return rule + ("基年报告未列上下级往来（不含上下级往来），各项按0列示。" if zh else
                       " The base-year report states none (transfers between levels excluded): every such line is 0.")
    listed = [(fund, key, value) for fund, key, value in budget.transfer_lines]
    if zh:
        parts = "；".join(f"{fund_name(f, 'zh', short=True)}{KEYS[k].zh}{_yi(v)}亿元" for f, k, v in listed)
        return rule + f"基年（{budget.base_year}年）报告列有：{parts}。"
    parts = "; ".join(f"{fund_name(f, 'en', short=True)} {KEYS[k].en} {_yi(v)}亿元" for f, k, v in listed)
    return rule + f" The base-year ({budget.base_year}) report states: {parts}."


def explanation(budget: Budget, lang: str = "zh") -> list[tuple[str, list[str]]]:
    """The 编制说明: ``[(heading, [paragraph, …]), …]``, every figure taken from the tables."""
    zh = lang == "zh"
    region = budget.region_name_zh if zh else budget.region_name_en
    scenario = budget.scenario_name_zh if zh else budget.scenario_name_en
    prior = "上年执行数" if budget.prior_is_actual else "上年预计执行数"
    prior_en = "prior-year outturn" if budget.prior_is_actual else "prior-year estimated outturn"
    sections = []
    scope = L[lang]["included" if budget.transfer_lines else "excluded"]
    basis = [L[lang]["basis"].format(scenario=scenario, base=budget.base_year, region=region, scope=scope)]
    basis.append(
        f"“{prior}”为{budget.year - 1}年{'经核对采用的报告数' if budget.prior_is_actual else '的模型预计数'}，"
        f"“本年预算数”为模型对{budget.year}年的测算数；增减额 = 本年预算数 − {prior}，增长% = 增减额 ÷ {prior}。"
        if zh else
        f"The {prior_en} is {budget.year - 1}'s {'reconciled report figure' if budget.prior_is_actual else 'model estimate'}; "
        f"the budget is the model's projection of {budget.year}; change = budget − prior, growth = change ÷ prior.")
    sections.append(("一、编制依据" if zh else "1. Basis", basis))
    per_fund = []
    for table_id in ("02", "03", "04", "07", "08"):
        t = budget.table(table_id)
        per_fund.append(fund_paragraph(t, t.funds[0], budget.year, lang))
    total = budget.table("01")
    inc = sum(total.value(f, "income_total") for f in total.funds)
    exp = sum(total.value(f, "expenditure_total") for f in total.funds)
    end = sum(total.value(f, "balance_end") for f in total.funds)
    head = (f"五项基金{budget.year}年预算收入合计{_yi(inc)}亿元，支出合计{_yi(exp)}亿元，本年收支结余{_yi(inc - exp)}亿元，"
            f"年末滚存结余{_yi(end)}亿元。" if zh else
            f"The five funds: {budget.year} income {_yi(inc)}亿元, expenditure {_yi(exp)}亿元, balance of the year "
            f"{_yi(inc - exp)}亿元, accumulated balance {_yi(end)}亿元.")
    sections.append(("二、收支预算" if zh else "2. Income and expenditure", [head] + per_fund))
    specs = catalogue()
    assumptions = []
    for group, name, value, source, certainty in budget.assumptions:
        label = specs[name].label(lang)
        source = specs[name].source_text(lang)
        where = fund_name(group, lang, short=True) if group in FUND_IDS else ("经济" if zh else "Economy")
        assumptions.append(f"{where}·{label}：{value}（来源：{source}；可靠程度：{certainty_label(certainty, 'zh')}）" if zh else
                           f"{where} · {label}: {value} (source: {source}; certainty: {certainty})")
    sections.append(("三、主要测算假设（" + str(budget.year) + "年取值）" if zh else f"3. Main assumptions ({budget.year} values)",
                     assumptions))
    unmodelled = ("委托投资收益和医疗补助金本模型不测算，按0列示。医疗保险基金（社预05表、06表）不在本模型范围内。" if zh else
                  "Entrusted investment returns and medical aid are not modelled and shown as 0. Medical insurance "
                  "(tables 05, 06) is out of scope.")
    sections.append(("四、未测算项目与上下级往来" if zh else "4. Lines not modelled; transfers between levels",
                     [transfer_paragraph(budget, lang), unmodelled]))
    sections.append(("五、可复现信息" if zh else "5. Reproducibility", budget.stamp.lines(lang)))
    return sections


# ------------------------------------------------------------------ workbook


def write_budget_xlsx(budget: Budget, path: str | Path, lang: str = "zh") -> Path:
    """The 社预 workbook: 编制说明, 社预01 总表, one sheet per fund table, 附01 and 附03."""
    from openpyxl import Workbook


    t = L[lang]
    region = budget.region_name_zh if lang == "zh" else budget.region_name_en
    prior_label = t["prior_actual"] if budget.prior_is_actual else t["prior_projected"]
    wb = Workbook()
    ws = wb.active
    ws.title = t["explain"]
    _explanation_sheet(ws, budget, lang)
    for table in budget.tables:
        ws = wb.create_sheet(table.sheet if lang == "zh" else f"Table {table.table}")
        title = f"{region}{budget.year}年{table.title_zh}" if lang == "zh" else f"{region}: {table.title_en}, {budget.year}"
        if table.table == "01":
            _summary_sheet(ws, table, title, region, prior_label, lang)
        elif table.table.startswith("附"):
            _basic_sheet(ws, table, title, region, prior_label, lang)
        else:
            _fund_sheet(ws, table, title, region, prior_label, lang)
        sh.note_lines(ws, ws.max_row + 2, [budget.stamp.text(lang)], ws.max_column)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _fund_sheet(ws, table: BudgetTable, title: str, region: str, prior_label: str, lang: str) -> None:

    t = L[lang]
    width = 6
    row = sh.title_block(ws, f"{table.sheet}" if lang == "zh" else f"Table {table.table}", title,
                         t["maker"].format(region=region), t["unit_line"], width)
    sh.header_row(ws, row, [t["item"], prior_label, t["budget"], t["change"], t["growth"], t["note"]])
    header = row
    for line in table.lines:
        row += 1
        bold = line.row.level == 0
        fill = sh.TOTAL_FILL if bold else None
        indent = "　" * line.row.level
        sh.text(ws, row, 1, indent + line.row.label(lang), bold=bold, border=True, fill=fill)
        sh.number(ws, row, 2, line.prior, bold=bold, fill=fill)
        sh.number(ws, row, 3, line.budget, bold=bold, fill=fill)
        sh.number(ws, row, 4, line.change, bold=bold, fill=fill)
        sh.number(ws, row, 5, line.growth, sh.PERCENT_FORMAT, bold=bold, fill=fill)
        sh.text(ws, row, 6, line.note(lang), size=9, wrap=True, border=True, fill=fill)
    sh.widths(ws, (40, 15, 15, 14, 10, 58))
    sh.page_setup(ws, header)


def _summary_sheet(ws, table: BudgetTable, title: str, region: str, prior_label: str, lang: str) -> None:

    t = L[lang]
    funds = table.funds
    width = 4 + len(funds)
    row = sh.title_block(ws, table.sheet if lang == "zh" else f"Table {table.table}", title,
                         t["maker"].format(region=region), t["unit_line"], width)
    labels = [t["item"], f"{prior_label}\n{t['total']}", f"{t['budget']}\n{t['total']}", t["growth"]]
    labels += [f"{fund_name(f, lang, short=True)}\n{t['budget']}" for f in funds]
    sh.header_row(ws, row, labels, height=48)
    header = row
    rows = [x.row for x in table.lines if x.fund == funds[0]]
    for r in rows:
        row += 1
        bold = r.level == 0
        fill = sh.TOTAL_FILL if bold else None
        sh.text(ws, row, 1, "　" * r.level + r.label(lang), bold=bold, border=True, fill=fill)
        prior = sum(table.value(f, r.row, "prior") for f in funds)
        this = sum(table.value(f, r.row, "budget") for f in funds)
        sh.number(ws, row, 2, prior, bold=bold, fill=fill)
        sh.number(ws, row, 3, this, bold=bold, fill=fill)
        sh.number(ws, row, 4, growth(this, prior), sh.PERCENT_FORMAT, bold=bold, fill=fill)
        for j, f in enumerate(funds, start=5):
            sh.number(ws, row, j, table.value(f, r.row, "budget"), bold=bold, fill=fill)
    sh.note_lines(ws, row + 1, [t["out_of_scope"]], width)
    sh.widths(ws, (34, 14, 14, 9) + (15,) * len(funds))
    sh.page_setup(ws, header)


def _basic_sheet(ws, table: BudgetTable, title: str, region: str, prior_label: str, lang: str) -> None:

    t = L[lang]
    width = 7
    row = sh.title_block(ws, table.sheet if lang == "zh" else f"Table {table.table}", title,
                         t["maker"].format(region=region), "", width)
    sh.header_row(ws, row, [t["item"], t["unit"], prior_label, t["budget"], t["change"], t["growth"], t["note"]])
    header = row
    for fund in table.funds:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sh.text(ws, row, 1, fund_name(fund, lang), bold=True, border=True, fill=sh.TOTAL_FILL)
        for line in (x for x in table.lines if x.fund == fund):
            row += 1
            unit = line.row.unit
            fmt = sh.COUNT_FORMAT if unit in ("人", "人月") else "#,##0.00"
            sh.text(ws, row, 1, "　" + line.row.label(lang), border=True)
            sh.text(ws, row, 2, unit, align="center", border=True)
            sh.number(ws, row, 3, line.prior, fmt)
            sh.number(ws, row, 4, line.budget, fmt)
            sh.number(ws, row, 5, line.change, fmt)
            sh.number(ws, row, 6, line.growth, sh.PERCENT_FORMAT)
            sh.text(ws, row, 7, line.note(lang), size=9, wrap=True, border=True)
    sh.widths(ws, (34, 8, 15, 15, 14, 10, 46))
    sh.page_setup(ws, header)


def _explanation_sheet(ws, budget: Budget, lang: str) -> None:

    region = budget.region_name_zh if lang == "zh" else budget.region_name_en
    title = (f"{region}{budget.year}年社会保险基金预算草案编制说明" if lang == "zh"
             else f"{region}: notes on the {budget.year} social insurance fund budget draft")
    ws.merge_cells("A1:A1")
    sh.text(ws, 1, 1, title, bold=True, size=16, align="center", font_name="黑体")
    ws.row_dimensions[1].height = 30
    row = 2
    for heading, paragraphs in explanation(budget, lang):
        row += 1
        sh.text(ws, row, 1, heading, bold=True, size=12, font_name="黑体")
        for para in paragraphs:
            row += 1
            sh.text(ws, row, 1, para, wrap=True)
            ws.row_dimensions[row].height = 15 * max(1, math.ceil(sh.display_width(para) / 105))
    ws.column_dimensions["A"].width = 110
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
