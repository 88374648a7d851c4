"""The temporal tagger: each rule, each trap, one case a line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.temporal import GRAMMAR, GRANULARITIES, RULES, candidates, lexicon, tag
from timeline.temporal.registry import expand

APRIL_2024 = dt.date(2024, 4, 22)  # a Monday
# Words for the scan's property test: every head the rules declare, every word of their examples, and traps.
_HEAD_WORDS = sorted({w for r in RULES for h in r.heads for seq in expand(h) for w in seq if w != "#"})
_EXAMPLE_WORDS = sorted({w for r in RULES for e in r.examples for w in e.text.replace(".", " .").split()})
SCAN_WORDS = [
    *_HEAD_WORDS,
    *(w.capitalize() for w in _HEAD_WORDS),
    *_EXAMPLE_WORDS,
    *"day days week weeks month months year years quarter weekend ago earlier later after before of in on , . - '"
    " 7 31 1990 1990s 2024 2024-04-22 1st third-quarter mid- year-ago X the The attack talks 1,200"
    " ninety-six thousand hundred Year's Day Eve New York".split(" "),
]
JANUARY_2025 = dt.date(2025, 1, 21)  # a Tuesday


def values(text: str, dct: dt.date | None = APRIL_2024) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attack came on October 7, 2023.", ("October 7, 2023", "2023-10-07")),
        ("It began on Oct. 7, 2023, at dawn.", ("Oct. 7, 2023", "2023-10-07")),
        ("It began on 7 October 2023.", ("7 October 2023", "2023-10-07")),
        ("The letter is dated 2024-04-22.", ("2024-04-22", "2024-04-22")),
        ("He leaves on March 6, 2025.", ("March 6, 2025", "2025-03-06")),
        ("Sales fell in March 2025.", ("March 2025", "2025-03")),
        ("It was founded in 1949.", ("1949", "1949")),
        ("Results for the third quarter of 1989 were weak.", ("the third quarter of 1989", "1989-Q3")),
        ("Growth returned in the 1990s.", ("the 1990s", "199")),
        ("The plan was drafted in fiscal 1988.", ("fiscal 1988", "1988")),
    ],
)
def test_absolute_dates(text, expected):
    assert expected in values(text, None)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("The probe was launched in February.", APRIL_2024, ("February", "2024-02")),
        ("It is due to be presented in June.", APRIL_2024, ("June", "2024-06")),
        ("He said on Oct. 17 that he was to blame.", APRIL_2024, ("Oct. 17", "2023-10-17")),
        ("Hamas attacked on October 7 last year.", APRIL_2024, ("October 7 last year", "2023-10-07")),
        ("Passover begins on April 22.", APRIL_2024, ("April 22", "2024-04-22")),
        ("Katz had given him a January 30 deadline.", JANUARY_2025, ("January 30", "2025-01-30")),
        ("Talks are scheduled to begin on February 4.", JANUARY_2025, ("February 4", "2025-02-04")),
        ("The firm will report in early November.", dt.date(1989, 10, 30), ("early November", "1989-11")),
        ("The deal collapsed in March.", dt.date(2025, 6, 11), ("March", "2025-03")),
        ("Stocks rose last October.", APRIL_2024, ("last October", "2023-10")),
    ],
)
def test_partial_dates_follow_tense(text, dct, expected):
    assert expected in values(text, dct)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("The letter was released on Monday.", APRIL_2024, ("Monday", "2024-04-22")),
        ("Netanyahu met with Halevi on Tuesday.", JANUARY_2025, ("Tuesday", "2025-01-21")),
        ("The minister spoke on Friday.", APRIL_2024, ("Friday", "2024-04-19")),
        ("The vote will be held on Thursday.", APRIL_2024, ("Thursday", "2024-04-25")),
        ("Prices rose last month.", APRIL_2024, ("last month", "2024-03")),
        ("Prices rose earlier this year.", APRIL_2024, ("earlier this year", "2024")),
        ("Prices rose last year.", APRIL_2024, ("last year", "2023")),
        ("Prices rose last week.", APRIL_2024, ("last week", "2024-W16")),
        ("It happened yesterday.", APRIL_2024, ("yesterday", "2024-04-21")),
        ("It happened two weeks ago.", APRIL_2024, ("two weeks ago", "2024-W15")),
        ("It happened three days ago.", APRIL_2024, ("three days ago", "2024-04-19")),
        ("Profit rose in the third quarter.", dt.date(1989, 10, 26), ("the third quarter", "1989-Q3")),
        ("Stocks fell last fall.", dt.date(1999, 4, 10), ("last fall", "1998-FA")),
        ("He hopes to finish his term on the 1st.", JANUARY_2025, ("the 1st", "2025-02-01")),
    ],
)
def test_relative_expressions(text, dct, expected):
    assert expected in values(text, dct)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("Keating was convicted in nineteen ninety-six.", dt.date(1998, 1, 15), ("nineteen ninety-six", "1996")),
        ("Unemployment halves by the year two thousand.", dt.date(1998, 2, 5), ("the year two thousand", "2000")),
        ("They met last Thanksgiving.", dt.date(2000, 1, 7), ("last Thanksgiving", "1999-11-25")),
        ("The truce held on Christmas Day.", dt.date(2024, 1, 3), ("Christmas Day", "2023-12-25")),
        ("Pilgrims will gather on Easter Sunday.", dt.date(2024, 3, 20), ("Easter Sunday", "2024-03-31")),
    ],
)
def test_spelled_years_and_holidays(text, dct, expected):
    assert expected in values(text, dct)


@pytest.mark.parametrize(
    "text", ["Over two thousand people came.", "It took more than two thousand years.", "New York"]
)
def test_spelled_counts_are_not_years(text):
    assert values(text, dt.date(1998, 1, 1)) == []


def test_relative_to_another_event():
    text = (
        "On Oct. 7, he was warned hours before the attack. "
        "Ten days after the attack, he announced that he took the blame."
    )
    assert ("Ten days after the attack", "2023-10-17") in values(text)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # the date the text last established, moved
        (
            "Azerbaijan attacked on Sept. 19, 2023. Officials agreed to disarm the next day.",
            APRIL_2024,
            ("the next day", "2023-09-20"),
        ),
        (
            "The raid began on March 3, 2022. On that morning, gunmen stormed the town.",
            APRIL_2024,
            ("that morning", "2022-03-03TMO"),
        ),
        ("Talks opened on May 2, 2021, and collapsed later that month.", APRIL_2024, ("later that month", "2021-05")),
        (
            "The vote was on June 4, 2020. The day before, protesters marched.",
            APRIL_2024,
            ("The day before", "2020-06-03"),
        ),
        (
            "Yunus was sworn in on Thursday, three days after Hasina resigned.",
            dt.date(2024, 8, 9),
            ("three days after", "2024-08-05"),
        ),
        (
            "The strike on Tuesday came a day after missiles hit Odesa.",
            dt.date(2024, 3, 6),
            ("a day after", "2024-03-04"),
        ),
        ("It happened the day before yesterday.", APRIL_2024, ("the day before yesterday", "2024-04-20")),
        # future in the past, this week's weekday, today's weekday
        (
            "The union said the blockades would continue until at least Thursday.",
            dt.date(2024, 1, 30),
            ("Thursday", "2024-02-01"),
        ),
        ("Rain is forecast to return on Friday.", dt.date(2024, 5, 8), ("Friday", "2024-05-10")),
        ("He presented on this Monday his resignation.", dt.date(2024, 12, 10), ("this Monday", "2024-12-09")),
        (
            "The truce is due to take effect on Monday evening.",
            dt.date(2023, 5, 22),
            ("Monday evening", "2023-05-22TEV"),
        ),
        # a reference to an event, written on its anniversary, is last year's
        ("A year after the October 7 attack, questions remain.", dt.date(2024, 10, 7), ("October 7", "2023-10-07")),
        # what follows an aside counts from the story's date told before it, not from a date inside it; with none
        # told before, from the aside's
        (
            "The army said Thursday it had killed the commander, the planner of the Oct. 7 raid, a day earlier.",
            dt.date(2024, 10, 17),
            ("a day earlier", "2024-10-16"),
        ),
        ("The talks, which began on March 3, collapsed two days later.", APRIL_2024, ("two days later", "2024-03-05")),
        (
            "The vote was on June 4. The talks, which began on March 3, collapsed two days later.",
            APRIL_2024,
            ("two days later", "2024-03-05"),
        ),
        # granularities of their own
        ("Prices rose last week.", APRIL_2024, ("last week", "2024-W16")),
        ("Results are due in the first quarter of 2025.", APRIL_2024, ("the first quarter of 2025", "2025-Q1")),
        ("Barclay was replaced in a November reshuffle.", dt.date(2023, 12, 31), ("November", "2023-11")),
        ("Tensions grew further in March.", dt.date(2024, 11, 20), ("March", "2024-03")),
    ],
)
def test_anchored_and_tensed(text, dct, expected):
    assert expected in values(text, dct)


def test_granularities_of_weeks_quarters_and_seasons():
    found = {t.text: t.granularity for t in tag("Last week, the Q3 2024 figures and this spring's rains.", APRIL_2024)}
    assert found["Last week"] == "week" and found["Q3 2024"] == "quarter" and found["this spring"] == "season"


def test_a_chronology_takes_its_year_from_the_entry_above():
    text = "Sept. 19, 2023: The offensive begins.\nSept. 28: A decree is signed.\nDec. 7: Prisoners are exchanged.\n"
    assert values(text, dt.date(2025, 3, 14))[1:] == [("Sept. 28", "2023-09-28"), ("Dec. 7", "2023-12-07")]
    years = "2022\nMarch 31: Protesters gather.\nJuly 9: Crowds overrun the palace.\n"
    assert values(years, dt.date(2023, 6, 1))[1:] == [("March 31", "2022-03-31"), ("July 9", "2022-07-09")]


def test_a_bare_date_takes_the_year_the_story_has_moved_to():
    # a feature written two years on: the story's dates, not the publication's, settle the year
    text = (
        "On the night of September 10, 2023, the storm hit. Shortly before 3 a.m. on September 11, two dams broke."
        "\n\nThe dams had not been repaired since 2002.\n\nParliament suspended the council on September 17."
    )
    found = dict(values(text, dt.date(2025, 9, 10)))
    assert found["3 a.m. on September 11"] == "2023-09-11T03:00" and found["September 17"] == "2023-09-17"
    # a bare date near the one just written is in its year, even past the publication date
    assert ("January 15", "2025-01-15") in values(
        "They agreed on January 8, 2025, averting a strike set for January 15.", dt.date(2025, 1, 10)
    )
    # a story long past does not pull back what is still to come
    assert ("March 20", "2024-03-20") in values(
        "The war began on March 14, 2022. The vote is due on March 20.", dt.date(2024, 3, 6)
    )
    # background with its year, then the news of the week: the publication's reading sits closer
    assert ("March 3", "2024-03-03") in values(
        "The war began on February 24, 2022. On March 3, drones hit Kyiv.", dt.date(2024, 3, 6)
    )


def test_a_future_in_the_past_counts_from_the_story():
    # "would" looks ahead from the day the story stands on; "will" from publication
    text = "On August 14, 2024, he said he would not run in September or stand on September 30."
    assert values(text, dt.date(2024, 10, 1))[1:] == [("September", "2024-09"), ("September 30", "2024-09-30")]
    ahead = "On August 14, 2024, he spoke. The vote will be held in September."
    assert ("September", "2025-09") in values(ahead, dt.date(2024, 10, 1))


def test_a_plan_after_a_determiner_is_a_noun_not_a_future():
    text = "They agreed a deal on Feb. 27 this year, and an implementation plan on March 18."
    assert ("March 18", "2023-03-18") in values(text, dt.date(2023, 6, 2))
    assert values("They plan to meet on March 18.", dt.date(2023, 6, 2)) == [("March 18", "2024-03-18")]


def test_a_count_is_not_a_governed_infinitive():
    # "voted 331 to 244" is a tally in the past; "voted to hold … on Wednesday" looks ahead
    saturday = dt.date(2024, 12, 14)
    assert values("Lawmakers voted 331 to 244 against the government on Wednesday.", saturday) == [
        ("Wednesday", "2024-12-11")
    ]
    assert values("The board voted to hold a new vote on Wednesday.", saturday) == [("Wednesday", "2024-12-18")]


def test_relative_to_an_unknown_event_is_left_out():
    assert values("Ten days after the summit, he resigned.") == []


def test_known_full_date_settles_a_bare_one():
    text = "Hamas attacked on October 7, 2023. The October 7 failure haunts him."
    assert ("October 7", "2023-10-07") in values(text, JANUARY_2025)


@pytest.mark.parametrize(
    "text",
    [
        "The government says 1,200 people died.",
        "Around 250 were abducted, 133 remain.",
        "A group of 41 officers signed.",
        "Operatives from Unit 8200 were involved.",
        "More than 2000 troops were deployed.",
        "No, he said.",
        "He may resign, and they march on.",
        "They will March on the capital.",
        "During the 20 month offensive, nothing changed.",
        "He served for 38 years.",
        "It cost $1990 in total.",
        "At least 55,000 people have been killed and another 125,000 wounded.",
        "Call 1-800-555-2024 now that it is open.",
    ],
)
def test_no_false_dates(text):
    assert [(t.text, t.value) for t in tag(text, APRIL_2024) if t.is_calendar] == []


def test_undated_article_gives_no_relative_dates():
    text = "On Monday, in March, last year, ten days later and yesterday: nothing. In 2023 it began."
    assert values(text, None) == [("2023", "2023")]


@pytest.mark.parametrize("dct", [None, APRIL_2024, dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_timex_invariants(dct):
    text = "On Monday, Oct. 7 last year, in June, the 31st, 2024-02-30, February 30, 2023 and last week."
    for t in tag(text, dct):
        assert text[t.start : t.end] == t.text
        assert t.granularity in GRANULARITIES
        assert t.first <= t.last


def test_impossible_dates_are_not_dates():
    assert values("It was signed on February 30, 2023 and 2023-13-01.", None) == []


def test_vague_references_come_unless_left_out():
    text = "Prices are now higher than they were recently."
    assert values(text) == [("now", "PRESENT_REF"), ("recently", "PAST_REF")]
    assert not any(t.is_calendar for t in tag(text, APRIL_2024))
    assert tag(text, APRIL_2024, references=False) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Third-quarter profit rose to $5 million from $4 million a year ago.", ("a year ago", "1988-Q3")),
        ("Third-quarter profit rose, compared with a year-earlier loss.", ("year-earlier", "1988-Q3")),
        ("Sales rose 5% from a year ago.", ("a year ago", "1988")),
    ],
)
def test_year_ago_follows_the_quarter_under_discussion(text, expected):
    assert expected in values(text, dt.date(1989, 10, 26))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SCAN_WORDS), max_size=60).map(" ".join))
# what it once found: "1/2" read after a number word; heads missing for "thirtieth", a vague count's modifier and
# a determiner's hedge
@example("a 1/2 minute")
@example("thirtieth Century 10")
@example("few full Years")
@example("another About Ten quarter")
@example("the nearly An centuries")
def test_fast_scan_finds_what_the_full_scan_finds(text):
    assert [m.span() for m in candidates(text)] == [m.span() for m in GRAMMAR.finditer(text)]


def test_fast_scan_finds_what_the_full_scan_finds_in_every_example_and_case():
    from benchmarks.tempeval import load_cases

    texts = [e.text for r in RULES for e in r.examples] + [c.text for c in load_cases()]
    texts.append("\n".join(texts[:40]) + "\nOn this day: November 9\n\n1989: The wall fell on Nov.\n9, 1989.")
    for text in texts:
        lines = [(m.start() + at, m.end() + at) for at, line in _lines(text) for m in GRAMMAR.finditer(line)]
        assert [m.span() for m in candidates(text)] == lines, text


def _values(text: str, dct: dt.date | None) -> dict[str, str]:
    """What the tagger reads in ``text``: each expression as written, with its value."""
    return {t.text: t.value for t in tag(text, dct)}


def _lines(text: str):
    at = 0
    for line in text.split("\n"):
        yield at, line
        at += len(line) + 1


EXAMPLES = [pytest.param(r.name, e, id=f"{r.name}:{e.surface}") for r in RULES for e in r.examples]


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_every_rule_does_what_its_examples_say(name, example):
    dct = dt.date.fromisoformat(example.dct) if example.dct else None
    found = {(t.text, t.value): t.rule for t in tag(example.text, dct)}
    assert (example.surface, example.value) in found, sorted(found)
    assert found[(example.surface, example.value)] == name


def test_every_rule_has_examples_and_heads():
    for r in RULES:
        assert r.examples, f"rule {r.name} has no example"
        assert r.heads, f"rule {r.name} has no head words"
    assert len({r.name for r in RULES}) == len(RULES)


def test_the_lexicon_holds_together():
    assert sorted(set(lexicon.MONTHS.values())) == list(range(1, 13))
    assert len(lexicon.MONTH_NAMES) == 12 and len(lexicon.WEEKDAYS) == 7 == len(set(lexicon.WEEKDAYS))
    assert [lexicon.NUMBER_WORDS[w] for w in ("zero", "ten", "twenty", "ninety")] == [0, 10, 20, 90]
    assert lexicon.TENS[0] == "twenty" and len(lexicon.TENS) == 8
    assert list(lexicon.ORDINAL_WORDS.values()) == list(range(1, len(lexicon.ORDINAL_WORDS) + 1))
    assert not lexicon.FUTURE_CUES & lexicon.PAST_CUES, "a word cannot be both a past and a future cue"
    assert set(lexicon.SEASONS.values()) == set(lexicon.SEASON_MONTHS)
    assert set(lexicon.REFERENCES.values()) <= {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
    for words in (lexicon.MONTHS, lexicon.WEEKDAYS, lexicon.NUMBER_WORDS, lexicon.SEASONS, lexicon.HOLIDAYS):
        assert all(w == w.lower() and w == w.strip() for w in words)
    from timeline.temporal.rules import holiday_date

    for name in lexicon.HOLIDAYS:
        assert holiday_date(name, 2024).year == 2024


def test_the_case_suite_stays_right():
    """The hand-written suite of benchmarks/tempeval.py (every form the tagger claims, and traps): at least 98 %."""
    from benchmarks.tempeval import load_cases, score_cases, timeline_tagger

    cases = load_cases()
    assert len(cases) >= 300 and len({c.form for c in cases}) >= 15
    by_form, wrong, _ = score_cases(timeline_tagger, cases)
    right = by_form["all"]["right"] / by_form["all"]["cases"]
    assert right >= 0.98, [(c.text, c.surface, c.value, got) for c, got in wrong]


def test_the_granularity_of_a_half_year():
    (half,) = [t for t in tag("Sales rose in the first half of 2024.", None) if t.is_calendar]
    assert (half.value, half.granularity, half.first, half.last) == (
        "2024-H1",
        "half",
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 30),
    )


@pytest.mark.parametrize("base", [None, dt.date(2024, 4, 22), dt.date(2025, 12, 31), dt.date(1903, 5, 1)])
def test_a_month_and_day_read_from_the_lexicon_as_dateparser_reads_it(base):
    from timeline.temporal import parsing

    spans = [
        f"{form}"
        for month in ("Oct.", "october", "SEPT", "Sept.", "Feb", "June", "Dec.")
        for day in ("1", "9th", "15", "29", "30", "31st")
        for form in (f"{month} {day}", f"{day} {month}", f"the {day} {month}")
    ]
    for span in spans:
        quick = parsing._month_day(span, base or parsing.NEUTRAL_BASE)
        data = parsing._parser(base, "past").get_date_data(span)
        expected = (data.date_obj.date(), "day") if data.date_obj else None
        assert quick == expected, span


def test_a_span_counted_from_an_undated_event_names_no_date_of_its_own():
    # "28 days after the last case" re-tells Wednesday; it must not count 28 days on from it
    text = "The agency on Wednesday declared the outbreak over, 28 days after the last confirmed case left hospital."
    dated = [(t.text, t.value) for t in tag(text, dt.date(2024, 10, 16)) if t.is_calendar]
    assert dated == [("Wednesday", "2024-10-16")]


def test_what_a_warning_says_is_to_come_takes_its_own_tense():
    text = "The institute warned, however, that the rainy season beginning in November would raise the risk."
    assert [t.value for t in tag(text, dt.date(2024, 10, 16)) if t.is_calendar] == ["2024-11"]


def test_the_week_of_a_day_is_that_week():
    (week,) = [t for t in tag("Work is due to start in the week of 17 June.", dt.date(2024, 5, 20)) if t.is_calendar]
    assert (week.text, week.value, week.granularity) == ("the week of 17 June", "2024-W25", "week")
    assert (week.first, week.last) == (dt.date(2024, 6, 17), dt.date(2024, 6, 23))


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Talks resumed in the last week of June.", "the last week of June", "2024-W26"),  # June 24-30
        ("The first week of March 2024 was calm.", "The first week of March 2024", "2024-W10"),  # most days March's
        ("Polls close in the second week of October.", "the second week of October", "2024-W41"),
        ("It happened last week, in June.", "last week", "2024-W36"),  # no "of": a week before publication
    ],
)
def test_a_months_week_by_its_rank_is_one_week(text, surface, value):
    first = next(t for t in tag(text, dt.date(2024, 9, 12)) if t.is_calendar)
    assert (first.text, first.value, first.granularity) == (surface, value, "week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks will be held on 11-12 February.", [("11", "2025-02-11"), ("12 February", "2025-02-12")]),
        ("The fair runs from 3 to 5 March.", [("3", "2025-03-03"), ("5 March", "2025-03-05")]),
        ("The fair runs from March 3 to 5.", [("March 3", "2025-03-03"), ("5", "2025-03-05")]),
        ("Talks were held on Feb. 11-12, 2024.", [("Feb. 11", "2024-02-11"), ("12, 2024", "2024-02-12")]),
        ("On March 3 to 5 million people voted.", [("March 3", "2024-03-03")]),
        ("They won 2-1 on 12 February.", [("12 February", "2024-02-12")]),
    ],
)
def test_both_days_of_a_span_are_dates(text, expected):
    """The first day of "11-12 February" and the last of "March 3-5" are dates of that month too; a count is not."""
    assert values(text, dt.date(2025, 1, 20)) == expected


def test_a_day_inside_a_closed_quotation_is_no_anchor_for_what_follows():
    text = (
        '"On the morning of October 7, the army failed in its mission," he wrote.\n\n'
        "Two days earlier, on Sunday, the truce took effect."
    )
    values = _values(text, dt.date(2025, 1, 21))
    assert values.get("Sunday") == "2025-01-19"
    assert not values.get("Two days earlier", "").startswith("2024-10")  # not two days before the quoted day


def test_an_undated_text_dates_a_bare_day_by_the_day_it_wrote_with_its_year():
    """No publication date: "15 January" under "covers 1 January 2025 to 31 January 2025" is in 2025; with
    no year written before it, it stays undated."""
    text = "This chronology covers 1 January 2025 to 31 January 2025.\n\n15 January\nTalks resume in Doha."
    assert _values(text, None)["15 January"] == "2025-01-15"
    assert "15 January" not in {t.text for t in tag("15 January\nTalks resume in Doha.", None)}


def test_a_day_the_tagger_cannot_place_is_no_anchor_and_no_guess():
    """Undated: "March 20", months from the only year written, may be in either year; "the following day" is
    not counted from the day before it (October 7) instead."""
    text = (
        "The director took responsibility for the failure on October 7, 2023.\n\n"
        "The cabinet voted on March 20 to dismiss him. The court froze the decision the following day."
    )
    found = _values(text, None)
    assert found == {"October 7, 2023": "2023-10-07"}


def test_a_date_naming_an_event_does_not_move_the_story():
    """ "the October 7, 2023, massacre" names an event; "would step down on March 6" still looks ahead from
    the day of the report, not from that event."""
    text = (
        "The general resigned on Tuesday, citing the failure to prevent the October 7, 2023, massacre.\n\n"
        "In a letter, he said he would step down on March 6."
    )
    assert _values(text, dt.date(2025, 1, 21))["March 6"] == "2025-03-06"


def test_a_season_with_its_year_frames_the_days_after_it():
    text = (
        "I thought of the summer of 2023. Back then, thousands of reservists said they would stop volunteering. "
        "The parliament passed the law anyway, on July 24."
    )
    assert _values(text, dt.date(2025, 4, 15))["July 24"] == "2023-07-24"


def test_a_numeric_day_either_way_is_read_as_the_text_writes_its_others():
    text = "21/01/2025 14:05 - The chief resigns.\n\n03/02/2025 09:10 - The minister names a successor."
    assert _values(text, None)["03/02/2025"] == "2025-02-03"
    american = "01/21/2025 - The chief resigns.\n03/02/2025 - A successor is named."
    assert _values(american, None)["03/02/2025"] == "2025-03-02"
    assert not tag("03/02/2025 - A successor is named.", None)  # nothing says which: no guess


def test_an_undated_almanacs_title_year_dates_its_entries_however_far_down():
    text = (
        "2023 in Portugal\n\nIncumbents\n" + "Minister of Something – A. Person\n" * 30 + "\nEvents\n\nAugust\n"
        "1 August – The pope arrives in Lisbon.\n\nNovember\n7 November – The prime minister resigns.\n"
    )
    found = _values(text, None)
    assert (found["1 August"], found["7 November"]) == ("2023-08-01", "2023-11-07")


def test_a_dated_chronologys_title_year_dates_its_entries():
    text = (
        "Timeline of the 2024 Kessaria protests\n\n== January ==\n* 14 January – The government publishes the bill.\n"
        "* 27 January – About 40,000 people march in the capital.\n"
    )
    found = _values(text, dt.date(2024, 8, 30))  # without the title's year, the nearer 14 January is next year's
    assert (found["14 January"], found["27 January"]) == ("2024-01-14", "2024-01-27")


def test_a_weekday_in_a_quotation_is_of_the_week_it_was_said_in():
    text = (
        'The chief said on October 12, 2023: "The army is responsible, and on Saturday morning we did not live '
        'up to that."'
    )
    assert _values(text, dt.date(2025, 1, 23))["Saturday morning"] == "2023-10-07TMO"


def test_a_time_later_than_a_misread_day_that_lands_past_publication_is_left_out():
    """ "Eighteen months later, the mood has changed": told as come, so not April 2026 in an April 2025 text."""
    text = "Then came October 7, and they all reported for duty. Eighteen months later, the mood has changed."
    assert "Eighteen months later" not in {t.text for t in tag(text, dt.date(2025, 4, 14))}
    assert "Eighteen months later" not in {t.text for t in tag(text, None)}


def test_a_day_counted_after_a_landmark_is_not_counted_from_that_landmarks_date():
    """ "carried out a week after the truce began on May 2 and two days after the vote": May 2 is the truce's day,
    not the survey's; the soldiers' day is unknown, and left so."""
    found = {
        t.text: t.value
        for t in tag(
            "It came a week after the truce began on May 2 and two days after four soldiers were freed.",
            dt.date(2024, 5, 20),
        )
    }
    assert found == {"May 2": "2024-05-02"}
    found = {
        t.text: t.value
        for t in tag("Yunus was sworn in on Thursday, three days after Hasina resigned.", dt.date(2024, 8, 9))
    }
    assert found["three days after"] == "2024-08-05"


def test_a_date_before_what_is_told_is_the_tellings():
    """ "He told the Knesset in November that the inquiry would wait": the November of the telling, not the next."""
    found = {
        t.text: t.value
        for t in tag("He told the Knesset in November that the inquiry would wait.", dt.date(2025, 1, 23))
    }
    assert found == {"November": "2024-11"}


def test_day_month_in_translated_copy_only_where_the_text_writes_days_so():
    text = "He announced on Tuesday (21.1) his resignation and will end his term on 6.3."
    found = _values(text, dt.date(2025, 1, 21))
    assert found["21.1"] == "2025-01-21" and found["6.3"] == "2025-03-06"
    found = {t.text for t in tag("Growth slowed on 6.3 and prices rose by 2.5 in March.", dt.date(2025, 1, 21))}
    assert "6.3" not in found and "2.5" not in found  # no weekday "(21.1)": decimals


def test_a_weekday_in_a_newspapers_name_is_no_date():
    found = _values(
        "The Sunday Herald leads with it; the Sunday Courier says rates will fall on Thursday.", dt.date(2025, 2, 2)
    )
    assert "Sunday" not in found and found["Thursday"] == "2025-02-06"


def test_a_weekday_of_a_month_on_an_undated_page_without_a_year_is_left_out():
    assert not tag("On the last Sunday of August he left.", None)  # no year to give it: never one made up
