"""dateparser, in one place, with explicit settings: it reads month and day, the rules decide the rest."""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateparser.date import DateDataParser

from timeline.temporal.lexicon import MONTHS

Date = dt.date
_PERIOD_GRANULARITY = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}
NEUTRAL_BASE = Date(2000, 6, 15)


@functools.lru_cache(maxsize=512)
def _parser(base: Date | None, prefer: str) -> DateDataParser:
    # Without a base, a leap year's: "Feb. 29" must parse whatever year it is today.
    base = base or NEUTRAL_BASE
    settings = {
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "PARSERS": ["relative-time", "absolute-time"],
        "DATE_ORDER": "MDY",
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
    }
    return DateDataParser(languages=["en"], settings=settings)


# A month and a day as the rules hand them over ("Oct. 17", "17th October", "the 3rd May"): read from the
# lexicon's month names, since dateparser costs about 2 ms a new spelling and most dates are these.
_MONTH_DAY = re.compile(r"(?i:the\s+)?(?P<m>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?")
_DAY_MONTH = re.compile(r"(?i:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]+)\.?")


def _month_day(text: str, base: Date) -> tuple[Date, str] | bool | None:
    """``text`` read as a month and a day, as dateparser reads it from ``base`` preferring the past;
    False when it is not written so (dateparser reads it)."""
    m = _MONTH_DAY.fullmatch(text) or _DAY_MONTH.fullmatch(text)
    if m is None or m["m"].lower() not in MONTHS:
        return False
    month, day = MONTHS[m["m"].lower()], int(m["d"])
    year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
    for candidate in range(year, year - 9, -1):  # "Feb. 29": the last leap year (eight back across 1900 or 2100)
        try:
            return Date(candidate, month, day), "day"
        except ValueError:
            if not (month == 2 and day == 29):
                return None  # "Sept. 31": no such day
    return None


@functools.lru_cache(maxsize=65536)
def parse_date(text: str, base: Date | None = None, prefer: str = "past") -> tuple[Date, str] | None:
    """Parse one candidate expression with dateparser; ``(date, granularity)`` or None.

    Only ever called on spans a rule accepted: dateparser alone reads "may", "41" or
    "38 years" as dates.  A plain month and day is read from the lexicon (``_month_day``).
    """
    if prefer == "past":
        quick = _month_day(text, base or NEUTRAL_BASE)
        if quick is not False:
            return quick
    try:
        data = _parser(base, prefer).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIOD_GRANULARITY.get(data.period or "day", "day")
