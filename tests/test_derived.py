"""Derived quantities: each formula checked by hand on the Changji baseline."""
from __future__ import annotations

import pytest

from model.baseline import derived
from model.baseline.adopted import load_baseline


@pytest.fixture(scope="module")
def funds():
    return load_baseline().funds


def test_prior_balance(funds):
    assert derived.balance_prior_end(funds["enterprise_pension"]).value == pytest.approx(55100 + 66385)


def test_average_pension_and_grant(funds):
    # 26.075亿 / 79100 / 12 = 2747.1元; 1.17亿 / 1727 = 67748元
    assert derived.average_pension_pm(funds["enterprise_pension"]).value == pytest.approx(260750e4 / 79100 / 12)
    assert derived.grant_per_death(funds["enterprise_pension"]).value == pytest.approx(11700e4 / 1727)
    assert derived.average_pension_pm(funds["work_injury"]) is None


def test_unemployment_benefit_per_month(funds):
    d = derived.unemployment_benefit_pm(funds["unemployment"])
    assert (d.value, d.unit) == (pytest.approx(35210000 / 31941), "元/月")


def test_implied_contributors_uses_the_assumptions_given(funds):
    fb = funds["enterprise_pension"]
    d = derived.implied_contributors(fb, average_base_py=60000, employer_rate=0.16, employee_rate=0.08,
                                     collection_rate=0.9)
    collected = fb.income["contributions"] + 87200
    assert d.value == pytest.approx(collected * 1e4 / (60000 * 0.24 * 0.9))
    assert dict(d.inputs)["average_base_py"] == 60000


def test_effective_work_injury_rate(funds):
    fb = funds["work_injury"]
    d = derived.effective_work_injury_rate(fb, average_base_py=70000)
    assert d.value == pytest.approx((fb.income["contributions"] + 4100) * 1e4 / (245100 * 70000))


def test_sme_share_inverts_the_waiver_formula(funds):
    """With s = 0.6 the waiver is rate × B × (0.6 × 11/12 + 0.4 × ½ × 5/12); the function recovers 0.6."""
    fb = funds["enterprise_pension"]
    base_total = fb.exemption / (0.16 * (0.6 * 11 / 12 + 0.4 * 0.5 * 5 / 12))
    assert derived.sme_share_from_exemption(fb, 0.16, base_total).value == pytest.approx(0.6)


def test_derived_quantities_without_assumptions_skip_assumption_ones():
    keys = {(d.fund, d.key) for d in derived.derived_quantities(load_baseline())}
    assert ("unemployment", "benefit_per_recipient_month") in keys
    assert not any(k == "implied_contributors" for _, k in keys)
    with_assumptions = derived.derived_quantities(load_baseline(), average_base_py=60000,
                                                  pension_employer_rate=0.16, pension_employee_rate=0.08)
    assert {("enterprise_pension", "implied_contributors"), ("enterprise_pension", "sme_share"),
            ("work_injury", "effective_rate")} <= {(d.fund, d.key) for d in with_assumptions}
