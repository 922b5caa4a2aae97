"""Engine speed and memory: `python benchmarks/bench_engine.py` (writes benchmarks/engine.json).

Measures, on this machine, in-process and after a warm-up call:
- the baseline 2020–2100 projection of all five funds;
- 1,000 scenario variants in one batched call (a fee-rate sweep; and the same with 21
  distinct demographic variants, as Monte Carlo longevity levels make);
- how time and peak memory (tracemalloc) scale with horizon and batch size;
- the vectorised engine against the scalar per-cohort reference loop of
  tests/test_engine_reference.py on the same horizon (its one fund, 2020–2040, against all five
  funds vectorised, so the ratio understates the gain).
Timings are the median of repeated runs; the machine is shared, so expect some noise.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from measure import peak_mib, timed  # noqa: E402
from model.engine.core import Engine  # noqa: E402


def sweep(n: int) -> list[dict]:
    return [{"enterprise_pension.employer_rate": {2022: 0.12 + 0.04 * i / max(n - 1, 1)}} for i in range(n)]


def main() -> dict:
    engine = Engine.from_region()
    out: dict = {}
    out["baseline_2100_ms"] = timed(lambda: engine.run([{}], end=2100), 21) * 1e3
    out["baseline_2060_ms"] = timed(lambda: engine.run([{}], end=2060), 21) * 1e3
    runs = sweep(1000)
    out["variants_1000_2100_s"] = timed(lambda: engine.run(runs, end=2100), 3)
    out["variants_1000_2060_s"] = timed(lambda: engine.run(runs, end=2060), 3)
    levels = np.linspace(0.5, 1.5, 21)[np.arange(1000) % 21]
    levers = engine.levers([{"demography.improvement_scale": float(x)} for x in levels], end=2060)
    out["variants_1000_21_demographies_2060_s"] = timed(lambda: engine.run_levers(levers), 3)
    out["scaling_horizon"] = {end: timed(lambda e=end: engine.run([{}], end=e), 11) * 1e3 for end in (2030, 2045, 2060, 2080, 2100)}
    out["scaling_batch_2060"] = {}
    for n in (1, 10, 100, 1000, 10000):
        runs_n = sweep(n)
        out["scaling_batch_2060"][n] = {
            "seconds": timed(lambda r=runs_n: engine.run(r, end=2060), 3 if n < 10000 else 1),
            "peak_mib": peak_mib(lambda r=runs_n: engine.run(r, end=2060)),
        }
    from test_engine_reference import reference_enterprise
    reference = timed(lambda: reference_enterprise(engine, 2040), 1)
    vectorised = timed(lambda: engine.run([{}], end=2040), 11)
    out["reference_loop_s"] = reference
    out["vectorised_same_work_s"] = vectorised
    out["speed_ratio"] = reference / vectorised
    return out


if __name__ == "__main__":
    result = main()
    (Path(__file__).parent / "engine.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
