"""timeline dashboard: Streamlit wiring only; everything else lives in the timeline package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

import timeline
from timeline import chart, filters
from timeline.export import to_bytes
from timeline.schema import GRANULARITIES

DEFAULT_CORPUS = Path(__file__).parent / "seeds"


def corpus_path() -> Path:
    """The folder given as ``streamlit run app.py -- --corpus PATH``, else the sample corpus."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.corpus)


def _fingerprint(folder: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.glob("*") if p.is_file()))


@st.cache_data(show_spinner="Reading articles…")
def load_corpus(folder: str, fingerprint: tuple) -> tuple[pd.DataFrame, list[str]]:
    """Parse once per corpus state: the fingerprint changes when a file does."""
    corpus = timeline.load(folder)
    return corpus.events, [str(p) for p in corpus.problems]


def filters_ui(events: pd.DataFrame) -> filters.Filters:
    st.sidebar.header("Filters")
    lo, hi = events["date"].min().date(), events["date_end"].max().date()
    dates = st.sidebar.date_input("Date range", value=(lo, hi), min_value=lo, max_value=hi)
    start, end = (*dates, None, None)[:2] if isinstance(dates, tuple) else (dates, None)
    categories = st.sidebar.multiselect("Category", sorted(events["category"].unique()))
    actors = st.sidebar.multiselect("Actor", filters.split_actors(events["actors"]))
    sources = st.sidebar.multiselect("Source", sorted(x for x in events["outlet"].unique() if x))
    text = st.sidebar.text_input("Search titles and quotes")
    precision = st.sidebar.select_slider(
        "Least precise date shown", options=list(GRANULARITIES), value=GRANULARITIES[-1]
    )
    return filters.Filters(start, end, tuple(categories), tuple(actors), tuple(sources), text, precision)


def lane_ui() -> str:
    return st.radio("Lanes", chart.LANES, horizontal=True, format_func=str.capitalize)


def chart_ui(events: pd.DataFrame, lane: str) -> None:
    fig = chart.figure(events, lane)
    st.plotly_chart(
        fig,
        use_container_width=True,
        config={"toImageButtonOptions": {"format": "png", "filename": "timeline", "scale": 3}},
    )


def table_ui(events: pd.DataFrame) -> None:
    shown = events.assign(link=events["url"].where(events["url"].str.match(r"(?i)^https?://", na=False)))
    st.dataframe(
        shown[["date", "granularity", "date_text", "title", "category", "actors", "outlet", "link"]],
        hide_index=True,
        use_container_width=True,
        column_config={
            "date": st.column_config.DateColumn("Date"),
            "link": st.column_config.LinkColumn("Source", display_text="open article"),
        },
    )


def downloads_ui(events: pd.DataFrame) -> None:
    left, right = st.columns(2)
    left.download_button("Download CSV", to_bytes(events, "csv"), "timeline-events.csv", "text/csv")
    right.download_button("Download JSON", to_bytes(events, "json"), "timeline-events.json", "application/json")


def problems_ui(problems: list[str]) -> None:
    if problems:
        with st.expander(f"Skipped files and warnings ({len(problems)})"):
            for problem in problems:
                st.text(problem)


def main() -> None:
    st.set_page_config(page_title="timeline", layout="wide")
    st.title("timeline")
    folder = corpus_path()
    if not folder.is_dir():
        st.error(f"Corpus folder not found: {folder}")
        return
    events, problems = load_corpus(str(folder), _fingerprint(folder))
    problems_ui(problems)
    if events.empty:
        st.info("No dated events in this corpus.")
        return
    chosen = filters_ui(events)
    shown = filters.apply(events, chosen)
    st.caption(f"{len(shown)} of {len(events)} events · {shown['event_id'].nunique()} distinct events")
    if shown.empty:
        st.warning("No event matches these filters.")
        return
    lane = lane_ui()
    chart_ui(shown, lane)
    table_ui(shown)
    downloads_ui(shown)


if __name__ == "__main__":
    main()
