"""Tests for promisemine.linking: which pledge a reported activity fulfils.

The scorer (:func:`promisemine.linking.score_link`) is tested signal by signal on real
pairs of the corpus — position, wording, theme, party — and the whole linker on the
bundled corpus (``corpus/docs``, gold in ``corpus/gold``): restated pledges interleaved
with their report (seed 003), links across documents (the Essunga follow-up 040 and
the promise 038), the calibration of ``link_score`` and the overall link accuracy.

Link correctness is computed as ``shared/spec/annotation-format.md`` says: a system
pledge matches a gold pledge of the same party when the word-set Dice overlap of their
texts is at least 0.6 (one-to-one, best pairs first); a matched activity's link is right
when its ``pledge_id`` names a system pledge matched to one of the gold's acceptable
pledges or to the ``same_as`` of one (or to a pledge that restates an acceptable one),
or when both sides say "no pledge". Run with ``-s`` to see the calibration table.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

import promisemine
from promisemine.linking import score_link, themes_of, weights
from promisemine.pipeline import extract_text
from promisemine.reading import decode
from promisemine.records import Activity, Document, Pledge

from corpus_helpers import DOCS, GOLD, dice, find_span

SIGNALS = {
    "position_nearest", "position_section", "wording", "theme",
    "party_match", "party_conflict", "only_pledge", "position_after",
}
DICE = 0.6


def pledge(text: str, party: str = "police", pid: str = "t#p1") -> Pledge:
    return Pledge(id=pid, party=party, text=text, start=0, end=len(text), section_id="t#s1")


def score(activity: str, p: Pledge, actor: Optional[str] = "police", **kw) -> tuple[float, dict]:
    args = {"nearest": False, "same_section": False, "only": False}
    args.update(kw)
    return score_link(activity, actor, p, **args)


# real pledges of the corpus
NARKOTIKA = pledge("Genomföra riktade insatser mot narkotika.")  # 000 p2
TRAFIK = pledge(  # 040 p1 / 038 p1
    "Polisen ska genomföra riktad trafikövervakning med fokus på hastighet, livsstilskriminella och påverkade "
    "förare på platser som upplevs som mindre trygga eller som är särskilt brottsutsatta."
)
PATRULLERING = pledge(  # 000 p1
    "Genomföra trygghetsskapande patrullering vid områden som framkommer från våra gemensamma lägesbilder i "
    "arbetet med Effektiv Samordning för Trygghet (EST)."
)
FOTPATRULLERING = pledge("Genomföra trygghetsskapande fotpatrullering och skapa dialog med allmänheten.")  # 003 p1
SKOLBESOK = pledge(  # 003 p2
    "Genomföra skolbesök till årskurs 7 och informera om bland annat narkotikabrott, brott över sociala medier "
    "och straffbarhetsåldern."
)


# --------------------------------------------------------------------------- the score itself


def test_linking_score_is_a_probability_with_every_signal_as_evidence():
    sc, ev = score("Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller", TRAFIK)
    assert 0.0 < sc < 1.0
    assert SIGNALS <= set(ev)
    assert all(isinstance(v, (int, float)) for v in ev.values())
    assert set(ev) <= set(weights()), "every signal has a weight in data/link_weights.tsv"
    assert {"bias", "threshold"} <= set(weights())


# --------------------------------------------------------------------------- wording


def test_linking_wording_traffic_controls_fit_a_traffic_pledge_not_a_drug_pledge():
    activity = "Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller"
    to_drugs, ev_drugs = score(activity, NARKOTIKA)
    to_traffic, ev_traffic = score(activity, TRAFIK)
    assert to_drugs < to_traffic
    assert ev_drugs["wording"] == 0.0
    assert ev_traffic["wording"] > 0.0  # "trafikkontroller" ~ "trafikövervakning"


@pytest.mark.parametrize(
    "activity, fits, other",
    [
        pytest.param("en narkotikainsats med inriktning på ungdomar/yngre vuxna i Skara och Lidköpings kommun.",
                     NARKOTIKA, TRAFIK, id="narkotikainsats~insatser-mot-narkotika"),
        pytest.param("Elva riktade narkotikainsatser", NARKOTIKA, TRAFIK, id="narkotikainsatser~insatser-mot-narkotika"),
        pytest.param("Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar i dessa områden och i Skaras centrala delar.",
                     PATRULLERING, NARKOTIKA, id="patrulleringar~patrullering"),
        pytest.param("64 stycken trafikkontroller", TRAFIK, PATRULLERING, id="trafikkontroller~trafikovervakning"),
        pytest.param("Det genomfördes även många fotpatruller i centrala Götene under året",
                     FOTPATRULLERING, SKOLBESOK, id="fotpatruller~fotpatrullering"),
        pytest.param("ett 20-tal skolbesök, utöver de planerade samtalen som skedde med årskurs 7.",
                     SKOLBESOK, TRAFIK, id="skolbesok~skolbesok"),
    ],
)
def test_linking_wording_shared_lemmas_and_compound_parts(activity, fits, other):
    fit_score, fit_ev = score(activity, fits)
    other_score, other_ev = score(activity, other)
    assert fit_ev["wording"] > 0.0
    assert fit_ev["wording"] > other_ev["wording"]
    assert fit_score > other_score


def test_linking_wording_heading_words_count():
    """000: "64 stycken trafikkontroller" stands under the heading "Insatser mot narkotika"
    (gold: the drug pledge p2); the heading's words raise the score for that pledge."""
    activity = "Under 2019 genomförde polisen i västra Skaraborg bland annat 64 stycken trafikkontroller"
    bare, _ = score(activity, NARKOTIKA)
    headed, ev = score(activity, NARKOTIKA, heading="Insatser mot narkotika")
    assert headed > bare
    assert ev["wording"] > 0.0


def test_linking_wording_own_words_weigh_more_than_heading_words():
    own, _ = score("en narkotikainsats", NARKOTIKA)
    from_heading, _ = score("en insats", NARKOTIKA, heading="Narkotika")
    assert own > from_heading


# --------------------------------------------------------------------------- theme


@pytest.mark.parametrize(
    "text, theme",
    [
        ("Polisen har genomfört 42 trafikkontroller", "trafik"),
        ("37 ordningsförelägganden har utfärdats.", "trafik"),
        ("16 fall av rattfyllerier har rapporterats.", "trafik"),
        ("Sex stycken nya Grannsamverkansgrupper startades", "grannsamverkan"),
        ("Polisen har också medverkat vid uppstart av nya grannsamverkansområden.", "grannsamverkan"),
        ("Elva riktade narkotikainsatser", "narkotika"),
        ("Vi har använt hund vid sök i skolmiljö", "narkotika"),
        ("gjorde polisen under året ett 40-tal besök på skolorna i kommunen och på fritidsgården i Skara stad.", "skola_unga"),
        ("Det genomfördes även en trygghetsvandring tillsammans med kommunen", "trygghetsvandring"),
        ("utfördes även en krogkontroll (utan anmärkning)", "krog_alkohol"),
        ("Löpande under året publicerades inlägg på polisens sociala medier", "information"),
        ("har vid ett par tillfälle varit ute i kommunen och föreläst kring ämnet bedrägeri", "bedrägeri"),
        ("Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar", "synlighet"),
    ],
)
def test_linking_themes_of(text, theme):
    assert theme in themes_of(text)


@pytest.mark.parametrize("text", ["Polisen har rent allmänt jobbat under året.", "Under året", ""])
def test_linking_themes_of_nothing(text):
    assert themes_of(text) == set()


def test_linking_theme_shared_theme_raises_the_score():
    """"Polisen har genomfört 42 trafikkontroller" and a pledge on "hastighetskontroller"
    share the traffic theme; the score is higher than for a pledge of no shared theme."""
    traffic = pledge("Ha utökad trafiktillsyn och hastighetskontroller i kommunen.")  # 019 p6
    schools = pledge("Genomföra skolbesök i alla klasser i årskurs 7.")
    to_traffic, ev_traffic = score("Polisen har genomfört 42 trafikkontroller", traffic)
    to_schools, ev_schools = score("Polisen har genomfört 42 trafikkontroller", schools)
    assert ev_traffic["theme"] > 0.0 and ev_schools["theme"] == 0.0
    assert to_traffic > to_schools


# --------------------------------------------------------------------------- party


INFORMERA = "Kontinuerligt informera om kommunens och polisens brottsförebyggande och trygghetsskapande arbete."  # 003 p8
KOMMUNEN_INFORMERAT = (  # 108 a7, actor municipality
    "Kommunen har via sin hemsida informerat om möjligheten för kommuninvånarna att, via E-förslag, E-post och "
    "funktionen Säg-vad-du-tycker, lämna synpunkter på trygghet och brottslighet i Oxelösund."
)


def test_linking_party_conflict_scores_lower_than_joint_pledge():
    police_only, ev_police = score(KOMMUNEN_INFORMERAT, pledge(INFORMERA, "police"), actor="municipality")
    joint, ev_joint = score(KOMMUNEN_INFORMERAT, pledge(INFORMERA, "joint"), actor="municipality")
    own, ev_own = score(KOMMUNEN_INFORMERAT, pledge(INFORMERA, "municipality"), actor="municipality")
    assert police_only < joint
    assert joint == own
    assert (ev_police["party_conflict"], ev_police["party_match"]) == (1.0, 0.0)
    assert (ev_joint["party_conflict"], ev_joint["party_match"]) == (0.0, 1.0)
    assert (ev_own["party_conflict"], ev_own["party_match"]) == (0.0, 1.0)
    # everything but the party is the same
    for k in SIGNALS - {"party_conflict", "party_match"}:
        assert ev_police[k] == ev_joint[k] == ev_own[k], k


def test_linking_party_joint_actor_fits_any_pledge():
    activity = "Det genomfördes även en trygghetsvandring tillsammans med kommunen och aktörerna runt busstationen i Skara."
    for party in ("police", "municipality", "joint"):
        _, ev = score(activity, pledge("Genomföra trygghetsvandringar i samverkan mellan kommun, polis och näringsliv.", party), actor="joint")
        assert ev["party_conflict"] == 0.0, party


def test_linking_party_unknown_actor_is_neutral():
    activity = "37 ordningsförelägganden har utfärdats."
    police, ev_police = score(activity, pledge(TRAFIK.text, "police"), actor=None)
    joint, ev_joint = score(activity, pledge(TRAFIK.text, "joint"), actor=None)
    assert police == joint
    assert ev_police["party_conflict"] == ev_police["party_match"] == 0.0


# --------------------------------------------------------------------------- position


def test_linking_position_nearest_earlier_pledge_beats_later_wording_match():
    """003: "ett 20-tal skolbesök" stands under the restated fotpatrullering pledge, before
    "• Genomföra skolbesök till årskurs 7 …": position outweighs the later pledge's wording."""
    activity = "Det genomfördes även många fotpatruller i centrala Götene under året samt ett 20-tal skolbesök"
    earlier, ev_earlier = score(activity, FOTPATRULLERING, nearest=True, same_section=True)
    later, ev_later = score(activity, SKOLBESOK, same_section=True, after=True)
    assert earlier > later
    assert ev_earlier["position_nearest"] == 1.0 and ev_later["position_after"] == 1.0


def test_linking_position_signals():
    base, _ = score("Under två timmars tid har polis varit i klasserna", SKOLBESOK)
    nearest, _ = score("Under två timmars tid har polis varit i klasserna", SKOLBESOK, nearest=True, same_section=True)
    section, _ = score("Under två timmars tid har polis varit i klasserna", SKOLBESOK, same_section=True)
    after, _ = score("Under två timmars tid har polis varit i klasserna", SKOLBESOK, after=True)
    assert after < base < section < nearest


def test_linking_position_interleaved_restated_pledges():
    """A follow-up that restates each pledge and then reports on it: each report links to
    the pledge above it, even where its words fit the next one."""
    text = (
        "Uppföljning medborgarlöfte 2023\n\n"
        "Polisen lovar att:\n\n"
        "  • Genomföra trygghetsskapande fotpatrullering och skapa dialog med allmänheten.\n\n"
        "Det genomfördes många fotpatruller i centrala Götene under året samt ett 20-tal skolbesök.\n\n"
        "  • Genomföra skolbesök till årskurs 7 och informera om bland annat narkotikabrott.\n\n"
        "Under två timmars tid har polis varit i klasserna och svarat på frågor samt informerat om olika ämnen "
        "kopplat till lag och rätt.\n"
    )
    doc = extract_text(text, doc_id="t")
    assert doc.errors == []
    p1, p2 = [p.id for p in doc.pledges]
    links = {a.text: a.pledge_id for a in doc.activities}
    assert links == {
        "Det genomfördes många fotpatruller i centrala Götene under året": p1,
        "ett 20-tal skolbesök.": p1,
        "Under två timmars tid har polis varit i klasserna och svarat på frågor samt informerat om olika ämnen "
        "kopplat till lag och rätt.": p2,
    }


# --------------------------------------------------------------------------- the bundled corpus

_WORD = re.compile(r"\w+")


class Run:
    """The bundled corpus extracted once, matched to gold."""

    def __init__(self):
        corpus = promisemine.extract_corpus([str(DOCS)])
        self.docs: dict[str, Document] = {Path(d.source).name: d for d in corpus.docs}
        self.gold: dict[str, dict] = {}
        for p in sorted(GOLD.glob("*.json")):
            g = json.loads(p.read_text(encoding="utf-8"))
            self.gold[g["doc"]] = g
        self.pledges: dict[str, Pledge] = {p.id: p for d in self.docs.values() for p in d.pledges}
        self.where: dict[str, str] = {p.id: name for name, d in self.docs.items() for p in d.pledges}
        self.matches: dict[str, str] = {}  # system pledge id -> "doc.txt#pN"
        for name, g in self.gold.items():
            system = self.docs[name].pledges
            pairs = sorted(
                ((dice(gp["text"], sp.text), gp["id"], i)
                 for gp in g.get("pledges") or [] for i, sp in enumerate(system)
                 if sp.party == gp["party"] and dice(gp["text"], sp.text) >= DICE),
                reverse=True,
            )
            taken_g, taken_s = set(), set()
            for _, gid, i in pairs:
                if gid not in taken_g and i not in taken_s:
                    taken_g.add(gid)
                    taken_s.add(i)
                    self.matches[system[i].id] = f"{name}#{gid}"
        self.system_of = {v: k for k, v in self.matches.items()}  # "doc.txt#pN" -> system pledge id
        # matched non-optional gold activities of every document: (doc, gold activity, system activity)
        self.matched: list[tuple[str, dict, Activity]] = []
        for name, g in self.gold.items():
            text = decode((DOCS / name).read_bytes())[0]
            used: set[int] = set()
            system = self.docs[name].activities
            for ga in g.get("activities") or []:
                span = find_span(text, ga["sentence"])
                hit = None
                for i, sa in enumerate(system):
                    if (i not in used and span and sa.end > span[0] and sa.start < span[1]
                            and ga["key"].casefold() in sa.text.replace("\u00a0", " ").casefold()):
                        hit = i
                        used.add(i)
                        break
                if hit is not None and not ga.get("optional"):
                    self.matched.append((name, ga, system[hit]))

    def aliases(self, ref: str) -> set[str]:
        """A gold pledge reference and the original it restates (its same_as)."""
        name, pid = ref.split("#")
        out = {ref}
        for gp in self.gold.get(name, {}).get("pledges") or []:
            if gp["id"] == pid and gp.get("same_as"):
                out.add(gp["same_as"])
        return out

    def correct(self, name: str, ga: dict, pledge_id: Optional[str]) -> bool:
        acceptable = ga.get("pledges") if ga.get("pledges") is not None else [None]
        if pledge_id is None:
            return None in acceptable
        target = self.matches.get(pledge_id)
        if target is None:
            return False
        for a in acceptable:
            if a is None:
                continue
            wanted = a if "#" in a else f"{name}#{a}"
            if wanted in self.aliases(target) or target in self.aliases(wanted):
                return True
        return False


@pytest.fixture(scope="module")
def run() -> Run:
    return Run()


def activity_with(doc: Document, word: str) -> Activity:
    found = [a for a in doc.activities if word in a.text]
    assert len(found) == 1, (word, [a.text for a in doc.activities])
    return found[0]


def pledge_starting(doc: Document, start: str) -> Pledge:
    found = [p for p in doc.pledges if p.text.startswith(start)]
    assert len(found) == 1, (start, [p.text for p in doc.pledges])
    return found[0]


SEED_003 = "003_b68d336678055b56.txt"


@pytest.mark.parametrize("word", ["en större insats", "klasserna"])
def test_linking_position_seed_003_report_after_restated_pledge(run, word):
    """In 003 "• Genomföra skolbesök till årskurs 7 …" is followed by its report; both
    activities of that report link to it (gold p2)."""
    doc = run.docs[SEED_003]
    school = pledge_starting(doc, "Genomföra skolbesök till årskurs 7")
    assert run.matches[school.id] == f"{SEED_003}#p2"
    a = activity_with(doc, word)
    assert a.start > school.end
    assert a.pledge_id == school.id
    assert a.evidence["position_nearest"] == 1.0


@pytest.mark.parametrize("word", ["fler kontroller", "många fotpatruller", "ett 20-tal skolbesök"])
def test_linking_position_seed_003_not_linked_to_a_later_pledge(run, word):
    """The activities between "• Genomföra trygghetsskapande fotpatrullering …" and
    "• Genomföra skolbesök …" link to the earlier pledge (gold p1) — also "ett 20-tal
    skolbesök", whose words fit the later one."""
    doc = run.docs[SEED_003]
    foot = pledge_starting(doc, "Genomföra trygghetsskapande fotpatrullering")
    school = pledge_starting(doc, "Genomföra skolbesök till årskurs 7")
    assert run.matches[foot.id] == f"{SEED_003}#p1"
    a = activity_with(doc, word)
    assert foot.end < a.start < a.end < school.start
    assert a.pledge_id == foot.id


FOLLOW_UP_DOCS = sorted(
    g["doc"] for g in (json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json"))
    if g["kind"] == "follow_up"
)


@pytest.mark.parametrize("name", FOLLOW_UP_DOCS, ids=[n[:3] for n in FOLLOW_UP_DOCS])
def test_linking_no_forward_link_when_an_earlier_pledge_fits(run, name):
    """No activity links to a pledge stated after it when an acceptable pledge (gold)
    was stated before it."""
    wrong = []
    for doc_name, ga, sa in run.matched:
        if doc_name != name or sa.pledge_id is None:
            continue
        p = run.pledges[sa.pledge_id]
        if run.where[p.id] != name or p.start < sa.end:
            continue
        earlier = [
            run.pledges[run.system_of[f"{name}#{gid}"]]
            for gid in ga.get("pledges") or [] if gid and f"{name}#{gid}" in run.system_of
        ]
        if any(e.end <= sa.start for e in earlier):
            wrong.append((ga["id"], sa.text, p.text))
    assert wrong == []


def test_linking_cross_document_040_links_into_038(run):
    """040 (Essunga follow-up 2023) restates pledges of 038 (Essunga promise 2023–2024):
    its pledges carry same_as into 038, and every activity links to a pledge of 040 that
    restates a 038 pledge, or to a 038 pledge directly."""
    follow, promise = run.docs["040.txt"], run.docs["038.txt"]
    promise_ids = {p.id for p in promise.pledges}
    restated = {p.id: p.same_as for p in follow.pledges}
    assert restated and all(s in promise_ids for s in restated.values()), restated
    assert follow.activities
    for a in follow.activities:
        assert a.pledge_id in promise_ids or restated.get(a.pledge_id) in promise_ids, (a.text, a.pledge_id)


def test_linking_cross_document_040_gold_a1_via_same_as(run):
    """Gold 040 a1 ("minst 50 fasta trafikkontroller") accepts 040 p1, the restatement of
    038 p1: the system link resolves through same_as to the system pledge matched to 038 p1."""
    (name, ga, sa), = [(n, ga, sa) for n, ga, sa in run.matched if n == "040.txt" and ga["id"] == "a1"]
    assert sa.pledge_id is not None
    linked = run.pledges[sa.pledge_id]
    original = run.system_of["038.txt#p1"]
    assert linked.id == original or linked.same_as == original
    assert run.correct(name, ga, sa.pledge_id)


ESSUNGA_REPORT = (
    "Under året har polisen utfört minst 50 fasta trafikkontroller i {kommun} kommun.\n\n"
    "Ett 25-tal spontanbesök i kommunens skolor har genomförts.\n"
)


def _pair(tmp_path: Path, title: str, kommun: str) -> tuple[Document, Document]:
    (tmp_path / "038.txt").write_bytes((DOCS / "038.txt").read_bytes())
    (tmp_path / "fu.txt").write_text(f"{title}\n\n" + ESSUNGA_REPORT.format(kommun=kommun), encoding="utf-8")
    docs = {d.id: d for d in promisemine.extract_corpus([str(tmp_path)]).docs}
    return docs["038"], docs["fu"]


def test_linking_cross_document_follow_up_without_pledges_links_to_the_promise(tmp_path):
    promise, follow = _pair(tmp_path, "Uppföljning medborgarlöfte 2023 Essunga", "Essunga")
    assert (follow.kind, follow.municipality, follow.years, follow.pledges) == ("follow_up", "Essunga", [2023], [])
    traffic = pledge_starting(promise, "Polisen ska genomföra riktad trafikövervakning")
    contacts = pledge_starting(promise, "Polisen ska ha täta kontakter med skola")
    assert activity_with(follow, "trafikkontroller").pledge_id == traffic.id
    assert activity_with(follow, "spontanbesök").pledge_id == contacts.id


@pytest.mark.parametrize(
    "title, kommun",
    [
        pytest.param("Uppföljning medborgarlöfte 2021 Essunga", "Essunga", id="other-year"),
        pytest.param("Uppföljning medborgarlöfte 2023 Hjo", "Hjo", id="other-municipality"),
    ],
)
def test_linking_cross_document_not_across_municipalities_or_years(tmp_path, title, kommun):
    _, follow = _pair(tmp_path, title, kommun)
    assert follow.kind == "follow_up" and follow.activities
    assert [a.pledge_id for a in follow.activities] == [None] * len(follow.activities)


def test_linking_corpus_link_contract(run):
    """A link names a pledge of the run and carries its score (≥ the threshold) and
    evidence; no link, no score."""
    threshold = weights()["threshold"]
    n = 0
    for d in run.docs.values():
        for a in d.activities:
            if a.pledge_id is None:
                assert a.link_score is None, a.id
                continue
            n += 1
            assert a.pledge_id in run.pledges, a.id
            assert threshold <= a.link_score <= 1.0, a.id
            assert SIGNALS <= set(a.evidence), a.id
            target = run.docs[run.where[a.pledge_id]]
            assert target is d or (target.kind == "promise" and target.municipality == d.municipality), a.id
    assert n > 50


BUCKETS = [("<0.5", 0.0, 0.5), ("0.5-0.8", 0.5, 0.8), (">=0.8", 0.8, 1.01)]


def calibration(run: Run) -> tuple[dict[str, list[int]], list[int]]:
    table = {name: [0, 0] for name, _, _ in BUCKETS}
    unlinked = [0, 0]
    for name, ga, sa in run.matched:
        ok = run.correct(name, ga, sa.pledge_id)
        if sa.link_score is None:
            unlinked[0] += ok
            unlinked[1] += 1
            continue
        for bucket, lo, hi in BUCKETS:
            if lo <= sa.link_score < hi:
                table[bucket][0] += ok
                table[bucket][1] += 1
    return table, unlinked


@pytest.mark.xfail(strict=True, reason=(
    "measured: <0.5 21/27 = 0.778, 0.5-0.8 24/25 = 0.960, >=0.8 51/54 = 0.944 — the top bucket is below the "
    "middle one because of three confidently wrong links in 002: a3 'Vi har genomfört orossamtal med ungdomar och "
    "vårdnadshavare …', a5 'Vi har jobbat tipsbaserat mot narkotika …', a8 'Vi har även haft drogrelaterade "
    "insatser …' all link at 0.827 to 'Parterna ska tillsammans vid minst ett tillfälle informera föräldrar …' "
    "(gold p2), while gold accepts p0 / p1, p4, p0"))
def test_linking_calibration_higher_score_more_often_right(run):
    table, unlinked = calibration(run)
    lines = ["\nlink_score calibration (matched non-optional gold activities, bundled corpus)",
             f"{'bucket':10s} {'n':>4s} {'right':>6s} {'accuracy':>9s}"]
    for bucket, (ok, n) in table.items():
        lines.append(f"{bucket:10s} {n:4d} {ok:6d} {ok / n if n else float('nan'):9.3f}")
    lines.append(f"{'no link':10s} {unlinked[1]:4d} {unlinked[0]:6d} "
                 f"{unlinked[0] / unlinked[1] if unlinked[1] else float('nan'):9.3f}")
    print("\n".join(lines))
    filled = [(bucket, ok / n) for bucket, (ok, n) in table.items() if n]
    assert len(filled) >= 2, "too few buckets to say anything"
    accuracies = [acc for _, acc in filled]
    assert accuracies == sorted(accuracies), filled


def test_linking_overall_accuracy(run):
    results = [(name, ga["id"], sa.pledge_id, run.correct(name, ga, sa.pledge_id)) for name, ga, sa in run.matched]
    accuracy = sum(ok for *_, ok in results) / len(results)
    misses = [r[:3] for r in results if not r[3]]
    print(f"\nlink accuracy over matched activities: {accuracy:.3f} ({len(results) - len(misses)}/{len(results)})")
    assert len(results) > 100
    assert accuracy >= 0.88, misses


def _contained_reference(ak, pk):
    """The definition: long lemmas of one side that are a proper part of a long key of the other."""
    long_a = [k for k in ak if len(k) >= 7]
    long_p = [k for k in pk if len(k) >= 7]
    return sum(1 for p in long_p if any(p in a and p != a for a in long_a)) + sum(
        1 for a in long_a if any(a in p and a != p for p in long_p)
    )


_KEYS = ["narkotika", "narkotikainsats", "grannsamverkan", "grannsamverkansgrupp", "trafikkontroll",
         "kontroll", "trafik", "trafikkontrollerna", "abababab", "ababababab", "bababab"]


@pytest.mark.parametrize(
    "ak, pk, n",
    [
        ({"grannsamverkansgrupp"}, {"grannsamverkan"}, 1),
        ({"narkotikainsats", "narkotika"}, {"narkotika"}, 1),  # equal keys are not "inside"
        ({"trafikkontroll"}, {"kontroll"}, 1),
        ({"trafik"}, {"trafikkontroll"}, 0),  # shorter than seven letters
        (set(), {"narkotika"}, 0),
    ],
)
def test_linking_contained_counts_lemmas_inside_compounds(ak, pk, n):
    from promisemine.linking import _contained

    assert _contained(ak, pk) == n == _contained_reference(ak, pk)


@given(st.sets(st.sampled_from(_KEYS)), st.sets(st.sampled_from(_KEYS)))
def test_linking_contained_agrees_with_its_definition(ak, pk):
    from promisemine.linking import _contained

    assert _contained(ak, pk) == _contained_reference(ak, pk)


# --------------------------------------------------------------------------- the linker's shortcuts against their plain forms


def _scores_reference(doc: Document, candidates: list[Pledge], blocks, local: bool):
    """Every pair scored one at a time with :func:`score_link`, the nearest pledge found
    among all candidates: what :func:`candidate_scores` computes faster."""
    from promisemine.linking import _isolated

    headings = {s.id: (s.heading or "") for s in doc.sections}
    isolated = _isolated(candidates, blocks) if local else set()
    out = []
    for a in doc.activities:
        before = [p for p in candidates if local and p.end <= a.start and p.section_id == a.section_id]
        near = max(before, key=lambda p: p.end) if before else None
        nearest_id = near.id if near is not None and near.id in isolated else None
        scored = []
        for p in candidates:
            sc, ev = score_link(
                f"{a.text} {a.sentence}", a.actor, p, heading=headings.get(a.section_id, ""),
                nearest=p.id == nearest_id, same_section=local and p.section_id == a.section_id,
                only=len(candidates) == 1, after=local and p.start > a.end,
            )
            scored.append((p.id, sc, ev))
        out.append((a.id, scored))
    return out


def _corpus_with_blocks():
    from promisemine.sections import segment

    for path in sorted(DOCS.glob("*.txt")):
        text = decode(path.read_bytes())[0]
        yield extract_text(text, doc_id=path.stem), segment(text, path.stem)[1]


def test_linking_candidate_scores_agree_with_pairwise_scoring():
    from promisemine.linking import candidate_scores

    docs = list(_corpus_with_blocks())
    others = [p for d, _ in docs for p in d.pledges][:40]  # pledges of other documents: local=False
    for doc, blocks in docs:
        for candidates, local in ((doc.pledges, True), (others, False)):
            got = [(a.id, [(p.id, sc, ev) for p, sc, ev in scored])
                   for a, scored in candidate_scores(doc, candidates, blocks, local)]
            assert got == _scores_reference(doc, candidates, blocks, local), doc.id


def test_linking_link_takes_the_first_best_candidate_score():
    """``_link`` builds the evidence of the chosen pledge only; the choice, score and
    evidence are those of the best of :func:`candidate_scores` (the first on a tie)."""
    from promisemine.linking import _link, candidate_scores

    threshold = weights()["threshold"]
    for doc, blocks in _corpus_with_blocks():
        if not doc.pledges:
            continue  # nothing to link to (the linker returns at once)
        expected = {}
        for a, scored in candidate_scores(doc, doc.pledges, blocks):
            p, sc, ev = max(scored, key=lambda t: t[1])
            expected[a.id] = (p.id, round(sc, 3), ev) if sc >= threshold else (None, None, {})
        for a in doc.activities:
            a.pledge_id, a.link_score, a.evidence = None, None, {}
        _link(doc, doc.pledges, blocks, True)
        assert {a.id: (a.pledge_id, a.link_score, a.evidence) for a in doc.activities} == expected, doc.id


def test_linking_score_is_the_weighted_sum_of_its_evidence():
    """The score is summed over weight and value tuples; the same as over the evidence dict."""
    import math

    w = weights()
    for activity, p in [("64 stycken trafikkontroller", TRAFIK), ("narkotikainsats i centrum", NARKOTIKA),
                        ("skolbesök i årskurs 7", SKOLBESOK), ("", PATRULLERING)]:
        for flags in ({}, {"nearest": True, "same_section": True}, {"only": True, "after": True}):
            sc, ev = score(activity, p, actor="municipality", **flags)
            x = w["bias"] + sum(w[k] * v for k, v in ev.items())
            assert sc == 1.0 / (1.0 + math.exp(-x))
            assert list(ev) == [
                "position_nearest", "position_section", "wording", "theme",
                "party_match", "party_conflict", "only_pledge", "position_after",
            ]


def test_linking_may_change_only_follow_ups_that_name_their_kommun():
    """The command line writes a document's record at once when the cross-document pass
    cannot change it; that must hold: linking every bundled document against all the
    promises changes exactly those :meth:`PromiseIndex.may_change` lets through, at most."""
    from promisemine.linking import PromiseIndex

    docs = [extract_text(p.read_text(encoding="utf-8"), doc_id=p.stem)
            for p in sorted((Path(__file__).resolve().parents[1] / "corpus" / "docs").glob("*.txt"))]
    index = PromiseIndex(docs)
    kinds = set()
    for d in docs:
        before = json.dumps(d.to_dict(), sort_keys=True)
        index.link(d)
        changed = json.dumps(d.to_dict(), sort_keys=True) != before
        kinds.add((d.kind, PromiseIndex.may_change(d), changed))
        assert PromiseIndex.may_change(d) or not changed, d.id
    assert ("follow_up", True, True) in kinds and ("promise", False, False) in kinds
    assert not PromiseIndex.may_change(promisemine.Document(id="x", source="x", kind="follow_up"))
