"""A synthetic news corpus with known dates, for benchmarks that measure accuracy as well as speed.

Articles are built from templates: reporting sentences carrying absolute,
partial, relative and weekday date expressions (each with the value it truly
means, given the article's publication date), sentences with traps that are
not dates (counts, unit numbers, durations, "may", "march"), filler, and web
noise.  The same seed always gives the same corpus.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SyntheticArticle", "generate", "real_paragraphs", "write_corpus"]

MONTHS = list(calendar.month_name)[1:]
ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = list(calendar.day_name)
NUMBERS = ["two", "three", "four", "five", "six", "ten"]
SUBJECTS = [
    "The minister",
    "Officials",
    "The company",
    "Police",
    "The central bank",
    "Lawmakers",
    "Protesters",
    "The army",
    "Negotiators",
    "The court",
    "The union",
    "Investigators",
]
PAST = [
    "announced the decision",
    "resigned",
    "signed the agreement",
    "launched an inquiry",
    "met with foreign envoys",
    "reported heavy losses",
    "rejected the proposal",
    "opened talks",
]
FUTURE = ["will meet again", "is due to vote", "is scheduled to sign the deal", "is expected to rule"]
FILLER = [
    "The situation remains tense across the region.",
    "Analysts said the move could reshape the debate.",
    "Critics called the plan unrealistic and costly.",
    "Supporters welcomed the news with cautious optimism.",
    "The details of the arrangement were not made public.",
]
NOISE = [
    "Also Read | Markets rally as investors weigh new data",
    "Sign up for our daily newsletter",
    "By registering for the newsletter, you agree to the Privacy Policy.",
]


@dataclass
class SyntheticArticle:
    """One generated article: its file name, text, manifest row, and the dates it truly contains."""

    name: str
    text: str
    meta: dict[str, str]
    truth: list[dict] = field(default_factory=list)  # {"text": as written, "value": TimeML value}


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


class _Writer:
    def __init__(self, rng: random.Random, published: dt.date):
        self.rng = rng
        self.p = published

    def pick(self, options):
        return self.rng.choice(options)

    def dated(self) -> tuple[str, str, str]:
        """A sentence with one date expression: (sentence, expression as written, true value)."""
        r, p = self.rng, self.p
        subject, past = self.pick(SUBJECTS), self.pick(PAST)
        kind = r.randrange(11)
        if kind <= 2:  # absolute day, in several styles
            d = p - dt.timedelta(days=r.randint(1, 900))
            written = self.pick(
                [
                    f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
                    f"{d.day} {MONTHS[d.month - 1]} {d.year}",
                    f"{ABBR[d.month - 1]} {d.day}, {d.year}",
                    d.isoformat(),
                ]
            )
            return f"{subject} {past} on {written}.", written, d.isoformat()
        if kind == 3:  # month and year
            d = p - dt.timedelta(days=r.randint(40, 900))
            written = f"{MONTHS[d.month - 1]} {d.year}"
            return f"{subject} {past} in {written}.", written, f"{d.year:04d}-{d.month:02d}"
        if kind == 4:  # month and day, past
            d = p - dt.timedelta(days=r.randint(35, 300))
            written = f"{ABBR[d.month - 1]} {d.day}"
            return f"{subject} {past} on {written}.", written, d.isoformat()
        if kind == 5:  # month and day, future
            d = p + dt.timedelta(days=r.randint(35, 150))
            written = f"{MONTHS[d.month - 1]} {d.day}"
            return f"{subject} {self.pick(FUTURE)} on {written}.", written, d.isoformat()
        if kind == 6:  # bare month, past
            d = p - dt.timedelta(days=r.randint(45, 240))
            written = MONTHS[d.month - 1]
            return f"{subject} {past} in {written}.", written, f"{d.year:04d}-{d.month:02d}"
        if kind == 7:  # weekday of the week gone by
            d = p - dt.timedelta(days=r.randint(0, 6))
            written = WEEKDAYS[d.weekday()]
            return f"{subject} {past} on {written}.", written, d.isoformat()
        if kind == 8:
            n = r.randint(2, 6)
            d = p - dt.timedelta(days=n)
            written = f"{NUMBERS[n - 2] if n - 2 < len(NUMBERS) else n} days ago"
            return f"{subject} {past} {written}.", written, d.isoformat()
        if kind == 9:
            first = (p.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            return f"{subject} {past} last month.", "last month", f"{first.year:04d}-{first.month:02d}"
        d = p - dt.timedelta(days=1)
        return f"{subject} {past} yesterday.", "yesterday", d.isoformat()

    def trap(self) -> str:
        r = self.rng
        return self.pick(
            [
                f"More than {r.randint(1000, 99999):,} people were affected.",
                f"Operatives from Unit {r.randint(1000, 9999)} were involved.",
                f"Some {r.randint(1900, 2099)} troops were deployed to the border.",
                f"The veteran served for {r.randint(2, 40)} years.",
                f"The {r.randint(2, 30)} month campaign drained the budget.",
                "Officials may decide to march on with the plan.",
                f"Route {r.randint(10, 99)} was closed for {r.randint(2, 9)} hours.",
            ]
        )


def real_paragraphs(folder: str | Path) -> list[str]:
    """Paragraphs of real articles (the body lines of every ``.txt`` in ``folder``), for news-size articles."""
    found = []
    for path in sorted(Path(folder).glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
        found.extend(line.strip() for line in lines if len(line.split()) >= 12)
    return found


def generate(
    n: int,
    seed: int = 0,
    first: dt.date = dt.date(2015, 1, 1),
    last: dt.date = dt.date(2025, 12, 31),
    *,
    real: list[str] | None = None,
    size: tuple[int, int] = (3000, 6000),
):
    """``n`` articles, deterministic for a seed; each knows the dates it truly contains.

    Without ``real`` an article is a few short paragraphs (under 1 KB).  With ``real``
    (paragraphs of real articles, see :func:`real_paragraphs`) it is news-size: the
    generated paragraphs interleaved with real ones, shuffled, until it is ``size`` bytes
    long.  The dates inside real paragraphs are not in ``truth``: news-size corpora are for
    measuring speed and memory, short ones for accuracy.
    """
    rng = random.Random(seed)
    days = (last - first).days
    for i in range(n):
        published = first + dt.timedelta(days=rng.randint(0, days))
        w = _Writer(rng, published)
        paragraphs, truth = [], []
        for _ in range(rng.randint(4, 8)):
            sentences = []
            for _ in range(rng.randint(2, 3)):
                roll = rng.random()
                if roll < 0.45:
                    sentence, written, value = w.dated()
                    truth.append({"text": written, "value": value})
                elif roll < 0.65:
                    sentence = w.trap()
                else:
                    sentence = w.pick(FILLER)
                sentences.append(sentence)
            paragraphs.append(" ".join(sentences))
            if rng.random() < 0.1:
                paragraphs.append(w.pick(NOISE))
        if real:
            target, length = rng.randint(*size), sum(len(p) + 1 for p in paragraphs)
            while length < target:
                paragraph = rng.choice(real)
                paragraphs.insert(rng.randint(0, len(paragraphs)), paragraph)
                length += len(paragraph) + 1
        title = f"Report {i:06d}: {w.pick(SUBJECTS)} {w.pick(PAST)}"
        meta = {
            "outlet": f"Wire {rng.randint(1, 25)}",
            "title": title,
            "url": f"https://news.example.org/{published:%Y/%m/%d}/report-{i:06d}",
            "published": published.isoformat(),
        }
        yield SyntheticArticle(f"article_{i:06d}.txt", title + "\n" + "\n".join(paragraphs) + "\n", meta, truth)


def write_corpus(folder: str | Path, n: int, seed: int = 0, real: list[str] | None = None) -> Path:
    """Write ``n`` articles, their ``sources.csv`` and ``truth.jsonl`` (the true dates) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with (
        open(folder / "sources.csv", "w", newline="", encoding="utf-8") as manifest,
        open(folder / "truth.jsonl", "w", encoding="utf-8") as truths,
    ):
        writer = csv.DictWriter(manifest, fieldnames=["file", "outlet", "title", "url", "published", "author"])
        writer.writeheader()
        for article in generate(n, seed, real=real):
            (folder / article.name).write_text(article.text, encoding="utf-8")
            writer.writerow({"file": article.name, **article.meta, "author": ""})
            truths.write(json.dumps({"file": article.name, "truth": article.truth}) + "\n")
    return folder


def read_truth(folder: str | Path) -> Iterator[tuple[str, list[dict]]]:
    """(file name, true dates) pairs written by :func:`write_corpus`."""
    with open(Path(folder) / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            yield record["file"], record["truth"]
