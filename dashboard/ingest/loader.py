"""Files, folders and uploads -> Article or LoadError, one per article; bad input never stops a batch.

Format by extension (.txt/.text, .md/.markdown, .html/.htm, .json, .jsonl, .csv); anything else is
sniffed: JSON if it parses, HTML if it looks like HTML, else text if it decodes. A .txt holding a saved
HTML page is read as HTML. A manifest.csv beside the files gives their metadata and
wins over what the text says; a dump's records are matched by "dump.json#3" there. A manifest in a parent
folder (within the folder given) describes files below it by relative path ("sub/a.txt"); the nearest
manifest that names a file wins. Planning (plan.py: which files, with which manifest entries) is apart
from loading (load_task), so that files can be loaded in worker processes or on a cluster.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from dashboard.article import Article, LoadError
from dashboard.config import MAX_FILE_BYTES
from dashboard.ingest import records
from dashboard.ingest.clean import clean_page
from dashboard.ingest.decode import NotText, decode
from dashboard.ingest.html import NO_TEXT, NoArticle, looks_like_html, read_html
from dashboard.ingest.markdown import markdown_to_text
from dashboard.ingest.manifest import ManifestEntry
from dashboard.ingest.plan import FileTask, plan_paths, sha256
from dashboard.ingest.pubdate import find_published

TEXT_EXTENSIONS = {".txt", ".text"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
HTML_EXTENSIONS = {".html", ".htm"}
DUMP_EXTENSIONS = {".json", ".jsonl", ".csv"}
Loaded = Article | LoadError


def too_large(size: int) -> str:
    return f"file too large ({size / 1024 / 1024:.1f} MB; limit {MAX_FILE_BYTES // 1024 // 1024} MB)"


def build_article(path: str, raw_text: str, raw_hash: str, *, title=None, source=None, url=None,
                  published=None, published_from="metadata", read_dateline=True) -> Loaded:
    """Clean `raw_text` and date it: `published` (from metadata) if given, else the page's dateline (unless
    the page's markup already settled that its date is unknown)."""
    page = clean_page(raw_text, title)
    if not any(line.kind == "story" for line in page.lines):
        return LoadError(path, NO_TEXT, raw_hash)
    text = f"{title}\n\n{page.text}" if title else page.text
    if published is None and not read_dateline:
        published_from = "unknown"
    elif published is None:
        found = find_published(page.lines)
        published, published_from = found.date, found.source
    return Article(text=text, path=path, title=title or page.title, source=source, url=url,
                   published=published, published_from=published_from, raw_hash=raw_hash, dropped=page.dropped)


def _from_html(path: str, html: str, raw_hash: str, *, title=None, source=None, url=None,
               published=None) -> Loaded:
    """An HTML page; fields given (a dump record's) win over the page's own metadata."""
    try:
        page = read_html(html)
    except NoArticle as e:
        return LoadError(path, str(e), raw_hash)
    return build_article(path, page.text, raw_hash, title=title or page.title, source=source or page.source,
                         url=url or page.url, published=published or page.published,
                         published_from="metadata" if published else page.published_from,
                         read_dateline=published is None and not page.date_checked)


def _from_record(path: str, record, raw_hash: str) -> Loaded:
    if isinstance(record, records.RecordError):
        return LoadError(path, str(record), raw_hash)
    try:
        r = records.to_record(record)
    except records.RecordError as e:
        return LoadError(path, str(e), raw_hash)
    read = _from_html if looks_like_html(r.text) else build_article
    return read(path, r.text, raw_hash, title=r.title, source=r.source, url=r.url, published=r.published)


def _from_dump(name: str, extension: str, text: str, raw_hash: str) -> list[Loaded]:
    try:
        if extension == ".json":
            items, numbered = records.json_records(text)
        elif extension == ".jsonl":
            items, numbered = records.jsonl_records(text), True
        else:
            items, numbered = records.csv_records(text), True
    except records.RecordError as e:
        return [LoadError(name, str(e), raw_hash)]
    if not items:
        return [LoadError(name, "no records in file", raw_hash)]
    return [_from_record(f"{name}#{n}" if numbered else name, item, raw_hash)
            for n, item in enumerate(items, start=1)]


def load_bytes(name: str, data: bytes) -> list[Loaded]:
    """Articles in one file's bytes (an upload, or a file read from disk); `name` decides the format."""
    raw_hash = sha256(data)
    if len(data) > MAX_FILE_BYTES:
        return [LoadError(name, too_large(len(data)), raw_hash)]
    if not data.strip():
        return [LoadError(name, "empty file", raw_hash)]
    try:
        text = decode(data)
    except NotText as e:
        return [LoadError(name, str(e), raw_hash)]
    if not text.strip():
        return [LoadError(name, "empty file", raw_hash)]
    extension = Path(name).suffix.lower()
    if extension not in DUMP_EXTENSIONS | HTML_EXTENSIONS | TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS:
        extension = _sniff(text)
    if extension in DUMP_EXTENSIONS:
        return _from_dump(name, extension, text, raw_hash)
    if extension in HTML_EXTENSIONS or looks_like_html(text):
        return [_from_html(name, text, raw_hash)]
    if extension in MARKDOWN_EXTENSIONS:
        text = markdown_to_text(text)
    return [build_article(name, text, raw_hash)]


def _sniff(text: str) -> str:
    """The extension a file of unknown type should have had: .json if it is JSON, else .txt."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            json.loads(text)
            return ".json"
        except ValueError:
            pass
    return ".txt"


def with_manifest(article: Article, entry: ManifestEntry) -> Article:
    """Manifest fields win over what was read from the file."""
    changes = {k: v for k, v in (("title", entry.title), ("source", entry.outlet), ("url", entry.url)) if v}
    if entry.published is not None:
        changes.update(published=entry.published, published_from="manifest")
    return replace(article, **changes)


def _load_file(path: Path) -> list[Loaded]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [LoadError(name, too_large(size))]  # not read, so not hashed
        data = path.read_bytes()
    except OSError as e:
        return [LoadError(name, f"cannot read file: {e.strerror or e}")]
    return load_bytes(name, data)


def _relative_key(path: str, folder: str) -> str:
    """Path(path).relative_to(folder).as_posix(): by slicing the string when `path` (as planned, a normalised path)
    starts with `folder` and a separator, as it does below a folder given, through pathlib otherwise."""
    if os.sep == "/" and path.startswith(folder + "/"):
        return path[len(folder) + 1:]
    return Path(path).relative_to(folder).as_posix()


def load_task(task: FileTask) -> list[Loaded]:
    """The articles of one planned file, with its manifest entries applied (the nearest manifest wins)."""
    loaded_items = []
    for loaded in _load_file(Path(task.path)):
        record_suffix = loaded.path[len(task.path):]  # "#3" for a dump's third record
        entry = next((entries[key] for folder, entries in task.manifests
                      if (key := _relative_key(task.path, folder) + record_suffix) in entries), None)
        loaded_items.append(with_manifest(loaded, entry) if entry and isinstance(loaded, Article) else loaded)
    return loaded_items


def load_paths(paths: Iterable[str | Path]) -> Iterator[Loaded]:
    """Every article in `paths` (files, and folders searched recursively in sorted order), loaded here."""
    for task in plan_paths(paths):
        if isinstance(task, LoadError):
            yield task
        else:
            yield from load_task(task)
