"""Plain typed records of the output contract (``shared/spec/output-format.md``).

Every extraction stage returns these dataclasses; ``to_dict`` gives the JSON shape
that ``promisemine extract`` writes. Offsets (``start``/``end``) always index the
decoded document text (``Document.text``), end exclusive.

Example: "Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar"
becomes an :class:`Activity` whose ``quantity`` is
``Quantity(text="ett 80-tal", value=80, approx=True)`` and whose ``lemma`` is
``"patrullering"``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional

Party = Literal["police", "municipality", "joint"]
Kind = Literal["promise", "follow_up", "other"]

QUANTITY_FIELDS = ("text", "value", "low", "high", "approx", "vague", "period", "duration")


def _by_fields(self) -> tuple:
    """Pickle a record as its constructor called with its fields in order.

    Pickle's default for a slotted object is a dict of slot values, set one by one when
    loaded; the constructor call takes half the time each way, which counts where
    documents travel between processes (``--jobs``) and through the command line's spool.
    """
    return (type(self), tuple([getattr(self, name) for name in self.__slots__]))


def record(cls):
    """A record class: a slotted dataclass whose fields are all constructor arguments,
    pickled by :func:`_by_fields`."""
    cls = dataclass(slots=True)(cls)
    cls.__reduce__ = _by_fields
    return cls


@record
class Quantity:
    """A normalised Swedish amount: "ett 80-tal" -> value=80, approx=True.

    ``start``/``end`` are offsets of ``text`` in the string it was found in
    (the document, for quantities attached to pledges and activities).
    """

    text: str
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    approx: bool = False
    vague: Optional[str] = None  # few | several | many | more
    period: Optional[str] = None  # ISO 8601 duration of a frequency: "P2W"
    duration: Optional[str] = None  # ISO 8601 length of time: "PT2H"
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in QUANTITY_FIELDS}
        for k in ("value", "low", "high"):
            v = d[k]
            if isinstance(v, float) and v.is_integer():
                d[k] = int(v)
        d["start"], d["end"] = self.start, self.end
        return d

    def copy(self) -> "Quantity":
        """A shallow copy (faster than ``dataclasses.replace``)."""
        return Quantity(self.text, self.value, self.low, self.high, self.approx, self.vague,
                        self.period, self.duration, self.start, self.end)


@record
class Section:
    """A heading line and the text under it (``kind`` boilerplate never yields items)."""

    id: str
    kind: Literal["content", "boilerplate"]
    heading: Optional[str]
    level: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "heading": self.heading, "level": self.level,
                "start": self.start, "end": self.end}


@record
class Block:
    """One layout unit of a section: a heading line, a paragraph or a bullet item.

    Internal to the pipeline (not part of the output contract): pledges and
    activities read blocks to know whether a text is a bullet, a list lead-in, etc.
    """

    kind: Literal["heading", "paragraph", "bullet", "boilerplate"]
    start: int  # offset of the content (after any bullet sign)
    end: int
    section_id: str
    text: str
    marker: Optional[str] = None  # the bullet sign: "•", "-", "1.", "a)"
    indent: int = 0


@record
class Sentence:
    start: int
    end: int
    text: str
    block_index: int
    section_id: str


@record
class Pledge:
    id: str
    party: Party
    text: str
    start: int
    end: int
    section_id: str
    quantity: Optional[Quantity] = None
    same_as: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        # written out field by field: dataclasses.asdict deep-copies, several times slower
        return {
            "id": self.id, "party": self.party, "text": self.text, "start": self.start, "end": self.end,
            "section_id": self.section_id, "quantity": self.quantity.to_dict() if self.quantity else None,
            "same_as": self.same_as,
        }


@record
class Activity:
    id: str
    text: str
    sentence: str
    start: int
    end: int
    section_id: str
    quantity: Optional[Quantity] = None
    lemma: Optional[str] = None
    actor: Optional[Party] = None
    pledge_id: Optional[str] = None
    link_score: Optional[float] = None
    evidence: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "sentence": self.sentence, "start": self.start, "end": self.end,
            "section_id": self.section_id, "quantity": self.quantity.to_dict() if self.quantity else None,
            "lemma": self.lemma, "actor": self.actor, "pledge_id": self.pledge_id,
            "link_score": self.link_score, "evidence": dict(self.evidence),
        }


@record
class Error:
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@record
class Document:
    id: str
    source: str
    text: str = ""
    title: Optional[str] = None
    kind: Kind = "other"
    municipality: Optional[str] = None
    years: list[int] = field(default_factory=list)
    date: Optional[str] = None
    sections: list[Section] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)
    encoding: Optional[str] = None

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "municipality": self.municipality,
            "years": list(self.years),
            "date": self.date,
            "sections": [s.to_dict() for s in self.sections],
            "pledges": [p.to_dict() for p in self.pledges],
            "activities": [a.to_dict() for a in self.activities],
            "errors": [e.to_dict() for e in self.errors],
        }
        if self.encoding:
            d["encoding"] = self.encoding
        if include_text:
            d["text"] = self.text
        return d
