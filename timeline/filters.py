"""Filtering the events table, and the view state that a shared URL carries.

Every filter is optional and they compose.  :class:`View` is what the
dashboard shows (filters, lane, selected event); it turns into URL query
parameters and back, ignoring (and reporting) values it cannot use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from timeline.schema import GRANULARITIES

__all__ = ["LANES", "Filters", "View", "apply", "describe", "source_names", "split_actors"]

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


@dataclass(frozen=True)
class View:
    """Everything a shared link restores."""

    filters: Filters = field(default_factory=Filters)
    lane: str = "category"
    event: str | None = None

    def to_params(self) -> dict[str, str | list[str]]:
        """Query parameters for this view; defaults are left out so links stay short."""
        f = self.filters
        params: dict[str, str | list[str]] = {
            "from": f.start.isoformat() if f.start else "",
            "to": f.end.isoformat() if f.end else "",
            "cat": list(f.categories),
            "actor": list(f.actors),
            "src": list(f.sources),
            "q": f.text,
            "prec": "" if f.precision == "year" else f.precision,
            "lane": "" if self.lane == "category" else self.lane,
            "event": self.event or "",
        }
        return {k: v for k, v in params.items() if v}

    @classmethod
    def from_params(cls, params: Mapping[str, str | list[str]], events: pd.DataFrame) -> tuple[View, list[str]]:
        """The view a URL asks for, and a notice for every value that had to be ignored."""
        notices: list[str] = []

        def many(key: str, known: Iterable[str]) -> tuple[str, ...]:
            raw = params.get(key, [])
            values = [raw] if isinstance(raw, str) else list(raw)
            known = set(known)
            kept = tuple(v for v in values if v in known)
            notices.extend(f"ignored {key}={v!r}: not in this corpus" for v in values if v not in known)
            return kept

        def one(key: str) -> str:
            raw = params.get(key, "")
            return raw[-1] if isinstance(raw, list) and raw else raw if isinstance(raw, str) else ""

        def day(key: str) -> dt.date | None:
            value = one(key)
            if not value:
                return None
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                notices.append(f"ignored {key}={value!r}: not a date (YYYY-MM-DD)")
                return None

        precision = one("prec") or "year"
        if precision not in GRANULARITIES:
            notices.append(f"ignored prec={precision!r}: use one of {', '.join(GRANULARITIES)}")
            precision = "year"
        lane = one("lane") or "category"
        if lane not in LANES:
            notices.append(f"ignored lane={lane!r}: use one of {', '.join(LANES)}")
            lane = "category"
        event = one("event") or None
        if event is not None and event not in set(events["event_id"]):
            notices.append(f"ignored event={event!r}: no such event")
            event = None
        filters = Filters(
            start=day("from"),
            end=day("to"),
            categories=many("cat", events["category"]),
            actors=many("actor", split_actors(events["actors"])),
            sources=many("src", source_names(events)),
            text=one("q")[:200],
            precision=precision,
        )
        if filters.start and filters.end and filters.start > filters.end:
            notices.append("ignored the date range: it ends before it starts")
            filters = replace(filters, start=None, end=None)
        return cls(filters, lane, event), notices


def source_names(events: pd.DataFrame) -> list[str]:
    """What the Source filter offers: every outlet, and the file of an article that has none (an upload)."""
    names = events["outlet"].fillna("").where(events["outlet"].fillna("") != "", events["source"])
    return sorted(set(names))


def split_actors(values: Iterable[str]) -> list[str]:
    """Every actor named in the table, sorted."""
    return sorted({a.strip() for v in values if isinstance(v, str) for a in v.split(";") if a.strip()})


def apply(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of ``frame`` that pass every filter in ``f``."""
    mask = pd.Series(True, index=frame.index)
    if f.start is not None:
        mask &= frame["date_end"] >= pd.Timestamp(f.start)
    if f.end is not None:
        mask &= frame["date"] <= pd.Timestamp(f.end)
    if f.categories:
        mask &= frame["category"].isin(f.categories)
    if f.sources:
        mask &= frame["outlet"].isin(f.sources) | frame["source"].isin(f.sources)
    if f.actors:
        pattern = "|".join(f"(?:^|; ){re.escape(a)}(?:;|$)" for a in f.actors)
        mask &= frame["actors"].str.contains(pattern, regex=True, na=False)
    if f.text.strip():
        needle = f.text.strip()
        mask &= frame["title"].str.contains(needle, case=False, regex=False, na=False) | frame["quote"].str.contains(
            needle, case=False, regex=False, na=False
        )
    if f.precision in GRANULARITIES and f.precision != GRANULARITIES[-1]:
        mask &= frame["granularity"].isin(GRANULARITIES[: GRANULARITIES.index(f.precision) + 1])
    return frame[mask]


def describe(f: Filters) -> str:
    """The active filters in words, for a caption under an exported chart."""
    parts = []
    if f.start or f.end:
        parts.append(f"{f.start or '…'} to {f.end or '…'}")
    for label, values in (("category", f.categories), ("actor", f.actors), ("source", f.sources)):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if f.text.strip():
        parts.append(f"search: “{f.text.strip()}”")
    if f.precision != GRANULARITIES[-1]:
        parts.append(f"dates at least {f.precision}-precise")
    return "; ".join(parts) or "all events"
