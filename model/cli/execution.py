"""``python -m model execution``: the command-line shell over ``model.reports.execution``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.cli.output_path import add_force_argument, check_output, write_output
from model.errors import ProblemList
from model.baseline import load_region
from model.paths import DEFAULT_REGION_DIR
from model.reports.execution import execution_table, write_execution_xlsx
from model.reports.quarterly import quarter_tables, write_quarterly_xlsx


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True,
                        help="执行年度：无 --quarter 时为地区基年 / year (without --quarter: the region's base year)")
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4),
                        help="季度执行表（社预执行格式，数据取自地区文件夹的 execution.csv）/ quarterly 社预执行 "
                             "tables from the region's execution.csv")
    parser.add_argument("--region", type=Path, default=None, help="地区数据文件夹 / region folder")
    parser.add_argument("--out", type=Path, required=True, help="输出 .xlsx / output workbook")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    out = check_output(args.out, (".xlsx",), args.force)
    if args.quarter is not None:
        tables = quarter_tables(args.year, args.quarter, args.region)
        region = load_region(args.region or DEFAULT_REGION_DIR)
        name = region.name_zh if args.lang == "zh" else region.name_en
        path = write_output(out, lambda tmp: write_quarterly_xlsx(tables, tmp, name, args.lang))
        print(f"{args.year} Q{args.quarter}: {len(tables)} → {path}")
        return 0
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
