"""The Export page: CSV bytes are the engine's long table in utf-8-sig; charts export with CJK."""
import io
import struct
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from model.engine.output import project
from model.scenarios.library import load_library
from ui.pages.export import chart_files, csv_bytes

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_csv_is_the_engines_long_table_with_bom():
    lib = load_library()
    frame = project([lib["baseline"], lib["employer_rate_14"]], end=2060)
    data = csv_bytes(frame)
    assert data[:3] == b"\xef\xbb\xbf"
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["scenario", "fund", "year", "indicator", "value", "unit"]
    assert len(back) == len(frame)
    assert set(back["unit"]) >= {"万元"}
    pd.testing.assert_series_equal(back["value"], frame["value"].astype(float), check_names=False,
                                   rtol=1e-12)


def test_page_renders_with_downloads():
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["page"] = "export"
    at.run()
    assert not at.exception and not at.error
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载规划用表 CSV", "下载规划用表 xlsx", "下载长表 CSV", "下载 PNG", "下载 SVG"]


def test_exported_svg_has_chinese_title_and_cjk_font():
    png, svg = chart_files(("lib:baseline",), 2060, "payable_months", "enterprise_pension", "zh",
                           (("baseline", "基准"),), 6.0, 12.0)
    assert png[:4] == b"\x89PNG"
    # a 16:9 slide at 1920 × 1080 (the PNG header's width and height)
    assert struct.unpack(">II", png[16:24]) == (1920, 1080)
    assert "企业职工基本养老保险：累计结余可支付月数" in svg
    assert "Noto Sans CJK SC" in svg


def test_planner_table_years_as_columns_in_yi_with_units_and_periods():
    """The planner's CSV and xlsx: Chinese labels, units in the indicator cell, one column per
    year, money in 亿元 (the long table's 万元 ÷ 10 000), running sums from 2021."""
    import openpyxl

    from ui.exports import planner_csv, planner_table, planner_xlsx

    lib = load_library()
    long = project([lib["baseline"], lib["employer_rate_14"]], end=2060)
    labels = {"baseline": "基准", "employer_rate_14": "=降费"}
    table = planner_table(long, labels, "zh")
    back = pd.read_csv(io.BytesIO(planner_csv(table)), encoding="utf-8-sig")
    assert list(back.columns[:3]) == ["情景", "险种", "指标（单位）"]
    assert [int(c) for c in back.columns[3:]] == list(range(2020, 2061))
    row = back[(back["情景"] == "基准") & (back["险种"] == "企业职工基本养老保险")
               & (back["指标（单位）"] == "累计结余（亿元）")].iloc[0]
    want = long[(long["scenario"] == "baseline") & (long["fund"] == "enterprise_pension")
                & (long["indicator"] == "accumulated_balance") & (long["year"] == 2030)]["value"].iloc[0]
    assert row["2030"] == round(want / 1e4, 2)
    cum = back[(back["情景"] == "基准") & (back["险种"] == "五项基金合计")
               & (back["指标（单位）"] == "累计财政补贴（亿元，2021年起累计）")].iloc[0]
    sub = long[(long["scenario"] == "baseline") & (long["fund"] == "total")
               & (long["indicator"] == "fiscal_subsidy") & long["year"].between(2021, 2060)]["value"]
    assert pd.isna(cum["2020"]) and cum["2060"] == round(sub.sum() / 1e4, 2)
    assert (back["情景"] == "'=降费").any()  # a name is never a formula
    sheet = openpyxl.load_workbook(io.BytesIO(planner_xlsx(table, "测算结果")))["测算结果"]
    assert sheet["A1"].value == "情景" and sheet["D1"].value == "2020"
    names = {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)}
    assert "=降费" in names and sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=5).number_format == "#,##0.00"
