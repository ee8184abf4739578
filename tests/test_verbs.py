"""Swedish verb forms: which texts report something done (promisemine.verbs)."""
import re
from functools import lru_cache

import pytest

from corpus_helpers import DOCS
from promisemine import verbs
from promisemine.language import noun_lemma, verb_lemma
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


# --------------------------------------------------------------------------- the form before the lemma
# is_action_verb and is_finite_present read a word's ending before they lemmatize it, and
# a compound's parts are lemmatized only when the word has a past form. The rules as first
# written, every test in the order given, are the reference.


def _plain_compound_head(w):
    if len(w) > 40:
        return None
    for k in range(max(2, len(w) - 20), len(w) - 4):
        tail = w[k:]
        lemma = verb_lemma(tail)
        if lemma != tail and lemma.endswith("a") and verbs.PAST_FORM.search(tail) and tail != lemma[:-1]:
            return lemma, tail
    return None


def _plain_is_action_verb(word):
    w = word.lower()
    if len(w) < 2 or w in verbs.STOP and w not in {"hade", "var"}:
        return False
    lemma = verb_lemma(w)
    head = None
    if lemma == w:
        head = _plain_compound_head(w)
        lemma = w[: len(w) - len(head[1])] + head[0] if head else w
    candidates = {lemma, lemma[:-1] if lemma.endswith("s") else lemma}
    if lemma.endswith("as"):
        candidates.add(lemma[:-2] + "a")
    if head:
        candidates.add(head[0])
    if not candidates & verbs._action_verbs():
        return False
    if w == lemma or w in {"vara", "är", "har"}:
        return False
    if w.endswith("r"):
        return False
    if w.endswith(("ad", "da", "na")):
        return False
    if w.endswith("ande") or w.endswith("ende"):
        return False
    if w.endswith("s") and not w.endswith(("des", "tes", "ats", "its", "tts", "ts", "dds")):
        return False
    return True


def _plain_is_finite_present(word):
    w = word.lower()
    if w in verbs.AUX:
        return True
    if w in verbs.STOP:
        return False
    lemma = verb_lemma(w)
    if w.endswith("s") and not w.endswith(("des", "tes", "ats", "its", "tts", "ts", "dds")) and len(w) > 3:
        return lemma != w and lemma.rstrip("s").endswith("a")
    if not w.endswith("r") or len(w) < 3 or lemma == w or not lemma.endswith("a"):
        return False
    if noun_lemma(w) != w:
        return False
    return w in {lemma + "r", lemma[:-1] + "er", lemma[:-1] + "r", lemma[:-1]}


@lru_cache(maxsize=1)
def _words() -> list[str]:
    """Every word of the bundled corpus, some made into compounds and given endings
    ("fot" + "patrullerat"), in capitals, and with a final line break (which
    ``PAST_FORM``'s ``$`` lets through)."""
    found = set()
    for path in sorted(DOCS.glob("*.txt")):
        found.update(re.findall(r"\w[\w-]*", path.read_text("utf-8")))
    words = sorted(found)
    more = ["fotpatrullerat", "trygghetsvandrat", "gjorde\n", "besökt\n", "fotpatrullerat\n", "hade", "var", "ab"]
    more += ["fot" + w for w in words[::7]] + [w + "t" for w in words[::11]] + [w + "des" for w in words[::13]]
    return words + more + [w.upper() for w in words[::5]]


def test_verbs_is_action_verb_form_first_equals_the_plain_rule():
    assert [w for w in _words() if verbs.is_action_verb(w) != _plain_is_action_verb(w)] == []


def test_verbs_is_finite_present_lemma_last_equals_the_plain_rule():
    assert [w for w in _words() if verbs.is_finite_present(w) != _plain_is_finite_present(w)] == []


def test_verbs_compound_head_only_for_past_forms_equals_the_plain_loop():
    words = [w.lower() for w in _words()]
    assert [w for w in words if verbs._compound_verb_head(w) != _plain_compound_head(w)] == []


_WORDS_OF_EDGE_TEXTS = [
    "Sju riktade narkotikainsatser genomfördes. Polisen har fotpatrullerat, t.ex. i 80-tal områden (EST).",
    "m² 3½ x_y _a a\u0308r ko\u0301rt ٣٤ ٣٤. abc٣ 12a, a12. och/eller – ”kända” \"hot spot\"-patrullering,",
    "slut. slut, slut; slut: slut! slut? slut) slut.. slut,, .och ,och ) . , x- -x genomfördes-",
    "a\x1cb c\x1d d\x1e\x1fe \x85f\u00a0g\u2028h\u3000i\tj\nk\r\nl",
    "",
    "  \n ",
]


def _corpus_blocks():
    from promisemine.sections import segment

    for path in sorted(DOCS.glob("*.txt"))[:12]:
        yield from (b.text for b in segment(path.read_text("utf-8"), path.stem)[1])


@pytest.mark.parametrize("text", _WORDS_OF_EDGE_TEXTS + list(_corpus_blocks()))
def test_verbs_words_of_pieces_equal_word_findall(text):
    """The words of a text read from its str.split() pieces are WORD.findall's, for
    corpus blocks and edge cases (marks, digits, separators that split cuts at)."""
    assert verbs.words_of(text.split()) == verbs.WORD.findall(text)


def test_verbs_words_of_marks_end_a_word():
    """A mark of _MARKS is no part of a word (neither \\w nor "-")."""
    assert not [c for c in verbs._MARKS if verbs.WORD.match(c) or c == "-"]


@pytest.mark.parametrize("text", _WORDS_OF_EDGE_TEXTS + list(_corpus_blocks()))
def test_verbs_reports_done_from_pieces_equals_the_plain_tests(text):
    """reports_done, which splits the text once for the phrase table and the words,
    answers as the three tests on the text itself."""
    plain = (has_action_phrase(text)
             or any(w.lower().endswith(verbs.PAST_TENSE) and verbs.is_action_verb(w) for w in verbs.WORD.findall(text))
             or verbs.reports_perfect(text))
    assert reports_done(text) == bool(plain)
