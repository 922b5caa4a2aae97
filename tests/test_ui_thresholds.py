"""The app's payable-months warning lines come from data/parameters/thresholds.toml with their
sources (issue 12 §5): the red/amber defaults, each fund's rate-cut lines on its chart, a caption
naming every line's source or "本局自定" where none is official, and the status wording; the
planner may still move red and amber."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from ui import charts
from ui import thresholds as bands

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
#: the file as written, read here without the app's loader
FILE = tomllib.loads((ROOT / "data" / "parameters" / "thresholds.toml").read_text(encoding="utf-8"))["threshold"]
WORK_INJURY_SOURCE = "国办发〔2019〕13号，人社部发〔2023〕19号延续"   # issue 12 §5


def test_red_and_amber_default_to_the_files_lines_for_every_fund():
    below = sorted(e["months"] for e in FILE if e["fund"] == "all" and e["side"] == "below")
    assert bands.default_red_amber() == (float(below[0]), float(below[1])) == (3.0, 6.0)


def test_caption_names_each_line_and_its_source():
    wi = bands.caption("work_injury", 3, 6, "zh")
    assert f"18–23个月：费率可下调20%（来源：{WORK_INJURY_SOURCE}）" in wi
    assert f"24个月以上：费率可下调50%（来源：{WORK_INJURY_SOURCE}）" in wi
    assert "低于3个月：启动预警方案（来源：生育保险基金规定可支付月数低于3个月时制定预警方案" in wi
    assert "低于6个月：重点关注（本局自定）" in wi          # no official threshold: the bureau's choice
    pension = bands.caption("enterprise_pension", 3, 6, "zh")
    assert "9个月以上：可阶段性降低单位缴费比例（来源：2016年、2018年阶段性降低社会保险费率的通知" in pension
    assert "费率可下调" not in pension
    total = bands.caption("total", 3, 6, "zh")
    assert "9个月" not in total and "18–23" not in total
    en = bands.caption("work_injury", 3, 6, "en")
    assert "Under 6 months: watch closely (the bureau's choice)" in en
    assert "24 months or more: rate may be cut by 50% (source: 国办发〔2019〕13号, extended by 人社部发〔2023〕19号)" in en


def test_a_moved_line_is_the_bureaus_choice():
    text = bands.caption("unemployment", 4, 8, "zh")
    assert "低于4个月：红色警戒（本局自定）" in text and "低于8个月：黄色关注（本局自定）" in text
    assert "启动预警方案" not in text and "24个月以上：可阶段性降低费率" in text
    assert bands.band_notes("unemployment", 4, 8, "en")[0] == "Under 4 months: red (the bureau's choice)"


def test_status_wording_follows_the_lines():
    rows = [("基准", 20.0, 2030, False), ("降费", 2.5, 2025, False), ("更低", 0.0, None, True),
            ("其他", 12.0, 2040, False)]
    text = bands.status_sentence("work_injury", rows, 3, 6, "zh")
    assert text.startswith("对照预警线：基准最低20.0 个月（2030年），18–23个月：费率可下调20%；")
    assert "降费最低2.5 个月（2025年），低于3个月：启动预警方案" in text
    assert "更低累计结余耗尽，低于3个月：启动预警方案" in text
    assert "其他最低12.0 个月（2040年），不低于6个月，未触及预警线。" in text
    # the planner's red line at 4 months: 3.5 months is under it
    assert "低于4个月：红色警戒" in bands.status_sentence("work_injury", [("x", 3.5, 2030, False)], 4, 6, "zh")


def _long(months: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"scenario": "base", "fund": "work_injury", "year": range(2020, 2020 + len(months)),
                         "indicator": "payable_months", "value": months, "unit": "months"})


def test_months_chart_draws_the_funds_rate_cut_lines_with_sources():
    chart = charts.payable_months_chart(_long([30.0, 26.0, 20.0, 10.0]), "work_injury", "zh",
                                        **dict(bands.chart_options("work_injury", 3, 6, "zh")))
    spec = chart.to_dict()
    data = list(spec["datasets"].values())
    lines = next(d for d in data if d and "source" in d[0])
    assert [(r["months"], r["label"]) for r in lines] == [(18.0, "18–23个月：费率可下调20%"),
                                                          (24.0, "24个月以上：费率可下调50%")]
    assert all(r["source"] == f"来源：{WORK_INJURY_SOURCE}" for r in lines)
    band = next(d for d in data if d and "band" in d[0])
    assert [(b["y0"], b["y1"]) for b in band][:2] == [(0.0, 3.0), (3.0, 6.0)]
    assert band[1]["note"] == "低于6个月：重点关注（本局自定）"
    # the axis reaches above the highest line, so both lines are on the chart
    assert max(spec["layer"][0]["encoding"]["y"]["scale"]["domain"]) >= 24 * 1.25


@pytest.fixture(scope="module")
def compare_work_injury():
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["page"] = "compare"
    at.session_state["cmp_fund"] = "work_injury"
    return at.run()


def test_compare_page_uses_the_file(compare_work_injury):
    at = compare_work_injury
    assert not at.exception and not at.error
    assert at.number_input(key="red_months").value == 3.0
    assert at.number_input(key="amber_months").value == 6.0
    months = next(c for c in at.get("vega_lite_chart") if "可支付月数" in json.dumps(json.loads(c.proto.spec)
                                                                                     ["title"], ensure_ascii=False))
    data = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in months.proto.datasets]
    lines = next(d for d in data if "source" in d.columns)
    assert list(lines["months"]) == [18.0, 24.0]
    captions = " ".join(c.value for c in at.caption)
    assert f"24个月以上：费率可下调50%（来源：{WORK_INJURY_SOURCE}）" in captions
    assert "低于6个月：重点关注（本局自定）" in captions
    assert "对照预警线：" in captions


def test_goal_seek_keeps_the_amber_line_by_default():
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["page"] = "risk"
    at.session_state["mc_paths"] = 100
    at.run()
    assert at.number_input(key="gs_min_months").value == 6.0
