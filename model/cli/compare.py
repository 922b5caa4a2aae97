"""``python -m model compare``: the command-line shell over ``model.analysis.compare``, with the
Monte Carlo range and depletion probabilities of ``model.analysis.uncertainty`` beside each
depletion year and the tornado's most sensitive assumptions (``--paths 0`` skips both)."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, compare, compare_files, format_summary
from model.analysis.sensitivity import tornado_rows
from model.analysis.uncertainty import (DEFAULT_PATHS, DEFAULT_SEED, depletion_frame, depletion_rows,
                                        format_uncertainty, fund_sentence, sensitivity_line)
from model.cli.args import check_range
from model.cli.output_path import add_force_argument, check_output, distinct_outputs, write_output
from model.errors import ProblemList
from model.scenarios.library import HORIZON, load_library

TABLE_FORMATS = (".csv", ".xlsx", ".parquet")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenarios", nargs="+",
                        help="情景文件或内置情景 id / scenario files or shipped scenario ids "
                             "('all' = the whole library)")
    parser.add_argument("--end", type=int, default=DEFAULT_END, help="预测终止年 / horizon year")
    parser.add_argument("--fund", action="append", choices=ALL_FUNDS,
                        help="只显示这些基金 / show only these funds (repeatable)")
    parser.add_argument("--summary-out", type=Path,
                        help="把汇总表写入 CSV / write the summary to CSV")
    parser.add_argument("--out", type=Path,
                        help="把长表写入 CSV/xlsx/parquet / write the long table")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--no-baseline", action="store_true",
                        help="不自动加入基准情景 / do not add the baseline automatically")
    parser.add_argument("--paths", type=int, default=DEFAULT_PATHS,
                        help=f"每个情景的蒙特卡洛路径数，0 = 不做不确定性分析 / Monte Carlo paths "
                             f"per scenario for the depletion range and probabilities "
                             f"(default {DEFAULT_PATHS}; 0 skips the uncertainty and sensitivity)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="随机种子（各情景同一组路径）/ random seed (same paths for every scenario)")
    parser.add_argument("--uncertainty-out", type=Path,
                        help="把不确定性表写入 CSV / write the uncertainty table to CSV")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    problems = ProblemList()
    check_range(problems, "--end", args.end, HORIZON[0], HORIZON[1], ("预测终止年", "the horizon year"), whole=True)
    check_range(problems, "--paths", args.paths, 0, 100_000,
                ("蒙特卡洛路径数（0 = 不做）", "Monte Carlo paths (0 = skip)"), whole=True)
    check_range(problems, "--seed", args.seed, 0, 2**32 - 1, ("随机种子", "the random seed"),
                whole=True)
    problems.raise_if_any()
    summary_out = check_output(args.summary_out, (".csv",), args.force, "--summary-out")
    out = check_output(args.out, TABLE_FORMATS, args.force)
    unc_out = check_output(args.uncertainty_out, (".csv",), args.force, "--uncertainty-out")
    distinct_outputs(("--summary-out", summary_out), ("--out", out),
                     ("--uncertainty-out", unc_out))
    if args.scenarios == ["all"]:
        scenarios = list(load_library().values())
        comparison = compare(scenarios, end=args.end)
    else:
        comparison = compare_files(args.scenarios, end=args.end,
                                   with_baseline=not args.no_baseline)
    print(format_summary(comparison.columns, args.lang, args.fund))   # pandas only to write files
    if summary_out:
        write_output(summary_out, lambda tmp: comparison.summary.to_csv(tmp, index=False), "--summary-out")
    if out:
        frame = comparison.frame()
        write_output(out, lambda tmp: write_frame(frame, tmp))
    if args.paths:
        rows = print_uncertainty(comparison, args)
        if unc_out:
            table = depletion_frame(rows, args.paths, args.seed)
            write_output(unc_out, lambda tmp: table.to_csv(tmp, index=False), "--uncertainty-out")
    return 0


def print_uncertainty(comparison, args: argparse.Namespace) -> list[dict]:
    """The Monte Carlo table for every scenario, the reference scenario's sentence per fund and
    the tornado's line per fund; returns the table's rows."""
    zh = args.lang == "zh"
    table = depletion_rows(comparison.scenarios, paths=args.paths, seed=args.seed, end=args.end)
    funds = args.fund or list(ALL_FUNDS)
    print()
    print(f"耗尽年份的不确定性：蒙特卡洛 {args.paths:,} 条路径，种子 {args.seed}，各情景同一组随机路径；"
          f"P10/P50/P90 = 至该年已有10%/50%/90%的路径耗尽" if zh else
          f"Uncertainty of the depletion year: Monte Carlo, {args.paths:,} paths, seed {args.seed}, "
          f"the same random paths for every scenario; P10/P50/P90 = the year by which 10%/50%/90% "
          f"of the paths have run out")
    print(format_uncertainty(table, comparison.columns, args.lang, funds))
    base_id = comparison.baseline
    base = next(s for s in comparison.scenarios if s.id == base_id)
    summary = {r["fund"]: r for r in comparison.rows() if r["scenario"] == base_id}
    unc = {r["fund"]: r for r in table if r["scenario"] == base_id}
    print()
    print(f"要点（{base.name('zh')}）：" if zh else f"Headlines ({base.name('en')}):")
    for fund in funds:
        print("- " + fund_sentence(summary[fund], unc[fund], args.lang, args.end))
    tornado = tornado_rows(base, end=args.end)
    print()
    print(f"最敏感的假设（龙卷风图，{base.name('zh')}，每次只动一个假设）：" if zh else
          f"Most sensitive assumptions (tornado, {base.name('en')}, one assumption at a time):")
    for fund in funds:
        print("- " + sensitivity_line(tornado, fund, args.lang))
    return table


def write_frame(frame, path: Path) -> None:
    """CSV, xlsx or parquet by the file's extension (checked by ``check_output`` first)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
