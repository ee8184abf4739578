"""Split a document into sections, layout blocks and sentences.

Municipal and police pages copied to text keep their layout only as line breaks:
a heading is a short line standing alone ("Polisen lovar:", "Trafiksäkerhet",
"Så uppfyllde polisen sitt löfte 2019"), a list is a run of lines starting with a
bullet sign ("•", "-", "–", "*", "1.", "a)"), and the page furniture ("Sök",
"null", "Javascript är inte påslaget…", contact boxes, "Om Skara kommun") must be
recognised so that it never yields pledges or activities.

The result is flat: sections never overlap and cover the document in order; each
section starts at its heading line (or at a run of boilerplate, or at the start of
the text) and ends where the next one starts. ``level`` keeps the hierarchy:
1 for the title, 2 for headings, 3 for sub-headings and list lead-ins, 0 for text
before any heading.

All offsets index the decoded text unchanged (CRLF, NBSP and soft hyphens kept).
The word lists (boilerplate lines, contact labels, abbreviations) live in ``data/``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from .prefilter import AnyOf
from .records import Block, Section, Sentence
from .wordlists import column, function_words, rows

BULLET_SIGNS = "".join(column("bullets.txt"))  # "•", "–", "▪", the Symbol font's U+F0B7 …
BULLET = regex.compile(
    rf"[ \t\u00a0]*(?P<m>[{regex.escape(BULLET_SIGNS)}]|o(?=[ \t\u00a0]+\S)"  # a sign; Word's outline "o"
    r"|\d{1,2}[.)]|[a-zA-Z]\)|\([a-z]\)"  # 1. 2) a) (b)
    r"|[ivx]{1,5}\))"  # i) ii) xiv)
    r"(?=[ \t\u00a0]|-?\p{Lu})[ \t\u00a0]*"
)
_MARKER_FIRST = BULLET_SIGNS + "o("  # what a marker can begin with, besides "1." "a)" "xiv)"
_LONE_CR = re.compile(r"\r(?!\n)")  # an old Mac line break
WORD = regex.compile(r"\w+")
PHONE_OR_ADDRESS = regex.compile(
    r"\b0\d{1,3}-\d|\b\d{3} \d{2}\b|@|www\.|https?://|\b\d{1,2}[:.]\d{2}\b|\p{Lu}\p{Ll}+(?:gatan|vägen|gränd|torget|plan|allén) \d"
)
# "Polisen lovar:", "Lokalpolisområde Karlstad kommer att:", "Tillsammans lovar vi"
LEAD_IN_VERBS = ("lovar", "lovade", "lovat", "ska", "skall", "kommer", "åtar", "åtog", "förbinder")
LEAD_IN = regex.compile(
    r"^(?:\p{Lu}[\w-]*(?: (?:och|&|samt) [\w-]+| [\p{Lu}\d][\w-]*| kommun| stad|s kommun){0,4}"
    r"|Vi|Tillsammans|Gemensamt|Parterna)"
    rf"(?: [\w-]+){{0,3}}? (?:{'|'.join(LEAD_IN_VERBS)})\b.*$",
)
# a lead-in begins with its subject, not with "I medborgarlöftet 2021 lovade vi …"
NOT_SUBJECT = function_words("preposition", "subordinator", "determiner")
NAME_LINE = regex.compile(r"^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2}$")
# the marks ending a sentence, with the quotes and brackets closing it, before white space
# or the end. In ``re``, which skips to a mark by the class the pattern opens with (a
# leading "[.!?…]+" is tried at every character instead), and with the white space of
# ``regex``'s \s (Unicode White_Space), for which it was written: str.isspace() less
# \x1c-\x1f, four separators
SENTENCE_END = re.compile(r"[.!?…][.!?…]*[\"”»')\]]*(?=[^\S\x1c-\x1f]|$)")
_TWO_SENTENCES = regex.compile(r"[.!?] \p{Lu}")  # "… slut. Nästa"
_LETTER_DIGITS_END = regex.compile(r"\p{L}\d+$")  # "Trafikregionväst103"
_SIGNATURE = regex.compile(r".+ (kommun|stad)", regex.IGNORECASE)  # "Hjo kommun"
_TERMINATED = regex.compile(r"[.!?:]$")
_SPACES = re.compile(r"\s*")  # what str.isspace() calls white space, as a run


@dataclass(slots=True)
class _Line:
    """A line with content; a blank line is None in a list of lines (it only ends a block)."""

    start: int  # content start (no leading whitespace)
    end: int  # content end (no trailing whitespace)
    raw_end: int  # end of the line without its line break
    indent: int
    text: str


@lru_cache(maxsize=1)
def _boilerplate_table() -> dict[str, AnyOf]:
    """One test per kind of furniture (line, heading, label): does any row match the
    whole line? A row is only tried when its words are in the line."""
    parts: dict[str, list[str]] = {"line": [], "heading": [], "label": []}
    for pattern, kind, *_ in rows("boilerplate.tsv"):
        parts[kind].append(pattern)
    return {k: AnyOf(v) for k, v in parts.items()}


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(column("abbreviations.txt"))


@lru_cache(maxsize=8192)  # a line is asked about up to three times; "Sök", "Dela" recur across pages
def _matches(kind: str, text: str) -> bool:
    t = " ".join(text.split()).rstrip(" .")
    return _boilerplate_table()[kind].fullmatch(t)


def is_boilerplate_line(text: str) -> bool:
    """True for a line of site furniture: "Sök", "null", "Skriv ut", "Tel: 114 14"."""
    return _matches("line", text) or _matches("label", text)


def _split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their breaks ("\\r\\n", "\\r" or "\\n"), except that a
    line ended by "\\r\\n" keeps its "\\r"; a break at the very end opens no further line.

    One ``str.split`` at "\\n" finds them, once a lone "\\r" (old Mac text) has been read as
    "\\n" in a copy of the same length: "a\\r\\nb\\rc\\n" → ["a\\r", "b", "c"].
    """
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    pieces = text.split("\n")
    if not pieces[-1]:
        pieces.pop()  # "" after a final break, or the empty text
    return pieces


def _lines(text: str) -> list[Optional[_Line]]:
    """The lines of ``text``, None for a blank one; each line but the last is followed by
    one "\\n" in the split copy, so that offsets add up."""
    out: list[Optional[_Line]] = []
    s = 0
    for piece in _split_lines(text):
        left = piece.lstrip()
        if left:
            indent = len(piece) - len(left)
            content = left.rstrip()  # without the "\r" of a "\r\n" too
            start = s + indent
            raw_end = s + len(piece) - (1 if piece.endswith("\r") else 0)
            out.append(_Line(start, start + len(content), raw_end, indent, content))
        else:
            out.append(None)
        s += len(piece) + 1
    return out


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(column("first_names.txt"))


def _starts_with_person(t: str) -> bool:
    """ "Jan Hellnevi och …", "Anna Lindqvist, lokalpolisområdeschef": a first name
    followed by a capitalised surname."""
    words = t.split()
    return len(words) >= 2 and words[0] in _first_names() and words[1][:1].isupper()


def _is_heading(line: _Line, is_first: bool, is_last_unterminated: bool, next_same: bool) -> bool:
    """Decide whether a standalone short line is a heading.

    "Trygghetsskapande åtgärder" and "Polisen lovar att:" are headings; "Sök",
    "Telefon", "Irene Broberg", "Trafikkontroll" twice in a row (an image caption)
    and "I medborgarlöftet 2019, lovade vi från polisens sida att:" are not.
    """
    if next_same:
        return False
    t = _collapsed(line.text)
    if len(t) > 110:  # (tested early: most lines of running text are long, and end here)
        return False
    words = WORD.findall(t)
    if not words or len(words) > 12 or is_boilerplate_line(t):
        return False
    if _matches("heading", t):
        return True
    if is_last_unterminated and (len(words) < 2 or line.raw_end > line.end):
        return False  # an excerpt cut mid-line
    if not (t[0].isupper() or t[0].isdigit()) or t[0].isdigit() and not is_first:
        return False
    if t.endswith(".") and not t.endswith("..."):
        return False
    if not is_first and PHONE_OR_ADDRESS.search(t):
        return False
    if _TWO_SENTENCES.search(t) or _LETTER_DIGITS_END.search(t):
        return False  # two sentences, or a photo credit glued to a number: "Trafikregionväst103"
    if t.endswith(":"):
        if "," in t or "följande" in t.lower():
            return False
        return len(words) <= 5 or _is_lead_in(t)  # "Utfallet blev:", "Detta har vi gjort:"
    if not is_first:
        if ", " in t:
            return False
        if NAME_LINE.match(t):  # (a boilerplate heading was taken above)
            return False  # a person's name in a contact list: "Irene Broberg"
        if _starts_with_person(t):
            return False  # a photo caption: "Jan Hellnevi och Catrin Hulmarker vid ett bord …"
        if _SIGNATURE.fullmatch(t) and len(words) <= 3:
            return False  # a signature line: "Hjo kommun"
    return True


def _collapsed(text: str) -> str:
    """The stripped line ``text`` with each run of white space read as one space.

    A line of printable characters without a double space is so already — the common
    case, found by two scans in C instead of splitting into words and joining them
    (every white space but " " is unprintable): "Polisen lovar att:" is returned as it is,
    "Polisen\u00a0lovar  att:" as "Polisen lovar att:".
    """
    if text.isprintable() and "  " not in text:
        return text
    return " ".join(text.split())


def _is_lead_in(t: str) -> bool:
    """ "Polisen lovar:", "Hammarö kommun kommer att:" — a list lead-in naming its party.

    ``LEAD_IN`` is tried only on a line holding one of its verbs after a space (a cheap
    necessary condition: "Trygghetsskapande åtgärder" is passed over without it).
    """
    if not any(" " + verb in t for verb in LEAD_IN_VERBS):
        return False
    first = t.split(maxsplit=1)[0].lower()
    return first not in NOT_SUBJECT and bool(LEAD_IN.match(t.rstrip(":")))


def _level(text: str, prev_level: Optional[int], prev_was_heading: bool) -> int:
    if text.rstrip().endswith(":") or _is_lead_in(text):
        return 3
    if prev_was_heading and prev_level is not None and prev_level >= 2:
        return 3
    return 2


# a list item's line ending so continues on the next: "… i samverkan med" / "Vara kommun som …"
_CONTINUES = regex.compile(r"(?:[,;–-]|\b(?:och|samt|eller|att|som|där|när|hur|vilket|vilka|med|för|i|på|av|till|om|vid|mot|från|inom|under))$", regex.IGNORECASE)


def segment(text: str, doc_id: str = "") -> tuple[list[Section], list[Block], list[Sentence]]:
    """Split ``text`` into flat sections, layout blocks and sentences.

    >>> secs, blocks, sents = segment("Sök\\n\\nUppföljning medborgarlöfte 2023\\n\\nPolisen lovar att:\\n\\n  • Genomföra fotpatrullering.\\n")
    >>> [(s.heading, s.kind) for s in secs]
    [(None, 'boilerplate'), ('Uppföljning medborgarlöfte 2023', 'content'), ('Polisen lovar att:', 'content')]
    """
    raw_blocks = _raw_blocks(text, _lines(text))
    kinds = _classify(raw_blocks, unterminated=not text.endswith(("\n", "\r")))
    sections, blocks = _sections(text, doc_id, raw_blocks, kinds)
    return sections, blocks, _sentences(text, blocks)


def _may_open_item(t: str) -> bool:
    """Could the line content ``t`` start with a list marker? A necessary condition for
    ``BULLET`` that costs a few C calls, where most lines of running text fail: the marker
    is a sign, Word's "o" or "(a)", or its ")" or "." stands within the first few
    characters ("1.", "12)", "a)", "xiv)"). "Polisen lovar att:" cannot; "2. Öka …" can.
    """
    return t[0] in _MARKER_FIRST or ")" in t[1:6] or "." in t[1:3]


def _raw_blocks(text: str, lines: list[Optional[_Line]]) -> list[list]:
    """Group the lines into raw blocks ``[kind, lines, marker, content start]``: a list
    item ("bullet") with the lines it runs on to, or a paragraph of lines up to a blank."""
    raw_blocks: list[list] = []
    cur: Optional[list] = None
    for ln in lines:
        if ln is None:
            cur = None
            continue
        m = BULLET.match(text, ln.start - ln.indent, ln.raw_end) if _may_open_item(ln.text) else None
        if m and m.end() < ln.end:
            content_start = m.end()
            raw_blocks.append(["bullet", [ln], m.group("m"), content_start])
            cur = raw_blocks[-1]
            continue
        if cur is not None and cur[0] == "bullet":
            prev = cur[1][-1]
            runs_on = not _TERMINATED.search(prev.text)
            if ln.indent > cur[1][0].indent or (
                # a lead-in ("Kommunen ska") opens a new list, unless the item runs on ("… med")
                runs_on and (not _is_lead_in(ln.text) or _CONTINUES.search(prev.text.rstrip()))
            ):
                cur[1].append(ln)
                continue
        if cur is not None and cur[0] == "paragraph":
            cur[1].append(ln)
            continue
        raw_blocks.append(["paragraph", [ln], None, ln.start])
        cur = raw_blocks[-1]
    return raw_blocks


def _classify(raw_blocks: list[list], unterminated: bool) -> list[str]:
    """The kind of each raw block: "bullet", "heading", "boilerplate" or "paragraph"."""
    n = len(raw_blocks)
    kinds: list[str] = []
    first_content = True
    for i, (kind, blines, marker, cstart) in enumerate(raw_blocks):
        if kind == "bullet":
            kinds.append("bullet")
            first_content = False
            continue
        if all(is_boilerplate_line(l.text) for l in blines):
            kinds.append("boilerplate")
            continue
        if len(blines) == 1:
            nxt = raw_blocks[i + 1][1][0].text if i + 1 < n else None
            prv = raw_blocks[i - 1][1][-1].text if i > 0 else None
            same = (nxt == blines[0].text) or (prv == blines[0].text and i > 0 and kinds[i - 1] != "heading")
            is_last = i == n - 1 and unterminated
            if _is_heading(blines[0], first_content, is_last, same):
                kinds.append("heading")
                first_content = False
                continue
        if len(blines) > 1 and all(
            is_boilerplate_line(l.text) or PHONE_OR_ADDRESS.search(l.text) or NAME_LINE.match(l.text) or len(WORD.findall(l.text)) <= 3
            for l in blines
        ):
            kinds.append("boilerplate")  # a contact box: name, title, phone, e-mail
            continue
        kinds.append("paragraph")
        first_content = False
    return kinds


def _sections(text: str, doc_id: str, raw_blocks: list[list], kinds: list[str]) -> tuple[list[Section], list[Block]]:
    """The flat sections, opened at headings and at runs of boilerplate, and the blocks."""
    sections: list[Section] = []
    blocks: list[Block] = []
    boiler_section = False
    prev_heading_level: Optional[int] = None
    prev_was_heading = False
    seen_title = False

    def open_section(start: int, heading: Optional[str], level: int, kind: str) -> None:
        if sections:
            sections[-1].end = start
        sid = f"{doc_id}#s{len(sections)}" if doc_id else f"s{len(sections)}"
        sections.append(Section(sid, kind, heading, level, start, len(text)))

    for (kind, blines, marker, cstart), bkind in zip(raw_blocks, kinds):
        first, last = blines[0], blines[-1]
        if bkind == "heading":
            htext = text[first.start:first.end]
            if not seen_title:
                level = 1
                seen_title = True
            else:
                level = _level(htext, prev_heading_level, prev_was_heading)
            skind = "boilerplate" if _matches("heading", htext) else "content"
            open_section(first.start, htext, level, skind)
            boiler_section = skind == "boilerplate"
            prev_heading_level, prev_was_heading = level, True
        elif bkind == "boilerplate":
            if not sections or sections[-1].kind != "boilerplate":
                open_section(first.start, None, 0, "boilerplate")
            prev_was_heading = False
        else:
            if not sections:
                open_section(0, None, 0, "content")
            elif sections[-1].kind == "boilerplate" and not boiler_section:
                open_section(first.start, None, 0, "content")
            prev_was_heading = False
        sid = sections[-1].id
        btype = "boilerplate" if sections[-1].kind == "boilerplate" else bkind
        blocks.append(Block(btype, cstart, last.end, sid, text[cstart:last.end], marker, first.indent))
    if sections:
        sections[0].start = 0
        sections[-1].end = len(text)
    elif text:
        sections.append(Section(f"{doc_id}#s0" if doc_id else "s0", "content", None, 0, 0, len(text)))
    return sections, blocks


def _sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """The sentences of the paragraphs and list items (headings and boilerplate have none)."""
    sentences: list[Sentence] = []
    for bi, b in enumerate(blocks):
        if b.kind in ("paragraph", "bullet"):
            for s, e in split_sentences(text, b.start, b.end):
                sentences.append(Sentence(s, e, text[s:e], bi, b.section_id))
    return sentences


def split_sentences(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, Swedish abbreviations respected.

    "Bl.a. har vi närvarat i Nossebro tätort genom fotpatrull vid ca 35 tillfällen.
    Extra fokus …" splits after "tillfällen." only: "Bl.a." and "ca" do not end a
    sentence, nor does "11 st." before a lower-case word.
    """
    end = len(text) if end is None else end
    abbr = abbreviations()
    spans = []
    s = start
    # skip leading whitespace
    while s < end and text[s].isspace():
        s += 1
    for m in SENTENCE_END.finditer(text, s, end):
        e = m.end()
        nxt = _SPACES.match(text, e, end).end()  # the next word (re's \s is str.isspace)
        if nxt >= end:
            break
        following = text[nxt]
        if following.islower():
            continue  # a lower-case word never starts a sentence: "ca 35 st. under året"
        if m.group().startswith("."):
            # the token before the dot, looked at only where the next word could start a
            # sentence (an abbreviation before a lower-case word was passed over above)
            # (walked back from the dot, not split off a copy of the sentence so far: a
            # paragraph of "Bl.a. Ca. …" would copy it again at every dot)
            tok_start = e
            while tok_start > s and not text[tok_start - 1].isspace():
                tok_start -= 1
            if text[tok_start:e].lower().lstrip("(\"'”»") in abbr:
                continue
        spans.append((s, e))
        s = nxt
    if s < end:
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans
