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
