"""``python -m model montecarlo``: the command-line shell over ``model.analysis.montecarlo``."""
from __future__ import annotations

import argparse
import math
from pathlib import Path

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, _load
from model.analysis.montecarlo import DEFAULT_PATHS, INDICATORS, PERCENTILES, REPORT_PATHS, run_montecarlo
from model.analysis.uncertainty import summarise_depletion
from model.cli.args import check_range
from model.cli.output_path import add_force_argument, check_output, distinct_outputs, write_output
from model.errors import ProblemList
from model.scenarios.library import HORIZON

#: Seeds numpy's generator takes, as the command accepts them (a negative seed is refused).
MAX_SEED = 2**32 - 1
#: Most paths the command runs (the analysis' own limit).
MAX_PATHS = 100_000
#: Memory the kept path series may take, MiB. A run keeps every path's series (float32, one per
#: fund × kept indicator × year) for its percentiles: 100,000 paths to 2060 need about 850 MiB,
#: to 2100 about 1.7 GiB, more than a shared 2-core server should give one command.
MEMORY_CAP_MIB = 1024


def kept_mib(paths: int, end: int, base_year: int = HORIZON[0] - 1) -> float:
    """Memory of the kept series of a run, MiB: paths × years × funds × indicators × 4 bytes."""
    return paths * (end - base_year + 1) * len(ALL_FUNDS) * len(INDICATORS) * 4 / 2**20


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
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    problems = ProblemList()
    check_range(problems, "--paths", args.paths, 1, MAX_PATHS, ("路径数", "the number of paths"), whole=True)
    check_range(problems, "--seed", args.seed, 0, MAX_SEED, ("随机种子", "the seed"), whole=True)
    check_range(problems, "--end", args.end, HORIZON[0], HORIZON[1], ("预测终止年", "the horizon year"), whole=True)
    check_range(problems, "--volatility", args.volatility, 0, 5, ("波动倍数", "the volatility multiplier"))
    problems.raise_if_any()
    if kept_mib(args.paths, args.end) > MEMORY_CAP_MIB:
        fits = int(args.paths * MEMORY_CAP_MIB / kept_mib(args.paths, args.end))
        problems.add("(命令行/command line)", "--paths", args.paths,
                     f"{args.paths} 条路径到 {args.end} 年约需 {kept_mib(args.paths, args.end):,.0f} MiB 内存，"
                     f"超过上限 {MEMORY_CAP_MIB} MiB",
                     f"{args.paths:,} paths to {args.end} need about {kept_mib(args.paths, args.end):,.0f} MiB, "
                     f"more than the cap of {MEMORY_CAP_MIB} MiB",
                     f"到 {args.end} 年至多 {fits} 条路径，或更早的终止年",
                     f"at most {fits:,} paths to {args.end}, or an earlier horizon")
        problems.raise_if_any()
    # outputs checked before the run: a long run is never lost to an unwritable --out
    out = check_output(args.out, (".csv",), args.force)
    depletion_out = check_output(args.depletion_out, (".csv",), args.force, "--depletion-out")
    distinct_outputs(("--out", out), ("--depletion-out", depletion_out))
    base = _load(args.base) if args.base else None
    with tqdm(total=args.paths, unit="path", desc="蒙特卡洛 / Monte Carlo") as bar:
        def tick(done: int, total: int) -> None:
            bar.update(done - bar.n)
        # keep every indicator's paths only for --out; the printout needs the balance alone
        # (100,000 paths × 54 series are 0.9 GB; the balance's 6 series 0.1 GB)
        res = run_montecarlo(args.paths, args.seed, args.end, base, args.volatility,
                             progress=tick, indicators=INDICATORS if out else ("accumulated_balance",))
    if out:
        write_output(out, lambda tmp: res.percentiles.to_csv(tmp, index=False))
    if depletion_out:
        write_output(depletion_out, lambda tmp: res.depletion.to_csv(tmp, index=False), "--depletion-out")
    funds = args.fund or list(ALL_FUNDS)
    marks = [y for y in (2025, 2030, 2035, 2040, 2050, 2060, 2070, 2080, 2090, 2100)
             if y <= res.years[-1]]
    dep = res.depletion[res.depletion["year"].isin(marks) & res.depletion["fund"].isin(funds)]
    table = dep.pivot(index="fund", columns="year", values="p_depleted").reindex(funds)
    head = "累计结余为负的概率（截至各年）" if args.lang == "zh" else \
        "Probability the accumulated balance has gone negative by each year"
    print(f"{head} — {res.n_paths} paths, seed {res.seed}")
    print(table.map(lambda v: f"{v:.1%}").to_string())
    horizon = int(res.years[-1])
    ranges = summarise_depletion(res.depletion, res.n_paths, horizon)
    print("耗尽年份 P10 / P50 / P90（至该年已有10%/50%/90%的路径耗尽）" if args.lang == "zh" else
          "Depletion year P10 / P50 / P90 (the year by which 10%/50%/90% of the paths have run out)")
    after = f"{horizon}后" if args.lang == "zh" else f"after {horizon}"
    for fund in funds:
        r = ranges[fund]
        cells = [after if math.isnan(r[f"depletion_p{q}"]) else str(int(r[f"depletion_p{q}"]))
                 for q in (10, 50, 90)]
        print(f"{fund:>20}  " + " / ".join(cells))
    bal = res.percentile_table(("accumulated_balance",), funds)
    bal = bal[bal["year"] == res.years[-1]]
    head = f"{res.years[-1]} 年累计结余分位数（亿元）" if args.lang == "zh" else \
        f"Accumulated balance in {res.years[-1]}, percentiles (亿元)"
    print(head)
    cols = [f"p{p}" for p in PERCENTILES]
    print((bal.set_index("fund")[cols] / 1e4).round(2).to_string())
    return 0
