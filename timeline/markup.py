"""Article text as safe Markdown, with spans highlighted.

Article text is data from strangers: every Markdown and HTML character is
escaped, so nothing in it can format, link or run.  Highlights use Streamlit's
``:color-background[...]`` directive around escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["escape", "highlight", "is_web_url", "pages", "plotly_text"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&^%])")
# Streamlit turns bare "https://…", "www.…" and "name@host" into links even when escaped; an
# invisible word joiner after their first character keeps them plain text.
_LINKABLE = re.compile(r"(?i)://|www\.|@")
WORD_JOINER = "\u2060"


def escape(text: str) -> str:
    """Text that Markdown shows exactly as written: no formatting, no HTML, no links."""
    text = _LINKABLE.sub(lambda m: m.group()[0] + WORD_JOINER + m.group()[1:], text)
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def plotly_text(text: object) -> str:
    """Text that plotly draws as written: its labels understand a few HTML tags (``<a href>``, ``<span
    style>``) and entities, so ``&``, ``<`` and ``>`` are escaped, and nothing else (``&quot;`` would show)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pages(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive parts of about ``size`` characters, cut at a line break where one is near."""
    bounds, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + size // 2, start + size)
        end = cut + 1 if cut != -1 else start + size
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def highlight(
    text: str, spans: Iterable[tuple[int, int]], color: str = "orange", strong: Iterable[tuple[int, int]] = ()
) -> str:
    """Markdown for ``text`` with each ``(start, end)`` span on a coloured background; ``strong`` ones in red."""
    marked = {(start, end): color for start, end in spans} | {(start, end): "red" for start, end in strong}
    out, cursor = [], 0
    for (start, end), shade in sorted(marked.items()):
        start, end = max(start, cursor), min(end, len(text))
        if end <= start:
            continue
        out.append(escape(text[cursor:start]))
        inner = " ".join(escape(line) for line in text[start:end].splitlines() if line.strip())
        out.append(f":{shade}-background[{inner}]")
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def is_web_url(url: object) -> bool:
    """Only http(s) URLs become links; ``javascript:``, ``data:`` and the rest stay text."""
    return isinstance(url, str) and re.match(r"(?i)^https?://[^\s/$.?#][^\s]*$", url.strip()) is not None
