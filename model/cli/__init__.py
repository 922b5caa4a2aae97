"""``python -m model …``: a thin shell over the engine's API.

Each sub-command has its own shell module in ``model/cli/`` (the only package that parses
arguments or prints); it defines ``add_arguments(parser)`` and ``run_cli(args) -> int`` and calls
the public API of the layer below, so this file only routes and imports only the command asked for.

No traceback reaches the user: input errors, argparse's own errors (:mod:`model.cli.args`) and
file-system errors are printed in Chinese and English (exit status 2); anything unexpected is
one bilingual line with the exception's type (exit status 3), the traceback only when
``SIFSIM_DEBUG=1`` is set.
"""
from __future__ import annotations

import importlib
import os
import sys

from model.cli.args import BilingualParser
from model.errors import InputError, clip

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
    "execution": ("model.cli.execution", "add_arguments", "run_cli",
                  "预算执行分析 / budget execution analysis"),
    "report": ("model.cli.report", "add_arguments", "run_cli",
               "汇报材料：演示稿、测算报告、工作簿 / leadership pack: deck, brief, workbook"),
}


def main(argv: list[str] | None = None) -> int:
    parser = BilingualParser(prog="python -m model", description="sifsim 社保基金精算沙盘")
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
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        where = f" {clip(str(err.filename))}" if err.filename else ""
        print(f"文件错误{where}：{err.strerror or err}\nfile error{where}: {err.strerror or err}", file=sys.stderr)
        return 2
    except (Exception, RecursionError, MemoryError) as err:  # noqa: BLE001 - never a traceback
        if os.environ.get("SIFSIM_DEBUG") == "1":
            raise
        text = clip(str(err).strip().splitlines()[0] if str(err).strip() else "—", 200)
        print(f"内部错误（{type(err).__name__}）：{text}；请把命令与输入文件报告给维护者（SIFSIM_DEBUG=1 显示详情）\n"
              f"internal error ({type(err).__name__}): {text}; please report the command and its input files "
              "(SIFSIM_DEBUG=1 shows the details)", file=sys.stderr)
        return 3
