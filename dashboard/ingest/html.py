"""HTML pages: the story body and metadata through trafilatura; the publication date through htmldate.

Only structural evidence counts as "metadata": meta tags, JSON-LD, <time> elements, the URL
(htmldate with original_date=True and extensive_search=False). htmldate's extensive search, which reads
any date in the page's free text (sidebars, comments), is not used: the text dateline rules in
pubdate.py read the extracted story instead, and say "unknown" rather than guess.
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
    published: date | None        # from the page's metadata only


def _published(html: str) -> date | None:
    from htmldate import find_date

    found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    return date.fromisoformat(found) if found else None


def read_html(html: str) -> HtmlPage:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise NoArticle(NO_TEXT)
    paragraphs = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return HtmlPage(paragraphs, doc.title or None, doc.sitename or None, doc.url or None, _published(html))


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)
