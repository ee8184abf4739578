"""Tests for promisemine.evaluate: the scoring rules of annotation-format.md ("Scoring").

Each rule is pinned on a tiny hand-made gold/system pair written to ``tmp_path``: the
Dice threshold and party of pledge matches, optional items, one-to-one matching, the
activity key and span rules, quantity equality, and link resolution (including
``same_as`` across documents). The last tests check that our implementation gives the
same figures and misses as the reference scorer ``shared/tools/score.py`` on the
bundled corpus, when that script is present.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from promisemine.evaluate import dice, evaluate, find_span, normalise_heading, quantity_matches

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
GOLD = ROOT / "corpus" / "gold"
SCORE_PY = ROOT.parent / "shared" / "tools" / "score.py"

#: The kinds of miss line that score.py --verbose prints (ours adds heading/metadata lines).
SCORE_PY_MISS_KINDS = ("FP pledge", "FN pledge", "FN act", "Q-miss", "Q-FP", "LINK-miss", "FP act")

TEXT = (
    "Uppföljning medborgarlöfte Skara 2023\n"
    "Polisen lovar att genomföra trafikkontroller vid skolor.\n"
    "Under året har polisen genomfört 64 stycken trafikkontroller i centrum.\n"
    "Kommunen har ordnat trygghetsvandringar vid flera tillfällen.\n"
)
SENTENCE = "Under året har polisen genomfört 64 stycken trafikkontroller i centrum."


# --------------------------------------------------------------------------- helpers


def gold_doc(doc="a.txt", pledges=(), activities=(), **meta):
    d = {"doc": doc, "municipality": "Skara", "years": [2023], "kind": "follow_up", "date": None,
         "headings": [], "pledges": [], "activities": []}
    d.update(meta)
    d["pledges"] = [
        {"id": f"p{i}", "party": "police", "text": "", "quantity": None, "same_as": None, "optional": False} | p
        for i, p in enumerate(pledges, 1)
    ]
    d["activities"] = [
        {"id": f"a{i}", "sentence": "", "key": "", "quantity": None, "lemma": None, "actor": None,
         "pledges": [None]} | a
        for i, a in enumerate(activities, 1)
    ]
    return d


def record(doc="a.txt", pledges=(), activities=(), **fields):
    stem = doc.rsplit(".", 1)[0]
    r = {"id": stem, "source": f"corpus/{doc}", "title": None, "kind": "follow_up",
         "municipality": "Skara", "years": [2023], "date": None, "sections": [], "errors": []}
    r.update(fields)
    r["pledges"] = [
        {"id": f"{stem}#p{i}", "party": "police", "text": "", "start": 0, "end": 0, "section_id": f"{stem}#s0",
         "quantity": None, "same_as": None} | p
        for i, p in enumerate(pledges, 1)
    ]
    r["activities"] = [
        {"id": f"{stem}#a{i}", "text": "", "sentence": "", "start": 0, "end": 0, "section_id": f"{stem}#s0",
         "quantity": None, "lemma": None, "actor": None, "pledge_id": None, "link_score": None} | a
        for i, a in enumerate(activities, 1)
    ]
    return r


def span_of(text: str, doc_text: str = TEXT) -> dict:
    start = doc_text.index(text)
    return {"text": text, "start": start, "end": start + len(text)}


def write_case(tmp_path: Path, golds, records, texts=None):
    """gold/*.json, docs/*.txt and out.jsonl under tmp_path; returns their paths."""
    gold_dir, docs_dir = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir(exist_ok=True)
    docs_dir.mkdir(exist_ok=True)
    for g in golds:
        (gold_dir / (g["doc"].rsplit(".", 1)[0] + ".json")).write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        text = (texts or {}).get(g["doc"], TEXT)
        (docs_dir / g["doc"]).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out, gold_dir, docs_dir


def score(tmp_path, golds, records, texts=None):
    out, gold_dir, docs_dir = write_case(tmp_path, golds, records, texts)
    return evaluate(out, gold_dir, docs_dir)


def run_score_py(out, gold_dir, docs_dir, tmp_path):
    """The reference scorer's metrics (--json) and verbose miss lines."""
    target = tmp_path / "score_py.json"
    proc = subprocess.run(
        [sys.executable, str(SCORE_PY), str(out), str(gold_dir), str(docs_dir), "--json", str(target), "--verbose"],
        capture_output=True, text=True, check=True,
    )
    metrics = json.loads(target.read_text(encoding="utf-8"))
    metrics.pop("counts", None)
    misses = [line[2:] for line in proc.stdout.splitlines() if line.startswith("  ")]
    return metrics, misses


def assert_agrees_with_score_py(out, gold_dir, docs_dir, tmp_path):
    if not SCORE_PY.is_file():
        pytest.skip(f"reference scorer not present at {SCORE_PY}")
    ours, our_misses = evaluate(out, gold_dir, docs_dir)
    theirs, their_misses = run_score_py(out, gold_dir, docs_dir, tmp_path)
    assert set(ours) == set(theirs)
    for key, value in theirs.items():
        assert ours[key] == pytest.approx(value, abs=1e-9), key
    assert [m for m in our_misses if m.startswith(SCORE_PY_MISS_KINDS)] == their_misses


# --------------------------------------------------------------------------- pledges

GOLD_PLEDGE = "Genomföra riktade insatser mot narkotika."  # 5 words


@pytest.mark.parametrize(
    "system_text, expected_dice, matched",
    [
        (GOLD_PLEDGE, 1.0, True),
        ("genomföra RIKTADE insatser mot narkotika", 1.0, True),  # case and punctuation ignored
        ("Polisen ska genomföra riktade insatser mot narkotika.", 10 / 12, True),
        ("Genomföra riktade insatser mot langning", 0.8, True),
        ("Genomföra riktade insatser i skolan", 0.6, True),  # 3 of 5 shared: exactly at the threshold
        ("Genomföra riktade insatser i skolan idag", 6 / 11, False),  # just below
        ("Genomföra trafikkontroller", 2 / 7, False),
        ("", 0.0, False),
    ],
)
def test_evaluate_pledge_dice_threshold(tmp_path, system_text, expected_dice, matched):
    assert dice(GOLD_PLEDGE, system_text) == pytest.approx(expected_dice)
    metrics, _ = score(tmp_path, [gold_doc(pledges=[{"text": GOLD_PLEDGE}])], [record(pledges=[{"text": system_text}])])
    assert metrics["pledge_r"] == (1.0 if matched else 0.0)
    assert metrics["pledge_p"] == (1.0 if matched else 0.0)


def test_evaluate_pledge_party_mismatch_is_a_miss_and_a_wrong_party(tmp_path):
    metrics, misses = score(
        tmp_path,
        [gold_doc(pledges=[{"text": GOLD_PLEDGE, "party": "joint"}])],
        [record(pledges=[{"text": GOLD_PLEDGE, "party": "police"}])],
    )
    assert (metrics["pledge_p"], metrics["pledge_r"], metrics["pledge_f1"]) == (0.0, 0.0, 0.0)
    assert metrics["party_acc"] == 0.0  # the text was found, the party is wrong
    assert f"FP pledge a.txt: [police] {GOLD_PLEDGE!r}" in misses
    assert f"FN pledge a.txt: [joint] {GOLD_PLEDGE!r}" in misses


def test_evaluate_party_acc_counts_only_text_matches(tmp_path):
    metrics, _ = score(
        tmp_path,
        [gold_doc(pledges=[{"text": GOLD_PLEDGE}, {"text": "Öka närvaron i centrum på kvällstid.", "party": "joint"}])],
        [record(pledges=[{"text": GOLD_PLEDGE}, {"text": "Något helt annat.", "party": "police"}])],
    )
    assert metrics["party_acc"] == 1.0  # the second gold pledge has no text match: not counted


@pytest.mark.parametrize("system_has_it", [True, False])
def test_evaluate_optional_pledge_neither_rewarded_nor_penalised(tmp_path, system_has_it):
    optional = "Arbeta långsiktigt med trygghetsfrågor i hela kommunen."
    system = [{"text": GOLD_PLEDGE}] + ([{"text": optional}] if system_has_it else [])
    metrics, misses = score(
        tmp_path,
        [gold_doc(pledges=[{"text": GOLD_PLEDGE}, {"text": optional, "optional": True}])],
        [record(pledges=system)],
    )
    assert (metrics["pledge_p"], metrics["pledge_r"]) == (1.0, 1.0)
    assert not [m for m in misses if "pledge" in m]


OPTIONAL_SENTENCE = "Kommunen har ordnat trygghetsvandringar vid flera tillfällen."


@pytest.mark.parametrize(
    "extracted, expected_p, expected_r",
    [
        ({"optional", "required"}, 1.0, 1.0),
        ({"required"}, 1.0, 1.0),  # a missed optional activity is no false negative
        ({"optional"}, 0.0, 0.0),  # its match is no false positive, but earns nothing
        (set(), 0.0, 0.0),
    ],
)
def test_evaluate_optional_activity_neither_rewarded_nor_penalised(tmp_path, extracted, expected_p, expected_r):
    gold = gold_doc(activities=[
        {"sentence": OPTIONAL_SENTENCE, "key": "trygghetsvandringar", "optional": True},
        {"sentence": SENTENCE, "key": "trafikkontroller"},
    ])
    system = {"optional": span_of("ordnat trygghetsvandringar"), "required": span_of("genomfört 64 stycken trafikkontroller")}
    metrics, misses = score(tmp_path, [gold], [record(activities=[system[k] for k in sorted(extracted)])])
    assert (metrics["activity_p"], metrics["activity_r"]) == (expected_p, expected_r)
    assert not [m for m in misses if m.startswith("FP act")]


def test_evaluate_pledges_one_to_one(tmp_path):
    metrics, misses = score(
        tmp_path,
        [gold_doc(pledges=[{"text": GOLD_PLEDGE}])],
        [record(pledges=[{"text": GOLD_PLEDGE}, {"text": GOLD_PLEDGE}])],
    )
    assert (metrics["pledge_p"], metrics["pledge_r"]) == (0.5, 1.0)
    assert misses.count(f"FP pledge a.txt: [police] {GOLD_PLEDGE!r}") == 1


def test_evaluate_pledges_greedy_by_score_not_by_order(tmp_path):
    """Both gold pledges pass the threshold against the first system pledge; it must go
    to the one it equals (the best pair), which shows in the activity's link."""
    schools, preschools = "Genomföra trafikkontroller vid skolor.", "Genomföra trafikkontroller vid förskolor."
    assert dice(schools, preschools) >= 0.6
    act = span_of("genomfört 64 stycken trafikkontroller") | {"pledge_id": "a#p1"}
    metrics, _ = score(
        tmp_path,
        [gold_doc(pledges=[{"text": schools}, {"text": preschools}],
                  activities=[{"sentence": SENTENCE, "key": "trafikkontroller", "pledges": ["p2"]}])],
        [record(pledges=[{"text": preschools}, {"text": schools}], activities=[act])],
    )
    assert (metrics["pledge_p"], metrics["pledge_r"]) == (1.0, 1.0)
    assert metrics["link_acc_matched"] == 1.0


# --------------------------------------------------------------------------- activities


@pytest.mark.parametrize(
    "system_text, key, matched",
    [
        ("genomfört 64 stycken trafikkontroller", "trafikkontroller", True),
        ("genomfört 64 stycken trafikkontroller", "Trafikkontroller", True),  # key casefolded
        ("64 stycken", "trafikkontroller", False),  # a bare quantity names no activity
        ("genomfört 64 stycken trafikkontroller", "trafikkontroll", True),  # containment, not word equality
        ("genomfört 64 stycken trafikkontroller", "genomfört", True),
        ("har polisen genomfört", "trafikkontroller", False),
    ],
)
def test_evaluate_activity_key_containment(tmp_path, system_text, key, matched):
    metrics, _ = score(
        tmp_path,
        [gold_doc(activities=[{"sentence": SENTENCE, "key": key}])],
        [record(activities=[span_of(system_text)])],
    )
    assert metrics["activity_r"] == (1.0 if matched else 0.0)


def test_evaluate_activity_key_read_in_system_text_not_document(tmp_path):
    """The key must be in the system's `text`, even when the span covers it: offsets
    place the activity, the text says what it is."""
    act = span_of("genomfört 64 stycken trafikkontroller") | {"text": "genomfört 64 stycken"}
    metrics, _ = score(tmp_path, [gold_doc(activities=[{"sentence": SENTENCE, "key": "trafikkontroller"}])],
                       [record(activities=[act])])
    assert metrics["activity_r"] == 0.0


@pytest.mark.parametrize(
    "offsets, matched",
    [
        (lambda s, e: (s, e), True),
        (lambda s, e: (s - 5, s + 1), True),  # overlaps the first character
        (lambda s, e: (e - 1, e + 20), True),  # overlaps the last character
        (lambda s, e: (s - 5, s), False),  # ends where the sentence starts
        (lambda s, e: (e, e + 20), False),  # starts where it ends
        (lambda s, e: (0, 10), False),  # another line
    ],
)
def test_evaluate_activity_span_overlaps_gold_sentence(tmp_path, offsets, matched):
    s = TEXT.index(SENTENCE)
    start, end = offsets(s, s + len(SENTENCE))
    act = {"text": "genomfört 64 stycken trafikkontroller", "start": start, "end": end}
    metrics, _ = score(tmp_path, [gold_doc(activities=[{"sentence": SENTENCE, "key": "trafikkontroller"}])],
                       [record(activities=[act])])
    assert metrics["activity_r"] == (1.0 if matched else 0.0)


def test_evaluate_activity_sentence_search_is_whitespace_loose(tmp_path):
    """A gold sentence written on one line still places an activity in a document that
    breaks it with CRLF and no-break spaces (and starts with a BOM): offsets index the
    text decoded without newline translation."""
    doc_text = "Rubrik\r\n\r\nUnder året har polisen\r\ngenomfört  64 stycken\u00a0trafikkontroller i centrum.\r\n"
    clause = "genomfört  64 stycken\u00a0trafikkontroller"  # the key is matched with NBSP read as space
    act = span_of(clause, doc_text)
    metrics, _ = score(
        tmp_path,
        [gold_doc(activities=[{"sentence": SENTENCE, "key": "stycken trafikkontroller"}])],
        [record(activities=[act])],
        texts={"a.txt": b"\xef\xbb\xbf" + doc_text.encode("utf-8")},
    )
    assert metrics["activity_r"] == 1.0


def test_evaluate_find_span_maps_back_to_original_offsets():
    text = "A\r\nUnder  året\u00a0har\npolisen gjort det.\r\n"
    start, end = find_span(text, "Under året har polisen gjort det.")
    assert text[start:end] == "Under  året\u00a0har\npolisen gjort det."
    assert find_span(text, "Något som inte står där.") is None
    assert find_span(text, "   ") is None


def test_evaluate_activities_one_to_one_in_gold_order(tmp_path):
    """Two gold activities in one sentence with the same key, one system activity: the
    first gold activity takes it; a second system duplicate is a false positive."""
    act = span_of("genomfört 64 stycken trafikkontroller")
    gold = gold_doc(activities=[{"sentence": SENTENCE, "key": "trafikkontroller"},
                                {"sentence": SENTENCE, "key": "trafikkontroller"}])
    metrics, misses = score(tmp_path, [gold], [record(activities=[act])])
    assert (metrics["activity_p"], metrics["activity_r"]) == (1.0, 0.5)
    assert misses == ["FN act a.txt a2: key='trafikkontroller' q=None"]

    metrics, _ = score(tmp_path, [gold_doc(activities=gold["activities"][:1])], [record(activities=[act, act])])
    assert (metrics["activity_p"], metrics["activity_r"]) == (0.5, 1.0)


# --------------------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    "gold_q, system_q, equal",
    [
        ({"value": 64, "approx": False}, {"value": 64, "approx": False}, True),
        ({"value": 64, "approx": False}, {"value": 64.0}, True),  # 64 == 64.0; approx absent = false
        ({"value": 64, "approx": False}, {"value": 65, "approx": False}, False),
        ({"value": 80, "approx": True}, {"value": 80, "approx": False}, False),  # "ett 80-tal" is not "80"
        ({"value": 80, "approx": True}, {"value": 80, "approx": True, "low": 70}, True),  # extra detail is free
        ({"value": 64}, None, False),
        ({"vague": "few"}, {"vague": "few", "value": None}, True),
        ({"vague": "few"}, {"vague": "several"}, False),
        ({"vague": "few"}, {"value": 3}, False),
        ({"low": 1}, {"low": 1, "value": None}, True),  # "minst ett"
        ({"low": 1}, {"value": 1}, False),
        ({"low": 1700}, {"low": 1800}, False),
        ({"period": "P2W"}, {"period": "P2W", "value": 1}, True),  # "varannan vecka"
        ({"period": "P2W"}, {"period": "P1W"}, False),
        ({"period": "P2W"}, {"value": 2}, False),
        ({"value": 2, "duration": "PT2H"}, {"value": 2, "duration": "PT2H"}, True),  # "två timmars tid"
        ({"value": 2, "duration": "PT2H"}, {"value": 2}, False),
        ({"value": 3, "duration": "P3W"}, {"value": 2, "duration": "P3W"}, False),
    ],
)
def test_evaluate_quantity_equality(gold_q, system_q, equal):
    assert quantity_matches(gold_q, system_q) is equal


def test_evaluate_quantity_counts_and_lemma(tmp_path):
    """A right quantity is a true positive and its lemma is judged; a wrong one is both a
    miss and a spurious value; a quantity where gold has none, or on an unmatched
    activity, is a false positive."""
    third = "Polisen lovar att genomföra trafikkontroller vid skolor."
    gold = gold_doc(activities=[
        {"sentence": SENTENCE, "key": "trafikkontroller", "quantity": {"value": 64, "approx": False, "text": "64 stycken"},
         "lemma": "trafikkontroll"},
        {"sentence": "Kommunen har ordnat trygghetsvandringar vid flera tillfällen.", "key": "trygghetsvandringar",
         "quantity": {"vague": "several", "text": "flera"}, "lemma": "trygghetsvandring"},
        {"sentence": "Uppföljning medborgarlöfte Skara 2023", "key": "uppföljning"},
    ])
    system = [
        span_of("genomfört 64 stycken trafikkontroller") | {"quantity": {"value": 64, "approx": False}, "lemma": "Trafikkontroll"},
        span_of("ordnat trygghetsvandringar vid flera tillfällen") | {"quantity": {"vague": "few"}, "lemma": "tillfälle"},
        span_of("Uppföljning medborgarlöfte") | {"quantity": {"value": 2023}},
        span_of(third) | {"quantity": {"value": 1}},
    ]
    metrics, misses = score(tmp_path, [gold], [record(activities=system)])
    # tp 1; fn 1 (wrong vague class); fp 3 (wrong class, unquantified gold, unmatched activity)
    assert metrics["quantity_p"] == pytest.approx(1 / 4)
    assert metrics["quantity_r"] == pytest.approx(1 / 2)
    assert metrics["lemma_acc"] == 1.0  # judged on the correct quantity only, casefolded
    assert any(m.startswith("Q-miss a.txt a2:") for m in misses)
    assert any(m.startswith("Q-FP a.txt a3:") for m in misses)
    assert any(m.startswith("FP act a.txt:") and "q={'value': 1}" in m for m in misses)


# --------------------------------------------------------------------------- links

PROMISE_TEXT = "Medborgarlöfte Skara 2023\nPolisen lovar att genomföra trafikkontroller vid skolor.\n"
PLEDGE = "Genomföra trafikkontroller vid skolor."
OTHER_PLEDGE = "Genomföra riktade insatser mot narkotika."


def link_case(tmp_path, accepted, pledge_id, *, follow_up_same_as="prom.txt#p1"):
    """A promise prom.txt with pledge p1, and a follow-up a.txt restating it as p1
    (same_as prom.txt#p1) beside its own p2; the follow-up's activity accepts
    `accepted` and the system links it to `pledge_id`."""
    golds = [
        gold_doc("prom.txt", kind="promise", pledges=[{"text": PLEDGE}]),
        gold_doc("a.txt", pledges=[{"text": PLEDGE, "same_as": follow_up_same_as}, {"text": OTHER_PLEDGE}],
                 activities=[{"sentence": SENTENCE, "key": "trafikkontroller", "pledges": accepted}]),
    ]
    act = span_of("genomfört 64 stycken trafikkontroller") | {"pledge_id": pledge_id}
    records = [
        record("prom.txt", kind="promise", pledges=[{"text": PLEDGE}]),
        record("a.txt", pledges=[{"text": PLEDGE}, {"text": OTHER_PLEDGE}, {"text": "Ett påhittat löfte."}],
               activities=[act]),
    ]
    return write_case(tmp_path, golds, records, texts={"prom.txt": PROMISE_TEXT})


@pytest.mark.parametrize(
    "accepted, pledge_id, correct",
    [
        ([None], None, True),  # both say "no pledge"
        (["p1"], None, False),
        ([None], "a#p1", False),
        (["p1"], "a#p1", True),  # the local pledge gold names
        (["p1"], "a#p2", False),  # another pledge
        (["p2", "p1"], "a#p1", True),  # any acceptable pledge
        (["p1"], "a#p3", False),  # a spurious (unmatched) pledge
        (["p1"], "a#p99", False),  # a pledge id that does not exist
        (["p1"], "prom#p1", True),  # same_as: the original of the acceptable restatement
        (["prom.txt#p1"], "prom#p1", True),  # cross-document id in gold
        (["prom.txt#p1"], "a#p1", True),  # same_as: the restatement of the acceptable original
        (["prom.txt#p1"], "a#p2", False),
        (["p2"], "prom#p1", False),
    ],
)
def test_evaluate_link_resolution(tmp_path, accepted, pledge_id, correct):
    out, gold_dir, docs_dir = link_case(tmp_path, accepted, pledge_id)
    metrics, misses = evaluate(out, gold_dir, docs_dir)
    assert metrics["activity_r"] == 1.0
    assert metrics["link_acc_matched"] == (1.0 if correct else 0.0)
    assert any(m.startswith("LINK-miss a.txt a1:") for m in misses) is not correct


def test_evaluate_link_same_as_needs_the_declaration(tmp_path):
    out, gold_dir, docs_dir = link_case(tmp_path, ["p1"], "prom#p1", follow_up_same_as=None)
    assert evaluate(out, gold_dir, docs_dir)[0]["link_acc_matched"] == 0.0


def test_evaluate_link_acc_all_counts_unmatched_activities(tmp_path):
    act = span_of("genomfört 64 stycken trafikkontroller")
    gold = gold_doc(activities=[{"sentence": SENTENCE, "key": "trafikkontroller"},
                                {"sentence": "Kommunen har ordnat trygghetsvandringar vid flera tillfällen.",
                                 "key": "trygghetsvandringar"}])
    metrics, _ = score(tmp_path, [gold], [record(activities=[act])])
    assert (metrics["link_acc_matched"], metrics["link_acc_all"]) == (1.0, 0.5)


@pytest.mark.parametrize("accepted, pledge_id", [(["p1"], "prom#p1"), (["prom.txt#p1"], "a#p1"), (["p2"], "a#p1")])
def test_evaluate_links_agree_with_score_py(tmp_path, accepted, pledge_id):
    out, gold_dir, docs_dir = link_case(tmp_path, accepted, pledge_id)
    assert_agrees_with_score_py(out, gold_dir, docs_dir, tmp_path)


# --------------------------------------------------------------------------- headings, metadata, documents


def test_evaluate_headings_whitespace_normalised(tmp_path):
    gold = gold_doc(headings=["Uppföljning medborgarlöfte Skara 2023", "Polisen lovar:"])
    sections = [{"id": "a#s0", "kind": "content", "heading": "Uppföljning\u00a0medborgarlöfte  Skara 2023 ", "level": 1},
                {"id": "a#s1", "kind": "content", "heading": None, "level": 0},
                {"id": "a#s2", "kind": "content", "heading": "Kontakt", "level": 2}]
    metrics, misses = score(tmp_path, [gold], [record(sections=sections)])
    assert (metrics["heading_p"], metrics["heading_r"]) == (0.5, 0.5)
    assert "FN heading a.txt: 'Polisen lovar:'" in misses and "FP heading a.txt: 'Kontakt'" in misses
    assert normalise_heading(" A \r\n\tB\u00a0 C ") == "A B C"


@pytest.mark.parametrize(
    "fields, wrong",
    [
        ({}, None),
        ({"municipality": "skara"}, None),  # casefolded
        ({"municipality": "Skaras"}, "municipality"),
        ({"years": [2023, 2024]}, None),  # order does not matter
        ({"years": [2023]}, "years"),
        ({"years": []}, "years"),
        ({"kind": "promise"}, "kind"),
    ],
)
def test_evaluate_metadata(tmp_path, fields, wrong):
    metrics, misses = score(tmp_path, [gold_doc(years=[2023, 2024])], [record(**({"years": [2024, 2023]} | fields))])
    for name in ("municipality", "years", "kind"):
        assert metrics[f"{name}_acc"] == (0.0 if name == wrong else 1.0)
    assert any(m.startswith("META-miss") for m in misses) is (wrong is not None)


def test_evaluate_missing_document_scores_zero(tmp_path):
    golds = [gold_doc("a.txt", pledges=[{"text": GOLD_PLEDGE}], headings=["Rubrik"],
                      activities=[{"sentence": SENTENCE, "key": "trafikkontroller"}]),
             gold_doc("b.txt", municipality=None, years=[])]
    metrics, misses = score(tmp_path, golds, [record("a.txt", pledges=[{"text": GOLD_PLEDGE}], sections=[
        {"id": "a#s0", "kind": "content", "heading": "Rubrik", "level": 1}])])
    assert metrics["docs_missing"] == 1
    assert metrics["pledge_f1"] == 1.0 and metrics["heading_f1"] == 1.0
    # metadata of the missing document is wrong even where gold is empty
    assert metrics["municipality_acc"] == metrics["years_acc"] == metrics["kind_acc"] == 0.5
    assert "MISSING b.txt: no output record" in misses


def test_evaluate_records_matched_by_source_file_name_and_extra_records_ignored(tmp_path):
    rec = record(pledges=[{"text": GOLD_PLEDGE}], source="C:\\data\\run 1\\a.txt", id="renamed")
    stray = record("zzz.txt", pledges=[{"text": "Ett löfte utan guld."}])
    metrics, _ = score(tmp_path, [gold_doc(pledges=[{"text": GOLD_PLEDGE}])], [rec, stray])
    assert (metrics["docs_missing"], metrics["pledge_p"], metrics["pledge_r"]) == (0, 1.0, 1.0)


def test_evaluate_docs_dir_defaults_to_sources_then_beside_gold(tmp_path):
    act = span_of("genomfört 64 stycken trafikkontroller")
    gold = gold_doc(activities=[{"sentence": SENTENCE, "key": "trafikkontroller"}])
    out, gold_dir, docs_dir = write_case(tmp_path, [gold], [record(activities=[act], source=str(tmp_path / "docs" / "a.txt"))])
    assert evaluate(out, gold_dir)[0]["activity_f1"] == 1.0  # the record's own source

    out.write_text(json.dumps(record(activities=[act], source="/nowhere/a.txt")) + "\n", encoding="utf-8")
    assert evaluate(out, gold_dir)[0]["activity_f1"] == 1.0  # gold/../docs

    (docs_dir / "a.txt").unlink()
    with pytest.raises(FileNotFoundError, match="a.txt"):
        evaluate(out, gold_dir)


def test_evaluate_rejects_a_broken_jsonl_line(tmp_path):
    out, gold_dir, docs_dir = write_case(tmp_path, [gold_doc()], [record()])
    out.write_text(out.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"out.jsonl:2"):
        evaluate(out, gold_dir, docs_dir)


# --------------------------------------------------------------------------- agreement with score.py


@pytest.fixture(scope="module")
def corpus_output(tmp_path_factory):
    """`promisemine extract corpus/docs -o out.jsonl`, run as a user would."""
    out = tmp_path_factory.mktemp("extract") / "out.jsonl"
    subprocess.run(
        [sys.executable, "-c", "from promisemine.cli import main; main()", "extract", str(DOCS), "-q", "-o", str(out)],
        check=True, capture_output=True, cwd=ROOT,
    )
    return out


def test_evaluate_agrees_with_score_py_on_corpus(corpus_output, tmp_path):
    """Every metric to 1e-9, and the same miss lines in the same order."""
    assert_agrees_with_score_py(corpus_output, GOLD, DOCS, tmp_path)


def test_evaluate_corpus_docs_dir_optional(corpus_output):
    assert evaluate(corpus_output, GOLD)[0] == evaluate(corpus_output, GOLD, DOCS)[0]
