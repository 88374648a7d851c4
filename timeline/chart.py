"""The timeline figure: events on a time axis, in lanes, precision made visible."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

__all__ = ["LANES", "figure"]

LANES = ("category", "source", "actor")
PALETTE = ["#b5312c", "#1f6feb", "#2e7d32", "#8e44ad", "#d97706", "#0f766e", "#6b7280", "#be185d", "#4338ca"]


def _lanes(events: pd.DataFrame, lane: str) -> pd.DataFrame:
    if lane == "actor":
        exploded = events.assign(lane=events["actors"].fillna("").str.split("; ")).explode("lane")
        exploded["lane"] = exploded["lane"].replace("", "(no actor)")
        return exploded
    column = "outlet" if lane == "source" else "category"
    return events.assign(lane=events[column].fillna("").replace("", "(unknown)"))


def _per_event(events: pd.DataFrame) -> pd.DataFrame:
    """One marker per event and lane: the earliest mention, with every outlet that reports it."""
    precise_first = events.assign(_span=events["date_end"] - events["date"]).sort_values(
        ["_span", "date"], kind="stable"
    )
    grouped = precise_first.groupby(["lane", "event_id"], sort=False)
    first = grouped.head(1).set_index(["lane", "event_id"]).drop(columns="_span")
    first["sources"] = grouped["outlet"].agg(lambda s: "; ".join(dict.fromkeys(x for x in s if x)))
    first["n_sources"] = grouped["source"].nunique()
    first["written"] = grouped["date_text"].agg(
        lambda s: " / ".join(dict.fromkeys(x for x in s if x)) or "publication date"
    )
    return first.reset_index()


def figure(events: pd.DataFrame, lane: str = "category", title: str = "") -> go.Figure:
    """A plotly timeline: day events as markers, coarser ones as spans over their month or year."""
    fig = go.Figure()
    if events.empty:
        return fig
    data = _per_event(_lanes(events, lane))
    lanes = sorted(data["lane"].unique(), key=str)
    colors = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(lanes)}
    exact = data[(data["granularity"] == "day") & (data["date"] == data["date_end"])]
    spans = data.drop(exact.index)
    for _, row in spans.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[row["date"], row["date_end"] + pd.Timedelta(days=1)],
                y=[row["lane"], row["lane"]],
                mode="lines",
                line={"width": 10, "color": colors[row["lane"]]},
                opacity=0.45,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for precision, frame, symbol in (("exact day", exact, "circle"), ("month or year (span)", spans, "diamond-open")):
        if frame.empty:
            continue
        mid = frame["date"] + (frame["date_end"] - frame["date"]) / 2
        fig.add_trace(
            go.Scatter(
                x=mid if symbol != "circle" else frame["date"],
                y=frame["lane"],
                mode="markers",
                name=precision,
                marker={
                    "symbol": symbol,
                    "size": 10 + 4 * frame["n_sources"].clip(upper=5),
                    "color": [colors[v] for v in frame["lane"]],
                    "line": {"width": 2, "color": [colors[v] for v in frame["lane"]]},
                },
                customdata=frame[["event_id", "title", "written", "sources", "granularity", "n_sources"]].to_numpy(),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>%{customdata[2]} → %{x|%Y-%m-%d} (%{customdata[4]})"
                    "<br>%{customdata[3]} (%{customdata[5]} source(s))<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        title=title or None,
        height=max(320, 90 + 46 * len(lanes)),
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "y": 1.02, "x": 0, "title": "Date precision"},
        xaxis={"rangeslider": {"visible": True}, "type": "date"},
        yaxis={"categoryorder": "array", "categoryarray": lanes[::-1], "title": None},
        plot_bgcolor="#ffffff",
    )
    return fig
