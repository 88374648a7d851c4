"""The corpus-wide step, written once and used by every path (``extract``, the store's build).

Parsing an article (``events.parse``) gives its mention rows (``schema.MENTION_COLUMNS``:
the events table's columns plus the raw names and whether the date names a known event)
and its names (``schema.NAME_COLUMNS``).  The corpus-wide step then needs two things:
what the whole corpus says (name counts, which category each date is known for), gathered
a table at a time by :meth:`CorpusStep.add`, and, for each table of rows, event ids,
categories and actors, given by :meth:`CorpusStep.complete`.  In memory, ``extract`` adds
and completes one table; the store streams its chunks through both passes.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.events import (
    ORGANISATION_WORDS,
    OTHER,
    SURNAME_PARTICLES,
    WEAK_CATEGORIES,
    Names,
    Taxonomy,
    _is_acronym,
    load_taxonomy,
)
from timeline.places import is_place
from timeline.schema import DATE_COLUMNS, MENTION_COLUMNS, NAME_COLUMNS, conform, sort_events
from timeline.temporal import MONTHS
from timeline.temporal.lexicon import YEAR_WRITTEN

__all__ = ["Actors", "Changes", "CorpusStep", "MergeTables", "assign_ids", "finalize", "mentions_frame", "names_frame"]


def without_cycle_collection(work: Callable) -> Callable:
    """Run ``work`` with the cycle collector paused: the corpus-wide step makes and drops hundreds of
    thousands of small objects (no cycles among them), and each collection of the oldest generation
    walks every live one, the parsed rows included.  Reference counting frees them all the same."""

    @functools.wraps(work)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


def mentions_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Mention rows as a typed table: dates as timestamps, raw names as lists, references as booleans."""
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    frame["actors_raw"] = frame["actors_raw"].map(lambda v: [] if v is None or v is pd.NA else list(v))
    frame["reference"] = frame["reference"].fillna(False).astype(bool)
    frame["agent"] = frame["agent"].fillna("").astype(str)
    return frame


def names_frame(names: dict[str, Names]) -> pd.DataFrame:
    """What articles say about names (``Names`` per source) as one table of records."""
    records = [r for source, n in names.items() for r in n.to_records(source)]
    return pd.DataFrame(records, columns=NAME_COLUMNS)


class Actors:
    """Names across the corpus, so 'Mr. Haliva' and 'Aharon Haliva' are one actor.

    Every table is a count, so what an article said can be taken away again when it changes
    (:meth:`remove`): a store's next build revises these tables instead of counting the corpus again."""

    def __init__(self) -> None:
        self.acronyms: dict[str, Counter] = defaultdict(Counter)  # long name -> its acronyms, by articles
        self.full_names: dict[str, Counter] = defaultdict(Counter)
        self.single_counts: Counter = Counter()

    def add(self, acronyms: Counter | dict, full: Counter | dict, singles: Counter | dict) -> None:
        """Count what one article (or a whole chunk of them) says about names, corpus-wide.

        ``acronyms`` counts (long name, acronym) pairs by the articles that spell them out."""
        self._count(acronyms, full, singles, 1)

    def remove(self, acronyms: Counter | dict, full: Counter | dict, singles: Counter | dict) -> None:
        """Take away what articles counted by :meth:`add` said, once they changed or left the corpus."""
        self._count(acronyms, full, singles, -1)

    def _count(self, acronyms: Counter | dict, full: Counter | dict, singles: Counter | dict, sign: int) -> None:
        self.__dict__.pop("long_to_acronym", None)
        for (name, acronym), count in acronyms.items():
            _bump(self.acronyms, name, acronym, sign * count)
        for name, count in full.items():
            _bump(self.full_names, name.split()[-1], name, sign * count)
        for name, count in singles.items():
            self.single_counts[name] += sign * count
            if self.single_counts[name] <= 0:
                del self.single_counts[name]

    def update(self, other: Actors) -> None:
        """Add what another part of the corpus says (in any order: every table is a count)."""
        self.__dict__.pop("long_to_acronym", None)
        for mine, theirs in ((self.acronyms, other.acronyms), (self.full_names, other.full_names)):
            for key, counts in theirs.items():
                mine[key].update(counts)
        self.single_counts.update(other.single_counts)

    @functools.cached_property
    def long_to_acronym(self) -> dict[str, str]:
        """Each long name's acronym: the one most articles give it (ties: alphabetical)."""
        return {name: _ranked(counts)[0][0] for name, counts in self.acronyms.items()}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "long_to_acronym"}

    def __setstate__(self, state: dict) -> None:
        if "acronyms" not in state:  # tables saved before acronyms were counted
            pairs = state.pop("long_to_acronym").items()
            state["acronyms"] = defaultdict(Counter, {name: Counter({acronym: 1}) for name, acronym in pairs})
        self.__dict__.update(state)

    def canonical(self, name: str, local: Counter | dict) -> str | None:
        """The name an actor goes by across the corpus; ``local`` are the full names of its own article."""
        name = self.long_to_acronym.get(name, name)
        words = name.split()
        if words[0] in SURNAME_PARTICLES:  # "van Dam" is the "Pieter van Dam" its article names
            here = [full for full in local if full.endswith(f" {name}")]
            return max(here, key=lambda full: (local[full], full)) if here else name
        if len(words) > 1:
            return name
        word = words[0]
        here = [full for full in local if full.split()[-1] == word]
        if not here and word.lower() not in ORGANISATION_WORDS | COMMON_NOUNS and not is_place(word):
            # a family name written first ("Yoon Suk Yeol" is "Yoon" further on); not a place that is also a given
            # name ("Israel" is not "Israel Katz"), nor an organisation's acronym ("IDF" is not "IDF Southern
            # Command")
            here = [
                full
                for full in local
                if full.split()[0] == word
                and not _is_acronym(word)
                and full.split()[-1].lower() not in ORGANISATION_WORDS
            ]
        if here:
            return max(here, key=lambda full: (local[full], full))
        pooled = _pooled(self.full_names.get(word))
        if pooled and word.lower() not in ORGANISATION_WORDS | COMMON_NOUNS:
            return pooled  # "Haliva" is "Aharon Haliva" across articles; "State" is not "Islamic State"
        if _is_acronym(word) or (re.match(r"^[A-Z][a-z]+$", word) and self.single_counts[word] >= 2):
            return word
        return None

    def resolve(self, raw: Iterable[str], local: Counter | dict) -> str:
        found: list[str] = []
        for name in raw:
            canonical = self.canonical(name, local)
            if canonical and canonical not in found:
                found.append(canonical)
        return "; ".join(found)


DOMINANT_SHARE = 3  # a full name the corpus gives this many times as often as any other with its surname is meant


def _pooled(pool: Counter | None) -> str | None:
    """The full name a surname alone stands for across the corpus: its only one, or the one named far more often
    than any other ("Netanyahu" is "Benjamin Netanyahu", whatever one page's "Inside Netanyahu" made of it);
    None when two are named alike (an article's own full names decide before this)."""
    if not pool:
        return None
    if len(pool) == 1:
        return next(iter(pool))
    (top, most), (_, next_most) = sorted(pool.items(), key=lambda item: (-item[1], item[0]))[:2]
    return top if most >= DOMINANT_SHARE * next_most else None


WEAK_DOER = "\x1f"  # before the doer of a mention of a weak kind ("Netanyahu says the letter was …")


def _unmarked(name: str) -> str:
    return name.removeprefix(WEAK_DOER)


def _doers(event: _Event) -> Counter:
    """Who did an event, for its headline: the doers of its mentions of its own kind of substance, or, for an event
    of a weak kind (a statement), of all its mentions."""
    weak = event.category in WEAK_CATEGORIES
    doers: Counter = Counter()
    for name, n in event.names.items():
        if weak or not name.startswith(WEAK_DOER):
            doers[_unmarked(name)] += n
    return doers


def _place_agent(name: str) -> str | None:
    """A country or a city as the doer ("Azerbaijan launches an offensive"): its name, which no actor table holds."""
    return name if is_place(name) else None


def _bump(table: dict[str, Counter], key: str, value: str, count: int) -> None:
    """Add ``count`` (negative: take away) to ``table[key][value]``; what falls to nothing leaves the table."""
    counts = table[key]
    counts[value] += count
    if counts[value] <= 0:
        del counts[value]
        if not counts:
            del table[key]


def _tokens(category: str, raw: Iterable[str], source: str, coarse: bool = False) -> list[str]:
    """What links mentions of one date into one event: their kind, and who took part (by surname).

    "Said" links only inside one article: what an article reports said on one day is one occasion,
    but two outlets' "said on Tuesday" are not one event because both were said.  Nor does a kind link
    articles over a span longer than a day (``coarse``): two outlets' attacks "in March" or resignations
    "in 2023" are one event only when they share who took part."""
    if category == OTHER:
        tokens = []
    elif coarse or category in WEAK_CATEGORIES:
        tokens = [f"c:{category}:{source}"]
    else:
        tokens = [f"c:{category}"]
    tokens += [_name_token(name) for name in raw if name]
    return tokens


def _name_token(name: str) -> str:
    """The token that links mentions naming one participant: by surname, whatever else each writes."""
    return f"a:{name.split()[-1].casefold()}"


def counter_of(counts: dict) -> Counter:
    """A Counter holding these counts, made without ``Counter.__init__``'s checks (several times faster): what
    copying and loading the corpus-wide tables, hundreds of thousands of small counters, cost."""
    made = Counter.__new__(Counter)
    dict.update(made, counts)
    return made


def _counted(values: Iterable | dict) -> dict:
    """Counts as a plain dict: of values, or of a table of counts (a dict, or a Counter of an earlier version)."""
    if isinstance(values, dict):
        return dict(values)
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _count_into(counts: dict, values: Iterable | dict) -> None:
    """Add values (each counted once) or a table of counts to ``counts``."""
    if isinstance(values, dict):
        for value, n in values.items():
            counts[value] = counts.get(value, 0) + n
    else:
        for value in values:
            counts[value] = counts.get(value, 0) + 1


GOOD_TITLE_WORDS = (3, 10)  # a headline's length, in words: "The ceasefire takes effect"


def _title_rank(title: str) -> int:
    """How well a mention's title tells its event, lowest best: a whole clause of a headline's length, then a
    whole clause, then one cut short ("His resignation came after a ceasefire deal came into effect…")."""
    if title.endswith("…") or " … " in title:
        return 2
    return 0 if GOOD_TITLE_WORDS[0] <= len(title.split()) <= GOOD_TITLE_WORDS[1] else 1


class _Groups:
    """Union-find over the tokens of one date span; each group counts its mentions' categories, names
    and places, and keeps the title of its best-told mention (:func:`_title_rank`, then by source and
    position): what its headline needs when its category's templates cannot name it.

    The counts are plain dicts, not Counters: a store saves and loads hundreds of thousands of them, which
    pickle reads and writes natively (a Counter costs a Python call each way, four times the time)."""

    __slots__ = ("categories", "decided", "first", "names", "parent", "places")

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.categories: dict[str, dict[str, int]] = {}
        self.names: dict[str, dict[str, int]] = {}
        self.places: dict[str, dict[str, int]] = {}
        self.first: dict[str, tuple] = {}
        self.decided: dict[str, _Event] = {}  # root -> its event, once every mention is in

    def __getstate__(self) -> dict:  # the decided events are a cache: rebuilt after loading
        return {name: getattr(self, name) for name in self.__slots__ if name != "decided"}

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.decided = {}

    def copy(self) -> _Groups:
        """Its own copy of every table (what adding to it changes), much faster than ``copy.deepcopy``."""
        other = _Groups.__new__(_Groups)
        other.parent, other.first, other.decided = dict(self.parent), dict(self.first), {}
        other.categories = {token: dict(c) for token, c in self.categories.items()}
        other.names = {token: dict(c) for token, c in self.names.items()}
        other.places = {token: dict(c) for token, c in self.places.items()}
        return other

    def same(self, other: _Groups) -> bool:
        """The same mentions gathered in the same order: every decision about them is the same."""
        return (
            self.parent == other.parent
            and self.first == other.first
            and self.categories == other.categories
            and self.names == other.names
            and self.places == other.places
        )

    def find(self, token: str) -> str:
        parent = self.parent
        root = token
        while parent[root] != root:
            root = parent[root]
        while parent[token] != root:  # path compression
            parent[token], token = root, parent[token]
        return root

    def add(self, tokens: list[str], category: str, names: Iterable[str], places: Iterable[str], first: tuple) -> None:
        self._join(tokens, (category,), names, places, first)

    def update(self, other: _Groups) -> None:
        """Join another part's groups of the same date span: a group of theirs is one mention with many tokens."""
        members: dict[str, list[str]] = defaultdict(list)
        for token in other.parent:
            members[other.find(token)].append(token)
        for root, tokens in members.items():
            self._join(tokens, other.categories[root], other.names[root], other.places[root], other.first[root])

    def _join(self, tokens: list[str], categories: Iterable, names: Iterable, places: Iterable, first: tuple) -> None:
        """One group of tokens, with what its mentions count (values, or counters of them) and its first mention."""
        self.decided.clear()
        parent = self.parent
        for token in tokens:
            if token not in parent:
                parent[token] = token  # a group of its own, with no counts yet: only a root has them
        root = self.find(tokens[0])
        for token in tokens[1:]:
            root = self._union(root, self.find(token))
        if root in self.categories:
            _count_into(self.categories[root], categories)
            _count_into(self.names[root], names)
            _count_into(self.places[root], places)
        else:  # a new group
            self.categories[root], self.names[root] = _counted(categories), _counted(names)
            self.places[root] = _counted(places)
        self.first[root] = min(self.first.get(root, first), first)

    def _union(self, root: str, other: str) -> str:
        if other == root:
            return root
        if other < root:  # the smaller token is the root: the group's name does not depend on order
            root, other = other, root
        self.parent[other] = root
        if other in self.categories:  # a root with counts (a new token has none)
            for table in (self.categories, self.names, self.places):
                theirs = table.pop(other)
                if root in table:
                    _count_into(table[root], theirs)
                else:
                    table[root] = theirs
        if other in self.first:
            theirs = self.first.pop(other)
            self.first[root] = min(self.first.get(root, theirs), theirs)
        return root

    def event(self, token: str) -> _Event | None:
        """The event a token belongs to, or None when no mention brought it."""
        if token not in self.parent:
            return None
        root = self.find(token)
        if root not in self.decided:
            category = _decide(self.categories[root])
            self.decided[root] = _Event(root, category, self.names[root], self.places[root], self.first[root][-1])
        return self.decided[root]


@dataclass(frozen=True, eq=False)
class _Event:
    group: str  # the smallest token of the group: with the date span, the event's id
    category: str
    names: dict[str, int]  # raw names of its mentions, counted
    places: dict[str, int]
    title: str  # of its best-told mention


DERIVED = ("dominant", "unique_day", "years_of", "settled")  # MergeTables' tables computed from the others


def _single_day(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Which rows date one day, and which of those refer to a known day ("since the October 7 attack"):
    one definition, for gathering the tables and for assigning ids, so both treat the same rows apart."""
    single_day = (frame["granularity"] == "day") & (frame["date"] == frame["date_end"])
    return single_day, frame["reference"].fillna(False).astype(bool) & single_day


def _referring_rows(rows: pa.Table) -> np.ndarray:
    """The second of :func:`_single_day`, over a chunk's rows in Arrow (what ``Changes.touched`` reads)."""
    single_day = pc.and_(pc.equal(rows["granularity"], "day"), pc.equal(rows["date"], rows["date_end"]))
    return pc.and_(pc.fill_null(rows["reference"], False), single_day).to_numpy(zero_copy_only=False)


def _decide(categories: Counter) -> str:
    """One category per event: its commonest substantive one (ties: alphabetical), else its commonest."""
    strong = {c: n for c, n in categories.items() if c not in WEAK_CATEGORIES}
    pool = strong or categories
    return min(pool, key=lambda c: (-pool[c], c))


class MergeTables:
    """What merging needs to know of the whole corpus, gathered a table of rows at a time.

    Small whatever the corpus size (it grows with distinct dates and the names on them, not
    with mentions), so a store can merge millions of mentions chunk by chunk.  Rows can be taken
    away again (:meth:`remove`): counts are counted down, and the events of the date spans they
    were in are gathered again from those spans' rows (:meth:`regroup`).
    """

    def __init__(self) -> None:
        self.counts: Counter = Counter()  # (date, strong category) -> single-day mentions
        self.groups: dict[tuple, _Groups] = defaultdict(_Groups)  # (first, last) -> its events
        # (day, day) -> the mentions referring to that day's known event ("since the October 7 attack"),
        # grouped apart: which event they join is known only once the whole corpus is in (``settled``)
        self.referring: dict[tuple, _Groups] = defaultdict(_Groups)

    def add(self, frame: pd.DataFrame) -> None:
        self._count(frame, 1)
        self._group(frame)

    def remove(self, frame: pd.DataFrame) -> set[tuple]:
        """Take away rows added before; returns the date spans whose events must be gathered again
        (:meth:`regroup`): a group of mentions may fall apart when one leaves, which counts cannot tell."""
        self._count(frame, -1)
        columns = ("date", "date_end", "category", "actors_raw", "source")
        return {
            (a, b) for a, b, *rest in zip(*(frame[c].tolist() for c in columns), strict=True) if _tokens(*rest, a != b)
        }

    def regroup(self, spans: set[tuple], frame: pd.DataFrame) -> None:
        """Gather the events of these date spans again from ``frame``: every row of the corpus in them."""
        for name in DERIVED:
            self.__dict__.pop(name, None)
        for span in spans:
            self.groups.pop(span, None)
            self.referring.pop(span, None)
        self._group(frame)

    def _count(self, frame: pd.DataFrame, sign: int) -> None:
        for name in DERIVED:  # the derived tables are recomputed after new rows
            self.__dict__.pop(name, None)
        # what a day is known for: the mentions that report it, not those that only refer to it ("quit over
        # October 7"), which would make the year their own context gave them a known one
        single_day, referring = _single_day(frame)
        strong = frame.loc[single_day & ~referring & ~frame["category"].isin(WEAK_CATEGORIES), ["date", "category"]]
        for key, n in strong.value_counts().to_dict().items():
            self.counts[key] += sign * n
            if self.counts[key] <= 0:
                del self.counts[key]

    def _group(self, frame: pd.DataFrame) -> None:
        for name in DERIVED:
            self.__dict__.pop(name, None)
        _, referring = _single_day(frame)
        agents = frame["agent"].fillna("").tolist() if "agent" in frame else [""] * len(frame)
        for first, last, category, raw, places, title, source, start, refers, agent in zip(
            frame["date"].tolist(),
            frame["date_end"].tolist(),
            frame["category"].tolist(),
            frame["actors_raw"].tolist(),
            frame["places"].fillna("").tolist(),
            frame["title"].fillna("").tolist(),
            frame["source"].tolist(),
            frame["start"].tolist(),
            referring.tolist(),
            agents,
            strict=True,
        ):
            tokens = _tokens(category, raw, source, first != last)
            if tokens:
                where = places.split("; ") if places else ()
                into = self.referring if refers else self.groups
                # the group counts who did it (its headline's actor), not everyone the sentence names; who did a
                # mention of a weak kind is marked so: who said it names a statement, not the protest it was about
                doer = (agent if category not in WEAK_CATEGORIES else WEAK_DOER + agent,) if agent else ()
                into[(first, last)].add(tokens, category, doer, where, (_title_rank(title), source, start, title))

    def update(self, other: MergeTables) -> None:
        """Add another part of the corpus, gathered apart (in another process): parts in corpus order."""
        for name in DERIVED:
            self.__dict__.pop(name, None)
        self.counts.update(other.counts)
        for mine, theirs in ((self.groups, other.groups), (self.referring, other.referring)):
            for span, groups in theirs.items():
                if span in mine:
                    mine[span].update(groups)
                else:
                    mine[span] = groups

    def __getstate__(self) -> dict:  # the derived tables are recomputed after loading
        return {k: v for k, v in self.__dict__.items() if k not in DERIVED}

    def __setstate__(self, state: dict) -> None:
        state.pop("month_days", None)  # tables saved before it was derived from the counts
        self.__dict__.update(state)
        self.__dict__.setdefault("referring", defaultdict(_Groups))  # a step pickled before references were apart

    @functools.cached_property
    def settled(self) -> dict[tuple, _Groups]:
        """The events of every date span, with the mentions referring to a day joined to the event they take.

        A reference to a day with a commonest substantive category joins that kind's event, whatever it
        names itself ("Halevi's resignation over the October 7 failure" counts for the attack, not for a
        resignation that day), and brings its places but not its names to the headline; on another day it
        joins by its own kind and names.  ``assign_ids`` gives every reference the same event.
        """
        if not self.referring:
            return self.groups
        settled = dict(self.groups)
        dominant = self.dominant
        for span, referring in self.referring.items():
            groups = self.groups[span].copy() if span in self.groups else _Groups()
            kind = dominant.get(span[0])
            if kind is None:
                groups.update(referring)
            else:
                for root in {referring.find(token) for token in referring.parent}:
                    n, places = sum(referring.categories[root].values()), referring.places[root]
                    # where it happened, but not who: "Eva Bauer's resignation over the attack" names no attacker;
                    # nor what it was, when a mention that reports it gives its title
                    first, token = referring.first[root], f"c:{kind}"
                    if token in groups.parent:
                        first = groups.first.get(groups.find(token), first)
                    groups._join([token], {kind: n}, (), places, first)
            settled[span] = groups
        return settled

    @functools.cached_property
    def dominant(self) -> dict:
        """The commonest strong category of each date (ties: the first in alphabetical order)."""
        best: dict = {}
        for (day, category), n in self.counts.items():
            if day not in best or (-n, category) < (-best[day][0], best[day][1]):
                best[day] = (n, category)
        return {day: category for day, (_, category) in best.items()}

    @functools.cached_property
    def years_of(self) -> dict:
        """(month, day) -> {year: {substantive category: mentions on that day}}."""
        found: dict = defaultdict(lambda: defaultdict(Counter))
        for (day, category), n in self.counts.items():
            found[(day.month, day.day)][day.year][category] += n
        return found

    @functools.cached_property
    def unique_day(self) -> dict:
        """(month, category) -> the one day of that kind in that month, where there is exactly one."""
        days: dict[tuple, list] = defaultdict(list)
        for day, category in self.counts:
            days[(day.to_period("M"), category)].append(day)
        return {key: found[0] for key, found in days.items() if len(found) == 1}


def _month_joins(day: pd.Timestamp | None, names: object, groups: dict) -> pd.Timestamp | None:
    """The one day of its kind a month mention joins (see :func:`assign_ids`): ``day``, when the mention names no
    one or someone who took part in that day's event; else None."""
    if day is None:
        return None
    if names is None or len(names) == 0:
        return day
    group = groups.get((day, day))
    took_part = group is not None and any(_name_token(name) in group.parent for name in names if name)
    return day if took_part else None


def assign_ids(frame: pd.DataFrame, tables: MergeTables) -> pd.DataFrame:
    """Give every mention of the same real event one ``event_id`` and the event one category.

    Mentions of one date span are one event when they share a kind or a participant:
    "the attack" and "Hamas gunmen killed 1,200" on October 7, 2023 are one event
    whatever each sentence's category, and the event takes the commonest substantive
    category of its mentions.  A mention that only names a date ("the events of Oct. 7")
    joins the commonest substantive event of that date; a month mention ("last October's
    attack") that names no one joins the one event of its kind inside that month.  A mention with neither a
    kind nor a name stands alone.  Each row keeps the date its sentence gives.
    """
    first, last, category = frame["date"].copy(), frame["date_end"].copy(), frame["category"].astype(object).copy()
    _, referring = _single_day(frame)
    dominant = tables.dominant
    moved = _known_year(frame, referring, tables)
    if moved:  # "the October 7 attack" in a later article is the October 7 the corpus knows: it takes its date
        index = list(moved)
        first[index] = last[index] = pd.Series(moved)
        frame = frame.assign(date=first.copy(), date_end=last.copy())
    takes_dominant = referring & first.isin(dominant.keys()) if referring.any() else referring
    category[takes_dominant] = first[takes_dominant].map(dominant)
    unique_day = tables.unique_day
    groups = tables.settled
    # a month mention that names no one ("last October's attack") is the one event of its kind that month; one
    # that names someone is that event when it took part in it ("Haliva resigned in April 2024", beside "April 22,
    # 2024: Haliva resigns"), and its own otherwise ("Vucevic resigned in January" is not another's resignation)
    is_month = (frame["granularity"] == "month") & ~takes_dominant
    if is_month.any() and unique_day:
        chosen = frame.loc[is_month]
        keys = zip(chosen["date"].dt.to_period("M"), chosen["category"], chosen["actors_raw"], strict=True)
        day = pd.Series(
            [_month_joins(unique_day.get((month, kind)), names, groups) for month, kind, names in keys],
            index=frame.index[is_month],
            dtype="datetime64[ns]",
        )
        found = day.index[day.notna()]
        first[found] = day[found]  # "last October's attack" is the attack of that October: it joins it
        last[found] = day[found]
    ids, categories, events = [], [], []
    for a, b, day_a, day_b, kind, raw, source, start in zip(
        first.tolist(),
        last.tolist(),
        first.dt.strftime("%Y-%m-%d").tolist(),
        last.dt.strftime("%Y-%m-%d").tolist(),
        category.tolist(),
        frame["actors_raw"].tolist(),
        frame["source"].tolist(),
        frame["start"].tolist(),
        strict=True,
    ):
        tokens = _tokens(kind, raw, source, a != b)
        group = groups.get((a, b)) if tokens else None
        event = group.event(tokens[0]) if group is not None else None
        if event is None:
            ids.append(_event_id(day_a, day_b, kind, source, start))
            categories.append(kind)
        else:
            ids.append(_event_id(day_a, day_b, event.group, "", -1))
            categories.append(event.category)
        events.append(event)
    return frame.assign(event_id=ids, category=categories, _event=events)


# Capitalised common nouns that end many names: never a person's surname to look up across articles.
COMMON_NOUNS = frozenset("state republic kingdom city province region district island islands".split())
_MONTH_WRITTEN = re.compile("|".join(m[:3] for m in MONTHS), re.IGNORECASE)


def _known_year(frame: pd.DataFrame, referring: pd.Series, tables: MergeTables) -> dict:
    """Referring mentions written without a year whose month and day the corpus knows in another year.

    The year the article's own context gave is kept unless the corpus reports more on that day in another.
    """
    moved = {}
    chosen = frame.loc[referring, ["date_text", "date", "category", "published"]]
    # a year of its own, or a weekday ("the next Wednesday"): nothing to look up
    chosen = chosen.loc[np.array([_yearless(written) for written in chosen["date_text"].tolist()], dtype=bool)]
    dates = chosen["date"].dt
    for i, year, month, day, kind, when in zip(
        chosen.index,
        dates.year.tolist(),
        dates.month.tolist(),
        dates.day.tolist(),
        chosen["category"].tolist(),
        chosen["published"].tolist(),
        strict=True,
    ):
        moved_to = _moved_year(tables.years_of.get((month, day), {}), kind, year, _latest_year(when, month, day))
        if moved_to is not None:
            moved[i] = pd.Timestamp(moved_to, month, day)
    return moved


def _yearless(written: object) -> bool:
    """A date written with a month and without a year ("the October 7 attack"): its year may be the corpus's."""
    written = written if isinstance(written, str) else ""
    return not YEAR_WRITTEN.search(written) and bool(_MONTH_WRITTEN.search(written))


def _latest_year(published: object, month: int, day: int) -> int | None:
    """The last year whose (month, day) is not after the publication date: a known event an article refers to
    had happened by then.  None when the publication date is unknown."""
    if published is None or pd.isna(published):
        return None
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _moved_year(by_year: dict, kind: str, year: int, latest: int | None = None) -> int | None:
    """The year a yearless mention of this kind on this day belongs to, when the corpus reports more in another.

    Only a year by the article's publication (``latest``): "released on bail until 14 October" in September
    is that October's, whatever a later year's October 14 was; a date its own article places after
    publication is what is to come, never a known event."""
    if latest is not None and year > latest:
        return None
    known = {y: c for y, c in by_year.items() if latest is None or y <= latest}
    # by its own kind ("since the March 3 strike"), unless no other year has that kind: then by all that year's
    # mentions ("investigations into October 7" refers to the day, whatever was investigated)
    by_kind = kind not in WEAK_CATEGORIES and any(c[kind] for y, c in known.items() if y != year)
    years = {y: (c[kind] if by_kind else sum(c.values())) for y, c in known.items()}
    if years:
        best = max(years, key=lambda y: (years[y], y))
        if years[best] > years.get(year, 0):
            return best
    return None


@functools.lru_cache(maxsize=1 << 16)
def _event_id(first: str, last: str, group: str, source: str, start: int) -> str:
    """A short, stable id: the same event gets the same id in every run and every store."""
    key = f"{first}|{last}|{group}" + (f"|{source}|{start}" if source else "")
    return hashlib.sha1(key.encode()).hexdigest()[:12]


class CorpusStep:
    """The corpus-wide step: first :meth:`add` every table of mentions (with its names), then
    :meth:`complete` each table: event ids, one category per event, actors resolved corpus-wide."""

    FORMAT = 4  # of the saved tables: a step saved in another format is gathered again, not revised

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.actors = Actors()
        self.tables = MergeTables()
        self.format = self.FORMAT
        if taxonomy is not None:
            self.taxonomy = taxonomy

    @property
    def revisable(self) -> bool:
        """Whether :meth:`revise` can bring it up to date (tables saved by an earlier version cannot)."""
        return getattr(self, "format", 1) == self.FORMAT

    @functools.cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy()

    def __getstate__(self) -> dict:  # what the corpus says; the taxonomy is the program's, loaded again
        return {"actors": self.actors, "tables": self.tables, "format": self.format}

    @without_cycle_collection
    def add(self, rows: pd.DataFrame, names: pd.DataFrame) -> None:
        self.actors.add(*_name_counts(names))
        self.tables.add(rows)

    @without_cycle_collection
    def revise(
        self,
        gone: tuple[pd.DataFrame, pd.DataFrame],
        new: tuple[pd.DataFrame, pd.DataFrame],
        rows_of: Callable[[set[tuple]], pd.DataFrame],
    ) -> None:
        """Bring the step of the last build up to date: ``gone`` are the rows and names of the articles
        that changed or left (as the last build counted them), ``new`` those of the articles parsed
        since, and ``rows_of(spans)`` reads every row of the corpus now in those date spans.

        What an edited article says again, row for row, cancels out; the date spans of the rows that
        really left are gathered again from their rows (an event may fall apart), so the result
        decides every event as a step gathered from the whole corpus would.  An edit costs what it
        changes: counts, and the date spans it leaves."""
        left, came = _net_rows(gone[0], new[0])
        self.actors.remove(*_name_counts(gone[1]))
        self.actors.add(*_name_counts(new[1]))
        spans = self.tables.remove(left)
        self.tables.add(came)  # its rows in those spans are gathered again below, with the spans' other rows
        if spans:
            self.tables.regroup(spans, rows_of(spans))

    def before_revising(self, spans: Iterable[tuple]) -> CorpusStep:
        """A copy of this step that :meth:`revise` leaves as it is, when what it adds lies in these date spans:
        what the last build decided, to compare with (:meth:`changes`).  Counts are copied; a span's events
        are copied only where the revision will add to them (it gathers the others anew), so the copy costs
        a fraction of reading the saved tables again."""
        twin = CorpusStep.__new__(CorpusStep)
        twin.format = self.format
        twin.actors = Actors.__new__(Actors)
        twin.actors.acronyms = defaultdict(Counter, {k: counter_of(v) for k, v in self.actors.acronyms.items()})
        twin.actors.full_names = defaultdict(Counter, {k: counter_of(v) for k, v in self.actors.full_names.items()})
        twin.actors.single_counts = Counter(self.actors.single_counts)
        twin.tables = MergeTables.__new__(MergeTables)
        twin.tables.counts = Counter(self.tables.counts)
        twin.tables.groups = defaultdict(_Groups, self.tables.groups)  # the same events, in a dict of its own
        twin.tables.referring = defaultdict(_Groups, self.tables.referring)
        for table in (self.tables.groups, self.tables.referring):
            for span in spans:
                if span in table:  # this step gets the copy it will add to; the twin keeps the events as they were
                    table[span] = table[span].copy()
        return twin

    def update(self, other: CorpusStep) -> None:
        """Add a step that gathered another part of the corpus (parts in corpus order)."""
        self.actors.update(other.actors)
        self.tables.update(other.tables)

    @without_cycle_collection
    def complete(self, rows: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
        """The rows as events-table rows (the schema's columns), once every table has been added."""
        rows = assign_ids(rows, self.tables)
        full = names[names["kind"] == "full"]
        local: dict[str, Counter] = defaultdict(Counter)  # each article's full names, counted
        for source, name, count in zip(*(full[c].tolist() for c in ("source", "name", "count")), strict=True):
            local[source][name] += int(count)
        rows["actors"] = [
            self.actors.resolve(raw, local.get(source, {}))
            for raw, source in zip(rows["actors_raw"].tolist(), rows["source"].tolist(), strict=True)
        ]
        headlines: dict[int, str] = {}  # one per event, however many mentions it has
        for event in rows["_event"]:
            if event is not None and id(event) not in headlines:
                headlines[id(event)] = self._headline(event)
        rows["headline"] = [
            title if event is None else headlines[id(event)]
            for event, title in zip(rows.pop("_event"), rows["title"].tolist(), strict=True)
        ]
        return conform(rows)

    def _headline(self, event: _Event) -> str:
        """The event's headline: its category's template with the name most often said to do it (the agent of
        its mentions: "Matos resigned") and its most named place (not the doer's own name: "Azerbaijan")."""
        actor = next(
            (c for c in (self.actors.canonical(n, {}) or _place_agent(n) for n, _ in _ranked(_doers(event))) if c),
            None,
        )
        ranked = [(p, n) for p, n in _ranked(event.places) if p != actor]
        # the most named place, when one is: an attack told of "in Gaza" as often as "on Israel" names neither
        place = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        return self.taxonomy.headline(event.category, actor, place) or event.title

    def changes(self, old: CorpusStep) -> Changes:
        """What this step decides differently from ``old`` (the step of the last build): the rows it may change.

        A row completed under ``old`` is completed the same under this step unless :meth:`Changes.touched`
        says otherwise, so a build need only complete again the rows a change reaches.
        """
        words = _changed_names(old.actors, self.actors)
        new_tables, old_tables = self.tables, old.tables
        days = _changed_keys(old_tables.dominant, new_tables.dominant)
        years = {
            key: (old_tables.years_of.get(key, {}), new_tables.years_of.get(key, {}))
            for key in _changed_keys(old_tables.years_of, new_tables.years_of)
        }
        unique = _changed_keys(old_tables.unique_day, new_tables.unique_day)
        spans, tokens = set(), {}
        new_groups, old_groups = new_tables.settled, old_tables.settled
        for span in old_groups.keys() | new_groups.keys():
            mine, theirs = new_groups.get(span), old_groups.get(span)
            if mine is None or theirs is None:
                spans.add(span)
            elif (mine is theirs or mine.same(theirs)) and not (words and _names_in(mine) & words):
                continue  # the same mentions, and no name in them read differently: the same events
            elif changed := self._changed_tokens(old, mine, theirs, words):
                tokens[span] = changed  # only the events decided differently: a day's other events stand
        changed = spans | tokens.keys()
        targets: dict[tuple, set] = defaultdict(set)  # (month, day) -> years whose event or kind on that day changed
        for day in {first for first, last in changed if first == last} | days:
            targets[(day.month, day.day)].add(day.year)
        for tables in (old_tables, new_tables):  # a month mention joins its month's one event of a kind
            unique |= {key for key, day in tables.unique_day.items() if (day, day) in changed}
        acronyms = dict(self.actors.long_to_acronym)
        return Changes(spans, days, years, unique, dict(targets), words, acronyms, tokens)

    def _changed_tokens(self, old: CorpusStep, mine: _Groups, theirs: _Groups, words: set[str]) -> set[str]:
        """The tokens of one date span whose event this step decides differently from ``old`` (its id group,
        category or headline: what its rows take of it).  A group that gathered the same mentions, none
        of whose names reads differently, is decided the same: its headline is not made twice."""
        changed, decided = set(), {}
        for token in mine.parent.keys() | theirs.parent.keys():
            if token not in mine.parent or token not in theirs.parent:
                changed.add(token)
                continue
            roots = mine.find(token), theirs.find(token)
            if roots not in decided:
                a, b = roots
                decided[roots] = not (
                    a == b
                    and mine.categories[a] == theirs.categories[b]
                    and mine.names[a] == theirs.names[b]
                    and mine.places[a] == theirs.places[b]
                    and mine.first[a] == theirs.first[b]
                    and not (words and {_unmarked(n) for n in mine.names[a]} & words)
                ) and self._decision(mine.event(token)) != old._decision(theirs.event(token))
            if decided[roots]:
                changed.add(token)
        return changed

    def _decision(self, event: _Event) -> tuple:
        """What a row takes of its event: its id group, its category and its headline."""
        return event.group, event.category, self._headline(event)


def _name_counts(names: pd.DataFrame) -> tuple[Counter, dict, dict]:
    """A names table (``NAME_COLUMNS``) as the counts :class:`Actors` keeps: (long name, acronym) pairs by
    articles, full names and single words by mentions."""
    acronyms = names[names["kind"] == "acronym"]
    return (
        Counter(zip(acronyms["name"].tolist(), acronyms["value"].tolist(), strict=True)),
        names[names["kind"] == "full"].groupby("name")["count"].sum().to_dict(),
        names[names["kind"] == "single"].groupby("name")["count"].sum().to_dict(),
    )


SIGNATURE = ["date", "date_end", "granularity", "category", "reference", "source", "start", "places", "title"]


def _net_rows(gone: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows that really left and really came: a row parsed again as it was (an article edited
    elsewhere) is in both, and cancels out."""

    def keys(frame: pd.DataFrame) -> list[tuple]:
        columns = [frame[c].tolist() for c in SIGNATURE] + [[tuple(r) for r in frame["actors_raw"].tolist()]]
        return list(zip(*columns, strict=True))

    gone_keys, new_keys = keys(gone), keys(new)
    left, came = Counter(gone_keys) - Counter(new_keys), Counter(new_keys) - Counter(gone_keys)

    def pick(frame: pd.DataFrame, frame_keys: list[tuple], wanted: Counter) -> pd.DataFrame:
        chosen = []
        for i, key in enumerate(frame_keys):
            if wanted[key] > 0:
                wanted[key] -= 1
                chosen.append(i)
        return frame.iloc[chosen].reset_index(drop=True)

    return pick(gone, gone_keys, left), pick(new, new_keys, came)


def _names_in(groups: _Groups) -> set[str]:
    return {_unmarked(name) for names in groups.names.values() for name in names}


def _changed_keys(old: dict, new: dict) -> set:
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _changed_names(old: Actors, new: Actors) -> set[str]:
    """Names whose corpus-wide reading may differ: a single word whose full name or count changed,
    a long name whose acronym changed."""

    def reading(actors: Actors, word: str) -> tuple:
        pool = actors.full_names.get(word)
        return (_pooled(pool) or len(pool or ()), actors.single_counts[word] >= 2)

    words = old.full_names.keys() | new.full_names.keys() | old.single_counts.keys() | new.single_counts.keys()
    changed = {w for w in words if reading(old, w) != reading(new, w)}
    return changed | _changed_keys(old.long_to_acronym, new.long_to_acronym)


@dataclass
class Changes:
    """What a build's corpus-wide step decides differently from the last build's (see :meth:`CorpusStep.changes`)."""

    spans: set  # (first, last) date spans whose events are decided differently
    days: set  # single days whose commonest category changed: what "the events of Oct. 7" joins
    years: dict  # (month, day) -> (old, new) years known for it: where "the October 7 attack" is moved
    unique: set  # (month, category) whose one event changed: what "last October's attack" joins
    targets: dict  # (month, day) -> years of changed single-day spans: where a yearless mention may be moved
    names: set  # raw names (and acronyms) whose corpus-wide reading may differ
    acronyms: dict  # the new step's long name -> acronym
    tokens: dict = field(default_factory=dict)  # (first, last) -> tokens of its events decided differently

    def touched(self, rows: pa.Table) -> np.ndarray:
        """For each row of a chunk (Arrow, as read: ``TOUCH_COLUMNS``), whether it may be completed differently
        than under the last build's step: in a date span whose events all changed, naming a name read
        differently, in an event decided differently, or a reference to a day or a month mention that moves
        to another event.  Spans, names and references are looked up for the whole chunk at once in Arrow;
        only the rows of the changed spans and those that may move are looked at one by one (most chunks
        of an edited corpus have none)."""
        hit = np.zeros(rows.num_rows, dtype=bool)
        if rows.num_rows == 0:
            return hit
        keys = _span_keys(*(rows[c].cast(pa.timestamp("ns")).cast(pa.int64()).to_numpy() for c in ("date", "date_end")))
        if self.spans:
            hit |= np.isin(keys, _span_keys(*_days_ns(self.spans)))
        if self.names:  # a raw name whose reading changed, or whose acronym's did ("Israel Defense Forces" as "IDF")
            wanted = self.names | {name for name, acronym in self.acronyms.items() if acronym in self.names}
            each = rows["actors_raw"].combine_chunks()
            named = pc.is_in(pc.list_flatten(each), value_set=pa.array(sorted(wanted), pa.string()))
            hit[pc.list_parent_indices(each).to_numpy()[named.to_numpy(zero_copy_only=False)]] = True
        refers = _referring_rows(rows)
        if self.tokens:  # a row joins the event of its first token (assign_ids); a reference, its day's kind's
            changed = dict(zip(_span_keys(*_days_ns(self.tokens)).tolist(), self.tokens.values(), strict=True))
            inside = np.flatnonzero(np.isin(keys, list(changed)) & ~hit)
            chosen = rows.take(pa.array(inside, pa.int64())).select(["category", "actors_raw", "source"])
            for i, key, kind, raw, source in zip(
                inside, keys[inside].tolist(), *chosen.to_pydict().values(), strict=True
            ):
                mine = _tokens(kind, raw or (), source, key % _SPAN_KEY_DAYS > 0)
                hit[i] = refers[i] or (bool(mine) and mine[0] in changed[key])
        month = pc.equal(rows["granularity"], "month").to_numpy(zero_copy_only=False) & bool(self.unique)
        maybe = np.flatnonzero((refers | month) & ~hit)  # what the corpus may move to another event
        chosen = rows.take(pa.array(maybe, pa.int64())).select(
            ["date", "granularity", "category", "date_text", "published"]
        )
        seen: dict[tuple, bool] = {}  # many rows share a day, a kind, whether they give a year, and the latest
        for i, first, granularity, kind, written, when in zip(maybe, *chosen.to_pydict().values(), strict=True):
            latest = _latest_year(when, first.month, first.day)
            key = (first, granularity, kind, granularity != "month" and _yearless(written), latest)
            if key not in seen:
                seen[key] = self._moved(pd.Timestamp(first), *key[1:])
            hit[i] = seen[key]
        return hit

    def _moved(self, first: pd.Timestamp, granularity: str, kind: str, yearless: bool, latest: int | None) -> bool:
        """Whether a month mention, or a reference to a day, joins another event than it did."""
        if granularity == "month":
            return (first.to_period("M"), kind) in self.unique
        key, years, targets = (first.month, first.day), self.years, self.targets
        moved = (key in years or key in targets) and yearless
        return (
            first in self.days
            or (
                moved
                and key in years
                and _moved_year(years[key][0], kind, first.year, latest)
                != _moved_year(years[key][1], kind, first.year, latest)
            )
            or (moved and bool(targets.get(key, set()) - {first.year}))  # may move to a changed day
        )


_NS_A_DAY = 86_400 * 10**9


def _days_ns(spans: Iterable[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """Date spans' first and last days as nanosecond timestamps, whatever unit their Timestamps have."""
    firsts, lasts = zip(*spans, strict=True)
    return tuple(pd.DatetimeIndex(days).as_unit("ns").asi8 for days in (firsts, lasts))


def _span_keys(firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
    """A (first, last) date span as one integer (nanosecond timestamps in): its first day and its length."""
    first = firsts // _NS_A_DAY
    return first * _SPAN_KEY_DAYS + (lasts // _NS_A_DAY - first)


_SPAN_KEY_DAYS = 10_000_000  # a span key's remainder by it: the span's length in days after its first


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """Most counted first; ties in alphabetical order, so every run and every store agree."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@without_cycle_collection
def finalize(rows: list[dict] | pd.DataFrame, names: dict[str, Names]) -> pd.DataFrame:
    """The events table of mentions held in memory: the corpus-wide step on one table, sorted."""
    frame = mentions_frame(rows)
    if frame.empty:
        return conform([])
    table = names_frame(names)
    step = CorpusStep()
    step.add(frame, table)
    return sort_events(step.complete(frame, table))
