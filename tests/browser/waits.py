"""Waiting for the app in the browser tests.

``wait_quiet(page)``: Streamlit's script state has read ``notRunning`` for 0.6 s without a break.
A single "notRunning" can fall between two runs (a page load that reruns, a rerun a widget
starts): an element clicked then may be replaced under the click, e.g. a deferred download whose
file id belonged to the earlier run, and the click does nothing.
"""
from __future__ import annotations

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
