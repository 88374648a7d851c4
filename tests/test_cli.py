"""The command line: formats, output file, errors and warnings."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd

from tests.conftest import SEEDS
from timeline.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, timeout=120)


def test_json_to_stdout(seed_events):
    result = run("extract", str(SEEDS), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == len(seed_events)
    assert records[0]["date"].count("-") == 2


def test_csv_to_file_and_parquet(tmp_path, seed_events, capsys):
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "e.csv")]) == 0
    assert len(pd.read_csv(tmp_path / "e.csv")) == len(seed_events)
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "e.parquet")]) == 0
    frame = pd.read_parquet(tmp_path / "e.parquet")
    assert list(frame.columns) == list(seed_events.columns)
    assert "events from 5 articles" in capsys.readouterr().err


def test_missing_path_fails_clearly():
    result = run("extract", "no/such/folder")
    assert result.returncode == 2
    assert "no such file or folder: no/such/folder" in result.stderr


def test_skipped_files_are_named_on_stderr(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text("It happened on June 5, 2023.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "warning: empty.txt: empty file" in captured.err
    assert len(pd.read_csv(io.StringIO(captured.out))) == 1


def test_csv_cells_cannot_become_formulas(tmp_path, capsys):
    (tmp_path / "evil.txt").write_text("=HYPERLINK(1) happened on June 5, 2023.", encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out


def test_a_device_and_a_missing_output_folder_are_messages(tmp_path):
    result = run("extract", "/dev/zero")
    assert result.returncode == 0 and "zero: not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("extract", str(SEEDS), "--out", str(tmp_path / "missing" / "e.csv"))
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_an_out_of_range_publication_date_is_a_warning_not_a_crash(tmp_path):
    (tmp_path / "a.txt").write_text("Published: 2262-06-01\nIt happened on June 5, 2023.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It happened on June 6, 2023.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,published\nb.txt,9999-12-31\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert "a.txt: publication date '2262-06-01' is out of range" in result.stderr
    assert "b.txt: publication date '9999-12-31' is out of range" in result.stderr
