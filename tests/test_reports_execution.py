"""The 2020 execution table equals the source report's section 二 table, cell for cell.

The expected values are transcribed here from the report (昌吉州2020年社会保险基金预算绩效自评报告,
section 二 社会保险基金收支余总体情况, the 万元 table), independently of the region data file."""
from __future__ import annotations

import openpyxl
import pytest

from model.cli import main
from model.reports.execution import execution_table, write_execution_xlsx

FUNDS = ("企业养老保险", "机关事业养老（改革）", "城乡居民养老保险", "工伤保险", "失业保险", "合计：")
# block, item → the six printed cells (企业, 机关事业, 城乡居民, 工伤, 失业, 合计)
REPORT = [
    ("预算", "基金收入小计", (191067, 220756, 32376, 3865, 10365, 458429)),
    ("预算", "基金支出小计", (281471, 218863, 21695, 7569, 12624, 542222)),
    ("2020年", "基金收入小计", (211801, 223597, 32072, 3933, 10870, 482273)),
    ("2020年", "基金支出小计", (278186, 220652, 21508, 8878, 13471, 542695)),
    ("2019年", "基金收入小计", (261759, 219463, 32023, 7555, 12587, 533387)),
    ("2019年", "基金支出小计", (257055, 216286, 20276, 9211, 9699, 512527)),
    ("收入对比分析", "增长", (-49958, 4134, 49, -3622, -1717, -51114)),
    ("收入对比分析", "增长%", ("-19.09%", "1.88%", "0.15%", "-47.94%", "-13.64%", "-9.58%")),
    ("收入对比分析", "执行预算%", ("110.85%", "101.29%", "99.06%", "101.76%", "104.87%", "105.20%")),
    ("支出对比分析", "增长", (21131, 4366, 1232, -333, 3772, 30168)),
    ("支出对比分析", "增长%", ("8.22%", "2.02%", "6.08%", "-3.62%", "38.89%", "5.89%")),
    ("支出对比分析", "执行预算%", ("98.83%", "100.82%", "99.14%", "117.29%", "106.71%", "100.09%")),
]


def _printed(cell) -> object:
    """A cell as the report prints it: 万元 as an integer, percentages as 'x.xx%'."""
    if cell.number_format == "0.00%":
        return f"{cell.value * 100:.2f}%"
    assert cell.value == int(cell.value)
    return int(cell.value)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    path = tmp_path_factory.mktemp("execution") / "execution-2020.xlsx"
    write_execution_xlsx(execution_table(), path)
    return openpyxl.load_workbook(path).active


def test_section_two_table_cell_for_cell(sheet):
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "险种")
    assert tuple(sheet.cell(header, c).value for c in range(3, 9)) == FUNDS
    block = None
    for i, (expected_block, item, cells) in enumerate(REPORT, start=header + 1):
        block = sheet.cell(i, 1).value or block      # merged block labels are in the first row
        assert (block, sheet.cell(i, 2).value) == (expected_block, item)
        assert tuple(_printed(sheet.cell(i, c)) for c in range(3, 9)) == cells, (block, item)


def test_english_labels(tmp_path):
    ws = openpyxl.load_workbook(write_execution_xlsx(execution_table(), tmp_path / "e.xlsx", lang="en")).active
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"Fund income", "% of budget", "Income analysis"} <= texts


def test_cli_writes_the_table_and_refuses_other_years(tmp_path, capsys):
    out = tmp_path / "execution.xlsx"
    assert main(["execution", "--year", "2020", "--out", str(out)]) == 0
    assert "105.20%" in capsys.readouterr().out and out.exists()
    assert main(["execution", "--year", "2021", "--out", str(tmp_path / "other.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "执行分析只有基年" in err and "base year only" in err


# ------------------------------------------------------------------ quarterly 社预执行 layout

EXECUTION_CSV = """fund,year,period,key,value,unit,note
enterprise_pension,2021,budget,contributions,200000,万元,
enterprise_pension,2021,budget,fiscal_subsidy,7000,万元,
enterprise_pension,2021,budget,benefits,290000,万元,
enterprise_pension,2021,budget,upper_subsidy_in,9,亿元,
enterprise_pension,2021,adjusted_budget,contributions,210000,万元,
enterprise_pension,2021,Q1,balance_start,55100,万元,
enterprise_pension,2021,Q1,contributions,48000,万元,
enterprise_pension,2021,Q1,benefits,70000,万元,
enterprise_pension,2021,Q1,upper_subsidy_in,20000,万元,
enterprise_pension,2021,Q2,contributions,52000,万元,
enterprise_pension,2021,Q2,benefits,71000,万元,
enterprise_pension,2021,Q2,upper_remit_out,3000,万元,
enterprise_pension,2020,Q1,contributions,40000,万元,
enterprise_pension,2020,Q2,contributions,40000,万元,
enterprise_pension,2020,Q1,benefits,64000,万元,
enterprise_pension,2020,Q2,benefits,66000,万元,
"""


@pytest.fixture()
def region_with_actuals(tmp_path):
    import shutil
    from model.paths import DEFAULT_REGION_DIR

    folder = tmp_path / "region"
    shutil.copytree(DEFAULT_REGION_DIR, folder)
    (folder / "execution.csv").write_text(EXECUTION_CSV, encoding="utf-8")
    return folder


def test_quarterly_table_from_entered_actuals(region_with_actuals, tmp_path):
    from model.reports.quarterly import quarter_tables

    [t] = quarter_tables(2021, 2, region_with_actuals)
    c = t.cells
    # hand calculation from the rows above (万元)
    assert c[("contributions", "current")] == 52000
    assert c[("contributions", "cumulative")] == 100000
    assert c[("contributions", "prior_cumulative")] == 80000
    assert c[("contributions", "progress")] == pytest.approx(100000 / 210000)      # adjusted budget
    assert c[("contributions", "growth")] == pytest.approx(100000 / 80000 - 1)
    assert c[("fiscal_subsidy", "adjusted_budget")] == 7000                      # no adjustment entered
    assert c[("upper_subsidy_in", "budget")] == 90000                            # 9 亿元
    assert c[("income_total", "cumulative")] == 100000 + 20000
    assert c[("expenditure_total", "cumulative")] == 70000 + 71000 + 3000
    assert c[("current_balance", "cumulative")] == 120000 - 144000
    assert c[("balance_start", "cumulative")] == 55100
    assert c[("balance_end", "cumulative")] == 55100 - 24000
    # the quarter's own opening balance: year start + Q1's net (48000 + 20000 − 70000)
    assert c[("balance_start", "current")] == 55100 - 2000
    assert c[("expenditure_total", "growth")] == pytest.approx(144000 / 130000 - 1)


def test_quarterly_cli_and_bad_rows(region_with_actuals, tmp_path, capsys):
    out = tmp_path / "q2.xlsx"
    assert main(["execution", "--year", "2021", "--quarter", "2", "--region", str(region_with_actuals),
                 "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["社预执行02表"]
    assert ws["A2"].value.endswith("2021年第2季度企业职工基本养老保险基金预算执行情况表")
    (region_with_actuals / "execution.csv").write_text(
        EXECUTION_CSV + "work_injury,2021,Q5,contributions,1,万元,\nwork_injury,2021,Q1,bonus,x,万元,\n", encoding="utf-8")
    assert main(["execution", "--year", "2021", "--quarter", "2", "--region", str(region_with_actuals),
                 "--out", str(tmp_path / "bad.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "row 18.period" in err and "Q5" in err and "row 19.key" in err and "row 19.value" in err
    assert "取值无效" in err and "invalid value" in err
