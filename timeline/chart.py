"""The timeline figure: events on a time axis, in lanes, with their precision visible.

A day-precise event is a dot; a month- or year-precise one is a bar over its
whole span with a hollow diamond at its middle, so "in June 2024" never looks
like a particular day.  Markers grow with the number of outlets that report
the event.  The key events (the most reported ones of each substantive
category) are labelled on the axis.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.filters import LANES
from timeline.markup import plotly_text

__all__ = ["LANES", "figure", "milestones", "per_event", "report_figure"]

SELECTED_OUTLINE = "#111827"
PALETTE = ["#b5312c", "#1f6feb", "#2e7d32", "#8e44ad", "#d97706", "#0f766e", "#6b7280", "#be185d", "#4338ca"]
# What each marker carries, for hover text and for click selection (event_id first).
CUSTOM = ["event_id", "title", "written", "sources", "granularity", "n_sources", "date", "date_end"]
NEEDED = ["event_id", "date", "date_end", "granularity", "title", "date_text", "outlet", "source", "category", "actors"]
MAX_LANES = 40
WEBGL_ABOVE = 2_000  # markers: beyond this the browser draws with WebGL
AGGREGATE_ABOVE = 5_000  # distinct events: beyond this the chart shows weekly counts
MILESTONE_CATEGORIES = ("attack", "resignation", "ceasefire", "refusal", "negotiation", "investigation", "casualties")


def _lanes(events: pd.DataFrame, lane: str) -> pd.DataFrame:
    if lane == "actor":
        # one row per (event mention, actor), built with plain lists: explode() is slow on wide frames
        names = [a.split("; ") if a else ["(no actor named)"] for a in events["actors"].fillna("").tolist()]
        rows = np.repeat(np.arange(len(events)), [len(n) for n in names])
        lanes = [plotly_text(n) for n in itertools.chain.from_iterable(names)]
        return events.iloc[rows].assign(lane=lanes)
    column = "outlet" if lane == "source" else "category"
    # lane names are drawn as tick labels: text, never markup (an outlet may be called "<a href=…>")
    return events.assign(lane=events[column].fillna("").replace("", "(unknown)").map(plotly_text))


def per_event(events: pd.DataFrame, by: tuple[str, ...] = ("event_id",)) -> pd.DataFrame:
    """One row per event: its most precise mention, with every outlet that reports it.

    Among equally precise mentions, one whose title names the event's kind
    ("… attack …" for an attack) speaks for the event.
    """
    names_kind = [c[:5].lower() in t.lower() for c, t in zip(events["category"], events["title"], strict=True)]
    ordered = events.assign(_span=events["date_end"] - events["date"], _fit=[not n for n in names_kind])
    ordered = ordered.sort_values(["_span", "_fit", "date"], kind="stable")
    keys = list(by)
    grouped = ordered.groupby(keys, sort=False)
    first = grouped.head(1).set_index(keys).drop(columns=["_span", "_fit"])
    first["n_sources"] = grouped["source"].nunique()
    index = list(first.index)
    first["sources"] = _join_distinct(ordered, keys, "outlet", "; ", index, "")
    first["written"] = _join_distinct(ordered, keys, "date_text", " / ", index, "publication date")
    return first.reset_index().sort_values(["date", "event_id"], kind="stable")


def _join_distinct(frame: pd.DataFrame, keys: list[str], column: str, sep: str, index: list, empty: str) -> list[str]:
    """Per group, its distinct non-empty values joined: plain Python, which beats a groupby of lambdas here."""
    seen: dict = {}
    group_keys = zip(*(frame[k].tolist() for k in keys), strict=True) if len(keys) > 1 else frame[keys[0]].tolist()
    for key, value in zip(group_keys, frame[column].fillna("").tolist(), strict=True):
        if value:
            seen.setdefault(key, {}).setdefault(value, None)
    return [sep.join(seen[k]) if k in seen else empty for k in index]


def milestones(events: pd.DataFrame, limit: int = 6) -> pd.DataFrame:
    """The events worth a label: the most reported one of each substantive category, then the next most reported."""
    events = events[events["category"].isin(MILESTONE_CATEGORIES)]
    if events.empty:
        return events
    # rank cheaply first, then summarise only the few candidates (this runs on every redraw)
    reach = events.groupby("event_id", sort=False).agg(n=("source", "nunique"), category=("category", "first"))
    reach = reach.sort_values("n", ascending=False, kind="stable").groupby("category", sort=False).head(limit)
    ranked = per_event(events[events["event_id"].isin(reach.index)])
    ranked = ranked.sort_values(["n_sources", "date"], ascending=[False, True], kind="stable")
    firsts = ranked.drop_duplicates("category")
    chosen = pd.concat([firsts, ranked.drop(firsts.index)]).head(limit)
    return chosen.sort_values("date")


def _label(title: str, limit: int = 34) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _cap_lanes(frame: pd.DataFrame) -> pd.DataFrame:
    """At most MAX_LANES lanes: the busiest ones, and the rest together."""
    counts = frame.groupby("lane", sort=False)["event_id"].nunique()
    if len(counts) <= MAX_LANES:
        return frame
    keep = set(counts.nlargest(MAX_LANES - 1).index)
    rest = f"(the other {len(counts) - len(keep):,})"
    return frame.assign(lane=frame["lane"].where(frame["lane"].isin(keep), rest))


def figure(events: pd.DataFrame, lane: str = "category", title: str = "", selected: str | None = None) -> go.Figure:
    """The interactive timeline of ``events`` in lanes by category, source (outlet) or actor.

    Above AGGREGATE_ABOVE distinct events it draws weekly counts per lane instead of single
    events (narrowing the filters brings the events back); above WEBGL_ABOVE markers it draws
    with WebGL.
    """
    fig = go.Figure()
    if events.empty:
        return fig
    events = events[NEEDED]  # only what is drawn: copies of wide text columns are what costs at 100k rows
    laned = _cap_lanes(_lanes(events, lane if lane in LANES else "category"))
    if events["event_id"].nunique() > AGGREGATE_ABOVE:
        return _density(fig, events, laned, title)
    data = per_event(laned, by=("lane", "event_id"))
    scatter = go.Scattergl if len(data) > WEBGL_ABOVE else go.Scatter
    lanes = sorted(data["lane"].unique(), key=str)
    lane_index = {name: i % len(PALETTE) for i, name in enumerate(lanes)}
    colorscale = _discrete_scale(PALETTE)
    exact = data[(data["granularity"] == "day") & (data["date"] == data["date_end"])]
    spans = data.drop(exact.index)
    for name, group in spans.groupby("lane", sort=False):
        # every span of a lane in one trace, broken by gaps: thousands of spans stay one object
        x: list = []
        for first, after in zip(group["date"], group["date_end"] + pd.Timedelta(days=1), strict=True):
            x += [first, after, None]
        fig.add_trace(
            scatter(
                x=x,
                y=[name, name, None] * len(group),
                mode="lines",
                line={"width": 12, "color": PALETTE[lane_index[name]]},
                opacity=0.35,
                connectgaps=False,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for label, frame, symbol in (
        ("exact day", exact, "circle"),
        ("month or year (bar: its span)", spans, "diamond-open"),
    ):
        if frame.empty:
            continue
        middle = frame["date"] + (frame["date_end"] + pd.Timedelta(days=1) - frame["date"]) / 2
        colors = frame["lane"].map(lane_index).to_numpy()
        is_selected = frame["event_id"].to_numpy(dtype=object) == selected
        fig.add_trace(
            scatter(
                x=frame["date"] if symbol == "circle" else middle,
                y=frame["lane"],
                mode="markers",
                name=label,
                marker={
                    "symbol": symbol,
                    "size": (11 + 4 * frame["n_sources"].clip(upper=5)).to_numpy(),
                    "color": colors,
                    "colorscale": colorscale,
                    "cmin": 0,
                    "cmax": len(PALETTE) - 1,
                    "line": {  # outline in the lane's colour; the selected event's in near-black
                        "width": np.where(is_selected, 4, 2),
                        "color": np.where(is_selected, 0, colors + 1),
                        "colorscale": OUTLINE_SCALE,
                        "cmin": 0,
                        "cmax": len(PALETTE),
                    },
                },
                customdata=frame[CUSTOM].astype(str).map(plotly_text).to_numpy(),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>written: %{customdata[2]} → %{customdata[6]|%Y-%m-%d}"
                    " (%{customdata[4]})<br>%{customdata[3]} · %{customdata[5]} source(s)<extra></extra>"
                ),
            )
        )
    _annotate_milestones(fig, events)
    _layout(fig, lanes, title)
    return fig


def _density(fig: go.Figure, events: pd.DataFrame, laned: pd.DataFrame, title: str) -> go.Figure:
    """Too many events to draw one by one: how many start each week, per lane."""
    distinct = laned.drop_duplicates(["lane", "event_id"])
    week = distinct["date"].dt.to_period("W-SUN").dt.start_time
    counts = distinct.groupby([distinct["lane"], week]).size().rename("n").reset_index()
    lanes = sorted(counts["lane"].unique(), key=str)
    lane_index = {name: i % len(PALETTE) for i, name in enumerate(lanes)}
    fig.add_trace(
        go.Scattergl(
            x=counts["date"],
            y=counts["lane"],
            mode="markers",
            name=f"{events['event_id'].nunique():,} events as weekly counts:<br>narrow the filters to see each one",
            showlegend=True,
            marker={
                "symbol": "square",
                "size": (4 + 3 * np.sqrt(counts["n"].to_numpy())).clip(max=24),
                "color": counts["lane"].map(lane_index).to_numpy(),
                "colorscale": _discrete_scale(PALETTE),
                "cmin": 0,
                "cmax": len(PALETTE) - 1,
                "opacity": 0.75,
            },
            customdata=counts[["n"]].to_numpy(),
            hovertemplate="%{customdata[0]} events in the week of %{x|%Y-%m-%d}<extra>%{y}</extra>",
        )
    )
    _annotate_milestones(fig, events)
    _layout(fig, lanes, title)
    fig.update_layout(legend_title_text="Too many to draw one by one")
    return fig


def _note(fig: go.Figure, text: str, y: float) -> None:
    """A grey line of text under the plot (already escaped)."""
    fig.add_annotation(
        x=0,
        y=y,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        text=text,
        font={"size": 11, "color": "#4b5563"},
    )


def _layout(fig: go.Figure, lanes: list[str], title: str) -> None:
    fig.update_layout(
        title={"text": plotly_text(title)} if title else None,
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


def _annotate_milestones(fig: go.Figure, events: pd.DataFrame) -> None:
    """Label key events above the plot; plotly hides a label when its date is out of view."""
    shapes, labels = [], []
    for i, row in enumerate(milestones(events).itertuples()):
        x = row.date + (row.date_end - row.date) / 2
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"width": 1, "dash": "dot", "color": "#9ca3af"},
            }
        )
        labels.append(
            {
                "x": x,
                "y": 1.0,
                "yref": "paper",
                "yanchor": "bottom",
                "yshift": 4 + 15 * (i % 3),
                "text": plotly_text(f"{row.category.capitalize()}: {_label(row.title, 26)}"),
                "showarrow": False,
                "font": {"size": 11, "color": "#374151"},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    fig.update_layout(shapes=shapes, annotations=labels)


def _discrete_scale(colors: list[str]) -> list[list]:
    """A plotly colorscale on which integer i is exactly ``colors[i]``."""
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


OUTLINE_SCALE = _discrete_scale([SELECTED_OUTLINE, *PALETTE])


def report_figure(events: pd.DataFrame, lane: str, title: str, caption: str) -> go.Figure:
    """The chart as it goes into a report: a title, and the filters and sources underneath."""
    fig = figure(events, lane, title=title)
    outlets = sorted({o for o in events["outlet"] if o})
    sources = "Sources: " + "; ".join(outlets) if outlets else "Sources: (no outlet given)"
    fig.update_layout(xaxis={"rangeslider": {"visible": False}}, margin={"b": 130})
    _note(fig, f"Filters: {plotly_text(caption)}<br>{_wrap(plotly_text(sources))}", y=-0.28)
    return fig


def _wrap(text: str, width: int = 140) -> str:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])
