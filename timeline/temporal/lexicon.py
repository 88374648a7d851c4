"""The tagger's words, loaded once from ``lexicon.toml``: data, not code, so a word is added in one place."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

_DATA = tomllib.loads(resources.files("timeline.temporal").joinpath("lexicon.toml").read_text(encoding="utf-8"))
_WORDS = _DATA["words"]

#: every spelling of a month ("sept", "september") to its number
MONTHS: dict[str, int] = {
    spelling: number
    for number, (name, short) in enumerate(_DATA["months"].items(), start=1)
    for spelling in (name, *short)
}
MONTH_NAMES: tuple[str, ...] = tuple(_DATA["months"])
MONTH_ABBREVIATIONS = frozenset(MONTHS) - frozenset(MONTH_NAMES)
WEEKDAYS: tuple[str, ...] = tuple(_WORDS["weekdays"])
WEEKDAY_SHORT: tuple[str, ...] = tuple(_WORDS["weekday_short"])
TENS: tuple[str, ...] = tuple(_WORDS["tens"])
NUMBER_WORDS: dict[str, int] = (
    {w: i for i, w in enumerate(_WORDS["numbers"])}
    | {w: 10 * i for i, w in enumerate(TENS, start=2)}
    | {"a": 1, "an": 1}
)
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_WORDS["ordinals"], start=1)}
SEASONS: dict[str, str] = dict(_DATA["seasons"])
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PARTS_OF_DAY: dict[str, str] = dict(_DATA["parts_of_day"])
UNITS: dict[str, str] = dict(_DATA["units"])
HOLIDAYS: dict[str, tuple[int, int] | None] = {k: (tuple(v) or None) for k, v in _DATA["holidays"].items()}
REFERENCES: dict[str, str] = {phrase: value for value, phrases in _DATA["references"].items() for phrase in phrases}
SETS: dict[str, str] = dict(_DATA["sets"])

#: every spelling of a month or a weekday, lower case: a calendar word, never a name or a place
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)


def weekday_number(written: str) -> int | None:
    """The weekday a word names ("Monday", "Thu.", "Tues"), Monday 0; None when it names none."""
    word = written.strip(" ,.").lower()
    if not word:
        return None
    return next((i for i, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


MONTH_TRIGGERS = frozenset(_WORDS["month_triggers"])
COUNT_BEFORE = frozenset(_WORDS["count_before"])
COUNT_AFTER = frozenset(_WORDS["count_after"])
FUTURE_CUES = frozenset(_WORDS["future_cues"])
PAST_CUES = frozenset(_WORDS["past_cues"])
REPORTING_VERBS = frozenset(_WORDS["reporting_verbs"])
TELLING_VERBS = frozenset(_WORDS["telling_verbs"])
DEADLINE_WORDS = frozenset(_WORDS["deadline_words"])

#: a year as a text writes it ("2023", "1999"; not "1,200" or the digits of a longer number): whether a date
#: carries its own year, asked by the tagger and by the merge alike
YEAR_WRITTEN = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")

#: word classes that rules may name in their head words: "{month} {day}" means any month, then a digit
CLASSES: dict[str, frozenset[str]] = {
    "month": frozenset(MONTHS),
    "weekday": frozenset(WEEKDAYS),
    "weekday_short": frozenset(WEEKDAY_SHORT),
    "weekdays": frozenset(f"{w}s" for w in WEEKDAYS),
    "number": frozenset(NUMBER_WORDS),
    "ordinal": frozenset(ORDINAL_WORDS),
    "season": frozenset(SEASONS),
    "part": frozenset(PARTS_OF_DAY),
    "unit": frozenset(UNITS) | frozenset(f"{u}s" for u in UNITS) | {"centuries"},
    "set": frozenset(SETS),
    "tens": frozenset(TENS),
}
