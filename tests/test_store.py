"""The incremental Parquet store, the parallel and Dask builds, and the synthetic corpus."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import timeline
from tests.conftest import SEEDS
from timeline import store
from timeline.cli import main
from timeline.synthetic import generate, read_truth, real_paragraphs, write_corpus


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_store_equals_the_in_memory_table(corpus, tmp_path, seed_events):
    summary = store.build(corpus, tmp_path / "store", jobs=1)
    assert (summary.articles, summary.parsed, summary.events) == (5, 5, len(seed_events))
    pd.testing.assert_frame_equal(store.read_events(tmp_path / "store"), seed_events)


def test_a_build_reports_the_cost_of_each_stage(corpus, tmp_path):
    summary = store.build(corpus, tmp_path / "store", jobs=1)
    stages = summary.to_dict()["stages"]
    assert set(stages) == {"read", "clean", "tag", "events", "write", "tables", "complete", "table"}
    assert all(seconds >= 0 for seconds in stages.values()) and stages["tag"] > 0 and stages["events"] > 0
    assert store.build(corpus, tmp_path / "store", jobs=1).to_dict()["stages"] == {}  # nothing to do, nothing spent


def test_rebuild_parses_only_what_changed(corpus, tmp_path):
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1)
    first = path / json.loads((path / store.CURRENT).read_text())["articles"]
    before = (first.stat().st_ino, store.read_articles(path))
    again = store.build(corpus, path, jobs=2)
    assert (again.parsed, again.reused) == (0, 5)
    articles = path / json.loads((path / store.CURRENT).read_text())["articles"]
    assert articles != first and articles.stat().st_ino == before[0]  # unchanged: linked, not written again
    pd.testing.assert_frame_equal(store.read_articles(path), before[1])

    (corpus / "new.txt").write_text("The minister resigned on June 5, 2023.", encoding="utf-8")
    changed = corpus / "004_7a524be3d88d432d.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTalks resumed on July 2, 2025.", encoding="utf-8")
    (corpus / "000_b95cac5b8b70067d.txt").unlink()
    summary = store.build(corpus, path, jobs=1)
    assert (summary.parsed, summary.reused, summary.removed) == (2, 3, 1)
    events = store.read_events(path)
    pd.testing.assert_frame_equal(events, timeline.load(corpus).events)
    assert "000_b95cac5b8b70067d" not in set(events["source"])
    assert {"new", "004_7a524be3d88d432d"} <= set(events["source"])


def test_a_touched_file_is_kept_and_a_kept_file_keeps_its_warnings(corpus, tmp_path):
    path = tmp_path / "store"
    (corpus / "latin.txt").write_bytes("The café minister resigned on June 5, 2023.".encode("cp1252"))
    first = store.build(corpus, path, jobs=1)
    warned = [p for p in first.problems if p.file == "latin.txt"]
    assert warned
    touched = corpus / "004_7a524be3d88d432d.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))  # touched, not changed
    again = store.build(corpus, path, jobs=1)
    assert (again.parsed, again.reused) == (0, 6)
    assert [p for p in again.problems if p.file == "latin.txt"] == warned  # reported by every build
    articles = store.read_articles(path).set_index("file")
    assert articles.loc[touched.name, "mtime_ns"] == touched.stat().st_mtime_ns  # the next build need not hash it


def test_a_changed_manifest_row_reparses_its_article(corpus, tmp_path):
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1)
    manifest = corpus / "sources.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2024-04-22", "2024-04-29", 1), encoding="utf-8")
    summary = store.build(corpus, path, jobs=1)
    assert summary.parsed == 1
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(corpus).events)


def test_new_rules_reparse_every_article(corpus, tmp_path, monkeypatch):
    """An edited categories.toml, or a new version of the rules, reaches the articles a store parsed before."""
    path = tmp_path / "store"
    first = store.build(corpus, path, jobs=1)
    monkeypatch.setattr(store, "_rules_key", lambda: "the rules of a later version")
    summary = store.build(corpus, path, jobs=1)
    assert summary.parsed == first.parsed > 0 and summary.reused == 0
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(corpus).events)


def test_parallel_build_equals_serial(tmp_path):
    corpus = write_corpus(tmp_path / "synthetic", 120, seed=3)
    serial = store.build(corpus, tmp_path / "one", jobs=1, chunk_size=25)
    parallel = store.build(corpus, tmp_path / "two", jobs=2, chunk_size=25)
    assert serial.events == parallel.events > 0
    pd.testing.assert_frame_equal(store.read_events(tmp_path / "one"), store.read_events(tmp_path / "two"))


def test_dask_engine_on_a_local_cluster(tmp_path):
    pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "synthetic", 60, seed=4)
    local = store.build(corpus, tmp_path / "local", jobs=1, chunk_size=20)
    dask = store.build(corpus, tmp_path / "dask", engine="dask", chunk_size=20)
    assert dask.events == local.events
    pd.testing.assert_frame_equal(store.read_events(tmp_path / "dask"), store.read_events(tmp_path / "local"))


def test_bad_files_are_reported_by_the_build(corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    summary = store.build(corpus, tmp_path / "store", jobs=1)
    assert any(p.file == "empty.txt" and "empty" in p.reason for p in summary.problems)
    assert any(p.file == "empty.txt" for p in store.read_problems(tmp_path / "store"))


def test_cli_build_and_extract_from_store(corpus, tmp_path, capsys, seed_events):
    assert main(["build", str(corpus), "--store", str(tmp_path / "s"), "--quiet", "--json"]) == 0
    captured = capsys.readouterr()
    assert f'"events": {len(seed_events)}' in captured.out
    assert "5 articles (5 parsed" in captured.err
    assert main(["extract", "--store", str(tmp_path / "s"), "--format", "json"]) == 0
    assert main(["extract", "--store", str(tmp_path / "nowhere")]) == 2
    assert main(["build", str(tmp_path / "missing"), "--store", str(tmp_path / "s")]) == 2


def test_synthetic_corpus_is_deterministic_and_knows_its_dates(tmp_path):
    first = [(a.name, a.text, a.truth) for a in generate(20, seed=7)]
    assert first == [(a.name, a.text, a.truth) for a in generate(20, seed=7)]
    assert first != [(a.name, a.text, a.truth) for a in generate(20, seed=8)]
    folder = write_corpus(tmp_path / "c", 20, seed=7)
    truth = dict(read_truth(folder))
    assert len(truth) == 20 and sum(map(len, truth.values())) > 20
    corpus = timeline.load(folder)
    assert not corpus.problems and len(corpus.events) > 20


# --------------------------------------------------------------------------
# Crashes, concurrent builds and readers: real processes, real signals
# --------------------------------------------------------------------------

STAGES = [
    *("chunk-written", "parsed", "events-partial", "events-written", "table-written", "articles-written", "committed")
]


def build_process(corpus, path, *extra: str, crash_at: str | None = None, jobs: int = 2) -> subprocess.Popen:
    env = {**os.environ, store.CRASH_AT: crash_at or ""}
    command = [sys.executable, "-m", "timeline", "build", str(corpus), "--store", str(path), "--quiet"]
    command += ["--jobs", str(jobs), "--chunk-size", "10", *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def processes_naming(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = (entry / "stat").read_text().split()[2]
            except OSError:
                continue
            if marker in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def edit(corpus: Path) -> None:
    """A second version of the corpus: one article changed, one added, one removed."""
    files = sorted(corpus.glob("*.txt"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nTalks resumed on July 2, 2025.", encoding="utf-8")
    files[1].unlink()
    (corpus / "added.txt").write_text("The minister resigned on June 5, 2023.", encoding="utf-8")


@pytest.fixture
def synthetic(tmp_path):
    return write_corpus(tmp_path / "synthetic", 60, seed=5)


@pytest.mark.parametrize("stage", STAGES)
def test_kill_9_at_each_stage_then_rebuild(synthetic, tmp_path, stage):
    path = tmp_path / "store"
    assert build_process(synthetic, path).wait(timeout=300) == 0
    before = store.read_events(path)
    edit(synthetic)
    killed = build_process(synthetic, path, crash_at=stage)
    assert killed.wait(timeout=300) == -signal.SIGKILL, killed.stderr.read()
    deadline = time.monotonic() + 10
    while processes_naming(str(path)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_naming(str(path)) == [], "pool workers outlived the killed build"
    expected = timeline.load(synthetic).events
    seen = store.read_events(path)  # a reader sees the old snapshot or the new one, never a mix
    pd.testing.assert_frame_equal(seen, expected if stage == "committed" else before)
    again = build_process(synthetic, path)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    pd.testing.assert_frame_equal(store.read_events(path), expected)
    assert not [p for p in path.rglob("*") if store.TEMPORARY in p.name]
    assert "0 parsed" not in err if stage != "committed" else "0 parsed" in err


def test_a_first_build_killed_leaves_no_store_then_builds(synthetic, tmp_path):
    path = tmp_path / "store"
    assert build_process(synthetic, path, crash_at="articles-written").wait(timeout=300) == -signal.SIGKILL
    with pytest.raises(FileNotFoundError, match="no events"):
        store.read_events(path)
    assert build_process(synthetic, path).wait(timeout=300) == 0
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)


def test_a_second_build_is_refused_or_waits(synthetic, tmp_path):
    path = tmp_path / "store"
    first = build_process(synthetic, path, jobs=1)
    deadline = time.monotonic() + 60
    while "pid" not in ((path / store.LOCK).read_text() if (path / store.LOCK).exists() else ""):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    refused = build_process(synthetic, path, jobs=1)
    _, err = refused.communicate(timeout=120)
    assert refused.returncode == 2 and "another build is writing to" in err and "--wait" in err
    waiting = build_process(synthetic, path, "--wait", jobs=1)
    assert first.wait(timeout=300) == 0
    assert waiting.wait(timeout=300) == 0
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)
    edit(synthetic)
    assert build_process(synthetic, path).wait(timeout=300) == 0  # and every build after works
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)


def test_a_reader_during_a_build_sees_whole_snapshots(synthetic, tmp_path):
    path = tmp_path / "store"
    store.build(synthetic, path, jobs=1, chunk_size=10)
    old = store.read_snapshot(path)
    edit(synthetic)
    new_events = timeline.load(synthetic).events
    reads = 0
    for _ in range(3):  # three builds, each switching between the two versions
        (synthetic / "added.txt").write_text(f"The minister resigned on June {5 + reads % 2}, 2023.", encoding="utf-8")
        new_events = timeline.load(synthetic).events
        builder = build_process(synthetic, path, jobs=2)
        while builder.poll() is None:
            snapshot = store.read_snapshot(path)
            reads += 1
            assert set(snapshot.articles["source"]) >= set(snapshot.events["source"])
            if len(snapshot.events) != len(old.events) or snapshot.generation != old.generation:
                assert snapshot.generation > old.generation
                old = snapshot
        assert builder.returncode == 0
    assert reads > 10
    pd.testing.assert_frame_equal(store.read_events(path), new_events)


def test_a_chunk_deleted_by_hand_is_parsed_again(synthetic, tmp_path):
    path = tmp_path / "store"
    store.build(synthetic, path, jobs=1, chunk_size=10)
    victim = sorted((path / "chunks").glob("*.rows.parquet"))[0]
    victim.unlink()
    edit(synthetic)
    summary = store.build(synthetic, path, jobs=1, chunk_size=10)
    assert any("chunk missing or unreadable" in p.reason for p in summary.problems)
    assert summary.parsed >= 10
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)


def test_damaged_tables_are_repaired_by_the_next_build(synthetic, tmp_path):
    path = tmp_path / "store"
    store.build(synthetic, path, jobs=1, chunk_size=10)
    current = json.loads((path / store.CURRENT).read_text())
    table = path / current["table"]  # what readers read: the events table in one file
    table.write_bytes(table.read_bytes()[:100])  # truncated by hand
    with pytest.raises(store.StoreError, match="run the build again"):
        store.read_events(path)
    store.build(synthetic, path, jobs=1, chunk_size=10)
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)
    current = json.loads((path / store.CURRENT).read_text())
    part = sorted((path / current["events"]).glob("*.parquet"))[0]  # what a build reuses: one part per chunk
    part.write_bytes(part.read_bytes()[:100])
    store.build(synthetic, path, jobs=1, chunk_size=10)
    current = json.loads((path / store.CURRENT).read_text())
    assert all(pq.read_metadata(p).num_rows for p in (path / current["events"]).glob("*.parquet"))
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)
    (path / store.CURRENT).write_text("{not json", encoding="utf-8")
    summary = store.build(synthetic, path, jobs=1, chunk_size=10)
    assert summary.parsed == 60
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)


def test_chunks_of_one_article_equal_extract(corpus, tmp_path, seed_events):
    store.build(corpus, tmp_path / "store", jobs=2, chunk_size=1)
    pd.testing.assert_frame_equal(store.read_events(tmp_path / "store"), seed_events)


def test_links_in_the_corpus_never_reach_the_store(corpus, tmp_path):
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    summary = store.build(corpus, tmp_path / "store", jobs=1)
    assert any(p.file == "passwd.txt" and "symbolic link" in p.reason for p in summary.problems)
    assert "passwd" not in set(store.read_articles(tmp_path / "store")["source"])


def test_build_errors_are_messages(tmp_path, corpus, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(tmp_path / "file" / "store"), "--quiet"]) == 2
    assert "cannot use" in capsys.readouterr().err


def test_current_names_one_snapshot_back_not_the_whole_history(corpus, tmp_path):
    path = tmp_path / "store"
    for _ in range(3):
        store.build(corpus, path, jobs=1)
    current = json.loads((path / store.CURRENT).read_text())
    assert current["generation"] == 3
    assert current["previous"]["generation"] == 2 and "previous" not in current["previous"]


def test_an_edited_store_equals_a_fresh_build_and_keeps_what_no_change_reached(tmp_path):
    """Rounds of edits that move what the whole corpus says (names, dates, counts): each incremental build
    gives exactly the table of the edited corpus, and chunks that no change reached keep their part."""
    corpus = write_corpus(tmp_path / "synthetic", 80, seed=9)
    path = tmp_path / "store"
    first = store.build(corpus, path, jobs=2, chunk_size=8)
    assert (first.completed, first.kept) == (10, 0)
    files = sorted(corpus.glob("*.txt"))
    lines = [line for f in files[:20] for line in f.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    rounds = [
        lambda: [
            f.write_text(f.read_text(encoding="utf-8") + "\n" + lines[i], encoding="utf-8")
            for i, f in enumerate(files[30:33])
        ],  # sentences of other articles: shared names and dates
        lambda: [f.unlink() for f in files[50:52]],
        lambda: [(corpus / f"new-{i}.txt").write_text("\n".join(lines[i::7][:4]), encoding="utf-8") for i in range(3)],
        lambda: (corpus / "alone.txt").write_text(
            "On May 2, 2024, officials met Smith in the capital. Talks with Smith resumed on May 9, 2024.",
            encoding="utf-8",
        ),  # "Smith" alone: read as "Smith" ...
        lambda: files[5].write_text("Dana Smith resigned on June 5, 2023.", encoding="utf-8"),  # ... now "Dana Smith"
        lambda: (corpus / "month.txt").write_text("Pavel Orlov resigned in March 2023.", encoding="utf-8"),
        # ... a month mention naming someone joins the day he did it, when another article gives that day
        lambda: (corpus / "zday.txt").write_text("On March 14, 2023, Pavel Orlov resigned.", encoding="utf-8"),
    ]

    def outvote() -> None:  # three new mentions of another kind on an event's day: its category changes everywhere
        events = store.read_events(path)
        single = events[(events["granularity"] == "day") & (events["actors"] != "") & (events["category"] != "refusal")]
        event = single.groupby("event_id").filter(lambda g: g["source"].nunique() == 1).iloc[0]
        day, actor = event["date"], event["actors"].split("; ")[0]
        text = " ".join(f"On {day:%B} {day.day}, {day.year}, {actor} refused to serve." for _ in range(3))
        (corpus / "outvote.txt").write_text(text, encoding="utf-8")

    rounds.append(outvote)
    kept = 0
    for change in rounds:
        change()
        summary = store.build(corpus, path, jobs=2, chunk_size=8)
        pd.testing.assert_frame_equal(store.read_events(path), timeline.load(corpus).events)
        assert summary.revised  # the last build's corpus-wide tables, revised: not counted again from every chunk
        kept += summary.kept
    assert kept > 0  # edits of a few articles do not complete every chunk again


def test_only_rows_whose_event_changed_are_completed_again(tmp_path):
    """After an edit that changes one event's category, ``Changes.touched`` holds that event's mentions (and
    references that may move), not every row of its day: the store completes again only what may change,
    and its table is still the one a fresh build makes."""
    from timeline.merge import _referring_rows, _single_day

    corpus = write_corpus(tmp_path / "synthetic", 40, seed=4, real=real_paragraphs(SEEDS))  # news-size, with names
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1, chunk_size=10)
    events = store.read_events(path)
    single = events[(events["granularity"] == "day") & (events["date"] == events["date_end"])]
    busy = single.groupby("date")["event_id"].nunique()
    # a mention of its own (not a reference to the day's known event, which brings no names), naming someone, of
    # a small event on a day of several: four refusals by the one it names outvote it
    rows = pd.concat(
        pq.read_table(p, columns=store.TOUCH_COLUMNS).to_pandas() for p in (path / "chunks").glob("*.rows.parquet")
    )
    own = rows[~rows["reference"].astype(bool) & rows["actors_raw"].map(len).astype(bool)]
    own = own.merge(single[["source", "start", "date", "event_id"]], on=["source", "start", "date"])
    own = own[own["category"] != "refusal"].assign(size=own["event_id"].map(single["event_id"].value_counts()))
    own = own[(own["size"] <= 2) & own["date"].map(busy).gt(1)].sort_values(["date", "source", "start"])
    day, actor = own["date"].iloc[0], own["actors_raw"].iloc[0][0]
    (corpus / "more.txt").write_text(
        " ".join(f"On {day:%B} {day.day}, {day.year}, {actor} refused to serve." for _ in range(4)), encoding="utf-8"
    )
    summary = store.build(corpus, path, jobs=1, chunk_size=10)
    after = store.read_events(path)
    pd.testing.assert_frame_equal(after, timeline.load(corpus).events)
    current = json.loads((path / store.CURRENT).read_text())
    old, new = (store._load_step(path / name) for name in (current["previous"]["merge"], current["merge"]))
    changes = new.changes(old)
    touched, rows = [], 0
    for part in sorted((path / "chunks").glob("*.rows.parquet")):
        table = pq.read_table(part, columns=store.TOUCH_COLUMNS)
        frame = table.to_pandas()
        assert (_referring_rows(table) == _single_day(frame)[1].to_numpy()).all()  # one definition, in Arrow too
        touched.append(frame[changes.touched(table)])
        rows += table.num_rows
    touched = pd.concat(touched)
    assert 0 < len(touched) < rows / 4
    assert summary.redone == len(touched)  # the new article's chunk is new: its rows are among the touched
    on_the_day = touched[(touched["date"] == day) & ~touched["reference"].astype(bool)]
    outvoted = on_the_day["actors_raw"].map(lambda names: actor in list(names))
    assert (on_the_day["source"] != "more").any()  # the outvoted event's earlier mention is completed again ...
    assert outvoted.all()  # ... and no mention of the day's other events, which stand as they were:
    assert ((after["date"] == day) & ~after["actors"].str.contains(actor, regex=False)).any()


def test_what_a_revision_compares_with_is_the_last_builds_tables_as_saved(tmp_path, monkeypatch):
    """The copy of the corpus-wide tables taken before revising them (instead of reading them again) is
    left as the last build saved them, however the revision adds to and regroups the tables it copied."""
    from timeline.merge import CorpusStep

    corpus = write_corpus(tmp_path / "synthetic", 40, seed=5, real=real_paragraphs(SEEDS))
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1, chunk_size=10)
    saved = path / json.loads((path / store.CURRENT).read_text())["merge"]
    taken = []
    original = CorpusStep.before_revising
    monkeypatch.setattr(
        CorpusStep, "before_revising", lambda self, spans: taken.append(original(self, spans)) or taken[-1]
    )
    files = sorted(corpus.glob("*.txt"))
    for f in files[3:6]:  # sentences of other articles: shared names, dates and kinds
        f.write_text(
            f.read_text(encoding="utf-8") + "\n" + files[9].read_text(encoding="utf-8")[:400], encoding="utf-8"
        )
    files[7].unlink()
    assert store.build(corpus, path, jobs=1, chunk_size=10).revised
    (twin,), last = taken, store._load_step(saved)
    assert dict(twin.actors.acronyms) == dict(last.actors.acronyms)
    assert dict(twin.actors.full_names) == dict(last.actors.full_names)
    assert twin.actors.single_counts == last.actors.single_counts and twin.tables.counts == last.tables.counts
    for mine, theirs in ((twin.tables.groups, last.tables.groups), (twin.tables.referring, last.tables.referring)):
        assert mine.keys() == theirs.keys()
        assert all(_events_of(mine[span]) == _events_of(theirs[span]) for span in mine)


def _events_of(groups) -> dict:
    """A date span's events as what they are made of (finding a token's group shortens its path: not compared)."""
    members: dict = {}
    for token in groups.parent:
        members.setdefault(groups.find(token), set()).add(token)
    return {
        frozenset(tokens): (groups.categories[r], groups.names[r], groups.places[r], groups.first[r])
        for r, tokens in members.items()
    }


def test_saved_tables_load_only_the_merges_own_classes(synthetic, tmp_path):
    """A store's saved corpus-wide tables are read back with a restricted unpickler: a planted file runs nothing."""
    import pickle

    path = tmp_path / "store"
    store.build(synthetic, path, jobs=1, chunk_size=10)
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    saved = path / json.loads((path / store.CURRENT).read_text())["merge"]
    saved.write_bytes(pickle.dumps(Planted()))
    edit(synthetic)
    store.build(synthetic, path, jobs=1, chunk_size=10)
    assert not marker.exists()
    pd.testing.assert_frame_equal(store.read_events(path), timeline.load(synthetic).events)


def test_the_articles_table_is_assembled_sorted_and_an_unchanged_one_is_not_copied():
    import pyarrow as pa

    from timeline.store import _articles_table

    last = pa.table({"file": ["a.txt", "c.txt", "e.txt"], "chunk": ["1", "1", "2"]})
    assert _articles_table([last], pa.array([0, 1, 2], pa.int64())) is last
    new = pa.table({"file": ["d.txt", "b.txt"], "chunk": ["3", "3"]})
    table = _articles_table([last, new], pa.array([0, 2], pa.int64()))  # c.txt left, b.txt and d.txt came
    assert table.to_pydict() == {"file": ["a.txt", "b.txt", "d.txt", "e.txt"], "chunk": ["1", "3", "3", "2"]}
    assert _articles_table([last], pa.array([1], pa.int64())).to_pydict() == {"file": ["c.txt"], "chunk": ["1"]}


def test_a_chunk_parsed_before_mentions_had_an_agent_is_read_and_a_damaged_one_is_parsed_again(corpus, tmp_path):
    """Chunks of an older version lack the agent column: read with none. A damaged chunk's articles are parsed again."""
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1)
    (rows,) = sorted((path / "chunks").glob("*.rows.parquet"))
    table = pq.read_table(rows)
    pq.write_table(table.drop_columns(["agent"]), rows)
    frame = store._read_chunk(path, rows.name.split(".")[0], "rows", store.MERGE_COLUMNS)
    assert set(frame["agent"]) == {""} and len(frame) == table.num_rows
    rows.write_bytes(b"not parquet")
    with pytest.raises(store._BadChunk):
        store._read_chunk(path, rows.name.split(".")[0], "rows", store.MERGE_COLUMNS)


def test_saved_tables_load_back_the_same_whatever_pickle_wrote_them(tmp_path):
    """The build saves the names' counters as ``counter_of`` calls (fast to load); a step pickled plainly, as
    earlier versions did, loads too, and both are the same tables: real Counters for names, plain dicts (which
    pickle reads natively) for the events' counts."""
    import pickle
    from collections import Counter

    path = tmp_path / "store"
    store.build(SEEDS, path, jobs=1)
    current = json.loads((path / store.CURRENT).read_text())
    step = store._load_step(path / current["merge"])
    plain = tmp_path / "plain.pickle"
    plain.write_bytes(pickle.dumps(step, protocol=pickle.HIGHEST_PROTOCOL))
    again = store._load_step(plain)
    assert b"counter_of" in (path / current["merge"]).read_bytes() and b"counter_of" not in plain.read_bytes()
    assert pickle.dumps(again) == pickle.dumps(step)
    groups = next(iter(step.tables.groups.values()))
    assert all(type(c) is dict for c in groups.categories.values())
    assert all(type(c) is Counter for c in step.actors.full_names.values()) and step.actors.full_names
    assert sum(step.tables.counts.values()) > 0
