"""JSON, JSONL and CSV dumps -> one Record per article, with the fields named in record_fields.json.

Lenient on names (text/body/content, title/headline, ...; any case, '_' or '-' or spaces), strict on
content: a record without text, or with a date that is not a date, is an error for that record alone.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from dashboard.config import MAX_FILE_BYTES
from dashboard.ingest import cues
from dashboard.ingest.dates import parse_date_value

csv.field_size_limit(MAX_FILE_BYTES)  # a story is one cell; csv's default 128 KB cell limit is too small


class RecordError(ValueError):
    """One record (or the whole dump) cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Record:
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None


def _field(record: dict, field: str):
    keys = {cues.field_key(str(k)): v for k, v in record.items()}
    for name in cues.record_fields()[field]:
        value = keys.get(name)
        if value not in (None, ""):
            return value
    return None


def _string(record: dict, field: str) -> str | None:
    value = _field(record, field)
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)):
        raise RecordError(f"{field} is not text ({type(value).__name__})")
    return str(value)


def _one_line(value: str | None) -> str | None:
    """A title, outlet or URL on one line; blank is None."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def to_record(record) -> Record:
    if not isinstance(record, dict):
        raise RecordError(f"not an object with fields ({type(record).__name__})")
    text = _string(record, "text")
    if not text or not text.strip():
        names = ", ".join(cues.record_fields()["text"][:4])
        raise RecordError(f"no article text (expected a field such as {names})")
    published = None
    raw_date = _field(record, "published")
    if raw_date is not None:
        published = parse_date_value(str(raw_date))
        if published is None:
            raise RecordError(f"published date {raw_date!r} is not a date")
    return Record(text, _one_line(_string(record, "title")), _one_line(_string(record, "source")),
                  _one_line(_string(record, "url")), published)


def json_records(text: str) -> tuple[list, bool]:
    """(records, is_collection): a list of records, an object holding one list of records
    ({"articles": [...]}), or a single record, which is one article without a '#N' suffix."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise RecordError(f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    if isinstance(data, list):
        return data, True
    if not isinstance(data, dict):
        raise RecordError(f"JSON holds a {type(data).__name__}, not articles")
    if _field(data, "text") is None:
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) == 1:
            return lists[0], True
    return [data], False


def jsonl_records(text: str) -> list:
    """One JSON object per line; a line that is not JSON becomes a RecordError in its place."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            out.append(RecordError(f"line {number}: invalid JSON: {e.msg}"))
    return out


def csv_records(text: str) -> list[dict]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames:
        raise RecordError("CSV has no header row")
    return [dict(row) for row in reader]
