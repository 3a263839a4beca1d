"""The publication date of an HTML page: htmldate's answer cross-checked with what the page says itself.

Each source gives at most one date:
  jsonld    datePublished of the page's JSON-LD (an article-like object first)
  meta      a published-time meta tag (html_date_meta.tsv), itemprop=datePublished, <time pubdate>
  url       a /YYYY/MM/DD/ date in the canonical or og:url address
  byline    the date the visible text states under the headline (pubdate.py's rules on the page's lines)
  htmldate  htmldate's original date, dropped when it is only the page's modified time

A date is given when the sources that found one agree, or when the byline, as a reader sees it, is
confirmed by another source; when they disagree otherwise, or when htmldate alone found a date (a
related story's <time>, a print edition's), the answer is unknown. Never a guess.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

from dashboard.ingest import cues
from dashboard.ingest.clean import classify_lines
from dashboard.ingest.pubdate import EARLIEST, find_published

ISO_DAY = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)")
URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|\.|$)")
ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|LiveBlogPosting", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "header", "footer", "section", "article",
              "aside", "nav", "main", "table", "tr", "td", "th", "ul", "ol", "br", "figure", "figcaption",
              "blockquote", "dt", "dd", "time", "address"}
HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "svg")


def _day(value) -> date | None:
    """The calendar day written at the start of an ISO-like stamp, as the page wrote it (no time zone
    shift: "2016-02-12T23:30:00-05:00" is the 12th, the day its readers saw)."""
    m = ISO_DAY.match(str(value).strip().replace("/", "-")) if value else None
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _jsonld_objects(tree) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack += item
            elif isinstance(item, dict):
                yield item
                stack += [v for k, v in item.items() if k == "@graph" or isinstance(v, (dict, list))]


def jsonld_dates(tree) -> tuple[date | None, set[date]]:
    """datePublished (of an article-like object first) and every dateModified of the JSON-LD."""
    objects = list(_jsonld_objects(tree))
    articles = [o for o in objects if ARTICLE_TYPES.search(str(o.get("@type", "")))]
    published = next((d for o in articles + objects if (d := _day(o.get("datePublished")))), None)
    return published, {d for o in objects if (d := _day(o.get("dateModified")))}


def meta_dates(tree) -> tuple[date | None, set[date]]:
    """The first published-time declaration in markup (meta tags named in html_date_meta.tsv,
    itemprop=datePublished, <time pubdate>), and the modified-time declarations."""
    kinds = cues.html_date_meta()
    published, modified = None, set()
    for el in tree.xpath("//meta[@content]"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        day = _day(el.get("content"))
        if day is None or name not in kinds:
            continue
        if kinds[name] == "modified":
            modified.add(day)
        elif published is None:
            published = day
    if published is None:
        for el in tree.xpath('//*[@itemprop="datePublished"] | //time[@pubdate]'):
            published = _day(el.get("content") or el.get("datetime") or el.text_content())
            if published:
                break
    return published, modified


def url_date(tree) -> date | None:
    for url in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        m = URL_DAY.search(url)
        if m:
            return _day("-".join(m.groups()))
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def visible_lines(tree) -> str:
    """The page's visible text, one line per block element (a copy of the tree is changed)."""
    from copy import deepcopy

    tree = deepcopy(tree)
    for el in tree.xpath("|".join(f"//{t}" for t in HIDDEN_TAGS)):
        el.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            # (the HTML parser keeps control characters that lxml refuses to set again: they show nothing)
            el.text = "\n" + _CONTROL.sub("", el.text or "")
            el.tail = "\n" + _CONTROL.sub("", el.tail or "")
    return tree.text_content()


def htmldate_date(html: str) -> date | None:
    from htmldate import find_date

    return _day(find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"))


def page_dates(html: str, tree, today: date | None = None) -> dict[str, date]:
    """source -> the date it gives (sources that give none are left out)."""
    today = today or date.today()
    jsonld, jsonld_modified = jsonld_dates(tree)
    meta, meta_modified = meta_dates(tree)
    found = {"jsonld": jsonld, "meta": meta, "url": url_date(tree),
             "byline": find_published(classify_lines(visible_lines(tree)), today=today).date}
    by_htmldate = htmldate_date(html)
    modified = jsonld_modified | meta_modified
    if by_htmldate in modified and by_htmldate not in found.values():
        by_htmldate = None   # htmldate falls back on the modified time when nothing says "published"
    found["htmldate"] = by_htmldate
    return {source: day for source, day in found.items() if day is not None and EARLIEST <= day <= today}


def decide(found: dict[str, date]) -> tuple[date | None, str]:
    """The date and how it was settled: 'agree' (every source that found one), 'byline' (the visible date,
    confirmed by another source), 'byline only'; or None with 'htmldate only', 'disagree' or 'none'."""
    days = set(found.values())
    byline = found.get("byline")
    if len(days) == 1:
        if set(found) == {"htmldate"}:
            return None, "htmldate only"
        if set(found) == {"byline"}:
            return byline, "byline only"
        return days.pop(), "agree"
    if byline is not None and sum(day == byline for day in found.values()) >= 2:
        return byline, "byline"
    return None, "disagree" if days else "none"


def published_date(html: str, tree, today: date | None = None) -> tuple[date | None, str]:
    """The page's publication date and the decision that gave it (see decide)."""
    return decide(page_dates(html, tree, today))
