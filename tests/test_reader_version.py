"""The reader's version names the code and data that turn files into rows: it changes with any of them,
and with nothing else."""
import shutil

from dashboard.reader_version import PACKAGE, READER_PARTS, reader_version, version_of


def _copy_of_the_reader(tmp_path):
    copy = tmp_path / "dashboard"
    for part in READER_PARTS:
        source = PACKAGE / part
        if source.is_file():
            copy.mkdir(exist_ok=True)
            shutil.copy(source, copy / part)
        else:
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_same_files_anywhere_give_the_version_of_this_checkout(tmp_path):
    assert version_of(_copy_of_the_reader(tmp_path)) == reader_version()
    assert len(reader_version()) == 16


def test_a_changed_lexicon_or_module_changes_it_and_a_note_or_an_app_module_does_not(tmp_path):
    copy = _copy_of_the_reader(tmp_path)
    before = version_of(copy)
    (copy / "resources" / "lexicons" / "README.md").write_text("notes say nothing of the rows\n")
    (copy / "app.py").write_text("# not part of the reader\n")
    assert version_of(copy) == before
    with open(copy / "resources" / "lexicons" / "triggers.tsv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    after_lexicon = version_of(copy)
    assert after_lexicon != before
    with open(copy / "parser" / "events.py", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert version_of(copy) not in (before, after_lexicon)
