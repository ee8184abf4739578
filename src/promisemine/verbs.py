"""Swedish verb forms: which words report something done.

A follow-up reports in the past, the perfect or the passive ("genomfördes", "har
besökt", "startades"); a promise and a general description of working methods speak
in the present, the infinitive or with a modal ("genomför", "ska genomföra", "jobbar").
Activities keep the first kind of sentence; pledges never are the first kind.

The verbs that count as reporting are a table (``data/action_verbs.txt``), the phrases
without such a verb ("har varit ute", "fanns på plats") another
(``data/action_phrases.txt``); tense is read from the form, with the lemmatizer of
:mod:`promisemine.language` and, for compounds it does not know ("fotpatrullerat"),
the longest known last part.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from .language import noun_lemma, verb_lemma
from .wordlists import any_of, column, function_words

STOP = function_words("preposition", "conjunction", "subordinator", "auxiliary", "adverb") | {"samtliga"}
AUX = function_words("auxiliary")
WORD = regex.compile(r"\w[\w-]*")
PERFECT = regex.compile(r"\b(?:har|hade)\s+(?:[\w-]+\s+){0,3}?([\w-]+)\b", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _action_verbs() -> frozenset[str]:
    return frozenset(column("action_verbs.txt"))


PAST_FORM = regex.compile(r"(?:ade|ades|at|ats|de|des|te|tes|it|its|t|ts)$")


def _compound_verb_head(w: str) -> Optional[tuple[str, str]]:
    """(base form, surface) of the longest known last part of a compound verb the
    lemmatizer does not know: "fotpatrullerat" -> ("patrullera", "patrullerat"),
    "trygghetsvandrat" -> ("vandra", "vandrat").

    The last part must have a past form ("-ade", "-t", …: ``PAST_FORM``). Every part
    tried is five characters or more and ends as the word does, while the form is read
    from the last four (and a final line break), so a word without a past form
    ("patrullering", "kontroller") is turned away before any part is lemmatized."""
    if len(w) > 40:
        return None  # no Swedish verb is that long; also keeps a 100 KB "word" linear
    if not PAST_FORM.search(w):
        return None
    for k in range(max(2, len(w) - 20), len(w) - 4):
        tail = w[k:]
        lemma = verb_lemma(tail)
        if lemma != tail and lemma.endswith("a") and tail != lemma[:-1]:
            return lemma, tail
    return None


@lru_cache(maxsize=1 << 16)  # a corpus has tens of thousands of distinct words
def is_action_verb(word: str) -> bool:
    """A past, perfect or passive form of a reporting verb: "genomfördes", "besökt",
    "startades", "har haft" -> True; "genomför", "jobbar" (present) -> False.

    The form is read before the lemma: a word whose ending is no past, perfect or
    passive ("kontroller", "trygghetsskapande") needs no lemmatizing."""
    w = word.lower()
    if len(w) < 2 or w in STOP and w not in {"hade", "var"}:
        return False
    if not _reporting_form(w):
        return False
    lemma = verb_lemma(w)
    head = None
    if lemma == w:  # a compound the lemmatizer does not know: "fotpatrullerat"
        head = _compound_verb_head(w)
        lemma = w[: len(w) - len(head[1])] + head[0] if head else w
    candidates = {lemma, lemma[:-1] if lemma.endswith("s") else lemma}
    if lemma.endswith("as"):
        candidates.add(lemma[:-2] + "a")
    if head:
        candidates.add(head[0])
    if not candidates & _action_verbs():
        return False
    return w != lemma  # not an infinitive


def _reporting_form(w: str) -> bool:
    """Can a lower-case word be a past, perfect or passive form by its ending alone?
    "genomfördes", "besökt" -> True; "jobbar", "genomförda", "görs" -> False."""
    if w in {"vara", "är", "har"}:
        return False  # a present-tense auxiliary
    if w.endswith("r"):
        return False  # present tense: "jobbar", "använder", "rör"
    if w.endswith(("ad", "da", "na")):
        return False  # a participle used as an adjective: "upprättad", "genomförda"
    if w.endswith("ande") or w.endswith("ende"):
        return False  # a present participle: "trygghetsskapande"
    if w.endswith("s") and not w.endswith(("des", "tes", "ats", "its", "tts", "ts", "dds")):
        return False  # a present passive: "görs", "skickas", "hålls"
    return True


@lru_cache(maxsize=1 << 16)  # a corpus has tens of thousands of distinct words
def is_finite_present(word: str) -> bool:
    """A present-tense verb or an auxiliary: "arbetar", "använder", "görs", "ska" ->
    True; "genomförde", "kontroller" (a noun), "trygghet" -> False. Only a word that
    ends in -r or -s is lemmatized, and the noun reading is asked last."""
    w = word.lower()
    if w in AUX:
        return True
    if w in STOP:
        return False
    if w.endswith("s") and not w.endswith(("des", "tes", "ats", "its", "tts", "ts", "dds")) and len(w) > 3:
        lemma = verb_lemma(w)
        return lemma != w and lemma.rstrip("s").endswith("a")  # present passive: "hålls", "görs"
    if not w.endswith("r") or len(w) < 3:
        return False
    lemma = verb_lemma(w)
    if lemma == w or not lemma.endswith("a"):
        return False
    # "riktar" (rikta+r), "använder" (använd+er), "kör" (kör+a), not "kontroller" (kontrollera)
    if w not in {lemma + "r", lemma[:-1] + "er", lemma[:-1] + "r", lemma[:-1]}:
        return False
    return noun_lemma(w) == w  # not a noun's plural: "personer", "bilar"


def has_action_phrase(sentence: str, *, flat: bool = False) -> bool:
    """A report without a reporting verb: "har varit ute varje fredag", "fanns på plats".

    Asked of every sentence without a reporting verb; the table's rows are tried only
    where their words occur (:class:`promisemine.prefilter.AnyOf`, the same answer as
    the rows as one alternation). ``flat``: the caller has already written the
    sentence with single spaces (``" ".join(sentence.split())``)."""
    return any_of("action_phrases.txt").search(sentence if flat else " ".join(sentence.split()))


PAST_TENSE = ("de", "des", "te", "tes")


def reports_done(text: str) -> bool:
    """Does a text report something as done? "Sju riktade narkotikainsatser
    genomfördes.", "Skolorna har fått information …" -> True; "Genomföra riktade
    insatser mot narkotika.", "Fortsatt införande av EST" (a participle) -> False.
    A pledge never does."""
    pieces = text.split()
    if has_action_phrase(" ".join(pieces), flat=True):
        return True
    if any(w.lower().endswith(PAST_TENSE) and is_action_verb(w) for w in words_of(pieces)):
        return True
    return reports_perfect(text)


# marks that end a piece after a word: "genomfördes." "insatser,"
_MARKS = frozenset(".,;:!?)")


def words_of(pieces: list[str]) -> list[str]:
    """``WORD.findall`` of a text, from its ``str.split()`` pieces.

    No word holds white space, so the words of a text are those of its pieces. Most
    pieces are a word ("insatser") or a word and a mark ("genomfördes."): those need no
    regex (a letter is \\w, a mark that is neither \\w nor "-" ends the word before
    it); the rest ("80-tal", "t.ex.") are read by WORD."""
    words: list[str] = []
    for p in pieces:
        if p.isalpha():
            words.append(p)
        elif p[:-1].isalpha() and p[-1] in _MARKS:
            words.append(p[:-1])
        else:
            words += WORD.findall(p)
    return words


NOT_REPORTING = frozenset({"vara", "bli", "kunna", "vilja", "behöva", "böra", "skola", "komma", "finnas"})


def reports_perfect(text: str) -> bool:
    """A perfect tense of a full verb: "har fått", "har fotpatrullerat", "har erbjudits";
    not "har varit viktig" (vara), nor "har kontakt" (the noun, not kontaktat)."""
    for m in PERFECT.finditer(text):
        w = m.group(1).lower()
        if is_action_verb(w):
            return True
        lemma = verb_lemma(w)
        if lemma != w and w != lemma[:-1] and w.endswith(("t", "ts")) and lemma not in NOT_REPORTING:
            return True
    return False
