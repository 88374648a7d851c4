"""Exports of the events table: CSV, JSON (a list of records) and Parquet."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from timeline.schema import DATE_COLUMNS

__all__ = ["FORMATS", "to_bytes", "write"]

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


def to_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The table in one of :data:`FORMATS`; dates as ISO days, CSV safe to open in a spreadsheet."""
    if fmt == "csv":
        text = _dates_as_text(frame)
        for column in text.columns:
            if text[column].dtype == "string" or text[column].dtype == object:
                text[column] = text[column].map(_neutralise)
        return text.to_csv(index=False).encode("utf-8")
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


def figure_image(fig, fmt: str = "png", width: int = 1600, height: int | None = None, scale: float = 2) -> bytes:
    """A static image of a plotly figure, rendered by kaleido in the system Chromium."""
    import os
    import shutil

    if "BROWSER_PATH" not in os.environ:
        found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if found:
            os.environ["BROWSER_PATH"] = found
    height = height or int(fig.layout.height or 600)
    return fig.to_image(format=fmt, width=width, height=height, scale=scale)


def figure_html(fig) -> bytes:
    """A standalone interactive HTML page of the figure (plotly.js inlined, works offline)."""
    return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
