"""Lead with uncertainty (model.analysis.uncertainty): depletion-year quantiles and probabilities
checked against the Monte Carlo paths counted directly, the words for each case, and the
tornado's one line ranked by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from model.analysis.montecarlo import run_montecarlo
from model.analysis.uncertainty import (MARK_YEARS, deficit_text, depletion_uncertainty,
                                        fund_sentence, most_sensitive, percent_text,
                                        quantile_year, range_text, sensitivity_line)
from model.engine import get_engine
from model.scenarios.library import SCENARIO_DIR, load_scenario

PATHS, SEED, END = 300, 11, 2060


@pytest.fixture(scope="module")
def engine():
    return get_engine()


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(SCENARIO_DIR / "baseline.toml")


def test_quantile_year_is_the_first_year_reaching_the_share():
    years = np.array([2021, 2022, 2023, 2024])
    # 10 paths: 1 run out by 2021, 3 by 2022, 5 by 2023, 9 by 2024 (1 never)
    p = np.array([1, 3, 5, 9]) / 10
    assert quantile_year(years, p, 10, 0.10) == 2021      # 1 of 10 = 10%
    assert quantile_year(years, p, 10, 0.11) == 2022
    assert quantile_year(years, p, 10, 0.50) == 2023
    assert quantile_year(years, p, 10, 0.90) == 2024
    assert math.isnan(quantile_year(years, p, 10, 0.95))  # the 10th path never runs out
    assert math.isnan(quantile_year(years, np.zeros(4), 10, 0.10))


def _by_hand(balance_year_path: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Depletion year of each path: first projected year with a negative balance, inf if none."""
    out = []
    for path in balance_year_path.T:
        hit = [y for y, b in zip(years[1:], path[1:]) if b < 0]
        out.append(hit[0] if hit else math.inf)
    return np.array(out, dtype=float)


def test_figures_match_the_paths_counted_directly(engine, baseline):
    table = depletion_uncertainty([baseline], paths=PATHS, seed=SEED, end=END, engine=engine)
    res = run_montecarlo(PATHS, SEED, END, base=baseline, engine=engine, keep_paths=True,
                         indicators=("accumulated_balance",))
    years = res.years
    assert len(table) == 6 and set(table["paths"]) == {PATHS}
    seen_range = False
    for _, row in table.iterrows():
        dep = _by_hand(res.paths[row["fund"]]["accumulated_balance"], years)
        for y in MARK_YEARS:
            assert row[f"p_depleted_{y}"] == pytest.approx((dep <= y).sum() / PATHS, abs=1e-12)
        assert row["p_depleted_horizon"] == pytest.approx(np.isfinite(dep).mean(), abs=1e-12)
        ordered = np.sort(dep)
        for q in (10, 50, 90):
            k = math.ceil(q / 100 * PATHS) - 1          # the k-th smallest (0-based)
            want = ordered[k]
            got = row[f"depletion_p{q}"]
            if math.isinf(want):
                assert pd.isna(got)
            else:
                assert got == want
                seen_range = True
    assert seen_range   # at least one fund runs out on enough paths to test a quantile year


def test_same_seed_same_paths_for_every_scenario(engine, baseline):
    """Common random numbers: the baseline twice under two ids gives identical rows, and a
    scenario that only touches the enterprise fund leaves the other funds' figures alone."""
    twin = baseline.model_copy(update={"id": "twin"})
    cut = load_scenario(SCENARIO_DIR / "employer_rate_14.toml")
    t = depletion_uncertainty([baseline, twin, cut], paths=120, seed=3, end=2045, engine=engine)
    cols = [c for c in t.columns if c != "scenario"]
    a, b = (t[t["scenario"] == s][cols].reset_index(drop=True) for s in ("baseline", "twin"))
    pd.testing.assert_frame_equal(a, b)
    e_base = t[(t["scenario"] == "baseline") & (t["fund"] == "enterprise_pension")].iloc[0]
    e_cut = t[(t["scenario"] == "employer_rate_14") & (t["fund"] == "enterprise_pension")].iloc[0]
    assert e_cut["p_depleted_2030"] >= e_base["p_depleted_2030"]   # a lower rate never helps
    r_base = t[(t["scenario"] == "baseline") & (t["fund"] == "resident_pension")].iloc[0]
    r_cut = t[(t["scenario"] == "employer_rate_14") & (t["fund"] == "resident_pension")].iloc[0]
    assert r_base["p_depleted_horizon"] == r_cut["p_depleted_horizon"]


def _row(p10, p90, probs, horizon=2060, paths=1000):
    row = {"horizon": horizon, "paths": paths, "depletion_p10": p10, "depletion_p50": pd.NA,
           "depletion_p90": p90, "p_depleted_horizon": probs[-1]}
    row.update({f"p_depleted_{y}": p for y, p in zip(MARK_YEARS, probs[:3])})
    return row


def test_range_words_for_each_case():
    full = _row(2036, 2052, [0.2, 0.38, 0.54, 1.0])
    assert range_text(full, "zh") == ("蒙特卡洛1,000条路径：耗尽年份10–90%区间2036–2052年；"
                                      "至2030/2035/2040年耗尽概率20%/38%/54%")
    assert range_text(full, "en") == ("Monte Carlo, 1,000 paths: 10–90% range of the depletion "
                                      "year 2036–2052; probability of running out by "
                                      "2030/2035/2040: 20%/38%/54%")
    open_end = _row(2033, pd.NA, [0.057, 0.174, 0.292, 0.743])
    assert "10–90%区间2033年至2060年以后" in range_text(open_end, "zh")
    assert "6%/17%/29%" in range_text(open_end, "zh")
    assert "2033 to after 2060" in range_text(open_end, "en")
    rare = _row(pd.NA, pd.NA, [0.0, 0.01, 0.03, 0.06])
    assert range_text(rare, "zh") == "蒙特卡洛1,000条路径：至2060年耗尽的概率仅6%；至2030/2035/2040年耗尽概率0%/1%/3%"
    never = _row(pd.NA, pd.NA, [0.0, 0.0, 0.0, 0.0])
    assert range_text(never, "en") == "Monte Carlo, 1,000 paths: no path runs out by 2060"
    one_year = _row(2027, 2027, [1.0, 1.0, 1.0, 1.0])
    assert "耗尽年份10–90%区间均为2027年" in range_text(one_year, "zh")
    assert "all in 2027" in range_text(one_year, "en")
    short = _row(2026, 2031, [0.6, float("nan"), float("nan"), 0.95], horizon=2032)
    assert range_text(short, "zh").endswith("至2030年耗尽概率60%")


def test_percent_words_round_half_up_and_never_hide_a_rare_outcome():
    assert [percent_text(p) for p in (0.0, 0.001, 0.005, 0.545, 0.994, 0.996, 1.0)] == \
        ["0%", "<1%", "1%", "55%", "99%", ">99%", "100%"]
    # k of 1,000 paths with k ending in 5: always rounded up, whatever the binary round-off
    assert [percent_text(k / 1000) for k in (285, 575, 145, 15)] == ["29%", "58%", "15%", "2%"]


def test_deficit_words():
    assert deficit_text({"first_deficit_year": 2024, "first_sustained_deficit_year": 2038}) == \
        "2024年首次出现当期赤字，2038年起持续赤字（连续3年以上）"
    assert deficit_text({"first_deficit_year": 2023, "first_sustained_deficit_year": 2023},
                        "en") == "first current deficit in 2023, sustained from then (3+ years running)"
    assert deficit_text({"first_deficit_year": 2027, "first_sustained_deficit_year": pd.NA},
                        "en") == "first current deficit in 2027, never 3 years running"
    assert deficit_text({"first_deficit_year": pd.NA, "first_sustained_deficit_year": pd.NA}) == ""


def test_fund_sentence_puts_the_range_beside_the_year():
    summary_row = {"fund": "enterprise_pension", "depletion_year": 2043,
                   "first_deficit_year": 2024, "first_sustained_deficit_year": 2038}
    unc = _row(2036, 2052, [0.2, 0.38, 0.54, 1.0])
    assert fund_sentence(summary_row, unc, "zh") == (
        "企业职工基本养老保险基金预计2043年累计结余耗尽（蒙特卡洛1,000条路径：耗尽年份10–90%区间"
        "2036–2052年；至2030/2035/2040年耗尽概率20%/38%/54%）；2024年首次出现当期赤字，"
        "2038年起持续赤字（连续3年以上）。")
    total = {"fund": "total", "depletion_year": pd.NA, "first_deficit_year": pd.NA,
             "first_sustained_deficit_year": pd.NA}
    assert fund_sentence(total, None, "en", horizon=2070) == \
        "All five funds together: the accumulated balance lasts to 2070."


def _tornado(rows, horizon=2060):
    cols = ["assumption", "label_zh", "label_en", "fund", "depletion_year_low",
            "depletion_year_base", "depletion_year_high", "balance_effect_low",
            "balance_effect_high"]
    t = pd.DataFrame(rows, columns=cols)
    for c in ("depletion_year_low", "depletion_year_base", "depletion_year_high"):
        t[c] = t[c].astype("Int64")
    filled = {c: t[c].astype(float).fillna(horizon + 1)
              for c in ("depletion_year_low", "depletion_year_base", "depletion_year_high")}
    t["depletion_effect_low"] = (filled["depletion_year_low"] - filled["depletion_year_base"]).astype(int)
    t["depletion_effect_high"] = (filled["depletion_year_high"] - filled["depletion_year_base"]).astype(int)
    t["balance_swing"] = (t["balance_effect_high"] - t["balance_effect_low"]).abs()
    t.attrs["horizon"] = horizon
    return t


def test_sensitivity_line_ranks_by_depletion_swing_then_balance():
    """Swings by hand: wage 2035–2050 = 15 years; rate 2040–2046 = 6; adj 2046–2040 = 6 but a
    bigger balance swing than rate, so it ranks second; mortality 2042–2044 = 2."""
    t = _tornado([
        ("rate", "收益率", "Return", "enterprise_pension", 2040, 2043, 2046, -50e4, 50e4),
        ("wage", "工资", "Wage", "enterprise_pension", 2035, 2043, 2050, -10e4, 10e4),
        ("mort", "死亡率", "Mortality", "enterprise_pension", 2042, 2043, 2044, -900e4, 900e4),
        ("adj", "调整", "Adjustment", "enterprise_pension", 2046, 2043, 2040, 80e4, -80e4),
        ("wage", "工资", "Wage", "resident_pension", pd.NA, pd.NA, pd.NA, -3e4, 2e4),
        ("rate", "收益率", "Return", "resident_pension", pd.NA, pd.NA, pd.NA, -1e4, 9e4),
    ])
    ranked, measure = most_sensitive(t, "enterprise_pension", top=3)
    assert measure == "depletion" and list(ranked["assumption"]) == ["wage", "adj", "rate"]
    assert sensitivity_line(t, "enterprise_pension", "zh") == (
        "企业职工基本养老保险：耗尽年份对以下假设最敏感（低/高两侧的影响）："
        "工资（−8/+7年）、调整（+3/−3年）、收益率（−3/+3年）。")
    ranked, measure = most_sensitive(t, "resident_pension", top=1)
    assert measure == "balance" and list(ranked["assumption"]) == ["rate"]   # swing 10 > 5 亿元
    assert sensitivity_line(t, "resident_pension", "en", top=1) == (
        "Urban-rural resident pension: the 2060 balance is most sensitive to (effect of the "
        "low/high side) Return (−1.0/+9.0亿元).")


def test_sensitivity_line_marks_bounds_when_a_side_never_runs_out():
    t = _tornado([
        ("inc", "领取率", "Incidence", "unemployment", pd.NA, 2051, 2030, 0.0, 0.0),
        ("inj", "发生率", "Incidence", "work_injury", pd.NA, pd.NA, 2024, 0.0, 0.0),
    ])
    assert "（≥+10/−21年）" in sensitivity_line(t, "unemployment", "zh")      # 2061 − 2051
    assert "(+0/≤−37 years)" in sensitivity_line(t, "work_injury", "en")      # 2024 − 2061


def test_assumptions_that_leave_the_depletion_year_alone_are_not_named():
    t = _tornado([
        ("inj", "发生率", "Incidence", "work_injury", 2030, 2027, 2026, 0.0, 0.0),
        ("wage", "工资", "Wage", "work_injury", 2027, 2027, 2027, -5e4, 5e4),
    ])
    assert sensitivity_line(t, "work_injury", "en") == (
        "Work-injury insurance: the depletion year is most sensitive to (effect of the low/high "
        "side) Incidence (+3/−1 years).")
