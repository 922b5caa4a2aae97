"""Financing: interest, the fiscal subsidy rule and the balance roll-forward.

Run on every fund of a batch at once (funds stacked along the batch axis), one loop over years
on ``(rows,)`` vectors. For year t ≥ 1:

  interest(t)  = max(0, r(t) + spread) × max(0, B(t−1))       (start-of-year balance)
  own(t)       = contributions + other_income + transfer_in     (every income item but these two,
                 + the transfer lines in between levels          model.engine.transfers)
  E(t)         = every expenditure item, the transfer lines out between levels included
  subsidy(t)   = rule:  0 fixed growth   S(t−1) × (1 + g(t))
                        1 share          share(t) × D(t)   D = E without the transfer lines, or the
                                                           fund's budget-funded items
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
    subsidy_base: np.ndarray    # D(t): what the share rule multiplies (expenditure or budget-funded items)
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

    The loop runs on time-major copies ``(n_years, rows)`` so each year is one contiguous row,
    with the rows sorted by rule so that each rule is a contiguous slice computed only where it
    applies (no formula evaluated for rows that do not use it, no select). Everything that does
    not depend on last year's balance is computed before the loop; each formula keeps the
    operation order of the module docstring, so results are bit-for-bit those of the formulas.
    """
    rows, n_years = x.expenditure.shape
    rule = np.asarray(x.rule).astype(int)
    order = np.argsort(rule, kind="stable")
    ordered_rule = rule[order]
    bounds = np.searchsorted(ordered_rule, np.arange(len(RULES) + 1))
    fixed, share, gap, months = (slice(bounds[k], bounds[k + 1]) for k in range(len(RULES)))

    in_order = bool(np.all(order[1:] > order[:-1]))

    def time_major(a):                     # (rows, T) → (T, rows) in rule order, one copy
        full = np.broadcast_to(a, (rows, n_years)).T
        return np.ascontiguousarray(full) if in_order else np.take(full, order, axis=1)

    def per_row(a):
        return np.asarray(np.broadcast_to(a, (rows,)))[order]

    def share_major(a):
        """Years 1… of the share rule's rows only, time-major."""
        return np.broadcast_to(a, (rows, n_years))[order[share], 1:].T

    expenditure, own_income = time_major(x.expenditure), time_major(x.own_income)
    spread, margin = per_row(x.spread), per_row(x.margin)
    rate = np.maximum(0.0, time_major(x.reference_rate) + spread)               # r(t) + spread, ≥ 0
    floor = time_major(x.min_months / 12.0 * x.expenditure)
    subsidy = np.empty((n_years, rows))
    interest = np.empty((n_years, rows))
    balance = np.empty((n_years, rows))
    required = np.empty((n_years, rows))
    subsidy[0] = per_row(x.subsidy_init)
    interest[0] = per_row(x.interest_init)
    balance[0] = per_row(x.balance_start) + own_income[0] + interest[0] + subsidy[0] - expenditure[0]
    required[0] = np.maximum(0.0, floor[0] - balance[0])
    topped = required[0].copy()
    growth = 1.0 + time_major(x.subsidy_growth)[:, fixed]
    subsidy[1:, share] = share_major(x.subsidy_share) * share_major(x.subsidy_base)
    gap_need = expenditure[:, gap] * (1.0 + margin[gap]) - own_income[:, gap]   # E(1 + m) − own
    positive = np.empty(rows)
    with_interest = np.empty(rows)
    for t in range(1, n_years):
        prev, s, e, it = balance[t - 1], subsidy[t], expenditure[t], interest[t]
        np.maximum(prev, 0.0, out=positive)
        np.multiply(rate[t], positive, out=it)
        np.add(prev, own_income[t], out=with_interest)
        with_interest += it                                                    # B(t−1) + own + interest
        if fixed.stop > fixed.start:
            np.multiply(subsidy[t - 1, fixed], growth[t], out=s[fixed])
        if gap.stop > gap.start:
            np.maximum(0.0, gap_need[t] - it[gap], out=s[gap])
        if months.stop > months.start:
            np.maximum(0.0, floor[t, months] - (with_interest[months] - e[months]), out=s[months])
        b = balance[t]
        np.add(with_interest, s, out=b)
        b -= e
        extra = required[t]
        np.maximum(0.0, floor[t] - (b + topped), out=extra)
        topped += extra
    inverse = np.empty_like(order)
    inverse[order] = np.arange(rows)
    return FinanceResult(subsidy[:, inverse].T, interest[:, inverse].T, balance[:, inverse].T,
                         required[:, inverse].T)
