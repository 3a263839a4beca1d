"""manifest.csv: strict reading, errors that name file and line, and metadata that wins over the text."""
from datetime import date
from pathlib import Path

import pytest

from dashboard.article import Article, LoadError
from dashboard.ingest import ManifestError, load_paths, read_manifest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def write(tmp_path, text):
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_manifest_entries():
    entries = read_manifest(FIXTURES / "with_manifest" / "manifest.csv")
    story = entries["story.txt"]
    assert (story.published, story.outlet, story.title, story.url) == (
        date(2013, 6, 22), "Example Broadcaster", "Title From Manifest", "https://broadcaster.example.org/story")
    assert entries["partial.txt"].published is None and entries["partial.txt"].outlet == "Only Outlet Given"


def test_bad_date_names_file_and_line_4():
    path = FIXTURES / "bad_manifest" / "manifest.csv"
    with pytest.raises(ManifestError) as e:
        read_manifest(path)
    assert str(path) in str(e.value) and "line 4" in str(e.value) and "2014-13-45" in str(e.value)


def test_missing_file_column(tmp_path):
    with pytest.raises(ManifestError, match=r"line 1: no 'file' column"):
        read_manifest(write(tmp_path, "name,published\na.txt,2014-02-06\n"))


@pytest.mark.parametrize("body,line,message", [
    ("file,published\na.txt,2014-02-06\n,2014-02-07\n", 3, "empty 'file' cell"),
    ("file,published\na.txt,2014-02-06\na.txt,2014-02-07\n", 3, "listed twice"),
    ("file,published\na.txt,2014-02-06,extra\n", 2, "more cells than columns"),
    ('file,title\n"a.txt","two\nlines"\nb.txt,x\nc.txt,y\n', None, None),
])
def test_malformed_rows(tmp_path, body, line, message):
    path = write(tmp_path, body)
    if message is None:
        assert set(read_manifest(path)) == {"a.txt", "b.txt", "c.txt"}
        return
    with pytest.raises(ManifestError) as e:
        read_manifest(path)
    assert f"line {line}:" in str(e.value) and message in str(e.value)


def test_bad_date_after_a_multiline_cell_names_the_physical_line(tmp_path):
    path = write(tmp_path, 'file,title,published\na.txt,"two\nlines",2014-01-01\nb.txt,x,not-a-date\n')
    with pytest.raises(ManifestError, match="line 4:"):
        read_manifest(path)


def test_header_names_are_case_insensitive_and_blank_rows_skipped(tmp_path):
    entries = read_manifest(write(tmp_path, "File, Published ,Outlet\n\na.txt,2014-02-06,X\n,,\n"))
    assert entries["a.txt"].published == date(2014, 2, 6)


def test_bad_manifest_is_reported_once_and_articles_still_load():
    loaded = list(load_paths([FIXTURES / "bad_manifest"]))
    errors = [x for x in loaded if isinstance(x, LoadError)]
    articles = [x for x in loaded if isinstance(x, Article)]
    assert len(errors) == 1 and errors[0].path.endswith("manifest.csv") and "line 4" in errors[0].reason
    assert [Path(a.path).name for a in articles] == ["a.txt", "b.txt", "c.txt"]
    assert all(a.published_from == "unknown" for a in articles)  # no metadata from a broken manifest


def test_manifest_wins_over_text():
    loaded = {Path(a.path).name: a for a in load_paths([FIXTURES / "with_manifest"])}
    story = loaded["story.txt"]
    assert (story.published, story.published_from) == (date(2013, 6, 22), "manifest")  # text says 2014-03-05
    assert (story.title, story.source) == ("Title From Manifest", "Example Broadcaster")
    partial = loaded["partial.txt"]  # row without a date: the text's dateline stands, the outlet is added
    assert (partial.published, partial.published_from, partial.source) == (date(2014, 3, 5), "dateline",
                                                                           "Only Outlet Given")


def test_manifest_row_for_one_record_of_a_dump():
    loaded = {Path(a.path).name: a for a in load_paths([FIXTURES / "with_manifest"])}
    assert loaded["dump.jsonl#1"].published_from == "unknown"
    second = loaded["dump.jsonl#2"]
    assert (second.published, second.published_from, second.source) == (date(2012, 1, 1), "manifest", "Dump Outlet")


def test_manifest_applies_to_a_single_file_argument():
    article = next(iter(load_paths([FIXTURES / "with_manifest" / "story.txt"])))
    assert article.published_from == "manifest"


def test_manifest_passed_as_a_path_is_not_an_article():
    assert list(load_paths([FIXTURES / "with_manifest" / "manifest.csv"])) == []


def test_manifest_in_a_parent_folder_names_files_by_relative_path(tmp_path):
    story = "Talks resume in Geneva\n\nNegotiators met again in Geneva on Thursday, officials said.\n"
    (tmp_path / "2014" / "march").mkdir(parents=True)
    (tmp_path / "2014" / "march" / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "2014" / "march" / "b.txt").write_text(story, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,outlet\n2014/march/a.txt,2014-03-05,Top\n"
                                           "2014/march/b.txt,2014-03-06,Top\n", encoding="utf-8")
    (tmp_path / "2014" / "march" / "manifest.csv").write_text("file,outlet\nb.txt,Nearest\n", encoding="utf-8")
    loaded = {Path(a.path).name: a for a in load_paths([tmp_path])}
    assert (loaded["a.txt"].published, loaded["a.txt"].source) == (date(2014, 3, 5), "Top")
    assert loaded["b.txt"].source == "Nearest" and loaded["b.txt"].published_from == "unknown"
