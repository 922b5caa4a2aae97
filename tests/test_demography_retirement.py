"""Retirement: the 2025 reform (policy-facts §7), schedule, hazard, divisor months."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from model.engine.demography import retirement as R
from model.errors import InputError


# --- statutory ages -----------------------------------------------------------------------------

def test_worked_example_man_born_january_1965():
    """policy-facts §7: a man born January 1965 retires at 60 years 1 month (February 2025)."""
    age = R.statutory_retirement_age_months(1965, 1, "male")
    assert age == 60 * 12 + 1
    month_index = 1965 * 12 + (1 - 1) + age      # months since year 0, January = 0
    assert (month_index // 12, month_index % 12 + 1) == (2025, 2)


@pytest.mark.parametrize("category,before,first,last_short,last,original,final", [
    # male: original 60 → first reformed birth Jan 1965 (original date Jan 2025). Step: +1 month
    # per 4 birth months; extra = k // 4 + 1 with k = months since Jan 1965; 63 needs extra 36,
    # k // 4 = 35 → k = 140 = 11 years 8 months → September 1976. August 1976: k = 139 → 35.
    ("male", (1964, 12), (1965, 1), (1976, 8), (1976, 9), 60, 63),
    # female_55: first Jan 1970 (original date Jan 2025); same step and cap of 36 months:
    # k = 140 → September 1981; August 1981 → 57 years 11 months.
    ("female_55", (1969, 12), (1970, 1), (1981, 8), (1981, 9), 55, 58),
    # female_50: first Jan 1975; +1 month per 2 birth months, cap 60 months: k // 2 + 1 = 60 →
    # k = 118 = 9 years 10 months → November 1984; October 1984: k = 117 → 59 months.
    ("female_50", (1974, 12), (1975, 1), (1984, 10), (1984, 11), 50, 55),
])
def test_first_and_last_stepped_birth_months(category, before, first, last_short, last, original,
                                             final):
    assert R.statutory_retirement_age_months(*before, category) == 12 * original
    assert R.statutory_retirement_age_months(*first, category) == 12 * original + 1
    assert R.statutory_retirement_age_months(*last_short, category) == 12 * final - 1
    assert R.statutory_retirement_age_months(*last, category) == 12 * final
    assert R.statutory_retirement_age_months(2000, 6, category) == 12 * final


@pytest.mark.parametrize("category,original", [("male", 60), ("female_55", 55), ("female_50", 50)])
def test_unreformed_is_original_age(category, original):
    years, months = np.meshgrid(np.arange(1950, 2010), np.arange(1, 13))
    ages = R.retirement_age_months(years, months, category, reform=False)
    assert np.all(ages == 12 * original)


def test_reform_ages_never_decrease_with_birth_date():
    years, months = np.meshgrid(np.arange(1960, 1990), np.arange(1, 13), indexing="ij")
    for category in R.CATEGORIES:
        ages = R.retirement_age_months(years, months, category).ravel()
        assert np.all(np.diff(ages) >= 0) and np.all(np.diff(ages) <= 1)


def test_min_contribution_years():
    """policy-facts §7: 15 until 2029, +6 months a year from 2030-01-01, 20 in 2039."""
    assert R.min_contribution_years(2029) == 15
    assert R.min_contribution_years(2030) == 15.5
    assert R.min_contribution_years(2035) == 18
    assert R.min_contribution_years(2039) == 20
    assert R.min_contribution_years(2060) == 20
    assert R.min_contribution_years(2039, reform=False) == 15


# --- slow scalar reference ----------------------------------------------------------------------

RULES = {"male": (60, 4, 63), "female_55": (55, 4, 58), "female_50": (50, 2, 55)}


def reference_age_months(year: int, month: int, category: str, reform: bool) -> int:
    original, step, final = RULES[category]
    k = (year - (2025 - original)) * 12 + month - 1
    if not reform or k < 0:
        return 12 * original
    return 12 * original + min(k // step + 1, 12 * (final - original))


def reference_schedule(years, category, reform, early, late, short, early_years, late_years):
    """One birth cohort, one birth month, one behaviour at a time: {(year, age): fraction}."""
    out = defaultdict(float)
    original = RULES[category][0]
    for cohort in range(min(years) - 100, max(years) + 1):
        for month in range(1, 13):
            normal = reference_age_months(cohort, month, category, reform)
            normal_year = cohort + (month - 1 + normal) // 12
            minimum = 15.0
            if reform and normal_year >= 2030:
                minimum = min(20.0, 15.0 + 0.5 * (normal_year - 2029))
            for share, months in ((1 - early - late - short, normal),
                                  (early, max(12 * original, normal - 12 * early_years)),
                                  (late, normal + 12 * late_years),
                                  (short, normal + round(12 * (minimum - 15)))):
                retire_year = cohort + (month - 1 + months) // 12
                out[(retire_year, retire_year - cohort)] += share / 12
    return out


@pytest.mark.parametrize("category,reform", [("male", True), ("female_50", True),
                                             ("female_55", False), ("female_55", True)])
def test_vectorised_schedule_matches_scalar_reference(category, reform):
    years = list(range(2015, 2071))
    args = dict(early=0.1, late=0.05, short=0.12, early_years=3, late_years=2)
    expected = np.zeros((len(years), 101))
    for (year, age), value in reference_schedule(years, category, reform, **args).items():
        if years[0] <= year <= years[-1]:
            expected[year - years[0], age] += value
    schedule = R.retirement_schedule(years, category, reform, args["early"], args["late"],
                                     args["short"], args["early_years"], args["late_years"])
    assert np.max(np.abs(schedule - expected)) < 1e-12


def test_schedule_sums_to_one_along_each_fully_observed_cohort():
    years = np.arange(1990, 2101)
    schedule = R.retirement_schedule(years, "female_50", early_share=0.2, late_share=0.1)
    for cohort in range(1940, 2030):
        diagonal = [schedule[cohort + a - 1990, a] for a in range(101) if 1990 <= cohort + a <= 2100]
        assert sum(diagonal) == pytest.approx(1.0, abs=1e-12)


def test_early_retirement_never_before_original_age():
    """Cohort 1966 men: new age 60y4m..60y6m, early window capped at 60 (original)."""
    years = np.arange(2020, 2040)
    schedule = R.retirement_schedule(years, "male", early_share=1.0, short_share=0.0)
    assert schedule[:, :60].sum() == 0
    assert schedule[2026 - 2020, 60] == pytest.approx(1.0)


def test_short_share_delayed_by_rising_minimum():
    """Men born 1980 retire at 63 in 2043, when the minimum is 20 years: the short share pays
    5 more years and retires at 68 in 2048."""
    schedule = R.retirement_schedule(np.arange(2040, 2050), "male", short_share=0.25)
    assert schedule[2043 - 2040, 63] == pytest.approx(0.75)
    assert schedule[2048 - 2040, 68] == pytest.approx(0.25)


# --- hazard -------------------------------------------------------------------------------------

def reference_hazard(schedule_by_cohort, year, age):
    cohort = year - age
    retired_before = sum(schedule_by_cohort.get((cohort + a, a), 0.0) for a in range(age))
    remaining = 1 - retired_before
    return 1.0 if remaining <= 1e-12 else schedule_by_cohort.get((year, age), 0.0) / remaining


def test_hazard_matches_scalar_reference_and_schedule_route():
    years = list(range(2020, 2061))
    args = dict(early=0.15, late=0.1, short=0.1, early_years=3, late_years=3)
    reference = reference_schedule(years, "female_55", True, **args)
    hazard = R.retirement_hazard_for_years(years, "female_55", True, 0.15, 0.1, 0.1)
    for year in (2020, 2030, 2045, 2060):
        for age in range(45, 70):
            assert hazard[year - 2020, age] == pytest.approx(reference_hazard(reference, year, age),
                                                             abs=1e-12)
    assert np.all(hazard[:, 70:] == 1.0) and np.all(hazard[:, :45] == 0.0)
    long = np.arange(2020 - R.HAZARD_HISTORY_YEARS, 2061)
    via_schedule = R.retirement_hazard(R.retirement_schedule(long, "female_55", True, 0.15, 0.1, 0.1))
    assert np.max(np.abs(via_schedule[-len(years):] - hazard)) < 1e-12


def test_batch_members_equal_single_calls_and_hazard_in_unit_interval():
    years = np.arange(2020, 2080)
    reform = np.array([True, False, True])
    early = np.array([0.0, 0.2, 0.3])
    late = np.array([0.1, 0.0, 0.2])
    mix = R.enterprise_female_mix(np.array([0.6, 0.5, 0.7]))
    hazard = R.retirement_hazard_for_years(years, mix, reform, early, late)
    assert hazard.shape == (3, 60, 101)
    assert np.all((hazard >= 0) & (hazard <= 1))
    for b in range(3):
        single = R.retirement_hazard_for_years(years, R.enterprise_female_mix(mix["female_50"][b]),
                                               bool(reform[b]), early[b], late[b])
        assert np.max(np.abs(single - hazard[b])) < 1e-12


def test_mixed_schedule_is_weighted_sum():
    years = np.arange(2020, 2050)
    mixed = R.mixed_schedule({"female_50": 0.6, "female_55": 0.4}, years)
    expected = 0.6 * R.retirement_schedule(years, "female_50") + 0.4 * R.retirement_schedule(
        years, "female_55")
    assert np.max(np.abs(mixed - expected)) < 1e-12
    with pytest.raises(InputError, match="weights"):
        R.mixed_schedule({"female_50": 0.6, "female_55": 0.6}, years)


@pytest.mark.parametrize("kwargs,field", [
    (dict(early_share=0.7, late_share=0.5), "early_share + late_share"),
    (dict(early_share=-0.1), "early_share"),
    (dict(early_years=4), "early_years"),
    (dict(category="female_60"), "category"),
])
def test_bad_retirement_input(kwargs, field):
    category = kwargs.pop("category", "male")
    with pytest.raises(InputError) as err:
        R.retirement_schedule([2020, 2021], category, **kwargs)
    assert field in str(err.value)


# --- divisor months -----------------------------------------------------------------------------

def test_divisor_months_table_and_interpolation():
    """国发〔2005〕38号 annex: 50 → 195, 55 → 170, 60 → 139, 61 → 132, 63 → 117.
    60 years 6 months: (139 + 132) / 2 = 135.5; 60 years 1 month: 139 − 7/12."""
    assert R.divisor_months(60) == 139
    assert list(R.divisor_months([50, 55, 63])) == [195, 170, 117]
    assert R.divisor_months(60.5) == pytest.approx(135.5)
    assert R.divisor_months(60 + 1 / 12) == pytest.approx(139 - 7 / 12)
    with pytest.raises(InputError, match="age_years"):
        R.divisor_months(39.5)


def test_min_contribution_years_final_value_is_a_lever():
    """policy-facts §7: +6 months a year from 2030; the lever sets where the rise stops."""
    from model.engine.demography.retirement import min_contribution_years
    assert float(min_contribution_years(2035, final=17)) == 17.0      # 15 + 0.5 × 6 = 18, capped at 17
    assert float(min_contribution_years(2032, final=17)) == 16.5
    assert float(min_contribution_years(2045, final=15)) == 15.0
    assert float(min_contribution_years(2045)) == 20.0
