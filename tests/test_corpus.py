"""Loading articles: manifest and header dates, noise, sentence splitting, bad files."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from timeline.corpus import load_corpus, parse_article
from timeline.events import extract
from timeline.text import NOISE_MARKS, clean, sentences

MANIFEST = "file,outlet,title,url,published,author\n"


def test_manifest_date_wins(seeds_corpus):
    article = next(a for a in seeds_corpus.articles if a.source.startswith("001"))
    assert (article.published, article.published_from) == (dt.date(2024, 4, 22), "manifest")
    assert article.outlet.startswith("NTD")


def test_header_date_when_the_manifest_has_none(seeds_corpus):
    article = next(a for a in seeds_corpus.articles if a.source.startswith("002"))
    assert (article.published, article.published_from) == (dt.date(2024, 4, 22), "text")
    assert "date 2024-04-22" not in article.clean_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: March 3, 2024\nThe minister resigned on Monday.", dt.date(2024, 3, 3)),
        ("Posted on 2023-10-09\nText.", dt.date(2023, 10, 9)),
        ("No date anywhere here.", None),
    ],
)
def test_dates_written_in_the_text(text, expected):
    article = parse_article(text, "a")
    assert article.published == expected
    assert article.published_from == ("text" if expected else "unknown")


def test_file_missing_from_the_manifest_still_loads(corpus_dir):
    corpus_dir.write("sources.csv", MANIFEST + "listed.txt,Outlet,Title,https://example.org/a,2024-01-02,\n")
    corpus_dir.write("listed.txt", "It happened on Monday.")
    corpus_dir.write("unlisted.txt", "It happened on June 5, 2023.")
    articles, problems = load_corpus(corpus_dir.path)
    assert {a.source for a in articles} == {"listed", "unlisted"}
    assert problems == []


def test_bad_files_are_reported_and_the_rest_kept(corpus_dir):
    corpus_dir.write("good.txt", "The vote took place on June 5, 2023.")
    corpus_dir.write("empty.txt", "   \n")
    corpus_dir.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    corpus_dir.write("latin.txt", "Caf\xe9 opened on June 5, 2023.".encode("cp1252"))
    corpus_dir.write("sources.csv", MANIFEST + "ghost.txt,O,T,,2024-01-01,\n../escape.txt,O,T,,,\n")
    articles, problems = load_corpus(corpus_dir.path)
    assert {a.source for a in articles} == {"good", "latin"}
    assert next(a for a in articles if a.source == "latin").text.startswith("Café")
    reasons = {p.file: p.reason for p in problems}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "no such file" in reasons["ghost.txt"]
    assert any("refused" in r for r in reasons.values())


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nope")


@pytest.mark.parametrize(
    "noise",
    [
        "Also Read | Infosys shares have highest weight in Nifty IT index",
        "Sign up for NTD Daily",
        "By registering for the newsletter, you agree to the Privacy Policy.",
        "The site, in this picture taken on Oct. 10, 2023. (Jack Guez/AFP via Getty Images)",
        "From The Epoch Times",
    ],
)
def test_noise_is_blanked_keeping_offsets(noise):
    text = f"Real news on Monday.\n{noise}\nMore news."
    cleaned, _ = clean(text)
    assert len(cleaned) == len(text)
    assert noise not in cleaned
    assert "Real news on Monday." in cleaned and "More news." in cleaned


def test_also_read_stops_where_the_article_resumes():
    text = 'Also Read | Some headline here "The directorate failed," he wrote.'
    cleaned, _ = clean(text)
    assert '"The directorate failed," he wrote.' in cleaned
    assert "Some headline" not in cleaned


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("On Oct. 7, he was away. He came back.", 2),
        ("Maj. Gen. Aharon Haliva resigned. Lt. Gen. Herzi Halevi stayed.", 2),
        ("Mr. Haliva met U.S. officials on Monday. They talked.", 2),
        ("“We failed,” he said. “I bear responsibility.”", 2),
        ("I hope to finish my term on the 1st. ”\nNext paragraph.", 2),
    ],
)
def test_sentences(text, count):
    spans = sentences(text)
    assert len(spans) == count, [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    "noise",
    [
        "CAIRO (AP) — ",
        "JERUSALEM, Oct 9 (Reuters) - ",
        "GAZA CITY, Gaza Strip (AP) -- ",
        "GENEVA (12 March 2024) - ",
        "SEOUL - ",
        "DERNA, Libya - ",
        "BOSTON, June 5, 2023 /PRNewswire/ -- ",
        "JERUSALEM/BEIRUT, June 5 (Reuters) - ",
        "Beirut (AFP) - ",
        "KYIV/MOSCOW — ",
    ],
)
def test_a_wire_dateline_is_neither_actor_nor_event(noise):
    article = parse_article(
        noise + "Talks resumed on June 5, 2023 between the envoys.", "wire", {"published": "2023-06-06"}
    )
    events = extract([article])
    assert list(events["date"].dt.strftime("%Y-%m-%d")) == ["2023-06-05"]
    named = set(events["actors"].str.split("; ").sum())
    cities = {"CAIRO", "JERUSALEM", "GAZA CITY", "GENEVA", "SEOUL", "DERNA", "JERUSALEM/BEIRUT", "BEIRUT", "Beirut"}
    assert not {"AP", "AFP", "Reuters", "KYIV", "MOSCOW", "KYIV/MOSCOW"} & named and not cities & named
    assert events["quote"].iloc[0].startswith("Talks resumed")


@pytest.mark.parametrize(
    "line",
    [
        "pic.twitter.com/AbC123xyz",
        "— Jane Roe (@janeroe) October 9, 2023",
        "@janeroe @wirehandle",
        "READ: Ten things to know about the vote",
        "Posted: Oct 9, 2023 10:15 IST Updated: Oct 9, 2023 11:02 IST",
        "Trusted news since 2009",
        "Copyright 2024 Channel 8 News. All rights reserved.",
        "© 2024 The Daily Example",
        "Posted by our correspondent, 11 August 2024",
        "Last updated March 3, 2024.",
        "Correction, Sept. 6: An earlier version of this article misstated the date. It was August 22, not August 23.",
        "Editor's note: This story was updated on May 2, 2024 with a statement.",
        "You're receiving this because you signed up at our website. Unsubscribe | Manage preferences",
        "By Maayan Lubell and Laila Bassam",
        "By Yolande Knell, Middle East correspondent, Jerusalem",
        "By JULIA FRANKEL and SAMY MAGDY",
        "Image source, Getty Images",
        "This article is about the events of January 2025.",
        '^ "Ceasefire agreed". Example News. 15 January 2025. Retrieved 16 January 2025.',
    ],
)
def test_page_furniture_lines_are_noise(line):
    text = f"{line}\nThe minister resigned on June 5, 2023."
    cleaned, _ = clean(text)
    assert cleaned.split("\n")[0].strip() == ""
    assert cleaned.split("\n")[1] == "The minister resigned on June 5, 2023."


@pytest.mark.parametrize(("word", "pattern", "example"), NOISE_MARKS, ids=[w for w, _, _ in NOISE_MARKS])
def test_every_noise_mark_blanks_its_example_and_needs_its_word(word, pattern, example):
    cleaned, _ = clean(f"{example}\nThe minister resigned on June 5, 2023.")
    assert cleaned.split("\n")[0].strip() == ""
    lowered = example.lower()
    assert word in lowered and re.search(pattern, lowered)
    # the word is what lets a line be searched at all: without it, the mark cannot match
    assert not re.search(pattern, lowered.replace(word, "x" * len(word)))


@pytest.mark.parametrize(
    "line",
    [
        "Copyright lawsuits were filed on June 5, 2024 against the firm",
        "Published by Penguin in 2019, the memoir sold.",
        "Users could unsubscribe from the service after the breach on May 3, 2024.",
        "By Monday, the army had withdrawn from the town",
        "By then the talks had collapsed.",
    ],
)
def test_a_report_that_opens_like_furniture_is_kept(line):
    cleaned, _ = clean(f"{line}\nMore.")
    assert cleaned.split("\n")[0] == line


def test_a_revision_stamp_after_other_furniture_is_blanked_and_reporting_kept():
    cleaned, _ = clean("Status: warrants outstanding. Last reviewed December 2024.\nThe law was last updated in 2019.")
    assert cleaned.split("\n") == ["Status: warrants outstanding." + " " * 29, "The law was last updated in 2019."]


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("October 3, 2024 6:41 PM GMT+3 Updated 2 hours ago", dt.date(2024, 10, 3)),
        ("Thu 3 Oct 2024 21.34 BST", dt.date(2024, 10, 3)),
        ("First published on Thu 3 Oct 2024 21.40 BST", dt.date(2024, 10, 3)),
        ("Last modified on Fri 4 Oct 2024 00.12 BST", dt.date(2024, 10, 4)),
        ("3 October 2024, 9:41 pm", dt.date(2024, 10, 3)),
        ("Oct 3, 2024 9:12 pm IDT", dt.date(2024, 10, 3)),
        ("October 3, 2024 at 9:13 PM UTC+02:00", dt.date(2024, 10, 3)),
        ("Updated 8:15 PM EDT, October 3, 2024", dt.date(2024, 10, 3)),
        ("Published Oct. 3, 2024 Updated Oct. 4, 2024, 12:05 a.m. ET", dt.date(2024, 10, 3)),
        ("Thursday 3 October 2024 21:40, UK", dt.date(2024, 10, 3)),
        ("Published: 10.23.24, 20:41", dt.date(2024, 10, 23)),  # month first, as some outlets stamp
        ("Published: 23.10.2024, 20:41", dt.date(2024, 10, 23)),  # day first
        ("By Jane Roe | October 3, 2024", dt.date(2024, 10, 3)),  # a byline and its day on one line
    ],
)
def test_a_page_time_stamp_is_furniture_and_dates_the_article(stamp, day):
    """Outlets print a page's time stamp under its headline in many ways: blanked (no event, no "PM GMT" actor),
    and the day of publication when the manifest gives none."""
    text = f"Central bank raises rates\nBy Jane Roe\n{stamp}\nThe central bank raised rates on Tuesday."
    article = parse_article(text, "a")
    assert (article.published, article.published_from) == (day, "text")
    assert article.clean_text.split("\n")[2].strip() == ""
    events = extract([article])
    assert list(events["date_text"]) == ["Tuesday"] and events["actors"].iloc[0] == ""


@pytest.mark.parametrize(
    "line",
    [
        "October 3, 2024",  # a timeline's date heading: it dates the paragraph under it
        "Polls closed at 9 pm on October 3, 2024",  # reporting: a clock, a date and a sentence's words
        "Oct 3, 2024 - World",  # a section's name beside the date
    ],
)
def test_a_date_heading_or_a_report_with_a_clock_is_no_stamp(line):
    cleaned, found = clean(f"{line}\nThe central bank raised rates on Tuesday.")
    assert cleaned.split("\n")[0] == line and found is None


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "[1/3] Soldiers patrol in Gaza, October 3, 2024. REUTERS/Jane Roe Purchase Licensing Rights, opens new tab",
            "Soldiers patrol in Gaza, October 3, 2024.",
        ),
        (
            "Image caption, Crowds celebrate in Khan Younis on 15 January 2025",
            "Crowds celebrate in Khan Younis on 15 January 2025",
        ),
    ],
)
def test_a_captions_credit_and_marks_are_blanked_and_the_caption_kept(line, kept):
    cleaned, _ = clean(f"{line}\nThe minister resigned on June 5, 2023.")
    assert cleaned.split("\n")[0].strip() == kept


@pytest.mark.parametrize(
    "heading",
    [
        "Notes to editors",
        "See also",
        "References",
        "External links",
        "Further reading",
        "REFERENCES",
        "Notes and references",
    ],
)
def test_a_closing_section_is_furniture_to_the_end(heading):
    text = f"The minister resigned on June 5, 2023.\n{heading}\nTalks on June 7, 2023 (archive).\nMore on June 9, 2023."
    cleaned, _ = clean(text)
    assert cleaned.split("\n")[0] == "The minister resigned on June 5, 2023." and not cleaned[40:].strip()


def test_a_numeric_day_that_reads_both_ways_is_not_used_and_says_so():
    article = parse_article("Rates rise\nPublished: 04.05.25, 09:12\nThe bank raised rates on Tuesday.", "a")
    assert article.published is None
    assert any("day-month and as month-day" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("published", "top", "day"),
    [
        ("2025-01", "Friday, January 24", dt.date(2025, 1, 24)),  # a newsletter's date line: its weekday agrees
        ("2025-01", "Thursday, January 24", None),  # it does not: the manifest's month stands
        ("2024-10", "By Jane Roe | October 3, 2024", dt.date(2024, 10, 3)),
        ("2024-10", "By Jane Roe | November 3, 2024", None),  # another month than the manifest's: not trusted
    ],
)
def test_the_page_gives_the_day_of_a_month_the_manifest_gives(published, top, day):
    """A manifest that knows only the month, a page that prints the day: relative dates count from that day."""
    text = f"The week in review\n{top}\n\nThe central bank raised rates on Tuesday."
    article = parse_article(text, "a", {"published": published})
    if day is None:
        assert (article.published_precision, article.published_from) == ("month", "manifest")
    else:
        assert (article.published, article.published_precision, article.published_from) == (day, "day", "text")


def test_a_date_line_under_the_title_dates_the_page_unless_it_is_one_of_a_chronologys_headings():
    page = "Hundreds join the call\nFormer officials sign a letter.\nApril 14, 2025\n\nThey signed it on Monday."
    article = parse_article(page, "a")
    assert (article.published, article.published_from) == (dt.date(2025, 4, 14), "text")
    assert list(extract([article])["date"].dt.strftime("%Y-%m-%d")) == ["2025-04-14"]
    chronology = "Key dates\nApril 14, 2025\nOfficials sign a letter.\n\nApril 20, 2025\nA rally is held."
    assert parse_article(chronology, "b").published is None


def test_a_posted_line_still_dates_the_article():
    article = parse_article(
        "Posted: March 3, 2024 10:15 IST Updated: March 3, 2024 11:02 IST\nTalks resumed on Monday.", "a"
    )
    assert article.published == dt.date(2024, 3, 3)


def test_a_manifest_row_reads_back_as_written_and_apart_from_the_others():
    from timeline.corpus import manifest_from_bytes

    data = b"file,outlet,title,published\na.txt,Wire,First,2024-03-05\nb.txt,Wire,Second,\nc.txt,Paper,Third\n"
    manifest, problems = manifest_from_bytes("sources.csv", data)
    assert problems == [] and list(manifest) == ["a.txt", "b.txt", "c.txt"] and "b.txt" in manifest
    assert manifest["a.txt"] == {"file": "a.txt", "outlet": "Wire", "title": "First", "published": "2024-03-05"}
    assert manifest.get("c.txt") == {"file": "c.txt", "outlet": "Paper", "title": "Third"}  # a short row
    manifest["a.txt"]["title"] = "changed"  # a caller's copy: the manifest itself stays as read
    assert manifest["a.txt"]["title"] == "First" and manifest.get("z.txt") is None


def test_corpus_files_are_names_sorted_with_links_and_folders_refused(tmp_path):
    from timeline.corpus import corpus_files

    for name in ("b.txt", "A.TXT", "notes.md", ".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    names, problems = corpus_files(tmp_path)
    assert names == ["A.TXT", "b.txt"]
    assert [(p.file, p.reason.split(":")[0]) for p in problems] == [
        ("dir.txt", "not a regular file"),
        ("link.txt", "a symbolic link"),
    ]


def test_a_repost_is_dated_by_its_first_publication_and_its_note_is_furniture():
    text = (
        "Originally published by Gulf Monitor on 11 April 2025. Republished with permission.\n\n"
        "Reservists call for a deal\n\nAround 1,000 reservists signed a letter, the press reported yesterday."
    )
    article = parse_article(text, "a", {"published": "2025-04-12"})
    assert (article.published, article.published_from) == (dt.date(2025, 4, 11), "text")
    assert any("first publication" in w for w in article.warnings)
    assert "Originally" not in article.clean_text
    assert list(extract([article])["date"].dt.strftime("%Y-%m-%d")) == ["2025-04-10"]


def test_no_break_spaces_read_as_spaces_and_a_listed_page_that_is_no_txt_says_so(tmp_path):
    text = "Army chief quits\n\nTEL\u00a0AVIV, Jan.\u00a021 (Wire) \u2014 The army chief resigned on\u00a0Tuesday."
    events = extract([parse_article(text, "a", {"published": "2025-01-21"})])
    assert list(events["date_text"]) == ["Tuesday"]
    (tmp_path / "page.html").write_text("<p>A page</p>", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet,title,url,published\npage.html,X,T,,\n", encoding="utf-8")
    _, problems = load_corpus(tmp_path)
    assert [p.reason for p in problems if p.file == "page.html"] == [
        "listed in sources.csv but not a .txt article: only .txt files are read (a saved page too, renamed .txt)"
    ]
