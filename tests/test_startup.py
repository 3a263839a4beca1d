"""What each step of an ingest loads, since every ingest pays for its imports before it reads a file: the parser
runs without pandas (workers return Arrow tables), and planning and writing run without the parser."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def loaded_after(statement: str) -> set[str]:
    """The top-level packages and dashboard modules loaded by running `statement` in a fresh interpreter."""
    probe = f"import sys; {statement}; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_parser_runs_without_pandas():
    loaded = loaded_after("from dashboard.parser.events import event_rows; "
                          "event_rows('Kerry met Lavrov in Geneva on Monday.', '2016-03-09')")
    assert "dashboard.parser.events" in loaded
    assert "pandas" not in loaded


def test_planning_and_writing_run_without_the_parser():
    loaded = loaded_after("import dashboard.pipeline")
    assert "dashboard.pipeline" in loaded
    assert not {m for m in loaded if m.startswith("dashboard.parser")}
    assert "pandas" not in loaded
