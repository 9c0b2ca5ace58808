"""About: where the data comes from, how matching works, attribution."""

import streamlit as st

from nploy.boards.status import sources_table
from nploy.ingest.report import read_report, report_table
from nploy.quality.report import weights_text
from nploy.vocabulary.occupations import load_catalogue
from nploy.vocabulary.skills import load_taxonomy
from ui import loaders
from ui.text import text
from ui.widgets import SYNTHETIC_NOTE, or_stop

st.title("About nploy")
with or_stop():
    served = loaders.catalog()

if served.is_synthetic:
    st.info(
        SYNTHETIC_NOTE
        + " Salaries, companies and descriptions are generated; their calibration is documented in docs/demo-data.md."
    )
st.markdown(
    "**How a match is scored.** Hard filters (work mode, location, salary floor, must-have skills) are exact. "
    "Candidates come from two searches under those filters: the nearest listings in embedding space "
    "(all-MiniLM-L6-v2, FAISS; each listing has a vector of its title and skills and one of its whole posting) "
    "and the best keyword matches (BM25 over title and description). Each gets `score = 100 x (weighted mean of "
    "semantic similarity, keyword match, the share of your skills the listing asks for, seniority and title "
    "fit, and title similarity: the title you asked for against the listing's title and skills)`; the weights "
    "depend on what you filled in and were chosen on real postings by the evaluation harness "
    f"(see Quality): {weights_text()}.\n\n"
    "**Swipes** move your query towards what you like and away from what you pass (Rocchio); skills that recur "
    "in your likes join your profile's skills, and work modes, countries and levels you keep passing sink.\n\n"
    "**Salaries** are annualised and converted to EUR with a fixed table, so charts stay comparable."
)
st.subheader("What the dashboard stands on")
report = read_report(loaders.dataset().root)
if report is None and served.is_synthetic:
    st.caption(
        "These listings were not read from files (the bundled data is generated, so every field is complete). "
        "Run `nploy ingest FILE` on your own exports to see here how much of each field nploy understood."
    )
elif report is None:
    st.caption(
        "These listings were fetched from job boards, not read from files: each board's latest fetch, and any "
        "records it left out, are in the table of sources below and on the Sources page."
    )
else:
    sources = ", ".join(f"{name} ({source})" for name, source in report["sources"].items())
    st.markdown(
        f"The last `nploy ingest` ({report['written_at']}) read **{report['read']:,}** records from {text(sources)}: "
        f"kept **{report['kept']:,}**, rejected {report['rejected']:,} (no title, or nothing readable), "
        f"dropped {report['duplicate_ids'] + report['duplicate_postings']:,} duplicates, and kept "
        f"{report['warned']:,} listings with a field left empty because its value could not be read."
    )
    st.dataframe(
        report_table(report),
        hide_index=True,
        column_config={"understood": st.column_config.ProgressColumn("understood", format="percent", min_value=0, max_value=1)},
    )
    st.caption("A share is of the rows that state the field; the values not understood are listed in `warnings.csv`.")

st.subheader("Sources and freshness")
sources = sources_table(served.table, loaders.dataset().root)
st.caption(
    f"{len(served.table):,} listings from {len(sources):,} sources. A job board's listings are refreshed by "
    '`nploy refresh` (or the Sources page): a listing that left its board is closed, so "last seen open" is '
    "the latest fetch that still found it."
)
st.dataframe(sources, hide_index=True, column_config={"listings": st.column_config.NumberColumn("listings", format="%d")})

st.subheader("Attribution")
st.caption(text(load_taxonomy().attribution))  # escaped: "O*NET ... O*NET" is Markdown italics otherwise
st.caption(text("Role understanding: " + load_catalogue().attribution))
