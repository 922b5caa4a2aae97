"""Files a careless or hostile user hands over (issue 10 §3, §4, §5): each is a fixture in
``tests/fixtures/hostile/<case>/`` (one file replacing its namesake in the synthetic region) or
``tests/fixtures/scenarios/``, with the message expected in Chinese and in English. None may
give a traceback; a file that is merely saved differently (a BOM, a line separator inside
quotes) must be read exactly as the clean file.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from model.baseline.region import MAX_CSV_ROWS, load_region, read_region
from model.engine import validate_region
from model.errors import InputError, MAX_SHOWN_PROBLEMS, Problem
from model.files import MAX_TOML_DEPTH
from model.scenarios.library import MAX_INHERITANCE_DEPTH, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
SYNTHETIC = FIXTURES / "regions" / "synthetic-2022"
SCENARIOS = FIXTURES / "scenarios"


def _region_with(case: str, tmp_path: Path) -> Path:
    """The synthetic region with the case's file(s) put in place of its own."""
    folder = tmp_path / case
    shutil.copytree(SYNTHETIC, folder)
    for f in (HOSTILE / case).iterdir():
        shutil.copyfile(f, folder / f.name)
    return folder


def _one(problems: list[Problem], file_name: str) -> Problem:
    assert len(problems) == 1, "\n".join(p.text("en") for p in problems)
    (p,) = problems
    assert Path(p.file).name == file_name
    return p


# case → (file, field, Chinese, English); each substring must appear in that language's text
REGION_CASES = {
    "figures-gbk": ("figures.csv", "(encoding)", "不是 UTF-8 编码（第 2 行起，看起来是 GBK/GB18030）",
                    "not UTF-8 text (from line 2; it looks like GBK/GB18030)"),
    "figures-utf16": ("figures.csv", "(encoding)", "看起来是 UTF-16", "it looks like UTF-16"),
    "figures-invalid-bytes": ("figures.csv", "(encoding)", "不是 UTF-8 编码（第 5 行起",
                              "not UTF-8 text (from line 5"),
    "figures-decimal-comma": ("figures.csv", "row 6.value", "逗号只能作千位分隔符（每组三位数字）；这里像是小数逗号",
                              "a comma may only separate thousands (groups of three digits); this looks like a decimal comma"),
    "figures-duplicate-header": ("figures.csv", "(header)", "表头中重复的列 value",
                                 "column(s) named twice in the header: value"),
    "adoption-choice-number": ("adoption.toml", "choice", "choice 应为表数组 [[choice]]",
                               "choice must be an array of tables [[choice]]"),
    "adoption-choice-strings": ("adoption.toml", "choice[0]", "choice 的每项应为表", "each choice entry must be a table"),
    "adoption-residual-table": ("adoption.toml", "residual", "residual 应为表数组 [[residual]]",
                                "residual must be an array of tables [[residual]]"),
    "adoption-fund-list": ("adoption.toml", "choice[0].fund", "类型错误：应为文本", "wrong type: must be text"),
    "assumptions-table-value": ("assumptions.toml", "economy.average_wage_py", "此参数不接受按年份路径",
                                "this lever takes no year path"),
    "assumptions-gbk": ("assumptions.toml", "(encoding)", "看起来是 GBK/GB18030", "it looks like GBK/GB18030"),
    "assumptions-employer-95": ("assumptions.toml", "levers.enterprise_pension.employer_rate + "
                                "levers.enterprise_pension.employee_rate", "单位与个人费率之和在 2021 年超过 1",
                                "employer + employee rate exceeds 1 in 2021"),
    "assumptions-empty-table": ("assumptions.toml", "unemployment", "空表，不改变任何参数",
                                "an empty table changes nothing"),
    "region-deep-nesting": ("region.toml", "(syntax)", "表或数组嵌套过深", "tables or arrays nested too deep"),
}


@pytest.mark.parametrize("case", sorted(REGION_CASES))
def test_each_hostile_region_file_gets_its_own_bilingual_message(case, tmp_path):
    file_name, field, zh, en = REGION_CASES[case]
    p = _one(validate_region(_region_with(case, tmp_path)), file_name)
    assert p.field == field
    assert zh in p.text("zh") and en in p.text("en")


def test_the_encoding_message_says_save_as_utf8(tmp_path):
    p = _one(validate_region(_region_with("figures-gbk", tmp_path)), "figures.csv")
    assert "另存为 UTF-8" in p.text("zh") and "save as UTF-8" in p.text("en")


@pytest.mark.parametrize("case", ["figures-bom", "region-bom", "figures-line-separator"])
def test_a_bom_or_a_line_break_inside_quotes_reads_as_the_clean_file(case, tmp_path):
    folder = _region_with(case, tmp_path)
    assert validate_region(folder) == []
    region, clean = load_region(folder), load_region(SYNTHETIC)
    assert [(f.fund, f.period, f.key, f.value, f.row) for f in region.figures] == \
        [(f.fund, f.period, f.key, f.value, f.row) for f in clean.figures]
    if case == "figures-line-separator":
        (quoted,) = [f for f in region.figures if f.row == 6]
        assert quoted.quote == "保费收入\u20288.00亿元\r（续）"


def test_a_folder_where_a_file_belongs(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(SYNTHETIC, folder)
    (folder / "figures.csv").unlink()
    (folder / "figures.csv").mkdir()
    p = _one(validate_region(folder), "figures.csv")
    assert "这是文件夹，不是文件" in p.text("zh") and "this is a folder, not a file" in p.text("en")


def test_a_symlink_loop_and_a_device_are_refused(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(SYNTHETIC, folder)
    (folder / "adoption.toml").symlink_to(folder / "adoption.toml")
    p = _one(validate_region(folder), "adoption.toml")
    assert "无法读取文件" in p.text("zh") and "symlink loop" in p.text("en")
    (folder / "adoption.toml").unlink()
    (folder / "assumptions.toml").unlink()
    (folder / "assumptions.toml").symlink_to("/dev/zero")
    p = _one(validate_region(folder), "assumptions.toml")
    assert "不是普通文件" in p.text("zh") and "not a regular file" in p.text("en")


def test_too_many_rows_are_refused_with_the_cap(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(SYNTHETIC, folder)
    row = "enterprise_pension,2022,insured,1,人,表1,x,,\n"
    with open(folder / "figures.csv", "a", encoding="utf-8") as fh:
        fh.write(row * MAX_CSV_ROWS)
    p = _one(read_region(folder)[1].items, "figures.csv")
    assert f"不超过 {MAX_CSV_ROWS} 行数据" in p.text("zh") and f"at most {MAX_CSV_ROWS} data rows" in p.text("en")


# ------------------------------------------------------------------ scenario files

SCENARIO_CASES = {
    "gbk": ("(encoding)", "看起来是 GBK/GB18030", "it looks like GBK/GB18030"),
    "utf16": ("(encoding)", "看起来是 UTF-16", "it looks like UTF-16"),
    "deep_nesting": ("(syntax)", f"嵌套不超过 {MAX_TOML_DEPTH} 层", f"at most {MAX_TOML_DEPTH} levels of nesting"),
    "empty_group_table": ("levers.economy", "空表，不改变任何参数", "an empty table changes nothing"),
}


@pytest.mark.parametrize("case", sorted(SCENARIO_CASES))
def test_each_hostile_scenario_file_gets_its_own_bilingual_message(case):
    field, zh, en = SCENARIO_CASES[case]
    with pytest.raises(InputError) as info:
        load_scenario(SCENARIOS / f"{case}.toml")
    (p,) = info.value.problems
    assert p.file.endswith(f"{case}.toml") and p.field == field
    assert zh in p.text("zh") and en in p.text("en")


def test_a_scenario_with_a_bom_loads():
    scenario = load_scenario(SCENARIOS / "bom.toml")
    assert scenario.resolved["enterprise_pension.employer_rate"] == {2022: 0.14}


def test_an_error_in_a_base_also_names_the_file_that_inherits_it():
    with pytest.raises(InputError) as info:
        load_scenario(SCENARIOS / "inherits_broken.toml")
    base, referring = info.value.problems
    assert base.file.endswith("rate_out_of_range.toml") and base.field == "levers.enterprise_pension.employer_rate.2022"
    assert referring.file.endswith("inherits_broken.toml") and referring.field == "scenario.inherits"
    assert referring.text("zh").endswith("当前值 'rate_out_of_range'；允许：无错误的基准情景。")
    assert "the base scenario it inherits has errors (listed above)" in referring.text("en")


def test_a_long_inheritance_chain_stops_at_the_documented_depth(tmp_path):
    for i in range(1000):
        inherits = f'inherits = "s{i + 1}"\n' if i < 999 else ""
        (tmp_path / f"s{i}.toml").write_text(
            f'[scenario]\nid = "s{i}"\nname_zh = "链"\nname_en = "chain"\ndescription = "d"\nrationale = "r"\n{inherits}',
            encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "s0.toml")
    first = info.value.problems[0]
    assert first.what_zh == "继承链过长" and first.what_en == "the inheritance chain is too long"
    assert f"at most {MAX_INHERITANCE_DEPTH} levels of inheritance" in first.text("en")


def test_a_toml_file_over_the_size_cap_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text("x = 1\n" + "# padding\n" * 30_000, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    (p,) = info.value.problems
    assert "文件过大" in p.text("zh") and "at most 256 KB" in p.text("en")


@pytest.mark.parametrize("make, zh, en", [
    (lambda d: d, "这是文件夹，不是文件", "this is a folder, not a file"),
    (lambda d: Path("/dev/zero"), "不是普通文件", "not a regular file"),
    (lambda d: d / "missing.toml", "文件不存在", "file does not exist"),
])
def test_a_scenario_path_that_is_not_a_file(tmp_path, make, zh, en):
    with pytest.raises(InputError) as info:
        load_scenario(make(tmp_path))
    (p,) = info.value.problems
    assert zh in p.text("zh") and en in p.text("en")


def test_a_symlink_loop_as_a_scenario(tmp_path):
    loop = tmp_path / "loop.toml"
    os.symlink(loop, loop)
    with pytest.raises(InputError) as info:
        load_scenario(loop)
    assert "symlink loop" in info.value.text("en")


# ------------------------------------------------------------------ echoed values are capped

def test_a_huge_key_and_many_unknown_levers_are_echoed_by_their_head(tmp_path):
    """The issue: a 5,000-digit key and 200,000 unknown levers printed everything."""
    key = "9" * 5000
    levers = "\n".join(f'"nope.lever_{i}" = 1' for i in range(2000))  # 200,000 exceed the TOML size cap
    path = tmp_path / "flood.toml"
    path.write_text('[scenario]\nid = "flood"\nname_zh = "x"\nname_en = "x"\ndescription = "d"\n'
                    f'rationale = "r"\n\n[levers]\n"{key}" = 1\n{levers}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert len(info.value.problems) == 2001
    zh, en = info.value.text("zh"), info.value.text("en")
    assert len(zh) < 30_000 and len(en) < 30_000
    assert "…(+4887 chars/字符)" in en  # "levers." + 5,000 digits shown by its first 120 characters
    assert f"……另有 {2001 - MAX_SHOWN_PROBLEMS} 个问题未列出（共 2001 个）" in zh
    assert f"... and {2001 - MAX_SHOWN_PROBLEMS} more problems not listed (2001 in all)" in en
    assert str(info.value).count("\n") < 2 * MAX_SHOWN_PROBLEMS + 3


# ------------------------------------------------------------------ the app reads uploads the same way

def test_the_app_reads_an_uploaded_scenario_like_the_cli():
    """A BOM is accepted and another encoding is named, in the app as on the command line."""
    from ui import scenario_store

    shared = scenario_store.parse_upload("bom.toml", (SCENARIOS / "bom.toml").read_bytes().replace(
        b'inherits = "../../../scenarios/baseline.toml"', b'inherits = "baseline"'))
    assert shared.levers == {"enterprise_pension.employer_rate": {2022: 0.14}}
    with pytest.raises(InputError) as info:
        scenario_store.parse_upload("gbk.toml", (SCENARIOS / "gbk.toml").read_bytes())
    (p,) = info.value.problems
    assert p.file == "gbk.toml"
    assert "看起来是 GBK/GB18030" in p.text("zh") and "it looks like GBK/GB18030" in p.text("en")
    with pytest.raises(InputError) as info:
        scenario_store.parse_upload("deep.toml", (SCENARIOS / "deep_nesting.toml").read_bytes())
    assert "tables or arrays nested too deep" in info.value.text("en")
