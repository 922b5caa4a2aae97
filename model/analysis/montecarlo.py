"""Monte Carlo risk: random wage growth, returns, unemployment incidence and longevity.

Processes (t = projected years 1..T; the base year is the report's and never drawn):

- wage growth  g_t = ḡ_t + x_t,  x_t = φ_g x_{t−1} + σ_g ε¹_t,  x_0 = 0;
- return       r_t = r̄_t + y_t,  y_t = φ_r y_{t−1} + σ_r ε²_t,  y_0 = 0;
- unemployment incidence  u_t = ū_t · exp(σ_u z_t − σ_u²/2),  z_t = φ_u z_{t−1} + √(1−φ_u²) ε³_t,
  z_0 ~ N(0, 1): a stationary unit-variance AR(1), so the lognormal factor has mean 1;
- (ε¹, ε², ε³)_t ~ N(0, C), drawn as L·η with η iid N(0, 1) and L the Cholesky factor of the
  correlation matrix C (:data:`CORRELATION`);
- longevity: one mortality improvement-scale level per path, s = s̄ + σ_s q, q drawn from a
  stratified grid of :data:`MORTALITY_LEVELS` (21) quantiles of N(0, 1), each level given to an
  equal share of paths in random order. Why not random mortality each year: the engine
  computes demography (the costly part) once per UNIQUE row of demographic levers; a per-year
  random mortality would make every path unique and cost 10,000 demographies. 21 levels
  cost 21 and still span the longevity risk (the level persists for the whole path, which is
  what matters for pension costs: longevity risk is a trend, not year-to-year noise).

ḡ, r̄, ū, s̄ are the base scenario's paths (the deterministic run). Every σ is multiplied by
``volatility`` (1 = the calibration below); at 0 every path equals the deterministic run.
Values are clipped to the lever's catalogue range.

ASSUMPTIONS (parameters, yearly, with reasoning):
σ_g = 1.5 points, φ_g = 0.6 — Xinjiang's nominal urban wage growth moved by 2–4 points from year
to year in 2010–2021 with persistent swings; σ_r = 0.4 point, φ_r = 0.8 — deposit and bond
yields move slowly; σ_u = 20 %, φ_u = 0.5 — benefit-recipient rates rose by about a third in
2020; σ_s = 0.35 — about half the distance between WPP's medium pace (1) and the high-longevity
pace (1.9, model.engine.demography.mortality) per standard deviation. Correlations: wages and returns
+0.3 (both follow nominal growth), wages and unemployment −0.5 (bad years raise both claims
and wage shortfalls), returns and unemployment −0.2.

Paths are drawn with ``numpy.random.SeedSequence(seed)`` before any run: the same seed (and
chunk size) gives identical results; another chunk size draws the same paths and differs only
by floating-point round-off of the batched engine (≈1e-12 relative). They run in chunks (``chunk`` paths per engine call, sorted by
longevity level so each chunk holds few demographic variants); a progress callback
``progress(done, total)`` is called after each chunk (the CLI shows a tqdm bar).

Outputs: P5, P25, P50, P75, P95 per fund, indicator and year, and the probability that the
accumulated balance has gone negative by each year.

See also: ``model.analysis.sensitivity`` (one lever at a time), ``model.engine.core`` (``run_levers``).
"""
from __future__ import annotations

import mmap
from dataclasses import dataclass, field
from functools import cached_property
from statistics import NormalDist
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from model.analysis.compare import ALL_FUNDS, DEFAULT_END
from model.engine.cache import get_engine
from model.errors import ProblemList
from model.scenarios.levers import LeverSet, catalogue
from model.scenarios.library import SCENARIO_DIR, Scenario, load_scenario

if TYPE_CHECKING:   # pandas is imported where a table is built (start-up of the CLI)
    import pandas as pd

PERCENTILES = (5, 25, 50, 75, 95)
DEFAULT_PATHS = 1_000
REPORT_PATHS = 10_000
MORTALITY_LEVELS = 21
DEFAULT_CHUNK = 500
#: indicators kept per path (the rest are not needed for risk tables and cost memory)
INDICATORS = ("accumulated_balance", "current_balance", "payable_months", "fiscal_subsidy",
              "required_subsidy", "income_total", "expenditure_total", "contributions",
              "benefits")


@dataclass(frozen=True)
class Processes:
    """Parameters of the random drivers (see the module docstring for their reasoning)."""

    wage_sd: float = 0.015
    wage_ar: float = 0.6
    interest_sd: float = 0.004
    interest_ar: float = 0.8
    incidence_sd: float = 0.20
    incidence_ar: float = 0.5
    improvement_sd: float = 0.35
    correlation: tuple[tuple[float, ...], ...] = ((1.0, 0.3, -0.5),
                                                  (0.3, 1.0, -0.2),
                                                  (-0.5, -0.2, 1.0))

    def scaled(self, volatility: float) -> "Processes":
        return Processes(self.wage_sd * volatility, self.wage_ar, self.interest_sd * volatility,
                         self.interest_ar, self.incidence_sd * volatility, self.incidence_ar,
                         self.improvement_sd * volatility, self.correlation)


CORRELATION = Processes().correlation


@dataclass(frozen=True)
class Draws:
    """Random deviations for ``n`` paths over ``n_proj`` projected years."""

    wage: np.ndarray             # (n, n_proj) added to wage growth
    interest: np.ndarray         # (n, n_proj) added to the return
    incidence_factor: np.ndarray # (n, n_proj) multiplies unemployment incidence (mean 1)
    improvement: np.ndarray      # (n,) added to the improvement scale, one of ≤ 21 levels


def draw(n: int, n_proj: int, seed: int, processes: Processes = Processes()) -> Draws:
    """Draw every path's deviations from ``SeedSequence(seed)``."""
    econ_seq, mort_seq = np.random.SeedSequence(seed).spawn(2)
    rng = np.random.default_rng(econ_seq)
    chol = np.linalg.cholesky(np.asarray(processes.correlation))
    eta = rng.standard_normal((n, n_proj, 3))
    eps = eta @ chol.T                              # (n, n_proj, 3), correlated
    z0 = rng.standard_normal(n)
    wage = np.empty((n, n_proj))
    interest = np.empty((n, n_proj))
    z = np.empty((n, n_proj))
    x = y = np.zeros(n)
    zp = z0
    a_u = processes.incidence_ar
    for t in range(n_proj):
        x = processes.wage_ar * x + processes.wage_sd * eps[:, t, 0]
        y = processes.interest_ar * y + processes.interest_sd * eps[:, t, 1]
        zp = a_u * zp + np.sqrt(1.0 - a_u ** 2) * eps[:, t, 2]
        wage[:, t], interest[:, t], z[:, t] = x, y, zp
    s = processes.incidence_sd
    factor = np.exp(s * z - s ** 2 / 2)
    mrng = np.random.default_rng(mort_seq)
    levels = np.array([NormalDist().inv_cdf((i + 0.5) / MORTALITY_LEVELS) for i in range(MORTALITY_LEVELS)])
    assigned = np.resize(levels, n)                 # equal shares (±1) of each level
    improvement = processes.improvement_sd * mrng.permutation(assigned)
    return Draws(wage, interest, factor, improvement)


@dataclass
class MonteCarloResult:
    """Depletion probabilities, and percentiles computed on first use from the kept path arrays.

    ``store[fund][indicator]`` holds every path's values as float32 ``(n_paths, n_years)``, one
    row per path in the order the paths ran (sorted by longevity level; each chunk is one
    contiguous block, so a run's memory grows with the chunks written): percentiles do not
    depend on the order of paths, and float32's relative
    rounding (6e-8) is five orders of magnitude below the sampling error of 10,000 paths while it
    halves the memory of a 100,000-path run and sorts 2.7× faster than float64.
    """

    years: np.ndarray
    depleted_share: dict[str, np.ndarray]   # fund → share of paths run out by each projected year
    n_paths: int
    seed: int
    volatility: float
    mortality_levels: int
    store: dict[str, dict[str, np.ndarray]] = field(repr=False, default_factory=dict)
    order: np.ndarray | None = field(repr=False, default=None)   # store column j = path order[j]
    keep_paths: bool = False
    _all_keys: list = field(repr=False, init=False, default_factory=list)   # rows of ``percentiles``

    @cached_property
    def depletion(self) -> "pd.DataFrame":
        """fund, year, p_depleted: the share of paths whose balance has gone negative by each
        projected year (``depleted_share`` as a table)."""
        import pandas as pd

        n_proj = len(self.years) - 1
        return pd.DataFrame({
            "fund": np.repeat(np.array(list(self.depleted_share), dtype=object), n_proj),
            "year": np.tile(self.years[1:], len(self.depleted_share)),
            "p_depleted": np.concatenate(list(self.depleted_share.values()))})

    @cached_property
    def percentiles(self) -> "pd.DataFrame":
        """fund, indicator, year, p5, p25, p50, p75, p95 for every kept indicator (computed once).

        Unless ``keep_paths``, the kept series are let go once their percentiles are all here
        (``percentile_table`` then reads this table): a 100,000-path run holds 0.8 GB of them.
        """
        keys = self._keys(None, None)
        values = self._values(keys)
        self._all_keys = keys
        if not self.keep_paths:
            self.store = {}
        return self._table(keys, values)

    def percentile_table(self, indicators: Sequence[str] | None = None,
                         funds: Sequence[str] | None = None) -> "pd.DataFrame":
        """The percentile table of some indicators and funds only (default: all kept)."""
        if not self.store and "percentiles" in self.__dict__:       # the series were let go
            keys = [(f, k) for f in (funds if funds is not None else dict(self._all_keys))
                    for k in (indicators or [k for g, k in self._all_keys if g == f])]
            position = {key: i for i, key in enumerate(self._all_keys)}
            n_years = len(self.years)
            rows = [np.arange(position[key] * n_years, (position[key] + 1) * n_years) for key in keys]
            picked = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
            return self.percentiles.iloc[picked].reset_index(drop=True)
        keys = self._keys(indicators, funds)
        return self._table(keys, self._values(keys))

    def _keys(self, indicators, funds) -> list[tuple[str, str]]:
        funds = list(funds) if funds is not None else list(self.store)
        return [(f, k) for f in funds for k in (indicators or self.store[f])]

    def _values(self, keys: Sequence[tuple[str, str]]) -> np.ndarray:
        """Percentiles of the kept series ``keys``, ``(series, levels, n_years)``."""
        if not keys:
            return np.empty((0, len(PERCENTILES), len(self.years)))
        return np.stack([_series_percentiles(self.store[f][k]) for f, k in keys])

    def _table(self, keys: Sequence[tuple[str, str]], values: np.ndarray) -> "pd.DataFrame":
        import pandas as pd

        n_years = len(self.years)
        return pd.DataFrame({
            "fund": np.repeat(np.array([f for f, _ in keys], dtype=object), n_years),
            "indicator": np.repeat(np.array([k for _, k in keys], dtype=object), n_years),
            "year": np.tile(self.years, len(keys)),
            **{f"p{p}": values[:, i, :].reshape(-1) for i, p in enumerate(PERCENTILES)}})

    @property
    def paths(self) -> dict[str, dict[str, np.ndarray]]:
        """Kept paths in the order they were drawn (column j = path j), if ``keep_paths``."""
        if not self.keep_paths:
            return {}
        inverse = np.empty_like(self.order)
        inverse[self.order] = np.arange(len(self.order))
        return {f: {k: v[inverse].T for k, v in table.items()} for f, table in self.store.items()}

    def depletion_probability(self, fund: str, year: int) -> float:
        """Share of paths whose balance of ``fund`` has gone negative by ``year`` (a projected year)."""
        return float(self.depleted_share[fund][list(self.years[1:]).index(year)])


def _path_levers(engine, base: LeverSet, draws: Draws) -> LeverSet:
    """The levers of the paths of ``draws`` (one chunk): the base scenario's, with wage growth,
    return, unemployment incidence and the improvement scale moved by each path's draws."""
    specs = catalogue()
    n = len(draws.improvement)
    values = dict(engine.tile(base, n).values)   # the base scenario's levers, shared where default

    def put(name: str, new: np.ndarray) -> None:
        values[name] = np.repeat(base[name][:1], n, axis=0)
        values[name][:, 1:] = np.clip(new, specs[name].min, specs[name].max)

    put("economy.wage_growth", base["economy.wage_growth"][:1, 1:] + draws.wage)
    put("economy.interest_rate", base["economy.interest_rate"][:1, 1:] + draws.interest)
    put("unemployment.incidence", base["unemployment.incidence"][:1, 1:] * draws.incidence_factor)
    put("demography.improvement_scale",
        base["demography.improvement_scale"][:1, 1:] + draws.improvement[:, None])
    return LeverSet(years=base.years, values=values)


def run_montecarlo(n_paths: int = DEFAULT_PATHS, seed: int = 20200101, end: int = DEFAULT_END,
                   base: Scenario | None = None, volatility: float = 1.0,
                   processes: Processes = Processes(), engine=None,
                   indicators: Sequence[str] = INDICATORS, chunk: int = DEFAULT_CHUNK,
                   progress: Callable[[int, int], None] | None = None,
                   keep_paths: bool = False) -> MonteCarloResult:
    """Run ``n_paths`` random paths around ``base`` (default: the shipped baseline)."""
    _check(n_paths, volatility, chunk)
    engine = engine or get_engine()
    base = base or load_scenario(SCENARIO_DIR / "baseline.toml")
    base_levers = engine.levers([base.overrides], end)
    years = np.asarray(base_levers.years)
    draws = draw(n_paths, len(years) - 1, seed, processes.scaled(volatility))
    # chunks of paths sorted by longevity level: few demographic variants per engine call
    order = np.argsort(draws.improvement, kind="stable")
    levels = len(set(draws.improvement.tolist()))   # (np.unique would import numpy.ma: start-up)
    starts = list(range(0, n_paths, chunk))
    # the draws in run order, each chunk's rows let go once it has run: the draws (24 bytes a
    # path-year) shrink while the kept series grow
    ordered = _RunOrder(draws, order)
    del draws
    store = _Store(n_paths, len(years), indicators)
    depleted = {f: np.zeros(len(years) - 1, dtype=np.int64) for f in ALL_FUNDS}
    for start in starts:
        stop = min(start + chunk, n_paths)
        result = engine.run_levers(_path_levers(engine, base_levers, ordered.rows(start, stop)))
        ordered.release(stop)
        for f in ALL_FUNDS:
            series = result.series[f]
            for k in indicators:
                store.put(f, k, start, series[k])
            negative = series["accumulated_balance"][:, 1:] < 0
            depleted[f] += np.logical_or.accumulate(negative, axis=1).sum(axis=0)
        if progress is not None:
            progress(stop, n_paths)
    return MonteCarloResult(
        years=years, depleted_share={f: depleted[f] / n_paths for f in ALL_FUNDS},
        n_paths=n_paths, seed=seed, volatility=volatility, mortality_levels=levels,
        store=store.arrays(), order=order, keep_paths=keep_paths)


def _mapped(shape: tuple[int, ...], dtype) -> tuple[np.ndarray, mmap.mmap]:
    """A zero-filled array in its own anonymous memory map, and the map (for ``madvise``).

    Outside the allocator's heap: the operating system gives its pages only when written, and
    takes them back when told (:meth:`_RunOrder.release`) or when the array goes.
    """
    count = int(np.prod(shape))
    buffer = mmap.mmap(-1, max(count * np.dtype(dtype).itemsize, 1))
    return np.frombuffer(buffer, dtype=dtype, count=count).reshape(shape), buffer


class _RunOrder:
    """A run's draws (:class:`Draws`) reordered into run order (sorted by longevity level), in
    memory maps whose pages are returned as the chunks that read them have run."""

    def __init__(self, draws: Draws, order: np.ndarray) -> None:
        n, n_proj = draws.wage.shape
        self.maps = []
        self.arrays = []
        for values in (draws.wage, draws.interest, draws.incidence_factor):
            arr, buffer = _mapped((n, n_proj), float)
            np.take(values, order, axis=0, out=arr)
            self.arrays.append(arr)
            self.maps.append(buffer)
        self.improvement = draws.improvement[order]
        self.row_bytes = n_proj * 8

    def rows(self, start: int, stop: int) -> Draws:
        wage, interest, factor = (a[start:stop] for a in self.arrays)
        return Draws(wage, interest, factor, self.improvement[start:stop])

    def release(self, stop: int) -> None:
        """Give back the whole pages of the rows before ``stop`` (never read again); a no-op
        where the platform has no ``MADV_DONTNEED``."""
        size = stop * self.row_bytes // mmap.PAGESIZE * mmap.PAGESIZE
        if size and hasattr(mmap, "MADV_DONTNEED"):
            for buffer in self.maps:
                buffer.madvise(mmap.MADV_DONTNEED, 0, size)


class _Store:
    """The kept series of a run, float32 ``(n_paths, n_years)`` per fund and indicator, rows in
    run order (a chunk is one contiguous block).

    Every series is a view of one block (above the C allocator's threshold for a memory map
    of its own, so it never fragments the heap the chunks' temporaries use; a heap-allocated
    store of 0.8 GB left 0.15 GB more resident than the data). A series every path shares so
    far (a fund's subsidy that no random driver moves, e.g. none at all) is held as one row;
    its part of the block is written only once a path differs (the rows before it filled with
    that row), so a never-written part takes no memory: the operating system gives pages only
    when written, chunk by chunk as the rows arrive.
    """

    def __init__(self, n_paths: int, n_years: int, indicators: Sequence[str]) -> None:
        block = np.empty((len(ALL_FUNDS), len(indicators), n_paths, n_years), dtype=np.float32)
        self.full = {f: {k: block[i, j] for j, k in enumerate(indicators)}
                     for i, f in enumerate(ALL_FUNDS)}
        self.shared: dict[tuple[str, str], np.ndarray | None] = {}

    def put(self, fund: str, indicator: str, start: int, values: np.ndarray) -> None:
        """Keep the chunk of paths ``start…`` of one series, ``values`` (paths, years) float64
        (kept as float32)."""
        key = (fund, indicator)
        target = self.full[fund][indicator]
        stop = start + len(values)
        if self.shared.get(key, 0) is None:          # paths already differ: write
            target[start:stop] = values
            return
        block = values.astype(np.float32)
        row = self.shared.get(key, block[0])
        if (block == row).all():
            self.shared[key] = row.copy() if key not in self.shared else row
            return
        if key in self.shared:                       # every path so far had this row
            target[:start] = row
        self.shared[key] = None
        target[start:stop] = block

    def arrays(self) -> dict[str, dict[str, np.ndarray]]:
        """fund → indicator → (n_paths, n_years) float32; a shared series as a read-only
        broadcast of its row."""
        out = {}
        for f, table in self.full.items():
            out[f] = {}
            for k, arr in table.items():
                row = self.shared.get((f, k))
                out[f][k] = arr if row is None else np.broadcast_to(row, arr.shape)
        return out


def percentiles(values: np.ndarray, levels: Sequence[float] = PERCENTILES) -> np.ndarray:
    """Percentiles along the last axis, ``(n_years, n_paths)`` → ``(len(levels), n_years)`` float64,
    by linear interpolation between order statistics (numpy's default "linear" method).

    The order statistics come from one sort of a contiguous copy along the paths. Measured here
    (numpy 2.4, 41 × 10,000 float32): the sort takes 2 ms; ``np.partition`` at the ten ranks
    needed takes 30–40 ms (with several ranks it does far more work than one SIMD sort), and
    at one rank 1.5–4 ms, so a selection does not pay.
    """
    ordered = np.array(values, order="C")            # a copy: the caller's array is not reordered
    ordered.sort(axis=1)
    n = ordered.shape[1]
    pos = np.asarray(levels, dtype=float) / 100.0 * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    low, high = ordered[:, lo].astype(float), ordered[:, hi].astype(float)
    return (low + (high - low) * (pos - lo)).T


def _series_percentiles(kept: np.ndarray) -> np.ndarray:
    """:func:`percentiles` of one kept series ``(n_paths, n_years)``; a series every path shares
    (a broadcast row) is its own percentile at every level, without a sort."""
    if kept.strides[0] == 0:
        return np.repeat(kept[:1].astype(float), len(PERCENTILES), axis=0)
    return percentiles(kept.T)


def _check(n_paths: int, volatility: float, chunk: int) -> None:
    problems = ProblemList()
    if not isinstance(n_paths, (int, np.integer)) or not 1 <= n_paths <= 100_000:
        problems.add("(参数/arguments)", "paths", n_paths, "路径数超出范围", "number of paths out of range",
                     "1 至 100000", "1 to 100,000")
    if not 0 <= volatility <= 5:
        problems.add("(参数/arguments)", "volatility", volatility, "波动倍数超出范围",
                     "volatility multiplier out of range", "0 至 5", "0 to 5")
    if not isinstance(chunk, (int, np.integer)) or chunk < 1:
        problems.add("(参数/arguments)", "chunk", chunk, "分块大小须为正整数", "chunk must be a positive integer",
                     "≥ 1 的整数", "an integer ≥ 1")
    problems.raise_if_any()
