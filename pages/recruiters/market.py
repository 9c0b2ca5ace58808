"""Market (recruiters): salaries, benchmark, work modes, skill demand and volume, under shared filters."""

import streamlit as st

import ui
from nploy import charts
from nploy.listing import SENIORITIES
from nploy.market import MarketFilter
from nploy.roles import FAMILIES

VIEWS = ["Salaries", "Benchmark", "Work mode", "Skills", "Volume"]
st.title("Market")
with ui.or_stop():
    frame = ui.current_market_frame()

with st.expander("Filters", expanded=True):
    a, b, c, d = st.columns(4)
    roles = a.multiselect("Role", FAMILIES, key="role", bind="query-params")
    levels = b.multiselect("Seniority", SENIORITIES, key="seniority", bind="query-params")
    countries = c.multiselect("Country", ui.options("country"), key="country", bind="query-params")
    cities = d.multiselect("City", ui.options("city"), key="city", bind="query-params")
    e, f, g = st.columns([1, 2, 1])
    modes = e.multiselect("Work mode", ["remote", "hybrid", "onsite"], key="work_mode", bind="query-params")
    first, last = frame["posted_at"].min().date(), frame["posted_at"].max().date()
    period = f.slider("Posting dates", first, last, (first, last), key="dates", format="YYYY-MM", bind="query-params")
    skill = g.selectbox("Skill", ["(any)", *ui.skill_names()], key="skill", bind="query-params")

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
count = ui.aggregate("frame_size", market_filter)
st.caption(f"{count:,} listings pass these filters." + (" Demo data is synthetic." if ui.is_synthetic(frame) else ""))
if count == 0:
    st.warning("No listing passes these filters: clear the skill or city filter, or widen the dates.")
    st.stop()

# Only the chosen view is computed and drawn; the choice is in the URL like the filters.
view = st.segmented_control("View", VIEWS, default=VIEWS[0], key="view", bind="query-params") or VIEWS[0]
if view == "Salaries":
    table = ui.aggregate("salary_by_role_seniority", market_filter)
    st.plotly_chart(charts.salary_box(table), width="stretch")
    st.plotly_chart(charts.disclosure_bar(ui.aggregate("disclosure_by_role", market_filter)), width="stretch")
    st.dataframe(
        table.style.format(
            {"p25": "{:,.0f}", "p50": "{:,.0f}", "p75": "{:,.0f}", "disclosed_share": "{:.0%}", "n_salary": "{:,.0f}"}
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button("Export CSV", ui.safe_csv(table), file_name="nploy-salaries.csv", mime="text/csv", on_click="ignore")
elif view == "Benchmark":
    st.caption("Set role, seniority, location and skill in the filters above; add more skills here.")
    extra = st.multiselect("Also requiring skills", ui.skill_names(), key="bench_skills", bind="query-params")
    band = ui.aggregate("salary_benchmark", market_filter, tuple(extra))
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
    st.plotly_chart(
        charts.work_mode_bar(ui.aggregate("work_mode_share", market_filter, "role"), "role", "Role family"), width="stretch"
    )
    st.plotly_chart(
        charts.work_mode_bar(ui.aggregate("work_mode_share", market_filter, "country"), "country", "Country"), width="stretch"
    )
    st.plotly_chart(charts.work_mode_area(ui.aggregate("work_mode_over_time", market_filter)), width="stretch")
elif view == "Skills":
    demand = ui.aggregate("skill_demand", market_filter, 20)
    st.plotly_chart(charts.demand_bar(demand, count), width="stretch")
    top = tuple(demand["skill"].head(6))
    st.plotly_chart(charts.trend_line(ui.aggregate("skill_trend", market_filter, top), count), width="stretch")
    premium = ui.aggregate("skill_premium", market_filter, tuple(demand["skill"]))
    st.plotly_chart(charts.premium_bar(premium), width="stretch")
    st.download_button(
        "Export CSV", ui.safe_csv(premium), file_name="nploy-skill-premium.csv", mime="text/csv", on_click="ignore"
    )
else:
    st.plotly_chart(charts.volume_line(ui.aggregate("posting_volume", market_filter)), width="stretch")
