"""The Compare page under AppTest shows the engine's own comparison, formatted."""
from pathlib import Path

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from model.analysis import compare as mc
from model.analysis.uncertainty import depletion_uncertainty
from model.scenarios.library import load_library
from ui import format as fmt
from ui.headlines import headline
from ui import safe

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PICK = ["baseline", "employer_rate_14", "pension_adjustment_2"]


@pytest.fixture(scope="module")
def expected():
    lib = load_library()
    return mc.compare([lib[s] for s in PICK], end=2060)


@pytest.fixture(scope="module")
def at():
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["page"] = "compare"
    app.session_state["cmp_selected"] = PICK
    app.run()
    app.radio(key="cmp_fund").set_value("enterprise_pension").run()
    return app


def test_no_error(at):
    assert not at.exception and not at.error


def test_summary_table_is_the_engines(at, expected):
    table = at.table[0].value.reset_index(drop=True)
    rows = expected.summary[expected.summary["fund"] == "enterprise_pension"].reset_index(drop=True)
    assert len(table) == 3
    for i, r in rows.iterrows():
        shown = table.iloc[i]
        assert shown["累计财政补贴（亿元）"].startswith(fmt.money_yi(r["cumulative_subsidy"], with_unit=False))
        dep = r["depletion_year"]
        if dep is None or dep is pd.NA:
            assert shown["最低可支付月数 · 年份"].startswith(fmt.months(r["min_payable_months"]))
        else:  # a depleted fund pays no months: 已耗尽, since when, and the shortfall
            cell = shown["最低可支付月数 · 年份"]
            assert cell.startswith(f"已耗尽（{int(dep)}年起，至2060年已{2060 - int(dep)}年）")
            assert f"缺口 {fmt.money_yi(-r['horizon_balance'])}" in cell
            assert "-" not in cell
        assert shown["累计结余耗尽年份"].startswith("至2060年未耗尽" if dep is None or dep is pd.NA
                                                else f"{int(dep)}年")
    # the Monte Carlo range and the probability of depletion beside each depletion year
    assert {"耗尽年份10–90%区间（蒙特卡洛）", "至2040年耗尽概率", "持续赤字起始年份（连续3年）"} <= set(table.columns)
    # differences against the baseline row, in brackets
    d = rows.loc[1, "d_first_deficit_year"]
    if d is not None and d is not pd.NA and int(d) != 0:
        assert fmt.years_diff(d) in table.iloc[1]["首次当期赤字年份"]


def test_headlines_are_written_from_the_engines_summary(at, expected):
    # names are the user's text: the page writes them Markdown-escaped (issue 10 §2)
    labels = {sid: safe.md(sc.name("zh")) for sid, sc in load_library().items()}
    text = at.markdown[0].value
    uncertainty = depletion_uncertainty(expected.scenarios, end=2060)   # the page's paths and seed
    for fund in mc.ALL_FUNDS:
        assert headline(expected.summary, fund, labels, 2060, "zh", "baseline", uncertainty) in text


def test_most_sensitive_assumptions_named_under_the_headlines(at):
    captions = " ".join(c.value for c in at.caption)
    assert "企业职工基本养老保险：耗尽年份对以下假设最敏感" in captions


def _title(spec) -> str:
    text = spec["title"]["text"]
    return "".join(text) if isinstance(text, list) else text


def test_charts_drawn_for_the_fund(at):
    titles = [_title(json.loads(c.proto.spec)) for c in at.get("vega_lite_chart")]
    assert len(titles) == 6
    assert any("企业职工基本养老保险：累计结余" in s for s in titles)
    assert any("可支付月数" in s for s in titles)


def test_threshold_order_is_checked_inline(at):
    at.number_input(key="red_months").set_value(20.0).run()
    assert any("红色阈值须小于黄色阈值" in e.value for e in at.error)
    at.number_input(key="red_months").set_value(3.0).run()   # back to the file's red line
    assert not at.error


def test_fewer_than_two_scenarios_asks_for_more():
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["page"] = "compare"
    app.session_state["cmp_selected"] = ["baseline"]
    app.query_params["lang"] = "en"
    app.run()
    assert any("at least two" in w.value for w in app.warning)
