"""A persistent, incremental events store for large corpora, built in parallel, safe against crashes.

``build(corpus, store)`` parses the articles in chunks, each in a worker
process (or on a Dask cluster), and writes what each chunk contributes (event
rows and names) as Parquet files under the store.  Every article is keyed by
the hash of its bytes and its manifest row: a second build re-parses only new
or changed articles and drops what deleted ones had given.  The corpus-wide
step (actors, event ids) then runs over the chunks, in the workers too, and
writes the events table a part per chunk; a chunk that no change of the
corpus-wide decisions reaches keeps its part of the last build's table.  The
parts are then copied, in the table's order, into one file with large row
groups: a query over hundreds of small files pays for opening each of them,
and the dashboard asks several questions per click.

Crash safety, as SQLite and Delta Lake promise it: a reader sees the old state
or the new one, never a mix.  Every file is written under a temporary name and
renamed into place; a build's tables are new files named after its generation
(events first, then articles and problems), and the build is committed by
replacing ``CURRENT`` (a small JSON file naming them) in one rename.  A build
killed at any moment leaves the last committed snapshot intact, and the next
build starts from it (re-parsing what that snapshot does not cover).  Readers
read ``CURRENT`` and then exactly the files it names; the files of the previous
snapshot are kept one build longer for readers still on it.  One build at a
time: a second one waits for the lock or is refused with a message.

Layout of a store folder::

    CURRENT                  the committed snapshot: its generation and the files below that make it
    events.GEN/CHUNK.parquet the events table (the schema's columns), one part per chunk: what a build reuses
    table.GEN.parquet        the same rows in one file, in the table's order: what readers read
    merge.GEN.pickle         the corpus-wide tables it was completed with: what the next build compares
    articles.GEN.parquet     one row per article: file, content and manifest-row hashes, chunk, metadata
    problems.GEN.json        files skipped and warnings, from that build
    chunks/NAME.rows.parquet, chunks/NAME.names.parquet
    .lock                    held by the build that is writing
"""

from __future__ import annotations

import contextlib
import copyreg
import ctypes
import errno
import fcntl
import functools
import hashlib
import io
import json
import multiprocessing
import os
import pickle
import resource
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from timeline.corpus import Problem, corpus_files, folder_manifest, missing_files, read_bytes, read_or_report
from timeline.events import load_taxonomy, parse
from timeline.filters import sql_literal
from timeline.merge import Changes, CorpusStep, counter_of, mentions_frame, without_cycle_collection
from timeline.schema import ARROW_STRINGS, NAME_COLUMNS, ORDER, conform

__all__ = [
    "BuildSummary",
    "Committed",
    "Snapshot",
    "StoreBusy",
    "StoreError",
    "build",
    "committed",
    "generation",
    "read_articles",
    "read_events",
    "read_problems",
    "read_snapshot",
]

READ_THREADS = 4  # threads that read the events table's parts and put its columns in order
CHUNK_SIZE = 250  # articles a task: large enough to amortise start-up, small enough to spread evenly
CHUNK_SCHEMAS = {  # what the merge reads of a chunk's files, in types every chunk's file can be read as
    "rows": pa.schema(
        [
            *((name, pa.timestamp("ns")) for name in ("date", "date_end")),
            *((name, pa.string()) for name in ("granularity", "category")),
            ("reference", pa.bool_()),
            ("source", pa.string()),
            ("start", pa.int64()),
            ("actors_raw", pa.list_(pa.string())),
            *((name, pa.string()) for name in ("places", "title", "agent")),
        ]
    ),
    "names": pa.schema([*((name, pa.string()) for name in ("source", "kind", "name", "value")), ("count", pa.int64())]),
}
MERGE_COLUMNS = CHUNK_SCHEMAS["rows"].names
# what Changes.touched reads of a chunk's rows, and what lines them up with the last build's part
TOUCH_COLUMNS = [
    "date",
    "date_end",
    "granularity",
    "category",
    "reference",
    "date_text",
    "published",
    "actors_raw",
    "source",
    "start",
]
CURRENT = "CURRENT"
LOCK = ".lock"
TEMPORARY = ".tmp-"  # in the name of every file still being written
CRASH_AT = "TIMELINE_CRASH_AT"  # tests: the build kills itself (SIGKILL) at this stage


class StoreError(Exception):
    """The store cannot be used as it is; the message says what to do."""


class StoreBusy(StoreError):
    """Another build holds the store's lock."""


class _BadChunk(Exception):
    """A chunk file went bad between the check and the merge: its articles must be parsed again."""

    def __init__(self, chunk: str, error: Exception | str):
        super().__init__(f"chunk {chunk} unreadable: {error}")
        self.chunk, self.error = chunk, str(error)

    def __reduce__(self) -> tuple:  # raised in a merge worker, it crosses to the build whole
        return (type(self), (self.chunk, self.error))


@dataclass
class BuildSummary:
    """What a build did, for the closing line of the command and for benchmarks."""

    articles: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    completed: int = 0  # chunks whose events the corpus-wide step completed (again)
    kept: int = 0  # chunks whose part of the last events table was kept, but for the rows a change reached
    redone: int = 0  # rows the corpus-wide step completed: every row at first, after an edit what it reaches
    revised: bool = False  # the last build's corpus-wide tables were revised, not counted again from every chunk
    seconds: float = 0.0
    stages: Counter = field(default_factory=Counter)  # seconds per stage, summed over the workers
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
            "completed": self.completed,
            "kept": self.kept,
            "redone": self.redone,
            "revised": self.revised,
            "seconds": round(self.seconds, 3),
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
            "peak_mb": round(self.peak_mb, 1),
            "worker_mb": round(self.worker_mb, 1),
        }


# --------------------------------------------------------------------------
# Files: written whole or not at all
# --------------------------------------------------------------------------


def _checkpoint(stage: str) -> None:
    """Where a test may kill the build for real (SIGKILL, no clean-up) to prove a crash there is harmless.

    Reached in the process that merges too: the build that started it is killed first."""
    if os.environ.get(CRASH_AT) == stage:
        if _BUILD_PID is not None and os.getpid() != _BUILD_PID:
            os.kill(_BUILD_PID, signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)


_BUILD_PID: int | None = None  # the process that runs build(), in the processes it forks


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it is synced and renamed to ``path`` in one step."""
    temporary = path.with_name(f"{path.name}{TEMPORARY}{os.getpid()}")
    try:
        yield temporary
        with open(temporary, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temporary, path)
        _fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


@contextlib.contextmanager
def _atomic_folder(path: Path) -> Iterator[Path]:
    """Yield a temporary folder to fill; on success its files are synced and it is renamed to ``path``."""
    temporary = path.with_name(f"{path.name}{TEMPORARY}{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    try:
        yield temporary
        for part in temporary.iterdir():
            with open(part, "rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(temporary)
        shutil.rmtree(path, ignore_errors=True)  # left by a build killed before its commit: no snapshot names it
        os.replace(temporary, path)
        _fsync_dir(path.parent)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    with _atomic(path) as temporary:
        frame.to_parquet(temporary, index=False)


def _write_json(data: object, path: Path) -> None:
    with _atomic(path) as temporary:
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")


@contextlib.contextmanager
def _lock(store: Path, wait_for_it: bool) -> Iterator[None]:
    """One build at a time.  The lock is the kernel's (flock): a killed build releases it by dying."""
    handle = open(store / LOCK, "a+")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            if not wait_for_it:
                raise StoreBusy(
                    f"another build is writing to {store} ({holder}); wait for it to finish, or pass --wait"
                ) from None
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock


# --------------------------------------------------------------------------
# Snapshots: what readers see
# --------------------------------------------------------------------------


@dataclass
class Snapshot:
    """One committed state of the store: its tables, all from the same build."""

    generation: int
    events: pd.DataFrame
    articles: pd.DataFrame
    problems: list[Problem]


def _current(store: Path) -> dict | None:
    """The committed snapshot's description, or None when no build has completed (or CURRENT is damaged)."""
    try:
        current = json.loads((store / CURRENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    keys = ("generation", "events", "articles", "problems")
    if not isinstance(current, dict) or not all(k in current for k in keys):
        return None
    return current


def generation(store: str | Path) -> int | None:
    """The committed generation (a number that grows with every build), or None: what a cache is keyed on."""
    current = _current(Path(store))
    return int(current["generation"]) if current else None


def _missing(store: Path) -> FileNotFoundError:
    return FileNotFoundError(f"no events in {store}: run `python -m timeline build CORPUS --store {store}`")


def read_snapshot(store: str | Path, *, events: bool = True, articles: bool = True) -> Snapshot:
    """The committed snapshot: events, articles and problems of one build, never a mix of two.

    A build that commits while this reads may prune the files read here two builds later; a
    read that loses such a race reads the new snapshot instead.
    """
    store = Path(store)
    last_error: Exception | None = None
    for _ in range(5):
        files = committed(store)
        try:
            frame = _read_events_table(files.events) if events else pd.DataFrame()
            table = pd.read_parquet(files.articles) if articles else pd.DataFrame()
        except (OSError, ValueError, pa.ArrowException) as exc:
            last_error = exc
            if generation(store) == files.generation:
                break  # not a race: the committed files themselves are damaged
            continue
        return Snapshot(files.generation, frame, table, files.problems)
    raise StoreError(f"the store {store} is damaged ({last_error}); run the build again to repair it")


@dataclass
class Committed:
    """The files of the committed snapshot, for a reader that queries them where they lie (the dashboard's
    engine) instead of reading them whole.  A build prunes a snapshot's files two builds after it."""

    generation: int
    events: list[Path]  # the events table: one file in its row order, or (older stores) one part per chunk
    articles: Path
    problems: list[Problem]


def committed(store: str | Path) -> Committed:
    """The committed snapshot's files (every one of them present) and its problems."""
    store = Path(store)
    for _ in range(5):
        current = _current(store)
        if current is None:
            raise _missing(store)
        try:
            table = current.get("table")
            parts = [store / table] if table else _event_parts(store / current["events"])
            raw = json.loads((store / current["problems"]).read_text(encoding="utf-8"))
            articles = store / current["articles"]
            if all(p.is_file() for p in [*parts, articles]):
                problems = [Problem(p["file"], p["reason"]) for p in raw]
                return Committed(int(current["generation"]), parts, articles, problems)
        except (OSError, ValueError):
            pass
        if generation(store) == int(current["generation"]):
            break  # not a race: the committed files themselves are missing or damaged
    raise StoreError(f"the store {store} is damaged (its committed files are missing); run the build again")


def _event_parts(path: Path) -> list[Path]:
    """The files of an events table: one per chunk in a folder, or (stores of earlier versions) one file."""
    return sorted(path.glob("*.parquet")) if path.is_dir() else [path]


def _read_events_table(parts: list[Path]) -> pd.DataFrame:
    """The events table in its row order (``ORDER``), sorted in Arrow (a table already in order stays so).

    The parts are read, and the columns put in order, on threads (Arrow works outside the GIL):
    at a million rows this takes half the time of one read after another and a pandas sort."""
    if not parts:
        return conform([])
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        table = pa.concat_tables(list(pool.map(pq.read_table, parts))).combine_chunks()
        order = pc.sort_indices(table.select(ORDER), sort_keys=[(name, "ascending") for name in ORDER])
        columns = list(pool.map(lambda column: column.take(order), table.columns))
        names = table.column_names
        del table
    # Text columns become pandas' Arrow-backed strings without a copy (the schema's "string" type is
    # Arrow-backed): the frame holds the very buffers read from the Parquet files, and pandas runs its
    # string filters as Arrow kernels.  Default conversion makes NaN-strings that conform() copies again.
    frame = pa.Table.from_arrays(columns, names=names).to_pandas(types_mapper=ARROW_STRINGS.get)
    del columns
    pa.default_memory_pool().release_unused()  # the read's decode buffers go back to the system
    return conform(frame)


def _events_rows(path: Path) -> int | None:
    """Rows in an events table, or None when it is missing or a part of it is unreadable."""
    if not path.exists():
        return None
    try:
        return sum(pq.read_metadata(part).num_rows for part in _event_parts(path))
    except (OSError, ValueError, pa.ArrowException):
        return None


def read_events(store: str | Path) -> pd.DataFrame:
    """The events table of a store, sorted as :func:`timeline.events.extract` sorts it."""
    return read_snapshot(store, articles=False).events


def read_problems(store: str | Path) -> list[Problem]:
    """Files skipped and warnings of the build that made the committed snapshot."""
    return read_snapshot(store, events=False, articles=False).problems


def read_articles(store: str | Path) -> pd.DataFrame:
    """One row per article in the store: file, path, source, title, outlet, url."""
    return read_snapshot(store, events=False).articles


# --------------------------------------------------------------------------
# Parsing, in workers
# --------------------------------------------------------------------------


def _meta_key(meta: dict | None) -> str:
    """An article's manifest row and the rules it was parsed by, as one key: a build parses an article again
    when either changed, so an edited ``categories.toml`` or a new version of the rules reaches every article."""
    return hashlib.sha1(json.dumps(meta or {}, sort_keys=True).encode() + _rules_key().encode()).hexdigest()


# What a mention row is made by: its article's reading, the tagger, the per-article step, the corpus-wide step
# (its saved tables are of the rows), the gazetteers' wrappers and the taxonomy.
RULE_FILES = ("corpus.py", "text.py", "markup.py", "places.py", "events.py", "merge.py", "schema.py", "categories.toml")


@functools.cache
def _rules_key() -> str:
    package = Path(__file__).resolve().parent
    temporal = package / "temporal"
    files = [package / name for name in RULE_FILES] + sorted([*temporal.glob("*.py"), *temporal.glob("*.toml")])
    digest = hashlib.sha1()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _die_with(parent: int) -> None:
    """Pool initializer: a worker dies with the build that started it, even one killed with SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:  # where prctl is missing: notice the parent is gone within a second
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def parse_chunk(
    items: list[tuple[str, dict | None]], chunk: str, store: str
) -> tuple[list[dict], list[tuple], dict[str, float]]:
    """Parse a chunk of articles and write its rows and names under the store (runs in a worker).

    Returns one record per readable article, the problems met, and the seconds each stage took
    (read, clean, tag, events, write).
    """
    taxonomy = load_taxonomy()
    rows: list[dict] = []
    names: list[dict] = []
    records: list[dict] = []
    problems: list[Problem] = []
    timings: Counter = Counter()
    for path, meta in items:
        path = Path(path)
        started = time.perf_counter()
        try:
            data = read_bytes(path)  # read once: hashed here, parsed below
        except (OSError, ValueError) as exc:
            problems.append(Problem(path.name, str(exc)))
            continue
        read = time.perf_counter()
        own: list[Problem] = []
        article = read_or_report(path.name, data, meta, own)
        timings["read"] += read - started
        timings["clean"] += time.perf_counter() - read  # decoding, noise removal, publication date
        if article is not None:
            article_rows, article_names = parse(article, taxonomy, own, timings)
            rows.extend(article_rows)
            names.extend(article_names.to_records(article.source))
        problems.extend(own)
        if article is None:
            continue
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
    started = time.perf_counter()
    folder = Path(store) / "chunks"
    folder.mkdir(parents=True, exist_ok=True)
    _write_parquet(mentions_frame(rows), folder / f"{chunk}.rows.parquet")
    _write_parquet(pd.DataFrame(names, columns=NAME_COLUMNS), folder / f"{chunk}.names.parquet")
    timings["write"] += time.perf_counter() - started
    return records, [(p.file, p.reason) for p in problems], dict(timings)


def _chunks(names: list[str], size: int, corpus: Path, manifest: Mapping) -> Iterator[tuple[str, list]]:
    """Tasks of ``size`` articles: (chunk name, [(path, manifest row)]), made as they are taken, so that
    only the chunks in flight hold their articles' paths and rows."""
    for i in range(0, len(names), size):
        part = [(str(corpus / name), manifest.get(name)) for name in names[i : i + size]]
        name = hashlib.sha1("\n".join(p for p, _ in part).encode() + str(time.time_ns()).encode()).hexdigest()[:16]
        yield name, part


def _run_local(tasks: Iterable[tuple[str, list]], store: Path, jobs: int, progress: Callable) -> Iterator[tuple]:
    if jobs <= 1:
        for name, part in tasks:
            yield parse_chunk(part, name, str(store))
            progress(len(part))
        return
    pending = iter(tasks)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with, initargs=(os.getpid(),)) as pool:
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


# --------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------


def build(
    corpus: str | Path,
    store: str | Path,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: bool = False,
    wait_for_lock: bool = False,
) -> BuildSummary:
    """Bring the store up to date with the corpus folder and commit a new snapshot.

    Raises FileNotFoundError for a missing corpus, StoreBusy when another build holds the
    store (unless ``wait_for_lock``), StoreError when the store folder cannot be used.
    """
    started = time.perf_counter()
    global _BUILD_PID
    _BUILD_PID = os.getpid()
    corpus, store = Path(corpus), Path(store)
    if not corpus.is_dir():
        raise FileNotFoundError(f"no such folder: {corpus}")
    try:
        (store / "chunks").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot use {store} as a store: {exc.strerror or exc}") from None
    with _lock(store, wait_for_lock):
        try:
            summary = _build_locked(corpus, store, jobs, engine, scheduler, chunk_size, progress)
        except _BadChunk as bad:  # drop it: the second pass parses its articles again
            for path in (store / "chunks").glob(f"{bad.chunk}.*"):
                path.unlink(missing_ok=True)
            summary = _build_locked(corpus, store, jobs, engine, scheduler, chunk_size, progress)
            summary.problems.append(Problem(bad.chunk, f"{bad}: its articles were parsed again"))
    summary.seconds = time.perf_counter() - started
    summary.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary.worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return summary


ARTICLES = pa.schema(
    [
        *((name, pa.string()) for name in ("file", "path", "source", "content", "meta_key", "warnings")),
        *((name, pa.int64()) for name in ("size", "mtime_ns")),
        ("chunk", pa.string()),
        ("rows", pa.int64()),
        *((name, pa.string()) for name in ("title", "outlet", "url")),
    ]
)  # one row per article: what the "unchanged" shortcut compares, where its rows live, what the app shows


# what a build reads of the last articles table: what the "unchanged" shortcut compares, and where rows live
KEPT = pa.schema(
    [ARTICLES.field(n) for n in ("file", "source", "content", "meta_key", "warnings", "size", "mtime_ns", "chunk")]
)


def _committed_articles(store: Path, problems: list[Problem]) -> tuple[pa.Table, dict | None, Path | None]:
    """The articles table of the committed snapshot (the ``KEPT`` columns): what the "unchanged" shortcut may
    trust; and its file, when it could be read (the new table is assembled from it, by ``_write_articles``)."""
    current = _current(store)
    if current is None:
        if any(store.glob("*.parquet")):
            problems.append(Problem(store.name, "no complete build in the store: every article is parsed again"))
        return KEPT.empty_table(), None, None
    try:
        path = store / current["articles"]
        table = pq.read_table(path, columns=KEPT.names).cast(KEPT)
        pa.default_memory_pool().release_unused()  # reading took about twice the table: give the rest back
        return table, current, path
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
        problems.append(Problem(store.name, f"articles table unreadable ({exc}): every article is parsed again"))
        return KEPT.empty_table(), current, None


def _unchanged(
    files: list[str], listed: pa.Array, corpus: Path, manifest: Mapping, previous: pa.Table, store: Path
) -> tuple[pa.Array, pa.Array, list[str], list[Problem]]:
    """Which listed files stand as the committed build left them, compared column by column in Arrow.

    A file stands when its manifest row, its size and modification time (or, when only touched, its
    content hash) are the last build's and its chunk is readable; ``listed`` is ``files`` as Arrow.
    Returns the rows of ``previous`` that stand (in listing order), ``previous``'s modification times
    (brought up to date for touched files), the names to parse again, and the problems found (chunks
    unreadable, kept files' warnings) in listing order.  Column-wise, the build holds no Python object
    per article beyond the listing.
    """
    n = len(files)
    if previous.num_rows == 0 or n == 0:
        return pa.array([], pa.int64()), previous["mtime_ns"].combine_chunks(), list(files), []
    at = pc.index_in(listed, value_set=previous["file"])
    known = pc.is_valid(at).to_numpy(zero_copy_only=False)
    rows = pc.fill_null(at, 0).cast(pa.int64())
    old = previous.select(["meta_key", "chunk", "size", "mtime_ns", "content", "warnings"])
    if not _all_in_order(rows.to_numpy(), previous.num_rows):
        old = old.take(rows)  # a corpus listed as the last build left it needs no copy
    # one manifest row at a time, straight into Arrow: no list of keys as Python strings
    meta = pa.array(
        (_meta_key(manifest.get(name)) if k else "" for name, k in zip(files, known, strict=True)), pa.string()
    )
    candidate = known & pc.equal(old["meta_key"], meta).to_numpy(zero_copy_only=False)
    del meta
    found: list[tuple[int, Problem]] = []
    chunks = old["chunk"].to_numpy(zero_copy_only=False)
    for chunk in pc.unique(pc.filter(old["chunk"], pa.array(candidate))).to_pylist():
        if not all(_readable(store / "chunks" / f"{chunk}.{kind}.parquet") for kind in ("rows", "names")):
            mine = candidate & (chunks == chunk)
            found.append(
                (int(np.argmax(mine)), Problem(chunk, "chunk missing or unreadable: its articles are parsed again"))
            )
            candidate &= ~mine
    sizes, times = np.zeros(n, np.int64), np.zeros(n, np.int64)
    folder = str(corpus)
    for i in np.flatnonzero(candidate):
        stat = os.stat(os.path.join(folder, files[i]))
        sizes[i], times[i] = stat.st_size, stat.st_mtime_ns
    stands = candidate & (sizes == old["size"].to_numpy()) & (times == old["mtime_ns"].to_numpy())
    mtimes = previous["mtime_ns"].to_numpy().copy()
    for i in np.flatnonzero(candidate & ~stands):
        try:
            same = hashlib.sha1(read_bytes(corpus / files[i])).hexdigest() == old["content"][int(i)].as_py()
        except (OSError, ValueError):
            same = False  # the worker reports why it cannot be read
        if same:  # touched, not changed: the content hash decides
            stands[i] = True
            mtimes[rows[int(i)].as_py()] = times[i]
    warned = stands & pc.not_equal(old["warnings"], "[]").to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(warned):
        found += [(int(i), Problem(files[i], w)) for w in json.loads(old["warnings"][int(i)].as_py())]
    todo = [files[i] for i in np.flatnonzero(~stands)]
    problems = [p for _, p in sorted(found, key=lambda item: item[0])]
    return pc.filter(rows, pa.array(stands)), pa.array(mtimes, pa.int64()), todo, problems


def _readable(path: Path) -> bool:
    try:
        pq.read_metadata(path)
    except (OSError, ValueError, pa.ArrowException):
        return False
    return True


def _build_locked(
    corpus: Path, store: Path, jobs: int | None, engine: str, scheduler: str | None, chunk_size: int, progress: bool
) -> BuildSummary:
    summary = BuildSummary()
    jobs = jobs or os.cpu_count() or 1  # all cores unless told
    manifest, refused = folder_manifest(corpus)
    summary.problems.extend(refused)
    previous, current, last_articles = _committed_articles(store, summary.problems)
    last = _Last(counts={c["values"]: c["counts"] for c in pc.value_counts(previous["chunk"]).to_pylist()})
    last.where = previous.select(["chunk", "source"])
    if current is not None and (store / current["events"]).is_dir() and current.get("merge"):
        last.events, last.merge = store / current["events"], store / current["merge"]
    files, refused = corpus_files(corpus)
    summary.problems.extend(refused)
    summary.problems.extend(missing_files(manifest, set(files)))
    listed = pa.array(files, pa.string())
    keep, mtimes, todo, found = _unchanged(files, listed, corpus, manifest, previous, store)
    summary.problems.extend(found)
    summary.reused = len(keep)
    gone = sorted(pc.filter(previous["file"], pc.invert(pc.is_in(previous["file"], value_set=listed))).to_pylist())
    del listed
    summary.removed = len(gone)
    summary.problems.extend(Problem(name, "no longer in the corpus: its events are dropped") for name in gone)
    manifest = {name: manifest.get(name) for name in todo}  # the rows of the articles to parse: the rest is let go
    tasks = _chunks(todo, chunk_size, corpus, manifest)
    bar = _progress_bar(len(todo), enabled=progress)
    runner = (
        _run_dask(list(tasks), store, scheduler, bar.update)
        if engine == "dask"
        else _run_local(tasks, store, jobs, bar.update)
    )
    parts = []  # the records of the articles parsed now
    for chunk_records, chunk_problems, chunk_timings in runner:
        summary.stages.update(chunk_timings)
        parts.append(pa.Table.from_pylist(chunk_records, schema=ARTICLES))  # columns: small, whatever the corpus
        summary.problems.extend(Problem(f, r) for f, r in chunk_problems)
        _checkpoint("chunk-written")
    bar.close()
    del manifest
    _checkpoint("parsed")
    where = pa.concat_tables(  # each article's chunk and source: what the corpus-wide step needs of the table
        [previous.select(["chunk", "source"]).take(keep), *(part.select(["chunk", "source"]) for part in parts)]
    )
    # an unchanged corpus (no article parsed or gone, none touched): the last articles table stands as it is
    same_articles = not parts and last_articles is not None and _all_in_order(keep.to_numpy(), len(mtimes))
    same_articles = same_articles and mtimes.equals(previous["mtime_ns"].combine_chunks())
    del previous
    summary.parsed = where.num_rows - len(keep)
    gen = int(current["generation"]) + 1 if current else 1
    events_name = current["events"] if current else None
    changed = summary.parsed or summary.removed or current is None
    merge_name = current.get("merge") if current else None
    if changed or events_name is None or merge_name is None or _events_rows(store / events_name) is None:
        events_name, merge_name = f"events.{gen:06d}", f"merge.{gen:06d}.pickle"
        started = time.perf_counter()
        summary.events, summary.completed, summary.kept, summary.redone, summary.revised, timings = _in_own_process(
            jobs, _finalize, store, where, store / events_name, store / merge_name, jobs, last
        )
        summary.stages.update(timings)  # the corpus-wide step: its tables, then every chunk's part
        table_name = None
    else:  # nothing changed: the events table of the last snapshot stands as it is
        table_name = current.get("table")
    _checkpoint("events-written")
    rows = _events_rows(store / table_name) if table_name else None
    if rows is None:  # a new table, or none yet (a store of an earlier version), or a damaged one
        table_name = f"table.{gen:06d}.parquet"
        started = time.perf_counter()
        _in_own_process(jobs, _write_table, store / events_name, where, store / table_name)
        summary.stages["table"] += time.perf_counter() - started
        rows = _events_rows(store / table_name)
    summary.events = rows or 0
    _checkpoint("table-written")
    summary.articles = where.num_rows
    articles_name, problems_name = f"articles.{gen:06d}.parquet", f"problems.{gen:06d}.json"
    global _NEW_ARTICLES
    _NEW_ARTICLES = parts  # inherited by the process that writes the table, not sent to it
    try:
        if same_articles:  # linked under the new generation's name: no copy
            with _atomic(store / articles_name) as temporary:
                temporary.unlink(missing_ok=True)
                os.link(last_articles, temporary)
        else:
            _in_own_process(jobs, _write_articles, last_articles, keep, mtimes, store / articles_name)
    finally:
        _NEW_ARTICLES = []
    del parts
    _checkpoint("articles-written")
    _write_json([{"file": p.file, "reason": p.reason} for p in summary.problems], store / problems_name)
    snapshot = {
        "generation": gen,
        "events": events_name,
        "articles": articles_name,
        "problems": problems_name,
        "merge": merge_name,
        "table": table_name,
    }
    previous = {k: current.get(k) for k in snapshot} if current else None  # one snapshot back, not the whole chain
    _write_json({**snapshot, "previous": previous}, store / CURRENT)  # the commit
    _checkpoint("committed")
    _prune(store, snapshot, current, where)
    return summary


_NEW_ARTICLES: list[pa.Table] = []  # the records of the articles parsed now, while the articles table is written


def _write_articles(last: Path | None, keep: pa.Array, mtimes: pa.Array, target: Path) -> None:
    """The new articles table, written whole or not at all (in a process of its own: the build holds only
    the columns it compares).  The last table is read again here, every column of it; ``keep`` are its rows
    that stand, ``mtimes`` its modification times brought up to date."""
    table = pq.read_table(last).select(ARTICLES.names).cast(ARTICLES) if last else ARTICLES.empty_table()
    table = table.set_column(ARTICLES.get_field_index("mtime_ns"), "mtime_ns", mtimes)
    table = _articles_table([table, *_NEW_ARTICLES], keep)
    with _atomic(target) as temporary:
        pq.write_table(table, temporary)


def _all_in_order(rows: np.ndarray, n: int) -> bool:
    """Whether row indexes take every one of ``n`` rows as they stand: a take that would copy for nothing."""
    return len(rows) == n and np.array_equal(rows, np.arange(n))


def _articles_table(parts: list[pa.Table], keep: pa.Array) -> pa.Table:
    """The new articles table, sorted by file: the rows ``keep`` of the last one (in listing order, so sorted),
    then the articles parsed now (``parts[1:]``), taken into place in one copy.  An unchanged corpus keeps
    the last table as it is: no copy at all."""
    last, new = parts[0], parts[1:]
    kept = keep.to_numpy()
    if not new and _all_in_order(kept, last.num_rows):
        return last
    table = pa.concat_tables(parts)
    rows = np.concatenate([kept, np.arange(last.num_rows, table.num_rows)])
    order = pc.sort_indices(table["file"].take(rows)).to_numpy()
    return table.take(rows[order])


def _prune(store: Path, snapshot: dict, previous: dict | None, articles: pa.Table) -> None:
    """Delete what no snapshot a reader may still hold refers to: older tables, unused chunks, temporary files."""
    tables = ("events", "articles", "problems", "merge", "table")
    keep = {CURRENT, LOCK, "chunks"} | {snapshot[k] for k in tables} | {(previous or {}).get(k) for k in tables}
    for path in store.iterdir():
        if path.name in keep:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)  # events tables of older generations or of killed builds
        else:
            path.unlink(missing_ok=True)  # older generations, temporary files of killed builds, legacy tables
    live = set(articles["chunk"].to_pylist())
    for path in (store / "chunks").iterdir():
        if path.name.split(".")[0] not in live or TEMPORARY in path.name:
            path.unlink(missing_ok=True)


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


def _live_table(store: Path, chunk: str, sources: set[str], columns: list[str] | None = None) -> pa.Table:
    """A chunk's live rows (as :func:`_live_rows`), these columns of them (default: all), in Arrow."""
    try:
        table = pq.read_table(store / "chunks" / f"{chunk}.rows.parquet", columns=columns)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise _BadChunk(chunk, exc) from None
    return table.filter(pc.is_in(table["source"], pa.array(sorted(sources), pa.string())))


def _live_rows(store: Path, chunk: str, sources: set[str], columns: list[str] | None = None) -> pd.DataFrame:
    """A chunk's rows that belong to articles whose current rows live in that chunk."""
    rows = _read_chunk(store, chunk, "rows", columns)
    return rows[rows["source"].isin(sources)].reset_index(drop=True)


def _read_chunk(store: Path, chunk: str, kind: str, columns: list[str] | None = None) -> pd.DataFrame:
    path = store / "chunks" / f"{chunk}.{kind}.parquet"
    try:
        return pd.read_parquet(path, columns=columns)
    except (OSError, ValueError, pa.ArrowException) as exc:
        if kind == "rows" and columns and "agent" in columns:
            with contextlib.suppress(OSError, ValueError, pa.ArrowException):  # damaged: the chunk is bad
                if "agent" not in pq.read_schema(path).names:
                    # a chunk parsed before mentions said who did it: its events are headlined by place or clause
                    return pd.read_parquet(path, columns=[c for c in columns if c != "agent"]).assign(agent="")
        raise _BadChunk(chunk, exc) from None


@dataclass
class _Last:
    """What the last committed build leaves for this one to reuse in its corpus-wide step."""

    events: Path | None = None  # its events table: a folder of one part per chunk
    merge: Path | None = None  # its corpus-wide tables
    counts: dict[str, int] = field(default_factory=dict)  # chunk -> articles whose rows were live in it
    where: pa.Table | None = None  # its articles' chunk and source: what its tables counted


def _finalize(
    store: Path, where: pa.Table, target: Path, merge: Path, jobs: int = 1, last: _Last | None = None
) -> tuple[int, int, int, int, bool, Counter]:
    """The corpus-wide step, written to the folder ``target`` (one part per chunk) whole or not at all,
    its tables saved to ``merge`` for the next build.

    First pass: what merging and name resolution need of the whole corpus (counts by date and by
    name: small, whatever the corpus size): the last build's, revised with the articles that changed
    (``_revised``), or, without them, counted by each worker over a run of chunks and the runs joined
    in corpus order.  Second pass: each
    chunk's rows completed (event ids, categories, actors) in the workers.  A chunk whose articles
    are those of the last build, and whose rows no decision of the whole corpus has changed for
    (:meth:`CorpusStep.changes`), keeps its part of the last events table: an edit costs what it
    changes, not a new merge of the whole corpus.  The rows such a change reaches in the kept parts
    are completed together, in one call, and put in place in their parts (``_patch``).  The table is
    the one a single process makes.
    """
    timings: Counter = Counter()
    articles = where.to_pandas()  # each article's chunk and source
    chunks = sorted(set(articles["chunk"])) if not articles.empty else []
    live = {chunk: set(group) for chunk, group in articles.groupby("chunk")["source"]} if chunks else {}
    runs = [[(chunk, live[chunk]) for chunk in run] for run in _runs(chunks, jobs)]
    started = time.perf_counter()
    revised = None  # the last build's tables revised, and what they decide differently
    if last is not None and last.merge is not None and last.where is not None:
        revised = _revised(str(store), str(last.merge), last.where, articles)
    if revised is None:  # no tables to revise, or a change too large to be worth it: count the corpus
        step = CorpusStep()
        with _merge_pool(jobs) as pool:
            for part in (pool.map if pool else map)(_gather, [str(store)] * len(runs), runs):
                step.update(part)  # in corpus order, whatever order the workers finish in
    else:
        step, changes = revised
    _save_step(step, merge)  # what the next build compares its own decisions with
    global _STEP, _CHANGES
    _STEP = step  # what the workers below inherit when they are forked
    try:
        if revised is not None:
            _CHANGES = changes if last.events is not None else None
        elif last is not None and last.events is not None and last.merge is not None:
            _CHANGES = _in_own_process(jobs, _changes, str(last.merge))  # the last build's tables never load here
        timings["tables"] += time.perf_counter() - started
        started = time.perf_counter()
        keep = [_CHANGES is not None and chunk in last.counts for chunk in chunks]
        with _merge_pool(jobs) as pool, _atomic_folder(target) as folder:
            done = (pool.map if pool else map)(
                _complete,
                [str(store)] * len(chunks),
                chunks,
                map(live.get, chunks),
                [str(folder)] * len(chunks),
                [str(last.events) if ok else "" for ok in keep],
            )
            rows = completed = kept = redone = 0
            touched = []  # (chunk, its touched rows, their names)
            for chunk, (count, reused, again, names) in zip(chunks, done, strict=True):  # in chunk order
                rows, kept, completed = rows + count, kept + reused, completed + (not reused)
                if not reused:  # completed whole
                    redone += count
                elif again is not None:  # kept, but for these rows
                    redone += len(again)
                    touched.append((chunk, again, names))
                _checkpoint("events-partial")
            if touched:  # every chunk's touched rows completed at once, then put in place in the workers
                again = pd.concat([frame for _, frame, _ in touched])
                completions = _STEP.complete(again.reset_index(drop=True), pd.concat([n for *_, n in touched]))
                completions.index = again.index  # each row's position in its chunk
                ends = np.cumsum([len(frame) for _, frame, _ in touched])
                pieces = [completions.iloc[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
                patched = [chunk for chunk, _, _ in touched]
                for _ in (pool.map if pool else map)(
                    _patch,
                    [str(store)] * len(patched),
                    patched,
                    map(live.get, patched),
                    [str(folder)] * len(patched),
                    [str(last.events)] * len(patched),
                    pieces,
                ):
                    _checkpoint("events-partial")
        timings["complete"] += time.perf_counter() - started
    finally:
        _STEP = _CHANGES = None
    return rows, completed, kept, redone, revised is not None, timings


def _in_own_process(jobs: int, function: Callable, *args: object) -> Any:
    """``function(*args)`` in a forked process of its own (with more than one job): the corpus-wide tables
    grow with the corpus, and this process, which only waits for them, stays the size it was."""
    with _merge_pool(jobs, processes=1) as pool:
        return pool.submit(function, *args).result() if pool else function(*args)


_STEP: CorpusStep | None = None  # the gathered corpus-wide tables, in the processes that complete chunks
_CHANGES: Changes | None = None  # what they decide differently from the last build's


def _runs(chunks: list[str], jobs: int) -> list[list[str]]:
    """Chunks in consecutive runs, one per worker: each run's tables cross back to this process once."""
    count = max(1, min(len(chunks), jobs)) if jobs > 1 else 1
    size = -(-len(chunks) // count) if chunks else 0
    return [chunks[i : i + size] for i in range(0, len(chunks), size)] if chunks else []


@contextlib.contextmanager
def _merge_pool(jobs: int, processes: int | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for the corpus-wide step (forked: they inherit its tables), or None for one process.

    ``processes`` (default: ``jobs``) is how many are forked: every one is started at once."""
    if jobs <= 1:
        yield None
        return
    fork, workers = multiprocessing.get_context("fork"), processes or jobs
    with ProcessPoolExecutor(workers, mp_context=fork, initializer=_die_with, initargs=(os.getpid(),)) as pool:
        yield pool


class _Unpickler(pickle.Unpickler):
    """Reads back only the corpus-wide tables a build wrote: counters, dates and the merge's own classes."""

    ALLOWED = frozenset(
        {
            ("builtins", "set"),
            ("collections", "Counter"),
            ("collections", "defaultdict"),
            ("pandas", "Period"),
            ("pandas._libs.tslibs.timestamps", "_unpickle_timestamp"),
            ("pandas._libs.tslibs.offsets", "MonthEnd"),
            ("timeline.merge", "Actors"),
            ("timeline.merge", "counter_of"),
            ("timeline.merge", "CorpusStep"),
            ("timeline.merge", "MergeTables"),
            ("timeline.merge", "_Groups"),
        }
    )

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a store's tables")
        return super().find_class(module, name)


def _load_step(path: Path) -> CorpusStep | None:
    """Corpus-wide tables a build saved, or None when missing or unreadable (then they are gathered again)."""
    try:
        with open(path, "rb") as fh:
            step = _load_paused(_Unpickler(fh))
    except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
        return None
    return step if isinstance(step, CorpusStep) else None


@without_cycle_collection
def _load_paused(unpickler: pickle.Unpickler) -> object:
    """What it reads, with the cycle collector paused: a million small objects and no cycles among them."""
    return unpickler.load()


def _save_step(step: CorpusStep, path: Path) -> None:
    """The tables pickled, the names' counters as ``counter_of`` calls: loading them back skips
    ``Counter.__init__`` (the events' counts are plain dicts, which pickle reads natively)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, Counter: _reduce_counter}
    pickler.dump(step)
    with _atomic(path) as temporary:
        temporary.write_bytes(buffer.getbuffer())


def _reduce_counter(counts: Counter) -> tuple:
    return counter_of, (dict(counts),)


def _gather(store: str, chunks: list[tuple[str, set[str]]]) -> CorpusStep:
    """First pass, over a run of chunks: what their live rows say of dates and names."""
    step = CorpusStep()
    for chunk, sources in chunks:
        step.add(_live_rows(Path(store), chunk, sources, MERGE_COLUMNS), _chunk_names(Path(store), chunk, sources))
    return step


REVISE_AT_MOST = 0.25  # of the corpus's articles changed: above it, counting the corpus again costs less


def _revised(store: str, last_merge: str, last: pa.Table, now: pd.DataFrame) -> tuple[CorpusStep, Changes] | None:
    """The last build's corpus-wide tables brought up to date with the articles that changed since, or None
    when they cannot be (missing, of an earlier version, unreadable chunks) or the change is too large.

    Reads only the rows of articles that left their chunk (edited or deleted) and of the new chunks, and
    the rows of the date spans that lost mentions: an edit costs what it changes (:meth:`CorpusStep.revise`)."""
    old = _load_step(Path(last_merge))
    if old is None or not old.revisable:
        return None
    before = set(zip(last["chunk"].to_pylist(), last["source"].to_pylist(), strict=True))
    after = set(zip(now["chunk"].tolist(), now["source"].tolist(), strict=True))
    gone, new = before - after, after - before
    known = {chunk for chunk, _ in before}
    if len(gone) + len(new) > REVISE_AT_MOST * max(1, len(after)) or any(c in known for c, _ in new):
        return None  # an article that came into a chunk of the last build is not a change a build makes
    folder = Path(store)
    try:
        gone_rows, gone_names = _select(folder, gone), _select(folder, gone, "names")
        new_rows, new_names = _select(folder, new), _select(folder, new, "names")
        before_revision = old.before_revising(set(zip(new_rows["date"], new_rows["date_end"], strict=True)))
        old.revise((gone_rows, gone_names), (new_rows, new_names), lambda spans: _select(folder, after, spans=spans))
    except _BadChunk:
        return None  # counting the corpus again says which chunk, and parses its articles again
    return old, old.changes(before_revision)  # compared with what the last build decided


def _select(
    store: Path, pairs: set[tuple[str, str]], kind: str = "rows", spans: set[tuple] | None = None
) -> pd.DataFrame:
    """The rows (``MERGE_COLUMNS``) or names of these (chunk, source) pairs, read from their chunks' files
    at once; with ``spans``, only the rows in those date spans."""
    columns = MERGE_COLUMNS if kind == "rows" else NAME_COLUMNS
    if not pairs:
        return mentions_frame([])[columns] if kind == "rows" else pd.DataFrame(columns=columns)
    chunks = sorted({chunk for chunk, _ in pairs})
    files = [str(store / "chunks" / f"{chunk}.{kind}.parquet") for chunk in chunks]
    wanted = pc.field("source").isin(sorted({source for _, source in pairs}))
    if spans is not None:
        firsts, lasts = (pa.array(sorted(set(days)), pa.timestamp("ns")) for days in zip(*spans, strict=True))
        wanted &= pc.field("date").isin(firsts) & pc.field("date_end").isin(lasts)
    try:
        dataset = ds.dataset(files, schema=CHUNK_SCHEMAS[kind], format="parquet")  # an empty file's columns are null
        table = dataset.to_table(columns=[*columns, "__filename"], filter=wanted)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise _BadChunk("of the last build", exc) from None
    chunk = pc.replace_substring_regex(table["__filename"], r"^.*/|\..*$", "")  # the chunk a row was read from
    keys = pa.table({"chunk": chunk, "source": table["source"], "row": pa.array(np.arange(table.num_rows))})
    chunks_of, sources_of = zip(*pairs, strict=True)
    live = pa.table({"chunk": pa.array(chunks_of, pa.string()), "source": pa.array(sources_of, pa.string())})
    keys = keys.join(live, keys=["chunk", "source"], join_type="left semi")  # Arrow's joins take no list columns
    if spans is not None:
        firsts, lasts = (pa.array(days, pa.timestamp("ns")) for days in zip(*spans, strict=True))
        keys = keys.append_column("date", table["date"].take(keys["row"]))
        keys = keys.append_column("date_end", table["date_end"].take(keys["row"]))
        keys = keys.join(
            pa.table({"date": firsts, "date_end": lasts}), keys=["date", "date_end"], join_type="left semi"
        )
    return table.select(columns).take(np.sort(keys["row"].to_numpy())).to_pandas()


def _changes(last_merge: str) -> Changes | None:
    old = _load_step(Path(last_merge))
    return None if old is None or _STEP is None else _STEP.changes(old)


def _complete(
    store: str, chunk: str, sources: set[str], folder: str, last: str
) -> tuple[int, bool, pd.DataFrame | None, pd.DataFrame | None]:
    """Second pass, one chunk: its rows as events-table rows, written as the chunk's part of the table.

    With the last build's part of the chunk (in the folder ``last``), only the rows a change of the
    corpus-wide decisions touches are completed again; the others keep their last completion.  When
    nothing changed for the chunk's live rows, the part is linked as it is, rows of articles that have
    left the chunk included (``_write_table`` copies only live rows).  When some did, the touched rows
    (and their articles' names) are returned instead of completed here: the touched rows of every chunk
    are completed at once (``_patch``), since completing a table costs much the same for one row as for
    a thousand.  Returns the chunk's live rows, whether the last part was kept (whole or in part), and
    the touched rows with their names, or None."""
    assert _STEP is not None
    part, old = Path(folder) / f"{chunk}.parquet", Path(last) / f"{chunk}.parquet"
    if last and _CHANGES is not None:  # first, what a change reaches: only the columns that say it are read
        light = _live_table(Path(store), chunk, sources, TOUCH_COLUMNS)
        if _same_order(_kept_table(old, sources, ["source", "start"]), light):  # the part can be reused
            touched = _CHANGES.touched(light)
            if not touched.any():  # the part as it is, with the rows of articles that have left the chunk since
                os.link(old, part)
                return light.num_rows, True, None, None
            again = _live_table(Path(store), chunk, sources).filter(pa.array(touched)).to_pandas()
            again.index = np.flatnonzero(touched)  # each row's position among the chunk's live rows
            return light.num_rows, True, again, _chunk_names(Path(store), chunk, set(again["source"]))
    return _write_part(store, chunk, sources, part), False, None, None


def _write_part(store: str, chunk: str, sources: set[str], part: Path) -> int:
    """A chunk's part completed whole: every live row."""
    assert _STEP is not None
    rows = _live_rows(Path(store), chunk, sources)
    events = _STEP.complete(rows, _chunk_names(Path(store), chunk, sources)) if not rows.empty else conform([])
    pq.write_table(pa.Table.from_pandas(events, schema=_events_schema(), preserve_index=False), part)
    return len(events)


def _patch(store: str, chunk: str, sources: set[str], folder: str, last: str, completed: pd.DataFrame) -> None:
    """A chunk's last part with the rows completed again (``completed``, indexed by position) put in place;
    completed whole if the last part cannot be read."""
    part, old = Path(folder) / f"{chunk}.parquet", Path(last) / f"{chunk}.parquet"
    kept = _kept_table(old, sources)
    if kept is None or len(kept) <= completed.index.max():
        _write_part(store, chunk, sources, part)
        return
    order = np.arange(len(kept))  # the kept rows, but where a row was completed again, its new completion
    order[completed.index.to_numpy()] = len(kept) + np.arange(len(completed))
    redone = pa.Table.from_pandas(completed, schema=_events_schema(), preserve_index=False)
    pq.write_table(pa.concat_tables([kept.cast(redone.schema), redone]).take(order), part)


TABLE_ROW_GROUP = 122_880  # rows per row group of the table readers read (DuckDB's own vector multiple)
TABLE_MEMORY = "500MB"  # what sorting the table may hold in memory; beyond it DuckDB sorts on disk


def _write_table(parts: Path, live: pa.Table, target: Path) -> None:
    """The events table's parts as one Parquet file, in the table's order (``ORDER``), whole or not at all.

    A part keeps the rows of articles that have left its chunk since (edited, or deleted) when nothing
    else in it changed, so that an edit does not rewrite every part: only the rows of articles ``live``
    in that chunk (columns chunk, source) are copied.  DuckDB sorts (on disk beyond ``TABLE_MEMORY``) in
    the process it runs in: a forked one."""
    import duckdb

    files = [str(p) for p in _event_parts(parts)]
    order = ", ".join(f'"{name}"' for name in ORDER)
    columns = ", ".join(f'e."{name}"' for name in _events_schema().names)
    with _atomic(target) as temporary:
        spill = target.with_name(f"{target.name}{TEMPORARY}sort-{os.getpid()}")
        config = {"threads": 2, "memory_limit": TABLE_MEMORY, "temp_directory": str(spill)}
        try:
            with duckdb.connect(config=config) as con:
                if files:
                    con.register("live", live)
                    source = (
                        f"SELECT {columns} FROM read_parquet(?, filename = true) e "
                        "SEMI JOIN live l ON l.source = e.source AND l.chunk = parse_filename(e.filename, true) "
                        f"ORDER BY {order}"
                    )
                    path = sql_literal(str(temporary))
                    con.execute(
                        f"COPY ({source}) TO {path} (FORMAT parquet, ROW_GROUP_SIZE {TABLE_ROW_GROUP})", [files]
                    )
                else:
                    pq.write_table(
                        pa.Table.from_pandas(conform([]), schema=_events_schema(), preserve_index=False), temporary
                    )
        finally:
            shutil.rmtree(spill, ignore_errors=True)


def _kept_table(path: Path, sources: set[str], columns: list[str] | None = None) -> pa.Table | None:
    """A chunk's part of the last events table (``columns`` of it), its rows of articles still live in the
    chunk; None if unreadable."""
    try:
        table = pq.read_table(path, columns=columns)
    except (OSError, ValueError, pa.ArrowException):
        return None
    return table.filter(pc.is_in(table["source"], pa.array(sorted(sources), pa.string())))


def _same_order(kept: pa.Table | None, live: pa.Table) -> bool:
    """Whether a kept part's rows (of live articles) are the chunk's live rows, in order: by (source, start)."""
    if kept is None or kept.num_rows != live.num_rows:
        return False
    for name in ("source", "start"):
        theirs = kept[name].combine_chunks().cast(live.schema.field(name).type)
        if not theirs.equals(live[name].combine_chunks()):
            return False
    return True


@functools.cache
def _events_schema() -> pa.Schema:
    return pa.Schema.from_pandas(conform([]), preserve_index=False)


def _chunk_names(store: Path, chunk: str, sources: set[str]) -> pd.DataFrame:
    names = _read_chunk(store, chunk, "names")
    return names[names["source"].isin(sources)]
