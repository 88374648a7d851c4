"""Events an analyst can trust: the events table scored against hand-made gold, next to a naive pipeline.

    python -m benchmarks.events [--folder benchmarks/evaluation] [--rows]

The evaluation set (``benchmarks/evaluation``) is articles written for it in many
house styles (wire copy with datelines, timeline listicles, liveblogs, explainers,
op-eds, captions, reposts, machine translations, month- and year-only manifests)
and ``gold.toml``, the events a careful analyst dates in each.  Files starting with
"h" are held out: reported apart, never used to change a rule.

Both sides are scored the same way, in one run:

- **event recall**: gold events that at least one row gives, with the date at the
  gold's precision ("2024-03-05", "2024-03", "2024-W46", "2025-Q1", "2022-SP", "2024-H1");
- **row precision**: rows that give a gold event of their article;
- **category accuracy**: of those rows, the ones whose category is the gold's;
- **actor precision**: of the actors on those rows, the ones that take part in the
  gold event (a person's surname alone counts as the person);
- **ids per event**: distinct ``event_id`` values among the rows of one gold event.

The naive pipeline is what a newcomer would write: ``dateparser.search.search_dates``
over each sentence with the publication date as base, the precision dateparser
reports, the category from the same keyword taxonomy and capitalised words as actors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from dateparser.date import DateDataParser
from dateparser.search import search_dates

import timeline
from timeline.events import load_taxonomy
from timeline.temporal.lexicon import SEASON_MONTHS
from timeline.text import sentences

FOLDER = Path(__file__).resolve().parent / "evaluation"
_NAMES = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


@dataclass
class Gold:
    file: str
    date: str
    category: str
    actors: list[list[str]]  # each actor: its spellings
    places: list[str]
    rows: list[dict] = field(default_factory=list)


def load_gold(folder: Path = FOLDER) -> list[Gold]:
    with open(folder / "gold.toml", "rb") as fh:
        raw = tomllib.load(fh)["event"]
    return [  # rows name their article by its file's stem
        Gold(Path(e["file"]).stem, e["date"], e["category"], [a.split("|") for a in e["actors"]], e["places"])
        for e in raw
    ]


def value(date: pd.Timestamp, end: pd.Timestamp, granularity: str) -> str:
    """A row's date as the gold writes it, at the row's precision."""
    if granularity == "year":
        return f"{date.year:04d}"
    if granularity == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == "week":
        iso = date.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if granularity == "quarter":
        return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"
    if granularity in ("season", "half"):  # TimeML's "2022-SP", "2024-H1": named by the months they start with
        starts = {m: code for code, (m, _) in SEASON_MONTHS.items()} if granularity == "season" else {1: "H1", 7: "H2"}
        if date.month in starts:
            return f"{date.year:04d}-{starts[date.month]}"
    if date != end:
        return f"{date.date().isoformat()}/{end.date().isoformat()}"
    return date.date().isoformat()


def _same_actor(name: str, spellings: list[str]) -> bool:
    name = name.casefold().rstrip(".")  # "Acme Inc" and "Acme Inc." are one spelling
    for spelling in spellings:
        s = spelling.casefold().rstrip(".")
        if name == s or (" " not in name and s.split()[-1] == name):
            return True
    return False


@dataclass
class Score:
    events: int = 0
    found: int = 0
    rows: int = 0
    right_rows: int = 0
    right_category: int = 0
    actors: int = 0
    right_actors: int = 0
    ids: list[int] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def line(self, name: str, seconds: float) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:6.1f}" if b else f"{'-':>6}"

        ids = f"{sum(self.ids) / len(self.ids):6.2f}" if self.ids else f"{'-':>6}"
        return (
            f"{name:30} {self.events:>6} {self.rows:>5} {pct(self.found, self.events)}"
            f" {pct(self.right_rows, self.rows)} {pct(self.right_category, self.right_rows)}"
            f" {pct(self.right_actors, self.actors)} {ids} {seconds:7.2f}"
        )


def score(rows: pd.DataFrame, gold: list[Gold], files: set[str]) -> Score:
    """Match each row to a gold event of its article with its date; count what agrees."""
    result = Score()
    by_file: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        if g.file in files:
            by_file[g.file].append(Gold(g.file, g.date, g.category, g.actors, g.places))
    matched: dict[int, list[dict]] = defaultdict(list)
    for row in rows.to_dict("records"):
        if row["source"] not in files:
            continue
        result.rows += 1
        when = value(row["date"], row["date_end"], row["granularity"])
        actors = [a for a in str(row.get("actors") or "").split("; ") if a]
        options = [g for g in by_file[row["source"]] if g.date == when]
        if not options:
            result.noise.append(f"{row['source']}: {when} {row['category']} «{row['quote'][:90]}»")
            continue

        places = {p.casefold() for p in str(row.get("places") or "").split("; ") if p}

        def fit(g: Gold, actors: list[str] = actors, places: set[str] = places, row: dict = row) -> tuple:
            """Two gold events of one day: the row's actors, then its places, then its category decide which
            it gives; then the one no row has given yet."""
            overlap = sum(any(_same_actor(a, s) for s in g.actors) for a in actors)
            located = len(places & {p.casefold() for p in g.places})
            return overlap, located, g.category == row["category"], not g.rows

        best = max(options, key=fit)
        best.rows.append(row)
        matched[id(best)].append(row)
        result.right_rows += 1
        if row["category"] == best.category:
            result.right_category += 1
        else:
            quote = row["quote"][:70]
            result.wrong.append(f"{row['source']}: {when} {row['category']} (gold {best.category}) «{quote}»")
        for a in actors:
            result.actors += 1
            if any(_same_actor(a, s) for s in best.actors):
                result.right_actors += 1
            else:
                result.wrong.append(f"{row['source']}: {when} actor {a!r} not in {[s[0] for s in best.actors]}")
    for file_gold in by_file.values():
        for g in file_gold:
            result.events += 1
            if g.rows:
                result.found += 1
                if "event_id" in g.rows[0]:
                    result.ids.append(len({r["event_id"] for r in g.rows}))
            else:
                result.misses.append(f"{g.file}: {g.date} {g.category}")
    return result


# --------------------------------------------------------------------------
# The naive pipeline
# --------------------------------------------------------------------------

_PERIOD = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


def naive(folder: Path) -> pd.DataFrame:
    """search_dates per sentence, dateparser's own precision, keyword category, capitalised words as actors."""
    taxonomy = load_taxonomy()
    articles, _ = timeline.corpus.load_corpus(folder)
    parser = DateDataParser(languages=["en"])
    rows = []
    for article in articles:
        base = dt.datetime.combine(article.published or dt.date.today(), dt.time())
        text = article.text
        for start, end in sentences(text):
            sentence = text[start:end]
            found = search_dates(sentence, languages=["en"], settings={"RELATIVE_BASE": base}) or []
            for surface, when in found:
                period = _PERIOD.get(parser.get_date_data(surface).period or "day", "day")
                first = pd.Timestamp(when.date())
                if period == "month":
                    first = first.replace(day=1)
                elif period == "year":
                    first = first.replace(month=1, day=1)
                rows.append(
                    {
                        "source": article.source,
                        "date": first,
                        "date_end": first,
                        "granularity": period,
                        "category": taxonomy.categorize(sentence, 0, 0),
                        "actors": "; ".join(dict.fromkeys(_NAMES.findall(sentence))),
                        "quote": " ".join(sentence.split()),
                    }
                )
    return pd.DataFrame(rows)


# The last file number of each held-out batch, the first (h01-h10) on: a new batch adds its own
HELD_OUT_BATCH_ENDS = (
    10,
    20,
    24,
    28,
    34,
    37,
    39,
    42,
    44,
    46,
    48,
    50,
    51,
    53,
    55,
    57,
    59,
    61,
    63,
    65,
    67,
    69,
    72,
    74,
    77,
    80,
    83,
    86,
    89,
)
ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth"
    " sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third twenty-fourth"
    " twenty-fifth twenty-sixth twenty-seventh twenty-eighth twenty-ninth"
    " thirtieth"
)


def _batches() -> list[tuple[str, int, float]]:
    """Each held-out batch after the first, by its ordinal, with its first and last file numbers; the newest
    is open-ended, so a batch is reported apart as soon as it is written."""
    bounds = [*HELD_OUT_BATCH_ENDS, float("inf")]
    names = ORDINALS.split()
    return [(names[k], bounds[k - 1] + 1, bounds[k]) for k in range(1, len(bounds))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=FOLDER)
    ap.add_argument("--rows", action="store_true", help="list misses, noise rows and disagreements (development set)")
    args = ap.parse_args(argv)
    gold = load_gold(args.folder)
    articles = args.folder / "articles"
    files = {g.file for g in gold}
    started = time.perf_counter()
    ours = timeline.load(articles).events
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = naive(articles)
    theirs_seconds = time.perf_counter() - started
    held_out = {f for f in files if f.startswith("h")}
    sets = {"development": files - held_out, "held out": held_out}
    for name, first, last in _batches():
        sets[f"held out, {name} batch"] = {f for f in held_out if first <= int(f[1:3]) <= last}
    sets["all"] = files
    columns = ("events", "rows", "recall", "prec.", "categ.", "actors", "ids/ev")
    header = f"{'':30} " + " ".join(f"{c:>{5 if c == 'rows' else 6}}" for c in columns) + f" {'seconds':>7}"
    print(f"Events against hand-made gold ({len(files)} articles, {len(gold)} events)")
    for name, subset in sets.items():
        print(f"\n{name} ({len(subset)} articles)")
        print(header)
        print(score(ours, gold, subset).line("timeline", ours_seconds))
        print(score(theirs, gold, subset).line("naive search_dates pipeline", theirs_seconds))
    if args.rows:
        result = score(ours, gold, sets["development"])
        for title, lines in (("missed", result.misses), ("noise", result.noise), ("disagree", result.wrong)):
            print(f"\n{title} ({len(lines)})")
            for line in lines:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
