"""Quarterly budget execution in the 社预执行 layout, from actuals a bureau enters during the year.

Input: the region folder's optional ``execution.csv`` (format in ``data/regions/FORMAT.md``),
columns ``fund,year,period,key,value,unit,note``: ``period`` is ``budget``, ``adjusted_budget``
or ``Q1``…``Q4`` (that quarter's own flows, 当期); ``key`` is a line of
``data/budget/execution_rows.csv`` entered as a flow (保险费收入 … 上解上级支出) or
``balance_start`` (the year's opening balance, with period ``budget`` or ``Q1``); money in
``万元``, ``亿元`` or ``元``.

Output per fund, for quarter q of a year, columns:
预算数 | 调整后预算数 (the budget when none is entered) | 当期执行数 (quarter q) | 累计执行数 (Q1…q) |
上年同期累计执行数 (the year before, Q1…q) | 预算执行进度(%) = 累计 ÷ 调整后预算 |
比上年同期增长(%) = 累计 ÷ 上年同期累计 − 1.
Rows: 一、期初余额 (当期: the balance at the start of the quarter); 二、收入合计 = (一)收入小计 +
上级补助收入 + 下级上解收入 + 中央调剂基金收入; 三、支出合计 = (一)支出小计 + 补助下级支出 +
上解上级支出 + 中央调剂基金支出 (the transfer lines of the region format, FORMAT.md);
四、本期收支结余 = 二 − 三; 五、期末余额 = 一 + 四. Lines not entered are 0.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from model.errors import ProblemList
from model.files import read_text
from model.paths import DATA_DIR, DEFAULT_REGION_DIR
from model.reports import sheets as sh
from model.reports.common import FUND_IDS, fund_name

ROWS_FILE = DATA_DIR / "budget" / "execution_rows.csv"
PERIODS = ("budget", "adjusted_budget", "Q1", "Q2", "Q3", "Q4")
UNITS = {"万元": 1.0, "亿元": 1e4, "元": 1e-4}
COLUMNS = ("budget", "adjusted_budget", "current", "cumulative", "prior_cumulative", "progress", "growth")
COLUMN_LABELS = {
    "zh": ("预算数", "调整后预算数", "当期执行数", "累计执行数", "上年同期累计执行数", "预算执行进度(%)", "比上年同期增长(%)"),
    "en": ("Budget", "Adjusted budget", "This quarter", "Year to date", "Same period last year",
           "Budget executed (%)", "Growth on last year (%)"),
}
TABLE_NUMBERS = {"enterprise_pension": "02", "resident_pension": "03", "public_pension": "04",
                 "work_injury": "07", "unemployment": "08"}


@dataclass(frozen=True)
class ExecutionRow:
    row: str
    parent: str
    label_zh: str
    label_en: str
    source: str       # key | sum | opening | balance | closing
    level: int


def load_execution_rows(path: Path = ROWS_FILE) -> tuple[ExecutionRow, ...]:
    problems = ProblemList()
    text = read_text(path, problems)
    problems.raise_if_any()
    levels: dict[str, int] = {}
    out = []
    for r in csv.DictReader(io.StringIO(text)):
        level = levels[r["parent"]] + 1 if r["parent"] else 0
        levels[r["row"]] = level
        out.append(ExecutionRow(r["row"], r["parent"], r["label_zh"], r["label_en"], r["source"], level))
    return tuple(out)


def read_actuals(region_dir: str | Path | None = None) -> dict:
    """``{(fund, year, period, key): value in 万元}`` from the region's ``execution.csv``; every
    bad row is named (file, row, column, value, what is allowed) in Chinese and English."""
    folder = Path(region_dir) if region_dir is not None else DEFAULT_REGION_DIR
    path = folder / "execution.csv"
    problems = ProblemList()
    text = read_text(path, problems)
    problems.raise_if_any()
    keys = {r.row for r in load_execution_rows() if r.source == "key"} | {"balance_start"}
    reader = csv.DictReader(io.StringIO(text))
    needed = ("fund", "year", "period", "key", "value", "unit")
    missing = [c for c in needed if c not in (reader.fieldnames or ())]
    if missing:
        problems.add(str(path), "header", ",".join(reader.fieldnames or ()), "缺少列", "missing columns",
                     ",".join(needed), ",".join(needed))
        problems.raise_if_any()
    values: dict = {}
    for i, r in enumerate(reader, start=2):
        r = {k: (v or "").strip() for k, v in r.items() if k is not None}
        where = f"row {i}"
        checks = (("fund", r["fund"] in FUND_IDS, "、".join(FUND_IDS), ", ".join(FUND_IDS)),
                  ("period", r["period"] in PERIODS, "、".join(PERIODS), ", ".join(PERIODS)),
                  ("key", r["key"] in keys, "data/budget/execution_rows.csv 中的行或 balance_start",
                   "a row of data/budget/execution_rows.csv or balance_start"),
                  ("unit", r["unit"] in UNITS, "、".join(UNITS), ", ".join(UNITS)),
                  ("year", r["year"].isdigit() and 1990 <= int(r["year"]) <= 2100, "1990 至 2100 的年份", "a year 1990 to 2100"))
        ok = True
        for column, good, allowed_zh, allowed_en in checks:
            if not good:
                problems.add(str(path), f"{where}.{column}", r[column], "取值无效", "invalid value", allowed_zh, allowed_en)
                ok = False
        try:
            value = float(r["value"])
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            problems.add(str(path), f"{where}.value", r["value"], "不是数字", "not a number", "如 1234.5", "e.g. 1234.5")
            ok = False
        if not ok:
            continue
        key = (r["fund"], int(r["year"]), r["period"], r["key"])
        if key in values:
            problems.add(str(path), f"{where}", "/".join(map(str, key)), "重复的数字", "duplicate figure",
                         "每个险种、年份、期间、项目一行", "one row per fund, year, period and item")
        values[key] = value * UNITS[r["unit"]]
    problems.raise_if_any()
    return values


@dataclass(frozen=True)
class QuarterTable:
    fund: str
    year: int
    quarter: int
    rows: tuple[ExecutionRow, ...]
    cells: dict          # (row, column) → value (万元, or a fraction for progress and growth; NaN = "—")


def _ratio(a: float, b: float) -> float:
    return a / b if b else math.nan


def quarter_tables(year: int, quarter: int, region_dir: str | Path | None = None) -> list[QuarterTable]:
    """One table per fund that has figures for ``year``."""
    problems = ProblemList()
    if quarter not in (1, 2, 3, 4):
        problems.add("--quarter", "quarter", quarter, "季度无效", "invalid quarter", "1 至 4", "1 to 4")
        problems.raise_if_any()
    actuals = read_actuals(region_dir)
    rows = load_execution_rows()
    tables = []
    for fund in FUND_IDS:
        if not any(k[0] == fund and k[1] == year for k in actuals):
            continue

        def flow(y: int, period: str, key: str) -> float:
            return actuals.get((fund, y, period, key), 0.0)

        def flows(y: int, quarters: range, key: str) -> float:
            return sum(flow(y, f"Q{q}", key) for q in quarters)

        columns = {
            "budget": lambda key: flow(year, "budget", key),
            "adjusted_budget": lambda key: actuals.get((fund, year, "adjusted_budget", key), flow(year, "budget", key)),
            "current": lambda key: flows(year, range(quarter, quarter + 1), key),
            "cumulative": lambda key: flows(year, range(1, quarter + 1), key),
            "prior_cumulative": lambda key: flows(year - 1, range(1, quarter + 1), key),
        }
        cells: dict = {}
        for column, get in columns.items():
            values: dict[str, float] = {}
            for r in rows:
                if r.source == "key":
                    values[r.row] = get(r.row)
            for r in reversed(rows):
                if r.source == "sum":
                    values[r.row] = sum(values[c.row] for c in rows if c.parent == r.row)
            values["current_balance"] = values["income_total"] - values["expenditure_total"]
            opening_year = actuals.get((fund, year, "Q1", "balance_start"), actuals.get((fund, year, "budget", "balance_start"), 0.0))
            if column == "current":     # the balance at the start of the quarter
                opening = opening_year + sum(
                    flows(year, range(1, quarter), r.row) * (1 if _side(rows, r) == "income" else -1)
                    for r in rows if r.source == "key")
            elif column == "prior_cumulative":
                opening = actuals.get((fund, year - 1, "Q1", "balance_start"),
                                      actuals.get((fund, year - 1, "budget", "balance_start"), math.nan))
            else:
                opening = opening_year if column == "cumulative" else actuals.get(
                    (fund, year, column, "balance_start"), flow(year, "budget", "balance_start"))
            values["balance_start"] = opening
            values["balance_end"] = opening + values["current_balance"]
            for key, v in values.items():
                cells[(key, column)] = v
        for r in rows:
            cells[(r.row, "progress")] = _ratio(cells[(r.row, "cumulative")], cells[(r.row, "adjusted_budget")]) \
                if r.source not in ("opening", "closing") else math.nan
            prior = cells[(r.row, "prior_cumulative")]
            cells[(r.row, "growth")] = (_ratio(cells[(r.row, "cumulative")], prior) - 1
                                        if prior and not math.isnan(prior) and r.source not in ("opening", "closing")
                                        else math.nan)
        tables.append(QuarterTable(fund, year, quarter, rows, cells))
    if not tables:
        problems.add(str(Path(region_dir or DEFAULT_REGION_DIR) / "execution.csv"), "year", year,
                     "没有该年度的执行数", "no execution figures for this year", "execution.csv 中已有的年度",
                     "a year present in execution.csv")
        problems.raise_if_any()
    return tables


def _side(rows, r: ExecutionRow) -> str:
    """income or expenditure: the top-level ancestor of a row."""
    by_id = {x.row: x for x in rows}
    while r.parent:
        r = by_id[r.parent]
    return "income" if r.row == "income_total" else "expenditure"


def write_quarterly_xlsx(tables: list[QuarterTable], path: str | Path, region_name: str, lang: str = "zh") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    labels = COLUMN_LABELS[lang]
    for t in tables:
        number = TABLE_NUMBERS[t.fund]
        ws = wb.create_sheet(f"社预执行{number}表" if lang == "zh" else f"Execution {number}")
        title = (f"{region_name}{t.year}年第{t.quarter}季度{fund_name(t.fund, lang)}预算执行情况表" if lang == "zh" else
                 f"{region_name}: {fund_name(t.fund, lang)}, budget execution, {t.year} Q{t.quarter}")
        width = 1 + len(COLUMNS)
        row = sh.title_block(ws, f"社预执行{number}表" if lang == "zh" else f"Execution table {number}", title,
                             "", "单位：万元" if lang == "zh" else "Unit: 万元", width)
        sh.header_row(ws, row, ["项目" if lang == "zh" else "Item", *labels], height=36)
        header = row
        for r in t.rows:
            row += 1
            bold = r.level == 0
            fill = sh.TOTAL_FILL if bold else None
            sh.text(ws, row, 1, "　" * r.level + (r.label_zh if lang == "zh" else r.label_en), bold=bold, border=True, fill=fill)
            for j, column in enumerate(COLUMNS, start=2):
                fmt = sh.PERCENT_FORMAT if column in ("progress", "growth") else sh.WAN_FORMAT
                sh.number(ws, row, j, t.cells[(r.row, column)], fmt, bold=bold, fill=fill)
        sh.widths(ws, (30,) + (15,) * len(COLUMNS))
        sh.page_setup(ws, header)
    path = Path(path)
    wb.save(path)
    return path
