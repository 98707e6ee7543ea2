"""The normaliser folds evasions and keeps a map back to what the commenter typed."""

import pytest

from parley.moderation.normalise import normalise


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("You are an i d i o t", "You are an idiot"),
        ("k.i.l.l them", "kill them"),
        ("m0r0n", "moron"),
        ("sh1t h3ad", "shit head"),
        ("Ѕhut up іdiot", "Shut up idiot"),  # Cyrillic look-alikes in Latin words
        ("ｉｄｉｏｔ", "idiot"),  # fullwidth forms (NFKC)
        ("id\u200biot", "idiot"),  # zero-width space
        ("id\u202eiot", "idiot"),  # bidi override
        ("stuuuuupid", "stuupid"),
        ("ﬁne", "fine"),
    ],
)
def test_evasions_are_folded(raw, folded):
    assert normalise(raw).text == folded


@pytest.mark.parametrize(
    "text",
    [
        "Москва хороший город",  # a Cyrillic sentence is left in Cyrillic
        "covid19 in the 1990s at 5pm cost $5m",  # ordinary numbers are not leetspeak
        "Wow! Great match, 3-2 in the end.",
        "I paid £40 for 2 tickets",
        "שלום עליכם",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert normalise(text).text == text


def test_spans_map_back_to_the_original():
    raw = "Honestly, you i.d.i.o.t, read it again"
    norm = normalise(raw)
    start = norm.text.index("idiot")
    a, b = norm.original_span(start, start + len("idiot"))
    assert raw[a:b] == "i.d.i.o.t"


def test_spans_cover_removed_invisible_characters_and_expansions():
    raw = "so ﬁne and m\u200bor\u200bon"
    norm = normalise(raw)
    start = norm.text.index("moron")
    a, b = norm.original_span(start, start + 5)
    assert raw[a:b] == "m\u200bor\u200bon"
    start = norm.text.index("fine")
    a, b = norm.original_span(start, start + 4)
    assert raw[a:b] == "ﬁne"


def test_lower_has_the_same_length():
    norm = normalise("İSTANBUL and ǅ")
    assert len(norm.lower) == len(norm.text)


def test_a_text_made_only_of_look_alike_letters_is_folded():
    assert normalise("уоu ѕtupіd соw").text == "you stupid cow"
    assert normalise("Τι κάνεις φίλε").text == "Τι κάνεις φίλε"  # real Greek keeps its letters
