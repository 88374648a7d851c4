"""Filters and the shareable view."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import filters
from timeline.filters import Filters, View


def test_filters_compose(seed_events):
    f = Filters(categories=("attack",), sources=("Mint",), start=dt.date(2023, 10, 1))
    shown = filters.apply(seed_events, f)
    assert len(shown) > 0
    assert set(shown["category"]) == {"attack"} and set(shown["outlet"]) == {"Mint"}


def test_date_range_keeps_overlapping_spans(seed_events):
    shown = filters.apply(seed_events, Filters(start=dt.date(2024, 6, 15), end=dt.date(2024, 6, 20)))
    assert list(shown["granularity"]) == ["month"]  # "in June" overlaps mid-June


def test_actor_filter_matches_whole_names(seed_events):
    shown = filters.apply(seed_events, Filters(actors=("IDF",)))
    assert all("IDF" in a.split("; ") for a in shown["actors"])


@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_precision(seed_events, precision):
    shown = filters.apply(seed_events, Filters(precision=precision))
    allowed = {"day": {"day"}, "month": {"day", "month"}, "year": {"day", "month", "year"}}[precision]
    assert set(shown["granularity"]) <= allowed


def test_view_round_trips_through_params(seed_events):
    view = View(Filters(dt.date(2024, 1, 1), None, ("attack",), ("IDF",), ("Mint",), "probe", "month"), "actor", None)
    params = view.to_params()
    assert params == {
        "from": "2024-01-01",
        "cat": ["attack"],
        "actor": ["IDF"],
        "src": ["Mint"],
        "q": "probe",
        "prec": "month",
        "lane": "actor",
    }
    again, notices = View.from_params(params, seed_events)
    assert (again, notices) == (view, [])


def test_garbage_params_are_ignored_with_notices(seed_events):
    view, notices = View.from_params(
        {"from": "2024-13-45", "to": "x", "cat": ["nope"], "prec": "hour", "lane": "up", "event": "zz"}, seed_events
    )
    assert view == View()
    assert len(notices) == 6


def test_describe():
    assert filters.describe(Filters()) == "all events"
    assert "category: attack" in filters.describe(Filters(categories=("attack",)))


def test_every_filter_is_declared_once(seed_events):
    """One table drives apply, describe and the URL: each entry round-trips on its own."""
    samples = {
        "start": dt.date(2024, 1, 1),
        "end": dt.date(2024, 12, 31),
        "categories": ("attack",),
        "actors": ("IDF",),
        "sources": ("Mint",),
        "text": "probe",
        "precision": "day",
    }
    assert {name for spec in filters.FILTERS for name in spec.fields} == set(samples)
    for spec in filters.FILTERS:
        f = Filters(**{name: samples[name] for name in spec.fields})
        assert spec.active(f) and spec.description and spec.label
        assert set(spec.to_params(f)) <= set(spec.params)
        again, notices = View.from_params(View(f).to_params(), seed_events)
        assert (again.filters, notices) == (f, [])
        assert spec.words(spec.value(f)) in filters.describe(f)
        assert len(filters.apply(seed_events, f)) < len(seed_events)
