"""对比 Compare: two to six scenarios run together; headline per fund, summary table with
differences from the baseline, and the five charts per fund and in total."""
from __future__ import annotations

import streamlit as st

from model.analysis.compare import ALL_FUNDS, DEFAULT_END
from ui import charts, runs, state
from ui import scenario_store as store
from ui.headlines import headline, sensitivity_lines, tornado, uncertainty
from ui.i18n import fund_label, t
from ui.tables import summary_table

MIN_SCENARIOS, MAX_SCENARIOS = 2, 6
HORIZONS = list(range(2030, 2101, 5))


def risk_thresholds(lang: str, where=st) -> tuple[float, float] | None:
    """The red/amber payable-months thresholds (shared by Compare and Risk); None if invalid."""
    ss = st.session_state
    ss.setdefault("red_months", state.DEFAULT_RED_MONTHS)
    ss.setdefault("amber_months", state.DEFAULT_AMBER_MONTHS)
    c1, c2 = where.columns(2)
    red = c1.number_input(t("compare.red", lang), min_value=0.5, max_value=120.0, step=0.5,
                          key="red_months")
    amber = c2.number_input(t("compare.amber", lang), min_value=1.0, max_value=240.0, step=0.5,
                            key="amber_months")
    if not red < amber:
        where.error(t("compare.threshold_order", lang))
        return None
    return float(red), float(amber)


def horizon_select(lang: str, key: str) -> int:
    st.session_state.setdefault(key, DEFAULT_END)
    return int(st.select_slider(t("compare.horizon", lang), options=HORIZONS, key=key))


def render(lang: str) -> None:
    st.header(t("nav.compare", lang))
    options = store.choices(lang)
    default = [sid for sid in ("baseline", "employer_rate_14") if sid in options]
    st.session_state.setdefault("cmp_selected", default)
    selected = st.multiselect(t("compare.pick", lang), options=list(options),
                              format_func=lambda sid: options[sid], key="cmp_selected",
                              max_selections=MAX_SCENARIOS, help=t("compare.pick_help", lang))
    c1, c2 = st.columns([1, 1])
    with c1:
        end = horizon_select(lang, "cmp_end")
    with c2:
        thresholds = risk_thresholds(lang)
    if len(selected) < MIN_SCENARIOS:
        st.warning(t("compare.need_two", lang))
        return
    ordered = sorted(selected, key=lambda sid: sid != "baseline")  # baseline first when chosen
    with st.spinner(t("compare.running", lang)):
        summary, frame, base_id = runs.comparison(tuple(runs.scenario_key(s) for s in ordered), end,
                                                     state.region())
        mc = uncertainty(tuple(runs.scenario_key(s) for s in ordered), end, state.region())
    labels = {sid: options[sid] for sid in ordered}

    st.subheader(t("compare.headlines", lang))
    st.caption(t("compare.reference", lang, name=labels.get(base_id, base_id)))
    st.markdown("\n".join(f"- {headline(summary, fund, labels, end, lang, base_id, mc)}"
                          for fund in ALL_FUNDS))
    base_tornado = tornado(runs.scenario_key(base_id), end, state.region())
    st.caption("\n\n".join(sensitivity_lines(base_tornado, lang)))

    fund = st.radio(t("compare.fund", lang), options=list(ALL_FUNDS), horizontal=True,
                    index=len(ALL_FUNDS) - 1, key="cmp_fund", format_func=lambda f: fund_label(f, lang))
    st.subheader(t("compare.summary", lang, fund=fund_label(fund, lang)))
    st.dataframe(summary_table(summary, fund, labels, end, lang, base_id, mc), hide_index=True,
                 width="stretch")

    red, amber = thresholds or (state.DEFAULT_RED_MONTHS, state.DEFAULT_AMBER_MONTHS)
    # one chart per row: full width keeps the legends (long scenario names) readable
    charts.show(charts.balance_chart(frame, fund, lang, labels))
    charts.show(charts.payable_months_chart(frame, fund, lang, labels, red=red, amber=amber))
    charts.show(charts.current_balance_chart(frame, fund, lang, labels))
    charts.show(charts.subsidy_chart(frame, fund, lang, labels))
    if fund != "total":
        charts.show(charts.dependency_chart(frame, fund, lang, labels))
