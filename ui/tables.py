"""Summary tables for the Compare page, formatted from ``model.analysis.compare``'s summary frame
and, when given, ``model.analysis.uncertainty``'s Monte Carlo table (range and probabilities
beside each depletion year)."""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from model.analysis import uncertainty as unc
from ui import format as fmt
from ui.i18n import t


def _na(x: object) -> bool:
    return x is None or x is pd.NA or fmt.is_missing(x)


def year_cell(value, diff, lang: str, never_key: str, horizon: int, show_diff: bool) -> str:
    """``"2031年（-3 年）"``; ``"未出现（至2060年）"`` when the event never happens."""
    text = t(never_key, lang, horizon=horizon) if _na(value) else fmt.year(value, lang)
    if show_diff and not _na(diff) and int(diff) != 0:
        text += f"（{fmt.years_diff(diff, lang)}）" if lang == "zh" else f" ({fmt.years_diff(diff, lang)})"
    return text


def _with_diff(text: str, diff_text: str | None, lang: str) -> str:
    if not diff_text:
        return text
    return f"{text}（{diff_text}）" if lang == "zh" else f"{text} ({diff_text})"


def summary_table(summary: pd.DataFrame, fund: str, labels: Mapping[str, str], horizon: int,
                  lang: str = "zh", baseline: str | None = None,
                  uncertainty: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per scenario for ``fund``: first deficit year, first sustained deficit year (when
    the summary has it), depletion year, minimum payable months and cumulative fiscal subsidy
    (亿元), each but the baseline's with its difference from the baseline in brackets; with
    ``uncertainty`` (``depletion_uncertainty``'s table) also the Monte Carlo 10–90% range of the
    depletion year and the probability of depletion by each headlined year."""
    rows = summary[summary["fund"] == fund]
    mc = None if uncertainty is None else \
        uncertainty[uncertainty["fund"] == fund].set_index("scenario")
    base_id = baseline or summary.attrs.get("baseline")
    out = []
    for _, r in rows.iterrows():
        is_base = r["scenario"] == base_id
        months_diff = None if is_base or abs(float(r["d_min_payable_months"])) < 0.05 else \
            fmt.months(r["d_min_payable_months"], lang, signed=True)
        subsidy_diff = None if is_base or abs(float(r["d_cumulative_subsidy"])) < 0.5 else \
            fmt.money_yi(r["d_cumulative_subsidy"], lang, signed=True, with_unit=False)
        name = labels.get(r["scenario"], r["scenario"])
        cells = {
            t("table.scenario", lang): name + (t("table.base_mark", lang) if is_base else ""),
            t("table.first_deficit", lang): year_cell(r["first_deficit_year"], r["d_first_deficit_year"],
                                                      lang, "table.never_deficit", horizon, not is_base),
        }
        if "first_sustained_deficit_year" in r:
            cells[unc.label("sustained", lang)] = _sustained_cell(r, lang, horizon, not is_base)
        cells.update({
            t("table.depletion", lang): year_cell(r["depletion_year"], r["d_depletion_year"], lang,
                                                  "table.never_depleted", horizon, not is_base),
        })
        if mc is not None and r["scenario"] in mc.index:
            m = mc.loc[r["scenario"]].to_dict()
            cells[unc.label("range", lang)] = unc.range_cell(m, lang)
            for y in unc.MARK_YEARS:
                if not _na(m.get(f"p_depleted_{y}")):
                    cells[unc.label("p_by", lang, year=y)] = unc.percent_text(m[f"p_depleted_{y}"])
        cells.update({
            t("table.min_months", lang): _with_diff(fmt.months(r["min_payable_months"], lang),
                                                    months_diff, lang)
            + (f" · {fmt.year(r['min_payable_months_year'], lang)}" if "min_payable_months_year" in r
               and not _na(r["min_payable_months_year"]) else ""),
            t("table.cumulative_subsidy", lang): _with_diff(
                fmt.money_yi(r["cumulative_subsidy"], lang, with_unit=False), subsidy_diff, lang),
        })
        out.append(cells)
    return pd.DataFrame(out)


def _sustained_cell(r, lang: str, horizon: int, show_diff: bool) -> str:
    value, diff = r["first_sustained_deficit_year"], r.get("d_first_sustained_deficit_year")
    if _na(value):
        return unc.label("never_sustained", lang, horizon=horizon)
    return year_cell(value, diff, lang, "table.never_deficit", horizon, show_diff)
