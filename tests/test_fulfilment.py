"""Tests for promisemine.fulfilment: one row per pledge, saying what was reported done.

The bundled corpus checks the table's shape and that cross-document links (a follow-up
restating the promise's pledges, ``same_as``) reach the promise pledges; hand-built
records pin each status and the aggregation rules, independent of the extractor.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest

import promisemine
from promisemine.fulfilment import FULFILMENT_COLUMNS, NO_LEMMA, STATUSES, fulfilment_table, status_counts
from promisemine.records import Activity, Document, Pledge, Quantity

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"

REQUIRED_COLUMNS = [
    "pledge_id", "doc_id", "municipality", "years", "party", "text", "target", "target_value",
    "target_period", "n_activities", "quantities_by_lemma", "total_quantity", "activity_ids",
    "mean_link_score", "status",
]


@pytest.fixture(scope="module")
def corpus():
    return promisemine.extract_corpus([str(DOCS)])


@pytest.fixture(scope="module")
def table(corpus):
    return corpus.fulfilment()


# --------------------------------------------------------------------------- helpers


def pledge(pid: str, text: str, quantity: Quantity | None = None, same_as: str | None = None, party="police") -> Pledge:
    return Pledge(id=pid, party=party, text=text, start=0, end=len(text), section_id="s", quantity=quantity, same_as=same_as)


def activity(aid: str, text: str, pledge_id: str | None, quantity: Quantity | None = None, lemma: str | None = None, score: float | None = 0.8) -> Activity:
    return Activity(
        id=aid, text=text, sentence=text + ".", start=0, end=len(text), section_id="s",
        quantity=quantity, lemma=lemma, pledge_id=pledge_id, link_score=score if pledge_id else None,
    )


def doc(did: str, kind="promise", pledges=(), activities=(), municipality="Essunga", years=(2023,)) -> Document:
    return Document(
        id=did, source=f"{did}.txt", kind=kind, municipality=municipality, years=list(years),
        pledges=list(pledges), activities=list(activities),
    )


def row(df, pledge_id):
    hits = df[df["pledge_id"] == pledge_id]
    assert len(hits) == 1, pledge_id
    return hits.iloc[0]


TEN_CONTROLS = "Genomföra minst 10 stycken trafikkontroller under året."
MINST_TIO = Quantity("minst 10 stycken", low=10)


# --------------------------------------------------------------------------- the bundled corpus


def test_fulfilment_one_row_per_pledge(corpus, table):
    """Every pledge of the run gets exactly one row, in the order of corpus.pledges, so
    the table can be joined back to the pledges table on pledge_id."""
    assert len(table) == len(corpus.pledges)
    assert list(table["pledge_id"]) == list(corpus.pledges["id"])
    assert table["pledge_id"].is_unique


def test_fulfilment_columns(table):
    """The columns are the documented ones (notebooks and the report read them by name)."""
    assert list(table.columns) == FULFILMENT_COLUMNS
    assert set(REQUIRED_COLUMNS) <= set(table.columns)


def test_fulfilment_statuses_in_enum(table):
    """A status outside the four documented values would break every groupby downstream."""
    assert set(table["status"]) <= set(STATUSES)


def test_fulfilment_corpus_has_reported_and_nothing_reported(table):
    """The corpus mixes promises (nothing reported yet) and follow-ups (activities linked),
    so both ends of the scale must occur; all-one-status would mean linking is broken."""
    statuses = set(table["status"])
    assert "nothing reported" in statuses
    assert "reported" in statuses


def test_fulfilment_counts_match_activity_ids(table):
    """n_activities is the length of activity_ids, and a pledge with nothing reported has
    neither activities nor a mean link score."""
    assert (table["n_activities"] == table["activity_ids"].map(len)).all()
    nothing = table[table["status"] == "nothing reported"]
    assert (nothing["n_activities"] == 0).all()
    assert nothing["mean_link_score"].isna().all()


def test_fulfilment_essunga_promise_gets_follow_up_activities(table):
    """The Essunga promise 2023–2024 (038) is followed up by the Essunga report 2023 (040),
    which restates its pledges; the activities linked to the restatements must count for
    the promise pledges through same_as."""
    essunga = table[table["doc_id"] == "038"]
    assert len(essunga) > 0
    assert (essunga["n_activities"] > 0).any()
    got = [i for ids in essunga["activity_ids"] for i in ids]
    assert any(i.startswith("040#") for i in got)


def test_fulfilment_status_counts_cover_table(table):
    """status_counts lists every status (zeros included) and adds up to the table."""
    counts = status_counts(table)
    assert list(counts) == list(STATUSES)
    assert sum(counts.values()) == len(table)


# --------------------------------------------------------------------------- hand-built records


def test_fulfilment_nothing_reported():
    """A pledge no activity links to is "nothing reported", with empty sums."""
    df = fulfilment_table([doc("x", pledges=[pledge("x#p1", TEN_CONTROLS, MINST_TIO)])])
    r = row(df, "x#p1")
    assert r.status == "nothing reported"
    assert r.n_activities == 0 and r.activity_ids == [] and r.quantities_by_lemma == {}
    assert math.isnan(r.total_quantity) and math.isnan(r.mean_link_score)
    assert r.target == "minst 10 stycken" and r.target_value == 10


def test_fulfilment_reported_without_numeric_target():
    """A pledge without a quantified target cannot be met or missed, only "reported"."""
    p = pledge("x#p1", "Polisen ska aktivt jobba för att öka synligheten i kommunen.")
    a = activity("x#a1", "fotpatrullerat vid ca 35 tillfällen", "x#p1", Quantity("vid ca 35 tillfällen", value=35, approx=True), "tillfälle")
    r = row(fulfilment_table([doc("x", pledges=[p], activities=[a])]), "x#p1")
    assert r.status == "reported"
    assert r.target is None and math.isnan(r.target_value)
    assert r.total_quantity == 35


def test_fulfilment_reported_when_activities_carry_no_number():
    """With a numeric target but only unquantified activities there is nothing to compare:
    "reported", not "below target" (absence of a number is not a zero)."""
    p = pledge("x#p1", TEN_CONTROLS, MINST_TIO)
    a = activity("x#a1", "genomfört trafikkontroller", "x#p1", None, "trafikkontroll")
    r = row(fulfilment_table([doc("x", pledges=[p], activities=[a])]), "x#p1")
    assert r.status == "reported"
    assert math.isnan(r.achieved)


def test_fulfilment_target_met():
    """"minst 10 stycken trafikkontroller" (target 10) and "42 trafikkontroller" reported
    -> target met."""
    p = pledge("x#p1", TEN_CONTROLS, MINST_TIO)
    a = activity("y#a1", "42 trafikkontroller genomfördes", "x#p1", Quantity("42", value=42), "trafikkontroll", 0.9)
    df = fulfilment_table([doc("x", pledges=[p]), doc("y", kind="follow_up", activities=[a])])
    r = row(df, "x#p1")
    assert r.status == "target met"
    assert r.achieved == 42 and r.n_activities == 1 and r.activity_ids == ["y#a1"]
    assert r.mean_link_score == pytest.approx(0.9)


def test_fulfilment_target_met_exactly():
    """Reaching the target exactly meets it ("minst 10" and 10 done)."""
    p = pledge("x#p1", TEN_CONTROLS, MINST_TIO)
    a = activity("x#a1", "10 trafikkontroller", "x#p1", Quantity("10", value=10), "trafikkontroll")
    assert row(fulfilment_table([doc("x", pledges=[p], activities=[a])]), "x#p1").status == "target met"


def test_fulfilment_below_target():
    """Six controls reported against "minst 10 stycken" -> below target."""
    p = pledge("x#p1", TEN_CONTROLS, MINST_TIO)
    a = activity("x#a1", "6 trafikkontroller", "x#p1", Quantity("6", value=6), "trafikkontroll")
    r = row(fulfilment_table([doc("x", pledges=[p], activities=[a])]), "x#p1")
    assert r.status == "below target"
    assert r.achieved == 6


def test_fulfilment_target_compares_the_counted_noun():
    """When some linked activity counts the pledge's noun, only those are compared with the
    target: 37 ordningsförelägganden do not make up for 6 trafikkontroller."""
    p = pledge("x#p1", TEN_CONTROLS, MINST_TIO)
    acts = [
        activity("x#a1", "6 trafikkontroller", "x#p1", Quantity("6", value=6), "trafikkontroll"),
        activity("x#a2", "37 ordningsförelägganden", "x#p1", Quantity("37", value=37), "ordningsföreläggande"),
    ]
    r = row(fulfilment_table([doc("x", pledges=[p], activities=acts)]), "x#p1")
    assert r.total_quantity == 43
    assert r.achieved == 6
    assert r.status == "below target"


def test_fulfilment_target_falls_back_to_total():
    """When no lemma of the activities stands in the pledge, all numbers are summed:
    "Minst sex narkotikainsatser" is met by 4 + 3 "insatser mot narkotika" without lemma."""
    p = pledge("x#p1", "Genomföra riktade insatser mot narkotika.", Quantity("Minst sex", low=6))
    acts = [
        activity("x#a1", "4 tillslag", "x#p1", Quantity("4", value=4), None),
        activity("x#a2", "3 husrannsakningar", "x#p1", Quantity("3", value=3), "husrannsakan"),
    ]
    r = row(fulfilment_table([doc("x", pledges=[p], activities=acts)]), "x#p1")
    assert r.achieved == 7
    assert r.status == "target met"


def test_fulfilment_target_value_prefers_value_then_low_then_high():
    """target_value is the quantity's value, else its lower, else its upper bound."""
    pls = [
        pledge("x#p1", "a", Quantity("ett 20-tal", value=20, approx=True)),
        pledge("x#p2", "b", Quantity("minst tre", low=3)),
        pledge("x#p3", "c", Quantity("högst fem", high=5)),
        pledge("x#p4", "d", Quantity("varannan vecka", value=1, period="P2W")),
        pledge("x#p5", "e", Quantity("flera", vague="several")),
    ]
    df = fulfilment_table([doc("x", pledges=pls)])
    assert list(df["target_value"].fillna(-1)) == [20, 3, 5, 1, -1]
    assert row(df, "x#p4").target_period == "P2W"
    assert row(df, "x#p5").target == "flera"


def test_fulfilment_same_as_aggregates_into_promise():
    """A follow-up pledge restating a promise pledge (same_as) passes its activities up:
    the promise pledge counts its own links plus the restatement's; the restatement counts
    only its own (one hop, documented)."""
    promise = doc("038", pledges=[pledge("038#p1", TEN_CONTROLS, MINST_TIO), pledge("038#p2", "Öka synligheten.")], years=(2023, 2024))
    follow = doc(
        "040", kind="follow_up",
        pledges=[pledge("040#p1", TEN_CONTROLS, None, same_as="038#p1")],
        activities=[
            activity("040#a1", "minst 50 fasta trafikkontroller", "040#p1", Quantity("minst 50", low=50), "trafikkontroll", 0.9),
            activity("040#a2", "4 trafikkontroller till", "038#p1", Quantity("4", value=4), "trafikkontroll", 0.7),
        ],
    )
    df = fulfilment_table([promise, follow])
    p1 = row(df, "038#p1")
    assert p1.n_activities == 2
    assert sorted(p1.activity_ids) == ["040#a1", "040#a2"]
    assert p1.quantities_by_lemma == {"trafikkontroll": 54}
    assert p1.mean_link_score == pytest.approx(0.8)
    assert p1.status == "target met"
    restated = row(df, "040#p1")
    assert restated.activity_ids == ["040#a1"]
    assert restated.same_as == "038#p1"
    assert restated.status == "reported"  # the restatement has no target of its own
    assert row(df, "038#p2").status == "nothing reported"


def test_fulfilment_quantities_by_lemma_sums():
    """quantities_by_lemma adds numbers per lemma (value, else low), files lemma-less
    numbers under "(no lemma)", skips vague amounts, and total_quantity is their sum."""
    p = pledge("x#p1", "Synas mer i centrum.")
    acts = [
        activity("x#a1", "ett 80-tal patrulleringar", "x#p1", Quantity("ett 80-tal", value=80, approx=True), "patrullering"),
        activity("x#a2", "20 patrulleringar till", "x#p1", Quantity("20", value=20), "patrullering"),
        activity("x#a3", "drygt 5 möten", "x#p1", Quantity("drygt 5", low=5), "möte"),
        activity("x#a4", "vid 11 tillfällen", "x#p1", Quantity("vid 11 tillfällen", value=11), None),
        activity("x#a5", "flera trygghetsvandringar", "x#p1", Quantity("flera", vague="several"), "trygghetsvandring"),
        activity("x#a6", "besökt skolor", "x#p1", None, "skola"),
        activity("x#a7", "100 samtal", None, Quantity("100", value=100), "samtal"),  # not linked
    ]
    r = row(fulfilment_table([doc("x", pledges=[p], activities=acts)]), "x#p1")
    assert r.quantities_by_lemma == {"patrullering": 100, "möte": 5, NO_LEMMA: 11}
    assert r.total_quantity == 116
    assert r.n_activities == 6
    assert "x#a7" not in r.activity_ids


def test_fulfilment_empty_run():
    """No documents (or no pledges) gives an empty table that still has its columns."""
    assert list(fulfilment_table([]).columns) == FULFILMENT_COLUMNS
    df = fulfilment_table([doc("x", activities=[activity("x#a1", "något", None)])])
    assert len(df) == 0
    assert status_counts(df) == {s: 0 for s in STATUSES}
