"""A real page: `streamlit run` on a free port, driven by Playwright in the system Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_ARGS, ROOT

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: `make test` installs it; browser tests do not skip in CI")
    pytest.skip("no Chromium on this machine (make test installs it)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        raise RuntimeError("streamlit did not start")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    pg.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    context.close()


def _ready(page, url: str):
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point")
    page.wait_for_selector("text=/\\d+ of \\d+ events/")
    return page


def test_chart_renders_markers(server, page, seed_events):
    _ready(page, server)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= seed_events["event_id"].nunique()
    assert page.get_by_text(f"{len(seed_events)} of {len(seed_events)} events").is_visible()


def test_source_link_points_at_the_article(server, page, seed_events):
    row = seed_events[seed_events["category"] == "refusal"].iloc[-1]
    _ready(page, f"{server}/?event={row['event_id']}")
    link = page.locator(f'a[href="{row["url"]}"]').first
    link.wait_for()
    assert link.get_attribute("href") == row["url"]


def test_download_png_gives_a_real_png(server, page, tmp_path):
    _ready(page, server)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download PNG").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert path.name.startswith("timeline_") and path.suffix == ".png"
    assert width >= 1600 and height >= 600 and len(data) > 30_000


def test_shared_url_restores_the_filters(server, page, seed_events):
    expected = int((seed_events["category"] == "refusal").sum())
    _ready(page, f"{server}/?cat=refusal&lane=source")
    page.wait_for_selector(f"text={expected} of {len(seed_events)} events")
    assert page.get_by_role("button", name="Remove refusal").count() == 1
    assert page.get_by_role("radio", name="Source").is_checked()
    assert "cat=refusal" in page.url


def test_upload_adds_events_and_names_the_bad_file(server, page, tmp_path, seed_events):
    good = tmp_path / "wire.txt"
    good.write_text("The minister resigned on June 5, 2023, after the vote.", encoding="utf-8")
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _ready(page, server)
    page.get_by_text("Add articles").click()
    page.locator('input[type="file"]').set_input_files([str(good), str(bad)])
    total = len(seed_events) + 1
    page.wait_for_selector(f"text={total} of {total} events")
    page.get_by_text("Skipped files and warnings (1)").click()
    assert page.get_by_text("photo.txt: binary content").is_visible()


def _boxes(page, selector: str) -> list[dict]:
    return [b for b in (el.bounding_box() for el in page.locator(selector).all()) if b and b["width"] > 0]


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1440, 900)])
def test_layout_on_a_phone_and_a_desktop(server, browser, tmp_path, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    _ready(page, server)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(tmp_path / f"{width}.png"), full_page=True)
    plot = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    assert plot["width"] >= 300, plot
    labels = _boxes(page, ".js-plotly-plot .annotation-text-g")
    assert len(labels) >= 8  # the lanes' names and the key events' headlines
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    ticks = page.locator(".js-plotly-plot .xtick text").all()
    assert ticks and not any(re.search(r"rotate\((?!0[,)])", t.get_attribute("transform") or "") for t in ticks)
    legend = page.locator(".js-plotly-plot .legend").first.bounding_box()
    assert legend["y"] >= plot["y"] + plot["height"]  # below the plot, never beside it
    context.close()


def _drag_across(page, start: float, stop: float) -> dict:
    box = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * start, box["y"] + 15)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * stop, box["y"] + 18, steps=8)
    page.mouse.up()
    return box


def test_zoom_survives_a_click(server, page):
    _ready(page, server)
    box = _drag_across(page, 0.35, 0.98)  # plotly's own zoom: the chart's default drag
    page.wait_for_timeout(800)
    layout = "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range"
    before = page.evaluate(layout)
    inside = [
        p
        for p in page.locator(".js-plotly-plot .scatterlayer .point").all()
        if (b := p.bounding_box()) and box["x"] < b["x"] + b["width"] / 2 < box["x"] + box["width"]
    ]
    assert inside
    inside[0].click(force=True)
    page.wait_for_selector("text=Open the article")
    page.wait_for_timeout(1500)
    assert page.evaluate(layout) == before


def test_a_click_shows_the_event_beside_the_chart(server, page):
    _ready(page, server)
    page.locator(".js-plotly-plot .scatterlayer .point").nth(3).click(force=True)
    page.wait_for_selector("text=Open the article")
    button = page.get_by_text("Open the article").first.bounding_box()
    assert button["y"] + button["height"] <= 900  # beside the chart: on the first screen at 1440x900, no scrolling


def test_a_drag_zooms_to_a_period_and_the_link_keeps_it(server, page, seed_events):
    _ready(page, server)
    page.locator(".js-plotly-plot").first.hover()
    page.locator('.modebar-btn[data-val="select"]').first.click()  # the box-select tool
    _drag_across(page, 0.55, 0.98)
    page.wait_for_url(re.compile(r"from=\d{4}-\d{2}-\d{2}.*to=\d{4}-\d{2}-\d{2}|to=.*from="), timeout=60_000)
    page.wait_for_selector(f"text=/\\d+ of {len(seed_events)} events/")
    shown = int(page.get_by_text(re.compile(f"of {len(seed_events)} events")).inner_text().split(" of ")[0])
    assert 0 < shown < len(seed_events)
    shared = page.url
    again = page.context.new_page()
    again.goto(shared)
    again.wait_for_selector(f"text={shown} of {len(seed_events)} events")
    again.close()
