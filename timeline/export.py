"""Exports of the events table (CSV, JSON records, Parquet, TimelineJS JSON) and of the chart (PNG, SVG, HTML)."""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import threading
import warnings
from pathlib import Path

import pandas as pd

from timeline.markup import is_web_url
from timeline.schema import DATE_COLUMNS

__all__ = ["FORMATS", "figure_html", "figure_image", "timelinejs", "to_bytes", "write"]

FORMATS = ("csv", "json", "parquet")
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in DATE_COLUMNS:
        if column in out:
            out[column] = out[column].dt.strftime("%Y-%m-%d").astype("string")
    return out


def _neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_bytes(frame: pd.DataFrame, fmt: str, *, bom: bool = False) -> bytes:
    """The table in one of :data:`FORMATS`; dates as ISO days, CSV safe to open in a spreadsheet.

    ``bom`` starts a CSV with a UTF-8 byte-order mark, without which Excel on Windows reads
    curly quotes and accents as Windows-1252 (the dashboard's download has one).
    """
    if fmt == "csv":
        text = _dates_as_text(frame)
        for column in text.columns:
            if text[column].dtype == "string" or text[column].dtype == object:
                text[column] = text[column].map(_neutralise)
        return text.to_csv(index=False).encode("utf-8-sig" if bom else "utf-8")
    if fmt == "json":
        records = _dates_as_text(frame).astype(object)
        records = records.where(records.notna(), None).to_dict(orient="records")
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write(frame: pd.DataFrame, path: str | Path, fmt: str | None = None) -> None:
    """Write the table to ``path``; the format defaults to the file's extension."""
    path = Path(path)
    Path(path).write_bytes(to_bytes(frame, fmt or path.suffix.lstrip(".").lower()))


_KALEIDO = threading.Lock()
_kaleido_started = False


def _kaleido_server() -> None:
    """One kaleido (Chromium) server per process, started on the first export: later images take a fraction
    of a second instead of starting a browser each time."""
    global _kaleido_started
    with _KALEIDO:
        if _kaleido_started:
            return
        if "BROWSER_PATH" not in os.environ:
            found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
            if found:
                os.environ["BROWSER_PATH"] = found
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        _kaleido_started = True


def figure_image(fig, fmt: str = "png", width: int = 1600, height: int | None = None, scale: float = 2) -> bytes:
    """A static image of a plotly figure, rendered by kaleido in the system Chromium."""
    _kaleido_server()
    height = height or int(fig.layout.height or 600)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # the server has its own
        return fig.to_image(format=fmt, width=width, height=height, scale=scale)


# A click on a marker opens its article (the URL is the last item of the marker's customdata).
_OPEN_ON_CLICK = """
var plot = document.getElementById('{plot_id}');
plot.on('plotly_click', function (data) {
  var custom = data.points.length ? data.points[0].customdata : null;
  var url = custom ? String(custom[custom.length - 1]) : '';
  if (/^https?:\\/\\//i.test(url)) { window.open(url, '_blank', 'noopener'); }
});
"""


def figure_html(fig) -> bytes:
    """A standalone interactive HTML page of the figure (plotly.js inlined, works offline).

    Clicking a marker opens the article it comes from, in a new tab (http(s) addresses only).
    """
    return fig.to_html(include_plotlyjs=True, full_html=True, post_script=_OPEN_ON_CLICK).encode("utf-8")


def _timelinejs_date(day: pd.Timestamp, granularity: str) -> dict:
    date = {"year": day.year}
    if granularity in ("day", "month", "week", "quarter", "half"):
        date["month"] = day.month
    if granularity in ("day", "week"):
        date["day"] = day.day
    return date


def timelinejs(events: pd.DataFrame, title: str, description: str = "", colors: dict | None = None) -> dict:
    """The events as a TimelineJS document (Knight Lab's ``{"title", "events"}`` JSON), one slide per event.

    A slide's dates keep the event's precision (a month event has no day), its headline is the
    event's title and its text quotes every source with a link to it.  TimelineJS renders ``text``
    as HTML, so every text from the articles is escaped.
    """
    from timeline.chart import per_event, when

    colors = colors or {}
    slides = []
    for event in per_event(events).itertuples():
        mentions = events[events["event_id"] == event.event_id]
        quotes = []
        for m in mentions.itertuples():
            who = html.escape(m.outlet or m.source)
            link = f'<a href="{html.escape(m.url)}">{who}</a>' if is_web_url(m.url) else who
            quotes.append(f"<p>“{html.escape(m.quote)}” ({link})</p>")
        slide = {
            "unique_id": event.event_id,
            "start_date": _timelinejs_date(event.date, event.granularity),
            "display_date": when(event.date, event.date_end, event.granularity),
            "text": {"headline": html.escape(getattr(event, "headline", "") or event.title), "text": "".join(quotes)},
            "group": event.category,
        }
        if event.date_end != event.date and event.granularity == "day":
            slide["end_date"] = _timelinejs_date(event.date_end, event.granularity)
        if event.category in colors:
            slide["background"] = {"color": colors[event.category]}
        slides.append(slide)
    return {"title": {"text": {"headline": html.escape(title), "text": html.escape(description)}}, "events": slides}
