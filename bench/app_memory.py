"""Resident memory of the running app (Streamlit server, one browser session) on a dataset, page by page.

    python bench/app_memory.py --data-dir /tmp/nploy-scale [--port 8599]

Starts `streamlit run app.py` on the dataset, opens the pages a visitor opens in headless Chromium
(Debian's, through Playwright), waits for each to finish, and reads the server's VmRSS and VmHWM from
/proc after each. The baseline is the same server right after start, before any page loaded data.
Use it after `python bench/scale.py` (which writes /tmp/nploy-scale) to see the million-listing app.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

# (name, path, text that shows once the page has its data)
PAGES = [
    ("matches (sample profile)", "/matches?profile=bench&sample=backend-python", "best matches"),
    ("matches (Sofia front-end)", "/matches?profile=bench2&sample=frontend-sofia", "best matches"),
    ("swipe", "/swipe?profile=bench", "Like"),
    ("market: salaries", "/market", "listings pass these filters"),
    ("market: skills, DE remote", "/market?work_mode=remote&country=DE&view=Skills", "listings pass these filters"),
    ("skill gaps", "/gaps?profile=bench", "What if you added a skill?"),
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def memory_mb(pid: int) -> tuple[float, float]:
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, default=8599)
    args = parser.parse_args()
    env = {**os.environ, "NPLOY_DATA_DIR": args.data_dir}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(args.port), "--server.headless", "true"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{args.port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        rss, _ = memory_mb(server.pid)
        print(f"{'page':<28}{'seconds':>8}{'RSS MB':>8}{'peak MB':>9}{'vs start':>9}")
        print(f"{'(server started)':<28}{'':>8}{rss:>8.0f}{rss:>9.0f}{1:>9.2f}")
        start_rss = rss
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for name, path, ready in PAGES:
                began = time.perf_counter()
                page.goto(url + path)
                page.get_by_text(ready).first.wait_for(timeout=600_000)
                page.wait_for_timeout(300)
                page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=600_000)
                seconds = time.perf_counter() - began
                rss, peak = memory_mb(server.pid)
                print(f"{name:<28}{seconds:>8.1f}{rss:>8.0f}{peak:>9.0f}{rss / start_rss:>9.2f}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
