"""find_figures: death counts with kind and qualifier; numbers that are not casualties yield nothing."""
import pytest

from dashboard.parser.casualties import find_figures


def first(sentence, periods=()):
    figures = find_figures(sentence, list(periods))
    assert len(figures) == 1, figures
    f = figures[0]
    return f.value, f.kind, f.qualifier


@pytest.mark.parametrize("sentence, expected", [
    ("where some 136,000 people have died and millions have fled", (136000, "cumulative", "some")),
    ("the war that has claimed more than 93,000 lives", (93000, "cumulative", "more than")),
    ("The death toll has risen to 412, officials said.", (412, "cumulative", None)),
    ("the toll rose to at least 1.2 million", (1200000, "cumulative", "at least")),
    ("Three soldiers were killed in the blast.", (3, "period", None)),
    ("two killings in the village", (2, "period", None)),
    ("twenty-five civilians died", (25, "period", None)),
    ("a car bomb killed nearly 40 people", (40, "period", "nearly")),
    ("Dozens of people were killed.", (24, "vague", None)),
    ("hundreds of thousands of Syrians have died", (200000, "vague", None)),
    ("More than 500 have been killed so far.", (500, "cumulative", "more than")),
])
def test_figures(sentence, expected):
    assert first(sentence) == expected


def test_a_named_period_makes_a_period_figure_even_with_so_far():
    sentence = "January marked the deadliest month so far with some 6,000 dead"
    assert first(sentence, [(0, 7)]) == (6000, "period", "some")
    assert first(sentence) == (6000, "cumulative", "some")


@pytest.mark.parametrize("sentence", [
    "The United States sent 2,000 troops to the region.",
    "More than 500 participants attended.",
    "Some 1,000 refugees crossed into Jordan.",
    "The conflict began in 2011 and the deal was signed in 2015.",
    "Prices rose 20 percent, killing the recovery.",
    "It cost $5 million.",
    "a death toll in the three-year conflict",
    "Resolution 2254 was adopted by 15 members.",
])
def test_not_casualties(sentence):
    assert find_figures(sentence) == []


def test_dates_and_durations_are_excluded_by_span():
    sentence = "In 2013 killed"
    assert find_figures(sentence, excluded=[(3, 7)]) == []


def test_offsets_point_at_the_number():
    sentence = "Officials said 1,500 people have died."
    figure = find_figures(sentence)[0]
    assert sentence[figure.number_start:figure.number_end] == "1,500"
    assert sentence[figure.start:figure.end] == figure.text == "1,500 people have died"


def test_each_figure_of_a_sentence_gets_its_own_kind():
    sentence = ("Some 6,000 people were killed in January alone, and across the country the death toll "
                "since the uprising began has risen to more than 136,000.")
    january = (sentence.index("January"), sentence.index("January") + 7)
    figures = find_figures(sentence, [january])
    assert [(f.value, f.kind) for f in figures] == [(6000, "period"), (136000, "cumulative")]


def test_a_dotless_i_reads_as_i_in_the_marker_test_as_in_the_figure_patterns():
    """The case-insensitive patterns take "kılled" (a Turkish keyboard's dotless i) for "killed"; the marker
    test in front of them must not turn the sentence away."""
    from dashboard.parser.casualties import find_figures
    assert [f.value for f in find_figures("Three soldiers were k\u0131lled on Monday.")] == [3]
