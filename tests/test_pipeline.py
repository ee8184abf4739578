"""Tests for promisemine.pipeline: the reading form of a text and offsets mapped back."""
from __future__ import annotations

import pytest

from promisemine.pipeline import _needs_reading_form, _reading_form, extract_text


@pytest.mark.parametrize(
    "text, reading",
    [
        ("Tra\u0308ffar", "Träffar"),  # decomposed "ä" composed
        ("trafik\u00adkontroller", "trafikkontroller"),  # soft hyphen skipped
        ("grann\u200bsamverkan", "grannsamverkan"),  # zero-width space skipped
        ("\ufb01nns tra\ufb01k", "finns trafik"),  # PDF ligatures spelt out
        ("64\u00a0stycken", "64 stycken"),  # no-break space
        ("Utfallet  blev:", "Utfallet blev:"),  # two spaces between words
        ("  • Genomföra", "  • Genomföra"),  # indentation is layout: kept
        ("Sök\n\n\nPolisen lovar", "Sök\n\n\nPolisen lovar"),  # line breaks kept
        ("Polisen lovar att:\n", "Polisen lovar att:\n"),
    ],
)
def test_pipeline_reading_form(text, reading):
    clean, starts, ends = _reading_form(text)
    assert clean == reading
    assert len(starts) == len(ends) == len(clean) + 1
    assert starts[0] == 0 and starts[-1] == ends[-1] == len(text)
    assert list(starts) == sorted(starts) and list(ends) == sorted(ends)
    assert _needs_reading_form(text) is (clean != text)


def test_pipeline_offsets_index_the_text_as_given():
    text = "Uppföljning 2023\n\nPolisen har genomfört 64\u00a0stycken trafik\u00adkontroller och ett 80-tal  fotpatruller.\n"
    doc = extract_text(text)
    assert [(a.quantity.value, a.lemma) for a in doc.activities] == [(64, "trafikkontroll"), (80, "fotpatrull")]
    for a in doc.activities:
        assert text[a.start:a.end] == a.text
        assert text[a.quantity.start:a.quantity.end] == a.quantity.text
    assert doc.activities[0].quantity.text == "64\u00a0stycken"
    assert "trafik\u00adkontroller" in doc.activities[0].text


@pytest.mark.parametrize(
    "text, reading",
    [
        ("bland\u00a0\u00a0annat", "bland annat"),  # a run of no-break spaces is one run
        ("bland\u00a0 annat", "bland annat"),
        ("\u212bre kommun", "\u00c5re kommun"),  # the Ångström sign is the letter Å
        ("a\x0c\x0cb", "a\x0c\x0cb"),  # form feeds are layout, not spaces between words
        ("\u00a0\u00a0• x", "  • x"),  # indentation stays two characters wide
    ],
)
def test_pipeline_reading_form_edge_cases(text, reading):
    clean, _, _ = _reading_form(text)
    assert clean == reading
    assert _needs_reading_form(text) is (clean != text)
    assert not _needs_reading_form(clean)  # the reading form reads as itself


@pytest.mark.parametrize(
    "text, reading",
    [
        ("## Polisen lovar att:\n\n- Öka", "Polisen lovar att:\n\n- Öka"),  # a Markdown heading
        ("**Polisen lovar att:**\n", "Polisen lovar att:\n"),  # bold
        ("Pris #1 i stan, #metoo", "Pris #1 i stan, #metoo"),  # not headings
    ],
)
def test_pipeline_reading_form_markdown(text, reading):
    assert _reading_form(text)[0] == reading
    assert _needs_reading_form(text) is (reading != text)


def test_pipeline_markdown_page_gives_the_records_of_the_plain_page():
    plain = "Medborgarlöfte Skara 2023\n\nPolisen lovar att:\n\n- Genomföra 20 trafikkontroller.\n- Öka närvaron i centrum.\n"
    markdown = "# Medborgarlöfte Skara 2023\n\n**Polisen lovar att:**\n\n- Genomföra 20 trafikkontroller.\n- Öka närvaron i centrum.\n"
    a, b = extract_text(plain), extract_text(markdown)
    assert (b.title, b.municipality, b.years, b.kind) == (a.title, a.municipality, a.years, a.kind) == (
        "Medborgarlöfte Skara 2023", "Skara", [2023], "promise")
    assert [(p.party, p.text, p.quantity and p.quantity.value) for p in b.pledges] == [
        (p.party, p.text, p.quantity and p.quantity.value) for p in a.pledges
    ]
    assert len(a.pledges) == 2
    for p in b.pledges:
        assert markdown[p.start:p.end] == p.text


def _random_texts(alphabet: list[str], n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 24))) for _ in range(n)]


@pytest.mark.parametrize(
    "alphabet",
    [
        ["a", "B", ".", " ", "\n"],  # plain spaces only: _PLAIN_SPACE_RUN
        ["a", "B", ".", " ", "\n", "\t", "\u00a0", "\u2003", "\u202f", "\u00ad", "\u200b", "\ufeff", "\ufb01", "\x0c"],
        ["a", " ", "\n", "\t", "\u00a0", "#", "*", "\u00ad"],  # Markdown: _EDIT_PLAIN itself
    ],
)
def test_pipeline_edits_of_finds_the_pieces_of_the_plain_pattern(alphabet):
    """The pattern chosen for a composed text finds exactly the pieces ``_EDIT_PLAIN`` finds."""
    from promisemine.pipeline import _EDIT_PLAIN, _edits_of

    for text in _random_texts(alphabet, 3000, seed=len(alphabet)):
        assert [m.span() for m in _edits_of(text).finditer(text)] == [m.span() for m in _EDIT_PLAIN.finditer(text)], text


@pytest.mark.parametrize("name", ["Quantity", "Section", "Block", "Sentence", "Pledge", "Activity", "Error", "Document"])
def test_pipeline_records_pickle_by_their_fields(name):
    """Records are pickled as constructor calls (``records._by_fields``): every field must
    be a constructor argument, in the order of ``__slots__``, and a document (with its
    sections, pledges, activities and quantities) must come back equal."""
    import dataclasses
    import pickle

    from promisemine import records
    from promisemine.pipeline import extract_text

    cls = getattr(records, name)
    assert cls.__slots__ == tuple(f.name for f in dataclasses.fields(cls) if f.init)
    doc = extract_text(
        "Uppföljning medborgarlöfte 2023 Götene\n\nPolisen lovar att:\n\n  • Genomföra fotpatrullering.\n\n"
        "Polisen har genomfört ett 80-tal patrulleringar och 64 stycken trafikkontroller.\n"
    )
    assert doc.pledges and doc.activities and doc.activities[0].quantity
    back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == doc and back.to_dict() == doc.to_dict()
    assert type(back.activities[0].quantity) is records.Quantity
