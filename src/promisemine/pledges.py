"""Extract pledges (commitments) with their party from a sectioned document.

The genre writes a pledge in a handful of ways, all handled here:

* a bullet list under a lead-in: "Polisen lovar att:", "Kommunen lovar", "Tillsammans
  lovar vi:", "Våra löften!", "Följande aktiviteter utlovades …:" — and, in a promise
  document, under neutral headings such as "Våra aktiviteter";
* obligations with a party subject: "Parterna ska …", "Kommun och polis ska …",
  "Under 2017 kommer polisen och Hjo kommun att fokusera på …";
* inline promises in running text, split per clause: "I medborgarlöftet för 2020
  lovade polisen att jobba med X samt öka Y" gives two pledges;
* items that carry their party in brackets: "… beteenden. (Polisen)".

A pledge takes the party its own subject names, else the party of its lead-in, else
the document's author. Goal statements ("Syftet är …"), quotations ("…, säger X"),
statements about the promise itself and repeated pledges are left out. All cue
words are tables in ``data/`` (``parties.tsv``, ``pledge_cues.tsv``,
``pledge_traps.tsv``, ``trailing_sentences.tsv``, ``infinitives.txt``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from .prefilter import Requirement, fold
from .quantities import QuantityIndex
from .verbs import reports_done
from .records import Block, Pledge, Quantity, Section, Sentence
from .sections import split_sentences
from .wordlists import alternation, column, function_words, rows

WORD = regex.compile(r"[\w-]+")
TWO_WORDS = regex.compile(r"[\w-][^\w-]+[\w-]")  # where ``WORD`` finds two words or more: one search, no list
SUBORDINATORS = function_words("subordinator")
SKIP_AFTER_VERB = regex.compile(
    r"(?:\s+(?:bland annat|bl\.a\.|även|också|dessutom|därför|härmed|särskilt|invånarna|medborgarna|"
    r"kommuninvånarna|\d{4}|i år|i medborgarlöftet))*\s*(?:att\b)?\s*",
    regex.IGNORECASE,
)
LOVAR = regex.compile(r"\b(?:lovar|lovade|lovat)\b", regex.IGNORECASE)
LOVAR_WORDS = Requirement(LOVAR.pattern, regex.IGNORECASE)  # most sentences lack them: no search
MODAL = regex.compile(r"\b(?:ska|skall|kommer(?:\s+[\w-]+){0,4}?\s+att|åtar sig att|förbinder sig att)\b", regex.IGNORECASE)
MODAL_VERB = regex.compile(r"\b(?:ska|skall|kommer|åtar|förbinder)\b", regex.IGNORECASE)
MODAL_WORDS = Requirement(MODAL_VERB.pattern, regex.IGNORECASE)
PLEDGE_WORDS = Requirement(f"{LOVAR.pattern}|{MODAL_VERB.pattern}", regex.IGNORECASE)  # either
TIME_ADVERBIAL = regex.compile(r"^(?:under|i|för|från|inom)\b.*(?:\d{4}|\bår\b|\båret\b|\bhösten\b|\bvåren\b|\bsommaren\b)", regex.IGNORECASE)
# "… trygghetsvandringar. Ansvarig: Kommunen och polisen." — the party as a label
RESPONSIBLE_TAG = regex.compile(r"[\s.;,–-]*\b(?:huvud)?ansvar(?:ig|iga)?\s*:\s*([^.\n:]{2,60})\.?\s*$", regex.IGNORECASE)
BRACKET_TAG = regex.compile(r"\s*\(([^()]{2,60})\)\s*\.?\s*$")
LEADING_LOVAR = regex.compile(r"^(?:[\w-]+\s+){0,3}?lovar\s+(?:att\s+)?", regex.IGNORECASE)
TITLE_LEADIN = "aktiviteter"  # a list right under the title: a pledge list in a promise only
SELF_PLEDGE = regex.compile(
    r"^(?:[\w-]+\s+){1,5}?(?:ska|skall|lovar|kommer\s+att|åtar\s+sig|förbinder\s+sig)\b", regex.IGNORECASE
)
LABEL = regex.compile(r"^(?:löfte|åtgärd|aktivitet|åtagande)\s*(?:nr\.?\s*)?\d+\s*[:.–-]\s*", regex.IGNORECASE)
QUOTE_START = regex.compile(r"^[-–—]\s?\p{Lu}|^[\"”»]")
QUOTE_SIGNS = "-–—\"”»"  # the first characters QUOTE_START allows: tested before the regex
# "i Hjo kommun", "inom staden": a place, not a party
_LOCATIVE = regex.compile(r"\b(?:i|inom|runt|utanför|över|hela)\s+(?:\p{Lu}[\w-]*s?\s+)?(?:kommunen|kommun|staden|stad)\b", regex.IGNORECASE)
# How a text names the police, the municipality, or both as its author. Each way is a
# pattern of its own that opens with a single word: the engine finds such a pattern by a
# fast string search, while it tries an alternation of words at every character (the
# head of a page searched for "kommun" or "stad" in 5 000 instructions instead of 60 000).
_POLICE_NAMED = tuple(regex.compile(p, regex.IGNORECASE) for p in (r"\bpolis", r"\blokalpolisområde"))
_MUNI_NAMED = tuple(regex.compile(p, regex.IGNORECASE) for p in (r"\bkommun(?:en|ens)?\b", r"\bstad(?:en)?\b"))
_JOINT_NAMED = tuple(
    regex.compile(p, regex.IGNORECASE)
    for p in (
        r"\bpolis(?:en)?\s+(?:och|samt|&)\s+(?:\p{Lu}[\w-]*s?\s+)?(?:kommun|stad)",
        r"\blokalpolisområde\w*\s+(?:och|samt|&)\s+(?:\p{Lu}[\w-]*s?\s+)?(?:kommun|stad)",
        r"\bkommun(?:en)?\s+(?:och|samt|&)\s+(?:polis|lokalpolisområde)",
        r"\bstad(?:en)?\s+(?:och|samt|&)\s+(?:polis|lokalpolisområde)",
        r"\bgemensamma?\s+medborgarlöfte",
        r"\bpolisens och kommunens\b",
        r"\bkommunens och polisens\b",
    )
)
_ITEM_SUBJECT = regex.compile(r"^((?:[\w-]+\s+){0,5}?)(?:ska|skall|\w+r)\b", regex.IGNORECASE)  # "Kommun och polis ska"
_MED = regex.compile(r"\bmed\b", regex.IGNORECASE)  # "med"
_VI = regex.compile(r"\bvi\b", regex.I)  # "vi"
_ATT_AFTER = regex.compile(r"^((?:\s+[\w-]+){0,6}?)\s+att\b")  # "lovade polisen att"
_PUNCT_SPLIT = regex.compile(r"[,;:()]")
_GENOM_ATT_TAIL = regex.compile(r"\s+genom att\s*:?\s*$|\s*:\s*$")  # "… genom att:"
_COMMA_OR_COLON = regex.compile(r"[,:]")
_VI_PHRASE = regex.compile(r"(?i)vi(?: \w+)?")  # "vi tillsammans"
_SAGER = regex.compile(r"\bsäger\b")  # "säger"
_SAGER_QUOTE = regex.compile(r",?\s+säger\s")  # ", säger Anna"


@lru_cache(maxsize=1)
def _party_words() -> list[tuple[regex.Pattern, str]]:
    return [(regex.compile(rf"\b(?:{r[0]})\b", regex.IGNORECASE), r[1]) for r in rows("parties.tsv")]


@lru_cache(maxsize=1)
def _cues() -> list[tuple[regex.Pattern, str]]:
    return [(regex.compile(r[0], regex.IGNORECASE), r[1]) for r in rows("pledge_cues.tsv")]


@lru_cache(maxsize=1)
def _trap_patterns() -> tuple[regex.Pattern, ...]:
    """The trap rows as few patterns: those that open with a scan (".*?\\bsäger\\b") each
    on its own, the others as one alternation. Alone, a scan looks for its word with a
    fast string search; in an alternation, the engine steps through the sentence one
    character at a time (3 µs a sentence instead of 0.6)."""
    rows = column("pledge_traps.tsv")
    scans = [p for p in rows if p.startswith(".")]
    joined = ["|".join(f"(?:{p})" for p in rows if not p.startswith("."))] if len(scans) < len(rows) else []
    return tuple(regex.compile(p, regex.IGNORECASE) for p in joined + scans)


def _is_trap(span: str) -> bool:
    """Does a trap row match at the start of ``span`` (whitespace folded)? The same as
    ``alternation("pledge_traps.tsv").match(span)``: an alternation matches where one
    of its rows does."""
    for p in _trap_patterns():
        if p.match(span):
            return True
    return False


def _flat(span: str) -> str:
    """Whitespace folded to single spaces (no-break spaces, line breaks) for table matching."""
    return " ".join(span.split())


def _trailing() -> regex.Pattern:
    return alternation("trailing_sentences.tsv")


@lru_cache(maxsize=1)
def _trailing_words() -> Requirement:
    """The words a trailing sentence cannot do without ("syftet", "målet", "detta för att" …)."""
    return Requirement(_trailing().pattern, regex.IGNORECASE)


@lru_cache(maxsize=1)
def _clause_split() -> regex.Pattern:
    alt = "|".join(sorted(set(column("infinitives.txt")), key=len, reverse=True))
    return regex.compile(
        rf",?\s+(?:samt|och)\s+att\s+|,?\s+samt\s+(?=(?:[\w-]+\s+)?(?:{alt})\b)|,\s+(?=(?:[\w-]+\s+)?(?:{alt})\b)",
        regex.IGNORECASE,
    )


@lru_cache(maxsize=1 << 15)  # pure; asked again for every bullet under the same lead-in
def party_of(phrase: str, *, locative_ok: bool = False) -> Optional[str]:
    """The party a phrase names: "Polisen och kommunen" -> joint, "Kommunen lovar" ->
    municipality, "Tillsammans lovar vi" -> joint, "lovade vi från polisens sida" -> police.

    Locative mentions ("i kommunen", "i Hjo kommun") do not name a party.
    """
    if not locative_ok:
        phrase = _LOCATIVE.sub(" ", phrase)
    found = set()
    for pat, party in _party_words():
        if pat.search(phrase):
            found.add(party)
    if "joint" in found or {"police", "municipality"} <= found:
        return "joint"
    if found:
        return found.pop()
    return None


def _named(patterns: tuple[regex.Pattern, ...], head: str) -> bool:
    """Does one of the patterns match somewhere in ``head``?"""
    for p in patterns:
        if p.search(head):
            return True
    return False


def document_author(text: str) -> str:
    """Who speaks when the text says "vi": both parties for a jointly signed promise
    ("Polisen och kommunen", "vårt gemensamma medborgarlöfte"), else the one named.

    A text that names both parties is joint whether or not they are named together,
    so the joint phrasing (the costliest search) is looked for only when one or
    neither is named."""
    head = text[:6000]
    police = _named(_POLICE_NAMED, head)  # named at all (not how often)
    muni = _named(_MUNI_NAMED, head)
    if police and muni or _named(_JOINT_NAMED, head):
        return "joint"
    if muni:
        return "municipality"
    return "police"  # the police named alone, or neither


@lru_cache(maxsize=1 << 12)  # pure; asked for every bullet of a list
def _leadin_strength(leadin: str) -> frozenset[str]:
    # the cues are written with one space: "Det här vill vi\u00a0uppnå", and a lead-in
    # wrapped over two lines ("… kommer under året\natt arbeta med följande:") is one line
    flat = _flat(leadin)
    return frozenset(s for p, s in _cues() if p.search(flat))


def _is_pledge_list(leadin: Optional[str], doc_kind: str) -> bool:
    if not leadin:
        return False
    st = _leadin_strength(leadin)
    if "report" in st:
        return False
    if "strong" in st:
        return True
    if "negative" in st:
        return False
    if "weak" in st and (party_of(leadin) or doc_kind == "promise"):
        return True
    return "neutral" in st and doc_kind == "promise"


def _subject_party(item: str) -> Optional[str]:
    """Party named by an item's own subject: "Kommun och polis ska …" -> joint,
    "Hammarö kommuns väktare kommer att …" -> municipality; "Genomföra … tillsammans
    med polisen" names none (the polisen is not the subject)."""
    m = _ITEM_SUBJECT.match(item)
    if not m or not m.group(1).strip():
        return None
    subj = m.group(1)
    if _MED.search(subj):
        return None
    return party_of(subj, locative_ok=False)


# What may stand around a word in a whitespace-separated chunk ("tryggheten.", "(Polisen)",
# "”Trygg”"): no character of WORD's, so it never belongs to a word.
_AROUND_WORDS = ".,;:!?()\"'”»«“"


def _word_set(span: str) -> set[str]:
    """The casefolded words of a span: ``set(map(str.casefold, WORD.findall(span)))``.

    A word never crosses whitespace nor the signs of ``_AROUND_WORDS``, and a run of
    letters or digits is a word of WORD's: a whitespace-separated chunk that is such a
    run once those signs are stripped ("tryggheten.") is one word, and only the others
    ("20-tal", "t.ex") are handed to WORD. (Its ``findall`` over a whole pledge costs half
    again as much as all of this: the engine tries its class at every character.)"""
    words = set()
    for chunk in span.split():
        core = chunk.strip(_AROUND_WORDS)
        if core.isalpha() or core.isdecimal():
            words.add(core.casefold())
        elif core:
            words.update(map(str.casefold, WORD.findall(core)))
    return words


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ":;,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ":;,"):
        end -= 1
    return start, end


def _drop_trailing_background(text: str, start: int, end: int) -> int:
    """End offset of a bullet item without trailing "Syftet är …"-type sentences.

    Most items name none of the table's words, and then have no such sentence: they are
    not split into sentences at all ("• Genomföra trafikkontroller. Minst tio." is
    only trimmed). Each sentence of an item, whitespace folded, is part of the item so
    folded: a word missing from the whole is missing from every sentence."""
    if not _trailing_words().met(fold(_flat(text[start:end]))):
        return _trim(text, start, end)[1]
    spans = split_sentences(text, start, end)
    keep_end = end
    for s, e in reversed(spans[1:]):
        if _trailing().match(_flat(text[s:e])):
            keep_end = s
        else:
            break
    return _trim(text, start, keep_end)[1]


def _split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "jobba med att förebygga X samt öka Y" -> two clause spans."""
    parts = []
    s = start
    for m in _clause_split().finditer(text, start, end):
        parts.append(_trim(text, s, m.start()))
        s = m.end()
    parts.append(_trim(text, s, end))
    return [(a, b) for a, b in parts if TWO_WORDS.search(text, a, b)]


class _Builder:
    def __init__(self, text: str, doc_id: str, author: str, quantities: QuantityIndex):
        self.text, self.doc_id, self.author = text, doc_id, author
        self.quantities = quantities
        self.pledges: list[Pledge] = []
        self._seen: list[set[str]] = []

    def add(self, start: int, end: int, party: str, section_id: str) -> None:
        start, end = _trim(self.text, start, end)
        span = self.text[start:end]
        words = _word_set(span)
        if len(words) < 2 or _is_trap(_flat(span)):
            return
        for seen in self._seen:
            if 2 * len(words & seen) / (len(words) + len(seen)) >= 0.8:
                return  # a pledge repeated in the same document
        self._seen.append(words)
        pid = f"{self.doc_id}#p{len(self.pledges) + 1}"
        self.pledges.append(Pledge(pid, party, span, start, end, section_id, self.target(start, end)))

    def target(self, start: int, end: int) -> Optional[Quantity]:
        """A pledge's own quantified target: "vid minst ett tillfälle", "minst 10 stycken"."""
        for q in self.quantities.within(start, end, articles=False):
            if q.value is not None or q.low is not None or q.high is not None or q.vague or q.period or q.duration:
                return q
        return None


def _may_pledge(folded: str) -> bool:
    """Can a sentence pledge at all? Both ways a running-text pledge is written need a
    word: "lovar"/"lovade"/"lovat" (:func:`_inline_lovar`) or "ska", "kommer", "åtar",
    "förbinder" (:func:`_modal`). "Under året genomfördes tio insatser." has neither,
    and is passed over without the other tests. ``folded``: the sentence,
    :func:`promisemine.prefilter.fold`-ed."""
    return PLEDGE_WORDS.met(folded)


# What a sentence pledges: the spans of its pledges (maybe none) and their party.
Found = tuple[list[tuple[int, int]], str]


def _inline_lovar(text: str, s: Sentence, author: str, folded: str) -> Optional[Found]:
    """ "I medborgarlöftet för 2020 lovade polisen att A samt B" -> A, B (police); None
    when the sentence does not promise this way. ``folded``: the sentence's text,
    :func:`promisemine.prefilter.fold`-ed."""
    m = LOVAR.search(text, s.start, s.end) if LOVAR_WORDS.met(folded) else None
    if not m:
        return None
    post = text[m.end():s.end]
    party = None
    att = _ATT_AFTER.match(post)
    if att and att.group(1).strip():
        party = party_of(att.group(1), locative_ok=True) or (author if _VI.search(att.group(1)) else None)
        rest_start = m.end() + att.end()
    if party is None:
        pre_text = text[s.start:m.start()]
        clause = _PUNCT_SPLIT.split(pre_text)[-1]
        words = clause.split()
        if any(w.lower() in SUBORDINATORS for w in words) or len(words) > 6:
            return None
        if not (party_of(" ".join(words[:2]), locative_ok=True) or words[:1] and words[0].lower() in {"vi", "tillsammans"}):
            return None  # "… beskriver det vi lovar våra medborgare": not a promise made here
        party = party_of(clause, locative_ok=True)
        if party is None and _VI.search(clause):
            party = author
        if party is None:
            return None
        skip = SKIP_AFTER_VERB.match(text, m.end(), s.end)
        rest_start = skip.end() if skip else m.end()
    end = s.end
    tail = _GENOM_ATT_TAIL.search(text[rest_start:end])
    if tail:
        end = rest_start + tail.start()
    return _split_clauses(text, rest_start, end), party


INVERTED_SUBJECT = regex.compile(
    r"\s+((?:(?:[Pp]olis\w*|[Kk]ommun\w*|[Ll]okalpolisområde\w*|LPO|[Vv]i|parterna|\p{Lu}[\w-]*s?"
    r"|kommun|stad|och|samt|&|tillsammans)\s+){1,7})"
)
ADVERBIAL_OPENERS = function_words("preposition")


def _modal(text: str, s: Sentence, author: str, folded: str, future_ok: bool = True) -> Optional[Found]:
    """ "Polisen ska genomföra …", "Under 2017 kommer polisen och Hjo kommun att …".

    In a follow-up (``future_ok=False``) "kommer att" speaks of next year's plans
    ("Vi kommer att fortsätta med detta arbete under 2024"), not of the promise.
    ``folded`` as for :func:`_inline_lovar`; None as there.
    """
    sent = text[s.start:s.end]
    mv = MODAL_VERB.search(sent) if MODAL_WORDS.met(folded) else None
    if not mv or (not future_ok and mv.group().lower() == "kommer") or sent.rstrip().endswith(":"):
        return None  # no obligation, a plan, or a list lead-in (its items are the pledges)
    before = sent[: mv.start()].strip()
    if not before or before.split()[0].lower() in SUBORDINATORS:
        return None
    return _subject_first(text, s, sent, mv, before, author) or _inverted(text, s, sent, mv, before, author)


def _subject_first(text: str, s: Sentence, sent: str, mv, before: str, author: str) -> Optional[Found]:
    """ "Kommunen och polisen ska fortsätta med X samt förbättra Y" -> two clauses."""
    if len(before.split()) > 6 or _COMMA_OR_COLON.search(before) or before.split()[0].lower() in ADVERBIAL_OPENERS:
        return None
    party = party_of(" ".join(before.split()[:2]), locative_ok=True) and party_of(before, locative_ok=True)
    if party is None and _VI_PHRASE.fullmatch(before):
        party = author
    if not party or not MODAL.match(sent, mv.start()):
        return None
    return _split_clauses(text, s.start, s.end), party


def _inverted(text: str, s: Sentence, sent: str, mv, before: str, author: str) -> Optional[Found]:
    """ "Under 2017 kommer polisen och Hjo kommun att fokusera på X" -> "fokusera på X";
    after an adverbial that is not a time ("Genom att inkludera … ska vi …") the whole
    sentence is the pledge."""
    if "," in before or len(before) > 110:
        return None
    cand = INVERTED_SUBJECT.match(sent, mv.end())
    if not cand:
        return None
    party = party_of(cand.group(1), locative_ok=True)
    if party is None and _VI.search(cand.group(1)):
        party = author
    if party is None:
        return None
    if TIME_ADVERBIAL.match(before):
        rest = s.start + cand.end()
        rest += 4 if text.startswith("att ", rest) else 0
        return _split_clauses(text, rest, s.end), party
    return _split_clauses(text, s.start, s.end), party


@lru_cache(maxsize=1)
def _infinitives() -> frozenset[str]:
    return frozenset(column("infinitives.txt"))


def _self_pledge(item: str, leadin: Optional[str], doc_kind: str) -> bool:
    """A bullet that is a pledge whatever its lead-in says: it names its party and
    promises ("• Polisen ska genomföra minst 20 trafikkontroller"), or — in a promise
    document, under a theme heading such as "Trafik" — it opens with an infinitive
    ("• Genomföra minst 20 trafikkontroller", "• Att öka närvaron i centrum")."""
    cues = _leadin_strength(leadin or "")
    if "report" in cues:
        return False
    if SELF_PLEDGE.match(item) and party_of(" ".join(item.split()[:3]), locative_ok=True):
        return True
    words = item.lower().split()
    if words[:1] == ["att"]:
        words = words[1:]
    return doc_kind == "promise" and "negative" not in cues and bool(words) and words[0] in _infinitives()


def extract_pledges(
    text: str,
    sections: list[Section],
    blocks: list[Block],
    sentences: list[Sentence],
    *,
    doc_kind: str = "promise",
    doc_id: str = "",
    quantities: Optional[QuantityIndex] = None,
) -> list[Pledge]:
    """Every pledge of a document, in text order, with party, offsets and target.

    >>> from promisemine.sections import segment
    >>> t = "Polisen lovar att:\\n\\n  • Genomföra trygghetsskapande fotpatrullering.\\n"
    >>> [ (p.party, p.text) for p in extract_pledges(t, *segment(t)) ]
    [('police', 'Genomföra trygghetsskapande fotpatrullering.')]
    """
    author = document_author(text)
    b = _Builder(text, doc_id, author, quantities or QuantityIndex(text))
    kind_of = {s.id: s.kind for s in sections}
    heading_of = {s.id: s.heading for s in sections}
    sent_by_block: dict[int, list[Sentence]] = {}
    for s in sentences:
        sent_by_block.setdefault(s.block_index, []).append(s)
    leadin: Optional[str] = None
    title_section = next((s.id for s in sections if s.level == 1), None)
    for bi, blk in enumerate(blocks):
        if kind_of.get(blk.section_id) == "boilerplate" or blk.kind == "boilerplate":
            leadin = None
            continue
        if blk.kind == "heading":
            # the title ("Uppföljning medborgarlöfte 2023") names the genre, not a list
            leadin = blk.text if blk.section_id != title_section else TITLE_LEADIN
            continue
        if blk.kind == "paragraph":
            sents = sent_by_block.get(bi, [])
            stripped = blk.text.rstrip()
            leadin = sents[-1].text if stripped.endswith(":") and sents else heading_of.get(blk.section_id)
            if blk.text[:1] in QUOTE_SIGNS and QUOTE_START.match(blk.text):
                continue
            for s in sents:
                folded = fold(text[s.start:s.end])  # (folded once for all tests)
                if not _may_pledge(folded):
                    continue  # (nor may it without its label: a part of it)
                label = LABEL.match(s.text)
                if label:  # "Löfte 1: Polisen ska …"
                    s = Sentence(s.start + label.end(), s.end, s.text[label.end():], s.block_index, s.section_id)
                    folded = fold(text[s.start:s.end])
                    if not _may_pledge(folded):
                        continue
                found = _inline_lovar(text, s, author, folded)
                if found is None:
                    found = _modal(text, s, author, folded, future_ok=doc_kind != "follow_up")
                # the trap tests, the costliest, only for a sentence that pledges otherwise
                if found is None or _is_trap(_flat(s.text)) or "säger" in s.text and _SAGER.search(s.text):
                    continue
                spans, party = found
                for a, z in spans:
                    b.add(a, z, party, s.section_id)
            continue
        # a bullet item: a pledge under a pledge lead-in, or one that names its party and
        # promises by itself ("• Polisen ska genomföra minst 20 trafikkontroller") —
        # never in a list of what was done ("Utfallet blev:")
        if (blk.text[:1] in QUOTE_SIGNS and QUOTE_START.match(blk.text)) or ("säger" in blk.text and _SAGER_QUOTE.search(blk.text)):
            continue  # a quotation
        if not _is_pledge_list(leadin, doc_kind) and not _self_pledge(blk.text, leadin, doc_kind):
            continue
        if reports_done(blk.text):  # (the costliest test, asked last)
            continue  # a report of what was done ("Sju insatser genomfördes.")
        start, end = blk.start, blk.end
        label = LABEL.match(text, start, end)
        if label:
            start = label.end()
        party = None
        tag = BRACKET_TAG.search(text, start, end) or RESPONSIBLE_TAG.search(text, start, end)
        if tag and party_of(tag.group(1), locative_ok=True):
            party = party_of(tag.group(1), locative_ok=True)
            end = tag.start()
        lead = LEADING_LOVAR.match(text, start, end)
        if lead:
            party = party or _subject_party(text[start:lead.end()]) or party_of(text[start:lead.end()], locative_ok=True)
            start = lead.end()
        end = _drop_trailing_background(text, start, end)
        party = party or _subject_party(text[start:end]) or party_of(leadin or "") or author
        if party is None:
            continue
        b.add(start, end, party, blk.section_id)
    return b.pledges
