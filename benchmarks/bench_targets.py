"""The speed targets of issue 13, each timed against the numpy yardstick (``measure.py``).

    .venv/bin/python benchmarks/bench_targets.py                # all, writes benchmarks/targets.json
    .venv/bin/python benchmarks/bench_targets.py --quick        # skip the 100,000-path run and the 2100 reference
    .venv/bin/python benchmarks/bench_targets.py --only mc10k   # one item (see ITEMS)

Items (the engine is built once before timing; calibration is not timed except in the cold CLI):
- ``baseline``: the 2020–2100 baseline, all five funds (one member);
- ``variants``: 1,000 employer-rate variants 2020–2100 in one call;
- ``goalseek``: the five goal-seek questions through 2060; the slowest is the target;
- ``mc10k``: Monte Carlo, 10,000 paths × 5 funds, 2021–2060, including the full percentile table;
- ``cli``: ``python -m model compare baseline employer_rate_14`` in a fresh interpreter (cold),
  with the model's compiled modules cached (``cli_compare_cold``: any run after the first) and
  compiled from source on every run (``cli_compare_cold_from_source``);
- ``reference``: the scalar per-cohort reference loop (tests/test_engine_reference.py, the
  enterprise fund) against the vectorised engine running the same single fund
  (``funds=("enterprise_pension",)``, its series identical to the five-fund run's) with the
  demography cache and the kept contribution-base factors emptied ("speedup", the same work)
  and with them kept ("speedup_warm": what any second call of the engine does), per horizon,
  by wall time against the yardstick and by CPU seconds (``_cpu``); the five-fund run's ratios
  for comparison;
- ``mc100k``: 100,000 paths in a child process: wall time and peak resident memory;
- ``scaling``: Monte Carlo time and peak allocation (tracemalloc) for 1k–20k paths × horizons
  2040, 2060 and 2100.
The JSON holds seconds, the yardstick's seconds and the ratios; README.md reports the medians.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from measure import against_yardstick, peak_mib, yardstick  # noqa: E402
from model.analysis.goalseek import solve  # noqa: E402
from model.analysis.montecarlo import run_montecarlo  # noqa: E402
from model.engine import core as engine_core  # noqa: E402
from model.engine import get_engine  # noqa: E402

#: the fund the scalar reference projects, run alone by the engine for a like-with-like ratio
REFERENCE_FUND = ("enterprise_pension",)
ITEMS = ("baseline", "variants", "goalseek", "mc10k", "cli", "reference", "mc100k", "scaling")
QUESTIONS = (("fee_cut", "unemployment"), ("balancing_rate", "enterprise_pension"),
             ("min_subsidy", "enterprise_pension"), ("max_adjustment", "enterprise_pension"),
             ("max_adjustment", "work_injury"))


def sweep(n: int) -> list[dict]:
    return [{"enterprise_pension.employer_rate": {2022: 0.12 + 0.04 * i / max(n - 1, 1)}} for i in range(n)]


def montecarlo_with_table(n: int, end: int, engine) -> None:
    """A run and its full percentile table (computed eagerly before issue 13, lazily after)."""
    result = run_montecarlo(n, seed=1, end=end, engine=engine)
    assert len(result.percentiles) > 0


def clear_demography(engine) -> None:
    """Empty the engine's demography cache (absent before issue 13) and the contribution-base
    factors kept per lever row (absent before this pass), so the engine redoes that work."""
    cache = getattr(engine.calibration.demography, "_cache", None)
    if cache is not None:
        cache.clear()
    factors = getattr(engine_core, "_shared_base_factor", None)
    if factors is not None:
        factors.cache_clear()


def reference_ratio_over(reference_yardsticks: float, vectorised_yardsticks: float) -> float:
    """Speed-up of the vectorised engine over the reference, from their yardstick ratios."""
    return reference_yardsticks / vectorised_yardsticks


CLI_CPU: list[float] = []
COMPARE = [sys.executable, "-m", "model", "compare", "baseline", "employer_rate_14"]


def cli_env(bytecode: bool) -> dict:
    """The environment of a cold run: with ``bytecode`` Python may write and read the model's
    compiled modules (what every run after a user's first one does); without, the model's
    ``__pycache__`` folders are removed and not written, so every module is compiled from
    source on each run (as in a sandbox with PYTHONDONTWRITEBYTECODE=1 and no cache)."""
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(COMPARE, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)  # writes
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        for cache in (ROOT / "model").rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)
    return env


def cold_cli(env: dict | None = None) -> float:
    """Wall seconds of the command in a fresh interpreter; its CPU seconds go to CLI_CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(COMPARE, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CLI_CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return time.perf_counter() - start


def child_montecarlo(n: int, end: int, indicators: tuple | None = None) -> dict:
    """Wall time and peak resident memory of a fresh process running ``n`` paths (and their
    percentile table), keeping every indicator or only ``indicators``."""
    keep = "" if indicators is None else f", indicators={indicators!r}"
    code = ("import sys, time; sys.path.insert(0, '.');"
            "from model.engine import get_engine; from model.analysis.montecarlo import run_montecarlo;"
            "e = get_engine(); t = time.perf_counter(); c = time.process_time();"
            f"r = run_montecarlo({n}, seed=1, end={end}, engine=e{keep}); r.percentiles;"
            "print(time.process_time() - c);"
            "import resource; u = resource.getrusage(resource.RUSAGE_SELF);"
            "print(time.perf_counter() - t, u.ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    cpu, seconds, peak_kib = out.stdout.split()[-3:]
    return {"seconds": float(seconds), "cpu_seconds": float(cpu), "peak_rss_mib": int(peak_kib) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=ITEMS, action="append")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "targets.json")
    args = parser.parse_args()
    items = args.only or [i for i in ITEMS if not (args.quick and i == "mc100k")]
    engine = get_engine()
    out: dict = {}

    def report(name, value):
        out[name] = value
        print(name, json.dumps(value), flush=True)

    if "baseline" in items:
        report("baseline_2100", against_yardstick(lambda: engine.run([{}], end=2100), 21))
    if "variants" in items:
        runs = sweep(1000)
        report("variants_1000_2100", against_yardstick(lambda: engine.run(runs, end=2100), 5))
    if "goalseek" in items:
        per = {f"{q}:{f}": against_yardstick(lambda q=q, f=f: solve(q, f, through=2060, engine=engine), 5)
               for q, f in QUESTIONS}
        slowest = max(per, key=lambda k: per[k]["ratio"])
        report("goalseek", {"slowest": slowest, **per[slowest], "each": per})
    if "mc10k" in items:
        report("montecarlo_10k_2060", against_yardstick(lambda: montecarlo_with_table(10_000, 2060, engine), 7))
    if "cli" in items:
        for name, bytecode in (("cli_compare_cold", True), ("cli_compare_cold_from_source", False)):
            env = cli_env(bytecode)
            CLI_CPU.clear()
            cli = against_yardstick(lambda env=env: cold_cli(env), 9)
            report(name, {**cli, "cpu_seconds": statistics.median(CLI_CPU),
                          "min_cpu_seconds": min(CLI_CPU)})
    if "reference" in items:
        from test_engine_reference import reference_enterprise
        ratios = {}
        for end in (2030, 2040, 2060) + (() if args.quick else (2100,)):   # 2030 for information
            yard = against_yardstick(lambda: None, 3, warm=False)["yardstick_s"]
            walls, cpus = [], []
            for _ in range(1 if end > 2060 else 3):          # the 2100 loop takes 10–20 s
                start, cpu_start = time.perf_counter(), time.process_time()
                reference_enterprise(engine, end)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu_start)
            reference, reference_cpu = statistics.median(walls), statistics.median(cpus)

            def cold(e=end, funds=REFERENCE_FUND):
                clear_demography(engine)
                engine.run([{}], end=e, funds=funds)
            vectorised = against_yardstick(cold, 15)
            warm = against_yardstick(lambda e=end: engine.run([{}], end=e, funds=REFERENCE_FUND), 15)
            five = against_yardstick(lambda e=end: cold(e, None), 7)
            ratios[end] = {"reference_s": reference, "reference_cpu_s": reference_cpu,
                           "reference_ratio": reference / yard,
                           "vectorised_s": vectorised["seconds"], "vectorised_ratio": vectorised["ratio"],
                           "vectorised_cpu_s": vectorised["cpu_seconds"],
                           "speedup": reference_ratio_over(reference / yard, vectorised["ratio"]),
                           "speedup_cpu": reference_cpu / vectorised["cpu_seconds"],
                           "speedup_warm_cpu": reference_cpu / warm["cpu_seconds"],
                           "vectorised_warm_s": warm["seconds"],
                           "speedup_warm": reference_ratio_over(reference / yard, warm["ratio"]),
                           "five_funds_s": five["seconds"],
                           "speedup_five_funds": reference_ratio_over(reference / yard, five["ratio"])}
        report("reference_vs_vectorised", ratios)
    if "mc100k" in items:
        yard = against_yardstick(lambda: None, 5, warm=False)["yardstick_s"]
        big = child_montecarlo(100_000, 2060)
        small = child_montecarlo(10_000, 2060)
        balance = child_montecarlo(100_000, 2060, ("accumulated_balance",))
        report("montecarlo_100k_2060", {**big, "ratio": big["seconds"] / yard, "yardstick_s": yard,
                                        "seconds_10k_same_way": small["seconds"],
                                        "peak_rss_10k_mib": small["peak_rss_mib"],
                                        "time_100k_over_10k": big["seconds"] / small["seconds"],
                                        "cpu_100k_over_10k": big["cpu_seconds"] / small["cpu_seconds"],
                                        "balance_only": balance})
    if "scaling" in items:
        table = {}
        for end in (2040, 2060, 2100):
            for n in (1_000, 2_000, 5_000, 10_000, 20_000):
                t = against_yardstick(lambda n=n, e=end: montecarlo_with_table(n, e, engine), 1, warm=False)
                table[f"{n}:{end}"] = {**t, "peak_mib": peak_mib(lambda n=n, e=end: montecarlo_with_table(n, e, engine)),
                                       "us_per_path_year": t["seconds"] / (n * (end - 2020)) * 1e6}
        report("montecarlo_scaling", table)
    args.out.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
