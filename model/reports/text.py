"""Words from the numbers: every sentence of the deck and the brief is generated here from a
:class:`~model.reports.pack.PackTables`, in neutral wording ("耗尽年份提前至2024年", never "必须…").

- :func:`fund_headline` — per fund, the first scenario's depletion year with its Monte Carlo
  range and probabilities (``model.analysis.uncertainty``'s sentence) and the first deficit year;
- :func:`scenario_effect` — what another scenario changes: depletion year (earlier / later /
  no longer / now), horizon balance and required extra subsidy against the first scenario;
- :func:`option_text` — a 政策建议 option with its numbers;
- :func:`months_band` — the warning band of a payable-months figure and its source.
"""
from __future__ import annotations

import math

import pandas as pd

from model.analysis.uncertainty import fund_sentence
from model.reports.common import fund_name
from model.reports.pack import PackTables
from model.reports.thresholds import status


def _na(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def year_range(low, high, horizon: int) -> str:
    """A depletion year's 10–90% range for a table cell: "2029–2048"; one year when both ends
    agree ("2027", not "2027–2027"); "2040–2060+" when the 90th percentile path has not run out by
    the horizon; "—" when the 10th has not either."""
    if _na(low):
        return "—"
    hi = f"{horizon}+" if _na(high) else str(int(high))
    return str(int(low)) if hi == str(int(low)) else f"{int(low)}–{hi}"


def yi_text(wan: float, digits: int = 2) -> str:
    """万元 → "12.34亿元" (half away from zero), with thousands separators."""
    value = wan / 1e4
    rounded = math.floor(abs(value) * 10 ** digits + 0.5) / 10 ** digits
    return f"{'-' if value < 0 and rounded else ''}{rounded:,.{digits}f}亿元"


def fund_headline(tables: PackTables, fund: str, lang: str = "zh") -> str:
    """The first scenario's sentence for one fund, with the Monte Carlo range when available."""
    sid = tables.ids[0]
    row = tables.row(sid, fund)
    uncertainty = None if _na(row.get("paths")) else row
    return fund_sentence(row, uncertainty, lang, horizon=tables.horizon)


def scenario_effect(tables: PackTables, sid: str, fund: str, lang: str = "zh") -> str:
    """What scenario ``sid`` changes for ``fund`` against the first scenario, from the summary."""
    ref = tables.row(tables.ids[0], fund)
    row = tables.row(sid, fund)
    name = tables.scenario_name(sid, lang)
    dep0, dep1 = ref["depletion_year"], row["depletion_year"]
    zh = lang == "zh"
    if _na(dep0) and _na(dep1):
        dep = (f"至{tables.horizon}年仍不耗尽" if zh else f"the balance still lasts to {tables.horizon}")
    elif _na(dep0):
        dep = (f"耗尽年份由{tables.horizon}年后提前至{int(dep1)}年" if zh
               else f"depletion moves from after {tables.horizon} to {int(dep1)}")
    elif _na(dep1):
        dep = (f"耗尽年份由{int(dep0)}年推迟至{tables.horizon}年以后" if zh
               else f"depletion moves from {int(dep0)} to after {tables.horizon}")
    elif int(dep1) < int(dep0):
        dep = (f"耗尽年份提前至{int(dep1)}年（提前{int(dep0) - int(dep1)}年）" if zh
               else f"depletion comes earlier, in {int(dep1)} ({int(dep0) - int(dep1)} years earlier)")
    elif int(dep1) > int(dep0):
        dep = (f"耗尽年份推迟至{int(dep1)}年（推迟{int(dep1) - int(dep0)}年）" if zh
               else f"depletion comes later, in {int(dep1)} ({int(dep1) - int(dep0)} years later)")
    else:
        dep = f"耗尽年份不变（{int(dep1)}年）" if zh else f"depletion year unchanged ({int(dep1)})"
    d_bal = float(row["horizon_balance"]) - float(ref["horizon_balance"])
    d_req = float(row["cumulative_required_subsidy"]) - float(ref["cumulative_required_subsidy"])
    if zh:
        text = f"“{name}”：{dep}"
        if abs(d_bal) >= 50:    # 0.005亿元 rounds to 0.00
            text += f"，{tables.horizon}年累计结余{'增加' if d_bal > 0 else '减少'}{yi_text(abs(d_bal))}"
        if abs(d_req) >= 50:
            text += f"，累计需追加财政补贴{'增加' if d_req > 0 else '减少'}{yi_text(abs(d_req))}"
        return text + "。"
    text = f"“{name}”: {dep}"
    if abs(d_bal) >= 50:
        text += f"; the {tables.horizon} balance is {yi_text(abs(d_bal))} {'higher' if d_bal > 0 else 'lower'}"
    if abs(d_req) >= 50:
        text += f"; the extra subsidy needed is {yi_text(abs(d_req))} {'more' if d_req > 0 else 'less'}"
    return text + "."


def changes_anything(tables: PackTables, sid: str, fund: str) -> bool:
    ref, row = tables.row(tables.ids[0], fund), tables.row(sid, fund)
    same_dep = (_na(ref["depletion_year"]) and _na(row["depletion_year"])) or (
        not _na(ref["depletion_year"]) and not _na(row["depletion_year"])
        and int(ref["depletion_year"]) == int(row["depletion_year"]))
    return not same_dep or abs(float(row["horizon_balance"]) - float(ref["horizon_balance"])) >= 50


def key_point(tables: PackTables, fund: str, lang: str = "zh") -> str:
    """要点 for one fund: the headline, then each other scenario that changes the fund."""
    parts = [fund_headline(tables, fund, lang)]
    for sid in tables.ids[1:]:
        if changes_anything(tables, sid, fund):
            parts.append(scenario_effect(tables, sid, fund, lang))
    return ("" if lang == "zh" else " ").join(parts)


def months_band(fund: str, months: float, lang: str = "zh", thresholds=None) -> str:
    """The warning band a payable-months figure falls in, or "" when none applies."""
    t = status(fund, months, thresholds)
    return "" if t is None else t.label(lang)


def option_text(tables: PackTables, index: int, sid: str, lang: str = "zh") -> str:
    """政策建议 option ``index`` (1-based) for scenario ``sid``, with its numbers for every fund it
    changes, stated as an option."""
    ordinals = "一二三四五六七八九十"
    name = tables.scenario_name(sid, lang)
    effects = [scenario_effect(tables, sid, f, lang).split("：", 1)[-1].split(": ", 1)[-1].rstrip("。.")
               for f in ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")
               if changes_anything(tables, sid, f)]
    funds = [fund_name(f, lang) for f in ("enterprise_pension", "public_pension", "resident_pension",
                                          "work_injury", "unemployment") if changes_anything(tables, sid, f)]
    if lang == "zh":
        if not effects:
            return f"方案{ordinals[index - 1]}：{name}。与{tables.scenario_name(tables.ids[0], 'zh')}相比，各基金结果无明显变化。"
        body = "；".join(f"{f}{e}" for f, e in zip(funds, effects))
        return f"方案{ordinals[index - 1]}：{name}。{body}。"
    if not effects:
        return f"Option {index}: {name}. No material change against {tables.scenario_name(tables.ids[0], 'en')}."
    body = "; ".join(f"{f}: {e}" for f, e in zip(funds, effects))
    return f"Option {index}: {name}. {body}."


def subsidy_option(tables: PackTables, lang: str = "zh") -> str:
    """The budget option under the first scenario: the extra subsidy that keeps every fund at
    its target payable months (the engine's required subsidy), to the horizon."""
    sid = tables.ids[0]
    total = tables.row(sid, "total")
    req = float(total["cumulative_required_subsidy"])
    per_fund = [(f, float(tables.row(sid, f)["cumulative_required_subsidy"])) for f in
                ("enterprise_pension", "public_pension", "resident_pension", "work_injury", "unemployment")]
    per_fund = [(f, v) for f, v in per_fund if v >= 50]
    name = tables.scenario_name(sid, lang)
    if lang == "zh":
        if req < 50:
            return f"财政兜底：在“{name}”下，至{tables.horizon}年各基金均无需追加财政补贴即可保持目标可支付月数。"
        detail = "，".join(f"{fund_name(f, 'zh', short=True)}{yi_text(v)}" for f, v in per_fund)
        return (f"财政兜底：维持“{name}”，为使各基金保持目标可支付月数，至{tables.horizon}年累计需追加财政补贴"
                f"{yi_text(req)}（{detail}）。")
    if req < 50:
        return f"Fiscal backstop: under “{name}” no fund needs extra subsidy to {tables.horizon} to keep its target months."
    detail = ", ".join(f"{fund_name(f, 'en', short=True)} {yi_text(v)}" for f, v in per_fund)
    return (f"Fiscal backstop: keeping “{name}”, the extra subsidy that keeps every fund at its target payable "
            f"months adds up to {yi_text(req)} by {tables.horizon} ({detail}).")
