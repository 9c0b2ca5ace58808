"""Market (recruiters): salaries, benchmark, work modes, skill demand and volume, under shared filters."""

import streamlit as st

from nploy.export import to_safe_csv
from nploy.market import charts
from nploy.market.figures import MarketFilter
from nploy.records.listing import SENIORITIES, WORK_MODES
from nploy.vocabulary.roles import FAMILIES
from ui import loaders
from ui.widgets import or_stop

VIEWS = ["Salaries", "Benchmark", "Work mode", "Skills", "Volume"]
st.title("Market")
with or_stop():
    served = loaders.catalog()
    frame = served.market_frame

with st.expander("Filters", expanded=True):
    a, b, c, d = st.columns(4)
    roles = a.multiselect("Role", FAMILIES, key="role", bind="query-params")
    levels = b.multiselect("Seniority", SENIORITIES, key="seniority", bind="query-params")
    countries = c.multiselect("Country", served.options("country"), key="country", bind="query-params")
    cities = d.multiselect("City", served.options("city"), key="city", bind="query-params")
    e, f, g = st.columns([1, 2, 1])
    modes = e.multiselect("Work mode", list(WORK_MODES), key="work_mode", bind="query-params")
    first, last = frame["posted_at"].min().date(), frame["posted_at"].max().date()
    period = f.slider("Posting dates", first, last, (first, last), key="dates", format="YYYY-MM", bind="query-params")
    skill = g.selectbox("Skill", ["(any)", *served.skill_names], key="skill", bind="query-params")

market_filter = MarketFilter(
    tuple(roles),
    tuple(levels),
    tuple(countries),
    tuple(cities),
    tuple(modes),
    period[0] if period[0] != first else None,
    period[1] if period[1] != last else None,
    None if skill == "(any)" else skill,
)
market = served.market(market_filter)
count = market.size()
st.caption(f"{count:,} listings pass these filters." + (" Demo data is synthetic." if served.is_synthetic else ""))
if count == 0:
    st.warning("No listing passes these filters: clear the skill or city filter, or widen the dates.")
    st.stop()

# Only the chosen view is computed and drawn; the choice is in the URL like the filters.
view = st.segmented_control("View", VIEWS, default=VIEWS[0], key="view", bind="query-params") or VIEWS[0]
if view == "Salaries":
    table = market.salary_by_role_seniority()
    st.plotly_chart(charts.salary_box(table), width="stretch")
    st.plotly_chart(charts.disclosure_bar(market.disclosure_by_role()), width="stretch")
    st.dataframe(
        table.style.format(
            {**dict.fromkeys(["p5", "p25", "p50", "p75", "p95"], "{:,.0f}"), "disclosed_share": "{:.0%}", "n_salary": "{:,.0f}"}
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button("Export CSV", to_safe_csv(table), file_name="nploy-salaries.csv", mime="text/csv", on_click="ignore")
elif view == "Benchmark":
    st.caption("Set role, seniority, location and skill in the filters above; add more skills here.")
    extra = st.multiselect("Also requiring skills", served.skill_names, key="bench_skills", bind="query-params")
    band = market.salary_benchmark(tuple(extra))
    if not band.enough:
        st.info(f"Only {band.n} disclosed salaries match: too few for a benchmark. Widen the filters.")
    else:
        cols = st.columns(5)
        for col, label, value in zip(
            cols, ["p10", "p25", "median", "p75", "p90"], [band.p10, band.p25, band.p50, band.p75, band.p90]
        ):
            col.metric(label, f"{value:,.0f} EUR")
        st.caption(f"Annual salary, EUR; rests on {band.n:,} listings that disclose pay.")
elif view == "Work mode":
    st.plotly_chart(charts.work_mode_bar(market.work_mode_share("role"), "role", "Role family"), width="stretch")
    st.plotly_chart(charts.work_mode_bar(market.work_mode_share("country"), "country", "Country"), width="stretch")
    st.plotly_chart(charts.work_mode_area(market.work_mode_over_time()), width="stretch")
elif view == "Skills":
    demand = market.skill_demand(20)
    st.plotly_chart(charts.demand_bar(demand, count), width="stretch")
    top = tuple(demand["skill"].head(6))
    st.plotly_chart(charts.trend_line(market.skill_trend(top), count), width="stretch")
    premium = market.skill_premium(tuple(demand["skill"]))
    st.plotly_chart(charts.premium_bar(premium), width="stretch")
    st.download_button(
        "Export CSV", to_safe_csv(premium), file_name="nploy-skill-premium.csv", mime="text/csv", on_click="ignore"
    )
else:
    st.plotly_chart(charts.volume_line(market.posting_volume()), width="stretch")
