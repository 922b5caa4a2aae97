"""Monte Carlo panel of the Risk page: per fund the depletion year with its uncertainty (median
and 10–90% range over the paths, the probability of running out by 2030/2035/2040 and by the
horizon), fan charts and the probability of depletion by year.

The depletion year of a path is its first projected year with a negative accumulated balance.
Paths that do not run out by the horizon are counted, not dropped: a quantile that falls among
them reads "later than <horizon>" (``model.analysis.uncertainty.summarise_depletion``, the same
figures as the headlines and the README's results).

Runs ``model.analysis.montecarlo.run_montecarlo`` in chunks with a progress bar. Results are kept per
server process by their exact inputs (scenario, horizon, paths, seed, volatility), so a planner
coming back to the page, or switching fund or language, does not rerun the simulation.
"""
from __future__ import annotations

from collections import OrderedDict

import pandas as pd
import streamlit as st

from model.analysis import uncertainty as unc
from model.analysis.compare import ALL_FUNDS
from ui import charts, layout, runs, state
from ui import format as fmt
from ui.i18n import fund_label, indicator_label, t

PATH_CHOICES = (100, 500, 1_000, 2_000, 5_000, 10_000)
FAN_INDICATORS = ("accumulated_balance", "payable_months", "current_balance", "fiscal_subsidy")
CHUNK = 250
_RESULTS: OrderedDict = OrderedDict()  # (key, end, paths, seed, volatility) → MonteCarloResult
_KEEP = 8


def simulate(key: str, end: int, n_paths: int, seed: int, volatility: float, progress=None,
             region: str | None = None):
    """The Monte Carlo result for these inputs (run once per server process, then reused)."""
    from model.analysis.montecarlo import run_montecarlo

    ident = (key, end, n_paths, seed, round(volatility, 6), region)
    if ident in _RESULTS:
        _RESULTS.move_to_end(ident)
        return _RESULTS[ident]
    result = run_montecarlo(n_paths=n_paths, seed=seed, end=end, base=runs.scenario_from_key(key),
                            volatility=volatility, engine=runs.engine(region), chunk=CHUNK,
                            progress=progress)
    _RESULTS[ident] = result
    while len(_RESULTS) > _KEEP:
        _RESULTS.popitem(last=False)
    return result


def mark_years(horizon: int) -> list[int]:
    """The years whose probability of depletion is shown: 2030/2035/2040 up to the horizon, and
    the horizon itself."""
    return [y for y in unc.MARK_YEARS if y < horizon] + [horizon]


def _year_cell(year: float, horizon: int, lang: str) -> str:
    if fmt.is_missing(year):
        return t("mc.later_than", lang, horizon=horizon)
    return f"{int(year)}年" if lang == "zh" else str(int(year))


def _range_cell(low: float, high: float, horizon: int, lang: str) -> str:
    """``2028–2048``; ``2036年至晚于2060年`` when the 90th percentile path has not run out by
    the horizon; ``晚于2060年`` when not even the 10th percentile has."""
    if fmt.is_missing(low):
        return t("mc.later_than", lang, horizon=horizon)
    if fmt.is_missing(high):
        return t("mc.range_open", lang, low=int(low), later=t("mc.later_than", lang, horizon=horizon))
    if int(low) == int(high):
        return _year_cell(low, horizon, lang)
    return f"{int(low)}–{int(high)}"  # no 年 after a span: a narrow cell would wrap it alone


def depletion_table(result, lang: str) -> pd.DataFrame:
    """One row per fund (and the five together): median depletion year, its 10–90% range and the
    probability of running out by each of :func:`mark_years`, from ``result.depletion``."""
    horizon = int(result.years[-1])
    marks = mark_years(horizon)
    figures = unc.summarise_depletion(result.depletion, result.n_paths, horizon, marks)
    rows = []
    for fund in ALL_FUNDS:
        f = figures[fund]
        row = {t("mc.col_fund", lang): fund_label(fund, lang),
               t("mc.col_median", lang): _year_cell(f["depletion_p50"], horizon, lang),
               t("mc.col_range", lang): _range_cell(f["depletion_p10"], f["depletion_p90"], horizon, lang)}
        for y in marks:
            p = f["p_depleted_horizon"] if y == horizon else f[f"p_depleted_{y}"]
            row[t("mc.col_p_by", lang, year=y)] = unc.percent_text(p)
        rows.append(row)
    return pd.DataFrame(rows)


def render(lang: str) -> None:
    ss = st.session_state
    st.subheader(t("risk.montecarlo", lang))
    st.caption(t("risk.mc_help", lang))
    c1, c2, c3 = st.columns(3)
    n_paths = c1.select_slider(t("risk.paths", lang), options=list(PATH_CHOICES), value=1_000,
                               key="mc_paths")
    seed = int(c2.number_input(t("risk.seed", lang), min_value=0, max_value=2**31 - 1,
                               value=20200101, step=1, key="mc_seed"))
    volatility = float(c3.slider(t("risk.volatility", lang), min_value=0.0, max_value=3.0, value=1.0,
                                 step=0.25, key="mc_volatility", help=t("risk.volatility_help", lang)))
    key = runs.scenario_key(ss["risk_base"])
    end = int(ss["risk_end"])
    bar = st.progress(0.0, text=t("risk.mc_running", lang, done=0, total=n_paths))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("risk.mc_running", lang, done=done, total=total))

    result = simulate(key, end, n_paths, seed, volatility, progress, state.region())
    bar.progress(1.0, text=t("risk.mc_done", lang, total=result.n_paths,
                             levels=result.mortality_levels))

    ident = (key, end, n_paths, seed, volatility, state.region())
    st.markdown(f"**{t('mc.table_title', lang)}**")
    layout.table(_table(ident, lang))
    st.caption(t("mc.table_help", lang, horizon=int(result.years[-1]), paths=f"{result.n_paths:,}"))

    c1, c2 = st.columns(2)
    fund = c1.selectbox(t("compare.fund", lang), options=list(ALL_FUNDS), index=0, key="mc_fund",
                        format_func=lambda f: fund_label(f, lang))
    indicator = c2.selectbox(t("risk.indicator", lang), options=list(FAN_INDICATORS), key="mc_indicator",
                             format_func=lambda i: indicator_label(i, lang))
    last = int(result.years[-1])
    st.metric(t("risk.p_depleted", lang, year=last),
              fmt.percent(result.depletion_probability(fund, last), 1))
    for spec in _chart_specs(ident, fund, indicator, lang):
        charts.show(spec)


def _result(ident: tuple):
    key, end, n_paths, seed, volatility, region = ident
    return simulate(key, end, n_paths, seed, volatility, region=region)


@st.cache_data(max_entries=64, show_spinner=False)
def _table(ident: tuple, lang: str):
    """:func:`depletion_table` of one simulation (``ident`` its inputs), built once per request."""
    return depletion_table(_result(ident), lang)


@st.cache_data(max_entries=128, show_spinner=False)
def _chart_specs(ident: tuple, fund: str, indicator: str, lang: str) -> tuple[dict, dict]:
    """The fan chart and the depletion-probability chart of one simulation, fund and indicator
    (``ui.charts.spec``), built once per request: a page switch only redraws them."""
    result = _result(ident)
    pct = result.percentiles
    quantiles = pct[(pct["fund"] == fund) & (pct["indicator"] == indicator)]
    depletion = result.depletion[result.depletion["fund"] == fund].rename(
        columns={"p_depleted": "probability"})
    return (charts.spec(charts.fan_chart(quantiles, fund, indicator, lang)),
            charts.spec(charts.depletion_probability_chart(depletion, fund, lang)))
