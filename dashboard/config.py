"""Paths and limits shared by the CLI, the store and the app (no heavy imports here: --help stays fast)."""
from pathlib import Path
from typing import NamedTuple

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "timeline.duckdb"   # the same file whatever the working folder
SEEDS = PROJECT_ROOT / "seeds"
MAX_FILE_BYTES = 50 * 1024 * 1024     # larger files are recorded as failures, never read whole
MAX_UPLOAD_BYTES = 10 * 1024 * 1024   # per file uploaded from the page

# Export formats by what they hold: the CLI's --format choices and the page's Export menu.
CHART_FORMATS = ("png", "svg", "pdf", "html")
TABLE_FORMATS = ("csv", "xlsx", "timelinejs")
REPORT_FORMATS = ("report-html", "report-pdf")
EXPORT_FORMATS = CHART_FORMATS + TABLE_FORMATS + REPORT_FORMATS
CHARTS = ("timeline", "casualties")   # the page's two charts (its Timeline and Casualty figures tabs)

# Exported images: layout pixels (fonts are sized for this width, see export/styling.py); the page's
# buttons ask for twice the pixels (a sharp image on a report), the CLI for the layout size itself.
IMAGE_WIDTH, IMAGE_HEIGHT = 1600, 900
PAGE_IMAGE_SCALE = 2
CLI_IMAGE_SCALE = 1


class Lane(NamedTuple):
    label: str    # on the page's "Lanes by" choice
    column: str   # the events column it groups by


# The timeline's lane choices (the URL's lane=, the CLI's --lane, the page's radio buttons).
LANES = {"event_type": Lane("Event type", "event_type"), "actor": Lane("Actor", "actors"),
         "source": Lane("Outlet", "source")}
DEFAULT_LANE = "event_type"
