"""The date rules, in the order the grammar tries them at a position (the first that matches wins).

Each ``@rule`` is one record: pattern, head words, the precision of publication date it
needs, examples, and below it the resolver.  Patterns name their groups with the
rule's own prefix so that all of them can be joined into one grammar.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

from timeline.temporal import values as v
from timeline.temporal.context import (
    NARRATIVE_DAYS,
    Doc,
    at_line_start,
    choose,
    clause_bounds,
    clean,
    days_apart,
    month_number,
    next_word,
    number,
    prev_word,
    tells_past_after,
    told_in_past,
    words_of,
    year_is_count,
)
from timeline.temporal.lexicon import (
    HOLIDAYS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_TRIGGERS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PARTS_OF_DAY,
    REFERENCES,
    SEASONS,
    SETS,
    TENS,
    UNITS,
    WEEKDAY_SHORT,
    WEEKDAYS,
    weekday_number,
)
from timeline.temporal.parsing import parse_date
from timeline.temporal.registry import Hit, Part, rule
from timeline.temporal.values import Date, Resolved

# --------------------------------------------------------------------------
# Pattern pieces, from the lexicon
# --------------------------------------------------------------------------


def _title_or_upper(words) -> str:
    return "|".join(x for w in words for x in (w.capitalize(), w.upper()))


_MON_FULL = rf"(?:{_title_or_upper(MONTH_NAMES)})"
_MON_ABBR = rf"(?:{'|'.join(sorted((a.capitalize() for a in MONTH_ABBREVIATIONS), key=len, reverse=True))})(?:\.|\b)"
MON = rf"(?:{_MON_FULL}\b|{_MON_ABBR})"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9]|'?s\b)"
WEEKDAY = rf"(?:{_title_or_upper(WEEKDAYS)})\b"
# a weekday written before a date's day: whole or short ("Monday 11 March", "Mon 8 Sep", "Thu., Oct. 3")
_SHORT = "|".join(sorted((x for w in WEEKDAY_SHORT for x in (w.capitalize(), w.upper())), key=len, reverse=True))
BEFORE_DATE = rf"(?=[A-Z])(?:{WEEKDAY}|(?:{_SHORT})(?:\.|\b)),?\s+"
NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
PART_OF_DAY = r"(?:\s+(?P<{}>(?i:morning|afternoon|evening|night)))?"
_BY_VALUE = {n: w for w, n in NUMBER_WORDS.items() if w not in ("a", "an")}
_ONES = "(?:" + "|".join(_BY_VALUE[n] for n in range(1, 10)) + ")"
_TEENS = "(?:" + "|".join(_BY_VALUE[n] for n in range(10, 20)) + ")"
_TENS = "(?:" + "|".join(TENS) + ")"
# quarters: "the first quarter", "the 3rd quarter"
ORDINALS = {w: n for w, n in ORDINAL_WORDS.items() if n <= 4} | {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# "last week", "this quarter", "the coming year": how many units from the one of the publication date
_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_DAYWORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ORD_WORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
# spelled ordinals up to the thirty-first: "first", "twenty-second", "thirtieth"
SPELLED_ORDINAL = rf"(?:(?:twenty|thirty)[\s-](?:{_ORD_WORD})|thirtieth|{_ORD_WORD})"
# the words a spelled ordinal starts with, with or without "the": the heads of every rule that reads one
SPELLED_ORDINAL_HEADS = [f"{the}{w}" for the in ("the ", "") for w in ("{ordinal}", "twenty", "thirty", "thirtieth")]


def spelled_ordinal(words: str) -> int:
    """'twenty-second' -> 22, 'first' -> 1, 'thirtieth' -> 30."""
    parts = re.split(r"[\s-]+", words.lower())
    if parts == ["thirtieth"]:
        return 30
    tens = {"twenty": 20, "thirty": 30}.get(parts[0], 0)
    return tens + ORDINAL_WORDS.get(parts[-1], 0)


# --------------------------------------------------------------------------
# Dates that carry their own year
# --------------------------------------------------------------------------

_TRAILING_YEAR = re.compile(r"^(.*?)[,\s]+(\d{4})$")


def _with_year(expression: str) -> Resolved | None:
    """'October 19, 2016': dateparser reads 'October 19' (one cache entry for every year), the year is a number."""
    m = _TRAILING_YEAR.match(expression)
    if m is None:
        return None
    parsed = parse_date(m.group(1))
    if parsed is None:
        return None
    (d, granularity), year = parsed, int(m.group(2))
    if granularity == "month":
        return v.month(year, d.month)
    found = v.safe_date(year, d.month, d.day)
    return v.day(found) if found and granularity == "day" else None


@rule(
    "iso",
    r"(?<![\d/.:-])(?P<iso_y>\d{4})-(?P<iso_m>\d{2})(?:-(?P<iso_d>\d{2}))?(?![\d/:-])",
    heads=["#"],
    needs=None,
    examples=[
        ("The letter is dated 2024-04-22.", None, "2024-04-22", "2024-04-22"),
        ("In 2023-11, rates rose.", None, "2023-11", "2023-11"),
        ("The 1957-58 season was his last.", None, "58", "1958"),
    ],
)
def _iso(hit: Hit, doc: Doc) -> Resolved | list[Part] | None:
    g = hit.g
    y, mo = int(g["iso_y"]), int(g["iso_m"])
    if not 1000 <= y <= 2999:
        return None
    if g["iso_d"]:
        d = v.safe_date(y, mo, int(g["iso_d"]))
        return v.day(d) if d else None
    if mo > y % 100:  # "2019-20", "1957-58": a range of years, each a date of its own
        cut = hit.start + 5
        return [Part(hit.start, cut - 1, v.year(y)), Part(cut, hit.end, v.year(y - y % 100 + mo))]
    return v.month(y, mo) if 1 <= mo <= 12 else None


@rule(
    "year_range",
    r"(?<![\w$£€#.,/:'-])(?P<yra>(?:19|20)[0-9]{2})\s?[-–/]\s?(?P<yrb>(?:19|20)[0-9]{2})(?![\w%/'-]|[.,][0-9])",
    heads=["#"],
    needs=None,
    examples=[
        ("He served in 2009-2010.", None, "2009", "2009"),
        ("He served in 2009–2010.", None, "2010", "2010"),
    ],
)
def _year_range(hit: Hit, doc: Doc) -> list[Part] | None:
    a, b = int(hit.g["yra"]), int(hit.g["yrb"])
    if b <= a:
        return None
    return [Part(hit.start, hit.start + 4, v.year(a)), Part(hit.end - 4, hit.end, v.year(b))]


@rule(
    "dotted_day",
    r"(?<=\()(?P<do_d>[0-2]?\d|3[01])\.(?P<do_m>0?[1-9]|1[0-2])(?=\))"
    r"|(?:(?<=\bon )|(?<=\bby )|(?<=\bof )|(?<=\bsince ))(?P<do_d2>[0-2]?\d|3[01])\.(?P<do_m2>0?[1-9]|1[0-2])"
    r"(?![\d%]|[.,]\d|\s*(?:per|%|million|billion))",
    heads=["#"],
    needs=None,  # a figure that is no date ("a dividend of 4.6 pence") leaves no date unplaced
    examples=[
        (
            "He announced on Tuesday (21.1) his resignation and will end his term on 6.3.",
            "2025-01-21",
            "6.3",
            "2025-03-06",
        ),
        ("The truce took effect on Sunday (19.1), the army said.", "2025-01-21", "19.1", "2025-01-19"),
        ("On Sunday (19.1) he spoke of the failures of 7.10.", "2025-01-21", "7.10", "2024-10-07"),
    ],
)
def _dotted_day(hit: Hit, doc: Doc) -> Resolved | None:
    """ "Tuesday (21.1)", and "on 6.3" in a text that writes its days so: Israeli copy in translation.  A bare
    "6.3" elsewhere is a decimal ("rose 6.3 percent"), never read."""
    g = hit.g
    bracketed = g["do_d"] is not None
    if not bracketed and not doc.dotted_days():
        return None
    if bracketed and not _WEEKDAY_BEFORE_BRACKET.search(doc.text, max(0, hit.start - 30), hit.start):
        return None  # "(3.5)" alone is a score or a figure
    day, month = (int(g["do_d"]), int(g["do_m"])) if bracketed else (int(g["do_d2"]), int(g["do_m2"]))
    return _resolve_month_day(doc, month, day, hit.start, hit.end) if doc.dct is not None else None


_WEEKDAY_BEFORE_BRACKET = re.compile(rf"(?i:{WEEKDAY})(?:\s+\w+)?\s*\($")


@rule(
    "numeric",
    r"(?<![\d/.:,-])(?P<nu_a>\d{1,4})(?P<nu_sep>[/.])(?P<nu_b>\d{1,2})(?P=nu_sep)(?P<nu_c>\d{4}|\d{2})(?![\d/:-]|[.,]\d)",
    heads=["#"],
    needs=None,
    examples=[
        ("The form is dated 21/04/2016.", None, "21/04/2016", "2016-04-21"),
        ("The form is dated 04/21/2016.", None, "04/21/2016", "2016-04-21"),
        ("It was filed on 2024.04.21.", None, "2024.04.21", "2024-04-21"),
        ("Posted 21.04.2016 at noon.", None, "21.04.2016", "2016-04-21"),
    ],
)
def _numeric(hit: Hit, doc: Doc) -> Resolved | None:
    """21/04/2016, 04/21/2016, 2024.04.21, 21.04.2016: day and month told apart when one is over 12.

    "04/05/2016" could be either: read as the text's other numeric dates are written ("21/01/2025" above it
    puts the day first), else left out rather than guessed.  Dotted dates are day first, as where they are
    written."""
    a, b, c, sep = hit.g["nu_a"], int(hit.g["nu_b"]), hit.g["nu_c"], hit.g["nu_sep"]
    if len(a) == 4:
        year, month, day = int(a), b, int(c)
    else:
        if len(c) != 4 and sep == "/":
            return None  # "3/4/25" is a fraction as often as a date
        year = int(c) if len(c) == 4 else 2000 + int(c)
        first = int(a)
        if sep == "." or first > 12 >= b:
            day, month = first, b
        elif b > 12 >= first:
            month, day = first, b
        elif first == b:
            day = month = first
        elif (order := doc.numeric_order()) is not None:  # the text's other dates say which comes first
            day, month = (first, b) if order == "day" else (b, first)
        else:
            return None
    if not 1800 <= year <= 2199:
        return None
    d = v.safe_date(year, month, day)
    return v.day(d) if d else None


@rule(
    "mdy",
    rf"(?:{BEFORE_DATE})?(?P<mdy_s>{MON}\s+{DAY},?\s+{YEAR})",
    heads=["{weekday}", "{weekday_short}", "{month}"],
    needs=None,
    first_pass=True,
    examples=[
        ("The attack came on October 7, 2023.", None, "October 7, 2023", "2023-10-07"),
        ("It began on Oct. 7, 2023, at dawn.", None, "Oct. 7, 2023", "2023-10-07"),
        ("He leaves on Thursday, March 6, 2025.", None, "Thursday, March 6, 2025", "2025-03-06"),
    ],
)
def _mdy(hit: Hit, doc: Doc) -> Resolved | None:
    return _with_year(clean(hit.g["mdy_s"]))


_DAYS_OF_RANGE = re.compile(rf"({DAY})\s*[-–]\s*({DAY})")


@rule(
    "mdy_range",
    rf"(?P<mdyr_s>{MON}\s+{DAY}\s*[-–]\s*{DAY},?\s+{YEAR})",
    heads=["{month}"],
    needs=None,
    first_pass=True,
    examples=[
        ("Talks were held on Feb. 11-12, 2025, in Istanbul.", None, "Feb. 11", "2025-02-11"),
        ("The fair runs March 3–5, 2024.", None, "5, 2024", "2024-03-05"),
    ],
)
def _mdy_range(hit: Hit, doc: Doc) -> list[Part] | None:
    """ "Feb. 11-12, 2025": two days of one month, the year after the second; each a date where it stands."""
    days = _DAYS_OF_RANGE.search(hit.text)
    first = _with_year(clean(hit.text[: days.start(2)].rstrip(" -–") + hit.text[days.end(2) :]))
    if first is None:
        return None
    second = v.safe_date(first.first.year, first.first.month, int(re.match(r"\d+", days.group(2)).group(0)))
    if second is None or second <= first.first:
        return None
    return [
        Part(hit.start, hit.start + days.end(1), first),
        Part(hit.start + days.start(2), hit.end, v.day(second)),
    ]


@rule(
    "dmy",
    rf"(?:{BEFORE_DATE})?(?P<dmy_s>(?:the\s+)?{DAY}\s+(?:of\s+)?{MON},?\s+{YEAR})",
    heads=["{weekday}", "{weekday_short}", "the #", "#"],
    needs=None,
    first_pass=True,
    examples=[
        ("It began on 7 October 2023.", None, "7 October 2023", "2023-10-07"),
        ("Signed on the 3rd of May, 2021.", None, "the 3rd of May, 2021", "2021-05-03"),
        ("Day 2 — Tuesday 11 June 2024", None, "Tuesday 11 June 2024", "2024-06-11"),
    ],
)
def _dmy(hit: Hit, doc: Doc) -> Resolved | None:
    return _with_year(clean(hit.g["dmy_s"]))


@rule(
    "md_rel",
    rf"(?P<mdr_md>{MON}(?:\s+{DAY})?),?\s+(?:of\s+)?(?P<mdr_rel>(?i:last|this|next))\s+year\b(?!'s)",
    heads=["{month}"],
    examples=[
        ("Hamas attacked on October 7 last year.", "2024-04-22", "October 7 last year", "2023-10-07"),
        ("He resigned already in April of last year.", "2025-01-21", "April of last year", "2024-04"),
    ],
)
def _md_rel(hit: Hit, doc: Doc) -> Resolved | None:
    parsed = parse_date(f"{clean(hit.g['mdr_md'])} {doc.dct.year + _OFFSETS[hit.g['mdr_rel'].lower()]}", None, "past")
    return v.at(*parsed) if parsed else None


# --------------------------------------------------------------------------
# Month and day without a year: the year from the text, the chronology or the tense
# --------------------------------------------------------------------------


def _resolve_month_day(doc: Doc, month: int, day: int, start: int, end: int) -> Resolved | None:
    if (month, day) in doc.known_years:
        d = v.safe_date(doc.known_years[(month, day)], month, day)
        return v.day(d) if d else None
    if doc.entry is not None and at_line_start(doc.text, start, end):
        # a chronology's entries follow each other: "Sept. 28:" under "Sept. 19, 2023:" is in 2023
        previous, precision = doc.entry
        rolls_over = precision != "year" and (month, day) < (previous.month, previous.day)
        d = v.safe_date(previous.year + rolls_over, month, day)
        return v.day(d) if d else None
    if doc.dct is None:
        if doc.entry is not None:  # within a chronology's entry ("21 January – … effective 6 March"): the reading
            first, precision = doc.entry  # nearest the entry's day, or in its year ("2023 in Portugal")
            d = _in_or_nearest((first, Date(first.year, 12, 31)) if precision == "year" else (first, first), month, day)
            return v.day(d) if d else None
        # after a day the text dated with its year, close to it ("covers the period from 1 January 2025 to 31
        # January 2025" above "15 January"): that year; a day months away from it may be in either year
        story = doc.narrative_date(start)
        d = _in_or_nearest(story, month, day) if story is not None else None
        if d is None or days_apart(d, story) > NARRATIVE_DAYS:
            return None  # no year the text gives, and none of publication: never a year made up
        return v.day(d)
    then = _looking_ahead_then(doc, start, end)
    if then is not None:  # "said on August 14 he would step down on September 30": after that day
        d = v.safe_date(then.year, month, day)
        if d is not None and d < then:
            d = v.safe_date(then.year + 1, month, day)
        return v.day(d) if d else None
    story = doc.narrative_date(start)
    before = prev_word(doc.text, start)
    frame = None
    if (
        story is not None
        and story[1] < doc.dct
        and before in _PAST_LANDMARK
        and doc.tense(start, end) != "future"
        and not _WEEK_OF.search(doc.text, max(0, start - 12), start)
    ):
        frame = story[1]  # "April 22, 2024 – Haliva resigns over the failures of October 7"
    elif before in _ALWAYS_PAST_LANDMARK:
        frame = story[1] if story is not None and story[1] < doc.dct else doc.dct  # "investigations into October 7"
    if frame is not None:
        # a day named as what came before the story's day, or publication's, is the last such day before it
        d = v.safe_date(frame.year, month, day)
        d = d if d is not None and d <= frame else v.safe_date(frame.year - 1, month, day)
        return v.day(d) if d else None
    d = _by_publication(doc, month, day, start, end)
    tense = doc.tense(start, end) if story is not None else None
    # a story told in the past is no frame for what is to come, nor a story still to come for what happened
    if story is not None and d is not None and (tense, story[0] < doc.dct) not in (("future", True), ("past", False)):
        # "The storm hit on September 10, 2023. … on September 17, parliament …" in a 2025 article: the reading
        # that sits closer to the story's date than the publication's reading sits to publication is the story's
        told = _nearest(story[0], month, day)
        if told is None:
            return None  # "Feb. 29" in none of the story's years: no such day
        apart = days_apart(told, story)
        if story[0] != story[1] and apart:
            apart = NARRATIVE_DAYS + 1  # a month the story stands in ("In July 2023, …") holds its own days only
        if apart <= NARRATIVE_DAYS and apart <= abs((d - doc.dct).days):
            d = told
    return v.day(d) if d else None


_PAST_LANDMARK = frozenset(("of", "since", "after", "following", "into"))  # before a day the story looks back to
_ALWAYS_PAST_LANDMARK = frozenset(("since", "into"))  # … whatever the tense: "inquiries into October 7 will end"
_WEEK_OF = re.compile(r"\b(?:week|weekend|end|start|beginning)\s+of\s+$", re.IGNORECASE)  # a stretch, not a landmark


def _in_or_nearest(span: tuple[Date, Date], month: int, day: int) -> Date | None:
    """The month and day within a span of days (a year, a month), else the reading nearest its first day."""
    first, last = span
    inside = [d for year in range(first.year, last.year + 1) if (d := v.safe_date(year, month, day))]
    inside = [d for d in inside if first <= d <= last]
    return inside[0] if inside else _nearest(first, month, day)


def _nearest(anchor: Date, month: int, day: int) -> Date | None:
    """The month and day in the year before ``anchor``'s, its own or the next: the one nearest it (None when
    none of the three has that day)."""
    near = [d for year in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := v.safe_date(year, month, day))]
    return min(near, key=lambda d: abs((d - anchor).days)) if near else None


def _by_publication(doc: Doc, month: int, day: int, start: int, end: int) -> Date | None:
    """A bare month and day read against the publication date: this year's, last year's or next year's."""
    dct = doc.dct
    if month == dct.month:
        d = v.safe_date(dct.year, month, day)
        if d == dct and prev_word(doc.text, start) in ("the", "since") and next_word(doc.text, end):
            d = v.safe_date(dct.year - 1, month, day)  # "the October 7 attack" on an October 7 is last year's
        elif (
            d is not None
            and d > dct
            and prev_word(doc.text, start) not in _ARTICLES
            and doc.tense(start, end) == "past"
        ):
            d = v.safe_date(dct.year - 1, month, day)  # "took place on 28 April", written on 22 April
        return d
    this_year = v.safe_date(dct.year, month, day)
    past = this_year if this_year and this_year <= dct else v.safe_date(dct.year - 1, month, day)
    future = this_year if this_year and this_year > dct else v.safe_date(dct.year + 1, month, day)
    return choose(past, future, doc.tense(start, end), dct)


_ARTICLES = frozenset(("a", "an", "the", "its", "his", "her", "their"))  # "a January 30 deadline": a name, no tense


def _resolve_month(doc: Doc, month: int, start: int, end: int, mod: str = "") -> Resolved:
    dct = doc.dct
    if mod == "last":
        year = dct.year if month < dct.month else dct.year - 1
    elif mod == "next":
        year = dct.year if month > dct.month else dct.year + 1
    elif mod == "this" or month == dct.month:
        year = dct.year
    elif (story := _looking_ahead_then(doc, start, end)) is not None:
        year = story.year + (month < story.month)  # "said on August 14 he would not run in September"
    else:
        past = Date(dct.year if month < dct.month else dct.year - 1, month, 1)
        future = Date(dct.year if month > dct.month else dct.year + 1, month, 1)
        year = choose(past, future, doc.tense(start, end), Date(dct.year, dct.month, 1)).year
    return v.month(year, month)


_WOULD = re.compile(r"\b(?:would|was\s+to|were\s+to|was\s+due\s+to|were\s+due\s+to)\b", re.IGNORECASE)


def _looking_ahead_then(doc: Doc, start: int, end: int) -> Date | None:
    """The story's day, when the clause looks ahead from it ("would", "was to"): a future in the past counts
    forward from that day, not from publication.  "Will" looks ahead from publication and is left alone."""
    story = doc.narrative_date(start)
    if story is None or story[0] >= doc.dct:
        return None
    lo, _ = clause_bounds(doc.text, start, end)
    return story[0] if _WOULD.search(doc.text, max(lo, start - 100), start) else None


def _resolve_partial(doc: Doc, span: str, start: int, end: int, weekday: str = "") -> Resolved | None:
    """A month and day without a year: dateparser reads month and day, the year is settled here.  A weekday
    written with it ("Wed 10 Sep") settles the year when the year it is read in has that day on another
    weekday and the year before or after has it on that one."""
    parsed = parse_date(clean(span))
    if parsed is None:
        return None
    d, granularity = parsed
    if granularity != "day":
        return _resolve_month(doc, d.month, start, end) if doc.dct is not None else None
    resolved = _resolve_month_day(doc, d.month, d.day, start, end)
    wanted = weekday_number(weekday)
    if resolved is None or wanted is None or resolved.first.weekday() == wanted:
        return resolved
    for year in (resolved.first.year - 1, resolved.first.year + 1):
        other = v.safe_date(year, d.month, d.day)
        if other is not None and other.weekday() == wanted:
            return v.day(other)
    return resolved


def _spelled_needs(g: dict) -> str | None:
    return None if g["sd_y"] else "year"


@rule(
    "spelled_day",
    rf"(?:(?i:the)\s+)?(?P<sd_o>(?i:{SPELLED_ORDINAL}))\s+(?i:of)\s+(?P<sd_m>{MON})(?:,?\s+(?P<sd_y>{YEAR}))?"
    rf"|(?P<sd_m2>{MON})\s+(?:(?i:the)\s+)?(?P<sd_o2>(?i:{SPELLED_ORDINAL}))\b(?:,?\s+(?P<sd_y2>{YEAR}))?",
    heads=[*SPELLED_ORDINAL_HEADS, "{month}"],
    needs=lambda g: None if g["sd_y"] or g["sd_y2"] else "year",
    examples=[
        ("The vote is on the first of March.", "2024-02-10", "the first of March", "2024-03-01"),
        ("He was born on the twenty-second of June, 1990.", None, "the twenty-second of June, 1990", "1990-06-22"),
        ("It opened on March first.", "2024-04-22", "March first", "2024-03-01"),
        ("2023\nThe first of March: the vote.", None, "The first of March", "2023-03-01"),
    ],
    year_in_text=True,
)
def _spelled_day(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    day = spelled_ordinal(g["sd_o"] or g["sd_o2"])
    month = month_number(g["sd_m"] or g["sd_m2"])
    year = g["sd_y"] or g["sd_y2"]
    if year:
        d = v.safe_date(int(year), month, day)
        return v.day(d) if d else None
    return _resolve_month_day(doc, month, day, hit.start, hit.end) if 1 <= day <= 31 else None


@rule(
    "day_of_month",  # a notice's "this 2nd day of July 2024", "the 14th day of March"
    rf"(?:(?i:the|this)\s+)?(?P<dd_n>{DAY})\s+(?i:day\s+of)\s+(?P<dd_m>{MON})(?:,?\s+(?P<dd_y>{YEAR}))?",
    heads=["#", "the #", "this #"],
    needs=lambda g: None if g["dd_y"] else "year",
    examples=[
        ("Dated at the capital this 2nd day of July 2024.", "2024-07-03", "this 2nd day of July 2024", "2024-07-02"),
        ("Signed on the 14th day of March.", "2024-04-22", "the 14th day of March", "2024-03-14"),
    ],
    year_in_text=True,
)
def _day_of_month(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    day, month = int(re.match(r"\d+", g["dd_n"]).group()), month_number(g["dd_m"])
    if g["dd_y"]:
        d = v.safe_date(int(g["dd_y"]), month, day)
        return v.day(d) if d else None
    return _resolve_month_day(doc, month, day, hit.start, hit.end)


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


@rule(
    "nth_weekday",  # "the last Sunday of August", "the first Monday in March 2025"
    rf"(?:(?i:the)\s+)?(?P<nw_o>(?i:{'|'.join(_NTH)}))\s+(?P<nw_d>{WEEKDAY})\s+(?i:of|in)\s+(?P<nw_m>{MON})"
    rf"(?:,?\s+(?P<nw_y>{YEAR}))?",
    heads=[*(f"{the}{word}" for the in ("the ", "") for word in _NTH)],
    needs=lambda g: None if g["nw_y"] else "year",
    examples=[
        (
            "On the last Sunday of August he made his final crossing.",
            "2024-09-29",
            "the last Sunday of August",
            "2024-08-25",
        ),
        ("Polls open on the first Monday in March 2025.", "2024-09-29", "the first Monday in March 2025", "2025-03-03"),
        (
            "2023 in Portugal\nThe fair opens on the last Sunday of August.",
            None,
            "the last Sunday of August",
            "2023-08-27",
        ),
    ],
    year_in_text=True,
)
def _nth_weekday(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    month, weekday, nth = month_number(g["nw_m"]), weekday_number(g["nw_d"]), _NTH[g["nw_o"].lower()]
    if g["nw_y"]:
        year = int(g["nw_y"])
    elif doc.dct is not None:
        year = _resolve_month(doc, month, hit.start, hit.end).first.year
    elif doc.entry is not None:  # an undated chronology: its year ("2023 in Portugal")
        year = doc.entry[0].year
    else:
        return None  # no year the text gives, and none of publication: never a year made up
    days = [d for d in range(1, v.last_day(year, month) + 1) if dt.date(year, month, d).weekday() == weekday]
    return v.day(dt.date(year, month, days[nth if nth < 0 else nth - 1])) if weekday is not None else None


@rule(
    "century",
    rf"(?:(?i:the)\s+)?(?:(?P<ce_n>[12]?[0-9])(?:st|nd|rd|th)|(?P<ce_w>(?i:{SPELLED_ORDINAL})))[\s-]+(?i:century)\b",
    heads=["the #", "#", *SPELLED_ORDINAL_HEADS],
    needs=None,
    examples=[
        ("It was built in the 11th century.", None, "the 11th century", "10"),
        ("Wars of the twentieth century.", None, "the twentieth century", "19"),
        ("A 21st-century problem.", None, "21st-century", "20"),
    ],
)
def _century(hit: Hit, doc: Doc) -> Resolved | None:
    n = int(hit.g["ce_n"]) if hit.g["ce_n"] else spelled_ordinal(hit.g["ce_w"])
    if not 1 <= n <= 22:
        return None
    first = (n - 1) * 100
    return v.years(max(first, 1), first + 99, f"{n - 1:02d}")


@rule(
    "md",
    rf"(?:{BEFORE_DATE})?(?P<md_s>{MON}\s+{DAY})\b",
    heads=["{weekday}", "{weekday_short}", "{month}"],
    examples=[
        ("He said on Oct. 17 that he was to blame.", "2024-04-22", "Oct. 17", "2023-10-17"),
        ("Passover begins on April 22.", "2024-04-22", "April 22", "2024-04-22"),
        ("Talks are scheduled to begin on February 4.", "2025-01-21", "February 4", "2025-02-04"),
        ("Thu., Oct. 3 — Debate night", "2024-09-30", "Thu., Oct. 3", "2024-10-03"),
        # no publication date: the year the text gives, a chronology's heading or the same day written in full
        ("October 2023\nOct. 9: The siege begins.", None, "Oct. 9", "2023-10-09"),
        ("The attack came on October 7, 2023. Since October 7, talks have stalled.", None, "October 7", "2023-10-07"),
    ],
    year_in_text=True,
)
def _md(hit: Hit, doc: Doc) -> Resolved | None:
    return _resolve_partial(doc, hit.g["md_s"], hit.start, hit.end, hit.text[: -len(hit.g["md_s"])])


@rule(
    "dm",
    rf"(?:{BEFORE_DATE})?(?P<dm_s>(?:the\s+)?{DAY}\s+(?:of\s+)?{MON})",
    heads=["{weekday}", "{weekday_short}", "the #", "#"],
    examples=[
        ("Voting closed on 3 March.", "2024-04-22", "3 March", "2024-03-03"),
        ("Day 1 — Monday 11 March", "2024-03-18", "Monday 11 March", "2024-03-11"),
        ("Mon 8 Sep, 6pm — Public consultation", "2025-09-08", "Mon 8 Sep", "2025-09-08"),
        ("Next hustings: Wed 10 Sep, 7pm.", "2025-03-18", "Wed 10 Sep", "2025-09-10"),
        ("January 2025\n15 January – Talks resume in Doha.", None, "15 January", "2025-01-15"),
        # what was set for a day, and then turned back or called off: the nearer day of that name
        ("Two convoys scheduled for 26 March were turned back.", "2024-04-05", "26 March", "2024-03-26"),
        ("The strike planned for 19 November was called off.", "2024-11-15", "19 November", "2024-11-19"),
        # … but "after" opens another clause: the verb there is not the noun's
        ("It called off the summit planned for 20 June after talks collapsed.", "2024-01-10", "20 June", "2024-06-20"),
        # a day a verb sets something for is still to come
        ("Unions have called a general strike for 28 March.", "2024-03-17", "28 March", "2024-03-28"),
    ],
    year_in_text=True,
)
def _dm(hit: Hit, doc: Doc) -> Resolved | None:
    return _resolve_partial(doc, hit.g["dm_s"], hit.start, hit.end, hit.text[: -len(hit.g["dm_s"])])


@rule(
    "my",
    rf"{MON},?\s+(?:of\s+)?{YEAR}",
    heads=["{month}"],
    needs=None,
    examples=[
        ("Sales fell in March 2025.", None, "March 2025", "2025-03"),
        ("By Sept. 1998 it was over.", None, "Sept. 1998", "1998-09"),
    ],
)
def _my(hit: Hit, doc: Doc) -> Resolved | None:
    return _with_year(clean(hit.text))


@rule(
    "season_year",
    rf"(?i:(?P<sy_s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?)(?P<sy_y>{YEAR})",
    heads=["{season}"],
    needs=None,
    examples=[("Talks resume in spring 2025.", None, "spring 2025", "2025-SP")],
)
def _season_year(hit: Hit, doc: Doc) -> Resolved | None:
    return v.season(int(hit.g["sy_y"]), SEASONS[hit.g["sy_s"].lower()])


def _quarter_needs(g: dict) -> str | None:
    return None if g["q_y1"] or g["q_y2"] else "month"


@rule(
    "quarter",
    rf"(?:(?i:the)\s+)?(?:(?P<q_y1>{YEAR})\s+|(?P<q_rel>(?i:last|this|next))\s+year's\s+|(?P<q_ago>(?i:year-ago|year-earlier))\s+)?"
    rf"(?P<q_n>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
    rf"[\s-](?i:quarter)(?:\s+(?:of\s+)?(?P<q_y2>{YEAR}))?",
    heads=[
        "the #",
        "the last",
        "the this",
        "the next",
        "the year",
        "the {ordinal}",
        "#",
        "last",
        "this",
        "next",
        "year",
        "{ordinal}",
    ],
    needs=_quarter_needs,
    examples=[
        ("Results for the third quarter of 1989 were weak.", None, "the third quarter of 1989", "1989-Q3"),
        ("Profit rose in the third quarter.", "1989-10-26", "the third quarter", "1989-Q3"),
        ("Results are due in the first quarter of 2025.", "2024-04-22", "the first quarter of 2025", "2025-Q1"),
    ],
)
def _quarter(hit: Hit, doc: Doc) -> Resolved | None:
    g, dct = hit.g, doc.dct
    q = ORDINALS[g["q_n"].lower()]
    if g["q_y1"] or g["q_y2"]:
        return v.quarter(int(g["q_y1"] or g["q_y2"]), q)
    if g["q_rel"]:
        return v.quarter(dct.year + _OFFSETS[g["q_rel"].lower()], q)
    latest = _latest_quarter_numbered(dct, q)
    return v.quarter(latest.first.year - 1, q) if g["q_ago"] else latest


@rule(
    "qn",
    rf"\bQ(?P<qn_n>[1-4])(?:\s+(?P<qn_y>{YEAR})|\b)",
    heads=["q"],
    needs=lambda g: None if g["qn_y"] else "month",
    examples=[
        ("The Q3 2024 figures disappointed.", None, "Q3 2024", "2024-Q3"),
        ("Sales fell in Q3.", "2024-11-20", "Q3", "2024-Q3"),
    ],
)
def _qn(hit: Hit, doc: Doc) -> Resolved | None:
    q = int(hit.g["qn_n"])
    if hit.g["qn_y"]:
        return v.quarter(int(hit.g["qn_y"]), q)
    return _latest_quarter_numbered(doc.dct, q)


def _latest_quarter_numbered(dct: Date, q: int) -> Resolved:
    """'the third quarter', 'Q3' without a year: this year's once it has begun, else last year's."""
    return v.quarter(dct.year if Date(dct.year, 3 * q - 2, 1) <= dct else dct.year - 1, q)


@rule(
    "fiscal",
    rf"\b(?i:fiscal(?:\s+year)?|FY)\s*(?P<fy>{YEAR})",
    heads=["fiscal", "fy"],
    needs=None,
    examples=[("The plan was drafted in fiscal 1988.", None, "fiscal 1988", "1988")],
)
def _fiscal(hit: Hit, doc: Doc) -> Resolved | None:
    return v.year(int(hit.g["fy"]))


@rule(
    "decade",
    r"(?<![\w$])(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]*)?(?P<dec>1[0-9]{2}|20[0-9])0'?s\b",
    heads=["the #", "the early", "the mid", "the late", "early", "mid", "late", "#"],
    needs=None,
    examples=[
        ("Growth returned in the 1990s.", None, "the 1990s", "199"),
        ("It peaked in the late 1980s.", None, "the late 1980s", "198"),
    ],
)
def _decade(hit: Hit, doc: Doc) -> Resolved | None:
    first = int(hit.g["dec"]) * 10
    return v.years(first, first + 9, hit.g["dec"])


# --------------------------------------------------------------------------
# Relative to the publication date
# --------------------------------------------------------------------------


def _unit_needs(unit: str) -> str:
    return {"day": "day", "week": "day", "year": "year"}.get(unit, "month")


@rule(
    "rel_unit",
    r"(?i:(?P<ru_ed>early|late|later|earlier)\s+)?(?P<ru_mod>(?i:last|this|next|past|previous|coming|current))"
    r"\s+(?P<ru_unit>(?i:week|month|year|quarter|spring|summer|fall|autumn|winter))\b",
    heads=["early", "late", "later", "earlier", "last", "this", "next", "past", "previous", "coming", "current"],
    needs=lambda g: _unit_needs(g["ru_unit"].lower()),
    examples=[
        ("Prices rose last month.", "2024-04-22", "last month", "2024-03"),
        ("Prices rose earlier this year.", "2024-04-22", "earlier this year", "2024"),
        ("Prices rose last week.", "2024-04-22", "last week", "2024-W16"),
        ("Stocks fell last fall.", "1999-04-10", "last fall", "1998-FA"),
    ],
)
def _rel_unit_rule(hit: Hit, doc: Doc) -> Resolved | None:
    return _rel_unit(hit.g["ru_mod"].lower(), hit.g["ru_unit"].lower(), doc.dct)


def _rel_unit(mod: str, unit: str, dct: Date) -> Resolved | None:
    offset = _OFFSETS[mod]
    if unit == "week":
        return v.week(dct + dt.timedelta(weeks=offset))
    if unit == "month":
        d = v.add_months(Date(dct.year, dct.month, 1), offset)
        return v.month(d.year, d.month)
    if unit == "year":
        return v.year(dct.year + offset)
    if unit == "quarter":
        q = (dct.month - 1) // 3 + offset
        return v.quarter(dct.year + q // 4, q % 4 + 1)
    code = SEASONS[unit]
    this_year = dct.year - 1 if code == "WI" and dct.month <= 2 else dct.year
    if offset == 0:
        return v.season(this_year, code)
    if offset < 0:
        return v.season(this_year if v.season(this_year, code).last < dct else this_year - 1, code)
    return v.season(this_year if v.season(this_year, code).first > dct else this_year + 1, code)


@rule(
    "the_past",
    r"(?i:the\s+(?P<tp_mod>past|previous|coming|next)\s+(?P<tp_unit>year|month|week))\b",
    heads=["the past", "the previous", "the coming", "the next"],
    needs=lambda g: _unit_needs(g["tp_unit"].lower()),
    examples=[("Over the past year, prices rose.", "2024-04-22", "the past year", "2023")],
)
def _the_past(hit: Hit, doc: Doc) -> Resolved | None:
    mod = {"past": "last", "previous": "last", "coming": "next", "next": "next"}[hit.g["tp_mod"].lower()]
    return _rel_unit(mod, hit.g["tp_unit"].lower(), doc.dct)


@rule(
    "weekend",
    r"(?i:(?P<we_mod>the|this|last|next|that)\s+weekend)\b",
    heads=["the weekend", "this", "last", "next", "that weekend"],
    needs="day",
    in_week=True,
    examples=[("Fighting eased over the weekend.", "2024-04-22", "the weekend", "2024-W16-WE")],
)
def _weekend(hit: Hit, doc: Doc) -> Resolved:
    dct, mod = doc.dct, hit.g["we_mod"].lower()
    saturday = dct + dt.timedelta(days=(5 - dct.weekday()) % 7)
    if dct.weekday() == 6:
        saturday = dct - dt.timedelta(days=1)
    previous = saturday if saturday <= dct else saturday - dt.timedelta(days=7)
    upcoming = saturday if saturday >= dct else saturday + dt.timedelta(days=7)
    if mod == "last":
        chosen = previous if previous < dct - dt.timedelta(days=1) else previous - dt.timedelta(days=7)
    elif mod in ("next", "this"):
        chosen = upcoming
    else:
        chosen = previous if doc.tense(hit.start, hit.end) != "future" else upcoming
    iso = chosen.isocalendar()
    return Resolved(f"{iso.year:04d}-W{iso.week:02d}-WE", "day", chosen, chosen + dt.timedelta(days=1))


@rule(
    "year_ago_adj",
    r"(?i:(?:the\s+(?:comparable\s+|same\s+)?)?year-(?:earlier|ago)(?:\s+(?P<ya_q>quarter|period))?)\b",
    heads=["the comparable", "the same", "the year", "year"],
    needs="month",
    examples=[
        ("Third-quarter profit rose, compared with a year-earlier loss.", "1989-10-26", "year-earlier", "1988-Q3")
    ],
)
def _year_ago_adj(hit: Hit, doc: Doc) -> Resolved:
    dct = doc.dct
    quarter = doc.latest_quarter(hit.start)
    if quarter is None and hit.g["ya_q"] and hit.g["ya_q"].lower() == "quarter":
        q = (dct.month - 1) // 3 - 1
        quarter = (dct.year + q // 4, q % 4 + 1)
    return v.quarter(quarter[0] - 1, quarter[1]) if quarter else v.year(dct.year - 1)


def spelled_year(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'nineteen hundred' -> 1900."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBER_WORDS[w] for w in parts[2:])
    century = NUMBER_WORDS[parts[0]] * 100
    return century if parts[1:] == ["hundred"] else century + sum(NUMBER_WORDS[w] for w in parts[1:])


_SPELLED_YEAR = (
    rf"(?:nineteen|twenty)[\s-]+(?:{_TEENS}|{_TENS}(?:[\s-]+{_ONES})?|hundred)"
    rf"|two\s+thousand(?:[\s-]+(?:and\s+)?(?:{_TEENS}|{_ONES}))?"
)


@rule(
    "spelled_period",
    rf"(?:(?i:the)\s+)?(?:(?P<sp_s>(?i:spring|summer|fall|autumn|winter))\s+(?i:of)\s+|(?P<sp_m>{_MON_FULL})\s+(?:of\s+)?)"
    rf"(?P<sp_y>(?i:{_SPELLED_YEAR}))\b",
    heads=["the {season}", "{season}", "the {month}", "{month}"],
    needs=None,
    examples=[
        ("The winter of nineteen ninety-four was harsh.", None, "The winter of nineteen ninety-four", "1994-WI"),
        ("January nineteen ninety-seven brought a bomb.", None, "January nineteen ninety-seven", "1997-01"),
    ],
)
def _spelled_period(hit: Hit, doc: Doc) -> Resolved | None:
    """A season or a month of a year written in words, as broadcast transcripts have them."""
    year = spelled_year(hit.g["sp_y"])
    if year is None:
        return None
    if hit.g["sp_s"]:
        return v.season(year, SEASONS[hit.g["sp_s"].lower()])
    return v.month(year, month_number(hit.g["sp_m"]))


@rule(
    "spelled_year",
    rf"(?:(?i:the\s+year)\s+)?(?P<sp>(?i:(?:nineteen|twenty)[\s-]+(?:{_TEENS}|{_TENS}(?:[\s-]+{_ONES})?|hundred)"
    rf"|two\s+thousand(?:[\s-]+(?:and\s+)?(?:{_TEENS}|{_ONES}))?))\b",
    heads=["the year", "nineteen", "twenty", "two thousand"],
    needs=None,
    examples=[
        ("Keating was convicted in nineteen ninety-six.", None, "nineteen ninety-six", "1996"),
        ("Unemployment halves by the year two thousand.", None, "the year two thousand", "2000"),
    ],
)
def _spelled_year(hit: Hit, doc: Doc) -> Resolved | None:
    year = spelled_year(hit.g["sp"])
    return None if year is None or year_is_count(doc.text, hit.start, hit.end) else v.year(year)


@rule(
    "end_of",
    r"(?i:(?:the\s+)?(?P<eo_edge>end|close|beginning|start|turn)\s+of\s+(?:the\s+)?(?P<eo_mod>this\s+|next\s+|last\s+|current\s+)?"
    r"(?P<eo_u>year|month|quarter|decade|century)|year-end|year's\s+end)\b",
    heads=["the end", "the close", "the beginning", "the start", "the turn", "end", "close", "year"],
    needs=lambda g: "month" if (g["eo_u"] or "").lower() in ("month", "quarter") else "year",
    examples=[
        ("The plant closes at the end of the year.", "1989-10-26", "the end of the year", "1989"),
        ("Talks resume at the beginning of next month.", "2024-04-22", "the beginning of next month", "2024-05"),
        ("The deal should close by year-end.", "1989-10-26", "year-end", "1989"),
    ],
)
def _end_of(hit: Hit, doc: Doc) -> Resolved | None:
    """'the end of the year', 'the beginning of next month': the period itself, at its own precision."""
    dct, unit = doc.dct, (hit.g["eo_u"] or "year").lower()
    mod = (hit.g["eo_mod"] or "this").strip().lower()
    offset = _OFFSETS[mod]
    if unit in ("month", "quarter"):
        return _rel_unit(mod, unit, dct)
    if unit == "decade":
        start = (dct.year // 10 + offset) * 10
        return v.years(start, start + 9, f"{start // 10:03d}")
    if unit == "century":
        start = (dct.year // 100 + offset) * 100
        return v.years(start, start + 99, f"{start // 100:02d}")
    if not hit.g["eo_mod"] and hit.g["eo_u"]:
        anchor = doc.latest_anchor(hit.start)
        if anchor and anchor[1] == "year":
            return v.year(anchor[0].year)
    return _rel_unit(mod, "year", dct)


@rule(
    "the_year",
    r"(?i:the\s+(?:full\s+|current\s+|fiscal\s+|calendar\s+)*year)\b(?!\s+(?:before|after|earlier|later|ago))",
    heads=["the full", "the current", "the fiscal", "the calendar", "the year"],
    examples=[("Sales for the full year rose.", "1989-10-26", "the full year", "1989")],
)
def _the_year(hit: Hit, doc: Doc) -> Resolved:
    if "current" in hit.text.lower():
        return v.year(doc.dct.year)
    anchor = doc.latest_anchor(hit.start)
    return v.year(anchor[0].year if anchor and anchor[1] == "year" else doc.dct.year)


@rule(
    "year_period",
    rf"(?i:the\s+)(?P<yp_y>{YEAR})\s+(?P<yp_u>(?i:quarter|period))\b",
    heads=["the #"],
    needs=None,
    examples=[("Profit rose from $3 million in the 1988 quarter.", "1989-10-26", "the 1988 quarter", "1988")],
)
def _year_period(hit: Hit, doc: Doc) -> Resolved:
    """'the 1988 quarter' in a report on the third quarter is the third quarter of 1988."""
    year = int(hit.g["yp_y"])
    quarter = doc.latest_quarter(hit.start)
    return v.quarter(year, quarter[1]) if quarter else v.year(year)


@rule(
    "the_quarter",
    r"(?i:the\s+(?P<tq_mod>latest\s+|current\s+|most\s+recent\s+|recent\s+)?quarter"
    r"|the\s+(?P<tq_latest>latest|most\s+recent)\s+period)\b",
    heads=["the latest", "the current", "the most", "the recent", "the quarter"],
    needs="month",
    examples=[
        ("Net income for the quarter fell.", "1989-10-26", "the quarter", "1989-Q3"),
        ("Third-quarter sales rose. In the latest period, costs fell.", "1989-11-02", "the latest period", "1989-Q3"),
    ],
)
def _the_quarter(hit: Hit, doc: Doc) -> Resolved:
    """'the quarter' in business news is the last quarter reported; 'the current quarter' this one;
    'the latest period' the quarter under discussion."""
    dct = doc.dct
    if hit.g["tq_latest"]:
        quarter = doc.latest_quarter(hit.start)
        if quarter:
            return v.quarter(*quarter)
    q = (dct.month - 1) // 3 + (0 if (hit.g["tq_mod"] or "").strip().lower() == "current" else -1)
    return v.quarter(dct.year + q // 4, q % 4 + 1)


def _mod_month_needs(g: dict) -> str:
    return "month" if g["mm_mod"].lower() in ("last", "this", "next") else "year"


@rule(
    "mod_month",
    rf"(?P<mm_mod>(?i:early|mid|late|last|this|next|the\s+(?:end|beginning|start|middle)\s+of))"
    rf"[\s-]*(?P<mm_m>{_MON_FULL})\b",
    heads=["early", "mid", "late", "last", "this", "next", "the end", "the beginning", "the start", "the middle"],
    needs=_mod_month_needs,
    examples=[
        ("The firm will report in early November.", "1989-10-30", "early November", "1989-11"),
        ("Stocks rose last October.", "2024-04-22", "last October", "2023-10"),
    ],
)
def _mod_month(hit: Hit, doc: Doc) -> Resolved:
    mod = hit.g["mm_mod"].lower()
    return _resolve_month(doc, month_number(hit.g["mm_m"]), hit.start, hit.end, mod if mod in _OFFSETS else "")


@rule(
    "mod_year",
    rf"(?P<my_mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|last\s+half"
    r"|first\s+two\s+quarters|last\s+two\s+quarters)\s+of))"
    rf"[\s-]*(?P<my_y>{YEAR})",
    heads=[
        *("early", "mid", "late", "end", "beginning", "start", "middle", "first", "second", "last"),
        *("the end", "the beginning", "the start", "the middle", "the first", "the second", "the last"),
    ],
    needs=None,
    examples=[
        ("Elections are due in early 2024.", None, "early 2024", "2024"),
        ("Sales rose in the first half of 2024.", None, "the first half of 2024", "2024-H1"),
    ],
)
def _mod_year(hit: Hit, doc: Doc) -> Resolved:
    mod = " ".join(hit.g["my_mod"].lower().split())
    if "half" in mod or "two quarters" in mod:
        return v.half(int(hit.g["my_y"]), 1 if "first" in mod else 2)
    return v.year(int(hit.g["my_y"]))


ANCHOR_LOOKBACK = 60  # dates searched back for "the attack" in "ten days after the attack"


@rule(
    "offset_date",
    rf"(?P<of_n>(?i:{NUM}))\s+(?P<of_unit>(?i:day|week|month|year))s?\s+(?P<of_dir>(?i:after|before))\s+"
    rf"(?P<of_md>{MON}\s+{DAY})(?:,?\s+(?P<of_y>{YEAR}))?\b",
    heads=["#", "{number} {unit}"],
    needs=lambda g: None if g["of_y"] else "year",
    examples=[
        ("He resigned three days after January 12.", "2025-02-03", "three days after January 12", "2025-01-15"),
        ("A week before March 3, 2022, troops massed.", None, "A week before March 3, 2022", "2022-W08"),
        ("Fifteen months after October 7, he quit.", "2025-01-23", "Fifteen months after October 7", "2025-01"),
    ],
)
def _offset_date(hit: Hit, doc: Doc) -> Resolved | None:
    """'three days after January 12': that date, moved."""
    g = hit.g
    if g["of_y"]:
        base = _with_year(f"{clean(g['of_md'])} {g['of_y']}")
    else:
        base = _resolve_partial(doc, g["of_md"], hit.start, hit.end)
    if base is None or base.granularity != "day":
        return None
    n = number(g["of_n"]) * (1 if g["of_dir"].lower() == "after" else -1)
    moved = v.shift((base.first, "day"), n, g["of_unit"].lower())
    if not g["of_y"] and doc.dct is not None and moved.first > doc.dct and doc.tense(hit.start, hit.end) != "future":
        # "Fifteen months after October 7, he at last drew the conclusion": a time that has come, so the day it
        # counts from is the year before's
        earlier = v.safe_date(base.first.year - 1, base.first.month, base.first.day)
        if earlier is not None and (before := v.shift((earlier, "day"), n, g["of_unit"].lower())).first <= doc.dct:
            return before
    return moved


@rule(
    "month_of_that_year",
    rf"(?P<mt_m>{_MON_FULL})\s+(?i:of\s+(?:that|the\s+(?P<mt_rel>same|following|next|previous|preceding))\s+year)\b",
    heads=["{month}"],
    needs=None,
    examples=[
        (
            "The war began in 1939. In August of that year, talks failed.",
            "2024-04-22",
            "August of that year",
            "1939-08",
        ),
        (
            "He left in 2010 and returned in May of the following year.",
            "2024-04-22",
            "May of the following year",
            "2011-05",
        ),
    ],
)
def _month_of_that_year(hit: Hit, doc: Doc) -> Resolved | None:
    anchor = doc.latest_anchor(hit.start)
    if anchor is None:
        return None
    step = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get((hit.g["mt_rel"] or "").lower(), 0)
    return v.month(anchor[0].year + step, month_number(hit.g["mt_m"]))


@rule(
    "that_weekday",
    rf"(?i:that|the\s+(?P<tw_rel>following|previous|preceding))\s+(?P<tw_wd>{WEEKDAY})",
    heads=["that {weekday}", "the following", "the previous", "the preceding"],
    needs=None,
    examples=[
        ("Polls opened on Thursday, March 5, 2020. That Saturday, results came.", None, "That Saturday", "2020-03-07"),
        (
            "The deal was struck on June 4, 2021. The following Monday, it collapsed.",
            None,
            "The following Monday",
            "2021-06-07",
        ),
    ],
)
def _that_weekday(hit: Hit, doc: Doc) -> Resolved | None:
    """'that Saturday', 'the following Monday': a weekday counted from the date the text last established."""
    anchor = doc.latest_anchor(hit.start, "week")
    if anchor is None:
        return None
    base, granularity = anchor
    target = WEEKDAYS.index(hit.g["tw_wd"].lower())
    rel = (hit.g["tw_rel"] or "").lower()
    if granularity == "week":
        return v.day(base + dt.timedelta(days=target - base.weekday()))
    if rel in ("previous", "preceding"):
        return v.day(base - dt.timedelta(days=(base.weekday() - target) % 7 or 7))
    return v.day(base + dt.timedelta(days=(target - base.weekday()) % 7 or 7))


@rule(
    "anchored",
    rf"(?P<an_n>(?i:{NUM}))\s+(?P<an_unit>(?i:day|week|month|year))s?\s+(?P<an_dir>(?i:after|before))"
    r"\s+(?i:the|this|that)\s+(?P<an_noun>[a-z]+(?:\s+[a-z]+)?)",
    heads=["#", "{number} {unit}"],
    needs=None,
    examples=[
        (
            "On Oct. 7, he was warned hours before the attack. Ten days after the attack, he announced it.",
            "2024-04-22",
            "Ten days after the attack",
            "2023-10-17",
        )
    ],
)
def _anchored(hit: Hit, doc: Doc) -> Resolved | None:
    """'N units after/before the NOUN': count from a day-precise date mentioned beside that noun."""
    g = hit.g
    stems = {n.rstrip("s")[:6] for n in g["an_noun"].lower().split() if len(n) > 3}
    if not stems:
        return None
    for t in reversed(doc.found[-ANCHOR_LOOKBACK:]):
        if t.granularity != "day" or t.first != t.last or not t.is_calendar:
            continue
        lo, hi = clause_bounds(doc.text, t.start, t.end)
        # the noun beside that date, not this expression's own ("over, 28 days after the last case …")
        beside = doc.text[lo : min(hi, hit.start)] + " " + doc.text[max(lo, hit.end) : hi]
        context = {w.lower().rstrip("s")[:6] for w in words_of(beside)}
        if stems & context:
            n = number(g["an_n"]) * (1 if g["an_dir"].lower() == "after" else -1)
            return v.shift((t.first, "day"), n, g["an_unit"].lower())
    return None


_HEDGED_NUMBERS = [
    f"{h} {n}"
    for h in ("about", "nearly", "almost", "some", "roughly", "around", "just", "only", "over", "more", "less")
    for n in ("#", "{number}", "than", "a", "several")
]


def _ago_needs(g: dict) -> str | None:
    if g["ago_dir"].lower() in ("earlier", "later"):
        return None  # counted from the date the text last established: an undated text has those too
    if g["ago_vague"]:
        return "year"
    if g["ago_today"]:
        return "day"  # "a year ago today" names a day: a month-only publication date gives none
    return _unit_needs(g["ago_unit"].lower())


@rule(
    "ago",
    r"(?i:(?:about|nearly|almost|some|roughly|around|more\s+than|less\s+than|just|only|over)\s+)?"
    rf"(?:(?P<ago_n>(?i:{NUM}))|(?P<ago_vague>(?i:a\s+few|several|a\s+couple\s+of|many)))\s+"
    r"(?P<ago_unit>(?i:day|week|month|year|decade))s?(?:\s+or\s+so)?\s+(?P<ago_dir>(?i:ago|earlier|later|from\s+now))"
    r"(?:\s+(?P<ago_today>(?i:today))\b)?",
    heads=["#", "{number} {unit}", "a few", "a couple", "several", "many", *_HEDGED_NUMBERS],
    needs=_ago_needs,
    examples=[
        ("It closed nearly two weeks ago.", "1989-10-30", "nearly two weeks ago", "1989-W42"),
        ("A few years ago, it was small.", "1998-10-01", "A few years ago", "PAST_REF"),
        ("A decade ago it was small.", "1999-10-01", "A decade ago", "1989"),
        ("It happened two weeks ago.", "2024-04-22", "two weeks ago", "2024-W15"),
        ("It happened three days ago.", "2024-04-22", "three days ago", "2024-04-19"),
        ("Third-quarter profit rose to $5 million from $4 million a year ago.", "1989-10-26", "a year ago", "1988-Q3"),
        # "… ago today": that very day, so many units back
        ("A year ago today, the attack began.", "2024-10-07", "A year ago today", "2023-10-07"),
    ],
)
def _ago(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    unit, direction = g["ago_unit"].lower(), g["ago_dir"].lower()
    sign = -1 if direction in ("ago", "earlier") else 1
    if g["ago_vague"]:
        if direction in ("earlier", "later"):  # "a few days later": counted from another date, by an unknown amount
            return v.duration(_duration_value("X", unit))
        return v.reference("PAST_REF" if sign < 0 else "FUTURE_REF")
    n = number(g["ago_n"])
    if unit == "decade":
        n, unit = 10 * n, "year"
    if g["ago_today"] and direction == "ago" and doc.dct is not None:  # "a year ago today": that day, a year back
        back = v.add_months(doc.dct, -n * (12 if unit == "year" else 1)) if unit in ("year", "month") else None
        return v.day(back or doc.dct - dt.timedelta(days=n * (7 if unit == "week" else 1)))
    quarter = doc.latest_quarter(hit.start) if unit == "year" else None
    if quarter is not None:  # results "up from $10 million a year ago": the same quarter, a year before
        return v.quarter(quarter[0] + n * sign, quarter[1])
    anchor = doc.latest_anchor(hit.start, unit) if direction in ("earlier", "later") else (doc.dct, "day")
    out = v.shift(anchor, n * sign, unit) if anchor else None
    if (
        out is not None
        and direction == "later"
        and doc.dct is not None
        and out.first > doc.dct
        and doc.tense(hit.start, hit.end) != "future"
    ):
        return None  # "Eighteen months later, the mood has changed" past publication: the day it counts from is misread
    return out


_LANDMARK_CLAUSE = re.compile(r"\b(?:after|before|since)\b", re.IGNORECASE)


@rule(
    "anchored_clause",  # "sworn in on Thursday, three days after Sheikh Hasina resigned"
    rf"(?P<ac_n>(?i:{NUM}))\s+(?P<ac_unit>(?i:day|week|month|year))s?\s+(?P<ac_dir>(?i:after|before))"
    r"(?=\s+(?!(?i:the|this|that|a|an)\b)[A-Za-z])",
    heads=["#", "{number} {unit}"],
    needs=None,
    examples=[
        (
            "Yunus was sworn in on Thursday, three days after Hasina resigned.",
            "2024-08-09",
            "three days after",
            "2024-08-05",
        ),
        ("The strike on Tuesday came a day after missiles hit Odesa.", "2024-03-06", "a day after", "2024-03-04"),
        # what happened is counted from a day that has come (the saying's), not from one still ahead
        (
            "She will step down on Sept. 30, the firm said on Monday, a week after shareholders rejected her plan.",
            "2024-09-03",
            "a week after",
            "2024-W35",
        ),
    ],
)
def _anchored_clause(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    anchor = doc.latest_anchor(hit.start, g["ac_unit"].lower())
    if anchor is not None:
        lo, _ = clause_bounds(doc.text, hit.start, hit.end)
        at = next((t.start for t in reversed(doc.found) if t.end <= hit.start and t.first == anchor[0]), -1)
        if at >= lo and _LANDMARK_CLAUSE.search(doc.text, lo, at):
            # "carried out a week after the ceasefire took effect on January 19 and two days after …": that day
            # is another landmark's, not the day of what the sentence reports
            return None
    sign = -1 if g["ac_dir"].lower() == "after" else 1  # the clause after "after" happened N units before
    shifted = v.shift(anchor, sign * number(g["ac_n"]), g["ac_unit"].lower()) if anchor else None
    if shifted is not None and doc.dct is not None and shifted.first > doc.dct and tells_past_after(doc.text, hit.end):
        # "will step down on Sept. 30, the company said on Monday, a week after shareholders rejected her plan": what
        # happened is counted from a day that has come, the saying's, not from the day still ahead
        anchor = doc.latest_anchor(hit.start, g["ac_unit"].lower(), within=(dt.date.min, doc.dct))
        shifted = v.shift(anchor, sign * number(g["ac_n"]), g["ac_unit"].lower()) if anchor else None
    return shifted


_DAY_PARTS = frozenset(("day", "morning", "afternoon", "evening", "night"))
_APPOSITION = re.compile(r"\s*,\s*")  # between a date and "the day after …" that says what that date was
_CLAUSE_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|[A-Z])")  # what "the day after" is counted from


def _apposed(doc: Doc, hit: Hit) -> bool:
    """Whether "the day after/before" follows a day-precise date, after a comma, and names what it is counted from:
    "on 29 April, the day after the blockade ended" dates the blockade's end, as "three days after Hasina
    resigned" dates the resignation (``anchored_clause``), while "The day before, protesters marched" is counted
    from the date."""
    last = doc.found[-1] if doc.found else None
    return (
        last is not None
        and last.is_calendar
        and last.granularity == "day"
        and _APPOSITION.fullmatch(doc.text, last.end, hit.start) is not None
        and _CLAUSE_AFTER.match(doc.text, hit.end) is not None
    )


@rule(
    "anchored_day",  # the date the text last established, moved: "the next day", "later that month"
    r"(?i:the\s+day\s+(?P<ad_far>before\s+yesterday|after\s+tomorrow)"
    r"|(?P<ad_pre>later|earlier)\s+(?:that|(?P<ad_in>in\s+the))\s+(?P<ad_u1>day|week|month|year)"
    r"|the\s+day\s+(?P<ad_dir>before|after)"
    r"|(?:the\s+(?P<ad_rel>next|following|previous|same)|that)\s+(?P<ad_u2>day|morning|afternoon|evening|night|week|month|year))\b",
    heads=[
        "the day",
        "later",
        "earlier",
        "the next",
        "the following",
        "the previous",
        "the same",
        "that {unit}",
        "that {part}",
    ],
    needs=None,
    examples=[
        (
            "Azerbaijan attacked on Sept. 19, 2023. Officials agreed to disarm the next day.",
            "2024-04-22",
            "the next day",
            "2023-09-20",
        ),
        (
            "The raid began on March 3, 2022. On that morning, gunmen stormed the town.",
            "2024-04-22",
            "that morning",
            "2022-03-03TMO",
        ),
        ("Talks opened on May 2, 2021, and collapsed later that month.", "2024-04-22", "later that month", "2021-05"),
        (
            "Talks opened on May 2, 2021, and collapsed later in the month.",
            "2024-04-22",
            "later in the month",
            "2021-05",
        ),
        ("The committee travels to Kyiv later in the month.", "2024-06-03", "later in the month", "2024-06"),
        (
            "The vote was on June 4, 2020. The day before, protesters marched.",
            "2024-04-22",
            "The day before",
            "2020-06-03",
        ),
        ("It happened the day before yesterday.", "2024-04-22", "the day before yesterday", "2024-04-20"),
        (
            "I met the union on 29 April, the day after the blockade ended.",
            "2025-06-13",
            "the day after",
            "2025-04-28",
        ),
        (
            "The chief resigned on Monday and will step down on March 6. His deputy resigned on the same day.",
            "2025-01-21",
            "the same day",
            "2025-01-20",
        ),
    ],
)
def _anchored_day(hit: Hit, doc: Doc) -> Resolved | None:
    """'the next day', 'that morning', 'later that month': the date the text last established, moved.

    With no date established shortly before, the publication date is the reference (as in
    "the day before yesterday")."""
    g = hit.g
    if g["ad_far"]:
        if doc.dct is None or doc.dct_precision != "day":
            return None
        return v.day(doc.dct + dt.timedelta(days=-2 if g["ad_far"].lower().startswith("before") else 2))
    unit = (g["ad_u1"] or g["ad_u2"] or "day").lower()
    if g["ad_in"] and doc.tense(hit.start, hit.end) != "past" and doc.dct is not None:
        # "travels to Kyiv later in the month": the month it is written in; "collapsed later in the month":
        # the month the story is in, as "later that month"
        return v.at(doc.dct, unit) if v.GRANULARITIES.index(doc.dct_precision) <= v.GRANULARITIES.index(unit) else None
    counted = "day" if unit in _DAY_PARTS else unit
    anchor = doc.latest_anchor(hit.start, counted)
    if anchor is not None and doc.dct is not None and anchor[0] > doc.dct and told_in_past(doc.text, hit.start):
        # "Halevi will step down on March 6. Finkelman also announced his resignation on the same day": what has
        # happened is counted from a day of the news that had come (not from a landmark long before)
        recent = (doc.dct - dt.timedelta(days=NARRATIVE_DAYS), doc.dct)
        anchor = doc.latest_anchor(hit.start, counted, within=recent)
        if anchor is None:
            return None
    if anchor is None:
        if doc.dct is None or doc.dct_precision != "day":
            return None  # nothing to count from but a publication day it does not have
        anchor = (doc.dct, "day")
    if g["ad_dir"]:
        step = -1 if g["ad_dir"].lower() == "before" else 1
        if _apposed(doc, hit):  # "on 29 April, the day after the blockade ended": the blockade ended a day before
            step = -step
        return v.shift(anchor, step, "day")
    step = {"next": 1, "following": 1, "previous": -1}.get((g["ad_rel"] or "").lower(), 0)
    if unit in _DAY_PARTS:
        moved = v.shift(anchor, step, "day")
        return _with_part(moved, unit if unit != "day" else None) if moved else None
    first, granularity = anchor
    if v.GRANULARITIES.index(granularity) > v.GRANULARITIES.index(unit):
        return None  # "that week" after "in 2019": no week to speak of
    if step:
        return v.shift(anchor, step, unit)
    return v.at(first, unit)


_ZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)"
_DAY_OF_TIME = rf"(?P<cl_wd>{WEEKDAY})|(?P<cl_dw>(?i:today|yesterday|tomorrow))|(?P<cl_md>{MON}\s+{DAY})\b"


@rule(
    "clock",
    r"(?:(?P<cl_h>1[0-2]|0?[1-9])(?::(?P<cl_m>[0-5][0-9]))?\s*(?P<cl_ap>[ap])\.?\s?m\b\.?"
    r"|(?P<cl_h24>[01]?[0-9]|2[0-3])[:.](?P<cl_m24>[0-5][0-9])(?=\s*" + _ZONE + r"\b)"
    r"|(?P<cl_noon>(?i:noon|midday|midnight))\b)"
    rf"(?:\s+{_ZONE})?(?:,?\s+(?:on\s+)?(?:{_DAY_OF_TIME}))?",
    heads=["#", "noon", "midday", "midnight"],
    needs="day",
    in_week=True,
    examples=[
        ("The blast came at 10:35 a.m.", "1998-08-07", "10:35 a.m.", "1998-08-07T10:35"),
        ("Polls close at 9 p.m. Tuesday.", "2000-04-03", "9 p.m. Tuesday", "2000-03-28T21:00"),
        ("The deadline is 5 p.m. EST Nov. 9.", "1989-11-01", "5 p.m. EST Nov. 9", "1989-11-09T17:00"),
        ("The talks start at 14:30 GMT.", "2024-04-22", "14:30 GMT", "2024-04-22T14:30"),
        ("He arrived at noon Saturday.", "1991-02-18", "noon Saturday", "1991-02-16T12:00"),
        # the end of a span is the first such day after its start
        ("Trains will not run from 10pm Friday until 5am Monday.", "2024-06-13", "5am Monday", "2024-06-17T05:00"),
    ],
)
def _clock(hit: Hit, doc: Doc) -> Resolved | None:
    """'10:35 a.m.', '9 p.m. Tuesday', '14:30 GMT', 'noon': a time on the day it names, else the day of writing."""
    g = hit.g
    if g["cl_noon"]:
        hour, minute = (24, 0) if g["cl_noon"].lower() == "midnight" else (12, 0)
    elif g["cl_h24"]:
        hour, minute = int(g["cl_h24"]), int(g["cl_m24"])
    else:
        hour, minute = int(g["cl_h"]) % 12 + (12 if g["cl_ap"].lower() == "p" else 0), int(g["cl_m"] or 0)
    if g["cl_wd"]:
        when = _weekday_date(doc, g["cl_wd"].lower(), "", hit.start, hit.end)
    elif g["cl_dw"]:
        when = _dayword_date(doc, g["cl_dw"])
    elif g["cl_md"]:
        when = _resolve_partial(doc, g["cl_md"], hit.start, hit.end)
    else:  # a time alone: its value says on which day, but it names no day of its own, so it dates no event
        day = _day_in_discourse(doc, hit.start)
        return Resolved(f"{day.value}T{hour:02d}:{minute:02d}", None, None, None, "TIME")
    return v.time_of(when, f"{hour:02d}:{minute:02d}") if when else None


_UNIT = r"(?P<du_unit>second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ies))"
_NUMBER_WORD = rf"(?:{_TENS}(?:[\s-]+{_ONES})?|{_TEENS}|{_ONES}|a\s+hundred|hundred|a|an)"


# What a duration is made of, each written once: the pattern and its heads are both built from these.
_DU_THE = ("past", "last", "next", "first", "previous", "coming", "following", "final", "initial")  # "the past"
_DU_BEFORE = ("the", "past", "last", "next", "another")  # a determiner before the count: "another three months"
_DU_HEDGES = (
    "about", "nearly", "almost", "more than", "less than", "fewer than", "at least", "over", "up to", "some",
    "no more than", "roughly", "around", "approximately", "only", "just",
)  # fmt: skip
_DU_MODIFIERS = ("more", "additional", "straight", "consecutive", "full", "trading", "business", "calendar")
_DU_VAGUE = ("several", "few", "many", "recent", "coming")  # a count that is no number, alone before its unit
_DU_VAGUE_PHRASES = (
    "a few",
    "a couple of",
    "a number of",
    "the past few",
    "the last few",
    "the next few",
    "the coming",
)


def _words(words: tuple[str, ...]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in words)


_VAGUE = rf"(?P<du_vague>{_words((*_DU_VAGUE_PHRASES, *_DU_VAGUE))})"


def _duration_heads() -> list[str]:
    """What a duration can start with, and the word after it: a number or a vague count (then its unit or a
    modifier), after a determiner or a hedge (then a count or, after a determiner, a hedge)."""
    counts = ["#", "{number}", "{tens}", "hundred", *_DU_VAGUE]
    after_count = ["{unit}", *_DU_MODIFIERS]
    heads = ["#", "{tens}", "hundred", "a few", "a couple", "a number", "a hundred", "an additional"]
    heads += [f"{{number}} {w}" for w in (*after_count, "and", "{tens}", "{number}")]
    heads += [f"{w} {after}" for w in _DU_VAGUE for after in after_count]
    hedges = [h for h in _DU_HEDGES if " " not in h]
    heads += [h for h in _DU_HEDGES if " " in h]  # "more than": its first two words
    heads += [f"{h} {c}" for h in hedges for c in counts]
    heads += [f"{d} {w}" for d in _DU_BEFORE for w in (*counts, *hedges, *(h.split()[0] for h in _DU_HEDGES))]
    heads += [f"the {w}" for w in _DU_THE]
    return [*heads, "years", "months", "weeks", "decades", "centuries"]


@rule(
    "duration",
    rf"(?i:(?P<du_pre>the\s+(?:{_words(_DU_THE)})|{_words(_DU_BEFORE)}|an?\s+additional)\s+)?"
    rf"(?i:(?:{_words(_DU_HEDGES)})\s+(?!the\b))?"  # "over the next days": a preposition
    rf"(?:(?P<du_n>(?i:{_NUMBER_WORD})|\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?)(?P<du_half>(?<=\d)\s+1/2|(?i:\s+and\s+a\s+half))?|{_VAGUE})"
    rf"(?:[\s-]+(?i:{_words(_DU_MODIFIERS)}))?"
    rf"[\s-]+(?i:{_UNIT})s?(?P<du_half2>(?i:\s+and\s+a\s+half))?(?P<du_long>-long)?\b(?![\s-]+old\b|-)"
    r"|(?P<du_bare>(?i:years|months|weeks|decades|centuries))\b(?![\s-]+old\b)"
    r"|(?i:the\s+(?:past|last|next|coming)\s+)(?P<du_one>(?i:decade|century))\b",
    heads=_duration_heads(),
    needs=None,
    examples=[
        ("The talks lasted two weeks.", None, "two weeks", "P2W"),
        ("Profit for the first nine months rose.", None, "the first nine months", "P9M"),
        ("He flew for 16 hours.", None, "16 hours", "PT16H"),
        ("A two-year contract was signed.", None, "two-year", "P2Y"),
        ("It has been 2 1/2 years.", None, "2 1/2 years", "P2Y6M"),
        ("Prices rose over the past few weeks.", None, "the past few weeks", "PXW"),
        ("They have fought for decades.", None, "decades", "PXY"),
        ("The truce held for twenty four hours.", None, "twenty four hours", "PT24H"),
        ("The ban runs for another three months.", None, "another three months", "P3M"),
        ("Wait a minute and a half.", None, "a minute and a half", "PT1M30S"),
        ("Prices doubled over the past decade.", None, "the past decade", "P10Y"),
        ("It earns $5 million a year.", None, "a year", "P1Y"),
    ],
)
def _duration(hit: Hit, doc: Doc) -> Resolved | None:
    """'two weeks', 'the first nine months', 'a 16-hour flight', 'several years': TimeML durations.

    Ages ("a 35-year-old man") are not durations, as TimeBank has them."""
    g = hit.g
    if g["du_one"]:  # "the past decade": ten years up to now
        return v.duration(_duration_value(1, g["du_one"].lower()))
    if g["du_bare"]:
        if prev_word(doc.text, hit.start) not in ("for", "of", "in", "over", "within", "after", "took", "spent"):
            return None
        return v.duration(_duration_value("X", g["du_bare"].lower().removesuffix("s").replace("centurie", "century")))
    unit = g["du_unit"].lower().replace("centuries", "century")
    vague = (g["du_vague"] or "").lower()
    if vague in ("recent", "coming", "the coming") and not g["du_pre"]:
        return v.reference("PAST_REF" if vague == "recent" else "FUTURE_REF")  # "in recent years", "coming months"
    n_text = " ".join((g["du_n"] or "").lower().replace(",", "").split())
    after = doc.text[hit.end : hit.end + 4]
    if unit == "quarter" and (after.startswith(" of") or n_text in ("a", "an") or "-quarters" in hit.text.lower()):
        return None  # "a quarter of the vote", "three-quarters": fractions
    if unit == "second" and n_text in ("a", "an"):
        return None  # "a second round": an ordinal
    if n_text in ("a", "an") and not g["du_pre"] and _after_amount(doc.text, hit.start):
        return v.recurrence(_duration_value(1, unit))  # "$5 million a year": a rate
    if g["du_vague"]:
        if g["du_vague"].lower().startswith("a couple"):
            return v.duration(_duration_value(2, unit))
        return v.duration(_duration_value("X", unit))
    if n_text in ("a", "an") and not g["du_pre"] and prev_word(doc.text, hit.start) in ("once", "twice", "times"):
        return None  # "twice a week" is a set
    n = _count(n_text)
    if n is None:
        return None
    return v.duration(_duration_value(n, unit, half=bool(g["du_half"] or g["du_half2"])))


_AMOUNT = re.compile(r"(?:\d|million|billion|percent|cents?|dollars?|euros?|pounds?|%)\W*$", re.IGNORECASE)


def _after_amount(text: str, start: int) -> bool:
    return bool(_AMOUNT.search(text[max(0, start - 20) : start].rstrip()))


def _count(text: str) -> float | None:
    if text.replace(".", "", 1).isdigit():
        return float(text) if "." in text else int(text)
    if text in ("a hundred", "hundred"):
        return 100
    parts = re.split(r"[\s-]+", text)
    total = 0
    for part in parts:
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total


# a unit in TimeML: its letter, whether it is a time (PT2H), and the next smaller unit with how many make it
_HALVES = {"year": ("M", 6), "month": ("D", 15), "day": ("H", 12), "hour": ("M", 30), "minute": ("S", 30)}


def _duration_value(n: float | str, unit: str, half: bool = False) -> str:
    scale = {"decade": ("Y", 10), "century": ("Y", 100), "quarter": ("M", 3)}
    letter, times = scale.get(unit, (UNITS[unit], 1))
    time = "T" if unit in ("hour", "minute", "second") else ""
    if n == "X":
        letter = {"decade": "Y", "century": "C", "quarter": "Q"}.get(unit, letter)
        return f"P{time}X{letter}"
    amount = n * times
    if isinstance(amount, float):
        if amount.is_integer():
            amount = int(amount)
        else:
            return f"P{time}{amount:g}{letter}"
    value = f"P{time}{amount}{letter}"
    if half and unit in _HALVES:
        small, count = _HALVES[unit]
        joiner = "T" if unit == "day" else ""
        value += f"{joiner}{count}{small}"
    return value


@rule(
    "set",
    rf"(?i:(?P<st_adv>{'|'.join(SETS)})"
    r"|(?P<st_q>every|each|per)\s+(?P<st_other>other\s+)?(?P<st_u>day|week|month|quarter|year|morning|afternoon|evening|night"
    + "|"
    + "|".join(WEEKDAYS)
    + "|"
    + "|".join(MONTH_NAMES)
    + "|"
    + "|".join(SEASONS)
    + r")"
    r"|(?P<st_times>once|twice|\d+\s+times|(?:three|four|five|six|seven|eight|nine|ten)\s+times)\s+(?:a|an|per)\s+(?P<st_u2>day|week|month|year))\b"
    rf"|(?P<st_wd>(?:{_title_or_upper(WEEKDAYS)}))(?:s\b(?:\s+(?P<st_part>(?i:morning|afternoon|evening|night)s?))?"
    r"|\s+(?P<st_part2>(?i:morning|afternoon|evening|night)s)\b)",
    heads=[
        "{set}",
        "every",
        "each",
        "per",
        "once",
        "twice",
        "#",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "{weekday}",
        "{weekdays}",
    ],
    needs=None,
    examples=[
        ("The paper is published daily.", None, "daily", "P1D"),
        ("They meet on Sundays.", None, "Sundays", "XXXX-WXX-7"),
        ("The board meets every month.", None, "every month", "P1M"),
        ("Prayers are held each Thursday.", None, "each Thursday", "XXXX-WXX-4"),
        ("She visits twice a week.", None, "twice a week", "P1W"),
        ("The market opens on Tuesday nights.", None, "Tuesday nights", "XXXX-WXX-2TNI"),
        ("The festival is held each July.", None, "each July", "XXXX-07"),
    ],
)
def _set(hit: Hit, doc: Doc) -> Resolved | None:
    """'daily', 'every month', 'each Thursday', 'twice a week', 'Tuesday nights': TimeML sets."""
    g = hit.g
    if g["st_adv"]:
        return v.recurrence(SETS[g["st_adv"].lower()])
    if g["st_wd"]:
        value = f"XXXX-WXX-{WEEKDAYS.index(g['st_wd'].lower()) + 1}"
        part = (g["st_part"] or g["st_part2"] or "").lower().removesuffix("s")
        return v.recurrence(value + (f"T{PARTS_OF_DAY[part]}" if part else ""))
    unit = (g["st_u"] or g["st_u2"]).lower()
    step = 2 if g["st_other"] else 1
    if unit in WEEKDAYS:
        return v.recurrence(f"XXXX-WXX-{WEEKDAYS.index(unit) + 1}")
    if unit in MONTH_NAMES:
        return v.recurrence(f"XXXX-{MONTH_NAMES.index(unit) + 1:02d}")
    if unit in SEASONS:
        return v.recurrence(f"XXXX-{SEASONS[unit]}")
    if unit in PARTS_OF_DAY:
        return v.recurrence(f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    return v.recurrence(f"P{step}{UNITS[unit]}")


def _dayword_date(doc: Doc, word: str) -> Resolved:
    return v.day(doc.dct + dt.timedelta(days=_DAYWORDS[word.lower()]))


def _day_in_discourse(doc: Doc, start: int) -> Resolved:
    """The day the text last established before ``start``, or else the day of writing."""
    anchor = doc.latest_anchor(start, "day")
    return v.day(anchor[0] if anchor and anchor[1] == "day" else doc.dct)


def _with_part(resolved: Resolved, part: str | None, kind: str = "DATE") -> Resolved:
    """'Tuesday night' is the date 1998-02-17TNI; 'this morning' and 'tonight' are times of the day of writing."""
    if not part:
        return resolved
    return v.time_of(resolved, PARTS_OF_DAY[part.lower()])._replace(type=kind)


@rule(
    "dayword",
    r"\b(?:(?P<dw>(?i:today|yesterday|tomorrow))\b" + PART_OF_DAY.format("dw_part") + r"|(?P<dw_this>(?i:this|last))\s+"
    r"(?P<dw_part2>(?i:morning|afternoon|evening|night))\b|(?P<dw_tonight>(?i:tonight|overnight))\b)",
    heads=["today", "yesterday", "tomorrow", "this {part}", "last {part}", "tonight", "overnight"],
    needs="day",
    in_week=True,
    examples=[
        ("It happened yesterday.", "2024-04-22", "yesterday", "2024-04-21"),
        ("Troops withdrew yesterday morning.", "2024-04-22", "yesterday morning", "2024-04-21TMO"),
        ("He spoke this afternoon.", "2024-04-22", "this afternoon", "2024-04-22TAF"),
        ("Shelling resumed last night.", "2024-04-22", "last night", "2024-04-21TNI"),
        ("The vote is tonight.", "2024-04-22", "tonight", "2024-04-22TNI"),
    ],
)
def _dayword(hit: Hit, doc: Doc) -> Resolved:
    g = hit.g
    if g["dw_tonight"]:  # "overnight" is the night of the day being told; "tonight" the night of writing
        night = _day_in_discourse(doc, hit.start) if g["dw_tonight"].lower() == "overnight" else v.day(doc.dct)
        return _with_part(night, g["dw_tonight"], "TIME")
    if g["dw_this"]:
        back = g["dw_this"].lower() == "last" and g["dw_part2"].lower() in ("night", "evening")
        return _with_part(v.day(doc.dct - dt.timedelta(days=back)), g["dw_part2"], "TIME")
    return _with_part(_dayword_date(doc, g["dw"]), g["dw_part"])


_NAMED_AFTER_WEEKDAY = re.compile(r"\s+[A-Z][a-z]")  # "The Sunday Herald", "the Sunday Courier": a title's word


@rule(
    "weekday",
    rf"(?:(?P<wd_mod>(?i:last|this|next|past))\s+)?(?P<wd>{WEEKDAY}){PART_OF_DAY.format('wd_part')}",
    heads=["last", "this", "next", "past", "{weekday}"],
    needs="day",
    in_week=True,
    examples=[
        ("The letter was released on Monday.", "2024-04-22", "Monday", "2024-04-22"),
        ("Netanyahu met with Halevi on Tuesday.", "2025-01-21", "Tuesday", "2025-01-21"),
        ("The minister spoke on Friday.", "2024-04-22", "Friday", "2024-04-19"),
        ("The vote will be held on Thursday.", "2024-04-22", "Thursday", "2024-04-25"),
        ("He presented on this Monday his resignation.", "2024-12-10", "this Monday", "2024-12-09"),
        ("Rebels attacked on Tuesday night.", "2024-04-25", "Tuesday night", "2024-04-23TNI"),
        # the end of a span is the first such day after its start
        ("The strike will run from Friday until Monday.", "2024-06-13", "Monday", "2024-06-17"),
        ("The strike ran from Tuesday to Thursday.", "2024-06-14", "Thursday", "2024-06-13"),
        ("Shares bought from Sept. 14 to Thursday.", "1989-10-30", "Thursday", "1989-10-26"),  # no span of weekdays
        ("The Sunday Herald says the bank will cut rates on Thursday.", "2025-02-02", "Thursday", "2025-02-06"),
        # a term still running ends ahead; one told in the past ended before
        ("Red flag warnings remain in effect through Friday.", "2025-01-08", "Friday", "2025-01-10"),
        ("The strike lasted through Friday.", "2025-01-08", "Friday", "2025-01-03"),
    ],
)
def _weekday(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    if (
        not g["wd_mod"]
        and not g["wd_part"]
        and prev_word(doc.text, hit.start) == "the"
        and _NAMED_AFTER_WEEKDAY.match(doc.text, hit.end)
    ):
        return None  # a newspaper's name, not a day
    return _with_part(
        _weekday_date(doc, g["wd"].lower(), (g["wd_mod"] or "").lower(), hit.start, hit.end), g["wd_part"]
    )


# the end of a span whose start was just written: "from 10pm Friday until 5am Monday", "from Tuesday to Thursday"
_SPAN_END_BEFORE = re.compile(
    r"\bfrom\s+(?:[\w:.]+\s+){1,3}?(?:until|till|to|through|thru|and)\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s+)?$",
    re.IGNORECASE,
)


def _weekday_date(doc: Doc, name: str, mod: str, start: int, end: int) -> Resolved:
    """A weekday of the publication week or the one before (or after, where the tense looks ahead); in a
    quotation whose day the sentence gives before it ("said on October 12, 2023: '… on Saturday …'"), of the
    week the words were said in; the end of a span, the first such day after its start."""
    target = WEEKDAYS.index(name)
    last = doc.found[-1] if doc.found and not mod else None
    if (
        last is not None
        and last.granularity == "day"
        and last.first is not None
        and (span := _SPAN_END_BEFORE.search(doc.text, max(0, start - 60), start)) is not None
        and span.start() < last.start
        and any(day in last.text.lower() for day in WEEKDAYS)  # a span of weekdays; "from Sept. 14 to Thursday" is not
    ):
        return v.day(last.first + dt.timedelta(days=(target - last.first.weekday()) % 7 or 7))
    dct = doc.dct
    opened = doc.quotation_opening(start) if not mod else None
    story = doc.narrative_date(start) if opened is not None else None
    if story is not None and story[0] == story[1] and story[0] != dct and doc.story[0] <= opened:
        dct = story[0]
    back = (dct.weekday() - target) % 7
    ahead = (target - dct.weekday()) % 7
    if mod in ("last", "past"):
        delta = -(back or 7)
    elif mod == "next":
        delta = ahead or 7
    elif mod == "this":
        delta = target - dct.weekday()  # the one of this week: "this Monday", written on a Tuesday, was yesterday
    elif doc.tense(start, end) == "future" or (
        prev_word(doc.text, start) == "through"
        and not told_in_past(doc.text, start)
        and not tells_past_after(doc.text, end)
    ):
        delta = ahead  # "the truce takes effect on Monday evening", written on a Monday: today; "in effect through
        # Friday": a term still running
    else:
        delta = -back  # news reports the week gone by: "on Tuesday" is this Tuesday or the last one
    return v.day(dct + dt.timedelta(days=delta))


@rule(
    "ordinal_day",
    r"\b(?i:the)\s+(?P<od>3[01]|[12][0-9]|[1-9])(?:st|nd|rd|th)(?=\s*[.,;:)]|\s*$)",
    heads=["the #"],
    needs="day",
    examples=[("He hopes to finish his term on the 1st.", "2025-01-21", "the 1st", "2025-02-01")],
)
def _ordinal_day(hit: Hit, doc: Doc) -> Resolved | None:
    """'on the 1st': that day of the publication month, or of the month before or after."""
    dct, day = doc.dct, int(hit.g["od"])
    here = v.safe_date(dct.year, dct.month, day)
    prev = v.add_months(Date(dct.year, dct.month, 1), -1)
    nxt = v.add_months(Date(dct.year, dct.month, 1), 1)
    past = here if here and here <= dct else v.safe_date(prev.year, prev.month, day)
    future = here if here and here > dct else v.safe_date(nxt.year, nxt.month, day)
    d = choose(past, future, doc.tense(hit.start, hit.end), dct)
    return v.day(d) if d else None


def holiday_date(name: str, year: int) -> Date:
    """The day of a holiday in a year: fixed ones from the lexicon, Easter and Thanksgiving computed."""
    if name == "thanksgiving":  # the fourth Thursday of November
        first = Date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "easter":
        return easter(year)
    month, day = HOLIDAYS[name]
    return Date(year, month, day)


@rule(
    "holiday",
    r"(?:(?P<hd_mod>(?i:last|next|this))\s+)?(?P<hd>Thanksgiving|Christmas\s+Eve|Christmas|New\s+Year's\s+Eve"
    r"|New\s+Year's|Halloween|Valentine's|Easter|Independence\s+Day)(?:\s+(?:Day|Sunday))?\b",
    heads=["last", "next", "this", *(" ".join(name.split()[:2]) for name in HOLIDAYS)],
    examples=[
        ("They met last Thanksgiving.", "2000-01-07", "last Thanksgiving", "1999-11-25"),
        ("The truce held on Christmas Day.", "2024-01-03", "Christmas Day", "2023-12-25"),
        ("Pilgrims will gather on Easter Sunday.", "2024-03-20", "Easter Sunday", "2024-03-31"),
    ],
)
def _holiday(hit: Hit, doc: Doc) -> Resolved:
    """'Thanksgiving', 'last Christmas': the holiday's date in the year the tense points to."""
    name, mod, dct = " ".join(hit.g["hd"].lower().split()), (hit.g["hd_mod"] or "").lower(), doc.dct
    this = holiday_date(name, dct.year)
    past = this if this <= dct else holiday_date(name, dct.year - 1)
    future = this if this > dct else holiday_date(name, dct.year + 1)
    if mod == "this":
        return v.day(this)
    if mod in ("last", "next"):
        return v.day(past if mod == "last" else future)
    return v.day(choose(past, future, doc.tense(hit.start, hit.end), dct))


@rule(
    "month",
    rf"(?P<mo>{_MON_FULL})\b",
    heads=["{month}"],
    examples=[
        ("The probe was launched in February.", "2024-04-22", "February", "2024-02"),
        ("It is due to be presented in June.", "2024-04-22", "June", "2024-06"),
        ("The deal collapsed in March.", "2025-06-11", "March", "2025-03"),
    ],
)
def _month(hit: Hit, doc: Doc) -> Resolved | None:
    before = prev_word(doc.text, hit.start)
    if before not in MONTH_TRIGGERS and (before != "for" or hit.text.lower() == "may"):
        return None  # "for May" is as often a vote for someone called May
    return _resolve_month(doc, month_number(hit.text), hit.start, hit.end)


@rule(
    "year",
    r"(?<![\w$£€#.,/:'-])(?P<yr>(?:19|20)[0-9]{2})(?![\w%/'-]|[.,][0-9])",
    heads=["#"],
    needs=None,
    examples=[("It was founded in 1949.", None, "1949", "1949")],
)
def _year(hit: Hit, doc: Doc) -> Resolved | None:
    return None if year_is_count(doc.text, hit.start, hit.end) else v.year(int(hit.g["yr"]))


_REFERENCE_PHRASES = sorted(REFERENCES, key=len, reverse=True)


@rule(
    "reference",
    r"\b(?P<ref>(?i:" + "|".join(r"\s+".join(p.split()) for p in _REFERENCE_PHRASES) + r"))\b",
    heads=sorted({" ".join(p.split()[:2]) for p in _REFERENCE_PHRASES}),
    examples=[("Prices are now higher than they were recently.", "2024-04-22", "now", "PRESENT_REF")],
)
def _reference(hit: Hit, doc: Doc) -> Resolved | None:
    """'now', 'recently', 'the future': TimeML references with no interval."""
    word, text = hit.g["ref"].lower(), doc.text
    before, after = prev_word(text, hit.start), next_word(text, hit.end)
    if after in ("as", "after") or before in ("from", "as"):
        return None  # "as soon as", "soon after", "from now": part of another expression
    if word.startswith("current") and after in ("account", "accounts", "affairs", "events", "flow"):
        return None
    return v.reference(REFERENCES[" ".join(word.split())])
