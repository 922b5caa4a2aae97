"""导出 Export: the long table as CSV (utf-8-sig, opens cleanly in Excel on Chinese Windows),
each chart as PNG and SVG rendered with a CJK font, and the leadership pack (deck, brief or
workbook, ``model.reports``) for the selected scenarios. Opening the page builds no file: each
download's bytes are made when its button is clicked (Streamlit's deferred download), and cached."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from model.analysis.compare import ALL_FUNDS
from model.reports.report import build_pack, write_document
from ui import charts, exports, runs, state
from ui import scenario_store as store
from ui import thresholds as bands
from ui.i18n import fund_label, t
from ui.pages.compare import horizon_select

CHART_KINDS = ("balance", "payable_months", "current_balance", "subsidy", "dependency")
CSV_ENCODING = "utf-8-sig"
PACK_FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
#: the pack section's words (only this page shows them)
PACK_TEXT = {
    "zh": {"title": "汇报材料", "help": "演示稿、测算报告或工作簿，由同一组测算表生成；第一个情景为对比基准；"
                                     "含蒙特卡洛（每个情景1,000条路径）。",
           "pptx": "演示稿（pptx）", "docx": "测算报告（docx）", "xlsx": "工作簿（xlsx）",
           "format": "格式", "build": "生成", "download": "下载", "building": "正在生成…"},
    "en": {"title": "Leadership pack", "help": "A deck, a brief or a workbook, built from one set of tables; the "
                                               "first scenario is the reference; Monte Carlo with 1,000 paths per scenario.",
           "pptx": "Deck (pptx)", "docx": "Brief (docx)", "xlsx": "Workbook (xlsx)",
           "format": "Format", "build": "Build", "download": "Download", "building": "Building…"},
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The long table as CSV bytes with a UTF-8 byte-order mark (what Excel on Chinese Windows
    needs to read 万元 and scenario names correctly)."""
    return frame.to_csv(index=False).encode(CSV_ENCODING)


def build_chart(frame: pd.DataFrame, kind: str, fund: str, lang: str, labels: dict[str, str],
                red: float, amber: float):
    options = dict(bands.chart_options(fund, red, amber, lang)) if kind == "payable_months" else {}
    return charts.COMPARISON_CHARTS[kind](frame, fund, lang, labels, **options)


@st.cache_data(max_entries=32, show_spinner=False)
def chart_files(keys: tuple[str, ...], end: int, kind: str, fund: str, lang: str,
                labels: tuple[tuple[str, str], ...], red: float, amber: float,
                region: str | None = None) -> tuple[bytes, str]:
    """``(png, svg)`` of one chart, rendered once per distinct request."""
    _, frame, _ = runs.comparison(keys, end, region)
    chart = build_chart(frame, kind, fund, lang, dict(labels), red, amber)
    return charts.slide_png(chart), charts.to_svg(chart)


@st.cache_data(max_entries=16, show_spinner=False)
def planner_files(keys: tuple[str, ...], end: int, lang: str, labels: tuple[tuple[str, str], ...],
                  region: str | None = None) -> tuple[bytes, bytes]:
    """``(csv, xlsx)`` of the planner's table, built once per scenarios, horizon and language."""
    table = exports.planner_table(runs.long_table(keys, end, region), dict(labels), lang)
    return exports.planner_csv(table), exports.planner_xlsx(table, t("export.sheet", lang))


@st.cache_data(max_entries=8, show_spinner=False)
def long_csv(keys: tuple[str, ...], end: int, region: str | None = None) -> bytes:
    """The engine's long table as CSV bytes (:func:`csv_bytes`), built once per request."""
    return csv_bytes(runs.long_table(keys, end, region))


@st.cache_data(max_entries=16, show_spinner=False)
def long_rows(keys: tuple[str, ...], end: int, region: str | None = None) -> int:
    """How many rows the long table has (shown before the file is built)."""
    return len(runs.long_table(keys, end, region))


def deferred(function, *args, pick: int | None = None):
    """A download's data made only when the planner clicks (Streamlit calls it then): opening
    the page builds no file. ``pick`` takes one item of a function returning several files."""
    def make():
        out = function(*args)
        out = out if pick is None else out[pick]
        return out.encode("utf-8") if isinstance(out, str) else out
    return make


@st.cache_data(max_entries=8, show_spinner=False)
def pack_file(keys: tuple[str, ...], end: int, fmt: str, lang: str, region: str | None = None) -> bytes:
    """The deck, brief or workbook of the scenarios ``keys`` as bytes, built once per request."""
    scenarios = [runs.scenario_from_key(k) for k in keys]
    tables = build_pack(scenarios, end=end, engine=runs.engine(region))
    with tempfile.TemporaryDirectory() as folder:
        return write_document(tables, Path(folder) / f"pack.{fmt}", lang).read_bytes()


def _pack_section(keys: tuple[str, ...], ordered: list[str], end: int, lang: str) -> None:
    words = PACK_TEXT[lang]
    st.subheader(words["title"])
    st.caption(words["help"])
    fmt = st.radio(words["format"], options=list(PACK_FORMATS), key="exp_pack_fmt", horizontal=True,
                   format_func=lambda f: words[f])
    ss = st.session_state
    request = (keys, end, fmt, lang, state.region())
    if st.button(words["build"], key="exp_pack_build"):
        with st.spinner(words["building"]):
            ss["exp_pack"] = (request, pack_file(keys, end, fmt, lang, state.region()))
    held = ss.get("exp_pack")
    if held is not None and held[0] == request:
        st.download_button(words["download"], data=held[1], mime=PACK_FORMATS[fmt], key="exp_pack_download",
                           file_name=f"sifsim-{'-'.join(ordered)}-{end}-{lang}.{fmt}")


def render(lang: str) -> None:
    st.header(t("nav.export", lang))
    ss = st.session_state
    options = store.choices(lang)
    ss.setdefault("exp_selected", [s for s in ss.get("cmp_selected", ["baseline"]) if s in options]
                  or ["baseline"])
    selected = st.multiselect(t("export.pick", lang), options=list(options), key="exp_selected",
                              format_func=lambda sid: options[sid], max_selections=6,
                              placeholder=t("compare.pick_placeholder", lang))
    if not selected:
        st.warning(t("export.need_one", lang))
        return
    end = horizon_select(lang, "exp_end")
    ordered = sorted(selected, key=lambda sid: sid != "baseline")
    keys = tuple(runs.scenario_key(s) for s in ordered)
    with st.spinner(t("compare.running", lang)):
        runs.comparison(keys, end, state.region())

    st.subheader(t("export.table", lang))
    labels = tuple((sid, options[sid]) for sid in ordered)
    region = state.region()
    # every file below is made when its button is clicked (deferred), never on opening the page
    st.markdown(f"**{t('export.planner', lang)}**")
    st.caption(t("export.planner_help", lang))
    e1, e2, e3 = st.columns(3)
    stem = f"sifsim-{'-'.join(ordered)}-{end}"
    e1.download_button(t("export.planner_csv", lang), mime="text/csv",
                       data=deferred(planner_files, keys, end, lang, labels, region, pick=0),
                       file_name=f"{stem}-{lang}.csv", key="exp_planner_csv")
    e2.download_button(t("export.planner_xlsx", lang), mime=PACK_FORMATS["xlsx"],
                       data=deferred(planner_files, keys, end, lang, labels, region, pick=1),
                       file_name=f"{stem}-{lang}.xlsx", key="exp_planner_xlsx")
    e3.download_button(t("export.csv", lang), data=deferred(long_csv, keys, end, region), mime="text/csv",
                       file_name=f"{stem}.csv", key="exp_csv",
                       help=t("export.table_help", lang, rows=f"{long_rows(keys, end, region):,}"))

    st.subheader(t("export.charts", lang))
    c1, c2 = st.columns(2)
    fund = c1.selectbox(t("compare.fund", lang), options=list(ALL_FUNDS), key="exp_fund",
                        format_func=lambda f: fund_label(f, lang))
    kind = c2.selectbox(t("export.chart_kind", lang), options=list(CHART_KINDS), key="exp_kind",
                        format_func=lambda k: t(f"export.kind_{k}", lang))
    red = float(ss.get("red_months", state.DEFAULT_RED_MONTHS))
    amber = float(ss.get("amber_months", state.DEFAULT_AMBER_MONTHS))
    if amber <= red:
        red, amber = state.DEFAULT_RED_MONTHS, state.DEFAULT_AMBER_MONTHS
    chart_options = bands.chart_options(fund, red, amber, lang) if kind == "payable_months" else ()
    charts.show(runs.chart_spec(kind, keys, end, fund, lang, labels, region, chart_options))
    st.caption(t("export.png_help", lang))
    stem = f"sifsim-{fund}-{kind}-{lang}"
    files = (chart_files, keys, end, kind, fund, lang, labels, red, amber, region)
    d1, d2 = st.columns(2)
    d1.download_button(t("export.png", lang), data=deferred(*files, pick=0), file_name=f"{stem}.png",
                       mime="image/png", key="exp_png")
    d2.download_button(t("export.svg", lang), data=deferred(*files, pick=1), file_name=f"{stem}.svg",
                       mime="image/svg+xml", key="exp_svg")
    _pack_section(keys, ordered, end, lang)
