"""The demographic stage: who is alive, contributing and retired, by single year of age and sex.

Computed once per *unique* row of demographic levers in a batch (mortality loading and
improvement, the retirement reform and its behaviour shares), then shared by every batch member
with that row, so a Monte Carlo run with a few longevity levels or a sweep of fee rates does the
age-structured work only a few times. Everything the money stage needs is reduced here to
``(variant, year)`` aggregates and, for the two employee pension funds, a survivor matrix
``S[v, t, τ]``: the persons who started receiving a pension in year τ still alive in year t
(τ = 0 is the base-year stock of pensioners). Pension mass, deaths and funeral grants are then
linear in it (see ``model.engine.funds.employee_pension``).

Model, per variant (axis order (variant, year, sex, age), age at 31 December, 100 open):
- population N(t+1, s, a+1) = N(t, s, a) · (1 − q(t+1, s, a+1)); N(t+1, s, 0) = births(t+1, s) ·
  (1 − q); starting from the national 2020 structure (``model.engine.demography.population``);
- members of an employee scheme = N · employment(s, a); of them the share F(t, s, a) of their
  birth cohort already retired (``model.engine.demography.retirement``) is retired, the rest active;
  retirements in year t are N · employment · f(t, s, a) with f the cohort's retirement fraction;
- a group's base-year actives, pensioners and deaths are the fund's calibrated counts, so every
  series is the variant's own dynamics scaled to the base year (ratios to the variant's base-year
  value), and the base year itself is the same for every variant;
- pensioner deaths use q × k, k a per-fund selection factor calibrated to the base-year deaths;
  a fund whose report states no deaths (the public-institution fund) borrows k from a sibling fund
  that does (``GroupSpec.mortality_from``) times a documented differential lever
  (``public_pension.mortality_differential``), instead of WPP's population mortality (k = 1);
- new pensioners: the shape over time is the variant's retirement flow, and its level is anchored
  to the base year's new pensioners the report implies, pensioners − pensioners a year earlier +
  deaths (``GroupSpec.pensioners_prior``); without a prior-year count the flow is scaled with the
  actives as the contributors are;
- membership by age follows the group: enterprise (cohort-declining) or public institution
  (continuous employment from entry at 22–25, ``population.public_coverage``).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock
from typing import Sequence

import numpy as np

from model.engine.demography import mortality, population, retirement
from model.engine.roots import brentq

N_AGES = mortality.N_AGES
AGES = np.arange(N_AGES)
RESIDENT_PENSION_AGE = 60     # 城乡居民养老保险 pension age, unchanged by the 2025 reform
#: Ages at 31 December at which members retire: scheduled retirements fall in [45, 70) and
#: every member still active at 70 retires then (model.engine.demography.retirement).
RETIRING_AGES = np.arange(retirement.RETIREMENT_AGES[0], retirement.MAX_ACTIVE_AGE + 1)
LOG_FLOOR = -700.0           # clamp for log survival so exp() never overflows

# Demographic levers: a batch row's values of these define its variant.
PATH_LEVERS = ("demography.mortality_loading", "demography.improvement_scale")
SCALAR_LEVERS = ("retirement.reform", "retirement.early_share", "retirement.late_share",
                 "retirement.short_share", "retirement.enterprise_female_50_share",
                 "retirement.min_contribution_years_final", "public_pension.mortality_differential")
#: The lever multiplying a borrowed mortality basis (see GroupSpec.mortality_from).
MORTALITY_DIFFERENTIAL = "public_pension.mortality_differential"


@dataclass(frozen=True)
class GroupSpec:
    """A fund's population group and its base-year counts (persons)."""

    name: str                 # "enterprise", "public", "resident", "employees"
    actives_init: float       # contributors / insured in the base year
    pensioners_init: float    # pensioners / recipients in the base year (0 if none)
    deaths_init: float | None  # pensioner deaths in the base year, None = not reported
    pensioners_prior: float | None = None  # pensioners a year before the base year (anchors new pensioners)
    mortality_from: str | None = None      # fund whose calibrated k is borrowed when deaths are not reported


@dataclass(frozen=True)
class GroupDemography:
    """Headcounts of one group for every batch member, persons, arrays ``(batch, n_years)``.

    ``actives``: contributors before coverage expansion; ``retirements``: new pensioners in year
    t (0 in the base year, whose new pensioners are in the stock); ``survivors``: ``(variant,
    n_years, n_years)`` S[t, τ]; ``variant``: ``(batch,)`` index into it; ``pensioners`` and
    ``deaths`` without coverage expansion; ``retirement_age``: mean age of new pensioners;
    ``mortality_factor``: the pensioner mortality factor k applied, ``(batch,)``;
    ``age_shares``: the year's new pensioners by age, shares of :data:`RETIRING_AGES` summing to 1,
    ``(variant, n_years, len(RETIRING_AGES))`` (index with ``variant``; employee pension groups
    only, else None): the new-pension formula averages over them (contribution and account years,
    divisor months by age).
    """

    actives: np.ndarray
    retirements: np.ndarray
    pensioners: np.ndarray
    deaths: np.ndarray
    survivors: np.ndarray | None
    deaths_matrix: np.ndarray | None
    variant: np.ndarray
    retirement_age: np.ndarray
    mortality_factor: np.ndarray
    age_shares: np.ndarray | None = None


def unique_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a 2-D array, compared as raw bytes: (index of each distinct row's first
    occurrence, in order of first occurrence; inverse ``(rows,)``: the distinct row of each).

    One dictionary pass over the rows' bytes: 5–10× faster than ``np.unique(axis=0)``'s sort of
    void keys for the few hundred rows of a batch, and the order of first occurrence is stable.
    """
    table = np.ascontiguousarray(table)
    first: dict[bytes, int] = {}
    inverse = np.fromiter((first.setdefault(row.tobytes(), len(first)) for row in table),
                          dtype=np.intp, count=table.shape[0])
    starts = np.zeros(len(first), dtype=np.intp)
    starts[inverse[::-1]] = np.arange(table.shape[0] - 1, -1, -1)   # last write wins: the first row
    return starts, inverse


def unique_variants(levers) -> tuple[np.ndarray, np.ndarray]:
    """Rows of demographic levers: (first batch index of each unique row, inverse (batch,)).

    Rows are compared as raw bytes (:func:`unique_rows`). A batch whose demographic levers are
    all shared views (stride 0) is one variant without a look at its rows.
    """
    cols = [levers[name] for name in PATH_LEVERS] + [levers[name][:, -1:] for name in SCALAR_LEVERS]
    batch = cols[0].shape[0]
    if all(c.strides[0] == 0 for c in cols):
        return np.zeros(1, dtype=np.intp), np.zeros(batch, dtype=np.intp)
    return unique_rows(np.concatenate(cols, axis=1))


@lru_cache(maxsize=8)
def _employment() -> np.ndarray:
    return np.asarray(population.employment_rate(), dtype=float)


def _population(years: np.ndarray, q: np.ndarray) -> np.ndarray:
    """N(v, t, s, a), persons: the national base-year structure aged with the variant's q.

    Births are WPP's national births (the shape, not the level, matters: every group is scaled
    to its base-year count); migration is ignored.
    """
    n_var, n_years = q.shape[:2]
    pop = np.empty((n_var, n_years, 2, N_AGES))
    pop[:, 0] = population.national_population(int(years[0]))
    if n_years > 1:
        births = population.births_by_sex()[years[1:] - mortality.FIRST_YEAR]     # (T − 1, 2)
        pop[:, 1:] = population.project_population(pop[:, 0], q[:, 1:], births)
    return pop


def _calendar(by_cohort: np.ndarray, years: np.ndarray, first_cohort: int) -> np.ndarray:
    """(…, cohort, age) → (…, year, age): X[t, a] = Y[t − a − first_cohort, a]."""
    idx = years[:, None] - AGES[None, :] - first_cohort
    return by_cohort[..., idx, AGES[None, :]]


WINDOW_AGES = np.arange(*retirement.RETIREMENT_AGES)


def _retirement(years, category, reform, early, late, short, min_years_final,
                f_out: np.ndarray, cum_out: np.ndarray) -> None:
    """f, the fraction of the cohort retiring in year t at age a, and F, retired by then, written
    into ``f_out`` and ``cum_out`` (v, t, a).

    Worked on the retirement window (``retirement.cohort_retirement_window``) only: f is 0
    outside it; F is 0 below it and, above it, the cohort's total (cumulative sums of zeros add
    exact zeros, so these are the values of the whole-age distribution bit for bit).
    """
    first = int(years[0]) - (N_AGES - 1)
    window = retirement.cohort_retirement_window(
        first, int(years[-1]), category, reform=reform, early_share=early, late_share=late,
        short_share=short, min_years_final=min_years_final)                    # (v or 1, C, W)
    low, high = retirement.RETIREMENT_AGES
    cum = np.cumsum(window, axis=-1)
    inside, above = _window_index(years, first)
    f_out[..., :low] = 0.0
    f_out[..., low:high] = window[:, inside, WINDOW_AGES - low]
    f_out[..., high:] = 0.0
    cum_out[..., :low] = 0.0
    cum_out[..., low:high] = cum[:, inside, WINDOW_AGES - low]
    cum_out[..., high:] = cum[:, above, -1]


def _window_index(years: np.ndarray, first_cohort: int) -> tuple[np.ndarray, np.ndarray]:
    """Cohort of each (year, age) inside the retirement window and above it (lever-free)."""
    low, high = retirement.RETIREMENT_AGES
    cohort = years[:, None] - AGES[None, :] - first_cohort
    return cohort[:, low:high], cohort[:, high:]


@lru_cache(maxsize=8)
def _cohort_cells(n_years: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat gather indices laying a (year, sex, age) array out by birth cohort (lever-free, kept
    per horizon): ``(n_years, 2, n_years + 100)``, cohort c = 0 … n_years + 99 born in
    years[0] − 100 + c. ``aged``: the cell (u, s, min(u + 100 − c, 100)) for the cohorts alive
    in year u (ages above 100 read age 100), the zero slot past the end for those not yet born;
    ``entering``: the cell (u, s, u + 100 − c) for 0 ≤ u + 100 − c ≤ 100, the zero slot otherwise."""
    n_coh = n_years + N_AGES - 1
    u = np.arange(n_years)[:, None, None]
    s = np.arange(2)[None, :, None]
    c = np.arange(n_coh)[None, None, :]
    age = u + (N_AGES - 1) - c
    cell = (u * 2 + s) * N_AGES
    zero = n_years * 2 * N_AGES
    aged = np.where(age >= 0, cell + np.minimum(age, N_AGES - 1), zero)
    entering = np.where((age >= 0) & (age <= N_AGES - 1), cell + age, zero)
    aged.setflags(write=False)
    entering.setflags(write=False)
    return aged, entering


def _by_cohort(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """(v, T, s, a) values laid out by cohort with :func:`_cohort_cells` (0 in the zero slot)."""
    flat = np.zeros((values.shape[0], values[0].size + 1))
    flat[:, :-1] = values.reshape(values.shape[0], -1)
    return flat[:, index]


def _survival_logs(q: np.ndarray, factor: float) -> np.ndarray:
    """Cumulative log survival along birth cohorts, L[v, t, s, c] = Σ_{u<t} log(1 − k·q(u, s, age)).

    t runs 0..n_years (one past the horizon); cohort c = 0 … n_years + 99 is born in
    years[0] − 100 + c, so its age in year u is u + 100 − c (ages above 100 use q(100); a cohort
    not yet born has survival 1). ``q`` is (v, n_years, s, a): deaths during year u by age at its end.
    """
    n_var, n_years = q.shape[:2]
    n_coh = n_years + N_AGES - 1
    factor = np.reshape(np.asarray(factor, dtype=float), (-1, 1, 1, 1))     # scalar or (v,)
    log_surv = np.log1p(-np.minimum(q * factor, 1.0 - 1e-15))
    per_year = _by_cohort(log_surv, _cohort_cells(n_years)[0])              # (v, T, s, c)
    logs = np.zeros((n_var, n_years + 1, 2, n_coh))
    np.cumsum(per_year, axis=1, out=logs[:, 1:])
    return np.maximum(logs, LOG_FLOOR)


def survivor_matrix(entering: np.ndarray, q: np.ndarray, factor: float) -> tuple[np.ndarray, np.ndarray]:
    """S[v, t, τ] (persons alive in year t who started a pension in year τ ≤ t) and deaths D[v, t, τ].

    ``entering`` (v, n_years, s, a): persons starting a pension in year τ, row τ = 0 being the
    whole base-year stock. With L from :func:`_survival_logs` and c = τ + 100 − a,
    S[t, τ] = Σ_{s,a} entering(τ, s, a) · exp(L[t, s, c] − L[τ, s, c]), computed as X @ Yᵀ with
    X[τ, (s, c)] = entering · exp(−L[τ]) and Y[t, (s, c)] = exp(L[t]). D[t, τ] = S[t, τ] − S[t+1, τ]
    are the deaths during year t (k·q of year t).
    """
    n_var, n_years = entering.shape[:2]
    logs = _survival_logs(q, factor)                           # (v, T + 1, s, c)
    x = _by_cohort(entering, _cohort_cells(n_years)[1])        # (v, T, s, c)
    x *= np.exp(-logs[:, :n_years])
    y = np.exp(logs)
    s_full = np.matmul(y.reshape(n_var, n_years + 1, -1),
                       x.reshape(n_var, n_years, -1).transpose(0, 2, 1))   # (v, t = 0..T, τ)
    s_full *= np.tril(np.ones((n_years + 1, n_years), dtype=bool))
    survivors = s_full[:, :n_years]
    next_year = s_full[:, 1:] * np.tril(np.ones((n_years, n_years), dtype=bool))   # same cohorts τ ≤ t
    return survivors, survivors - next_year


def death_probabilities(years: np.ndarray, loading: np.ndarray, improvement: np.ndarray) -> np.ndarray:
    """q(v, t, s, a): probability of dying during calendar year t, by age at its end."""
    q = mortality.death_probability(years, loading=loading, improvement_scale=improvement,
                                    base_year=int(years[0]))
    return mortality.cohort_death_probability(q)


# --- the stage itself ---------------------------------------------------------------------------

PENSION_KINDS = {"enterprise": "employee_pension", "public": "employee_pension",
                 "resident": "resident", "employees": "insured"}


def _female_mix(group: str, enterprise_female_50_share: np.ndarray) -> dict[str, np.ndarray]:
    """Retirement categories of women: enterprise mix is a lever, public a fixed assumption."""
    if group == "public":
        share = np.full_like(enterprise_female_50_share, retirement.PUBLIC_FEMALE_50_SHARE)
    else:
        share = enterprise_female_50_share
    return {"female_50": share, "female_55": 1.0 - share}


@lru_cache(maxsize=1)
def _sex_weights() -> np.ndarray:
    """Relative membership of men and women at equal age (2,), so that men are
    ``population.CONTRIBUTOR_MALE_SHARE`` of the base-year contributors (an assumption)."""
    profile = population.default_profile("contributors")
    raw = profile.sum(axis=-1)
    plain = population.with_sex_split(profile, None).sum(axis=-1)
    return raw / np.maximum(plain, 1e-300)


def cohort_coverage(n_years: int, group: str = "enterprise") -> np.ndarray:
    """Employee-scheme membership by year and age (n_years, 101), following birth cohorts.

    The public-institution group uses ``population.public_coverage()`` (continuous employment
    from entry, flat after 25, so the rule below leaves it unchanged over time). The enterprise
    base-year profile ``population.employee_coverage()`` rises with age to a plateau (entry
    into work) and falls after it because older cohorts had less formal employment. Those are
    cohort effects, so a cohort past the plateau age keeps its base-year level as it ages, and a
    younger cohort follows the entry profile up to the plateau:
    m(t, a) = coverage(min(a, max(a − t, plateau age))), t counted from the base year.
    """
    base = population.public_coverage() if group == "public" else population.employee_coverage()
    plateau = int(np.argmax(base))
    t = np.arange(n_years)[:, None]
    age_at_base = AGES[None, :] - t
    return base[np.minimum(AGES[None, :], np.maximum(age_at_base, plateau))]


@lru_cache(maxsize=16)
def _membership(n_years: int, group: str) -> np.ndarray:
    """Membership rate by (1, year, sex, age): :func:`cohort_coverage` × the sex weights; it
    depends on the horizon and the group only (no lever), so it is kept per horizon. Read-only."""
    rate = cohort_coverage(n_years, group)[None, :, None, :] * _sex_weights()[None, None, :, None]
    rate.setflags(write=False)
    return rate


def _rate_of(profile: np.ndarray, pop: np.ndarray) -> np.ndarray:
    """Per-person propensity (2, 101) whose product with ``pop`` has the shape of ``profile``."""
    return np.divide(profile, pop, out=np.zeros_like(profile), where=pop > 0)


@dataclass(frozen=True)
class MemberCells:
    """An employee group by (variant, year, sex, age): population N, death probability Q, members
    N·m (m the cohort-following membership rate), the share f of the birth cohort retiring in the
    year and the share F retired by its end. actives = N·m·(1 − F); retirements = N·m·f."""

    population: np.ndarray
    q: np.ndarray
    members: np.ndarray
    retiring: np.ndarray
    retired: np.ndarray

    @property
    def actives(self) -> np.ndarray:
        return self.members * (1.0 - self.retired)

    @property
    def retirements(self) -> np.ndarray:
        return self.members * self.retiring


def _cell_array(shape: tuple[int, ...]) -> np.ndarray:
    """An empty (v, T, s, a) array laid out in memory as the retirement shares always were
    (C order for one variant, else (T, a, v, s) order: they were stacked from calendar
    gathers), so that every product and sum over them adds in the same order, bit for bit."""
    n_var, n_years, n_sex, n_ages = shape
    if n_var == 1:
        return np.empty(shape)
    return np.empty((n_years, n_ages, n_var, n_sex)).transpose(2, 0, 3, 1)


def member_cells(years: np.ndarray, q: np.ndarray, pop: np.ndarray, scalars: dict, group: str) -> MemberCells:
    """:class:`MemberCells` of an employee group ("enterprise" or "public": the women's
    retirement categories differ) for the variants' population and retirement levers."""
    reform = scalars["retirement.reform"].astype(bool)
    shares = (reform, scalars["retirement.early_share"], scalars["retirement.late_share"],
              scalars["retirement.short_share"], scalars["retirement.min_contribution_years_final"])
    retiring, retired = _cell_array(pop.shape), _cell_array(pop.shape)
    _retirement(years, "male", *shares, retiring[:, :, 0], retired[:, :, 0])
    _retirement(years, _female_mix(group, scalars["retirement.enterprise_female_50_share"]), *shares,
                retiring[:, :, 1], retired[:, :, 1])
    return MemberCells(population=pop, q=q, members=pop * _membership(len(years), group), retiring=retiring, retired=retired)


class DemographyStage:
    """Computes :class:`GroupDemography` for the fund groups of one region.

    ``specs``: ``{fund: (group name, GroupSpec)}``; calibration (:meth:`calibrate`) fixes each
    group's base-year pensioner stock by age and sex (from the default profiles, or a region's
    ``age_profiles`` table) and the pensioner mortality factor k (so base-year deaths match, or
    borrowed from ``spec.mortality_from`` when the report states no deaths).
    """

    def __init__(self, years_base: int, specs: dict[str, tuple[str, GroupSpec]],
                 age_profiles=None) -> None:
        self.base_year = years_base
        self.specs = specs
        self.age_profiles = age_profiles
        self.stock: dict[str, np.ndarray] = {}
        self.mortality_factor: dict[str, float] = {}
        self._rates: dict[str, np.ndarray] = {}
        self._cache = VariantCache()

    def _profile(self, fund: str, group_kind: str, default: np.ndarray) -> np.ndarray:
        if self.age_profiles is not None:
            table = self.age_profiles
            rows = table[(table["fund"] == fund) & (table["group"] == group_kind)]
            if len(rows):
                return population.profile_from_table(table, fund, group_kind)
        return default

    def calibrate(self, default_levers) -> None:
        """Base-year stocks and mortality factors from the default demographic levers."""
        self._cache.clear()
        years = np.array([self.base_year])
        q0 = death_probabilities(years, default_levers["demography.mortality_loading"][:1, :1],
                                 default_levers["demography.improvement_scale"][:1, :1])[0, 0]
        pop0 = population.national_population(self.base_year)
        f50 = float(default_levers["retirement.enterprise_female_50_share"][0, 0])
        for fund, (group, spec) in self.specs.items():
            kind = PENSION_KINDS[group]
            if kind == "employee_pension":
                share = retirement.PUBLIC_FEMALE_50_SHARE if group == "public" else f50
                default = population.default_profile("retirees", year=self.base_year, female_50_share=share)
                shape = self._profile(fund, "beneficiaries", default)
            elif kind == "resident":
                default = population.default_profile("resident_recipients", year=self.base_year)
                shape = self._profile(fund, "beneficiaries", default)
                self._rates[f"{fund}.recipients"] = _rate_of(shape, pop0)
                contributors = self._profile(
                    fund, "contributors", population.default_profile("resident_contributors", year=self.base_year))
                self._rates[f"{fund}.contributors"] = _rate_of(contributors, pop0)
            else:
                continue
            stock = spec.pensioners_init * shape / shape.sum()
            self.stock[fund] = stock
            expected = float((stock * q0).sum())
            if spec.deaths_init is None and spec.mortality_from in self.mortality_factor:
                self.mortality_factor[fund] = self.mortality_factor[spec.mortality_from]
            elif spec.deaths_init is None or expected <= 0:
                self.mortality_factor[fund] = 1.0
            else:
                self.mortality_factor[fund] = brentq(
                    lambda k: float((stock * np.minimum(k * q0, 1.0)).sum()) - spec.deaths_init,
                    1e-6, 1e3, xtol=1e-14)

    def _retirement_scale(self, fund: str, spec: GroupSpec, q: np.ndarray, factor: np.ndarray,
                          flow_total: np.ndarray, actives_scale: np.ndarray) -> np.ndarray:
        """Persons per unit of model retirement flow, ``(v, 1)``.

        With a prior-year pensioner count the base-year new pensioners are the report's own,
        R(0) = P(0) − P(−1) + D(0), D(0) = Σ stock × min(k·q(0), 1) the base-year pensioner deaths
        of the variant (the stated deaths where the report has them), and every later year's new
        pensioners are R(0) × flow(t) ÷ flow(0). Otherwise the flow is scaled with the actives.
        The scale no longer depends on the assumed average contribution base (issue 9 §6).
        """
        if spec.pensioners_prior is None:
            return actives_scale
        stock = self.stock[fund]                                             # (s, a)
        deaths0 = (stock * np.minimum(factor[:, None, None] * q[:, 0], 1.0 - 1e-15)).sum(axis=(1, 2))
        observed = spec.pensioners_init - spec.pensioners_prior + deaths0   # (v,)
        return (np.maximum(observed, 0.0) / np.maximum(flow_total[:, 0], 1e-300))[:, None]

    def _variants(self, levers):
        """Per unique demographic row: (first rows, inverse, q, population, scalar levers)."""
        years = levers.years
        first, inverse = unique_variants(levers)
        q = death_probabilities(years, levers["demography.mortality_loading"][first],
                                levers["demography.improvement_scale"][first])    # (v, T, s, a)
        pop = _population(years, q)
        scalars = {name: levers[name][first, -1] for name in SCALAR_LEVERS}   # scenario value (the base year is pinned)
        return first, inverse, q, pop, scalars

    def cells(self, levers, group: str = "enterprise") -> MemberCells:
        """Members, retiring and retired shares by (variant, year, sex, age) of an employee group."""
        _, _, q, pop, scalars = self._variants(levers)
        return member_cells(levers.years, q, pop, scalars, group)

    def project(self, levers, funds: Sequence[str] | None = None) -> dict[str, GroupDemography]:
        """Headcounts of every group (or of ``funds`` only) for every batch member of ``levers``
        (a LeverSet).

        Each unique demographic row is computed once per engine and kept (:class:`VariantCache`,
        keyed on the horizon, the row's demographic lever values and the funds asked for), so a
        repeated baseline, a goal-seek's successive calls and a Monte Carlo run's chunks sharing
        a longevity level pay for the age-structured work once. A group's headcounts do not
        depend on which other groups are computed beside it.
        """
        years = levers.years
        funds = tuple(self.specs) if funds is None else tuple(f for f in self.specs if f in funds)
        subset = b"" if funds == tuple(self.specs) else "|".join(funds).encode()
        first, inverse = unique_variants(levers)
        keys = [self._cache.key(years, levers, int(b)) + subset for b in first]
        found = [self._cache.get(k) for k in keys]
        missing = [i for i, v in enumerate(found) if v is None]
        if missing:
            computed = self._compute(levers, first[missing], funds)
            for j, i in enumerate(missing):
                found[i] = {fund: {name: None if a is None else a[j] for name, a in parts.items()}
                            for fund, parts in computed.items()}
                self._cache.put(keys[i], found[i])
        out: dict[str, GroupDemography] = {}
        for fund in funds:
            parts = {name: [v[fund][name] for v in found] for name in found[0][fund]}
            # one variant: its kept (read-only) arrays as a leading axis of 1, not copies
            by_variant = {name: rows[0][None] if len(rows) == 1 else np.stack(rows)
                          for name, rows in parts.items() if rows[0] is not None}
            out[fund] = GroupDemography(
                actives=by_variant["actives"][inverse], retirements=by_variant["retirements"][inverse],
                pensioners=by_variant["pensioners"][inverse], deaths=by_variant["deaths"][inverse],
                survivors=by_variant.get("survivors"), deaths_matrix=by_variant.get("deaths_matrix"),
                variant=inverse, retirement_age=by_variant["retirement_age"][inverse],
                mortality_factor=by_variant["mortality_factor"][inverse],
                age_shares=by_variant.get("age_shares"))
        return out

    def _compute(self, levers, rows: np.ndarray, funds: Sequence[str]) -> dict[str, dict]:
        """Per-variant headcounts of the groups of ``funds`` for the batch rows ``rows`` (one per
        variant): ``{fund: {field of GroupDemography: (v, …) array or None}}``."""
        years = levers.years
        q = death_probabilities(years, levers["demography.mortality_loading"][rows],
                                levers["demography.improvement_scale"][rows])    # (v, T, s, a)
        pop = _population(years, q)
        scalars = {name: levers[name][rows, -1] for name in SCALAR_LEVERS}
        out: dict[str, dict] = {}
        cache: dict[str, tuple] = {}
        for fund in funds:
            group, spec = self.specs[fund]
            kind = PENSION_KINDS[group]
            if kind in ("employee_pension", "insured"):
                retire_group = "enterprise" if kind == "insured" else group
                if retire_group not in cache:
                    c = member_cells(years, q, pop, scalars, retire_group)
                    cache[retire_group] = (c.retirements, c.actives.sum(axis=(2, 3)))
                flow, active = cache[retire_group]
                scale = spec.actives_init / active[:, :1]                          # (v, 1)
                actives = active * scale
                flow_total = flow.sum(axis=(2, 3))
                ages = (flow * AGES).sum(axis=(2, 3)) / np.maximum(flow_total, 1e-300)
                by_age = flow[..., RETIRING_AGES].sum(axis=2)                     # (v, T, ages)
                age_shares = by_age / np.maximum(flow_total, 1e-300)[..., None]
                if kind == "insured":
                    zeros = np.zeros_like(actives)
                    out[fund] = dict(actives=actives, retirements=zeros, pensioners=zeros, deaths=zeros,
                                     survivors=None, deaths_matrix=None, retirement_age=ages,
                                     mortality_factor=np.ones(len(rows)), age_shares=None)
                    continue
                factor = self.mortality_factor[fund] * (
                    scalars[MORTALITY_DIFFERENTIAL] if spec.mortality_from else np.ones(len(rows)))
                retire_scale = self._retirement_scale(fund, spec, q, factor, flow_total, scale)
                retirements = flow_total * retire_scale
                retirements[:, 0] = 0.0
                entering = flow * retire_scale[:, :, None, None]
                entering[:, 0] = self.stock[fund]
                survivors, deaths = survivor_matrix(entering, q, factor)
                out[fund] = dict(actives=actives, retirements=retirements,
                                 pensioners=survivors.sum(axis=2), deaths=deaths.sum(axis=2),
                                 survivors=survivors, deaths_matrix=deaths, retirement_age=ages,
                                 mortality_factor=factor, age_shares=age_shares)
            else:   # resident: participation and take-up by age and sex fixed at the base year
                contrib = (pop * self._rates[f"{fund}.contributors"]).sum(axis=(2, 3))
                recip_by_age = pop * self._rates[f"{fund}.recipients"]
                recip = recip_by_age.sum(axis=(2, 3))
                factor = self.mortality_factor[fund]
                dead = (recip_by_age * np.minimum(factor * q, 1.0)).sum(axis=(2, 3))
                c_scale = spec.actives_init / contrib[:, :1]
                r_scale = spec.pensioners_init / recip[:, :1]
                zeros = np.zeros_like(contrib)
                out[fund] = dict(actives=contrib * c_scale, retirements=zeros,
                                 pensioners=recip * r_scale, deaths=dead * r_scale,
                                 survivors=None, deaths_matrix=None,
                                 retirement_age=np.full_like(contrib, RESIDENT_PENSION_AGE),
                                 mortality_factor=np.full(len(rows), factor), age_shares=None)
        return out


class VariantCache:
    """Per-variant demographic results of one engine, least recently used first out.

    Key: the horizon (first and last year) and the row's demographic lever values (the paths of
    :data:`PATH_LEVERS`, the scenario values of :data:`SCALAR_LEVERS`), exactly as floats. At most
    ``size`` variants are kept (a 2020–2100 variant holds about 0.2 MB, mostly its two survivor
    and death matrices). Stored arrays are read-only. A lock makes it safe for the app's threads.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[bytes, dict] = OrderedDict()
        self._lock = Lock()

    @staticmethod
    def key(years: np.ndarray, levers, row: int) -> bytes:
        values = [levers[name][row] for name in PATH_LEVERS] + [levers[name][row, -1:] for name in SCALAR_LEVERS]
        return np.concatenate([np.asarray([years[0], years[-1]], dtype=float), *values]).tobytes()

    def get(self, key: bytes) -> dict | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: bytes, item: dict) -> None:
        for parts in item.values():
            for a in parts.values():
                if isinstance(a, np.ndarray):
                    a.setflags(write=False)
        with self._lock:
            self._items[key] = item
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
