"""The dashboard's engine (DuckDB) answers as the pandas table would: same rows, counts, chart and labels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline import chart, store
from timeline.corpus import load_corpus
from timeline.engine import Engine
from timeline.events import extract
from timeline.filters import FILTERS, Filters, apply, split_actors
from timeline.synthetic import write_corpus


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A generated corpus of 150 articles (over a thousand mentions, dozens of actors) and its events."""
    folder = write_corpus(tmp_path_factory.mktemp("engine") / "corpus", 150, seed=3)
    articles, _ = load_corpus(folder)
    return folder, extract(articles)


def views(events: pd.DataFrame) -> list[Filters]:
    """Every filter on its own and a few together, with values taken from the table."""
    actors = split_actors(events["actors"])
    outlets = sorted(set(events["outlet"].dropna()) - {""})
    middle = events["date"].sort_values().iloc[len(events) // 2].date()
    return [
        Filters(),
        Filters(start=middle),
        Filters(end=middle),
        Filters(start=middle - dt.timedelta(days=60), end=middle),
        Filters(categories=tuple(sorted(set(events["category"])))[:2]),
        Filters(actors=tuple(actors[:3])),
        Filters(sources=tuple(outlets[:1]) + tuple(events["source"].iloc[:1])),
        Filters(text="resign"),
        Filters(text="  TALKS "),
        Filters(precision="day"),
        Filters(precision="month"),
        Filters(start=middle, categories=tuple(sorted(set(events["category"])))[:3], precision="day", text="the"),
    ]


def test_every_filter_keeps_the_rows_pandas_keeps(seed_events, synthetic):
    assert all(callable(spec.sql) for spec in FILTERS)
    for events in (seed_events, synthetic[1]):
        engine = Engine.of_frame(events)
        for f in views(events):
            expected = apply(events, f).reset_index(drop=True)
            got = engine.rows(f)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False)
            assert engine.count(f) == (len(expected), expected["event_id"].nunique())


def test_options_span_and_lookups_match_the_table(synthetic):
    events = synthetic[1]
    engine = Engine.of_frame(events)
    for spec in FILTERS:
        if spec.options:
            assert engine.options(spec) == spec.options(events), spec.key
    assert engine.span() == (events["date"].min(), events["date_end"].max())
    first = events["event_id"].iloc[0]
    pd.testing.assert_frame_equal(
        engine.event(first), events[events["event_id"] == first].reset_index(drop=True), check_dtype=False
    )
    assert engine.has_event(first) and not engine.has_event("no-such-event")
    page = engine.rows(Filters(), columns=["event_id", "date"], limit=10, offset=5)
    assert list(page["event_id"]) == list(events["event_id"].iloc[5:15])


@pytest.mark.parametrize("lane", ["category", "source", "actor"])
def test_weekly_counts_and_labels_are_those_of_the_pandas_chart(synthetic, lane, monkeypatch):
    events = synthetic[1]
    engine = Engine.of_frame(events)
    for f in (Filters(), Filters(precision="day")):
        shown = apply(events, f)
        laned = chart._cap_lanes(chart._lanes(shown, lane))
        expected = chart.weekly_counts(laned).sort_values(["lane", "date"]).reset_index(drop=True)
        got = engine.weekly(f, lane).sort_values(["lane", "date"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        labelled = chart.choose_milestones(engine.milestone_candidates(f))
        assert list(labelled["event_id"]) == list(chart.milestones(shown)["event_id"])
        assert list(labelled["headline"]) == list(chart.milestones(shown)["headline"])
    # each event, and beyond AGGREGATE_ABOVE weekly counts: the engine draws the very chart pandas draws
    for f in (Filters(), Filters(precision="day")):
        assert engine.figure(f, lane).to_json() == chart.figure(apply(events, f), lane).to_json()
    monkeypatch.setattr(chart, "AGGREGATE_ABOVE", 10)
    assert Engine.of_frame(events).figure(Filters(), lane).to_json() == chart.figure(events, lane).to_json()


def test_lanes_beyond_the_cap_are_put_together(synthetic, monkeypatch):
    events = synthetic[1]
    monkeypatch.setattr(chart, "MAX_LANES", 5)
    got = Engine.of_frame(events).weekly(Filters(), "source")
    assert got["lane"].nunique() == 5
    assert got["lane"].str.startswith("(the other ").any()
    laned = chart._cap_lanes(chart._lanes(events, "source"))
    assert got["n"].sum() == len(laned.drop_duplicates(["lane", "event_id"]))


def test_a_store_is_queried_where_it_lies_and_answers_as_extract(synthetic, tmp_path):
    folder, events = synthetic
    store.build(folder, tmp_path / "store", jobs=1, chunk_size=20)
    snapshot = store.committed(tmp_path / "store")
    assert len(snapshot.events) == 1  # the parts, one per chunk, copied into one file in the table's order
    parts = sorted((tmp_path / "store").glob("events.*/*.parquet"))
    assert len(parts) > 1  # what a store of an earlier version is read from
    for files in (snapshot.events, parts):
        engine = Engine.of_store(files, snapshot.articles)
        for f in views(events):
            expected = apply(events, f).reset_index(drop=True)
            pd.testing.assert_frame_equal(engine.rows(f), expected, check_dtype=False)
    source = events["source"].iloc[0]
    article = engine.article(source)
    assert article["path"].endswith(f"{source}.txt") and engine.article("nowhere") is None


def test_a_stores_engine_adds_this_sessions_uploads(synthetic, tmp_path, seed_events):
    folder, events = synthetic
    store.build(folder, tmp_path / "store", jobs=1)
    snapshot = store.committed(tmp_path / "store")
    texts = {s: {"text": "…", "title": "t", "outlet": "", "url": ""} for s in seed_events["source"]}
    engine = Engine.of_store(snapshot.events, snapshot.articles, seed_events, texts)
    assert engine.total() == len(events) + len(seed_events)
    assert engine.article(seed_events["source"].iloc[0])["text"] == "…"
    assert engine.count(Filters(sources=tuple(seed_events["source"].iloc[:1]))) > (0, 0)


def test_an_empty_table_answers_with_nothing():
    engine = Engine.of_frame(pd.DataFrame())
    assert engine.total() == 0 and engine.rows(Filters()).empty


def test_event_summaries_are_those_of_per_event(synthetic):
    events = synthetic[1]
    engine = Engine.of_frame(events)
    columns = ["event_id", "date", "date_end", "granularity", "category", "headline"]
    expected = chart.per_event(events)[columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(engine.summaries(Filters(), limit=10_000), expected, check_dtype=False)
    found = engine.summaries(Filters(), "resign", limit=5)
    assert 0 < len(found) <= 5
    assert found["event_id"].isin(events.loc[words(events, "resign"), "event_id"]).all()
    last = expected["event_id"].iloc[-1]
    assert engine.summaries(Filters(), limit=0, include=last)["event_id"].tolist() == [last]
    assert engine.reports(last) == (events["event_id"] == last).sum()
    assert len(engine.event(last, limit=1)) == 1


def words(events: pd.DataFrame, needle: str) -> pd.Series:
    from timeline.filters import words_in

    return words_in(events, needle)
