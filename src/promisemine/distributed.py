"""Beyond one machine: the per-document function on a Dask bag.

Every document is extracted on its own by :func:`promisemine.corpus.process_source`
(the function ``--jobs``, ``iter_extract`` and ``extract_corpus`` run too), so a
corpus too large for one machine is a :mod:`dask.bag` of sources mapped through that
function. Only the small records come back, never the texts; the cross-document pass
(:func:`promisemine.linking.link_corpus`: a follow-up linked to the promise of the
same municipality and years) then runs once on the gathered records.

Needs the ``dask`` extra::

    pip install 'promisemine[dask]'

Recipe -- on a laptop::

    from promisemine.distributed import extract_bag, extract_corpus_dask

    corpus = extract_corpus_dask(["corpus/docs"], scheduler="processes")
    corpus.pledges.groupby("party").size()

    # or keep the bag and do more in Dask before gathering:
    bag = extract_bag(["corpus/docs"], npartitions=8)
    n_activities = bag.map(lambda d: len(d.activities)).sum().compute()

On a cluster (``pip install 'dask[distributed]'``; the paths must be readable on
every worker, e.g. a shared filesystem, and are recorded as given)::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")          # or Client() for a local cluster
    corpus = extract_corpus_dask(["/shared/medborgarloften"], scheduler=client.get)
    corpus.to_parquet("out/")

The records equal those of ``promisemine.extract_corpus`` on the same paths, in the
same order, whatever the scheduler.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Optional, Union

from .corpus import Corpus, PathLike, _error_doc, iter_sources, process_source
from .reading import DEFAULT_MAX_BYTES, ReadError, Source

__all__ = ["extract_bag", "extract_corpus_dask", "MISSING_DASK"]

MISSING_DASK = (
    "promisemine.distributed needs Dask, which is not installed: "
    "pip install 'promisemine[dask]'"
)


def _dask_bag():
    try:
        import dask.bag as db
    except ImportError as exc:  # dask missing, or dask without the bag extra (toolz, cloudpickle)
        raise ImportError(f"{MISSING_DASK} ({exc})") from exc
    return db


def _process_item(item: Union[Source, ReadError], max_bytes: Optional[int], keep_text: bool):
    """One discovered item -> one Document (a path that cannot be used becomes a
    Document with ``errors``, exactly as in ``iter_extract``)."""
    if isinstance(item, ReadError):
        return _error_doc(item, item)
    return process_source(item, max_bytes, keep_text)


def extract_bag(
    paths: Union[PathLike, Iterable[PathLike]],
    npartitions: Optional[int] = None,
    pattern: str = "*.txt",
    *,
    max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
    keep_text: bool = False,
):
    """A :class:`dask.bag.Bag` of :class:`~promisemine.records.Document`, one per source.

    The paths are discovered here, on the client (files, folders, globs, as on the
    command line; document ids are made unique as in ``extract_corpus``); reading and
    extraction happen in the tasks. ``npartitions`` defaults to Dask's choice (at most
    about 100 partitions). Nothing is linked across documents: use
    :func:`extract_corpus_dask`, or ``link_corpus(bag.compute())``.
    """
    db = _dask_bag()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    items = list(iter_sources(paths, pattern))
    if npartitions is not None:
        if npartitions < 1:
            raise ValueError(f"npartitions must be at least 1, not {npartitions}")
        npartitions = min(npartitions, max(1, len(items)))
    return db.from_sequence(items, npartitions=npartitions).map(
        _process_item, max_bytes=max_bytes, keep_text=keep_text
    )


def extract_corpus_dask(
    paths: Union[PathLike, Iterable[PathLike]],
    scheduler: Union[str, Callable[..., Any], None] = "processes",
    *,
    npartitions: Optional[int] = None,
    pattern: str = "*.txt",
    max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
    num_workers: Optional[int] = None,
) -> Corpus:
    """Extract with Dask and link across the documents, like ``extract_corpus``.

    ``scheduler`` is any Dask scheduler: ``"processes"`` (default, one process per
    core), ``"threads"``, ``"synchronous"`` (one thread, for debugging), a
    ``Client.get`` of ``dask.distributed``, or ``None`` for Dask's current default
    (an active ``Client`` if there is one).
    """
    from .linking import link_corpus

    bag = extract_bag(paths, npartitions=npartitions, pattern=pattern, max_bytes=max_bytes)
    kwargs: dict[str, Any] = {}
    if scheduler is not None:
        kwargs["scheduler"] = scheduler
    if num_workers is not None:
        kwargs["num_workers"] = num_workers
    docs = list(bag.compute(**kwargs))
    link_corpus(docs)
    return Corpus(docs)
