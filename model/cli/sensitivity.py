"""``python -m model sensitivity``: the command-line shell over ``model.analysis.sensitivity``."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, _load
from model.analysis.sensitivity import run_sensitivity
from model.cli.args import check_range
from model.cli.output_path import add_force_argument, check_output, write_output
from model.errors import ProblemList
from model.scenarios.library import HORIZON


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fund", action="append", choices=ALL_FUNDS,
                        help="只显示这些基金 / show only these funds (repeatable; default total)")
    parser.add_argument("--end", type=int, default=DEFAULT_END, help="预测终止年 / horizon year")
    parser.add_argument("--base", help="基准情景文件或 id / base scenario file or id")
    parser.add_argument("--out", type=Path, help="把龙卷风图数据写入 CSV / write tornado data to CSV")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    problems = ProblemList()
    check_range(problems, "--end", args.end, HORIZON[0], HORIZON[1], ("预测终止年", "the horizon year"), whole=True)
    problems.raise_if_any()
    out = check_output(args.out, (".csv",), args.force)
    base = _load(args.base) if args.base else None
    table = run_sensitivity(base, end=args.end)
    if out:
        write_output(out, lambda tmp: table.to_csv(tmp, index=False))
    funds = args.fund or ["total"]
    label = "label_zh" if args.lang == "zh" else "label_en"
    show = table[table["fund"].isin(funds)].copy()
    for col in ("horizon_balance_base", "balance_effect_low", "balance_effect_high"):
        show[col] = (show[col] / 1e4).round(2)  # 亿元
    cols = ["fund", label, "depletion_year_base", "depletion_effect_low", "depletion_effect_high",
            "horizon_balance_base", "balance_effect_low", "balance_effect_high"]
    print(("期末累计结余与效应单位：亿元" if args.lang == "zh"
           else "horizon balance and effects in 亿元 (100 million yuan)"))
    with pd.option_context("display.width", 220, "display.max_columns", 20,
                           "display.max_rows", 500):
        print(show[cols].to_string(index=False))
    return 0
