"""Corpus loading: article files plus an optional ``sources.csv`` manifest.

:func:`parse_article` is pure (text and metadata in, :class:`Article` out);
:func:`read_article`, :func:`read_manifest` and :func:`load_corpus` are thin
file-reading wrappers around it.  Nothing is dropped silently: every file that
cannot be used is reported as a :class:`Problem` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from timeline.markup import is_web_url
from timeline.schema import EARLIEST, LATEST
from timeline.temporal import parse_date
from timeline.temporal.values import safe_date
from timeline.text import clean, html_to_text, looks_like_html, original_date, page_date_line, page_day

__all__ = [
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "Article",
    "Problem",
    "article_from_bytes",
    "corpus_files",
    "decode",
    "folder_manifest",
    "load_corpus",
    "load_uploads",
    "manifest_from_bytes",
    "missing_files",
    "parse_article",
    "read_article",
    "read_manifest",
    "read_or_report",
]

MANIFEST_NAME = "sources.csv"
MANIFEST_COLUMNS = ("file", "outlet", "title", "url", "published", "author")
MAX_BYTES = 5_000_000  # larger articles (files, uploads, pasted text) are refused with a message, not read
MAX_MANIFEST_BYTES = 64_000_000  # a manifest of about 250,000 rows; a larger one is refused with a message
MAX_CELL = 65_536  # characters in one manifest cell; a row with a larger one is refused
csv.field_size_limit(MAX_CELL)
# A dateline near the top of an article: "Published March 3, 2024", "(Oct. 7, 2023)".
DATELINE = re.compile(
    r"\b(?:published|posted|updated)\s*(?:on)?\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})",
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
    published_precision: str = "day"  # day, month or year: "2025-01" in a manifest is a month
    warnings: tuple[str, ...] = field(default=())


# "04.28.25", "28/04/2025": a day written in numbers, as some outlets stamp their pages
_NUMERIC_DAY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})")


def _numeric_day(first: int, second: int, year: int) -> dt.date | None:
    """The day a numeric date names when its order is plain: "04.28.25" (month first: 28 is no month) or
    "28.04.25" (day first).  "04.05.25" is April 5 in one house style and May 4 in another: None, never a
    guess.  A two-digit year is of this century."""
    year = year + 2000 if year < 100 else year
    readings = {d for month, day in ((first, second), (second, first)) if (d := safe_date(year, month, day))}
    return readings.pop() if len(readings) == 1 else None


def _to_date(value: str | None, warnings: list[str] | None = None) -> tuple[dt.date | None, str]:
    """A publication date from a manifest cell or a header, with its precision: ``(date, "day")``,
    ``(first of the month, "month")`` for "2025-01" or "April 2024", ``(January 1, "year")`` for "2024";
    ``(None, "day")`` if it is not a usable date.

    A real date outside EARLIEST..LATEST (0001-01-01, 9999-12-31, 2262-06-01) is refused with a
    warning: no table column could hold it, and no article was published then.
    """
    value = (value or "").strip()[:100]
    if not value:
        return None, "day"
    date, precision = None, "day"
    try:
        date = dt.date.fromisoformat(value[:10])
    except ValueError:
        if m := _NUMERIC_DAY.fullmatch(value):
            date = _numeric_day(*(int(part) for part in m.groups()))
            if date is None and warnings is not None:
                warnings.append(f"publication date {value!r} reads as day-month and as month-day: not used")
        elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
            year, month = int(m.group(1)), int(m.group(2))
            date, precision = (dt.date(year, month, 1), "month") if 1 <= month <= 12 and year >= 1 else (None, "day")
        elif re.fullmatch(r"\d{4}", value):
            date, precision = (dt.date(int(value), 1, 1), "year") if int(value) >= 1 else (None, "day")
        else:
            parsed = parse_date(value)
            if parsed and parsed[1] in ("day", "month", "year"):
                date, precision = parsed
                date = dt.date(
                    date.year, 1 if precision == "year" else date.month, 1 if precision != "day" else date.day
                )
    if date is not None and not EARLIEST <= date <= LATEST:
        if warnings is not None:
            warnings.append(f"publication date {value!r} is out of range ({EARLIEST.year}-{LATEST.year}): ignored")
        return None, "day"
    return date, precision


def read_day(value: str) -> dt.date | None:
    """The day a page's stamp writes ("Tue 21 Jan 2025", "04.28.25"), or None when it names no day plainly."""
    date, precision = _to_date(value)
    return date if precision == "day" else None


# No-break and thin spaces, as pages write them between a number and its unit or a city's words: read as spaces
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"), " ")
_SPACE_CHARS = re.compile("[\u00a0\u2002-\u200a\u202f]")


def parse_article(text: str, source: str, meta: dict[str, str] | None = None) -> Article:
    """Clean an article and settle its publication date: manifest, else the text itself.

    Only an http(s) ``url`` is kept: other tools turn a url column into a link, so a
    ``javascript:`` value is refused here, once, with a warning.
    """
    meta = dict(meta or {})
    warnings = []
    if looks_like_html(text):
        text, page_title = html_to_text(text)
        meta.setdefault("title", page_title)
        meta["title"] = meta["title"] or page_title
        warnings.append("HTML page: read as its text, tags and scripts dropped")
    if not text.isascii() and _SPACE_CHARS.search(text):
        text = text.translate(_SPACES)  # "on\u00a0Tuesday": a space as every pattern reads one, and as long
    clean_text, header_date = clean(text)
    written = (meta.get("published") or "").strip()
    out_of_range: list[str] = []
    (published, precision), published_from = _to_date(written, out_of_range), "manifest"
    warnings += out_of_range
    if written and published is None and not out_of_range:
        warnings.append(f"unreadable publication date {written[:100]!r} in the manifest")
    if (first_ran := original_date(text)) and (day := _to_date(first_ran))[0] is not None and day[0] != published:
        # a repost: what it calls "yesterday" is the day before it first ran, whatever the manifest's date
        if published is not None:
            warnings.append(f"reposted: dated by its first publication, {first_ran}, not the manifest's {written}")
        (published, precision), published_from = day, "text"
    if published is None:
        dateline = DATELINE.search(text[:600])  # the original: a "Posted … Updated …" line is noise once cleaned
        found = header_date or (dateline.group("date") if dateline else None) or page_date_line(text)
        (published, precision), published_from = _to_date(found, warnings), "text"
    elif precision != "day" and header_date:
        # "2025-04" in the manifest, "By … | April 15, 2025" on the page: the page's own day, when it falls in it
        day, day_precision = _to_date(header_date)
        same_month = day is not None and (day.year, day.month) == (published.year, published.month)
        if day_precision == "day" and (same_month or (precision == "year" and day and day.year == published.year)):
            published, precision, published_from = day, "day", "text"
    elif precision == "month" and (line := page_day(text)):
        # "Friday, January 24" under the title of a "2025-01" newsletter: that day, when it is a Friday
        weekday, month, day_number = line
        day = safe_date(published.year, month, day_number)
        if day is not None and month == published.month and day.weekday() == weekday:
            published, precision, published_from = day, "day", "text"
    if published is None:
        published_from = "unknown"
    url = (meta.get("url") or "").strip()
    if url and not is_web_url(url):
        warnings.append(f"url {url[:80]!r} refused: only http(s) addresses are kept")
        url = ""
    return Article(
        source=source,
        text=text,
        clean_text=clean_text,
        outlet=(meta.get("outlet") or "").strip(),
        title=(meta.get("title") or "").strip(),
        url=url,
        author=(meta.get("author") or "").strip(),
        published=published,
        published_from=published_from,
        published_precision=precision,
        warnings=tuple(warnings),
    )


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a warning whenever it was not clean UTF-8.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32).  Otherwise UTF-8; text that is
    clearly UTF-8 (more valid multi-byte characters than bad bytes) keeps its Hebrew or
    accents and has its few bad bytes replaced; anything else is read as Windows-1252,
    else Latin-1.  Raises ValueError for binary content.
    """
    warning = None
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        text = data.decode(encoding, errors="replace")
        if "\ufffd" in text:
            warning = f"{text.count(chr(0xFFFD)):,} bad byte sequence(s) in {encoding.upper()} text replaced by \ufffd"
    elif b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes), not a text article")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            bad = text.count("\ufffd")
            valid = sum(1 for c in text if ord(c) > 0x7F) - bad
            if valid > bad:
                warning = f"{bad:,} byte(s) not valid UTF-8 replaced by \ufffd; the rest read as UTF-8"
            else:
                try:
                    text, used = data.decode("cp1252"), "Windows-1252"
                except UnicodeDecodeError:
                    text, used = data.decode("latin-1"), "Latin-1"
                warning = f"not UTF-8: read as {used}"
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def article_from_bytes(name: str, data: bytes, meta: dict[str, str] | None = None) -> Article:
    """An article from a file's bytes; raises ValueError with the reason when it is unusable."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    text, warning = decode(data)
    if not text.strip():
        raise ValueError("empty file")
    article = parse_article(text, Path(name).stem, meta)
    if not article.text.strip():
        raise ValueError("no text in it (an HTML page with no readable content)")
    return replace(article, warnings=(warning, *article.warnings)) if warning else article


def read_or_report(name: str, data: bytes, meta: dict[str, str] | None, problems: list[Problem]) -> Article | None:
    """The one read-or-report step of every path (folder, uploads, store): an article, or a problem."""
    try:
        article = article_from_bytes(name, data, meta)
    except ValueError as exc:
        problems.append(Problem(name, str(exc)))
        return None
    problems.extend(Problem(name, w) for w in article.warnings)
    return article


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, refusing (ValueError) a device, a pipe or a file over ``limit``.

    At most ``limit + 1`` bytes are read, whatever the file claims its size is.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (a device, a pipe or a socket): not read")
    if info.st_size > limit:
        raise ValueError(f"too large ({info.st_size:,} bytes; the limit is {limit:,})")
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"too large (over {limit:,} bytes, the limit)")
    return data


def read_article(path: Path, meta: dict[str, str] | None = None) -> Article:
    """Read one article file; raises ValueError with the reason when it is unusable."""
    return article_from_bytes(path.name, read_bytes(path), meta)


def read_manifest(path: Path) -> tuple[Mapping[str, dict[str, str]], list[Problem]]:
    """Manifest rows keyed by file name, plus the rows it had to refuse."""
    if path.is_symlink():
        return {}, [Problem(path.name, "manifest is a symbolic link: refused")]
    try:
        data = read_bytes(path, MAX_MANIFEST_BYTES)
    except (OSError, ValueError) as exc:
        return {}, [Problem(path.name, f"manifest unreadable: {exc}")]
    return manifest_from_bytes(path.name, data)


def _shared(value: str) -> str:
    return sys.intern(value) if len(value) <= 40 else value


class Manifest(Mapping[str, dict[str, str]]):
    """Manifest rows keyed by file name.

    Each row is kept as a tuple of its values beside a tuple of its column names shared by every row of
    that shape, and read back as a new dict: a dict per row would cost twice the memory at 100,000 rows.
    """

    def __init__(self) -> None:
        self._rows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(self, file: str, row: dict[str, str]) -> None:
        columns = tuple(row)
        self._rows[file] = (self._shapes.setdefault(columns, columns), tuple(row.values()))

    def __getitem__(self, file: str) -> dict[str, str]:
        columns, values = self._rows[file]
        return dict(zip(columns, values, strict=True))

    def __contains__(self, file: object) -> bool:
        return file in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _lines_of(text: str) -> Iterator[str]:
    """The lines of a text with their line breaks, one at a time (as a CSV file yields them)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def manifest_from_bytes(name: str, data: bytes) -> tuple[Mapping[str, dict[str, str]], list[Problem]]:
    """Manifest rows keyed by file name from a CSV's bytes, plus the rows it had to refuse."""
    problems: list[Problem] = []
    if len(data) > MAX_MANIFEST_BYTES:
        return {}, [Problem(name, f"manifest too large ({len(data):,} bytes; the limit is {MAX_MANIFEST_BYTES:,})")]
    try:
        raw, warning = decode(data)
    except ValueError as exc:
        return {}, [Problem(name, f"manifest unreadable: {exc}")]
    if warning:
        problems.append(Problem(name, warning))
    reader = csv.DictReader(_lines_of(raw))  # a line at a time: a StringIO copy of 100,000 rows costs 50 MB
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        return {}, [*problems, Problem(name, f"manifest unreadable: {exc}")]
    if not fieldnames or "file" not in [f.strip().lower() for f in fieldnames]:
        return {}, [*problems, Problem(name, "manifest has no 'file' column; ignored")]
    rows = Manifest()
    keys = {k: sys.intern(k.strip().lower()) for k in fieldnames if k}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(f"{name}:{line}", f"row refused: {exc}"))
            continue
        # column names and short values (outlets, dates) shared between rows: a manifest of 100,000 rows stays small
        row = {keys[k]: _shared(v.strip()) for k, v in row.items() if k and isinstance(v, str)}
        file = row.get("file", "")
        if not file or "/" in file or "\\" in file or file.startswith("."):
            problems.append(
                Problem(f"{name}:{line}", f"file name {file[:80]!r} refused: it must name a file in the folder")
            )
            continue
        if file in rows:
            problems.append(Problem(f"{name}:{line}", f"duplicate row for {file}; the first one is kept"))
            continue
        rows.add(file, row)
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
        article = read_or_report(name, data, manifest.get(name), problems)
        if article is not None:
            articles.append(article)
    return articles, problems


def corpus_files(folder: Path) -> tuple[list[str], list[Problem]]:
    """The names of a folder's ``.txt`` articles, sorted; links and anything that is not a regular file are refused.

    A symbolic link may point anywhere (``/etc/passwd``): nothing outside the folder is read.  Names, not
    paths: at 100,000 articles a list of ``Path`` objects costs 30 MB more.
    """
    names: list[str] = []
    problems: list[Problem] = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if os.path.splitext(entry.name)[1].lower() != ".txt":  # as ``Path.suffix`` reads it
                    continue
                if entry.is_symlink():
                    reason = "a symbolic link: refused (only files inside the corpus folder are read)"
                    problems.append(Problem(entry.name, reason))
                elif entry.is_file(follow_symlinks=False):
                    names.append(entry.name)
                else:
                    problems.append(Problem(entry.name, "not a regular file: refused"))
    except OSError as exc:
        return [], [Problem(str(folder), f"folder unreadable: {exc.strerror or exc}")]
    return sorted(names), sorted(problems, key=lambda p: p.file)


def load_corpus(paths: Path | str | Iterable[Path | str]) -> tuple[list[Article], list[Problem]]:
    """Articles from a folder (with its ``sources.csv``) or from a list of files.

    Returns every readable article and a list of problems, one per file or
    manifest row that could not be used.  Raises FileNotFoundError for a path
    that does not exist.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    manifest: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            found, refused = corpus_files(p)
            files.extend(p / name for name in found)
            problems.extend(refused)
            rows, refused = folder_manifest(p)
            manifest.update(rows)
            problems.extend(refused)
        elif p.is_file() and p.name == MANIFEST_NAME:
            rows, refused = read_manifest(p)
            manifest.update(rows)
            problems.extend(refused)
        elif p.exists():
            files.append(p)  # read_bytes refuses a device or a pipe with a message
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    articles = []
    for f in files:
        try:
            data = read_bytes(f)
        except (OSError, ValueError) as exc:
            problems.append(Problem(f.name, str(exc)))
            continue
        article = read_or_report(f.name, data, manifest.get(f.name), problems)
        if article is not None:
            articles.append(article)
    problems.extend(missing_files(manifest, {f.name for f in files}))
    return articles, problems


def folder_manifest(folder: Path) -> tuple[Mapping[str, dict[str, str]], list[Problem]]:
    """A folder's ``sources.csv`` (a link there is refused with a message), or nothing when it has none."""
    path = folder / MANIFEST_NAME
    return read_manifest(path) if path.exists() or path.is_symlink() else ({}, [])


def missing_files(manifest: Mapping[str, dict[str, str]], listed: set[str]) -> list[Problem]:
    """A problem for every manifest row whose file is not in the corpus: none there, or not a ``.txt`` article."""
    return [
        Problem(
            name,
            f"listed in {MANIFEST_NAME} but no such file"
            if name.lower().endswith(".txt")
            else f"listed in {MANIFEST_NAME} but not a .txt article: only .txt files are read (a saved page too, "
            "renamed .txt)",
        )
        for name in manifest
        if name not in listed
    ]
