"""The Dask recipe (promisemine.distributed) gives the records of extract_corpus."""
from __future__ import annotations

import builtins
from pathlib import Path

import pytest

import promisemine
from promisemine import distributed

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


@pytest.fixture(scope="module")
def reference():
    return [d.to_dict() for d in promisemine.extract_corpus([DOCS]).docs]


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_same_records_as_extract_corpus(scheduler, reference):
    pytest.importorskip("dask.bag")
    corpus = distributed.extract_corpus_dask([DOCS], scheduler=scheduler, num_workers=2)
    assert isinstance(corpus, promisemine.Corpus)
    assert [d.to_dict() for d in corpus.docs] == reference
    # something was linked across documents, as in extract_corpus
    assert any(a["pledge_id"] for d in reference for a in d["activities"])


def test_bag_partitions_and_order(reference):
    pytest.importorskip("dask.bag")
    bag = distributed.extract_bag([DOCS], npartitions=4)
    assert bag.npartitions == 4
    docs = bag.compute(scheduler="synchronous")
    assert [d.id for d in docs] == [d["id"] for d in reference]
    assert all(d.text == "" for d in docs)  # texts are dropped in the tasks
    n = bag.map(lambda d: len(d.pledges)).sum().compute(scheduler="synchronous")
    assert n == sum(len(d["pledges"]) for d in reference)


def test_unreadable_paths_become_error_documents(tmp_path):
    pytest.importorskip("dask.bag")
    (tmp_path / "a.txt").write_text("Polisen lovar att:\n\n  • Genomföra riktade insatser mot narkotika.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    corpus = distributed.extract_corpus_dask([tmp_path, tmp_path / "missing.txt"], scheduler="synchronous")
    expected = promisemine.extract_corpus([tmp_path, tmp_path / "missing.txt"])
    assert [d.to_dict() for d in corpus.docs] == [d.to_dict() for d in expected.docs]
    codes = {d.id: [e.code for e in d.errors] for d in corpus.docs}
    assert codes["b"] == ["binary"] and codes["missing"] == ["missing"] and codes["a"] == []
    assert distributed.extract_bag([]).compute(scheduler="synchronous") == []


def test_bad_npartitions():
    pytest.importorskip("dask.bag")
    with pytest.raises(ValueError):
        distributed.extract_bag([DOCS], npartitions=0)


def test_clear_message_without_dask(monkeypatch):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(ImportError, match=r"pip install 'promisemine\[dask\]'"):
        distributed.extract_bag([DOCS])
    with pytest.raises(ImportError, match=r"pip install 'promisemine\[dask\]'"):
        distributed.extract_corpus_dask([DOCS], scheduler="synchronous")
