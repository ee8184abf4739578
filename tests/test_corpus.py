"""Batches: the spool that keeps the CLI's memory flat, and streaming linking."""
import pytest
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


def test_corpus_spool_mixes_pickled_items_with_records():
    """A worker's pickled document and a finished line come back in the order parked."""
    import pickle

    docs = list(promisemine.iter_extract([DOCS]))[:4]
    spool = Spool()
    spool.append_pickled(pickle.dumps(docs[0], protocol=pickle.HIGHEST_PROTOCOL))
    spool.append('{"id":"x"}\n')
    spool.append(docs[1])
    items = list(spool)
    spool.close()
    assert items[0].to_dict() == docs[0].to_dict()
    assert items[1] == '{"id":"x"}\n' and items[2].to_dict() == docs[1].to_dict()


def _identity_id(doc):
    return doc.id


@pytest.mark.parametrize("n_process", [1, 2])
def test_corpus_iter_extract_finish_runs_on_every_document(tmp_path, n_process):
    """``finish`` is applied where each document is extracted (a worker with n_process 2)
    and its results come in input order, an unreadable input included."""
    bad = tmp_path / "trasig.txt"
    bad.write_bytes(b"\x00" * 10)
    paths = sorted(DOCS.glob("*.txt"))[:9] + [bad]
    plain = [d.id for d in promisemine.iter_extract(paths)]
    got = list(promisemine.iter_extract(paths, n_process=n_process, finish=_identity_id))
    assert got == plain and len(got) == 10


def test_corpus_cli_finished_head_keeps_what_linking_reads():
    """The command's per-document result: a promise keeps its pledges for the index,
    a follow-up that names its kommun travels pickled whole, any other as its line."""
    import pickle

    from promisemine.cli import _finished

    by_kind = {}
    for d in promisemine.iter_extract([DOCS]):
        by_kind.setdefault((d.kind, PromiseIndex.may_change(d)), d)
    promise = by_kind[("promise", False)]
    head, line, ok = _finished(promise)
    assert ok and isinstance(line, str) and head.pledges == promise.pledges and head.activities == []
    assert promise.sections  # the document itself is left as it was
    follow_up = by_kind[("follow_up", True)]
    head, payload, ok = _finished(follow_up)
    assert pickle.loads(payload).to_dict() == follow_up.to_dict()
    assert head.pledges == [] and head.municipality == follow_up.municipality and head.years == follow_up.years


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
