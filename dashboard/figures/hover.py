"""Text shown when hovering a timeline point: the date as precisely as it is known, and the quote.

Plotly renders hover text as a small subset of HTML, so everything that came from an article is
escaped here (<, > and &) before it is joined with <br> tags.
"""
from __future__ import annotations

import html

import pandas as pd

QUOTE_WRAP = 80     # characters per hover line
QUOTE_LIMIT = 300   # longer quotes are cut at a word boundary and end with an ellipsis
# The columns hover text reads (a merged event also brings n_sources and other_outlets).
HOVER_COLUMNS = ["date", "date_end", "date_precision", "timex", "event_type", "tense", "actors", "location",
                 "figure", "figure_qualifier", "figure_kind", "quote", "trigger", "source", "title", "date_from",
                 "n_sources", "other_outlets"]
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "AU": "Autumn", "WI": "Winter"}


def escape(text) -> str:
    """`text` safe inside plotly's pseudo-HTML. Plotly decodes &amp; &lt; &gt; and numeric entities but
    shows &quot; literally, and quotes outside a tag are harmless, so they are left as they are."""
    return html.escape(str(text), quote=False)


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def format_date(date, date_end=None, precision: str | None = "day", timex: str | None = None) -> str:
    """'14 Jul 2016', 'week of 11 Jul 2016', 'Aug 2016', 'Q3 2016', 'Summer 2016', '2016', '2010s'.

    A day-precision range (date_end after date) reads '14 – 16 Jul 2016'. Unknown dates read 'date unknown'.
    """
    if date is None or pd.isna(date):
        return "date unknown"
    start = pd.Timestamp(date)
    end = pd.Timestamp(date_end) if date_end is not None and not pd.isna(date_end) else start
    precision = precision if isinstance(precision, str) else "day"
    if precision == "week":
        return f"week of {_day(start)}"
    if precision == "month":
        same = (end.year, end.month) == (start.year, start.month)
        return f"{start:%b %Y}" if same else f"{start:%b %Y} – {end:%b %Y}"
    if precision == "quarter":
        return f"Q{start.quarter} {start.year}"
    if precision == "season":
        code = timex.rsplit("-", 1)[-1] if isinstance(timex, str) and "-" in timex else ""
        return f"{SEASONS.get(code, 'Season')} {start.year}" if code in SEASONS else f"{start:%b} – {end:%b %Y}"
    if precision == "year":
        return str(start.year) if end.year == start.year else f"{start.year} – {end.year}"
    if precision == "decade":
        return f"{start.year // 10 * 10}s"
    if end.normalize() <= start.normalize():
        return _day(start)
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def trim(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` cut at a word boundary before `limit` characters, with an ellipsis when it was cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:.") + "…"


def wrap(text: str, width: int = QUOTE_WRAP) -> list[str]:
    """Greedy word wrap of single-spaced text; words longer than `width` are cut. (textwrap does the
    same with more options and is ~10x slower, which shows when a view draws thousands of hovers.)"""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def wrap_quote(quote: str, width: int = QUOTE_WRAP, limit: int = QUOTE_LIMIT) -> str:
    """The quote trimmed, wrapped and HTML-escaped, lines joined with <br> (wrap first: an escape
    sequence must never be split across lines)."""
    return "<br>".join(escape(line) for line in wrap(trim(quote, limit), width))


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA \
        and str(value).strip() != ""


def event_hover(row: dict, other_sources: int = 0, other_outlets: str = "") -> str:
    """Hover text for one (merged) event, given its representative row as a dict."""
    row = {k: (None if v is pd.NA or v is pd.NaT else v) for k, v in row.items()}
    date_text = format_date(row.get("date"), row.get("date_end"), row.get("date_precision"), row.get("timex"))
    kind = escape(row.get("event_type") or "event")
    if row.get("tense") == "future":
        kind += " (planned)"
    if _present(row.get("trigger")):   # in italics: curly quotes belong to the sentence below
        kind += " · <i>" + escape(trim(row["trigger"], 40)) + "</i>"
    lines = [f"<b>{escape(date_text)}</b> · {kind}"]
    if _present(row.get("actors")):
        lines.append("Actors: " + escape(trim(row["actors"], 120)))
    if _present(row.get("location")):
        lines.append("Place: " + escape(row["location"]))
    if _present(row.get("figure")):
        figure = f"{int(row['figure']):,}"
        if _present(row.get("figure_qualifier")):
            figure = f"{row['figure_qualifier']} {figure}"
        if _present(row.get("figure_kind")):
            figure += f" ({row['figure_kind']})"
        lines.append("Figure: " + escape(figure))
    if _present(row.get("quote")):
        lines.append("“" + wrap_quote(row["quote"]) + "”")
    provenance = escape(row["source"]) if _present(row.get("source")) else "unknown outlet"
    if _present(row.get("title")):
        provenance += " — <i>" + escape(trim(row["title"], 90)) + "</i>"
    lines.append(provenance)
    if other_sources > 0:
        also = f" ({escape(trim(other_outlets, 80))})" if other_outlets else ""
        lines.append(f"+{other_sources} other source{'s' if other_sources > 1 else ''}{also}")
    if row.get("date_from") == "published":
        lines.append("<i>No date in the sentence: drawn on the publication day</i>")
    elif row.get("date_from") == "context":
        lines.append("<i>Dated by the same event told elsewhere in the article</i>")
    return "<br>".join(lines)
