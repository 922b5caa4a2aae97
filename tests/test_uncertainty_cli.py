"""``python -m model compare`` leads with uncertainty: the Monte Carlo table, the reference
scenario's sentence per fund and the tornado's line, and ways to size or skip them."""
from __future__ import annotations

import pandas as pd

from model.analysis.uncertainty import depletion_uncertainty, percent_text
from model.cli import main
from model.scenarios.library import SCENARIO_DIR, load_scenario


def test_compare_prints_range_probabilities_and_sensitivity(tmp_path, capsys):
    out = tmp_path / "unc.csv"
    assert main(["compare", "employer_rate_14", "--paths", "150", "--seed", "5", "--end", "2045",
                 "--fund", "enterprise_pension", "--uncertainty-out", str(out)]) == 0
    text = capsys.readouterr().out
    written = pd.read_csv(out)
    scenarios = [load_scenario(SCENARIO_DIR / f"{s}.toml") for s in ("baseline", "employer_rate_14")]
    direct = depletion_uncertainty(scenarios, paths=150, seed=5, end=2045)
    assert list(written["scenario"]) == list(direct["scenario"])
    pd.testing.assert_series_equal(written["p_depleted_2040"], direct["p_depleted_2040"])
    assert "蒙特卡洛 150 条路径，种子 5" in text
    row = direct[(direct["scenario"] == "baseline") & (direct["fund"] == "enterprise_pension")].iloc[0]
    # the reference scenario's sentence carries its own probabilities, as counted
    sentence = next(ln for ln in text.splitlines() if ln.startswith("- 企业职工基本养老保险基金"))
    assert f"至2030/2035/2040年耗尽概率{percent_text(row['p_depleted_2030'])}/" in sentence
    assert "耗尽年份对以下假设最敏感" in text or "2045年累计结余对以下假设最敏感" in text
    assert "持续赤字起始年份（连续3年）" in text


def test_paths_zero_skips_and_negative_is_an_input_error(capsys):
    assert main(["compare", "baseline", "--paths", "0", "--end", "2030", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "First sustained deficit year" in text and "Monte Carlo" not in text
    assert main(["compare", "baseline", "--paths", "-3", "--end", "2030"]) == 2
    err = capsys.readouterr()
    assert "--paths" in err.out + err.err and "out of the allowed range" in err.out + err.err


def test_montecarlo_prints_the_depletion_year_range(capsys):
    """The P10/P50/P90 line of the montecarlo command, against the paths counted directly."""
    import math

    import numpy as np

    from model.analysis.montecarlo import run_montecarlo
    assert main(["montecarlo", "--paths", "120", "--seed", "9", "--end", "2050",
                 "--fund", "enterprise_pension"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines()
                if ln.strip().startswith("enterprise_pension") and "/" in ln)
    res = run_montecarlo(120, 9, 2050, keep_paths=True, indicators=("accumulated_balance",))
    bal = res.paths["enterprise_pension"]["accumulated_balance"][1:]      # (years, paths)
    years = res.years[1:]
    dep = np.array([years[np.argmax(col < 0)] if (col < 0).any() else math.inf for col in bal.T])
    ordered = np.sort(dep)
    want = [ordered[math.ceil(q / 100 * 120) - 1] for q in (10, 50, 90)]
    shown = [c.strip() for c in line.split(None, 1)[1].split("/")]
    assert shown == ["2050后" if math.isinf(w) else str(int(w)) for w in want]
