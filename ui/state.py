"""Session state shared by the pages: language, current page, risk thresholds (defaults from
``data/parameters/thresholds.toml``), and what keeps a
planner's work across page switches.

The language and page live in the URL (``?lang=en&page=compare``) so a link opens the same view;
so do the Compare page's scenarios and fund (``?cmp=baseline,employer_rate_14&fund=total``), so a
comparison can be shared. The scenario's own URL encoding is in :mod:`ui.share`.

Streamlit forgets a widget's value when the widget is not drawn in a run (another page, another
lever group). :func:`keep_widgets` re-writes the values of the widgets listed in :data:`KEPT`
at the start of every run, which turns them into plain session values that survive until the
widget is drawn again; lever values themselves live in plain session keys (``sc_own``) and never
depend on a widget being drawn.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT_LANG, LANGS
from ui.thresholds import default_red_amber

PAGES = ("baseline", "scenario", "compare", "risk", "export")
#: red and amber payable-months bands: data/parameters/thresholds.toml's lines for every fund
DEFAULT_RED_MONTHS, DEFAULT_AMBER_MONTHS = default_red_amber()
FUNDS = ("enterprise_pension", "public_pension", "resident_pension", "work_injury",
         "unemployment", "total")

#: Widget keys whose value must outlive a page or lever-group switch.
KEPT = ("sc_group", "sc_result_fund", "cmp_selected", "cmp_fund", "cmp_end", "red_months",
        "amber_months", "risk_base", "risk_end", "exp_selected", "exp_end", "exp_fund", "exp_kind",
        "exp_lang_table")

#: URL parameters of the Compare page.
CMP_PARAM, FUND_PARAM = "cmp", "fund"


def init_from_url() -> None:
    """On a session's first run, take ``lang``, ``page`` and the Compare page's scenarios and fund
    from the URL when they are well-formed (scenario ids are checked against the list on the
    Compare page itself)."""
    if st.session_state.get("_url_read"):
        return
    st.session_state["_url_read"] = True
    params = st.query_params
    if params.get("lang") in LANGS:
        st.session_state["lang"] = params["lang"]
    if params.get("page") in PAGES:
        st.session_state["page"] = params["page"]
    ids = [s for s in (params.get(CMP_PARAM) or "").split(",") if s]
    if ids:
        st.session_state["cmp_selected"] = list(dict.fromkeys(ids))
    if params.get(FUND_PARAM) in FUNDS:
        st.session_state["cmp_fund"] = params[FUND_PARAM]


def keep_widgets() -> None:
    """Re-write every :data:`KEPT` widget value so Streamlit keeps it while the widget is not
    drawn (Streamlit's documented way to carry widget values across pages)."""
    ss = st.session_state
    for key in KEPT:
        if key in ss:
            ss[key] = ss[key]


def sync_url() -> None:
    """Write the current language and page back into the URL."""
    lang, page = current_lang(), st.session_state.get("page", PAGES[0])
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    if st.query_params.get("page") != page:
        st.query_params["page"] = page


def set_param(name: str, value: str | None) -> None:
    """Set (or with ``None`` remove) one URL parameter, touching the URL only on a change."""
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def region() -> str | None:
    """The uploaded region folder in use this session (None: the shipped Changji 2020 region)."""
    return st.session_state.get("region_dir")


def current_lang() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG
