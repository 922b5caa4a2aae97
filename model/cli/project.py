"""``python -m model project``: the command-line shell over ``model.engine.output``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.cli.args import check_range
from model.cli.output_path import add_force_argument, check_output
from model.engine.cache import get_engine
from model.engine.output import FORMATS, project, write_table
from model.errors import InputError, ProblemList
from model.scenarios.library import HORIZON, load_scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", action="append", type=Path, default=[],
                        help="scenario TOML file; repeat for several (none: baseline)")
    parser.add_argument("--start", type=int, default=None, help="base year (must be the region's)")
    parser.add_argument("--end", type=int, default=2060)
    parser.add_argument("--region", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True, help=".csv, .xlsx or .parquet")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    out = check_output(args.out, FORMATS, args.force)
    problems = ProblemList()
    check_range(problems, "--end", args.end, HORIZON[0], HORIZON[1], ("预测终止年", "the horizon year"), whole=True)
    problems.raise_if_any()
    engine = get_engine(None if args.region is None else str(args.region))
    if args.start is not None and args.start != engine.base_year:
        problems = ProblemList()
        problems.add("--start", "start", args.start, "起始年须为地区基年", "the start must be the region's base year",
                     str(engine.base_year), str(engine.base_year))
        problems.raise_if_any()
    scenarios = [load_scenario(p) for p in args.scenario]
    frame = project(scenarios, end=args.end, engine=engine)
    try:
        path = write_table(frame, out)
    except OSError as err:
        problems.add(str(out), "--out", str(out), f"写入失败（{err.strerror}）", f"writing failed ({err.strerror})",
                     "可写的文件夹与足够的磁盘空间", "a writable folder with enough space")
        raise InputError(problems.items) from None
    print(f"{len(frame)} rows → {path}")
    return 0
