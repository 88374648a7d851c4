"""What resolving an expression may look at: the document, its creation time, what came before, tense."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from timeline.temporal.lexicon import (
    COUNT_AFTER,
    COUNT_BEFORE,
    DEADLINE_WORDS,
    FUTURE_CUES,
    MONTHS,
    NUMBER_WORDS,
    PAST_CUES,
    REPORTING_VERBS,
    TELLING_VERBS,
    WEEKDAYS,
    YEAR_WRITTEN,
)
from timeline.temporal.values import GRANULARITIES, Date

CONTEXT = 300  # characters looked at on either side of an expression: bounded work however long the line
_WORD = re.compile(r"[A-Za-z']+")
NARRATIVE_REACH = 600  # characters: how far back the story's last day still sets the year of a bare "May 6"
# a month sets the story's time when it says when things happened ("In July 2023, …"), not which thing it was
# ("the August 1988 cease-fire")
_NARRATIVE_MONTH_OPENERS = frozenset(("in", "during", "by", "since", "until", "till", "through", "throughout"))
NARRATIVE_DAYS = 31  # a bare date this close to that date is read in its year, whatever the publication date
ASIDE_REACH = 80  # characters: how far before a date the comma that opens its aside may stand
_SENTENCE_END = re.compile(r"\n|[.!?][\"'”’)]*\s+[A-Z]")  # approximate: "Gen. Haliva" ends one too
_ASIDE_OPENS = re.compile(r"\s+(?:the|a|an|who|which|whose|whom)\s", re.IGNORECASE)  # ", the mastermind of …,"


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: where it is, what it says, its TimeML type and value, and its interval.

    ``value`` is TimeML at the expression's own precision (``2023-10-07``, ``2024-06``,
    ``2025``, ``1989-Q3``, ``1998-W08``, ``1998-02-17TNI``, ``P3D``); ``granularity`` is its
    precision (one of ``GRANULARITIES``) and ``first``/``last`` the days it spans.  Durations,
    sets and vague references ("now": ``PRESENT_REF``) have no interval.  ``rule`` names the
    rule that found it.
    """

    start: int
    end: int
    text: str
    value: str
    granularity: str | None
    first: Date | None
    last: Date | None
    type: str = "DATE"
    rule: str = ""

    @property
    def is_calendar(self) -> bool:
        """True for a date on the calendar, False for a duration, a set or a vague reference like "now"."""
        return self.first is not None


@dataclass
class Doc:
    """One document being tagged: its text, its creation time, and the dates found so far."""

    text: str
    dct: Date | None
    dct_precision: str = "day"
    found: list[Timex] = field(default_factory=list)
    # "October 7, 2023" elsewhere in the article settles the year of a bare "October 7".
    known_years: dict[tuple[int, int], int] = field(default_factory=dict)
    entry: tuple[Date, str] | None = None  # the last date heading a line: a chronology's reference
    # where the narrative last stood, and its first and last day: a day, or a month with its year ("In July 2023")
    story: tuple[int, Date, Date] | None = None
    unplaced: list[int] = field(default_factory=list)  # where dates the tagger could not place end
    _numeric_order: str | None = ""  # "" until asked: see numeric_order()
    _dotted_days: bool | None = None  # None until asked: see dotted_days()

    def add(self, timex: Timex) -> None:
        self.found.append(timex)
        if timex.is_calendar and _names_an_event(self.text, timex):
            pass  # "the October 7, 2023, massacre", "Hamas's October 7 attack": a known event named, the story stays
        elif (
            timex.is_calendar
            and YEAR_WRITTEN.search(timex.text)
            and (
                timex.granularity == "day"
                or (timex.granularity == "month" and prev_word(self.text, timex.start) in _NARRATIVE_MONTH_OPENERS)
                or timex.granularity == "season"  # "the summer of 2023": the stretch a story goes back to
                # an undated page's title ("2023 in Portugal"): the year its bare days are in
                or (timex.granularity == "year" and self.dct is None and "\n" not in self.text[: timex.start])
            )
        ):
            self.story = timex.end, timex.first, timex.last
        elif timex.is_calendar and timex.granularity == "day" and self.story is not None:
            self.story = timex.end, timex.first, timex.last  # the story goes on, or has moved ("Feb. 27 this year")
        if timex.is_calendar and at_line_start(self.text, timex.start, timex.end):
            self.entry = timex.first, timex.granularity
        elif (
            timex.granularity == "year"
            and (self.dct is None or timex.first <= self.dct)
            and self.entry is None
            and "\n" not in self.text[: timex.start]
        ):
            # "2023 in Portugal", "Timeline of the 2024 protests": the title's year is its chronology's entries'
            self.entry = timex.first, timex.granularity

    def numeric_order(self) -> str | None:
        """Whether the text writes its numeric dates day first ("21/01/2025") or month first ("01/21/2025"), by
        those whose order is plain; None when none is, or they disagree."""
        if self._numeric_order == "":
            orders = set()
            for m in _NUMERIC_DATE.finditer(self.text):
                first, second = int(m.group(1)), int(m.group(2))
                if first > 12 >= second:
                    orders.add("day")
                elif second > 12 >= first:
                    orders.add("month")
            self._numeric_order = orders.pop() if len(orders) == 1 else None
        return self._numeric_order

    def dotted_days(self) -> bool:
        """Whether the text writes a day and month as "day.month" after a weekday ("on Tuesday (21.1)"), as
        Israeli copy in translation does: its other bare "on 6.3" are days too, not decimals."""
        if self._dotted_days is None:
            self._dotted_days = bool(_WEEKDAY_DOTTED.search(self.text))
        return self._dotted_days

    def tense(self, start: int, end: int) -> str | None:
        """The tense cue nearest the span (``tense``); outside a chronology, a day a verb sets something for ("have
        called a general strike for March 28") is still to come; in one, its entry's day frames it."""
        if self.entry is None and _SET_FOR.search(self.text, max(0, start - 60), start):
            return "future"
        return tense(self.text, start, end)

    def latest_anchor(
        self, start: int, unit: str = "year", within: tuple[Date, Date] | None = None
    ) -> tuple[Date, str] | None:
        """The last calendar date mentioned shortly before ``start`` that is precise enough to count ``unit``s
        from: what "two days later" counts from ("the previous evening" skips a "next year" in between).  With
        ``within``, a date that starts outside those days is passed over."""
        finest = GRANULARITIES.index(unit) if unit in GRANULARITIES else len(GRANULARITIES) - 1
        aside: Timex | None = None  # a date in an aside: the anchor only if its sentence said none before it
        opened = 0
        unplaced = bisect.bisect_left(self.unplaced, start)
        barrier = self.unplaced[unplaced - 1] if unplaced else -1  # the last date before it left unplaced
        for t in reversed(self.found):
            if t.end <= barrier:
                break  # "on March 20 … the following day", March 20 of no known year: no day to count from
            if start - t.end >= 400 or (
                aside is not None and (t.end > opened or _SENTENCE_END.search(self.text, t.end, opened))
            ):
                break  # not before the aside in its sentence
            if t.is_calendar and GRANULARITIES.index(t.granularity) <= finest:
                if within is not None and not within[0] <= t.first <= within[1]:
                    continue  # "will step down on March 6 … announced his resignation on the same day": not that day
                if self.quoted_before(t, start):
                    continue  # '"On the morning of October 7, …," Halevi wrote.': the speaker's day, not the story's
                if aside is not None:
                    return t.first, t.granularity  # the story's date, told before the aside in its sentence
                where = self.aside_opening(t, start)
                if where is None:
                    return t.first, t.granularity
                aside, opened = t, where
        return (aside.first, aside.granularity) if aside is not None else None

    def quoted_before(self, t: Timex, start: int) -> bool:
        """Whether ``t`` stands in a quotation, in its paragraph, that closes before ``start``."""
        text = self.text
        opened_at = max(text.rfind("\n", 0, t.start), text.rfind("”", 0, t.start))
        if text.rfind("“", opened_at + 1, t.start) >= 0:
            return any(c in text[t.end : start] for c in "”")
        straight = text.count('"', text.rfind("\n", 0, t.start) + 1, t.start)
        return straight % 2 == 1 and '"' in text[t.end : start]

    def quotation_opening(self, start: int) -> int | None:
        """Where the quotation that ``start`` stands in opens, within its paragraph; None outside one."""
        text = self.text
        line = text.rfind("\n", 0, start) + 1
        curly = text.rfind("“", line, start)
        if curly >= 0 and text.rfind("”", curly, start) < 0:
            return curly
        straight = [i for i in range(line, start) if text[i] == '"']
        return straight[-1] if len(straight) % 2 == 1 else None

    def aside_opening(self, t: Timex, start: int) -> int | None:
        """Where the aside that holds ``t`` opens, when ``t`` stands in one closed before ``start``: an apposition
        or a relative clause between commas ("killed Yahya Sinwar, the mastermind of the Oct. 7 attack, in a
        firefight a day earlier") tells who or what, not when the story is."""
        opened = self.text.rfind(",", max(0, t.start - ASIDE_REACH), t.start)
        if opened < 0 or not _ASIDE_OPENS.match(self.text, opened + 1):
            return None
        closed = self.text.find(",", t.end, start)
        return opened if closed >= 0 and not any(c in self.text[opened:closed] for c in ";\n") else None

    def narrative_date(self, start: int) -> tuple[Date, Date] | None:
        """The first and last day of where a narrative has moved to, shortly before ``start``: the last date to
        the day or the month with its year written out ("On September 10, 2023, …", "In July 2023"), or a later
        day read in that date's year ("… on September 17")."""
        return self.story[1:] if self.story is not None and start - self.story[0] < NARRATIVE_REACH else None

    def latest_quarter(self, start: int) -> tuple[int, int] | None:
        """The quarter under discussion, if the last date mentioned nearby is one ("third-quarter profit")."""
        for t in reversed(self.found):
            if start - t.end > 600:
                return None
            if t.is_calendar and t.rule not in ("ago", "year_ago_adj"):  # a year-ago quarter is not the one discussed
                m = re.fullmatch(r"(\d{4})-Q([1-4])", t.value)
                return (int(m.group(1)), int(m.group(2))) if m else None
        return None


def days_apart(day: Date, span: tuple[Date, Date]) -> int:
    """How many days ``day`` lies outside the span of days ``span`` (0 inside it)."""
    first, last = span
    return (first - day).days if day < first else (day - last).days if day > last else 0


def at_line_start(text: str, start: int, end: int) -> bool:
    """A date heading its line ("Sept. 28: …", "July 9 –", "2022"): an entry of a chronology."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip(" \t•*#>-–—") and (
        end == len(text) or text[end] in ":–—-\n\r" or text[end : end + 2] in (" –", " —", " -")
    )


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, approximately: bounded by '. ', '; ' or a newline, at most CONTEXT away."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    left = max(text.rfind("\n", lo, start), text.rfind(". ", lo, start), text.rfind("; ", lo, start), lo - 1)
    right = [i for i in (text.find("\n", end, hi), text.find(". ", end, hi), text.find("; ", end, hi)) if i != -1]
    return left + 1, min(right, default=hi)


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


# A cue after these is a participle or an infinitive, not the tense: "will be held", "is heard", "to be presented",
# "will remain closed".
_AUXILIARIES = frozenset(
    "be to been being is are am get gets remain remains stay stays seem seems become becomes".split()
)
# Cues that are participles: after a noun and before its verb in the past ("the convoys scheduled for … were
# turned back") they say what was set, not whether its day has come; after "be" ("talks are scheduled for …") it
# is still to come.
_PARTICIPLE_CUES = frozenset(("scheduled", "planned", "slated", "expected"))
_BE = frozenset("is are was were be been being am".split())


def is_past_verb(word: str, written: str | None = None) -> bool:
    """A verb in the past (lower case ``word``): a past cue, or a word ending "-ed" written in lower case (``written``,
    when known: "United" is none)."""
    return word in PAST_CUES or (len(word) > 4 and word.endswith("ed") and (written is None or written.islower()))


_OPENS_CLAUSE = frozenset("after before when while because as since that which who if until".split())
NEXT_VERB_WORDS = 4  # "scheduled for 26 March and 2 April were turned back": the noun's own verb comes at once


def _past_verb_next(words: list[str], written: list[str]) -> bool:
    """Whether a verb in the past follows a date at once, in its clause ("… and 2 April were turned back"), not
    in another one ("… planned for November 19 after members voted")."""
    for w, as_written in zip(words[:NEXT_VERB_WORDS], written, strict=False):
        if w in FUTURE_CUES or w in _OPENS_CLAUSE:
            return False
        if is_past_verb(w, as_written):
            return True
    return False


# … and a date after "for" that a verb sets: "have called a general strike for March 28"
_SET_FOR = re.compile(r"\b(?:call(?:s|ed)?|set|sets|fix(?:es|ed)?|book(?:s|ed)?)\s+(?:\S+\s+){0,4}for\s+$")


# Cues that are nouns after a determiner: "the plan", "a forecast".
_NOUN_CUES = frozenset(("plan", "plans", "forecast", "forecasts", "aim", "aims", "hope", "hopes"))
_DETERMINERS = frozenset(("the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "new"))
# "agreed to buy … in February": what was agreed is still to come when it is agreed.
_GOVERNORS = frozenset(
    "agreed decided promised pledged vowed voted threatened agreeing set ready going about preparing poised".split()
)
# "as soon as Tuesday", "no later than Friday": a date still to come.
_LOOKS_AHEAD = re.compile(r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|not\s+before)\s*$", re.IGNORECASE)


def tense(text: str, start: int, end: int) -> str | None:
    """'past', 'future', or None: the tense cue nearest to the span within its sentence."""
    lo, hi = clause_bounds(text, start, end)
    preceding = text[max(lo, start - 100) : start]
    if _LOOKS_AHEAD.search(preceding):
        return "future"
    if preceding.endswith("for ") and _WEEKDAY_WORD.fullmatch(text, start, end):
        return "future"  # "called a warning strike for Wednesday", "set the vote for Friday": the day it is set for
    written_before = _WORD.findall(preceding)[::-1][:12]
    before = [w.lower() for w in written_before]
    if before and before[0] in DEADLINE_WORDS:
        return None
    written_after = _WORD.findall(text[end : min(hi, end + 70)])[:8]
    after = [w.lower() for w in written_after]
    telling = any(w in REPORTING_VERBS or w in TELLING_VERBS for w in before)
    for words, written, backward in ((before, written_before, True), (after, written_after, False)):
        for i, w in enumerate(words):
            if not backward and w == "that" and telling:
                return "past"  # "told the Knesset in November that the inquiry would wait": the telling's date
            previous = words[i + 1] if backward and i + 1 < len(words) else (words[i - 1] if not backward and i else "")
            if w in REPORTING_VERBS and i > 2:
                continue  # "said it would extend the bid to Nov. 6": the report, not the event
            if backward and w in TELLING_VERBS and "that" in words[:i]:
                continue  # "warned that the season beginning in November would …": what is told has its own tense
            if w in FUTURE_CUES:
                two_back = (
                    words[i + 2]
                    if backward and i + 2 < len(words)
                    else (words[i - 2] if not backward and i > 1 else "")
                )
                if w in _NOUN_CUES and (previous in _DETERMINERS or two_back in _DETERMINERS):
                    continue  # "the plan", "a forecast", "an implementation plan": nouns
                if (
                    backward
                    and i == 1
                    and words[0] in ("for", "on")
                    and w in _PARTICIPLE_CUES
                    and previous not in _BE
                    and _past_verb_next(after, written_after)
                ):
                    # "two convoys scheduled for 26 March were turned back", "the strike planned for 19 November
                    # was called off": what was set for a day, and no word of whether that day has come
                    return None
                return "future"
            if (
                backward
                and w == "to"
                and i
                and previous in _GOVERNORS
                and words[i - 1] not in _DETERMINERS
                and re.search(rf"\b{previous}\s+to\s", preceding, re.IGNORECASE)  # not "voted 331 to 244"
            ):
                return "future"
            if previous in _AUXILIARIES:
                continue
            if is_past_verb(w, written[i]):
                return "past"
    return None


def tells_past_after(text: str, start: int) -> bool:
    """Whether the clause that starts at ``start`` tells what happened: a verb in the past comes at once ("… a week
    after shareholders rejected her plan")."""
    written = _WORD.findall(text, start, start + 80)
    return _past_verb_next([w.lower() for w in written], written)


def told_in_past(text: str, start: int) -> bool:
    """Whether the clause before ``start`` tells what happened: a verb in the past and no word of what is to come
    ("Finkelman also announced his resignation on the same day")."""
    lo, _ = clause_bounds(text, start, start)
    words = [w.lower() for w in _WORD.findall(text[lo:start])]
    if any(w in FUTURE_CUES for w in words):
        return False
    return any(w in REPORTING_VERBS or is_past_verb(w) for w in words)


def choose(past: Date | None, future: Date | None, cue: str | None, dct: Date) -> Date | None:
    """Pick the earlier or the later reading of a yearless date.

    The tense of the clause decides; without a cue the nearer reading wins, with
    the past favoured three to two, because news mostly reports what happened.
    """
    if past is None or future is None:
        return past or future
    if cue is not None:
        return past if cue == "past" else future
    return future if 3 * (future - dct).days < 2 * (dct - past).days else past


_PREV_WORD = re.compile(r"([A-Za-z.']+)[\s,(-]*$")
_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z']+)")


_WEEKDAY_NAMES = "|".join(day.capitalize() for day in WEEKDAYS)  # the lexicon's, as a heading or a sentence writes them
_WEEKDAY_WORD = re.compile(rf"(?:{_WEEKDAY_NAMES})")
_WEEKDAY_DOTTED = re.compile(rf"\b(?:{_WEEKDAY_NAMES})(?:\s+\w+)?\s*\((?:[0-2]?\d|3[01])\.(?:0?[1-9]|1[0-2])\)")
_NUMERIC_DATE = re.compile(r"(?<![\d/.:,-])(\d{1,2})/(\d{1,2})/(?:\d{4})(?![\d/:-])")
_POSSESSED = re.compile(r"\w['’]s?\s+$")
_NOUN_AFTER = re.compile(r",?\s+[a-z][a-z-]+\b")


def _names_an_event(text: str, timex: Timex) -> bool:
    """A date before a noun after "the" or a possessive: the name of an event ("the October 7 attack"), not a
    date the narrative moves to."""
    near = text[max(0, timex.start - 5) : timex.start]
    if not (near.lower().endswith("the ") or "s " in near or "' " in near or "’ " in near):  # most dates: neither
        return False
    before = prev_word(text, timex.start) == "the" or _POSSESSED.search(text, max(0, timex.start - 30), timex.start)
    return bool(before) and bool(_NOUN_AFTER.match(text, timex.end))


def prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text[max(0, start - 40) : start])
    return m.group(1).lower().rstrip(".") if m else ""


def next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end : end + 40])
    return m.group(1).lower() if m else ""


def year_is_count(text: str, start: int, end: int) -> bool:
    return prev_word(text, start) in COUNT_BEFORE or next_word(text, end) in COUNT_AFTER


def month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return MONTHS[word[:4] if word.startswith("sept") else word[:3]]


def clean(span: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\bof\b", " ", span)).strip()


def number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def as_date(value: dt.date | dt.datetime | None) -> Date | None:
    return value.date() if isinstance(value, dt.datetime) else value
