"""The publication date a pasted page states about itself, or None: never a guess.

Evidence comes from the top of the page only, in two shapes:

* a byline line above the second story paragraph: a short line holding a full date and little else
  besides an outlet, a place, an author, a weekday, a time or a publish cue:
  "AFP , Wednesday 13 Jul 2016", "By Jane Doe | 5 March 2014", "Published: 2014-02-06", "June 22, 2013";
* a wire dateline opening one of the first two story paragraphs: "WASHINGTON, Feb 6, 2014 (Reuters) -".

Refused: dates after an update cue ("Last Update 18:49" / "Tuesday, 15 June 2021" on the next line);
dates above the headline (the site's header: the day the page was saved) unless a publish cue names
them; dates after a label that is not a publish cue ("When: 14 February 2020"); dates on furniture
lines (photo credits); dates inside sentences, captions or the headline; anything in comments or
teasers (clean.py has cut those off); year-less and future dates. When the dates found disagree and no
publish cue settles it, the answer is unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dashboard.ingest import cues
from dashboard.ingest.clean import Line
from dashboard.ingest.dates import TIME, DateSpan, find_dates

WIRE_STORY_LINES = 2        # story paragraphs that may open with a wire dateline; reading stops after them
BYLINE_STORY_LINES = 1      # bylines are read until the second story paragraph (a caption may come first)
BYLINE_MAX_WORDS = 8        # words beside the date on a byline line ("By Jane Doe, Example Wire |")
EARLIEST = date(1900, 1, 1)
WIRE_DATELINE = re.compile(  # "WASHINGTON, " / "BANDAR SERI BEGAWAN, Brunei, " before the date
    r"^[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][\w .'\-]{1,30})?,?\s*$")
WIRE_AFTER = re.compile(r"^,?\s*(?:\([\w .&/-]{1,30}\))?\s*[-–—_:]")
NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w.'&\-]*|by|and|of|the|de|al|in|at|on|for|&|\W+)$")
PARENTHESES = re.compile(r"\([^()]{0,30}\)")
TRAILING_ZONE = re.compile(r"(?:\s+[A-Z]{2,4})+[\s,]*$")
LABEL_BEFORE = re.compile(r"\b[^\W\d_]+:\s*$")
TRAILING_PREPOSITION = re.compile(r"\b(?:for|on|until|till|by|since|before|after|from|to|in)\s*[,:]?\s*$",
                                  re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    date: date
    cue: str        # "publish" or "" (a byline or wire dateline without a publish cue)
    evidence: str


@dataclass(frozen=True)
class PubDate:
    date: date | None
    source: str = "unknown"    # "dateline" when found
    evidence: str = ""         # the line it was read from


def cue_before(text: str) -> str:
    """'publish', 'update' or '' for the words just before a date. Times, time zones and separators
    between cue and date do not count: "UPDATED: 08:10 GMT, 22 June", "Updated 11:26 GMT (19:26 HKT)"."""
    text = PARENTHESES.sub(" ", TIME.sub(" ", text))
    text = TRAILING_ZONE.sub("", text).rstrip(" \t,;:-–—")
    for cue in cues.pubdate_cues():
        if cue.pattern.search(text):
            return cue.name
    return ""


def _is_byline(rest: str, before: str, cue: str) -> bool:
    """Whether a line whose words beside its dates are `rest` (and `before` the date in question) is a
    byline: a few names, an outlet, a place and separators, or a publish cue."""
    rest = TIME.sub(" ", rest)
    for note in cues.byline_notes():
        rest = note.pattern.sub(" ", rest)
    tokens = re.findall(r"[\w.'&\-]+|[|/,:()]", rest)
    word_tokens = [t for t in tokens if re.search(r"\w", t)]
    if len(word_tokens) > BYLINE_MAX_WORDS:
        return False
    if cue == "publish":
        return True
    if LABEL_BEFORE.search(before):
        return False  # "When: 14 February 2020": a label names whose date it is, and it is not the page's
    if TRAILING_PREPOSITION.search(before):
        return False  # "Talks set for June 5, 2014": a date in a phrase, not a stamp
    return all(NAME_WORD.match(t) for t in word_tokens)


def _byline_dates(line: Line, previous: Line | None) -> list[Candidate]:
    """The dates a byline line states; dates after an update cue are left out."""
    found = []
    spans = [s for s in find_dates(line.text) if s.year is not None]
    rest = line.text
    for span in reversed(spans):
        rest = rest[: span.start] + " " + rest[span.end:]
    cursor = 0
    for span in spans:
        before = line.text[cursor: span.start]
        cursor = span.end
        if not before.strip() and previous is not None and not find_dates(previous.text):
            before = previous.text + " " + before  # "Last Update 18:49" / "Tuesday, 15 June 2021"
        cue = cue_before(before)
        if cue != "update" and _is_byline(rest, line.text[: span.start], cue):
            found.append(Candidate(span.date, cue, line.text))
    return found


def _wire_date(line: Line) -> DateSpan | None:
    for span in find_dates(line.text[:80]):
        if WIRE_DATELINE.match(line.text[: span.start]) and WIRE_AFTER.match(line.text[span.end:]):
            return span
    return None


def find_published(lines: list[Line], today: date | None = None) -> PubDate:
    """The date the page's top states (see the module docstring), from lines classified by clean.py."""
    today = today or date.today()
    candidates: list[Candidate] = []
    stories = 0
    previous: Line | None = None
    above_headline = any(line.kind == "headline" for line in lines)
    for line in lines:
        if line.kind == "ended":
            break
        if line.kind == "headline":
            above_headline = False
        if line.kind == "story":
            stories += 1
            if stories > WIRE_STORY_LINES:
                break
            span = _wire_date(line)
            if span is not None and span.date is not None:
                candidates.append(Candidate(span.date, "", line.text[: span.end]))
        elif line.kind in ("short", "duplicate") and stories <= BYLINE_STORY_LINES:
            candidates += [c for c in _byline_dates(line, previous) if c.cue == "publish" or not above_headline]
        previous = line
    candidates = [c for c in candidates if EARLIEST <= c.date <= today]
    published = [c for c in candidates if c.cue == "publish"]
    if published:
        return PubDate(published[0].date, "dateline", published[0].evidence)
    if len({c.date for c in candidates}) == 1:
        return PubDate(candidates[0].date, "dateline", candidates[0].evidence)
    return PubDate(None)
