"""Files uploaded from the page: decode, check size and type, hand to the pipeline, report each outcome."""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import MAX_UPLOAD_BYTES

ACCEPTED = (".txt", ".html", ".htm", ".json", ".csv")


@dataclass
class UploadOutcome:
    name: str
    ok: bool
    message: str


def decode_contents(contents: str, limit: int = MAX_UPLOAD_BYTES) -> bytes:
    """The bytes of a dcc.Upload `contents` data URL. Raises ValueError when malformed or over `limit`
    (checked on the base64 length first, so an oversized file is never decoded whole)."""
    header, sep, payload = (contents or "").partition(",")
    if not sep or ";base64" not in header:
        raise ValueError("the upload is not a base64 data URL")
    if len(payload) * 3 // 4 > limit + 3:
        raise ValueError(f"larger than the {limit // (1024 * 1024)} MB upload limit")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the upload is not valid base64") from None
    if len(data) > limit:
        raise ValueError(f"larger than the {limit // (1024 * 1024)} MB upload limit")
    return data


def ingest_uploads(names: list[str], contents: list[str], db, ingest_upload) -> list[UploadOutcome]:
    """Ingest every uploaded file on its own, so one bad file never stops the others."""
    outcomes = []
    for name, content in zip(names, contents):
        name = Path(name or "upload").name
        if Path(name).suffix.lower() not in ACCEPTED:
            outcomes.append(UploadOutcome(name, False, f"unsupported file type (use {', '.join(ACCEPTED)})"))
            continue
        try:
            data = decode_contents(content)
        except ValueError as exc:
            outcomes.append(UploadOutcome(name, False, str(exc)))
            continue
        try:
            report = ingest_upload(name, data, db)
        except Exception as exc:   # the store or parser failed: report it, keep the page alive
            outcomes.append(UploadOutcome(name, False, f"could not be ingested: {exc}"))
            continue
        for path, reason in report.failures:
            outcomes.append(UploadOutcome(Path(path).name, False, reason))
        if report.articles or report.skipped or not report.failures:
            what = f"{report.articles} article(s), {report.events} event(s)"
            if report.skipped:
                what += f", {report.skipped} unchanged"
            outcomes.append(UploadOutcome(name, True, what))
    return outcomes
