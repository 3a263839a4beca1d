"""assertion: the cheap tests before its searches reject nothing the searches would find."""
import itertools

from dashboard.parser.assertion import _NEGATED, NEGATED_LAST_WORDS, negated, pleaded
from dashboard.parser.sentences import Sentence
from dashboard.parser.triggers import Trigger


def test_every_negation_ends_with_one_of_the_last_words():
    negations = ["not", "n't", "never", "no", "no plan to", "no plans to", "refused to", "refuses to", "declined to",
                 "no longer"]
    for negation, more in itertools.product(negations, ["", "to ", "be ", "been ", "have "]):
        window = f"they {negation} \t{more}"
        assert _NEGATED.search(window) and window.rstrip().endswith(NEGATED_LAST_WORDS), window


def _trigger_at(text: str, word: str) -> tuple[Sentence, Trigger]:
    start = text.index(word)
    return Sentence(0, len(text), text), Trigger("meeting", 0.8, start, start + len(word), word)


def test_negated_and_pleaded_read_the_words_right_before_the_trigger():
    text = "Officials, who spoke on Monday in the capital, said they had no plans to meet."
    assert negated(text, *_trigger_at(text, "meet"))
    text = "Rights groups in the region on Monday condemned the planned execution of the two men on Friday."
    assert pleaded(text, *_trigger_at(text, "execution"))
    text = ("Lawyers made a last-minute plea on behalf of the three men for the Supreme Court to block their "
            "execution.")
    assert pleaded(text, *_trigger_at(text, "execution"))
    text = "A plea was made, and the long-awaited and much-discussed meeting of the three leaders went ahead."
    assert not pleaded(text, *_trigger_at(text, "meeting"))


def test_what_waits_until_a_day_is_no_negation_in_any_case():
    for text in ("They did not meet UNTIL Friday.", "They did not meet Till Friday.",
                 "They did not meet unt\u0130l Friday, officials said."):   # (the engine folds \u0130 to i)
        assert negated(text, *_trigger_at(text, "meet")) == negated(text.replace("\u0130", "i"), *_trigger_at(text, "meet"))
    text = "They did not meet UNTIL Friday."
    assert not negated(text, *_trigger_at(text, "meet"))
    text = "They did not meet on Friday."
    assert negated(text, *_trigger_at(text, "meet"))
