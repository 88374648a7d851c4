"""timeline: news articles in, a dated, sourced, filterable events table out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from timeline.corpus import Article, Problem, load_corpus
from timeline.events import extract
from timeline.schema import COLUMNS
from timeline.temporal import Timex, tag

__all__ = ["COLUMNS", "Article", "Corpus", "Problem", "Timex", "load", "tag"]
__version__ = "0.1.0"


@dataclass
class Corpus:
    """What loading a corpus gives: the events table, the articles, and what was refused."""

    events: pd.DataFrame
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load(paths: str | Path | Iterable[str | Path]) -> Corpus:
    """Read a folder (or files) of articles and extract every dated event."""
    articles, problems = load_corpus(paths)
    return Corpus(extract(articles, problems=problems), articles, problems)
