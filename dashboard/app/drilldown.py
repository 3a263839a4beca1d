"""The drill-down panel: one article, the event's sentence highlighted (its trigger words in bold), and the
article's other events.

Article text is untrusted: it only ever becomes string children of Dash components (html.P, html.Mark),
which React renders as text, never as markup.
"""
from __future__ import annotations

import re

import pandas as pd
from dash import html

from dashboard.figures.hover import format_date, trim

MARK_ID = "drill-mark"
PUBLISHED_FROM = {
    "manifest": "from the manifest", "metadata": "from the page metadata", "dateline": "from the dateline",
    "text": "read in the text", "user": "set by an analyst", "unknown": "unknown",
}
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")   # runs of non-blank lines


def _squash(text: str) -> str:
    return " ".join(text.split())


def locate_quote(text: str, quote: str | None, start=None, end=None) -> tuple[int, int] | None:
    """Where the event's sentence is in `text`: its stored offsets when they still point at it, else a search."""
    if not quote:
        return None
    if start is not None and end is not None and 0 <= start < end <= len(text) \
            and _squash(text[start:end]) == _squash(quote):
        return int(start), int(end)
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    # The quote may have had its whitespace normalised: match word by word.
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    found = re.search(pattern, text) if pattern else None
    return (found.start(), found.end()) if found else None


def highlighted_text(text: str, span: tuple[int, int] | None,
                     trigger: tuple[int, int] | None = None) -> list[html.P]:
    """The article as paragraphs; the part of each paragraph inside `span` wrapped in <mark>, and inside it the
    event's trigger words (`trigger`, offsets into `text`) in <strong class="trigger">."""
    paragraphs = []
    first_mark = True
    for m in _PARAGRAPH.finditer(text):
        p_start, p_end = m.span()
        if span is None or span[1] <= p_start or span[0] >= p_end:
            paragraphs.append(html.P(m.group()))
            continue
        a, b = max(span[0], p_start), min(span[1], p_end)
        inside = _with_trigger(text, a, b, trigger)
        mark = html.Mark(inside, id=MARK_ID) if first_mark else html.Mark(inside)
        first_mark = False
        children = [c for c in (text[p_start:a], mark, text[b:p_end]) if not isinstance(c, str) or c]
        paragraphs.append(html.P(children, className="has-mark"))
    return paragraphs


def _with_trigger(text: str, a: int, b: int, trigger: tuple[int, int] | None):
    """text[a:b], with the trigger inside it set apart when it lies there."""
    if trigger is None or not (a <= trigger[0] < trigger[1] <= b):
        return text[a:b]
    t0, t1 = trigger
    return [c for c in (text[a:t0], html.Strong(text[t0:t1], className="trigger"), text[t1:b])
            if not isinstance(c, str) or c]


def locate_trigger(text: str, event: dict, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the event's trigger words are: their stored offsets when they still point at them, else the
    first place they appear inside the sentence."""
    words = event.get("trigger")
    if not isinstance(words, str) or not words or span is None:
        return None
    start, end = event.get("trigger_start"), event.get("trigger_end")
    if start is not None and end is not None and not pd.isna(start) and not pd.isna(end) \
            and span[0] <= int(start) < int(end) <= span[1] and text[int(start):int(end)] == words:
        return int(start), int(end)
    at = text.find(words, span[0], span[1])
    return (at, at + len(words)) if at >= 0 else None


def safe_link(url: str | None) -> str | None:
    """Only web links become clickable (a javascript: URL from an article must never be an href)."""
    return url if isinstance(url, str) and re.match(r"https?://", url.strip(), re.I) else None


def article_header(article: dict) -> html.Div:
    published = article.get("published")
    when = format_date(published) if published is not None else "publication date unknown"
    origin = PUBLISHED_FROM.get(article.get("published_from") or "unknown", article.get("published_from"))
    link = safe_link(article.get("url"))
    meta = [html.Span(article.get("source") or "unknown outlet", className="outlet"), " · ",
            html.Span(when, className="published"), html.Span(f" ({origin})", className="published-from")]
    return html.Div([
        html.H3(article.get("title") or "(untitled article)", className="drill-title"),
        html.Div(meta, className="drill-meta"),
        html.Div([html.Span(article.get("path") or "", className="drill-path"),
                  html.A(" open original ↗", href=link, target="_blank", rel="noopener noreferrer")
                  if link else None], className="drill-meta"),
    ])


def event_list(events: pd.DataFrame, selected_id: str | None) -> html.Div:
    """The article's events as buttons; clicking one selects it (moves the highlight and the timeline ring)."""
    items = []
    for row in events.to_dict("records"):
        when = format_date(row.get("date"), row.get("date_end"), row.get("date_precision"), row.get("timex"))
        kind = [row.get("event_type") or ""]
        if isinstance(row.get("trigger"), str):   # one sentence may tell several events: name each by its word
            kind.append(html.Span(f"“{row['trigger']}”", className="ev-trigger"))
        label = [html.Span(when, className="ev-date"), html.Span(kind, className="ev-type"),
                 html.Span(trim(row.get("quote") or "", 110), className="ev-quote")]
        cls = "drill-event" + (" selected" if row["event_id"] == selected_id else "")
        items.append(html.Li(html.Button(label, id={"type": "drill-event", "event": row["event_id"]},
                                         className=cls, n_clicks=0, title="Show this event")))
    return html.Div([html.H4(f"Events in this article ({len(items)})"), html.Ul(items, className="drill-events")])


def build_drilldown(event: dict | None, article: dict | None, article_events: pd.DataFrame) -> list:
    """Panel children for the selected event (or a hint when nothing is selected)."""
    if event is None:
        return [html.P("Click a point on the timeline, a casualty figure or a table row to read the article "
                       "it came from.", className="hint")]
    if article is None:
        return [html.P("The article of this event is no longer in the database.", className="hint")]
    text = article.get("text") or ""
    span = locate_quote(text, event.get("quote"), event.get("quote_start"), event.get("quote_end"))
    body = highlighted_text(text, span, locate_trigger(text, event, span))
    notice = None if span else html.P("The event's sentence could not be found in the article text.",
                                      className="warning")
    return [article_header(article), notice, html.Div(body, className="drill-text", id="drill-text"),
            event_list(article_events, event.get("event_id"))]
