"""The events table: one definition of its columns, their types and meaning."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa

from timeline.temporal import GRANULARITIES

__all__ = [
    "ARROW_STRINGS",
    "COLUMNS",
    "DATE_COLUMNS",
    "EARLIEST",
    "GRANULARITIES",
    "LATEST",
    "MENTION_COLUMNS",
    "NAME_COLUMNS",
    "ORDER",
    "conform",
    "empty_frame",
    "sort_events",
]

# Every date in the table lies between these: well inside what a pandas timestamp can hold (1677-2262),
# so no publication date or mention, however odd, can overflow a column.
EARLIEST, LATEST = dt.date(1800, 1, 1), dt.date(2200, 12, 31)

# name -> (pandas dtype, description). The order is the frame's column order.
COLUMNS: dict[str, tuple[str, str]] = {
    "event_id": ("string", "shared by every mention of the same real event, across articles"),
    "date": ("datetime64[ns]", "first day of the mentioned date (ISO)"),
    "date_end": ("datetime64[ns]", "last day of the mentioned date: a month mention spans its month"),
    "granularity": ("string", "precision of the date: day, week, month, quarter, season, half or year"),
    "date_text": ("string", "the date expression as written; empty when dated by publication"),
    "headline": ("string", "the event's short headline, one per event_id: 'Aharon Haliva resigns'"),
    "title": ("string", "the clause of the sentence that reports it, the date left out"),
    "quote": ("string", "the sentence that reports the event"),
    "category": ("string", "from the editable taxonomy; 'other' when none fits"),
    "actors": ("string", "people and organisations named in the sentence, '; '-separated"),
    "places": ("string", "countries, cities and regions named in the sentence (from gazetteers), '; '-separated"),
    "source": ("string", "article file stem"),
    "outlet": ("string", "publishing outlet"),
    "url": ("string", "article URL"),
    "source_title": ("string", "article title"),
    "published": ("datetime64[ns]", "publication date of the article"),
    "published_from": ("string", "where the publication date came from: manifest, text or unknown"),
    "published_precision": ("string", "precision of the publication date: day, month ('2025-01') or year ('2024')"),
    "start": ("int64", "offset of the quote in the article text"),
    "end": ("int64", "end offset (exclusive) of the quote in the article text"),
}
DATE_COLUMNS = tuple(name for name, (dtype, _) in COLUMNS.items() if dtype.startswith("datetime"))
# The record between the per-article step (``events.parse``) and the corpus-wide one (``merge``): a mention
# row has the table's columns plus its raw names, whether its date names a known event ("since Oct. 7") and the
# raw name that did what its category says ("agent": "Matos" of "Matos resigned"), or "";
# an article's names are records of what it says about them (acronyms, full names, single words, counts).
MENTION_COLUMNS = [*COLUMNS, "actors_raw", "reference", "agent"]
NAME_COLUMNS = ["source", "kind", "name", "value", "count"]
ORDER = ["date", "date_end", "source", "start"]  # the table's row order, wherever it is made
# Arrow text as the schema's "string" columns (Arrow-backed), for ``to_pandas(types_mapper=ARROW_STRINGS.get)``:
# the frame keeps Arrow's buffers, with no Python object per value
ARROW_STRINGS = {pa.string(): pd.StringDtype("pyarrow"), pa.large_string(): pd.StringDtype("pyarrow")}


def empty_frame() -> pd.DataFrame:
    """An events table with no rows and every column typed."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, (dtype, _) in COLUMNS.items()})


def sort_events(frame: pd.DataFrame) -> pd.DataFrame:
    """The table in its one row order: by date, then source and position."""
    return frame.sort_values(ORDER, kind="stable").reset_index(drop=True)


def conform(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Rows (dicts or a frame) as an events table: exactly the schema's columns and types."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        return empty_frame()
    for name, (dtype, _) in COLUMNS.items():
        if name not in frame:
            frame[name] = pd.Series(dtype=dtype)
        if dtype.startswith("datetime"):
            frame[name] = pd.to_datetime(frame[name], errors="coerce").astype(dtype)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame[list(COLUMNS)].reset_index(drop=True)
