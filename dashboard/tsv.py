"""The one reader of the project's TSV resource files (lexicons, tagger rules, ingest cues).

Every file is tab-separated UTF-8; blank lines and lines starting with '#' are comments. A row with the wrong
number of cells is an error that names the file and the line, so a broken resource never loads half-read.
"""
from __future__ import annotations

from pathlib import Path


def _numbered_rows(path: Path) -> list[tuple[int, list[str]]]:
    return [(number, line.split("\t"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def _checked(path: Path, rows: list[tuple[int, list[str]]], width: int) -> list[list[str]]:
    for number, cells in rows:
        if len(cells) != width:
            raise ValueError(f"{path.name} line {number}: expected {width} tab-separated cells, got {len(cells)}")
    return [cells for _, cells in rows]


def read_rows(path: Path, width: int | None = None) -> list[list[str]]:
    """The rows of `path` as lists of cells. With `width`, every row must have exactly that many cells."""
    rows = _numbered_rows(path)
    return [cells for _, cells in rows] if width is None else _checked(path, rows, width)


def read_table(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of a file whose first row names the columns, as dicts keyed by them (cells stripped)."""
    rows = _numbered_rows(path)
    if not rows:
        return ()
    header = [name.strip() for name in rows[0][1]]
    body = _checked(path, rows[1:], len(header))
    return tuple({key: value.strip() for key, value in zip(header, cells)} for cells in body)
