"""promisemine.pledges: every form of pledge with its party, the traps, targets, offsets,
same_as across documents and recall against the bundled gold.

Conventions: shared/spec/output-format.md (Pledge, Quantity) and the "Pledge text" and
"Party" rules of shared/spec/annotation-format.md.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import promisemine
from promisemine.pipeline import extract_text
from promisemine.pledges import document_author, extract_pledges, party_of
from promisemine.sections import segment

from corpus_helpers import DOCS, dice
from corpus_helpers import load_gold as _gold
from corpus_helpers import norm as _norm
from corpus_helpers import read_doc as _read
DOC_PATHS = sorted(DOCS.glob("*.txt"))
DOC_IDS = [p.stem for p in DOC_PATHS]

# a promise and a follow-up opening: the kind comes from the title (metadata)
PROMISE = (
    "Medborgarlöfte 2024 Alingsås\n\n"
    "Polisen och Alingsås kommun har tillsammans tagit fram ett nytt medborgarlöfte för 2024.\n\n"
)
FOLLOW_UP = (
    "Uppföljning medborgarlöfte 2023 Alingsås\n\n"
    "Här redovisas vad polisen och kommunen har gjort inom medborgarlöftet under 2023.\n\n"
)

WORD = re.compile(r"\w+")


def _extract(text: str, kind: str):
    doc = extract_text(text, doc_id="t")
    assert doc.errors == []
    assert doc.kind == kind, "test set-up: the title decides the document kind"
    return doc


def _pairs(doc) -> list[tuple[str, str]]:
    return [(p.party, _norm(p.text)) for p in doc.pledges]


def _words(s: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(s or "")}


def match(gold: list[dict], system) -> dict[str, int]:
    """Gold id -> index of the system pledge: same party, Dice >= 0.6, one-to-one, best first."""
    pairs = []
    for g in gold:
        for i, p in enumerate(system):
            if p.party == g["party"]:
                d = dice(g["text"], p.text)
                if d >= 0.6:
                    pairs.append((d, g["id"], i))
    pairs.sort(key=lambda t: -t[0])
    out: dict[str, int] = {}
    taken: set[int] = set()
    for _, gid, i in pairs:
        if gid not in out and i not in taken:
            out[gid] = i
            taken.add(i)
    return out


# --------------------------------------------------------------------------- forms of issue 3

FORMS = [
    pytest.param(
        PROMISE
        + "Polisen lovar att:\n\n"
        "  • Genomföra trygghetsskapande fotpatrullering och skapa dialog med allmänheten.\n"
        "  • Genomföra riktade insatser mot narkotika.\n",
        [
            ("police", "Genomföra trygghetsskapande fotpatrullering och skapa dialog med allmänheten."),
            ("police", "Genomföra riktade insatser mot narkotika."),
        ],
        id="polisen-lovar-att",
    ),
    pytest.param(
        PROMISE
        + "Kommunen lovar:\n\n"
        "  • Identifiera otrygga platser i syfte att få fram underlag för förbättringsåtgärder.\n"
        "  • Utveckla kommunens drogförebyggande arbete\n",
        [
            ("municipality", "Identifiera otrygga platser i syfte att få fram underlag för förbättringsåtgärder."),
            ("municipality", "Utveckla kommunens drogförebyggande arbete"),
        ],
        id="kommunen-lovar",
    ),
    pytest.param(
        PROMISE
        + "Tillsammans lovar vi:\n\n"
        "  • Fortsätta utveckla arbetet med Grannsamverkan.\n"
        "  • Samverka kring det drogförebyggande arbetet i kommunen.\n",
        [
            ("joint", "Fortsätta utveckla arbetet med Grannsamverkan."),
            ("joint", "Samverka kring det drogförebyggande arbetet i kommunen."),
        ],
        id="tillsammans-lovar-vi",
    ),
    pytest.param(
        PROMISE
        + "Vi lovar att\n\n"
        "  • Genomföra trygghetsvandringar i samverkan mellan kommun, polis och näringsliv.\n"
        "  • Informera föräldrar om ungdomars alkoholvanor inför skolavslutningen.\n",
        [
            ("joint", "Genomföra trygghetsvandringar i samverkan mellan kommun, polis och näringsliv."),
            ("joint", "Informera föräldrar om ungdomars alkoholvanor inför skolavslutningen."),
        ],
        id="vi-lovar-att-joint-author",
    ),
    pytest.param(
        "Sök\n\nStockholm, Södermalm – medborgarlöften 2024\n\n"
        "Lokalpolisområde Södermalm har lyssnat på vad du som medborgare tycker att vi ska fokusera på under 2024.\n\n"
        "Vi lovar att:\n\n"
        "  • Söka upp de platser och parker där de boende upplever otrygghet.\n"
        "  • Underrätta vårdnadshavare när vi påträffar barn och unga i riskmiljöer.\n",
        [
            ("police", "Söka upp de platser och parker där de boende upplever otrygghet."),
            ("police", "Underrätta vårdnadshavare när vi påträffar barn och unga i riskmiljöer."),
        ],
        id="vi-lovar-att-police-author",
    ),
    pytest.param(
        PROMISE
        + "Våra löften!\n\n"
        "Detta är vårt gemensamma medborgarlöfte till dig som bor i Alingsås kommun.\n\n"
        "Kommunen lovar\n\n"
        "  • Att lyfta fram trygghetsaspekten i kommunala plan och gestaltningsprojekt.\n"
        "  • Att utveckla arbetet om ett tryggare resecentrum.\n\n"
        "Polisen lovar\n\n"
        "  • Att arbeta med riktade insatser mot narkotika.\n\n"
        "Tillsammans lovar vi\n\n"
        "  • Att arbeta med kontinuerlig kommunikation kring kommunens och polisens brottsförebyggande arbete.\n",
        [
            ("municipality", "Att lyfta fram trygghetsaspekten i kommunala plan och gestaltningsprojekt."),
            ("municipality", "Att utveckla arbetet om ett tryggare resecentrum."),
            ("police", "Att arbeta med riktade insatser mot narkotika."),
            ("joint", "Att arbeta med kontinuerlig kommunikation kring kommunens och polisens brottsförebyggande arbete."),
        ],
        id="vara-loften-sub-lead-ins",
    ),
    pytest.param(
        PROMISE
        + "Det här lovar vi\n\n"
        "  1. Genomföra trygghetsvandringar i samverkan mellan kommun, polis och näringsliv.\n"
        "  2. Utveckla och integrera grannsamverkan i det brottsförebyggande arbetet.\n",
        [
            ("joint", "Genomföra trygghetsvandringar i samverkan mellan kommun, polis och näringsliv."),
            ("joint", "Utveckla och integrera grannsamverkan i det brottsförebyggande arbetet."),
        ],
        id="det-har-lovar-vi-numbered",
    ),
    pytest.param(
        PROMISE
        + "Polisen lovar att:\n\n"
        "  1. Genomföra minst 3 medborgarmöten i offentlig miljö per år.\n"
        "  2. Arbeta med synlighet och närvaro av poliser.\n",
        [
            ("police", "Genomföra minst 3 medborgarmöten i offentlig miljö per år."),
            ("police", "Arbeta med synlighet och närvaro av poliser."),
        ],
        id="numbered-items-police",
    ),
    # obligation lists
    pytest.param(
        PROMISE
        + "Det här ska vi göra\n\n"
        "  • Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar om hur man ser tecken på missbruk.\n"
        "  • Kommun och polis ska söka sig till mötesplatser där ungdomar träffas.\n"
        "  • Polisen ska genomföra riktad trafikövervakning med fokus på hastighet och påverkade förare.\n"
        "  • Kommunen kommer att erbjuda minst 2 nya föräldrastödsgrupper under 2024.\n",
        [
            ("joint", "Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar om hur man ser tecken på missbruk."),
            ("joint", "Kommun och polis ska söka sig till mötesplatser där ungdomar träffas."),
            ("police", "Polisen ska genomföra riktad trafikövervakning med fokus på hastighet och påverkade förare."),
            ("municipality", "Kommunen kommer att erbjuda minst 2 nya föräldrastödsgrupper under 2024."),
        ],
        id="obligation-items-own-party",
    ),
    pytest.param(
        PROMISE
        + "Parterna ska\n\n"
        "  • Genomföra gemensamma trygghetsvandringar i centrala Alingsås.\n"
        "  • Dela lägesbilder med varandra varannan vecka.\n",
        [
            ("joint", "Genomföra gemensamma trygghetsvandringar i centrala Alingsås."),
            ("joint", "Dela lägesbilder med varandra varannan vecka."),
        ],
        id="parterna-ska-lead-in",
    ),
    pytest.param(
        PROMISE
        + "Polisen ska:\n\n"
        "  • Genomföra besök och prata om lag och rätt i alla klasser i årskurs 7.\n"
        "  • Informera och aktivt medverka vid uppstart av Grannsamverkan.\n",
        [
            ("police", "Genomföra besök och prata om lag och rätt i alla klasser i årskurs 7."),
            ("police", "Informera och aktivt medverka vid uppstart av Grannsamverkan."),
        ],
        id="polisen-ska-lead-in",
    ),
    pytest.param(
        PROMISE
        + "Polisen åtar sig att:\n\n"
        "  • Genomföra minst 10 stycken trafikkontroller under året.\n"
        "  • Delta vid föräldramöten i årskurs 7.\n",
        [
            ("police", "Genomföra minst 10 stycken trafikkontroller under året."),
            ("police", "Delta vid föräldramöten i årskurs 7."),
        ],
        id="polisen-atar-sig-att-lead-in",
    ),
    pytest.param(
        PROMISE
        + "Kommunen kommer att:\n\n"
        "  • Erbjuda minst 2 nya föräldrastödsgrupper under 2024.\n"
        "  • Anställa trygghetsvärdar under sommarlovet.\n",
        [
            ("municipality", "Erbjuda minst 2 nya föräldrastödsgrupper under 2024."),
            ("municipality", "Anställa trygghetsvärdar under sommarlovet."),
        ],
        id="kommunen-kommer-att-lead-in",
    ),
    pytest.param(
        PROMISE
        + "Lokalpolisområde Alingsås kommer att:\n\n"
        "  • Bedriva grannsamverkan.\n"
        "  • Ha utökad trafiktillsyn och hastighetskontroller i kommunen. Extra tillsyn på Göteborgsvägen.\n\n"
        "Alingsås kommun kommer att:\n\n"
        "  • Alingsås kommuns väktare kommer att ha riktade insatser mot aktuella problemområden, som t.ex. skadegörelse på skolor.\n"
        "  • Trygghetsvandringar tillsammans med polisen och räddningstjänsten.\n",
        [
            ("police", "Bedriva grannsamverkan."),
            ("police", "Ha utökad trafiktillsyn och hastighetskontroller i kommunen. Extra tillsyn på Göteborgsvägen."),
            ("municipality", "Alingsås kommuns väktare kommer att ha riktade insatser mot aktuella problemområden, som t.ex. skadegörelse på skolor."),
            ("municipality", "Trygghetsvandringar tillsammans med polisen och räddningstjänsten."),
        ],
        id="named-party-kommer-att-lead-ins",
    ),
    pytest.param(
        PROMISE
        + "Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar om tecken på missbruk.\n\n"
        "Kommun och polis ska söka sig till mötesplatser där ungdomar träffas.\n\n"
        "Polisen ska genomföra riktad trafikövervakning med fokus på hastighet.\n\n"
        "Kommunen kommer att erbjuda minst 2 nya föräldrastödsgrupper under 2024.\n",
        [
            ("joint", "Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar om tecken på missbruk."),
            ("joint", "Kommun och polis ska söka sig till mötesplatser där ungdomar träffas."),
            ("police", "Polisen ska genomföra riktad trafikövervakning med fokus på hastighet."),
            ("municipality", "Kommunen kommer att erbjuda minst 2 nya föräldrastödsgrupper under 2024."),
        ],
        id="obligation-sentences",
    ),
    # items with their party in brackets
    pytest.param(
        PROMISE
        + "Våra aktiviteter\n\n"
        "  • Att genomföra minst 10 stycken trafikkontroller med fokus på a-traktorer och trafikfarliga beteenden. (Polisen)\n"
        "  • Att aktivt jobba med åtgärder som förbättrar trafiksituationen runt skolorna.  (Kommunen)\n"
        "  • Genomföra gemensamma trygghetsvandringar i stadskärnan. (Polis, Borås Stad)\n",
        [
            ("police", "Att genomföra minst 10 stycken trafikkontroller med fokus på a-traktorer och trafikfarliga beteenden."),
            ("municipality", "Att aktivt jobba med åtgärder som förbättrar trafiksituationen runt skolorna."),
            ("joint", "Genomföra gemensamma trygghetsvandringar i stadskärnan."),
        ],
        id="bracket-party",
    ),
    pytest.param(
        "Uppföljning 2021 medborgarlöfte Hjo\n\n"
        "För att infria de olika delarna i medborgarlöftet 2021, genomförde både polisen och kommunen olika insatser kopplat till detta.\n\n"
        "I medborgarlöftet 2021 lovade vi från polisens sida att:\n\n"
        "  • Genomföra riktade insatser mot narkotika.\n"
        "  • Genomföra riktade insatser mot påverkade förare i trafiken.\n\n"
        "Tillsammans med kommunen lovade polisen:\n\n"
        "  • Att samarbetet inom skola, polis, socialtjänst, kultur och fritid ska fortsätta att utvecklas.\n"
        "  • Jobba efter den framtagna handlingsplanen för drogförebyggande arbete.\n",
        [
            ("police", "Genomföra riktade insatser mot narkotika."),
            ("police", "Genomföra riktade insatser mot påverkade förare i trafiken."),
            ("joint", "Att samarbetet inom skola, polis, socialtjänst, kultur och fritid ska fortsätta att utvecklas."),
            ("joint", "Jobba efter den framtagna handlingsplanen för drogförebyggande arbete."),
        ],
        id="lovade-vi-fran-polisens-sida",
    ),
]


@pytest.mark.parametrize("text,expected", FORMS)
def test_pledges_form_and_party(text, expected):
    kind = "follow_up" if text.startswith("Uppföljning") else "promise"
    assert _pairs(_extract(text, kind)) == expected


def _core(s: str) -> str:
    """An inline clause compared without its final full stop (gold writes it either way)."""
    return _norm(s).rstrip(".")


INLINE = [
    pytest.param(
        "Uppföljning av medborgarlöften 2020 - Lidköping\n\n"
        "I medborgarlöftet för 2020 lovade polisen att jobba med att förebygga och förhindra missbruk hos ungdomar samt öka tryggheten i Lidköping centrum.\n\n"
        "Polisen har under året rört sig i krogmiljöer och på otrygga platser.\n",
        "follow_up",
        [
            ("police", "jobba med att förebygga och förhindra missbruk hos ungdomar"),
            ("police", "öka tryggheten i Lidköping centrum"),
        ],
        id="lovade-polisen-att-A-samt-B",
    ),
    pytest.param(
        "Medborgarlöftet 2018 i ESSUNGA\n\n"
        "Polisen lovade att genomföra riktade planlagda trafikinsatser mot identifierade problem, kontinuerligt utföra punktinsatser i form av trafikkontroller på utsatta platser i kommunens tätorter samt öka närvaro och synlighet i området runt Nossebro skola.\n\n"
        "Ett 50-tal trafikkontroller genomfördes i kommunen.\n",
        "follow_up",
        [
            ("police", "genomföra riktade planlagda trafikinsatser mot identifierade problem"),
            ("police", "kontinuerligt utföra punktinsatser i form av trafikkontroller på utsatta platser i kommunens tätorter"),
            ("police", "öka närvaro och synlighet i området runt Nossebro skola"),
        ],
        id="lovade-A-B-samt-C",
    ),
    pytest.param(
        PROMISE + "Under 2024 lovar polisen och kommunen att genomföra trygghetsvandringar i centrala Alingsås.\n",
        "promise",
        [("joint", "genomföra trygghetsvandringar i centrala Alingsås")],
        id="lovar-polisen-och-kommunen-att",
    ),
    pytest.param(
        PROMISE
        + "Med detta som underlag lovar polisen och kommunen att gemensamt arbeta med trygghetsskapande åtgärder i trafikmiljön.\n",
        "promise",
        [("joint", "gemensamt arbeta med trygghetsskapande åtgärder i trafikmiljön")],
        id="med-detta-lovar-polisen-och-kommunen",
    ),
    pytest.param(
        "Polisens och kommunens medborgarlöfte\n\n"
        "Vårt löfte till invånarna i Hjo 2017\n\n"
        "Under 2017 kommer polisen och  Hjo kommun att fokusera på trygghetsskapande åtgärder i trafikmiljön.\n",
        "promise",
        [("joint", "fokusera på trygghetsskapande åtgärder i trafikmiljön")],
        id="under-2017-kommer-polisen-och-hjo-kommun",
    ),
]


@pytest.mark.parametrize("text,kind,expected", INLINE)
def test_pledges_inline_clauses(text, kind, expected):
    doc = _extract(text, kind)
    assert [(p.party, _core(p.text)) for p in doc.pledges] == expected


def test_pledges_atar_sig_att_sentence():
    doc = _extract(PROMISE + "Polisen åtar sig att genomföra minst 10 stycken trafikkontroller under året.\n", "promise")
    assert len(doc.pledges) == 1
    (p,) = doc.pledges
    assert p.party == "police"
    # with or without the introducing "Polisen åtar sig att", the commitment is this clause
    assert _core(p.text).endswith("genomföra minst 10 stycken trafikkontroller under året")
    assert p.quantity is not None and p.quantity.low == 10


def test_pledges_extract_pledges_on_segment_output():
    text = (
        "Hammarö – medborgarlöften\n\n"
        "Polisen och kommunen  kommer tillsammans  att:\n\n"
        "• Utveckla informationsutbyte och samverkan i insatser mot ungdomar för att effektivisera hantering av ärenden.\n"
        "• Genomföra tillsyner mot verksamheter som har alkoholtillstånd.\n"
    )
    secs, blocks, sents = segment(text, "h")
    pledges = extract_pledges(text, secs, blocks, sents, doc_kind="promise", doc_id="h")
    assert [(p.id, p.party, p.text) for p in pledges] == [
        ("h#p1", "joint", "Utveckla informationsutbyte och samverkan i insatser mot ungdomar för att effektivisera hantering av ärenden."),
        ("h#p2", "joint", "Genomföra tillsyner mot verksamheter som har alkoholtillstånd."),
    ]
    assert all(p.section_id == secs[1].id for p in pledges)


# --------------------------------------------------------------------------- party helpers


@pytest.mark.parametrize(
    "phrase,party",
    [
        ("Polisen lovar att:", "police"),
        ("Lokalpolisområde Karlstad kommer att:", "police"),
        ("Kommunen lovar:", "municipality"),
        ("Hammarö kommuns väktare kommer att", "municipality"),
        ("Borås Stad", "municipality"),
        ("Tillsammans lovar vi", "joint"),
        ("Polisen och kommunen lovar att:", "joint"),
        ("Kommun och polis ska", "joint"),
        ("Polis, Borås Stad", "joint"),
        ("Parterna ska", "joint"),
        ("lovade vi från polisens sida", "police"),
        ("Genomföra trygghetsvandringar i Hjo kommun", None),
        ("Vi lovar att", None),
    ],
)
def test_pledges_party_of(phrase, party):
    assert party_of(phrase) == party


@pytest.mark.parametrize(
    "text,author",
    [
        ("Nu har Skara kommun och Polisen undertecknat det nya medborgarlöftet.", "joint"),
        ("Detta är vårt gemensamma medborgarlöfte till dig som bor i Skara kommun.", "joint"),
        ("Lokalpolisområde Södermalm har lyssnat på vad du som medborgare tycker.", "police"),
        ("Kommunen har via sin hemsida informerat om möjligheten att lämna synpunkter.", "municipality"),
    ],
)
def test_pledges_document_author(text, author):
    assert document_author(text) == author


# --------------------------------------------------------------------------- follow-up restating pledges (seed 003)


def test_pledges_003_restated_pledges_match_gold():
    stem = "003_b68d336678055b56"
    doc = _extract(_read(stem), "follow_up")
    gold = [(g["party"], _norm(g["text"])) for g in _gold(stem)["pledges"]]
    assert len(gold) == 10
    assert _pairs(doc) == gold


def test_pledges_003_report_paragraphs_are_not_pledges():
    doc = _extract(_read("003_b68d336678055b56"), "follow_up")
    for p in doc.pledges:
        assert not p.text.startswith(("Under året har polisen", "Polisen har också", "Detta kommer de att fortsätta"))


# --------------------------------------------------------------------------- traps

TRAPS = [
    pytest.param(
        PROMISE
        + "Områden i fokus\n\n"
        "Ett område som kommer att prioriteras under 2024 är att motarbeta användandet av narkotika bland unga.\n\n"
        "  • -Vi kan se att användandet av narkotika ökar bland unga. Det ökande användandet är inte unikt för Alingsås men vi tar det på största allvar och har därför lyft ut det som ett prioriterat område, säger Bengt Nilsson säkerhetssamordnare.\n\n"
        "Polisen lovar\n\n"
        "  • Att arbeta med riktade insatser mot narkotika.\n",
        "promise",
        [("police", "Att arbeta med riktade insatser mot narkotika.")],
        id="quotation-bullet",
    ),
    pytest.param(
        PROMISE
        + "Polisen lovar att:\n\n"
        "  • Genomföra riktade insatser mot narkotika.\n"
        "  • – Vi kommer att fortsätta arbeta mot narkotikan i centrum, säger Anna Lindqvist, lokalpolisområdeschef.\n",
        "promise",
        [("police", "Genomföra riktade insatser mot narkotika.")],
        id="quotation-in-pledge-list",
    ),
    pytest.param(
        PROMISE
        + "Polisen lovar att:\n\n"
        "  • Genomföra riktade insatser mot narkotika.\n"
        "  • Vi ser att användandet av narkotika ökar bland unga och tar det på största allvar, säger Bengt Nilsson, säkerhetssamordnare.\n",
        "promise",
        [("police", "Genomföra riktade insatser mot narkotika.")],
        id="quotation-bullet-without-dash",
    ),
    pytest.param(
        PROMISE
        + "– Vi har ett gemensamt ansvar att skapa en trygg stad för alla. Vi ska göra centrum tryggare, säger Peter Eriksson, kommunstyrelsens ordförande.\n",
        "promise",
        [],
        id="quotation-paragraph",
    ),
    pytest.param(
        PROMISE
        + "Syftet är att öka tryggheten och minska brottsligheten i Alingsås.\n\n"
        "Målet är att samtliga skolor inom kommunen ska vara drogfria.\n\n"
        "Det övergripande målet är att öka tryggheten och minska förekomsten av brott i Alingsås kommun.\n",
        "promise",
        [],
        id="syftet-malet-paragraphs",
    ),
    pytest.param(
        PROMISE
        + "Polisen lovar att:\n\n"
        "  • Syftet är att öka tryggheten i centrala Alingsås.\n"
        "  • Genomföra riktade insatser mot narkotika.\n",
        "promise",
        [("police", "Genomföra riktade insatser mot narkotika.")],
        id="syftet-bullet",
    ),
    pytest.param(
        PROMISE
        + "Kommunen lovar:\n\n"
        "  • Ansvara för ett varierande utbud av aktiviteter för ungdomar under sommarlovet. Syftet är att förebygga utanförskap\n"
        "  • Genomföra trafiksäkerhetsåtgärder runt skolorna. Målet är färre olyckor.\n",
        "promise",
        [
            ("municipality", "Ansvara för ett varierande utbud av aktiviteter för ungdomar under sommarlovet."),
            ("municipality", "Genomföra trafiksäkerhetsåtgärder runt skolorna."),
        ],
        id="trailing-syftet-malet-dropped",
    ),
    pytest.param(
        PROMISE
        + "Situationen idag\n\n"
        "Under 2023 anmäldes det ca 450 brott vilket är ca 50 färre än 2022. Största minskningen är våldsbrott och skadegörelse.\n\n"
        "571 stycken brott anmäldes i Alingsås kommun som är att jämföra med år 2022 då 594 brott anmäldes.\n\n"
        "Lägesbilden visar att medborgarna önskar en mer synlig och tillgänglig polis.\n",
        "promise",
        [],
        id="background-statistics",
    ),
    pytest.param(
        PROMISE
        + "Medborgarlöftet kommer att löpa från 1 januari 2024 till 31 december 2025.\n\n"
        "Det är lokalpolisområdet Alingsås som lovar att genomföra åtgärder och kommunicera genomförda åtgärder.\n\n"
        "Ett medborgarlöfte är en åtgärd som polisen och kommunen kommer överens om att vidta för att förebygga brott.\n",
        "promise",
        [],
        id="statements-about-the-promise",
    ),
    pytest.param(
        "Sök\n\n" + PROMISE
        + "Polisen lovar att:\n\n"
        "  • Genomföra riktade insatser mot narkotika.\n\n"
        "Kontaktpersoner\n\n"
        "Peter Blom\nUtvecklingsledare\nLinda Esseholt Hermansson\nKommundirektör\n\n"
        "Om Alingsås kommun\n\n"
        "I Alingsås kommun arbetar drygt 1700 personer. Kommunen lovar att alltid svara på frågor inom två dagar.\n",
        "promise",
        [("police", "Genomföra riktade insatser mot narkotika.")],
        id="boilerplate-sections",
    ),
    pytest.param(
        PROMISE
        + "Polisen lovar att:\n\n"
        "  • Genomföra riktade insatser mot narkotika.\n"
        "  • Genomföra trygghetsskapande fotpatrullering.\n\n"
        "Uppföljning\n\n"
        "Polisen lovar att genomföra riktade insatser mot narkotika.\n",
        "promise",
        [
            ("police", "Genomföra riktade insatser mot narkotika."),
            ("police", "Genomföra trygghetsskapande fotpatrullering."),
        ],
        id="repeated-pledge-once",
    ),
    pytest.param(
        FOLLOW_UP
        + "Utfallet blev:\n\n"
        "  • Hög synlighet genom så kallad \"hot spot\"-patrullering, där polisen patrullerar på utvalda platser på olika tider.\n"
        "  • Elva riktade narkotikainsatser\n"
        "  • Fyra trafikinsatser under kvälls- och nattetid\n",
        "follow_up",
        [],
        id="utfallet-blev",
    ),
    pytest.param(
        FOLLOW_UP
        + "Polisens insatser:\n\n"
        "  • Regelbundna samverkansmöten mellan skola, socialtjänst och polis.\n"
        "  • Jobbat tipsbaserat mot narkotika och ungdomar.\n\n"
        "Kommunens insatser:\n\n"
        "  • Erbjudit samtalsstöd till ungdomar i riskzon.\n",
        "follow_up",
        [],
        id="polisens-insatser",
    ),
    pytest.param(
        FOLLOW_UP
        + "Inom ramen för Medborgarlöftet 2023 har polisen och kommunen genomfört följande aktiviteter:\n\n"
        "  • Polisen har genomfört 42 trafikkontroller under året.\n"
        "  • Kommunen har via sin hemsida informerat om möjligheten att lämna synpunkter på tryggheten.\n",
        "follow_up",
        [],
        id="genomfort-foljande-aktiviteter",
    ),
    pytest.param(
        PROMISE
        + "Utifrån gemensam lägesbild kommer prioritering att vara:\n\n"
        " 1. Tidigt upptäcka barn och unga som är i risk för utanförskap och kriminalitet.\n"
        " 2. Ökad trygghet på platser där medborgare känner sig otrygga.\n",
        "promise",
        [],
        id="priorities-are-not-pledges",
    ),
    pytest.param(
        PROMISE
        + "Det här ska vi göra\n\n"
        "Polisen ska\n\n"
        "Alingsås kommun kommer att\n\n"
        "Tillsammans lovar vi\n\n"
        "Läs mer om arbetet i handlingsplanen på kommunens webbplats.\n",
        "promise",
        [],
        id="lead-in-headings-without-items",
    ),
]


@pytest.mark.parametrize("text,kind,expected", TRAPS)
def test_pledges_traps(text, kind, expected):
    assert _pairs(_extract(text, kind)) == expected


def test_pledges_004_quotation_bullet_is_not_a_pledge():
    doc = _extract(_read("004_2feda3c715ef061f"), "promise")
    assert len(doc.pledges) == 6
    assert not any("säger" in p.text or "Bengt Nilsson" in p.text for p in doc.pledges)


@pytest.mark.parametrize("stem", DOC_IDS)
def test_pledges_never_in_headings_or_boilerplate(stem):
    text = _read(stem)
    doc = extract_text(text, doc_id=stem)
    kinds = {s.id: s for s in doc.sections}
    heading_spans = [(s.start, s.start + len(s.heading)) for s in doc.sections if s.heading]
    for p in doc.pledges:
        sec = kinds[p.section_id]
        assert sec.kind == "content"
        assert sec.start <= p.start <= p.end <= sec.end
        for a, z in heading_spans:
            assert p.end <= a or p.start >= z, f"pledge {p.text!r} overlaps a heading"


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    "item,qtext,fields",
    [
        (
            "Att genomföra minst 10 stycken trafikkontroller med fokus på a-traktorer, hastighets- och nykterhetskontroller samt trafikfarliga beteenden.",
            "minst 10 stycken",
            {"low": 10, "value": None},
        ),
        (
            "Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar om hur man ser tecken på missbruk.",
            "vid minst ett tillfälle",
            {"low": 1, "value": None},
        ),
        (
            "Vid 5 tillfällen per vecka utföra någon av följande aktiviteter; trafikkontroll, skolbesök eller fotpatrull.",
            "Vid 5 tillfällen per vecka",
            {"value": 5, "period": "P1W", "approx": False},
        ),
        (
            "Genomföra minst två (2) riskkvällar per år med fältande personal och nattvandrare.",
            "minst två (2)",
            {"low": 2, "value": None},
        ),
        (
            "Vid minst 2 tillfällen per år informera om narkotika i krogmiljö.",
            "Vid minst 2 tillfällen per år",
            {"low": 2, "period": "P1Y"},
        ),
        ("Minst sex riktade insatser mot narkotika.", "Minst sex", {"low": 6}),
    ],
)
def test_pledges_target_quantity(item, qtext, fields):
    text = PROMISE + "Tillsammans lovar vi:\n\n  • " + item + "\n"
    doc = _extract(text, "promise")
    (p,) = doc.pledges
    assert p.text == item
    q = p.quantity
    assert q is not None
    assert q.text == qtext
    for name, value in fields.items():
        assert getattr(q, name) == value, name
    assert text[q.start:q.end] == q.text


def test_pledges_no_target_without_quantity():
    doc = _extract(PROMISE + "Polisen lovar att:\n\n  • Genomföra trygghetsskapande fotpatrullering i centrala Alingsås.\n", "promise")
    (p,) = doc.pledges
    assert p.quantity is None


# --------------------------------------------------------------------------- offsets


def _offset_cases():
    for p in DOC_PATHS:
        for eol in ("lf", "crlf"):
            yield pytest.param(p.stem, eol, id=f"{p.stem}-{eol}")


@pytest.mark.parametrize("stem,eol", list(_offset_cases()))
def test_pledges_offsets_index_the_text(stem, eol):
    text = _read(stem)
    if eol == "crlf":
        text = text.replace("\n", "\r\n")
    doc = extract_text(text, doc_id=stem)
    assert doc.errors == []
    for p in doc.pledges:
        assert 0 <= p.start <= p.end <= len(text)
        assert text[p.start:p.end] == p.text
        assert p.text == p.text.strip()
        if p.quantity is not None:
            assert text[p.quantity.start:p.quantity.end] == p.quantity.text
    assert len({p.id for p in doc.pledges}) == len(doc.pledges)


@pytest.mark.parametrize("stem", DOC_IDS)
def test_pledges_crlf_gives_the_same_pledges(stem):
    lf = _read(stem)
    a = extract_text(lf, doc_id=stem)
    b = extract_text(lf.replace("\n", "\r\n"), doc_id=stem)
    assert [(p.party, _norm(p.text)) for p in b.pledges] == [(p.party, _norm(p.text)) for p in a.pledges]


@pytest.mark.parametrize(
    "stem,old,new,expected",
    [
        pytest.param(
            "002_b7cf87ea2dcc3d0a",
            "Under 2020 är temat",
            "Under\u00a02020 är temat",
            "Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar om hur man ser tecken på att någon riskerer hamna i missbruk.",
            id="002-under-nbsp-2020",
        ),
        pytest.param(
            "016",
            "Åtgärderna kan både",
            "Åtgärderna\u00a0kan både",
            "Att aktivt jobba med åtgärder som förbättrar trafiksituationen runt skolorna.",
            id="016-atgarderna-nbsp-kan",
        ),
        pytest.param(
            "038",
            "Syftet är att förebygga",
            "Syftet\u00a0är att förebygga",
            "Kommunen ska ansvara för ett varierande utbud av aktiviteter främst riktade mot ungdomar såsom sommarskola och en öppen fritidsgård under sommarlovet.",
            id="038-syftet-nbsp",
        ),
    ],
)
def test_pledges_nbsp_in_trailing_background_sentence(stem, old, new, expected):
    text = _read(stem)
    assert old in text
    text = text.replace(old, new)
    doc = extract_text(text, doc_id=stem)
    assert expected in [p.text for p in doc.pledges]


# --------------------------------------------------------------------------- same_as across documents


@pytest.fixture(scope="module")
def corpus_docs():
    return {d.id: d for d in promisemine.extract_corpus([DOCS]).docs}


@pytest.mark.parametrize(
    "follow_up,promise",
    [("040", "038"), ("000_5836569da2d3e8ba", "004_2feda3c715ef061f")],
)
def test_pledges_same_as_across_documents(corpus_docs, follow_up, promise):
    fu, pr = corpus_docs[follow_up], corpus_docs[promise]
    gold_fu, gold_pr = _gold(follow_up), _gold(promise)
    fu_match = match(gold_fu["pledges"], fu.pledges)
    pr_match = match(gold_pr["pledges"], pr.pledges)
    linked = [g for g in gold_fu["pledges"] if g.get("same_as")]
    assert linked, "gold links these documents"
    for g in linked:
        target_doc, target_local = g["same_as"].split("#")
        assert Path(target_doc).stem == promise
        system_fu = fu.pledges[fu_match[g["id"]]]
        system_pr = pr.pledges[pr_match[target_local]]
        assert system_fu.same_as == system_pr.id
        assert system_pr.id.startswith(f"{promise}#")


def test_pledges_same_as_exact_ids(corpus_docs):
    assert [p.same_as for p in corpus_docs["040"].pledges] == ["038#p1", "038#p2", "038#p3"]
    assert [p.same_as for p in corpus_docs["000_5836569da2d3e8ba"].pledges] == [
        "004_2feda3c715ef061f#p4",
        "004_2feda3c715ef061f#p5",
    ]
    # a promise document restates nothing
    assert all(p.same_as is None for p in corpus_docs["038"].pledges)
    assert all(p.same_as is None for p in corpus_docs["004_2feda3c715ef061f"].pledges)


# --------------------------------------------------------------------------- whole corpus vs gold


@pytest.mark.parametrize("stem", DOC_IDS)
def test_pledges_corpus_recall_and_precision(stem):
    doc = extract_text(_read(stem), doc_id=stem)
    gold = _gold(stem)["pledges"]
    matched = match(gold, doc.pledges)
    required = [g for g in gold if not g.get("optional")]
    missed = [g["text"] for g in required if g["id"] not in matched]
    assert missed == [], f"recall {1 - len(missed) / len(required):.2f}"
    taken = set(matched.values())
    unmatched = [p.text for i, p in enumerate(doc.pledges) if i not in taken]
    assert len(unmatched) <= 1, unmatched


def test_pledges_uppercase_lead_ins_and_aatar_vi_oss():
    # "POLISEN ÅTAR SIG ATT:" with numbered items, "Gemensamt åtar vi oss att" with dashes
    doc = _extract(
        PROMISE
        + "POLISEN ÅTAR SIG ATT:\n\n1. Genomföra minst 20 trafikkontroller per år på infarterna.\n\n"
        + "Gemensamt åtar vi oss att\n\n- genomföra minst två trygghetsvandringar per år,\n- följa upp löftet varje halvår.\n",
        "promise",
    )
    assert [p.party for p in doc.pledges] == ["police", "joint", "joint"]
    assert doc.pledges[0].quantity.low == 20 and doc.pledges[0].quantity.period == "P1Y"


def test_pledges_infinitive_bullets_under_a_theme_heading_in_a_promise():
    # a promise that lists its pledges under theme headings, without "lovar"
    doc = _extract(
        PROMISE
        + "Trafik\n\n  • Genomföra minst 20 trafikkontroller på infarterna.\n  • Att öka närvaron vid skolorna.\n\n"
        + "Bakgrund\n\n  • Narkotika bland unga\n  • Otrygghet i centrum\n",
        "promise",
    )
    assert [p.text for p in doc.pledges] == [
        "Genomföra minst 20 trafikkontroller på infarterna.",
        "Att öka närvaron vid skolorna.",
    ]


def test_pledges_infinitive_bullets_in_a_follow_up_are_not_pledges():
    doc = _extract(FOLLOW_UP + "Trafik\n\n  • Genomföra trafikkontroller på infarterna.\n", "follow_up")
    assert doc.pledges == []


@pytest.mark.parametrize(
    "item, party, text",
    [
        ("Genomföra fyra trygghetsvandringar i centrum. Ansvarig: Kommunen och polisen.", "joint",
         "Genomföra fyra trygghetsvandringar i centrum"),
        ("Genomföra 30 trafikkontroller. Ansvarig: Polisen", "police", "Genomföra 30 trafikkontroller"),
        ("Förbättra belysningen vid busshållplatserna (Kommunen)", "municipality", "Förbättra belysningen vid busshållplatserna"),
    ],
)
def test_pledges_party_label_on_the_item(item, party, text):
    doc = _extract(PROMISE + "Våra löften\n\n  • " + item + "\n", "promise")
    assert [(p.party, p.text) for p in doc.pledges] == [(party, text)]


def test_pledges_lead_in_wrapped_over_two_lines():
    """A hard-wrapped lead-in (PDF or e-mail text) introduces its list as one line would."""
    from promisemine.pipeline import extract_text

    text = (
        "Trygghet i Skara\n\nLokalpolisområdet kommer tillsammans med kommunen under året\n"
        "att arbeta med följande:\n\n• Genomföra trafikkontroller vid skolorna.\n• Öka närvaron i centrum.\n"
    )
    assert [p.text for p in extract_text(text).pledges] == [
        "Genomföra trafikkontroller vid skolorna.",
        "Öka närvaron i centrum.",
    ]


def test_pledges_a_lead_in_line_after_a_list_starts_a_new_list():
    from promisemine.pipeline import extract_text

    doc = extract_text(
        "Medborgarlöfte 2024 Vara kommun\n\nPolisen ska\n• genomföra 20 trafikkontroller\n"
        "• närvara vid skolavslutningar\nKommunen ska\n• anordna trygghetsvandringar\n"
    )
    assert [(p.party, p.text) for p in doc.pledges] == [
        ("police", "genomföra 20 trafikkontroller"),
        ("police", "närvara vid skolavslutningar"),
        ("municipality", "anordna trygghetsvandringar"),
    ]


def test_pledges_quote_signs_cover_every_quote_start():
    """QUOTE_SIGNS, tested before QUOTE_START, must hold every first character the
    pattern accepts (a sign added to the pattern and not to the list would be skipped)."""
    from promisemine.pledges import QUOTE_SIGNS, QUOTE_START

    accepted = {chr(c) for c in range(0x20, 0x3000) for rest in ("A", " A", "x")
                if QUOTE_START.match(chr(c) + rest)}
    assert accepted and accepted <= set(QUOTE_SIGNS)


# --------------------------------------------------------------------------- shortcuts against their plain forms


_JOINT_AUTHOR = regex.compile(
    r"\b(?:polis(?:en)?|lokalpolisområde\w*)\s+(?:och|samt|&)\s+(?:\p{Lu}[\w-]*s?\s+)?(?:kommun|stad)|"
    r"\b(?:kommun(?:en)?|stad(?:en)?)\s+(?:och|samt|&)\s+(?:polis|lokalpolisområde)|"
    r"\bgemensamma?\s+medborgarlöfte|\bpolisens och kommunens\b|\bkommunens och polisens\b",
    regex.IGNORECASE,
)
_POLICE_WORD = regex.compile(r"\bpolis\w*|\blokalpolisområde", regex.IGNORECASE)
_MUNI_WORD = regex.compile(r"\bkommun(?:en|ens)?\b|\bstad(?:en)?\b", regex.IGNORECASE)


def _author_reference(text: str) -> str:
    """document_author as first written: the joint phrasing looked for first, each
    party's names as one alternation."""
    head = text[:6000]
    if _JOINT_AUTHOR.search(head):
        return "joint"
    police, muni = bool(_POLICE_WORD.search(head)), bool(_MUNI_WORD.search(head))
    if police and not muni:
        return "police"
    if muni and not police:
        return "municipality"
    return "joint" if muni and police else "police"


@pytest.mark.parametrize(
    "text",
    [
        "", "Polisen lovar att:", "Kommunen lovar att:", "Borås Stad", "Tillsammans lovar vi",
        "vårt gemensamma medborgarlöfte", "Polisen och Hjo kommun", "Lokalpolisområde Alingsås",
        "Polisen lovar. " + "x " * 3000 + "Kommunen lovar.",  # the municipality beyond the head
        "Polisen lovar att:\n\n  • Genomföra trygghetsvandringar i kommunerna.",
        "Lokalpolisområdet Hjo samt Hjo kommun", "Staden och polisen", "kommunen & lokalpolisområde Mitt",
        "KOMMUNENS OCH POLISENS löfte", "polisens och kommunens", "Polisen och kommunerna", "kommunerna och polisen",
        "Lokalpolisområdena och Borås Stads", "stadsdelen och polisstationen", "Det gemensamma medborgarlöftet",
        "gemensam\nmedborgarlöften", "Polisområde Syd", "Kommunens och polisens", "Ekpolisen", "stad\u00a0och\u00a0polis",
    ],
)
def test_pledges_document_author_agrees_with_its_definition(text):
    assert document_author(text) == _author_reference(text)


_AUTHOR_WORDS = ["Polisen", "polis", "lokalpolisområde", "Lokalpolisområdet", "kommun", "Kommunen", "kommunens",
                 "kommunerna", "stad", "Staden", "stads", "och", "samt", "&", "Hjo", "gemensamma", "medborgarlöfte",
                 "polisens", "x", "Ek", "i"]


@given(st.lists(st.sampled_from(_AUTHOR_WORDS), max_size=6), st.sampled_from([" ", "  ", "\n", "-", ""]))
def test_pledges_document_author_agrees_with_its_definition_anywhere(words, sep):
    text = sep.join(words)
    assert document_author(text) == _author_reference(text)


@pytest.mark.parametrize("path", DOC_PATHS, ids=DOC_IDS)
def test_pledges_document_author_agrees_with_its_definition_on_the_corpus(path):
    text = path.read_text("utf-8")
    assert document_author(text) == _author_reference(text)


def _trailing_reference(text: str, start: int, end: int) -> int:
    """_drop_trailing_background without its word gate: every item split into sentences."""
    from promisemine.pledges import _flat, _trailing, _trim
    from promisemine.sections import split_sentences

    keep_end = end
    for s, e in reversed(split_sentences(text, start, end)[1:]):
        if not _trailing().match(_flat(text[s:e])):
            break
        keep_end = s
    return _trim(text, start, keep_end)[1]


TRAILING_ITEMS = [
    "Genomföra trygghetsvandringar. Syftet är att öka tryggheten.",
    "Genomföra trygghetsvandringar. Syftet\när att öka tryggheten. Målet är färre brott.",
    "Informera om tobak. Under 2020\u00a0är\ntemat för informationen tobak.",
    "Informera om tobak. Under 2020 är temat för informationen tobak. Det görs i skolan.",
    "Fotpatrullera i centrum. Detta för att öka tryggheten.",
    "Fotpatrullera i centrum. DETTA FÖR ATT öka tryggheten.",
    "Fotpatrullera i centrum. Fokus är att öka tryggheten;  ",
    "Syftet är att öka tryggheten.",  # the first sentence stays
    "Genomföra minst 20 trafikkontroller. Minst tio i centrum.",
    "Åtgärderna kan avse miljön. Åtgärderna kan avse beteenden.",
]


@pytest.mark.parametrize("item", TRAILING_ITEMS)
def test_pledges_trailing_background_gate_agrees_with_splitting(item):
    from promisemine.pledges import _drop_trailing_background

    text = "• " + item + "\n"
    assert _drop_trailing_background(text, 2, len(text)) == _trailing_reference(text, 2, len(text))


@pytest.mark.parametrize("path", DOC_PATHS, ids=DOC_IDS)
def test_pledges_trailing_background_gate_agrees_on_the_corpus(path):
    from promisemine.pledges import _drop_trailing_background

    text = path.read_text("utf-8")
    for b in segment(text)[1]:
        if b.kind in ("bullet", "paragraph"):
            assert _drop_trailing_background(text, b.start, b.end) == _trailing_reference(text, b.start, b.end)


@pytest.mark.parametrize("path", DOC_PATHS, ids=DOC_IDS)
def test_pledges_may_pledge_only_skips_sentences_without_a_pledge_verb(path):
    """A sentence that _may_pledge rejects has no "lovar" nor modal for the two pledge forms."""
    from promisemine.pledges import LOVAR, MODAL_VERB, _may_pledge
    from promisemine.prefilter import fold

    for s in segment(path.read_text("utf-8"))[2]:
        if not _may_pledge(fold(s.text)):
            assert not LOVAR.search(s.text) and not MODAL_VERB.search(s.text), s.text


@pytest.mark.parametrize(
    "clause",
    ["", "öka", "öka närvaron", " -  - ", "a-b", "a - b", "ab_c d", "é\u0301 x", "12 st", "(x)", "x,y", "x\u00a0y"],
)
def test_pledges_two_words_agrees_with_counting_words(clause):
    from promisemine.pledges import TWO_WORDS, WORD

    text = "… " + clause + " …"
    a, b = 2, 2 + len(clause)
    assert bool(TWO_WORDS.search(text, a, b)) == (len(WORD.findall(text[a:b])) >= 2)


@given(st.text(alphabet="ab -_.\u00a0\u0301é1\n", max_size=12), st.integers(0, 3), st.integers(0, 3))
def test_pledges_two_words_agrees_with_counting_words_anywhere(text, cut_start, cut_end):
    from promisemine.pledges import TWO_WORDS, WORD

    a, b = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert bool(TWO_WORDS.search(text, a, b)) == (len(WORD.findall(text[a:b])) >= 2)


def _word_set_reference(span: str) -> set[str]:
    from promisemine.pledges import WORD

    return set(map(str.casefold, WORD.findall(span)))


@pytest.mark.parametrize(
    "span",
    [
        "", " ", "Genomföra trygghetsvandringar.", "Polisen polisen POLISEN", "(Polisen)", "”Trygg i Hjo”",
        "minst 20 st. under 2024", "ett 80-tal insatser", "t.ex. skolor, bl.a. föreningar/klubbar", "och/eller",
        "drog- och brottsförebyggande", "- - –", "a_b c", "é\u0301 x", "x\u00a0y\u2009z", "E4:an", "10%", "2½ timme",
        "STRAẞE Straße", "İstanbul ıi", "ǅemal", "Ⅻ ⓐ", "x²", "a\u200db", "«citat» “x” 'y'", "...", "?!", "a.b.c",
    ],
)
def test_pledges_word_set_agrees_with_the_pattern(span):
    from promisemine.pledges import _word_set

    assert _word_set(span) == _word_set_reference(span)


@given(st.text(alphabet="aÅß -_.,()”'\u00a0\n\u0301\u00b2é1İ/", max_size=16))
def test_pledges_word_set_agrees_with_the_pattern_anywhere(span):
    from promisemine.pledges import _word_set

    assert _word_set(span) == _word_set_reference(span)


@pytest.mark.parametrize("path", DOC_PATHS, ids=DOC_IDS)
def test_pledges_word_set_agrees_on_the_corpus(path):
    from promisemine.pledges import _word_set

    text = path.read_text("utf-8")
    _, blocks, sentences = segment(text)
    for span in [b.text for b in blocks] + [s.text for s in sentences]:
        assert _word_set(span) == _word_set_reference(span), span


def test_pledges_word_set_rests_on_the_character_classes():
    """What _word_set takes for granted, over every code point: whitespace (where
    str.split splits) and the signs stripped around a word are never in a word, while
    letters and decimal digits always are."""
    from promisemine.pledges import _AROUND_WORDS, WORD

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    spaces = "".join(c for c in chars if c.isspace())
    word_chars = "".join(c for c in chars if c.isalpha() or c.isdecimal())
    assert WORD.search(spaces) is None and WORD.search(_AROUND_WORDS) is None
    assert WORD.fullmatch(word_chars)
    assert all(len(c.split()) == 0 for c in spaces) and all(c.split() == [c] for c in _AROUND_WORDS)


@pytest.mark.parametrize(
    "sentence",
    [
        "Löfte 1: Polisen ska genomföra trafikkontroller.", "Åtgärd 2 – Vi lovar att synas mer.",
        "Aktivitet nr. 3: Kommunen åtar sig att städa.", "ÅTAGANDE 4. Trygghetsvandringar.", "Löfte 5:ska",
        "Löfte 6: Under året genomfördes tio insatser.",
    ],
)
def test_pledges_may_pledge_of_a_sentence_covers_it_without_its_label(sentence):
    """The loop asks _may_pledge before LABEL: a sentence without a pledge word has none
    once its label is cut off either (the rest is a part of it)."""
    from promisemine.pledges import LABEL, _may_pledge
    from promisemine.prefilter import fold

    label = LABEL.match(sentence)
    assert label, "test set-up: a labelled sentence"
    if _may_pledge(fold(sentence[label.end():])):
        assert _may_pledge(fold(sentence))

