"""The candidate scan: one grammar joined from the registry, tried only where a rule's head word stands.

Every rule starts at the start of a word, so the scan walks the words and tries the
grammar only at those that some rule's ``heads`` name.  A common word ("the", "a",
"that", a number word) that no rule lists alone is tried only before one of the
words the heads give after it ("the past", "a year").  The result is exactly
``GRAMMAR.finditer``'s (a test checks it), found several times faster.
"""

from __future__ import annotations

import re
from collections import defaultdict

from timeline.temporal import rules as _rules  # noqa: F401  (registers the rules)
from timeline.temporal.registry import RULES, Rule, expand, token_at

GRAMMAR = re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{r.name}>{r.pattern})" for r in RULES) + ")")
RULE_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def _heads() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The first words of every rule, and for the words never a head alone, the words that must follow."""
    alone: set[str] = set()
    before: defaultdict[str, set[str]] = defaultdict(set)
    for r in RULES:
        for head in r.heads:
            for sequence in expand(head):
                if len(sequence) == 1:
                    alone.add(sequence[0])
                else:
                    before[sequence[0]].add(sequence[1])
    conditional = {first: frozenset(following) for first, following in before.items() if first not in alone}
    return frozenset(alone) | frozenset(before), conditional


FIRST_WORDS, NEXT_WORDS = _heads()
_WORD = re.compile(r"\w+")
_GAP = re.compile(r"[\s-]+")


def candidates(text: str) -> list[re.Match]:
    """The grammar's matches in ``text``, left to right and not overlapping (as ``finditer`` gives them)."""
    found: list[re.Match] = []
    pos = 0
    match = GRAMMAR.match
    first_words, next_words = FIRST_WORDS, NEXT_WORDS
    for word in _WORD.finditer(text):
        start = word.start()
        if start < pos:
            continue
        head = token_at(text, start)
        if head not in first_words:
            continue
        needs = next_words.get(head)
        if needs is not None:
            gap = _GAP.match(text, word.end())
            if gap is None or token_at(text, gap.end()) not in needs:
                continue
        m = match(text, start)
        if m:
            found.append(m)
            pos = m.end()
    return found
