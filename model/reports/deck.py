"""The leadership deck (pptx, 16:9, 8 slides), every number from a
:class:`~model.reports.pack.PackTables`:

1. title, date and scenarios; 2. 要点, one sentence per fund (depletion year with its Monte Carlo
range, what each scenario changes); 3. 可支付月数 against the warning thresholds (图1); 4. the
balance paths of the scenarios, one native chart per fund (图2); 5. the extra budget money each
scenario needs (图3); 6. the risk: fan chart and probability of depletion (图4); 7. the
assumptions with their sources; 8. sources and the reproducibility stamp.

Charts are native PowerPoint charts (their data travel inside the file and sit in the workbook's
sheet of the same figure number). Every run carries ``a:ea`` and ``lang="zh-CN"``
(:func:`model.reports.office.pptx_cjk`).
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from model.analysis.uncertainty import percent_text
from model.reports import text as words
from model.reports.common import fund_name, set_document_properties
from model.reports.office import DECK_FONT, chart_cjk_text, pptx_cjk
from model.reports.pack import (ALL, FAN_FUND, PackTables, balance_table, certainty_label, chart_title, fan_table,
                                lever_text, months_table, probability_table, required_table)
from model.reports.thresholds import status, thresholds_for

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
RED = RGBColor(0xB0, 0x1E, 0x23)
DARK = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x7F, 0x7F, 0x7F)
HEADER_FILL = RGBColor(0xF2, 0xDC, 0xDB)
BAND_FILL = {"below": RGBColor(0xF8, 0xCB, 0xAD), "at_least": RGBColor(0xE2, 0xEF, 0xDA)}
WARNING_FILL = RGBColor(0xF4, 0xB0, 0xB0)
SERIES_COLOURS = (RGBColor(0x1F, 0x4E, 0x79), RGBColor(0xC0, 0x50, 0x4D), RGBColor(0x70, 0xAD, 0x47),
                  RGBColor(0xED, 0x7D, 0x31), RGBColor(0x7F, 0x60, 0xA8), RGBColor(0x4B, 0xAC, 0xC6))
MARGIN = Inches(0.5)


def _textbox(slide, x, y, w, h, text: str = "", size: float = 14, bold: bool = False, colour=DARK,
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    box = slide.shapes.add_textbox(x, y, w, h)
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    p = tf.paragraphs[0]
    p.alignment = align
    run = p.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    return box


def _paragraph(tf, text: str, size: float, bold: bool = False, colour=DARK, space_after: float = 6, first=False):
    p = tf.paragraphs[0] if first else tf.add_paragraph()
    p.space_after = Pt(space_after)
    run = p.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    return p


def _frame(prs, tables: PackTables, title: str, lang: str, page: int):
    """A blank slide with the title, a red rule under it and the footer (stamp, page number)."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), title, size=26, bold=True, colour=RED,
             anchor=MSO_ANCHOR.MIDDLE)
    line = slide.shapes.add_connector(1, MARGIN, Inches(1.05), WIDTH - MARGIN, Inches(1.05))
    line.line.color.rgb = RED
    line.line.width = Pt(2)
    stamp = tables.stamp
    footer = (f"{tables.region_name(lang)} · sifsim {stamp.model_version} · {stamp.commit} · {stamp.data_vintage} · "
              + " ".join(f"{sid}:{h}" for sid, h in stamp.scenario_hashes))
    _textbox(slide, MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN - Inches(0.6), Inches(0.3), footer, size=8,
             colour=GREY)
    _textbox(slide, WIDTH - MARGIN - Inches(0.6), HEIGHT - Inches(0.45), Inches(0.6), Inches(0.3), str(page), size=9,
             colour=GREY, align=PP_ALIGN.RIGHT)
    return slide


def _style_chart(chart, lang: str, legend: bool = True, size: float = 10) -> None:
    chart_cjk_text(chart, size)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xD9, 0xD9, 0xD9)
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False


def _line_series_style(chart, colours, widths=None, dashes=None) -> None:
    for i, series in enumerate(chart.plots[0].series):
        series.smooth = False
        fmt = series.format.line
        fmt.color.rgb = colours[i % len(colours)]
        fmt.width = Pt(widths[i] if widths else 2.0)
        if dashes and dashes[i]:
            fmt.dash_style = dashes[i]
        series.marker.style = XL_MARKER_STYLE.NONE   # python-pptx leaves the default markers on


def _year_axis(chart, first: int, last: int) -> None:
    """A year axis on an XY chart: labels every 10 years at the bottom, whatever the sign of the values."""
    axis = chart.category_axis
    axis.minimum_scale, axis.maximum_scale = first, last
    axis.major_unit = 10
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    axis.tick_labels.number_format = "0"
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = False


def _xy_data(years, columns: dict[str, list[float]]) -> XyChartData:
    data = XyChartData()
    for name, values in columns.items():
        series = data.add_series(name)
        for y, v in zip(years, values):
            series.add_data_point(int(y), round(float(v), 2))
    return data


def _legend_box(slide, x, y, w, names: list[str], colours, size: float = 11) -> None:
    """One shared legend line: a coloured bar and the scenario's name for each series."""
    box = slide.shapes.add_textbox(x, y, w, Inches(0.35))
    tf = box.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    for i, name in enumerate(names):
        run = p.add_run()
        run.text = ("　" if i else "") + "━━ "
        run.font.size = Pt(size)
        run.font.bold = True
        run.font.color.rgb = colours[i % len(colours)]
        run = p.add_run()
        run.text = name
        run.font.size = Pt(size)
        run.font.color.rgb = DARK


def _scenario_key(tables: PackTables, lang: str) -> str:
    return ("；".join(f"情景{i + 1}：{s.name(lang)}" for i, s in enumerate(tables.scenarios)) if lang == "zh" else
            "; ".join(f"scenario {i + 1}: {s.name(lang)}" for i, s in enumerate(tables.scenarios)))


def _table(slide, x, y, w, h, rows: list[list[str]], col_widths, size: float = 11, fills=None, bold_rows=(),
           left=(0,)):
    shape = slide.shapes.add_table(len(rows), len(rows[0]), x, y, w, h)
    table = shape.table
    total = sum(col_widths)
    for j, cw in enumerate(col_widths):
        table.columns[j].width = Emu(int(w * cw / total))
    for i, row in enumerate(rows):
        table.rows[i].height = Emu(int(h / len(rows)))
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.04)
            cell.margin_top = cell.margin_bottom = Inches(0.01)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = PP_ALIGN.LEFT if j in left else PP_ALIGN.CENTER
            run = p.add_run()
            run.text = value
            run.font.size = Pt(size)
            run.font.bold = i == 0 or i in bold_rows
            run.font.color.rgb = DARK
            cell.fill.solid()
            colour = (fills or {}).get((i, j))
            cell.fill.fore_color.rgb = HEADER_FILL if i == 0 else (colour or RGBColor(0xFF, 0xFF, 0xFF))
    return table


def _months(value: float, lang: str) -> str:
    """Payable months as printed; a negative balance reads "已耗尽" (months below zero mean nothing)."""
    if value < 0:
        return "已耗尽" if lang == "zh" else "depleted"
    return f"{value:.1f}"


def _minimum(rec: dict, lang: str) -> str:
    """The minimum months and their year; for a fund that runs out, the year it runs out (its
    minimum, at the horizon, says nothing a planner uses): "已耗尽（2042年起）"."""
    dep = _year(rec["depletion_year"])
    if rec["min"] < 0 and dep != "—":
        return f"已耗尽（{dep}年起）" if lang == "zh" else f"depleted (from {dep})"
    return f"{_months(rec['min'], lang)}（{rec['min_year']}）" if lang == "zh" else f"{_months(rec['min'], lang)} ({rec['min_year']})"


def _year(v) -> str:
    return "—" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(int(v))


def _pct(p) -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "—"
    return percent_text(float(p))


# ------------------------------------------------------------------ slides


def _title_slide(prs, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, Inches(2.2), WIDTH, Inches(1.9))
    band.fill.solid()
    band.fill.fore_color.rgb = RED
    band.line.fill.background()
    title = (f"{tables.region_name(lang)}社会保险基金精算测算汇报" if zh else
             f"{tables.region_name(lang)}: social insurance fund projections")
    _textbox(slide, MARGIN, Inches(2.35), WIDTH - 2 * MARGIN, Inches(0.9), title, size=36, bold=True,
             colour=RGBColor(0xFF, 0xFF, 0xFF), align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
    sub = (f"测算期 {tables.base_year + 1}–{tables.horizon}年 · 基年{tables.base_year}年 · 五项基金（不含医疗保险）" if zh else
           f"Projection {tables.base_year + 1}–{tables.horizon} · base year {tables.base_year} · five funds (medical insurance excluded)")
    _textbox(slide, MARGIN, Inches(3.3), WIDTH - 2 * MARGIN, Inches(0.6), sub, size=18,
             colour=RGBColor(0xFF, 0xFF, 0xFF), align=PP_ALIGN.CENTER)
    box = slide.shapes.add_textbox(Inches(1.5), Inches(4.5), WIDTH - Inches(3), Inches(1.8))
    tf = box.text_frame
    tf.word_wrap = True
    _paragraph(tf, "测算情景" if zh else "Scenarios", 16, bold=True, first=True)
    for i, s in enumerate(tables.scenarios):
        _paragraph(tf, f"{'情景' if zh else 'Scenario '}{i + 1}：{s.name(lang)}" if zh else f"{i + 1}. {s.name(lang)}", 14,
                   space_after=2)
    _textbox(slide, MARGIN, HEIGHT - Inches(1.0), WIDTH - 2 * MARGIN, Inches(0.4),
             (f"编制日期：{tables.stamp.created}" if zh else f"Date: {tables.stamp.created}"), size=14,
             align=PP_ALIGN.CENTER)
    _textbox(slide, MARGIN, HEIGHT - Inches(0.5), WIDTH - 2 * MARGIN, Inches(0.3), tables.stamp.text(lang), size=8,
             colour=GREY, align=PP_ALIGN.CENTER)


def _key_points(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, "要点" if zh else "Key points", lang, page)
    points = [(f, words.key_point(tables, f, lang)) for f in ALL]
    length = sum(len(p) for _, p in points) * (1 if zh else 0.5)
    size = 16 if length < 650 else 14 if length < 850 else 13 if length < 1050 else 12 if length < 1250 else 10
    box = slide.shapes.add_textbox(MARGIN, Inches(1.25), WIDTH - 2 * MARGIN, Inches(5.6))
    tf = box.text_frame
    tf.word_wrap = True
    for i, (fund, point) in enumerate(points):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.space_after = Pt(7)
        run = p.add_run()
        run.text = "■ "
        run.font.size = Pt(size)
        run.font.color.rgb = RED
        run = p.add_run()
        run.text = point
        run.font.size = Pt(size)
        run.font.color.rgb = DARK
        run.font.bold = fund == "total"


def _months_slide(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, f"{chart_title('图1', lang)}" + ("（图1）" if zh else " (figure 1)"), lang, page)
    table = months_table(tables)
    years = tables.mark_years()
    head = ["险种" if zh else "Fund", "情景" if zh else "Scenario"] + [str(y) for y in years] + \
           ["最低（年份）" if zh else "Minimum (year)", "所处区间（最低时）" if zh else "Band at the minimum"]
    rows, fills = [head], {}
    for i, rec in enumerate(table.to_dict("records"), start=1):
        band = status(rec["fund"], rec["min"], tables.thresholds) if rec["fund"] != "total" else None
        number = tables.ids.index(rec["scenario"]) + 1
        rows.append([fund_name(rec["fund"], lang, short=True), f"情景{number}" if zh else f"Scenario {number}"]
                    + [_months(rec[y], lang) for y in years]
                    + [_minimum(rec, lang), band.label(lang) if band else "—"])
        for j, y in enumerate(years, start=2):
            t = status(rec["fund"], rec[y], tables.thresholds) if rec["fund"] != "total" else None
            if t is not None:
                fills[(i, j)] = WARNING_FILL if t.side == "below" else BAND_FILL["at_least"]
    n = len(rows)
    _table(slide, MARGIN, Inches(1.25), WIDTH - 2 * MARGIN, Inches(0.3 * n if n <= 13 else 0.19 * n), rows,
           [1.4, 1.0] + [0.85] * len(years) + [1.5, 2.8], size=10 if n <= 13 else 7, fills=fills)
    notes = []
    for fund in ("enterprise_pension", "work_injury", "unemployment"):
        for t in thresholds_for(fund, tables.thresholds):
            if t.fund == fund:
                notes.append(f"{fund_name(fund, lang, short=True)}{t.label(lang)}（{t.source(lang)}）" if zh else
                             f"{fund_name(fund, lang, short=True)}: {t.label(lang)} ({t.source(lang)})")
    general = [t for t in tables.thresholds if t.fund == "all"]
    notes += [f"{t.label(lang)}（{t.source(lang)}）" if zh else f"{t.label(lang)} ({t.source(lang)})" for t in general]
    row_height = 0.3 if n <= 13 else 0.19
    box = slide.shapes.add_textbox(MARGIN, Inches(1.35 + row_height * n), WIDTH - 2 * MARGIN, Inches(1.3))
    tf = box.text_frame
    tf.word_wrap = True
    _paragraph(tf, _scenario_key(tables, lang), 9, bold=True, first=True, space_after=2)
    if n > 13:      # many scenarios: the thresholds and their sources are on the last slide and in the workbook
        _paragraph(tf, ("预警线及其来源见最后一页和工作簿“图1”表。" if zh else
                        "Thresholds and their sources: last slide and the workbook's figure 1 sheet."), 9, colour=GREY)
        return
    _paragraph(tf, ("预警线（红色：低于警戒线；绿色：达到可降费率的月数；“已耗尽”：累计结余为负）：" if zh else
                    "Thresholds (red: under a warning line; green: months that allow a rate cut; “depleted”: negative balance):"),
               9, bold=True, space_after=1)
    for note in notes:
        _paragraph(tf, note, 8, colour=GREY, space_after=0)


def _balance_slide(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, f"{chart_title('图2', lang)}" + ("（图2）" if zh else " (figure 2)"), lang, page)
    table = balance_table(tables)
    _legend_box(slide, MARGIN, Inches(1.12), WIDTH - 2 * MARGIN, [tables.scenario_name(s, lang) for s in tables.ids],
                SERIES_COLOURS)
    cols, w, h = 3, (WIDTH - 2 * MARGIN) / 3, Inches(2.75)
    for k, fund in enumerate(ALL):
        data = _xy_data(table.index, {tables.scenario_name(sid, lang): list(table[(fund, sid)]) for sid in tables.ids})
        x = MARGIN + w * (k % cols)
        y = Inches(1.5) + h * (k // cols)
        chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, x, y, w, h, data).chart
        chart.has_title = True
        chart.chart_title.text_frame.text = fund_name(fund, lang, short=True) + ("（亿元）" if zh else " (亿元)")
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
        _style_chart(chart, lang, legend=False, size=9)
        _line_series_style(chart, SERIES_COLOURS)
        _year_axis(chart, int(table.index[0]), int(table.index[-1]))


def _required_slide(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, f"{chart_title('图3', lang)}" + ("（图3）" if zh else " (figure 3)"), lang, page)
    table = required_table(tables)
    funds = [f for f in ALL if f != "total"]
    data = CategoryChartData()
    data.categories = [fund_name(f, lang, short=True) for f in funds]
    for sid in tables.ids:
        data.add_series(tables.scenario_name(sid, lang), [round(float(table.loc[f, sid]), 2) for f in funds])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(1.25), Inches(7.6), Inches(5.4),
                                   data).chart
    _style_chart(chart, lang, size=11)
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.number_format = "#,##0.00"
    chart.plots[0].data_labels.number_format_is_linked = False
    chart.plots[0].data_labels.font.size = Pt(9)
    for i, series in enumerate(chart.plots[0].series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = SERIES_COLOURS[i % len(SERIES_COLOURS)]
    box = slide.shapes.add_textbox(Inches(8.4), Inches(1.4), WIDTH - Inches(8.9), Inches(5.2))
    tf = box.text_frame
    tf.word_wrap = True
    _paragraph(tf, (f"{tables.base_year + 1}–{tables.horizon}年累计需追加的财政补贴" if zh else
                    f"Extra budget money needed, {tables.base_year + 1}–{tables.horizon}"), 14, bold=True, first=True)
    for sid in tables.ids:
        _paragraph(tf, f"{tables.scenario_name(sid, lang)}：{words.yi_text(table.loc['total', sid] * 1e4)}" if zh else
                   f"{tables.scenario_name(sid, lang)}: {words.yi_text(table.loc['total', sid] * 1e4)}", 13)
    _paragraph(tf, ("口径：在各基金财政补贴规则之外，为使累计结余保持目标可支付月数而需追加的财政资金，逐年累加。" if zh else
                    "Definition: budget money on top of each fund's subsidy rule that keeps the balance at the target "
                    "payable months, summed over the years."), 10, colour=GREY)


def _risk_slide(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, f"{chart_title('图4', lang)}" + ("（图4）" if zh else " (figure 4)"), lang, page)
    fan = fan_table(tables)
    names = {"p5": "P5", "p25": "P25", "p50": "P50" + ("（中位数）" if zh else " (median)"), "p75": "P75", "p95": "P95",
             "deterministic": "确定性测算" if zh else "Deterministic"}
    data = _xy_data(fan.index, {names[col]: list(fan[col]) for col in fan.columns})
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, MARGIN, Inches(1.2), Inches(6.3),
                                   Inches(5.5), data).chart
    chart.has_title = True
    sid = tables.ids[0]
    chart.chart_title.text_frame.text = (f"{fund_name(FAN_FUND, lang)}累计结余（亿元）：{tables.scenario_name(sid, lang)[:16]}"
                                         if zh else f"{fund_name(FAN_FUND, lang)}: balance (亿元), {tables.scenario_name(sid, lang)[:24]}")
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    _style_chart(chart, lang, size=9)
    light, mid, dark = RGBColor(0x9D, 0xC3, 0xE6), RGBColor(0x2E, 0x75, 0xB6), RGBColor(0x1F, 0x3A, 0x5F)
    _line_series_style(chart, (light, mid, dark, mid, light, RED), widths=(1.25, 1.75, 2.75, 1.75, 1.25, 1.5))
    _year_axis(chart, int(fan.index[0]), int(fan.index[-1]))
    prob = probability_table(tables)
    head = ["险种" if zh else "Fund", "情景" if zh else "Scen.", "耗尽年份" if zh else "Depl.", "10–90%区间" if zh else "10–90%",
            "2030", "2035", "2040", str(tables.horizon)]
    rows = [head]
    for rec in prob.to_dict("records"):
        span = words.year_range(rec["depletion_p10"], rec["depletion_p90"], tables.horizon)
        rows.append([fund_name(rec["fund"], lang, short=True), str(tables.ids.index(rec["scenario"]) + 1),
                     _year(rec["depletion_year"]), span, _pct(rec["p_depleted_2030"]), _pct(rec["p_depleted_2035"]),
                     _pct(rec["p_depleted_2040"]), _pct(rec["p_depleted_horizon"])])
    n = len(rows)
    _table(slide, Inches(7.0), Inches(1.25), WIDTH - Inches(7.5), Inches(min(4.6, 0.3 * n)), rows,
           [1.5, 0.6, 0.9, 1.3, 0.75, 0.75, 0.75, 0.75], size=9 if n <= 13 else 8)
    box = slide.shapes.add_textbox(Inches(7.0), Inches(1.35) + Inches(min(4.6, 0.3 * n)), WIDTH - Inches(7.5), Inches(1.0))
    tf = box.text_frame
    tf.word_wrap = True
    scen = _scenario_key(tables, lang)
    _paragraph(tf, (f"截至各年累计结余为负的概率；蒙特卡洛每个情景{tables.paths:,}条路径（工资增长、利率、失业发生率、"
                    f"长寿风险随机），种子{tables.seed}。{scen}" if zh else
                    f"Probability the balance has gone negative by each year; {tables.paths:,} Monte Carlo paths per "
                    f"scenario (wages, interest, unemployment incidence, longevity), seed {tables.seed}. {scen}"),
               9, colour=GREY, first=True)


def _assumptions_slide(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, "主要假设及来源" if zh else "Main assumptions and their sources", lang, page)
    a = tables.assumptions
    sid0 = tables.ids[0]
    rows = [["假设" if zh else "Assumption", f"{tables.base_year + 1}年" if zh else str(tables.base_year + 1),
             f"{tables.horizon}年" if zh else str(tables.horizon), "来源" if zh else "Source",
             "可靠程度" if zh else "Certainty"]]
    for rec in a.to_dict("records"):
        def show(v, rec=rec):
            return lever_text(rec, v, lang)
        first = show(rec[f"{sid0}|first"])
        last = show(rec[f"{sid0}|horizon"])
        if rec["changed_by"]:
            changed = [s for s in tables.ids[1:] if s in rec["changed_by"].split(", ")]
            if changed:
                last += "；" + "；".join(f"{s}: {show(rec[f'{s}|horizon'])}" for s in changed)
        source = rec["source_zh"] if zh else rec["source"]
        source = source if len(source) <= 110 else source[:108] + "…"
        rows.append([rec["label_zh"] if zh else rec["label_en"], first, last, source,
                     certainty_label(rec["certainty"], lang)])
    n = len(rows)
    _table(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(min(5.6, 0.36 * n)), rows,
           [2.6, 1.2, 1.7, 6.0, 0.9], size=8, left=(0, 3))


def _sources_slide(prs, tables: PackTables, lang: str, page: int) -> None:
    zh = lang == "zh"
    slide = _frame(prs, tables, "数据来源与可复现信息" if zh else "Sources and reproducibility", lang, page)
    box = slide.shapes.add_textbox(MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(5.5))
    tf = box.text_frame
    tf.word_wrap = True
    lines = ([f"基年数据：{tables.region_name(lang)}{tables.base_year}年社会保险基金预算绩效自评报告（万元表，不含上下级往来），经逐项核对后采用（核对结果见工作簿“核对结果”表）。",
              "人口：联合国《世界人口展望2022》中国死亡率及出生数；2025年渐进式延迟退休改革按全国人大常委会决定测算。",
              "政策参数：见“主要假设及来源”，每项注明来源及可靠程度（已核实/二手来源/待核实/模型假设）。",
              f"风险：蒙特卡洛每个情景{tables.paths:,}条路径，随机种子{tables.seed}；预警线及来源见图1。",
              "所有图表数据见同名工作簿相应工作表（图1–图4）。"] if zh else
             [f"Base year: the {tables.region_name(lang)} {tables.base_year} budget performance self-evaluation (万元 table, "
              "transfers between levels excluded), reconciled item by item (see the workbook's reconciliation sheet).",
              "Population: UN World Population Prospects 2022 (China); the 2025 retirement-age reform as enacted.",
              "Policy parameters: see the assumptions slide, each with its source and certainty.",
              f"Risk: {tables.paths:,} Monte Carlo paths per scenario, seed {tables.seed}; thresholds and sources on figure 1.",
              "Every chart's data is in the workbook's sheet of the same figure number."])
    _paragraph(tf, "数据与方法" if zh else "Data and method", 16, bold=True, first=True)
    for line in lines:
        _paragraph(tf, line, 11, space_after=2)
    _paragraph(tf, "预警线及来源" if zh else "Warning thresholds and their sources", 16, bold=True)
    for t in tables.thresholds:
        scope = ("各险种" if zh else "all funds") if t.fund == "all" else fund_name(t.fund, lang, short=True)
        _paragraph(tf, f"{scope}：{t.label(lang)}（{t.source(lang)}）" if zh else f"{scope}: {t.label(lang)} ({t.source(lang)})",
                   9, colour=GREY, space_after=0)
    _paragraph(tf, "可复现信息" if zh else "Reproducibility", 16, bold=True)
    for line in tables.stamp.lines(lang):
        _paragraph(tf, line, 11, space_after=0)


def build_deck(tables: PackTables, lang: str = "zh") -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, tables, lang)
    for page, make in enumerate((_key_points, _months_slide, _balance_slide, _required_slide, _risk_slide,
                                 _assumptions_slide, _sources_slide), start=2):
        make(prs, tables, lang, page)
    pptx_cjk(prs, DECK_FONT)
    set_document_properties(prs.core_properties, tables, lang)
    return prs


def write_deck(tables: PackTables, path: str | Path, lang: str = "zh") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_deck(tables, lang).save(path)
    return path
