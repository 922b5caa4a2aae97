"""``python -m model calibration``: the command-line shell over ``model.engine.calibration``."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from model.engine.cache import get_engine
from model.engine.calibration import rows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", type=Path, default=None, help="region folder (default: Changji 2020)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run_cli(args: argparse.Namespace) -> int:
    engine = get_engine(None if args.region is None else str(args.region))
    table = rows(engine)
    if args.format == "json":
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return 0
    method = "method_zh" if args.lang == "zh" else "method_en"
    head = ("险种", "参数", "数值", "单位", "方法") if args.lang == "zh" else ("fund", "parameter", "value", "unit", "method")
    print(" | ".join(head))
    for r in table:
        print(f"{r['fund']} | {r['name']} | {r['value']:.6g} | {r['unit']} | {r[method]}")
    return 0
