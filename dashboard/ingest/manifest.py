"""manifest.csv: publication metadata for the articles beside it (columns file, published, outlet,
title, url; only `file` is required). Strict: a malformed manifest is an error naming file and line."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.ingest.dates import parse_date_value
from dashboard.ingest.decode import NotText, decode

MANIFEST_NAME = "manifest.csv"
COLUMNS = ("file", "published", "outlet", "title", "url")


class ManifestError(ValueError):
    """A manifest that cannot be trusted; the message names the file and, where it can, the line."""


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    published: date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


def read_manifest(path: str | Path) -> dict[str, ManifestEntry]:
    """Entries keyed by the `file` cell as written (a name relative to the manifest's folder)."""
    path = Path(path)
    try:
        text = decode(path.read_bytes())
    except (OSError, NotText) as e:
        raise ManifestError(f"{path}: cannot read manifest: {e}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if "file" not in header:
        raise ManifestError(f"{path} line 1: no 'file' column (columns found: {', '.join(header) or 'none'})")
    reader.fieldnames = header
    entries: dict[str, ManifestEntry] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise ManifestError(f"{path} line {line}: more cells than columns")
        cells = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if not any(cells.values()):
            continue
        if not cells["file"]:
            raise ManifestError(f"{path} line {line}: empty 'file' cell")
        name = cells["file"].replace("\\", "/")
        if name in entries:
            raise ManifestError(f"{path} line {line}: {name!r} is listed twice")
        published = None
        if cells["published"]:
            published = parse_date_value(cells["published"])
            if published is None:
                raise ManifestError(f"{path} line {line}: bad published date {cells['published']!r} "
                                    "(expected YYYY-MM-DD)")
        entries[name] = ManifestEntry(name, published, cells["outlet"] or None, cells["title"] or None,
                                      cells["url"] or None)
    return entries
