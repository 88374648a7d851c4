"""The timeline figure: events on a time axis, in lanes, with their precision visible.

A day-precise event is a dot; a month- or year-precise one is a bar over its
whole span with a hollow diamond at its middle, so "in June 2024" never looks
like a particular day.  Markers grow with the number of outlets that report
the event.  The key events (the most reported ones of each substantive
category) are labelled on the axis.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from timeline.filters import LANES

__all__ = ["LANES", "figure", "milestones", "per_event", "report_figure"]

PALETTE = ["#b5312c", "#1f6feb", "#2e7d32", "#8e44ad", "#d97706", "#0f766e", "#6b7280", "#be185d", "#4338ca"]
# What each marker carries, for hover text and for click selection (event_id first).
CUSTOM = ["event_id", "title", "written", "sources", "granularity", "n_sources", "date", "date_end"]
MILESTONE_CATEGORIES = ("attack", "resignation", "ceasefire", "refusal", "negotiation", "investigation", "casualties")


def _lanes(events: pd.DataFrame, lane: str) -> pd.DataFrame:
    if lane == "actor":
        exploded = events.assign(lane=events["actors"].fillna("").str.split("; ")).explode("lane")
        exploded["lane"] = exploded["lane"].replace("", "(no actor named)")
        return exploded
    column = "outlet" if lane == "source" else "category"
    return events.assign(lane=events[column].fillna("").replace("", "(unknown)"))


def per_event(events: pd.DataFrame, by: tuple[str, ...] = ("event_id",)) -> pd.DataFrame:
    """One row per event: its most precise mention, with every outlet that reports it.

    Among equally precise mentions, one whose title names the event's kind
    ("… attack …" for an attack) speaks for the event.
    """
    names_kind = [c[:5].lower() in t.lower() for c, t in zip(events["category"], events["title"], strict=True)]
    ordered = events.assign(_span=events["date_end"] - events["date"], _fit=[not n for n in names_kind])
    ordered = ordered.sort_values(["_span", "_fit", "date"], kind="stable")
    grouped = ordered.groupby(list(by), sort=False)
    first = grouped.head(1).set_index(list(by)).drop(columns=["_span", "_fit"])
    first["sources"] = grouped["outlet"].agg(lambda s: "; ".join(dict.fromkeys(x for x in s if x)))
    first["n_sources"] = grouped["source"].nunique()
    first["written"] = grouped["date_text"].agg(
        lambda s: " / ".join(dict.fromkeys(x for x in s if x)) or "publication date"
    )
    return first.reset_index().sort_values(["date", "event_id"], kind="stable")


def milestones(events: pd.DataFrame, limit: int = 6) -> pd.DataFrame:
    """The events worth a label: the most reported one of each substantive category, then the next most reported."""
    if events.empty:
        return events
    ranked = per_event(events)
    ranked = ranked[ranked["category"].isin(MILESTONE_CATEGORIES)]
    ranked = ranked.sort_values(["n_sources", "date"], ascending=[False, True], kind="stable")
    firsts = ranked.drop_duplicates("category")
    chosen = pd.concat([firsts, ranked.drop(firsts.index)]).head(limit)
    return chosen.sort_values("date")


def _label(title: str, limit: int = 34) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def figure(events: pd.DataFrame, lane: str = "category", title: str = "", selected: str | None = None) -> go.Figure:
    """The interactive timeline of ``events`` in lanes by category, source (outlet) or actor."""
    fig = go.Figure()
    if events.empty:
        return fig
    data = per_event(_lanes(events, lane if lane in LANES else "category"), by=("lane", "event_id"))
    lanes = sorted(data["lane"].unique(), key=str)
    colors = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(lanes)}
    exact = data[(data["granularity"] == "day") & (data["date"] == data["date_end"])]
    spans = data.drop(exact.index)
    for row in spans.itertuples():
        fig.add_trace(
            go.Scatter(
                x=[row.date, row.date_end + pd.Timedelta(days=1)],
                y=[row.lane, row.lane],
                mode="lines",
                line={"width": 12, "color": colors[row.lane]},
                opacity=0.35,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for name, frame, symbol in (
        ("exact day", exact, "circle"),
        ("month or year (bar: its span)", spans, "diamond-open"),
    ):
        if frame.empty:
            continue
        x = (
            frame["date"]
            if symbol == "circle"
            else frame["date"] + (frame["date_end"] + pd.Timedelta(days=1) - frame["date"]) / 2
        )
        lines = [3 if e == selected else 1 for e in frame["event_id"]]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=frame["lane"],
                mode="markers",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 11 + 4 * frame["n_sources"].clip(upper=5),
                    "color": [colors[v] for v in frame["lane"]],
                    "line": {
                        "width": [w + 1 for w in lines],
                        "color": [
                            "#111827" if w == 3 else colors[v] for w, v in zip(lines, frame["lane"], strict=True)
                        ],
                    },
                },
                customdata=frame[CUSTOM].astype(str).map(html.escape).to_numpy(),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>written: %{customdata[2]} → %{customdata[6]|%Y-%m-%d}"
                    " (%{customdata[4]})<br>%{customdata[3]} · %{customdata[5]} source(s)<extra></extra>"
                ),
            )
        )
    _annotate_milestones(fig, events)
    fig.update_layout(
        title={"text": html.escape(title)} if title else None,
        height=max(360, 150 + 44 * len(lanes)),
        margin={"l": 10, "r": 10, "t": 110 if title else 80, "b": 10},
        legend={"orientation": "v", "y": 1, "x": 1.01, "yanchor": "top", "title": {"text": "Date precision"}},
        xaxis={
            "type": "date",
            "rangeslider": {"visible": True, "thickness": 0.08},
            "showgrid": True,
            "gridcolor": "#eef0f3",
        },
        yaxis={"categoryorder": "array", "categoryarray": lanes[::-1], "title": None, "gridcolor": "#eef0f3"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hovermode="closest",
        clickmode="event+select",
        dragmode="zoom",
    )
    return fig


def _annotate_milestones(fig: go.Figure, events: pd.DataFrame) -> None:
    """Label key events above the plot; plotly hides a label when its date is out of view."""
    for i, row in enumerate(milestones(events).itertuples()):
        x = row.date + (row.date_end - row.date) / 2
        fig.add_vline(x=x, line={"width": 1, "dash": "dot", "color": "#9ca3af"})
        fig.add_annotation(
            x=x,
            y=1.0,
            yref="paper",
            yanchor="bottom",
            yshift=4 + 15 * (i % 3),
            text=html.escape(f"{row.category.capitalize()}: {_label(row.title, 26)}"),
            showarrow=False,
            font={"size": 11, "color": "#374151"},
            bgcolor="rgba(255,255,255,0.85)",
        )


def report_figure(events: pd.DataFrame, lane: str, title: str, caption: str) -> go.Figure:
    """The chart as it goes into a report: a title, and the filters and sources underneath."""
    fig = figure(events, lane, title=title)
    outlets = sorted({o for o in events["outlet"] if o})
    sources = "Sources: " + "; ".join(outlets) if outlets else "Sources: (no outlet given)"
    fig.update_layout(xaxis={"rangeslider": {"visible": False}}, margin={"b": 130})
    fig.add_annotation(
        x=0,
        y=-0.28,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        text=f"Filters: {html.escape(caption)}<br>{_wrap(html.escape(sources))}",
        font={"size": 11, "color": "#4b5563"},
    )
    return fig


def _wrap(text: str, width: int = 140) -> str:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])
