"""Temporal tagging: find date expressions in news text and normalise them.

Candidates are found by one compiled regular expression (cheap, linear), guarded
against the usual traps (counts, unit numbers, "may" the verb), and only then
handed to dateparser, which is wrapped in :func:`parse_date` with explicit
settings.  Expressions without a year are resolved against the publication date
(the document creation time, *dct*) with the tense of their clause; expressions
relative to another event ("ten days after the attack") are anchored on the
nearest earlier date mentioned beside that event.  What cannot be resolved with
confidence is left out: a missing date is better than a wrong one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser
from dateutil.easter import easter

__all__ = ["GRANULARITIES", "Timex", "parse_date", "tag"]

# Precisions a date can have, finest first: "next week" is a week, "Q3" a quarter, "this spring" a season.
GRANULARITIES = ("day", "week", "month", "quarter", "season", "year")
Date = dt.date


@dataclass(frozen=True, slots=True)
class Timex:
    """A date expression: where it is, what it says, and the interval it denotes.

    ``value`` is TimeML-style at the expression's own precision (``2023-10-07``,
    ``2024-06``, ``2025``, ``1989-Q3``, ``1998-W08``); ``granularity`` is its
    precision (one of ``GRANULARITIES``) and ``first``/``last`` the days it spans.  Vague references
    ("now", "recently", "the future": ``PRESENT_REF``, ``PAST_REF``,
    ``FUTURE_REF``) are only returned on request and have no interval.
    """

    start: int
    end: int
    text: str
    value: str
    granularity: str | None
    first: Date | None
    last: Date | None

    @property
    def is_calendar(self) -> bool:
        """True for a date on the calendar, False for a vague reference like "now"."""
        return self.first is not None


# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_ABBREVIATIONS = frozenset(name for name in MONTHS if name not in {m.lower() for m in calendar.month_name})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

# Words that precede a bare month name used as a date ("in June", "since March").
MONTH_TRIGGERS = frozenset(
    "in on since until till by from through during of before after between and to or early mid late last a "
    "this next past end beginning start middle".split()
)
# Words that precede a number that is a count or an identifier, not a year.
COUNT_BEFORE = frozenset(
    "unit no number nos flight route highway room about around nearly some over than least approximately "
    "roughly almost only just additional another total were was are is killed".split()
)
# Nouns after a number that make it a count ("2000 troops").
COUNT_AFTER = frozenset(
    "people persons troops soldiers men women children residents members workers employees voters "
    "refugees civilians hostages palestinians israelis reservists officers police fighters militants "
    "students patients cases deaths dead jobs shares units homes houses buildings rockets missiles km "
    "miles meters metres feet tons tonnes dollars euros pounds times votes seats points of".split()
)

# Tense cues: the nearest one to a date without a year decides its direction.
FUTURE_CUES = frozenset(
    "will 'll shall would due scheduled expected expect expects upcoming hope hopes hoping intends intend "
    "slated poised tomorrow forecast forecasts plan plans planned aim aims".split()
)
PAST_CUES = frozenset(
    "was were had did said says told met went came took gave made began begun held left won lost fell "
    "rose saw found got sent spoke wrote led became kept struck previously since knew thought brought "
    "sought fought paid broke ran stood grew knew threw drew flew chose froze stole woke wore tore swore drove "
    "rode arose stuck swung hung sang rang sank drank shrank swam fled fed met spent lent built bent lost felt slept "
    "swept wept meant dealt heard sold bought caught taught laid withdrew oversaw overtook shook forgave".split()
)
REPORTING_VERBS = frozenset(["said", "says", "told", "announced", "added", "stated"])
# A date right after these is a deadline or a term: its tense says little.
DEADLINE_WORDS = frozenset(["until", "till", "through", "by", "to", "payable", "effective", "around", "before"])

# --------------------------------------------------------------------------
# Candidate grammar
# --------------------------------------------------------------------------


def _title_or_upper(words: list[str]) -> str:
    return "|".join(v for w in words for v in (w.capitalize(), w.upper()))


_MON_FULL = _title_or_upper([m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")])
_MON_FULL = rf"(?:{_MON_FULL}|March|April|MARCH|APRIL)"
_MON_ABBR = r"(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:\.|\b)"
MON = rf"(?:{_MON_FULL}\b|{_MON_ABBR})"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9]|'?s\b)"
WEEKDAY = rf"(?:{_title_or_upper(list(WEEKDAYS))})\b"
NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|ninety)"
)
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"

_RULES = [
    ("iso", r"(?<![\d/.:-])(?P<iso_y>\d{4})-(?P<iso_m>\d{2})(?:-(?P<iso_d>\d{2}))?(?![\d/:-])"),
    ("mdy", rf"(?:{WEEKDAY},?\s+)?(?P<mdy_s>{MON}\s+{DAY},?\s+{YEAR})"),
    ("dmy", rf"(?:the\s+)?{DAY}\s+(?:of\s+)?{MON},?\s+{YEAR}"),
    ("md_rel", rf"(?P<mdr_md>{MON}(?:\s+{DAY})?),?\s+(?P<mdr_rel>(?i:last|this|next))\s+year\b(?!'s)"),
    ("md", rf"(?:{WEEKDAY},?\s+)?(?P<md_s>{MON}\s+{DAY})\b"),
    ("dm", rf"(?:the\s+)?{DAY}\s+(?:of\s+)?{MON}"),
    ("my", rf"{MON},?\s+(?:of\s+)?{YEAR}"),
    ("season_year", rf"(?i:(?P<sy_s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?)(?P<sy_y>{YEAR})"),
    (
        "quarter",
        rf"(?:(?i:the)\s+)?(?:(?P<q_y1>{YEAR})\s+|(?P<q_rel>(?i:last|this|next))\s+year's\s+|(?P<q_ago>(?i:year-ago|year-earlier))\s+)?"
        rf"(?P<q_n>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
        rf"[\s-](?i:quarter)(?:\s+(?:of\s+)?(?P<q_y2>{YEAR}))?",
    ),
    ("qn", rf"\bQ(?P<qn_n>[1-4])\s+(?P<qn_y>{YEAR})"),
    ("fiscal", rf"\b(?i:fiscal(?:\s+year)?|FY)\s*(?P<fy>{YEAR})"),
    ("decade", r"(?<![\w$])(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]*)?(?P<dec>1[0-9]{2}|20[0-9])0'?s\b"),
    (
        "rel_unit",
        r"(?i:(?P<ru_ed>early|late|later|earlier)\s+)?(?P<ru_mod>(?i:last|this|next|past|previous|coming|current))"
        r"\s+(?P<ru_unit>(?i:week|month|year|quarter|spring|summer|fall|autumn|winter))\b",
    ),
    ("the_past", r"(?i:the\s+(?P<tp_mod>past|previous|coming|next)\s+(?P<tp_unit>year|month|week))\b"),
    ("weekend", r"(?i:(?P<we_mod>the|this|last|next|that)\s+weekend)\b"),
    (
        "year_ago_adj",
        r"(?i:(?:the\s+(?:comparable\s+|same\s+)?)?year-(?:earlier|ago)(?:\s+(?P<ya_q>quarter|period))?)\b",
    ),
    (
        "spelled_year",
        rf"(?:(?i:the\s+year)\s+)?(?P<sp>(?i:(?:nineteen|twenty)[\s-]+(?:{_TEENS}|{_TENS}(?:[\s-]+{_ONES})?|hundred)"
        rf"|two\s+thousand(?:[\s-]+(?:and\s+)?(?:{_TEENS}|{_ONES}))?))\b",
    ),
    (
        "the_year",
        r"(?i:the\s+(?:full\s+|current\s+|fiscal\s+|calendar\s+)*year)\b(?!\s+(?:before|after|earlier|later|ago))",
    ),
    ("the_quarter", r"(?i:the\s+(?P<tq_mod>latest\s+|current\s+|most\s+recent\s+|recent\s+)?quarter)\b"),
    (
        "mod_month",
        rf"(?P<mm_mod>(?i:early|mid|late|last|this|next|the\s+(?:end|beginning|start|middle)\s+of))"
        rf"[\s-]*(?P<mm_m>{_MON_FULL})\b",
    ),
    (
        "mod_year",
        rf"(?P<my_mod>(?i:early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of))"
        rf"[\s-]*(?P<my_y>{YEAR})",
    ),
    (
        "anchored",
        rf"(?P<an_n>(?i:{NUM}))\s+(?P<an_unit>(?i:day|week|month|year))s?\s+(?P<an_dir>(?i:after|before))"
        r"\s+(?i:the|this|that)\s+(?P<an_noun>[a-z]+(?:\s+[a-z]+)?)",
    ),
    (
        "ago",
        rf"(?P<ago_n>(?i:{NUM}))\s+(?P<ago_unit>(?i:day|week|month|year))s?\s+(?P<ago_dir>(?i:ago|earlier|later|from\s+now))",
    ),
    (
        "anchored_clause",  # "sworn in on Thursday, three days after Sheikh Hasina resigned"
        rf"(?P<ac_n>(?i:{NUM}))\s+(?P<ac_unit>(?i:day|week|month|year))s?\s+(?P<ac_dir>(?i:after|before))"
        r"(?=\s+(?!(?i:the|this|that|a|an)\b)[A-Za-z])",
    ),
    (
        "anchored_day",  # the date the text last established, moved: "the next day", "later that month"
        r"(?i:the\s+day\s+(?P<ad_far>before\s+yesterday|after\s+tomorrow)"
        r"|(?P<ad_pre>later|earlier)\s+that\s+(?P<ad_u1>day|week|month|year)"
        r"|the\s+day\s+(?P<ad_dir>before|after)"
        r"|(?:the\s+(?P<ad_rel>next|following|previous|same)|that)\s+(?P<ad_u2>day|morning|afternoon|evening|night|week|month|year))\b",
    ),
    ("dayword", r"\b(?P<dw>(?i:today|yesterday|tomorrow))\b" + PART_OF_DAY),
    ("weekday", rf"(?:(?P<wd_mod>(?i:last|this|next|past))\s+)?(?P<wd>{WEEKDAY}){PART_OF_DAY}"),
    ("ordinal_day", r"\b(?i:the)\s+(?P<od>3[01]|[12][0-9]|[1-9])(?:st|nd|rd|th)(?=\s*[.,;:)]|\s*$)"),
    (
        "holiday",
        r"(?:(?P<hd_mod>(?i:last|next|this))\s+)?(?P<hd>Thanksgiving|Christmas\s+Eve|Christmas|New\s+Year's\s+Eve"
        r"|New\s+Year's|Halloween|Valentine's|Easter)(?:\s+(?:Day|Sunday))?\b",
    ),
    ("month", rf"(?P<mo>{_MON_FULL})\b"),
    ("year", r"(?<![\w$£€#.,/:'-])(?P<yr>(?:19|20)[0-9]{2})(?![\w%/'-]|[.,][0-9])"),
    (
        "reference",
        r"\b(?P<ref>(?i:now|currently|nowadays|at\s+present|these\s+days|recently|lately"
        r"|recent\s+(?:years|months|weeks|times)|the\s+past|the\s+(?:near\s+|distant\s+)?future|soon))\b",
    ),
]
# Every rule starts at the start of a word: saying so first lets the scan skip the rest in one step.
CANDIDATES = re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _RULES) + ")")
# The words an expression can start with (by their first three letters), or a digit.  Trying the
# grammar only at those word starts gives exactly the matches of CANDIDATES.finditer, faster.
FIRST_WORDS = (
    "the last this next past previous coming current currently early mid late later earlier fiscal fy today "
    "yesterday tomorrow now nowadays at these recent recently lately soon spring summer fall autumn winter first "
    "second third fourth a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty ninety year that q1 q2 q3 q4 "
    "sept thanksgiving christmas halloween valentine's easter new " + " ".join(MONTHS) + " " + " ".join(WEEKDAYS)
).split()
_FIRST_HEADS = frozenset(w[:3] for w in FIRST_WORDS)
_WORD_HEAD = re.compile(r"\b\w{1,3}")
_UNITS = frozenset(("day", "wee", "mon", "yea", "dec", "qua"))
# Common words that start an expression only before certain words: "the" before "past", "a" before "year".
_NEXT_HEADS = {
    "the": frozenset(
        "pas pre com nex end beg sta mid fir sec thi fou yea qua lat cur mos rec wee sam ful fis cal nea dis fut "
        "ear fol day".split()
    )
    | _FIRST_HEADS,
    "a": _UNITS | frozenset(("few", "cou")),
    "an": _UNITS,
    "at": frozenset(("pre",)),
    "that": frozenset("wee day mor aft eve nig mon yea".split()),
}
_NEXT_HEADS["new"] = frozenset(("yea",))
_NUMBER_HEADS = frozenset(w[:3] for w in NUMBER_WORDS) | {"sev", "eig", "nin", "hun", "tho"}
for _number in NUMBER_WORDS:
    _NEXT_HEADS.setdefault(_number, _UNITS | _NUMBER_HEADS)
_NEXT_WORD = re.compile(r"[\s-]+(\w{1,3})")


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isalnum() or text[pos] == "_"):
        pos += 1
    return pos


def candidates(text: str) -> list[re.Match]:
    """The grammar's matches in ``text``, left to right and not overlapping (as ``finditer`` gives them)."""
    found: list[re.Match] = []
    pos = 0
    match = CANDIDATES.match
    heads = _FIRST_HEADS
    for word in _WORD_HEAD.finditer(text):
        start = word.start()
        if start < pos:
            continue
        head = word.group()
        lower = head.lower()
        if head[0].isdigit() or lower in heads:
            end = _word_end(text, word.end())
            needs = _NEXT_HEADS.get(text[start:end].lower())
            if needs is not None:
                following = _NEXT_WORD.match(text, end)
                after = following.group(1).lower() if following else ""
                if not after or not (after[0].isdigit() or after in needs):
                    continue
            m = match(text, start)
            if m:
                found.append(m)
                pos = m.end()
    return found


_WORD = re.compile(r"[A-Za-z']+")


# --------------------------------------------------------------------------
# dateparser, in one place
# --------------------------------------------------------------------------

_PERIOD_GRANULARITY = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


NEUTRAL_BASE = Date(2000, 6, 15)


@functools.lru_cache(maxsize=512)
def _parser(base: Date | None, prefer: str) -> DateDataParser:
    settings = {
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "PARSERS": ["relative-time", "absolute-time"],
        "DATE_ORDER": "MDY",
    }
    # Without a base, a leap year's: "Feb. 29" must parse whatever year it is today.
    base = base or NEUTRAL_BASE
    settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=65536)
def parse_date(text: str, base: Date | None = None, prefer: str = "past") -> tuple[Date, str] | None:
    """Parse one candidate expression with dateparser; ``(date, granularity)`` or None.

    Only ever called on spans the candidate grammar accepted: dateparser alone
    reads "may", "41" or "38 years" as dates.
    """
    try:
        data = _parser(base, prefer).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIOD_GRANULARITY.get(data.period or "day", "day")


# --------------------------------------------------------------------------
# Values and intervals
# --------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> Date | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= _last_day(year, month)):
        return None
    return Date(year, month, day)


def _add_months(d: Date, months: int) -> Date:
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    return Date(year, m + 1, min(d.day, _last_day(year, m + 1)))


def _day(d: Date) -> tuple[str, str, Date, Date]:
    return d.isoformat(), "day", d, d


def _month(year: int, month: int) -> tuple[str, str, Date, Date]:
    return f"{year:04d}-{month:02d}", "month", Date(year, month, 1), Date(year, month, _last_day(year, month))


def _year(year: int) -> tuple[str, str, Date, Date]:
    return f"{year:04d}", "year", Date(year, 1, 1), Date(year, 12, 31)


def _week(d: Date) -> tuple[str, str, Date, Date]:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return f"{iso.year:04d}-W{iso.week:02d}", "week", monday, monday + dt.timedelta(days=6)


def _quarter(year: int, q: int) -> tuple[str, str, Date, Date]:
    first, last = 3 * q - 2, 3 * q
    return f"{year:04d}-Q{q}", "quarter", Date(year, first, 1), Date(year, last, _last_day(year, last))


def _season(year: int, code: str) -> tuple[str, str, Date, Date]:
    a, b = SEASON_MONTHS[code]
    end_year = year + 1 if b < a else year
    return f"{year:04d}-{code}", "season", Date(year, a, 1), Date(end_year, b, _last_day(end_year, b))


def _at(d: Date, granularity: str) -> tuple[str, str, Date, Date]:
    if granularity == "week":
        return _week(d)
    if granularity == "month":
        return _month(d.year, d.month)
    if granularity == "year":
        return _year(d.year)
    return _day(d)


# --------------------------------------------------------------------------
# Context: tense and guards
# --------------------------------------------------------------------------


CONTEXT = 300  # characters looked at on either side of an expression: bounded work however long the line


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, approximately: bounded by '. ', '; ' or a newline, at most CONTEXT away."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    left = max(text.rfind("\n", lo, start), text.rfind(". ", lo, start), text.rfind("; ", lo, start), lo - 1)
    right = [i for i in (text.find("\n", end, hi), text.find(". ", end, hi), text.find("; ", end, hi)) if i != -1]
    return left + 1, min(right, default=hi)


def _tense(text: str, start: int, end: int) -> str | None:
    """'past', 'future', or None: the tense cue nearest to the span within its sentence."""
    lo, hi = _clause_bounds(text, start, end)
    before = [w.lower() for w in _WORD.findall(text[max(lo, start - 100) : start])][::-1][:12]
    if before and before[0] in DEADLINE_WORDS:
        return None
    after = [w.lower() for w in _WORD.findall(text[end : min(hi, end + 70)])][:8]
    for words in (before, after):
        for i, w in enumerate(words):
            if w in REPORTING_VERBS and i > 2:
                continue  # "said it would extend the bid to Nov. 6": the report, not the event
            if w in FUTURE_CUES:
                return "future"
            previous = words[i + 1] if words is before and i + 1 < len(words) else ""
            if previous in ("be", "to", "been", "being"):
                continue  # "will be held", "to be presented": the tense is in the auxiliary
            if w in PAST_CUES or (len(w) > 4 and w.endswith("ed")):
                return "past"
    return None


def _choose(past: Date | None, future: Date | None, tense: str | None, dct: Date) -> Date | None:
    """Pick the earlier or the later reading of a yearless date.

    The tense of the clause decides; without a cue the nearer reading wins, with
    the past favoured three to two, because news mostly reports what happened.
    """
    if past is None or future is None:
        return past or future
    if tense is not None:
        return past if tense == "past" else future
    return future if 3 * (future - dct).days < 2 * (dct - past).days else past


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z.']+)[\s,(-]*$", text[max(0, start - 40) : start])
    return m.group(1).lower().rstrip(".") if m else ""


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[\s-]*([A-Za-z']+)", text[end : end + 40])
    return m.group(1).lower() if m else ""


def _year_is_count(text: str, start: int, end: int) -> bool:
    return _prev_word(text, start) in COUNT_BEFORE or _next_word(text, end) in COUNT_AFTER


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return MONTHS[word[:4] if word.startswith("sept") else word[:3]]


def _clean(span: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\bof\b", " ", span)).strip()


_TRAILING_YEAR = re.compile(r"^(.*?)[,\s]+(\d{4})$")


def _with_year(expression: str) -> tuple | None:
    """'October 19, 2016': dateparser reads 'October 19' (one cache entry for every year), the year is a number."""
    m = _TRAILING_YEAR.match(expression)
    if m is None:
        return None
    parsed = parse_date(m.group(1))
    if parsed is None:
        return None
    (d, granularity), year = parsed, int(m.group(2))
    if granularity == "month":
        return _month(year, d.month)
    day = _safe_date(year, d.month, d.day)
    return _day(day) if day and granularity == "day" else None


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


# --------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------


class _Doc:
    """What resolving one expression may look at: the text, its dct, what came before."""

    def __init__(self, text: str, dct: Date | None):
        self.text = text
        self.dct = dct
        self.found: list[Timex] = []
        # "October 7, 2023" elsewhere in the article settles the year of a bare "October 7".
        self.known_years: dict[tuple[int, int], int] = {}
        self.entry: tuple[Date, str] | None = None  # the last date heading a line: a chronology's reference

    def add(self, timex: Timex) -> None:
        self.found.append(timex)
        if timex.is_calendar and _at_line_start(self.text, timex.start, timex.end):
            self.entry = timex.first, timex.granularity

    def tense(self, start: int, end: int) -> str | None:
        return _tense(self.text, start, end)


def _at_line_start(text: str, start: int, end: int) -> bool:
    """A date heading its line ("Sept. 28: …", "July 9 –", "2022"): an entry of a chronology."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip(" \t•*#>-–—") and (
        end == len(text) or text[end] in ":–—-\n\r" or text[end : end + 2] in (" –", " —", " -")
    )


def _resolve_month_day(doc: _Doc, month: int, day: int, start: int, end: int) -> tuple | None:
    dct = doc.dct
    if (month, day) in doc.known_years:
        d = _safe_date(doc.known_years[(month, day)], month, day)
        return _day(d) if d else None
    if doc.entry is not None and _at_line_start(doc.text, start, end):
        # a chronology's entries follow each other: "Sept. 28:" under "Sept. 19, 2023:" is in 2023
        previous, precision = doc.entry
        rolls_over = precision != "year" and (month, day) < (previous.month, previous.day)
        year = previous.year + rolls_over
        d = _safe_date(year, month, day)
        return _day(d) if d else None
    if month == dct.month:
        d = _safe_date(dct.year, month, day)
        if d == dct and _prev_word(doc.text, start) in ("the", "since") and _next_word(doc.text, end):
            d = _safe_date(dct.year - 1, month, day)  # "the October 7 attack" on an October 7 is last year's
        return _day(d) if d else None
    this_year = _safe_date(dct.year, month, day)
    past = this_year if this_year and this_year <= dct else _safe_date(dct.year - 1, month, day)
    future = this_year if this_year and this_year > dct else _safe_date(dct.year + 1, month, day)
    d = _choose(past, future, doc.tense(start, end), dct)
    return _day(d) if d else None


def _resolve_month(doc: _Doc, month: int, start: int, end: int, mod: str = "") -> tuple:
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
        year = _choose(past, future, doc.tense(start, end), Date(dct.year, dct.month, 1)).year
    return _month(year, month)


def _resolve_partial(doc: _Doc, span: str, start: int, end: int) -> tuple | None:
    """A month and day without a year: dateparser reads month and day, the year is settled here."""
    parsed = parse_date(_clean(span))
    if parsed is None:
        return None
    d, gran = parsed
    if gran != "day":
        return _resolve_month(doc, d.month, start, end)
    return _resolve_month_day(doc, d.month, d.day, start, end)


def _shift(anchor: tuple[Date, str], n: int, unit: str) -> tuple | None:
    d, anchor_gran = anchor
    try:
        if unit == "day":
            return _day(d + dt.timedelta(days=n)) if anchor_gran == "day" else None
        if unit == "week":
            return _week(d + dt.timedelta(weeks=n)) if anchor_gran == "day" else None
        if unit == "month":
            shifted = _add_months(d, n)
            return _month(shifted.year, shifted.month) if anchor_gran in ("day", "month") else None
        return _year(d.year + n)
    except (OverflowError, ValueError):
        return None


def _latest_anchor(doc: _Doc, start: int, unit: str = "year") -> tuple[Date, str] | None:
    """The last calendar date mentioned shortly before ``start`` that is precise enough to count ``unit``s
    from: what "two days later" counts from ("the previous evening" skips a "next year" in between)."""
    finest = GRANULARITIES.index(unit) if unit in GRANULARITIES else len(GRANULARITIES) - 1
    for t in reversed(doc.found):
        if start - t.end >= 400:
            return None
        if t.is_calendar and GRANULARITIES.index(t.granularity) <= finest:
            return t.first, t.granularity
    return None


def _latest_quarter(doc: _Doc, start: int) -> tuple[int, int] | None:
    """The quarter under discussion, if the last date mentioned nearby is one ("third-quarter profit")."""
    for t in reversed(doc.found):
        if start - t.end > 600:
            return None
        if t.is_calendar:
            m = re.fullmatch(r"(\d{4})-Q([1-4])", t.value)
            return (int(m.group(1)), int(m.group(2))) if m else None
    return None


ANCHOR_LOOKBACK = 60  # dates searched back for "the attack" in "ten days after the attack"


def _resolve_anchored(doc: _Doc, g: dict) -> tuple | None:
    """'N units after/before the NOUN': count from a day-precise date mentioned beside that noun."""
    stems = {n.rstrip("s")[:6] for n in g["an_noun"].lower().split() if len(n) > 3}
    if not stems:
        return None
    for t in reversed(doc.found[-ANCHOR_LOOKBACK:]):
        if t.granularity != "day" or t.first != t.last or not t.is_calendar:
            continue
        lo, hi = _clause_bounds(doc.text, t.start, t.end)
        context = {w.lower().rstrip("s")[:6] for w in _WORD.findall(doc.text[lo:hi])}
        if stems & context:
            n = _number(g["an_n"]) * (1 if g["an_dir"].lower() == "after" else -1)
            return _shift((t.first, "day"), n, g["an_unit"].lower())
    return None


_DAY_PARTS = frozenset(("day", "morning", "afternoon", "evening", "night"))


def _resolve_anchored_day(doc: _Doc, g: dict, start: int) -> tuple | None:
    """'the next day', 'that morning', 'later that month': the date the text last established, moved.

    With no date established shortly before, the publication date is the reference (as in
    "the day before yesterday")."""
    if g["ad_far"]:
        return _day(doc.dct + dt.timedelta(days=-2 if g["ad_far"].lower().startswith("before") else 2))
    unit = (g["ad_u1"] or g["ad_u2"] or "day").lower()
    anchor = _latest_anchor(doc, start, "day" if unit in _DAY_PARTS else unit) or (doc.dct, "day")
    if g["ad_dir"]:
        return _shift(anchor, -1 if g["ad_dir"].lower() == "before" else 1, "day")
    step = {"next": 1, "following": 1, "previous": -1}.get((g["ad_rel"] or "").lower(), 0)
    if unit in _DAY_PARTS:
        return _shift(anchor, step, "day")
    first, granularity = anchor
    if GRANULARITIES.index(granularity) > GRANULARITIES.index(unit):
        return None  # "that week" after "in 2019": no week to speak of
    if step:
        return _shift(anchor, step, unit)
    return _at(first, unit)


def _resolve_weekday(doc: _Doc, name: str, mod: str, start: int, end: int) -> tuple:
    dct = doc.dct
    target = WEEKDAYS.index(name)
    back = (dct.weekday() - target) % 7
    ahead = (target - dct.weekday()) % 7
    if mod in ("last", "past"):
        delta = -(back or 7)
    elif mod == "next":
        delta = ahead or 7
    elif mod == "this":
        delta = target - dct.weekday()  # the one of this week: "this Monday", written on a Tuesday, was yesterday
    elif doc.tense(start, end) == "future":
        delta = ahead  # "the truce takes effect on Monday evening", written on a Monday: today
    else:
        delta = -back  # news reports the week gone by: "on Tuesday" is this Tuesday or the last one
    return _day(dct + dt.timedelta(days=delta))


def _resolve_ordinal_day(doc: _Doc, day: int, start: int, end: int) -> tuple | None:
    """'on the 1st': that day of the publication month, or of the month before or after."""
    dct = doc.dct
    here = _safe_date(dct.year, dct.month, day)
    prev = _add_months(Date(dct.year, dct.month, 1), -1)
    nxt = _add_months(Date(dct.year, dct.month, 1), 1)
    past = here if here and here <= dct else _safe_date(prev.year, prev.month, day)
    future = here if here and here > dct else _safe_date(nxt.year, nxt.month, day)
    d = _choose(past, future, doc.tense(start, end), dct)
    return _day(d) if d else None


def _resolve_rel_unit(mod: str, unit: str, dct: Date) -> tuple | None:
    offset = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[mod]
    if unit == "week":
        return _week(dct + dt.timedelta(weeks=offset))
    if unit == "month":
        d = _add_months(Date(dct.year, dct.month, 1), offset)
        return _month(d.year, d.month)
    if unit == "year":
        return _year(dct.year + offset)
    if unit == "quarter":
        q = (dct.month - 1) // 3 + offset
        return _quarter(dct.year + q // 4, q % 4 + 1)
    code = SEASONS[unit]
    this_year = dct.year - 1 if code == "WI" and dct.month <= 2 else dct.year
    if offset == 0:
        return _season(this_year, code)
    if offset < 0:
        return _season(this_year if _season(this_year, code)[3] < dct else this_year - 1, code)
    return _season(this_year if _season(this_year, code)[2] > dct else this_year + 1, code)


def _resolve_weekend(doc: _Doc, mod: str, start: int, end: int) -> tuple:
    dct = doc.dct
    saturday = dct + dt.timedelta(days=(5 - dct.weekday()) % 7)
    if dct.weekday() == 6:
        saturday = dct - dt.timedelta(days=1)
    previous = saturday if saturday <= dct else saturday - dt.timedelta(days=7)
    upcoming = saturday if saturday >= dct else saturday + dt.timedelta(days=7)
    if mod == "last":
        chosen = previous if previous < dct - dt.timedelta(days=1) else previous - dt.timedelta(days=7)
    elif mod == "next" or mod == "this":
        chosen = upcoming
    else:
        chosen = previous if doc.tense(start, end) != "future" else upcoming
    iso = chosen.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE", "day", chosen, chosen + dt.timedelta(days=1)


def _resolve_the_quarter(dct: Date, mod: str) -> tuple:
    """'the quarter' in business news is the last quarter reported; 'the current quarter' this one."""
    q = (dct.month - 1) // 3 + (0 if mod.strip() == "current" else -1)
    return _quarter(dct.year + q // 4, q % 4 + 1)


def _resolve_absolute(rule: str, g: dict, span: str, doc: _Doc, start: int, end: int) -> tuple | None:
    """Rules whose expression carries its own year: no publication date needed."""
    if rule == "iso":
        y, mo = int(g["iso_y"]), int(g["iso_m"])
        if not 1000 <= y <= 2999:
            return None
        if g["iso_d"]:
            d = _safe_date(y, mo, int(g["iso_d"]))
            return _day(d) if d else None
        return _month(y, mo) if 1 <= mo <= 12 else None
    if rule in ("mdy", "dmy", "my"):
        return _with_year(_clean(g.get("mdy_s") or span))
    if rule == "season_year":
        return _season(int(g["sy_y"]), SEASONS[g["sy_s"].lower()])
    if rule == "quarter" and (g["q_y1"] or g["q_y2"]):
        return _quarter(int(g["q_y1"] or g["q_y2"]), ORDINALS[g["q_n"].lower()])
    if rule == "qn":
        return _quarter(int(g["qn_y"]), int(g["qn_n"]))
    if rule == "fiscal":
        return _year(int(g["fy"]))
    if rule == "decade":
        first = int(g["dec"]) * 10
        return g["dec"], "year", Date(first, 1, 1), Date(first + 9, 12, 31)
    if rule == "mod_year":
        return _year(int(g["my_y"]))
    if rule == "year":
        return None if _year_is_count(doc.text, start, end) else _year(int(g["yr"]))
    if rule == "spelled_year":
        year = _spelled_year(g["sp"])
        return None if year is None or _year_is_count(doc.text, start, end) else _year(year)
    return None


_SPELLED = (
    {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
    | {
        w: 10 + i
        for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
    }
    | {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
)


def _spelled_year(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'nineteen hundred' -> 1900."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPELLED[w] for w in parts[2:])
    century = _SPELLED[parts[0]] * 100
    return century if parts[1:] == ["hundred"] else century + sum(_SPELLED[w] for w in parts[1:])


_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "new year's": (1, 1),
    "halloween": (10, 31),
    "valentine's": (2, 14),
}


def _holiday(name: str, year: int) -> Date:
    if name == "thanksgiving":  # the fourth Thursday of November
        first = Date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "easter":
        return easter(year)
    month, day = _FIXED_HOLIDAYS[name]
    return Date(year, month, day)


def _resolve_holiday(doc: _Doc, name: str, mod: str, start: int, end: int) -> tuple:
    """'Thanksgiving', 'last Christmas': the holiday's date in the year the tense points to."""
    name = " ".join(name.lower().split())
    dct = doc.dct
    this = _holiday(name, dct.year)
    past = this if this <= dct else _holiday(name, dct.year - 1)
    future = this if this > dct else _holiday(name, dct.year + 1)
    if mod == "this":
        return _day(this)
    if mod in ("last", "next"):
        return _day(past if mod == "last" else future)
    return _day(_choose(past, future, doc.tense(start, end), dct))


def _resolve_relative(rule: str, g: dict, span: str, doc: _Doc, start: int, end: int) -> tuple | None:
    """Rules that need the publication date (or another date of the article)."""
    dct, text = doc.dct, doc.text
    if rule == "quarter":
        q = ORDINALS[g["q_n"].lower()]
        if g["q_rel"]:
            return _quarter(dct.year + {"last": -1, "this": 0, "next": 1}[g["q_rel"].lower()], q)
        year = dct.year if Date(dct.year, 3 * q - 2, 1) <= dct else dct.year - 1
        return _quarter(year - 1 if g["q_ago"] else year, q)
    if rule == "md_rel":
        offset = {"last": -1, "this": 0, "next": 1}[g["mdr_rel"].lower()]
        parsed = parse_date(f"{_clean(g['mdr_md'])} {dct.year + offset}", None, "past")
        return _at(*parsed) if parsed else None
    if rule in ("md", "dm"):
        return _resolve_partial(doc, g.get("md_s") or span, start, end)
    if rule == "month":
        if _prev_word(text, start) not in MONTH_TRIGGERS:
            return None
        return _resolve_month(doc, _month_number(span), start, end)
    if rule == "mod_month":
        mod = g["mm_mod"].lower()
        return _resolve_month(doc, _month_number(g["mm_m"]), start, end, mod if mod in ("last", "this", "next") else "")
    if rule == "ordinal_day":
        return _resolve_ordinal_day(doc, int(g["od"]), start, end)
    if rule == "rel_unit":
        return _resolve_rel_unit(g["ru_mod"].lower(), g["ru_unit"].lower(), dct)
    if rule == "the_past":
        mod = {"past": "last", "previous": "last", "coming": "next", "next": "next"}[g["tp_mod"].lower()]
        return _resolve_rel_unit(mod, g["tp_unit"].lower(), dct)
    if rule == "weekend":
        return _resolve_weekend(doc, g["we_mod"].lower(), start, end)
    if rule == "year_ago_adj":
        quarter = _latest_quarter(doc, start)
        if quarter is None and g["ya_q"] and g["ya_q"].lower() == "quarter":
            q = (dct.month - 1) // 3 - 1
            quarter = (dct.year + q // 4, q % 4 + 1)
        return _quarter(quarter[0] - 1, quarter[1]) if quarter else _year(dct.year - 1)
    if rule == "the_year":
        anchor = _latest_anchor(doc, start)
        return _year(anchor[0].year if anchor and anchor[1] == "year" else dct.year)
    if rule == "the_quarter":
        return _resolve_the_quarter(dct, (g["tq_mod"] or "").lower())
    if rule == "ago":
        n, unit, direction = _number(g["ago_n"]), g["ago_unit"].lower(), g["ago_dir"].lower()
        sign = -1 if direction in ("ago", "earlier") else 1
        quarter = _latest_quarter(doc, start) if unit == "year" else None
        if quarter is not None:  # results "up from $10 million a year ago": the same quarter, a year before
            return _quarter(quarter[0] + n * sign, quarter[1])
        anchor = _latest_anchor(doc, start, unit) if direction in ("earlier", "later") else (dct, "day")
        return _shift(anchor, n * sign, unit) if anchor else None
    if rule == "anchored":
        return _resolve_anchored(doc, g)
    if rule == "anchored_clause":
        anchor = _latest_anchor(doc, start, g["ac_unit"].lower())
        sign = -1 if g["ac_dir"].lower() == "after" else 1  # the clause after "after" happened N units before
        return _shift(anchor, sign * _number(g["ac_n"]), g["ac_unit"].lower()) if anchor else None
    if rule == "anchored_day":
        return _resolve_anchored_day(doc, g, start)
    if rule == "dayword":
        return _day(dct + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["dw"].lower()]))
    if rule == "weekday":
        return _resolve_weekday(doc, g["wd"].lower(), (g["wd_mod"] or "").lower(), start, end)
    if rule == "holiday":
        return _resolve_holiday(doc, g["hd"], (g["hd_mod"] or "").lower(), start, end)
    if rule == "reference":
        return _resolve_reference(g["ref"].lower(), text, start, end)
    return None


_REFERENCES = {
    "PRESENT_REF": ("now", "currently", "nowadays", "present", "these days", "current"),
    "PAST_REF": ("recent", "recently", "lately", "previously", "formerly", "past"),
    "FUTURE_REF": ("future", "soon"),
}


def _resolve_reference(word: str, text: str, start: int, end: int) -> tuple | None:
    """'now', 'recently', 'the future': TimeML references with no interval."""
    before, after = _prev_word(text, start), _next_word(text, end)
    if after in ("that", "as", "after") or before in ("until", "till", "from", "by", "right", "as", "for"):
        return None  # "now that", "as soon as", "soon after", "until now": not a time reference
    if word.startswith("current") and after in ("account", "accounts", "affairs", "events", "flow"):
        return None
    last = word.split()[-1]
    for value, words in _REFERENCES.items():
        if last in words or word in words:
            return value, None, None, None
    return None


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_IN_THE_WEEK = frozenset(("weekday", "weekend", "dayword"))


def _dct_precision_needed(rule: str, g: dict) -> str:
    """How precisely a rule needs to know the publication date to resolve: "on Tuesday" needs its day,
    "last month" its month, "October 9" (a year to choose) only its year."""
    if rule in ("dayword", "weekday", "weekend", "ordinal_day"):
        return "day"
    unit = None
    if rule == "ago" and g["ago_dir"].lower() not in ("earlier", "later"):
        unit = g["ago_unit"].lower()
    elif rule == "rel_unit":
        unit = g["ru_unit"].lower()
    elif rule == "the_past":
        unit = g["tp_unit"].lower()
    if unit is not None:
        return {"day": "day", "week": "day", "year": "year"}.get(unit, "month")
    if rule in ("the_quarter", "year_ago_adj") or (rule == "quarter" and not (g["q_y1"] or g["q_y2"])):
        return "month"
    if rule == "mod_month" and g["mm_mod"].lower() in ("last", "this", "next"):
        return "month"
    return "year"


def tag(text: str, dct: Date | None, *, references: bool = False, dct_precision: str = "day") -> list[Timex]:
    """Every date expression in ``text``, resolved against the publication date ``dct``.

    With ``dct=None`` only expressions that carry their own year are returned.
    With ``references=True`` vague references ("now", "recently") come too, as
    TimeML scoring wants them; they have no ``first``/``last``.  A publication date
    known only to the month or the year (``dct_precision``) resolves what it can
    ("October 9" takes its year, "last month" its month) and leaves out what would
    need a day it does not have ("on Tuesday", "yesterday"): never an invented day.
    """
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    if dct is not None and dct_precision == "month":
        dct = Date(dct.year, dct.month, _last_day(dct.year, dct.month))  # "in March" of a March article: this one
    elif dct is not None and dct_precision == "year":
        dct = Date(dct.year, 12, 31)
    doc = _Doc(text, dct)
    matches = candidates(text)
    resolved: dict[int, tuple] = {}
    for i, m in enumerate(matches):
        if m.lastgroup in ("mdy", "dmy"):
            out = _resolve_absolute(m.lastgroup, m.groupdict(), m.group(0), doc, *m.span())
            if out is not None and out[2] == out[3]:
                resolved[i] = out
                doc.known_years.setdefault((out[2].month, out[2].day), out[2].year)
    for i, m in enumerate(matches):
        rule, g, span, (start, end) = m.lastgroup, m.groupdict(), m.group(0), m.span()
        try:
            out = resolved.get(i) or _resolve_absolute(rule, g, span, doc, start, end)
            if out is None and dct is not None:
                needed = _dct_precision_needed(rule, g)
                if _PRECISION_RANK[needed] >= _PRECISION_RANK.get(dct_precision, 0):
                    out = _resolve_relative(rule, g, span, doc, start, end)
                elif rule in _IN_THE_WEEK and dct_precision == "month":
                    out = _month(dct.year, dct.month)  # "on Monday" in an October article: October, no day made up
        except (ValueError, OverflowError):
            out = None  # off the calendar (year 0 or 10000): not a date we can place
        if out is None or (out[2] is None and not references):
            continue
        value, granularity, first, last = out
        doc.add(Timex(start, end, span, value, granularity, first, last))
    return _with_coordinated_days(text, doc.found)


_DAY_BEFORE = re.compile(r"\b(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s*(?:and|&|or|,)\s*$")
_DAY_AFTER = re.compile(r"\s*(?:and|&|or)\s+(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b(?![,.]?\s*\d)")


def _with_coordinated_days(text: str, found: list[Timex]) -> list[Timex]:
    """ "10 and 11 March", "March 10 and 11": the first (or second) day is a date of the same month too."""
    extra = []
    for t in found:
        if t.granularity != "day" or t.first != t.last or not t.text:
            continue
        if t.text[0].isdigit():
            m = _DAY_BEFORE.search(text, max(0, t.start - 12), t.start)
            at = (m.start(1), m.end(1)) if m else None
        else:
            m = _DAY_AFTER.match(text, t.end)
            at = (m.start(1), m.end(1)) if m else None
        if m is None:
            continue
        d = _safe_date(t.first.year, t.first.month, int(m.group(1)))
        if d is not None and not any(o.start <= at[0] < o.end for o in found):
            extra.append(Timex(at[0], at[1], text[at[0] : at[1]], *_day(d)))
    return sorted(found + extra, key=lambda t: t.start) if extra else found
