"""The payable-months warning lines the app draws and words, from ``data/parameters/thresholds.toml``
(``model.reports.thresholds``, the same file the deck and the brief use), each with its source.

The red and amber bands default to the file's two lines that apply to every fund (under 3 months:
a 预警方案; under 6 months: watch closely, the bureau's choice); a planner may move them on the
Compare page, and a moved line is then labelled as the bureau's own choice with no source. Lines
a fund reaches to qualify for a rate cut (the 9-month pension rule, the work-injury 18/24-month
cuts, the unemployment 24-month rule) are drawn per fund with their sources.
"""
from __future__ import annotations

from dataclasses import replace

from model.reports.thresholds import Threshold, default_thresholds, status, thresholds_for
from ui import format as fmt
from ui.budget import depleted_text
from ui.i18n import t


def _g(months: float) -> str:
    return f"{months:g}"


def file_bands() -> tuple[Threshold, Threshold]:
    """The file's two lowest ``below`` lines that apply to every fund: (red, amber)."""
    below = sorted((x for x in default_thresholds() if x.fund == "all" and x.side == "below"),
                   key=lambda x: x.months)
    if len(below) < 2:
        raise ValueError("data/parameters/thresholds.toml needs two 'below' thresholds for fund 'all' "
                         "(the app's red and amber bands)")
    return below[0], below[1]


def default_red_amber() -> tuple[float, float]:
    """Default red and amber months (3 and 6 with the shipped file)."""
    red, amber = file_bands()
    return float(red.months), float(amber.months)


def effective(red: float, amber: float) -> tuple[Threshold, ...]:
    """The thresholds in force: the file's, with the red and amber lines moved to the planner's
    ``red`` and ``amber`` months; a moved line says it is the bureau's choice."""
    file_red, file_amber = file_bands()
    out = [x for x in default_thresholds() if x not in (file_red, file_amber)]
    for line, months, colour in ((file_red, red, "red"), (file_amber, amber, "amber")):
        if float(line.months) == float(months):
            out.append(line)
        else:
            out.append(replace(line, months=float(months), certainty="assumption",
                               label_zh=t(f"thr.moved_{colour}", "zh", months=_g(months)),
                               label_en=t(f"thr.moved_{colour}", "en", months=_g(months)),
                               source_zh=t("thr.own_choice", "zh"), source_en=t("thr.own_choice", "en")))
    return tuple(out)


def source_text(line: Threshold, lang: str) -> str:
    """"来源：<source>", or "本局自定" / "the bureau's choice" where no official threshold exists."""
    if line.certainty == "assumption":
        return t("thr.own_choice", lang)
    source = line.source(lang)
    if lang == "en" and source[:1].isupper() and source[1:2].islower():
        source = source[0].lower() + source[1:]  # mid-sentence: "(source: the 2016 and 2018 notices …)"
    return t("thr.source", lang, source=source)


def described(line: Threshold, lang: str) -> str:
    """``低于3个月：启动预警方案（来源：…）``."""
    return t("thr.described", lang, label=line.label(lang), source=source_text(line, lang))


def band_notes(fund: str, red: float, amber: float, lang: str) -> tuple[str, str, str]:
    """Tooltip text of the red, amber and green bands: what each line means and its source."""
    items = effective(red, amber)
    lines = {float(x.months): x for x in thresholds_for(fund, items) if x.side == "below"}
    note = []
    for months in (red, amber):
        note.append(described(lines[float(months)], lang))
    note.append(t("thr.green_note", lang, amber=_g(amber)))
    return tuple(note)


def rate_cut_lines(fund: str, lang: str) -> tuple[tuple[float, str, str], ...]:
    """``(months, label, source)`` of the lines a fund at or above them reaches (rate cuts)."""
    return tuple((float(x.months), x.label(lang), source_text(x, lang))
                 for x in thresholds_for(fund, default_thresholds()) if x.side == "at_least")


def chart_options(fund: str, red: float, amber: float, lang: str) -> tuple[tuple[str, object], ...]:
    """Keyword options of ``ui.charts.payable_months_chart`` (hashable, for ``ui.runs.chart_spec``)."""
    return (("red", float(red)), ("amber", float(amber)),
            ("band_notes", band_notes(fund, red, amber, lang)),
            ("lines", rate_cut_lines(fund, lang)))


def caption(fund: str, red: float, amber: float, lang: str) -> str:
    """The lines drawn on a fund's payable-months chart with their sources, in one caption."""
    items = [x for x in thresholds_for(fund, effective(red, amber))
             if x.side == "at_least" or float(x.months) in (float(red), float(amber))]
    parts = [described(x, lang) for x in items]
    return t("thr.caption", lang, lines=("；" if lang == "zh" else "; ").join(parts))


def status_line(fund: str, months: float, red: float, amber: float, lang: str) -> str:
    """The warning line a fund's lowest payable months falls under, in words (its source is in
    :func:`caption`, shown beside it)."""
    line = status(fund, months, effective(red, amber))
    if line is None:
        return t("thr.status_none", lang, amber=_g(amber))
    return line.label(lang)


def status_sentence(fund: str, rows: list[tuple[str, float, int | None, bool]], red: float,
                    amber: float, lang: str) -> str:
    """One sentence per scenario: its lowest payable months (or 已耗尽) and the warning line it
    falls under. ``rows`` are ``(name, min months, year of the minimum, depleted)``."""
    parts = []
    for name, months, year, depleted in rows:
        if depleted:
            where = t("thr.depleted", lang, name=name)
            months = -1.0
        else:
            where = t("thr.lowest", lang, name=name, months=fmt.months(months, lang), year=year)
        parts.append(f"{where}{t('thr.status_sep', lang)}{status_line(fund, months, red, amber, lang)}")
    return t("thr.status_head", lang) + ("；" if lang == "zh" else "; ").join(parts) + \
        ("。" if lang == "zh" else ".")


def months_status(summary, frame, fund: str, labels, red: float, amber: float, lang: str) -> str:
    """Each scenario's lowest payable months (or its running out) against the warning lines."""
    rows = []
    for sid, name in labels.items():
        row = summary[(summary["fund"] == fund) & (summary["scenario"] == sid)]
        if row.empty:
            continue
        row = row.iloc[0]
        depleted = depleted_text(frame, fund, sid, lang) is not None
        year = row["min_payable_months_year"]
        rows.append((name, float(row["min_payable_months"]), None if fmt.is_missing(year) else int(year),
                     depleted))
    return status_sentence(fund, rows, red, amber, lang)
