"""Cleaning a pasted web page down to its story, by structure and cue.

The page is cut into lines (logical paragraphs) and each line gets one kind:

  headline   the headline-like line that heads the story (kept, and used as the title)
  story      a sentence-like paragraph: long enough, or a sentence with final punctuation (kept)
  chrome     a line of page furniture from chrome_lines.tsv ("Advertisement", "Share", "© 2010 ...")
  duplicate  a line already seen (captions pasted several times; headline repeated)
  short      a short line without sentence punctuation: labels, bylines, credits, stray captions
  ended      a section starter from section_enders.tsv ("You May Like", "Comments") and everything after

Only headline and story lines are kept, one paragraph each, separated by a blank line. pubdate.py reads
the same classified lines, so the two agree on where the story starts and ends.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dashboard.ingest import cues
from dashboard.ingest.dates import LINES_REMEMBERED, TIME, find_dates
from dashboard.parser.actors import NAME_PARTICLES
from dashboard.parser.gazetteer import ascii_mode_fits

KEPT = ("headline", "story")
STORY_MIN_WORDS = 10        # a line this long is a paragraph even without final punctuation (a caption)
SENTENCE_MIN_WORDS = 3      # a shorter "sentence" is a label ("Gulf News.")
HEADLINE_WORDS = (3, 30)
WRAP_MIN_LINES = 6
WRAP_WIDTH = (40, 100)      # columns hard-wrapped text is wrapped at
WRAP_FULL = 0.7             # a line this close to the width was wrapped, so the paragraph goes on
NAME_LIKE_MAX_WORDS = 6     # a shorter line with no lowercase word is a name (outlet, author, section)
DECK_RATIO = 1.5            # a standfirst under a headline has this many times its words, or more
# lower-case words a name-like line may hold: "Voice of America", "Ursula von der Leyen"
NAME_JOINERS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", *NAME_PARTICLES}
BYLINE_OR_ITEM = re.compile(r"By [A-Z]|\d{1,2}[.)]\s|[-•*·▪►]\s")
SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$|["”]$""")
ENDS_WITH_PERIOD = re.compile(r"""\.["'”’)\]]*$""")
CLOSERS = "\"'”’)]"                  # what may follow a sentence's final punctuation (SENTENCE_END, ENDS_WITH_PERIOD)
# a word: a run of non-space holding a letter, matched from its first letter to its end (one match per run,
# as r"\S*[^\W\d_]\S*" finds, without backtracking through every run)
WORD = re.compile(r"[^\W\d_]\S*")
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")   # a date stamp has fewer than two besides its dates and time
INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"   # zero-width spaces and joiners, BOM, soft hyphen
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
# A line that is its own text pasted again without a newline: "CaptionCaption" or "Caption Caption".
REPEAT_MIN = 20
SELF_REPEAT = re.compile(rf"(.{{{REPEAT_MIN},}}?)(?:\s*\1)+")
NON_WORD_CHARACTERS = re.compile(r"[\W_]+")


@dataclass
class Line:
    text: str
    kind: str
    cue: str = ""           # the cue that classified it, for chrome/ended lines

    @property
    def kept(self) -> bool:
        return self.kind in KEPT


@dataclass
class CleanPage:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(line.text for line in self.lines if line.kept)

    @property
    def title(self) -> str | None:
        return next((line.text for line in self.lines if line.kind == "headline"), None)

    @property
    def dropped(self) -> list[str]:
        return [line.text for line in self.lines if not line.kept]


@lru_cache(maxsize=LINES_REMEMBERED)   # asked of a line by several tests (sentence, headline, deck)
def words(line: str) -> int:
    """Words with letters: times, numbers and separators in a byline do not make it a paragraph."""
    if line.isascii():
        return _ascii_words(line)
    return len(WORD.findall(line))


# ASCII bytes as _ascii_words sees them: a letter as "a", a separator (what \s matches, \x1c-\x1f too) as " ",
# anything else dropped
_ASCII_LETTERS = bytes(c for c in range(128) if chr(c).isalpha())
_ASCII_SPACES = bytes(c for c in range(128) if chr(c).isspace())
_LETTERS_AND_SPACES = bytes.maketrans(_ASCII_LETTERS + _ASCII_SPACES,
                                      b"a" * len(_ASCII_LETTERS) + b" " * len(_ASCII_SPACES))
_NEITHER = bytes(c for c in range(128) if c not in _ASCII_LETTERS + _ASCII_SPACES)


def _ascii_words(line: str) -> int:
    """len(WORD.findall(line)) for an ASCII line: one word per run of non-space holding a letter. Such a run is
    a run of "a" once the rest is dropped, and the count of those takes three C calls and no list of words."""
    marked = line.encode("ascii").translate(_LETTERS_AND_SPACES, _NEITHER)
    return (b" " + marked).count(b" a")


def ends_sentence(line: str) -> bool:
    """SENTENCE_END.search(line) is not None, read from the line's end (the regex engine tries every position)."""
    if line.endswith("\n"):    # where $ matches twice: left to the pattern
        return SENTENCE_END.search(line) is not None
    return line.rstrip(CLOSERS).endswith((".", "!", "?", "…")) or line.endswith(('"', "”"))


def ends_with_period(line: str) -> bool:
    """ENDS_WITH_PERIOD.search(line) is not None, read from the line's end."""
    if line.endswith("\n"):
        return ENDS_WITH_PERIOD.search(line) is not None
    return line.rstrip(CLOSERS).endswith(".")


def is_sentence_like(line: str) -> bool:
    """Long enough, or a sentence with final punctuation that is not a date stamp ("Mar 5, 2014 | Updated
    11:45 a.m." ends with a period and is a byline)."""
    n = words(line)
    return n >= STORY_MIN_WORDS or (n >= SENTENCE_MIN_WORDS and ends_sentence(line)
                                     and not is_date_stamp(line))


def is_date_stamp(line: str) -> bool:
    """A line that is a date (and perhaps a time) and little else: "Tuesday, 15 June 2021 18:49"."""
    for span in reversed(find_dates(line)):
        line = line[: span.start] + line[span.end:]
    return len(LETTER_WORD.findall(TIME.sub(" ", line))) < 2


@lru_cache(maxsize=LINES_REMEMBERED)   # _mark_headline asks it of the lines after each candidate
def is_headline_like(line: str) -> bool:
    """3-30 words, no final period; not a date stamp, a byline ("By Jane Doe"), a list item ("2. Floods
    hit capital") or a bare name ("Example Daily Herald", "Ministry of Foreign Affairs",
    "WASHINGTON - Agence France-Presse"): a short line needs a lowercase word besides of/the/and..."""
    n = words(line)
    low, high = HEADLINE_WORDS
    return (low <= n <= high and not ends_with_period(line) and not BYLINE_OR_ITEM.match(line)
            and (n >= NAME_LIKE_MAX_WORDS or _has_lowercase_word(line)) and not is_date_stamp(line))


def _has_lowercase_word(line: str) -> bool:
    return any(word[:1].islower() and word.lower() not in NAME_JOINERS for word in line.split())


def duplicate_key(line: str) -> str:
    """Lines equal up to case, spacing and punctuation are one line ("Syria's" = "Syrias")."""
    if line.isascii():    # the same, by bytes.translate (a dict-driven str.translate is ten times slower)
        return line.encode("ascii").lower().translate(None, _ASCII_NON_WORD).decode("ascii")
    return NON_WORD_CHARACTERS.sub("", line.casefold())


_ASCII_NON_WORD = bytes(c for c in range(128) if not chr(c).isalnum())   # what NON_WORD_CHARACTERS drops


def collapse_self_repeat(line: str) -> str:
    # a repeat starts again with the line's first REPEAT_MIN characters: most lines are settled by a find
    if len(line) > 3000 or line.find(line[:REPEAT_MIN], REPEAT_MIN) < 0:
        return line
    m = SELF_REPEAT.fullmatch(line)
    return m.group(1).strip() if m else line


def _wrap_width(lines: list[str]) -> int | None:
    """The column text was wrapped at (wire copy, e-mail), or None for one-paragraph-per-line text.

    Wrapped text: most lines end near one column, and the line after a full one usually goes on
    mid-sentence (starts lowercase); a page pasted one paragraph per line has neither.
    """
    if len(lines) < WRAP_MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
        return None
    full = [i for i, line in enumerate(lines[:-1]) if len(line) >= WRAP_FULL * width]
    goes_on = sum(1 for i in full if lines[i + 1][:1].islower() and not ends_sentence(lines[i]))
    if len(full) < 0.5 * len(lines) or goes_on < 0.5 * len(full):
        return None
    return width


def drop_invisible(text: str) -> str:
    """`text` without INVISIBLE_CHARACTERS. Most texts hold none: an ASCII one cannot, and in the others a search
    for each (in C) finds that sooner than the regex engine's test of every character."""
    if text.isascii() or not any(map(text.__contains__, INVISIBLE_CHARACTERS)):
        return text
    return INVISIBLE.sub("", text)


def logical_lines(text: str) -> list[str]:
    """Non-empty paragraphs of `text`: one per line, or re-joined when the text is hard-wrapped."""
    text = drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\u00a0", " ")
    raw = [line.rstrip() for line in text.split("\n")]
    non_empty = [stripped for line in raw if (stripped := line.strip())]
    width = _wrap_width(non_empty)
    if width is None:
        return [" ".join(line.split()) for line in non_empty]
    paragraphs: list[list[str]] = []
    previous_full = False
    for line in raw:
        if not line.strip():
            previous_full = False
            continue
        if previous_full and not line[:1].isspace():
            paragraphs[-1].append(line.strip())
        else:
            paragraphs.append([line.strip()])
        previous_full = len(line.strip()) >= WRAP_FULL * width
    return [" ".join(" ".join(p).split()) for p in paragraphs]


def _caseless_lines(lines: list[str]) -> list[tuple[str | None, bool]]:
    """cues.caseless_line of each of a page's (stripped) lines. When ASCII mode fits the whole page it fits each
    line, whose caseless form is then its lower case."""
    if ascii_mode_fits("\n".join(lines)):
        return [(line.lower(), True) for line in lines]
    return [cues.caseless_line(line) for line in lines]


def classify_lines(text: str, title: str | None = None) -> list[Line]:
    """Give each logical line of a pasted page its kind (see the module docstring).

    `title`, when known (HTML metadata, a dump's headline field), counts as already seen, so the page's
    own copy of it is a duplicate and no other line is taken for the headline.
    """
    lines: list[Line] = []
    seen: set[str] = {duplicate_key(title)} if title else set()
    story_started, ended_by = False, ""
    text_lines = [collapse_self_repeat(line) for line in logical_lines(text)]
    # what the cue lists need to know of a line, found once for both lists, and of the page, once for its lines
    caseless_lines = _caseless_lines(text_lines)
    lowered_lines = [lowered for lowered, _ in caseless_lines]
    enders, chrome_lines = cues.section_enders(), cues.chrome_lines()
    ender_words, chrome_words = enders.words_in(lowered_lines), chrome_lines.words_in(lowered_lines)
    for text_line, (lowered, ascii_mode) in zip(text_lines, caseless_lines):
        if ended_by:
            lines.append(Line(text_line, "ended", ended_by))
            continue
        ender = enders.first_match_caseless(text_line, lowered, ascii_mode, ender_words) if story_started else None
        if ender:
            ended_by = ender.name
            lines.append(Line(text_line, "ended", ender.name))
            continue
        chrome = chrome_lines.first_match_caseless(text_line, lowered, ascii_mode, chrome_words)
        key = duplicate_key(text_line)
        if chrome:
            lines.append(Line(text_line, "chrome", chrome.name))
        elif key in seen:
            lines.append(Line(text_line, "duplicate"))
        elif is_sentence_like(text_line):
            story_started = True
            lines.append(Line(text_line, "story"))
        else:
            lines.append(Line(text_line, "short"))
        seen.add(key)
    if not title:
        _mark_headline(lines)
    return lines


def _announces_story(lines: list[Line], i: int) -> bool:
    """Whether line i is followed by the story, a byline or a date line, or by a deck (a standfirst,
    much longer than line i); labels in between do not count. A site's name or tagline is followed by
    the headline, a menu item by the next item: neither announces the story."""
    for line in lines[i + 1:]:
        if line.kind in ("chrome", "duplicate"):
            continue
        if line.text.startswith("By ") or find_dates(line.text):
            return True
        if is_headline_like(line.text):
            return words(line.text) >= DECK_RATIO * words(lines[i].text)
        if line.kind == "story":
            return True
    return False


def _mark_headline(lines: list[Line]) -> None:
    """The headline: of the headline-like lines above the first full sentence, the first that announces
    the story (see _announces_story); failing that, the longest."""
    first_sentence = next((i for i, line in enumerate(lines) if line.kind == "story"
                           and ends_sentence(line.text) and not is_headline_like(line.text)), len(lines))
    candidates = [i for i in range(first_sentence)
                  if lines[i].kind in ("short", "story") and is_headline_like(lines[i].text)]
    if candidates:
        chosen = next((i for i in candidates if _announces_story(lines, i)),
                      max(candidates, key=lambda i: words(lines[i].text)))
        lines[chosen].kind = "headline"


def clean_page(text: str, title: str | None = None) -> CleanPage:
    return CleanPage(classify_lines(text, title))
