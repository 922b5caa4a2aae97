"""``python -m model compare``: the command-line shell over ``model.analysis.compare``."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, compare, compare_files, format_summary
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
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    problems = ProblemList()
    check_range(problems, "--end", args.end, HORIZON[0], HORIZON[1], ("预测终止年", "the horizon year"), whole=True)
    problems.raise_if_any()
    summary_out = check_output(args.summary_out, (".csv",), args.force, "--summary-out")
    out = check_output(args.out, TABLE_FORMATS, args.force)
    distinct_outputs(("--summary-out", summary_out), ("--out", out))
    if args.scenarios == ["all"]:
        scenarios = list(load_library().values())
        comparison = compare(scenarios, end=args.end)
    else:
        comparison = compare_files(args.scenarios, end=args.end,
                                   with_baseline=not args.no_baseline)
    print(format_summary(comparison.summary, args.lang, args.fund))
    if summary_out:
        write_output(summary_out, lambda tmp: comparison.summary.to_csv(tmp, index=False), "--summary-out")
    if out:
        frame = comparison.frame()
        write_output(out, lambda tmp: write_frame(frame, tmp))
    return 0


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    """CSV, xlsx or parquet by the file's extension (checked by ``check_output`` first)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
