"""Helpers shared by the export tests: small typed event tables and reading a PNG's size."""
from __future__ import annotations

import struct

import pandas as pd

from dashboard.schema import EVENT_COLUMNS, typed


def make_events(*rows: dict) -> pd.DataFrame:
    """Typed events from partial rows; each row gets its own id, cluster and article unless given."""
    filled = []
    for i, row in enumerate(rows):
        base = dict(event_id=f"e{i}", cluster_id=f"c{i}", event_type="meeting", date="2016-07-14",
                    date_end=row.get("date", "2016-07-14"), date_precision="day", date_from="text",
                    tense="past", article_id=f"a{i}", source="Outlet A", title=f"Headline {i}",
                    quote=f"Quote number {i}.", path=f"articles/{i}.txt", published="2016-07-13",
                    sources=1, confidence=0.8)
        base.update(row)
        filled.append(base)
    return typed(pd.DataFrame(filled), EVENT_COLUMNS)


def sample_events() -> pd.DataFrame:
    """A small varied corpus: several types, precisions, outlets, one event told by two articles."""
    return make_events(
        dict(event_type="meeting", date="2016-07-14", actors="John Kerry; Vladimir Putin", location="Moscow",
             tense="future", quote="The secretary will meet the president in Moscow on Thursday.",
             source="Outlet A", article_id="a1", cluster_id="k1", confidence=0.9),
        dict(event_type="meeting", date="2016-07-14", actors="John Kerry; Vladimir Putin", location="Moscow",
             tense="future", quote="Talks in Moscow are planned for Thursday, officials said.",
             source="Outlet B", article_id="a2", cluster_id="k1", confidence=0.7, sources=2),
        dict(event_type="conference", date="2013-08-01", date_end="2013-08-31", date_precision="month",
             timex="2013-08", quote="A peace conference may not happen until August.", source="Outlet C",
             article_id="a3", published="2013-07-02"),
        dict(event_type="casualties", date="2014-01-01", date_end="2014-01-31", date_precision="month",
             figure=6000, figure_kind="period", figure_text="some 6,000", source="Outlet D",
             quote="January was the deadliest month, with some 6,000 dead.", article_id="a4",
             published="2014-02-06"),
        dict(event_type="deadline", date="2016-08-01", quote="Talks were supposed to start on August 1.",
             source="Outlet A", article_id="a1", url="https://example.org/news/1"),
        dict(event_type="statement", date="2016-02-09", actors="Sergei Lavrov",
             quote="=SUM(A1:A2) <script>alert('x')</script> & a \"quoted\" remark.", source=None,
             article_id="a5", published="2016-02-09", confidence=0.5),
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def walk_components(component):
    """A Dash component and every component below it, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from walk_components(child)
