"""Every cue-list entry matches the example written beside it (the examples are the specification),
and ordinary story sentences match none of the line cues."""
import re

import pytest

from dashboard.ingest import cues
from dashboard.ingest.dates import find_dates
from dashboard.ingest.pubdate import cue_before

STORY_SENTENCES = [
    "The minister said on Tuesday that talks would resume in Geneva next week, officials said.",
    "Updated figures from the United Nations show that more than 6,000 people died in January.",
    "Share prices in Moscow fell sharply after the announcement of new sanctions on Wednesday.",
    "More than 200 delegates are expected at the conference, which opens in Vienna on Monday.",
    "Related talks between the two delegations broke down late on Friday, according to diplomats.",
    "Comments by the foreign minister angered officials in Ankara, who summoned the ambassador.",
    "Copyright disputes were not on the agenda when the two leaders met in Paris.",
    "Watch for a statement from the White House later today, a spokesman told reporters.",
]


@pytest.mark.parametrize("cue", cues.section_enders() + cues.chrome_lines(), ids=lambda c: c.name)
def test_line_cue_matches_its_example(cue):
    assert cue.matches_line(cue.example), (cue.name, cue.example)


@pytest.mark.parametrize("sentence", STORY_SENTENCES)
def test_story_sentences_match_no_line_cue(sentence):
    assert cues.first_match(cues.section_enders(), sentence) is None
    assert cues.first_match(cues.chrome_lines(), sentence) is None


@pytest.mark.parametrize("cue", cues.pubdate_cues(), ids=lambda c: c.example)
def test_pubdate_cue_names_the_date_in_its_example(cue):
    span = find_dates(cue.example)[0]
    assert cue_before(cue.example[: span.start]) == cue.name, cue.example


def test_every_pubdate_cue_kind_is_known():
    assert {c.name for c in cues.pubdate_cues()} <= {"publish", "update"}


def test_month_words_read_their_example():
    for form, number, example in cues.read_tsv("months.tsv"):
        assert re.search(rf"\b{re.escape(form)}\b", example, re.IGNORECASE), example
        spans = find_dates(example)
        assert spans and spans[0].month == int(number), example


@pytest.mark.parametrize("form,weekday", sorted(cues.weekdays().items()))
def test_weekday_words_check_a_bylines_date(form, weekday):
    day = 7 + weekday                     # 7 March 2016 was a Monday
    right = find_dates(f"{form.title()}, {day} March 2016")
    assert right and right[0].date.weekday() == weekday
    wrong = find_dates(f"{form.title()}, {day + 1} March 2016")   # a weekday that does not match the year
    assert all(span.year is None for span in wrong)                 # keeps no year


def test_record_fields_cover_every_article_field():
    assert set(cues.record_fields()) == {"text", "title", "published", "url", "source"}
    assert cues.field_key("Published_At") == cues.field_key("published-at") == "publishedat"


@pytest.mark.parametrize("kind,name,example", cues.read_tsv("html_date_meta.tsv"), ids=lambda v: str(v)[:30])
def test_html_date_meta_entry_is_read_from_its_example(kind, name, example):
    import lxml.html

    from dashboard.ingest.html_dates import meta_dates

    tree = lxml.html.fromstring(f"<html><head>{example}</head><body><p>Text.</p></body></html>")
    published, modified = meta_dates(tree)
    assert (published is not None, bool(modified)) == (kind == "published", kind == "modified"), example


@pytest.mark.parametrize("note", cues.byline_notes(), ids=lambda c: c.name)
def test_byline_note_leaves_its_example_a_byline(note):
    from dashboard.ingest.clean import classify_lines
    from dashboard.ingest.pubdate import find_published

    assert note.pattern.search(note.example), note.example
    story = "The ministers met in Geneva on Tuesday to discuss the ceasefire and access, officials said."
    page = "\n".join(["Ministers meet in Geneva for talks", note.example, "", story])
    assert find_published(classify_lines(page)).date == find_dates(note.example)[0].date, note.example


def test_required_words_are_what_every_match_holds():
    assert cues.required_words(r".{0,80}(javascript|flash player|your browser).{0,80}") == (
        "javascript", "flash player", "your browser")
    assert cues.required_words(r".{0,120}\bcookies?\b.{0,200}") == ("cookie",)
    assert cues.required_words(r"(share|tweet|x)") == ()          # "x" is too short to be worth a test
    assert cues.required_words(r"[\w ]{1,30}( / [\w ]{1,30})+") == ()


@pytest.mark.parametrize("cue", cues.chrome_lines(), ids=lambda c: c.name)
def test_a_line_cue_is_found_in_the_list_whatever_words_the_line_lacks(cue):
    """The list leaves a wildcard cue out when the line lacks the words it needs: never one that matches."""
    for line in (cue.example, cue.example.upper(), f"  {cue.example}  "):
        if cue.matches_line(line):
            found = cues.first_match(cues.chrome_lines(), line)
            assert found is not None and cues.chrome_lines().index(found) <= cues.chrome_lines().index(cue)
