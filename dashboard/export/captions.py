"""The words around an exported chart: title, subtitle (filters and date range) and source footer."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.filters import Filters

DEFAULT_TITLE = "Diplomatic timeline"
# chart -> (default title, what one drawn item is called in the subtitle)
CHART_WORDS = {"timeline": (DEFAULT_TITLE, "event"), "casualties": ("Casualty figures", "figure")}
MAX_OUTLETS_NAMED = 4   # beyond this the footer says "and N more" so it stays on one line


@dataclass(frozen=True)
class Captions:
    """The texts printed around a chart; None leaves one out (the HTML report prints its own)."""
    title: str | None = None
    subtitle: str | None = None
    footer: str | None = None


def captions_for(shown: pd.DataFrame, filters: Filters, *, title: str | None, exported: date,
                 chart: str = "timeline") -> Captions:
    """Captions for `shown`, the rows the chart (or table) holds."""
    default_title, noun = CHART_WORDS[chart]
    return Captions(title=title or default_title, subtitle=subtitle(filters, shown, noun=noun),
                    footer=source_line(shown, exported))


def day(d) -> str:
    """'2 Jul 2013': unambiguous in every locale, short enough for a caption."""
    return f"{d.day} {d:%b %Y}"


def subtitle(filters: Filters, events: pd.DataFrame, *, noun: str = "event") -> str:
    """What is shown: the filters (Filters.describe) with the date range, where the filters leave a
    side open, closed by the span of the events; and how many there are ('80 events', '4 figures')."""
    dated = events["date"].dropna()
    described = filters
    if not dated.empty:
        last = max(events["date_end"].fillna(events["date"]).dropna().max(), dated.max())
        described = filters.with_(date_from=filters.date_from or dated.min().date(),
                                  date_to=filters.date_to or last.date())
    n = cluster_key(events).nunique()
    return f"{described.describe()} · {n} {noun}{'s' if n != 1 else ''}"


def source_line(events: pd.DataFrame, exported: date) -> str:
    """The articles behind what is shown: 'Source: 5 articles from AFP, Gulf News; exported 22 Nov 2026',
    or, when some articles name no outlet, 'Source: 5 articles (4 from AFP, Gulf News; 1 outlet
    unknown); exported …'."""
    articles = events.drop_duplicates("article_id")
    n_articles = len(articles)
    unknown = int(articles["source"].isna().sum())
    outlets = sorted(articles["source"].dropna().unique())
    named = ", ".join(outlets[:MAX_OUTLETS_NAMED])
    if len(outlets) > MAX_OUTLETS_NAMED:
        named += f" and {len(outlets) - MAX_OUTLETS_NAMED} more"
    counted = f"{n_articles} article{'s' if n_articles != 1 else ''}"
    if not named:
        origin = f"{counted} (outlet unknown)" if n_articles else counted
    elif unknown:
        origin = f"{counted} ({n_articles - unknown} from {named}; {unknown} outlet unknown)"
    else:
        origin = f"{counted} from {named}"
    return f"Source: {origin}; exported {day(exported)}"


def cluster_key(events: pd.DataFrame) -> pd.Series:
    """Per row, the happening it tells: its cluster, or the row itself when merging assigned none.
    The timeline draws one point per key, so counts of "events" count keys."""
    return events["cluster_id"].fillna(events["event_id"])
