"""``python -m model execution``: the command-line shell over ``model.reports.execution``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.cli.output_path import add_force_argument, check_output, write_output
from model.errors import ProblemList
from model.reports.execution import execution_table, write_execution_xlsx


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="执行年度（地区基年）/ year (the region's base year)")
    parser.add_argument("--region", type=Path, default=None, help="地区数据文件夹 / region folder")
    parser.add_argument("--out", type=Path, required=True, help="输出 .xlsx / output workbook")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    out = check_output(args.out, (".xlsx",), args.force)
    table = execution_table(args.region)
    if args.year != table.year:
        problems = ProblemList()
        problems.add("--year", "year", args.year, "执行分析只有基年的预算和决算数", "execution data exist for the base year only",
                     str(table.year), str(table.year))
        problems.raise_if_any()
    path = write_output(out, lambda tmp: write_execution_xlsx(table, tmp, lang=args.lang))
    income = table.cells[("income_analysis", "execution")]["total"]
    spending = table.cells[("expenditure_analysis", "execution")]["total"]
    if args.lang == "zh":
        print(f"{table.year}年收入完成预算 {income * 100:.2f}%，支出完成预算 {spending * 100:.2f}% → {path}")
    else:
        print(f"{table.year}: income {income * 100:.2f}% of budget, expenditure {spending * 100:.2f}% → {path}")
    return 0
