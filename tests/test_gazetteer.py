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


def test_caseless_pattern_finds_what_the_case_insensitive_one_finds():
    from dashboard.parser.gazetteer import caseless_pattern
    pattern = re.compile(r"\b(?P<n>\d+|[A-Za-z-]+)\s+(?:People|soldiers)\s+(?:were\s+)?Killed\b(?!\S*%)",
                         re.IGNORECASE)
    lowered = caseless_pattern(pattern.pattern)
    for text in ("Three SOLDIERS were killed, 40 people Killed.", "Dozens of people killed", "no one was"):
        assert [m.span("n") for m in lowered.finditer(caseless(text))] == [m.span("n") for m in pattern.finditer(text)]


def test_caseless_pattern_refuses_what_lower_casing_would_change():
    from dashboard.parser.gazetteer import caseless_pattern
    assert caseless_pattern(r"(?-i:May) \d+") is None    # a case-sensitive part
    assert caseless_pattern(r"[A-z]+") is None          # a range across cases
    assert caseless_pattern(r"(?(1)a|b)") is None        # a conditional group


def test_caseless_pattern_reads_an_escaped_parenthesis_as_a_character():
    from dashboard.parser.gazetteer import caseless_pattern
    lowered = caseless_pattern(r"\(?(Photo|Image)s?:\s*[^)]{1,40}\)?")    # "\(?(" opens no conditional group
    assert lowered is not None
    assert lowered.for_text("(photo: reuters)").fullmatch("(photo: reuters)")


def test_first_letter_alternation_matches_as_the_plain_alternation():
    from dashboard.parser.gazetteer import first_letter_alternation
    words = "secretary of state|secretary|foreign minister|minister|gen\\.|lt\\. gen\\.|defen[cs]e minister"
    grouped = first_letter_alternation(words)
    assert grouped.startswith("(?:s(?:ecretary of state|ecretary)|")
    text = "the secretary of state met foreign minister X, lt. gen. Y and the defence minister"
    assert [m.span() for m in re.finditer(rf"\b{grouped}\s+", text)] == \
        [m.span() for m in re.finditer(rf"\b(?:{words})\s+", text)]
    assert first_letter_alternation("a|(?:b|c)d") == "(?:a|(?:b|c)d)"   # an alternative opening with a group


def test_caseless_pattern_keeps_group_names_as_written():
    from dashboard.parser.gazetteer import caseless_pattern
    lowered = caseless_pattern(r"(?P<Day>\d+) (?P=Day) MAY")
    assert lowered.source == r"(?P<Day>\d+) (?P=Day) may"


def test_tokens_are_the_words_at_their_offsets():
    from dashboard.parser.gazetteer import tokenize
    text = "The UN-backed talks: Kerry met Ban Ki-moon in the U.S. on Friday."
    tokens = tokenize(text)
    assert tokens.words == ["The", "UN", "backed", "talks", "Kerry", "met", "Ban", "Ki-moon", "in", "the", "U.S.",
                            "on", "Friday."]
    assert tokens.bares[-1] == "Friday" and tokens.bares[10] == "U.S."
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends)] == tokens.words
    assert tokens.index_at(text.index("Kerry")) == 4 and len(tokenize("")) == 0


def test_word_start_pattern_finds_what_a_leading_word_boundary_finds():
    from dashboard.parser.gazetteer import WordStartPattern
    source = r"(?:minister|sheikh|king|gen\.)\s+|city\s+of\s+(?P<name>[A-Z]\w+)"
    texts = ["minister Lavrov", "prime minister sheikh Mohammed", "the talking minister", "seeking king Salman",
             "(king Abdullah), gen. Smith", "the city of Homs and the city of Aleppo", "émir king Salman", "", "k"]
    for text in texts:
        expected = [(m.span(), m.span("name")) for m in re.finditer(rf"\b(?:{source})", text)]
        assert [(m.span("word"), m.span("name")) for m in WordStartPattern(source).finditer(text)] == expected


def test_word_start_search_finds_what_a_leading_word_boundary_finds_in_a_range():
    from dashboard.parser.gazetteer import WordStartPattern
    source = r"(?:minister|king)\b"
    pattern, plain = WordStartPattern(source), re.compile(rf"\b(?:{source})")
    for text in ["minister Lavrov", "the king, the minister", "seeking kingdoms", "émir king", "king"]:
        for pos in range(len(text) + 1):
            for end in range(pos, len(text) + 1):
                expected = plain.search(text, pos, end)
                found = pattern.search(text, pos, end)
                assert (found and found.span("word")) == (expected and expected.span()), (text, pos, end)


def test_the_only_ascii_characters_the_two_modes_class_differently_are_known():
    from dashboard.parser.gazetteer import _UNICODE_ONLY_SPACES
    differing = {c for c in map(chr, range(128)) for cls in (r"\w", r"\s", r"\d")
                 if bool(re.match(cls, c)) != bool(re.match(cls, c, re.ASCII))}
    assert differing == set(_UNICODE_ONLY_SPACES)


def test_ascii_mode_is_used_only_where_it_finds_the_same():
    from dashboard.parser.gazetteer import TwoModePattern, ascii_mode_fits
    source = r"\b\w+\s+\w+"
    for text in ("Kerry met Lavrov", "Kerry\x1cmet Lavrov", "Müller met Lavrov", "Kerry\u00a0met Lavrov"):
        assert TwoModePattern(source).for_text(text).findall(text) == re.findall(source, text)
    assert ascii_mode_fits("Kerry met") and not ascii_mode_fits("Kerry\x1cmet") and not ascii_mode_fits("Müller")


def test_last_words_start_is_where_the_last_words_begin():
    from dashboard.parser.gazetteer import last_words_start
    text = "He said, in a statement:  the  talks in Geneva"
    assert text[last_words_start(text, 0, len(text), 2):] == " in Geneva"     # (from the space before them)
    assert last_words_start(text, 0, len(text), 20) == 0
    assert last_words_start(text, 9, 20, 1) == 13 and text[13:20] == " statem"
    assert last_words_start(" a b", 0, 4, 2) == 0


def test_a_search_from_the_last_words_finds_what_a_search_of_the_whole_range_finds():
    """What the parser's searches rely on: a match of at most n words that ends at the end of the range lies in its
    last n words, whatever spaces (Unicode's too) stand between them."""
    from dashboard.parser.gazetteer import last_words_start
    pattern = re.compile(r"\b(?:in|into|to)\s+(?:the\s+)?$", re.IGNORECASE)
    for text in ("talks in  the\u2003Geneva", "went Into\tthe Geneva", "a trip to Geneva", "in the middle of Geneva",
                 "sent-to the Geneva", "Geneva"):
        end = text.rindex("Geneva")
        for start in range(end + 1):
            assert bool(pattern.search(text, start, end)) == \
                bool(pattern.search(text, last_words_start(text, start, end, 2), end)), (text, start)
