"""Command-line arguments in both languages: the parser's own errors and bounded values.

argparse prints its errors in English only (``argument --end: invalid int value: 'abc'``).
:class:`BilingualParser` prints each of them in Chinese and English with the usage line, and
exits with status 2 as argparse does. :func:`check_range` refuses a number outside what a
command allows (a negative seed, a start year after the horizon, NaN), naming the option.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from typing import NoReturn

from model.errors import ProblemList, clip

# argparse's messages (Python 3.11–3.13) → Chinese; the English is argparse's own.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<value>.*)", "参数 {arg}：{value} 不是有效的{type}"),
    (r"argument (?P<arg>\S+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     "参数 {arg}：无效的选项 {value}（可选：{choices}）"),
    (r"argument (?P<arg>\S+): expected one argument", "参数 {arg} 需要一个值"),
    (r"argument (?P<arg>\S+): expected at least one argument", "参数 {arg} 至少需要一个值"),
    (r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.*)", "参数 {arg} 不接受值 {value}"),
    (r"argument (?P<arg>\S+): not allowed with argument (?P<other>.*)", "参数 {arg} 不能与 {other} 同时使用"),
    (r"the following arguments are required: (?P<args>.*)", "缺少必需的参数：{args}"),
    (r"unrecognized arguments: (?P<args>.*)", "无法识别的参数：{args}"),
    (r"ambiguous option: (?P<arg>\S+) could match (?P<choices>.*)", "参数 {arg} 有歧义，可能是：{choices}"),
    (r"argument (?P<arg>\S+): (?P<rest>.*)", "参数 {arg}：{rest}"),
)
#: What a Problem names as its "file" for a command-line argument.
COMMAND_LINE = "(命令行/command line)"
_TYPES = {"int": "整数", "float": "数字", "Path": "路径"}


def chinese(message: str) -> str:
    """argparse's English error message in Chinese (the message itself when no pattern fits)."""
    for pattern, template in _PATTERNS:
        match = re.fullmatch(pattern, message, flags=re.S)
        if match:
            parts = match.groupdict()
            if "type" in parts:
                parts["type"] = _TYPES.get(parts["type"], parts["type"])
            return template.format(**parts)
    return f"命令行参数错误：{message}"


class BilingualParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are printed in Chinese and English (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        message = clip(message, 400)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误：{chinese(message)}\n{self.prog}: error: {message}\n")


def check_range(problems: ProblemList, option: str, value: float | int | None, lo: float, hi: float,
                what: tuple[str, str], whole: bool = False) -> None:
    """Add a problem when ``value`` (not None) is NaN/inf or outside ``[lo, hi]``. ``what`` names
    the quantity (zh, en) for the message."""
    if value is None:
        return
    ok = math.isfinite(value) and lo <= value <= hi and (not whole or float(value).is_integer())
    if not ok:
        kind_zh, kind_en = ("整数", "a whole number") if whole else ("数", "a number")
        problems.add(COMMAND_LINE, option, value, f"{what[0]}超出允许范围", f"{what[1]} is out of the allowed range",
                     f"{_num(lo)} 至 {_num(hi)} 的{kind_zh}", f"{kind_en} from {_num(lo)} to {_num(hi)}")


def _num(x: float) -> str:
    return f"{int(x)}" if float(x).is_integer() else f"{x:g}"
