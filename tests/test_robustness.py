"""Robustness: any input, no traceback, nothing lost, output always valid.

Four batteries:

A. property tests of ``pipeline.extract_text`` on arbitrary Unicode and on mutated
   real documents: it never raises, records no ``internal`` error, and every offset
   obeys the contract (``shared/spec/output-format.md``, "Offsets"); the same for
   arbitrary bytes through ``corpus.process_source`` (reading + extraction);
B. pathological texts (long runs of digits, bullets, "ett", dashes, one giant line)
   must scale linearly: ``time(100 KB) < 30 * time(10 KB) + 0.5 s``. Catastrophic
   backtracking is polynomial or exponential, so a generous ratio still catches it,
   and no absolute time limit makes the test flaky on a slow machine;
C. a folder of bad files through the command line: exit code 1, one JSON line per
   input file (good ones intact, bad ones with an ``errors`` entry), one stderr line
   per bad file, never a traceback;
D. output files are written whole or not at all (interrupts, disk errors) and the
   table formats are readable by pandas.
"""
from __future__ import annotations

import codecs
import errno
import functools
import json
import multiprocessing
import os
import re
import shutil
import stat
import subprocess
import sys
import timeit
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import promisemine.corpus
import promisemine.export
from promisemine.cli import main
from promisemine.corpus import process_source
from promisemine.pipeline import extract_text
from promisemine.reading import ERROR_CODES, Source, decode

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
REAL = sorted(DOCS.glob("*.txt"))
TEXTS = [decode(p.read_bytes())[0] for p in REAL]
CLI = [sys.executable, "-c", "from promisemine.cli import main; main()"]

ROBUST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _ws(s: str) -> str:
    return " ".join(s.split())


# ------------------------------------------------------------------ the invariants


def assert_valid(doc, text: str) -> None:
    """Everything the output contract promises about one extracted document."""
    internal = [e for e in doc.errors if e.code == "internal"]
    assert not internal, internal
    n = len(text)
    secs = doc.sections
    for s in secs:
        assert 0 <= s.start <= s.end <= n, s
        assert s.kind in ("content", "boilerplate"), s
    if text:
        assert secs, "a non-empty text has sections"
        assert secs[0].start == 0, secs[0]
        for a, b in zip(secs, secs[1:]):
            assert a.end == b.start, (a, b)  # in order, no overlap, no gap
        assert secs[-1].end == n, (secs[-1], n)
    by_id = {s.id: s for s in secs}
    for it in list(doc.pledges) + list(doc.activities):
        assert 0 <= it.start <= it.end <= n, it
        assert _ws(text[it.start:it.end]) == _ws(it.text), (it, text[it.start:it.end])
        sec = by_id.get(it.section_id)
        assert sec is not None, it
        assert sec.start <= it.start and it.end <= sec.end, (it, sec)
        assert sec.kind == "content", (it, sec)  # boilerplate never yields items
        q = it.quantity
        if q is not None:
            assert 0 <= q.start <= q.end <= n, (it, q)
            assert _ws(text[q.start:q.end]) == _ws(q.text), (it, q, text[q.start:q.end])
    ids = [x.id for x in list(secs) + list(doc.pledges) + list(doc.activities)]
    assert len(ids) == len(set(ids)), ids
    d = doc.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False, allow_nan=False)) == json.loads(json.dumps(d))


# ------------------------------------------------------- A. property tests: text

# Pieces that reach the interesting code paths: line ends, no-break spaces, bullets,
# digits, pledge and activity cues, quantities, headings, page furniture.
PIECES = [
    "\n", "\r\n", "\r", "\n\n", " ", "  ", "\t", "\u00a0", "\u2028", "\ufeff", "\u00ad", "\u200b",
    "•", "• ", "- ", "– ", "* ", "1. ", "a) ", ":", ".", ",", ";", "(", ")", "”", "\"",
    "0", "1", "7", "42", "2019", "2023–2024", "10–15", "1 700", "3,5", "80-tal", "ett 80-tal",
    "Polisen lovar att:", "Kommunen lovar att", "Tillsammans ska vi", "Polisen ska", "att",
    "genomföra", "genomförde", "har genomfört", "trafikkontroller", "patrulleringar", "möten",
    "Sex stycken", "varannan vecka", "minst", "drygt", "cirka", "vid 11 tillfällen", "några",
    "Uppföljning medborgarlöfte", "Medborgarlöfte", "Skara", "Götene", "kommun", "Sök", "null",
    "Kontakt", "säger", "åäö", "ÅÄÖ", "é", "ß", "x", "Abc", "\U0001f600", "\u0301",
]
pieces = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
mixed_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)


@ROBUST
@given(st.text())
def test_extract_text_any_unicode(text):
    assert_valid(extract_text(text, source="t", doc_id="t"), text)


@ROBUST
@given(pieces)
def test_extract_text_cue_soup(text):
    assert_valid(extract_text(text, source="t", doc_id="t"), text)


@ROBUST
@given(mixed_text)
def test_extract_text_cues_and_arbitrary_characters(text):
    assert_valid(extract_text(text, source="t", doc_id="t"), text)


@st.composite
def mutated_documents(draw):
    """A real document with lines deleted, duplicated, swapped or cut, CRLF line ends,
    no-break spaces for spaces, bullets "•" <-> "-"."""
    text = draw(st.sampled_from(TEXTS))
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "cut"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k]
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if draw(st.booleans()):
        text = text.replace(" ", "\u00a0")
    bullets = draw(st.sampled_from(["keep", "to_dash", "to_dot"]))
    if bullets == "to_dash":
        text = text.replace("•", "-")
    elif bullets == "to_dot":
        text = re.sub(r"(?m)^(\s*)- ", "\\1• ", text)
    if draw(st.booleans()):
        text = text.replace("\n", "\r").replace("\r\r", "\r")  # old Mac line ends
    return text


@ROBUST
@given(mutated_documents())
def test_extract_text_mutated_real_documents(text):
    assert_valid(extract_text(text, source="t", doc_id="t"), text)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_real_documents_are_valid(path):
    text = TEXTS[REAL.index(path)]
    doc = extract_text(text, source=str(path), doc_id=path.stem)
    assert not doc.errors
    assert_valid(doc, text)


# ------------------------------------------------------ A. property tests: bytes


@ROBUST
@given(st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda t, enc: t.encode(enc, "replace"), st.text(max_size=300),
              st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "mac-roman"])),
    st.builds(lambda a, b: a + b, st.sampled_from([p.read_bytes()[:600] for p in REAL]), st.binary(max_size=50)),
))
def test_any_bytes_give_a_document_or_a_read_error(tmp_path_factory, data):
    """Reading plus extraction of any file content: never an exception; either a
    clean document whose offsets index the decoded text, or errors with known codes."""
    path = tmp_path_factory.mktemp("bytes", numbered=True) / "x.txt"
    path.write_bytes(data)
    doc = process_source(Source(str(path), "x.txt", "x"), keep_text=True)
    assert {e.code for e in doc.errors} <= set(ERROR_CODES), doc.errors
    if doc.errors:
        assert not doc.sections and not doc.pledges and not doc.activities
        assert all("\n" not in e.message and str(path) in e.message for e in doc.errors)
    else:
        assert doc.text, "a document without errors has text"
        assert_valid(doc, doc.text)
    line = promisemine.export.to_json_line(doc)
    assert line.endswith("\n") and line.count("\n") == 1
    json.loads(line.encode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252"])
def test_other_encodings_give_the_same_text_and_pledges(tmp_path, encoding):
    """Offsets index the decoded text: a real document saved in another encoding (or
    with CRLF) decodes to the same string and yields the same pledges."""
    i = next(i for i, p in enumerate(REAL) if p.stem.startswith("004_"))
    text = TEXTS[i].replace("\n", "\r\n")
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    doc = process_source(Source(str(path), "doc.txt", "doc"), keep_text=True)
    assert not doc.errors, doc.errors
    assert doc.text == text
    ref = extract_text(text, doc_id="doc")
    assert [(p.party, p.text, p.start, p.end) for p in doc.pledges] == [
        (p.party, p.text, p.start, p.end) for p in ref.pledges
    ]
    assert doc.pledges
    assert_valid(doc, text)


def test_mixed_utf8_and_cp1252_keeps_both_halves():
    a = TEXTS[REAL.index(DOCS / "000_5836569da2d3e8ba.txt")]
    b = "Kommunen ska åtgärda belysningen i Skövde och på Hötorget.\n" * 20
    text, _ = decode(a.encode("utf-8") + b.encode("cp1252"))
    assert "Så uppfyllde polisen" in text and "åtgärda belysningen i Skövde" in text
    text, _ = decode("Polisen lovar att öka närvaron. ".encode() + "Kommunen ska åtgärda belysningen. ".encode("cp1252"))
    assert text == "Polisen lovar att öka närvaron. Kommunen ska åtgärda belysningen. "


# --------------------------------------------------- B. pathological performance


class _Clock:
    """Times ``extract_text`` in a separate worker process that is killed when it runs
    over its time budget, so that a catastrophic case fails fast instead of hanging."""

    def __init__(self) -> None:
        self.ctx = multiprocessing.get_context("spawn")
        self.pool = None

    def _start(self) -> None:
        self.pool = self.ctx.Pool(1)
        self.pool.apply(timeit.timeit, (functools.partial(extract_text, "Polisen lovar att:\n• Öka närvaron.\n"),), {"number": 1})

    def seconds(self, text: str, budget: float):
        """Seconds one ``extract_text(text)`` takes, or None if over ``budget``."""
        if self.pool is None:
            self._start()
        res = self.pool.apply_async(timeit.timeit, (functools.partial(extract_text, text),), {"number": 1})
        try:
            return res.get(budget + 2.0)  # the result is the worker's own measurement
        except multiprocessing.TimeoutError:
            self.close()
            return None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


@pytest.fixture(scope="module")
def clock():
    c = _Clock()
    yield c
    c.close()


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ONE_LINE = " ".join(_ws(t) for t in TEXTS)  # the whole corpus as one line, no newline
WORDS = ONE_LINE.split()


def _words(n: int) -> str:
    return " ".join((WORDS * (n // len(WORDS) + 1))[:n])


def assert_scales(clock, make, small, big, slack=0.5) -> None:
    """``time(make(big)) < 30 * time(make(small)) + slack`` (big = 10 x small)."""
    t_small = None
    for _ in range(2):  # the best of two: one run may hit a pause
        t = clock.seconds(make(small), 60.0)
        assert t is not None, f"the {small}-size input took more than 60 s"
        t_small = t if t_small is None else min(t_small, t)
    budget = 30 * t_small + slack
    t_big = clock.seconds(make(big), budget)
    assert t_big is not None and t_big < budget, (
        f"size {small} took {t_small:.3f} s, size {big} "
        + (f"{t_big:.3f} s" if t_big is not None else "was stopped")
        + f" (budget {budget:.2f} s): worse than linear"
    )


KB10, KB100 = 10_000, 100_000
PATHOLOGICAL = {
    "digits '1 '": lambda n: _fill("1 ", n),
    "digit lines": lambda n: _fill("1\n", n),
    "bullets '• '": lambda n: _fill("• ", n),
    "bullet lines": lambda n: _fill("• a\n", n),
    "'ett '": lambda n: _fill("ett ", n),
    "dashes": lambda n: _fill("-", n),
    "ranges '10–'": lambda n: _fill("10–", n),
    "one letter": lambda n: _fill("x", n),
    "'Polisen lovar att '": lambda n: _fill("Polisen lovar att ", n),
    "giant line without newline": lambda n: _fill(ONE_LINE + " ", n),
    "real documents, repeated": lambda n: _fill("\n\n".join(TEXTS) + "\n\n", n),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_scales_linearly(clock, name):
    assert_scales(clock, PATHOLOGICAL[name], KB10, KB100)


def test_a_line_of_ten_thousand_words_scales_linearly(clock):
    assert_scales(clock, _words, 1_000, 10_000)


# Runs of whitespace: a kind cue once backtracked over every way of splitting a run
# between two ``\s*`` (cubic on blank lines); these keep every kind of run linear.
WHITESPACE = [
    pytest.param(" ", 10_000, id="spaces"),
    pytest.param("\u00a0", 10_000, id="no-break spaces"),
    pytest.param("\t", 10_000, id="tabs"),
    pytest.param("\n", 10_000, id="blank lines"),
    pytest.param("\r\n", 5_000, id="blank CRLF lines"),
    pytest.param(" \n", 5_000, id="space-only lines"),
]


@pytest.mark.parametrize("unit, small", WHITESPACE)
def test_whitespace_runs_scale_linearly(clock, unit, small):
    assert_scales(clock, lambda n: _fill(unit, n), small, 10 * small, slack=0.1)


def test_one_long_sentence_scales_linearly(clock):
    # the pledge traps once scanned a whole sentence per position (quadratic)
    assert_scales(clock, lambda n: _fill("abcdefgh ", n), 50_000, 500_000)


# ------------------------------------------------------ C. bad-file battery (CLI)


@dataclass
class Battery:
    root: Path
    good: dict = field(default_factory=dict)  # file name -> the corpus document it copies
    bad: dict = field(default_factory=dict)  # file name -> expected error code
    shown: dict = field(default_factory=dict)  # file name -> how messages and `source` show it
    plain: set = field(default_factory=set)  # odd files that still decode to text
    max_bytes: int = 6_000_000

    def names(self) -> set:
        return set(self.good) | set(self.bad) | self.plain


def _corpus_doc(prefix: str) -> Path:
    return next(p for p in REAL if p.name.startswith(prefix))


@pytest.fixture(scope="module")
def battery(tmp_path_factory) -> Battery:
    root = tmp_path_factory.mktemp("battery")
    b = Battery(root)

    def good(name, prefix):
        shutil.copyfile(_corpus_doc(prefix), root / name)
        b.good[name] = _corpus_doc(prefix)

    def bad(name, data, code, shown=None):
        if data is not None:
            (root / name).write_bytes(data)
        b.bad[name] = code
        if shown:
            b.shown[name] = shown

    good("000_5836569da2d3e8ba.txt", "000_")
    good("Medborgarlöfte Götene – åäö.txt", "003_")  # a non-ASCII file name
    good("019.txt", "019")
    # a file name that is not UTF-8 (Latin-1 "räkning.txt"): shown with U+FFFD
    shutil.copyfile(_corpus_doc("004_"), os.path.join(os.fsencode(root), b"r\xe4kning.txt"))
    latin_name = os.fsdecode(b"r\xe4kning.txt")
    b.good[latin_name] = _corpus_doc("004_")
    b.shown[latin_name] = "r\ufffdkning.txt"

    bad("empty.txt", b"", "empty")
    bad("whitespace.txt", " \r\n\t\n\u00a0\n".encode(), "empty")
    bad("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary")
    bad("document.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "binary")
    bad("archive.txt", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "binary")
    bad("nul.txt", "Polisen lovar att öka närvaron.\n".encode() * 20 + b"\x00\x00\x00\x01\x02" * 10, "binary")
    bad("controls.txt", b"\x01\x02\x03\x04abc" * 100, "binary")
    bad("broken_utf16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8" * 500, "undecodable")
    bad("two\nlines.txt", b"", "empty", shown="two\\x0alines.txt")  # a line break in the name
    bad("too_large.txt", None, "too_large")
    with open(root / "too_large.txt", "wb") as fh:  # sparse: cheap to make, never read
        fh.truncate(b.max_bytes + 1_000_000)
    os.symlink("nowhere.txt", root / "broken_link.txt")
    bad("broken_link.txt", None, "broken_symlink")
    os.symlink("self_link.txt", root / "self_link.txt")
    bad("self_link.txt", None, "symlink_loop")
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back_up")  # a folder loop: entered once, no record
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")  # not a regular file: never opened, no record
    if os.geteuid() != 0:  # root reads anything
        (root / "locked.txt").write_bytes(b"Polisen lovar att:\n")
        os.chmod(root / "locked.txt", 0)
        bad("locked.txt", None, "unreadable")

    # odd but decodable: processed like any text, no errors
    (root / "high_bytes.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)  # legacy code page
    (root / "mixed_encodings.txt").write_bytes(
        _corpus_doc("000_").read_bytes() + "Kommunen ska åtgärda belysningen.\n".encode("cp1252")
    )
    (root / "one_line_5mb.txt").write_bytes(
        ("Medborgarlöfte 2024 för Skara. Polisen lovar att genomföra trafikkontroller. "
         + "Trygghet" * 625_000).encode()
    )
    b.plain = {"high_bytes.txt", "mixed_encodings.txt", "one_line_5mb.txt"}
    yield b
    if (root / "locked.txt").exists():
        os.chmod(root / "locked.txt", 0o600)


def _records(stdout_bytes: bytes) -> list[dict]:
    text = stdout_bytes.decode("utf-8")  # strict: the output is UTF-8
    assert text == "" or text.endswith("\n"), "stdout ends with a whole line"
    # JSON Lines are separated by "\n" only (str.splitlines would also split at
    # U+2028, U+0085 ..., which ensure_ascii=False leaves in the strings)
    return [json.loads(line) for line in text.split("\n")[:-1]]


def _by_name(records: list[dict]) -> dict:
    out = {}
    for r in records:
        name = r["source"].rsplit("/", 1)[-1]
        assert name not in out, f"two records for {name}"
        out[name] = r
    return out


def _shown(b: Battery, name: str) -> str:
    return b.shown.get(name, name)


def _reference_pledges(path: Path) -> list:
    doc = extract_text(decode(path.read_bytes())[0], doc_id="x")
    return [(p.party, p.text, p.start, p.end) for p in doc.pledges]


def _check_battery_output(b: Battery, code: int, out: bytes, err: str, bad: dict) -> None:
    assert "Traceback" not in err and b"Traceback" not in out
    assert code == 1, err
    records = _by_name(_records(out))
    expected = {_shown(b, n) for n in b.names()}
    assert set(records) == expected
    for name, ref in b.good.items():
        r = records[_shown(b, name)]
        assert r["errors"] == [], r["errors"]
        assert r["pledges"], name
        assert [(p["party"], p["text"], p["start"], p["end"]) for p in r["pledges"]] == _reference_pledges(ref)
    for name in b.plain - set(bad):
        assert records[name]["errors"] == [], (name, records[name]["errors"])
        assert records[name]["sections"], name
    lines = err.splitlines()
    for name, want in bad.items():
        r = records[_shown(b, name)]
        assert [e["code"] for e in r["errors"]] == [want], (name, r["errors"])
        assert not r["sections"] and not r["pledges"] and not r["activities"]
        assert all(e["message"] and "\n" not in e["message"] for e in r["errors"])
        mine = [ln for ln in lines if f"{b.root}/{_shown(b, name)}" in ln]
        assert len(mine) == 1, (name, mine)
        assert mine[0].startswith("promisemine: "), mine[0]
    assert len(lines) == len(bad), lines  # one line per bad file, nothing else


def test_bad_file_battery(battery):
    res = CliRunner().invoke(main, ["extract", str(battery.root), "--max-bytes", str(battery.max_bytes)])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    _check_battery_output(battery, res.exit_code, res.stdout_bytes, res.stderr, battery.bad)


def test_bad_file_battery_in_a_real_process(battery):
    """The same folder through a real process (real stdout/stderr and exit code);
    with --max-bytes 1 MB the 5 MB line is refused too."""
    proc = subprocess.run(CLI + ["extract", str(battery.root), "--max-bytes", "1000000"],
                          capture_output=True, timeout=300)
    bad = dict(battery.bad, **{"one_line_5mb.txt": "too_large"})
    _check_battery_output(battery, proc.returncode, proc.stdout, proc.stderr.decode("utf-8"), bad)


def test_quiet_keeps_stderr_empty_but_records_the_errors(battery):
    res = CliRunner().invoke(main, ["extract", str(battery.root), "-q", "--max-bytes", "1000"])
    assert res.exit_code == 1
    assert res.stderr == ""
    records = _by_name(_records(res.stdout_bytes))
    assert records["empty.txt"]["errors"][0]["code"] == "empty"


def test_fail_fast_stops_at_the_first_bad_file(battery):
    res = CliRunner().invoke(main, ["extract", str(battery.root), "--fail-fast", "--max-bytes", str(battery.max_bytes)])
    assert res.exit_code == 1
    records = _records(res.stdout_bytes)
    assert 1 <= len(records) < len(battery.names())
    assert records[-1]["errors"] and all(not r["errors"] for r in records[:-1])
    assert "Traceback" not in res.stderr


def test_missing_path_still_outputs_the_other_documents():
    a, c = REAL[0], REAL[5]
    res = CliRunner().invoke(main, ["extract", str(a), "no/such/file.txt", str(c)])
    assert res.exit_code == 1
    records = _records(res.stdout_bytes)
    assert [r["source"] for r in records] == [str(a), "no/such/file.txt", str(c)]
    assert records[1]["errors"][0]["code"] == "missing"
    assert records[0]["pledges"] and not records[0]["errors"] and not records[2]["errors"]
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and "no/such/file.txt" in lines[0]


def test_unknown_option_is_a_usage_error():
    res = CliRunner().invoke(main, ["extract", str(REAL[0]), "--no-such-option"])
    assert res.exit_code == 2
    assert res.stdout == ""


def test_a_document_failing_inside_the_pipeline_is_recorded_not_raised(monkeypatch):
    """An exception in a stage becomes an `internal` error of that document (named on
    stderr, exit code 1); the other documents are output intact."""
    import promisemine.sections as sections

    real = sections.segment

    def segment(text, doc_id="", *a, **k):
        if "Falkenberg" in text:
            raise ValueError("boom\nsecond line")
        return real(text, doc_id, *a, **k)

    monkeypatch.setattr(sections, "segment", segment)
    res = CliRunner().invoke(main, ["extract", str(DOCS / "013.txt"), str(REAL[0])])
    assert res.exit_code == 1
    records = _records(res.stdout_bytes)
    assert len(records) == 2
    assert records[0]["errors"][0]["code"] == "internal"
    assert not records[1]["errors"] and records[1]["pledges"]
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and "013.txt" in lines[0] and "internal error" in lines[0]


def test_an_unexpected_failure_is_one_line_not_a_traceback(monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("something unforeseen\nin two lines")

    monkeypatch.setattr(promisemine.corpus, "iter_extract", broken)
    res = CliRunner().invoke(main, ["extract", str(REAL[0])])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.stderr.count("\n") == 1 and "RuntimeError: something unforeseen in two lines" in res.stderr
    assert "Traceback" not in res.stderr


def test_linking_failure_still_writes_the_documents(monkeypatch):
    import promisemine.linking as linking

    def broken(self, doc):
        raise KeyError("no such pledge")

    monkeypatch.setattr(linking.PromiseIndex, "link", broken)
    res = CliRunner().invoke(main, ["extract", str(REAL[0]), str(REAL[4])])
    assert res.exit_code == 1
    assert len(_records(res.stdout_bytes)) == 2
    assert len(res.stderr.splitlines()) == 1 and "linking" in res.stderr


_REAL_PROCESS_SOURCE = promisemine.corpus.process_source


def _worker_dies_on_013(src, *args, **kwargs):
    """process_source, except that the worker process dies on 013.txt (as if killed
    for memory); module level, so that worker processes can unpickle it."""
    if os.path.basename(src.path) == "013.txt" and multiprocessing.parent_process() is not None:
        os._exit(1)
    return _REAL_PROCESS_SOURCE(src, *args, **kwargs)


def test_a_dying_worker_loses_only_its_document(monkeypatch):
    """--jobs: a worker process that dies breaks its whole pool; every other document
    is still extracted (run again alone), the culprit gets an `internal` error."""
    monkeypatch.setattr(promisemine.corpus, "process_source", _worker_dies_on_013)
    paths = [str(DOCS / n) for n in ("000_5836569da2d3e8ba.txt", "013.txt", "014.txt", "015.txt", "016.txt", "017.txt")]
    res = CliRunner().invoke(main, ["extract", *paths, "--jobs", "2"])
    assert res.exit_code == 1, res.stderr
    records = _records(res.stdout_bytes)
    assert [r["source"] for r in records] == paths
    bad = records[1]
    assert bad["errors"][0]["code"] == "internal" and "013.txt" in bad["errors"][0]["message"]
    for r in records[:1] + records[2:]:
        assert not r["errors"] and r["sections"], r["source"]
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and "013.txt" in lines[0] and "died" in lines[0]


# ---------------------------------------------- D. output never half-written


def _interrupt_after(monkeypatch, n: int, exc=KeyboardInterrupt):
    real = promisemine.corpus.process_source
    calls = {"n": 0}

    def process(*a, **k):
        calls["n"] += 1
        if calls["n"] > n:
            raise exc()
        return real(*a, **k)

    monkeypatch.setattr(promisemine.corpus, "process_source", process)


def _leftovers(folder: Path) -> list:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".promisemine-"))


def test_interrupted_run_leaves_no_output_file(tmp_path, monkeypatch):
    _interrupt_after(monkeypatch, 3)
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["extract", str(DOCS), "-o", str(out)])
    assert res.exit_code not in (0, 1, 2)  # interrupted (130), not "done"
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    assert "interrupted" in res.stderr and "Traceback" not in res.stderr


def test_interrupted_run_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["extract", str(REAL[0]), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    _interrupt_after(monkeypatch, 3)
    res = CliRunner().invoke(main, ["extract", str(DOCS), "-o", str(out)])
    assert res.exit_code != 0
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_interrupted_run_to_stdout_writes_whole_lines(monkeypatch):
    _interrupt_after(monkeypatch, 3)
    res = CliRunner().invoke(main, ["extract", str(DOCS)])
    assert res.exit_code != 0
    assert len(_records(res.stdout_bytes)) == 3


def test_interrupt_while_writing_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete file\n", encoding="utf-8")
    real = promisemine.export.to_json_line
    calls = {"n": 0}

    def line(*a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(promisemine.export, "to_json_line", line)
    res = CliRunner().invoke(main, ["extract", str(DOCS), "-o", str(out)])
    assert res.exit_code != 0
    assert out.read_text(encoding="utf-8") == "previous complete file\n"
    assert _leftovers(tmp_path) == []


def test_disk_error_while_writing_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete file\n", encoding="utf-8")
    real_enter = promisemine.export.atomic_writer.__enter__

    class DiskFull:
        def __init__(self, fh):
            self.fh, self.n = fh, 0

        def write(self, s):
            self.n += 1
            if self.n == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(s)

    monkeypatch.setattr(promisemine.export.atomic_writer, "__enter__", lambda self: DiskFull(real_enter(self)))
    res = CliRunner().invoke(main, ["extract", str(DOCS), "-o", str(out)])
    assert res.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous complete file\n"
    assert _leftovers(tmp_path) == []
    assert len(res.stderr.splitlines()) == 1 and "No space left" in res.stderr
    assert "Traceback" not in res.stderr


def test_output_file_is_complete_jsonl_with_normal_permissions(tmp_path):
    out = tmp_path / "sub" / "out.jsonl"
    res = CliRunner().invoke(main, ["extract", str(DOCS), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    records = _records(out.read_bytes())
    assert len(records) == len(REAL)
    assert {r["id"] for r in records} == {p.stem for p in REAL}
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600
    assert _leftovers(out.parent) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_are_written_and_readable(tmp_path, fmt, battery):
    pd = pytest.importorskip("pandas")
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    jsonl = tmp_path / "all.jsonl"
    args = ["extract", str(DOCS), str(battery.root / "empty.txt"), "--max-bytes", "100000"]
    assert CliRunner().invoke(main, args + ["-o", str(jsonl)]).exit_code == 1
    records = _records(jsonl.read_bytes())
    out = tmp_path / "tables"
    res = CliRunner().invoke(main, args + ["--format", fmt, "-o", str(out)])
    assert res.exit_code == 1, res.stderr
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    tables = {name: read(out / f"{name}.{fmt}") for name in ("documents", "sections", "pledges", "activities")}
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.{fmt}" for n in tables)
    for name, df in tables.items():
        assert "doc_id" in df.columns, name
    ids = [r["id"] for r in records]
    assert list(tables["documents"]["doc_id"]) == ids
    assert "empty" in ids and tables["documents"].set_index("doc_id").loc["empty", "errors"].startswith("empty")
    for name in ("sections", "pledges", "activities"):
        assert len(tables[name]) == sum(len(r[name]) for r in records), name
        assert set(tables[name]["doc_id"]) <= set(ids)
    assert "quantity_value" in tables["activities"].columns


def test_table_format_without_output_folder_is_a_usage_error():
    for fmt in ("csv", "parquet"):
        res = CliRunner().invoke(main, ["extract", str(REAL[0]), "--format", fmt])
        assert res.exit_code == 2, fmt
        assert res.stdout == ""


def test_output_of_the_wrong_kind_is_a_usage_error(tmp_path):
    a_file = tmp_path / "a.jsonl"
    a_file.write_text("keep\n")
    res = CliRunner().invoke(main, ["extract", str(REAL[0]), "--format", "csv", "-o", str(a_file)])
    assert res.exit_code == 2 and a_file.read_text() == "keep\n"
    res = CliRunner().invoke(main, ["extract", str(REAL[0]), "-o", str(tmp_path)])
    assert res.exit_code == 2
    assert _leftovers(tmp_path) == []


def test_json_line_is_valid_utf8_whatever_the_strings():
    """A lone surrogate (from an undecodable file name) or a non-finite number never
    breaks the JSON Lines output."""
    from promisemine.records import Activity, Document, Quantity

    doc = Document(id="r\udce4kning", source="/x/r\udce4kning.txt")
    doc.activities.append(Activity(id="a", text="x", sentence="x", start=0, end=1, section_id="s",
                                   quantity=Quantity(text="x", value=float("nan"), high=float("inf"))))
    line = promisemine.export.to_json_line(doc)
    assert line.count("\n") == 1
    rec = json.loads(line.encode("utf-8"))
    assert rec["activities"][0]["quantity"]["value"] is None
    assert rec["activities"][0]["quantity"]["high"] is None


def _decomposed(t):
    import unicodedata

    return unicodedata.normalize("NFD", t)


def _soft_hyphens(t):
    import regex

    return regex.sub(r"(?<=\p{L}{5})(?=\p{L}{4})", "\u00ad", t)  # as a hyphenating page writes


def _zero_width_spaces_decomposed(t):
    import regex

    return _decomposed(regex.sub(r"(?<=\p{L}{6})(?=\p{L}{6})", "\u200b", t))


def _no_break_spaces(t):
    return t.replace(" ", "\u00a0")


def _double_spaces(t):
    return t.replace(" ", "  ")


def _ligatures(t):
    return t.replace("fi", "\ufb01").replace("fl", "\ufb02")  # as PDF text has them


def _sentence_per_line(t):
    from promisemine.sections import split_sentences

    lines = []
    for line in t.split("\n"):  # long paragraphs written one sentence a line, as some converters do
        if len(line) > 120 and not line.lstrip().startswith(("•", "-")):
            line = "\n".join(line[a:b] for a, b in split_sentences(line))
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize(
    "variant",
    [_decomposed, _soft_hyphens, _zero_width_spaces_decomposed, _no_break_spaces, _double_spaces, _ligatures,
     _sentence_per_line],
    ids=lambda f: f.__name__.strip("_"),
)
@pytest.mark.parametrize("path", sorted(DOCS.glob("*.txt"))[:25], ids=lambda p: p.name)
def test_invisible_differences_give_the_same_records_with_offsets_into_the_text(path, variant):
    """A document written decomposed (NFD: "a" + combining ring for "å", as PDF
    converters and Macs write it), with soft hyphens / zero-width spaces inside words,
    no-break or double spaces, or PDF ligatures ("ﬁ") gives the records of the plain
    text, with offsets and texts indexing the text as given."""
    import unicodedata

    from promisemine.pipeline import extract_text

    text = path.read_text(encoding="utf-8")
    odd = variant(text)
    if odd == text:
        pytest.skip("this document has nothing the variant changes")
    a, b = extract_text(text), extract_text(odd)

    def plain(s):
        if not s:
            return s
        s = s.replace("\u00ad", "").replace("\u200b", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
        return " ".join(unicodedata.normalize("NFC", s).split())

    assert (b.kind, b.municipality, b.years, plain(b.title)) == (a.kind, a.municipality, a.years, plain(a.title))
    assert [(p.party, plain(p.text)) for p in b.pledges] == [(p.party, plain(p.text)) for p in a.pledges]
    assert [(plain(x.text), x.lemma, x.actor, x.pledge_id, x.quantity and x.quantity.value) for x in b.activities] == [
        (plain(x.text), x.lemma, x.actor, x.pledge_id, x.quantity and x.quantity.value) for x in a.activities
    ]
    for item in b.pledges + b.activities:
        assert odd[item.start:item.end] == item.text
        if item.quantity:
            assert odd[item.quantity.start:item.quantity.end] == item.quantity.text
    assert b.sections[0].start == 0 and b.sections[-1].end == len(odd)
    assert all(x.end == y.start for x, y in zip(b.sections, b.sections[1:]))


@pytest.mark.parametrize("variant", [_decomposed, _soft_hyphens, _no_break_spaces], ids=lambda f: f.__name__.strip("_"))
def test_invisible_differences_give_the_same_cross_document_links(tmp_path, variant):
    """Linking a follow-up to the promise of its kommun compares texts of two documents:
    a follow-up in an odd form links to a plain promise as the plain follow-up does."""
    import promisemine

    plain = promisemine.extract_corpus([str(DOCS)])
    follow_ups = {d.id for d in plain.docs if d.kind == "follow_up"}
    for p in sorted(DOCS.glob("*.txt")):  # the follow-ups odd, the promises plain
        text = p.read_text(encoding="utf-8")
        (tmp_path / p.name).write_text(variant(text) if p.stem in follow_ups else text, encoding="utf-8")
    odd = promisemine.extract_corpus([str(tmp_path)])

    def links(corpus):
        return [
            ([p.same_as for p in d.pledges], [(a.pledge_id, a.link_score) for a in d.activities])
            for d in corpus.docs
        ]

    assert any(p.same_as for d in plain.docs for p in d.pledges)  # the corpus has cross-document links
    assert links(odd) == links(plain)


