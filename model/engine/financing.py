"""Financing: interest, the fiscal subsidy rule and the balance roll-forward.

Run on every fund of a batch at once (funds stacked along the batch axis), one loop over years
on ``(rows,)`` vectors. For year t ≥ 1:

  interest(t)  = max(0, r(t) + spread) × max(0, B(t−1))       (start-of-year balance)
  own(t)       = contributions + other_income + transfer_in     (every income item but these two)
  subsidy(t)   = rule:  0 fixed growth   S(t−1) × (1 + g(t))
                        1 share          share(t) × E(t)
                        2 gap filling    max(0, E(t) × (1 + margin) − own(t) − interest(t))
                        3 minimum months max(0, N(t)/12 × E(t) − (B(t−1) + own(t) + interest(t) − E(t)))
  B(t)         = B(t−1) + own(t) + interest(t) + subsidy(t) − E(t)

The base year uses the report's subsidy and the calibrated spread, so B(base year) is the
report's year-end balance. B may go negative: the fund is then depleted and the model says so
rather than flooring it. ``required_subsidy`` is the extra money, on top of the rule, that
would keep B ≥ N/12 × E each year (top-ups accumulate in the fund, earning nothing).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RULES = ("fixed_growth", "share_of_expenditure", "gap_fill", "min_months")


@dataclass(frozen=True)
class FinanceInputs:
    """Stacked ``(rows, n_years)`` inputs; ``rows`` = funds × batch."""

    own_income: np.ndarray
    expenditure: np.ndarray
    reference_rate: np.ndarray
    spread: np.ndarray          # (rows,)
    rule: np.ndarray            # (rows,) int codes
    subsidy_growth: np.ndarray
    subsidy_share: np.ndarray
    min_months: np.ndarray
    margin: np.ndarray          # (rows,)
    subsidy_init: np.ndarray    # (rows,)
    interest_init: np.ndarray   # (rows,) the report's base-year interest
    balance_start: np.ndarray   # (rows,) end of the year before the base year


@dataclass(frozen=True)
class FinanceResult:
    fiscal_subsidy: np.ndarray
    interest: np.ndarray
    accumulated_balance: np.ndarray
    required_subsidy: np.ndarray


def finance(x: FinanceInputs) -> FinanceResult:
    """Interest, subsidy, balances and required subsidy; every output ``(rows, n_years)``.

    The loop runs on time-major copies ``(n_years, rows)`` so each year is one contiguous row.
    """
    rows, n_years = x.expenditure.shape

    def time_major(a):
        return np.ascontiguousarray(np.broadcast_to(a, (rows, n_years)).T)

    expenditure, own_income = time_major(x.expenditure), time_major(x.own_income)
    reference, growth = time_major(x.reference_rate), time_major(x.subsidy_growth)
    share, floor = time_major(x.subsidy_share), time_major(x.min_months / 12.0 * x.expenditure)
    subsidy = np.empty((n_years, rows))
    interest = np.empty((n_years, rows))
    balance = np.empty((n_years, rows))
    required = np.empty((n_years, rows))
    rule = x.rule.astype(int)
    subsidy[0] = x.subsidy_init
    interest[0] = x.interest_init
    balance[0] = x.balance_start + own_income[0] + x.interest_init + x.subsidy_init - expenditure[0]
    required[0] = np.maximum(0.0, floor[0] - balance[0])
    topped = required[0].copy()
    is_fixed, is_share, is_gap, is_months = (rule == k for k in range(4))
    for t in range(1, n_years):
        prev = balance[t - 1]
        e = expenditure[t]
        own = own_income[t]
        it = np.maximum(0.0, reference[t] + x.spread) * np.maximum(prev, 0.0)
        s = np.where(is_fixed, subsidy[t - 1] * (1.0 + growth[t]), 0.0)
        s = np.where(is_share, share[t] * e, s)
        s = np.where(is_gap, np.maximum(0.0, e * (1.0 + x.margin) - own - it), s)
        s = np.where(is_months, np.maximum(0.0, floor[t] - (prev + own + it - e)), s)
        subsidy[t] = s
        interest[t] = it
        balance[t] = prev + own + it + s - e
        extra = np.maximum(0.0, floor[t] - (balance[t] + topped))
        required[t] = extra
        topped += extra
    return FinanceResult(subsidy.T, interest.T, balance.T, required.T)
