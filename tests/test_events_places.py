"""places: where events happen, datelines, and which place an event gets."""
from dashboard.parser.places import best_place, dateline, find_places


def names(text):
    return [p.name for p in find_places(text)]


def test_places_need_a_cue_and_a_city_of_x_needs_no_list():
    assert names("Talks in Geneva; the siege of Homs; the Minsk talks; Moscow said no.") == ["Geneva", "Homs", "Minsk"]
    assert names("in the southern German city of Munich and the town of Qusair") == ["Munich", "Qusair"]
    assert names("strikes in the Sumy region") == ["Sumy"]



def test_a_cue_is_read_case_insensitively_also_where_lower_casing_cannot_stand_in():
    for cue in ("siege", "SIEGE", "s\u0131ege"):     # the dotless i folds to i only in the regex engine
        assert names(f"Shelling went on during the {cue} of Homs.") == ["Homs"]
    assert names("Shelling went on during the sxege of Homs.") == []


def test_adjectives_possessives_and_longer_names_are_not_places():
    assert names("outside the U.S. embassies, in Syria's Idlib province, at The Washington Post") == []
    assert names("troops in the U.S. and in Syria on Monday") == ["United States", "Syria"]


def test_datelines():
    assert dateline("WASHINGTON - Agence France-Presse\nText").name == "Washington"
    filed = dateline("Bandar Seri Begawan, Brunei: US Secretary of State John Kerry said")
    assert (filed.name, filed.country) == ("Bandar Seri Begawan", "Brunei")
    assert dateline("Kerry met Lavrov - and then left") is None


def test_a_city_beats_a_country_and_a_country_becomes_the_dateline_city():
    text = "Kerry met Lavrov in Brunei, then flew to Paris."
    places = find_places(text)
    assert best_place(places, text.index("met")) == "Paris"
    only_country = [p for p in places if p.name == "Brunei"]
    filed = dateline("Bandar Seri Begawan, Brunei: text")
    assert best_place(only_country, 0, filed) == "Bandar Seri Begawan"
    assert best_place([], 0, filed) is None


def test_a_dateline_on_its_own_line_places_the_next_sentence():
    from datetime import date

    from dashboard.parser import parse_article
    text = "WASHINGTON - Agence France-Presse\nKerry met Lavrov on Monday.\nKerry met Zarif on Tuesday."
    df = parse_article(text, date(2014, 2, 6))
    assert df["location"].tolist()[0] == "Washington" and df["location"].isna().tolist()[1]
