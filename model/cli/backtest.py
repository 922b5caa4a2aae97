"""``python -m model backtest``: the command-line shell over ``model.analysis.backtest``."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from model.analysis.backtest import run_backtest


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", type=Path, default=None)
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run_cli(args: argparse.Namespace) -> int:
    table = run_backtest(args.region)
    if args.format == "json":
        print(json.dumps(table.to_dict(orient="records"), ensure_ascii=False, indent=2))
        return 0
    with pd.option_context("display.width", 160, "display.max_rows", 200, "display.float_format", "{:,.1f}".format):
        print(table.to_string(index=False))
    return 0
