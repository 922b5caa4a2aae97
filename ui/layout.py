"""Page layout that Streamlit has no switch for: the results panel kept in view beside the levers,
tables that show every column, and a print stylesheet so Ctrl+P gives a clean A4 document.

The CSS is this module's own constant text (no user text ever goes into it). A print title is
built from escaped text only.
"""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

#: Our own stylesheet. Screen: the 情景 results panel stays in view while the levers scroll;
#: table cells wrap instead of being cut. Print (A4): no sidebar, toolbar or input widgets; the
#: print title shows; charts scale to the page width; tables and charts are not split.
CSS = """
<style>
div[data-testid="stColumn"]:has(.st-key-sc_summary) {
  position: sticky; top: 3.5rem; align-self: flex-start;
}
div[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; }
div[data-testid="stMainBlockContainer"] h1 { font-size: 1.9rem; padding-bottom: 0.2rem; }
div[data-testid="stMainBlockContainer"] h2 { font-size: 1.5rem; padding: 0.4rem 0 0.2rem 0; }
.st-key-sc_summary div[data-testid="stMetricValue"] { font-size: 1.45rem; }
.st-key-sc_summary [data-testid="stMetricLabel"] p { font-size: 0.8rem; }
.st-key-sc_summary [data-testid="stMetricLabel"], .st-key-sc_summary [data-testid="stMetricLabel"] *,
.st-key-sc_summary [data-testid="stMetricValue"], .st-key-sc_summary [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
.sif-print-title { display: none; }
div[data-testid="stTable"] table { width: 100%; }
div[data-testid="stTable"] th, div[data-testid="stTable"] td { white-space: normal; }
@media print {
  @page { size: A4; margin: 12mm; }
  section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
  header[data-testid="stHeader"], div[data-testid="stToolbar"], div[data-testid="stDecoration"],
  div[data-testid="stStatusWidget"], div[data-testid="stMultiSelect"], div[data-testid="stSlider"],
  div[data-testid="stNumberInput"], div[data-testid="stRadio"], div[data-testid="stButton"],
  div[data-testid="stDownloadButton"], div[data-testid="stSelectbox"],
  div[data-testid="stElementToolbar"], .st-key-app_head, .sif-no-print { display: none !important; }
  .sif-print-title { display: block !important; margin-bottom: 6mm; }
  .sif-print-title h1 { font-size: 18pt; margin: 0 0 2mm 0; padding: 0; }
  .sif-print-title p { font-size: 10pt; margin: 0; }
  section[data-testid="stMain"], div[data-testid="stMain"] { margin-left: 0 !important; }
  div[data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; padding: 0 !important;
  }
  div[data-testid="stAppViewContainer"] { overflow: visible !important; }
  h1, h2, h3 { break-after: avoid; }
  div[data-testid="stVegaLiteChart"], div[data-testid="stTable"] { break-inside: avoid; }
  div[data-testid="stVegaLiteChart"] svg, div[data-testid="stVegaLiteChart"] canvas {
    max-width: 100% !important; height: auto !important;
  }
  div[data-testid="stTable"] { font-size: 9pt; }
}
</style>
"""


def inject() -> None:
    """Add the stylesheet to the page (app.py calls this once per run; a style-only ``st.html``
    takes no space on the page)."""
    st.html(CSS)


def print_title(title: str, subtitle: str = "") -> None:
    """A heading shown only on paper (escaped text: scenario names are the planner's own)."""
    sub = f"<p>{html.escape(subtitle)}</p>" if subtitle else ""
    st.html(f'<div class="sif-print-title"><h1>{html.escape(title)}</h1>{sub}</div>')


def table(frame: pd.DataFrame) -> None:
    """A small table with every column and cell shown in full (wrapped, never cut), on screen
    and on paper; for the few-row summary tables a planner reads and prints."""
    # hide_index rather than a pandas Styler: the same table, without styling 20 tables per run
    st.table(frame, hide_index=True)
