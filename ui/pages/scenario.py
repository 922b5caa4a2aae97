"""情景 Scenario builder: start from a shipped or saved scenario, set levers (grouped by fund,
with units, ranges and year paths), see problems inline, save/load TOML, share a link."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from model.errors import InputError
from model.scenarios.levers import catalogue
from ui import charts, runs
from ui import levers_editor as ed
from ui import scenario_store as store
from ui import share
from ui.guard import render_safely, show_error
from ui.headlines import headline, uncertainty
from ui.i18n import fund_label, t
from ui.tables import summary_table

# session keys
BASE, OWN, VERSION, SID, NAME_ZH, NAME_EN, GROUP, LINK_SEEN = (
    "sc_base", "sc_own", "sc_version", "sc_id", "sc_name_zh", "sc_name_en", "sc_group", "sc_link_seen")
DEFAULT_ID = "my_scenario"


def _init() -> None:
    ss = st.session_state
    ss.setdefault(BASE, "baseline")
    ss.setdefault(OWN, {})
    ss.setdefault(VERSION, 0)
    ss.setdefault(SID, DEFAULT_ID)
    ss.setdefault(NAME_ZH, "我的情景")
    ss.setdefault(NAME_EN, "My scenario")


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
    base_name = store.library()[ss[BASE]].name(lang)
    st.caption(t("scenario.based_on", lang, base=base_name, count=len(ss[OWN])))


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
    group = st.radio(t("scenario.group", lang), options=list(groups), horizontal=True, key=GROUP,
                     format_func=lambda g: t(f"group.{g}", lang))
    inherited = store.library()[ss[BASE]].resolved
    years = (store.msc.HORIZON[0], store.msc.HORIZON[1])
    n_problems = 0
    cols = st.columns(2)
    for i, spec in enumerate(groups[group]):
        with cols[i % 2]:
            with st.container(border=True):
                problems = ed.lever_widget(spec, ss[OWN], years, lang, ss[VERSION], inherited)
                st.caption(ed.range_text(spec, lang) + " · " + ed.default_text(spec, lang, inherited, years=years))
                for p in problems:
                    st.error(p.text(lang))
                n_problems += len(problems)
    return n_problems


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
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _actions(lang: str, valid: bool) -> None:
    ss = st.session_state
    shared = current_shared()
    c1, c2, c3 = st.columns(3)
    with c1:
        if st.button(t("scenario.save", lang), disabled=not valid, type="primary",
                     help=t("scenario.save_help", lang)):
            store.saved()[shared.id] = shared
            st.success(t("scenario.saved", lang, name=shared.name_zh if lang == "zh" else shared.name_en))
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


def results(lang: str) -> None:
    """This scenario against its starting scenario: headline, summary table and balance chart
    for one fund (cached: returning to a setting already seen costs nothing)."""
    from model.analysis.compare import ALL_FUNDS, DEFAULT_END

    ss = st.session_state
    shared = current_shared()
    base_id = ss[BASE]
    lib = store.library()
    keys = ("lib:" + base_id,) if not shared.levers else ("lib:" + base_id, runs.key_of_shared(shared))
    summary, frame, _ = runs.comparison(keys, DEFAULT_END, st.session_state.get("region_dir"))
    labels = {base_id: lib[base_id].name(lang),
              shared.id: shared.name_zh if lang == "zh" else shared.name_en}
    fund = st.radio(t("compare.fund", lang), options=list(ALL_FUNDS), horizontal=True,
                    index=0, key="sc_result_fund", format_func=lambda f: fund_label(f, lang))
    mc = uncertainty(("lib:" + base_id,), DEFAULT_END, st.session_state.get("region_dir"))
    st.markdown(headline(summary, fund, labels, DEFAULT_END, lang, base_id, mc))
    st.dataframe(summary_table(summary, fund, labels, DEFAULT_END, lang, base_id),
                 hide_index=True, width="stretch")
    # one chart keeps a lever change under half a second; the payable-months bands, current
    # balance, subsidy and dependency charts are on the Compare page
    charts.show(charts.balance_chart(frame, fund, lang, labels))
    st.caption(t("scenario.more_charts", lang))


def render(lang: str) -> None:
    st.header(t("nav.scenario", lang))
    _init()
    try:
        read_link(lang)
    except InputError as err:
        show_error(err, lang)
    _start_from(lang)
    _names(lang)
    n_problems = _levers(lang)
    st.subheader(t("scenario.changes", lang))
    _changes_table(lang)
    valid = n_problems == 0 and bool(re.fullmatch(r"[a-z0-9_]+", st.session_state[SID] or ""))
    if valid:
        try:
            store.build(current_shared())
        except InputError as err:
            valid = False
            show_error(err, lang)
    _actions(lang, valid)
    st.subheader(t("scenario.results", lang))
    if valid:
        render_safely(results, lang)
    else:
        st.info(t("scenario.fix_first", lang))
