"""README's baseline results are the model's, written as a range and probabilities, not only a
single year: the model-written block equals what ``scripts/regen_readme.py`` writes today, and its
enterprise line carries the deterministic year, the Monte Carlo range and P(depletion by 2040)
counted here from the Monte Carlo's own depletion table."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from model.analysis.compare import compare
from model.analysis.montecarlo import run_montecarlo
from model.analysis.uncertainty import DEFAULT_SEED, percent_text
from model.scenarios.library import SCENARIO_DIR, load_scenario

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import regen_readme  # noqa: E402


@pytest.fixture(scope="module")
def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_results_block_is_current(readme):
    """If this fails after an engine change: .venv/bin/python scripts/regen_golden.py (or
    scripts/regen_readme.py) and commit README.md."""
    fresh = regen_readme.render(readme)
    block = re.compile(r"<!-- results:begin.*?<!-- results:end -->", re.S)
    assert block.search(readme).group(0) == block.search(fresh).group(0), \
        "README's results are stale: run scripts/regen_readme.py"


def test_enterprise_line_leads_with_range_and_probability(readme):
    base = load_scenario(SCENARIO_DIR / "baseline.toml")
    dep = compare([base], end=regen_readme.END).summary.set_index("fund").loc[
        "enterprise_pension", "depletion_year"]
    res = run_montecarlo(regen_readme.PATHS, DEFAULT_SEED, regen_readme.END, base=base,
                         indicators=("accumulated_balance",))
    d = res.depletion[res.depletion["fund"] == "enterprise_pension"].set_index("year")["p_depleted"]
    n = res.n_paths
    p10 = int(d.index[(d * n).round() >= 0.1 * n][0])   # first year with ≥ 10% of paths out
    p40 = percent_text(float(d.loc[2040]))
    row = next(ln for ln in readme.splitlines() if ln.startswith("| 企业职工基本养老保险"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == str(int(dep))
    assert cells[2].startswith(f"{p10}–") or cells[2].startswith(f"{p10} to")
    assert cells[3].split("/")[2] == p40


def test_why_the_range_is_wide_is_the_engines_current_balance(readme):
    """The sentence's band is min/max of current balance ÷ expenditure over 2021 to the year
    before the first sustained deficit, recomputed here year by year from the engine."""
    m = re.search(r"stays between ([+−]\d+\.\d)% and ([+−]\d+\.\d)% of its spending from "
                  r"(\d{4}) to (\d{4})", readme)
    assert m, "README's results block lost the sentence on how close to balance the fund runs"
    lo, hi, first, last = float(m.group(1).replace("−", "-")), float(m.group(2).replace("−", "-")), \
        int(m.group(3)), int(m.group(4))
    base = load_scenario(SCENARIO_DIR / "baseline.toml")
    comp = compare([base], end=regen_readme.END)
    series = comp.result.series["enterprise_pension"]
    years = list(comp.result.years)
    shares = [series["current_balance"][0, years.index(y)] / series["expenditure_total"][0, years.index(y)]
              * 100 for y in range(first, last + 1)]
    sustained = comp.summary.set_index("fund").loc["enterprise_pension", "first_sustained_deficit_year"]
    assert first == years[1] and last == int(sustained) - 1
    assert (lo, hi) == (round(min(shares), 1), round(max(shares), 1))
