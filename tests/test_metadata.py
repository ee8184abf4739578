"""Tests for promisemine.metadata: municipality, years, kind and date of a medborgarlöfte text.

The tables hold real lines from the corpus (``corpus/docs``) and invented variants in the
same genre from other municipalities, so that the rules are tested as genre rules (title
first, "X kommun" over plain mentions, police-area names discounted, period phrases over
incidental years, title cues over body cues) rather than as facts about 25 files.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from promisemine.metadata import (
    Metadata,
    detect,
    detect_date,
    detect_kind,
    detect_municipality,
    detect_years,
    find_title,
    municipalities,
)

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
GOLD = ROOT / "corpus" / "gold"


# --------------------------------------------------------------------------- the table


def test_metadata_municipality_table():
    """The packaged table lists all 290 kommuner once, with correct genitives and stad names.

    Genitive adds -s unless the name ends in s/x/z: "Skaras", "Hammarös", "Laxås", but
    "Borås", "Mönsterås", "Kalix". "Stad" is used where the official name has it
    ("Borås Stad", "Trollhättans stad", "Göteborgs Stad").
    """
    rows = municipalities()
    names = [m.name for m in rows]
    assert len(rows) == 290
    assert len(set(names)) == 290
    by_name = {m.name: m for m in rows}
    for m in rows:
        assert m.genitive == (m.name if m.name[-1] in "sxz" else m.name + "s"), m
        assert m.municipality_word in ("kommun", "stad")
        assert m.county.endswith(" län")
    for name, gen in [("Skara", "Skaras"), ("Lidköping", "Lidköpings"), ("Hammarö", "Hammarös"),
                      ("Göteborg", "Göteborgs"), ("Falkenberg", "Falkenbergs"), ("Borås", "Borås"),
                      ("Kungsör", "Kungsörs"), ("Mönsterås", "Mönsterås"), ("Västerås", "Västerås"),
                      ("Bollnäs", "Bollnäs"), ("Laxå", "Laxås"), ("Upplands Väsby", "Upplands Väsbys"),
                      ("Malung-Sälen", "Malung-Sälens"), ("Falun", "Faluns"), ("Gävle", "Gävles")]:
        assert by_name[name].genitive == gen
    for name in ("Stockholm", "Göteborg", "Malmö", "Borås", "Trollhättan", "Västerås", "Helsingborg"):
        assert by_name[name].municipality_word == "stad"
    for name in ("Skara", "Hjo", "Uppsala", "Lund", "Örebro"):
        assert by_name[name].municipality_word == "kommun"
    counties = {m.county for m in rows}
    assert len(counties) == 21


# --------------------------------------------------------------------------- title


@pytest.mark.parametrize(
    "text, title",
    [
        ("Sök\n\nUppföljning medborgarlöfte 2023\n\nMedborgarlöftet är en del …", "Uppföljning medborgarlöfte 2023"),
        ("2019-02-04 11:57Pressmeddelande\n\nNya löften med fokus på en tryggare miljö\n\nnull\n",
         "Nya löften med fokus på en tryggare miljö"),
        ("Javascript är inte påslaget i din webbläsare. Vi rekommenderar att javacsript är aktiverat.\n"
         "Sök på polisen.se\n\nMedborgarlöfte och trygghetsmätning i Oxelösunds kommun\n",
         "Medborgarlöfte och trygghetsmätning i Oxelösunds kommun"),
        ("Lyssna\ntvå män skakar hand och ler mot kameran. En har polisuniform.\n\n"
         "Medborgarlöftet för ett tryggare Trollhättan\n", "Medborgarlöftet för ett tryggare Trollhättan"),
        ("Läs mer\n\nArbetet med medborgarlöftet fortsätter\n", "Arbetet med medborgarlöftet fortsätter"),
        ("Publicerad: 2022-03-23\n\nMedborgarlöfte 2022\n", "Medborgarlöfte 2022"),
    ],
)
def test_metadata_title(text, title):
    """The title is the first short line after site furniture ("Sök", "Lyssna", date lines)."""
    assert find_title(text) == title


# --------------------------------------------------------------------------- municipality


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Skara – Så uppfyllde polisen sitt löfte 2019\n\nNarkotikainsats i Skara och Lidköpings kommun.", "Skara"),
        ("Uppföljning av medborgarlöften 2020 - Lidköping\n\nI medborgarlöftet för 2020 lovade polisen …", "Lidköping"),
        ("Medborgarlöfte för Götene\n\nPolisen lovar att …", "Götene"),
        ("Medborgarlöftet 2018 i ESSUNGA\n\nI medborgarlöftet för 2018 lovade Polisen …", "Essunga"),
        ("Stockholm, Södermalm – medborgarlöften 2021\n\nSyftet är att öka tryggheten i Stockholms stadsdel Södermalm.",
         "Stockholm"),
        ("Tillsammans för ett tryggare Upplands Väsby 2021–2022\n\nPolisen lovar …", "Upplands Väsby"),
        ("Lyssna\n\nMedborgarlöfte för Malung-Sälen 2024\n\nPolisen lovar att vara synlig i Sälen.", "Malung-Sälen"),
        ("Göteborg centrum – medborgarlöften\n\nPolisen lovar närvaro kring Nordstan.", "Göteborg"),
    ],
)
def test_metadata_municipality_from_title(text, expected):
    """A kommun named in the title wins ("Skara – …", "… - Lidköping", "i ESSUNGA")."""
    assert detect_municipality(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # genitive + kommun: "Lidköpings kommun" → Lidköping
        ("Uppföljning 2020\n\nPolisen och Lidköpings kommun har genomfört insatser.", "Lidköping"),
        ("Medborgarlöfte 2023\n\nKungsörs kommun och Polisen lovar att arbeta med ungdomsproblematik.", "Kungsör"),
        ("Medborgarlöfte 2020\n\nLaxås kommun och polisen lovar att arbeta tillsammans.", "Laxå"),
        # "X Stad" / "X stad"
        ("Medborgarlöfte 2024\n\nBorås Stad och Polisen lovar att genomföra trygghetsvandringar.", "Borås"),
        ("Medborgarlöfte 2023\n\nTrollhättans Stad och polisen har tagit fram ett nytt medborgarlöfte.", "Trollhättan"),
        ("Medborgarlöfte\n\nVästerås stad och polisen lovar att arbeta mot otrygghet.", "Västerås"),
        # plain mentions and genitive of a place ("Skaras centrala delar", "polisen i Mariestad")
        ("Insatser\n\nPolisen patrullerade i Skaras centrala delar och vid busstationen i Skara.", "Skara"),
        ("Uppföljning\n\nTrots pandemin har polisen genomfört insatser för att uppfylla medborgarlöftet i Mariestad.",
         "Mariestad"),
        ("Medborgarlöftet 2022: Öka tryggheten\n\nUnder år 2022 ska Hjo kommun och Polisen samarbeta.", "Hjo"),
        ("Medborgarlöfte 2022\n\nHammarö kommuns väktare kommer att ha riktade insatser.", "Hammarö"),
        # a town inside the kommun ("Nossebro" is in Essunga), a district of Göteborg
        ("Uppföljning medborgarlöfte 2019\n\nPolisen har patrullerat i centrala Nossebro.", "Essunga"),
        ("Uppföljning medborgarlöfte 2018\n\nFörstärkt närvaro i området kring Nordstan och Kungsportsavenyn.",
         "Göteborg"),
        ("Medborgarlöfte 2021\n\nInga orter nämns här alls.", None),
    ],
)
def test_metadata_municipality_from_body(text, expected):
    """Without a name in the title, "X kommun"/"Xs kommun"/"X Stad" count most, then plain mentions."""
    assert detect_municipality(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # LPO Karlstad serves Hammarö
        ("Hammarö – medborgarlöften\n\nDet är lokalpolisområdet Karlstad (LPO Karlstad) som lovar att genomföra "
         "åtgärder. De gör detta tillsammans med Hammarö kommun.", "Hammarö"),
        ("Medborgarlöfte 2021\n\nLokalpolisområde Karlstad och Hammarö kommun har tagit fram ett nytt medborgarlöfte. "
         "LPO Karlstad kommer att bedriva grannsamverkan. Lokalpolisområde Karlstad ska genomföra kontroller.",
         "Hammarö"),
        # lokalpolisområde Katrineholm serves Vingåker
        ("Medborgarlöfte 2022\n\nLiselotte Jergard, chef för lokalpolisområde Katrineholm undertecknade i mars ett "
         "medborgarlöfte. Polisen lovar trafikkontroller i Vingåkers kommun.", "Vingåker"),
        # lokalpolisområde Östra Fyrbodal serves Trollhättan
        ("Medborgarlöfte 2023\n\nLokalpolisområde Östra Fyrbodal och Trollhättans stad har undertecknat "
         "ett medborgarlöfte. Polisen i Vänersborg medverkar.", "Trollhättan"),
        # "polisen i västra Skaraborg", "Region Stockholm", "Kalmar län" are areas, not the kommun
        ("Medborgarlöfte\n\nPolisen i Kalmar län stödjer arbetet i Mönsterås kommun.", "Mönsterås"),
        ("Våra medborgarlöften\n\nLokalpolisområdeschef Södermalm, Region Stockholm. Vi lovar närvaro i Solna.",
         "Solna"),
        # a name inside a compound of several kommuner ("Essunga-Vara-Grästorp")
        ("Arbetet med medborgarlöftet fortsätter\n\nPolisen och Essunga kommun har jobbat mot störande trafik. "
         "Torbjörn Walthersson, kommunpolis i Essunga-Vara-Grästorp, sammanfattar.", "Essunga"),
    ],
)
def test_metadata_municipality_police_area_trap(text, expected):
    """A lokalpolisområde is often named after a neighbouring town, so "LPO X" hardly counts."""
    assert detect_municipality(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the verb "vara" is never the kommun Vara
        ("Uppföljning medborgarlöfte 2022\n\nPolisen har arbetat för att vara synlig. Vara med och påverka! "
         "Polisen har genomfört 25 trafikkontroller i Grästorps kommun.", "Grästorp"),
        ("Vara – medborgarlöften\n\nPolisen och Vara kommun lovar att vara mer synliga i Vara tätort.", "Vara"),
        ("Vara kommun – medborgarlöfte 2021\n\nDet ska vara tryggt att bo i Vara.", "Vara"),
        # "Mark och vatten" is ground, "Marks kommun" is Mark
        ("Medborgarlöfte för Marks kommun 2023–2024\n\nMark och vatten runt skolorna ska ses över i Kinna.", "Mark"),
        ("Medborgarlöfte 2022\n\nMark och vatten runt skolorna i Ulricehamns kommun ska ses över.", "Ulricehamn"),
        # person names: "Anna Berg", "Per Lund", "Nora Svensson"
        ("Medborgarlöfte 2022 Ljusdal\n\nPolisen lovar trafikkontroller i Ljusdals kommun, säger Anna Berg, "
         "kommunpolis. Berg och dalar i Järvsö.", "Ljusdal"),
        ("Polisen och kommunen lovar\n\nSäkerhetschef Per Lund berättar om arbetet i Eslövs kommun.", "Eslöv"),
        ("Medborgarlöfte mellan Polisen och Mora kommun 2022–2023\n\nNora Svensson, kommunpolis, berättar.", "Mora"),
        # uppercase, "Hjos kommunvapen" (genitive) and "Region Gotland"
        ("MEDBORGARLÖFTE 2019 FÖR TIDAHOLMS KOMMUN\n\nTIDAHOLMS KOMMUN OCH POLISEN LOVAR.", "Tidaholm"),
        ("Medborgarlöftet 2022\n\nJan Hellnevi vid ett bord med Hjos kommunvapen.", "Hjo"),
        ("Medborgarlöfte 2023\n\nRegion Gotland och polisen lovar att öka tryggheten i Visby.", "Gotland"),
    ],
)
def test_metadata_municipality_word_traps(text, expected):
    """Names that are also words or person names ("vara", "Mark", Anna Berg) need a place context."""
    assert detect_municipality(text) == expected


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Essunga – medborgarlöften\n\nMedborgarlöfte 2023-2024\n\nLöftet utgår från lägesbilden.", [2023, 2024]),
        ("Piteå – medborgarlöften\n\nMedborgarlöfte 2023–2025\n\nLokalpolisområde Piteå älvdal lovar …",
         [2023, 2024, 2025]),
        ("Uppföljning 2020-21\n\nPolisen och Ale kommun har genomfört trygghetsvandringar.", [2020, 2021]),
        ("Hammarö – medborgarlöften\n\n• Medborgarlöftet kommer att löpa från 1 januari 2020 till 31 december 2022.",
         [2020, 2021, 2022]),
        ("Karlshamn – medborgarlöften\n\nMedborgarlöfte från Polisen och Karlshamns kommun under perioden "
         "januari - december 2022 .", [2022]),
        ("Medborgarlöfte för Sala kommun\n\nLöftet gäller maj-dec 2018.", [2018]),
        ("Medborgarlöftet för ett tryggare Trollhättan\n\nTrollhättans Stad och lokalpolisområde Östra Fyrbodal har "
         "gemensamt tagit fram ett nytt medborgarlöfte för 2025–2026.", [2025, 2026]),
        ("Mönsterås – medborgarlöften\n\nMedborgarlöfte från Polisen och Mönsterås kommun för 2022-2023.", [2022, 2023]),
        ("Medborgarlöften 2021/2022 i Lerum\n\nPolisen lovar …", [2021, 2022]),
    ],
)
def test_metadata_years_ranges(text, expected):
    """Ranges expand ("2023–2025" → three years, "2020-21" → two); month ranges keep one year."""
    assert detect_years(text) == expected


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        # a follow-up's title says which year it reports on, even if the promise ran two years
        ("Sök\n\nUppföljning medborgarlöfte 2023\n\nGötene kommun har tecknat ett tvåårigt medborgarlöfte som "
         "löper över åren 2023 och 2024.\n\nUnder 2023 framkom det genom EST olika områden.", "follow_up", [2023]),
        # the same sentence in a promise states its period
        ("Medborgarlöfte i Götene\n\nGötene kommun har tecknat ett tvåårigt medborgarlöfte som löper över åren "
         "2023 och 2024.\n\nPolisen lovar att:", "promise", [2023, 2024]),
        # a promise page's "Uppföljning 2021" heading is a link to last year's follow-up
        ("Hjo – medborgarlöften\n\nUnder 2022 kommer polisen och Hjo kommun fortsätta.\n\nAktiviteter under 2022\n\n"
         "• Genomföra trygghetsvandringar.\n\nUppföljning 2021\n\nOm du vill veta mer kan du läsa vår uppföljning.",
         "promise", [2022]),
        ("Uppföljning av medborgarlöftet för 2019\n\nPolisen har under året gjort en rad insatser.", "follow_up",
         [2019]),
        ("Skara – Så uppfyllde polisen sitt löfte 2019\n\nSedan 2018 arbetar polisen enligt EST.", "follow_up", [2019]),
    ],
)
def test_metadata_years_follow_up_vs_promise(text, kind, expected):
    """For a follow-up the title's year wins; for a promise, the stated period does."""
    assert detect_years(text, kind=kind) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # press release: the publication date is not the period, "gäller under 2019" is
        ("2019-02-04 11:57Pressmeddelande\n\nNya löften med fokus på en tryggare miljö\n\nEtt område som kommer att "
         "prioriteras under 2019 är narkotika.\n\nDet nya gemensamma medborgarlöftet gäller under 2019.", [2019]),
        ("Falkenberg – medborgarlöften\n\nDetta är ett åtagande gentemot invånarna i Falkenbergs kommun och utgörs av "
         "ett antal konkreta aktiviteter under 2019.\n\nEn gemensam lägesbild togs fram 2016.", [2019]),
        ("Medborgarlöfte och trygghetsmätning i Oxelösunds kommun\n\nAktiviteter 2017\n\nInom ramen för "
         "Medborgarlöftet 2017 har polisen genomfört följande aktiviteter.", [2017]),
        ("Arbetet med medborgarlöftet fortsätter\n\nUnder hösten 2016 tecknade polis och kommun ett medborgarlöfte "
         "för 2017. Under 2017 anmäldes ca 450 brott vilket är ca 50 färre än 2016.", [2017]),
        ("Medborgarlöftet i Hjo\n\n571 brott anmäldes 2021 som är att jämföra med år 2020 då 594 brott anmäldes. "
         "Under 2021 rapporterades 47 trafikbrott (72 stycken under 2020). Vi har arbetat så sedan 2017.", [2021]),
        ("Uppföljning medborgarlöfte 2018\n\nFöljande aktiviteter utlovades i 2018 års medborgarlöfte.", [2018]),
        ("Polisens och kommunens medborgarlöfte\n\nVårt löfte till invånarna i Hjo 2017\n\nUnder 2017 kommer polisen "
         "och Hjo kommun att fokusera på trafikmiljön.", [2017]),
        ("Medborgarlöfte 2021\n\nVid årsskiftet 2023/2024 byts systemet.", [2021]),
        # counts that look like years: "ca 2000 fordon"
        ("Medborgarlöftet i Borås\n\nPolisen har kontrollerat ca 2000 fordon och drygt 2015 förare under 2021.",
         [2021]),
        # no year in the text: the publication date gives it
        ("Uppföljning av medborgarlöfte\n\nPublicerad 15 januari 2022\n\nPolisen har under året genomfört "
         "40 trafikkontroller.", [2021]),
    ],
)
def test_metadata_years_ignored_contexts(text, expected):
    """Not every year counts: "sedan 2017", "jämfört med år 2020", "(… under 2020)", dates are ignored."""
    assert detect_years(text) == expected


# --------------------------------------------------------------------------- kind


@pytest.mark.parametrize(
    "text, expected",
    [
        # title cues
        ("Sök\n\nUppföljning medborgarlöfte 2023\n\nPolisen lovar att:\n\n• Genomföra fotpatrullering.", "follow_up"),
        ("Skara – Så uppfyllde polisen sitt löfte 2019\n\nPolisen utförde ett 80-tal patrulleringar.", "follow_up"),
        ("Medborgarlöftet 2020 – så blev det\n\nPolisen i Orust kommun har genomfört 20 kontroller.", "follow_up"),
        ("Hammarö – medborgarlöften\n\nLokalpolisområde Karlstad kommer att:\n\n• Bedriva grannsamverkan.", "promise"),
        ("Så har vi arbetat med medborgarlöftet 2020\n\nPolisen lovar att synas i centrum.", "follow_up"),
        ("Det här ska vi göra för ett tryggare Lerum\n\nMedborgarlöftet 2023 har tagits fram i dialog.", "promise"),
        # body cues: reports in the past tense with counts
        ("Medborgarlöftet 2018 i ESSUNGA\n\nI medborgarlöftet för 2018 lovade Polisen att arbeta aktivt. Polisen "
         "lovade att genomföra trafikinsatser.\n\nVid kontrollerna har ca 500 fordon kontrollerats. Det har upptäckts "
         "och rapporterats 25 olovliga körningar. Polis har genomfört 8 spontana besök.", "follow_up"),
        ("Medborgarlöfte och trygghetsmätning i Oxelösunds kommun\n\nAktiviteter 2017\n\nInom ramen för "
         "Medborgarlöftet 2017 har polisen och kommunen genomfört följande aktiviteter:\n\n • Polisen har genomfört "
         "42 trafikkontroller under året.", "follow_up"),
        ("Uppföljning medborgarlöfte 2018\n\nUtfallet blev:\n\n• Elva riktade narkotikainsatser", "follow_up"),
        # body cues: pledges, signing, the new promise
        ("2019-02-04 11:57Pressmeddelande\n\nNya löften med fokus på en tryggare miljö\n\nNu har Skara kommun och "
         "Polisen undertecknat det nya medborgarlöftet.\n\nPolisen lovar\n\n• Att arbeta med riktade insatser.",
         "promise"),
        ("Medborgarlöfte 2022\n\nPublicerad: 2022-03-23\n\nPolisen lovar i medborgarlöftet för 2022 att:\n\n"
         " • genomföra trafikkontroller.", "promise"),
        ("Medborgarlöfte 2024\n\nIgår skrev kommunstyrelsens ordförande och lokalpolisområdeschefen under "
         "medborgarlöftet för 2024. Under 2023 genomfördes medborgardialoger. Polisen har genomfört enkäter.\n\n"
         "Polisen ska:\n • öka närvaron i centrum\n\nKommunen ska:\n • genomföra trygghetsvandringar", "promise"),
        ("Tillsammans för ett tryggare Upplands Väsby 2021–2022\n\nPolisen och Upplands Väsby kommun lovar att "
         "arbeta mot narkotika bland unga.", "promise"),
        # not a medborgarlöfte text at all
        ("Trygghetsmätning 2022\n\nResultatet av trygghetsmätningen i Eslövs kommun visar att fler känner sig trygga. "
         "Enkäten skickades till 3000 invånare.", "other"),
        ("Kontaktcenter\n\nÖppettider: måndag–fredag 8–16.\n\nBesöksadress: Stora torget 1.", "other"),
    ],
)
def test_metadata_kind(text, expected):
    """Title cues outweigh body cues; past-tense reports → follow_up, pledges/signing → promise."""
    assert detect_kind(text) == expected


# --------------------------------------------------------------------------- date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019-02-04 11:57Pressmeddelande\n\nNya löften med fokus på en tryggare miljö\n", "2019-02-04"),
        ("Medborgarlöfte 2022\n\nPublicerad: 2022-03-23\n\nKommunchef Ralf Hedin …", "2022-03-23"),
        ("Medborgarlöftet 2022: Öka tryggheten\n\nJan Hellnevi vid ett bord\n\n22 februari 2022\n\nKommun och politik\n",
         "2022-02-22"),
        ("Medborgarlöftet i Nybro\n\nPolisen lovar.\n\nSenast uppdaterad 3 mars 2021", "2021-03-03"),
        ("Sök\nNyheter · 12 april 2023\n\nMedborgarlöfte klart för Kils kommun\n", "2023-04-12"),
        ("Hammarö – medborgarlöften\n\n• Medborgarlöftet kommer att löpa från 1 januari 2020 till 31 december 2022.",
         None),
        ("Uppföljning medborgarlöfte 2023\n\nPolisen har genomfört 50 trafikkontroller.", None),
    ],
)
def test_metadata_date(text, expected):
    """Publication dates only: labelled ("Publicerad:") or a date line near the top, never a period date."""
    assert detect_date(text) == expected


# --------------------------------------------------------------------------- all together


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Medborgarlöfte Borås Stad 2024\n\nBorås Stad och Polisen lovar att under 2024 genomföra "
         "trygghetsvandringar i Hässleholmen.\n\nPolisen ska genomföra trafikkontroller.",
         Metadata("Borås", [2024], "promise", None)),
        ("Uppföljning av medborgarlöftet 2022 i Alingsås kommun\n\nI medborgarlöftet för 2022 lovade polisen att öka "
         "närvaron. Under 2022 har polisen genomfört 40 trafikkontroller. Polisen har arbetat med lägesbilder sedan "
         "2019.", Metadata("Alingsås", [2022], "follow_up", None)),
        ("2021-03-15 09:00Pressmeddelande\n\nNytt medborgarlöfte för Kalmar\n\nNu har Kalmar kommun och polisen "
         "undertecknat ett nytt medborgarlöfte. Löftet gäller 2021-2022 och bygger på dialoger från 2020.",
         Metadata("Kalmar", [2021, 2022], "promise", "2021-03-15")),
        ("Uppföljning medborgarlöfte Rinkeby-Kista 2022\n\nPolisen har genomfört 200 fotpatrulleringar i Rinkeby och "
         "Tensta. Lokalpolisområde Rinkeby har haft möten med Stockholms stad.",
         Metadata("Stockholm", [2022], "follow_up", None)),
        ("Medborgarlöftet 2019 i Töreboda\n\nI medborgarlöftet för 2019 lovade polisen att arbeta mot buskörning. "
         "Polisen har genomfört 30 trafikkontroller. Utfallet blev:\n • 12 ordningsförelägganden utfärdades.",
         Metadata("Töreboda", [2019], "follow_up", None)),
        ("Publicerad: 2020-02-10\n\nMedborgarlöfte Västerås stad\n\nVästerås stad och polisen lovar att under "
         "perioden januari–december 2020 arbeta mot otrygghet i Bäckby.",
         Metadata("Västerås", [2020], "promise", "2020-02-10")),
        ("Uppföljning av medborgarlöfte\n\nPublicerad 15 januari 2022\n\nPolisen och Tierps kommun har under året "
         "genomfört 40 trafikkontroller.", Metadata("Tierp", [2021], "follow_up", "2022-01-15")),
    ],
)
def test_metadata_variants(text, expected):
    """Whole invented documents from other municipalities come out right on all four fields."""
    assert detect(text) == expected


def test_metadata_title_argument_is_used():
    """A caller's title line is used as the title; a boilerplate one ("Sök") is replaced."""
    text = "Sök\n\nUppföljning medborgarlöfte 2023\n\nPolisen har genomfört 50 kontroller i Essunga kommun."
    assert detect(text, "Uppföljning medborgarlöfte 2023") == detect(text)
    assert detect(text, "Sök") == detect(text)
    assert detect(text).years == [2023]


# --------------------------------------------------------------------------- the real corpus


def _corpus():
    docs = sorted(DOCS.glob("*.txt"))
    assert len(docs) == 25, "corpus/docs should hold the 25 real documents"
    for path in docs:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        with open(GOLD / (path.stem + ".json"), encoding="utf-8") as fh:
            gold = json.load(fh)
        yield path.name, text, gold


def test_metadata_corpus_accuracy():
    """On the 25 real documents, municipality, years and kind all match the gold (accuracy 1.0).

    Gold dates, where given ("2019-02-04", "2022-02-22", "2022-03-23"), must be found too.
    """
    hits = {"municipality": 0, "years": 0, "kind": 0}
    misses = []
    n = 0
    for name, text, gold in _corpus():
        md = detect(text)
        n += 1
        for field_name in hits:
            if getattr(md, field_name) == gold[field_name]:
                hits[field_name] += 1
            else:
                misses.append((name, field_name, getattr(md, field_name), gold[field_name]))
        if gold.get("date"):
            assert md.date == gold["date"], name
    accuracy = {k: v / n for k, v in hits.items()}
    assert accuracy == {"municipality": 1.0, "years": 1.0, "kind": 1.0}, misses


def _mentions_by_alternation(text):
    """The reference the dict lookup replaced: one alternation of every form, longest first."""
    import re

    from promisemine.metadata import _surface_index

    forms, _ = _surface_index()
    alts = sorted(forms, key=len, reverse=True)
    rx = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
    return [(m.start(), m.end(), m.group()) for m in rx.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Kommunpolis i Malung-Sälen och Malungs centrum, Upplands Väsby och UPPLANDS VÄSBY.",
        "Lilla Edets kommun, Dals-Ed, Dals Ed, Göteborgs-Posten, Göteborgs stad, Nossebro.",
        "Vara Vara Varas Vara-Grästorp Essunga-Vara-Grästorp xVara Vara_ Vara1 ÖVERKALIX",
        "",
    ]
    + [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))],
)
def test_metadata_mentions_equal_the_alternation(text):
    from promisemine.metadata import _mentions

    assert _mentions(text) == _mentions_by_alternation(text)


@pytest.mark.parametrize(
    "text, date",
    [
        ("Publicerad: 22 februari 2022", "2022-02-22"),
        ("Publicerad: 22 FEBRUARI 2022", "2022-02-22"),
        # a date line whose month has a dotless ı, which ``re`` matches as "i"
        ("22 februarı 2022", "2022-02-22"),
    ],
)
def test_metadata_date_month_names_as_the_pattern_reads_them(text, date):
    assert detect_date(text) == date


def test_metadata_dotless_i_month_is_no_internal_error():
    from promisemine.pipeline import extract_text

    doc = extract_text("Rubrik\n\n22 februarı 2022\n\nText.\n")
    assert doc.errors == []


# --------------------------------------------------------------------------- kind: early decision


def _kind_from_every_cue(text: str, title) -> str:
    """The kind as the table defines it: every body cue counted (up to three matches, with
    the plain pattern), and the decision of :func:`_settled_kind` on the exact scores."""
    import itertools
    import re

    from promisemine.metadata import _body_cues, _kind_body, _score_bounds, _settled_kind, _title_cue_hits, _title_cue_weight

    hits = _title_cue_hits(title)
    scores, _ = _score_bounds(hits)
    body = _kind_body(text, title)
    for cue in _body_cues():
        plain = re.compile(cue.pattern.pattern.pattern, re.M)
        scores[cue.kind] += cue.weight * sum(1 for _ in itertools.islice(plain.finditer(body), 3))
    return _settled_kind(scores, scores, _title_cue_weight(hits))


_KIND_EDGE_TEXTS = [
    ("", None),
    ("Kontaktcenter\n\nÖppettider: måndag–fredag 8–16.", "Kontaktcenter"),
    # a tie between promise and follow-up goes to promise
    ("Medborgarlöfte\n\nPolisen lovar att:\n\nI medborgarlöftet lovade vi.", "Medborgarlöfte"),
    # the title cue alone makes it relevant only with a report of what was done
    ("Uppföljning 2020-21\n\nPolisen har genomfört 12 kontroller. Kommunen har arbetat. Det genomfördes möten.", "Uppföljning 2020-21"),
    ("Uppföljning 2020-21\n\nPolisen har genomfört 12 kontroller.", "Uppföljning 2020-21"),
    # many matches of one cue count three times
    ("Medborgarlöfte\n\n" + "Polisen ska. " * 10 + "Vi har genomfört. " * 10, None),
]


@pytest.mark.parametrize(
    "text, title",
    [(p.read_text(encoding="utf-8"), None) for p in sorted(DOCS.glob("*.txt"))] + _KIND_EDGE_TEXTS,
)
def test_metadata_kind_early_decision_agrees_with_every_cue(text, title):
    """Stopping once the cues left cannot change the kind gives the kind of all cues, on the
    corpus, on edge cases, and on each corpus text cut to its first lines (fewer cues decide)."""
    from promisemine.metadata import _effective_title, _kind

    variants = [text] + ["\n".join(text.splitlines()[:n]) for n in (3, 8, 20)]
    for t in variants:
        eff = _effective_title(t, title)
        assert _kind(t, eff) == _kind_from_every_cue(t, eff)


@pytest.mark.parametrize(
    "low, high, title_cue, expected",
    [
        ({"promise": 0, "follow_up": 0, "topic": 0}, {"promise": 1, "follow_up": 1, "topic": 1}, 0, "other"),
        ({"promise": 0, "follow_up": 0, "topic": 0}, {"promise": 9, "follow_up": 9, "topic": 9}, 0, None),
        ({"promise": 6, "follow_up": 2, "topic": 2}, {"promise": 9, "follow_up": 6, "topic": 9}, 0, "promise"),  # ties to promise
        ({"promise": 6, "follow_up": 2, "topic": 2}, {"promise": 9, "follow_up": 6.5, "topic": 9}, 0, None),
        ({"promise": 1, "follow_up": 7, "topic": 2}, {"promise": 6.5, "follow_up": 9, "topic": 9}, 0, "follow_up"),
        ({"promise": 1, "follow_up": 7, "topic": 2}, {"promise": 7, "follow_up": 9, "topic": 9}, 0, None),
        # relevance still open (topic could stay 0), the order settled
        ({"promise": 0, "follow_up": 12, "topic": 0}, {"promise": 3, "follow_up": 15, "topic": 3}, 12, None),
        ({"promise": 0, "follow_up": 14, "topic": 0}, {"promise": 3, "follow_up": 15, "topic": 3}, 12, "follow_up"),
    ],
)
def test_metadata_kind_settled_only_when_every_score_in_range_agrees(low, high, title_cue, expected):
    from promisemine.metadata import _settled_kind

    assert _settled_kind(low, high, title_cue) == expected


def test_metadata_kind_tries_every_cue_when_weights_are_not_halves(monkeypatch):
    """A cue table with weights that are not multiples of 0.5 (sums that depend on their
    order) gets no early decision: every cue is tried, and the kind is that of the scores."""
    import dataclasses

    from promisemine import metadata

    odd = tuple(dataclasses.replace(c, weight=c.weight + 0.3) if c.scope == "body" else c for c in metadata._kind_cues())
    monkeypatch.setattr(metadata, "_kind_cues", lambda: odd)
    monkeypatch.setattr(metadata, "_body_cues", lambda: tuple(c for c in odd if c.scope == "body"))
    monkeypatch.setattr(metadata, "_body_score_maxima", lambda: {"promise": 0.0, "follow_up": 0.0, "topic": 0.0})
    monkeypatch.setattr(metadata, "_weights_are_halves", lambda: False)
    assert not any((2 * c.weight).is_integer() for c in odd if c.scope == "body")
    for path in sorted(DOCS.glob("*.txt"))[:8]:
        text = path.read_text(encoding="utf-8")
        eff = metadata._effective_title(text, None)
        assert metadata._kind(text, eff) == _kind_from_every_cue(text, eff)


# --------------------------------------------------------------------------- years: scans over the folded text

_YEAR_EDGE_TEXTS = [
    "",
    "Publicerad: 4 februari 2019\n\nMedborgarlöftet gäller under perioden januari–december 2019.",
    "Publicerad: 2019-02-04 4 FEBRUARI 2019. Löftet LÖPER ÖVER åren 2023 och 2024, maj-dec 2018.",
    # letters whose fold is another letter (Kelvin sign, long s, dotless ı, dotted İ), longer
    # (ß, ﬁ) or none (U+0307): the masked text's fold and the scans stay exact
    "Uppdaterad: 3 MARS 2021. Aktıviteter under 2022, ſträcker sig över åren 2022–2023.",
    "Straße ﬁnns. Publicerad: 4 februari 2019. Perioden januari till mars 2020, gäller 2020.",
    "Publİcerad: 4 februari 2019. Gälle\u0307r 2019, Juni – augusti 2019 och \u212Aommunen.",
]


@pytest.mark.parametrize("text", _YEAR_EDGE_TEXTS + [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))])
def test_metadata_masked_text_and_its_fold(text):
    """:func:`_mask_dates` blanks what the plain substitutions blank, and gives the fold of
    the masked text whether or not the text lines up with its fold."""
    from promisemine.metadata import _ISO_DATE_MASK, _LABELLED_DATE_MASK, _mask_dates
    from promisemine.prefilter import fold

    def blank(m):
        return " " * len(m.group())

    plain = _LABELLED_DATE_MASK.pattern.sub(blank, _ISO_DATE_MASK.sub(blank, text))
    for folded in (None, fold(text)):
        assert _mask_dates(text, folded) == (plain, fold(plain))


@pytest.mark.parametrize("text", _YEAR_EDGE_TEXTS + [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))])
def test_metadata_strong_year_phrases_found_as_by_the_plain_patterns(text):
    """The period phrases ("januari–december 2022", "gäller under 2019"), gated by their
    words and jumped to in the folded text, are the matches of the plain ``regex`` scans."""
    import regex

    from promisemine.metadata import _STRONG_YEAR_PATTERNS, _STRONG_YEAR_RX, _mask_dates

    masked, folded = _mask_dates(text)
    for pattern, rx in zip(_STRONG_YEAR_PATTERNS, _STRONG_YEAR_RX):
        plain = [(m.span(), m.group()) for m in regex.finditer(pattern, masked, regex.I)]
        assert [(m.span(), m.group()) for m in rx.finditer(masked, folded)] == plain, pattern


# --------------------------------------------------------------------------- shortcuts against the plain scans

_MONTH_RANGE_EDGE_TEXTS = [
    "Aktiviteter maj-dec 2018. Perioden januari – december 2022 och JAN.–MARS\n\n2023.",
    "Under januari–december" + " " * 60 + "2022 och sept.\t\u00a0 2021, dec.2020, maj–juni 2019-2020.",
    # whitespace that str.rstrip strips but the engines' \s does not (U+001C): no month range
    "maj-dec\x1c2018, jan-mar 2010-tal, jan-mar 20190, Maj–Dec 2031",
    # a fold that does not line up (ß, ﬁ, İ) and letters whose fold is another (ſ, K)
    "Straße ﬁnns. Publİcerad: 4 februari 2019. Perioden januari till mars 2020, ſept–deKember 2020.",
    "2020 utan månad, 2021 i text, mars 2022 ensam",
    "jan-feb 2019",
    "",
]


@pytest.mark.parametrize("text", _MONTH_RANGE_EDGE_TEXTS + _YEAR_EDGE_TEXTS + [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))])
def test_metadata_month_range_skipped_only_without_a_match(text):
    """The month range ("maj-dec 2018") is not scanned for when no month name stands before
    a year: then the plain scan finds none either."""
    import regex

    from promisemine.metadata import _MONTH_RANGE_PATTERN, _YEAR_TOKEN, _mask_dates, _month_before_a_year

    for t in (text, text.upper(), text.replace("\n", " ")):
        masked, folded = _mask_dates(t)
        tokens = list(_YEAR_TOKEN.finditer(masked))
        plain = regex.findall(_MONTH_RANGE_PATTERN, masked, regex.I)
        if not _month_before_a_year(masked, folded, tokens):
            assert plain == [], t


@pytest.mark.parametrize(
    "title",
    ["Medborgarlöfte för Götene", "Uppföljning 2020-21", "Publicerad: 4 februari 2019", "Löfte 1999", "Medborgarlöfte 2o19",
     "Medborgarlöfte 20\u200b19", "Skara – 2019-02-04 medborgarlöfte", ""]
    + [p.read_text(encoding="utf-8").splitlines()[0] for p in sorted(DOCS.glob("*.txt"))],
)
def test_metadata_title_without_20_has_no_years(title):
    """A title without "20" is not read for years: the plain reading finds none in it."""
    from promisemine.metadata import _YEAR_SPAN, _mask_dates, _title_years

    if "20" not in title:
        assert _YEAR_SPAN.search(_mask_dates(title)[0]) is None
        for kind in ("promise", "follow_up", "other"):
            assert _title_years(title, kind) == []


@pytest.mark.parametrize(
    "text",
    [
        "Publicerad: 2022-03-23\n\nText.", "PUBLICERAD 4 FEBRUARI 2019", "publ. 2020-01-01 och publicerat 2021-02-02",
        "Datum: 4 feb 2019", "Publİcerad: 4 februari 2019", "Straße. Publicerad: 4 februari 2019", "datumet 2019-01-01",
        "Publicerades den 22 februarı 2022", "Senast uppdaterad 3 mars 2021", "",
    ]
    + [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))],
)
def test_metadata_published_label_first_match_as_the_plain_search(text):
    """The "Publicerad: …" label is found by a jump scan: its first match is the plain search's."""
    from promisemine.metadata import _PUBLISHED
    from promisemine.prefilter import fold

    def span(m):
        return None if m is None else (m.span(), m.group("date"))

    assert span(next(_PUBLISHED.finditer(text, fold(text)), None)) == span(_PUBLISHED.pattern.search(text))
