"""promisemine.sections: headings, flat sections, boilerplate, bullets, offsets, sentences.

Expected values follow shared/spec/output-format.md and the heading conventions of
shared/spec/annotation-format.md; the bundled corpus (corpus/docs, corpus/gold) is the
reference for real documents.
"""
from __future__ import annotations


import pytest

import promisemine
from promisemine.sections import is_boilerplate_line, segment, split_sentences

from corpus_helpers import DOCS
from corpus_helpers import load_gold as _gold
from corpus_helpers import norm as _norm
from corpus_helpers import read_doc as _read
DOC_PATHS = sorted(DOCS.glob("*.txt"))
DOC_IDS = [p.stem for p in DOC_PATHS]

TITLE = "Medborgarlöfte 2024 Alingsås"
INTRO = "Polisen och Alingsås kommun har tillsammans tagit fram ett nytt medborgarlöfte för 2024."
AFTER = "Polisen genomför trafikkontroller i centrala Alingsås under hela året."

CAPTION_017 = "Jan Hellnevi och Catrin Hulmarker vid ett bord med Hjos kommunvapen"


def _headings(text: str) -> list[str]:
    secs, _, _ = segment(text)
    return [s.heading for s in secs if s.heading is not None]


def _section_at(sections, offset: int):
    for s in sections:
        if s.start <= offset < s.end:
            return s
    raise AssertionError(f"offset {offset} lies in no section")


def _tiny(line: str) -> str:
    """A small document with ``line`` standing alone between blank lines."""
    return f"{TITLE}\n\n{INTRO}\n\n{line}\n\n{AFTER}\n"


# --------------------------------------------------------------------------- headings vs gold


@pytest.mark.parametrize("stem", [p.stem for p in DOC_PATHS])
def test_sections_headings_equal_gold(stem):
    text = _read(stem)
    got = {_norm(h) for h in _headings(text)}
    expected = {_norm(h) for h in _gold(stem)["headings"]}
    assert got == expected


def test_sections_photo_caption_is_not_a_heading():
    # 017: a caption naming two people stands alone like a heading
    assert CAPTION_017 not in {_norm(h) for h in _headings(_read("017"))}
    assert _headings(_tiny("Anna Lindqvist och Per Persson vid undertecknandet")) == [TITLE]


# --------------------------------------------------------------------------- flat sections


def _variants():
    for p in DOC_PATHS:
        for name in ("lf", "crlf", "cr"):
            yield pytest.param(p.stem, name, id=f"{p.stem}-{name}")


def _variant_text(stem: str, name: str) -> str:
    text = _read(stem)
    if name == "crlf":
        return text.replace("\n", "\r\n")
    if name == "cr":
        return text.replace("\n", "\r")
    return text


@pytest.mark.parametrize("stem,variant", list(_variants()))
def test_sections_flat_ordered_and_cover_the_text(stem, variant):
    text = _variant_text(stem, variant)
    secs, _, _ = segment(text)
    assert secs, "a non-empty document has at least one section"
    assert secs[0].start == 0
    assert secs[-1].end == len(text)
    for a, b in zip(secs, secs[1:]):
        assert a.end == b.start  # contiguous: no gap, no overlap
    for s in secs:
        assert 0 <= s.start < s.end <= len(text)
        assert s.kind in ("content", "boilerplate")
        if s.heading is not None:
            # the section starts at its heading line (the first one may start at 0)
            assert text[s.start:s.end].lstrip().startswith(s.heading)
            assert s.heading == s.heading.rstrip()
        else:
            assert s.level == 0
    assert len({s.id for s in secs}) == len(secs)


@pytest.mark.parametrize("stem,variant", list(_variants()))
def test_sections_blocks_and_sentences_index_the_text(stem, variant):
    text = _variant_text(stem, variant)
    secs, blocks, sents = segment(text)
    ids = {s.id for s in secs}
    for b in blocks:
        assert text[b.start:b.end] == b.text
        assert b.section_id in ids
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    starts = [b.start for b in blocks]
    assert starts == sorted(starts)


# --------------------------------------------------------------------------- title


@pytest.mark.parametrize(
    "stem,title",
    [
        ("000_5836569da2d3e8ba", "Skara – Så uppfyllde polisen sitt löfte 2019"),
        ("001_5083bd4cb61b1929", "Uppföljning av medborgarlöften 2020 - Lidköping"),
        ("003_b68d336678055b56", "Uppföljning medborgarlöfte 2023"),
        ("004_2feda3c715ef061f", "Nya löften med fokus på en tryggare miljö"),
        ("016", "Polisens och kommunens medborgarlöfte"),
        ("038", "Essunga – medborgarlöften"),
        ("076", "Medborgarlöftet för ett tryggare Trollhättan"),
        ("108", "Medborgarlöfte och trygghetsmätning i Oxelösunds kommun"),
        ("118", "Medborgarlöfte 2022"),
        ("138", "Arbetet med medborgarlöftet fortsätter"),
        ("140", "Medborgarlöftet 2018 i ESSUNGA"),
    ],
)
def test_sections_first_heading_is_the_title_line(stem, title):
    secs, _, _ = segment(_read(stem))
    headed = [s for s in secs if s.heading is not None]
    assert headed[0].heading == title
    assert headed[0].level == 1
    assert headed[0].kind == "content"
    assert all(s.level != 1 for s in headed[1:])


def test_sections_title_is_first_section_when_text_starts_with_it():
    secs, _, _ = segment(_tiny("Trygghetsskapande åtgärder"))
    assert (secs[0].heading, secs[0].level, secs[0].start) == (TITLE, 1, 0)
    assert [(s.heading, s.level) for s in secs] == [(TITLE, 1), ("Trygghetsskapande åtgärder", 2)]


# --------------------------------------------------------------------------- boilerplate

JAVASCRIPT = (
    "Javascript är inte påslaget i din webbläsare. Vi rekommenderar att javacsript är aktiverat "
    "i webbläsaren, för bästa användning av webbplatsen."
)
FURNITURE = ["Sök", "null", "Sök på polisen.se", JAVASCRIPT, "Lyssna", "Läs mer", "Tel: 114 14"]


@pytest.mark.parametrize("line", FURNITURE)
def test_sections_boilerplate_line_recognised(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Polisen lovar att:",
        "Trygghetsskapande åtgärder",
        "Genomföra riktade insatser mot narkotika.",
        "Sex stycken nya Grannsamverkansgrupper startades och ett 70-tal möten med polisens olika samverkanspartners genomfördes.",
        "Om du vill veta mer om vad kommunen och polisen har gjort för insatser i medborgarlöftet kan du läsa vår uppföljning.",
    ],
)
def test_sections_content_line_not_boilerplate(line):
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize("line", FURNITURE)
def test_sections_boilerplate_line_forms_boilerplate_section(line):
    text = _tiny(line)
    secs, blocks, sents = segment(text)
    at = text.index(line)
    sec = _section_at(secs, at)
    assert sec.kind == "boilerplate"
    assert sec.heading is None
    assert line not in [s.heading for s in secs]
    # the paragraph after the furniture is content again, and no sentence is made of the furniture
    assert _section_at(secs, text.index(AFTER)).kind == "content"
    assert all(s.start < at or s.start >= at + len(line) for s in sents)


@pytest.mark.parametrize("line", ["Sök", "Sök på polisen.se", JAVASCRIPT, "Läs mer", "Lyssna"])
def test_sections_boilerplate_before_title(line):
    text = f"{line}\n\n{TITLE}\n\n{INTRO}\n"
    secs, _, _ = segment(text)
    assert [(s.kind, s.heading, s.level) for s in secs] == [
        ("boilerplate", None, 0),
        ("content", TITLE, 1),
    ]
    assert secs[1].start == text.index(TITLE)


@pytest.mark.parametrize(
    "stem,line",
    [
        ("003_b68d336678055b56", "Sök"),
        ("004_2feda3c715ef061f", "null"),
        ("004_2feda3c715ef061f", "2019-02-04 11:57Pressmeddelande"),
        ("108", JAVASCRIPT),
        ("108", "Sök på polisen.se"),
        ("138", "Läs mer"),
        ("140", JAVASCRIPT),
        ("015", "Tel: 114 14"),
        ("016", "Telefon"),
        ("016", "Besöksadress"),
    ],
)
def test_sections_corpus_furniture_in_boilerplate_section(stem, line):
    text = _read(stem)
    secs, _, _ = segment(text)
    assert _section_at(secs, text.index(line)).kind == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        "Peter Blom",
        "Utvecklingsledare",
        "Linda Esseholt Hermansson",
        "Kommundirektör",
        "Förvaltningschef service och teknik",
        "Säkerhetssamordnare",
        "Fil dr, 1:e antikvarie",
        "Maria Vretemark",
        "Kommunikationsenheten",
    ],
)
def test_sections_004_contact_list_is_boilerplate(line):
    text = _read("004_2feda3c715ef061f")
    secs, _, _ = segment(text)
    at = text.index(line, text.index("Kontaktpersoner"))
    sec = _section_at(secs, at)
    assert sec.kind == "boilerplate"
    assert sec.heading == "Kontaktpersoner"
    assert line not in [s.heading for s in secs]


@pytest.mark.parametrize(
    "heading,previous",
    [("Om Skara kommun", "Dialog och statistik"), ("Kontaktpersoner", "Om Skara kommun")],
)
def test_sections_004_boilerplate_headings_open_boilerplate_sections(heading, previous):
    text = _read("004_2feda3c715ef061f")
    secs, _, _ = segment(text)
    (sec,) = [s for s in secs if s.heading == heading]
    assert sec.kind == "boilerplate"
    assert sec.start == text.index(heading)
    prev = secs[secs.index(sec) - 1]
    assert prev.heading == previous
    assert prev.end == sec.start
    # the text under "Om Skara kommun" is furniture too
    body = "I Skara kommun arbetar drygt 1700 personer"
    assert _section_at(secs, text.index(body)).heading == "Om Skara kommun"


def test_sections_004_content_sections_stay_content():
    secs, _, _ = segment(_read("004_2feda3c715ef061f"))
    kinds = {s.heading: s.kind for s in secs if s.heading}
    for h in ["Nya löften med fokus på en tryggare miljö", "Områden i fokus", "Våra löften!", "Kommunen lovar",
              "Polisen lovar", "Tillsammans lovar vi", "Dialog och statistik"]:
        assert kinds[h] == "content"


@pytest.mark.parametrize(
    "heading,body",
    [
        (
            "Om Alingsås kommun",
            "I Alingsås kommun arbetar drygt 2000 personer i många olika yrkesroller. Alla är viktiga för att vi ska kunna ge dig en så bra service som möjligt.",
        ),
        ("Kontaktpersoner", "Anna Svensson\nSäkerhetssamordnare\nAnna Svensson\nErik Holm\nKommunpolis"),
        ("Kontakt", "Irene Broberg\nKommunpolis i Hjo\nTel: 114 14"),
    ],
)
def test_sections_boilerplate_heading_opens_boilerplate_section(heading, body):
    text = f"{TITLE}\n\n{INTRO}\n\n{heading}\n\n{body}\n"
    secs, _, _ = segment(text)
    assert [(s.heading, s.kind) for s in secs] == [(TITLE, "content"), (heading, "boilerplate")]
    assert _section_at(secs, text.index(body)).kind == "boilerplate"


def test_sections_content_after_boilerplate_section_heading_is_new_section():
    text = f"{TITLE}\n\n{INTRO}\n\nKontakt\n\nIrene Broberg\nKommunpolis i Hjo\n\nUppföljning 2021\n\n{AFTER}\n"
    secs, _, _ = segment(text)
    assert [(s.heading, s.kind) for s in secs] == [
        (TITLE, "content"),
        ("Kontakt", "boilerplate"),
        ("Uppföljning 2021", "content"),
    ]


# --------------------------------------------------------------------------- heading decisions


@pytest.mark.parametrize(
    "line,is_heading",
    [
        ("Polisen lovar att:", True),
        ("Polisen lovar:", True),
        ("Tillsammans lovar vi", True),
        ("Tillsammans lovar vi:", True),
        ("Kommunen lovar", True),
        ("Lokalpolisområde Karlstad kommer att:", True),
        ("Hammarö kommun kommer att:", True),
        ("Så uppfyllde polisen sitt löfte 2021", True),
        ("Utfallet blev:", True),
        ("Trygghetsskapande åtgärder", True),
        ("Våra löften!", True),
        ("Syns det någon skillnad på upplevd trygghet och brottsutvecklingen ?", True),
        ("I medborgarlöftet 2019, lovade vi från polisens sida att:", False),
        ("Följande aktiviteter utlovades i 2018 års medborgarlöfte:", False),
        ("Utifrån gemensam lägesbild kommer prioritering att vara:", False),
        ("Övervakningen av trafiken har bl.a. lett till följande:", False),
        ("Irene Broberg", False),
        ("Telefon", False),
        ("Öppettider", False),
        ("Besöksadress", False),
        ("Trafikregionväst103", False),
        ("Genomföra riktade insatser mot narkotika.", False),
        ("Hjo kommun", False),
    ],
)
def test_sections_heading_decision(line, is_heading):
    text = _tiny(line)
    heads = _headings(text)
    assert heads[0] == TITLE
    assert (line in heads) is is_heading
    # nothing else turned into a heading
    assert set(heads) - {line} == {TITLE}


def test_sections_caption_twice_in_a_row_is_not_heading():
    text = f"{TITLE}\n\n{INTRO}\n\nTrafikkontroll\n\nTrafikkontroll\n\n{AFTER}\n"
    assert _headings(text) == [TITLE]


def test_sections_038_caption_twice_is_not_heading():
    assert "Trafikkontroll" not in _headings(_read("038"))


def test_sections_lead_in_heading_owns_its_list():
    text = (
        f"{TITLE}\n\n{INTRO}\n\nPolisen lovar att:\n\n"
        "  • Genomföra trygghetsskapande fotpatrullering.\n"
        "  • Genomföra riktade insatser mot narkotika.\n\n"
        "Kommunen lovar att:\n\n"
        "  • Utveckla kommunens drogförebyggande arbete\n"
    )
    secs, blocks, _ = segment(text)
    assert [s.heading for s in secs] == [TITLE, "Polisen lovar att:", "Kommunen lovar att:"]
    owner = {b.text: b.section_id for b in blocks if b.kind == "bullet"}
    assert owner == {
        "Genomföra trygghetsskapande fotpatrullering.": secs[1].id,
        "Genomföra riktade insatser mot narkotika.": secs[1].id,
        "Utveckla kommunens drogförebyggande arbete": secs[2].id,
    }


# --------------------------------------------------------------------------- bullets


@pytest.mark.parametrize("marker", ["•", "-", "–", "*", "1.", "a)"])
def test_sections_bullet_marker_removed(marker):
    items = [
        "Genomföra trygghetsskapande fotpatrullering och skapa dialog med allmänheten.",
        "Genomföra riktade insatser mot narkotika.",
    ]
    text = f"{TITLE}\n\nPolisen lovar att:\n\n" + "".join(f"  {marker} {it}\n" for it in items)
    _, blocks, sents = segment(text)
    bullets = [b for b in blocks if b.kind == "bullet"]
    assert [b.text for b in bullets] == items
    assert [b.marker for b in bullets] == [marker, marker]
    assert [text[b.start:b.end] for b in bullets] == items
    assert [s.text for s in sents] == items


def test_sections_numbered_and_lettered_items():
    text = (
        "Problemområden\n\nDen sammanvägda och upplevda problembilden i Hammarö kommun är främst:\n\n"
        "1. Alkohol- och drogrelaterad brottslighet\n2. Trafik\n\n"
        "a) Fler trygghetsvandringar\nb) Tätare kontakter med skolan\n"
    )
    _, blocks, _ = segment(text)
    assert [(b.marker, b.text) for b in blocks if b.kind == "bullet"] == [
        ("1.", "Alkohol- och drogrelaterad brottslighet"),
        ("2.", "Trafik"),
        ("a)", "Fler trygghetsvandringar"),
        ("b)", "Tätare kontakter med skolan"),
    ]


def test_sections_040_bullet_continuation_line_joins_item():
    text = _read("040")
    _, blocks, sents = segment(text)
    item = "Utöver detta har polisen skrivit 31 övriga anmälningar om diverse andra\n    trafikbrott."
    matching = [b for b in blocks if b.kind == "bullet" and b.text.startswith("Utöver detta")]
    assert [b.text for b in matching] == [item]
    assert text[matching[0].start:matching[0].end] == item
    assert not any(b.text.strip() == "trafikbrott." for b in blocks)
    assert item in [s.text for s in sents]


def test_sections_unindented_continuation_joins_item():
    text = (
        f"{TITLE}\n\nPolisen lovar att:\n\n"
        "  • Genomföra riktade insatser mot narkotikamissbruk samt relationsskapande och\n"
        "uppsökande verksamhet i skolor och på fritidsgårdar.\n"
    )
    _, blocks, _ = segment(text)
    assert [b.text for b in blocks if b.kind == "bullet"] == [
        "Genomföra riktade insatser mot narkotikamissbruk samt relationsskapande och\n"
        "uppsökande verksamhet i skolor och på fritidsgårdar."
    ]


def test_sections_paragraph_after_finished_bullet_is_not_joined():
    text = (
        f"{TITLE}\n\nPolisen lovar att:\n\n"
        "• Genomföra riktade insatser mot narkotika.\n"
        "Polisen har under året gjort riktade insatser mot narkotika.\n"
    )
    _, blocks, _ = segment(text)
    assert [(b.kind, b.text) for b in blocks[2:]] == [
        ("bullet", "Genomföra riktade insatser mot narkotika."),
        ("paragraph", "Polisen har under året gjort riktade insatser mot narkotika."),
    ]


# --------------------------------------------------------------------------- offsets: CRLF, CR, NBSP


@pytest.mark.parametrize("stem", DOC_IDS)
@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_sections_line_ends_keep_headings_and_offsets(stem, eol):
    lf = _read(stem)
    text = lf.replace("\n", eol)
    secs, _, _ = segment(text)
    assert _headings(text) == _headings(lf)
    for s in secs:
        if s.heading is not None:
            at = text.index(s.heading, s.start)
            assert text[at:at + len(s.heading)] == s.heading
            assert "\r" not in s.heading and "\n" not in s.heading
    assert secs[-1].end == len(text)


def test_sections_crlf_section_bounds_map_to_lf_bounds():
    lf = _read("003_b68d336678055b56")
    crlf = lf.replace("\n", "\r\n")
    secs_lf, _, _ = segment(lf)
    secs_crlf, _, _ = segment(crlf)
    assert len(secs_lf) == len(secs_crlf)
    for a, b in zip(secs_lf, secs_crlf):
        # every "\n" before the boundary became two characters
        assert b.start == a.start + lf[:a.start].count("\n")
        assert (a.heading, a.kind, a.level) == (b.heading, b.kind, b.level)


@pytest.mark.parametrize("stem", DOC_IDS)
def test_sections_nbsp_keeps_headings_and_offsets(stem):
    text = _read(stem).replace(" ", "\u00a0")
    secs, blocks, _ = segment(text)
    assert [_norm(h) for h in _headings(text)] == [_norm(h) for h in _headings(_read(stem))]
    for s in secs:
        if s.heading is not None:
            assert text[s.start:s.end].lstrip().startswith(s.heading)
    for b in blocks:
        assert text[b.start:b.end] == b.text


def test_sections_nbsp_heading_kept_as_written():
    heading = "Polisen\u00a0lovar\u00a0att:"
    text = f"{TITLE}\n\n{INTRO}\n\n{heading}\n\n  •\u00a0Genomföra riktade insatser mot narkotika.\n"
    secs, blocks, _ = segment(text)
    assert [s.heading for s in secs] == [TITLE, heading]
    assert secs[1].start == text.index(heading)
    (bullet,) = [b for b in blocks if b.kind == "bullet"]
    assert bullet.text == "Genomföra riktade insatser mot narkotika."
    assert text[bullet.start:bullet.end] == bullet.text


def test_sections_bom_free_utf8_file_offsets(tmp_path):
    raw = _read("000_5836569da2d3e8ba").replace("\n", "\r\n")
    path = tmp_path / "skara.txt"
    path.write_bytes("\ufeff".encode("utf-8") + raw.encode("utf-8"))
    doc = promisemine.extract(path)
    assert not doc.text.startswith("\ufeff")
    assert doc.text == raw  # BOM removed, CRLF kept
    assert doc.title == "Skara – Så uppfyllde polisen sitt löfte 2019"
    assert doc.sections[0].start == 0 and doc.sections[0].heading == doc.title
    assert doc.sections[-1].end == len(doc.text)
    for s in doc.sections:
        if s.heading:
            assert doc.text[s.start:s.start + len(s.heading)] == s.heading


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Polisen har rent allmänt jobbat för att öka närvaron i kommunen. Bl.a. har vi närvarat i Nossebro tätort genom fotpatrull vid ca 35 tillfällen. Extra fokus har då legat på tillfällen då det varit olika evenemang som t.ex. Nossebro marknad.",
            [
                "Polisen har rent allmänt jobbat för att öka närvaron i kommunen.",
                "Bl.a. har vi närvarat i Nossebro tätort genom fotpatrull vid ca 35 tillfällen.",
                "Extra fokus har då legat på tillfällen då det varit olika evenemang som t.ex. Nossebro marknad.",
            ],
        ),
        (
            "37 ordningsförelägganden har utfärdats. D.v.s. böter som polisen skriver direkt på plats. 16 av dessa har gällt för höga hastigheter.",
            [
                "37 ordningsförelägganden har utfärdats.",
                "D.v.s. böter som polisen skriver direkt på plats.",
                "16 av dessa har gällt för höga hastigheter.",
            ],
        ),
        (
            "16 fall av rattfyllerier har rapporterats. Av dessa har 11 st. handlat om narkotikapåverkade förare och 5 st. om förare som druckit alkohol.",
            [
                "16 fall av rattfyllerier har rapporterats.",
                "Av dessa har 11 st. handlat om narkotikapåverkade förare och 5 st. om förare som druckit alkohol.",
            ],
        ),
        (
            "Löftet utgår från den lokala lägesbild som gemensamt har tagits fram. Detta har skett bl.a. genom dialog med Essunga kommuns medborgare samt kommun– och polisanställda i området.",
            [
                "Löftet utgår från den lokala lägesbild som gemensamt har tagits fram.",
                "Detta har skett bl.a. genom dialog med Essunga kommuns medborgare samt kommun– och polisanställda i området.",
            ],
        ),
        (
            "Polisen har kontrollerat mopeder, A-traktorer m.m. under sommaren. Kommunen har bidragit med trygghetsvärdar.",
            [
                "Polisen har kontrollerat mopeder, A-traktorer m.m. under sommaren.",
                "Kommunen har bidragit med trygghetsvärdar.",
            ],
        ),
        (
            "Polisen patrullerade mellan kl. 22 och 03 vid resecentrum. Inga större störningar rapporterades.",
            [
                "Polisen patrullerade mellan kl. 22 och 03 vid resecentrum.",
                "Inga större störningar rapporterades.",
            ],
        ),
        (
            "Kontroller gjordes längs väg nr. 47 och vid Nossebrobadet. Flera förare rapporterades.",
            [
                "Kontroller gjordes längs väg nr. 47 och vid Nossebrobadet.",
                "Flera förare rapporterades.",
            ],
        ),
        (
            "I kontrollerna upptäcktes 8 resp. 6 personer som misstänktes för rattfylleri. Ordningsböter har utfärdats till 63 personer.",
            [
                "I kontrollerna upptäcktes 8 resp. 6 personer som misstänktes för rattfylleri.",
                "Ordningsböter har utfärdats till 63 personer.",
            ],
        ),
        (
            "Vid kontrollerna har ca. 500 fordon och förare kontrollerats. Det har upptäckts och rapporterats 25 olovliga körningar.",
            [
                "Vid kontrollerna har ca. 500 fordon och förare kontrollerats.",
                "Det har upptäckts och rapporterats 25 olovliga körningar.",
            ],
        ),
        (
            "Uppsökande verksamhet, d.v.s. fältarbete på kvällstid, ska utökas. Kommunen ansvarar för fältgruppen.",
            [
                "Uppsökande verksamhet, d.v.s. fältarbete på kvällstid, ska utökas.",
                "Kommunen ansvarar för fältgruppen.",
            ],
        ),
        (
            "Polisen tog 3 st. fordon i beslag för teknisk undersökning. Lika många har fått böta för diverse trafikbrott.",
            [
                "Polisen tog 3 st. fordon i beslag för teknisk undersökning.",
                "Lika många har fått böta för diverse trafikbrott.",
            ],
        ),
        (
            "Är du orolig? Ring 114 14! Polisen svarar dygnet runt.",
            ["Är du orolig?", "Ring 114 14!", "Polisen svarar dygnet runt."],
        ),
    ],
)
def test_sections_split_sentences_abbreviations(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_sections_split_sentences_offsets_in_a_slice():
    text = "Sök\n\nBl.a. har vi närvarat vid ca 35 tillfällen. Polisen fortsätter.\n"
    start = text.index("Bl.a.")
    spans = split_sentences(text, start, len(text))
    assert [text[a:b] for a, b in spans] == [
        "Bl.a. har vi närvarat vid ca 35 tillfällen.",
        "Polisen fortsätter.",
    ]
    assert spans[0][0] == start


def test_sections_bullets_without_full_stops_are_sentences():
    items = [
        "Utveckla kommunens drogförebyggande arbete",
        "Fortsätta samverka med näringslivet om brottsförebyggande aktiviteter och sysselsättningsfrågor",
        "Genomföra aktiviteter ute i tätorterna med fokus på trygghet för barn och ungdomar",
    ]
    text = f"{TITLE}\n\nKommunen lovar att:\n\n" + "".join(f"  • {it}\n" for it in items)
    _, blocks, sents = segment(text)
    assert [s.text for s in sents] == items
    bullet_ids = [i for i, b in enumerate(blocks) if b.kind == "bullet"]
    assert [s.block_index for s in sents] == bullet_ids


def test_sections_040_sentences_of_report_bullets():
    _, _, sents = segment(_read("040"))
    texts = [s.text for s in sents]
    for expected in [
        "37 ordningsförelägganden har utfärdats.",
        "D.v.s. böter som polisen skriver direkt på plats.",
        "Av dessa har 11 st. handlat om narkotikapåverkade förare och 5 st. om förare som druckit alkohol.",
        "Bl.a. har vi närvarat i Nossebro tätort genom fotpatrull vid ca 35 tillfällen.",
    ]:
        assert expected in texts


def test_sections_headings_and_boilerplate_make_no_sentences():
    text = f"Sök\n\n{TITLE}\n\nPolisen lovar att:\n\n  • Genomföra riktade insatser mot narkotika.\n"
    _, _, sents = segment(text)
    assert [s.text for s in sents] == ["Genomföra riktade insatser mot narkotika."]


@pytest.mark.parametrize("sign", list("•·∙‣⁃▪◦●○■□◆❖➢►✓✔–-*") + ["\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "o"])
def test_sections_bullet_signs_of_web_pages_pdfs_and_word(sign):
    """Every bullet sign of the table (and a Word outline "o") opens a list item."""
    text = f"Polisen lovar att:\n\n  {sign} Genomföra trafikkontroller.\n  {sign} öka närvaron i centrum.\n  {sign} 20 skolbesök.\n"
    _, blocks, _ = segment(text)
    bullets = [b for b in blocks if b.kind == "bullet"]
    assert [b.marker for b in bullets] == [sign] * 3
    assert [b.text for b in bullets] == ["Genomföra trafikkontroller.", "öka närvaron i centrum.", "20 skolbesök."]


@pytest.mark.parametrize(
    "line", ["om polisen hinner", "o.s.v. gäller", "oj vad bra", "Ökad närvaro", "s. 12 för detaljer", "v. 38 och v. 40",
             "(08) 508 000 00", "→ Läs mer om medborgarlöften"]
)
def test_sections_no_bullet_without_a_sign(line):
    _, blocks, _ = segment(f"Rubrik\n\n{line}\n")
    assert not any(b.kind == "bullet" for b in blocks)


@pytest.mark.parametrize(
    "markers",
    [["1.", "2.", "3."], ["1)", "2)", "3)"], ["a)", "b)", "c)"], ["(a)", "(b)", "(c)"],
     ["i)", "ii)", "iii)"], ["xii)", "xiii)", "xiv)"]],
)
def test_sections_numbered_and_lettered_markers(markers):
    text = "Polisen lovar att:\n\n" + "".join(f"{m} Genomföra insats nummer {i}.\n" for i, m in enumerate(markers))
    _, blocks, _ = segment(text)
    assert [b.marker for b in blocks if b.kind == "bullet"] == markers


def test_sections_space_run_is_what_isspace_calls_white_space():
    """split_sentences skips to the next word with one regex call; its \\s must be
    str.isspace() on every code point (the regex module's \\s is not: U+001C–U+001F)."""
    import sys

    from promisemine.sections import _SPACES

    text = "".join(map(chr, range(sys.maxunicode + 1)))
    spans = [(m.start(), m.end()) for m in _SPACES.finditer(text) if m.end() > m.start()]
    by_regex = {i for a, b in spans for i in range(a, b)}
    assert by_regex == {i for i, c in enumerate(text) if c.isspace()}


# --------------------------------------------------------------------------- cheap tests against their plain equivalents


def _plain_lines(text: str) -> list[tuple[int, int, int, int, str] | None]:
    """The lines as the line regex finds them (the plain way): None for a blank line."""
    import regex

    out, s = [], 0
    for raw in regex.findall(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if s == len(text) and not raw:
            break
        body = raw.rstrip("\r\n")
        content = body.strip()
        indent = len(body) - len(body.lstrip())
        out.append((s + indent, s + indent + len(content), s + len(body), indent, content) if content else None)
        s += len(raw)
        if s == len(text):
            break
    return out


@pytest.mark.parametrize(
    "text",
    ["", "\n", "\r", "\r\n", "a", "a\n", "a\r\n", "a\rb", "a\r\rb\n", "a\r\r\nb", "\n\ra\r\n  b  \r\n\r\n",
     "  • x \r\n\u00a0y\u2028z\x0c\n\x1c\n", " \t \n a", "a\n \r\n  "],
)
def test_sections_lines_split_as_the_line_regex(text):
    from promisemine.sections import _lines

    got = [ln and (ln.start, ln.end, ln.raw_end, ln.indent, ln.text) for ln in _lines(text)]
    assert got == _plain_lines(text)


def test_sections_may_open_item_holds_wherever_a_bullet_matches():
    """``_may_open_item`` is a necessary condition of ``BULLET``: never False where it matches."""
    import random

    from promisemine.sections import BULLET, BULLET_SIGNS, _may_open_item

    starts = list(BULLET_SIGNS) + ["o", "O", "1.", "12)", "123.", "a)", "Z)", "(b)", "xiv)", "xviii)", "xviiii)", "iv.",
                                   "\u0663.", "٣)", "Polisen", "(08)", "s.", "1a)", "-"]
    rng = random.Random(0)
    for start in starts:
        for rest in [" Genomföra", "Öka", "-Öka", "\u00a0x", "\tx", "", "x", " ", "  ."]:
            for indent in ["", "  ", "\t", "\u00a0", "\u2003"]:
                line = indent + start + rest
                content = line.strip()
                if BULLET.match(line) and content:
                    assert _may_open_item(content), line
        for _ in range(200):
            line = start + "".join(rng.choice("ivx.)( aÖ1") for _ in range(rng.randrange(6)))
            if BULLET.match(line):
                assert _may_open_item(line.strip()), line


@pytest.mark.parametrize(
    "line",
    ["Polisen lovar att:", "Polisen  lovar", "Polisen\u00a0lovar", "a\tb", "a\x1cb", "a\u2003 b", "trafik\u00adkontroll",
     "x", "Polisen lovar att: öka närvaron i centrum och genomföra trafikkontroller under hela året 2024"],
)
def test_sections_collapsed_is_split_and_join(line):
    from promisemine.sections import _collapsed

    assert _collapsed(line) == " ".join(line.split())


def test_sections_collapsed_every_white_space_but_space_is_unprintable():
    """What ``_collapsed`` rests on: a printable line holds no white space but " "."""
    import sys

    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]


@pytest.mark.parametrize(
    "line",
    ["Polisen lovar:", "Polisen lovar att:", "Hammarö kommun kommer att:", "Tillsammans lovar vi", "Vi ska:", "Parterna åtar sig att:",
     "Polisen och kommunen förbinder sig att:", "Kommunen skall", "I medborgarlöftet 2021 lovade vi", "Polisen lova", "Polisenlovar",
     "Trygghetsskapande åtgärder", "Kommunen  ska", "Kommunen\u00a0ska", "Polisen skola", "", "  "],
)
def test_sections_lead_in_needs_one_of_its_verbs(line):
    """The verb test before ``LEAD_IN`` changes no decision."""
    from promisemine.sections import LEAD_IN, NOT_SUBJECT, _is_lead_in

    first = line.split(maxsplit=1)[0].lower() if line.split() else ""
    assert _is_lead_in(line) is (first not in NOT_SUBJECT and bool(LEAD_IN.match(line.rstrip(":"))))


def _sentence_end_texts() -> list[str]:
    """Corpus documents, every code point after a mark, and random soups of marks,
    closers, white space (``re`` and ``regex`` disagree on U+001C–U+001F) and letters."""
    import random
    import sys

    texts = [p.read_text(encoding="utf-8") for p in DOC_PATHS]
    texts.append("".join("a." + chr(c) + "b…" + chr(c) + '!")' + chr(c) for c in range(sys.maxunicode + 1)))
    pieces = [".", "!", "?", "…", '"', "”", "»", "'", ")", "]", " ", "\n", "\r\n", "\t", "\x1c", "\x1f", "\x85",
              "\u00a0", "\u2028", "\u3000", "a", "Ö", "1", "-", ":"]
    rng = random.Random(5)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    return texts


def test_sections_sentence_end_equals_regex_pattern():
    """``SENTENCE_END`` (in ``re``, its first mark spelled out so that the engine skips to
    it) finds the matches of the pattern it was written as in ``regex``, whole texts and
    between any bounds."""
    import random

    import regex

    from promisemine.sections import SENTENCE_END

    plain = regex.compile(r"[.!?…]+[\"”»')\]]*(?=\s+|$)")
    rng = random.Random(3)
    for t in _sentence_end_texts():
        bounds = [(0, len(t))] + [tuple(sorted((rng.randint(0, len(t)), rng.randint(0, len(t))))) for _ in range(3)]
        for pos, endpos in bounds:
            assert [m.span() for m in SENTENCE_END.finditer(t, pos, endpos)] == [
                m.span() for m in plain.finditer(t, pos, endpos)]
