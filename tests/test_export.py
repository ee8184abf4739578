"""export: the JSON Lines record is the same whichever encoder writes it.

orjson writes the records (four times faster than the json module); the json module
takes over for what orjson refuses (a lone surrogate, an integer beyond 64 bits) and
where orjson is missing. Both must write the same compact line for the same document.
"""
import json
from pathlib import Path

import pytest

import promisemine
from promisemine import export
from promisemine.records import Activity, Document, Pledge, Quantity

CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "docs").glob("*.txt"))


def _json_module_line(doc: Document) -> str:
    d = doc.to_dict()
    return export._ENCODER.encode(export._finite(d)) + "\n"


@pytest.mark.skipif(export.orjson is None, reason="orjson not installed")
@pytest.mark.parametrize("path", CORPUS[:12], ids=lambda p: p.stem[:40])
def test_export_orjson_and_json_module_write_the_same_line(path):
    doc = promisemine.extract(path)
    assert export.to_json_line(doc) == _json_module_line(doc)


@pytest.mark.parametrize(
    "value",
    [0.5, 2.5, 0.8333333333333334, 12, 10**30, float("nan"), float("inf")],
    ids=["half", "two-and-half", "score", "int", "beyond-64-bits", "nan", "inf"],
)
def test_export_line_parses_back_to_the_record(value):
    doc = Document(id="skara-2019", source="skara.txt", municipality="Skara", years=[2019])
    doc.activities.append(Activity(id="a1", text="64 stycken trafikkontroller", sentence="Polisen genomförde 64 stycken trafikkontroller.",
                                   start=0, end=27, section_id="s0", lemma="trafikkontroll",
                                   quantity=Quantity(text="64 stycken", value=value), link_score=0.5,
                                   evidence={"lemma": 1.0}))
    line = export.to_json_line(doc)
    assert line.endswith("\n") and line.count("\n") == 1
    rec = json.loads(line)
    want = value if value == value and value not in (float("inf"),) else None
    assert rec["activities"][0]["quantity"]["value"] == want
    assert rec["municipality"] == "Skara" and rec["activities"][0]["evidence"] == {"lemma": 1.0}


def test_export_line_is_compact_utf8_text():
    doc = Document(id="ö", source="Härnösand.txt", title="Så uppfyllde polisen sitt löfte")
    doc.pledges.append(Pledge(id="p1", party="police", text="Öka närvaron", start=0, end=12, section_id="s0"))
    line = export.to_json_line(doc)
    assert '"title":"Så uppfyllde polisen sitt löfte"' in line  # no \u escapes, no spaces
    assert line == _json_module_line(doc)


def test_export_lone_surrogate_falls_back_to_escapes():
    doc = Document(id="r\udce4kning", source="/x/r\udce4kning.txt")
    line = export.to_json_line(doc)
    line.encode("utf-8")  # never raises
    assert json.loads(line)["id"] == "r\udce4kning"
