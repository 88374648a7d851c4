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
    Doc,
    at_line_start,
    choose,
    clause_bounds,
    clean,
    month_number,
    next_word,
    number,
    prev_word,
    words_of,
    year_is_count,
)
from timeline.temporal.lexicon import (
    HOLIDAYS,
    MONTH_NAMES,
    MONTH_TRIGGERS,
    NUMBER_WORDS,
    REFERENCES,
    SEASONS,
    WEEKDAYS,
)
from timeline.temporal.parsing import parse_date
from timeline.temporal.registry import Hit, rule
from timeline.temporal.values import Date, Resolved

# --------------------------------------------------------------------------
# Pattern pieces, from the lexicon
# --------------------------------------------------------------------------


def _title_or_upper(words) -> str:
    return "|".join(x for w in words for x in (w.capitalize(), w.upper()))


_MON_FULL = rf"(?:{_title_or_upper(MONTH_NAMES)})"
_MON_ABBR = r"(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:\.|\b)"
MON = rf"(?:{_MON_FULL}\b|{_MON_ABBR})"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9]|'?s\b)"
WEEKDAY = rf"(?:{_title_or_upper(WEEKDAYS)})\b"
NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_REL = {"last": -1, "this": 0, "next": 1}

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
    ],
)
def _iso(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    y, mo = int(g["iso_y"]), int(g["iso_m"])
    if not 1000 <= y <= 2999:
        return None
    if g["iso_d"]:
        d = v.safe_date(y, mo, int(g["iso_d"]))
        return v.day(d) if d else None
    return v.month(y, mo) if 1 <= mo <= 12 else None


@rule(
    "mdy",
    rf"(?:{WEEKDAY},?\s+)?(?P<mdy_s>{MON}\s+{DAY},?\s+{YEAR})",
    heads=["{weekday}", "{month}"],
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


@rule(
    "dmy",
    rf"(?:the\s+)?{DAY}\s+(?:of\s+)?{MON},?\s+{YEAR}",
    heads=["the #", "#"],
    needs=None,
    first_pass=True,
    examples=[
        ("It began on 7 October 2023.", None, "7 October 2023", "2023-10-07"),
        ("Signed on the 3rd of May, 2021.", None, "the 3rd of May, 2021", "2021-05-03"),
    ],
)
def _dmy(hit: Hit, doc: Doc) -> Resolved | None:
    return _with_year(clean(hit.text))


@rule(
    "md_rel",
    rf"(?P<mdr_md>{MON}(?:\s+{DAY})?),?\s+(?P<mdr_rel>(?i:last|this|next))\s+year\b(?!'s)",
    heads=["{month}"],
    examples=[("Hamas attacked on October 7 last year.", "2024-04-22", "October 7 last year", "2023-10-07")],
)
def _md_rel(hit: Hit, doc: Doc) -> Resolved | None:
    parsed = parse_date(f"{clean(hit.g['mdr_md'])} {doc.dct.year + _REL[hit.g['mdr_rel'].lower()]}", None, "past")
    return v.at(*parsed) if parsed else None


# --------------------------------------------------------------------------
# Month and day without a year: the year from the text, the chronology or the tense
# --------------------------------------------------------------------------


def _resolve_month_day(doc: Doc, month: int, day: int, start: int, end: int) -> Resolved | None:
    dct = doc.dct
    if (month, day) in doc.known_years:
        d = v.safe_date(doc.known_years[(month, day)], month, day)
        return v.day(d) if d else None
    if doc.entry is not None and at_line_start(doc.text, start, end):
        # a chronology's entries follow each other: "Sept. 28:" under "Sept. 19, 2023:" is in 2023
        previous, precision = doc.entry
        rolls_over = precision != "year" and (month, day) < (previous.month, previous.day)
        d = v.safe_date(previous.year + rolls_over, month, day)
        return v.day(d) if d else None
    if month == dct.month:
        d = v.safe_date(dct.year, month, day)
        if d == dct and prev_word(doc.text, start) in ("the", "since") and next_word(doc.text, end):
            d = v.safe_date(dct.year - 1, month, day)  # "the October 7 attack" on an October 7 is last year's
        return v.day(d) if d else None
    this_year = v.safe_date(dct.year, month, day)
    past = this_year if this_year and this_year <= dct else v.safe_date(dct.year - 1, month, day)
    future = this_year if this_year and this_year > dct else v.safe_date(dct.year + 1, month, day)
    d = choose(past, future, doc.tense(start, end), dct)
    return v.day(d) if d else None


def _resolve_month(doc: Doc, month: int, start: int, end: int, mod: str = "") -> Resolved:
    dct = doc.dct
    if mod == "last":
        year = dct.year if month < dct.month else dct.year - 1
    elif mod == "next":
        year = dct.year if month > dct.month else dct.year + 1
    elif mod == "this" or month == dct.month:
        year = dct.year
    else:
        past = Date(dct.year if month < dct.month else dct.year - 1, month, 1)
        future = Date(dct.year if month > dct.month else dct.year + 1, month, 1)
        year = choose(past, future, doc.tense(start, end), Date(dct.year, dct.month, 1)).year
    return v.month(year, month)


def _resolve_partial(doc: Doc, span: str, start: int, end: int) -> Resolved | None:
    """A month and day without a year: dateparser reads month and day, the year is settled here."""
    parsed = parse_date(clean(span))
    if parsed is None:
        return None
    d, granularity = parsed
    if granularity != "day":
        return _resolve_month(doc, d.month, start, end)
    return _resolve_month_day(doc, d.month, d.day, start, end)


@rule(
    "md",
    rf"(?:{WEEKDAY},?\s+)?(?P<md_s>{MON}\s+{DAY})\b",
    heads=["{weekday}", "{month}"],
    examples=[
        ("He said on Oct. 17 that he was to blame.", "2024-04-22", "Oct. 17", "2023-10-17"),
        ("Passover begins on April 22.", "2024-04-22", "April 22", "2024-04-22"),
        ("Talks are scheduled to begin on February 4.", "2025-01-21", "February 4", "2025-02-04"),
    ],
)
def _md(hit: Hit, doc: Doc) -> Resolved | None:
    return _resolve_partial(doc, hit.g["md_s"], hit.start, hit.end)


@rule(
    "dm",
    rf"(?:the\s+)?{DAY}\s+(?:of\s+)?{MON}",
    heads=["the #", "#"],
    examples=[("Voting closed on 3 March.", "2024-04-22", "3 March", "2024-03-03")],
)
def _dm(hit: Hit, doc: Doc) -> Resolved | None:
    return _resolve_partial(doc, hit.text, hit.start, hit.end)


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
        return v.quarter(dct.year + _REL[g["q_rel"].lower()], q)
    year = dct.year if Date(dct.year, 3 * q - 2, 1) <= dct else dct.year - 1
    return v.quarter(year - 1 if g["q_ago"] else year, q)


@rule(
    "qn",
    rf"\bQ(?P<qn_n>[1-4])\s+(?P<qn_y>{YEAR})",
    heads=["q"],
    needs=None,
    examples=[("The Q3 2024 figures disappointed.", None, "Q3 2024", "2024-Q3")],
)
def _qn(hit: Hit, doc: Doc) -> Resolved | None:
    return v.quarter(int(hit.g["qn_y"]), int(hit.g["qn_n"]))


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
    offset = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[mod]
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


_SPELLED = (
    {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
    | {
        w: 10 + i
        for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
    }
    | {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
)


def spelled_year(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'nineteen hundred' -> 1900."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPELLED[w] for w in parts[2:])
    century = _SPELLED[parts[0]] * 100
    return century if parts[1:] == ["hundred"] else century + sum(_SPELLED[w] for w in parts[1:])


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
    "the_year",
    r"(?i:the\s+(?:full\s+|current\s+|fiscal\s+|calendar\s+)*year)\b(?!\s+(?:before|after|earlier|later|ago))",
    heads=["the full", "the current", "the fiscal", "the calendar", "the year"],
    examples=[("Sales for the full year rose.", "1989-10-26", "the full year", "1989")],
)
def _the_year(hit: Hit, doc: Doc) -> Resolved:
    anchor = doc.latest_anchor(hit.start)
    return v.year(anchor[0].year if anchor and anchor[1] == "year" else doc.dct.year)


@rule(
    "the_quarter",
    r"(?i:the\s+(?P<tq_mod>latest\s+|current\s+|most\s+recent\s+|recent\s+)?quarter)\b",
    heads=["the latest", "the current", "the most", "the recent", "the quarter"],
    needs="month",
    examples=[("Net income for the quarter fell.", "1989-10-26", "the quarter", "1989-Q3")],
)
def _the_quarter(hit: Hit, doc: Doc) -> Resolved:
    """'the quarter' in business news is the last quarter reported; 'the current quarter' this one."""
    dct = doc.dct
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
    return _resolve_month(doc, month_number(hit.g["mm_m"]), hit.start, hit.end, mod if mod in _REL else "")


@rule(
    "mod_year",
    rf"(?P<my_mod>(?i:early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of))"
    rf"[\s-]*(?P<my_y>{YEAR})",
    heads=["early", "mid", "late", "the end", "the beginning", "the start", "the middle", "the first", "the second"],
    needs=None,
    examples=[("Elections are due in early 2024.", None, "early 2024", "2024")],
)
def _mod_year(hit: Hit, doc: Doc) -> Resolved:
    return v.year(int(hit.g["my_y"]))


ANCHOR_LOOKBACK = 60  # dates searched back for "the attack" in "ten days after the attack"


@rule(
    "anchored",
    rf"(?P<an_n>(?i:{NUM}))\s+(?P<an_unit>(?i:day|week|month|year))s?\s+(?P<an_dir>(?i:after|before))"
    r"\s+(?i:the|this|that)\s+(?P<an_noun>[a-z]+(?:\s+[a-z]+)?)",
    heads=["#", "{number} {unit}"],
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
        context = {w.lower().rstrip("s")[:6] for w in words_of(doc.text[lo:hi])}
        if stems & context:
            n = number(g["an_n"]) * (1 if g["an_dir"].lower() == "after" else -1)
            return v.shift((t.first, "day"), n, g["an_unit"].lower())
    return None


def _ago_needs(g: dict) -> str:
    return "year" if g["ago_dir"].lower() in ("earlier", "later") else _unit_needs(g["ago_unit"].lower())


@rule(
    "ago",
    rf"(?P<ago_n>(?i:{NUM}))\s+(?P<ago_unit>(?i:day|week|month|year))s?\s+(?P<ago_dir>(?i:ago|earlier|later|from\s+now))",
    heads=["#", "{number} {unit}"],
    needs=_ago_needs,
    examples=[
        ("It happened two weeks ago.", "2024-04-22", "two weeks ago", "2024-W15"),
        ("It happened three days ago.", "2024-04-22", "three days ago", "2024-04-19"),
        ("Third-quarter profit rose to $5 million from $4 million a year ago.", "1989-10-26", "a year ago", "1988-Q3"),
    ],
)
def _ago(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    n, unit, direction = number(g["ago_n"]), g["ago_unit"].lower(), g["ago_dir"].lower()
    sign = -1 if direction in ("ago", "earlier") else 1
    quarter = doc.latest_quarter(hit.start) if unit == "year" else None
    if quarter is not None:  # results "up from $10 million a year ago": the same quarter, a year before
        return v.quarter(quarter[0] + n * sign, quarter[1])
    anchor = doc.latest_anchor(hit.start, unit) if direction in ("earlier", "later") else (doc.dct, "day")
    return v.shift(anchor, n * sign, unit) if anchor else None


@rule(
    "anchored_clause",  # "sworn in on Thursday, three days after Sheikh Hasina resigned"
    rf"(?P<ac_n>(?i:{NUM}))\s+(?P<ac_unit>(?i:day|week|month|year))s?\s+(?P<ac_dir>(?i:after|before))"
    r"(?=\s+(?!(?i:the|this|that|a|an)\b)[A-Za-z])",
    heads=["#", "{number} {unit}"],
    examples=[
        (
            "Yunus was sworn in on Thursday, three days after Hasina resigned.",
            "2024-08-09",
            "three days after",
            "2024-08-05",
        ),
        ("The strike on Tuesday came a day after missiles hit Odesa.", "2024-03-06", "a day after", "2024-03-04"),
    ],
)
def _anchored_clause(hit: Hit, doc: Doc) -> Resolved | None:
    g = hit.g
    anchor = doc.latest_anchor(hit.start, g["ac_unit"].lower())
    sign = -1 if g["ac_dir"].lower() == "after" else 1  # the clause after "after" happened N units before
    return v.shift(anchor, sign * number(g["ac_n"]), g["ac_unit"].lower()) if anchor else None


_DAY_PARTS = frozenset(("day", "morning", "afternoon", "evening", "night"))


@rule(
    "anchored_day",  # the date the text last established, moved: "the next day", "later that month"
    r"(?i:the\s+day\s+(?P<ad_far>before\s+yesterday|after\s+tomorrow)"
    r"|(?P<ad_pre>later|earlier)\s+that\s+(?P<ad_u1>day|week|month|year)"
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
            "2022-03-03",
        ),
        ("Talks opened on May 2, 2021, and collapsed later that month.", "2024-04-22", "later that month", "2021-05"),
        (
            "The vote was on June 4, 2020. The day before, protesters marched.",
            "2024-04-22",
            "The day before",
            "2020-06-03",
        ),
        ("It happened the day before yesterday.", "2024-04-22", "the day before yesterday", "2024-04-20"),
    ],
)
def _anchored_day(hit: Hit, doc: Doc) -> Resolved | None:
    """'the next day', 'that morning', 'later that month': the date the text last established, moved.

    With no date established shortly before, the publication date is the reference (as in
    "the day before yesterday")."""
    g = hit.g
    if g["ad_far"]:
        return v.day(doc.dct + dt.timedelta(days=-2 if g["ad_far"].lower().startswith("before") else 2))
    unit = (g["ad_u1"] or g["ad_u2"] or "day").lower()
    anchor = doc.latest_anchor(hit.start, "day" if unit in _DAY_PARTS else unit) or (doc.dct, "day")
    if g["ad_dir"]:
        return v.shift(anchor, -1 if g["ad_dir"].lower() == "before" else 1, "day")
    step = {"next": 1, "following": 1, "previous": -1}.get((g["ad_rel"] or "").lower(), 0)
    if unit in _DAY_PARTS:
        return v.shift(anchor, step, "day")
    first, granularity = anchor
    if v.GRANULARITIES.index(granularity) > v.GRANULARITIES.index(unit):
        return None  # "that week" after "in 2019": no week to speak of
    if step:
        return v.shift(anchor, step, unit)
    return v.at(first, unit)


@rule(
    "dayword",
    r"\b(?P<dw>(?i:today|yesterday|tomorrow))\b" + PART_OF_DAY,
    heads=["today", "yesterday", "tomorrow"],
    needs="day",
    in_week=True,
    examples=[("It happened yesterday.", "2024-04-22", "yesterday", "2024-04-21")],
)
def _dayword(hit: Hit, doc: Doc) -> Resolved:
    return v.day(doc.dct + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[hit.g["dw"].lower()]))


@rule(
    "weekday",
    rf"(?:(?P<wd_mod>(?i:last|this|next|past))\s+)?(?P<wd>{WEEKDAY}){PART_OF_DAY}",
    heads=["last", "this", "next", "past", "{weekday}"],
    needs="day",
    in_week=True,
    examples=[
        ("The letter was released on Monday.", "2024-04-22", "Monday", "2024-04-22"),
        ("Netanyahu met with Halevi on Tuesday.", "2025-01-21", "Tuesday", "2025-01-21"),
        ("The minister spoke on Friday.", "2024-04-22", "Friday", "2024-04-19"),
        ("The vote will be held on Thursday.", "2024-04-22", "Thursday", "2024-04-25"),
        ("He presented on this Monday his resignation.", "2024-12-10", "this Monday", "2024-12-09"),
    ],
)
def _weekday(hit: Hit, doc: Doc) -> Resolved:
    dct, name, mod = doc.dct, hit.g["wd"].lower(), (hit.g["wd_mod"] or "").lower()
    target = WEEKDAYS.index(name)
    back = (dct.weekday() - target) % 7
    ahead = (target - dct.weekday()) % 7
    if mod in ("last", "past"):
        delta = -(back or 7)
    elif mod == "next":
        delta = ahead or 7
    elif mod == "this":
        delta = target - dct.weekday()  # the one of this week: "this Monday", written on a Tuesday, was yesterday
    elif doc.tense(hit.start, hit.end) == "future":
        delta = ahead  # "the truce takes effect on Monday evening", written on a Monday: today
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
    heads=["last", "next", "this", "{holiday}"],
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
    if prev_word(doc.text, hit.start) not in MONTH_TRIGGERS:
        return None
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


@rule(
    "reference",
    r"\b(?P<ref>(?i:now|currently|nowadays|at\s+present|these\s+days|recently|lately"
    r"|recent\s+(?:years|months|weeks|times)|the\s+past|the\s+(?:near\s+|distant\s+)?future|soon))\b",
    heads=[
        "now",
        "currently",
        "nowadays",
        "at present",
        "these days",
        "recently",
        "lately",
        "recent",
        "the past",
        "the future",
        "the near",
        "the distant",
        "soon",
    ],
    examples=[("Prices are now higher than they were recently.", "2024-04-22", "now", "PRESENT_REF")],
)
def _reference(hit: Hit, doc: Doc) -> Resolved | None:
    """'now', 'recently', 'the future': TimeML references with no interval."""
    word, text = hit.g["ref"].lower(), doc.text
    before, after = prev_word(text, hit.start), next_word(text, hit.end)
    if after in ("that", "as", "after") or before in ("until", "till", "from", "by", "right", "as", "for"):
        return None  # "now that", "as soon as", "soon after", "until now": not a time reference
    if word.startswith("current") and after in ("account", "accounts", "affairs", "events", "flow"):
        return None
    phrase = " ".join(word.split())
    for key in (phrase, phrase.split()[-1], phrase.split()[0]):
        if key in REFERENCES:
            return v.reference(REFERENCES[key])
    return None
