"""An event found in a sentence, before it becomes a row of the event table: events.py finds them, context.py
dates the undated ones from the rest of their article."""
from __future__ import annotations

from dataclasses import dataclass

from dashboard.parser.actors import Actor
from dashboard.parser.anchoring import PAST, Dated
from dashboard.parser.casualties import Figure
from dashboard.parser.sentences import Sentence
from dashboard.parser.triggers import Trigger

STATEMENT, CASUALTIES = "statement", "casualties"


@dataclass
class Candidate:
    """An event found in a sentence, before it becomes a row."""
    event_type: str
    weight: float
    sentence: Sentence
    trigger: Trigger              # the words that name it (a casualty figure's phrase for a toll)
    actors: list[Actor]
    location: str | None
    figure: Figure | None = None
    dated: Dated | None = None
    date_from: str | None = None          # text | context | published | None (undated)
    tense: str = PAST
    cue: str | None = None
