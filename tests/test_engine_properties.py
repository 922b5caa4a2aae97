"""Property tests: for any valid lever values, no NaN, no inf, no negative headcount."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.engine.core import Engine
from model.scenarios.levers import catalogue

SPECS = catalogue()
# levers whose joint values are constrained elsewhere are drawn together below
RETIREMENT_SHARES = ("retirement.early_share", "retirement.late_share", "retirement.short_share")
DRAWABLE = sorted(n for n, s in SPECS.items() if n not in RETIREMENT_SHARES)


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region()


def _value(spec, draw):
    if spec.kind in ("flag", "code"):
        return float(draw(st.integers(int(spec.min), int(spec.max))))
    number = st.floats(spec.min, spec.max, allow_nan=False, allow_infinity=False)
    if spec.path and draw(st.booleans()):
        years = draw(st.lists(st.integers(2021, 2060), min_size=1, max_size=3, unique=True))
        return {y: draw(number) for y in years}
    return draw(number)


@st.composite
def overrides(draw):
    names = draw(st.lists(st.sampled_from(DRAWABLE), min_size=1, max_size=12, unique=True))
    out = {name: _value(SPECS[name], draw) for name in names}
    shares = draw(st.lists(st.floats(0, 1), min_size=3, max_size=3))
    total = sum(shares)
    if total > 1:   # the three shares of one cohort cannot exceed the whole cohort
        shares = [s / total for s in shares]
    out.update(dict(zip(RETIREMENT_SHARES, shares)))
    return out


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(overrides(), min_size=1, max_size=3))
def test_any_valid_levers_give_finite_non_negative_results(engine, batch):
    result = engine.run(batch, end=2060)
    for fund, table in result.series.items():
        for name, arr in table.items():
            assert np.isfinite(arr).all(), f"{fund}.{name} not finite"
    for fund in ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment"):
        s = result.series[fund]
        for name in ("contributors", "beneficiaries", "deaths", "new_pensioners", "new_cases",
                     "long_term_beneficiaries", "recipient_months"):
            if name in s:
                assert (s[name] >= -1e-9).all(), f"{fund}.{name} negative"
        for name in ("contributions", "benefits", "expenditure_total", "fiscal_subsidy", "interest"):
            assert (s[name] >= -1e-6).all(), f"{fund}.{name} negative"
