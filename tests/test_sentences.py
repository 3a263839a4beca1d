"""split_sentences: exact offsets; no break after abbreviations, initials or inside 'U.S.'."""
from hypothesis import given, settings, strategies as st

from dashboard.parser.sentences import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_splits_on_terminal_punctuation_and_lines():
    text = "Kerry met Lavrov. They talked for hours! Was it useful? Nobody knows\nA new line starts here"
    assert texts(text) == ["Kerry met Lavrov.", "They talked for hours!", "Was it useful?", "Nobody knows",
                           "A new line starts here"]


def test_abbreviations_initials_and_dotted_acronyms_do_not_end_sentences():
    text = ("U.S. Secretary of State John F. Kerry admitted Feb. 5 that the U.N. plan failed, said Rep. Eliot "
            "Engel. Then he left.")
    assert texts(text) == ["U.S. Secretary of State John F. Kerry admitted Feb. 5 that the U.N. plan failed, "
                           "said Rep. Eliot Engel.", "Then he left."]


def test_closing_quotes_stay_with_their_sentence():
    text = '"This is a stalemate." Kerry told CNN. "We want it to do better," he said.'
    assert texts(text) == ['"This is a stalemate."', "Kerry told CNN.", '"We want it to do better," he said.']


def test_lower_case_after_period_is_not_a_new_sentence():
    assert texts("The rate was 3.5 percent in the U.S. economy. Next.") == [
        "The rate was 3.5 percent in the U.S. economy.", "Next."]


def test_blank_and_whitespace_only_text():
    assert split_sentences("") == [] and split_sentences(" \n\n\t ") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.B!?\n\"' U.S.Mr.")), max_size=200))
def test_offsets_always_slice_the_text(text):
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
