"""The baseline page under AppTest shows the adopted base year: the model's own figures, which
for income and expenditure are the report's section 二 table (万元)."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model.baseline.adopted import load_baseline
from ui import format as fmt

APP = str(Path(__file__).resolve().parents[1] / "app.py")

# Report, section 二 table, 2020 actuals (万元): income 小计, expenditure 小计.
REPORT_2020 = {
    "enterprise_pension": (211801, 278186),
    "public_pension": (223597, 220652),
    "resident_pension": (32072, 21508),
    "work_injury": (3933, 8878),
    "unemployment": (10870, 13471),
}


@pytest.fixture(scope="module")
def at():
    app = AppTest.from_file(APP, default_timeout=60)
    return app.run()


def _metrics(at, label):
    """Values of the metrics whose label is ``label`` followed by the 亿元 unit."""
    return [m.value for m in at.metric if m.label in (f"{label}（亿元）", f"{label} (100 million yuan)")]


def _yi(value_wan):
    return fmt.money_yi(value_wan, with_unit=False)


def test_no_error_and_chinese_labels(at):
    assert not at.exception and not at.error
    assert at.header[0].value == "基线"


def test_income_and_expenditure_match_report_and_model(at):
    b = load_baseline()
    income = _metrics(at, "基金收入")
    expenditure = _metrics(at, "基金支出")
    for i, (fund, (inc, exp)) in enumerate(REPORT_2020.items()):
        assert income[i] == _yi(inc) == _yi(b.funds[fund].income_total)
        assert expenditure[i] == _yi(exp) == _yi(b.funds[fund].expenditure_total)


def test_balances_are_the_models(at):
    b = load_baseline()
    balances = _metrics(at, "累计结余")
    assert balances == [_yi(b.funds[f].balance_end) for f in REPORT_2020]
    # enterprise pension: report "累计结余5.51亿元"
    assert balances[0] == "5.51"


def test_totals_table_has_prior_year_and_budget(at):
    b = load_baseline()
    fb = b.funds["enterprise_pension"]
    table = at.table[0].value.reset_index(drop=True)
    row = table.iloc[0]
    assert row["2020年"] == "211,801"
    assert row["2019年"] == fmt.money_wan(fb.income_prior, with_unit=False) == "261,759"
    assert row["预算"] == fmt.money_wan(fb.income_budget, with_unit=False) == "191,067"
    assert row["增减%"] == "-19.09%"          # report: 增长% −19.09%
    assert row["执行预算%"] == "110.85%"      # report: 执行预算% 110.85%


def test_findings_listed(at):
    b = load_baseline()
    conflicts = [f for f in b.findings if f.severity != "ok"]
    assert len(at.dataframe[-1].value) == len(conflicts)


def test_english():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception and not app.error
    assert _metrics(app, "Income")[0] == "21.18"   # report: 总收入21.18亿元


def test_uploaded_region_replaces_the_baseline_everywhere():
    # what "Use this region" does after a valid upload: the session points at the folder
    synthetic = str(Path(__file__).resolve().parent / "fixtures" / "regions" / "synthetic-2022")
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["region_dir"] = synthetic
    app.run()
    assert not app.exception and not app.error
    b = load_baseline(synthetic)
    assert _metrics(app, "基金收入")[0] == _yi(b.funds["enterprise_pension"].income_total)
    assert str(b.base_year) in app.markdown[0].value
    assert any("上传的地区" in i.value for i in app.info)


def test_transfer_lines_listed_only_where_stated():
    """Changji's report excludes transfers between levels: no 上级补助收入 row of zeros; the
    synthetic 2023 region states 上级补助收入 130,000万元 and 上解上级支出 60,000万元 for its
    enterprise fund, and its unemployment fund 上解上级支出 290万元: those are listed."""
    from pathlib import Path

    from ui.pages.baseline import shown_items

    changji = load_baseline()
    for fb in changji.funds.values():
        assert not {"upper_subsidy_in", "central_in", "lower_remit_in"} & set(shown_items(fb.income))
        assert not {"upper_remit_out", "central_out", "lower_subsidy_out"} & set(shown_items(fb.expenditure))
        assert {"contributions", "interest"} <= set(shown_items(fb.income))   # ordinary items stay, even 0
    region = Path(__file__).parent / "fixtures" / "regions" / "synthetic-transfers-2023"
    fb = load_baseline(region).funds["enterprise_pension"]
    assert shown_items(fb.income)["upper_subsidy_in"] == 130000
    assert shown_items(fb.expenditure)["upper_remit_out"] == 60000
    assert "central_in" not in shown_items(fb.income)
    assert shown_items(load_baseline(region).funds["unemployment"].expenditure)["upper_remit_out"] == 290
