"""Batches of documents: reading, parallel extraction, cross-document linking, tables.

``iter_extract`` streams one :class:`~promisemine.records.Document` at a time (texts
are read, processed and dropped; no cross-document links). ``extract_corpus`` keeps
the small extracted records of a run — never the texts — so that it can link
follow-ups to the promise documents of the same municipality, and returns a
:class:`Corpus` whose tables are pandas DataFrames with the column names of the
output contract.
"""
from __future__ import annotations

import gc
import json
import os
import pickle
import tempfile
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from .records import Document, Error
from .reading import DEFAULT_MAX_BYTES, ReadError, Source, _show, discover, read_source

PathLike = Union[str, os.PathLike]


def _source_name(path: str) -> str:
    """The path as the output records it: the path itself, except that bytes of
    a file name that are not UTF-8 become U+FFFD and control characters (a line
    break in a file name) are escaped, so that every record is valid UTF-8 JSON
    on one line."""
    return path if path == "-" else _show(path)


def _error_doc(src: Union[Source, ReadError], err: ReadError) -> Document:
    if isinstance(src, Source):
        doc = Document(id=src.doc_id, source=_source_name(src.path))
    else:
        name = _show(os.path.basename(err.path.rstrip("/")) or err.path or "input")
        doc = Document(id=os.path.splitext(name)[0] or name, source=_source_name(err.path))
    doc.errors.append(Error(err.code, " ".join(err.message.split())))
    return doc


def process_source(src: Source, max_bytes: Optional[int] = DEFAULT_MAX_BYTES, keep_text: bool = False) -> Document:
    """Read and extract one source; any failure becomes the document's ``errors``.

    This is the per-document function that ``--jobs``, ``iter_extract`` and the Dask
    recipe all run.
    """
    from .pipeline import extract_text

    try:
        text, encoding = read_source(src, max_bytes=max_bytes)
    except ReadError as err:
        return _error_doc(src, err)
    doc = extract_text(text, source=_source_name(src.path), doc_id=src.doc_id, encoding=encoding)
    if not keep_text:
        doc.text = ""
    return doc


_WARM_TEXT = (
    "Uppföljning medborgarlöfte 2023 Götene\n\nPolisen lovar att:\n\n  • Genomföra fotpatrullering.\n\n"
    "Polisen har genomfört ett 80-tal patrulleringar och 64 stycken trafikkontroller.\n"
)


def warm_up() -> None:
    """Load every word list, table and the lemma dictionary now (about 0.3 s with the
    cached trie of :mod:`promisemine.language`, 1 s without), once.

    Called before a process pool starts, so that workers forked from this process
    share what is loaded instead of each loading it again.
    """
    from .pipeline import extract_text

    extract_text(_WARM_TEXT, doc_id="warm-up")


def settle_process() -> None:
    """For a process promisemine owns (the command line, a pool worker): load the tables
    and the lemma dictionary, then exempt them from garbage collection.

    They live as long as the process, yet every full collection would walk their
    objects again, and in a forked worker every walk writes to pages shared with the
    parent (copy-on-write). ``gc.freeze()`` moves them out of the collector's way.
    Not called by ``iter_extract`` in a caller's own process: the freeze would cover the
    caller's objects too.
    """
    warm_up()
    gc.freeze()


def _unique_ids(items: Iterable[Union[Source, ReadError]]) -> Iterator[Union[Source, ReadError]]:
    seen: dict[str, int] = {}
    for it in items:
        if isinstance(it, Source):
            base = it.doc_id
            n = seen.get(base, 0)
            seen[base] = n + 1
            if n:
                it = Source(it.path, it.name, f"{base}-{n + 1}")
        yield it


def iter_sources(paths: Iterable[PathLike], pattern: str = "*.txt") -> Iterator[Union[Source, ReadError]]:
    return _unique_ids(discover([os.fspath(p) for p in paths], pattern=pattern))


def iter_extract(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    pattern: str = "*.txt",
    n_process: int = 1,
    max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
    keep_text: bool = False,
    finish: Optional[Callable[[Document], Any]] = None,
) -> Iterator[Any]:
    """Stream documents one at a time, in input order (no cross-document links).

    A path that cannot be read yields a Document with ``errors`` and nothing else.

    ``finish``, when given, is applied to every Document where it was extracted (in the
    worker, with ``n_process`` > 1), and its result is yielded instead. It must be
    picklable: a module-level function, or a ``functools.partial`` of one. The command
    line has its workers write the finished JSON records this way, so that its own
    process only collects them.

    >>> ids = promisemine.iter_extract(["corpus/docs"], n_process=2, finish=attrgetter("id"))  # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    sources = iter_sources(paths, pattern)
    done = finish or _same
    if n_process <= 1:
        for it in sources:
            yield done(_error_doc(it, it) if isinstance(it, ReadError) else process_source(it, max_bytes, keep_text))
        return
    # (imported here: a single process, the command line's default, never needs them)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    warm_up()  # forked workers inherit the loaded tables instead of each loading them
    pool = ProcessPoolExecutor(max_workers=n_process, initializer=settle_process)
    window: deque = deque()  # [finished items] and (sources, future) batches, in input order
    batch: list[Source] = []

    def submit() -> None:
        nonlocal pool, batch
        if not batch:
            return
        todo, batch = batch, []
        try:
            fut = pool.submit(process_batch, todo, max_bytes, keep_text, finish)
        except BrokenProcessPool:  # a worker died: carry on with a fresh pool
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(max_workers=n_process, initializer=settle_process)
            fut = pool.submit(process_batch, todo, max_bytes, keep_text, finish)
        window.append((todo, fut))

    try:
        for it in sources:
            if isinstance(it, ReadError):
                submit()  # what came before stays before
                window.append([done(_error_doc(it, it))])
            elif it.path == "-":  # standard input belongs to this process, not to a worker
                submit()
                window.append([done(process_source(it, max_bytes, keep_text))])
            else:
                batch.append(it)
                if len(batch) >= BATCH:
                    submit()
            while len(window) > 4 * n_process:
                yield from _settle(window.popleft(), max_bytes, keep_text, done)
        submit()
        while window:
            yield from _settle(window.popleft(), max_bytes, keep_text, done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


BATCH = 8  # documents sent to a worker at once: one round trip per eight, not per one


def process_batch(sources: list[Source], max_bytes: Optional[int], keep_text: bool,
                  finish: Optional[Callable[[Document], Any]] = None) -> list:
    """:func:`process_source` over several sources (the unit of work of a worker),
    each Document given to ``finish`` when there is one."""
    if finish is None:
        return [process_source(src, max_bytes, keep_text) for src in sources]
    return [finish(process_source(src, max_bytes, keep_text)) for src in sources]


def _same(doc: Document) -> Document:
    return doc


def _settle(entry, max_bytes: Optional[int], keep_text: bool, done: Callable[[Document], Any] = _same) -> list:
    """The items of a window entry. A worker process that died (killed for
    memory, a crash in a C extension) breaks every job of its pool: each document
    is run again alone in a fresh process, so that only the document that kills its
    worker is lost, as a Document with an ``internal`` error naming its file."""
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(entry, list):  # finished in this process
        return entry
    sources, fut = entry
    try:
        return fut.result()
    except BrokenProcessPool:
        pass
    except Exception:  # noqa: BLE001 - e.g. a result that cannot be pickled: find which, alone
        pass
    return [done(_alone(src, max_bytes, keep_text)) for src in sources]


def _alone(src: Source, max_bytes: Optional[int], keep_text: bool) -> Document:
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=1) as alone:
            return alone.submit(process_source, src, max_bytes, keep_text).result()
    except Exception as exc:  # noqa: BLE001
        return _failed_doc(src, exc)


def _failed_doc(src: Source, exc: BaseException) -> Document:
    from concurrent.futures.process import BrokenProcessPool

    doc = Document(id=src.doc_id, source=_source_name(src.path))
    what = " ".join(f"{type(exc).__name__}: {exc}".split())
    if isinstance(exc, BrokenProcessPool):
        what = f"the worker process died while extracting it ({what})"
    doc.errors.append(Error("internal", f"{_show(src.path)}: {what}"))
    return doc


class Spool:
    """Documents parked on disk (pickled, one after another) between extraction and
    writing, so that a batch of any size holds only the current document in memory.
    Any picklable item can be parked: the command line parks a document that linking
    cannot change as its finished JSON line.

    >>> sp = Spool(); sp.append(Document(id="a", source="a.txt")); [d.id for d in sp]
    ['a']
    """

    def __init__(self) -> None:
        self._fh = tempfile.TemporaryFile(prefix="promisemine-spool-")
        self._n = 0

    def append(self, item: Union[Document, str]) -> None:
        pickle.dump(item, self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._n += 1

    def append_pickled(self, data: bytes) -> None:
        """Park an item pickled already (``pickle.dumps(doc)``, e.g. by a worker process)."""
        self._fh.write(data)
        self._n += 1

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Union[Document, str]]:
        self._fh.seek(0)
        for _ in range(self._n):
            yield pickle.load(self._fh)

    def close(self) -> None:
        self._fh.close()


@dataclass
class Corpus:
    """The documents of a run and their tables.

    >>> import promisemine
    >>> c = promisemine.extract_corpus(["corpus/docs"])            # doctest: +SKIP
    >>> c.pledges.groupby("party").size()                           # doctest: +SKIP
    """

    docs: list[Document] = field(default_factory=list)

    # --- tables -----------------------------------------------------------------
    @property
    def documents(self):
        import pandas as pd

        rows = [
            {
                "doc_id": d.id, "source": d.source, "title": d.title, "kind": d.kind,
                "municipality": d.municipality, "years": list(d.years), "date": d.date,
                "n_sections": len(d.sections), "n_pledges": len(d.pledges),
                "n_activities": len(d.activities),
                "errors": "; ".join(f"{e.code}: {e.message}" for e in d.errors),
            }
            for d in self.docs
        ]
        return pd.DataFrame(rows, columns=["doc_id", "source", "title", "kind", "municipality", "years", "date", "n_sections", "n_pledges", "n_activities", "errors"])

    @property
    def sections(self):
        from .export import table

        return table(self.docs, "sections")

    @property
    def pledges(self):
        from .export import table

        return table(self.docs, "pledges")

    @property
    def activities(self):
        from .export import table

        return table(self.docs, "activities")

    def fulfilment(self):
        """One row per pledge: what was reported done (see :mod:`promisemine.fulfilment`)."""
        from .fulfilment import fulfilment_table

        return fulfilment_table(self.docs)

    # --- ways out -----------------------------------------------------------------
    def to_jsonl(self, path: PathLike) -> None:
        from .export import write_jsonl

        write_jsonl(self.docs, path)

    def to_csv(self, directory: PathLike) -> None:
        from .export import write_tables

        write_tables(self.docs, directory, "csv")

    def to_parquet(self, directory: PathLike) -> None:
        from .export import write_tables

        write_tables(self.docs, directory, "parquet")

    @classmethod
    def from_jsonl(cls, path: PathLike) -> "Corpus":
        from .export import document_from_dict

        docs = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    docs.append(document_from_dict(json.loads(line)))
        return cls(docs)

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self):
        return iter(self.docs)


def extract_corpus(
    paths: Union[PathLike, Iterable[PathLike]],
    n_process: int = 1,
    progress: Optional[Union[bool, Callable]] = None,
    *,
    pattern: str = "*.txt",
    max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
) -> Corpus:
    """Extract every document under ``paths`` and link across them.

    ``progress=True`` shows a tqdm bar on stderr; a callable is called with each
    finished Document.
    """
    from .linking import link_corpus

    docs = []
    bar = None
    if progress is True:
        from tqdm import tqdm

        bar = tqdm(desc="promisemine", unit="doc")
    for doc in iter_extract(paths, pattern=pattern, n_process=n_process, max_bytes=max_bytes):
        docs.append(doc)
        if bar is not None:
            bar.update(1)
        elif callable(progress):
            progress(doc)
    if bar is not None:
        bar.close()
    link_corpus(docs)
    return Corpus(docs)


def extract(text_or_path: Union[str, os.PathLike], *, doc_id: Optional[str] = None) -> Document:
    """Extract one document from a path or from text.

    >>> d = extract("Polisen lovar att:\\n\\n  • Genomföra riktade insatser mot narkotika.\\n")
    >>> d.pledges[0].party, d.pledges[0].text
    ('police', 'Genomföra riktade insatser mot narkotika.')
    """
    from .pipeline import extract_text

    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096 and os.path.isfile(text_or_path)
    ):
        path = os.fspath(text_or_path)
        items = list(iter_sources([path]))
        item = items[0]
        if isinstance(item, ReadError):
            return _error_doc(item, item)
        if doc_id:
            item = Source(item.path, item.name, doc_id)
        return process_source(item, keep_text=True)
    return extract_text(str(text_or_path), source="<text>", doc_id=doc_id or "doc")
