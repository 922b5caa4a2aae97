"""Retirement: statutory ages under the 2025 gradual reform, flexible early / late retirement,
the rising minimum contribution years, and the yearly retirement schedule and hazard.

Legal source (policy-facts §7, checked): NPC Standing Committee decision of 2024-09-13, effective
2025-01-01, with the State Council's implementing measures.
- ``male`` (original age 60) and ``female_55`` (original 55): +1 month per 4 months of birth
  date, up to 63 and 58; ``female_50`` (original 50): +1 month per 2 months of birth, up to 55.
  The reform starts with people whose original retirement date is on or after 2025-01-01, i.e.
  those born in January of (2025 − original age).
- Minimum contribution years for a monthly pension: 15, rising by 6 months a year from 2030 to 20
  in 2039.
- Flexible retirement: up to 3 years before the new age, never before the original age; up to
  3 years after it by agreement.

Ages: the schedule's age axis is the age at 31 December of the retirement year,
a = t − birth year. A person born in month m (1..12) of year c who retires at age R months does so
in month m + R of their life, i.e. in calendar year c + floor((m − 1 + R) / 12); birth months are
taken as equally frequent within a cohort.

Shapes: schedules and hazards are ``(n_years, 101)`` or ``(batch, n_years, 101)`` when any of
``reform``, ``early_share``, ``late_share``, ``short_share`` or a mix weight is a (batch,) array.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import numpy as np

from model.engine.demography.mortality import N_AGES, check_range, number, read_table
from model import paths
from model.errors import ProblemList

DATA_DIR = paths.DATA_DIR / "reference"

REFORM_START_YEAR = 2025  # first calendar year of original retirement dates the reform moves


@dataclass(frozen=True)
class RetirementCategory:
    """Statutory retirement rule of one worker category (ages in whole years)."""

    original_age: int          # years, the pre-reform statutory age
    birth_months_per_step: int  # months of birth date per extra month of retirement age
    final_age: int             # years, the cap reached by the reform

    @property
    def first_reformed_birth_year(self) -> int:
        """Birth year (January) of the first cohort whose original date is on/after 2025-01-01."""
        return REFORM_START_YEAR - self.original_age


CATEGORIES: dict[str, RetirementCategory] = {
    "male": RetirementCategory(60, 4, 63),
    "female_55": RetirementCategory(55, 4, 58),
    "female_50": RetirementCategory(50, 2, 55),
}

#: Age at 31 December (years) at which every remaining active member retires (hazard 1). Above
#: any scheduled retirement: the latest is 63 + 3 late years = 66, or 63 + 5 catch-up years = 68.
MAX_ACTIVE_AGE = 70
#: Years of flexible early / late retirement allowed by the reform (policy-facts §7).
MAX_FLEXIBLE_YEARS = 3
#: Ages at 31 December [45, 70) inside which every scheduled retirement falls (the earliest is
#: 50, female_50's original age; the latest 68). Hazards are 0 below and 1 above the window.
RETIREMENT_AGES = (45, MAX_ACTIVE_AGE)
#: Years of schedule history :func:`retirement_hazard` needs before the first year it is asked
#: about: retirements begin at 45 at the earliest and the hazard is 1 from 70.
HAZARD_HISTORY_YEARS = MAX_ACTIVE_AGE - 45

#: ASSUMPTION — share of each cohort's retirees who reach the statutory age with exactly the old
#: minimum of 15 contribution years and so must keep paying (延长缴费) until the rising minimum is
#: met (fraction). No Changji or national figure was found; 0.10 reflects that flexible workers
#: (灵活就业人员) who contribute the minimum are a minority of enterprise retirees. A lever.
DEFAULT_SHORT_SHARE = 0.10

#: ASSUMPTION — share of enterprise women on the ``female_50`` (worker, 工人) rule rather than
#: ``female_55`` (cadre / management and technical, 干部) (fraction). No source found; production
#: and service workers outnumber management and technical staff in enterprises. A lever.
ENTERPRISE_FEMALE_50_SHARE = 0.6
#: ASSUMPTION — share of public-institution (机关事业单位) women on the ``female_50`` rule
#: (fraction): most are civil servants or professional staff (55); 0.1 for service workers (工勤).
PUBLIC_FEMALE_50_SHARE = 0.1


def _category(name: str) -> RetirementCategory:
    if name not in CATEGORIES:
        problems = ProblemList()
        problems.add("demography", "category", name, "未知的退休类别", "unknown retirement category",
                     "male、female_55、female_50", "male, female_55, female_50")
        problems.raise_if_any()
    return CATEGORIES[name]


def retirement_age_months(birth_year, birth_month, category: str, reform=True) -> np.ndarray:
    """Statutory retirement age in months, vectorised over broadcast inputs (int array).

    extra = min(floor(k / step) + 1, 12 × (final − original)) for k ≥ 0, else 0, where
    k = 12 × (birth_year − first reformed birth year) + birth_month − 1 counts birth months from
    the first reformed one; age = 12 × original + extra (extra = 0 when ``reform`` is False).
    """
    rule = _category(category)
    year = np.asarray(birth_year)
    month = np.asarray(birth_month)
    problems = ProblemList()
    check_range(problems, "birth_month", month.astype(float), 1, 12)
    check_range(problems, "birth_year", year.astype(float), 1800, 2100)
    if np.any(np.asarray(month, float) % 1) or np.any(np.asarray(year, float) % 1):
        problems.add("demography", "birth_year/birth_month", None, "必须是整数", "must be whole numbers",
                     "整数", "integers")
    problems.raise_if_any()
    k = (year.astype(int) - rule.first_reformed_birth_year) * 12 + month.astype(int) - 1
    cap = 12 * (rule.final_age - rule.original_age)
    extra = np.where(k >= 0, np.minimum(k // rule.birth_months_per_step + 1, cap), 0)
    return 12 * rule.original_age + np.where(np.asarray(reform, bool), extra, 0)


def statutory_retirement_age_months(birth_year: int, birth_month: int, category: str,
                                    reform: bool = True) -> int:
    """Statutory retirement age in months of one person (see :func:`retirement_age_months`)."""
    return int(retirement_age_months(birth_year, birth_month, category, reform))


#: The reform's final minimum contribution years (policy-facts §7: 15 rising to 20 by 2039).
MIN_YEARS_FINAL = 20.0
#: The largest final minimum the retirement window holds: the latest statutory age, 63, plus the
#: delay of those short of years, retiring in the last birth month, must stay below MAX_ACTIVE_AGE
#: (63 years + 6 years + 11 months < 70).
MIN_YEARS_FINAL_MAX = 21.0


def min_contribution_years(year, reform=True, final=MIN_YEARS_FINAL) -> np.ndarray:
    """Minimum contribution years for a monthly pension by retirement year (years).

    15 up to 2029; from 2030 it rises by 0.5 a year, i.e. 15 + 0.5 × (year − 2029), until it
    reaches ``final`` (20 by law, in 2039); always 15 without the reform. Vectorised; returns a
    float array (0-d for a scalar year).
    """
    year = np.asarray(year, dtype=float)
    rise = np.minimum(0.5 * np.clip(year - 2029, 0, None), np.asarray(final, dtype=float) - 15.0)
    return 15.0 + np.where(np.asarray(reform, bool), rise, 0.0)


@lru_cache(maxsize=64)
def _component_distributions(first_cohort: int, last_cohort: int, category: str, reform: bool,
                             early_years: float, late_years: float,
                             min_years_final: float = MIN_YEARS_FINAL) -> np.ndarray:
    """Retirement-age distributions of each birth cohort, one per behaviour: (4, n_cohorts, 101).

    Components: 0 normal (at the statutory age R), 1 early (at max(original, R − early_years)),
    2 late (at R + late_years), 3 short of minimum years (at R + 12 × (min_years(t) − 15) months,
    t the year of R). Entry [k, c, a] is the fraction of cohort c whose retirement falls in the
    year they turn a (age at 31 December); each row sums to 1. Read-only, cached.
    """
    rule = CATEGORIES[category]
    cohorts = np.arange(first_cohort, last_cohort + 1)[:, None]        # (C, 1)
    months = np.arange(1, 13)[None, :]                                 # (1, 12)
    normal = retirement_age_months(cohorts, months, category, reform)  # (C, 12) months
    year_of_normal = cohorts + (months - 1 + normal) // 12
    delay = np.round(12 * (min_contribution_years(year_of_normal, reform, min_years_final) - 15)).astype(int)
    ages_months = np.stack([
        normal,
        np.maximum(12 * rule.original_age, normal - round(12 * early_years)),
        normal + round(12 * late_years),
        normal + delay,
    ])                                                                 # (4, C, 12)
    age_at_year_end = np.minimum((months - 1 + ages_months) // 12, N_AGES - 1)
    distribution = np.zeros((4, cohorts.shape[0], N_AGES))
    component, cohort, _ = np.indices(age_at_year_end.shape)
    np.add.at(distribution, (component, cohort, age_at_year_end), 1.0 / 12.0)
    low, high = RETIREMENT_AGES
    if distribution[..., :low].any() or distribution[..., high:].any():
        raise RuntimeError("a retirement age fell outside RETIREMENT_AGES; widen the window")
    distribution.setflags(write=False)
    return distribution


@lru_cache(maxsize=64)
def _window_components(first_cohort: int, last_cohort: int, category: str, reform: bool,
                       early_years: float, late_years: float,
                       min_years_final: float = MIN_YEARS_FINAL) -> np.ndarray:
    """:func:`_component_distributions` on the ages RETIREMENT_AGES, one contiguous
    ``(4, n_cohorts × n_window)`` block (the copy a reshape of the window would make on every
    call), kept with the same key. Read-only."""
    low, high = RETIREMENT_AGES
    full = _component_distributions(first_cohort, last_cohort, category, reform, early_years,
                                    late_years, min_years_final)
    block = np.ascontiguousarray(full[..., low:high]).reshape(4, -1)
    block.setflags(write=False)
    return block


def _shares(reform, early_share, late_share, short_share) -> tuple[np.ndarray, np.ndarray, bool]:
    """Behaviour weights (batch, 4) = [normal, early, late, short], reform flags (batch,), batched?"""
    arrays = [np.asarray(v, dtype=float) for v in (reform, early_share, late_share, short_share)]
    batched = any(a.ndim == 1 for a in arrays)
    if all(a.ndim == 1 and a.shape == arrays[0].shape and a.size for a in arrays):
        reform_b, early, late, short = arrays       # the engine's case: (batch,) each, checked at once
        total = early + late + short
        smallest = min(float(early.min()), float(late.min()), float(short.min()), float(total.min()))
        largest = max(float(early.max()), float(late.max()), float(short.max()))
        if smallest >= 0.0 and largest <= 1.0 and float(total.max()) <= 1.0 + 1e-9:   # NaN fails
            weights = np.stack([np.maximum(0.0, 1.0 - early - late - short), early, late, short], axis=-1)
            return weights, reform_b.astype(bool), True
    problems = ProblemList()
    for name, a in zip(("reform", "early_share", "late_share", "short_share"), arrays):
        if a.ndim > 1:
            problems.add("demography", name, list(a.shape), "形状不对", "wrong shape",
                         "标量或 (batch,)", "a scalar or (batch,)")
    problems.raise_if_any()
    try:
        reform_b, early, late, short = np.broadcast_arrays(*[np.atleast_1d(a) for a in arrays])
    except ValueError:
        problems.add("demography", "reform/early_share/late_share/short_share",
                     [list(a.shape) for a in arrays], "批次长度不一致", "batch lengths differ",
                     "相同长度或标量", "equal lengths or scalars")
        problems.raise_if_any()
    for name, a in (("early_share", early), ("late_share", late), ("short_share", short)):
        check_range(problems, name, a, 0.0, 1.0)
    # 1e-9 of slack: shares that sum to one in decimal may sum to 1 + 2e-16 in binary
    check_range(problems, "early_share + late_share + short_share", early + late + short, 0.0, 1.0 + 1e-9)
    problems.raise_if_any()
    weights = np.stack([np.maximum(0.0, 1.0 - early - late - short), early, late, short], axis=-1)
    return weights, reform_b.astype(bool), batched


def _check_flexible_years(early_years: float, late_years: float) -> None:
    if all(isinstance(v, (int, float)) and 0 <= v <= MAX_FLEXIBLE_YEARS for v in (early_years, late_years)):
        return                      # two plain numbers in range (NaN fails the comparison)
    problems = ProblemList()
    check_range(problems, "early_years", np.array([early_years], float), 0, MAX_FLEXIBLE_YEARS)
    check_range(problems, "late_years", np.array([late_years], float), 0, MAX_FLEXIBLE_YEARS)
    problems.raise_if_any()


def _mix(category: str | Mapping[str, object]) -> dict[str, np.ndarray]:
    """Category weights as {category: (batch,) or scalar array}; weights must sum to 1."""
    if isinstance(category, str):
        _category(category)
        return {category: np.asarray(1.0)}
    problems = ProblemList()
    weights = {name: np.asarray(w, dtype=float) for name, w in category.items()}
    for name, w in weights.items():
        _category(name)
        check_range(problems, f"weights[{name}]", np.atleast_1d(w), 0.0, 1.0)
    problems.raise_if_any()
    total = sum(np.atleast_1d(w) for w in weights.values())
    if not weights or np.any(np.abs(total - 1.0) > 1e-9):
        problems.add("demography", "weights", {k: v.tolist() for k, v in weights.items()},
                     "各类别权重之和必须为1", "category weights must sum to 1", "和为1", "a sum of 1")
    problems.raise_if_any()
    return weights


def _window_distribution(first: int, last: int, category: str | Mapping[str, object], reform=True,
                         early_share=0.0, late_share=0.0, short_share=DEFAULT_SHORT_SHARE,
                         early_years: float = 3.0, late_years: float = 3.0,
                         min_years_final=MIN_YEARS_FINAL) -> tuple[np.ndarray, bool]:
    """Cohort distribution restricted to ages RETIREMENT_AGES: ((batch, n_cohorts, n_window), batched).

    Work is done on the window only: it is where every retirement falls, and it keeps a
    1,000-member batch cheap.
    """
    _check_flexible_years(early_years, late_years)
    shares, reform_b, batched = _shares(reform, early_share, late_share, short_share)
    finals = np.asarray(min_years_final, dtype=float)
    problems = ProblemList()
    check_range(problems, "min_years_final", np.atleast_1d(finals), 15.0, MIN_YEARS_FINAL_MAX)
    problems.raise_if_any()
    batched = batched or finals.ndim == 1
    finals = np.broadcast_to(finals, reform_b.shape) if finals.ndim == 1 else np.full(reform_b.shape, float(finals))
    mix = _mix(category)
    batched = batched or any(np.ndim(w) == 1 for w in mix.values())
    low, high = RETIREMENT_AGES
    result = 0.0
    for name, weight in mix.items():
        for flag, final in {(bool(f), float(m)) for f, m in zip(reform_b, finals)}:
            selected = (reform_b == flag) & (finals == final)
            components = _window_components(first, last, name, flag, float(early_years),
                                            float(late_years), final)
            mixed = ((shares * selected[:, None]) @ components).reshape((-1, last - first + 1, high - low))
            result = result + np.atleast_1d(weight)[:, None, None] * mixed
    return np.asarray(result), batched


def cohort_retirement_window(first_cohort: int, last_cohort: int, category: str | Mapping[str, object],
                             reform=True, early_share=0.0, late_share=0.0,
                             short_share=DEFAULT_SHORT_SHARE, early_years: float = 3.0,
                             late_years: float = 3.0, min_years_final=MIN_YEARS_FINAL) -> np.ndarray:
    """:func:`cohort_retirement_distribution` of the cohorts ``first_cohort`` … ``last_cohort`` on
    the ages :data:`RETIREMENT_AGES` only, where every retirement falls (0 outside):
    ``(batch, n_cohorts, n_window)``, batch 1 when no argument is batched. The engine's
    demographic stage works on this window (``model.engine.cohorts``)."""
    window, _ = _window_distribution(int(first_cohort), int(last_cohort), category, reform, early_share,
                                     late_share, short_share, early_years, late_years, min_years_final)
    return window


def _consecutive(values, field: str) -> np.ndarray:
    values = np.atleast_1d(np.asarray(values, dtype=int))
    if values.ndim != 1 or values.size == 0 or np.any(np.diff(values) != 1):
        problems = ProblemList()
        problems.add("demography", field, np.asarray(values).tolist(), "必须是连续年份",
                     "must be consecutive years", "连续递增的年份", "consecutive increasing years")
        problems.raise_if_any()
    return values


def _embed(window: np.ndarray, fill_above: float) -> np.ndarray:
    """Put (…, n_window) values into (…, 101): 0 below the window, ``fill_above`` above it."""
    low, high = RETIREMENT_AGES
    full = np.zeros(window.shape[:-1] + (N_AGES,))
    full[..., low:high] = window
    full[..., high:] = fill_above
    return full


def cohort_retirement_distribution(birth_years, category: str | Mapping[str, object],
                                   reform=True, early_share=0.0, late_share=0.0,
                                   short_share=DEFAULT_SHORT_SHARE, early_years: float = 3.0,
                                   late_years: float = 3.0,
                                   min_years_final=MIN_YEARS_FINAL) -> np.ndarray:
    """Fraction of each birth cohort retiring in the year it turns a: ([batch,] n_cohorts, 101).

    D(c, a) = Σ_cat w_cat Σ_k share_k × D_k(c, a; cat, reform); k = normal, early, late, short
    (see :func:`_component_distributions`). ``birth_years`` consecutive; each row sums to 1.
    ``category`` is a category name or a mapping {category: weight} (weights scalar or (batch,)).
    Early retirees go at the earliest age allowed (``early_years`` before the new age, never
    before the original age), late ones ``late_years`` after it: the simplest shape that keeps
    the legal bounds; spreading them over the window would only smooth the schedule.
    """
    birth_years = _consecutive(birth_years, "birth_years")
    window, batched = _window_distribution(int(birth_years[0]), int(birth_years[-1]), category,
                                           reform, early_share, late_share, short_share,
                                           early_years, late_years, min_years_final)
    full = _embed(window, 0.0)
    return full if batched else full[0]


def _cohort_to_calendar(by_cohort: np.ndarray, years: np.ndarray, first_cohort: int,
                        ages: np.ndarray) -> np.ndarray:
    """Re-index (…, cohort, age) to (…, year, age): X[t, a] = Y[t − a − first_cohort, a]."""
    cohort_index = years[:, None] - ages[None, :] - first_cohort
    return by_cohort[..., cohort_index, np.arange(len(ages))[None, :]]


def _cohorts_for(years: np.ndarray) -> tuple[int, int]:
    """First and last birth cohort whose retirement window meets ``years``."""
    low, high = RETIREMENT_AGES
    return int(years.min()) - (high - 1), int(years.max()) - low


def retirement_schedule(years, category: str | Mapping[str, object], reform=True, early_share=0.0,
                        late_share=0.0, short_share=DEFAULT_SHORT_SHARE, early_years: float = 3.0,
                        late_years: float = 3.0) -> np.ndarray:
    """S(t, a): fraction of the cohort born t − a that retires in calendar year t: ([batch,] Y, 101).

    S(t, a) = D(t − a, a) of :func:`cohort_retirement_distribution` (same arguments); summed
    along a cohort's diagonal over all its years, S adds to 1.
    """
    years = np.atleast_1d(np.asarray(years, dtype=int))
    first, last = _cohorts_for(years)
    window, batched = _window_distribution(first, last, category, reform, early_share, late_share,
                                           short_share, early_years, late_years)
    ages = np.arange(*RETIREMENT_AGES)
    full = _embed(_cohort_to_calendar(window, years, first, ages), 0.0)
    return full if batched else full[0]


def mixed_schedule(weights: Mapping[str, object], years, **kwargs) -> np.ndarray:
    """Σ_cat weight_cat × S_cat(t, a) for a mix of categories, e.g. enterprise women
    ``{"female_50": ENTERPRISE_FEMALE_50_SHARE, "female_55": 1 − ENTERPRISE_FEMALE_50_SHARE}``.
    Weights scalar or (batch,), summing to 1; other arguments as :func:`retirement_schedule`.
    """
    return retirement_schedule(years, weights, **kwargs)


def enterprise_female_mix(female_50_share=ENTERPRISE_FEMALE_50_SHARE) -> dict[str, object]:
    """Category weights of enterprise women: {female_50: share, female_55: 1 − share}."""
    share = np.asarray(female_50_share, dtype=float)
    return {"female_50": share, "female_55": 1.0 - share}


def _hazard_from_shares(retiring: np.ndarray, retired_before: np.ndarray) -> np.ndarray:
    """h = retiring / (1 − retired_before); 1 where nobody is left (same shape)."""
    remaining = 1.0 - retired_before
    safe = remaining > 1e-12
    hazard = np.divide(retiring, remaining, out=np.ones_like(retiring), where=safe)
    return np.clip(hazard, 0.0, 1.0, out=hazard)


def retirement_hazard(schedule: np.ndarray) -> np.ndarray:
    """h(t, a): probability that a member still active at the start of year t, aged a at its end,
    retires during t; same shape as ``schedule`` ([batch,] Y, 101), in [0, 1].

    h(t, a) = S(t, a) / (1 − Σ_{k≥1} S(t − k, a − k)); h = 1 at ages ≥ MAX_ACTIVE_AGE and where no
    one is left. Rows must be consecutive years, and retirements before the first row count as
    none, so the schedule must start :data:`HAZARD_HISTORY_YEARS` before the first year used
    (:func:`retirement_hazard_for_years` does this from each cohort's full history).
    """
    schedule = np.asarray(schedule, dtype=float)
    retired_before = np.zeros_like(schedule)
    for t in range(1, schedule.shape[-2]):
        retired_before[..., t, 1:] = retired_before[..., t - 1, :-1] + schedule[..., t - 1, :-1]
    hazard = _hazard_from_shares(schedule, retired_before)
    hazard[..., MAX_ACTIVE_AGE:] = 1.0
    return hazard


def retirement_hazard_for_years(years, category: str | Mapping[str, object], reform=True,
                                early_share=0.0, late_share=0.0, short_share=DEFAULT_SHORT_SHARE,
                                early_years: float = 3.0, late_years: float = 3.0) -> np.ndarray:
    """h(t, a) of :func:`retirement_hazard` computed from each cohort's full history:
    ([batch,] Y, 101); 0 below age 45, 1 from MAX_ACTIVE_AGE. Arguments as
    :func:`retirement_schedule`.
    """
    years = np.atleast_1d(np.asarray(years, dtype=int))
    first, last = _cohorts_for(years)
    window, batched = _window_distribution(first, last, category, reform, early_share, late_share,
                                           short_share, early_years, late_years)
    ages = np.arange(*RETIREMENT_AGES)
    retired_before = np.cumsum(window, axis=-1) - window
    hazard = _hazard_from_shares(_cohort_to_calendar(window, years, first, ages),
                                 _cohort_to_calendar(retired_before, years, first, ages))
    full = _embed(hazard, 1.0)
    return full if batched else full[0]


def retired_share(year: int, category: str | Mapping[str, object], **kwargs) -> np.ndarray:
    """Fraction of each cohort retired by 31 December of ``year``, by age: ([batch,] 101).

    R(a) = Σ_{a' ≤ a} D(year − a, a'); arguments as :func:`retirement_schedule`.
    """
    year = int(year)
    low, high = RETIREMENT_AGES
    first = year - (N_AGES - 1)
    window, batched = _window_distribution(first, year - low, category, **kwargs)
    ages = np.arange(low, high)
    cumulative = _cohort_to_calendar(np.cumsum(window, axis=-1), np.array([year]), first, ages)
    full = _embed(cumulative[..., 0, :], 1.0)
    return full if batched else full[0]


@lru_cache(maxsize=1)
def _divisor_table() -> tuple[np.ndarray, np.ndarray]:
    header, rows = read_table(DATA_DIR / "pension-divisor-months.csv", sep=",")
    columns = [header.index("retirement_age"), header.index("divisor_months")]
    ages, months = (np.array([number(row[i]) for row in rows]) for i in columns)
    return ages, months


def divisor_months(age_years) -> np.ndarray:
    """Individual-account divisor (计发月数, months) for a retirement age in fractional years.

    Whole ages 40..70 from the annex of 国发〔2005〕38号 (data/reference/pension-divisor-months.csv);
    between whole years linear interpolation, e.g. 60 years 6 months → (139 + 132) / 2 = 135.5.
    ASSUMPTION: the official rule for month-level ages after the 2025 reform was not found.
    Ages outside 40..70 raise InputError (no extrapolation).
    """
    ages, months = _divisor_table()
    age = np.asarray(age_years, dtype=float)
    problems = ProblemList()
    check_range(problems, "age_years", np.atleast_1d(age), ages[0], ages[-1],
                source="pension-divisor-months.csv")
    problems.raise_if_any()
    return np.interp(age, ages, months)
