"""The Export page's leadership pack: the download is the deck, brief or workbook of the selected
scenarios, built by model.reports (the same numbers as the engine's)."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from model.engine import get_engine
from ui.pages.export import pack_file

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_pack_bytes_are_the_documents():
    keys = ("lib:baseline", "lib:employer_rate_14")
    book = openpyxl.load_workbook(io.BytesIO(pack_file(keys, 2030, "xlsx", "zh")))
    result = get_engine().run([{}], end=2030)
    ws = book["合计"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "情景")
    labels = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    col = labels.index("累计结余（万元）") + 1
    last = next(r for r in range(header + 1, ws.max_row + 1)
                if ws.cell(r, 1).value == "baseline" and ws.cell(r, 2).value == 2030)
    assert ws.cell(last, col).value == pytest.approx(result.series["total"]["accumulated_balance"][0, -1])
    assert len(Presentation(io.BytesIO(pack_file(keys, 2030, "pptx", "en"))).slides) == 8
    assert "五、政策建议" in [p.text for p in Document(io.BytesIO(pack_file(keys, 2030, "docx", "zh"))).paragraphs]


def test_export_page_offers_the_pack():
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["page"] = "export"
    at.run()
    assert not at.exception
    assert any(r.key == "exp_pack_fmt" for r in at.radio)
    at.button(key="exp_pack_build").click().run()
    assert not at.exception and not at.error
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-1] == "下载"
