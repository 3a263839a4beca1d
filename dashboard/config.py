"""Paths and limits shared by the CLI, the store and the app (no heavy imports here: --help stays fast)."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "timeline.duckdb"   # the same file whatever the working folder
SEEDS = PROJECT_ROOT / "seeds"
MAX_FILE_BYTES = 50 * 1024 * 1024     # larger files are recorded as failures, never read whole
MAX_UPLOAD_BYTES = 10 * 1024 * 1024   # per file uploaded from the page
