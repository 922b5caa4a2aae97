"""Quantities the report does not state, derived from the adopted baseline.

One small function per quantity; each docstring gives the formula, inputs, unit and the
assumptions. Assumed values (average contribution base, contribution rates, collection rate) are
arguments: the engine passes its lever defaults, nothing here hard-codes them.

See also: model/baseline.py (the inputs), model/reconcile.py (where each input comes from).
"""
from __future__ import annotations

from dataclasses import dataclass

from model.baseline.adopted import Baseline, FundBaseline

YUAN_PER_WAN = 1.0e4
MONTHS = 12
# 人社部发〔2020〕11号 (extended by 〔2020〕49号): SMEs exempt from employer contributions
# February–December 2020 (11 months); large firms paid half February–June (5 months at ½).
SME_EXEMPT_MONTHS = 11
LARGE_HALF_MONTHS = 5


@dataclass(frozen=True)
class Derived:
    """A derived quantity: value, unit, labels, formula and the inputs it used."""

    fund: str
    key: str
    value: float
    unit: str
    name_zh: str
    name_en: str
    formula: str
    inputs: tuple[tuple[str, float], ...]


def balance_prior_end(fb: FundBaseline) -> Derived:
    """End of the prior year's accumulated balance, 万元.

    balance_start = balance_end − (income_total − expenditure_total). Assumes no revaluation or
    pooling transfer outside the stated income and expenditure.
    """
    value = fb.balance_end - (fb.income_total - fb.expenditure_total)
    return Derived(fb.fund, "balance_start", value, "万元", "上年末滚存结余", "prior year-end balance",
                   "balance_end − (income_total − expenditure_total)",
                   (("balance_end", fb.balance_end), ("income_total", fb.income_total),
                    ("expenditure_total", fb.expenditure_total)))


def average_pension_pm(fb: FundBaseline) -> Derived | None:
    """Average pension per retiree (recipient) per month, 元.

    pension_benefits × 10⁴ / head count / 12. Uses the year-end head count (``retirees`` or
    ``recipients``); with a growing population the mid-year count is lower, so this slightly
    understates the pension actually paid per person (by about half the growth rate).
    """
    heads = fb.headcounts.get("retirees") or fb.headcounts.get("recipients")
    pensions = fb.expenditure.get("pension_benefits")
    if not heads or pensions is None:
        return None
    value = pensions * YUAN_PER_WAN / heads / MONTHS
    return Derived(fb.fund, "average_pension_pm", value, "元/月", "人均月养老金", "average pension per month",
                   "pension_benefits × 10⁴ / head count / 12",
                   (("pension_benefits", pensions), ("head_count", heads)))


def grant_per_death(fb: FundBaseline) -> Derived | None:
    """Funeral and survivor grant per death, 元.

    funeral_survivor × 10⁴ / deaths. Assumes every grant paid in the year belongs to a death
    counted in the year (survivor pensions paid monthly would inflate it).
    """
    deaths = fb.headcounts.get("deaths")
    grants = fb.expenditure.get("funeral_survivor")
    if not deaths or grants is None:
        return None
    return Derived(fb.fund, "grant_per_death", grants * YUAN_PER_WAN / deaths, "元",
                   "人均丧葬抚恤金", "grant per death", "funeral_survivor × 10⁴ / deaths",
                   (("funeral_survivor", grants), ("deaths", deaths)))


def implied_contributors(fb: FundBaseline, average_base_py: float, employer_rate: float,
                         employee_rate: float, collection_rate: float = 1.0) -> Derived:
    """Contributors implied by the contributions, persons.

    (contributions + exemption) × 10⁴ / (average_base_py × (employer_rate + employee_rate) ×
    collection_rate). Adding the exemption back gives what a normal year would have collected.
    Assumptions (arguments): the average contribution base (元 per year), the two rates and the
    share of the due contributions actually collected. Flexible workers paying one combined rate
    on a low base make the true count higher than this.
    """
    collected = fb.income["contributions"] + fb.exemption
    value = collected * YUAN_PER_WAN / (average_base_py * (employer_rate + employee_rate) * collection_rate)
    return Derived(fb.fund, "implied_contributors", value, "人", "推算缴费人数", "implied contributors",
                   "(contributions + exemption) × 10⁴ / (average base × (employer + employee rate) × collection rate)",
                   (("contributions", fb.income["contributions"]), ("exemption", fb.exemption),
                    ("average_base_py", average_base_py), ("employer_rate", employer_rate),
                    ("employee_rate", employee_rate), ("collection_rate", collection_rate)))


def average_base_bounds(enterprise: FundBaseline, public_contributors: float, lower_insured: float,
                        upper_insured: float, employer_rate: float, employee_rate: float,
                        collection_rate: float = 1.0) -> tuple[Derived, Derived]:
    """Range of the enterprise average contribution base (元/yr) that keeps the employee pension
    contributors within the insured counts the report states for the other employee funds.

    Enterprise contributors are n(base) = X ÷ base with X = (contributions + exemption) × 10⁴ ÷
    ((employer_rate + employee_rate) × collection_rate) (:func:`implied_contributors`). The
    documented bound: lower ≤ n(base) + public contributors ≤ upper, with lower the unemployment
    insured (21.11万, report §四.二.5: employees of firms and institutions, civil servants
    excluded) and upper the work-injury insured (24.51万, §四.二.4: all employees of firms and
    institutions). So base ∈ [X ÷ (upper − public), X ÷ (lower − public)]. Flexible workers
    (灵活就业人员) pay into the enterprise pension but neither of the other funds, so the bound is
    approximate: it rules out bases that imply far more or far fewer employees than are insured.
    The engine's results do not depend on the base within it (new pensioners are anchored to the
    reported pensioner counts, issue 9 §6); the per-head figures (contributors, dependency ratio) do.
    """
    collected = enterprise.income["contributions"] + enterprise.exemption
    x = collected * YUAN_PER_WAN / ((employer_rate + employee_rate) * collection_rate)
    inputs = (("contributions", enterprise.income["contributions"]), ("exemption", enterprise.exemption),
              ("public_contributors", public_contributors), ("lower_insured", lower_insured),
              ("upper_insured", upper_insured), ("employer_rate", employer_rate),
              ("employee_rate", employee_rate), ("collection_rate", collection_rate))
    low = Derived(enterprise.fund, "average_base_min", x / (upper_insured - public_contributors), "元/年",
                  "企业养老人均缴费基数下限（职工人数不超过工伤参保人数）",
                  "lowest average base (employees no more than the work-injury insured)",
                  "(contributions + exemption) × 10⁴ / ((employer + employee rate) × collection) / (work-injury insured − public contributors)",
                  inputs)
    high = Derived(enterprise.fund, "average_base_max", x / (lower_insured - public_contributors), "元/年",
                   "企业养老人均缴费基数上限（职工人数不少于失业参保人数）",
                   "highest average base (employees no fewer than the unemployment insured)",
                   "(contributions + exemption) × 10⁴ / ((employer + employee rate) × collection) / (unemployment insured − public contributors)",
                   inputs)
    return low, high


def effective_work_injury_rate(fb: FundBaseline, average_base_py: float) -> Derived | None:
    """Average work-injury contribution rate, fraction of the wage bill.

    (contributions + exemption) × 10⁴ / (insured × average_base_py). Assumes every insured person
    has the average base and contributions were fully collected.
    """
    insured = fb.headcounts.get("insured")
    if not insured:
        return None
    collected = fb.income["contributions"] + fb.exemption
    return Derived(fb.fund, "effective_rate", collected * YUAN_PER_WAN / (insured * average_base_py), "fraction",
                   "工伤保险实际费率", "effective work-injury rate",
                   "(contributions + exemption) × 10⁴ / (insured × average base)",
                   (("contributions", fb.income["contributions"]), ("exemption", fb.exemption),
                    ("insured", insured), ("average_base_py", average_base_py)))


def unemployment_benefit_pm(fb: FundBaseline) -> Derived | None:
    """Unemployment benefit per recipient-month, 元.

    unemployment_benefits × 10⁴ / recipient_months. For Changji the recipient-months are the
    31,941 medical-premium person-times (one premium per benefit month): an assumption.
    """
    months = fb.headcounts.get("recipient_months")
    benefits = fb.expenditure.get("unemployment_benefits")
    if not months or benefits is None:
        return None
    return Derived(fb.fund, "benefit_per_recipient_month", benefits * YUAN_PER_WAN / months, "元/月",
                   "人均月失业金", "benefit per recipient-month", "unemployment_benefits × 10⁴ / recipient_months",
                   (("unemployment_benefits", benefits), ("recipient_months", months)))


def sme_share_from_exemption(fb: FundBaseline, employer_rate: float, employer_base_total: float) -> Derived:
    """Share s of the employer wage base in small and medium firms, implied by the 2020 waiver.

    waived = employer_rate × employer_base_total × (s × 11/12 + (1 − s) × ½ × 5/12), so
    s = (waived / (employer_rate × employer_base_total) − 5/24) / (11/12 − 5/24).
    ``employer_base_total`` is the annual wage base of all contributing employers, 万元 per year
    (an assumption, e.g. implied contributors × average base). A result outside 0…1 means the
    assumed base or rate does not fit the waiver.
    """
    full = SME_EXEMPT_MONTHS / MONTHS
    half = 0.5 * LARGE_HALF_MONTHS / MONTHS
    ratio = fb.exemption / (employer_rate * employer_base_total)
    value = (ratio - half) / (full - half)
    return Derived(fb.fund, "sme_share", value, "fraction", "中小微企业缴费基数占比（由减免推算）",
                   "SME share of the employer base (from the waiver)",
                   "(exemption / (employer_rate × employer base) − 5/24) / (11/12 − 5/24)",
                   (("exemption", fb.exemption), ("employer_rate", employer_rate),
                    ("employer_base_total", employer_base_total)))


def derived_quantities(baseline: Baseline, average_base_py: float | None = None,
                       pension_employer_rate: float | None = None, pension_employee_rate: float | None = None,
                       collection_rate: float | None = None) -> list[Derived]:
    """Every derived quantity computable from the baseline and the assumptions given.

    Assumption-free ones always; implied contributors, the SME share and the work-injury rate
    only when the average base (and, for pensions, both rates) are supplied.
    """
    out: list[Derived] = []
    for fund, fb in baseline.funds.items():
        out.append(balance_prior_end(fb))
        for function in (average_pension_pm, grant_per_death, unemployment_benefit_pm):
            value = function(fb)
            if value is not None:
                out.append(value)
        if average_base_py is None:
            continue
        if fund == "work_injury":
            rate = effective_work_injury_rate(fb, average_base_py)
            if rate is not None:
                out.append(rate)
        if fund in ("enterprise_pension", "public_pension") and pension_employer_rate and pension_employee_rate:
            contributors = implied_contributors(fb, average_base_py, pension_employer_rate,
                                                pension_employee_rate, collection_rate or 1.0)
            out.append(contributors)
            if fb.exemption > 0:
                employer_base = contributors.value * average_base_py / YUAN_PER_WAN
                out.append(sme_share_from_exemption(fb, pension_employer_rate, employer_base))
    return out
