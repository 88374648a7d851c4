"""Scale benchmark: throughput and accuracy against a dateparser baseline, scaling, dashboard work.

    python -m benchmarks.scale [--sizes 1000 10000 100000] [--baseline 500] [--events 10000 100000]

Everything is measured side by side in one run and printed as tables:

1. Extraction on one core: ``timeline`` (the whole pipeline: cleaning, tagging, events, the
   corpus-wide step) against ``dateparser.search.search_dates`` over each article, on the same
   news-size articles (3-6 KB: generated dated sentences recombined with the paragraphs of the
   real articles in ``seeds/``); then both sides' precision and recall of the dates they find,
   on short generated articles whose every date is known (``timeline.synthetic``).
2. Scaling: ``python -m timeline build`` on 1k, 10k and 100k news-size articles (all cores),
   wall time, memory of the main process and of the largest worker, and the seconds each stage
   took (read, clean, tag, events, write: summed over the workers; merge: the corpus-wide
   step, wall time); then an unchanged rebuild, and a rebuild after an edit of 1 % of the articles
   (with the chunks whose events it completed again, those it kept, and the rows it completed).
3. Dashboard work per filter change (filter + figure) on synthetic events tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dateparser.search import search_dates

from timeline.corpus import parse_article
from timeline.events import load_taxonomy, parse
from timeline.merge import finalize
from timeline.synthetic import generate, real_paragraphs, write_corpus
from timeline.temporal import parse_date, tag

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WARM_UP = 1000
REPEATS = 3  # batches of different articles each side is timed on; its best run is kept (the machine is noisy)


def _best_of(batches: list[list], work) -> float:
    """The fastest run of ``work`` over batches of different articles (nothing is timed twice on the same text)."""
    times = []
    for batch in batches:
        started = time.perf_counter()
        work(batch)
        times.append(time.perf_counter() - started)
    return min(times)


def _score(found: Counter, truth: Counter) -> tuple[int, int, int]:
    hit = sum((found & truth).values())
    return hit, sum(found.values()), sum(truth.values())


def _baseline_dates(text: str, published: dt.date) -> Counter:
    base = dt.datetime(published.year, published.month, published.day)
    found = Counter()
    for surface, when in search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []:
        parsed = parse_date(surface.strip(), published)
        granularity = parsed[1] if parsed else "day"
        value = {"year": f"{when.year:04d}", "month": f"{when.year:04d}-{when.month:02d}"}.get(
            granularity, when.date().isoformat()
        )
        found[(surface.strip(), value)] += 1
    return found


def throughput(n: int, seed: int) -> list[tuple]:
    """Both sides on the same ``n`` articles, one core; accuracy of the dates each finds.

    Both are warmed up first on other articles (imports, dateparser's language data, the
    tagger's cache of month-and-day readings), so what is timed is the steady state that a
    corpus of thousands of articles sees.
    """
    real = real_paragraphs(SEEDS)
    batches = [list(generate(n, seed=seed + 100 * k, real=real)) for k in range(REPEATS)]
    articles = list(generate(n, seed=seed))  # short, every date known: for accuracy
    megabytes = sum(len(a.text.encode()) for a in batches[0]) / 1e6  # batches are alike in size
    taxonomy = load_taxonomy()
    results = []
    for i, a in enumerate(generate(WARM_UP, seed=seed + 1)):
        parse(parse_article(a.text, a.name, a.meta), taxonomy)
        if i < 50:  # the baseline keeps no cache across articles: a little warm-up is all it gets from more
            _baseline_dates(a.text, dt.date.fromisoformat(a.meta["published"]))

    def pipeline(batch: list) -> None:
        rows, names = [], {}
        for a in batch:
            article = parse_article(a.text, a.name, a.meta)
            article_rows, names[article.source] = parse(article, taxonomy)
            rows.extend(article_rows)
        finalize(rows, names)

    seconds = _best_of(batches, pipeline)
    hits = found = truth_total = 0
    for a in articles:  # accuracy, outside the timing: the dates the pipeline's tagger finds
        article = parse_article(a.text, a.name, a.meta)
        dates = Counter((t.text, t.value) for t in tag(article.clean_text, article.published) if t.is_calendar)
        h, f, t = _score(dates, Counter((d["text"], d["value"]) for d in a.truth))
        hits, found, truth_total = hits + h, found + f, truth_total + t
    results.append(("timeline (whole pipeline)", n, seconds, megabytes, hits, found, truth_total))

    def baseline(batch: list) -> list[Counter]:
        return [_baseline_dates(a.text, dt.date.fromisoformat(a.meta["published"])) for a in batch]

    seconds = _best_of(batches, baseline)
    per_article = baseline(articles)  # accuracy on the short articles
    hits = found = truth_total = 0
    for a, dates in zip(articles, per_article, strict=True):
        h, f, t = _score(dates, Counter((d["text"], d["value"]) for d in a.truth))
        hits, found, truth_total = hits + h, found + f, truth_total + t
    results.append(("dateparser search_dates", n, seconds, megabytes, hits, found, truth_total))
    return results


def scaling(sizes: list[int], seed: int, workdir: Path) -> list[dict]:
    out = []
    for n in sizes:
        corpus = write_corpus(workdir / f"corpus-{n}", n, seed=seed, real=real_paragraphs(SEEDS))
        store = workdir / f"store-{n}"
        for run in ("first build", "unchanged rebuild", "1% edited"):
            if run == "1% edited":
                edit_one_percent(corpus, seed)
            command = [
                sys.executable,
                "-m",
                "timeline",
                "build",
                str(corpus),
                "--store",
                str(store),
                "--quiet",
                "--json",
            ]
            result = subprocess.run(command, capture_output=True, text=True, check=True)
            summary = json.loads(result.stdout.strip().splitlines()[-1])
            out.append({"articles": n, "run": run, **summary})
    return out


def edit_one_percent(corpus: Path, seed: int) -> None:
    """An analyst's edit: one article in a hundred gets a new dated sentence (names and dates others have too)."""
    import random

    files = sorted(corpus.glob("*.txt"))
    lines = [line for f in files[:50] for line in f.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    rng = random.Random(seed)
    for f in rng.sample(files, max(1, len(files) // 100)):
        f.write_text(f.read_text(encoding="utf-8") + "\n" + rng.choice(lines) + "\n", encoding="utf-8")


def dashboard(sizes: list[int]) -> list[tuple]:
    import timeline
    from benchmarks.dashboard import synthetic, time_change
    from timeline import filters

    seeds = timeline.load(Path(__file__).resolve().parent.parent / "seeds").events
    change = filters.Filters(categories=("attack", "resignation"))
    rows = []
    for n in sizes:
        events = synthetic(seeds, n)
        shown = filters.apply(events, change)
        rows.append((n, len(shown), 1000 * time_change(events, change, "category", 3)))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--baseline", type=int, default=500, help="articles for the side-by-side throughput")
    ap.add_argument("--events", type=int, nargs="*", default=[10000, 100000])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workdir", type=Path, help="where corpora and stores go (default: a temporary folder)")
    args = ap.parse_args(argv)

    if args.baseline > 0:  # "--baseline 0": the scaling and the dashboard only
        print(f"1. Extraction, one core, same news-size articles (best of {REPEATS} runs each); accuracy on short ones")
        print(f"{'':28} {'articles':>8} {'art/s':>8} {'MB/s':>7} {'precision':>9} {'recall':>7}")
        results = throughput(args.baseline, args.seed)
        for name, n, seconds, mb, hits, found, truth in results:
            precision, recall = hits / max(found, 1), hits / max(truth, 1)
            print(f"{name:28} {n:>8} {n / seconds:>8.1f} {mb / seconds:>7.3f} {precision:>9.3f} {recall:>7.3f}")
        ratio = (results[0][1] / results[0][2]) / (results[1][1] / results[1][2])
        print(f"throughput ratio timeline / baseline: {ratio:.1f}x\n")

    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        print("2. Scaling: python -m timeline build (all cores)")
        stages = ("read", "clean", "tag", "events", "write", "tables", "complete", "table")
        print(
            f"{'articles':>9} {'run':>18} {'seconds':>8} {'art/s':>8} {'events':>9} {'main MB':>8} {'worker MB':>9}"
            + "".join(f" {s:>7}" for s in stages)
            + f" {'parsed':>7} {'chunks':>8} {'rows redone':>12}"
        )
        for r in scaling(args.sizes, args.seed, workdir):
            rate = f"{r['articles'] / r['seconds']:>8.0f}" if r["run"] == "first build" else f"{'-':>8}"
            row = (
                f"{r['articles']:>9} {r['run']:>18} {r['seconds']:>8.1f} {rate} {r['events']:>9} "
                f"{r['peak_mb']:>8.0f} {r['worker_mb']:>9.0f}"
            )
            row += "".join(f" {r.get('stages', {}).get(s, 0.0):>7.1f}" for s in stages)
            chunks = f"{r['completed']}/{r['completed'] + r['kept']}"
            print(row + f" {r['parsed']:>7} {chunks:>8} {r.get('redone', 0):>12}")
        print("(stage seconds: read to write summed over the parsing workers; then wall time of the corpus-wide")
        print(" step: its tables (counted from every chunk, or the last build's revised), each chunk's part")
        print(" completed, and the one-file table; parsed: articles parsed; chunks: chunks whose events were")
        print(" completed (again) whole / all chunks; rows redone: rows completed, whole chunks' and those a change")
        print(" reached in the others)")
    print()
    print("3. Dashboard: one filter change (filter + figure), median of 3")
    print(f"{'events':>9} {'shown':>8} {'ms':>8}")
    for n, shown, ms in dashboard(args.events):
        print(f"{n:>9} {shown:>8} {ms:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
