"""Bad and hostile input: every case handled with a message, every good input kept."""

from __future__ import annotations

import datetime as dt
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline.corpus import MAX_BYTES, article_from_bytes, decode, load_corpus, parse_article
from timeline.events import extract
from timeline.schema import GRANULARITIES
from timeline.temporal import TYPES, tag

GOOD = "The minister resigned on June 5, 2023, after the vote."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        ("huge.txt", b"a" * (MAX_BYTES + 1), "too large"),
        ("shell.txt", b"<html><body><script>x()</script></body></html>", "no text in it"),
    ],
)
def test_unusable_files_are_named_and_the_rest_kept(corpus_dir, name, content, reason):
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write(name, content)
    corpus = timeline.load(corpus_dir.path)
    assert list(corpus.events["source"]) == ["good"]
    assert any(p.file == name and reason in p.reason for p in corpus.problems), corpus.problems


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café opened on June 5, 2023 — “quoted”.".encode("cp1252"), "Café opened on June 5, 2023 — “quoted”."),
        ("Zürich, June 5, 2023.".encode("latin-1"), "Zürich, June 5, 2023."),
        (
            b"\xef\xbb\xbfBOM first. Signed on June 5, 2023.",
            "BOM first. Signed on June 5, 2023.",
        ),  # a bare date is no event
        (b"One.\r\nTwo on June 5, 2023.\rThree.\n", "One.\nTwo on June 5, 2023.\nThree.\n"),
    ],
)
def test_encodings_and_line_endings_are_read(data, expected):
    article = article_from_bytes("a.txt", data)
    assert article.text == expected
    assert not extract([article]).empty


def test_html_saved_as_text_is_read_as_text():
    page = (
        b"<!DOCTYPE html><html><head><title>Minister quits</title><style>p{}</style></head><body>"
        b"<nav>Home | World</nav><p>The minister resigned on <b>June 5, 2023</b>.</p>"
        b"<script>var d = 'October 7, 2023';</script></body></html>"
    )
    article = article_from_bytes("page.txt", page)
    assert article.text == "The minister resigned on June 5, 2023."
    assert article.title == "Minister quits"
    events = extract([article])
    assert list(events["date"]) == [pd.Timestamp("2023-06-05")]


def test_many_number_like_tokens(corpus_dir):
    numbers = " ".join(str(1900 + i % 200) for i in range(20_000))
    corpus_dir.write("table.txt", numbers + "\n" + GOOD)
    corpus = timeline.load(corpus_dir.path)
    assert list(corpus.events["date"]) == [pd.Timestamp("2023-06-05")]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("ghost.txt,O,T,https://x.org,2024-01-01,", "no such file"),
        ("../outside.txt,O,T,,,", "refused"),
        ("/etc/passwd,O,T,,,", "refused"),
        ("good.txt,O,T,,2023-02-30,", "unreadable publication date"),
        ("good.txt,O,T,,someday,", "unreadable publication date"),
    ],
)
def test_bad_manifest_rows(corpus_dir, row, reason):
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("sources.csv", "file,outlet,title,url,published,author,extra\n" + row + "\n")
    corpus = timeline.load(corpus_dir.path)
    assert len(corpus.events) == 1
    assert any(reason in p.reason for p in corpus.problems), corpus.problems


def test_manifest_with_missing_columns_and_duplicates(corpus_dir):
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("sources.csv", "file,outlet\ngood.txt,Wire\ngood.txt,Other\n")
    articles, problems = load_corpus(corpus_dir.path)
    assert articles[0].outlet == "Wire" and articles[0].published is None
    assert any("duplicate" in p.reason for p in problems)


def test_manifest_without_a_file_column_is_ignored_with_a_message(corpus_dir):
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("sources.csv", "name,outlet\ngood.txt,Wire\n")
    articles, problems = load_corpus(corpus_dir.path)
    assert len(articles) == 1 and "no 'file' column" in problems[0].reason


def test_a_non_web_url_is_refused_with_a_problem(corpus_dir):
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("sources.csv", "file,url,published\ngood.txt,javascript:alert(1),2023-06-06\n")
    corpus = timeline.load(corpus_dir.path)
    assert corpus.events["url"].iloc[0] == ""
    assert any(p.file == "good.txt" and "'javascript:alert(1)' refused" in p.reason for p in corpus.problems)


@pytest.mark.parametrize(
    ("manifest_date", "header"),
    [("9999-12-31", ""), ("0001-01-01", ""), ("", "Published: 2262-06-01\n"), ("1700-01-01", "")],
)
def test_out_of_range_publication_dates_are_a_warning(corpus_dir, manifest_date, header):
    corpus_dir.write("odd.txt", header + "Talks resumed on Monday, and on June 5, 2023 the minister resigned.")
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("sources.csv", f"file,published\nodd.txt,{manifest_date}\ngood.txt,2023-06-06\n")
    corpus = timeline.load(corpus_dir.path)
    assert any(p.file == "odd.txt" and "out of range" in p.reason for p in corpus.problems), corpus.problems
    assert set(corpus.events["source"]) == {"odd", "good"}  # the rest of the corpus, and the odd file's own dates
    assert corpus.events["published"].isna().sum() == 1


def test_a_huge_manifest_cell_refuses_its_row_only(corpus_dir):
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("other.txt", GOOD)
    big = "x" * 200_000
    corpus_dir.write("sources.csv", f"file,outlet\nother.txt,{big}\ngood.txt,Wire\n")
    corpus = timeline.load(corpus_dir.path)
    assert len(corpus.events) == 2
    assert any(p.file == "sources.csv:2" and "field larger" in p.reason for p in corpus.problems)
    assert dict(zip(corpus.events["source"], corpus.events["outlet"], strict=True))["good"] == "Wire"


def test_a_manifest_over_the_limit_is_refused(monkeypatch, corpus_dir):
    monkeypatch.setattr("timeline.corpus.MAX_MANIFEST_BYTES", 100)
    corpus_dir.write("good.txt", GOOD)
    corpus_dir.write("sources.csv", "file,outlet\n" + "good.txt,Wire\n" * 20)
    corpus = timeline.load(corpus_dir.path)
    assert len(corpus.events) == 1
    assert any("manifest unreadable: too large" in p.reason for p in corpus.problems), corpus.problems


def test_a_device_is_not_read(tmp_path):
    articles, problems = load_corpus(["/dev/zero"])
    assert articles == [] and "not a regular file" in problems[0].reason


def test_links_out_of_the_corpus_are_refused(corpus_dir, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("The secret was set on June 5, 2023.", encoding="utf-8")
    corpus_dir.write("good.txt", GOOD)
    (corpus_dir.path / "passwd.txt").symlink_to(secret)
    (corpus_dir.path / "inside.txt").symlink_to(corpus_dir.path / "good.txt")
    corpus = timeline.load(corpus_dir.path)
    assert list(corpus.events["source"]) == ["good"]
    refused = {p.file for p in corpus.problems if "symbolic link" in p.reason}
    assert refused == {"passwd.txt", "inside.txt"}


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        (
            "שלום. June 5, 2023.".encode() + b"\xff" + " עוד".encode(),
            "שלום. June 5, 2023.\ufffd עוד",
            "not valid UTF-8",
        ),
        ("Zürich “q”".encode("cp1252"), "Zürich “q”", "read as Windows-1252"),
        (b"caf\xe9 \x81", "café \x81", "read as Latin-1"),
        ("UTF-16 שלום, June 5, 2023.".encode("utf-16"), "UTF-16 שלום, June 5, 2023.", None),
        ("BOM-less clean UTF-8 “ok”".encode(), "BOM-less clean UTF-8 “ok”", None),
    ],
)
def test_decoding_keeps_utf8_reads_utf16_and_warns_on_fallbacks(data, text, warning):
    decoded, said = decode(data)
    assert decoded == text
    assert (said is None) if warning is None else (warning in said)


def test_a_fallback_decoding_is_a_problem_of_its_file(corpus_dir):
    corpus_dir.write("latin.txt", "Zürich resigned on June 5, 2023.".encode("latin-1"))
    corpus = timeline.load(corpus_dir.path)
    assert any(p.file == "latin.txt" and "not UTF-8" in p.reason for p in corpus.problems)
    assert corpus.events["quote"].iloc[0].startswith("Zürich")


def test_a_sentence_with_too_many_dates_is_reported():
    listing = ", ".join(f"June {d}, 2023" for d in range(1, 15))
    article = parse_article(f"Hearings were held on {listing}.", "table", {"published": "2023-07-01"})
    problems: list = []
    assert extract([article], problems=problems).empty
    assert any(p.file == "table" and "14 dates" in p.reason for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "It began on 0001-01-01.",
        "It ends on 9999-12-31.",
        "It was on February 30, 2023.",
        "On July 4, 1776, they declared it.",
    ],
)
def test_impossible_or_far_dates_never_reach_the_table(text):
    article = parse_article(text, "a", {"published": "2024-01-01"})
    problems: list = []
    events = extract([article], problems=problems)
    assert events.empty
    if "1776" in text:
        assert "implausibly far" in problems[0].reason


def test_same_corpus_same_table(seeds_corpus):
    again = timeline.load(seeds_corpus.articles[0].source and "seeds")
    pd.testing.assert_frame_equal(again.events, seeds_corpus.events)


def test_app_never_renders_article_text_as_html():
    from tests.conftest import ROOT

    assert "unsafe_allow_html" not in (ROOT / "app.py").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# Property-based: random and adversarial text never breaks the tagger or loader
# --------------------------------------------------------------------------

NEWSY = st.sampled_from(
    "Monday May may March march 7 Oct. 2023 , . last next ago after the attack days weeks ten 1,200 "
    "2024-02-30 the 31st year quarter third-quarter early late mid- Unit 8200 “ ” ' ( ) \n".split(" ")
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(NEWSY, max_size=80).map(" ".join),
    st.text(alphabet=string.digits + " ,.-/:", max_size=200),
)
DCT = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, dct=DCT)
def test_tagger_properties(text, dct):
    for t in tag(text, dct):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in TYPES and t.value
        if t.is_calendar:
            assert t.granularity in GRANULARITIES
            assert isinstance(t.first, dt.date) and t.first <= t.last
        else:
            assert t.granularity is None and t.last is None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXT, published=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
)
def test_loader_properties(text, published):
    meta = {"published": published.isoformat()} if published else {}
    article = parse_article(text, "random", meta)
    assert len(article.clean_text) == len(article.text)
    events = extract([article])
    for row in events.itertuples():
        assert 0 <= row.start < row.end <= len(article.text)
        assert row.granularity in GRANULARITIES
        assert row.date <= row.date_end
