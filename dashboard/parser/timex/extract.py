"""extract_timexes: find (pass 1), anchor (pass 2), attach clock times to their day."""
from __future__ import annotations

import bisect
import re
from datetime import date, datetime

from dashboard.parser.timex import anchoring, cues, steps
from dashboard.parser.sentences import SENTENCE_BREAK
from dashboard.parser.timex.finder import Candidate, find
from dashboard.parser.timex.model import Timex
from dashboard.parser.timex.span import timex_span

_CALENDAR_DAY = re.compile(r"^(\d{4}-\d\d-\d\d|XXXX-WXX-\d|XXXX-XX-XX|XXXX-\d\d-\d\d)")
_WEEKDAY = re.compile(r"^UNDEF-weekday-(\d)(.*)$")
TIME_REACH = 150    # a clock time takes the date of a day mention this close in the same sentence
_CLAUSE_BETWEEN = re.compile(r",\s+\S+\s+\S+\s+\S+")   # a comma and three words: a clause of its own


def _type(rule_type: str, value: str) -> str:
    if rule_type == "SET":
        return "SET"
    if value.startswith("P") and not value.endswith("_REF"):
        return "DURATION"
    if "T" in value and value[:1] in "0123456789X":
        return "TIME"
    return "DATE" if rule_type == "TIME" else rule_type


_YEARLESS_DAY = re.compile(r"^UNDEF-year-(\d\d)-\d\d")
_FULL_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
SAME_SENTENCE_REACH = 150   # a year-less day takes the year of a full date this close before it in its sentence


COMPARISON_REACH = 300   # a year-back comparison looks this far back in its sentence for the period it compares


def _same_sentence(text: str, end: int, start: int, reach: int = SAME_SENTENCE_REACH) -> bool:
    return 0 <= start - end <= reach and not SENTENCE_BREAK.search(text, end, start + 1)


def _day_near(text: str, start: int, end: int, days: list[tuple[int, int, str, bool]]
              ) -> tuple[str, bool] | None:
    """(day, relative?) of the nearest day-precision mention in the same sentence, within TIME_REACH
    characters of a clock time. `days` is sorted and never overlaps the clock time itself."""
    i = bisect.bisect_left(days, (start,))
    best = None
    for s, e, day, relative in days[max(0, i - 1):i + 1]:    # the mentions right before and right after
        # a day after the clock time: its first letter shows whether it opens a new sentence
        gap_text = text[e:start] if e <= start else text[end:s + 1]
        if len(gap_text) > TIME_REACH or SENTENCE_BREAK.search(gap_text):
            continue
        if s > start and _CLAUSE_BETWEEN.search(gap_text):
            continue    # "At 5 p.m., the dollar stood at 117 yen, against Thursday's 118": not Thursday
        if best is None or len(gap_text) < best[0]:
            best = (len(gap_text), day, relative)
    return best[1:] if best else None


_UNKNOWN = object()


def _resolve(cand: Candidate, text: str, anchor: date | None, spans: list[tuple[int, int]], known=_UNKNOWN
             ) -> tuple[str, bool]:
    """The value of `cand`; `spans` are all mentions' (start, end); `known` is its clause's tense when the
    caller has already read it."""
    if known is _UNKNOWN:
        tense = lambda: cues.tense(text, cand.start, cand.end, spans)  # noqa: E731  (lazy: few values need it)
    else:
        tense = lambda: known  # noqa: E731
    try:
        return anchoring.resolve(cand.value, anchor, tense)
    except (OverflowError, ValueError):   # an anchor at the ends of the calendar: leave it underspecified
        return anchoring.resolve(cand.value, None, tense)


def _begun(value: str, anchor: date | None) -> bool:
    """Has the period `value` names begun by the anchor? A year-back comparison steps back from a reported
    period, not from a plan ("the plant, which opens in March, was announced a year ago")."""
    span = timex_span(value)
    return bool(span) and (anchor is None or span[0] <= anchor)


def _resolve_anaphors(text: str, found: list[tuple[Candidate, str, bool]], anaphors: list[Candidate],
                      anchor: date | None) -> list[tuple[Candidate, str, bool]]:
    """Value "the next day" and the like from the dates mentioned before them, in text order."""
    if not anaphors:
        return found
    ordered = sorted(found + [(c, c.value, True) for c in anaphors], key=lambda f: f[0].start)
    values: list[str] = []
    written: list[tuple[int, str]] = []   # (end, value) of the mentions that are no anaphors themselves
    resolved = []
    for cand, value, relative in ordered:
        if anchoring.is_anaphoric(value):
            earlier = values
            if value.endswith(anchoring.COMPARED):
                value = value[:-len(anchoring.COMPARED)]
                # a year-back comparison ("up from the previous month and from the same month last year") steps
                # back from the period its sentence reports, not from another comparison; with none written
                # there ("in the first nine months, up from the same period last year"), from the anchor
                earlier = []
                for end, v in reversed(written):      # only the last few lie close enough: no walk over all
                    if cand.start - end > COMPARISON_REACH:
                        break
                    if _same_sentence(text, end, cand.start, COMPARISON_REACH) and _begun(v, anchor):
                        earlier.insert(0, v)
                if not earlier and anchor and "quarter" in text[cand.start:cand.end].lower():
                    # "up from the same quarter last year" with no quarter named: the one being reported
                    earlier = [anchoring.reported_quarter(anchor, None)]
            try:
                value = anchoring.resolve_anaphor(value, earlier, anchor)
            except (OverflowError, ValueError):    # stepped off the calendar (year 0 or 10000)
                value = anchoring.resolve_anaphor(value, [], None)
        else:
            written.append((cand.end, value))
        values.append(value)
        resolved.append((cand, value, relative))
    return resolved


def _apply_steps(text: str, found: list[tuple[Candidate, str, bool]]) -> list[tuple[Candidate, str, bool]]:
    """"the day before last Tuesday": the step joins the day mention after it, which moves by its days; a
    mention inside the step ("two days") is part of it now."""
    stepped, swallowed = [], []
    for cand, value, relative in found:
        step = steps.step_before(text, cand.start)
        moved = steps.shifted(value, step[1]) if step else None
        if moved:
            swallowed.append((step[0], cand.start))
            cand, value = cand._replace(start=step[0]), moved
        stepped.append((cand, value, relative))
    if not swallowed:
        return found
    return [f for f in stepped if not any(s <= f[0].start and f[0].end <= e for s, e in swallowed)]


def _check(text, anchor):
    if not isinstance(text, str):
        raise TypeError(f"extract_timexes: text must be str, not {type(text).__name__}")
    if isinstance(anchor, datetime):
        return anchor.date()
    if anchor is not None and not isinstance(anchor, date):
        raise TypeError(f"extract_timexes: anchor must be a datetime.date or None, not {type(anchor).__name__}")
    return anchor


def extract_timexes(text: str, anchor: date | None = None) -> list[Timex]:
    """Temporal expressions in text, valued as TIMEX3 and anchored to `anchor` (the publication date).

    With anchor=None absolute dates still resolve; the rest stay underspecified ("XXXX-08", "XXXX-WXX-2").
    """
    anchor = _check(text, anchor)
    if not text:
        return []
    found: list[tuple[Candidate, str, bool]] = []
    clocks: list[Candidate] = []
    anaphors: list[Candidate] = []
    range_years: dict[tuple[int, int], str] = {}    # a range's first day lends its year to the second
    cued_weekdays: dict[str, str] = {}   # weekday number -> the day a mention with a tense cue placed it on
    written_day: tuple[int, date] | None = None   # end and day of the last date written with its year
    candidates = find(text)
    spans = [(c.start, c.end) for c in candidates]
    for cand in candidates:
        if cand.claim in range_years and cand.value.startswith("UNDEF-year-"):
            found.append((cand, range_years[cand.claim] + cand.value[len("UNDEF-year"):], True))
            continue
        if cand.value.startswith("UNDEF-time-"):
            clocks.append(cand)
            continue
        if anchoring.is_anaphoric(cand.value):
            anaphors.append(cand)
            continue
        weekday = _WEEKDAY.match(cand.value) if anchor is not None else None
        tense = cues.tense(text, cand.start, cand.end, spans) if weekday else _UNKNOWN
        cued = weekday is not None and tense is not None
        if weekday and not cued and weekday.group(1) in cued_weekdays:
            # a weekday named again with nothing to say which is the day the story already placed it on
            found.append((cand, cued_weekdays[weekday.group(1)] + weekday.group(2), True))
            continue
        year_day = _YEARLESS_DAY.match(cand.value)
        if year_day and written_day and _same_sentence(text, written_day[0], cand.start):
            # "signed on Nov. 21, 1995, ... and in Paris on Dec. 14": the year the sentence just wrote
            month, first = int(year_day.group(1)), written_day[1]
            year = first.year + (1 if month < first.month else 0)
            found.append((cand, f"{year}" + cand.value[len("UNDEF-year"):].split("@")[0], True))
            continue
        value, relative = _resolve(cand, text, anchor, spans, tense)
        if not cand.value.startswith("UNDEF") and (day := _FULL_DAY.match(value)):
            try:
                written_day = (cand.end, date.fromisoformat(day.group()))
            except ValueError:     # "Feb. 29, 2015" is kept as written, but names no day to lend a year
                pass
        if cued:
            cued_weekdays[weekday.group(1)] = value[:10]
        if cand.claim and value[:4].isdigit():
            range_years[cand.claim] = value[:4]
        found.append((cand, value, relative))
    found = _resolve_anaphors(text, _apply_steps(text, found), anaphors, anchor)
    days = sorted((c.start, c.end, m.group(1), rel) for c, v, rel in found if (m := _CALENDAR_DAY.match(v)))
    for cand in clocks:
        clock = cand.value[len("UNDEF-time-"):]
        day, relative = _day_near(text, cand.start, cand.end, days) or (
            anchor.isoformat() if anchor else "XXXX-XX-XX", True)
        found.append((cand, day + clock, relative))
    mentions = []
    for cand, value, relative in sorted(found, key=lambda f: f[0].start):
        mod = cand.mod or cues.mod(text, cand.start, cand.end)
        mentions.append(Timex(cand.start, cand.end, text[cand.start:cand.end], _type(cand.rule.type, value),
                              value, mod or None, relative, cand.rule.name))
    return mentions
