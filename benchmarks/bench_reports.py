"""Benchmark of the leadership pack and the budget documents (not a timed test).

    .venv/bin/python benchmarks/bench_reports.py          # writes benchmarks/reports.json

Target (issue 12): the pack for two scenarios (baseline, employer_rate_14) — tables with 1,000
Monte Carlo paths per scenario, then the deck, the brief and the workbook — built in under 5 s.
The engine is built once before timing (calibration excluded); each part is timed against the
numpy yardstick of ``measure.py`` (the machine is shared: the ratio is the number to compare).
Also timed: the 社预 budget workbook for 2021 and the 2020 execution table.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from measure import against_yardstick  # noqa: E402
from model.engine import get_engine  # noqa: E402
from model.reports.budget import build_budget, write_budget_xlsx  # noqa: E402
from model.reports.common import scenario_from_arg  # noqa: E402
from model.reports.execution import execution_table, write_execution_xlsx  # noqa: E402
from model.reports.report import build_pack, write_document  # noqa: E402


def main() -> int:
    engine = get_engine()
    scenarios = [scenario_from_arg("baseline"), scenario_from_arg("employer_rate_14")]
    out = Path(tempfile.mkdtemp(prefix="sifsim-bench-"))
    tables = build_pack(scenarios, engine=engine)

    def pack() -> None:
        t = build_pack(scenarios, engine=engine)
        for suffix in ("pptx", "docx", "xlsx"):
            write_document(t, out / f"pack.{suffix}")

    items = {
        "pack, two scenarios, all three documents": pack,
        "  tables (comparison + 2 × 1,000 Monte Carlo paths)": lambda: build_pack(scenarios, engine=engine),
        "  deck (pptx)": lambda: write_document(tables, out / "deck.pptx"),
        "  brief (docx, two vl-convert charts)": lambda: write_document(tables, out / "brief.docx"),
        "  workbook (xlsx)": lambda: write_document(tables, out / "book.xlsx"),
        "budget workbook 2021 (社预)": lambda: write_budget_xlsx(build_budget(2021, engine=engine), out / "budget.xlsx"),
        "execution table 2020": lambda: write_execution_xlsx(execution_table(), out / "execution.xlsx"),
    }
    results = {}
    for name, fn in items.items():
        r = against_yardstick(fn, repeat=3)
        results[name.strip()] = r
        print(f"{name:55s} {r['seconds']:6.2f} s  (max {r['max_seconds']:.2f} s, ×{r['ratio']:.0f} yardstick)")
    (Path(__file__).with_name("reports.json")).write_text(json.dumps(results, indent=2, ensure_ascii=False),
                                                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
