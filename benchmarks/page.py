"""What an analyst waits for: the whole dashboard page, on the seeds and on a large store, side by side.

    python -m benchmarks.page [--articles 15000 | --store STORE] [--repeat 3] [--no-browser]

Two measures for each corpus, in one run:

1. Server work: Streamlit's AppTest runs the whole script (every widget, the chart, the table, the
   downloads' buttons, the reader) for a plain rerun, a category filter, a text search and a click on
   an event; median of ``--repeat`` runs, in milliseconds.
2. Until the browser settles: ``streamlit run`` in a subprocess, driven by Playwright in the system
   Chromium: the first page load until the chart is drawn, then a text search and clearing it until
   the page stops running, in milliseconds; then the server's resident memory as more browser sessions
   open, each page kept open (what a session holds of its own shows as growth).

The large corpus is a store built from a synthetic corpus (``timeline.synthetic``), seven events an
article on average: 15,000 articles give about 100,000 events; ``--store`` measures a store already
built instead (``python -m timeline build CORPUS --store STORE``, news-size articles say).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import CHROMIUM_ARGS
from timeline.engine import Engine
from timeline.filters import FILTERS, Filters

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SESSIONS = 3  # browser sessions open at once for the memory figures


def server_work(argv: list[str], event_ids, repeat: int) -> dict[str, float]:
    """Median milliseconds of whole-script reruns in AppTest, for each interaction."""
    from streamlit.testing.v1 import AppTest

    sys.argv = ["app.py", *argv]
    at = AppTest.from_file(APP, default_timeout=600)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    assert not at.exception, at.exception
    categories = at.multiselect(key="f_cat").options
    results = {"first run (reads the data)": 1000 * first}

    def timed(label: str, action) -> None:
        runs = []
        for i in range(repeat):
            started = time.perf_counter()
            action(i)
            runs.append(time.perf_counter() - started)
            assert not at.exception, at.exception
        results[label] = 1000 * statistics.median(runs)

    # every repeat asks for something new: a view the app has drawn before would be served from its cache
    timed("rerun", lambda i: at.run())
    timed("category filter", lambda i: at.multiselect(key="f_cat").set_value(categories[i : i + 2]).run())
    at.multiselect(key="f_cat").set_value([]).run()
    words = ["resigned", "talks", "attack", "minister", "court", "vote"]
    timed("text search", lambda i: at.text_input(key="f_q").set_value(words[i % len(words)]).run())
    at.text_input(key="f_q").set_value("").run()
    listed = event_ids.drop_duplicates()
    picks = [listed.iloc[min(len(listed) // 2, 100) - i] for i in range(repeat)]  # ones the picker lists
    timed("pick an event", lambda i: at.selectbox(key="event").set_value(picks[i]).run())
    return results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_times(argv: list[str]) -> dict[str, float]:
    """Milliseconds until the page settles in Chromium, for a first load and two interactions."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", APP, "--server.port", str(port), "--server.headless", "true"]
    server = subprocess.Popen(
        [*command, "--", *argv], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            warm = browser.new_page()  # the first session pays for reading the data into the cache
            warm.goto(url)
            warm.wait_for_selector(".js-plotly-plot .main-svg", timeout=600_000)
            warm.close()
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(600_000)
            results = {}
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(".js-plotly-plot .main-svg")
            _settle(page, "")
            results["page load"] = 1000 * (time.perf_counter() - started)

            def timed(label: str, action) -> None:
                before = _count(page)
                started = time.perf_counter()
                action()
                _settle(page, before)
                results[label] = 1000 * (time.perf_counter() - started)

            label = next(spec.label for spec in FILTERS if spec.widget == "text")  # the sidebar's search box
            search = page.get_by_role("textbox", name=label)
            timed("text search", lambda: (search.fill("resigned"), search.press("Enter")))
            timed("clear the search", lambda: (search.fill(""), search.press("Enter")))
            results["server MB, 1 session"] = _megabytes(server.pid)
            for n in range(2, SESSIONS + 1):  # more analysts: each session's page stays open
                other = browser.new_page(viewport={"width": 1440, "height": 900})
                other.set_default_timeout(600_000)
                other.goto(url)
                other.wait_for_selector(".js-plotly-plot .main-svg")
                _settle(other, "")
                results[f"server MB, {n} sessions"] = _megabytes(server.pid)
            browser.close()
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def _megabytes(pid: int) -> float:
    """The resident memory of a process (Linux), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024


_COUNT = "() => (document.body.innerText.match(/[\\d,]+ of [\\d,]+ events · [\\d,]+ distinct events/) || [''])[0]"


def _count(page) -> str:
    return page.evaluate(_COUNT)


def _settle(page, before: str) -> None:
    """Until the rerun is over: the events count has changed (when it was expected to) and no element is stale
    (Streamlit marks what it is about to redraw), with the chart drawn."""
    page.wait_for_function(f"() => ({_COUNT})() !== {before!r} && ({_COUNT})() !== ''")
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    page.wait_for_selector(".js-plotly-plot .main-svg")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=15_000, help="synthetic articles in the large store")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--store", type=Path, help="a store already built, measured instead of a synthetic one")
    args = ap.parse_args(argv)
    import timeline
    from timeline import store

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "store"
        if args.store is None:
            from timeline.synthetic import write_corpus

            store.build(write_corpus(Path(tmp) / "corpus", args.articles, seed=21), path)
        # what the benchmark itself needs of the store (its size, some event ids), without reading it whole:
        # AppTest runs the page in this process
        snapshot = store.committed(path)
        engine = Engine.of_store(snapshot.events, snapshot.articles)
        articles = pq.read_metadata(snapshot.articles).num_rows
        mentions, events = engine.count(Filters())
        label = f"store: {articles:,} articles, {mentions:,} mentions, {events:,} events"
        corpora = {"seeds": [], label: ["--store", str(path)]}
        ids = {
            "seeds": timeline.load(ROOT / "seeds").events["event_id"],
            label: engine.rows(Filters(), columns=["event_id"], limit=20 * args.repeat + 200)["event_id"],
        }
        del engine
        server = {name: server_work(extra, ids[name], args.repeat) for name, extra in corpora.items()}
        print(f"1. Server work, whole AppTest rerun (median of {args.repeat}), ms")
        names = list(corpora)
        print(f"{'':28}" + "".join(f"{n[:34]:>36}" for n in names))
        for label in server[names[0]]:
            print(f"{label:28}" + "".join(f"{server[n][label]:>36,.0f}" for n in names))
        if not args.no_browser:
            browser = {name: browser_times(extra) for name, extra in corpora.items()}
            print("\n2. Until the browser settles (Chromium, 1440x900), ms; the server's memory as sessions open")
            print(f"{'':28}" + "".join(f"{n[:34]:>36}" for n in names))
            for label in browser[names[0]]:
                print(f"{label:28}" + "".join(f"{browser[n][label]:>36,.0f}" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
