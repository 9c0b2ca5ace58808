"""Plotly figures for the market and skill-gap views, on one template and one colour scale.

Each figure states its unit on the axes and its sample size in the title, so a chart that rests on
five listings says so. Work modes keep the same colours everywhere.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from nploy.market.figures import MIN_SAMPLE

# The template keeps backgrounds transparent, so Streamlit's light and dark themes both show through.
pio.templates["nploy"] = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Inter, Segoe UI, sans-serif", size=13),
        colorway=["#2E7D6B", "#E07A5F", "#3D5A80", "#F2CC8F", "#81B29A", "#9C6ADE", "#E5989B", "#6D6875"],
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=10, r=10, t=60, b=10),
        xaxis=dict(gridcolor="rgba(128,128,128,0.2)", zerolinecolor="rgba(128,128,128,0.3)"),
        yaxis=dict(gridcolor="rgba(128,128,128,0.2)", zerolinecolor="rgba(128,128,128,0.3)"),
    )
)
# Only our layer: Streamlit's own chart theme supplies the rest and follows the light or dark theme,
# and merging plotly's large base template costs ~25 ms per figure.
TEMPLATE = pio.templates["nploy"]
WORK_MODE_COLOURS = {"remote": "#2E7D6B", "hybrid": "#F2CC8F", "onsite": "#3D5A80"}
SENIORITY_ORDER = ["intern", "junior", "mid", "senior", "lead"]
EUR = "Annual salary (EUR)"


def _title(text: str, n: int) -> str:
    return f"{text} <sup>n = {n:,} listings</sup>"


def salary_box(table: pd.DataFrame) -> go.Figure:
    """Box plots of disclosed annual salary by role, one box per seniority, drawn from precomputed
    quartiles (``market.salary_by_role_seniority``): the box is p25 / median / p75, whiskers p5 / p95."""
    fig = go.Figure()
    # A box over one or two salaries looks like a distribution and is not one: such groups are left out.
    shown = table[table["n_salary"] >= MIN_SAMPLE]
    hidden = int((table["n_salary"].between(1, MIN_SAMPLE - 1)).sum())
    for level in SENIORITY_ORDER:
        rows = shown[shown["seniority"] == level]
        if rows.empty:
            continue
        fig.add_trace(
            go.Box(
                name=level,
                x=rows["role"],
                q1=rows["p25"],
                median=rows["p50"],
                q3=rows["p75"],
                lowerfence=rows["p5"],
                upperfence=rows["p95"],
                customdata=rows[["n_salary"]],
                hovertemplate="%{x}: n=%{customdata[0]}<extra></extra>",
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        boxmode="group",
        # The reading guide on a line of its own: beside the sample size it ran off a laptop-wide chart.
        title=_title("Salary by role and seniority", int(shown["n_salary"].sum()))
        + "<br><sup>box: p25 / median / p75; whiskers: p5 / p95"
        + (f"; {hidden} groups under {MIN_SAMPLE} salaries not drawn" if hidden else "")
        + "</sup>",
        xaxis_title="Role family",
        yaxis_title=EUR,
        legend_title="Seniority",
    )
    fig.update_yaxes(tickformat=",.0f")
    return fig


def _bar_layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    fig.update_layout(template=TEMPLATE, title=title, xaxis_title=x_title, yaxis_title=y_title)
    return fig


def disclosure_bar(table: pd.DataFrame) -> go.Figure:
    """Share of listings that state pay per role, split into the employer's figures and estimates."""
    estimated = table["estimated_share"] if "estimated_share" in table else table["disclosed_share"] * 0
    stated = table["disclosed_share"] - estimated
    fig = go.Figure()
    for name, share in (("stated by the employer", stated), ("estimated by the board (est.)", estimated)):
        fig.add_trace(
            go.Bar(
                name=name,
                x=table["role"],
                y=share,
                text=share.map("{:.0%}".format),
                customdata=table[["n_listings"]],
                hovertemplate="%{x}: %{y:.0%} of %{customdata[0]} listings, " + name + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    _bar_layout(
        fig,
        _title("Share of listings that disclose pay", int(table["n_listings"].sum())),
        "Role family",
        "Listings that state pay (%)",
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def _by_work_mode(fig: go.Figure, table: pd.DataFrame, x: str, kind: str) -> None:
    for mode, colour in WORK_MODE_COLOURS.items():
        rows = table[table["work_mode"] == mode]
        trace = go.Bar if kind == "bar" else go.Scatter
        extra = {"stackgroup": "one", "mode": "lines"} if kind == "area" else {}
        fig.add_trace(
            trace(
                x=rows[x],
                y=rows["share"],
                name=mode,
                marker_color=colour,
                customdata=rows[["count", "n"]],
                hovertemplate=f"{mode}: %{{y:.0%}} (%{{customdata[0]}} of %{{customdata[1]}})<extra></extra>",
                **extra,
            )
        )


def work_mode_bar(table: pd.DataFrame, by: str, label: str) -> go.Figure:
    fig = go.Figure()
    shown, note = _thin_groups(table, by, {"country": "countries", "role": "role families"}.get(by, "groups"))
    # A listing whose country (or role) is not known is a group of its own, and says so.
    shown = shown.assign(**{by: shown[by].astype(str).replace("", "(unknown)")})
    _by_work_mode(fig, shown, by, "bar")
    _bar_layout(
        fig,
        _title(f"Remote / hybrid / on-site by {label.lower()}", int(table["count"].sum())) + note,
        label,
        "Share of listings (%)",
    )
    fig.update_layout(barmode="stack", legend_title="Work mode")
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def _thin_groups(table: pd.DataFrame, column: str, what: str) -> tuple[pd.DataFrame, str]:
    """The groups (months, countries, roles) with at least ``MIN_SAMPLE`` listings, and a note on those left
    out: a share of one or two listings swings from 0 to 100 % (the NYC export's 2011-2014 months hold one or
    two postings each; a USAJOBS country one post)."""
    thin = table["n"] < MIN_SAMPLE
    count = table.loc[thin, column].nunique()
    return table[~thin], (f"<br><sup>{count} {what} under {MIN_SAMPLE} listings not drawn</sup>" if count else "")


def work_mode_area(table: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    shown, note = _thin_groups(table, "month", "months")
    _by_work_mode(fig, shown, "month", "area")
    _bar_layout(
        fig,
        _title("Work mode over time (monthly, stacked)", int(table["count"].sum())) + note,
        "Posting month",
        "Share of listings (%)",
    )
    fig.update_layout(legend_title="Work mode")
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def volume_line(table: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Scatter(x=table["month"], y=table["listings"], mode="lines+markers", name="listings"))
    return _bar_layout(
        fig,
        _title("Posting volume over time", int(table["listings"].sum())),
        "Posting month",
        "Listings posted (count per month)",
    )


def demand_bar(table: pd.DataFrame, n: int, title: str = "Top skills in demand") -> go.Figure:
    ordered = table.sort_values("listings")
    fig = go.Figure(
        go.Bar(
            x=ordered["share"],
            y=ordered["skill"],
            orientation="h",
            customdata=ordered[["listings"]],
            hovertemplate="%{y}: %{x:.0%} (%{customdata[0]} listings)<extra></extra>",
        )
    )
    _bar_layout(fig, _title(title, n), "Share of listings asking for it (%)", "Skill")
    # Whole percents read "0%" on every tick where the top skill is in under a tenth of the listings.
    top = float(ordered["share"].max()) if len(ordered) else 1.0
    fig.update_xaxes(tickformat=".0%" if top >= 0.1 else ".1%" if top >= 0.01 else ".2%")
    return fig


def trend_line(table: pd.DataFrame, n: int) -> go.Figure:
    fig = go.Figure()
    shown, note = _thin_groups(table, "month", "months")
    for skill, rows in shown.groupby("skill", sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["month"],
                y=rows["share"],
                mode="lines",
                name=skill,
                customdata=rows[["count", "n"]],
                hovertemplate=f"{skill}: %{{y:.0%}} (%{{customdata[0]}} of %{{customdata[1]}})<extra></extra>",
            )
        )
    _bar_layout(fig, _title("Skill demand over time", n) + note, "Posting month", "Share of that month's listings (%)")
    fig.update_yaxes(tickformat=".0%")
    return fig


def premium_bar(table: pd.DataFrame, title: str = "Salary premium of listings asking for each skill") -> go.Figure:
    # A median of one or two salaries is not a premium: such skills are left out, as thin boxes are.
    priced = table.dropna(subset=["premium"])
    shown = priced[priced["n_with"] >= MIN_SAMPLE].sort_values("premium")
    hidden = len(priced) - len(shown)
    labels = shown["skill"] + " (n=" + shown["n_with"].astype(str) + ")"
    fig = go.Figure(
        go.Bar(
            x=shown["premium"],
            y=labels,
            orientation="h",
            customdata=shown[["n_with", "n_without", "median_with", "median_without"]],
            hovertemplate="%{y}: %{x:+.0%}<br>median %{customdata[2]:,.0f} EUR with (n=%{customdata[0]}), "
            "%{customdata[3]:,.0f} without (n=%{customdata[1]})<extra></extra>",
        )
    )
    n = int((table["n_with"] + table["n_without"]).max()) if len(table) else 0  # every skill splits the same paid listings
    note = f"<br><sup>{hidden} skills with under {MIN_SAMPLE} salaries not drawn</sup>" if hidden else ""
    _bar_layout(fig, _title(title, n) + note, "Median salary with vs without the skill (%)", "Skill (disclosed salaries with it)")
    fig.update_xaxes(tickformat="+.0%")
    return fig


def gap_bar(table: pd.DataFrame, n: int) -> go.Figure:
    ordered = table.sort_values("listings")
    fig = go.Figure(
        go.Bar(
            x=ordered["listings"],
            y=ordered["skill"],
            orientation="h",
            marker=dict(
                color=ordered["premium"].fillna(0),
                colorscale=[[0, "#3D5A80"], [0.5, "#F2CC8F"], [1, "#2E7D6B"]],
                cmid=0,
                colorbar=dict(title="Salary premium", tickformat="+.0%"),
            ),
            customdata=ordered[["share", "n_with"]],
            # A premium over too few salaries is left empty by ``skill_gaps`` and drawn neutral.
            hovertemplate="%{y}: %{x} listings (%{customdata[0]:.0%}); premium over %{customdata[1]} salaries<extra></extra>",
        )
    )
    _bar_layout(
        fig,
        _title("Your skill gaps: most demanded skills you do not list", n),
        "Target listings asking for it (count)",
        "Skill you lack",
    )
    # Counts: whole ticks, never 0.2 of a listing.
    fig.update_xaxes(tickformat=",d", dtick=1 if ordered["listings"].max() <= 10 else None, rangemode="tozero")
    return fig


def swipe_curve(swipes: dict, corpus: str = "synthetic") -> go.Figure:
    """Precision of the next 20 cards after N swipes, one line per simulated persona plus the mean."""
    checkpoints = [int(c) for c in swipes["checkpoints"]]
    # A saved report went through JSON, which turns the checkpoint keys into strings.
    curves = {p["persona"]: [{int(k): v for k, v in p["precision"].items()}[c] for c in checkpoints] for p in swipes["personas"]}
    fig = go.Figure()
    for persona, values in curves.items():
        fig.add_trace(go.Scatter(x=checkpoints, y=values, mode="lines+markers", name=persona, opacity=0.55))
    mean = [sum(values[i] for values in curves.values()) / len(curves) for i in range(len(checkpoints))]
    # A strong red reads on both the light and the dark theme (black vanished on dark).
    fig.add_trace(go.Scatter(x=checkpoints, y=mean, mode="lines+markers", name="mean", line=dict(width=4, color="#C0392B")))
    fig.update_layout(
        template=TEMPLATE,
        title=f"Does the feed learn? {corpus.capitalize()} listings <sup>{len(curves)} simulated swipers, 20 cards each</sup>",
        xaxis_title="Swipes so far (count)",
        yaxis_title="Precision of the next 20 cards (share)",
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    fig.update_xaxes(tickvals=checkpoints)
    return fig
