"""A persistent, incremental events store for large corpora, built in parallel.

``build(corpus, store)`` parses the articles in chunks, each in a worker
process (or on a Dask cluster), and writes what each chunk contributes (event
rows and names) as Parquet files under the store.  Every article is keyed by
the hash of its bytes and its manifest row: a second build re-parses only new
or changed articles and drops what deleted ones had given.  The corpus-wide
step (actors, event ids) then streams over the chunks and writes
``events.parquet``, which :func:`read_events` loads in one read.

Memory is bounded while parsing (workers write their own files) and while merging (two
streaming passes; what is held for the whole corpus is counts by date and by name, plus one
small record per article).

Layout of a store folder::

    articles.parquet    one row per article: file, content and manifest-row hashes, chunk, metadata
    chunks/NAME.rows.parquet, chunks/NAME.names.parquet
    events.parquet      the events table (the schema's columns)
    problems.json       files skipped and warnings, from the last build
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline.corpus import MANIFEST_NAME, Problem, article_from_bytes, read_bytes, read_manifest
from timeline.events import MergeTables, Names, _Actors, assign_ids, load_taxonomy, parse
from timeline.schema import COLUMNS, DATE_COLUMNS, conform, sort_events

__all__ = ["BuildSummary", "build", "read_articles", "read_events", "read_problems"]

CHUNK_SIZE = 250  # articles a task: large enough to amortise start-up, small enough to spread evenly
ROW_COLUMNS = [*COLUMNS, "actors_raw", "reference"]
MERGE_COLUMNS = ["date", "date_end", "granularity", "category", "reference", "source", "start"]


@dataclass
class BuildSummary:
    """What a build did, for the closing line of the command and for benchmarks."""

    articles: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float = 0.0  # this process: grows with the number of articles (manifest, one record each)
    worker_mb: float = 0.0  # the largest parsing worker: bounded, whatever the corpus size

    def __str__(self) -> str:
        return (
            f"{self.articles:,} articles ({self.parsed:,} parsed, {self.reused:,} unchanged, "
            f"{self.removed:,} removed), "
            f"{self.events:,} events, {len(self.problems):,} skipped or warned, "
            f"{self.seconds:.1f} s, peak memory {self.peak_mb:,.0f} MB (workers {self.worker_mb:,.0f} MB)"
        )

    def to_dict(self) -> dict:
        return {
            "articles": self.articles,
            "parsed": self.parsed,
            "reused": self.reused,
            "removed": self.removed,
            "events": self.events,
            "problems": len(self.problems),
            "seconds": round(self.seconds, 3),
            "peak_mb": round(self.peak_mb, 1),
            "worker_mb": round(self.worker_mb, 1),
        }


def _meta_key(meta: dict | None) -> str:
    return hashlib.sha1(json.dumps(meta or {}, sort_keys=True).encode()).hexdigest()


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix.lower() == ".txt")


def parse_chunk(items: list[tuple[str, dict | None]], chunk: str, store: str) -> tuple[list[dict], list[tuple]]:
    """Parse a chunk of articles and write its rows and names under the store (runs in a worker).

    Returns one record per readable article and the problems met.
    """
    taxonomy = load_taxonomy()
    rows: list[dict] = []
    names: list[dict] = []
    records: list[dict] = []
    problems: list[Problem] = []
    for path, meta in items:
        path = Path(path)
        try:
            data = read_bytes(path)  # read once: hashed here, parsed below
            article = article_from_bytes(path.name, data, meta)
        except (OSError, ValueError) as exc:
            problems.append(Problem(path.name, str(exc)))
            continue
        own: list[Problem] = [Problem(path.name, w) for w in article.warnings]
        article_rows, article_names = parse(article, taxonomy, own)
        problems.extend(own)
        rows.extend(article_rows)
        names.extend(article_names.to_records(article.source))
        records.append(
            {
                "file": path.name,
                "path": str(path.resolve()),
                "source": article.source,
                "content": hashlib.sha1(data).hexdigest(),
                "meta_key": _meta_key(meta),
                "warnings": json.dumps([p.reason for p in own]),
                "size": len(data),
                "mtime_ns": path.stat().st_mtime_ns,
                "chunk": chunk,
                "rows": len(article_rows),
                "title": article.title,
                "outlet": article.outlet,
                "url": article.url,
            }
        )
    folder = Path(store) / "chunks"
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    frame["actors_raw"] = frame["actors_raw"].map(lambda v: list(v) if isinstance(v, list) else [])
    frame["reference"] = frame["reference"].fillna(False).astype(bool)
    frame.to_parquet(folder / f"{chunk}.rows.parquet", index=False)
    pd.DataFrame(names, columns=["source", "kind", "name", "value", "count"]).to_parquet(
        folder / f"{chunk}.names.parquet", index=False
    )
    return records, [(p.file, p.reason) for p in problems]


def _chunks(items: list[tuple[str, dict | None]], size: int) -> Iterator[tuple[str, list]]:
    for i in range(0, len(items), size):
        part = items[i : i + size]
        name = hashlib.sha1("\n".join(p for p, _ in part).encode() + str(time.time_ns()).encode()).hexdigest()[:16]
        yield name, part


def _run_local(tasks: list[tuple[str, list]], store: Path, jobs: int, progress: Callable) -> Iterator[tuple]:
    if jobs <= 1:
        for name, part in tasks:
            yield parse_chunk(part, name, str(store))
            progress(len(part))
        return
    pending = iter(tasks)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        running: dict = {}
        while True:
            while len(running) < 2 * jobs:  # a few chunks in flight, not the whole corpus queued at once
                task = next(pending, None)
                if task is None:
                    break
                name, part = task
                running[pool.submit(parse_chunk, part, name, str(store))] = len(part)
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                progress(running.pop(future))


def _run_dask(tasks: list[tuple[str, list]], store: Path, scheduler: str | None, progress: Callable) -> Iterator[tuple]:
    import dask.bag as db
    from distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True)
    with Client(scheduler or cluster) as client:
        bag = db.from_sequence(tasks, npartitions=max(1, len(tasks)))
        results = bag.map(lambda task: parse_chunk(task[1], task[0], str(store))).compute(scheduler=client.get)
    if cluster is not None:
        cluster.close()
    for (_, part), result in zip(tasks, results, strict=True):
        progress(len(part))
        yield result


def build(
    corpus: str | Path,
    store: str | Path,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: bool = False,
) -> BuildSummary:
    """Bring the store up to date with the corpus folder and write its events table."""
    started = time.perf_counter()
    corpus, store = Path(corpus), Path(store)
    if not corpus.is_dir():
        raise FileNotFoundError(f"no such folder: {corpus}")
    store.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    manifest, refused = read_manifest(corpus / MANIFEST_NAME) if (corpus / MANIFEST_NAME).is_file() else ({}, [])
    summary.problems.extend(refused)
    previous = _read_articles(store)
    known = {r.file: r for r in previous.itertuples()} if not previous.empty else {}
    keep, todo = [], []
    files = _files(corpus)
    listed = {f.name for f in files}
    summary.problems.extend(
        Problem(name, f"listed in {MANIFEST_NAME} but no such file") for name in manifest if name not in listed
    )
    for path in files:
        meta = manifest.get(path.name)
        old = known.get(path.name)
        if old is not None and old.meta_key == _meta_key(meta):
            stat = path.stat()
            unchanged = (stat.st_size, stat.st_mtime_ns) == (old.size, old.mtime_ns)
            if not unchanged and hashlib.sha1(path.read_bytes()).hexdigest() == old.content:
                unchanged = True  # touched, not changed: the content hash decides
                old = old._replace(mtime_ns=stat.st_mtime_ns)
            if unchanged:
                keep.append(old._asdict())
                summary.problems.extend(Problem(path.name, w) for w in json.loads(old.warnings))
                continue
        todo.append((str(path), meta))
    summary.reused = len(keep)
    gone = sorted(set(known) - listed)
    summary.removed = len(gone)
    summary.problems.extend(Problem(name, "no longer in the corpus: its events are dropped") for name in gone)
    tasks = list(_chunks(todo, chunk_size))
    bar = _progress_bar(len(todo), enabled=progress)
    runner = (
        _run_dask(tasks, store, scheduler, bar.update)
        if engine == "dask"
        else _run_local(tasks, store, jobs or os.cpu_count() or 1, bar.update)
    )
    records = list(keep)
    for chunk_records, chunk_problems in runner:
        records.extend(chunk_records)
        summary.problems.extend(Problem(f, r) for f, r in chunk_problems)
    bar.close()
    summary.parsed = len(records) - len(keep)
    articles = pd.DataFrame(records).drop(columns=["Index"], errors="ignore")
    del records, keep
    _write_articles(store, articles)  # also when nothing changed: touched files' new modification times
    events_file = store / "events.parquet"
    if summary.parsed or summary.removed or not events_file.is_file():
        _drop_unused_chunks(store, articles)
        summary.events = _finalize(store, articles)
    else:  # nothing changed: the events table stands as it is
        summary.events = pq.ParquetFile(events_file).metadata.num_rows
    summary.articles = len(articles)
    (store / "problems.json").write_text(
        json.dumps([{"file": p.file, "reason": p.reason} for p in summary.problems], indent=1), encoding="utf-8"
    )
    summary.seconds = time.perf_counter() - started
    summary.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary.worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return summary


def _progress_bar(total: int, enabled: bool):
    if enabled:
        from tqdm import tqdm

        return tqdm(total=total, unit="article", desc="parsing", smoothing=0.1)

    class _Silent:
        def update(self, n: int) -> None:
            pass

        def close(self) -> None:
            pass

    return _Silent()


def _read_articles(store: Path) -> pd.DataFrame:
    path = store / "articles.parquet"
    return pd.read_parquet(path) if path.is_file() else pd.DataFrame()


def _write_articles(store: Path, articles: pd.DataFrame) -> None:
    articles.sort_values("file", kind="stable").to_parquet(store / "articles.parquet", index=False)


def _drop_unused_chunks(store: Path, articles: pd.DataFrame) -> None:
    live = set(articles["chunk"]) if not articles.empty else set()
    for path in (store / "chunks").glob("*.parquet"):
        if path.name.split(".")[0] not in live:
            path.unlink()


def _live_rows(store: Path, chunk: str, sources: set[str], columns: list[str] | None = None) -> pd.DataFrame:
    """A chunk's rows that belong to articles whose current rows live in that chunk."""
    rows = pd.read_parquet(store / "chunks" / f"{chunk}.rows.parquet", columns=columns)
    return rows[rows["source"].isin(sources)].reset_index(drop=True)


def _finalize(store: Path, articles: pd.DataFrame) -> int:
    """The corpus-wide step, in two streaming passes over the chunks.

    The first gathers what merging and name resolution need of the whole corpus (counts by
    date and by name: small, whatever the corpus size); the second completes each chunk's rows
    (event ids, categories, actors) and appends them to the events table.
    """
    chunks = sorted(set(articles["chunk"])) if not articles.empty else []
    live = {chunk: set(group) for chunk, group in articles.groupby("chunk")["source"]}
    actors, tables = _Actors(), MergeTables()
    for chunk in chunks:
        names = _chunk_names(store, chunk, live[chunk])
        acronyms = names[names["kind"] == "acronym"]
        actors.add(
            dict(zip(acronyms["name"], acronyms["value"], strict=True)),
            names[names["kind"] == "full"].groupby("name")["count"].sum().to_dict(),
            names[names["kind"] == "single"].groupby("name")["count"].sum().to_dict(),
        )
        tables.add(_live_rows(store, chunk, live[chunk], MERGE_COLUMNS))
    schema = pa.Schema.from_pandas(conform([]), preserve_index=False)
    written = 0
    with pq.ParquetWriter(store / "events.parquet", schema) as writer:
        for chunk in chunks:
            rows = _live_rows(store, chunk, live[chunk])
            if rows.empty:
                continue
            rows = assign_ids(rows, tables)
            names = Names.from_records(_chunk_names(store, chunk, live[chunk]).to_dict("records"))
            actors.local = {source: n.full for source, n in names.items()}
            rows["actors"] = [
                actors.resolve(raw, source) for raw, source in zip(rows["actors_raw"], rows["source"], strict=True)
            ]
            writer.write_table(pa.Table.from_pandas(conform(rows), schema=schema, preserve_index=False))
            written += len(rows)
    actors.local = {}
    return written


def _chunk_names(store: Path, chunk: str, sources: set[str]) -> pd.DataFrame:
    names = pd.read_parquet(store / "chunks" / f"{chunk}.names.parquet")
    return names[names["source"].isin(sources)]


def read_events(store: str | Path) -> pd.DataFrame:
    """The events table of a store, sorted as :func:`timeline.events.extract` sorts it."""
    path = Path(store) / "events.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"no events in {store}: run `python -m timeline build CORPUS --store {store}`")
    return sort_events(conform(pd.read_parquet(path)))


def read_problems(store: str | Path) -> list[Problem]:
    path = Path(store) / "problems.json"
    if not path.is_file():
        return []
    return [Problem(p["file"], p["reason"]) for p in json.loads(path.read_text(encoding="utf-8"))]


def read_articles(store: str | Path) -> pd.DataFrame:
    """One row per article in the store: file, path, source, title, outlet, url."""
    return _read_articles(Path(store))
