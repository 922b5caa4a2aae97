"""Population: ageing cohorts forward one year, the national age pyramid from WPP births, and the
default age-sex profiles of each fund's groups (replaceable by a region's own table).

Conventions: persons; shape (…, 2, 101) with sex 0 = male, 1 = female and age 0..100 at
31 December (100 open-ended). Population arrays are counts at 31 December of their year.

ASSUMPTIONS of the national pyramid (documented, not facts):
- Births: WPP 2022 China births by calendar year (``births.tsv`` 1950-2021, ``birthsprojMed.tsv``
  2022-2100; thousands), split by WPP's sex ratio at birth (males per female).
- Mortality: WPP China rates of :mod:`model.engine.demography.mortality` (loading 1, WPP improvement),
  applied with :func:`mortality.cohort_death_probability` of each calendar year.
- Migration ignored: China's net international migration is under 0.05 % of the population a
  year (WPP ``migration.tsv``).
- Cohorts born before 1950 (no births data): the end-1949 population is a stable population
  (births growing at a constant rate r before 1950, 1950's mortality) whose size equals China's
  end-1949 population, 54,167万 (NBS statistical yearbooks, 年末总人口 1949; widely quoted,
  not checked against a yearbook here); r comes out near 2.3 % a year. A stationary population
  (r = 0) would give about 9.5亿 in 1949, far too many old people. Those cohorts are 71+ in 2020,
  so their error only touches the oldest ages; from 2050 on every age below 100 comes from
  observed or WPP births.

Result for 2020 (tested): 14.6亿 against the census's 14.12亿 (+3.4 %); ages 15-59, which come
entirely from WPP births, are 9.23亿 against the census's 8.94亿, so most of the gap is WPP's
(revised-up) births and the ignored emigration, not the pre-1950 assumption.
"""
from __future__ import annotations

from functools import lru_cache

from typing import TYPE_CHECKING

import numpy as np

from model.engine.demography import retirement
from model.engine.demography.mortality import (FIRST_YEAR, LAST_YEAR, MAX_AGE, N_AGES, by_year,
                                        check_range, check_years, cohort_death_probability,
                                        death_probability, sex_ratio_at_birth)
from model.engine.roots import brentq
from model.errors import ProblemList

if TYPE_CHECKING:
    import pandas as pd

AGES = np.arange(N_AGES)

#: China's population at the end of 1949, persons (NBS statistical yearbooks, 54,167万;
#: widely quoted, unverified here). Anchors the pre-1950 cohorts of the national pyramid.
END_1949_POPULATION = 541.67e6

#: ASSUMPTION — share of the population contributing to an employee pension scheme (enterprise or
#: public) by age, both sexes, piecewise linear between knots (age in years, fraction). Shape:
#: entry after schooling (most start work between 18 and 23), a plateau at prime ages, a decline
#: after 45 because cohorts born before the 1970s had less urban formal employment, and nothing
#: after 70. Level: the plateau 0.48 makes the 2020 national total of active, not-yet-retired
#: contributors ≈ 3.3亿, close to the 32,859万 in-service participants of MOHRSS's 2020 statistical
#: bulletin [unverified; checked in tests to ±15 %]. Only its shape matters for employee groups,
#: which are scaled to the region's totals; the level matters for the resident complements.
EMPLOYEE_COVERAGE_KNOTS = ((16, 0.0), (18, 0.07), (20, 0.22), (23, 0.39), (26, 0.48), (45, 0.48),
                           (50, 0.39), (55, 0.31), (60, 0.22), (65, 0.13), (70, 0.0))

#: ASSUMPTION — share of people aged 16-24 not in full-time education (fraction), knots (age,
#: share): students do not join the resident scheme. China's gross tertiary enrolment was about
#: half of the cohort around 2020, so roughly half are still studying at 18-21.
#: ASSUMPTION — membership of the government and public-institution scheme (机关事业单位养老保险)
#: by age, knots (age, relative level). Staff are recruited after higher education, at about
#: 22–25 (civil-service and institution entry examinations take graduates), and stay employed
#: continuously to retirement; there is no cohort decline as in the enterprise profile because
#: posts are an establishment (编制) refilled as staff retire. Only the shape matters: the level is
#: scaled to the fund's base-year contributors.
PUBLIC_COVERAGE_KNOTS = ((21, 0.0), (22, 0.25), (25, 1.0), (100, 1.0))

NOT_IN_EDUCATION_KNOTS = ((16, 0.1), (18, 0.3), (22, 0.7), (25, 1.0))

#: ASSUMPTION — male share of employee-scheme contributors (fraction). Women are somewhat under
#: half of China's urban employed persons; 0.55 is the rounded default. A lever.
CONTRIBUTOR_MALE_SHARE = 0.55
#: ASSUMPTION — male share of long-term work-injury beneficiaries (fraction): injuries concentrate
#: in construction, mining, transport and heavy manufacturing, mostly male jobs. No source found.
INJURY_MALE_SHARE = 0.75

GROUPS = ("contributors", "retirees", "resident_contributors", "resident_recipients",
          "injury_beneficiaries", "unemployed")
SEX_CODES = {"0": 0, "1": 1, "male": 0, "female": 1, "m": 0, "f": 1, "男": 0, "女": 1}


# --- ageing -------------------------------------------------------------------------------------

def age_forward(population: np.ndarray, cohort_q: np.ndarray, births: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """One calendar year of ageing and death: (survivors, deaths), both (…, 2, 101) persons.

    survivors(0) = births × (1 − Q(0)); survivors(a) = P(a − 1) × (1 − Q(a)) for 1 ≤ a ≤ 99;
    survivors(100) = (P(99) + P(100)) × (1 − Q(100)); deaths = entrants − survivors, indexed the
    same way (by age at 31 December of the year). P is the population at the previous 31 December
    (…, 2, 101), Q the year's ``cohort_death_probability`` (…, 2, 101), births (…, 2) persons.
    Conservation: ΣP + Σbirths = Σsurvivors + Σdeaths.
    """
    entrants = np.empty(np.broadcast_shapes(population.shape, cohort_q.shape))
    entrants[..., 0] = births
    entrants[..., 1:] = population[..., :-1]
    entrants[..., MAX_AGE] += population[..., MAX_AGE]
    deaths = entrants * cohort_q
    return entrants - deaths, deaths


def project_population(initial: np.ndarray, cohort_q: np.ndarray, births: np.ndarray) -> np.ndarray:
    """Population at 31 December of each projected year: (…, n_years, 2, 101) persons.

    ``initial`` (…, 2, 101) at the 31 December before the first year; ``cohort_q``
    (…, n_years, 2, 101); ``births`` (…, n_years, 2). Loops over years, vectorised otherwise.
    """
    n_years = cohort_q.shape[-3]
    shape = np.broadcast_shapes(initial.shape[:-2], cohort_q.shape[:-3], births.shape[:-2])
    out = np.empty(shape + (n_years, 2, N_AGES))
    deaths = np.empty(shape + (2, N_AGES))
    previous = initial
    for t in range(n_years):        # age_forward's steps, written straight into the year's row
        entrants = out[..., t, :, :]
        entrants[..., 0] = births[..., t, :]
        entrants[..., 1:] = previous[..., :-1]
        entrants[..., MAX_AGE] += previous[..., MAX_AGE]
        np.multiply(entrants, cohort_q[..., t, :, :], out=deaths)
        entrants -= deaths
        previous = entrants
    return out


# --- national pyramid ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def births_by_sex() -> np.ndarray:
    """WPP China live births by calendar year 1950..2100 and sex: (151, 2) persons."""
    estimates, projection = by_year("births"), by_year("birthsprojMed")     # thousands
    total = np.where(np.isnan(estimates), projection, estimates) * 1000.0
    ratio = sex_ratio_at_birth()
    male = total * ratio / (1.0 + ratio)
    return np.stack([male, total - male], axis=-1)


def stable_population(births: np.ndarray, cohort_q: np.ndarray, growth_rate: float = 0.0
                      ) -> np.ndarray:
    """Stable population whose births grew at ``growth_rate`` a year up to ``births`` (…, 2)
    under constant ``cohort_q`` (…, 2, 101): (…, 2, 101) persons.

    P(a) = B e^{−r a} Π_{k ≤ a}(1 − Q(k)) for a ≤ 99; P(100) = P(99) g / (1 − g) with
    g = e^{−r}(1 − Q(100)) (the open group's geometric tail). r = 0 gives the stationary population.
    """
    survival = np.cumprod(1.0 - cohort_q, axis=-1)
    population = births[..., None] * np.exp(-growth_rate * AGES) * survival
    tail = np.exp(-growth_rate) * (1.0 - cohort_q[..., MAX_AGE])
    population[..., MAX_AGE] = population[..., MAX_AGE - 1] * tail / (1.0 - tail)
    return population


@lru_cache(maxsize=1)
def _national_mortality() -> np.ndarray:
    """Cohort death probabilities of 1950..2100, WPP China: (151, 2, 101), read-only."""
    cohort_q = cohort_death_probability(death_probability(np.arange(FIRST_YEAR, LAST_YEAR + 1))[0])
    cohort_q.setflags(write=False)
    return cohort_q


def population_end_1949() -> np.ndarray:
    """End-1949 population (2, 101) persons: the stable population of 1950's births and mortality
    whose growth rate r makes it sum to :data:`END_1949_POPULATION` (solved with brentq)."""
    births, cohort_q = births_by_sex()[0], _national_mortality()[0]
    growth = brentq(lambda r: stable_population(births, cohort_q, r).sum() - END_1949_POPULATION,
                    -0.05, 0.2, xtol=1e-14)
    return stable_population(births, cohort_q, growth)


@lru_cache(maxsize=1)
def _national_table() -> np.ndarray:
    """National population at 31 December of 1950..2100: (151, 2, 101) persons, read-only."""
    table = project_population(population_end_1949(), _national_mortality(), births_by_sex())
    table.setflags(write=False)
    return table


def national_population(year: int) -> np.ndarray:
    """Approximate national population of China at 31 December of ``year``: (2, 101) persons.

    WPP births aged forward with WPP mortality, no migration (see the module docstring). Ages
    above year − 1950 come from the stationary pre-1950 assumption.
    """
    year = int(check_years([year], "year")[0])
    return _national_table()[year - FIRST_YEAR].copy()


# --- default age-sex profiles -------------------------------------------------------------------

def _knots(knots: tuple[tuple[float, float], ...]) -> np.ndarray:
    """Piecewise-linear function of age 0..100 from (age, value) knots; flat beyond the ends."""
    ages, values = zip(*knots)
    return np.interp(AGES, ages, values)


def employee_coverage() -> np.ndarray:
    """Share of the population in an employee pension scheme by age (101,), fraction."""
    return _knots(EMPLOYEE_COVERAGE_KNOTS)


def public_coverage() -> np.ndarray:
    """Relative membership of the public-institution scheme by age (101,): continuous employment
    from entry at about 22–25 (:data:`PUBLIC_COVERAGE_KNOTS`, an assumption)."""
    return _knots(PUBLIC_COVERAGE_KNOTS)


def _retired_by_sex(year: int, female_50_share: float) -> np.ndarray:
    """Share of each sex-age cohort retired by 31 December of ``year``: (2, 101) fraction."""
    men = retirement.retired_share(year, "male")
    women = retirement.retired_share(year, retirement.enterprise_female_mix(female_50_share))
    return np.stack([men, women])


def with_sex_split(weights: np.ndarray, male_share: float | None) -> np.ndarray:
    """Normalise (2, 101) weights to sum 1, with the male total set to ``male_share`` if given."""
    weights = np.asarray(weights, dtype=float)
    if male_share is None:
        return weights / weights.sum()
    problems = ProblemList()
    check_range(problems, "sex_split", np.array([male_share], float), 0.0, 1.0)
    by_sex = weights.sum(axis=-1)
    if np.any((by_sex == 0) & (np.array([male_share, 1 - male_share]) > 0)):
        problems.add("demography", "sex_split", male_share, "该性别没有人可分配",
                     "no one of that sex to assign", "0 或 1", "0 or 1")
    problems.raise_if_any()
    share = np.array([male_share, 1.0 - male_share])
    return weights * np.divide(share, by_sex, out=np.zeros(2), where=by_sex > 0)[:, None]


def _contributor_weights(year: int, female_50_share: float) -> np.ndarray:
    """Population × coverage(a) × still-active share(s, a): (2, 101) persons, no sex rescaling."""
    active = 1.0 - _retired_by_sex(year, female_50_share)
    return national_population(year) * employee_coverage() * active


def default_profile(group: str, sex_split: float | None = None, year: int = 2020,
                    female_50_share: float = retirement.ENTERPRISE_FEMALE_50_SHARE) -> np.ndarray:
    """Default age-sex shape of a fund group in ``year``: (2, 101), summing to 1.

    ASSUMPTION (no Changji age data exist; a region's ``age_profiles`` table replaces this):
    - ``contributors``: P(s, a) × coverage(a) × (1 − retired(s, a)); male share
      :data:`CONTRIBUTOR_MALE_SHARE` unless ``sex_split`` is given.
    - ``retirees``: P(s, a) × retired(s, a) × w(s), where w(s) is the contributors' sex weight
      (retirees are former contributors), so the older, surviving population dominates.
      retired(s, a) uses the statutory ages of ``year`` (men 60; women a mix of 50 and 55 with
      ``female_50_share`` on 50; pass ``retirement.PUBLIC_FEMALE_50_SHARE`` for public
      institutions).
    - ``resident_contributors``: P × (1 − coverage(a)) × not-in-education(a), ages 16..59.
    - ``resident_recipients``: P × (1 − coverage(45) × retired(s, a)), ages 60+ (those not
      drawing an employee pension).
    - ``injury_beneficiaries``: P × cumulative working exposure Σ_{x ≤ min(a, 60)} coverage(x),
      ages 18+, male share :data:`INJURY_MALE_SHARE`.
    - ``unemployed``: as ``contributors`` (no age data on benefit recipients found).
    P is :func:`national_population` of ``year``.
    """
    problems = ProblemList()
    if group not in GROUPS:
        problems.add("demography", "group", group, "未知的人群", "unknown group",
                     "、".join(GROUPS), ", ".join(GROUPS))
    problems.raise_if_any()
    population = national_population(year)
    coverage = employee_coverage()
    if group in ("contributors", "unemployed"):
        split = CONTRIBUTOR_MALE_SHARE if sex_split is None else sex_split
        return with_sex_split(_contributor_weights(year, female_50_share), split)
    if group == "retirees":
        raw = _contributor_weights(year, female_50_share)
        sex_weight = with_sex_split(raw, CONTRIBUTOR_MALE_SHARE).sum(axis=-1) / raw.sum(axis=-1)
        weights = population * _retired_by_sex(year, female_50_share) * sex_weight[:, None]
        return with_sex_split(weights, sex_split)
    if group == "resident_contributors":
        weights = population * (1.0 - coverage) * _knots(NOT_IN_EDUCATION_KNOTS)
        weights[:, (AGES < 16) | (AGES > 59)] = 0.0
        return with_sex_split(weights, sex_split)
    if group == "resident_recipients":
        weights = population * (1.0 - coverage[45] * _retired_by_sex(year, female_50_share))
        weights[:, AGES < 60] = 0.0
        return with_sex_split(weights, sex_split)
    exposure = np.cumsum(np.where(AGES <= 60, coverage, 0.0))   # injury_beneficiaries
    weights = population * exposure
    weights[:, AGES < 18] = 0.0
    return with_sex_split(weights, INJURY_MALE_SHARE if sex_split is None else sex_split)


def scaled(profile: np.ndarray, total) -> np.ndarray:
    """Headcounts = total × profile / Σprofile: (2, 101) persons, or (batch, 2, 101) when
    ``total`` is (batch,). ``profile`` (2, 101) non-negative with a positive sum."""
    profile = np.asarray(profile, dtype=float)
    total = np.asarray(total, dtype=float)
    problems = ProblemList()
    check_range(problems, "total", np.atleast_1d(total), 0.0, np.inf)
    check_range(problems, "profile", profile, 0.0, np.inf)
    if profile.shape != (2, N_AGES) or not profile.sum() > 0:
        problems.add("demography", "profile", list(profile.shape), "形状须为 (2, 101) 且总和为正",
                     "must be (2, 101) with a positive sum", "(2, 101)，非负，总和为正",
                     "(2, 101), non-negative, positive sum")
    problems.raise_if_any()
    return total[..., None, None] * (profile / profile.sum())


def initial_distribution(total, age_weights: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Headcounts = total × normalised(population × age_weights): (2, 101) or (batch, 2, 101).

    ``age_weights`` (101,) or (2, 101) fractions; ``population`` (2, 101) persons.
    """
    return scaled(np.asarray(population, float) * np.asarray(age_weights, float), total)


def profile_from_table(table: "pd.DataFrame", fund: str, group: str) -> np.ndarray:
    """A region's own age-sex profile of one fund group: (2, 101), summing to 1.

    ``table`` has columns fund, group, sex (0/1, male/female, m/f, 男/女), age (0..100, 100 = 100+)
    and count (persons, ≥ 0); ``table.attrs["source"]`` names the file in error messages.
    Missing ages count as 0; a repeated (sex, age) row is an error.
    """
    import pandas as pd   # only with a region's own table, which is already a DataFrame

    source = str(table.attrs.get("source", "age_profiles"))
    problems = ProblemList()
    missing = [c for c in ("fund", "group", "sex", "age", "count") if c not in table.columns]
    if missing:
        problems.add(source, ",".join(missing), None, "缺少列", "missing columns",
                     "fund, group, sex, age, count", "fund, group, sex, age, count")
        problems.raise_if_any()
    rows = table[(table["fund"] == fund) & (table["group"] == group)]
    if rows.empty:
        problems.add(source, "fund/group", f"{fund}/{group}", "没有这一人群的行", "no rows for this group",
                     "至少一行", "at least one row")
        problems.raise_if_any()
    sex = rows["sex"].astype(str).str.strip().str.lower().map(SEX_CODES)
    age = pd.to_numeric(rows["age"], errors="coerce")
    count = pd.to_numeric(rows["count"], errors="coerce")
    for name, bad, allowed in (
            ("sex", sex.isna(), ("0/1、male/female、男/女", "0/1, male/female, 男/女")),
            ("age", age.isna() | (age % 1 != 0) | (age < 0) | (age > MAX_AGE), ("0 至 100 的整数",
                                                                                "integers 0 to 100")),
            ("count", count.isna() | ~np.isfinite(count) | (count < 0), ("非负数", "non-negative numbers"))):
        if bad.any():
            problems.add(source, name, rows.loc[bad, name].tolist()[:5], "值无效", "invalid value",
                         *allowed)
    problems.raise_if_any()
    keys = pd.DataFrame({"sex": sex.astype(int), "age": age.astype(int)})
    if keys.duplicated().any():
        problems.add(source, "sex/age", keys[keys.duplicated()].values.tolist()[:5], "重复的行",
                     "repeated rows", "每个性别和年龄一行", "one row per sex and age")
    profile = np.zeros((2, N_AGES))
    profile[keys["sex"].to_numpy(), keys["age"].to_numpy()] = count.to_numpy(float)
    if not profile.sum() > 0:
        problems.add(source, "count", 0, "总人数为零", "total count is zero", "总和为正", "a positive sum")
    problems.raise_if_any()
    return profile / profile.sum()
