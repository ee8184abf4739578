"""The Swedish quantity grammar: find and normalise amounts, frequencies and durations.

Pledges and activities in medborgarlöften are counted in everyday Swedish, and a count is
only useful once it is a number. This module turns the surface forms into
:class:`~promisemine.records.Quantity` records::

    "ett 80-tal"                  -> value=80, approx=True
    "64 stycken", "Sex stycken"   -> value=64, value=6
    "Trettiosju (37)"             -> value=37
    "omkring 85 stycken"          -> value=85, approx=True
    "minst 50", "drygt 1700"      -> low=50, low=1700
    "högst fem", "knappt 20"      -> high=5, high=20
    "10–15", "mellan 5 och 10"    -> low=10, high=15 / low=5, high=10
    "vid minst ett tillfälle"     -> low=1
    "ett flertal", "många"        -> vague="several", vague="many"
    "varannan vecka"              -> period="P2W"
    "Vid 5 tillfällen per vecka"  -> value=5, period="P1W"
    "två timmars tid"             -> value=2, duration="PT2H"

and it refuses numbers that are not amounts: years ("under 2019", "2023/2024"), dates
("4 februari 2019"), clock times ("kl. 07.30-16.00"), ages ("personer över 18 år"), school
years ("årskurs 7"), phone numbers and postal codes ("Tel: 114 14", "544 81 Hjo"), street
addresses ("Torggatan 2"), ordinals ("1:e"), list markers ("1." at a line start),
percentages ("50 %") and identifiers ("E4", "Trafikregionväst103").

The vocabulary is data: every word list (number words, approximators, bounds, vague words,
frequency and duration words, counters, the contexts that make a number an identifier)
is a TSV table in ``data/quantities/``; a new Swedish phrasing is a new row there, the code
below is only the grammar that combines them.

How it works: one compiled tokenizer regex (no nested quantifiers over the same
characters, possessive where it could backtrack) cuts the text into numbers, words,
punctuation and "skip" tokens (dates, times, phone numbers, ...). A left-to-right matcher
then tries, at each token, a quantity expression with bounded lookahead::

    [vid] [modifier] amount [(doubled)] [stycken|st.|duration unit [tid]|gång(er)|tillfällen]
          [period]

where *amount* is a number (digits or words, with an optional "miljoner"), a range, an
"-tal" estimate ("ett 80-tal", "ett tiotal"), a fixed phrase ("ett par") or a vague word.
Tokens are produced lazily and forgotten behind the matcher, so :func:`finditer` runs in
linear time and constant memory on arbitrarily long one-line documents.

Period merging (the span choice): a count followed by a frequency phrase in the same
clause gets that ``period`` on the same Quantity. When the frequency phrase follows the
count directly ("Vid 5 tillfällen per vecka", "en gång i månaden", "vid minst 3 tillfällen
under året") the span covers both; when words stand between them ("minst 3 medborgarmöten
i offentlig miljö per år", at most six words, no punctuation or line break in between) the
span stays on the count ("minst 3") and the frequency phrase is consumed silently.

Not supported (by choice): anaphoric amounts ("Lika många" = as many as just said), decimals
and fractions in words ("ett komma fem", "en halv"), colloquial word ranges ("ett par tre",
"tre fyra gånger"), and plain four-digit numbers 1900-2099 without a modifier or counter:
"2000 personer" is read as a year ("närmare 2000", "2000 stycken" are amounts). Comparatives
with a year ("fler än 2019") are comparisons, so "mer än 2000" yields nothing either. Ranges
carry no ``duration`` ("2-3 timmar" is low 2, high 3). "N år" is an age, not a duration,
after "över"/"under"/"från" when N is in digits ("personer över 18 år") or before
"gamla"/"och äldre"; "under tre år" stays a duration.

Bare articles: with ``articles=True``, "en"/"ett" directly followed by a word yield
``Quantity(text="en", value=1)`` (the caller decides whether it counts something), except
in "en del", "ett slags", "en av", ... (``article_blockers.tsv``) and when the article is
part of a longer expression ("ett par", "ett 80-tal", "en gång i månaden").
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple, Optional, Union

import regex

# The patterns use possessive quantifiers (no backtracking): the standard ``re`` has them
# since Python 3.11 and is faster; the ``regex`` package provides them on 3.10.
_re = re if sys.version_info >= (3, 11) else regex

from .records import Quantity

__all__ = ["parse", "find", "finditer"]

DATA_DIR = Path(__file__).resolve().parent / "data" / "quantities"

Number = Union[int, float]

# --------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------

_SP = r"[\x20\u00a0\u202f\u2009]"  # a space inside a number: "1 500", "1\u00a0500"


def _latin1_letters() -> str:
    """A class of the Latin-1 letters ("a", "ö", "é"): those ``[^\\W\\d_]`` matches, found
    with that category class itself, written out as characters below 256.

    The engine tests ``[^\\W\\d_]`` by Unicode category lookups, character by character;
    a class of explicit characters below 256 is one bitmap test.
    """
    letter = _re.compile(r"[^\W\d_]")
    latin1 = "".join(c for c in map(chr, range(256)) if letter.match(c))
    return "[" + "".join(f"\\x{ord(c):02x}" for c in latin1) + "]"


_LATIN1 = _latin1_letters()
# A run of letters (``[^\W\d_]++``) that tests most letters against the bitmap: both
# alternatives match exactly the same maximal run ("Trafikkontroller", "Måndag", "Ωmega").
_LETTER_RUN = rf"(?:{_LATIN1}++[^\W\d_]*+|[^\W\d_]++)"
_WORD_BRANCH = rf"(?P<word>{_LETTER_RUN})(?!\w)"
_TOKEN_RE = _re.compile(
    rf"""
    (?P<ws>\s*+)      # the whitespace before a token: one match per token, not two
    (?:
    {_WORD_BRANCH}   # most tokens; no other kind starts with a letter
  | (?P<skip>
        [0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}(?![0-9])                        # 2019-02-04
      | \+[0-9]{{1,3}}(?:[\x20\u00a0-]?[0-9]++)++                          # +46 503 350 00
      | 0[0-9]{{1,3}}[-–]\x20?[0-9]++(?:[\x20\u00a0][0-9]{{2,3}}(?![0-9]))*+   # 0503-350 00
      | (?:19|20)[0-9]{{2}}\x20?[-–/]\x20?(?:(?:19|20)[0-9]{{2}}|[0-9]{{2}})(?![0-9])  # 2020-21
      | [0-9]{{1,2}}[:.][0-9]{{2}}(?:\x20?[-–]\x20?[0-9]{{1,2}}[:.][0-9]{{2}})?(?![0-9])  # 07.30-16.00
      | [0-9]++(?:\.[0-9]++)++                                            # 3.2.1
      | [0-9]++/[0-9]++(?:/[0-9]++)?                                      # 22/3
      | [0-9]{{3}}{_SP}[0-9]{{2}}(?![0-9])                                 # 544 81, 114 14
      | [0-9]++:[^\W\d_]++                                                # 1:e, 3:e
      | [0-9]++-(?!tal(?![\w-]))[^\W\d_][\w-]*+                           # 15-åringar, 80-talet
    )
  | (?P<tal>[0-9]++-tal)(?![\w-])                                         # 80-tal
  | (?P<num>(?:[0-9]{{1,3}}(?:{_SP}[0-9]{{3}}(?![0-9])(?!{_SP}[0-9]{{2}}(?![0-9])))++|[0-9]++)
            (?:,[0-9]++)?)(?:(?!\w)|(?=st\b))                            # 64, 1 500, 1,23, 3st
  | (?P<ident>\w++)                                                       # E4, väst103
  | (?P<punct>[^\w\s])
  | \Z               # whitespace at the end: one match, not one attempt per position
    )
    """,
    _re.VERBOSE,
)

SKIP, TAL, NUM, WORD, IDENT, PUNCT = range(6)
_KINDS = {"skip": SKIP, "tal": TAL, "num": NUM, "word": WORD, "ident": IDENT, "punct": PUNCT}
# token kind by regex group number (-1: the whitespace group, matched alone only at the end)
_KIND_OF_GROUP = [-1] * (_TOKEN_RE.groups + 1)
for _name, _index in _TOKEN_RE.groupindex.items():
    _KIND_OF_GROUP[_index] = _KINDS.get(_name, -1)
del _name, _index


class _Tok(NamedTuple):
    kind: int
    start: int
    end: int
    low: str  # lower-cased surface
    raw: str
    gap: bool  # whitespace between the previous token and this one
    nl: int  # line breaks in that whitespace (0, 1, 2 = blank line or more)

    @property
    def ordinary(self) -> bool:
        """A word on the line of the token before it, one that neither an amount nor a
        frequency phrase can start at ("medborgarmöten", "offentlig"); a field of
        :class:`_Info`, the token of a one-piece text."""
        return self.kind == WORD and not self.nl and not _may_start(self.low)


_new_tok = tuple.__new__  # builds a _Tok without NamedTuple's argument handling
_CHUNK = 256  # tokens produced at a time by the match-by-match tokenizer
_PIECE = 8192  # characters tokenized at once (up to the next line break)
_MAX_PIECE = 1 << 16  # a longer line is tokenized match by match, in constant memory
# the start of a whitespace run holding a line break: no token spans it, so the text can
# be cut there (the run, which says how many lines a token is from the previous one,
# stays whole with the token after it)
_CUT = _re.compile(r"(?<=\S)[^\S\r\n]*[\r\n]")


def _token_chunks(text: str, find_starts: bool = True) -> Iterator[tuple[list[_Tok], list[int]]]:
    """Tokenize ``text`` lazily, a piece of some thousand characters at a time.

    Every non-space character belongs to some token; whitespace is not a token but is
    recorded on the token after it (``gap``, ``nl``). With each chunk come the positions
    (within the chunk) of the tokens an expression can start at — digits, "-tal" words,
    number words and the starter words of the tables — so the scanner jumps from one to
    the next instead of visiting every ordinary word.
    """
    n = len(text)
    pos = 0
    while pos < n:
        cut = _CUT.search(text, pos + _PIECE) if pos + _PIECE < n else None
        end = cut.start() if cut else n
        if end - pos > _MAX_PIECE:
            yield from _match_chunks(text, pos, end, find_starts)
        else:
            yield _piece_tokens(text, pos, end, find_starts)
        pos = end


def _piece_tokens(text: str, pos: int, end: int, find_starts: bool) -> tuple[list[_Tok], list[int]]:
    """The tokens of ``text[pos:end]`` at once (``findall`` does the matching in C)."""
    out: list[_Tok] = []
    starts: list[int] = []
    append = out.append
    known = _WORDS.get
    for ws, word, skip, tal, num, ident, punct in _TOKEN_RE.findall(text, pos, end):
        if not ws:
            gap, nl = False, 0
        elif ws == " ":  # most tokens
            pos += 1
            gap, nl = True, 0
        else:
            pos += len(ws)
            gap = True
            nl = min(2, max(ws.count("\n"), ws.count("\r"))) if ("\n" in ws or "\r" in ws) else 0
        if word:  # most tokens: one dict lookup, no branches below
            if find_starts:
                low, may_start = known(word) or _word_info(word)
                if may_start:
                    starts.append(len(out))
            else:  # the phrase tables, tokenized before _may_start can answer
                low = word.lower()
            start = pos
            pos += len(word)
            append(_new_tok(_Tok, (WORD, start, pos, low, word, gap, nl)))
            continue
        if punct:
            raw, k = punct, PUNCT
            low = raw
        elif num:
            raw = low = num
            k = NUM
            if find_starts:
                starts.append(len(out))
        elif skip:
            raw, k = skip, SKIP
            low = raw.lower()
        elif tal:
            raw, k = tal, TAL
            low = raw.lower()
            if find_starts:
                starts.append(len(out))
        elif ident:
            raw, k = ident, IDENT
            low = raw.lower()
        else:
            break  # whitespace at the end
        start = pos
        pos += len(raw)
        append(_new_tok(_Tok, (k, start, pos, low, raw, gap, nl)))
    return out, starts


# word -> (lower case, _may_start), see _word_info; "" (no word) is never a start
_WORDS: dict[str, tuple[str, bool]] = {"": ("", False)}
_MAX_WORDS = 1 << 16


def _word_info(word: str) -> tuple[str, bool]:
    """The lower-case form of a word token and whether an expression may start at it,
    remembered per word (a document repeats its words; the table is emptied when full)."""
    low = word.lower()
    info = (low, _may_start(low))
    if len(_WORDS) >= _MAX_WORDS:
        _WORDS.clear()
        _WORDS[""] = ("", False)
    _WORDS[word] = info
    return info


def _plain_token_re() -> _re.Pattern:
    """The tokenizer without its groups: ``findall`` then gives each token as one string,
    the whitespace before it included (" möten", "\\n\\n2019"), and makes no tuple of
    seven strings per token.

    It cuts the text exactly where :data:`_TOKEN_RE` does but need not tell the kinds
    apart (:func:`_token_info` does, once per string), so a token at a letter is simply
    the run of ``\\w`` there: a word when all letters, else an identifier ("väst103"),
    the two branches of ``_TOKEN_RE`` that start with a letter. That spares the lookahead
    after each word.
    """
    letter_first = rf"(?:{_LATIN1}++|[^\W\d_])\w*+"
    assert _WORD_BRANCH in _TOKEN_RE.pattern
    pattern = _re.sub(r"\(\?P<\w+>", "(?:", _TOKEN_RE.pattern.replace(_WORD_BRANCH, letter_first))
    plain = _re.compile(pattern, _TOKEN_RE.flags)
    assert plain.groups == 0
    return plain


_PLAIN_TOKEN_RE = _plain_token_re()


class _Info(NamedTuple):
    """What a token string of :data:`_PLAIN_TOKEN_RE` (whitespace + token) says, all of it
    a function of the string: " möten" is a word "möten" after a space, no start."""

    kind: int
    low: str  # lower-cased surface
    raw: str  # the token without the whitespace before it
    gap: bool
    nl: int
    may_start: bool  # an expression may start here (digits, "-tal", a starter word)
    opens: bool  # an amount or a modifier may start here (see _may_open_amount)
    ordinary: bool  # a word on the line of the token before it, no start (see ordinary)


# token string (whitespace + token) -> _Info, see _token_info
_INFOS: dict[str, _Info] = {}


def _token_info(string: str, text: str, pos: int) -> _Info:
    """The :class:`_Info` of a token string of :data:`_PLAIN_TOKEN_RE` that begins at
    ``text[pos]``, remembered by the string (the table is emptied when full).

    The string alone decides the kind, since no token string can be matched by two
    branches of the tokenizer: a run of letters is a word, a run of \\w with a digit or
    "_" an identifier, digits (with spaces of thousands or a decimal comma) a number,
    digits + "-tal" an estimate, other shapes with a digit or "+" skipped (dates, times,
    phone numbers), any other character punctuation (tested:
    ``test_quantities_token_kind_follows_from_the_string``). A word ("trygghetsvandring",
    most strings not seen before) is known by ``isalpha``, a subset of the tokenizer's
    letters; any other string is read again with the grouped :data:`_TOKEN_RE`.
    """
    raw = string.lstrip()  # (str.isspace and the regex's \\s are the same characters)
    if raw.isalpha():
        kind, ws = WORD, string[: len(string) - len(raw)]
    else:
        m = _TOKEN_RE.match(text, pos)
        group = m.lastindex
        kind, ws, raw = _KIND_OF_GROUP[group], m.group(1), m.group(group)
    low = raw if kind == NUM or kind == PUNCT else raw.lower()
    nl = min(2, max(ws.count("\n"), ws.count("\r"))) if ("\n" in ws or "\r" in ws) else 0
    starter = _may_start(low)
    info = tuple.__new__(_Info, (
        kind, low, raw, bool(ws), nl,
        kind == NUM or kind == TAL or (kind == WORD and starter),
        kind == NUM or kind == TAL or starter,
        kind == WORD and not starter and not nl,
    ))
    if len(_INFOS) >= _MAX_WORDS:
        _INFOS.clear()
    _INFOS[string] = info
    return info


# what follows the infos of a one-piece text: the scanner reads at most a few tokens past
# the last one (a number's "(37)", a counter's dot) and one before the first (index -1,
# the last of these), and finds None there, as outside any text
_PAD = (None,) * 16

_MAY_START = operator.itemgetter(_Info._fields.index("may_start"))  # faster than by name


def _lazy_tokens(text: str) -> tuple[list[Optional[_Info]], list[int], list[str]]:
    """The tokens of a text of at most ``_PIECE`` characters, as their :class:`_Info`
    followed by ``_PAD``; the indices of the tokens an expression may start at; and the
    token strings (whitespace + token), whose lengths give the offsets (see
    :meth:`_Stream._summed_end`).

    ``findall`` of the group-free tokenizer cuts the text and the token strings are looked
    up in :data:`_INFOS`, all in C: only a string not seen before is read again, with the
    groups (:func:`_token_info`). An :class:`_Info` serves the scanner as a token: it has
    the fields of a :class:`_Tok` but the offsets, which are summed only for the few
    tokens a quantity begins or ends at, so no token is made and no offset is summed for
    the rest of the text.

    The starts are those of :func:`_piece_tokens` less the words that
    :meth:`_Scanner.scan` would pass over at once because the next word fails their
    ``_NEXT_WORD_GATES`` entry (the same test, on the infos): most starts in running
    text are such words, and the scanner never looks at them or the word after them.
    """
    found = _PLAIN_TOKEN_RE.findall(text)
    while found and (not found[-1] or found[-1].isspace()):
        found.pop()  # the whitespace at the end (the \Z branch), and an empty match after it
    infos = list(map(_INFOS.get, found))
    if not all(infos):  # (an _Info is a non-empty tuple) a token string not seen before
        k = infos.index(None)
        pos = sum(map(len, found[:k]))  # where token string k begins
        while True:
            string = found[k]
            infos[k] = _INFOS.get(string) or _token_info(string, text, pos)
            try:
                nxt = infos.index(None, k + 1)
            except ValueError:
                break
            pos += sum(map(len, found[k:nxt]))
            k = nxt
    n = len(infos)
    gates = _NEXT_WORD_GATES
    kept = []
    for k in itertools.compress(range(n), map(_MAY_START, infos)):
        info = infos[k]
        gate = gates.get(info.low) if info.kind == WORD else None
        if gate is not None:
            if k + 1 >= n:
                continue
            nxt = infos[k + 1]
            if not (nxt.low in gate[0] or (gate[1] and nxt.opens)):
                continue
        kept.append(k)
    infos.extend(_PAD)
    return infos, kept, found


def _match_chunks(text: str, pos: int, end: int, find_starts: bool) -> Iterator[tuple[list[_Tok], list[int]]]:
    """The tokens of ``text[pos:end]`` match by match, ``_CHUNK`` at a time (a giant line)."""
    chunk: list[_Tok] = []
    starts: list[int] = []
    kinds = _KIND_OF_GROUP
    for m in _TOKEN_RE.finditer(text, pos, end):
        g = m.lastindex
        k = kinds[g]
        if k < 0:
            continue  # whitespace at the end
        ws = m.group(1)
        if ws:
            gap = True
            nl = min(2, max(ws.count("\n"), ws.count("\r"))) if ("\n" in ws or "\r" in ws) else 0
        else:
            gap, nl = False, 0
        raw = m.group(g)
        low = raw.lower()
        if find_starts and (k == NUM or k == TAL or (k == WORD and _may_start(low))):
            starts.append(len(chunk))
        start, stop = m.span(g)
        chunk.append(_new_tok(_Tok, (k, start, stop, low, raw, gap, nl)))
        if len(chunk) >= _CHUNK:
            yield chunk, starts
            chunk, starts = [], []
    if chunk:
        yield chunk, starts


def _tokens(text: str) -> Iterator[_Tok]:
    """Tokenize ``text`` lazily, one token at a time (see :func:`_token_chunks`)."""
    for chunk, _ in _token_chunks(text, find_starts=False):
        yield from chunk


class _Stream:
    """Random access to a lazily produced token sequence, forgetting what lies behind.

    The matcher looks at most a few tokens back and a bounded number ahead, so keeping a
    small window makes scanning a 50 MB one-line document use constant memory.
    """

    KEEP = 16

    def __init__(self, text: str) -> None:
        self._buf: list[_Tok] = []
        self._base = 0
        self._next = 0  # first entry of _starts not yet handed out
        if len(text) <= _PIECE:
            # one piece (nearly every document): its token infos serve as tokens, and
            # nothing ever needs forgetting
            infos, self._starts, self._found = _lazy_tokens(text)
            self.get = infos.__getitem__  # None past the text and at -1: see _PAD
            self.end = self._summed_end
            self._at = (-1, 0)  # a token index and the offset where it ends
            self._it = iter(())
            self._done = True
            self._small = True
            return
        self.end = self._token_end
        self._it = _token_chunks(text)
        self._done = False
        self._starts: list[int] = []  # token indices where an expression may start
        self._fill()
        if self._done or not self._fill():
            # a longer text that is still one piece (no line break after its first 8 KB):
            # a dict's get is the cheapest "token or None", and nothing needs forgetting
            self.get = dict(enumerate(self._buf)).get
            self._small = True
        else:
            self.get = self.__getitem__
            self._small = False

    def _fill(self) -> bool:
        got = next(self._it, None)
        if got is None:
            self._done = True
            return False
        chunk, starts = got
        offset = self._base + len(self._buf)
        self._starts.extend(offset + j for j in starts)
        self._buf.extend(chunk)
        return True

    def __getitem__(self, i: int) -> Optional[_Tok]:
        j = i - self._base
        buf = self._buf
        if 0 <= j < len(buf):
            return buf[j]
        if j < 0:
            return None
        while j >= len(buf) and not self._done:
            self._fill()
        return buf[j] if j < len(buf) else None

    def _summed_end(self, k: int) -> int:
        """The offset where token ``k`` of a one-piece text ends: the lengths of its token
        strings summed from the token asked about last (quantities are found left to
        right, so each string is summed about once)."""
        j, e = self._at
        if k >= j:
            e += sum(map(len, self._found[j + 1 : k + 1]))
        else:
            e -= sum(map(len, self._found[k + 1 : j + 1]))
        self._at = (k, e)
        return e

    def _token_end(self, k: int) -> int:
        """The offset where token ``k`` (made, buffered) ends."""
        return self.get(k).end

    def start(self, k: int) -> int:
        """The offset where token ``k`` begins."""
        return self.end(k) - len(self.get(k).raw)

    def next_start(self, i: int) -> Optional[int]:
        """The first token index >= ``i`` where an expression may start, or None."""
        while True:
            starts = self._starts
            k = self._next
            while k < len(starts) and starts[k] < i:
                k += 1
            self._next = k
            if k < len(starts):
                return starts[k]
            if self._done:
                return None
            # no start in what is buffered: the scanner will look back at most KEEP
            # tokens from the next one, so a long stretch without any is forgotten
            self.release(max(i, self._base + len(self._buf)))
            if not self._fill():
                return None

    def release(self, i: int) -> None:
        """Forget tokens well before index ``i`` (amortised)."""
        if self._small:
            return
        drop = i - self.KEEP - self._base
        if drop > 4096:
            del self._buf[:drop]
            self._base += drop
            del self._starts[: self._next]
            self._next = 0


# --------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of ``data/quantities/<name>`` as dicts (header line first, ``#`` comments)."""
    lines = [
        line
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.split("\t")]
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return rows


class _Phrase(NamedTuple):
    words: tuple[str, ...]
    glued: tuple[bool, ...]  # no space before this word in the table ("c:a", "ca.")
    data: dict


def _phrase_words(phrase: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    toks = list(_tokens(phrase.strip()))
    return tuple(t.low for t in toks), tuple(not t.gap for t in toks)


class _PhraseTable:
    """Multi-word phrases indexed by their first (or last) token, longest first."""

    def __init__(self, rows: list[dict[str, str]], key: str = "phrase", by_last: bool = False):
        self.index: dict[str, list[_Phrase]] = {}
        for row in rows:
            words, glued = _phrase_words(row[key])
            if words:
                k = words[-1] if by_last else words[0]
                self.index.setdefault(k, []).append(_Phrase(words, glued, row))
        for lst in self.index.values():
            lst.sort(key=lambda p: -len(p.words))

    def __contains__(self, word: str) -> bool:
        return word in self.index


def _load_morphemes() -> tuple[dict[str, tuple[int, str]], dict[str, int], frozenset[str]]:
    morphs: dict[str, tuple[int, str]] = {}
    scales: dict[str, int] = {}
    articles = set()
    for row in _read_tsv("numbers.tsv"):
        value = int(row["value"])
        if row["kind"] == "scale":
            scales[row["word"]] = value
        else:
            morphs[row["word"]] = (value, row["kind"])
        if row["article"] == "yes":
            articles.add(row["word"])
    return morphs, scales, frozenset(articles)


_MORPHS, _SCALES, _ARTICLES = _load_morphemes()
_MAX_MORPH = max(len(m) for m in _MORPHS)

_PHRASES = _PhraseTable(_read_tsv("phrases.tsv"))
_VAGUE = _PhraseTable(_read_tsv("vague.tsv"))
_MODS = _PhraseTable(_read_tsv("modifiers.tsv"))
_RANGES: dict[str, frozenset[str]] = {}
for _row in _read_tsv("ranges.tsv"):
    _RANGES.setdefault(_row["opener"], frozenset())
    _RANGES[_row["opener"]] = _RANGES[_row["opener"]] | {_row["connector"]}
_OCCASIONS = {r["word"]: r["role"] for r in _read_tsv("occasions.tsv")}
_COUNTERS = {r["word"]: r for r in _read_tsv("counters.tsv")}
_DURATIONS = {r["word"]: r for r in _read_tsv("durations.tsv")}
_PERIODS = _PhraseTable(_read_tsv("periods.tsv"))
_PERIOD_PREFIXES = {r["prefix"]: r for r in _read_tsv("period_prefixes.tsv")}
_PERIOD_UNITS: dict[str, tuple[str, str]] = {}
_WEEKDAYS: list[tuple[str, str]] = []
for _row in _read_tsv("period_units.tsv"):
    if _row["form"] == "weekday":
        _WEEKDAYS.append((_row["word"], _row["period"]))
    else:
        _PERIOD_UNITS[_row["word"]] = (_row["period"], _row["form"])
_ORDINALS = {r["word"]: int(r["value"]) for r in _read_tsv("ordinals.tsv")}
_NOT_BEFORE = _PhraseTable([r for r in _read_tsv("not_counts.tsv") if r["position"] == "before"], by_last=True)
_NOT_AFTER = _PhraseTable([r for r in _read_tsv("not_counts.tsv") if r["position"] == "after"])
_AGE_BEFORE = _PhraseTable([r for r in _read_tsv("ages.tsv") if r["position"] == "before"], by_last=True)
_AGE_AFTER = _PhraseTable([r for r in _read_tsv("ages.tsv") if r["position"] == "after"])
_ARTICLE_BLOCKERS = frozenset(r["word"] for r in _read_tsv("article_blockers.tsv"))
_STREET_SUFFIXES = tuple(r["suffix"] for r in _read_tsv("street_suffixes.tsv"))
del _row

# Words that can open an expression besides number words and "-tal" words: a cheap
# first test so that ordinary words cost one set lookup.
_STARTERS = frozenset(
    {w for w, role in _OCCASIONS.items() if role == "preposition"}
    | set(_MODS.index) | set(_PHRASES.index) | set(_VAGUE.index) | set(_PERIODS.index)
    | set(_PERIOD_PREFIXES) | {o for o in _RANGES if o} | _ARTICLES
)



@functools.lru_cache(maxsize=65536)
def _may_start(word: str) -> bool:
    """Can an expression start at this lower-case word? ("sex", "ett", "vid", "80-talet")"""
    return word in _STARTERS or _segment(word) is not None or word.endswith("tal")


# The first tokens of frequency phrases: anywhere else _Scanner._period_at finds nothing.
_PERIOD_FIRSTS = frozenset(set(_PERIODS.index) | set(_PERIOD_PREFIXES))

# Grammar glue, not vocabulary: punctuation that may stand inside a clause when looking
# for a trailing frequency phrase, and words joining weekday lists ("fredags- och lördags-").
_CLAUSE_PUNCT = frozenset({"-", "/", "&", '"', "'", "”", "“", "’"})
_LIST_JOINERS = frozenset({"och", "eller", "samt", ","})
_MERGE_WINDOW = 6  # words allowed between a count and its trailing frequency phrase
_MAX_NUMBER_WORDS = 8  # space-separated parts of one number ("ett hundra tjugo tre")
_MAX_DIGITS = 15


# --------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _segment(word: str) -> Optional[tuple[tuple[int, str], ...]]:
    """Split a lower-case word into number morphemes, longest first, or None.

    "etthundrafemtiotvå" -> ((1, unit), (100, hundred), (50, ten), (2, unit)).
    """
    if not word or len(word) > 60 or word[0] not in _MORPH_INITIALS:
        return None
    out = []
    p = 0
    n = len(word)
    while p < n:
        for length in range(min(_MAX_MORPH, n - p), 0, -1):
            m = _MORPHS.get(word[p : p + length])
            if m is not None:
                out.append(m)
                p += length
                break
        else:
            return None
    return tuple(out)


_MORPH_INITIALS = frozenset(m[0] for m in _MORPHS)


def _below_100(ms: tuple[tuple[int, str], ...]) -> Optional[int]:
    kinds = tuple(k for _, k in ms)
    if kinds in (("unit",), ("teen",), ("ten",)):
        return ms[0][0]
    if kinds == ("ten", "unit"):
        return ms[0][0] + ms[1][0]
    return None


def _below_1000(ms: tuple[tuple[int, str], ...]) -> Optional[int]:
    kinds = [k for _, k in ms]
    if "hundred" not in kinds:
        return _below_100(ms)
    h = kinds.index("hundred")
    head, tail = ms[:h], ms[h + 1 :]
    if head and not (len(head) == 1 and head[0][1] == "unit"):
        return None
    hundreds = (head[0][0] if head else 1) * 100
    if not tail:
        return hundreds
    rest = _below_100(tail)
    return None if rest is None else hundreds + rest


def _morphemes_value(ms: tuple[tuple[int, str], ...]) -> Optional[int]:
    """The value of a morpheme sequence under Swedish number grammar, or None."""
    if not ms:
        return None
    kinds = [k for _, k in ms]
    if "zero" in kinds:
        return 0 if len(ms) == 1 else None
    if kinds.count("thousand") > 1 or kinds.count("hundred") > 2:
        return None
    if "thousand" in kinds:
        t = kinds.index("thousand")
        head, tail = ms[:t], ms[t + 1 :]
        if head:
            left = _below_1000(head)
            if left is None or left == 0:
                return None
        else:
            left = 1
        right = _below_1000(tail) if tail else 0
        return None if right is None else left * 1000 + right
    if kinds.count("hundred") > 1:
        return None
    return _below_1000(ms)


@functools.lru_cache(maxsize=65536)
def _word_value(word: str) -> Optional[int]:
    """The value of one Swedish number word ("Åttioen" -> 81, "förtio" -> 40), or None."""
    ms = _segment(word.lower())
    return None if ms is None else _morphemes_value(ms)


def _tal_value(word: str) -> Optional[int]:
    """ "tjugotal" -> 20, "hundratal" -> 100 (not "antal", "samtal": no number before tal)."""
    if len(word) > 3 and word.endswith("tal"):
        v = _word_value(word[:-3])
        if v:
            return v
    return None


def _digits_value(s: str) -> Optional[Number]:
    """The value of a number token in digits ("64", "1 500", "1,5"), None beyond 15 digits."""
    if s.isdecimal():  # most numbers: no space of thousands, no decimal comma
        return int(s) if len(s) <= _MAX_DIGITS else None
    s = s.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    if len(s) > _MAX_DIGITS:
        return None
    if "," in s:
        return _clean(float(s.replace(",", ".")))
    return int(s)


def _clean(v: float) -> Number:
    return int(v) if float(v).is_integer() else v


def _fmt(v: Number) -> str:
    if float(v).is_integer():
        return str(int(v))
    return format(v, "f").rstrip("0").rstrip(".")


_ISO_RE = _re.compile(r"P(T?)([0-9.]+)([YMWDHS])")


def _iso_times(iso: str, n: Number) -> str:
    """``_iso_times("P1W", 2) == "P2W"``; ``_iso_times("PT1H", 1.5) == "PT1.5H"``."""
    m = _ISO_RE.fullmatch(iso)
    if m is None:
        return iso
    return f"P{m.group(1)}{_fmt(_clean(float(m.group(2)) * n))}{m.group(3)}"


def _next_word_gates() -> dict[str, tuple[frozenset[str], bool]]:
    """For starter words that never make an expression on their own: what must follow.

    Most expression starts in running text are words like "i", "som", "det" or "under"
    that open only longer phrases ("i månaden", "som minst", "det årliga", "under året",
    "under fem"), and nearly always fail. For such a word the table gives
    ``(words, amount)``: every path of :meth:`_Scanner.expression`,
    :meth:`~_Scanner.standalone_period` and :meth:`~_Scanner.article` from it needs the
    next token's lower-case text to be one of ``words`` (the second word of a phrase, an
    ordinal after "var", a unit after "i"/"per") or, if ``amount``, the next token to be
    able to start an amount or a modifier (after "vid", "mellan", a one-word modifier),
    so the scanner skips the word at once when it is neither. A word that can be a whole
    expression by itself (a number word, an article, "-tal", a one-word phrase, a prefix
    before weekday stems) has no entry and is always tried in full.
    """
    words: dict[str, set[str]] = {}
    amount: set[str] = set()
    whole: set[str] = set(_ARTICLES)  # may succeed whatever follows
    for table in (_MODS, _PHRASES, _VAGUE, _PERIODS):
        for first, phrases in table.index.items():
            for ph in phrases:
                if len(ph.words) > 1:
                    words.setdefault(first, set()).add(ph.words[1])
                elif table is _MODS:
                    amount.add(first)  # the amount after it: "under fem"
                else:
                    whole.add(first)
    for w, role in _OCCASIONS.items():
        if role == "preposition":
            amount.add(w)  # "vid" + modifier or amount
    amount.update(o for o in _RANGES if o)  # "mellan" + number
    for prefix, row in _PERIOD_PREFIXES.items():
        forms = row["forms"].split(",")
        if row["every"] == "ordinal":
            words.setdefault(prefix, set()).update(_ORDINALS)  # "var tredje"
        elif "weekday" in forms:
            whole.add(prefix)  # weekdays are stems: "varje fredagskväll"
        else:
            words.setdefault(prefix, set()).update(w for w, (_, f) in _PERIOD_UNITS.items() if f in forms)
    gates = {}
    for w in set(words) | amount:
        if w in whole or _segment(w) is not None or w.endswith("tal"):
            continue
        gates[w] = (frozenset(words.get(w, ())), w in amount)
    return gates


_NEXT_WORD_GATES = _next_word_gates()


def _may_open_amount(tok: _Tok) -> bool:
    """Can an amount or a modifier start at ``tok``? (A superset test: every token where
    :meth:`_Scanner._amount` or a modifier match can succeed passes.)"""
    return tok.kind == NUM or tok.kind == TAL or _may_start(tok.low)


def _article_gate() -> tuple[frozenset[str], frozenset[str]]:
    """The articles whose expression needs a particular next token, and those tokens.

    "en" and "ett" start most expressions tried in running text ("en trygghetsvandring",
    "ett möte"), and :meth:`_Scanner.expression` fails on nearly all of them: an article
    alone is no amount (see :meth:`_Scanner.article`). It can only give more when the
    next token continues it — a number or "-tal" word ("ett hundra", "ett 80-tal",
    "ett tiotal", see :func:`_may_open_amount`), the second word of a phrase ("ett par",
    "en hel del", a modifier), a range connector ("en till två"), a scale ("en miljon"),
    "(" ("en (1)"), a counter, a length of time, an occasion ("en gång") or a word that
    makes a number no count (``not_counts.tsv``). Returns ``(articles, followers)``: for
    those articles, :meth:`_Scanner.scan` skips the expression when the next token is
    none of these. An article that is a whole entry of a table by itself (a one-word
    phrase, a preposition, a range opener) is not gated.
    """
    followers = {"("} | set(_SCALES) | set(_COUNTERS) | set(_DURATIONS) | set(_OCCASIONS)
    followers |= _RANGES.get("", frozenset()) | set(_NOT_AFTER.index)
    gated = set(_ARTICLES) - set(_OCCASIONS) - set(_RANGES)
    for table in (_MODS, _PHRASES, _VAGUE):
        for article in _ARTICLES:
            for ph in table.index.get(article, ()):
                if len(ph.words) > 1:
                    followers.add(ph.words[1])
                else:
                    gated.discard(article)
    return frozenset(gated), frozenset(followers)


_GATED_ARTICLES, _ARTICLE_FOLLOWERS = _article_gate()


# --------------------------------------------------------------------------------------
# The matcher
# --------------------------------------------------------------------------------------


@dataclass
class _Num:
    end: int  # token index after the number
    value: Number
    first: int  # token index of the first token
    digits: bool
    article: bool  # a lone "en"/"ett"
    year_like: bool  # 1900-2099 written as four plain digits
    scaled: bool


@dataclass
class _Amount:
    end: int
    value: Optional[Number] = None
    low: Optional[Number] = None
    high: Optional[Number] = None
    approx: bool = False
    vague: Optional[str] = None
    first: int = 0
    digits: bool = False
    article: bool = False
    year_like: bool = False
    scaled: bool = False
    skip: bool = False  # recognised, but not an amount ("lika många")


class _Scanner:
    def __init__(self, text: str, articles: bool, whole: bool) -> None:
        self.text = text
        self.t = _Stream(text)
        self.tok = self.t.get  # token at an index, None outside the text
        self.articles = articles
        self.whole = whole
        self.reserved = (-1, -1)  # token range of a frequency phrase merged into a count
        self._num_memo: tuple[int, Optional[_Num]] = (-1, None)
        self._period_memo: tuple[int, Optional[tuple[int, str, bool]]] = (-1, None)

    # ---- helpers -------------------------------------------------------------------

    def _match(self, table: _PhraseTable, k: int) -> Optional[tuple[int, dict]]:
        """Longest phrase of ``table`` starting at token ``k``: (end index, row)."""
        tok = self.tok(k)
        if tok is None or tok.kind in (SKIP, NUM, TAL):
            return None
        cands = table.index.get(tok.low)
        if not cands:
            return None
        for ph in cands:
            for n in range(1, len(ph.words)):
                t2 = self.tok(k + n)
                if t2 is None or t2.low != ph.words[n] or t2.nl > 1 or (ph.glued[n] and t2.gap):
                    break
            else:
                return k + len(ph.words), ph.data
        return None

    def _match_back(self, table: _PhraseTable, k: int) -> Optional[dict]:
        """A phrase of ``table`` (indexed by last word) ending at token ``k``."""
        tok = self.tok(k)
        if tok is None:
            return None
        for ph in table.index.get(tok.low, ()):
            n = len(ph.words)
            for m in range(1, n):
                t2 = self.tok(k - m)
                nxt = self.tok(k - m + 1)
                if t2 is None or t2.low != ph.words[n - 1 - m] or (ph.glued[n - m] and nxt.gap):
                    break
            else:
                return ph.data
        return None

    # ---- numbers -------------------------------------------------------------------

    def _number(self, k: int) -> Optional[_Num]:
        """The number at token ``k`` (memoised for the last index: ranges ask twice)."""
        if self._num_memo[0] != k:
            n = self._number_at(k)
            self._num_memo = (k, n)
            return n
        return self._num_memo[1]  # shared: no caller changes a _Num

    def _number_at(self, k: int) -> Optional[_Num]:
        tok = self.tok(k)
        if tok is None:
            return None
        if tok.kind == NUM:
            v = _digits_value(tok.low)
            if v is None:
                return None
            plain = tok.low.isdigit()
            num = _Num(k + 1, v, k, True, False, plain and len(tok.low) == 4 and 1900 <= v <= 2099, False)
            nxt = self.tok(k + 1)
            if nxt is not None and nxt.kind == WORD and nxt.nl < 2:
                ms = _segment(nxt.low)
                scale = _SCALES.get(nxt.low) or (ms[0][0] if ms and len(ms) == 1 and ms[0][1] == "thousand" else None)
                if scale:
                    num.value, num.end, num.scaled, num.year_like = _clean(v * scale), k + 2, True, False
        elif tok.kind == WORD:
            ms = _segment(tok.low)
            if ms is None:
                return None
            value = _word_value(tok.low)  # the value of ms, remembered per word
            if value is None:
                return None
            end = k + 1
            # "etttusen etthundra", "två tusen", "ett hundra": a space only next to hundra/tusen
            for n in range(1, _MAX_NUMBER_WORDS):
                t2 = self.tok(k + n)
                if t2 is None or t2.kind != WORD or t2.nl > 0:
                    break
                ms2 = _segment(t2.low)
                if ms2 is None or not (ms[-1][1] in ("hundred", "thousand") or ms2[0][1] in ("hundred", "thousand")):
                    break
                v2 = _morphemes_value(ms + ms2)
                if v2 is None:
                    break
                ms, value, end = ms + ms2, v2, k + n + 1
            num = _Num(end, value, k, False, end == k + 1 and tok.low in _ARTICLES, False, False)
            nxt = self.tok(end)
            if nxt is not None and nxt.kind == WORD and nxt.low in _SCALES and nxt.nl < 2:
                num.value, num.end, num.scaled, num.article = value * _SCALES[nxt.low], end + 1, True, False
        else:
            return None
        # doubled forms: "Trettiosju (37)", "13 (tretton)", "minst två (2)"
        iv = self._parenthesised(num.end)
        if iv is not None and iv == num.value:
            num.end += 3
            num.article = False
        return num

    def _parenthesised(self, k: int) -> Optional[Number]:
        """The number in "(37)" or "(tretton)" at token ``k``, or None.

        The tokens after the "(" are read only when there is one: most numbers are
        followed by none, and each token read is one made.
        """
        op = self.tok(k)
        if op is None or op.low != "(":
            return None
        inner, cl = self.tok(k + 1), self.tok(k + 2)
        if inner is None or cl is None or cl.low != ")":
            return None
        if inner.kind == NUM:
            return _digits_value(inner.low)
        if inner.kind == WORD:
            return _word_value(inner.low)
        return None

    def _tal(self, k: int) -> Optional[_Amount]:
        """ "ett 80-tal", "ett tjugotal", "Ett 25-tal" (the article is optional)."""
        tok = self.tok(k)
        j = k + 1 if tok is not None and tok.low in _ARTICLES and tok.kind == WORD else k
        t2 = self.tok(j)
        if t2 is None or (j > k and t2.nl > 1):
            return None
        v: Optional[int] = None
        if t2.kind == TAL:
            d = t2.low[:-4]
            if len(d) <= _MAX_DIGITS:
                v = int(d)
                if len(d) == 4 and 1900 <= v <= 2099:  # "1990-tal" is a decade
                    v = None
        elif t2.kind == WORD:
            v = _tal_value(t2.low)
        if v is None:
            return None
        return _Amount(j + 1, value=v, approx=True, first=k)

    def _range(self, k: int) -> Optional[_Amount]:
        tok = self.tok(k)
        if tok is None:
            return None
        opener = tok.low if tok.kind == WORD and tok.low in _RANGES and tok.low else ""
        start = k + 1 if opener else k
        n1 = self._number(start)
        if n1 is None or n1.year_like:
            return None
        conn = self.tok(n1.end)
        if conn is None or conn.low not in _RANGES.get(opener, ()):
            return None
        n2 = self._number(n1.end + 1)
        if n2 is None or n2.year_like or not n1.value < n2.value:
            return None
        if conn.kind == PUNCT and (conn.nl or self.tok(n1.end + 1).nl):
            return None  # a dash starting a new line is a bullet
        return _Amount(n2.end, low=n1.value, high=n2.value, first=n1.first, digits=n1.digits)

    def _amount(self, k: int) -> Optional[_Amount]:
        """The longest amount starting at token ``k``."""
        best: Optional[_Amount] = None
        r = self._range(k)
        if r is not None:
            best = r
        tal = self._tal(k)
        if tal is not None and (best is None or tal.end > best.end):
            best = tal
        m = self._match(_PHRASES, k)
        if m is not None and (best is None or m[0] > best.end):
            best = _Amount(m[0], value=int(m[1]["value"]), approx=m[1]["approx"] == "yes", first=k)
        m = self._match(_VAGUE, k)
        if m is not None and (best is None or m[0] > best.end):
            cls = m[1]["class"]
            best = _Amount(m[0], vague=None if cls == "-" else cls, first=k, skip=cls == "-")
        n = self._number(k)
        if n is not None and (best is None or n.end > best.end):
            best = _Amount(
                n.end, value=n.value, first=n.first, digits=n.digits, article=n.article,
                year_like=n.year_like, scaled=n.scaled,
            )
        return best

    # ---- contexts that make a number no amount --------------------------------------

    def _identifier_context(self, amt: _Amount) -> bool:
        """ "årskurs 7", "Tel: 112", "Torggatan 2", "1." at a line start."""
        if not amt.digits:
            return False
        k = amt.first
        tok = self.tok(k)
        prev = self.tok(k - 1)
        if prev is not None and tok.nl < 2:
            j = k - 1
            if prev.low == ":" and not prev.gap:  # "Tel: 112"
                j -= 1
            if self._match_back(_NOT_BEFORE, j) is not None:
                return True
            if prev.kind == WORD and prev.raw[:1].isupper() and prev.low.endswith(_STREET_SUFFIXES):
                return True
        if (tok.nl or prev is None) and amt.end == k + 1:
            nxt = self.tok(k + 1)
            if nxt is not None and nxt.low in (".", ")") and not nxt.gap:
                return True
        return False

    def _is_age(self, amt: _Amount, unit: int) -> bool:
        before = self._match_back(_AGE_BEFORE, amt.first - 1)
        if before is not None and (before["scope"] == "all" or amt.digits):
            return True
        return self._match(_AGE_AFTER, unit + 1) is not None

    # ---- frequencies ---------------------------------------------------------------

    def _period(self, k: int) -> Optional[tuple[int, str, bool]]:
        """A frequency phrase at ``k``: (end, ISO period, standalone), memoised per index."""
        tok = self.tok(k)
        if tok is None or tok.low not in _PERIOD_FIRSTS:
            return None  # the common case, a word no frequency phrase starts with
        if self._period_memo[0] != k:
            self._period_memo = (k, self._period_at(k))
        return self._period_memo[1]

    def _period_at(self, k: int) -> Optional[tuple[int, str, bool]]:
        best: Optional[tuple[int, str, bool]] = None
        m = self._match(_PERIODS, k)
        if m is not None:
            best = (m[0], m[1]["period"], m[1]["standalone"] == "yes")
        tok = self.tok(k)
        # a word ("per", "varje") or the slash of "2 ggr/mån"
        pre = _PERIOD_PREFIXES.get(tok.low) if tok is not None and tok.kind in (WORD, PUNCT) else None
        if pre is not None:
            j = k + 1
            if pre["every"] == "ordinal":
                o = self.tok(j)
                if o is None or o.low not in _ORDINALS:
                    return best
                every, j = _ORDINALS[o.low], j + 1
            else:
                every = int(pre["every"])
            forms = pre["forms"].split(",")
            u = self.tok(j)
            if u is not None and u.kind == WORD and u.nl < 2:
                found: Optional[tuple[int, str]] = None
                unit = _PERIOD_UNITS.get(u.low)
                if unit is not None and unit[1] in forms:
                    found = (j + 1, unit[0])
                elif "weekday" in forms:
                    wd = self._weekday(u)
                    if wd is not None:
                        end = j + 1
                        # "fredags- och lördagskvällar"
                        while True:
                            a, b = self.tok(end), self.tok(end + 1)
                            if a is not None and a.low == "-" and not a.gap:
                                end, a, b = end + 1, b, self.tok(end + 2)
                            if a is not None and a.low in _LIST_JOINERS and b is not None and self._weekday(b):
                                end += 2
                                continue
                            break
                        found = (end, wd)
                if found is not None and (best is None or found[0] > best[0]):
                    best = (found[0], _iso_times(found[1], every), pre["standalone"] == "yes")
        return best

    @staticmethod
    def _weekday(tok: _Tok) -> Optional[str]:
        if tok.kind != WORD:
            return None
        for stem, period in _WEEKDAYS:
            if tok.low.startswith(stem):
                return period
        return None

    def _starts_amount(self, tok: _Tok) -> bool:
        if tok.kind in (NUM, TAL, SKIP, IDENT):
            return True
        low = tok.low
        return low in _VAGUE.index or low in _PHRASES.index or (tok.kind == WORD and _word_value(low) is not None)

    def _trailing_period(self, k: int) -> Optional[tuple[int, int, str, bool]]:
        """The first frequency phrase within the clause after token ``k``:
        (start, end, period, standalone).

        Most words on the way ("minst 3 medborgarmöten i offentlig miljö per år") can
        neither start a frequency phrase nor an amount: they fail ``_may_start``, whose
        word lists hold every first word of both, and are counted at once (``ordinary``,
        a field of a one-piece text's token).
        """
        words = 0
        while words <= _MERGE_WINDOW:
            tok = self.tok(k)
            if tok is None or tok.nl:
                return None
            if tok.ordinary:
                words += 1
                k += 1
                continue
            p = self._period(k)
            if p is not None:
                return k, p[0], p[1], p[2]
            if tok.kind == PUNCT:
                if tok.low not in _CLAUSE_PUNCT:
                    return None
            elif self._starts_amount(tok):
                return None
            else:
                words += 1
            k += 1
        return None

    # ---- expressions ---------------------------------------------------------------

    def expression(self, i: int) -> Optional[tuple[Optional[Quantity], int]]:
        """A quantity expression at token ``i``: (Quantity or None for a non-amount, next).

        None means nothing starts here. A modifier that does not apply ("under 2019",
        "fler än tidigare") is retried as a plain word ("fler" is still vague "more").
        """
        k = i
        vid = _OCCASIONS.get(self.tok(k).low) == "preposition"
        if vid:
            k += 1
        mod = self._match(_MODS, k)
        if mod is not None:
            r = self._expression(i, k, vid, mod)
            if r is not None:
                return r
        return self._expression(i, k, vid, None)

    def _expression(
        self, i: int, k: int, vid: bool, mod: Optional[tuple[int, dict]]
    ) -> Optional[tuple[Optional[Quantity], int]]:
        if mod is not None:
            amt = self._amount(mod[0])
            if amt is None or amt.skip or amt.vague is not None:
                return None
            if amt.year_like and mod[1]["years"] != "yes":
                return None
        else:
            year = self._lone_year(k)
            if year is not None:
                return None if vid else (None, year)
            amt = self._amount(k)
            if amt is None:
                return None
            if amt.skip:
                return None if vid else (None, amt.end)
        prefixed = vid or mod is not None
        if mod is None and self._identifier_context(amt):
            return None if vid else (None, amt.end)
        e = amt.end
        counter = self._counter(e)  # "64 stycken", "11 st."
        counted = counter is not None
        if counted:
            e = counter
        if amt.year_like and not counted and (mod is None or mod[1]["years"] != "yes"):
            return None if prefixed else (None, amt.end)
        if not counted and self._match(_NOT_AFTER, e) is not None:
            return None if prefixed else (None, amt.end)  # "50 %", "4 februari"
        # lengths of time: "tre veckor", "två timmars tid"
        duration: Optional[str] = None
        u = self.tok(e)
        single = amt.value  # None for ranges and vague amounts
        if (
            not counted and single is not None and u is not None
            and u.kind == WORD and u.nl < 2 and u.low in _DURATIONS
        ):
            unit = _DURATIONS[u.low]
            if unit["iso"].endswith("Y") and self._is_age(amt, e):
                return None if prefixed else (None, e + 1)
            if mod is not None and mod[1]["durations"] != "yes":
                return None  # "under två timmars tid": a preposition, not a bound
            duration = _iso_times(unit["iso"], single)
            e += 1
            tail = self.tok(e)
            if (
                unit["genitive"] == "yes" and tail is not None and tail.low in _COUNTERS
                and _COUNTERS[tail.low]["after"] == "duration_genitive" and tail.nl < 2
            ):
                e += 1
        # occasions: "två gånger", "vid 11 tillfällen", "5 tillfällen per vecka"
        occasion = False
        o = self.tok(e)
        if duration is None and not counted and o is not None and o.kind == WORD and o.nl < 2:
            role = _OCCASIONS.get(o.low)
            if role == "always" or (role == "noun" and (vid or self._adjacent_period(e + 1) is not None)):
                occasion, e = True, e + 1
        if vid and not occasion:
            return None
        if amt.article and not (vid or counted or duration or occasion):
            if mod is None or mod[1]["articles"] != "yes":
                return None  # a lone article ("under en treårsperiod"): see article()
        period, e = self._attach_period(e)
        q = self._quantity(i, e, amt, mod[1]["effect"] if mod else None, period)
        q.duration = duration
        return q, e

    def _counter(self, e: int) -> Optional[int]:
        """The end of a counter at token ``e``, after an amount ("64 stycken", "11 st."),
        or None."""
        c = self.tok(e)
        if c is None or c.kind != WORD or c.nl > 1 or c.low not in _COUNTERS or _COUNTERS[c.low]["after"] != "count":
            return None
        dot = self.tok(e + 1)
        if _COUNTERS[c.low]["dot"] == "yes" and dot is not None and dot.low == "." and not dot.gap:
            return e + 2
        return e + 1

    def _lone_year(self, k: int) -> Optional[int]:
        """The end of a year at token ``k`` that no reading makes an amount ("2019",
        "under 2019", "2019 (2019)"), or None.

        :meth:`_expression` without a modifier ends at such a year as it would after
        building the whole amount, but sooner: at digits only a range or a number can
        start (no phrase, vague word or "-tal" word is digits), a year opens no range,
        and only a counter ("2000 stycken") or a modifier that allows years ("närmare
        2000", tried first) makes a year an amount. Most numbers in a text are years.
        """
        tok = self.tok(k)
        if tok is None or tok.kind != NUM:
            return None
        n = self._number(k)
        if n is None or not n.year_like or self._counter(n.end) is not None:
            return None
        return n.end

    def _adjacent_period(self, k: int) -> Optional[tuple[int, str, bool]]:
        tok = self.tok(k)
        if tok is None or tok.nl:
            return None
        return self._period(k)

    def _attach_period(self, e: int, weak: bool = False) -> tuple[Optional[str], int]:
        """Period directly after the count (extends the span) or later in the clause.

        A ``weak`` count (a bare article) takes only periods that cannot stand alone
        ("ett möte per vecka"): in "en lägesbild ... presenteras varannan vecka" the
        frequency belongs to the verb and stays a quantity of its own.
        """
        p = self._adjacent_period(e)
        if p is not None and not (weak and p[2]):
            return p[1], p[0]
        w = self._trailing_period(e)
        if w is not None and not (weak and w[3]):
            self.reserved = (w[0], w[1])
            return w[2], e
        return None, e

    def _quantity(self, i: int, e: int, amt: _Amount, effect: Optional[str], period: Optional[str]) -> Quantity:
        start, end = self.t.start(i), self.t.end(e - 1)
        q = Quantity(text=self.text[start:end], start=start, end=end, approx=amt.approx,
                     vague=amt.vague, period=period)
        if amt.low is not None or amt.high is not None:  # a range
            q.low, q.high = amt.low, amt.high
            q.approx = q.approx or effect == "approx"
        elif effect == "low":
            q.low = amt.value
        elif effect == "high":
            q.high = amt.value
        else:
            q.value = amt.value
            q.approx = q.approx or effect == "approx"
        return q

    def standalone_period(self, i: int) -> Optional[tuple[Optional[Quantity], int]]:
        p = self._period(i)
        if p is None or not (p[2] or self.whole):
            return None
        start, end = self.t.start(i), self.t.end(p[0] - 1)
        return Quantity(text=self.text[start:end], period=p[1], start=start, end=end), p[0]

    def article(self, i: int) -> Optional[tuple[Optional[Quantity], int]]:
        tok = self.tok(i)
        if tok.kind != WORD or tok.low not in _ARTICLES:
            return None
        nxt = self.tok(i + 1)
        if nxt is None:
            if not self.whole:
                return None
        elif nxt.kind != WORD or nxt.nl > 1 or nxt.low in _ARTICLE_BLOCKERS:
            return None
        period, _ = self._attach_period(i + 1, weak=True)
        end = self.t.end(i)
        return Quantity(text=tok.raw, value=1, period=period, start=end - len(tok.raw), end=end), i + 1

    def _bare_article(self, tok: _Tok, i: int) -> bool:
        """Is ``tok`` (token ``i``) an article that no expression can start at, by the next
        token ("en trygghetsvandring": only :meth:`article` can use it, see
        :func:`_article_gate`)?"""
        if tok.low not in _GATED_ARTICLES or tok.kind != WORD:
            return False
        nxt = self.tok(i + 1)
        return nxt is None or not (nxt.low in _ARTICLE_FOLLOWERS or _may_open_amount(nxt))

    def scan(self) -> Iterator[Quantity]:
        t = self.t
        i = 0
        while True:
            i = t.next_start(i)  # ordinary words, punctuation and identifiers are skipped
            if i is None:
                return
            r0, r1 = self.reserved
            if r0 <= i < r1:
                i = r1
                continue
            tok = self.tok(i)
            # (a text up to 8 KB has had these starts dropped already, by _lazy_tokens on
            # its raw tokens; longer texts and giant lines are gated here)
            gate = _NEXT_WORD_GATES.get(tok.low) if tok.kind == WORD else None
            if gate is not None:
                nxt = self.tok(i + 1)
                if nxt is None or not (nxt.low in gate[0] or (gate[1] and _may_open_amount(nxt))):
                    i += 1  # nothing can start here (see _next_word_gates)
                    t.release(i)
                    continue
            res = None if self._bare_article(tok, i) else self.expression(i)
            if res is None and tok.kind == WORD:
                res = self.standalone_period(i)
                if res is None and (self.articles or self.whole):
                    res = self.article(i)
            if res is None:
                i += 1
            else:
                if res[0] is not None:
                    yield res[0]
                i = max(res[1], i + 1)
            t.release(i)


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def finditer(text: str, *, articles: bool = True) -> Iterator[Quantity]:
    """Yield the quantities of ``text`` left to right, lazily (see :func:`find`)."""
    return _Scanner(text, articles, whole=False).scan()


def find(text: str, *, articles: bool = True) -> list[Quantity]:
    """Every quantity in running text, left to right and non-overlapping.

    Offsets index ``text``: ``text[q.start:q.end] == q.text`` for every result.

    >>> [(q.text, q.value, q.approx) for q in find("Sex stycken nya grupper startades och ett 70-tal möten hölls.")]
    [('Sex stycken', 6, False), ('ett 70-tal', 70, True)]

    With ``articles=True`` a bare "en"/"ett" before a word is returned as ``value=1``
    ("genomfördes även en trygghetsvandring" -> ``Quantity(text="en", value=1)``); with
    ``articles=False`` it is not (longer expressions such as "ett par" always are).
    Years, dates, clock times, ages, phone numbers, addresses and other identifiers are
    never returned.
    """
    return list(finditer(text, articles=articles))


def parse(text: str) -> Optional[Quantity]:
    """Normalise a string that is, as a whole (stripped), one quantity expression.

    ``parse("ett 80-tal")`` -> ``Quantity(text="ett 80-tal", value=80, approx=True)``;
    ``parse("Trafikkontroll")`` -> None. A bare "en"/"ett" parses as 1 and a trailing
    frequency ("per år") as a period; a bare year ("2019") is not an amount (None).
    Offsets index the given string, leading whitespace included.
    """
    stripped = text.strip()
    if not stripped:
        return None
    offset = text.index(stripped[0])
    found = list(_Scanner(text, True, whole=True).scan())
    if len(found) == 1 and found[0].start == offset and found[0].end == offset + len(stripped):
        return found[0]
    return None


def _deferred(scan, text: str) -> Iterator[Quantity]:
    """The quantities of ``scan(text)``, the scan begun at the first ``next`` (a
    generator runs nothing before): :func:`finditer` tokenizes the text at once."""
    yield from scan(text)


class QuantityIndex:
    """Every quantity of a document, found once and handed out by offsets.

    Pledges and activities both read the quantities of many small spans of one text;
    scanning the text once and slicing is linear, scanning every span again is not.
    ``within`` returns copies, so a caller may adjust them (an activity drops the
    "under året" period of a report) without touching the index.

    >>> idx = QuantityIndex("Polisen genomförde 64 stycken trafikkontroller. Sex stycken nya grupper startades.")
    >>> [q.text for q in idx.within(48, 83)]
    ['Sex stycken']
    """

    def __init__(self, text: str):
        # one left-to-right scan, run only as far as the spans asked for reach: the
        # contact lists and page furniture at the end of a promise are never scanned,
        # and a text whose quantities nobody asks for is not even tokenized
        self._scan: Optional[Iterator[Quantity]] = _deferred(finditer, text)
        self._quantities: list[Quantity] = []
        self._starts: list[int] = []

    def _reach(self, end: int) -> None:
        """Scan until a quantity starting at or after ``end`` is known (or the text ends)."""
        while self._scan is not None and (not self._starts or self._starts[-1] < end):
            q = next(self._scan, None)
            if q is None:
                self._scan = None
            else:
                self._quantities.append(q)
                self._starts.append(q.start)

    def within(self, start: int, end: int, *, articles: bool = True) -> list[Quantity]:
        self._reach(end)
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self._quantities) and self._starts[i] < end:
            q = self._quantities[i]
            i += 1
            if q.end > end or (not articles and q.value == 1 and q.text.lower() in ("en", "ett")):
                continue
            out.append(q.copy())
        return out
