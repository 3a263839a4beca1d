"""Days counted from a date the text names: "the day before last Tuesday", "two days after Nov. 3",
"a week before Christmas". The step and the date make one mention, valued at the day it lands on."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dashboard.parser.timex import normalize
from dashboard.parser.timex.resources import expand, macros

_DAYS_PER_UNIT = {"D": 1, "W": 7}
_STEP_WORDS = ("before", "after")   # of the direction words, the two that step from a named day
_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)(.*)$")


@lru_cache(maxsize=1)
def _step_before() -> re.Pattern:
    """The step right before a date: "[the|N] day(s)|week(s) before|after ", anchored at the date's start."""
    pattern = expand(r"(?:\bthe|(?<![\w,.])%number)\s+%unit\s+%direction\s+$", macros())
    return re.compile(pattern, re.IGNORECASE)


def step_before(text: str, start: int) -> tuple[int, int] | None:
    """(where the step starts, signed days) when text[start:] is preceded by a day step, else None."""
    if not text[max(0, start - 16):start].rstrip().lower().endswith(_STEP_WORDS):
        return None    # the common case, settled without the regex
    m = _step_before().search(text, max(0, start - 40), start)
    if not m or m.group("direction").lower() not in _STEP_WORDS:
        return None
    if m.group("number") is None and m.group("unit").lower().endswith("s"):
        return None     # "the days before Christmas": no count
    known = macros()
    days = _DAYS_PER_UNIT.get(normalize.value(known["unit"], m.group("unit")))
    if days is None:
        return None
    try:
        count = 1 if m.group("number") is None else float(normalize.value(known["number"], m.group("number")))
    except normalize.NotAValue:
        return None
    if count != int(count):
        return None
    sign = 1 if normalize.value(known["direction"], m.group("direction")) == "PLUS" else -1
    return m.start(), sign * days * int(count)


def shifted(value: str, days: int) -> str | None:
    """A day value moved by `days`; the time of day it carried is dropped (it belonged to the other day)."""
    m = _DAY.match(value)
    if not m:
        return None
    try:
        return (date.fromisoformat(m.group(1)) + timedelta(days=days)).isoformat()
    except (OverflowError, ValueError):
        return None
