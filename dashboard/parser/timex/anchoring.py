"""Pass 2: turn the underspecified values pass 1 emitted into TIMEX3 values, using the publication date and
the tense of the clause around each mention. Without an anchor they stay underspecified (XXXX-...)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from dashboard.parser.timex import dates as cal

Tense = Callable[[], "str | None"]     # lazily computed: most values never need it

_UNIT_GRAIN = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "MIN": "minute", "S": "second",
               "DE": "decade-years", "CE": "century-years"}
_PER_DAY = {"hour": 24, "minute": 24 * 60, "second": 24 * 3600}   # "36 hours ago" is a day and a half back
_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}


def duration(amount: str, unit: str) -> str:
    """TIMEX3 duration: ('3','Y') -> P3Y, ('90','MIN') -> PT90M, ('5.5','H') -> PT5H30M, ('2','DE') -> P20Y."""
    if amount == "X":
        return f"PTX{_TIME_UNITS[unit]}" if unit in _TIME_UNITS else f"PX{unit}"
    n = float(amount)
    if unit in ("DE", "CE"):
        n, unit = n * (10 if unit == "DE" else 100), "Y"
    if n != int(n):   # a fraction: say it in the next smaller unit
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"),
                   "MIN": (60, "S")}
        if unit in smaller:
            factor, small = smaller[unit]
            if unit == "H" and n > 1:
                return f"PT{int(n)}H{round((n - int(n)) * 60)}M"
            n, unit = n * factor, small
    n = int(round(n))
    return f"PT{n}{_TIME_UNITS[unit]}" if unit in _TIME_UNITS else f"P{n}{unit}"


TENSE_REACH = 330   # days: a tense cue may push a year-less date this far from the anchor, not further
DAY_TENSE_REACH = 300   # ...and a year-less day this far: "ruled on Nov. 28" written in October is this year's
UNCUED_FUTURE_REACH = 62   # days: how far ahead a year-less date with no tense cue may still be read


def _closest(days: list[date], anchor: date, tense: str | None, reach: int = TENSE_REACH) -> date:
    """The day on the side of the anchor the tense says, nearest the anchor; a tie goes to the past (news
    mostly reports). A tense cue that would put the date more than TENSE_REACH days away is overruled by the
    nearest day: cues are read from a few words around the mention and are wrong more often than news is
    that far off."""
    fitting = [d for d in days if abs((d - anchor).days) <= reach and (
               tense is None or (tense == "past" and d <= anchor) or (tense == "future" and d >= anchor))]
    if tense is None:   # with no cue, only a near future beats the past: news mostly reports
        fitting = [d for d in fitting if d <= anchor or (d - anchor).days <= UNCUED_FUTURE_REACH] or fitting
    return min(fitting or days, key=lambda d: (abs((d - anchor).days), d > anchor))


def _pick_year(month: int, day: int | None, anchor: date, tense: str | None, weekday: int | None = None
               ) -> int | None:
    """The year of a year-less month (or month and day) in the news of `anchor`; None for a day that no
    year near it has (31 April, 29 February far from a leap year)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day or 1))
        except ValueError:      # 29 February in a common year
            continue
    if day is None:             # the anchor's own month is as near as it gets
        options = [anchor if (d.year, d.month) == (anchor.year, anchor.month) else d for d in options]
    if not options:
        return None
    named = [d for d in options if day and weekday and d.isoweekday() == weekday]
    if named:     # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
        return min(named, key=lambda d: abs((d - anchor).days)).year
    return _closest(options, anchor, tense, DAY_TENSE_REACH if day else TENSE_REACH).year


def _period_year(first_month: int, months: int, anchor: date, tense: str | None) -> int:
    """The year of a quarter or half named without one. Past: the latest that has begun ("rose in the third
    quarter" written in August). Future: the earliest that has not been over for long, since results "will be
    announced for the July-September quarter" in October, while "growth will pick up in the first quarter"
    written in July is next year's. No cue: the nearest."""
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    starts = [date(y, first_month, 1) for y in years]
    if tense == "past":
        return max(s for s in starts if s <= anchor).year
    if tense == "future":
        return min(s for s in starts if date(*cal.add_months(s, 2 * months), 1) > anchor).year
    return min(starts, key=lambda s: abs((date(*cal.add_months(s, months // 2), 15) - anchor).days)).year


_MONTH_REST = re.compile(r"(\d\d)(?:-(\d\d))?(.*)$")
_PART_REST = re.compile(r"([QH])(\d)$")


def _year_rest(rest: str, anchor: date | None, tense: Tense, weekday: int | None = None) -> tuple[str, bool]:
    """rest is MM, MM-DD[T..], SU, Q3, H1 or a holiday norm; returns the full value."""
    if anchor is None:
        if rest.startswith(("NTH-", "EASTER")):
            return "XXXX-XX-XX", True
        return f"XXXX-{rest}", True
    t = tense()
    holiday_norm = rest if rest.startswith(("NTH-", "EASTER")) else None
    if holiday_norm:
        days = [cal.holiday(y, holiday_norm) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        return _closest(days, anchor, t).isoformat(), True
    m = _MONTH_REST.match(rest)
    if m:
        month, day = int(m.group(1)), int(m.group(2)) if m.group(2) else None
        year = _pick_year(month, day, anchor, t, weekday)
        return f"{year or 'XXXX'}-{rest}", True
    if rest in cal.SEASON_START:
        return f"{_pick_year(cal.SEASON_START[rest] + 1 if rest != 'WI' else 12, None, anchor, t)}-{rest}", True
    q = _PART_REST.match(rest)
    if q:
        months = 3 if q.group(1) == "Q" else 6
        first_month = (int(q.group(2)) - 1) * months + 1
        return f"{_period_year(first_month, months, anchor, t)}-{rest}", True
    return f"{anchor.year}-{rest}", True


REPORTING_LAG = 45   # days: results for a quarter come out within about six weeks of its end


def reported_quarter(anchor: date | None, tense: str | None) -> str:
    """"the quarter" of a results story: the one being reported, which ended shortly before publication
    (profit "rose in the quarter" written on Nov. 10 is the third); a future "the quarter" is the current one."""
    if anchor is None:
        return "XXXX-QX"
    day = anchor if tense == "future" else anchor - timedelta(days=REPORTING_LAG)
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _weekday(number: int, anchor: date | None, tense: str | None, suffix: str) -> str:
    if anchor is None:
        return f"XXXX-WXX-{number}{suffix}"
    shift = number - anchor.isoweekday()
    if shift == 0:
        day = anchor
    elif tense == "future":
        day = anchor + timedelta(days=shift % 7)
    else:
        day = anchor - timedelta(days=(-shift) % 7)
    return day.isoformat() + suffix


def _offset(grain: str, sign: int, amount: str, anchor: date | None, suffix: str) -> str:
    """The unit `amount` steps before/after the anchor, at the unit's precision."""
    if amount == "X":
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    grain = _UNIT_GRAIN.get(grain, grain)
    if grain in _PER_DAY:   # a clock-sized step: the day it lands on
        grain, amount = "day", str(float(amount) // _PER_DAY[grain])
    n = sign * int(float(amount))
    if anchor is None:
        blank = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "decade-years": "XXXX",
                 "century-years": "XXXX"}
        return blank.get(grain, "XXXX") + suffix
    if grain == "day":
        return (anchor + timedelta(days=n)).isoformat() + suffix
    if grain in ("week", "weekend"):
        return cal.iso_week(anchor + timedelta(weeks=n)) + ("-WE" if grain == "weekend" else "") + suffix
    if grain == "month":
        year, month = cal.add_months(anchor, n)
        return f"{year}-{month:02d}{suffix}"
    if grain == "quarter":
        year, month = cal.add_months(anchor, 3 * n)
        return f"{year}-Q{(month - 1) // 3 + 1}{suffix}"
    if grain == "year":
        return f"{anchor.year + n}{suffix}"
    if grain == "decade-years":
        return f"{anchor.year + 10 * n}{suffix}"
    if grain == "century-years":
        return f"{anchor.year + 100 * n}{suffix}"
    if grain == "decade":
        return f"{anchor.year // 10 + n}{suffix}"
    raise ValueError(f"unknown grain {grain!r}")


def _named_relative(sign: int, kind: str, item: str, anchor: date | None, suffix: str) -> str:
    """last/next/this + a named month, weekday, season or holiday."""
    if anchor is None:
        return {"month": f"XXXX-{item}", "weekday": f"XXXX-WXX-{item}", "season": f"XXXX-{item}"}.get(
            kind, "XXXX-XX-XX") + suffix
    if kind == "month":
        # "last February" written in March is a year back: the February just over would be "in February" or
        # "last month"
        month = int(item)
        year = anchor.year + (sign if (sign < 0 and month >= anchor.month - 1) or
                              (sign > 0 and month <= anchor.month) else 0)
        return f"{year}-{item}{suffix}"
    if kind == "weekday":
        shift = int(item) - anchor.isoweekday()
        if sign < 0:
            day = anchor - timedelta(days=(-shift) % 7 or 7)
        elif sign > 0:
            day = anchor + timedelta(days=shift % 7 or 7)
        else:
            day = anchor + timedelta(days=shift)     # this Tuesday: in the anchor's week
        return day.isoformat() + suffix
    if kind == "season":
        current = cal.season_start(*cal.season_of(anchor))
        starts = [cal.season_start(y, item) for y in range(anchor.year - 2, anchor.year + 3)]
        if sign < 0:
            start = max(s for s in starts if s < current)
        elif sign > 0:
            start = min(s for s in starts if s > current)
        else:   # this summer: the current one, else the one of the anchor's year
            season_year, season = cal.season_of(anchor)
            start = cal.season_start(season_year if season == item else anchor.year, item)
        return f"{start.year}-{item}{suffix}"
    if kind == "holiday":
        days = [cal.holiday(y, item) for y in range(anchor.year - 1, anchor.year + 2)]
        if sign < 0:
            return max(d for d in days if d < anchor).isoformat()
        if sign > 0:
            return min(d for d in days if d > anchor).isoformat()
        return cal.holiday(anchor.year, item).isoformat()
    raise ValueError(f"unknown named relative {kind!r}")


def _weekend(anchor: date | None, tense: str | None) -> str:
    """'over the weekend': the latest weekend (the current one on a Saturday or Sunday); the next when future."""
    if anchor is None:
        return "XXXX-WXX-WE"
    past = anchor.isoweekday() < 6 and tense != "future"   # before Saturday, a past weekend is last week's
    return cal.iso_week(anchor - timedelta(weeks=1 if past else 0)) + "-WE"


def _weekday_in(sign: int, weeks: int, weekday: int, anchor: date | None) -> str:
    """'Thursday last week': that weekday of the week `weeks` steps from the anchor's."""
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    day = anchor + timedelta(weeks=sign * weeks)
    return (day + timedelta(days=weekday - day.isoweekday())).isoformat()


def _slash(a: int, b: int, year: int, anchor: date | None) -> str:
    """dd/mm/yyyy or mm/dd/yyyy: the reading that is a real date; if both are, the one nearer the anchor."""
    readings = []
    for month, day in ((b, a), (a, b)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            pass
    if not readings:
        return f"{year}"
    if anchor is not None:
        return min(readings, key=lambda d: abs((d - anchor).days)).isoformat()
    return readings[0].isoformat()


_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
_ANAPHOR = re.compile(r"UNDEF-ANAPHOR-([a-zA-Z-]+?)-(PLUS|MINUS)-([\d.]+|X)(.*)$")
_ANAPHOR_NAMED = re.compile(r"UNDEF-ANAPHOR-NAMED-(PLUS|MINUS)-(month|season|weekday)-(.+)$")
_YEARS_BACK_SAME_PERIOD = re.compile(r"^(\d{4})(-(?:\d\d|[QH]\d|SP|SU|FA|WI))$")   # month, quarter, half, season
_GRAIN_NEEDS = {"day": {"day"}, "week": {"day", "week"}, "weekend": {"day", "week"},
                "month": {"day", "week", "month"}, "quarter": {"day", "week", "month", "quarter"}}


NTH = "-NTH"    # a counted day of an event ("the third day"): the event's first day is its day 1
COMPARED = "-COMPARED"   # a year-back comparison ("from a year ago"): its referent is a period of its own sentence


def is_anaphoric(value: str) -> bool:
    return value.startswith("UNDEF-ANAPHOR-")


def resolve_anaphor(value: str, earlier: list[str], anchor: date | None) -> str:
    """An offset from the date last mentioned before it ("the next day", "later that year", "two days later").

    `earlier` holds the values of the mentions before it, nearest last; the nearest precise enough for the
    step is the reference. With none, the publication date is (news reports from it)."""
    named = _ANAPHOR_NAMED.match(value)
    if named:    # "the previous summer", "the following Friday": named relative to the date last mentioned
        sign, kind, item = named.groups()
        step = 1 if sign == "PLUS" else -1
        if referent := _referent(earlier, None):
            span = referent[1]
            return _named_relative(step, kind, item, span[0] if step < 0 else span[1], "")
        return _named_relative(step, kind, item, anchor, "")
    unit, sign, amount, suffix = _ANAPHOR.match(value).groups()
    grain = _UNIT_GRAIN.get(unit, unit)
    if suffix == NTH:    # "the second day" of the event dated last: a day after its first; with none, the anchor's
        suffix, amount = "", str(int(amount) - 1)
        if not _referent(earlier, _GRAIN_NEEDS["day"]):
            return _offset(grain, 1, "0", anchor, "")
    latest = _referent(earlier, None)
    if grain == "day" and latest and latest[1][2] == "month":
        # "killed last October ... crossed out that same day": a day of that month, not of an older date
        return f"{latest[0][:7]}-XX"
    if referent := _referent(earlier, _GRAIN_NEEDS.get(grain)):
        candidate, span = referent
        same_period = _YEARS_BACK_SAME_PERIOD.match(candidate)
        if unit == "Y" and same_period and amount != "X" and not suffix:
            # "profit rose in the third quarter from a year earlier": that quarter of the year before (a
            # counted step only: "the following year" is the whole year)
            years = (1 if sign == "PLUS" else -1) * int(float(amount))
            return f"{int(same_period.group(1)) + years}{same_period.group(2)}"
        return _offset(grain, 1 if sign == "PLUS" else -1, amount, span[0], suffix)
    return _offset(grain, 1 if sign == "PLUS" else -1, amount, anchor, suffix)


def _referent(earlier: list[str], needs: set[str] | None) -> tuple[str, tuple] | None:
    """(value, span) of the latest earlier mention that names days, of a precision in `needs` (any if None)."""
    from dashboard.parser.timex.span import timex_span   # span imports calendar only; kept local for clarity
    for candidate in reversed(earlier):
        span = timex_span(candidate)
        if span and (needs is None or span[2] in needs):
            return candidate, span
    return None


_FORMS: list[tuple[re.Pattern, str]] = [(re.compile(p), name) for p, name in [
    (r"UNDEF-year-(.+)$", "year"),
    (r"UNDEF-weekday-(\d)(.*)$", "weekday"),
    (r"UNDEF-REF-([a-zA-Z-]+?)-(PLUS|MINUS)-([\d.]+|X)(.*)$", "ref"),
    (r"UNDEF-REL-(PLUS|MINUS)-(\d)-(month|weekday|season|holiday)-(.+?)(T(?:\d\d:\d\d|MO|AF|EV|NI))?$", "rel"),
    (r"UNDEF-in-([\d.]+|X)-([A-Z]+)$", "in"),
    (r"DURATION-([\d.]+|X)-([A-Z]+)$", "duration"),
    (r"SET-([\d.]+|X)-([A-Z]+)$", "set"),
    (r"SLASH-(\d+)-(\d+)-(\d{4})$", "slash"),
    (r"UNDEF-weekend$", "weekend"),
    (r"UNDEF-WEEKDAY-IN-(PLUS|MINUS)-(\d)-(\d)$", "weekday_in"),
    (r"CENTURY-(\d+)$", "century"),
    (r"UNDEF-REPORTED-Q$", "reported_quarter"),
]]
_FORM_STARTS = tuple(dict.fromkeys(pattern.pattern.split("-")[0] + "-" for pattern, _ in _FORMS))   # "UNDEF-", "SET-", ...


def resolve(value: str, anchor: date | None, tense: Tense) -> tuple[str, bool]:
    """(TIMEX3 value, relative?) for a pass-1 value. UNDEF-time-... is left to the caller (needs neighbours).

    A trailing "@N" is the weekday the text named beside a date ("Monday, Oct. 26"): it picks the year."""
    value, _, named_weekday = value.partition("@")
    weekday = int(named_weekday) if named_weekday.isdigit() else None
    if value.startswith("WEEKOF-"):
        day, relative = resolve(value[len("WEEKOF-"):], anchor, tense)
        return (cal.iso_week(date.fromisoformat(day)) if _DAY.match(day) else "XXXX-WXX"), relative
    if not value.startswith(_FORM_STARTS):
        return value, False     # written out in full ("2016", "PRESENT_REF"): no form to read, nothing to anchor
    for pattern, form in _FORMS:
        m = pattern.match(value)
        if not m:
            continue
        g = m.groups()
        if form == "year":
            return _year_rest(g[0], anchor, tense, weekday)
        if form == "weekday":
            return _weekday(int(g[0]), anchor, tense(), g[1]), True
        if form == "ref":
            return _offset(g[0], 1 if g[1] == "PLUS" else -1, g[2], anchor, g[3]), True
        if form == "rel":
            sign = 0 if g[1] == "0" else (1 if g[0] == "PLUS" else -1)
            return _named_relative(sign, g[2], g[3], anchor, g[4] or ""), True
        if form == "in":
            if tense() == "future":
                return _offset(g[1], 1, g[0], anchor, ""), True
            return duration(g[0], g[1]), False
        if form in ("duration", "set"):
            return duration(g[0], g[1]), False
        if form == "slash":
            return _slash(int(g[0]), int(g[1]), int(g[2]), anchor), False
        if form == "weekend":
            return _weekend(anchor, tense()), True
        if form == "weekday_in":
            return _weekday_in(1 if g[0] == "PLUS" else -1, int(g[1]), int(g[2]), anchor), True
        if form == "century":
            return f"{int(g[0]) - 1:02d}", False
        if form == "reported_quarter":
            return reported_quarter(anchor, tense()), True
    return value, False
