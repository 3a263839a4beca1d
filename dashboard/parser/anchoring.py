"""When an event happened: which temporal expression of its sentence governs it, and its tense.

- A trigger takes the nearest date of its own clause (the cost of the clause cues between them, clauses.py),
  dates coordinated with it ("two weeks ago and ... last week"), and a date that describes its noun before
  a nearer one ("the summit to be held in Dhaka on Nov. 12").
- A date right after a reporting verb ("said Tuesday", "told reporters on Monday") dates the saying; it
  dates another event of the sentence only across a participle ("said Monday after meeting X").
- A trigger that announces a plan ("to meet", "will host") is never dated by a day already past, except a
  deadline, which may have passed.
- Tense comes from the date against publication; when the date contains the publication day or the event
  has no date of its own, from the cue words around the trigger (lexicon tense_cues.tsv).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

from dashboard.parser.clauses import MAX_COST, POSSESSIVE, Clauses, clauses_of
from dashboard.parser.timex import timex_span
from dashboard.parser.timex.resources import tense_cue_rows
from dashboard.parser.triggers import Trigger, lowered

PAST, PRESENT, FUTURE = "past", "present", "future"
_CALENDAR_TYPES = ("DATE", "TIME")
_NEAR_REPORTING = 40     # chars between a reporting verb and a date that belongs to it
_OPENING = 20           # a date this close to the sentence start ("On Monday, X said") dates its statement
FAR = 150               # chars beyond which a date does not govern an event's trigger
_CUE_WINDOW = 60         # chars before a trigger searched for tense cues
_CUE_AFTER = 15          # and after it ("a ceasefire will precede")
# "said Tuesday", "told reporters on Monday", "said a senior official Sunday"; not "said that bombings this month"
_BETWEEN_VERB_AND_DATE = re.compile(r"^\s+(?!.*\b(?:that|whether|if)\b)(?:(?:on|late|early|in)\s+|(?:[\w.-]+\s+){0,4}(?:on\s+)?)$")
# "said Mongolian Prime Minister Miegombyn Enkhbold here on Tuesday", "told visiting President Mwai Kibaki Friday": the
# speaker or listener named between the verb and its date
_NAMED_BETWEEN_VERB_AND_DATE = re.compile(r"^\s+(?:[a-z][\w'-]*\s+)?(?:[A-Z][\w.'-]*\s+){1,6}(?:(?:here|there|late|early|"
                                          r"on|in)\s+){0,2}$")
_NEAR_REPORTING_NAMED = 75
_BETWEEN_DATE_AND_VERB = re.compile(r"^\s+(?:\w+ly\s+)?$")
# between two coordinated dates of one verb: "and", then at most four words that are no verb or auxiliary
_GAPPED = re.compile(r"\s*,?\s*(?:and|or|as well as)\s+(?!(?:\S+\s+){0,3}?(?:is|was|were|are|will|would|has|had|have|did)\b)"
                     r"(?:(?:[A-Z][\w.'-]*|[a-z][\w'-]*(?<!ed)(?<!ing))\s+){0,4}$")
# "the summit to be held in Dhaka on Nov. 12": words that describe the event noun before its date
_DESCRIBING_VERB_WORDS = (r"held|scheduled|set|slated|planned|due|opened|convened|signed|reached|called|expected|clinched|"
                          r"struck|concluded|closed|began|ended|started|took place|kicked off|wrapped up|resumed|"
                          r"took effect|went into effect|came into (?:force|effect)|entered into force|expired|collapsed|"
                          r"broke down")
_DESCRIBING_VERBS = f"(?:{_DESCRIBING_VERB_WORDS})"
_DESCRIBED = re.compile(r",?[^,;:]{0,90}?\b(?:(?:to be|which (?:will be|was|is)|that (?:will be|was|is)|being|was|were|"
                        rf"will be|is|are)\s+)?{_DESCRIBING_VERBS}\b[^,;:()]{{0,60}}", re.IGNORECASE)
DESCRIBED_VERB = re.compile(rf"\b{_DESCRIBING_VERBS}\b", re.IGNORECASE)
_ONLY_PREPOSITION = re.compile(r"\W*(?:(?:on|in|at|by|late|early|earlier|later|last|during)\s+)?(?:the\s+)?", re.IGNORECASE)
HAPPENS_AT = r"at|during|on the sidelines of"    # what happens at an event shares its day ("met at the summit")
_AT_EVENT = re.compile(rf"\s*(?:(?:morning|afternoon|evening|night)\s+)?(?:{HAPPENS_AT})\s+(?:the|a|an)\s+"
                       r"(?:[\w-]+\s+){0,8}$", re.IGNORECASE)
_POSSESSED_REACH = 60    # chars from "Friday's" to the noun it dates ("this year's Asia-Pacific Economic Cooperation
#                          forum")
_AT_POSSESSED = re.compile(rf"\s+(?:(?:[\w-]+\s+){{0,3}}?(?:{HAPPENS_AT}|in)\s+)?$", re.IGNORECASE)
_VERB_AFTER_TO = re.compile(r"\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those)\b)[a-z]+\b")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:[\w'’-]+,?\s+){0,6}?(?:(?:on|late|early|published|released)\s+)?$",
                           re.IGNORECASE)
_OWN_RELATIVE = re.compile(r"\s*,?\s*(?:which|that)\b")
# "a dispute sparked last year": a date after a noun and its past participle describes that noun
_OTHER_NOUNS_PARTICIPLE = re.compile(r"\b(?!(?:was|were|been|be|being|is|are|has|have|had|and|or|not|never|also|just|"
                                     r"already|then|first|later|earlier)\b)[a-z]+(?<!ly)\s+(?!" + _DESCRIBING_VERBS
                                     + r"\b)[a-z]+ed\s+(?:(?:on|in|at|during|until|by|early|late|earlier|later)\s+)?"
                                     r"(?:the\s+)?$")
_DONE = re.compile(r"(?:ed|said|told)$")
_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–)\s*")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_UNTIL = re.compile(r"\b(?:not|n't|never)\b[^,;]{0,50}\b(?:until|till)\s+[^,;]*$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|til|up to|through)\s+(?:the\s+)?(?:(?:end|middle|beginning|start)\s+of\s+)?$",
                    re.IGNORECASE)

# the kinds of tense cue (tense_cues.tsv) an event reads; the others say where a date's clause ends, how near a
# date must stand, or what only a date can use (a modal "may" is no plan, nor is the month May)
EVENT_CUE_KINDS = ("word", "report", "infinitive", "attributive")
_CUE_READINGS = {cue.phrase: (None if cue.tense == "-" else cue.tense, cue.kind)
                 for cue in tense_cue_rows() if cue.kind in EVENT_CUE_KINDS}


def _phrase_regex(phrases) -> str:
    """The phrases as one regex, a tree of their shared beginnings (one pass over a window, however many
    phrases); where several start at one place the longest wins ("is to" over "is")."""
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})" if branches else ""
        return f"(?:{body})?" if "" in node and body else body
    return pattern(tree)


# not the last part of a compound ("NATO-led troops" is no "led"); matched on the lowered text (triggers.lowered),
# much faster than IGNORECASE
_CUES = re.compile(rf"(?<!\w-)\b{_phrase_regex(_CUE_READINGS)}\b")


def _reading(words: str) -> tuple[str | None, str]:
    """(tense, kind) of the cue phrase _CUES matched (most are written with single spaces: looked up as they
    stand first)."""
    return _CUE_READINGS.get(words) or _CUE_READINGS[" ".join(words.split())]


@dataclass(frozen=True)
class Dated:
    """A usable calendar mention: its offsets, span of days and precision."""
    timex: object       # the Timex
    first: date
    last: date
    precision: str
    joined: bool = False   # a range made of two mentions ("from Nov. 4 to 5")
    # the timex's offsets, copied when made: read for every pair of trigger and mention (a property is a call each time)
    start: int = field(init=False, compare=False, repr=False)
    end: int = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "start", self.timex.start)
        object.__setattr__(self, "end", self.timex.end)


def calendar_mentions(timexes: list) -> list[Dated]:
    """Timexes that name days on the calendar (durations, sets, vague references and values left
    underspecified for want of a publication date name none)."""
    dated = []
    for timex in timexes:
        if timex.type not in _CALENDAR_TYPES:
            continue
        span = timex_span(timex.value)
        if span is not None:
            dated.append(Dated(timex, *span))
    return dated


def join_ranges(text: str, mentions: list[Dated]) -> list[Dated]:
    """'from Nov. 4 to 5', 'between March 3 and March 9', 'June 1-3', 'on Nov. 12 and 13': two mentions that
    bound one span become one, from the first's first day to the second's last (mentions sorted by start)."""
    joined: list[Dated] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if last is not None and mention.first >= last.last and _RANGE_LINK.fullmatch(text, last.end, mention.start) \
                and _bound_one_span(text, last, mention):
            joined[-1] = Dated(last.timex._replace(end=mention.end, text=text[last.start:mention.end]),
                               last.first, mention.last, last.precision, joined=True)
        else:
            joined.append(mention)
    return joined


def _bound_one_span(text: str, first: Dated, second: Dated) -> bool:
    """Do two mentions linked by "to", "-" or "and" bound one span? "and" joins only neighbours ("on Friday and
    Saturday", "April 24 and 25") or the ends after "between": "in 1994 and 1997" are two dates, "on Nov. 4 and 9"
    two days."""
    link = text[first.end:second.start].strip()
    if _RANGE_OPEN.search(text, max(0, first.start - 10), first.start) or (second.first - first.last).days == 1:
        return True
    return link != "and" and (link in ("-", "–") or second.timex.text.isdigit())


PLANNABLE = ("meeting", "conference", "vote", "deadline", "visit")   # events news announces ahead of their day
_YEAR = re.compile(r"\b\d{4}\b|['’]\d\d\b")
_BEFORE_NOUN = re.compile(r"(?:['’]s)?(?:\s+[A-Za-z][\w-]*){0,3}\s+$")


def planned_year(text: str, trigger: Trigger, dated: Dated, published: date | None) -> Dated:
    """'Displeasure over the Jan. 25 parliamentary elections', written in November: a year-less day set before the
    noun of an event that is planned ahead (elections, a summit, a deadline) is its nearest such day, even ahead,
    whatever the tense of the clause around it (which is about something else). A killing is not planned: "the Oct.
    23 slaying" stays in the past."""
    if published is None or trigger.event_type not in PLANNABLE or dated.first >= published or dated.joined \
            or dated.precision != "day" \
            or dated.end > trigger.start or _YEAR.search(dated.timex.text) \
            or not _BEFORE_NOUN.fullmatch(text, dated.end, trigger.start):
        return dated
    try:
        first, last = dated.first.replace(year=dated.first.year + 1), dated.last.replace(year=dated.last.year + 1)
    except ValueError:     # 29 February
        return dated
    if (first - published).days >= (published - dated.last).days:
        return dated
    value = dated.timex.value.replace(str(dated.first.year), str(first.year), 1)
    return Dated(dated.timex._replace(value=value), first, last, dated.precision)


def _plan_after(text: str, trigger: Trigger) -> int | None:
    """Where the verb of a plan the trigger sets ends ("agreed to attend", "decided not to hold"), or None: what
    comes after it is the plan's, not the trigger's."""
    cue = _CUES.match(lowered(text), trigger.start)
    if cue is None or _reading(cue.group())[1] != "infinitive":
        return None
    verb = _VERB_AFTER_TO.match(text, cue.end())
    return verb.end() if verb else None


def after_until(text: str, mention: Dated) -> bool:
    """'aid to feed them till next March', 'talks will go on until Friday': the end of a stretch, not the day of the
    event (but the day a deadline falls, and 'not until Dec. 8' is when it will happen)."""
    return not mention.joined and _until_before(text, mention.start)


def after_since(text: str, mention: Dated) -> bool:
    """'since March 2011': the start of a running count, not when the event happened."""
    return not mention.joined and _since_before(text, mention.start)


# asked of a mention for every trigger of its sentence: looked up once per article (clear_cues empties them)
@lru_cache(maxsize=1024)
def _until_before(text: str, at: int) -> bool:
    return bool(_UNTIL.search(text, max(0, at - 25), at)) and not _NOT_UNTIL.search(text, max(0, at - 80), at)


@lru_cache(maxsize=1024)
def _since_before(text: str, at: int) -> bool:
    return bool(_SINCE.search(text, max(0, at - 12), at))


def reporting_dates(text: str, mentions: list[Dated], reporting: list[Trigger],
                    events: list[Trigger] = ()) -> set[int]:
    """Start offsets of mentions that date a reporting verb ("said on Tuesday", "Iran Saturday condemned") or a
    source ("according to official results Friday") and only it. A date after an event the verb reports
    ("announced the agreement in Doha on Wednesday") dates that event as well, so it is not the verb's alone."""
    owned = set()
    for mention in mentions:
        if _ACCORDING_TO.search(text, max(0, mention.start - 70), mention.start):
            owned.add(mention.start)   # "won the election, according to official results Friday": the results'
            continue
        for verb in reporting:
            if _dates_saying(text, verb, mention) and not any(
                    verb.end <= e.start and e.end <= mention.start for e in events):
                owned.add(mention.start)
    return owned


def _dates_saying(text: str, verb: Trigger, mention: Dated) -> bool:
    """Is the mention written as the time of the saying: right after the verb ("said a senior official
    Sunday") or right before it ("Clinton Saturday vowed", "Iran on Friday condemned")?"""
    after = text[verb.end:mention.start]
    if 0 <= mention.start - verb.end <= _NEAR_REPORTING and _BETWEEN_VERB_AND_DATE.match(after):
        return True
    if 0 <= mention.start - verb.end <= _NEAR_REPORTING_NAMED and _NAMED_BETWEEN_VERB_AND_DATE.match(after):
        return True
    before = text[mention.end:verb.start]
    return 0 <= verb.start - mention.end <= _NEAR_REPORTING and bool(_BETWEEN_DATE_AND_VERB.match(before))


def governing(text: str, trigger: Trigger, mentions: list[Dated], owned_by_reporting: set[int],
              published: date | None, sentence_start: int, sentence_end: int,
              clauses: Clauses | None = None) -> Dated | None:
    """The mention (of the trigger's sentence) that dates the event `trigger` names, or None."""
    found = governing_all(text, trigger, mentions, owned_by_reporting, published, sentence_start, sentence_end,
                          clauses)
    return found[0] if found else None


def governing_all(text: str, trigger: Trigger, mentions: list[Dated], owned_by_reporting: set[int],
                  published: date | None, sentence_start: int, sentence_end: int,
                  clauses: Clauses | None = None) -> list[Dated]:
    """The mentions that date the event `trigger` names: the nearest of its own clause, then any coordinated
    with it ("met the king two weeks ago and the prime minister last week" is two meetings). Empty when its
    clause has no date."""
    if clauses is None:
        clauses = clauses_of(text, sentence_start, sentence_end, [(m.start, m.end) for m in mentions])
    cue = nearest_cue(text, trigger, sentence_start, sentence_end)
    # a plan ("will monitor the deal", "hoped to ... after the 2002 elections") binds only its own clause
    planned = cue is not None and cue[0] == FUTURE and clauses.cost(cue[1], trigger.start) == 0
    plan = _plan_after(text, trigger)    # "agreed to attend talks ...": where the plan's verb ends
    candidates = []
    for mention in mentions:
        distance = max(mention.start - trigger.end, trigger.start - mention.end, 0)
        if after_since(text, mention) or (trigger.event_type != "deadline" and after_until(text, mention)):
            continue
        if plan is not None and mention.start >= plan:
            continue   # "the Islamists had agreed to attend talks in Nairobi on Thursday": Thursday is the talks'
        described = _described(text, trigger, mention, mentions)
        if planned and not described and published is not None and mention.last < published \
                and trigger.event_type != "deadline":
            continue   # a plan is never on a day already past ("the deal clinched on Tuesday" is no plan)
        if trigger.event_type == "statement":
            opens = _opens(text, mention, sentence_start) and clauses.cost(mention.end, trigger.start) == 0
            if not _dates_saying(text, trigger, mention) and not opens:
                continue   # a date inside what was said is not when it was said
            if published is not None and mention.first > published and _DONE.search(trigger.text):
                continue   # "said" is done: a later day is what was said about
            candidates.append((0, False, distance, mention.start, mention))
            continue
        if mention.start in owned_by_reporting and not _participle_between(clauses, trigger, mention) \
                and not _AT_EVENT.match(text, mention.end, trigger.start):
            continue   # "Iran Saturday condemned the bombing": Saturday is when Iran spoke (but one speaks "on
            #            Saturday at the conference" while it is on)
        if distance > FAR:
            continue   # a date this far off belongs to another clause ("..., to be set up by Oct. 15")
        if POSSESSIVE.match(text, mention.end) and not (
                0 <= trigger.start - mention.end <= _POSSESSED_REACH and clauses.cost(mention.end, trigger.start) == 0) \
                and not _AT_POSSESSED.match(text, trigger.end, mention.start):
            continue   # "demonstrations ..., leading to last year's Orange Revolution": the date is that noun's (and
            #            what happens at it or to it: "will meet at Sunday's summit", "boycott next month's polls")
        if mention.start > trigger.end and _describes_other(text, trigger, mention):
            continue
        cost = clauses.cost(_edge(trigger, mention), _edge(mention, trigger))
        if described and _OWN_RELATIVE.match(text, trigger.end):
            cost = 0   # "the Euromed summit, which concluded on Monday": the clause is about the summit
        if cost > MAX_COST:
            continue   # another clause's date ("said on Sunday that talks would resume")
        candidates.append((cost, not described, distance, mention.start, mention))
    if not candidates:
        return []
    candidates.sort(key=lambda c: c[:4])
    best = candidates[0]
    found = [best[-1]]
    if trigger.event_type != "statement" and best[0] == 0:
        for cost, _, _, _, mention in candidates[1:]:
            if cost == 0 and _coordinated(text, found[-1], mention, trigger):
                found.append(mention)
    return found


def _described(text: str, trigger: Trigger, mention: Dated, mentions: list[Dated]) -> bool:
    """Is the mention the date of a phrase describing the trigger's noun ("the summit to be held in Dhaka on
    Nov. 12")? Cheap tests first: the full pattern is only tried where one of its verbs stands between."""
    return trigger.end <= mention.start <= trigger.end + 200 \
        and DESCRIBED_VERB.search(text, trigger.end, mention.start) is not None \
        and not any(trigger.end <= m.start < mention.start for m in mentions) \
        and _DESCRIBED.fullmatch(text, trigger.end, mention.start) is not None


def _describes_other(text: str, trigger: Trigger, mention: Dated) -> bool:
    """'the agreement ends a dispute sparked last year': the date is the dispute's, not the agreement's (but in
    'the agreement signed last year' the participle is the trigger's own)."""
    match = _OTHER_NOUNS_PARTICIPLE.search(text, max(trigger.end, mention.start - 60), mention.start)
    return match is not None and match.start() >= trigger.end + 1


def _participle_between(clauses: Clauses, trigger: Trigger, mention: Dated) -> bool:
    """'said Monday after meeting X': the saying's date also dates what its subject did just before."""
    return any(b.kind == "participle" for b in clauses.between(mention.start, trigger.end))


def _edge(a, b) -> int:
    """The offset of `a` that faces `b` (its end when b follows, else its start)."""
    return a.end if b.start >= a.end else a.start


def _coordinated(text: str, first: Dated, second: Dated, trigger: Trigger) -> bool:
    """Is `second` a date of the same trigger coordinated with `first`, on the same side of it, with only
    'and' and a new participant or place between ("... two weeks ago and the prime minister last week")?"""
    if (first.start > trigger.start) != (second.start > trigger.start):
        return False
    lo, hi = (first, second) if first.start < second.start else (second, first)
    return bool(_GAPPED.match(text, lo.end, hi.start))


def _opens(text: str, mention: Dated, sentence_start: int) -> bool:
    """'On Monday, De Mistura said', 'On December 20 Zawahiri slammed': a date that opens the sentence (set off by
    a comma, or after no more than its preposition) dates all of it."""
    return mention.start - sentence_start <= _OPENING and (
        text.startswith(",", mention.end) or _ONLY_PREPOSITION.fullmatch(text, sentence_start, mention.start) is not None)


def cue_tense(text: str, trigger: Trigger, sentence_start: int, sentence_end: int) -> str | None:
    """Tense from the cue words nearest the trigger (inside, shortly before or right after), or None."""
    found = nearest_cue(text, trigger, sentence_start, sentence_end)
    return found[0] if found else None


@lru_cache(maxsize=256)   # asked for the same trigger when dating it and again for its tense (per article)
def nearest_cue(text: str, trigger: Trigger, sentence_start: int, sentence_end: int) -> tuple[str, int] | None:
    """(tense, start offset) of the cue words nearest the trigger (inside, shortly before or right after), or
    None."""
    window_start = max(trigger.start - _CUE_WINDOW, sentence_start)
    best = None
    text = lowered(text)
    for match in _CUES.finditer(text, window_start, min(trigger.end + _CUE_AFTER, sentence_end)):
        words = match.group()
        tense, kind = _reading(words)
        start, end = match.span()
        if kind == "infinitive" and trigger.start <= start and trigger.end <= end:
            # the trigger is the verb or stands before it ("the two sides agreed to meet", "the summit decided
            # to"): the plan is what follows, the agreeing is done; the verb alone may say so
            match = _CUES.match(text, start, start + len(words.split()[0]))
            if match is None:
                continue
            tense, end = _reading(match.group())[0], match.end()
        if kind == "attributive" and start >= trigger.end:
            continue    # "the upcoming summit" plans the summit, not the trigger before it
        if tense is None:
            continue    # "next to": no cue, but its words are no cue either
        distance = max(trigger.start - end, start - trigger.end, 0)
        key = (distance, tense != FUTURE)
        if best is None or key < best[0]:
            best = (key, tense, start)
    return (best[1], best[2]) if best else None


def clear_cues() -> None:
    nearest_cue.cache_clear()
    _until_before.cache_clear()
    _since_before.cache_clear()
    lowered.cache_clear()


def tense_of(first: date | None, last: date | None, published: date | None, cue: str | None,
             from_text: bool) -> str:
    """Past/present/future of an event against publication; cue words decide when the date cannot. A span of
    days that holds the publication day ("on November 4-5", "this month") is under way unless a cue says
    otherwise."""
    if from_text and first is not None and published is not None:
        if last < published:
            return PAST
        if first > published:
            return FUTURE
        if first < last:
            return cue or PRESENT
    return cue or PAST
