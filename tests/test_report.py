"""Tests for promisemine.report: the HTML page of a run and the ``report`` command.

The report is read by people who open it in a browser, so it must be one well-formed,
self-contained page; and since it pastes text from arbitrary documents into HTML, every
document string must be escaped — a document is data, never markup or script.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import promisemine
from promisemine.cli import main
from promisemine.records import Activity, Document, Error, Pledge, Quantity, Section
from promisemine.report import _anchor, render_report, write_report

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"

HOSTILE_TEXT = (
    "Medborgarlöfte <script>alert(1)</script>\n"
    "\n"
    "Polisen lovar att:\n"
    "\n"
    "  • Genomföra <b>riktade</b> insatser mot narkotika.\n"
)


@pytest.fixture(scope="module")
def corpus():
    return promisemine.extract_corpus([str(DOCS)])


@pytest.fixture(scope="module")
def page(corpus):
    return render_report(corpus)


def test_report_is_an_html_page(page):
    """The page starts with the doctype, declares UTF-8 (Swedish letters) and closes."""
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert page.rstrip().endswith("</html>")
    assert page.count("<section") == page.count("</section>")
    assert page.count("<article") == page.count("</article>")


class _TagBalance(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_report_tags_are_balanced(page):
    """Every element is closed in order: a stray tag from an unescaped string or a
    template slip would show up here before a browser silently repairs it."""
    checker = _TagBalance()
    checker.feed(page)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []


def test_report_is_self_contained(page):
    """No script and nothing fetched from elsewhere: the file is readable offline and
    cannot run code."""
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "<style>" in page


def test_report_shows_every_pledge(corpus, page):
    """Each pledge's text appears (escaped), so nothing the extractor found is hidden."""
    for d in corpus.docs:
        for p in d.pledges:
            assert html.escape(p.text) in page, p.id


def test_report_shows_every_document(corpus, page):
    """Each document has its section with its id and source, errors or not."""
    for d in corpus.docs:
        assert html.escape(d.source) in page, d.id
        assert f'id="{_anchor("d", d.id)}"' in page, d.id


def test_report_header_counts(corpus, page):
    """The header carries the run's counts (documents, pledges, activities)."""
    header = page.split("</header>")[0]
    n_acts = sum(len(d.activities) for d in corpus.docs)
    assert f"<b>{len(corpus.docs)}</b>documents" in header
    assert f"<b>{len(corpus.pledges)}</b>pledges" in header
    assert f"<b>{n_acts}</b>activities" in header


def test_report_lists_linked_activities_under_pledge(corpus, page):
    """A linked activity is shown inside its pledge's block, with its link score."""
    linked = [(d, a) for d in corpus.docs for a in d.activities if a.pledge_id]
    assert linked, "the bundled corpus should link some activities"
    d, a = linked[0]
    anchor = f'id="{_anchor("p", a.pledge_id)}"'
    block = page.split(anchor, 1)[1].split("</article>", 1)[0]
    assert html.escape(a.text) in block
    assert f"{a.link_score:.3f}" in block


def test_report_cli_writes_file(tmp_path):
    """`promisemine report corpus/docs -o X.html` exits 0 and leaves the page (and no
    temporary file) behind."""
    out = tmp_path / "X.html"
    res = CliRunner().invoke(main, ["report", str(DOCS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["X.html"]


def test_report_escapes_document_text(tmp_path):
    """A document carrying markup ("<script>alert(1)</script>" in its title, "<b>" in a
    pledge) is shown as text: escaped, never raw."""
    src = tmp_path / "docs"
    src.mkdir()
    (src / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    out = tmp_path / "hostile.html"
    res = CliRunner().invoke(main, ["report", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    assert "<b>riktade" not in page
    assert "&lt;b&gt;riktade&lt;/b&gt;" in page


def test_report_escapes_every_field():
    """Every string field of every record (title, municipality, source, headings, pledge,
    target, activity, sentence, lemma, evidence keys, errors) is escaped — not only the
    ones the extractor happens to fill today."""
    bad = "<i>x</i>"
    q = Quantity(text=f"minst 10 {bad}", low=10)
    d = Document(
        id=f"d{bad}", source=f"/tmp/{bad}.txt", title=f"Titel {bad}", kind="follow_up",
        municipality=f"Ort{bad}", years=[2023], date="2023-01-01",
        sections=[Section(id="s1", kind="content", heading=f"Rubrik {bad}", level=2, start=0, end=10)],
        pledges=[Pledge(id=f"d{bad}#p1", party="police", text=f"Löfte {bad}", start=0, end=5, section_id="s1", quantity=q)],
        activities=[
            Activity(
                id=f"d{bad}#a1", text=f"gjort {bad}", sentence=f"Vi har gjort {bad} i år.", start=0, end=5,
                section_id="s1", quantity=Quantity(text=f"42 {bad}", value=42), lemma=f"lemma{bad}",
                actor="police", pledge_id=f"d{bad}#p1", link_score=0.9, evidence={f"sig{bad}": 1.0},
            ),
            Activity(id="u1", text=f"olänkad {bad}", sentence=f"olänkad {bad}", start=0, end=5, section_id="s1"),
        ],
        errors=[Error(code=f"code{bad}", message=f"message {bad}")],
    )
    page = render_report([d])
    assert "<i>" not in page
    assert page.count("&lt;i&gt;x&lt;/i&gt;") >= 12


def test_report_write_report_atomic(tmp_path, corpus):
    """write_report replaces an existing file in one step and returns the path."""
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    assert write_report(corpus, out) == str(out)
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_report_document_errors_and_unlinked(tmp_path):
    """A document's errors and its activities linked to no pledge have their own lists,
    so failures and unexplained activities are visible."""
    d = Document(
        id="e", source="e.txt", errors=[Error("read_error", "cannot read e.txt")],
        activities=[Activity(id="e#a1", text="startade 6 grannsamverkansgrupper", sentence="", start=0, end=5, section_id="s")],
    )
    page = render_report([d])
    assert "cannot read e.txt" in page
    assert "Activities linked to no pledge (1)" in page
    assert "startade 6 grannsamverkansgrupper" in page
