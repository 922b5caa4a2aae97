"""风险 Risk: Monte Carlo fan charts and probability of depletion, a tornado of one-at-a-time
sensitivities, and the goal-seek panel (最大可降费幅度, balancing rate, minimum subsidy)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from model.analysis.compare import ALL_FUNDS, FUNDS
from ui import charts, runs, state
from ui import scenario_store as store
from ui.guard import render_safely
from ui.i18n import fund_label, t
from ui.pages.compare import horizon_select

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
    effects = tornado_effects(table, fund, measure, lang)
    indicator = "accumulated_balance" if measure == "balance" else "depletion_year"
    charts.show(charts.tornado_chart(effects, fund, indicator, lang))
    censored = table[(table["fund"] == fund) & table["censored"]]
    if measure == "depletion" and not censored.empty:
        st.caption(t("risk.censored", lang, horizon=ss["risk_end"]))


def _goalseek(lang: str) -> None:
    ss = st.session_state
    st.subheader(t("risk.goalseek", lang))
    st.caption(t("risk.goalseek_help", lang))
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
                                     value=float(ss.get("red_months", 6.0)), step=0.5, key="gs_min_months")
        submitted = st.form_submit_button(t("risk.solve", lang), type="primary")
    if not submitted and "gs_last" not in ss:
        return
    if submitted:
        if start >= through:
            st.error(t("risk.start_before_through", lang))
            return
        ss["gs_last"] = (runs.scenario_key(ss["risk_base"]), question, fund, int(through),
                         float(min_months), int(start), state.region())
    with st.spinner(t("risk.solving", lang)):
        result = goal_seek(*ss["gs_last"])
    if result.status == "solved":
        st.success(result.message(lang))
    elif result.status == "not_applicable":
        st.info(result.message(lang))
    else:
        st.warning(result.message(lang))
    if result.binding_year is not None:
        st.caption(t("risk.binding", lang, year=result.binding_year, calls=result.engine_calls))


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
