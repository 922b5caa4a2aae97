"""Population: ageing step, national pyramid from WPP births, default and regional profiles."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from model.engine.demography import mortality as M
from model.engine.demography import population as P
from model.errors import InputError


def test_national_2020_total_in_band_of_census():
    """Census 2020: 14.12亿 (NBS). Band ±6 %: the approximation ignores emigration, uses WPP's
    births (which WPP 2022 revised above the registered ones) and a stable pre-1950 population;
    ages 15-59, built only from WPP births, already come out about 3 % above the census."""
    total = P.national_population(2020).sum()
    assert 1.412e9 * 0.94 < total < 1.412e9 * 1.06


def test_national_2020_age_shares_plausible():
    """Census 2020: 18.70 % aged 60+, 17.95 % aged 0-14. Bands ±2.5 points."""
    by_age = P.national_population(2020).sum(axis=0)
    assert by_age[60:].sum() / by_age.sum() == pytest.approx(0.187, abs=0.025)
    assert by_age[:15].sum() / by_age.sum() == pytest.approx(0.1795, abs=0.025)


def test_1962_1975_boom_visible_in_2020():
    """births.tsv: 1962-1975 average ≈ 29.3 million births a year, 1976-1985 ≈ 22.2 million, so
    ages 45-58 in 2020 must outnumber ages 35-44 per year of age."""
    births = M._wpp_row("births")
    assert births.loc[1962:1975].mean() > 1.25 * births.loc[1976:1985].mean()
    by_age = P.national_population(2020).sum(axis=0)
    assert by_age[45:59].mean() > 1.1 * by_age[35:45].mean()


def test_end_1949_population_anchor():
    """The pre-1950 stable population sums to the NBS end-1949 figure, 54,167万, and 1950 is
    that population aged one year with 1950's births and mortality."""
    initial = P.population_end_1949()
    assert initial.sum() == pytest.approx(541.67e6, rel=1e-9)
    q = M.cohort_death_probability(M.death_probability([1950])[0, 0])
    survivors, _ = P.age_forward(initial, q, P.births_by_sex()[0])
    assert np.allclose(survivors, P.national_population(1950), rtol=1e-12)


def test_age_forward_conserves_people():
    """In = survivors + deaths: ΣP(t−1) + Σbirths = ΣP(t) + Σdeaths, per sex."""
    population = P.national_population(2019)
    q = M.cohort_death_probability(M.death_probability([2020], np.array([1.0, 1.3]))[:, 0])
    births = P.births_by_sex()[70]
    survivors, deaths = P.age_forward(population, q, births)
    assert survivors.shape == (2, 2, 101)
    assert np.allclose(survivors.sum(-1) + deaths.sum(-1), population.sum(-1) + births, rtol=1e-13)
    assert np.all(survivors[1].sum() < survivors[0].sum())


def test_vectorised_ageing_matches_scalar_per_cohort_reference():
    """Walk each cohort alone from its birth (or from end-1949) to 2020 with scalar arithmetic,
    Q(a) = 1 − sqrt((1 − q(a−1))(1 − q(a))), and compare ages 0..99 with the table."""
    years = np.arange(1950, 2021)
    q = M.death_probability(years)[0]
    births = P.births_by_sex()
    initial = P._national_table()[0]  # 1950; walk from end-1950 for older cohorts
    target = P.national_population(2020)
    for sex in (0, 1):
        for age in range(100):
            cohort = 2020 - age
            if cohort >= 1951:
                alive = births[cohort - 1950, sex] * math.sqrt(1 - q[cohort - 1950, sex, 0])
                start = cohort + 1
            else:
                alive = initial[sex, 1950 - cohort]
                start = 1951
            for year in range(start, 2021):
                a = year - cohort
                alive *= math.sqrt((1 - q[year - 1950, sex, a - 1]) * (1 - q[year - 1950, sex, a]))
            assert alive == pytest.approx(target[sex, age], rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(q=arrays(float, (4, 2, 101), elements=st.floats(0, 1)),
       births=arrays(float, (4, 2), elements=st.floats(0, 1e7)),
       initial=arrays(float, (2, 101), elements=st.floats(0, 1e6)))
def test_projection_never_negative_or_nan(q, births, initial):
    projected = P.project_population(initial, q, births)
    assert projected.shape == (4, 2, 101)
    assert np.all(np.isfinite(projected)) and np.all(projected >= 0)
    assert projected[-1].sum() <= initial.sum() + births.sum() * (1 + 1e-12) + 1e-6


@pytest.mark.parametrize("group", P.GROUPS)
def test_default_profiles_sum_to_one(group):
    profile = P.default_profile(group)
    assert profile.shape == (2, 101)
    assert profile.sum() == pytest.approx(1.0, abs=1e-12) and np.all(profile >= 0)


def test_default_profiles_respect_age_ranges_and_sex_split():
    ages = np.arange(101)
    contributors = P.default_profile("contributors")
    assert contributors[:, :16].sum() == 0 and contributors[:, 70:].sum() == 0
    assert contributors[0].sum() == pytest.approx(P.CONTRIBUTOR_MALE_SHARE)
    # men are all retired from 60 in 2020 (no reform yet), so no male contributors at 60+
    assert contributors[0, 60:].sum() == 0
    residents = P.default_profile("resident_contributors")
    assert residents[:, :16].sum() == 0 and residents[:, 60:].sum() == 0
    recipients = P.default_profile("resident_recipients")
    assert recipients[:, :60].sum() == 0
    retirees = P.default_profile("retirees", sex_split=0.5)
    assert retirees[0].sum() == pytest.approx(0.5)
    assert retirees[:, :50].sum() == 0 and retirees[0, :60].sum() == 0
    mean_age = lambda p: (p.sum(axis=0) * ages).sum()
    assert mean_age(P.default_profile("retirees")) > mean_age(contributors) + 20
    injury = P.default_profile("injury_beneficiaries")
    assert injury[0].sum() == pytest.approx(P.INJURY_MALE_SHARE)


def test_contributor_level_near_national_participants():
    """MOHRSS 2020 bulletin [unverified]: 32,859万 in-service employee-pension participants.
    The coverage knots were set to give about that; band ±15 %."""
    active = P._contributor_weights(2020, 0.6).sum()
    assert active == pytest.approx(3.2859e8, rel=0.15)


def test_scaled_and_initial_distribution():
    profile = P.default_profile("retirees")
    counts = P.scaled(profile, 79_100)
    assert counts.sum() == pytest.approx(79_100)
    batch = P.scaled(profile, np.array([1.0, 2.0, 3.0]))
    assert batch.shape == (3, 2, 101) and np.allclose(batch.sum(axis=(1, 2)), [1, 2, 3])
    population = P.national_population(2020)
    weights = (np.arange(101) >= 60).astype(float)
    counts = P.initial_distribution(1000.0, weights, population)
    assert counts.sum() == pytest.approx(1000.0) and counts[:, :60].sum() == 0
    with pytest.raises(InputError, match="total"):
        P.scaled(profile, -5)


def _table(rows):
    table = pd.DataFrame(rows, columns=["fund", "group", "sex", "age", "count"])
    table.attrs["source"] = "regions/changji/age_profiles.csv"
    return table


def test_profile_from_table_replaces_default():
    table = _table([("enterprise_pension", "retirees", "男", 60, 300),
                    ("enterprise_pension", "retirees", "female", 55, 500),
                    ("enterprise_pension", "retirees", 1, 100, 200),
                    ("public_pension", "retirees", "m", 60, 999)])
    profile = P.profile_from_table(table, "enterprise_pension", "retirees")
    assert profile[0, 60] == pytest.approx(0.3) and profile[1, 55] == pytest.approx(0.5)
    assert profile[1, 100] == pytest.approx(0.2) and profile.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("rows,field", [
    ([("f", "g", "x", 60, 1)], "sex"),
    ([("f", "g", 0, 101, 1)], "age"),
    ([("f", "g", 0, 60, -1)], "count"),
    ([("f", "g", 0, 60, 1), ("f", "g", "male", 60, 2)], "sex/age"),
    ([("other", "g", 0, 60, 1)], "fund/group"),
])
def test_profile_from_table_errors_name_file_and_field(rows, field):
    with pytest.raises(InputError) as err:
        P.profile_from_table(_table(rows), "f", "g")
    message = str(err.value)
    assert "regions/changji/age_profiles.csv" in message and f"字段 {field}" in message
