"""The leadership pack's workbook (xlsx): 说明, one sheet per fund with the yearly projection by
item, the scenario comparison, the data table of every chart of the deck and the brief (图1–图4,
with native Excel charts), the assumptions with their sources and the reconciliation findings.

Number formats and units on every column, frozen headers, a CJK font on every cell, and every
text cell written as text (never a formula). All numbers come from the
:class:`~model.reports.pack.PackTables` the deck and the brief are built from.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Font as DrawingFont, Paragraph, ParagraphProperties
from openpyxl.utils import get_column_letter

from model.reports import sheets as sh
from model.reports import text as words
from model.reports.common import fund_name
from model.reports.office import TABLE_FONT
from model.reports.pack import (ALL, PackTables, balance_table, chart_title, fan_table, months_table,
                                probability_table, required_table)

ITEM_LABELS = {
    "income_total": ("基金收入合计（万元）", "Total income (万元)", sh.WAN_FORMAT),
    "contributions": ("保险费收入（万元）", "Contributions (万元)", sh.WAN_FORMAT),
    "fiscal_subsidy": ("财政补贴收入（万元）", "Fiscal subsidy (万元)", sh.WAN_FORMAT),
    "interest": ("利息收入（万元）", "Interest (万元)", sh.WAN_FORMAT),
    "other_income": ("其他收入（万元）", "Other income (万元)", sh.WAN_FORMAT),
    "transfer_in": ("转移收入（万元）", "Transfers in (万元)", sh.WAN_FORMAT),
    "expenditure_total": ("基金支出合计（万元）", "Total expenditure (万元)", sh.WAN_FORMAT),
    "benefits": ("待遇支出（万元）", "Benefits (万元)", sh.WAN_FORMAT),
    "upper_subsidy_in": ("上级补助收入（万元）", "Subsidy from the upper level (万元)", sh.WAN_FORMAT),
    "lower_remit_in": ("下级上解收入（万元）", "Remittance from lower levels (万元)", sh.WAN_FORMAT),
    "central_in": ("中央调剂基金收入（万元）", "Central adjustment fund in (万元)", sh.WAN_FORMAT),
    "lower_subsidy_out": ("补助下级支出（万元）", "Subsidy to lower levels (万元)", sh.WAN_FORMAT),
    "upper_remit_out": ("上解上级支出（万元）", "Remittance to the upper level (万元)", sh.WAN_FORMAT),
    "central_out": ("中央调剂基金支出（万元）", "Central adjustment fund out (万元)", sh.WAN_FORMAT),
    "current_balance": ("当期结余（万元）", "Current balance (万元)", sh.WAN_FORMAT),
    "accumulated_balance": ("累计结余（万元）", "Accumulated balance (万元)", sh.WAN_FORMAT),
    "payable_months": ("可支付月数（月）", "Payable months", sh.MONTHS_FORMAT),
    "required_subsidy": ("需追加财政补贴（万元）", "Extra subsidy needed (万元)", sh.WAN_FORMAT),
    "contributors": ("缴费（参保）人数（人）", "Contributors / insured (persons)", sh.COUNT_FORMAT),
    "beneficiaries": ("待遇领取人数（人）", "Beneficiaries (persons)", sh.COUNT_FORMAT),
}
SHEET_NAMES = {
    "readme": ("说明", "Read me"), "compare": ("情景对比", "Comparison"),
    "assumptions": ("假设与来源", "Assumptions"), "findings": ("核对结果", "Reconciliation"),
}


def _name(key: str, lang: str) -> str:
    return SHEET_NAMES[key][0 if lang == "zh" else 1]


def fund_sheet_name(fund: str, lang: str) -> str:
    return fund_name(fund, lang, short=True)


def chart_sheet_name(chart: str, lang: str) -> str:
    """e.g. "图2 累计结余路径" (sheet names are at most 31 characters, no brackets)."""
    title = chart_title(chart, lang).split("（")[0].split(" (")[0]
    return (f"{chart} {title}" if lang == "zh" else f"Fig{chart[1:]} {title}")[:31]


def _axes(chart, year_axis: bool = True) -> None:
    """Axes shown (openpyxl 3.1 writes them deleted unless told), year labels every 10 years at
    the bottom of the plot whatever the sign of the values."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.tickLblPos = "low"
    if year_axis:
        chart.x_axis.tickLblSkip = 10
        chart.x_axis.tickMarkSkip = 10
    _cjk_chart_text(chart)


def _cjk_chart_text(chart) -> None:
    """Axis and legend text of a native chart in the CJK face (``a:ea``) at 9 pt."""
    props = CharacterProperties(sz=900, latin=DrawingFont(typeface=TABLE_FONT), ea=DrawingFont(typeface=TABLE_FONT),
                                lang="zh-CN")
    chart.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _header(ws, row: int, labels, height: float = 32) -> None:
    sh.header_row(ws, row, labels, height)


def write_workbook(tables: PackTables, path: str | Path, lang: str = "zh") -> Path:
    wb = Workbook()
    _readme(wb.active, tables, lang)
    for fund in ALL:
        _fund_sheet(wb.create_sheet(fund_sheet_name(fund, lang)), tables, fund, lang)
    _compare_sheet(wb.create_sheet(_name("compare", lang)), tables, lang)
    _months_sheet(wb.create_sheet(chart_sheet_name("图1", lang)), tables, lang)
    _balance_sheet(wb.create_sheet(chart_sheet_name("图2", lang)), tables, lang)
    _required_sheet(wb.create_sheet(chart_sheet_name("图3", lang)), tables, lang)
    _risk_sheet(wb.create_sheet(chart_sheet_name("图4", lang)), tables, lang)
    _assumptions_sheet(wb.create_sheet(_name("assumptions", lang)), tables, lang)
    _findings_sheet(wb.create_sheet(_name("findings", lang)), tables, lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _title(ws, tables: PackTables, title: str, unit: str, width: int, lang: str) -> int:
    region = tables.region_name(lang)
    return sh.title_block(ws, "", title, region, unit, width)


def _readme(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    ws.title = _name("readme", lang)
    region = tables.region_name(lang)
    title = f"{region}社会保险基金精算测算（{tables.base_year + 1}–{tables.horizon}年）" if zh else \
        f"{region}: social insurance fund projections {tables.base_year + 1}–{tables.horizon}"
    sh.text(ws, 1, 1, title, bold=True, size=16, font_name="黑体")
    ws.row_dimensions[1].height = 30
    row = 3
    sh.text(ws, row, 1, "情景" if zh else "Scenarios", bold=True, size=12, font_name="黑体")
    for s in tables.scenarios:
        row += 1
        sh.text(ws, row, 1, f"{s.id}：{s.name(lang)}" if zh else f"{s.id}: {s.name(lang)}", wrap=True)
    row += 2
    sh.text(ws, row, 1, "要点" if zh else "Key points", bold=True, size=12, font_name="黑体")
    for fund in ALL:
        row += 1
        para = words.key_point(tables, fund, lang)
        sh.text(ws, row, 1, para, wrap=True)
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(sh.display_width(para) / 92))
    row += 2
    sh.text(ws, row, 1, "工作表" if zh else "Sheets", bold=True, size=12, font_name="黑体")
    guide = [(fund_sheet_name(f, lang), ("逐年测算分项（每个情景）" if zh else "yearly projection by item, every scenario"))
             for f in ALL]
    guide += [(_name("compare", lang), "情景对比汇总及蒙特卡洛耗尽区间与概率" if zh else
               "scenario summary with the Monte Carlo depletion range and probabilities")]
    guide += [(chart_sheet_name(c, lang), ("演示稿与测算报告中该图的数据" if zh else "the data of this chart in the deck and the brief"))
              for c in ("图1", "图2", "图3", "图4")]
    guide += [(_name("assumptions", lang), "主要假设及其来源、可靠程度" if zh else "main assumptions, sources, certainty"),
              (_name("findings", lang), "对报告数字的核对结果" if zh else "the reconciliation's findings on the report")]
    for name, what in guide:
        row += 1
        sh.text(ws, row, 1, f"{name}：{what}" if zh else f"{name}: {what}")
    row += 2
    sh.text(ws, row, 1, "可复现信息" if zh else "Reproducibility", bold=True, size=12, font_name="黑体")
    for line in tables.stamp.lines(lang):
        row += 1
        sh.text(ws, row, 1, line)
    row += 1
    sh.text(ws, row, 1, (f"蒙特卡洛：每个情景{tables.paths:,}条路径，随机种子{tables.seed}" if zh else
                         f"Monte Carlo: {tables.paths:,} paths per scenario, seed {tables.seed}"))
    ws.column_dimensions["A"].width = 100
    sh.print_fit(ws, landscape=False)


def _fund_sheet(ws, tables: PackTables, fund: str, lang: str) -> None:
    zh = lang == "zh"
    items = tables.items(fund)
    labels = ["情景" if zh else "Scenario", "年份" if zh else "Year"] + \
             [ITEM_LABELS[i][0 if zh else 1] for i in items]
    title = (f"{fund_name(fund, lang)}逐年测算" if zh else f"{fund_name(fund, lang)}: yearly projection")
    row = _title(ws, tables, title, "", len(labels), lang)
    _header(ws, row, labels, height=45)
    header = row
    p = tables.projection
    part = p[p["fund"] == fund]
    for sid in tables.ids:
        for rec in part[part["scenario"] == sid].itertuples(index=False):
            row += 1
            sh.text(ws, row, 1, sid, border=True)
            sh.number(ws, row, 2, rec.year, sh.YEAR_FORMAT)
            for j, item in enumerate(items, start=3):
                sh.number(ws, row, j, getattr(rec, item), ITEM_LABELS[item][2])
    sh.widths(ws, (20, 7) + (14,) * len(items))
    ws.freeze_panes = f"C{header + 1}"
    sh.print_fit(ws, header)


def _compare_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    cols = [
        ("first_deficit_year", "首次当期赤字年份", "First deficit year", sh.YEAR_FORMAT, 1),
        ("first_sustained_deficit_year", "持续赤字起始年份", "First sustained deficit year", sh.YEAR_FORMAT, 1),
        ("depletion_year", "累计结余耗尽年份", "Depletion year", sh.YEAR_FORMAT, 1),
        ("depletion_p10", "耗尽年份P10（蒙特卡洛）", "Depletion year P10 (MC)", sh.YEAR_FORMAT, 1),
        ("depletion_p50", "耗尽年份P50", "Depletion year P50", sh.YEAR_FORMAT, 1),
        ("depletion_p90", "耗尽年份P90", "Depletion year P90", sh.YEAR_FORMAT, 1),
        ("p_depleted_horizon", f"至{tables.horizon}年耗尽概率", f"P(depleted by {tables.horizon})", "0%", 1),
        ("min_payable_months", "最低可支付月数", "Minimum payable months", sh.MONTHS_FORMAT, 1),
        ("min_payable_months_year", "最低月数年份", "Year of the minimum", sh.YEAR_FORMAT, 1),
        ("cumulative_subsidy", "累计财政补贴（亿元）", "Cumulative fiscal subsidy (亿元)", sh.YI_FORMAT, 1e4),
        ("cumulative_required_subsidy", "累计需追加财政补贴（亿元）", "Cumulative extra subsidy needed (亿元)", sh.YI_FORMAT, 1e4),
        ("horizon_balance", f"{tables.horizon}年累计结余（亿元）", f"Balance in {tables.horizon} (亿元)", sh.YI_FORMAT, 1e4),
        ("d_depletion_year", "耗尽年份差（年，较首个情景）", "Δ depletion year (vs first scenario)", "+0;-0;0", 1),
        ("d_horizon_balance", "期末结余差（亿元）", "Δ horizon balance (亿元)", sh.YI_FORMAT, 1e4),
        ("d_cumulative_required_subsidy", "追加补贴差（亿元）", "Δ extra subsidy (亿元)", sh.YI_FORMAT, 1e4),
    ]
    labels = ["险种" if zh else "Fund", "情景" if zh else "Scenario"] + [c[1] if zh else c[2] for c in cols]
    row = _title(ws, tables, "情景对比" if zh else "Scenario comparison", "", len(labels), lang)
    _header(ws, row, labels, height=45)
    header = row
    for fund in ALL:
        for sid in tables.ids:
            row += 1
            r = tables.row(sid, fund)
            sh.text(ws, row, 1, fund_name(fund, lang, short=True), border=True)
            sh.text(ws, row, 2, sid, border=True)
            for j, (key, _, _, fmt, scale) in enumerate(cols, start=3):
                value = r.get(key)
                value = None if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) \
                    else float(value) / scale
                sh.number(ws, row, j, value, fmt)
    sh.note_lines(ws, row + 2, ["“—”：至测算期末未发生（未耗尽、无赤字）。" if zh else
                                "“—”: does not happen by the horizon (no depletion, no deficit)."], len(labels))
    sh.widths(ws, (12, 20) + (12,) * len(cols))
    ws.freeze_panes = f"C{header + 1}"
    sh.print_fit(ws, header)


def _months_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    table = months_table(tables)
    years = tables.mark_years()
    labels = ["险种" if zh else "Fund", "情景" if zh else "Scenario"] + [f"{y}" for y in years] + \
             ["最低月数" if zh else "Minimum", "最低年份" if zh else "Year", "耗尽年份" if zh else "Depletion year",
              "预警区间（最低月数）" if zh else "Band at the minimum"]
    row = _title(ws, tables, f"图1 {chart_title('图1', lang)}" if zh else f"Figure 1: {chart_title('图1', lang)}",
                 "单位：月" if zh else "Unit: months", len(labels), lang)
    _header(ws, row, labels)
    header = row
    for rec in table.to_dict("records"):
        row += 1
        sh.text(ws, row, 1, fund_name(rec["fund"], lang, short=True), border=True)
        sh.text(ws, row, 2, rec["scenario"], border=True)
        for j, y in enumerate(years, start=3):
            sh.number(ws, row, j, rec[y], sh.MONTHS_FORMAT)
        sh.number(ws, row, 3 + len(years), rec["min"], sh.MONTHS_FORMAT)
        sh.number(ws, row, 4 + len(years), rec["min_year"], sh.YEAR_FORMAT)
        if pd.isna(rec["depletion_year"]):
            sh.text(ws, row, 5 + len(years), "—", border=True)
        else:
            sh.number(ws, row, 5 + len(years), int(rec["depletion_year"]), sh.YEAR_FORMAT)
        band = words.months_band(rec["fund"], rec["min"], lang, tables.thresholds) if rec["fund"] != "total" else ""
        sh.text(ws, row, 6 + len(years), band, border=True)
    row += 2
    sh.text(ws, row, 1, "预警线及来源" if zh else "Thresholds and sources", bold=True)
    for t in tables.thresholds:
        row += 1
        scope = "各险种" if (t.fund == "all" and zh) else ("all funds" if t.fund == "all" else fund_name(t.fund, lang, short=True))
        sh.text(ws, row, 1, scope)
        sh.text(ws, row, 2, t.label(lang))
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=len(labels))
        sh.text(ws, row, 3, f"{t.source(lang)}（{t.certainty}）" if zh else f"{t.source(lang)} ({t.certainty})")
    sh.widths(ws, (12, 30) + (9,) * (len(years) + 2) + (30,))
    ws.freeze_panes = f"C{header + 1}"
    sh.print_fit(ws, header)


def _balance_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    table = balance_table(tables)
    labels = ["年份" if zh else "Year"] + [f"{fund_name(f, lang, short=True)}·{sid}" if zh else f"{fund_name(f, lang, short=True)} · {sid}"
                                          for f, sid in table.columns]
    row = _title(ws, tables, f"图2 {chart_title('图2', lang)}" if zh else f"Figure 2: {chart_title('图2', lang)}",
                 "单位：亿元" if zh else "Unit: 亿元", len(labels), lang)
    _header(ws, row, labels, height=45)
    header = row
    for year, values in table.iterrows():
        row += 1
        sh.number(ws, row, 1, year, sh.YEAR_FORMAT)
        for j, v in enumerate(values, start=2):
            sh.number(ws, row, j, v, sh.YI_FORMAT)
    sh.widths(ws, (7,) + (13,) * (len(labels) - 1))
    ws.freeze_panes = f"B{header + 1}"
    sh.print_fit(ws, header)
    n = len(tables.ids)
    for k, fund in enumerate(ALL):
        chart = LineChart()
        chart.title = fund_name(fund, lang, short=True)
        chart.y_axis.title = "亿元"
        chart.height, chart.width = 6.5, 11
        first_col = 2 + k * n
        data = Reference(ws, min_col=first_col, max_col=first_col + n - 1, min_row=header, max_row=row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=row))
        _axes(chart)
        anchor_col = len(labels) + 2 + (k % 2) * 8
        ws.add_chart(chart, f"{get_column_letter(anchor_col)}{header + (k // 2) * 14}")


def _required_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    table = required_table(tables)
    labels = ["险种" if zh else "Fund"] + [tables.scenario_name(s, lang) for s in tables.ids]
    row = _title(ws, tables, f"图3 {chart_title('图3', lang)}" if zh else f"Figure 3: {chart_title('图3', lang)}",
                 "单位：亿元" if zh else "Unit: 亿元", len(labels), lang)
    _header(ws, row, labels, height=60)
    header = row
    for fund, values in table.iterrows():
        row += 1
        sh.text(ws, row, 1, fund_name(fund, lang, short=True), border=True, bold=fund == "total")
        for j, v in enumerate(values, start=2):
            sh.number(ws, row, j, v, sh.YI_FORMAT, bold=fund == "total")
    sh.note_lines(ws, row + 1, [(f"{tables.base_year + 1}–{tables.horizon}年累计：在财政补贴规则之外，使各基金保持目标可支付月数所需追加的财政资金。"
                                 if zh else f"Sum {tables.base_year + 1}–{tables.horizon}: budget money on top of the subsidy "
                                 "rule that keeps each fund at its target payable months.")], len(labels))
    sh.widths(ws, (14,) + (22,) * len(tables.ids))
    ws.freeze_panes = f"B{header + 1}"
    sh.print_fit(ws, header)
    chart = BarChart()
    chart.type = "col"
    chart.title = chart_title("图3", lang)
    chart.y_axis.title = "亿元"
    chart.height, chart.width = 8, 16
    chart.add_data(Reference(ws, min_col=2, max_col=1 + len(tables.ids), min_row=header, max_row=header + len(ALL) - 1),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=header + len(ALL) - 1))
    _axes(chart, year_axis=False)
    ws.add_chart(chart, f"{get_column_letter(len(labels) + 2)}{header}")


def _risk_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    fan = fan_table(tables)
    sid = tables.ids[0]
    labels = ["年份" if zh else "Year", "P5", "P25", "P50", "P75", "P95", "确定性测算" if zh else "Deterministic"]
    title = (f"图4 {chart_title('图4', lang)}（{fund_name('total', lang)}，{tables.scenario_name(sid, lang)}）" if zh else
             f"Figure 4: {chart_title('图4', lang)} ({fund_name('total', lang)}, {tables.scenario_name(sid, lang)})")
    row = _title(ws, tables, title, "单位：亿元" if zh else "Unit: 亿元", 12, lang)
    _header(ws, row, labels)
    header = row
    for year, values in fan.iterrows():
        row += 1
        sh.number(ws, row, 1, year, sh.YEAR_FORMAT)
        for j, v in enumerate(values, start=2):
            sh.number(ws, row, j, v, sh.YI_FORMAT)
    ws.freeze_panes = f"B{header + 1}"
    sh.print_fit(ws, header)
    chart = LineChart()
    chart.title = f"{fund_name('total', lang)}：{'累计结余分位数' if zh else 'balance percentiles'}"
    chart.y_axis.title = "亿元"
    chart.height, chart.width = 9, 16
    chart.add_data(Reference(ws, min_col=2, max_col=7, min_row=header, max_row=row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=row))
    _axes(chart)
    ws.add_chart(chart, f"I{header}")
    # the probability table beside the fan
    prob = probability_table(tables)
    top = header + 20
    plabels = ["险种" if zh else "Fund", "情景" if zh else "Scenario", "确定性耗尽年份" if zh else "Depletion year",
               "P10", "P50", "P90", "2030", "2035", "2040", f"{tables.horizon}"]
    sh.text(ws, top - 1, 9, (f"耗尽年份分位数与截至各年耗尽概率（蒙特卡洛{tables.paths:,}条路径，种子{tables.seed}）" if zh else
                             f"Depletion-year quantiles and probability of depletion by each year ({tables.paths:,} paths, seed {tables.seed})"),
            bold=True)
    for j, label in enumerate(plabels, start=9):
        sh.text(ws, top, j, label, bold=True, align="center", border=True, fill=sh.HEADER_FILL)
    r = top
    for rec in prob.to_dict("records"):
        r += 1
        sh.text(ws, r, 9, fund_name(rec["fund"], lang, short=True), border=True)
        sh.text(ws, r, 10, rec["scenario"], border=True)
        for j, key in enumerate(("depletion_year", "depletion_p10", "depletion_p50", "depletion_p90"), start=11):
            v = rec[key]
            sh.number(ws, r, j, None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else float(v),
                      sh.YEAR_FORMAT)
        for j, key in enumerate(("p_depleted_2030", "p_depleted_2035", "p_depleted_2040", "p_depleted_horizon"), start=15):
            sh.number(ws, r, j, rec[key], "0%")
    sh.widths(ws, (7,) + (11,) * 6 + (3, 12, 18) + (11,) * 8)


def _assumptions_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    a = tables.assumptions
    first, last = tables.base_year + 1, tables.horizon
    labels = ["杠杆" if zh else "Lever", "名称" if zh else "Name", "单位" if zh else "Unit"]
    for sid in tables.ids:
        labels += [f"{sid} {first}", f"{sid} {last}"]
    labels += ["改变它的情景" if zh else "Changed by", "来源" if zh else "Source", "可靠程度" if zh else "Certainty"]
    row = _title(ws, tables, "主要假设及来源" if zh else "Main assumptions and their sources", "", len(labels), lang)
    _header(ws, row, labels, height=45)
    header = row
    for rec in a.to_dict("records"):
        row += 1
        sh.text(ws, row, 1, rec["lever"], border=True)
        sh.text(ws, row, 2, rec["label_zh"] if zh else rec["label_en"], border=True, wrap=True)
        sh.text(ws, row, 3, rec["unit"], border=True)
        j = 4
        codes = rec["codes"].split("|") if rec["codes"] else []
        for sid in tables.ids:
            for part in ("first", "horizon"):
                v = rec[f"{sid}|{part}"]
                if codes and float(v).is_integer() and 0 <= int(v) < len(codes):
                    sh.text(ws, row, j, codes[int(v)], border=True)
                else:
                    sh.number(ws, row, j, v, "0.0000" if abs(v) < 10 else "#,##0.00")
                j += 1
        sh.text(ws, row, j, rec["changed_by"], border=True)
        source = rec["source_zh"] if zh else rec["source"]
        sh.text(ws, row, j + 1, source, border=True, wrap=True, size=9)
        sh.text(ws, row, j + 2, rec["certainty"], border=True)
        ws.row_dimensions[row].height = 12 * max(1, math.ceil(sh.display_width(source) / 90))
    sh.widths(ws, (34, 28, 14) + (11,) * (2 * len(tables.ids)) + (16, 70, 11))
    ws.freeze_panes = f"B{header + 1}"
    sh.print_fit(ws, header)


def _findings_sheet(ws, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    f = tables.findings
    labels = ["编号" if zh else "Id", "险种" if zh else "Fund", "核对" if zh else "Check", "内容" if zh else "What",
              "报告数" if zh else "Stated", "推算数" if zh else "Implied", "单位" if zh else "Unit",
              "差额" if zh else "Gap", "程度" if zh else "Severity", "采用数" if zh else "Adopted", "说明" if zh else "Why"]
    row = _title(ws, tables, "对报告数字的核对结果" if zh else "Reconciliation of the report's figures", "", len(labels), lang)
    _header(ws, row, labels)
    header = row
    for rec in f.to_dict("records"):
        row += 1
        sh.text(ws, row, 1, rec["id"], border=True, size=9)
        sh.text(ws, row, 2, rec["fund"], border=True)
        sh.text(ws, row, 3, rec["check"], border=True)
        sh.text(ws, row, 4, rec["title_zh"] if zh else rec["title_en"], border=True, wrap=True)
        for j, key in ((5, "stated"), (6, "implied")):
            sh.number(ws, row, j, rec[key], "#,##0.00")
        sh.text(ws, row, 7, rec["unit"], border=True)
        sh.number(ws, row, 8, rec["gap"], "#,##0.00")
        sh.text(ws, row, 9, rec["severity"], border=True)
        sh.number(ws, row, 10, rec["adopted"], "#,##0.00")
        sh.text(ws, row, 11, rec["why_zh"] if zh else rec["why_en"], border=True, wrap=True, size=9)
    sh.widths(ws, (30, 16, 14, 30, 12, 12, 8, 10, 9, 12, 70))
    ws.freeze_panes = f"B{header + 1}"
    sh.print_fit(ws, header)
