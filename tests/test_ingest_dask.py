"""The Dask path: ingest on an in-process distributed.LocalCluster stores what the local pool stores."""
import shutil

import pandas as pd
import pytest

from dashboard.config import SEEDS
from dashboard.pipeline import SCHEDULER_ENV, ingest
from dashboard.store import Store

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


def tables(db):
    with Store(db, read_only=True) as store:
        return store.events(), store.articles(with_text=True)


def corpus(tmp_path):
    """The seeds (with their manifest) and files that fail: every kind of row the store keeps."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def test_the_cluster_stores_the_same_events_and_articles_as_the_local_pool(tmp_path, cluster):
    folder = corpus(tmp_path)
    local = ingest([folder], db=tmp_path / "local.duckdb")
    on_cluster = ingest([folder], db=tmp_path / "dask.duckdb", scheduler=cluster.scheduler_address)
    assert (on_cluster.articles, on_cluster.events, len(on_cluster.failures)) == \
        (local.articles, local.events, len(local.failures)) == (5, local.events, 2)
    assert local.events > 50
    (events_a, articles_a), (events_b, articles_b) = tables(tmp_path / "local.duckdb"), tables(tmp_path / "dask.duckdb")
    pd.testing.assert_frame_equal(events_a, events_b)
    pd.testing.assert_frame_equal(articles_a, articles_b)
    assert not (tmp_path / "dask.parts").exists()     # the Parquet parts are gone once loaded


def test_the_environment_variable_names_the_scheduler_and_a_reingest_skips_on_the_cluster(tmp_path, cluster,
                                                                                          monkeypatch):
    folder = corpus(tmp_path)
    monkeypatch.setenv(SCHEDULER_ENV, cluster.scheduler_address)
    db = tmp_path / "dask.duckdb"
    first = ingest([folder], db=db)
    (folder / "000_55a6573ed94db44f.txt").write_text(
        (folder / "000_55a6573ed94db44f.txt").read_text() + "\nThe ministers met again in Vienna on Friday.\n")
    again = ingest([folder], db=db)
    assert first.articles == 5 and (again.articles, again.skipped) == (1, 4)
    events, articles = tables(db)
    assert articles["path"].is_unique and set(events["article_id"]) <= set(articles["article_id"])


def test_a_scheduler_that_is_not_there_is_a_clear_error_and_the_database_is_unchanged(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    ingest([folder], db=db)
    before = tables(db)
    import dask

    story = folder / "000_55a6573ed94db44f.txt"
    story.write_text(story.read_text() + "\nThe ministers met again in Vienna on Friday.\n")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), pytest.raises(OSError):
        ingest([story], db=db, scheduler="tcp://127.0.0.1:1")
    after = tables(db)
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])


def test_a_reingest_with_nothing_to_load_needs_no_cluster(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    first = ingest([folder], db=db)
    again = ingest([folder / "000_55a6573ed94db44f.txt"], db=db, scheduler="tcp://127.0.0.1:1")
    assert first.articles == 5 and (again.articles, again.skipped, again.failures) == (0, 1, [])
