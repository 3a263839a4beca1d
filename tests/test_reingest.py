"""Ingesting a folder again: unchanged files are found by their load key (bytes + manifest entries + reader)
and skipped before anything loads them; what changed, failed, predates the key or was read by another
version of the reader is loaded as before."""
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import pipeline
from dashboard.config import SEEDS
from dashboard.ingest import loader, plan
from dashboard.pipeline import ingest, set_published
from dashboard.store import Store

ROOT = Path(__file__).resolve().parent.parent
UNDATED = "Ministers to meet\n\nThe ministers will meet in Vienna on Thursday, officials said.\n"
DATED = "Talks resume\n\nGENEVA (AP) -- Monday 07 Mar 2016\n\nEnvoys met in Geneva on Monday to discuss a ceasefire.\n"


@pytest.fixture
def loads(monkeypatch):
    """The files loaded, in this process: one core, so the chunks run here rather than in forked workers."""
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 1)
    loaded = []
    real = loader.load_task

    def counting(task):
        loaded.append(Path(task.path).name)
        return real(task)

    monkeypatch.setattr(loader, "load_task", counting)
    return loaded


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(SEEDS, folder)
    return folder


def articles(db) -> pd.DataFrame:
    with Store(db, read_only=True) as store:
        return store.articles().set_index("path")


def test_an_unchanged_folder_is_skipped_without_loading_a_file(corpus, tmp_path, loads):
    db = tmp_path / "t.duckdb"
    first = ingest([corpus], db=db)
    assert len(loads) == 5 and articles(db)["load_key"].notna().all()
    loads.clear()
    again = ingest([corpus], db=db)
    assert (again.articles, again.skipped, again.failures) == (0, first.articles, []) and loads == []


def test_an_ingest_that_finds_nothing_changed_loads_neither_parser_nor_pandas_and_starts_no_worker(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    ingest([corpus], db=db)
    probe = (f"import sys, multiprocessing; from dashboard.pipeline import ingest; "
             f"r = ingest([{str(corpus)!r}], db={str(db)!r}); "
             f"print(r.skipped, multiprocessing.active_children(), "
             f"sorted(m for m in sys.modules if m.startswith(('dashboard.parser', 'pandas'))))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "5 [] []"


def test_an_edited_file_and_an_edited_manifest_entry_are_loaded_again(corpus, tmp_path, loads):
    db = tmp_path / "t.duckdb"
    ingest([corpus], db=db)
    edited = corpus / "003_d8b01ecab234cca2.txt"
    edited.write_text(edited.read_text() + "\n\nOn Friday, Kerry met Lavrov again in Geneva.\n")
    loads.clear()
    assert ingest([corpus], db=db).articles == 1 and loads == [edited.name]

    manifest = corpus / "manifest.csv"
    rows = manifest.read_text().splitlines()
    entry = next(i for i, row in enumerate(rows) if row.startswith("000_"))
    rows[entry] = rows[entry].replace("2014-02-06", "2015-02-06")   # the entry's publication date
    manifest.write_text("\n".join(rows) + "\n")
    loads.clear()
    report = ingest([corpus], db=db)
    assert report.articles == 1 and report.skipped == 4 and loads == [rows[entry].split(",")[0]]
    assert articles(db)["published"].dt.year.value_counts().get(2015) == 1


def test_editing_the_entry_of_one_record_of_a_dump_keeps_the_others(tmp_path, loads):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "dump.jsonl").write_text(
        '{"title": "Talks one", "text": "Envoys met in Geneva on Monday to discuss a ceasefire.", '
        '"published": "2016-03-07"}\n'
        '{"title": "Talks two", "text": "Ministers met in Vienna on Tuesday to discuss a truce.", '
        '"published": "2016-03-08"}\n')
    db = tmp_path / "t.duckdb"
    ingest([folder], db=db)
    (folder / "manifest.csv").write_text("file,published\ndump.jsonl#2,2016-03-09\n")
    report = ingest([folder], db=db)
    assert (report.articles, report.skipped) == (1, 1)
    stored = articles(db)
    assert sorted(stored["published_from"]) == ["manifest", "metadata"]
    assert stored["load_key"].nunique() == 1                       # the record kept takes the file's new key
    loads.clear()
    assert ingest([folder], db=db).skipped == 2 and loads == []


def test_a_database_from_before_the_load_key_works_and_gains_the_key(corpus, tmp_path, loads):
    db = tmp_path / "t.duckdb"
    first = ingest([corpus], db=db)
    with Store(db) as store:
        store.con.execute("ALTER TABLE articles DROP COLUMN load_key")
    assert articles(db)["load_key"].isna().all()                   # read-only, as the app opens it
    loads.clear()
    again = ingest([corpus], db=db)                                # loads each file once to find it current
    assert (again.articles, again.skipped) == (0, first.articles) and len(loads) == 5
    assert articles(db)["load_key"].notna().all()
    loads.clear()
    assert ingest([corpus], db=db).skipped == first.articles and loads == []


def _one_story_ingested(tmp_path, text: str):
    """A folder holding one story, ingested: (folder, db)."""
    folder = tmp_path / "u"
    folder.mkdir()
    (folder / "story.txt").write_text(text)
    db = tmp_path / "t.duckdb"
    ingest([folder], db=db)
    return folder, db


def _date_by_hand(db) -> None:
    set_published(db, articles(db)["article_id"].iloc[0], date(2016, 2, 9))


def test_a_date_set_by_hand_on_an_undated_article_survives_reingests_without_a_load(tmp_path, loads):
    folder, db = _one_story_ingested(tmp_path, UNDATED)
    _date_by_hand(db)
    loads.clear()
    assert ingest([folder], db=db).skipped == 1 and loads == []
    stored = articles(db).iloc[0]
    assert (stored["published_from"], stored["published"]) == ("user", pd.Timestamp("2016-02-09"))


def test_a_date_set_by_hand_on_a_dated_article_yields_to_the_file_on_reingest_as_before(tmp_path, loads):
    folder, db = _one_story_ingested(tmp_path, DATED)
    assert articles(db).iloc[0]["published_from"] == "dateline"
    _date_by_hand(db)
    loads.clear()
    assert ingest([folder], db=db).articles == 1 and loads == ["story.txt"]
    assert articles(db).iloc[0]["published"] == pd.Timestamp("2016-03-07")


def _upgrade_reader(monkeypatch) -> None:
    """As if the parser (or the loader) changed since the last ingest."""
    for module in (plan, pipeline):
        monkeypatch.setattr(module, "reader_version", lambda: "a newer reader")


def test_a_new_reader_reads_and_parses_every_stored_file_again_once(corpus, tmp_path, loads, monkeypatch):
    db = tmp_path / "t.duckdb"
    first = ingest([corpus], db=db)
    old = articles(db)["reader_version"]
    assert old.notna().all() and old.nunique() == 1
    _upgrade_reader(monkeypatch)
    loads.clear()
    again = ingest([corpus], db=db)
    assert (again.articles, again.skipped, again.events) == (first.articles, 0, first.events) and len(loads) == 5
    assert (articles(db)["reader_version"] == "a newer reader").all()
    loads.clear()
    assert ingest([corpus], db=db).skipped == first.articles and loads == []


def test_a_date_set_by_hand_is_kept_when_a_new_reader_parses_the_article_again(tmp_path, loads, monkeypatch):
    folder, db = _one_story_ingested(tmp_path, UNDATED)
    _date_by_hand(db)                                              # Tuesday 9 February 2016
    _upgrade_reader(monkeypatch)
    loads.clear()
    assert ingest([folder], db=db).articles == 1 and loads == ["story.txt"]
    stored = articles(db).iloc[0]
    assert (stored["published_from"], stored["published"]) == ("user", pd.Timestamp("2016-02-09"))
    assert stored["reader_version"] == "a newer reader"
    with Store(db, read_only=True) as store:
        meetings = store.events().query("event_type == 'meeting'")
    # the headline's meeting on the date set, the story's "on Thursday" counted from it
    assert sorted(meetings["date"]) == [pd.Timestamp("2016-02-09"), pd.Timestamp("2016-02-11")]
    loads.clear()
    assert ingest([folder], db=db).skipped == 1 and loads == []


def test_failures_are_retried_and_good_files_skipped(tmp_path, loads):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "good.txt").write_text(DATED)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    db = tmp_path / "t.duckdb"
    first = ingest([folder], db=db)
    assert first.articles == 1 and len(first.failures) == 2
    loads.clear()
    again = ingest([folder], db=db)
    assert (again.articles, again.skipped, len(again.failures)) == (0, 1, 2)
    assert sorted(loads) == ["binary.txt", "empty.txt"]
    (folder / "empty.txt").write_text(UNDATED)                     # fixed: now it loads
    third = ingest([folder], db=db)
    assert (third.articles, len(third.failures)) == (1, 1)


def test_merging_only_the_days_an_ingest_changed_gives_the_clusters_of_a_full_merge(tmp_path, monkeypatch):
    from dashboard import merge
    from dashboard.merge import MERGE_COLUMNS, merge_events

    merged_rows = []

    def counting(events):
        merged_rows.append(len(events))
        return merge_events(events)

    def ingest_and_compare_with_a_full_merge() -> pd.DataFrame:
        merged_rows.clear()
        ingest([folder], db=db)
        with Store(db) as store:
            incremental = store.events()
            store.remerge(merge_events, MERGE_COLUMNS)
            pd.testing.assert_frame_equal(incremental, store.events())
        return incremental

    folder = tmp_path / "m"
    folder.mkdir()
    for story in sorted(SEEDS.glob("*.txt")):    # two outlets carry every story: clusters span articles
        shutil.copy(story, folder / f"a-{story.name}")
        shutil.copy(story, folder / f"b-{story.name}")
    db = tmp_path / "t.duckdb"
    ingest([folder], db=db)
    monkeypatch.setattr(merge, "merge_events", counting)

    edited = folder / "b-003_d8b01ecab234cca2.txt"
    edited.write_text(edited.read_text() + "\n\nOn Friday, Kerry met Lavrov again in Geneva.\n")
    shutil.copy(SEEDS / "001_2efea116c0154303.txt", folder / "c-001_2efea116c0154303.txt")   # a third outlet
    events = ingest_and_compare_with_a_full_merge()
    third = events[events["path"].str.endswith("c-001_2efea116c0154303.txt")]
    assert (third["sources"] == 3).any()                             # joined the clusters of the other two
    assert 0 < sum(merged_rows) < len(events)

    (folder / "d-oslo.txt").write_text("Talks in Oslo\n\nOSLO (AP) -- Monday 01 Mar 1999\n\n"
                                       "Envoys met in Oslo on Monday to discuss a ceasefire.\n")
    events = ingest_and_compare_with_a_full_merge()
    oslo = events[events["path"].str.endswith("d-oslo.txt")]
    assert len(oslo) >= 1 and sum(merged_rows) == len(oslo)         # a new day: only its own events
