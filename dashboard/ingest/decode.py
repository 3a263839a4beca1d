"""Bytes -> text: UTF-8 (with or without BOM; stray legacy bytes inside it read as cp1252), UTF-16
with BOM, else the legacy encoding that fits; "not a text file" when the result is mostly control codes.

Western legacy files (Latin-1, cp1252) are the common case for pasted news, and a short Latin-1 text
fits several single-byte encodings equally well; so when charset-normalizer's best reading is a Latin-
script single-byte encoding, or there is too little to tell, cp1252 (Latin-1's printable characters and
more) is used.
"""
from __future__ import annotations

import codecs
import re

NOT_TEXT = "not a text file (binary content)"
# Magic numbers of formats that are never an article's text (images, archives, PDF, office files) and
# could otherwise decode as text; formats full of NUL bytes (BMP, ICO, ...) are refused by the NUL check.
BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b",
                b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"Rar!\x1a")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01
MIN_NON_ASCII_TO_DETECT = 8    # below this a detector's guess is noise: read as Western (cp1252)
# Single-byte encodings of Latin-script languages that a Western text can be mistaken for.
LATIN_SINGLE_BYTE = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3",
                     "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
                     "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp437", "cp858"}


class NotText(ValueError):
    """The bytes are not text in any encoding we accept."""


def _looks_binary(text: str) -> bool:
    return len(CONTROL.findall(text)) > MAX_CONTROL_SHARE * max(len(text), 1)


def decode(data: bytes) -> str:
    if data.startswith(BINARY_MAGIC):
        raise NotText(NOT_TEXT)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise NotText(NOT_TEXT) from None
    if b"\x00" in data:
        raise NotText(NOT_TEXT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_mostly_utf8(data) or _decode_legacy(data)
    if _looks_binary(text):
        raise NotText(NOT_TEXT)
    return text


def _western(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # bytes cp1252 leaves undefined become C1 controls, judged later


def _cp1252_fragment(error: UnicodeDecodeError) -> tuple[str, int]:
    return _western(error.object[error.start: error.end]), error.end


codecs.register_error("dashboard-cp1252-fragment", _cp1252_fragment)


def _decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few legacy bytes pasted in ("été" in Latin-1 amid UTF-8): each stray byte is
    read as cp1252. None when the stray bytes outnumber the UTF-8 characters (a legacy file)."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    utf8_chars = sum(1 for ch in escaped if ord(ch) > 0x7F) - stray
    if utf8_chars <= stray:
        return None
    return data.decode("utf-8", errors="dashboard-cp1252-fragment")


def _decode_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes   # 40 ms to import: only for the few files not in UTF-8

    best = from_bytes(data).best()
    few_non_ascii = sum(b > 0x7F for b in data) < MIN_NON_ASCII_TO_DETECT
    if best is None or best.encoding in LATIN_SINGLE_BYTE or few_non_ascii:
        return _western(data)
    return str(best)
