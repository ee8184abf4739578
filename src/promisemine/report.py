"""A self-contained HTML report of a run: each pledge, then the activities that fulfil it.

``promisemine report corpus/docs -o report.html`` (or :func:`write_report`) writes one
page — inline CSS, no script, no external asset — that a reader opens in any browser:

* a header with the counts of the run (documents, pledges, activities, links, the
  pledge statuses of :func:`promisemine.fulfilment.fulfilment_table`);
* per document (municipality, years, kind, source): each pledge with its party, target
  and status, followed by the activities counted towards it (their clause, the sentence
  they stand in, quantity, lemma, ``link_score`` and the evidence signals); then the
  document's activities linked to pledges of other documents, the activities linked to
  no pledge, and the document's errors.

Every piece of document text goes through :func:`html.escape`: a document whose title
is "Medborgarlöfte <script>alert(1)</script>" shows that line as text, never as markup.
"""
from __future__ import annotations

import html
import os
import re
from typing import Optional

from .records import Activity, Document, Pledge, Quantity

PARTY_LABELS = {"police": "Polisen", "municipality": "Kommunen", "joint": "Gemensamt"}
KIND_LABELS = {"promise": "promise", "follow_up": "follow-up", "other": "other"}

CSS = """
:root { --ink:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#f6f7f9; --card:#fff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; padding: 0 1rem 3rem; }
main { max-width: 70rem; margin: 0 auto; }
header.run { padding: 1.5rem 0 .5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.counts li { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .35rem .7rem; }
.counts b { font-size: 1.1rem; margin-right: .25rem; }
nav.toc ol { columns: 2; font-size: .9rem; }
section.doc { background: var(--card); border: 1px solid var(--line); border-radius: .75rem; padding: 1rem 1.25rem; margin: 1.25rem 0; }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
.meta code, .ids { font-size: .85em; }
.pledge { border-left: 4px solid var(--line); padding: .5rem 0 .5rem .9rem; margin: .9rem 0; }
.pledge.st-target-met { border-color: #2e8b57; }
.pledge.st-below-target { border-color: #d08a00; }
.pledge.st-reported { border-color: #3a6ea5; }
.pledge.st-nothing-reported { border-color: #b8bfcc; }
.pledge-text { font-weight: 600; margin: .2rem 0; }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; border-radius: 1rem; padding: .05rem .55rem; margin-right: .3rem; vertical-align: middle; }
.party-police { background: #dde8f7; color: #1b3f72; }
.party-municipality { background: #e3f2e1; color: #245b1f; }
.party-joint { background: #efe3f5; color: #5a2a72; }
.status { background: #eef0f4; color: #39404d; }
.status.st-target-met { background: #d7f0df; color: #1d5e36; }
.status.st-below-target { background: #fbe9c8; color: #7a4b00; }
.status.st-reported { background: #dde8f7; color: #1b3f72; }
.kind { background: #eef0f4; color: #39404d; }
.target { font-size: .9rem; color: var(--muted); }
ul.acts { list-style: none; padding: 0; margin: .4rem 0 0; }
ul.acts > li { background: var(--bg); border: 1px solid var(--line); border-radius: .5rem; padding: .45rem .7rem; margin: .4rem 0; }
.act-text { font-weight: 500; }
.sentence { color: var(--muted); font-size: .9rem; margin: .15rem 0; }
.sentence mark { background: #fff2a8; color: inherit; }
.facts { font-size: .82rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
.evidence { font-size: .78rem; color: var(--muted); }
.evidence span { margin-right: .6rem; white-space: nowrap; }
.evidence span.on { color: var(--ink); font-weight: 600; }
.from { font-size: .75rem; background: #fff; border: 1px solid var(--line); border-radius: .3rem; padding: 0 .35rem; margin-right: .3rem; }
.muted { color: var(--muted); }
.none { color: var(--muted); font-style: italic; }
.errors { color: #8a1c1c; }
a { color: #1b4f91; }
"""


def _e(value) -> str:
    """Escape anything for HTML text or a quoted attribute ("" for None)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _anchor(kind: str, ident: str) -> str:
    """A safe fragment id: "038#p1" -> "p-038-p1" (letters, digits, - and _ only)."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "-", ident)


def _status_class(status: str) -> str:
    return "st-" + status.replace(" ", "-")


def _num(v) -> str:
    if v is None:
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f != f:  # NaN
        return ""
    return str(int(f)) if f.is_integer() else f"{f:g}"


def _years_span(years: list[int]) -> str:
    """[2023, 2024, 2025] -> "2023–2025"; [2019] -> "2019"; [] -> ""."""
    if not years:
        return ""
    ys = sorted(years)
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


def _quantity_text(q: Optional[Quantity]) -> str:
    """"minst 10 stycken (≥ 10)", "ett 80-tal (≈ 80)", "varannan vecka (every P2W)" — escaped."""
    if q is None:
        return ""
    bits = []
    if q.value is not None and (q.approx or (q.text or "").strip() != _num(q.value)):
        bits.append(("≈ " if q.approx else "= ") + _num(q.value))
    if q.low is not None and q.high is not None:
        bits.append(f"{_num(q.low)}–{_num(q.high)}")
    elif q.low is not None:
        bits.append("≥ " + _num(q.low))
    elif q.high is not None:
        bits.append("≤ " + _num(q.high))
    if q.vague:
        bits.append(q.vague)
    if q.period:
        bits.append("every " + q.period)
    if q.duration:
        bits.append("for " + q.duration)
    extra = f" <span class=\"muted\">({_e(', '.join(bits))})</span>" if bits else ""
    return f"“{_e(q.text)}”{extra}"


def _sentence_html(a: Activity) -> str:
    """The activity's sentence with the activity's clause highlighted (each part escaped)."""
    s, t = a.sentence or "", a.text or ""
    i = s.find(t) if t else -1
    if i < 0:
        return _e(s)
    return f"{_e(s[:i])}<mark>{_e(t)}</mark>{_e(s[i + len(t):])}"


def _activity_html(a: Activity, doc: Document, *, home_doc_id: str, headings: dict[str, str]) -> str:
    parts = ["<li>"]
    where = ""
    if doc.id != home_doc_id:
        where = f'<a class="from" href="#{_anchor("d", doc.id)}">from {_e(doc.id)}</a>'
    parts.append(f'<div>{where}<span class="act-text">{_e(a.text)}</span> <span class="ids">({_e(a.id)})</span></div>')
    if a.sentence and a.sentence.strip() != (a.text or "").strip():
        parts.append(f'<div class="sentence">{_sentence_html(a)}</div>')
    facts = []
    if a.quantity is not None:
        facts.append(f"quantity: {_quantity_text(a.quantity)}")
    facts.append("lemma: " + (_e(a.lemma) if a.lemma else '<span class="none">none</span>'))
    if a.actor:
        facts.append(f"actor: {_e(PARTY_LABELS.get(a.actor, a.actor))}")
    if a.pledge_id:
        facts.append(f'pledge: <a href="#{_anchor("p", a.pledge_id)}">{_e(a.pledge_id)}</a>')
    if a.link_score is not None:
        facts.append(f"link_score: <b>{float(a.link_score):.3f}</b>")
    heading = headings.get(a.section_id)
    if heading:
        facts.append(f"section: {_e(heading)}")
    parts.append('<div class="facts">' + "".join(f"<span>{f}</span>" for f in facts) + "</div>")
    if a.evidence:
        ev = []
        for k, v in a.evidence.items():
            on = ' class="on"' if isinstance(v, (int, float)) and v else ""
            ev.append(f"<span{on}>{_e(k)} {_e(_num(v) if isinstance(v, (int, float)) else v)}</span>")
        parts.append('<div class="evidence">evidence: ' + "".join(ev) + "</div>")
    parts.append("</li>")
    return "".join(parts)


def _pledge_html(p: Pledge, doc: Document, row: Optional[dict], acts: list[tuple[Activity, Document]], headings_of: dict[str, dict[str, str]]) -> str:
    status = row["status"] if row else ("nothing reported" if not acts else "reported")
    party = p.party if p.party in PARTY_LABELS else "joint"
    out = [f'<article class="pledge {_status_class(status)}" id="{_anchor("p", p.id)}">']
    out.append(
        f'<div><span class="badge party-{party}">{_e(PARTY_LABELS.get(p.party, p.party))}</span>'
        f'<span class="badge status {_status_class(status)}">{_e(status)}</span>'
        f'<span class="ids">{_e(p.id)}</span></div>'
    )
    out.append(f'<p class="pledge-text">{_e(p.text)}</p>')
    info = []
    if p.quantity is not None:
        info.append(f"target: {_quantity_text(p.quantity)}")
    if row and row.get("achieved") is not None and _num(row.get("achieved")):
        info.append(f"reported: {_e(_num(row['achieved']))}")
    if p.same_as:
        info.append(f'restates <a href="#{_anchor("p", p.same_as)}">{_e(p.same_as)}</a>')
    if info:
        out.append('<div class="target">' + " · ".join(info) + "</div>")
    if acts:
        out.append('<ul class="acts">')
        for a, adoc in acts:
            out.append(_activity_html(a, adoc, home_doc_id=doc.id, headings=headings_of.get(adoc.id, {})))
        out.append("</ul>")
    else:
        out.append('<div class="none">No activity reported for this pledge.</div>')
    out.append("</article>")
    return "".join(out)


def render_report(corpus, title: str = "promisemine report") -> str:
    """The report of ``corpus`` (a :class:`~promisemine.corpus.Corpus` or a list of
    Documents) as one HTML page, every document string escaped."""
    from .fulfilment import fulfilment_table, status_counts

    docs: list[Document] = list(getattr(corpus, "docs", corpus))
    table = fulfilment_table(docs)
    rows = {r["pledge_id"]: r for r in table.to_dict("records")}
    counts = status_counts(table)

    act_index: dict[str, tuple[Activity, Document]] = {}
    pledge_ids = set()
    for d in docs:
        for p in d.pledges:
            pledge_ids.add(p.id)
        for a in d.activities:
            act_index.setdefault(a.id, (a, d))
    headings_of = {d.id: {s.id: (s.heading or "") for s in d.sections} for d in docs}

    n_pledges = sum(len(d.pledges) for d in docs)
    n_acts = sum(len(d.activities) for d in docs)
    n_linked = sum(1 for d in docs for a in d.activities if a.pledge_id)
    n_err = sum(1 for d in docs if d.errors)
    kinds: dict[str, int] = {}
    for d in docs:
        kinds[d.kind] = kinds.get(d.kind, 0) + 1

    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        '<header class="run">',
        f"<h1>{_e(title)}</h1>",
        '<ul class="counts">',
        f"<li><b>{len(docs)}</b>documents</li>",
        f"<li><b>{n_pledges}</b>pledges</li>",
        f"<li><b>{n_acts}</b>activities</li>",
        f"<li><b>{n_linked}</b>activities linked to a pledge</li>",
        f"<li><b>{n_acts - n_linked}</b>activities linked to no pledge</li>",
        f"<li><b>{n_err}</b>documents with errors</li>",
        "</ul>",
        '<ul class="counts">',
        *(f'<li><b>{v}</b>{_e(KIND_LABELS.get(k, k))}</li>' for k, v in sorted(kinds.items())),
        *(f'<li><span class="badge status {_status_class(s)}">{_e(s)}</span><b>{n}</b>pledges</li>' for s, n in counts.items()),
        "</ul>",
    ]
    if docs:
        out.append('<nav class="toc"><ol>')
        for d in docs:
            label = f"{d.municipality or '?'} {_years_span(d.years)}".strip()
            out.append(f'<li><a href="#{_anchor("d", d.id)}">{_e(d.id)}</a> {_e(label)} <span class="meta">{_e(KIND_LABELS.get(d.kind, d.kind))}</span></li>')
        out.append("</ol></nav>")
    out.append("</header>")

    for d in docs:
        out.append(f'<section class="doc" id="{_anchor("d", d.id)}">')
        heading = d.title or d.id
        out.append(f"<h2>{_e(heading)}</h2>")
        years = ", ".join(str(y) for y in d.years) or "?"
        out.append(
            '<p class="meta">'
            f'<span class="badge kind">{_e(KIND_LABELS.get(d.kind, d.kind))}</span>'
            f"{_e(d.municipality or 'municipality unknown')} · years {_e(years)}"
            + (f" · published {_e(d.date)}" if d.date else "")
            + f" · id <code>{_e(d.id)}</code> · source <code>{_e(d.source)}</code></p>"
        )
        out.append(f"<h3>Pledges ({len(d.pledges)})</h3>")
        if not d.pledges:
            out.append('<p class="none">No pledges found in this document.</p>')
        for p in d.pledges:
            row = rows.get(p.id)
            ids = row["activity_ids"] if row else [a.id for a in d.activities if a.pledge_id == p.id]
            acts = [act_index[i] for i in ids if i in act_index]
            out.append(_pledge_html(p, d, row, acts, headings_of))

        own = {p.id for p in d.pledges}
        elsewhere = [a for a in d.activities if a.pledge_id and a.pledge_id not in own]
        if elsewhere:
            out.append(f"<h3>Activities linked to pledges of other documents ({len(elsewhere)})</h3>")
            out.append('<ul class="acts">')
            for a in elsewhere:
                out.append(_activity_html(a, d, home_doc_id=d.id, headings=headings_of.get(d.id, {})))
            out.append("</ul>")
        unlinked = [a for a in d.activities if not a.pledge_id]
        out.append(f"<h3>Activities linked to no pledge ({len(unlinked)})</h3>")
        if unlinked:
            out.append('<ul class="acts">')
            for a in unlinked:
                out.append(_activity_html(a, d, home_doc_id=d.id, headings=headings_of.get(d.id, {})))
            out.append("</ul>")
        else:
            out.append('<p class="none">None.</p>')
        if d.errors:
            out.append(f"<h3>Errors ({len(d.errors)})</h3>")
            out.append('<ul class="errors">')
            for e in d.errors:
                out.append(f"<li><code>{_e(e.code)}</code> {_e(e.message)}</li>")
            out.append("</ul>")
        out.append("</section>")

    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def write_report(corpus, path, title: str = "promisemine report") -> str:
    """Write :func:`render_report` to ``path`` (temp file beside it, renamed when complete)."""
    from .export import atomic_writer

    text = render_report(corpus, title=title)
    with atomic_writer(path) as fh:
        fh.write(text)
    return os.fspath(path)
