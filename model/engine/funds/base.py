"""What every fund module shares: the context it projects from and the flows it returns.

A fund module (``model/funds/<fund>.py``) is a peer of the others: it defines ``FUND`` (its id),
``EXPENDITURE_ITEMS``, ``BENEFIT_ITEMS`` (the items that are 待遇 benefits), and two functions:

- ``calibrate(base: FundBaseline, ctx: FundContext) -> dict[str, float]`` — solves the fund's
  unobserved parameters so that ``project`` reproduces the base year exactly;
- ``project(ctx: FundContext, params: Mapping[str, float]) -> FundFlows`` — every income item
  except the fiscal subsidy and interest (those follow the financing rules in
  ``model.engine.financing``), every expenditure item and the headcounts, for every batch member and
  year.

Arrays are ``(batch, n_years)``; index 0 along years is the base year. Money is 万元, people
persons, per-person amounts 元 (``_pm`` per month, ``_py`` per year).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from model.baseline.adopted import FundBaseline
from model.engine.cohorts import GroupDemography
from model.engine.normal import ndtr
from model.errors import ProblemList
from model.scenarios.levers import LeverSet

YUAN_PER_WAN = 1e4  # 元 per 万元


@dataclass(frozen=True)
class FundContext:
    """Everything a fund projects from, for a batch of scenarios or paths.

    ``levers`` holds every lever ``(batch, n_years)``; ``demography`` the headcount aggregates of
    the fund's population group; ``wage_index`` the average-wage level relative to the base year
    ``(batch, n_years)`` (1 in the base year); ``base_factor`` the change of the average
    contribution base from floor/ceiling changes relative to the base year (1 in the base year).
    """

    fund: str
    years: np.ndarray
    levers: LeverSet
    demography: GroupDemography
    wage_index: np.ndarray
    base_factor: np.ndarray

    def lever(self, key: str) -> np.ndarray:
        """The fund's own lever ``<fund>.<key>``, ``(batch, n_years)``."""
        return self.levers[f"{self.fund}.{key}"]

    @property
    def batch(self) -> int:
        return self.wage_index.shape[0]


@dataclass
class FundFlows:
    """A fund's projected items and headcounts, each ``(batch, n_years)``.

    ``income`` lacks ``fiscal_subsidy`` and ``interest`` (added by ``model.engine.financing``).
    ``contribution_base`` is the total contribution base (wage bill) of contributors, 万元, used
    for the cost rate and the balancing rate; ``contribution_rate`` the statutory total rate
    applied to it. ``subsidy_base`` is what the share-of-expenditure subsidy rule multiplies
    (the budget-funded items, 万元); ``None`` means total expenditure. ``extra`` holds further
    indicators (name -> (array, unit)).
    """

    income: dict[str, np.ndarray]
    expenditure: dict[str, np.ndarray]
    contributors: np.ndarray
    beneficiaries: np.ndarray
    contribution_base: np.ndarray
    subsidy_base: np.ndarray | None = None
    extra: dict[str, tuple[np.ndarray, str]] = field(default_factory=dict)


def cumulative_growth(rate: np.ndarray) -> np.ndarray:
    """Index I(t) = Π_{u=1..t} (1 + rate(u)), I(0) = 1, for rate ``(batch, n_years)``.

    The base-year rate (column 0) is not applied: the base year is the reference level.
    """
    growth = 1.0 + np.asarray(rate, dtype=float)
    index = np.cumprod(growth, axis=-1)
    return index / growth[..., :1]


def clipped_mean(floor: np.ndarray, ceiling: np.ndarray, log_sd: np.ndarray) -> np.ndarray:
    """E[min(max(W, floor), ceiling)] for a lognormal wage W with mean 1 and log-sd σ.

    With z1(x) = (ln x + σ²/2)/σ (so P(W ≤ x) = Φ(z1)) and z2(x) = z1(x) − σ
    (so E[W; W ≤ x] = Φ(z2)):  floor·Φ(z1(f)) + Φ(z2(c)) − Φ(z2(f)) + ceiling·(1 − Φ(z1(c))).
    The average contribution base is the average wage times this factor.
    """
    sigma = np.asarray(log_sd, dtype=float)
    f = np.maximum(np.asarray(floor, dtype=float), 1e-12)
    c = np.maximum(np.asarray(ceiling, dtype=float), f)
    z1f = (np.log(f) + sigma**2 / 2) / sigma
    z1c = (np.log(c) + sigma**2 / 2) / sigma
    # Φ is elementwise: its four arguments in one call give each value as four calls would
    phi_z1f, phi_z2c, phi_z2f, phi_z1c = ndtr(np.stack(np.broadcast_arrays(z1f, z1c - sigma, z1f - sigma, z1c)))
    return f * phi_z1f + phi_z2c - phi_z2f + c * (1.0 - phi_z1c)


def relief_fraction(sme_share, sme_months, large_months) -> np.ndarray:
    """Share of a year's employer contributions waived by 2020-style relief.

    SMEs (share ``s`` of the employer base) pay nothing for ``sme_months``; large firms pay half
    for ``large_months`` (人社部发〔2020〕11号): s·m_sme/12 + (1 − s)·0.5·m_large/12.
    """
    return sme_share * sme_months / 12.0 + (1.0 - sme_share) * 0.5 * large_months / 12.0


def solve_sme_share(waived: float, employer_due: float, sme_months: float, large_months: float,
                    fund: str, problems: ProblemList) -> float:
    """Solve s in waived = employer_due × relief_fraction(s, m_sme, m_large) (linear in s).

    Returns 0 when nothing was waived; adds a Problem if the report's waiver cannot be reached
    with s in [0, 1].
    """
    if waived == 0:
        return 0.0
    a = 0.5 * large_months / 12.0
    slope = sme_months / 12.0 - a
    if employer_due <= 0 or slope == 0:
        problems.add("calibration", f"{fund}.exemption", waived,
                     "基年有减免额，但基年减免月数为零（或两类企业月数折算相同），无法反推中小企业占比",
                     "the base year has a waiver but no relief months (or equivalent months for both firm sizes), so the SME share cannot be solved",
                     f"在地区 assumptions.toml 中为基年设置 [{fund}] relief_sme_months / relief_large_months",
                     f"set [{fund}] relief_sme_months / relief_large_months for the base year in the region's assumptions.toml")
        return 0.0
    share = (waived / employer_due - a) / slope
    if not 0.0 <= share <= 1.0:
        problems.add("calibration", f"{fund}.exemption", waived,
                     f"减免额与费率、基数假设不符（反推中小企业占比 {share:.3f}）",
                     f"the waiver does not fit the rate and base assumptions (implied SME share {share:.3f})",
                     "使 0 ≤ 占比 ≤ 1 的减免额", "a waiver giving a share between 0 and 1")
        share = min(max(share, 0.0), 1.0)
    return float(share)


def has_lever(ctx: FundContext, key: str) -> bool:
    return f"{ctx.fund}.{key}" in ctx.levers.values


def employer_contributions(ctx: FundContext, count: np.ndarray, base_py: np.ndarray,
                           rate: np.ndarray | None = None):
    """Contributions of a payroll scheme with 2020-style relief and deferral, 万元.

    base_total = count × base_py × wage_index × base_factor / 10⁴ (万元);
    due = base_total × (employer + employee) × collection (``rate`` replaces employer + employee
    where the fund has a single effective rate, all of it the employer's);
    waived = employer due × relief_fraction(SME share, SME months, large-firm months);
    deferred(t) = deferral_share × (employer due − waived), repaid in t + 1 (none in the base
    year, whose contributions are as reported).
    Returns (contributions, waived, base_total, due), each ``(batch, n_years)``.
    """
    base_total = count * (base_py / YUAN_PER_WAN) * ctx.wage_index * ctx.base_factor
    collection = ctx.lever("collection_rate")
    if rate is None:
        employer = ctx.lever("employer_rate")
        employee = ctx.lever("employee_rate") if has_lever(ctx, "employee_rate") else 0.0
    else:
        employer, employee = rate, 0.0
    employer_due = base_total * employer * collection
    due = employer_due + base_total * employee * collection
    if has_lever(ctx, "relief_sme_months"):
        waived = employer_due * relief_fraction(ctx.lever("relief_sme_share"),
                                                ctx.lever("relief_sme_months"),
                                                ctx.lever("relief_large_months"))
    else:
        waived = np.zeros_like(due)
    contributions = due - waived
    if has_lever(ctx, "deferral_share"):
        deferred = ctx.lever("deferral_share") * (employer_due - waived)
        # the base year's contributions are the report's: a deferral in them is not re-modelled
        deferred[:, 0] = 0.0
        contributions = contributions - deferred
        contributions[:, 1:] += deferred[:, :-1]
    return contributions, waived, base_total, due


def split_item(name: str, value: float, driver: float) -> dict[str, float]:
    """Calibrate an item that follows a driver: ``{name_ratio: value/driver, name_level: 0}``; where
    the base-year driver is zero the item keeps its base-year amount instead, indexed to wages
    (``{name_ratio: 0, name_level: value}``), so no stated figure is lost."""
    if driver:
        return {f"{name}_ratio": value / driver, f"{name}_level": 0.0}
    return {f"{name}_ratio": 0.0, f"{name}_level": value}


def follow(params: Mapping[str, float], name: str, driver: np.ndarray, wage_index: np.ndarray) -> np.ndarray:
    """Project an item calibrated by :func:`split_item`: ratio × driver + level × wage index."""
    return params[f"{name}_ratio"] * driver + params[f"{name}_level"] * wage_index


def other_income(params: Mapping[str, float], driver: np.ndarray, wage_index: np.ndarray) -> dict[str, np.ndarray]:
    """The two income items that follow contributions: ``other_income`` and ``transfer_in``
    (see :func:`split_item`), 万元, ``(batch, n_years)``."""
    return {"other_income": follow(params, "other_income", driver, wage_index),
            "transfer_in": follow(params, "transfer_in", driver, wage_index)}
