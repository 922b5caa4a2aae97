"""The scenario builder page under AppTest: levers, inline validation, share links."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from model.scenarios.levers import catalogue
from ui import share

APP = str(Path(__file__).resolve().parents[1] / "app.py")
RATE = "enterprise_pension.employer_rate"


def _scenario_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["page"] = "scenario"
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def _input(at, label_start):
    return next(n for n in at.number_input if n.label.startswith(label_start))


def test_every_group_renders_every_lever_without_problems():
    at = _scenario_page()
    assert not at.exception and not at.error
    drawn = 0
    from ui.levers_editor import specs_by_group
    for group, specs in specs_by_group().items():
        at.radio(key="sc_group").set_value(group).run()
        assert not at.exception and not at.error, group
        labels = ([n.label for n in at.number_input] + [s.label for s in at.selectbox]
                  + [tg.label for tg in at.toggle] + [m.value for m in at.markdown])
        for spec in specs:
            assert any(spec.label_zh in lab for lab in labels), spec.name
            drawn += 1
    assert drawn == len(catalogue())


def test_setting_a_rate_in_percent_stores_the_fraction():
    at = _scenario_page()
    _input(at, "企业养老单位缴费比例").set_value(14.0).run()
    assert at.session_state["sc_own"] == {RATE: 0.14}
    table = next(d.value for d in at.table if "本情景取值" in d.value.columns)
    assert list(table.iloc[0])[-2:] == ["16", "14"]  # starting value, this scenario (in %)
    # back to the starting value: nothing left to record
    _input(at, "企业养老单位缴费比例").set_value(16.0).run()
    assert at.session_state["sc_own"] == {}


def test_share_link_reproduces_the_scenario_exactly():
    levers = {RATE: {2022: 0.14, 2030: 0.12}, "economy.wage_growth": 0.055}
    code = share.encode(share.SharedScenario("baseline", "cut", "降费", "Cut", levers))
    at = _scenario_page(s=code)
    assert not at.error
    assert at.session_state["sc_own"] == levers
    assert at.session_state["sc_id"] == "cut"
    at.radio(key="sc_group").set_value("economy").run()
    assert _input(at, "平均工资（缴费基数）名义增长率").value == 5.5
    assert at.session_state["sc_own"] == levers  # drawing the levers changed nothing


def test_bad_share_link_is_a_message_not_a_traceback():
    at = _scenario_page(s="garbage")
    assert not at.exception
    assert any("链接" in e.value for e in at.error)


def test_english_labels_and_units():
    at = _scenario_page(lang="en")
    assert _input(at, "Enterprise pension employer rate").label.endswith("(%)")
    assert at.header[0].value == "Scenario builder"


def test_results_panel_shows_the_engines_comparison():
    import pandas as pd
    from model.analysis import compare as mc
    from model.scenarios.library import load_library, scenario_from_levers
    from ui import format as fmt

    at = _scenario_page()
    _input(at, "企业养老单位缴费比例").set_value(14.0).run()
    assert not at.exception and not at.error
    lib = load_library()
    mine = scenario_from_levers("my_scenario", {RATE: 0.14}, "我的情景", "My scenario", base=lib["baseline"])
    expected = mc.compare([lib["baseline"], mine]).summary
    row = expected[(expected["fund"] == "enterprise_pension") & (expected["scenario"] == "my_scenario")].iloc[0]
    tables = [tb.value.reset_index(drop=True) for tb in at.table]
    shown = next(tb for tb in tables if "累计结余耗尽年份" in tb.columns).iloc[1]
    dep = row["depletion_year"]
    assert shown["累计结余耗尽年份"].startswith("至2060年未耗尽" if dep is pd.NA else f"{int(dep)}年")
    if dep is pd.NA:
        assert shown["最低可支付月数 · 年份"].startswith(fmt.months(row["min_payable_months"]))
    else:  # depleted: no negative months, the shortfall instead
        assert shown["最低可支付月数 · 年份"].startswith(f"已耗尽（{int(dep)}年起")
        assert f"缺口 {fmt.money_yi(-row['horizon_balance'])}" in shown["最低可支付月数 · 年份"]
    assert shown["累计财政补贴（亿元）"].startswith(fmt.money_yi(row["cumulative_subsidy"], with_unit=False))
    # the budget answer: cumulative extra subsidy needed and its difference, 亿元 over 2021–2060
    budget = next(tb for tb in tables if "较基准增加（亿元）" in tb.columns).iloc[1]
    assert budget["累计所需追加补贴（亿元，2021–2060年）"] == fmt.money_yi(
        row["cumulative_required_subsidy"], with_unit=False)
    assert budget["较基准增加（亿元）"] == fmt.money_yi(row["d_cumulative_required_subsidy"],
                                                   signed=True, with_unit=False)
