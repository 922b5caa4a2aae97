"""``python -m model project``: the command-line shell over ``model.engine.output``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.engine.cache import get_engine
from model.engine.output import project, write_table
from model.errors import ProblemList
from model.scenarios.library import load_scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", action="append", type=Path, default=[],
                        help="scenario TOML file; repeat for several (none: baseline)")
    parser.add_argument("--start", type=int, default=None, help="base year (must be the region's)")
    parser.add_argument("--end", type=int, default=2060)
    parser.add_argument("--region", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True, help=".csv, .xlsx or .parquet")


def run_cli(args: argparse.Namespace) -> int:
    engine = get_engine(None if args.region is None else str(args.region))
    if args.start is not None and args.start != engine.base_year:
        problems = ProblemList()
        problems.add("--start", "start", args.start, "起始年须为地区基年", "the start must be the region's base year",
                     str(engine.base_year), str(engine.base_year))
        problems.raise_if_any()
    scenarios = [load_scenario(p) for p in args.scenario]
    frame = project(scenarios, end=args.end, engine=engine)
    path = write_table(frame, args.out)
    print(f"{len(frame)} rows → {path}")
    return 0
