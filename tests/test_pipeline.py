"""The whole pipeline on the seed corpus and on bad batches: files -> store."""
import shutil
from datetime import date

import pandas as pd
import pytest

from dashboard import pipeline
from dashboard.config import SEEDS
from dashboard.pipeline import ingest, set_published
from dashboard.store import Store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "seeds.duckdb"
    report = ingest([SEEDS], db=db)
    with Store(db, read_only=True) as store:
        return report, store.articles(with_text=True), store.events()


def article_events(seeded, prefix):
    _, articles, events = seeded
    path = articles.loc[articles["path"].str.contains(prefix), "path"].iloc[0]
    return events[events["path"] == path]


def test_seeds_ingest_cleanly(seeded):
    report, articles, events = seeded
    assert report.articles == 5 and not report.failures
    assert (articles["published_from"] == "manifest").all()
    assert len(events) >= 15


def test_001_meeting_in_moscow_is_planned_for_thursday(seeded):
    ev = article_events(seeded, "001_")
    meetings = ev[(ev["event_type"] == "meeting") & (ev["date"] == pd.Timestamp("2016-07-14"))]
    assert not meetings.empty
    row = meetings.iloc[0]
    assert row["tense"] == "future"
    assert "John Kerry" in row["actors"] and "Vladimir Putin" in ev["actors"].str.cat(sep="; ")
    assert (meetings["location"] == "Moscow").any()
    deadlines = ev[(ev["event_type"] == "deadline") & (ev["date"] == pd.Timestamp("2016-08-01"))]
    assert not deadlines.empty
    assert not (ev["date"].dt.year == 2021).any()      # the page's update stamp is not a date of the story


def test_000_casualty_figures_cumulative_and_for_january(seeded):
    ev = article_events(seeded, "000_")
    cas = ev[ev["event_type"] == "casualties"]
    cumulative = cas[cas["figure"] == 136000]
    assert (cumulative["figure_kind"] == "cumulative").all() and len(cumulative) >= 1
    january = cas[cas["figure"] == 6000]
    assert len(january) >= 1
    row = january.iloc[0]
    assert row["figure_kind"] == "period"
    assert row["date"] == pd.Timestamp("2014-01-01") and row["date_end"] == pd.Timestamp("2014-01-31")
    assert row["date_precision"] == "month"


def test_004_paris_meeting_once_and_nothing_from_comments_or_videos(seeded):
    ev = article_events(seeded, "004_")
    paris = ev[(ev["event_type"] == "meeting") & (ev["date"] == pd.Timestamp("2013-05-27"))]
    assert len(paris) == 1
    assert paris.iloc[0]["location"] == "Paris" and paris.iloc[0]["tense"] == "past"
    quotes = " ".join(ev["quote"].dropna())
    for foreign in ("Gaza", "Ebola", "Gennady", "Michigan"):
        assert foreign not in quotes
    assert not (ev["date"].dt.year == 2014).any()


def test_every_quote_is_the_text_at_its_offsets(seeded):
    _, articles, events = seeded
    texts = articles.set_index("article_id")["text"]
    for _, ev in events.iterrows():
        text = texts[ev["article_id"]]
        assert text[ev["quote_start"]:ev["quote_end"]] == ev["quote"]


def test_without_the_manifest_no_publication_date_is_wrong(tmp_path):
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, corpus)
    truth = pd.read_csv(SEEDS / "manifest.csv").set_index("file")["published"]
    ingest([corpus], db=tmp_path / "t.duckdb")
    with Store(tmp_path / "t.duckdb", read_only=True) as store:
        articles = store.articles()
    for _, row in articles.iterrows():
        name = row["path"].rsplit("/", 1)[-1]
        if pd.isna(row["published"]):
            assert row["published_from"] == "unknown"
        else:
            assert row["published"].date().isoformat() == truth[name], name
    dated = articles.set_index(articles["path"].str.rsplit("/", n=1).str[-1])
    assert dated.loc["001_2efea116c0154303.txt", "published"] == pd.Timestamp("2016-07-13")


def test_reingest_skips_unchanged_and_replaces_changed(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "t.duckdb"
    first = ingest([corpus], db=db)
    second = ingest([corpus], db=db)
    assert second.skipped == first.articles and second.articles == 0
    target = corpus / "003_d8b01ecab234cca2.txt"
    target.write_text(target.read_text() + "\n\nOn Friday, Kerry met Lavrov again in Geneva.\n")
    third = ingest([corpus], db=db)
    assert third.articles == 1 and third.skipped == first.articles - 1
    with Store(db, read_only=True) as store:
        articles = store.articles()
        events = store.events()
    assert len(articles) == 5                              # replaced, not added
    assert events["event_id"].is_unique


def make_bad_batch(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Kerry meets Lavrov\n\nGENEVA (AP) -- Secretary of State John Kerry met Russian Foreign Minister "
        "Sergei Lavrov in Geneva on Tuesday to discuss a ceasefire in Syria.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(
        "Talks in Genève\n\nFrench Foreign Minister Laurent Fabius said on Monday that the café talks "
        "would resume in Genève next week.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.txt", "wb") as fh:           # sparse: 51 MB on paper, nothing on disk
        fh.truncate(51 * 1024 * 1024)
    (folder / "script.html").write_text("<html><head><script>var a = 1;</script></head>"
                                        "<body><script>document.write('x')</script></body></html>")
    (folder / "manifest.csv").write_text(
        "file,published,outlet,title\n"
        "good.txt,2016-07-13,AP,Kerry meets Lavrov\n"
        "latin1.txt,2015-03-02,AFP,Talks in Geneva\n"
        "other.txt,13/31/2016,AFP,Bad date on line 4\n")


def test_a_bad_batch_records_each_failure_and_ingests_the_rest(tmp_path):
    folder = tmp_path / "batch"
    make_bad_batch(folder)
    report = ingest([folder, tmp_path / "missing.txt"], db=tmp_path / "t.duckdb")
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in report.failures}
    assert set(reasons) >= {"empty.txt", "binary.txt", "huge.txt", "script.html", "manifest.csv", "missing.txt"}
    assert "line 4" in reasons["manifest.csv"]
    assert "50 MB" in reasons["huge.txt"]
    assert report.articles == 2
    with Store(tmp_path / "t.duckdb", read_only=True) as store:
        articles = store.articles(with_text=True)
    good = articles[articles["error"].isna()]
    good = good.set_index(good["path"].str.rsplit("/", n=1).str[-1])
    assert "Genève" in good.loc["latin1.txt", "text"]
    failed = articles[articles["error"].notna()]
    assert len(failed) >= 5                                # failures are recorded, not dropped


def test_a_crash_mid_batch_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "t.duckdb"
    ingest([SEEDS], db=db)
    with Store(db, read_only=True) as store:
        before = store.events()
    corpus = tmp_path / "c"
    make_bad_batch(corpus)
    real = pipeline.event_rows

    def crash_on_latin1(text, *args, **kwargs):   # runs in the worker processes too (they are forked)
        if "Genève" in text:
            raise MemoryError("simulated crash")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "event_rows", crash_on_latin1)
    with pytest.raises(MemoryError):
        ingest([corpus], db=db)
    with Store(db, read_only=True) as store:
        after = store.events()
    pd.testing.assert_frame_equal(before, after)


def test_setting_a_publication_date_reanchors_the_events(tmp_path):
    folder = tmp_path / "undated"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "Ministers to meet\n\nThe foreign ministers of Russia and the United States will meet in Vienna "
        "on Thursday to discuss a ceasefire, officials said.\n")
    db = tmp_path / "t.duckdb"
    ingest([folder], db=db)
    with Store(db, read_only=True) as store:
        art = store.articles().iloc[0]
    assert art["published_from"] == "unknown"
    n = set_published(db, art["article_id"], date(2016, 2, 9))
    assert n >= 1
    with Store(db, read_only=True) as store:
        events = store.events()
        art2 = store.articles().iloc[0]
    assert art2["published_from"] == "user" and art2["published"] == pd.Timestamp("2016-02-09")
    assert (events["date"] == pd.Timestamp("2016-02-11")).any()       # the Thursday after


def test_a_date_set_by_hand_survives_a_reingest_and_a_manifest_edit_reingests(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Ministers to meet\n\nThe ministers will meet in Vienna on Thursday, officials said.\n")
    db = tmp_path / "t.duckdb"
    ingest([folder], db=db)
    with Store(db, read_only=True) as store:
        article_id = store.articles().iloc[0]["article_id"]
    set_published(db, article_id, date(2016, 2, 9))
    again = ingest([folder], db=db)
    assert again.skipped == 1
    (folder / "manifest.csv").write_text("file,published,outlet,title\nstory.txt,2015-03-02,AFP,Ministers\n")
    third = ingest([folder], db=db)
    assert third.articles == 1
    with Store(db, read_only=True) as store:
        art = store.articles().iloc[0]
    assert art["published_from"] == "manifest" and art["published"] == pd.Timestamp("2015-03-02")


def test_an_upload_is_stored_under_upload_and_a_second_upload_of_the_same_bytes_is_skipped(tmp_path):
    from dashboard.pipeline import ingest_upload

    data = b"Talks in Vienna\n\nThe ministers met in Vienna on Tuesday to discuss a ceasefire, officials said.\n"
    first = ingest_upload("../../etc/story.txt", data, tmp_path / "t.duckdb")
    second = ingest_upload("story.txt", data, tmp_path / "t.duckdb")
    assert first.articles == 1 and second.skipped == 1
    with Store(tmp_path / "t.duckdb", read_only=True) as store:
        assert store.articles()["path"].tolist() == ["upload/story.txt"]


def test_events_speak_the_schema_vocabularies(seeded):
    from dashboard.schema import EVENT_TYPES, FIGURE_KINDS, PRECISIONS, PUBLISHED_FROM, TENSES

    _, articles, events = seeded
    assert set(events["event_type"]) <= set(EVENT_TYPES)
    assert set(events["date_precision"].dropna()) <= set(PRECISIONS)
    assert set(events["tense"].dropna()) <= set(TENSES)
    assert set(events["figure_kind"].dropna()) <= set(FIGURE_KINDS)
    assert set(articles["published_from"]) <= set(PUBLISHED_FROM)


def test_the_compile_ahead_page_takes_the_loading_and_parsing_paths():
    """compile_ahead() (run before the workers fork) must reach the parser, or the patterns compiled on first
    use would be compiled again in every worker."""
    from dashboard.ingest import load_bytes
    from dashboard.pipeline import _COMPILE_AHEAD_PAGE, settle
    result = settle([(load_bytes("compile-ahead.txt", _COMPILE_AHEAD_PAGE.encode("utf-8")), None)], {})
    assert result.parsed == 1 and result.n_events >= 2 and not result.failures
