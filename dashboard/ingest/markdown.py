"""Markdown notes -> plain text lines: heading marks, emphasis and link targets are not story text."""
from __future__ import annotations

import re

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    text = HEADING.sub(r"\1", text)
    text = RULE.sub("", text)
    text = LINK.sub(r"\1", text)
    return EMPHASIS.sub(r"\2", text)
