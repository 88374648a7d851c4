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

import copy
import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from timeline.events import ORGANISATION_WORDS, OTHER, WEAK_CATEGORIES, Names, Taxonomy, _is_acronym, load_taxonomy
from timeline.schema import DATE_COLUMNS, MENTION_COLUMNS, NAME_COLUMNS, conform, sort_events
from timeline.temporal import MONTHS
from timeline.temporal.lexicon import YEAR_WRITTEN

__all__ = ["Actors", "Changes", "CorpusStep", "MergeTables", "assign_ids", "finalize", "mentions_frame", "names_frame"]


def mentions_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Mention rows as a typed table: dates as timestamps, raw names as lists, references as booleans."""
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    frame["actors_raw"] = frame["actors_raw"].map(lambda v: [] if v is None or v is pd.NA else list(v))
    frame["reference"] = frame["reference"].fillna(False).astype(bool)
    return frame


def names_frame(names: dict[str, Names]) -> pd.DataFrame:
    """What articles say about names (``Names`` per source) as one table of records."""
    records = [r for source, n in names.items() for r in n.to_records(source)]
    return pd.DataFrame(records, columns=NAME_COLUMNS)


class Actors:
    """Names across the corpus, so 'Mr. Haliva' and 'Aharon Haliva' are one actor."""

    def __init__(self) -> None:
        self.long_to_acronym: dict[str, str] = {}
        self.full_names: dict[str, Counter] = defaultdict(Counter)
        self.single_counts: Counter = Counter()

    def add(self, acronyms: dict[str, str], full: Counter | dict, singles: Counter | dict) -> None:
        """Count what one article (or a whole chunk of them) says about names, corpus-wide."""
        self.long_to_acronym.update(acronyms)
        for name, count in full.items():
            self.full_names[name.split()[-1]][name] += count
        self.single_counts.update(singles)

    def update(self, other: Actors) -> None:
        """Add what another part of the corpus says (parts added in corpus order give the same result as one)."""
        self.long_to_acronym.update(other.long_to_acronym)
        for word, names in other.full_names.items():
            self.full_names[word].update(names)
        self.single_counts.update(other.single_counts)

    def canonical(self, name: str, local: Counter | dict) -> str | None:
        """The name an actor goes by across the corpus; ``local`` are the full names of its own article."""
        name = self.long_to_acronym.get(name, name)
        words = name.split()
        if len(words) > 1:
            return name
        word = words[0]
        here = [full for full in local if full.split()[-1] == word]
        if here:
            return max(here, key=lambda full: (local[full], full))
        pool = self.full_names.get(word)
        if pool and len(pool) == 1 and word.lower() not in ORGANISATION_WORDS | COMMON_NOUNS:
            return next(iter(pool))  # "Haliva" is "Aharon Haliva" across articles; "State" is not "Islamic State"
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


def _tokens(category: str, raw: Iterable[str], source: str) -> list[str]:
    """What links mentions of one date into one event: their kind, and who took part (by surname).

    "Said" links only inside one article: what an article reports said on one day is one occasion,
    but two outlets' "said on Tuesday" are not one event because both were said."""
    if category == OTHER:
        tokens = []
    elif category in WEAK_CATEGORIES:
        tokens = [f"c:{category}:{source}"]
    else:
        tokens = [f"c:{category}"]
    tokens += [f"a:{name.split()[-1].casefold()}" for name in raw if name]
    return tokens


class _Groups:
    """Union-find over the tokens of one date span; each group counts its mentions' categories, names
    and places, and keeps the title of its first mention (by source and position): what its headline needs."""

    __slots__ = ("categories", "decided", "first", "names", "parent", "places")

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.categories: dict[str, Counter] = {}
        self.names: dict[str, Counter] = {}
        self.places: dict[str, Counter] = {}
        self.first: dict[str, tuple] = {}
        self.decided: dict[str, _Event] = {}  # root -> its event, once every mention is in

    def __getstate__(self) -> dict:  # the decided events are a cache: rebuilt after loading
        return {name: getattr(self, name) for name in self.__slots__ if name != "decided"}

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.decided = {}

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
        for token in tokens:
            if token not in self.parent:
                self.parent[token] = token
                self.categories[token], self.names[token], self.places[token] = Counter(), Counter(), Counter()
        root = self.find(tokens[0])
        for token in tokens[1:]:
            root = self._union(root, self.find(token))
        self.categories[root].update(categories)
        self.names[root].update(names)
        self.places[root].update(places)
        self.first[root] = min(self.first.get(root, first), first)

    def _union(self, root: str, other: str) -> str:
        if other == root:
            return root
        if other < root:  # the smaller token is the root: the group's name does not depend on order
            root, other = other, root
        self.parent[other] = root
        self.categories[root].update(self.categories.pop(other))
        self.names[root].update(self.names.pop(other))
        self.places[root].update(self.places.pop(other))
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
            self.decided[root] = _Event(root, category, self.names[root], self.places[root], self.first[root][2])
        return self.decided[root]


@dataclass(frozen=True, eq=False)
class _Event:
    group: str  # the smallest token of the group: with the date span, the event's id
    category: str
    names: Counter  # raw names of its mentions, counted
    places: Counter
    title: str  # of its first mention


DERIVED = ("dominant", "unique_day", "years_of", "settled")  # MergeTables' tables computed from the others


def _single_day(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Which rows date one day, and which of those refer to a known day ("since the October 7 attack"):
    one definition, for gathering the tables and for assigning ids, so both treat the same rows apart."""
    single_day = (frame["granularity"] == "day") & (frame["date"] == frame["date_end"])
    return single_day, frame["reference"].fillna(False).astype(bool) & single_day


def _decide(categories: Counter) -> str:
    """One category per event: its commonest substantive one (ties: alphabetical), else its commonest."""
    strong = {c: n for c, n in categories.items() if c not in WEAK_CATEGORIES}
    pool = strong or categories
    return min(pool, key=lambda c: (-pool[c], c))


class MergeTables:
    """What merging needs to know of the whole corpus, gathered a table of rows at a time.

    Small whatever the corpus size (it grows with distinct dates and the names on them, not
    with mentions), so a store can merge millions of mentions chunk by chunk.
    """

    def __init__(self) -> None:
        self.counts: Counter = Counter()  # (date, strong category) -> single-day mentions
        self.month_days: dict[tuple, set] = {}  # (month, strong category) -> its days, up to two
        self.groups: dict[tuple, _Groups] = defaultdict(_Groups)  # (first, last) -> its events
        # (day, day) -> the mentions referring to that day's known event ("since the October 7 attack"),
        # grouped apart: which event they join is known only once the whole corpus is in (``settled``)
        self.referring: dict[tuple, _Groups] = defaultdict(_Groups)

    def add(self, frame: pd.DataFrame) -> None:
        for name in DERIVED:  # the derived tables are recomputed after new rows
            self.__dict__.pop(name, None)
        single_day, referring = _single_day(frame)
        strong = frame.loc[single_day & ~frame["category"].isin(WEAK_CATEGORIES), ["date", "category"]]
        self.counts.update(strong.value_counts().to_dict())
        months = strong.assign(month=strong["date"].dt.to_period("M")).drop_duplicates()
        for month, category, day in zip(months["month"], months["category"], months["date"], strict=True):
            days = self.month_days.setdefault((month, category), set())
            if len(days) < 2:
                days.add(day)
        for first, last, category, raw, places, title, source, start, refers in zip(
            frame["date"].tolist(),
            frame["date_end"].tolist(),
            frame["category"].tolist(),
            frame["actors_raw"].tolist(),
            frame["places"].fillna("").tolist(),
            frame["title"].fillna("").tolist(),
            frame["source"].tolist(),
            frame["start"].tolist(),
            referring.tolist(),
            strict=True,
        ):
            tokens = _tokens(category, raw, source)
            if tokens:
                where = places.split("; ") if places else ()
                into = self.referring if refers else self.groups
                into[(first, last)].add(tokens, category, raw, where, (source, start, title))

    def update(self, other: MergeTables) -> None:
        """Add another part of the corpus, gathered apart (in another process): parts in corpus order."""
        for name in DERIVED:
            self.__dict__.pop(name, None)
        self.counts.update(other.counts)
        for key, theirs in other.month_days.items():
            days = self.month_days.setdefault(key, set())
            for day in sorted(theirs):
                if len(days) < 2:
                    days.add(day)
        for mine, theirs in ((self.groups, other.groups), (self.referring, other.referring)):
            for span, groups in theirs.items():
                if span in mine:
                    mine[span].update(groups)
                else:
                    mine[span] = groups

    def __getstate__(self) -> dict:  # the derived tables are recomputed after loading
        return {k: v for k, v in self.__dict__.items() if k not in DERIVED}

    def __setstate__(self, state: dict) -> None:
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
            groups = copy.deepcopy(self.groups[span]) if span in self.groups else _Groups()
            kind = dominant.get(span[0])
            if kind is None:
                groups.update(referring)
            else:
                for root in {referring.find(token) for token in referring.parent}:
                    n, places = sum(referring.categories[root].values()), referring.places[root]
                    # where it happened, but not who: "Eva Bauer's resignation over the attack" names no attacker
                    groups._join([f"c:{kind}"], Counter({kind: n}), (), places, referring.first[root])
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
        return {key: next(iter(days)) for key, days in self.month_days.items() if len(days) == 1}


def assign_ids(frame: pd.DataFrame, tables: MergeTables) -> pd.DataFrame:
    """Give every mention of the same real event one ``event_id`` and the event one category.

    Mentions of one date span are one event when they share a kind or a participant:
    "the attack" and "Hamas gunmen killed 1,200" on October 7, 2023 are one event
    whatever each sentence's category, and the event takes the commonest substantive
    category of its mentions.  A mention that only names a date ("the events of Oct. 7")
    joins the commonest substantive event of that date; a month mention ("last October's
    attack") joins the one event of its kind inside that month.  A mention with neither a
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
    is_month = (frame["granularity"] == "month") & ~takes_dominant
    if is_month.any() and unique_day:
        keys = zip(frame.loc[is_month, "date"].dt.to_period("M"), frame.loc[is_month, "category"], strict=True)
        day = pd.Series([unique_day.get(k, pd.NaT) for k in keys], index=frame.index[is_month], dtype="datetime64[ns]")
        found = day.index[day.notna()]
        first[found] = day[found]  # "last October's attack" is the attack of that October: it joins it
        last[found] = day[found]
    ids, categories, events = [], [], []
    groups = tables.settled
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
        tokens = _tokens(kind, raw, source)
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
    chosen = frame.loc[referring, ["date_text", "date", "category"]]
    for i, written, day, kind in zip(
        chosen.index, chosen["date_text"].tolist(), chosen["date"].tolist(), chosen["category"].tolist(), strict=True
    ):
        if not _yearless(written):
            continue  # a year of its own, or a weekday ("the next Wednesday"): nothing to look up
        year = _moved_year(tables.years_of.get((day.month, day.day), {}), kind, day.year)
        if year is not None:
            moved[i] = pd.Timestamp(year, day.month, day.day)
    return moved


def _yearless(written: object) -> bool:
    """A date written with a month and without a year ("the October 7 attack"): its year may be the corpus's."""
    written = written if isinstance(written, str) else ""
    return not YEAR_WRITTEN.search(written) and bool(_MONTH_WRITTEN.search(written))


def _moved_year(by_year: dict, kind: str, year: int) -> int | None:
    """The year a yearless mention of this kind on this day belongs to, when the corpus reports more in another."""
    years = {y: (sum(c.values()) if kind in WEAK_CATEGORIES else c[kind]) for y, c in by_year.items()}
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

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.actors = Actors()
        self.tables = MergeTables()
        if taxonomy is not None:
            self.taxonomy = taxonomy

    @functools.cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy()

    def __getstate__(self) -> dict:  # what the corpus says; the taxonomy is the program's, loaded again
        return {"actors": self.actors, "tables": self.tables}

    def add(self, rows: pd.DataFrame, names: pd.DataFrame) -> None:
        acronyms = names[names["kind"] == "acronym"]
        self.actors.add(
            dict(zip(acronyms["name"], acronyms["value"], strict=True)),
            names[names["kind"] == "full"].groupby("name")["count"].sum().to_dict(),
            names[names["kind"] == "single"].groupby("name")["count"].sum().to_dict(),
        )
        self.tables.add(rows)

    def update(self, other: CorpusStep) -> None:
        """Add a step that gathered another part of the corpus (parts in corpus order)."""
        self.actors.update(other.actors)
        self.tables.update(other.tables)

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
        """The event's headline: its category's template with its most named participant and place."""
        actor = next(
            (c for c in (self.actors.canonical(n, {}) for n, _ in _ranked(event.names)) if c),
            None,
        )
        ranked = _ranked(event.places)
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
        spans = set()
        new_groups, old_groups = new_tables.settled, old_tables.settled
        for span in old_groups.keys() | new_groups.keys():
            mine, theirs = new_groups.get(span), old_groups.get(span)
            if mine is None or theirs is None:
                spans.add(span)
            elif mine.same(theirs) and not (words and _names_in(mine) & words):
                continue  # the same mentions, and no name in them read differently: the same events
            elif self._decisions(mine) != old._decisions(theirs):
                spans.add(span)
        targets: dict[tuple, set] = defaultdict(set)  # (month, day) -> years whose event or kind on that day changed
        for day in {first for first, last in spans if first == last} | days:
            targets[(day.month, day.day)].add(day.year)
        for tables in (old_tables, new_tables):  # a month mention joins its month's one event of a kind
            unique |= {key for key, day in tables.unique_day.items() if (day, day) in spans}
        return Changes(spans, days, years, unique, dict(targets), words, dict(self.actors.long_to_acronym))

    def _decisions(self, groups: _Groups) -> dict:
        """Every token of a date span with its event's id group, category, title and headline."""
        decided: dict[int, tuple] = {}  # one per event, however many tokens it has (as in ``complete``)
        out = {}
        for token in groups.parent:
            event = groups.event(token)
            if id(event) not in decided:
                decided[id(event)] = (event.group, event.category, event.title, self._headline(event))
            out[token] = decided[id(event)]
        return out


def _names_in(groups: _Groups) -> set[str]:
    return {name for names in groups.names.values() for name in names}


def _changed_keys(old: dict, new: dict) -> set:
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _changed_names(old: Actors, new: Actors) -> set[str]:
    """Names whose corpus-wide reading may differ: a single word whose full name or count changed,
    a long name whose acronym changed."""

    def reading(actors: Actors, word: str) -> tuple:
        pool = actors.full_names.get(word)
        return (next(iter(pool)) if pool and len(pool) == 1 else len(pool or ()), actors.single_counts[word] >= 2)

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

    def touched(self, rows: pd.DataFrame) -> list[bool]:
        """For each row, whether it may be completed differently than under the last build's step."""
        names, acronyms, spans = self.names, self.acronyms, self.spans
        days, years, targets = self.days, self.years, self.targets
        out = []
        for first, last, granularity, kind, reference, written, raw in zip(
            *(rows[c].tolist() for c in ("date", "date_end", "granularity", "category", "reference", "date_text")),
            rows["actors_raw"].tolist(),
            strict=True,
        ):
            if (first, last) in spans or any(n in names or acronyms.get(n, n) in names for n in raw):
                out.append(True)
            elif granularity == "month":
                out.append(bool(self.unique) and (first.to_period("M"), kind) in self.unique)
            elif reference and granularity == "day" and first == last:
                key = (first.month, first.day)
                moved = (key in years or key in targets) and _yearless(written)
                out.append(
                    first in days
                    or (
                        moved
                        and key in years
                        and _moved_year(years[key][0], kind, first.year) != _moved_year(years[key][1], kind, first.year)
                    )
                    or (moved and bool(targets.get(key, set()) - {first.year}))  # may move to a changed day
                )
            else:
                out.append(False)
        return out


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """Most counted first; ties in alphabetical order, so every run and every store agree."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def finalize(rows: list[dict] | pd.DataFrame, names: dict[str, Names]) -> pd.DataFrame:
    """The events table of mentions held in memory: the corpus-wide step on one table, sorted."""
    frame = mentions_frame(rows)
    if frame.empty:
        return conform([])
    table = names_frame(names)
    step = CorpusStep()
    step.add(frame, table)
    return sort_events(step.complete(frame, table))
