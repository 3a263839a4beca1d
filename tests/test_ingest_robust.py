"""Whatever the bytes, loading never raises: each file gives Articles and/or LoadErrors with reasons."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.article import Article, LoadError
from dashboard.ingest import load_bytes
from dashboard.ingest.clean import clean_page

NAMES = st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a.csv", "a.md", "a.bin", "a"])
TEXTY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)
STRUCTURED = st.one_of(
    st.builds(lambda t: ("{" + t), TEXTY),
    st.builds(lambda t: f'[{{"text": {t!r}}}]', TEXTY),
    st.builds(lambda t: f"title,text\nx,{t}\n", TEXTY),
    st.builds(lambda t: f"<html><body><p>{t}</p></body></html>", TEXTY),
)


def check(result):
    assert isinstance(result, list) and result
    for item in result:
        assert isinstance(item, (Article, LoadError))
        if isinstance(item, LoadError):
            assert item.reason
        else:
            assert item.text.strip() and "\n\n\n" not in item.text
            assert item.published_from in ("metadata", "dateline", "unknown")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, data=st.binary(max_size=2000))
def test_any_bytes(name, data):
    check(load_bytes(name, data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, text=st.one_of(TEXTY, STRUCTURED))
def test_any_text(name, text):
    check(load_bytes(name, text.encode("utf-8")))


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.sampled_from([
    "Talks open in Vienna", "Advertisement", "Comments", "June 22, 2013", "x", "",
    "The ministers met in Vienna on Monday to discuss the programme, officials said.",
    "Caption of a photo taken in Vienna on Monday without a final stop at all here",
]), max_size=30))
def test_cleaning_loses_no_word(lines):
    """Every word of the page is either in the cleaned text or in `dropped`."""
    page = clean_page("\n".join(lines))
    out = " ".join([page.text, *page.dropped])
    assert set(" ".join(lines).split()) <= set(out.split())


def test_a_page_with_control_characters_in_a_paragraph_loads():
    """The HTML parser keeps a form feed inside a paragraph; the page still loads (here: nothing to read)."""
    check(load_bytes("a.txt", "<html><body><p>0\x0c</p></body></html>".encode("utf-8")))
    page = "<html><body><h1>Talks resume\x0c in Geneva</h1><p>" + "Envoys met in Geneva on Monday. " * 8 + "</p></body></html>"
    [article] = load_bytes("a.html", page.encode("utf-8"))
    assert "Envoys met in Geneva" in article.text
