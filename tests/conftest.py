"""Fixtures shared by the whole suite."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.config import SEEDS


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """The seed articles ingested once for the whole run. Read it only: a test that changes a database
    makes its own."""
    from dashboard.pipeline import ingest

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    report = ingest([SEEDS], db=db)
    assert not report.failures, report.failures
    return db
