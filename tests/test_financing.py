"""Financing's two roll-forward loops (model.engine.financing): the Python-float loop a small
batch takes and the numpy loop a large one takes give the same bits, for every subsidy rule,
depleted balances and the required top-ups; and one year worked by hand."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.financing import FinanceInputs, _max, finance


def inputs(rows: int, n_years: int, seed: int, rules=None) -> FinanceInputs:
    rng = np.random.default_rng(seed)
    rule = np.asarray(rules if rules is not None else rng.integers(0, 4, rows))
    expenditure = rng.uniform(50, 150, (rows, n_years))
    return FinanceInputs(
        own_income=rng.uniform(20, 160, (rows, n_years)),        # some rows run into deficit
        expenditure=expenditure,
        subsidy_base=expenditure * rng.uniform(0.2, 1.0, (rows, 1)),
        reference_rate=rng.uniform(-0.01, 0.04, (rows, n_years)),
        spread=rng.uniform(-0.01, 0.01, rows),
        rule=rule,
        subsidy_growth=rng.uniform(-0.05, 0.1, (rows, n_years)),
        subsidy_share=rng.uniform(0.0, 0.3, (rows, n_years)),
        min_months=rng.uniform(0.0, 12.0, (rows, n_years)),
        margin=rng.uniform(0.0, 0.1, rows),
        subsidy_init=rng.uniform(0, 30, rows),
        interest_init=rng.uniform(0, 5, rows),
        balance_start=rng.uniform(-50, 400, rows),
    )


@pytest.mark.parametrize("rows, n_years, seed", [(1, 21, 0), (5, 41, 1), (8, 81, 2), (13, 30, 3), (40, 12, 4)])
def test_row_loop_equals_vector_loop_bit_for_bit(rows, n_years, seed):
    x = inputs(rows, n_years, seed)
    by_rows = finance(x, small_rows=10**6)
    by_vectors = finance(x, small_rows=0)
    for name in ("fiscal_subsidy", "interest", "accumulated_balance", "required_subsidy"):
        a, b = getattr(by_rows, name), getattr(by_vectors, name)
        assert a.tobytes() == b.tobytes(), name
    if rows >= 5:
        assert (by_rows.accumulated_balance < 0).any()      # depletion is exercised
        assert (by_rows.required_subsidy > 0).any()


@pytest.mark.parametrize("rule", [0, 1, 2, 3])
def test_each_rule_alone_same_bits(rule):
    x = inputs(3, 25, 10 + rule, rules=[rule] * 3)
    a, b = finance(x, small_rows=10**6), finance(x, small_rows=0)
    assert a.accumulated_balance.tobytes() == b.accumulated_balance.tobytes()
    assert a.fiscal_subsidy.tobytes() == b.fiscal_subsidy.tobytes()


def test_one_year_by_hand():
    """Gap filling, two years: interest 2% of a positive balance 100 = 2; own income 90,
    spending 120 with a 5% margin: subsidy = 120 × 1.05 − 90 − 2 = 34; balance 100 + 90 + 2 + 34 − 120 = 106."""
    one = np.ones((1, 2))
    x = FinanceInputs(own_income=90 * one, expenditure=120 * one, subsidy_base=120 * one,
                      reference_rate=0.02 * one, spread=np.zeros(1), rule=np.array([2]),
                      subsidy_growth=0 * one, subsidy_share=0 * one, min_months=0 * one,
                      margin=np.array([0.05]), subsidy_init=np.array([30.0]),
                      interest_init=np.array([0.0]), balance_start=np.array([100.0]))
    for small in (10, 0):
        r = finance(x, small_rows=small)
        assert r.accumulated_balance[0, 0] == pytest.approx(100.0)      # 100 + 90 + 0 + 30 − 120
        assert r.interest[0, 1] == pytest.approx(2.0)
        assert r.fiscal_subsidy[0, 1] == pytest.approx(34.0)
        assert r.accumulated_balance[0, 1] == pytest.approx(106.0)


def test_max_is_numpy_maximum():
    values = [0.0, -0.0, 1.5, -2.0, float("nan"), float("inf"), -float("inf")]
    for a in values:
        for b in values:
            expected = np.maximum(a, b)
            got = _max(a, b)
            assert np.array([got]).tobytes() == np.array([expected]).tobytes(), (a, b)
