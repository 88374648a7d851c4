"""The dashboard, driven headless by Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

TIMEOUT = 60


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def _count(at: AppTest) -> str:
    return next(c.value for c in at.caption if " of " in c.value and "events" in c.value)


def test_opens_on_the_seeds(app, seed_events):
    assert _count(app).startswith(f"{len(seed_events)} of {len(seed_events)} events")
    assert app.get("plotly_chart")
    assert app.dataframe


def test_category_filter(app, seed_events):
    app.sidebar.multiselect[0].select("refusal").run()
    expected = int((seed_events["category"] == "refusal").sum())
    assert _count(app).startswith(f"{expected} of {len(seed_events)}")


def test_text_search_with_no_match_says_so(app):
    app.sidebar.text_input[0].input("no such words anywhere").run()
    assert any("No event matches" in w.value for w in app.warning)
