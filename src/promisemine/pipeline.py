"""One document through every stage: text -> sections -> metadata -> pledges -> activities.

Each stage is a plain function from records to records (see README "Design"); this
module only wires them together and turns a failure of one document into an
``errors`` entry instead of an exception, so one bad document never stops a batch.
Linking across documents happens afterwards, in :mod:`promisemine.linking`.
"""
from __future__ import annotations

import traceback
from typing import Optional

from .records import Document, Error


def extract_text(text: str, source: str = "<text>", doc_id: str = "doc", encoding: Optional[str] = None) -> Document:
    """Run the per-document stages on decoded ``text``.

    >>> d = extract_text("Uppföljning medborgarlöfte 2023 Götene\\n\\nPolisen har genomfört 42 trafikkontroller under året.\\n")
    >>> d.kind, d.years, d.activities[0].quantity.value
    ('follow_up', [2023], 42)
    """
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
