"""clauses: where a sentence's clauses begin and end, and what it costs a date to reach a trigger."""
from dashboard.parser.clauses import MAX_COST, clauses_of


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def cost(text: str, trigger: str, date: str, dates: tuple[str, ...] = ()) -> int:
    spans = [span(text, d) for d in (date, *dates)]
    clauses = clauses_of(text, 0, len(text), spans)
    t, d = span(text, trigger), span(text, date)
    return clauses.cost(t[1], d[0]) if d[0] >= t[1] else clauses.cost(d[1], t[0])


def test_a_relative_clause_keeps_its_date_from_the_main_verb():
    text = "The envoy, who met the king two weeks ago, said on Sunday that talks would resume on Monday."
    assert cost(text, "met", "two weeks ago") == 0
    assert cost(text, "said", "two weeks ago") > MAX_COST
    assert cost(text, "talks", "on Sunday", ("Monday",)) > MAX_COST
    assert cost(text, "talks", "Monday") == 0


def test_a_date_opening_the_sentence_scopes_over_its_clause():
    text = "On Monday, the ministers met in Paris."
    assert cost(text, "met", "Monday") == 0


def test_a_clause_describing_a_date_belongs_to_it():
    text = "In contrast to Thursday, when 40 protesters were arrested, the streets were calm."
    assert cost(text, "arrested", "Thursday") == 0


def test_a_preposition_before_a_date_is_no_clause_boundary():
    text = "The conference might not be possible until August."
    assert cost(text, "conference", "August") == 0


def test_an_event_phrase_separates_its_event():
    text = "Police seized a bomb on Sunday on the eve of talks."
    assert cost(text, "talks", "Sunday") > MAX_COST
    assert cost(text, "seized", "Sunday") == 0


def test_commas_inside_numbers_and_dates_are_not_boundaries():
    text = "More than 1,000 people were wounded in the blasts on Friday, Feb. 5, 2016."
    assert cost(text, "wounded", "Friday, Feb. 5, 2016") == 0


def test_an_aside_between_commas_is_crossed_like_a_parenthesis():
    text = "Nineteen people were killed, including many children, on Nov. 8."
    assert cost(text, "killed", "Nov. 8") == 0


def test_the_comma_closing_an_opening_subordinate_clause_is_firm():
    text = "After the talks ended on Monday, the ministers met in Paris."
    assert cost(text, "met", "Monday") > MAX_COST
    assert cost(text, "ended", "Monday") == 0


def test_a_relative_clause_between_commas_is_stepped_over():
    text = "He sent a delegation, which was led by his deputy, to Cairo on Oct. 31."
    assert cost(text, "sent", "Oct. 31") == 0
    assert cost(text, "led", "Oct. 31") > MAX_COST
