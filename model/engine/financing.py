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


def finance(x: FinanceInputs, small_rows: int | None = None) -> FinanceResult:
    """Interest, subsidy, balances and required subsidy; every output ``(rows, n_years)``.

    The loop runs on time-major copies ``(n_years, rows)`` so each year is one contiguous row,
    with the rows sorted by rule so that each rule is a contiguous slice computed only where it
    applies (no formula evaluated for rows that do not use it, no select). Everything that does
    not depend on last year's balance is computed before the loop; each formula keeps the
    operation order of the module docstring, so results are bit-for-bit those of the formulas.
    Up to ``small_rows`` rows (default :data:`SMALL_ROWS`) it runs on Python floats
    (:func:`_finance_rows`), else on numpy vectors (:func:`_roll_vectors`): the same numbers.
    """
    small_rows = SMALL_ROWS if small_rows is None else small_rows
    rows, n_years = x.expenditure.shape
    if rows <= small_rows:
        return _finance_rows(x)
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
    _roll_vectors((fixed, share, gap, months), expenditure, own_income, rate, floor, growth,
                  gap_need, subsidy, interest, balance, required, topped)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(rows)
    return FinanceResult(subsidy[:, inverse].T, interest[:, inverse].T, balance[:, inverse].T,
                         required[:, inverse].T)


#: Up to this many rows (funds × batch) the roll-forward runs on Python floats, row by row: a
#: single run's few rows cost less so than a dozen numpy calls a year (same IEEE operations in
#: the same order, so the same bits; ``tests/test_financing.py``).
SMALL_ROWS = 8


def _max(a: float, b: float) -> float:
    """``np.maximum(a, b)`` of two floats: NaN propagates and a tie gives ``b`` (so ±0 come out
    as numpy's do)."""
    return a if (a > b or a != a) else b


def _finance_rows(x: FinanceInputs) -> FinanceResult:
    """:func:`finance` one row at a time on Python floats (rows are independent): every formula
    with the operations of the vector path in the same order, so the same bits; the outputs
    laid out as the vector path's (time-major arrays seen transposed)."""
    rows, n_years = x.expenditure.shape

    def row_lists(a):                       # (rows, T) or broadcastable → one list per row
        return np.broadcast_to(a, (rows, n_years)).tolist()

    def per_row(a):
        return np.broadcast_to(a, (rows,)).tolist()

    expenditure, own_income = row_lists(x.expenditure), row_lists(x.own_income)
    reference = row_lists(x.reference_rate)
    min_months, growth_rate = row_lists(x.min_months), row_lists(x.subsidy_growth)
    share, share_base = row_lists(x.subsidy_share), row_lists(x.subsidy_base)
    spread, margin, rule = per_row(x.spread), per_row(x.margin), np.asarray(x.rule).astype(int).tolist()
    subsidy_init, interest_init, balance_start = (per_row(a) for a in (x.subsidy_init, x.interest_init,
                                                                       x.balance_start))
    subsidy, interest, balance, required = (np.empty((n_years, rows)) for _ in range(4))
    for j in range(rows):
        e, own, rule_j = expenditure[j], own_income[j], rule[j]
        floor = [m / 12.0 * v for m, v in zip(min_months[j], e)]
        s, it, b, req = [subsidy_init[j]], [interest_init[j]], [], []
        b.append(balance_start[j] + own[0] + it[0] + s[0] - e[0])
        req.append(_max(0.0, floor[0] - b[0]))
        top = req[0]
        spread_j, margin_j = spread[j], 1.0 + margin[j]
        for t in range(1, n_years):
            prev = b[t - 1]
            interest_t = _max(0.0, reference[j][t] + spread_j) * _max(prev, 0.0)
            with_interest = prev + own[t] + interest_t
            if rule_j == 0:
                s_t = s[t - 1] * (1.0 + growth_rate[j][t])
            elif rule_j == 1:
                s_t = share[j][t] * share_base[j][t]
            elif rule_j == 2:
                s_t = _max(0.0, (e[t] * margin_j - own[t]) - interest_t)
            else:
                s_t = _max(0.0, floor[t] - (with_interest - e[t]))
            b_t = with_interest + s_t - e[t]
            extra = _max(0.0, floor[t] - (b_t + top))
            top = top + extra
            s.append(s_t)
            it.append(interest_t)
            b.append(b_t)
            req.append(extra)
        for out, values in zip((subsidy, interest, balance, required), (s, it, b, req)):
            out[:, j] = values
    return FinanceResult(subsidy.T, interest.T, balance.T, required.T)


def _roll_vectors(slices, expenditure, own_income, rate, floor, growth, gap_need, subsidy, interest,
                  balance, required, topped) -> None:
    """The roll-forward for years 1…, every row at once per year (see :func:`finance`)."""
    fixed, share, gap, months = slices
    n_years, rows = expenditure.shape
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
