"""The filtered events as a table for reports: CSV, and XLSX with a styled, frozen, filterable header."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

# event column -> the header a reader sees, in the order they read them.
HEADERS: dict[str, str] = {
    "date": "Date",
    "date_end": "Until",
    "date_precision": "Precision",
    "event_type": "Type",
    "actors": "Actors",
    "location": "Place",
    "figure": "Figure",
    "figure_kind": "Figure kind",
    "quote": "Quote",
    "source": "Outlet",
    "title": "Headline",
    "published": "Published",
    "path": "Source file",
    "url": "URL",
    "sources": "Reports",
    "confidence": "Confidence",
    "event_id": "Event ID",
}
DATE_HEADERS = ("Date", "Until", "Published")
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_MAX_WIDTH = {"Quote": 90, "Headline": 50, "Actors": 40}   # wider columns wrap instead
XLSX_DEFAULT_MAX_WIDTH = 30


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events in date order (undated last) with readable headers; dates stay datetime64."""
    ordered = events.sort_values(["date", "published", "event_id"], na_position="last", kind="stable")
    table = ordered[list(HEADERS)].rename(columns=HEADERS).reset_index(drop=True)
    table["Confidence"] = table["Confidence"].round(2)
    return table


def write_csv(events: pd.DataFrame, out: Path) -> Path:
    """UTF-8 with a byte-order mark so spreadsheet programs read accents right; dates as YYYY-MM-DD."""
    events_table(events).to_csv(out, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")
    return out


def write_xlsx(events: pd.DataFrame, out: Path, about: dict[str, str] | None = None) -> Path:
    """The events sheet first (what pandas and spreadsheet users open), then an "About" sheet with
    `about` (label -> text: what is shown, the sources, the view) so a copied file keeps its provenance."""
    table = events_table(events)
    wb = Workbook()
    ws = wb.active
    ws.title = "Events"
    ws.append(list(table.columns))
    for row in table.itertuples(index=False):
        ws.append([_cell_value(v) for v in row])
    for col_idx, header in enumerate(table.columns, start=1):
        letter = get_column_letter(col_idx)
        cells = ws[letter][1:]
        if header in DATE_HEADERS:
            for cell in cells:
                cell.number_format = XLSX_DATE_FORMAT
        else:
            for cell in cells:
                if isinstance(cell.value, str):
                    # Text from articles is data: "=..." must not become a formula.
                    cell.data_type = "s"
        longest = max([len(header), *(len(str(c.value)) for c in cells if c.value is not None)])
        limit = XLSX_MAX_WIDTH.get(header, XLSX_DEFAULT_MAX_WIDTH)
        ws.column_dimensions[letter].width = min(longest, limit) + 2
        if longest > limit:
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="3A4A5C")
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    if about:
        sheet = wb.create_sheet("About")
        for label, text in about.items():
            sheet.append([label, _cell_value(text)])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            sheet.cell(row=sheet.max_row, column=2).data_type = "s"
        sheet.column_dimensions["A"].width = 14
        sheet.column_dimensions["B"].width = 100
    wb.save(out)
    return out


def _cell_value(value):
    """A pandas value as openpyxl wants it: None for missing, dates as datetime, text without the
    control characters XML cannot hold (they carry no meaning in news text)."""
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
