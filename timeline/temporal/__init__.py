"""Temporal tagging: find temporal expressions in news text and normalise them to TimeML.

Candidates are found by one grammar joined from the rule registry (cheap, linear),
guarded against the usual traps (counts, unit numbers, "may" the verb), and resolved
by each rule's resolver, with dateparser (wrapped in :func:`parse_date` with explicit
settings) reading month and day.  Expressions without a year are resolved against the
publication date (the document creation time, *dct*) with the tense of their clause;
expressions relative to another event ("ten days after the attack") are anchored on the
date the text last established.  What cannot be resolved with confidence is left out:
a missing date is better than a wrong one.

- ``lexicon.toml``/``lexicon.py``: the words, as data
- ``registry.py``: the rule record and ``@rule``
- ``rules.py``: the rules, each with its pattern, heads, resolver and examples
- ``scan.py``: the joined grammar and the scan over head words derived from the rules
- ``context.py``: the document, tense and guards; ``values.py``: TimeML values and intervals
- ``parsing.py``: dateparser; ``tagger.py``: :func:`tag`
"""

from timeline.temporal.context import Timex
from timeline.temporal.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from timeline.temporal.parsing import parse_date
from timeline.temporal.registry import RULES, Rule
from timeline.temporal.scan import GRAMMAR, candidates
from timeline.temporal.tagger import tag
from timeline.temporal.values import GRANULARITIES, TYPES

__all__ = [
    "GRAMMAR",
    "GRANULARITIES",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "RULES",
    "TYPES",
    "WEEKDAYS",
    "Rule",
    "Timex",
    "candidates",
    "parse_date",
    "tag",
]
