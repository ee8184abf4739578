"""Per pledge, what was reported done: the fulfilment table of a run.

:func:`fulfilment_table` turns the linked documents of a run (``Activity.pledge_id``,
``Pledge.same_as``) into one row per pledge, with the activities that count towards it,
their summed quantities and a status:

>>> from promisemine.records import Activity, Document, Pledge, Quantity
>>> promise = Document(id="x", source="x.txt", kind="promise", municipality="Essunga", years=[2023],
...     pledges=[Pledge("x#p1", "police", "Genomföra minst 10 stycken trafikkontroller.", 0, 44, "x#s1",
...                     quantity=Quantity("minst 10 stycken", low=10))])
>>> follow_up = Document(id="y", source="y.txt", kind="follow_up", municipality="Essunga", years=[2023],
...     activities=[Activity("y#a1", "42 trafikkontroller genomfördes", "42 trafikkontroller genomfördes.",
...                          0, 31, "y#s1", quantity=Quantity("42", value=42), lemma="trafikkontroll",
...                          pledge_id="x#p1", link_score=0.9)])
>>> row = fulfilment_table([promise, follow_up]).iloc[0]
>>> row.target, float(row.target_value), int(row.n_activities), float(row.achieved), row.status
('minst 10 stycken', 10.0, 1, 42.0, 'target met')
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional

from .records import Activity, Document, Pledge, Quantity

NO_LEMMA = "(no lemma)"

#: The statuses, from least to most done.
STATUSES = ("nothing reported", "reported", "below target", "target met")

FULFILMENT_COLUMNS = [
    "pledge_id", "doc_id", "municipality", "years", "party", "text", "same_as",
    "target", "target_value", "target_period",
    "n_activities", "quantities_by_lemma", "total_quantity", "achieved",
    "activity_ids", "mean_link_score", "status",
]


def quantity_number(q: Optional[Quantity], *, allow_high: bool = False) -> Optional[float]:
    """The number a quantity stands for: ``value``, else ``low`` (else ``high`` if allowed).

    "42" -> 42; "minst 10 stycken" (low=10) -> 10; "några" (vague only) -> None.
    """
    if q is None:
        return None
    candidates = (q.value, q.low, q.high) if allow_high else (q.value, q.low)
    for v in candidates:
        if v is not None:
            try:
                return float(v)
            except (TypeError, ValueError):
                return None
    return None


def _lemma_in_pledge(lemma: Optional[str], pledge_text: str) -> bool:
    """Whether an activity's counted noun is what the pledge counts.

    A lemma matches when it stands in the pledge text as a word or the start of one
    ("trafikkontroll" in "… 10 stycken trafikkontroller").
    """
    if not lemma or len(lemma) < 3:
        return False
    low = pledge_text.lower()
    lemma = lemma.lower()
    i = low.find(lemma)
    while i >= 0:
        if i == 0 or not low[i - 1].isalpha():
            return True
        i = low.find(lemma, i + 1)
    return False


def _status(n: int, target_value: Optional[float], achieved: Optional[float]) -> str:
    if n == 0:
        return "nothing reported"
    if target_value is None or achieved is None:
        return "reported"
    return "target met" if achieved >= target_value else "below target"


def fulfilment_table(docs: Iterable[Document]):
    """One row per pledge of the run (in document and pledge order): what was reported done.

    Which activities count towards a pledge P (``activity_ids``, ``n_activities``):
    every activity of the run whose ``pledge_id`` is P's id, plus every activity whose
    ``pledge_id`` is the id of a pledge Q with ``Q.same_as == P.id``. So when the Essunga
    follow-up 2023 restates the promise pledge "Polisen ska genomföra riktad
    trafikövervakning …" (``040#p1.same_as == "038#p1"``), the activities linked to the
    restatement also count for the promise pledge ``038#p1``. The restating pledge counts
    only the activities linked to itself (one hop, no reverse direction), so summing
    ``n_activities`` over all rows may count an activity twice — once for the
    restatement, once for the promise.

    Columns:

    * ``pledge_id``, ``doc_id``, ``municipality``, ``years``, ``party``, ``text``,
      ``same_as`` — the pledge and its document;
    * ``target`` — the pledge quantity's surface text ("minst 10 stycken") or None;
      ``target_value`` — its ``value``, else ``low``, else ``high`` (NaN if none);
      ``target_period`` — its frequency ("P2W") or None;
    * ``quantities_by_lemma`` — ``{lemma: summed number}`` over the counted activities
      with a numeric quantity (``value``, else ``low``: "minst 50" counts 50); an
      activity without a lemma is summed under ``"(no lemma)"``;
    * ``total_quantity`` — the sum of all those numbers (NaN if no activity has one);
    * ``achieved`` — the number compared with the target: the sum over the activities
      whose lemma stands in the pledge text ("trafikkontroll" in "… trafikkontroller"),
      or, when no lemma matches, ``total_quantity``;
    * ``activity_ids`` — the counted activities, in run order;
    * ``mean_link_score`` — mean ``link_score`` of those activities (NaN if none);
    * ``status`` — one of :data:`STATUSES`:

      - ``"nothing reported"``: no activity counts towards the pledge;
      - ``"reported"``: activities count, but there is nothing to compare — the pledge
        has no numeric target ("Polisen ska aktivt jobba för att öka synligheten"), or
        none of its activities carries a number;
      - ``"below target"``: ``achieved < target_value``;
      - ``"target met"``: ``achieved >= target_value``.

    Example: the pledge "Genomföra minst 10 stycken trafikkontroller" has target
    "minst 10 stycken", ``target_value`` 10; a linked activity "42 trafikkontroller
    genomfördes" (lemma "trafikkontroll", 42) gives ``achieved`` 42 and "target met";
    had only "6 trafikkontroller" been reported, it would be "below target".
    A target with only an upper bound ("högst fem") is compared the same way (met when
    reached), which the table does not try to interpret further.
    """
    import pandas as pd

    docs = list(docs)
    pledges: list[tuple[Document, Pledge]] = [(d, p) for d in docs for p in d.pledges]
    direct: dict[str, list[Activity]] = defaultdict(list)
    for d in docs:
        for a in d.activities:
            if a.pledge_id:
                direct[a.pledge_id].append(a)
    restated_by: dict[str, list[str]] = defaultdict(list)
    for _, p in pledges:
        if p.same_as and p.same_as != p.id:
            restated_by[p.same_as].append(p.id)

    rows = []
    for d, p in pledges:
        acts = list(direct.get(p.id, []))
        seen = {id(a) for a in acts}
        for qid in restated_by.get(p.id, []):
            for a in direct.get(qid, []):
                if id(a) not in seen:
                    seen.add(id(a))
                    acts.append(a)
        by_lemma: dict[str, float] = {}
        matched: Optional[float] = None
        for a in acts:
            n = quantity_number(a.quantity)
            if n is None:
                continue
            key = a.lemma or NO_LEMMA
            by_lemma[key] = by_lemma.get(key, 0.0) + n
            if _lemma_in_pledge(a.lemma, p.text):
                matched = (matched or 0.0) + n
        total = sum(by_lemma.values()) if by_lemma else None
        achieved = matched if matched is not None else total
        target_value = quantity_number(p.quantity, allow_high=True)
        scores = [float(a.link_score) for a in acts if a.link_score is not None]
        rows.append({
            "pledge_id": p.id,
            "doc_id": d.id,
            "municipality": d.municipality,
            "years": list(d.years),
            "party": p.party,
            "text": p.text,
            "same_as": p.same_as,
            "target": p.quantity.text if p.quantity else None,
            "target_value": target_value,
            "target_period": p.quantity.period if p.quantity else None,
            "n_activities": len(acts),
            "quantities_by_lemma": by_lemma,
            "total_quantity": total,
            "achieved": achieved,
            "activity_ids": [a.id for a in acts],
            "mean_link_score": sum(scores) / len(scores) if scores else None,
            "status": _status(len(acts), target_value, achieved),
        })
    df = pd.DataFrame(rows, columns=FULFILMENT_COLUMNS)
    for col in ("target_value", "total_quantity", "achieved", "mean_link_score"):
        df[col] = df[col].astype("float64")
    df["n_activities"] = df["n_activities"].astype("int64")
    return df


def status_counts(df) -> dict[str, int]:
    """``{status: number of pledges}`` for every status of :data:`STATUSES`, zeros included."""
    counts = df["status"].value_counts() if len(df) else {}
    return {s: int(counts.get(s, 0)) for s in STATUSES}
