"""Backtest from end-2019: the model's 2020 against the report (section 三 and 四 figures).

The tolerances are the accuracy the README states; the test fails if the model drifts past them.
"""
from __future__ import annotations

import json

import pytest

from model.analysis.backtest import EMPLOYER_RATE_2019, run_backtest
from model.cli import main


@pytest.fixture(scope="module")
def table():
    return run_backtest().set_index(["fund", "indicator"])


def test_employer_rate_of_2019_is_the_may_cut_averaged():
    """国办发〔2019〕13号: 20% until 30 April 2019, 16% from 1 May → (4 × 20% + 8 × 16%) / 12."""
    assert EMPLOYER_RATE_2019 == pytest.approx((4 * 0.20 + 8 * 0.16) / 12)


def test_enterprise_pensions_and_pensioners_within_two_percent(table):
    """Report §四(二)1: 7.91万 retirees and 26.08亿 of pensions in 2020; 7.71万 in 2019."""
    assert table.loc[("enterprise_pension", "beneficiaries"), "actual"] == pytest.approx(79100)
    assert abs(table.loc[("enterprise_pension", "beneficiaries"), "error_pct"]) < 2
    assert abs(table.loc[("enterprise_pension", "pension_benefits"), "error_pct"]) < 2


def test_relief_year_contributions_within_fifteen_percent(table):
    """Report §三(一),(四),(五): contributions 18.95亿, 0.37亿, 1.04亿 after the 2020 waivers."""
    for fund in ("enterprise_pension", "work_injury", "unemployment"):
        assert abs(table.loc[(fund, "contributions"), "error_pct"]) < 15, fund


def test_backtest_and_calibration_commands(capsys):
    assert main(["backtest", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["fund"] for r in rows} == {"enterprise_pension", "public_pension", "resident_pension",
                                         "work_injury", "unemployment"}
    assert main(["calibration", "--format", "json"]) == 0
    calibrated = {(r["fund"], r["name"]): r for r in json.loads(capsys.readouterr().out)}
    # (18.95亿 + 8.72亿) ÷ (6万元 × 24%) ≈ 192,153 contributors, ± the rounding of 18.95亿
    assert calibrated[("enterprise_pension", "contributors_init")]["value"] == pytest.approx(192153, abs=40)
    assert calibrated[("enterprise_pension", "contributors_init")]["unit"] == "persons"
