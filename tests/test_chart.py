"""The figure: lanes, precision, sources, milestones, safety of article text in it."""

from __future__ import annotations

import pandas as pd

from timeline import chart


def _marker_traces(fig):
    return [t for t in fig.data if t.mode == "markers"]


def test_one_marker_per_event(seed_events):
    fig = chart.figure(seed_events, "category")
    ids = [row[0] for t in _marker_traces(fig) for row in t.customdata]
    assert sorted(ids) == sorted(seed_events["event_id"].unique())


def test_month_events_are_spans_not_days(seed_events):
    fig = chart.figure(seed_events, "category")
    span_x = [x for t in fig.data if t.mode == "lines" for x in t.x if x is not None]
    june = seed_events[(seed_events["granularity"] == "month") & (seed_events["date"] == "2024-06-01")].iloc[0]
    assert pd.Timestamp(june["date"]) in span_x
    assert pd.Timestamp("2024-07-01") in span_x  # the bar runs to the end of June
    legend = {t.name for t in _marker_traces(fig)}
    assert legend == {"exact day", "month or year (bar: its span)"}


def test_markers_grow_with_sources(seed_events):
    fig = chart.figure(seed_events, "category")
    day = next(t for t in _marker_traces(fig) if t.name == "exact day")
    sizes = dict(zip((row[0] for row in day.customdata), day.marker.size, strict=True))
    attack = seed_events[(seed_events["category"] == "attack") & (seed_events["date"] == "2023-10-07")]
    single = seed_events[seed_events["date"] == "2025-02-04"]
    assert sizes[attack["event_id"].iloc[0]] > sizes[single["event_id"].iloc[0]]


def test_lanes(seed_events):
    for lane, expected in (
        ("category", set(seed_events["category"])),
        ("source", set(seed_events["outlet"])),
    ):
        fig = chart.figure(seed_events, lane)
        assert {y for t in _marker_traces(fig) for y in t.y} == expected
    actor_lanes = {y for t in _marker_traces(chart.figure(seed_events, "actor")) for y in t.y}
    assert "Aharon Haliva" in actor_lanes


def test_key_events_are_labelled(seed_events):
    labels = [a.text for a in chart.figure(seed_events).layout.annotations]
    assert any(label.startswith("Attack:") for label in labels)
    assert any(label.startswith("Resignation:") for label in labels)


def test_article_text_cannot_inject_markup(seed_events):
    evil = seed_events.head(1).assign(title='<a href="javascript:alert(1)">x</a>', category="attack")
    fig = chart.figure(evil)
    texts = [str(row[1]) for t in _marker_traces(fig) for row in t.customdata]
    texts += [a.text for a in fig.layout.annotations]
    assert all("<a" not in t for t in texts)


def test_report_figure_has_title_filters_and_sources(seed_events):
    fig = chart.report_figure(seed_events, "category", "Timeline", "category: attack")
    caption = fig.layout.annotations[-1].text
    assert fig.layout.title.text == "Timeline"
    assert "category: attack" in caption and "Mint" in caption


def test_empty_frame_gives_an_empty_figure(seed_events):
    assert not chart.figure(seed_events.iloc[0:0]).data


def test_many_events_are_drawn_as_weekly_counts(seed_events):
    many = pd.concat(
        [seed_events.assign(event_id=seed_events["event_id"] + f"-{i}") for i in range(chart.AGGREGATE_ABOVE // 15)]
    )
    assert many["event_id"].nunique() > chart.AGGREGATE_ABOVE
    fig = chart.figure(many, "category")
    assert [t.type for t in fig.data] == ["scattergl"]
    assert "weekly counts" in fig.data[0].name
    assert sum(fig.data[0].customdata[:, 0]) == many["event_id"].nunique()


def test_lanes_are_capped(seed_events):
    many_actors = seed_events.assign(actors=[f"Person {i}" for i in range(len(seed_events))])
    many_actors = pd.concat([many_actors.assign(actors=many_actors["actors"] + f" {k}") for k in range(2)])
    lanes = {y for t in chart.figure(many_actors, "actor").data for y in t.y if y}
    assert len(lanes) == chart.MAX_LANES
    assert any(lane.startswith("(the other") for lane in lanes)


def test_selected_event_is_outlined_and_others_keep_their_colour(seed_events):
    selected = seed_events["event_id"].iloc[0]
    fig = chart.figure(seed_events, "category", selected=selected)
    for trace in _marker_traces(fig):
        ids = [row[0] for row in trace.customdata]
        fill = list(trace.marker.color)
        outline = list(trace.marker.line.color)
        for event_id, f, o in zip(ids, fill, outline, strict=True):
            assert o == (0 if event_id == selected else f + 1)  # index into OUTLINE_SCALE
    assert chart.OUTLINE_SCALE[0][1] == chart.SELECTED_OUTLINE
    assert chart.OUTLINE_SCALE[2][1] == chart.PALETTE[0]
