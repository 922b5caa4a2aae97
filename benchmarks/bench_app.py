"""Browser timings of the workbench: lever change → updated summary, and the Monte Carlo page
with 1,000 paths. Targets (issue 5): < 0.5 s and < 2 s.

    .venv/bin/python benchmarks/bench_app.py            # prints a table, writes benchmarks/bench_app.json

Drives Debian's chromium (/usr/bin/chromium) through Playwright against ``streamlit run app.py``
on a free localhost port, like tests/browser. A timing runs from the user's action (Enter in a
number field) until Streamlit reports the script run finished (``stApp`` attribute
``data-test-script-state`` back to ``notRunning``) and the new figure is on screen. Each lever
value is new to the cache, so every timing includes one real engine run (2 scenarios, 2020-2060);
the first page load (engine build and calibration) is reported separately.
"""
from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import timed, yardstick  # noqa: E402 - the benchmarks folder is not a package

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RATE_LABEL = "企业养老单位缴费比例（%）"
LEVER_VALUES = ("15", "14.5", "13", "12.5", "12", "11", "10.5", "10")
SEEDS = ("101", "202", "303")
#: The pages in the order a planner walks them (sidebar labels, Chinese).
PAGE_ROUND = ("对比", "风险", "导出", "基线", "情景")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("streamlit")), "run", "app.py", "--server.address",
         "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise TimeoutError("streamlit did not become healthy")


RUNNING = "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'running'"
IDLE = "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'"


def wait_run(page, timeout_ms: int = 60_000) -> None:
    """Wait for the script run the last action started to finish."""
    try:
        page.wait_for_function(RUNNING, timeout=2_000, polling=5)
    except Exception:  # the run may already have finished between two polls
        pass
    page.wait_for_function(IDLE, timeout=timeout_ms, polling=5)


def bench() -> dict:
    from playwright.sync_api import sync_playwright

    proc, url = start_server()
    results: dict = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            t0 = time.perf_counter()
            page.goto(f"{url}/?page=scenario")
            page.get_by_text("企业职工基本养老保险：在").last.wait_for(timeout=180_000)
            page.wait_for_function(IDLE, timeout=180_000)
            results["first_load_s"] = time.perf_counter() - t0

            field = page.get_by_role("spinbutton", name=RATE_LABEL)
            lever = []
            for value in LEVER_VALUES:
                field.fill(value)
                start = time.perf_counter()
                field.press("Enter")
                wait_run(page)
                page.get_by_text("“我的情景”").last.wait_for()
                lever.append(time.perf_counter() - start)
            results["lever_to_summary_s"] = lever
            # back to a setting already computed: served from the cache
            cached = []
            for value in LEVER_VALUES[:3]:
                field.fill(value)
                start = time.perf_counter()
                field.press("Enter")
                wait_run(page)
                cached.append(time.perf_counter() - start)
            results["lever_cached_s"] = cached

            # page switches (issue 11: < 1 s with cached results): one round to fill the caches,
            # then rounds whose every page's results are already computed
            for round_ in range(3):
                times = {}
                for name in PAGE_ROUND:
                    start = time.perf_counter()
                    page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()
                    page.get_by_role("heading", name=name, exact=True).wait_for(timeout=180_000)
                    wait_run(page, timeout_ms=180_000)
                    times[name] = time.perf_counter() - start
                results[f"page_switch_round{round_ + 1}_s"] = times
            results["page_switch_cached_s"] = [v for r in (2, 3)
                                               for v in results[f"page_switch_round{r}_s"].values()]
            results["yardstick_ms"] = 1000 * timed(yardstick)

            page.goto(f"{url}/?page=risk")
            page.get_by_text("完成：1000").wait_for(timeout=120_000)
            page.wait_for_function(IDLE, timeout=120_000)
            seed = page.get_by_role("spinbutton", name="随机种子")
            mc = []
            for s in SEEDS:
                seed.fill(s)
                start = time.perf_counter()
                seed.press("Enter")
                wait_run(page)
                page.get_by_text("完成：1000").wait_for()
                mc.append(time.perf_counter() - start)
            results["montecarlo_1000_s"] = mc
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return results


def main() -> int:
    r = bench()
    out = ROOT / "benchmarks" / "bench_app.json"
    out.write_text(json.dumps(r, indent=2), encoding="utf-8")
    print(f"first page load (engine build + calibration): {r['first_load_s']:.2f} s")
    print(f"numpy yardstick: {r['yardstick_ms']:.1f} ms (quiet machine ≈ 10 ms)")
    for round_ in (1, 2, 3):
        times = r[f"page_switch_round{round_}_s"]
        print(f"page switches, round {round_}: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()))
    for name, target in (("lever_to_summary_s", 0.5), ("lever_cached_s", 0.5),
                         ("page_switch_cached_s", 1.0), ("montecarlo_1000_s", 2.0)):
        xs = r[name]
        print(f"{name:22s} median {statistics.median(xs):.3f} s  max {max(xs):.3f} s  "
              f"(n={len(xs)}, target < {target} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
