"""Region loader: every figure round-trips; a synthetic second region proves nothing assumes Changji."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from model.baseline.adopted import build_baseline, load_baseline
from model.baseline.region import FUNDS, KEYS, default_region_dir, load_region
from model.engine import validate_region
from model.units import UNITS

FIXTURES = Path(__file__).parent / "fixtures" / "regions"
SYNTHETIC = FIXTURES / "synthetic-2022"


def _rows(folder: Path) -> list[dict]:
    with open(folder / "figures.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("folder", [default_region_dir(), SYNTHETIC], ids=["changji", "synthetic"])
def test_every_figure_round_trips(folder):
    """Each CSV row becomes one Figure with the same text, unit, section and quote, and the value
    is the text times the unit factor (computed here with Decimal, independently of the loader)."""
    region = load_region(folder)
    rows = [r for r in _rows(folder) if r["value"]]
    assert len(region.figures) == len(rows)
    for row, figure in zip(rows, region.figures):
        assert (figure.fund, figure.period, figure.key) == (row["fund"], row["period"], row["key"])
        assert (figure.text, figure.unit, figure.section, figure.quote) == (
            row["value"], row["unit"], row["section"], row["quote"])
        expected = float(Decimal(row["value"]) * Decimal(repr(UNITS[row["unit"]].factor)))
        assert figure.value == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_changji_spot_values_in_model_units():
    region = load_region(default_region_dir())
    # 二表: 企业养老 2020 收入 211801万元; 三(一)p1: 保费收入18.95亿元 = 189500万元 ± 50万元
    table = region.statements("enterprise_pension", "2020", "income_total")
    assert [f.value for f in table if f.section == "二表"] == [211801.0]
    contributions = region.statements("enterprise_pension", "2020", "contributions")[0]
    assert (contributions.value, contributions.tolerance) == (189500.0, 50.0)
    # 四(二)3: 9.79万人 → 97900 persons exactly; 调整幅度5.5% → 0.055
    assert region.statements("resident_pension", "2020", "recipients")[0].value == 97900.0
    assert region.statements("enterprise_pension", "2020", "adjustment_rate")[0].value == pytest.approx(0.055)


def test_synthetic_region_loads_and_builds_hand_worked_baseline():
    """Example Prefecture 2022 (invented): the baseline follows by hand from its figures.csv."""
    assert validate_region(SYNTHETIC) == []
    region = load_region(SYNTHETIC)
    assert (region.id, region.base_year, region.prior_period) == ("synthetic-2022", 2022, "2021")
    baseline = build_baseline(region)
    assert baseline.region_id == "synthetic-2022" and baseline.base_year == 2022
    ep = baseline.funds["enterprise_pension"]
    # items 11.00 + 0.50 + 0.40 = 11.90亿 vs total 120000万: 1000万 beyond rounding → other
    assert ep.expenditure["other_expenditure"] == pytest.approx(1000.0)
    assert ep.expenditure["pension_benefits"] == pytest.approx(110000.0)
    # income items 8.00 + 1.50 + 0.30 + 0.20 = 10.00亿 = 100000万 exactly
    assert dict(ep.income) == pytest.approx({"contributions": 80000.0, "fiscal_subsidy": 15000.0,
                                             "interest": 3000.0, "other_income": 0.0, "transfer_in": 2000.0,
                                             # no transfer line between levels stated: 0
                                             "upper_subsidy_in": 0.0, "lower_remit_in": 0.0, "central_in": 0.0})
    assert ep.balance_start == pytest.approx(30000.0 + 20000.0)   # 3.00亿 − (−2.00亿)
    assert ep.headcounts["retirees_prior"] == 29000.0
    assert ep.exemption == pytest.approx(5000.0)
    assert ep.income_budget == ep.income_total   # no budget stated: budget defaults to actual
    # public: no items but pensions 4.80亿 = 48000万 = total
    assert baseline.funds["public_pension"].expenditure["pension_benefits"] == pytest.approx(48000.0)
    # resident: 6000万 / 25000 / 12 = 200元/月
    assert baseline.funds["resident_pension"].per_capita["pension_pp_pm"] == pytest.approx(200.0)
    # unemployment: 1200万 / 10000 months = 1200元/月
    assert baseline.funds["unemployment"].per_capita["benefit_pp_pm"] == pytest.approx(1200.0)
    # no item for work injury: the whole total sits in other_expenditure (beyond rounding of nothing)
    assert baseline.funds["work_injury"].expenditure["other_expenditure"] == pytest.approx(1800.0)
    # 10.70亿 stated total equals the sum of the fund balances
    assert baseline.total("balance_end") == pytest.approx(107000.0)


def test_synthetic_reconciliation_finds_only_the_residuals():
    baseline = load_baseline(SYNTHETIC)
    conflicts = [f for f in baseline.findings if f.severity == "conflict"]
    # the 1000万 enterprise residual, and unemployment benefits 1200万 of a 2500万 total;
    # funds with no items at all are a data gap (severity ok), not a conflict
    assert sorted((f.fund, f.check) for f in conflicts) == [("enterprise_pension", "adoption"),
                                                           ("enterprise_pension", "items_sum"),
                                                           ("unemployment", "adoption")]


def test_age_profiles_are_exposed_as_a_dataframe():
    region = load_region(SYNTHETIC)
    frame = region.age_profiles
    assert list(frame.columns) == ["fund", "group", "sex", "age", "count"]
    assert len(frame) == 4
    row = frame[(frame.fund == "resident_pension") & (frame.age == 100)].iloc[0]
    assert (row["group"], row["sex"], row["count"]) == ("beneficiaries", "female", 40.0)
    assert load_region(default_region_dir()).age_profiles is None


def test_age_profiles_are_validated(tmp_path):
    import shutil
    folder = tmp_path / "region"
    shutil.copytree(SYNTHETIC, folder)
    (folder / "age_profiles.csv").write_text(
        "fund,group,sex,age,count\nenterprise_pension,retirees,male,101,-5\n", encoding="utf-8")
    fields = {p.field for p in validate_region(folder)}
    assert fields == {"row 2.group", "row 2.age", "row 2.count"}


def test_every_catalogue_key_names_a_kind_with_units():
    for spec in KEYS.values():
        assert any(u.kind == spec.kind for u in UNITS.values()), spec.key
        assert set(spec.funds) <= set(FUNDS) | {"total"}


def test_template_is_well_formed_but_lists_what_is_missing():
    """The blank template gives only 'missing' problems: empty identity fields and required figures."""
    template = default_region_dir().parent / "template"
    problems = validate_region(template)
    fields = {p.field for p in problems}
    assert {"region.id", "region.name_zh", "region.name_en", "region.base_year",
            "source.title_zh", "source.title_en"} <= fields
    required = {f"{fund}/{period}/{key}" for fund in FUNDS for period in ("base", "prior")
                for key in ("income_total", "expenditure_total")} | {f"{fund}/base/balance_end" for fund in FUNDS}
    assert required <= fields
    assert fields - required - {"region.id", "region.name_zh", "region.name_en", "region.base_year",
                                "source.title_zh", "source.title_en"} == set()
