"""The DuckDB store: typed round trips, replacement by file, atomic batches, table files."""
import json
from datetime import date

import pandas as pd
import pytest

from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, typed
from dashboard.store import Store, StoreError, load_events, write_table


def article(path, text="Kerry met Lavrov.", **kw):
    row = {"article_id": f"id-{path}", "path": path, "title": "T", "source": "AFP", "published": "2016-07-13",
           "published_from": "manifest", "text": text, "content_hash": f"h-{path}", "n_events": 1}
    row.update(kw)
    return row


def event(path, event_id, **kw):
    row = {"event_id": event_id, "cluster_id": event_id, "event_type": "meeting", "date": "2016-07-14",
           "date_end": "2016-07-14", "date_precision": "day", "actors": "John Kerry; Vladimir Putin",
           "quote": "Kerry met Putin.", "quote_start": 0, "quote_end": 16, "article_id": f"id-{path}",
           "path": path, "sources": 1, "confidence": 0.8, "figure": None}
    row.update(kw)
    return row


def write(store, articles, events, replace, merge=None):
    store.write_batch(pd.DataFrame(articles), pd.DataFrame(events), replace, merge=merge)


def test_round_trip_keeps_types(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        write(store, [article("a.txt")], [event("a.txt", "e1", figure=136000)], ["a.txt"])
    events = load_events(db)
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert events.loc[0, "date"] == pd.Timestamp("2016-07-14")
    assert events.loc[0, "figure"] == 136000 and str(events["figure"].dtype) == "Int64"
    with Store(db, read_only=True) as store:
        assert store.articles()["text"].isna().all()          # text only on request
        assert store.article("id-a.txt")["text"] == "Kerry met Lavrov."
        assert store.article("nope") is None
        assert store.known_versions() == {"a.txt": ("h-a.txt", None, "manifest", date(2016, 7, 13))}


def test_replacing_a_file_replaces_its_records_and_events(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        write(store, [article("dump.json#1"), article("dump.json#2"), article("b.txt")],
              [event("dump.json#1", "e1"), event("dump.json#2", "e2"), event("b.txt", "e3")],
              ["dump.json", "b.txt"])
        write(store, [article("dump.json#1", text="new")], [event("dump.json#1", "e4")], ["dump.json"])
        assert sorted(store.articles()["path"]) == ["b.txt", "dump.json#1"]
        assert sorted(store.events()["event_id"]) == ["e3", "e4"]


def test_a_failing_batch_leaves_the_previous_state(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        write(store, [article("a.txt")], [event("a.txt", "e1")], ["a.txt"])

        def broken_merge(events):
            raise RuntimeError("crash mid-batch")

        with pytest.raises(RuntimeError):
            write(store, [article("a.txt", text="changed"), article("b.txt")],
                  [event("a.txt", "e2"), event("b.txt", "e3")], ["a.txt", "b.txt"], merge=broken_merge)
        assert store.events()["event_id"].tolist() == ["e1"]
        assert store.article("id-a.txt")["text"] == "Kerry met Lavrov."


def test_merge_results_are_written_back(tmp_path):
    def one_cluster(events):
        return events.assign(cluster_id="c", sources=events["article_id"].nunique())

    with Store(tmp_path / "t.duckdb") as store:
        write(store, [article("a.txt"), article("b.txt")], [event("a.txt", "e1"), event("b.txt", "e2")],
              ["a.txt", "b.txt"], merge=one_cluster)
        events = store.events()
    assert set(events["cluster_id"]) == {"c"} and set(events["sources"]) == {2}


def test_read_only_on_a_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_write_table_formats_read_back(tmp_path, fmt):
    df = typed(pd.DataFrame([event("a.txt", "e1"), event("a.txt", "e2", event_type="deadline")]), EVENT_COLUMNS)
    out = write_table(df, tmp_path / "sub" / f"events.{fmt}", fmt)
    back = {"csv": pd.read_csv, "parquet": pd.read_parquet,
            "json": lambda p: pd.DataFrame(json.loads(p.read_text()))}[fmt](out)
    assert back["event_id"].tolist() == ["e1", "e2"]
    assert back["event_type"].tolist() == ["meeting", "deadline"]


def test_articles_table_has_the_declared_columns(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        write(store, [article("a.txt"), {"path": "bad.bin", "error": "not a text file (binary content)"}], [],
              ["a.txt", "bad.bin"])
        arts = store.articles()
    assert list(arts.columns) == list(ARTICLE_COLUMNS)
    assert arts.set_index("path").loc["bad.bin", "error"] == "not a text file (binary content)"


def test_merging_part_by_part_gives_the_clusters_of_one_merge_over_all_events(tmp_path, monkeypatch):
    """Blocks never cross an event type or a start day, so merging (type, year) parts one at a time (here
    as small as they go) gives exactly what one merge over every event gives."""
    from dashboard import store as store_module
    from dashboard.config import SEEDS
    from dashboard.merge import MERGE_COLUMNS, merge_events
    from dashboard.pipeline import ingest

    import shutil

    db = tmp_path / "t.duckdb"
    for copy in ("a", "b"):   # the same stories from two outlets' folders: the same events, told twice
        shutil.copytree(SEEDS, tmp_path / copy)
    ingest([tmp_path / "a", tmp_path / "b"], db=db)
    with Store(db) as store:
        whole = merge_events(store.con.execute("SELECT * FROM events ORDER BY rowid").df())
        monkeypatch.setattr(store_module, "MERGE_PART_ROWS", 1)
        assert len(list(store._merge_parts())) > 3
        store.con.execute("UPDATE events SET cluster_id = NULL, sources = NULL")
        store.remerge(merge_events, MERGE_COLUMNS)
        by_parts = store.events()
    expected = whole.set_index("event_id").loc[by_parts["event_id"], ["cluster_id", "sources"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(by_parts[["cluster_id", "sources"]], expected)
    assert (by_parts["sources"] == 2).any()


def test_arrow_rows_store_as_the_schema_types(tmp_path):
    from datetime import date

    from dashboard.store import arrow_table

    rows = [{"event_id": "e1", "date": date(2016, 7, 14), "figure": 3, "confidence": 0.5},
            {"event_id": "e2", "date": None, "figure": None, "confidence": None}]
    table = arrow_table(rows, EVENT_COLUMNS)
    assert table.column_names == list(EVENT_COLUMNS)
    with Store(tmp_path / "t.duckdb") as store:
        store.append("events", table)
        events = store.events()
    assert list(events.dtypes.astype(str)) == list(EVENT_COLUMNS.values())
    assert events.loc[0, "date"] == pd.Timestamp("2016-07-14") and pd.isna(events.loc[1, "date"])
    assert events.loc[0, "figure"] == 3 and pd.isna(events.loc[1, "figure"])


def test_an_ingest_re_merges_only_the_parts_it_changed_and_gets_the_clusters_of_a_full_merge(tmp_path):
    """An ingest merges again only the (type, day) groups it added events to or deleted events from; the
    clusters come out as a merge of every stored event would give them, also across earlier ingests."""
    import shutil

    from dashboard.config import SEEDS
    from dashboard.merge import MERGE_COLUMNS, merge_events
    from dashboard.pipeline import ingest

    db = tmp_path / "t.duckdb"

    def clusters_then_full_remerge():
        with Store(db) as store:
            incremental = store.events()[["event_id", "cluster_id", "sources"]]
            store.con.execute("UPDATE events SET cluster_id = NULL, sources = NULL")
            store.remerge(merge_events, MERGE_COLUMNS)
            full = store.events()[["event_id", "cluster_id", "sources"]]
        pd.testing.assert_frame_equal(incremental, full)
        return incremental

    for copy in ("a", "b"):   # the same stories from two outlets' folders: the same events, told twice
        shutil.copytree(SEEDS, tmp_path / copy)
    ingest([tmp_path / "a"], db=db)
    ingest([tmp_path / "b"], db=db)                 # its events join clusters of the first ingest's
    assert (clusters_then_full_remerge()["sources"] == 2).any()

    told_twice = sorted((tmp_path / "b").glob("*.txt"))[0]
    told_twice.write_text("Nothing happened here.\n", encoding="utf-8")
    ingest([tmp_path / "b"], db=db)                 # its events are gone: their clusters shrink again
    clusters_then_full_remerge()

    with Store(db) as store:
        total = len(store.events())
        merged_rows = []
        day = store.con.execute("SELECT date FROM events WHERE event_type = 'meeting' LIMIT 1").fetchone()[0]
        store.changed_days = {("meeting", day)}
        store.remerge(lambda part: merged_rows.append(len(part)) or merge_events(part), MERGE_COLUMNS,
                      changed_only=True)
        assert 0 < sum(merged_rows) < total
        assert store.changed_days == set()
