"""The example corpus (tests/event_examples.tsv): one sentence, the events it must yield (or none)."""
import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.parser import parse_article

CORPUS = Path(__file__).resolve().parent / "event_examples.tsv"


def examples() -> list[dict]:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _check(event: pd.Series, expected: dict) -> list[str]:
    problems = []
    if expected["trigger"] and event["trigger"] != expected["trigger"]:
        problems.append(f"trigger: expected {expected['trigger']!r}, got {event['trigger']!r}")
    for column in ("tense", "location", "figure_kind"):
        want = expected[column]
        got = event[column]
        if want == "none" and not pd.isna(got):
            problems.append(f"{column}: expected nothing, got {got!r}")
        elif want and want != "none" and (pd.isna(got) or str(got) != want):
            problems.append(f"{column}: expected {want!r}, got {got!r}")
    for column in ("date", "date_end"):
        if expected[column] and (pd.isna(event[column]) or event[column] != pd.Timestamp(expected[column])):
            problems.append(f"{column}: expected {expected[column]}, got {event[column]}")
    if expected["figure"] == "none" and not pd.isna(event["figure"]):
        problems.append(f"figure: expected none, got {event['figure']}")
    elif expected["figure"] and expected["figure"] != "none" and event["figure"] != int(expected["figure"]):
        problems.append(f"figure: expected {expected['figure']}, got {event['figure']}")
    if expected["qualifier"] and event["figure_qualifier"] != expected["qualifier"]:
        problems.append(f"qualifier: expected {expected['qualifier']!r}, got {event['figure_qualifier']!r}")
    actors = set(str(event["actors"]).split("; ")) if not pd.isna(event["actors"]) else set()
    missing = {a for a in expected["actors"].split("; ") if a} - actors
    if missing:
        problems.append(f"actors: missing {sorted(missing)} in {sorted(actors)}")
    return problems


def groups() -> list[list[dict]]:
    """Examples grouped by sentence and publication date, in file order."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for example in examples():
        grouped.setdefault((example["sentence"], example["published"]), []).append(example)
    return list(grouped.values())


@pytest.mark.parametrize("group", groups(), ids=lambda g: g[0]["sentence"][:50])
def test_example(group):
    first = group[0]
    df = parse_article(first["sentence"], date.fromisoformat(first["published"]))
    if first["type"] == "none":
        assert df.empty, df[["event_type", "trigger", "quote"]].to_string()
        return
    absent = [e["type"] for e in group if e["trigger"] == "none"]   # "no row of this type"
    assert not df["event_type"].isin(absent).any(), df[["event_type", "trigger", "date"]].to_string()
    group = [e for e in group if e["trigger"] != "none"]
    used: set[int] = set()
    for expected in group:   # each expected row matches its own event
        candidates = df[df["event_type"] == expected["type"]]
        assert not candidates.empty, f"no {expected['type']} event; got {df['event_type'].tolist()}"
        reports = {i: _check(event, expected) for i, event in candidates.iterrows() if i not in used}
        good = [i for i, problems in reports.items() if not problems]
        assert good, reports
        used.add(good[0])
    if len(group) > 1:   # a sentence of several events: exactly those rows of their types, none told twice
        types = {e["type"] for e in group}
        got = df[df["event_type"].isin(types)]
        assert len(got) == len(group), got[["event_type", "trigger", "date"]].to_string()
