"""The brief (docx, A4, 2–3 pages): a 测算报告 in the register of the source report, every figure
from a :class:`~model.reports.pack.PackTables`.

Sections: 一、基本情况 (the adopted base year); 二、测算方法与主要假设; 三、测算结果 (one paragraph
per fund, the summary table, 图2); 四、风险提示 (payable months against the warning thresholds,
the Monte Carlo probabilities, 图4); 五、政策建议 (options, each with its numbers, never
commands). Fonts: 仿宋 body, 黑体 headings, 宋体 tables, set on every style with
``w:eastAsia`` and ``w:lang`` (:func:`model.reports.office.docx_cjk`). Charts are PNG images
rendered by vl-convert from Vega-Lite specifications built from the same tables the workbook
shows (图2, 图4).
"""
from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from model.analysis.uncertainty import percent_text
from model.reports import text as words
from model.reports.common import fund_name, set_document_properties
from model.reports.office import HEADING_FONT, LINUX_FALLBACK, TABLE_FONT, docx_cjk, docx_run_font
from model.reports.pack import (ALL, FAN_FUND, PackTables, balance_table, certainty_label, chart_title, fan_table,
                                lever_text)
from model.reports.thresholds import status

FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")
CHART_FONT = f"{LINUX_FALLBACK}, Microsoft YaHei, SimHei, sans-serif"
COLOURS = ["#1F4E79", "#C0504D", "#70AD47", "#ED7D31", "#7F60A8", "#4BACC6"]
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/local/share/fonts")


@lru_cache(maxsize=1)
def _vl_convert():
    """vl-convert with the CJK font folders registered once (Debian's fonts-noto-cjk)."""
    import vl_convert as vlc
    for folder in FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
    return vlc


def _png(spec: dict) -> bytes:
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "config": {"font": CHART_FONT, "axis": {"labelFontSize": 11, "titleFontSize": 11, "grid": True,
                                                   "gridColor": "#E0E0E0"},
                       "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom", "labelLimit": 400},
                       "title": {"fontSize": 13, "anchor": "start"}, "view": {"stroke": None}},
            "width": 560, "height": 150, **spec}
    return _vl_convert().vegalite_to_png(spec, scale=2)


def balance_chart(tables: PackTables, lang: str) -> bytes:
    """图2 (the five funds together): accumulated balance by scenario, 亿元."""
    table = balance_table(tables)
    rows = [{"year": int(y), "scenario": tables.scenario_name(sid, lang), "value": float(table.loc[y, ("total", sid)])}
            for y in table.index for sid in tables.ids]
    names = [tables.scenario_name(s, lang) for s in tables.ids]
    return _png({
        "title": f"{fund_name('total', lang)}{'累计结余（亿元）' if lang == 'zh' else ': accumulated balance (亿元)'}",
        "data": {"values": rows}, "mark": {"type": "line", "strokeWidth": 2.5},
        "encoding": {"x": {"field": "year", "type": "quantitative", "title": None,
                           "axis": {"format": "d", "tickMinStep": 5}, "scale": {"zero": False}},
                     "y": {"field": "value", "type": "quantitative", "title": "亿元"},
                     "color": {"field": "scenario", "type": "nominal", "title": None,
                               "scale": {"domain": names, "range": COLOURS[:len(names)]}}}})


def fan_chart(tables: PackTables, lang: str) -> bytes:
    """图4: the fan of the accumulated balance (P5–P95, P25–P75 bands, median, deterministic)."""
    fan = fan_table(tables)
    rows = [{"year": int(y), **{k: float(v) for k, v in r.items()}} for y, r in fan.iterrows()]
    det = "确定性测算" if lang == "zh" else "Deterministic"
    med = "中位数" if lang == "zh" else "Median"
    x = {"field": "year", "type": "quantitative", "title": None, "axis": {"format": "d"}, "scale": {"zero": False}}
    sid = tables.ids[0]
    return _png({
        "title": (f"{fund_name(FAN_FUND, lang)}累计结余分布（亿元，{tables.scenario_name(sid, lang)}）" if lang == "zh" else
                  f"{fund_name(FAN_FUND, lang)}: balance distribution (亿元, {tables.scenario_name(sid, lang)})"),
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "area", "opacity": 0.25, "color": "#2E75B6"},
             "encoding": {"x": x, "y": {"field": "p5", "type": "quantitative", "title": "亿元"}, "y2": {"field": "p95"}}},
            {"mark": {"type": "area", "opacity": 0.35, "color": "#2E75B6"},
             "encoding": {"x": x, "y": {"field": "p25", "type": "quantitative"}, "y2": {"field": "p75"}}},
            {"transform": [{"fold": ["p50", "deterministic"], "as": ["line", "value"]},
                           {"calculate": f"datum.line == 'p50' ? '{med}' : '{det}'", "as": "line"}],
             "mark": {"type": "line", "strokeWidth": 2},
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"},
                          "color": {"field": "line", "type": "nominal", "title": None,
                                    "scale": {"domain": [med, det], "range": ["#1F3A5F", "#C0504D"]}}}},
        ]})


# ------------------------------------------------------------------ document helpers


def _set_cell_background(cell, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour)
    tc_pr.append(shd)


def _table(doc, rows: list[list[str]], widths_cm: list[float], size: float = 9, numeric_from: int = 1):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for j, width in enumerate(widths_cm):     # LibreOffice reads the grid, Word the cells: set both
        table.columns[j].width = Cm(width)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.width = Cm(widths_cm[j])
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.space_before = Pt(0)
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.line_spacing = 1.0
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if (i == 0 or j >= numeric_from) else WD_ALIGN_PARAGRAPH.LEFT
            run = p.add_run(value)
            run.font.size = Pt(size)
            if i == 0:
                run.font.bold = True
                docx_run_font(run, HEADING_FONT)
                _set_cell_background(cell, "E7E6E6")
    return table


def _caption(doc, text: str) -> None:
    p = doc.add_paragraph(style="Caption")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    run = p.add_run(text)
    run.font.size = Pt(10.5)
    run.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
    run.font.italic = False


def _para(doc, text: str, bold_lead: str | None = None) -> None:
    p = doc.add_paragraph()
    if bold_lead:
        run = p.add_run(bold_lead)
        run.font.bold = True
    p.add_run(text)


def _heading(doc, text: str, level: int = 1) -> None:
    h = doc.add_heading(text, level=level)
    h.paragraph_format.first_line_indent = Pt(0)
    for run in h.runs:
        run.font.color.rgb = RGBColor(0, 0, 0)


def _yi(wan: float) -> str:
    return f"{wan / 1e4:,.2f}"


def _min_months(months: float, lang: str) -> str:
    """Minimum payable months as printed; below zero the balance is gone (已耗尽)."""
    return ("已耗尽" if lang == "zh" else "depleted") if months < 0 else f"{months:.1f}"


def _year(v) -> str:
    return "—" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(int(v))


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.3)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.first_line_indent = Pt(22)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.space_after = Pt(3)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12)):
        styles[name].font.size = Pt(size)
        styles[name].font.bold = True
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
        styles[name].paragraph_format.space_before = Pt(8)
        styles[name].paragraph_format.space_after = Pt(4)
    styles["Caption"].font.size = Pt(10.5)
    docx_cjk(doc)


def _footer(doc, tables: PackTables, lang: str) -> None:
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    run = p.add_run(tables.stamp.text(lang))
    run.font.size = Pt(7.5)
    run.font.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)
    docx_run_font(run, TABLE_FONT)


# ------------------------------------------------------------------ sections


def _basics(doc, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    _heading(doc, "一、基本情况" if zh else "1. Where the funds stand")
    base = tables.base_year
    sid = tables.ids[0]

    def v(fund, item):
        return float(tables.series(sid, fund, item).loc[base])
    inc, exp, end = v("total", "income_total"), v("total", "expenditure_total"), v("total", "accumulated_balance")
    text = (f"{base}年{tables.region_name(lang)}五项社会保险基金（不含医疗保险，不含上下级往来）收入合计{_yi(inc)}亿元，"
            f"支出合计{_yi(exp)}亿元，当期结余{_yi(inc - exp)}亿元，年末累计结余{_yi(end)}亿元。"
            "其中企业职工基本养老保险基金收入" f"{_yi(v('enterprise_pension', 'income_total'))}亿元、支出"
            f"{_yi(v('enterprise_pension', 'expenditure_total'))}亿元，"
            f"{'当期收不抵支' if v('enterprise_pension', 'current_balance') < 0 else '当期收支有结余'}；"
            f"机关事业单位养老保险基金财政补贴{_yi(v('public_pension', 'fiscal_subsidy'))}亿元。"
            "以上为对报告各项数字逐一核对后的采用数（核对结果见工作簿）。" if zh else
            f"In {base} the five funds (medical insurance and transfers between levels excluded) took in {_yi(inc)}亿元 and "
            f"spent {_yi(exp)}亿元; the current balance was {_yi(inc - exp)}亿元 and the accumulated balance {_yi(end)}亿元 "
            f"at year end. The enterprise fund took in {_yi(v('enterprise_pension', 'income_total'))}亿元 and spent "
            f"{_yi(v('enterprise_pension', 'expenditure_total'))}亿元. Figures are the reconciled report figures "
            "(see the workbook).")
    _para(doc, text)
    head = ["险种" if zh else "Fund", "收入" if zh else "Income", "支出" if zh else "Expenditure",
            "当期结余" if zh else "Current", "累计结余" if zh else "Accumulated", "可支付月数" if zh else "Months"]
    rows = [head]
    for fund in ALL:
        rows.append([fund_name(fund, lang, short=True), _yi(v(fund, "income_total")), _yi(v(fund, "expenditure_total")),
                     _yi(v(fund, "current_balance")), _yi(v(fund, "accumulated_balance")),
                     f"{v(fund, 'payable_months'):.1f}"])
    _caption(doc, f"表1 {base}年基金收支（亿元）" if zh else f"Table 1: the funds in {base} (亿元)")
    _table(doc, rows, [4.0, 2.4, 2.4, 2.4, 2.4, 2.2])


def _method(doc, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    _heading(doc, "二、测算方法与主要假设" if zh else "2. Method and main assumptions")
    _para(doc, (f"采用分年龄、性别的队列精算模型，以{tables.base_year}年核对后的数据为基年并校准，逐年测算至{tables.horizon}年；"
                f"不确定性采用蒙特卡洛模拟（每个情景{tables.paths:,}条路径，工资增长、利率、失业发生率和长寿风险随机，"
                f"随机种子{tables.seed}）。主要假设如下表，完整假设及来源见工作簿“假设与来源”表。" if zh else
                f"A cohort model by age and sex, calibrated to the reconciled {tables.base_year} figures, projected year by year "
                f"to {tables.horizon}; uncertainty by Monte Carlo ({tables.paths:,} paths per scenario: wages, interest, "
                f"unemployment incidence and longevity random; seed {tables.seed}). Main assumptions below; all of them "
                "with sources in the workbook."))
    a = tables.assumptions
    sid0 = tables.ids[0]
    rows = [["假设" if zh else "Assumption", str(tables.base_year + 1), str(tables.horizon), "可靠程度" if zh else "Certainty"]]
    for rec in a.to_dict("records")[:8]:
        rows.append([rec["label_zh"] if zh else rec["label_en"], lever_text(rec, rec[f"{sid0}|first"], lang),
                     lever_text(rec, rec[f"{sid0}|horizon"], lang), certainty_label(rec["certainty"], lang)])
    _caption(doc, "表2 主要假设（基准情景）" if zh else "Table 2: main assumptions (first scenario)")
    _table(doc, rows, [8.4, 2.6, 2.6, 2.2])


def _results(doc, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    _heading(doc, "三、测算结果" if zh else "3. Results")
    for fund in FUNDS + ("total",):
        _para(doc, words.key_point(tables, fund, lang))
    head = ["险种" if zh else "Fund", "情景" if zh else "Scen.", "首次赤字" if zh else "1st deficit",
            "耗尽年份" if zh else "Depletion", "10–90%区间" if zh else "10–90%", "最低月数" if zh else "Min months",
            "需追加补贴(亿元)" if zh else "Extra subsidy (亿元)"]
    rows = [head]
    for fund in ALL:
        for k, sid in enumerate(tables.ids, start=1):
            r = tables.row(sid, fund)
            span = words.year_range(r["depletion_p10"], r["depletion_p90"], tables.horizon)
            rows.append([fund_name(fund, lang, short=True), str(k), _year(r["first_deficit_year"]),
                         _year(r["depletion_year"]), span, _min_months(float(r["min_payable_months"]), lang),
                         _yi(float(r["cumulative_required_subsidy"]))])
    key = "；".join(f"{k}：{tables.scenario_name(s, lang)}" for k, s in enumerate(tables.ids, start=1)) if zh else \
        "; ".join(f"{k}: {tables.scenario_name(s, lang)}" for k, s in enumerate(tables.ids, start=1))
    _caption(doc, (f"表3 测算结果汇总（{tables.base_year + 1}–{tables.horizon}年；情景{key}）" if zh else
                   f"Table 3: results {tables.base_year + 1}–{tables.horizon} (scenarios {key})"))
    _table(doc, rows, [3.0, 1.2, 2.0, 2.0, 2.6, 2.0, 3.0], size=8.5)
    doc.add_picture(io.BytesIO(balance_chart(tables, lang)), width=Cm(14.5))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.first_line_indent = Pt(0)
    _caption(doc, f"图2 {chart_title('图2', lang)}（数据见工作簿“图2”表）" if zh else
             f"Figure 2: {chart_title('图2', lang)} (data: workbook sheet Fig2)")


def risk_sentences(tables: PackTables, lang: str) -> list[str]:
    """风险提示: the funds whose payable months fall under a warning threshold (first scenario),
    grouped by threshold with its source once; then the Monte Carlo probabilities."""
    zh = lang == "zh"
    sid = tables.ids[0]
    crossed: dict = {}
    for fund in FUNDS:
        months = tables.series(sid, fund, "payable_months").loc[tables.base_year + 1:]
        for year, m in months.items():
            t = status(fund, m, tables.thresholds)
            if t is not None and t.side == "below":
                crossed.setdefault(t, []).append((fund, year, m))
                break
    out = []
    for t, hits in sorted(crossed.items(), key=lambda item: item[0].months):
        def where(fund, year, m):
            if zh:
                return f"{fund_name(fund, lang)}（{year}年{'累计结余转负' if m < 0 else f'{m:.1f}个月'}）"
            return f"{fund_name(fund, lang)} ({'negative balance' if m < 0 else f'{m:.1f} months'} in {year})"
        funds = ("、" if zh else ", ").join(where(*h) for h in hits)
        out.append(f"{funds}可支付月数首次{t.label(lang)}。依据：{t.source(lang)}。" if zh else
                   f"{funds}: payable months first reach “{t.label(lang)}”. Basis: {t.source(lang)}.")
    row = tables.row(sid, "total")
    if not pd.isna(row.get("p_depleted_2040", float("nan"))):
        out.append((f"按蒙特卡洛模拟，五项基金合计累计结余至2030、2035、2040年耗尽的概率分别为"
                    f"{percent_text(row['p_depleted_2030'])}、{percent_text(row['p_depleted_2035'])}、"
                    f"{percent_text(row['p_depleted_2040'])}，至{tables.horizon}年为{percent_text(row['p_depleted_horizon'])}。"
                    if zh else
                    f"By Monte Carlo, the probability that the five funds together have run out by 2030, 2035 and 2040 is "
                    f"{percent_text(row['p_depleted_2030'])}, {percent_text(row['p_depleted_2035'])} and "
                    f"{percent_text(row['p_depleted_2040'])}; by {tables.horizon} {percent_text(row['p_depleted_horizon'])}."))
    return out


def _risks(doc, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    _heading(doc, "四、风险提示" if zh else "4. Risks")
    for sentence in risk_sentences(tables, lang):
        _para(doc, sentence)
    doc.add_picture(io.BytesIO(fan_chart(tables, lang)), width=Cm(14.5))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.first_line_indent = Pt(0)
    _caption(doc, f"图4 {chart_title('图4', lang)}（数据见工作簿“图4”表）" if zh else
             f"Figure 4: {chart_title('图4', lang)} (data: workbook sheet Fig4)")


def _options(doc, tables: PackTables, lang: str) -> None:
    zh = lang == "zh"
    _heading(doc, "五、政策建议" if zh else "5. Options")
    _para(doc, "以下方案及其测算结果供决策参考，可单独或组合采用：" if zh else
          "The options below, with their numbers, are for decision; they may be combined:")
    for k, sid in enumerate(tables.ids[1:], start=1):
        _para(doc, words.option_text(tables, k, sid, lang))
    _para(doc, words.subsidy_option(tables, lang))


def build_brief(tables: PackTables, lang: str = "zh"):
    zh = lang == "zh"
    doc = Document()
    _setup(doc)
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.add_run(f"{tables.region_name(lang)}社会保险基金精算测算报告" if zh else
                  f"{tables.region_name(lang)}: social insurance fund projection report")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.paragraph_format.first_line_indent = Pt(0)
    run = sub.add_run((f"（{tables.stamp.created}；测算期{tables.base_year + 1}–{tables.horizon}年；情景："
                       + "、".join(s.name(lang) for s in tables.scenarios) + "）") if zh else
                      (f"({tables.stamp.created}; {tables.base_year + 1}–{tables.horizon}; scenarios: "
                       + "; ".join(s.name(lang) for s in tables.scenarios) + ")"))
    run.font.size = Pt(10.5)
    _basics(doc, tables, lang)
    _method(doc, tables, lang)
    _results(doc, tables, lang)
    _risks(doc, tables, lang)
    _options(doc, tables, lang)
    _footer(doc, tables, lang)
    set_document_properties(doc.core_properties, tables, lang)
    return doc


def write_brief(tables: PackTables, path: str | Path, lang: str = "zh") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_brief(tables, lang).save(path)
    return path
