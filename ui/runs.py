"""Cached engine runs for the pages. The engine is built (and calibrated) once per server
process; a comparison is cached by the exact scenarios and horizon, so going back to a lever
setting already seen is instant and a new setting costs one batched engine call.

Scenarios are keyed by text: ``lib:<id>`` for a shipped scenario, ``s:<share code>`` for one
built in the session (the share code holds its base and own levers exactly).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from model.analysis import compare as mc
from model.engine import get_engine
from model.scenarios.library import Scenario
from ui import charts
from ui import scenario_store as store
from ui import share


@st.cache_resource(show_spinner=False, max_entries=4)
def engine(region: str | None = None):
    """The calibrated engine of a region folder (None: the shipped default region)."""
    return get_engine(region)


def scenario_key(scenario_id: str) -> str:
    """Cache key of a library or session scenario."""
    if scenario_id in store.saved():
        return "s:" + share.encode(store.saved()[scenario_id])
    return "lib:" + scenario_id


def key_of_shared(shared: share.SharedScenario) -> str:
    return "s:" + share.encode(shared)


def scenario_from_key(key: str) -> Scenario:
    kind, _, rest = key.partition(":")
    if kind == "lib":
        return store.library()[rest]
    return store.build(share.decode(rest))


#: The indicators the charts draw; the pages' charts read only these rows of the long table.
CHART_INDICATORS = ("accumulated_balance", "current_balance", "payable_months", "fiscal_subsidy",
                    "dependency_ratio", "required_subsidy", "contributions", "fee_relief")


def chart_rows(result, ids: list[str], indicators=CHART_INDICATORS) -> pd.DataFrame:
    """The long table's rows for ``indicators`` (columns ``scenario, fund, year, indicator,
    value``), taken straight from the engine's arrays ``result.series[fund][indicator]``
    (batch, n_years). The same numbers as ``result.frame()`` (tests/test_ui_runs.py), built in
    one concatenation because a lever change must redraw within half a second."""
    years = np.asarray(result.years)
    n_years, n_ids = len(years), len(ids)
    blocks, funds, inds = [], [], []
    for fund, table in result.series.items():
        for name in indicators:
            if name in table:
                blocks.append(np.asarray(table[name], dtype=float).reshape(-1))
                funds.append(fund)
                inds.append(name)
    if not blocks:
        return pd.DataFrame(columns=["scenario", "fund", "year", "indicator", "value"])
    per = n_ids * n_years
    return pd.DataFrame({
        "scenario": np.tile(np.repeat(np.asarray(ids, dtype=object), n_years), len(blocks)),
        "fund": np.repeat(np.asarray(funds, dtype=object), per),
        "year": np.tile(years, n_ids * len(blocks)),
        "indicator": np.repeat(np.asarray(inds, dtype=object), per),
        "value": np.concatenate(blocks),
    })


def _run(keys: tuple[str, ...], end: int, region: str | None):
    scenarios = [scenario_from_key(k) for k in keys]
    return scenarios, mc.compare(scenarios, end=end, engine=engine(region))


@st.cache_data(max_entries=48, show_spinner=False)
def comparison(keys: tuple[str, ...], end: int, region: str | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """``(summary, chart rows of the long table, baseline id)`` of the scenarios ``keys`` run
    together to ``end`` on ``region`` (None: the shipped region)."""
    scenarios, result = _run(keys, end, region)
    rows = chart_rows(result.result, result.ids)
    rows["unit"] = ""  # the chart builders read value by indicator; units are in variables.csv
    return result.summary, rows, result.summary.attrs.get("baseline", scenarios[0].id)


@st.cache_data(max_entries=8, show_spinner=False)
def long_table(keys: tuple[str, ...], end: int, region: str | None = None) -> pd.DataFrame:
    """The engine's full long table (``ProjectionResult.frame``: every indicator with its unit)
    for export."""
    _, result = _run(keys, end, region)
    return result.frame()


@st.cache_data(max_entries=256, show_spinner=False)
def chart_spec(kind: str, keys: tuple[str, ...], end: int, fund: str, lang: str,
               labels: tuple[tuple[str, str], ...], region: str | None = None,
               options: tuple[tuple[str, object], ...] = ()) -> dict:
    """The drawn spec (``ui.charts.spec``) of one long-table chart (``ui.charts.COMPARISON_CHARTS``
    ``kind``) of the scenarios ``keys`` to ``end``, with display names ``labels`` and the builder's
    keyword ``options`` (e.g. the risk bands). Built once per request: a page switch or a rerun
    that changes nothing about a chart redraws it without rebuilding it (Altair's ``to_dict``
    costs tens of milliseconds per chart)."""
    _, frame, _ = comparison(keys, end, region)
    builder = charts.COMPARISON_CHARTS[kind]
    return charts.spec(builder(frame, fund, lang, dict(labels), **dict(options)))
