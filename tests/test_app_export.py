"""The Export page: CSV bytes are the engine's long table in utf-8-sig; charts export with CJK."""
import io
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from model.engine.output import project
from model.scenarios.library import load_library
from ui.pages.export import chart_files, csv_bytes

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_csv_is_the_engines_long_table_with_bom():
    lib = load_library()
    frame = project([lib["baseline"], lib["employer_rate_14"]], end=2060)
    data = csv_bytes(frame)
    assert data[:3] == b"\xef\xbb\xbf"
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["scenario", "fund", "year", "indicator", "value", "unit"]
    assert len(back) == len(frame)
    assert set(back["unit"]) >= {"万元"}
    pd.testing.assert_series_equal(back["value"], frame["value"].astype(float), check_names=False,
                                   rtol=1e-12)


def test_page_renders_with_downloads():
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["page"] = "export"
    at.run()
    assert not at.exception and not at.error
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载 CSV", "下载 PNG", "下载 SVG"]


def test_exported_svg_has_chinese_title_and_cjk_font():
    png, svg = chart_files(("lib:baseline",), 2060, "payable_months", "enterprise_pension", "zh",
                           (("baseline", "基准"),), 6.0, 12.0)
    assert png[:4] == b"\x89PNG"
    assert "企业职工基本养老保险：累计结余可支付月数" in svg
    assert "Noto Sans CJK SC" in svg
