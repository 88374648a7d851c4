"""Corpus loading: article files plus an optional ``sources.csv`` manifest.

:func:`parse_article` is pure (text and metadata in, :class:`Article` out);
:func:`read_article`, :func:`read_manifest` and :func:`load_corpus` are thin
file-reading wrappers around it.  Nothing is dropped silently: every file that
cannot be used is reported as a :class:`Problem` naming the file and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.temporal import parse_date
from timeline.text import clean, html_to_text, looks_like_html

__all__ = [
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "Article",
    "Problem",
    "article_from_bytes",
    "load_corpus",
    "load_uploads",
    "manifest_from_bytes",
    "parse_article",
    "read_article",
    "read_manifest",
]

MANIFEST_NAME = "sources.csv"
MANIFEST_COLUMNS = ("file", "outlet", "title", "url", "published", "author")
MAX_BYTES = 5_000_000  # larger files are rejected with a message, not read
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
# A dateline near the top of an article: "Published March 3, 2024", "(Oct. 7, 2023)".
DATELINE = re.compile(
    r"\b(?:published|posted|updated)\s*(?:on)?\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    """A file (or manifest row) that could not be used, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass(frozen=True)
class Article:
    """One article: the original text, the cleaned text (same length) and its metadata."""

    source: str
    text: str
    clean_text: str
    outlet: str = ""
    title: str = ""
    url: str = ""
    author: str = ""
    published: dt.date | None = None
    published_from: str = "unknown"  # manifest, text, or unknown
    warnings: tuple[str, ...] = field(default=())


def _to_date(value: str | None) -> dt.date | None:
    """A publication date from a manifest cell or a header; None if it is not a real date."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    parsed = parse_date(value)
    return parsed[0] if parsed and parsed[1] == "day" else None


def parse_article(text: str, source: str, meta: dict[str, str] | None = None) -> Article:
    """Clean an article and settle its publication date: manifest, else the text itself."""
    meta = dict(meta or {})
    warnings = []
    if looks_like_html(text):
        text, page_title = html_to_text(text)
        meta.setdefault("title", page_title)
        meta["title"] = meta["title"] or page_title
        warnings.append("HTML page: read as its text, tags and scripts dropped")
    clean_text, header_date = clean(text)
    published, published_from = _to_date(meta.get("published")), "manifest"
    if meta.get("published", "").strip() and published is None:
        warnings.append(f"unreadable publication date {meta['published']!r} in the manifest")
    if published is None:
        dateline = DATELINE.search(clean_text[:600])
        written = header_date or (dateline.group("date") if dateline else None)
        published, published_from = _to_date(written), "text"
    if published is None:
        published_from = "unknown"
    return Article(
        source=source,
        text=text,
        clean_text=clean_text,
        outlet=(meta.get("outlet") or "").strip(),
        title=(meta.get("title") or "").strip(),
        url=(meta.get("url") or "").strip(),
        author=(meta.get("author") or "").strip(),
        published=published,
        published_from=published_from,
        warnings=tuple(warnings),
    )


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes), not a text article")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable text")  # unreachable: latin-1 decodes any byte


def article_from_bytes(name: str, data: bytes, meta: dict[str, str] | None = None) -> Article:
    """An article from a file's bytes; raises ValueError with the reason when it is unusable."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    text = decode(data)
    if not text.strip():
        raise ValueError("empty file")
    article = parse_article(text, Path(name).stem, meta)
    if not article.text.strip():
        raise ValueError("no text in it (an HTML page with no readable content)")
    return article


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing (ValueError) one over the size limit before reading it."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    return path.read_bytes()


def read_article(path: Path, meta: dict[str, str] | None = None) -> Article:
    """Read one article file; raises ValueError with the reason when it is unusable."""
    return article_from_bytes(path.name, read_bytes(path), meta)


def read_manifest(path: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Manifest rows keyed by file name, plus the rows it had to refuse."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(path.name, f"manifest unreadable: {exc}")]
    return manifest_from_bytes(path.name, data)


def manifest_from_bytes(name: str, data: bytes) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Manifest rows keyed by file name from a CSV's bytes, plus the rows it had to refuse."""
    problems: list[Problem] = []
    try:
        raw = decode(data)
    except ValueError as exc:
        return {}, [Problem(name, f"manifest unreadable: {exc}")]
    reader = csv.DictReader(io.StringIO(raw))
    if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
        return {}, [Problem(name, "manifest has no 'file' column; ignored")]
    rows: dict[str, dict[str, str]] = {}
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        file = row.get("file", "")
        if not file or "/" in file or "\\" in file or file.startswith("."):
            problems.append(Problem(f"{name}:{line}", f"file name {file!r} refused: it must name a file in the folder"))
            continue
        if file in rows:
            problems.append(Problem(f"{name}:{line}", f"duplicate row for {file}; the first one is kept"))
            continue
        rows[file] = row
    return rows, problems


def load_uploads(files: Iterable[tuple[str, bytes]]) -> tuple[list[Article], list[Problem]]:
    """Articles from (file name, bytes) pairs, a ``sources.csv`` among them applying to the rest."""
    files = list(files)
    manifest: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for name, data in files:
        if name.lower().endswith(".csv"):
            rows, refused = manifest_from_bytes(name, data)
            manifest.update(rows)
            problems.extend(refused)
    articles = []
    for name, data in files:
        if name.lower().endswith(".csv"):
            continue
        if not name.lower().endswith(".txt"):
            problems.append(Problem(name, "not a .txt article"))
            continue
        try:
            article = article_from_bytes(name, data, manifest.get(name))
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
            continue
        articles.append(article)
        problems.extend(Problem(name, w) for w in article.warnings)
    return articles, problems


def _article_files(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")


def load_corpus(paths: Path | str | Iterable[Path | str]) -> tuple[list[Article], list[Problem]]:
    """Articles from a folder (with its ``sources.csv``) or from a list of files.

    Returns every readable article and a list of problems, one per file or
    manifest row that could not be used.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    manifest: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(_article_files(p))
            if (p / MANIFEST_NAME).is_file():
                rows, refused = read_manifest(p / MANIFEST_NAME)
                manifest.update(rows)
                problems.extend(refused)
        elif p.is_file() and p.name == MANIFEST_NAME:
            rows, refused = read_manifest(p)
            manifest.update(rows)
            problems.extend(refused)
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    articles = []
    for f in files:
        try:
            article = read_article(f, manifest.get(f.name))
        except (OSError, ValueError) as exc:
            problems.append(Problem(f.name, str(exc)))
            continue
        articles.append(article)
        problems.extend(Problem(f.name, w) for w in article.warnings)
    listed = {f.name for f in files}
    problems.extend(
        Problem(name, f"listed in {MANIFEST_NAME} but no such file") for name in manifest if name not in listed
    )
    return articles, problems
