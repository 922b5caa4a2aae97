"""Mortality: single-year death probabilities by calendar year, sex and age, with a regional
loading and a scalable improvement, and period life expectancy.

Source: UN World Population Prospects 2022, China, medium variant, central death rates m(x) by
abridged age group (0, 1-4, 5-9, …, 95-99, 100+) and 5-year period 1950-1955 … 2095-2100
(``data/reference/wpp2022-china/mxM5.tsv``, ``mxF5.tsv``; deaths per person-year).

Method, in the order applied:

1. Single years of age: constant force of mortality inside each abridged group, so every single
   age in a group gets the group's m (ages 0..99 from the groups; age 100 is the open group 100+).
2. Calendar year t: log m is interpolated linearly in time between period mid-points
   (period ``a-(a+5)`` is centred at a + 2.5, calendar year t at t + 0.5, so year a + 2 carries the
   period's own rates exactly). Before 1952 and after 2097 the first / last period is held flat.
3. Scenario: m(t, x) = loading × m(base, x) × F(t, x), with the improvement factor
   F(t, x) = [m_WPP(t, x) / m_WPP(base, x)] ** s for t > base (s = ``improvement_scale``; 1 = WPP
   medium variant, 0 = no improvement after the base year, > 1 faster) and s = 1 for t <= base
   (history is not rescaled).
4. q(t, x) = 1 − exp(−m(t, x)): one-year death probability at exact age x under constant force.
   q(100) is the one-year death probability of everybody in the open group 100+; survivors stay
   in the open group (see :func:`cohort_death_probability`), and :func:`life_expectancy` gives the
   open group the expectancy 1 / m(100+) of constant force.

Axis order: ``(batch, year, sex, age)``, sex 0 = male, 1 = female, age 0..100.
"""
from __future__ import annotations

import csv
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from model import paths
from model.engine.roots import brentq
from model.errors import ProblemList

if TYPE_CHECKING:
    import pandas as pd

DATA_DIR = paths.DATA_DIR / "reference" / "wpp2022-china"

MAX_AGE = 100
N_AGES = MAX_AGE + 1
AGES = np.arange(N_AGES)
SEXES = ("male", "female")
FIRST_YEAR = 1950  # first calendar year the WPP tables cover
LAST_YEAR = 2100   # last calendar year the WPP tables cover

#: Lower bounds of WPP's abridged age groups; the last (100) is open-ended.
GROUP_STARTS = (0, 1) + tuple(range(5, 101, 5))

#: Allowed range of the multiplicative mortality loading (factor on m(x), dimensionless).
#: 0.05 (mortality 20× lower than China) to 10 (e0 near 50) covers every plausible region and
#: stress test while keeping life expectancy finite.
LOADING_RANGE = (0.05, 10.0)
#: Allowed range of the improvement scale (multiplier of WPP's log-mortality decline after the
#: base year, dimensionless): 0 = frozen mortality, 5 = five times WPP's pace.
IMPROVEMENT_SCALE_RANGE = (0.0, 5.0)

#: China's life expectancy at birth in 2020, both sexes, years. Source: National Health
#: Commission, quoted in policy-facts §8 [secondary].
CHINA_E0_2020 = 77.93
#: Xinjiang's life expectancy at birth, both sexes, years, 2021. Source: secondary quotation
#: noted in data/README.md (low confidence).
XINJIANG_E0_2021 = 74.0

#: ASSUMPTION — default regional mortality loading for Changji (factor on WPP China m(x) at every
#: age, both sexes; dimensionless). Reasoning: Xinjiang's e0 (≈74, 2021, low confidence) is about
#: 3.9 years below China's (77.93, 2020, NHC). Changji prefecture is mostly Han and relatively
#: developed (Urumqi's neighbour), so it is placed halfway: e0 about 1.97 years below China's.
#: The gap is applied to this module's own China e0 (WPP 2020 rates with constant force; both
#: sexes 78.00) rather than to 77.93, so the approximation error of the life table does not leak
#: into the loading. Solved with :func:`loading_for_e0` for 2020 (both-sex e0 76.04); the test
#: ``test_regional_loading_reproduces_halfway_gap`` re-solves it. A lever, not a fact.
REGIONAL_MORTALITY_LOADING = 1.20

#: ASSUMPTION — improvement scale of the high-longevity option (dimensionless multiplier of WPP's
#: log-mortality decline after 2020). Reasoning: WPP's medium variant slows China's gains from
#: about 0.32 years of both-sex e0 per year in 2000-2019 (WPP annual estimates, e0M/e0F.tsv) to
#: about 0.19 a year in 2020-2050. The high-longevity option assumes mortality keeps falling as
#: fast as in 2000-2019; the scale that gives a both-sex e0 gain of 0.32 a year over 2020-2050 is
#: 1.9 (both-sex e0 2050 ≈ 87.6 instead of WPP's ≈ 83.6; solved in ``test_high_longevity_scale_matches_historic_pace``).
HIGH_LONGEVITY_IMPROVEMENT_SCALE = 1.9


def check_range(problems: ProblemList, field: str, value: np.ndarray, low: float, high: float,
                source: str = "demography") -> None:
    """Add a bilingual problem if any element of ``value`` is not finite or outside [low, high]."""
    value = np.asarray(value)
    if value.size:                  # the usual case in two reductions: finite and within range
        smallest, largest = float(value.min()), float(value.max())   # NaN if any is NaN
        if low <= smallest and largest <= high and math.isfinite(smallest) and math.isfinite(largest):
            return
    bad = ~np.isfinite(value) | (value < low) | (value > high)
    if np.any(bad):
        problems.add(source, field, np.asarray(value)[bad].ravel()[:3].tolist(),
                     "取值超出允许范围", "value outside the allowed range",
                     f"{low} 至 {high} 之间的有限数", f"finite numbers between {low} and {high}")


def read_table(path: Path, sep: str = "\t") -> tuple[list[str], list[list[str]]]:
    """Header and rows of a small reference table, as text (the csv module: pandas would add
    0.3 s to every start-up and these tables need nothing of it)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=sep))
    return rows[0], rows[1:]


def number(text: str) -> float:
    """A table cell as a float (an empty cell is NaN, as pandas reads it)."""
    return float(text) if text.strip() else math.nan


@lru_cache(maxsize=None)
def wpp_years(name: str) -> tuple[np.ndarray, np.ndarray]:
    """One-row WPP table ``name``.tsv (columns are years): (years int, values float), read-only."""
    header, rows = read_table(DATA_DIR / f"{name}.tsv")
    columns = [i for i, c in enumerate(header) if c.strip().isdigit()]
    years = np.array([int(header[i]) for i in columns])
    values = np.array([number(rows[0][i]) if i < len(rows[0]) else math.nan for i in columns])
    years.setflags(write=False)
    values.setflags(write=False)
    return years, values


def by_year(name: str) -> np.ndarray:
    """A one-row WPP table on calendar years 1950..2100 (151,), NaN where the table has no year."""
    out = np.full(LAST_YEAR - FIRST_YEAR + 1, np.nan)
    years, values = wpp_years(name)
    inside = (years >= FIRST_YEAR) & (years <= LAST_YEAR)
    out[years[inside] - FIRST_YEAR] = values[inside]
    return out


def _wpp_row(name: str) -> "pd.Series":
    """One-row WPP table ``name``.tsv as a float Series indexed by int year (for tests and
    reports; the engine uses :func:`wpp_years`, so pandas is imported only here)."""
    import pandas as pd

    years, values = wpp_years(name)
    return pd.Series(np.array(values), index=np.array(years))


@lru_cache(maxsize=1)
def wpp_group_rates() -> tuple[np.ndarray, np.ndarray]:
    """WPP central death rates by abridged group: ``(period_starts (30,), m (2, 22, 30))``.

    m in deaths per person-year; axis 1 follows :data:`GROUP_STARTS`, axis 2 the periods.
    """
    rates = []
    for name in ("mxM5", "mxF5"):
        header, rows = read_table(DATA_DIR / f"{name}.tsv")
        age = header.index("age")
        labels = [row[age].strip().rstrip("+") for row in rows]
        if labels != [str(a) for a in GROUP_STARTS]:
            raise ValueError(f"{name}.tsv: unexpected age groups {labels}")
        columns = [i for i, c in enumerate(header) if "-" in c]
        periods = [header[i] for i in columns]
        rates.append(np.array([[number(row[i]) for i in columns] for row in rows]))
    starts = np.array([int(p.split("-")[0]) for p in periods])
    return starts, np.stack(rates)


@lru_cache(maxsize=1)
def _log_rate_table() -> np.ndarray:
    """log m_WPP(t, s, x) for every calendar year 1950..2100: shape (151, 2, 101), read-only.

    Constant force within each abridged group; linear interpolation of log m between period
    mid-points (a + 2.5) at the calendar-year mid-point t + 0.5, flat beyond the ends.
    """
    starts, group_rates = wpp_group_rates()
    group_of_age = np.searchsorted(np.array(GROUP_STARTS), AGES, side="right") - 1
    log_single = np.log(group_rates[:, group_of_age, :])            # (2, 101, periods)
    mids = starts + 2.5
    t = np.arange(FIRST_YEAR, LAST_YEAR + 1) + 0.5
    position = np.clip(np.interp(t, mids, np.arange(len(mids))), 0, len(mids) - 1)
    lower = np.minimum(position.astype(int), len(mids) - 2)
    weight = position - lower
    table = (log_single[..., lower] * (1 - weight) + log_single[..., lower + 1] * weight)
    table = np.moveaxis(table, -1, 0)                                # (151, 2, 101)
    table.setflags(write=False)
    return table


def check_years(years, field: str = "years") -> np.ndarray:
    """Calendar years as an int array, each within 1950..2100, else :class:`InputError`."""
    arr = np.atleast_1d(np.asarray(years))
    if arr.ndim == 1 and arr.size and arr.dtype.kind in "iu" \
            and FIRST_YEAR <= int(arr.min()) and int(arr.max()) <= LAST_YEAR:
        return arr.astype(int)      # whole years in range: nothing to report
    problems = ProblemList()
    if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr.astype(float))) \
            or np.any(arr.astype(float) != np.round(arr.astype(float))):
        problems.add("demography", field, np.asarray(years).tolist(), "年份必须是整数序列",
                     "years must be a sequence of whole numbers",
                     f"{FIRST_YEAR} 至 {LAST_YEAR} 的整数", f"integers {FIRST_YEAR} to {LAST_YEAR}")
    else:
        check_range(problems, field, arr.astype(float), FIRST_YEAR, LAST_YEAR)
    problems.raise_if_any()
    return arr.astype(int)


def central_death_rate(years) -> np.ndarray:
    """WPP China m(t, s, x), deaths per person-year, shape (n_years, 2, 101); no loading."""
    years = check_years(years)
    return np.exp(_log_rate_table()[years - FIRST_YEAR])


def _lever(value, name: str, n_years: int, bounds: tuple[float, float]) -> np.ndarray:
    """A lever given as scalar, (batch,) or (batch, n_years), as a (batch, n_years or 1) array."""
    arr = np.asarray(value, dtype=float)
    problems = ProblemList()
    if arr.ndim == 0:
        arr = arr.reshape(1, 1)
    elif arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[1] not in (1, n_years) or arr.shape[0] == 0:
        problems.add("demography", name, list(np.shape(value)), "形状不对", "wrong shape",
                     f"标量、(batch,) 或 (batch, {n_years})",
                     f"a scalar, (batch,) or (batch, {n_years})")
        problems.raise_if_any()
    check_range(problems, name, arr, *bounds)
    problems.raise_if_any()
    return arr


def death_probability(years, loading=1.0, improvement_scale=1.0, base_year: int = 2020) -> np.ndarray:
    """One-year death probability q(t, s, x) at exact age x: shape (batch, n_years, 2, 101).

    q = 1 − exp(−loading × m_WPP(base, x) × F(t, x)),
    F(t, x) = exp(s_t × [log m_WPP(t, x) − log m_WPP(base, x)]), s_t = improvement_scale for
    t > base_year, 1 otherwise (see the module docstring).

    ``loading`` and ``improvement_scale`` are scalars, (batch,) or (batch, n_years) arrays
    (dimensionless; ranges :data:`LOADING_RANGE`, :data:`IMPROVEMENT_SCALE_RANGE`); batch is their
    broadcast. A 1-D array is always read as the batch axis. Result in [0, 1], never NaN.
    See also :func:`cohort_death_probability` for the engine's age-at-31-December convention.
    """
    years = check_years(years)
    base_year = int(check_years([base_year], "base_year")[0])
    load = _lever(loading, "loading", len(years), LOADING_RANGE)
    scale = _lever(improvement_scale, "improvement_scale", len(years), IMPROVEMENT_SCALE_RANGE)
    table = _log_rate_table()
    log_base = table[base_year - FIRST_YEAR]                          # (2, 101)
    log_change = table[years - FIRST_YEAR] - log_base                 # (Y, 2, 101)
    scale_t = np.where(years > base_year, scale, 1.0)                 # (Bs, Y)
    batch = np.broadcast_shapes(load.shape, scale_t.shape)[0]
    rate = np.empty((batch, len(years), 2, N_AGES))
    # in-place steps: this array reaches 1,000 × 80 × 2 × 101 in batched runs
    np.multiply(scale_t[..., None, None], log_change, out=rate)
    rate += log_base
    np.exp(rate, out=rate)
    rate *= load[..., None, None]                                     # m, deaths per person-year
    np.expm1(np.negative(rate, out=rate), out=rate)
    return np.negative(rate, out=rate)


def cohort_death_probability(q: np.ndarray) -> np.ndarray:
    """Death probability during calendar year t indexed by age at 31 December of t: same shape as q.

    The engine's age axis is a = t − birth year, so the cohort aged a at the end of t spends t at
    exact ages a − 1 … a + 1, on average half a year at each of ages a − 1 and a:
      Q(t, 0) = 1 − (1 − q0)^½            (births spread evenly over the year, constant force)
      Q(t, a) = 1 − [(1 − q(a−1))(1 − q(a))]^½,  1 ≤ a ≤ 99
      Q(t, 100) = q(100)                  (open group: arrivals from 99 and stayers alike)
    Q is applied to those alive at 1 January (or born during t): survivors(t, a) =
    population(t − 1, a − 1) × (1 − Q(t, a)); see ``population.age_forward``.
    """
    survival = 1.0 - np.minimum(np.asarray(q, dtype=float), 1.0)     # new array, reused in place
    last = survival[..., MAX_AGE].copy()
    survival[..., 1:MAX_AGE] *= survival[..., :MAX_AGE - 1].copy()   # (1 − q(a−1))(1 − q(a))
    np.sqrt(survival, out=survival)                                   # sqrt is cheaper than exp/log
    survival[..., MAX_AGE] = last
    return np.subtract(1.0, survival, out=survival)


def life_expectancy(q: np.ndarray) -> np.ndarray:
    """Period life expectancy at birth e0 from q(..., 101), years; shape q.shape[:-1].

    l(0) = 1, l(x+1) = l(x)(1 − q(x)); L(x) = l(x)(1 − q(x)/2) for x < 100 (deaths at mid-year);
    L(100) = l(100) / m(100) with m(100) = −ln(1 − q(100)) (open group, constant force);
    e0 = Σ L(x).
    """
    q = np.asarray(q, dtype=float)
    survival = 1.0 - q
    alive = np.concatenate([np.ones(q.shape[:-1] + (1,)), np.cumprod(survival[..., :-1], axis=-1)],
                           axis=-1)
    years_lived = alive[..., :-1] * (1.0 - 0.5 * q[..., :-1])
    with np.errstate(divide="ignore"):
        open_rate = -np.log1p(-q[..., -1])
        open_years = np.where(open_rate > 0, alive[..., -1] / np.where(open_rate > 0, open_rate, 1.0),
                              np.inf)
    return years_lived.sum(axis=-1) + open_years


@lru_cache(maxsize=1)
def sex_ratio_at_birth() -> np.ndarray:
    """WPP sex ratio at birth (males per female) by calendar year 1950..2100: (151,), read-only."""
    ratio = by_year("sexRatio")
    ratio.setflags(write=False)
    return ratio


def both_sex_life_expectancy(e0_by_sex, year: int) -> np.ndarray:
    """Both-sex e0 = (SRB × e0_male + e0_female) / (1 + SRB), SRB = sex ratio at birth of ``year``.

    ``e0_by_sex`` has the sex axis last (…, 2); years; result shape (…).
    """
    e0 = np.asarray(e0_by_sex, dtype=float)
    ratio = float(sex_ratio_at_birth()[int(year) - FIRST_YEAR])
    return (ratio * e0[..., 0] + e0[..., 1]) / (1.0 + ratio)


def loading_for_e0(target_e0_by_sex, year: int) -> np.ndarray | float:
    """Multiplicative loading on WPP China m(x) that gives a target period e0 in ``year``.

    ``target_e0_by_sex`` is (male, female) years → loadings (2,), one per sex; or a scalar
    both-sex target → one loading for both sexes (both-sex e0 as in
    :func:`both_sex_life_expectancy`). Solved with Brent's method
    (:func:`model.engine.roots.brentq`) on :data:`LOADING_RANGE`.
    """
    year = int(check_years([year], "year")[0])
    target = np.asarray(target_e0_by_sex, dtype=float)

    def e0_for(loading: float) -> np.ndarray:
        return life_expectancy(death_probability([year], loading, 1.0, base_year=year)[0, 0])

    low, high = LOADING_RANGE
    if target.ndim == 0:
        def gap(k: float, s: int = 0) -> float:
            return both_sex_life_expectancy(e0_for(k), year) - target
    else:
        def gap(k: float, s: int = 0) -> float:
            return e0_for(k)[s] - target[s]
    problems = ProblemList()
    if target.shape not in ((), (2,)):
        problems.add("demography", "target_e0_by_sex", target.tolist(), "形状不对", "wrong shape",
                     "标量（男女合计）或（男, 女）", "a scalar (both sexes) or (male, female)")
        problems.raise_if_any()
    sexes = range(1) if target.ndim == 0 else range(2)
    for s in sexes:
        reachable = (float(gap(high, s) + np.ravel(target)[s]), float(gap(low, s) + np.ravel(target)[s]))
        check_range(problems, "target_e0_by_sex", np.ravel(target)[s:s + 1], *reachable)
    problems.raise_if_any()
    roots = [brentq(gap, low, high, args=(s,), xtol=1e-12) for s in sexes]
    return roots[0] if target.ndim == 0 else np.array(roots)
