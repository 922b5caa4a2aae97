"""The compare page (wired to the model once its modules land)."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t


def render(lang: str) -> None:
    st.header(t("nav.compare", lang))
    import model.engine  # noqa: F401  - raises ModuleNotFoundError until the engine lands
