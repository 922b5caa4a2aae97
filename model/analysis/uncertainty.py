"""Lead with uncertainty: the Monte Carlo range of the depletion year, the probability of depletion
by set years, and the assumptions the answer is most sensitive to — one place for the words the
command line, the app, the reports and the README put beside a deterministic depletion year.

Why: the enterprise fund's current balance stays within a few per cent of its spending for
years, so a single "exhausted in 2043" hides how easily the year moves. Every headlined
depletion year is therefore shown with:

- ``depletion_p10`` / ``depletion_p50`` / ``depletion_p90`` — quantiles of the depletion year
  (first projected year with ``accumulated_balance < 0``, as in ``model.analysis.compare``) over
  the Monte Carlo paths of ``model.analysis.montecarlo``. The q-quantile is the first year by
  which at least a share q of the paths has run out (the inverse of the empirical distribution
  function, so it agrees with the probability column: P(depleted by p10) ≥ 10%). Paths that do
  not run out by the horizon count as "later than the horizon"; a quantile that falls among them
  is ``<NA>`` (shown as "after <horizon>").
- ``p_depleted_<year>`` for :data:`MARK_YEARS` (2030, 2035, 2040) and ``p_depleted_horizon`` —
  the share of paths whose accumulated balance has gone negative in or before that year
  (``NaN`` for a year beyond the horizon).
- one line naming the assumptions the answer moves most with, from the one-at-a-time tornado
  (``model.analysis.sensitivity``): ranked by the swing of the depletion year when the base or
  either side runs out by the horizon, else by the swing of the horizon balance.

Every scenario is simulated with the same seed, i.e. the same random paths (common random
numbers), so differences between scenarios are not sampling noise. The deterministic year comes
from the comparison summary; the first *sustained* deficit year (three years running) is defined
in ``model.analysis.compare``.

See also: ``model.analysis.montecarlo`` (the random processes), ``model.analysis.compare``.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from model.analysis.compare import ALL_FUNDS, DEFAULT_END, SUSTAINED_YEARS, _plain_columns
from model.analysis.montecarlo import run_montecarlo
from model.analysis.text_table import missing, text_table, year_cell
from model.baseline.region import FUND_NAMES
from model.engine.cache import get_engine
from model.scenarios.library import Scenario

if TYPE_CHECKING:   # pandas is imported where a DataFrame is built (start-up of the CLI)
    import pandas as pd

#: years for which the probability of depletion is headlined
MARK_YEARS = (2030, 2035, 2040)
#: quantiles of the depletion year shown: the 10–90% range and the median
QUANTILES = (10, 50, 90)
#: paths per scenario for the compare command and the app's headlines: 1,000 keeps the sampling
#: error of a probability near 50% at about ±1.6 points (one standard error) and one scenario's
#: simulation well under a second; reports use montecarlo.REPORT_PATHS
DEFAULT_PATHS = 1_000
DEFAULT_SEED = 20200101
#: sentence subjects where the region format's short names read badly ("合计")
SENTENCE_NAMES = {"total": ("五项基金合计", "All five funds together")}


def quantile_year(years: np.ndarray, p_by_year: np.ndarray, n_paths: int, q: float) -> float:
    """The first year by which at least ``q`` (a fraction) of ``n_paths`` paths have run out,
    from the cumulative share ``p_by_year`` (non-decreasing, one per year); NaN if that happens
    only after the last year. Counts are compared as integers, so 100 of 1,000 paths is 10%."""
    needed = math.ceil(q * n_paths - 1e-9)
    counts = np.rint(np.asarray(p_by_year, dtype=float) * n_paths)
    hit = np.nonzero(counts >= max(needed, 1))[0]
    return float(years[hit[0]]) if hit.size else float("nan")


def depletion_figures(years: np.ndarray, p: np.ndarray, n_paths: int, horizon: int,
                      marks: Sequence[int] = MARK_YEARS) -> dict[str, float]:
    """One fund's quantiles and probabilities above from the cumulative share of paths run out
    by each year (``p``, one per year of ``years``, ascending)."""
    years = np.asarray(years)
    p = np.asarray(p, dtype=float)
    row = {f"depletion_p{q}": quantile_year(years, p, n_paths, q / 100) for q in QUANTILES}
    for y in marks:
        at = np.nonzero(years == y)[0]
        row[f"p_depleted_{y}"] = float(p[at[0]]) if at.size else float("nan")
    row["p_depleted_horizon"] = float(p[years == horizon][0]) if (years == horizon).any() \
        else float("nan")
    return row


def summarise_depletion(depletion: "pd.DataFrame", n_paths: int, horizon: int,
                        marks: Sequence[int] = MARK_YEARS) -> dict[str, dict[str, float]]:
    """Per fund, the quantiles and probabilities above from a Monte Carlo result's ``depletion``
    table (fund, year, p_depleted — the cumulative share of paths run out by each year)."""
    out = {}
    for fund, part in depletion.groupby("fund", sort=False):
        part = part.sort_values("year")
        out[str(fund)] = depletion_figures(part["year"].to_numpy(),
                                           part["p_depleted"].to_numpy(dtype=float),
                                           n_paths, horizon, marks)
    return out


def depletion_rows(scenarios: Sequence[Scenario], paths: int = DEFAULT_PATHS,
                   seed: int = DEFAULT_SEED, end: int = DEFAULT_END, engine=None,
                   volatility: float = 1.0, marks: Sequence[int] = MARK_YEARS) -> list[dict]:
    """The rows of :func:`depletion_uncertainty` as dicts (quantile years as floats, NaN when
    after the horizon), without pandas."""
    engine = engine or get_engine()
    rows = []
    for s in scenarios:
        res = run_montecarlo(paths, seed, end, base=s, volatility=volatility, engine=engine,
                             indicators=("accumulated_balance",))
        horizon = int(res.years[-1])
        for fund in ALL_FUNDS:
            figures = depletion_figures(res.years[1:], res.depleted_share[fund], res.n_paths,
                                        horizon, marks)
            rows.append({"scenario": s.id, "fund": fund, "paths": res.n_paths, "seed": seed,
                         "horizon": horizon, **figures})
    return rows


def depletion_frame(rows: Sequence[Mapping], paths: int, seed: int, volatility: float = 1.0,
                    marks: Sequence[int] = MARK_YEARS) -> "pd.DataFrame":
    """The DataFrame of :func:`depletion_rows`: quantile years nullable integers, the run's
    settings in ``attrs``."""
    import pandas as pd

    out = pd.DataFrame(list(rows))
    for q in QUANTILES:
        out[f"depletion_p{q}"] = out[f"depletion_p{q}"].round().astype("Int64")
    out.attrs.update(paths=paths, seed=seed, marks=tuple(marks), volatility=volatility)
    return out


def depletion_uncertainty(scenarios: Sequence[Scenario], paths: int = DEFAULT_PATHS,
                          seed: int = DEFAULT_SEED, end: int = DEFAULT_END, engine=None,
                          volatility: float = 1.0,
                          marks: Sequence[int] = MARK_YEARS) -> "pd.DataFrame":
    """One row per scenario × fund (``total`` included): ``scenario, fund, paths, seed, horizon``,
    ``depletion_p10/p50/p90`` (nullable years) and ``p_depleted_<mark>`` / ``p_depleted_horizon``
    (fractions), from ``paths`` Monte Carlo paths around each scenario, all with ``seed``."""
    rows = depletion_rows(scenarios, paths, seed, end, engine, volatility, marks)
    return depletion_frame(rows, paths, seed, volatility, marks)


# ------------------------------------------------------------------ words


_na = missing   # None, NaN or pandas' NA


def percent_text(p: float) -> str:
    """A probability in whole per cent, half away from zero; "<1%" / ">99%" so that a rare but
    possible outcome never reads as 0% or 100%."""
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 <= p < 1:
        return ">99%"
    return f"{math.floor(round(p * 100, 9) + 0.5)}%"   # round(…, 9): 0.285·100 = 28.4999…


def range_text(row: Mapping, lang: str = "zh") -> str:
    """The Monte Carlo clause for one scenario × fund row of :func:`depletion_uncertainty`,
    e.g. ``蒙特卡洛1,000条路径：耗尽年份10–90%区间2036–2052年；至2030/2035/2040年耗尽概率38%/46%/54%``."""
    horizon = int(row["horizon"])
    n = f"{int(row['paths']):,}"
    lo, hi = row["depletion_p10"], row["depletion_p90"]
    marks = [y for y in MARK_YEARS if f"p_depleted_{y}" in row and not _na(row[f"p_depleted_{y}"])]
    probs = "/".join(percent_text(float(row[f"p_depleted_{y}"])) for y in marks)
    years = "/".join(str(y) for y in marks)
    p_h = float(row["p_depleted_horizon"])
    if lang == "zh":
        head = f"蒙特卡洛{n}条路径："
        if _na(lo):
            span = (f"至{horizon}年无一条路径耗尽" if p_h == 0 else
                    f"至{horizon}年耗尽的概率仅{percent_text(p_h)}")
        elif _na(hi):
            span = f"耗尽年份10–90%区间{int(lo)}年至{horizon}年以后"
        elif int(lo) == int(hi):
            span = f"耗尽年份10–90%区间均为{int(lo)}年"
        else:
            span = f"耗尽年份10–90%区间{int(lo)}–{int(hi)}年"
        tail = f"；至{years}年耗尽概率{probs}" if marks and not (_na(lo) and p_h == 0) else ""
        return head + span + tail
    head = f"Monte Carlo, {n} paths: "
    if _na(lo):
        span = (f"no path runs out by {horizon}" if p_h == 0 else
                f"only {percent_text(p_h)} run out by {horizon}")
    elif _na(hi):
        span = f"10–90% range of the depletion year {int(lo)} to after {horizon}"
    elif int(lo) == int(hi):
        span = f"10–90% range of the depletion year all in {int(lo)}"
    else:
        span = f"10–90% range of the depletion year {int(lo)}–{int(hi)}"
    tail = (f"; probability of running out by {years}: {probs}"
            if marks and not (_na(lo) and p_h == 0) else "")
    return head + span + tail


def deficit_text(row: Mapping, lang: str = "zh") -> str:
    """The first and the first sustained deficit year of a comparison-summary row, in words;
    empty when the fund runs no current deficit to the horizon."""
    first, sustained = row["first_deficit_year"], row.get("first_sustained_deficit_year")
    if _na(first):
        return ""
    if lang == "zh":
        text = f"{int(first)}年首次出现当期赤字"
        if _na(sustained):
            return text + f"，但未连续{SUSTAINED_YEARS}年"
        if int(sustained) == int(first):
            return text + f"并持续（连续{SUSTAINED_YEARS}年以上）"
        return text + f"，{int(sustained)}年起持续赤字（连续{SUSTAINED_YEARS}年以上）"
    text = f"first current deficit in {int(first)}"
    if _na(sustained):
        return text + f", never {SUSTAINED_YEARS} years running"
    if int(sustained) == int(first):
        return text + f", sustained from then ({SUSTAINED_YEARS}+ years running)"
    return text + f", sustained from {int(sustained)} ({SUSTAINED_YEARS}+ years running)"


def sustained_text(row: Mapping, lang: str = "zh") -> str:
    """Only the sustained part, for a sentence that already names the first deficit year:
    ``2038年起持续赤字（连续3年以上）`` / ``当期赤字未连续3年``; empty without a deficit or without
    the summary column."""
    if _na(row.get("first_deficit_year")) or "first_sustained_deficit_year" not in row:
        return ""
    sustained = row["first_sustained_deficit_year"]
    if lang == "zh":
        return (f"当期赤字至今未连续{SUSTAINED_YEARS}年" if _na(sustained)
                else f"{int(sustained)}年起持续赤字（连续{SUSTAINED_YEARS}年以上）")
    return (f"the deficit never lasts {SUSTAINED_YEARS} years running" if _na(sustained)
            else f"sustained deficit from {int(sustained)} ({SUSTAINED_YEARS}+ years running)")


#: column headings and cell words for tables that show the figures above (zh, en)
LABELS = {
    "sustained": (f"持续赤字起始年份（连续{SUSTAINED_YEARS}年）",
                  f"First sustained deficit year ({SUSTAINED_YEARS} years running)"),
    "never_sustained": (f"至{{horizon}}年未连续{SUSTAINED_YEARS}年赤字",
                        f"not {SUSTAINED_YEARS} years running by {{horizon}}"),
    "range": ("耗尽年份10–90%区间（蒙特卡洛）", "Depletion year, 10–90% range (Monte Carlo)"),
    "p_by": ("至{year}年耗尽概率", "P(runs out by {year})"),
    "after": ("{horizon}年以后", "after {horizon}"),
    "no_range": ("耗尽概率不足10%", "under 10% run out"),
}


def label(key: str, lang: str = "zh", **values) -> str:
    """One of :data:`LABELS` in ``lang`` with its placeholders filled."""
    zh, en = LABELS[key]
    return (zh if lang == "zh" else en).format(**values)


def range_cell(row: Mapping, lang: str = "zh") -> str:
    """``2036–2052年`` / ``2036–2060年以后`` / ``耗尽概率不足10%`` for a table cell."""
    lo, hi, horizon = row["depletion_p10"], row["depletion_p90"], int(row["horizon"])
    if _na(lo):
        return label("no_range", lang)
    if _na(hi):
        return f"{int(lo)}–{label('after', lang, horizon=horizon)}" if lang == "zh" else \
            f"{int(lo)} to {label('after', lang, horizon=horizon)}"
    if int(lo) == int(hi):
        return f"{int(lo)}年" if lang == "zh" else str(int(lo))
    return f"{int(lo)}–{int(hi)}年" if lang == "zh" else f"{int(lo)}–{int(hi)}"


def fund_sentence(summary_row: Mapping, uncertainty_row: Mapping | None, lang: str = "zh",
                  horizon: int | None = None) -> str:
    """The headline for one fund under one scenario, e.g. ``企业职工基本养老保险基金预计2043年
    耗尽（蒙特卡洛…）；2024年首次出现当期赤字，2038年起持续赤字（连续3年以上）。``"""
    fund = str(summary_row["fund"])
    zh_name, en_name = SENTENCE_NAMES.get(fund, FUND_NAMES[fund])
    dep = summary_row["depletion_year"]
    if horizon is None:
        horizon = int(uncertainty_row["horizon"]) if uncertainty_row is not None else DEFAULT_END
    mc = f"（{range_text(uncertainty_row, 'zh')}）" if uncertainty_row is not None else ""
    mc_en = f" ({range_text(uncertainty_row, 'en')})" if uncertainty_row is not None else ""
    deficits = deficit_text(summary_row, lang)
    if lang == "zh":
        name = zh_name + ("" if fund == "total" else "基金")
        verdict = (f"{name}预计{int(dep)}年累计结余耗尽" if not _na(dep)
                   else f"{name}至{horizon}年累计结余不耗尽")
        return verdict + mc + (f"；{deficits}" if deficits else "") + "。"
    verdict = (f"{en_name}: the accumulated balance is expected to run out in {int(dep)}"
               if not _na(dep) else f"{en_name}: the accumulated balance lasts to {horizon}")
    return verdict + mc_en + (f"; {deficits}" if deficits else "") + "."


# ------------------------------------------------------------------ the tornado in one line


def rank_sensitive(rows: Sequence[Mapping], fund: str, top: int = 3) -> tuple[list[dict], str]:
    """The ``top`` assumptions the fund's answer moves most with, from the tornado's rows
    (``model.analysis.sensitivity``), and the measure used: ``depletion`` (swing of the depletion
    year, never-depleted counted as horizon + 1) when the base or a side runs out by the
    horizon, else ``balance`` (swing of the horizon balance). Ranked by the depletion year,
    assumptions that do not move it are left out (fewer than ``top`` rows). Each returned row
    carries its ``depletion_swing``; ties keep the tornado's order."""
    mine = [dict(r) for r in rows if r["fund"] == fund]
    measure = "depletion" if any(not missing(r[k]) for r in mine for k in
                                 ("depletion_year_low", "depletion_year_base",
                                  "depletion_year_high")) else "balance"
    for r in mine:
        r["depletion_swing"] = abs(_number(r["depletion_effect_high"]) - _number(r["depletion_effect_low"]))
    if measure == "depletion":
        # an assumption that leaves the depletion year where it is says nothing about it
        mine = [r for r in mine if r["depletion_swing"] > 0]
        ranked = sorted(mine, key=lambda r: (_descending(r["depletion_swing"]),
                                             _descending(r["balance_swing"])))
    else:
        ranked = sorted(mine, key=lambda r: _descending(r["balance_swing"]))
    return ranked[:top], measure


def _number(value: object) -> float:
    return math.nan if missing(value) else float(value)


def _descending(value: object) -> float:
    """Sort key for largest first with missing values last (as pandas sorts)."""
    x = _number(value)
    return math.inf if math.isnan(x) else -x


def most_sensitive(tornado: "pd.DataFrame", fund: str, top: int = 3) -> tuple["pd.DataFrame", str]:
    """:func:`rank_sensitive` on ``model.analysis.sensitivity.run_sensitivity``'s table: the
    ranked rows (with ``depletion_swing``, the table's index kept) and the measure."""
    rows = tornado[tornado["fund"] == fund]
    records = rows.to_dict("records")
    for index, record in zip(rows.index, records):
        record["_index"] = index
    ranked, measure = rank_sensitive(records, fund, top)
    out = rows.loc[[r["_index"] for r in ranked]].copy()
    out["depletion_swing"] = [r["depletion_swing"] for r in ranked]
    return out, measure


def _effect_years(effect, side_never: bool, base_never: bool) -> str:
    """``+3`` / ``−2``; ``≥+18`` when the side does not run out by the horizon (the effect is a
    lower bound), ``≤−9`` when the base does not but the side does (an upper bound)."""
    e = int(effect)
    text = f"{e:+d}".replace("-", "−")
    if side_never and not base_never:
        return "≥" + text
    if base_never and not side_never:
        return "≤" + text
    return text


def sensitivity_line(tornado, fund: str, lang: str = "zh", top: int = 3) -> str:
    """One line: which assumptions the fund's answer is most sensitive to, with the effect of
    each side (years of depletion, or 亿元 of horizon balance). A year effect with ``≥`` / ``≤`` is
    a bound: that side (or the base) does not run out by the horizon. ``tornado`` is
    ``run_sensitivity``'s DataFrame or ``tornado_rows``' rows (both carry ``attrs``)."""
    rows = tornado.to_dict("records") if hasattr(tornado, "to_dict") else tornado
    ranked, measure = rank_sensitive(rows, fund, top)
    zh_name, en_name = SENTENCE_NAMES.get(fund, FUND_NAMES[fund])
    horizon = tornado.attrs.get("horizon", DEFAULT_END)
    parts = []
    for r in ranked:
        label = r["label_zh"] if lang == "zh" else r["label_en"]
        if measure == "depletion":
            base_never = _na(r["depletion_year_base"])
            low = _effect_years(r["depletion_effect_low"], _na(r["depletion_year_low"]), base_never)
            high = _effect_years(r["depletion_effect_high"], _na(r["depletion_year_high"]),
                                 base_never)
            unit = "年" if lang == "zh" else " years"
        else:
            low = f"{r['balance_effect_low'] / 1e4:+,.1f}".replace("-", "−")
            high = f"{r['balance_effect_high'] / 1e4:+,.1f}".replace("-", "−")
            unit = "亿元"
        parts.append(f"{label}（{low}/{high}{unit}）" if lang == "zh"
                     else f"{label} ({low}/{high}{unit})")
    if not parts:
        return ""
    if lang == "zh":
        what = "耗尽年份" if measure == "depletion" else f"{horizon}年累计结余"
        return f"{zh_name}：{what}对以下假设最敏感（低/高两侧的影响）：" + "、".join(parts) + "。"
    what = "the depletion year" if measure == "depletion" else f"the {horizon} balance"
    return (f"{en_name}: {what} is most sensitive to (effect of the low/high side) "
            + "; ".join(parts) + ".")


# ------------------------------------------------------------------ presentation


def format_uncertainty(table, summary=None, lang: str = "zh",
                       funds: Sequence[str] | None = None) -> str:
    """A plain-text table of :func:`depletion_uncertainty` (its DataFrame, or
    :func:`depletion_rows`' rows) for the terminal, with the deterministic depletion year of
    ``summary`` (the comparison summary, DataFrame or plain columns) beside the range."""
    rows = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    rows = [r for r in rows if funds is None or r["fund"] in funds]
    deterministic = None
    if summary is not None:
        columns = _plain_columns(summary)
        deterministic = {(s, f): y for s, f, y in zip(columns["scenario"], columns["fund"],
                                                      columns["depletion_year"])}
    horizon = max((int(r["horizon"]) for r in rows), default=DEFAULT_END)
    after = f"{horizon}后" if lang == "zh" else f"after {horizon}"
    zh = lang == "zh"
    out: dict[str, list[str]] = {"scenario": [str(r["scenario"]) for r in rows],
                                 "fund": [str(r["fund"]) for r in rows]}
    if deterministic is not None:
        out["确定性耗尽年份" if zh else "deterministic depletion"] = [
            year_cell(deterministic.get((r["scenario"], r["fund"])), after) for r in rows]
    for q in QUANTILES:
        out[f"P{q}"] = [year_cell(r[f"depletion_p{q}"], after) for r in rows]
    for y in MARK_YEARS:
        col = f"p_depleted_{y}"
        if any(col in r and not missing(r[col]) for r in rows):
            out[f"至{y}年耗尽概率" if zh else f"P(out by {y})"] = [percent_text(r[col]) for r in rows]
    out[f"至{horizon}年耗尽概率" if zh else f"P(out by {horizon})"] = [
        percent_text(r["p_depleted_horizon"]) for r in rows]
    return text_table(out)
