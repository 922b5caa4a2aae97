"""Benchmarks of the scenario features (not timed tests).

    .venv/bin/python benchmarks/bench_scenarios.py            # all
    .venv/bin/python benchmarks/bench_scenarios.py --profile  # + cProfile of a 10,000-path run

Targets (issue 4, this 2-core machine): comparing 10 scenarios < 0.2 s; a goal-seek < 0.5 s;
10,000 Monte Carlo paths × 5 funds × 2021–2060 < 2 s and < 1 GiB. Times are the median of
several runs after a warm-up; the engine is built once before timing (calibration excluded).
Memory is the peak of Python/numpy allocations (tracemalloc) during the run.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import peak_mib, timed  # noqa: E402
from model.analysis.compare import compare  # noqa: E402
from model.engine import get_engine
from model.analysis.goalseek import solve  # noqa: E402
from model.analysis.montecarlo import run_montecarlo  # noqa: E402
from model.scenarios.library import load_library  # noqa: E402
from model.analysis.sensitivity import run_sensitivity  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    engine = get_engine()
    lib = list(load_library().values())

    print("compare (one batched call + summary), end 2060")
    for n in (1, 5, 11, 50):
        scen = (lib * (n // len(lib) + 1))[:n]
        scen = [s.model_copy(update={"id": f"{s.id}_{i}"}) for i, s in enumerate(scen)]
        print(f"  {n:4d} scenarios: {timed(lambda: compare(scen, end=2060, engine=engine)) * 1e3:7.1f} ms")

    print("goal-seek, through 2060 (engine calls per answer in brackets)")
    for q, f in (("fee_cut", "unemployment"), ("balancing_rate", "enterprise_pension"),
                 ("min_subsidy", "enterprise_pension"), ("max_adjustment", "enterprise_pension"),
                 ("max_adjustment", "work_injury")):
        res = solve(q, f, through=2060, engine=engine)
        t = timed(lambda: solve(q, f, through=2060, engine=engine), repeat=3)
        print(f"  {q:15s} {f:20s} {t * 1e3:7.1f} ms  [{res.engine_calls} calls, {res.status}]")

    print(f"sensitivity (batch {1 + 2 * 12}), end 2060: "
          f"{timed(lambda: run_sensitivity(engine=engine, end=2060), repeat=3) * 1e3:.1f} ms")

    print("Monte Carlo, 2021-2060, default chunk")
    for n in (1_000, 2_000, 5_000, 10_000):
        t = timed(lambda: run_montecarlo(n, seed=1, end=2060, engine=engine), repeat=2)
        mem = peak_mib(lambda: run_montecarlo(n, seed=1, end=2060, engine=engine))
        print(f"  {n:6d} paths: {t:6.2f} s   peak {mem:7.1f} MiB")
    for chunk in (500, 1_000, 5_000, 10_000):
        t = timed(lambda: run_montecarlo(10_000, seed=1, end=2060, engine=engine, chunk=chunk),
                  repeat=1)
        print(f"  10000 paths, chunk {chunk:5d}: {t:6.2f} s")
    t = timed(lambda: engine.run([{}] * 10_000, end=2060), repeat=1)
    print(f"  engine alone, 10000 identical members (1 demographic variant): {t:6.2f} s")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run_montecarlo(10_000, seed=1, end=2060, engine=engine)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
