"""Regenerate the golden summaries of the shipped scenarios and their result statements.

    .venv/bin/python scripts/regen_golden.py            # rewrite scenarios/golden/*.csv + result_zh/en
    .venv/bin/python scripts/regen_golden.py --check    # exit 1 if anything would change

The only thing that writes ``scenarios/golden/``. It runs every scenario in ``scenarios/`` in one
batched engine call to :data:`GOLDEN_END`, writes ``scenarios/golden/<id>.csv`` (the summary rows
of model.analysis.compare, rounded for diffing: money to 0.1 万元, months to 0.01) and replaces the
``result_zh`` / ``result_en`` lines of each scenario's header with a statement built from those
numbers, each depletion year with its Monte Carlo 10–90% range (only those two lines of the
file change; the rest stays as written), then runs
``scripts/regen_readme.py`` (README's results block and backtest numbers). A reviewer diffs the
CSVs, the statements and the README after an engine change.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd
import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import regen_readme  # noqa: E402  (scripts/ is on sys.path when this file runs)
from model.analysis.compare import FIGURES, compare  # noqa: E402
from model.analysis.uncertainty import (DEFAULT_PATHS, DEFAULT_SEED, depletion_uncertainty,  # noqa: E402
                                        range_cell)
from model.scenarios.library import SCENARIO_DIR, Scenario, load_library, load_scenario  # noqa: E402

GOLDEN_DIR = SCENARIO_DIR / "golden"
GOLDEN_END = 2060
FUND_NAMES = {
    "enterprise_pension": ("企业养老", "Enterprise pension"),
    "public_pension": ("机关事业养老", "Public-institution pension"),
    "resident_pension": ("城乡居民养老", "Resident pension"),
    "work_injury": ("工伤保险", "Work injury"),
    "unemployment": ("失业保险", "Unemployment"),
    "total": ("五险合计", "All five funds"),
}
PENSION_GROUPS = ("economy", "demography", "retirement")


def rounded(summary: pd.DataFrame) -> pd.DataFrame:
    out = summary.copy()
    for name, unit, is_year in FIGURES:
        for col in (name, f"d_{name}"):
            if unit == "万元":
                out[col] = out[col].round(1) + 0.0   # + 0.0: −0.0 prints as 0.0, stable diffs
            elif unit == "months":
                out[col] = out[col].round(2) + 0.0
    return out


def funds_touched(s: Scenario) -> list[str]:
    groups = {name.split(".")[0] for name in s.levers}
    if groups & set(PENSION_GROUPS) or not groups:
        return ["enterprise_pension", "unemployment", "total"]
    return [g for g in FUND_NAMES if g in groups] + ["total"]


def _year(v) -> str | None:
    return None if pd.isna(v) else str(int(v))


def _range(uncertainty: dict | None) -> tuple[str, str]:
    """The Monte Carlo 10–90% range of the depletion year, as a bracket after the year
    (empty when fewer than 10% of the paths run out: the deterministic year then stands alone)."""
    if uncertainty is None or pd.isna(uncertainty["depletion_p10"]):
        return "", ""
    return (f"（蒙特卡洛10–90%：{range_cell(uncertainty, 'zh')}）",
            f" (Monte Carlo 10–90%: {range_cell(uncertainty, 'en')})")


def statement(row: pd.Series, base: pd.Series, is_baseline: bool,
              uncertainty: dict | None = None) -> tuple[str, str]:
    """One fund's result in words, from the golden row (and the baseline row); a depletion
    year carries its Monte Carlo 10–90% range from ``uncertainty`` (issue 9 §7)."""
    zh_name, en_name = FUND_NAMES[row["fund"]]
    dep, bdep = _year(row["depletion_year"]), _year(base["depletion_year"])
    range_zh, range_en = _range(uncertainty) if dep else ("", "")
    bal = row["horizon_balance"] / 1e4
    if is_baseline:
        zh = (f"{zh_name}{dep + '年累计结余耗尽' + range_zh if dep else f'至{GOLDEN_END}年累计结余不耗尽'}，"
              f"{GOLDEN_END}年结余{bal:.2f}亿元")
        en = (f"{en_name} {'runs out in ' + dep + range_en if dep else f'does not run out by {GOLDEN_END}'}, "
              f"balance {bal:.2f}亿元 in {GOLDEN_END}")
        return zh, en
    d_bal = row["d_horizon_balance"] / 1e4
    d_req = row["d_cumulative_required_subsidy"] / 1e4
    if dep == bdep:
        dep_zh = f"耗尽年份不变（{dep}）{range_zh}" if dep else "至期末仍不耗尽"
        dep_en = f"depletion year unchanged ({dep}){range_en}" if dep else f"still solvent to {GOLDEN_END}"
    else:
        dep_zh = f"耗尽年份 {bdep or '未耗尽'} → {dep or '未耗尽'}{range_zh}"
        dep_en = f"depletion {bdep or 'never'} → {dep or 'never'}{range_en}"
    zh = (f"{zh_name}{dep_zh}，{GOLDEN_END}年结余比基准{d_bal:+.2f}亿元，"
          f"累计需追加补贴{d_req:+.2f}亿元")
    en = (f"{en_name}: {dep_en}; {GOLDEN_END} balance {d_bal:+.2f}亿元 vs baseline, "
          f"required extra subsidy {d_req:+.2f}亿元")
    return zh, en


def library_uncertainty(lib: dict[str, Scenario]) -> pd.DataFrame:
    """Monte Carlo depletion ranges of every scenario, indexed by (scenario, fund): the same
    paths and seed as README's results block, so the two never disagree."""
    return depletion_uncertainty(list(lib.values()), paths=DEFAULT_PATHS, seed=DEFAULT_SEED,
                                 end=GOLDEN_END).set_index(["scenario", "fund"])


def result_text(s: Scenario, summary: pd.DataFrame,
                uncertainty: pd.DataFrame | None = None) -> tuple[str, str]:
    rows = summary[summary["scenario"] == s.id].set_index("fund")
    base = summary[summary["scenario"] == summary.attrs["baseline"]].set_index("fund")
    parts = []
    for f in funds_touched(s):
        row = rows.loc[f].copy()
        row["fund"] = f
        u = None if uncertainty is None else uncertainty.loc[(s.id, f)].to_dict()
        parts.append(statement(row, base.loc[f], s.id == summary.attrs["baseline"], u))
    n = "" if uncertainty is None else f"；蒙特卡洛{DEFAULT_PATHS:,}条路径，种子{DEFAULT_SEED}"
    n_en = "" if uncertainty is None else f"; Monte Carlo {DEFAULT_PATHS:,} paths, seed {DEFAULT_SEED}"
    zh = "；".join(p[0] for p in parts) + f"（{GOLDEN_END}年为期，黄金结果{n}）。"
    en = "; ".join(p[1] for p in parts) + f" (to {GOLDEN_END}, golden run{n_en})."
    return zh, en


def set_result_lines(path: Path, zh: str, en: str) -> str:
    """The file text with its result_zh / result_en lines replaced (or added before [levers])."""
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not re.match(r"^result_(zh|en)\s*=", ln)]
    new = tomli_w.dumps({"result_zh": zh, "result_en": en}).splitlines()
    at = lines.index("[levers]")
    while at > 0 and lines[at - 1].strip() == "":
        at -= 1
    lines[at:at] = new
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args(argv)
    lib = load_library()
    comparison = compare(list(lib.values()), end=GOLDEN_END)
    summary = rounded(comparison.summary)
    summary.attrs = comparison.summary.attrs
    uncertainty = library_uncertainty(lib)
    GOLDEN_DIR.mkdir(exist_ok=True)
    changed = []
    for sid, s in lib.items():
        golden = GOLDEN_DIR / f"{sid}.csv"
        csv = summary[summary["scenario"] == sid].to_csv(index=False, lineterminator="\n")
        if not golden.exists() or golden.read_text(encoding="utf-8") != csv:
            changed.append(str(golden.relative_to(SCENARIO_DIR.parent)))
            if not args.check:
                golden.write_text(csv, encoding="utf-8")
        zh, en = result_text(s, summary, uncertainty)
        path = SCENARIO_DIR / f"{sid}.toml"
        text = set_result_lines(path, zh, en)
        if text != path.read_text(encoding="utf-8"):
            changed.append(str(path.relative_to(SCENARIO_DIR.parent)))
            if not args.check:
                path.write_text(text, encoding="utf-8")
                back = load_scenario(path)  # still a valid scenario with the same levers
                if back.levers != s.levers or (back.result_zh, back.result_en) != (zh, en):
                    raise RuntimeError(f"rewriting {path} changed more than its result lines")
    for c in changed:
        print(("would change " if args.check else "wrote ") + c)
    # README's results and backtest numbers move with the engine too
    readme = regen_readme.main(["--check"] if args.check else [])
    return 1 if (args.check and (changed or readme)) else 0


if __name__ == "__main__":
    sys.exit(main())
