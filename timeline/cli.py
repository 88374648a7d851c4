"""Command line.

python -m timeline extract PATH [PATH ...] [--format csv|json|parquet] [--out FILE]
python -m timeline extract --store STORE [--format ...] [--out FILE]
python -m timeline build CORPUS --store STORE [--jobs N] [--engine local|dask] [--scheduler ADDRESS]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from timeline import load, store
from timeline.export import FORMATS, to_bytes


def _fail(message: str) -> int:
    print(f"timeline: {message}", file=sys.stderr)
    return 2


def _extract(args: argparse.Namespace) -> int:
    if bool(args.store) == bool(args.paths):
        return _fail("give a corpus PATH or --store STORE (one of them)")
    if args.store:
        try:
            snapshot = store.read_snapshot(args.store, articles=False)
        except (FileNotFoundError, store.StoreError) as exc:
            return _fail(str(exc))
        events, problems = snapshot.events, snapshot.problems
        origin = args.store
    else:
        missing = [p for p in args.paths if not Path(p).exists()]
        for p in missing:
            _fail(f"no such file or folder: {p}")
        if missing:
            return 2
        corpus = load(args.paths)
        events, problems, origin = corpus.events, corpus.problems, f"{len(corpus.articles)} articles"
    for problem in problems:
        print(f"timeline: warning: {problem}", file=sys.stderr)
    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() if args.out else "csv")
    if fmt not in FORMATS:
        return _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and not args.out:
        return _fail("parquet is binary; give --out FILE")
    data = to_bytes(events, fmt)
    if args.out:
        try:
            Path(args.out).write_bytes(data)
        except OSError as exc:
            return _fail(f"cannot write {args.out}: {exc.strerror or exc}")
        print(f"timeline: {len(events)} events from {origin} written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8"))
        if not data.endswith(b"\n"):
            sys.stdout.write("\n")
    return 0


def _build(args: argparse.Namespace) -> int:
    try:
        summary = store.build(
            args.corpus,
            args.store,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=not args.quiet,
            wait_for_lock=args.wait,
            chunk_size=args.chunk_size,
        )
    except (FileNotFoundError, store.StoreError) as exc:
        return _fail(str(exc))
    for problem in summary.problems:
        print(f"timeline: warning: {problem}", file=sys.stderr)
    print(f"timeline: {summary}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline", description="News articles in, dated events out.")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print or write the events table of a corpus or a store")
    extract.add_argument("paths", nargs="*", metavar="PATH", help="a folder of .txt articles (with sources.csv)")
    extract.add_argument("--store", metavar="STORE", help="read the events of a store made by `build` instead")
    extract.add_argument("--format", choices=FORMATS, help="output format (default: from --out, else csv)")
    extract.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    extract.set_defaults(run=_extract)

    build = commands.add_parser("build", help="parse a corpus into an incremental Parquet store")
    build.add_argument("corpus", metavar="CORPUS", help="a folder of .txt articles (with sources.csv)")
    build.add_argument("--store", required=True, metavar="STORE", help="the store folder (created if missing)")
    build.add_argument("--jobs", type=int, help="worker processes for the local engine (default: all cores)")
    build.add_argument("--engine", choices=("local", "dask"), default="local", help="process pool, or Dask")
    build.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)")
    build.add_argument("--chunk-size", type=int, default=store.CHUNK_SIZE, help=argparse.SUPPRESS)
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--wait", action="store_true", help="wait for another build of the store instead of stopping")
    build.add_argument("--json", action="store_true", help="also print the summary as JSON on stdout")
    build.set_defaults(run=_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
