"""One document through every stage: text -> sections -> metadata -> pledges -> activities.

Each stage is a plain function from records to records (see README "Design"); this
module only wires them together and turns a failure of one document into an
``errors`` entry instead of an exception, so one bad document never stops a batch.
Linking across documents happens afterwards, in :mod:`promisemine.linking`.
"""
from __future__ import annotations

import bisect
import re
import traceback
import unicodedata
from collections.abc import Sequence
from typing import Optional

import regex

from .records import Document, Error, Section


def extract_text(text: str, source: str = "<text>", doc_id: str = "doc", encoding: Optional[str] = None) -> Document:
    """Run the per-document stages on decoded ``text``.

    Decomposed text ("a" + a combining ring for "å", as some PDF converters and Macs
    write it) is read in its composed form (NFC), invisible characters inside words
    (soft hyphens, zero-width spaces) are skipped, ligatures ("ﬁ") spelt out and no-break
    or repeated spaces between words read as one space; every offset is mapped back, so
    that offsets and texts still index the text as given.

    >>> d = extract_text("Uppföljning medborgarlöfte 2023 Götene\\n\\nPolisen har genomfört 42 trafikkontroller under året.\\n")
    >>> d.kind, d.years, d.activities[0].quantity.value
    ('follow_up', [2023], 42)
    """
    if _needs_reading_form(text):
        return _extract_mapped(text, source, doc_id, encoding)
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


# What the stages read differently from the text as given (each kept offset-true by a map):
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-widths, word joiner, BOM
_LIGATURES = "\ufb00-\ufb06"  # PDF text: "ﬁnns" reads "finns", "trafﬁk" "trafik"
_ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"  # no-break and other typographic spaces
_HSPACE = rf"[ \t{_ODD_SPACES}]"  # spaces within a line (line breaks, form feeds are layout: kept)
_SPACES_BETWEEN_WORDS = rf"(?<=\S){_HSPACE}{{2,}}(?=\S)"  # two or more: one space
# Markdown from an HTML converter: "## Polisen lovar att" is a heading line, "**…**" bold
_MARKUP = r"(?m:^[ \t]*\#{1,6}[ \t]+)|\*\*"
# runs first: "a\u00a0\u00a0b" is one run, not two no-break spaces
_EDIT_PLAIN = re.compile(rf"{_SPACES_BETWEEN_WORDS}|[{_INVISIBLE}{_LIGATURES}{_ODD_SPACES}]|{_MARKUP}")
_MARKUP_RE = re.compile(_MARKUP)
# decomposed text: a letter with its combining marks, or a letter that NFC replaces on its
# own (the Ångström sign "\u212b" for "Å"), is composed
_EDIT = regex.compile(rf"\P{{M}}\p{{M}}+|\p{{NFC_QC=N}}|{_EDIT_PLAIN.pattern}")
_ODD_CHAR = re.compile(rf"[{_INVISIBLE}{_LIGATURES}{_ODD_SPACES}]")
_SPACE_RUN = re.compile(rf"\S{_HSPACE}{{2,}}\S")
# the same once no odd space is left and there is no tab: two plain spaces, a literal that
# the regex engine finds by a fast string search instead of trying every position
_PLAIN_SPACE_RUN = re.compile(r"  (?<=\S  ) *+(?=\S)")
# _EDIT_PLAIN without Markdown, written to begin with the class of every edit's first
# character, so that the regex engine skips from one space or odd character to the next:
# a run of spaces between words (its first character and at least one more), or one odd character
_EDIT_SPACES = re.compile(
    rf"[ \t{_ODD_SPACES}{_INVISIBLE}{_LIGATURES}]"
    rf"(?:(?<=\S{_HSPACE}){_HSPACE}+(?=\S)|(?<=[{_INVISIBLE}{_LIGATURES}{_ODD_SPACES}]))"
)


def _needs_reading_form(text: str) -> bool:
    """Does the text hold anything the stages read differently? (cheap tests first)"""
    if not unicodedata.is_normalized("NFC", text) or _ODD_CHAR.search(text):
        return True
    if ("#" in text or "**" in text) and _MARKUP_RE.search(text):
        return True
    if "\t" in text:
        return _SPACE_RUN.search(text) is not None
    return "  " in text and _PLAIN_SPACE_RUN.search(text) is not None  # no odd spaces here


def _edits_of(text: str) -> re.Pattern | regex.Pattern:
    """The pattern of the pieces of ``text`` that the reading form changes: the fastest
    one that finds in this text the same pieces as the general one.

    ``_EDIT_PLAIN`` tries its every branch at every position. In composed text (NFC)
    without Markdown ``_EDIT_SPACES`` finds the same pieces from a character class, and
    without odd characters and tabs too the only pieces are runs of plain spaces between
    words ("Polisen  lovar"), which ``_PLAIN_SPACE_RUN`` finds by a fast string search.
    (A branch that cannot match in a text changes nothing by its absence.)
    """
    if not unicodedata.is_normalized("NFC", text):
        return _EDIT
    if "#" in text or "**" in text:
        return _EDIT_PLAIN
    if "\t" in text or _ODD_CHAR.search(text):
        return _EDIT_SPACES
    return _PLAIN_SPACE_RUN


def _replacement(piece: str) -> str:
    if piece.isspace() and len(piece) > 1:
        return " "
    if piece == "**" or piece.lstrip(" \t").startswith("#"):
        return ""  # Markdown: the text stays, the markup goes
    c, marks = piece[0], piece[1:]  # marks: combining marks that followed an odd character
    if c in _INVISIBLE:
        return marks
    if "\ufb00" <= c <= "\ufb06":
        return unicodedata.normalize("NFKC", c) + marks
    if c.isspace():
        return " " + marks
    return unicodedata.normalize("NFC", piece)


class _OffsetMap(Sequence):
    """Where each offset of the reading form starts (``ends=False``) or ends (``ends=True``)
    in the text as given, found by bisection over the edits instead of one list entry per
    character: a document is mapped at a few dozen offsets, but is thousands long.

    ``edits`` are (offset in the reading form, length there, start, end in the text) of each
    changed piece, in text order. Outside them an offset is shifted by the length change of
    the edits before it; inside a piece of unchanged length each character maps to its own
    character, inside any other piece to the piece's start (a start) or end (an end).
    """

    def __init__(self, edits: list[tuple[int, int, int, int]], size: int, ends: bool) -> None:
        self._edits = edits
        self._at = [e[0] for e in edits]
        self._size = size  # length of the reading form
        self._ends = ends

    def __len__(self) -> int:
        return self._size + 1

    def __getitem__(self, i: int) -> int:  # type: ignore[override]  # no slices
        if i < 0:
            i += self._size + 1
        if not 0 <= i <= self._size:
            raise IndexError(i)
        if self._ends:
            if i == 0:
                return 0
            i -= 1  # the end of a span is the end of its last character
        k = bisect.bisect_right(self._at, i) - 1
        if k < 0:
            pos = i  # before the first edit: unchanged
        else:
            c, n, q, r = self._edits[k]
            if i >= c + n:
                pos = r + (i - c - n)  # after the piece: unchanged, shifted
            elif n == r - q:
                pos = q + (i - c)
            else:
                return r if self._ends else q
        return pos + 1 if self._ends else pos


def _reading_form(text: str) -> tuple[str, _OffsetMap, _OffsetMap]:
    """The text as the stages read it — composed (NFC), without invisible characters,
    ligatures spelt out, one plain space between words — and, for every offset of it
    (0..len), where a span starting / ending there starts / ends in ``text``.

    "Tra\u0308ff" → "Träff", starts [0, 1, 2, 4, 5, 6]: a composed letter starts where its
    decomposed cluster starts, and a span ending after it ends after the cluster.
    "trafik\u00adkontroll" → "trafikkontroll": the soft hyphen is skipped.
    """
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    size = 0  # length of the reading form so far
    prev = 0
    for m in _edits_of(text).finditer(text):
        q, r = m.span()
        piece = m.group()
        new = _replacement(piece)
        if new == piece:
            continue
        out.append(text[prev:q])  # unchanged: every offset maps to itself (shifted)
        size += q - prev
        out.append(new)
        edits.append((size, len(new), q, r))
        size += len(new)
        prev = r
    out.append(text[prev:])
    size += len(text) - prev
    return "".join(out), _OffsetMap(edits, size, ends=False), _OffsetMap(edits, size, ends=True)


def reading_text(text: str) -> str:
    """The text as the stages read it, without the offset maps: what cross-document
    comparisons (linking a follow-up to a promise) should compare.

    >>> reading_text("trafik\u00adkontroller i\u00a0Skara")
    'trafikkontroller i Skara'
    """
    return _reading_form(text)[0] if _needs_reading_form(text) else text


def _extract_mapped(text: str, source: str, doc_id: str, encoding: Optional[str]) -> Document:
    """Extract from the reading form of ``text`` and map every offset back to ``text``."""
    clean, starts, ends = _reading_form(text)
    doc = _extract(clean, source, doc_id, encoding)
    doc.text = text

    def back(item) -> None:
        item.start, item.end = starts[item.start], max(starts[item.start], ends[item.end])
        item.text = text[item.start:item.end]

    def as_given(part: Optional[str], near: int) -> Optional[str]:
        """A heading or sentence of the reading form as it stands in ``text``."""
        if not part:
            return part
        k = clean.find(part, near)
        return part if k < 0 else text[starts[k]:max(starts[k], ends[k + len(part)])]

    for sec in doc.sections:  # boundaries by one map, so that sections stay contiguous
        sec.heading = as_given(sec.heading, sec.start)
        sec.start, sec.end = starts[sec.start], starts[sec.end]
    headed = [sec for sec in doc.sections if sec.heading]
    doc.title = headed[0].heading if headed else None
    for a in doc.activities:
        a.sentence = as_given(a.sentence, max(0, a.start - len(a.sentence)))
    if doc.sections:
        doc.sections[0].start, doc.sections[-1].end = 0, len(text)
    elif text:  # nothing but invisible characters: one section, as for any text
        doc.sections.append(Section(f"{doc_id}#s0" if doc_id else "s0", "content", None, 0, 0, len(text)))
    for item in doc.pledges + doc.activities:
        back(item)
        if item.quantity is not None:
            back(item.quantity)
    return doc
