"""Sources (recruiters): the job boards the dataset is fetched from and how fresh each is; add a board by
its URL or name and fetch it, or refresh every saved board, with a progress bar."""

import streamlit as st

from nploy.dataset.boards import BOARD_KINDS, saved_boards, sources_overview, stop_refreshing, typed_board
from nploy.dataset.refresh import add_board, refresh, report_lines
from nploy.errors import NployError
from nploy.export import to_safe_csv
from ui import loaders
from ui.widgets import show_error

st.title("Sources")
ds = loaders.dataset()
try:
    listings = loaders.catalog().table
except NployError:
    listings = None  # no listings yet: a first fetch creates them

for level, line in st.session_state.pop("fetch_report", []):
    getattr(st, level)(line)

sources = sources_overview(ds, listings)
if sources.empty:
    st.info("No listings yet. Add a job board below: its open jobs are fetched, embedded and matched at once.")
else:
    st.caption(f"{len(listings):,} listings from {len(sources):,} sources in `{ds.root}`.")
    st.dataframe(sources, hide_index=True)
    st.download_button("Download as CSV", to_safe_csv(sources), "nploy-sources.csv", "text/csv")


def _run(names: list[str], force: bool, keep: bool = False) -> None:
    """Fetch these boards into the dataset with a progress bar; the report shows after the rerun. A board
    added with ``keep`` is saved for refreshes only when it answered."""
    bar = st.progress(0.0, text=f"Fetching {', '.join(names)}...")
    fetching = {
        "encoder": loaders.listing_encoder(),
        "progress": lambda message, share: bar.progress(min(share, 1.0), text=message),
    }
    try:
        if keep:
            result = add_board(ds, names[0], keep=True, force=force, **fetching)
        else:
            result = refresh(ds, names, force=force, **fetching)
    except Exception as error:
        show_error(error)
        return
    st.session_state["fetch_report"] = report_lines(result)
    st.rerun()


st.subheader("Add a job board")
with st.form("add-board"):
    typed = st.text_input(
        "Board URL or name",
        placeholder="https://boards.greenhouse.io/acme · lever:globex · ashby:initech · remotive · arbeitnow",
        help="A company's Greenhouse, Lever, Ashby, SmartRecruiters or Workable jobs page, or a board: "
        + ", ".join(BOARD_KINDS)
        + ". USAJOBS and Adzuna need their API keys set (docs/settings.md).",
    )
    keep = st.checkbox("Refresh it with the others (saved to sources.toml)", value=True)
    force = st.checkbox("Apply even if it closes more than half of the board's listings")
    submitted = st.form_submit_button("Fetch", type="primary")
if submitted and typed.strip():
    try:
        board = typed_board(typed)
    except NployError as error:
        st.error(str(error))
    else:
        st.caption(board.terms)
        _run([board.key], force, keep)
elif submitted:
    st.error("Type a board's URL or name first, for example lever:globex.")

saved = saved_boards(ds)
st.subheader("Refresh")
if saved:
    st.caption(
        f"Saved boards ({len(saved)}): {', '.join(saved)}. `nploy refresh` does the same from cron (docs/live-listings.md)."
    )
    if st.button("Refresh all saved boards"):
        _run(saved, force=False)
    with st.form("remove-boards"):
        dropped = st.multiselect("Stop refreshing", saved, help="Removed from sources.toml; their listings stay.")
        if st.form_submit_button("Remove from the saved boards") and dropped:
            stop_refreshing(ds, dropped)
            st.session_state["fetch_report"] = [("success", f"Removed from the saved boards: {', '.join(dropped)}.")]
            st.rerun()
else:
    st.caption('No saved boards yet: fetch one above with "Refresh it with the others" ticked.')
