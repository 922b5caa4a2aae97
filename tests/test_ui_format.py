"""ui.format against figures read off the Changji 2020 report and checked by hand."""
import math

import pytest

from ui import format as fmt


# Section 二 table (万元) and the prose beside it (亿元): 2020 total income 482273 万元 is written
# "总收入48.23亿元"; total expenditure 542695 万元 "总支出54.27亿元"; enterprise pension income
# 211801 万元 "总收入21.18亿元".
@pytest.mark.parametrize("wan, zh", [
    (482273, "48.23 亿元"),
    (542695, "54.27 亿元"),
    (211801, "21.18 亿元"),
    (3933, "0.39 亿元"),       # work-injury income, "总收入0.39亿元"
    (150, "0.02 亿元"),        # exactly 0.015 亿: half rounds away from zero
    (-150, "-0.02 亿元"),
    (-1, "0.00 亿元"),         # never "-0.00"
])
def test_money_yi_matches_report(wan, zh):
    assert fmt.money_yi(wan, "zh") == zh


def test_money_yi_english_and_signed():
    # 2020 total current balance from the table: 482273 − 542695 = −60422 万元 = −6.04 亿元
    assert fmt.money_yi(482273 - 542695, "en") == "-6.04 × 100m yuan"
    assert fmt.money_yi(4134, "zh", signed=True) == "+0.41 亿元"
    assert fmt.money_yi(482273, "zh", with_unit=False) == "48.23"


def test_money_wan_thousands_no_decimals():
    assert fmt.money_wan(482273) == "482,273 万元"
    assert fmt.money_wan(482273, "en") == "482,273 × 10k yuan"
    assert fmt.money_wan(-51114.4, "zh", signed=False) == "-51,114 万元"
    assert fmt.money_wan(30168, "zh", signed=True) == "+30,168 万元"


def test_persons_wan_in_chinese_only_when_large():
    # "离退休人员7.91万人" and "工伤保险待遇享受人数1466人"
    assert fmt.persons(79100, "zh") == "7.91 万人"
    assert fmt.persons(1466, "zh") == "1,466 人"
    assert fmt.persons(79100, "en") == "79,100 persons"
    assert fmt.persons(9999, "zh") == "9,999 人"


def test_months_years_percent_ratio():
    assert fmt.months(7.25, "zh") == "7.3 个月"
    assert fmt.months(7.25, "en") == "7.3 months"
    assert fmt.months(math.inf, "zh") == "∞"
    assert fmt.year(2035, "zh") == "2035年"
    assert fmt.year(2035.0, "en") == "2035"
    assert fmt.years_diff(3, "zh") == "+3 年"
    assert fmt.years_diff(-1, "en") == "-1 year"
    assert fmt.years_diff(-2, "en") == "-2 years"
    # total income fell 9.58% on 2019: (482273 − 533387) / 533387
    assert fmt.percent((482273 - 533387) / 533387) == "-9.58%"
    assert fmt.ratio(0.4567) == "0.46"


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_missing_is_dash_never_zero(missing):
    for f in (fmt.money_yi, fmt.money_wan, fmt.persons, fmt.months, fmt.year):
        assert f(missing, "zh") == fmt.DASH
    assert fmt.percent(missing) == fmt.DASH


def test_unit_labels_both_languages():
    assert fmt.unit_label("yi", "zh") == "亿元"
    assert fmt.unit_label("yi", "en") == "100 million yuan"
    assert fmt.unit_label("wan", "en") == "10 thousand yuan"
    assert fmt.unit_label("wan", "en", short=True) == "× 10k yuan"
    with pytest.raises(ValueError):
        fmt.money_yi(1, "fr")
