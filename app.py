"""sifsim workbench: the Streamlit app a prefecture's planners open every day.

Run with ``bash run.sh app`` (serves on http://127.0.0.1:8501). Chinese by default, English by the
sidebar switch. Each page lives in ``ui/pages/`` and draws what the model computes; every page is
wrapped so an error is a bilingual message, never a traceback.
"""
from __future__ import annotations

import importlib

import streamlit as st

from ui import layout, state
from ui.guard import render_safely
from ui.i18n import t

st.set_page_config(page_title="社保基金精算沙盘 sifsim", page_icon="📊", layout="wide")

state.init_from_url()
state.keep_widgets()
layout.inject()

with st.sidebar:
    lang = st.radio(
        "语言 Language", options=["zh", "en"], key="lang", horizontal=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    page = st.radio(t("app.page", lang), options=list(state.PAGES), key="page",
                    format_func=lambda p: t(f"nav.{p}", lang))
state.sync_url()

with st.container(key="app_head"):  # left off the printed page (ui.layout's print stylesheet)
    st.title(t("app.title", lang))
    st.caption(t("app.caption", lang))

module = importlib.import_module(f"ui.pages.{page}")
render_safely(module.render, lang)
