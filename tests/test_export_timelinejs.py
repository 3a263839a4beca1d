"""`export --format timelinejs`: the filtered events as a TimelineJS3 document."""
from __future__ import annotations

import json
import subprocess
import sys

from support import sample_events

from dashboard.config import PROJECT_ROOT
from dashboard.export import export_events
from dashboard.filters import Filters
from dashboard.store import load_events


def slides(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["events"]


def test_one_slide_per_merged_event_with_date_headline_quote_and_credit(tmp_path):
    out = export_events(sample_events(), "timelinejs", tmp_path / "t.json", filters=Filters(types=("meeting",)))
    (slide,) = slides(out)   # the meeting told by two outlets is one event
    assert slide["start_date"] == {"year": 2016, "month": 7, "day": 14}
    assert slide["text"]["headline"] == "Meeting: John Kerry, Vladimir Putin"
    assert slide["text"]["text"] == "The secretary will meet the president in Moscow on Thursday."
    assert slide["media"]["credit"] == "Outlet A"
    assert slide["group"] == "meeting"


def test_a_month_keeps_its_precision_and_article_text_is_escaped(tmp_path):
    out = export_events(sample_events(), "timelinejs", tmp_path / "t.json")
    by_type = {s["group"]: s for s in slides(out)}
    conference = by_type["conference"]
    assert conference["start_date"] == {"year": 2013, "month": 8}
    assert conference["end_date"] == {"year": 2013, "month": 8}
    assert conference["display_date"] == "Aug 2013"
    statement = by_type["statement"]["text"]["text"]
    assert "<script>" not in statement and "&lt;script&gt;" in statement
    assert by_type["statement"]["media"]["credit"] == "unknown outlet"
    assert by_type["deadline"]["media"]["url"] == "https://example.org/news/1"


def test_cli_writes_the_filtered_seeds(seeds_db, tmp_path):
    out = tmp_path / "seeds.json"
    done = subprocess.run([sys.executable, "-m", "dashboard", "export", "--db", str(seeds_db), "--format",
                           "timelinejs", "--out", str(out), "--type", "meeting"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    meetings = Filters(types=("meeting",)).apply(load_events(seeds_db))
    expected = set(meetings["cluster_id"].fillna(meetings["event_id"])[meetings["date"].notna()])
    got = slides(out)
    assert len(got) == len(expected) > 0
    assert {s["group"] for s in got} == {"meeting"}
    assert all(s["text"]["text"] and s["media"]["credit"] for s in got)
