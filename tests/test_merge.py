"""merge_events: the same happening told twice becomes one cluster; anything less certain stays apart."""
from datetime import date

import numpy as np
import pandas as pd

from dashboard.merge import merge_events
from dashboard.parser import parse_article
from dashboard.schema import EVENT_COLUMNS

VOA = ("US Secretary of State John Kerry, right, meets with Russian Foreign Minister Sergei Lavrov, "
       "May 27, 2013, in Paris.")
AP = "Kerry met Lavrov in Paris on Monday to discuss a peace conference."    # published Tue 2013-05-28


def parsed(text: str, published: date, article: str) -> pd.DataFrame:
    return parse_article(text, published, article_id=article)


def test_two_articles_telling_the_paris_meeting_are_one_cluster_with_two_sources():
    events = pd.concat([parsed(VOA, date(2013, 6, 22), "voa"), parsed(AP, date(2013, 5, 28), "ap")],
                       ignore_index=True)
    meetings = merge_events(events).query("event_type == 'meeting'")
    assert len(meetings) == 2 and meetings["cluster_id"].nunique() == 1
    assert meetings["sources"].tolist() == [2, 2]
    assert meetings["cluster_id"].iloc[0] == min(meetings["event_id"])


def test_different_dates_stay_apart():
    other_day = "Kerry met Lavrov in Paris on Wednesday."                  # 2013-05-22
    events = pd.concat([parsed(AP, date(2013, 5, 28), "ap"), parsed(other_day, date(2013, 5, 23), "x")],
                       ignore_index=True)
    merged = merge_events(events).query("event_type == 'meeting'")
    assert merged["cluster_id"].nunique() == 2 and (merged["sources"] == 1).all()


def test_different_actors_stay_apart():
    other_pair = "Kerry met Chinese Foreign Minister Wang Yi and Iranian Foreign Minister Javad Zarif in Paris on Monday."
    events = pd.concat([parsed(AP, date(2013, 5, 28), "ap"), parsed(other_pair, date(2013, 5, 28), "x")],
                       ignore_index=True)
    assert merge_events(events).query("event_type == 'meeting'")["cluster_id"].nunique() == 2


def row(**values) -> dict:
    base = {"event_type": "meeting", "date": "2013-05-27", "date_end": "2013-05-27", "date_precision": "day",
            "date_from": "text", "actors": "John Kerry; Sergei Lavrov", "location": "Paris", "quote": "q"}
    return base | values


def frame(*rows: dict) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    df["event_id"] = [f"e{i}" for i in range(len(df))]
    df["confidence"] = 0.5
    df["article_id"] = df.get("article_id", pd.Series([f"a{i}" for i in range(len(df))]))
    return df


def test_rules_of_sameness():
    df = merge_events(frame(
        row(),                                                       # e0
        row(),                                                       # e1: same as e0
        row(event_type="visit"),                                     # e2: other type
        row(location="Geneva"),                                      # e3: other place
        row(date_precision="year", date="2013-01-01"),               # e4: other precision
        row(actors=None, location="Paris"),                          # e5: no actors, same place -> e0
        row(event_type="casualties", actors=None, figure=100),       # e6
        row(event_type="casualties", actors=None, figure=100),       # e7: same figure -> e6
        row(event_type="casualties", actors=None, figure=120),       # e8: other figure
    ))
    clusters = dict(zip(df["event_id"], df["cluster_id"]))
    assert clusters["e1"] == clusters["e0"] == clusters["e5"] == "e0"
    assert len({clusters[e] for e in ("e0", "e2", "e3", "e4")}) == 4
    assert clusters["e7"] == clusters["e6"] != clusters["e8"]
    assert df.set_index("event_id").loc["e0", "sources"] == 3


def test_publication_dated_events_merge_only_as_repeats_of_one_sentence():
    df = merge_events(frame(
        row(date_from="published", article_id="a", quote="Kerry to meet Lavrov"),
        row(date_from="published", article_id="a", quote="Kerry to meet Lavrov"),
        row(date_from="published", article_id="a", quote="Kerry is going to meet Lavrov"),
        row(date_from="published", article_id="b", quote="Kerry to meet Lavrov"),
    ))
    assert df["cluster_id"].tolist() == ["e0", "e0", "e2", "e3"]
    assert df["sources"].tolist() == [1, 1, 1, 1]


def test_statements_of_one_article_are_distinct_sayings():
    df = merge_events(frame(
        row(event_type="statement", article_id="a", quote="Kerry said on Monday X."),
        row(event_type="statement", article_id="a", quote="Kerry said on Monday Y."),
        row(event_type="statement", article_id="b", quote="Kerry said on Monday Y."),
    ))
    assert df["cluster_id"].tolist()[:2] == ["e0", "e1"] and df["cluster_id"].nunique() == 2


def test_empty_and_undated_input():
    assert list(merge_events(pd.DataFrame()).columns) == list(EVENT_COLUMNS)
    undated = merge_events(frame(row(date=None, date_precision=None), row(date=None, date_precision=None)))
    assert undated["cluster_id"].tolist() == ["e0", "e1"]


def test_hundred_thousand_events_merge_within_type_and_day():
    rng = np.random.default_rng(7)
    n = 100_000
    people = np.array(["John Kerry", "Sergei Lavrov", "Javad Zarif", "Wang Yi", "Ban Ki-moon", "Ahmet Davutoglu"])
    df = pd.DataFrame({
        "event_id": [f"e{i:06d}" for i in range(n)],
        "article_id": rng.integers(0, 20_000, n).astype(str),
        "event_type": rng.choice(["meeting", "statement", "casualties", "visit"], n),
        "date": pd.Timestamp("2010-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), unit="D"),
        "date_precision": "day", "date_from": "text",
        "actors": [f"{a}; {b}" for a, b in zip(rng.choice(people, n), rng.choice(people, n))],
        "quote": "q", "confidence": 0.5,
    })
    merged = merge_events(df)      # its speed is measured by benchmarks/bench_events.py
    assert len(merged) == n and merged["cluster_id"].nunique() < n
    same = merged[merged.duplicated("cluster_id", keep=False)]
    assert (same.groupby("cluster_id")["date"].nunique() == 1).all()
    assert (same.groupby("cluster_id")["event_type"].nunique() == 1).all()
