"""The payable-months chart in a real browser carries the file's warning lines (issue 12 §5): the
work-injury 18/24-month rate-cut lines drawn and labelled on the chart, each line's source in
the caption under it, "本局自定" where no official threshold exists, at 1280×720."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
COLD_PAGE_MS = 300_000


def test_work_injury_months_chart_shows_the_rate_cut_lines_and_sources(laptop, app_url):
    page = laptop
    page.goto(f"{app_url}/?page=compare&cmp=baseline,work_injury_cut_50&fund=work_injury")
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="工伤保险：累计结余可支付月数")
    expect(chart).to_have_count(1, timeout=COLD_PAGE_MS)
    expect(chart).to_contain_text("18–23个月：费率可下调20%")
    expect(chart).to_contain_text("24个月以上：费率可下调50%")
    expect(chart).to_contain_text("红色：少于3个月")
    caption = page.get_by_text("图中预警线及来源：")
    expect(caption).to_contain_text("24个月以上：费率可下调50%（来源：国办发〔2019〕13号，人社部发〔2023〕19号延续）")
    expect(caption).to_contain_text("低于6个月：重点关注（本局自定）")
    expect(page.get_by_text("对照预警线：")).to_be_visible()
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "compare-work-injury-thresholds-zh.png"))

    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="months of spending the balance covers").filter(has_text="Work-injury insurance")
    expect(chart).to_have_count(1, timeout=COLD_PAGE_MS)
    expect(chart).to_contain_text("24 months or more: rate may be cut by 50%")
    expect(page.get_by_text("Lines on the chart and their sources:")).to_contain_text("(the bureau's choice)")
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "compare-work-injury-thresholds-en.png"))
