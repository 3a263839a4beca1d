"""Cleaning pasted pages: story, headline and captions kept once; chrome, teasers and comments dropped."""
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from dashboard.ingest import load_paths
from dashboard.ingest.clean import clean_page, collapse_self_repeat, logical_lines, words

PAGES5 = Path(__file__).resolve().parent / "fixtures" / "ingest" / "pages5"

P1 = "The foreign ministers met in Vienna on Monday to discuss the nuclear programme, officials said."
P2 = "Negotiators said a framework agreement could be reached before the end of the month."
P3 = "Diplomats cautioned that several issues, including sanctions relief, remained unresolved."
CAPTION = "Foreign ministers pose for a family photo at the start of the talks in Vienna, Austria"


def cleaned(*lines: str):
    return clean_page("\n".join(lines))


def test_paragraphs_are_separated_by_one_blank_line():
    page = cleaned("Talks open in Vienna", P1, P2, "", "", P3)
    assert page.text == "\n\n".join(["Talks open in Vienna", P1, P2, P3])
    assert page.title == "Talks open in Vienna"


@pytest.mark.parametrize("chrome", [
    "Advertisement", "ADVERTISEMENT", "Share", "Share this article", "Tweet", "Print", "Short link:",
    "© 2019 Example Times", "Copyright 2019 Example Times. All rights reserved.", "All rights reserved.",
    "Image Credit: Reuters", "Photo credit: AP", "(Photo: Reuters)", "Classifieds powered by Example Media",
    "News / Europe", "Home > World > Europe", "AppleAndroid", "Download our app", "x", "X", "»",
    "Last Update 09:12", "Updated: 10:30 GMT", "Follow us on Twitter", "Sign up for our newsletter",
    "Facebook Twitter WhatsApp Email", "Skip to content", "Read more: Sanctions explained",
    "Scroll to continue with content", "Story continues below advertisement", "Listen to this article",
    "4 min read", "Tags: Syria, Russia", "Click here to sign up for our daily briefing.",
    "We use cookies to personalise content. By clicking Accept you consent to our use of cookies.",
])
def test_chrome_lines_between_paragraphs_are_dropped_and_recorded(chrome):
    page = cleaned("Talks open in Vienna", P1, chrome, P2)
    assert page.text == "\n\n".join(["Talks open in Vienna", P1, P2])
    assert chrome in page.dropped


@pytest.mark.parametrize("starter", [
    "You May Like", "You might also like", "Related", "Related Articles", "Related stories", "More from World",
    "Most Read", "Most popular", "Featured Videos", "Latest videos", "Recommended for you", "Trending Now",
    "Read next", "Top Stories", "From around the web", "Comments", "Comments (14)", "14 Comments",
    "Leave a Reply", "Join the conversation", "This forum has been closed.",
    "by: Jane Roe from: Lyon, France",
])
def test_section_starters_end_the_story(starter):
    teaser = "Floods force thousands from their homes in the north of the country after days of heavy rain."
    page = cleaned("Talks open in Vienna", P1, P2, starter, teaser, "March 3, 2014 10:15 AM", P3)
    assert page.text == "\n\n".join(["Talks open in Vienna", P1, P2])
    assert teaser in page.dropped and P3 in page.dropped


def test_section_starter_before_the_story_does_not_cut_it():
    page = cleaned("Comments", "Most Read", "Talks open in Vienna", P1, P2)
    assert page.text == "\n\n".join(["Talks open in Vienna", P1, P2])


def test_repeated_caption_kept_once():
    page = cleaned("Talks open in Vienna", CAPTION, CAPTION, P1, CAPTION + ".", P2, CAPTION.upper())
    assert page.text.count(CAPTION) == 1 and page.text.upper().count(CAPTION.upper()) == 1
    assert page.dropped.count(CAPTION) == 1


@pytest.mark.parametrize("glued", [CAPTION + CAPTION, CAPTION + " " + CAPTION, CAPTION + CAPTION + CAPTION])
def test_caption_glued_to_itself_is_collapsed(glued):
    page = cleaned("Talks open in Vienna", glued, P1, CAPTION)
    assert page.text == "\n\n".join(["Talks open in Vienna", CAPTION, P1])


def test_collapse_leaves_ordinary_lines_alone():
    assert collapse_self_repeat(P1) == P1
    assert collapse_self_repeat("Ha ha") == "Ha ha"  # too short to be a pasted caption


def test_headline_repeated_and_misspelt_copy_dropped():
    page = cleaned("Syria's talks resume, envoy says", "", "Syria's talks resume, envoy says",
                   "PARIS - Example Agency", "Syrias talks resume, envoy says", P1, P2)
    assert page.title == "Syria's talks resume, envoy says"
    assert page.text == "\n\n".join(["Syria's talks resume, envoy says", P1, P2])


def test_short_unpunctuated_lines_between_paragraphs_dropped():
    page = cleaned("Talks open in Vienna", P1, "Example Agency", "Related coverage below", P2, "Jane Roe")
    assert page.text == "\n\n".join(["Talks open in Vienna", P1, P2])


def test_long_caption_without_final_stop_is_kept():
    page = cleaned("Talks open in Vienna", P1, CAPTION, P2)
    assert CAPTION in page.text


def test_teaser_lines_ending_in_more_are_dropped():
    teaser = "Experts say better roads and storage could help farmers sell more of their crops More"
    page = cleaned("Talks open in Vienna", P1, teaser, P2)
    assert teaser not in page.text


@pytest.mark.parametrize("head,title", [
    (["Skip to content", "Home", "News", "Talks open in Vienna"], "Talks open in Vienna"),
    (["Example Daily Herald", "Talks open in Vienna"], "Talks open in Vienna"),
    (["World Affairs Notes", "Analysis of diplomacy and world affairs", "What the Vienna talks mean for Iran",
      "Posted on March 5, 2014 by admin"], "What the Vienna talks mean for Iran"),
    (["Tuesday, 15 June 2021", "Talks open in Vienna"], "Talks open in Vienna"),
    (["Kerry: US, Russia Not Going to Back off Helping Rivals in Syrian War"],
     "Kerry: US, Russia Not Going to Back off Helping Rivals in Syrian War"),
    (["Ministry of Foreign Affairs", "Press Releases", "Statement on the talks in Vienna"],
     "Statement on the talks in Vienna"),
    (["Talks open in Vienna", "Trending", "1. Floods hit the capital", "2. Markets fall sharply"],
     "Talks open in Vienna"),
    (["Talks open in Vienna", "Ministers hope a framework deal can be reached before the end of the month",
      "Jane Roe in Vienna"], "Talks open in Vienna"),
    (["By Jane Roe", "Talks open in Vienna"], "Talks open in Vienna"),
])
def test_title_is_the_headline_not_site_furniture(head, title):
    assert cleaned(*head, P1, P2).title == title


def test_no_headline_when_the_page_starts_with_the_story():
    page = cleaned(P1, P2)
    assert page.title is None and page.text == f"{P1}\n\n{P2}"


def test_known_title_makes_the_page_copy_a_duplicate():
    page = clean_page("\n".join(["Talks open in Vienna", P1, P2]), title="Talks open in Vienna")
    assert page.text == f"{P1}\n\n{P2}" and page.title is None


def test_hard_wrapped_text_is_joined_into_paragraphs():
    wrapped = """Talks open in Vienna

VIENNA (AP) -- The foreign ministers met in Vienna on Monday to
discuss the nuclear programme, officials said, after weeks of
preparatory meetings between their deputies.

Negotiators said a framework agreement could be reached before
the end of the month, although several issues remained open and
the two sides were still far apart on the timing of sanctions.
"""
    page = clean_page(wrapped)
    assert page.text.split("\n\n") == [
        "Talks open in Vienna",
        "VIENNA (AP) -- The foreign ministers met in Vienna on Monday to discuss the nuclear programme, "
        "officials said, after weeks of preparatory meetings between their deputies.",
        "Negotiators said a framework agreement could be reached before the end of the month, although "
        "several issues remained open and the two sides were still far apart on the timing of sanctions.",
    ]


def test_unwrapped_text_keeps_one_paragraph_per_line():
    assert logical_lines(f"{P1}\n{P2}\r\n{P3}") == [P1, P2, P3]


def test_invisible_characters_and_nbsp_are_normalised():
    assert logical_lines("Talks\u00a0open in\u200b Vienna\ufeff") == ["Talks open in Vienna"]


def test_dropped_keeps_every_removed_line_in_order():
    page = cleaned("Share", "Talks open in Vienna", P1, "Advertisement", P2, "You May Like", "Other story")
    assert page.dropped == ["Share", "Advertisement", "You May Like", "Other story"]


# Pages in other outlets' styles: what must be gone from each cleaned text, and a story line that must stay.
PAGE_CHROME = {
    "p1_newspaper_cookie.txt": (["cookies", "Accept", "Subscribe", "Listen", "min read", "continues below",
                                 "Tags", "Recommended", "Oil prices"], "declined to comment on the talks."),
    "p2_reader_comments_no_cue.txt": (["comments", "Ahmed_K", "hours ago", "At least they are talking", "Reply"],
                                      '"We have a long way to go," the envoy told reporters.'),
    "p3_inline_related_and_readmore.txt": (["READ MORE", "RELATED", "record", "Click here"],
                                           "more than 30 million tonnes of grain"),
    "p4_captions_repeated_and_credit.txt": (["Copyright", "\n\nExample Images"], "candidate countries"),
    "p5_app_footer_and_social.txt": (["WhatsApp", "Telegram", "app", "Google Play", "Follow", "Instagram", "Home"],
                                     "prolonging months of political deadlock."),
    "p6_live_updates_style.txt": (["Key developments", "Latest updates", "10:45"], "humanitarian corridors."),
}


@pytest.fixture(scope="module")
def pages5():
    return {Path(a.path).name: a for a in load_paths([PAGES5])}


@pytest.mark.parametrize("name", PAGE_CHROME)
def test_other_outlets_pages_clean(pages5, name):
    gone, kept = PAGE_CHROME[name]
    text = pages5[name].text
    assert kept in text
    for chrome in gone:
        assert chrome not in text, chrome


def test_caption_repeated_across_the_page_kept_once(pages5):
    text = pages5["p4_captions_repeated_and_credit.txt"].text
    assert text.count("Foreign ministers pose for a group photo") == 1


def test_duplicate_key_is_the_same_for_ascii_and_other_text():
    from dashboard.ingest.clean import duplicate_key
    assert duplicate_key("Syria's  war_time, 2016!") == duplicate_key("SYRIAS WARTIME 2016") == "syriaswartime2016"
    assert duplicate_key("Syria’s war — 2016") == "syriaswar2016"          # curly apostrophe, dash: the regex path


@pytest.mark.parametrize("line, count", [("Talks resume on Monday", 4), ("12:30 GMT, 5 June 2006", 2),
                                         ("x2 2x 22 __ -- a-b", 3), ("Ｔｏｋｙｏ　2006", 1)])
def test_words_counts_runs_holding_a_letter(line, count):
    assert words(line) == count


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_words_is_the_runs_of_non_space_holding_a_letter(line):
    # a letter as regex's [^\W\d_] reads it: a word character that is neither a decimal digit nor "_"
    expected = sum(1 for run in line.split() if any(c.isalnum() and not c.isdecimal() for c in run))
    words.cache_clear()
    assert words(line) == expected
