"""One document through every stage: text -> sections -> metadata -> pledges -> activities.

Each stage is a plain function from records to records (see README "Design"); this
module only wires them together and turns a failure of one document into an
``errors`` entry instead of an exception, so one bad document never stops a batch.
Linking across documents happens afterwards, in :mod:`promisemine.linking`.
"""
from __future__ import annotations

import traceback
import unicodedata
from typing import Optional

import regex

from .records import Document, Error, Quantity


def extract_text(text: str, source: str = "<text>", doc_id: str = "doc", encoding: Optional[str] = None) -> Document:
    """Run the per-document stages on decoded ``text``.

    Decomposed text ("a" + a combining ring for "å", as some PDF converters and Macs
    write it) is read in its composed form (NFC), and every offset is mapped back, so
    that offsets and texts still index the text as given.

    >>> d = extract_text("Uppföljning medborgarlöfte 2023 Götene\\n\\nPolisen har genomfört 42 trafikkontroller under året.\\n")
    >>> d.kind, d.years, d.activities[0].quantity.value
    ('follow_up', [2023], 42)
    """
    if not unicodedata.is_normalized("NFC", text):
        return _extract_decomposed(text, source, doc_id, encoding)
    return _extract(text, source, doc_id, encoding)


def _extract(text: str, source: str, doc_id: str, encoding: Optional[str]) -> Document:
    from . import activities, linking, metadata, pledges, sections
    from .quantities import QuantityIndex

    doc = Document(id=doc_id, source=source, text=text, encoding=encoding)
    try:
        secs, blocks, sents = sections.segment(text, doc_id)
        doc.sections = secs
        headed = [s for s in secs if s.heading]
        doc.title = headed[0].heading if headed else None
        meta = metadata.detect(text, doc.title)
        doc.municipality, doc.years, doc.kind, doc.date = meta.municipality, meta.years, meta.kind, meta.date
        amounts = QuantityIndex(text)  # one scan of the text serves pledges and activities
        doc.pledges = pledges.extract_pledges(
            text, secs, blocks, sents, doc_kind=doc.kind, doc_id=doc_id, quantities=amounts
        )
        doc.activities = activities.extract_activities(
            text, secs, blocks, sents, doc_kind=doc.kind, doc_id=doc_id, pledges=doc.pledges, quantities=amounts
        )
        linking.link_document(doc, blocks)
    except Exception as exc:  # noqa: BLE001 - a bug must not stop a batch; it is recorded
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        doc.errors.append(
            Error("internal", f"{type(exc).__name__}: {exc} (at {tb.filename.rsplit('/', 1)[-1]}:{tb.lineno})")
        )
    return doc


_CLUSTER = regex.compile(r"\P{M}\p{M}*|\p{M}+")  # a character and the marks that follow it


def _composed(text: str) -> tuple[str, list[int]]:
    """The NFC form of ``text`` and, for every offset of it (0..len), the offset in ``text``.

    "Tra\u0308ff" → ("Träff", [0, 1, 2, 4, 5, 6]): a composed letter maps to the start of
    its decomposed cluster, the offset after it to the cluster's end.
    """
    out: list[str] = []
    where: list[int] = []
    for m in _CLUSTER.finditer(text):
        cluster = m.group()
        nfc = unicodedata.normalize("NFC", cluster)
        out.append(nfc)
        start = m.start()
        where.extend([start] * len(nfc) if len(nfc) != len(cluster) else range(start, m.end()))
    where.append(len(text))
    return "".join(out), where


def _extract_decomposed(text: str, source: str, doc_id: str, encoding: Optional[str]) -> Document:
    composed, where = _composed(text)
    doc = _extract(composed, source, doc_id, encoding)
    doc.text = text

    def back(start: int, end: int) -> tuple[int, int]:
        return where[start], where[end]

    def quantity(q: Optional[Quantity]) -> None:
        if q is not None:
            q.start, q.end = back(q.start, q.end)
            q.text = text[q.start:q.end]

    for sec in doc.sections:
        sec.start, sec.end = back(sec.start, sec.end)
    for p in doc.pledges:
        p.start, p.end = back(p.start, p.end)
        p.text = text[p.start:p.end]
        quantity(p.quantity)
    for a in doc.activities:
        a.start, a.end = back(a.start, a.end)
        a.text = text[a.start:a.end]
        quantity(a.quantity)
    return doc
