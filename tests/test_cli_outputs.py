"""Output files (issue 10 §1): never overwritten unasked, checked before the work, written whole;
and the command line's own errors in both languages (§4 seeds and solve years, §5 argparse).

Each case gives the command and the expected message in Chinese and English.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from model.cli import main
from model.cli.args import chinese
from model.cli.output_path import check_output, write_output
from model.errors import InputError
from model.files import atomic_write


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("command", [
    ["project", "--end", "2022"],
    ["compare", "baseline", "--end", "2022"],
    ["sensitivity", "--end", "2022"],
    ["montecarlo", "--paths", "2", "--end", "2022"],
])
def test_an_existing_file_is_never_overwritten_without_force(tmp_path, capsys, command):
    out = tmp_path / "notes.csv"
    out.write_text("the planner's notes\n", encoding="utf-8")
    code, text = _run(command + ["--out", str(out)], capsys)
    assert code == 2
    assert "文件已存在，未覆盖" in text and "新的文件名，或加 --force 覆盖" in text
    assert "the file exists and was not overwritten" in text and "--force to overwrite it" in text
    assert out.read_text(encoding="utf-8") == "the planner's notes\n"


def test_force_overwrites_and_leaves_no_temporary_file(tmp_path, capsys):
    out = tmp_path / "projection.csv"
    out.write_text("old\n", encoding="utf-8")
    code, _ = _run(["project", "--end", "2022", "--out", str(out), "--force"], capsys)
    assert code == 0
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert set(table["year"]) == {2020, 2021, 2022}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projection.csv"]


def test_compare_refuses_csv_over_a_text_file(tmp_path, capsys):
    """The issue's example: ``compare --out notes.txt`` wrote CSV over a text file."""
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    code, text = _run(["compare", "baseline", "--end", "2022", "--out", str(notes), "--force"], capsys)
    assert code == 2
    assert "不支持的输出格式（扩展名须与格式相符）" in text and "允许：.csv、.xlsx、.parquet" in text
    assert "unsupported output format (the extension names the format)" in text and "allowed: .csv, .xlsx, .parquet" in text
    assert notes.read_text(encoding="utf-8") == "keep me"


def test_the_output_is_checked_before_a_long_run(tmp_path, capsys, monkeypatch):
    """montecarlo used to run first and fail on writing; now the run never starts."""
    import model.cli.montecarlo as mc

    def must_not_run(*args, **kwargs):
        raise AssertionError("the run started although --out is unwritable")
    monkeypatch.setattr(mc, "run_montecarlo", must_not_run)
    code, text = _run(["montecarlo", "--out", str(tmp_path / "missing" / "p.csv")], capsys)
    assert code == 2
    assert "文件夹不存在" in text and "the folder does not exist" in text


@pytest.mark.parametrize("make, zh, en", [
    (lambda d: d / "sub", "这是文件夹，不是文件", "this is a folder, not a file"),
    (lambda d: d / "file.txt" / "x.csv", "路径中的上级是文件，不是文件夹", "a part of the path is a file, not a folder"),
    (lambda d: d / "missing" / "x.csv", "文件夹不存在", "the folder does not exist"),
    (lambda d: d / ("a" * 300 + ".csv"), "文件名过长", "the file name is too long"),
    (lambda d: d / ("a" * 300) / "x.csv", "无法使用该路径", "cannot use this path"),
    (lambda d: Path("/proc/x.csv"), "无法在该文件夹写入", "cannot write in this folder"),
])
def test_unwritable_outputs_are_explained(tmp_path, make, zh, en):
    (tmp_path / "sub").mkdir()
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(InputError) as info:
        check_output(make(tmp_path), (".csv",), force=True)
    assert zh in info.value.text("zh") and en in info.value.text("en")


def test_two_options_cannot_name_the_same_file(tmp_path, capsys):
    same = str(tmp_path / "p.csv")
    code, text = _run(["montecarlo", "--out", same, "--depletion-out", same], capsys)
    assert code == 2 and "与 --out 是同一个文件" in text and "the same file as --out" in text


def test_a_failing_write_leaves_the_old_file_whole(tmp_path):
    out = tmp_path / "table.csv"
    out.write_text("old content", encoding="utf-8")

    def crash(tmp: Path) -> None:
        tmp.write_text("half a fi", encoding="utf-8")
        raise OSError(28, "No space left on device")
    with pytest.raises(InputError) as info:
        write_output(out, crash)
    assert "写入失败（磁盘已满）" in info.value.text("zh") and "writing failed" in info.value.text("en")
    assert out.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    path = atomic_write(tmp_path / "x.csv", lambda tmp: tmp.write_text("a,b\n"))
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("argv, zh, en", [
    (["montecarlo", "--seed", "-1"], "随机种子超出允许范围。当前值 -1；允许：0 至 4294967295 的整数",
     "the seed is out of the allowed range. Found -1; allowed: a whole number from 0 to 4294967295"),
    (["montecarlo", "--paths", "0"], "路径数超出允许范围", "the number of paths is out of the allowed range"),
    # the stated memory cap: 100,000 paths to 2100 keep 1,669 MiB of series (> 1,024 MiB)
    (["montecarlo", "--paths", "100000", "--end", "2100"],
     "100000 条路径到 2100 年约需 1,669 MiB 内存，超过上限 1024 MiB。当前值 100000；允许：到 2100 年至多 61370 条路径",
     "100,000 paths to 2100 need about 1,669 MiB, more than the cap of 1024 MiB"),
    (["montecarlo", "--volatility", "nan"], "波动倍数超出允许范围", "the volatility multiplier is out of the allowed range"),
    (["project", "--end", "2101", "--out", "x.csv"], "预测终止年超出允许范围。当前值 2101；允许：2021 至 2100 的整数",
     "Found 2101; allowed: a whole number from 2021 to 2100"),
    (["solve", "fee_cut", "--fund", "unemployment", "--start", "2200"],
     "政策起始年须在预测区间内且不晚于约束截止年。当前值 2200；允许：2021 至 2060",
     "the policy start must lie in the projection horizon, not after the constraint year. Found 2200"),
    (["solve", "fee_cut", "--fund", "unemployment", "--start", "2050", "--through", "2030"],
     "当前值 2050；允许：2021 至 2030", "Found 2050; allowed: 2021 to 2030"),
    (["solve", "fee_cut", "--fund", "unemployment", "--start", "1990"],
     "当前值 1990；允许：2021 至 2060", "Found 1990; allowed: 2021 to 2060"),
    (["reconcile", "--average-base-py", "-1"], "平均缴费基数（元/年）超出允许范围",
     "the average contribution base (元 per year) is out of the allowed range"),
    (["reconcile", "--average-base-py", "0"], "当前值 0.0；允许：1 至 10000000 的数", "Found 0.0"),
    (["reconcile", "--pension-employer-rate", "5"], "养老单位费率（比例）超出允许范围。当前值 5.0；允许：0 至 1 的数",
     "the pension employer rate (a fraction) is out of the allowed range"),
    (["reconcile", "--collection-rate", "nan"], "征缴率（比例）超出允许范围。当前值 nan",
     "the collection rate (a fraction) is out of the allowed range. Found nan"),
])
def test_arguments_out_of_range_are_refused(tmp_path, monkeypatch, capsys, argv, zh, en):
    monkeypatch.chdir(tmp_path)
    code, text = _run(argv, capsys)
    assert code == 2
    assert zh in text and en in text
    assert "Traceback" not in text


@pytest.mark.parametrize("argv, zh, en", [
    (["project", "--end", "abc", "--out", "x.csv"], "参数 --end：'abc' 不是有效的整数",
     "argument --end: invalid int value: 'abc'"),
    (["project", "--end", "2030"], "缺少必需的参数：--out", "the following arguments are required: --out"),
    (["compare", "baseline", "--fund", "medical"], "参数 --fund：无效的选项 'medical'",
     "argument --fund: invalid choice: 'medical'"),
    (["montecarlo", "--bogus"], "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
    (["nonsense"], "参数 command：无效的选项 'nonsense'", "invalid choice: 'nonsense'"),
    (["montecarlo", "--seed"], "参数 --seed 需要一个值", "argument --seed: expected one argument"),
])
def test_argparse_errors_are_bilingual(capsys, argv, zh, en):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "错误：" + zh in err or zh in err
    assert en in err


def test_unknown_argparse_messages_still_get_a_chinese_line():
    assert chinese("something new") == "命令行参数错误：something new"
