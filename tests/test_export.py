"""Exports: CSV safe for spreadsheets, JSON records, Parquet, images and HTML of the chart."""

from __future__ import annotations

import io
import json
import os

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


def test_the_kept_kaleido_server_draws_what_a_fresh_kaleido_draws(seed_events, tmp_path):
    """One kaleido server per process makes exports fast; the picture must be the one a fresh kaleido makes."""
    import subprocess
    import sys

    from PIL import Image

    fig = chart.report_figure(seed_events, "category", "Timeline", "all events")
    fig.write_json(tmp_path / "fig.json")
    kept = figure_image(fig, "png", width=900, height=560, scale=1)
    figure_image(fig, "png", width=900, height=560, scale=1)  # the server is warm: the same again
    fresh = tmp_path / "fresh.png"
    script = (  # another process, no server: plotly starts a kaleido of its own for the one image
        "import sys, plotly.io as pio; fig = pio.read_json(sys.argv[1]); "
        "open(sys.argv[2], 'wb').write(fig.to_image(format='png', width=900, height=560, scale=1))"
    )
    env = {**os.environ, "BROWSER_PATH": os.environ.get("BROWSER_PATH", "/usr/bin/chromium")}
    subprocess.run([sys.executable, "-c", script, tmp_path / "fig.json", fresh], check=True, env=env, timeout=180)
    a, b = Image.open(io.BytesIO(kept)).convert("RGB"), Image.open(fresh).convert("RGB")
    assert a.size == b.size == (900, 560)
    assert a.tobytes() == b.tobytes()


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


@pytest.mark.parametrize("lane", ["category", "source", "actor"])
def test_exports_made_inside_streamlit_keep_whole_lane_names(seed_events, lane):
    """As the app renders them: with Streamlit imported, plotly's default template is Streamlit's (10 px margin).

    Read back from the rendered SVG: every lane's name is drawn whole, inside the image.
    """
    import re
    import xml.etree.ElementTree as ET

    import streamlit  # noqa: F401

    from timeline.chart import _cap_lanes, _lanes

    width = 1600
    svg = figure_image(chart.report_figure(seed_events, lane, "Timeline", "all events"), "svg", width=width)
    ns = "{http://www.w3.org/2000/svg}"
    boxes = {}
    for group in ET.fromstring(svg).iter(f"{ns}g"):
        if group.get("class") != "cursor-pointer":
            continue
        text, rect = group.find(f"{ns}text"), group.find(f"{ns}rect")
        if text is None or rect is None:
            continue
        left = float(re.match(r"translate\(([-\d.]+)", group.get("transform")).group(1))
        boxes["".join(text.itertext())] = (left, left + float(rect.get("width")))
    lanes = set(_cap_lanes(_lanes(seed_events, lane))["lane"])
    assert lanes and lanes <= set(boxes), lanes - set(boxes)
    for name in lanes:
        left, right = boxes[name]
        assert left >= 0 and right <= width, f"{name!r} is cut off: {left}-{right} px"


def test_csv_download_has_a_byte_order_mark_for_excel(seed_events):
    data = to_bytes(seed_events, "csv", bom=True)
    assert data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")["title"].tolist() == seed_events["title"].tolist()
    assert not to_bytes(seed_events, "csv").startswith(b"\xef\xbb\xbf")


def test_timelinejs_document_has_the_documented_shape(seed_events):
    from timeline.export import timelinejs

    doc = timelinejs(seed_events.assign(title="<b>x</b> & y"), "Seeds <script>", colors=chart.category_colors())
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"] == "Seeds &lt;script&gt;"
    assert len(doc["events"]) == seed_events["event_id"].nunique()
    for slide in doc["events"]:
        assert set(slide) <= {"unique_id", "start_date", "end_date", "display_date", "text", "group", "background"}
        assert isinstance(slide["start_date"]["year"], int)
        assert set(slide["start_date"]) <= {"year", "month", "day"}
        assert set(slide["text"]) == {"headline", "text"}
        assert "<b>" not in slide["text"]["headline"]
        assert slide["background"]["color"].startswith("#")
    months = [s for s in doc["events"] if "day" not in s["start_date"]]
    assert months and all("month" in s["start_date"] for s in months)  # a month event keeps its precision
    assert any('<a href="https://' in s["text"]["text"] for s in doc["events"])
    json.dumps(doc)


def test_html_export_opens_the_article_on_click(seed_events):
    page = figure_html(chart.figure(seed_events)).decode()
    assert "plotly_click" in page and "window.open" in page
    assert "ntd.com" in page  # the article URLs ride along with the markers
