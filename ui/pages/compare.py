"""对比 Compare: two to six scenarios run together; headline per fund, summary table with
differences from the baseline, the budget answer (extra subsidy needed, fee revenue forgone) and
the charts per fund and in total. The selection and fund are kept across pages and in the URL;
printing the page (Ctrl+P) gives an A4 document with its own title (ui.layout)."""
from __future__ import annotations

from datetime import date

import streamlit as st

from model.analysis.compare import ALL_FUNDS, DEFAULT_END
from ui import budget, charts, layout, runs, state
from ui import thresholds as bands
from ui import scenario_store as store
from ui.headlines import headline, sensitivity_lines, tornado, uncertainty
from ui.layout import print_title
from ui.pages.scenario import fix_depleted_months
from ui.i18n import fund_label, t
from ui import safe
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
                          key="red_months", help=t("compare.band_help", lang, months=f"{state.DEFAULT_RED_MONTHS:g}"))
    amber = c2.number_input(t("compare.amber", lang), min_value=1.0, max_value=240.0, step=0.5,
                            key="amber_months", help=t("compare.band_help", lang, months=f"{state.DEFAULT_AMBER_MONTHS:g}"))
    if not red < amber:
        where.error(t("compare.threshold_order", lang))
        return None
    return float(red), float(amber)


def horizon_select(lang: str, key: str) -> int:
    st.session_state.setdefault(key, DEFAULT_END)
    return int(st.select_slider(t("compare.horizon", lang), options=HORIZONS, key=key))


def _selection(lang: str, options: dict[str, str]) -> list[str]:
    """The scenarios to compare: kept across pages (ui.state.KEPT) and written to the URL."""
    ss = st.session_state
    default = [sid for sid in ("baseline", "employer_rate_14") if sid in options]
    kept = [sid for sid in ss.get("cmp_selected", default) if sid in options][:MAX_SCENARIOS]
    ss["cmp_selected"] = kept if "cmp_selected" in ss else default
    selected = st.multiselect(t("compare.pick", lang), options=list(options),
                              format_func=lambda sid: options[sid], key="cmp_selected",
                              max_selections=MAX_SCENARIOS, help=t("compare.pick_help", lang),
                              placeholder=t("compare.pick_placeholder", lang))
    state.set_param(state.CMP_PARAM, ",".join(selected) or None)
    return selected


@st.cache_data(max_entries=32, show_spinner=False)
def _sensitivity_text(key: str, end: int, region: str | None, lang: str) -> str:
    """The tornado's lines under the headlines (one per fund whose depletion year it moves)."""
    return "\n\n".join(sensitivity_lines(tornado(key, end, region), lang))


@st.cache_data(max_entries=32, show_spinner=False)
def _headlines(keys: tuple[str, ...], end: int, region: str | None, lang: str,
               names: tuple[tuple[str, str], ...]) -> str:
    """The headline list (Markdown; scenario names escaped: they are the user's text)."""
    summary, _, base_id = runs.comparison(keys, end, region)
    mc = uncertainty(keys, end, region)
    labels_md = {sid: safe.md(name) for sid, name in names}
    return "\n".join(f"- {headline(summary, fund, labels_md, end, lang, base_id, mc)}" for fund in ALL_FUNDS)


@st.cache_data(max_entries=64, show_spinner=False)
def fund_tables(keys: tuple[str, ...], end: int, region: str | None, fund: str, lang: str,
                names: tuple[tuple[str, str], ...]):
    """``(summary table, budget table, yearly table)`` of one fund, built once per request."""
    summary, frame, base_id = runs.comparison(keys, end, region)
    labels = dict(names)
    table = summary_table(summary, fund, labels, end, lang, base_id, uncertainty(keys, end, region))
    return (fix_depleted_months(table, frame, fund, labels, lang),
            budget.budget_table(frame, fund, labels, base_id, lang),
            budget.yearly_table(frame, fund, labels, base_id, lang))


@st.cache_data(max_entries=64, show_spinner=False)
def months_status(keys: tuple[str, ...], end: int, region: str | None, fund: str, lang: str,
                  names: tuple[tuple[str, str], ...], red: float, amber: float) -> str:
    """Each scenario's lowest payable months against the warning lines (``ui.thresholds``)."""
    summary, frame, _ = runs.comparison(keys, end, region)
    return bands.months_status(summary, frame, fund, dict(names), red, amber, lang)


def render(lang: str) -> None:
    st.header(t("nav.compare", lang))
    options = store.choices(lang)
    selected = _selection(lang, options)
    c1, c2 = st.columns([1, 1])
    with c1:
        end = horizon_select(lang, "cmp_end")
    with c2:
        thresholds = risk_thresholds(lang)
    if len(selected) < MIN_SCENARIOS:
        st.warning(t("compare.need_two", lang))
        return
    ordered = sorted(selected, key=lambda sid: sid != "baseline")  # baseline first when chosen
    region = state.region()
    with st.spinner(t("compare.running", lang)):
        keys = tuple(runs.scenario_key(s) for s in ordered)
        _, frame, base_id = runs.comparison(keys, end, region)
        uncertainty(keys, end, region)
    labels = {sid: options[sid] for sid in ordered}
    names = tuple(labels.items())
    # every table and sentence below is built once per request (cached): a page switch redraws
    first, last = budget.period(frame)
    per = budget.period_text(first, last, lang)
    # shown only when printing: what the document is, when, and which scenarios
    print_title(t("compare.print_title", lang, date=date.today().isoformat()),
                t("compare.print_sub", lang, period=per,
                  names="；".join(labels.values()) if lang == "zh" else "; ".join(labels.values())))

    st.subheader(t("compare.headlines", lang))
    st.caption(t("compare.reference", lang, name=safe.md(labels.get(base_id, base_id))))
    st.markdown(_headlines(keys, end, region, lang, names))
    st.caption(_sensitivity_text(runs.scenario_key(base_id), end, region, lang))

    st.session_state.setdefault("cmp_fund", "total")
    fund = st.radio(t("compare.fund", lang), options=list(ALL_FUNDS), horizontal=True,
                    key="cmp_fund", format_func=lambda f: fund_label(f, lang))
    state.set_param(state.FUND_PARAM, fund)
    st.subheader(t("compare.summary", lang, fund=fund_label(fund, lang)))
    table, budget_table, yearly_table = fund_tables(keys, end, region, fund, lang, names)
    layout.table(table)

    st.subheader(t("budget.title", lang))
    layout.table(budget_table)
    st.caption(t("budget.help", lang, period=per, base=first - 1))
    st.markdown(f"**{t('budget.yearly', lang)}**")
    layout.table(yearly_table)

    red, amber = thresholds or (state.DEFAULT_RED_MONTHS, state.DEFAULT_AMBER_MONTHS)
    # one chart per row: full width keeps the legends (long scenario names) readable; each spec
    # is built once per request (ui.runs.chart_spec), so coming back to the page only redraws
    kinds = ["required_subsidy", "balance", "payable_months", "current_balance", "subsidy"]
    if fund != "total":
        kinds.append("dependency")
    for kind in kinds:
        options = bands.chart_options(fund, red, amber, lang) if kind == "payable_months" else ()
        charts.show(runs.chart_spec(kind, keys, end, fund, lang, names, region, options))
        if kind == "payable_months":
            st.caption(bands.caption(fund, red, amber, lang))
            st.caption(safe.md(months_status(keys, end, region, fund, lang, names, red, amber)))
