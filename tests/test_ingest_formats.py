"""Loading each format, encodings, and every kind of bad input (each gives a clear LoadError)."""
import json
from datetime import date
from pathlib import Path

import pytest

from dashboard.article import Article, LoadError
from dashboard.ingest import load_bytes, load_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
STORY = ("Talks resume in Geneva\n\nNegotiators met again in Geneva on Thursday to discuss the ceasefire and "
         "humanitarian access, officials said.\n")


def by_name(loaded):
    return {Path(x.path).name: x for x in loaded}


def only(loaded):
    assert len(loaded) == 1, loaded
    return loaded[0]


# --- formats ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("extension", [".txt", ".text", ".md", ".story", ""])
def test_plain_text_extensions_and_unknown_ones_sniffed(extension):
    article = only(load_bytes(f"note{extension}", STORY.encode()))
    assert isinstance(article, Article)
    assert article.title == "Talks resume in Geneva"
    assert article.text.endswith("officials said.")
    assert article.path == f"note{extension}"


def test_markdown_marks_are_not_text():
    note = ("# Talks resume in **Geneva**\n\n---\n\nNegotiators met again in [Geneva](https://example.org/g) "
            "on Thursday to discuss the _ceasefire_, officials said.\n")
    article = only(load_bytes("note.md", note.encode()))
    assert article.title == "Talks resume in Geneva"
    assert article.text.endswith("met again in Geneva on Thursday to discuss the ceasefire, officials said.")


def test_json_dump_with_an_unknown_extension_is_sniffed():
    dump = b'[{"title": "Talks resume", "text": "Negotiators met again in Geneva on Thursday, officials said."}]'
    article = only(load_bytes("export.dat", dump))
    assert article.path == "export.dat#1" and article.title == "Talks resume"


def test_html_page_metadata_and_body():
    article = only(list(load_paths([FIXTURES / "html" / "og_meta.html"])))
    assert article.title == "Talks resume in Geneva after three-week pause"
    assert article.source == "Example Wire"
    assert article.url == "https://wire.example.org/world/2015/03/04/talks-resume-geneva"
    assert (article.published, article.published_from) == (date(2015, 3, 4), "metadata")  # not the modified time
    assert article.text.startswith(article.title + "\n\n")
    assert "Advertisement" not in article.text and "Most Read" not in article.text and "Home" not in article.text
    assert "\n\nThe talks are expected to last until the end of the month" in article.text


def test_html_json_ld_published_not_modified():
    article = only(list(load_paths([FIXTURES / "html" / "jsonld.html"])))
    assert (article.published, article.published_from) == (date(2016, 2, 12), "metadata")
    assert "Too little, too late" not in article.text


def test_html_time_element():
    article = only(list(load_paths([FIXTURES / "html" / "time_element.html"])))
    assert article.published == date(2018, 9, 5)


def test_html_sidebar_dates_are_not_the_publication_date():
    article = only(list(load_paths([FIXTURES / "html" / "no_date_with_sidebar.html"])))
    assert (article.published, article.published_from) == (None, "unknown")
    assert "famine" in article.text


def test_html_without_date_metadata_uses_the_visible_byline():
    article = only(list(load_paths([FIXTURES / "html" / "plain_byline_paragraph.html"])))
    assert (article.published, article.published_from) == (date(2014, 3, 6), "dateline")  # not the header's 2020


def test_html_date_from_markup_classes():
    article = only(list(load_paths([FIXTURES / "html" / "visible_byline_only.html"])))
    assert (article.published, article.published_from) == (date(2014, 3, 5), "metadata")


def test_html_sniffed_in_a_txt_file():
    html = (FIXTURES / "html" / "og_meta.html").read_bytes()
    article = only(load_bytes("saved_page.txt", html))
    assert article.source == "Example Wire" and "<p>" not in article.text


def test_json_list_records_numbered_with_errors_in_place():
    loaded = list(load_paths([FIXTURES / "dumps" / "articles.json"]))
    assert [Path(x.path).name for x in loaded] == ["articles.json#1", "articles.json#2", "articles.json#3"]
    first, missing_text, bad_date = loaded
    assert isinstance(first, Article)
    assert (first.title, first.source, first.url) == ("Envoys agree prisoner exchange", "Example News",
                                                      "https://news.example.org/a1")
    assert (first.published, first.published_from) == (date(2017, 1, 16), "metadata")
    assert first.text.count("Envoys agree prisoner exchange") == 1 and "Share" not in first.text
    assert isinstance(missing_text, LoadError) and "no article text" in missing_text.reason
    assert isinstance(bad_date, LoadError) and "'next Tuesday' is not a date" in bad_date.reason
    assert first.raw_hash == missing_text.raw_hash == bad_date.raw_hash != ""


def test_json_single_object_has_no_record_number():
    article = only(list(load_paths([FIXTURES / "dumps" / "single.json"])))
    assert Path(article.path).name == "single.json"
    assert (article.source, article.published) == ("Example Monitor", date(2014, 3, 5))


def test_json_object_holding_a_list_of_articles():
    loaded = list(load_paths([FIXTURES / "dumps" / "wrapped.json"]))
    assert [a.title for a in loaded] == ["Talks open in Astana", "Talks close in Astana"]


def test_jsonl_bad_line_does_not_stop_the_rest():
    loaded = list(load_paths([FIXTURES / "dumps" / "articles.jsonl"]))
    assert [type(x).__name__ for x in loaded] == ["Article", "LoadError", "Article"]
    assert "line 2: invalid JSON" in loaded[1].reason
    assert loaded[2].url == "https://aid.example.org/2" and loaded[2].published is None


def test_csv_lenient_column_names_strict_content():
    loaded = list(load_paths([FIXTURES / "dumps" / "articles.csv"]))
    assert [Path(x.path).name for x in loaded] == ["articles.csv#1", "articles.csv#2", "articles.csv#3"]
    assert loaded[0].title == "Ministers meet in Oslo" and loaded[0].source == "Nordic Example"
    assert loaded[0].published == date(2019, 5, 3) and loaded[0].url == "https://nordic.example.org/oslo"
    assert isinstance(loaded[1], LoadError)
    assert loaded[2].published is None and loaded[2].published_from == "unknown"


def test_csv_semicolon_delimited():
    article = only(list(load_paths([FIXTURES / "dumps" / "semicolon.csv"])))
    assert article.title == "Talks in Doha" and article.published == date(2020, 2, 29)


@pytest.mark.parametrize("payload,reason", [
    (b"{not json", "invalid JSON"),
    (b"42", "not articles"),
    (b"[]", "no records"),
    (b'[{"title": "x", "text": {"nested": 1}}]', "text is not text"),
])
def test_json_bad_dumps(payload, reason):
    error = only(load_bytes("dump.json", payload))
    assert isinstance(error, LoadError) and reason in error.reason


# --- encodings -------------------------------------------------------------------------------------

def test_latin1_file_decodes_right():
    article = only(list(load_paths([FIXTURES / "latin1.txt"])))
    assert article.title == "Négociations à Genève : le ministre réaffirme l'engagement"
    assert "GENÈVE - Le ministre des affaires étrangères a déclaré mardi" in article.text


def test_cp1252_punctuation_decodes_right():
    article = only(list(load_paths([FIXTURES / "cp1252.txt"])))
    assert article.title == "Talks in São Paulo – a “constructive” meeting"


def test_utf8_bom_is_not_part_of_the_text():
    article = only(load_bytes("bom.txt", b"\xef\xbb\xbf" + STORY.encode()))
    assert article.title == "Talks resume in Geneva" and "\ufeff" not in article.text


def test_utf16_with_bom():
    article = only(load_bytes("wide.txt", STORY.encode("utf-16")))
    assert article.title == "Talks resume in Geneva"


def test_utf8_with_a_stray_latin1_fragment():
    data = ("Talks resume in Genève\n\nThe ministers met in Genève on Thursday, officials said, " * 3).encode()
    data += "and the summer (".encode() + "été".encode("latin-1") + ") session will follow.\n".encode()
    article = only(load_bytes("mixed.txt", data))
    assert "Genève" in article.text and "summer (été) session" in article.text


def test_text_starting_like_a_magic_number_is_still_text():
    article = only(load_bytes("bmw.txt", STORY.replace("Talks resume", "BMW talks resume").encode()))
    assert article.title == "BMW talks resume in Geneva"


def test_cyrillic_legacy_encoding():
    text = ("Переговоры в Женеве возобновятся\n\nМинистр иностранных дел заявил во вторник, что переговоры "
            "в Женеве возобновятся на следующей неделе после трёхнедельного перерыва.\n")
    article = only(load_bytes("ru.txt", text.encode("cp1251")))
    assert article.title == "Переговоры в Женеве возобновятся"


# --- bad input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"])
def test_empty_file(data):
    error = only(load_bytes("empty.txt", data))
    assert isinstance(error, LoadError) and error.reason == "empty file"


@pytest.mark.parametrize("name,data", [
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4),
    ("chart.png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    ("story.txt", b"Some text\x00\x00\x00 with NULs inside it"),
    ("noise.txt", bytes(range(128, 256)) * 20 + bytes(range(1, 9)) * 20),
])
def test_binary_content(name, data):
    error = only(load_bytes(name, data))
    assert isinstance(error, LoadError) and error.reason == "not a text file (binary content)"
    assert error.raw_hash


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    error = only(list(load_paths([big])))
    assert isinstance(error, LoadError)
    assert error.reason == "file too large (51.0 MB; limit 50 MB)"
    assert read == []


def test_upload_over_50_mb_is_refused():
    error = only(load_bytes("huge.txt", b"a" * (50 * 1024 * 1024 + 1)))
    assert error.reason.startswith("file too large (50.0 MB; limit 50 MB")


def test_all_script_html_has_no_article_text():
    error = only(list(load_paths([FIXTURES / "html" / "all_script.html"])))
    assert isinstance(error, LoadError) and error.reason == "no article text found"


def test_text_with_no_story_is_an_error_not_an_empty_article():
    error = only(load_bytes("menu.txt", b"Home\nNews\nSport\nWeather\n"))
    assert isinstance(error, LoadError) and error.reason == "no article text found"


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    loaded = list(load_paths([tmp_path / "missing.txt", tmp_path]))
    assert isinstance(loaded[0], LoadError) and loaded[0].reason == "no such file or folder"
    assert isinstance(loaded[1], Article)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    real = Path.read_bytes

    def denied(self):   # chmod cannot lock root out, so refuse the read itself
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    error = only(list(load_paths([path])))
    assert isinstance(error, LoadError) and error.reason.startswith("cannot read file")


# --- folders -------------------------------------------------------------------------------------

def test_folders_recursive_sorted_skipping_hidden_and_manifest(tmp_path):
    for rel in ["b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/d.txt", "sub/.e.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(STORY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2014-02-06\n", encoding="utf-8")
    loaded = list(load_paths([tmp_path]))
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in loaded] == ["a.txt", "b.txt", "sub/c.txt"]
    assert loaded[0].published_from == "manifest" and loaded[1].published_from == "unknown"


def test_raw_hash_is_sha256_of_the_file_bytes(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(STORY.encode())
    article = only(list(load_paths([path])))
    assert article.raw_hash == hashlib.sha256(STORY.encode()).hexdigest()


def test_load_paths_is_lazy(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(STORY, encoding="utf-8")
    stream = load_paths([tmp_path])
    assert isinstance(next(stream), Article)


def test_load_bytes_matches_load_paths_for_a_dump():
    path = FIXTURES / "dumps" / "articles.jsonl"
    from_disk = [(type(x).__name__, Path(x.path).name) for x in load_paths([path])]
    from_upload = [(type(x).__name__, x.path) for x in load_bytes("articles.jsonl", path.read_bytes())]
    assert from_disk == from_upload


def test_json_record_with_html_body():
    html = (FIXTURES / "html" / "og_meta.html").read_text(encoding="utf-8")
    record = json.dumps([{"html": "unused", "content": html, "outlet": "Dump Outlet"}]).encode()
    article = only(load_bytes("pages.json", record))
    assert article.source == "Dump Outlet" and article.published == date(2015, 3, 4)
    assert "<p>" not in article.text
