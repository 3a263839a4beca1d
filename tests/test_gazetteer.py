"""gazetteer.caseless: lower-casing a text so that case-sensitive lower-case patterns find what case-insensitive
ones would."""
import re

from dashboard.parser.gazetteer import _FOLDS_TO_ASCII, caseless


def test_every_character_the_engine_folds_to_an_ascii_letter_is_known():
    every = "".join(map(chr, range(0x80, 0x110000)))
    folding = set(re.findall(r"(?i)[a-z]", every))
    assert folding and all(_FOLDS_TO_ASCII.fullmatch(c) for c in folding)


def test_caseless_lowers_plain_text_and_refuses_text_that_folds_differently():
    assert caseless("Talks RESUMED in Geneva") == "talks resumed in geneva"
    assert caseless("Three were k\u0131lled") is None        # dotless i: "kill" case-insensitively, not in lower()
    assert re.search("kill", "Three were k\u0131lled", re.IGNORECASE)
