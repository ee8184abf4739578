"""Shared helpers of the test suite: the bundled corpus and its gold annotations.

The tests match system output to gold the way ``shared/spec/annotation-format.md``
says; ``find_span`` is the package's own (``promisemine.evaluate``), the pledge Dice is
written here again on purpose so that the tests do not trust the code they check.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from promisemine.evaluate import find_span

__all__ = ["DOCS", "GOLD", "ROOT", "dice", "find_span", "load_gold", "norm", "read_doc"]

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
GOLD = ROOT / "corpus" / "gold"
WORD = re.compile(r"\w+")


def norm(s: str) -> str:
    """Whitespace folded: headings and texts compare this way."""
    return " ".join(s.split())


def read_doc(stem: str) -> str:
    return (DOCS / f"{stem}.txt").read_text("utf-8")


def load_gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text("utf-8"))


def dice(a: str, b: str) -> float:
    """Word-set Dice overlap of two texts (casefolded \\w+ tokens)."""
    A = {w.casefold() for w in WORD.findall(a or "")}
    B = {w.casefold() for w in WORD.findall(b or "")}
    return 2 * len(A & B) / (len(A) + len(B)) if A and B else 0.0
