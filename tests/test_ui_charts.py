"""ui.charts: translated titles, money in 亿元, risk bands, and CJK glyphs in exported PNG/SVG."""
import io

import altair as alt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from ui import charts


def _long_table() -> pd.DataFrame:
    # Two scenarios of one fund, values chosen so each conversion is checkable by hand.
    rows = []
    for scenario, balance in (("base", 55100.0), ("cut", 24300.0)):
        for year in (2021, 2022):
            rows += [
                (scenario, "enterprise_pension", year, "accumulated_balance", balance, "万元"),
                (scenario, "enterprise_pension", year, "payable_months", 3.0 if scenario == "cut" else 20.0, "months"),
                (scenario, "enterprise_pension", year, "current_balance", -18720.0, "万元"),
                (scenario, "enterprise_pension", year, "dependency_ratio", 0.5, "ratio"),
                (scenario, "work_injury", year, "accumulated_balance", 8200.0, "万元"),
            ]
    return pd.DataFrame(rows, columns=list(charts.LONG_COLUMNS))


def _datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def test_series_converts_money_to_yi_and_keeps_fund_apart():
    s = charts.series(_long_table(), "enterprise_pension", "accumulated_balance", {"base": "基准"})
    # 55100 万元 = 5.51 亿元 (the report's enterprise pension 累计结余5.51亿元)
    assert sorted(set(s["value"])) == [2.43, 5.51]
    assert set(s["label"]) == {"基准", "cut"}
    assert len(s) == 4  # work_injury rows excluded


def test_series_rejects_table_without_long_columns():
    with pytest.raises(KeyError, match="indicator"):
        charts.series(pd.DataFrame({"scenario": [], "fund": [], "year": [], "value": []}),
                      "total", "accumulated_balance")


def test_balance_chart_titles_translate():
    zh = charts.balance_chart(_long_table(), "enterprise_pension", "zh").to_dict()
    en = charts.balance_chart(_long_table(), "enterprise_pension", "en").to_dict()
    assert zh["title"]["text"] == "企业职工基本养老保险：累计结余"
    assert en["title"]["text"] == "Enterprise employee pension: accumulated balance"
    zh_json = str(zh)
    assert "累计结余（亿元）" in zh_json and "年份" in zh_json
    assert "Accumulated balance (100 million yuan)" in str(en)


def test_payable_months_bands_follow_user_thresholds():
    chart = charts.payable_months_chart(_long_table(), "enterprise_pension", "zh", red=3, amber=9)
    bands = next(d for d in _datasets(chart) if d and "band" in d[0])
    assert [(b["y0"], b["y1"]) for b in bands][:2] == [(0.0, 3), (3, 9)]
    assert bands[0]["band"] == "红色：少于3个月"
    assert bands[1]["band"] == "黄色：3至9个月"
    assert bands[0]["colour"] == charts.RED
    with pytest.raises(ValueError):
        charts.band_frame(12, 6, 0, 20, "zh")


def test_payable_months_cap_keeps_real_value_in_tooltip():
    table = _long_table()
    table.loc[table["indicator"] == "payable_months", "value"] = 500.0
    chart = charts.payable_months_chart(table, "enterprise_pension", "en", red=6, amber=12)
    lines = next(d for d in _datasets(chart) if d and "shown" in d[0])
    assert {r["value"] for r in lines} == {500.0}
    assert {r["shown"] for r in lines} == {120.0}  # capped at 10 × amber for drawing only


def test_empty_selection_says_no_data():
    chart = charts.balance_chart(_long_table(), "unemployment", "en")
    assert "No data to draw" in str(chart.to_dict())


def test_fan_and_tornado_scale_money():
    q = pd.DataFrame({"year": [2021], "p5": [-10000.0], "p25": [0.0], "p50": [10000.0],
                      "p75": [20000.0], "p95": [30000.0]})
    fan = charts.fan_chart(q, "total", "accumulated_balance", "zh")
    data = [d for d in _datasets(fan) if d and "p50" in d[0]][0]
    assert data[0]["p50"] == 1.0 and data[0]["p5"] == -1.0
    tornado = charts.tornado_chart(pd.DataFrame({"lever": ["a", "b"], "low": [-5000.0, -30000.0],
                                                 "high": [5000.0, 10000.0]}),
                                   "total", "accumulated_balance", "en")
    spec = tornado.to_dict()
    # widest swing (b: 4.0 亿) is listed first
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["b", "a"]


# ---------------------------------------------------------------- CJK rendering

def _title_chart(text: str, font: str) -> alt.Chart:
    return (alt.Chart(pd.DataFrame({"x": [0]})).mark_point(opacity=0)
            .encode(x=alt.X("x:Q", axis=None))
            .properties(width=20, height=10,
                        title=alt.TitleParams(text, fontSize=40, font=font, color="black")))


def _ink(png: bytes) -> np.ndarray:
    """Boolean mask of dark pixels (text) in a PNG."""
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return grey < 128


def _ink_width(mask: np.ndarray) -> int:
    cols = np.flatnonzero(mask.any(axis=0))
    return int(cols[-1] - cols[0] + 1) if cols.size else 0


def test_png_export_draws_distinct_chinese_glyphs():
    charts.register_cjk_fonts()
    yang = _ink(charts.to_png(_title_chart("养", charts.FONT_STACK), scale=1))
    lao = _ink(charts.to_png(_title_chart("老", charts.FONT_STACK), scale=1))
    # Tofu boxes would be the same rectangle for every character; real glyphs differ.
    assert yang.shape == lao.shape
    assert yang.sum() > 40 and lao.sum() > 40
    assert (yang != lao).sum() > 40
    # Ten full-width characters at 40 px are about 400 px wide (each CJK glyph is ~1 em).
    ten = _ink(charts.to_png(_title_chart("企业职工基本养老保险", charts.FONT_STACK), scale=1))
    assert 340 <= _ink_width(ten) <= 440


def test_glyph_check_detects_a_font_that_does_not_exist():
    # Control for the test above: with a face vl-convert cannot find the title draws no glyphs,
    # so the ink measure would fail a build without fonts-noto-cjk.
    missing = _ink(charts.to_png(_title_chart("企业职工基本养老保险", "NoSuchFontSifsim"), scale=1))
    assert _ink_width(missing) < 40


def test_real_chart_png_and_svg_export_carry_chinese():
    chart = charts.balance_chart(_long_table(), "enterprise_pension", "zh")
    png = charts.to_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = charts.to_svg(chart)
    assert "企业职工基本养老保险：累计结余" in svg
    assert "Noto Sans CJK SC" in svg


def test_cjk_font_directory_found():
    dirs = charts.cjk_font_directories()
    assert dirs, "install Debian's fonts-noto-cjk (bash run.sh test does)"


def test_builders_produce_schema_valid_specs():
    # charts.show skips Altair's validation when drawing; the builders are validated here instead
    table = _long_table()
    built = [
        charts.balance_chart(table, "enterprise_pension", "zh"),
        charts.current_balance_chart(table, "enterprise_pension", "en"),
        charts.current_balance_chart(table[table["scenario"] == "base"], "enterprise_pension", "zh"),
        charts.subsidy_chart(table, "enterprise_pension", "zh"),
        charts.dependency_chart(table, "enterprise_pension", "zh"),
        charts.payable_months_chart(table, "enterprise_pension", "zh"),
        charts.balance_chart(table, "unemployment", "zh"),  # the empty "no data" chart
        charts.fan_chart(pd.DataFrame({"year": [2021, 2022], "p5": [1.0, 2.0], "p25": [2.0, 3.0],
                                       "p50": [3.0, 4.0], "p75": [4.0, 5.0], "p95": [5.0, 6.0]}),
                         "total", "payable_months", "zh"),
        charts.depletion_probability_chart(pd.DataFrame({"year": [2021], "probability": [0.1]}), "total", "zh"),
        charts.tornado_chart(pd.DataFrame({"lever": ["a"], "low": [-1.0], "high": [1.0]}),
                             "total", "depletion_year", "zh"),
    ]
    for chart in built:
        chart.to_dict(validate=True)  # raises on a schema violation


def _depleting_table() -> pd.DataFrame:
    """Three scenarios of the work-injury fund, 2020–2060, running out in 2022, 2027 and 2058."""
    rows = []
    for scenario, out in (("a", 2022), ("b", 2027), ("c", 2058)):
        for year in range(2020, 2061):
            months = max(11.0 * (out - year) / (out - 2020) - 0.1, -5.0)  # first negative in `out`
            rows.append((scenario, "work_injury", year, "payable_months", months, "months"))
    return pd.DataFrame(rows, columns=list(charts.LONG_COLUMNS))


def test_depletion_labels_stay_inside_the_plot_and_apart():
    """A label sits right of its rule, so one near the first year cannot run over the y axis;
    in the last quarter of the span (after 2050 for 2020–2060) it sits left, so it cannot run
    off the right edge; each later year is one step (8% of the axis) lower than the one before."""
    chart = charts.payable_months_chart(_depleting_table(), "work_injury", "zh", red=3, amber=6)
    texts = [layer for layer in chart.to_dict()["layer"] if layer.get("mark", {}).get("type") == "text"
             and "depleted" not in str(layer)]
    datasets = chart.to_dict()["datasets"]
    placed = {}
    for layer in texts:
        mark = layer["mark"]
        rows = datasets[layer["data"]["name"]] if "data" in layer else []
        for r in rows:
            if "text" in r and r["text"].endswith("耗尽"):
                placed[r["year"]] = (mark["align"], mark["dx"], r["height"])
    assert set(placed) == {2022, 2027, 2058}
    assert placed[2022][:2] == ("left", 3) and placed[2027][:2] == ("left", 3)
    assert placed[2058][:2] == ("right", -3)
    heights = [placed[y][2] for y in (2022, 2027, 2058)]
    assert heights[0] > heights[1] > heights[2]
    assert heights[0] - heights[1] == pytest.approx(heights[1] - heights[2])


def test_depletion_labels_do_not_change_the_months_axis_title():
    spec = charts.payable_months_chart(_depleting_table(), "work_injury", "zh", red=3, amber=6).to_dict()
    axes = [layer["encoding"]["y"] for layer in spec["layer"] if "y" in layer.get("encoding", {})]
    assert all(y.get("axis", {}) is not None for y in axes)          # no layer hides the shared axis
    # the label layers carry the line's title, so Vega-Lite draws just it (without one it would
    # add their field name, "height", to the axis title)
    assert {y["title"] for y in axes if y.get("field") in ("shown", "height")} == {"可支付月数（个月）"}
    assert all("title" in y for y in axes if y.get("field") == "height")
