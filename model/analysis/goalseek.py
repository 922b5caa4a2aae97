"""Goal-seek: the policy value at which a fund just meets a constraint.

Four questions, each a one-dimensional search on a response that is monotone in the lever:

- ``fee_cut`` — the largest cut of a fund's contribution rate from ``start`` on that keeps
  payable months ≥ N in every year from ``start`` to ``through``. The cut is in points of the
  employer rate (enterprise and public pension), points of the total rate split evenly between
  employer and employee (unemployment), or a share of the 2020 effective rate (work injury,
  lever ``work_injury.rate_cut``). The resident pension has no contribution rate.
- ``balancing_rate`` — the constant contribution rate from ``start`` at which the accumulated
  balance in ``through`` returns to its base-year level (the period balancing rate, interest
  included): employer + employee for the pension funds (employee rate kept), the total rate for
  unemployment, and for work injury the share of the 2020 effective rate that is needed
  (at most 1: the catalogue has no lever to raise it).
- ``min_subsidy`` — the smallest fiscal subsidy, as a constant share of expenditure from
  ``start`` (the ``share_of_expenditure`` subsidy rule), that keeps payable months ≥ N every year
  to ``through``; reported with the 万元 it means in ``start`` and in ``through``.
- ``max_adjustment`` — the largest constant pension adjustment rate from ``start`` that keeps the
  accumulated balance ≥ 0 every year to ``through`` (enterprise and public pension, work-injury
  long-term benefits).

Method: one batched engine call on a grid of :data:`GRID_POINTS` values across the search range
finds where the constraint flips; each further batched call puts :data:`REFINE_POINTS` values
across the bracket of the flip and keeps the sub-bracket where it flips again, so the bracket
shrinks 32-fold per call (three calls from a 17-point grid to 1e-6 on a range of 0.1). When it is
narrower than ``xtol`` the answer is its end on the feasible side, a value the engine has run,
with its own margin and binding year. (A one-member root finder needs 8–12 calls for the same
width and a few more to step onto the feasible side; a batched call of 33 members costs about as
much as one of a single member, whose time is mostly fixed.)
If every value in the range satisfies the constraint, or none does, the result says so in plain
words instead of giving a number. The binding year is the year in which the constraint is
tightest at the answer.

See also: ``model.analysis.compare`` (engine access), ``model.scenarios.library`` (the base scenario).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from model.analysis.compare import FUNDS
from model.engine.cache import get_engine
from model.errors import ProblemList
from model.scenarios.levers import PathValue, catalogue
from model.baseline.region import FUND_NAMES
from model.scenarios.library import SCENARIO_DIR, Scenario, load_scenario, merge_path

QUESTIONS = ("fee_cut", "balancing_rate", "min_subsidy", "max_adjustment")
GRID_POINTS = 17
REFINE_POINTS = 33
DEFAULT_START = {"fee_cut": 2022, "balancing_rate": 2022, "min_subsidy": 2022,
                 "max_adjustment": 2026}
# fund names as the region format declares them, English in lower case mid-sentence
FUND_LABELS = {fund: (zh, en[0].lower() + en[1:]) for fund, (zh, en) in FUND_NAMES.items()}


@dataclass(frozen=True)
class Knob:
    """One searchable policy value ``x`` in [lo, hi] and the lever overrides it means."""

    name_zh: str
    name_en: str
    unit: str
    lo: float
    hi: float
    overrides: Callable[[float], dict[str, PathValue]]


@dataclass(frozen=True)
class GoalSeekResult:
    """The answer to one question. ``status`` is ``solved`` (``value`` is the boundary),
    ``all_satisfy`` (every value in the range meets the constraint; ``value`` is the range end
    most favourable to the question), ``none_satisfy`` (``value`` is None) or
    ``not_applicable``."""

    question: str
    fund: str
    status: str
    value: float | None
    unit: str
    binding_year: int | None
    message_zh: str
    message_en: str
    search_range: tuple[float, float]
    evaluations: int
    engine_calls: int
    overrides: dict[str, PathValue] = field(default_factory=dict)
    details: dict[str, float] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message_en


@dataclass
class _Problem:
    """A question set up for the search: knob, margin function and direction."""

    knob: Knob
    margin: Callable[[object, np.ndarray], tuple[np.ndarray, np.ndarray]]  # (result, cols)
    increasing: bool  # margin rises with x (feasible set is [x*, hi]) or falls ([lo, x*])
    constraint_zh: str
    constraint_en: str
    min_months: float = 0.0


# ------------------------------------------------------------------ knobs


def _value_at(engine, base: Scenario, name: str, year: int, end: int) -> float:
    """The base scenario's value of lever ``name`` in ``year`` (defaults and calibration filled)."""
    arr = engine.levers([{name: base.resolved[name]} if name in base.resolved else {}], end)[name]
    return float(arr[0, year - engine.base_year])


def _with(base: Scenario, start: int, values: Mapping[str, float]) -> dict[str, PathValue]:
    """The base's overrides with each lever set to ``value`` from ``start`` on."""
    out = dict(base.resolved)
    specs = catalogue()
    for name, value in values.items():
        if specs[name].path:
            out[name] = merge_path(out.get(name), {start: float(value)})
        else:
            out[name] = float(value)
    return out


def contribution_knob(engine, fund: str, base: Scenario, start: int, end: int,
                      as_cut: bool) -> Knob | None:
    """The fund's contribution rate as a search variable: the rate itself (``as_cut`` False) or
    its cut from the level in ``start`` (True). None for the resident pension."""
    if fund in ("enterprise_pension", "public_pension"):
        er, ee = f"{fund}.employer_rate", f"{fund}.employee_rate"
        current = _value_at(engine, base, er, start, end)
        employee = _value_at(engine, base, ee, start, end)
        if as_cut:
            return Knob("单位费率降幅", "cut of the employer rate", "fraction of base", 0.0, current,
                        lambda x: _with(base, start, {er: current - x}))
        return Knob("总费率（单位＋个人）", "total rate (employer + employee)", "fraction of base",
                    employee, min(1.0, employee + catalogue()[er].max),
                    lambda x: _with(base, start, {er: x - employee}))
    if fund == "unemployment":
        er, ee = "unemployment.employer_rate", "unemployment.employee_rate"
        current = _value_at(engine, base, er, start, end) + _value_at(engine, base, ee, start, end)
        top = catalogue()[er].max + catalogue()[ee].max
        if as_cut:
            return Knob("总费率降幅（单位个人各半）", "cut of the total rate (split evenly)",
                        "fraction of base", 0.0, current,
                        lambda x: _with(base, start, {er: (current - x) / 2, ee: (current - x) / 2}))
        return Knob("总费率（单位个人各半）", "total rate (split evenly)", "fraction of base", 0.0, top,
                    lambda x: _with(base, start, {er: x / 2, ee: x / 2}))
    if fund == "work_injury":
        cut = "work_injury.rate_cut"
        if as_cut:
            return Knob("相对2020有效费率的降幅", "cut as a share of the 2020 effective rate", "share",
                        0.0, 1.0, lambda x: _with(base, start, {cut: x}))
        return Knob("占2020有效费率的比例", "share of the 2020 effective rate", "share", 0.0, 1.0,
                    lambda x: _with(base, start, {cut: 1.0 - x}))
    return None


# ------------------------------------------------------------------ questions


def _cols(engine_years: np.ndarray, start: int, through: int) -> np.ndarray:
    years = np.asarray(engine_years)
    return np.flatnonzero((years >= start) & (years <= through))


def _setup(engine, question: str, fund: str, base: Scenario, start: int, through: int,
           min_months: float) -> _Problem | str:
    if question in ("fee_cut", "balancing_rate"):
        knob = contribution_knob(engine, fund, base, start, through, as_cut=question == "fee_cut")
        if knob is None:
            return "no_rate"
        if question == "fee_cut":
            return _Problem(knob, lambda r, c: _months_margin(r, fund, c, min_months), False,
                            f"可支付月数不低于 {min_months:g} 个月",
                            f"payable months at least {min_months:g}", min_months)
        return _Problem(knob, lambda r, c: _balance_return(r, fund, c), True,
                        f"{through} 年累计结余回到基年水平",
                        f"accumulated balance in {through} back at its base-year level")
    if question == "min_subsidy":
        rule, share = f"{fund}.subsidy_rule", f"{fund}.subsidy_share"
        codes = catalogue()[rule].codes
        knob = Knob("财政补贴占支出比例", "fiscal subsidy as a share of expenditure", "share",
                    0.0, catalogue()[share].max,
                    lambda x: _with(base, start, {rule: codes.index("share_of_expenditure"),
                                                  share: x}))
        return _Problem(knob, lambda r, c: _months_margin(r, fund, c, min_months), True,
                        f"可支付月数不低于 {min_months:g} 个月",
                        f"payable months at least {min_months:g}", min_months)
    if question == "max_adjustment":
        name = f"{fund}.adjustment_rate"
        if name not in catalogue():
            return "no_adjustment"
        spec = catalogue()[name]
        knob = Knob("待遇年调整幅度", "yearly benefit adjustment rate", "fraction/yr", spec.min,
                    spec.max, lambda x: _with(base, start, {name: x}))
        return _Problem(knob, lambda r, c: _solvency_margin(r, fund, c), False,
                        "累计结余不为负", "accumulated balance not negative")
    raise ValueError(question)


def _months_margin(result, fund, cols, n):
    m = result.series[fund]["payable_months"][:, cols] - n
    return m.min(axis=1), m.argmin(axis=1)


def _solvency_margin(result, fund, cols):
    b = result.series[fund]["accumulated_balance"][:, cols]
    return b.min(axis=1), b.argmin(axis=1)


def _balance_return(result, fund, cols):
    b = result.series[fund]["accumulated_balance"]
    m = b[:, cols[-1]] - b[:, 0]
    return m, np.full(m.shape, len(cols) - 1)


# ------------------------------------------------------------------ the search


def solve(question: str, fund: str, through: int = 2060, min_months: float = 6.0,
          start: int | None = None, base: Scenario | None = None, engine=None,
          xtol: float = 1e-6) -> GoalSeekResult:
    """Answer ``question`` (one of :data:`QUESTIONS`) for ``fund`` over ``start``..``through``,
    on top of ``base`` (default: the shipped baseline)."""
    _check_args(question, fund, through, min_months, start)
    engine = engine or get_engine()
    base = base or load_scenario(SCENARIO_DIR / "baseline.toml")
    start = start or DEFAULT_START[question]
    problem = _setup(engine, question, fund, base, start, through, min_months)
    fund_zh, fund_en = FUND_LABELS[fund]
    if isinstance(problem, str):
        zh = {"no_rate": f"{fund_zh}没有可调的缴费费率（按档次缴费），此问题不适用。",
              "no_adjustment": f"{fund_zh}没有待遇调整幅度参数，此问题不适用。"}[problem]
        en = {"no_rate": f"The {fund_en} has no contribution rate to change (members choose a "
                         "contribution tier); this question does not apply.",
              "no_adjustment": f"The {fund_en} has no benefit adjustment rate lever; this "
                               "question does not apply."}[problem]
        return GoalSeekResult(question, fund, "not_applicable", None, "", None, zh, en,
                              (np.nan, np.nan), 0, 0)

    knob = problem.knob
    years = None
    calls = evals = 0

    def run(xs: np.ndarray):
        nonlocal years, calls, evals
        result = engine.run([knob.overrides(float(x)) for x in xs], end=through)
        years = np.asarray(result.years)
        calls += 1
        evals += len(xs)
        return result

    grid = np.linspace(knob.lo, knob.hi, GRID_POINTS)
    grid_result = run(grid)
    cols = _cols(years, start, through)
    margin, tightest = problem.margin(grid_result, cols)
    feasible = margin >= 0
    # feasible set: [x*, hi] if the margin rises with x (want the smallest x), else [lo, x*]
    want_low = problem.increasing
    if feasible.all() or not feasible.any():
        # all: even the end most favourable to the question satisfies; none: even the end
        # most favourable to the constraint fails. Both ends are on the grid.
        end_idx = 0 if want_low == bool(feasible.all()) else -1
        x = float(grid[end_idx]) if feasible.all() else None
        binding = int(years[cols][tightest[end_idx]])
        status = "all_satisfy" if feasible.all() else "none_satisfy"
        return _finish(question, fund, status, x, binding, knob, problem, base, start, through,
                       evals, calls, engine, float(margin[end_idx]))

    # the flip between neighbouring points, narrowed by batched grids inside it
    xs = grid
    i = int(np.flatnonzero(feasible[1:] != feasible[:-1])[0])
    while xs[i + 1] - xs[i] > xtol:
        finer = np.linspace(xs[i], xs[i + 1], REFINE_POINTS)
        finer_margin, finer_tightest = problem.margin(run(finer), cols)
        flips = np.flatnonzero((finer_margin[1:] >= 0) != (finer_margin[:-1] >= 0))
        if not len(flips):       # the margin is within round-off of 0 across the bracket: done
            break
        xs, margin, tightest, i = finer, finer_margin, finer_tightest, int(flips[0])
    feasible = margin >= 0
    j = i if feasible[i] else i + 1                  # the feasible end of the final bracket
    binding = int(years[cols][tightest[j]])
    return _finish(question, fund, "solved", float(xs[j]), binding, knob, problem, base, start,
                   through, evals, calls, engine, float(margin[j]))


def _pct(x: float) -> str:
    return f"{x:.2%}"


def _shortfall(question: str, margin: float, min_months: float, through: int) -> tuple[str, str]:
    """What the constrained quantity is at the most favourable end, in words."""
    if question in ("fee_cut", "min_subsidy"):
        return (f"可支付月数仍降至 {margin + min_months:.1f} 个月",
                f"payable months still fall to {margin + min_months:.1f}")
    if question == "max_adjustment":
        return (f"累计结余仍降至 {margin / 1e4:.2f} 亿元", f"the balance still falls to "
                f"{margin / 1e4:.2f}亿元")
    return (f"{through} 年累计结余仍比基年低 {-margin / 1e4:.2f} 亿元",
            f"the {through} balance is still {-margin / 1e4:.2f}亿元 below its base-year level")


def _rule_note(engine, base: Scenario, fund: str, question: str, through: int) -> tuple[str, str]:
    """Warn when the fund's subsidy rule fills any gap, so the searched lever cannot decide."""
    if question == "min_subsidy":
        return "", ""
    name = f"{fund}.subsidy_rule"
    rule = catalogue()[name].codes[int(_value_at(engine, base, name, engine.base_year + 1,
                                                 through))]
    if rule in ("gap_fill", "min_months"):
        rule_zh = {"gap_fill": "补足缺口", "min_months": "保持最低可支付月数"}[rule]
        return (f"注意：该基金的财政补贴规则为“{rule_zh}”，预算会补足缺口，结果主要由补贴规则决定。",
                f" Note: this fund's subsidy rule is {rule}: the budget fills any gap, so the "
                "subsidy rule rather than this lever decides the result.")
    return "", ""


def _finish(question, fund, status, x, binding, knob, problem, base, start, through, evals,
            calls, engine, margin) -> GoalSeekResult:
    fund_zh, fund_en = FUND_LABELS[fund]
    details: dict[str, float] = {}
    overrides = knob.overrides(x) if x is not None else {}
    unit = knob.unit
    pct = knob.unit.startswith("fraction")
    if status == "solved" or status == "all_satisfy":
        shown = _pct(x) if pct or knob.unit == "share" else f"{x:.6g}"
        if question == "min_subsidy":
            res = engine.run([overrides], end=through)
            ys = list(np.asarray(res.years))
            sub = res.series[fund]["fiscal_subsidy"][0]
            details = {f"subsidy_{start}": float(sub[ys.index(start)]),
                       f"subsidy_{through}": float(sub[ys.index(through)])}
            extra_zh = (f"（{start} 年约 {details[f'subsidy_{start}'] / 1e4:.2f} 亿元，"
                        f"{through} 年约 {details[f'subsidy_{through}'] / 1e4:.2f} 亿元）")
            extra_en = (f" (about {details[f'subsidy_{start}'] / 1e4:.2f}亿元 in {start}, "
                        f"{details[f'subsidy_{through}'] / 1e4:.2f}亿元 in {through})")
        else:
            extra_zh = extra_en = ""
        if status == "solved":
            zh = (f"{fund_zh}：{start}—{through} 年保持“{problem.constraint_zh}”的"
                  f"{_goal_zh(question)}（{knob.name_zh}）为 {shown}{extra_zh}；"
                  f"约束在 {binding} 年最紧。")
            en = (f"{fund_en}: the {_goal_en(question)} ({knob.name_en}) keeping "
                  f"\"{problem.constraint_en}\" over {start}–{through} is {shown}{extra_en}; "
                  f"the constraint binds in {binding}.")
        else:
            zh = (f"{fund_zh}：搜索范围内所有取值都满足“{problem.constraint_zh}”"
                  f"（{start}—{through} 年），范围端点 {shown} 也满足{extra_zh}；"
                  f"最紧的年份为 {binding} 年。")
            en = (f"{fund_en}: every value in the search range keeps \"{problem.constraint_en}\" "
                  f"over {start}–{through}, even the end of the range, {shown}{extra_en}; the "
                  f"tightest year is {binding}.")
    else:
        lo, hi = knob.lo, knob.hi
        rng = (f"{_pct(lo)}—{_pct(hi)}" if pct or knob.unit == "share" else f"{lo:g}—{hi:g}")
        short_zh, short_en = _shortfall(question, margin, problem.min_months, through)
        zh = (f"{fund_zh}：在搜索范围（{knob.name_zh} {rng}）内没有任何取值能在 {start}—{through} 年"
              f"保持“{problem.constraint_zh}”；即使取最有利的端点，{binding} 年{short_zh}。")
        en = (f"{fund_en}: no value in the search range ({knob.name_en} {rng.replace('—', ' to ')}) "
              f"keeps \"{problem.constraint_en}\" over {start}–{through}; even at the most "
              f"favourable end {short_en} in {binding}.")
    note_zh, note_en = _rule_note(engine, base, fund, question, through)
    zh, en = zh + note_zh, en + note_en
    return GoalSeekResult(question, fund, status, x, unit, binding, zh, en, (knob.lo, knob.hi),
                          evals, calls, overrides, details)


def _goal_zh(q: str) -> str:
    return {"fee_cut": "最大降费幅度", "balancing_rate": "平衡费率", "min_subsidy": "最低财政补贴比例",
            "max_adjustment": "最高待遇调整幅度"}[q]


def _goal_en(q: str) -> str:
    return {"fee_cut": "largest rate cut", "balancing_rate": "balancing contribution rate",
            "min_subsidy": "smallest subsidy share of expenditure",
            "max_adjustment": "largest adjustment rate"}[q]


def _check_args(question: str, fund: str, through: int, min_months: float,
                start: int | None = None) -> None:
    problems = ProblemList()
    if question not in QUESTIONS:
        problems.add("(参数/arguments)", "question", question, "未知问题", "unknown question",
                     "、".join(QUESTIONS), ", ".join(QUESTIONS))
    if fund not in FUNDS:
        problems.add("(参数/arguments)", "fund", fund, "未知基金", "unknown fund",
                     "、".join(FUNDS), ", ".join(FUNDS))
    if not 2021 <= through <= 2100:
        problems.add("(参数/arguments)", "through", through, "年份超出预测区间",
                     "year outside the projection horizon", "2021 至 2100", "2021 to 2100")
    if start is not None and not 2021 <= start <= min(through, 2100):
        problems.add("(参数/arguments)", "start", start, "政策起始年须在预测区间内且不晚于约束截止年",
                     "the policy start must lie in the projection horizon, not after the constraint year",
                     f"2021 至 {min(through, 2100)}", f"2021 to {min(through, 2100)}")
    if not 0 <= min_months <= 600:
        problems.add("(参数/arguments)", "min_months", min_months, "超出允许范围",
                     "out of the allowed range", "0 至 600 个月", "0 to 600 months")
    problems.raise_if_any()
