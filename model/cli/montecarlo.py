"""``python -m model montecarlo``: the command-line shell over ``model.analysis.montecarlo``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, _load
from model.analysis.montecarlo import DEFAULT_PATHS, PERCENTILES, REPORT_PATHS, run_montecarlo


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--paths", type=int, default=DEFAULT_PATHS,
                        help=f"路径数 / number of paths (default {DEFAULT_PATHS}; "
                             f"{REPORT_PATHS} for reports)")
    parser.add_argument("--seed", type=int, default=20200101, help="随机种子 / random seed")
    parser.add_argument("--end", type=int, default=DEFAULT_END, help="预测终止年 / horizon year")
    parser.add_argument("--base", help="基准情景文件或 id / base scenario file or id")
    parser.add_argument("--volatility", type=float, default=1.0,
                        help="波动倍数（0 = 确定性）/ volatility multiplier (0 = deterministic)")
    parser.add_argument("--fund", action="append", choices=ALL_FUNDS,
                        help="显示这些基金 / show these funds (default: all)")
    parser.add_argument("--out", type=Path, help="把分位数表写入 CSV / write the percentile table")
    parser.add_argument("--depletion-out", type=Path,
                        help="把耗尽概率写入 CSV / write depletion probabilities")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")


def run_cli(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    base = _load(args.base) if args.base else None
    with tqdm(total=args.paths, unit="path", desc="蒙特卡洛 / Monte Carlo") as bar:
        def tick(done: int, total: int) -> None:
            bar.update(done - bar.n)
        res = run_montecarlo(args.paths, args.seed, args.end, base, args.volatility,
                             progress=tick)
    if args.out:
        res.percentiles.to_csv(args.out, index=False)
    if args.depletion_out:
        res.depletion.to_csv(args.depletion_out, index=False)
    funds = args.fund or list(ALL_FUNDS)
    marks = [y for y in (2025, 2030, 2035, 2040, 2050, 2060, 2070, 2080, 2090, 2100)
             if y <= res.years[-1]]
    dep = res.depletion[res.depletion["year"].isin(marks) & res.depletion["fund"].isin(funds)]
    table = dep.pivot(index="fund", columns="year", values="p_depleted").reindex(funds)
    head = "累计结余为负的概率（截至各年）" if args.lang == "zh" else \
        "Probability the accumulated balance has gone negative by each year"
    print(f"{head} — {res.n_paths} paths, seed {res.seed}")
    print(table.map(lambda v: f"{v:.1%}").to_string())
    bal = res.percentiles[(res.percentiles["indicator"] == "accumulated_balance")
                          & (res.percentiles["year"] == res.years[-1])
                          & res.percentiles["fund"].isin(funds)]
    head = f"{res.years[-1]} 年累计结余分位数（亿元）" if args.lang == "zh" else \
        f"Accumulated balance in {res.years[-1]}, percentiles (亿元)"
    print(head)
    cols = [f"p{p}" for p in PERCENTILES]
    print((bal.set_index("fund")[cols] / 1e4).round(2).to_string())
    return 0
