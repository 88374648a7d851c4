"""Filtering the events table, and the view state that a shared URL carries.

Every filter is declared once, in :data:`FILTERS`: its field of :class:`Filters`,
the dashboard widget and its session key, its URL query parameters, the rows it
keeps, and how it reads in a caption.  :func:`apply`, :func:`describe`,
:class:`View` (to and from URL parameters) and the dashboard's sidebar all walk
that one table.  Every filter is optional and they compose; a URL value that
cannot be used is ignored and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from timeline.schema import GRANULARITIES

__all__ = [
    "FILTERS",
    "LANES",
    "Filter",
    "Filters",
    "View",
    "apply",
    "describe",
    "source_names",
    "split_actors",
    "sql_where",
    "words_in",
    "words_sql",
]

LANES = ("category", "source", "actor")


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for; an empty field means "no restriction"."""

    start: dt.date | None = None
    end: dt.date | None = None
    categories: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""
    precision: str = "year"  # the least precise date still shown


def split_actors(values: Iterable[str]) -> list[str]:
    """Every actor named in the table, sorted."""
    return sorted({a.strip() for v in values if isinstance(v, str) for a in v.split(";") if a.strip()})


def source_names(events: pd.DataFrame) -> list[str]:
    """What the Source filter offers: every outlet, and the file of an article that has none (an upload)."""
    names = events["outlet"].fillna("").where(events["outlet"].fillna("") != "", events["source"])
    return sorted(set(names))


# --------------------------------------------------------------------------
# The filters, declared once
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """One filter: where its value lives, how it is asked for, shared, applied and described.

    ``fields`` are its fields of :class:`Filters` (the date range has two, and two URL parameters);
    ``widget`` is the kind of sidebar control: ``dates``, ``choice`` (several of ``options``),
    ``text`` or ``precision``.  ``keep`` selects its rows of a pandas table, ``sql`` gives the same
    condition (and its parameters) for the dashboard's engine.
    """

    fields: tuple[str, ...]
    widget: str
    key: str
    params: tuple[str, ...]
    label: str
    description: str
    keep: Callable[[pd.DataFrame, tuple], pd.Series]
    sql: Callable[[tuple], tuple[str, list]]
    words: Callable[[tuple], str]
    options: Callable[[pd.DataFrame], list[str]] | None = None
    options_sql: str = ""  # the same options as a query (one column) over the ``events`` table

    def value(self, f: Filters) -> tuple:
        return tuple(getattr(f, name) for name in self.fields)

    def active(self, f: Filters) -> bool:
        defaults = Filters()
        return self.value(f) != tuple(getattr(defaults, name) for name in self.fields)

    def to_params(self, f: Filters) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = {}
        for param, value in zip(self.params, self.value(f), strict=True):
            if self.widget == "choice":
                out[param] = list(value)
            elif isinstance(value, dt.date):
                out[param] = value.isoformat()
            else:
                out[param] = "" if value == getattr(Filters(), self.fields[0]) else value
        return {k: v for k, v in out.items() if v}

    def from_params(
        self,
        params: Mapping[str, str | list[str]],
        events: pd.DataFrame | None,
        notices: list[str],
        options: Callable[[Filter], list[str]] | None = None,
    ) -> dict:
        """This filter's fields as a URL gives them; what cannot be used is left out with a notice.

        ``options`` gives what a choice filter offers (the dashboard passes the ones it computed
        once); they are only looked at when the URL names a value."""
        if self.widget == "choice":
            raw = params.get(self.params[0], [])
            values = [raw] if isinstance(raw, str) else list(raw)
            if not values:
                return {self.fields[0]: ()}
            offered = options(self) if options else self.options(events) if self.options else []
            known = set(offered)
            notices.extend(f"ignored {self.params[0]}={v!r}: not in this corpus" for v in values if v not in known)
            return {self.fields[0]: tuple(v for v in values if v in known)}
        if self.widget == "dates":
            found = {}
            for param, name in zip(self.params, self.fields, strict=True):
                value = _one(params, param)
                if value:
                    try:
                        found[name] = dt.date.fromisoformat(value)
                    except ValueError:
                        notices.append(f"ignored {param}={value!r}: not a date (YYYY-MM-DD)")
            if found.get("start") and found.get("end") and found["start"] > found["end"]:
                notices.append("ignored the date range: it ends before it starts")
                return {}
            return found
        if self.widget == "precision":
            value = _one(params, self.params[0]) or "year"
            if value not in GRANULARITIES:
                notices.append(f"ignored {self.params[0]}={value!r}: use one of {', '.join(GRANULARITIES)}")
                return {}
            return {self.fields[0]: value}
        return {self.fields[0]: _one(params, self.params[0])[:200]}


def _one(params: Mapping[str, str | list[str]], key: str) -> str:
    raw = params.get(key, "")
    return raw[-1] if isinstance(raw, list) and raw else raw if isinstance(raw, str) else ""


def _in_range(frame: pd.DataFrame, value: tuple) -> pd.Series:
    start, end = value
    mask = pd.Series(True, index=frame.index)
    if start is not None:
        mask &= frame["date_end"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["date"] <= pd.Timestamp(end)
    return mask


def _names_any(frame: pd.DataFrame, value: tuple) -> pd.Series:
    pattern = "|".join(f"(?:^|; ){re.escape(a)}(?:;|$)" for a in value[0])
    return frame["actors"].str.contains(pattern, regex=True, na=False)


def _words_in(frame: pd.DataFrame, value: tuple) -> pd.Series:
    return words_in(frame, value[0])


def words_in(frame: pd.DataFrame, needle: str) -> pd.Series:
    """Rows whose headline, title or quote holds ``needle`` (any case): the search box and the event finder."""
    needle = needle.strip()
    if not needle:
        return pd.Series(True, index=frame.index)
    found = frame["title"].str.contains(needle, case=False, regex=False, na=False)
    if "headline" in frame:
        found |= frame["headline"].str.contains(needle, case=False, regex=False, na=False)
    return found | frame["quote"].str.contains(needle, case=False, regex=False, na=False)


def _precise_enough(frame: pd.DataFrame, value: tuple) -> pd.Series:
    return frame["granularity"].isin(_as_precise(value[0]))


def _as_precise(least: str) -> list[str]:
    return list(GRANULARITIES[: GRANULARITIES.index(least) + 1])


def _range_sql(value: tuple) -> tuple[str, list]:
    start, end = value
    clauses, params = ["TRUE"], []
    if start is not None:
        clauses.append("date_end >= ?")
        params.append(pd.Timestamp(start).to_pydatetime())
    if end is not None:
        clauses.append("date <= ?")
        params.append(pd.Timestamp(end).to_pydatetime())
    return " AND ".join(clauses), params


def sql_literal(text: str) -> str:
    """A string as an SQL literal (file names are not parameters in DuckDB's table functions and COPY)."""
    return "'" + text.replace("'", "''") + "'"


def words_sql(needle: str) -> tuple[str, list]:
    """:func:`words_in` as an SQL condition."""
    needle = needle.strip().lower()
    if not needle:
        return "TRUE", []
    columns = ("title", "headline", "quote")
    return " OR ".join(f"contains(lower(coalesce({c}, '')), ?)" for c in columns), [needle] * len(columns)


FILTERS: tuple[Filter, ...] = (
    Filter(
        ("start", "end"),
        "dates",
        "f_dates",
        ("from", "to"),
        "Date range",
        "events whose date span overlaps the range (a month event overlaps every day of its month)",
        _in_range,
        _range_sql,
        lambda v: f"{v[0] or '…'} to {v[1] or '…'}",
    ),
    Filter(
        ("categories",),
        "choice",
        "f_cat",
        ("cat",),
        "Category",
        "events of any of the chosen categories",
        lambda frame, v: frame["category"].isin(v[0]),
        lambda v: ("list_contains(?, category)", [list(v[0])]),
        lambda v: f"category: {', '.join(v[0])}",
        lambda events: sorted(events["category"].unique()),
        "SELECT DISTINCT category FROM events WHERE category IS NOT NULL",
    ),
    Filter(
        ("actors",),
        "choice",
        "f_actor",
        ("actor",),
        "Actor",
        "events naming any of the chosen actors (whole names)",
        _names_any,
        lambda v: ("list_has_any(string_split(coalesce(actors, ''), '; '), ?)", [list(v[0])]),
        lambda v: f"actor: {', '.join(v[0])}",
        lambda events: split_actors(events["actors"]),
        "SELECT DISTINCT trim(a) FROM (SELECT unnest(string_split(actors, ';')) AS a FROM events) WHERE trim(a) <> ''",
    ),
    Filter(
        ("sources",),
        "choice",
        "f_src",
        ("src",),
        "Source",
        "events reported by any of the chosen outlets (or uploaded files)",
        lambda frame, v: frame["outlet"].isin(v[0]) | frame["source"].isin(v[0]),
        lambda v: ("coalesce(list_contains(?, outlet), FALSE) OR list_contains(?, source)", [list(v[0])] * 2),
        lambda v: f"source: {', '.join(v[0])}",
        source_names,
        "SELECT DISTINCT coalesce(nullif(outlet, ''), source) FROM events",
    ),
    Filter(
        ("text",),
        "text",
        "f_q",
        ("q",),
        "Search headlines and quotes",
        "events whose headline, title or quote contains the words (any case)",
        _words_in,
        lambda v: words_sql(v[0]),
        lambda v: f"search: “{v[0].strip()}”",
    ),
    Filter(
        ("precision",),
        "precision",
        "f_prec",
        ("prec",),
        "Least precise date shown",
        "'day' keeps only events dated to the day; 'month' adds month-precise ones; 'year' shows all",
        _precise_enough,
        lambda v: ("list_contains(?, granularity)", [_as_precise(v[0])]),
        lambda v: f"dates at least {v[0]}-precise",
    ),
)
assert {name for spec in FILTERS for name in spec.fields} == {f.name for f in fields(Filters)}


def apply(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of ``frame`` that pass every filter in ``f``: the frame itself when no filter is set (a
    boolean selection of every row would copy the whole table on every rerun of the page)."""
    active = [spec for spec in FILTERS if spec.active(f)]
    if not active:
        return frame
    mask = pd.Series(True, index=frame.index)
    for spec in active:
        mask &= spec.keep(frame, spec.value(f))
    return frame[mask]


def sql_where(f: Filters) -> tuple[str, list]:
    """:func:`apply` as an SQL condition: every active filter's, and their parameters (the dashboard's engine)."""
    clauses, params = ["TRUE"], []
    for spec in FILTERS:
        if spec.active(f):
            clause, values = spec.sql(spec.value(f))
            clauses.append(f"({clause})")
            params += values
    return " AND ".join(clauses), params


def describe(f: Filters) -> str:
    """The active filters in words, for a caption under an exported chart."""
    parts = [spec.words(spec.value(f)) for spec in FILTERS if spec.active(f) and any(spec.value(f))]
    return "; ".join(parts) or "all events"


@dataclass(frozen=True)
class View:
    """Everything a shared link restores."""

    filters: Filters = field(default_factory=Filters)
    lane: str = "category"
    event: str | None = None

    def to_params(self) -> dict[str, str | list[str]]:
        """Query parameters for this view; defaults are left out so links stay short."""
        params: dict[str, str | list[str]] = {}
        for spec in FILTERS:
            params |= spec.to_params(self.filters)
        if self.lane != "category":
            params["lane"] = self.lane
        if self.event:
            params["event"] = self.event
        return params

    @classmethod
    def from_params(
        cls,
        params: Mapping[str, str | list[str]],
        events: pd.DataFrame | None,
        options: Callable[[Filter], list[str]] | None = None,
        is_event: Callable[[str], bool] | None = None,
    ) -> tuple[View, list[str]]:
        """The view a URL asks for, and a notice for every value that had to be ignored.

        ``options`` and ``is_event`` answer from an engine instead of the table ``events``."""
        notices: list[str] = []
        values: dict = {}
        for spec in FILTERS:
            values |= spec.from_params(params, events, notices, options)
        lane = _one(params, "lane") or "category"
        if lane not in LANES:
            notices.append(f"ignored lane={lane!r}: use one of {', '.join(LANES)}")
            lane = "category"
        event = _one(params, "event") or None
        known = is_event or (lambda e: bool((events["event_id"] == e).any()))
        if event is not None and not known(event):
            notices.append(f"ignored event={event!r}: no such event")
            event = None
        return cls(replace(Filters(), **values), lane, event), notices
