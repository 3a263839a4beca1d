"""timex_span: the days a calendar TIMEX3 value covers, and how precise it is."""
from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, timedelta

from dashboard.parser.timex.dates import SEASON_START, add_months

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?:-XX)?$")     # 2016-07-XX: a day of July 2016
_PART = re.compile(r"^(\d{4})-([QH])([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def timex_span(value: str) -> tuple[date, date, str] | None:
    """(first day, last day, precision) for a calendar TIMEX3 value, None for anything else.

    "2016-07" -> (2016-07-01, 2016-07-31, "month"); "2016-W28" -> its Monday..Sunday, "week"; "2016-SU" ->
    June..August, "season" (northern meteorological seasons; "2016-WI" is December 2016 to February 2017);
    "201" -> 2010..2019, "decade"; TIME values -> their day. Half years ("2016-H2") report "quarter" precision,
    the nearest the event table's precisions come.
    """
    if not isinstance(value, str):
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6), "week"
            return monday, monday + timedelta(days=6), "week"
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), _month_end(year, month), "month"
        if m := _PART.match(value):
            year, size = int(m[1]), 3 if m[2] == "Q" else 6
            first = (int(m[3]) - 1) * size + 1
            if first > 12:
                return None
            return date(year, first, 1), _month_end(year, first + size - 1), "quarter"
        if m := _SEASON.match(value):
            first = date(int(m[1]), SEASON_START[m[2]], 1)
            last_year, last_month = add_months(first, 2)
            return first, _month_end(last_year, last_month), "season"
        if m := _YEAR.match(value):
            year = int(m[1])
            return date(year, 1, 1), date(year, 12, 31), "year"
        if m := _DECADE.match(value):
            year = int(m[1]) * 10
            return date(year, 1, 1), date(year + 9, 12, 31), "decade"
    except (ValueError, OverflowError):      # a value naming a day that does not exist
        return None
    return None
