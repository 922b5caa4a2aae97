"""情景 Scenario builder: start from a shipped or saved scenario, set levers (grouped by fund,
with units, ranges and year paths), see the result beside the levers, save to 我的情景, download
TOML, share a link.

The scenario being edited lives in plain session keys (``sc_base``, ``sc_own`` …), never only in
widgets, so it survives page and lever-group switches; it is the single source of the results,
the captions and the share link.
"""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from model.analysis.compare import ALL_FUNDS, DEFAULT_END
from model.errors import InputError
from model.scenarios.levers import catalogue
from ui import budget, charts, layout, runs, state
from ui import format as fmt
from ui import levers_editor as ed
from ui import scenario_store as store
from ui import share
from ui import thresholds as bands
from ui.guard import render_safely, show_error
from ui.headlines import headline, uncertainty
from ui.i18n import fund_label, t
from ui import safe
from ui.tables import summary_table

# session keys
BASE, OWN, VERSION, SID, NAME_ZH, NAME_EN, GROUP, LINK_SEEN = (
    "sc_base", "sc_own", "sc_version", "sc_id", "sc_name_zh", "sc_name_en", "sc_group", "sc_link_seen")
RESULT_FUND = "sc_result_fund"
DEFAULT_ID = "my_scenario"


def _init() -> None:
    ss = st.session_state
    ss.setdefault(BASE, "baseline")
    ss.setdefault(OWN, {})
    ss.setdefault(VERSION, 0)
    ss.setdefault(SID, DEFAULT_ID)
    ss.setdefault(NAME_ZH, "我的情景")
    ss.setdefault(NAME_EN, "My scenario")
    ss.setdefault(RESULT_FUND, "enterprise_pension")


def load_into_editor(shared: share.SharedScenario) -> None:
    """Replace the editor's content with ``shared`` (fresh widgets via a new version)."""
    ss = st.session_state
    ss[BASE] = shared.base
    ss[OWN] = {k: (dict(v) if isinstance(v, dict) else v) for k, v in shared.levers.items()}
    ss[SID], ss[NAME_ZH], ss[NAME_EN] = shared.id, shared.name_zh, shared.name_en
    ss[VERSION] = ss.get(VERSION, 0) + 1
    for k in ("w_sid", "w_name_zh", "w_name_en"):
        ss.pop(k, None)


def current_shared() -> share.SharedScenario:
    ss = st.session_state
    return share.SharedScenario(base=ss[BASE], id=ss[SID], name_zh=ss[NAME_ZH], name_en=ss[NAME_EN],
                                levers=dict(ss[OWN]))


def read_link(lang: str) -> None:
    """Apply ``?s=…`` once per distinct link value."""
    text = st.query_params.get(share.PARAM_NAME)
    if not text or st.session_state.get(LINK_SEEN) == text:
        return
    st.session_state[LINK_SEEN] = text
    shared = share.decode(text)
    store.build(shared)  # validate before touching the editor
    load_into_editor(shared)


def _start_from(lang: str) -> None:
    ss = st.session_state
    options = store.choices(lang)
    start = st.selectbox(t("scenario.start", lang), options=list(options),
                         format_func=lambda sid: options[sid], key=f"w_start{ss[VERSION]}",
                         index=None, placeholder=t("scenario.start_placeholder", lang))
    if start is not None:
        shared = store.as_shared(start)
        if start in store.library():
            # a shipped scenario becomes the base of a new, unchanged scenario
            shared = share.SharedScenario(base=start, id=ss[SID], name_zh=ss[NAME_ZH],
                                          name_en=ss[NAME_EN], levers={})
        load_into_editor(shared)
        st.rerun()
    bad = store.unreadable()
    if bad:
        st.caption(t("scenario.unreadable", lang, n=len(bad), files="、".join(bad) if lang == "zh"
                     else ", ".join(bad), folder=str(store.user_dir())))


def _about_base(lang: str) -> None:
    """The starting scenario's description, rationale and golden result line (shipped ones)."""
    sc = store.library()[st.session_state[BASE]]
    result = sc.result_zh if lang == "zh" else sc.result_en
    with st.expander(t("scenario.about", lang, name=sc.name(lang)),
                     expanded=sc.id != "baseline"):
        if lang == "en" or sc.description_zh:
            st.text(f"{t('scenario.about_description', lang)}: {sc.describe(lang)}")
        if lang == "en" or sc.rationale_zh:
            st.text(f"{t('scenario.about_rationale', lang)}: {sc.reason(lang)}")
        if result:
            st.text(f"{t('scenario.about_result', lang)}: {result}")
        elif lang == "zh":
            st.text(t("scenario.about_none", lang))


def _names(lang: str) -> None:
    ss = st.session_state
    c1, c2, c3 = st.columns([1, 1.2, 1.2])
    ss[SID] = c1.text_input(t("scenario.id", lang), value=ss[SID], key="w_sid",
                            help=t("scenario.id_help", lang))
    ss[NAME_ZH] = c2.text_input(t("scenario.name_zh", lang), value=ss[NAME_ZH], key="w_name_zh")
    ss[NAME_EN] = c3.text_input(t("scenario.name_en", lang), value=ss[NAME_EN], key="w_name_en")
    if not re.fullmatch(r"[a-z0-9_]+", ss[SID] or ""):
        st.error(t("scenario.id_invalid", lang))


def _levers(lang: str) -> int:
    """Draw the chosen group's levers; return how many problems were shown."""
    ss = st.session_state
    groups = ed.specs_by_group()
    if ss.get(GROUP) not in groups:
        ss[GROUP] = next(iter(groups))
    group = st.radio(t("scenario.group", lang), options=list(groups), horizontal=True, key=GROUP,
                     format_func=lambda g: t(f"group.{g}", lang))
    inherited = store.library()[ss[BASE]].resolved
    years = (store.msc.HORIZON[0], store.msc.HORIZON[1])
    n_problems = 0
    for spec in groups[group]:
        with st.container(border=True):
            problems = ed.lever_widget(spec, ss[OWN], years, lang, ss[VERSION], inherited)
            st.caption(ed.range_text(spec, lang) + " · " + ed.default_text(spec, lang, inherited, years=years))
            for p in problems:
                st.error(safe.md(p.text(lang)))
            n_problems += len(problems)
            if (spec.path and ed.path_mode(spec, ss[VERSION])
                    and not isinstance(ed.base_value(spec, inherited), str)):
                _simple_path_form(spec, lang, inherited, years)
    return n_problems


def _simple_path_form(spec, lang: str, inherited, years: tuple[int, int]) -> None:
    """"From year X, value Y" beside the grid: lays one step over the lever's current path."""
    ss = st.session_state
    key = f"simple:{spec.name}"
    unit = ed.display_unit(spec, lang)
    c1, c2, c3 = st.columns([1, 1, 0.8], vertical_alignment="bottom")
    year = c1.number_input(t("scenario.simple_year", lang), min_value=years[0] + 1, max_value=years[1],
                           value=years[0] + 1, step=1, key=f"{key}:year")
    lo, hi = ed.to_display(spec, spec.min), ed.to_display(spec, spec.max)
    value = c2.number_input(t("scenario.simple_value", lang, unit=unit), min_value=lo, max_value=hi,
                            value=None, step=ed.step_of(spec), format=ed.format_of(spec),
                            key=f"{key}:value")
    if c3.button(t("scenario.simple_apply", lang), key=f"{key}:apply", disabled=value is None):
        base = ed.base_value(spec, inherited)
        current = ss[OWN].get(spec.name, base)
        path = ed.as_path(current, years[0])
        ss[OWN][spec.name] = store.msc.merge_path(path, {int(year): ed.from_display(spec, value)})
        ss[VERSION] += 1  # fresh grid showing the new path
        st.rerun()


def _changes_table(lang: str) -> None:
    ss = st.session_state
    specs = catalogue()
    inherited = store.library()[ss[BASE]].resolved
    years = store.msc.HORIZON
    if not ss[OWN]:
        st.info(t("scenario.no_changes", lang))
        return

    rows = []
    for name, value in sorted(ss[OWN].items()):
        spec = specs[name]
        rows.append({t("scenario.col_group", lang): t(f"group.{spec.group}", lang),
                     t("scenario.col_lever", lang): spec.label(lang),
                     t("scenario.col_unit", lang): ed.display_unit(spec, lang),
                     t("scenario.col_base", lang): ed.describe(spec, ed.base_value(spec, inherited), years, lang),
                     t("scenario.col_new", lang): ed.describe(
                         spec, store.msc.merge_path(inherited.get(name), value), years, lang)})
    layout.table(pd.DataFrame(rows))


def _actions(lang: str, valid: bool) -> None:
    ss = st.session_state
    shared = current_shared()
    c1, c2, c3 = st.columns(3)
    with c1:
        overwrite = False
        if store.path_of(shared.id).exists():
            overwrite = st.checkbox(t("scenario.overwrite", lang), key="sc_overwrite",
                                    help=str(store.path_of(shared.id)))
        if st.button(t("scenario.save", lang), disabled=not valid, type="primary",
                     help=t("scenario.save_help", lang, folder=str(store.user_dir()))):
            name = shared.name_zh if lang == "zh" else shared.name_en
            try:
                path = store.save(shared, overwrite=overwrite)
            except FileExistsError as err:
                st.error(t("scenario.exists", lang, path=safe.md(err)))
            except InputError as err:
                show_error(err, lang)
            except OSError as err:
                st.error(t("scenario.save_failed", lang, folder=str(store.user_dir()),
                           reason=err.strerror or type(err).__name__))
            else:
                st.success(t("scenario.saved", lang, name=safe.md(name), path=safe.md(path)))
    with c2:
        if valid:
            st.download_button(t("scenario.download", lang), data=store.toml_text(shared).encode("utf-8"),
                               file_name=f"{shared.id}.toml", mime="application/toml")
    with c3:
        if valid and st.button(t("scenario.share", lang)):
            code = share.encode(shared)
            st.query_params[share.PARAM_NAME] = code
            ss[LINK_SEEN] = code
            st.success(t("scenario.share_done", lang))
    upload = st.file_uploader(t("scenario.upload", lang), type=["toml"], key=f"w_upload{ss[VERSION]}",
                              help=t("scenario.upload_help", lang))
    if upload is not None:
        try:
            loaded = store.parse_upload(upload.name, upload.getvalue())
        except InputError as err:
            show_error(err, lang)
        else:
            load_into_editor(loaded)
            st.rerun()


def _keys() -> tuple[str, ...]:
    """Cache keys of the starting scenario and (when a lever is set) this scenario."""
    shared = current_shared()
    base = "lib:" + st.session_state[BASE]
    return (base,) if not shared.levers else (base, runs.key_of_shared(shared))


def _comparison(lang: str):
    """``(summary, chart rows, labels, base id, scenario id)`` of this scenario against its
    starting scenario (cached: returning to a setting already seen costs nothing)."""
    ss = st.session_state
    shared = current_shared()
    base_id = ss[BASE]
    summary, frame, _ = runs.comparison(_keys(), DEFAULT_END, state.region())
    labels = {base_id: store.library()[base_id].name(lang)}
    if shared.levers:
        labels[shared.id] = shared.name_zh if lang == "zh" else shared.name_en
    return summary, frame, labels, base_id, (shared.id if shared.levers else base_id)


def _metric_months(frame, summary, fund: str, sid: str, lang: str) -> tuple[str, str | None]:
    """Minimum payable months, or 已耗尽 with the shortfall for a depleted fund."""
    text = budget.depleted_text(frame, fund, sid, lang)
    if text is not None:
        return t("budget.depleted_short", lang), text
    row = summary[(summary["fund"] == fund) & (summary["scenario"] == sid)].iloc[0]
    return fmt.months(row["min_payable_months"], lang), None


def _compact_summary(lang: str, data) -> None:
    """A few numbers beside the levers, so a change and its effect are on one screen."""
    summary, frame, labels, base_id, sid = data
    ss = st.session_state
    st.markdown(f"**{t('scenario.glance', lang)}**")
    fund = st.selectbox(t("compare.fund", lang), options=list(ALL_FUNDS), key=RESULT_FUND,
                        format_func=lambda f: fund_label(f, lang), label_visibility="collapsed")
    first, last = budget.period(frame)
    per = budget.period_text(first, last, lang)
    rows = summary[summary["fund"] == fund].set_index("scenario")
    me, base = rows.loc[sid], rows.loc[base_id]
    changed = sid != base_id
    c1, c2 = st.columns(2)
    dep = me["depletion_year"]
    c1.metric(t("table.depletion", lang),
              t("table.never_depleted", lang, horizon=last) if fmt.is_missing(dep) else fmt.year(dep, lang),
              delta=None if not changed or fmt.is_missing(me["d_depletion_year"]) or int(me["d_depletion_year"]) == 0
              else fmt.years_diff(me["d_depletion_year"], lang))
    months_text, depleted = _metric_months(frame, summary, fund, sid, lang)
    c2.metric(t("table.min_months", lang).split(" · ")[0], months_text)
    if depleted:
        st.caption(depleted)
    sums = _totals(_keys(), fund, tuple(labels), base_id, state.region())
    c3, c4 = st.columns(2)
    # the unit in the label, so the figure fits its narrow column in both languages
    c3.metric(t("scenario.m_required", lang, period=per),
              fmt.money_yi(sums.loc[sid, "required"], lang, with_unit=False),
              delta=None if not changed else fmt.money_yi(sums.loc[sid, "d_required"], lang,
                                                          signed=True, with_unit=False),
              delta_color="inverse")
    c4.metric(t("scenario.m_forgone", lang, period=per),
              fmt.money_yi(sums.loc[sid, "forgone"] if changed else 0.0, lang, with_unit=False))
    st.caption(t("scenario.glance_note", lang, base=safe.md(labels[base_id])))
    del ss  # the fund choice is kept by its widget key (ui.state.KEPT)


@st.cache_data(max_entries=64, show_spinner=False)
def _result_tables(keys: tuple[str, ...], fund: str, lang: str, names: tuple[tuple[str, str], ...],
                   base_id: str, region: str | None):
    """``(headline Markdown, summary table, budget table)`` of one fund, built once per request."""
    summary, frame, _ = runs.comparison(keys, DEFAULT_END, region)
    labels = dict(names)
    mc = uncertainty(("lib:" + base_id,), DEFAULT_END, region)
    text = headline(summary, fund, {k: safe.md(v) for k, v in labels.items()}, DEFAULT_END, lang, base_id, mc)
    table = summary_table(summary, fund, labels, DEFAULT_END, lang, base_id)
    return (text, fix_depleted_months(table, frame, fund, labels, lang),
            budget.budget_table(frame, fund, labels, base_id, lang))


@st.cache_data(max_entries=64, show_spinner=False)
def _months_status(keys: tuple[str, ...], fund: str, lang: str, names: tuple[tuple[str, str], ...],
                   red: float, amber: float, region: str | None) -> str:
    summary, frame, _ = runs.comparison(keys, DEFAULT_END, region)
    return bands.months_status(summary, frame, fund, dict(names), red, amber, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def _totals(keys: tuple[str, ...], fund: str, ids: tuple[str, ...], base_id: str, region: str | None):
    """``budget.totals`` of one fund (extra subsidy needed, fee revenue forgone), once per request."""
    _, frame, _ = runs.comparison(keys, DEFAULT_END, region)
    return budget.totals(frame, fund, list(ids), base_id)


def results(lang: str, data) -> None:
    """This scenario against its starting scenario: headline, summary table, budget table and
    the balance chart for one fund."""
    summary, frame, labels, base_id, sid = data
    fund = st.session_state.get(RESULT_FUND, "enterprise_pension")
    first, last = budget.period(frame)
    st.caption(t("scenario.result_fund", lang, fund=fund_label(fund, lang)))
    text, table, budget_table = _result_tables(_keys(), fund, lang, tuple(labels.items()), base_id,
                                               state.region())
    st.markdown(text)
    layout.table(table)
    st.markdown(f"**{t('budget.title', lang)}**")
    layout.table(budget_table)
    st.caption(t("budget.help", lang, period=budget.period_text(first, last, lang), base=first - 1))
    names = tuple(labels.items())
    red = float(st.session_state.get("red_months", state.DEFAULT_RED_MONTHS))
    amber = float(st.session_state.get("amber_months", state.DEFAULT_AMBER_MONTHS))
    if not red < amber:  # the Compare page says so; here the file's lines apply
        red, amber = state.DEFAULT_RED_MONTHS, state.DEFAULT_AMBER_MONTHS
    charts.show(runs.chart_spec("balance", _keys(), DEFAULT_END, fund, lang, names, state.region()))
    charts.show(runs.chart_spec("payable_months", _keys(), DEFAULT_END, fund, lang, names, state.region(),
                                bands.chart_options(fund, red, amber, lang)))
    st.caption(bands.caption(fund, red, amber, lang))
    st.caption(safe.md(_months_status(_keys(), fund, lang, names, red, amber, state.region())))
    st.caption(t("scenario.more_charts", lang))


def fix_depleted_months(table: pd.DataFrame, frame: pd.DataFrame, fund: str, labels, lang: str
                        ) -> pd.DataFrame:
    """Replace a negative minimum payable months in the summary table by 已耗尽 and the
    shortfall: a depleted fund pays no months."""
    col = t("table.min_months", lang)
    name_col = t("table.scenario", lang)
    if col not in table.columns:
        return table
    out = table.copy()
    for i, (sid, name) in enumerate(labels.items()):
        text = budget.depleted_text(frame, fund, sid, lang)
        if text is not None and i < len(out):
            match = out.index[out[name_col].str.startswith(name)]
            for j in match:
                out.at[j, col] = text
    return out


def render(lang: str) -> None:
    st.header(t("nav.scenario", lang))
    _init()
    try:
        read_link(lang)
    except InputError as err:
        show_error(err, lang)
    top1, top2 = st.columns([1, 2])
    with top1:
        _start_from(lang)
    with top2:
        _names(lang)
    _about_base(lang)
    caption = st.empty()
    left, right = st.columns([3, 2], gap="medium")
    with left:
        n_problems = _levers(lang)
    ss = st.session_state
    # after the levers: the count includes the change just made (no lag of one rerun)
    caption.caption(t("scenario.based_on", lang, base=safe.md(store.library()[ss[BASE]].name(lang)),
                      count=len(ss[OWN])))
    valid = n_problems == 0 and bool(re.fullmatch(r"[a-z0-9_]+", ss[SID] or ""))
    if valid:
        try:
            store.build(current_shared())
        except InputError as err:
            valid = False
            with left:
                show_error(err, lang)
    data = None
    with right:
        with st.container(key="sc_summary"):
            if valid:
                try:
                    data = _comparison(lang)
                except Exception as err:  # noqa: BLE001 - shown as a message, page goes on
                    show_error(err, lang)
                else:
                    render_safely(lambda lg: _compact_summary(lg, data), lang)
            else:
                st.info(t("scenario.fix_first", lang))
    st.subheader(t("scenario.changes", lang))
    _changes_table(lang)
    _actions(lang, valid)
    st.subheader(t("scenario.results", lang))
    if data is not None:
        render_safely(lambda lg: results(lg, data), lang)
    else:
        st.info(t("scenario.fix_first", lang))
