"""Goal-seek answers re-run through the real engine at the solution and at ±ε."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine import get_engine
from model.errors import InputError
from model.analysis.goalseek import contribution_knob, solve
from model.scenarios.library import SCENARIO_DIR, load_scenario

EPS = 1e-4


@pytest.fixture(scope="module")
def engine():
    return get_engine()


def _rerun(engine, res, x, through):
    knob_overrides = res_knob(engine, res).overrides(x)
    return engine.run([knob_overrides], end=through)


def res_knob(engine, res):
    from model.analysis.goalseek import _setup
    base = load_scenario(SCENARIO_DIR / "baseline.toml")
    return _setup(engine, res.question, res.fund, base, START[res.question], THROUGH,
                  MIN_MONTHS).knob


START = {"fee_cut": 2022, "balancing_rate": 2022, "min_subsidy": 2022, "max_adjustment": 2026}
THROUGH = 2040
MIN_MONTHS = 3.0


def _months_min(result, fund, start, through):
    years = np.asarray(result.years)
    cols = (years >= start) & (years <= through)
    return result.series[fund]["payable_months"][0, cols].min()


def _balance_min(result, fund, start, through):
    years = np.asarray(result.years)
    cols = (years >= start) & (years <= through)
    return result.series[fund]["accumulated_balance"][0, cols].min()


def test_min_subsidy_holds_at_solution_and_fails_just_below(engine):
    res = solve("min_subsidy", "enterprise_pension", through=THROUGH, min_months=MIN_MONTHS,
                engine=engine)
    assert res.status == "solved" and res.engine_calls <= 20
    at = engine.run([res.overrides], end=THROUGH)
    assert _months_min(at, "enterprise_pension", 2022, THROUGH) >= MIN_MONTHS
    below = _rerun(engine, res, res.value - EPS, THROUGH)
    above = _rerun(engine, res, res.value + EPS, THROUGH)
    assert _months_min(below, "enterprise_pension", 2022, THROUGH) < MIN_MONTHS
    assert _months_min(above, "enterprise_pension", 2022, THROUGH) > MIN_MONTHS
    years = list(at.years)
    binding = at.series["enterprise_pension"]["payable_months"][0, years.index(res.binding_year)]
    assert binding == pytest.approx(MIN_MONTHS, abs=1e-3)
    assert "亿元" in res.message_zh and str(res.binding_year) in res.message_en


def test_max_adjustment_solvent_at_solution_insolvent_just_above(engine):
    res = solve("max_adjustment", "enterprise_pension", through=THROUGH, engine=engine)
    assert res.status == "solved"
    at = engine.run([res.overrides], end=THROUGH)
    assert _balance_min(at, "enterprise_pension", 2026, THROUGH) >= 0
    assert _balance_min(_rerun(engine, res, res.value + EPS, THROUGH), "enterprise_pension",
                        2026, THROUGH) < 0
    assert _balance_min(_rerun(engine, res, res.value - EPS, THROUGH), "enterprise_pension",
                        2026, THROUGH) > 0


def test_balancing_rate_returns_the_balance_to_its_base_level(engine):
    res = solve("balancing_rate", "unemployment", through=THROUGH, engine=engine)
    assert res.status == "solved" and res.binding_year == THROUGH
    at = engine.run([res.overrides], end=THROUGH)
    bal = at.series["unemployment"]["accumulated_balance"][0]
    assert bal[-1] - bal[0] >= 0
    assert bal[-1] - bal[0] == pytest.approx(0, abs=bal[0] * 1e-3)
    lo = _rerun(engine, res, res.value - EPS, THROUGH).series["unemployment"]["accumulated_balance"][0]
    hi = _rerun(engine, res, res.value + EPS, THROUGH).series["unemployment"]["accumulated_balance"][0]
    assert lo[-1] < bal[0] < hi[-1]


def test_fee_cut_work_injury_verified(engine):
    # the baseline's work-injury fund falls to 0.85 payable months in 2026 (benefits follow
    # wages, issue 9 §4), so the target is one that a cut can still keep: 0.5 months
    res = solve("fee_cut", "work_injury", through=2026, min_months=0.5, engine=engine)
    if res.status != "solved":
        pytest.fail(res.message_en)
    def months(x):
        base = load_scenario(SCENARIO_DIR / "baseline.toml")
        knob = contribution_knob(engine, "work_injury", base, 2022, 2026, as_cut=True)
        return _months_min(engine.run([knob.overrides(x)], end=2026), "work_injury", 2022, 2026)
    assert months(res.value) >= 0.5
    assert months(res.value + EPS) < 0.5 < months(res.value - EPS)


def test_nothing_satisfies_is_said_plainly(engine):
    """Keeping 600 payable months is impossible with any enterprise rate cut."""
    res = solve("fee_cut", "enterprise_pension", through=2040, min_months=600, engine=engine)
    assert res.status == "none_satisfy" and res.value is None
    assert "没有任何取值" in res.message_zh and "no value in the search range" in res.message_en


def test_everything_satisfies_is_said_plainly(engine):
    """Zero payable months is always kept by the gap-filling public pension."""
    res = solve("max_adjustment", "public_pension", through=2040, engine=engine)
    assert res.status == "all_satisfy" and res.value == pytest.approx(0.2)
    assert "所有取值都满足" in res.message_zh and "every value in the search range" in res.message_en
    assert "gap" in res.message_en


def test_not_applicable_and_bad_arguments(engine):
    res = solve("fee_cut", "resident_pension", engine=engine)
    assert res.status == "not_applicable" and "does not apply" in res.message_en
    with pytest.raises(InputError) as info:
        solve("fee_cut", "pension", engine=engine)
    assert info.value.problems[0].field == "fund"
