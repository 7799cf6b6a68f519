from annotated_reader.core import locate
from annotated_reader.core.locate import FormIndex, find_forms, find_quote


def spans(text, forms, *more):
    matches, _ = find_forms(text, FormIndex(forms), *more)
    return [(text[m.start : m.end], m.value) for m in matches]


def test_whole_words_only_and_hyphen_is_part_of_a_word():
    text = "Der Russland-Experte sprach über Russland, Russlands Rolle und Weißrussland."
    assert spans(text, {"Russland": "ru", "Russlands": "ru"}) == [("Russland", "ru"), ("Russlands", "ru")]


def test_a_listed_compound_is_found():
    text = "Der Russland-Experte sprach über Russland."
    found = spans(text, {"Russland": "ru", "Russland-Experte": "mangott"})
    assert found == [("Russland-Experte", "mangott"), ("Russland", "ru")]


def test_longest_match_wins_and_crossing_matches_are_reported():
    text = "Berliner Zentrum für Osteuropa- und internationale Studien"
    forms = FormIndex({"Berliner Zentrum": "a", "Zentrum für Osteuropa- und internationale Studien": "b"})
    matches, hidden = find_forms(text, forms)
    assert [(text[m.start : m.end], m.value) for m in matches] == [
        ("Zentrum für Osteuropa- und internationale Studien", "b")
    ]
    assert [(h.dropped.value, h.kept.value) for h in hidden] == [("a", "b")]


def test_contained_matches_are_not_reported():
    _, hidden = find_forms("Wladimir Putin", FormIndex({"Putin": "p", "Wladimir Putin": "p2"}))
    assert hidden == []


def test_earlier_index_wins_on_equal_spans():
    text = "der Kremlchef"
    found = spans(text, {"Kremlchef": "text"}, FormIndex({"Kremlchef": "registry"}))
    assert found == [("Kremlchef", "text")]


def test_invisible_format_characters_are_skipped_but_kept():
    text = "Ka\u00adsach\u200bstan und Kasachstan"
    matches, _ = find_forms(text, FormIndex({"Kasachstan": "kz"}))
    assert [text[m.start : m.end] for m in matches] == ["Ka\u00adsach\u200bstan", "Kasachstan"]


def test_combining_marks_belong_to_words():
    # "Putin" followed by a combining mark is part of a longer word
    assert spans("Putin\u0301s", {"Putin": "p"}) == []


def test_ten_thousand_forms():
    forms = {f"Wort{i}": i for i in range(10_000)}
    text = " ".join(f"Wort{i}" for i in range(0, 10_000, 7))
    matches, _ = find_forms(text, FormIndex(forms))
    assert [m.value for m in matches] == list(range(0, 10_000, 7))


def test_quote_selectors():
    text = "Putin sprach. Dann sprach Putin wieder. Putin schwieg."
    assert find_quote(text, "Putin").spans == ((0, 5), (26, 31), (40, 45))
    assert find_quote(text, "Putin", prefix="sprach ").spans == ((26, 31),)
    assert find_quote(text, "Putin", suffix=" schwieg").spans == ((40, 45),)
    missing = find_quote(text, "Putin", prefix="xx")
    assert missing.spans == () and len(missing.exact_only) == 3


def test_closest_passage_and_loose_equality():
    text = "Er sagte: „Kasachstan ist ein künstlicher Staat“."
    start, end, ratio = locate.closest_passage(text, "Kasachstan ist ein kuenstlicher Staat")
    assert text[start:end].startswith("Kasachstan ist ein")
    assert ratio > 0.8
    assert locate.loosely_equal("„Kasachstan  ist“", '"Kasachstan ist"')
