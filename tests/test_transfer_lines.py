"""Transfer lines between levels (上下级往来) in the region format (issue 12 §2): a synthetic region
with them validates, reconciles and produces a budget with them; Changji, whose report excludes
them (不含上下级往来), keeps 0.

The fixture ``synthetic-transfers-2023`` is shaped like a real 2023 city disclosure after national
pooling: the enterprise fund's income of 230,000万元 includes 上级补助收入 130,000万元 (more than
half), its expenditure of 219,000万元 includes 上解上级支出 60,000万元. Every expected figure below
is worked by hand from the fixture's rows, never read back from the code under test.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from model.baseline import load_baseline
from model.baseline.reconcile import reconcile
from model.baseline.region import load_region
from model.engine import Engine, get_engine, validate_region
from model.reports.budget import build_budget, write_budget_xlsx
from model.reports.common import scenario_from_arg
from model.reports.report import build_pack, write_document
from model.scenarios import scenario_from_levers

REGION = Path(__file__).parent / "fixtures" / "regions" / "synthetic-transfers-2023"

# The fixture's enterprise fund, table 表2 (万元), by hand:
CONTRIBUTIONS, SUBSIDY, INTEREST, TRANSFER_IN, UPPER_SUBSIDY = 80000, 15000, 3000, 2000, 130000
PENSIONS, FUNERAL, TRANSFER_OUT, UPPER_REMIT = 150000, 5000, 4000, 60000
INCOME = CONTRIBUTIONS + SUBSIDY + INTEREST + TRANSFER_IN + UPPER_SUBSIDY            # 230000
OWN_EXPENDITURE = PENSIONS + FUNERAL + TRANSFER_OUT                                  # 159000
EXPENDITURE = OWN_EXPENDITURE + UPPER_REMIT                                          # 219000
BALANCE_END = 50000
# the two lines' base-year ratios (the levers' calibrated defaults)
SUBSIDY_RATIO = UPPER_SUBSIDY / OWN_EXPENDITURE                                       # 0.8176…
REMIT_RATIO = UPPER_REMIT / CONTRIBUTIONS                                            # 0.75
# the unemployment fund (section 二(5)): 上解上级支出 290 of contributions 2900
UI_REMIT_RATIO = 290 / 2900
OWN_ITEMS = ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure")
INCOME_LINES = ("contributions", "fiscal_subsidy", "interest", "other_income", "transfer_in",
                "upper_subsidy_in", "lower_remit_in", "central_in")
EXPENDITURE_LINES = OWN_ITEMS + ("lower_subsidy_out", "upper_remit_out", "central_out")


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region(REGION)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "region"
    shutil.copytree(REGION, folder)
    return folder


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "figures.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------- validates and reconciles


def test_the_region_validates():
    assert validate_region(REGION) == []


def test_reconciliation_checks_the_items_with_the_transfers():
    rec = reconcile(load_region(REGION))
    assert [f.title_en for f in rec.findings if f.severity == "conflict"] == []
    income = next(f for f in rec.findings if f.id == "enterprise_pension.2023.income.items_sum.表2")
    assert {r.key for r in income.figures} >= {"upper_subsidy_in", "income_total"}
    assert income.stated == INCOME and income.implied == INCOME and income.severity == "ok"
    spending = next(f for f in rec.findings if f.id == "enterprise_pension.2023.expenditure.items_sum.表2")
    assert "upper_remit_out" in {r.key for r in spending.figures}
    assert spending.stated == EXPENDITURE and spending.severity == "ok"
    # the prose restates 上级补助收入 as 13.00亿元: checked against the table's 130000万元
    restated = next(f for f in rec.findings if f.check == "restatement" and f.figures[0].key == "upper_subsidy_in")
    assert restated.stated == 130000 and restated.severity == "ok"


def test_adopted_baseline_keeps_the_identities_with_the_transfers():
    fb = load_baseline(REGION).funds["enterprise_pension"]
    assert fb.income["upper_subsidy_in"] == UPPER_SUBSIDY and fb.expenditure["upper_remit_out"] == UPPER_REMIT
    assert fb.income["upper_subsidy_in"] > fb.income_total / 2           # more than half the income
    assert fb.income_total == INCOME == sum(fb.income.values())
    assert fb.expenditure_total == EXPENDITURE == sum(fb.expenditure.values())
    assert fb.own_expenditure == OWN_EXPENDITURE
    assert fb.balance_start == BALANCE_END - (INCOME - EXPENDITURE) == 39000
    assert fb.income["lower_remit_in"] == fb.income["central_in"] == 0     # not stated: 0
    ui = load_baseline(REGION).funds["unemployment"]
    assert ui.expenditure["upper_remit_out"] == 290 and ui.expenditure_total == 2500 == sum(ui.expenditure.values())


def test_a_total_that_leaves_out_the_transfers_is_refused(tmp_path):
    """表2 states the income total as the own items alone (100000): with 上级补助收入 the items add
    to 230000, more than the total, which the validator names."""
    folder = _copy(tmp_path)
    _edit(folder, "enterprise_pension,2023,income_total,230000,万元,表2,",
          "enterprise_pension,2023,income_total,100000,万元,表2,")
    problems = validate_region(folder)
    problem = next(p for p in problems if p.field == "row 2.value")
    assert "230000" in problem.what_en and "upper_subsidy_in 130000" in problem.what_en
    assert "more than the total 100000" in problem.what_en and problem.what_zh and problem.allowed_zh


def test_a_total_inconsistent_with_items_and_transfers_is_a_conflict(tmp_path):
    """表2 states 240000: items + transfers are 230000, 10000 short; reported like any such gap and
    the residual kept visible as other income."""
    folder = _copy(tmp_path)
    _edit(folder, "enterprise_pension,2023,income_total,230000,万元,表2,",
          "enterprise_pension,2023,income_total,240000,万元,表2,")
    _edit(folder, "enterprise_pension,2023,income_total,23.00,亿元,一,", "enterprise_pension,2023,income_total,24.00,亿元,一,")
    rec = reconcile(load_region(folder))
    finding = next(f for f in rec.findings if f.id == "enterprise_pension.2023.income.items_sum.表2")
    assert finding.severity == "conflict"
    assert finding.stated == INCOME and finding.implied == 240000 and finding.gap == INCOME - 240000
    assert "fall short" in finding.why_en
    assert rec.items["enterprise_pension"]["income"]["other_income"] == 10000
    assert rec.items["enterprise_pension"]["income"]["upper_subsidy_in"] == UPPER_SUBSIDY


# ---------------------------------------------------------------- projects


def test_base_year_is_the_report(engine):
    s = engine.run([{}], end=2030).series["enterprise_pension"]
    assert s["upper_subsidy_in"][0, 0] == pytest.approx(UPPER_SUBSIDY, rel=1e-12)
    assert s["upper_remit_out"][0, 0] == pytest.approx(UPPER_REMIT, rel=1e-12)
    assert s["income_total"][0, 0] == pytest.approx(INCOME, rel=1e-12)
    assert s["expenditure_total"][0, 0] == pytest.approx(EXPENDITURE, rel=1e-12)
    assert s["accumulated_balance"][0, 0] == pytest.approx(BALANCE_END, rel=1e-12)


def test_lines_are_held_at_their_base_year_ratios(engine):
    """上级补助收入(t) = 130000/159000 × own expenditure(t); 上解上级支出(t) = 0.75 × contributions(t)."""
    result = engine.run([{}], end=2040)
    s = result.series["enterprise_pension"]
    own = sum(s[k] for k in OWN_ITEMS)
    np.testing.assert_allclose(s["upper_subsidy_in"], SUBSIDY_RATIO * own, rtol=1e-12)
    np.testing.assert_allclose(s["upper_remit_out"], REMIT_RATIO * s["contributions"], rtol=1e-12)
    assert (s["upper_subsidy_in"][0, 1:] > UPPER_SUBSIDY).all()          # spending grows, so does the line
    assert not s["lower_remit_in"].any() and not s["central_out"].any()  # not stated: 0 every year
    u = result.series["unemployment"]
    np.testing.assert_allclose(u["upper_remit_out"], UI_REMIT_RATIO * u["contributions"], rtol=1e-12)


def test_balance_rolls_forward_with_the_transfers(engine):
    result = engine.run([{}], end=2060)
    for fund in ("enterprise_pension", "unemployment"):
        s = result.series[fund]
        income = sum(s[k] for k in INCOME_LINES if k in s)
        spending = sum(s[k] for k in s if k in EXPENDITURE_LINES or k in (
            "unemployment_benefits", "medical_premiums", "price_subsidy", "skills_subsidy", "job_stabilisation"))
        np.testing.assert_allclose(s["income_total"], income, rtol=1e-13)
        np.testing.assert_allclose(s["expenditure_total"], spending, rtol=1e-13)
        np.testing.assert_allclose(np.diff(s["accumulated_balance"], axis=1), (income - spending)[:, 1:],
                                   rtol=0, atol=1e-6)


def test_the_lines_are_levers_a_planner_can_override(engine):
    result = engine.run([{}, {"enterprise_pension.upper_subsidy_in_ratio": {2026: 0.0},
                              "enterprise_pension.upper_remit_out_ratio": 0.5,
                              "enterprise_pension.pooling_transfer": {2025: 1000.0}}], end=2030)
    s = result.series["enterprise_pension"]
    years = list(result.years)
    own = sum(s[k] for k in OWN_ITEMS)
    i = years.index(2025)
    assert s["upper_subsidy_in"][1, i] == pytest.approx(SUBSIDY_RATIO * own[1, i] + 1000.0, rel=1e-12)
    j = years.index(2026)
    np.testing.assert_allclose(s["upper_subsidy_in"][1, j:], 1000.0)     # the ratio set to 0; the amount stays
    np.testing.assert_allclose(s["upper_remit_out"][1, 1:], 0.5 * s["contributions"][1, 1:], rtol=1e-12)
    assert s["upper_remit_out"][1, 0] == pytest.approx(UPPER_REMIT)      # the base year stays the report


def test_a_2023_base_year_keeps_its_unitemised_unemployment_spending(tmp_path):
    """The extended-coverage payments ended in 2022 (lever 0 from 2023); a 2023 report's
    unitemised 其他支出 is then ordinary other spending: the base year is still the report."""
    folder = _copy(tmp_path)
    _edit(folder, "unemployment,2023,job_stabilisation,710,万元,二(5),稳岗返还710万元,,",
          "unemployment,2023,other_expenditure,710,万元,二(5),其他支出710万元,,")
    result = Engine.from_region(folder).run([{}], end=2030)
    u = result.series["unemployment"]
    assert u["other_expenditure"][0, 0] == pytest.approx(710, rel=1e-12)
    assert u["expenditure_total"][0, 0] == pytest.approx(2500, rel=1e-12)
    assert u["accumulated_balance"][0, 0] == pytest.approx(10000, rel=1e-12)
    # and it keeps its base-year ratio to benefits: 710 / 1200
    np.testing.assert_allclose(u["other_expenditure"], 710 / 1200 * u["unemployment_benefits"], rtol=1e-12)


# ---------------------------------------------------------------- the budget


def read_sheet(ws) -> dict[str, tuple]:
    """bare label → (prior, budget, change, growth, note)."""
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目")
    out = {}
    for r in range(start + 1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if label and ws.cell(r, 3).value is not None:
            bare = label.strip("　 ").split(" ", 1)[-1].split("、", 1)[-1]
            out[bare] = tuple(ws.cell(r, c).value for c in range(2, 7))
    return out


@pytest.fixture(scope="module")
def budget_book(engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("budget") / "transfers-2024.xlsx"
    write_budget_xlsx(build_budget(2024, engine=engine), path)
    return openpyxl.load_workbook(path)


def test_budget_shows_the_stated_lines_as_last_years_outturn(budget_book):
    lines = read_sheet(budget_book["社预02表"])
    assert lines["上级补助收入"][0] == pytest.approx(UPPER_SUBSIDY, abs=1e-6)
    assert lines["上解上级支出"][0] == pytest.approx(UPPER_REMIT, abs=1e-6)
    assert lines["收入合计"][0] == pytest.approx(INCOME, abs=1e-6)
    assert lines["支出合计"][0] == pytest.approx(EXPENDITURE, abs=1e-6)
    assert lines["年末滚存结余"][0] == pytest.approx(BALANCE_END, abs=1e-6)
    assert read_sheet(budget_book["社预08表"])["上解上级支出"][0] == pytest.approx(290, abs=1e-6)


def test_budget_year_lines_are_the_ratios_times_their_drivers(budget_book, engine):
    s = engine.run([{}], end=2024).series["enterprise_pension"]
    own_2024 = sum(s[k][0, 1] for k in OWN_ITEMS)
    lines = read_sheet(budget_book["社预02表"])
    assert lines["上级补助收入"][1] == pytest.approx(SUBSIDY_RATIO * own_2024, rel=1e-12)
    assert lines["上解上级支出"][1] == pytest.approx(REMIT_RATIO * s["contributions"][0, 1], rel=1e-12)
    income_items = ("基本养老保险费收入", "财政补贴收入", "利息收入", "委托投资收益", "其他收入", "转移收入",
                    "上级补助收入", "下级上解收入", "中央调剂基金收入（全国统筹调剂资金收入）")
    for column in (0, 1):
        assert lines["收入合计"][column] == pytest.approx(sum(lines[k][column] for k in income_items), abs=1e-6)
    assert lines["年末滚存结余"][1] == pytest.approx(lines["年末滚存结余"][0] + lines["收入合计"][1]
                                                 - lines["支出合计"][1], abs=1e-6)


def test_budget_notes_say_where_each_line_comes_from(budget_book):
    lines = read_sheet(budget_book["社预02表"])
    assert "upper_subsidy_in_ratio" in lines["上级补助收入"][4] and "基年比例" in lines["上级补助收入"][4]
    assert "upper_remit_out_ratio" in lines["上解上级支出"][4] and "保险费收入" in lines["上解上级支出"][4]
    assert "基年报告未列此项" in lines["下级上解收入"][4] and lines["下级上解收入"][:2] == (0, 0)
    prose = "\n".join(c.value for c in budget_book["编制说明"]["A"] if isinstance(c.value, str))
    assert "（含上下级往来）" in prose
    assert "上级补助收入13.00亿元" in prose and "上解上级支出6.00亿元" in prose
    total = read_sheet(budget_book["社预01表"])
    assert total["上级补助收入"][0] == pytest.approx(UPPER_SUBSIDY, abs=1e-6)     # 上年执行数 合计
    assert total["上解上级支出"][0] == pytest.approx(UPPER_REMIT + 290, abs=1e-6)


def test_budget_cli_takes_the_region(tmp_path, capsys):
    from model.cli import main
    out = tmp_path / "b.xlsx"
    assert main(["budget", "--year", "2024", "--region", str(REGION), "--out", str(out)]) == 0
    assert "2024年预算草案" in capsys.readouterr().out
    assert read_sheet(openpyxl.load_workbook(out)["社预02表"])["上级补助收入"][0] == pytest.approx(UPPER_SUBSIDY)


# ---------------------------------------------------------------- Changji: unchanged


def test_changji_has_no_transfer_lines():
    engine = get_engine()
    for fb in engine.baseline.funds.values():
        assert not any(fb.transfer_lines.values())
        assert fb.own_expenditure == fb.expenditure_total                    # bit for bit
    fills = engine.calibration.lever_fills
    ratios = [name for name in fills if name.endswith(("_in_ratio", "_out_ratio"))]
    assert len(ratios) == 24 and all(fills[name] == 0.0 for name in ratios)
    result = engine.run([{}], end=2060)
    for fund, s in result.series.items():
        for line in ("upper_subsidy_in", "lower_remit_in", "central_in", "lower_subsidy_out", "upper_remit_out",
                     "central_out"):
            if line in s:
                assert not s[line].any(), (fund, line)


# ---------------------------------------------------------------- bad input, named in both languages


@pytest.mark.parametrize("old, new, field, what, allowed", [
    ("enterprise_pension,2023,upper_subsidy_in,130000,", "enterprise_pension,2023,upper_subsidy_in,十三亿,",
     "value", "not a number", "a number"),
    ("enterprise_pension,2023,upper_remit_out,60000,", "enterprise_pension,2023,upper_remit_out,-60000,",
     "value", "cannot be negative", "≥ 0"),
    ("enterprise_pension,2023,upper_remit_out,60000,万元", "enterprise_pension,2023,upper_remit_out,60000,人",
     "unit", "unit", "万元"),
    ("unemployment,2023,upper_remit_out,290,", "unemployment,2023,central_out,290,",
     "key", "does not apply to fund unemployment", "enterprise_pension, public_pension"),
])
def test_bad_transfer_line_is_named(tmp_path, old, new, field, what, allowed):
    folder = _copy(tmp_path)
    _edit(folder, old, new)
    problems = validate_region(folder)
    assert problems, new
    problem = problems[0]
    assert Path(problem.file).name == "figures.csv" and problem.field.endswith(f".{field}"), problem.text("en")
    assert problem.field.startswith("row ")
    assert what in problem.what_en and allowed in problem.allowed_en, problem.text("en")
    assert problem.what_zh and problem.allowed_zh


def test_a_line_whose_driver_is_not_stated_is_named(tmp_path):
    """上解上级支出 is held at its ratio to contributions: without them it cannot be projected."""
    folder = _copy(tmp_path)
    _edit(folder, "unemployment,2023,contributions,2900,万元,二(5),失业保险费收入 2900,,\n", "")
    _edit(folder, "unemployment,2023,interest,100,万元,二(5),利息收入 100,,\n", "")
    problems = [p for p in validate_region(folder) if "upper_remit_out" in p.field]
    assert len(problems) == 1, [p.text("en") for p in problems]
    problem = problems[0]
    assert Path(problem.file).name == "figures.csv" and problem.field.startswith("row ")
    assert problem.value == 290
    assert "contributions" in problem.what_en and "保险费收入" in problem.what_zh
    assert "upper_remit_out_ratio" in problem.allowed_en


def test_a_ratio_lever_out_of_range_is_named(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "assumptions.toml"
    path.write_text(path.read_text(encoding="utf-8")
                    + '\n[unemployment]\nupper_remit_out_ratio = { value = -0.1, source = "typo" }\n',
                    encoding="utf-8")
    problems = validate_region(folder)
    assert len(problems) == 1, [p.text("en") for p in problems]
    assert "upper_remit_out_ratio" in problems[0].field and "0.0 to 10.0" in problems[0].allowed_en


def test_a_scenario_can_name_the_lever():
    scenario = scenario_from_levers("no_remit", {"enterprise_pension.upper_remit_out_ratio": {2025: 0.0}})
    assert scenario.overrides == {"enterprise_pension.upper_remit_out_ratio": {2025: 0.0}}


def test_quarterly_execution_counts_the_central_adjustment_lines(tmp_path):
    """社预执行: 二、收入合计 = 收入小计 + 上级补助 + 下级上解 + 中央调剂基金收入; 三 likewise (万元, by hand)."""
    from model.reports.quarterly import quarter_tables

    folder = _copy(tmp_path)
    (folder / "execution.csv").write_text(
        "fund,year,period,key,value,unit,note\n"
        "enterprise_pension,2024,Q1,balance_start,50000,万元,\n"
        "enterprise_pension,2024,Q1,contributions,20000,万元,\n"
        "enterprise_pension,2024,Q1,upper_subsidy_in,33000,万元,\n"
        "enterprise_pension,2024,Q1,central_in,1000,万元,\n"
        "enterprise_pension,2024,Q1,benefits,39000,万元,\n"
        "enterprise_pension,2024,Q1,upper_remit_out,15000,万元,\n"
        "enterprise_pension,2024,Q1,central_out,500,万元,\n", encoding="utf-8")
    [table] = quarter_tables(2024, 1, folder)
    c = table.cells
    assert c[("income_total", "current")] == 20000 + 33000 + 1000
    assert c[("expenditure_total", "current")] == 39000 + 15000 + 500
    assert c[("balance_end", "current")] == 50000 + 54000 - 54500


# ---------------------------------------------------------------- the leadership pack's workbook

def test_pack_fund_sheet_lists_the_lines_its_totals_include(engine, tmp_path):
    """The pack's enterprise sheet shows 上级补助收入 and 上解上级支出 for this region (its totals
    include them), each year's values being the engine's; the funds that have none show no such
    column. Base year by hand: 130,000 and 60,000万元."""
    tables = build_pack([scenario_from_arg("baseline")], end=2026, paths=100, seed=1, engine=engine)
    wb = openpyxl.load_workbook(write_document(tables, tmp_path / "pack-transfers.xlsx"))
    ws = wb["企业养老"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "情景")
    labels = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    col_in, col_out = labels.index("上级补助收入（万元）") + 1, labels.index("上解上级支出（万元）") + 1
    assert "中央调剂基金收入（万元）" not in labels                     # not stated: no column
    first = header + 1
    assert ws.cell(first, 2).value == 2023
    assert ws.cell(first, col_in).value == pytest.approx(UPPER_SUBSIDY, rel=1e-12)
    assert ws.cell(first, col_out).value == pytest.approx(UPPER_REMIT, rel=1e-12)
    result = engine.run([{}], end=2026)
    for r in range(first, ws.max_row + 1):
        t = int(ws.cell(r, 2).value) - 2023
        assert ws.cell(r, col_in).value == pytest.approx(result.series["enterprise_pension"]["upper_subsidy_in"][0, t], rel=1e-12)
        assert ws.cell(r, col_out).value == pytest.approx(result.series["enterprise_pension"]["upper_remit_out"][0, t], rel=1e-12)
    pub = wb["机关事业养老"]
    pub_labels = [pub.cell(header, c).value for c in range(1, pub.max_column + 1)]
    assert not any(str(v).startswith(("上级补助", "上解上级", "中央调剂")) for v in pub_labels if v)
