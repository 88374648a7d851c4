"""Server work per filter change in the dashboard: filtering plus building the chart figure.

    python benchmarks/dashboard.py [--sizes 10000 100000] [--repeat 5]

Prints, for the sample corpus and for synthetic events tables of the given
sizes, the median time of one filter change (filters.apply + chart.figure),
side by side in one run.  Parsing is not part of it: the app caches it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

import timeline
from timeline import chart, filters

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def synthetic(events: pd.DataFrame, size: int, seed: int = 7) -> pd.DataFrame:
    """``size`` events shaped like the real ones: dates over five years, real categories, actors and outlets."""
    rng = np.random.default_rng(seed)
    picks = events.iloc[rng.integers(0, len(events), size)].reset_index(drop=True)
    start = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, size), unit="D")
    span = picks["date_end"] - picks["date"]
    return picks.assign(
        date=start,
        date_end=start + span,
        event_id=[f"e{i // 3:07d}" for i in range(size)],  # about three mentions an event
        outlet=[f"Outlet {i}" for i in rng.integers(0, 40, size)],
        source=[f"a{i:07d}" for i in rng.integers(0, size // 5 + 1, size)],
    )


def time_change(events: pd.DataFrame, f: filters.Filters, lane: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        shown = filters.apply(events, f)
        chart.figure(shown, lane)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    seeds = timeline.load(SEEDS).events
    tables = {"seeds": seeds} | {f"{n:,} synthetic": synthetic(seeds, n) for n in args.sizes}
    changes = {
        "category filter": filters.Filters(categories=("attack", "resignation")),
        "text search": filters.Filters(text="resign"),
        "one year": filters.Filters(start=pd.Timestamp("2024-01-01").date(), end=pd.Timestamp("2024-12-31").date()),
    }
    print(f"{'events':>18} {'change':>16} {'lane':>9} {'rows shown':>11} {'median ms':>10}")
    for name, events in tables.items():
        for label, f in changes.items():
            for lane in ("category", "actor"):
                ms = 1000 * time_change(events, f, lane, args.repeat)
                print(f"{name:>18} {label:>16} {lane:>9} {len(filters.apply(events, f)):>11,} {ms:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
