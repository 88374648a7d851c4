"""tag(): every temporal expression of a text, resolved against its creation time."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import values as v
from timeline.temporal.context import Doc, Timex, as_date
from timeline.temporal.registry import PRECISIONS, Hit, Part
from timeline.temporal.scan import RULE_BY_NAME, candidates
from timeline.temporal.values import Date, Resolved


def tag(text: str, dct: Date | None, *, references: bool = True, dct_precision: str = "day") -> list[Timex]:
    """Every temporal expression in ``text``, resolved against the publication date ``dct``.

    Dates, times, durations, sets and vague references ("now") come as TimeML types and
    values; only dates and times have an interval (``Timex.is_calendar``), which is all
    events use.  With ``dct=None`` only expressions that carry their own year resolve.
    With ``references=False`` the vague references are left out.  A publication date
    known only to the month or the year (``dct_precision``) resolves what it can
    ("October 9" takes its year, "last month" its month) and leaves out what would need
    a day it does not have ("on Tuesday", "yesterday"): never an invented day.
    """
    dct = as_date(dct)
    if dct is not None and dct_precision == "month":
        dct = Date(dct.year, dct.month, v.last_day(dct.year, dct.month))  # "in March" of a March article: this one
    elif dct is not None and dct_precision == "year":
        dct = Date(dct.year, 12, 31)
    doc = Doc(text, dct, dct_precision)
    hits = [(RULE_BY_NAME[m.lastgroup], Hit(m.groupdict(), m.group(0), *m.span())) for m in candidates(text)]
    resolved: dict[int, Resolved] = {}
    for i, (rule, hit) in enumerate(hits):
        if rule.first_pass:
            out = _resolve(rule, hit, doc, dct_precision)
            if isinstance(out, Resolved) and out.first is not None and out.first == out.last:
                resolved[i] = out
                doc.known_years.setdefault((out.first.month, out.first.day), out.first.year)
    for i, (rule, hit) in enumerate(hits):
        out = resolved.get(i) or _resolve(rule, hit, doc, dct_precision)
        if out is None and rule.precision_needed(hit.g) is not None:
            doc.unplaced.append(hit.end)  # "on March 20" with no year to give it: what follows is not counted
            # from a date before it ("the following day")
        parts = out if isinstance(out, list) else [Part(hit.start, hit.end, out)] if out is not None else []
        for start, end, one in parts:
            if one.value.endswith("_REF") and not references:
                continue
            doc.add(Timex(start, end, text[start:end], *one, rule=rule.name))
    return _weeks_of(text, _with_coordinated_days(text, doc.found))


def _resolve(rule, hit: Hit, doc: Doc, dct_precision: str) -> Resolved | list[Part] | None:
    try:
        needed = rule.precision_needed(hit.g)
        if needed is None:
            return rule.resolve(hit, doc)
        if doc.dct is None:  # no publication date: only a year the text itself gives ("January 2025" above it)
            return rule.resolve(hit, doc) if rule.year_in_text and needed == "year" else None
        if PRECISIONS.index(needed) >= PRECISIONS.index(dct_precision if dct_precision in PRECISIONS else "day"):
            return rule.resolve(hit, doc)
        if rule.in_week and dct_precision == "month":
            return v.month(doc.dct.year, doc.dct.month)  # "on Monday" in an October article: October, no day made up
    except (ValueError, OverflowError):
        pass  # off the calendar (year 0 or 10000): not a date we can place
    return None


# The other day of "10 and 11 March", "11-12 February", "from 3 to 5 March" (before), "March 10 and 11",
# "March 3-5", "from March 3 to 5" (after); not "March 3 to 5 million" or "June 3 to 5 p.m."
_DAY_BEFORE = re.compile(
    r"(?<![\d.,:/-])\b(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s*(?:and|&|or|,|[-–]|to|until|till|through)\s*$"
)
_DAY_AFTER = re.compile(
    r"(?:\s*(?:and|&|or|to|until|till|through)\s+|\s*[-–]\s*)(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b"
    r"(?![,.]?\s*\d|[-–:/]|\s*(?:%|per\b|percent|million|billion|thousand|[ap]\.?m\b|o'clock|hours?|days?|years?))"
)


def _with_coordinated_days(text: str, found: list[Timex]) -> list[Timex]:
    """ "10 and 11 March", "March 10 and 11": the first (or second) day is a date of the same month too."""
    extra = []
    for t in found:
        if t.granularity != "day" or t.first != t.last or not t.text or t.type != "DATE":
            continue
        if t.text[0].isdigit():
            m = _DAY_BEFORE.search(text, max(0, t.start - 12), t.start)
        else:
            m = _DAY_AFTER.match(text, t.end)
        if m is None:
            continue
        at = (m.start(1), m.end(1))
        d = v.safe_date(t.first.year, t.first.month, int(m.group(1)))
        if d is not None and not any(o.start <= at[0] < o.end for o in found):
            extra.append(Timex(at[0], at[1], text[at[0] : at[1]], *v.day(d), rule="coordinated_day"))
    return sorted(found + extra, key=lambda t: t.start) if extra else found


_WEEK_OF = re.compile(r"(?:\bthe\s+)?\bweek\s+of\s+$", re.IGNORECASE)
# "the last week of June": the month's week by its rank; its "last week" is no week before publication
_NTH_WEEK_OF = re.compile(r"(?:\bthe\s+)?\b(first|second|third|fourth|last|final)\s+week\s+of\s+$", re.IGNORECASE)
_WEEK_RANK = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _weeks_of(text: str, found: list[Timex]) -> list[Timex]:
    """ "the week of June 17" is the week that holds that day, "the last week of June" the week that holds
    most of the month's last seven days: one expression each, at the week's precision."""
    if "eek of" not in text:
        return found
    out, drop = [], set()
    for t in found:
        dated = t.type == "DATE" and t.first is not None
        m = _WEEK_OF.search(text, max(0, t.start - 16), t.start) if dated and t.granularity == "day" else None
        if m and t.first == t.last:
            t = Timex(m.start(), t.end, text[m.start() : t.end], *v.week(t.first), rule="week_of")
        elif dated and t.granularity == "month" and (m := _NTH_WEEK_OF.search(text, max(0, t.start - 24), t.start)):
            rank = m.group(1).lower()
            if rank in _WEEK_RANK:  # the week holding the month's 4th day: most of its days are the month's
                day = v.Date(t.first.year, t.first.month, 4 + 7 * _WEEK_RANK[rank])
            else:
                day = t.last - dt.timedelta(days=3)
            drop.update(id(o) for o in found if m.start() <= o.start < t.start)  # "last week", read alone
            t = Timex(m.start(), t.end, text[m.start() : t.end], *v.week(day), rule="week_of")
        out.append(t)
    return [t for t in out if id(t) not in drop]


__all__ = ["tag"]
