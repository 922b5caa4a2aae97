"""``python -m model report``: the command-line shell over ``model.reports.report``."""
from __future__ import annotations

import argparse
from pathlib import Path

from model.analysis.compare import DEFAULT_END
from model.analysis.uncertainty import DEFAULT_SEED
from model.cli.args import check_range
from model.cli.output_path import add_force_argument, check_output, write_output
from model.errors import ProblemList
from model.reports.common import scenario_from_arg
from model.reports.pack import PACK_PATHS
from model.reports.report import FORMATS, build_pack, write_document
from model.scenarios.library import HORIZON


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", action="append", default=[],
                        help="情景文件或内置情景 id，可重复；第一个为对比基准 / scenario file or shipped id, repeatable; "
                             "the first is the reference (default: baseline)")
    parser.add_argument("--format", choices=[f.lstrip(".") for f in FORMATS],
                        help="pptx 演示稿、docx 测算报告、xlsx 工作簿（默认按 --out 扩展名）/ deck, brief or workbook "
                             "(default: by the extension of --out)")
    parser.add_argument("--out", type=Path, required=True, help="输出文件 / output file")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--end", type=int, default=DEFAULT_END, help="预测终止年 / horizon year")
    parser.add_argument("--region", type=Path, default=None, help="地区数据文件夹 / region folder")
    parser.add_argument("--paths", type=int, default=PACK_PATHS,
                        help=f"每个情景的蒙特卡洛路径数 / Monte Carlo paths per scenario (default {PACK_PATHS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子 / random seed")
    add_force_argument(parser)


def run_cli(args: argparse.Namespace) -> int:
    formats = (f".{args.format}",) if args.format else FORMATS
    out = check_output(args.out, formats, args.force)
    problems = ProblemList()
    check_range(problems, "--end", args.end, HORIZON[0], HORIZON[1], ("预测终止年", "the horizon year"), whole=True)
    check_range(problems, "--paths", args.paths, 100, 100_000, ("路径数", "the number of paths"), whole=True)
    problems.raise_if_any()
    scenarios = [scenario_from_arg(s) for s in (args.scenario or ["baseline"])]
    tables = build_pack(scenarios, end=args.end, region_dir=args.region, paths=args.paths, seed=args.seed)
    path = write_output(out, lambda tmp: write_document(tables, tmp, args.lang, out.suffix.lower().lstrip(".")))
    names = "、".join(s.name(args.lang) for s in scenarios) if args.lang == "zh" else "; ".join(s.name("en") for s in scenarios)
    print(f"{names} → {path}")
    return 0
