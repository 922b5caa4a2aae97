"""The app's headline and summary table lead with uncertainty: hand-made summary and Monte Carlo
rows (the columns of model.analysis.compare and model.analysis.uncertainty) in, exact words out."""
from __future__ import annotations

import pandas as pd

from ui.headlines import headline
from ui.tables import summary_table

SUMMARY_COLS = ["scenario", "fund", "first_deficit_year", "first_sustained_deficit_year",
                "depletion_year", "min_payable_months", "min_payable_months_year",
                "cumulative_subsidy", "d_first_deficit_year", "d_first_sustained_deficit_year",
                "d_depletion_year", "d_min_payable_months", "d_cumulative_subsidy"]
YEAR_COLS = [c for c in SUMMARY_COLS if c.endswith("year")]
MC_COLS = ["scenario", "fund", "paths", "seed", "horizon", "depletion_p10", "depletion_p50",
           "depletion_p90", "p_depleted_2030", "p_depleted_2035", "p_depleted_2040",
           "p_depleted_horizon"]
LABELS = {"baseline": "基准", "cut": "降费"}


def _summary(rows):
    s = pd.DataFrame(rows, columns=SUMMARY_COLS)
    for c in YEAR_COLS:
        s[c] = s[c].astype("Int64")
    s.attrs["baseline"] = "baseline"
    return s


def _mc(rows):
    m = pd.DataFrame(rows, columns=MC_COLS)
    for c in ("depletion_p10", "depletion_p50", "depletion_p90"):
        m[c] = m[c].astype("Int64")
    return m


SUMMARY = _summary([
    ("baseline", "enterprise_pension", 2024, 2038, 2043, -48.0, 2060, 100.0, 0, 0, 0, 0.0, 0.0),
    ("cut", "enterprise_pension", 2022, 2022, 2024, -62.0, 2060, 100.0, -2, -16, -19, -14.0, 0.0),
    ("baseline", "work_injury", 2021, pd.NA, pd.NA, 2.3, 2030, 0.0, 0, pd.NA, pd.NA, 0.0, 0.0),
    ("cut", "work_injury", 2021, pd.NA, pd.NA, 2.3, 2030, 0.0, 0, pd.NA, pd.NA, 0.0, 0.0),
])
MC = _mc([
    ("baseline", "enterprise_pension", 1000, 1, 2060, 2036, 2043, 2052, 0.2, 0.38, 0.54, 1.0),
    ("cut", "enterprise_pension", 1000, 1, 2060, 2023, 2024, pd.NA, 0.9, 0.91, 0.94, 0.95),
    ("baseline", "work_injury", 1000, 1, 2060, pd.NA, pd.NA, pd.NA, 0.0, 0.01, 0.03, 0.06),
    ("cut", "work_injury", 1000, 1, 2060, pd.NA, pd.NA, pd.NA, 0.0, 0.01, 0.03, 0.06),
])


def test_headline_puts_range_probabilities_and_sustained_year_beside_depletion():
    text = headline(SUMMARY, "enterprise_pension", LABELS, 2060, "zh", uncertainty=MC)
    assert text == (
        "企业职工基本养老保险：在“基准”下，累计结余于2043年耗尽（蒙特卡洛1,000条路径：耗尽年份10–90%区间"
        "2036–2052年；至2030/2035/2040年耗尽概率20%/38%/54%）；2024年首次出现当期赤字，"
        "2038年起持续赤字（连续3年以上）；“降费”使耗尽提前19年（2024年）。")


def test_headline_deficit_without_depletion_names_the_missing_sustained_run():
    text = headline(SUMMARY, "work_injury", LABELS, 2060, "en", uncertainty=MC)
    assert "the deficit never lasts 3 years running" in text
    assert "(Monte Carlo, 1,000 paths: only 6% run out by 2060; probability of running out by " \
           "2030/2035/2040: 0%/1%/3%)" in text


def test_headline_without_uncertainty_is_unchanged_in_shape():
    text = headline(SUMMARY, "enterprise_pension", LABELS, 2060, "zh")
    assert "蒙特卡洛" not in text and "2038年起持续赤字" in text


def test_table_has_sustained_year_range_and_probabilities():
    table = summary_table(SUMMARY, "enterprise_pension", LABELS, 2060, "zh", uncertainty=MC)
    base, cut = table.iloc[0], table.iloc[1]
    assert base["持续赤字起始年份（连续3年）"] == "2038年"
    assert cut["持续赤字起始年份（连续3年）"] == "2022年（-16 年）"
    assert base["耗尽年份10–90%区间（蒙特卡洛）"] == "2036–2052年"
    assert cut["耗尽年份10–90%区间（蒙特卡洛）"] == "2023–2060年以后"
    assert base["至2040年耗尽概率"] == "54%" and cut["至2030年耗尽概率"] == "90%"
    wi = summary_table(SUMMARY, "work_injury", LABELS, 2060, "en", uncertainty=MC)
    assert wi.iloc[0]["First sustained deficit year (3 years running)"] == "not 3 years running by 2060"
    assert wi.iloc[0]["Depletion year, 10–90% range (Monte Carlo)"] == "under 10% run out"
    assert list(summary_table(SUMMARY, "work_injury", LABELS, 2060, "en").columns).count(
        "Depletion year, 10–90% range (Monte Carlo)") == 0


def test_sensitivity_lines_only_for_funds_whose_depletion_moves():
    from ui.headlines import sensitivity_lines
    cols = ["assumption", "label_zh", "label_en", "fund", "depletion_year_low",
            "depletion_year_base", "depletion_year_high", "depletion_effect_low",
            "depletion_effect_high", "balance_effect_low", "balance_effect_high", "balance_swing"]
    t = pd.DataFrame([
        ("wage", "工资", "Wage", "enterprise_pension", 2035, 2043, 2050, -8, 7, -1.0, 1.0, 2.0),
        ("wage", "工资", "Wage", "resident_pension", pd.NA, pd.NA, pd.NA, 0, 0, -3e4, 2e4, 5e4),
    ], columns=cols)
    for c in ("depletion_year_low", "depletion_year_base", "depletion_year_high"):
        t[c] = t[c].astype("Int64")
    t.attrs["horizon"] = 2060
    assert sensitivity_lines(t, "zh") == [
        "企业职工基本养老保险：耗尽年份对以下假设最敏感（低/高两侧的影响）：工资（−8/+7年）。"]
