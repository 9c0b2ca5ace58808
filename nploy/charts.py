"""Plotly figures for the market and skill-gap views, on one template and one colour scale.

Each figure states its unit on the axes and its sample size in the title, so a chart that rests on
five listings says so. Work modes keep the same colours everywhere.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio

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
TEMPLATE = "plotly+nploy"
WORK_MODE_COLOURS = {"remote": "#2E7D6B", "hybrid": "#F2CC8F", "onsite": "#3D5A80"}
SENIORITY_ORDER = ["intern", "junior", "mid", "senior", "lead"]
EUR = "Annual salary (EUR)"


def _title(text: str, n: int) -> str:
    return f"{text} <sup>n = {n:,} listings</sup>"


def salary_box(frame: pd.DataFrame) -> go.Figure:
    """Box plots of disclosed annual salary by role, one box per seniority (quartiles = p25/p50/p75)."""
    paid = frame[frame["salary_annual_eur"].notna()]
    fig = px.box(
        paid,
        x="role",
        y="salary_annual_eur",
        color="seniority",
        points=False,
        template=TEMPLATE,
        category_orders={"seniority": SENIORITY_ORDER},
        labels={"salary_annual_eur": EUR, "role": "Role family", "seniority": "Seniority"},
        title=_title("Salary by role and seniority (box: p25 / median / p75)", len(paid)),
    )
    fig.update_yaxes(tickformat=",.0f")
    return fig


def disclosure_bar(table: pd.DataFrame) -> go.Figure:
    fig = px.bar(
        table,
        x="role",
        y="disclosed_share",
        template=TEMPLATE,
        text_auto=".0%",
        hover_data={"n_listings": True},
        labels={"disclosed_share": "Listings that state pay (%)", "role": "Role family", "n_listings": "listings"},
        title=_title("Share of listings that disclose pay", int(table["n_listings"].sum())),
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def work_mode_bar(table: pd.DataFrame, by: str, label: str) -> go.Figure:
    fig = px.bar(
        table,
        x=by,
        y="share",
        color="work_mode",
        template=TEMPLATE,
        color_discrete_map=WORK_MODE_COLOURS,
        hover_data={"count": True, "n": True},
        labels={"share": "Share of listings (%)", by: label, "work_mode": "Work mode", "n": "listings in group"},
        title=_title(f"Remote / hybrid / on-site by {label.lower()}", int(table["count"].sum())),
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def work_mode_area(table: pd.DataFrame) -> go.Figure:
    fig = px.area(
        table,
        x="month",
        y="share",
        color="work_mode",
        template=TEMPLATE,
        color_discrete_map=WORK_MODE_COLOURS,
        hover_data={"count": True, "n": True},
        labels={"share": "Share of listings (%)", "month": "Posting month", "work_mode": "Work mode"},
        title=_title("Work mode over time (monthly, stacked)", int(table["count"].sum())),
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return fig


def volume_line(table: pd.DataFrame) -> go.Figure:
    fig = px.line(
        table,
        x="month",
        y="listings",
        template=TEMPLATE,
        markers=True,
        labels={"listings": "Listings posted (count per month)", "month": "Posting month"},
        title=_title("Posting volume over time", int(table["listings"].sum())),
    )
    return fig


def demand_bar(table: pd.DataFrame, n: int, title: str = "Top skills in demand") -> go.Figure:
    ordered = table.sort_values("listings")
    fig = px.bar(
        ordered,
        x="share",
        y="skill",
        orientation="h",
        template=TEMPLATE,
        hover_data={"listings": True},
        labels={"share": "Share of listings asking for it (%)", "skill": "Skill", "listings": "listings"},
        title=_title(title, n),
    )
    fig.update_xaxes(tickformat=".0%")
    return fig


def trend_line(table: pd.DataFrame, n: int) -> go.Figure:
    fig = px.line(
        table,
        x="month",
        y="share",
        color="skill",
        template=TEMPLATE,
        hover_data={"count": True, "n": True},
        labels={"share": "Share of that month's listings (%)", "month": "Posting month", "skill": "Skill"},
        title=_title("Skill demand over time", n),
    )
    fig.update_yaxes(tickformat=".0%")
    return fig


def premium_bar(table: pd.DataFrame, title: str = "Salary premium of listings asking for each skill") -> go.Figure:
    shown = table.dropna(subset=["premium"]).sort_values("premium")
    shown = shown.assign(label=shown["skill"] + " (n=" + shown["n_with"].astype(str) + ")")
    fig = px.bar(
        shown,
        x="premium",
        y="label",
        orientation="h",
        template=TEMPLATE,
        hover_data={"n_with": True, "n_without": True, "median_with": ":,.0f", "median_without": ":,.0f", "label": False},
        labels={
            "premium": "Median salary with vs without the skill (%)",
            "label": "Skill (disclosed salaries with it)",
            "n_with": "with skill",
            "n_without": "without",
        },
        title=_title(title, int(table["n_with"].max() + table["n_without"].max()) if len(table) else 0),
    )
    fig.update_xaxes(tickformat="+.0%")
    return fig


def gap_bar(table: pd.DataFrame, n: int) -> go.Figure:
    ordered = table.sort_values("listings")
    fig = px.bar(
        ordered,
        x="listings",
        y="skill",
        orientation="h",
        color="premium",
        template=TEMPLATE,
        color_continuous_scale=["#3D5A80", "#F2CC8F", "#2E7D6B"],
        hover_data={"share": ":.0%", "n_with": True},
        labels={
            "listings": "Target listings asking for it (count)",
            "skill": "Skill you lack",
            "premium": "Salary premium",
            "n_with": "salaries with it",
        },
        title=_title("Your skill gaps: most demanded skills you do not list", n),
    )
    fig.update_coloraxes(colorbar_tickformat="+.0%")
    return fig
