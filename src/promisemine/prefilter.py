"""Literal prefilters for regular expressions: skip a regex when its words are absent.

Python's ``re`` engine tries a pattern that starts with ``\\b`` or a group at every
position of the text; the cue tables of this package hold dozens of such patterns
(``\\b(genomfördes|utfördes|startades)\\b``), and most of them match nothing in a given
document. A plain substring test (``"genomfördes" in text``) runs at memory speed, so
testing the literals a match cannot do without, first, skips most regex scans.

:func:`required_literals` reads a pattern's syntax tree and returns a set of strings
such that every match contains at least one of them (or None when no useful set exists):

>>> sorted(required_literals(r"\\b(har|hade)\\s+(\\w+\\s+){0,4}?skrivit under\\b|\\bskrev\\s+(\\w+\\s+){0,4}?under\\b"))
['skrev', 'skrivit under']
>>> sorted(required_literals(r"\\bundertecknat?\\b"))
['underteckna']
>>> required_literals(r"\\w+") is None
True

The result is exact by construction (a literal is only taken from parts of the pattern
every match passes through), so filtering never changes what a pattern finds; the test
suite checks this on every bundled document.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

import regex

try:  # Python >= 3.11
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["required_literals", "Prefiltered", "fold", "aligned"]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())
_MIN_USEFUL = 3  # a needle shorter than this is in nearly every text
# ``str.find`` passes a 2 KB text in about a microsecond a needle, the engines scan it in
# 5-20: a requirement of more needles than this costs :class:`Prefiltered` more to test
# than it may save (an absent needle, the usual case, is looked for through the whole text).
_MOST_TESTS = 8
# A jump scan (:meth:`Prefiltered.finditer`) looks for its start words with ``str.find``;
# words shorter than this ("det", "har") occur so often that trying the pattern at each
# occurrence costs more than the engine's own scan.
_SHORTEST_START = 5

# The engines match case-insensitively letter by letter ("ϐ" ~ "β", "K" ~ "k", "ı" ~ "i");
# str.casefold() maps such letters to one form, and what it leaves apart is done here:
# the dotless ı as i, the combining dot of a casefolded "İ" dropped. Folded this way, a
# text holds every needle (folded the same way) that a case-insensitive match needs.
_FOLD = str.maketrans({"ı": "i", "\u0307": None})


def fold(text: str) -> str:
    """Case-fold ``text`` for needle tests of case-insensitive patterns ("POLİSEN" → "polisen")."""
    low = text.casefold()
    if "ı" in low or "\u0307" in low:  # rare: str.translate is slow on every text
        return low.translate(_FOLD)
    return low


def aligned(text: str, folded: str) -> bool:
    """Does ``folded``, :func:`fold` of ``text``, hold the fold of ``text[i]`` at every offset
    ``i``, so that a word found in it at an offset is found at that offset of ``text``?

    A character folds to one character but for two exceptions: the combining dot U+0307
    to none, and some to several ("ß" → "ss", "ﬁ" → "fi"). A text without U+0307 has no
    character that folds to none, so the two lengths are equal only when none folds to
    several either (which the tests check over every code point):

    >>> aligned("Polisen LOVAR", fold("Polisen LOVAR")), aligned("Gäller KALENDERÅRET", fold("Gäller KALENDERÅRET"))
    (True, True)
    >>> aligned("Straße 2019", fold("Straße 2019")), aligned("ﬁnns", fold("ﬁnns"))
    (False, False)
    """
    return len(folded) == len(text) and "\u0307" not in text


# The trees are read with Python's own parser, while most patterns run in ``regex``.
# Syntax that only ``regex`` knows and that ``re`` reads as literals — a POSIX class
# "[[:alpha:]]", a fuzzy match "(?:abc){e<=1}" — would give wrong needles: such a
# pattern is not prefiltered. (Other ``regex``-only syntax, \\p{L}, (?V1), is an error
# for ``re`` and not prefiltered either.)
_REGEX_ONLY = re.compile(r"\[:|\{(?!\d*(?:,\d*)?\})")  # "[:" anywhere; a "{" not opening {m,n}


def _parse(pattern: str, flags: int):
    if _REGEX_ONLY.search(pattern):
        return None, 0
    try:
        tree = _p.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not prefiltered
        return None, 0
    return list(tree), flags | tree.state.flags


_fold = fold  # the function, under another name where ``fold`` is a flag


def _requirement(items, fold: bool):
    """What a sequence of parsed items needs, as a tree: ("any", needles) — one of these
    strings; ("all", parts); ("one", parts) — one of the alternatives. None: nothing."""
    parts = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_USEFUL:
            word = "".join(run)
            parts.append(("any", frozenset([_fold(word) if fold else word])))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        got = None
        if op is _c.SUBPATTERN:
            if not (av[1] or av[2]):  # a scoped flag (?i:…) changes what its literals mean
                got = _requirement(av[3], fold)
        elif op is _c.BRANCH:
            alts = [_requirement(alt, fold) for alt in av[1]]
            got = None if any(x is None for x in alts) else ("one", alts)
        elif op in _REPEATS and av[0] >= 1:
            got = _requirement(av[2], fold)
        elif op is _ATOMIC:
            got = _requirement(av, fold)
        if got is not None:
            parts.append(got)
    close_run()
    if not parts:
        return None
    return _simplify(parts[0] if len(parts) == 1 else ("all", parts))


def _simplify(node):
    """Flatten a requirement tree so that testing it is mostly one loop over needles:
    one-of several needle sets is one set; an all/one of a single part is that part."""
    kind, parts = node
    if kind == "any":  # a needle containing another adds nothing: "under det" ⊃ "det"
        return ("any", frozenset(n for n in parts if not any(o != n and o in n for o in parts)))
    parts = [_simplify(p) for p in parts]
    if kind == "one":
        needles = frozenset().union(*(p[1] for p in parts if p[0] == "any"))
        rest = [p for p in parts if p[0] != "any"]
        parts = rest + ([_simplify(("any", needles))] if needles else [])
    else:
        flat = []
        for p in parts:
            flat.extend(p[1] if p[0] == "all" else [p])
        parts = flat
    return parts[0] if len(parts) == 1 else (kind, parts)


def _met(node, low: str, found: Optional[dict[str, bool]] = None) -> bool:
    """Does ``low`` meet the requirement tree ``node``? ``found`` remembers which needles
    ``low`` contains, for callers that test many patterns on one text: a needle scans the
    whole text when absent, and the cue tables share many ("har", "ska", "löfte")."""
    kind, parts = node
    if kind == "any":
        if found is None:
            for n in parts:
                if n in low:
                    return True
            return False
        for n in parts:
            hit = found.get(n)
            if hit is None:
                hit = found[n] = n in low
            if hit:
                return True
        return False
    if kind == "all":
        for p in parts:
            if not _met(p, low, found):
                return False
        return True
    for p in parts:
        if _met(p, low, found):
            return True
    return False


def _starts(items) -> Optional[frozenset[str]]:
    """Strings one of which every match starts with (after zero-width assertions such as
    ``\\b``), read case-sensitively: ``\\b(genomförde|utförde)\\b`` → {"genomförde", "utförde"};
    ``\\bhar\\s+…`` → {"har"}. None when some match may start otherwise."""
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            break  # the literal prefix ends here
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # consumes nothing
        if op is _c.SUBPATTERN and not (av[1] or av[2]):
            return _starts(av[3])
        if op is _c.BRANCH:
            alts = [_starts(alt) for alt in av[1]]
            return None if any(a is None for a in alts) else frozenset().union(*alts)
        return None
    return frozenset(["".join(run)]) if run else None


def _tests(node) -> int:
    """How many needle tests meeting a requirement tree takes at most (one per needle)."""
    kind, parts = node
    return len(parts) if kind == "any" else sum(map(_tests, parts))


def _affordable(node, most: int):
    """The part of a requirement tree that takes at most ``most`` needle tests, or None.

    Of an "all" the cheapest parts are kept: a weaker requirement, which every text that
    meets the whole one meets too. ``\\bhar\\s+(\\w+\\s+){0,3}?(genomfört|utfört|…)`` (20 verbs)
    is tested for "har" alone; an "any" or "one" is kept whole or not at all."""
    if _tests(node) <= most:
        return node
    if node[0] != "all":
        return None
    kept, spent = [], 0
    for part in sorted(node[1], key=_tests):
        spent += _tests(part)
        if spent > most:
            break
        kept.append(part)
    return None if not kept else kept[0] if len(kept) == 1 else ("all", kept)


def _one_set(node) -> frozenset[str]:
    """Strings one of which a text meeting ``node`` contains."""
    kind, parts = node
    if kind == "any":
        return parts
    sets = [_one_set(p) for p in parts]
    if kind == "one":
        return _simplify(("any", frozenset().union(*sets)))[1]
    # all of them: the most selective one (the longest shortest needle, then the fewest)
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)))


def required_literals(pattern: str, flags: int = 0) -> Optional[frozenset[str]]:
    """Strings one of which every match of ``pattern`` contains (lower-cased under re.I).

    None when the pattern has no required literal of at least three characters in
    every alternative (then it must always be run).
    """
    tree = Requirement(pattern, flags).tree
    return None if tree is None else _one_set(tree)


class Requirement:
    """What a text must contain for a pattern to have a chance to match.

    ``\\bnytt\\s+medborgarlöfte\\b|\\bdet nya löftet\\b`` needs "nytt" and "medborgarlöfte",
    or "det nya löftet": a text about the medborgarlöfte that says neither is never
    searched. Every literal of three letters or more that a match cannot do without
    counts, and each alternative on its own.

    >>> r = Requirement(r"\\bnytt\\s+medborgarlöfte\\b|\\bdet nya löftet\\b")
    >>> r.met("medborgarlöftet 2023"), r.met("ett nytt medborgarlöfte"), r.met("det nya löftet")
    (False, True, True)
    >>> Requirement(r"\\d+").tree is None      # nothing to look for: always search
    True

    ``most_tests`` bounds the needle tests :meth:`met` makes: only the part of the
    requirement that takes at most so many is kept (see :func:`_affordable`).

    >>> Requirement(r"\\bska\\s+(\\w+\\s+)?(öka|minska|stärka)\\b", most_tests=2).tree
    ('any', frozenset({'ska'}))
    """

    __slots__ = ("tree",)

    def __init__(self, pattern: str, flags: int = 0, most_tests: Optional[int] = None) -> None:
        items, all_flags = _parse(pattern, flags)
        self.tree = None if items is None else _requirement(items, bool(all_flags & re.IGNORECASE))
        if self.tree is not None and most_tests is not None:
            self.tree = _affordable(self.tree, most_tests)

    def met(self, low: str, found: Optional[dict[str, bool]] = None) -> bool:
        """May the pattern match a text whose lower-cased (when the pattern ignores case)
        form is ``low``? ``found``: the needles known to be in ``low`` or not (see :func:`_met`)."""
        return self.tree is None or _met(self.tree, low, found)


class Prefiltered:
    """A compiled pattern that is only run when one of its required literals is present.

    A pattern that starts with a word boundary (``\\b(lovar|lovade)\\b``) is compiled with
    the ``regex`` engine, which finds it an order of magnitude faster than ``re``; other
    patterns (a line-anchored ``^[ \\t]*polisen …``) are faster in ``re`` and stay there.
    (The engines agree on ordinary text; at the edges of Unicode, ``regex`` ends a word at
    a footnote mark, "lovade¹", and keeps a combining accent inside one.)

    A pattern whose matches all start with one of several words
    (``\\b(genomförde|utförde|besökte)\\b``) is tried only where these words occur: in the
    text, or for a case-insensitive pattern in its fold when that lines up with the text
    (see :func:`aligned`; a text that does not is scanned by the engine).

    ``folded`` is :func:`fold` of the text, given by the caller when the pattern is
    case-insensitive (so that many patterns share one fold). ``found``, a dict that the
    caller passes with every case-sensitive pattern it tries on one text, shares the
    needle tests too.

    >>> cue = Prefiltered(r"\\butfallet blev\\b")
    >>> cue.search("Polisen lovar att:") is None, cue.search("Utfallet blev: 12") is None
    (True, True)
    >>> bool(cue.search("utfallet blev: 12"))
    True
    >>> months = Prefiltered(r"\\b(?:januari|februari|mars)\\s*-\\s*(?:mars|april)\\b", re.I)
    >>> [m.group() for m in months.finditer("Perioden JANUARI - April och mars-april")]
    ['JANUARI - April', 'mars-april']
    """

    __slots__ = ("pattern", "folds", "requirement", "starts", "gated", "lines")

    def __init__(self, pattern: str, flags: int = 0, engine=None, shortest_start: int = _SHORTEST_START):
        """``shortest_start``: the shortest start word worth a jump scan (see :meth:`_jump_starts`)."""
        if engine is None:
            engine = regex if pattern.startswith(("\\b", "(?:\\b", "(\\b")) else re
        self.pattern = engine.compile(pattern, flags)
        self.requirement = Requirement(pattern, flags, _MOST_TESTS)
        self.folds = bool(self.pattern.flags & re.IGNORECASE)
        self.starts = self._jump_starts(pattern, flags, shortest_start)
        # A jump scan looks for its start words itself: a requirement of one of some words
        # ("genomfördes", "utfördes", …) is no cheaper to test first.
        tree = self.requirement.tree
        self.gated = tree is not None and not (self.starts is not None and tree[0] == "any")
        self.lines = self._line_pattern(pattern, flags)

    def _jump_starts(self, pattern: str, flags: int, shortest: int) -> Optional[frozenset[str]]:
        """The words every match starts with, when :meth:`finditer` should try the pattern
        only where one of them starts. Both engines try an alternation of words at every
        position of the text ("\\b(genomfördes|utfördes|…)\\b", 12 words: some 40 ns a
        character), while ``str.find`` passes over a text at about 1 ns a character per word.
        Only for several words (a single literal prefix the engines find fast themselves)
        of ``shortest`` letters or more: five by default, as shorter ones ("det") occur too
        often; rare short words such as the month names' "jan", "feb", … may be allowed.

        The words of a case-insensitive pattern are folded ("Publicerad" → "publicerad"),
        to be found in the folded text; not when a word's fold is longer ("ß" → "ss")."""
        items, all_flags = _parse(pattern, flags)
        if items is None or bool(all_flags & re.IGNORECASE) != self.folds:
            return None
        starts = _starts(items)
        if starts is None or len(starts) < 2 or min(map(len, starts)) < shortest:
            return None
        if self.folds:
            if any(len(fold(w)) != len(w) for w in starts):
                return None
            starts = frozenset(map(fold, starts))
        # a word that starts with another start word adds no start ("löften" after "löfte")
        return frozenset(w for w in starts if not any(o != w and w.startswith(o) for o in starts))

    def _line_pattern(self, pattern: str, flags: int) -> Optional[re.Pattern]:
        """For a pattern in ``re`` anchored at line starts (``^[ \\t]*polisen …`` under
        re.M): the rest of it after a newline (``\\n(?:[ \\t]*polisen …)``), which ``re``
        finds by a fast scan for the newline where it tries ``^`` at every position.
        Only when ``pattern`` is "^" followed by that rest as it reads alone (not "^a|b"),
        and no match is empty. None otherwise."""
        if not (isinstance(self.pattern, re.Pattern) and pattern.startswith("^")):
            return None
        if self.pattern.flags & (re.VERBOSE | re.MULTILINE) != re.MULTILINE:
            return None
        try:
            whole, rest = _p.parse(pattern, flags), _p.parse(pattern[1:], flags)
        except Exception:  # noqa: BLE001 - as in _parse
            return None
        if list(whole[:1]) != [(_c.AT, _c.AT_BEGINNING)] or repr(list(whole[1:])) != repr(list(rest)):
            return None
        if whole.getwidth()[0] == 0:
            return None
        return re.compile("\\n(?:" + pattern[1:] + ")", flags)

    def _absent(self, text: str, folded: Optional[str], found: Optional[dict[str, bool]] = None) -> bool:
        if self.requirement.tree is None:
            return False
        if self.folds:  # (``found`` holds needle tests on ``text`` itself, not on its fold)
            return not self.requirement.met(folded if folded is not None else fold(text))
        return not self.requirement.met(text, found)

    def search(self, text: str, folded: Optional[str] = None, found: Optional[dict[str, bool]] = None) -> Optional[re.Match]:
        """``self.pattern.search(text)``: the first match, or None. (Without a jump scan: on
        the short texts searched, a title or the context of a word, it costs more than it saves.)"""
        return None if self._absent(text, folded, found) else self.pattern.search(text)

    def finditer(self, text: str, folded: Optional[str] = None, found: Optional[dict[str, bool]] = None) -> Iterator[re.Match]:
        """``self.pattern.finditer(text)``: the matches, left to right."""
        if self.folds and (self.requirement.tree is not None or self.starts is not None):
            return self._finditer_folded(text, folded if folded is not None else fold(text))
        if self.gated and self._absent(text, folded, found):
            return iter(())
        if self.starts is not None:
            return self._jump(text, text, found)
        return self._scan(text)

    def _finditer_folded(self, text: str, folded: str) -> Iterator[re.Match]:
        """:meth:`finditer` of a case-insensitive pattern with words to look for, in the fold
        ``folded`` of ``text``: a jump scan between its start words when the fold lines up
        with the text ("Gäller" → "gäller"), else the engine's scan when the text holds
        the required words ("Straße" → "strasse")."""
        if self.starts is not None and aligned(text, folded):
            return self._jump(text, folded) if not self.gated or self.requirement.met(folded) else iter(())
        return self._scan(text) if self.requirement.met(folded) else iter(())

    def _scan(self, text: str) -> Iterator[re.Match]:
        """The engine's own scan of ``text`` (after newlines, for a pattern at line starts)."""
        return self._at_line_starts(text) if self.lines is not None else self.pattern.finditer(text)

    def _jump(self, text: str, within: str, found: Optional[dict[str, bool]] = None) -> Iterator[re.Match]:
        """``self.pattern.finditer(text)``, trying the pattern only where a match can start:
        at the occurrences of :attr:`starts` in ``within`` (``text`` or its aligned fold),
        left to right, and after a match from its end on (the engines see the text before
        the position, so ``\\b`` is judged as in a scan). ``found``: as for
        :meth:`Requirement.met`, read and completed (for needles of ``text`` only)."""
        match = self.pattern.match
        following = {}  # start word -> its next occurrence
        for w in self.starts:
            if found is not None and found.get(w) is False:
                continue
            at = within.find(w)
            if found is not None:
                found[w] = at >= 0
            if at >= 0:
                following[w] = at
        while following:
            at = min(following.values())
            m = match(text, at)
            if m is not None:
                yield m
            pos = m.end() if m is not None else at + 1  # (never empty: it holds a word)
            for w, q in list(following.items()):
                if q < pos:
                    q = within.find(w, pos)
                    if q < 0:
                        del following[w]
                    else:
                        following[w] = q

    def _at_line_starts(self, text: str) -> Iterator[re.Match]:
        """``self.pattern.finditer(text)`` for a pattern anchored at line starts: tried at the
        text's start, then where :attr:`lines` finds it after a newline (the match is taken
        from the pattern itself, there). A match is never empty, so the next one starts at
        a line start from its end on, that is after a newline from one character before."""
        match = self.pattern.match
        m = match(text)
        pos = 0
        while True:
            if m is not None:
                yield m
                pos = m.end()
            hit = self.lines.search(text, max(pos - 1, 0))
            if hit is None:
                return
            at = hit.start() + 1
            m = match(text, at)
            pos = at + 1  # (when there is a match, its end)

    def sub(self, repl, text: str, folded: Optional[str] = None) -> str:
        """``self.pattern.sub(repl, text)``, skipped when the required words are absent."""
        return text if self._absent(text, folded) else self.pattern.sub(repl, text)


class AnyOf:
    """Does any of several case-insensitive patterns match? Each is tried only when its
    required words are in the text; the patterns without any are tried as one alternation.

    Exactly ``bool(regex.search("|".join(patterns), text, regex.I))``, faster on a
    table where most rows name words a sentence does not contain.

    >>> traps = AnyOf([r"\\bbrott anmäldes\\b", r"\\bprocent\\b|%", r"^(?:inga|inget)\\b"])
    >>> traps.search("Under året anmäldes 12 brott"), traps.search("32 procent kände sig trygga")
    (False, True)
    """

    __slots__ = ("gated", "always")

    def __init__(self, patterns) -> None:
        self.gated: list[tuple[frozenset[str], regex.Pattern]] = []
        rest = []
        for p in patterns:
            needles = required_literals(p, re.IGNORECASE)
            if needles is None:
                rest.append(f"(?:{p})")
            else:
                self.gated.append((needles, regex.compile(p, regex.IGNORECASE)))
        self.always = regex.compile("|".join(rest), regex.IGNORECASE) if rest else None

    def search(self, text: str) -> bool:
        """Does any pattern match somewhere in ``text``?"""
        return self._any(text, "search")

    def fullmatch(self, text: str) -> bool:
        """Does any pattern match the whole of ``text``? ("Sök", "Skriv ut", "Tel: 114 14")"""
        return self._any(text, "fullmatch")

    def _any(self, text: str, how: str) -> bool:
        if self.always is not None and getattr(self.always, how)(text):
            return True
        low = fold(text)
        for needles, rx in self.gated:
            for n in needles:
                if n in low:
                    if getattr(rx, how)(text):
                        return True
                    break
        return False
