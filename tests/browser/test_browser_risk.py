"""The Risk page in a real browser: each fund's depletion year is shown with its uncertainty
(median, 10–90% range, probability by year), in Chinese and in English, at 1280×720."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
COLD_PAGE_MS = 300_000   # a fresh server under load: engine build and 1,000 Monte Carlo paths


@pytest.fixture(scope="module")
def enterprise():
    """The analysis module's own figures for the page's defaults (baseline, 1,000 paths, seed
    20200101, to 2060): the enterprise fund's row of ``depletion_uncertainty``."""
    from model.analysis.uncertainty import depletion_uncertainty, percent_text
    from model.scenarios.library import load_library

    table = depletion_uncertainty([load_library()["baseline"]], paths=1_000, end=2060)
    row = table.set_index("fund").loc["enterprise_pension"]
    return {"median": int(row["depletion_p50"]), "range": (int(row["depletion_p10"]), int(row["depletion_p90"])),
            "p2040": percent_text(row["p_depleted_2040"])}


def test_depletion_year_with_range_and_probabilities(laptop, app_url, full_shot, enterprise):
    page = laptop
    page.goto(f"{app_url}/?page=risk")
    table = page.locator('[data-testid="stTable"]').filter(has_text="耗尽年份（中位数）")
    expect(table).to_have_count(1, timeout=COLD_PAGE_MS)
    row = table.locator("tr").filter(has_text="企业职工基本养老保险")
    low, high = enterprise["range"]
    expect(row).to_contain_text(f"{enterprise['median']}年")
    expect(row).to_contain_text(f"{low}–{high}")
    expect(row).to_contain_text(enterprise["p2040"])
    # a fund no path empties: said in words, never a year
    expect(table.locator("tr").filter(has_text="机关事业单位养老保险")).to_contain_text("晚于2060年")
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "risk-depletion-table-zh.png"))
    full_shot(page, "risk-zh")

    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    table = page.locator('[data-testid="stTable"]').filter(has_text="Runs out (median)")
    expect(table).to_have_count(1, timeout=COLD_PAGE_MS)
    expect(table.locator("tr").filter(has_text="Enterprise employee pension")).to_contain_text(f"{low}–{high}")
    expect(table.locator("tr").filter(has_text="Public institution pension")).to_contain_text("later than 2060")
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "risk-depletion-table-en.png"))
