"""Shared fixtures: the sample corpus and its events, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import timeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
# Headless Chromium on a machine whose only network is the loopback: no background connections to refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def seeds_corpus() -> timeline.Corpus:
    return timeline.load(SEEDS)


@pytest.fixture(scope="session")
def seed_events(seeds_corpus):
    return seeds_corpus.events


@pytest.fixture
def corpus_dir(tmp_path: Path):
    """A folder to write small corpora into: ``corpus_dir.write(name, text)``."""

    class Folder:
        path = tmp_path

        def write(self, name: str, content: str | bytes) -> Path:
            target = tmp_path / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            return target

    return Folder()


def by_day(events: pd.DataFrame) -> pd.DataFrame:
    """An events table indexed by its rows' days ("2025-01-21"): what a test looks a day up in."""
    return events.set_index(events["date"].dt.strftime("%Y-%m-%d"))
