"""The temporal tagger: rules as data (dashboard/resources/timex), two passes (find, then anchor)."""
from dashboard.parser.timex.extract import extract_timexes
from dashboard.parser.timex.model import Timex
from dashboard.parser.timex.span import timex_span

__all__ = ["Timex", "extract_timexes", "timex_span"]
