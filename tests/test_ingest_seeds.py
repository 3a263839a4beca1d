"""The five seed pages, with and without their manifest."""
import shutil
from datetime import date
from pathlib import Path

import pytest

from dashboard.article import Article
from dashboard.ingest import load_paths, read_manifest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MANIFEST = read_manifest(SEEDS / "manifest.csv")


@pytest.fixture(scope="module")
def without_manifest(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder)
    return {Path(a.path).name: a for a in load_paths([folder])}


@pytest.fixture(scope="module")
def with_manifest():
    return {Path(a.path).name: a for a in load_paths([SEEDS])}


def test_every_seed_loads(with_manifest, without_manifest):
    assert len(with_manifest) == len(without_manifest) == 5
    assert all(isinstance(a, Article) for a in [*with_manifest.values(), *without_manifest.values()])


def test_with_manifest_metadata_wins(with_manifest):
    for name, article in with_manifest.items():
        entry = MANIFEST[name]
        assert article.published == entry.published
        assert article.published_from == "manifest"
        assert article.title == entry.title
        assert article.source == entry.outlet


def test_001_dateline_not_the_update_stamp(without_manifest):
    article = without_manifest["001_2efea116c0154303.txt"]
    assert article.published == date(2016, 7, 13)
    assert article.published_from == "dateline"


def test_seeds_without_manifest_are_right_or_unknown(without_manifest):
    for name, article in without_manifest.items():
        if article.published is None:
            assert article.published_from == "unknown"
        else:
            assert article.published == MANIFEST[name].published, name


def test_004_no_comments_or_video_sidebar(without_manifest):
    text = without_manifest["004_0cf8f4e938e2421f.txt"].text
    for word in ("Gaza", "Ebola", "Gennady", "You May Like", "Comments", "AppleAndroid"):
        assert word not in text
    caption = "US Secretary of State John Kerry, right, meets with Russian Foreign Minister Sergei Lavrov, May 27, 2013, in Paris"
    assert text.count(caption) == 1
    assert text.count("speaks during a meeting of the London 11") == 1
    assert "U.S. and Russian diplomats meet with U.N. officials in Geneva Tuesday" in text


def test_chrome_is_dropped_and_recorded(without_manifest):
    a001 = without_manifest["001_2efea116c0154303.txt"]
    assert "Last Update" not in a001.text and "Short link" not in a001.text and "©" not in a001.text
    assert "Last Update 18:49" in a001.dropped
    a002 = without_manifest["002_9d73ea2eb52987d8.txt"]
    assert "Advertisement" not in a002.text and not a002.text.startswith("Share")
    a003 = without_manifest["003_d8b01ecab234cca2.txt"]
    assert "Classifieds powered by" not in a003.text and "Image Credit" not in a003.text


def test_headline_first_and_once(without_manifest):
    a000 = without_manifest["000_55a6573ed94db44f.txt"]
    assert a000.title == "Syria's al-Assad making gains, Kerry admits"
    assert a000.text.startswith(a000.title + "\n\n")
    assert a000.text.lower().count("al-assad making gains") == 1


def test_paragraph_breaks_kept(without_manifest):
    text = without_manifest["003_d8b01ecab234cca2.txt"].text
    assert "\n\nKerry said the two countries both believe" in text
    assert "\n\n\n" not in text
