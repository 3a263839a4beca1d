"""Text -> temporal expressions -> events. The public entry points other tools call."""
from dashboard.parser.timex import Timex, extract_timexes
from dashboard.parser.events import parse_article

__all__ = ["Timex", "extract_timexes", "parse_article"]
