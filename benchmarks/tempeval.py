"""Score the temporal tagger on a TempEval-3 corpus, next to a plain dateparser baseline.

The corpus (TimeML ``.tml`` files and the ``te3.py`` scorer that comes with it) is
not part of this project; point the script at the folder that holds both:

    python benchmarks/tempeval.py PATH/TO/tempeval3 [--split train] [--errors 40]

It prints the scorer's table (strict, relaxed and value P/R/F1 for DATE
expressions and for all types) for ``timeline.temporal.tag`` and for a baseline
that runs ``dateparser.search.search_dates`` over each document with the
document creation time as its base and keeps the precision dateparser reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

from dateparser.search import search_dates

from timeline.temporal import parse_date, tag


def load_scorer(folder: Path):
    spec = importlib.util.spec_from_file_location("te3", folder / "te3.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no te3.py scorer in {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dct_of(doc: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(doc["dct"][:10])
    except (KeyError, TypeError, ValueError):
        return None


def timeline_tagger(text: str, dct: dt.date | None) -> list[dict]:
    return [{"start": t.start, "end": t.end, "value": t.value} for t in tag(text, dct, references=True)]


def baseline_tagger(text: str, dct: dt.date | None) -> list[dict]:
    settings = {"RETURN_TIME_AS_PERIOD": True}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime(dct.year, dct.month, dct.day)
    found = search_dates(text, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for surface, when in found:
        start = text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        parsed = parse_date(surface, dct)
        granularity = parsed[1] if parsed else "day"
        value = {"year": f"{when.year:04d}", "month": f"{when.year:04d}-{when.month:02d}"}.get(
            granularity, when.date().isoformat()
        )
        out.append({"start": start, "end": cursor, "value": value})
    return out


def run(te3, gold_dir: Path, tagger, errors: int) -> tuple[str, float, dict]:
    gold = te3.load_gold(str(gold_dir))
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for name, doc in sorted(gold.items()):
            preds = tagger(doc["text"], dct_of(doc))
            fh.write(json.dumps({"doc": name, "timexes": preds}) + "\n")
    seconds = time.perf_counter() - started
    res, _, _ = te3.score(str(gold_dir), fh.name)
    Path(fh.name).unlink()
    table = te3.fmt_table(res)
    if errors:
        table += "\n" + "\n".join("  " + " | ".join(e) for e in res["DATE"].errors[:errors])
    return table, seconds, res["DATE"].metrics()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="folder with te3.py and the corpus split")
    ap.add_argument("--split", default="train")
    ap.add_argument("--errors", type=int, default=0, help="print the first N DATE errors of timeline")
    ap.add_argument("--no-baseline", action="store_true", help="skip the (slow) dateparser baseline")
    args = ap.parse_args(argv)
    te3 = load_scorer(args.folder)
    gold_dir = args.folder / args.split
    ours, our_s, our_m = run(te3, gold_dir, timeline_tagger, args.errors)
    print(f"timeline.temporal.tag  ({our_s:.1f} s)\n{ours}\n")
    if not args.no_baseline:
        base, base_s, base_m = run(te3, gold_dir, baseline_tagger, 0)
        print(f"dateparser.search.search_dates baseline  ({base_s:.1f} s)\n{base}\n")
        print(
            f"DATE value F1: timeline {100 * our_m['value_f1']:.1f}  baseline {100 * base_m['value_f1']:.1f}"
            f"  | speed: timeline {base_s / max(our_s, 1e-9):.0f}x faster"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
