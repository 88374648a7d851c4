"""The dashboard, driven headless by Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from timeline.filters import Filters

TIMEOUT = 60


def open_app(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    return open_app()


def count(at: AppTest) -> int:
    caption = next(c.value for c in at.caption if " of " in c.value and "events" in c.value)
    return int(caption.split(" of ")[0].replace(",", ""))


def test_opens_on_the_seeds(app, seed_events):
    assert count(app) == len(seed_events)
    assert app.get("plotly_chart")
    assert app.dataframe
    assert not app.warning


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("f_cat", ["refusal"], lambda e: e["category"] == "refusal"),
        ("f_actor", ["Aharon Haliva"], lambda e: e["actors"].str.contains("Aharon Haliva")),
        ("f_src", ["Mint"], lambda e: e["outlet"] == "Mint"),
        ("f_q", "probe", lambda e: e["quote"].str.contains("probe", case=False)),
        ("f_prec", "day", lambda e: e["granularity"] == "day"),
        (
            "f_dates",
            (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
            lambda e: (e["date_end"] >= "2025-01-01") & (e["date"] <= "2025-12-31"),
        ),
    ],
)
def test_each_filter_changes_the_rows(app, seed_events, key, value, expected):
    widget = next(w for w in app.sidebar if getattr(w, "key", None) == key)
    widget.set_value(value).run()
    assert not app.exception
    assert count(app) == int(expected(seed_events).sum()) < len(seed_events)


def test_filters_compose_and_reset(app, seed_events):
    app.multiselect(key="f_cat").set_value(["attack", "resignation"]).run()
    app.select_slider(key="f_prec").set_value("day").run()
    both = seed_events["category"].isin(["attack", "resignation"]) & (seed_events["granularity"] == "day")
    assert count(app) == int(both.sum())
    next(b for b in app.sidebar.button if b.label == "Reset filters").click().run()
    assert count(app) == len(seed_events)


def test_empty_result_says_so(app):
    app.text_input(key="f_q").input("no such words anywhere").run()
    assert any("No event matches" in w.value for w in app.warning)
    assert not app.get("plotly_chart")


def test_query_parameters_restore_a_view(seed_events):
    at = open_app(cat=["resignation"], lane="source", prec="day", q="resign")
    assert at.multiselect(key="f_cat").value == ["resignation"]
    assert at.radio(key="lane").value == "source"
    assert at.text_input(key="f_q").value == "resign"
    expected = (seed_events["category"] == "resignation") & (seed_events["granularity"] == "day")
    expected &= seed_events["title"].str.contains("resign", case=False) | seed_events["quote"].str.contains(
        "resign", case=False
    )
    assert count(at) == int(expected.sum())
    assert at.query_params["cat"] in ("resignation", ["resignation"])


def test_garbage_query_parameters_are_ignored_with_a_notice(seed_events):
    at = open_app(cat=["<script>"], lane="sideways", prec="hour", **{"from": "yesterday"}, event="nope")
    assert count(at) == len(seed_events)
    assert any("ignored" in t.value for t in at.toast)


def test_selected_event_shows_every_source(seed_events):
    first = seed_events[(seed_events["category"] == "attack") & (seed_events["date"] == "2023-10-07")].iloc[0]
    mentions = seed_events[seed_events["event_id"] == first["event_id"]]
    at = open_app(event=first["event_id"])
    assert at.selectbox(key="event").value == first["event_id"]
    assert len([b for b in at.get("link_button") if b.proto.label == "Open the article"]) == len(mentions)
    assert at.query_params["event"] == first["event_id"]


def test_upload_adds_events_and_a_bad_upload_is_reported(seed_events):
    at = open_app()
    # AppTest cannot drive a file uploader; the cached builder is what the uploader feeds.
    from app import build

    uploads = (
        ("extra.txt", b"The minister resigned on June 5, 2023, after the vote."),
        ("broken.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("sources.csv", b"file,outlet,title,url,published\nextra.txt,Wire,Extra,javascript:alert(1),2023-06-06\n"),
    )
    data = build(str(ROOT / "seeds"), (), uploads, ())
    events, problems = data.engine.rows(Filters()), data.problems
    assert len(events) == len(seed_events) + 1
    added = events[events["source"] == "extra"].iloc[0]
    assert (added["date"], added["outlet"]) == (pd.Timestamp("2023-06-05"), "Wire")
    assert any(p.startswith("broken.txt: binary") for p in problems)
    assert data.engine.article("extra")["title"] == "Extra"
    assert not at.exception


def test_pasted_article_joins_the_timeline(seed_events):
    at = open_app()
    at.session_state["pasted"] = [
        ("Talks resumed on Monday in Cairo.", (("url", "https://example.org/x"), ("published", "2025-02-10")))
    ]
    at.run()
    assert count(at) == len(seed_events) + 1


def test_pasted_html_and_markdown_are_shown_as_text(seed_events):
    at = open_app()
    text = "<script>alert(1)</script> **Talks** [resumed](javascript:x) on Monday."
    at.session_state["pasted"] = [(text, (("published", "2025-02-10"),))]
    at.run()
    from app import build

    events = build(str(ROOT / "seeds"), (), (), ((text, (("published", "2025-02-10"),)),)).engine.rows(Filters())
    event_id = events.loc[events["source"] == "pasted-1", "event_id"].iloc[0]
    at.selectbox(key="event").set_value(event_id).run()
    shown = [m.value for m in at.markdown]
    assert any("\\<script\\>" in m for m in shown)
    assert not any("<script>" in m or "](javascript" in m for m in shown)


def test_upload_over_the_size_limit_is_refused_with_a_message():
    from app import build
    from timeline.corpus import MAX_BYTES

    data = build(str(ROOT / "seeds"), (), (("big.txt", b"a " * (MAX_BYTES // 2 + 1)),), ())
    events, problems = data.engine.rows(Filters()), data.problems
    assert any(p.startswith("big.txt: too large") for p in problems)
    assert "big" not in set(events["source"])


def test_opens_on_a_store(tmp_path, monkeypatch, seed_events):
    from timeline import store

    store.build(ROOT / "seeds", tmp_path / "store", jobs=1)
    monkeypatch.setattr("sys.argv", ["app.py", "--store", str(tmp_path / "store")])
    at = open_app()
    assert count(at) == len(seed_events)
    at.selectbox(key="event").set_value(seed_events["event_id"].iloc[0]).run()
    assert not at.exception


def test_missing_store_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.argv", ["app.py", "--store", str(tmp_path / "nowhere")])
    at = open_app()
    assert any("No events store" in e.value for e in at.error)


def test_big_tables_are_paged(tmp_path, monkeypatch):
    from app import PAGE
    from timeline.synthetic import write_corpus

    folder = write_corpus(tmp_path / "corpus", 120, seed=1)
    monkeypatch.setattr("sys.argv", ["app.py", "--corpus", str(folder)])
    at = open_app()
    total = count(at)
    assert total > PAGE
    assert len(at.dataframe[0].value) == PAGE
    at.number_input(key="page").set_value(2).run()
    assert len(at.dataframe[0].value) == min(PAGE, total - PAGE)


def test_pasted_text_over_the_limit_is_refused_with_a_message():
    from app import build
    from timeline.corpus import MAX_BYTES

    big = "It happened on June 5, 2023. " * (MAX_BYTES // 29 + 1)
    data = build(str(ROOT / "seeds"), (), (), ((big, ()),))
    events, problems = data.engine.rows(Filters()), data.problems
    assert any(p.startswith("pasted-1.txt: too large") for p in problems)
    assert "pasted-1" not in set(events["source"])


def test_reader_shows_a_long_article_a_part_at_a_time():
    from app import READER_PART, build

    text = "Nothing happened here today at all.\n" * 3000 + "The minister resigned on June 5, 2023.\n"
    pasted = ((text, (("published", "2023-06-06"),)),)
    events = build(str(ROOT / "seeds"), (), (), pasted).engine.rows(Filters())
    event_id = events.loc[events["source"] == "pasted-1", "event_id"].iloc[0]
    at = open_app()
    at.session_state["pasted"] = list(pasted)
    at.run()
    at.selectbox(key="event").set_value(event_id).run()
    assert not at.exception
    assert all(len(m.value) < 2 * READER_PART for m in at.markdown)
    shown = [m.value for m in at.markdown if "orange-background" in m.value and "resigned" in m.value]
    assert shown, "the reader opens on the part that holds the selected event"
    parts = [s for s in at.selectbox if s.label == "Part"]
    assert parts and parts[0].value == len(markup_pages(text)) - 1


def markup_pages(text: str) -> list:
    from app import READER_PART
    from timeline.markup import pages

    return pages(text, READER_PART)


def test_article_text_never_becomes_a_link():
    from timeline.markup import escape

    out = escape("See https://evil.example/x, www.evil.example or me@evil.example")
    for linkable in ("https://", "www.", "me@evil"):
        assert linkable not in out.replace("\\", "")


def test_the_sidebar_has_one_widget_per_declared_filter(app):
    from timeline.filters import FILTERS

    keys = {getattr(w, "key", None) for w in app.sidebar}
    assert {spec.key for spec in FILTERS} <= keys


def test_the_page_says_what_the_charts_first_view_leaves_out(seed_events):
    at = open_app()
    caption = next(c.value for c in at.caption if " of " in c.value and "events" in c.value)
    assert "the chart shows" not in caption  # the seeds open whole
    at.session_state["pasted"] = [
        ("The author was born in Haifa in 1943.", (("url", "https://example.org/b"), ("published", "2025-02-10")))
    ]
    at.run()
    caption = next(c.value for c in at.caption if " of " in c.value and "events" in c.value)
    assert "the chart shows Oct 2023 to" in caption and "1 event lies outside it" in caption
