"""Read the parser's lexicons: tab-separated data files under dashboard/resources/lexicons/.

Each file has '#' comment lines, a header row, then one entry per line with an `example` column: a phrase
the entry must handle (tests read those examples). Lists inside a cell are '|'-separated.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "lexicons"


@lru_cache(maxsize=None)
def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `<name>.tsv` as dicts keyed by the header; blank cells are ''."""
    path = LEXICON_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"{path.name}: entry {lineno} has the wrong number of columns: {row}")
        rows.append({key: value.strip() for key, value in row.items()})
    return tuple(rows)


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


