"""``python -m model budget``: the command-line shell over ``model.reports.budget``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.cli.output_path import add_force_argument, check_output, write_output
from model.reports.budget import build_budget, write_budget_xlsx
from model.reports.common import scenario_from_arg


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="预算年度 / budget year (after the base year)")
    parser.add_argument("--scenario", help="情景文件或内置情景 id / scenario file or shipped id (default: baseline)")
    parser.add_argument("--region", type=Path, default=None, help="地区数据文件夹 / region folder")
    parser.add_argument("--out", type=Path, required=True, help="输出 .xlsx / output workbook")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    out = check_output(args.out, (".xlsx",), args.force)
    scenario = scenario_from_arg(args.scenario) if args.scenario else None
    budget = build_budget(args.year, scenario, region_dir=args.region)
    path = write_output(out, lambda tmp: write_budget_xlsx(budget, tmp, lang=args.lang))
    total = budget.table("01")
    income = sum(total.value(f, "income_total") for f in total.funds)
    spending = sum(total.value(f, "expenditure_total") for f in total.funds)
    if args.lang == "zh":
        print(f"{budget.year}年预算草案（{budget.scenario_name_zh}）：收入合计 {income / 1e4:.2f} 亿元，"
              f"支出合计 {spending / 1e4:.2f} 亿元 → {path}")
    else:
        print(f"{budget.year} budget draft ({budget.scenario_name_en}): income {income / 1e4:.2f}亿元, "
              f"expenditure {spending / 1e4:.2f}亿元 → {path}")
    return 0
