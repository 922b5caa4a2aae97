"""One headline sentence per fund, written from the comparison summary's numbers.

The sentence states the baseline's verdict (runs dry in year Y, or holds to the horizon with its
lowest cover) — with, when the Monte Carlo figures of ``model.analysis.uncertainty`` are given,
the 10–90% range of the depletion year and the probability of depletion by 2030/2035/2040, and
the first sustained deficit year (three years running) beside the first deficit year — and then,
for the other scenario that moves the depletion year the most (or, when none does, the minimum
payable months), how far and in which direction. Only figures from ``model.analysis.compare``'s
summary and ``model.analysis.uncertainty`` are used; nothing is estimated here.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd
import streamlit as st

from model.analysis import uncertainty as unc
from model.analysis.compare import ALL_FUNDS
from model.analysis.sensitivity import run_sensitivity
from ui import format as fmt
from ui import runs
from ui.i18n import fund_label, t


def _is_na(x: object) -> bool:
    return x is None or x is pd.NA or fmt.is_missing(x)


def _bracket(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _verdict(row: Mapping, horizon: int, lang: str, mc: Mapping | None = None) -> str:
    row = dict(row)
    mc_text = _bracket(unc.range_text(mc, lang), lang) if mc is not None else ""
    sep = t("headline.sep", lang)
    if not _is_na(row["depletion_year"]):
        text = t("headline.depletes", lang, year=int(row["depletion_year"])) + mc_text
        deficits = unc.deficit_text(row, lang) if "first_sustained_deficit_year" in row else ""
        return text + (sep + deficits if deficits else "")
    if not _is_na(row["first_deficit_year"]):
        text = t("headline.deficit_only", lang, year=int(row["first_deficit_year"]), horizon=horizon,
                 months=fmt.months(row["min_payable_months"], lang))
        sustained = unc.sustained_text(row, lang)
        return text + (sep + sustained if sustained else "") + mc_text
    return t("headline.healthy", lang, horizon=horizon,
             months=fmt.months(row["min_payable_months"], lang)) + mc_text


def _change(row: Mapping, base: Mapping, name: str, horizon: int, lang: str) -> str:
    dep, base_dep = row["depletion_year"], base["depletion_year"]
    if _is_na(dep) and _is_na(base_dep):
        diff = float(row["min_payable_months"]) - float(base["min_payable_months"])
        if abs(diff) < 0.05:
            return t("headline.same", lang, name=name)
        key = "headline.months_up" if diff > 0 else "headline.months_down"
        return t(key, lang, name=name, months=fmt.months(abs(diff), lang),
                 value=fmt.months(row["min_payable_months"], lang))
    if _is_na(dep):
        return t("headline.no_longer_depletes", lang, name=name, horizon=horizon)
    if _is_na(base_dep):
        return t("headline.now_depletes", lang, name=name, year=int(dep))
    years = int(dep) - int(base_dep)
    if years == 0:
        return t("headline.same_year", lang, name=name)
    key = "headline.earlier" if years < 0 else "headline.later"
    n = abs(years)  # English counts its years ("1 year", "17 years"); Chinese has "{years}年" in the text
    return t(key, lang, name=name, years=n if lang == "zh" else f"{n} year{'s' if n != 1 else ''}", year=int(dep))


def _subsidy(row: Mapping, base: Mapping, lang: str) -> str:
    diff = float(row["cumulative_subsidy"]) - float(base["cumulative_subsidy"])
    if abs(diff) < 0.5:  # under 0.5 万元: no difference worth a clause
        return ""
    return t("headline.subsidy", lang, amount=fmt.money_yi(diff, lang, signed=True))


def _movement(row: Mapping, base: Mapping, horizon: int) -> float:
    """How much a scenario moves the fund: depletion shift in years (never-depletes counted as
    the horizon + 1), then payable months as a tie-breaker."""
    def dep(r):
        return horizon + 1 if _is_na(r["depletion_year"]) else int(r["depletion_year"])
    return abs(dep(row) - dep(base)) * 1000 + abs(float(row["min_payable_months"])
                                                 - float(base["min_payable_months"]))


def uncertainty_row(uncertainty: pd.DataFrame | None, scenario: str, fund: str) -> Mapping | None:
    """The row of ``depletion_uncertainty``'s table for ``scenario`` × ``fund`` (None if absent)."""
    if uncertainty is None:
        return None
    hit = uncertainty[(uncertainty["scenario"] == scenario) & (uncertainty["fund"] == fund)]
    return None if hit.empty else hit.iloc[0].to_dict()


def headline(summary: pd.DataFrame, fund: str, labels: Mapping[str, str], horizon: int,
             lang: str = "zh", baseline: str | None = None,
             uncertainty: pd.DataFrame | None = None) -> str:
    """The sentence for ``fund``: the baseline's verdict, then the scenario that moves it most.

    ``summary`` is ``model.analysis.compare``'s summary (one row per scenario × fund); ``labels`` maps
    scenario ids to display names; ``baseline`` defaults to ``summary.attrs["baseline"]``;
    ``uncertainty`` is ``model.analysis.uncertainty.depletion_uncertainty``'s table (optional):
    the baseline's Monte Carlo range and probabilities go beside its verdict.
    """
    rows = summary[summary["fund"] == fund].set_index("scenario")
    if rows.empty:
        return ""
    base_id = baseline or summary.attrs.get("baseline") or rows.index[0]
    base = rows.loc[base_id]
    text = (t("headline.start", lang, fund=fund_label(fund, lang), name=labels.get(base_id, base_id))
            + _verdict(base, horizon, lang, uncertainty_row(uncertainty, base_id, fund)))
    others = [sid for sid in rows.index if sid != base_id]
    if not others:
        return text + t("headline.end", lang)
    mover = max(others, key=lambda sid: _movement(rows.loc[sid], base, horizon))
    row = rows.loc[mover]
    text += t("headline.sep", lang) + _change(row, base, labels.get(mover, mover), horizon, lang)
    return text + _subsidy(row, base, lang) + t("headline.end", lang)


@st.cache_data(max_entries=32, show_spinner=False)
def uncertainty(keys: tuple[str, ...], end: int, region: str | None = None,
                paths: int = unc.DEFAULT_PATHS, seed: int = unc.DEFAULT_SEED) -> pd.DataFrame:
    """``depletion_uncertainty`` for the scenarios ``keys`` (``runs.scenario_key`` form) on the
    region's cached engine, cached by its inputs: the same paths (seed) for every scenario."""
    scenarios = [runs.scenario_from_key(k) for k in keys]
    return unc.depletion_uncertainty(scenarios, paths=paths, seed=seed, end=end,
                                     engine=runs.engine(region))


@st.cache_data(max_entries=16, show_spinner=False)
def tornado(key: str, end: int, region: str | None = None) -> pd.DataFrame:
    """``run_sensitivity`` (one batched run) for the scenario ``key`` on the region's engine."""
    return run_sensitivity(runs.scenario_from_key(key), end=end, engine=runs.engine(region))


def sensitivity_lines(table: pd.DataFrame, lang: str = "zh") -> list[str]:
    """The tornado's one line per fund whose depletion year it moves (the fund or one side of an
    assumption runs out by the horizon); funds that stay solvent whatever is moved are left out."""
    return [unc.sensitivity_line(table, fund, lang) for fund in ALL_FUNDS
            if unc.most_sensitive(table, fund)[1] == "depletion"]
