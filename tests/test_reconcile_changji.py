"""The reconciliation finds the Changji report's real conflicts.

Expected gaps are worked by hand from the report
(../shared/sources/changji-2020-social-insurance-fund-evaluation.txt), section cited per case:
not read off the code's output.
"""
from __future__ import annotations

import json

import pytest

from model.baseline.adopted import load_baseline
from model.cli import main


@pytest.fixture(scope="module")
def findings():
    return load_baseline().findings


def find(findings, fund, check, section=None, text=None):
    out = [f for f in findings if f.fund == fund and f.check == check
           and (section is None or f.figures[0].section == section)
           and (text is None or f.figures[0].text == text)]
    assert len(out) == 1, [(f.id, f.figures[0].section, f.figures[0].text) for f in out]
    return out[0]


def by_id(findings, ident):
    out = [f for f in findings if f.id == ident]
    assert len(out) == 1, ident
    return out[0]


def test_budget_total_expenditure_in_wrong_unit(findings):
    """一(一) 预算总支出54.27万元: 10⁴ off; as 亿元 it is the 2020 actual 542695万, not the budget 542222万."""
    f = find(findings, "total", "unit_scale", "一(一)")
    assert f.severity == "conflict"
    assert f.stated == pytest.approx(542700.0) and f.implied == 542222.0
    assert "542695" in f.why_en


def test_work_injury_insured_missing_wan(findings):
    """一(二)1(4) 24.51名参保职工 against 四(二)4 24.51万名."""
    f = find(findings, "work_injury", "unit_scale", "一(二)1(4)")
    assert f.stated == pytest.approx(245100.0) and f.implied == 245100.0


@pytest.mark.parametrize("fund,section,stated,implied", [
    ("total", "二", -184200.0, 482273.0 - 542695.0),           # −18.42亿 vs −60422万
    ("enterprise_pension", "三(一)p1", -187200.0, -66385.0),    # −18.72亿 vs 211801 − 278186
    ("public_pension", "三(二)p1", 2400.0, 2945.0),             # 0.24亿 vs 223597 − 220652
    ("work_injury", "三(四)p1", -6100.0, -4945.0),              # −0.61亿 vs 3933 − 8878
    ("unemployment", "三(五)p1", -3800.0, -2601.0),             # −0.38亿 vs 10870 − 13471
    ("total", "一(一)", -82100.0, 458429.0 - 542222.0),         # budget −8.21亿 vs −83793万
])
def test_current_balance_conflicts(findings, fund, section, stated, implied):
    f = find(findings, fund, "current_balance", section)
    assert (f.stated, f.implied) == (pytest.approx(stated), pytest.approx(implied))
    assert f.severity == "conflict"


def test_resident_current_balance_agrees(findings):
    """三(三)p1 1.06亿 vs 32072 − 21508 = 10564万: rounds to 1.06."""
    assert find(findings, "resident_pension", "current_balance", "三(三)p1").severity == "ok"


def test_enterprise_items_fall_short(findings):
    """三(一)p1 26.07 + 1.17 + 0.52 = 27.76亿 vs 27.82亿: 600万 short, tolerance 4 × 50万."""
    f = by_id(findings, "enterprise_pension.2020.expenditure.items_sum.三(一)p1")
    assert f.gap == pytest.approx(-600.0) and f.tolerance == pytest.approx(200.0)
    assert f.severity == "conflict"


def test_work_injury_income_items_exceed_and_other_income_is_a_decimal_slip(findings):
    """三(四)p1 0.37 + 0.02 + 0.03 = 0.42亿 > 0.39亿; 0.003亿 makes 0.393 ≈ 3933万."""
    f = by_id(findings, "work_injury.2020.income.items_sum.三(四)p1")
    assert f.gap == pytest.approx(300.0) and f.severity == "conflict"
    slip = find(findings, "work_injury", "decimal_slip")
    assert slip.figures[0].key == "other_income" and slip.adopted == pytest.approx(30.0)


def test_work_injury_exemption_arithmetic(findings):
    """三(四)p2: 0.37 + 0.41 − (0.37 + 0.36) = 0.05亿, stated 0.02亿."""
    f = find(findings, "work_injury", "exemption", text="0.02")
    assert f.implied == pytest.approx(500.0) and f.stated == pytest.approx(200.0)
    assert f.severity == "conflict"


@pytest.mark.parametrize("fund,text", [("enterprise_pension", "2.78"), ("unemployment", "0.14")])
def test_other_exemption_arithmetic_holds(findings, fund, text):
    """三(一)p2: 18.95 + 8.72 − 24.89 = 2.78; 三(五)p2: 1.04 + 0.31 − 1.21 = 0.14."""
    assert find(findings, fund, "exemption", text=text).severity == "ok"


@pytest.mark.parametrize("fund,section,text,implied", [
    ("enterprise_pension", "三(一)p2", "2.70", 21131.0),   # table change +21131万
    ("resident_pension", "三(三)p2", "0.05", 1232.0),
    ("work_injury", "三(四)p2", "0.02", -333.0),
    ("work_injury", "四(二)4", "-591", -333.0),
    ("unemployment", "三(五)p2", "0.10", 3772.0),
])
def test_prose_expenditure_changes_against_table(findings, fund, section, text, implied):
    f = find(findings, fund, "change", section, text)
    assert f.implied == pytest.approx(implied) and f.severity == "conflict"


@pytest.mark.parametrize("fund,section,text,implied", [
    ("enterprise_pension", "三(一)p2", "10.75", 21131 / 257055),
    ("resident_pension", "三(三)p2", "2.38", 1232 / 20276),
    ("work_injury", "四(二)4", "-6.24", -333 / 9211),
    ("unemployment", "三(五)p2", "8", 3772 / 9699),
])
def test_prose_expenditure_growth_against_table(findings, fund, section, text, implied):
    f = find(findings, fund, "growth", section, text)
    assert f.implied == pytest.approx(implied) and f.severity == "conflict"


def test_enterprise_retiree_growth(findings):
    """四(二)1: 7.71 → 7.91万 is +2.59%, stated 3.00%; beyond the rounding of the levels (±0.33pp)."""
    f = find(findings, "enterprise_pension", "growth", "四(二)1", "3.00")
    assert f.implied == pytest.approx(0.2 / 7.71)
    assert f.severity == "conflict"


def test_public_retiree_growth_is_within_rounding(findings):
    """四(二)2: 3.09 → 3.19万 is +3.24%; "4%" allows 3.5–4.5% and the levels ±0.33pp: rounding."""
    f = find(findings, "public_pension", "growth", "四(二)2", "4")
    assert f.implied == pytest.approx(0.1 / 3.09) and f.severity == "rounding"


def test_resident_execution(findings):
    """四(二)3 完成全年预算99.9% vs 21508 / 21695 = 99.14%."""
    f = find(findings, "resident_pension", "execution", "四(二)3")
    assert f.implied == pytest.approx(21508 / 21695) and f.severity == "conflict"


def test_public_named_causes_exceed_the_increase(findings):
    """四(二)2: 2.81亿 + 0.92亿 of increases against a total increase of 4366万."""
    f = by_id(findings, "public_pension.2020.effects_vs_change")
    assert f.stated == pytest.approx(37300.0) and f.implied == pytest.approx(4366.0)
    assert f.severity == "conflict"


def test_unemployment_benefit_per_month_decimal_slip(findings):
    """四(二)5 110.75元/月 vs 3521万 ÷ 31941 person-months = 1102.3元; ×10 = 1107.5 is 0.5% off."""
    f = find(findings, "unemployment", "per_capita", "四(二)5", "110.75")
    assert f.implied == pytest.approx(35210000 / 31941)
    assert f.severity == "conflict" and "1107.5" in f.why_en


def test_unemployment_benefit_spending_composite(findings):
    """0.55亿 ≈ 3521万 + 31941 × 641.93元 = 5571万: 71万 off, just beyond ±50万 + the inputs' rounding."""
    f = by_id(findings, "unemployment.2020.benefit_spending.composite.r193")
    assert f.implied == pytest.approx(3521 + 31941 * 641.93 / 1e4)


def test_resident_funeral_statements_differ(findings):
    """四(二)3: 285万 in the items, 289万 with the deaths."""
    f = [g for g in findings if g.fund == "resident_pension" and g.check == "restatement"
         and g.figures[0].text == "289"][0]
    assert f.gap == pytest.approx(4.0) and f.adopted == 285.0


def test_balances_sum_within_rounding(findings):
    """二 滚存结余20.70亿 vs 5.51 + 2.43 + 9.98 + 0.82 + 1.94 = 20.68亿: 200万 within 6 × 50万."""
    f = find(findings, "total", "funds_sum", "二", "20.70")
    assert f.gap == pytest.approx(200.0) and f.severity == "rounding"


def test_table_is_consistent_with_itself(findings):
    """The 万元 table: funds add to 合计, differences, growth and execution all 'ok'."""
    table = [f for f in findings if f.figures and f.figures[0].section == "二表"]
    assert table and all(f.severity == "ok" for f in table), [f.id for f in table if f.severity != "ok"]


def test_cli_table_and_json(capsys):
    assert main(["reconcile", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "CONFLICT" in text and "derived quantities" in text
    assert main(["reconcile", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["region"]["id"] == "changji-2020"
    ids = {f["id"] for f in payload["findings"]}
    assert "work_injury.2020.other_income.decimal_slip" in ids
    assert any(d["key"] == "balance_start" for d in payload["derived"])
