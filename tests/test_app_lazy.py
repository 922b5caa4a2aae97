"""Page switches do no work that was done before (issue 11 §4: under 1 s with cached results):
coming back to a page redraws its charts from cached specs without building an Altair chart, its
budget tables without recomputing them, and
opening Export builds no file until a download button is clicked."""
from __future__ import annotations

import io
import struct
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ui import budget, charts, exports
from ui.pages import export

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.mark.parametrize("page, n_charts", [("compare", 5), ("scenario", 2), ("risk", 3)])
def test_coming_back_to_a_page_builds_no_chart_or_table(page, n_charts, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["page"] = page
    at.run()
    at.sidebar.radio(key="page").set_value("baseline").run()
    calls: list[str] = []
    original = alt.TopLevelMixin.to_dict
    monkeypatch.setattr(alt.TopLevelMixin, "to_dict",
                        lambda self, *a, **k: calls.append(type(self).__name__) or original(self, *a, **k))
    tables: list[str] = []
    for name in ("budget_table", "yearly_table", "totals"):
        monkeypatch.setattr(budget, name, lambda *a, _o=getattr(budget, name), _n=name, **k:
                            tables.append(_n) or _o(*a, **k))
    at.sidebar.radio(key="page").set_value(page).run()
    assert not at.exception and not at.error
    assert len(at.get("vega_lite_chart")) == n_charts  # still drawn, from the cached specs
    assert calls == [] and tables == []
    assert len(at.table) >= (1 if page == "risk" else 2)  # the tables too


def test_opening_export_builds_no_file(monkeypatch):
    st.cache_data.clear()  # nothing left from another test: a build here would be this page's
    made: list[str] = []
    for module, name in ((charts, "slide_png"), (charts, "to_svg"), (exports, "planner_csv"),
                         (exports, "planner_xlsx"), (export, "csv_bytes")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _o=original, _n=name, **k: made.append(_n) or _o(*a, **k))
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["page"] = "export"
    at.run()
    assert not at.exception and not at.error
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["下载规划用表 CSV", "下载规划用表 xlsx", "下载长表 CSV",
                                                "下载 PNG", "下载 SVG"]
    assert made == []
    # each button's file is made by Streamlit when it is clicked (a deferred download)
    assert all(b.proto.deferred_file_id for b in buttons)


def test_the_deferred_downloads_make_the_files():
    keys, labels = ("lib:baseline", "lib:employer_rate_14"), (("baseline", "基准"), ("employer_rate_14", "降费"))
    png = export.deferred(export.chart_files, keys, 2060, "payable_months", "enterprise_pension", "zh",
                          labels, 6.0, 12.0, None, pick=0)()
    assert png[:4] == b"\x89PNG" and struct.unpack(">II", png[16:24]) == (1920, 1080)
    svg = export.deferred(export.chart_files, keys, 2060, "payable_months", "enterprise_pension", "zh",
                          labels, 6.0, 12.0, None, pick=1)()
    assert svg.startswith(b"<svg") and "可支付月数".encode() in svg
    long = export.deferred(export.long_csv, keys, 2060, None)()
    frame = pd.read_csv(io.BytesIO(long), encoding="utf-8-sig")
    assert long[:3] == b"\xef\xbb\xbf" and len(frame) == export.long_rows(keys, 2060, None)
    planner = export.deferred(export.planner_files, keys, 2060, "zh", labels, None, pick=0)()
    assert pd.read_csv(io.BytesIO(planner), encoding="utf-8-sig").columns[0] == "情景"
