"""Scenario files: format, inheritance, validation messages, write-back (model.scenarios.library).

Engine-backed checks of the shipped library are in tests/test_scenarios_engine.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import InputError
from model.scenarios.levers import build_lever_set, catalogue, overlay_path
from model.scenarios.library import (HORIZON, SCENARIO_DIR, Scenario, dumps, load_library,
                             load_scenario, merge_path, save_scenario, scenario_from_levers)

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
SHIPPED = ("baseline", "employer_rate_14", "unemployment_rate_08", "sme_exemption_2021",
           "work_injury_cut_50", "pension_adjustment_2", "pension_adjustment_4",
           "no_retirement_reform", "coverage_expansion", "pessimistic_economy", "high_longevity")


def _problems(name: str):
    with pytest.raises(InputError) as info:
        load_scenario(FIXTURES / f"{name}.toml")
    return info.value.problems


# ------------------------------------------------------------------ the shipped library


def test_library_loads_every_shipped_scenario():
    lib = load_library()
    assert set(SHIPPED) <= set(lib)
    assert next(iter(lib)) == "baseline"
    assert lib["baseline"].resolved == {} and lib["baseline"].inherits is None
    for sid in SHIPPED[1:]:
        s = lib[sid]
        assert s.chain == ("baseline", sid)
        assert s.levers, f"{sid} changes nothing"
        assert s.name_zh and s.name_en and s.description and s.rationale


def test_shipped_values_are_the_policy_they_name():
    lib = load_library()
    assert lib["employer_rate_14"].resolved == {"enterprise_pension.employer_rate": {2022: 0.14}}
    u = lib["unemployment_rate_08"].resolved
    assert u["unemployment.employer_rate"][2021] + u["unemployment.employee_rate"][2021] == \
        pytest.approx(0.008)
    assert lib["no_retirement_reform"].resolved == {"retirement.reform": 0.0}
    from model.engine.demography.mortality import HIGH_LONGEVITY_IMPROVEMENT_SCALE
    assert lib["high_longevity"].resolved["demography.improvement_scale"] == {
        2021: HIGH_LONGEVITY_IMPROVEMENT_SCALE}


def test_step_path_from_2022_keeps_2021_and_holds_flat():
    """{2022 = 0.14} on the 16% default: 2020-2021 stay 16%, 2022 on 14% to the horizon."""
    s = load_library()["employer_rate_14"]
    years = np.arange(2020, 2061)
    ls = build_lever_set(years, [{}, s.overrides])
    rate = ls["enterprise_pension.employer_rate"]
    assert rate[0].tolist() == [0.16] * len(years)
    assert rate[1, :2].tolist() == [0.16, 0.16]
    assert np.all(rate[1, 2:] == 0.14)


def test_constant_holds_from_first_projection_year_not_the_base_year():
    """A number means every projection year; the calibrated 2020 keeps the default."""
    s = scenario_from_levers("t", {"economy.interest_rate": 0.03})
    ls = build_lever_set(np.arange(2020, 2031), [s.overrides])
    r = ls["economy.interest_rate"][0]
    assert r[0] == 0.025 and np.all(r[1:] == 0.03)


def test_unchanged_scenario_gives_baseline_levers_exactly():
    """A scenario that sets every lever to its default path yields identical lever arrays."""
    specs = catalogue()
    same = {"enterprise_pension.employer_rate": 0.16, "unemployment.employer_rate": {2021: 0.005, 2026: 0.015},
            "retirement.reform": 1, "economy.wage_growth": {2021: 0.06, 2026: 0.05, 2036: 0.04}}
    s = scenario_from_levers("same", same)
    years = np.arange(2020, 2061)
    a, b = build_lever_set(years, [{}]), build_lever_set(years, [s.overrides])
    for name in specs:
        np.testing.assert_array_equal(a[name], b[name])


def test_nested_tables_read_like_dotted_keys(tmp_path):
    shutil.copy(SCENARIO_DIR / "baseline.toml", tmp_path)
    text = (SCENARIO_DIR / "employer_rate_14.toml").read_text(encoding="utf-8")
    nested = text.replace('"enterprise_pension.employer_rate" = { 2022 = 0.14 }',
                          '[levers.enterprise_pension]\nemployer_rate = { 2022 = 0.14 }')
    assert nested != text
    (tmp_path / "employer_rate_14.toml").write_text(nested, encoding="utf-8")
    assert load_scenario(tmp_path / "employer_rate_14.toml").levers == {
        "enterprise_pension.employer_rate": {2022: 0.14}}


# ------------------------------------------------------------------ inheritance


def test_merge_keeps_base_before_child_first_year():
    assert merge_path({2021: 0.16, 2030: 0.15}, {2025: 0.14}) == {2021: 0.16, 2025: 0.14}
    assert merge_path({2021: 0.16, 2030: 0.15}, 0.1) == 0.1
    assert merge_path(None, {2025: 0.14}) == {2025: 0.14}


def test_three_level_chain_merges_lever_by_lever(tmp_path):
    shutil.copy(SCENARIO_DIR / "baseline.toml", tmp_path)
    shutil.copy(SCENARIO_DIR / "employer_rate_14.toml", tmp_path)
    child = (SCENARIO_DIR / "employer_rate_14.toml").read_text(encoding="utf-8")
    child = (child.replace('id = "employer_rate_14"', 'id = "deeper"')
             .replace('inherits = "baseline"', 'inherits = "employer_rate_14"')
             .replace('"enterprise_pension.employer_rate" = { 2022 = 0.14 }',
                      '"enterprise_pension.employer_rate" = { 2030 = 0.12 }\n'
                      '"economy.interest_rate" = 0.03'))
    (tmp_path / "deeper.toml").write_text(child, encoding="utf-8")
    s = load_scenario(tmp_path / "deeper.toml")
    assert s.chain == ("baseline", "employer_rate_14", "deeper")
    assert s.levers == {"enterprise_pension.employer_rate": {2030: 0.12},
                        "economy.interest_rate": 0.03}
    assert s.resolved == {"enterprise_pension.employer_rate": {2022: 0.14, 2030: 0.12},
                          "economy.interest_rate": {2021: 0.03}}


# ------------------------------------------------------------------ one fixture per error kind


@pytest.mark.parametrize("fixture, field, value, what_zh, what_en, allowed_en", [
    ("unknown_header_key", "scenario.author", "someone", "未知字段", "unknown key",
     "id, name_zh, name_en, description, rationale, description_zh, rationale_zh, inherits, result_zh, result_en"),
    ("unknown_table", "options", {"end": 2060}, "未知的表", "unknown table",
     "[scenario] and [levers]"),
    ("unknown_lever", "levers.enterprise_pension.employer_rte", {"2022": 0.14}, "未知参数",
     "unknown lever", "a lever name group.key from levers.toml; did you mean "
     "enterprise_pension.employer_rate, enterprise_pension.employee_rate, "
     "public_pension.employer_rate"),
    ("rate_out_of_range", "levers.enterprise_pension.employer_rate.2022", 1.4, "超出允许范围",
     "out of the allowed range", "0.0 to 1.0 (fraction of base); rates are fractions: for 1.4% "
     "write 0.014"),
    ("rate_as_percent", "levers.unemployment.employer_rate", 14, "超出允许范围",
     "out of the allowed range", "0.0 to 0.1 (fraction of base)"),
    ("negative_amount", "levers.resident_pension.basic_pension_pm.2026", -50, "超出允许范围",
     "out of the allowed range", "0.0 to 10000.0 (元/month)"),
    ("wrong_type_lever", "levers.economy.wage_growth", "0.05", "不是有限数值",
     "not a finite number", "a number from -0.2 to 0.3 (fraction/yr)"),
    ("wrong_type_path", "levers.retirement.reform", {2030: 0}, "此参数不接受按年份路径",
     "this lever takes no year path", "a single number"),
    ("wrong_type_header", "scenario.name_en", 5, "类型错误：应为文本", "wrong type: must be text",
     "the English name (text)"),
    ("missing_field", "scenario.name_en", None, "缺少必填字段", "required field missing",
     "the English name (text)"),
    ("id_mismatch", "scenario.id", "another_name", "与文件名不一致", "does not match the file name",
     "id_mismatch (the file name)"),
    ("rates_sum_over_one",
     "levers.enterprise_pension.employer_rate + levers.enterprise_pension.employee_rate", 1.03,
     "单位与个人费率之和在 2030 年超过 1", "employer + employee rate exceeds 1 in 2030",
     "a sum from 0 to 1"),
])
def test_invalid_fixture_message(fixture, field, value, what_zh, what_en, allowed_en):
    problems = _problems(fixture)
    assert len(problems) == 1, [p.bilingual() for p in problems]
    p = problems[0]
    assert p.file == f"tests/fixtures/scenarios/{fixture}.toml"
    assert (p.field, p.value, p.what_zh, p.what_en, p.allowed_en) == (
        field, value, what_zh, what_en, allowed_en)
    assert p.allowed_zh  # both languages filled
    assert p.file in str(InputError([p])) and "文件" in str(InputError([p]))


def test_years_outside_horizon_both_ends():
    problems = _problems("year_outside_horizon")
    assert [(p.field, p.value, p.what_en, p.allowed_en) for p in problems] == [
        ("levers.enterprise_pension.employer_rate.2019", 2019,
         "year outside the projection horizon", f"{HORIZON[0]} to {HORIZON[1]}"),
        ("levers.enterprise_pension.employer_rate.2101", 2101,
         "year outside the projection horizon", f"{HORIZON[0]} to {HORIZON[1]}")]
    assert problems[0].what_zh == "年份超出预测区间"


def test_missing_base_names_the_candidates():
    (p,) = _problems("missing_base")
    assert (p.field, p.value, p.what_zh, p.what_en) == (
        "scenario.inherits", "no_such_scenario", "找不到基准情景", "base scenario not found")
    assert "loop_a" in p.allowed_en and "loop_a" in p.allowed_zh and ".toml path" in p.allowed_en


def test_inheritance_loop_names_the_cycle():
    p, referring = _problems("loop_a")
    assert p.file == "tests/fixtures/scenarios/loop_b.toml"
    assert (p.field, p.value) == ("scenario.inherits", "loop_a")
    assert p.what_en == "inheritance loop: loop_a → loop_b → loop_a"
    assert p.what_zh == "继承形成循环：loop_a → loop_b → loop_a"
    # the file the user named is listed too, as the one that referred to the broken base
    assert (referring.file, referring.field, referring.value) == (
        "tests/fixtures/scenarios/loop_a.toml", "scenario.inherits", "loop_b")
    assert referring.what_zh == "所继承的基准情景有错误（见上）"
    assert referring.what_en == "the base scenario it inherits has errors (listed above)"


def test_toml_syntax_error_is_bilingual():
    (p,) = _problems("toml_syntax")
    assert (p.file, p.what_zh, p.what_en) == (
        "tests/fixtures/scenarios/toml_syntax.toml", "TOML 语法错误", "TOML syntax error")
    assert "line 10" in p.value


def test_app_scenario_is_validated_like_a_file():
    with pytest.raises(InputError) as info:
        scenario_from_levers("app1", {"economy.wage_growth": {2030: 0.5}})
    (p,) = info.value.problems
    assert (p.file, p.field, p.value) == ("(app:app1)", "levers.economy.wage_growth.2030", 0.5)


# ------------------------------------------------------------------ write-back


def test_every_shipped_scenario_round_trips(tmp_path):
    lib = load_library()
    for s in lib.values():
        shutil.copy(SCENARIO_DIR / "baseline.toml", tmp_path)
    for sid, s in lib.items():
        path = save_scenario(s, tmp_path / f"{sid}.toml")
        back = load_scenario(path)
        assert back.model_dump(exclude={"file"}) == s.model_dump(exclude={"file"})
        assert dumps(back) == dumps(s)


_path_levers = sorted(n for n, s in catalogue().items() if s.path and not s.deferred)
_const_levers = sorted(n for n, s in catalogue().items() if not s.path and not s.deferred)


@st.composite
def _lever_values(draw):
    specs = catalogue()
    out = {}
    for name in draw(st.lists(st.sampled_from(_path_levers + _const_levers), max_size=6,
                              unique=True)):
        spec = specs[name]
        # keep employer + employee within [0, 1] and the three retirement shares within one
        # cohort (cross-lever checks, tested on their own)
        hi = min(spec.max, 0.45) if name.endswith(("employer_rate", "employee_rate")) else spec.max
        if name in ("retirement.early_share", "retirement.late_share", "retirement.short_share"):
            hi = 0.3
        if spec.kind in ("flag", "code", "months", "years"):
            num = st.integers(int(spec.min), int(min(hi, 1e6)))
        else:
            num = st.floats(spec.min, hi, allow_nan=False, allow_infinity=False)
        if spec.path and draw(st.booleans()):
            years = draw(st.lists(st.integers(*HORIZON), min_size=1, max_size=4, unique=True))
            out[name] = {y: draw(num) for y in years}
        else:
            out[name] = draw(num)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(levers=_lever_values(), name_zh=st.text(min_size=1, max_size=20),
       name_en=st.text(min_size=1, max_size=20))
def test_write_then_read_gives_the_identical_scenario(tmp_path, levers, name_zh, name_en):
    s = scenario_from_levers("prop", levers, name_zh=name_zh, name_en=name_en)
    path = tmp_path / "prop.toml"
    save_scenario(s, path)
    back = load_scenario(path)
    assert back.levers == s.levers and back.resolved == s.resolved
    assert (back.name_zh, back.name_en) == (name_zh, name_en)
    # and the lever arrays the engine would see are identical
    years = np.arange(2020, 2101)
    a, b = build_lever_set(years, [s.overrides]), build_lever_set(years, [back.overrides])
    for name in s.resolved:
        np.testing.assert_array_equal(a[name], b[name])


def test_overlay_semantics_match_catalogue_helper():
    """The resolved path, laid over the default by model.scenarios.levers, is the file's meaning."""
    s = load_library()["work_injury_cut_50"]
    years = np.arange(2020, 2031)
    got = overlay_path(np.zeros(len(years)), s.resolved["work_injury.rate_cut"], years)
    assert got.tolist() == [0.0] + [0.5] * 5 + [0.0] * 5


def test_scenario_is_frozen():
    s = load_library()["baseline"]
    with pytest.raises(Exception):
        s.id = "x"  # type: ignore[misc]
    assert isinstance(s, Scenario)
