"""Rewrite README.md's model-written blocks from the model: the baseline results (with their
Monte Carlo range, probabilities, sustained deficit year and most sensitive assumptions) and the
numbers of the backtest table.

    .venv/bin/python scripts/regen_readme.py            # rewrite the blocks
    .venv/bin/python scripts/regen_readme.py --check    # exit 1 if anything would change

Also run by ``scripts/regen_golden.py`` (an engine change moves both). The blocks sit between
``<!-- NAME:begin … -->`` and ``<!-- NAME:end -->``; the rest of the README is written by hand.

- ``results``: the shipped baseline to :data:`END` by fund — deterministic depletion year, the
  Monte Carlo 10–90% range and P(depletion by 2030/2035/2040) from :data:`PATHS` paths (seed
  ``DEFAULT_SEED``), first and first sustained deficit year — the sentences for funds that run
  out, the tornado's line for those, and every shipped scenario's depletion years beside the
  same figures from ``uncertainty.DEFAULT_PATHS`` paths each.
- ``backtest``: one row per backtest figure whose model-vs-report miss exceeds
  :data:`MISS_LIMIT` (10%), with fresh numbers. The "why" column is written by hand and kept by
  (fund, item); a new miss gets an empty "why", which tests/test_backtest_readme.py refuses until
  someone writes the reason; a figure whose miss falls to 10% or less leaves the table.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.analysis.backtest import run_backtest  # noqa: E402
from model.analysis.compare import ALL_FUNDS, compare  # noqa: E402
from model.analysis.montecarlo import REPORT_PATHS  # noqa: E402
from model.analysis.sensitivity import run_sensitivity  # noqa: E402
from model.analysis.uncertainty import (DEFAULT_PATHS, DEFAULT_SEED, MARK_YEARS,  # noqa: E402
                                        SENTENCE_NAMES, depletion_uncertainty, fund_sentence,
                                        percent_text, range_cell, sensitivity_line)
from model.baseline.region import FUND_NAMES  # noqa: E402
from model.scenarios.library import BASELINE_ID, load_library  # noqa: E402

README = Path(__file__).resolve().parents[1] / "README.md"
END = 2060
PATHS = REPORT_PATHS
MISS_LIMIT = 10.0   # per cent
SUBSIDY_YEARS = (2020, 2025, 2040, 2060)
NOTE = "written by scripts/regen_readme.py from the model; edit the script, not this block"


def _block(name: str, body: str) -> str:
    return f"<!-- {name}:begin ({NOTE}) -->\n{body.rstrip()}\n<!-- {name}:end -->"


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"<!-- {name}:begin[^>]*-->\n.*?<!-- {name}:end -->", re.S)


def _year(v) -> str:
    return "—" if pd.isna(v) else str(int(v))


# ------------------------------------------------------------------ results


def results_body() -> str:
    lib = load_library()
    scenarios = list(lib.values())
    comparison = compare(scenarios, end=END)
    summary = comparison.summary
    base = lib[BASELINE_ID]
    unc = depletion_uncertainty([base], paths=PATHS, seed=DEFAULT_SEED, end=END)
    tornado = run_sensitivity(base, end=END)
    srow = summary[summary["scenario"] == BASELINE_ID].set_index("fund")
    urow = unc.set_index("fund")
    marks = "/".join(str(y) for y in MARK_YEARS)
    lines = [
        f"Current policy (the shipped baseline, `scenarios/baseline.toml`) to {END}, without extra "
        f"budget money beyond each fund's subsidy rule. The depletion year is the first year the "
        f"accumulated balance is negative; the range and probabilities come from {PATHS:,} Monte "
        f"Carlo paths of wage growth, returns, unemployment and longevity (seed {DEFAULT_SEED}; "
        f"`python -m model compare baseline --paths {PATHS}`); a *sustained* deficit is a current "
        f"deficit three years running. A single year hides how easily it moves: read the range. "
        f"The paths do not draw work-injury incidence or pension policy, so a fund driven by "
        f"those (work injury) can show a narrow range; the tornado lines name what moves it.",
        "",
        hover_sentence(comparison),
        "",
        f"| fund | runs out (deterministic) | 10–90% range | P(run out by {marks}) "
        f"| first deficit | sustained deficit from |",
        "|---|---|---|---|---|---|",
    ]
    for fund in ALL_FUNDS:
        s, u = srow.loc[fund], urow.loc[fund]
        zh, en = SENTENCE_NAMES.get(fund, FUND_NAMES[fund])
        probs = "/".join(percent_text(u[f"p_depleted_{y}"]) for y in MARK_YEARS)
        dep = _year(s["depletion_year"]) if not pd.isna(s["depletion_year"]) else f"not by {END}"
        rng = (range_cell(u.to_dict(), "en") if not pd.isna(u["depletion_p10"]) else
               f"no path runs out by {END}" if u["p_depleted_horizon"] == 0 else
               f"{percent_text(u['p_depleted_horizon'])} run out by {END}")
        lines.append(f"| {zh} {en} | {dep} | {rng} | {probs} | {_year(s['first_deficit_year'])} "
                     f"| {_year(s['first_sustained_deficit_year'])} |")
    lines.append("")
    for fund in ALL_FUNDS:
        s = srow.loc[fund].to_dict() | {"fund": fund}
        if pd.isna(s["depletion_year"]):
            continue
        u = urow.loc[fund].to_dict()
        lines.append(f"- {fund_sentence(s, u, 'zh', END)}")
        lines.append(f"  {fund_sentence(s, u, 'en', END)}")
        lines.append(f"  {sensitivity_line(tornado, fund, 'en')}")
    years = list(comparison.result.years)
    subsidy = comparison.result.series["public_pension"]["fiscal_subsidy"][comparison.ids.index(BASELINE_ID)]
    path = ", ".join(f"{subsidy[years.index(y)] / 1e4:.2f}亿 ({y})" for y in SUBSIDY_YEARS)
    lines += ["", f"The public-institution fund does not run out because the budget fills its gap: "
                  f"its fiscal subsidy is {path}."]
    per = depletion_uncertainty(scenarios, paths=DEFAULT_PATHS, seed=DEFAULT_SEED, end=END)
    per = per.set_index(["scenario", "fund"])
    lines += [
        "",
        f"Every shipped scenario (`scenarios/README.md`; its own result lines are the golden run), "
        f"with {DEFAULT_PATHS:,} paths each, the same paths for every scenario:",
        "",
        "| scenario | enterprise fund runs out | 10–90% | P(by 2040) | all five funds run out "
        "| 10–90% | P(by 2040) |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scenarios:
        cells = [f"`{s.id}`"]
        for fund in ("enterprise_pension", "total"):
            row = summary[(summary["scenario"] == s.id) & (summary["fund"] == fund)].iloc[0]
            u = per.loc[(s.id, fund)].to_dict()
            dep = _year(row["depletion_year"]) if not pd.isna(row["depletion_year"]) else \
                f"not by {END}"
            cells += [dep, range_cell(u, "en"), percent_text(u["p_depleted_2040"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def hover_sentence(comparison, fund: str = "enterprise_pension") -> str:
    """How close to balance the fund's current balance stays before its first sustained deficit:
    the lowest and highest current balance ÷ expenditure over the projected years before it."""
    series = comparison.result.series[fund]
    i = comparison.ids.index(BASELINE_ID)
    years = list(comparison.result.years)
    row = comparison.summary[(comparison.summary["scenario"] == BASELINE_ID)
                             & (comparison.summary["fund"] == fund)].iloc[0]
    sustained = row["first_sustained_deficit_year"]
    if pd.isna(sustained) or int(sustained) <= years[1] + 1:
        return ""
    last = int(sustained) - 1
    span = slice(1, years.index(last) + 1)
    share = series["current_balance"][i, span] / series["expenditure_total"][i, span] * 100
    lo, hi = (f"{v:+.1f}%".replace("-", "−") for v in (share.min(), share.max()))
    zh, en = FUND_NAMES[fund]
    return (f"Why the range is wide: the {en.lower()} fund's current balance (income, subsidy and "
            f"interest less spending) stays between {lo} and {hi} of its spending from "
            f"{years[1]} to {last}, so a small change in wages, returns or pension increases "
            f"moves the year its deficit sets in, and with it the depletion year.")


# ------------------------------------------------------------------ backtest


def _amount(value: float, indicator: str) -> str:
    """Persons, or 万元 as the report's table prints them (to 0.1)."""
    if indicator == "beneficiaries":
        return f"{value:,.0f} persons"
    return f"{value:,.1f}万"


def _pct(value: float) -> str:
    return f"{value:+.1f}%".replace("-", "−")


def backtest_rows(text: str) -> list[tuple[str, str]]:
    """(fund, indicator) of the rows already in the README's backtest table, in order, with
    their reasons: ``[(key, reason), …]`` where key is ``fund/indicator``."""
    m = _pattern("backtest").search(text)
    if not m:
        return []
    out = []
    for line in m.group(0).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`"):
            out.append((f"{cells[0].strip('`')}/{cells[1].strip('`')}", cells[5]))
    return out


def backtest_body(text: str) -> str:
    table = run_backtest()
    table = table[table["error_pct"].notna()]
    reasons = dict(backtest_rows(text))
    keys = []
    for _, r in table.iterrows():
        key = f"{r['fund']}/{r['indicator']}"
        if abs(r["error_pct"]) <= MISS_LIMIT:
            continue
        keys.append(key)
        if key not in reasons:
            print(f"regen_readme: new backtest miss {key} {r['error_pct']:+.1f}% — write its reason "
                  f"in README.md", file=sys.stderr)
    by_key = {f"{r['fund']}/{r['indicator']}": r for _, r in table.iterrows()}
    order = {f: i for i, f in enumerate(ALL_FUNDS)}
    keys = [k for k in keys if k in by_key]
    keys.sort(key=lambda k: (order[k.split("/")[0]], list(by_key).index(k)))
    lines = ["| fund | item | model 2020 | report 2020 | miss | why |",
             "|---|---|---|---|---|---|"]
    for k in keys:
        r = by_key[k]
        lines.append(f"| `{r['fund']}` | `{r['indicator']}` | {_amount(r['projected'], r['indicator'])} "
                     f"| {_amount(r['actual'], r['indicator'])} | {_pct(r['error_pct'])} "
                     f"| {reasons.get(k, '')} |")
    return "\n".join(lines)


# ------------------------------------------------------------------ main


def render(text: str) -> str:
    """README text with both blocks rewritten (each block must already be present)."""
    for name, body in (("results", results_body()), ("backtest", backtest_body(text))):
        pattern = _pattern(name)
        if not pattern.search(text):
            raise RuntimeError(f"README.md has no <!-- {name}:begin --> … <!-- {name}:end --> block")
        text = pattern.sub(lambda _m, b=body, n=name: _block(n, b), text, count=1)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args(argv)
    old = README.read_text(encoding="utf-8")
    new = render(old)
    if new == old:
        return 0
    if args.check:
        print("would change README.md")
        return 1
    README.write_text(new, encoding="utf-8")
    print("wrote README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
