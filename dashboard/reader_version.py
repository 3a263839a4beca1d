"""Which reader made a stored row: a hash of the code and data that turn a file's bytes into articles and
events (loading, cleaning, dating, parsing). A parser upgrade changes it, so ingest re-reads and re-parses
files whose rows an older reader made, instead of keeping their old events because the files did not change.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
READER_PARTS = ("article.py", "ingest", "parser", "resources")   # what decides the rows of a file
_NOT_READ = (".md", ".pyc")                                          # notes and caches decide nothing


@lru_cache(maxsize=1)
def reader_version() -> str:
    """16 hex digits naming this reader: the same files give the same version on every machine."""
    return version_of(PACKAGE)


def version_of(package: Path) -> str:
    """The hash of the names and bytes of the reader's files in `package`."""
    digest = hashlib.sha256()
    for part in READER_PARTS:
        root = package / part
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in _NOT_READ or "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
