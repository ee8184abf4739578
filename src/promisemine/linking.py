"""Link each reported activity to the pledge it fulfils, and pledges across documents.

Follow-ups rarely say which pledge an activity belongs to; a reader infers it from
position, headings and wording. So does this module, with one scorer whose weights
are data (``data/link_weights.tsv``):

* position — the activity stands under the pledge's bullet or heading (a follow-up
  that interleaves "• Genomföra skolbesök till årskurs 7 …" with its report);
* wording — shared lemmas and compound parts between the activity (its clause,
  sentence and section heading) and the pledge: "trafikkontroller" ~ "trafikövervakning",
  "narkotikainsats" ~ "insatser mot narkotika";
* theme — a shared theme of ``data/themes.tsv`` (narkotika, trafik, skola/unga …);
* party — the activity's actor against the pledge's party.

The score is squashed to 0..1 (``link_score``); below the threshold the activity
links to no pledge. Every link keeps its signals in ``Activity.evidence``.
Across a run, a follow-up's pledges get ``same_as`` the matching pledge of the
promise document of the same municipality with overlapping years, and activities may
link to those promise pledges.
"""
from __future__ import annotations

import math
from functools import lru_cache
from operator import mul
from typing import Iterable, Iterator, Optional

import regex

from .language import noun_lemma
from .pipeline import reading_text
from .records import Activity, Block, Document, Pledge
from .wordlists import column, function_words, rows

WORD = regex.compile(r"\p{L}[\p{L}-]*")
FUNCTION_WORDS = function_words(
    "preposition", "conjunction", "subordinator", "auxiliary", "determiner", "pronoun", "adverb"
)


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return {r[0]: float(r[1]) for r in rows("link_weights.tsv")}


@lru_cache(maxsize=1)
def _themes() -> list[tuple[str, tuple[str, ...], float]]:
    return [(r[0], tuple(r[1].split()), float(r[2]) if len(r) > 2 else 1.0) for r in rows("themes.tsv")]


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(column("link_stopwords.txt"))


@lru_cache(maxsize=20000)
def _keys(word: str) -> frozenset[str]:
    """Comparison keys of a word: its lemma and its compound parts' 5-letter stems.
    "trafikkontroller" -> {"trafikkontroll", "trafi", "kontr"}."""
    w = word.lower()
    lemma = noun_lemma(w) if len(w) > 3 else w
    keys = {lemma, lemma[:5]}
    if len(lemma) > 9:
        keys.add(lemma[-6:][:5])
    stop = _stop()
    return frozenset(k for k in keys if len(k) >= 4 and k not in stop and k[:5] not in stop or k == lemma and k not in stop)


@lru_cache(maxsize=20000)
def content_keys(text: str) -> frozenset[str]:
    out: set[str] = set()
    for w in WORD.findall(reading_text(text)):  # "trafik\u00adkontroller" is one word
        if len(w) > 2 and w.lower() not in FUNCTION_WORDS and w.lower() not in _stop():
            out |= _keys(w)
    return frozenset(out)


def theme_weight(themes: frozenset[str]) -> float:
    """Evidence of shared themes: "grannsamverkan" (specific) weighs more than "information"."""
    if not themes:  # most pairs share none; 0 (an int) is what the sum of nothing gives
        return 0
    return min(1.5, sum(w for t, _, w in _themes() if t in themes))


@lru_cache(maxsize=1)
def _theme_patterns() -> list[tuple[str, regex.Pattern]]:
    """One regex per theme: a stem matches at a word start ("trafik…"), a stem of five
    letters or more also inside a compound ("hastighetstrafik", "drognarkotika")."""
    out = []
    for theme, stems, _ in _themes():
        short = [regex.escape(st) for st in stems if len(st) < 5]
        long = [regex.escape(st) for st in stems if len(st) >= 5]
        parts = []
        if short:
            parts.append(rf"\b(?:{'|'.join(short)})")
        if long:
            parts.append(rf"(?:{'|'.join(long)})")
        out.append((theme, regex.compile("|".join(parts), regex.IGNORECASE)))
    return out


@lru_cache(maxsize=20000)
def themes_of(text: str) -> frozenset[str]:
    """The genre themes a text touches: "64 stycken trafikkontroller" -> {"trafik"}."""
    text = reading_text(text)
    return frozenset(theme for theme, pat in _theme_patterns() if pat.search(text))


def _squash(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class _Long:
    """The long keys (7+ letters) of one side, ready for substring tests."""

    __slots__ = ("keys", "joined", "own")

    def __init__(self, keys: frozenset[str]) -> None:
        self.keys = [k for k in keys if len(k) >= 7]
        self.joined = "\x00".join(self.keys)  # one string: "k in joined" tests every key at once
        self.own = frozenset(self.keys)

    def inside(self, k: str) -> bool:
        """Is ``k`` a proper part of one of these keys? ("narkotika" of "narkotikainsats")"""
        n = self.joined.count(k)
        return n > 1 or (n == 1 and k not in self.own)

    def count_inside(self, keys: list[str]) -> int:
        """How many of ``keys`` are :meth:`inside` these (one loop, asked for every pair)."""
        joined, own = self.joined, self.own
        found = 0
        for k in keys:
            n = joined.count(k)
            if n > 1 or (n == 1 and k not in own):
                found += 1
        return found


def _contained(ak: set[str], pk: set[str]) -> int:
    """Whole lemmas of one side inside a compound of the other: "grannsamverkan" in
    "grannsamverkansgrupp", "narkotika" in "narkotikainsats"."""
    return _contained_long(_Long(frozenset(ak)), _Long(frozenset(pk)))


def _contained_long(a: _Long, p: _Long) -> int:
    return a.count_inside(p.keys) + p.count_inside(a.keys)


def score_link(activity_text: str, activity_actor: Optional[str], pledge: Pledge, *, nearest: bool, same_section: bool, only: bool, after: bool = False, heading: str = "") -> tuple[float, dict[str, float]]:
    """Score how well an activity fulfils a pledge; returns (0..1, evidence).

    Words of the section heading count half: "Trygghetsskapande åtgärder" says what
    the text under it is about, but less than the activity's own words.
    """
    return _score(
        _ActivitySide(activity_text, activity_actor, heading), _PledgeSide(pledge),
        nearest=nearest, same_section=same_section, only=only, after=after,
    )


class _ActivitySide:
    """What the scorer reads of an activity, computed once for all candidate pledges."""

    __slots__ = ("keys", "long", "heading_keys", "themes", "actor")

    def __init__(self, text: str, actor: Optional[str], heading: str) -> None:
        self.keys = content_keys(text)
        self.long = _Long(self.keys)
        self.heading_keys = content_keys(heading) - self.keys
        self.themes = themes_of(text) | themes_of(heading)
        self.actor = actor


class _PledgeSide:
    __slots__ = ("keys", "long", "themes", "party")

    def __init__(self, pledge: Pledge) -> None:
        self.keys = content_keys(pledge.text)
        self.long = _Long(self.keys)
        self.themes = themes_of(pledge.text)
        self.party = pledge.party


# The evidence signals, in the order the score adds their weighted values.
SIGNALS = (
    "position_nearest", "position_section", "wording", "theme",
    "party_match", "party_conflict", "only_pledge", "position_after",
)


def _signals(a: _ActivitySide, p: _PledgeSide, nearest: bool, same_section: bool, only: bool, after: bool) -> tuple:
    """The evidence values of one activity–pledge pair, in the order of :data:`SIGNALS`."""
    own = len(a.keys & p.keys) + _contained_long(a.long, p.long)
    from_heading = len(a.heading_keys & p.keys)
    overlap = (own + 0.5 * from_heading) / 3.0
    themes = a.themes & p.themes  # most pairs share none: round(0, 3) is 0
    actor, party = a.actor, p.party
    return (
        1.0 if nearest else 0.0,
        1.0 if same_section and not nearest else 0.0,
        round(min(1.0, overlap), 3),
        round(theme_weight(themes), 3) if themes else 0,
        1.0 if actor and (actor == party or party == "joint") else 0.0,
        1.0 if actor and party != "joint" and actor not in (party, "joint") else 0.0,
        1.0 if only else 0.0,
        1.0 if after else 0.0,
    )


def _weight_row() -> tuple[float, tuple[float, ...]]:
    """The bias and the weights of :data:`SIGNALS` in their order: read once per linking
    pass, so that a pair's score is one sum over two tuples."""
    w = weights()
    return w["bias"], tuple(w[k] for k in SIGNALS)


def _value(values: tuple, bias: float, row: tuple[float, ...]) -> float:
    """The 0..1 score of a pair's evidence values (the same products, added in the same
    order, as a sum over an evidence dict)."""
    return _squash(bias + sum(map(mul, row, values)))


def _score(a: _ActivitySide, p: _PledgeSide, *, nearest: bool, same_section: bool, only: bool, after: bool) -> tuple[float, dict[str, float]]:
    values = _signals(a, p, nearest, same_section, only, after)
    return _value(values, *_weight_row()), dict(zip(SIGNALS, values))


def _pairs(
    doc: Document, candidates: list[Pledge], blocks: Optional[list[Block]], local: bool
) -> Iterator[tuple[Activity, list[tuple]]]:
    """For each activity of ``doc``, the evidence values (:func:`_signals`) against every
    candidate pledge, in the candidates' order. A document without activities (most
    promise documents) reads nothing of its pledges."""
    if not doc.activities:
        return
    headings = {s.id: (s.heading or "") for s in doc.sections}
    isolated = _isolated(candidates, blocks) if local else set()
    sides = [_PledgeSide(p) for p in candidates]
    only = len(candidates) == 1
    in_section: dict[str, list[Pledge]] = {}  # the pledges of each section, in order
    if local:
        for p in candidates:
            in_section.setdefault(p.section_id, []).append(p)
    for a in doc.activities:
        nearest_id = None
        if local:
            before = [p for p in in_section.get(a.section_id, ()) if p.end <= a.start]
            if before:
                near = max(before, key=lambda p: p.end)
                if near.id in isolated:
                    nearest_id = near.id
        side = _ActivitySide(f"{a.text} {a.sentence}", a.actor, headings.get(a.section_id, ""))
        sid, a_end = a.section_id, a.end
        yield a, [
            _signals(side, ps, p.id == nearest_id, local and p.section_id == sid, only, local and p.start > a_end)
            for p, ps in zip(candidates, sides)
        ]


def candidate_scores(
    doc: Document, candidates: list[Pledge], blocks: Optional[list[Block]] = None, local: bool = True
) -> Iterator[tuple[Activity, list[tuple[Pledge, float, dict[str, float]]]]]:
    """For each activity of ``doc``, every candidate pledge with its score and evidence.

    The linker takes the best; ``tools/fit_link_weights.py`` learns the weights from
    these evidence dicts on annotated documents.
    """
    bias, row = _weight_row()
    for a, values in _pairs(doc, candidates, blocks, local):
        yield a, [(p, _value(v, bias, row), dict(zip(SIGNALS, v))) for p, v in zip(candidates, values)]


def _link(doc: Document, candidates: list[Pledge], blocks: Optional[list[Block]], local: bool) -> None:
    """Link each activity to its best-scoring candidate, when that scores over the
    threshold (and over a link it already has). The same choice as the best of
    :func:`candidate_scores`, with the evidence dict made for the chosen pledge only."""
    if not candidates:
        return
    threshold = weights()["threshold"]
    bias, row = _weight_row()
    for a, values in _pairs(doc, candidates, blocks, local):
        scores = [_value(v, bias, row) for v in values]
        best = max(range(len(scores)), key=scores.__getitem__)  # the first of the best, as max() of the pairs
        sc = scores[best]
        if sc >= threshold and (a.link_score is None or sc > a.link_score):
            a.pledge_id, a.link_score, a.evidence = candidates[best].id, round(sc, 3), dict(zip(SIGNALS, values[best]))


def _isolated(pledges: list[Pledge], blocks: Optional[list[Block]]) -> set[str]:
    """Pledges restated one at a time between report paragraphs (a follow-up that
    interleaves "• Genomföra skolbesök …" with what was done): only for these does
    position say which pledge the following text reports on. A list of several
    pledges followed by a report says only "one of these"."""
    if not blocks:
        return set()
    index = {}
    starts = [(p.id, p.start) for p in pledges]  # (the attributes read once, not per block)
    for i, b in enumerate(blocks):
        lo, hi = b.start, max(b.end, b.start + 1)
        for pid, start in starts:
            if lo <= start < hi:
                index[pid] = i
    taken = set(index.values())
    return {pid for pid, i in index.items() if i - 1 not in taken and i + 1 not in taken}


def link_document(doc: Document, blocks: Optional[list[Block]] = None) -> Document:
    """Link a document's activities to its own pledges (position, wording, theme, party)."""
    _link(doc, doc.pledges, blocks, local=True)
    return doc


def _overlap(a: Iterable[int], b: Iterable[int]) -> bool:
    return bool(set(a) & set(b))


@lru_cache(maxsize=20000)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(reading_text(text)))


def _dice(a: str, b: str) -> float:
    A, B = _word_set(a), _word_set(b)
    return 2 * len(A & B) / (len(A) + len(B)) if A and B else 0.0


class PromiseIndex:
    """The pledges of a run's promise documents, by municipality: what follow-ups link to.

    Built from the promises alone, so a batch can keep just this index in memory and
    link each follow-up as it streams past (:meth:`link`).
    """

    def __init__(self, docs: Iterable[Document] = ()):
        self.by_municipality: dict[str, list[tuple[list[int], list[Pledge]]]] = {}
        self._candidates: dict[tuple, list[Pledge]] = {}
        for d in docs:
            self.add(d)

    def add(self, doc: Document) -> None:
        if doc.kind == "promise" and doc.municipality and doc.pledges:
            self.by_municipality.setdefault(doc.municipality, []).append((list(doc.years), list(doc.pledges)))
            self._candidates.clear()

    def candidates(self, municipality: str, years: list[int]) -> list[Pledge]:
        """Promise pledges of the municipality whose years overlap; a pledge text that
        several promise documents share is kept once (the first)."""
        key = (municipality, tuple(sorted(years)))
        if key not in self._candidates:
            unique: dict[str, Pledge] = {}
            for src_years, pledges in self.by_municipality.get(municipality, []):
                if _overlap(src_years, years) or not src_years or not years:
                    for pl in pledges:
                        unique.setdefault(" ".join(pl.text.lower().split()), pl)
            self._candidates[key] = list(unique.values())
        return self._candidates[key]

    @staticmethod
    def may_change(d: Document) -> bool:
        """Can :meth:`link` change ``d``? Only a follow-up that names its kommun: a
        promise, or a text of another kind, is final when extracted."""
        return d.kind == "follow_up" and bool(d.municipality)

    def link(self, d: Document) -> Document:
        """``same_as`` for the follow-up's restated pledges, then its activities to the
        promise pledges it does not restate, where they score higher than a local link."""
        if not self.may_change(d):
            return d
        promise_pledges = self.candidates(d.municipality, d.years)
        if not promise_pledges:
            return d
        for pl in d.pledges:
            best = max(promise_pledges, key=lambda q: _dice(pl.text, q.text))
            if _dice(pl.text, best.text) >= 0.5:
                pl.same_as = best.id
        restated = {pl.same_as for pl in d.pledges if pl.same_as}
        others = [q for q in promise_pledges if q.id not in restated]
        if others:
            _link(d, others, None, local=False)
        return d


def link_corpus(docs: list[Document]) -> list[Document]:
    """Cross-document pass: ``same_as`` for restated pledges, then links from each
    follow-up's activities to the promise pledges of the same municipality and years
    (e.g. an Essunga follow-up of 2023 and the Essunga promise for 2023–2024).

    Promises are indexed by municipality (:class:`PromiseIndex`), and a pledge text that
    several promise documents share is compared once, so the pass stays near-linear.
    """
    index = PromiseIndex(docs)
    for d in docs:
        index.link(d)
    return docs
