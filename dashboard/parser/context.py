"""Dating an event from the rest of its article: an undated mention of a meeting, a visit, a summit, a saying...
takes the date of the same happening told elsewhere in the article."""
from __future__ import annotations

from dashboard.parser import anchoring
from dashboard.parser.actors import ORGANIZATION, PERSON
from dashboard.parser.candidate import STATEMENT, Candidate

_EARLIER = ("had ", "had previously ", "had earlier ", "previously ", "earlier ")
SPEAKER_REACH = 60   # chars from a speaker's name to the verb of saying ("Kerry, who arrived on Monday, told")

# types whose undated mention may take the date of the same happening told elsewhere in the article
SAME_HAPPENING = {"meeting": {"meeting", "visit"}, "visit": {"visit", "meeting"}, "conference": {"conference"},
                  "deadline": {"deadline"}, "ceasefire": {"ceasefire"}, "agreement": {"agreement"}, "vote": {"vote"},
                  # "X said on Tuesday ... 'quote,' he said": a story's later sayings of one speaker continue the
                  # dated one, unless they carry a date of their own
                  STATEMENT: {STATEMENT}}


def date_from_context(candidates: list[Candidate]) -> None:
    """Undated mentions of a meeting, visit, conference... take the date of the same happening told elsewhere
    in the article: same kind, a shared person or the same place, a compatible tense; the nearest wins."""
    dated = [c for c in candidates if c.date_from == "text"]
    speakers = {id(c): _speaker(c) for c in candidates if c.event_type == STATEMENT}   # once per saying
    for candidate in candidates:
        kinds = SAME_HAPPENING.get(candidate.event_type)
        if candidate.date_from is not None or not kinds:
            continue
        if candidate.event_type == STATEMENT:
            if _told_as_earlier(candidate):
                continue    # "Layton had said his decision rested on ...": an earlier saying
            donors = [(_same_speaker(candidate, d, speakers), d) for d in dated if d.event_type in kinds]
        else:
            people = {a.name for a in candidate.actors if a.kind == PERSON}
            donors = [(_shared(candidate, d, people), d) for d in dated if d.event_type in kinds]
        donors = [(shared, d) for shared, d in donors if _same_happening(candidate, d, shared)]
        if donors:
            _, donor = min(donors, key=lambda sd: (-sd[0], abs(sd[1].sentence.start - candidate.sentence.start)))
            candidate.dated, candidate.date_from = donor.dated, "context"
            candidate.tense = donor.tense


def _shared(candidate: Candidate, donor: Candidate, people: set[str]) -> int:
    """People both name, plus one each for the same place, the same sentence and the same organization at a
    conference (the ASEAN summit told twice)."""
    same_place = candidate.location is not None and candidate.location == donor.location
    same_sentence = _told_twice(candidate, donor)
    hosts = set()
    if candidate.event_type == donor.event_type == "conference":
        hosts = {a.name for a in candidate.actors if a.kind == ORGANIZATION} \
            & {a.name for a in donor.actors if a.kind == ORGANIZATION}
    shared_people = len(people & {a.name for a in donor.actors if a.kind == PERSON})
    return shared_people + same_place + same_sentence + bool(hosts)


def _told_as_earlier(saying: Candidate) -> bool:
    return saying.sentence.text[:max(0, saying.trigger.start - saying.sentence.start)].endswith(_EARLIER)


def _same_speaker(saying: Candidate, donor: Candidate, speakers: dict[int, str | None]) -> int:
    """1 when the dated saying is the same speaker's: a place, a word or a person mentioned is no same saying."""
    speaker = speakers[id(saying)]
    return int(speaker is not None and speaker == speakers[id(donor)])


def _speaker(saying: Candidate) -> str | None:
    """Who said it: the person named just before the verb of saying ("Kerry told CNN", "He also warned") or right
    after it ("said Kerry"); not one the saying is about ("denied reports Kerry told lawmakers")."""
    verb, best = saying.trigger, None
    for actor in saying.actors:
        if actor.kind != PERSON:
            continue
        if actor.end <= verb.start:
            distance = verb.start - actor.end
        elif actor.start >= verb.end and actor.start - verb.end <= 2:
            distance = actor.start - verb.end
        else:
            continue
        if distance <= SPEAKER_REACH and (best is None or distance < best[0]):
            best = (distance, actor.name)
    return best[1] if best else None


def _told_twice(candidate: Candidate, donor: Candidate) -> bool:
    """One happening named twice in a sentence: the same word ("gearing up for the election ... holding the election
    by June 2007") or a verb and then a noun ("arrived in Haikou on Monday and started a three-day visit")."""
    return candidate.sentence is donor.sentence and (
        candidate.trigger.text.lower() == donor.trigger.text.lower() or donor.trigger.text.lower().endswith("ed"))


def _same_happening(candidate: Candidate, donor: Candidate, shared: int) -> bool:
    """A plan is not a thing done: tenses must agree (a present cue agrees with either); a meeting in Doha
    is not the one in Paris."""
    elsewhere = candidate.location is not None and donor.location is not None and candidate.location != donor.location \
        and candidate.event_type != STATEMENT   # a saying's place is as often what it is about as where it was said
    # a sentence that names two conferences is telling them apart ("the summit ... since a conference in June")
    contrasted = candidate.sentence is donor.sentence and not _told_twice(candidate, donor)
    return shared > 0 and not elsewhere and not contrasted \
        and (candidate.tense == donor.tense or candidate.cue == anchoring.PRESENT)
