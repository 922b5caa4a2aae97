"""Mortality: WPP 2022 China rates by single age and year, loading, improvement, e0."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from model.engine.demography import mortality as M
from model.errors import InputError


def test_e0_of_2020_2025_rates_matches_data_readme():
    """data/README.md: with constant force, e0 for 2020-2025 is near 75.8 (male), 81.3 (female).

    Calendar year 2022 sits on the period's mid-point (2022.5), so it carries the period's rates.
    """
    e0 = M.life_expectancy(M.death_probability([2022])[0, 0])
    assert e0[0] == pytest.approx(75.8, abs=0.3)
    assert e0[1] == pytest.approx(81.3, abs=0.3)


def test_year_on_period_midpoint_has_the_period_rates():
    """mxM5.tsv, 2020-2025, age group 0: 0.00613028; group 60-64: 0.01363531 (single ages 60..64)."""
    m = M.central_death_rate([2022])[0]
    assert m[0, 0] == pytest.approx(0.00613028, rel=1e-9)
    assert np.allclose(m[0, 60:65], m[0, 60])
    assert m[0, 62] == pytest.approx(0.013635, rel=1e-4)


def test_interpolation_is_log_linear_between_midpoints():
    """Year 2020 (t + 0.5 = 2020.5) lies 3/5 of the way from 2017.5 to 2022.5."""
    m = M.central_death_rate([2017, 2020, 2022])
    expected = np.exp(0.4 * np.log(m[0]) + 0.6 * np.log(m[2]))
    assert np.allclose(m[1], expected, rtol=1e-12)


def test_wpp_e0_2020_is_close_to_published():
    """WPP's own annual e0 for 2020: 75.31 (male), 81.06 (female) (e0M.tsv / e0F.tsv)."""
    e0 = M.life_expectancy(M.death_probability([2020])[0, 0])
    assert e0[0] == pytest.approx(75.31, abs=0.3)
    assert e0[1] == pytest.approx(81.06, abs=0.3)


def test_q_monotone_in_loading():
    q = M.death_probability(range(2020, 2031), loading=np.array([0.8, 1.0, 1.2, 2.0]))
    assert np.all(np.diff(q, axis=0) > 0)


def test_improvement_scale_zero_freezes_and_one_follows_wpp():
    years = np.arange(2015, 2061)
    frozen = M.death_probability(years, improvement_scale=0.0)[0]
    assert np.allclose(frozen[years > 2020], frozen[years == 2020][0], rtol=1e-12)
    assert np.allclose(frozen[years <= 2020], M.death_probability(years[years <= 2020])[0])
    wpp = M.death_probability(years)[0]
    assert np.allclose(wpp, -np.expm1(-M.central_death_rate(years)), rtol=1e-12)
    faster = M.death_probability(years, improvement_scale=2.0)[0]
    e0 = M.life_expectancy(np.stack([frozen[-1], wpp[-1], faster[-1]]))
    assert np.all(np.diff(e0, axis=0) > 0)


def test_batch_shapes():
    years = range(2020, 2030)
    assert M.death_probability(years).shape == (1, 10, 2, 101)
    assert M.death_probability(years, loading=np.ones(7)).shape == (7, 10, 2, 101)
    assert M.death_probability(years, improvement_scale=np.ones((3, 10))).shape == (3, 10, 2, 101)
    by_year = M.death_probability(years, loading=np.linspace(1, 2, 10)[None, :])
    assert np.allclose(by_year[0, 3], M.death_probability([2023], loading=1 + 3 / 9)[0, 0])


def test_regional_loading_reproduces_halfway_gap():
    """REGIONAL_MORTALITY_LOADING puts both-sex e0 2020 halfway between China (77.93) and
    Xinjiang (74): (77.93 - 74) / 2 = 1.965 years below this module's own China e0."""
    def both(loading):
        e0 = M.life_expectancy(M.death_probability([2020], loading)[0, 0])
        return M.both_sex_life_expectancy(e0, 2020)
    gap = both(1.0) - both(M.REGIONAL_MORTALITY_LOADING)
    assert gap == pytest.approx((M.CHINA_E0_2020 - M.XINJIANG_E0_2021) / 2, abs=0.05)
    assert both(M.REGIONAL_MORTALITY_LOADING) == pytest.approx(76.0, abs=0.1)


def test_high_longevity_scale_matches_historic_pace():
    """Both-sex e0 gain 2000-2019 from WPP annual estimates, per year, against 2020-2050."""
    male, female = M._wpp_row("e0M"), M._wpp_row("e0F")
    historic = (M.both_sex_life_expectancy([male[2019], female[2019]], 2019)
                - M.both_sex_life_expectancy([male[2000], female[2000]], 2000)) / 19

    def pace(scale):
        e0 = M.life_expectancy(M.death_probability([2020, 2050], 1.0, scale)[0])
        return (M.both_sex_life_expectancy(e0[1], 2050) - M.both_sex_life_expectancy(e0[0], 2020)) / 30
    solved = brentq(lambda s: pace(s) - historic, 0.5, 4.0)
    assert M.HIGH_LONGEVITY_IMPROVEMENT_SCALE == pytest.approx(solved, abs=0.05)
    assert pace(1.0) < historic


def test_loading_for_e0_round_trip():
    loadings = M.loading_for_e0([74.0, 79.5], 2020)
    e0 = M.life_expectancy(M.death_probability([2020], loadings[0])[0, 0])[0]
    assert e0 == pytest.approx(74.0, abs=1e-8)
    e0 = M.life_expectancy(M.death_probability([2020], loadings[1])[0, 0])[1]
    assert e0 == pytest.approx(79.5, abs=1e-8)
    assert M.loading_for_e0(78.0, 2020) == pytest.approx(1.0, abs=0.01)
    with pytest.raises(InputError, match="target_e0_by_sex"):
        M.loading_for_e0([20.0, 79.0], 2020)


def test_life_expectancy_by_hand_for_constant_force():
    """Constant q = 1 − e^{−μ} at every age: l(x) = e^{−μx}; e0 = Σ_{x<100} l(x)(1 − q/2) +
    l(100)/μ (open group)."""
    mu = 0.05
    q = np.full(101, 1 - math.exp(-mu))
    expected = sum(math.exp(-mu * x) * (1 - q[0] / 2) for x in range(100)) + math.exp(-mu * 100) / mu
    assert M.life_expectancy(q) == pytest.approx(expected, rel=1e-12)


def test_cohort_death_probability_halves():
    """Q(a) = 1 − sqrt((1 − q(a−1))(1 − q(a))), Q(0) = 1 − sqrt(1 − q0), Q(100) = q(100)."""
    q = M.death_probability([2020])[0, 0]
    cohort = M.cohort_death_probability(q)
    assert cohort[0, 0] == pytest.approx(1 - math.sqrt(1 - q[0, 0]), rel=1e-12)
    assert cohort[1, 70] == pytest.approx(1 - math.sqrt((1 - q[1, 69]) * (1 - q[1, 70])), rel=1e-12)
    assert cohort[0, 100] == q[0, 100]
    assert q[0, 100] < 1 and np.all((cohort >= 0) & (cohort <= 1))


@pytest.mark.parametrize("field,kwargs", [
    ("loading", {"loading": -1.0}),
    ("loading", {"loading": float("nan")}),
    ("improvement_scale", {"improvement_scale": 9.0}),
    ("loading", {"loading": np.ones((2, 3))}),
    ("years", {"years": [1949]}),
])
def test_bad_input_raises_bilingual_error(field, kwargs):
    years = kwargs.pop("years", range(2020, 2030))
    with pytest.raises(InputError) as err:
        M.death_probability(years, **kwargs)
    assert field in str(err.value) and "允许" in str(err.value) and "allowed" in str(err.value)


@settings(max_examples=40, deadline=None)
@given(loading=st.floats(*M.LOADING_RANGE), scale=st.floats(*M.IMPROVEMENT_SCALE_RANGE),
       first=st.integers(1950, 2100), length=st.integers(1, 30), base=st.integers(1950, 2100))
def test_no_nan_for_extreme_valid_inputs(loading, scale, first, length, base):
    years = np.arange(first, min(first + length, 2101))
    q = M.death_probability(years, np.array([loading, M.LOADING_RANGE[1]]), scale, base)
    assert np.all(np.isfinite(q)) and np.all((q >= 0) & (q <= 1))
    cohort = M.cohort_death_probability(q)
    assert np.all(np.isfinite(cohort)) and np.all((cohort >= 0) & (cohort <= 1))
    e0 = M.life_expectancy(q)
    assert not np.any(np.isnan(e0)) and np.all(e0 > 0)
