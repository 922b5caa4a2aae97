"""The budget question, from the engine's numbers: how much extra fiscal subsidy a scenario needs
to keep a fund at its target payable months, and how much fee revenue a relief or rate cut gives
up (减免/降费金额), per year and over the projection period, in 亿元.

Definitions (each cumulative figure runs over the projected years, the base year excluded, as
``model.analysis.compare`` sums them):

- 所需追加财政补贴 (``required_subsidy``): the engine's top-up, on top of the fund's subsidy rule,
  that keeps the balance at the fund's ``subsidy_min_months`` of spending (data/variables.csv);
- 少收保险费 (减免/降费金额): the reference scenario's contributions minus this scenario's, per
  year (positive = revenue given up). Between scenarios that differ only by a relief or a rate
  cut this is exactly the fee revenue the policy forgoes; of it, 阶段性减免 is the engine's
  ``fee_relief`` (employer contributions waived by relief) difference.

Nothing is estimated here: every figure is a sum or a difference of the engine's long table.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from ui import format as fmt
from ui.i18n import t

#: Long-table indicators this module reads (``ui.runs.CHART_INDICATORS`` includes them).
INDICATORS = ("required_subsidy", "contributions", "fee_relief", "fiscal_subsidy",
              "accumulated_balance", "payable_months")


def period(frame: pd.DataFrame) -> tuple[int, int]:
    """``(first projected year, last year)`` of a long table (the base year is the first year)."""
    years = sorted(int(y) for y in frame["year"].unique())
    return (years[1] if len(years) > 1 else years[0]), years[-1]


def period_text(first: int, last: int, lang: str) -> str:
    """``"2021–2060年"`` / ``"2021–2060"``."""
    return f"{first}–{last}年" if lang == "zh" else f"{first}–{last}"


def wide(frame: pd.DataFrame, fund: str, indicator: str, ids: list[str]) -> pd.DataFrame:
    """One indicator of one fund as scenario rows × year columns, in the model's units (万元)."""
    rows = frame[(frame["fund"] == fund) & (frame["indicator"] == indicator)]
    table = rows.pivot(index="scenario", columns="year", values="value")
    return table.reindex(index=ids).astype(float)


def yearly(frame: pd.DataFrame, fund: str, ids: list[str], reference: str) -> dict[str, pd.DataFrame]:
    """Per-year budget figures (万元, scenario × projected year): ``required`` extra subsidy,
    ``forgone`` contributions against ``reference``, ``relief`` waived against ``reference``."""
    first, _ = period(frame)
    required = wide(frame, fund, "required_subsidy", ids)
    contributions = wide(frame, fund, "contributions", ids)
    has_relief = ((frame["fund"] == fund) & (frame["indicator"] == "fee_relief")).any()
    forgone = contributions.loc[reference] - contributions
    if has_relief:
        relief = wide(frame, fund, "fee_relief", ids)
        relief_forgone = relief - relief.loc[reference]
    else:  # the fund has no relief (resident and public-institution pensions)
        relief_forgone = forgone * 0.0
    keep = [y for y in required.columns if int(y) >= first]
    return {"required": required[keep], "forgone": forgone[keep], "relief": relief_forgone[keep]}


def totals(frame: pd.DataFrame, fund: str, ids: list[str], reference: str) -> pd.DataFrame:
    """Per scenario over the period (万元): ``required`` (cumulative extra subsidy), ``d_required``
    (its difference from ``reference``), ``forgone`` and ``relief`` (cumulative, against
    ``reference``)."""
    per_year = yearly(frame, fund, ids, reference)
    required = per_year["required"].sum(axis=1)
    return pd.DataFrame({
        "required": required,
        "d_required": required - required.loc[reference],
        "forgone": per_year["forgone"].sum(axis=1),
        "relief": per_year["relief"].sum(axis=1),
    })


def _yi(value: float, lang: str, signed: bool = False) -> str:
    return fmt.money_yi(value, lang, signed=signed, with_unit=False)


def budget_table(frame: pd.DataFrame, fund: str, labels: Mapping[str, str], reference: str,
                 lang: str) -> pd.DataFrame:
    """The budget answer, one row per scenario: cumulative extra subsidy, its difference from
    the reference, fee revenue forgone and the relief in it, headers with unit and period."""
    ids = [sid for sid in labels if sid in set(frame["scenario"])]
    first, last = period(frame)
    per = period_text(first, last, lang)
    sums = totals(frame, fund, ids, reference)
    out = []
    for sid in ids:
        is_ref = sid == reference
        row = sums.loc[sid]
        out.append({
            t("table.scenario", lang): labels[sid] + (t("table.base_mark", lang) if is_ref else ""),
            t("budget.col_required", lang, period=per): _yi(row["required"], lang),
            t("budget.col_d_required", lang): "—" if is_ref else _yi(row["d_required"], lang, True),
            t("budget.col_forgone", lang, period=per): "—" if is_ref else _yi(row["forgone"], lang, True),
            t("budget.col_relief", lang): "—" if is_ref else _yi(row["relief"], lang, True),
        })
    return pd.DataFrame(out)


def yearly_table(frame: pd.DataFrame, fund: str, labels: Mapping[str, str], reference: str,
                 lang: str, step: int = 5) -> pd.DataFrame:
    """Per-year extra subsidy and fee revenue forgone (亿元) for every ``step``-th year and the
    last year: rows scenario × figure, years as columns (what a budget table looks like)."""
    ids = [sid for sid in labels if sid in set(frame["scenario"])]
    per_year = yearly(frame, fund, ids, reference)
    cols = list(per_year["required"].columns)
    shown = [y for y in cols if (int(y) - int(cols[0])) % step == 0] + (
        [cols[-1]] if (int(cols[-1]) - int(cols[0])) % step else [])
    rows = []
    for sid in ids:
        for key, label in (("required", "budget.row_required"), ("forgone", "budget.row_forgone")):
            if key == "forgone" and sid == reference:
                continue
            values = per_year[key].loc[sid, shown]
            rows.append({t("table.scenario", lang): labels[sid], t("budget.col_item", lang): t(label, lang),
                         **{fmt.year(y, lang): _yi(v, lang) for y, v in values.items()}})
    return pd.DataFrame(rows)


def required_series(frame: pd.DataFrame, fund: str) -> pd.DataFrame:
    """The ``required_subsidy`` rows of a fund in long form from the first projected year, for a
    chart (万元; the chart converts to 亿元)."""
    first, _ = period(frame)
    rows = frame[(frame["fund"] == fund) & (frame["indicator"] == "required_subsidy")
                 & (frame["year"] >= first)]
    return rows


def shortfall(frame: pd.DataFrame, fund: str, scenario: str) -> tuple[int | None, float, int]:
    """``(depletion year, shortfall at the last year in 万元 (≥ 0), years since depletion)`` of
    one scenario; ``(None, 0, 0)`` when the balance stays positive over the projected years."""
    first, last = period(frame)
    rows = frame[(frame["fund"] == fund) & (frame["indicator"] == "accumulated_balance")
                 & (frame["scenario"] == scenario) & (frame["year"] >= first)].sort_values("year")
    negative = rows[rows["value"] < 0]
    if negative.empty:
        return None, 0.0, 0
    year = int(negative["year"].iloc[0])
    end_value = float(rows["value"].iloc[-1])
    return year, max(-end_value, 0.0), last - year


def depleted_text(frame: pd.DataFrame, fund: str, scenario: str, lang: str) -> str | None:
    """``"已耗尽（2035年起，已10年）· 缺口 12.34亿元"`` for a depleted fund, else None."""
    year, gap, since = shortfall(frame, fund, scenario)
    if year is None:
        return None
    _, last = period(frame)
    return t("budget.depleted", lang, year=year, since=since, last=last,
             gap=fmt.money_yi(gap, lang))

