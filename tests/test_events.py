"""The events table of the sample corpus: golden file plus the events an analyst must find."""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest

from tests.conftest import GOLDEN, SEEDS, by_day
from timeline.corpus import parse_article
from timeline.events import _candidates, extract, load_taxonomy, make_title, parse
from timeline.schema import COLUMNS

GOLDEN_FILE = GOLDEN / "seeds_events.csv"


def _names(column: pd.Series) -> set[str]:
    """Every name of an actors or places column ("A; B" cells)."""
    return {name for cell in column for name in cell.split("; ") if name}


GOLDEN_COLUMNS = [
    *("event_id", "date", "date_end", "granularity", "date_text", "category", "source", "start"),
    *("headline", "title"),
]
ESSAY = "003_fabb28472fe54dbc"


def _golden_view(events: pd.DataFrame) -> pd.DataFrame:
    view = events[GOLDEN_COLUMNS].copy()
    for column in ("date", "date_end"):
        view[column] = view[column].dt.strftime("%Y-%m-%d")
    return view.astype(str).reset_index(drop=True)


def test_matches_golden_file(seed_events):
    """The file was reviewed by hand; regenerate with UPDATE_GOLDEN=1 and review the diff."""
    view = _golden_view(seed_events)
    if os.environ.get("UPDATE_GOLDEN"):
        view.to_csv(GOLDEN_FILE, index=False)
    expected = pd.read_csv(GOLDEN_FILE, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(view, expected)


def test_schema(seed_events):
    assert list(seed_events.columns) == list(COLUMNS)
    for name, (dtype, _) in COLUMNS.items():
        assert str(seed_events[name].dtype).startswith(dtype.split("[")[0]), name


def _extract_one(text: str, published: str) -> pd.DataFrame:
    """The events of one article, "a", published on that date."""
    return extract([parse_article(text, "a", {"published": published})])


def _by_date_text(events: pd.DataFrame, column: str) -> dict:
    """A column of the events, keyed by their dates as written."""
    return dict(zip(events["date_text"], events[column], strict=True))


def _rows(events, date, **match):
    rows = events[events["date"] == pd.Timestamp(date)]
    for column, value in match.items():
        rows = rows[rows[column].str.contains(value, case=False, regex=False)]
    return rows


@pytest.mark.parametrize(
    ("date", "granularity", "quote_contains"),
    [
        ("2023-10-17", "day", "took the blame"),
        ("2024-02-01", "month", "probe was launched"),
        ("2024-06-01", "month", "due to be presented"),
        ("2025-03-06", "day", "March 6, 2025"),
        ("2025-01-30", "day", "deadline"),
        ("2025-01-21", "day", "met with Halevi"),
        ("2025-02-04", "day", "Talks towards"),
        ("2025-03-01", "month", "ceasefire"),
        ("2025-04-01", "month", "250 reservists"),
        ("2025-06-11", "day", "41 Israeli military intelligence officers"),
    ],
)
def test_required_events(seed_events, date, granularity, quote_contains):
    rows = _rows(seed_events, date, quote=quote_contains)
    assert not rows.empty
    assert set(rows["granularity"]) == {granularity}


def test_attack_from_every_article_that_mentions_it(seed_events):
    attack = seed_events[(seed_events["date"] == "2023-10-07") & (seed_events["category"] == "attack")]
    assert attack["event_id"].nunique() == 1
    assert set(attack["source"]) == {
        "000_b95cac5b8b70067d",
        "001_4334f3fe5e1f4a52",
        "002_52ba64ddfe50fc50",
        "004_7a524be3d88d432d",
    }


def test_haliva_resignation_is_one_event_in_both_articles(seed_events):
    rows = seed_events[(seed_events["date"] == "2024-04-22") & (seed_events["category"] == "resignation")]
    assert rows["event_id"].nunique() == 1
    assert set(rows["source"]) == {"001_4334f3fe5e1f4a52", "002_52ba64ddfe50fc50"}
    assert rows["actors"].str.contains("Aharon Haliva").any()


def test_no_event_from_the_undated_essay(seed_events):
    assert ESSAY not in set(seed_events["source"])


def test_no_event_from_noise(seeds_corpus, seed_events):
    noise = ("Also Read", "newsletter", "Getty Images", "Sign up", "Infosys", "Oct. 10, 2023")
    for quote in seed_events["quote"]:
        assert not any(n in quote for n in noise), quote


def test_dates_stay_in_the_story(seed_events):
    assert seed_events["date"].min() >= pd.Timestamp("2023-01-01")
    assert seed_events["date_end"].max() <= pd.Timestamp("2025-12-31")


def test_month_mentions_are_not_given_a_day(seed_events):
    months = seed_events[seed_events["granularity"] == "month"]
    assert (months["date"].dt.day == 1).all()
    assert (months["date_end"] == months["date"] + pd.offsets.MonthEnd(0)).all()


def test_quotes_point_back_into_their_articles(seeds_corpus, seed_events):
    texts = {a.source: a.text for a in seeds_corpus.articles}
    for row in seed_events.itertuples():
        original = " ".join(texts[row.source][row.start : row.end].split())
        assert original == row.quote


def test_actors_are_title_free_and_consistent(seed_events):
    actors = _names(seed_events["actors"])
    assert "Aharon Haliva" in actors
    assert not any(a.startswith(("Mr", "Maj", "Lt", "Gen")) for a in actors)
    assert "Haliva" not in actors


def test_ids_are_stable(seeds_corpus):
    from timeline.events import extract

    again = extract(seeds_corpus.articles)
    pd.testing.assert_frame_equal(again, seeds_corpus.events)


def test_a_chronology_without_a_publication_date_takes_its_year_from_its_headings():
    """An encyclopedia's chronology copied without a date: "15 January –" under "January 2025" is 15 January 2025,
    and so is a date inside an entry ("effective 6 March", the reading nearest the entry's day); its hatnote, "See
    also" and citations ("^ … Retrieved 16 January 2025.") are no events, and no month is a place."""
    text = (
        "Timeline of the war (January 2025)\n"
        "This article is about the events of January 2025.\n"
        "January 2025\n"
        "15 January – Mediators announce that the two sides have agreed to a ceasefire.\n"
        "21 January – The chief of staff, Herzi Halevi, announces his resignation, effective 6 March.\n"
        "See also\n"
        "Timeline of the war (February 2025)\n"
        "References\n"
        '^ "Ceasefire agreed". Example News. 15 January 2025. Retrieved 16 January 2025.\n'
    )
    events = extract([parse_article(text, "a")])
    assert events["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-15", "2025-01-21", "2025-03-06"]
    assert events["title"].iloc[0].startswith("Mediators announce")
    assert not any("March" in p for p in events["places"])


def test_the_rules_that_date_what_follows_are_the_taggers():
    """DATES_WHAT_FOLLOWS names tagger rules: a name the registry lacks would turn the rule off without a word."""
    from timeline.events import DATES_WHAT_FOLLOWS
    from timeline.temporal import RULES

    assert DATES_WHAT_FOLLOWS and {rule.name for rule in RULES} >= DATES_WHAT_FOLLOWS


def test_what_an_act_left_and_a_date_that_dates_the_clause_after_it():
    """ ", killing nine" is what the explosion left: the explosion's kind, unless nothing else is said; "a day after
    the cabinet said on Monday" dates the cabinet's statement, not the explosions that came a day after it."""
    text = (
        "Pagers used by members of the group exploded across the country on Tuesday, killing at least nine people.\n"
        "The explosions came a day after Israel's security cabinet said on Monday that the north was a war aim.\n"
        "A ferry capsized on the lake on Sunday, killing 40 passengers.\n"
        "Thousands of people took to the streets of the capital on Wednesday night.\n"
    )
    category = _by_date_text(_extract_one(text, "2024-09-19"), "category")
    assert category["Tuesday"] == "attack"
    assert category["Sunday"] == "casualties"
    assert category["a day after"] == "statement"
    assert category["Wednesday night"] == "refusal"


def test_a_pages_title_over_its_byline_and_stamp_is_no_event():
    """A copied page opens with its title, in sentence case, right above the byline and the time stamp: no event
    ("resigns over Oct 7 failures" is no resignation on October 7), whatever the manifest's title says."""
    text = (
        "Military intelligence chief resigns over Oct 7 failures\n"
        "By Jane Roe\n"
        "April 22, 2024 12:31 PM GMT+3 Updated 2 hours ago\n"
        "The head of military intelligence resigned on Monday, the army said."
    )
    events = _extract_one(text, "2024-04-22")
    assert list(events["date_text"]) == ["Monday"]


def test_a_pages_title_over_its_standfirst_is_no_event_and_a_date_heading_stays_one():
    """A liveblog's title over its standfirst (no full stop either) and its time stamp: the standfirst reports, the
    title does not. A timeline's first date heading over an entry without a full stop still dates that entry."""
    page = (
        "Middle East crisis live: cabinet approves the ceasefire deal\n"
        "Hostages expected to be released from Sunday; the government will vote later tonight\n"
        "Updated 17 Jan 2025 19.45 GMT\n"
        "The security cabinet recommended on Friday that the government approve the deal."
    )
    events = _extract_one(page, "2025-01-17")
    assert not events["quote"].str.startswith("Middle East crisis live").any()
    assert {"Sunday", "tonight", "Friday"} <= set(events["date_text"])
    listicle = (
        "October 9, 2023\nThe army orders a complete siege of the territory\n\nOctober 13, 2023\nAn order follows."
    )
    assert "2023-10-09" in _extract_one(listicle, "2023-10-20")["date"].dt.strftime("%Y-%m-%d").tolist()


@pytest.mark.parametrize(
    ("sentence", "date_text", "title"),
    [
        (
            "“The directorate did not live up to the task,” Mr. Haliva wrote in a resignation letter "
            "released by the military on Monday.",
            "Monday",
            "Mr. Haliva wrote in a resignation letter released by the military",
        ),
        ("The probe was launched in February by the chief of staff.", "February", "The probe was launched by"),
        # a date past the twelve words a title keeps, in a subordinate clause: what that clause says
        (
            "Gaza's civil defence says Israeli strikes have killed at least 73 people since the deal was announced "
            "on Wednesday, the agency said.",
            "Wednesday",
            "The deal was announced",
        ),
        (
            "Two deaths were recorded in the ward, bringing the total number of cases since the outbreak was "
            "declared on 12 January to 19.",
            "12 January",
            "The outbreak was declared",
        ),
        # … but not one that opens on a pronoun, a gerund or a date: the sentence's start, then
        (
            "The minister said the plan drafted by officials over many months was dropped after it was leaked on "
            "Friday.",
            "Friday",
            "The minister said the plan drafted",
        ),
        (
            "The Israeli military said the chief of its intelligence unit has resigned after taking "
            "responsibility for intelligence failures leading to the attack on October 7.",
            "October 7",
            "The Israeli military said the chief",
        ),
        (
            "The decision of the ruling party to suspend talks on joining the bloc until 2028, announced by the "
            "prime minister on Thursday, is a betrayal.",
            "Thursday",
            "The decision of the ruling party",
        ),
    ],
)
def test_titles(sentence, date_text, title):
    start = sentence.index(date_text)
    assert make_title(sentence, start, start + len(date_text)).startswith(title)


def test_taxonomy_is_editable(tmp_path):
    path = tmp_path / "cats.toml"
    path.write_text('[election]\nkeywords = ["vote", "ballot"]\n', encoding="utf-8")
    taxonomy = load_taxonomy(path)
    assert taxonomy.names == ["election", "other"]
    text = "Voters cast their ballot on Monday."
    assert taxonomy.categorize(text, text.index("Monday"), len(text) - 1) == "election"


def test_places_and_holidays_are_not_actors(seed_events):
    actors = _names(seed_events["actors"])
    places = {p for v in seed_events["places"] for p in v.split("; ") if p}
    assert {"Gaza", "Israel"} <= places
    assert not actors & {"Gaza", "Israel", "Eilat", "Passover", "Simchat Torah"}
    assert {"Aharon Haliva", "Hamas", "IDF"} <= actors


@pytest.mark.parametrize(
    ("sentence", "actors", "places"),
    [
        ("Officials in Cairo and Paris said on June 5, 2023 that the talks failed.", "", "Cairo; Paris"),
        ("Michael Jackson met reporters on June 5, 2023. Mr. Jackson said little.", "Michael Jackson", ""),
        ("Crowds gathered for the Diwali festival on Nov. 12, 2023 in Mumbai.", "", "Mumbai"),
        ("Christmas fell on a Monday in 2023, said Anna Weber.", "Anna Weber", ""),
        # named land and water that no gazetteer lists are places by their kind; an organisation is not
        ("Boats sank in the Niger River and the Gulf of Aden on June 5, 2023.", "", "Niger River; Gulf of Aden"),
        (
            "The World Bank and Mount Sinai Hospital said on June 5, 2023 it was over.",
            "World Bank; Mount Sinai Hospital",
            "",
        ),
        # a built feature is where it happened; a named storm is what happened: neither is an actor
        (
            "A ship struck the Francis Scott Key Bridge on June 5, 2023, said Anna Weber.",
            "Anna Weber",
            "Francis Scott Key Bridge",
        ),
        ("Storm Daniel and Hurricane Helene hit on June 5, 2023, said Anna Weber.", "Anna Weber", ""),
        # a law, a plan or a treaty is what was decided, not who decided it
        (
            "Anna Weber left the Black Sea Grain Initiative and the Treaty of Rome on June 5, 2023.",
            "Anna Weber",
            "",
        ),
        (
            "Gunmen stormed the National Penitentiary on June 5, 2023, said Anna Weber.",
            "Anna Weber",
            "National Penitentiary",
        ),
        ("The World Food Programme said on June 5, 2023 that aid was late.", "World Food Programme", ""),
        # an occasion is when it happened, not who acted; a prosecutor's title is no part of her name
        ("Arsonists hit the rail network before the Paris Olympics on June 5, 2023.", "", ""),
        ("Prosecutor Anna Weber charged the Munich Security Conference's host on June 5, 2023.", "Anna Weber", ""),
        # who is named in a quotation is what was said, not who acted
        (
            'Anna Weber resigned on June 5, 2023, saying she had "failed Carl Berg and the Northern Front."',
            "Anna Weber",
            "",
        ),
        # whom a spokesman speaks for, or what a laureate won, does not act; a leader's organisation does
        ("Northern Front spokesman Carl Berg denied the report on June 5, 2023.", "Carl Berg", ""),
        ("Nobel laureate Anna Weber was sworn in on June 5, 2023.", "Anna Weber", ""),
        # a title word inside an organisation's name is part of it
        ("The Armenian Foreign Ministry protested on June 5, 2023.", "Armenian Foreign Ministry", ""),
        ("A Northern Front spokesman denied the report on June 5, 2023.", "Northern Front", ""),
        ("Northern Front leader Carl Berg ordered the retreat on June 5, 2023.", "Northern Front; Carl Berg", ""),
    ],
)
def test_places_come_from_gazetteers(sentence, actors, places):
    events = _extract_one(sentence, "2024-01-10")
    assert events["actors"].iloc[0] == actors
    assert events["places"].iloc[0] == places


def test_actors_of_a_date_are_the_names_of_its_clause():
    text = "Anna Weber met the envoys on June 5, 2023, who had been sent by Carl Berg."
    events = _extract_one(text, "2023-06-10")
    assert list(events["actors"]) == ["Anna Weber"]


def test_a_date_with_no_name_in_its_clause_takes_none_of_another_dates_names():
    text = "The Northern Front submitted a motion on Wednesday, and a vote is scheduled for Saturday evening.\n"
    events = _extract_one(text, "2024-12-06")
    actors = dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["actors"], strict=True))
    assert actors == {"2024-12-04": "Northern Front", "2024-12-07": ""}


def test_said_on_one_day_links_mentions_of_one_article_only():
    from timeline.corpus import parse_article
    from timeline.events import extract

    one = parse_article(
        "Anna Weber said on June 5, 2023 that the bridge was safe. The ministry said on June 5, 2023 it agreed.",
        "one",
        {"published": "2023-06-06"},
    )
    other = parse_article("Carl Berg said on June 5, 2023 that prices rose.", "other", {"published": "2023-06-06"})
    events = extract([one, other]).set_index("source")
    assert events.loc["one", "event_id"].nunique() == 1  # one article's sayings of one day: one occasion
    assert events.loc["other", "event_id"] not in set(events.loc["one", "event_id"])  # two outlets: two events


def test_a_reference_counts_for_the_event_it_joins():
    from timeline.corpus import parse_article
    from timeline.events import extract

    attack = parse_article(
        "Gunmen attacked Goma on March 3, 2022. It was quiet later.", "wire", {"published": "2022-03-04"}
    )
    resigned = parse_article(
        "The army was in shock. Colonel Jan Novak resigned on March 3, 2022.", "brief", {"published": "2022-03-04"}
    )
    later = parse_article(
        "Eva Bauer's resignation over the March 3, 2022 attack on Goma surprised nobody. "
        "Eva Bauer left office after the March 3, 2022 attack.",
        "review",
        {"published": "2023-01-10"},
    )
    events = extract([attack, resigned, later]).set_index("source")
    assert set(events.loc["review", "event_id"]) == {events.loc["wire", "event_id"]}
    assert events.loc["brief", "headline"] == "Jan Novak resigns"  # not the name a reference to the attack gave
    assert events.loc["wire", "headline"] == "Attack on Goma"  # where the references say, not who they name


def test_a_month_in_a_name_is_a_date_only_where_the_tagger_dates_it():
    text = "The party met. Theresa May resigned on May 24, 2019. In June Boris Johnson won."
    events = _extract_one(text, "2019-07-01")
    assert list(events["actors"]) == ["Theresa May", "Boris Johnson"]


def test_a_weekday_after_of_refers_to_no_known_event():
    from timeline.corpus import parse_article
    from timeline.events import load_taxonomy, parse

    text = "Lawmakers voted to lift the decree in the early hours of Wednesday."
    rows, _ = parse(parse_article(text, "a", {"published": "2024-12-06"}), load_taxonomy())
    assert [r["reference"] for r in rows] == [False]


def test_a_bare_year_after_since_dates_no_event():
    text = "Lawmakers ousted the government on June 5, 2023, the first such vote since 1962. Trusted news since 2009."
    events = _extract_one(text, "2023-06-10")
    assert list(events["date_text"]) == ["June 5, 2023"]


def test_a_time_of_day_before_a_date_is_no_reference_to_a_known_event():
    from timeline.corpus import parse_article
    from timeline.events import load_taxonomy, parse

    text = "Shortly before 3 a.m. on September 11, the dams broke. The fighting since October 7 went on."
    rows, _ = parse(parse_article(text, "a", {"published": "2023-12-01"}), load_taxonomy())
    assert {r["date_text"]: r["reference"] for r in rows} == {
        "3 a.m. on September 11": False,
        "October 7": True,
    }


def test_ranks_are_stripped_and_a_word_is_not_aliased_to_two_names_side_by_side():
    text = (
        "Brigadier General Avi Rosenfeld resigned on June 5, 2023. "
        "Many Israelis Hamas fighters feared were in the tunnels, officials said on June 6, 2023. "
        "Hamas denied it on June 7, 2023, and Hamas said so again on June 8, 2023."
    )
    events = _extract_one(text, "2023-06-10")
    actors = _names(events["actors"])
    assert "Avi Rosenfeld" in actors
    assert "Hamas" in actors and "Israelis Hamas" not in actors


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("According to officials, the vote took place on June 5, 2023.", "other"),
        ("The two sides signed an accord on June 5, 2023.", "negotiation"),
        ("The minister did not resign on June 5, 2023, despite the pressure.", "other"),
        ("In April, reservists urged an end to the war but stopped short of calling for refusal to serve.", "other"),
        ("The general's resignation was accepted on June 5, 2023.", "resignation"),
        ("Militants attacked the base on June 5, 2023.", "attack"),
        ("The attackers fled on June 5, 2023.", "attack"),
        ("A ceasefire took effect on June 5, 2023, after the minister had refused to resign.", "ceasefire"),
        # a clause trailing the date is its own event: the protest came before the suspension
        ("Parliament suspended the council on June 5, 2023 after residents protested.", "other"),
        ("At least 22 people were killed on June 5, 2023 when police opened fire.", "casualties"),
        ("On June 5, 2023, after the vote, protesters marched on parliament.", "refusal"),
        # a reporting verb dates the saying, not a date inside what is said
        ("The ministry said on June 5, 2023 that nothing had changed.", "statement"),
        ("The parties said they would put it to a vote on June 5, 2023.", "other"),
        # what news calls these events, beyond the obvious word
        ("Dockworkers walked off the job on June 5, 2023.", "refusal"),
        ("The two sides agreed a deal on June 5, 2023.", "negotiation"),
        ("Rebels seized the town on June 5, 2023.", "attack"),
        ("The junta seized power on June 5, 2023.", "other"),
        # ", as crowds protested" is what happened around it; ", as expected" is not a clause
        ("Parliament passed a law on June 5, 2023, as thousands protested outside.", "other"),
        ("Rebels attacked the town on June 5, 2023, as expected by officials.", "attack"),
        ("The health secretary was replaced by his deputy on June 5, 2023.", "resignation"),
        # a date heading its line: what follows its dash is what happened
        ("**June 5, 2023** – Gangs launch attacks on police stations.", "attack"),
        ("June 5, 2023 - The minister announces he will resign.", "resignation"),
        # a capitalised "Without" is a name's, no negation
        ("Doctors Without Borders said on June 5, 2023 that its clinic was closed.", "statement"),
        # what a crowd demands is not what happened: the march is
        ("Thousands marched on June 5, 2023 to demand the resignation of the governor.", "refusal"),
        ("Families rallied on June 5, 2023, calling for a deal to free the captives.", "refusal"),
        ("The unions called for a ceasefire on June 5, 2023.", "ceasefire"),
        # what a court dismisses is no one's departure, nor is a flight's; whom a minister dismisses is
        ("The court dismissed her appeal on June 5, 2023.", "other"),
        ("The minister dismissed the claims as lies on June 5, 2023.", "other"),
        ("The minister dismissed his deputy on June 5, 2023.", "resignation"),
        ("The jet was taxiing for departure on June 5, 2023 when it hit a truck.", "other"),
        ("His departure from the cabinet on June 5, 2023 surprised no one.", "resignation"),
        ("The bill raising the retirement age was published on June 5, 2023.", "other"),
        ("The deal, struck at 2:40 a.m., commits them to pay by June 5, 2023.", "negotiation"),
        # a call between two governments is a negotiation's step; speaking with the press is not
        ("The minister spoke with her Moldovan counterpart on June 5, 2023.", "negotiation"),
        ("The ministers discussed energy security on June 5, 2023.", "negotiation"),
        ("The minister spoke with reporters on June 5, 2023.", "other"),
        # what a court blocks is a ruling; what protesters block is a protest
        ("A lower court blocked the ban on June 5, 2023.", "other"),
        ("Protesters blocked roads outside parliament on June 5, 2023.", "refusal"),
        # a clause past a comma of what came before the dated act is not that act
        ("Councillors voted on June 5, 2023 to approve the plan, hours after the mayor stepped aside.", "other"),
        (
            "The army chief decided on June 5, 2023, after the letter became known, to dismiss the pilots.",
            "resignation",
        ),
    ],
)
def test_categories_match_whole_words_and_respect_negation(sentence, category):
    taxonomy = load_taxonomy()
    at = next(i for i in (sentence.find("June 5, 2023"), sentence.find("April")) if i >= 0)
    date = "June 5, 2023" if "June" in sentence else "April"
    assert taxonomy.categorize(sentence, at, at + len(date)) == category


def test_every_keyword_of_the_taxonomy_matches_itself():
    """The keywords are data: each one, written as in the file, must match (an integrity test)."""
    import tomllib
    from importlib import resources

    raw = tomllib.loads(resources.files("timeline").joinpath("categories.toml").read_text(encoding="utf-8"))
    taxonomy = load_taxonomy()
    for name, spec in raw.items():
        assert spec["color"].startswith("#") and len(spec["color"]) == 7
        for keyword in spec["keywords"]:
            text = f"On June 5, 2023 came the {keyword.rstrip('*')}."
            found = {taxonomy.group_category[m.lastgroup] for m in taxonomy.combined.finditer(text)}
            assert taxonomy.names.index(name) in found, (name, keyword)
        for phrase in spec.get("exclude", []):  # an exclusion holds one of its category's keywords
            at, phrase = len("On June 5, 2023 "), phrase.replace("*", "")  # a stem, written as the stem itself
            text = f"On June 5, 2023 {phrase} again."
            inside = [m for m in taxonomy.combined.finditer(text) if at <= m.start() < at + len(phrase)]
            order = taxonomy.names.index(name)
            assert any(taxonomy.group_category[m.lastgroup] == order for m in inside), (name, phrase)
            assert taxonomy.categorize(text, 3, 15) != name, (name, phrase)
        for keyword in spec.get("done_to", []):  # a keyword done to someone is one of its category's keywords
            assert keyword in spec["keywords"], (name, keyword)


def test_a_negation_far_from_the_keyword_does_not_count():
    sentence = "The hostages were not released until the ceasefire on June 5, 2023."
    at = sentence.index("June")
    assert load_taxonomy().categorize(sentence, at, at + len("June 5, 2023")) == "ceasefire"


@pytest.mark.parametrize(
    ("meta", "header", "published", "precision"),
    [
        ({"published": "2025-01"}, "", "2025-01-01", "month"),
        ({"published": "2024"}, "", "2024-01-01", "year"),
        ({}, "Published April 2024\n", "2024-04-01", "month"),
        ({"published": "2025-01-21"}, "", "2025-01-21", "day"),
    ],
)
def test_publication_dates_of_month_or_year_precision(meta, header, published, precision):
    from timeline.corpus import parse_article
    from timeline.events import extract

    text = header + "The truce held on October 9. Talks resumed on Tuesday. Prices rose last month."
    article = parse_article(text, "a", meta)
    assert (str(article.published), article.published_precision) == (published, precision)
    events = extract([article])
    found = _by_date_text(events, "granularity")
    assert found["October 9"] == "day"  # its year from the publication date, whatever its precision
    if precision == "month":
        assert found["Tuesday"] == "month"  # a month-precise publication gives a weekday its month, never a day
    if precision == "year":
        assert "Tuesday" not in found and "last month" not in found
    assert set(events["published_precision"]) == {precision}


def test_an_edition_date_above_the_first_report_dates_nothing():
    """A newsletter's "Friday, March 14, 2025", its publication day, is the edition's date: its bullets' lead-ins
    are not events of that day, and each item is dated by its own words."""
    from timeline.corpus import parse_article
    from timeline.events import extract

    text = (
        "MORNING BRIEFING\nFriday, March 14, 2025\n\nGood morning. Here's what you need to know.\n\n"
        "• Minister out. The economy minister, Marta Kolarova, stepped down on Wednesday.\n"
    )
    events = extract([parse_article(text, "digest", {"published": "2025-03-14"})])
    assert list(zip(events["date"].dt.strftime("%Y-%m-%d"), events["category"], strict=True)) == [
        ("2025-03-12", "resignation")
    ]


def test_a_page_date_label_and_a_table_cell_opening_are_no_event_and_no_actor():
    """ "Still current at: 5 April 2024" above the first report is the page's date; a table cell opens like a
    sentence, so its first word ("Voters") is no name."""
    from timeline.corpus import parse_article
    from timeline.events import extract

    text = (
        "Travel advice\n\nStill current at: 5 April 2024\n\n"
        "| Date | What happened |\n|---|---|\n| Oct. 25, 2020 | Voters back a new constitution in a referendum. |\n"
    )
    events = extract([parse_article(text, "advice", {"published": "2024-04-05"})])
    assert list(events["date"].dt.strftime("%Y-%m-%d")) == ["2020-10-25"]
    assert events["actors"].iloc[0] == ""


def test_who_tells_it_did_not_act():
    """ "according to a report by the Safety Board on Tuesday": the board did not act on the other date."""
    text = "The crane fell on August 22, according to a report published by the Dutch Safety Board on Tuesday."
    events = _extract_one(text, "2024-09-06")
    actors = dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["actors"], strict=True))
    assert actors == {"2024-08-22": "", "2024-09-03": "Dutch Safety Board"}


@pytest.mark.parametrize(
    ("sentence", "categories"),
    [
        # how it is known is not what happened: the report's words are its own date's
        (
            "The crane fell on August 22, according to a preliminary report published on Tuesday.",
            {"2024-08-22": "other", "2024-09-03": "investigation"},
        ),
        ("Prosecutors indicted three accountants on June 5, 2024.", {"2024-06-05": "investigation"}),
    ],
)
def test_categories_of_attributed_and_legal_steps(sentence, categories):
    events = _extract_one(sentence, "2024-09-06")
    assert dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["category"], strict=True)) == categories


def test_a_date_heading_dates_the_paragraphs_under_it():
    from timeline.corpus import parse_article
    from timeline.events import extract

    text = (
        "Timeline: how the war unfolded\n\n"
        "October 7, 2023\n"
        "Hamas fighters broke through the border fence and attacked towns. Hundreds were killed.\n\n"
        "Jan. 21, 2025:\n"
        "The ceasefire took effect after months of talks.\n"
    )
    events = extract([parse_article(text, "listicle", {"published": "2025-02"})])
    assert list(zip(events["date"].dt.strftime("%Y-%m-%d"), events["category"], strict=True)) == [
        ("2023-10-07", "attack"),
        ("2025-01-21", "ceasefire"),
    ]
    assert list(events["date_text"]) == ["October 7, 2023", "Jan. 21, 2025"]


def test_mentions_of_one_date_and_one_actor_are_one_event_whatever_their_category():
    from timeline.corpus import parse_article
    from timeline.events import extract

    wire = parse_article(
        "Gunmen stormed the town of Arkell on March 3, 2022. Residents said the attack lasted hours.\n",
        "wire",
        {"published": "2022-03-05"},
    )
    report = parse_article(
        "Governor Lena Markov said 40 people were killed in Arkell on March 3, 2022, by the Northern Front.\n"
        "The Northern Front also raided a depot on March 3, 2022.\n",
        "report",
        {"published": "2022-03-06"},
    )
    events = extract([wire, report])
    day = events[events["date"] == "2022-03-03"]
    assert set(day["source"]) == {"wire", "report"}
    assert day["event_id"].nunique() == 1  # the attack and the killings: one event, linked by kind and by actor
    assert set(day["category"]) == {"attack"}  # decided once, from the mentions: two attacks, one casualties


def test_the_october_7_attack_is_one_event_in_every_category(seed_events):
    rows = seed_events[(seed_events["date"] == "2023-10-07") & (seed_events["granularity"] == "day")]
    # One seed sentence dates a resignation to that day ("Finkelman … also submitted his resignation on
    # October 7"): a resignation is another event, even on the attack's day; it shares no one with the attack.
    resigned = rows["quote"].str.contains("submitted his resignation on October 7")
    assert resigned.sum() == 1
    attack = rows[~resigned]
    assert len(attack) >= 14
    assert attack["event_id"].nunique() == 1
    assert set(attack["category"]) == {"attack"}
    assert set(rows.loc[resigned, "category"]) == {"resignation"}


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        # the article's headline is not a report, not even of the day it was published
        (
            "Protests spread across the capital over a new bill\n\nPolice detained 60 people on Tuesday.\n",
            {"published": "2024-05-15"},
            [("2024-05-14", "other")],
        ),
        # a columnist's "I" does not report the day's news
        (
            "I have rarely seen a resignation drift as slowly as this one, and I have seen many.\n"
            "He finally resigned on Friday.\n",
            {"published": "2025-07-14"},
            [("2025-07-11", "resignation")],
        ),
        # a caption dates its scene, its credit is not an actor; a picture's own date is not an event
        (
            "Demonstrators march outside parliament on April 16, 2024. (Photo: Ana Ruiz/Reuters)\n"
            "A burned car, in this picture taken on April 2, 2024. (AFP via Getty Images)\n",
            {"published": "2024-05-01"},
            [("2024-04-16", "refusal")],
        ),
        # a liveblog's time line dates its entry by the day of publication
        (
            "Live: floods\n\n14:52\nThe governor said the death toll had risen to 107.\n",
            {"published": "2024-05-08"},
            [("2024-05-08", "casualties")],
        ),
        # a keyword across a semicolon or past another date belongs to that clause
        (
            "The council confirmed the result of the July 28 election; the opposition says it won.\n",
            {"published": "2024-08-09"},
            [("2024-07-28", "other")],
        ),
        (
            "Rain is forecast to return on Friday, the national weather institute warned.\n",
            {"published": "2024-05-08"},
            [("2024-05-10", "other")],
        ),
        # a relative clause is not the dated clause; "but" opens another
        (
            "The case centred on a meeting with envoys in July 2022, at which he attacked the voting machines.\n",
            {"published": "2023-07-03"},
            [("2022-07-01", "negotiation")],
        ),
        (
            "The two sides signed a peace agreement, but voters rejected it in a referendum on Oct. 2, 2016.\n",
            {"published": "2024-03-01"},
            [("2016-10-02", "other")],
        ),
        # a wire's file photo is not news; "Updated at 09.14 BST" dates the entry under it
        (
            "FILE - Supporters chant slogans during a rally in Lahore, March 13, 2023. (AP Photo/K. Chaudary, File)\n"
            "Updated at 09.14 BST\nJapan issued a tsunami warning for its southern islands.\n",
            {"published": "2024-04-03"},
            [("2024-04-03", "statement")],
        ),
    ],
)
def test_document_structure_and_clauses(text, meta, expected):
    from timeline.corpus import parse_article
    from timeline.events import extract

    events = extract([parse_article(text, "a", meta)])
    found = list(zip(events["date"].dt.strftime("%Y-%m-%d"), events["category"], strict=True))
    assert found == expected
    assert not events["actors"].str.contains("Ruiz|Reuters|AFP").any()


def test_actors_of_a_date_come_from_its_clause():
    text = "Muhammad Yunus was sworn in on Thursday, three days after Sheikh Hasina resigned.\n"
    events = _extract_one(text, "2024-08-09")
    actors = dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["actors"], strict=True))
    assert actors["2024-08-08"] == "Muhammad Yunus" and "Yunus" not in actors["2024-08-05"]


def test_coordinated_days_and_long_names():
    text = (
        "The ICRC visited the detainees on 10 and 11 March 2025 to confirm their identities.\n"
        "U.S. Secretary of State Antony Blinken met Luiz Inácio Lula da Silva on March 12, 2025.\n"
    )
    events = _extract_one(text, "2025-03-14")
    assert list(events["date"].dt.strftime("%Y-%m-%d")) == ["2025-03-10", "2025-03-11", "2025-03-12"]
    assert events["actors"].iloc[-1] == "Antony Blinken; Luiz Inácio Lula da Silva"


def test_a_reference_to_a_known_event_takes_its_date():
    from timeline.corpus import parse_article
    from timeline.events import extract

    report = parse_article(
        "Gunmen attacked the border towns on October 7, 2023.\nThe October 7, 2023 attack shocked the country.\n",
        "report",
        {"published": "2023-10-09"},
    )
    later = parse_article(
        "A year and a half after the October 7 attack, reservists signed a letter on Thursday.\n",
        "later",
        {"published": "2025-04-10"},
    )
    events = extract([report, later])
    reference = events[(events["source"] == "later") & (events["date_text"] == "October 7")].iloc[0]
    assert reference["date"] == pd.Timestamp("2023-10-07")  # not 2024-10-07, the nearest October 7 before April 2025
    attack = events[(events["source"] == "report") & (events["category"] == "attack")]
    assert reference["event_id"] in set(attack["event_id"])
    thursday = events[events["date_text"] == "Thursday"].iloc[0]
    assert thursday["category"] == "refusal"  # a letter signed; "the October 7 attack" is the other date's kind


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_the_corpus_step_gathered_in_parts_equals_one_pass(parts):
    """The store gathers the corpus-wide tables in workers, a run of chunks each, and joins them in order."""
    from timeline.corpus import parse_article
    from timeline.events import parse
    from timeline.merge import CorpusStep, mentions_frame, names_frame
    from timeline.schema import sort_events
    from timeline.synthetic import generate, real_paragraphs

    taxonomy = load_taxonomy()
    tables = []
    for a in generate(42, seed=8, real=real_paragraphs(GOLDEN.parent.parent / "seeds")):
        rows, names = parse(parse_article(a.text, a.name, a.meta), taxonomy)
        tables.append((mentions_frame(rows), names_frame({a.name: names})))
    whole = CorpusStep()
    whole.add(pd.concat([r for r, _ in tables], ignore_index=True), pd.concat([n for _, n in tables]))
    joined = CorpusStep()
    size = -(-len(tables) // parts)
    for i in range(0, len(tables), size):
        part = CorpusStep()
        for rows, names in tables[i : i + size]:
            part.add(rows, names)
        joined.update(part)
    expected = sort_events(pd.concat([whole.complete(r.copy(), n) for r, n in tables], ignore_index=True))
    got = sort_events(pd.concat([joined.complete(r.copy(), n) for r, n in tables], ignore_index=True))
    assert expected["event_id"].nunique() < len(expected)  # events of many mentions: the join is put to work
    pd.testing.assert_frame_equal(got, expected)


def test_a_revised_corpus_step_decides_as_a_fresh_count():
    """A store's next build revises the last build's tables: articles that left are taken away, new ones
    added, an article parsed again as it was cancels out, and the events decided are a fresh count's."""
    from timeline.corpus import parse_article
    from timeline.events import parse
    from timeline.merge import CorpusStep, mentions_frame, names_frame
    from timeline.schema import sort_events
    from timeline.synthetic import generate, real_paragraphs

    taxonomy = load_taxonomy()
    tables = []
    for a in generate(42, seed=8, real=real_paragraphs(GOLDEN.parent.parent / "seeds")):
        rows, names = parse(parse_article(a.text, a.name, a.meta), taxonomy)
        tables.append((mentions_frame(rows), names_frame({a.name: names})))

    def joined(parts: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
        return pd.concat([r for r, _ in parts], ignore_index=True), pd.concat([n for _, n in parts])

    before, after = tables[:36], tables[6:]  # six articles left, six came
    revised = CorpusStep()
    revised.add(*joined(before))
    corpus = joined(after)[0]

    def rows_of(spans: set) -> pd.DataFrame:
        return corpus[[span in spans for span in zip(corpus["date"], corpus["date_end"], strict=True)]]

    revised.revise(joined([*tables[:6], tables[10]]), joined([*tables[36:], tables[10]]), rows_of)
    fresh = CorpusStep()
    fresh.add(*joined(after))
    expected = sort_events(pd.concat([fresh.complete(r.copy(), n) for r, n in after], ignore_index=True))
    got = sort_events(pd.concat([revised.complete(r.copy(), n) for r, n in after], ignore_index=True))
    assert expected["event_id"].nunique() < len(expected)  # events of many mentions
    pd.testing.assert_frame_equal(got, expected)
    assert (
        revised.tables.counts == fresh.tables.counts and revised.actors.long_to_acronym == fresh.actors.long_to_acronym
    )


def test_acronym_definitions_are_those_of_the_whole_pattern():
    from timeline.events import ACRONYM_DEFINITION, acronym_definitions

    text = (
        "The Israel Defense Forces (IDF) said. The United Nations Relief and Works Agency (UNRWA) and the "
        "World Health Organization (WHO) replied (WHO) twice; Amnesty (AI) and (NATO) alone. A Very Long Name "
        "Of Seven Capital Words (AVLN), Hamas (HAMAS)(IDF) and (UN) Security Council (UNSC)."
    )
    expected = [(m.span(), m.groups()) for m in ACRONYM_DEFINITION.finditer(text)]
    assert len(expected) == 5
    assert [(m.span(), m.groups()) for m in acronym_definitions(text)] == expected


def test_the_corpus_wide_step_gives_back_the_cycle_collector(seeds_corpus, seed_events):
    import gc

    from timeline.merge import without_cycle_collection

    assert gc.isenabled() and len(seed_events)  # the seeds' events were made with it paused

    @without_cycle_collection
    def broken():
        assert not gc.isenabled()
        raise RuntimeError

    with pytest.raises(RuntimeError):
        broken()
    assert gc.isenabled()  # given back, however the step ended
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            broken()
        assert not gc.isenabled()  # and a caller's own choice is kept
    finally:
        gc.enable()


def test_an_anniversary_column_dates_its_entries_on_its_day():
    text = (
        "On this day: November 9\n\n"
        "1989: Border guards open the crossings in Berlin. The wall had stood since 1961.\n\n"
        "1938: Paramilitaries attack shops across Germany.\n\n"
        "Also on this day, in 1918, the emperor abdicated.\n\n"
        "Born on this day: the astronomer Carl Sagan (1934)."
    )
    events = extract([parse_article(text, "a", {"published": "2024-11-09", "title": "On this day: November 9"})])
    days = dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["granularity"], strict=True))
    assert {d: days.get(d) for d in ("1989-11-09", "1938-11-09", "1918-11-09", "1934-11-09")} == dict.fromkeys(
        ("1989-11-09", "1938-11-09", "1918-11-09", "1934-11-09"), "day"
    )
    assert "1961-01-01" not in days  # a year inside an entry is that year, not the column's day
    # the same entries in an ordinary article are years
    plain = extract([parse_article(text.split("\n", 2)[2], "b", {"published": "2024-11-09"})])
    assert set(plain["granularity"]) == {"year"}


def test_coordinated_clauses_and_a_dated_clause_after_a_comma_are_their_own():
    text = (
        "The company will publish its annual report on Feb. 29 and hold its annual general meeting on April 10. "
        "The line paused all transits on Dec. 18, after one of its ships was struck by a drone two days earlier."
    )
    events = _extract_one(text, "2024-02-08")
    kinds = dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["category"], strict=True))
    assert kinds == {"2024-02-29": "other", "2024-04-10": "other", "2023-12-18": "other", "2023-12-16": "attack"}


def test_a_named_kind_of_place_and_a_war_are_not_actors():
    text = (
        "The institute on Wednesday declared the outbreak in the coastal district of Lower Tamsa over.\n"
        "Ships have sailed around the Cape of Good Hope since December, the carrier said on Thursday.\n"
        "The emperor abdicated on Nov. 9, 1918, two days before the First World War ended."
    )
    events = _extract_one(text, "2024-10-17")
    named, places = _names(events["actors"]), _names(events["places"])
    assert not named & {"Lower Tamsa", "Cape of Good Hope", "First World War"}
    assert {"Lower Tamsa", "Cape of Good Hope"} <= places


def test_a_press_release_boilerplate_is_no_event():
    text = (
        "Nordhavn Shipping lowered its forecast on Thursday.\n\n"
        "About Nordhavn Shipping\n"
        "Nordhavn Shipping A/S is a Danish carrier founded in 1971.\n\n"
        "About the deal\n"
        "The deal was signed on May 3, 2023."
    )
    events = _extract_one(text, "2024-02-08")
    assert sorted(events["date"].dt.strftime("%Y-%m-%d")) == ["2023-05-03", "2024-02-08"]


def test_footnotes_are_no_events_and_their_marks_end_a_sentence():
    text = (
        "Kestania began filling the reservoir in July 2021.[2] Marovia left the commission on 14 March 2023.\n"
        "Notes\n[2] Letter from the water ministry, 9 August 2021."
    )
    events = _extract_one(text, "2024-12-02")
    assert sorted(events["date_text"]) == ["14 March 2023", "July 2021"]
    assert events.set_index("date_text").loc["July 2021", "quote"].endswith("in July 2021.[2]")


def test_a_second_clause_shares_the_subject_but_not_the_verb_of_the_first():
    text = (
        "The probe was launched in February by the army, and is due to be presented in June. "
        "Matos resigned from the government in January 2020 and was arrested on Feb. 3, 2021."
    )
    events = _extract_one(text, "2024-06-14")
    kinds = _by_date_text(events, "category")
    assert kinds == {
        "February": "investigation",
        "June": "investigation",
        "January 2020": "resignation",
        "Feb. 3, 2021": "other",
    }


def test_a_fact_box_line_dates_its_label_and_the_label_is_no_actor():
    text = (
        "Bill tracker: the Data Retention Bill\n\n"
        "Introduced: 16 January 2024\n"
        "Passed the Commons: 26 March 2024\n"
        "Leader: Carla Mendes (general secretary)\n\n"
        "The bill extends the period for which companies must keep communications data and gives new audit powers."
    )
    events = _extract_one(text, "2024-05-10")
    assert sorted(events["date"].dt.strftime("%Y-%m-%d")) == ["2024-01-16", "2024-03-26"]
    assert set(events["actors"]) == {""}  # "Passed the Commons" is what happened, and no undated lead follows


def test_a_report_opening_on_this_day_is_no_anniversary_column():
    text = "On this day last year, the truce collapsed.\nIn 2015, the group was founded in the capital by students."
    events = _extract_one(text, "2024-11-09")
    assert "2015" in set(events["date_text"]) and set(events.loc[events["date_text"] == "2015", "granularity"]) == {
        "year"
    }


def test_a_weekday_before_its_written_date_is_one_date_and_a_company_suffix_can_end_a_sentence():
    text = (
        "The next meeting will be held on Tuesday 11 June 2024. "
        "Yunus was sworn in on Thursday, three days after Hasina resigned. "
        "The council chose the tender from Greenway Play Ltd. The new playground will open in September."
    )
    events = _extract_one(text, "2024-08-09")
    assert sorted(events["date_text"]) == ["September", "Thursday", "Tuesday 11 June 2024", "three days after"]
    assert events.set_index("date_text").loc["September", "actors"] == ""


def test_a_bulletins_label_who_tells_and_a_place_named_by_its_kind_are_not_actors():
    text = (
        "ALERT Mon 3 Jun 14:05 - Flash flood warning for the Upper Tye valley until 20:00.\n"
        "The rights group Fair Watch says that the number of child miners rose from 20,000 in 2019.\n"
        "The Civil Defence Agency said that it cleared the depot on Monday, May 27.\n"
        "Notes to editors\nFair Watch is an independent research organisation founded in 2009."
    )
    events = _extract_one(text, "2024-06-06")
    actors = _by_date_text(events, "actors")
    assert actors["Mon 3 Jun"] == "" and "Upper Tye" in set(events["places"])
    assert actors["2019"] == ""  # the group tells it; "it" cleared the depot, and "it" is the agency
    assert actors["Monday, May 27"] == "Civil Defence Agency"
    assert "2009" not in actors  # a press release's notes to editors are its boilerplate


def test_a_ship_a_clock_s_time_zone_and_a_town_within_a_country_are_not_actors():
    text = (
        "At 0215 UTC on 18 February 2024, the bulk carrier Ostrava was struck about 35 miles south of "
        "Port Vell, Yemen.\n"
        "Rebels seized the cargo ship Northern Light on 19 November 2023.\n"
        "MIT researchers published the study on 3 May 2024, and the talks between Hamas, Israel and Egypt resumed."
    )
    events = _extract_one(text, "2024-06-06")
    actors = _by_date_text(events, "actors")
    assert actors["18 February 2024"] == "" and "Port Vell" in _names(events["places"])
    assert "Northern Light" not in actors["19 November 2023"]  # "the cargo ship" names what was seized
    assert "MIT" in actors["3 May 2024"]  # an acronym that is also a time zone's, with no clock before it


def test_a_diarys_numbered_day_headings_and_a_listings_entries():
    """ "Day 2 — Tuesday 12 March" dates its paragraph as a bare date heading does; a listing's clock time
    stays out of the headline and its short weekday out of the places."""
    diary = (
        "Day 1 — Monday 11 March\nWe loaded the trucks in Przemyśl before dawn.\n\n"
        "Day 2 — Tuesday 12 March\nReached Lviv by noon. An air raid alert sounded overnight.\n"
    )
    listing = (
        "Mon 8 Sep, 6pm — The council holds a public consultation on the library.\n\n"
        "Wed 10 Sep, 7.30pm — Hustings at St Mark's church hall, hosted by the Civic Society.\n"
    )
    events = extract(
        [
            parse_article(diary, "diary", {"published": "2024-03-18"}),
            parse_article(listing, "listing", {"published": "2025-09-08"}),
        ]
    )
    days = by_day(events)
    assert {"2024-03-11", "2024-03-12", "2025-09-08", "2025-09-10"} <= set(days.index)
    assert days.loc["2024-03-11", "places"] == "Przemyśl"
    lviv = days.loc[["2024-03-12"]]
    assert set(lviv["actors"]) == {""} and "Lviv" in set(lviv["places"])  # "Reached Lviv": the place
    assert "attack" not in set(lviv["category"])  # an alert warns of an attack; it is none
    assert days.loc["2025-09-08", "headline"].startswith("The council holds a public consultation")
    assert days.loc["2025-09-08", "places"] == ""  # "Mon" is the date's, not Myanmar's Mon State
    assert "St Mark" in days.loc["2025-09-10", "places"] and days.loc["2025-09-10", "actors"] == "Civic Society"


def test_a_trailing_clause_with_its_own_date_a_quarters_results_and_a_surname_with_its_particle():
    text = (
        "The league's panel on Wednesday suspended striker Luca Ferri for six matches after he confronted a "
        "referee at the end of Sunday's derby.\n"
        "The company will report fourth-quarter results on Feb. 27.\n"
        "Pieter van Dam, 61, was convicted on four counts. Prosecutors said van Dam accepted bribes in 2019.\n"
        "Vexa first approached the company in November with an offer of 42 kroner a share.\n"
    )
    events = _extract_one(text, "2025-02-19")
    by_text = events.set_index("date_text")
    assert by_text.loc["Wednesday", "category"] == "other"  # the confronting is Sunday's
    assert "fourth-quarter" not in by_text.index  # which results, not when
    assert by_text.loc["2019", "actors"] == "Pieter van Dam"  # not "Dam"
    assert by_text.loc["2019", "category"] == "other"  # what prosecutors said happened, not their saying it
    assert by_text.loc["November", "category"] == "negotiation"


def test_a_headline_names_who_did_it_not_whoever_the_sentence_names():
    """The template's actor is the doer of the category's keyword: not the one who accepted a resignation, who
    told of an attack, who was struck, or to whom something was done."""
    text = (
        "Prime Minister Dina Moreau accepted the resignation of her interior minister on Monday.\n"
        "Finance Minister Jonas Reiter resigned on Tuesday after a row over the budget.\n"
        "Missiles struck Kharkiv on Wednesday, the mayor, Ihor Terekhov, said.\n"
        "The United States and Britain began air strikes on Houthi targets in Yemen on Jan. 12.\n"
        "The truce, brokered by Egypt, took effect on Sunday.\n"
        "King Felipe VI was confronted by angry residents during a visit to Paiporta on November 3.\n"
        "Chancellor Olaf Scholz dismissed Finance Minister Christian Lindner on 6 November.\n"
        "On 9 December the board fired Tarvo Logistics chief executive Maren Holt.\n"
    )
    events = _extract_one(text, "2025-01-23")
    headline = _by_date_text(events, "headline")
    assert headline["Monday"] != "Dina Moreau resigns"  # the clause itself, then
    assert headline["Tuesday"] == "Jonas Reiter resigns"
    assert "Terekhov" not in headline["Wednesday"]
    assert not headline["Jan. 12"].startswith("Houthi")
    assert headline["Sunday"] == "Egypt ceasefire"
    assert "Felipe" not in headline["November 3"]
    assert headline["6 November"] == "Christian Lindner resigns"  # "dismissed" is done to the one after it
    assert headline["9 December"] == "Maren Holt resigns"  # an organisation and a post before the one it was done to


def test_a_name_after_in_or_ending_in_a_kind_of_place_is_a_place():
    text = (
        "Candidates debated in Riverside East on 10 September, hosted by the Civic Society.\n"
        "The council agreed on 2 May to repair the culvert under Mill Lane.\n"
    )
    events = _extract_one(text, "2025-09-12")
    by_text = events.set_index("date_text")
    assert by_text.loc["10 September", "places"] == "Riverside East"
    assert "Civic Society" in by_text.loc["10 September", "actors"]
    assert by_text.loc["2 May", "places"] == "Mill Lane" and by_text.loc["2 May", "actors"] == ""


def test_a_listings_time_between_its_date_and_dash_leaves_the_entry_the_dates():
    text = "Thu 11 Sep, all day — Bus drivers at the depot strike over pay.\n\nSat 13 Sep, 10am–4pm — Food fair.\n"
    events = _extract_one(text, "2025-09-08")
    assert events.set_index("date_text").loc["Thu 11 Sep", "category"] == "refusal"


def test_a_kind_links_articles_on_a_day_but_not_over_a_month_or_a_year():
    articles = [
        parse_article("Prime Minister Milos Vucevic resigned in January.", "a", {"published": "2025-02-10"}),
        parse_article("Chief executive Ingrid Lund resigned on January 20.", "b", {"published": "2025-01-21"}),
        parse_article("Rebels attacked the northern town in March 2024.", "c", {"published": "2024-05-01"}),
        parse_article("An attack hit the southern port in March 2024.", "d", {"published": "2024-05-02"}),
        parse_article("Gunmen attacked the border post on 4 May 2024.", "e", {"published": "2024-05-05"}),
        parse_article("Troops repelled an attack on the post on 4 May 2024.", "f", {"published": "2024-05-06"}),
    ]
    ids = extract(articles).set_index("source")["event_id"]
    assert ids["a"] != ids["b"]  # a month mention that names someone is not another's resignation that month
    assert ids["c"] != ids["d"]  # two outlets' attacks "in March" are one event only if they share who took part
    assert ids["e"] == ids["f"]  # an attack on one day is one event


def test_a_title_of_honour_and_a_model_number_are_no_names_and_later_in_the_month_is_a_date():
    text = (
        "Its chair, Dame Diana Johnson, said on 28 May that the inquiry had found failings.\n"
        "The incident involved an ATR 72 operated by Nordic Air on 3 May 2024.\n"
        "The Foreign Affairs Committee travels to Kyiv later in the month.\n"
    )
    events = _extract_one(text, "2024-06-03")
    by_text = events.set_index("date_text")
    assert by_text.loc["28 May", "actors"] == "Diana Johnson"
    assert by_text.loc["3 May 2024", "actors"] == "Nordic Air"
    assert by_text.loc["later in the month", "date"] == pd.Timestamp("2024-06-01")


def test_the_one_pass_keyword_search_finds_what_each_category_finds():
    """The search grouped by first letter is the plain alternation of every category in order: same places,
    same keyword, same category (the earliest whose keyword matches there)."""
    taxonomy = load_taxonomy()
    plain = "|".join(f"(?P<c{k}>{pattern.pattern[2:]})" for k, (_, pattern, _) in enumerate(taxonomy.categories))
    reference = re.compile(rf"\b(?:{plain})", re.IGNORECASE)
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text += " Counter-attacks, a truce-breaking ATTACK, résignations; an explosion. Strikes over pay."
    expected = [(m.span(), int(m.lastgroup[1:])) for m in reference.finditer(text)]
    assert len(expected) > 50
    assert [(m.span(), taxonomy.group_category[m.lastgroup]) for m in taxonomy.combined.finditer(text)] == expected
    lowered = text.lower()
    assert [(m.span(), taxonomy.group_category[m.lastgroup]) for m in taxonomy.lowercase.finditer(lowered)] == expected


def test_a_yearless_date_after_publication_is_not_moved_to_a_known_day_of_another_year():
    """The corpus knows 14 October 2025 well; "released on bail until 14 October" in a September 2024 article is
    that October's, neither moved to 2025 nor joined to its event."""
    later = (
        "On Oct. 14, 2025, the Red Cross said it had received the bodies of four hostages.\n\n"
        "The bodies were received on Oct. 14, 2025, officials said, and four more were killed on Oct. 14, 2025.\n"
    )
    article = "A man was arrested on Sunday. He has been released on bail until 14 October while enquiries continue.\n"
    events = extract(
        [
            parse_article(later, "b", {"published": "2025-10-20"}),
            parse_article(article, "a", {"published": "2024-09-16"}),
        ]
    )
    bail = events[(events["source"] == "a") & events["quote"].str.contains("bail")].iloc[0]
    assert bail["date"] == pd.Timestamp("2024-10-14")
    assert bail["category"] == "other"
    assert bail["event_id"] not in set(events.loc[events["source"] == "b", "event_id"])


def test_an_event_a_date_is_set_against_is_not_its_kind():
    """ "On Monday, a day before the walkout": the walkout is Tuesday's; Monday's is the offer."""
    events = _extract_one("Sund offered to drop the fuel tax on Monday, a day before the walkout.\n", "2025-03-12")
    assert _rows(events, "2025-03-10").iloc[0]["category"] == "negotiation"


def test_a_paper_that_reports_is_not_an_actor():
    """ "The Morning Post says President Henrik Dahl will meet …": Dahl meets; the paper tells it."""
    text = "The Morning Post says President Henrik Dahl will meet the leaders of all six parties on Thursday.\n"
    row = _rows(_extract_one(text, "2025-03-12"), "2025-03-13").iloc[0]
    assert "Henrik Dahl" in row["actors"] and "Morning Post" not in row["actors"]


def test_a_criminal_charge_is_an_investigation():
    events = _extract_one("Two men were charged with attempted murder on 2 August.\n", "2024-09-16")
    assert _rows(events, "2024-08-02").iloc[0]["category"] == "investigation"


def test_the_day_after_a_date_in_apposition_dates_what_follows():
    """ "On 29 April, the day after the blockade ended": the meeting is the 29th, the blockade's end the 28th."""
    text = "I met the farmers' union on 29 April, the day after the blockade ended.\n"
    events = _extract_one(text, "2025-06-13")
    assert _rows(events, "2025-04-29").iloc[0]["category"] == "negotiation"
    assert _rows(events, "2025-04-28").iloc[0]["category"] == "refusal"
    assert _rows(events, "2025-04-30").empty


def test_what_the_subject_did_before_or_after_in_a_gerund_is_not_the_dates_kind():
    text = "She spoke to the Tribune on Thursday, before flying to Geneva for the next round of talks.\n"
    assert _rows(_extract_one(text, "2025-06-13"), "2025-06-12").iloc[0]["category"] == "statement"


def test_a_speaker_label_is_not_part_of_the_headline():
    """A transcript's "Varga: …" or a rubric's "Claim: …" opens the line, not the headline."""
    sentence = "Varga: Because the first offer we received, on 11 February, was not acceptable."
    start = sentence.index("11 February")
    title = make_title(sentence, start, start + len("11 February"))
    assert title.startswith("Because the first offer") and "Varga" not in title


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The engine was sent to the manufacturer, Pratt & Whitney Canada, for examination.",
            ["Pratt & Whitney Canada"],
        ),
        ("Marks & Spencer said it would close 14 stores.", ["Marks & Spencer"]),
        ("The fighting between Israel & Hamas resumed.", ["Israel", "Hamas"]),  # a country and a party
    ],
)
def test_a_firm_named_with_an_ampersand_is_one_name(sentence, names):
    assert [name for name, _, _ in _candidates(sentence)] == names


def test_a_span_of_days_is_one_event_and_two_days_named_are_two():
    text = (
        "Prisoner exchange talks, held in Istanbul on 11-12 February, ended without agreement.\n"
        "The trade fair ran from 3 to 5 March.\n"
        "Inspectors visited the site on 10 and 11 March.\n"
    )
    events = _extract_one(text, "2025-03-20")
    spans = list(zip(events["date"].dt.strftime("%m-%d"), events["date_end"].dt.strftime("%m-%d"), strict=True))
    assert spans == [("02-11", "02-12"), ("03-03", "03-05"), ("03-10", "03-10"), ("03-11", "03-11")]
    assert set(events["granularity"]) == {"day"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The board said Chief Executive Officer Ellen Marsh will step down on April 30.", "Ellen Marsh"),
        ("Chief Operating Officer Rafael Ortiz takes over on May 1.", "Rafael Ortiz"),
        ("Army Chief Herzl Avram resigned on April 30.", "Herzl Avram"),
        (
            "Ellen Marsh will retire. Under Marsh, who became chief executive in January 2014, the carrier grew.",
            "Ellen Marsh",
        ),
        ("Harbor Freightways Inc. (NYSE: HFW) said on April 30 that it had sold two ships.", "Harbor Freightways Inc"),
    ],
)
def test_a_post_a_preposition_and_a_ticker_are_not_part_of_a_name(text, actor):
    """ "Chief Executive Officer" is a post, "Under" opens a phrase, "(NYSE: HFW)" lists a company's shares."""
    events = _extract_one(text, "2025-05-02")
    assert events["actors"].iloc[0] == actor


def test_a_common_word_opening_a_sentence_is_no_name():
    """A sentence's opening word that its article also writes in lower case is a common noun there, however
    another article uses it in a name; a number is never a name; an institution keeps its capital."""
    named = parse_article(
        "Brannock Water said on March 1, 2025 that supplies were safe.", "b", {"published": "2025-03-02"}
    )
    text = (
        "Water testing carried out by the district water board on March 3, 2025 found contamination. "
        "Two deaths were recorded on March 4, 2025. "
        "Parliament passed the emergency bill on March 5, 2025, and the parliament will sit again in April. "
        "Critics in Parliament, and some allies in Parliament, called the vote rushed."
    )
    events = extract([named, parse_article(text, "a", {"published": "2025-03-06"})])
    actors = _by_date_text(events[events["source"] == "a"], "actors")
    assert actors["March 3, 2025"] == ""
    assert actors["March 4, 2025"] == ""
    assert actors["March 5, 2025"] == "Parliament"


def test_a_liveblog_entry_stamped_with_its_day_gives_one_row_from_its_report():
    """ "Today 9:12 am" dates its entry; the entry's own headline line is skipped for its report, the entry
    gives one row, and a credit line after the last entry gives none."""
    text = (
        "Live: reservists' letter draws new signatures\n\n"
        "Today 9:12 am\nChief of staff says signatories will be dismissed\n\n"
        "Army chief Eyal Marom says reservists who signed the letter will not be allowed to keep serving.\n\n"
        "The army adds that the use of the title of reservist for political purposes is unacceptable.\n\n"
        "Yesterday 11:40 pm\nPrime Minister Dana Levin says the letter was written by a small group of retirees.\n\n"
        "Agencies contributed to this report.\n"
    )
    events = extract([parse_article(text, "live", {"published": "2025-04-10"})])
    assert list(events["date"].dt.strftime("%Y-%m-%d")) == ["2025-04-09", "2025-04-10"]
    assert events.iloc[1]["quote"].startswith("Army chief Eyal Marom says")
    assert "resignation" not in set(events["category"])  # "retirees" are people, not a resignation


def test_a_listicle_entry_dating_only_a_known_day_before_it_is_dated_by_its_heading():
    text = (
        "Timeline: the war, from the attack to the truce\n\n"
        "April 22, 2024\nThe head of military intelligence, Major General Aviv Koren, resigns, becoming the first "
        "senior figure to quit over the failures of October 7.\n\n"
        "May 6, 2024\nOur next convoy leaves on May 9.\n"
    )
    events = extract([parse_article(text, "list", {"published": "2025-01-19"})])
    days = by_day(events)
    assert days.loc["2024-04-22", "headline"] == "Aviv Koren resigns"
    assert "2024-05-06" not in days.index  # a date after the heading is the entry's own: no second row
    assert "2023-10-07" in days.index  # the day it looks back to, before its heading


def test_a_span_up_to_now_a_signpost_and_a_landmark_a_few_words_away_date_no_event_of_their_kind():
    text = (
        "Key events since gunmen attacked the border posts\n\n"
        "Here are the key events since gunmen attacked the border posts in the north of the country.\n\n"
        '"For the past year and a half I have carried this responsibility," the general told the committee.\n\n'
        "Tomas Varga, 57, became chief of staff in January 2023, less than a year before the attack.\n\n"
        "The handover came days after the army published the findings of its internal investigations, which "
        "concluded on February 27 that the army had failed.\n"
    )
    events = extract([parse_article(text, "explainer", {"published": "2025-03-05"})])
    assert list(events["date"].dt.strftime("%Y-%m")) == ["2023-01", "2025-02"]
    assert list(events["category"]) == ["other", "investigation"]


def test_a_name_made_an_adjective_names_who_led_not_who_backed():
    assert [n for n, _, _ in _candidates("The Hamas-led attack killed hundreds.")] == ["Hamas"]
    assert [n for n, _, _ in _candidates("Iran-backed Houthi rebels fired missiles.")] == ["Houthi"]
    assert _candidates("A US-brokered truce held.") == []


@pytest.mark.parametrize(
    ("sentence", "date", "title"),
    [
        (
            "- The cabinet voted on March 21 to dismiss him, but a court froze it.",
            "March 21",
            "The cabinet voted to dismiss him",
        ),
        (
            "His resignation will take effect on March 6, he said in a letter to the minister.",
            "March 6",
            "His resignation will take effect",
        ),
    ],
)
def test_a_title_leaves_out_a_bullet_and_who_said_it(sentence, date, title):
    at = sentence.index(date)
    assert make_title(sentence, at, at + len(date)) == title


def test_a_plain_keyword_ending_in_e_takes_s_and_d_not_es():
    taxonomy = load_taxonomy()
    assert taxonomy.categorize("Some 970 reservists and retirees sign a letter on Monday.", 0, 0) != "resignation"
    assert taxonomy.categorize("The general retired on Monday.", 0, 0) == "resignation"


def test_who_tells_of_another_subject_did_not_do_it():
    text = "Governor Eduardo Leite said on Wednesday the death toll had risen to 107."
    events = extract([parse_article(text, "flood", {"published": "2024-05-08"})])
    assert events.iloc[0]["category"] == "casualties"
    assert not events.iloc[0]["headline"].startswith("Casualties: ")  # he told of the dead; he is none


def test_a_day_named_by_what_it_was_joins_that_days_event_and_the_entry_is_dated_by_its_stamp():
    """ "Hamas's 7 October attack" and, long after it, "the military's failure on 7 October 2023" name a known
    day: they join its event and bring no names to its headline; a liveblog entry whose report names only such
    a day is dated by its stamp too."""
    wire = "Hamas gunmen attacked Israeli towns on October 7, 2023, killing about 1,200 people.\n"
    live = (
        "Live: army chief resigns\n\n"
        "12.47 GMT\nArmy chief resigns\n\n"
        "Army chief Tal Ronen has announced he is resigning over the failures surrounding Hamas's 7 October attack, "
        "the army said.\n\n"
        "13.30 GMT\nTal Ronen said he takes responsibility for the military's failure on 7 October 2023.\n"
    )
    events = extract(
        [
            parse_article(wire, "wire", {"published": "2023-10-08"}),
            parse_article(live, "live", {"published": "2025-01-21"}),
        ]
    )
    day = events[events["date"] == "2023-10-07"]
    assert set(day["event_id"]) == {day.iloc[0]["event_id"]} and len(day) == 3
    assert "Tal Ronen" not in day.iloc[0]["headline"]
    assert set(events.loc[events["source"] == "live", "date"].dt.strftime("%Y-%m-%d")) == {"2023-10-07", "2025-01-21"}


def test_a_questions_opening_verb_a_footnote_mark_and_a_teller_who_tells_of_himself():
    text = (
        "Has Israel's cabinet approved the deal? The cabinet voted on Friday.\n\n"
        "Some 41 reservists announced on 10 June 2025 that they would refuse to serve.[7]\n\n"
        "Army chief Tal Ronen announced on Monday that he will step down on June 15.\n"
    )
    events = extract([parse_article(text, "page", {"published": "2025-06-16"})])
    assert "Has Israel" not in _names(events["actors"])
    assert [n for n, _, _ in _candidates("Will Smith and Do Kwon arrived.")] == ["Will Smith", "Do Kwon"]
    assert "[7]" not in " ".join(events["title"])
    june = events[events["date"] == "2025-06-15"].iloc[0]
    assert "Tal Ronen" in june["actors"]


def test_a_places_own_body_acts_and_a_family_name_written_first_is_its_persons():
    """ "South Korea's National Assembly voted": the place and the body that acted; "Yoon" further on is the
    "Yoon Suk Yeol" the article names, but "Israel" is never "Israel Katz"; a suspension is no resignation."""
    text = (
        "South Korea's National Assembly voted on Saturday to impeach President Yoon Suk Yeol, suspending him "
        "from office.\n\nYoon declared martial law late on Dec. 3.\n\n"
        "Defence Minister Israel Katz met the envoy on Dec. 4. Israel said on Dec. 5 it would reply.\n"
    )
    events = extract([parse_article(text, "seoul", {"published": "2024-12-14"})])
    days = by_day(events)
    assert days.loc["2024-12-14", "actors"] == "National Assembly; Yoon Suk Yeol"
    assert days.loc["2024-12-14", "places"] == "South Korea"
    assert days.loc["2024-12-14", "category"] != "resignation"
    assert days.loc["2024-12-03", "actors"] == "Yoon Suk Yeol"
    assert "Israel Katz" not in days.loc["2024-12-05", "actors"]


def test_a_month_mention_naming_who_took_part_joins_the_day_he_did_it():
    events = extract(
        [
            parse_article("Pavel Orlov resigned in March 2023. Vera Lind resigned in March 2023.", "month", {}),
            parse_article("On March 14, 2023, Pavel Orlov resigned.", "day", {"published": "2023-04-01"}),
        ]
    )
    orlov = events[events["quote"].str.contains("Orlov")]
    assert orlov["event_id"].nunique() == 1 and set(orlov["granularity"]) == {"month", "day"}
    lind = events[events["quote"].str.contains("Lind")]
    assert lind.iloc[0]["event_id"] not in set(orlov["event_id"])  # another's resignation that month is her own


def test_a_count_made_this_year_an_about_section_and_a_hyphenated_title_date_no_event():
    text = (
        "The central bank lowered interest rates for the fourth time this year on Thursday.\n\n"
        "President-elect Dana Ruiz and Speaker Mike Olsen met on Dec. 3.\n\n"
        "About Northwind Health\nFounded in 1998, Northwind Health operates 40 clinics.\n"
    )
    events = extract([parse_article(text, "brief", {"published": "2024-12-12"})])
    assert list(events["date"].dt.strftime("%Y-%m-%d")) == ["2024-12-03", "2024-12-12"]
    assert events.iloc[0]["actors"] == "Dana Ruiz; Mike Olsen"


@pytest.mark.parametrize(
    ("sentence", "date", "title"),
    [
        (
            "Israel launches a ground invasion of northern Gaza on October 27 amid a near-total communications "
            "blackout.",
            "October 27",
            "Israel launches a ground invasion of northern Gaza",
        ),
        (
            "Toledo, a former World Bank economist, was extradited from the United States on Monday after a "
            "years-long legal battle.",
            "Monday",
            "Toledo was extradited from the United States after a years-long legal battle",
        ),
        (
            "Maj. Gen. Yaron Tal also submitted his resignation on Tuesday, stating that he had failed.",
            "Tuesday",
            "Maj. Gen. Yaron Tal also submitted his resignation",
        ),
        (
            "On this day, Kaiser Wilhelm II abdicated, two days before the armistice that ended the First World War.",
            "this day",
            "Kaiser Wilhelm II abdicated, two days before the armistice that ended…",
        ),
        (
            "General Lena Ostrova, who took office on March 5, backed the decision.",
            "March 5",
            "General Lena Ostrova took office",
        ),
        (
            "Maj. Gen. Yaron Tal, who heads the Northern Command, submitted his resignation on Tuesday.",
            "Tuesday",
            "Maj. Gen. Yaron Tal submitted his resignation",
        ),
    ],
)
def test_a_long_title_ends_where_the_act_does(sentence, date, title):
    """Not at its twelfth word: before the circumstances ("amid …"), without who the doer is (", a former …,"),
    and before what was said of it ("…, stating that …"); "two days before" is when, and stays."""
    at = sentence.index(date)
    assert make_title(sentence, at, at + len(date)) == title


def test_what_a_closing_attribution_told_on_its_day_and_a_day_named_again():
    """ "X has resigned over the attack last October, the army announced on Monday": a resignation on Monday,
    by X; "Two days earlier, on Sunday" is one day, Sunday; "investigations into October 7" in a later
    article refer to the day the corpus knows."""
    wire = "Gunmen attacked border towns on October 7, 2023, the army said.\n"
    text = (
        "Published date: 22 April 2024 11:47 BST\n\n"
        "Military intelligence chief Avi Koren has resigned over his role in failing to prevent the attack last "
        "October, the army announced on Monday.\n\n"
        "Army chief Tal Ronen on Tuesday submitted his resignation, effective March 6. Two days earlier, on "
        "Sunday, the truce took effect.\n\n"
        "He says the army's investigations into October 7 will be completed by early March.\n"
    )
    events = extract([parse_article(wire, "wire", {"published": "2023-10-08"}), parse_article(text, "page", {})])
    page = events[events["source"] == "page"]
    page = page.set_index(page["date"].dt.strftime("%Y-%m-%d"))
    assert page.loc["2024-04-22", "headline"] == "Avi Koren resigns"
    assert "2024-04-21" in page.index and "2024-03-04" not in page.index  # Sunday; not two days before March 6
    assert "2023-10-07" in page.index and not any(page.index.str.endswith("-10-07") & (page.index != "2023-10-07"))


def test_an_open_letter_is_a_petition_and_a_month_mention_joins_it():
    text = (
        "In April, about 1,000 air force veterans signed a letter calling for a deal to free the hostages.\n\n"
        "On April 10, some 970 reservists published an open letter in newspaper advertisements.\n"
    )
    events = extract([parse_article(text, "wire", {"published": "2025-06-11"})])
    assert set(events["category"]) == {"refusal"}
    assert events["event_id"].nunique() == 1  # "in April" is the one letter of that month


def test_who_said_something_of_an_event_does_not_headline_it():
    """A mention of a weak kind ("Levin said the letter was written by …") names a statement's doer, not the doer of
    the protest it joins; an event of a weak kind takes every mention's."""
    from timeline.merge import WEAK_DOER, _doers, _Event

    names = {WEAK_DOER + "Dana Levin": 2, "Israeli Air Force": 1}
    assert _doers(_Event("c:refusal", "refusal", names, {}, "")) == {"Israeli Air Force": 1}
    assert _doers(_Event("c:statement", "statement", names, {}, "")) == {"Dana Levin": 2, "Israeli Air Force": 1}


def test_a_chronology_without_a_publication_date_dates_its_entries():
    """A month's chronology with no manifest date: its entries take the year the page wrote; an entry whose
    dates lie after its heading's day, past a comma, is the heading's day too ("resigns, effective 6 March"); a
    month is never a place; the page's words about itself give no row."""
    text = (
        "Chronology of the crisis (March 2024)\n\n"
        "This chronology covers the period from 1 March 2024 to 31 March 2024.\n\n"
        "4 March\nGeneral Lena Ostrova announces her resignation, effective 6 April.\n\n"
        "9 March\nThe cabinet approves the budget, which the parliament passes the next morning.\n"
    )
    events = extract([parse_article(text, "chronology")])
    days = dict(zip(events["date"].dt.strftime("%Y-%m-%d"), events["category"], strict=True))
    assert days == {
        "2024-03-04": "resignation",
        "2024-04-06": "resignation",
        "2024-03-09": "other",
        "2024-03-10": "other",
    }
    assert "April" not in ";".join(events["places"])


def test_a_relative_clause_names_no_doer_and_a_retired_soldier_is_no_resignation():
    text = (
        "Generals quit\n\n"
        "Maj. Gen. Yaron Tal, who heads the Northern Command, submitted his resignation on Tuesday.\n\n"
        "MG Dan Orev resigned on Monday.\n\n"
        "Hundreds of reservists and retired soldiers signed letters on Wednesday calling for a deal."
    )
    events = _extract_one(text, "2025-01-23")
    days = by_day(events)
    assert days.loc["2025-01-21", "headline"] == "Yaron Tal resigns"
    assert days.loc["2025-01-20", "actors"] == "Dan Orev"
    assert days.loc["2025-01-22", "category"] == "refusal"


def test_a_yearless_landmark_in_a_later_article_joins_the_day_the_corpus_knows():
    """ "the agency's failure on October 7" in an undated 2025 statement is the day other articles date in 2023."""
    known = parse_article(
        "Border attack\n\nGunmen attacked the border town on October 7, 2023, killing dozens.",
        "a",
        {"published": "2023-10-08"},
    )
    later = parse_article(
        "Statement\n\n21.01.2025\n\nThe director accepted responsibility for the agency's failure on October 7.", "b"
    )
    events = extract([known, later])
    mine = events[events["source"] == "b"]
    assert "2023-10-07" in set(mine["date"].dt.strftime("%Y-%m-%d"))


def test_an_event_told_by_several_outlets_takes_its_best_told_title_and_an_acronym_stays_itself():
    """With no name or place for its template, an event's headline is the whole, headline-length clause of
    one of its mentions, not the first source's cut sentence; "IDF" is not "IDF Northern Command"."""
    first = parse_article(
        "Truce\n\nHis resignation came after a truce deal came into effect on Sunday, pausing fifteen months of "
        "a war that has killed tens of thousands of people, according to the health ministry.",
        "a",
        {"published": "2025-01-21"},
    )
    second = parse_article(
        "Truce\n\nJan 19 - The truce takes effect; three hostages are released.", "b", {"published": "2025-01-20"}
    )
    third = parse_article(
        "Commanders\n\nThe head of the IDF Northern Command resigned on Monday. "
        "The IDF said on Monday it regretted it.",
        "c",
        {"published": "2025-01-21"},
    )
    events = extract([first, second, third])
    truce = events[events["category"] == "ceasefire"]
    assert set(truce["headline"]) == {"The truce takes effect"}
    said = events[events["category"] == "statement"]
    assert "IDF Northern Command" not in ";".join(said["actors"])


def test_the_pages_outlet_told_or_reporting_is_no_actor_and_a_wires_signpost_gives_no_row():
    """ "an official told CNN" on CNN's page: CNN tells, it does not act; a press release's issuer, its
    outlet too, still acts ("Westshire Police said …")."""
    text = (
        "Live updates\n\nJan 19 (Wire) - Here is a timeline of key events:\n\n"
        "Hamas named three hostages on Sunday, an official told CNN.\n\n"
        "CNN reported on Saturday that the talks had stalled."
    )
    events = extract([parse_article(text, "a", {"published": "2025-01-19", "outlet": "CNN"})])
    assert list(events["date_text"]) == ["Saturday", "Sunday"]
    assert "CNN" not in ";".join(events["actors"])
    release = "Appeal\n\nWestshire Police said on Monday that the road had reopened."
    police = extract([parse_article(release, "b", {"published": "2025-01-21", "outlet": "Westshire Police"})])
    assert police["actors"].tolist() == ["Westshire Police"]


def test_a_place_joined_to_what_brought_them_there_is_the_place_and_an_almanacs_signpost_no_event():
    text = (
        "2023 in Portugal\n\nEvents in the year 2023 in Portugal.\n\n"
        "1 August – The pope arrives in Lisbon for World Youth Day."
    )
    events = extract([parse_article(text, "a")])
    assert list(events["date_text"]) == ["1 August"]
    assert events["places"].iloc[0] == "Lisbon"


def test_a_landmark_named_by_its_noun_is_a_day_that_has_been_and_a_party_leaving_a_coalition_resigns():
    """ "owning the army's failure on October 7" in a January newsletter: last October, not next; "will report its
    results on April 24" is still to come.  Leaving the coalition is a departure, whatever it protests."""
    text = (
        "The week\n\nOn Tuesday, the general told the minister he would step down in March, owning the army's "
        "failure on October 7.\n\nThe firm will report its results on April 24.\n\n"
        "The far-right party pulled out of the coalition on Sunday in protest at the deal."
    )
    events = _extract_one(text, "2025-01-24")
    days = dict(zip(events["date_text"], events["date"].dt.strftime("%Y-%m-%d"), strict=True))
    assert (days["October 7"], days["April 24"]) == ("2024-10-07", "2025-04-24")
    assert events.set_index("date_text").loc["Sunday", "category"] == "resignation"


def test_ratifying_a_deal_is_negotiation():
    taxonomy = load_taxonomy()
    assert taxonomy.categorize("The full government ratifies it early the next morning.", 0, 0) == "negotiation"


def test_a_translation_restating_its_day_and_saying_on_his_resignation_still_names_the_doer():
    """ "announced today (Tuesday) his resignation": one day, and the resignation is his; "will finish his role
    on 6.3.2025" is a departure too."""
    text = (
        "The chief resigns\n\nLieutenant General Dan Orev announced today (Tuesday) his resignation.\n\n"
        "Major General Eli Sand announced today on his resignation. According to him, he will finish his role "
        "on 6.3.2025."
    )
    events = _extract_one(text, "2025-01-21")
    assert set(events["category"]) == {"resignation"}
    assert set(events.loc[events["date_text"] == "today", "headline"]) == {"Dan Orev resigns"}


def test_a_liveblog_with_full_stamps_dates_each_entry_by_its_stamp():
    """ "Tue 21 Jan 2025 16.05 GMT" over each entry: furniture as a stamp, and the day of the report under it;
    a page with one stamp under its title is no liveblog."""
    text = (
        "War live: army chief resigns\n\n"
        "Tue 21 Jan 2025 16.05 GMT\nThe army chief, Dan Orev, has resigned over the failures of 7 October 2023.\n\n"
        "Mon 20 Jan 2025 12.10 GMT\nThe finance minister, Eli Sand, has resigned, the ministry said.\n"
    )
    events = extract([parse_article(text, "live")])
    resigned = events[events["category"] == "resignation"]
    assert {"2025-01-20", "2025-01-21"} <= set(resigned["date"].dt.strftime("%Y-%m-%d"))
    single = "Bank raises rates\n\nTue 21 Jan 2025 16.05 GMT\nThe central bank said it had raised rates."
    assert extract([parse_article(single, "page")]).empty


def test_a_qa_question_on_its_line_gives_no_row_and_a_term_that_ends_is_a_departure():
    text = (
        "Five questions answered\n\n1. What about the October 7 inquiries?\n"
        "The army says its investigations will be published by the end of February.\n\n"
        "2. When does he leave?\nHis term ends on March 6."
    )
    events = extract([parse_article(text, "qa", {"published": "2025-01-22"})])
    assert list(events["date_text"]) == ["the end of February", "March 6"]
    assert events.set_index("date_text").loc["March 6", "category"] == "resignation"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The cabinet voted on March 20 to fire Bar, citing a lack of trust.", "resignation"),
        ("The ship was able to fire missiles at the port on Monday.", "attack"),
        ("Israeli forces seize the Rafah crossing on Monday.", "attack"),
        ("Critics seized on the remark on Monday.", "other"),
        ("Israel resumed strikes on Gaza on March 18.", "attack"),
        ("He told the minister he will end his role on March 6.", "resignation"),
    ],
)
def test_a_dismissal_a_seizure_and_resumed_strikes_are_told_apart(sentence, category):
    assert load_taxonomy().categorize(sentence, 0, 0) == category


def test_a_surname_alone_is_the_full_name_the_corpus_gives_far_more_often():
    """ "Netanyahu" alone is "Benjamin Netanyahu" when the corpus names him so three times as often as anyone else
    of that surname ("Yair Netanyahu"); two names given alike stay apart."""
    pages = [
        parse_article(
            f"Page {i}\n\nPrime Minister Benjamin Netanyahu spoke on Monday.", f"p{i}", {"published": "2025-01-21"}
        )
        for i in range(3)
    ]
    pages.append(parse_article("Son\n\nYair Netanyahu posted on Monday.", "x", {"published": "2025-01-21"}))
    pages.append(
        parse_article(
            "Coalition\n\nThe far-right party left the coalition on Sunday, leaving Netanyahu with a narrow majority.",
            "y",
            {"published": "2025-01-21"},
        )
    )
    events = extract(pages)
    assert "Benjamin Netanyahu" in events.loc[events["source"] == "y", "actors"].iloc[0]


def test_a_group_before_a_place_is_the_place_and_the_events_of_a_day_are_of_a_day_that_has_been():
    text = (
        "Statement\n\n21.01.2025\n\nJan 15, 2025 - Mediators Qatar and Egypt announce a ceasefire deal.\n\n"
        "The chief will complete the army's investigations of the events of October 7th."
    )
    events = extract([parse_article(text, "a")])
    assert "Mediators" not in ";".join(events["actors"])
    assert "2024-10-07" in set(events["date"].dt.strftime("%Y-%m-%d"))  # the last October 7 before publication


def test_a_day_referred_to_joins_the_year_reports_give_it_not_the_year_references_give_it():
    """ "quit over October 7" and "the October 7 failures" in January 2025 read as October 7, 2024 on their own;
    the corpus reports October 7, 2023, and references to a day never make a year known by themselves."""
    reports = [
        parse_article(f"Report {i}\n\nHamas attacked Israel on October 7, 2023.", f"r{i}", {"published": "2024-01-10"})
        for i in range(2)
    ]
    refers = [
        parse_article(
            "Notes\n\nHaliva resigned in April 2024, the first senior officer to quit over October 7.",
            "n",
            {"published": "2025-01-24"},
        ),
        parse_article(
            "Briefing\n\nHalevi said yesterday he would resign, taking responsibility for the October 7 failures.",
            "b",
            {"published": "2025-01-22"},
        ),
    ]
    events = extract(reports + refers)
    october = events[events["date_text"] == "October 7"]
    assert len(october) == 2 and set(october["date"].dt.year) == {2023}
    attack = events.loc[events["source"] == "r0", "event_id"].iloc[0]
    assert set(october["event_id"]) == {attack}


def test_what_a_past_telling_dates_the_same_day_and_what_would_come():
    text = (
        "Army chief resigns\n\nThe army chief on Tuesday submitted his resignation to the defence minister.\n\n"
        "He will step down on March 6, the army said.\n\n"
        "The southern commander also announced his resignation on the same day.\n\n"
        "The minister said last month that the chief would leave his post on 6 March."
    )
    days = _by_date_text(_extract_one(text, "2025-01-21"), "date")
    assert days["the same day"] == pd.Timestamp("2025-01-21")  # Tuesday's, not March 6, still to come
    assert days["6 March"] == pd.Timestamp("2025-03-06")  # what "would" come: not the March before


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("After her friend was abducted from the festival, she began a weekly vigil in November 2023.", "other"),
        ("After the talks collapsed, the army resumed strikes on Monday.", "attack"),
        ("The letter, published on 10 April, was signed by 950 aircrew, most of them retired.", "refusal"),
        ("His last day is March 6.", "resignation"),
    ],
)
def test_an_opening_subordinate_clause_and_an_adjective_are_not_the_dated_act(sentence, category):
    events = _extract_one(f"Title\n\n{sentence}", "2025-03-15")
    assert list(events["category"]) == [category]


def test_titles_without_an_opening_clause_or_a_broken_aside():
    sentence = "After her friend was abducted from the festival, she began a weekly vigil in November 2023."
    at = sentence.index("November")
    assert make_title(sentence, at - 3, at + len("November 2023")) == "She began a weekly vigil"
    sentence = "The first letter, published on 10 April, was signed by some 950 aircrew."
    at = sentence.index("10 April")
    assert make_title(sentence, at, at + 8).startswith("The first letter, published, was signed")


def test_a_span_of_months_is_one_date_and_a_weekly_episode_is_no_event():
    text = (
        "The letters\n\nIn this week's episode we look back at the letters.\n\n"
        "Between April and June 2025, more than a thousand reservists signed open letters."
    )
    events = _extract_one(text, "2025-07-01")
    assert len(events) == 1
    row = events.iloc[0]
    assert (row["date"], row["date_end"], row["granularity"]) == (
        pd.Timestamp("2025-04-01"),
        pd.Timestamp("2025-06-30"),
        "month",
    )
    assert row["category"] == "refusal" and not row["title"].startswith(("Between", "And"))


def test_a_rank_inside_a_post_and_a_transcripts_speaker_are_not_actors():
    text = (
        "Protocol\n\nSession of Monday, 3 February 2025\n\n"
        "MK Orit Strock: On 20 January the army's own figures showed a shortfall of reservists.\n\n"
        "Brig. Gen. (res.) Dana Mor: The shortfall was first reported to the General Staff on 12 January.\n\n"
        "Commander of the Air Force Maj. Gen. Tomer Bar announced on 10 January that reservists would be dismissed."
    )
    actors = _by_date_text(_extract_one(text, "2025-02-03"), "actors")
    assert actors["20 January"] == "" and actors["12 January"] in ("", "General Staff")
    assert actors["10 January"] == "Tomer Bar"
    spoken = _extract_one("Protocol\n\nHerzi Halevi: I resigned on 12 January.", "2025-02-03")
    assert spoken["actors"].iloc[0] == "Herzi Halevi"  # a speaker who tells what they did acts


def test_a_release_dateline_a_term_of_years_and_a_tickers_stamp():
    text = (
        "Appointment\n\n"
        "Jerusalem, 1 February 2025 – The Minister of Defense, Israel Katz, today announced his decision to appoint "
        "Maj. Gen. (res.) Eyal Zamir as the next chief of staff.\n\n"
        "He previously served as commander of the Southern Command (2015-2018).\n\n"
        "13/02/2025 18:05 Opposition leader Yair Lapid calls on PM Benjamin Netanyahu to resign"
    )
    events = _extract_one(text, "2025-02-14")
    release = events[events["date_text"] == "1 February 2025"].iloc[0]
    assert release["actors"] == "Israel Katz" and release["title"].startswith("The Minister of Defense, Israel Katz")
    assert "Eyal Zamir" in release["quote"]  # "(res.)" ends no sentence
    term = events[events["date_text"] == "2015-2018"].iloc[0]
    assert (term["date"], term["date_end"]) == (pd.Timestamp("2015-01-01"), pd.Timestamp("2018-12-31"))
    ticker = events[events["date_text"] == "13/02/2025"].iloc[0]
    assert ticker["title"].startswith("Opposition leader") and "PM" not in ticker["actors"].split("; ")[1]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The magnitude 5.6 quake struck at 11:47 p.m. on Friday in Jajarkot district.", "other"),
        ("The state Supreme Court on Thursday struck down a law requiring photo identification.", "other"),
        ("A second 48-hour strike is planned for 12 March.", "refusal"),
        ("Georgescu was charged in February with incitement.", "investigation"),
        ("On August 14, Kishida said he would not seek re-election as party leader.", "resignation"),
        ("Jan 15, 2025 - Mediators Qatar and Egypt announce a ceasefire deal.", "ceasefire"),
    ],
)
def test_nature_a_court_a_walkout_a_charge_a_bowing_out_and_a_mediator(sentence, category):
    assert _extract_one(f"Title\n\n{sentence}", "2025-03-20")["category"].iloc[0] == category


def test_a_past_verb_of_the_first_clause_does_not_name_what_the_second_one_dates():
    text = "Title\n\nTwo men were charged with attempted murder on 2 August and will stand trial next year."
    categories = _by_date_text(_extract_one(text, "2024-09-20"), "category")
    assert categories == {"2 August": "investigation", "next year": "other"}


def test_a_wires_dated_opening_and_a_day_named_after_what_came_since():
    text = (
        "Factbox\n\nJan 21 (Reuters) - Israel's military chief Herzi Halevi said on Tuesday he would resign.\n\n"
        "Since the Hamas attack on October 7, the army has changed."
    )
    events = _extract_one(text, "2025-01-21")
    assert _by_date_text(events, "category")["Jan 21"] == "resignation"  # not "(Reuters)" alone
    rows, _ = parse(parse_article(text, "a", {"published": "2025-01-21"}), load_taxonomy())
    assert {r["date_text"]: r["reference"] for r in rows}["October 7"]


def test_an_outlets_stamp_line_a_relative_clauses_date_and_a_hostage_release():
    text = (
        "IDF chief resigns\n\ni24NEWS | Published: 01/21/2025 - 18:45 | Updated: 01/21/2025 - 21:02\n\n"
        "Halevi, who took office in January 2023, said on Tuesday he would complete the investigations.\n\n"
        "The release of the hostages will begin on Sunday, 19 January 2025."
    )
    events = _extract_one(text, "2025-01-21")
    assert "Published" not in " ".join(events["quote"])  # the page's stamp is furniture
    categories = _by_date_text(events, "category")
    assert categories["January 2023"] == "other"  # took office; the investigations are Tuesday's
    assert categories["Sunday, 19 January 2025"] == "ceasefire"


def test_a_units_number_a_published_letter_and_a_clause_counted_back_that_gives_its_own_day():
    text = (
        "Letters\n\nSome 250 veterans of the Military Intelligence Unit 8200 signed a letter on Friday.\n\n"
        "Their letter, published on June 11, was the first of its kind.\n\n"
        "The letter comes three weeks after Israel resumed fighting in Gaza on March 18."
    )
    events = _extract_one(text, "2025-06-20")
    assert "Military Intelligence Unit 8200" in _by_date_text(events, "actors")["Friday"]
    assert _by_date_text(events, "category")["June 11"] == "refusal"
    assert "three weeks after" not in set(events["date_text"])  # its clause is dated March 18
    assert "March 18" in set(events["date_text"])


def test_a_post_is_not_an_actor_and_a_strike_is_called_for_a_day_ahead():
    text = (
        "Home Secretary resigns\n\nThe Home Secretary, Rachel Dunmore, resigned on Wednesday night.\n\n"
        "The works council called a warning strike for Wednesday."
    )
    events = _extract_one(text, "2024-11-05")
    resigned = events[events["date_text"] == "Wednesday night"].iloc[0]
    assert resigned["actors"] == "Rachel Dunmore"  # not "Home Secretary"
    strike = events[events["date_text"] == "Wednesday"].iloc[0]
    assert strike["date"] == pd.Timestamp("2024-11-06") and strike["category"] == "refusal"


def test_an_earlier_clause_is_neither_the_actor_nor_the_headline_and_an_acronym_spelling_a_word_is_a_name():
    text = (
        "Council approves ferry terminal\n\n"
        "Councillors voted 9-4 on Thursday night to approve the long-delayed ferry terminal, hours after Mayor "
        "Colin Baird stepped aside from the chair.\n\n"
        "WHO shipped 50,000 doses of oral vaccine on Friday. Nobody knows who ordered them."
    )
    events = _extract_one(text, "2024-09-21")
    vote = events[events["date_text"] == "Thursday night"].iloc[0]
    assert vote["category"] == "other" and vote["actors"] == ""  # the mayor stepped aside before the vote
    assert vote["headline"] == "Councillors voted 9-4 to approve the long-delayed ferry terminal"  # not "…, hours"
    assert _by_date_text(events, "actors")["Friday"] == "WHO"


@pytest.mark.parametrize(
    ("sentence", "date", "title"),
    [
        # two predicates of one subject, each with its date: each date its own
        (
            "The plan was first proposed in 2019 and rejected by the council in March 2022.",
            "2019",
            "The plan was first proposed",
        ),
        (
            "The plan was first proposed in 2019 and rejected by the council in March 2022.",
            "March 2022",
            "The plan was rejected by the council",
        ),
        ("Halevi took office in January 2023 and resigned in March 2025.", "March 2025", "Halevi resigned"),
        ("Barak joined the army at 18 and flew her first mission in 1982.", "1982", "Barak flew her first mission"),
        (
            "The chief said on April 13 that they erred and backed their dismissal.",
            "April 13",
            "The chief said that they erred and backed their dismissal",
        ),
        # an opening participle: what it tells of the one named after it, when it holds the date; else it is no part
        (
            "Born in 1958 in a farming village, Yael Barak joined the army.",
            "1958",
            "Yael Barak born in a farming village",
        ),
        ("Elected in 2019, Smith resigned in March 2023.", "March 2023", "Smith resigned"),
        ("Founded in 1948, the party won in 2022.", "1948", "The party founded"),
        # a second clause sharing the first's subject takes it: "The probe was launched …, and is due …"
        (
            "The probe was launched in February, and is due to be presented in June.",
            "June",
            "The probe is due to be presented",
        ),
        (
            "Last month, at 65, she signed a letter, and was summoned to a hearing on May 2.",
            "May 2",
            "She was summoned to a hearing",
        ),
        (
            "The man, from Hollins, was arrested on Tuesday and charged on Wednesday.",
            "Wednesday",
            "The man, from Hollins, was charged",
        ),
        ("Dozens were killed and buried on Monday.", "Monday", "Dozens were killed and buried"),
        # a second clause with a subject of its own stands alone
        (
            "It was not approved until 2017, and the walls were finished in November 2020.",
            "November 2020",
            "The walls were finished",
        ),
        # a time of day before an opening date, and a date that is what the subject is
        (
            "On the night of February 9, 2014, the river burst its banks above the town.",
            "February 9, 2014",
            "The river burst its banks above the town",
        ),
        ("Polling day is Thursday, July 4.", "Thursday, July 4", "Polling day"),
        # a second clause whose subject is a pronoun stands alone too; a speaker's aside is no part of the act
        (
            "This morning I met the union, and we have agreed to resume talks on Thursday.",
            "Thursday",
            "We have agreed to resume talks",
        ),
        (
            "As you know, dockworkers at the ports walked out on Monday.",
            "Monday",
            "Dockworkers at the ports walked out",
        ),
        # a date that owns what follows
        (
            "Hollis will take charge for Saturday's match against Ashford.",
            "Saturday",
            "Hollis will take charge for the match against Ashford",
        ),
        # what a ", when" clause after the date says happened on it
        (
            "I think of another October, in 1973, when a surprise attack caught the country unprepared.",
            "1973",
            "A surprise attack caught the country unprepared",
        ),
        # a relative clause after a name holds the date: who did it, and what
        (
            "Notice is given that the minister appointed Helena Strand in place of Mr. Jonas Falk, who retired on "
            "30 June 2024.",
            "30 June 2024",
            "Mr. Jonas Falk retired",
        ),
        # a clause a subordinator opens ends at its comma: "until 5,000 years ago," is not what was published
        (
            "Scientists mapped a river that flowed until about 5,000 years ago, according to a study published on "
            "Wednesday in the journal Nature Geoscience.",
            "Wednesday",
            "Scientists mapped a river that flowed until about 5,000 years ago",
        ),
        # "around" before a date goes with it
        (
            "The fire started around 6 p.m. Tuesday near a power substation.",
            "6 p.m. Tuesday",
            "The fire started near a power substation",
        ),
        # "the" between a date's preposition and the date goes with it
        (
            "In the summer of 2023 the partners argued over a heating law.",
            "summer of 2023",
            "The partners argued over a heating law",
        ),
        # "to" before a date is the date's too
        (
            "The ban, backdated to July 2022, runs for four years.",
            "July 2022",
            "The ban, backdated, runs for four years",
        ),
    ],
)
def test_a_title_names_the_dated_predicate(sentence, date, title):
    at = sentence.index(date)
    assert make_title(sentence, at, at + len(date)) == title


def test_a_church_a_name_owns_is_a_place_and_who_released_the_report_heads_its_inquiry():
    text = (
        "Report released\n\n"
        "The National Transportation Safety Board on Wednesday released its preliminary report on the collision.\n\n"
        "A memorial service will be held at St Mary's Church on Sunday."
    )
    events = _extract_one(text, "2024-03-28")
    assert _by_date_text(events, "headline")["Wednesday"] == "National Transportation Safety Board inquiry"
    service = events[events["date_text"] == "Sunday"].iloc[0]
    assert service["actors"] == "" and service["places"] == "St Mary's Church"  # not "St Mary"


def test_another_dates_clause_answers_and_the_pages_next_issue_give_no_actor_or_row():
    text = (
        "Lebanon vote\n\nLebanon's parliament failed on Wednesday to elect a president, prolonging a vacuum since "
        "Michel Aoun's term ended on Oct. 31.\n\n"
        "Q: When did you last speak to the port authority?\n\nMINISTER HALVORSEN: Yesterday evening.\n\n"
        "The Hollow Creek fire started on 14 June.\n\nNext update: 16 June 2023, 10:00."
    )
    events = _extract_one(text, "2023-06-15")
    actors = _by_date_text(events, "actors")
    assert actors["Wednesday"] == "" and actors["Oct. 31"] == "Michel Aoun"  # his term ended on Oct. 31
    assert "Yesterday evening" not in set(events["date_text"])  # an answer, not a report
    assert _by_date_text(events, "places")["14 June"] == "Hollow Creek"
    assert "16 June 2023" not in set(events["date_text"])  # when the page comes out again
    signed_off = _extract_one(
        "Briefing\n\nThe court ruled on Monday.\n\nThat's it for today. See you tomorrow.", "2023-06-15"
    )
    assert list(signed_off["date_text"]) == ["Monday"]  # a newsletter's sign-off is no event


def test_what_the_company_said_on_a_day_before_what_came_first_is_what_it_told_and_a_liveblog_welcome_is_no_event():
    text = (
        "Founder steps down\n\nVeritas founder Hana Oduya will step down as chief executive on Sept. 30, the company "
        "said on Monday, a week after shareholders rejected her plan to sell the firm.\n\n"
        "07:55\nGood morning and welcome to our live coverage of the second day of the strike.\n\n"
        "An armed group on Tuesday released a video of two aid workers who were kidnapped last month."
    )
    events = _extract_one(text, "2024-09-03")
    said = events[events["date_text"] == "Monday"].iloc[0]
    assert said["category"] == "resignation"  # what the company told, on Monday
    week = events[events["date_text"] == "a week after"].iloc[0]
    assert week["date"] == pd.Timestamp("2024-08-26")  # a week before Monday, not before Sept. 30
    assert week["title"] == "Shareholders rejected her plan to sell the firm"
    assert not events["quote"].str.contains("welcome").any()
    categories = _by_date_text(events, "category")
    assert categories["Tuesday"] == "other" and categories["last month"] == "casualties"  # the video; the kidnapping


def test_a_fact_checks_claim_is_no_event_and_an_aside_about_the_subject_names_no_actor():
    text = (
        "Fact check\n\nClaim: Posts say Health Minister Dana Roth resigned on March 14.\n\nVerdict: False.\n\n"
        "Roth attended a cabinet meeting on March 17.\n\n"
        "Walter Greaves, who led Harbor Freightways for two decades, died at home on June 15."
    )
    events = _extract_one(text, "2024-06-18")
    assert "March 14" not in set(events["date_text"])  # claimed, and false
    assert _by_date_text(events, "actors")["June 15"] == "Walter Greaves"  # not the firm he led


def test_a_comparison_base_a_notices_signature_and_an_operators_welcome_give_no_row():
    text = (
        "Notice\n\nOPERATOR: Good morning, and welcome to the second-quarter 2024 earnings call.\n\n"
        "ELLEN MARSH: Volumes rose 8 per cent from a year earlier.\n\n"
        "The company completed the acquisition of Coastline Haulage on July 15.\n\n"
        "Dated at the capital this 2nd day of July 2024."
    )
    events = _extract_one(text, "2024-08-08")
    assert list(events["date_text"]) == ["July 15"]


def test_a_tables_rows_are_dated_entries_headlined_by_their_cells_and_a_descriptor_is_no_name():
    text = (
        "Rates\n\n| Date | Decision | Rate |\n|---|---|---|\n| 27 July 2022 | First rise in 11 years | 0.50% |\n"
        "| 6 June 2024 | First cut | 4.25% |\n\n"
        "Two-time Olympic rowing champion Lena Voss announced her retirement on Wednesday."
    )
    events = _extract_one(text, "2024-08-21")
    titles = _by_date_text(events, "title")
    assert titles["27 July 2022"] == "First rise in 11 years"
    assert titles["6 June 2024"] == "First cut"  # two capitalised words in a row's cells are no headline
    assert _by_date_text(events, "actors")["Wednesday"] == "Lena Voss"  # not "Two-time Olympic"


def test_a_deadline_ahead_is_no_known_day():
    events = _extract_one("Notes\n\nMy bet: a deal before the April 1 deadline.", "2025-03-16")
    assert list(events["date"]) == [pd.Timestamp("2025-04-01")]  # not the last April 1 before publication
