"""dateparser, in one place, with explicit settings: it reads month and day, the rules decide the rest."""

from __future__ import annotations

import datetime as dt
import functools

from dateparser.date import DateDataParser

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


@functools.lru_cache(maxsize=65536)
def parse_date(text: str, base: Date | None = None, prefer: str = "past") -> tuple[Date, str] | None:
    """Parse one candidate expression with dateparser; ``(date, granularity)`` or None.

    Only ever called on spans a rule accepted: dateparser alone reads "may", "41" or
    "38 years" as dates.
    """
    try:
        data = _parser(base, prefer).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIOD_GRANULARITY.get(data.period or "day", "day")
