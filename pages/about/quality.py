"""About -> Quality: how good the matching is, from the latest `nploy eval --save`."""

import streamlit as st

from nploy.export import to_safe_csv
from nploy.market.charts import swipe_curve
from nploy.quality.report import read_report, retrieval_table, role_weights_text, weights_text

st.title("Match quality")
report = read_report()
if report is None:
    st.info("No evaluation has been saved yet. Run `nploy eval --save` on the bundled data, then reload this page.")
    st.stop()

st.markdown(
    "nploy measures its matches instead of guessing. Four ways of ranking the same listings for the same "
    "profiles are compared on labelled profiles; the figures below are from the **test parts**, which the "
    "ranking weights never saw. **nDCG@10** (0 to 1) says how close the top 10 come to the best possible "
    "order, counting a good match more than a partial one; **Recall@10/50** is the share of relevant "
    "listings found (capped at 10 or 50); **MRR** is 1 / the rank of the first relevant listing."
)
table = retrieval_table(report, "test")
st.dataframe(
    table,
    hide_index=True,
    column_config={
        m: st.column_config.NumberColumn(m, format="%.3f") for m in ("ndcg@10", "p@10", "recall@10", "recall@50", "mrr")
    },
)
st.download_button("Export CSV", to_safe_csv(table), file_name="nploy-quality.csv", mime="text/csv", on_click="ignore")
machine = report.get("machine") or {}
st.caption(
    f"Evaluated {report['generated_at']}"
    + (
        f" on {machine.get('cpu', 'a CPU')} ({', '.join(machine.get('cpu_flags', [])) or 'no wide vector units'})"
        if machine
        else ""
    )
    + ". Hybrid weights chosen on the tuning parts of the real sets (the title form's with the role development "
    "sets too: docs/quality.md), per profile form: "
    f"{weights_text(report['weights'])}. {role_weights_text()}"
)
st.markdown(
    "**What it means.** *Real postings* are 4,582 openly licensed real job postings (US federal, GSA 18F, "
    "Canadian Digital Service, Stack Overflow) and 42 needs written in plain words that avoid the postings' title "
    "words. Each need is written twice, in two independent wordings, and asked four ways: free text only; the "
    "skills it names plus the text; skills only (those named in either wording, once per need); and skills, text "
    "and a desired title. A posting is relevant when its role label or title header names the need's family "
    "(rules in `data/eval/JUDGING.md`, written before any tuning); postings the rules leave without a family that "
    "reached any mode's top 10 were given one by hand, the usual pooled judging. *Needs naming their stack* are "
    "40 more needs over the same postings in 19 families, written the way a candidate of a commercial tech team "
    "would ('I build native apps for phones and tablets in Swift and Kotlin'), judged by a rule on the posting "
    "title's header. In both sets half the needs tune the weights and the role settings; the figures above are "
    "the other half's. *Generated* and *hand-judged profiles* run on the synthetic demo listings: templated text "
    "makes every mode look good there, so they are a regression check, not a target."
)

st.subheader("Does swiping help?")
for corpus, swipes in report["swipes"].items():
    if swipes.get("personas"):
        st.plotly_chart(swipe_curve(swipes, corpus), width="stretch")
st.caption(
    "Each simulated swiper states a role and a skill or two but hides where, how or at which level they want to "
    "work; they like the top card when it meets that hidden preference and pass otherwise. Swipers who never see "
    "a card they like (a rare combination such as remote data engineering in Germany) teach the feed only through "
    "passes, and 20 swipes are not always enough. The feed shows one card per job (reposts of the same title at the "
    "same employer fold together), so precision counts distinct jobs."
)

st.subheader("Skill extraction")
skills = report["skills"]
left, middle, right = st.columns(3)
left.metric("Precision", f"{skills['precision']:.1%}")
middle.metric("Recall", f"{skills['recall']:.1%}")
right.metric("Labelled postings", f"{skills['postings']} ({skills['labelled']} skills)")
st.caption(
    "Postings labelled by hand: real excerpts from the NYC jobs export and ads written like real tech ads. "
    f"{skills['outside_taxonomy']} skills they name are outside the taxonomy and not scored."
)
if skills["errors"]:
    with st.expander(f"The {len(skills['errors'])} errors"):
        st.dataframe(skills["errors"], hide_index=True)
