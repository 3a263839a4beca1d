"""Read the parser's lexicons: tab-separated data files under dashboard/resources/lexicons/.

Each file has '#' comment lines, a header row, then one entry per line with an `example` column: a phrase
the entry must handle (tests read those examples). Lists inside a cell are '|'-separated.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from dashboard.tsv import read_table

LEXICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "lexicons"


@lru_cache(maxsize=None)
def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `<name>.tsv` as dicts keyed by the header; blank cells are ''."""
    return read_table(LEXICON_DIR / f"{name}.tsv")


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


