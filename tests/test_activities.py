"""Tests for promisemine.activities: reported activities of follow-ups.

Every sentence of the tables below is a real sentence of the bundled corpus
(``corpus/docs``) or of its genre; the expected activities — the word the activity
text must contain (the gold ``key``), its quantity and lemma — are those of
``corpus/gold`` and of the output contract (``shared/spec/output-format.md``).
Each sentence is run through the whole per-document pipeline
(:func:`promisemine.pipeline.extract_text`) as a small follow-up: a title line
"Uppföljning medborgarlöfte 2023", a blank line and the sentence(s); a sentence that
stands in a bullet list in its document keeps a list with its lead-in ("Utfallet
blev:"). The corpus test extracts the bundled corpus once and scores activities
against gold the way ``annotation-format.md`` says (span overlaps the gold sentence
and the text contains the key; one-to-one, in gold order).

A case that fails although its expectation follows the gold/spec conventions is kept
and marked ``xfail(strict=True)`` with the input and what the code returns.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

import promisemine
from promisemine.activities import is_action_verb
from promisemine.pipeline import extract_text
from promisemine.reading import decode
from promisemine.records import Activity, Document, Quantity

from corpus_helpers import DOCS, GOLD, find_span

TITLE = "Uppföljning medborgarlöfte 2023"
LEAD_IN = "Utfallet blev:"  # the lead-in of a report list (corpus/docs/090.txt)
# the lead-ins of the report lists of other corpus documents
LEAD_014 = "Polisens insatser:"
LEAD_014_KOMMUN = "Kommunens insatser:"
LEAD_040 = "Övervakningen av trafiken har bl.a. lett till följande:"
LEAD_058 = "Under 2023 har Kungsörs kommun och polisen bland annat genomfört följande:"
LEAD_108 = (
    "Inom ramen för Medborgarlöftet 2017, vilket syftade till att förebygga vidare brott och öka tryggheten och "
    "säkerheten i trafikmiljön, har polisen och kommunen genomfört följande aktiviteter:"
)

FIELDS = ("value", "low", "high", "approx", "vague", "period", "duration")


# --------------------------------------------------------------------------- helpers


def follow_up(body: str) -> Document:
    """``body`` as a small follow-up document, through the whole pipeline."""
    doc = extract_text(f"{TITLE}\n\n{body}\n", source="test.txt", doc_id="t")
    assert doc.errors == []
    assert doc.kind == "follow_up"
    return doc


def bullet(*items: str, lead_in: str = LEAD_IN) -> str:
    """A report list: its lead-in line and one bullet per item."""
    return lead_in + "\n\n" + "\n".join(f"  • {item}" for item in items)


def fields(q: Optional[Quantity]) -> Optional[dict[str, Any]]:
    return None if q is None else {k: getattr(q, k) for k in FIELDS}


def expect(**kw: Any) -> dict[str, Any]:
    d: dict[str, Any] = {k: None for k in FIELDS}
    d["approx"] = False
    d.update(kw)
    return d


class Expected(NamedTuple):
    key: str  # a word the activity text must contain (gold ``key``)
    lemma: Optional[str]
    qtext: Optional[str]  # the gold quantity text, found inside the system quantity text
    quantity: Optional[dict[str, Any]]  # every field of the quantity; None: unquantified
    optional: bool = False  # gold "optional": may or may not be extracted


def act(key: str, lemma: Optional[str] = None, qtext: Optional[str] = None, **q: Any) -> Expected:
    return Expected(key, lemma, qtext, expect(**q) if qtext is not None else None)


def opt(key: str) -> Expected:
    return Expected(key, None, None, None, optional=True)


def has_key(a: Activity, key: str) -> bool:
    return key.casefold() in a.text.replace("\u00a0", " ").casefold()


def align(got: list[Activity], expected: list[Expected]) -> list[tuple[Activity, Expected]]:
    """Pair system activities (in text order) with expected ones (in text order); an
    optional expected activity may be missing. Fails when an activity is left over or a
    required one is missing."""
    pairs = []
    i = 0
    for e in expected:
        if i < len(got) and has_key(got[i], e.key):
            pairs.append((got[i], e))
            i += 1
        elif not e.optional:
            pytest.fail(f"no activity with {e.key!r} at position {i}; got {[a.text for a in got]}")
    assert i == len(got), f"unexpected activities: {[a.text for a in got[i:]]}"
    return pairs


def check(got: list[Activity], expected: list[Expected], *, period: bool = True) -> None:
    for a, e in align(got, expected):
        if e.optional:
            continue
        if e.quantity is None:
            assert a.quantity is None, (a.text, fields(a.quantity))
        else:
            assert a.quantity is not None, a.text
            want, have = dict(e.quantity), fields(a.quantity)
            if not period:
                want.pop("period"), have.pop("period")
            assert have == want, a.text
            assert e.qtext in a.quantity.text, (e.qtext, a.quantity.text)
        assert a.lemma == e.lemma, a.text


# --------------------------------------------------------------------------- the sentence table

REPORTING_YEAR = (
    "a report's 'under året' is the period reported on, not a frequency: output-format.md gives "
    "period only 'for frequencies' and gold has no period here, but the activity quantity carries "
    "period='P1Y' (quantities.find merges 'under året'; tests/test_quantities.py pins that at find() level)"
)

ACTIVITIES = [
    pytest.param(
        'Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar i dessa områden och i Skaras centrala delar.',
        [act('patrulleringar', 'patrullering', 'ett 80-tal', value=80, approx=True)],
        id='000-a1',
    ),
    pytest.param(
        'Det genomfördes även en trygghetsvandring tillsammans med kommunen och aktörerna runt busstationen i Skara.',
        [act('trygghetsvandring', 'trygghetsvandring', 'en', value=1)],
        id='000-a2',
    ),
    pytest.param(
        'Då alkohol är en parameter som påverkar trygghetskänslan, utfördes även en krogkontroll (utan anmärkning), och alkohol förverkades på Hötorget.',
        [act('krogkontroll', 'krogkontroll', 'en', value=1), act('förverkades', None)],
        id='000-a3a4',
    ),
    pytest.param(
        'Eftersom relationsskapande till barn och unga är viktigt och en trygghetsskapande faktor, gjorde polisen under året ett 40-tal besök på skolorna i kommunen och på fritidsgården i Skara stad.',
        [act('besök', 'besök', 'ett 40-tal', value=40, approx=True)],
        id='000-a5',
    ),
    pytest.param(
        'Sex stycken nya Grannsamverkansgrupper startades och ett 70-tal möten med polisens olika samverkanspartners genomfördes.',
        [act('Grannsamverkansgrupper', 'grannsamverkansgrupp', 'Sex stycken', value=6), act('möten', 'möte', 'ett 70-tal', value=70, approx=True)],
        id='000-a6a7',
    ),
    pytest.param(
        'Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller och en narkotikainsats med inriktning på ungdomar/yngre vuxna i Skara och Lidköpings kommun.',
        [act('trafikkontroller', 'trafikkontroll', '64 stycken', value=64), act('narkotikainsats', 'narkotikainsats', 'en', value=1)],
        id='000-a9a10',
    ),
    pytest.param(
        'Genom denna insats, kom polisen i kontakt med 25 personer som tidigare inte figurerat i narkotikasammanhang.',
        [act('personer', 'person', '25', value=25)],
        id='000-a11',
    ),
    pytest.param(
        'Polisen har under året rört sig i krogmiljöer och otrygga platser för att bland annat förebygga drogförsäljning och förhindra missbruk.',
        [act('krogmiljöer', None)],
        id='001-a1',
    ),
    pytest.param(
        'Vi har använt hund vid sök i skolmiljö och med uniformerad polis gjort besök vid våra högstadie- och gymnasieskolor.',
        [act('hund', None), act('besök', None)],
        id='001-a2a3',
    ),
    pytest.param(
        'Polisen har också under året gjort insatser mot narkotika.',
        [act('insatser', None)],
        id='001-a4',
    ),
    pytest.param(
        'Vid dessa insatser och vid andra tillfällen har polisen använt sig av orossamtal med ungdomar som befinner sig i riskzonen för narkotikamissbruk.',
        [act('orossamtal', None)],
        id='001-a5',
    ),
    pytest.param(
        'Polisen har jobbat med hög synlighet och närvaro i vår krogmiljö samt vid platser som uppfattas som otrygga inom kommunen.',
        [act('synlighet', None)],
        id='001-a6',
    ),
    pytest.param(
        'Inom trafiken har vi genomfört hastighets- och nykterhetskontroller på platser som upplevs som otrygga.',
        [act('nykterhetskontroller', None)],
        id='001-a7',
    ),
    pytest.param(
        'Under 2019 har vi tillsammans med Lidköpings kommun, fastighetsägare, näringslivet och skolan påbörjat ett arbete med att dela lägesbilder.',
        [act('lägesbilder', None)],
        id='001-a8',
    ),
    pytest.param(
        'Polisen har också medverkat vid kommunens landsbygdsråd och på så sätt fått en bra inblick och en bra kontakt med boende utanför vår huvudtätort.',
        [act('landsbygdsråd', None)],
        id='001-a9',
    ),
    pytest.param(
        'Polisen har regelbundet samverkat med kommunen i befintliga samverkansgrupper gällande ungdomar, och gemensamt har vi startat upp nya grupper med bland annat socialtjänst och skola.',
        [act('samverkansgrupper', None), act('startat upp', None)],
        id='002-a1a2',
    ),
    pytest.param(
        'Vi har genomfört orossamtal med ungdomar och vårdnadshavare tillsammans med socialtjänsten och skola i ett led att förebygga den skadegörelse som har varit 2020.',
        [act('orossamtal', None)],
        id='002-a3',
    ),
    pytest.param(
        'Vi har jobbat tipsbaserat mot narkotika och ungdomar och varit kontaktskapande och gränssättande',
        [act('tipsbaserat', None)],
        id='002-a5',
    ),
    pytest.param(
        'I våras hade vi träff med gymnasielever för att stämma av läget bland unga och droger och berätta hur vi jobbar i samverkan.',
        [act('träff', None)],
        id='002-a6',
    ),
    pytest.param(
        'Skolan har till stor del haft distansundervisning men innan dess genomförde vi spontana och relationsskapande besök på skolor och fritidsgårdar.',
        [act('besök', None)],
        id='002-a7',
        marks=pytest.mark.xfail(strict=True, reason=("gold 002 a7: one activity (besök); 'Skolan har till stor del haft distansundervisning' is the school's "
            "state, not a reported activity of police or municipality; the code returns it as a second activity")),
    ),
    pytest.param(
        'Vi har även haft drogrelaterade insatser mot unga i skolmiljö just för att förebygga drogförsäljning och förhindra missbruk.',
        [act('insatser', None)],
        id='002-a8',
    ),
    pytest.param(
        'Polisen har jobbat aktivt med hög synlighet och närvaro i bil och till fots vid platser som genom vårt lägesbildsarbete uppfattas som otrygga inom kommunen. '
        'Patrullering och närvaro vid skolor och resecentra, insatser och spaningsuppdrag mot kända platser och individer.',
        [act('synlighet', None), act('Patrullering', None)],
        id='002-a9a10-paragraph',
    ),
    pytest.param(
        'Polisen har också medverkat vid uppstart av nya grannsamverkansområden.',
        [act('grannsamverkansområden', None)],
        id='002-a11',
    ),
    pytest.param(
        'Inom trafiken har vi genomfört hastighetskontroller, nykterhetskontroller och övervakning i och utanför tätort, bearbetat inkomna tips inriktat på motorburen problematik och störande körning. '
        'Tillsyn och närvaro vid spontan cruising och A-traktorträffar.',
        [act('hastighetskontroller', None), opt('tips'), act('cruising', None)],
        id='002-a12a13a14-paragraph',
    ),
    pytest.param(
        'Från polisens sida resulterade informationen från EST bland annat i fler kontroller av polis vid ungdomsgården i Götene och de centrala delarna kvälls och nattetid.',
        [act('kontroller', 'kontroll', 'fler', vague='more')],
        id='003-a2',
    ),
    pytest.param(
        'Det genomfördes även många fotpatruller i centrala Götene under året samt ett 20-tal skolbesök, utöver de planerade samtalen som skedde med årskurs 7.',
        [act('fotpatruller', 'fotpatrull', 'många', vague='many'), act('skolbesök', 'skolbesök', 'ett 20-tal', value=20, approx=True), opt('samtalen')],
        id='003-a3a4a5',
    ),
    pytest.param(
        'Under hösten fanns även representanter från polisen med vid seniormässan i Götene.',
        [act('seniormässan', None)],
        id='003-a6',
    ),
    pytest.param(
        'Under året har polisen genomfört en större insats, riktad mot samtliga klasser i årskurs 7 i Götene kommun, i det brottsförebyggande arbetet.',
        [act('insats', 'insats', 'en', value=1)],
        id='003-a7',
    ),
    pytest.param(
        'Under två timmars tid har polis varit i klasserna och svarat på frågor samt informerat om olika ämnen kopplat till lag och rätt.',
        [act('klasserna', 'timme', 'två timmars', value=2, duration='PT2H')],
        id='003-a8',
    ),
    pytest.param(
        'Polisen har också under året gjort riktade insatser mot narkotika.',
        [act('insatser', None)],
        id='003-a10',
    ),
    pytest.param(
        'Vid dessa insatser, och vid andra tillfällen, har polisen använt sig av orossamtal.',
        [act('orossamtal', None)],
        id='003-a11',
    ),
    pytest.param(
        'För att ytterligare fånga upp ungdomar i riskzon har Götene kommun, tillsammans med polisen, fritid och socialtjänsten börjat startat upp SSPF.',
        [act('SSPF', None)],
        id='003-a12',
    ),
    pytest.param(
        'Löpande under året publicerades inlägg på polisens sociala medier för att informera allmänheten om vilket arbete som bedrivs samt för att förebygga brott.',
        [act('inlägg', None)],
        id='003-a13',
    ),
    pytest.param(
        'Våra volontärer, inom polisen, har vid ett par tillfälle varit ute i kommunen och föreläst kring ämnet bedrägeri och hur man kan skydda sig mot detta.',
        [act('föreläst', 'tillfälle', 'ett par', value=2, approx=True)],
        id='003-a14',
    ),
    pytest.param(
        'Det brottsförebyggande arbetet i trafiken har bestått i ett flertal genomförda trafikkontroller i kommunen.',
        [act('trafikkontroller', 'trafikkontroll', 'ett flertal', vague='several')],
        id='003-a15',
    ),
    pytest.param(
        'En tidningsartikel i den lokala tidningen publicerades under hösten kring bl.a. felaktiga beteenden i trafiken.',
        [act('tidningsartikel', 'tidningsartikel', 'En', value=1)],
        id='003-a16',
    ),
    pytest.param(
        'Inför skolavslutningen låg fokuset på ungas alkoholkonsumtion och upplysning kring detta.',
        [act('upplysning', None)],
        id='003-a17',
        marks=pytest.mark.xfail(strict=True, reason=("gold 003 a17 (not optional): upplysning before the school holidays; the code returns no activity "
            "('låg fokuset på' is no action verb)")),
    ),
    pytest.param(
        'Grannsamverkansgrupperna har fortsatt få relevant information varje kvartal och ett par stormöten har hållits under året.',
        [act('information', 'information', 'varje kvartal', period='P3M'), act('stormöten', 'stormöte', 'ett par', value=2, approx=True)],
        id='003-a18a19',
    ),
    pytest.param(
        bullet('Regelbundna samverkansmöten mellan skola-socialtjänst-polis- fritid för en gemensam lägesbild i kommunen.', lead_in=LEAD_014),
        [act('samverkansmöten', None)],
        id='014-a1',
    ),
    pytest.param(
        bullet('Samtal och möten med kommuninvånare angående den upplevda trygghet och otryggheten, grannsamverkansmöten.', lead_in=LEAD_014),
        [act('möten', None)],
        id='014-a2',
    ),
    pytest.param(
        bullet('Besökt fritidsgård och skolor, kontakt med ungdomar o skolpersonal, medverkat vid föräldramöten.', lead_in=LEAD_014),
        [act('Besökt', None), act('föräldramöten', None)],
        id='014-a3a4',
    ),
    pytest.param(
        bullet('Jobbat tipsbaserat mot narkotika och ungdomar.', lead_in=LEAD_014),
        [act('tipsbaserat', None)],
        id='014-a5',
    ),
    pytest.param(
        bullet('Möten med politiker, tjänstemän, fastighetsägare, näringsliv och säkerhetschef i kommunen.', lead_in=LEAD_014),
        [act('Möten', None)],
        id='014-a6',
    ),
    pytest.param(
        bullet('Riktade kontroller och flygande besiktningar av mopeder och A-traktorer – hembesök och föräldrakontakter.', lead_in=LEAD_014),
        [act('kontroller', None), opt('hembesök')],
        id='014-a7a8',
    ),
    pytest.param(
        bullet('Hastighet och nykterhetskontroller samt trafikövervakning i tätort och ytterområden.', lead_in=LEAD_014),
        [act('nykterhetskontroller', None)],
        id='014-a9',
    ),
    pytest.param(
        bullet('Fordons och förarkontroller vid cruising - nykterhet, flygande besiktningar och direktförverkande av alkohol.', lead_in=LEAD_014),
        [act('förarkontroller', None), opt('direktförverkande')],
        id='014-a10a11',
    ),
    pytest.param(
        bullet('Nationella trafikveckor med focus på alkohol och droger.', lead_in=LEAD_014),
        [act('trafikveckor', None)],
        id='014-a13',
    ),
    pytest.param(
        bullet('Patrullering och kontroller vid för oss ”kända” adresser.', lead_in=LEAD_014),
        [act('Patrullering', None)],
        id='014-a14',
    ),
    pytest.param(
        bullet('Mobila poliskontoret på torget en dag i veckan.', lead_in=LEAD_014),
        [act('poliskontoret', 'poliskontor', 'en dag i veckan', value=1, period='P1W', duration='P1D')],
        id='014-a15',
        marks=pytest.mark.xfail(strict=True, reason=("lemma is the thing done, not the frequency unit (output-format.md; gold 014 a15: poliskontor); "
            "the code returns lemma 'dag' from 'en dag i veckan'")),
    ),
    pytest.param(
        bullet('Spaning/tvångsmedelssökande/husrannsakan – anträffat gods.', lead_in=LEAD_014),
        [act('husrannsakan', None)],
        id='014-a16',
    ),
    pytest.param(
        bullet('Uppsökande och detekterande arbete som syftar till att nå häktning och lagföring.', lead_in=LEAD_014),
        [act('Uppsökande', None)],
        id='014-a17',
    ),
    pytest.param(
        bullet('Stor närvaro och många kontroller, rapporteringar och tillsägelser.', lead_in=LEAD_014),
        [act('kontroller', 'kontroll', 'många', vague='many')],
        id='014-a18',
    ),
    pytest.param(
        bullet('Synlighet i bil och till fots.', lead_in=LEAD_014),
        [act('Synlighet', None)],
        id='014-a19',
    ),
    pytest.param(
        bullet('Trygghetsskapande åtgärder i trafikmiljön med focus på påverkade förare i trafiken, bristfälliga fordon och trafikfarliga beteenden.', lead_in=LEAD_014),
        [act('åtgärder', None)],
        id='014-a21',
    ),
    pytest.param(
        bullet('Har haft tätare kontakter mellan polis och socialtjänst.', lead_in=LEAD_014_KOMMUN),
        [act('kontakter', None)],
        id='014-a22',
    ),
    pytest.param(
        bullet('Erbjudit samtalsstöd till ungdomar i riskzon.', lead_in=LEAD_014_KOMMUN),
        [act('samtalsstöd', None)],
        id='014-a23',
    ),
    pytest.param(
        bullet('Kommunen har genomfört förebyggande arbete genom ungdomsmottagningen.', lead_in=LEAD_014_KOMMUN),
        [act('förebyggande', None)],
        id='014-a24',
    ),
    pytest.param(
        'Under 2021 genomförde polisen i östra Skaraborg ett flertal trafikkontroller i Hjo kommun vilket resulterade i 114 stycken böter (ordningsförelägganden) Kontrollerna har skett både i tätort och på övriga vägnätet i Hjo kommun.',
        [act('trafikkontroller', 'trafikkontroll', 'ett flertal', vague='several'), act('böter', 'böter', '114 stycken', value=114)],
        id='018-a1a2',
    ),
    pytest.param(
        'Många samtal och kontroller har genomförts med de ungdomar som äger eller vistas runt A-traktorer med det f',
        [act('samtal', 'samtal', 'Många', vague='many')],
        id='018-a5',
    ),
    pytest.param(
        'Under året har polisen utfört minst 50 fasta trafikkontroller i Essunga kommun.',
        [act('trafikkontroller', 'trafikkontroll', 'minst 50', low=50)],
        id='040-a1',
    ),
    pytest.param(
        bullet('37 ordningsförelägganden har utfärdats.', lead_in=LEAD_040),
        [act('ordningsförelägganden', 'ordningsföreläggande', '37', value=37)],
        id='040-a3',
    ),
    pytest.param(
        bullet('Vid 11 tillfällen har polisen rapporterat personer för olovlig eller grov olovlig körning.', lead_in=LEAD_040),
        [act('rapporterat', 'tillfälle', '11', value=11)],
        id='040-a5',
    ),
    pytest.param(
        bullet('16 fall av rattfyllerier har rapporterats.', lead_in=LEAD_040),
        [act('rattfyllerier', 'rattfylleri', '16', value=16)],
        id='040-a6',
    ),
    pytest.param(
        bullet('Utöver detta har polisen skrivit 31 övriga anmälningar om diverse andra trafikbrott.', lead_in=LEAD_040),
        [act('anmälningar', 'anmälan', '31', value=31)],
        id='040-a9',
    ),
    pytest.param(
        'Polisen har rent allmänt jobbat för att öka närvaron i kommunen.',
        [act('närvaron', None)],
        id='040-a10',
    ),
    pytest.param(
        'Bl.a. har vi närvarat i Nossebro tätort genom fotpatrull vid ca 35 tillfällen.',
        [act('fotpatrull', 'tillfälle', 'ca 35', value=35, approx=True)],
        id='040-a11',
    ),
    pytest.param(
        'Polisen har under året haft tät kontakt med kommunen gällande samverkan kring frågorna ovan.',
        [act('kontakt', None)],
        id='040-a12',
    ),
    pytest.param(
        'Ett 25-tal spontanbesök i kommunens skolor har genomförts.',
        [act('spontanbesök', 'spontanbesök', 'Ett 25-tal', value=25, approx=True)],
        id='040-a13',
    ),
    pytest.param(
        bullet('Under året genomfördes förebyggande narkotikasök med polishund på två skolor och vid ett tillfälle av kommunen genom privat aktör.', lead_in=LEAD_058),
        [act('narkotikasök', 'skola', 'två', value=2), act('tillfälle', 'tillfälle', 'ett', value=1)],
        id='058-a2a3',
    ),
    pytest.param(
        bullet('Kommunpolisen och RTMD har under februari genomfört fyra informationsträffar med elever på Kung Karls skola kopplat till flertalet utlösta brandlarm.', lead_in=LEAD_058),
        [act('informationsträffar', 'informationsträff', 'fyra', value=4)],
        id='058-a4',
    ),
    pytest.param(
        bullet('Fältning av funktion på Socialtjänsten har gjorts i olika sammanhang vid 11 tillfällen.', lead_in=LEAD_058),
        [act('Fältning', 'tillfälle', '11', value=11)],
        id='058-a5',
    ),
    pytest.param(
        bullet('Därutöver en löpande närvaro på skolor och fritidsgårdar.', lead_in=LEAD_058),
        [act('närvaro', None)],
        id='058-a6',
    ),
    pytest.param(
        bullet('Polisen har vid minst 14 tillfällen besökt skolor i Kungsö', lead_in=LEAD_058),
        [act('besökt', 'tillfälle', 'minst 14', low=14)],
        id='058-a7',
    ),
    pytest.param(
        bullet('Hög synlighet genom så kallad "hot spot"-pratullering, där polisen patrullerar på utvalda platser på olika tider.'),
        [act('synlighet', None)],
        id='090-a1',
    ),
    pytest.param(
        bullet('Elva riktade narkotikainsatser'),
        [act('narkotikainsatser', 'narkotikainsats', 'Elva', value=11)],
        id='090-a2',
    ),
    pytest.param(
        bullet('Fyra trafikinsatser under kvälls- och nattetid'),
        [act('trafikinsatser', 'trafikinsats', 'Fyra', value=4)],
        id='090-a3',
    ),
    pytest.param(
        'I slutet av 2017 genomfördes en trygghetsmätning bland kommunens invånare.',
        [act('trygghetsmätning', 'trygghetsmätning', 'en', value=1)],
        id='108-a1',
    ),
    pytest.param(
        bullet('Polisen har genomfört 42 trafikkontroller under året.', lead_in=LEAD_108),
        [act('trafikkontroller', 'trafikkontroll', '42', value=42)],
        id='108-a2',
    ),
    pytest.param(
        bullet('I kontrollerna upptäcktes 8 personer som misstänkts för alkoholrattfylleri och 6 personer som misstänkts för drograttfylleri.', lead_in=LEAD_108),
        [act('personer', 'person', '8', value=8), act('personer', 'person', '6', value=6)],
        id='108-a3a4',
    ),
    pytest.param(
        bullet('Ordningsböter har utfärdats till 63 personer för olika brott, huvudsakligen trafikbrott.', lead_in=LEAD_108),
        [act('personer', 'person', '63', value=63)],
        id='108-a5',
    ),
    pytest.param(
        bullet('Kommunen har via sin hemsida informerat om möjligheten för kommuninvånarna att, via E-förslag, E-post och funktionen Säg-vad-du-tycker, lämna synpunkter på trygghet och brottslighet i Oxelösund.', lead_in=LEAD_108),
        [act('informerat', None)],
        id='108-a7',
    ),
    pytest.param(
        bullet('Polisens och kommunens ledningsfunktioner har träffats regelbundet för att informera varandra och diskutera aktuella lägen och händelser i Oxelösund.', lead_in=LEAD_108),
        [act('träffats', None)],
        id='108-a8',
    ),
    pytest.param(
        bullet('Polisens insatser mot narkotika har resulterat i 31 anmälningar', lead_in=LEAD_108),
        [act('anmälningar', 'anmälan', '31', value=31)],
        id='108-a9',
    ),
    pytest.param(
        'Polisen och Essunga kommun har aktivt jobbat mot störande trafik, höga hastigheter, förekomsten av bristfälliga fordon och påverkade förare i centrala Nossebro.',
        [act('jobbat', None)],
        id='138-a1',
    ),
    pytest.param(
        'Under 2017 har polisen genomfört 14 kontroller/insatser i centrala Nossebro.',
        [act('kontroller', 'kontroll', '14', value=14)],
        id='138-a2',
    ),
    pytest.param(
        'Vid dessa har det tagits ca 200 rutinmässiga alkoholprov men endast en har varit positiv på alkohol.',
        [act('alkoholprov', 'alkoholprov', 'ca 200', value=200, approx=True), opt('positiv')],
        id='138-a3a4',
    ),
    pytest.param(
        'Polisen har tagit tre fordon i beslag för teknisk undersökning (kontrollbesiktning) och de har även ertappat ett tiotal förare som saknar körkort.',
        [act('fordon', 'fordon', 'tre', value=3), act('förare', 'förare', 'ett tiotal', value=10, approx=True)],
        id='138-a7a8',
    ),
    pytest.param(
        'En efterlyst person och ett efterlyst fordon har fastnat i nätet.',
        [act('person', 'person', 'En', value=1), act('fordon', 'fordon', 'ett', value=1)],
        id='138-a10a11',
    ),
    pytest.param(
        'Vi har bland annat gjort ett drogförebyggande sök med narkotikahund i Nossebro skola på initiativ från skolan.',
        [act('sök', 'sök', 'ett', value=1)],
        id='139-a1',
    ),
    pytest.param(
        'Vi har medverkat vid informationsdag om trafik för åk 8 och vi har genomfört trafikkontroller som både varit planerade och spontana.',
        [act('informationsdag', None), act('trafikkontroller', None)],
        id='139-a2a3',
    ),
    pytest.param(
        'Uppskattningsvis har cirka 300 bilister har stoppats vid spontana kontroller.',
        [act('bilister', 'bilist', 'cirka 300', value=300, approx=True)],
        id='139-a4',
    ),
    pytest.param(
        'Det har upprättats omkring 85 stycken trafikrelaterade brottsrapporter där vi bland annat rapporterat olovliga körningar, drog-eller alkoholpåverkan, vårdslöshet i trafik med mera.',
        [act('brottsrapporter', 'brottsrapport', 'omkring 85 stycken', value=85, approx=True)],
        id='139-a6',
    ),
    pytest.param(
        'Polisen har omhändertagit ett flertal ombyggda bilar för teknisk undersökning.',
        [act('bilar', 'bil', 'ett flertal', vague='several')],
        id='139-a7',
    ),
    pytest.param(
        'Genom ökad synlighet och fler trafikkontroller har polisen rapporterat ett 30-tal narkotikabrott.',
        [act('narkotikabrott', 'narkotikabrott', 'ett 30-tal', value=30, approx=True)],
        id='139-a8',
    ),
    pytest.param(
        'Polis har genomfört spontana besök på skolor och fritidsgård samt patrullerat i centrala Nossebro särskilt vid utsatta områden.',
        [act('besök', None), act('patrullerat', None)],
        id='139-a9a10',
    ),
    pytest.param(
        'Polisen har medverkat vid medborgardialoger, tätortsvandringar, möten och sammankomster riktade till medborgaren för att ta till sig problemområden och för att göra insatser i syfte att stärka den upplevda tryggheten.',
        [act('medborgardialoger', None)],
        id='139-a11',
    ),
    pytest.param(
        'Polis har också medverkat till uppstart av nya grannsamverkansområden och vid möten med redan etablerade områden',
        [act('grannsamverkansområden', None)],
        id='139-a12',
    ),
    pytest.param(
        'Ett 50-tal trafikkontroller i kommunen med både riktade större insatser mot buskörning med bilar, A-traktorer, EPA-traktorer och mopeder.',
        [act('trafikkontroller', 'trafikkontroll', 'Ett 50-tal', value=50, approx=True)],
        id='140-a1',
    ),
    pytest.param(
        'För att ytterligare öka trafiksäkerheten och tryggheten i kommunen har polisen genomfört punktinstaser där fordon och förare kontrollerats på andra platser utanför kommunens tätorter.',
        [act('punktinstaser', None)],
        id='140-a2',
    ),
    pytest.param(
        'Vid kontrollerna har ca 500 fordon och förare kontrollerats.',
        [act('fordon', 'fordon', 'ca 500', value=500, approx=True)],
        id='140-a3',
    ),
    pytest.param(
        'Det har upptäckts och rapporterats 25 olovliga körningar.',
        [act('körningar', 'körning', '25', value=25)],
        id='140-a4',
    ),
    pytest.param(
        'Utöver de påverkade förarna har ytterligare tio personer rapporterats för innehav eller påverkan av droger.',
        [act('personer', 'person', 'tio', value=10)],
        id='140-a6',
    ),
    pytest.param(
        'Ett 50-tal ordningsbot har utfärdats för hastighetsöverträdelse, beteendebrott och andra trafikbrott',
        [act('ordningsbot', 'ordningsbot', 'Ett 50-tal', value=50, approx=True)],
        id='140-a7',
    ),
    pytest.param(
        'Polis har genomfört 8 spontana besök på skolor och fritidsgård samt ytterligare ett 15-tal fotpatrullering i central',
        [act('besök', 'besök', '8', value=8), act('fotpatrullering', 'fotpatrullering', 'ett 15-tal', value=15, approx=True)],
        id='140-a8a9',
    ),
    # --- real paragraphs: reported activities among background, plans and comments
    pytest.param(
        "Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar i dessa områden och i Skaras centrala delar. "
        "Det genomfördes även en trygghetsvandring tillsammans med kommunen och aktörerna runt busstationen i Skara. "
        "Detta för att åskådliggöra otrygga zoner och vidta förbättringsåtgärder.",
        [act("patrulleringar", "patrullering", "ett 80-tal", value=80, approx=True),
         act("trygghetsvandring", "trygghetsvandring", "en", value=1)],
        id="000-paragraph",
    ),
    pytest.param(
        "Löpande under året publicerades inlägg på polisens sociala medier för att informera allmänheten om vilket "
        "arbete som bedrivs samt för att förebygga brott. Brottskategorier som ökat är bedrägerier och stölder. "
        "En tydlig tränd som kan ses i hela landet. Våra volontärer, inom polisen, har vid ett par tillfälle varit ute "
        "i kommunen och föreläst kring ämnet bedrägeri och hur man kan skydda sig mot detta. "
        "Detta kommer de att fortsätta med under 2024.",
        [act("inlägg"), act("föreläst", "tillfälle", "ett par", value=2, approx=True)],
        id="003-paragraph",
    ),
    pytest.param(
        "Polisen har under året haft tät kontakt med kommunen gällande samverkan kring frågorna ovan. En viktig del i "
        "detta är de kontinuerliga samverkansmöten som kallas EEST. Där görs korta avstämningar om nuläget i kommunen "
        "och då indikationer om narkotikamissbruk finns kan detta direkt följas upp.",
        [act("kontakt")],
        id="040-paragraph",
    ),
    pytest.param(
        "Under året har polisen utfört minst 50 fasta trafikkontroller i Essunga kommun. Detta utöver de kontroller "
        "som sker löpande då vi rör oss i trafiken.",
        [act("trafikkontroller", "trafikkontroll", "minst 50", low=50)],
        id="040-paragraph-2",
    ),
    pytest.param(
        bullet(
            "37 ordningsförelägganden har utfärdats. D.v.s. böter som polisen skriver direkt på plats. "
            "16 av dessa har gällt för höga hastigheter.",
            "Vid 11 tillfällen har polisen rapporterat personer för olovlig eller grov olovlig körning. "
            "D.v.s. personer som kör utan körkort.",
            lead_in=LEAD_040,
        ),
        [act("ordningsförelägganden", "ordningsföreläggande", "37", value=37), opt("hastigheter"),
         act("rapporterat", "tillfälle", "11", value=11)],
        id="040-list",
    ),
    pytest.param(
        bullet(
            "Under året genomfördes förebyggande narkotikasök med polishund på två skolor och vid ett tillfälle av "
            "kommunen genom privat aktör. Inga fynd eller markeringar gjordes.",
            lead_in=LEAD_058,
        ),
        [act("narkotikasök", "skola", "två", value=2), act("tillfälle", "tillfälle", "ett", value=1)],
        id="058-bullet-with-no-finds",
    ),
]


@pytest.mark.parametrize("body, expected", ACTIVITIES)
def test_activities_extracts_reported_activities(body, expected):
    check(follow_up(body).activities, expected)


def test_activities_table_is_large_and_from_the_corpus():
    """The table holds at least 30 sentences, and every gold sentence it quotes is in the corpus."""
    assert len(ACTIVITIES) >= 30
    corpus = " ".join(" ".join(decode(p.read_bytes())[0].split()) for p in DOCS.glob("*.txt"))
    for param in ACTIVITIES:
        body = param.values[0]
        for line in body.splitlines():
            line = line.strip().lstrip("•").strip()
            if line:
                assert line in corpus, line


@pytest.mark.parametrize(
    "body, expected",
    [pytest.param(*p.values, id=p.id) for p in ACTIVITIES if p.id in {"003-a3a4a5", "003-a18a19", "108-a2"}],
)
def test_activities_reporting_year_rows_are_right_apart_from_period(body, expected):
    """The rows xfailed for the 'under året' period are right in everything else."""
    check(follow_up(body).activities, expected, period=False)


# --------------------------------------------------------------------------- actors


@pytest.mark.parametrize(
    "body, actors",
    [
        pytest.param(
            "Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar i dessa områden och i Skaras centrala delar.",
            ["police"], id="polisen",
        ),
        pytest.param(
            "Det genomfördes även en trygghetsvandring tillsammans med kommunen och aktörerna runt busstationen i Skara.",
            ["joint"], id="tillsammans-med-kommunen",
        ),
        pytest.param(
            "För att ytterligare fånga upp ungdomar i riskzon har Götene kommun, tillsammans med polisen, fritid och socialtjänsten börjat startat upp SSPF.",
            ["joint"], id="kommun-tillsammans-med-polisen",
        ),
        pytest.param(
            "Polisen och Essunga kommun har aktivt jobbat mot störande trafik, höga hastigheter, förekomsten av bristfälliga fordon och påverkade förare i centrala Nossebro.",
            ["joint"], id="polisen-och-kommun",
        ),
        pytest.param(
            bullet("Polisens och kommunens ledningsfunktioner har träffats regelbundet för att informera varandra och diskutera aktuella lägen och händelser i Oxelösund."),
            ["joint"], id="polisens-och-kommunens",
        ),
        pytest.param(
            bullet("Kommunen har via sin hemsida informerat om möjligheten för kommuninvånarna att, via E-förslag, E-post och funktionen Säg-vad-du-tycker, lämna synpunkter på trygghet och brottslighet i Oxelösund."),
            ["municipality"], id="kommunen",
        ),
        pytest.param(
            "Inom trafiken har vi genomfört hastighets- och nykterhetskontroller på platser som upplevs som otrygga.",
            ["police"], id="vi-in-a-police-follow-up",
        ),
        pytest.param(
            "Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller och en narkotikainsats med inriktning på ungdomar/yngre vuxna i Skara och Lidköpings kommun.",
            ["police", "police"], id="polisen-in-lidkopings-kommun",
        ),
        pytest.param(
            "Polisen har också medverkat vid kommunens landsbygdsråd och på så sätt fått en bra inblick och en bra kontakt med boende utanför vår huvudtätort.",
            ["police"], id="polisen-vid-kommunens-landsbygdsrad",
        ),
        pytest.param(
            "Vi har bland annat gjort ett drogförebyggande sök med narkotikahund i Nossebro skola på initiativ från skolan.",
            ["police"], id="vi-i-nossebro-skola",
        ),
        pytest.param(
            bullet("Under året genomfördes förebyggande narkotikasök med polishund på två skolor och vid ett tillfälle av kommunen genom privat aktör.", lead_in=LEAD_058),
            ["police", "municipality"], id="polishund-and-av-kommunen",
            marks=pytest.mark.xfail(strict=True, reason=(
                "gold 058 a2 says police (the polishund); the code takes the agentless passive's doer from the "
                "list's lead-in 'Kungsörs kommun och polisen … genomfört följande:' and returns joint")),
        ),
        pytest.param(
            bullet("Har haft tätare kontakter mellan polis och socialtjänst.", "Erbjudit samtalsstöd till ungdomar i riskzon.", lead_in=LEAD_014_KOMMUN),
            ["municipality", "municipality"], id="list-kommunens-insatser",
        ),
    ],
)
def test_activities_actor_named_in_the_text(body, actors):
    assert [a.actor for a in follow_up(body).activities] == actors


# --------------------------------------------------------------------------- no activity


@pytest.mark.parametrize(
    "body",
    [
        # area-wide crime totals
        pytest.param("571 stycken brott anmäldes i Hjo kommun som är att jämföra med år 2020 då 594 brott anmäldes.", id="crime-total-hjo"),
        pytest.param("Under 2017 anmäldes det ca 450 brott vilket är ca 50 färre än 2016.", id="crime-total-essunga"),
        pytest.param(
            "Ur polisiär synvinkel är Essunga kommun en relativt trygg kommun om man enbart ser till antal anmälda brott. "
            "Under 2017 anmäldes det ca 450 brott vilket är ca 50 färre än 2016. Största minskingen är våldsbrott och skadegörelse. "
            "Bland det som ökat något finns trafikbrott och narkotikabrott. "
            "Detta kan förklaras med att polisen genomfört fler kontroller och på det sättet upptäckt fler brott.",
            id="crime-statistics-paragraph",
        ),
        pytest.param("Man kan konstatera att den anmälda brottsligheten inom Mariestads kommun har ökat under en treårsperiod.", id="crime-trend"),
        # survey results
        pytest.param("Trygghetsmätningen visar att 80 procent av invånarna känner sig trygga i centrum.", id="survey-percent"),
        pytest.param("Lägesbilden visar att medborgarna önskar en mer synlig och tillgänglig polis.", id="survey-lagesbild"),
        pytest.param("Medborgarna önskar en mer synlig och tillgänglig polis som är viktig för en ökad upplevd trygghet.", id="survey-wish"),
        # future intentions and plans
        pytest.param("Detta kommer de att fortsätta med under 2024.", id="future-fortsatta"),
        pytest.param("Detta arbete kommer att fortsätta och utvecklas under 2021.", id="future-utvecklas"),
        pytest.param("Ett område som kommer att prioriteras under 2019 är att motarbeta användandet av narkotika bland unga.", id="future-prioriteras"),
        # general present-tense ways of working
        pytest.param(
            "I arbetet mot narkotika jobbar polisen brett och använder sig av bland annat trafikkontroller, riktat arbete "
            "gentemot inkomna tips, narkotikasök med polishund i skolmiljö och besök bland ungdomar där samtalen "
            "eftersträvar att generera i bra diskussioner.",
            id="way-of-working-narkotika",
        ),
        pytest.param(
            "Kommunen och polisen fortsätter att tillsammans arbeta enligt metoden ”Effektiv Samordning för Trygghet” (EST) "
            "som har använts sedan 2017 i Götene kommun.",
            id="way-of-working-est",
        ),
        pytest.param("Där görs kortare avstämningar om nuläget i kommunen.", id="way-of-working-gors"),
        pytest.param("Rapporter om otrygghet skickas in, av olika rapportörer, via en applikation i mobiltelefonen.", id="way-of-working-skickas"),
        pytest.param("Polisen kan också utföra kontroller utefter tips.", id="way-of-working-kan"),
        pytest.param("Vid trafikbrott och narkotikabrott så initieras de nästintill alltid av polisen själva.", id="way-of-working-initieras"),
        # summaries and the promise itself
        pytest.param(
            "Under 2020 drabbades Sverige av en pandemi och året som gått har varit mycket speciellt, men trots det har "
            "polisen genomfört insatser för att uppfylla medborgarlöftet i Mariestad.",
            id="summary-uppfylla",
        ),
        pytest.param("Polisen har under året gjort en rad insatser för att uppfylla medborgarlöftet för 2019.", id="summary-rad-insatser"),
        pytest.param("Genom medborgardialoger och den kunskap som finns inom polisen och kommunen, togs medborgarlöftet för 2019 fram.", id="promise-togs-fram"),
        pytest.param("Under hösten 2016 tecknade polis och kommun ett medborgarlöfte för 2017 om att samverkan i det trygghetsskapande arbetet.", id="promise-tecknade"),
        # nothing found; a state
        pytest.param("Inga fynd eller markeringar gjordes.", id="nothing-found"),
        pytest.param("Det finns en god upprättad samverkan mellan kommunens olika förvaltningar.", id="state-det-finns"),
        # a lead-in ending with ":"
        pytest.param("Övervakningen av trafiken har bl.a. lett till följande:", id="leadin-foljande"),
        pytest.param("Under 2023 har Kungsörs kommun och polisen bland annat genomfört följande:", id="leadin-genomfort-foljande"),
        # quotations
        pytest.param("– Vi har genomfört fler trafikkontroller än någonsin tidigare, säger kommunpolisen.", id="quote-dash"),
        pytest.param("- Det känns bra att ta ytterligare ett steg i vårt samarbete, säger Fredrik Malm.", id="quote-hyphen"),
    ],
)
def test_activities_no_activity(body):
    doc = follow_up(body)
    assert [a.text for a in doc.activities] == []


@pytest.mark.parametrize("name", ["004_2feda3c715ef061f.txt", "013.txt", "038.txt", "100.txt"])
def test_activities_promise_document_has_none(name):
    """A promise document reports nothing, even where it tells what was done before
    ("Medborgardialoger har genomförts av polisen i Falkenberg genom en enkät.")."""
    text, _ = decode((DOCS / name).read_bytes())
    doc = extract_text(text, source=name, doc_id=name[:-4])
    assert doc.kind == "promise"
    assert doc.activities == []


def test_activities_promise_text_with_past_tense_report_has_none():
    text = (
        "Medborgarlöfte 2024 Essunga\n\n"
        "Under 2023 genomförde polisen 42 trafikkontroller och ett 25-tal spontanbesök i skolorna.\n\n"
        "Polisen lovar:\n\n"
        "  • Polisen ska genomföra minst 50 trafikkontroller.\n"
    )
    doc = extract_text(text)
    assert doc.kind == "promise"
    assert doc.activities == []


def test_activities_report_bullet_without_lead_in():
    doc = follow_up("  • 37 ordningsförelägganden har utfärdats.")
    check(doc.activities, [act("ordningsförelägganden", "ordningsföreläggande", "37", value=37)])


def test_activities_extract_activities_kind_promise_returns_nothing():
    """extract_activities itself returns nothing for doc_kind="promise"."""
    from promisemine.activities import extract_activities
    from promisemine.sections import segment

    text = f"{TITLE}\n\nPolisen har genomfört 42 trafikkontroller.\n"
    assert [a.quantity.value for a in extract_activities(text, *segment(text), doc_kind="follow_up")] == [42]
    assert extract_activities(text, *segment(text), doc_kind="promise") == []


# --------------------------------------------------------------------------- is_action_verb


@pytest.mark.parametrize(
    "word, expected",
    [
        # past, perfect (supine) and passive forms report something done
        ("genomfördes", True), ("genomförde", True), ("genomfört", True), ("besökt", True),
        ("startades", True), ("hållits", True), ("utfärdats", True), ("gjort", True), ("gjorde", True),
        ("gjordes", True), ("haft", True), ("hade", True), ("utförde", True), ("rapporterat", True),
        ("rapporterats", True), ("publicerades", True), ("förverkades", True), ("medverkat", True),
        ("använt", True), ("träffats", True), ("påträffats", True), ("ertappat", True),
        ("omhändertagit", True), ("upprättats", True), ("stoppats", True), ("tagits", True),
        ("Genomfördes", True),
        # compounds the lemmatizer does not know, by their last part
        ("fotpatrullerat", True), ("fotpatrullerades", True), ("trygghetsvandrat", True),
        ("fotpatrullerar", False), ("fordonsstopp", False), ("a" * 5000, False),
        # present tense, infinitive, participles used as adjectives, present passive: not reports
        ("genomför", False), ("jobbar", False), ("använder", False), ("genomföra", False),
        ("trygghetsskapande", False), ("genomförda", False), ("görs", False), ("skickas", False),
        ("hålls", False), ("besöker", False), ("startar", False), ("utför", False), ("rapporterar", False),
        ("genomförs", False), ("fortsätter", False), ("upprättad", False),
        # auxiliaries, nouns and function words
        ("har", False), ("är", False), ("ska", False), ("kommer", False), ("kontroller", False),
        ("patrulleringar", False), ("polisen", False), ("och", False), ("i", False),
    ],
)
def test_activities_is_action_verb(word, expected):
    assert is_action_verb(word) is expected


# --------------------------------------------------------------------------- the bundled corpus


def _gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


FOLLOW_UPS = [g for g in _gold() if g["kind"] == "follow_up"]
REQUIRED = [(g["doc"], a["id"]) for g in FOLLOW_UPS for a in g.get("activities") or [] if not a.get("optional")]

CORPUS_MISSES = {
    ("003_b68d336678055b56.txt", "a17"): (
        "'Inför skolavslutningen låg fokuset på ungas alkoholkonsumtion och upplysning kring detta.' is a reported "
        "activity (gold, not optional); the code returns no activity ('låg' is no action verb)"
    ),
}


class Scored(NamedTuple):
    hits: dict[tuple[str, str], Optional[Activity]]  # (doc, gold id) -> system activity
    matched: dict[str, int]  # doc -> system activities matched to any gold activity (optional incl.)
    total: dict[str, int]  # doc -> system activities


@pytest.fixture(scope="module")
def corpus():
    c = promisemine.extract_corpus([str(DOCS)])
    docs = {Path(d.source).name: d for d in c.docs}
    texts = {name: decode((DOCS / name).read_bytes())[0] for name in docs}
    return docs, texts


@pytest.fixture(scope="module")
def scored(corpus) -> Scored:
    """One-to-one matching in gold order, as annotation-format.md scores activities."""
    docs, texts = corpus
    hits: dict[tuple[str, str], Optional[Activity]] = {}
    matched, total = {}, {}
    for g in FOLLOW_UPS:
        doc, text = docs[g["doc"]], texts[g["doc"]]
        used: set[int] = set()
        for ga in g.get("activities") or []:
            span = find_span(text, ga["sentence"])
            assert span is not None, (g["doc"], ga["id"], "gold sentence not in the document")
            hit = None
            for i, sa in enumerate(doc.activities):
                if i not in used and sa.end > span[0] and sa.start < span[1] and has_key(sa, ga["key"]):
                    hit = i
                    used.add(i)
                    break
            hits[(g["doc"], ga["id"])] = None if hit is None else doc.activities[hit]
        matched[g["doc"]], total[g["doc"]] = len(used), len(doc.activities)
    return Scored(hits, matched, total)


@pytest.mark.parametrize(
    "doc_name, gold_id",
    [
        pytest.param(*k, marks=pytest.mark.xfail(strict=True, reason=CORPUS_MISSES[k])) if k in CORPUS_MISSES else k
        for k in REQUIRED
    ],
    ids=[f"{d[:3]}-{a}" for d, a in REQUIRED],
)
def test_activities_corpus_gold_activity_found(scored, doc_name, gold_id):
    assert scored.hits[(doc_name, gold_id)] is not None


def test_activities_corpus_recall_and_precision(scored):
    """Per-document recall (non-optional gold activities found) and precision (system
    activities that match a gold activity, optional ones included); shown with -s."""
    rows = []
    found = required = 0
    for g in FOLLOW_UPS:
        ids = [a["id"] for a in g.get("activities") or [] if not a.get("optional")]
        f = sum(scored.hits[(g["doc"], i)] is not None for i in ids)
        found, required = found + f, required + len(ids)
        m, t = scored.matched[g["doc"]], scored.total[g["doc"]]
        rows.append(f"{g['doc']:28s} recall {f:3d}/{len(ids):<3d} precision {m:3d}/{t:<3d}")
    matched, total = sum(scored.matched.values()), sum(scored.total.values())
    recall, precision = found / required, matched / total
    print("\nactivities on the bundled follow-ups\n" + "\n".join(rows))
    print(f"{'overall':28s} recall {recall:.3f} ({found}/{required}) precision {precision:.3f} ({matched}/{total})")
    assert recall >= 0.95
    assert precision >= 0.9


def test_activities_corpus_offsets_index_the_text(corpus):
    docs, texts = corpus
    n = 0
    for name, doc in docs.items():
        text = texts[name]
        for a in doc.activities:
            n += 1
            assert 0 <= a.start <= a.end <= len(text), (name, a.id)
            assert text[a.start:a.end] == a.text, (name, a.id)
            assert a.text in a.sentence, (name, a.id)
            q = a.quantity
            if q is not None:
                assert text[q.start:q.end] == q.text, (name, a.id, q.text)
                assert a.start <= q.start <= q.end <= a.end, (name, a.id, "quantity outside the activity text")
    assert n > 100


def test_activities_corpus_ids_unique_and_in_sections(corpus):
    docs, _ = corpus
    ids = [a.id for d in docs.values() for a in d.activities]
    assert len(ids) == len(set(ids))
    for d in docs.values():
        sections = {s.id: s for s in d.sections}
        for a in d.activities:
            assert a.id.startswith(f"{d.id}#a")
            s = sections[a.section_id]
            assert s.kind == "content"
            assert s.start <= a.start and a.end <= s.end, (d.id, a.id)


@given(st.data())
def test_activities_tokens_of_a_span_equal_tokenizing_the_span(data):
    """Slicing a sentence's tokens gives what tokenizing the span itself gives, also for
    spans that start or end inside a word or reach outside the sentence."""
    from promisemine.activities import TOKEN, _SpanTokens

    text = data.draw(st.sampled_from(_SPAN_TEXTS))
    s0 = data.draw(st.integers(0, len(text)))
    e0 = data.draw(st.integers(s0, len(text)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]
    assert _SpanTokens(text, s0, e0).get(start, end) == expected


@given(st.data())
def test_activities_words_and_action_verbs_of_a_span_equal_its_tokens(data):
    """The words and the action-verb flags of a span, sliced from the sentence's, are
    those of its tokens: also after other spans were asked first, and for spans that
    start or end inside a word or reach outside the sentence."""
    from promisemine.activities import TOKEN, _SpanTokens

    text = data.draw(st.sampled_from(_SPAN_TEXTS))
    s0 = data.draw(st.integers(0, len(text)))
    e0 = data.draw(st.integers(s0, len(text)))
    tt = _SpanTokens(text, s0, e0)
    for _ in range(3):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        words = TOKEN.findall(text, start, end)
        assert tt.words_in(start, end) == words
        assert tt.acts_in(start, end) == [is_action_verb(w) for w in words]


_SPAN_TEXTS = [
    "Polisen har genomfört 64 stycken trafikkontroller/hastighetskontroller, och 12 st. ANT-tillsyner.",
    "Sju insatser genomfördes och polisen har besökt skolorna, vilket uppskattades.",
    "Sex stycken nya Grannsamverkansgrupper startades – ett 70-tal möten hölls.\n\n• Elva riktade insatser",
    "",
]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Utfallet blev:\n\n• Trafikkontroller: 64\n• Antal genomförda trygghetsvandringar: 5\n",
         [(64, "trafikkontroll"), (5, "trygghetsvandring")]),
        ("Resultat 2023\n\n• Trafikkontroller: 64 st\n• Fotpatruller: ca 35\n", [(64, "trafikkontroll"), (35, "fotpatrull")]),
        ("Under året har polisen genomfört följande:\n\n• Trafikkontroller 64 st\n• Trygghetsvandringar 5 st\n",
         [(64, "trafikkontroll"), (5, "trygghetsvandring")]),
        ("Utfallet blev:\n\n• Trafikkontroller: totalt 64\n• Trygghetsvandringar, antal: 5\n",
         [(64, "trafikkontroll"), (5, "trygghetsvandring")]),
        ("Polisen har deltagit vid samtliga föräldramöten, totalt 8 stycken.\n", [(8, None)]),  # a clause, not a label
        ("Utfallet blev:\n\n• Möten med näringsidkare 3 st\n• Trygghetsvandringar i Skara, totalt 5\n",
         [(3, "möte"), (5, "trygghetsvandring")]),  # the head before the preposition
    ],
    ids=["colon-bullets", "colon-lines", "count-after", "totalt-antal", "comma-totalt", "preposition"],
)
def test_activities_label_and_number(body, expected):
    """Follow-ups often list a label and its number ("Trafikkontroller: 64"): the label
    is what was counted."""
    doc = extract_text("Uppföljning medborgarlöfte 2023 Skara\n\n" + body)
    assert [(a.quantity.value if a.quantity else None, a.lemma) for a in doc.activities] == expected


@pytest.mark.parametrize(
    "sentence, value, lemma",
    [
        ("Kommunen har installerat 30 nya belysningspunkter i parken.", 30, "belysningspunkt"),
        ("Klotter har sanerats på 40 platser.", 40, "plats"),
        ("Fältgruppen har pratat med ett 50-tal ungdomar.", 50, "ungdom"),
        ("Kommunen har rekryterat två nattvandrare.", 2, "nattvandrare"),
    ],
)
def test_activities_more_reporting_verbs(sentence, value, lemma):
    """Work of the trygghet kind reported with verbs beyond genomföra/utföra."""
    doc = extract_text("Uppföljning medborgarlöfte 2023 Skara\n\n" + sentence + "\n")
    assert [(a.quantity.value if a.quantity else None, a.lemma) for a in doc.activities] == [(value, lemma)]


def test_activities_boundary_tokens_cover_every_clause_boundary():
    """The clause-boundary search is skipped when no BOUNDARY_TOKENS word is among a
    sentence's tokens: every BOUNDARY match must contain one."""
    import random

    from promisemine.activities import BOUNDARY, BOUNDARY_TOKENS, TOKEN

    pieces = [",", ";", "och", "samt", "men", "vilket", "Och", "ochså", " ", "  ", "\n", "\t", "x", "64", ":"]
    rng = random.Random(7)
    for _ in range(5000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if BOUNDARY.search(s):
            assert not BOUNDARY_TOKENS.isdisjoint(TOKEN.findall(s)), s


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=8), st.integers(0, 70), st.integers(0, 20))
def test_activities_pledge_overlap_equals_testing_every_pledge(spans, start, length):
    """A sentence overlaps a pledge by one bisection exactly when some pledge span
    overlaps it (spans unsorted, nested, empty or overlapping one another)."""
    from promisemine.activities import _Overlap

    spans = [(a, a + n) for a, n in spans]
    end = start + length
    assert _Overlap(spans)(start, end) == any(a < end and start < b for a, b in spans)


# edge cases of the split tokenizer: marks, digits and underscores that are \w or not,
# closing marks, separators that str.split() and TOKEN read apart
_SPLIT_EDGE_TEXTS = [
    "Polisen har genomfört 64 stycken trafikkontroller, och 12 st. ANT-tillsyner (EST).",
    "t.ex. bl.a. D.v.s. och/eller 2023/2024 ett 80-tal möten – ”kända” \"hot spot\"-patrullering,",
    "m² 3½ ² x_y _a a\u0308r ko\u0301rt \u200dx ٣٤ ٣٤. abc٣ 12a, a12. (72 (utan anmärkning), & - –",
    "slut. slut, slut; slut: slut! slut? slut) slut.. slut,, .och ,och ) . , x-",
    "a\x1cb c\x1d d\x1e\x1fe \x85f\u00a0g\u2028h\u3000i\tj\nk\r\nl",
    "",
    "   ",
]


def _corpus_sentences():
    from promisemine.sections import segment

    for path in sorted(DOCS.glob("*.txt"))[:12]:
        text = path.read_text("utf-8")
        for s in segment(text, path.stem)[2]:
            yield text[s.start:s.end]


@pytest.mark.parametrize("body", _SPLIT_EDGE_TEXTS + list(_corpus_sentences()))
def test_activities_split_tokens_equal_token_findall(body):
    """A sentence's tokens and words found from its str.split() pieces are TOKEN's, for
    corpus sentences and edge cases; a text with SEPARATORS is tokenized by TOKEN."""
    from promisemine.activities import SEPARATORS, TOKEN, _SpanTokens

    tokens = TOKEN.findall(body)
    words = [w for w in tokens if w[0].isalnum()]
    plain = _SpanTokens(body, 0, len(body))
    assert (plain.words, plain.named) == (tokens, words)
    if not any(c in body for c in SEPARATORS):
        split = _SpanTokens(body, 0, len(body), body.split())
        assert (split.words, split.named) == (tokens, words)
    for start in range(0, len(body), 7):  # a sentence inside a longer text
        part = body[start:]
        if not any(c in part for c in SEPARATORS):
            assert _SpanTokens(body, start, len(body), part.split()).words == TOKEN.findall(body, start)


def test_activities_split_tokenizer_character_classes():
    """What :func:`_split_tokens` takes for granted, over every code point: str.split()
    cuts at white space exactly where TOKEN does but for SEPARATORS; a letter or a
    decimal digit is \\w; a closing mark is neither \\w, white space, "-" nor "/"."""
    import sys

    import regex

    from promisemine.activities import _CLOSING_MARKS, SEPARATORS

    space, word = regex.compile(r"\s"), regex.compile(r"\w")
    chars = [chr(i) for i in range(sys.maxunicode + 1)]
    assert sorted(c for c in chars if c.isspace() != bool(space.match(c))) == sorted(SEPARATORS)
    assert not [c for c in chars if (c.isalpha() or c.isdecimal()) and not word.match(c)]
    assert not [c for c in _CLOSING_MARKS if word.match(c) or space.match(c) or c in "-/"]


def _boundary_texts():
    """Corpus sentences and random strings of boundary pieces: commas, semicolons,
    conjunctions (also capitalised or inside words), runs of white space, separators."""
    import random

    texts = list(_corpus_sentences())
    pieces = [",", ";", "och", "samt", "men", "vilket", "Och", "ochså", "boch", " ", "  ", "\n", "\t", "\x1c",
              "\u00a0", "x", "64", ":", "-", "/"]
    rng = random.Random(11)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(3000)]
    return texts


def test_activities_boundaries_at_their_tokens_equal_the_scan():
    """The clause boundaries tried only at a "," or ";" token and before a conjunction
    token are those a scan of the whole sentence finds, also for a sentence that starts
    or ends inside a run of white space."""
    from promisemine.activities import BOUNDARY, _boundaries, _SpanTokens

    for text in _boundary_texts():
        for s, e in ((0, len(text)), (1, len(text)), (0, max(0, len(text) - 2)), (2, len(text) - 1)):
            if s > e:
                continue
            expected = [m.span() for m in BOUNDARY.finditer(text, s, e)]
            assert [m.span() for m in _boundaries(_SpanTokens(text, s, e), s, e)] == expected, (text, s, e)


@pytest.mark.parametrize("body", _SPLIT_EDGE_TEXTS + [
    "– Vi har genomfört fler kontroller, säger X.", "-Vi", "— Polisen", "–\tKommunen", "– vi", "x – Vi", "Vi säger",
    "Sägeriet", "osäger", "SÄGER", "säger", "",
])
def test_activities_quote_prechecks_equal_the_patterns(body):
    """A quotation is told by "säger" or an opening dash; the substring and first
    character tests before the patterns never turn a match away."""
    from promisemine.activities import _DASH_QUOTE, _DASHES, _SAGER

    assert ("säger" in body and bool(_SAGER.search(body))) == bool(_SAGER.search(body))
    assert (body[:1] in _DASHES and bool(_DASH_QUOTE.match(body))) == bool(_DASH_QUOTE.match(body))
