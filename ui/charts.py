"""Altair charts a bureau leader can read in ten seconds, and their PNG/SVG export.

Every builder takes the engine's long table (columns ``scenario, fund, year, indicator, value,
unit``; money in 万元, people in persons) or a small derived frame, and returns a finished chart
with translated title and axes. Money axes are in 亿元 (value ÷ 10 000). Nothing here computes a
projection: the charts only reshape and draw what the model produced.

Export renders through vl-convert with a CJK font so Chinese labels are glyphs, not boxes.
"""
from __future__ import annotations

import glob
import os
from functools import lru_cache
from typing import Mapping, Sequence

import altair as alt
import pandas as pd

from ui import format as fmt
from ui.i18n import STRINGS, fund_label, indicator_label, t

#: Chart font: a CJK face first (Debian's fonts-noto-cjk; Windows and macOS names after it).
FONT_STACK = ("Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
              "WenQuanYi Micro Hei, sans-serif")
#: Where fonts-noto-cjk installs its files; also searched under any fonts root below.
FONT_ROOTS = ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"))

MONEY_INDICATORS = frozenset({"income_total", "contributions", "fiscal_subsidy", "interest",
                              "expenditure_total", "benefits", "current_balance",
                              "accumulated_balance", "required_subsidy", "fee_relief"})
PERSON_INDICATORS = frozenset({"contributors", "beneficiaries"})

RED = "#d62728"
AMBER = "#f2a900"
GREEN = "#2ca02c"
#: Scenario colours: the first (the reference, usually the baseline) dark grey-blue, then distinct hues.
SCENARIO_COLOURS = alt.Scale(range=["#1f3b73", "#e8590c", "#2f9e44", "#9c36b5", "#c92a2a", "#1098ad"])
WIDTH = 560
HEIGHT = 280

LONG_COLUMNS = ("scenario", "fund", "year", "indicator", "value", "unit")


def _axis_unit(indicator: str, lang: str) -> str:
    if indicator in MONEY_INDICATORS:
        return fmt.unit_label("yi", lang)
    if indicator in PERSON_INDICATORS:
        return fmt.unit_label("persons", lang)
    if indicator == "payable_months":
        return fmt.unit_label("months", lang)
    if indicator == "depletion_year":
        return fmt.unit_label("years", lang)
    return fmt.unit_label("ratio", lang)


def axis_title(indicator: str, lang: str) -> str:
    """``"累计结余（亿元）"`` / ``"Accumulated balance (100 million yuan)"``."""
    unit = _axis_unit(indicator, lang)
    if lang == "zh":
        return f"{indicator_label(indicator, lang)}（{unit}）"
    return f"{indicator_label(indicator, lang)} ({unit})"


def series(table: pd.DataFrame, fund: str, indicator: str,
           labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Rows of one fund and indicator as ``scenario, label, year, value``; money converted to 亿元.

    ``labels`` maps scenario ids to display names (the id itself when absent). Raises
    ``KeyError`` if the table lacks a long-table column.
    """
    missing = [c for c in LONG_COLUMNS if c not in table.columns]
    if missing:
        raise KeyError(f"long table lacks columns {missing}")
    rows = table[(table["fund"] == fund) & (table["indicator"] == indicator)]
    out = rows[["scenario", "year", "value"]].copy()
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    if indicator in MONEY_INDICATORS:
        out["value"] = out["value"] / fmt.WAN_PER_YI
    names = dict(labels or {})
    out["label"] = [names.get(s, str(s)) for s in out["scenario"]]
    return out.sort_values(["scenario", "year"]).reset_index(drop=True)


#: A title wider than this (estimated pixels at 15 px) is set on two lines, split after the
#: fund name, so it never runs past a narrow chart's edge.
TITLE_SPLIT_PX = 420


def text_width(text: str, size: float = 15.0) -> float:
    """Rough rendered width in pixels: CJK and full-width characters one em, others 0.55 em."""
    return sum(size if ord(ch) > 0x2E80 else 0.55 * size for ch in text)


def title_lines(title: str) -> str | list[str]:
    """The title as one line, or two split after the fund name when it is long."""
    if text_width(title) <= TITLE_SPLIT_PX:
        return title
    for sep in ("：", ": "):
        if sep in title:
            head, tail = title.split(sep, 1)
            return [head + sep.strip(), tail]
    return title


def _finish(chart: alt.TopLevelMixin, title: str) -> alt.TopLevelMixin:
    # legends below the chart, one entry per line, labels never cut (scenario names are long)
    return (chart.properties(title=alt.TitleParams(title_lines(title), anchor="start", fontSize=15),
                             padding={"top": 12, "left": 5, "right": 14, "bottom": 5})
            .configure(font=FONT_STACK)
            .configure_axis(labelFontSize=12, titleFontSize=12)
            .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom",
                              direction="vertical", labelLimit=0)
            .configure_view(strokeWidth=0))


def _empty(title: str, lang: str) -> alt.Chart:
    text = alt.Chart(pd.DataFrame({"msg": [t("chart.no_data", lang)]})).mark_text(
        fontSize=14, color="#666").encode(text="msg:N")
    return _finish(text.properties(width=WIDTH, height=60), title)


def _year_axis(lang: str, bars: bool = False, domain: tuple[int, int] | None = None) -> alt.X:
    """Years on x: a continuous axis with integer labels for lines (over ``domain`` when given),
    a band axis labelled every fifth year for bars."""
    title = t("chart.year", lang)
    if bars:
        return alt.X("year:O", title=title, axis=alt.Axis(
            labelAngle=0, labelExpr="datum.value % 5 == 0 ? datum.label : ''"))
    scale = (alt.Scale(zero=False, nice=False) if domain is None else
             alt.Scale(zero=False, nice=False, domain=list(domain)))
    return alt.X("year:Q", title=title, scale=scale,
                 axis=alt.Axis(format="d", tickMinStep=1, labelAngle=0))


def _value_format(indicator: str) -> str:
    if indicator in PERSON_INDICATORS:
        return ",.0f"
    if indicator == "payable_months":
        return ",.1f"
    return ",.2f"


def _scenario_lines(data: pd.DataFrame, indicator: str, lang: str,
                    points: bool = False) -> alt.Chart:
    fmt_str = _value_format(indicator)
    return alt.Chart(data).mark_line(point=points, strokeWidth=2.5).encode(
        x=_year_axis(lang),
        y=alt.Y("value:Q", title=axis_title(indicator, lang), axis=alt.Axis(format=fmt_str)),
        color=alt.Color("label:N", title=t("chart.scenario", lang), scale=SCENARIO_COLOURS,
                        sort=list(dict.fromkeys(data["label"]))),
        tooltip=[alt.Tooltip("label:N", title=t("chart.scenario", lang)),
                 alt.Tooltip("year:O", title=t("chart.year", lang)),
                 alt.Tooltip("value:Q", title=axis_title(indicator, lang), format=fmt_str)],
    )


def _zero_rule() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#444", strokeDash=[4, 3]).encode(
        y="zero:Q")


def indicator_lines(table: pd.DataFrame, fund: str, indicator: str, lang: str = "zh",
                    labels: Mapping[str, str] | None = None, title_key: str | None = None,
                    zero_line: bool = False) -> alt.TopLevelMixin:
    """One line per scenario of ``indicator`` for ``fund`` over the years (money in 亿元)."""
    title = (t(title_key, lang, fund=fund_label(fund, lang)) if title_key else
             f"{fund_label(fund, lang)}：{indicator_label(indicator, lang)}" if lang == "zh" else
             f"{fund_label(fund, lang)}: {indicator_label(indicator, lang)}")
    data = series(table, fund, indicator, labels)
    if data.empty:
        return _empty(title, lang)
    chart = _scenario_lines(data, indicator, lang)
    if zero_line:
        chart = alt.layer(_zero_rule(), chart)
    return _finish(chart.properties(width=WIDTH, height=HEIGHT), title)


def balance_chart(table: pd.DataFrame, fund: str, lang: str = "zh",
                  labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """Accumulated balance (累计结余) per scenario, 亿元, with the zero line where a fund runs dry."""
    return indicator_lines(table, fund, "accumulated_balance", lang, labels,
                           "chart.balance_title", zero_line=True)


def current_balance_chart(table: pd.DataFrame, fund: str, lang: str = "zh",
                          labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """Current balance (当期结余 = income − expenditure) per year, 亿元.

    One scenario: bars coloured by sign (deficit red). Several: one line each, zero line dashed.
    """
    title = t("chart.current_title", lang, fund=fund_label(fund, lang))
    data = series(table, fund, "current_balance", labels)
    if data.empty:
        return _empty(title, lang)
    if data["scenario"].nunique() > 1:
        chart = alt.layer(_zero_rule(), _scenario_lines(data, "current_balance", lang))
        return _finish(chart.properties(width=WIDTH, height=HEIGHT), title)
    fmt_str = _value_format("current_balance")
    bars = alt.Chart(data).mark_bar().encode(
        x=_year_axis(lang, bars=True),
        y=alt.Y("value:Q", title=axis_title("current_balance", lang), axis=alt.Axis(format=fmt_str)),
        color=alt.condition(alt.datum.value < 0, alt.value(RED), alt.value("#4c78a8")),
        tooltip=[alt.Tooltip("year:O", title=t("chart.year", lang)),
                 alt.Tooltip("value:Q", title=axis_title("current_balance", lang), format=fmt_str)],
    )
    return _finish(bars.properties(width=WIDTH, height=HEIGHT), title)


def subsidy_chart(table: pd.DataFrame, fund: str, lang: str = "zh",
                  labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """Fiscal subsidy (财政补贴收入) per scenario, 亿元."""
    return indicator_lines(table, fund, "fiscal_subsidy", lang, labels, "chart.subsidy_title")


def required_subsidy_chart(table: pd.DataFrame, fund: str, lang: str = "zh",
                           labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """Extra subsidy needed each year (所需追加补贴: on top of the subsidy rule, to keep the target
    payable months) per scenario, 亿元, from the first projected year."""
    first = sorted(table["year"].unique())[1] if table["year"].nunique() > 1 else table["year"].min()
    return indicator_lines(table[table["year"] >= first], fund, "required_subsidy", lang, labels,
                           "chart.required_title")


def dependency_chart(table: pd.DataFrame, fund: str, lang: str = "zh",
                     labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """在职退休比: contributors per beneficiary (contributors ÷ beneficiaries, as the engine's
    ``dependency_ratio`` and data/variables.csv define it) per scenario."""
    return indicator_lines(table, fund, "dependency_ratio", lang, labels, "chart.dependency_title")


def band_frame(red: float, amber: float, low: float, high: float, lang: str,
               notes: Sequence[str] | None = None) -> pd.DataFrame:
    """The three risk bands as rectangles ``[y0, y1)`` covering ``low``…``high`` months, with a
    ``note`` per band for the tooltip (what the line means and its source, ``ui.thresholds``).

    Red below ``red``, amber from ``red`` to ``amber``, green from ``amber`` up. Raises
    ``ValueError`` unless ``0 < red < amber``.
    """
    if not (0 < red < amber):
        raise ValueError(f"risk thresholds need 0 < red < amber, got red={red}, amber={amber}")
    low = min(low, 0.0)
    high = max(high, amber * 1.5)
    return pd.DataFrame({
        "y0": [low, red, amber],
        "y1": [red, amber, high],
        "band": [t("chart.band_red", lang, red=_g(red)),
                 t("chart.band_amber", lang, red=_g(red), amber=_g(amber)),
                 t("chart.band_green", lang, amber=_g(amber))],
        "colour": [RED, AMBER, GREEN],
        "note": list(notes) if notes is not None else ["", "", ""],
    })


def _g(x: float) -> str:
    return f"{x:g}"


#: Colour of the lines a fund reaches to qualify for a rate cut.
CUT_LINE = "#1b7a3a"


def payable_months_chart(table: pd.DataFrame, fund: str, lang: str = "zh",
                         labels: Mapping[str, str] | None = None, red: float = 3.0,
                         amber: float = 6.0, cap: float | None = None,
                         band_notes: Sequence[str] | None = None,
                         lines: Sequence[tuple[float, str, str]] = ()) -> alt.TopLevelMixin:
    """Payable months (累计结余 ÷ monthly expenditure) per scenario over red/amber/green bands.

    ``red`` and ``amber`` are the band boundaries in months (the app's defaults come from
    ``data/parameters/thresholds.toml`` through ``ui.thresholds``); ``band_notes`` the bands'
    tooltips; ``lines`` ``(months, label, source)`` the fund's rate-cut lines, drawn dashed and
    labelled, their source in the tooltip. The y axis stops at ``cap`` (default: the larger of
    4 × amber and the largest finite value, at most 10 × amber, and always above the highest
    line) so a rich fund does not flatten the bands; the tooltip always shows the model's value.
    """
    title = t("chart.months_title", lang, fund=fund_label(fund, lang))
    full = series(table, fund, "payable_months", labels)
    span = (int(full["year"].min()), int(full["year"].max())) if not full.empty else None
    data = stop_at_depletion(full)
    finite = data["value"].replace([float("inf"), float("-inf")], pd.NA).dropna()
    data = data[data["value"].abs() != float("inf")]
    if data.empty:
        return _empty(title, lang)
    if cap is None:
        cap = min(max(4.0 * amber, float(finite.max())), 10.0 * amber)
        if lines:
            cap = max(cap, 1.25 * max(m for m, _, _ in lines))
    low = 0.0  # a depleted fund pays no months: the line stops at zero
    bands = band_frame(red, amber, low, cap, lang, band_notes)
    band_scale = alt.Scale(domain=list(bands["band"]), range=list(bands["colour"]))
    band_tip = [alt.Tooltip("band:N", title=t("chart.band", lang))]
    if band_notes is not None:
        band_tip.append(alt.Tooltip("note:N", title=t("chart.band_note", lang)))
    rects = alt.Chart(bands).mark_rect(opacity=0.2).encode(
        y=alt.Y("y0:Q", scale=alt.Scale(domain=[low, cap], clamp=True, nice=False)),
        y2="y1:Q",
        fill=alt.Fill("band:N", scale=band_scale, title=t("chart.band", lang),
                      legend=alt.Legend(orient="bottom")),
        tooltip=band_tip,
    )
    plotted = data.assign(shown=data["value"].clip(upper=cap))
    fmt_str = _value_format("payable_months")
    layers = [rects]
    if lines:
        cuts = pd.DataFrame([{"months": m, "label": label, "source": source} for m, label, source in lines])
        cut_tip = [alt.Tooltip("label:N", title=t("chart.cut_line", lang)),
                   alt.Tooltip("source:N", title=t("chart.band_note", lang))]
        layers.append(alt.Chart(cuts).mark_rule(color=CUT_LINE, strokeDash=[6, 3], strokeWidth=1.5)
                      .encode(y=alt.Y("months:Q", scale=alt.Scale(domain=[low, cap], clamp=True, nice=False)),
                              tooltip=cut_tip))
        layers.append(alt.Chart(cuts).mark_text(align="left", baseline="bottom", dx=4, dy=-2, color=CUT_LINE,
                                                fontSize=11)
                      .encode(x=alt.value(0), y=alt.Y("months:Q", scale=alt.Scale(domain=[low, cap], clamp=True,
                                                                                   nice=False)),
                              text="label:N", tooltip=cut_tip))
    lines_chart = alt.Chart(plotted).mark_line(strokeWidth=2.5, clip=True).encode(
        x=_year_axis(lang, domain=span),
        y=alt.Y("shown:Q", title=t("chart.months_axis", lang),
                scale=alt.Scale(domain=[low, cap], clamp=True, nice=False)),
        color=alt.Color("label:N", title=t("chart.scenario", lang), scale=SCENARIO_COLOURS,
                        sort=list(dict.fromkeys(plotted["label"]))),
        tooltip=[alt.Tooltip("label:N", title=t("chart.scenario", lang)),
                 alt.Tooltip("year:O", title=t("chart.year", lang)),
                 alt.Tooltip("value:Q", title=t("chart.months_axis", lang), format=fmt_str)],
    )
    layers.append(lines_chart)
    marks = data[data["depleted"]].drop_duplicates("scenario")
    if not marks.empty:
        layers += depletion_marks(marks, span, cap, lang)
    chart = alt.layer(*layers).resolve_scale(color="independent")
    return _finish(chart.properties(width=WIDTH, height=HEIGHT), title)


def depletion_labels(marks: pd.DataFrame, span: tuple[int, int] | None, cap: float, lang: str) -> pd.DataFrame:
    """One label per depleted scenario ("2027年耗尽"), placed so none leaves the plot or covers
    another: to the right of its year's rule (to the left in the last quarter of the span, where
    the text would run off the right edge), each later year one step lower (8% of the axis)."""
    first, last = span if span else (int(marks["year"].min()), int(marks["year"].max()))
    right_edge = last - (last - first) / 4
    out = marks.sort_values("year").reset_index(drop=True)
    return out.assign(text=[t("chart.depleted_mark", lang, year=int(y)) for y in out["year"]],
                      height=[cap * (0.92 - 0.08 * (i % 4)) for i in range(len(out))],
                      side=["right" if y > right_edge else "left" for y in out["year"]])


def depletion_marks(marks: pd.DataFrame, span: tuple[int, int] | None, cap: float, lang: str) -> list:
    """The dotted rule at each depletion year and its label (:func:`depletion_labels`)."""
    labels = depletion_labels(marks, span, cap, lang)
    layers = [alt.Chart(labels).mark_rule(color=RED, strokeDash=[2, 2]).encode(x="year:Q")]
    for side, dx in (("left", 3), ("right", -3)):
        part = labels[labels["side"] == side]
        if not part.empty:
            layers.append(alt.Chart(part).mark_text(align=side, dx=dx, dy=-6, color=RED, fontSize=12)
                          .encode(x="year:Q", text="text:N",  # the months axis's own title: one title when merged
                                  y=alt.Y("height:Q", title=t("chart.months_axis", lang))))
    return layers


def stop_at_depletion(data: pd.DataFrame) -> pd.DataFrame:
    """Payable months per scenario up to the year the balance runs out: that year is drawn at
    zero and flagged ``depleted``; later (negative) years are dropped. Never a negative month."""
    parts = []
    for _, part in data.groupby("scenario", sort=False):
        part = part.sort_values("year")
        below = part.index[part["value"] < 0]
        flagged = pd.Series(False, index=part.index)
        if len(below):
            first = below[0]
            part = part.loc[:first].copy()
            part.loc[first, "value"] = 0.0
            flagged = pd.Series(False, index=part.index)
            flagged.loc[first] = True
        parts.append(part.assign(depleted=flagged))
    if not parts:
        return data.assign(depleted=False)
    return pd.concat(parts).reset_index(drop=True)


FAN_QUANTILES = ("p5", "p25", "p50", "p75", "p95")


def fan_chart(quantiles: pd.DataFrame, fund: str, indicator: str, lang: str = "zh") -> alt.TopLevelMixin:
    """Monte Carlo fan: 5–95% and 25–75% bands and the median line over the years.

    ``quantiles`` has columns ``year, p5, p25, p50, p75, p95`` in the model's units (万元 for money;
    converted to 亿元 here).
    """
    title = t("chart.fan_title", lang, fund=fund_label(fund, lang),
              indicator=indicator_label(indicator, lang))
    missing = [c for c in ("year", *FAN_QUANTILES) if c not in quantiles.columns]
    if missing:
        raise KeyError(f"fan chart needs columns {missing}")
    if quantiles.empty:
        return _empty(title, lang)
    data = quantiles[["year", *FAN_QUANTILES]].copy()
    data["year"] = data["year"].astype(int)
    if indicator in MONEY_INDICATORS:
        for q in FAN_QUANTILES:
            data[q] = data[q].astype(float) / fmt.WAN_PER_YI
    if indicator == "payable_months":  # a depleted path pays no months: floor at zero
        for q in FAN_QUANTILES:
            data[q] = data[q].astype(float).clip(lower=0.0)
    y_title = axis_title(indicator, lang)
    fmt_str = _value_format(indicator)
    x = _year_axis(lang)
    outer_label = t("chart.fan_band_outer", lang)
    inner_label = t("chart.fan_band_inner", lang)
    median_label = t("chart.fan_median", lang)
    legend_scale = alt.Scale(domain=[outer_label, inner_label, median_label],
                             range=["#c6dbef", "#6baed6", "#08519c"])
    outer = alt.Chart(data.assign(band=outer_label)).mark_area(opacity=0.6).encode(
        x=x, y=alt.Y("p5:Q", title=y_title, axis=alt.Axis(format=fmt_str)), y2="p95:Q",
        fill=alt.Fill("band:N", scale=legend_scale, title=t("chart.quantile", lang)))
    inner = alt.Chart(data.assign(band=inner_label)).mark_area(opacity=0.8).encode(
        x=x, y="p25:Q", y2="p75:Q", fill=alt.Fill("band:N", scale=legend_scale))
    median = alt.Chart(data.assign(band=median_label)).mark_line(strokeWidth=2.5, color="#08519c").encode(
        x=x, y="p50:Q",
        tooltip=[alt.Tooltip("year:O", title=t("chart.year", lang))]
        + [alt.Tooltip(f"{q}:Q", title=q.upper(), format=fmt_str) for q in FAN_QUANTILES])
    layers = [outer, inner, median]
    if indicator in MONEY_INDICATORS:
        layers.insert(0, _zero_rule())
    return _finish(alt.layer(*layers).properties(width=WIDTH, height=HEIGHT), title)


def depletion_probability_chart(probability: pd.DataFrame, fund: str, lang: str = "zh",
                                labels: Mapping[str, str] | None = None) -> alt.TopLevelMixin:
    """Probability (0–1) that the accumulated balance has gone below zero by each year.

    ``probability`` has columns ``year, probability`` and optionally ``scenario``.
    """
    title = t("chart.depletion_title", lang, fund=fund_label(fund, lang))
    if probability.empty:
        return _empty(title, lang)
    data = probability.copy()
    data["year"] = data["year"].astype(int)
    if "scenario" not in data.columns:
        data["scenario"] = ""
    names = dict(labels or {})
    data["label"] = [names.get(s, str(s)) for s in data["scenario"]]
    enc_color = (alt.Color("label:N", title=t("chart.scenario", lang))
                 if data["scenario"].nunique() > 1 else alt.value(RED))
    chart = alt.Chart(data).mark_line(strokeWidth=2.5, point=True).encode(
        x=_year_axis(lang),
        y=alt.Y("probability:Q", title=t("chart.probability", lang),
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        color=enc_color,
        tooltip=[alt.Tooltip("year:O", title=t("chart.year", lang)),
                 alt.Tooltip("probability:Q", title=t("chart.probability", lang), format=".1%")],
    )
    return _finish(chart.properties(width=WIDTH, height=HEIGHT), title)


def tornado_chart(effects: pd.DataFrame, fund: str, indicator: str, lang: str = "zh") -> alt.TopLevelMixin:
    """Tornado: for each lever, the change of ``indicator`` when the lever is at its low and at its
    high value, against the base run; widest bar on top.

    ``effects`` has columns ``lever`` (display label), ``low`` and ``high`` (changes in the model's
    units: 万元 for money, converted to 亿元 here; years for a depletion year).
    """
    title = t("chart.tornado_title", lang, fund=fund_label(fund, lang),
              indicator=indicator_label(indicator, lang) if f"ind.{indicator}" in STRINGS else indicator)
    missing = [c for c in ("lever", "low", "high") if c not in effects.columns]
    if missing:
        raise KeyError(f"tornado chart needs columns {missing}")
    if effects.empty:
        return _empty(title, lang)
    data = effects[["lever", "low", "high"]].copy()
    scale = fmt.WAN_PER_YI if indicator in MONEY_INDICATORS else 1.0
    data["low"] = data["low"].astype(float) / scale
    data["high"] = data["high"].astype(float) / scale
    data["width"] = (data["high"] - data["low"]).abs()
    order = list(data.sort_values("width", ascending=False)["lever"])
    low_label, high_label = t("chart.low", lang), t("chart.high", lang)
    long = pd.concat([data.assign(setting=low_label, change=data["low"]),
                      data.assign(setting=high_label, change=data["high"])])
    unit = _axis_unit(indicator, lang)
    x_title = (f"{t('chart.change', lang)}（{unit}）" if lang == "zh"
               else f"{t('chart.change', lang)} ({unit})")
    fmt_str = _value_format(indicator)
    bars = alt.Chart(long).mark_bar().encode(
        y=alt.Y("lever:N", sort=order, title=t("chart.lever", lang), axis=alt.Axis(labelLimit=260)),
        x=alt.X("change:Q", title=x_title, axis=alt.Axis(format=fmt_str)),
        color=alt.Color("setting:N", title=t("chart.setting", lang),
                        scale=alt.Scale(domain=[low_label, high_label], range=["#e45756", "#4c78a8"])),
        tooltip=[alt.Tooltip("lever:N", title=t("chart.lever", lang)),
                 alt.Tooltip("setting:N", title=t("chart.setting", lang)),
                 alt.Tooltip("change:Q", title=x_title, format=fmt_str)],
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#444").encode(x="zero:Q")
    height = max(120, 28 * len(order))
    return _finish(alt.layer(bars, rule).properties(width=WIDTH, height=height), title)


def spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite dict the app draws for a finished chart. The builders above produce
    schema-valid specs (the tests validate them), so the spec is taken without Altair's per-draw
    JSON-schema validation, which costs tens of milliseconds per chart."""
    out = chart.to_dict(validate=False)
    # SVG rather than canvas: text stays text (selectable, printable, measurable by tests)
    out["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    # fit the width only: Streamlit's default ("fit" both ways) squeezes title, plot and legend
    # into the plot's own height, which pushed titles out of the chart
    out["autosize"] = {"type": "fit-x", "contains": "padding"}
    return out


def show(chart: alt.TopLevelMixin | dict, where=None) -> None:
    """Draw a finished chart, or a dict from :func:`spec` (a cached one: ``ui.runs.chart_spec``),
    in Streamlit. ``theme=None``: the chart's own config (CJK font, sizes, colours) applies, not
    Streamlit's."""
    import streamlit as st

    (where or st).vega_lite_chart(spec=chart if isinstance(chart, dict) else spec(chart),
                                  width="stretch", theme=None)


#: The long-table charts by kind (the pages' and the Export page's names for them).
COMPARISON_CHARTS = {
    "balance": balance_chart,
    "payable_months": payable_months_chart,
    "current_balance": current_balance_chart,
    "subsidy": subsidy_chart,
    "required_subsidy": required_subsidy_chart,
    "dependency": dependency_chart,
}


# ---------------------------------------------------------------- export


def cjk_font_directories() -> list[str]:
    """Directories holding a Noto/Source Han CJK font file (fonts-noto-cjk puts them under
    /usr/share/fonts/opentype/noto)."""
    found: set[str] = set()
    for root in FONT_ROOTS:
        for pattern in ("**/NotoSansCJK*", "**/NotoSerifCJK*", "**/SourceHanSans*"):
            for path in glob.glob(os.path.join(root, pattern), recursive=True):
                found.add(os.path.dirname(path))
    return sorted(found)


@lru_cache(maxsize=1)
def register_cjk_fonts() -> tuple[str, ...]:
    """Register every CJK font directory with vl-convert once per process; returns them.

    vl-convert also scans the system font folders itself; registering explicitly keeps export
    working when the font sits outside them. Raises ``RuntimeError`` if no CJK font is installed
    (install Debian's fonts-noto-cjk; `bash run.sh test` does).
    """
    import vl_convert as vlc

    dirs = cjk_font_directories()
    if not dirs:
        raise RuntimeError("no CJK font found; install Debian's fonts-noto-cjk "
                           "(apt-get install fonts-noto-cjk)")
    for d in dirs:
        vlc.register_font_directory(d)
    return tuple(dirs)


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, rendered with the CJK font registered."""
    import vl_convert as vlc

    register_cjk_fonts()
    return vlc.vegalite_to_png(chart.to_dict(), scale=scale)


#: A slide's 16:9 frame in CSS pixels; rendered at scale 2 this is 1920 × 1080.
SLIDE = (960, 540)


def slide_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as a PNG that fills a 16:9 slide: title, plot and the legend below fitted into
    exactly :data:`SLIDE` (× ``scale``) pixels, names never cut (legend labels unlimited)."""
    spec = chart.to_dict()
    spec["width"], spec["height"] = SLIDE
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    import vl_convert as vlc

    register_cjk_fonts()
    return vlc.vegalite_to_png(spec, scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string. Text stays text with the CJK font stack as font-family, so a
    viewer with Noto Sans CJK, Microsoft YaHei or PingFang shows Chinese correctly."""
    import vl_convert as vlc

    register_cjk_fonts()
    return vlc.vegalite_to_svg(chart.to_dict())
