"""The timeline figure: events on a time axis, in lanes, with their precision visible.

A day-precise event is a dot; a month- or year-precise one is a bar over its
whole span with a hollow diamond at its middle, so "in June 2024" never looks
like a particular day.  Colour is the event's category in every view and every
export (from ``categories.toml``), whatever the lanes are; a marker grows with
the number of outlets that report the event, and the legend says so.  The key
events of the milestone categories are labelled with their headlines on a
label track above the plot, stacked so that no two labels overlap.

The figure carries its own template, margins and fonts: inside Streamlit (which
sets plotly's default template to its own) it looks, and exports, exactly as
outside it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.events import OTHER, load_taxonomy
from timeline.filters import LANES
from timeline.markup import plotly_text

__all__ = [
    "LANES",
    "as_report",
    "category_colors",
    "choose_milestones",
    "density_figure",
    "events_figure",
    "figure",
    "label_order",
    "label_rows",
    "milestones",
    "per_event",
    "report_figure",
    "size_key",
    "weekly_counts",
    "when",
]

SELECTED_OUTLINE = "#111827"
TEMPLATE = "plotly_white"
FONT = {"family": "Inter, 'Segoe UI', Arial, sans-serif", "size": 12, "color": "#1f2933"}
# What each marker carries, for hover text and for click selection (event_id first, the article URL last).
CUSTOM = ["event_id", "headline", "written", "sources", "granularity", "n_sources", "when", "category", "url"]
NEEDED = [
    "event_id",
    "date",
    "date_end",
    "granularity",
    "headline",
    "title",
    "date_text",
    "outlet",
    "source",
    "category",
    "actors",
    "url",
]
MAX_LANES = 40
WEBGL_ABOVE = 10_000  # markers: beyond this WebGL (starting a WebGL context costs a second where GPUs are absent)
AGGREGATE_ABOVE = 1_500  # distinct events: beyond this the chart shows weekly counts (the browser stays quick)
MAX_LABELS = 8
LABEL_ROWS = 4  # rows of the label track: labels that fit in none of them are left out
LABEL_PX = 6.2  # average width of a label character at 11 px, in pixels
NARROWEST_PLOT = 330  # px: labels are laid out so that they do not overlap even on a phone
SHORT_LABEL = 16  # characters of a label shortened to find room
ROW_PX = 17
SIZE_STEPS = (1, 2, 3, 5)  # outlets, for the size legend


def category_colors() -> dict[str, str]:
    """Every category's one colour, from ``categories.toml``."""
    return load_taxonomy().colors


def _color(category: str, colors: dict[str, str]) -> str:
    return colors.get(category, colors.get(OTHER, "#6b7280"))


def _marker_size(n_sources: pd.Series | np.ndarray | int) -> np.ndarray:
    return 10 + 4 * np.clip(np.asarray(n_sources), None, 5)


def _lanes(events: pd.DataFrame, lane: str) -> pd.DataFrame:
    if lane == "actor":
        # one row per (event mention, actor), built with plain lists: explode() is slow on wide frames
        names = [a.split("; ") if a else ["(no actor named)"] for a in events["actors"].fillna("").tolist()]
        rows = np.repeat(np.arange(len(events)), [len(n) for n in names])
        flat = list(itertools.chain.from_iterable(names))
        escaped = {n: plotly_text(n) for n in set(flat)}
        return events.iloc[rows].assign(lane=[escaped[n] for n in flat])
    column = "outlet" if lane == "source" else "category"
    # lane names are drawn as text, never markup (an outlet may be called "<a href=…>"); each distinct name once
    names = events[column].fillna("").replace("", "(unknown)")
    return events.assign(lane=names.map({n: plotly_text(n) for n in names.unique()}))


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
    order = ["date", "event_id", *(k for k in keys if k != "event_id")]  # one order, whatever made the rows
    return first.reset_index().sort_values(order, kind="stable")


def _join_distinct(frame: pd.DataFrame, keys: list[str], column: str, sep: str, index: list, empty: str) -> list[str]:
    """Per group, its distinct non-empty values sorted and joined: plain Python, which beats a groupby of
    lambdas here (sorted, so that the store's engine, which joins them in SQL, gives the same text)."""
    seen: dict = {}
    group_keys = zip(*(frame[k].tolist() for k in keys), strict=True) if len(keys) > 1 else frame[keys[0]].tolist()
    for key, value in zip(group_keys, frame[column].fillna("").tolist(), strict=True):
        if value:
            seen.setdefault(key, set()).add(value)
    return [sep.join(sorted(seen[k])) if k in seen else empty for k in index]


def when(first: pd.Timestamp, last: pd.Timestamp, granularity: str) -> str:
    """A date at its own precision, for people: "7 Oct 2023", "Feb 2024", "2024", "1–7 Apr 2024",
    "week of 11 Nov 2024", "Q1 2025", "H1 2024", "Mar 2024 – May 2024" (a season)."""
    if granularity == "year" and first.year == last.year:
        return f"{first:%Y}"
    if granularity == "month" and (first.year, first.month) == (last.year, last.month):
        return f"{first:%b %Y}"
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if granularity == "week":
        return f"week of {first.day} {first:%b %Y}"
    if granularity == "quarter" and first.year == last.year:
        return f"Q{(first.month - 1) // 3 + 1} {first:%Y}"
    if granularity == "half" and first.year == last.year:
        return f"H{1 if first.month <= 6 else 2} {first:%Y}"
    if granularity == "day":
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first:%b %Y} – {last:%b %Y}"


def milestones(events: pd.DataFrame, limit: int = MAX_LABELS) -> pd.DataFrame:
    """The events worth a label: the most reported one of each milestone category, then the next most reported."""
    events = events[events["category"].isin(load_taxonomy().milestones)]
    if events.empty:
        return events
    # rank cheaply first, then summarise only the few candidates (this runs on every redraw)
    reach = events.groupby("event_id", sort=False).agg(n=("source", "nunique"), category=("category", "first"))
    reach = reach.sort_values("n", ascending=False, kind="stable").groupby("category", sort=False).head(limit)
    return choose_milestones(per_event(events[events["event_id"].isin(reach.index)]), limit)


def choose_milestones(ranked: pd.DataFrame, limit: int = MAX_LABELS) -> pd.DataFrame:
    """Among candidate events (one row each, with ``n_sources``), the labelled ones, in date order.

    The most reported event of each category first, then the others by how many outlets report them; an
    event on the day of a more reported one comes last: its label would stand where that one's does."""
    ranked = ranked.sort_values(["n_sources", "date"], ascending=[False, True], kind="stable")
    crowded = ranked.duplicated("date")
    alone = ranked[~crowded]
    firsts = alone.drop_duplicates("category")
    chosen = pd.concat([firsts, alone.drop(firsts.index), ranked[crowded]]).head(limit)
    return chosen.sort_values("date")


def label_order(chosen: pd.DataFrame) -> list:
    """The order the chosen key events get their room on the label track: the most reported event of each
    category (of those more than one outlet reports) first, then the others by reach.  The story (the attack,
    the resignations, the ceasefire, the letters) before a second resignation that more outlets reported."""
    ranked = chosen.sort_values("n_sources", ascending=False, kind="stable")
    firsts = ranked[ranked["n_sources"] > 1].drop_duplicates("category")
    return [*firsts.index, *ranked.index.drop(firsts.index)]


def _label(title: str, limit: int = 28) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def label_rows(
    xs: list[float], texts: list[str], rows: int = LABEL_ROWS, plot_px: float = NARROWEST_PLOT
) -> list[tuple[int, str, str] | None]:
    """Where each label goes on the label track: ``(row, xanchor, text)``, or None when there is no room.

    ``xs`` are the labels' anchors as fractions of the plot's width.  Labels are laid out for a plot
    ``plot_px`` wide: what does not overlap there does not overlap on any wider screen.  A label that
    finds no room is tried again shortened; one near an edge is anchored on that side so that it stays
    inside the plot.  Labels are placed in the order given (the most important first).
    """
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed: list[tuple[int, str, str] | None] = []
    for x, text in zip(xs, texts, strict=True):
        spot = None
        for version in dict.fromkeys((text, _label(text, SHORT_LABEL))):
            full = (LABEL_PX * len(version) + 8) / plot_px
            anchor = "left" if x - full / 2 < 0 else "right" if x + full / 2 > 1 else "center"
            lo = {"left": x, "right": x - full, "center": x - full / 2}[anchor]
            hi = lo + full
            row = next((r for r in range(rows) if all(hi <= a or lo >= b for a, b in taken[r])), None)
            if row is not None:
                taken[row].append((lo, hi))
                spot = (row, anchor, version)
                break
        placed.append(spot)
    return placed


def _cap_lanes(frame: pd.DataFrame) -> pd.DataFrame:
    """At most MAX_LANES lanes: the busiest ones, and the rest together."""
    counts = frame.groupby("lane", sort=False)["event_id"].nunique()
    if len(counts) <= MAX_LANES:
        return frame
    keep = set(counts.nlargest(MAX_LANES - 1).index)
    rest = f"(the other {len(counts) - len(keep):,})"
    return frame.assign(lane=frame["lane"].where(frame["lane"].isin(keep), rest))


def figure(
    events: pd.DataFrame,
    lane: str = "category",
    title: str = "",
    selected: str | None = None,
    labels: bool = True,
    focus: bool = True,
) -> go.Figure:
    """The interactive timeline of ``events`` in lanes by category, source (outlet) or actor.

    With ``focus``, it opens on the story (:func:`story_view`) when a few events lie far from it.

    Above AGGREGATE_ABOVE distinct events it draws weekly counts per lane instead of single
    events (narrowing the filters brings the events back); above WEBGL_ABOVE markers it draws
    with WebGL.
    """
    fig = go.Figure()
    if events.empty:
        return fig
    events = events[[c for c in NEEDED if c in events]]  # only what is drawn: wide text columns cost at 100k rows
    if "headline" not in events:  # a table from before headlines: its titles stand in
        events = events.assign(headline=events["title"])
    if "url" not in events:
        events = events.assign(url="")
    laned = _cap_lanes(_lanes(events, lane if lane in LANES else "category"))
    chosen = milestones(events) if labels else events.iloc[:0]
    bounds = (events["date"].min(), events["date_end"].max())
    view = story_view(bounds, story_span(events)) if focus else None
    if events["event_id"].nunique() > AGGREGATE_ABOVE:
        return density_figure(weekly_counts(laned), events["event_id"].nunique(), chosen, bounds, title, view)
    return events_figure(per_event(laned, by=("lane", "event_id")), chosen, bounds, lane, title, selected, view)


def events_figure(
    data: pd.DataFrame,
    chosen: pd.DataFrame,
    bounds: tuple[pd.Timestamp, pd.Timestamp],
    lane: str,
    title: str = "",
    selected: str | None = None,
    view: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> go.Figure:
    """Each event drawn: ``data`` has one row per lane and event as :func:`per_event` makes them (by
    ``lane`` and ``event_id``), from pandas or from the store's engine; ``chosen`` are labelled.  With
    ``view`` (see :func:`story_view`), the chart opens on those days; the rest is a double-click away."""
    fig = go.Figure()
    colors = category_colors()
    data = data.copy()
    data["when"] = [when(a, b, g) for a, b, g in zip(data["date"], data["date_end"], data["granularity"], strict=True)]
    scatter = go.Scattergl if len(data) > WEBGL_ABOVE else go.Scatter
    lanes = sorted(data["lane"].unique(), key=str)
    exact = (data["granularity"] == "day") & (data["date"] == data["date_end"])
    categories = [c for c in colors if c in set(data["category"])]
    for category in categories:
        mine = data[(data["category"] == category) & ~exact]
        if mine.empty:
            continue
        # every span of a category in one trace, broken by gaps: thousands of spans stay one object
        x: list = []
        for first, after in zip(mine["date"], mine["date_end"] + pd.Timedelta(days=1), strict=True):
            x += [first, after, None]
        fig.add_trace(
            scatter(
                x=x,
                y=[v for name in mine["lane"] for v in (name, name, None)],
                mode="lines",
                line={"width": 12, "color": _color(category, colors)},
                opacity=0.3,
                connectgaps=False,
                hoverinfo="skip",
                showlegend=False,
                legendgroup=category,
            )
        )
    for category in categories:
        shown_in_legend = False
        for is_exact, symbol in ((True, "circle"), (False, "diamond-open")):
            frame = data[(data["category"] == category) & (exact == is_exact)]
            if frame.empty:
                continue
            middle = frame["date"] + (frame["date_end"] + pd.Timedelta(days=1) - frame["date"]) / 2
            is_selected = frame["event_id"].to_numpy(dtype=object) == selected
            color = _color(category, colors)
            fig.add_trace(
                scatter(
                    x=frame["date"] if is_exact else middle,
                    y=frame["lane"],
                    mode="markers",
                    name=plotly_text(category),
                    legendgroup=category,
                    showlegend=not shown_in_legend,
                    marker={
                        "symbol": symbol,
                        "size": _marker_size(frame["n_sources"]),
                        "color": color,
                        "opacity": 1,  # plotly makes sized markers translucent by default
                        "line": {  # the selected event in a thick near-black outline
                            "width": np.where(is_selected, 4, 1.5 if is_exact else 2.5),
                            "color": np.where(is_selected, SELECTED_OUTLINE, "#ffffff" if is_exact else color),
                        },
                    },
                    customdata=frame[CUSTOM].astype(str).map(plotly_text).to_numpy(),
                    hovertemplate=(
                        "<b>%{customdata[1]}</b><br>%{customdata[6]} (%{customdata[4]} precision) · "
                        "written: %{customdata[2]}<br>%{customdata[7]} · %{customdata[3]} · "
                        "%{customdata[5]} outlet(s)<extra></extra>"
                    ),
                )
            )
            shown_in_legend = True
    _legend_keys(fig)
    chosen, bounds = _in_view(chosen, bounds, view)
    _layout(fig, lanes, title, lane, _annotate_milestones(fig, chosen, bounds), view)
    return fig


def _legend_keys(fig: go.Figure) -> None:
    """Legend entries that explain the shapes (they draw nothing on the plot); sizes are explained in its title."""
    for name, symbol in (("exact day", "circle"), ("month or year: bar over its span", "diamond-open")):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                legendgroup="precision",
                marker={"symbol": symbol, "size": 12, "color": "#9ca3af", "line": {"width": 2, "color": "#6b7280"}},
                hoverinfo="skip",
            )
        )


def size_key() -> str:
    """The legend's title: what colour and size mean, with dots drawn at the markers' own sizes."""
    dots = " ".join(
        f'<span style="font-size:{int(size * 1.1)}px;color:#9ca3af">●</span>{n}{"+" if n == SIZE_STEPS[-1] else ""}'
        for n, size in zip(SIZE_STEPS, _marker_size(np.array(SIZE_STEPS)), strict=True)
    )
    return f"Colour: category · Size: outlets reporting it {dots}   "


def weekly_counts(laned: pd.DataFrame) -> pd.DataFrame:
    """How many events start each week in each lane (``lane``, ``date``, ``n``) of a laned table."""
    distinct = laned.drop_duplicates(["lane", "event_id"])
    week = distinct["date"].dt.to_period("W-SUN").dt.start_time.astype("datetime64[ns]").rename("date")
    return distinct.groupby([distinct["lane"], week]).size().rename("n").reset_index()


def density_figure(
    counts: pd.DataFrame,
    n_events: int,
    chosen: pd.DataFrame,
    bounds: tuple[pd.Timestamp, pd.Timestamp],
    title: str = "",
    view: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> go.Figure:
    """Too many events to draw one by one: how many start each week, per lane (``counts`` as
    :func:`weekly_counts` makes them), with the ``chosen`` milestones labelled.

    The counts and milestones come from pandas or from the store's engine: this draws either alike."""
    fig = go.Figure()
    lanes = sorted(counts["lane"].unique(), key=str)
    scatter = go.Scattergl if len(counts) > WEBGL_ABOVE else go.Scatter
    fig.add_trace(
        scatter(
            x=counts["date"],
            y=counts["lane"],
            mode="markers",
            name=f"{n_events:,} events as weekly counts:<br>narrow the filters to see each one",
            showlegend=True,
            marker={
                "symbol": "square",
                "size": (4 + 3 * np.sqrt(counts["n"].to_numpy())).clip(max=24),
                "color": "#6b7280",
                "opacity": 0.75,
            },
            customdata=counts[["n"]].to_numpy(),
            hovertemplate="%{customdata[0]} events in the week of %{x|%d %b %Y}<extra>%{y}</extra>",
        )
    )
    chosen, bounds = _in_view(chosen, bounds, view)
    _layout(fig, lanes, title, "density", _annotate_milestones(fig, chosen, bounds), view)
    return fig


STORY_SHARE = 3  # the whole span this many times the story's: the chart opens on the story
STORY_SHORTEST = 90  # days: a story told over a week is still measured against a season
STORY_PRECISIONS = ("day", "week", "month")


def story_view(
    bounds: tuple[pd.Timestamp, pd.Timestamp], story: tuple[pd.Timestamp, pd.Timestamp] | None
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days the chart opens on: ``story`` (the span of the key events dated to the month or finer) when
    the events drawn span far more (a biography's "born in 1943" beside a year of news), else None (all)."""
    if story is None or pd.isna(story[0]) or pd.isna(story[1]):
        return None
    whole = (bounds[1] - bounds[0]).days
    told = max((story[1] - story[0]).days, STORY_SHORTEST)
    return story if whole > STORY_SHARE * told else None


def story_span(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day of the key events (milestone categories) dated to the month or finer."""
    key = events[events["category"].isin(load_taxonomy().milestones) & events["granularity"].isin(STORY_PRECISIONS)]
    return (key["date"].min(), key["date_end"].max()) if not key.empty else None


def _in_view(
    chosen: pd.DataFrame, bounds: tuple[pd.Timestamp, pd.Timestamp], view: tuple[pd.Timestamp, pd.Timestamp] | None
) -> tuple[pd.DataFrame, tuple[pd.Timestamp, pd.Timestamp]]:
    """The labels and the days they are laid out over: those of the view, when the chart opens on one."""
    if view is None:
        return chosen, bounds
    return chosen[(chosen["date_end"] >= view[0]) & (chosen["date"] <= view[1])], view


def _note(fig: go.Figure, text: str, y: float) -> None:
    """A grey block of text under the plot (already escaped)."""
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


def _layout(
    fig: go.Figure,
    lanes: list[str],
    title: str,
    revision: str,
    label_track: int = 0,
    view: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> None:
    track = 8 + ROW_PX * label_track if label_track else 0
    _lane_names(fig, lanes)
    fig.update_layout(
        template=TEMPLATE,  # fixed: Streamlit's default template has a 10 px margin and no colours of its own
        font=FONT,
        title={"text": plotly_text(title), "x": 0, "xref": "paper", "xanchor": "left", "font": {"size": 16}}
        if title
        else None,
        height=max(360, 150 + 46 * len(lanes) + track),
        margin={"l": 8, "r": 8, "t": (60 if title else 16) + track, "b": 10, "autoexpand": True},
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.08,
            "yanchor": "top",
            "font": {"size": 11},
            "title": {"text": size_key() if revision != "density" else "", "side": "top"},
        },
        xaxis={
            "type": "date",
            "showgrid": True,
            "gridcolor": "#eef0f3",
            "automargin": True,
            "tickangle": 0,
            "nticks": 7,
            "tickformat": "%b<br>%Y",
            **({"range": list(_padded(view))} if view is not None else {}),
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": lanes[::-1],
            "title": None,
            "gridcolor": "#eef0f3",
            "showticklabels": False,  # the lane names stand inside the plot (see _lane_names)
            "fixedrange": True,
            "range": [-0.6, len(lanes) - 0.2],
        },
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hovermode="closest",
        clickmode="event+select",
        dragmode="zoom",  # a click picks an event (a drag in "select" mode would stop clicks from selecting)
        selectdirection="h",  # the box-select tool picks a period: the dashboard zooms to it through its filter
        uirevision=revision,  # a zoom survives reruns (a click, a filter) until the lanes change
    )


def _padded(bounds: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days shown for ``bounds``: padded as plotly's autorange pads (about 5 % each side)."""
    lo, hi = bounds[0], bounds[1] + pd.Timedelta(days=1)
    pad = (hi - lo) * 0.05
    return lo - pad, hi + pad


def _annotate_milestones(fig: go.Figure, chosen: pd.DataFrame, bounds: tuple[pd.Timestamp, pd.Timestamp]) -> int:
    """Label the ``chosen`` key events on a track above the plot with their headlines; no two labels overlap.

    ``bounds`` are the first and last day drawn.  Returns how many rows of the track are used.
    """
    if chosen.empty:
        return 0
    lo, hi = _padded(bounds)  # as the axis shows them
    span = max((hi - lo).total_seconds(), 1.0)
    centres = chosen["date"] + (chosen["date_end"] - chosen["date"]) / 2
    texts = dict(zip(chosen.index, (_label(t) for t in chosen["headline"]), strict=True))
    order = label_order(chosen)
    xs = [(centres[i] - lo).total_seconds() / span for i in order]
    places = dict(zip(order, label_rows(xs, [texts[i] for i in order]), strict=True))
    colors = category_colors()
    used = 0
    shapes, labels = list(fig.layout.shapes), list(fig.layout.annotations)
    for i in chosen.index:
        if places[i] is None:
            continue
        row, anchor, text = places[i]
        used = max(used, row + 1)
        x = centres[i]
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"width": 1, "dash": "dot", "color": "#c4c9d1"},
            }
        )
        labels.append(
            {
                "x": x,
                "y": 1.0,
                "xref": "x",
                "yref": "paper",
                "xanchor": anchor,
                "yanchor": "bottom",
                "yshift": 4 + ROW_PX * row,
                "text": plotly_text(text),
                "hovertext": plotly_text(chosen.at[i, "headline"]),
                "showarrow": False,
                "font": {"size": 11, "color": _color(chosen.at[i, "category"], colors)},
                "bgcolor": "rgba(255,255,255,0.9)",
                "borderpad": 1,
            }
        )
    fig.update_layout(shapes=shapes, annotations=labels)  # once: each add_annotation copies all the others
    return used


def _lane_names(fig: go.Figure, lanes: list[str]) -> None:
    """Lane names written inside the plot, above each lane: no left margin, so a phone keeps its width."""
    names = [
        {
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": name,
            "yref": "y",
            "yanchor": "bottom",
            "yshift": 9,
            "text": f"<b>{name}</b>",  # already escaped by _lanes
            "showarrow": False,
            "font": {"size": 11, "color": "#4b5563"},
            "bgcolor": "rgba(255,255,255,0.75)",
            "borderpad": 0,
        }
        for name in lanes
    ]
    fig.update_layout(annotations=[*fig.layout.annotations, *names])


def report_figure(events: pd.DataFrame, lane: str, title: str, caption: str, width: int = 1600) -> go.Figure:
    """The chart as it goes into a report: a title, the legend, then the filters and sources underneath."""
    outlets = sorted({o for o in events["outlet"] if isinstance(o, str) and o})
    return as_report(figure(events, lane, title=title), outlets, caption, width)


def as_report(fig: go.Figure, outlets: list[str], caption: str, width: int = 1600) -> go.Figure:
    """A chart (drawn with its title) made report-ready: the filters and the ``outlets`` beneath it."""
    fig = go.Figure(fig)  # a copy: the figure on screen stays as it is
    sources = "Sources: " + "; ".join(outlets) if outlets else "Sources: (no outlet given)"
    note = f"Filters: {plotly_text(caption)}<br>{_wrap(plotly_text(sources), max(60, width // 8))}"
    lines = note.count("<br>") + 1
    height = int(fig.layout.height or 500)
    plot_px = height - (fig.layout.margin.t or 0) - 40
    legend_px = 40 + 19 * 3  # below the tick labels: the legend's title and two rows of entries
    below = legend_px + 20 + 15 * lines
    fig.update_layout(height=height + below, margin={"b": below + 10}, legend={"y": -40 / plot_px})
    _note(fig, note, y=-(legend_px + 20) / plot_px)
    return fig


def _wrap(text: str, width: int = 140) -> str:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])
