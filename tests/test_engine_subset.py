"""A run of some funds only (``Engine.run(..., funds=...)``) gives each of them exactly the series of
the five-fund run: a fund's projection reads the levers and its own group's demography, nothing
of the other funds. The scalar reference's benchmark (benchmarks/bench_targets.py) relies on it
to compare the same single fund."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.core import FUNDS, TOTAL, Engine
from model.errors import InputError

SCENARIOS = [{}, {"enterprise_pension.employer_rate": {2022: 0.14}},
             {"economy.wage_growth": 0.04, "demography.improvement_scale": 1.5},
             {"retirement.early_share": 0.3, "unemployment.incidence": 0.03}]


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region()


@pytest.fixture(scope="module")
def both(engine):
    return engine.run(SCENARIOS, end=2060)


@pytest.mark.parametrize("fund", FUNDS)
@pytest.mark.parametrize("cold", [False, True])
def test_one_fund_equals_its_part_of_the_five_fund_run(engine, both, fund, cold):
    if cold:   # the demography computed for this fund alone, not taken from the five-fund run
        engine.calibration.demography._cache.clear()
    one = engine.run(SCENARIOS, end=2060, funds=(fund,))
    assert list(one.series) == [fund]
    assert one.batch == len(SCENARIOS)
    assert set(one.series[fund]) == set(both.series[fund])
    for name, values in one.series[fund].items():
        np.testing.assert_allclose(values, both.series[fund][name], rtol=1e-12, atol=1e-9,
                                   err_msg=f"{fund}.{name}")


def test_two_funds_in_engine_order_and_no_total(engine, both):
    two = engine.run(SCENARIOS[:2], end=2040, funds=["unemployment", "enterprise_pension"])
    assert list(two.series) == ["enterprise_pension", "unemployment"]
    assert TOTAL not in two.series
    assert TOTAL in engine.run(SCENARIOS[:1], end=2040, funds=FUNDS).series


@pytest.mark.parametrize("funds", [(), ("pension",), ("enterprise_pension", "total")])
def test_unknown_or_no_fund_is_a_bilingual_error(engine, funds):
    with pytest.raises(InputError) as err:
        engine.run([{}], end=2030, funds=funds)
    assert "基金名称无效或为空" in str(err.value) and "unknown fund or no fund" in str(err.value)
