"""TimeML values and the calendar intervals they denote: one constructor per precision.

A resolver returns a :class:`Resolved`; a date always carries its own precision, so
"next week" is ``2025-W13`` spanning its seven days and never a made-up Monday.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from timeline.temporal.lexicon import SEASON_MONTHS

Date = dt.date

# Precisions a date can have, finest first: "next week" is a week, "Q3" a quarter, "this spring" a season,
# "the first half of 2024" a half.
GRANULARITIES = ("day", "week", "month", "quarter", "season", "half", "year")
TYPES = ("DATE", "TIME", "DURATION", "SET")


class Resolved(NamedTuple):
    """What a rule makes of its expression: TimeML type and value, precision and the days it spans.

    Durations, sets and vague references ("now") have no interval: ``first`` and ``last`` are None."""

    value: str
    granularity: str | None
    first: Date | None
    last: Date | None
    type: str = "DATE"


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def safe_date(year: int, month: int, day: int) -> Date | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= last_day(year, month)):
        return None
    return Date(year, month, day)


def add_months(d: Date, months: int) -> Date:
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    return Date(year, m + 1, min(d.day, last_day(year, m + 1)))


def day(d: Date) -> Resolved:
    return Resolved(d.isoformat(), "day", d, d)


def month(year: int, number: int) -> Resolved:
    return Resolved(
        f"{year:04d}-{number:02d}", "month", Date(year, number, 1), Date(year, number, last_day(year, number))
    )


def year(number: int) -> Resolved:
    return Resolved(f"{number:04d}", "year", Date(number, 1, 1), Date(number, 12, 31))


def years(first: int, last: int, value: str) -> Resolved:
    """A span of whole years under one value: a decade ("199"), a century ("19"), a range."""
    return Resolved(value, "year", Date(first, 1, 1), Date(last, 12, 31))


def week(d: Date) -> Resolved:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return Resolved(f"{iso.year:04d}-W{iso.week:02d}", "week", monday, monday + dt.timedelta(days=6))


def quarter(number: int, q: int) -> Resolved:
    first, last = 3 * q - 2, 3 * q
    return Resolved(f"{number:04d}-Q{q}", "quarter", Date(number, first, 1), Date(number, last, last_day(number, last)))


def half(number: int, h: int) -> Resolved:
    first, last = (1, 6) if h == 1 else (7, 12)
    return Resolved(f"{number:04d}-H{h}", "half", Date(number, first, 1), Date(number, last, last_day(number, last)))


def season(number: int, code: str) -> Resolved:
    a, b = SEASON_MONTHS[code]
    end_year = number + 1 if b < a else number
    return Resolved(f"{number:04d}-{code}", "season", Date(number, a, 1), Date(end_year, b, last_day(end_year, b)))


def at(d: Date, granularity: str) -> Resolved:
    """The interval of the given precision that holds ``d``."""
    if granularity == "week":
        return week(d)
    if granularity == "month":
        return month(d.year, d.month)
    if granularity == "year":
        return year(d.year)
    return day(d)


def time_of(resolved: Resolved, suffix: str) -> Resolved:
    """A day with a time of day: "Tuesday night" is ``1998-02-17TNI``, "9 a.m. Tuesday" ``…T09:00``."""
    return resolved._replace(value=f"{resolved.value}T{suffix}", type="TIME")


def shift(anchor: tuple[Date, str], n: int, unit: str) -> Resolved | None:
    """``n`` units from an anchor date of the given precision; None when the anchor is too coarse."""
    d, anchor_granularity = anchor
    try:
        if unit == "day":
            return day(d + dt.timedelta(days=n)) if anchor_granularity == "day" else None
        if unit == "week":
            return week(d + dt.timedelta(weeks=n)) if anchor_granularity == "day" else None
        if unit == "month":
            shifted = add_months(d, n)
            return month(shifted.year, shifted.month) if anchor_granularity in ("day", "month") else None
        return year(d.year + n)
    except (OverflowError, ValueError):
        return None


def reference(value: str) -> Resolved:
    """A vague reference ("now": PRESENT_REF): a value with no interval."""
    return Resolved(value, None, None, None)


def duration(value: str) -> Resolved:
    return Resolved(value, None, None, None, "DURATION")


def recurrence(value: str) -> Resolved:
    return Resolved(value, None, None, None, "SET")
