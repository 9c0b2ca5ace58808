"""Server time per page and per interaction, through AppTest on the bundled data.

    python bench/pages.py [--repeats 5]

Prints the first load (model and index loading included) and the median of later runs, per page and
for the main interactions, all measured in this run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# Every page script, so a new page is covered without editing this list.
PAGES = sorted(str(p.relative_to(Path(APP).parent)) for p in Path(APP).parent.glob("pages/*/*.py"))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def open_page(page: str) -> tuple[AppTest, float]:
    """A session on the overview (warm), then the page: returns the app and the page's server time in ms."""
    app = AppTest.from_file(APP, default_timeout=300)
    app.query_params["profile"] = "bench"
    app.query_params["sample"] = "backend-python"
    app.run()
    elapsed = 0.0
    if page != PAGES[0]:
        app.switch_page(page)
        app.query_params["profile"] = "bench"
        elapsed = timed(app.run)
    else:
        elapsed = timed(app.run)
    assert not app.exception, app.exception
    return app, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    first = timed(lambda: open_page("pages/candidates/matches.py"))
    print(f"first load (model, index, table into the process caches): {first:,.0f} ms")
    print(f"{'view (server time of one run)':<40} {'median ms':>10} {'max ms':>8}")
    for page in PAGES:
        times = [open_page(page)[1] for _ in range(args.repeats)]
        print(f"{page:<40} {statistics.median(times):>10.0f} {max(times):>8.0f}")
    interactions = {
        "matches: minimum score filter": (
            "pages/candidates/matches.py",
            lambda app: app.slider(key="min_score").set_value(60).run(),
        ),
        "swipe: like": ("pages/candidates/swipe.py", lambda app: app.button[0].click().run()),
        "market: work mode filter": (
            "pages/recruiters/market.py",
            lambda app: app.multiselect(key="work_mode").set_value(["remote"]).run(),
        ),
        "market: another view": (
            "pages/recruiters/market.py",
            lambda app: app.segmented_control(key="view").set_value("Skills").run(),
        ),
        "gaps: what-if skill": ("pages/candidates/gaps.py", lambda app: app.selectbox(key="what_if").select_index(1).run()),
    }
    for label, (page, action) in interactions.items():
        times = []
        for _ in range(args.repeats):
            app, _ = open_page(page)
            times.append(timed(lambda: action(app)))
            assert not app.exception, app.exception
        print(f"{label:<40} {statistics.median(times):>10.0f} {max(times):>8.0f}")


if __name__ == "__main__":
    main()
