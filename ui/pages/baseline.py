"""基线 Baseline: the 2020 figures per fund next to 2019 and the budget, and the reconciliation."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t


def render(lang: str) -> None:
    st.header(t("nav.baseline", lang))
    import model.baseline  # noqa: F401  - raises ModuleNotFoundError until the baseline lands
