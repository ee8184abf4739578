"""Load the word lists and rule tables of ``promisemine/data``.

Rules are data: a new Swedish phrasing is a new row in a table, not a new ``if``.
Every table is UTF-8 text, one row a line, tab-separated columns, ``#`` comments.

>>> "vid" in function_words("preposition")
True
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

# The tables ship inside the package as plain files (read by path: importlib.resources
# would add some 15 ms to every start of the command line).
DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> str:
    """The text of ``data/<name>`` ("kind_cues.tsv", "quantities/numbers.tsv")."""
    return (DATA_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>`` without comments and blank lines."""
    raw = read_data(name)
    return tuple(tuple(r.split("\t")) for r in raw.splitlines() if r.strip() and not r.startswith("#"))


@lru_cache(maxsize=None)
def column(name: str, index: int = 0) -> tuple[str, ...]:
    return tuple(r[index].strip() for r in rows(name) if len(r) > index)


@lru_cache(maxsize=None)
def alternation(name: str) -> regex.Pattern:
    """The patterns of the first column as one case-insensitive regex."""
    return regex.compile("|".join(f"(?:{p})" for p in column(name)), regex.IGNORECASE)


@lru_cache(maxsize=None)
def any_of(name: str):
    """The patterns of the first column as a test "does any row match?" that skips the
    rows whose words are absent (see :class:`promisemine.prefilter.AnyOf`)."""
    from .prefilter import AnyOf

    return AnyOf(column(name))


@lru_cache(maxsize=None)
def function_words(*classes: str) -> frozenset[str]:
    """Swedish function words of the given classes (``data/function_words.tsv``):
    preposition, conjunction, subordinator, auxiliary, determiner, pronoun, adverb."""
    wanted = set(classes)
    return frozenset(r[0].strip() for r in rows("function_words.tsv") if wanted & set(r[1].split(",")))
