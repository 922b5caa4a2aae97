"""Issue 9 §5: the default is current law, 2021–2025 is known, and temporary measures end.

Figures are derived by hand from the report (sections cited), policy-facts §10 and the lever
defaults (data/parameters/levers.toml), and matched by the engine.
"""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.core import Engine
from model.scenarios.library import load_library
from model.scenarios.levers import catalogue

UI = "unemployment"
TEMPORARY = {   # lever → (end year: last year the measure applies, value after it ends)
    "enterprise_pension.relief_sme_months": (2020, 0), "enterprise_pension.relief_large_months": (2020, 0),
    "work_injury.relief_sme_months": (2020, 0), "work_injury.relief_large_months": (2020, 0),
    "unemployment.relief_sme_months": (2020, 0), "unemployment.relief_large_months": (2020, 0),
    "unemployment.employer_rate": (2025, 0.015),
    "unemployment.stabilisation_sme_ratio": (2025, 0.0), "unemployment.stabilisation_large_ratio": (2025, 0.0),
    "unemployment.extended_coverage_share": (2022, 0.0),
    "enterprise_pension.deferral_share": (2022, 0.0), "work_injury.deferral_share": (2022, 0.0),
    "unemployment.deferral_share": (2022, 0.0),
}


@pytest.fixture(scope="module")
def engine():
    return Engine.from_region()


@pytest.fixture(scope="module")
def run(engine):
    lib = load_library()
    keep = lib["keep_2020_level"].overrides
    no_deferral = {f"{f}.deferral_share": 0.0 for f in ("enterprise_pension", "work_injury", UI)}
    result = engine.run([{}, keep, no_deferral], end=2030)
    return result, list(result.years)


def test_every_temporary_measure_is_a_lever_with_end_year_source_and_certainty(engine):
    specs = catalogue()
    levers = engine.default_levers(2060)
    years = list(levers.years)
    for name, (end, after) in TEMPORARY.items():
        spec = specs[name]
        path = levers[name][0]
        assert path[years.index(end + 1):] == pytest.approx(after), name
        assert path[years.index(end)] != pytest.approx(after), name
        assert spec.certainty in ("checked", "secondary", "unverified", "assumption") and spec.source, name
        if end > 2020:
            assert "Temporary measure" in spec.source and str(end) in spec.source, name


def test_covid_exemption_ended_on_31_december_2020(run):
    """The 2020 waivers (report: pension 8.72亿, work injury 0.41亿, unemployment 0.31亿) stop."""
    result, years = run
    for fund, waived in (("enterprise_pension", 87200.0), ("work_injury", 4100.0), (UI, 3100.0)):
        relief = result.series[fund]["fee_relief"][0]
        assert relief[0] == pytest.approx(waived, rel=1e-9)
        np.testing.assert_array_equal(relief[1:], 0.0)


def test_pension_increases_2021_to_2025(engine):
    """4.5%, 4%, 3.8%, 3% and 2% (policy-facts §10), 2% after (assumption)."""
    levers = engine.default_levers(2030)
    years = list(levers.years)
    for fund in ("enterprise_pension", "public_pension"):
        path = levers[f"{fund}.adjustment_rate"][0]
        got = [path[years.index(y)] for y in range(2021, 2027)]
        assert got == pytest.approx([0.045, 0.04, 0.038, 0.03, 0.02, 0.02])


def test_unemployment_rate_is_1_percent_to_2025_then_2_percent(run):
    """Against keep_2020_level (1% for ever, no deferral): equal contributions in 2021 and 2024–2025,
    exactly twice as much from 2026 (2% ÷ 1%, no relief or deferral then)."""
    result, years = run
    c = result.series[UI]["contributions"]
    for y in (2021, 2024, 2025):
        assert c[0, years.index(y)] == pytest.approx(c[1, years.index(y)], rel=1e-12)
    np.testing.assert_allclose(c[0, years.index(2026):] / c[1, years.index(2026):], 2.0, rtol=1e-12)


def sme_share_by_hand(engine):
    """SMEs' share s of the unemployment base from the 2020 waiver (report §三.五: 0.31亿 waived,
    1.04亿 collected): employer due = half of (collected + waived); waived = employer due ×
    (s × 11/12 + (1 − s) × 0.5 × 5/12) (人社部发〔2020〕11号: SMEs free Feb–Dec, large firms half Feb–Jun)."""
    base = engine.baseline.funds[UI]
    employer_due = 0.5 * (base.income["contributions"] + base.exemption)
    a = 0.5 * 5 / 12
    return (base.exemption / employer_due - a) / (11 / 12 - a)


def test_job_stabilisation_refunds_follow_the_2021_2025_ratios(engine, run):
    """Take-up from 2020: 0.62亿 refunded ÷ (2019 contributions 1.2135亿 × (s × 100% + (1 − s) × 50%))
    (report §三.五). Then refunds(t) = take-up × (s × SME ratio + (1 − s) × large ratio) ×
    contributions(t − 1): 60%/30% in 2021, 90%/30% in 2022, none from 2026."""
    result, years = run
    s = sme_share_by_hand(engine)
    takeup = 6200.0 / (12135.0 * (s + (1 - s) * 0.5))
    refunds = result.series[UI]["job_stabilisation"][0]
    contributions = result.series[UI]["contributions"][0]
    for year, sme, large in ((2021, 0.6, 0.3), (2022, 0.9, 0.3), (2023, 0.6, 0.3), (2025, 0.6, 0.3)):
        i = years.index(year)
        assert refunds[i] == pytest.approx(takeup * (s * sme + (1 - s) * large) * contributions[i - 1], rel=1e-9)
    np.testing.assert_array_equal(refunds[years.index(2026):], 0.0)
    # check against Changji's first 2021 batch: 23,895,762.12元 to 5,961 firms (2021-09-14 notice);
    # the whole year's refunds are at least that batch and not implausibly more
    assert 2389.6 <= refunds[years.index(2021)] <= 1.5 * 2389.6


def test_keep_2020_level_refunds_the_2020_share(engine, run):
    """keep_2020_level holds 2020's ratios, so each year refunds 0.62亿 ÷ 1.2135亿 = 51.09% of the
    previous year's contributions — the former default."""
    result, years = run
    refunds = result.series[UI]["job_stabilisation"][1]
    contributions = result.series[UI]["contributions"][1]
    np.testing.assert_allclose(refunds[1:] / contributions[:-1], 6200.0 / 12135.0, rtol=1e-9)


def test_extended_coverage_payments_end_after_2022(run):
    """The unitemised 2020 spending (1,587万元, the 失业补助金 of the extended coverage) keeps its
    ratio to benefits to 2022 and stops from 2023."""
    result, years = run
    s = result.series[UI]
    ratio = 1587.0 / 3521.0   # report §三.五 and §四.一: 13,471 − 5,500 − 30 − 6,200 − 154; benefits 3,521
    assert s["other_expenditure"][0, 0] == pytest.approx(1587.0, abs=1.0)
    i = years.index(2022)
    assert s["other_expenditure"][0, i] == pytest.approx(ratio * s["unemployment_benefits"][0, i], rel=2e-3)
    np.testing.assert_array_equal(s["other_expenditure"][0, years.index(2023):], 0.0)


@pytest.mark.parametrize("fund, employer_share", [("enterprise_pension", 0.16 / 0.24), ("work_injury", 1.0),
                                                  (UI, 0.5)])
def test_2022_deferrals_are_repaid_in_2023(run, fund, employer_share):
    """2% of 2022's employer contributions deferred (缓缴, assumption) and repaid in full in 2023."""
    result, years = run
    c = result.series[fund]["contributions"]
    i = years.index(2022)
    deferred = 0.02 * employer_share * c[2, i]
    assert c[2, i] - c[0, i] == pytest.approx(deferred, rel=1e-9)
    assert c[0, i + 1] - c[2, i + 1] == pytest.approx(deferred, rel=1e-9)
    np.testing.assert_allclose(c[0, i + 2:], c[2, i + 2:], rtol=1e-12)
