"""Many visitors at once: N concurrent browser sessions (Playwright contexts in Debian's Chromium) against
one app process started the README's way, on the bundled data.

Three phases for each N:
- **first visit**: N fresh browsers open a sample profile's match view at the same moment: the view a demo
  shows a room, including the app's JavaScript each fresh browser downloads once;
- **sample match view**: N browsers that have the app open (its assets cached, as after any first page) open
  a sample match view at the same moment: the server CPU it cost, divided by N, is the CPU of the view itself;
- **mix**: every session runs overview -> sample match view -> one swipe -> a market view.

Server CPU is read from /proc (user + system time of the Streamlit process), so the browsers' CPU is not
counted. Latency is from navigation until the page's content is drawn and Streamlit is idle. Every figure is
also printed as a ratio against N = 1 of the same run.

    python bench/load.py                       # N = 1, 8, 16, 32
    python bench/load.py --sessions 1,16 --data-dir data
    python bench/load.py --sessions 1,8 --compare   # also Streamlit's defaults (file watcher, GC after each run)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
SAMPLES = ["backend-python", "data-berlin", "frontend-sofia"]
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@dataclass
class Phase:
    name: str
    sessions: int
    views: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    cpu: float = 0.0
    wall: float = 0.0

    @property
    def cpu_per_view(self) -> float:
        return self.cpu / max(1, self.views)

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# Streamlit's defaults that the shipped .streamlit/config.toml turns off (issue "Serving many visitors").
DEFAULTS = ("--server.fileWatcherType", "auto", "--server.runOnSave", "false", "--runner.postScriptGC", "true")


def start(port: int, data_dir: Path | None, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    env = dict(os.environ)
    if data_dir is not None:
        env["NPLOY_DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), *extra]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:  # exited: the port was taken, for one
        try:
            if urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2).read() == b"ok":
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"the app did not start on port {port}: {process.communicate()[0][-1000:]}")


async def _idle(page) -> None:
    await page.wait_for_timeout(200)
    await page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=180_000)


async def _view(page, url: str, marker: str, phase: Phase) -> None:
    began = time.perf_counter()
    try:
        await page.goto(url)
        await page.get_by_text(marker).first.wait_for(timeout=180_000)
        await _idle(page)
        if await page.locator("[data-testid='stException']").count():
            raise RuntimeError("exception shown")
        phase.latencies.append(time.perf_counter() - began)
    except Exception as error:  # a failed view is counted, not fatal: the report says how many
        phase.failures.append(f"{url}: {type(error).__name__}: {str(error)[:80]}")
    phase.views += 1


async def _first_visit(browser, base: str, number: int, phase: Phase) -> None:
    context = await browser.new_context()
    context.set_default_navigation_timeout(180_000)
    page = await context.new_page()
    await _view(page, f"{base}/matches?sample={SAMPLES[number % len(SAMPLES)]}", "best matches", phase)
    await context.close()


async def _open(browser, base: str):
    """A browser with the app open on its overview (assets cached), ready for the next view; None when even
    that failed (the view is then counted as failed)."""
    context = await browser.new_context()
    context.set_default_navigation_timeout(180_000)
    page = await context.new_page()
    try:
        await page.goto(base)
        await page.get_by_text("Try a sample profile").first.wait_for(timeout=180_000)
        await _idle(page)
    except Exception:
        await context.close()
        return None
    return page


async def _sample_view(page, base: str, number: int, phase: Phase) -> None:
    if page is None:
        phase.views += 1
        phase.failures.append("the app did not open before the view")
        return
    await _view(page, f"{base}/matches?sample={SAMPLES[number % len(SAMPLES)]}", "best matches", phase)
    await page.context.close()


async def _mix(browser, base: str, number: int, phase: Phase) -> None:
    context = await browser.new_context()
    context.set_default_navigation_timeout(180_000)
    page = await context.new_page()
    await _view(page, base, "Try a sample profile", phase)
    await _view(page, f"{base}/matches?sample={SAMPLES[number % len(SAMPLES)]}", "best matches", phase)
    profile = page.url.split("profile=")[-1].split("&")[0] if "profile=" in page.url else ""
    await _view(page, f"{base}/swipe?profile={profile}", "Swiped 0", phase)
    try:
        began = time.perf_counter()
        await page.get_by_role("button", name="Like").click()
        await page.get_by_text("Swiped 1 ").wait_for(timeout=180_000)
        await _idle(page)
        phase.latencies.append(time.perf_counter() - began)
    except Exception as error:
        phase.failures.append(f"like: {type(error).__name__}: {str(error)[:80]}")
    phase.views += 1
    await _view(page, f"{base}/market?profile={profile}", "listings pass these filters", phase)
    await context.close()


async def run_phase(browser, base: str, pid: int, name: str, sessions: int) -> Phase:
    phase = Phase(name, sessions)
    if name == "sample match view":
        pages = await asyncio.gather(*(_open(browser, base) for _ in range(sessions)))  # not measured
        cpu, began = server_cpu(pid), time.perf_counter()
        await asyncio.gather(*(_sample_view(page, base, n, phase) for n, page in enumerate(pages)))
    else:
        step = _first_visit if name == "first visit" else _mix
        cpu, began = server_cpu(pid), time.perf_counter()
        await asyncio.gather(*(step(browser, base, n, phase) for n in range(sessions)))
    phase.cpu, phase.wall = server_cpu(pid) - cpu, time.perf_counter() - began
    return phase


async def main(counts: list[int], port: int, data_dir: Path | None, extra: tuple[str, ...] = ()) -> list[Phase]:
    from playwright.async_api import async_playwright

    print(f"server: streamlit run app.py {' '.join(extra) or '(the shipped .streamlit/config.toml)'}", flush=True)
    process = start(port, data_dir, extra)
    base = f"http://localhost:{port}"
    phases = []
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            # Warm: the first view loads the model and the index (measured by bench/pages.py, not here).
            await run_phase(browser, base, process.pid, "first visit", 1)
            for count in counts:
                for name in ("first visit", "sample match view", "mix"):
                    phase = await run_phase(browser, base, process.pid, name, count)
                    phases.append(phase)
                    print(
                        f"{name:>17}  N={count:>2}  views {phase.views:>3}  failures {len(phase.failures):>2}  "
                        f"server CPU/view {phase.cpu_per_view:.3f} s  p50 {phase.percentile(0.5):.2f} s  "
                        f"p95 {phase.percentile(0.95):.2f} s  wall {phase.wall:.1f} s",
                        flush=True,
                    )
            await browser.close()
        rss = next(
            int(line.split()[1])
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
            if line.startswith("VmRSS")
        )
        print(f"server resident memory after the run: {rss / 1024:,.0f} MB", flush=True)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    overflow = output.count("Inotify queue overflowed")
    report(phases, overflow)
    return phases


def report(phases: list[Phase], overflow: int) -> None:
    print("\nper phase, and as a ratio against N = 1 of the same run")
    ratio = "x N=1"
    print(f"{'phase':>17} {'N':>3} {'fail':>5} {'CPU-s/view':>11} {ratio:>6} {'p50 s':>7} {ratio:>6} {'p95 s':>7} {ratio:>6}")
    for phase in phases:
        one = next(p for p in phases if p.name == phase.name and p.sessions == 1)
        print(
            f"{phase.name:>17} {phase.sessions:>3} {len(phase.failures):>5} {phase.cpu_per_view:>11.3f} "
            f"{phase.cpu_per_view / one.cpu_per_view:>6.2f} {phase.percentile(0.5):>7.2f} "
            f"{phase.percentile(0.5) / one.percentile(0.5):>6.2f} {phase.percentile(0.95):>7.2f} "
            f"{phase.percentile(0.95) / one.percentile(0.95):>6.2f}"
        )
    for phase in phases:
        for failure in phase.failures[:3]:
            print(f"  failure ({phase.name}, N={phase.sessions}): {failure}")
    print(f"\nfile watcher: {overflow} 'Inotify queue overflowed' warnings in the server's output")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,8,16,32", help="comma-separated session counts (1 is always run)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: NPLOY_DATA_DIR or the bundled data")
    parser.add_argument("--compare", action="store_true", help="first run with Streamlit's defaults, then as shipped")
    options = parser.parse_args()
    counts = sorted({1, *(int(n) for n in options.sessions.split(","))})
    if options.compare:
        before = asyncio.run(main(counts, options.port, options.data_dir, DEFAULTS))
        after = asyncio.run(main(counts, options.port + 1, options.data_dir))
        print("\nshipped config against Streamlit's defaults, same run: server CPU per view (ratio)")
        for old, new in zip(before, after):
            ratio = new.cpu_per_view / old.cpu_per_view
            print(f"{new.name:>17} N={new.sessions:>2}  {old.cpu_per_view:.3f} s -> {new.cpu_per_view:.3f} s  x{ratio:.2f}")
    else:
        asyncio.run(main(counts, options.port, options.data_dir))
