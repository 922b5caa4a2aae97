"""Session state shared by the pages: language, current page, risk thresholds.

The language and page also live in the URL (``?lang=en&page=compare``) so a link opens the same
view; the scenario's own URL encoding is in :mod:`ui.pages.scenario`.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT_LANG, LANGS

PAGES = ("baseline", "scenario", "compare", "risk", "export")
DEFAULT_RED_MONTHS = 6.0
DEFAULT_AMBER_MONTHS = 12.0


def init_from_url() -> None:
    """On a session's first run, take ``lang`` and ``page`` from the URL when they are valid."""
    if st.session_state.get("_url_read"):
        return
    st.session_state["_url_read"] = True
    params = st.query_params
    if params.get("lang") in LANGS:
        st.session_state["lang"] = params["lang"]
    if params.get("page") in PAGES:
        st.session_state["page"] = params["page"]


def sync_url() -> None:
    """Write the current language and page back into the URL."""
    lang, page = current_lang(), st.session_state.get("page", PAGES[0])
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    if st.query_params.get("page") != page:
        st.query_params["page"] = page


def region() -> str | None:
    """The uploaded region folder in use this session (None: the shipped Changji 2020 region)."""
    return st.session_state.get("region_dir")


def current_lang() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG
