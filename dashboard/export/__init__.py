"""Exports for reports: the filtered timeline as PNG/SVG/PDF/HTML, the filtered events as CSV/XLSX, and a
one-page report (HTML or PDF). The page's Export menu and the CLI call the same `export_events`, with
the same `Filters`, so an export holds exactly what the page shows.

Chart formats need Chromium (kaleido renders through it); the table formats do not, and do not import
plotly or kaleido at all.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.config import (CHART_FORMATS, CHARTS, CLI_IMAGE_SCALE, DEFAULT_LANE, EXPORT_FORMATS, IMAGE_HEIGHT,
                              IMAGE_WIDTH, TABLE_FORMATS)
from dashboard.export.captions import Captions, captions_for
from dashboard.export.errors import ExportError
from dashboard.filters import Filters

FORMATS = EXPORT_FORMATS
SUFFIXES = {"report-html": ".html", "report-pdf": ".pdf", "timelinejs": ".json"}   # others: "." + format
MEDIA_TYPES = {
    "png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
    "csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "timelinejs": "application/json", "report-html": "text/html", "report-pdf": "application/pdf",
}
MAX_SIDE_PX = 8000   # beyond this kaleido's canvas fails or takes minutes; no report needs more

__all__ = ["CHARTS", "ExportError", "FORMATS", "MEDIA_TYPES", "export", "export_events", "suffix"]


def suffix(fmt: str) -> str:
    return SUFFIXES.get(fmt, f".{fmt}")


def export(db: str | Path, fmt: str, out: str | Path, filters: Filters = Filters(), *, width: int = IMAGE_WIDTH,
           height: int = IMAGE_HEIGHT, scale: float = CLI_IMAGE_SCALE, title: str | None = None,
           lane_by: str = DEFAULT_LANE,
           chart: str = "timeline") -> Path:
    """Export what the database holds, filtered, to `out` (the CLI's entry point)."""
    from dashboard.store import Store, StoreError

    try:
        with Store(db, read_only=True) as store:
            if store.is_empty():
                raise ExportError(f"the database {db} holds no articles: run 'python -m dashboard ingest PATH' first")
            events = store.events()
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    return export_events(events, fmt, out, filters=filters, width=width, height=height, scale=scale,
                         title=title, lane_by=lane_by, chart=chart)


def export_events(events: pd.DataFrame, fmt: str, out: str | Path, *, filters: Filters = Filters(),
                  width: int = IMAGE_WIDTH, height: int = IMAGE_HEIGHT, scale: float = CLI_IMAGE_SCALE,
                  title: str | None = None, lane_by: str = DEFAULT_LANE, chart: str = "timeline", exported: date | None = None) -> Path:
    """Write the events `filters` keeps (schema.EVENT_COLUMNS, unfiltered in) to `out` as `fmt`.

    width/height are the chart's layout pixels (PNG pixels are times `scale`; the height grows when
    many lanes would not fit their labels); lane_by is the page's lane choice (event_type, actor,
    source); `chart` ("timeline" or "casualties") is the chart of image and report formats, whose
    report then lists the rows that chart draws; `title` defaults to the chart's name; `exported`
    (default today) is the date in the source footer. The file appears complete or not at all: it is
    written beside `out` and renamed into place.
    """
    _check_options(fmt, width, height, scale, chart)
    out = Path(out)
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name such as {out / ('timeline' + suffix(fmt))}")
    shown = filters.apply(events)
    exported = exported or date.today()
    if fmt in TABLE_FORMATS:
        captions = captions_for(shown, filters, title=title, exported=exported)
        return _export_table(shown, fmt, out, captions, filters)

    if fmt != "html":
        from dashboard.export.static import warm_up

        warm_up()   # Chromium starts while the figure is built, not after
    from dashboard.export import charts

    drawn = charts.chart_events(shown, chart)
    captions = captions_for(drawn, filters, title=title, exported=exported, chart=chart)
    fig = charts.chart_figure(drawn, chart, lane_by=lane_by)
    if fmt in CHART_FORMATS:
        return _export_chart(fig, fmt, out, captions, width=width, height=height, scale=scale)
    return _export_report(drawn, fig, fmt, out, captions, width=width, height=height)


def _export_table(shown: pd.DataFrame, fmt: str, out: Path, captions: Captions, filters: Filters) -> Path:
    from dashboard.export import tables

    if fmt == "csv":
        return _write_atomically(out, lambda tmp: tables.write_csv(shown, tmp))
    if fmt == "timelinejs":
        from dashboard.export import timelinejs

        document = timelinejs.timeline_json(shown, title=captions.title, subtitle=captions.subtitle)
        return _write_atomically(out, lambda tmp: tmp.write_text(document, encoding="utf-8"))
    about = {"Title": captions.title, "Shown": captions.subtitle, "Sources": captions.footer,
             "View": filters.to_query_string() or "(no filters)"}
    return _write_atomically(out, lambda tmp: tables.write_xlsx(shown, tmp, about))


def _export_chart(fig, fmt: str, out: Path, captions: Captions, *, width: int, height: int, scale: float) -> Path:
    from dashboard.export import charts

    if fmt == "html":
        page = charts.interactive_page(fig, captions)
        return _write_atomically(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    image = charts.static_image(fig, captions, fmt, width=width, height=height, scale=scale)
    return _write_atomically(out, lambda tmp: tmp.write_bytes(image))


def _export_report(drawn: pd.DataFrame, fig, fmt: str, out: Path, captions: Captions, *, width: int,
                   height: int) -> Path:
    from dashboard.export import charts, report
    from dashboard.export.browser import print_to_pdf

    # The page prints the captions as text, so the embedded chart carries none.
    svg = charts.static_image(fig, Captions(), "svg", width=width, height=height, scale=1.0)
    page = report.report_html(drawn, title=captions.title, subtitle=captions.subtitle,
                              footer=captions.footer, chart_svg=svg)
    if fmt == "report-html":
        return _write_atomically(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))

    def print_page(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="timeline-report-") as folder:
            html_file = Path(folder) / "report.html"
            html_file.write_text(page, encoding="utf-8")
            print_to_pdf(html_file, tmp)

    return _write_atomically(out, print_page)


def _check_options(fmt: str, width: int, height: int, scale: float, chart: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if chart not in CHARTS:
        raise ExportError(f"unknown chart {chart!r}; choose one of {', '.join(CHARTS)}")
    if not (100 <= width <= MAX_SIDE_PX and 100 <= height <= MAX_SIDE_PX):
        raise ExportError(f"image size {width}x{height} px is out of range (100 to {MAX_SIDE_PX} per side)")
    if not 1 <= scale <= 4:
        raise ExportError(f"scale {scale:g} is out of range (1 to 4)")


def _write_atomically(out: Path, write: Callable[[Path], object]) -> Path:
    """Run `write(tmp)` on a temporary file beside `out`, then rename it to `out`: a failed export never
    leaves a half-written file nor destroys the previous one."""
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # Created like any new file (mode 0666 less the umask), unlike mkstemp's private 0600.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):   # nothing to remove when it could not even be created
            tmp.unlink()
    return out
