"""``python -m model solve``: the command-line shell over ``model.analysis.goalseek``."""
from __future__ import annotations

import argparse

from model.analysis.compare import FUNDS, _load
from model.analysis.goalseek import QUESTIONS, solve

# ------------------------------------------------------------------ CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", choices=QUESTIONS,
                        help="fee_cut 最大降费 / balancing_rate 平衡费率 / min_subsidy 最低补贴 / "
                             "max_adjustment 最高调整幅度")
    parser.add_argument("--fund", required=True, choices=FUNDS)
    parser.add_argument("--through", type=int, default=2060, help="约束截止年 / constraint to year")
    parser.add_argument("--min-months", type=float, default=6.0,
                        help="最低可支付月数 / minimum payable months")
    parser.add_argument("--start", type=int, help="政策起始年 / policy start year")
    parser.add_argument("--base", help="基准情景文件或 id / base scenario file or id")
    parser.add_argument("--lang", choices=("zh", "en", "both"), default="both")


def run_cli(args: argparse.Namespace) -> int:
    base = _load(args.base) if args.base else None
    res = solve(args.question, args.fund, through=args.through, min_months=args.min_months,
                start=args.start, base=base)
    if args.lang in ("zh", "both"):
        print(res.message_zh)
    if args.lang in ("en", "both"):
        print(res.message_en)
    return 0 if res.status in ("solved", "all_satisfy") else 1
