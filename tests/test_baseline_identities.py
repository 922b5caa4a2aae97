"""Every identity holds exactly in the adopted baseline; adopted values match the report by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.baseline.adopted import (EXPENDITURE_ITEMS, FUNDS, HEADCOUNT_KEYS, INCOME_ITEMS, PER_CAPITA_KEYS,
                            TRANSFER_IN_LINES, TRANSFER_OUT_LINES, load_baseline)

SYNTHETIC = Path(__file__).parent / "fixtures" / "regions" / "synthetic-2022"
TRANSFERS = Path(__file__).parent / "fixtures" / "regions" / "synthetic-transfers-2023"
REGIONS = [None, SYNTHETIC]


@pytest.mark.parametrize("region", REGIONS + [TRANSFERS], ids=["changji", "synthetic", "transfers"])
def test_items_sum_to_totals_and_balance_rolls(region):
    baseline = load_baseline(region)
    assert tuple(baseline.funds) == FUNDS
    for fund, fb in baseline.funds.items():
        # the fund's own items, then its transfer lines between levels (0 where not stated)
        assert tuple(fb.income) == INCOME_ITEMS + TRANSFER_IN_LINES[fund]
        assert tuple(fb.expenditure) == EXPENDITURE_ITEMS[fund] + TRANSFER_OUT_LINES[fund]
        assert fb.income_total == sum(fb.income.values())
        assert fb.expenditure_total == sum(fb.expenditure.values())
        assert fb.balance_start == fb.balance_end - (fb.income_total - fb.expenditure_total)
        assert all(value >= 0 for value in fb.expenditure.values()), fund
        assert set(fb.headcounts) <= set(HEADCOUNT_KEYS[fund])
        assert set(fb.per_capita) <= set(PER_CAPITA_KEYS[fund])


@pytest.mark.parametrize("region", REGIONS, ids=["changji", "synthetic"])
def test_head_count_times_per_capita_equals_spending(region):
    funds = load_baseline(region).funds
    resident = funds["resident_pension"]
    assert resident.headcounts["recipients"] * resident.per_capita["pension_pp_pm"] * 12 / 1e4 == pytest.approx(
        resident.expenditure["pension_benefits"], rel=1e-12)
    unemployment = funds["unemployment"]
    months = unemployment.headcounts["recipient_months"]
    assert months * unemployment.per_capita["benefit_pp_pm"] / 1e4 == pytest.approx(
        unemployment.expenditure["unemployment_benefits"], rel=1e-12)
    if "medical_premium_pp_pm" in unemployment.per_capita:
        assert months * unemployment.per_capita["medical_premium_pp_pm"] / 1e4 == pytest.approx(
            unemployment.expenditure["medical_premiums"], rel=1e-12)


def test_changji_totals_are_the_table():
    """二表 2020, 2019 and budget columns, 万元."""
    funds = load_baseline().funds
    table = {  # fund: (income 2020, expenditure 2020, income 2019, expenditure 2019, budget in, budget out)
        "enterprise_pension": (211801, 278186, 261759, 257055, 191067, 281471),
        "public_pension": (223597, 220652, 219463, 216286, 220756, 218863),
        "resident_pension": (32072, 21508, 32023, 20276, 32376, 21695),
        "work_injury": (3933, 8878, 7555, 9211, 3865, 7569),
        "unemployment": (10870, 13471, 12587, 9699, 10365, 12624),
    }
    for fund, (inc, exp, inc19, exp19, binc, bexp) in table.items():
        fb = funds[fund]
        assert fb.income_total == pytest.approx(inc, abs=1e-6)
        assert fb.expenditure_total == pytest.approx(exp, abs=1e-6)
        assert (fb.income_prior, fb.expenditure_prior, fb.income_budget, fb.expenditure_budget) == (
            inc19, exp19, binc, bexp)


def test_changji_balances_and_their_roll_back():
    """三: 5.51, 2.43, 9.98, 0.82, 1.94亿; end-2019 = end-2020 − (income − expenditure)."""
    funds = load_baseline().funds
    expected = {"enterprise_pension": (55100, 55100 + 66385), "public_pension": (24300, 24300 - 2945),
                "resident_pension": (99800, 99800 - 10564), "work_injury": (8200, 8200 + 4945),
                "unemployment": (19400, 19400 + 2601)}
    for fund, (end, start) in expected.items():
        assert funds[fund].balance_end == pytest.approx(end)
        assert funds[fund].balance_start == pytest.approx(start)


def test_changji_adopted_items():
    funds = load_baseline().funds
    ep = funds["enterprise_pension"].expenditure
    # 26.07 (三) and 26.08 (四) share only 26.075亿; 0.52/0.51 share 0.515; residual 278186 − 277600 = 586
    assert ep["pension_benefits"] == pytest.approx(260750)
    assert ep["transfer_out"] == pytest.approx(5150)
    assert ep["other_expenditure"] == pytest.approx(586)
    # public: all 220652 to pensions (adoption.toml)
    assert funds["public_pension"].expenditure["pension_benefits"] == pytest.approx(220652)
    # work injury: 8777 + 93 + 8 = 8878 as stated; other income 0.003亿 ≈ 30万
    wi = funds["work_injury"]
    assert dict(wi.expenditure) == pytest.approx({"injury_benefits": 8777, "prevention": 93, "assessment": 8,
                                                  "other_expenditure": 0,
                                                  # the report excludes transfers between levels
                                                  "lower_subsidy_out": 0, "upper_remit_out": 0})
    assert wi.income["other_income"] == pytest.approx(30, abs=0.1)
    assert wi.income["contributions"] == pytest.approx(3700, abs=2)
    # unemployment: medical premiums = 0.55亿 − 3521万 = 1979万; rest of 13471 to other
    un = funds["unemployment"].expenditure
    assert (un["unemployment_benefits"], un["medical_premiums"], un["price_subsidy"]) == pytest.approx((3521, 1979, 154))
    assert (un["skills_subsidy"], un["job_stabilisation"]) == pytest.approx((30, 6200))
    assert un["other_expenditure"] == pytest.approx(13471 - 3521 - 1979 - 154 - 30 - 6200)
    # every stated prose item stays inside its printed interval after spreading rounding residuals
    assert abs(funds["enterprise_pension"].income["contributions"] - 189500) <= 50
    assert abs(funds["unemployment"].income["contributions"] - 10400) <= 50


def test_changji_headcounts_and_per_capita():
    funds = load_baseline().funds
    assert dict(funds["enterprise_pension"].headcounts) == {"retirees": 79100, "retirees_prior": 77100, "deaths": 1727}
    assert dict(funds["public_pension"].headcounts) == {"retirees": 31900, "retirees_prior": 30900}
    assert dict(funds["resident_pension"].headcounts) == {"recipients": 97900, "deaths": 2900}
    assert dict(funds["work_injury"].headcounts) == {"insured": 245100, "beneficiaries": 1466}
    assert funds["unemployment"].headcounts["recipients"] == 6163
    assert funds["unemployment"].headcounts["recipient_months"] == 31941
    assert funds["unemployment"].headcounts["stabilisation_persons"] == 138100
    assert funds["enterprise_pension"].per_capita == {"adjustment_rate": pytest.approx(0.055), "adjustment_pp_pm": 161.75}
    assert funds["public_pension"].per_capita == {"adjustment_rate": pytest.approx(0.04), "adjustment_pp_pm": 249.0}
    # 180元 stated; adopted 21192万 / 97900 / 12 = 180.39元 (inside 180 ± 0.5)
    assert funds["resident_pension"].per_capita["pension_pp_pm"] == pytest.approx(180.39, abs=0.01)
    assert funds["unemployment"].per_capita["benefit_pp_pm"] == pytest.approx(1102.34, abs=0.01)
    exemptions = {f: funds[f].exemption for f in FUNDS}
    assert exemptions == {"enterprise_pension": 87200, "public_pension": 0, "resident_pension": 0,
                          "work_injury": 4100, "unemployment": 3100}


def test_baseline_is_frozen():
    fb = load_baseline().funds["work_injury"]
    with pytest.raises(Exception):
        fb.balance_end = 0
    with pytest.raises(TypeError):
        fb.income["contributions"] = 0
