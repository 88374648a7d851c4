"""timeline dashboard: Streamlit wiring only; parsing, filtering and charts live in the timeline package."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from timeline import chart, filters, markup, store
from timeline.corpus import MAX_BYTES, decode, load_corpus, load_uploads, read_bytes, read_or_report
from timeline.engine import Engine
from timeline.events import extract
from timeline.export import figure_html, figure_image, timelinejs, to_bytes
from timeline.filters import FILTERS, LANES, Filter, Filters, View
from timeline.schema import GRANULARITIES

DEFAULT_CORPUS = Path(__file__).parent / "seeds"
PAGE = 500  # table rows sent to the browser at a time
PICKER_ALL = 300  # events the picker lists at once; beyond that it searches
DETAILS = 30  # reports of an event listed beside the chart
READER_LIMIT = 2000  # articles offered in the reader's list
READER_PART = 20_000  # characters of an article the reader renders at a time


# --------------------------------------------------------------------------
# Data (cached: a filter change never re-parses)
# --------------------------------------------------------------------------


def startup_args() -> tuple[Path, Path | None]:
    """``streamlit run app.py -- [--corpus PATH] [--store STORE]``: the sample corpus unless told otherwise."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--store")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.corpus), Path(args.store) if args.store else None


def fingerprint(folder: Path) -> tuple:
    """What the cache is keyed on: every file's name, size and modification time."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))


@dataclass(eq=False)
class Data:
    """What the page is drawn from: built once per corpus (and session uploads), then shared by every rerun.

    Cached as a resource: the engine answers every question the page asks (counts, the figure, a page
    of the table, one event) and keeps its recent answers, so a rerun that changes nothing queries nothing.
    """

    engine: Engine
    problems: list[str]


@st.cache_resource(show_spinner="Reading articles…", max_entries=8)
def build(folder: str, stamp: tuple, uploads: tuple, pasted: tuple) -> Data:
    """Events, article texts and problems of the corpus plus this session's uploads and pasted articles."""
    articles, problems = load_corpus(folder)
    added, refused = session_articles(uploads, pasted, {a.source for a in articles})
    articles += added
    found = problems + refused
    events = extract(articles, problems=found)
    return Data(Engine.of_frame(events, _texts(articles)), [str(p) for p in found])


@st.cache_resource(show_spinner="Opening the store…", max_entries=4)
def build_from_store(path: str, generation: int, uploads: tuple, pasted: tuple) -> Data:
    """A store's committed snapshot, queried where it lies, with this session's uploads and pasted articles."""
    snapshot = store.committed(path)
    added, refused = [], []
    if uploads or pasted:
        taken = set(pq.read_table(snapshot.articles, columns=["source"]).column("source").to_pylist())
        added, refused = session_articles(uploads, pasted, taken)
    found = snapshot.problems + refused
    extra = extract(added, problems=found) if added else None
    engine = Engine.of_store(snapshot.events, snapshot.articles, extra, _texts(added))
    return Data(engine, [str(p) for p in found])


def session_articles(uploads: tuple, pasted: tuple, taken: set[str]) -> tuple[list, list]:
    """This session's uploaded and pasted articles, renamed where a name is already in the corpus."""
    added, refused = load_uploads(uploads)
    pasted_files = tuple((f"pasted-{i}.txt", text.encode("utf-8")) for i, (text, _) in enumerate(pasted, start=1))
    for (name, data), (_, meta) in zip(pasted_files, pasted, strict=True):
        article = read_or_report(name, data, dict(meta), refused)  # the same limits and checks as a file
        if article is not None:
            added.append(article)
    renamed = []
    for article in added:
        source = article.source if article.source not in taken else f"{article.source}-upload"
        taken.add(source)
        renamed.append(replace(article, source=source))
    return renamed, refused


def _texts(articles: list) -> dict:
    return {a.source: {"text": a.text, "title": a.title, "outlet": a.outlet, "url": a.url} for a in articles}


def article_text(info: dict) -> str:
    """An article's text: kept in memory, or read from the corpus file a store points at."""
    if "text" in info:
        return info["text"]
    try:
        return decode(read_bytes(Path(info["path"])))[0]
    except (OSError, ValueError) as exc:
        return f"(the article could not be read: {exc})"


# --------------------------------------------------------------------------
# UI pieces: each returns plain values
# --------------------------------------------------------------------------


def sources_ui() -> tuple[tuple, tuple]:
    """Uploaded files as (name, bytes) and pasted articles as (text, metadata), for this session."""
    with st.sidebar.expander("Add articles"):
        files = st.file_uploader(
            "Upload .txt articles (and a sources.csv)", type=["txt", "csv"], accept_multiple_files=True, key="uploads"
        )
        with st.form("paste", clear_on_submit=True):
            text = st.text_area("…or paste an article")
            url = st.text_input("URL")
            published = st.date_input("Publication date", value=None)
            outlet = st.text_input("Outlet")
            title = st.text_input("Title")
            if st.form_submit_button("Add pasted article"):
                if len(text.encode("utf-8")) > MAX_BYTES:
                    st.error(f"Too long to add: the limit for one article is {MAX_BYTES:,} bytes.")
                elif text.strip():
                    date = published.isoformat() if published else ""
                    meta = (("url", url), ("published", date), ("outlet", outlet), ("title", title))
                    st.session_state.setdefault("pasted", []).append((text, meta))
                else:
                    st.error("Nothing to add: the pasted text is empty.")
    uploads = tuple((f.name, f.getvalue()) for f in files or [])
    return uploads, tuple(st.session_state.get("pasted", []))


def restore_view(data: Data) -> None:
    """On a session's first run, put the view a shared URL describes into the widgets.

    Later, when articles are added, an untouched date range grows with the corpus.
    """
    first, last = data.engine.span()
    bounds = (first.date(), last.date())
    previous = st.session_state.get("bounds")
    st.session_state["bounds"] = bounds
    if st.session_state.get("view_restored"):
        if previous and previous != bounds and tuple(st.session_state.get("f_dates", ())) == previous:
            st.session_state["f_dates"] = bounds
        return
    st.session_state["view_restored"] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view, notices = View.from_params(params, None, options=data.engine.options, is_event=data.engine.has_event)
    for notice in notices:
        st.toast(f"Link: {notice}")
    lo, hi = bounds
    for spec in FILTERS:
        st.session_state[spec.key] = widget_value(spec, view.filters, bounds=(lo, hi))
    st.session_state.update(lane=view.lane, event=view.event)


def widget_value(spec: Filter, f: Filters, bounds: tuple):
    """What a filter's widget holds for a value of ``Filters``."""
    value = spec.value(f)
    if spec.widget == "dates":
        return (value[0] or bounds[0], value[1] or bounds[1])
    if spec.widget == "choice":
        return list(value[0])
    return value[0]


def reset_filters() -> None:
    for key in [*(spec.key for spec in FILTERS), "lane", "event"]:
        st.session_state.pop(key, None)
    st.query_params.clear()
    st.session_state["view_restored"] = False


def select_from_chart() -> None:
    """A click picks an event; a drag across the chart zooms to that period, through the date filter, so that
    the zoom is in the share link and survives every rerun."""
    selection = st.session_state["chart"].selection
    boxes = [b for b in selection.get("box", []) if len(b.get("x", [])) == 2]
    if boxes:
        first, last = sorted(pd.to_datetime(boxes[0]["x"]))
        if last > first:
            st.session_state["f_dates"] = (first.date(), last.date())
            st.session_state["event"] = None
        return
    points = selection.get("points", [])
    if points and points[0].get("customdata"):
        st.session_state["event"] = points[0]["customdata"][0]


def filters_ui(data: Data) -> Filters:
    """The sidebar's filters, one widget for each entry of ``filters.FILTERS``."""
    side = st.sidebar
    side.header("Filters")
    values: dict = {}
    for spec in FILTERS:
        if spec.widget == "dates":
            dates = side.date_input(spec.label, key=spec.key, help=spec.description)
            start, end = (*dates, None, None)[:2] if isinstance(dates, tuple) else (dates, None)
            # the whole corpus: left open, so a shared link keeps up with new articles
            first, last = data.engine.span()
            values["start"] = None if start == first.date() else start
            values["end"] = None if end == last.date() else end
        elif spec.widget == "choice":
            chosen = side.multiselect(spec.label, data.engine.options(spec), key=spec.key, help=spec.description)
            values[spec.fields[0]] = tuple(chosen)
        elif spec.widget == "text":
            values[spec.fields[0]] = side.text_input(spec.label, key=spec.key, help=spec.description).strip()
        elif spec.widget == "precision":
            values[spec.fields[0]] = side.select_slider(
                spec.label, options=list(GRANULARITIES), key=spec.key, help=spec.description
            )
    side.button("Reset filters", on_click=reset_filters)
    return Filters(**values)


def opened_on(engine: Engine, f: Filters) -> str:
    """What the chart's first view leaves out, when it opens on the story rather than on every event."""
    view = engine.view(f)
    if view is None:
        return ""
    outside = engine.outside(f, view)
    return (
        f" · the chart shows {view[0]:%b %Y} to {view[1]:%b %Y}, where the key events are; {outside:,} "
        f"{'event lies' if outside == 1 else 'events lie'} outside it (double-click the chart, or set the dates)"
    )


def lane_ui() -> str:
    lane = st.radio("Lanes", LANES, horizontal=True, format_func=str.capitalize, key="lane")
    st.caption(
        "Click a marker for its sources. To zoom to a period for good (it goes into the link), pick the box-select "
        "tool in the chart's toolbar and drag across the chart."
    )
    return lane


def chart_ui(engine: Engine, f: Filters, lane: str) -> None:
    """The chart.  Its figure does not depend on the selected event: Streamlit keys a chart's state on its
    figure, so an unchanged figure keeps the analyst's zoom through a click (plotly marks the clicked point)."""
    first, last = engine.span(f)
    fig = engine.figure(f, lane)
    st.plotly_chart(
        fig,
        width="stretch",
        key="chart",
        on_select=select_from_chart,
        selection_mode=("points", "box"),
        theme=None,  # the figure's own template: the screen looks like the exports
        config={
            "displaylogo": False,
            "toImageButtonOptions": {
                "format": "png",
                "filename": f"timeline_{first:%Y-%m-%d}_{last:%Y-%m-%d}_by-{lane}",
                "scale": 3,
            },
        },
    )


def event_ui(engine: Engine, f: Filters, n_events: int) -> str | None:
    """The event whose details are shown: picked here or by clicking its marker.

    Up to PICKER_ALL events are listed; beyond that the picker searches headlines, titles and quotes and lists the
    first matches, so a large archive never sends tens of thousands of options to the browser.
    """
    current = st.session_state.get("event")
    query = ""
    if n_events > PICKER_ALL:
        query = st.text_input("Find an event", key="event_q", placeholder="words of its headline or quote")
    summary = engine.summaries(f, query, PICKER_ALL, include=current)
    if current is not None and not (summary["event_id"] == current).any():
        st.session_state["event"] = current = None  # the filters leave it out
    labels = {
        r.event_id: f"{chart.when(r.date, r.date_end, r.granularity)} · {r.category} · {r.headline}"
        for r in summary.itertuples()
    }
    return st.selectbox(
        "Event details (or click a marker)",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Choose an event",
        key="event",
    )


def details_ui(engine: Engine, f: Filters, event_id: str) -> None:
    """An event's headline, date, category, actors and places, and the sources that report it (the first
    DETAILS of them: an event of a large archive may be reported thousands of times)."""
    head = engine.summaries(f, limit=0, include=event_id).iloc[0]
    mentions = engine.event(event_id, f, limit=DETAILS)
    reports = engine.reports(event_id, f)
    st.subheader(head.headline)
    actors = filters.split_actors(mentions["actors"])
    places = filters.split_actors(mentions["places"])
    st.markdown(
        markup.escape(f"{chart.when(head.date, head.date_end, head.granularity)} ({head.granularity} precision)")
        + f" · :{_badge(head.category)}-badge[{markup.escape(head.category)}]"
        + (" · " + markup.escape(", ".join(actors)) if actors else "")
        + (" · in " + markup.escape(", ".join(places)) if places else "")
    )
    for row in mentions.itertuples():
        with st.container(border=True):
            formats = {"month": "%b %Y", "year": "%Y"}
            published = (
                row.published.strftime(formats.get(row.published_precision, "%Y-%m-%d"))
                if pd.notna(row.published)
                else "date unknown"
            )
            st.markdown(f"**{markup.escape(row.outlet or row.source)}** · published {published}")
            at = row.quote.find(row.date_text) if row.date_text else -1
            spans = [(at, at + len(row.date_text))] if at >= 0 else []
            st.markdown(markup.highlight(row.quote, spans))
            if markup.is_web_url(row.url):
                st.link_button("Open the article", row.url)
    if reports > len(mentions):
        st.caption(f"The first {len(mentions):,} of {reports:,} reports; the table and the downloads hold them all.")


def _badge(category: str) -> str:
    """Streamlit's named colour nearest to the category's own, for a badge."""
    hex_color = chart.category_colors().get(category, "#6b7280").lstrip("#")
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    named = {
        "red": (255, 75, 75),
        "orange": (255, 164, 33),
        "green": (33, 195, 84),
        "blue": (28, 131, 225),
        "violet": (128, 61, 245),
        "gray": (128, 128, 128),
    }
    return min(named, key=lambda n: sum((a - c) ** 2 for a, c in zip((r, g, b), named[n], strict=True)))


TABLE = ["date", "granularity", "headline", "title", "outlet", "url", "category", "actors", "places", "date_text"]


def table_ui(engine: Engine, f: Filters, rows: int) -> None:
    """The events, a page at a time: the browser never gets more than PAGE rows, nor the page more."""
    pages = max(1, -(-rows // PAGE))
    page = st.number_input(f"Page (of {pages:,})", 1, pages, 1, key="page") if pages > 1 else 1
    page = min(int(page), pages)
    events = engine.rows(f, columns=TABLE, limit=PAGE, offset=(page - 1) * PAGE)
    if pages > 1:
        st.caption(f"Rows {(page - 1) * PAGE + 1:,}–{(page - 1) * PAGE + len(events):,}; the downloads hold them all.")
    shown = events.assign(link=events["url"].where(events["url"].map(markup.is_web_url)))
    st.dataframe(
        shown[
            ["date", "granularity", "headline", "title", "outlet", "link", "category", "actors", "places", "date_text"]
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "granularity": "Precision",
            "headline": st.column_config.TextColumn("Event", width="medium"),
            "title": st.column_config.TextColumn("As reported", width="large"),
            "outlet": "Outlet",
            "link": st.column_config.LinkColumn("Source", display_text="open article"),
            "category": "Category",
            "actors": "Actors",
            "places": "Places",
            "date_text": "As written",
        },
    )


def share_ui(view: View) -> None:
    base = (st.context.url or "http://localhost:8501/").split("?")[0]
    query = urlencode(view.to_params(), doseq=True)
    st.caption("Link to this view")
    st.code(f"{base}?{query}" if query else base, language=None)


def export_ui(engine: Engine, f: Filters, lane: str, n_events: int) -> None:
    """Downloads, each built only when its button is clicked: a rerun never pays for them, and the rows
    are read for a download only then (and not kept)."""
    first, last = engine.span(f)
    title = f"Timeline: {n_events:,} events, {first:%b %Y} to {last:%b %Y}"
    caption = filters.describe(f) + opened_on(engine, f)

    def report(fmt: str) -> bytes:
        return figure_image(chart.as_report(engine.figure(f, lane, title), engine.outlets(f), caption), fmt=fmt)

    def timeline_json() -> bytes:
        events = engine.rows(f, cache=False)
        document = timelinejs(events, title, f"Filters: {caption}", chart.category_colors())
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    stem = f"timeline_{first:%Y-%m-%d}_{last:%Y-%m-%d}"
    cols = st.columns(3)
    cols[0].download_button("Download PNG", lambda: report("png"), f"{stem}.png", "image/png", width="stretch")
    cols[1].download_button("Download SVG", lambda: report("svg"), f"{stem}.svg", "image/svg+xml", width="stretch")
    cols[2].download_button(
        "Interactive HTML",
        lambda: figure_html(engine.figure(f, lane, title)),
        f"{stem}.html",
        "text/html",
        width="stretch",
    )
    cols = st.columns(3)
    cols[0].download_button(
        "Download CSV",
        lambda: to_bytes(engine.rows(f, cache=False), "csv", bom=True),
        f"{stem}.csv",
        "text/csv",
        width="stretch",
    )
    cols[1].download_button(
        "Download JSON",
        lambda: to_bytes(engine.rows(f, cache=False), "json"),
        f"{stem}.json",
        "application/json",
        width="stretch",
    )
    cols[2].download_button(
        "TimelineJS JSON",
        timeline_json,
        f"{stem}.timelinejs.json",
        "application/json",
        width="stretch",
        help="Knight Lab's TimelineJS format: publish the timeline with its embed.",
    )


def reader_ui(engine: Engine, f: Filters, event_id: str | None) -> None:
    """An article with its events highlighted, a part at a time; the list offers the articles behind the shown events.

    A long article (a pasted archive, a 5 MB file) is shown in parts of READER_PART characters, opening
    on the part that holds the selected event: the page never renders megabytes of Markdown.
    """
    with st.expander("Reader: a whole article with its events highlighted"):
        listed = engine.sources(f, READER_LIMIT)
        titles = dict(zip(listed["source"], listed["source_title"].fillna(""), strict=True))
        default = engine.event(event_id, f, limit=DETAILS)["source"].iloc[0] if event_id else next(iter(titles))
        if default not in titles:
            titles = {default: default, **titles}
        sources = list(titles)
        source = st.selectbox(
            "Article", sources, index=sources.index(default), format_func=lambda s: titles.get(s) or s
        )
        article = engine.article(source)
        if article is None:
            st.caption("This article's text is not available.")
            return
        if markup.is_web_url(article["url"]):
            st.link_button("Open the original", article["url"])
        text = article_text(article)
        mine = engine.of_source(source)
        parts = markup.pages(text, READER_PART)
        focus = mine.loc[mine["event_id"] == event_id, "start"] if event_id else mine["start"]
        at = int(focus.min()) if len(focus) else 0
        part = next(i for i, (lo, hi) in enumerate(parts) if at < hi or hi == len(text))
        if len(parts) > 1:
            part = st.selectbox(
                "Part",
                range(len(parts)),
                index=part,
                format_func=lambda i: f"{i + 1} of {len(parts)} (characters {parts[i][0]:,}–{parts[i][1]:,})",
                key=f"reader-part-{source}-{event_id}",
            )
        lo, hi = parts[part]

        def on_page(frame: pd.DataFrame) -> list[tuple[int, int]]:
            pairs = zip(frame["start"], frame["end"], strict=True)
            return [(max(a, lo) - lo, min(b, hi) - lo) for a, b in pairs if b > lo and a < hi]

        selected = mine["event_id"] == event_id
        picked = on_page(mine[selected])
        if picked:
            st.caption("The selected event is marked in red, the article's other events in orange.")
        with st.container(height=420):
            st.markdown(markup.highlight(text[lo:hi], on_page(mine[~selected]), strong=picked))


def problems_ui(problems: list[str]) -> None:
    if problems:
        with st.expander(f"Skipped files and warnings ({len(problems)})"):
            for problem in problems:
                st.text(problem)


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def main() -> None:
    st.set_page_config(page_title="timeline", page_icon="🗓️", layout="wide")
    st.title("timeline")
    folder, store_path = startup_args()
    uploads, pasted = sources_ui()
    if store_path is not None:
        generation = store.generation(store_path)
        if generation is None:
            st.error(
                f"No events store at {store_path}: build one with `python -m timeline build CORPUS --store STORE`."
            )
            return
        try:
            data = build_from_store(str(store_path), generation, uploads, pasted)
        except (FileNotFoundError, store.StoreError) as exc:
            st.error(str(exc))
            return
    elif folder.is_dir():
        data = build(str(folder), fingerprint(folder), uploads, pasted)
    else:
        st.error(f"Corpus folder not found: {folder}")
        return
    engine = data.engine
    problems_ui(data.problems)
    if engine.total() == 0:
        st.info("No dated events in this corpus yet: add articles in the sidebar.")
        return
    restore_view(data)
    chosen = filters_ui(data)
    rows, n_events = engine.count(chosen)
    st.caption(f"{rows:,} of {engine.total():,} events · {n_events:,} distinct events{opened_on(engine, chosen)}")
    lane = lane_ui()
    if rows == 0:
        st.warning("No event matches these filters. Widen the date range, clear a filter, or reset.")
        share_ui(sync_url(View(chosen, lane)))
        return
    left, right = st.columns([5, 2], gap="medium")  # details beside the chart: a click shows them at once
    with right:
        event_id = event_ui(engine, chosen, n_events)
        if event_id:
            details_ui(engine, chosen, event_id)
        else:
            st.caption("Click a marker, or choose an event above, to see its sources here.")
    with left:
        chart_ui(engine, chosen, lane)
    table_ui(engine, chosen, rows)
    share_ui(sync_url(View(chosen, lane, event_id)))
    export_ui(engine, chosen, lane, n_events)
    reader_ui(engine, chosen, event_id)


def sync_url(view: View) -> View:
    """Keep the address bar equal to the view, so copying it shares exactly this."""
    st.query_params.from_dict(view.to_params())
    return view


if __name__ == "__main__":
    main()
