"""Merge the same event told by several articles (or repeated within one) into one cluster.

Two events are the same happening when they have the same type, start on the same day at compatible
precision, and overlap in actors (two shared when both name two or more; when either names none, the same
place instead). Casualty events also need the same figure. Conservative on purpose (a missed merge shows
two points, a wrong one hides an event), so:
- an event dated only by its publication date merges only with the same sentence repeated in its article
  (a headline or caption printed twice): the shared day is no evidence of a shared happening;
- two statements of one article are two things said, unless the sentence is repeated.

Candidates are blocked by (type, precision class, start day) so the pairwise test runs only inside small
blocks; 100k events merge in seconds.
"""
from __future__ import annotations

import pandas as pd

from dashboard.schema import ACTOR_SEPARATOR, EVENT_COLUMNS, typed

# precisions that can describe the same happening: a day and the week around it, a month and a season...
PRECISION_CLASS = {"day": "day", "week": "day", "month": "month", "season": "month", "quarter": "month",
                   "year": "year", "decade": "year"}
_BLOCK = ["event_type", "_precision", "date"]
# The columns merge_events reads (plus event_id). Blocks never cross an event type or a start day, so
# merging each part of the events split by type and date gives the same clusters as merging them all.
MERGE_COLUMNS = ("event_id", "event_type", "date", "date_precision", "date_from", "article_id", "actors",
                 "location", "figure", "quote")


def merge_events(events: pd.DataFrame) -> pd.DataFrame:
    """All rows kept; `cluster_id` shared by rows that tell the same event (the smallest event_id of the
    cluster), `sources` = distinct articles in the cluster."""
    df = typed(events, EVENT_COLUMNS)
    if df.empty:
        return df
    parent = list(range(len(df)))
    work = df.assign(_precision=df["date_precision"].map(PRECISION_CLASS), _row=range(len(df)))
    work = work[work["date"].notna() & work["_precision"].notna()]
    work = work[work.duplicated(_BLOCK, keep=False)].sort_values(_BLOCK, kind="stable")
    if not work.empty:
        facts = _facts(work)
        keys = work[_BLOCK].to_numpy()
        edges = [0, *(1 + (keys[1:] != keys[:-1]).any(axis=1).nonzero()[0]), len(keys)]
        for start, end in zip(edges[:-1], edges[1:]):
            _link_block(facts[start:end], parent)

    roots = [_find(parent, i) for i in range(len(df))]
    df["cluster_id"] = df["event_id"].groupby(roots).transform("min").to_numpy()
    articles = df["article_id"].fillna(df["event_id"])
    df["sources"] = articles.groupby(df["cluster_id"]).transform("nunique").astype("Int64")
    return typed(df, EVENT_COLUMNS)


def _facts(work: pd.DataFrame) -> list[tuple]:
    """What the sameness test reads of each row, as plain tuples (fast to compare in a loop)."""
    columns = ["_row", "article_id", "date_from", "actors", "location", "figure", "quote", "event_type"]
    rows = zip(*(work[c].tolist() for c in columns))   # whole columns to lists: far faster than iterating
    return [(row, article, origin == "published", _names(actors), _text(place), _int(figure), quote,
             event_type == "statement")
            for row, article, origin, actors, place, figure, quote, event_type in rows]


def _link_block(facts: list[tuple], parent: list[int]) -> None:
    """Union the rows of one block (same type, precision class and start day) that tell the same event."""
    # said by: root -> {article: quote} of the statements in its cluster, so that chaining through a third
    # article never joins two different sayings of one article
    said = {f[0]: {f[1]: f[6]} for f in facts if f[7]}
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if _same(a, b):
                ra, rb = _find(parent, a[0]), _find(parent, b[0])
                if ra == rb:
                    continue
                if a[7]:
                    quotes_a, quotes_b = said[ra], said[rb]
                    if any(quotes_a.get(article, quote) != quote for article, quote in quotes_b.items()):
                        continue
                    said[min(ra, rb)] = quotes_a | quotes_b
                _union(parent, ra, rb)


def _same(a: tuple, b: tuple) -> bool:
    _, article_a, fallback_a, actors_a, place_a, figure_a, quote_a, statement = a
    _, article_b, fallback_b, actors_b, place_b, figure_b, quote_b, _ = b
    if fallback_a or fallback_b or (statement and article_a == article_b):
        return article_a == article_b and quote_a == quote_b
    if figure_a != figure_b:
        return False
    if place_a and place_b and place_a != place_b:
        return False
    if actors_a and actors_b:
        shared = len(actors_a & actors_b)
        return shared >= 2 if min(len(actors_a), len(actors_b)) >= 2 else shared >= 1
    return bool(place_a) and place_a == place_b


def _names(actors) -> frozenset[str]:
    if not isinstance(actors, str):
        return frozenset()
    return frozenset(n.strip() for n in actors.split(ACTOR_SEPARATOR.strip()) if n.strip())


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
