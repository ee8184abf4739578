"""The command line end to end on the bundled corpus (``corpus/docs``, 25 documents).

``promisemine extract`` writes one JSON object per document (JSON Lines) with the
fields and types of the output contract (``shared/spec/output-format.md``); the
records are the same run after run, for any ``--jobs``, for a glob or standard
input, and equal those of the Python API. Exit codes: 0 all inputs processed,
1 some could not be read, 2 usage error (README "Command line").
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import promisemine
from promisemine.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
REAL = sorted(DOCS.glob("*.txt"))
CLI = [sys.executable, "-c", "from promisemine.cli import main; main()"]

KINDS = {"promise", "follow_up", "other"}
PARTIES = {"police", "municipality", "joint"}
VAGUE = {None, "few", "several", "many", "more"}
DATE = re.compile(r"\d{4}-\d\d-\d\d")
ISO_DURATION = re.compile(r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?")


def _lines(out: bytes) -> list[dict]:
    text = out.decode("utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + args, capture_output=True, timeout=300, cwd=ROOT, **kw)


@pytest.fixture(scope="module")
def corpus_run() -> subprocess.CompletedProcess:
    """``promisemine extract corpus/docs`` in a real process."""
    return _run(["extract", "corpus/docs"])


@pytest.fixture(scope="module")
def records(corpus_run) -> list[dict]:
    return _lines(corpus_run.stdout)


def test_extract_corpus_exits_0_with_one_line_per_document(corpus_run, records):
    assert corpus_run.returncode == 0, corpus_run.stderr
    assert corpus_run.stderr == b""
    assert len(records) == 25 == len(REAL)
    assert [r["source"] for r in records] == [f"corpus/docs/{p.name}" for p in REAL]  # input order
    assert [r["id"] for r in records] == [p.stem for p in REAL]


def _is_num(v) -> bool:
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))


def _check_quantity(q) -> None:
    if q is None:
        return
    assert isinstance(q["text"], str) and q["text"]
    for k in ("value", "low", "high"):
        assert _is_num(q[k]), (k, q)
    assert isinstance(q["approx"], bool)
    assert q["vague"] in VAGUE
    for k in ("period", "duration"):
        assert q[k] is None or ISO_DURATION.fullmatch(q[k]), (k, q)


def test_every_record_has_the_contract_fields_and_types(records):
    for r in records:
        assert isinstance(r["id"], str) and r["id"]
        assert isinstance(r["source"], str)
        assert r["title"] is None or isinstance(r["title"], str)
        assert r["kind"] in KINDS
        assert r["municipality"] is None or isinstance(r["municipality"], str)
        assert isinstance(r["years"], list) and all(type(y) is int for y in r["years"])
        assert r["date"] is None or DATE.fullmatch(r["date"])
        assert r["errors"] == []
        assert isinstance(r["sections"], list) and r["sections"]
        for s in r["sections"]:
            assert set(s) >= {"id", "kind", "heading", "level", "start", "end"}
            assert isinstance(s["id"], str) and s["kind"] in ("content", "boilerplate")
            assert s["heading"] is None or isinstance(s["heading"], str)
            assert type(s["level"]) is int and type(s["start"]) is int and type(s["end"]) is int
        for p in r["pledges"]:
            assert p["id"].startswith(r["id"] + "#")
            assert p["party"] in PARTIES
            assert isinstance(p["text"], str) and p["text"]
            assert type(p["start"]) is int and type(p["end"]) is int and p["start"] <= p["end"]
            assert p["section_id"] in {s["id"] for s in r["sections"]}
            assert p["same_as"] is None or isinstance(p["same_as"], str)
            _check_quantity(p["quantity"])
        for a in r["activities"]:
            assert a["id"].startswith(r["id"] + "#")
            assert isinstance(a["text"], str) and isinstance(a["sentence"], str)
            assert type(a["start"]) is int and type(a["end"]) is int and a["start"] <= a["end"]
            assert a["section_id"] in {s["id"] for s in r["sections"]}
            assert a["lemma"] is None or (isinstance(a["lemma"], str) and a["lemma"] == a["lemma"].lower())
            assert a["actor"] is None or a["actor"] in PARTIES
            assert a["pledge_id"] is None or isinstance(a["pledge_id"], str)
            assert a["link_score"] is None or (_is_num(a["link_score"]) and 0 <= a["link_score"] <= 1)
            _check_quantity(a["quantity"])
    ids = [x["id"] for r in records for x in r["pledges"] + r["activities"]]
    assert len(ids) == len(set(ids)), "pledge and activity ids are unique in the run"
    assert sum(len(r["pledges"]) for r in records) > 0 and sum(len(r["activities"]) for r in records) > 0


def test_offsets_index_the_document_text(records):
    for r in records:
        text = (ROOT / r["source"]).read_text("utf-8")
        for x in r["pledges"] + r["activities"]:
            assert " ".join(text[x["start"]:x["end"]].split()) == " ".join(x["text"].split()), x["id"]


def test_a_second_run_gives_the_same_records(records):
    res = CliRunner().invoke(main, ["extract", str(DOCS)])
    assert res.exit_code == 0
    again = _lines(res.stdout_bytes)
    assert [r["id"] for r in again] == [r["id"] for r in records]
    strip = lambda r: {k: v for k, v in r.items() if k != "source"}  # noqa: E731 - the path was spelled differently
    assert [strip(r) for r in again] == [strip(r) for r in records]


def test_two_jobs_give_the_same_records_as_one():
    one = CliRunner().invoke(main, ["extract", str(DOCS), "--jobs", "1"])
    two = CliRunner().invoke(main, ["extract", str(DOCS), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert _lines(two.stdout_bytes) == _lines(one.stdout_bytes)


def test_the_api_gives_the_same_records_as_the_cli():
    res = CliRunner().invoke(main, ["extract", str(DOCS)])
    corpus = promisemine.extract_corpus([str(DOCS)])
    api = [json.loads(json.dumps(d.to_dict(), ensure_ascii=False)) for d in corpus.docs]
    assert api == _lines(res.stdout_bytes)


def test_dash_reads_standard_input(records):
    path = DOCS / "004_2feda3c715ef061f.txt"
    res = CliRunner().invoke(main, ["extract", "-"], input=path.read_bytes())
    assert res.exit_code == 0, res.stderr
    [rec] = _lines(res.stdout_bytes)
    assert rec["id"] == "stdin" and rec["source"] == "-"
    ref = next(r for r in records if r["id"] == path.stem)
    key = lambda p: (p["party"], p["text"], p["start"], p["end"])  # noqa: E731
    assert [key(p) for p in rec["pledges"]] == [key(p) for p in ref["pledges"]] != []
    assert (rec["kind"], rec["municipality"], rec["years"]) == (ref["kind"], ref["municipality"], ref["years"])


def test_stdin_with_files_and_crlf(records):
    """``-`` mixes with files; CRLF input keeps its offsets (nothing is translated)."""
    path = DOCS / "004_2feda3c715ef061f.txt"
    data = path.read_bytes().replace(b"\n", b"\r\n")
    res = CliRunner().invoke(main, ["extract", str(DOCS / "013.txt"), "-", "--include-text"], input=data)
    assert res.exit_code == 0
    first, rec = _lines(res.stdout_bytes)
    assert first["id"] == "013" and rec["id"] == "stdin"
    assert rec["text"] == data.decode("utf-8")
    for p in rec["pledges"]:
        assert " ".join(rec["text"][p["start"]:p["end"]].split()) == " ".join(p["text"].split())


def test_dash_reads_standard_input_with_jobs(records):
    """Worker processes have no standard input: ``-`` is read by the main process."""
    path = DOCS / "013.txt"
    res = _run(["extract", "-", "corpus/docs/014.txt", "--jobs", "2"], input=path.read_bytes())
    assert res.returncode == 0, res.stderr
    rec, other = _lines(res.stdout)
    ref = next(r for r in records if r["id"] == "013")
    assert rec["id"] == "stdin" and not rec["errors"]
    assert [s["heading"] for s in rec["sections"]] == [s["heading"] for s in ref["sections"]]
    assert other["id"] == "014"


def test_a_glob_selects_its_files():
    res = _run(["extract", "corpus/docs/0*.txt"])
    assert res.returncode == 0, res.stderr
    got = [r["id"] for r in _lines(res.stdout)]
    assert got == [p.stem for p in REAL if p.name.startswith("0")]
    res = _run(["extract", "corpus/**/01?.txt"])
    assert res.returncode == 0, res.stderr
    assert [r["id"] for r in _lines(res.stdout)] == [p.stem for p in REAL if re.fullmatch(r"01\d", p.stem)]


def test_a_glob_that_matches_nothing_is_an_input_error():
    res = _run(["extract", "corpus/docs/*.nothing", "corpus/docs/013.txt"])
    assert res.returncode == 1
    first, second = _lines(res.stdout)
    assert first["errors"][0]["code"] == "missing" and second["id"] == "013"
    assert res.stderr.decode().count("\n") == 1 and "*.nothing" in res.stderr.decode()


def test_exit_codes_are_documented_and_kept():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(r"\*\*0\*\* all inputs processed", readme)
    assert re.search(r"\*\*1\*\* some inputs could not be read", readme)
    assert re.search(r"\*\*2\*\* usage error", readme)
    assert _run(["extract", "corpus/docs/013.txt"]).returncode == 0
    assert _run(["extract", "corpus/docs/013.txt", "corpus/docs/no-such.txt"]).returncode == 1
    assert _run(["extract", "corpus/docs/013.txt", "--jobs", "0"]).returncode == 2
    assert _run(["extract"]).returncode == 2
    assert _run(["extract", "corpus/docs/013.txt", "--format", "xml"]).returncode == 2


def test_missing_path_message_is_one_line_naming_it():
    res = _run(["extract", "corpus/docs/013.txt", "corpus/docs/no-such.txt", "corpus/docs/014.txt"])
    assert res.returncode == 1
    err = res.stderr.decode("utf-8")
    assert err.count("\n") == 1 and err.startswith("promisemine: ")
    assert "corpus/docs/no-such.txt" in err and "Traceback" not in err
    recs = _lines(res.stdout)
    assert [r["id"] for r in recs] == ["013", "no-such", "014"]
    assert recs[1]["errors"] == [{"code": "missing", "message": "corpus/docs/no-such.txt: no such file or folder"}]


def test_help_and_version():
    res = CliRunner().invoke(main, ["extract", "--help"])
    assert res.exit_code == 0 and "--max-bytes" in res.stdout
    res = CliRunner().invoke(main, ["--version"])
    assert res.exit_code == 0 and promisemine.__version__ in res.stdout


def test_two_jobs_keep_input_order_with_bad_files_between_batches(tmp_path):
    """Documents go to the workers in batches; a file that cannot be read, between
    and inside batches, still comes out in its place, and nothing is lost."""
    names = []
    for i, src in enumerate(sorted(DOCS.glob("*.txt"))[:20]):
        p = tmp_path / f"{i:02d}.txt"
        p.write_bytes(src.read_bytes())
        names.append(p.name)
        if i in (3, 8, 9, 17):
            bad = tmp_path / f"{i:02d}b.txt"
            bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
            names.append(bad.name)
    one = CliRunner().invoke(main, ["extract", str(tmp_path), "--jobs", "1"])
    two = CliRunner().invoke(main, ["extract", str(tmp_path), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    recs = _lines(two.stdout_bytes)
    assert [Path(r["source"]).name for r in recs] == sorted(names)
    assert recs == _lines(one.stdout_bytes)
    assert [r["id"] for r in recs if r["errors"]] == ["03b", "08b", "09b", "17b"]
