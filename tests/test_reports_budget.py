"""The 社预 budget workbook, read back with openpyxl and compared with the adopted baseline and
the engine's own figures (computed here, never hard-coded: fund mechanics change)."""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from model.baseline import load_baseline
from model.cli import main
from model.engine import get_engine
from model.errors import InputError
from model.reports.budget import build_budget, write_budget_xlsx
from model.reports.rows import BUDGET_DIR, load_row_lists
from model.scenarios import scenario_from_levers

FUNDS_BY_SHEET = {"社预02表": "enterprise_pension", "社预03表": "resident_pension", "社预04表": "public_pension",
                  "社预07表": "work_injury", "社预08表": "unemployment"}
# printed label (without its numbering) → engine indicator, written out independently of data/budget
ITEM_INDICATORS = {
    "基本养老保险费收入": "contributions", "保险费收入（个人缴费）": "contributions", "保险费收入": "contributions",
    "财政补贴收入": "fiscal_subsidy", "政府补贴收入": "fiscal_subsidy", "利息收入": "interest",
    "其他收入": "other_income", "转移收入": "transfer_in", "基本养老金": "pension_benefits",
    "基本养老金（基础养老金和个人账户养老金）": "pension_benefits", "丧葬抚恤补助": "funeral_survivor",
    "丧葬补助金": "funeral_survivor", "转移支出": "transfer_out", "其他支出": "other_expenditure",
    "工伤保险待遇": "injury_benefits", "劳动能力鉴定": "assessment", "工伤预防": "prevention",
    "失业保险金": "unemployment_benefits", "医疗保险费（代缴）": "medical_premiums", "稳岗返还": "job_stabilisation",
    "技能提升补贴": "skills_subsidy", "价格临时补贴": "price_subsidy", "收入合计": "income_total",
    "支出合计": "expenditure_total", "本年收支结余": "current_balance", "年末滚存结余": "accumulated_balance",
    # the transfer lines between levels (the Changji report excludes them: 0)
    "上级补助收入": "upper_subsidy_in", "下级上解收入": "lower_remit_in",
    "中央调剂基金收入（全国统筹调剂资金收入）": "central_in", "补助下级支出": "lower_subsidy_out",
    "上解上级支出": "upper_remit_out", "中央调剂基金支出（全国统筹调剂资金支出）": "central_out",
}
NOT_MODELLED = ("委托投资收益", "医疗补助金")
TRANSFER_LINES = ("上级补助收入", "下级上解收入", "中央调剂基金收入（全国统筹调剂资金收入）", "补助下级支出", "上解上级支出",
                  "中央调剂基金支出（全国统筹调剂资金支出）")


def _bare(label: str) -> str:
    """'　（1）基本养老金' → '基本养老金'; '一、收入合计' → '收入合计'; '1. 保险费收入' → '保险费收入'."""
    label = label.strip("　 ")
    for sep in ("、", ". ", "）"):
        head, found, tail = label.partition(sep)
        if found and len(head) <= 3:
            return tail.strip()
    return label


def read_fund_sheet(ws) -> dict[str, tuple]:
    """label → (prior, budget, change, growth, note), from the header row 项目 down."""
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目")
    assert ws.cell(start, 2).value in ("上年执行数", "上年预计执行数")
    out = {}
    for r in range(start + 1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if not label or ws.cell(r, 3).value is None or label.startswith("模型版本"):
            continue
        out[_bare(label)] = tuple(ws.cell(r, c).value for c in range(2, 7))
    return out


@pytest.fixture(scope="module")
def engine():
    return get_engine()


@pytest.fixture(scope="module")
def workbook(engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("budget") / "budget-2021.xlsx"
    write_budget_xlsx(build_budget(2021, engine=engine), path)
    return openpyxl.load_workbook(path)


def test_sheets_in_the_official_order(workbook):
    assert workbook.sheetnames == ["编制说明", "社预01表", "社预02表", "社预03表", "社预04表", "社预07表", "社预08表",
                                   "社预附01表", "社预附03表"]
    ws = workbook["社预01表"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("社预05表" in t and "06表" in t and "不在本模型" in t for t in texts)


def test_prior_year_is_the_adopted_2020_baseline(workbook):
    baseline = load_baseline()
    for sheet, fund in FUNDS_BY_SHEET.items():
        fb = baseline.funds[fund]
        lines = read_fund_sheet(workbook[sheet])
        stated = {**fb.income, **fb.expenditure, "income_total": fb.income_total,
                  "expenditure_total": fb.expenditure_total, "current_balance": fb.current_balance,
                  "accumulated_balance": fb.balance_end}
        checked = 0
        for label, (prior, *_rest) in lines.items():
            indicator = ITEM_INDICATORS.get(label)
            if indicator in stated:
                assert prior == pytest.approx(stated[indicator], abs=1e-6), (sheet, label)
                checked += 1
        # every adopted item of the fund appears once in its sheet
        assert checked >= len(fb.income) + len(fb.expenditure) + 4, sheet


def test_budget_year_is_the_engines_2021(workbook, engine):
    result = engine.run([{}], end=2021)
    col = list(result.years).index(2021)
    for sheet, fund in FUNDS_BY_SHEET.items():
        series = result.series[fund]
        for label, (prior, budget, change, growth, note) in read_fund_sheet(workbook[sheet]).items():
            indicator = ITEM_INDICATORS.get(label)
            if indicator is not None:  # the pooling transfer is 0 in the baseline
                assert budget == pytest.approx(series[indicator][0, col], rel=1e-12, abs=1e-9), (sheet, label)
            if label in NOT_MODELLED:
                assert budget == 0 and prior == 0 and "0" in note, (sheet, label)
            if label in TRANSFER_LINES:   # not in the Changji report: 0, and the note says so
                assert budget == 0 and prior == 0, (sheet, label)
                assert "基年报告未列此项" in note and "不含上下级往来" in note and "按0列示" in note, (sheet, label)
            assert change == pytest.approx(budget - prior, abs=1e-9)
            if prior:
                assert growth == pytest.approx((budget - prior) / abs(prior))
            else:
                assert growth == "—"


def test_totals_equal_the_sum_of_their_items(workbook):
    for sheet in FUNDS_BY_SHEET:
        ws = workbook[sheet]
        start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目")
        rows = [(ws.cell(r, 1).value, ws.cell(r, 3).value) for r in range(start + 1, ws.max_row + 1)
                if isinstance(ws.cell(r, 3).value, float)]
        # level by indentation: 一、 top, '　1.' items, '　　（1）' sub-items
        def level(label):
            return len(label) - len(label.lstrip("　"))
        for i, (label, value) in enumerate(rows):
            if _bare(label) in ("收入合计", "支出合计", "社会保险待遇支出"):
                lv = level(label)
                total = 0.0
                for child, v in rows[i + 1:]:
                    if level(child) <= lv:
                        break
                    if level(child) == lv + 1:
                        total += v
                assert value == pytest.approx(total, abs=1e-6), (sheet, label)


def test_total_sheet_adds_the_funds(workbook, engine):
    ws = workbook["社预01表"]
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目")
    result = engine.run([{}], end=2021)
    for r in range(start + 1, ws.max_row + 1):
        values = [ws.cell(r, c).value for c in range(3, 10)]
        if not isinstance(values[0], float):
            continue
        assert values[0] == pytest.approx(sum(values[2:]), abs=1e-6)
        if _bare(ws.cell(r, 1).value) == "收入合计":
            assert values[0] == pytest.approx(result.series["total"]["income_total"][0, 1], rel=1e-12)


def test_prior_year_is_an_estimate_after_the_base_year(engine, tmp_path):
    path = write_budget_xlsx(build_budget(2023, engine=engine), tmp_path / "b2023.xlsx")
    ws = openpyxl.load_workbook(path)["社预02表"]
    lines = read_fund_sheet(ws)
    result = engine.run([{}], end=2023)
    assert lines["年末滚存结余"][0] == pytest.approx(result.series["enterprise_pension"]["accumulated_balance"][0, 2])


def test_pooling_transfer_lever_shows_as_upper_level_subsidy(engine, tmp_path):
    scenario = scenario_from_levers("pooled", {"enterprise_pension.pooling_transfer": {2021: 5000.0}},
                                    name_zh="统筹调剂转入5000万元")
    budget = build_budget(2021, scenario, engine=engine)
    lines = read_fund_sheet(openpyxl.load_workbook(write_budget_xlsx(budget, tmp_path / "p.xlsx"))["社预02表"])
    result = engine.run([scenario.overrides], end=2021)
    series = result.series["enterprise_pension"]
    assert lines["上级补助收入"][1] == 5000.0         # the ratio line is 0 (not in the report) + the lever
    assert lines["上级补助收入"][0] == 0.0          # the base year is the report, which excludes it
    assert "pooling_transfer" in lines["上级补助收入"][4]
    assert series["upper_subsidy_in"][0, 1] == 5000.0
    baseline = engine.run([{}], end=2021).series["enterprise_pension"]
    assert lines["转移收入"][1] == pytest.approx(baseline["transfer_in"][0, 1], rel=1e-12)
    assert lines["收入合计"][1] == pytest.approx(series["income_total"][0, 1])


def test_english_workbook(engine, tmp_path):
    path = write_budget_xlsx(build_budget(2021, engine=engine), tmp_path / "en.xlsx", lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Notes on preparation", "Table 01", "Table 02"]
    texts = [c.value for c in wb["Table 02"]["A"] if isinstance(c.value, str)]
    assert "I. Total income" in texts and "IV. Accumulated balance at year end" in texts


def test_every_cell_has_a_cjk_capable_font(workbook):
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name in ("宋体", "黑体"), (ws.title, cell.coordinate)


def test_explanation_states_the_assumptions_in_prose(workbook):
    texts = [c.value for c in workbook["编制说明"]["A"] if isinstance(c.value, str)]
    joined = "\n".join(texts)
    for heading in ("一、编制依据", "二、收支预算", "三、主要测算假设", "四、未测算项目", "五、可复现信息"):
        assert heading in joined
    assert "企业养老单位缴费比例：16.00%" in joined.replace("企业养老·", "企业养老")
    assert "情景哈希 baseline" in joined


def _copy_rows(tmp_path: Path) -> Path:
    folder = tmp_path / "budget"
    shutil.copytree(BUDGET_DIR, folder)
    return folder


def test_a_row_list_missing_an_item_is_named(engine, tmp_path):
    folder = _copy_rows(tmp_path)
    rows = (folder / "rows.csv").read_text(encoding="utf-8").splitlines()
    rows = [r for r in rows if not r.startswith("02,enterprise_pension,other_income,")]
    (folder / "rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_budget(2021, engine=engine, row_lists=load_row_lists(folder))
    text = str(err.value)
    assert "02/enterprise_pension/income_total" in text and "行清单缺少分项" in text and "misses an item" in text


def test_a_bad_source_expression_is_named(tmp_path):
    folder = _copy_rows(tmp_path)
    path = folder / "rows.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "02,enterprise_pension,interest,income_total,3. 利息收入,3. Interest,interest,",
        "02,enterprise_pension,interest,income_total,3. 利息收入,3. Interest,__import__('os'),"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_row_lists(folder)
    assert "来源表达式无效" in str(err.value) and "invalid source expression" in str(err.value)


def test_budget_year_must_follow_the_base_year(engine):
    with pytest.raises(InputError) as err:
        build_budget(2020, engine=engine)
    assert "2021 至 2100" in str(err.value)


def test_cli_writes_the_workbook(tmp_path, capsys):
    out = tmp_path / "budget.xlsx"
    assert main(["budget", "--year", "2021", "--scenario", "employer_rate_14", "--out", str(out)]) == 0
    assert "2021年预算草案" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames[1] == "社预01表"
    assert main(["budget", "--year", "2021", "--out", str(out)]) == 2       # exists: needs --force
    assert "--force" in capsys.readouterr().err
