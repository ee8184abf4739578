"""Document metadata of medborgarlöfte texts: municipality, years, kind and publication date.

A *medborgarlöfte* (citizen promise) is a yearly or multi-year agreement in which the local
police and a Swedish municipality (kommun) promise concrete actions; an *uppföljning*
(follow-up) reports what was done. This module reads four facts off such a text, using only
genre rules (no per-document special cases):

``municipality``
    the kommun the text is about, in base form: "Skara" (not "Skaras", not "Skara kommun").
    Evidence is scored: a mention in the title weighs most ("Hjo – medborgarlöften"),
    "X kommun" / "Xs kommun" / "X Stad" strongly, plain mentions ("polisen i Mariestad",
    "Skaras centrala delar") weakly, towns and districts inside a kommun ("Nossebro" → Essunga,
    "Nordstan" → Göteborg) more weakly still. Names inside a police-area name ("lokalpolisområde
    Karlstad", "LPO Karlstad", "chef för lokalpolisområde Katrineholm", "Region Stockholm",
    "Stockholms län") hardly count: a lokalpolisområde is often named after a neighbouring town.
``years``
    the period the promise covers, or the period a follow-up reports on — not every year the
    text mentions: "Medborgarlöfte 2023-2024" → [2023, 2024], "Uppföljning 2020-21" →
    [2020, 2021], "från 1 januari 2020 till 31 december 2022" → [2020, 2021, 2022]; years in
    "sedan 2017", "jämfört med år 2020", "(72 stycken under 2020)" and publication dates are
    ignored. Years in the title win.
``kind``
    "promise", "follow_up" or "other", scored from the cue table ``data/kind_cues.tsv``
    (title cues such as "Uppföljning" outweigh body cues such as "lovar").
``date``
    the publication date when the text states one ("Publicerad: 2022-03-23",
    "2019-02-04 11:57Pressmeddelande", a standalone "22 februari 2022" near the top).

All functions are pure; the two packaged tables (``data/municipalities.tsv`` with the 290
kommuner, and ``data/kind_cues.tsv``) are loaded lazily, once.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .prefilter import Prefiltered, aligned, fold
from .wordlists import column, read_data

__all__ = [
    "Metadata",
    "Municipality",
    "detect",
    "detect_municipality",
    "detect_years",
    "detect_kind",
    "detect_date",
    "find_title",
    "municipalities",
]

KINDS = ("promise", "follow_up", "other")


@dataclass
class Metadata:
    """The document-level facts of one text (see ``shared/spec/output-format.md``)."""

    municipality: Optional[str]
    years: list[int] = field(default_factory=list)
    kind: str = "other"  # "promise" | "follow_up" | "other"
    date: Optional[str] = None  # "YYYY-MM-DD"


@dataclass(frozen=True)
class Municipality:
    """One row of ``data/municipalities.tsv``: "Borås", "Borås", "Västra Götalands län", "stad"."""

    name: str
    genitive: str
    county: str
    municipality_word: str
    localities: tuple[str, ...] = ()


# --------------------------------------------------------------------------- tables


def _read_data(name: str) -> str:
    return read_data(name)


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """All 290 Swedish municipalities from the packaged table, in table order."""
    rows = []
    lines = [ln for ln in _read_data("municipalities.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        rec = dict(zip(header, ln.split("\t")))
        locs = tuple(x.strip() for x in rec.get("localities", "").split(",") if x.strip())
        rows.append(Municipality(rec["name"], rec["genitive"], rec["county"], rec["municipality_word"], locs))
    return tuple(rows)


@dataclass(frozen=True)
class _Cue:
    kind: str
    scope: str
    weight: float
    pattern: Prefiltered  # body cues skip the regex when its words are absent


@lru_cache(maxsize=1)
def _kind_cues() -> tuple[_Cue, ...]:
    cues = []
    lines = [ln for ln in _read_data("kind_cues.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        rec = dict(zip(header, ln.split("\t")))
        # body cues run on the lower-cased text without re.I (the same matches, much faster)
        flags = re.I | re.M if rec["scope"] == "title" else re.M
        pattern = rec["pattern"] if rec["scope"] == "title" else rec["pattern"].replace("A-ZÅÄÖ", "a-zåäö")
        cues.append(_Cue(rec["kind"], rec["scope"], float(rec["weight"]), Prefiltered(pattern, flags)))
    return tuple(cues)


# (_weights_are_halves, _body_cues and _body_score_maxima are read from _kind_cues once:
# a test that swaps the cue table patches them too)
@lru_cache(maxsize=1)
def _weights_are_halves() -> bool:
    """Are all cue weights non-negative multiples of 0.5, as in the bundled table? Then
    sums of them are exact in any order and only grow, which :func:`_kind`'s early
    decision relies on; a table with other weights has every cue tried, in table order."""
    return all(c.weight >= 0 and (2 * c.weight).is_integer() for c in _kind_cues())


@lru_cache(maxsize=1)
def _body_cues() -> tuple[_Cue, ...]:
    """The body cues, heaviest first (in table order among equal weights): the order in which
    :func:`_kind` tries them, as a heavy cue narrows the range of possible scores most."""
    return tuple(sorted((c for c in _kind_cues() if c.scope == "body"), key=lambda c: -c.weight))


# --------------------------------------------------------------------------- title

_MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_DATE = r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)"
_DMY_DATE = rf"(?<!\d)[0-3]?\d\s+{_MONTH_RE}\s+(?:19|20)\d\d(?!\d)"
_TIME = r"(?:\s*(?:kl\.?\s*)?[0-2]?\d[:.][0-5]\d)"
# A line that is nothing but a date (plus a time and a page type): "2019-02-04 11:57Pressmeddelande"
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:pressmeddelande|nyhet|nyheter|artikel|notis)\s*[|·•,:–-]?\s*)?"
    rf"(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\s+)?(?:den\s+)?"
    rf"(?P<date>{_ISO_DATE}|{_DMY_DATE}){_TIME}?\s*(?:[|·•,–-]\s*)?"
    rf"(?:pressmeddelande|nyhet|nyheter|artikel|notis)?\s*$",
    re.I,
)

_BOILERPLATE_LINE = re.compile(
    r"^(?:sök(?:\s+på\s+.*)?|lyssna|läs\s+(?:mer|upp)|null|none|meny|stäng|tillbaka|dela(?:\s+.*)?"
    r"|skriv\s+ut|till\s+innehåll(?:et)?|hoppa\s+till\s+.*|start|startsida|hem|nyheter|nyhet"
    r"|nyhetsarkiv|aktuellt|pressmeddelande|kommun\s+(?:och|&)\s+politik|in\s+english"
    r"|other\s+languages|translate|logga\s+in|javascript\s+är\s+inte.*|.*\b(?:cookies?|kakor)\b.*"
    r"|.*webbläsare.*|(?:publicerad|publicerat|uppdaterad|uppdaterat|senast\s+(?:uppdaterad|ändrad|granskad))\b.*"
    r"|bild\s*:.*|foto\s*:.*)$",
    re.I,
)


_BREADCRUMB_SEP = re.compile(r"\s[›>»/]\s")  # "Start > Nyheter"


def _is_boilerplate_line(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if _BOILERPLATE_LINE.match(s) or _DATE_LINE.match(s):
        return True
    if len(_BREADCRUMB_SEP.findall(s)) >= 2:  # breadcrumbs: Start > Nyheter > 2022
        return True
    return False


def find_title(text: str) -> Optional[str]:
    """The title line: the first short, non-boilerplate line of the text.

    Site furniture before the heading is skipped: "Sök", "Sök på polisen.se", "Lyssna",
    "Läs mer", "Javascript är inte påslaget i din webbläsare…", "null", and date lines such
    as "2019-02-04 11:57Pressmeddelande". Image captions that start in lower case ("två män
    skakar hand …") and long sentences are not titles either.
    """
    for raw in text.lstrip("\ufeff").splitlines():
        s = raw.strip()
        if _is_boilerplate_line(s):
            continue
        words = s.split()
        if not s[0].isupper() and not s[0].isdigit():
            continue
        if len(s) > 150 or len(words) > 20:
            continue
        if s.endswith(".") and len(words) > 12:
            continue
        return s
    return None


def _effective_title(text: str, title: Optional[str]) -> Optional[str]:
    if title is not None and title.strip() and not _is_boilerplate_line(title):
        return title.strip()
    return find_title(text)


# --------------------------------------------------------------------------- municipality

# Names that are also Swedish words or person names ("vara" = to be, "mark" = ground, Anna
# Berg, Per Lund, Nora …): these count only where the context makes a place reading clear.
_AMBIGUOUS = frozenset(
    "Ale Berg Bjuv Boden Eda Flen Kil Kinda Lund Mark Mora Nora Orsa Sala Salem Säter "
    "Tidaholm Vara Åre Öckerö".split()
)
# ... and of these the common words ("vara" = to be, "mark" = ground, "berg" = mountain,
# "kil" = wedge, "boden" = the shed) count only in a kommun context, in a title "Vara – …",
# or after a place preposition ("i Vara", "från Mark"); never sentence-initially.
_STRICT = frozenset("Vara Mark Berg Kil Boden".split())

_W_TITLE = 10.0
_W_TITLE_DISCOUNTED = 0.5
_W_KOMMUN = 3.0
_W_PLAIN = 1.0
_W_LOCALITY = 0.75
_W_DIRECTIONAL = 0.25
_W_POLICE_AREA = 0.2

_KOMMUN_AFTER = re.compile(r"^\s+(?:kommun|stad|KOMMUN|STAD|Kommun|Stad)(?:s|en|ens)?\b")
# The context before a mention is searched for patterns ending at "$", which ``re`` tries
# at each of its 80 positions; those with words are prefiltered: a context without
# "kommunen", "polisområde", "södra" … (nearly all of them) is not searched.
_KOMMUN_BEFORE = Prefiltered(r"(?:\bRegion|\bkommunen|\bstaden)\s+$", engine=re)
_POLICE_AREA_BEFORE = Prefiltered(
    r"(?:\blokalpolisområde\w*|\bpolisområde\w*|\bnärpolisområde\w*|\blokalområdespolischef\w*"
    r"|\blokalpolisområdeschef\w*|\bLPO|\bpolisregion\w*|\bregion|\blänet|\bpolisdistrikt\w*)"
    r"\s+(?:i\s+|för\s+)?(?:(?:västra|östra|norra|södra|mellersta|nordvästra|nordöstra|sydvästra|sydöstra)\s+)?$",
    re.I,
    engine=re,
)
_POLICE_AREA_AFTER = re.compile(r"^(?:\s+(?:läns?|polisområde\w*|lokalpolisområde\w*|LPO)\b|\))", re.I)
_DIRECTION_BEFORE = Prefiltered(
    r"\b(?:västra|östra|norra|södra|mellersta|nordvästra|nordöstra|sydvästra|sydöstra)\s+$", re.I, engine=re
)
_SENTENCE_START_BEFORE = re.compile(
    rf"(?:^|[.!?:;\n{re.escape(''.join(column('bullets.txt')))}]\s*|^\s*[-–*]\s*|\n\s*\d+[.)]\s*)$"
)
_NAME_LIKE_BEFORE = re.compile(r"(?:^|[^.!?:\n]\s)([A-ZÅÄÖ][a-zåäöé]+)\s+$")
_TITLE_WORD = re.compile(r"(?:Medborgarlöf|Uppföljning|Polisen|Kommun|Löfte|Trygg)", re.I)
_CAP_AFTER = re.compile(r"^\s+(?!(?:Kommun|Stad|KOMMUN|STAD)s?\b)[A-ZÅÄÖ][a-zåäöé]")
_TITLE_END_AFTER = re.compile(r"^\s*(?:$|[–—:,-]|\d)")
_REGION_BEFORE = re.compile(r"\bRegion\s+$")  # "Region Gotland"
_HYPHEN_BEFORE = re.compile(r"\w-$")  # "Essunga-Vara" (only tried when a "-" ends the context)
_HYPHEN_AFTER = re.compile(r"-\w")  # "Göteborgs-Posten"
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:i|från|till|för|runt|kring|om|av|inom|utanför)\s+$")  # "i Vara"


@dataclass(frozen=True)
class _Surface:
    base: str
    locality: bool


@lru_cache(maxsize=1)
def _surface_index() -> tuple[dict[str, _Surface], dict[str, tuple[str, ...]]]:
    """Every surface form of every kommun and locality, and the forms by their first word.

    "Malung-Sälen", "Malungs", "MALUNG" → Malung-Sälen; the second dict maps "Malung" to
    ("Malung-Sälen", "Malungs", …), longest first.
    """
    forms: dict[str, _Surface] = {}

    def add(form: str, base: str, locality: bool) -> None:
        for f in {form, form.upper()}:
            if f not in forms or (forms[f].locality and not locality):
                forms[f] = _Surface(base, locality)

    for m in municipalities():
        for form in (m.name, m.genitive):
            add(form, m.name, False)
            if "-" in form:
                add(form.replace("-", " "), m.name, False)
            if " " in form:
                add(form.replace(" ", "-"), m.name, False)
        for loc in m.localities:
            add(loc, m.name, True)
            if not loc.endswith("s"):
                add(loc + "s", m.name, True)
    by_first: defaultdict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_first[_WORD_RUN.match(form).group()].append(form)
    return forms, {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


_WORD_RUN = re.compile(r"\w+")
# every kommun and locality name starts so; the capital is matched before the look-behind
# "not inside a word", which lets ``re`` jump between capitals (3x faster than (?<!\w)[A-Z…])
_CAPITALISED = re.compile(r"[A-ZÅÄÖÉÜ](?<!\w[A-ZÅÄÖÉÜ])\w*")
_WORD_CHAR = re.compile(r"\w")


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping mentions of kommun/locality names, left to right, longest first.

    "kommunpolis i Malung-Sälen och Malungs centrum" → "Malung-Sälen", "Malungs". A name
    must stand as whole words. A capitalised word is looked up by itself, and only its
    own forms are tried: one dict lookup per capitalised word instead of a 1,700-way
    alternation at every position.
    """
    _, by_first = _surface_index()
    out = []
    floor = 0
    n = len(text)
    for m in _CAPITALISED.finditer(text):
        p = m.start()
        if p < floor:
            continue  # inside the previous mention ("Sälen" of "Malung-Sälen")
        for form in by_first.get(m.group(), ()):
            e = p + len(form)
            if text.startswith(form, p) and not (e < n and _WORD_CHAR.match(text, e)):
                out.append((p, e, form))
                floor = e
                break
    return out


def _mention_weight(text: str, start: int, end: int, surface: _Surface, in_title: bool) -> float:
    before = text[max(0, start - 80):start]
    after = text[end:end + 40]
    base = surface.base
    kommun_ctx = bool(_KOMMUN_AFTER.match(after)) or (
        bool(_KOMMUN_BEFORE.search(before)) and not _REGION_BEFORE.search(before)
    ) or (base == "Gotland" and _REGION_BEFORE.search(before) is not None)
    # ("$" also matches before a final "\n", so the "-" is one of the last two characters)
    hyphen_compound = bool(("-" in before[-2:] and _HYPHEN_BEFORE.search(before)) or _HYPHEN_AFTER.match(after))
    if hyphen_compound and not surface.locality:
        # "kommunpolis i Essunga-Vara-Grästorp", "Göteborgs-Posten": a compound, not the kommun
        return _W_TITLE_DISCOUNTED if in_title else _W_POLICE_AREA
    if not kommun_ctx and (_POLICE_AREA_BEFORE.search(before) or _POLICE_AREA_AFTER.match(after)):
        return _W_TITLE_DISCOUNTED if in_title else _W_POLICE_AREA
    if not kommun_ctx and _DIRECTION_BEFORE.search(before):
        return _W_TITLE_DISCOUNTED if in_title else _W_DIRECTIONAL
    if base in _AMBIGUOUS and not kommun_ctx and not surface.locality:
        sentence_start = bool(_SENTENCE_START_BEFORE.search(before))
        title_like_end = bool(_TITLE_END_AFTER.match(after))
        if sentence_start and base in _STRICT and not (title_like_end and (in_title or _line_is_short(text, start))):
            return 0.0
        nm = _NAME_LIKE_BEFORE.search(before)
        if nm and not (in_title and (nm.start(1) == 0 or _TITLE_WORD.match(nm.group(1)))):
            return 0.0  # "Anna Berg", "Per Lund"
        if _CAP_AFTER.match(after) and not in_title:
            return 0.0  # "Mark Johnson", "Nora Ahmed"
        if base in _STRICT and not in_title and not title_like_end:
            # a bare "Vara"/"Mark" mid-sentence: only after a place preposition
            if not _PLACE_PREPOSITION_BEFORE.search(before):
                return 0.0
    if in_title:
        return _W_TITLE + (_W_KOMMUN if kommun_ctx else 0.0)
    if surface.locality:
        return _W_LOCALITY
    return _W_KOMMUN if kommun_ctx else _W_PLAIN


def _line_is_short(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = len(text) if le < 0 else le
    return len(text[ls:le].split()) <= 12


def _score_municipalities(text: str, title: Optional[str]) -> dict[str, tuple[float, int]]:
    forms, _ = _surface_index()
    scores: defaultdict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    if title:
        seen_title: set[str] = set()
        for start, end, form in _mentions(title):
            surf = forms[form]
            w = _mention_weight(title, start, end, surf, in_title=True)
            if surf.locality:
                w = min(w, 2.0)
            if w > 0 and surf.base not in seen_title:
                seen_title.add(surf.base)
                scores[surf.base] += w
                first.setdefault(surf.base, -1)
    for start, end, form in _mentions(text):
        surf = forms[form]
        w = _mention_weight(text, start, end, surf, in_title=False)
        if w > 0:
            scores[surf.base] += w
            first.setdefault(surf.base, start)
    return {b: (s, first.get(b, len(text))) for b, s in scores.items()}


def detect_municipality(text: str, title: Optional[str] = None) -> Optional[str]:
    """The kommun the text is about, in base form, or None when no kommun is named.

    "Medborgarlöfte för Götene" → "Götene"; "Uppföljning av medborgarlöften 2020 - Lidköping"
    → "Lidköping"; "Lidköpings kommun" → "Lidköping"; "Borås Stad" → "Borås";
    "Medborgarlöftet 2018 i ESSUNGA" → "Essunga"; "Stockholm, Södermalm – medborgarlöften"
    → "Stockholm". In "Lokalpolisområde Karlstad och Hammarö kommun …" the kommun is Hammarö:
    the police area is named after its main town, so that mention hardly counts. The verb
    "vara" never means Vara, and "Vara" counts only in a place context ("i Vara",
    "Vara kommun", a title "Vara – medborgarlöften").
    """
    text = text.lstrip("\ufeff")
    return _municipality(text, _effective_title(text, title))


def _municipality(text: str, t: Optional[str]) -> Optional[str]:
    """:func:`detect_municipality` of a text without BOM and its effective title ``t``."""
    scores = _score_municipalities(text, t)
    if not scores:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
    return best[0] if best[1][0] > 0 else None


# --------------------------------------------------------------------------- years

_Y = r"(?:20[1-3]\d)"  # medborgarlöften exist since 2015; older years are background
_YS = rf"{_Y}(?:\s*(?:[-–—/]|till|och|&)\s*(?:{_Y}|\d{{2}}))?(?![\d])(?!-tal)"
# A year not inside a longer number. "20" comes before the look-behind "no digit before it"
# (the same test, (?<![\d]) at its start): a literal first lets ``re`` jump from "20" to
# "20" instead of trying every position, 15x faster.
_YEAR_TOKEN = re.compile(r"(20(?<![\d]20)[1-3]\d)(?![\d])(?!-tal)")

# "maj-dec 2018", "januari–december 2022"
_MONTH_RANGE_PATTERN = rf"\b{_MONTH_RE}\s*(?:[-–—]|till)\s*{_MONTH_RE}\s+{_YS}"
_STRONG_YEAR_PATTERNS = [
    # "från 1 januari 2020 till 31 december 2022"
    rf"\bfrån\s+(?:och\s+med\s+)?(?:den\s+)?(?:[0-3]?\d\s+{_MONTH_RE}\s+)?{_Y}\s*(?:till|t\.?\s?o\.?\s?m\.?|[-–—])\s*(?:den\s+)?(?:[0-3]?\d\s+{_MONTH_RE}\s+)?{_Y}",
    # "under perioden januari - december 2022", "perioden 2023–2024"
    rf"\bperioden\s+(?:{_MONTH_RE}\s*(?:[-–—]|till)\s*{_MONTH_RE}\s+)?{_YS}",
    _MONTH_RANGE_PATTERN,
    # "2018 års medborgarlöfte"
    rf"{_YS}\s+års\s+(?:medborgar)?löft",
    # "medborgarlöftet för 2019", "Medborgarlöfte 2023-2024", "löftet gäller under 2019",
    # "tvåårigt medborgarlöfte som löper över åren 2023 och 2024", "sitt löfte 2019"
    rf"(?:medborgar)?löft\w*\s+(?:(?:för|under|år|åren|gällande|avseende|perioden|som|gäller|löper|löpte|gällde|över|i)\s+){{0,4}}{_YS}",
    # "gäller under 2019", "löper över åren 2023 och 2024"
    rf"\b(?:gäller|gällde|löper|löpte|sträcker\s+sig|omfattar|avser)\s+(?:(?:under|för|över|åren|året|år|perioden|hela)\s+){{0,3}}{_YS}",
    # "konkreta aktiviteter under 2019", "Aktiviteter 2017"
    rf"\baktiviteter(?:na)?\s+(?:(?:under|för|år)\s+){{0,2}}{_YS}",
]
# Patterns scanned over the whole text use the ``regex`` engine: on a leading ``\b`` or a
# long alternation (the month names) it is 3-15x faster than ``re``. The matches are the
# same on ordinary text; ``regex``'s Unicode word rules differ at the edges, for the
# better here: a footnote mark ends a word ("medborgarlöfte¹ för 2019") and a combining
# accent of decomposed text is part of one. Each is skipped when the folded text lacks its
# words ("perioden", "aktiviteter"), and the month range is tried only where a month name
# starts: "jan", "feb", … are rare enough in these texts to jump between.
_STRONG_YEAR_RX = [Prefiltered(p, regex.I, engine=regex, shortest_start=3) for p in _STRONG_YEAR_PATTERNS]
_MONTH_RANGE_RX = _STRONG_YEAR_RX[_STRONG_YEAR_PATTERNS.index(_MONTH_RANGE_PATTERN)]
_MONTH_NAMES = tuple(_MONTHS)
_MONTH_WITH_DOT = max(map(len, _MONTHS)) + 1  # "september." is the longest a month can end

_IGNORE_BEFORE = re.compile(
    rf"(?:\bsedan|\bjämfört\s+med|\bjmf\.?\s+med|\bän|\bfram\s+till|\bföre|\bfr\.?o\.?m\.?|\bt\.?o\.?m\.?"
    rf"|\btill\s+och\s+med|\bfrån\s+och\s+med|\bårsskiftet"
    # a count, not a year: "ca 2000 fordon", "drygt 2010 anmälningar"
    rf"|\bca\.?|\bcirka|\bdrygt|\bnärmare|\bungefär|\bomkring|\bnästan|\bmer\s+än|\bfler\s+än|\btotalt"
    rf"|\bsammanlagt|\bknappt|\bstrax\s+under|\bupp\s+till)\s+(?:(?:år|året|med)\s+)*(?:{_MONTH_RE}\s+)?$",
    re.I,
)
_WEAK_BEFORE = re.compile(
    rf"(?:\bhösten|\bvåren|\bsommaren|\bvintern|\bslutet\s+av|\bbörjan\s+av|\bmitten\s+av|\bi\s+{_MONTH_RE}|\b[0-3]?\d\s+{_MONTH_RE})\s+$",
    re.I,
)
_MEDIUM_BEFORE = re.compile(r"(?:\bunder|\bför|\binför|\bår|\bi)\s+(?:år\s+)?$", re.I)
_YEAR_SPAN = re.compile(_YS)  # "2023", "2023-2024", "2020 till 2022"
_TWO_DIGIT_RANGE = re.compile(rf"({_Y})\s*[-–—/]\s*(\d{{2}})(?![\d])")  # "2020-21"
_RANGE_BETWEEN = re.compile(r"till|t\.?\s?o\.?\s?m|[-–—/]", re.I)  # "till", "t.o.m."
_FOLLOWUP_OF_BEFORE = re.compile(r"uppföljning\w*\s+(?:av\s+)?(?:\w*löft\w*\s+)?(?:för\s+)?$", re.I)  # "Uppföljning av medborgarlöfte för"
_UPPFOLJNING = re.compile(r"uppföljning", re.I)  # "uppföljning"
_EXPLICIT_RANGE = re.compile(rf"20(?<![\d]20)[1-3]\d\s*[-–—]\s*(?:{_Y}|\d{{2}})(?![\d])(?!-tal)")  # "2022-2023" (as _YEAR_TOKEN)
_SLASH_AFTER = re.compile(r"\s*/\s*\d")  # "2023/2024"
_SLASH_BEFORE = re.compile(r"\d\s*/\s*$")  # "2018/"

_W_STRONG = 5.0
_W_HEADING = 3.0
_W_MEDIUM = 1.5
_W_YEAR = 1.0
_W_WEAK = 0.5


_DATE_LABEL = r"(?:publicerad|publicerat|publicerades|uppdaterad|uppdaterat|uppdaterades|senast\s+ändrad|datum)\s*:?\s*(?:den\s+)?"
_ISO_DATE_MASK = regex.compile(_ISO_DATE, regex.I)  # "2019-02-04"
_LABELLED_DATE_MASK = Prefiltered(_DATE_LABEL + _DMY_DATE, regex.I, engine=regex)  # "Publicerad: 4 februari 2019"


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` (ascending, disjoint) replaced by spaces."""
    if not spans:
        return text
    pieces, end = [], 0
    for start, stop in spans:
        pieces += (text[end:start], " " * (stop - start))
        end = stop
    pieces.append(text[end:])
    return "".join(pieces)


def _mask_dates(text: str, folded: Optional[str] = None) -> tuple[str, str]:
    """Blank out publication dates and other full dates, keeping offsets; the masked text
    and its :func:`fold`, for the period phrases searched in both.

    >>> _mask_dates("Publicerad: 4 februari 2019. Gäller 2019-2020")
    ('                           . Gäller 2019-2020', '                           . gäller 2019-2020')

    ``folded`` is :func:`fold` of ``text`` when the caller has it. Where it lines up with
    the text (:func:`aligned`), the masked text's fold is it with the same characters
    blanked; otherwise the masked text is folded anew.
    """
    if folded is None:
        folded = fold(text)
    lined_up = aligned(text, folded)
    spans = [m.span() for m in _ISO_DATE_MASK.finditer(text)]
    text = _blanked(text, spans)
    folded = _blanked(folded, spans) if lined_up else fold(text)
    spans = [m.span() for m in _LABELLED_DATE_MASK.finditer(text, folded)]
    masked = _blanked(text, spans)
    return masked, _blanked(folded, spans) if lined_up else fold(masked)


def _years_of_span(span: str) -> list[int]:
    """Years a matched span denotes: "2023-2024" / "2020-21" / "2020 till 2022" → a range."""
    toks = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR_TOKEN.finditer(span)]
    if not toks:
        return []
    # two-digit end of range: "2020-21"
    m2 = _TWO_DIGIT_RANGE.search(span)
    if len(toks) == 1 and m2:
        y1 = int(m2.group(1))
        y2 = (y1 // 100) * 100 + int(m2.group(2))
        if y1 < y2 <= y1 + 6:
            return list(range(y1, y2 + 1))
        return [y1]
    if len(toks) >= 2:
        (_, e1, y1), (s2, _, y2) = toks[0], toks[-1]
        between = span[e1:s2]
        if _RANGE_BETWEEN.search(between) and y1 < y2 <= y1 + 6:
            return list(range(y1, y2 + 1))
        return sorted({y for _, _, y in toks})
    return [toks[0][2]]


def _in_parentheses(text: str, pos: int) -> bool:
    ls = max(text.rfind("\n", 0, pos), 0)
    seg = text[ls:pos]
    return seg.count("(") > seg.count(")")


def _month_before_a_year(masked: str, masked_folded: str, tokens: list[re.Match]) -> bool:
    """Does a month name ("december", "dec.") stand before one of the year ``tokens`` of
    ``masked``, with nothing but whitespace between, in its fold ``masked_folded``?

    Every month range ("maj-dec 2018", "januari–december 2022") ends so (its year is a
    token: not inside a number, not "2010-tal"), so a text without one is not scanned for
    it. True when the fold does not line up with the text, or the whitespace before a year
    runs too far to tell. (``str.rstrip`` strips every ``\\s`` of the engines, and more: a
    "." or a letter ends the whitespace for both.)
    """
    if not aligned(masked, masked_folded):
        return True
    for tok in tokens:
        p = tok.start()
        head = masked_folded[max(0, p - 40):p].rstrip()
        if len(head) < _MONTH_WITH_DOT and p > 40:
            return True
        if head.endswith("."):
            head = head[:-1]
        if head.endswith(_MONTH_NAMES):
            return True
    return False


def _title_years(title: str, kind: Optional[str]) -> list[int]:
    if "20" not in title:
        return []  # every year read begins so (and masking dates only blanks)
    t, _ = _mask_dates(title)
    cands = [m for m in _YEAR_SPAN.finditer(t) if not _IGNORE_BEFORE.search(t[: m.start()])]
    cands = [m for m in cands if _YEAR_TOKEN.match(t, m.start())]
    if not cands:
        return []
    if kind == "follow_up" and len(cands) > 1:
        for m in cands:
            if _FOLLOWUP_OF_BEFORE.search(t[: m.start()]):
                return _years_of_span(m.group(0))
    years: set[int] = set()
    for m in cands:
        years.update(_years_of_span(m.group(0)))
    return sorted(years)


def _body_year_candidates(text: str, kind: Optional[str], folded: Optional[str] = None) -> dict[tuple[int, ...], list[float]]:
    masked, masked_folded = _mask_dates(text, folded)
    cands: dict[tuple[int, ...], list[float]] = {}  # years -> [score, first position]
    consumed: set[int] = set()  # start offsets of year tokens already used

    def add(years: list[int], w: float, pos: int) -> None:
        if not years:
            return
        key = tuple(years)
        c = cands.setdefault(key, [0.0, pos])
        c[0] += w
        c[1] = min(c[1], pos)

    tokens = list(_YEAR_TOKEN.finditer(masked))  # every period phrase holds one of these
    # 1. strong: phrases that state the period of the promise / follow-up
    for rx in _STRONG_YEAR_RX if tokens else ():
        if rx is _MONTH_RANGE_RX and not _month_before_a_year(masked, masked_folded, tokens):
            continue  # (its jump scan looks for twelve month words through the whole text)
        for m in rx.finditer(masked, masked_folded):
            toks = [m.start() + t.start() for t in _YEAR_TOKEN.finditer(m.group(0))]
            if not toks or any(p in consumed for p in toks):
                continue
            if _in_parentheses(masked, m.start()) or _IGNORE_BEFORE.search(masked[max(0, m.start() - 40):toks[0]]):
                continue
            if kind == "promise" and _UPPFOLJNING.search(_line_of(masked, m.start())):
                continue
            consumed.update(toks)
            add(_years_of_span(m.group(0)), _W_STRONG, m.start())

    # 2. headings: a short line carrying a year ("Aktiviteter under 2022", "Medborgarlöfte 2023–2025");
    # only the lines of the year tokens are looked at
    lines = masked.splitlines(keepends=True) if tokens else []
    starts = list(itertools.accumulate(map(len, lines), initial=0))  # the offset of each line
    seen_line = -1
    for tok in tokens:
        i = bisect.bisect_right(starts, tok.start()) - 1
        if i == seen_line:
            continue
        seen_line = i
        line, pos = lines[i], starts[i]
        s = line.strip()
        words = s.split()
        if s and len(words) <= 12 and not s.endswith((".", ",")):
            lead = pos + (len(line) - len(line.lstrip()))
            toks = [lead + t.start() for t in _YEAR_TOKEN.finditer(s)]
            is_followup_ref = _UPPFOLJNING.search(s) is not None
            if not any(p in consumed for p in toks) and not (kind == "promise" and is_followup_ref):
                m = _YEAR_SPAN.search(s)
                if m and not _IGNORE_BEFORE.search(s[: m.start()]) and not _in_parentheses(s, m.start()):
                    consumed.update(toks)
                    add(_years_of_span(m.group(0)), _W_HEADING, lead)
            elif kind == "promise" and is_followup_ref:
                consumed.update(toks)

    # 3. an explicit range anywhere ("för 2022-2023") is a period statement
    for m in _EXPLICIT_RANGE.finditer(masked):
        toks = [m.start() + t.start() for t in _YEAR_TOKEN.finditer(m.group(0))]
        years = _years_of_span(m.group(0))
        if len(years) < 2 or any(p in consumed for p in toks):
            continue
        before = masked[max(0, m.start() - 40):m.start()]
        if _IGNORE_BEFORE.search(before) or _in_parentheses(masked, m.start()):
            continue
        consumed.update(toks)
        add(years, _W_MEDIUM if not _WEAK_BEFORE.search(before) else _W_WEAK, m.start())

    # 4. every other year, weighted by its context
    for m in tokens:
        if m.start() in consumed:
            continue
        before = masked[max(0, m.start() - 40):m.start()]
        if _IGNORE_BEFORE.search(before) or _in_parentheses(masked, m.start()):
            continue
        if _SLASH_AFTER.match(masked[m.end():m.end() + 4]) or _SLASH_BEFORE.search(before):
            continue  # "årsskiftet 2023/2024", "2018/mars" url pieces
        if _WEAK_BEFORE.search(before):
            w = _W_WEAK
        elif _MEDIUM_BEFORE.search(before):
            w = _W_MEDIUM
        else:
            w = _W_YEAR
        add([int(m.group(1))], w, m.start())
    return cands


def _line_of(text: str, pos: int) -> str:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    return text[ls: len(text) if le < 0 else le]


def detect_years(text: str, title: Optional[str] = None, kind: Optional[str] = None) -> list[int]:
    """The year(s) the promise covers or the follow-up reports on, sorted.

    Title years win: "Uppföljning medborgarlöfte 2023" → [2023] even when the body says the
    promise "löper över åren 2023 och 2024"; "Uppföljning 2020-21" → [2020, 2021]. Otherwise
    period phrases decide ("Medborgarlöfte 2023-2024", "2018 års medborgarlöfte",
    "medborgarlöftet för 2019", "gäller under 2019", "perioden januari - december 2022",
    "från 1 januari 2020 till 31 december 2022"), then headings with a year ("Aktiviteter
    under 2022"), then the best-supported year, counting "under 2019" more than a bare year
    and ignoring "sedan 2017", "jämfört med år 2020", "(72 stycken under 2020)" and dates.
    A promise's body heading "Uppföljning 2021" is a link to another document, not its period.
    When no year is stated, the publication date gives it (a promise announced 2019-02-04
    covers 2019; a follow-up published in the first half of 2018 reports on 2017).
    """
    text = text.lstrip("\ufeff")
    t = _effective_title(text, title)
    if kind is None:
        kind = _kind(text, t)
    return _years(text, t, kind, None, lambda: detect_date(text))


def _years(text: str, t: Optional[str], kind: str, folded: Optional[str], date_of) -> list[int]:
    """:func:`detect_years` of a text without BOM, its effective title ``t`` and its kind;
    ``folded`` is :func:`fold` of the text (or None), ``date_of()`` its publication date,
    asked for only when no year is stated."""
    if t:
        ty = _title_years(t, kind)
        if ty:
            return ty
    cands = _body_year_candidates(text, kind, folded)
    if cands:
        singles = {k[0]: v[0] for k, v in cands.items() if len(k) == 1}
        scored = []
        for key, (score, pos) in cands.items():
            if len(key) > 1:
                score += 0.5 * sum(singles.get(y, 0.0) for y in key)
            scored.append((score, -pos, key))
        best = max(scored)
        if best[0] >= _W_YEAR:
            return list(best[2])
    d = date_of()
    if d:
        y, mth = int(d[:4]), int(d[5:7])
        if kind == "follow_up" and mth <= 6:
            return [y - 1]
        return [y]
    if cands:
        return list(best[2])  # only weak evidence ("hösten 2016"), but better than nothing
    return []


# --------------------------------------------------------------------------- kind


def _title_cue_hits(title: Optional[str]) -> list[_Cue]:
    """The title cues that match ``title``, in table order. Both the kind scores and the
    title-cue weight use them, so each is tried once, on one fold of the title."""
    if not title:
        return []
    folded = fold(title)
    return [c for c in _kind_cues() if c.scope == "title" and c.pattern.search(title, folded)]


def _kind_body(text: str, title: Optional[str]) -> str:
    """The text the body cues read: lower-cased, without the title line (which the title
    cues judge alone)."""
    if title:
        idx = text.find(title)
        if idx >= 0:
            text = text[:idx] + text[idx + len(title):]
    return text.lower()


def _cue_count(cue: _Cue, body: str, found: dict[str, bool]) -> int:
    """How often a body cue matches ``body``, counting up to three (more add nothing)."""
    return sum(1 for _ in itertools.islice(cue.pattern.finditer(body, None, found), 3))


@lru_cache(maxsize=1)
def _body_score_maxima() -> dict[str, float]:
    """What the body cues can add to each kind score at most: each matching three times."""
    most = {"promise": 0.0, "follow_up": 0.0, "topic": 0.0}
    for cue in _body_cues():
        most[cue.kind] += 3 * cue.weight
    return most


def _score_bounds(title_hits: list[_Cue]) -> tuple[dict[str, float], dict[str, float]]:
    """The lowest and highest kind scores a text with these title cues can get: its title
    weights alone, and with every body cue matching three times."""
    low = {"promise": 0.0, "follow_up": 0.0, "topic": 0.0}
    for cue in title_hits:
        low[cue.kind] += cue.weight
    return low, {kind: low[kind] + most for kind, most in _body_score_maxima().items()}


def _relevant(scores: dict[str, float], title_cue: float) -> bool:
    """Does a text with these kind scores speak of a medborgarlöfte at all? (More of any
    score never makes a text less relevant.)"""
    evidence = max(scores["promise"], scores["follow_up"])
    return (
        scores["topic"] >= 2
        or (scores["topic"] >= 1 and evidence >= 2)
        # "Uppföljning 2020-21" over a report of what was done, without the word "löfte"
        or (title_cue >= 10 and evidence - title_cue >= 2)
    )


def _settled_kind(low: dict[str, float], high: dict[str, float], title_cue: float) -> Optional[str]:
    """The kind of a text whose scores lie between ``low`` and ``high``, when every score in
    that range gives the same kind; None while the cues still to be tried can change it.
    With the exact scores (``low`` = ``high``) it is the kind: "other" when not relevant,
    else "follow_up" when it outscores "promise" (a tie goes to promise)."""
    if not _relevant(high, title_cue):
        return "other"
    if not _relevant(low, title_cue):
        return None
    if low["follow_up"] > high["promise"]:
        return "follow_up"
    if low["promise"] >= high["follow_up"]:
        return "promise"
    return None


def _next_cue(pending: list[_Cue], low: dict[str, float], title_cue: float) -> int:
    """Where in ``pending`` (heaviest first) the body cue to try next is: a topic cue while
    the text's relevance is open, then a cue of the kind that trails (whose highest score
    must come down to decide), so that a text full of "Polisen lovar att:" is a promise
    before the follow-up's past-tense verbs ("har genomfört", "startades") have all been
    looked for."""
    if not _relevant(low, title_cue):
        want = "topic"
    else:
        want = "promise" if low["follow_up"] > low["promise"] else "follow_up"
    for i, cue in enumerate(pending):
        if cue.kind == want:
            return i
    return 0


def _title_cue_weight(title_hits: list[_Cue]) -> float:
    best = 0.0
    for kind in ("promise", "follow_up"):
        best = max(best, sum(c.weight for c in title_hits if c.kind == kind))
    return best


def detect_kind(text: str, title: Optional[str] = None) -> str:
    """"promise", "follow_up" or "other", from the weighted cues in ``data/kind_cues.tsv``.

    A follow-up reports what was done: "Uppföljning medborgarlöfte 2023", "Så uppfyllde
    polisen sitt löfte", "Utfallet blev:", "Under 2017 har polisen genomfört 14 kontroller",
    "I medborgarlöftet 2021 lovade vi …". A promise pledges: "Polisen lovar att:", "Nu har
    Skara kommun och Polisen undertecknat det nya medborgarlöftet", "Polisen ska …",
    "kommer att …". Title cues weigh most, so "Uppföljning …" stays a follow-up although it
    restates "Polisen lovar att:". A text that hardly speaks of medborgarlöfte / löfte / lovar
    (a trygghetsmätning, a contact page) is "other"; a tie between promise and follow-up goes
    to promise.
    """
    text = text.lstrip("\ufeff")
    return _kind(text, _effective_title(text, title))


def _kind(text: str, t: Optional[str]) -> str:
    """:func:`detect_kind` of a text without BOM and its effective title ``t``.

    The body cues are tried one at a time (see :func:`_next_cue`) until the cues left
    cannot change the kind, which is the kind of the complete scores by construction:
    a promise's "Polisen lovar att:" and "Polisen ska:" settle it before the scans for
    "har genomfört" or "genomfördes" (the costliest cues) are made.
    """
    hits = _title_cue_hits(t)
    title_cue = _title_cue_weight(hits)
    low, high = _score_bounds(hits)
    body = _kind_body(text, t)
    found: dict[str, bool] = {}  # the body cues share needles ("har", "ska"): each is looked for once
    if not _weights_are_halves():
        for cue in _kind_cues():
            if cue.scope == "body":
                low[cue.kind] += cue.weight * _cue_count(cue, body, found)
        return _settled_kind(low, low, title_cue)
    pending = list(_body_cues())
    while (kind := _settled_kind(low, high, title_cue)) is None:
        cue = pending.pop(_next_cue(pending, low, title_cue))
        n = _cue_count(cue, body, found)
        low[cue.kind] += cue.weight * n
        high[cue.kind] -= cue.weight * (3 - n)
    return kind


# --------------------------------------------------------------------------- date

_PUBLISHED = Prefiltered(
    rf"\b(?:publicerad|publicerat|publicerades|publ\.|datum)\s*:?\s*(?:den\s+)?(?P<date>{_ISO_DATE}|{_DMY_DATE})",
    re.I,
)
_UPDATED = Prefiltered(
    rf"\b(?:senast\s+uppdaterad|senast\s+ändrad|uppdaterad|uppdaterat|uppdaterades|sidan\s+uppdaterades)\s*:?\s*(?:den\s+)?(?P<date>{_ISO_DATE}|{_DMY_DATE})",
    re.I,
)


_ISO_DATE_FULL = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")  # "2019-02-04"
_DMY_DATE_FULL = re.compile(rf"([0-3]?\d)\s+({_MONTH_RE})\s+((?:19|20)\d\d)", re.I)  # "4 februari 2019"


def _parse_date(s: str) -> Optional[str]:
    s = s.strip()
    m = _ISO_DATE_FULL.fullmatch(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DMY_DATE_FULL.fullmatch(s)
        if not m:
            return None
        # the month as the case-insensitive match read it: "Februarı" (dotless ı) is februari
        mo = _MONTHS.get(fold(m.group(2)).rstrip("."))
        if mo is None:
            return None
        d, y = int(m.group(1)), int(m.group(3))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


_LINE_CONTENT = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")  # a non-empty line
_SPLIT_AT_ONCE = 20_000  # a text up to this length is split into lines at once, a longer one lazily


def detect_date(text: str) -> Optional[str]:
    """The publication date as "YYYY-MM-DD", or None.

    "Publicerad: 2022-03-23" → "2022-03-23"; a date line near the top such as
    "2019-02-04 11:57Pressmeddelande" or a standalone "22 februari 2022" → that date;
    "Senast uppdaterad 3 mars 2021" → "2021-03-03" when nothing says "Publicerad". Dates
    inside sentences ("från 1 januari 2020 till 31 december 2022") are periods, not dates.
    """
    text = text.lstrip("\ufeff")
    return _date(text, fold(text))


def _date(text: str, folded: str) -> Optional[str]:
    """:func:`detect_date` of a text without BOM whose :func:`fold` is ``folded``."""
    # the first match, found by the jump scan between the label words ("publicerad", "datum"):
    # in a whole text much cheaper than the engine's case-insensitive scan (``search``)
    m = next(_PUBLISHED.finditer(text, folded), None)
    if m and _parse_date(m.group("date")):
        return _parse_date(m.group("date"))
    if len(text) <= _SPLIT_AT_ONCE:
        lines = text.splitlines()  # (in C: 4x faster than the lazy scan on a page of text)
    else:
        lines = (m.group() for m in _LINE_CONTENT.finditer(text))  # as str.splitlines(), lazily
    for ln in itertools.islice(filter(str.strip, lines), 15):  # the first 15 non-blank lines
        # a date line's year begins "19" or "20": most lines hold neither and are not tried
        dm = _DATE_LINE.match(ln) if "20" in ln or "19" in ln else None
        if dm and _parse_date(dm.group("date")):
            return _parse_date(dm.group("date"))
    m = _UPDATED.search(text, folded)
    if m and _parse_date(m.group("date")):
        return _parse_date(m.group("date"))
    return None


# --------------------------------------------------------------------------- all together


def detect(text: str, title: Optional[str] = None) -> Metadata:
    """All document metadata at once: municipality, years, kind and date.

    ``title`` is the document's title line when the caller knows it; otherwise it is found
    with :func:`find_title` (skipping "Sök", "Lyssna", "2019-02-04 11:57Pressmeddelande" …).
    """
    text = text.lstrip("\ufeff")
    t = _effective_title(text, title)  # found once, and the text folded once, for all four
    folded = fold(text)
    kind = _kind(text, t)
    date = _date(text, folded)
    return Metadata(
        municipality=_municipality(text, t),
        years=_years(text, t, kind, folded, lambda: date),
        kind=kind,
        date=date,
    )
