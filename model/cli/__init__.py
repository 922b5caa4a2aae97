"""``python -m model …``: a thin shell over the engine's API.

Each sub-command has its own shell module in ``model/cli/`` (the only package that parses
arguments or prints); it defines ``add_arguments(parser)`` and ``run_cli(args) -> int`` and calls
the public API of the layer below, so this file only routes and imports only the command asked for. Input errors are printed in Chinese and English, never as a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from model.errors import InputError

# command -> (module, add-arguments function, run function, help zh/en)
COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "reconcile": ("model.cli.reconcile", "add_arguments", "run_cli",
                  "核对报告中的恒等式与矛盾 / check the report's identities and conflicts"),
    "validate-region": ("model.cli.region", "add_arguments", "run_cli",
                        "检查地区数据文件夹 / validate a region data folder"),
    "calibration": ("model.cli.calibration", "add_arguments", "run_cli",
                    "列出校准参数 / list calibrated parameters"),
    "backtest": ("model.cli.backtest", "add_arguments", "run_cli",
                 "以2019年为起点回测2020年 / backtest 2020 from end-2019"),
    "project": ("model.cli.project", "add_arguments", "run_cli",
                "运行预测并写出长表 / run projections and write the long table"),
    "compare": ("model.cli.compare", "add_arguments", "run_cli",
                "情景对比 / compare scenarios"),
    "solve": ("model.cli.solve", "add_arguments", "run_cli",
              "目标求解 / goal-seek"),
    "sensitivity": ("model.cli.sensitivity", "add_arguments", "run_cli",
                    "敏感性分析 / one-at-a-time sensitivity"),
    "montecarlo": ("model.cli.montecarlo", "add_arguments", "run_cli",
                   "蒙特卡洛风险 / Monte Carlo risk"),
    "budget": ("model.cli.budget", "add_arguments", "run_cli",
               "社预格式预算草案 / next year's budget draft in the 社预 layout"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model", description="sifsim 社保基金精算沙盘")
    sub = parser.add_subparsers(dest="command", required=True)
    argv = sys.argv[1:] if argv is None else argv
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    for name, (module_name, add_name, run_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if name == wanted:  # import only the module the user asked for
            module = importlib.import_module(module_name)
            getattr(module, add_name)(p)
            p.set_defaults(_run=getattr(module, run_name))
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except InputError as err:
        print(str(err), file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `python -m model reconcile | head`
        sys.stderr.close()
        return 0
