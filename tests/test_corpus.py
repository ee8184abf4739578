"""Batches: the spool that keeps the CLI's memory flat, and streaming linking."""
from corpus_helpers import DOCS

import promisemine
from promisemine.corpus import Spool
from promisemine.linking import PromiseIndex


def test_corpus_spool_gives_back_the_documents_in_order():
    docs = list(promisemine.iter_extract([DOCS]))
    spool = Spool()
    for d in docs:
        spool.append(d)
    assert len(spool) == len(docs) == 25
    assert [d.to_dict() for d in spool] == [d.to_dict() for d in docs]
    assert [d.id for d in spool] == [d.id for d in docs]  # can be read twice
    spool.close()


def test_corpus_promise_index_links_like_the_whole_corpus_pass():
    # the Essunga follow-up 040 restates pledges of the promise 038
    whole = promisemine.extract_corpus([DOCS])
    index = PromiseIndex()
    streamed = list(promisemine.iter_extract([DOCS]))
    for d in streamed:
        index.add(d)
    for d in streamed:
        index.link(d)
    assert [d.to_dict() for d in streamed] == [d.to_dict() for d in whole.docs]
    follow_up = next(d for d in streamed if d.id == "040")
    assert {p.same_as for p in follow_up.pledges} == {"038#p1", "038#p2", "038#p3"}


def test_records_to_dict_has_every_field():
    """The hand-written to_dict methods carry every dataclass field (none forgotten)."""
    import dataclasses

    from promisemine.records import Activity, Pledge, Quantity, Section

    q = Quantity(text="64 stycken", value=64, start=3, end=13)
    for rec in (
        Section(id="d#s1", kind="content", heading="Uppföljning", level=1, start=0, end=10),
        Pledge(id="d#p1", party="police", text="genomföra trafikkontroller", start=0, end=9, section_id="d#s1", quantity=q),
        Activity(id="d#a1", text="64 stycken trafikkontroller", sentence="Polisen genomförde 64 stycken trafikkontroller.",
                 start=0, end=9, section_id="d#s1", quantity=q, lemma="trafikkontroll", evidence={"theme": 1.0}),
    ):
        d = rec.to_dict()
        assert set(d) == {f.name for f in dataclasses.fields(rec)}
        for f in dataclasses.fields(rec):
            v = getattr(rec, f.name)
            assert d[f.name] == (v.to_dict() if isinstance(v, Quantity) else v)
