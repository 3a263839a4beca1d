"""Article text -> dated events: the one place the parser's components meet.

One pass of each component over the whole article (sentences, temporal expressions, actors, places), then
per sentence: every trigger strong enough makes an event on each date that governs it (its own clause's,
clauses.py and anchoring.py), casualty figures make their own, and a reporting verb makes a statement for
the saying. One sentence may so give several rows ("met the king two weeks ago and the prime minister last
week" is two meetings). An event whose clause has no date takes the date of the same happening told
elsewhere in the article ("Kerry to meet Putin" ... "Thursday's visit to Moscow"), else the publication date
(flagged).
"""
from __future__ import annotations

import bisect
import hashlib
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from dashboard.parser import anchoring, assertion
from dashboard.parser.actors import PERSON, Actor, find_actors
from dashboard.parser.anchoring import Dated
from dashboard.parser.candidate import CASUALTIES, STATEMENT, Candidate
from dashboard.parser.casualties import PERIOD, Figure, find_figures, may_hold_figures
from dashboard.parser.clauses import MAX_COST, Clauses, clauses_of
from dashboard.parser.context import SAME_HAPPENING, date_from_context
from dashboard.parser.gazetteer import tokenize
from dashboard.parser.places import Place, best_place, dateline, find_places
from dashboard.parser.sentences import Sentence, split_sentences
from dashboard.parser.timex import extract_timexes
from dashboard.parser.triggers import Trigger, find_triggers
from dashboard.parser.event_table import events_frame
from dashboard.schema import ACTOR_SEPARATOR

if TYPE_CHECKING:   # the parser runs without pandas: only parse_article's frame needs it
    import pandas as pd

DEADLINE = "deadline"
TARGET_WORDS = ("by", "no later than")   # deadline triggers that are only a preposition before a date
CONDITION = "condition"     # the clause kind (clause_cues.tsv) of "if", "unless", "whether"
RELATIVE_TIME = ("subordinate", "event_phrase")   # clauses opened by "after", "before", "on the eve of" ...
FORECAST = "forecast"
HIDING = ("hypothetical", "topic", "idiom", FORECAST)   # trigger types that only hide the words they cover
MIN_WEIGHT = 0.5            # a trigger this strong makes an event when its sentence dates it
MIN_WEIGHT_UNDATED = 0.6    # without a date of its own ("the victims of the bombings" names no new event)
MIN_WEIGHT_SUPPORTED = 0.4  # weaker ones need an actor and a date in the sentence
WEAK = 0.6                  # a trigger weaker than this after a reporting verb is part of what was said
STRONG = 0.8               # a trigger this strong is an event even inside a quote
TOTAL_DATE_DISTANCE = 40   # a running total is dated only by a date this close ("rose to 400 on Tuesday")
PERIOD_DATE_DISTANCE = 100  # a period's toll by a date this close (farther ones date other clauses)
DATELINE_LINE = 40          # chars after a dateline on its own line (the agency's name)
MAX_FIGURES = 2             # casualty events per sentence
FIGURE_WEIGHT = {"cumulative": 0.8, "period": 0.8, "vague": 0.6}   # how surely a figure is a casualty count
# how much each source of a date is worth in the confidence
DATE_WEIGHT = {"text": 1.0, "context": 0.7, "published": 0.3, None: 0.0}

# a date before its noun, with only modifiers between: "the Jan. 25 Palestinian parliamentary elections"
_FUNCTION_WORD = (r"(?:for|where|when|while|to|and|or|but|with|on|in|at|by|of|from|after|before|the|a|an|that|which|who|he|"
                  r"she|they|it|his|her|their|its|was|were|is|are|will|would|has|have|had|said)\b")
_MODIFIES = re.compile(rf"(?:\s+(?!{_FUNCTION_WORD})[A-Za-z][\w-]*){{0,3}}\s+", re.IGNORECASE)
_STARTS_WITH_FUNCTION_WORD = re.compile(_FUNCTION_WORD, re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"(?:\b(?:on|in|at|by|since|until|till|from|to|during|for|of|before|after|as of|"
                                 r"late|early)|,)\s*$", re.IGNORECASE)
_RIGHT_AFTER = re.compile(r"\s+(?:in|on|at|of|during)?\s*(?:the\s+)?")
_AT = re.compile(rf"\b(?:{anchoring.HAPPENS_AT}|in|attend|attends|attended|attending|host|hosts|hosted|hosting|"
                 r"chair|chairs|chaired|chairing|boycott|boycotts|boycotted|boycotting)\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
_PRESENT_SAYING = re.compile(r"[^s]s$")   # "says", "tells" (not "discuss")
_PRONOUN_SUBJECT = re.compile(r"(?:But |And |Meanwhile, )?(?:He|She)\b")


class Span(NamedTuple):
    start: int
    end: int


def parse_article(text: str, published: date | None = None, source: str | None = None, *, title: str | None = None,
                  path: str | None = None, url: str | None = None, article_id: str | None = None) -> pd.DataFrame:
    """Events told by one article, one row per event in text order, with the columns of EVENT_COLUMNS."""
    return events_frame(event_rows(text, published, source, title=title, path=path, url=url, article_id=article_id))


def event_rows(text: str, published: date | None = None, source: str | None = None, *, title: str | None = None,
               path: str | None = None, url: str | None = None, article_id: str | None = None) -> list[dict]:
    """parse_article's rows as plain dicts keyed by EVENT_COLUMNS. For callers that gather many articles:
    building one DataFrame per batch with events_frame() costs far less than one per (short) article."""
    if not isinstance(text, str):
        raise TypeError(f"parse_article needs the article text as str, got {type(text).__name__}")
    published = _as_date(published)
    if not text.strip():
        return []
    article_id = article_id or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    tokens = tokenize(text)
    sentences = split_sentences(text)
    timexes = extract_timexes(text, published)
    mentions = anchoring.join_ranges(text, sorted(anchoring.calendar_mentions(timexes), key=lambda m: m.start))
    time_spans = sorted((Span(t.start, t.end) for t in timexes), key=lambda span: span.start)
    actors = find_actors(text, tokens)
    places = find_places(text, tokens)
    filed_from = dateline(text)

    if filed_from is not None:   # "Bandar Seri Begawan, Brunei:" says where the story was filed, not who acts
        actors = [a for a in actors if not (filed_from.start <= a.start < filed_from.end)]
    candidates: list[Candidate] = []
    lead = _lead_sentence(sentences, filed_from)
    previous_people: list[Actor] = []
    for sentence, sentence_mentions, spans, in_sentence, sentence_places, figures_possible in zip(
            sentences, *(_by_sentence(items, sentences) for items in (mentions, time_spans, actors, places)),
            may_hold_figures(text, [(s.start, s.end) for s in sentences])):
        in_sentence = _subject_pronoun(sentence, in_sentence, previous_people) + in_sentence
        if not sentence_places and sentence is lead:
            sentence_places = [filed_from]   # the lead sentence after a dateline happens where it was filed
        candidates += _sentence_events(text, sentence, sentence_mentions, spans, in_sentence, sentence_places,
                                       filed_from, published, figures_possible)
        previous_people = [a for a in in_sentence if a.kind == PERSON] or previous_people
    anchoring.clear_cues()   # the cue cache is for one article: do not keep its text alive
    date_from_context(candidates)
    for candidate in candidates:
        if candidate.date_from is None and published is not None:
            candidate.date_from = "published"

    provenance = {"article_id": article_id, "source": source, "published": published, "title": title,
                  "path": path, "url": url}
    return [_row(c, published, provenance) for c in candidates]


def _sentence_events(text: str, sentence: Sentence, mentions: list[Dated], time_spans: list[tuple[int, int]],
                     actors: list[Actor],
                     places: list[Place], filed_from: Place | None, published: date | None,
                     figures_possible: bool = True) -> list[Candidate]:
    """Every event the sentence tells: one per casualty figure, one per trigger on each date that governs it
    (its own clause's), and a statement for the saying when someone is named or the saying has its own date."""
    triggers = find_triggers(text, sentence.start, sentence.end)
    figures = _figures(text, sentence, mentions, time_spans) if figures_possible else []
    if not triggers and not figures:
        return []
    clauses = clauses_of(text, sentence.start, sentence.end, time_spans)
    reporting = [t for t in triggers if t.event_type == STATEMENT]
    owned = anchoring.reporting_dates(text, mentions, reporting,
                                      [t for t in triggers if t.event_type not in (STATEMENT, *HIDING)])
    names = _unique(actors)
    found: list[Candidate] = []

    for figure in figures:
        trigger = Trigger(CASUALTIES, FIGURE_WEIGHT[figure.kind], sentence.start + figure.start,
                          sentence.start + figure.end, figure.text)
        groups = [a for a in names if a.kind != PERSON]
        dated = _figure_date(text, figure, sentence, mentions, clauses)
        opener = clauses.opener(trigger.start)
        if dated is None and opener is not None and opener.kind in RELATIVE_TIME:
            continue
        found.append(Candidate(CASUALTIES, trigger.weight, sentence, trigger, groups,
                               best_place(places, trigger.start, filed_from), figure=figure, dated=dated))
    tolls = [(c.trigger.start, c.trigger.end) for c in found]
    conditional = assertion.conditional(sentence)
    sporting = None     # looked up at the first trigger sport could mean

    for trigger in triggers:
        if trigger.event_type in (STATEMENT, *HIDING) or any(s <= trigger.start < e for s, e in tolls):
            continue   # a death word inside a figure ("40 people were killed") is that figure's event
        if trigger.event_type == CASUALTIES and tolls:
            continue
        opener = clauses.opener(trigger.start)
        if (opener is not None and opener.kind == CONDITION) or conditional:
            continue   # "if Assad goes today": what might happen is no event
        if trigger.event_type in assertion.SPORTING_SENSES:
            sporting = assertion.sporting(text, sentence) if sporting is None else sporting
            if sporting:
                continue
        if assertion.negated(text, sentence, trigger):
            continue
        dates = anchoring.governing_all(text, trigger, mentions, owned, published, sentence.start, sentence.end,
                                        clauses)
        dates = [anchoring.planned_year(text, trigger, d, published) for d in dates
                 if not _dates_a_nearer_event(text, trigger, d, triggers)]
        if assertion.pleaded(text, sentence, trigger):
            # "a plea on Friday against the execution": what is asked for or against happens (if ever) on a
            # day of its own; only a date written after it can be that day
            dates = [d for d in dates if d.start > trigger.end]
            if not dates:
                continue
        # "a day after a bomber killed 12" is told to date another event and its own day is unknown; but a
        # deadline is itself a point in time ("after Damascus missed two deadlines" is news)
        if not dates and opener is not None and opener.kind in RELATIVE_TIME and trigger.event_type != DEADLINE:
            continue
        if trigger.event_type == DEADLINE and trigger.text.lower() in TARGET_WORDS and not (
                dates and anchoring.cue_tense(text, trigger, sentence.start, sentence.end) == anchoring.FUTURE
                and not any(t.event_type == FORECAST and t.end <= trigger.start for t in triggers)):
            continue   # "by Nov. 21" sets a target only for what is still to be done ("pledged to issue it by"),
            #            not for a forecast ("will exceed 100 million by 2010")
        if _makes_event(text, sentence, trigger, bool(dates), names, places, reporting):
            place = best_place(places, trigger.start, filed_from)
            for dated in dates or [None]:
                found.append(Candidate(trigger.event_type, trigger.weight, sentence, trigger, names, place,
                                       dated=dated))
    found = _one_per_happening(found, clauses)

    if reporting:   # the saying is an event of its own, beside what it reports: the verb its date names, if
        #             any ("the court has rejected it, the spokesman told Xinhua on Saturday"), else the strongest
        sayings = [(anchoring.governing(text, verb, mentions, owned, published, sentence.start, sentence.end,
                                        clauses), verb) for verb in reporting]
        dated, verb = max(sayings, key=lambda s: (s[0] is not None, s[1].weight, -s[1].start))
        if names or dated is not None:   # "the police said on Friday": dated, though nobody is named
            found.append(Candidate(STATEMENT, verb.weight, sentence, verb, names,
                                   best_place(places, verb.start, filed_from), dated=dated))

    for candidate in found:
        _set_date(text, candidate, published)
    return found


def _dates_a_nearer_event(text: str, trigger: Trigger, dated: Dated, triggers: list[Trigger]) -> bool:
    """Does the date belong to another event word of the sentence? 'A fair trial for crimes involving the execution
    in 1982 of 148 villagers': the date right after "execution" is the execution's; "returns from his Christmas
    trip": the date before "trip" is the trip's. But what happens at that event shares its date ('met at the
    summit on Friday', 'to host a tourism meeting in December'), and a participle or a target of the trigger's
    own is no other event ('the truce signed in 2002', 'the withdrawal by Dec. 2')."""
    for other in triggers:
        # where the three stand is checked first: it rules out most pairs before any pattern is tried
        right_after = trigger.end <= other.start and other.end <= dated.start
        set_before = trigger.end <= dated.start and dated.end <= other.start
        if not (right_after or set_before) or other is trigger or other.event_type in (STATEMENT, *HIDING) \
                or other.text.lower() in TARGET_WORDS or anchoring.DESCRIBED_VERB.fullmatch(other.text) \
                or _AT.search(text, trigger.start, other.start):
            continue
        if _right_after(text, other, dated) if right_after else _set_before(text, other, dated):
            return True
    return False


def _right_after(text: str, other: Trigger, dated: Dated) -> bool:
    """'... the execution in 1982': the date follows the other word, which stands between the trigger and it (the
    caller has checked that they stand so), with at most a preposition and "the" between."""
    return bool(_RIGHT_AFTER.fullmatch(text, other.end, dated.start))


def _set_before(text: str, other: Trigger, dated: Dated) -> bool:
    """'... his scheduled Christmas trip': the date stands before the other word (a noun, not a verb in -ed), with
    only modifiers between, and no preposition before it ("on Tuesday killed" is no modifier). The caller has
    checked that the date stands between the trigger and the other word."""
    return not other.text.endswith("ed") \
        and bool(_MODIFIES.fullmatch(text, dated.end, other.start)) \
        and not _STARTS_WITH_FUNCTION_WORD.match(other.text) \
        and not _PREPOSITION_BEFORE.search(text, max(0, dated.start - 12), dated.start)


def _makes_event(text: str, sentence: Sentence, trigger: Trigger, dated: bool, names: list[Actor],
                 places: list[Place], reporting: list[Trigger]) -> bool:
    """Is this trigger an event for the timeline? Strong words are; weaker ones need a date of their own, or
    a date and someone taking part. A weak word in reported speech ("peace talks" in what someone said) is
    what they said, and so is any undated event told after the verb of saying ("condemned the bombing"); a
    weak word with nobody, nowhere and no date tells the timeline nothing."""
    weight = trigger.weight
    strong_enough = weight >= (MIN_WEIGHT if dated else MIN_WEIGHT_UNDATED) \
        or (weight >= MIN_WEIGHT_SUPPORTED and names and dated)
    told_after_saying = any(r.end <= trigger.start for r in reporting) and not (
        weight >= STRONG and trigger.event_type in SAME_HAPPENING)   # a planned summit may be dated elsewhere
    reported = not dated and reporting and names and (
        weight < WEAK or _quoted(text, sentence, trigger) or told_after_saying)
    anchored = names or dated or places or weight >= STRONG
    return bool(strong_enough and not reported and anchored)


def _one_per_happening(found: list[Candidate], clauses: Clauses) -> list[Candidate]:
    """One row per happening of the sentence: of rows of one type on one date (or both undated), the first
    strongest; an undated one beside a dated one of its clause, or a weak word on a date a stronger event of
    the sentence already holds ("went ahead with the vote on Friday") adds nothing."""
    def near(a: Candidate, b: Candidate) -> bool:   # in one clause
        return clauses.cost(a.trigger.start, b.trigger.start) <= MAX_COST

    def day(c: Candidate):
        return (c.dated.first, c.dated.last) if c.dated is not None else None
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: -c.weight):
        if any(k.event_type == c.event_type and day(k) == day(c) for k in kept):
            continue
        if day(c) is None and any(k.event_type == c.event_type and near(k, c) for k in kept):
            continue
        if c.weight < WEAK and c.event_type != CASUALTIES and any(
                k.event_type != CASUALTIES and (day(k) == day(c) or (day(c) is None and day(k) is not None))
                for k in kept):   # (a toll is a fact of its own beside the attack that caused it)
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: (c.trigger.start, c.dated.start if c.dated else 0))


def _quoted(text: str, sentence: Sentence, trigger: Trigger) -> bool:
    """Is the trigger inside quotation marks (an odd number of quote marks before it in the sentence)?"""
    before = text[sentence.start:trigger.start]
    marks = before.count('"') + before.count("“") + before.count("”") + before.count("``") + before.count("''")
    return marks % 2 == 1


def _lead_sentence(sentences: list[Sentence], filed_from: Place | None) -> Sentence | None:
    """The sentence a dateline opens: its own, or the next one when the dateline's line holds nothing else
    ("WASHINGTON - Agence France-Presse")."""
    if filed_from is None:
        return None
    for i, sentence in enumerate(sentences):
        if sentence.start <= filed_from.start < sentence.end:
            if sentence.end - filed_from.end <= DATELINE_LINE and i + 1 < len(sentences):
                return sentences[i + 1]
            return sentence
    return None


def _subject_pronoun(sentence: Sentence, actors: list[Actor], previous_people: list[Actor]) -> list[Actor]:
    """'He also warned ...' with nobody named: the person who opened the previous sentence that named one."""
    if not previous_people or any(a.kind == PERSON for a in actors) or not _PRONOUN_SUBJECT.match(sentence.text):
        return []
    person = previous_people[0]
    return [Actor(person.name, PERSON, person.role, person.country, sentence.start, sentence.start)]


def _figures(text: str, sentence: Sentence, mentions: list[Dated], time_spans: list[tuple[int, int]]) -> list[Figure]:
    periods = [(m.start - sentence.start, m.end - sentence.start) for m in mentions
               if not anchoring.after_since(text, m)]
    excluded = [(s - sentence.start, e - sentence.start) for s, e in time_spans]
    return find_figures(sentence.text, periods, excluded)[:MAX_FIGURES]


def _figure_date(text: str, figure: Figure, sentence: Sentence, mentions: list[Dated],
                 clauses: Clauses) -> Dated | None:
    """A period figure takes its period; a running total the date it was given on, if its clause says."""
    at = sentence.start + figure.number_start
    end = sentence.start + figure.end      # the death word closes the phrase ("100 people have been killed")

    def dates_it(m: Dated) -> bool:   # a running total needs its date close; any figure takes its clause's
        cost = clauses.cost(at, m.start)
        distance = min(abs(m.start - at), abs(m.start - end), abs(at - m.end))
        near = distance <= (PERIOD_DATE_DISTANCE if figure.kind == PERIOD else TOTAL_DATE_DISTANCE)
        return (near and cost <= MAX_COST) or (cost == 0 and distance <= anchoring.FAR)
    usable = [m for m in mentions if not anchoring.after_since(text, m) and dates_it(m)]
    return min(usable, key=lambda m: abs(m.start - at)) if usable else None


def _set_date(text: str, candidate: Candidate, published: date | None) -> None:
    trigger = candidate.trigger
    if candidate.event_type == STATEMENT:      # the reporting verb's own tense: "says" is now, "said" is done
        candidate.cue = anchoring.PRESENT if _PRESENT_SAYING.search(trigger.text) else anchoring.PAST
    else:
        candidate.cue = anchoring.cue_tense(text, trigger, candidate.sentence.start, candidate.sentence.end)
    if candidate.dated is not None:
        candidate.date_from = "text"
        d = candidate.dated
        candidate.tense = anchoring.tense_of(d.first, d.last, published, candidate.cue, True)
    else:
        candidate.tense = anchoring.tense_of(None, None, published, candidate.cue, False)


def _row(c: Candidate, published: date | None, provenance: dict) -> dict:
    s = c.sentence
    if c.dated is not None:
        first, last, precision = c.dated.first, c.dated.last, c.dated.precision
        timex, timex_text = c.dated.timex.value, c.dated.timex.text
    elif c.date_from == "published":
        first, last, precision, timex, timex_text = published, published, "day", None, None
    else:
        first = last = precision = timex = timex_text = None
    trigger = c.trigger
    event_id = hashlib.sha1(f"{provenance['article_id']}|{s.start}|{s.end}|{c.event_type}|"
                            f"{trigger.start}|{c.dated.start if c.dated else ''}"
                            .encode()).hexdigest()[:16]
    figure = c.figure
    return {
        "event_id": event_id, "cluster_id": event_id, "event_type": c.event_type,
        "date": first, "date_end": last, "date_precision": precision,
        "date_from": c.date_from,
        "timex": timex, "timex_text": timex_text, "tense": c.tense,
        "actors": ACTOR_SEPARATOR.join(a.name for a in c.actors) or None,
        "actor_roles": ACTOR_SEPARATOR.join(a.describe() for a in c.actors) or None,
        "location": c.location,
        "figure": figure.value if figure else None, "figure_kind": figure.kind if figure else None,
        "figure_qualifier": figure.qualifier if figure else None, "figure_text": figure.text if figure else None,
        "quote": s.text, "quote_start": s.start, "quote_end": s.end,
        "trigger": trigger.text, "trigger_start": trigger.start, "trigger_end": trigger.end,
        **provenance, "sources": 1, "confidence": _confidence(c),
    }


def _confidence(c: Candidate) -> float:
    """How sure: the trigger's weight, how the date was found, whether someone acts, where."""
    people = any(a.kind == PERSON for a in c.actors)
    actor_score = 1.0 if people else 0.7 if c.actors else 0.0
    score = 0.5 * c.weight + 0.25 * DATE_WEIGHT[c.date_from] + 0.2 * actor_score + 0.05 * (c.location is not None)
    return round(min(max(score, 0.05), 0.99), 3)


def _by_sentence(items: list, sentences: list[Sentence]) -> list[list]:
    """For each sentence, the items (sorted by start) that lie inside it: one pass over the items rather than a
    search of them per sentence (most sentences hold none)."""
    starts = [sentence.start for sentence in sentences]
    inside: list[list] = [[] for _ in sentences]
    for item in items:
        i = bisect.bisect_right(starts, item.start) - 1
        if i >= 0 and item.start < sentences[i].end and item.end <= sentences[i].end:
            inside[i].append(item)
    return inside


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for actor in actors:
        if actor.name not in seen:
            seen.add(actor.name)
            out.append(actor)
    return out


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date() if value == value else None    # pandas' NaT (a missing date) is not equal to itself
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise ValueError(f"published must be a date or an ISO date string, got {value!r}") from None
    raise TypeError(f"published must be a date, got {type(value).__name__}")
