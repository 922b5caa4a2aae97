"""``python -m model compare``: the command-line shell over ``model.analysis.compare``."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, compare, compare_files, format_summary
from model.scenarios.library import load_library


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


def run_cli(args: argparse.Namespace) -> int:
    if args.scenarios == ["all"]:
        scenarios = list(load_library().values())
        comparison = compare(scenarios, end=args.end)
    else:
        comparison = compare_files(args.scenarios, end=args.end,
                                   with_baseline=not args.no_baseline)
    print(format_summary(comparison.summary, args.lang, args.fund))
    if args.summary_out:
        comparison.summary.to_csv(args.summary_out, index=False)
    if args.out:
        write_frame(comparison.frame(), args.out)
    return 0


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    """CSV, xlsx or parquet by the file's extension."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
