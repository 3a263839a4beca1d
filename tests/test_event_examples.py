"""The example corpus (tests/event_examples.tsv): one sentence, the event it must yield (or none)."""
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


@pytest.mark.parametrize("example", examples(), ids=lambda e: e["sentence"][:50])
def test_example(example):
    df = parse_article(example["sentence"], date.fromisoformat(example["published"]))
    if example["type"] == "none":
        assert df.empty, df[["event_type", "quote"]].to_string()
        return
    candidates = df[df["event_type"] == example["type"]]
    assert not candidates.empty, f"no {example['type']} event; got {df['event_type'].tolist()}"
    reports = [_check(event, example) for _, event in candidates.iterrows()]
    assert any(not problems for problems in reports), reports
