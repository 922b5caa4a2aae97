"""Identities that must hold exactly in every projection: roll-forward, totals, conservation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.baseline.adopted import FUNDS
from model.engine.core import MONEY_TOTALS, Engine
from model.engine.funds import REGISTRY

SCENARIOS = [
    {},
    {"enterprise_pension.employer_rate": {2022: 0.14}},
    {"retirement.reform": 0, "economy.wage_growth": 0.02, "economy.interest_rate": 0.0},
    {"enterprise_pension.subsidy_rule": 3, "unemployment.subsidy_rule": 2, "work_injury.rate_cut": {2021: 0.5}},
    {"demography.improvement_scale": 1.9, "enterprise_pension.deferral_share": {2021: 0.3, 2022: 0.0}},
]


@pytest.fixture(scope="module")
def result():
    return Engine.from_region().run(SCENARIOS, end=2070)


@pytest.mark.parametrize("fund", FUNDS)
def test_balance_rolls_forward_exactly(result, fund):
    s = result.series[fund]
    change = np.diff(s["accumulated_balance"], axis=1)
    np.testing.assert_allclose(change, s["income_total"][:, 1:] - s["expenditure_total"][:, 1:],
                               rtol=0, atol=1e-6)


@pytest.mark.parametrize("fund", FUNDS)
def test_totals_equal_the_sum_of_their_items(result, fund):
    s = result.series[fund]
    module = REGISTRY[fund]
    # transfer lines between levels included (0 for Changji, whose report excludes them)
    income = sum(s[k] for k in ("contributions", "fiscal_subsidy", "interest", "other_income", "transfer_in",
                                "upper_subsidy_in", "lower_remit_in") + (("central_in",) if "central_in" in s else ()))
    np.testing.assert_allclose(s["income_total"], income, rtol=0, atol=1e-6)
    out_lines = ("lower_subsidy_out", "upper_remit_out") + (("central_out",) if "central_out" in s else ())
    np.testing.assert_allclose(s["expenditure_total"], sum(s[k] for k in module.EXPENDITURE_ITEMS + out_lines),
                               rtol=0, atol=1e-6)
    np.testing.assert_allclose(s["current_balance"], s["income_total"] - s["expenditure_total"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(s["cumulative_subsidy"][:, -1], s["fiscal_subsidy"].sum(axis=1), rtol=1e-12)


def test_total_is_the_sum_of_the_five_funds(result):
    for name in MONEY_TOTALS:
        parts = [result.series[f][name] for f in FUNDS if name in result.series[f]]
        np.testing.assert_allclose(result.series["total"][name], sum(parts), rtol=1e-12, atol=1e-6)


@pytest.mark.parametrize("fund", ["enterprise_pension", "public_pension"])
def test_pensioners_are_conserved(result, fund):
    """pensioners(t+1) = pensioners(t) − deaths(t) + new pensioners(t+1)."""
    s = result.series[fund]
    np.testing.assert_allclose(s["beneficiaries"][:, 1:],
                               s["beneficiaries"][:, :-1] - s["deaths"][:, :-1] + s["new_pensioners"][:, 1:],
                               rtol=1e-10, atol=1e-6)


def test_long_table_is_complete_finite_and_documented(result):
    frame = result.frame([f"s{i}" for i in range(len(SCENARIOS))])
    assert list(frame.columns) == ["scenario", "fund", "year", "indicator", "value", "unit"]
    assert np.isfinite(frame["value"]).all()
    documented = pd.read_csv("data/variables.csv")
    assert set(frame["indicator"]) <= set(documented["indicator"])
    assert set(frame["fund"]) == set(FUNDS) | {"total"}
    heads = frame[frame["unit"] == "persons"]
    assert (heads["value"] >= 0).all()
    money = frame[(frame["indicator"] == "contributions")]
    assert (money["unit"] == "万元").all()
