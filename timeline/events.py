"""Events: from tagged articles to the events table.

An event mention is a sentence that reports something at a date: one row per
(sentence, date) pair, with a category from the editable taxonomy, the actors
named in the sentence, a short title and its source.  Mentions of the same
real event in several articles share an ``event_id``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from timeline.corpus import Article, Problem, read_day
from timeline.places import (
    HOLIDAY_CONTEXT_AFTER,
    HOLIDAY_CONTEXT_BEFORE,
    HOLIDAY_CONTEXT_WORDS,
    is_country,
    is_demonym,
    is_holiday,
    is_place,
    is_time_zone,
    is_weather,
)
from timeline.schema import EARLIEST, LATEST
from timeline.temporal import Timex, tag, values
from timeline.temporal.context import is_past_verb
from timeline.temporal.lexicon import CALENDAR_WORDS, YEAR_WRITTEN
from timeline.text import sentences, stamp_date

__all__ = ["Names", "Taxonomy", "extract", "load_taxonomy", "parse"]

OTHER = "other"
STATEMENT = "statement"
WEAK_CATEGORIES = frozenset({OTHER, STATEMENT})
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_WORD_START = re.compile(r"(?<!\S)\S")  # where a word (anything between spaces) starts
QUOTE_PENALTY = 8  # words: what a quotation mentions weighs less than what the sentence reports
# A negation just before a keyword (at most two words between): the thing did not happen.
# "did not resign", "has not yet resigned", "stopped short of calling for refusal"; not "not released until the truce".
# Lower case: a capitalised "Without" is a name's ("Doctors Without Borders said").
NEGATED = re.compile(
    r"(?:\b(?:not|never|without|short\s+of|declined\s+to|denied|denies|deny)|n[’']t)(?:\s+[\w’'-]+){0,2}\s+$"
)
# A keyword just after a demand (at most three words between) is what someone asked for, not what
# happened: "marched to demand the resignation of", "rallied, calling for a deal". It weighs as a quotation.
DEMANDED = re.compile(
    r"\b(?:demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing)|push(?:es|ed|ing)?\s+for|"
    r"press(?:es|ed|ing)?\s+for|appeal(?:s|ed|ing)?\s+for)(?:\s+[\w’'-]+){0,3}\s+$",
    re.IGNORECASE,
)
MAX_TITLE_WORDS = 12


def quotations(sentence: str) -> list[tuple[int, int]]:
    """The spans of a sentence's quotations (none at the cost of two substring tests, in most sentences)."""
    return [m.span() for m in QUOTED.finditer(sentence)] if '"' in sentence or "“" in sentence else []


# --------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------


OTHER_COLOR = "#6b7280"


@dataclass(frozen=True)
class Taxonomy:
    """Categories in priority order, each with its keyword pattern and penalty (in words).

    ``colors`` gives every category (and "other") its one colour for every view and export;
    ``milestones`` are the categories whose key events the chart labels; ``headlines`` the
    templates of an event's headline ("{actor} resigns"), the first one whose names are known.
    """

    categories: tuple[tuple[str, re.Pattern[str], int], ...]
    colors: dict[str, str] = field(default_factory=dict, compare=False)
    milestones: tuple[str, ...] = ()
    headlines: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    exclusions: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)
    # the words of each category's excluded phrases: a keyword none of whose words is one needs no search
    excluded_words: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    excluded_stems: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # their words with a *
    done_to: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)  # keywords done to another
    # each category's keywords as patterns (``keyword_pattern``), in its order: what the one-pass search is made of
    keywords: tuple[tuple[str, ...], ...] = field(default=(), compare=False)
    combined: re.Pattern[str] = field(init=False, repr=False, compare=False)
    lowercase: re.Pattern[str] = field(init=False, repr=False, compare=False)
    group_category: dict[str, int] = field(init=False, repr=False, compare=False)  # search group -> category

    def __post_init__(self) -> None:
        # One pass over a sentence finds every category's keywords.  The keywords are grouped by their first
        # letter, in category order within each letter: a word is compared with the few keywords that start
        # as it does, not with all of them (several times faster), and the same keyword wins where two could,
        # since keywords starting with different letters never match at the same place.
        by_letter: dict[str, list[tuple[int, list[str]]]] = {}
        for k, patterns in enumerate(self.keywords):
            for pattern in patterns:
                head, rest = (pattern[0], pattern[1:]) if pattern[:1].isalpha() else ("", pattern)
                runs = by_letter.setdefault(head, [])
                if runs and runs[-1][0] == k:
                    runs[-1][1].append(rest)
                else:
                    runs.append((k, [rest]))
        group_category, branches = {}, []
        for head, runs in by_letter.items():
            groups = []
            for k, rests in runs:
                group = f"c{len(group_category)}"
                group_category[group] = k
                groups.append(f"(?P<{group}>{'|'.join(rests)})")
            branches.append(f"{head}(?:{'|'.join(groups)})")
        object.__setattr__(self, "group_category", group_category)
        source = rf"\b(?:{'|'.join(branches)})" if branches else r"(?!x)x"
        object.__setattr__(self, "combined", re.compile(source, re.IGNORECASE))
        # The keywords are lower case (``keyword_pattern``): over lower-cased text the same
        # matches come without case folding at every character, several times faster.
        object.__setattr__(self, "lowercase", re.compile(source))

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self.categories] + [OTHER]

    def headline(self, category: str, actor: str | None, place: str | None) -> str | None:
        """A short headline for an event of ``category``: "Aharon Haliva resigns", "Attack in Kyiv"."""
        known = {"actor": actor, "place": place}
        for template in self.headlines.get(category, ()):
            needed = _template_fields(template)
            if all(known.get(f) for f in needed):
                text = template.format(**{f: known[f] for f in needed})
                return text[:1].upper() + text[1:]
        return None

    def categorize(self, sentence: str, date_start: int, date_end: int, others: Iterable[tuple[int, int]] = ()) -> str:
        """The category whose keyword stands nearest the date (in words), in the clause the date governs."""
        return self.categorize_at(sentence, date_start, date_end, others)[0]

    def categorize_at(
        self, sentence: str, date_start: int, date_end: int, others: Iterable[tuple[int, int]] = (), ahead: bool = False
    ) -> tuple[str, int]:
        """The category (see :meth:`categorize`) and where its keyword stands (-1 for "other"): what tells who
        did it.

        Keywords inside a quotation count as further away, and "statement" (a
        reporting verb) only applies when nothing of substance is reported
        outside quotation marks: "the military on Monday said he has resigned"
        is a resignation.  A keyword past a semicolon or a spaced dash, or with
        another date (``others``) between it and this one, belongs to another
        clause, as does one in a clause opened right after the date by "after",
        "before", "until" or "when"; a closing attribution (", the agency said.")
        is not the event, nor is a date inside what a reporting verb reports.  With ``ahead``, the date dates
        the clause after it ("three days after Hasina resigned"): what stands before it is another date's.
        """
        others = list(others)
        if date_end and others and (told := self._told_on(sentence, date_start, date_end, others)) is not None:
            return told
        lo, hi = clause(sentence, date_start, date_end, others) if date_end else (0, len(sentence))
        lo = max(lo, date_end) if ahead else lo
        trailing = TRAILING_CLAUSE.search(sentence, date_end, hi) if date_end else None
        if trailing is None and date_end and any(a >= date_end for a, _ in others):
            # "… on Dec. 18, after its ship was struck two days earlier": a clause with its own date is its own
            trailing = DATED_TRAILING_CLAUSE.match(sentence, date_end, hi)
        if trailing is None and date_end:
            trailing = GERUND_TRAILING_CLAUSE.match(sentence, date_end, hi)  # "on Thursday, before flying to …"
        if trailing is not None and (
            sentence[date_end : trailing.start()].strip(" .,") == ""
            or any(trailing.end() <= a <= hi for a, _ in others)
        ):
            # "… on September 17 after residents protested": the date's clause ends there; and so it does at a
            # clause with its own date further on ("on Wednesday suspended him after he confronted a referee on
            # Sunday")
            hi = trailing.start()
        if date_end and not ahead and (later := _earlier_clause(sentence, date_end, hi)):
            hi = later  # "voted on Thursday to approve it, hours after the mayor stepped aside": what came first
        scored = self._scored(sentence, date_start, date_end, lo, hi, others)
        if not scored and lo > 0 and SHARED_SUBJECT.search(sentence, lo, date_start):
            # "The probe was launched in February …, and is due to be presented in June": the subject
            # before the earlier date is this clause's too (a reporting verb there reports the earlier date)
            wider = self._scored(sentence, date_start, date_end, clause(sentence, date_start, date_end)[0], hi, others)
            # the subject's word ("The probe was launched …"), not the earlier clause's verb ("Matos resigned
            # in January and was arrested on Feb. 3")
            scored = [s for s in wider if s[2] != STATEMENT and not _PAST_VERB.match(sentence, s[4])]
        if not scored and lo > 0 and (relative := _RELATIVE_OPENING.search(sentence, max(0, lo - 60), lo)):
            # "the findings of its internal investigations, which concluded on February 27": what the relative
            # clause tells of is the noun before it
            scored = self._scored(sentence, date_start, date_end, relative.start(1), relative.end(1), others)
        if any(name != STATEMENT and not quoted for _, _, name, quoted, _ in scored):
            scored = [s for s in scored if s[2] != STATEMENT]
        result = RESULT_CLAUSE.search(sentence, date_end, hi) if date_end and "ing" in sentence else None
        if result is not None and any(s[4] < date_start for s in scored):
            # "exploded across Lebanon on Tuesday, killing nine": what the act left is not the act ("A ferry
            # capsized on Sunday, killing 40": the clause names no act of its own kind, so it is)
            scored = [s for s in scored if s[4] < result.start()]
        if not scored:
            return OTHER, -1
        best = min(scored)
        return best[2], best[4]

    def _told_on(
        self, sentence: str, date_start: int, date_end: int, others: list[tuple[int, int]]
    ) -> tuple[str, int] | None:
        """The kind of what a closing attribution that holds the date told, when the sentence has another date
        ("X has resigned over the attack last October, the army announced on Monday": a resignation, on Monday);
        its main clause's keywords, but not one beside that other date, which is its own.  None when the date
        stands in no closing attribution, or the main clause has no keyword of substance."""
        told_from = _telling_date(sentence, date_start, date_end)
        if told_from is None:
            return None
        near = [(a, b) for a, b in others if b <= told_from]  # the main clause's other dates: what stands by them
        scored = [
            s
            for s in self._scored(sentence, date_start, date_end, 0, told_from, [])
            if s[2] != STATEMENT
            and not s[3]
            and not any(len(_WORD_START.findall(sentence, min(b, s[4]), max(a, s[4]))) <= 2 for a, b in near)
        ]
        if not scored:
            return None
        best = min(scored)
        return best[2], best[4]

    def _scored(
        self, sentence: str, date_start: int, date_end: int, lo: int, hi: int, others: list[tuple[int, int]] = ()
    ) -> list[tuple]:
        """(distance in words plus penalties, order, category, quoted, where) of every keyword in sentence[lo:hi].

        A keyword right after another date names that date's event ("after the October 7 attack, … on
        Thursday"): it is not this one's."""
        named = {b for _, b in others}
        quoted = quotations(sentence)
        # "…, according to a preliminary report published on Tuesday": how it is known, not what happened,
        # unless the date is the telling's own
        told = [span for span in _attributions(sentence) if not span[0] <= date_start < span[1]]
        scored: list[tuple[int, int, str, bool, int]] = []
        tail = ATTRIBUTION_TAIL.search(sentence, date_end)
        lowered = sentence.lower()
        keywords, text = (self.lowercase, lowered) if len(lowered) == len(sentence) else (self.combined, sentence)
        for m in keywords.finditer(text, lo, hi):
            at = m.start()
            if date_start <= at < date_end:
                continue  # "ten days after the attack" dates the event; it is not its kind
            if at >= date_end and _ANCHOR_AFTER_DATE.fullmatch(sentence, date_end, at):
                continue  # "offered to drop the tax on Monday, a day before the walkout": what it is measured from
            if named and sentence[max(lo, at - 2) : at].strip() == "" and (at - 1 in named or at in named):
                continue
            order = self.group_category[m.lastgroup]
            if self.categories[order][0] == STATEMENT:
                if tail and at >= tail.start():
                    continue  # "…until May 30, the operator said in a statement": who says so, not what happened
                if at < date_start and REPORTED_CLAUSE.search(sentence, m.end(), date_start):
                    continue  # "said it would postpone the vote scheduled for February": the date is what is said
            if told and any(a <= at < b for a, b in told):
                continue
            if NEGATED.search(sentence[max(0, at - 60) : at]):
                continue  # "did not resign", "stopped short of calling for refusal": not what happened
            name, _, penalty = self.categories[order]
            if (
                name in self.exclusions
                and (
                    not self.excluded_words[name].isdisjoint(words := m.group().lower().split())
                    or any(w.startswith(self.excluded_stems[name]) for w in words)
                )
                and any(
                    e.start() <= at < e.end()
                    for e in self.exclusions[name].finditer(sentence, max(0, at - 40), at + 60)
                )
            ):
                continue  # "seized power": a coup, not the seizing of a town; an "annual general meeting"
            left, right = (at, date_start) if at < date_start else (date_end, at)
            distance = len(_WORD_START.findall(sentence, left, right))  # the words that start between
            in_quote = any(a <= at < b for a, b in quoted)
            asked = bool(DEMANDED.search(sentence[max(0, at - 60) : at]))
            scored.append((distance + penalty + (QUOTE_PENALTY if in_quote or asked else 0), order, name, in_quote, at))
        return scored


def _telling_date(sentence: str, date_start: int, date_end: int) -> int | None:
    """Where a closing attribution starts when the date is its telling's and ends the sentence ("X has resigned
    over the attack last October, the army announced on Monday.", also before what came before it: "…, the company
    said on Monday, a week after shareholders rejected her plan"); None otherwise."""
    if sentence[date_end:].strip(' .!?"”') and not AFTER_COMMA_CLAUSE.match(sentence, date_end):
        return None
    tail = ATTRIBUTION_TAIL.search(sentence)
    if tail is None or not tail.start() < date_start < tail.end() or not _TOLD_ON.search(sentence, 0, date_start):
        return None
    return tail.start()


_AGENCY = re.compile(r"\([A-Z][\w .&-]{1,24}\)")  # "Jan 21 (Reuters) - …": the wire's name between its date and dash
# A place (and an agency) before the date a release or a wire opens with: "Jerusalem, ", "GAZA CITY (AFP), "
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}(?:\s*\([A-Za-z .]{2,24}\))?,\s*")
# … and in a title, that dateline, the date, and the dash after them
_DATELINE_TITLE = re.compile(_DATELINE_BEFORE.pattern + r"\0[\s,]*[–—-]+\s*")
# A sentence that opens with a subordinate clause: what it says is the circumstance of the main clause's date
_OPENING_SUBORDINATE = re.compile(
    r"[\s\"“‘(*#>•-]*(?:After|Before|When|Once|While|Although|Though|Because|Following|Until|Unless|If"
    r"|As\s+soon\s+as)\b[^,;:\n]{3,160},\s+"
)


def clause(sentence: str, date_start: int, date_end: int, others: Iterable[tuple[int, int]] = ()) -> tuple[int, int]:
    """The part of a sentence a date governs: up to a semicolon or a spaced dash, or to another date.

    A date heading its line ("**March 11, 2024** – Henry announces …") governs what follows its dash."""
    lo, hi = 0, len(sentence)
    # "**March 11, 2024** – Henry announces …", and a release's "Jerusalem, 1 February 2025 – The minister …"
    heading = not sentence[:date_start].strip(HEADING_MARKS) or bool(
        _DATELINE_BEFORE.fullmatch(sentence, 0, date_start)
    )
    opening = (
        _OPENING_SUBORDINATE.match(sentence) if sentence[:12].lstrip(HEADING_MARKS + '"“‘(')[:1].isupper() else None
    )
    if opening is not None and len(sentence[opening.end() : date_start].split()) > 2:
        lo = opening.end()  # "After her friend was abducted, she began her vigil in November": the vigil's
    relative = False  # the date stands in a relative clause: "Halevi, who took office in January 2023, said …"
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= date_start:
            relative = m.group().endswith("who") or m.group().endswith("which")
            if relative:
                closed = sentence.find(",", m.end(), date_start)
                if closed >= 0 and sentence[closed + 1 : closed + 3].strip()[:1].islower():
                    relative = False
                    continue  # "Finkelman, who heads the command, resigned on Tuesday": an aside in the dated clause
            lo = m.end()
        elif m.start() >= date_end:
            if heading and (
                not (between := sentence[date_end : m.start()].strip(HEADING_MARKS + ","))
                or _HEADING_CLOCK.match(between)
                or _AGENCY.fullmatch(between)
            ):
                continue  # the dash after a date that heads its line (and its time: "Thu 11 Sep, 6pm —") introduces
                # what happened on it
            hi = m.start()
            break
    if (
        relative
        and (closing := sentence.find(",", date_end, hi)) >= 0
        and sentence[closing + 1 :].lstrip()[:1].islower()
    ):
        hi = closing  # "…, who took office in January 2023, said he would …": the aside ends at its comma
    for a, b in others:  # "published its report on Feb. 29 and holds its meeting on April 10": two clauses
        if b <= date_start:
            joined = sentence.rfind(" and ", b, date_start)
            lo = max(lo, b if joined < 0 else joined + 1)  # from its "and": "…, and is due in June" shares a subject
        elif a >= date_end:
            joined = sentence.find(" and ", date_end, a)
            hi = min(hi, a if joined < 0 else joined)
            # "… failed on Wednesday, prolonging a vacuum since Michel Aoun's term ended on Oct. 31": that date's
            # clause opens at its subordinator or relative pronoun, when two words or more stand between them
            opener = next(reversed(list(_OTHER_CLAUSE.finditer(sentence, date_end, a))), None)
            if opener is not None and len(sentence[opener.end() : a].split()) >= 2:
                hi = min(hi, opener.start())
    return lo, hi


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The category taxonomy: the packaged ``categories.toml`` unless another file is given."""
    if path is None:
        return _packaged_taxonomy()
    return _taxonomy_from(Path(path).read_text(encoding="utf-8"))


@functools.cache
def _packaged_taxonomy() -> Taxonomy:
    return _taxonomy_from(resources.files("timeline").joinpath("categories.toml").read_text(encoding="utf-8"))


FALLBACK_COLORS = ("#b5312c", "#1f6feb", "#2e7d32", "#0f766e", "#d97706", "#8e44ad", "#be185d", "#4338ca")


def keyword_pattern(keyword: str) -> str:
    """A keyword as a regular expression: whole words with their plain inflections ("attack" matches
    "attacks" and "attacked", never "According" for "accord"); a final ``*`` makes it a stem ("resign*")."""
    keyword = keyword.strip().lower()
    if keyword.endswith("*"):
        return re.escape(keyword[:-1]) + r"\w*"
    if keyword.endswith("e"):  # "retire": "retires", "retired", never "retirees"
        return re.escape(keyword) + r"(?:s|d)?\b"
    return re.escape(keyword) + r"(?:s|es|d|ed)?\b"


def _excluded_word(word: str) -> str:
    """A word of an excluded phrase as a pattern: a final * makes it a stem, as in a keyword ("dismiss* the")."""
    return re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)


def _taxonomy_from(raw: str) -> Taxonomy:
    categories, colors, milestones, headlines, exclusions, excluded_words, done_to = [], {}, [], {}, {}, {}, {}
    excluded_stems: dict[str, tuple[str, ...]] = {}
    patterns = []
    for name, spec in tomllib.loads(raw).items():
        headlines[name] = tuple(str(t) for t in spec.get("headlines", []))
        if spec.get("done_to"):
            done_to[name] = re.compile("|".join(map(keyword_pattern, spec["done_to"])), re.IGNORECASE)
        if spec.get("exclude"):
            phrases = (r"\s+".join(map(_excluded_word, str(p).split())) for p in spec["exclude"])
            exclusions[name] = re.compile(r"(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)
            words = [w.lower() for p in spec["exclude"] for w in str(p).split()]
            excluded_words[name] = frozenset(w for w in words if not w.endswith("*"))
            excluded_stems[name] = tuple(w[:-1] for w in words if w.endswith("*"))
        keywords = sorted((k.strip() for k in spec.get("keywords", []) if k.strip()), key=len, reverse=True)
        if keywords:
            patterns.append(tuple(map(keyword_pattern, keywords)))
            pattern = re.compile(r"\b(?:" + "|".join(patterns[-1]) + ")", re.IGNORECASE)
            categories.append((name, pattern, int(spec.get("penalty", 0))))
            colors[name] = str(spec.get("color") or FALLBACK_COLORS[len(colors) % len(FALLBACK_COLORS)])
            if spec.get("milestone"):
                milestones.append(name)
    colors[OTHER] = OTHER_COLOR
    return Taxonomy(
        tuple(categories),
        colors,
        tuple(milestones),
        headlines,
        exclusions,
        excluded_words,
        excluded_stems,
        done_to,
        tuple(patterns),
    )


# --------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------

_CAP = r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Maj|Col|Capt|Sgt|Adm|Brig|Cmdr|Sen|Rep|Gov|St|Jr|Sr|[A-Z])\.|[A-Z][\w'’-]*)"
NAME = re.compile(  # every name opens with a capital: the lookahead lets the scan skip the rest at once
    rf"\b(?=[A-Z])(?:(?:Unit|Brigade|Division|Battalion|Squadron|Regiment|Corps)\s+\d+|{_CAP}"
    rf"(?:\s+(?:(?:of|for|the|de|da|do|dos|das|del|della|di|du|der|den|al|bin|ben|van|von)\s+){{0,2}}{_CAP}|\s+(?:al|el|ad|as|ash|at|az)-[A-Z][\w'’-]*)*"
    # … and a unit's number after its name: "Military Intelligence Unit 8200"
    r"(?:(?:(?<=Unit)|(?<=Brigade)|(?<=Division)|(?<=Battalion)|(?<=Squadron)|(?<=Regiment)|(?<=Corps))\s+\d{1,5}\b)?)"
)
ACRONYM_DEFINITION = re.compile(r"\b((?:[A-Z][\w’'-]*\s+){1,5}[A-Z][\w’'-]*)\s*\(([A-Z]{2,6})\)")
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z]{2,6})\)")
_DEFINITION_REACH = 400  # how far before its "(IDF)" a definition of six words can start


def acronym_definitions(text: str) -> Iterator[re.Match]:
    """``ACRONYM_DEFINITION.finditer(text)``, tried only just before each "(IDF)".

    Scanning from every capital word costs more than all the rest of the article's names."""
    done = 0
    for paren in _ACRONYM_IN_PARENS.finditer(text):
        if paren.start() < done:
            continue
        m = ACRONYM_DEFINITION.search(text, max(done, paren.start() - _DEFINITION_REACH), paren.end())
        if m is not None:
            yield m
            done = m.end()


TITLE_WORDS = frozenset(
    "mr mrs ms dr sir maj gen lt col capt cpt sgt adm brig cmdr lieutenant general major colonel captain "
    "sergeant admiral prime minister ministers defense defence finance foreign interior president vice "
    "chief commander opposition leader former deputy senior secretary spokesman spokeswoman ambassador "
    "king queen prince sen rep gov governor mayor judge justice brigadier corporal marshal commissioner "
    "superintendent inspector chairman chairwoman chancellor envoy rabbi sheikh cardinal pope bishop reverend rev "
    "professor prof staff prosecutor attorney spokesperson dame lord baroness officer director managing speaker "
    "president-elect vice-president cllr councillor councilor ceo mk mp mep pm "
    # ranks as armies abbreviate them: "LTG Herzi Halevi", "MG Yaron Finkelman", "Lt-Gen …"
    "ltg mg bg ltc lt-gen maj-gen brig-gen lt-col".split()
)
# The last word of an organisation's name: a demonym before it is part of the name.
ORGANISATION_WORDS = frozenset(
    "association party council service services force forces army navy ministry union committee court bank "
    "commission agency office authority organization organisation federation league front movement guard guards "
    "corps police parliament assembly congress senate government institute university foundation company board".split()
)
# The last word of a name of a thing made or decided, or of an occasion, not of who acts: "Defence Act",
# "Grain Initiative", "Paris Olympics", "Munich Security Conference", "the First World War".
# Not "programme": the World Food Programme speaks and acts.
THING_WORDS = frozenset(
    "act law bill initiative plan treaty accord accords resolution olympics games cup championship "
    "championships festival summit conference election elections referendum war wars revolution uprising".split()
)
FUNCTION_WORDS = frozenset(
    "the a an in on at by for from of to and but or as if when while after before since until with also "
    "according following he she it they we i you this that these those his her its their our my there here what who "
    "why how one another some many most more all both each any no not until during however meanwhile yet "
    "so then now even under despite amid against among without within across through throughout towards toward "
    "inside outside behind beside besides between born your yours "
    "upon unlike via into onto beyond two three four five six seven eight nine ten eleven twelve twenty thirty "
    "forty fifty hundred hundreds thousand thousands dozens several few "
    # a question's opening verb: "Has Israel's cabinet approved it?", "Does Hamas accept?"; not "Will", "Can" or
    # "Do", which open names too ("Will Smith", "Can Dündar", "Do Kwon")
    "has have had is are was were would could should does did".split()
)
_NOT_NAMES = TITLE_WORDS | FUNCTION_WORDS  # a word alone that is no name
_MODEL_NUMBER = re.compile(r"[ -]\d+\b(?![,.]\d)(?!\s*(?:%|per\s*cent|percent))")  # "an ATR 72", "Boeing 737-800"
SURNAME_PARTICLES = frozenset("van von de der den ter du".split())  # "Pieter van Dam", "Ursula von der Leyen"
_PARTICLES_BEFORE = tuple(f" {p} " for p in sorted(SURNAME_PARTICLES))  # one before a surname, mid-sentence
# a capitalised group of people before a place: "Mediators Qatar", "Negotiators Egypt" (what they are, then who)
_GROUP_ENDINGS = ("ors", "ers", "ants", "ents", "ists", "ians")
_GROUP_BEFORE_PLACE = re.compile(rf"[A-Z][a-z]+(?:{'|'.join(_GROUP_ENDINGS)})\s+(.+)")
_VERB_THEN_PLACE = re.compile(r"[A-Z][a-z]{2,}ed\s+(.+)")  # "Reached Lviv", "Crossed Medyka": a verb opening it


_POSSESSIVE = re.compile(r"[’']s\b")
# "X says that …": X tells what follows, unless a pronoun takes it up ("said that it struck")
TOLD_THAT = re.compile(
    r"\b(?:says|said|say|told\s+\w+|reports|reported|announced|warned|wrote|stated|finds|found|shows|showed)"
    r"\s+that\s+(?!(?:it|they|he|she|we|I|its|their|his|her|our)\b)",
    re.IGNORECASE,
)
# … and a name right after the telling, with no "that": "The Morning Post says President Henrik Dahl will meet"
TOLD_NAME = re.compile(
    r"\b(?:says|said|reports|reported|writes|wrote|notes|noted)\s+(?=[A-Z][a-z])(?!(?:"
    + "|".join(w.capitalize() for w in sorted(CALENDAR_WORDS, key=len, reverse=True))
    + r"|The|It|They|He|She|We|I|Its|This|That)\b)"
)
# "according to …" names who tells it, up to the end of its clause
ATTRIBUTION = re.compile(r"\baccording\s+to\b[^;:–—]*", re.IGNORECASE)


def _attributions(sentence: str) -> list[tuple[int, int]]:
    """The spans of a sentence's "according to …" (none at the cost of one substring test, in most sentences)."""
    return [m.span() for m in ATTRIBUTION.finditer(sentence)] if "ccording" in sentence else []


_ORG_ON = re.compile(r"[ \t]+on[ \t]+(?=[A-Z])")
# Roles that speak or advise rather than lead, which a name may qualify: "Kremlin spokesman Dmitry Peskov",
# "Nobel laureate Muhammad Yunus".  The name before them says whom the person speaks for, or what they won:
# the person acts, not the Kremlin (a leader's organisation acts with its leader: "Hamas leader … ordered").
ROLE_WORDS = frozenset("spokesman spokeswoman spokesperson laureate economist analyst adviser advisor lawyer".split())
_ROLE_THEN_NAME = re.compile(
    r"[ \t]+(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\b[ \t]+(?=[A-Z][a-z])"
)


@functools.lru_cache(maxsize=65536)
def _strip_name(raw: str, dated: bool = True) -> str:
    """Drop titles, leading function words and calendar words: 'Maj. Gen. Aharon Haliva' -> 'Aharon Haliva'.

    Calendar words only where the name runs into a date (``dated``: "In June Israel"); "Theresa May" and
    "Jan Novak", which the tagger dates nowhere, keep them."""
    whole = raw.split()
    owner = _POSSESSIVE.split(raw)[0]
    keeps = (
        (whole[-1].lower() in ORGANISATION_WORDS or whole[-1].lower() in BUILDING_WORDS)
        and owner != raw
        and not is_place(owner.strip())
    )
    # "International Longshoremen's Association" and "St Mary's Church" are one name; "Ukraine's Defence Ministry"
    # is Ukraine's
    parts = whole if keeps else owner.split()
    tokens = [t.rstrip(".,") for t in parts]
    # "Chief Executive Ellen Marsh": the word after "Chief" is part of the post when a whole name follows it (not
    # in "Army Chief Herzi Halevi"; and "Financial Times" and "Executive Yuan" are names)
    titles = [
        i
        for i, t in enumerate(tokens[:-1])
        if (i < 4 or len(tokens) - i in (3, 4))  # "Commander of the Air Force Maj. Gen. Tomer Bar": the rank's name
        and (t.lower() in TITLE_WORDS or (i and tokens[i - 1].lower() == "chief" and len(tokens) - i > 2))
    ]
    # "Health Secretary Steve Barclay", "Army Chief Herzi Halevi": the person, not the post; but "Foreign
    # Ministry" is a name, not a post
    if titles and tokens[-1].lower() not in ORGANISATION_WORDS:
        tokens = tokens[titles[-1] + 1 :]
        if len(tokens) > 3 and tokens[0] == "of":
            tokens = tokens[2:]  # "Secretary of State Antony Blinken"
    while len(tokens) > 1 and tokens[0].lower() in FUNCTION_WORDS:
        tokens.pop(0)
    if len(tokens) > 1 and tokens[-1].lower() in ORGANISATION_WORDS:
        return " ".join(tokens)  # "British Medical Association", "Ukrainian Air Force": the demonym is its name
    while tokens and (tokens[0].lower() in _NOT_NAMES or is_demonym(tokens[0])):
        if len(tokens) == 1 and (tokens[0].lower() not in _NOT_NAMES or _is_word_acronym(tokens[0])):
            break  # a demonym alone ("Israelis"), or an acronym that is also a word ("WHO")
        tokens.pop(0)
    if dated:
        tokens = [t for t in tokens if t.lower() not in CALENDAR_WORDS]
    while tokens and tokens[-1].lower() in FUNCTION_WORDS and not (len(tokens) == 1 and _is_word_acronym(tokens[0])):
        tokens.pop()
    return " ".join(tokens)


def _is_word_acronym(token: str) -> bool:
    """An acronym that spells a word: "WHO" is the World Health Organization, not "who"; a post's ("CEO") is none."""
    return len(token) >= 3 and _is_acronym(token) and token.lower() not in TITLE_WORDS


# Buildings a name may own: "St Mary's Church" is a place, "St Thomas' Hospital" an institution; neither is St Mary
PLACES_OF_WORSHIP = frozenset("church cathedral chapel abbey basilica mosque synagogue temple".split())
BUILDING_WORDS = PLACES_OF_WORSHIP | {"hospital"}

# Posts: a name ending with one of them and no longer than "Foreign Affairs Minister" is a post, not someone
POSTS = frozenset(
    "secretary minister chancellor president governor commander mayor ambassador envoy director chairman "
    "chairwoman spokesman spokeswoman spokesperson".split()
)


def _is_post(name: str) -> bool:
    """ "Home Secretary", "Prime Minister": a post; whoever holds it is named beside it, or not at all."""
    words = name.split()
    return 1 < len(words) <= 3 and words[-1].lower() in POSTS


_LONG_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


@functools.lru_cache(maxsize=65536)
def _is_thing(name: str) -> bool:
    """A name of a law, plan or treaty (``THING_WORDS`` ends it, or opens it before "of")."""
    words = name.lower().split()
    return len(words) > 1 and (words[-1] in THING_WORDS or (words[0] in THING_WORDS and words[1] == "of"))


# A name made an adjective: "Hamas-led", "Iran-backed", "Kremlin-linked", "US-brokered"
_NAME_ADJECTIVE = re.compile(
    r"(?<![\w-])([^\s-]+)-(led|backed|linked|run|based|owned|controlled|funded|allied|aligned|affiliated|brokered|sponsored"
    r"|supported|born|made|held|occupied|annexed|appointed|ruled|dominated|friendly|style|era)\b"
)


def _candidates(
    sentence: str, dates: Iterable[tuple[int, int]] = (), page: tuple[bool, bool] = (True, True)
) -> list[tuple[str, bool, int]]:
    """Names in a sentence (not a headline): each with whether it opens the sentence, and where it stands.

    ``dates`` are the spans of the sentence's dates, so that "On Monday Hamas" gives "Hamas"; ``page`` says
    whether the article has a holiday's words and a vessel's anywhere (most have neither: no search per
    sentence)."""
    dates = list(dates)
    out = []
    joined_until = -1
    opening = len(sentence) - len(sentence.lstrip(" \"“‘'("))  # where its first word stands
    cells = "|" in sentence  # a table's row: each cell opens like a sentence
    holidays = None if page[0] else False  # whether the sentence has a holiday's words, known at its first name
    vessels = None if page[1] else False  # and a vessel's
    for m in NAME.finditer(sentence):
        if m.start() < joined_until:
            continue  # the second half of "Commission on Human Rights", taken with the first
        if holidays is None:
            lowered = sentence.lower()
            holidays = any(map(lowered.__contains__, HOLIDAY_CONTEXT_WORDS))
        if holidays and (
            HOLIDAY_CONTEXT_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
            or HOLIDAY_CONTEXT_AFTER.match(sentence, m.end())
        ):
            continue  # "the Passover holiday", "the festival of Simchat Torah": a date, not an actor
        raw, begin = m.group(0), m.start()
        if sentence.endswith(_PARTICLES_BEFORE, 0, begin):  # "testified against van Dam": not "Dam"
            begin = sentence.rindex(" ", 0, begin - 1) + 1
            raw = sentence[begin : m.start()] + raw
        if (
            sentence.startswith(" & ", m.end())
            and (rest := NAME.match(sentence, m.end() + 3))
            and not (is_country(raw) or is_country(rest.group(0)))
        ):
            # "Pratt & Whitney Canada", "Marks & Spencer": one firm; "Israel & Hamas" are two
            raw, joined_until = f"{raw} & {rest.group(0)}", rest.end()
        elif _ends_organisation(raw) and (on := _ORG_ON.match(sentence, m.end())):
            rest = NAME.match(sentence, on.end())
            if rest and rest.group(0).split()[0].lower() not in CALENDAR_WORDS:
                raw, joined_until = f"{raw} on {rest.group(0)}", rest.end()  # "Council on Foreign Relations"
        if " for " in raw and is_place(place := raw.partition(" for ")[0]):
            raw = place  # "arrives in Lisbon for World Youth Day": the place, and what brought them there
        if "-" in raw and (adjective := _NAME_ADJECTIVE.search(raw)):
            # "the Hamas-led attack": Hamas did it; "Iran-backed Houthi rebels": the Houthis, not their backer
            rest = raw[adjective.end() :].lstrip()
            if adjective.group(2).lower() == "led" and not rest:
                raw = raw[: adjective.end(1)]
            elif rest:
                begin, raw = begin + len(raw) - len(rest), rest
            else:
                continue  # "a US-brokered truce": what kind of truce, not who acted
        end = begin + len(raw)
        overlap = within = False  # whether the name runs into a date, or stands inside one ("Mon 8 Sep")
        for a, b in dates:
            if a < end and begin < b:
                overlap, within = True, within or (a <= begin and end <= b)
        if within:
            continue
        name = _strip_name(raw, overlap)
        if (
            begin <= opening
            and name.partition(" ")[0].endswith("ed")
            and (verb := _VERB_THEN_PLACE.match(name))
            and is_place(verb.group(1))
        ):
            name = verb.group(1)  # a diary's "Reached Lviv by noon": the place, not a name "Reached Lviv"
        elif (
            name.partition(" ")[0].endswith(_GROUP_ENDINGS)
            and (group := _GROUP_BEFORE_PLACE.match(name))
            and is_place(group.group(1))
        ):
            name = group.group(1)  # "Mediators Qatar, Egypt and the United States": the place, not "Mediators Qatar"
        if name.partition(" ")[0].lower().endswith("-time"):
            continue  # "Two-time Olympic rowing champion Lena Voss": what she is, before who
        if _is_thing(name) or _MODEL_NUMBER.match(sentence, end):
            continue  # "the Black Sea Grain Initiative", "the Law of Foreigners", "an ATR 72": what, not who
        if _ROLE_THEN_NAME.match(sentence, end):
            continue  # "Kremlin spokesman Dmitry Peskov said": Peskov said it
        if _is_post(name):
            continue  # "The Home Secretary, Rachel Dunmore, resigned": the post is hers, she acted
        if vessels is None:
            vessels = any(map(sentence.__contains__, _VESSELS))  # most sentences name none: no search
        if vessels and _VESSEL_BEFORE.search(sentence, max(0, begin - 30), begin):
            continue  # "the bulk carrier Rubymar", "the tanker Sounion": what was hit, not who acted
        if is_time_zone(name) and _CLOCK_BEFORE.search(sentence, max(0, begin - 12), begin):
            continue  # "at 0215 UTC", "14:05 GMT", "8pm EST": the clock's zone
        if (
            name
            and (is_place(name) or not is_demonym(name))
            and (name.lower() not in _NOT_NAMES or _shouted_acronym(name, sentence))
        ):
            initial = begin <= opening or (cells and _opens_cell(sentence, begin))
            out.append((name, initial and name == m.group(0).split()[0], begin))
            if name != raw and (owned := _owned_organisation(raw, name)):
                # "South Korea's National Assembly voted": the place, and the body that acted
                out.append((owned[0], False, begin + owned[1]))
    return out


def _shouted_acronym(name: str, sentence: str) -> bool:
    """Whether a word that is also a function word is an organisation's acronym: "WHO shipped vaccines"; not in a
    line written in capitals throughout."""
    return _is_word_acronym(name) and not sentence.isupper()


def _owned_organisation(raw: str, owner: str) -> tuple[str, int] | None:
    """The organisation a place's possessive names ("Israel's Supreme Court": "Supreme Court") and where it
    stands in ``raw``, when ``owner`` is that place; None otherwise."""
    mark = _POSSESSIVE.search(raw)
    if mark is None or raw[: mark.start()].split()[-1:] != owner.split()[-1:] or not is_place(owner):
        return None
    rest = raw[mark.end() :].strip()
    if not rest or rest.split()[-1].lower() not in ORGANISATION_WORDS or rest.lower() in ORGANISATION_WORDS:
        return None
    return rest, raw.index(rest, mark.end())


def _common_opening(candidate: tuple[str, bool, int], text: str) -> bool:
    """Whether a sentence's opening word is a common noun its article also writes in lower case ("Water testing
    found …" beside "the water authority"): no name, however another article uses it in one ("Kessel Water").
    An institution keeps its capital ("Parliament passed the bill", beside "the parliament")."""
    word, initial, _ = candidate
    low = word.lower()
    if not initial or " " in word or low == word or low in ORGANISATION_WORDS or f" {low}" not in text:
        return False
    if _is_acronym(word):
        return False  # "WHO shipped vaccines", "US officials said": however the page writes "who" and "us"
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) is not None


@functools.lru_cache(maxsize=65536)
def _ends_organisation(name: str) -> bool:
    return name.rsplit(None, 1)[-1].lower() in ORGANISATION_WORDS


def _opens_cell(sentence: str, at: int) -> bool:
    """Whether a table cell opens at ``at`` ("| Oct. 25, 2020 | Voters back …"): only spaces since its "|"."""
    bar = sentence.rfind("|", 0, at)
    return bar >= 0 and not sentence[bar + 1 : at].strip()


def _is_headline(line: str) -> bool:
    """All caps, or title case without a closing full stop: a headline, not a report."""
    if line.rstrip()[-1:] in '.!"”' and line.upper() != line:
        return False
    words = [w for w in _LONG_WORD.findall(line) if len(w) > 3]
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

    def add(self, candidates: list[tuple[str, bool, int]]) -> None:
        """Count a sentence's names: full names by surname, single words that do not open it."""
        for name, initial, _ in candidates:
            words = name.split()
            # "Israelis Hamas" is two names side by side, not a person whose surname is "Hamas"
            if (
                2 <= len(words) <= 4
                and all(w[:1].isupper() and w.isalpha() for w in (words[0], words[-1]))
                and all((w[:1].isupper() and w.isalpha()) or w in SURNAME_PARTICLES for w in words[1:-1])
                and len(words) - sum(w in SURNAME_PARTICLES for w in words) <= 3
                and not is_demonym(words[0])
            ):
                self.full[name] += 1
            elif len(words) == 1 and not initial:
                self.singles[name] += 1

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


# --------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------

_SUBORDINATORS = "since|after|before|when|until|because|once|while|following"
_SUBORDINATE = re.compile(rf"\b(?:{_SUBORDINATORS})\s+(?=\S)", re.IGNORECASE)
# … and a relative clause: what opens another date's clause ("showing aid workers who were kidnapped last month")
_OTHER_CLAUSE = re.compile(rf"\b(?:{_SUBORDINATORS}|who|which|where)\s+(?=\S)", re.IGNORECASE)
# what a subordinate clause must not open with to be a title: a pronoun ("after it was leaked" says little), a
# gerund ("after taking responsibility": no clause of its own) or a number ("since 2002": a date, no clause)
_NO_TITLE_OPENING = re.compile(r"(?i:it|he|she|they|we|i|you|this|that|these|those)\b|[a-z]+ing\b|\d")
_FINITE = re.compile(r"\b(?:was|were|is|are|had|has|have|been|[a-z]{3,}ed)\b")
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|which|who|when)\s+|;\s+|\s+[—–]\s+")
# a sentence's subject, then a relative clause that holds the date: the subject did what the clause says
_RELATIVE_OPENING_DATE = re.compile(r"\s*(?P<who>[^,;:\0]{3,80}?),\s+(?:who|which)\s+(?P<act>[^,;\0]*\0[^,;]*)")
MAX_ANTECEDENT_WORDS = 8
# … and anywhere, after a name: "in place of Mr. Jonas Falk, who retired on 30 June 2024"
_NAMED_RELATIVE_DATE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*),\s+who\s+(?P<act>[^,;\0]*\0[^,;]*)"
)
_CLOSED_RELATIVE = re.compile(r",\s+(?:who|which)\s+[^,;\0]*,(?=\s+[a-z])")  # an aside about the subject
_LEADING = re.compile(
    r"^(?:(?:and|but|so|also|however|meanwhile|then|yet|in addition|as you (?:may )?know|of course|indeed|in fact)"
    r"\b[,\s]*)+",
    re.IGNORECASE,
)
# a listing's time before its entry, once the date is out: "6pm — Public consultation", "10am–4pm: Food fair"
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
_TIME_OF_DAY = rf"(?:{_CLOCK})(?:\s*[–-]\s*{_CLOCK})?|all\s+day"  # "6pm", "10am–4pm", "20:00", "all day"
_LEADING_CLOCK = re.compile(  # … and a ticker's stamp: "21/01/2025 18:05 Defense Minister Katz …"
    rf"^(?:(?:{_TIME_OF_DAY})\s*[—–:-]\s+|\d{{1,2}}:\d{{2}}\s+(?=(?-i:[A-Z])))", re.IGNORECASE
)
_DATE_PREP = re.compile(
    r"(?:\b(?:in|on|since|by|until|from|of|at|during|through|between|for|to|around|about|approximately|roughly)\s+"
    r"(?:the\s+)?)?\0[,\s]*",
    re.IGNORECASE,
)
# A transcript's speaker or a rubric before a line's text: "Varga: ", "Tribune: ", "Claim: ", "Resignation: "
_SPEAKER_LABEL = re.compile(
    r"^\s*[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|\([a-z.]{2,6}\))){0,4}:\s+(?=\S)"
)  # "Brig. Gen. (res.) Dana Mor: "
_SPEAKER_ACTS = re.compile(r"\b(?:I|[Ww]e)\b")  # the speaker the subject of the date's clause
_WORD3 = re.compile(r"[^\W\d_]{3,}")
MAX_DATES_ONLY = 80  # a sentence longer than this says more than its dates
# a fact check's "Claim: posts say the minister resigned on March 14": what is claimed, not what happened
_CLAIM_LABEL = re.compile(r"\W*(?:the\s+)?claims?\s*:", re.IGNORECASE)


# what a figure is compared with: "Volumes rose 8 per cent from a year earlier", "up from $4 million a year ago"
_COMPARED_FROM = re.compile(
    r"\b(?:from|than|with|versus|vs\.?|on|over)\s+(?:[$€£]?[\d.,]+\s*(?:%|per\s*cent|percent|million|billion|bn|m)?\s+)?$",
    re.IGNORECASE,
)
_COMPARISON_DATE = re.compile(
    r"(?:a|one|the)\s+(?:year|quarter|month)\s+(?:earlier|ago|before)|(?:the\s+)?(?:same|year-earlier|year-ago)"
    r"\s+(?:period|quarter|month)(?:\s+(?:a|last)\s+year)?",
    re.IGNORECASE,
)


def _comparison_base(raw: str, written: str, at: int) -> bool:
    """Whether a date is only what a figure is compared with ("rose 8 per cent from a year earlier"): no event."""
    return bool(_COMPARISON_DATE.fullmatch(written)) and _COMPARED_FROM.search(raw, max(0, at - 40), at) is not None


def _speaker_end(raw: str) -> int:
    """Where a line's text starts after its speaker's label ("OPERATOR: Good morning, and welcome …"), or 0."""
    label = _SPEAKER_LABEL.match(raw) if ":" in raw[:40] else None
    return label.end() if label else 0


def _only_dates(raw: str, at: int, timexes: list[Timex]) -> bool:
    """Whether a sentence says nothing but its dates, perhaps after who speaks: an answer ("MINISTER HALVORSEN:
    Yesterday evening.") tells when of a question, and is no report of its own."""
    rest = list(raw)
    for t in timexes:
        rest[t.start - at : t.end - at] = " " * (t.end - t.start)
    rest = "".join(rest)
    return _WORD3.search(rest, _speaker_end(rest)) is None


_ASIDE_OPENED = re.compile(r"\w,\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*$")  # "The letter, published " before a date
# An apposition after the opening name: "Zamir, a former director general of the defence ministry, was …",
# "Halevi, 57, became …"; not a list ("Qatar, Egypt and …")
_OPENING_APPOSITION = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(,\s+(?:[a-z]|\d)[^,;:]{0,80},)\s+[a-z]")
# A reporting verb right before the date of its telling: "… announced on Monday", "… said late Tuesday"
_TOLD_ON = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|stated)(?:\s+(?:on|late|early|in|at))?\s*$")
# Where a title's sentence turns to what was said of the act, or, in a long one, to its circumstances
_TELLING_WORDS = "saying|stating|noting|adding|writing|citing"
_TELLING = re.compile(rf",?\s+(?:{_TELLING_WORDS})\s")
_CIRCUMSTANCE = re.compile(
    rf",?\s+(?:amid|despite|while|after|following|before|when|{_TELLING_WORDS})\s"
    r"|,\s+(?:as|with|calling|according|prompting|sparking|triggering)\s"
)
# "two days before", ", hours after"
_COUNTED_BEFORE = re.compile(r"(?:\b(?:\w+|a|an)\s+)?\b(?:minutes?|hours?|days?|weeks?|months?|years?)$")
MIN_TITLE_WORDS = 5


def _circumstance_start(head: str, at: int) -> int:
    """Where a title's circumstances that start at ``at`` begin: at a counted span before them when a comma opens
    it ("…the terminal, hours after"), or -1 when the count is part of the act ("resigned two days before")."""
    counted = _COUNTED_BEFORE.search(head, 0, at)
    if counted is None:
        return at
    before = head[: counted.start()].rstrip()
    return len(before) - 1 if before.endswith(",") else -1


_FOOTNOTE_MARK = re.compile(r"\[\d{1,3}\]")
_LONG_QUOTE = re.compile(r"[“\"][^”\"\0]{40,}[”\"],?")
# What a cut title must not end on: punctuation, or a word that leads into what was cut
_TRAILING_MARKS = ",;:—–-"
_TRAILING_WORDS = frozenset("the a an of in on at to for by and or with from that as who which whose where".split())


_WORDS2 = re.compile(r"[A-Za-z]{2,}")
_ASIDES = re.compile(r"\([^)]*\)|[\"“”]|(?<!\w)[‘’]|[‘’](?!\w)")  # parentheses and quotation marks
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:])")


def _trim_end(title: str) -> str:
    """A title (words joined by single spaces) without its closing punctuation, or else its last word if
    it leads into what was cut ("… talks with the" → "… talks with")."""
    trimmed = title.rstrip(_TRAILING_MARKS + " ")
    if trimmed != title:
        return trimmed
    head, space, last = title.rpartition(" ")
    return head if space and last.lower() in _TRAILING_WORDS else title


# a time of day before the date that opens a sentence: "On the night of February 9, 2014, the river burst its banks"
_OPENING_TIME_OF_DAY = re.compile(
    r"\s*(?:(?:on|in|during|by)\s+)?the\s+(?:(?:early|small|late)\s+)?(?:night|morning|evening|afternoon|eve|hours)"
    r"\s+of\s+(?=\0)",
    re.IGNORECASE,
)
# an opening participle that holds the date, then the one it tells of: "Born in 1958 in a village, Yael Barak joined"
_OPENING_PARTICIPLE = re.compile(
    r"\s*(?P<phrase>(?:Born|[A-Z][a-z]{2,}ed)\b[^,;:]*),\s+"
    r"(?P<who>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*|(?:the|a|an|its|his|her|their)\s+[a-z]+)\s+(?=[a-z])"
)
# a date, then what happened on it: "in 1973, when a surprise attack caught the country unprepared"
_WHEN_AFTER_DATE = re.compile(r"\0\s*,\s+when\s+(?P<what>[^,;:]+)")
# a date that owns what follows: "for Saturday's match" is "for the match"
_POSSESSIVE_DATE = re.compile(r"(\b(?:for|in|on|at|after|before|since|from|of|until|during)\s+)?\0['’]s\b")
# the date as what the subject is: "Polling day is Thursday, July 4." gives "Polling day"
_COPULA_DATE = re.compile(r"\s+(?:is|are|was|were|will\s+be|would\s+be)(?:\s+(?:on|in|set\s+for))?\s+\0[\s.!]*$")
# two predicates of one subject, each with its date: "The plan was proposed in 2019 and rejected in March 2022"
_AND_VERB = re.compile(r",?\s+and\s+(?=([a-z]+)\b)")
_FIRST_VERB = re.compile(r"\b(?:(?:was|were|is|are|has|have|had)(?:\s+been)?|[a-z]+)\b")
_BE_VERB = re.compile(r"(?:was|were|is|are|has|have|had)(?:\s+been)?")
_SHARED_VERB = re.compile(r"(?:is|was|are|were|will|would|has|had|have|could|may|might)\b")  # "…, and is due in June"
_OWN_SUBJECT = re.compile(
    r"(?:(?:the|a|an|his|her|its|their|our|this|these|those)\s+(?:[\w'’-]+\s+){1,3}?(?:was|were|is|are|had|has|[a-z]{3,}ed)"
    r"|(?:we|they|he|she|it|I)\s+[a-z]+)\b"
)
MAX_SUBJECT_WORDS = 6


def _subject(clause: str, end: int) -> tuple[str, str, int] | None:
    """The subject of a clause's first verb before ``end`` (a form of "be" or "have", or a verb in the past), past
    any opening phrase ("Last month, at 65, she signed"), that verb and where it ends; None when no such verb has a
    short subject before it."""
    verb = next(
        (m for m in _FIRST_VERB.finditer(clause, 0, end) if _BE_VERB.fullmatch(m.group()) or is_past_verb(m.group())),
        None,
    )
    if verb is None:
        return None
    before = clause[: verb.start()].rstrip()
    # an aside closed right before the verb is the subject's ("The man, from Hollins, was"); an opening phrase is not
    subject = before if before.endswith(",") else before[before.rfind(",") + 1 :].strip()
    if not 0 < len(subject.split()) <= MAX_SUBJECT_WORDS or "\0" in subject:
        return None
    return subject, verb.group(), verb.end()


def _has_date(text: str) -> bool:
    return bool(YEAR_WRITTEN.search(text)) or any(w.lower().strip(".,") in CALENDAR_WORDS for w in text.split())


def _dated_conjunct(clause: str) -> str:
    """Of two predicates joined by "and", the one holding this date (marked "\0"), with the subject they share: "The
    plan was first proposed in 2019 and rejected by the council in \0" gives "The plan was rejected by the council
    in \0", and "Barak joined the army at 18 and flew her first mission in \0" "Barak flew her first mission".  The
    first predicate must have a date or words of its own ("were killed and buried on \0" is one), the second a date
    (what follows "said on April 13 that …" is said on that day too)."""
    at = clause.find("\0")
    join = next((m for m in _AND_VERB.finditer(clause) if is_past_verb(m.group(1))), None)
    if join is None or at < 0:
        return clause
    found = _subject(clause, join.start())
    if at < join.start():  # "said on April 13 that … and backed their dismissal": the date is both's
        other = clause[join.end() :]
        own = False
    else:
        other = clause[: join.start()]
        own = found is not None and len(clause[found[2] : join.start()].split()) > 1
    if not (own or _has_date(other)):
        return clause
    if at < join.start():
        return clause[: join.start()]
    if found is None:
        return clause
    subject, verb, _ = found
    return f"{subject} {verb if _BE_VERB.fullmatch(verb) else ''} {clause[join.end() :]}".replace("  ", " ")


def _title_after(sentence: str, end: int) -> str:
    """The title of the clause a date dates ahead of it ("three days after Hasina resigned"), or of the sentence
    when that clause is too short to stand alone."""
    rest = sentence[end:].strip(" ,")
    return make_title(rest, 0, 0) if len(rest.split()) >= MIN_TITLE_WORDS - 2 else make_title(sentence, end, end)


def make_title(sentence: str, date_start: int, date_end: int) -> str:
    """A short headline-like title: the clause that holds the date, the date itself left out."""
    text = sentence[:date_start] + "\0" + sentence[date_end:] if date_end else sentence
    if text.lstrip().startswith("|"):  # a table's row: "| 27 July 2022 | First rise in 11 years | 0.50% |"
        text = next((c.strip() for c in text.split("|") if "\0" not in c and _WORD3.search(c)), text)
    if date_end and (time_of_day := _OPENING_TIME_OF_DAY.match(text)):
        text = text[time_of_day.end() :]  # "On the night of February 9, 2014, the River Aske burst its banks"
    when = _WHEN_AFTER_DATE.search(text) if date_end and ", when " in text else None
    if when is not None and len(when.group("what").split()) >= MIN_TITLE_WORDS - 2:
        text = when.group("what")  # "another October, in 1973, when a surprise attack caught the country unprepared"
    if date_end and (participle := _OPENING_PARTICIPLE.match(text)):
        phrase, who = participle.group("phrase", "who")
        if "\0" in phrase:  # "Born in 1958 in a farming village, Yael Barak joined the army": the opening tells of her
            text = f"{who[:1].upper()}{who[1:]} {phrase[:1].lower()}{phrase[1:]}"
        else:  # "Elected in 2019, Smith resigned in March 2023": what Smith did then
            text = text[participle.start("who") :]
    if ":" in text[:40]:
        text = _SPEAKER_LABEL.sub("", text, count=1)  # "Varga: Because the first offer …": who speaks, or a rubric
    if date_end and (dateline := _DATELINE_TITLE.match(text)):
        text = text[dateline.end() :]  # "Jerusalem, 1 February 2025 – The Minister … announced": what follows
    opening = _OPENING_SUBORDINATE.match(text) if date_end else None
    if opening is not None and len(text[opening.end() : max(0, text.find("\0"))].split()) > 2:
        text = text[opening.end() :]  # "After her friend was abducted, she began her vigil in November": the vigil
    has_marks = any(c in text for c in '"“”‘’()')
    unquoted = _LONG_QUOTE.sub(" ", text) if has_marks else text
    if unquoted != text:
        if len(_WORDS2.findall(unquoted)) >= 4:
            text = unquoted  # '"…," Mr. Haliva wrote on Monday': the speaker and the act, not the quotation
        else:
            text = max(_LONG_QUOTE.findall(text), key=len)  # '"…," he said on Oct. 17': what was said
    if ", wh" in text and (at := text.find("\0")) > 0:  # "Finkelman, who heads the command, resigned on …"
        text = _CLOSED_RELATIVE.sub("", text[:at]) + text[at:]
    clauses = _CLAUSE_SPLIT.split(text)
    clause = next((c for c in clauses if "\0" in c), text)
    relative = _RELATIVE_OPENING_DATE.match(text) if ", wh" in text else None
    if not (relative and len(relative.group("who").split()) <= MAX_ANTECEDENT_WORDS) and ", who " in text:
        relative = _NAMED_RELATIVE_DATE.search(text)  # "… in place of Mr. Jonas Falk, who retired on 30 June 2024"
    if relative and len(relative.group("who").split()) <= MAX_ANTECEDENT_WORDS:
        clause = f"{relative.group('who')} {relative.group('act')}"  # "Eyal Zamir, who took office on March 5, …"
    elif (
        clause is not clauses[0]
        and not (rest := _LEADING.sub("", clause.strip()))[:1].isupper()
        and not _OWN_SUBJECT.match(rest)  # "…, and the walls were finished in November 2020": a subject of its own
    ):
        found = _subject(clauses[0], len(clauses[0]))
        if found is not None and _SHARED_VERB.match(rest):
            clause = f"{found[0]} {rest}"  # "The probe was launched in February, and is due …": "The probe is due …"
        else:
            clause = " ".join(clauses[0].split()[:4]) + " … " + clause  # "The probe was … is due to be presented"
    if len(clause.split()) < 5:
        clause = text
    if " and " in clause:
        clause = _dated_conjunct(clause)
    at = clause.find("\0")
    if at >= 0 and len(clause[:at].split()) > MAX_TITLE_WORDS:
        # the date past the words a title keeps: "Strikes have killed 73 people since the deal was announced on
        # Wednesday" is about what the subordinate clause that holds the date says, "the deal was announced"
        openers = list(_SUBORDINATE.finditer(clause, 0, at))
        opener = openers[-1] if openers else None  # the last before the date: the clause that holds it
        if (
            opener is not None
            and ", " not in clause[opener.end() : at]  # "until 5,000 years ago, according to a study published on"
            and _FINITE.search(clause, opener.end(), at)
            and not _NO_TITLE_OPENING.match(clause, opener.end())
            and clause[opener.end() :].split(None, 1)[0].lower().strip(".,") not in CALENDAR_WORDS
        ):  # and it ends with its date: "since the outbreak was declared on 12 January to 19"
            clause, at = clause[opener.end() : at + 1], at - opener.end()
    possessive = _POSSESSIVE_DATE.search(clause) if at >= 0 and clause[at + 1 : at + 2] in ("'", "’") else None
    if possessive is not None:  # "take charge for Saturday's match": "for the match"
        clause = clause[: possessive.start()] + (possessive.group(1) or "") + "the" + clause[possessive.end() :]
        at = -1
    copula = _COPULA_DATE.search(clause, max(0, at - 24)) if at >= 0 and not clause[at + 1 :].strip(" .!") else None
    if copula is not None and len(clause[: copula.start()].split()) >= 2:
        clause, at = clause[: copula.start()], -1  # "Polling day is Thursday, July 4": "Polling day"
    told = ATTRIBUTION_TAIL.search(clause, max(at, 0)) if ", " in clause else None
    if told is not None and len(clause[: told.start()].split()) >= 4:
        clause = clause[: told.start()]  # "His resignation will take effect on March 6, he said in a letter to …"
    if at >= 0:  # the date and its preposition out; the preposition is at most 7 letters before its spaces
        gap = at
        while gap and clause[gap - 1].isspace():
            gap -= 1
        m = _DATE_PREP.search(clause, max(0, gap - 7))
        # an aside the date closes keeps its closing comma: "The letter, published on 10 April, was signed" →
        # "The letter, published, was signed"
        comma = ", " if m and "," in m.group() and _ASIDE_OPENED.search(clause, 0, m.start()) else " "
        clause = clause[: m.start()].rstrip() + comma + clause[m.end() :] if m else clause.replace("\0", " ")
    if has_marks:
        clause = _ASIDES.sub(" ", clause)
    # "15 January – Talks resume": the dash was the date's; "- The cabinet voted …": a bullet
    if "[" in clause:
        clause = _FOOTNOTE_MARK.sub("", clause)  # "… would refuse to serve.[7]"
    clause = " ".join(clause.split()).strip(" ,.;:–—-•*·")
    if clause[:1].isdigit() or clause[:3].lower() == "all":
        clause = _LEADING_CLOCK.sub("", clause)
    clause = _LEADING.sub("", clause).strip(" ,")
    if " ," in clause or " ." in clause or " ;" in clause or " :" in clause:
        clause = _SPACE_BEFORE_PUNCT.sub(r"\1", clause)
    words = clause.split()
    if len(words) > MAX_TITLE_WORDS and (aside := _OPENING_APPOSITION.match(clause)):
        # "Zamir, a former director general of the ministry, was appointed": who and what, without who he is
        clause = clause[: aside.start(1)] + clause[aside.end(1) :]
        words = clause.split()
    # what the act was, up to where the sentence goes on to what was said of it ("…, stating that …") or, in a
    # long one, to its circumstances ("… northern Gaza amid …")
    head = " ".join(words[: MAX_TITLE_WORDS + 1]) + " "  # its last word may open the circumstances too
    cut = next(
        (
            at
            for m in (_CIRCUMSTANCE if len(words) > MAX_TITLE_WORDS else _TELLING).finditer(head)
            if (at := _circumstance_start(head, m.start())) >= 0 and len(head[:at].split()) >= MIN_TITLE_WORDS
        ),
        -1,
    )
    if cut > 0:
        words = head[:cut].split()
    title = " ".join(words[:MAX_TITLE_WORDS])
    for _ in range(3):
        trimmed = _trim_end(title)
        if trimmed == title:
            break
        title = trimmed
    if len(words) > MAX_TITLE_WORDS:
        title += "…"
    return title[:1].upper() + title[1:] if title else sentence[:80]


# --------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------

# "the events of Oct. 7", "since October 7", "the October 7 attack", "quit over October 7": the date names a
# known event rather than dating what this sentence reports.
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:the|of|since|to|after|before|following|until|into|over)|\w['’]s?)\s+$", re.IGNORECASE
)
# … and "the military's failure on", "its assault on": a noun owned by someone (not a verb in -ed or -ing), and
# "on"; not "suspended the city council on", where the day is the verb's
_NOUN_ON_BEFORE = re.compile(
    r"(?:\b(?:its|his|her|their)|\w['’]s?)\s+(?:[\w-]+\s+){0,1}(?![a-z]+(?:ed|ing)\s)(?P<noun>[a-z]+)\s+on\s+$"
)
# … and "since the Hamas attack on", "after the vote on": what came since or after the day names that day
_SINCE_NOUN_ON = re.compile(
    r"\b(?:[Ss]ince|[Aa]fter|[Ff]ollowing)\s+(?:the\s+)?"
    r"(?:(?!(?:was|were|is|are|has|had|have|been|be)\s)(?![\w'’-]+(?:ed|ing)\s)[\w'’-]+\s+){1,3}on\s+$"
)
LANDMARK_DAYS = 180  # how long before publication a day named that way is a landmark, not the news


_CAPS_LABEL = re.compile(r"\s*(?:[A-Z]{2,}\s+){0,2}[A-Z]{2,}(?:\s+[A-Z][a-z]{2}\.?)?[\s,:]*$")  # "ALL CLEAR Wed "
_FACT_LABEL = re.compile(r"\s*[^\W\d][\w ,'’()-]{0,40}:\s*$")  # "Passed the Commons: " before a line's first date
_LABEL_LINE = re.compile(r"^\s*(?:[^\W\d]+\s+){0,3}[^\W\d]+\s*:\s*[.,;]?\s*$")  # "Still current at: {date}"
MAX_DATES_PER_SENTENCE = 12  # a "sentence" with more dates is a table or a list, not a report
# A kind of place before a name: "the port of Hodeidah", "the coastal district of Lower Tamsa"
_KIND_OF_PLACE = re.compile(
    r"\b(?:city|town|village|district|province|region|county|governorate|municipality|prefecture|port|island|state)"
    r"\s+of\s+$",
    re.IGNORECASE,
)
# … or after it, in lower case: "the Upper Tye valley", "Lualaba province", "the Dravo river", "St Mark's church
# hall", "the Riverside East by-election"
_PLACE_KIND_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:valley|river|region|province|district|county|governorate|basin|coast|peninsula|island|village|town"
    r"|constituency|ward|by-election|church|cathedral|mosque|synagogue|temple|hospital|airport|station|square"
    r"|street|road|bridge|crossing)\b"
)
# A kind of ship right before a name, in lower case: the name is the ship's ("the container ship Galaxy Leader")
# (the last, "carrier", only after its kind: "bulk carrier")
_VESSELS = (
    "ship vessel tanker freighter ferry frigate destroyer cruiser corvette submarine trawler yacht carrier".split(" ")
)
_VESSEL_BEFORE = re.compile(rf"\b(?:{'|'.join(_VESSELS[:-1])}|(?:bulk|aircraft|car|ore|gas|LNG)\s+carrier)\s+$")
_CLOCK_BEFORE = re.compile(r"(?:\b\d{1,2}[:.h]\d\d|\b\d{4}|\d\s?[ap]\.?m\.?)\s+$", re.IGNORECASE)  # "0215 ", "8pm "
# A name after "in", "near" (…) and before a comma and a place the gazetteers know is a place within it:
# "south of Al Mukha, Yemen", "in Paiporta, Spain"; not "talks between Hamas, Israel and Egypt"
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|of|from)\s+$")
_IN_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside)\s+(?:the\s+)?$"
)  # "in Riverside East", "near the Al-Amal Hospital"
_COMMA_PLACE = re.compile(r",\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?=[.,;:)]|\s+\(|\s+on\b|$)")
# An anniversary column ("On this day: November 9", "Today in History"): its entries give the year, it gives the day
MAX_COLUMN_HEADING_WORDS = 8  # "On this day: November 9", "Today in History: Saturday, Nov. 9"
ON_THIS_DAY = re.compile(r"\b(?:on\s+this\s+(?:day|date)|(?:today|this\s+day)\s+in\s+history)\b", re.IGNORECASE)
_YEAR_ENTRY = re.compile(r"[\s•*#>–—-]*(?:in\s+)?$", re.IGNORECASE)  # a year opening its line: "1989:", "In 1938,"
_ONLY_PUNCTUATION = re.compile(r"^[\s:,.;–—()\[\]*#|-]*$")
_NUMBERED_LABEL = re.compile(r"^[\s*#•>]*[^\W\d]+\s+\d{1,3}\s*[:,–—-]*\s*$")  # "Day 2 — ", "Stage 14: ", "Week 3, "


def _numbered_heading(line: str, date: Timex, start: int) -> bool:
    """A diary's or a race's numbered heading: "Day 2 — Tuesday 12 March", "Stage 14: 19 July"; it dates what
    follows as a bare date heading does."""
    before, after = line[: date.start - start], line[date.end - start :]
    return bool(_NUMBERED_LABEL.match(before)) and bool(_ONLY_PUNCTUATION.match(after))


ADJACENT = 5  # characters between two dates that are one ("Monday, Jan. 29", "March 2024, on the 5th")


def _written_day_after(weekday: Timex, o: Timex, text: str) -> bool:
    """A day written with its number right after a weekday ("Tuesday 11 June 2024", "Monday, Jan. 29"); not
    a day counted from elsewhere ("on Thursday, three days after …")."""
    return (
        o.granularity == "day"
        and o.start >= weekday.end
        and not text[weekday.end : o.start].strip(" ,")
        and not o.rule.startswith("anchored")
        and any(c.isdigit() for c in o.text)
    )


def _adjacent(a: Timex, b: Timex) -> bool:
    return (a.start - b.end if a.start >= b.end else b.start - a.end) <= ADJACENT


def _is_frame(text: str, t: Timex) -> bool:
    """A date in the possessive frames the dates inside it: "This year's observances begin on April 22"."""
    return text[t.end : t.end + 2] in ("'s", "’s")


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


_DEADLINE_AFTER = re.compile(r"\s+(?:deadline|target|cut-?off|due\s+date)\b", re.IGNORECASE)


def _names_known_day(
    sentence: str, start: int, t: Timex, published: dt.date | None, taxonomy: Taxonomy, by_number: bool = True
) -> bool:
    """Whether the date at ``start`` names a known day rather than dating what the sentence reports: "since
    Oct. 7", "after the October 7 attack", "Hamas's 7 October attack", and, long before publication, "the
    military's failure on 7 October 2023" (not "his resignation on October 7": a kind of event, dated).  A
    known day is named by its number (``by_number``), not by a weekday; without it, any date named so
    ("delayed since February") is what came before."""
    if "T" in t.value or (by_number and not any(c.isdigit() for c in t.text)):
        return False
    if (
        published is not None
        and t.first is not None
        and t.first > published
        and _DEADLINE_AFTER.match(sentence, start + len(t.text))
    ):
        return False  # "a deal before the April 1 deadline", read as still to come: a deadline, no day that has been
    if _REFERENCE_BEFORE.search(sentence, max(0, start - 12), start) or _SINCE_NOUN_ON.search(
        sentence, max(0, start - 60), start
    ):
        return True
    # a day written without its year may be any year's: "the agency's failure on October 7" in a 2025 text
    if YEAR_WRITTEN.search(t.text) and (published is None or (published - t.last).days <= LANDMARK_DAYS):
        return False
    owned = _NOUN_ON_BEFORE.search(sentence, max(0, start - 60), start)
    return owned is not None and taxonomy.categorize_at(owned.group("noun"), 0, 0)[1] < 0


# what is still to come from the telling on: "will present its findings on March 14", "on bail until 14 October",
# "said he would leave his post on 6 March"
_FROM_NOW_ON = re.compile(
    r"\b(?:will|shall|until|till|(?:is|are)\s+(?:due|set|expected|scheduled|to)|plans?\s+to)\b"
    r"|\bwould\s+[a-z]+\s+(?:[\w'’-]+\s+){0,3}$",  # "said he would leave his post on": what the verb owns
    re.IGNORECASE,
)


# … unless the day is named as what came before: "will complete the investigations of the events of October 7th"
_LOOKS_BACK_TO = re.compile(r"\b(?:of|since|after|following|into)\s+$", re.IGNORECASE)


def _landmark_year(t: Timex, article: Article) -> int | None:
    """The year to read a day written without one in, when it names a known day (a landmark) yet was read after
    the article's publication: the last year it had come by then.  None when it was read so already."""
    if article.published is None or t.granularity != "day" or t.first != t.last or YEAR_WRITTEN.search(t.text):
        return None
    _, last = _publication_span(article)
    if t.first <= last:
        return None
    year = last.year if (t.first.month, t.first.day) <= (last.month, last.day) else last.year - 1
    return year if values.safe_date(year, t.first.month, t.first.day) is not None else None


def _since_year(text: str, t: Timex) -> bool:
    """ "The first such vote since 1962", "not repaired since 2002", "trusted since 2009": a bare year after
    "since" starts a state of things; it dates no event.  "Since October 7" names a known day and stays."""
    return (
        t.granularity == "year"
        and t.first == dt.date(t.first.year, 1, 1)
        and bool(_SINCE.search(text, max(0, t.start - 8), t.start))
    )


_SPAN_TO_NOW = re.compile(r"the\s+past\s", re.IGNORECASE)
_FRAME_GRANULARITIES = frozenset(("year", "half"))  # not "for the first time in March": that is when
_TIMES_IN = re.compile(r"\btimes?\s+(?:in\s+|so\s+far\s+)?$", re.IGNORECASE)  # "for the fourth time this year"


def _span_to_now(t: Timex, text: str) -> bool:
    """ "For the past year and a half", "over the past week": a stretch of time up to the telling, which dates
    no event; nor does the stretch a count is made in ("cut rates for the fourth time this year").  "The
    previous week" looks back from the story's day and stays."""
    return bool(
        _SPAN_TO_NOW.match(t.text)
        or (t.granularity in _FRAME_GRANULARITIES and _TIMES_IN.search(text, max(0, t.start - 16), t.start))
    )


_RESTATED = re.compile(r",\s*(?:on|in)\s+")  # between a date and the same day named again
_PERIOD_ADJECTIVE = re.compile(r"\w-(?:quarter|half|year)$", re.IGNORECASE)  # "fourth-quarter", "first-half"


# What joins the two days of one span of days: "11-12 February", "from 3 to 5 March", "Feb. 11-12, 2025",
# "between 10 and 14 June"
_RANGE_JOIN = re.compile(r"\s*(?:[-–]|to|until|till|through|thru)\s*")
_RANGE_OPENS = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
MAX_RANGE_DAYS = 62
MAX_RANGE_MONTHS = 12  # "between September 2023 and November 2024" is two dates: a start and an end apart
MAX_RANGE_YEARS = 12  # "served 2015-2018", "from 2012 to 2017": a term


def _day_ranges(timexes: list[Timex], text: str) -> list[Timex]:
    """Two dates that bound one span ("talks held on 11-12 February", "between April and June 2025", "(2015-2018)")
    as one date from the first's start to the last's end: one event over that span, not two events.  "on 10 and
    11 March" are two days named, not a span."""
    if len(timexes) < 2:
        return timexes
    out: list[Timex] = []
    for t in timexes:
        a = out[-1] if out else None
        if a is not None and _bound_one_span(a, t, text):
            out[-1] = Timex(
                a.start,
                t.end,
                text[a.start : t.end],
                f"{a.value}/{t.value}",
                a.granularity,
                a.first,
                t.last,
                a.type,
                f"{a.granularity}_range",
            )
            continue
        out.append(t)
    return out


def _bound_one_span(a: Timex, t: Timex, text: str) -> bool:
    """Whether ``a`` and the date after it, ``t``, are the two ends of one span."""
    if a.granularity != t.granularity:
        return False
    if a.granularity == "day":
        return (
            a.first == a.last
            and t.first == t.last
            and 0 < (t.first - a.first).days <= MAX_RANGE_DAYS
            and bool(
                _RANGE_JOIN.fullmatch(text, a.end, t.start)
                or (text[a.end : t.start].strip() == "and" and _RANGE_OPENS.search(text, max(0, a.start - 9), a.start))
            )
        )
    return (
        (
            (a.granularity == "month" and 0 < _months_apart(a.first, t.first) < MAX_RANGE_MONTHS)
            or (a.granularity == "year" and 0 < t.first.year - a.first.year <= MAX_RANGE_YEARS)
        )
        and (joiner := text[a.end : t.start].strip()) in ("to", "and", "-", "–", "until", "through")
        and bool(joiner in ("-", "–") or _RANGE_OPENS.search(text, max(0, a.start - 9), a.start))
    )


def _months_apart(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _keep(timexes: list[Timex], text: str) -> list[Timex]:
    """Calendar dates of a sentence, without coarse ones that contain a finer one beside them.

    "Monday, Jan. 29" and "Tuesday 11 June 2024" are one date; "on Monday, … that began earlier this month"
    are two.
    """
    calendar = [t for t in timexes if t.is_calendar and not _since_year(text, t) and not _span_to_now(t, text)]
    if len(calendar) > MAX_DATES_PER_SENTENCE:
        return []
    kept: list[Timex] = []
    for t in calendar:
        if "-" in t.text and _PERIOD_ADJECTIVE.search(t.text) and any(o.granularity == "day" for o in calendar):
            continue  # "will report fourth-quarter results on Feb. 27": the quarter says which results, not when
        if any(o.start > t.end and _RESTATED.fullmatch(text, t.end, o.start) for o in calendar):
            continue  # "Two days earlier, on Sunday, …": the day it says, told again by its name
        if t.rule == "weekday" and any(_written_day_after(t, o, text) for o in calendar):
            continue  # "Tuesday 11 June 2024": the date says which Tuesday, the weekday is part of it
        finer = any(
            o is not t
            and o.first >= t.first
            and o.last <= t.last
            and (o.last - o.first) < (t.last - t.first)
            and (_adjacent(o, t) or _is_frame(text, t))
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


MAX_HEADLINE_WORDS = 16
TEMPLATE_FIELD = re.compile(r"\{(actor|place)\}")


@functools.lru_cache(maxsize=256)
def _template_fields(template: str) -> list[str]:
    return TEMPLATE_FIELD.findall(template)


# Where a clause ends for the keyword search: a semicolon, a spaced dash, ", but", a relative clause.
CLAUSE_BREAK = re.compile(
    r";|\s[—–-]{1,2}\s"
    r"|,\s+(?:but|while|whereas|although|though)\b"  # "…signed a deal, but voters rejected it on Oct. 2"
    # ", as crowds protested outside": what happened around it; not ", as expected", ", as part of"
    r"|,\s+as\s+(?!well\b|part\b|expected\b|usual\b|such\b|of\b|a\b|an\b|the\s+(?:first|second|last|only)\b)"
    r"|,\s+(?:(?:at|in|during|after|before|under|by)\s+)?(?:which|whom|whose)\b|,\s+who\b"  # a relative clause
)
_RELATIVE_OPENING = re.compile(r"((?:[\w'’-]+\s+){0,2}[\w'’-]+),\s+(?:which|who)$")  # its noun and ", which"
_HEADING_CLOCK = re.compile(rf"(?:{_TIME_OF_DAY})$", re.IGNORECASE)  # a listing's time between its date and dash
HEADING_MARKS = " \t*_#•>:-–—"  # what may stand around a date heading its line: bullets, dashes, bold
# A clause trailing the dated one, with no comma between: its own event ("suspended the council on Sept. 17 after
# residents protested", "22 were killed on Tuesday when police opened fire": the protest came first, the deaths are
# the news).  "On Monday, after the bombing, …" leads into the dated clause instead.
TRAILING_CLAUSE = re.compile(r"(?<![,(])\s+(?:after|before|until|when)\s+(?!\d)")
# … and, after a comma too, one that gives its own date further on ("on Dec. 18, after … two days earlier")
DATED_TRAILING_CLAUSE = re.compile(r"[ \t]*,\s*(?:after|before|when|following)\s+(?!\d)")
# … and, further on past a comma, a clause of what came before the dated act: "voted on Thursday night to approve
# the terminal, hours after the mayor stepped aside", "…, a day after", "…, following"; not "the following day"
AFTER_COMMA_CLAUSE = re.compile(
    r",\s+(?:(?:just|only|shortly|soon|long|hours?|days?|weeks?|months?|years?|minutes?|moments?|a|an|one|two|three"
    r"|four|five|six|seven|several|few|the|less|more|than|barely|nearly|almost|some|\d+)\s+){0,4}"
    r"(?:after|following)\s+(?!\d|(?:day|week|month|year|morning|afternoon|evening|night|weekend)\b)"
)


def _earlier_clause(sentence: str, start: int, end: int) -> int | None:
    """Where a clause of what came before the dated act opens past a comma (``AFTER_COMMA_CLAUSE``), between
    ``start`` and ``end``; None when there is none, or when it is an aside the act goes on after ("decided on
    Wednesday, after the letter became known, to dismiss …")."""
    later = AFTER_COMMA_CLAUSE.search(sentence, start, end)
    if later is None:
        return None
    closing = sentence.find(",", later.end(), end)
    return None if closing >= 0 and sentence[closing + 1 :].lstrip()[:1].islower() else later.start()


# A participle after a comma, past the date: what the act left ("…, killing nine", "…, injuring 20")
RESULT_CLAUSE = re.compile(r",\s*[a-z]+ing\b")
# Tagger rules whose expression dates the clause after it, not the one it stands in: "sworn in on Thursday, three days
# after Hasina resigned" dates the resignation
DATES_WHAT_FOLLOWS = frozenset({"anchored_clause"})
# … and, after a comma, what the subject did before or after, in a gerund: "spoke to the paper on Thursday, before
# flying to Geneva for talks", "resigned on Monday, after losing the vote": another act of its own
GERUND_TRAILING_CLAUSE = re.compile(r"[ \t]*,\s*(?:after|before)\s+[a-z]+ing\b")
# What sets a date against another event, right after it: "on Monday, a day before the walkout", "on Friday, shortly
# after the vote": that event is the date's landmark, not what happened on it
_ANCHOR_AFTER_DATE = re.compile(
    r"[\s,(—–-]*(?:[\w-]+\s+){0,5}(?:before|after|ahead\s+of|following)\s+(?:the|its|his|her|their|a|an)\s+(?:[\w-]+\s+)?"
)
# "The probe was launched in February …, and is due to be presented in June": one subject, two dates
_PAST_VERB = re.compile(r"(?:(?:was|were|been|had)\s+)?\w+ed\b")  # a verb in the past: "resigned", "were charged"
SHARED_SUBJECT = re.compile(r"\b(?:and|but)\s+(?:is|was|are|were|will|would|has|had|have|could|may|might)\b")
# Between a reporting verb and a date, the start of what is reported: the date belongs to that ("said they would
# hold a vote on Saturday"), not to the saying ("said on Monday", "announced in a statement on Friday").
# A subject and its verb in the past count too: "Prosecutors said van Dam accepted bribes between 2019 and 2021".
REPORTED_CLAUSE = re.compile(
    r"\b(?i:that|would|will|could|was|were|had|has|have|is|are)\b|\b(?:he|she|it|they|we|[A-Z][\w'’-]+)\s+[a-z]{3,}ed\b"
)
# A sentence closing on who said it: ", the national weather institute warned."
ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:[^\s,;]+\s+){0,8}?(?:said|says|told|warned|added|announced|wrote|reported)\b[^,;:]{0,60}"
    r"(?:,\s+[a-z][^;:]{0,80})?$"  # "…, his party said, raising fears of a return to war."
)
_COUNTED_FROM = re.compile(r"\b(?:years?|months?|weeks?|days?)\s+(?:after|before|since|on\s+from)\b", re.IGNORECASE)
# A liveblog entry's time on its own line: "14:52", "09:02 GMT", "10.15am", and with its day: "Today 9:12 am",
# "Yesterday, 23:05", "Monday at 14:05"
TIME_LINE = re.compile(
    r"^\s*(?:(?:updated|posted)(?:\s+at)?\s*)?(?:[a-z]+day\s*,?\s*(?:at\s+)?)?"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|[A-Z]{2,4})?\s*$",
    re.IGNORECASE,
)
_ENTRY_BODY = re.compile(r"\n[ \t]*\n[ \t]*[^\W\d]")  # after an entry's headline: a blank line, then its report
_THAT_HE = re.compile(r"[\s,]*that\s+(?:he|she|they|it|we)\b")  # a clause told of its teller, after his date
_FIRST_PERSON = re.compile(r"^\W*(?:I|We|My|Our)\b")
_SIGNPOST = re.compile(r"^\W*(?:here\s+(?:is|are)|here['’]s|this\s+is|these\s+are|below\s+(?:is|are))\b", re.IGNORECASE)
_CLOSING = '.!?"”'
# … and what a page says of itself, dated or not: "Here's what happened this week", "This timeline covers …"
_PAGE_SIGNPOST = re.compile(  # after the date a wire opens with: "Jan 19 (Reuters) - Here is a timeline …"
    r"\W*events\s+(?:in|of)\s+the\s+year\b"  # an almanac's "Events in the year 2023 in Portugal."
    r"|\W*(?:\([A-Z][\w ]{1,24}\)\W*)?(?:here\s+(?:is|are)|here['’]s|below\s+(?:is|are))"
    r"\s+(?:what|the|a|our|how|some)\b"
    r"|\W*this\s+(?:timeline|article|page|list|story|newsletter|briefing|blog|live\s?blog|chronology)"
    r"(?:\s+of\s+[^.,;]{1,60}?)?\s+(?:covers|lists|tracks|looks|summari[sz]es|collects|follows|will)\b"
    # "In this week's episode we look back at …", "Today's edition:": the page's own issue
    r"|\W*(?:(?:in|on|for)\s+)?(?:today|tonight|this\s+(?:week|month|year))['’]s\s+(?:episode|edition|issue|newsletter"
    r"|briefing|show|podcast|column|programme|program|instalment|installment|roundup|digest)\b"
    # "Next update: 22 July 2024, 10:00", "Next report: 12 April": when the page comes out again
    r"|\W*next\s+(?:update|report|situation\s+report|bulletin|briefing|issue|edition|newsletter|episode)\s*:"
    # a notice's signature line: "Dated at the capital this 2nd day of July 2024"
    r"|\W*dated\s+(?:at|in|this)\b"
    # a liveblog's welcome: "Good morning and welcome to our live coverage of …"
    r"|\W*(?:(?:good\s+(?:morning|afternoon|evening)|hello)\W+(?:and\s+)?)?welcome\s+(?:back\s+)?to\s+(?:our|the)\b"
    # a newsletter's sign-off: "That's it for today.", "See you tomorrow.", "Thanks for reading"
    r"|\W*(?:that['’]s\s+(?:it|all)|see\s+you|thanks\s+for\s+reading|thank\s+you\s+for\s+reading)\b",
    re.IGNORECASE,
)


def _is_lead(sentence: str) -> bool:
    """The sentence that reports the day's news: a report, not a headline, a question, a columnist's "I",
    a signpost ("Here are the key events …") or background counted from another event ("Two years after the
    peace deal, …")."""
    return (
        len(sentence.split()) >= 8
        and not _is_headline(sentence)
        and not _FIRST_PERSON.match(sentence)
        and not _SIGNPOST.match(sentence)  # "Here are the key events since …": what the page lists, not news
        and not sentence.rstrip().endswith("?")
        and not _COUNTED_FROM.search(sentence)
    )


def _title_end(text: str, title: str) -> int:
    """Where the article's own headline ends when its first line is one (0 when it is not).

    The first line is the headline when it repeats the manifest's title or stands alone above a
    blank line, short and without closing like a sentence: "Protests spread across Georgia over a bill".
    """
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0].strip()
    end = len(text) - len(stripped) + len(stripped.split("\n", 1)[0])
    if not line:
        return 0
    if title and line.casefold() == title.strip().casefold():
        return end
    # above a blank line, or above page furniture the cleaning blanked (a byline, a time stamp); or above a
    # standfirst that does not close like a sentence either, and then a blank line ("Middle East crisis live: …" over
    # "Hostages expected to be released from Sunday; …" over its time stamp), when it is no date heading
    below = [b.strip() for b in stripped.split("\n", 3)[1:3]]
    alone = (
        not below
        or not below[0]
        or (
            len(below) == 2
            and not below[1]
            and below[0][-1] not in _CLOSING
            and len(line.split()) >= 4
            and not any(c.isdigit() for c in line)
        )
    )
    short = len(line.split()) <= MAX_HEADLINE_WORDS  # a lead that runs on without a full stop is no headline
    closes = line.rstrip('"”’')[-1:] in ".!?"  # '… resigned: "I take responsibility"' closes on a quotation only
    return end if alone and short and not closes else 0


def parse(
    article: Article, taxonomy: Taxonomy, problems: list[Problem] | None = None, timings: Counter | None = None
) -> tuple[list[dict], Names]:
    """Everything one article contributes, knowing nothing of the others: its event rows and its names.

    Every dated sentence gives one row per distinct date.  The lead sentence,
    which reports the news of the day, is dated by publication when it names no
    date of its own and reports something of a known kind.  A date outside
    :func:`plausible_window` is left out and reported in ``problems``.
    Headlines give neither events nor names: every word in them is capitalised.
    """
    text = article.clean_text
    names = Names()
    for m in acronym_definitions(text):
        names.acronyms[_strip_name(m.group(1))] = m.group(2)
    earliest, latest = plausible_window(article.published)
    timexes = []
    started = time.perf_counter()
    tagged = tag(text, article.published, references=False, dct_precision=article.published_precision)
    tagging = time.perf_counter() - started
    for t in tagged:
        if not t.is_calendar:
            continue  # durations, sets and times naming no day date no event
        if not (earliest <= t.first and t.last <= latest):
            if problems is not None:
                reason = f"date {t.text!r} ({t.value}) is implausibly far from publication: left out"
                problems.append(Problem(article.source, reason))
            continue
        timexes.append(t)
    if day := _column_day(article, text):
        timexes = [_on_column_day(t, text, day) for t in timexes]
    starts = [t.start for t in timexes]
    rows: list[dict] = []
    located: set[str] = set()  # names the article calls a place: "the coastal district of Lower Tamsa"
    lead_seen = False
    headline_end = _title_end(text, article.title)
    heading: Timex | None = None  # a date standing alone on its line ("October 9, 2023"): it dates what follows
    outlet = article.outlet.lower().removeprefix("the ")  # the page's own outlet is who reports, never an actor
    entry: Timex | None = None  # the day of a liveblog entry's time stamp, until the entry has given its row
    stamps = _entry_stamps(article.text)  # a liveblog's full stamps ("Tue 21 Jan 2025 16.05 GMT"), furniture now
    lowered = text.lower()
    page_words = (any(map(lowered.__contains__, HOLIDAY_CONTEXT_WORDS)), any(map(text.__contains__, _VESSELS)))
    for s_start, s_end in sentences(text):
        raw = text[s_start:s_end]
        while stamps and stamps[0].end <= s_start:
            entry = stamps.pop(0)  # the entry under it is dated by it
        first = bisect.bisect_left(starts, s_start)
        last = bisect.bisect_left(starts, s_end, lo=first)
        in_sentence = [t for t in timexes[first:last] if t.end <= s_end]
        calendar = [t for t in in_sentence if t.is_calendar]
        opens_paragraph = s_start == 0 or text[s_start - 1] == "\n"
        whole_line = opens_paragraph and (s_end == len(text) or text[s_end] == "\n")
        if whole_line and len(calendar) == 1:
            rest = raw.replace(calendar[0].text, "")
            # a line above the first report that dates the publication day is the page's own date: a
            # newsletter's "Friday, March 14", "Still current at: 5 April 2024"; what follows is dated by its
            # own words, not by it
            page_date = not rows and _is_publication_day(calendar[0], article)
            if _ONLY_PUNCTUATION.match(rest) or _numbered_heading(raw, calendar[0], s_start):
                if not (page_date and heading is None):
                    heading = calendar[0]
                continue
            if page_date and _LABEL_LINE.match(rest):
                continue
        if whole_line and TIME_LINE.match(raw) and len({t.first for t in calendar}) <= 1:
            # a liveblog entry's time: its entry happened on the day it names ("Today 9:12 am"), or on the day
            # above it, or on the day of publication
            entry = next((t for t in calendar if t.type == "DATE"), None) or heading or _publication_timex(article)
            continue
        # "Introduced: 16 January 2024", "Founded: 1931": a fact box's line, however capitalised, is no headline
        fact_line = _FACT_LABEL.match(raw, 0, calendar[0].start - s_start) if whole_line and calendar else None
        if s_start < headline_end or (_is_headline(raw) and not fact_line and not raw.lstrip().startswith("|")):
            continue
        candidates = _candidates(raw, [(t.start - s_start, t.end - s_start) for t in in_sentence], page_words)
        if outlet and any(name.lower().removeprefix("the ") == outlet for name, _, _ in candidates):
            candidates = [c for c in candidates if not _reporting_outlet(raw, c, outlet)]
        # a label before a line's first date is what the entry is, not who acted: "Passed the Commons: 26 March
        # 2024", and a bulletin's "ALERT Mon 3 Jun 14:05 - …", "UPDATE Tue 4 Jun"
        label = fact_line or (
            _CAPS_LABEL.match(raw, 0, calendar[0].start - s_start) if opens_paragraph and calendar else None
        )
        if label:
            candidates = [c for c in candidates if c[2] >= label.end()]
        if candidates and _common_opening(candidates[0], text):
            candidates = candidates[1:]  # "Water testing found …" where "the water authority" is written
        names.add(candidates)
        located.update(
            name
            for name, _, at in candidates
            if (raw.endswith(" of ", 0, at) and _KIND_OF_PLACE.search(raw, 0, at))
            or ((where := raw.find(name, at)) >= 0 and _PLACE_KIND_AFTER.match(raw, where + len(name)))
            or (
                where >= 0
                and _LOCATIVE_BEFORE.search(raw, max(0, at - 10), at)
                and (within := _COMMA_PLACE.match(raw, where + len(name)))
                and is_place(within.group(1))
            )
            or (" " in name and _IN_BEFORE.search(raw, max(0, at - 12), at))
        )
        if quoted := quotations(raw):  # who is named in a quotation is what was said, not who acted
            candidates = [c for c in candidates if not any(a <= c[2] < b for a, b in quoted)]
        in_sentence = _day_ranges(in_sentence, text)
        dated = _keep(in_sentence, text)
        heading_now = heading
        if entry is not None and not opens_paragraph:
            entry = None
        elif entry is not None:
            if not dated and whole_line and raw.rstrip()[-1:] not in _CLOSING and _ENTRY_BODY.match(text, s_end):
                continue  # the entry's own headline, above its report
            # a liveblog entry gives one row: its first report, unless that is dated by its own words
            heading_now, entry = entry, None
        # the first sentence of each paragraph under a date heading: a timeline listicle's entry, also when its
        # dates only name known days before it ("April 22, 2024 / Haliva resigns over the failures of October 7")
        # or, right under the heading and past a comma, days after it: what the entry's act leads to ("21 January /
        # Halevi resigns, effective 6 March"); not the entry's own day ("May 6 / Our next convoy leaves on May 9")
        # nor a paragraph further down
        under_heading = (
            heading_now is heading and heading is not None and not text[heading.end : s_start].strip(" \t\n:–—-")
        )
        elsewhere = heading_now is not None and all(
            (under_heading and t.first > heading_now.last and "," in raw[: t.start - s_start])
            or (
                t.last < heading_now.first
                and _names_known_day(raw, t.start - s_start, t, article.published, taxonomy, False)
            )
            for t in dated
        )
        if elsewhere and opens_paragraph and not _PAGE_SIGNPOST.match(raw):  # "Good morning and welcome to …"
            category, keyword = taxonomy.categorize_at(raw, 0, 0)
            sentence = " ".join(raw.split())
            actors_raw = list(dict.fromkeys(name for name, _, _ in candidates))
            row = _row(article, sentence, s_start, s_end, heading_now, category, make_title(raw, 0, 0), actors_raw)
            row["agent"] = _who_did(raw, taxonomy, category, keyword, candidates)
            rows.append(row)
            lead_seen = True
            if not dated:
                continue
        if not dated and problems is not None and sum(t.is_calendar for t in in_sentence) > MAX_DATES_PER_SENTENCE:
            excerpt = " ".join(raw.split())[:60]
            count = sum(t.is_calendar for t in in_sentence)
            reason = f"a sentence with {count} dates (a table or a list?) gave no events: {excerpt!r}…"
            problems.append(Problem(article.source, reason))
        # the first report, ahead of any dated line: a fact box's description ("The bill extends …") is no lead
        lead = not lead_seen and not rows and _is_lead(raw)
        lead_seen = lead_seen or lead
        opening = calendar[0].end - s_start if calendar and not raw[: calendar[0].start - s_start].strip() else 0
        if (
            (not dated and not lead)
            or _PAGE_SIGNPOST.match(raw, max(opening, _speaker_end(raw)))
            or _question_line(text, s_start, s_end)
            or (dated and len(raw) <= MAX_DATES_ONLY and _only_dates(raw, s_start, in_sentence))
            or _CLAIM_LABEL.match(raw)
        ):
            continue  # "Here's what happened this week", "This timeline covers the period from …": the page's plan;
            # a Q&A's question on its line ("What about the October 7 inquiries?"): its answer reports
        sentence = " ".join(raw.split())
        actors_raw = list(dict.fromkeys(name for name, _, _ in candidates))
        if lead and not dated and article.published is not None:
            category = taxonomy.categorize(raw, 0, 0)
            if category not in WEAK_CATEGORIES:
                rows.append(_row(article, sentence, s_start, s_end, None, category, make_title(raw, 0, 0), actors_raw))
        spans = [(t.start - s_start, t.end - s_start) for t in in_sentence if t.is_calendar]
        attributed = _attributions(raw)
        # a transcript's speaker opening the line tells what follows, unless speaking of what they did themselves
        speaker = None
        if ":" in raw[:40]:
            line = text.rfind("\n", 0, s_start) + 1  # "Brig. Gen. (res.) Dana Mor: …" is split after "(res.)"
            label = _SPEAKER_LABEL.match(text[line : s_start + 40]) if s_start - line < 40 else None
            at = label.end() - (s_start - line) if label is not None else 0
            speaker = at if at > 0 else None
        # "posts falsely said the bank would withdraw the note in October": what is false did not happen
        false_from = len(raw)
        if "ly " in raw and any(word in raw for word in FALSE_WORDS):
            false_from = min((m.end() for m in FALSELY_SAID.finditer(raw)), default=len(raw))
        for t in dated:
            local = (t.start - s_start, t.end - s_start)
            if local[0] >= false_from or _comparison_base(raw, t.text, local[0]):
                continue
            # the same day named again beside it ("today (Tuesday)", "Monday, Jan. 29") is no other clause's date
            heads = not raw[: local[0]].strip(HEADING_MARKS)  # "Jan 21 (Reuters) - … said on Tuesday": one day
            others = [
                (o.start - s_start, o.end - s_start)
                for o in in_sentence
                if o.is_calendar
                and o is not t
                and not ((o.first, o.last) == (t.first, t.last) and (heads or _adjacent(o, t)))
            ]
            ahead = t.rule in DATES_WHAT_FOLLOWS  # "came a day after the cabinet said on Monday": the cabinet's act
            if ahead and any(
                o.is_calendar and o.start >= t.end and o.granularity == "day" and (o.first, o.last) != (t.first, t.last)
                for o in in_sentence
            ):
                continue  # "three weeks after Israel resumed fighting on March 18": that clause gives its own day
            category, keyword = taxonomy.categorize_at(raw, *local, others, ahead)
            # "…, a week after shareholders rejected her plan": the clause it dates is what follows it
            title = _title_after(raw, local[1]) if ahead else make_title(raw, *local)
            lo, hi = clause(raw, *local, others)
            if others and (told_from := _telling_date(raw, *local)) is not None:
                lo, hi = 0, told_from  # "X has resigned over the attack last October, the army announced on Monday"
            lo = max(lo, local[1]) if ahead else lo
            if not ahead and (earlier := _earlier_clause(raw, local[1], hi)):
                hi = earlier  # "…, hours after Mayor Baird stepped aside": he did not vote
            if SHARED_SUBJECT.match(raw, lo):  # "… in February by the chief, and is due in June": who did it, too
                lo = max((b for _, b in others if b <= local[0]), default=lo)
            elif _THAT_HE.match(raw, lo):  # "Bar announced on Monday that he will step down on June 15": Bar will
                lo = clause(raw, *local)[0]
            # who told it ("…, according to a report by the Safety Board") did not act, unless this date is theirs
            told = [] if any(a <= local[0] < b for a, b in attributed) else attributed
            usable = [c for c in candidates if not any(a <= c[2] < b for a, b in told)] if told else candidates
            # "… says that the number of children rose from 20,000 in 2019": who says it did not act on the
            # date it reports ("the army said that it struck on Monday": it did)
            telling = [m.start() for m in TOLD_THAT.finditer(raw, 0, local[0])] if " that " in raw else []
            telling += [m.start() for m in TOLD_NAME.finditer(raw, 0, local[0])]
            if telling:
                usable = [c for c in usable if c[2] >= max(telling)]
            if speaker is not None and not _SPEAKER_ACTS.search(raw, max(lo, speaker), hi):
                # "Orit Strock: On 20 January the army's figures showed …": who speaks tells it; "Halevi: I resigned
                # on 12 January" tells what he did
                usable = [c for c in usable if c[2] >= speaker]
            # who acted on this date: the names in its clause (another date or a relative clause ends it), but not
            # those of an aside about its subject ("Greaves, who led Harbor Freightways for two decades, died …")
            asides = (
                [m.span() for m in _CLOSED_RELATIVE.finditer(raw) if not m.start() <= local[0] < m.end()]
                if (", wh" in raw)
                else []
            )
            clause_names = [c for c in usable if lo <= c[2] < hi and not any(a <= c[2] < b for a, b in asides)]
            own = list(dict.fromkeys(n for n, _, _ in clause_names))
            if not own and len(dated) > 1:  # no name in its clause: the sentence's, but not another date's clause
                theirs = [clause(raw, a, b, [x for x in spans if x != (a, b)]) for a, b in spans if (a, b) != local]
                own = list(dict.fromkeys(n for n, _, at in usable if not any(x <= at < y for x, y in theirs)))
            elif not own:
                own = list(dict.fromkeys(n for n, _, _ in usable))
            row = _row(article, sentence, s_start, s_end, t, category, title, own)
            row["agent"] = _who_did(raw, taxonomy, category, keyword, clause_names, local)
            # "since Oct. 7", "after the October 7 attack" name a known day; "before 3 a.m. on Sept. 11" does not,
            # nor does a weekday ("the early hours of Wednesday"): a known day is named by its number
            row["reference"] = _names_known_day(raw, local[0], t, article.published, taxonomy)
            if (
                row["reference"]
                and (
                    _LOOKS_BACK_TO.search(raw, max(0, local[0] - 12), local[0])
                    or not _FROM_NOW_ON.search(raw, 0, local[0])
                )
                and (last_year := _landmark_year(t, article)) is not None
            ):
                # "owning the army's failure on October 7" in January: a day that has been, the last such before it
                row["date"], row["date_end"] = (day.replace(year=last_year) for day in (row["date"], row["date_end"]))
            rows.append(row)
    _split_places(rows, names, located)
    if timings is not None:  # what the build reports per stage: tagging apart from the rest
        timings["tag"] += tagging
        timings["events"] += time.perf_counter() - started - tagging
    return rows, names


# What a fact check says is false: the dates told after it date nothing that happened
FALSE_WORDS = ("falsely", "wrongly", "erroneously", "incorrectly", "mistakenly")
FALSELY_SAID = re.compile(
    rf"\b(?:{'|'.join(FALSE_WORDS)})\s+"
    r"(?:said|says|claimed|claims|claiming|reported|stated|suggested|asserted|alleged|suggesting)\b"
)
# Between a name and the keyword of what it did, what may stand: "Matos resigned", "Houthi fighters seized", "Henry
# said late Monday that he would resign".  A preposition or another verb in the past there makes the name no doer:
# "protesters clashed with NATO", "Boluarte accepted the resignation".
AGENT_GAP_WORDS = 6
HEADING_AGENT_GAP_WORDS = 2  # the same without the row's date to tell which keyword: "ECOWAS leaders meeting"
_NOT_AGENT_GAP = re.compile(
    r"[;:()\[\]\"“”—–]|\b(?:against|with|without|by|between|from|among|on|in|at|of|for|over|under|into|near|during"
    r"|after|before|loyal|led|backed)\b"
    # a verb in the past, but not one that tells of the act: "Otárola announced his resignation", "agreed to talks"
    r"|\b(?!(?:announc|confirm|decid|threaten|agre|offer|pledg|vow|plann|vot|signall?|indicat|tender|submitt|hand"
    # … or that does it by its noun: "the Board released its preliminary report", "launched an inquiry"
    r"|releas|publish|present|issu|launch|open|order|call|declar|sign|start)ed\b)"
    r"[a-z]{3,}ed\b"
)
# who told of another subject: "Governor Eduardo Leite said the death toll had risen", "Israel's military says around
# 180 missiles"; not "Henry said late Monday that he would resign", which tells of himself
_TOLD_IN_GAP = re.compile(r"\b(?:said|says|say|told|tells)\b")
_OF_HIMSELF = re.compile(r"\b(?:he|she|they|his|her|their|I|we|my|our)\b")
_RELATIVE_ASIDE_BEFORE = re.compile(r",\s+(?:who|which)\b[^,;]*$")  # a name inside ", who heads …,"
_APPOSITION = re.compile(r",[^,;:]{1,80},")  # ", commander of Israel's Southern Command,"
# "wrote in a resignation letter", and as translations write it: "announced today on his resignation"
_IN_A_BEFORE = re.compile(r"\b(?:in\s+(?:a|an|his|her|its|their)|on\s+(?:his|her|its|their))\s+$")
_PARENTHESIS = re.compile(r"\s*\([^()]{0,40}\)")  # an aside: "announced today (Tuesday) his resignation"
_DATE_PREPOSITION = re.compile(r"\b(?:in|on|at|since|by|from|during|until)\s*$")  # before the row's date
# after a keyword that is a noun: "probe was launched in February by the", "truce, brokered by", "attack carried out by"
_PASSIVE_BY = re.compile(
    r"[\w-]*(?:,?\s+(?:was|were|is|are|has\s+been|had\s+been|been))?,?\s+[a-z]+(?:ed|en|wn)(?:\s+out)?"
    r"(?:\s+(?:in|on)\s+[^,;:]{1,25}?)?\s+by\s+(?:the\s+)?"
)
_PASSIVE_GAP = re.compile(r"\b(?:is|was|were|are|be|been|being|get|got|gets)\s+$")
# before a name, a preposition and perhaps the kind of thing it is: "doctors in England", "in the capital Niamey"
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|from|near|of|to|with|against|by|for|into|across|around)\s+(?:the\s+(?:[a-z]+\s+)?)?$"
)


# Between an organisation and the one who holds a post in it: "Shin Bet chief Ronen Bar", "Acme chief executive Jo Lee"
_POST_WORDS = TITLE_WORDS | {"head", "executive", "of", "staff"}


def _done_to(sentence: str, names: list[tuple[str, bool, int]], verb_end: int) -> str:
    """The one a keyword such as "dismissed" was done to: the name right after it, or, when that name is an
    organisation followed by a post, the person who holds it ("dismiss Shin Bet chief Ronen Bar": Ronen Bar)."""
    after = [(name, at) for name, _, at in names if at > verb_end]
    if not after or after[0][1] > verb_end + 1:
        return ""
    name, at = after[0]
    if len(after) > 1:
        between = sentence[sentence.find(name, at) + len(name) : after[1][1]].split()
        if between and all(word.lower().strip(".,") in _POST_WORDS for word in between):
            return after[1][0]
    return name


_TOLD_BEFORE = re.compile(r"\b(?:told|according\s+to|said\s+to|speaking\s+to|interview\s+with)\s+$", re.IGNORECASE)
_REPORTED_AFTER = re.compile(r"\s+(?:reported|reports|has\s+learned|learned|understands|has\s+confirmed)\b")


def _reporting_outlet(sentence: str, candidate: tuple[str, bool, int], outlet: str) -> bool:
    """The page's own outlet named as who is told or who reports ("an official told CNN", "Reuters reported"):
    the telling, not an actor.  A press release's issuer, which is its outlet too, acts in it."""
    name, _, at = candidate
    if name.lower().removeprefix("the ") != outlet:
        return False
    end = at + len(name)
    return bool(_TOLD_BEFORE.search(sentence, max(0, at - 24), at) or _REPORTED_AFTER.match(sentence, end))


def _who_did(
    sentence: str,
    taxonomy: Taxonomy,
    category: str,
    keyword: int,
    names: list[tuple[str, bool, int]],
    date: tuple[int, int] | None = None,
) -> str:
    """The name a row's headline tells of: the one something was done to ("Scholz dismissed Lindner on
    Wednesday": Lindner), or the one who did it (:func:`_agent`); "" without a keyword.  Without the row's
    date in the sentence (a listicle's entry under its heading) the keyword is the one nearest the start,
    not the one the date governs: only a name right before it did it ("…, Aharon Haliva, resigns"), not
    one a few words away ("help Israel shoot down the missiles")."""
    if keyword < 0:
        return ""
    done_to = taxonomy.done_to.get(category)
    if done_to is not None and (verb := done_to.match(sentence, keyword)):
        return _done_to(sentence, names, verb.end())
    if date is None:
        return _agent(sentence, names, keyword, gap_words=HEADING_AGENT_GAP_WORDS)
    return _agent(sentence, names, keyword, date)


def _agent(
    sentence: str,
    names: list[tuple[str, bool, int]],
    keyword: int,
    date: tuple[int, int] = (0, 0),
    gap_words: int = AGENT_GAP_WORDS,
) -> str:
    """The name that did what the category's keyword says ("" when none is said to).

    The nearest name before the keyword, in its clause, with only a few words and no preposition or other verb
    between: "Finance Minister Jonas Reiter resigns", "Halevi, announced in March that he would resign" (an
    apposition and the row's own date do not count), "Mr. Haliva wrote in a resignation letter".  Else one
    after a keyword that is a noun, by a passive verb: "The probe was launched by the IDF", "the truce,
    brokered by Egypt"; not "Lindner was dismissed by Scholz", where the keyword is the verb."""
    for name, _, at in reversed(names):
        end = sentence.find(name, at)
        if end < 0 or (end := end + len(name)) > keyword:
            continue
        gap = sentence[end:keyword].removeprefix("-led")  # "the Hamas-led attack": Hamas led it
        if gap.lstrip()[:1] == "," and _RELATIVE_ASIDE_BEFORE.search(sentence, max(0, at - 80), at):
            continue  # "Finkelman, who heads the Southern Command, resigned": the aside's name did not resign
        if date[0] >= end and date[1] <= keyword:  # the row's own date, and its preposition, are no words between
            gap = _DATE_PREPOSITION.sub("", sentence[end : date[0]]) + " " + sentence[date[1] : keyword]
        gap = _IN_A_BEFORE.sub(" ", _APPOSITION.sub(" ", _PARENTHESIS.sub(" ", gap) if "(" in gap else gap))
        if (
            len(gap.split()) <= gap_words
            and "," not in gap.lstrip(" ,")  # a comma past the name's own ends a clause: "…, without the treaty"
            and not _NOT_AGENT_GAP.search(gap)
            and not _PREPOSITION_BEFORE.search(sentence, max(0, at - 24), at)  # "doctors in England walked out"
            and not _PASSIVE_GAP.search(gap)  # "King Felipe is confronted by residents": done to him
            and not ((told := _TOLD_IN_GAP.search(gap)) and not _OF_HIMSELF.search(gap, told.end()))
        ):
            return name
    after = _PASSIVE_BY.match(sentence, keyword)
    if after is not None:
        by = after.end()
        return next((name for name, _, at in names if at == by), "")
    return ""


# A name that ends in what kind of place it is: "Mill Lane", "Town Hall", "Market Square", "Heathrow Airport", "St
# Mary's Church"
_PLACE_NAMED = re.compile(
    r"\s(?:Lane|Road|Street|Avenue|Boulevard|Square|Bridge|Park|Quay|Harbour|Harbor|Airport|Station|Prison|Camp"
    r"|Hall|Crossing|Valley|Mountains?|Island|Beach|Bay|"
    + "|".join(sorted(w.capitalize() for w in PLACES_OF_WORSHIP))
    + ")$"
)


def _split_places(rows: list[dict], names: Names, located: set[str] = frozenset()) -> None:
    """Move places out of the actors and drop holidays, once the article's full names are known.

    A word that is the surname of a person named in the article ("Mr. Jackson" after "Michael Jackson")
    stays an actor even where a gazetteer knows a town of that name.
    """
    # "United States" is two words, not a person
    people = {full for full in names.full if not (is_place(full) or full in located or _PLACE_NAMED.search(full))}
    people |= {full.split()[-1] for full in people}
    for row in rows:
        places = [
            n for n in row["actors_raw"] if n not in people and (is_place(n) or n in located or _PLACE_NAMED.search(n))
        ]
        row["places"] = "; ".join(places)
        row["actors_raw"] = [
            n for n in row["actors_raw"] if n not in places and not is_holiday(n) and not is_weather(n)
        ]


def _column_day(article: Article, text: str) -> tuple[int, int] | None:
    """The month and day of an anniversary column: named beside "On this day" in its title or a heading
    among its first lines, or else its publication day.  A report that opens "On this day last year, …"
    is no column."""
    for line in [article.title or "", *text.lstrip().split("\n", 3)[:3]]:
        heading = len(line.split()) <= MAX_COLUMN_HEADING_WORDS and line.rstrip()[-1:] not in _CLOSING
        if heading and ON_THIS_DAY.search(line):
            named = [t for t in tag(line, article.published) if t.granularity == "day" and t.first == t.last]
            if named:
                return named[0].first.month, named[0].first.day
            if article.published is not None and article.published_precision == "day":
                return article.published.month, article.published.day
    return None


def _on_column_day(t: Timex, text: str, day: tuple[int, int]) -> Timex:
    """A year in an anniversary column's entry ("1989: …", "Also on this day, in 1918, …", "Born on this
    day: … (1934)") is that day of the year; any other date stays as written."""
    if t.granularity != "year" or not YEAR_WRITTEN.fullmatch(t.text):
        return t
    line_start, line_end = text.rfind("\n", 0, t.start) + 1, text.find("\n", t.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not (_YEAR_ENTRY.fullmatch(text, line_start, t.start) or ON_THIS_DAY.search(line)):
        return t
    date = values.safe_date(int(t.text), *day)
    return t if date is None else Timex(t.start, t.end, t.text, date.isoformat(), "day", date, date, t.type, t.rule)


def _question_line(text: str, start: int, end: int) -> bool:
    """A question standing as its own line, after at most its number or bullet ("5. What about the inquiries?")."""
    if text[start:end].rstrip()[-1:] != "?" or not (end == len(text) or text[end] == "\n"):
        return False
    return not text[text.rfind("\n", 0, start) + 1 : start].strip(" \t*•#>–—-.()0123456789")


# a liveblog entry's stamp holds a clock and a year on one line, in either order: "Tue 21 Jan 2025 16.05 GMT"
_CLOCK_THEN_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b[^\n]{0,60}?\d{4}\b|\b\d{4}\b[^\n]{0,60}?\b\d{1,2}[:.]\d{2}\b")
_REPORT_LINE = re.compile(r"[.!?\"”]\s*$", re.MULTILINE)
MIN_ENTRY_STAMPS = 2  # a page with two stamps or more, each over its own report, is a liveblog


def _entry_stamps(text: str) -> list[Timex]:
    """The days of a liveblog's entries as its full time stamps give them, in order (a Timex spanning each stamp's
    line), when at least two stamps stand each over a report: a page's single stamp under its title dates the
    page, not an entry."""
    if text.count("\n") < MIN_ENTRY_STAMPS * 2:
        return []
    # the lines that hold a clock and a day with its year: few, found in one pass; each is then tried as a stamp
    lines = {text.rfind("\n", 0, m.start()) + 1 for m in _CLOCK_THEN_DAY.finditer(text)}
    if len(lines) < MIN_ENTRY_STAMPS:
        return []
    found: list[Timex] = []
    for start in sorted(lines):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if (written := stamp_date(text[start:end].strip())) and (day := read_day(written)):
            found.append(Timex(start, end, text[start:end], day.isoformat(), "day", day, day))
    # each stamp over a report: a line that ends like a sentence before the next stamp
    bounds = [t.end for t in found] + [len(text)]
    reports = sum(bool(_REPORT_LINE.search(text, a, b)) for a, b in itertools.pairwise(bounds))
    return found if reports >= MIN_ENTRY_STAMPS else []


def _is_publication_day(t: Timex, article: Article) -> bool:
    return article.published_precision == "day" and t.granularity == "day" and t.first == article.published


def _publication_timex(article: Article) -> Timex | None:
    if article.published is None:
        return None
    first, last = _publication_span(article)
    return Timex(0, 0, "", article.published.isoformat(), article.published_precision, first, last)


def _publication_span(article: Article) -> tuple[dt.date, dt.date]:
    """The days an article's publication date covers: one, or its whole month or year."""
    first = article.published
    if article.published_precision == "year":
        return first, dt.date(first.year, 12, 31)
    if article.published_precision == "month":
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return first, first


def _row(
    article: Article,
    sentence: str,
    start: int,
    end: int,
    t: Timex | None,
    category: str,
    title: str,
    actors_raw: list[str],
) -> dict:
    first, last = (t.first, t.last) if t else _publication_span(article)
    return {
        "date": first,
        "date_end": last,
        "granularity": t.granularity if t else article.published_precision,
        "date_text": t.text if t else "",
        "title": title,
        "quote": sentence,
        "category": category,
        "actors": "",
        "actors_raw": actors_raw,
        "places": "",
        "source": article.source,
        "outlet": article.outlet,
        "url": article.url,
        "source_title": article.title,
        "published": article.published,
        "published_from": article.published_from,
        "published_precision": article.published_precision,
        "start": start,
        "end": end,
        "reference": False,
        "agent": "",
    }


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
    from timeline.merge import finalize  # the one corpus-wide step, shared with the store

    return finalize(rows, names)
