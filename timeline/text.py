"""Article text: web-noise removal and sentence splitting.

Noise is blanked out (replaced by spaces) rather than deleted, so every offset
into the cleaned text is also an offset into the original article: a quote can
always be traced back to where it stands.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from timeline.temporal import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from timeline.temporal.lexicon import CALENDAR_WORDS, WEEKDAY_SHORT, weekday_number

__all__ = ["blank", "blank_spans", "clean", "html_to_text", "looks_like_html", "sentences"]

# what no byline names after its "By": a month or a day, short too ("By Mon, 3 Jun …"); the lexicon's CALENDAR_WORDS
# leave the short weekdays out, which are names there ("Mon State")
_CALENDAR_NAMES = CALENDAR_WORDS | frozenset(WEEKDAY_SHORT)

# Whole lines that are page furniture, not reporting: by what they open with …
NOISE_LINE = re.compile(
    r"""^\s*(?:
        sign\s+up\b.*
      | subscribe\b.*
      | stay\s+informed\b.*
      | (?:share|follow\s+us|click\s+here|read\s+more|related|advertisement|watch)\b[^.!?]{0,80}
      | (?:photo|image|picture|credit|caption)s?\s*(?:credit)?\s*[:|].*
      | (?:image|photo|picture|video)\s+source\s*,.*  # BBC: "Image source, Getty Images"
      | file\s*(?:photo)?\s*[-–—:]\s.*
      | (?:correction|clarification|editor(?:'|’)?s\s+note)s?\b[^:\n]{0,40}:.*
      | from\s+(?:the\s+)?[A-Z][\w.&' ]{1,40}
      | @\w{1,15}(?:\s+@\w{1,15})*\s*
      | read\s*:.*
      | \[\d{1,3}\]\s.*  # a footnote: "[2] Letter from the ministry, 9 August 2021."
      | \^\s.*  # an encyclopedia's citation: "^ "Talks resume". BBC News. 15 January 2025."
      | this\s+article\s+is\s+about\b.*  # an encyclopedia's hatnote
      | (?:posted|published|updated|last\s+updated)\b[^.!?]{0,80}
        \b(?:updated|ist|gmt|utc|edt|est|[ap]\.?m\.?)\b[^.!?]{0,40}
      | (?:\S+\s+){0,7}since\s+(?:1[89]|20)\d\d
      | (?:copyright\s+|©\s*|\(c\)\s+)(?:©\s*)?(?:19|20)\d\d\b[^\n]{0,120}
      | (?:posted|published|written|filed)\s+by\b[^.!?]{0,80}
      | last\s+(?:updated|reviewed|modified|checked|edited)\b[^.!?]{0,60}\.?
      | (?:this\s+(?:article|story|piece|report)\s+was\s+(?:originally|first)|originally)\s+published\b[^\n]{0,160}
      | republished\s+with\s+permission\b[^\n]{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
# … or by a mark anywhere in them, searched in the lower-cased line (a search with case folding at
# every character, or a ``.*`` before each mark, costs several times more on a paragraph).  Each mark
# comes with a word it cannot match without, and an example: a line holding none of the words is not
# searched at all (most paragraphs).
NOISE_MARKS: tuple[tuple[str, str, str], ...] = (
    ("newsletter", r"\bnewsletters?\b", "Get our morning newsletter"),
    ("privacy", r"\bprivacy\s+policy\b", "Read our privacy policy"),
    ("summari", r"\bsummari[sz]ed\s+in\s+one\s+email\b", "The day's news, summarised in one email"),
    (
        "taken",
        r"\b(?:picture|photo|photograph|image)\s+(?:was\s+)?taken\b.*\(.*\)\s*$",
        "A crowd in this picture taken on May 3, 2024. (Reuters)",
    ),
    ("pic.twitter.com/", r"\bpic\.twitter\.com/\S", "Our view of it pic.twitter.com/AbC123"),
    # a wire's file photo: its date is the picture's, not the news's
    ("file photo", r"/file\s+photo\b", "The general at a ceremony, April 25, 2023. REUTERS/Ammar Awad/File Photo"),
    ("reserved", r"\ball\s+rights\s+reserved\b", "All rights reserved."),
    # a footer's link, at the end of its line: not "could unsubscribe from it."
    ("unsubscribe", r"\bunsubscribe\b[^.!?]{0,60}$", "Manage preferences | Unsubscribe"),
    ("receiving", r"\byou(?:'|’)re\s+receiving\s+this\b", "You’re receiving this because you signed up"),
    # a tweet embed's signature: "(@handle) May 3, 2024"
    ("(@", r"\(@\w{1,15}\)\s+[a-z]+\s+\d{1,2},\s+\d{4}\s*$", "— Jane Roe (@janeroe) May 3, 2024"),
)
NOISE_MARK = re.compile("|".join(pattern for _, pattern, _ in NOISE_MARKS))
_NOISE_MARK_WORDS = tuple(word for word, _, _ in NOISE_MARKS)


def _has_noise_mark(line: str) -> bool:
    lowered = line.lower()
    return any(map(lowered.__contains__, _NOISE_MARK_WORDS)) and NOISE_MARK.search(lowered) is not None


# "Also Read | headline" runs into the next paragraph on some sites: it ends at
# an opening quote, at "Here's all you need to know:", or at the end of the line
# (a headline: at most a few hundred characters, so a long line costs no more than a short one).
ALSO_READ = re.compile(
    r"\b(?:Also\s+Read|Read\s+Also|READ\s+MORE|Read\s+more)\s*[|:]\s*"
    r"(?:[^\n\"“]{0,400}?Here's\s+all\s+you\s+need\s+to\s+know\s*:|[^\n\"“]{0,400})"
)
# "Status: warrants outstanding. Last reviewed December 2024.": a page's revision stamp after other
# furniture on its line (capitalised, where a sentence starts: "was last updated in 2019" is reporting)
REVISED_STAMP = re.compile(r"Last\s+(?:updated|reviewed|modified|checked|edited)\b[^.!?\n]{0,60}[.!?]?")
MAX_NOISE_LINE = 1_000  # longer lines are paragraphs, never page furniture: not matched as noise
# A wire dateline opening a paragraph: "CAIRO (AP) —", "JERUSALEM, Oct 9 (Reuters) -", "GAZA CITY, Gaza Strip (AP) --",
# "JERUSALEM/BEIRUT, Oct 3 (Reuters) -", and AFP's "Beirut (AFP) -" (a city in title case, before an agency's one word).
# It says where the story was filed, not who acted: blanked, it is neither an actor nor an event.
WIRE_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'’ /-]{1,40}(?:,[ \t]*[A-Z][\w.'’ -]{0,30})?"
    r"[ \t]*\((?:[A-Za-z][\w .&/-]{1,30}|\d{1,2}[ \t]+[A-Z][a-z]+\.?[ \t]+\d{4})\)"
    r"|[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+){0,2}(?:,[ \t]*[A-Z][\w.'’ -]{0,30})?[ \t]*\((?:[A-Z][A-Za-z]{1,11}|dpa)\))"
    r"[ \t]*[—–-]{1,2}[ \t]*",
    re.MULTILINE,
)
# A listed company's ticker after its name: "Harbor Freightways Inc. (NYSE: HFW)", "(Nasdaq: AAPL)": an exchange
# and a symbol, neither of them an actor
TICKER = re.compile(r"\((?:[A-Z][A-Za-z]{1,11}(?:[ \t][A-Z][a-z]+)?)[ \t]*:[ \t]*[A-Z][A-Z0-9.]{0,7}\)")
# A press-release wire's dateline: "BOSTON, March 4, 2025 /PRNewswire/ --", "TORONTO, Jan. 9, 2025 /CNW/ -": the
# release's date is the publication date, which "today" in its first sentence says again
RELEASE_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*[A-Z][\w.'’ -]{0,30}?)?,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]*\d{4}"
    r"[ \t]*/[A-Za-z][\w .&-]{1,30}/[ \t]*[—–-]{1,2}[ \t]*",
    re.MULTILINE,
)
# A photo credit closing a caption: "(Photo: Irakli Gedenidze/Reuters)", "(AFP via Getty Images)".  The
# credit is blanked, the caption kept: its date is the scene's ("… in Tbilisi on April 16, 2024").  A
# caption that dates only the picture ("in this picture taken on …") is a NOISE_MARK.
# A press release's boilerplate: "About Nordhavn Shipping" over a paragraph that names it at once ("Nordhavn
# Shipping A/S is a Danish carrier founded in 1971 …", "Founded in 1998, Northwind Health operates …").  What
# the company is, not what it did: blanked, heading and paragraph.  A subheading over reporting ("About the
# deal" / "The deal was signed …") is kept.
ABOUT_BOILERPLATE = re.compile(
    r"^[ \t]*About[ \t]+(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z&][\w&.'’-]*){0,5})[ \t]*\n(?:[ \t]*\n)*"
    r"[ \t]*[^\n]{0,40}?(?<![\w-])(?P=name)\b[^\n]*",  # "Founded in 1998, Northwind Health operates …" too
    re.MULTILINE,
)
# What closes a page, to its end: "Notes to editors" (a press release's boilerplate and contacts), an encyclopedia's
# "See also", "References", "External links", "Further reading" (citations: "^ "Talks resume". BBC News. 15 January
# 2025. Retrieved 16 January 2025.")
CLOSING_SECTION = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?(?:Notes?[ \t]+(?:to|for)[ \t]+editors?|See[ \t]+also|References|External[ \t]+links"
    r"|Further[ \t]+reading|Notes[ \t]+and[ \t]+references|Citations|Footnotes)[ \t:]*$",
    re.MULTILINE | re.IGNORECASE,
)
_CLOSING_WORDS = ("editor", "see also", "references", "external links", "further reading", "citations", "footnotes")
PHOTO_CREDIT = re.compile(
    r"\((?:[^()\n]*/)?[^()\n]*\b(?:Getty\s+Images|AFP|Reuters|AP\s+Photo|EPA|Photo|Images|Shutterstock)\b[^()\n]*\)"
    r"(?=[ \t]*$)",
    re.MULTILINE,
)
# A wire's photo credit closing a caption, without parentheses: "… in Gaza, October 3, 2024. REUTERS/Jane Roe
# Purchase Licensing Rights, opens new tab"; a gallery's "[1/3]" before it; BBC's "Image caption, " before one.  The
# credit and the marks are blanked, the caption kept.
CAPTION_MARKS = re.compile(
    r"(?<![\w/])(?:REUTERS|AFP|EPA|XINHUA|ANADOLU)/[^\n]*$|^[ \t]*\[\d{1,2}/\d{1,2}\][ \t]*"
    r"|^[ \t]*(?:Image|Photo|Picture|Video)[ \t]+caption[ \t]*,[ \t]*",
    re.MULTILINE,
)
# A byline near the top: "By Maayan Lubell and Laila Bassam", "By Yolande Knell, Middle East correspondent, Jerusalem",
# "By TOI Staff": who wrote it, neither actor nor event.  A line that ends like a sentence, holds a digit or names a
# day ("By Monday, the army had withdrawn") is reporting.
BYLINE = re.compile(r"^[ \t]*By[ \t]+[A-Z][^\n\d]{1,100}$", re.MULTILINE)
_BYLINE_WORDS = 14


def _is_byline(line: str) -> bool:
    return (
        line.rstrip()[-1:] not in '.!?"”'
        and len(line.split()) <= _BYLINE_WORDS
        and not any(word.lower().strip(",") in _CALENDAR_NAMES for word in line.split()[1:3])
    )


# A dateline without an agency: "LIMA —", "SANTIAGO, Chile —", "SEOUL - ", "KYIV/MOSCOW —" opening a paragraph.
CITY_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’ /-]{2,30}?(?:,[ \t]*[A-Z][\w.'’ -]{0,30}?)?(?:[ \t]*[—–]|[ \t]+--?(?=[ \t]))[ \t]*",
    re.MULTILINE,
)
# A page's time stamp near its top, as outlets print it: "October 3, 2024 6:41 PM GMT+3 Updated 2 hours ago",
# "Thu 3 Oct 2024 21.34 BST", "First published on Thu 3 Oct 2024 21.40 BST", "3 October 2024, 9:41 pm".  A day
# with its year and nothing else but a clock, a time zone and the page's words about itself: furniture, and the
# article's publication date when its manifest gives none.  A date alone on its line is no stamp (a timeline's
# heading): a stamp has a clock or one of the page's words.
STAMP_REGION = 1_000  # characters from the top: title, standfirst, byline, stamp
MAX_STAMP_LINE = 160  # characters: the longest stamp ("Published Oct. 3, 2024 Updated Oct. 4, 2024, 12:05 a.m. ET")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted((*WEEKDAYS, *WEEKDAY_SHORT), key=len, reverse=True))
_STAMP_DAY = re.compile(
    rf"(?i:(?:(?:{_WEEKDAY})\.?,?\s+)?(?P<day>(?:{_MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTH})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}([./])\d{1,2}\2(?:\d{4}|\d{2})))(?![\w/-]|\.\d)"
)  # "04.28.25, 20:41" too: a numeric day, read only where its order is plain (``timeline.corpus``)
# "By Meron Rapoport | April 15, 2025", "i24NEWS | Published: …": a byline or the outlet before the stamp is the
# page's furniture too
_STAMP_BYLINE = re.compile(r"^\s*(?:By\s+[A-Z][^|·\n\d]{1,80}?|\w[\w.&'’ -]{1,30}?)\s*[|·]\s*")
_STAMP_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*(?i:[ap]\.?\s?m\b\.?))?|\b\d{1,2}\s*(?i:[ap]\.?\s?m\b\.?)|\b(?:GMT|UTC)\s*[+−-]\s*\d{1,2}(?::?\d{2})?"
)
_STAMP_VERBS = "published|posted|updated|modified|issued|edited"
_STAMP_VERB = re.compile(rf"\b(?i:{_STAMP_VERBS})\b")
# what else a stamp may hold: the page's words ("First published on"), "at", "2 hours ago", a zone, separators
_STAMP_WORDS = re.compile(
    rf"\b(?i:(?:(?:first|last)\s+)?(?:{_STAMP_VERBS})(?:\s+(?:on|date|time))?|on|at|\d+\s+(?:hours?|hrs?|minutes?|mins?|days?)\s+ago)\b"
    r"|\b[A-Z]{2,4}\b|[\s,|·:–—-]+"
)


# A newsletter's date line under its title: "Friday, January 24", "Fri 24 Jan", with its weekday and no year
_PAGE_DAY = re.compile(
    rf"\s*(?P<weekday>{_WEEKDAY})\.?,?\s+(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?)\s*",
    re.IGNORECASE,
)
PAGE_DAY_LINES = 3  # lines with words from the top: the title, a standfirst, the date


# A repost's note of where and when it first ran: "Originally published by Middle East Monitor on 11 April 2025."
ORIGINALLY_PUBLISHED = re.compile(
    r"^\s*(?:this\s+(?:article|story|piece|report)\s+was\s+(?:originally|first)|originally)\s+published\b[^\n]{0,160}$",
    re.IGNORECASE | re.MULTILINE,
)


def original_date(text: str) -> str | None:
    """The day a reposted article first ran, as its note at the top or the bottom writes it, or None."""
    if "ublished" not in text and "UBLISHED" not in text:  # no note: no scan of every line (the parser's hot path)
        return None
    for m in ORIGINALLY_PUBLISHED.finditer(text):
        if day := _STAMP_DAY.search(m.group()):
            return day.group("day")
    return None


def page_date_line(text: str) -> str | None:
    """A date with its year alone on its line under the title ("April 14, 2025"), the only such line in the text:
    the page's own date.  A chronology's headings are several such lines, and none of them is."""
    lines = [line.strip() for line in text[:STAMP_REGION].split("\n") if line.strip()][:PAGE_DAY_LINES]
    found = next((m.group("day") for line in lines if (m := _STAMP_DAY.fullmatch(line))), None)
    if found is None:
        return None
    alone = sum(1 for line in text.split("\n") if len(line) <= MAX_STAMP_LINE and _STAMP_DAY.fullmatch(line.strip()))
    return found if alone == 1 else None


def page_day(text: str) -> tuple[int, int, int] | None:
    """The weekday (Monday 0), month and day of a date line without a year near the page's top, or None: what
    refines a publication date its manifest gives to the month only, when the weekday agrees with it."""
    lines = [line for line in text[:STAMP_REGION].split("\n") if line.strip()][:PAGE_DAY_LINES]
    for line in lines:
        if m := _PAGE_DAY.fullmatch(line):
            month = MONTHS[(m.group("month") or m.group("month2")).lower()]
            return weekday_number(m.group("weekday")), month, int(m.group("day") or m.group("day2"))
    return None


_DIGIT = re.compile(r"\d")


def stamp_date(line: str) -> str | None:
    """The day a page's time stamp gives (its first, as written), or None when ``line`` is no stamp."""
    if len(line) > MAX_STAMP_LINE or not _DIGIT.search(line):
        return None
    byline = _STAMP_BYLINE.match(line)
    line = line[byline.end() :] if byline else line
    day = _STAMP_DAY.search(line)
    if day is None:
        return None
    undated = _STAMP_DAY.sub(" ", line)
    rest = _STAMP_CLOCK.sub(" ", undated)
    if _STAMP_WORDS.sub("", rest).strip():
        return None  # other words: a sentence or a heading, not a stamp
    return day.group("day") if byline or _STAMP_CLOCK.search(undated) or _STAMP_VERB.search(line) else None


# A publication date written as a header: "date 2024-04-22", "Published: March 3, 2024".
HEADER_DATE = re.compile(
    r"\A\s*(?:date|published|posted|updated|first\s+published)(?:\s+on)?\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})",
    re.IGNORECASE,
)

# A company's suffix ends a sentence when a sentence's first word follows it ("… from Acme Ltd. The new …");
# "Acme Inc. said" goes on.
COMPANY_SUFFIXES = frozenset("inc ltd corp co bros".split())
_OPENER = re.compile(r"\s+(?:The|A|An|It|Its|He|She|They|We|I|This|That|These|Those|His|Her|Their|But|And)\b")
ABBREVIATIONS = MONTH_ABBREVIATIONS | frozenset(
    "mr mrs ms dr gen lt maj col capt cpt sgt adm cmdr brig rep sen gov prof st jr sr rev inc corp co ltd "
    "bros no nos vs etc fig mt ft pres dept est approx ave blvd res ret".split()  # "Maj. Gen. (res.) Eyal Zamir"
)
# a sentence's end, its closing quotes and a footnote mark ("… by a third.[1] Two dams …")
_BOUNDARY = re.compile(r"[.!?…]+(?:\[\d{1,3}\])?[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n")
_LAST_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def blank(text: str, start: int, end: int) -> str:
    """Replace a span by spaces, keeping newlines and the text's length."""
    return blank_spans(text, [(start, end)])


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace every ``(start, end)`` span by spaces in one pass (linear in the text, however many spans)."""
    if not spans:
        return text
    out, cursor = [], 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        out.append(text[cursor:start])
        out.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _lines(text: str):
    """``(start, line)`` for every line, newline excluded."""
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def clean(text: str) -> tuple[str, str | None]:
    """Blank out web noise; return the cleaned text and a header date if one was found.

    The header date is returned as written; the caller decides what it is worth.  Every
    pattern is matched once over the text (noise lines one line at a time) and the spans are
    blanked in one pass, so a 16 MB paste costs sixteen times a 1 MB one.
    """
    header = HEADER_DATE.match(text)
    found = None
    spans: list[tuple[int, int]] = []
    if header:
        found = header.group("date")
        spans.append((header.start(), header.end()))
    for start, line in _lines(text):
        stamp = stamp_date(line) if start < STAMP_REGION else None
        if stamp or (line and len(line) <= MAX_NOISE_LINE and (NOISE_LINE.match(line) or _has_noise_mark(line))):
            spans.append((start, start + len(line)))
            found = found or stamp  # the first stamp dates the article when nothing above it did
    if "Read" in text or "READ" in text:  # in every form of it; the scan costs more than these tests
        spans += [m.span() for m in ALSO_READ.finditer(text)]
    spans += [m.span() for m in REVISED_STAMP.finditer(text) if _opens_sentence(text, m.start())]
    spans += [m.span() for m in WIRE_DATELINE.finditer(text)]
    if "/ -" in text:
        spans += [m.span() for m in RELEASE_DATELINE.finditer(text)]
    if ": " in text:  # the pattern opens on "(": a leading space would make every position a start
        spans += [m.span() for m in TICKER.finditer(text)]
    spans += [m.span() for m in CITY_DATELINE.finditer(text)]
    spans += [m.span() for m in PHOTO_CREDIT.finditer(text)]
    if "/" in text or "caption" in text or "[" in text:
        spans += [m.span() for m in CAPTION_MARKS.finditer(text)]
    if "By " in text[:STAMP_REGION]:
        spans += [m.span() for m in BYLINE.finditer(text, 0, STAMP_REGION) if _is_byline(m.group())]
    if "About" in text:
        spans += [m.span() for m in ABOUT_BOILERPLATE.finditer(text)]
    lowered = text.lower()  # a few microseconds: the search costs ten times more, and most pages have no such words
    if any(word in lowered for word in _CLOSING_WORDS) and (closing := CLOSING_SECTION.search(text)):
        spans.append((closing.start(), len(text)))  # notes, contacts, citations: to the page's end
    return _drop_repeated_lines(blank_spans(text, spans)), found


def _opens_sentence(text: str, at: int) -> bool:
    """Whether ``at`` starts a line, or a sentence after another on its line ("… outstanding. Last …")."""
    return at == 0 or text[at - 1] == "\n" or (at >= 2 and text[at - 1] in " \t" and text[at - 2] in ".!?")


def _drop_repeated_lines(text: str) -> str:
    """A headline printed twice is a page layout artefact: keep its first copy."""
    seen: set[str] = set()
    spans = []
    for start, line in _lines(text):
        key = line.strip()
        if key and key in seen:
            spans.append((start, start + len(line)))
        seen.add(key)
    return blank_spans(text, spans)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``, trimmed of white space.

    Survives "Oct. 7", "Maj. Gen.", "Mr.", "U.S." and closing quotes after the
    full stop; a newline always ends a sentence (articles here are one
    paragraph a line).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            token = _LAST_TOKEN.search(text, max(0, m.start() - 20), m.start() + 1)
            word = token.group(1).lower().rstrip(".") if token else ""
            abbreviated = word in ABBREVIATIONS or "." in word or len(word) == 1
            # … but "Greenway Play Ltd. The new playground …": a company's name ends the sentence
            if abbreviated and not (word in COMPANY_SUFFIXES and _OPENER.match(text, m.end())):
                continue
        _append_trimmed(spans, text, start, m.end())
        start = m.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(kept)))


# --------------------------------------------------------------------------
# HTML saved as .txt
# --------------------------------------------------------------------------

_HTML_TAG = re.compile(r"</?(?:html|head|body|p|div|br|span|a|article|section|h[1-6]|li|ul|script|meta|title)\b", re.I)
_BLOCK = frozenset(
    "p div br li ul ol article section header footer h1 h2 h3 h4 h5 h6 tr table blockquote title".split()
)
_SKIP = frozenset("script style noscript template svg nav form button iframe head".split())


def looks_like_html(text: str) -> bool:
    """A web page saved as text: a doctype or <html>, or several common tags near the top."""
    head = text[:5000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or len(_HTML_TAG.findall(text[:20000])) >= 4


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skipping += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP and self.skipping:
            self.skipping -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(page: str) -> tuple[str, str]:
    """The readable text of an HTML page (one paragraph a line) and its <title>; scripts and styles dropped."""
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line), " ".join("".join(parser.title).split())
