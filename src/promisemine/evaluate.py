"""Score promisemine output against gold annotations.

The rules are those of the "Scoring" section of ``shared/spec/annotation-format.md``;
the reference scorer ``shared/tools/score.py`` implements the same rules, and
:func:`evaluate` gives the same figures (the test suite checks this), so numbers
from a notebook and numbers from the shared tool can be compared directly.

>>> metrics, misses = evaluate("out.jsonl", "corpus/gold", "corpus/docs")   # doctest: +SKIP
>>> metrics["pledge_f1"], metrics["activity_f1"]                            # doctest: +SKIP

In brief:

- **pledges** -- a system pledge matches a gold pledge of the same party when the
  word-set Dice overlap of their texts is at least :data:`DICE_THRESHOLD`; one-to-one,
  greedily by score. **party_acc** asks, for each gold pledge, whether the system pledge
  with the closest text (any party) has the right party.
- **activities** -- a system activity matches a gold activity when its ``start..end``
  overlaps the gold sentence (found in the document text) and its ``text`` contains the
  gold ``key``; one-to-one, in gold order.
- **quantities** -- a matched activity whose quantity equals the gold one;
  **lemma_acc** among those, the system lemma equals the gold lemma.
- **links** -- among matched activities (``link_acc_matched``) and among all gold
  activities (``link_acc_all``), the system ``pledge_id`` names a system pledge that
  matched an acceptable gold pledge, or both sides say "no pledge".
- **headings** -- exact heading strings, whitespace-normalised; **metadata** --
  municipality, years and kind per document.

Gold items marked ``optional`` are neither rewarded nor penalised: a system item matched
to one is consumed (so it is no false positive) but earns no true positive.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from .reading import decode

PathLike = Union[str, "os.PathLike[str]"]
Record = Mapping[str, Any]

DICE_THRESHOLD = 0.6
"""Minimum word-set Dice overlap for a system pledge text to count as the gold one."""

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

__all__ = [
    "DICE_THRESHOLD", "GoldActivity", "GoldDoc", "GoldPledge", "Tallies",
    "dice", "evaluate", "find_span", "load_gold", "load_system", "normalise_heading",
    "quantity_matches",
]


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldPledge:
    id: str
    party: Optional[str]
    text: str
    optional: bool = False
    same_as: Optional[str] = None  # "other.txt#p5": the pledge this one restates


@dataclass(frozen=True)
class GoldActivity:
    id: str
    sentence: str
    key: str
    quantity: Optional[dict]  # kept as written: misses print it
    lemma: Optional[str]
    optional: bool
    pledges: tuple  # acceptable pledge ids; None in it = "links to no pledge" is right


@dataclass(frozen=True)
class GoldDoc:
    doc: str  # file name of the document, the key that output records are matched by
    municipality: Optional[str]
    years: tuple
    kind: Optional[str]
    headings: Optional[tuple]  # None: the annotation does not judge headings
    pledges: tuple
    activities: tuple

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "GoldDoc":
        pledges = tuple(
            GoldPledge(p["id"], p.get("party"), p.get("text") or "", bool(p.get("optional")), p.get("same_as"))
            for p in d.get("pledges") or ()
        )
        activities = tuple(
            GoldActivity(
                a["id"], a.get("sentence") or "", a.get("key") or "", a.get("quantity") or None,
                a.get("lemma"), bool(a.get("optional")),
                # a missing list and an explicit null both mean "links to no pledge"
                tuple(a["pledges"]) if a.get("pledges") is not None else (None,),
            )
            for a in d.get("activities") or ()
        )
        headings = tuple(d["headings"]) if d.get("headings") is not None else None
        return cls(d["doc"], d.get("municipality"), tuple(d.get("years") or ()), d.get("kind"),
                   headings, pledges, activities)

    def pledge(self, pledge_id: Optional[str]) -> Optional[GoldPledge]:
        return next((p for p in self.pledges if p.id == pledge_id), None)


def load_gold(gold_dir: PathLike) -> list[GoldDoc]:
    """Every ``*.json`` annotation in ``gold_dir``, in file-name order.

    The order matters only for reproducibility of the list of misses; the figures do
    not depend on it.
    """
    out = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            out.append(GoldDoc.from_dict(json.load(fh)))
    return out


def record_name(record: Record) -> str:
    """The document file name a record is matched to gold by: the base name of its
    ``source`` (or of its ``id`` when there is no source). Both separators are split on,
    so output written on Windows still matches."""
    name = record.get("source") or record.get("id") or ""
    return re.split(r"[\\/]", str(name))[-1]


def load_system(path: PathLike) -> dict[str, dict]:
    """The records of a JSON Lines output, by :func:`record_name`; a later record of the
    same name replaces an earlier one."""
    records: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
            records[record_name(rec)] = rec
    return records


# --------------------------------------------------------------------------- tallies


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1. With nothing predicted, precision is 1 if there was
    nothing to find (an empty answer to an empty question is right) and 0 otherwise."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class Ratio:
    ok: int = 0
    seen: int = 0

    def add(self, ok: bool) -> None:
        self.seen += 1
        self.ok += bool(ok)

    @property
    def value(self) -> float:
        return self.ok / self.seen if self.seen else 0.0


@dataclass
class Tallies:
    """Raw counts over all documents; :meth:`metrics` turns them into the figures."""

    pledges: Count = field(default_factory=Count)
    activities: Count = field(default_factory=Count)
    quantities: Count = field(default_factory=Count)
    headings: Count = field(default_factory=Count)
    party: Ratio = field(default_factory=Ratio)
    lemma: Ratio = field(default_factory=Ratio)
    links_matched: Ratio = field(default_factory=Ratio)  # over matched gold activities
    links_all: Ratio = field(default_factory=Ratio)  # over all non-optional gold activities
    municipality: Ratio = field(default_factory=Ratio)
    years: Ratio = field(default_factory=Ratio)
    kind: Ratio = field(default_factory=Ratio)
    docs_missing: int = 0

    def metrics(self) -> dict[str, Union[float, int]]:
        """The figures, under the names and in the order ``score.py`` prints them."""
        m: dict[str, Union[float, int]] = {}
        for name, c in (("pledge", self.pledges), ("activity", self.activities), ("quantity", self.quantities)):
            m[f"{name}_p"], m[f"{name}_r"], m[f"{name}_f1"] = prf(c.tp, c.fp, c.fn)
        m["lemma_acc"] = self.lemma.value
        m["party_acc"] = self.party.value
        m["link_acc_matched"] = self.links_matched.value
        m["link_acc_all"] = self.links_all.value
        c = self.headings
        m["heading_p"], m["heading_r"], m["heading_f1"] = prf(c.tp, c.fp, c.fn)
        m["municipality_acc"] = self.municipality.value
        m["years_acc"] = self.years.value
        m["kind_acc"] = self.kind.value
        m["docs_missing"] = self.docs_missing
        return m


# --------------------------------------------------------------------------- text rules


def word_set(text: Optional[str]) -> frozenset:
    """Casefolded ``\\w+`` tokens: order, punctuation and repetition do not matter, so a
    pledge text cut slightly differently (bullet sign, "att", final full stop) still
    overlaps strongly with the gold one."""
    return frozenset(w.casefold() for w in _WORD.findall(text or ""))


def dice(a: Optional[str], b: Optional[str]) -> float:
    """Word-set Dice coefficient 2|A∩B| / (|A|+|B|); 0 when either text has no words."""
    wa, wb = word_set(a), word_set(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def normalise_heading(heading: str) -> str:
    """Runs of whitespace (no-break spaces and line breaks included) become one space,
    ends stripped: headings are compared as exact strings up to layout."""
    return _SPACE.sub(" ", heading.replace("\u00a0", " ")).strip()


def find_span(text: str, sentence: str) -> Optional[tuple[int, int]]:
    """``(start, end)`` of ``sentence`` in ``text``, None when absent.

    Whitespace is matched loosely: gold sentences are written on one line with plain
    spaces while the document may break them across lines or use no-break spaces, and
    offsets must still index the original text. So both sides are compared with every
    run of whitespace reduced to one space, remembering where each kept character
    stood in the original.
    """
    target = " ".join(sentence.split())
    if not target:
        return None
    flat: list[str] = []
    where: list[int] = []  # where[k]: index in `text` of flat[k]
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if in_space:
                continue
            flat.append(" ")
            in_space = True
        else:
            flat.append(ch)
            in_space = False
        where.append(i)
    k = "".join(flat).find(target)
    if k < 0:
        return None
    return where[k], where[k + len(target) - 1] + 1


def _same_number(a: Any, b: Any) -> bool:
    """Numeric equality that treats 2 and 2.0 alike and garbage as unequal."""
    if a is None or b is None:
        return False
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def quantity_matches(gold: Mapping[str, Any], system: Optional[Mapping[str, Any]]) -> bool:
    """Whether a system quantity says what the gold quantity says.

    Gold decides which fields count, most specific first: a ``period``/``duration`` in
    gold must be there; then a vague class ("några" → few) is compared alone; else the
    ``value`` together with ``approx`` ("ett 80-tal" is not "80"); else the lower bound
    ("minst ett"). Gold with only a period/duration ("varannan vecka") is met by the
    period alone. Fields gold leaves empty are not checked, so extra detail in the
    system quantity is never punished.
    """
    if not isinstance(system, Mapping):
        return False
    for name in ("period", "duration"):
        if gold.get(name) and gold.get(name) != system.get(name):
            return False
    if gold.get("vague"):
        return system.get("vague") == gold["vague"]
    if gold.get("value") is not None:
        return _same_number(system.get("value"), gold["value"]) and bool(system.get("approx")) == bool(gold.get("approx"))
    if gold.get("low") is not None:
        return _same_number(system.get("low"), gold["low"])
    return True


# --------------------------------------------------------------------------- matching


def match_pledges(gold: Sequence[GoldPledge], system: Sequence[Record]) -> dict[str, int]:
    """One-to-one pledge matching: gold id → index of the system pledge.

    Candidate pairs are the same party with Dice ≥ :data:`DICE_THRESHOLD`; the best pair
    is taken first, so a system pledge goes to the gold pledge it resembles most. Equal
    scores are broken by gold id, then system index, both descending -- the reference
    scorer's order, kept so that both scorers pair the same items.
    """
    pairs = []
    for gp in gold:
        for i, sp in enumerate(system):
            if sp.get("party") == gp.party:
                d = dice(gp.text, sp.get("text"))
                if d >= DICE_THRESHOLD:
                    pairs.append((d, gp.id, i))
    pairs.sort(reverse=True)
    matched: dict[str, int] = {}
    taken: set[int] = set()
    for _, gid, i in pairs:
        if gid not in matched and i not in taken:
            matched[gid] = i
            taken.add(i)
    return matched


def closest_pledge(gold: GoldPledge, system: Sequence[Record]) -> Optional[Record]:
    """The system pledge whose text is closest to the gold text, whatever its party
    (the first of equals), if it passes the Dice threshold. Party accuracy is measured
    on these pairs, so that a wrong party is seen as a wrong party rather than only as
    a missed pledge plus a spurious one."""
    best = max(system, key=lambda sp: dice(gold.text, sp.get("text")), default=None)
    if best is not None and dice(gold.text, best.get("text")) >= DICE_THRESHOLD:
        return best
    return None


def _overlaps(activity: Record, span: Optional[tuple[int, int]]) -> bool:
    start, end = activity.get("start", -1), activity.get("end", -1)
    if span is None or start is None or end is None:
        return False
    return end > span[0] and start < span[1]


def _contains_key(activity: Record, key: str) -> bool:
    """The key (a word of the activity's clause) occurs in the system text, casefolded,
    no-break spaces read as spaces. This is what makes a bare quantity ("64 stycken")
    no activity: the text must name what was done."""
    return key.casefold() in (activity.get("text") or "").replace("\u00a0", " ").casefold()


def match_activities(
    text: Optional[str], gold: Sequence[GoldActivity], system: Sequence[Record]
) -> tuple[list[Optional[int]], list[str]]:
    """One-to-one activity matching, in gold order: each gold activity takes the first
    unused system activity (in output order) that overlaps its sentence and contains its
    key. Returns the system index per gold activity (None: no match) and the gold
    sentences not found in ``text`` (those can match nothing: an annotation error, or
    the wrong document).

    ``text`` may be None only when there is nothing to match against (no system
    activities); then every gold activity is unmatched.
    """
    hits: list[Optional[int]] = []
    lost: list[str] = []
    used: set[int] = set()
    for ga in gold:
        hit = None
        if system and text is not None:
            span = find_span(text, ga.sentence)
            if span is None:
                lost.append(ga.sentence)
            for i, sa in enumerate(system):
                if i not in used and _overlaps(sa, span) and _contains_key(sa, ga.key):
                    hit = i
                    used.add(i)
                    break
        hits.append(hit)
    return hits, lost


# --------------------------------------------------------------------------- links


@dataclass(frozen=True)
class PledgeRef:
    """A gold pledge anywhere in the run: the document file name and its local id."""

    doc: str
    id: str

    def __str__(self) -> str:
        return f"{self.doc}#{self.id}"


def _qualify(pledge_id: str, doc: str) -> str:
    """Gold ids are local ("p5") or cross-document ("other.txt#p5"); make them all the
    latter so they compare."""
    return pledge_id if "#" in pledge_id else f"{doc}#{pledge_id}"


def _aliases(ref: str, gold: GoldDoc) -> set[str]:
    """A pledge reference and, when it is a pledge of ``gold`` that restates another
    document's pledge, the reference of that original (its ``same_as``).

    A follow-up restates the promise's pledges and its annotator records which is which;
    for an activity of that document, the restated pledge and the original are the same
    commitment, and a system may well link to either copy.
    """
    out = {ref}
    local = gold.pledge(ref[len(gold.doc) + 1:]) if ref.startswith(gold.doc + "#") else None
    if local is not None and local.same_as:
        out.add(local.same_as)
    return out


def link_is_correct(
    pledge_id: Optional[str],
    acceptable: Sequence[Optional[str]],
    gold: GoldDoc,
    matches: Mapping[str, PledgeRef],
) -> bool:
    """Whether a matched activity's system ``pledge_id`` is right.

    A null link is right when gold accepts "no pledge" (None among ``acceptable``). A
    link is right when the system pledge it names was matched (``matches``, system
    pledge id → gold pledge) to an acceptable gold pledge, or to the original that an
    acceptable pledge of this document restates, or to a pledge of this document that
    restates an acceptable original (one ``same_as`` step either way, see
    :func:`_aliases`). Linking to an unmatched (spurious) pledge is wrong: the link
    cannot be checked against anything the annotator wrote.
    """
    if pledge_id is None:
        return None in acceptable
    target = matches.get(pledge_id)
    if target is None:
        return False
    linked = str(target)
    linked_aliases = _aliases(linked, gold)
    for a in acceptable:
        if a is None:
            continue
        wanted = _qualify(a, gold.doc)
        if wanted in linked_aliases or linked in _aliases(wanted, gold):
            return True
    return False


# --------------------------------------------------------------------------- scoring


def _doc_text(gold: GoldDoc, record: Record, docs_dir: Optional[Path], gold_dir: Path) -> str:
    """The document text, decoded the way offsets are defined (BOM removed, line ends
    untouched) -- any other decoding would shift every offset after a CRLF.

    With ``docs_dir`` the document is ``docs_dir/<name>``; without it, the record's own
    ``source`` path when that exists, else ``<gold_dir>/../docs/<name>`` (the layout of
    the bundled corpus).
    """
    if docs_dir is not None:
        candidates = [docs_dir / gold.doc]
    else:
        candidates = [Path(str(record["source"]))] if record.get("source") else []
        candidates.append(gold_dir.resolve().parent / "docs" / gold.doc)
    for path in candidates:
        if path.is_file():
            return decode(path.read_bytes())[0]
    raise FileNotFoundError(f"document {gold.doc} not found (looked for {', '.join(map(str, candidates))}); give DOCS_DIR")


_EMPTY: dict = {"pledges": [], "activities": [], "sections": []}


class _Scorer:
    """Accumulates tallies and misses over the gold documents.

    Two passes, because a link may point to a pledge of another document: all pledges
    are matched first (filling ``matches``), then activities and their links.
    """

    def __init__(self, records: Mapping[str, Record]):
        self.records = records
        self.tallies = Tallies()
        self.misses: list[str] = []
        self.matches: dict[str, PledgeRef] = {}  # system pledge id → gold pledge

    def record(self, gold: GoldDoc) -> Record:
        return self.records.get(gold.doc) or _EMPTY

    # -- pass 1 -------------------------------------------------------------------
    def pledges(self, gold: GoldDoc) -> None:
        system = list(self.record(gold).get("pledges") or [])
        matched = match_pledges(gold.pledges, system)
        for gid, i in matched.items():
            self.matches[system[i].get("id")] = PledgeRef(gold.doc, gid)
        taken = set(matched.values())
        required = [gp for gp in gold.pledges if not gp.optional]
        c = self.tallies.pledges
        c.tp += sum(gp.id in matched for gp in required)
        c.fp += len(system) - len(taken)
        for i, sp in enumerate(system):
            if i not in taken:
                self.misses.append(f"FP pledge {gold.doc}: [{sp.get('party')}] {sp.get('text')!r}")
        for gp in required:
            if gp.id not in matched:
                c.fn += 1
                self.misses.append(f"FN pledge {gold.doc}: [{gp.party}] {gp.text!r}")
        for gp in required:
            best = closest_pledge(gp, system)
            if best is not None:
                self.tallies.party.add(best.get("party") == gp.party)

    def headings(self, gold: GoldDoc) -> None:
        if gold.headings is None:
            return
        wanted = {normalise_heading(h) for h in gold.headings}
        found = {normalise_heading(s["heading"]) for s in self.record(gold).get("sections") or [] if s.get("heading")}
        c = self.tallies.headings
        c.tp += len(wanted & found)
        c.fp += len(found - wanted)
        c.fn += len(wanted - found)
        self.misses += [f"FP heading {gold.doc}: {h!r}" for h in sorted(found - wanted)]
        self.misses += [f"FN heading {gold.doc}: {h!r}" for h in sorted(wanted - found)]

    def metadata(self, gold: GoldDoc) -> None:
        """Municipality (casefolded), years (as a sorted list) and kind. A document
        missing from the output is wrong on all three, even where gold is empty."""
        rec = self.records.get(gold.doc)
        if rec is None:
            self.tallies.docs_missing += 1
            self.misses.append(f"MISSING {gold.doc}: no output record")
        checks = {
            "municipality": (gold.municipality, None if rec is None else rec.get("municipality"),
                             lambda g, s: (g or "").casefold() == (s or "").casefold()),
            "years": (list(gold.years), None if rec is None else rec.get("years"),
                      lambda g, s: sorted(g) == sorted(s or [])),
            "kind": (gold.kind, None if rec is None else rec.get("kind"), lambda g, s: g == s),
        }
        for name, (g, s, same) in checks.items():
            ok = rec is not None and same(g, s)
            getattr(self.tallies, name).add(ok)
            if not ok and rec is not None:
                self.misses.append(f"META-miss {gold.doc}: {name} gold={g!r} sys={s!r}")

    # -- pass 2 -------------------------------------------------------------------
    def activities(self, gold: GoldDoc, text: Optional[str]) -> None:
        system = list(self.record(gold).get("activities") or [])
        hits, lost = match_activities(text, gold.activities, system)
        self.misses += [f"WARNING gold sentence not found in {gold.doc}: {s[:60]!r}" for s in lost]
        t = self.tallies
        for ga, hit in zip(gold.activities, hits):
            if ga.optional:  # its system activity (if any) is consumed, nothing counted
                continue
            gq = ga.quantity
            if hit is None:
                t.activities.fn += 1
                t.quantities.fn += bool(gq)
                t.links_all.add(False)
                self.misses.append(f"FN act {gold.doc} {ga.id}: key={ga.key!r} q={gq}")
                continue
            sa = system[hit]
            sq = sa.get("quantity")
            t.activities.tp += 1
            if gq and quantity_matches(gq, sq):
                t.quantities.tp += 1
                if ga.lemma:
                    same = (sa.get("lemma") or "").casefold() == ga.lemma.casefold()
                    t.lemma.add(same)
                    if not same:
                        self.misses.append(f"LEMMA-miss {gold.doc} {ga.id}: gold={ga.lemma!r} sys={sa.get('lemma')!r}")
            elif gq:
                t.quantities.fn += 1
                t.quantities.fp += bool(sq)  # a wrong quantity is both missed and spurious
                self.misses.append(f"Q-miss {gold.doc} {ga.id}: gold={gq} sys={sq}")
            elif sq:
                t.quantities.fp += 1
                self.misses.append(f"Q-FP {gold.doc} {ga.id}: sys={sq} on {sa.get('text')!r}")
            spid = sa.get("pledge_id")
            ok = link_is_correct(spid, ga.pledges, gold, self.matches)
            t.links_matched.add(ok)
            t.links_all.add(ok)
            if not ok:
                target = self.matches.get(spid) if spid is not None else None
                shown = (target.doc, target.id) if target else None
                self.misses.append(f"LINK-miss {gold.doc} {ga.id}: gold={list(ga.pledges)} sys={spid} -> {shown}")
        taken = {h for h in hits if h is not None}
        for i, sa in enumerate(system):
            if i not in taken:
                t.activities.fp += 1
                t.quantities.fp += bool(sa.get("quantity"))
                self.misses.append(f"FP act {gold.doc}: {sa.get('text')!r} q={sa.get('quantity')}")


def evaluate(
    system_jsonl: PathLike,
    gold_dir: PathLike,
    docs_dir: Optional[PathLike] = None,
) -> tuple[dict[str, Union[float, int]], list[str]]:
    """Score a JSON Lines output against the gold annotations in ``gold_dir``.

    Returns ``(metrics, misses)``: the figures under the names ``score.py`` prints
    (``pledge_f1``, ``party_acc``, ``activity_f1``, ``quantity_f1``, ``lemma_acc``,
    ``link_acc_matched``, ``link_acc_all``, ``heading_f1``, ``municipality_acc``,
    ``years_acc``, ``kind_acc``, ``docs_missing``, with ``_p``/``_r`` beside each F1),
    and one line per miss in the style of ``score.py --verbose`` ("FN pledge …",
    "FP act …", "Q-miss …", "LINK-miss …"; plus "LEMMA-miss", heading, metadata and
    missing-document lines, which score.py does not print).

    Records are matched to gold by the file name of their ``source``; records without
    gold are ignored, and a gold document without a record scores zero on everything.
    ``docs_dir`` holds the documents (needed to place gold sentences); see
    :func:`_doc_text` for where they are looked for without it.
    """
    gold_path = Path(gold_dir)
    if not gold_path.is_dir():
        raise NotADirectoryError(f"gold directory not found: {gold_dir}")
    docs_path = Path(docs_dir) if docs_dir is not None else None
    golds = load_gold(gold_path)
    scorer = _Scorer(load_system(system_jsonl))
    for gold in golds:
        scorer.pledges(gold)
        scorer.headings(gold)
        scorer.metadata(gold)
    for gold in golds:
        rec = scorer.record(gold)
        needs_text = bool(gold.activities) and bool(rec.get("activities"))
        text = _doc_text(gold, rec, docs_path, gold_path) if needs_text else None
        scorer.activities(gold, text)
    return scorer.tallies.metrics(), scorer.misses
