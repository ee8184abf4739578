"""Swedish verb forms: which texts report something done (promisemine.verbs)."""
import pytest

from promisemine.pipeline import extract_text
from promisemine.verbs import has_action_phrase, reports_done


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sju riktade narkotikainsatser genomfördes.", True),
        ("Skolorna har fått information om narkotika vid 12 tillfällen.", True),
        ("Polisen har fotpatrullerat i centrala Borås vid 52 tillfällen.", True),
        ("Kommunens trygghetsvärdar har varit ute varje fredag under sommaren.", True),
        ("Under hösten fanns även representanter från polisen med vid seniormässan i Götene.", True),
        # pledges and descriptions: infinitive, modal, present tense, a participle as adjective
        ("Genomföra riktade insatser mot narkotika.", False),
        ("Polisen ska informera och aktivt medverka vid uppstart av Grannsamverkan.", False),
        ("Fortsatt införande av Effektiv Samordning för Trygghet (EST)", False),
        ("Polisen har täta kontakter med skola, fritid och socialtjänst.", False),
        ("Polisen genomför trafikkontroller.", False),
    ],
)
def test_verbs_reports_done(text, expected):
    assert reports_done(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fältassistenterna har varit ute tre kvällar i veckan.", True),
        ("Polisen har varit på plats vid evenemangen.", True),
        ("Polisen har varit viktig för tryggheten.", False),
    ],
)
def test_verbs_action_phrase(text, expected):
    assert has_action_phrase(text) is expected


def test_verbs_report_bullets_under_a_pledge_heading_are_activities():
    # a follow-up restating "Löfte 2" and listing what was done under it
    doc = extract_text(
        "Medborgarlöfte 2023 – uppföljning Kristinehamn\n\n"
        "Löfte 2: Minska narkotikabrotten bland unga\n\n"
        "  • Sju riktade narkotikainsatser genomfördes.\n"
        "  • Skolorna har fått information om narkotika vid 12 tillfällen.\n",
        doc_id="k",
    )
    assert doc.kind == "follow_up"
    assert doc.pledges == []
    assert [(a.quantity.value, a.lemma) for a in doc.activities] == [(7, "narkotikainsats"), (12, "tillfälle")]
