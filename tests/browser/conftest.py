"""Playwright harness: a real ``streamlit run app.py`` on a free localhost port, driven by Debian's
chromium at /usr/bin/chromium (never a downloaded browser). Screenshots go to test-artifacts/.

Every test here is marked ``browser``; run them with ``pytest tests/browser -m browser``.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY_TIMEOUT_S = 60.0


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Poll Streamlit's /_stcore/health until it answers ``ok`` or the server dies."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"streamlit not healthy at {url} after {timeout_s:.0f} s")


@pytest.fixture(scope="session")
def user_scenarios(tmp_path_factory) -> Path:
    """The 我的情景 folder of the test server (never the repository's scenarios/user/)."""
    return tmp_path_factory.mktemp("user-scenarios")


@pytest.fixture(scope="session")
def app_url(user_scenarios):
    if not os.access(CHROMIUM, os.X_OK):
        message = "Debian's chromium is not installed at /usr/bin/chromium (bash run.sh test installs it)"
        if os.environ.get("CI"):   # CI must run the browser tests, never skip them
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    log_path = ARTIFACTS / "streamlit-server.log"
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(log_path, "w")
    streamlit = Path(sys.executable).with_name("streamlit")
    proc = subprocess.Popen(
        [str(streamlit), "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "SIFSIM_USER_SCENARIOS": str(user_scenarios)})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True,
                                  locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _wait_app_idle(page, timeout_ms: int = 60_000) -> None:
    # Streamlit marks the app root with its script state; "notRunning" means the run that the
    # last action started has finished and stale elements of the previous page are gone.
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)


@pytest.fixture
def shot():
    """``shot(page, name)``: full-page screenshot kept in test-artifacts/."""
    return _shot


@pytest.fixture
def wait_app_idle():
    """``wait_app_idle(page)``: wait until Streamlit finished the current script run."""
    return _wait_app_idle


def _full_shot(page, name: str, width: int = 1280) -> Path:
    """The whole page at ``width``: Streamlit scrolls inside its main block, so the viewport is
    stretched to the content's height for the shot and set back to 720 after."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(720, min(int(height), 12_000))})
    page.wait_for_timeout(600)
    try:  # widgets drawn afresh for the taller view show as skeletons for a moment
        page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')",
                               timeout=10_000)
    except Exception:  # noqa: BLE001 - a shot with a placeholder is still a shot
        pass
    page.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": width, "height": 720})
    return path


@pytest.fixture
def full_shot():
    """``full_shot(page, name)``: the whole page at 1280 px wide, kept in test-artifacts/."""
    return _full_shot


@pytest.fixture
def laptop(browser, app_url):
    """A page at 1280×720, the planners' laptop screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True,
                                  locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()
