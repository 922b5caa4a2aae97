"""Monte Carlo through the real engine: seeds, zero volatility, the processes' moments."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine import get_engine
from model.errors import InputError
from model.analysis.montecarlo import MORTALITY_LEVELS, Processes, draw, percentiles, run_montecarlo

FLOAT32_STEP = float(np.finfo(np.float32).eps)   # 1.2e-7, relative


@pytest.fixture(scope="module")
def engine():
    return get_engine()


def test_same_seed_identical_and_chunking_only_rounds(engine):
    a = run_montecarlo(120, seed=7, end=2040, engine=engine, chunk=50)
    a2 = run_montecarlo(120, seed=7, end=2040, engine=engine, chunk=50)
    b = run_montecarlo(120, seed=7, end=2040, engine=engine, chunk=120)
    c = run_montecarlo(120, seed=8, end=2040, engine=engine, chunk=50)
    assert a.percentiles.equals(a2.percentiles) and a.depletion.equals(a2.depletion)
    cols = ["p5", "p25", "p50", "p75", "p95"]
    # paths are kept as float32: chunking's 1e-12 round-off may move a value by one float32 step
    np.testing.assert_allclose(a.percentiles[cols], b.percentiles[cols], rtol=FLOAT32_STEP, atol=1e-6)
    assert not a.percentiles.equals(c.percentiles)


def test_zero_volatility_p50_is_the_deterministic_run(engine):
    res = run_montecarlo(30, seed=1, end=2060, volatility=0.0, engine=engine)
    det = engine.run([{}], end=2060).series
    assert res.mortality_levels == 1
    for fund in ("enterprise_pension", "unemployment", "total"):
        for ind in ("accumulated_balance", "payable_months", "fiscal_subsidy"):
            p = res.percentiles
            row = p[(p["fund"] == fund) & (p["indicator"] == ind)]
            # kept as float32: equal to the deterministic run to float32's resolution
            np.testing.assert_allclose(row["p50"], det[fund][ind][0], rtol=FLOAT32_STEP, atol=1e-6)
            np.testing.assert_allclose(row["p5"], row["p95"], rtol=1e-12, atol=1e-6)


def test_p50_approaches_deterministic_as_volatility_falls(engine):
    det = engine.run([{}], end=2060).series["enterprise_pension"]["accumulated_balance"][0, -1]
    gaps = []
    for v in (1.0, 0.1, 0.01):
        res = run_montecarlo(200, seed=3, end=2060, volatility=v, engine=engine)
        p = res.percentiles
        p50 = p[(p["fund"] == "enterprise_pension") & (p["indicator"] == "accumulated_balance")
                & (p["year"] == 2060)]["p50"].iloc[0]
        spread = p[(p["fund"] == "enterprise_pension") & (p["indicator"] == "accumulated_balance")
                   & (p["year"] == 2060)][["p5", "p95"]].to_numpy()
        spread = float(np.ptp(spread))
        gaps.append((abs(p50 - det), spread))
    assert gaps[0][1] > gaps[1][1] > gaps[2][1]
    assert gaps[2][0] < gaps[0][0] and gaps[2][0] < 0.01 * abs(det) + 1


def test_processes_have_the_documented_moments():
    """AR(1) stationary sd of wage deviations σ/√(1−φ²); incidence factor mean 1; correlation of
    wage and incidence shocks −0.5; at most 21 longevity levels in equal shares."""
    n, t = 20000, 40
    d = draw(n, t, seed=11)
    pr = Processes()
    assert d.wage[:, -1].std() == pytest.approx(pr.wage_sd / np.sqrt(1 - pr.wage_ar ** 2), rel=0.03)
    assert d.incidence_factor.mean() == pytest.approx(1.0, abs=0.01)
    innov_w = d.wage[:, 1:] - pr.wage_ar * d.wage[:, :-1]
    innov_r = d.interest[:, 1:] - pr.interest_ar * d.interest[:, :-1]
    assert np.corrcoef(innov_w.ravel(), innov_r.ravel())[0, 1] == pytest.approx(0.3, abs=0.02)
    levels, counts = np.unique(d.improvement, return_counts=True)
    assert len(levels) == MORTALITY_LEVELS and counts.max() - counts.min() <= 1
    assert d.improvement.mean() == pytest.approx(0.0, abs=1e-3)  # 20000 = 952 × 21 + 8


def test_depletion_probability_is_a_rising_probability(engine):
    res = run_montecarlo(200, seed=5, end=2060, engine=engine)
    for fund, part in res.depletion.groupby("fund"):
        p = part["p_depleted"].to_numpy()
        assert np.all(np.diff(p) >= 0) and p.min() >= 0 and p.max() <= 1


def test_progress_callback_and_bad_arguments(engine):
    seen = []
    run_montecarlo(50, seed=2, end=2030, engine=engine, chunk=20,
                   progress=lambda done, total: seen.append((done, total)))
    assert seen == [(20, 50), (40, 50), (50, 50)]
    with pytest.raises(InputError) as info:
        run_montecarlo(0, engine=engine)
    assert info.value.problems[0].field == "paths"


def test_percentiles_equal_numpy_linear_percentiles():
    """Order statistics interpolated as np.percentile's "linear" method does (to rounding), for
    odd and even path counts, ties, a single path, float32 input and a transposed view; the
    caller's array is left as it was."""
    rng = np.random.default_rng(4)
    for values in (rng.normal(size=(7, 1001)), rng.normal(size=(3, 10)), rng.integers(0, 3, (4, 50)) * 1.0,
                   rng.normal(size=(2, 1)), rng.normal(size=(5, 2000)).astype(np.float32)):
        ordered = np.sort(values, axis=1).astype(float)
        pos = np.array([5, 25, 50, 75, 95]) / 100 * (values.shape[1] - 1)
        lo = np.floor(pos).astype(int)
        hi = np.minimum(lo + 1, values.shape[1] - 1)
        by_sort = (ordered[:, lo] + (ordered[:, hi] - ordered[:, lo]) * (pos - lo)).T
        kept = values.copy()
        np.testing.assert_array_equal(percentiles(values), by_sort)
        np.testing.assert_array_equal(percentiles(np.ascontiguousarray(values.T).T), by_sort)
        np.testing.assert_array_equal(values, kept)
        np.testing.assert_allclose(percentiles(values),
                                   np.percentile(values.astype(float), (5, 25, 50, 75, 95), axis=1),
                                   rtol=1e-15, atol=1e-15)


def test_depletion_counted_per_chunk_equals_share_of_kept_paths(engine):
    res = run_montecarlo(90, seed=6, end=2045, engine=engine, chunk=25, keep_paths=True)
    for fund in ("enterprise_pension", "total"):
        balance = res.paths[fund]["accumulated_balance"][1:]            # (years, paths), float32
        share = np.logical_or.accumulate(balance < 0, axis=0).mean(axis=1)
        got = res.depletion[res.depletion["fund"] == fund]["p_depleted"].to_numpy()
        np.testing.assert_array_equal(got, share)


def test_the_series_are_let_go_once_every_percentile_is_in_the_table(engine):
    """After the full table (``percentiles``) a run without ``keep_paths`` holds no path series;
    any smaller table is then read from it, in the order asked, the same figures as computed
    from the paths; a series every path shares is kept as one row and is its own percentile."""
    ask = (("payable_months", "accumulated_balance"), ["total", "enterprise_pension"])
    direct = run_montecarlo(150, seed=4, end=2045, engine=engine, chunk=40)
    expected = direct.percentile_table(*ask)
    shared = direct.store["unemployment"]["required_subsidy"]   # no subsidy rule moves it
    assert 0 in shared.strides and (shared == 0).all()
    assert (direct.percentile_table(["required_subsidy"], ["unemployment"])[
        ["p5", "p50", "p95"]].to_numpy() == 0).all()
    late = run_montecarlo(150, seed=4, end=2045, engine=engine, chunk=40)
    full = late.percentiles
    assert late.store == {} and len(full) == 6 * 9 * 26
    assert late.percentile_table(*ask).equals(expected)
    assert late.percentile_table().equals(full)
    kept = run_montecarlo(150, seed=4, end=2045, engine=engine, chunk=40, keep_paths=True)
    assert kept.percentiles.equals(full) and kept.store and kept.paths
