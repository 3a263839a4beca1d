"""The command line, run as a user runs it."""
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.config import PROJECT_ROOT


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dashboard", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or PROJECT_ROOT, timeout=600)


def test_help_lists_every_command():
    out = run("--help")
    assert out.returncode == 0
    for command in ("ingest", "events", "articles", "serve", "export"):
        assert command in out.stdout


def test_serve_binds_to_loopback_by_default():
    out = run("serve", "--help")
    assert "127.0.0.1" in out.stdout


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_events_and_articles_tables(seeds_db, tmp_path, fmt):
    for table in ("events", "articles"):
        out_file = tmp_path / f"{table}.{fmt}"
        out = run(table, "--db", seeds_db, "--format", fmt, "--out", out_file)
        assert out.returncode == 0, out.stderr
        df = {"csv": pd.read_csv, "parquet": pd.read_parquet,
              "json": lambda p: pd.DataFrame(json.loads(Path(p).read_text()))}[fmt](out_file)
        assert len(df) == (5 if table == "articles" else int(out.stdout.split()[1]))
        assert ("event_type" if table == "events" else "published_from") in df.columns
        if table == "articles":   # the articles' text comes along, so a quote can be read in context
            assert df["text"].str.len().min() > 500


def test_ingest_prints_a_summary_and_writes_the_database(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text("Talks\n\nKerry met Lavrov in Geneva on Tuesday, officials said.\n")
    out = run("ingest", corpus, "--db", tmp_path / "t.duckdb", "--no-progress")
    assert out.returncode == 0, out.stderr
    assert "1 articles" in out.stdout and "0 failed" in out.stdout
    assert run("events", "--db", tmp_path / "t.duckdb", "--format", "csv", "--out", tmp_path / "e.csv").returncode == 0


def test_ingest_exit_status_tells_failures(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "ok.txt").write_text("Talks\n\nKerry met Lavrov in Geneva on Tuesday, officials said.\n")
    out = run("ingest", corpus, "--db", tmp_path / "t.duckdb", "--no-progress")
    assert out.returncode == 1
    assert "1 articles" in out.stdout and "1 failed" in out.stdout
    assert "empty.txt" in out.stderr


def test_reading_a_missing_database_is_a_clear_error(tmp_path):
    out = run("events", "--db", tmp_path / "none.duckdb", "--out", tmp_path / "e.csv")
    assert out.returncode != 0
    assert "ingest" in out.stderr and "Traceback" not in out.stderr


def test_export_applies_the_view_and_the_flags_together(seeds_db, tmp_path):
    from dashboard.filters import Filters
    from dashboard.store import load_events

    out_file = tmp_path / "view.csv"
    out = run("export", "--db", seeds_db, "--format", "csv", "--out", out_file,
              "--view", "?type=meeting&lane=actor", "--type", "deadline")
    assert out.returncode == 0, out.stderr
    expected = Filters(types=("meeting", "deadline")).apply(load_events(seeds_db))
    exported = pd.read_csv(out_file)
    assert len(exported) == len(expected) > 0
    assert set(exported.filter(like="Type").iloc[:, 0].str.lower()) == {"meeting", "deadline"}


def test_export_rejects_a_bad_view(seeds_db, tmp_path):
    out = run("export", "--db", seeds_db, "--format", "csv", "--out", tmp_path / "x.csv", "--view", "?from=soon")
    assert out.returncode == 2 and "'from'" in out.stderr
