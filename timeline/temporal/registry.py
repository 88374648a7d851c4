"""The rule registry: each date rule is one record, as in ctparse.

A rule holds its pattern, the words its expressions can start with (``heads``, naming
lexicon classes such as ``{month}``), how precisely it needs the publication date
(``needs``), its resolver and example texts with their expected values.  The scan's
first words are derived from the heads and a test runs every rule's examples, so a
word added to a pattern without a head, or a rule that stops doing what it says, fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from timeline.temporal.context import Doc
from timeline.temporal.lexicon import CLASSES
from timeline.temporal.values import Resolved

PRECISIONS = ("day", "month", "year")  # what a rule may need of the publication date, finest first


class Hit(NamedTuple):
    """One match of a rule: its named groups, its text and where it is."""

    g: dict[str, str | None]
    text: str
    start: int
    end: int


class Part(NamedTuple):
    """One of several expressions a rule's match holds: "2009-2010" is 2009 and 2010, each where it stands."""

    start: int
    end: int
    resolved: Resolved


class Example(NamedTuple):
    """``text`` written on ``dct`` (ISO, or None for an undated text) holds ``surface`` with ``value``."""

    text: str
    dct: str | None
    surface: str
    value: str


Resolver = Callable[[Hit, Doc], "Resolved | list[Part] | None"]


@dataclass(frozen=True)
class Rule:
    """A date rule: pattern, head words, the publication-date precision it needs, resolver, examples.

    ``needs`` is None for an expression that carries its own year ("March 2025"), else
    "year", "month" or "day" (or a function of the match's groups giving one): "on
    Tuesday" needs the day it was written, "October 9" only the year.  ``first_pass``
    rules are resolved before the others, so that "October 7, 2023" settles a bare
    "October 7" written earlier.  ``in_week`` rules fall back to the month of a
    month-precise publication date instead of inventing a day.  ``year_in_text`` rules can settle the
    year they need from the text itself, without a publication date: an entry of a chronology under "January
    2025", or a bare "October 7" where the article writes "October 7, 2023".
    """

    name: str
    pattern: str
    heads: tuple[str, ...]
    resolve: Resolver
    needs: str | Callable[[dict], str | None] | None
    examples: tuple[Example, ...]
    first_pass: bool = False
    in_week: bool = False
    year_in_text: bool = False

    def precision_needed(self, g: dict) -> str | None:
        return self.needs(g) if callable(self.needs) else self.needs


RULES: list[Rule] = []


def rule(
    name: str,
    pattern: str,
    *,
    heads: tuple[str, ...] | list[str],
    examples: list[tuple[str, str | None, str, str]],
    needs: str | Callable[[dict], str | None] | None = "year",
    first_pass: bool = False,
    in_week: bool = False,
    year_in_text: bool = False,
) -> Callable[[Resolver], Resolver]:
    """Register the decorated resolver as a rule; rules are tried in the order they are registered."""

    def register(resolve: Resolver) -> Resolver:
        if any(r.name == name for r in RULES):
            raise ValueError(f"rule {name!r} registered twice")
        re.compile(pattern)  # a broken pattern fails here, named, not in the combined grammar
        RULES.append(
            Rule(
                name,
                pattern,
                tuple(heads),
                resolve,
                needs,
                tuple(Example(*e) for e in examples),
                first_pass,
                in_week,
                year_in_text,
            )
        )
        return resolve

    return register


def expand(head: str) -> list[tuple[str, ...]]:
    """A head as the word sequences it stands for: "the {ordinal}" is "the first", "the second", …"""
    sequences: list[tuple[str, ...]] = [()]
    for word in head.split():
        if word.startswith("{") and word.endswith("}"):
            options = sorted(CLASSES[word[1:-1]])
        else:
            options = [word]
        sequences = [(*s, _token(o)) for s in sequences for o in options]
    return sequences


_TOKEN = re.compile(r"\d|[^\W\d_]+")


def _token(word: str) -> str:
    """What the scan compares: a word's leading letters, lower-cased ("Sept." → "sept"), or "#" for a number."""
    if word == "#":
        return word
    m = _TOKEN.match(word)
    if m is None:
        raise ValueError(f"head word {word!r} starts with neither a letter nor a digit")
    return "#" if m.group().isdigit() else m.group().lower()
