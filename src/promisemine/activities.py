"""Extract reported activities from follow-up text, with quantity, lemma and actor.

A follow-up tells what was done in running text and lists: "Polisen utförde
sammanlagt ett 80-tal trygghetsskapande patrulleringar", "Sex stycken nya
Grannsamverkansgrupper startades och ett 70-tal möten … genomfördes" (two
activities), "Vi har använt hund vid sök i skolmiljö" (no number), or a bullet
"Elva riktade narkotikainsatser".

How a sentence becomes activities:

1. A sentence qualifies when it reports: it has an action verb (``data/action_verbs.txt``)
   in the past, perfect or passive ("genomfördes", "har besökt"), or it is a verbless
   item of a report list ("Patrullering och kontroller vid kända adresser."). Present
   tense ways of working, plans ("ska", "kommer att"), crime totals and survey results
   (``data/activity_traps.tsv``) do not.
2. The sentence is cut into clauses at "och", "samt", "men", "vilket" and commas where
   both sides report something of their own (a verb or a count): one activity per
   clause, its ``text`` the clause.
3. Each clause takes the quantity of its counted phrase (:mod:`promisemine.quantities`),
   the lemma of the counted head noun (:mod:`promisemine.language`) and the actor its
   subject names.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Optional

import regex

from .language import noun_lemma
from .verbs import STOP, has_action_phrase, is_action_verb
from .verbs import is_finite_present as _is_finite_present
from .pledges import _leadin_strength, document_author, party_of
from .quantities import QuantityIndex
from .records import Activity, Block, Pledge, Quantity, Section, Sentence
from .wordlists import any_of, column, function_words

TOKEN = regex.compile(r"[\w][\w-]*(?:/[\w-]+)?|[^\w\s]")
REPORTING_PERIOD = regex.compile(r"\bunder\s+(?:hela\s+)?(?:året|år\s+\d{4}|\d{4})\b", regex.IGNORECASE)
PARTITIVE = frozenset({"fall", "stycken", "st", "antal"})
# ", och ", ", samt ", " och ", " samt ", " men ", ", vilket ", " vilket ", "; ", ", ": the
# alternatives grouped by their first character, which finds the same boundaries as
# listing them one by one in that order at two thirds of the cost
BOUNDARY = regex.compile(r",\s+(?:och\s+|samt\s+|vilket\s+)?|\s+(?:och|samt|men|vilket)\s+|;\s+")
# every boundary holds one of these as a token of its own ("," and ";" are tokens by
# themselves, and " och " the token "och"): a sentence without them has none
BOUNDARY_TOKENS = frozenset({",", ";", "och", "samt", "men", "vilket"})
PREPOSITIONS = function_words("preposition")
_LETTERS = regex.compile(r"\p{L}+")
_CONJUNCTIONS = ("och", "samt", "men", "vilket")
_TRAILING_CONJUNCTION = regex.compile(r"(?:,?\s+(?:%s))$" % "|".join(_CONJUNCTIONS))  # "…, och"
_JOINT_ACTION = regex.compile(r"\btillsammans med\b|\bi samverkan med\b|\bgemensamt\b", regex.I)
_PASSIVE_AGENT = regex.compile(r"\bav\s+((?:\p{L}+\s+){0,2}\p{L}+)")  # "av kommunen"
_VI = regex.compile(r"\bvi\b", regex.I)
_SAGER = regex.compile(r"\bsäger\b")  # "säger"
_DASH_QUOTE = regex.compile(r"[-–—]\s?\p{Lu}")  # "– Vi …"
_DASHES = frozenset("-–—")  # the first character of a _DASH_QUOTE


def _traps():
    return any_of("activity_traps.tsv")


@lru_cache(maxsize=1)  # asked twice for every "en"/"ett" of a reporting sentence
def _non_count() -> frozenset[str]:
    return frozenset(column("non_count_nouns.txt"))


# the marks that may close a word without being part of it: "kontroller," "2019." "(EST)"
_CLOSING_MARKS = frozenset(".,;:!?)")
# white space to str.split(), a token of its own to TOKEN (the information separators):
# the only characters where the two disagree, so a text without them may be split first
SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")


def _split_tokens(pieces: list[str]) -> tuple[list[str], list[str]]:
    """TOKEN.findall of a text, from its ``str.split()`` pieces, and the tokens of them
    that begin with a letter or a digit (the words).

    No token holds or is white space, so the tokens of a text are those of its pieces
    (when it has no :data:`SEPARATORS`). Most pieces are a word ("trafikkontroller",
    "2019") or a word and a closing mark ("kontroller,"): those need no regex; the
    rest ("80-tal", "t.ex.", "(EST)") are tokenized by TOKEN.
    """
    tokens: list[str] = []
    words: list[str] = []
    for p in pieces:
        if p.isalpha() or p.isdecimal():  # letters and digits are \w
            tokens.append(p)
            words.append(p)
        elif p[-1] in _CLOSING_MARKS and (p[:-1].isalpha() or p[:-1].isdecimal()):
            w = p[:-1]
            tokens.append(w)
            tokens.append(p[-1])
            words.append(w)
        else:
            found = TOKEN.findall(p)
            tokens += found
            words += [w for w in found if w[0].isalnum()]
    return tokens, words


class _SpanTokens:
    """The tokens of one sentence, found once; the tokens of a part of it are a slice.

    A follow-up's sentence is looked at clause by clause, word by word, several times;
    tokenizing it once and slicing by offsets costs a fraction of that. Memory is
    bounded by the sentence, and each call of :func:`extract_activities` has its own.
    Most sentences are turned away on their words alone, so the words are found first
    and their offsets, with the (start, end, word) triples, on the first :meth:`get`;
    which words are action verbs, on the first :meth:`acts_in`.
    """

    __slots__ = ("text", "first", "starts", "ends", "words", "named", "tokens", "acts")

    def __init__(self, text: str, start: int = 0, end: Optional[int] = None,
                 pieces: Optional[list[str]] = None) -> None:
        """``pieces``: ``text[start:end].split()`` when that holds no :data:`SEPARATORS`
        (the tokens are then found from them, see :func:`_split_tokens`)."""
        self.text = text
        self.first = start
        if pieces is None:
            self.words: list[str] = TOKEN.findall(text, start, len(text) if end is None else end)
            self.named = [w for w in self.words if w[0].isalnum()]
        else:
            self.words, self.named = _split_tokens(pieces)
        self.starts: Optional[list[int]] = None
        self.ends: list[int] = []
        self.tokens: list[tuple[int, int, str]] = []
        self.acts: Optional[list[bool]] = None

    def _locate(self) -> None:
        """The offsets of the words. Every character but white space is part of a token,
        so a word starts where it first occurs after the word before it."""
        find = self.text.find
        starts, ends = [], []
        pos = self.first
        for w in self.words:
            pos = find(w, pos)
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        self.starts, self.ends = starts, ends
        self.tokens = list(zip(starts, ends, self.words))

    def _range(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """The indices ``i, j`` of the tokens in ``text[start:end]`` (``tokens[i:j]``),
        or None for a span outside the sentence or one that starts or ends inside a
        word, whose tokens are not a slice."""
        if self.starts is None:
            self._locate()
        starts, ends = self.starts, self.ends
        i = bisect.bisect_right(ends, start)  # the first token ending after start
        j = bisect.bisect_left(starts, end)  # the first token starting at or after end
        inside = bool(starts) and starts[0] <= start and end <= ends[-1]
        if not inside or (i < len(starts) and starts[i] < start) or (j > 0 and ends[j - 1] > end):
            return None
        return i, j

    def get(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, word) of every token in ``text[start:end]``."""
        span = self._range(start, end)
        if span is None:
            return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(self.text, start, end)]
        return self.tokens[span[0]:span[1]]

    def words_in(self, start: int, end: int) -> list[str]:
        """The words of :meth:`get`, without their offsets."""
        span = self._range(start, end)
        if span is None:
            return TOKEN.findall(self.text, start, end)
        return self.words[span[0]:span[1]]

    def acts_in(self, start: int, end: int) -> list[bool]:
        """:func:`is_action_verb` of every token in ``text[start:end]``, in order.

        Clauses, the counted quantity and the actor all ask where a sentence's action
        verbs are; the answer is read once per sentence, and a part of the sentence
        is a slice of it (``True in acts_in(a, z)``: does the clause have one?)."""
        span = self._range(start, end)
        if span is None:
            return [is_action_verb(w) for w in TOKEN.findall(self.text, start, end)]
        if self.acts is None:
            self.acts = list(map(is_action_verb, self.words))
        return self.acts[span[0]:span[1]]


def _head_noun(tt: _SpanTokens, q: Quantity, clause_end: int) -> Optional[str]:
    """The counted head noun after a quantity: "ett 80-tal trygghetsskapande
    patrulleringar i …" -> "patrulleringar"; "16 fall av rattfyllerier" -> "rattfyllerier"."""
    toks = tt.get(q.end, clause_end)
    chunk: list[str] = []
    i = 0
    while i < len(toks):
        w = toks[i][2]
        wl = w.lower()
        if not w[0].isalnum():
            break
        if wl in STOP or is_action_verb(w) or (chunk and _is_finite_present(w)):
            if wl == "av" and chunk and chunk[-1].lower() in PARTITIVE and i + 1 < len(toks):
                chunk = []
                i += 1
                continue
            break
        chunk.append(w)
        if len(chunk) >= 4:
            break
        i += 1
    if not chunk:
        return None
    head = chunk[-1].split("/")[0]
    if head.isdigit():
        return None
    return head


UNIT_LEMMAS = frozenset({"tillfälle", "timme", "minut", "dag", "vecka", "månad", "gång", "kväll", "år", "termin"})


def _unit_lemma(q: Quantity) -> Optional[str]:
    """The unit a quantity carries in its own text: "två timmars tid" -> "timme",
    "vid ett par tillfälle" -> "tillfälle"."""
    for w in _LETTERS.findall(q.text):
        lemma = noun_lemma(w)
        if lemma in UNIT_LEMMAS:
            return lemma
    return None


def _counted_lemma(tt: _SpanTokens, q: Quantity, a: int, z: int) -> Optional[str]:
    """Base form of what a quantity counts: the unit inside "vid 11 tillfällen" or
    "två timmars", else the head noun after it ("ett 80-tal trygghetsskapande
    patrulleringar" -> "patrullering"), else for a bare frequency the noun before it
    ("information varje kvartal" -> "information"). The unit is looked for only where
    it can decide: most counts have a head noun and need none."""
    unit = _unit_lemma(q) if q.duration or "tillf" in q.text.lower() else None
    if unit:
        return unit
    head = _head_noun(tt, q, z)
    if head and not (q.period and q.value is None and q.low is None and q.vague is None):
        return noun_lemma(head)
    if q.period:
        noun = _preceding_noun(tt, q.start, a)
        return noun_lemma(noun) if noun else None
    unit = _unit_lemma(q)  # (no head noun here: each case with one has returned)
    if head is None and not unit and not _is_article(q):
        # a label and its number: "Trafikkontroller: 64", "Trygghetsvandringar 5 st"
        label = _label_noun(tt, q.start, a)
        if label:
            return noun_lemma(label)
    return unit


# between a label and its number: "Trafikkontroller: 64", "Trafikkontroller, totalt: 64"
_LABEL_MARKS = frozenset([":", "–", "—", "-", "=", ",", "totalt", "sammanlagt", "antal", "ca", "cirka", "drygt", "knappt", "ungefär"])


def _preceding_noun(tt: _SpanTokens, start: int, floor: int) -> Optional[str]:
    """The word right before ``start`` when it can be a noun."""
    toks = tt.get(floor, start)
    for s, e, w in reversed(toks):
        if w[0].isalpha() and w.lower() not in STOP and not is_action_verb(w):
            return w
        break
    return None


def _label_noun(tt: _SpanTokens, start: int, floor: int) -> Optional[str]:
    """The counted noun of a label that stands before its number, the clause being
    nothing but label and number: "Antal genomförda trygghetsvandringar: 5" →
    "trygghetsvandringar", "Möten med näringsidkare 3 st" → "Möten" (the head, before
    the preposition). A clause with a verb is no label ("… har deltagit …, totalt 8")."""
    words = [w for _, _, w in tt.get(floor, start) if w.lower() not in _LABEL_MARKS]
    if not words or len(words) > 6 or not all(w[0].isalpha() for w in words):
        return None
    if any(is_action_verb(w) or _is_finite_present(w) for w in words):
        return None
    prep = next((i for i, w in enumerate(words) if w.lower() in PREPOSITIONS), len(words))
    head = [w for w in words[:prep] if w.lower() not in STOP]
    return head[-1] if head else None



def _is_article(q: Quantity) -> bool:
    return q.value == 1 and q.text.lower() in {"en", "ett"}


def _keep_article(tt: _SpanTokens, q: Quantity, clause_start: int, clause_end: int) -> bool:
    """ "en krogkontroll" counts one; "ett arbete med att …", "för en gemensam
    lägesbild", "en har varit positiv" do not."""
    head = _head_noun(tt, q, clause_end)
    if not head or head.lower() in _non_count():
        return False
    nxt = tt.get(q.end, clause_end)
    if nxt and (nxt[0][2].lower() in _non_count() or _is_finite_present(nxt[0][2])):
        return False
    prev = tt.get(clause_start, q.start)
    if prev and prev[-1][2].lower() in PREPOSITIONS and noun_lemma(head) != "tillfälle":
        return False
    return True


_RELATIVES = frozenset({"där", "som", "när", "vilket", "vilka"})  # "… som genomfördes och …"


def _clauses(tt: _SpanTokens, s: int, e: int, qs: list[Quantity]) -> list[tuple[int, int]]:
    """Cut a sentence (``tt`` its tokens, ``s``-``e`` its span) where both sides report
    something of their own."""
    text = tt.text
    cuts = [s]
    # the boundaries are found once: the one after a boundary is where its right side ends;
    # not looked for when no token can be part of one (a third of the sentences)
    found = [] if BOUNDARY_TOKENS.isdisjoint(tt.words) else _boundaries(tt, s, e)
    for k, m in enumerate(found):
        left = (cuts[-1], m.start())
        right = (m.end(), found[k + 1].start() if k + 1 < len(found) else e)
        left_acts = tt.acts_in(*left)
        left_verb = True in left_acts
        both_verbs = left_verb and True in tt.acts_in(*right)
        both_q = any(left[0] <= q.start < left[1] for q in qs) and any(right[0] <= q.start < right[1] for q in qs)
        if not (both_verbs or both_q):
            continue  # "Många samtal och kontroller har genomförts": one activity
        lw = tt.words_in(*left)
        if not _content(lw) or not _content(tt.words_in(*right)):
            continue  # "Det har upptäckts och rapporterats 25 …": coordinated verbs
        if left_verb and not both_q:
            last_verb = len(left_acts) - 1 - left_acts[::-1].index(True)
            if not _RELATIVES.isdisjoint(map(str.lower, lw[last_verb:])):
                continue  # the "och" stands inside a relative clause
        cuts.append(m.end())
    spans = []
    for i, c in enumerate(cuts):
        z = cuts[i + 1] if i + 1 < len(cuts) else e
        a, b = c, z
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
            b -= 1
        # drop the conjunction that ends the previous clause; the clause ends in no
        # space, so only one that ends in a conjunction can (a cheap test, the search
        # tries every offset)
        if text.endswith(_CONJUNCTIONS, a, b):
            m = _TRAILING_CONJUNCTION.search(text[a:b])
            if m:
                b = a + m.start()
        spans.append((a, b))
    return spans


def _boundaries(tt: _SpanTokens, s: int, e: int) -> list[regex.Match]:
    """``list(BOUNDARY.finditer(text, s, e))`` of a sentence (``tt`` its tokens, ``s``-``e``
    its span), the pattern tried only where a boundary can start rather than at every
    character.

    A boundary starts at a "," or ";" (each a token of its own) or at the white space
    before "och", "samt", "men" or "vilket" (each then a token), that is at the end of
    the token before it, or at ``s``. Every boundary ends where a run of white space
    does, so the next one found from there is the one the scan finds next."""
    if tt.starts is None:
        tt._locate()
    text, words, starts, ends = tt.text, tt.words, tt.starts, tt.ends
    found = []
    pos = s  # where the scan stands
    for i, w in enumerate(words):
        if w in BOUNDARY_TOKENS:
            at = starts[i] if w == "," or w == ";" else ends[i - 1] if i else s
            if at >= pos:
                m = BOUNDARY.match(text, at, e)
                if m:
                    found.append(m)
                    pos = m.end()
    return found


def _content(words: Iterable[str]) -> bool:
    """Does a part of a sentence say something of its own, a word that is neither a
    function word, a bare subject ("det", "vi") nor an action verb? "Det har
    upptäckts" does not; "25 fall av rattfylleri" does."""
    return any(w[0].isalnum() and w.lower() not in STOP and w.lower() not in {"det", "vi", "de", "man", "den"}
               and not is_action_verb(w) for w in words)


def _pick(tt: _SpanTokens, cq: list[Quantity], a: int, z: int) -> Quantity:
    """The counted quantity of a clause: the first after its action verb ("har under
    februari genomfört fyra informationsträffar … kopplat till flertalet brandlarm"
    -> "fyra"), else the last before it ("har vid minst 14 tillfällen besökt")."""
    pool = [x for x in cq if not _is_article(x)] or cq
    acts = tt.acts_in(a, z)
    if True in acts:
        verb = tt.get(a, z)[acts.index(True)][0]
        after = [x for x in pool if x.start > verb]
        if after:
            return after[0]
    return pool[-1]


def _actor(tt: _SpanTokens, a: int, z: int, s: int, author: str, leadin_party: Optional[str]) -> Optional[str]:
    """Who did it, from the clause's subject.

    "Polisen har medverkat vid kommunens landsbygdsråd" -> police (the subject, not
    the kommun mentioned later); "Under 2019 genomförde polisen …" -> police (inverted
    subject); "… vid ett tillfälle av kommunen" -> municipality (passive agent);
    "tillsammans med kommunen" -> joint; "Vi har …" -> the author; a bullet under
    "Kommunens insatser:" -> municipality; an agentless passive -> None.
    """
    text = tt.text
    clause = text[a:z]
    if _JOINT_ACTION.search(clause):
        return "joint"
    first = s if s < a and not _content(tt.words_in(a, z)[:1]) else a
    words, acts = tt.words_in(first, z), tt.acts_in(first, z)
    if True in acts:
        verb = acts.index(True)
        subject = " ".join(words[:verb])
        inverted = " ".join(words[verb + 1:verb + 3])
        for phrase in (subject, inverted):
            party = party_of(phrase)
            if party:
                return party
        if _VI.search(subject + " " + inverted):
            return author
        agent = _PASSIVE_AGENT.search(" ".join(words[verb + 1:]))  # looked for last: rarely needed
        if agent and party_of(agent.group(1)):
            return party_of(agent.group(1))
        if words[verb].lower().endswith("s") or leadin_party is None:
            return leadin_party
    if leadin_party:
        return leadin_party
    if _VI.search(clause):
        return author
    return party_of(clause)


def extract_activities(
    text: str,
    sections: list[Section],
    blocks: list[Block],
    sentences: list[Sentence],
    *,
    doc_kind: str = "follow_up",
    doc_id: str = "",
    pledges: Optional[list[Pledge]] = None,
    quantities: Optional[QuantityIndex] = None,
) -> list[Activity]:
    """Every reported activity of a follow-up (none for a promise document).

    >>> from promisemine.sections import segment
    >>> t = "Uppföljning 2019\\n\\nSex stycken nya Grannsamverkansgrupper startades och ett 70-tal möten genomfördes.\\n"
    >>> [(a.quantity.value, a.lemma) for a in extract_activities(t, *segment(t))]
    [(6, 'grannsamverkansgrupp'), (70, 'möte')]
    """
    if doc_kind == "promise":
        return []
    index = quantities or QuantityIndex(text)
    author = "police" if doc_kind == "follow_up" else document_author(text)
    kind_of = {s.id: s.kind for s in sections}
    in_pledge = _Overlap([(p.start, p.end) for p in pledges or []])
    out: list[Activity] = []
    prev_block, prev_was_activity = -1, False
    leadin_of = _leadins(blocks, sections)
    odd_spaces = any(c in text for c in SEPARATORS)  # (no document has them)
    for sent in sentences:
        blk = blocks[sent.block_index]
        if kind_of.get(sent.section_id) == "boilerplate" or blk.kind not in ("paragraph", "bullet"):
            continue
        if sent.block_index != prev_block:
            prev_was_activity = False
            prev_block = sent.block_index
        s, e = sent.start, sent.end
        body = text[s:e]
        if in_pledge(s, e) or body.rstrip().endswith(":"):
            prev_was_activity = False
            continue
        if ("säger" in body and _SAGER.search(body)) or (body[:1] in _DASHES and _DASH_QUOTE.match(body)):
            prev_was_activity = False
            continue
        pieces = body.split()
        tt = _SpanTokens(text, s, e, None if odd_spaces else pieces)  # the sentence's tokens, found once
        words = tt.named
        flat = " ".join(pieces)  # for the tables, written with single spaces
        has_action = any(map(is_action_verb, words)) or has_action_phrase(flat, flat=True)
        fragment = not has_action and not any(map(_is_finite_present, words))
        # the verb test of _reports first: it turns most sentences away, at a fraction
        # of the cost of the trap tables
        if not _can_report(words, has_action, fragment) or _traps().search(flat):
            prev_was_activity = False
            continue
        topic_list = _is_topic(leadin_of.get(sent.block_index))
        qs = [
            q for q in index.within(s, e)
            if not _is_article(q) or (has_action and _keep_article(tt, q, s, e))
        ]
        if not _reports(words, has_action, fragment, qs, s, blk.kind == "bullet", topic_list, prev_was_activity):
            prev_was_activity = False
            continue
        made = 0
        prev_actor: Optional[str] = None
        for a, z in _clauses(tt, s, e, qs):
            cq = [q for q in qs if a <= q.start < z]
            clause_acts = True in tt.acts_in(a, z) or has_action_phrase(text[a:z])
            if not cq and has_action and not clause_acts and not fragment:
                continue
            if cq and has_action and not clause_acts and any(map(_is_finite_present, tt.words_in(a, z))):
                continue  # "Eftersom … är viktigt och en trygghetsskapande faktor"
            q = None
            lemma = None
            if cq:
                q = _pick(tt, cq, a, z)
                lemma = _counted_lemma(tt, q, a, z)
                if q.period == "P1Y" and REPORTING_PERIOD.search(text, q.start, z):
                    q.period = None  # "42 trafikkontroller under året": a total, not a rate
            a, z = _strip(text, a, z)
            if z - a < 3:
                continue
            if made and not clause_acts:
                actor = prev_actor  # "… 64 stycken trafikkontroller och en narkotikainsats": the same doer
            else:
                actor = _actor(tt, a, z, s, author, party_of(leadin_of.get(sent.block_index) or ""))
            prev_actor = actor
            out.append(
                Activity(
                    id=f"{doc_id}#a{len(out) + 1}",
                    text=text[a:z],
                    sentence=body,
                    start=a,
                    end=z,
                    section_id=sent.section_id,
                    quantity=q,
                    lemma=lemma,
                    actor=actor,
                )
            )
            made += 1
        prev_was_activity = made > 0
    return out


class _Overlap:
    """Does a span overlap any of a few others (the document's pledges)? A sentence
    that overlaps a pledge is no activity; asked of every sentence, so the spans are
    sorted once and a sentence needs one bisection: of the spans that start before
    it ends, does the one reaching furthest reach past its start?

    >>> overlaps = _Overlap([(40, 60), (10, 20)])
    >>> overlaps(15, 30), overlaps(20, 40), overlaps(59, 70)
    (True, False, True)
    """

    __slots__ = ("starts", "reach")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far

    def __call__(self, start: int, end: int) -> bool:
        """As ``any(a < end and start < b for a, b in spans)``."""
        k = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return k > 0 and self.reach[k - 1] > start


def _reports(
    words: list[str], has_action: bool, fragment: bool, qs: list[Quantity], start: int,
    in_bullet: bool, topic_list: bool, after_activity: bool,
) -> bool:
    """Does a sentence report something done?

    Yes with an action verb in the past, perfect or passive ("genomfördes"). A verbless
    sentence reports when it is a report-list item ("• Elva riktade narkotikainsatser"),
    when it opens with a count ("Ett 50-tal trafikkontroller i kommunen …"), or when it
    continues a reporting paragraph as a list of nouns ("Tillsyn och närvaro vid spontan
    cruising."). Lists of priorities or problem areas report nothing.
    """
    if has_action:
        return True
    if not _can_report(words, has_action, fragment):
        return False
    starts_with_q = bool(qs) and qs[0].start <= start + 1
    return (in_bullet and not topic_list) or starts_with_q or (_nominal_fragment(words) and after_activity)


def _can_report(words: list[str], has_action: bool, fragment: bool) -> bool:
    """The part of :func:`_reports` that needs only the words: an action verb, or a
    verbless sentence of two words or more. Most sentences that report nothing fail
    it ("Polisen arbetar med …"), so it is asked before the trap tables."""
    return has_action or (fragment and len(words) >= 2)


FRAGMENT_OPENERS = function_words("determiner", "pronoun", "subordinator", "conjunction", "preposition", "adverb")


def _nominal_fragment(words: list[str]) -> bool:
    """A verbless sentence that lists activities: "Patrullering och närvaro vid skolor
    och resecentra." — not "Detta för att åskådliggöra …" or "Ett samarbete mellan …"."""
    lowered = [w.lower() for w in words]
    return lowered[0] not in FRAGMENT_OPENERS and "som" not in lowered and "där" not in lowered and len(words) <= 25


def _leadins(blocks: list[Block], sections: list[Section]) -> dict[int, Optional[str]]:
    """The lead-in of each bullet: the heading or ":"-line before its list."""
    out: dict[int, Optional[str]] = {}
    lead: Optional[str] = None
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            lead = b.text
        elif b.kind == "paragraph" and b.text.rstrip().endswith(":"):
            lead = b.text
        elif b.kind == "bullet":
            out[i] = lead
    return out


def _is_topic(leadin: Optional[str]) -> bool:
    """A list of priorities or problem areas ("följande fokusområden identifierats:")."""
    return bool(leadin) and "negative" in _leadin_strength(leadin)


def _strip(text: str, a: int, z: int) -> tuple[int, int]:
    while a < z and (text[a].isspace() or text[a] in ",;"):
        a += 1
    while z > a and (text[z - 1].isspace() or text[z - 1] in ",;"):
        z -= 1
    return a, z
