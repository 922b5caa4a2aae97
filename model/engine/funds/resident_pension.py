"""Urban-rural resident basic pension (城乡居民基本养老保险), policy-facts §4.

Contributors aged 16–59 pay an average yearly amount (a tier mix) into individual accounts, and
the budget adds a top-up per contributor (缴费补贴); recipients aged 60 and over receive

- the **basic pension** (基础养老金): the national minimum (中央确定的最低标准) plus the local
  addition (自治区/州 additions), financed by the budget (central plus local subsidies);
- the **account pension** (个人账户养老金): the account balance at 60 ÷ 139 months
  (国发〔2014〕8号; the 139 of ``model.engine.demography.retirement.divisor_months(60)``), paid
  for life from the fund (after 139 months from pooled money).

From ``model.engine.cohorts``: contributors ∝ population 16–59, recipients ∝ population 60+,
both scaled to the base year and times coverage c(t). Per year t (money 万元, amounts 元):

  contributions(t)   = contributors(t) × average contribution(t)
  account inflow(t)  = contributions(t) + contributors(t) × top-up per contributor
  basic pensions(t)  = recipients(t) × (national minimum(t) + local addition) × I(t) × 12
                       I(t) = Π (1 + basic pension indexation)  (1 to 2025: the known rises)
  account pensions(t)= account pensions(t−1) × p(t) + 12 × B60(t) ÷ 139
                       p(t) = 1 − deaths(t) ÷ (recipients(t) + deaths(t)), recipients' survival
  pension_benefits   = basic pensions + account pensions
  funeral_survivor(t)= deaths(t) × grant × wage index(t)

Individual accounts, held by single age a = 16…59 of the contributors (contributors spread
evenly over the 44 ages, an assumption: the pyramid of 16–59 is close to flat):

  A(t, a) = A(t−1, a−1) × (1 + r(t)) + account inflow(t) ÷ 44,    B60(t) = A(t−1, 59) × (1 + r(t))

Accounts have run for ``account_years_init`` years by the base year (新农保/城居保 coverage); the
base-year state is built by running the same recursion over those years with the base year's inflow discounted at the base-year
contribution growth. A retiring cohort's balance is drawn at 12/139 a year; the retirees' part of
the liability is Σ over cohorts of B60(τ) × survivors × max(0, 1 − 12 (t − τ + 1) ÷ 139).
``account_liability`` = contributors' balances + retirees' remaining balances: the part of the
fund's balance owed to members, not free surplus.

The base year's local addition is solved so that pension spending is the report's exactly:
local addition = pensions ÷ recipients ÷ 12 − national minimum − account pensions ÷ recipients ÷ 12.

The budget-funded items (basic pensions, top-ups, funeral grants) are the driver of the
share-of-expenditure subsidy rule (``FundFlows.subsidy_base``), with a default share of 1 from
the first projected year: a rise of the basic pension raises the subsidy one for one and does
not drain the fund. (In 2020 the subsidy paid 90% of those items; the fund's interest and other
income paid the rest.)
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from model.baseline.adopted import FundBaseline
from model.engine.demography.retirement import divisor_months
from model.errors import ProblemList
from model.engine.funds.base import (YUAN_PER_WAN, FundContext, FundFlows, cumulative_growth, follow,
                                     other_income, split_item)

FUND = "resident_pension"
GROUP = "resident"
EXPENDITURE_ITEMS = ("pension_benefits", "funeral_survivor", "transfer_out", "other_expenditure")
BENEFIT_ITEMS = ("pension_benefits", "funeral_survivor")

PENSION_AGE = 60
CONTRIBUTION_AGES = PENSION_AGE - 16          # ages 16…59: 44 single-age account buckets
DIVISOR_MONTHS = float(divisor_months(PENSION_AGE))   # 139 (国发〔2014〕8号 uses the 38号 table)
DRAW_YEARS = int(np.ceil(DIVISOR_MONTHS / 12.0))      # retiring cohorts still holding a balance


def group_counts(base: FundBaseline, lever0: Mapping[str, float]) -> tuple[float, float, float | None]:
    """(contributors, recipients, deaths or None), persons. Contributors = contributions ÷ the
    assumed average yearly contribution (元/yr lever)."""
    contributors = base.income["contributions"] * YUAN_PER_WAN / lever0[f"{FUND}.average_contribution_py"]
    return contributors, base.headcounts["recipients"], base.headcounts.get("deaths")


def recipient_survival(recipients, deaths):
    """p = 1 − deaths ÷ (recipients + deaths): the share of the year's recipients who survive it."""
    exposed = recipients + deaths
    return np.where(exposed > 0, 1.0 - deaths / np.where(exposed > 0, exposed, 1.0), 1.0)


def initial_accounts(inflow0: float, growth: float, rate: float, survival: float,
                     years: int, base_year: int) -> dict[str, object]:
    """The account state at the end of the base year, from the recursion run over the ``years``
    years up to and including the base year.

    Inflow in year u = inflow0 ÷ (1 + growth)^(base_year − u) (万元); crediting rate and the
    recipients' survival held at their base-year values. Returns the contributors' balances by
    age 16…59 (``(44,)``, 万元), the retiring cohorts of the last ``DRAW_YEARS`` years (balance
    at 60 and survivors, newest first) and the base-year account pensions (万元/yr).
    """
    buckets = np.zeros(CONTRIBUTION_AGES)
    cohorts: list[tuple[float, float]] = []          # (B60, survivors) of cohorts retired so far
    pensions = 0.0
    for year in range(base_year - int(years) + 1, base_year + 1):
        inflow = inflow0 / (1.0 + growth) ** (base_year - year)
        b60 = buckets[-1] * (1.0 + rate)
        buckets = np.concatenate(([0.0], buckets[:-1] * (1.0 + rate))) + inflow / CONTRIBUTION_AGES
        cohorts = [(b, s * survival) for b, s in cohorts] + [(b60, 1.0)]
        pensions = pensions * survival + 12.0 * b60 / DIVISOR_MONTHS
    recent = cohorts[::-1][:DRAW_YEARS] + [(0.0, 0.0)] * max(0, DRAW_YEARS - len(cohorts))
    return {"buckets": buckets, "b60": np.array([b for b, _ in recent]),
            "survivors": np.array([s for _, s in recent]), "pensions": pensions}


def retirees_balance(b60: np.ndarray, survivors: np.ndarray) -> np.ndarray:
    """Σ_k B60_k × S_k × max(0, 1 − 12 (k + 1) ÷ 139): what retiring cohorts k = 0…DRAW_YEARS−1
    years after retiring still hold after this year's payments. ``b60``, ``survivors`` ``(…, k)``."""
    drawn = np.maximum(0.0, 1.0 - 12.0 * (np.arange(DRAW_YEARS) + 1.0) / DIVISOR_MONTHS)
    return (b60 * survivors * drawn).sum(axis=-1)


def base_account_state(lever0: Mapping[str, float], contributions: float, contributors: float,
                       recipients: float, deaths: float, base_year: int) -> dict[str, object]:
    """:func:`initial_accounts` from the base-year levers (``lever0``) and head counts."""
    inflow0 = contributions + contributors * lever0[f"{FUND}.account_topup_py"] / YUAN_PER_WAN
    survival = float(recipient_survival(np.float64(recipients), np.float64(deaths)))
    return initial_accounts(inflow0, lever0[f"{FUND}.contribution_growth"],
                            lever0[f"{FUND}.account_crediting_rate"], survival,
                            int(round(lever0[f"{FUND}.account_years_init"])), base_year)


def calibrate(base: FundBaseline, lever0: Mapping[str, float], demo0: Mapping[str, float],
              problems: ProblemList) -> tuple[dict, dict]:
    """local addition (元/month) = pensions ÷ recipients ÷ 12 − national minimum − account pension
    per recipient; the subsidy's share of the budget-funded items; grant per death; item ratios."""
    recipients = demo0["pensioners"]
    benefits = base.expenditure["pension_benefits"]
    contributions = base.income["contributions"]
    state = base_account_state(lever0, contributions, demo0["actives"], recipients, demo0["deaths"],
                        int(demo0["base_year"]))
    account_pm = float(state["pensions"]) * YUAN_PER_WAN / recipients / 12.0 if recipients else 0.0
    paid_pm = benefits * YUAN_PER_WAN / recipients / 12.0 if recipients else 0.0
    local = paid_pm - lever0[f"{FUND}.basic_pension_pm"] - account_pm
    if local < 0:
        problems.add("calibration", f"{FUND}.local_addition_pm", round(local, 2),
                     f"人均月养老金 {paid_pm:.2f} 元低于基础养老金最低标准与个人账户养老金之和",
                     f"the pension paid per recipient ({paid_pm:.2f}元/month) is below the national minimum plus the account pension",
                     "基础养老金最低标准与账户参数使地方加发 ≥ 0", "a national minimum and account levers leaving a local addition ≥ 0")
    basic = recipients * (lever0[f"{FUND}.basic_pension_pm"] + local) * 12.0 / YUAN_PER_WAN
    budget_items = (basic + demo0["actives"] * lever0[f"{FUND}.account_topup_py"] / YUAN_PER_WAN
                    + base.expenditure["funeral_survivor"])
    params = {
        "contributors_init": demo0["actives"],
        "account_pension_pm_init": account_pm,
        **split_item("grant_per_death", base.expenditure["funeral_survivor"] * YUAN_PER_WAN, demo0["deaths"]),
        **split_item("transfer_in", base.income["transfer_in"], contributions),
        **split_item("other_income", base.income["other_income"], contributions),
        **split_item("transfer_out", base.expenditure["transfer_out"], benefits),
        **split_item("other_expenditure", base.expenditure["other_expenditure"], benefits),
    }
    # shown by `python -m model calibration`: how much of the budget-funded items the 2020
    # subsidy paid (the share rule's default from 2021 is 1, see levers.toml)
    params["budget_items_cover_init"] = float(base.income["fiscal_subsidy"] / budget_items) if budget_items else 0.0
    return params, {f"{FUND}.local_addition_pm": local}


def project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows:
    demo = ctx.demography
    coverage = cumulative_growth(ctx.lever("coverage_growth"))
    contributors = demo.actives * coverage
    per_head = ctx.lever("average_contribution_py") * cumulative_growth(ctx.lever("contribution_growth"))
    contributions = contributors * per_head / YUAN_PER_WAN
    recipients = demo.pensioners * coverage
    deaths = demo.deaths * coverage
    w = ctx.wage_index
    basic_pm = ((ctx.lever("basic_pension_pm") + ctx.lever("local_addition_pm"))
                * cumulative_growth(ctx.lever("basic_pension_indexation")))
    basic = recipients * basic_pm * 12.0 / YUAN_PER_WAN
    topups = contributors * ctx.lever("account_topup_py") / YUAN_PER_WAN
    accounts = account_flows(ctx, contributions[:, 0], contributors[:, 0], contributions + topups,
                             recipients, deaths)
    pension_benefits = basic + accounts["account_pensions"]
    funeral = follow(params, "grant_per_death", deaths, 1.0) * w / YUAN_PER_WAN
    income = {"contributions": contributions, **other_income(params, contributions, w)}
    expenditure = {
        "pension_benefits": pension_benefits,
        "funeral_survivor": funeral,
        "transfer_out": follow(params, "transfer_out", pension_benefits, w),
        "other_expenditure": follow(params, "other_expenditure", pension_benefits, w),
    }
    return FundFlows(income=income, expenditure=expenditure, contributors=contributors,
                     beneficiaries=recipients, contribution_base=contributors * per_head / YUAN_PER_WAN,
                     subsidy_base=basic + topups + funeral,
                     extra={"deaths": (deaths, "persons"),
                            "basic_pensions": (basic, "万元"),
                            "account_pensions": (accounts["account_pensions"], "万元"),
                            "account_liability": (accounts["account_liability"], "万元")})


def account_flows(ctx: FundContext, contributions0, contributors0, inflow, recipients, deaths) -> dict:
    """Account pensions and the account liability, 万元 ``(batch, n_years)``: the recursion of the
    module docstring in closed form over years (no loop over ages or paths).

    With the crediting index C(t) = Π_{u=1..t} (1 + r(u)), X(u) = inflow(u) ÷ (44 C(u)) (X(0) = 0),
    Q(t) = Σ_{u≤t} X(u), R(t) = Σ_{u≤t} u X(u) and A0[j] the base-year balance at age 16 + j:

      B60(t)       = C(t) × (A0[44 − t] (t ≤ 44) + Q(t − 1) − Q(t − 45))
      contributors = C(t) × (Σ_{j ≤ 43 − t} A0[j] + (44 − t)(Q(t) − Q(t − 44)) + R(t) − R(t − 44))

    (Q, R of negative years are 0). Retiring cohorts k = 0…11 years back hold B60 × survivors ×
    (1 − 12 (k + 1) ÷ 139); account pensions follow P(t) = P(t−1) p(t) + 12 B60(t) ÷ 139, one
    loop over years on batch vectors. tests/test_fidelity_funds.py checks this against the
    single-age recursion run year by year.
    """
    rate = ctx.lever("account_crediting_rate")
    survival = recipient_survival(recipients, deaths)
    lever0 = {f"{FUND}.{k}": float(ctx.lever(k)[0, 0])
              for k in ("account_topup_py", "contribution_growth", "account_crediting_rate", "account_years_init")}
    state = base_account_state(lever0, float(contributions0[0]), float(contributors0[0]),
                        float(recipients[0, 0]), float(deaths[0, 0]), int(ctx.years[0]))
    batch, n_years = inflow.shape
    ages = CONTRIBUTION_AGES
    t = np.arange(n_years)
    credit = np.cumprod(np.where(t == 0, 1.0, 1.0 + rate), axis=1)                       # C(t)
    x = np.where(t == 0, 0.0, inflow / (ages * credit))
    q, r = np.cumsum(x, axis=1), np.cumsum(x * t, axis=1)

    def lagged(a, lag):      # a(t − lag), 0 for t − lag < 0
        out = np.zeros_like(a)
        if lag < n_years:
            out[:, lag:] = a[:, :n_years - lag]
        return out

    a0 = state["buckets"]
    a0_at_60 = np.where((t >= 1) & (t <= ages), a0[np.clip(ages - t, 0, ages - 1)], 0.0)
    a0_below_60 = np.concatenate(([0.0], np.cumsum(a0)))[np.clip(ages - t, 0, ages)]     # Σ_{j≤43−t} A0[j]
    b60 = credit * (a0_at_60 + lagged(q, 1) - lagged(q, ages + 1))
    contributors = credit * (a0_below_60 + (ages - t) * (q - lagged(q, ages)) + r - lagged(r, ages))
    # retiring cohorts: the base-year window (k = 0…11 years before the base year) then B60(t)
    cohort_b60 = np.concatenate((np.tile((state["b60"] * state["survivors"])[:0:-1], (batch, 1)),
                                 np.where(t == 0, state["b60"][0], b60)), axis=1)       # (batch, 11 + T)
    cohort_survival = np.concatenate((np.ones((batch, DRAW_YEARS - 1)), np.where(t == 0, 1.0, survival)), axis=1)
    drawn = np.maximum(0.0, 1.0 - 12.0 * (np.arange(DRAW_YEARS) + 1.0) / DIVISOR_MONTHS)
    start = DRAW_YEARS - 1
    alive = np.ones((batch, n_years))
    retirees = np.zeros((batch, n_years))
    for k in range(DRAW_YEARS):
        if k:
            alive = alive * cohort_survival[:, start - k + 1:start - k + 1 + n_years]
        retirees += drawn[k] * alive * cohort_b60[:, start - k:start - k + n_years]
    # the pension recurrence on time-major copies, so each year is one contiguous row
    survival_by_year = np.ascontiguousarray(survival.T)
    added_by_year = np.ascontiguousarray((12.0 / DIVISOR_MONTHS) * b60.T)
    pensions = np.empty((n_years, batch))
    pensions[0] = state["pensions"]
    for year in range(1, n_years):
        np.multiply(pensions[year - 1], survival_by_year[year], out=pensions[year])
        pensions[year] += added_by_year[year]
    return {"account_pensions": pensions.T, "account_liability": contributors + retirees}
