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

from collections.abc import Iterator

import numpy as np
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
    event_ids = _values(df["event_id"])
    articles = [article or event_id for article, event_id in zip(_values(df["article_id"]), event_ids)]
    parent = list(range(len(df)))
    for facts in _blocks(df, articles):
        _link_block(facts, parent)
    df["cluster_id"] = _cluster_ids([_find(parent, i) for i in range(len(df))], event_ids)
    df["sources"] = _sources(df["cluster_id"].tolist(), articles)
    return typed(df, EVENT_COLUMNS)


def _values(column: pd.Series) -> list:
    """A column as a list of Python values, None where missing."""
    return column.to_numpy(dtype=object, na_value=None).tolist()


def _blocks(df: pd.DataFrame, articles: list) -> Iterator[list[tuple]]:
    """The facts of each block of two or more rows with the same type, precision class and start day:
    only rows of one block can tell the same event. An event without an article is its own article."""
    work = pd.DataFrame({"event_type": df["event_type"], "date": df["date"], "_row": range(len(df)),
                         "_precision": df["date_precision"].map(PRECISION_CLASS)})
    work = work[work["date"].notna() & work["_precision"].notna()]
    work = work[work.duplicated(_BLOCK, keep=False)].sort_values(_BLOCK, kind="stable")
    if work.empty:
        return
    facts = _facts(df, articles)
    facts = [facts[row] for row in work["_row"].tolist()]
    changed = np.zeros(len(work) - 1, dtype=bool)   # column by column: a row of mixed types is slow to build
    for key in (work[c].to_numpy() for c in _BLOCK):
        changed |= key[1:] != key[:-1]
    edges = [0, *(1 + changed.nonzero()[0]), len(work)]
    for start, end in zip(edges[:-1], edges[1:]):
        yield facts[start:end]


def _facts(df: pd.DataFrame, articles: list) -> list[tuple]:
    """What the sameness test reads of each row, as plain tuples (fast to compare in a loop)."""
    origins, actors, places, figures, quotes, types = (
        _values(df[c]) for c in ("date_from", "actors", "location", "figure", "quote", "event_type"))
    names = {a: _names(a) for a in set(actors)}   # few distinct lists of actors
    return list(zip(range(len(df)), articles, (origin == "published" for origin in origins),
                    map(names.__getitem__, actors), (place or None for place in places), figures, quotes,
                    (event_type == "statement" for event_type in types)))


def _cluster_ids(roots: list[int], event_ids: list[str]) -> list[str]:
    """Each row's cluster id: the smallest event_id among the rows of its root."""
    smallest: dict[int, str] = {}
    for root, event_id in zip(roots, event_ids):
        if root not in smallest or event_id < smallest[root]:
            smallest[root] = event_id
    return [smallest[root] for root in roots]


def _sources(cluster_ids: list[str], articles: list) -> list[int]:
    """Each row's count of distinct articles in its cluster."""
    told_by: dict[str, set] = {}
    for cluster_id, article in zip(cluster_ids, articles):
        told_by.setdefault(cluster_id, set()).add(article)
    return [len(told_by[cluster_id]) for cluster_id in cluster_ids]


def _link_block(facts: list[tuple], parent: list[int]) -> None:
    """Union the rows of one block (same type, precision class and start day) that tell the same event."""
    if facts[0][7]:
        _link_statements(facts, parent)
    else:
        _link_happenings(facts, parent)


def _link_statements(facts: list[tuple], parent: list[int]) -> None:
    """Statements, pair by pair in row order (which sayings a cluster holds depends on that order)."""
    # said by: root -> {article: quote} of the statements in its cluster, so that chaining through a third
    # article never joins two different sayings of one article
    said = {f[0]: {f[1]: f[6]} for f in facts}
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if _same(a, b):
                ra, rb = _find(parent, a[0]), _find(parent, b[0])
                if ra == rb:
                    continue
                quotes_a, quotes_b = said[ra], said[rb]
                if any(quotes_a.get(article, quote) != quote for article, quote in quotes_b.items()):
                    continue
                said[min(ra, rb)] = quotes_a | quotes_b
                _union(parent, ra, rb)


def _link_happenings(facts: list[tuple], parent: list[int]) -> None:
    """Other events: a cluster is a connected component of _same, whatever order the pairs are tested in,
    so rows _same cannot tell apart are joined at once and one row of each kind is tested against the
    kinds with the same figure (a block of many tellings of one meeting costs a few tests, not one per pair)."""
    sayings: dict[tuple, list[tuple]] = {}    # (article, quote) -> rows: a fallback-dated row joins these
    kinds: dict[tuple, list[tuple]] = {}      # (actors, place, figure) -> the other rows, all read alike
    for f in facts:
        sayings.setdefault((f[1], f[6]), []).append(f)
        if not f[2]:
            kinds.setdefault(f[3:6], []).append(f)
    for rows in sayings.values():
        if any(f[2] for f in rows):
            _union_all(parent, rows)
    by_figure: dict[int | None, list[tuple]] = {}   # _same never joins two figures
    for rows in kinds.values():
        if _same(rows[0], rows[0]):
            _union_all(parent, rows)
        by_figure.setdefault(rows[0][5], []).append(rows[0])
    for firsts in by_figure.values():
        for i, a in enumerate(firsts):
            for b in firsts[i + 1:]:
                if _same(a, b):
                    _union(parent, a[0], b[0])


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


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union_all(parent: list[int], rows: list[tuple]) -> None:
    for f in rows[1:]:
        _union(parent, rows[0][0], f[0])


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
