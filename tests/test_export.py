"""Exports: CSV safe for spreadsheets, JSON records, Parquet, images and HTML of the chart."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from timeline import chart, markup
from timeline.export import figure_html, figure_image, to_bytes


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_csv_neutralises_formulas(seed_events, prefix):
    evil = seed_events.head(2).assign(title=f"{prefix}cmd|' /C calc'!A0")
    text = to_bytes(evil, "csv").decode()
    assert f"'{prefix}cmd" in text
    assert f",{prefix}cmd" not in text


def test_json_is_a_list_of_records_with_iso_dates(seed_events):
    records = json.loads(to_bytes(seed_events, "json"))
    assert len(records) == len(seed_events)
    assert records[0]["date"] == seed_events["date"].iloc[0].strftime("%Y-%m-%d")
    assert records[0]["url"].startswith("https://")


def test_parquet_round_trip(seed_events):
    back = pd.read_parquet(io.BytesIO(to_bytes(seed_events, "parquet")))
    pd.testing.assert_frame_equal(back, seed_events, check_dtype=False)


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        to_bytes(pd.DataFrame(), "xls")


def test_png_and_html_of_the_chart(seed_events):
    fig = chart.report_figure(seed_events, "category", "Timeline", "all events")
    png = figure_image(fig, "png", width=800, height=500, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    page = figure_html(fig).decode()
    assert "<html>" in page and "plotly" in page.lower()


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("ftp://example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_only_web_urls_are_links(url, ok):
    assert markup.is_web_url(url) is ok


def test_markdown_is_escaped_and_highlighted():
    text = "**bold** <b>x</b> [link](javascript:alert(1)) on Oct. 7"
    out = markup.highlight(text, [(text.index("Oct. 7"), len(text))])
    assert "**" not in out.replace("\\*", "")
    assert "\\<b\\>" in out and "\\[link\\]" in out
    assert out.endswith(":orange-background[Oct\\. 7]")


def test_outlet_markup_is_drawn_as_text_in_the_svg(seed_events):
    """Rendered for real (kaleido): a tick label is never a live link, a styled span or a literal entity."""
    import xml.etree.ElementTree as ET

    evil = '<a href="https://evil.example">Reuters</a> & <span style="font-size:90px">"Sons"</span>'
    events = seed_events.assign(outlet=evil)
    svg = figure_image(chart.report_figure(events, "source", "T", "all events"), "svg", width=900, height=500)
    root = ET.fromstring(svg)
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert evil in texts  # the lane's tick label, exactly as written
    assert not [a for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert not any("&quot;" in t or "&amp;" in t for t in texts)
