"""The candidate scan: the registry's grammar, tried only where a rule's head word stands.

Every rule starts at the start of a word, so the scan walks the words and tries a
grammar only at those that some rule's ``heads`` name, and only the grammar of the
rules that can start with that word (no other rule can match there).  A common word
("the", "a", "that", a number word) that no rule lists alone is tried only before one
of the words the heads give after it ("the past", "a year").  The result is exactly
``GRAMMAR.finditer``'s over each line (tests check it), found several times faster: a date never runs on
over a line's end (a newline ends a sentence too, ``text.sentences``).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from itertools import accumulate

from timeline.temporal import rules as _rules  # noqa: F401  (registers the rules)
from timeline.temporal.registry import RULES, Rule, expand

RULE_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def _join(rules: list[Rule]) -> re.Pattern:
    return re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{r.name}>{r.pattern})" for r in rules) + ")")


GRAMMAR = _join(RULES)


@functools.cache
def _grammar_of(rules: tuple[int, ...]) -> re.Pattern:
    """The grammar of some rules, in registry order; the heads that start the same rules share it."""
    return _join([RULES[i] for i in rules])


def _heads() -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, tuple[int, ...]]]:
    """The first words of every rule; for the words never a head alone, the words that must follow them;
    and for each first word, the rules that can start with it."""
    alone: set[str] = set()
    before: defaultdict[str, set[str]] = defaultdict(set)
    starting: defaultdict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(RULES):
        for head in r.heads:
            for sequence in expand(head):
                starting[sequence[0]].add(i)
                if len(sequence) == 1:
                    alone.add(sequence[0])
                else:
                    before[sequence[0]].add(sequence[1])
    conditional = {first: frozenset(following) for first, following in before.items() if first not in alone}
    rules = {first: tuple(sorted(indexes)) for first, indexes in starting.items()}
    return frozenset(starting), conditional, rules


FIRST_WORDS, NEXT_WORDS, _RULES_AT = _heads()
# A word split into what the heads compare and the rest: its first digit, or its leading letters
# ("Sept." → "Sept", "Q3" → "Q").  ``split`` gives [gap, head, rest, gap, head, rest, …, gap].
_WORD = re.compile(r"(\d|[^\W\d_]+)(\w*)")
_DIGIT = re.compile(r"\d")
_GAP = re.compile(r"[\s-]+")
_SEP = "\0"  # never in a head (heads are letters or one digit)


def candidates(text: str) -> list[re.Match]:
    """The grammar's matches in ``text``, left to right and not overlapping (as ``finditer`` gives them, line
    by line).

    The words are split, keyed and looked up by whole-list operations; Python only loops over the
    words that are some rule's head."""
    pieces = _WORD.split(text)
    keys = _DIGIT.sub("#", _SEP.join(pieces[1::3])).lower().split(_SEP)
    rules_at, next_words = _RULES_AT, NEXT_WORDS
    hits = [j for j, key in enumerate(keys) if key in rules_at]
    if not hits:
        return []
    offsets = list(accumulate(map(len, pieces)))  # offsets[3j] is where word j starts
    found: list[re.Match] = []
    pos, last, gap, grammar_of = 0, len(keys) - 1, _GAP.fullmatch, _grammar_of
    for j in hits:
        start = offsets[3 * j]
        if start < pos:
            continue
        key = keys[j]
        needs = next_words.get(key)
        if needs is not None and (j == last or keys[j + 1] not in needs or not gap(pieces[3 * j + 3])):
            continue
        grammar = grammar_of(rules_at[key])
        m = grammar.match(text, start)
        if m and (newline := text.find("\n", start, m.end())) >= 0:
            m = grammar.match(text, start, newline)  # a date ends with its line: "November 9\n\n1989: …" is two
        if m:
            found.append(m)
            pos = m.end()
    return found
