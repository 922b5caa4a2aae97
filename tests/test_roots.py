"""model.engine.roots.brentq against scipy.optimize.brentq: the same root, bit for bit, on the
model's own equations and on textbook functions, and the same errors."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import optimize

from model.engine import roots
from model.engine.demography import mortality, population

CASES = [
    (lambda x: x ** 3 - 2 * x - 5, 2.0, 3.0, {}),                       # Wallis's example, root 2.0946
    (math.cos, 0.0, 3.0, {}),
    (lambda x: math.exp(x) - 10, -5.0, 5.0, {"xtol": 1e-14}),
    (lambda x: (x - 1e-3) * 1e6, -1.0, 1.0, {}),
    (lambda x: math.atan(x - 0.3), -10.0, 30.0, {"rtol": 1e-10}),
    (lambda x: x, -1.0, 0.0, {}),                                       # root at an end
]


@pytest.mark.parametrize("f, a, b, kw", CASES)
def test_same_root_as_scipy(f, a, b, kw):
    assert roots.brentq(f, a, b, **kw) == optimize.brentq(f, a, b, **kw)


def test_same_root_as_scipy_on_the_model_equations():
    # the end-1949 growth rate of the national pyramid
    births, cohort_q = population.births_by_sex()[0], population._national_mortality()[0]

    def gap(r):
        return population.stable_population(births, cohort_q, r).sum() - population.END_1949_POPULATION
    assert roots.brentq(gap, -0.05, 0.2, xtol=1e-14) == optimize.brentq(gap, -0.05, 0.2, xtol=1e-14)
    # a mortality loading for a life expectancy (both sexes, 2020)
    def e0_gap(k):
        q = mortality.death_probability([2020], k, 1.0, base_year=2020)[0, 0]
        return mortality.both_sex_life_expectancy(mortality.life_expectancy(q), 2020) - 76.0
    assert roots.brentq(e0_gap, *mortality.LOADING_RANGE, xtol=1e-12) == \
        optimize.brentq(e0_gap, *mortality.LOADING_RANGE, xtol=1e-12)
    # a pensioner mortality factor: Σ stock · min(k q, 1) = deaths
    rng = np.random.default_rng(0)
    stock, q = rng.uniform(0, 1e4, 202), rng.uniform(1e-4, 0.4, 202)

    def deaths_gap(k):
        return float((stock * np.minimum(k * q, 1.0)).sum()) - 5e4
    assert roots.brentq(deaths_gap, 1e-6, 1e3, xtol=1e-14) == optimize.brentq(deaths_gap, 1e-6, 1e3, xtol=1e-14)


def test_errors_like_scipy():
    with pytest.raises(ValueError):
        roots.brentq(lambda x: x * x + 1, -1.0, 1.0)
    with pytest.raises(RuntimeError):
        roots.brentq(lambda x: x ** 3 - 2 * x - 5, 2.0, 3.0, maxiter=2)
    with pytest.raises(ValueError):
        roots.brentq(math.cos, 0.0, 3.0, rtol=1e-17)
