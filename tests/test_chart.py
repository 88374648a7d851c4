"""The figure: lanes, precision, sources, milestones, safety of article text in it."""

from __future__ import annotations

import pandas as pd

from timeline import chart


def _marker_traces(fig):
    """The traces that draw events (the legend's keys draw nothing and carry no data)."""
    return [t for t in fig.data if t.mode == "markers" and t.customdata is not None]


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
    legend = {t.name for t in fig.data if t.showlegend is not False and t.mode == "markers"}
    assert {"exact day", "month or year: bar over its span"} <= legend
    assert set(seed_events["category"]) <= legend


def test_markers_grow_with_sources_and_the_legend_says_so(seed_events):
    fig = chart.figure(seed_events, "category")
    sizes = {row[0]: size for t in _marker_traces(fig) for row, size in zip(t.customdata, t.marker.size, strict=True)}
    attack = seed_events[(seed_events["category"] == "attack") & (seed_events["date"] == "2023-10-07")]
    single = seed_events[seed_events["date"] == "2025-02-04"]
    assert sizes[attack["event_id"].iloc[0]] > sizes[single["event_id"].iloc[0]]
    assert "outlets reporting it" in fig.layout.legend.title.text


def test_lanes(seed_events):
    for lane, expected in (
        ("category", set(seed_events["category"])),
        ("source", set(seed_events["outlet"])),
    ):
        fig = chart.figure(seed_events, lane)
        assert {y for t in _marker_traces(fig) for y in t.y} == expected
    actor_lanes = {y for t in _marker_traces(chart.figure(seed_events, "actor")) for y in t.y}
    assert "Aharon Haliva" in actor_lanes


def test_one_colour_per_category_in_every_view(seed_events):
    colors = chart.category_colors()
    for lane in ("category", "source", "actor"):
        for trace in _marker_traces(chart.figure(seed_events, lane)):
            categories = {row[7] for row in trace.customdata}
            assert len(categories) == 1
            assert trace.marker.color == colors[categories.pop()]


def test_key_events_are_labelled_with_headlines(seed_events):
    fig = chart.figure(seed_events)
    track = [a for a in fig.layout.annotations if a.yref == "paper"]
    key = chart.milestones(seed_events)
    assert {"attack", "resignation", "refusal"} <= set(key["category"])
    colors = chart.category_colors()
    titles = dict(zip(key["headline"], key["category"], strict=True))
    assert len(track) >= 5
    for label in track:
        assert label.font.color == colors[titles[label.hovertext]]  # the full headline on hover
        assert label.hovertext.startswith(label.text.rstrip("…"))


def test_label_rows_never_overlap():
    xs = [0.1, 0.12, 0.14, 0.5, 0.52, 0.9, 0.11, 0.13, 0.02, 0.99]
    texts = ["A headline of some twenty chars"] * len(xs)
    places = chart.label_rows(xs, texts, rows=3, plot_px=300)
    boxes = []
    for x, place in zip(xs, places, strict=True):
        if place is None:
            continue
        row, anchor, text = place
        width = (chart.LABEL_PX * len(text) + 8) / 300
        lo = {"left": x, "right": x - width, "center": x - width / 2}[anchor]
        assert lo >= 0 and lo + width <= 1  # inside the plot
        boxes.append((row, lo, lo + width))
    for i, (r1, a1, b1) in enumerate(boxes):
        for r2, a2, b2 in boxes[i + 1 :]:
            assert r1 != r2 or b1 <= a2 or b2 <= a1
    assert places[0] is not None and None in places  # the first (most important) always placed; no room for all


def test_a_label_is_shortened_to_find_room():
    places = chart.label_rows([0.1, 0.9], ["Twenty characters ok"] * 2, rows=1, plot_px=300)
    assert places[0] == (0, "left", "Twenty characters ok")
    assert places[1][0] == 0 and places[1][2].endswith("…")


def test_the_figure_keeps_its_own_template_inside_streamlit(seed_events):
    import plotly.io as pio
    import streamlit  # noqa: F401 - as in the app: its template becomes plotly's default

    assert pio.templates.default == "streamlit"
    fig = chart.figure(seed_events)
    assert fig.layout.template.layout.paper_bgcolor is not None  # a full template, not Streamlit's
    assert fig.layout.xaxis.automargin and fig.layout.xaxis.tickangle == 0
    assert not fig.layout.yaxis.showticklabels  # lane names stand inside the plot: no margin to cut them
    lane_names = {a.text for a in fig.layout.annotations if a.yref == "y"}
    assert lane_names == {f"<b>{c}</b>" for c in seed_events["category"].unique()}
    assert fig.layout.uirevision == "category"


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
        [
            seed_events.assign(event_id=seed_events["event_id"] + f"-{i}")
            for i in range(chart.AGGREGATE_ABOVE // seed_events["event_id"].nunique() + 1)
        ]
    )
    assert many["event_id"].nunique() > chart.AGGREGATE_ABOVE
    fig = chart.figure(many, "category")
    assert [t.type for t in fig.data] == ["scatter"]
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
    outlined = []
    for trace in _marker_traces(fig):
        ids = [row[0] for row in trace.customdata]
        for event_id, outline in zip(ids, trace.marker.line.color, strict=True):
            if outline == chart.SELECTED_OUTLINE:
                outlined.append(event_id)
    assert outlined == [selected]


def test_an_event_on_the_day_of_a_more_reported_one_is_labelled_last():
    candidates = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-10-07", "2023-10-07", "2024-03-01", "2024-04-22"]),
            "category": ["attack", "resignation", "resignation", "ceasefire"],
            "n_sources": [4, 1, 1, 2],
            "headline": ["Attack", "A resigns the same day", "B resigns", "Ceasefire"],
        }
    )
    assert list(chart.choose_milestones(candidates, limit=3)["headline"]) == ["Attack", "B resigns", "Ceasefire"]
    assert len(chart.choose_milestones(candidates, limit=4)) == 4  # with room, it is labelled too


def test_each_story_category_gets_its_label_room_before_a_second_event_of_another():
    chosen = pd.DataFrame(
        {
            "category": ["attack", "resignation", "resignation", "refusal", "negotiation"],
            "n_sources": [10, 8, 6, 3, 1],
            "headline": ["Attack", "A resigns", "B resigns", "Letter", "Talks"],
        }
    )
    order = chart.label_order(chosen)
    assert list(chosen.loc[order, "headline"]) == ["Attack", "A resigns", "Letter", "B resigns", "Talks"]


def test_the_chart_opens_on_the_story_when_a_few_events_lie_far_from_it(seed_events):
    """A biography's "born in 1943" beside a year of news: the first view is the news; the seeds open whole."""
    assert "range" not in chart.figure(seed_events).layout.xaxis.to_plotly_json()
    born = seed_events.iloc[[0]].assign(
        event_id="born",
        date=pd.Timestamp("1943-01-01"),
        date_end=pd.Timestamp("1943-12-31"),
        granularity="year",
        category="other",
    )
    events = pd.concat([seed_events, born], ignore_index=True)
    shown = [pd.Timestamp(x) for x in chart.figure(events).layout.xaxis.range]
    story = seed_events[seed_events["category"] != "other"]
    assert shown[0] > pd.Timestamp("2020-01-01") and shown[0] <= story["date"].min()
    assert shown[1] >= story["date_end"].max()
    assert chart.figure(events, focus=False).layout.xaxis.range is None


def test_the_engine_opens_on_the_story_unless_a_period_is_picked(seed_events):
    from timeline.engine import Engine
    from timeline.filters import Filters

    born = seed_events.iloc[[0]].assign(
        event_id="born", date=pd.Timestamp("1943-01-01"), date_end=pd.Timestamp("1943-12-31"), granularity="year"
    )
    engine = Engine.of_frame(pd.concat([seed_events, born], ignore_index=True))
    assert engine.figure(Filters(), "category").layout.xaxis.range is not None
    picked = Filters(start=pd.Timestamp("1940-01-01").date())
    assert engine.figure(picked, "category").layout.xaxis.range is None
