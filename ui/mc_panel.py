"""Monte Carlo panel of the Risk page: fan charts and the probability of depletion by year.

Runs ``model.analysis.montecarlo.run_montecarlo`` in chunks with a progress bar. Results are kept per
server process by their exact inputs (scenario, horizon, paths, seed, volatility), so a planner
coming back to the page, or switching fund or language, does not rerun the simulation.
"""
from __future__ import annotations

from collections import OrderedDict

import streamlit as st

from model.analysis.compare import ALL_FUNDS
from ui import charts, runs, state
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

    c1, c2 = st.columns(2)
    fund = c1.selectbox(t("compare.fund", lang), options=list(ALL_FUNDS), index=0, key="mc_fund",
                        format_func=lambda f: fund_label(f, lang))
    indicator = c2.selectbox(t("risk.indicator", lang), options=list(FAN_INDICATORS), key="mc_indicator",
                             format_func=lambda i: indicator_label(i, lang))
    pct = result.percentiles
    quantiles = pct[(pct["fund"] == fund) & (pct["indicator"] == indicator)]
    depletion = result.depletion[result.depletion["fund"] == fund].rename(
        columns={"p_depleted": "probability"})
    last = int(depletion["year"].max())
    st.metric(t("risk.p_depleted", lang, year=last),
              fmt.percent(result.depletion_probability(fund, last), 1))
    charts.show(charts.fan_chart(quantiles, fund, indicator, lang))
    charts.show(charts.depletion_probability_chart(depletion, fund, lang))
