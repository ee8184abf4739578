"""Tests for promisemine.quantities: the Swedish quantity grammar (``parse``, ``find``).

The expression table holds the quantity phrasings of the corpus (``corpus/docs``, their
normalisations taken from ``corpus/gold``) and the other forms of the genre; the negative
table holds numbers that are not amounts (years, dates, times, ages, phone numbers, ...).
Every row of the data tables in ``data/quantities/`` is exercised by a table-driven test,
so a new row is tested as soon as it is added. Hypothesis checks number words 0-999 999,
robustness on arbitrary text and the offset contract.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from promisemine.quantities import DATA_DIR, find, finditer, parse
from promisemine.records import Quantity

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
GOLD = ROOT / "corpus" / "gold"

FIELDS = ("value", "low", "high", "approx", "vague", "period", "duration")


def fields(q: Quantity | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {k: getattr(q, k) for k in FIELDS}


def expect(**kw: Any) -> dict[str, Any]:
    d: dict[str, Any] = {k: None for k in FIELDS}
    d["approx"] = False
    d.update(kw)
    return d


def rows(name: str) -> list[dict[str, str]]:
    lines = [
        line
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    out = []
    for line in lines[1:]:
        cells = line.split("\t")
        out.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return out


# --------------------------------------------------------------------------------------
# The expression table: parse(text) over the whole string
# --------------------------------------------------------------------------------------

EXPRESSIONS: list[tuple[str, dict[str, Any]]] = [
    # cardinals in digits
    ("64", expect(value=64)),
    ("25", expect(value=25)),
    ("571", expect(value=571)),
    ("1 500", expect(value=1500)),
    ("1\u00a0500", expect(value=1500)),
    ("4 000", expect(value=4000)),
    ("12 345 678", expect(value=12345678)),
    ("1,23", expect(value=1.23)),
    ("1,5", expect(value=1.5)),
    ("0", expect(value=0)),
    ("1 500,50", expect(value=1500.5)),
    ("1700", expect(value=1700)),
    # cardinals in words
    ("tjugotre", expect(value=23)),
    ("etthundrafemtiotvå", expect(value=152)),
    ("Åttioen", expect(value=81)),
    ("Trettiosju", expect(value=37)),
    ("tvåtusen", expect(value=2000)),
    ("en miljon", expect(value=1_000_000)),
    ("två miljoner", expect(value=2_000_000)),
    ("1,5 miljoner", expect(value=1_500_000)),
    ("3 miljarder", expect(value=3_000_000_000)),
    ("10 tusen", expect(value=10_000)),
    ("noll", expect(value=0)),
    ("tre", expect(value=3)),
    ("sex", expect(value=6)),
    ("tio", expect(value=10)),
    ("Elva", expect(value=11)),
    ("Fyra", expect(value=4)),
    ("tretton", expect(value=13)),
    ("aderton", expect(value=18)),
    ("arton", expect(value=18)),
    ("tjugoen", expect(value=21)),
    ("tjugoett", expect(value=21)),
    ("fyrtiotvå", expect(value=42)),
    ("förtiotvå", expect(value=42)),
    ("nittionio", expect(value=99)),
    ("hundra", expect(value=100)),
    ("etthundra", expect(value=100)),
    ("femhundra", expect(value=500)),
    ("tusen", expect(value=1000)),
    ("ettusen", expect(value=1000)),
    ("etttusen etthundra", expect(value=1100)),
    ("två tusen", expect(value=2000)),
    ("ett hundra", expect(value=100)),
    ("tiotusen", expect(value=10_000)),
    ("tvåhundratusen", expect(value=200_000)),
    ("TJUGOFEM", expect(value=25)),
    ("en", expect(value=1)),
    ("ett", expect(value=1)),
    # approximations
    ("ett 80-tal", expect(value=80, approx=True)),
    ("Ett 25-tal", expect(value=25, approx=True)),
    ("ett 15-tal", expect(value=15, approx=True)),
    ("Ett 50-tal", expect(value=50, approx=True)),
    ("ett tjugotal", expect(value=20, approx=True)),
    ("ett tiotal", expect(value=10, approx=True)),
    ("ett femtiotal", expect(value=50, approx=True)),
    ("ett hundratal", expect(value=100, approx=True)),
    ("ett tusental", expect(value=1000, approx=True)),
    ("ett dussintal", expect(value=12, approx=True)),
    ("ett dussin", expect(value=12)),
    ("ett par", expect(value=2, approx=True)),
    ("en handfull", expect(value=5, approx=True)),
    ("cirka 30", expect(value=30, approx=True)),
    ("cirka 300", expect(value=300, approx=True)),
    ("ca 30", expect(value=30, approx=True)),
    ("ca 200", expect(value=200, approx=True)),
    ("ca 500", expect(value=500, approx=True)),
    ("ca. 35", expect(value=35, approx=True)),
    ("c:a 40", expect(value=40, approx=True)),
    ("ungefär 20", expect(value=20, approx=True)),
    ("omkring 30", expect(value=30, approx=True)),
    ("runt 30", expect(value=30, approx=True)),
    ("kring 40", expect(value=40, approx=True)),
    ("uppskattningsvis 30", expect(value=30, approx=True)),
    ("uppemot 60", expect(value=60, approx=True)),
    ("nästan 100", expect(value=100, approx=True)),
    ("närmare 2000", expect(value=2000, approx=True)),
    ("strax under 50", expect(value=50, approx=True)),
    ("omkring 85 stycken", expect(value=85, approx=True)),
    ("cirka ett 80-tal", expect(value=80, approx=True)),
    # bounds
    ("minst 50", expect(low=50)),
    ("minst 100", expect(low=100)),
    ("minst 2", expect(low=2)),
    ("minst 14", expect(low=14)),
    ("Minst sex", expect(low=6)),
    ("Minst fyra", expect(low=4)),
    ("minst ett", expect(low=1)),
    ("minst 10 stycken", expect(low=10)),
    ("minst två (2)", expect(low=2)),
    ("minst ett par", expect(low=2, approx=True)),
    ("åtminstone fem", expect(low=5)),
    ("drygt 1700", expect(low=1700)),
    ("över 600", expect(low=600)),
    ("mer än 600", expect(low=600)),
    ("fler än 20", expect(low=20)),
    ("högst fem", expect(high=5)),
    ("högst en", expect(high=1)),
    ("max 3", expect(high=3)),
    ("max. 3", expect(high=3)),
    ("maximalt 12", expect(high=12)),
    ("upp till tio", expect(high=10)),
    ("knappt 20", expect(high=20)),
    ("under 10", expect(high=10)),
    ("mindre än 5", expect(high=5)),
    ("som mest 8", expect(high=8)),
    # ranges
    ("10–15", expect(low=10, high=15)),
    ("10-15", expect(low=10, high=15)),
    ("10 - 15", expect(low=10, high=15)),
    ("2–3", expect(low=2, high=3)),
    ("två till tre", expect(low=2, high=3)),
    ("mellan 5 och 10", expect(low=5, high=10)),
    ("mellan fem och tio", expect(low=5, high=10)),
    ("från 10 till 20", expect(low=10, high=20)),
    ("en eller två", expect(low=1, high=2)),
    ("cirka 10-15", expect(low=10, high=15, approx=True)),
    # occasions after "vid"
    ("vid minst ett tillfälle", expect(low=1)),
    ("Vid 11 tillfällen", expect(value=11)),
    ("vid 11 tillfällen", expect(value=11)),
    ("vid ca 35 tillfällen", expect(value=35, approx=True)),
    ("vid minst 14 tillfällen", expect(low=14)),
    ("Vid minst 3 tillfällen", expect(low=3)),
    ("vid ett tillfälle", expect(value=1)),
    ("vid ett par tillfälle", expect(value=2, approx=True)),
    ("vid flera tillfällen", expect(vague="several")),
    # doubled forms
    ("Trettiosju (37)", expect(value=37)),
    ("13 (tretton)", expect(value=13)),
    ("tre (3) stycken", expect(value=3)),
    # vague amounts
    ("några", expect(vague="few")),
    ("Några", expect(vague="few")),
    ("ett fåtal", expect(vague="few")),
    ("enstaka", expect(vague="few")),
    ("ett litet antal", expect(vague="few")),
    ("flera", expect(vague="several")),
    ("ett flertal", expect(vague="several")),
    ("flertalet", expect(vague="several")),
    ("Flertalet", expect(vague="several")),
    ("ett antal", expect(vague="several")),
    ("en rad", expect(vague="several")),
    ("åtskilliga", expect(vague="several")),
    ("flera gånger", expect(vague="several")),
    ("många", expect(vague="many")),
    ("Många", expect(vague="many")),
    ("ett stort antal", expect(vague="many")),
    ("en hel del", expect(vague="many")),
    ("hundratals", expect(vague="many")),
    ("tusentals", expect(vague="many")),
    ("många gånger", expect(vague="many")),
    ("fler", expect(vague="more")),
    ("fler gånger", expect(vague="more")),
    # frequencies
    ("varje vecka", expect(period="P1W")),
    ("varannan vecka", expect(period="P2W")),
    ("Varannan vecka", expect(period="P2W")),
    ("varje månad", expect(period="P1M")),
    ("varannan månad", expect(period="P2M")),
    ("varje kvartal", expect(period="P3M")),
    ("varje år", expect(period="P1Y")),
    ("Varje år", expect(period="P1Y")),
    ("vartannat år", expect(period="P2Y")),
    ("varje dag", expect(period="P1D")),
    ("varje helg", expect(period="P1W")),
    ("varje vardag", expect(period="P1D")),
    ("var tredje månad", expect(period="P3M")),
    ("var fjärde vecka", expect(period="P4W")),
    ("varannan fredag", expect(period="P2W")),
    ("alla fredags- och lördagskvällar", expect(period="P1W")),
    ("dagligen", expect(period="P1D")),
    ("veckovis", expect(period="P1W")),
    ("månadsvis", expect(period="P1M")),
    ("kvartalsvis", expect(period="P3M")),
    ("årligen", expect(period="P1Y")),
    ("årlig", expect(period="P1Y")),
    ("den årliga", expect(period="P1Y")),
    ("per år", expect(period="P1Y")),
    ("i veckan", expect(period="P1W")),
    ("en gång i månaden", expect(value=1, period="P1M")),
    ("en gång i veckan", expect(value=1, period="P1W")),
    ("två gånger per termin", expect(value=2, period="P6M")),
    ("två gånger om året", expect(value=2, period="P1Y")),
    ("tre gånger per år", expect(value=3, period="P1Y")),
    ("en dag i veckan", expect(value=1, period="P1W", duration="P1D")),
    ("Vid 5 tillfällen per vecka", expect(value=5, period="P1W")),
    ("Vid 10 tillfällen per år", expect(value=10, period="P1Y")),
    ("Vid minst 2 tillfällen per år", expect(low=2, period="P1Y")),
    ("vid minst 3 tillfällen under året", expect(low=3, period="P1Y")),
    ("5 tillfällen per vecka", expect(value=5, period="P1W")),
    ("2–3 gånger per vecka", expect(low=2, high=3, period="P1W")),
    ("fler gånger per år", expect(vague="more", period="P1Y")),
    # durations (with their count)
    ("två timmars tid", expect(value=2, duration="PT2H")),
    ("två timmars", expect(value=2, duration="PT2H")),
    ("tre veckor", expect(value=3, duration="P3W")),
    ("en arbetsdag", expect(value=1, duration="P1D")),
    ("20 minuters", expect(value=20, duration="PT20M")),
    ("20 minuter", expect(value=20, duration="PT20M")),
    ("en vecka", expect(value=1, duration="P1W")),
    ("tre månader", expect(value=3, duration="P3M")),
    ("ett kvartal", expect(value=1, duration="P3M")),
    ("två dagar", expect(value=2, duration="P2D")),
    ("fem dygn", expect(value=5, duration="P5D")),
    ("ett år", expect(value=1, duration="P1Y")),
    ("tre år", expect(value=3, duration="P3Y")),
    ("en termin", expect(value=1, duration="P6M")),
    ("24 timmar", expect(value=24, duration="PT24H")),
    ("1,5 timmar", expect(value=1.5, duration="PT1.5H")),
    ("45 sekunder", expect(value=45, duration="PT45S")),
    ("minst två timmar", expect(low=2, duration="PT2H")),
    ("cirka 30 minuter", expect(value=30, approx=True, duration="PT30M")),
    # counters
    ("64 stycken", expect(value=64)),
    ("114 stycken", expect(value=114)),
    ("Sex stycken", expect(value=6)),
    ("11 st.", expect(value=11)),
    ("5 st.", expect(value=5)),
    ("11 st", expect(value=11)),
    ("ett par stycken", expect(value=2, approx=True)),
    ("2000 stycken", expect(value=2000)),
]


def test_quantities_expression_table_is_large() -> None:
    assert len(EXPRESSIONS) >= 150
    assert len({text for text, _ in EXPRESSIONS}) == len(EXPRESSIONS)


@pytest.mark.parametrize("text,expected", EXPRESSIONS, ids=[t for t, _ in EXPRESSIONS])
def test_quantities_parse_normalises(text: str, expected: dict[str, Any]) -> None:
    q = parse(text)
    assert q is not None, text
    assert fields(q) == expected
    assert (q.text, q.start, q.end) == (text, 0, len(text))


@pytest.mark.parametrize("text,expected", EXPRESSIONS[:40], ids=[t for t, _ in EXPRESSIONS[:40]])
def test_quantities_parse_ignores_surrounding_whitespace(text: str, expected: dict[str, Any]) -> None:
    q = parse(f"  {text}\n")
    assert fields(q) == expected
    assert (q.text, q.start, q.end) == (text, 2, 2 + len(text))


# --------------------------------------------------------------------------------------
# Numbers that are not amounts
# --------------------------------------------------------------------------------------

NOT_AMOUNTS = [
    "Trafikkontroll",
    "2019",
    "år 2020",
    "Under 2021",
    "under 2019",
    "Sedan 2018",
    "medborgarlöftet 2019",
    "2019 års medborgarlöfte",
    "2023/2024",
    "2020-21",
    "2023–2025",
    "Medborgarlöfte 2023-2024",
    "2019-02-04",
    "2019-02-04 11:57Pressmeddelande",
    "4 februari 2019",
    "22 februari 2022",
    "den 1 januari",
    "3 mars",
    "22/3",
    "11:57",
    "kl. 07.30-16.00",
    "Mån-Fre kl. 07.30-16.00",
    "8:00–16:30",
    "personer över 18 år",
    "barn 15 år och äldre",
    "18 år gamla",
    "fyller 18 år",
    "15-åringar",
    "årskurs 7",
    "åk 8",
    "åk 7",
    "Tel: 114 14",
    "Ring 112 vid fara",
    "0503-350 00",
    "Telefon\n0503-35000",
    "010-123 45 67",
    "+46 503 350 00",
    "544 81 Hjo",
    "Torggatan 2",
    "Gärdhemsvägen 9 461 83 Trollhättan",
    "första",
    "andra",
    "den ena",
    "1:e antikvarie",
    "3:e",
    "1. Alkohol- och drogrelaterad brottslighet\n2. Trafik",
    "50 %",
    "50%",
    "50 procent",
    "Trafikregionväst103",
    "A-traktorer",
    "E4",
    "P1",
    "på 80-talet",
    "1990-talet",
    "version 3.2.1",
    "sidan 12",
    "vecka 12",
    "v. 12",
    "en del",
    "en del kontroller",
    "ett slags samarbete",
    "en av poliserna",
    "Ett av målen är",
    "Lika många",
    "hur många",
    "i år",
    "i dag",
    "runt busstationen",
    "drev omkring och skapade",
    "färre än 2016",
    "antal anmälda brott",
    "samtal",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_quantities_not_amounts_yield_nothing(text: str) -> None:
    assert find(text) == []
    assert parse(text) is None


def test_quantities_parse_rejects_a_longer_sentence() -> None:
    assert parse("minst 3 medborgarmöten i offentlig miljö per år") is None
    assert parse("Trafikkontroll 64") is None
    assert parse("") is None
    assert parse("   ") is None


# --------------------------------------------------------------------------------------
# find() on real sentences: values and offsets
# --------------------------------------------------------------------------------------

SENTENCES: list[tuple[str, bool, list[tuple[str, dict[str, Any]]]]] = [
    (
        "Sex stycken nya Grannsamverkansgrupper startades och ett 70-tal möten med polisens "
        "olika samverkanspartners genomfördes.",
        True,
        [("Sex stycken", expect(value=6)), ("ett 70-tal", expect(value=70, approx=True))],
    ),
    (
        "Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller "
        "och en narkotikainsats med inriktning på ungdomar/yngre vuxna i Skara och Lidköpings kommun.",
        True,
        [("64 stycken", expect(value=64)), ("en", expect(value=1))],
    ),
    (
        "Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller "
        "och en narkotikainsats med inriktning på ungdomar/yngre vuxna i Skara och Lidköpings kommun.",
        False,
        [("64 stycken", expect(value=64))],
    ),
    (
        "Av dessa har 11 st. handlat om narkotikapåverkade förare och 5 st. om förare som druckit alkohol.",
        False,
        [("11 st.", expect(value=11)), ("5 st.", expect(value=5))],
    ),
    (
        "Genomföra minst 3 medborgarmöten i offentlig miljö per år.",
        True,
        [("minst 3", expect(low=3, period="P1Y"))],
    ),
    (
        "Ska genomföras vid minst 3 tillfällen under året på olika platser i kommunen.",
        True,
        [("vid minst 3 tillfällen under året", expect(low=3, period="P1Y"))],
    ),
    (
        "Vid 5 tillfällen per vecka utföra någon av följande aktiviteter; trafikkontroll, skolbesök eller fotpatrull.",
        True,
        [("Vid 5 tillfällen per vecka", expect(value=5, period="P1W"))],
    ),
    (
        "Parterna ska tillsammans vid minst ett tillfälle informera föräldrar och personal som möter ungdomar.",
        True,
        [("vid minst ett tillfälle", expect(low=1))],
    ),
    (
        "Under förra året rapporterades 47 stycken trafikbrott (72 stycken under 2020).",
        True,
        [("47 stycken", expect(value=47)), ("72 stycken", expect(value=72))],
    ),
    (
        "Vid dessa har det tagits ca 200 rutinmässiga alkoholprov men endast en har varit positiv på alkohol.",
        True,
        [("ca 200", expect(value=200, approx=True)), ("en", expect(value=1))],
    ),
    (
        "Det genomfördes även många fotpatruller i centrala Götene under året samt ett 20-tal skolbesök, "
        "utöver de planerade samtalen som skedde med årskurs 7.",
        True,
        [("många", expect(vague="many", period="P1Y")), ("ett 20-tal", expect(value=20, approx=True))],
    ),
    (
        "Under två timmars tid har polis varit i klasserna och svarat på frågor samt informerat om "
        "olika ämnen kopplat till lag och rätt.",
        False,
        [("två timmars tid", expect(value=2, duration="PT2H"))],
    ),
    (
        "Grannsamverkansgrupperna har fortsatt få relevant information varje kvartal och ett par "
        "stormöten har hållits under året.",
        True,
        [("varje kvartal", expect(period="P3M")), ("ett par", expect(value=2, approx=True, period="P1Y"))],
    ),
    (
        "Genom telefonmöten varannan vecka där polisen, olika förvaltningar inom kommunen, väktarbolag, "
        "fastighetsägare och handlare medverkar, delar vi den lägesbild som finns.",
        False,
        [("varannan vecka", expect(period="P2W"))],
    ),
    ("Medborgarlöftet kommer att löpa från 1 januari 2020 till 31 december 2022.", True, []),
    (
        "Lokalpolisområde Karlstad och Hammarö kommun kommer under tre år att inrikta sig på dessa två problemområden.",
        True,
        [("tre år", expect(value=3, duration="P3Y")), ("två", expect(value=2))],
    ),
    (
        "Hög polisiär närvaro i vardagen och förstärkt närvaro under alla fredags- och lördagskvällar "
        "i området kring Nordstan och Kungsportsavenyn.",
        True,
        [("alla fredags- och lördagskvällar", expect(period="P1W"))],
    ),
    ("Besök oss\n\nGärdhemsvägen 9 461 83 Trollhättan\n", True, []),
    (
        "Irene Broberg\nKommunpolis i Hjo\nTel: 114 14\n\nHjo kommun\n\nSäkerhetssamordnare\n"
        "Tel: 0503-350 00 (vx)\nkommunen@hjo.se\n",
        True,
        [],
    ),
    (
        "Telefon\n0503-35000\n\nTelefontider\nMån-Fre kl. 07.30-16.00\n\nBesöksadress\nTorggatan 2\n\n"
        "Postadress\n544 81 Hjo\n",
        True,
        [],
    ),
    (
        "I Skara kommun arbetar drygt 1700 personer i många olika yrkesroller.",
        True,
        [("drygt 1700", expect(low=1700)), ("många", expect(vague="many"))],
    ),
    (
        "Polisen har tagit tre fordon i beslag för teknisk undersökning (kontrollbesiktning) och de har "
        "även ertappat ett tiotal förare som saknar körkort.",
        True,
        [("tre", expect(value=3)), ("ett tiotal", expect(value=10, approx=True))],
    ),
    ("Mobila poliskontoret på torget en dag i veckan.", True,
     [("en dag i veckan", expect(value=1, period="P1W", duration="P1D"))]),
    (
        "Under 2017 anmäldes det ca 450 brott vilket är ca 50 färre än 2016.",
        True,
        [("ca 450", expect(value=450, approx=True)), ("ca 50", expect(value=50, approx=True))],
    ),
    ("Fil dr, 1:e antikvarie", True, []),
    (
        "Problemområden\n\n1. Alkohol- och drogrelaterad brottslighet\n2. Trafik\n\nDessa två problemområden.",
        True,
        [("två", expect(value=2))],
    ),
    (
        "Att genomföra minst 200 stycken 20 minuters trafikkontroller per år.",
        False,
        [("minst 200 stycken", expect(low=200)), ("20 minuters", expect(value=20, duration="PT20M", period="P1Y"))],
    ),
    (
        "Polisen har rent allmänt jobbat för att öka närvaron. Bl.a. har vi närvarat i Nossebro tätort "
        "genom fotpatrull vid ca 35 tillfällen.",
        True,
        [("vid ca 35 tillfällen", expect(value=35, approx=True))],
    ),
    (
        "Uppskattningsvis har cirka 300 bilister har stoppats vid spontana kontroller.",
        True,
        [("cirka 300", expect(value=300, approx=True))],
    ),
    (
        "Det har upprättats omkring 85 stycken trafikrelaterade brottsrapporter.",
        True,
        [("omkring 85 stycken", expect(value=85, approx=True))],
    ),
    (
        "Man kan konstatera att den anmälda brottsligheten har ökat under en treårsperiod.",
        False,
        [],
    ),
    (
        "Polisen har däremot påträffat fler drogpåverkade förare än tidigare.",
        True,
        [("fler", expect(vague="more"))],
    ),
    ("Lika många har fått böta för diverse trafikbrott.", True, []),
    ("Trettiosju (37) ordningsförelägganden och 13 (tretton) rattfyllerier.", True,
     [("Trettiosju (37)", expect(value=37)), ("13 (tretton)", expect(value=13))]),
]


@pytest.mark.parametrize("text,articles,expected", SENTENCES)
def test_quantities_find_on_corpus_sentences(
    text: str, articles: bool, expected: list[tuple[str, dict[str, Any]]]
) -> None:
    found = find(text, articles=articles)
    assert [(q.text, fields(q)) for q in found] == expected
    pos = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        first = re.compile(rf"(?<!\w){re.escape(q.text)}(?!\w)").search(text, pos)
        assert q.start == first.start()  # the first whole-word occurrence after the previous one
        pos = q.end


def test_quantities_find_offsets_in_a_corpus_sentence() -> None:
    text = (
        "Sex stycken nya Grannsamverkansgrupper startades och ett 70-tal möten med polisens "
        "olika samverkanspartners genomfördes."
    )
    a, b = find(text)
    assert (a.text, a.start, a.end, a.value) == ("Sex stycken", 0, 11, 6)
    assert (b.text, b.start, b.end, b.value, b.approx) == ("ett 70-tal", 53, 63, 70, True)


# --------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------


def test_quantities_bare_article_only_with_articles_true() -> None:
    text = "Det genomfördes även en trygghetsvandring tillsammans med kommunen."
    [q] = find(text)
    assert (q.text, q.value, q.approx, q.start) == ("en", 1, False, 21)
    assert find(text, articles=False) == []


def test_quantities_capitalised_article_counts_before_adjectives() -> None:
    text = "En efterlyst person och ett efterlyst fordon har fastnat i nätet."
    assert [(q.text, q.value, q.start) for q in find(text)] == [("En", 1, 0), ("ett", 1, 24)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ett par tillfällen", ("ett par", 2, True)),
        ("ett 80-tal patrulleringar", ("ett 80-tal", 80, True)),
        ("ett flertal kontroller", ("ett flertal", None, False)),
        ("en handfull besök", ("en handfull", 5, True)),
        ("en gång i månaden", ("en gång i månaden", 1, False)),
        ("en hel del kontroller", ("en hel del", None, False)),
        ("ett antal insatser", ("ett antal", None, False)),
        ("ett tiotal förare", ("ett tiotal", 10, True)),
    ],
)
def test_quantities_article_inside_longer_expression_is_not_separate(
    text: str, expected: tuple[str, Any, bool]
) -> None:
    found = find(text)
    assert [(q.text, q.value, q.approx) for q in found] == [expected]


@pytest.mark.parametrize(
    "text", ["en del kontroller", "ett slags samarbete", "en av poliserna", "ett av målen", "en eller annan"]
)
def test_quantities_article_blockers(text: str) -> None:
    assert find(text) == []


def test_quantities_article_needs_a_following_word() -> None:
    assert find("en, två") == [Quantity(text="två", value=2, start=4, end=7)]
    assert find("ett 3") == [Quantity(text="3", value=3, start=4, end=5)]


# --------------------------------------------------------------------------------------
# Period merging
# --------------------------------------------------------------------------------------


def test_quantities_period_merges_within_six_words() -> None:
    [q] = find("5 riktade kontroller med fokus på hastighet per år", articles=False)
    assert (q.text, q.value, q.period) == ("5", 5, "P1Y")


def test_quantities_period_not_merged_beyond_six_words() -> None:
    [q] = find("5 riktade kontroller med fokus på hög hastighet per år", articles=False)
    assert (q.text, q.value, q.period) == ("5", 5, None)


def test_quantities_period_not_merged_across_a_sentence_end() -> None:
    found = find("Vi genomförde 5 kontroller. Per år blir det fler.")
    assert [(q.text, q.value, q.vague, q.period) for q in found] == [("5", 5, None, None), ("fler", None, "more", None)]


def test_quantities_period_not_merged_across_another_count() -> None:
    found = find("5 kontroller och 3 möten varje vecka", articles=False)
    assert [(q.text, q.period) for q in found] == [("5", None), ("3", "P1W")]


def test_quantities_article_keeps_only_trailing_periods() -> None:
    text = "en lägesbild byggd på dessa rapporter presenteras varannan vecka."
    assert [(q.text, q.value, q.period) for q in find(text)] == [("en", 1, None), ("varannan vecka", None, "P2W")]
    assert [(q.text, q.value, q.period) for q in find("ett möte per vecka")] == [("ett", 1, "P1W")]


def test_quantities_standalone_period_phrase() -> None:
    assert find("presenteras varannan vecka.") == [
        Quantity(text="varannan vecka", period="P2W", start=12, end=26)
    ]


def test_quantities_trailing_period_alone_is_not_a_quantity() -> None:
    assert find("Brotten per år har minskat.") == []
    assert find("Polisen har under året gjort insatser.") == []


# --------------------------------------------------------------------------------------
# Every row of the data tables
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", rows("vague.tsv"), ids=lambda r: r["phrase"])
def test_quantities_every_vague_row(row: dict[str, str]) -> None:
    q = parse(row["phrase"])
    if row["class"] == "-":
        assert q is None
    else:
        assert fields(q) == expect(vague=row["class"])


@pytest.mark.parametrize("row", rows("modifiers.tsv"), ids=lambda r: r["phrase"])
def test_quantities_every_modifier_row(row: dict[str, str]) -> None:
    q = parse(f"{row['phrase']} 30")
    effect = row["effect"]
    if effect == "approx":
        assert fields(q) == expect(value=30, approx=True)
    else:
        assert fields(q) == expect(**{effect: 30})


@pytest.mark.parametrize("row", rows("phrases.tsv"), ids=lambda r: r["phrase"])
def test_quantities_every_fixed_phrase_row(row: dict[str, str]) -> None:
    assert fields(parse(row["phrase"])) == expect(value=int(row["value"]), approx=row["approx"] == "yes")


@pytest.mark.parametrize("row", [r for r in rows("numbers.tsv") if r["kind"] != "scale"], ids=lambda r: r["word"])
def test_quantities_every_number_word_row(row: dict[str, str]) -> None:
    assert parse(row["word"]).value == int(row["value"])
    assert parse(row["word"].capitalize()).value == int(row["value"])


@pytest.mark.parametrize("row", [r for r in rows("numbers.tsv") if r["kind"] == "scale"], ids=lambda r: r["word"])
def test_quantities_every_scale_row(row: dict[str, str]) -> None:
    assert parse(f"3 {row['word']}").value == 3 * int(row["value"])


@pytest.mark.parametrize("row", rows("periods.tsv"), ids=lambda r: r["phrase"])
def test_quantities_every_period_row(row: dict[str, str]) -> None:
    assert fields(parse(row["phrase"])) == expect(period=row["period"])
    found = find(f"Polisen patrullerar {row['phrase']} i centrum.", articles=False)
    if row["standalone"] == "yes":
        assert [(q.text, q.period) for q in found] == [(row["phrase"], row["period"])]
    else:
        assert found == []


@pytest.mark.parametrize("row", rows("period_units.tsv"), ids=lambda r: r["word"])
def test_quantities_every_period_unit_row(row: dict[str, str]) -> None:
    prefix = {"indef": "varje", "def": "två gånger i", "plural": "alla", "weekday": "varannan"}[row["form"]]
    q = parse(f"{prefix} {row['word']}")
    n = 2 if row["form"] == "weekday" else 1
    amount, unit = int(row["period"][1:-1]), row["period"][-1]
    assert q is not None and q.period == f"P{amount * n}{unit}"
    assert q.value == (2 if row["form"] == "def" else None)


@pytest.mark.parametrize("row", rows("ordinals.tsv"), ids=lambda r: r["word"])
def test_quantities_every_ordinal_row(row: dict[str, str]) -> None:
    assert fields(parse(f"var {row['word']} vecka")) == expect(period=f"P{row['value']}W")


@pytest.mark.parametrize("row", rows("durations.tsv"), ids=lambda r: r["word"])
def test_quantities_every_duration_row(row: dict[str, str]) -> None:
    head, per, unit = re.fullmatch(r"(PT?)([0-9]+)([YMWDHS])", row["iso"]).groups()
    assert fields(parse(f"tre {row['word']}")) == expect(value=3, duration=f"{head}{3 * int(per)}{unit}")


def test_quantities_genitive_duration_takes_tid() -> None:
    for row in rows("durations.tsv"):
        q = parse(f"två {row['word']} tid")
        assert (q is not None) == (row["genitive"] == "yes"), row["word"]


@pytest.mark.parametrize("row", rows("not_counts.tsv"), ids=lambda r: f"{r['position']}:{r['phrase']}")
def test_quantities_every_not_count_row(row: dict[str, str]) -> None:
    text = f"{row['phrase']} 12" if row["position"] == "before" else f"12 {row['phrase']}"
    assert find(text, articles=False) == []
    assert find(f"Polisen skriver {text} i rapporten.", articles=False) == []


@pytest.mark.parametrize("row", rows("street_suffixes.tsv"), ids=lambda r: r["suffix"])
def test_quantities_every_street_suffix_row(row: dict[str, str]) -> None:
    assert find(f"Besöksadress: Stor{row['suffix']} 12") == []


@pytest.mark.parametrize("row", rows("ages.tsv"), ids=lambda r: r["phrase"])
def test_quantities_every_age_row(row: dict[str, str]) -> None:
    text = f"personer {row['phrase']} 18 år" if row["position"] == "before" else f"personer 18 år {row['phrase']}"
    assert [q.text for q in find(text, articles=False)] == []


@pytest.mark.parametrize("row", rows("article_blockers.tsv"), ids=lambda r: r["word"])
def test_quantities_every_article_blocker_row(row: dict[str, str]) -> None:
    assert [q.text for q in find(f"ett {row['word']} som", articles=True) if q.text in ("ett", "Ett")] == []


@pytest.mark.parametrize("row", rows("counters.tsv"), ids=lambda r: r["word"])
def test_quantities_every_counter_row(row: dict[str, str]) -> None:
    if row["after"] == "count":
        text = f"64 {row['word']}." if row["dot"] == "yes" else f"64 {row['word']}"
        assert fields(parse(text)) == expect(value=64)
    else:
        assert fields(parse(f"två veckors {row['word']}")) == expect(value=2, duration="P2W")


@pytest.mark.parametrize("row", rows("ranges.tsv"), ids=lambda r: f"{r['opener']}|{r['connector']}")
def test_quantities_every_range_row(row: dict[str, str]) -> None:
    text = " ".join(w for w in (row["opener"], "5", row["connector"], "10") if w)
    assert fields(parse(text)) == expect(low=5, high=10)


@pytest.mark.parametrize("row", rows("occasions.tsv"), ids=lambda r: r["word"])
def test_quantities_every_occasion_row(row: dict[str, str]) -> None:
    if row["role"] == "preposition":
        assert parse(f"{row['word']} 4 tillfällen").text == f"{row['word']} 4 tillfällen"
    elif row["role"] == "always":
        assert fields(parse(f"4 {row['word']}")) == expect(value=4)
    else:
        assert parse(f"4 {row['word']}") is None
        assert fields(parse(f"vid 4 {row['word']}")) == expect(value=4)


# --------------------------------------------------------------------------------------
# The corpus gold
# --------------------------------------------------------------------------------------


def gold_quantities() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for item in gold.get("pledges", []) + gold.get("activities", []):
            q = item.get("quantity")
            if q and q["text"] != "Lika många":  # anaphoric: not supported
                context = item.get("sentence") or item.get("text")
                out.append((f"{path.stem}#{item['id']}", context, q))
    return out


@pytest.mark.parametrize("gid,context,gold", gold_quantities(), ids=lambda x: x if isinstance(x, str) and "#" in x else "")
def test_quantities_gold_quantities_are_found(gid: str, context: str, gold: dict[str, Any]) -> None:
    """The gold quantity is found in its sentence, with the same normalisation.

    The span may be longer than the gold text ("vid ca 35 tillfällen" for gold "ca 35",
    "två timmars tid" for "två timmars"), never shorter.
    """
    word = re.compile(rf"(?<!\w){re.escape(gold['text'])}(?!\w)")
    found = [q for q in find(context) if word.search(q.text)]
    assert found, gid
    q = found[0]
    for key in ("value", "low", "vague", "period", "duration"):
        if gold.get(key) is not None:
            assert getattr(q, key) == gold[key], (gid, key)
    if gold.get("value") is not None:
        assert q.approx == bool(gold.get("approx")), gid


def test_quantities_corpus_documents_offsets() -> None:
    for path in sorted(DOCS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        end = 0
        for q in find(text):
            assert text[q.start : q.end] == q.text
            assert q.start >= end
            end = q.end


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_quantities_number_words_round_trip(n: int) -> None:
    words = num2words(n, lang="sv")  # spells 40 "förtio": both spellings are accepted
    assert parse(words).value == n
    assert parse(words.replace("förtio", "fyrtio")).value == n
    assert parse(words.capitalize()).value == n


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_quantities_never_raise_on_arbitrary_text(text: str) -> None:
    parse(text)
    found = find(text)
    for q in found:
        assert text[q.start : q.end] == q.text


FRAGMENTS = [
    "ett", "en", "Ett", "80-tal", "tjugotal", "minst", "3", "1 500", "1\u00a0500", "64", "tillfällen", "per",
    "år", "vid", "Vid", "stycken", "st.", "varannan", "vecka", "(37)", "(", ")", "Trettiosju", "–", "-", "\n",
    "2019", "2023/2024", "kl.", "07.30", "Tel:", "114 14", "fredags-", "och", "lördagskvällar", "alla", "många",
    "lika", "under", "två", "timmars", "tid", ".", ",", ";", "ca", "c:a", "%", "mellan", "till", "högst",
    "en gång i", "månaden", "flera", "par", "del", "av", "Torggatan", "årskurs", "15-åringar", "1:e", "polisen",
    "genomförde", "trafikkontroller", "år", "gamla", "över", "18", "miljoner", "tusen", "fler", "än",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=30),
    st.lists(st.sampled_from([" ", " ", " ", "", "\n", "\u00a0", "  "]), min_size=30, max_size=30),
    st.booleans(),
)
def test_quantities_find_offsets_always_match_text(words: list[str], seps: list[str], articles: bool) -> None:
    text = "".join(w + s for w, s in zip(words, seps))
    found = find(text, articles=articles)
    assert found == list(finditer(text, articles=articles))
    end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= end  # left to right, non-overlapping
        end = q.end
        assert q.value is not None or q.low is not None or q.high is not None or q.vague or q.period


@pytest.mark.parametrize("piece", [7, 50, 8192])
def test_quantities_tokenizer_pieces_equal_match_by_match(monkeypatch, piece):
    """Cutting the text into pieces at line breaks never changes a token (nor the
    whitespace recorded before it), whatever the piece size."""
    from promisemine import quantities as Q

    monkeypatch.setattr(Q, "_PIECE", piece)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "docs").glob("*.txt"))[:8]]
    texts += ["1 500\n 2 000 \r\n\r\n3", " a  b\n\nc \r\n 12 ", "", "   ", "x\n" * 50, "0503-350 00\n114 14"]

    def flat(chunks):
        toks, starts, off = [], [], 0
        for chunk, chunk_starts in chunks:
            starts += [off + j for j in chunk_starts]
            toks += chunk
            off += len(chunk)
        return toks, starts

    for t in texts:
        assert flat(Q._token_chunks(t)) == flat(Q._match_chunks(t, 0, len(t), True))


def _fields(tok) -> Optional[tuple]:
    """What a token of either kind (a made ``_Tok``, the ``_Info`` of a one-piece text)
    tells the scanner, offsets apart."""
    return None if tok is None else (tok.kind, tok.low, tok.raw, tok.gap, tok.nl, tok.ordinary)


def test_quantities_lazy_tokens_equal_eager():
    """The token infos of a one-piece text tell what the tokens of :func:`_piece_tokens`
    do, None around them; and its starts are the same less exactly the words whose
    next-word gate fails."""
    from promisemine import quantities as Q

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "docs").glob("*.txt"))[:8]]
    texts += ["1 500\n 2 000 \r\n\r\n3", " a  b\n\nc \r\n 12 ", "", "   ", "x\n" * 50, "0503-350 00\n114 14"]
    texts += ["i månaden i 3 år, i år", "under fem under året under", "var tredje var", "mellan 2-3 mellan"]
    for t in texts:
        eager, eager_starts = Q._piece_tokens(t, 0, len(t), True)
        lazy, starts, _ = Q._lazy_tokens(t)
        assert [_fields(lazy[k]) for k in range(-2, len(eager) + 2)] == [None, None, *map(_fields, eager), None, None]
        gated = []
        for k in eager_starts:
            gate = Q._NEXT_WORD_GATES.get(eager[k].low) if eager[k].kind == Q.WORD else None
            nxt = eager[k + 1] if k + 1 < len(eager) else None
            if gate is None or (nxt is not None and (nxt.low in gate[0] or (gate[1] and Q._may_open_amount(nxt)))):
                gated.append(k)
        assert starts == gated


@pytest.mark.parametrize(
    "text, value, low, period",
    [
        ("4 ggr", 4, None, None),  # the abbreviation of "gånger"
        ("minst 4 ggr", None, 4, None),
        ("2 ggr/mån", 2, None, "P1M"),  # a slash for "per"
        ("1 gång/vecka", 1, None, "P1W"),
        ("tre ggr per vecka", 3, None, "P1W"),
        ("5 tillfällen/år", 5, None, "P1Y"),
        ("2 ggr/v", 2, None, "P1W"),
        ("3st", 3, None, None),  # "st" glued to its number
        ("12st.", 12, None, None),
    ],
)
def test_quantities_abbreviated_occasions_and_slash_periods(text, value, low, period):
    q = parse(text)
    assert q is not None and (q.value, q.low, q.period) == (value, low, period)


@pytest.mark.parametrize("text", ["och/eller vecka", "km/h", "mån om att", "3steg"])
def test_quantities_slash_and_unit_words_alone_are_no_quantity(text):
    assert find(text) == []


def test_quantities_next_word_gates_skip_only_hopeless_starts(monkeypatch):
    """The scanner skips a gated word ("i", "som", "under", "vid") when the next token
    cannot continue any phrase it opens; the results must be those of trying every start."""
    import random

    import promisemine.quantities as Q

    gated = sorted(Q._NEXT_WORD_GATES)
    follow = sorted({w for words, _ in Q._NEXT_WORD_GATES.values() for w in words})
    other = ["tre", "ett", "en", "5", "1 500", "80-tal", "tiotal", "2019", "år", "gånger", "tillfällen",
             "vecka", "fredagar", "möten", "polisen", "(", ")", "-", ".", ":", "minst", "över", "\n", "\n\n"]
    rng = random.Random(7)
    texts = [
        " ".join(rng.choice(gated + follow + other) for _ in range(rng.randint(1, 8)))
        for _ in range(3000)
    ]

    def results(text: str) -> list[tuple]:
        return [(q.text, q.start, q.end, q.value, q.low, q.high, q.approx, q.vague, q.period, q.duration)
                for q in find(text)] + [parse(text)]

    gated_results = [results(t) for t in texts]
    monkeypatch.setattr(Q, "_NEXT_WORD_GATES", {})
    assert [results(t) for t in texts] == gated_results


# edge cases of the tokenizer: empty text, a line over 8 KB, CRLF, tabs, NBSP, numbers
# with spaces, "-tal", letters outside Latin-1 and a glued digit
TOKENIZER_EDGE_TEXTS = [
    "",
    "   ",
    "ett möte " * 1000,  # one line of 9 KB: tokenized as a whole by _Stream
    "Sex stycken\r\nett 80-tal\r\n\r\nminst 1 500 personer",
    "tre möten\rhölls\r\rförra året",  # lone carriage returns
    "\tvid\t5 tillfällen\tper vecka",
    "1\u00a0500 besök, 2\u202f000 samtal och ett 70-tal möten",
    "café Ωmega Ärende naïve x²y ½ abc_ E4 väst103 İstanbul ſtor",
    "en\n\nett (1) en till två en gång i månaden",
]


def _corpus_texts(n: int = 8) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "docs").glob("*.txt"))[:n]]


@pytest.mark.parametrize(
    "text", ["café", "Ωmega", "Åsa", "x²y", "½", "abc_", "a1", "naïve", "ÆØß", "İı", "\u0301a", "ſ", "é\u0301"]
)
def test_quantities_letter_run_equals_category_class(text):
    """The letter run with its Latin-1 bitmap matches exactly what ``[^\\W\\d_]++`` does."""
    from promisemine import quantities as Q

    fast, plain = Q._re.compile(Q._LETTER_RUN), Q._re.compile(r"[^\W\d_]++")
    for i in range(len(text) + 1):
        f, p = fast.match(text, i), plain.match(text, i)
        assert (f and f.span()) == (p and p.span())


def test_quantities_letter_run_tokenizer_equals_plain_tokenizer():
    """The tokenizer with the bitmap letter run cuts every text exactly as the one with the
    plain category class, on corpus documents, edge cases and every character below 0x400."""
    from promisemine import quantities as Q

    plain = Q._re.compile(Q._TOKEN_RE.pattern.replace(Q._LETTER_RUN, r"[^\W\d_]++"), Q._TOKEN_RE.flags)
    assert plain.pattern != Q._TOKEN_RE.pattern
    every_char = " ".join(chr(c) + "a" + chr(c) for c in range(1, 0x400))
    for t in _corpus_texts() + TOKENIZER_EDGE_TEXTS + [every_char]:
        assert Q._TOKEN_RE.findall(t) == plain.findall(t)


def test_quantities_article_gate_skips_only_hopeless_articles(monkeypatch):
    """The scanner tries no expression at "en"/"ett" when the next token cannot continue
    one (``_article_gate``); the results must be those of trying every article."""
    import random

    import promisemine.quantities as Q

    follow = sorted(Q._ARTICLE_FOLLOWERS)
    other = ["en", "ett", "Ett", "tre", "hundra", "5", "37", "1 500", "80-tal", "tiotal", "2019", "möten",
             "polisen", "(", ")", "-", ".", ":", "minst", "vid", "i", "månaden", "per", "år", "del", "\n", "\n\n"]
    rng = random.Random(11)
    texts = [" ".join(rng.choice(follow + other + other) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    texts += _corpus_texts(25) + TOKENIZER_EDGE_TEXTS

    def results(text: str) -> list[tuple]:
        return [(q.text, q.start, q.end, q.value, q.low, q.high, q.approx, q.vague, q.period, q.duration)
                for q in find(text)] + [parse(text)]

    gated_results = [results(t) for t in texts]
    monkeypatch.setattr(Q._Scanner, "_bare_article", lambda self, tok, i: False)
    assert [results(t) for t in texts] == gated_results


@pytest.mark.parametrize("text", _corpus_texts(4) + TOKENIZER_EDGE_TEXTS)
def test_quantities_ordinary_words_equal_plain_test(text):
    """A token's ``ordinary`` (a field of a one-piece text's token info, a property of a
    made token) answers as the plain test: a word, no line break before it, no start."""
    from promisemine import quantities as Q

    def plain(tok) -> bool:
        return tok.kind == Q.WORD and not tok.nl and not Q._may_start(tok.low)

    stream = Q._Stream(text)
    tokens = list(Q._tokens(text))
    assert [stream.get(k).ordinary for k in range(len(tokens))] == [plain(tok) for tok in tokens]
    assert [tok.ordinary for tok in tokens] == [plain(tok) for tok in tokens]


@pytest.mark.parametrize("text", _corpus_texts(4) + TOKENIZER_EDGE_TEXTS + ["a\n" * 5000 + "3 st"])
def test_quantities_stream_offsets_equal_made_tokens(text):
    """``_Stream.start``/``end`` (summed from the token string lengths of a one-piece
    text, from whichever token was asked about last) are the offsets of the made tokens,
    asked for left to right, right to left and at random."""
    import random

    from promisemine import quantities as Q

    tokens = list(Q._tokens(text))
    order = list(range(len(tokens)))
    rng = random.Random(len(text))
    for ks in (order, order[::-1], rng.sample(order, len(order)), [k for k in order for _ in (0, 1)]):
        stream = Q._Stream(text)
        assert [(stream.start(k), stream.end(k)) for k in ks] == [(tokens[k].start, tokens[k].end) for k in ks]


@pytest.mark.parametrize("piece", [1, 50])
def test_quantities_one_piece_tokens_equal_made_tokens_in_results(monkeypatch, piece):
    """A text scanned over its token infos (one piece, up to ``_PIECE`` characters) gives
    what it gives when every token is made (a small ``_PIECE``: a line or a few a piece),
    on the corpus, the edge cases and random soups of quantity words."""
    import random

    from promisemine import quantities as Q

    rng = random.Random(13)
    words = FRAGMENTS + sorted(Q._NEXT_WORD_GATES) + sorted(Q._ARTICLE_FOLLOWERS)
    texts = _corpus_texts(25) + TOKENIZER_EDGE_TEXTS + _token_soup(9, 1000)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 10))) for _ in range(3000)]

    def results(text: str) -> list[tuple]:
        return [(q.text, q.start, q.end, q.value, q.low, q.high, q.approx, q.vague, q.period, q.duration)
                for q in find(text)] + [parse(text)]

    one_piece = [results(t) for t in texts]
    monkeypatch.setattr(Q, "_PIECE", piece)
    assert [results(t) for t in texts] == one_piece


def _token_soup(seed: int, n: int) -> list[str]:
    """Random texts of the pieces where the tokenizer's branches meet: digits, "-tal", a
    glued "st", spaces of thousands, dates, times, phone numbers, letters, "_", "²"."""
    import random

    pieces = ["2019", "20", "1", "500", "544", "81", "-", "–", "/", ":", ".", ",", "+", "46", "0503", "tal",
              "st", "e", "a", "ö", "Ω", "_", "²", "väst", "E", "80-tal", "år", "under", "ett", "stycken",
              "(", ")", "%", " ", " ", "  ", "\u00a0", "\u202f", "\n", "\r\n", "\t"]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(n)]


def test_quantities_plain_tokenizer_cuts_as_grouped():
    """The group-free tokenizer gives each token of ``_TOKEN_RE`` as one string, the
    whitespace before it included, and nothing else."""
    from promisemine import quantities as Q

    every_char = " ".join(chr(c) + "a" + chr(c) + "1" + chr(c) for c in range(1, 0x400))
    for t in _corpus_texts() + TOKENIZER_EDGE_TEXTS + _token_soup(3, 3000) + [every_char]:
        assert Q._PLAIN_TOKEN_RE.findall(t) == ["".join(groups) for groups in Q._TOKEN_RE.findall(t)]


def test_quantities_token_kind_follows_from_the_string():
    """A token string (whitespace + token) is read as the same token wherever it stands,
    which is what lets :data:`_INFOS` remember its kind by the string alone; and the
    lazy tokens equal the eager ones, whether their strings were seen before or not."""
    from promisemine import quantities as Q

    texts = _corpus_texts() + TOKENIZER_EDGE_TEXTS + _token_soup(5, 3000)
    seen: dict[str, tuple] = {}
    for t in texts:
        strings = ["".join(groups) for groups in Q._TOKEN_RE.findall(t)]
        tokens, _ = Q._piece_tokens(t, 0, len(t), True)
        for string, tok in zip(strings, tokens):
            assert seen.setdefault(string, (tok.kind, tok.low, tok.raw, tok.gap, tok.nl)) == (
                tok.kind, tok.low, tok.raw, tok.gap, tok.nl)
    def strings_of(t: str) -> list[str]:
        return ["".join(groups) for groups in Q._TOKEN_RE.findall(t) if "".join(groups).strip()]

    for cold in (True, False):
        if cold:
            Q._INFOS.clear()
        for t in texts:
            eager, eager_starts = Q._piece_tokens(t, 0, len(t), True)
            lazy, starts, found = Q._lazy_tokens(t)
            assert [_fields(lazy[k]) for k in range(len(eager) + 1)] == [*map(_fields, eager), None]
            assert found == strings_of(t)
            assert set(starts) <= set(eager_starts)


LONE_YEAR_TEXTS = [
    "2019", "2019-2020", "år 2020", "1 500", "80-tal", "under 2021", "kl. 18.00", "Tel: 0503-350 00",
    "+46 503 350 00", "544 81 Hjo", "2000 stycken", "2000 st. och 1999 st", "närmare 2000", "mer än 2000",
    "vid 2019 tillfällen", "vid 2019", "2019 (2019)", "2019 (2020)", "2000 miljoner", "2 000 personer",
    "1899 och 2100 möten", "2019 gånger per år", "Tel: 2019", "Torggatan 2019", "\n2019.", "2019 %",
    "2019 timmar", "minst 2019 personer", "mellan 2019 och 2020", "2019–2021 hölls 3 möten", "2019\n\nstycken",
]


def test_quantities_lone_year_shortcut_equals_full_grammar(monkeypatch):
    """Ending the expression at a lone year (``_Scanner._lone_year``) gives the results of
    building the whole amount first, on corpus texts, edge cases and random texts."""
    import random

    import promisemine.quantities as Q

    rng = random.Random(13)
    words = ["2019", "2000", "1999", "2100", "1899", "37", "(", ")", "stycken", "st", ".", "gånger", "vid",
             "under", "närmare", "minst", "mellan", "och", "-", "miljoner", "tusen", "år", "per", "Tel", ":",
             "Torggatan", "%", "timmar", "personer", "\n", "\n\n"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    texts += _corpus_texts(25) + LONE_YEAR_TEXTS

    def results(text: str) -> list[tuple]:
        return [(q.text, q.start, q.end, q.value, q.low, q.high, q.approx, q.vague, q.period, q.duration)
                for q in find(text)] + [parse(text)]

    shortcut = [results(t) for t in texts]
    monkeypatch.setattr(Q._Scanner, "_lone_year", lambda self, k: None)
    assert [results(t) for t in texts] == shortcut


@pytest.mark.parametrize("text", _corpus_texts(4) + TOKENIZER_EDGE_TEXTS)
def test_quantities_index_tokenizes_only_when_asked(monkeypatch, text):
    """A ``QuantityIndex`` tokenizes its text at the first span asked for, not when made
    (a document whose quantities nobody asks for costs nothing), and then hands out what
    :func:`find` gives."""
    from promisemine import quantities as Q

    made = []
    stream = Q._Stream
    monkeypatch.setattr(Q, "_Stream", lambda t: made.append(t) or stream(t))
    index = Q.QuantityIndex(text)
    assert made == []
    fields = lambda qs: [(q.text, q.start, q.end, q.value, q.low, q.high, q.period) for q in qs]  # noqa: E731
    within = index.within(0, len(text))
    assert made == [text]
    assert fields(within) == fields(find(text))
