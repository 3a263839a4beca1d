"""What loading a file yields: an article ready for the parser, or the reason it could not be read."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property


@dataclass
class Article:
    text: str                          # the cleaned story: headline, body, captions once; no page chrome
    path: str                          # file path, plus "#N" for the Nth record of a JSON/CSV dump
    title: str | None = None
    source: str | None = None          # outlet
    url: str | None = None
    published: date | None = None
    published_from: str = "unknown"    # manifest | metadata | dateline | text | user | unknown
    raw_hash: str = ""                 # hash of the bytes it came from (incremental ingest)
    dropped: list[str] = field(default_factory=list)  # chrome lines removed, for debugging the cleaner

    @cached_property
    def article_id(self) -> str:
        """Stable id: the same path and text always give the same id. Hashed once (the parser's rows and the
        article's row both ask for it): an article's path and text are not changed once loaded (replace() makes
        a new article, with its own id)."""
        return hashlib.sha1(f"{self.path}\n{self.text}".encode("utf-8")).hexdigest()[:16]


@dataclass
class LoadError:
    path: str
    reason: str
    raw_hash: str = ""
