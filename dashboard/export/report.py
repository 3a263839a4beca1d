"""The report: the chart, then the events in date order with their quotes and sources, ready to paste
into a brief. One self-contained HTML page (A4 print CSS) that Chromium also prints to PDF.

Everything that comes from articles (quotes, names, headlines, paths, URLs) is HTML-escaped here.
"""
from __future__ import annotations

import base64
from html import escape
from urllib.parse import urlparse

import pandas as pd

from dashboard.figures.hover import format_date
from dashboard.export.captions import cluster_key, day

REPORT_CSS = """
@page { size: A4; margin: 12mm 13mm 14mm 13mm; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, 'Liberation Sans', sans-serif; color: #222; font-size: 9.5pt;
       line-height: 1.3; max-width: 190mm; margin: 0 auto; padding: 0 3mm; background: #fff; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
.subtitle { color: #555; margin: 0 0 6pt; }
figure { margin: 0 0 8pt; }
figure img { width: 100%; height: auto; border: 0.5pt solid #ddd; }
.footer { color: #666; font-size: 8pt; }
h2 { font-size: 12pt; border-bottom: 0.75pt solid #bbb; padding-bottom: 2pt; margin: 8pt 0 2pt; }
ol.events { list-style: none; padding: 0; margin: 0; }
/* Date and type in a narrow left column, the event beside it: one line less per event. */
ol.events > li { display: grid; grid-template-columns: 27mm 1fr; column-gap: 3mm; padding: 3.5pt 0;
                 border-bottom: 0.5pt solid #e3e3e3; break-inside: avoid; }
.when { font-weight: bold; display: block; }
.type { display: inline-block; font-size: 7pt; text-transform: uppercase; letter-spacing: 0.04em;
        background: #eef1f5; color: #3a4a5c; padding: 0 3pt; border-radius: 2pt; margin-top: 1pt; }
.who { color: #333; font-weight: 600; }
blockquote { margin: 1pt 0; padding-left: 6pt; border-left: 2pt solid #c9d2dc; font-style: italic; }
.src { color: #555; font-size: 8pt; margin: 0; }
.src a { color: #2a5d9f; word-break: break-all; }
.path { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; word-break: break-all; }
.empty { color: #777; font-style: italic; }
"""


def report_html(events: pd.DataFrame, *, title: str, subtitle: str, footer: str,
                chart_svg: bytes | None) -> str:
    """The report page. `chart_svg` (from kaleido) is embedded as a data URI so the page is one file."""
    chart = ""
    if chart_svg:
        data = base64.b64encode(chart_svg).decode("ascii")
        chart = (f'<figure><img alt="Timeline chart: {escape(subtitle)}" '
                 f'src="data:image/svg+xml;base64,{data}"></figure>')
    items = "\n".join(_event_item(group) for _, group in _happenings(events))
    listing = f'<ol class="events">\n{items}\n</ol>' if items else '<p class="empty">No events match these filters.</p>'
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>{REPORT_CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="subtitle">{escape(subtitle)}</p>
{chart}
<h2>Events</h2>
{listing}
<p class="footer">{escape(footer)}</p>
</body>
</html>
"""


def _happenings(events: pd.DataFrame):
    """One group of rows per happening (cluster), in date order; within a group, the most confident
    mention first (its quote is the one shown)."""
    if events.empty:
        return []
    ordered = events.assign(_key=cluster_key(events)).sort_values(
        ["confidence", "published", "event_id"], ascending=[False, True, True], na_position="last")
    first_date = ordered.groupby("_key", sort=False)["date"].transform("min")
    ordered = ordered.assign(_first=first_date).sort_values(
        ["_first", "_key"], na_position="last", kind="stable")
    return ordered.groupby("_key", sort=False)


def _event_item(group: pd.DataFrame) -> str:
    lead = group.iloc[0]
    details = [v for v in (_text(lead["actors"]), _text(lead["location"]), _figure(lead)) if v]
    who = f'<div class="who">{escape(" · ".join(details))}</div>' if details else ""
    quote = f"<blockquote>{escape(_text(lead['quote']))}</blockquote>" if _text(lead["quote"]) else ""
    articles = group.drop_duplicates("article_id")
    sources = "\n".join(f'<p class="src">{_source(row)}</p>' for _, row in articles.iterrows())
    when = format_date(lead["date"], lead["date_end"], lead["date_precision"], lead["timex"])
    return (f'<li><div><span class="when">{escape(when)}</span>'
            f'<span class="type">{escape(_text(lead["event_type"]) or "event")}</span></div>'
            f"<div>{who}{quote}{sources}</div></li>")


def _figure(row) -> str:
    if pd.isna(row["figure"]):
        return ""
    text = _text(row["figure_text"]) or f"{int(row['figure']):,}"
    kind = _text(row["figure_kind"])
    return f"{text} ({kind})" if kind else text


def _source(row) -> str:
    """'Outlet, "Headline", 13 Jul 2016 — link or file path', every part escaped."""
    parts = [escape(p) for p in (_text(row["source"]), _quoted(_text(row["title"]))) if p]
    if not pd.isna(row["published"]):
        parts.append(escape(day(row["published"])))
    where = ""
    url = _text(row["url"])
    if url and urlparse(url).scheme in ("http", "https"):   # never a javascript: or data: link
        where = f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'
    elif _text(row["path"]):
        where = f'<span class="path">{escape(_text(row["path"]))}</span>'
    head = ", ".join(parts) or "unknown source"
    return f"{head} — {where}" if where else head


def _quoted(title: str) -> str:
    return f"“{title}”" if title else ""


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)
