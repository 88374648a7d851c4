"""Filtering the events table: every filter optional, all of them composable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from timeline.schema import GRANULARITIES

__all__ = ["Filters", "apply", "split_actors"]


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for; an empty field means "no restriction"."""

    start: dt.date | None = None
    end: dt.date | None = None
    categories: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""
    min_precision: str = "year"  # keep events at least this precise
    extra: dict = field(default_factory=dict, compare=False)


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
        mask &= frame["source"].isin(f.sources) | frame["outlet"].isin(f.sources)
    if f.actors:
        wanted = set(f.actors)
        mask &= frame["actors"].fillna("").map(lambda v: bool(wanted & {a.strip() for a in v.split(";")}))
    if f.text.strip():
        needle = f.text.strip()
        mask &= frame["title"].str.contains(needle, case=False, regex=False, na=False) | frame["quote"].str.contains(
            needle, case=False, regex=False, na=False
        )
    if f.min_precision in GRANULARITIES:
        allowed = GRANULARITIES[: GRANULARITIES.index(f.min_precision) + 1]
        mask &= frame["granularity"].isin(allowed)
    return frame[mask]
