"""风险 Risk: Monte Carlo fan charts and probability of depletion, a tornado of one-at-a-time
sensitivities, and the goal-seek panel (最大可降费幅度, balancing rate, minimum subsidy)."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from model.analysis.compare import ALL_FUNDS, FUNDS
from ui import charts, runs, share, state
from ui import format as fmt
from ui import scenario_store as store
from ui.guard import render_safely
from ui.i18n import fund_label, t
from ui.pages.compare import horizon_select
from ui.pages.scenario import load_into_editor

QUESTIONS = ("fee_cut", "balancing_rate", "min_subsidy", "max_adjustment")


@st.cache_data(max_entries=16, show_spinner=False)
def sensitivity(key: str, end: int, region: str | None = None) -> pd.DataFrame:
    """Tornado data of ``model.analysis.sensitivity.run_sensitivity`` for one scenario (cached)."""
    from model.analysis.sensitivity import run_sensitivity
    return run_sensitivity(base=runs.scenario_from_key(key), end=end, engine=runs.engine(region))


@st.cache_data(max_entries=64, show_spinner=False)
def goal_seek(key: str, question: str, fund: str, through: int, min_months: float, start: int,
              region: str | None = None):
    """``model.analysis.goalseek.solve`` for one scenario and question (cached)."""
    from model.analysis.goalseek import solve
    return solve(question, fund, through=through, min_months=min_months, start=start,
                 base=runs.scenario_from_key(key), engine=runs.engine(region))


def tornado_effects(table: pd.DataFrame, fund: str, measure: str, lang: str) -> pd.DataFrame:
    """``lever, low, high`` rows of one fund for the tornado chart: effects on the horizon balance
    (万元) or on the depletion year (years)."""
    rows = table[table["fund"] == fund]
    col = "balance_effect" if measure == "balance" else "depletion_effect"
    return pd.DataFrame({
        "lever": rows["label_zh" if lang == "zh" else "label_en"].to_list(),
        "low": rows[f"{col}_low"].astype(float).to_list(),
        "high": rows[f"{col}_high"].astype(float).to_list(),
    })


@st.cache_data(max_entries=64, show_spinner=False)
def _tornado_spec(key: str, end: int, region: str | None, fund: str, measure: str, lang: str) -> dict:
    """The tornado chart's drawn spec (``ui.charts.spec``), built once per request."""
    effects = tornado_effects(sensitivity(key, end, region), fund, measure, lang)
    indicator = "accumulated_balance" if measure == "balance" else "depletion_year"
    return charts.spec(charts.tornado_chart(effects, fund, indicator, lang))


def _tornado(lang: str) -> None:
    ss = st.session_state
    st.subheader(t("risk.tornado", lang))
    st.caption(t("risk.tornado_help", lang))
    key = runs.scenario_key(ss["risk_base"])
    with st.spinner(t("compare.running", lang)):
        table = sensitivity(key, ss["risk_end"], state.region())
    c1, c2 = st.columns([2, 1])
    fund = c1.selectbox(t("compare.fund", lang), options=list(ALL_FUNDS), index=len(ALL_FUNDS) - 1,
                        key="risk_tornado_fund", format_func=lambda f: fund_label(f, lang))
    measure = c2.radio(t("risk.measure", lang), options=["balance", "depletion"], horizontal=True,
                       key="risk_measure", format_func=lambda m: t(f"risk.measure_{m}", lang))
    charts.show(_tornado_spec(key, ss["risk_end"], state.region(), fund, measure, lang))
    censored = table[(table["fund"] == fund) & table["censored"]]
    if measure == "depletion" and not censored.empty:
        st.caption(t("risk.censored", lang, horizon=ss["risk_end"]))


#: The goal-seek form's first-use answer: the largest unemployment fee cut that keeps 6 months
#: of spending to 2060 has an answer on the shipped baseline (the enterprise fund runs dry, so a
#: cut there has none).
DEFAULT_QUESTION, DEFAULT_FUND = "fee_cut", "unemployment"


def _pp(x: float) -> str:
    """A rate difference in percentage points: 0.0046 → "0.46"."""
    return fmt.number(x * 100, 2)


def _rates(result) -> tuple[float, float] | None:
    """``(rate before, rate after)`` of a contribution-rate answer, as fractions of the base."""
    o, f = result.overrides, result.fund
    def first(v):
        return float(next(iter(v.values()))) if isinstance(v, dict) else float(v)
    if f in ("enterprise_pension", "public_pension") and f"{f}.employer_rate" in o:
        after = first(o[f"{f}.employer_rate"])
        return (after + result.value, after) if result.question == "fee_cut" else None
    if f == "unemployment" and "unemployment.employer_rate" in o:
        after = first(o["unemployment.employer_rate"]) + first(o["unemployment.employee_rate"])
        return (after + result.value, after) if result.question == "fee_cut" else None
    return None


def plain_answer(result, start: int, through: int, min_months: float, lang: str) -> str:
    """The goal-seek answer in a planner's words: percentage points with the rate before and
    after, a share or a rate as a plain percentage; when nothing meets the constraint, what is
    the best that can be had, with a depleted fund called 已耗尽 (never negative months)."""
    fund = fund_label(result.fund, lang)
    q, x = result.question, result.value
    per = f"{start}–{through}"
    if result.status in ("solved", "all_satisfy") and x is not None:
        if q == "fee_cut" and result.unit.startswith("fraction"):
            before, after = _rates(result)
            return t("gs.fee_cut", lang, fund=fund, pp=_pp(x), before=fmt.percent(before),
                     after=fmt.percent(after), period=per, months=f"{min_months:g}")
        if q == "fee_cut":
            return t("gs.fee_cut_share", lang, fund=fund, cut=fmt.percent(x, 0), keep=fmt.percent(1 - x, 0),
                     period=per, months=f"{min_months:g}")
        if q == "balancing_rate":
            return t("gs.balancing", lang, fund=fund, rate=fmt.percent(x), year=through)
        if q == "min_subsidy":
            d = result.details
            return t("gs.min_subsidy", lang, fund=fund, share=fmt.percent(x), period=per,
                     months=f"{min_months:g}",
                     first=fmt.money_yi(d.get(f"subsidy_{start}"), lang),
                     last=fmt.money_yi(d.get(f"subsidy_{through}"), lang), start=start, end=through)
        if q == "max_adjustment":
            return t("gs.max_adjustment", lang, fund=fund, rate=fmt.percent(x), period=per)
    if result.status == "none_satisfy":
        months = re.search(r"(-?[\d.]+) ?个月", result.message_zh)
        money = re.search(r"(-?[\d.]+) ?亿元", result.message_zh)
        year = result.binding_year
        if q in ("fee_cut", "min_subsidy") and months:
            m = float(months.group(1))
            state_text = (t("gs.state_depleted", lang) if m < 0 else
                          t("gs.state_months", lang, months=fmt.months(m, lang)))
            key = "gs.none_fee_cut" if q == "fee_cut" else "gs.none_subsidy"
            return t(key, lang, fund=fund, year=year, state=state_text, months=f"{min_months:g}",
                     period=per, top=fmt.percent(result.search_range[1], 0))
        if q == "max_adjustment" and money:
            return t("gs.none_adjustment", lang, fund=fund, year=year,
                     low=fmt.percent(result.search_range[0]), gap=fmt.money_yi(-float(money.group(1)) * 1e4, lang))
        if q == "balancing_rate":
            return t("gs.none_balancing", lang, fund=fund, year=through,
                     top=fmt.percent(result.search_range[1]))
    return result.message(lang)


def answer_as_scenario(result, base_key: str) -> share.SharedScenario:
    """The answer's levers as a scenario over the analysed one (its base and own levers kept)."""
    analysed = runs.scenario_from_key(base_key)
    shared = store.as_shared(analysed.id) if analysed.id in store.saved() else share.SharedScenario(
        base=analysed.id, id=analysed.id, name_zh=analysed.name_zh, name_en=analysed.name_en, levers={})
    changed = {k: v for k, v in result.overrides.items() if analysed.resolved.get(k) != v}
    levers = {**shared.levers, **changed}
    sid = f"goal_{result.question}_{result.fund}"
    return share.SharedScenario(base=shared.base, id=sid,
                                name_zh=t("gs.scenario_name", "zh", question=t(f"risk.q_{result.question}", "zh"),
                                          fund=fund_label(result.fund, "zh")),
                                name_en=t("gs.scenario_name", "en", question=t(f"risk.q_{result.question}", "en"),
                                          fund=fund_label(result.fund, "en")),
                                levers=levers)


def _open_in_builder(result, base_key: str) -> None:
    """Button callback: the answer becomes the scenario being edited, and the builder opens."""
    load_into_editor(answer_as_scenario(result, base_key))
    st.session_state["page"] = "scenario"


def _goalseek(lang: str) -> None:
    ss = st.session_state
    st.subheader(t("risk.goalseek", lang))
    st.caption(t("risk.goalseek_help", lang))
    ss.setdefault("gs_question", DEFAULT_QUESTION)
    ss.setdefault("gs_fund", DEFAULT_FUND)
    with st.form("goalseek"):
        c1, c2 = st.columns(2)
        question = c1.selectbox(t("risk.question", lang), options=list(QUESTIONS),
                                format_func=lambda q: t(f"risk.q_{q}", lang), key="gs_question")
        fund = c2.selectbox(t("compare.fund", lang), options=list(FUNDS),
                            format_func=lambda f: fund_label(f, lang), key="gs_fund")
        c3, c4, c5 = st.columns(3)
        start = c3.number_input(t("risk.start", lang), min_value=2021, max_value=2090, value=2022,
                                step=1, key="gs_start")
        through = c4.number_input(t("risk.through", lang), min_value=2025, max_value=2100,
                                  value=int(ss["risk_end"]), step=1, key="gs_through")
        min_months = c5.number_input(t("risk.min_months", lang), min_value=0.0, max_value=60.0,
                                     value=float(ss.get("amber_months", state.DEFAULT_AMBER_MONTHS)), step=0.5,
                                     key="gs_min_months", help=t("risk.min_months_help", lang))
        submitted = st.form_submit_button(t("risk.solve", lang), type="primary")
    if submitted or "gs_last" not in ss:  # first use: the defaults' answer at once
        if start >= through:
            st.error(t("risk.start_before_through", lang))
            return
        ss["gs_last"] = (runs.scenario_key(ss["risk_base"]), question, fund, int(through),
                         float(min_months), int(start), state.region())
    base_key, _, _, through_, months_, start_, _ = ss["gs_last"]
    with st.spinner(t("risk.solving", lang)):
        result = goal_seek(*ss["gs_last"])
    text = plain_answer(result, start_, through_, months_, lang)
    if result.status == "solved" or result.status == "all_satisfy":
        st.success(text)
    elif result.status == "not_applicable":
        st.info(text)
    else:
        st.warning(text)
    if result.binding_year is not None:
        st.caption(t("risk.binding", lang, year=result.binding_year, calls=result.engine_calls))
    if result.status in ("solved", "all_satisfy") and result.overrides:
        st.button(t("gs.to_scenario", lang), on_click=_open_in_builder, args=(result, base_key),
                  help=t("gs.to_scenario_help", lang))


def render(lang: str) -> None:
    st.header(t("nav.risk", lang))
    ss = st.session_state
    options = store.choices(lang)
    ss.setdefault("risk_base", "baseline")
    if ss["risk_base"] not in options:
        ss["risk_base"] = "baseline"
    c1, c2 = st.columns(2)
    with c1:
        st.selectbox(t("risk.base", lang), options=list(options), key="risk_base",
                     format_func=lambda sid: options[sid])
    with c2:
        horizon_select(lang, "risk_end")
    from ui import mc_panel
    render_safely(mc_panel.render, lang)
    st.divider()
    render_safely(_tornado, lang)
    st.divider()
    render_safely(_goalseek, lang)
