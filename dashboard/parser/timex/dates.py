"""Calendar arithmetic the anchoring pass needs: month steps, ISO weeks, seasons, holidays."""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}   # northern meteorological seasons


def add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"   # ISO 8601 and TIMEX3 write two digits: 1998-W08


def season_of(day: date) -> tuple[int, str]:
    """The season containing day, with the year of its start month (December starts a winter)."""
    for code, month in sorted(SEASON_START.items(), key=lambda kv: -kv[1]):
        if day.month >= month:
            return day.year, code
    return day.year - 1, "WI"


def season_start(year: int, code: str) -> date:
    return date(year, SEASON_START[code], 1)


def holiday(year: int, norm: str) -> date | None:
    """A holiday norm (MM-DD, NTH-MM-weekday-n[+days], EASTER) in a given year."""
    if norm == "EASTER":
        return easter(year)
    if norm.startswith("NTH-"):
        spec, _, shift = norm[4:].partition("+")
        month, weekday, nth = (int(x) for x in spec.split("-"))
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (nth - 1) + int(shift or 0))
    month, day = (int(x) for x in norm.split("-"))
    return date(year, month, day)
