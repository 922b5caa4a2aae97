"""Headline sentences written from hand-made summary rows (the columns of model.analysis.compare)."""
import pandas as pd
import pytest

from ui.headlines import headline

COLUMNS = ["scenario", "fund", "first_deficit_year", "depletion_year", "min_payable_months",
           "cumulative_subsidy"]


def _summary(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("first_deficit_year", "depletion_year"):
        frame[c] = frame[c].astype("Int64")
    frame.attrs["baseline"] = "baseline"
    return frame


LABELS = {"baseline": "基准", "cut": "降费", "late": "延迟退休"}


def test_earlier_depletion_with_subsidy_change():
    s = _summary([("baseline", "enterprise_pension", 2020, 2031, -40.0, 150000.0),
                  ("cut", "enterprise_pension", 2020, 2028, -60.0, 162345.0),
                  ("late", "enterprise_pension", 2020, 2032, -30.0, 150000.0)])
    text = headline(s, "enterprise_pension", LABELS, 2060, "zh")
    # cut moves depletion 3 years, late only 1: cut is the headline; subsidy +12345 万元 = +1.23 亿元
    assert text == ("企业职工基本养老保险：在“基准”下，累计结余于2031年耗尽；"
                    "“降费”使耗尽提前3年（2028年），累计财政补贴变化+1.23 亿元。")


def test_never_depletes_reports_minimum_cover_in_english():
    s = _summary([("baseline", "resident_pension", pd.NA, pd.NA, 55.04, 0.0),
                  ("cut", "resident_pension", pd.NA, pd.NA, 50.0, 0.0)])
    text = headline(s, "resident_pension", {"baseline": "Baseline", "cut": "Cut"}, 2060, "en")
    assert text == ("Urban-rural resident pension: under \u201cBaseline\u201d, there is no current deficit "
                    "to 2060; the balance covers at least 55.0 months; \u201cCut\u201d lowers the minimum "
                    "cover by 5.0 months (to 50.0 months).")


@pytest.mark.parametrize("base_dep, other_dep, fragment", [
    (2040, pd.NA, "下到2060年不再耗尽"),
    (pd.NA, 2045, "下将于2045年耗尽"),
    (2040, 2040, "下耗尽年份不变"),
    (2040, 2043, "使耗尽推迟3年（2043年）"),
])
def test_direction_words(base_dep, other_dep, fragment):
    s = _summary([("baseline", "total", 2025, base_dep, 3.0, 0.0),
                  ("cut", "total", 2025, other_dep, 2.0, 0.0)])
    assert fragment in headline(s, "total", LABELS, 2060, "zh")


def test_single_scenario_is_just_the_verdict():
    s = _summary([("baseline", "work_injury", 2020, pd.NA, 4.2, 0.0)])
    assert headline(s, "work_injury", LABELS, 2060, "zh") == (
        "工伤保险：在“基准”下，2020年起出现当期赤字，但到2060年累计结余未耗尽，最低可支付4.2 个月。")


@pytest.mark.parametrize("other_dep, fragment", [
    (2028, "brings depletion 3 years earlier (2028)"),
    (2030, "brings depletion 1 year earlier (2030)"),
    (2032, "delays depletion by 1 year (2032)"),
])
def test_english_counts_years(other_dep, fragment):
    s = _summary([("baseline", "enterprise_pension", 2020, 2031, -40.0, 150000.0),
                  ("cut", "enterprise_pension", 2020, other_dep, -60.0, 150000.0)])
    text = headline(s, "enterprise_pension", {"baseline": "Baseline", "cut": "Cut"}, 2060, "en")
    assert fragment in text and "year(s)" not in text
