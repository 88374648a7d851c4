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
