"""Per-year indicators of each fund and of the five-fund total, from projected items.

One small function per quantity. Arrays are ``(batch, n_years)``; money 万元, people persons.
No NaN or inf is produced: a ratio whose denominator is zero (below :data:`NEGLIGIBLE`) is 0.
"""
from __future__ import annotations

import numpy as np


# A denominator below this (persons, or 万元 of spending) is taken as none: a ratio to 1e-300
# people is not a dependency ratio but an overflow.
NEGLIGIBLE = 1e-9


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros(np.broadcast_shapes(np.shape(num), np.shape(den))),
                     where=np.abs(np.asarray(den)) > NEGLIGIBLE)


def dependency_ratio(contributors: np.ndarray, beneficiaries: np.ndarray) -> np.ndarray:
    """Contributors per beneficiary (抚养比的倒数, 在职退休比), persons/person; 0 with no beneficiaries."""
    return _ratio(contributors, beneficiaries)


def payable_months(accumulated_balance: np.ndarray, expenditure_total: np.ndarray) -> np.ndarray:
    """可支付月数 = accumulated balance ÷ (expenditure ÷ 12), months; negative once depleted; 0 with no spending."""
    return _ratio(accumulated_balance, expenditure_total / 12.0)


def cost_rate(expenditure_total: np.ndarray, contribution_base: np.ndarray) -> np.ndarray:
    """Expenditure ÷ contribution base (the contributors' wage bill), fraction."""
    return _ratio(expenditure_total, contribution_base)


def balancing_rate(expenditure_total: np.ndarray, other_own_income: np.ndarray,
                   contribution_base: np.ndarray) -> np.ndarray:
    """Total contribution rate that would balance the year without fiscal subsidy, fraction:
    (expenditure − interest − other income − transfers in) ÷ contribution base, at full collection."""
    return _ratio(expenditure_total - other_own_income, contribution_base)


def cumulative(values: np.ndarray) -> np.ndarray:
    """Running sum over years from the base year."""
    return np.cumsum(values, axis=-1)
