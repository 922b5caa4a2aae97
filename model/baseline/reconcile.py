"""Reconciliation: every identity a region's report implies, checked; one consistent set adopted.

A report states the same quantity several times (a 万元 table, prose in 亿元 rounded to two
decimals) and relates quantities to each other (items add to totals, income − expenditure is the
current balance, change ÷ prior level is growth, head count × per-capita amount is spending).
:func:`reconcile` checks each such relation among the stated figures and returns
:class:`Finding` objects, then adopts one value per quantity so that every identity of the
baseline holds exactly.

Precision. A figure printed with d decimals in unit u stands for an interval of ± ½·10⁻ᵈ·u
(``model.units.tolerance``): 0.37亿元 is 3700 ± 50万元. An implied value carries the tolerance of
its inputs propagated linearly (:class:`Q`). A check compares stated s (tolerance tₛ) with
implied i (tolerance tᵢ):

- ``ok``        |s − i| ≤ tₛ          (s is i correctly rounded)
- ``rounding``  |s − i| ≤ tₛ + tᵢ     (explained by the rounding of the inputs)
- ``conflict``  otherwise.

``gap_in_tolerance`` = |s − i| / (tₛ + tᵢ).

Adoption policy (the same for every region; editorial exceptions live in the region's
``adoption.toml`` and carry their reasons):

1. For each quantity the most precise statement wins (the 万元 table over 亿元 prose). Equally
   precise statements that differ: the region's [[choice]] if given, else the midpoint of their
   common interval, else their mean (reported as a conflict). A statement 10⁴ off in scale is
   never adopted.
2. A composite (``benefit_spending``) with exactly one unstated component determines it.
3. Items that miss their total by more than rounding are first tested for a decimal slip of
   one item (×10 or ÷10); if exactly one slip closes the gap it is corrected.
4. The remaining residual total − Σ items goes to the item a [[residual]] rule names; else,
   when within the items' rounding, it is spread over the stated items in proportion to their
   squared tolerances (least-squares: precise items barely move); else it goes to
   ``other_income`` / ``other_expenditure``, kept visible.
5. Per-capita amounts that multiply head counts to a spending item are re-derived from the
   adopted money and head count, so that count × amount = spending holds exactly.

Command line: ``python -m model reconcile [--lang en] [--format json] [--region PATH]``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from model.baseline import region as region_module
from model.baseline.region import (BENEFIT_SPENDING, FUND_NAMES, FUNDS, GROUP_TOTALS, KEYS, TOTAL, Figure,
                                   Region, group_lines, section_items)

SEVERITIES = ("ok", "rounding", "conflict")
MONTHS = 12
YUAN_PER_WAN = 1.0e4


@dataclass(frozen=True)
class Q:
    """A value with an absolute tolerance; arithmetic propagates tolerances linearly."""

    value: float
    tol: float = 0.0

    def __add__(self, other: Q) -> Q:
        return Q(self.value + other.value, self.tol + other.tol)

    def __sub__(self, other: Q) -> Q:
        return Q(self.value - other.value, self.tol + other.tol)

    def __mul__(self, other: Q | float) -> Q:
        other = other if isinstance(other, Q) else Q(float(other))
        return Q(self.value * other.value, abs(other.value) * self.tol + abs(self.value) * other.tol)

    def __truediv__(self, other: Q | float) -> Q:
        other = other if isinstance(other, Q) else Q(float(other))
        return Q(self.value / other.value,
                 self.tol / abs(other.value) + abs(self.value) * other.tol / other.value ** 2)


def q(figure: Figure) -> Q:
    return Q(figure.value, figure.tolerance)


@dataclass(frozen=True)
class FigureRef:
    """Where a figure stands: section, quote, text and unit as printed."""

    fund: str
    period: str
    key: str
    section: str
    quote: str
    text: str
    unit: str
    row: int


def ref(figure: Figure) -> FigureRef:
    return FigureRef(figure.fund, figure.period, figure.key, figure.section, figure.quote,
                     figure.text, figure.unit, figure.row)


@dataclass(frozen=True)
class Finding:
    """One checked relation. Values are in ``unit`` (万元, 人, 元/月 or fraction)."""

    id: str
    fund: str
    check: str
    title_zh: str
    title_en: str
    figures: tuple[FigureRef, ...]
    stated: float | None
    implied: float | None
    unit: str
    gap: float | None
    tolerance: float
    gap_in_tolerance: float | None
    severity: str
    adopted: float | None
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class Adopted:
    """The value adopted for one quantity and the statements it rests on."""

    value: float
    tol: float
    sources: tuple[Figure, ...]

    @property
    def q(self) -> Q:
        return Q(self.value, self.tol)


@dataclass
class Reconciliation:
    """Findings plus the adopted base-year items, per fund and group (万元)."""

    region: Region
    findings: list[Finding] = field(default_factory=list)
    items: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    excluded_rows: set[int] = field(default_factory=set)
    tied_rows: set[int] = field(default_factory=set)
    _best: dict[tuple[str, str, str], Adopted | None] = field(default_factory=dict)

    def best(self, fund: str, period: str, key: str) -> Adopted | None:
        """The adopted statement of one quantity (policy step 1), or None if never stated."""
        ident = (fund, period, key)
        if ident not in self._best:
            self._best[ident] = _choose(self, fund, period, key)
        return self._best[ident]


def _unit_of(key: str) -> str:
    kind = KEYS[key].kind
    return {"money": "万元", "count": "人", "per_capita_pm": "元/月", "rate": "fraction"}[kind]


def _judge(stated: Q, implied: Q) -> tuple[float, float, float | None, str]:
    gap = stated.value - implied.value
    tol = stated.tol + implied.tol
    eps = 1e-9 * max(1.0, abs(stated.value), abs(implied.value))
    if abs(gap) <= stated.tol + eps:
        severity = "ok"
    elif abs(gap) <= tol + eps:
        severity = "rounding"
    else:
        severity = "conflict"
    return gap, tol, (abs(gap) / tol if tol > 0 else None), severity


def _add(rec: Reconciliation, *, id: str, fund: str, check: str, title: tuple[str, str],
         figures: list[Figure], stated: Q | None, implied: Q | None, unit: str,
         adopted: float | None, why: tuple[str, str], severity: str | None = None) -> Finding:
    if stated is not None and implied is not None:
        gap, tol, gap_tol, judged = _judge(stated, implied)
    else:
        gap, tol, gap_tol, judged = None, 0.0, None, "ok"
    finding = Finding(
        id=id, fund=fund, check=check, title_zh=title[0], title_en=title[1],
        figures=tuple(ref(f) for f in figures),
        stated=None if stated is None else stated.value,
        implied=None if implied is None else implied.value, unit=unit, gap=gap, tolerance=tol,
        gap_in_tolerance=gap_tol, severity=severity or judged, adopted=adopted,
        why_zh=why[0], why_en=why[1])
    rec.findings.append(finding)
    return finding


def _name(fund: str, key: str, lang: int) -> str:
    return f"{FUND_NAMES[fund][lang]} {KEYS[key].zh if lang == 0 else KEYS[key].en}"


# --- step 0: statements off by 10⁴ -----------------------------------------------------------

def _unit_scale(rec: Reconciliation) -> None:
    region = rec.region
    for f in region.figures:
        slip = region_module.scale_slip(f, region.figures, region.by_fund_key)
        if slip is None:
            continue
        factor, reference = slip
        rescaled = Q(f.value * factor, f.tolerance * factor)
        rec.excluded_rows.add(f.row)
        match_zh, match_en = _period_match(rec, f, rescaled)
        unit_zh = (region_module._bigger_unit(f.unit) if factor > 1
                   else region_module._smaller_unit(f.unit))[0] or f.unit
        _add(rec, id=f"{f.fund}.{f.period}.{f.key}.unit_scale.r{f.row}", fund=f.fund, check="unit_scale",
             title=(f"单位错误：{_name(f.fund, f.key, 0)}（{f.period}）{f.text}{f.unit}",
                    f"unit slip: {_name(f.fund, f.key, 1)} ({f.period}) {f.text} {f.unit}"),
             figures=[f, reference], stated=rescaled, implied=q(reference), unit=_unit_of(f.key),
             adopted=None, severity="conflict",
             why=(f"按所写单位与其他陈述相差 {factor:g} 倍；按{unit_zh}读为 {rescaled.value:.6g}"
                  f"（上面“陈述”即此读法）。{match_zh}该陈述不予采用。",
                  f"off by ×{factor:g} against the other statements in the printed unit; read as {unit_zh} it "
                  f"is {rescaled.value:.6g} (the 'stated' value above). {match_en}The statement is not adopted."))


def _period_match(rec: Reconciliation, f: Figure, rescaled: Q) -> tuple[str, str]:
    """Say which period's most precise statement the rescaled value matches, if not its own."""
    for period in (rec.region.base_period, rec.region.prior_period, "budget"):
        others = [g for g in rec.region.statements(f.fund, period, f.key) if g is not f]
        if not others:
            continue
        best = min(others, key=lambda g: g.tolerance)
        if _judge(rescaled, q(best))[3] != "conflict":
            if period == f.period:
                return "与同期其他陈述一致。", "It then agrees with the other statements of the same period. "
            return (f"它等于 {period} 的数（{best.text}{best.unit}），而不是本期（{f.period}）的数。",
                    f"It then equals the {period} figure ({best.text} {best.unit}), not the {f.period} one. ")
    return "", ""


# --- step 1: the adopted statement of each quantity ------------------------------------------

DERIVED_SUFFIXES = ("_change", "_growth", "_execution")


def is_derived_key(key: str) -> bool:
    """Keys that follow from levels (changes, growth, execution, current balance)."""
    return key == "current_balance" or (key.endswith(DERIVED_SUFFIXES) and not key.endswith("_excl_exemption"))


def _from_levels(rec: Reconciliation, fund: str, period: str, key: str) -> Adopted | None:
    """A derived key computed from the adopted levels, or None if a level is missing."""
    base, prior = rec.region.base_period, rec.region.prior_period
    if key == "current_balance":
        income, spending = rec.best(fund, period, "income_total"), rec.best(fund, period, "expenditure_total")
        parts = (income, spending)
        result = None if None in parts else income.q - spending.q
    else:
        suffix = next(s for s in DERIVED_SUFFIXES if key.endswith(s))
        b = key[: -len(suffix)]
        level = rec.best(fund, base, b)
        other = rec.best(fund, "budget" if suffix == "_execution" else prior, b)
        parts = (level, other)
        if None in parts or period != base:
            return None
        if suffix == "_change":
            result = level.q - other.q
        elif suffix == "_growth":
            result = (level.q - other.q) / other.q
        else:
            result = level.q / other.q
    if result is None:
        return None
    return Adopted(result.value, result.tol, tuple(p.sources[0] for p in parts))


def _choose(rec: Reconciliation, fund: str, period: str, key: str) -> Adopted | None:
    if is_derived_key(key):
        derived = _from_levels(rec, fund, period, key)
        if derived is not None:
            return derived  # each statement is checked against it in _changes / _current_balances
    candidates = [f for f in rec.region.statements(fund, period, key) if f.row not in rec.excluded_rows]
    if not candidates:
        return None
    finest = min(f.tolerance for f in candidates)
    tied = [f for f in candidates if math.isclose(f.tolerance, finest, rel_tol=1e-9)]
    values = {f.value for f in tied}
    if len(values) == 1:
        return Adopted(tied[0].value, tied[0].tolerance, tuple(tied))
    unit = _unit_of(key)
    for choice in rec.region.choices:
        if (choice.fund, choice.period, choice.key) == (fund, period, key):
            chosen = [f for f in tied if f.section == choice.section and f.text == choice.value]
            if chosen:
                pick = chosen[0]
                others = [f for f in tied if f is not pick]
                for other in others:
                    rec.tied_rows.add(other.row)
                    _add(rec, id=f"{fund}.{period}.{key}.tie.r{other.row}", fund=fund, check="restatement",
                         title=(f"同精度陈述不一致：{_name(fund, key, 0)}（{period}）",
                                f"equally precise statements differ: {_name(fund, key, 1)} ({period})"),
                         figures=[other, pick], stated=q(other), implied=q(pick), unit=unit,
                         adopted=pick.value, why=(choice.why_zh, choice.why_en))
                return Adopted(pick.value, pick.tolerance, (pick,))
    low = max(f.value - f.tolerance for f in tied)
    high = min(f.value + f.tolerance for f in tied)
    if low <= high + 1e-9:
        value, tol = (low + high) / 2, max(0.0, (high - low) / 2)
        why = (f"同精度陈述的区间交集中点 {value:.6g}", f"midpoint {value:.6g} of the equally precise statements' common interval")
    else:
        value = sum(f.value for f in tied) / len(tied)
        tol = finest
        why = (f"同精度陈述互不相容，取平均 {value:.6g}", f"equally precise statements are incompatible; their mean {value:.6g}")
    for f in tied:
        rec.tied_rows.add(f.row)
        _add(rec, id=f"{fund}.{period}.{key}.tie.r{f.row}", fund=fund, check="restatement",
             title=(f"同精度陈述不一致：{_name(fund, key, 0)}（{period}）",
                    f"equally precise statements differ: {_name(fund, key, 1)} ({period})"),
             figures=tied, stated=q(f), implied=Q(value, tol), unit=unit, adopted=value,
             why=(why[0] + "。", why[1] + "."))
    return Adopted(value, tol, tuple(tied))


def _restatements(rec: Reconciliation) -> None:
    """Every statement of a quantity against the adopted one (prose against table)."""
    seen = set()
    for f in rec.region.figures:
        ident = (f.fund, f.period, f.key)
        if ident in seen:
            continue
        seen.add(ident)
        adopted = rec.best(*ident)
        if adopted is None or is_derived_key(f.key):
            continue  # derived keys are checked against their levels, not restated
        for g in rec.region.statements(*ident):
            if g in adopted.sources or g.row in rec.excluded_rows or g.row in rec.tied_rows:
                continue  # the adopted statement itself, a unit slip, or a tie already reported
            source = adopted.sources[0]
            _add(rec, id=f"{f.fund}.{f.period}.{f.key}.restatement.r{g.row}", fund=f.fund,
                 check="restatement",
                 title=(f"重复陈述：{_name(f.fund, f.key, 0)}（{f.period}）{g.text}{g.unit}",
                        f"restated: {_name(f.fund, f.key, 1)} ({f.period}) {g.text} {g.unit}"),
                 figures=[g, source], stated=q(g), implied=adopted.q, unit=_unit_of(f.key),
                 adopted=adopted.value,
                 why=(f"采用更精确的陈述 {source.section}「{source.text}{source.unit}」。",
                      f"the more precise statement {source.section} ({source.text} {source.unit}) is adopted."))


# --- step 2: sums ----------------------------------------------------------------------------

def _section_sums(rec: Reconciliation) -> None:
    """Items listed in one section against the total stated in the same section."""
    sections: dict[tuple[str, str, str], list[Figure]] = {}
    for f in rec.region.figures:
        if f.row not in rec.excluded_rows:
            sections.setdefault((f.fund, f.period, f.section), []).append(f)
    for (fund, period, section), figures in sections.items():
        if fund == TOTAL:
            continue
        for group, total_key in GROUP_TOTALS.items():
            totals = [f for f in figures if f.key == total_key]
            items = section_items(fund, group, figures)
            if not totals or not items:
                continue
            total = totals[0]
            stated = Q(sum(f.value for f in items), sum(f.tolerance for f in items))
            listing = " + ".join(f"{f.text}" for f in items)
            finding = _add(
                rec, id=f"{fund}.{period}.{group}.items_sum.{section}", fund=fund, check="items_sum",
                title=(f"分项之和：{FUND_NAMES[fund][0]} {section} {listing} 对 总额 {total.text}{total.unit}",
                       f"items add up: {FUND_NAMES[fund][1]} {section} {listing} vs total {total.text} {total.unit}"),
                figures=items + [total], stated=stated, implied=q(total), unit="万元", adopted=None,
                why=("", ""))
            if finding.severity == "conflict":
                short = finding.gap < 0
                zh = ("分项合计少于总额，或有未列出的分项；" if short else "分项合计超过总额，至少一个分项有误；")
                en = ("the items fall short of the total; an item may be unlisted. " if short
                      else "the items exceed the total; at least one item is wrong. ")
                _replace_why(rec, finding, zh + "采用值见“采纳”一项。", en + "See the adoption finding for the adopted items.")


def _replace_why(rec: Reconciliation, finding: Finding, zh: str, en: str) -> None:
    index = rec.findings.index(finding)
    rec.findings[index] = Finding(**{**finding.__dict__, "why_zh": zh, "why_en": en})


ADDITIVE = ("income_total", "expenditure_total", "current_balance", "balance_end", "contributions",
            "fiscal_subsidy", "income_total_change", "expenditure_total_change", "exemption",
            "upper_subsidy_in", "lower_remit_in", "central_in", "lower_subsidy_out", "upper_remit_out",
            "central_out")


def _fund_sums(rec: Reconciliation) -> None:
    """Each statement for all funds (合计) against the sum of the funds' adopted values."""
    for f in rec.region.figures:
        if f.fund != TOTAL or f.key not in ADDITIVE or f.row in rec.excluded_rows or is_derived_key(f.key):
            continue  # derived totals are checked against the total levels directly
        # the funds the key applies to (the central adjustment lines: the employee pensions)
        parts = [rec.best(fund, f.period, f.key) for fund in FUNDS if fund in KEYS[f.key].funds]
        if any(p is None for p in parts):
            continue
        implied = Q(sum(p.value for p in parts), sum(p.tol for p in parts))
        sources = [p.sources[0] for p in parts]
        _add(rec, id=f"total.{f.period}.{f.key}.funds_sum.r{f.row}", fund=TOTAL, check="funds_sum",
             title=(f"各险种之和：{KEYS[f.key].zh}（{f.period}）{f.section} {f.text}{f.unit}",
                    f"sum over funds: {KEYS[f.key].en} ({f.period}) {f.section} {f.text} {f.unit}"),
             figures=[f] + sources, stated=q(f), implied=implied, unit=_unit_of(f.key),
             adopted=sum(p.value for p in parts),
             why=("合计取各险种采用值之和。", "the total is the sum of the funds' adopted values."))


# --- step 3: relations between quantities ----------------------------------------------------

def _relation(rec: Reconciliation, f: Figure, check: str, implied: Q, inputs: list[Figure],
              title: tuple[str, str], why: tuple[str, str] = ("", "")) -> Finding:
    return _add(rec, id=f"{f.fund}.{f.period}.{f.key}.{check}.r{f.row}", fund=f.fund, check=check,
                title=title, figures=[f] + inputs, stated=q(f), implied=implied, unit=_unit_of(f.key),
                adopted=implied.value, why=why or ("", ""))


def _current_balances(rec: Reconciliation) -> None:
    for f in rec.region.figures:
        if f.key != "current_balance" or f.row in rec.excluded_rows:
            continue
        income = rec.best(f.fund, f.period, "income_total")
        spending = rec.best(f.fund, f.period, "expenditure_total")
        if income is None or spending is None:
            continue
        _relation(rec, f, "current_balance", income.q - spending.q,
                  [income.sources[0], spending.sources[0]],
                  (f"当期结余 = 收入 − 支出：{FUND_NAMES[f.fund][0]}（{f.period}）{f.text}{f.unit}",
                   f"current balance = income − expenditure: {FUND_NAMES[f.fund][1]} ({f.period}) {f.text} {f.unit}"),
                  ("采用收入减支出（均取最精确陈述）。", "income minus expenditure (most precise statements) is adopted."))


def _changes(rec: Reconciliation) -> None:
    """``<b>_change``, ``<b>_growth`` and ``<b>_execution`` against the levels of ``b``."""
    base, prior = rec.region.base_period, rec.region.prior_period
    for f in rec.region.figures:
        if f.row in rec.excluded_rows:
            continue
        for suffix in ("_change", "_growth", "_execution"):
            if not f.key.endswith(suffix) or f.key.endswith("_excl_exemption"):
                continue
            b = f.key[: -len(suffix)]
            level = rec.best(f.fund, base, b)
            if level is None:
                continue
            before = rec.best(f.fund, prior, b)
            names = (_name(f.fund, b, 0), _name(f.fund, b, 1))
            if suffix == "_execution":
                budget = rec.best(f.fund, "budget", b)
                if budget is None:
                    continue
                _relation(rec, f, "execution", level.q / budget.q, [level.sources[0], budget.sources[0]],
                          (f"预算执行率：{names[0]} {f.section} {f.text}%", f"budget execution: {names[1]} {f.section} {f.text}%"),
                          ("采用本年数 ÷ 预算数。", "base-year level ÷ budget is adopted."))
                continue
            if before is not None:
                change = level.q - before.q
                inputs = [level.sources[0], before.sources[0]]
                how = ("采用两年水平之差（最精确陈述）。", "the difference of the two years' levels is adopted.")
            else:  # only the paragraph's own change and level: check internal consistency
                stated_change = [g for g in rec.region.statements(f.fund, f.period, f"{b}_change")
                                 if g.section == f.section]
                if suffix == "_change" or not stated_change:
                    continue
                change = q(stated_change[0])
                before_q = level.q - change
                inputs = [stated_change[0], level.sources[0]]
                _relation(rec, f, "growth", change / before_q, inputs,
                          (f"增长率与增减额自洽：{names[0]} {f.section} {f.text}%",
                           f"growth consistent with the stated change: {names[1]} {f.section} {f.text}%"),
                          ("报告未给上年水平，按 增减额 ÷（本年 − 增减额）核对。",
                           "no prior-year level is stated; checked as change ÷ (level − change)."))
                continue
            if suffix == "_change":
                _relation(rec, f, "change", change, inputs,
                          (f"增减额：{names[0]} {f.section} {f.text}{f.unit}", f"change: {names[1]} {f.section} {f.text} {f.unit}"),
                          how)
            else:
                _relation(rec, f, "growth", change / before.q, inputs,
                          (f"增长率：{names[0]} {f.section} {f.text}%", f"growth: {names[1]} {f.section} {f.text}%"),
                          ("采用两年水平算出的增长率。", "growth computed from the two years' levels is adopted."))


def _exemptions(rec: Reconciliation) -> None:
    """剔除减免因素: contributions + exemption − prior contributions = stated change excluding it."""
    base, prior = rec.region.base_period, rec.region.prior_period
    for f in rec.region.figures:
        if f.key not in ("contributions_change_excl_exemption", "contributions_growth_excl_exemption"):
            continue
        same = lambda key: [g for g in rec.region.statements(f.fund, base, key) if g.section == f.section]
        contributions = same("contributions") or rec.region.statements(f.fund, base, "contributions")
        exemption = same("exemption") or rec.region.statements(f.fund, base, "exemption")
        if not contributions or not exemption:
            continue
        earlier = rec.best(f.fund, prior, "contributions")
        change = same("contributions_change")
        if earlier is not None:
            prior_q, prior_figs = earlier.q, list(earlier.sources[:1])
        elif change:
            prior_q, prior_figs = q(contributions[0]) - q(change[0]), [change[0]]
        else:
            continue
        implied_change = q(contributions[0]) + q(exemption[0]) - prior_q
        inputs = [contributions[0], exemption[0]] + prior_figs
        if f.key.endswith("change_excl_exemption"):
            _relation(rec, f, "exemption", implied_change, inputs,
                      (f"剔除减免：{FUND_NAMES[f.fund][0]} 保费 + 减免 − 上年保费 对 {f.text}{f.unit}",
                       f"exemption arithmetic: {FUND_NAMES[f.fund][1]} contributions + exemption − prior vs {f.text} {f.unit}"),
                      (f"上年保费 = 本年 − 增减额 = {prior_q.value:.6g} 万元。",
                       f"prior contributions = level − change = {prior_q.value:.6g} 万元."))
        else:
            stated_change = same("contributions_change_excl_exemption")
            if stated_change:  # the growth is checked against the paragraph's own change
                implied_change, inputs = q(stated_change[0]), [stated_change[0]] + prior_figs
            _relation(rec, f, "exemption", implied_change / prior_q, inputs,
                      (f"剔除减免后增长率：{FUND_NAMES[f.fund][0]} {f.text}%",
                       f"growth excluding the exemption: {FUND_NAMES[f.fund][1]} {f.text}%"),
                      ("（保费 + 减免 − 上年保费）÷ 上年保费。", "(contributions + exemption − prior) ÷ prior."))


def _head_count(rec: Reconciliation, fund: str, period: str) -> Adopted | None:
    for key in ("retirees", "recipients"):
        adopted = rec.best(fund, period, key)
        if adopted is not None:
            return adopted
    return None


def recipient_months_source(rec: Reconciliation, fund: str, period: str) -> Adopted | None:
    """Recipient-months: stated, else the medical-premium person-times (one per benefit month)."""
    return rec.best(fund, period, "recipient_months") or rec.best(fund, period, "medical_premium_person_times")


def _per_capita(rec: Reconciliation) -> None:
    base, prior = rec.region.base_period, rec.region.prior_period
    for f in rec.region.figures:
        if f.row in rec.excluded_rows:
            continue
        fund, period = f.fund, f.period
        if f.key == "pension_pp_pm":
            pensions, heads = rec.best(fund, period, "pension_benefits"), _head_count(rec, fund, period)
            if pensions and heads:
                _relation(rec, f, "per_capita", pensions.q * YUAN_PER_WAN / heads.q / MONTHS,
                          [pensions.sources[0], heads.sources[0]],
                          (f"人均月养老金 = 养老金支出 ÷ 人数 ÷ 12：{FUND_NAMES[fund][0]} {f.text}元",
                           f"pension per month = pensions ÷ persons ÷ 12: {FUND_NAMES[fund][1]} {f.text} 元"),
                          ("采用由支出与人数推出的值，使 人数 × 人均 × 12 = 支出 精确成立。",
                           "the value implied by spending and head count is adopted so that count × amount × 12 = spending."))
        elif f.key == "benefit_pp_pm" and period == base:
            benefits, months = rec.best(fund, period, "unemployment_benefits"), recipient_months_source(rec, fund, period)
            if benefits and months:
                implied = benefits.q * YUAN_PER_WAN / months.q
                finding = _relation(rec, f, "per_capita", implied, [benefits.sources[0], months.sources[0]],
                                    (f"人均月失业金 = 失业保险金 ÷ 领取人月：{f.text}元/月",
                                     f"benefit per month = benefits ÷ recipient-months: {f.text} 元/月"),
                                    ("", ""))
                slip = _decimal_slip(f.value, implied.value)
                zh = (f"代缴医保人次（{months.sources[0].text}）作领取人月的代理。" if months.sources[0].key != "recipient_months" else "")
                en = (f"medical-premium person-times ({months.sources[0].text}) stand in for recipient-months. "
                      if months.sources[0].key != "recipient_months" else "")
                if slip and finding.severity == "conflict":
                    zh += (f"像是小数点错位：{f.text} × {slip:g} = {f.value * slip:.6g} 元/月，与推算值相差 "
                           f"{(f.value * slip / implied.value - 1) * 100:.1f}%。")
                    en += (f"looks like a decimal slip: {f.text} × {slip:g} = {f.value * slip:.6g} 元/月, "
                           f"{(f.value * slip / implied.value - 1) * 100:.1f}% from the implied value. ")
                _replace_why(rec, finding, zh + "采用推算值（万元金额更可靠）。", en + "The implied value is adopted (the 万元 amount is the firmer figure).")
        elif f.key == "benefit_spending" and fund == "unemployment" and period == base:
            benefits, months = rec.best(fund, period, "unemployment_benefits"), recipient_months_source(rec, fund, period)
            premium = rec.best(fund, period, "medical_premium_pp_pm") or rec.best(fund, "budget", "medical_premium_pp_pm")
            if benefits and months and premium:
                implied = benefits.q + months.q * premium.q / YUAN_PER_WAN
                budget_note = premium.sources[0].period != period
                _relation(rec, f, "composite", implied, [benefits.sources[0], months.sources[0], premium.sources[0]],
                          (f"待遇支出 = 失业保险金 + 人次 × 月人均医保费：{f.text}{f.unit}",
                           f"benefit spending = benefits + person-times × premium per month: {f.text} {f.unit}"),
                          (("月人均医保费取预算数；" if budget_note else "") + "待遇支出按失业保险金加代缴医保费理解。",
                           ("the premium per month is the budget figure; " if budget_note else "")
                           + "benefit spending is read as benefits plus medical premiums."))
        elif f.key == "spending_increase_from_adjustment":
            step, earlier = rec.best(fund, period, "adjustment_pp_pm"), rec.best(fund, prior, "retirees")
            if step and earlier:
                _relation(rec, f, "effect", step.q * MONTHS * earlier.q / YUAN_PER_WAN,
                          [step.sources[0], earlier.sources[0]],
                          (f"调待增支 = 人均月增 × 12 × 上年退休人数：{FUND_NAMES[fund][0]} {f.text}{f.unit}",
                           f"adjustment cost = increase per month × 12 × prior retirees: {FUND_NAMES[fund][1]} {f.text} {f.unit}"),
                          ("核对用，不进入基线。", "a check only; not part of the baseline."))
        elif f.key == "spending_increase_from_headcount":
            change = rec.best(fund, base, "retirees_change")
            pensions, heads = rec.best(fund, base, "pension_benefits"), rec.best(fund, base, "retirees")
            if change and pensions and heads:
                average = pensions.q / heads.q  # 万元 per retiree-year
                _relation(rec, f, "effect", change.q * average, [change.sources[0], pensions.sources[0], heads.sources[0]],
                          (f"增人增支 = 增加人数 × 人均年养老金：{FUND_NAMES[fund][0]} {f.text}{f.unit}",
                           f"head-count cost = extra retirees × average pension per year: {FUND_NAMES[fund][1]} {f.text} {f.unit}"),
                          ("按全年人均计，新增人员若年中退休则约为一半。核对用，不进入基线。",
                           "at a full year's average pension; retirees joining mid-year cost about half. A check only."))
        elif f.key == "adjustment_rate":
            step, pensions, heads = (rec.best(fund, period, "adjustment_pp_pm"),
                                     rec.best(fund, period, "pension_benefits"), rec.best(fund, period, "retirees"))
            if step and pensions and heads:
                average = pensions.q * YUAN_PER_WAN / heads.q / MONTHS
                implied = step.q / (average - step.q)
                _relation(rec, f, "per_capita", implied, [step.sources[0], pensions.sources[0], heads.sources[0]],
                          (f"调整幅度 = 人均月增 ÷ 调整前人均月养老金：{FUND_NAMES[fund][0]} {f.text}%",
                           f"adjustment rate = increase ÷ pension before it: {FUND_NAMES[fund][1]} {f.text}%"),
                          (f"调整前人均 = 本年人均 {average.value:.0f} 元 − 增加额；本年人均含新退休人员与年中变动，属合理性核对。采用所述幅度。",
                           f"pension before = this year's average {average.value:.0f} 元 − the increase; the average includes "
                           "new retirees and mid-year movements, so this is a plausibility check. The stated rate is adopted."))
    _effects_against_change(rec)


def _decimal_slip(stated: float, implied: float) -> float | None:
    """The power of ten (×10, ×100, ÷10, ÷100) that brings ``stated`` within 5% of ``implied``."""
    for factor in (10.0, 100.0, 0.1, 0.01):
        if implied and abs(stated * factor / implied - 1) <= 0.05:
            return factor
    return None


def _effects_against_change(rec: Reconciliation) -> None:
    """The parts of a spending increase the report names cannot exceed the whole increase."""
    base, prior = rec.region.base_period, rec.region.prior_period
    for fund in FUNDS:
        parts = [rec.region.statements(fund, base, key)
                 for key in ("spending_increase_from_headcount", "spending_increase_from_adjustment")]
        parts = [p[0] for p in parts if p]
        now, before = rec.best(fund, base, "expenditure_total"), rec.best(fund, prior, "expenditure_total")
        if len(parts) < 2 or now is None or before is None:
            continue
        stated = Q(sum(p.value for p in parts), sum(p.tolerance for p in parts))
        whole = now.q - before.q
        excess = stated.value - whole.value
        severity = "conflict" if excess > stated.tol + whole.tol else "ok"
        _add(rec, id=f"{fund}.{base}.effects_vs_change", fund=fund, check="effect",
             title=(f"增支因素之和不超过总增支：{FUND_NAMES[fund][0]} "
                    + " + ".join(f"{p.text}{p.unit}" for p in parts),
                    f"named causes of the increase within the whole increase: {FUND_NAMES[fund][1]} "
                    + " + ".join(f"{p.text} {p.unit}" for p in parts)),
             figures=parts + [now.sources[0], before.sources[0]], stated=stated, implied=whole, unit="万元",
             adopted=None, severity=severity,
             why=("人数增加与待遇调整两项之和应不超过支出总增加额（其余为丧葬、转移等）。",
                  "the head-count and adjustment effects together should not exceed the total increase "
                  "(the rest is funeral grants, transfers and so on)."))


def _budget_roll(rec: Reconciliation) -> None:
    """Budget year-end balance = actual start balance + budget income − budget expenditure."""
    base = rec.region.base_period
    for f in rec.region.figures:
        if f.key != "balance_end" or f.period != "budget" or f.row in rec.excluded_rows:
            continue
        end, income, spending = (rec.best(f.fund, base, k) for k in ("balance_end", "income_total", "expenditure_total"))
        b_income, b_spending = (rec.best(f.fund, "budget", k) for k in ("income_total", "expenditure_total"))
        if None in (end, income, spending, b_income, b_spending):
            continue
        start = end.q - (income.q - spending.q)
        _relation(rec, f, "balance_roll", start + b_income.q - b_spending.q,
                  [end.sources[0], income.sources[0], spending.sources[0], b_income.sources[0], b_spending.sources[0]],
                  (f"预算年末结余 = 上年末结余 + 预算收入 − 预算支出：{FUND_NAMES[f.fund][0]} {f.text}{f.unit}",
                   f"budget year-end balance = prior year-end + budget income − budget expenditure: "
                   f"{FUND_NAMES[f.fund][1]} {f.text} {f.unit}"),
                  (f"上年末结余由本年末结余倒推为 {start.value:.6g} 万元；编预算时所用的期初数可能不同。",
                   f"the prior year-end balance, derived back from this year's, is {start.value:.6g} 万元; the budget "
                   "may have assumed another opening balance."))


# --- step 4: adoption of the base-year items --------------------------------------------------

def _adopt_items(rec: Reconciliation) -> None:
    base = rec.region.base_period
    for fund in FUNDS:
        rec.items[fund] = {}
        for group, total_key in GROUP_TOTALS.items():
            rec.items[fund][group] = _adopt_group(rec, fund, base, group, total_key)


def _adopt_group(rec: Reconciliation, fund: str, period: str, group: str, total_key: str) -> dict[str, float]:
    keys = group_lines(fund, group)   # the fund's items and its transfer lines
    other_key = "other_income" if group == "income" else "other_expenditure"
    total = rec.best(fund, period, total_key)
    values: dict[str, float] = {}
    tols: dict[str, float] = {}
    sources: list[Figure] = []
    for key in keys:
        adopted = rec.best(fund, period, key)
        if adopted is not None:
            values[key], tols[key] = adopted.value, adopted.tol
            sources.append(adopted.sources[0])
    if group == "expenditure":
        composite = rec.best(fund, period, "benefit_spending")
        missing = [k for k in BENEFIT_SPENDING[fund] if k not in values]
        if composite is not None and len(missing) == 1:
            known = [k for k in BENEFIT_SPENDING[fund] if k in values]
            values[missing[0]] = composite.value - sum(values[k] for k in known)
            tols[missing[0]] = composite.tol + sum(tols[k] for k in known)
            sources.append(composite.sources[0])
            _add(rec, id=f"{fund}.{period}.{missing[0]}.composite", fund=fund, check="composite",
                 title=(f"由待遇支出推出：{_name(fund, missing[0], 0)} = {composite.sources[0].text}{composite.sources[0].unit} − "
                        + " − ".join(f"{values[k]:.6g}万元" for k in known),
                        f"derived from benefit spending: {_name(fund, missing[0], 1)} = "
                        f"{composite.sources[0].text} {composite.sources[0].unit} − "
                        + " − ".join(f"{values[k]:.6g} 万元" for k in known)),
                 figures=[composite.sources[0]], stated=None, implied=None, unit="万元",
                 adopted=values[missing[0]],
                 why=(f"待遇支出 = {' + '.join(KEYS[k].zh for k in BENEFIT_SPENDING[fund])}（约定），唯一未列出的分项由差额得出。",
                      f"benefit spending = {' + '.join(KEYS[k].en for k in BENEFIT_SPENDING[fund])} (a convention); "
                      "the one unlisted component is the difference."))
    if total is None:
        return {k: values.get(k, 0.0) for k in keys}
    residual = total.value - sum(values.values())
    slack = total.tol + sum(tols.values())
    if abs(residual) > slack:
        _try_decimal_slip(rec, fund, period, group, total, values, tols)
        residual = total.value - sum(values.values())
    rule = next((r for r in rec.region.residual_rules
                 if (r.fund, r.period, r.group) == (fund, period, group)), None)
    stated_sum = Q(sum(values.values()), sum(tols.values()))
    item_tol = sum(tols.values())
    if not values:
        values[other_key] = total.value
        _add(rec, id=f"{fund}.{period}.{group}.adoption", fund=fund, check="adoption",
             title=(f"采纳：{FUND_NAMES[fund][0]} {'收入' if group == 'income' else '支出'}无分项",
                    f"adoption: {FUND_NAMES[fund][1]} {group} has no items"),
             figures=[total.sources[0]], stated=None, implied=None, unit="万元", adopted=total.value,
             why=(f"未陈述任何分项；总额全部记为{KEYS[other_key].zh}，分项结构未知。",
                  f"no item is stated; the whole total is kept as {KEYS[other_key].en} and the breakdown is unknown."))
        return {k: values.get(k, 0.0) for k in keys}
    if abs(residual) < 1e-9:
        how = ("分项之和等于总额，按所述采用。", "the items add up to the total; adopted as stated.")
        target = None
    elif rule is not None:
        values[rule.to] = values.get(rule.to, 0.0) + residual
        how, target = (rule.why_zh, rule.why_en), rule.to
    elif abs(residual) <= item_tol + 1e-9 and item_tol > 0:
        weights = {k: t ** 2 for k, t in tols.items()}
        scale = sum(weights.values())
        for k in values:
            values[k] += residual * weights[k] / scale
        how = (f"差额 {residual:.6g} 万元在舍入范围内，按各分项容差平方的比例摊入（精确的分项几乎不动）。",
               f"the residual {residual:.6g} 万元 is within rounding; spread over the items in proportion to their "
               "squared tolerances (precise items barely move).")
        target = None
    else:
        values[other_key] = values.get(other_key, 0.0) + residual
        how = (f"差额 {residual:.6g} 万元超出舍入，单列入{KEYS[other_key].zh}。",
               f"the residual {residual:.6g} 万元 exceeds rounding and is kept as {KEYS[other_key].en}.")
        target = other_key
    _add(rec, id=f"{fund}.{period}.{group}.adoption", fund=fund, check="adoption",
         title=(f"采纳：{FUND_NAMES[fund][0]} {'收入' if group == 'income' else '支出'}分项对 总额 {total.value:.6g} 万元",
                f"adoption: {FUND_NAMES[fund][1]} {group} items vs total {total.value:.6g} 万元"),
         figures=sources + [total.sources[0]], stated=stated_sum, implied=total.q, unit="万元",
         adopted=None if target is None else values[target], why=how)
    return {k: values.get(k, 0.0) for k in keys}


def _try_decimal_slip(rec: Reconciliation, fund: str, period: str, group: str, total: Adopted,
                      values: dict[str, float], tols: dict[str, float]) -> None:
    candidates = []  # (gap in tolerances after the correction, key, factor)
    for key in values:
        for factor in (0.1, 10.0):
            trial = sum(values.values()) - values[key] + values[key] * factor
            slack = total.tol + sum(tols.values()) - tols[key] + tols[key] * factor
            if abs(total.value - trial) <= slack:
                candidates.append((abs(total.value - trial) / slack, key, factor))
    candidates.sort()
    # Adopt a correction only if it fits clearly better than any other (half the gap or less).
    if not candidates or (len(candidates) > 1 and candidates[0][0] > 0.5 * candidates[1][0]):
        return
    _, key, factor = candidates[0]
    source = rec.best(fund, period, key).sources[0]
    before = values[key]
    values[key] *= factor
    tols[key] *= factor
    _add(rec, id=f"{fund}.{period}.{key}.decimal_slip", fund=fund, check="decimal_slip",
         title=(f"小数点错位：{_name(fund, key, 0)} {source.text}{source.unit}",
                f"decimal slip: {_name(fund, key, 1)} {source.text} {source.unit}"),
         figures=[source, total.sources[0]], stated=Q(before, tols[key] / factor),
         implied=Q(values[key], tols[key]), unit="万元", adopted=values[key], severity="conflict",
         why=(f"分项与总额相差超出舍入；该项 × {factor:g} 后分项之和落在舍入范围内，且比其他任何单项更正都吻合得多，"
              f"按 {values[key]:.6g} 万元采用。",
              f"the items miss their total beyond rounding; this item × {factor:g} brings the sum within rounding, "
              f"far closer than correcting any other item, so {values[key]:.6g} 万元 is adopted."))


# --- entry point ---------------------------------------------------------------------------------

def reconcile(region: Region) -> Reconciliation:
    """Check every identity among the region's statements and adopt the base-year items."""
    rec = Reconciliation(region=region)
    _unit_scale(rec)
    for f in region.figures:  # settle ties (and their findings) in file order
        rec.best(f.fund, f.period, f.key)
    _restatements(rec)
    _section_sums(rec)
    _fund_sums(rec)
    _current_balances(rec)
    _changes(rec)
    _exemptions(rec)
    _per_capita(rec)
    _budget_roll(rec)
    _adopt_items(rec)
    return rec
