"""Events: from tagged articles to the events table.

An event mention is a sentence that reports something at a date: one row per
(sentence, date) pair, with a category from the editable taxonomy, the actors
named in the sentence, a short title and its source.  Mentions of the same
real event in several articles share an ``event_id``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from timeline.corpus import Article, Problem
from timeline.schema import conform
from timeline.temporal import Timex, tag
from timeline.text import sentences

__all__ = ["Taxonomy", "extract", "extract_article", "load_taxonomy"]

EARLIEST, LATEST = dt.date(1800, 1, 1), dt.date(2200, 12, 31)  # inside what pandas timestamps hold
OTHER = "other"
STATEMENT = "statement"
WEAK_CATEGORIES = frozenset({OTHER, STATEMENT})
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
QUOTE_PENALTY = 8  # words: what a quotation mentions weighs less than what the sentence reports
MAX_TITLE_WORDS = 12

# --------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    """Categories in priority order, each with its keyword pattern and penalty (in words)."""

    categories: tuple[tuple[str, re.Pattern[str], int], ...]

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self.categories] + [OTHER]

    def categorize(self, sentence: str, date_start: int, date_end: int) -> str:
        """The category whose keyword stands nearest the date (in words).

        Keywords inside a quotation count as further away, and "statement" (a
        reporting verb) only applies when nothing of substance is reported
        outside quotation marks: "the military on Monday said he has resigned"
        is a resignation.
        """
        quoted = [m.span() for m in QUOTED.finditer(sentence)]
        scored: list[tuple[int, int, str, bool]] = []
        for order, (name, pattern, penalty) in enumerate(self.categories):
            for m in pattern.finditer(sentence):
                if date_start <= m.start() < date_end:
                    continue  # "ten days after the attack" dates the event; it is not its kind
                lo, hi = sorted((m.start(), date_start if m.start() < date_start else date_end))
                in_quote = any(a <= m.start() < b for a, b in quoted)
                score = len(sentence[lo:hi].split()) + penalty + (QUOTE_PENALTY if in_quote else 0)
                scored.append((score, order, name, in_quote))
        if any(name != STATEMENT and not in_quote for _, _, name, in_quote in scored):
            scored = [s for s in scored if s[2] != STATEMENT]
        return min(scored)[2] if scored else OTHER


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The category taxonomy: the packaged ``categories.toml`` unless another file is given."""
    if path is None:
        raw = resources.files("timeline").joinpath("categories.toml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    categories = []
    for name, spec in tomllib.loads(raw).items():
        words = sorted((re.escape(k.strip()) for k in spec.get("keywords", []) if k.strip()), key=len, reverse=True)
        if words:
            pattern = re.compile(r"\b(?:" + "|".join(words) + ")", re.IGNORECASE)
            categories.append((name, pattern, int(spec.get("penalty", 0))))
    return Taxonomy(tuple(categories))


# --------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------

_CAP = r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Maj|Col|Capt|Sgt|Adm|Brig|Cmdr|Sen|Rep|Gov|St|Jr|Sr|[A-Z])\.|[A-Z][\w'’-]*)"
NAME = re.compile(
    rf"\b(?:(?:Unit|Brigade|Division|Battalion|Squadron|Regiment|Corps)\s+\d+|{_CAP}"
    rf"(?:\s+(?:(?:of|for|the|de|al|bin|ben|van|von)\s+){{0,2}}{_CAP})*)"
)
ACRONYM_DEFINITION = re.compile(r"\b((?:[A-Z][\w’'-]*\s+){1,5}[A-Z][\w’'-]*)\s*\(([A-Z]{2,6})\)")
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "maj",
        "gen",
        "lt",
        "col",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "brig",
        "cmdr",
        "lieutenant",
        "general",
        "major",
        "colonel",
        "captain",
        "sergeant",
        "admiral",
        "prime",
        "minister",
        "ministers",
        "defense",
        "defence",
        "finance",
        "foreign",
        "interior",
        "president",
        "vice",
        "chief",
        "commander",
        "opposition",
        "leader",
        "former",
        "deputy",
        "senior",
        "secretary",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "king",
        "queen",
        "prince",
        "sen",
        "rep",
        "gov",
        "governor",
        "mayor",
        "judge",
        "justice",
    ]
)
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "of",
        "to",
        "and",
        "but",
        "or",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "until",
        "with",
        "also",
        "according",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "there",
        "here",
        "what",
        "who",
        "why",
        "how",
        "one",
        "another",
        "some",
        "many",
        "most",
        "more",
        "all",
        "both",
        "each",
        "any",
        "no",
        "not",
        "until",
        "during",
        "however",
        "meanwhile",
        "yet",
        "so",
        "then",
        "now",
        "even",
    ]
)
CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:i|ian|ean|ese|ish|ch)$")


def _tokens(name: str) -> list[str]:
    name = re.sub(r"[’']s$", "", name)
    return [t.rstrip(".") for t in name.split()]


def _strip_name(raw: str) -> str:
    """Drop titles, leading function words and calendar words: 'Maj. Gen. Aharon Haliva' -> 'Aharon Haliva'."""
    parts = re.split(r"[’']s\b", raw)[0].split()
    tokens = [t.rstrip(".,") for t in parts]
    while tokens and (tokens[0].lower() in TITLE_WORDS | FUNCTION_WORDS or NATIONALITY.match(tokens[0])):
        if len(tokens) == 1 and tokens[0].lower() not in TITLE_WORDS | FUNCTION_WORDS:
            break
        tokens.pop(0)
    tokens = [t for t in tokens if t.lower() not in CALENDAR_WORDS]
    while tokens and tokens[-1].lower() in FUNCTION_WORDS:
        tokens.pop()
    return " ".join(tokens)


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


def _candidates(sentence: str) -> list[tuple[str, bool]]:
    """Names in a sentence, each with whether it opens the sentence (where any word is capitalised)."""
    if _is_headline(sentence):
        return []  # every word of a headline looks like a name
    out = []
    for m in NAME.finditer(sentence):
        name = _strip_name(m.group(0))
        if name and not NATIONALITY.match(name) and name.lower() not in TITLE_WORDS | FUNCTION_WORDS:
            initial = not sentence[: m.start()].strip(" \"“‘'(")
            out.append((name, initial and name == m.group(0).split()[0]))
    return out


def _is_headline(line: str) -> bool:
    """All caps, or title case without a closing full stop: a headline, not a report."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if not words or line.upper() == line:
        return True
    capitalised = sum(w[0].isupper() for w in words) / len(words)
    return capitalised > 0.7 and line.rstrip()[-1:] not in '.!"”'


@dataclass
class Names:
    """What an article tells about names, for resolving them across the corpus.

    Kept per article so that articles can be parsed apart (in parallel, or
    once and stored) and the names settled over the whole corpus afterwards.
    """

    acronyms: dict[str, str] = field(default_factory=dict)  # "Israel Defense Forces" -> "IDF"
    full: Counter = field(default_factory=Counter)  # "Aharon Haliva" -> mentions
    singles: Counter = field(default_factory=Counter)  # "Hamas" -> mentions not opening a sentence

    @classmethod
    def of(cls, text: str) -> Names:
        names = cls()
        for m in ACRONYM_DEFINITION.finditer(text):
            names.acronyms[_strip_name(m.group(1))] = m.group(2)
        for start, end in sentences(text):
            for name, initial in _candidates(text[start:end]):
                words = name.split()
                if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
                    names.full[name] += 1
                elif len(words) == 1 and not initial:
                    names.singles[name] += 1
        return names

    def to_records(self, source: str) -> list[dict]:
        records = [
            {"source": source, "kind": "acronym", "name": k, "value": v, "count": 1} for k, v in self.acronyms.items()
        ]
        records += [
            {"source": source, "kind": "full", "name": k, "value": "", "count": n} for k, n in self.full.items()
        ]
        records += [
            {"source": source, "kind": "single", "name": k, "value": "", "count": n} for k, n in self.singles.items()
        ]
        return records

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> dict[str, Names]:
        by_source: dict[str, Names] = defaultdict(cls)
        for r in records:
            names = by_source[r["source"]]
            if r["kind"] == "acronym":
                names.acronyms[r["name"]] = r["value"]
            else:
                getattr(names, r["kind"] if r["kind"] == "full" else "singles")[r["name"]] += int(r["count"])
        return dict(by_source)


class _Actors:
    """Names across the corpus, so 'Mr. Haliva' and 'Aharon Haliva' are one actor."""

    def __init__(self, names: dict[str, Names]):
        self.local = {source: n.full for source, n in names.items()}
        self.long_to_acronym: dict[str, str] = {}
        self.full_names: dict[str, Counter] = defaultdict(Counter)
        self.single_counts: Counter = Counter()
        for n in names.values():
            self.long_to_acronym.update(n.acronyms)
            for full, count in n.full.items():
                self.full_names[full.split()[-1]][full] += count
            self.single_counts.update(n.singles)

    def canonical(self, name: str, source: str) -> str | None:
        name = self.long_to_acronym.get(name, name)
        words = name.split()
        if len(words) > 1:
            return name
        word = words[0]
        local = [full for full in self.local.get(source, {}) if full.split()[-1] == word]
        if local:
            return max(local, key=lambda full: (self.local[source][full], full))
        pool = self.full_names.get(word)
        if pool and len(pool) == 1:
            return next(iter(pool))
        if _is_acronym(word) or (re.match(r"^[A-Z][a-z]+$", word) and self.single_counts[word] >= 2):
            return word
        return None

    def resolve(self, raw: Iterable[str], source: str) -> str:
        found: list[str] = []
        for name in raw:
            canonical = self.canonical(name, source)
            if canonical and canonical not in found:
                found.append(canonical)
        return "; ".join(found)


# --------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------

_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|which|who|when)\s+|;\s+|\s+[—–]\s+")
_LEADING = re.compile(r"^(?:(?:and|but|so|also|however|meanwhile|then|yet|in addition)\b[,\s]*)+", re.IGNORECASE)
_DATE_PREP = re.compile(r"(?:\b(?:in|on|since|by|until|from|of|at|during|through)\s+)?\0[,\s]*", re.IGNORECASE)
_LONG_QUOTE = re.compile(r"[“\"][^”\"\0]{40,}[”\"],?")
_TRAILING = re.compile(r"[\s,;:—–-]+$|\s+(?:the|a|an|of|in|on|at|to|for|by|and|or|with|from|that|as)$", re.IGNORECASE)


def make_title(sentence: str, date_start: int, date_end: int) -> str:
    """A short headline-like title: the clause that holds the date, the date itself left out."""
    text = sentence[:date_start] + "\0" + sentence[date_end:] if date_end else sentence
    unquoted = _LONG_QUOTE.sub(" ", text)
    if len(re.findall(r"[A-Za-z]{2,}", unquoted)) >= 4:
        text = unquoted  # '"…," Mr. Haliva wrote on Monday': the speaker and the act, not the quotation
    elif unquoted != text:
        text = max(_LONG_QUOTE.findall(text), key=len)  # '"…," he said on Oct. 17': what was said
    clauses = _CLAUSE_SPLIT.split(text)
    clause = next((c for c in clauses if "\0" in c), text)
    if clause is not clauses[0] and not _LEADING.sub("", clause.strip())[:1].isupper():
        clause = " ".join(clauses[0].split()[:4]) + " … " + clause  # "The probe was … is due to be presented"
    if len(clause.split()) < 5:
        clause = text
    clause = _DATE_PREP.sub(" ", clause).replace("\0", " ")
    clause = re.sub(r"\([^)]*\)|[\"“”]|(?<!\w)[‘’]|[‘’](?!\w)", " ", clause)
    clause = _LEADING.sub("", re.sub(r"\s+", " ", clause).strip(" ,.;:")).strip(" ,")
    clause = re.sub(r"\s+([,.;:])", r"\1", clause)
    words = clause.split()
    title = " ".join(words[:MAX_TITLE_WORDS])
    for _ in range(3):
        title = _TRAILING.sub("", title)
    if len(words) > MAX_TITLE_WORDS:
        title += "…"
    return title[:1].upper() + title[1:] if title else sentence[:80]


# --------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------

# "the events of Oct. 7", "since October 7", "the October 7 attack": the date names a
# known event rather than dating what this sentence reports.
_REFERENCE_BEFORE = re.compile(r"\b(?:the|of|since|to|after|before|following|until)\s+$", re.IGNORECASE)


MAX_DATES_PER_SENTENCE = 12  # a "sentence" with more dates is a table or a list, not a report


def _keep(timexes: list[Timex]) -> list[Timex]:
    """Calendar dates of a sentence, without coarse ones that contain a finer one beside them."""
    calendar = [t for t in timexes if t.is_calendar]
    if len(calendar) > MAX_DATES_PER_SENTENCE:
        return []
    kept: list[Timex] = []
    for t in calendar:
        finer = any(
            o is not t and o.first >= t.first and o.last <= t.last and (o.last - o.first) < (t.last - t.first)
            for o in calendar
        )
        if not finer and all((k.first, k.last) != (t.first, t.last) for k in kept):
            kept.append(t)
    return kept


def plausible_window(published: dt.date | None) -> tuple[dt.date, dt.date]:
    """Dates an article can credibly report: from 150 years before it to 25 years after it."""
    if published is None:
        return EARLIEST, LATEST
    return max(EARLIEST, published - dt.timedelta(days=150 * 365)), min(LATEST, published + dt.timedelta(days=25 * 365))


def _is_lead(sentence: str) -> bool:
    return len(sentence.split()) >= 8 and not _is_headline(sentence)


def extract_article(article: Article, taxonomy: Taxonomy, problems: list[Problem] | None = None) -> list[dict]:
    """Event rows of one article, before cross-article merging and name resolution.

    Every dated sentence gives one row per distinct date.  The lead sentence,
    which reports the news of the day, is dated by publication when it names no
    date of its own and reports something of a known kind.  A date outside
    :func:`plausible_window` is left out and reported in ``problems``.
    """
    text = article.clean_text
    earliest, latest = plausible_window(article.published)
    timexes = []
    for t in tag(text, article.published):
        if t.is_calendar and not (earliest <= t.first and t.last <= latest):
            if problems is not None:
                problems.append(
                    Problem(
                        article.source, f"date {t.text!r} ({t.value}) is implausibly far from publication: left out"
                    )
                )
            continue
        timexes.append(t)
    starts = [t.start for t in timexes]
    rows: list[dict] = []
    lead_seen = False
    for s_start, s_end in sentences(text):
        raw = text[s_start:s_end]
        if _is_headline(raw):
            continue
        sentence = " ".join(raw.split())
        first = bisect.bisect_left(starts, s_start)
        last = bisect.bisect_left(starts, s_end, lo=first)
        dated = _keep([t for t in timexes[first:last] if t.end <= s_end])
        if not lead_seen and _is_lead(raw):
            lead_seen = True
            category = taxonomy.categorize(raw, 0, 0)
            if not dated and article.published is not None and category not in WEAK_CATEGORIES:
                rows.append(_row(article, sentence, s_start, s_end, None, category, make_title(raw, 0, 0)))
        for t in dated:
            local = (t.start - s_start, t.end - s_start)
            row = _row(article, sentence, s_start, s_end, t, taxonomy.categorize(raw, *local), make_title(raw, *local))
            row["reference"] = bool(_REFERENCE_BEFORE.search(raw[: local[0]]))
            rows.append(row)
    return rows


def _row(article: Article, sentence: str, start: int, end: int, t: Timex | None, category: str, title: str) -> dict:
    first, last = (t.first, t.last) if t else (article.published, article.published)
    return {
        "date": pd.Timestamp(first),
        "date_end": pd.Timestamp(last),
        "granularity": t.granularity if t else "day",
        "date_text": t.text if t else "",
        "title": title,
        "quote": sentence,
        "category": category,
        "actors": "",
        "actors_raw": list(dict.fromkeys(name for name, _ in _candidates(sentence))),
        "source": article.source,
        "outlet": article.outlet,
        "url": article.url,
        "source_title": article.title,
        "published": pd.Timestamp(article.published) if article.published else pd.NaT,
        "published_from": article.published_from,
        "start": start,
        "end": end,
        "reference": False,
    }


def _merge(frame: pd.DataFrame) -> pd.DataFrame:
    """Give every mention of the same real event one ``event_id`` and one category.

    Day mentions of the same date and the same substantive category are one
    event, whichever article reports them.  A mention that only names a date
    ("the events of Oct. 7") takes the commonest substantive category of that
    date; a month mention ("last October's attack") joins the one event of its
    kind inside that month.  Everything else stands alone.
    """
    single_day = (frame["granularity"] == "day") & (frame["date"] == frame["date_end"])
    strong = frame[single_day & ~frame["category"].isin(WEAK_CATEGORIES)]
    strong = strong.assign(month=strong["date"].dt.to_period("M"))
    dominant = strong.groupby("date")["category"].agg(lambda s: s.value_counts().index[0])
    month_days = strong.groupby(["month", "category"])["date"].unique().to_dict()
    ids, categories = [], []
    for row in frame.itertuples():
        first, last, category = row.date, row.date_end, row.category
        if row.reference and first == last and first in dominant.index:
            category = dominant[first]
        elif row.granularity == "month":
            days = month_days.get((first.to_period("M"), category))
            if days is not None and len(days) == 1:
                first = last = pd.Timestamp(days[0])
        key = f"{first.date()}|{last.date()}|{category}"
        if category == OTHER:
            key += f"|{row.source}|{row.start}"
        ids.append(hashlib.sha1(key.encode()).hexdigest()[:12])
        categories.append(category)
    return frame.assign(event_id=ids, category=categories)


def parse(article: Article, taxonomy: Taxonomy, problems: list[Problem] | None = None) -> tuple[list[dict], Names]:
    """Everything one article contributes, with no knowledge of the others: rows and names."""
    return extract_article(article, taxonomy, problems), Names.of(article.clean_text)


def finalize(rows: pd.DataFrame | list[dict], names: dict[str, Names]) -> pd.DataFrame:
    """The corpus-wide step: resolve actors, merge mentions into events, sort, conform to the schema."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        return conform([])
    actors = _Actors(names)
    frame["actors"] = [
        actors.resolve(raw, source) for raw, source in zip(frame["actors_raw"], frame["source"], strict=True)
    ]
    frame = _merge(frame)
    return conform(frame.sort_values(["date", "date_end", "source", "start"], kind="stable"))


def extract(
    articles: Iterable[Article], taxonomy: Taxonomy | None = None, problems: list[Problem] | None = None
) -> pd.DataFrame:
    """The events table of a corpus, sorted by date, then source and position.

    Dates left out as implausible are appended to ``problems`` when it is given.
    """
    taxonomy = taxonomy or load_taxonomy()
    rows: list[dict] = []
    names: dict[str, Names] = {}
    for article in articles:
        article_rows, names[article.source] = parse(article, taxonomy, problems)
        rows.extend(article_rows)
    return finalize(rows, names)
