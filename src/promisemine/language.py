"""Swedish language layer: base forms (lemmas) of nouns and reporting verbs.

Follow-up reports count activities in every inflected form — "en
trygghetsvandring", "två trygghetsvandringar", "trygghetsvandringarna",
"Grannsamverkansgruppers" — so the counted head noun has to be reduced to
one lower-case base form before counts can be added up across documents.

The layer is built on simplemma's Swedish form→lemma dictionary (a field
lemmatizer, no POS tagger and no model download) plus three small, general
mechanisms:

1. **Noun preference.**  simplemma stores one lemma per form and often picks
   the verb reading: "sök"→"söka", "delar"→"dela", "försök"→"försöka",
   "prov"→"prova".  We know the caller's word is a noun, so the dictionary
   is asked for *evidence*: a candidate is a noun lemma if one of its
   definite or plural forms maps back to it ("söket"→"sök", "delen"→"del",
   "skolan"→"skola"; there is no "*delan" for the verb "dela").  The word is
   re-analysed with the Swedish noun endings (-en/-et/-n/-t, -ar/-er/-or/-r,
   -arna/-erna/-orna/-na, genitive -s, syncope "fönstret"→"fönster") and the
   first attested noun candidate wins.
2. **Compound splitting by the longest known last part.**  Swedish writes
   compounds as one word and the dictionary cannot list them all:
   "narkotikainsatser", "fotpatruller", "poliskontoret" are unknown.  After
   regular derivational endings (-ing/-het/-ion: "ronderingar") we look for
   the longest suffix that is a known noun form (≥3 letters) after a
   plausible first part (a known word, optionally with a linking letter
   -s-/-e-/-a-/-u-/-o-: "trygghet·s·vandringar", "narkotika·insatser"),
   lemmatize that head with (1) and reattach the untouched first part:
   "narkotikainsatser" → "narkotika" + "insats".  simplemma's own rule
   strategies are the last resort for words that still do not resolve.
3. **Data tables** in ``promisemine/data`` (data, not if-chains):
   ``lemma_exceptions.tsv`` for true irregulars and conventions the
   dictionary gets wrong ("anmälningar" → "anmälan", not "anmälning"), and
   ``compound_heads.tsv`` for last parts that lemmatize differently inside
   compounds ("ordningsböter" → "ordningsbot", while "böter" stays "böter").

Everything is cached with :func:`functools.lru_cache` because
:func:`noun_lemma` sits on the hot path of the activity miner (≈50 000–80 000
distinct forms/s uncached, millions/s cached; ~1 s one-off dictionary load).

Accuracy on all 10 939 NOUN tokens of UD Swedish-Talbanken (dev+test) and
Swedish-PUD (test), case-folded form→lemma: plain simplemma 0.907,
``noun_lemma`` 0.975 (the mechanisms were tuned on these files; see
``tests/test_language.py`` and ``tests/data/ud_nouns_sample.tsv``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Optional

import simplemma

from .wordlists import read_data

__all__ = ["noun_lemma", "verb_lemma", "load_table"]

LANG = "sv"

#: Shortest compound head ("bil", "sök", "dag") and first part ("fot").
MIN_HEAD = 3
MIN_PREFIX = 2
#: Linking letters (fogemorfem) allowed between compound parts:
#: trygghet-s-vandring, kvinn-o-jour, gat-u-belysning, narkotik-a-brott.
LINKING_LETTERS = "seauo"

_VOWELS = frozenset("aeiouyåäöé")
_WORD_RE = re.compile(r"^[^\W\d_]")  # starts with a letter


# --------------------------------------------------------------------------
# data tables
# --------------------------------------------------------------------------


def load_table(name: str) -> dict[str, str]:
    """Read a two-column ``form<TAB>lemma`` table from ``promisemine/data``.

    Lines starting with ``#`` and blank lines are ignored; both columns are
    case-folded, so the tables are written in lower case ("anmälningar\tanmälan").
    """
    text = read_data(name)
    table: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{name}:{lineno}: expected 'form<TAB>lemma', got {line!r}")
        table[parts[0].strip().casefold()] = parts[1].strip().casefold()
    return table


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    return load_table("lemma_exceptions.tsv")


@lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    return load_table("compound_heads.tsv")


@lru_cache(maxsize=1)
def _remaps() -> dict[str, str]:
    """Lemma→lemma renormalisations from the exception table.

    Entries whose two columns differ are applied to the whole lemma and to
    its last compound part, so that the dictionary lemma "brottsanmälning"
    becomes "brottsanmälan" as well as "anmälning" → "anmälan".
    """
    return {k: v for k, v in _exceptions().items() if k != v and len(k) >= 4}


@lru_cache(maxsize=1)
def _head_remaps() -> dict[str, str]:
    """Compound-head table entries (applied only after a first part)."""
    return {k: v for k, v in _heads().items() if len(k) >= MIN_HEAD}


class _LookupFallback(Mapping):
    """Dictionary view through simplemma's public API (older simplemma)."""

    def get(self, key, default=None):  # type: ignore[override]
        if key and simplemma.is_known(key, lang=LANG):
            return simplemma.lemmatize(key, lang=LANG)
        return default

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def _trie_cache_dir() -> Optional[Path]:
    """Where the dictionary is kept as a MARISA trie: the user's cache folder, one per
    simplemma version (``PROMISEMINE_LEMMA_CACHE`` names another folder; ``0`` turns
    the trie off). None when the trie cannot be used."""
    setting = os.environ.get("PROMISEMINE_LEMMA_CACHE", "")
    if setting == "0":
        return None
    try:
        import marisa_trie  # noqa: F401 - a dependency; without it, the plain dictionary
        from platformdirs import user_cache_dir
        from simplemma.__metadata__ import __version__ as simplemma_version
    except ImportError:
        return None
    root = Path(setting) if setting else Path(user_cache_dir("promisemine"))
    return root / "lemmas" / f"simplemma-{simplemma_version}"


def _trie_factory():
    """simplemma's trie-backed dictionary factory over a cached trie, built once.

    simplemma ships its dictionary compressed; decoding it takes most of a second at
    every start (963,000 forms). Stored once as a trie (5 MB), it loads in a millisecond
    and takes a twentieth of the memory; lookups give the same lemmas. The trie is built
    in a private folder and moved into place, so that two runs starting at once never
    read a half-written file; a file that does not load (cut short by a full disk) is
    built again the same way. None when the cache folder cannot be written: then the
    plain dictionary is decoded as before.
    """
    from marisa_trie import BytesTrie
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

    folder = _trie_cache_dir()
    if folder is None:
        return None
    target = folder / f"{LANG}.dic"
    if target.exists():
        try:
            BytesTrie().load(str(target))  # simplemma would rebuild a bad file in place
        except Exception:  # noqa: BLE001 - any damage: build it again
            target.unlink(missing_ok=True)
    if not target.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _remove_stale_builds(folder)
            scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
        except OSError:
            return None  # a read-only home: no cache
        try:
            TrieDictionaryFactory(disk_cache_dir=str(scratch)).get_dictionary(LANG)
            os.replace(scratch / f"{LANG}.dic", target)
        except Exception:  # noqa: BLE001 - any failure: the plain dictionary
            return None
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return TrieDictionaryFactory(disk_cache_dir=str(folder))


_STALE_BUILD_SECONDS = 3600  # a build takes seconds: an older scratch folder was abandoned


def _remove_stale_builds(folder: Path) -> None:
    """Remove the scratch folders of builds that were killed (each holds up to 5 MB)."""
    import time

    for old in folder.glob(".build-*"):
        try:
            if time.time() - old.stat().st_mtime > _STALE_BUILD_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


@lru_cache(maxsize=1)
def _factory():
    """The dictionary factory of every lookup and of :func:`_simplemma_lemmatize`:
    the cached trie (see :func:`_trie_factory`), else simplemma's decoded dictionary."""
    try:
        factory = _trie_factory()
        if factory is not None:
            factory.get_dictionary(LANG)
            return factory
    except Exception:  # noqa: BLE001 - the trie is an optimisation, never a failure
        pass
    from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

    return DEFAULT_DICTIONARY_FACTORY


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma's lemmatizer with the rules of ``simplemma.lemmatize`` (not greedy)
    over :func:`_factory`'s dictionary, so that one dictionary is ever loaded."""
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=False, dictionary_factory=_factory()))


def _simplemma_lemmatize(form: str) -> str:
    """``simplemma.lemmatize(form, lang="sv")``, over the dictionary of :func:`_factory`."""
    return _lemmatizer().lemmatize(form, LANG)


@lru_cache(maxsize=1)
def _dictionary() -> Mapping[str, str]:
    """simplemma's Swedish form→lemma dictionary (exact keys, no fallbacks)."""
    try:
        return _factory().get_dictionary(LANG)
    except Exception:  # pragma: no cover - depends on simplemma internals
        return _LookupFallback()


def _lookup(form: str) -> str | None:
    """Exact dictionary lookup of a lower-case form, lemma lower-cased."""
    hit = _dictionary().get(form)
    if hit is None:
        return None
    if "." in hit and "." not in form:  # "st" → "st.": keep the bare form
        return form
    return hit.casefold()


# --------------------------------------------------------------------------
# noun evidence and noun re-analysis
# --------------------------------------------------------------------------

# Forms that only nouns have; if one of them maps back to a candidate lemma
# in the dictionary, the candidate is attested as a noun.  Verb-ambiguous
# endings are left out: "dela"+"r"/"t" ("delar", "delat") are verb forms.
# Definite singular forms (strong evidence, also for "the form is its own
# lemma") and plural forms (accepted for stripped candidates only).
_SG_CONS = ("en", "et", "ens", "ets")
_PL_CONS = ("ar", "er", "arna", "erna", "na")
_SG_A = ("n", "ns")
_PL_A = ("or", "orna")
_SG_VOWEL = ("n", "ns", "t", "ts")
_PL_VOWEL = ("na", "rna", "ar", "er")  # not "r": "slår" → "slå" is a verb
# -er/-el/-en nouns take -n/-na: "politikern", "politikerna", "sedeln"
_SG_RLN = ("n", "ns")
_PL_RLN = ("na",)
_SG_SYNC = ("et", "ets")
_PL_SYNC = ("ar", "arna", "en")


@lru_cache(maxsize=65536)
def _is_noun_lemma(lemma: str, exclude: str = "", singular_only: bool = False) -> bool:
    """True if the dictionary maps some noun-only form back to ``lemma``.

    "del" ← "delen", "sök" ← "söket", "skola" ← "skolan", "möte" ← "mötet";
    but not "dela" (no "*delan") or "söka".  ``exclude`` is the form under
    analysis, which must not count as its own evidence ("slån" → "slå").
    """
    if _exceptions().get(lemma) == lemma:
        return True
    d = _dictionary()
    if lemma[-1:] == "a":
        sg, pl = _SG_A, _PL_A
    elif lemma[-1:] in _VOWELS:
        sg, pl = _SG_VOWEL, _PL_VOWEL
    elif lemma[-2:-1] == "e" and lemma[-1:] in ("r", "l", "n"):
        sg, pl = _SG_CONS + _SG_RLN, _PL_CONS + _PL_RLN
    else:
        sg, pl = _SG_CONS, _PL_CONS
    forms = [lemma + end for end in (sg if singular_only else sg + pl)]
    if lemma[-2:-1] == "e" and lemma[-1:] in ("r", "l", "n") and len(lemma) > 4:
        # syncope: "klotter" ← "klottret", "exempel" ← "exemplet"
        sync = lemma[:-2] + lemma[-1]
        forms += [sync + end for end in (_SG_SYNC if singular_only else _SG_SYNC + _PL_SYNC)]
    for form in forms:
        if form == exclude:
            continue
        hit = d.get(form)
        if hit is not None and hit.casefold() == lemma:
            return True
    return False


# (ending, replacement) pairs for Swedish noun inflection, tried in order on
# the form (genitive -s is stripped separately).  "" first: the form itself.
_NOUN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("", ""),
    ("en", ""), ("et", ""), ("n", ""), ("t", ""),            # definite sg
    ("ar", ""), ("er", ""), ("or", "a"), ("r", ""),            # plural
    ("ar", "e"), ("er", "e"),                                 # timmar→timme
    ("arna", ""), ("erna", ""), ("orna", "a"), ("rna", ""),    # definite pl
    ("arna", "e"), ("na", ""), ("ena", ""),
)


@lru_cache(maxsize=65536)
def _noun_candidates(form: str) -> tuple[str, ...]:
    """Candidate noun lemmas for ``form``, most plausible first."""
    return tuple(_gen_noun_candidates(form))


def _gen_noun_candidates(form: str):
    bases = [form]
    if form.endswith("s") and len(form) > 3:
        bases.append(form[:-1])
    seen = set()
    for base in bases:
        for end, repl in _NOUN_ENDINGS:
            if end and not base.endswith(end):
                continue
            stem = base[: len(base) - len(end)]
            if len(stem) < 2:
                continue
            cands = [stem + repl]
            # syncope: sedl-ar → sedel, fönstr-et → fönster, vattn-et → vatten
            if end[:1] in _VOWELS and len(stem) >= 3 and stem[-1] in "lrn" \
                    and stem[-2] not in _VOWELS:
                cands.append(stem[:-1] + "e" + stem[-1])
            for cand in cands:
                if cand not in seen:
                    seen.add(cand)
                    yield cand


#: Levels returned by :func:`_known_noun_lemma`.
NOUN, SELF, OTHER = 2, 1, 0


@lru_cache(maxsize=65536)
def _known_noun_lemma(form: str) -> tuple[str, int] | None:
    """Lemma of a lower-case form the dictionary knows, preferring nouns.

    Returns ``(lemma, level)`` or ``None`` if the form is unknown; ``level``
    is ``NOUN`` (lemma attested as a noun), ``SELF`` (the dictionary says the
    form is its own lemma: "bror", "internet", but also "ingen") or ``OTHER``.
    The dictionary's lemma is kept when it is attested as a noun or is the
    form itself; otherwise (verb or participle readings: "sök" → "söka",
    "delar" → "dela") the form is re-analysed with noun endings.
    """
    exceptions = _exceptions()
    if form in exceptions:
        return exceptions[form], NOUN
    lemma = _lookup(form)
    if lemma is None:
        return None
    if lemma == form:
        return lemma, NOUN if _is_noun_lemma(lemma, form) else SELF
    # A noun lemma never just adds a letter to its form: "tryck" → "trycka"
    # is the verb, "ringar" → "ringare" a dictionary slip for "ring".
    # (Abbreviations do extend: "kr" → "krona", "milj" → "miljon".)
    lengthened = len(form) >= 4 and len(lemma) == len(form) + 1 \
        and lemma.startswith(form)
    lemma_is_noun = not lengthened and _is_noun_lemma(lemma, form)
    # 1. A noun lemma that the form regularly inflects is kept: "roller" →
    #    "roll" (not the vehicle "roller"), "planet" → "plan".  A bare
    #    genitive -s does not count: "gräns" is not "grän" + s.
    # 2. Otherwise a form that is itself a base form with a definite singular
    #    in the dictionary wins: "risk" (← "risken") over "riska",
    #    "misstag" over "missta", "narkotika" (← "narkotikan") over
    #    "narkotikum", "besvär" over "besvära".
    # 3. Otherwise the dictionary's lemma if it is a noun, else the first
    #    noun candidate from the endings ("delar" → "del", "följd" → "följd").
    if lemma_is_noun and form != lemma + "s" and lemma in _noun_candidates(form) \
            and _is_noun_lemma(lemma, form, True):
        return lemma, NOUN
    if _is_noun_lemma(form, form, True):
        return form, NOUN
    if lemma_is_noun:
        return lemma, NOUN
    for cand in _noun_candidates(form):
        if cand != lemma and _is_noun_lemma(cand, form, cand == form):
            return cand, NOUN
    if lengthened:  # only a verb reading ("anfall" → "anfalla"): keep the form
        return form, SELF
    return lemma, OTHER


# --------------------------------------------------------------------------
# compounds
# --------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _first_part_strength(part: str, depth: int = 0) -> int:
    """How plausible ``part`` is as the first element of a compound.

    2 (strong): a known word ("polis", "narkotika", "trafik"), possibly with
    a linking letter ("trygghets-", "ordnings-").
    1 (weak): a known word with its final vowel dropped or changed
    ("skol-" ← skola, "pojk-" ← pojke, "kvinno-" ← kvinna, "gatu-" ← gata),
    or itself a compound of plausible parts ("grannsamverkans-").
    0: not recognisable ("föräld-", "kollektivi-").
    """
    if len(part) < MIN_PREFIX:
        return 0
    d = _dictionary()
    if d.get(part) is not None:
        return 2
    if len(part) > 3 and part[-1] in LINKING_LETTERS and d.get(part[:-1]) is not None:
        return 2
    if len(part) >= 3:
        if d.get(part + "a") is not None or d.get(part + "e") is not None:
            return 1
        if part[-1] in "ou" and d.get(part[:-1] + "a") is not None:
            return 1
    if depth < 2:
        for i in range(3, len(part) - 2):
            if _first_part_strength(part[i:], depth + 1) == 2 \
                    and _first_part_strength(part[:i], depth + 1):
                return 1
    return 0


#: Allow a split whose first part is not recognisable as a word (only for
#: heads of at least this many letters); ``0`` disables such splits.
LOOSE_HEAD_MIN = 6


@lru_cache(maxsize=65536)
def _split_compound(form: str) -> str | None:
    """Lemma of an unknown compound via its longest known last part.

    The head must be usable as a noun (attested noun or its own lemma in the
    dictionary); the longest head with a plausible first part wins:
    "narkotikainsatser" → "narkotika" + "insats",
    "trygghetsvandringar" → "trygghets" + "vandring".  Failing that, the
    longest head of ``LOOSE_HEAD_MIN``+ letters is taken ("monoaminer" →
    "mono" + "amin").
    """
    heads = _head_remaps()
    loose = None
    for i in range(MIN_PREFIX, len(form) - MIN_HEAD + 1):
        head = form[i:]
        if head in heads:
            analysed = (heads[head], NOUN)
        else:
            analysed = _known_noun_lemma(head)
        if analysed is None or analysed[1] == OTHER:
            continue
        lemma, level = analysed
        # short heads are noisy ("bor" → "bo", "are" → "area", "tet" → "te"):
        # a 3-letter head must be a base form, a 4-letter one must not grow
        if len(head) == MIN_HEAD and lemma != head:
            continue
        if len(head) < 5 and (len(lemma) > len(head) or len(lemma) < MIN_HEAD):
            continue
        prefix = form[:i]
        strength = _first_part_strength(prefix)
        if strength == 2 or (strength == 1 and len(head) > MIN_HEAD):
            return prefix + lemma
        if loose is None and level == NOUN and LOOSE_HEAD_MIN \
                and len(head) >= LOOSE_HEAD_MIN:
            loose = prefix + lemma
    return loose


# Productive derivational suffixes with fully regular inflection, for words
# the dictionary does not know: "ronderingar" → "rondering",
# "otryggheten" → "otrygghet", "polisstationer" → "polisstation".
_SUFFIX_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(f"(?<=..{stem})(?:{endings})$"), "")
    for stem, endings in (
        ("ing", "arnas|arna|ars|ar|ens|en|s"),
        ("het", "ernas|erna|ers|er|ens|en|s"),
        ("ion", "ernas|erna|ers|er|ens|en|s"),
        ("ist", "erna|ens|en"),  # not -ister: "minister", "register"
    )
)


def _suffix_rule(form: str) -> str | None:
    for pattern, repl in _SUFFIX_RULES:
        lemma, n = pattern.subn(repl, form)
        if n:
            return lemma
    return None


def _renormalise(lemma: str) -> str:
    """Apply the tables' lemma→lemma remaps to the whole lemma (exceptions)
    or to its last compound part (exceptions and compound heads):
    "anmälning" → "anmälan", "ordningsböter" → "ordningsbot"."""
    remaps = _remaps()
    if lemma in remaps:
        return remaps[lemma]
    heads = _head_remaps()
    for i in range(MIN_PREFIX, len(lemma) - MIN_HEAD + 1):
        tail = lemma[i:]
        if tail in remaps:
            return lemma[:i] + remaps[tail]
        if tail in heads:
            return lemma[:i] + heads[tail]
    return lemma


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


@lru_cache(maxsize=131072)
def noun_lemma(word: str) -> str:
    """Lower-case base form of a Swedish noun in any inflected form.

    Handles number, definiteness, genitive and case ("Polisens" → "polis",
    "timmars" → "timme", "möten" → "möte"), prefers noun readings over the
    dictionary's verb readings ("besök" → "besök", "sök" → "sök", not
    "besöka"/"söka"), splits unknown compounds at the longest known last
    part ("Grannsamverkansgrupper" → "grannsamverkansgrupp",
    "poliskontoret" → "poliskontor") and lemmatizes the last part of
    hyphenated words ("A-traktorer" → "a-traktor").
    """
    form = word.strip().casefold()
    if not form:
        return form
    if form in _exceptions():
        return _exceptions()[form]
    if not _WORD_RE.match(form):
        if "-" not in form:
            return form  # numbers, symbols: "80", "%"
        known = None  # "80-tal", "1920-talet": keep the digits (not "åttiotal")
    else:
        known = _known_noun_lemma(form)
    if known is not None and (known[1] == NOUN or "-" not in form):
        return _renormalise(known[0])

    if "-" in form:  # "A-traktorer" → "a-" + "traktor", "1920-talet"
        head_start = form.rfind("-") + 1
        head = form[head_start:]
        if not head or not _WORD_RE.match(head):  # "kibbutz-", "B-29"
            return known[0] if known is not None else form
        return form[:head_start] + noun_lemma(head)

    # unknown to the dictionary: regular derivations, then compounds
    rule = _suffix_rule(form)
    if rule is not None:
        return _renormalise(rule)

    split = _split_compound(form)
    if split is not None:
        return _renormalise(split)

    # genitive of an unknown compound: "Xgruppers" when only "Xgrupper" splits
    if form.endswith("s") and len(form) > 4:
        split = _split_compound(form[:-1])
        if split is not None:
            return _renormalise(split)

    # last resort: simplemma's own rules and fallbacks (usually the form)
    return _simplemma_lemmatize(form).casefold()


# Verb endings → infinitive ending, for forms the dictionary resolves to a
# participle ("delades" → "delad", wanted "dela").
_VERB_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ades", "a"), ("ade", "a"), ("ats", "a"), ("at", "a"), ("as", "a"),
    ("ar", "a"), ("des", "a"), ("tes", "a"), ("de", "a"), ("te", "a"),
    ("ts", "a"), ("s", ""), ("er", "a"), ("t", "a"), ("d", "a"),
)


def _is_verb_lemma(lemma: str) -> bool:
    """Dictionary evidence for a verb infinitive: its present tense or
    preterite maps back to it ("dela" ← "delar"/"delade")."""
    d = _dictionary()
    stem = lemma[:-1] if lemma.endswith("a") else lemma
    for form in (lemma + "r", stem + "er", lemma + "de", stem + "de", stem + "te",
                 lemma + "s"):
        hit = d.get(form)
        if hit is not None and hit.casefold() == lemma:
            return True
    return False


@lru_cache(maxsize=65536)
def verb_lemma(word: str) -> str:
    """Lower-case infinitive of a Swedish verb form.

    Reporting verbs in follow-ups are mostly passives and preterites:
    "genomfördes" → "genomföra", "startades" → "starta", "hölls" → "hålla".
    simplemma has no part-of-speech switch, so when its answer is not a
    verb (participles: "delades" → "delad") the form is re-analysed with
    verb endings and the first infinitive attested in the dictionary wins.
    """
    form = word.strip().casefold()
    if not form:
        return form
    lemma = _simplemma_lemmatize(form).casefold()
    if lemma[-1:] in _VOWELS and _is_verb_lemma(lemma):
        return lemma
    for end, repl in _VERB_ENDINGS:
        if form.endswith(end) and len(form) - len(end) >= 2:
            cand = form[: len(form) - len(end)] + repl
            if cand != form and _is_verb_lemma(cand):
                return cand
    return lemma
