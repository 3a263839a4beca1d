"""HTML pages: the story body and metadata through trafilatura; the publication date from htmldate
cross-checked with the page's own JSON-LD, meta tags, URL and byline (html_dates.py).

htmldate's extensive search, which reads any date in the page's free text (sidebars, comments), is not
used. When none of those sources has a date, the text dateline rules in pubdate.py read the extracted
story instead; when they disagree, the date is unknown rather than a guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NO_TEXT = "no article text found"


class NoArticle(ValueError):
    """The page has no story text (all script, an empty shell, a login wall)."""


@dataclass(frozen=True)
class HtmlPage:
    text: str                     # paragraphs separated by blank lines
    title: str | None
    source: str | None
    url: str | None
    published: date | None        # from the page's own sources, cross-checked
    published_from: str = "unknown"   # metadata (sources agree) | dateline (the visible byline alone)
    date_checked: bool = False    # some source had a date: the extracted text is not read for one


def _published(html: str) -> tuple[date | None, str, bool]:
    import lxml.html
    from lxml.etree import ParserError

    from dashboard.ingest.html_dates import page_dates, decide

    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return None, "unknown", False
    found = page_dates(html, tree)
    published, how = decide(found)
    origin = "unknown" if published is None else "dateline" if how == "byline only" else "metadata"
    return published, origin, bool(found)


def read_html(html: str) -> HtmlPage:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise NoArticle(NO_TEXT)
    paragraphs = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return HtmlPage(paragraphs, doc.title or None, doc.sitename or None, doc.url or None, *_published(html))


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)
