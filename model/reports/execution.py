"""Budget execution analysis (预算执行分析): the base year against its budget and the year before.

For the base year, the table of the source report's section 二 (社会保险基金收支余总体情况), cell
for cell: per fund and in total (合计 = the sum of the five funds), 预算 / base year / prior year
income and expenditure (基金收入小计, 基金支出小计, 万元), then for income and for expenditure
增长 = base − prior (万元), 增长% = 增长 ÷ prior and 执行预算% = base ÷ budget, percentages
rounded half up to two decimals as printed.

Figures are the statements the reconciliation adopts for each total (``Reconciliation.best``:
the most precise statement, the 万元 table for Changji), for the budget, the base year and the
year before; a region without a stated budget has no execution table (the build says so).

    table = execution_table()               # Changji 2020
    write_execution_xlsx(table, "execution.xlsx")
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.baseline import load_region
from model.baseline.reconcile import reconcile
from model.errors import ProblemList
from model.paths import DEFAULT_REGION_DIR
from model.reports import sheets as sh
from model.reports.common import FUND_IDS, Stamp, make_stamp, round_half_up

#: the report's column headings (section 二 table), by fund
REPORT_COLUMNS = {
    "enterprise_pension": ("企业养老保险", "Enterprise pension"),
    "public_pension": ("机关事业养老（改革）", "Public institutions pension (reformed)"),
    "resident_pension": ("城乡居民养老保险", "Resident pension"),
    "work_injury": ("工伤保险", "Work injury"),
    "unemployment": ("失业保险", "Unemployment"),
    "total": ("合计：", "Total"),
}
COLUMNS = FUND_IDS + ("total",)


@dataclass(frozen=True)
class ExecutionTable:
    """The section 二 table: ``cells[(block, item)][fund]``. Blocks: ``budget``, ``base``,
    ``prior`` (items ``income``, ``expenditure``; 万元) and ``income_analysis``,
    ``expenditure_analysis`` (items ``change`` 万元, ``growth`` and ``execution`` fractions
    rounded to 0.01 percentage point)."""

    year: int
    region_name_zh: str
    region_name_en: str
    cells: dict
    stamp: Stamp

    ROWS = (("budget", "income"), ("budget", "expenditure"), ("base", "income"), ("base", "expenditure"),
            ("prior", "income"), ("prior", "expenditure"),
            ("income_analysis", "change"), ("income_analysis", "growth"), ("income_analysis", "execution"),
            ("expenditure_analysis", "change"), ("expenditure_analysis", "growth"),
            ("expenditure_analysis", "execution"))


def _rounded_share(numerator: float, denominator: float) -> float:
    """numerator ÷ denominator as a fraction rounded half up to 0.01 percentage point."""
    return round_half_up(numerator / denominator * 100, 2) / 100


def execution_table(region_dir: str | Path | None = None) -> ExecutionTable:
    folder = Path(region_dir) if region_dir is not None else DEFAULT_REGION_DIR
    region = load_region(folder)
    rec = reconcile(region)
    problems = ProblemList()
    cells: dict = {row: {} for row in ExecutionTable.ROWS}
    periods = {"budget": "budget", "base": region.base_period, "prior": region.prior_period}
    for fund in FUND_IDS:
        for block, period in periods.items():
            for group in ("income", "expenditure"):
                adopted = rec.best(fund, period, f"{group}_total")
                if adopted is None:
                    problems.add(str(folder / "figures.csv"), f"{fund}/{period}/{group}_total", None,
                                 "缺少收支合计，无法做执行分析", "a total is missing: no execution analysis",
                                 f"period = {period} 的 {group}_total", f"{group}_total with period {period}")
                    continue
                cells[(block, group)][fund] = adopted.value
    problems.raise_if_any()
    for block, item in ExecutionTable.ROWS[:6]:
        cells[(block, item)]["total"] = sum(cells[(block, item)][f] for f in FUND_IDS)
    for group in ("income", "expenditure"):
        block = f"{group}_analysis"
        for fund in COLUMNS:
            base, prior, budget = (cells[(b, group)][fund] for b in ("base", "prior", "budget"))
            cells[(block, "change")][fund] = base - prior
            cells[(block, "growth")][fund] = _rounded_share(base - prior, prior)
            cells[(block, "execution")][fund] = _rounded_share(base, budget)
    return ExecutionTable(region.base_year, region.name_zh, region.name_en, cells,
                          make_stamp([], region_dir, region.id, region.base_year))


LABELS = {
    "zh": {"budget": "预算", "base": "{year}年", "prior": "{year}年", "income": "基金收入小计",
           "expenditure": "基金支出小计", "income_analysis": "收入对比分析", "expenditure_analysis": "支出对比分析",
           "change": "增长", "growth": "增长%", "execution": "执行预算%", "corner": "险种",
           "title": "{region}{year}年社会保险基金收支余总体情况", "unit": "单位：万元",
           "note": "不含上下级往来。增长 = {year}年 − {prior}年；增长% = 增长 ÷ {prior}年；执行预算% = {year}年 ÷ 预算。"
                   "数据：{region}{year}年社会保险基金预算绩效自评报告第二部分表格（经核对采用）。"},
    "en": {"budget": "Budget", "base": "{year}", "prior": "{year}", "income": "Fund income",
           "expenditure": "Fund expenditure", "income_analysis": "Income analysis",
           "expenditure_analysis": "Expenditure analysis", "change": "Change", "growth": "Growth %",
           "execution": "% of budget", "corner": "Fund",
           "title": "{region}: social insurance fund income, expenditure and balance, {year}",
           "unit": "Unit: 万元 (10,000 yuan)",
           "note": "Transfers between levels excluded. Change = {year} − {prior}; growth = change ÷ {prior}; "
                   "% of budget = {year} ÷ budget. Source: the {region} {year} budget performance self-evaluation, "
                   "section 2 table (as reconciled)."},
}


def write_execution_xlsx(table: ExecutionTable, path: str | Path, lang: str = "zh") -> Path:
    """The section 二 layout: two label columns (block, item) and one column per fund and the total."""
    from openpyxl import Workbook

    t = LABELS[lang]
    region = table.region_name_zh if lang == "zh" else table.region_name_en
    wb = Workbook()
    ws = wb.active
    ws.title = f"{table.year}执行分析" if lang == "zh" else f"Execution {table.year}"
    width = 2 + len(COLUMNS)
    row = sh.title_block(ws, "", t["title"].format(region=region, year=table.year), "", t["unit"], width)
    sh.text(ws, row, 1, t["corner"], bold=True, align="center", border=True, fill=sh.HEADER_FILL)
    sh.text(ws, row, 2, "", border=True, fill=sh.HEADER_FILL)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for j, fund in enumerate(COLUMNS, start=3):
        sh.text(ws, row, j, REPORT_COLUMNS[fund][0 if lang == "zh" else 1], bold=True, align="center",
                wrap=True, border=True, fill=sh.HEADER_FILL)
    ws.row_dimensions[row].height = 32
    header = row
    years = {"base": table.year, "prior": table.year - 1}
    previous_block = None
    block_start = row + 1
    for block, item in ExecutionTable.ROWS:
        row += 1
        if block != previous_block:
            if previous_block is not None and row - 1 > block_start:
                ws.merge_cells(start_row=block_start, start_column=1, end_row=row - 1, end_column=1)
            block_start = row
            previous_block = block
            sh.text(ws, row, 1, t[block].format(year=years.get(block, "")), bold=True, align="center",
                    wrap=True, border=True)
        else:
            sh.text(ws, row, 1, "", border=True)
        sh.text(ws, row, 2, t[item], border=True)
        fmt = sh.PERCENT_FORMAT if item in ("growth", "execution") else sh.WAN_INT_FORMAT
        for j, fund in enumerate(COLUMNS, start=3):
            sh.number(ws, row, j, table.cells[(block, item)][fund], fmt, bold=fund == "total")
    ws.merge_cells(start_row=block_start, start_column=1, end_row=row, end_column=1)
    sh.note_lines(ws, row + 1, [t["note"].format(region=region, year=table.year, prior=table.year - 1),
                                table.stamp.text(lang)], width)
    sh.widths(ws, (14, 14) + (19,) * len(COLUMNS))
    sh.page_setup(ws, header)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
