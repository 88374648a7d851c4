"""The incremental Parquet store, the parallel and Dask builds, and the synthetic corpus."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import timeline
from tests.conftest import SEEDS
from timeline import store
from timeline.cli import main
from timeline.synthetic import generate, read_truth, write_corpus


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_store_equals_the_in_memory_table(corpus, tmp_path, seed_events):
    summary = store.build(corpus, tmp_path / "store", jobs=1)
    assert (summary.articles, summary.parsed, summary.events) == (5, 5, len(seed_events))
    pd.testing.assert_frame_equal(store.read_events(tmp_path / "store"), seed_events)


def test_rebuild_parses_only_what_changed(corpus, tmp_path):
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1)
    again = store.build(corpus, path, jobs=1)
    assert (again.parsed, again.reused) == (0, 5)

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


def test_a_changed_manifest_row_reparses_its_article(corpus, tmp_path):
    path = tmp_path / "store"
    store.build(corpus, path, jobs=1)
    manifest = corpus / "sources.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2024-04-22", "2024-04-29", 1), encoding="utf-8")
    summary = store.build(corpus, path, jobs=1)
    assert summary.parsed == 1
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
