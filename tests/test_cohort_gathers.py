"""The demographic stage's gathers (model.engine.cohorts) against the loops they replaced: the
survival logs and the survivor matrix laid out by birth cohort, the retirement shares worked on
the retirement window, the population projected in place, and the range checks' quick path.
Each must give the same bits as the straightforward formulation written out here."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine import cohorts
from model.engine.demography import population, retirement
from model.engine.demography.mortality import N_AGES, check_range
from model.errors import ProblemList

rng = np.random.default_rng(7)


def loop_survival_logs(q, factor):
    n_var, n_years = q.shape[:2]
    n_coh = n_years + N_AGES - 1
    factor = np.reshape(np.asarray(factor, dtype=float), (-1, 1, 1, 1))
    log_surv = np.log1p(-np.minimum(q * factor, 1.0 - 1e-15))
    per_year = np.zeros((n_var, n_years, 2, n_coh))
    for u in range(n_years):
        per_year[:, u, :, :u] = log_surv[:, u, :, N_AGES - 1:]
        per_year[:, u, :, u:u + N_AGES] = log_surv[:, u, :, ::-1]
    logs = np.zeros((n_var, n_years + 1, 2, n_coh))
    np.cumsum(per_year, axis=1, out=logs[:, 1:])
    return np.maximum(logs, cohorts.LOG_FLOOR)


def loop_survivor_matrix(entering, q, factor):
    n_var, n_years = entering.shape[:2]
    logs = loop_survival_logs(q, factor)
    x = np.zeros((n_var, n_years, 2, logs.shape[-1]))
    for tau in range(n_years):
        x[:, tau, :, tau:tau + N_AGES] = entering[:, tau, :, ::-1]
    x *= np.exp(-logs[:, :n_years])
    y = np.exp(logs)
    s_full = np.matmul(y.reshape(n_var, n_years + 1, -1), x.reshape(n_var, n_years, -1).transpose(0, 2, 1))
    s_full *= np.tril(np.ones((n_years + 1, n_years), dtype=bool))
    survivors = s_full[:, :n_years]
    return survivors, survivors - s_full[:, 1:] * np.tril(np.ones((n_years, n_years), dtype=bool))


@pytest.mark.parametrize("n_var, n_years", [(1, 1), (1, 21), (3, 41), (2, 81)])
def test_survivor_matrix_same_bits_as_the_loops(n_var, n_years):
    q = rng.uniform(0, 0.2, (n_var, n_years, 2, N_AGES))
    q[..., -1] = 1.0                                        # the open age group dies out
    entering = rng.uniform(0, 100, (n_var, n_years, 2, N_AGES))
    factor = rng.uniform(0.5, 2.0, n_var)
    assert cohorts._survival_logs(q, factor).tobytes() == loop_survival_logs(q, factor).tobytes()
    for got, expected in zip(cohorts.survivor_matrix(entering, q, factor), loop_survivor_matrix(entering, q, factor)):
        assert got.tobytes() == expected.tobytes()


def test_cohort_cells_by_hand():
    """Two years: cohort c = 100 is aged 0 in year 0 and 1 in year 1; c = 101 is unborn in year 0."""
    aged, entering = cohorts._cohort_cells(2)
    cell = lambda u, s, a: (u * 2 + s) * N_AGES + a
    assert aged[0, 1, 100] == cell(0, 1, 0) and aged[1, 1, 100] == cell(1, 1, 1)
    assert aged[0, 0, 101] == 2 * 2 * N_AGES                      # the zero slot
    assert aged[1, 0, 0] == cell(1, 0, 100)                        # aged 101 reads age 100
    assert entering[1, 0, 0] == 2 * 2 * N_AGES                     # past 100: not entering


@pytest.mark.parametrize("n_var", [1, 4])
def test_retirement_window_same_bits_as_the_whole_distribution(n_var):
    years = np.arange(2020, 2061)
    reform = np.array([True, False, True, True][:n_var])
    early, late, short = (rng.uniform(0, 0.3, n_var) for _ in range(3))
    finals = np.array([20.0, 18.0, 21.0, 15.0][:n_var])
    mix = {"female_50": np.full(n_var, 0.6), "female_55": np.full(n_var, 0.4)}
    for category in ("male", mix):
        first = int(years[0]) - (N_AGES - 1)
        dist = retirement.cohort_retirement_distribution(
            np.arange(first, int(years[-1]) + 1), category, reform=reform, early_share=early,
            late_share=late, short_share=short, min_years_final=finals)
        f, cum = np.empty((n_var, len(years), N_AGES)), np.empty((n_var, len(years), N_AGES))
        cohorts._retirement(years, category, reform, early, late, short, finals, f, cum)
        assert f.tobytes() == cohorts._calendar(dist, years, first).tobytes()
        assert cum.tobytes() == cohorts._calendar(np.cumsum(dist, axis=-1), years, first).tobytes()
        assert np.allclose(cum[:, :, -1], 1.0)                    # everyone has retired by 100


def test_cell_array_layout_as_the_stacked_gathers():
    """Many variants: laid out (year, age, variant, sex) in memory, as ``np.stack`` of two
    calendar gathers was; one variant: C order."""
    by_cohort = rng.random((3, 140, N_AGES))
    years = np.arange(2020, 2060)
    gathered = cohorts._calendar(by_cohort, years, 2020 - 100)
    stacked = np.stack([gathered, gathered], axis=2)
    assert cohorts._cell_array(stacked.shape).strides == stacked.strides
    one = np.stack([gathered[:1], gathered[:1]], axis=2)
    assert cohorts._cell_array(one.shape).strides == one.strides


def test_project_population_same_bits_as_age_forward():
    initial = rng.uniform(0, 1e6, (3, 2, N_AGES))
    q = rng.uniform(0, 0.3, (3, 30, 2, N_AGES))
    births = rng.uniform(1e5, 2e5, (30, 2))
    current, expected = initial, []
    for t in range(30):
        current, _ = population.age_forward(current, q[:, t], births[t])
        expected.append(current)
    assert population.project_population(initial, q, births).tobytes() == np.stack(expected, axis=1).tobytes()


@pytest.mark.parametrize("value, ok", [([0.5, 1.0], True), ([], True), ([np.nan], False), ([np.inf], False),
                                       ([-0.1], False), ([1.1], False), ([0.0, np.nan, 0.5], False)])
def test_check_range_quick_path_same_verdict(value, ok):
    problems = ProblemList()
    check_range(problems, "x", np.array(value, dtype=float), 0.0, 1.0)
    assert (not problems) is ok


def test_check_range_infinite_bound_still_rejects_infinity():
    problems = ProblemList()
    check_range(problems, "x", np.array([1.0, np.inf]), 0.0, np.inf)
    assert problems


def test_window_components_are_the_window_of_the_components():
    full = retirement._component_distributions(1920, 2040, "male", True, 3.0, 3.0, 20.0)
    low, high = retirement.RETIREMENT_AGES
    block = retirement._window_components(1920, 2040, "male", True, 3.0, 3.0, 20.0)
    assert block.tobytes() == full[..., low:high].reshape(4, -1).tobytes()
    assert not block.flags.writeable


@pytest.mark.parametrize("early, late, short", [(0.2, 0.3, 0.1), (0.0, 0.0, 0.0), (0.5, 0.0, 0.5)])
def test_shares_quick_path_same_weights(early, late, short):
    n = 3
    batched = [np.full(n, v) for v in (1.0, early, late, short)]
    weights, reform, is_batched = retirement._shares(*batched)
    scalar_weights, _, _ = retirement._shares(1.0, early, late, short)     # the general path
    assert is_batched and reform.all()
    assert weights.tobytes() == np.repeat(scalar_weights, n, axis=0).tobytes()


@pytest.mark.parametrize("early, late, short", [(1.0000000005, 0.0, 0.0), (np.nan, 0.0, 0.0),
                                                (-0.1, 0.2, 0.0), (0.6, 0.5, 0.0), (np.inf, 0.0, 0.0)])
def test_shares_quick_path_still_refuses_bad_shares(early, late, short):
    from model.errors import InputError
    with pytest.raises(InputError):
        retirement._shares(np.ones(2), np.full(2, early), np.full(2, late), np.full(2, short))


def test_lever_set_without_overrides_is_the_shared_views():
    from model.engine import get_engine
    engine = get_engine()
    shared = engine._shared_views(2040, 2)
    quick = engine.levers([{}, {}], 2040)
    assert list(quick.values) == list(shared)
    assert all(quick.values[name] is shared[name] for name in shared)
