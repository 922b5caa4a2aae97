"""The workbench in a real browser: it loads, switches language and every page renders."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES_ZH = ["基线", "情景", "对比", "风险", "导出"]


def test_loads_in_chinese_then_switches_to_english(page, app_url, shot, wait_app_idle):
    page.goto(app_url)
    page.get_by_role("heading", name="社保基金精算沙盘").wait_for()
    wait_app_idle(page)
    shot(page, "home-zh")
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Social insurance fund simulator").wait_for()
    wait_app_idle(page)
    assert "lang=en" in page.url
    shot(page, "home-en")


def test_every_page_renders_without_traceback(page, app_url, shot, wait_app_idle):
    page.goto(app_url)
    page.get_by_role("heading", name="社保基金精算沙盘").wait_for()
    for i, name in enumerate(PAGES_ZH):
        page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()
        page.get_by_role("heading", name=name, exact=True).wait_for()
        wait_app_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in page.content()
        shot(page, f"page-{i + 1}-{name}")
