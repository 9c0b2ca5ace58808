"""Sources (recruiters): the job boards the dataset is fetched from and how fresh each is; add a board by
its URL or name and fetch it, or refresh every saved board, with a progress bar."""

import streamlit as st

from nploy import settings
from nploy.boards.config import read_sources, save_sources
from nploy.boards.endpoints import KINDS, parse_board
from nploy.boards.status import sources_table
from nploy.dataset.refresh import refresh
from nploy.errors import NployError
from nploy.export import to_safe_csv
from nploy.ingest.sources import profile_named
from nploy.records.table import to_table
from ui import loaders
from ui.widgets import show_error

st.title("Sources")
ds = loaders.dataset()
try:
    listings = loaders.catalog().table
except NployError:
    listings = to_table([])  # no listings yet: a first fetch creates them

for level, line in st.session_state.pop("fetch_report", []):
    getattr(st, level)(line)

sources = sources_table(listings, ds.root)
if sources.empty:
    st.info("No listings yet. Add a job board below: its open jobs are fetched, embedded and matched at once.")
else:
    st.caption(f"{len(listings):,} listings from {len(sources):,} sources in `{ds.root}`.")
    st.dataframe(sources, hide_index=True)
    st.download_button("Download as CSV", to_safe_csv(sources), "nploy-sources.csv", "text/csv")


def _run(names: list[str], force: bool) -> None:
    """Fetch these boards into the dataset with a progress bar; the report shows after the rerun."""
    bar = st.progress(0.0, text=f"Fetching {', '.join(names)}...")
    try:
        result = refresh(
            ds,
            names,
            force=force,
            encoder=loaders.encoder(settings.get("encoder")),
            progress=lambda message, share: bar.progress(min(share, 1.0), text=message),
        )
    except Exception as error:
        show_error(error)
        return
    report = []
    for outcome in result.outcomes:
        bad = outcome.error or (outcome.change and outcome.change.refused)
        report.append(("warning" if bad else "success", outcome.line()))
    if result.update is not None:
        report.append(("caption", f"Index: {result.update.summary()}"))
    st.session_state["fetch_report"] = report
    st.rerun()


st.subheader("Add a job board")
with st.form("add-board"):
    typed = st.text_input(
        "Board URL or name",
        placeholder="https://boards.greenhouse.io/acme · lever:globex · ashby:initech · remotive · arbeitnow",
        help="A company's Greenhouse, Lever, Ashby, SmartRecruiters or Workable jobs page, or a board: "
        + ", ".join(KINDS)
        + ". USAJOBS and Adzuna need their API keys set (README, Settings).",
    )
    keep = st.checkbox("Refresh it with the others (saved to sources.toml)", value=True)
    force = st.checkbox("Apply even if it closes more than half of the board's listings")
    submitted = st.form_submit_button("Fetch", type="primary")
if submitted and typed.strip():
    try:
        board = parse_board(typed)
    except NployError as error:
        st.error(str(error))
    else:
        st.caption(f"Terms of {board.kind.name}: {profile_named(board.kind.profile).terms}.")
        if keep:
            ds.root.mkdir(parents=True, exist_ok=True)
            save_sources(ds.root, [board.key])
        _run([board.key], force)
elif submitted:
    st.error("Type a board's URL or name first, for example lever:globex.")

saved = read_sources(ds.root)
st.subheader("Refresh")
if saved:
    st.caption(f"Saved boards ({len(saved)}): {', '.join(saved)}. `nploy refresh` does the same from cron (README).")
    if st.button("Refresh all saved boards"):
        _run(saved, force=False)
else:
    st.caption('No saved boards yet: fetch one above with "Refresh it with the others" ticked.')
