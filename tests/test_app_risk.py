"""The Risk page under AppTest: Monte Carlo, tornado and goal-seek show the model's own results."""
import json
import re
from pathlib import Path

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from model.analysis.goalseek import solve
from model.analysis.montecarlo import run_montecarlo
from model.scenarios.library import load_library
from model.analysis.sensitivity import run_sensitivity
from ui import format as fmt
from ui.pages.risk import tornado_effects

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _title(spec) -> str:
    text = spec["title"]["text"]
    return "".join(text) if isinstance(text, list) else text


def _charts(at):
    """(spec, [dataset records]) of every Altair chart on the page; Streamlit ships the data
    beside the spec as Arrow tables."""
    out = []
    for c in at.get("vega_lite_chart"):
        data = [convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records") for d in c.proto.datasets]
        out.append((json.loads(c.proto.spec), data))
    return out


@pytest.fixture(scope="module")
def at():
    app = AppTest.from_file(APP, default_timeout=240)
    app.session_state["page"] = "risk"
    app.session_state["mc_paths"] = 500
    app.run()
    return app


def test_no_error(at):
    assert not at.exception and not at.error


def test_depletion_probability_is_the_models(at):
    expected = run_montecarlo(n_paths=500, seed=20200101, end=2060, base=load_library()["baseline"])
    shown = next(m for m in at.metric if m.label == "2060年前累计结余耗尽的概率")
    assert shown.value == fmt.percent(expected.depletion_probability("enterprise_pension", 2060), 1)
    fan, datasets = next((s, d) for s, d in _charts(at) if "蒙特卡洛" in _title(s))
    data = next(v for v in datasets if v and "p50" in v[0])
    pct = expected.percentiles
    want = pct[(pct["fund"] == "enterprise_pension") & (pct["indicator"] == "accumulated_balance")]
    # the fan's median in 亿元 is the model's P50 in 万元 / 10 000
    assert [round(r["p50"], 6) for r in data] == [round(v / 1e4, 6) for v in want["p50"]]


def _depletion_by_hand(n_paths: int) -> dict:
    """Enterprise fund, baseline to 2060, from the raw Monte Carlo paths: each path's first year
    with a negative balance (None: not by 2060), then the 10/50/90% quantiles as the first year by
    which at least that share of all paths has run out, and P(run out by year)."""
    import math

    import numpy as np

    mc = run_montecarlo(n_paths=n_paths, seed=20200101, end=2060, base=load_library()["baseline"],
                        keep_paths=True)
    balance = mc.paths["enterprise_pension"]["accumulated_balance"]   # (year, path)
    years = [int(y) for y in mc.years]
    first = []
    for path in balance.T:
        below = [y for y, v in zip(years[1:], path[1:]) if v < 0]
        first.append(below[0] if below else None)
    ran_out = sorted(y for y in first if y is not None)

    def quantile(q):
        need = math.ceil(q * n_paths)
        return ran_out[need - 1] if len(ran_out) >= need else None

    def p_by(year):
        return sum(1 for y in ran_out if y <= year) / n_paths

    assert np.isfinite(balance).all()
    return {"p10": quantile(0.1), "p50": quantile(0.5), "p90": quantile(0.9),
            **{y: p_by(y) for y in (2030, 2035, 2040, 2060)}}


def test_depletion_year_with_its_range_and_probabilities(at):
    """The Monte Carlo panel's table (500 paths, the fixture's): per fund the median depletion
    year, the 10–90% range and P(run out by 2030/2035/2040/2060); the enterprise row equals a
    count over the raw paths, the funds that never run out read 晚于2060年, never a year."""
    from model.analysis.uncertainty import percent_text

    table = next(tb.value for tb in at.table if "耗尽年份（中位数）" in tb.value.columns)
    rows = table.set_index("险种")
    want = _depletion_by_hand(500)
    ent = rows.loc["企业职工基本养老保险"]
    assert ent["耗尽年份（中位数）"] == f"{want['p50']}年"
    assert ent["10–90%区间"] == f"{want['p10']}–{want['p90']}"
    for year in (2030, 2035, 2040, 2060):
        assert ent[f"至{year}年耗尽概率"] == percent_text(want[year])
    # the public-institution fund: its subsidy fills the gap, no path runs out by 2060
    pub = rows.loc["机关事业单位养老保险"]
    assert pub["耗尽年份（中位数）"] == pub["10–90%区间"] == "晚于2060年"
    assert pub["至2060年耗尽概率"] == "0%"
    assert len(rows) == 6


def test_depletion_table_in_english_and_open_ranges():
    import numpy as np
    import pandas as pd

    from ui.mc_panel import depletion_table, mark_years

    class Result:  # 10 paths: 3 run out in 2031, 2 in 2033, 5 never (by 2035)
        years = np.arange(2020, 2036)
        n_paths = 10
        depletion = pd.DataFrame([(f, y, (0.3 if y >= 2031 else 0) + (0.2 if y >= 2033 else 0))
                                  for f in ("enterprise_pension", "public_pension", "resident_pension",
                                            "work_injury", "unemployment", "total")
                                  for y in range(2021, 2036)], columns=["fund", "year", "p_depleted"])

    assert mark_years(2035) == [2030, 2035]
    en = depletion_table(Result(), "en").set_index("Fund").loc["Enterprise employee pension"]
    # 10% = the 1st path: 2031; 50% = the 5th: 2033; 90% = the 9th: has not run out by 2035
    assert en["10–90% range"] == "2031 to later than 2035"
    assert en["Runs out (median)"] == "2033"
    assert (en["P(run out by 2030)"], en["P(run out by 2035)"]) == ("0%", "50%")
    zh = depletion_table(Result(), "zh").set_index("险种").loc["企业职工基本养老保险"]
    assert zh["10–90%区间"] == "2031年至晚于2035年"


def test_tornado_is_run_sensitivity(at):
    table = run_sensitivity(base=load_library()["baseline"], end=2060)
    effects = tornado_effects(table, "total", "balance", "zh")
    tornado, datasets = next((s, d) for s, d in _charts(at) if "敏感性" in _title(s))
    bars = next(v for v in datasets if v and "change" in v[0])
    widest = effects.assign(w=(effects["high"] - effects["low"]).abs()).sort_values("w").iloc[-1]
    assert tornado["layer"][0]["encoding"]["y"]["sort"][0] == widest["lever"]
    low = next(b for b in bars if b["lever"] == widest["lever"] and b["setting"] == "参数取低值")
    assert low["change"] == pytest.approx(widest["low"] / 1e4)


def test_goal_seek_answers_on_first_use_in_percentage_points(at):
    """Without pressing 求解: the largest unemployment fee cut keeping 6 months to 2060, as
    "x个百分点（before → after）" from solve's own value and the catalogue's rates."""
    from model.scenarios.levers import catalogue

    expected = solve("fee_cut", "unemployment", through=2060, min_months=6.0, start=2022,
                     base=load_library()["baseline"])
    assert expected.status == "solved"
    specs = catalogue()
    from model.scenarios.levers import step_path

    def rate_2022(name):  # the catalogue's default (a year path) in the policy's first year
        default = specs[name].default
        return float(step_path(default, [2022])[0]) if isinstance(default, dict) else float(default)

    before = rate_2022("unemployment.employer_rate") + rate_2022("unemployment.employee_rate")
    after = before - expected.value
    text = " ".join(m.value for m in at.success)
    assert f"{fmt.number(expected.value * 100, 2)}个百分点（{fmt.percent(before)} → {fmt.percent(after)}）" in text
    assert "最有利的端点" not in text


def test_goal_seek_answer_becomes_a_scenario():
    app = AppTest.from_file(APP, default_timeout=240)
    app.session_state["page"] = "risk"
    app.session_state["mc_paths"] = 100
    app.run()
    button = next(b for b in app.button if b.label == "按此结果生成情景")
    button.click().run()
    assert app.session_state["page"] == "scenario"
    own = app.session_state["sc_own"]
    assert set(own) == {"unemployment.employer_rate", "unemployment.employee_rate"}
    assert not app.exception


def test_no_answer_says_what_is_achievable(at):
    at.selectbox(key="gs_question").set_value("fee_cut")
    at.selectbox(key="gs_fund").set_value("enterprise_pension")
    next(b for b in at.button if b.label == "求解").click().run()
    text = " ".join(m.value for m in at.warning)
    assert "企业职工基本养老保险：无法降费。即使维持现行费率" in text
    assert "最有利的端点" not in text and not re.search(r"-\d[\d.]* ?个月", text)


def test_goal_seek_message_is_solves(at):
    at.selectbox(key="gs_question").set_value("min_subsidy")
    at.selectbox(key="gs_fund").set_value("enterprise_pension")
    next(b for b in at.button if b.label == "求解").click().run()
    expected = solve("min_subsidy", "enterprise_pension", through=2060, min_months=6.0, start=2022,
                     base=load_library()["baseline"])
    shown = " ".join(m.value for m in (*at.success, *at.warning, *at.info))
    assert f"财政补贴至少需占基金支出的 {fmt.percent(expected.value)}" in shown
