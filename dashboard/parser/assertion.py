"""Is an event word told as something that happens? Not when it is negated ("did not meet", "had no plans to
meet"), pleaded for or against, reacted to, ordered or kept from happening ("condemned the bombing", "ordered his
execution"), the sentence opens with a condition ("If the president goes to Moscow, ..."), or it tells of sport
("the national football team will meet Australia on Saturday")."""
from __future__ import annotations

import re

from dashboard.parser.gazetteer import WordStartPattern, first_letter_alternation, last_words_start
from dashboard.parser.lexicon import load
from dashboard.parser.sentences import Sentence
from dashboard.parser.triggers import Trigger, alternatives, lowered

# kinds of event that sport tells of too ("will meet Australia", "visiting West Brom", "a clash in the final")
SPORTING_SENSES = ("meeting", "visit", "conference", "military", "protest")
# lower-case patterns run on the lower-cased article (triggers.lowered): three times faster than IGNORECASE
# (each cue's alternatives grouped by first letter: at a word the engine skips the other letters at one comparison each)
_SPORT_CUES = alternatives("|".join(row["pattern"] for row in load("sport_cues")))
_SPORT = WordStartPattern(first_letter_alternation("|".join(_SPORT_CUES)) + r"\b")

# what someone pleads for or against, reacts to, orders or keeps from happening ("condemned the bombing", "a plea
# against the execution", "has prevented the resumption of the talks", "ordered his execution")
_PLEADED = WordStartPattern(r"(?:(?:pleas?|calls?|called|calling|appeals?|appealed|demands?|demanded|requests?|requested|bids?|"
                           r"campaign(?:ed|ing|s)?|opposition|objections?|lobbied|pressed|pressure|voted|votes?)\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:against|for|over)"
                           r"|(?:condemn|denounc|deplor|welcom|prais|hail|mourn|critici[sz]|blam|applaud|lament|slamm|lashed out at"
                           r"|prevent|block|delay|postpon|cancel|halt|suspend|derail|scuttl|thwart|jeopardi[sz]|order)\w*)"
                           r"\s+(?:(?:the|a|an|any|his|her|its|their|this|that|these|those|two|three|[\w-]+['’]s)\s+)?"
                           r"(?:[\w-]+\s+){0,4}$")
# the most words a match of _PLEADED spans: a verb, two words, "for" (or "lashed out at"), a determiner, four words
_PLEADED_WORDS = 9
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno|\bno plans? to|\brefused to|\brefuses to|\bdeclined to|\bno longer)\s+"
                      r"(?:(?:to|be|been|have)\s+)?$")
# the words a match of _NEGATED can end with (before its spaces): a test at string speed before the search, which
# tries every alternative at every position of its window and finds nothing for nearly every trigger
NEGATED_LAST_WORDS = ("not", "n't", "never", "no", "to", "longer", "be", "been", "have")
_NEGATED_AFTER = re.compile(r"(?:\s+(?:between|with|on|over|in|of|among)(?:\s+(?![\w-]+ed\b)[\w'’-]+){1,5}?)?"
                            r"\s+(?:(?:will|would|did|does|do|could|can|may|might|has|have|had|is|are|was|were)\s+(?:not|never)"
                            r"|won't|didn't|wouldn't|hasn't|haven't|hadn't|wasn't|weren't|isn't|aren't|cannot|can't|never)\b",
                            re.IGNORECASE)
_WAITS_UNTIL = re.compile(r"[^,;.]{0,40}?\b(?:until|till)\b", re.IGNORECASE)
_WAIT_REACH = 45    # the most characters a match of _WAITS_UNTIL spans
_ENDS_WITH_PREPOSITION = re.compile(r"\s+(?:between|with|among)$", re.IGNORECASE)   # "talks between"
_OBJECT_OF = re.compile(r"\b(?:of|for|at|in|to)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)  # "coordinators of the summit did not"
_CONDITIONAL = re.compile(r"\W*(?:If|Unless|Should)\b")


def conditional(sentence: Sentence) -> bool:
    """'If the president goes to Moscow, the opposition will boycott the talks': all of it may never happen."""
    return _CONDITIONAL.match(sentence.text) is not None


def pleaded(text: str, sentence: Sentence, trigger: Trigger) -> bool:
    """Is the trigger what someone pleads for or against, reacts to, orders or keeps from happening?"""
    lowered_text = lowered(text)
    start = last_words_start(lowered_text, sentence.start, trigger.start, _PLEADED_WORDS)
    return _PLEADED.search(lowered_text, start, trigger.start) is not None


def _may_wait(window: str) -> bool:
    """Can _WAITS_UNTIL match in the window? Not in ASCII text without "til": a test at string speed, as the pattern
    tries "until" at each of its first 40 characters. (Beyond ASCII the regex engine's case folding may find one
    that lower() does not show.)"""
    return not window.isascii() or "til" in window.lower()


def negated(text: str, sentence: Sentence, trigger: Trigger) -> bool:
    """What did not happen: "did not meet", "has no plans to meet", "the talks between them will not take place"
    (but "coordinators of the summit did not say" is about the coordinators)."""
    if _may_wait(text[trigger.end:trigger.end + _WAIT_REACH]) and _WAITS_UNTIL.match(text, trigger.end):
        return False     # "did not meet until Friday", "a vote might not happen until Dec. 8": it will, then
    lowered_text, window_start = lowered(text), max(sentence.start, trigger.start - 30)
    if lowered_text[window_start:trigger.start].rstrip().endswith(NEGATED_LAST_WORDS) \
            and _NEGATED.search(lowered_text, window_start, trigger.start):
        return True
    preposition = _ENDS_WITH_PREPOSITION.search(trigger.text)    # "talks between": the names follow
    after = trigger.end - (len(preposition[0]) if preposition else 0)
    return _NEGATED_AFTER.match(text, after) is not None \
        and not _OBJECT_OF.search(text, max(sentence.start, trigger.start - 12), trigger.start)


def sporting(text: str, sentence: Sentence) -> bool:
    """Does the sentence tell of sport (sport_cues.tsv)? Its meetings, visits and clashes are games."""
    return _SPORT.search(lowered(text), sentence.start, sentence.end) is not None
