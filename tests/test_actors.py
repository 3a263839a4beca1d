"""find_actors: canonical names, roles and countries; titles, appositives, surnames; no false actors."""
from dashboard.parser.actors import find_actors


def people(text):
    return [(a.name, a.role, a.country) for a in find_actors(text) if a.kind == "person"]


def names(text):
    return [a.name for a in find_actors(text)]


def test_aliases_are_normalized():
    assert set(names("Sergey Lavrov met Sergei Lavrov's deputy. Lavrov said so.")) == {"Sergei Lavrov"}
    for spelling in ("Assad", "al-Assad", "Al Assad", "Bashar al-Assad", "President Bashar Assad"):
        assert names(f"They spoke of {spelling} today.") == ["Bashar al-Assad"], spelling


def test_countries_organizations_and_metonyms():
    text = "The U.S. and the Russian Federation, the Kremlin said, disagree; Washington and the U.N. do not."
    assert names(text) == ["United States", "Russia", "Russia", "United States", "United Nations"]


def test_unlisted_official_found_by_title_then_by_surname():
    text = "Kenyan Foreign Minister Amina Mohamed met the envoy. Mohamed said the talks went well."
    assert people(text) == [("Amina Mohamed", "Foreign Minister", "Kenya")] * 2


def test_appositive_title_after_the_name():
    assert people("Ahmet Davutoglu, the Turkish foreign minister, arrived.") == [
        ("Ahmet Davutoglu", "Foreign Minister", "Turkey")]
    assert people("Omar Haddad, the Jordanian ambassador, left.") == [("Omar Haddad", "Ambassador", "Jordan")]


def test_organization_before_title_is_the_affiliation():
    assert people("United Nations envoy Staffan de Mistura announced a pause.") == [
        ("Staffan de Mistura", "envoy", "United Nations")]


def test_places_and_compounds_are_not_actors():
    assert names("Fighting continued in Syria and troops moved to Moscow.") == []
    assert names("He wrote for The Washington Post about the Syria Support Group.") == []


def test_no_false_people_from_capitalized_words():
    text = ("Meanwhile, the State Department said on Tuesday that President January was wrong. "
            "However, Thursday's talks go on. Michelle Obama spoke.")
    assert [a for a in find_actors(text) if a.kind == "person"] == []


def test_demonym_before_forces_names_the_country():
    assert names("Russian warplanes and Turkish troops were seen.") == ["Russia", "Turkey"]
    assert names("Russian Foreign Minister Sergei Lavrov said") == ["Sergei Lavrov"]


def test_offsets_cover_the_mention():
    text = "Yesterday U.S. Secretary of State John Kerry met Lavrov."
    kerry, lavrov = find_actors(text)
    assert text[kerry.start:kerry.end] == "U.S. Secretary of State John Kerry"
    assert text[lavrov.start:lavrov.end] == "Lavrov"


def test_titled_surname_takes_the_full_name_given_elsewhere():
    text = "President Havel spoke first. Later Czech President Vaclav Havel met President Clinton."
    assert [a.name for a in find_actors(text)] == ["Vaclav Havel", "Vaclav Havel", "Clinton"]


def test_later_names_in_a_list_of_places_are_places():
    assert names("Refugees fled to Jordan, Lebanon and Turkey, while Iran and Russia backed Assad.") == [
        "Iran", "Russia", "Bashar al-Assad"]


def test_a_listed_name_after_a_title_is_kept_whole_even_when_a_word_looks_like_a_month():
    text = "Prime Minister Theresa May met the French president."
    actor = find_actors(text)[0]
    assert (actor.name, actor.role, actor.country) == ("Theresa May", "Prime Minister", "United Kingdom")
    assert text[actor.start:actor.end] == "Prime Minister Theresa May"


def test_names_glued_together_by_a_pasted_page_are_read_as_one_name():
    text = "Kerry met Russian Foreign Minister SergeiLavrov at the embassy."
    lavrov = [a for a in find_actors(text) if a.role == "Foreign Minister"][0]
    assert lavrov.name == "Sergei Lavrov" and text[lavrov.start:lavrov.end].endswith("SergeiLavrov")


def test_a_preposition_of_place_in_any_case_or_spelling_makes_a_place():
    # the word before the name is a first test; letters the regex engine folds unlike lower() ("İN") still count
    for text in ("Envoys met IN Syria.", "Envoys met \u0130N Syria.", "He flew to the Kremlin.", "Aid went x-in Syria."):
        assert find_actors(text) == [], text
    assert [a.name for a in find_actors("Syria said.")] == ["Syria"]
