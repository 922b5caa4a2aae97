"""Cached engine runs for the pages. The engine is built (and calibrated) once per server
process; a comparison is cached by the exact scenarios and horizon, so going back to a lever
setting already seen is instant and a new setting costs one batched engine call.

Scenarios are keyed by text: ``lib:<id>`` for a shipped scenario, ``s:<share code>`` for one
built in the session (the share code holds its base and own levers exactly).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from model import compare as mc
from model.scenarios import Scenario
from ui import scenario_store as store
from ui import share


@st.cache_resource(show_spinner=False)
def engine():
    """The calibrated engine of the default region."""
    return mc.get_engine()


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


@st.cache_data(max_entries=48, show_spinner=False)
def comparison(keys: tuple[str, ...], end: int) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """``(summary, long table, baseline id)`` of the scenarios ``keys`` run together to ``end``."""
    scenarios = [scenario_from_key(k) for k in keys]
    result = mc.compare(scenarios, end=end, engine=engine())
    return result.summary, result.frame(), result.summary.attrs.get("baseline", scenarios[0].id)
