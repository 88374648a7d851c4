"""Command line: ``python -m timeline extract PATH [--format csv|json|parquet] [--out FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline import load
from timeline.export import FORMATS, to_bytes


def _extract(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for p in missing:
            print(f"timeline: no such file or folder: {p}", file=sys.stderr)
        return 2
    corpus = load(args.paths)
    for problem in corpus.problems:
        print(f"timeline: warning: {problem}", file=sys.stderr)
    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() if args.out else "csv")
    if fmt not in FORMATS:
        print(f"timeline: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    data = to_bytes(corpus.events, fmt)
    if args.out:
        Path(args.out).write_bytes(data)
        print(
            f"timeline: {len(corpus.events)} events from {len(corpus.articles)} articles written to {args.out}",
            file=sys.stderr,
        )
    elif fmt == "parquet":
        print("timeline: parquet is binary; give --out FILE", file=sys.stderr)
        return 2
    else:
        sys.stdout.write(data.decode("utf-8"))
        if not data.endswith(b"\n"):
            sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline", description="News articles in, dated events out.")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print or write the events table of a corpus")
    extract.add_argument(
        "paths", nargs="+", metavar="PATH", help="a folder of .txt articles (with sources.csv) or files"
    )
    extract.add_argument("--format", choices=FORMATS, help="output format (default: from --out, else csv)")
    extract.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    extract.set_defaults(run=_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
