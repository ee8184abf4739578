"""Tests for promisemine.prefilter: required literals of a regex, and filtering that never
changes what a pattern finds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from promisemine.metadata import _kind_cues
from promisemine.prefilter import Prefiltered, required_literals

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


@pytest.mark.parametrize(
    "pattern, flags, expected",
    [
        (r"\butfallet blev\b", 0, {"utfallet blev"}),
        (r"\bundertecknat?\b", 0, {"underteckna"}),
        (r"\b(uppfyllde|uppfyllt|infriade)\b", 0, {"uppfyllde", "uppfyllt", "infriade"}),
        # the longest required part of each alternative: "skrivit under" rather than "har"
        (r"\b(har|hade)\s+(\w+\s+){0,4}?skrivit under\b|\bskrev\s+(\w+\s+){0,4}?under\b", 0, {"skrivit under", "skrev"}),
        # a needle containing another adds nothing
        (r"\bnytt medborgarlöfte\b|\bmedborgarlöftet gäller\b", 0, {"nytt medborgarlöfte", "medborgarlöftet gäller"}),
        (r"medborgarlöf(tet|te)|medborgarlöfte", 0, {"medborgarlöf"}),
        # case-insensitive patterns give lower-case needles
        (r"\bUppföljning", re.I, {"uppföljning"}),
        (r"(?i)\bLovar\b", 0, {"lovar"}),
        # x+ is required, x? and x* are not
        (r"(?:polisen)+ ska", 0, {"polisen"}),
        (r"(?:polisen)? ska\b", 0, {" ska"}),
        (r"(?:polisen)*", 0, None),
    ],
)
def test_prefilter_required_literals(pattern, flags, expected):
    got = required_literals(pattern, flags)
    assert (set(got) if got is not None else None) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+",  # nothing literal
        r"\b(ska|vi)\b",  # an alternative shorter than three letters is in every text
        r"[0-9]{4}",
        r"(?:\bvecka|\d+)",  # one alternative has no literal at all
        r"[",  # not a pattern at all
    ],
)
def test_prefilter_no_useful_literal(pattern):
    assert required_literals(pattern) is None


def test_prefilter_scoped_flag_keeps_only_unscoped_literal():
    # (?i:polisen) also matches "POLISEN", so only the literal outside it is required
    assert required_literals(r"(?i:polisen) lovar") == frozenset({" lovar"})


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))][:25])
def test_prefilter_kind_cues_find_what_the_plain_pattern_finds(text):
    low = text.lower()
    for cue in _kind_cues():
        plain = re.compile(cue.pattern.pattern.pattern, cue.pattern.pattern.flags & (re.I | re.M))
        hay = text if cue.scope == "title" else low
        assert [m.span() for m in cue.pattern.finditer(hay, low)] == [m.span() for m in plain.finditer(hay)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Utfallet blev: 12 kontroller", False),  # the pattern is case-sensitive
        ("utfallet blev: 12 kontroller", True),
        ("utfallet blevo", False),
        ("Polisen lovar att:", False),
        ("", False),
    ],
)
def test_prefilter_search(text, found):
    assert bool(Prefiltered(r"\butfallet blev\b").search(text)) is found


def test_prefilter_case_insensitive_uses_folded_text():
    cue = Prefiltered(r"\bUppföljning\b", re.I)
    assert cue.search("UPPFÖLJNING 2023")
    assert cue.search("UPPFÖLJNING 2023", folded="uppföljning 2023")
    assert not cue.search("Medborgarlöfte 2023")


def _corpus_sentences():
    from promisemine.sections import segment

    out = []
    for p in sorted(DOCS.glob("*.txt")):
        out += [" ".join(s.text.split()) for s in segment(p.read_text(encoding="utf-8"))[2]]
    return out


@pytest.mark.parametrize("table", ["activity_traps.tsv", "pledge_traps.tsv", "action_phrases.txt", "trailing_sentences.tsv"])
def test_prefilter_any_of_agrees_with_the_alternation(table):
    from promisemine.wordlists import alternation, any_of

    whole, gated = alternation(table), any_of(table)
    sentences = _corpus_sentences() + ["", "32 %", "Inga fynd gjordes.", "BROTT ANMÄLDES I KOMMUNEN"]
    assert len(sentences) > 300
    assert [bool(whole.search(s)) for s in sentences] == [gated.search(s) for s in sentences]


@pytest.mark.parametrize(
    "text, hit",
    [
        ("Under året anmäldes 12 brott", False),
        ("Tolv brott anmäldes under året", True),
        ("32 procent kände sig trygga", True),
        ("Andelen var 32 %", True),
        ("Inga narkotikabrott upptäcktes", True),
        ("Polisen fann inga narkotikabrott", False),  # ^inga: only at the start
    ],
)
def test_prefilter_any_of_search(text, hit):
    from promisemine.prefilter import AnyOf

    traps = AnyOf([r"\bbrott anmäldes\b", r"\bprocent\b|%", r"^(?:inga|inget)\b"])
    assert traps.search(text) is hit


def test_prefilter_any_of_fullmatch_agrees_with_the_boilerplate_alternation():
    """The boilerplate table as gated rows decides every corpus line as the one
    alternation of its rows did."""
    import regex

    from promisemine.sections import _boilerplate_table
    from promisemine.wordlists import rows

    lines = {" ".join(ln.split()).rstrip(" .") for p in sorted(DOCS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()}
    lines |= {"Sök", "null", "Skriv ut", "Tel: 114 14", "Facebook: polisen", "2019-02-04 11:57 Pressmeddelande", ""}
    for kind, gated in _boilerplate_table().items():
        whole = regex.compile("|".join(f"(?:{r[0]})" for r in rows("boilerplate.tsv") if r[1] == kind), regex.IGNORECASE | regex.V0)
        assert [bool(whole.fullmatch(t)) for t in sorted(lines)] == [gated.fullmatch(t) for t in sorted(lines)], kind


@pytest.mark.parametrize("table", ["activity_traps.tsv", "pledge_traps.tsv", "action_phrases.txt", "trailing_sentences.tsv", "kind_cues.tsv", "boilerplate.tsv"])
def test_prefilter_requirement_never_rules_out_a_match(table):
    """Soundness on real text: whenever a row's pattern matches a corpus sentence or line,
    its Requirement says it may."""
    import regex

    from promisemine.prefilter import Requirement
    from promisemine.wordlists import rows

    col = 3 if table == "kind_cues.tsv" else 0
    patterns = [r[col] for r in rows(table) if len(r) > col and r[col] != "pattern"]
    texts = _corpus_sentences() + [ln for p in sorted(DOCS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for p in patterns:
        rx, req = regex.compile(p, regex.I | regex.M), Requirement(p, re.I)
        for t in texts:
            if rx.search(t):
                checked += 1
                assert req.met(t.lower()), (p, t)
    assert checked >= 2  # some tables name rare phrasings; the assertion above is the point


@pytest.mark.parametrize(
    "pattern", [r"[[:alpha:]]abc", r"x[a[:digit:]]bcd", r"(?:abcd){e<=1}", r"\\{e<=1}abc", r"\p{L}+polisen", r"(?V1)polisen"]
)
def test_prefilter_regex_only_syntax_is_never_prefiltered(pattern):
    """Syntax that ``re`` would read as literals is not given needles."""
    from promisemine.prefilter import Requirement

    assert required_literals(pattern) is None
    assert Requirement(pattern).tree is None


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"\bpolisen lovar\b", "POLİSEN LOVAR"),  # "İ".lower() is two characters
        (r"\bskriv ut\b", "ſkriv ut"),  # long s matches s under IGNORECASE
        (r"İstanbul", "İstanbul"),  # a dotted capital I in the pattern
        (r"βαρ", "ϐαρ"),  # the curly beta is a beta
        (r"μgram", "µgram"),  # the micro sign is a mu
    ],
)
def test_prefilter_case_folding_never_skips_a_match(pattern, text):
    from promisemine.prefilter import AnyOf

    cue = Prefiltered(pattern, re.I)
    assert bool(cue.search(text)) == bool(cue.pattern.search(text)) is True
    assert AnyOf([pattern]).search(text) is True


@pytest.mark.parametrize(
    "pattern, text",
    [
        # matches where the start words occur, left to right, non-overlapping
        (r"\b(genomfördes|utfördes|startades)\b", "utfördes och genomfördes, startades; utfördes"),
        # a start word inside a longer word is tried and fails on \b
        (r"\b(genomfördes|utfördes)\b", "ogenomfördes utfördesx utfördes"),
        # one start word inside the match of another: the scan goes on from the match's end
        (r"\b(under året har|året har)\b", "under året har vi, året har"),
        (r"\b(uppföljningen|uppföljning)\b\s+\w+", "uppföljningen av uppföljning 2023"),
        # at the very start and end of the text
        (r"\b(lovade|lovar)\b", "lovade"),
        (r"\b(lovade|utförde)\b", ""),
        (r"\b(lovade|lovar)\b", "vi lovar"),
        # a look-behind sees the text before the candidate position
        (r"(?<!x)(lovade|lovar)", "xlovar lovade"),
    ],
)
def test_prefilter_jump_scan_finds_what_finditer_finds(pattern, text):
    cue = Prefiltered(pattern)
    plain = re.compile(pattern)
    assert [m.span() for m in cue.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_prefilter_jump_scan_is_used_for_start_words_only():
    assert Prefiltered(r"\b(genomfördes|utfördes)\b").starts == {"genomfördes", "utfördes"}
    assert Prefiltered(r"\b(har|hade)\s+resulterat\b").starts is None  # short words: in every text
    # a case-insensitive pattern's words are folded, to be found in the folded text
    assert Prefiltered(r"\b(Genomfördes|UTFÖRDES)\b", re.I).starts == {"genomfördes", "utfördes"}
    assert Prefiltered(r"\b(straße|gatan)\b", re.I).starts is None  # "ß" folds to "ss": offsets shift
    # short start words only when the caller allows them
    assert Prefiltered(r"\b(jan|feb)\w*", re.I).starts is None
    assert Prefiltered(r"\b(jan|feb)\w*", re.I, shortest_start=3).starts == {"jan", "feb"}
    assert Prefiltered(r"\butfallet blev\b").starts is None  # one literal prefix: the engine is fast


def test_prefilter_jump_scan_shares_the_needle_tests():
    cue = Prefiltered(r"\b(uppföljning|uppföljningen|lovade)\b")
    assert cue.starts == {"uppföljning", "lovade"}  # "uppföljningen" starts where "uppföljning" does
    found = {"lovade": False}
    text = "uppföljningen, uppföljning"
    assert [m.group() for m in cue.finditer(text, None, found)] == ["uppföljningen", "uppföljning"]
    assert found == {"lovade": False, "uppföljning": True}


@pytest.mark.parametrize(
    "pattern, flags, text",
    [
        (r"^[ \t]*(polisen|vi)[ \t]+(ska|lovar)[ \t]*:[ \t\r]*$", re.M, "polisen ska:\nx\n  vi lovar:\r\nvi ska: nej\n\nvi ska:"),
        (r"^[^\S\r\n]*(?:(?:[•\-]|\d+[.)])[^\S\r\n]*)?att\s+\w+", re.M, "att\n\n• att göra\n2. att\n\nx att y\n att"),
        # a match over several lines: the next line start tried is at its end or after
        (r"^\s*att\b", re.M, "\n\n att\natt\n\n"),
        (r"^(?:a|\n)+", re.M, "a\n\na\nb\na"),
        (r"^[ \t]*(?P<w>\w+):\s*$", re.M | re.I, "Polisen:\nKOMMUNEN: \n x:y\n"),
        # at the start and end of the text
        (r"^ab", re.M, "ab\nab"),
        (r"^ab", re.M, ""),
        (r"^ab", re.M, "\n"),
    ],
)
def test_prefilter_line_start_scan_finds_what_finditer_finds(pattern, flags, text):
    cue = Prefiltered(pattern, flags)
    assert cue.lines is not None
    plain = re.compile(pattern, flags)
    assert [(m.span(), m.groups()) for m in cue.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]


@pytest.mark.parametrize("pattern, flags", [(r"^a|b", re.M), (r"^a|^b", re.M), (r"^x*", re.M), (r"^ab", 0), (r"^a # c", re.M | re.X)])
def test_prefilter_line_start_scan_only_for_plain_line_anchors(pattern, flags):
    assert Prefiltered(pattern, flags).lines is None


@pytest.mark.parametrize(
    "pattern, most, expected",
    [
        # within the budget: the whole requirement
        (r"\b(det|under det) gångna året\b|\bunder förra året\b", 8, ("one", 3)),
        # an "all" keeps its cheapest parts: "har" instead of 20 verbs
        (r"\bhar\s+(\w+\s+){0,3}?(genomfört|utfört|gjort|rapporterat|besökt|arbetat|jobbat|deltagit|startat)\b", 8, ("any", 1)),
        (r"\bnytt\s+medborgarlöfte\b", 1, ("any", 1)),
        # an "any" or "one" over the budget: nothing to test (always search)
        (r"\b(genomförts|utförts|utfärdats|rapporterats|upptäckts|hållits|startats|anmälts|stoppats)\b", 8, None),
        (r"\bnytt\s+medborgarlöfte\b|\bdet nya löftet\b", 2, None),
    ],
)
def test_prefilter_affordable_requirement_is_weaker_and_cheaper(pattern, most, expected):
    """A requirement bounded to ``most`` needle tests takes no more, and every text that meets
    the whole requirement meets it (so a bounded gate never skips a match)."""
    from promisemine.prefilter import Requirement, _tests

    whole, cheap = Requirement(pattern), Requirement(pattern, most_tests=most)
    if expected is None:
        assert cheap.tree is None
        return
    assert (cheap.tree[0], _tests(cheap.tree)) == expected and _tests(cheap.tree) <= most
    texts = [ln.lower() for p in sorted(DOCS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    texts += ["har genomfört", "under det gångna året", "ett nytt medborgarlöfte", "det nya löftet", "har", ""]
    for t in texts:
        assert cheap.met(t) or not whole.met(t), t


def test_prefilter_kind_cue_gates_are_bounded():
    """Every kind cue's gate takes at most the bounded number of needle tests."""
    from promisemine.prefilter import _MOST_TESTS, _tests

    for cue in _kind_cues():
        tree = cue.pattern.requirement.tree
        assert tree is None or _tests(tree) <= _MOST_TESTS, cue.pattern.pattern.pattern


# ---------------------------------------------------------------- jump scans of case-insensitive patterns

_EDGE_LETTERS = "ßẞİıſKÅﬁﬀµϐ\u0307"  # letters whose fold is longer, shorter or another letter


def test_prefilter_fold_lines_up_unless_a_letter_folds_to_none_or_several():
    """Every character folds to one character except U+0307 (to none) and those that fold to
    several ("ß", "ﬁ"): :func:`aligned`'s two tests (equal lengths, no U+0307) suffice."""
    from promisemine.prefilter import fold

    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue  # surrogates are no text
        n = len(fold(c))
        assert n >= 1 or c == "\u0307", hex(cp)


@pytest.mark.parametrize("engine", ["re", "regex"])
def test_prefilter_fold_of_a_matching_letter_is_the_letter(engine):
    """What the engines match case-insensitively to a letter of a start word folds to that
    letter (or to several characters, which :func:`aligned` rules out): a start word found
    in the text is found at the same offset of its fold."""
    import regex

    from promisemine.prefilter import fold

    eng = re if engine == "re" else regex
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyzåäöéü":
        for c in eng.findall(eng.escape(letter), every, eng.IGNORECASE):
            assert len(fold(c)) != 1 or fold(c) == letter, (letter, hex(ord(c)))


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"\b(?:januari|februari|mars)\s*-\s*(?:mars|april)\b", "Perioden JANUARI - April och mars-april"),
        # text that lines up with its fold: Kelvin sign, long s, dotless ı, dotted İ, Å (Angstrom)
        (r"\b(kommunen|staden|skolan)\b", "KOMMUNEN, ſkolan, Staden och Kommunen"),
        (r"\b(polisen|lovar)\b\s+\w+", "POLİSEN LOVAR att, polısen lovar"),
        (r"\b(kvarteret|vården)\b", "\u212Avarteret och V\u212Brden"),
        # text that does not: the plain scan finds the same matches
        (r"\b(gatan|vägen)\s+\d+", "Straße 3, Gatan 4, VÄGEN 5"),
        (r"\b(finns|hittas)\b", "ﬁnns det? Det ﬁnns och hittas, finns"),
        (r"\b(polisen|lovar)\b", "POLI\u0307SEN lovar, polisen"),
        (r"\b(polisen|lovar)\b", "İİ polisen ß lovar"),
        # the start words inside a longer word, at the ends of the text, and no text
        (r"\b(?:jan|feb)\w*\s+20\d\d", "samarbete jan 2020 FEB 2021 feb"),
        (r"\b(lovade|utförde)\b", "LOVADE"),
        (r"\b(lovade|utförde)\b", ""),
    ],
)
@pytest.mark.parametrize("engine", ["re", "regex"])
def test_prefilter_folded_jump_scan_finds_what_finditer_finds(pattern, text, engine):
    import regex

    from promisemine.prefilter import fold

    eng = re if engine == "re" else regex
    cue = Prefiltered(pattern, re.I, engine=eng, shortest_start=3)
    assert cue.starts is not None
    plain = [m.span() for m in eng.finditer(pattern, text, eng.IGNORECASE)]
    assert [m.span() for m in cue.finditer(text)] == plain
    assert [m.span() for m in cue.finditer(text, fold(text))] == plain
    assert cue.sub(lambda m: "#" * len(m.group()), text, fold(text)) == eng.sub(pattern, lambda m: "#" * len(m.group()), text, flags=eng.IGNORECASE)


@pytest.mark.parametrize(
    "text, lined_up",
    [
        ("Medborgarlöfte 2023", True),
        ("KELVIN \u212A, ſ, ı, İ, Å", True),  # each folds to one character
        ("Straße", False),  # "ß" → "ss"
        ("ﬁnns", False),  # "ﬁ" → "fi"
        ("i\u0307", False),  # the combining dot folds to nothing
        ("ßi\u0307", False),  # as long as the text, but shifted
    ],
)
def test_prefilter_aligned(text, lined_up):
    from promisemine.prefilter import aligned, fold

    assert aligned(text, fold(text)) is lined_up


def test_prefilter_folded_jump_scan_agrees_with_the_plain_scan_on_any_text():
    """A property test: on texts of month names, separators and the letters whose folds
    differ, the jump scan and the sub find what the engine finds."""
    hypothesis = pytest.importorskip("hypothesis")
    import regex
    from hypothesis import strategies as st

    from promisemine.prefilter import fold

    pattern = r"\b(?:jan|feb|mars?|april|maj)\w*\.?\s*(?:-|till)\s*(?:jan|feb|mars?|april|maj)\w*\s+20\d\d"
    cue = Prefiltered(pattern, re.I, engine=regex, shortest_start=3)
    assert cue.starts == {"jan", "feb", "mar", "april", "maj"}
    pieces = st.sampled_from(["jan", "JAN", "Feb", "mars", "MARS", "april", "Maj", "uari", " ", "-", "till", "2020", "x", "."] + list(_EDGE_LETTERS))

    @hypothesis.settings(max_examples=400, deadline=None)
    @hypothesis.given(st.lists(pieces, max_size=20).map("".join))
    def check(text):
        plain = [m.span() for m in regex.finditer(pattern, text, regex.I)]
        assert [m.span() for m in cue.finditer(text, fold(text))] == plain
        assert cue.sub(lambda m: "#", text, fold(text)) == regex.sub(pattern, "#", text, flags=regex.I)

    check()
