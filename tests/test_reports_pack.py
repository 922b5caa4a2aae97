"""The leadership pack: every number read back from the deck (python-pptx), the brief
(python-docx) and the workbook (openpyxl) equals the engine's figure computed here; the XML
carries the East Asian fonts; text that looks like a formula stays text; the documents render.

Figures are never hard-coded: fund mechanics change, so each expected value is computed in the
test from ``engine.run`` (or an independent Monte Carlo run with the same seed)."""
from __future__ import annotations

import re
import zipfile

import numpy as np
import pandas as pd
import openpyxl
import pytest
from docx import Document
from lxml import etree
from pptx import Presentation

from model.analysis.montecarlo import run_montecarlo
from model.engine import get_engine
from model.reports import text as words
from model.reports.common import scenario_from_arg
from model.reports.report import build_pack, write_document
from model.scenarios import scenario_from_levers
from tests import office_render

FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")
SHORT = {"enterprise_pension": "企业养老", "public_pension": "机关事业养老", "resident_pension": "城乡居民养老",
         "work_injury": "工伤", "unemployment": "失业", "total": "合计"}
PATHS, SEED, END = 200, 7, 2060
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def engine():
    return get_engine()


@pytest.fixture(scope="module")
def scenarios():
    return [scenario_from_arg("baseline"), scenario_from_arg("employer_rate_14")]


@pytest.fixture(scope="module")
def expected(engine, scenarios):
    """The engine's own run of the two scenarios: series[fund][indicator] (batch, years)."""
    return engine.run([s.overrides for s in scenarios], end=END)


@pytest.fixture(scope="module")
def files(engine, scenarios, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    tables = build_pack(scenarios, end=END, paths=PATHS, seed=SEED, engine=engine)
    return {
        "tables": tables,
        "pptx": write_document(tables, folder / "pack-deck.pptx"),
        "docx": write_document(tables, folder / "pack-brief.docx"),
        "xlsx": write_document(tables, folder / "pack-book.xlsx"),
        "pptx_en": write_document(tables, folder / "pack-deck-en.pptx", lang="en"),
    }


def _depletion_year(years, balance):
    hit = np.nonzero(balance[1:] < 0)[0]
    return int(years[1:][hit[0]]) if hit.size else None


# ------------------------------------------------------------------ workbook


def test_workbook_sheets(files):
    wb = openpyxl.load_workbook(files["xlsx"])
    assert wb.sheetnames == ["说明", "企业养老", "机关事业养老", "城乡居民养老", "工伤", "失业", "合计", "情景对比",
                             "图1 可支付月数与预警线", "图2 累计结余路径", "图3 需追加的财政补贴", "图4 风险：累计结余扇形图与耗尽概率",
                             "假设与来源", "核对结果"]
    for name in wb.sheetnames[1:]:
        assert wb[name].freeze_panes, name           # frozen headers on every table
    assert wb["图2 累计结余路径"]._charts and wb["图3 需追加的财政补贴"]._charts and wb["图4 风险：累计结余扇形图与耗尽概率"]._charts


def test_workbook_fund_sheets_equal_the_engine(files, expected, scenarios):
    wb = openpyxl.load_workbook(files["xlsx"])
    years = list(expected.years)
    for fund in FUNDS + ("total",):
        ws = wb[SHORT[fund]]
        header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "情景")
        labels = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
        col = {"accumulated_balance": labels.index("累计结余（万元）") + 1,
               "income_total": labels.index("基金收入合计（万元）") + 1,
               "payable_months": labels.index("可支付月数（月）") + 1}
        checked = 0
        for r in range(header + 1, ws.max_row + 1):
            sid, year = ws.cell(r, 1).value, ws.cell(r, 2).value
            b = [s.id for s in scenarios].index(sid)
            t = years.index(int(year))
            for item, c in col.items():
                assert ws.cell(r, c).value == pytest.approx(expected.series[fund][item][b, t], rel=1e-12, abs=1e-9)
                checked += 1
        assert checked == 3 * len(scenarios) * len(years)


def test_workbook_chart_tables_equal_the_engine(files, expected, scenarios):
    wb = openpyxl.load_workbook(files["xlsx"])
    ws = wb["图2 累计结余路径"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "年份")
    labels = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    years = list(expected.years)
    for r in range(header + 1, header + 1 + len(years)):
        t = years.index(int(ws.cell(r, 1).value))
        for b, s in enumerate(scenarios):
            c = labels.index(f"企业养老·{s.id}") + 1
            assert ws.cell(r, c).value == pytest.approx(expected.series["enterprise_pension"]["accumulated_balance"][b, t] / 1e4)
    ws = wb["图3 需追加的财政补贴"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "险种")
    for r in range(header + 1, header + 7):
        fund = {v: k for k, v in SHORT.items()}[ws.cell(r, 1).value]
        for b in range(len(scenarios)):
            assert ws.cell(r, 2 + b).value == pytest.approx(expected.series[fund]["required_subsidy"][b, 1:].sum() / 1e4)
    _assert_depletion_column(wb["图1 可支付月数与预警线"], "耗尽年份", expected, scenarios)
    _assert_depletion_column(wb["情景对比"], "累计结余耗尽年份", expected, scenarios)


def _assert_depletion_column(ws, label: str, expected, scenarios) -> None:
    """Column ``label`` of a sheet with rows (fund, scenario): the year the engine's balance
    first goes negative, "—" if it never does."""
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "险种")
    labels = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    dep_col = labels.index(label) + 1
    for r in range(header + 1, header + 1 + 6 * len(scenarios)):
        fund = {v: k for k, v in SHORT.items()}[ws.cell(r, 1).value]
        b = [s.id for s in scenarios].index(ws.cell(r, 2).value)
        dep = _depletion_year(expected.years, expected.series[fund]["accumulated_balance"][b])
        assert ws.cell(r, dep_col).value == (dep if dep is not None else "—")


def test_monte_carlo_figures_equal_an_independent_run(files, engine, scenarios):
    """The risk sheet's probabilities equal a separate Monte Carlo run with the same paths and seed."""
    mc = run_montecarlo(PATHS, SEED, END, base=scenarios[1], engine=engine, indicators=("accumulated_balance",))
    d = mc.depletion
    ws = openpyxl.load_workbook(files["xlsx"])["图4 风险：累计结余扇形图与耗尽概率"]
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 10).value == scenarios[1].id]
    for r in rows:
        fund = {v: k for k, v in SHORT.items()}[ws.cell(r, 9).value]
        p_2040 = float(d[(d["fund"] == fund) & (d["year"] == 2040)]["p_depleted"].iloc[0])
        assert ws.cell(r, 17).value == pytest.approx(p_2040)


def test_formula_like_scenario_names_stay_text(engine, tmp_path):
    evil = scenario_from_levers("evil", {"enterprise_pension.employer_rate": {2022: 0.15}},
                                name_zh="=HYPERLINK(\"http://x\",\"点我\")", name_en="@SUM(A1:A9)")
    tables = build_pack([scenario_from_arg("baseline"), evil], end=2030, paths=100, seed=1, engine=engine)
    path = write_document(tables, tmp_path / "evil.xlsx")
    ws = openpyxl.load_workbook(path)["图3 需追加的财政补贴"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\",\"点我\")"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


# ------------------------------------------------------------------ deck


def _slide_texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [c.text for row in shape.table.rows for c in row.cells]
    return out


def test_deck_slides_and_numbers(files, expected, scenarios):
    prs = Presentation(files["pptx"])
    slides = list(prs.slides)
    assert 6 <= len(slides) <= 8
    titles = [_slide_texts(s)[0] for s in slides[1:]]
    assert titles[0] == "要点" and titles[1].startswith("可支付月数") and titles[2].startswith("累计结余路径")
    assert titles[3].startswith("需追加的财政补贴") and titles[4].startswith("风险") and titles[5] == "主要假设及来源"
    # 要点: the enterprise fund's deterministic depletion year under each scenario
    points = "\n".join(_slide_texts(slides[1]))
    for b, _ in enumerate(scenarios):
        dep = _depletion_year(expected.years, expected.series["enterprise_pension"]["accumulated_balance"][b])
        assert (f"{dep}年" in points) if dep else ("不耗尽" in points)
    assert "蒙特卡洛200条路径" in points
    # 图2: each small chart's series are the engine's balances in 亿元 (2 decimals)
    charts = [s.chart for s in slides[3].shapes if s.has_chart]
    assert len(charts) == 6
    for chart, fund in zip(charts, FUNDS + ("total",)):
        for b, series in enumerate(chart.plots[0].series):
            values = list(series.values)
            assert values == pytest.approx(np.round(expected.series[fund]["accumulated_balance"][b] / 1e4, 2), abs=1e-9)
    # 图3: columns are the cumulative required subsidy to the horizon, 亿元
    bar = next(s.chart for s in slides[4].shapes if s.has_chart)
    for b, series in enumerate(bar.plots[0].series):
        want = [round(expected.series[f]["required_subsidy"][b, 1:].sum() / 1e4, 2) for f in FUNDS]
        assert list(series.values) == pytest.approx(want, abs=1e-9)
    # 图1: the payable months printed for 2030
    table = next(s.table for s in slides[2].shapes if s.has_table)
    head = [c.text for c in table.rows[0].cells]
    col = head.index("2030")
    t = list(expected.years).index(2030)
    for row in list(table.rows)[1:]:
        fund = {v: k for k, v in SHORT.items()}[row.cells[0].text]
        b = int(row.cells[1].text.removeprefix("情景")) - 1
        months = expected.series[fund]["payable_months"][b, t]
        assert row.cells[col].text == ("已耗尽" if months < 0 else f"{months:.1f}")
        # the minimum column of a fund that runs out names the year it runs out, not the horizon
        dep = _depletion_year(expected.years, expected.series[fund]["accumulated_balance"][b])
        minimum = row.cells[head.index("最低（年份）")].text
        if dep is not None:
            assert minimum == f"已耗尽（{dep}年起）"
        else:
            low = expected.series[fund]["payable_months"][b, 1:].min()
            assert minimum.startswith(f"{low:.1f}（")


def test_every_deck_run_has_east_asian_font_and_language(files):
    for key in ("pptx", "pptx_en"):
        with zipfile.ZipFile(files[key]) as z:
            parts = [n for n in z.namelist() if re.match(r"ppt/(slides/slide|charts/chart)\d+\.xml$", n)]
            assert parts
            for name in parts:
                root = etree.fromstring(z.read(name))
                props = list(root.iter(A + "rPr")) + list(root.iter(A + "defRPr")) + list(root.iter(A + "endParaRPr"))
                runs = list(root.iter(A + "r"))
                assert all(r.find(A + "rPr") is not None for r in runs), name
                for rpr in props:
                    ea = rpr.find(A + "ea")
                    assert ea is not None and ea.get("typeface") == "微软雅黑", name
                    assert rpr.get("lang") == "zh-CN", name
            theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
            assert {e.get("typeface") for e in theme.iter(A + "ea")} >= {"微软雅黑"}


# ------------------------------------------------------------------ brief


def test_brief_sections_tables_and_numbers(files, expected):
    doc = Document(files["docx"])
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、基本情况", "二、测算方法与主要假设", "三、测算结果", "四、风险提示", "五、政策建议"]
    assert len(doc.inline_shapes) == 2                      # 图2 and 图4
    base = doc.tables[0]
    for row in list(base.rows)[1:]:
        fund = {v: k for k, v in SHORT.items()}[row.cells[0].text]
        assert row.cells[1].text == f"{expected.series[fund]['income_total'][0, 0] / 1e4:,.2f}"
        assert row.cells[4].text == f"{expected.series[fund]['accumulated_balance'][0, 0] / 1e4:,.2f}"
    results = doc.tables[2]
    for row in list(results.rows)[1:]:
        fund = {v: k for k, v in SHORT.items()}[row.cells[0].text]
        b = int(row.cells[1].text) - 1
        dep = _depletion_year(expected.years, expected.series[fund]["accumulated_balance"][b])
        assert row.cells[3].text == (str(dep) if dep else "—")
    options = "\n".join(p.text for p in doc.paragraphs)
    assert "方案一：" in options and "必须" not in options and "应当" not in options


def test_every_docx_style_has_east_asian_font(files):
    with zipfile.ZipFile(files["docx"]) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    for style in styles.iter(W + "style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        if style.get(W + "type") in ("paragraph", "character", "table"):
            assert fonts is not None and fonts.get(W + "eastAsia"), style.get(W + "styleId")
            assert fonts.get(W + "eastAsiaTheme") is None, style.get(W + "styleId")
            lang = style.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(W + "eastAsia") == "zh-CN", style.get(W + "styleId")
    heading = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Heading1")
    assert heading.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") == "黑体"


# ------------------------------------------------------------------ rendering


@pytest.fixture(scope="module")
def rendered(files):
    missing = office_render.tools_missing()
    if missing:
        pytest.fail(f"render tools missing: {missing} (bash run.sh test installs them)")
    out = office_render.ARTIFACTS / "reports"
    docs = [files["pptx"], files["docx"], files["xlsx"], files["pptx_en"]]
    pdfs = office_render.to_pdf(docs, out)
    pngs = {}
    for doc, pdf in pdfs.items():
        pngs[doc.suffix + ("_en" if doc.stem.endswith("-en") else "")] = (pdf, office_render.to_png(pdf, out, dpi=60))
    return pngs


def test_documents_render_with_text_on_every_page(rendered):
    deck_pdf, deck_pages = rendered[".pptx"]
    assert 6 <= len(deck_pages) <= 8
    brief_pdf, brief_pages = rendered[".docx"]
    assert 2 <= len(brief_pages) <= 4
    book_pdf, book_pages = rendered[".xlsx"]
    assert book_pages
    for pdf, pages in rendered.values():
        for png in pages[:10]:
            assert office_render.ink_rows(png) > 20, png
    assert "要点" in office_render.pdf_text(deck_pdf)
    assert "五、政策建议" in office_render.pdf_text(brief_pdf)
    assert "情景对比" in office_render.pdf_text(book_pdf)
    for pdf, _ in rendered.values():
        assert "CJK" in office_render.pdf_fonts(pdf), pdf


@pytest.mark.parametrize("low, high, want", [
    (2029, 2048, "2029–2048"),
    (2027, 2027, "2027"),                       # every path between P10 and P90 runs out the same year
    (2040, None, "2040–2060+"),                 # the 90th percentile path still has money in 2060
    (None, None, "—"),                          # fewer than 10% of paths run out
    (pd.NA, pd.NA, "—"),
])
def test_depletion_range_cell(low, high, want):
    assert words.year_range(low, high, 2060) == want
