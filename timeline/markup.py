"""Article text as safe Markdown, with spans highlighted.

Article text is data from strangers: every Markdown and HTML character is
escaped, so nothing in it can format, link or run.  Highlights use Streamlit's
``:color-background[...]`` directive around escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["escape", "highlight", "is_web_url"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&^%])")


def escape(text: str) -> str:
    """Text that Markdown shows exactly as written."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def highlight(text: str, spans: Iterable[tuple[int, int]], color: str = "orange") -> str:
    """Markdown for ``text`` with each ``(start, end)`` span on a coloured background."""
    out, cursor = [], 0
    for start, end in sorted(set(spans)):
        start, end = max(start, cursor), min(end, len(text))
        if end <= start:
            continue
        out.append(escape(text[cursor:start]))
        inner = " ".join(escape(line) for line in text[start:end].splitlines() if line.strip())
        out.append(f":{color}-background[{inner}]")
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def is_web_url(url: object) -> bool:
    """Only http(s) URLs become links; ``javascript:``, ``data:`` and the rest stay text."""
    return isinstance(url, str) and re.match(r"(?i)^https?://[^\s/$.?#][^\s]*$", url.strip()) is not None
