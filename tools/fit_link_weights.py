#!/usr/bin/env python3
"""Learn the link weights (``src/promisemine/data/link_weights.tsv``) from annotated documents.

Each (activity, candidate pledge) pair of a gold-matched activity is one example: its
features are the evidence signals of :func:`promisemine.linking.score_link` (position,
wording, theme, party …), its label whether gold accepts that pledge. A logistic
regression with an L2 penalty gives weights whose squashed sum is a calibrated
probability (``link_score``); the threshold for "links to no pledge" is the one that
maximises link accuracy. Leave-one-document-out accuracy is printed beside the in-sample
figure, so that an overfit shows.

usage: python tools/fit_link_weights.py [--docs corpus/docs] [--gold corpus/gold] [--write]
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

from promisemine import evaluate as ev
from promisemine import linking, sections
from promisemine.pipeline import extract_text
from promisemine.reading import decode

SIGNALS = ["position_nearest", "position_section", "position_after", "wording", "theme", "party_match", "party_conflict", "only_pledge"]


def examples(docs_dir: Path, gold_dir: Path):
    """Yield (doc name, activity index, [(features, label)], gold accepts None)."""
    for gold in ev.load_gold(gold_dir):
        text, _ = decode((docs_dir / gold.doc).read_bytes())
        doc = extract_text(text, source=gold.doc, doc_id=Path(gold.doc).stem)
        if not doc.pledges:
            continue
        records = [p.to_dict() for p in doc.pledges]
        matched = ev.match_pledges(gold.pledges, records)
        refs = {records[i]["id"]: ev.PledgeRef(gold.doc, gid) for gid, i in matched.items()}
        acts = [a.to_dict() for a in doc.activities]
        hits, _ = ev.match_activities(text, [g for g in gold.activities], acts)
        _, blocks, _ = sections.segment(text, doc.id)
        scored = dict((a.id, s) for a, s in linking.candidate_scores(doc, doc.pledges, blocks))
        for ga, hit in zip(gold.activities, hits):
            if hit is None or ga.optional:
                continue
            rows = []
            for p, _, evidence in scored[acts[hit]["id"]]:
                label = ev.link_is_correct(p.id, ga.pledges, gold, refs)
                rows.append(([evidence.get(k, 0.0) for k in SIGNALS], float(label)))
            yield gold.doc, rows, None in ga.pledges


def fit(data, l2: float = 1.0, steps: int = 4000, lr: float = 0.1) -> np.ndarray:
    X = np.array([[1.0] + f for _, rows, _ in data for f, _ in rows])
    y = np.array([lab for _, rows, _ in data for _, lab in rows])
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]] / len(y)
        w -= lr * grad * 10
    return w


def decide(w: np.ndarray, rows, threshold: float):
    scores = [1 / (1 + math.exp(-(w[0] + np.dot(w[1:], f)))) for f, _ in rows]
    best = max(range(len(rows)), key=lambda i: scores[i])
    return (best, scores[best]) if scores[best] >= threshold else (None, scores[best])


def accuracy(w, data, threshold) -> float:
    ok = 0
    for _, rows, none_ok in data:
        best, _ = decide(w, rows, threshold)
        ok += (none_ok if best is None else rows[best][1] == 1.0)
    return ok / max(1, len(data))


def best_threshold(w, data) -> float:
    grid = [t / 100 for t in range(5, 96)]
    return max(grid, key=lambda t: (accuracy(w, data, t), -abs(t - 0.5)))


def _calibration(w, data, t) -> None:
    """Print how often the chosen link is right per score bucket."""
    buckets = {"<0.5": [0, 0], "0.5-0.8": [0, 0], ">=0.8": [0, 0]}
    for _, rows, _ in data:
        best, sc = decide(w, rows, t)
        if best is None:
            continue
        key = "<0.5" if sc < 0.5 else "0.5-0.8" if sc < 0.8 else ">=0.8"
        buckets[key][0] += 1
        buckets[key][1] += rows[best][1] == 1.0
    for k, (n, right) in buckets.items():
        print(f"  score {k:8s} n={n:3d} right={right / n if n else float('nan'):.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--docs", type=Path, default=root / "corpus" / "docs")
    ap.add_argument("--gold", type=Path, default=root / "corpus" / "gold")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--write", action="store_true", help="write the weights to data/link_weights.tsv")
    args = ap.parse_args(argv)
    data = list(examples(args.docs, args.gold))
    cur = linking.weights()
    w_cur = np.array([cur["bias"]] + [cur.get(k, 0.0) for k in SIGNALS])
    print(f"current weights: link accuracy {accuracy(w_cur, data, cur['threshold']):.3f}")
    _calibration(w_cur, data, cur["threshold"])
    w = fit(data, args.l2)
    t = best_threshold(w, data)
    print(f"examples: {len(data)} activities, {sum(len(r) for _, r, _ in data)} pairs")
    print(f"in-sample link accuracy: {accuracy(w, data, t):.3f} (threshold {t:.2f})")
    names = sorted({d for d, _, _ in data})
    loo_ok = 0
    for name in names:
        train = [x for x in data if x[0] != name]
        test = [x for x in data if x[0] == name]
        wl = fit(train, args.l2)
        loo_ok += accuracy(wl, test, best_threshold(wl, train)) * len(test)
    print(f"leave-one-document-out link accuracy: {loo_ok / len(data):.3f}")
    _calibration(w, data, t)
    print("weights:", {"bias": round(w[0], 3), **{k: round(v, 3) for k, v in zip(SIGNALS, w[1:])}})
    if args.write:
        path = root / "src" / "promisemine" / "data" / "link_weights.tsv"
        lines = [
            "# Weights of the signals that link an activity to a pledge (see linking.py), learned by",
            "# tools/fit_link_weights.py (logistic regression on the bundled gold); the squashed sum is",
            "# the link_score, and below `threshold` an activity links to no pledge.",
            "# signal\tweight",
            f"bias\t{w[0]:.3f}",
        ] + [f"{k}\t{v:.3f}" for k, v in zip(SIGNALS, w[1:])] + [f"threshold\t{t:.2f}"]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
