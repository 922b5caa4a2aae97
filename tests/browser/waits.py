"""Waiting for the app in the browser tests.

``wait_quiet(page)``: Streamlit's script state has read ``notRunning`` for 0.6 s without a break.
A single "notRunning" can fall between two runs (a page load that reruns, a rerun a widget
starts): an element clicked then may be replaced under the click, e.g. a deferred download whose
file id belonged to the earlier run, and the click does nothing.
"""
from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

QUIET = """() => new Promise(done => {
    const idle = () => document.querySelector('[data-testid=stApp]')
        ?.getAttribute('data-test-script-state') === 'notRunning';
    let quiet = 0;
    const tick = () => { quiet = idle() ? quiet + 1 : 0;
                         if (quiet >= 6) done(true); else setTimeout(tick, 100); };
    tick();
})"""


def wait_quiet(page, timeout_ms: int = 120_000) -> None:
    page.wait_for_function(QUIET, timeout=timeout_ms)


def download(page, button, first_ms: int = 20_000, retry_ms: int = 60_000):
    """Click a download button and return Playwright's Download. The app's files are made on
    the click (Streamlit 1.67's deferred download: the browser asks the server for the file,
    then downloads it). In clean-clone CI runs that request was occasionally lost right after a
    page load — no download and no error, server or console — while the same test passed alone;
    a planner would click again, and so does this helper, once, after the app is quiet."""
    try:
        with page.expect_download(timeout=first_ms) as info:
            button.click()
        return info.value
    except PlaywrightTimeout:
        wait_quiet(page)
        with page.expect_download(timeout=retry_ms) as info:
            button.click()
        return info.value
