"""Noise removal is linear: ``text.clean`` on pasted texts of 1, 4 and 16 MB, side by side in one run.

    python -m benchmarks.noise [--sizes 1 4 16]

Two shapes each: many short lines (a 4 MB text is about 200,000 lines, a fifth of them web
noise: "Also Read | …", newsletter and share lines, photo credits, repeated headlines) and one
long line with the same noise inside it.  Printed: seconds, MB/s and the time relative to
1 MB, which stays near the size ratio (4x, 16x) when the work is linear.
"""

from __future__ import annotations

import argparse
import time

from timeline.text import clean, sentences

LINES = [
    "The minister resigned on June 5, 2023, after the vote in parliament.",
    "Also Read | Markets rally as investors weigh new data",
    "Sign up for our daily newsletter",
    "Officials said the talks would resume on Monday.",
    "Share this article",
    "The site of the attack, in this picture taken on Oct. 10, 2023. (Jane Doe/AFP via Getty Images)",
    "Breaking: talks collapse",
    "Negotiators met again in Cairo last week, according to two officials.",
    "Breaking: talks collapse",
    "READ MORE: What we know so far",
]


def text_of(megabytes: int, shape: str) -> str:
    block = ("\n" if shape == "lines" else " ").join(LINES) + ("\n" if shape == "lines" else " ")
    return block * (megabytes * 1_000_000 // len(block))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1, 4, 16])
    args = ap.parse_args(argv)
    print(f"{'shape':>10} {'MB':>4} {'lines':>9} {'clean s':>8} {'MB/s':>6} {'x 1 MB':>7} {'+ sentences s':>14}")
    for shape in ("lines", "one line"):
        first = None
        for mb in args.sizes:
            text = text_of(mb, shape)
            started = time.perf_counter()
            cleaned, _ = clean(text)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            sentences(cleaned)
            split = time.perf_counter() - started
            first = first or seconds
            size = len(text.encode()) / 1e6
            print(
                f"{shape:>10} {mb:>4} {text.count(chr(10)) + 1:>9,} {seconds:>8.2f} {size / seconds:>6.1f} "
                f"{seconds / first:>6.1f}x {split:>14.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
