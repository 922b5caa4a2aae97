"""``python -m model validate-region``: the command-line shell over ``model.baseline.region``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.baseline.region import default_region_dir, load_region
from model.engine.region_check import validate_region
from model.errors import MAX_SHOWN_PROBLEMS, more_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=None,
                        help="地区文件夹 / region folder (default: data/regions/changji-2020)")
    parser.add_argument("--lang", choices=("zh", "en", "both"), default="both")


def run_cli(args: argparse.Namespace) -> int:
    path = Path(args.path) if args.path else default_region_dir()
    problems = validate_region(path)
    if not problems:
        region = load_region(path)
        print(f"{path}: OK — {len(region.figures)} figures, "
              f"{len({(f.fund, f.period, f.key) for f in region.figures})} quantities"
              + (", age profiles" if region.age_profiles is not None else ""))
        return 0
    print(f"{path}: {len(problems)} problem(s) / 个问题")
    for p in problems[:MAX_SHOWN_PROBLEMS]:
        print("- " + (p.bilingual().replace("\n", "\n  ") if args.lang == "both" else p.text(args.lang)))
    if len(problems) > MAX_SHOWN_PROBLEMS:
        langs = ("zh", "en") if args.lang == "both" else (args.lang,)
        print("\n".join(more_line(len(problems), lang) for lang in langs))
    return 1
