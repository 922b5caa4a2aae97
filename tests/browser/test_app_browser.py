"""The workbench in a real browser (Debian chromium via Playwright against `streamlit run`):
it loads, a lever change updates the summary and the chart, the language switches, the CSV
downloads and reads back, and every page renders (screenshots in test-artifacts/)."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from tests.browser.waits import download, wait_quiet

pytestmark = pytest.mark.browser

PAGES_ZH = ["基线", "情景", "对比", "风险", "导出"]
RATE_LABEL = "企业养老单位缴费比例（%）"


def _goto_page(page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()
    page.get_by_role("heading", name=name, exact=True).wait_for()


def test_loads_in_chinese_then_switches_to_english(page, app_url, shot, wait_app_idle):
    page.goto(app_url)
    page.get_by_role("heading", name="社保基金精算沙盘").wait_for()
    page.get_by_text("企业职工基本养老保险").first.wait_for()
    wait_app_idle(page)
    shot(page, "home-zh")
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Social insurance fund simulator").wait_for()
    page.get_by_text("Reconciliation findings").wait_for()
    wait_app_idle(page)
    assert "lang=en" in page.url
    shot(page, "home-en")


def test_lever_change_updates_summary_and_chart(page, app_url, shot, wait_app_idle):
    page.goto(f"{app_url}/?page=scenario")
    page.get_by_role("heading", name="情景", exact=True).wait_for()
    table = page.locator('[data-testid="stDataFrame"]').last
    headline = page.get_by_text("企业职工基本养老保险：在").last
    headline.wait_for()
    wait_app_idle(page)
    before_text = headline.inner_text()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for()
    before_chart = chart.screenshot()
    assert "我的情景" not in before_text
    rate = page.get_by_role("spinbutton", name=RATE_LABEL)
    rate.fill("12")
    rate.press("Enter")
    page.get_by_text("“我的情景”").last.wait_for()
    wait_app_idle(page)
    after_text = page.get_by_text("企业职工基本养老保险：在").last.inner_text()
    assert after_text != before_text and "我的情景" in after_text
    assert table.is_visible()
    assert chart.screenshot() != before_chart
    shot(page, "scenario-rate-12")


def test_csv_download_reads_back(page, app_url, wait_app_idle, tmp_path):
    page.goto(f"{app_url}/?page=export")
    page.get_by_role("heading", name="导出", exact=True).wait_for()
    button = page.get_by_role("button", name="下载长表 CSV")
    button.wait_for()
    wait_app_idle(page)
    wait_quiet(page)  # the file is made on the click, by the run that drew the button
    path = tmp_path / "table.csv"
    download(page, button).save_as(path)
    raw = path.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(frame.columns) == ["scenario", "fund", "year", "indicator", "value", "unit"]
    assert {"baseline"} <= set(frame["scenario"])
    assert "万元" in set(frame["unit"])


def test_every_page_renders_without_traceback(page, app_url, shot, wait_app_idle):
    page.goto(app_url)
    page.get_by_role("heading", name="社保基金精算沙盘").wait_for()
    for i, name in enumerate(PAGES_ZH):
        _goto_page(page, name)
        wait_app_idle(page)
        if name == "风险":
            page.get_by_text("完成：").wait_for()
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in page.content()
        shot(page, f"page-{i + 1}-{name}")
