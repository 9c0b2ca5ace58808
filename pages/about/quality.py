"""About -> Quality: how good the matching is, from the latest `nploy eval --save`."""

import streamlit as st

from nploy.export import to_safe_csv
from nploy.market.charts import swipe_curve
from nploy.quality.evaluation import read_report, retrieval_table

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
    column_config={m: st.column_config.NumberColumn(m, format="%.3f") for m in ("ndcg@10", "recall@10", "recall@50", "mrr")},
)
st.download_button("Export CSV", to_safe_csv(table), file_name="nploy-quality.csv", mime="text/csv", on_click="ignore")
weights = report["weights"]
st.caption(
    f"Evaluated {report['generated_at']} on `{report['dataset']}`. Hybrid weights chosen by the harness on the "
    f"tuning parts: semantic {weights['semantic']:.2f}, skills {weights['skills']:.2f}, "
    f"preference {weights['preference']:.2f}."
)
st.markdown(
    "**What it means.** *Generated profiles* are built from listings the index does not hold, with skills "
    "dropped or written as aliases and titles paraphrased; a listing counts as relevant by role family, level "
    "and skill overlap. *Hand-judged profiles* are 48 profiles written the way people fill in the form, with "
    "the pooled top results of every mode graded 0-2 by reading them (rules in `data/eval/JUDGING.md`). "
    "Keyword search is strong on job ads, which repeat their titles and skills; the hybrid ranking adds skill "
    "coverage and seniority fit to embedding similarity, and wins on nDCG@10 on both test parts."
)

st.subheader("Does swiping help?")
st.plotly_chart(swipe_curve(report["swipes"]), width="stretch")
st.caption(
    "Each simulated swiper states a role and a skill or two but hides where, how or at which level they want to "
    "work; they like the top card when it meets that hidden preference and pass otherwise. Swipers who never see "
    "a card they like (a rare combination such as remote data engineering in Germany) teach the feed only through "
    "passes, and 20 swipes are not always enough."
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
