"""Issue 11 in a real browser, one test per numbered section, as a planner at 1280×720 meets it:
§1 the planner's work survives, §2 the budget answer, §3 no negative months and plain risk
wording, §4 layout and printing, §5 one language at a time, §6 exports.

One Streamlit server and one chromium serve every test (tests/browser/conftest.py); each test
drives one page object through several checks to keep the suite light on a 2-core machine.
"""
from __future__ import annotations

import re
import subprocess
import tomllib
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.waits import download, wait_quiet
from ui import share

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
RATE = "enterprise_pension.employer_rate"
RATE_LABEL = "企业养老单位缴费比例"
NEGATIVE_MONTHS = re.compile(r"[-−]\s?\d[\d,.]*\s*(个月|months)")
IDLE = ("() => document.querySelector('[data-testid=stApp]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'")


#: A page's first visit on a fresh server under heavy load (engine build, Monte Carlo headlines).
COLD_PAGE_MS = 300_000

RUNNING = ("() => document.querySelector('[data-testid=stApp]')"
           "?.getAttribute('data-test-script-state') === 'running'")


@pytest.fixture(scope="module")
def cut():
    """The engine's own comparison of the baseline and the 14% cut, enterprise fund, to 2060:
    the figures the pages must show (``model.analysis.compare``, not the UI)."""
    from model.analysis import compare as mc
    from model.scenarios.library import load_library
    from ui import format as fmt

    lib = load_library()
    summary = mc.compare([lib["baseline"], lib["employer_rate_14"]], end=2060).summary
    row = summary[(summary["fund"] == "enterprise_pension")
                  & (summary["scenario"] == "employer_rate_14")].iloc[0]
    return {"d_required": fmt.money_yi(row["d_cumulative_required_subsidy"], signed=True,
                                       with_unit=False),
            "depletion": int(row["depletion_year"])}


def settle(page) -> None:
    """Wait for the script run that the last action started (if any) to finish."""
    try:
        page.wait_for_function(RUNNING, timeout=1_000, polling=20)
    except Exception:  # noqa: BLE001 - the run may have ended between two polls, or not started
        pass
    page.wait_for_function(IDLE, timeout=120_000)
    wait_quiet(page)  # and stays finished: no later run (a rerun the first one asked for) under way


def go(page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()
    page.get_by_role("heading", name=name, exact=True).wait_for()
    settle(page)


def lever_box(page, label: str):
    """The bordered box of one lever (toggle, input or grid, range caption)."""
    return page.locator('[data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"] '
                        '[data-testid="stCheckbox"])').filter(has_text=label).last


def grid_type(page, grid, row: int, column: float, text: str) -> None:
    """Type into a cell of a data editor (row 0 is the first data row; column 0–1 across)."""
    box = grid.bounding_box()
    overlay = page.locator("#portal textarea, #portal input").first
    for _ in range(3):  # the canvas grid may need a moment before it takes the click
        grid.click(position={"x": box["width"] * column, "y": 35 + 35 * row + 17})
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        try:
            overlay.wait_for(timeout=3_000)
            break
        except Exception:  # noqa: BLE001 - retried, then the typing check below fails
            continue
    page.keyboard.type(text, delay=40)
    page.keyboard.press("Enter")
    settle(page)


def main_text(page) -> str:
    """Everything on the page's main area. The viewport is stretched to the content first:
    Streamlit draws some elements (tables) only once they come into view."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 12_000))})
    page.wait_for_timeout(600)
    text = page.locator('[data-testid="stMain"]').inner_text()
    page.set_viewport_size(size)
    return text


def no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()
    assert "页面计算出错" not in main_text(page) and "This page failed" not in main_text(page)


# ---------------------------------------------------------------- §1 the planner's work


def test_1_year_path_edit_survives_page_and_group_switch_and_is_shared(
        laptop, app_url, user_scenarios, shot, full_shot):
    page = laptop
    page.goto(f"{app_url}/?page=scenario")
    page.get_by_role("heading", name="情景", exact=True).wait_for()
    settle(page)
    lever = lever_box(page, RATE_LABEL)
    lever.get_by_text("按年份设置").click()
    settle(page)
    editor = lever.locator('[data-testid="stElementContainer"]:has([data-testid="stDataFrame"])')
    editor.hover()
    editor.get_by_role("button", name="Add row").click()
    settle(page)
    grid = editor.locator('[data-testid="stDataFrame"]')
    # a half-filled row: ignored with the message, nothing below disappears
    grid_type(page, grid, 1, 0.45, "2022")
    assert page.get_by_text("有一行缺少年份或取值").is_visible()
    assert page.get_by_role("button", name="保存到“我的情景”").is_visible()
    assert page.get_by_role("heading", name="本情景结果（相对起点情景）").count() == 1
    no_error(page)
    shot(page, "s1-half-filled-row")
    grid_type(page, grid, 1, 0.85, "14")

    def check(where: str) -> None:
        text = main_text(page)
        assert "本情景改动了 1 个参数" in text, where
        assert "2021: 16, 2022: 14" in text, where  # the changes table
        forgone = page.locator(".st-key-sc_summary").inner_text()
        assert re.search(r"少收保险费（亿元，2021–2060年）\s*\n\s*[1-9][\d,]*\.\d\d", forgone), where

    check("after the edit")
    go(page, "对比")
    go(page, "情景")
    check("after a page switch")
    page.get_by_role("radiogroup").filter(has_text="经济").get_by_text("经济", exact=True).click()
    settle(page)
    page.get_by_role("radiogroup").filter(has_text="经济").get_by_text("企业职工养老", exact=True).click()
    settle(page)
    check("after a lever-group switch")
    # the grid still shows the planner's row (it is drawn afresh from the scenario)
    full_shot(page, "s1-after-switches")

    page.get_by_role("button", name="生成分享链接").click()
    settle(page)
    code = parse_qs(urlparse(page.url).query)["s"][0]
    assert share.decode(code).levers == {RATE: {2021: 0.16, 2022: 0.14}}

    # saved to the visible folder, listed as 我的情景, kept by the 对比 page and in its URL
    page.get_by_role("button", name="保存到“我的情景”").click()
    settle(page)
    saved = user_scenarios / "my_scenario.toml"
    assert saved.is_file()
    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["scenario"]["inherits"] == "baseline"
    assert page.get_by_text(str(saved)).count() >= 1
    go(page, "对比")
    page.locator('[data-testid="stMultiSelect"] input').click()
    page.keyboard.type("我的情景 ·")
    page.get_by_role("option", name="我的情景 · 我的情景").click()
    page.keyboard.press("Escape")
    settle(page)
    assert "cmp=baseline%2Cemployer_rate_14%2Cmy_scenario" in page.url or \
        "cmp=baseline,employer_rate_14,my_scenario" in page.url
    go(page, "风险")
    go(page, "对比")
    shot(page, "s1-compare-kept")
    chips = page.locator('[data-testid="stMultiSelect"] [data-tag]')
    assert chips.count() == 3
    assert "我的情景" in chips.nth(2).inner_text()
    no_error(page)


# ---------------------------------------------------------------- §2 the budget answer


def test_2_extra_subsidy_in_yi_on_compare_and_scenario(laptop, app_url, full_shot, cut):
    from playwright.sync_api import expect

    page = laptop
    page.goto(f"{app_url}/?page=compare&cmp=baseline,employer_rate_14&fund=enterprise_pension")
    # the first visit may build the engine and run the headlines' Monte Carlo on a busy machine:
    # wait for the budget table's own figure (the last thing this test reads), not for a time
    budget = page.locator('[data-testid="stTable"]').filter(has_text="累计所需追加补贴（亿元，2021–2060年）")
    expect(budget).to_have_count(1, timeout=COLD_PAGE_MS)
    # the 14% cut's extra subsidy to 2060 against the baseline (+259.20亿 when this was written)
    expect(budget).to_contain_text(cut["d_required"], timeout=COLD_PAGE_MS)
    expect(budget).to_contain_text("少收保险费（减免/降费，亿元，2021–2060年）")
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("预算影响：所需追加财政补贴与少收保险费")
    expect(main).to_contain_text("逐年金额（亿元，每5年及末年）")
    text = main_text(page)
    assert "累计所需追加补贴（亿元，2021–2060年）" in text, text[text.find("预算影响"):][:300]
    assert cut["d_required"] in text
    full_shot(page, "s2-compare-budget")


# ---------------------------------------------------------------- §3 depleted funds, wording


def test_3_no_negative_months_anywhere_and_one_ratio_name(laptop, app_url, cut):
    page = laptop
    page.goto(f"{app_url}/?page=compare&cmp=baseline,employer_rate_14&fund=enterprise_pension")
    # the enterprise fund under the 14% cut runs dry (2024 when written): 已耗尽, no months
    page.get_by_text(f"已耗尽（{cut['depletion']}年起").first.wait_for()
    settle(page)
    for name in ("对比", "情景", "风险", "基线", "导出"):
        go(page, name)
        if name == "风险":
            page.get_by_text("完成：").wait_for()
        text = main_text(page)
        assert not NEGATIVE_MONTHS.search(text), (name, NEGATIVE_MONTHS.search(text))
        no_error(page)
    go(page, "对比")
    # the months chart stops at zero: no negative tick on its axes, the depletion year marked
    months = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="累计结余可支付月数")
    ticks = months.locator("g.role-axis-label text").evaluate_all("els => els.map(e => e.textContent)")
    assert ticks and not any(t.strip().startswith(("-", "−")) for t in ticks)
    assert months.get_by_text(f"{cut['depletion']}年耗尽").count() >= 1
    # the ratio: one name, title and data agree (contributors per beneficiary)
    assert page.locator('[data-testid="stVegaLiteChart"]').filter(
        has_text="在职退休比（缴费人数÷领取人数）").count() == 1
    assert "领取人数/缴费人数" not in page.content()


# ---------------------------------------------------------------- §4 layout and printing


def _titles_inside(page) -> list[str]:
    """Titles of the drawn charts whose box leaves the chart's own box (empty when all fit)."""
    bad = []
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        outer = chart.bounding_box()
        for title in chart.locator("g.role-title-text text").all():
            box = title.bounding_box()
            if box is None:
                continue
            if (box["x"] < outer["x"] - 1 or box["x"] + box["width"] > outer["x"] + outer["width"] + 1
                    or box["y"] < outer["y"] - 1):
                bad.append(title.text_content())
    return bad


@pytest.mark.parametrize("width", [1440, 1280])
def test_4_chart_titles_fit_their_charts(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        for lang in ("zh", "en"):
            page.goto(f"{app_url}/?page=compare&lang={lang}&cmp=baseline,employer_rate_14,"
                      "sme_exemption_2021&fund=enterprise_pension")
            page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
            settle(page)
            assert page.locator('[data-testid="stVegaLiteChart"] svg').count() >= 5
            assert _titles_inside(page) == [], (lang, width)
    finally:
        context.close()


def test_4_results_beside_levers_and_a_clean_printed_comparison(laptop, app_url, tmp_path, shot,
                                                                cut):
    page = laptop
    page.goto(f"{app_url}/?page=scenario")
    page.get_by_role("heading", name="情景", exact=True).wait_for()
    settle(page)
    # a lever and the result summary on the first 1280×720 screen
    rate = page.get_by_role("spinbutton", name=f"{RATE_LABEL}（%）")
    summary = page.locator(".st-key-sc_summary")
    assert rate.bounding_box()["y"] + rate.bounding_box()["height"] <= 720
    assert summary.get_by_text("累计结余耗尽年份").bounding_box()["y"] < 720
    assert summary.get_by_text("累计所需追加补贴").bounding_box()["y"] < 720
    # the caption counts the change made in this very run
    rate.fill("14")
    rate.press("Enter")
    settle(page)
    assert "本情景改动了 1 个参数" in main_text(page)
    shot(page, "s4-scenario-first-screen")

    page.goto(f"{app_url}/?page=compare&cmp=baseline,employer_rate_14&fund=enterprise_pension")
    page.get_by_role("heading", name="对比", exact=True).wait_for()
    page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for()
    settle(page)
    pdf = tmp_path / "compare.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert f"社会保险基金情景对比（{date.today().isoformat()}）" in text
    assert "企业养老单位费率由16%降至14%（2022年起）" in text
    assert "累计所需追加补贴" in text and cut["d_required"] in text
    for sidebar in ("语言 Language", "页面", "English"):
        assert sidebar not in text, sidebar
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "s4-compare-print")], check=True)


# ---------------------------------------------------------------- §5 one language at a time

PAGES = (("baseline", "基线", "Baseline"), ("scenario", "情景", "Scenario builder"),
         ("compare", "对比", "Compare"), ("risk", "风险", "Risk"), ("export", "导出", "Export"))
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Streamlit's own words that it offers no way to translate (listed in README.md): the file
#: uploader's drop zone and button, and the data editor's toolbar tooltips.
STREAMLIT_LEFTOVERS_ZH = ("Drag and drop file here", "Drag and drop files here", "Browse files",
                          "Limit 5MB per file", "Upload")
#: English strings the issue found in Chinese mode; none may remain outside the leftovers.
ENGLISH_IN_ZH = ("Select all", "Choose an option", "Choose options", "File must be 5.0MB or smaller",
                 "policy-facts")
#: Chinese that may stay in English mode: none on the pages' main area.
CHINESE_IN_EN: tuple[str, ...] = ()


def _without(text: str, allowed) -> str:
    for s in allowed:
        text = text.replace(s, "")
    return text


def test_5_one_language_at_a_time_with_screenshots_of_every_page(laptop, app_url, shot, full_shot):
    page = laptop
    for lang in ("zh", "en"):
        for i, (pid, zh, en) in enumerate(PAGES, start=1):
            page.goto(f"{app_url}/?page={pid}&lang={lang}")
            page.get_by_role("heading", name=zh if lang == "zh" else en, exact=True).wait_for()
            settle(page)
            if pid == "risk":
                page.get_by_text("完成：" if lang == "zh" else "Done:").wait_for()
                settle(page)
            no_error(page)
            shot_name = f"page-{lang}-{i}-{pid}"
            page.screenshot(path=str(ARTIFACTS / f"{shot_name}.png"))  # the 1280×720 screen
            full_shot(page, f"{shot_name}-full")
            text = main_text(page)
            if lang == "en":
                left = [ln for ln in _without(text, CHINESE_IN_EN).splitlines() if CJK.search(ln)]
                assert left == [], (pid, left[:5])
            else:
                rest = _without(text, STREAMLIT_LEFTOVERS_ZH)
                found = [s for s in ENGLISH_IN_ZH if s in rest]
                assert found == [], (pid, found)
                # the tooltip sources are Chinese too (no internal notes cited)
                assert "policy-facts" not in page.content(), pid
            # one term for the year-end balance on every page
            assert not ("滚存结余" in text and "累计结余" in text), pid


# ---------------------------------------------------------------- §6 exports


def test_6_planner_csv_and_xlsx_download(laptop, app_url, tmp_path):
    import io

    import openpyxl
    import pandas as pd

    page = laptop
    page.goto(f"{app_url}/?page=export")
    page.get_by_role("heading", name="导出", exact=True).wait_for()
    settle(page)
    path = tmp_path / "planner.csv"
    download(page, page.get_by_role("button", name="下载规划用表 CSV")).save_as(path)
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert list(frame.columns[:3]) == ["情景", "险种", "指标（单位）"]
    assert "2060" in frame.columns and "累计结余（亿元）" in set(frame["指标（单位）"])
    assert "累计财政补贴（亿元，2021年起累计）" in set(frame["指标（单位）"])
    got = download(page, page.get_by_role("button", name="下载规划用表 xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(got.path().read_bytes()))
    assert book.active["A1"].value == "情景"
