"""Tests for promisemine.reading: every input gives text or a clear ReadError.

Offsets index the decoded text (BOM removed, line ends and all other characters
kept), so decoding must reproduce the original string exactly.
"""
from __future__ import annotations

import codecs
import io
import os
import pickle
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from promisemine.reading import (
    BINARY_SIGNATURES,
    DEFAULT_MAX_BYTES,
    ERROR_CODES,
    ReadError,
    Source,
    decode,
    discover,
    read_source,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
SENTENCE = (
    "Sex stycken nya Grannsamverkansgrupper startades och ett 70-tal möten med "
    "polisens olika samverkanspartners genomfördes."
)
GOTENE = "Medborgarlöfte för Götene"


def _only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def _read_file(path: Path, **kwargs) -> tuple[str, str]:
    src = _only(discover([str(path)]))
    assert isinstance(src, Source), src
    return read_source(src, **kwargs)


def _error(path: Path, **kwargs) -> ReadError:
    src = _only(discover([str(path)]))
    if isinstance(src, ReadError):
        return src
    with pytest.raises(ReadError) as info:
        read_source(src, **kwargs)
    return info.value


ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda s: s.encode("utf-16-le"),
    "utf-16-be-no-bom": lambda s: s.encode("utf-16-be"),
    "utf-32-le-bom": lambda s: codecs.BOM_UTF32_LE + s.encode("utf-32-le"),
    "utf-32-be-bom": lambda s: codecs.BOM_UTF32_BE + s.encode("utf-32-be"),
    "cp1252": lambda s: s.encode("cp1252"),
    "latin-1": lambda s: s.encode("latin-1"),
    "mac-roman": lambda s: s.encode("mac_roman"),
    "cp850": lambda s: s.encode("cp850"),
}


# ------------------------------------------------------------------ encodings


def test_reading_sentence_is_from_the_corpus():
    assert SENTENCE in (CORPUS / "000_5836569da2d3e8ba.txt").read_text("utf-8")


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("text", [SENTENCE, GOTENE], ids=["sentence", "gotene"])
def test_reading_decodes_each_encoding_exactly(tmp_path, encoding, text):
    data = ENCODINGS[encoding](text)
    assert decode(data)[0] == text
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    got, used = _read_file(path)
    assert got == text
    assert isinstance(used, str) and used


@pytest.mark.parametrize(
    "encoding, name",
    [("utf-8", "utf-8"), ("utf-8-bom", "utf-8-sig"), ("utf-16-le-bom", "utf-16-le"),
     ("utf-16-be-no-bom", "utf-16-be"), ("cp1252", "cp1252"), ("latin-1", "cp1252")],
)
def test_reading_reports_encoding_name(encoding, name):
    assert decode(ENCODINGS[encoding](GOTENE)) == (GOTENE, name)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "mac_roman", "cp850"])
def test_reading_whole_corpus_documents_in_legacy_encodings(encoding):
    checked = 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text("utf-8")
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # e.g. a bullet or a dash latin-1 cannot represent
        assert decode(data)[0] == text, path.name
        checked += 1
    assert checked >= 3


def test_reading_mostly_utf8_with_a_stray_cp1252_byte_is_replaced():
    good = (SENTENCE + "\n") * 5
    data = good.encode("utf-8") + b"Tr\xe4ff\n" + good.encode("utf-8")
    text, used = decode(data)
    assert used == "utf-8 (with replacements)"
    assert text == good + "Tr\ufffdff\n" + good


def test_reading_bom_removed_only_once_and_inner_bom_kept():
    assert decode(codecs.BOM_UTF8 * 2 + b"Hej")[0] == "\ufeffHej"
    assert decode("Hej\ufeffdå".encode("utf-8"))[0] == "Hej\ufeffdå"


# ----------------------------------------------------- no normalisation (offsets)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-le-no-bom", "cp1252"])
def test_reading_crlf_and_lone_cr_kept(tmp_path, encoding):
    text = f"Rad ett\r\nRad två\rRad tre\n{SENTENCE}\r\n"
    path = tmp_path / "lines.txt"
    path.write_bytes(ENCODINGS[encoding](text))
    got, _ = _read_file(path)
    assert got == text
    assert got.index("möten") == text.index("möten")
    assert got.count("\r\n") == 2 and got.count("\r") == 3


@pytest.mark.parametrize("char", ["\u00a0", "\u00ad", "\u200b", "\u200d", "\u2060", "\u202f"],
                         ids=["nbsp", "soft-hyphen", "zwsp", "zwj", "word-joiner", "narrow-nbsp"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le-bom"])
def test_reading_special_spaces_and_invisibles_kept(tmp_path, char, encoding):
    text = f"ett{char}70-tal möten med polis{char}ens samverkanspartners"
    path = tmp_path / "special.txt"
    path.write_bytes(ENCODINGS[encoding](text))
    assert _read_file(path)[0] == text


def test_reading_nbsp_and_soft_hyphen_kept_in_cp1252():
    text = "ett\u00a070-tal möten, sam\u00adverkan"
    assert decode(text.encode("cp1252"))[0] == text


# --------------------------------------------------------------- bad contents


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t  \r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n",
     codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "\u00a0\u2003\n".encode("utf-8")],
    ids=["zero-bytes", "whitespace", "bom-only", "bom-whitespace", "utf16-whitespace", "unicode-spaces"],
)
def test_reading_empty_and_whitespace_only(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    err = _error(path)
    assert err.code == "empty"
    assert err.message.startswith(f"{path}: ")
    assert "\n" not in err.message


@pytest.mark.parametrize(
    "data, kind",
    [(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
     (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
     (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml", "ZIP"),
     (b"\x1f\x8b\x08\x00" + bytes(range(40)), "GZIP"),
     (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
     (b"GIF89a\x01\x00\x01\x00", "GIF"),
     (b"\x7fELF\x02\x01\x01", "ELF")],
    ids=["png", "pdf", "zip", "gzip", "jpeg", "gif", "elf"],
)
def test_reading_binary_formats_under_txt(tmp_path, data, kind):
    path = tmp_path / "looks_like_text.txt"
    path.write_bytes(data)
    err = _error(path)
    assert err.code == "binary"
    assert kind in err.message
    assert str(path) in err.message and err.message.endswith(("skipped", "text"))
    assert err.path == str(path)


def test_reading_pdf_renamed_to_txt_suggests_renaming(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    err = _error(path)
    assert err.code == "binary"
    assert "rename it to .pdf" in err.message


@pytest.mark.parametrize(
    "data",
    [b"Hej\x00\x01\x02 d\x00\x00\xff\xfe\x03 annat\x00 " * 20, b"abc\x00def", bytes(range(256)) * 4],
    ids=["nul-mix", "single-nul", "all-bytes"],
)
def test_reading_nul_bytes_are_binary(tmp_path, data):
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    err = _error(path)
    assert err.code == "binary"
    assert "NUL" in err.message


def test_reading_many_control_characters_are_binary():
    data = bytes(b for b in range(1, 256) if b not in (9, 10, 11, 12, 13)) * 8
    with pytest.raises(ReadError) as info:
        decode(data)
    assert info.value.code == "binary"
    assert info.value.path == ""


def test_reading_broken_utf16_is_undecodable():
    data = codecs.BOM_UTF16_LE + b"\x00\xd8" * 200  # only lone surrogates
    with pytest.raises(ReadError) as info:
        decode(data)
    assert info.value.code == "undecodable"
    assert "UTF-16" in info.value.message


def test_reading_truncated_utf16_tolerated():
    data = codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le") + b"\x41"
    text, used = decode(data)
    assert text == SENTENCE + "\ufffd"
    assert "with replacements" in used


# ------------------------------------------------------------- file problems


def test_reading_too_large_with_small_max_bytes(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    err = _error(path, max_bytes=10)
    assert err.code == "too_large"
    assert "--max-bytes" in err.message and str(path) in err.message
    assert _read_file(path, max_bytes=None)[0] == SENTENCE
    assert _read_file(path, max_bytes=len(SENTENCE.encode()))[0] == SENTENCE
    assert DEFAULT_MAX_BYTES == 100 * 1024 * 1024


def test_reading_unreadable_permission(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("running as root: root can read a file without read permission")
    path = tmp_path / "secret.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    try:
        err = _error(path)
    finally:
        path.chmod(0o644)
    assert err.code == "unreadable"
    assert "permission denied" in err.message


def test_reading_unreadable_permission_error_from_open(tmp_path, monkeypatch):
    """The same mapping, forced, so it is tested even when running as root."""
    path = tmp_path / "secret.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    src = _only(discover([str(path)]))

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(ReadError) as info:
        read_source(src)
    assert info.value.code == "unreadable"
    assert str(path) in info.value.message


def test_reading_folder_as_source_is_not_a_file(tmp_path):
    with pytest.raises(ReadError) as info:
        read_source(Source(path=str(tmp_path), name=tmp_path.name, doc_id=tmp_path.name))
    assert info.value.code == "not_a_file"


def test_reading_file_vanished_after_discover(tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    src = _only(discover([str(path)]))
    path.unlink()
    with pytest.raises(ReadError) as info:
        read_source(src)
    assert info.value.code == "missing"


def test_reading_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    err = _only(discover([str(link)]))
    assert isinstance(err, ReadError) and err.code == "broken_symlink"
    assert "nowhere.txt" in err.message
    with pytest.raises(ReadError) as info:
        read_source(Source(str(link), "dangling.txt", "dangling"))
    assert info.value.code == "broken_symlink"
    # inside a folder: reported, and the batch goes on
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    items = list(discover([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Source", "ReadError"]  # links after real files
    assert items[0].name == "ok.txt" and items[1].code == "broken_symlink"


def test_reading_symlink_loop_in_folder(tmp_path):
    root = tmp_path / "corpus"
    sub = root / "sub"
    sub.mkdir(parents=True)
    (root / "a.txt").write_text("A-dokument", encoding="utf-8")
    (sub / "b.txt").write_text("B-dokument", encoding="utf-8")
    (sub / "up").symlink_to(root, target_is_directory=True)  # loop back to the root
    (root / "again").symlink_to(sub, target_is_directory=True)  # second way to sub
    (root / "alias.txt").symlink_to(root / "a.txt")  # second name for a.txt
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    items = list(discover([str(root)]))
    sources = [i for i in items if isinstance(i, Source)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [os.path.relpath(s.path, root) for s in sources] == ["a.txt", "sub/b.txt"]
    assert [e.code for e in errors] == ["symlink_loop"]
    assert sorted(read_source(s)[0] for s in sources) == ["A-dokument", "B-dokument"]
    (sub / "up2").symlink_to(root, target_is_directory=True)  # two loops: exponential for glob.glob
    globbed = list(discover([str(root / "**" / "*.txt")]))
    assert [os.path.relpath(s.path, root) for s in globbed if isinstance(s, Source)] == ["a.txt", "sub/b.txt"]


def test_reading_symlink_loop_given_explicitly(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    err = _only(discover([str(a)]))
    assert err.code == "symlink_loop"
    with pytest.raises(ReadError) as info:
        read_source(Source(str(a), "a.txt", "a"))
    assert info.value.code == "symlink_loop"


def test_reading_non_ascii_file_name(tmp_path):
    path = tmp_path / "Medborgarlöfte_Götene.txt"
    path.write_bytes(GOTENE.encode("cp1252"))
    src = _only(discover([str(tmp_path)]))
    assert src == Source(path=str(path), name="Medborgarlöfte_Götene.txt", doc_id="Medborgarlöfte_Götene")
    assert read_source(src) == (GOTENE, "cp1252")


def test_reading_undecodable_file_name_bytes(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/G\xf6tene.txt"  # a latin-1 name on a UTF-8 system
    try:
        with open(raw, "wb") as fh:
            fh.write(SENTENCE.encode("utf-8"))
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    src = _only(discover([str(tmp_path)]))
    assert src.name == "G\ufffdtene.txt" and src.doc_id == "G\ufffdtene"
    src.name.encode("utf-8")  # printable, JSON-safe
    assert read_source(src)[0] == SENTENCE


# -------------------------------------------------------------------- discover


@pytest.mark.parametrize("path", ["does/not/exist.txt", "", "no\x00such", "nope/"])
def test_reading_missing_path(tmp_path, path):
    err = _only(discover([path]))
    assert isinstance(err, ReadError)
    assert err.code == "missing"
    assert "\n" not in err.message


@pytest.mark.parametrize("weird", [123, None, b"/no/such/bytes.txt", Path("/no/such/path.txt")])
def test_reading_discover_never_raises(weird):
    items = list(discover([weird]))
    assert all(isinstance(i, ReadError) for i in items) and items


def test_reading_discover_single_string_is_one_path(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    assert [s.name for s in discover(str(tmp_path))] == ["a.txt"]


def test_reading_folder_without_documents(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("dold", encoding="utf-8")
    err = _only(discover([str(tmp_path)]))
    assert err.code == "no_documents"
    assert "*.txt" in err.message and str(tmp_path) in err.message
    assert _only(discover([str(tmp_path)], pattern="*.png")).name == "image.png"


def test_reading_recursive_folder_sorted_hidden_skipped(tmp_path):
    for rel in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.TXT", "a-z/e.txt",
                ".git/HEAD.txt", "sub/.cache/x.txt", "notes.md"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text i {rel}", encoding="utf-8")
    items = list(discover([str(tmp_path)]))
    assert all(isinstance(i, Source) for i in items)
    rel = [os.path.relpath(i.path, tmp_path) for i in items]
    assert rel == ["a-z/e.txt", "a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.TXT"]
    assert [i.doc_id for i in items] == ["e", "a", "b", "c", "d"]
    assert list(discover([str(tmp_path)])) == items  # stable


def test_reading_explicit_file_any_extension_and_deduplicated(tmp_path):
    path = tmp_path / "000_5836569da2d3e8ba.md"
    path.write_text(SENTENCE, encoding="utf-8")
    items = list(discover([str(path), str(path), str(tmp_path / "*.md")]))
    assert items == [Source(str(path), "000_5836569da2d3e8ba.md", "000_5836569da2d3e8ba")]


def test_reading_glob(tmp_path):
    for rel in ["x/2.txt", "x/1.txt", "x/skip.md", "x/y/3.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    names = [s.name for s in discover([str(tmp_path / "x" / "*.txt")])]
    assert names == ["1.txt", "2.txt"]
    deep = [s.name for s in discover([str(tmp_path / "x" / "**" / "*.txt")])]
    assert sorted(deep) == ["1.txt", "2.txt", "3.txt"]
    for pattern in ["*.pdf", "**/*.pdf", "nope/**/*.txt"]:
        err = _only(discover([str(tmp_path / "x" / pattern)]))
        assert err.code == "missing" and "match" in err.message
    everything = [os.path.relpath(s.path, tmp_path) for s in discover([str(tmp_path / "x" / "**")])]
    assert everything == ["x/1.txt", "x/2.txt", "x/skip.md", "x/y/3.txt"]


def test_reading_relative_recursive_glob(tmp_path, monkeypatch):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [s.path for s in discover(["**/*.txt"])] == [os.path.join("d", "a.txt")]


def test_reading_literal_name_with_glob_characters(tmp_path):
    path = tmp_path / "rapport [2019].txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert _read_file(path)[0] == SENTENCE


def test_reading_stdin_with_bytesio():
    assert list(discover(["-", "-"])) == [Source(path="-", name="stdin", doc_id="stdin")]
    src = Source(path="-", name="stdin", doc_id="stdin")
    data = codecs.BOM_UTF8 + f"{SENTENCE}\r\n".encode("utf-8")
    assert read_source(src, stdin=io.BytesIO(data)) == (f"{SENTENCE}\r\n", "utf-8-sig")
    assert read_source(src, stdin=io.BytesIO(GOTENE.encode("cp1252")))[0] == GOTENE
    with pytest.raises(ReadError) as info:
        read_source(src, max_bytes=5, stdin=io.BytesIO(data))
    assert info.value.code == "too_large" and info.value.message.startswith("stdin: ")
    with pytest.raises(ReadError) as info:
        read_source(src, stdin=io.BytesIO(b""))
    assert info.value.code == "empty"


def test_reading_batch_never_stops(tmp_path):
    """Every item from a messy folder gives text or a ReadError, nothing else."""
    files = {
        "good.txt": SENTENCE.encode("utf-8"),
        "legacy.txt": GOTENE.encode("cp1252"),
        "empty.txt": b"",
        "png.txt": b"\x89PNG\r\n",
        "nul.txt": b"a\x00b\x00\x00\x00c",
        "page.html": b"<html><body><p>Hej</p></body></html>",
        "scan.pdf": b"%PDF-1.4\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    texts, errors = {}, {}
    for item in discover([str(tmp_path), str(tmp_path / "page.html"), str(tmp_path / "scan.pdf")]):
        if isinstance(item, ReadError):
            errors[item.path] = item.code
            continue
        try:
            texts[item.name] = read_source(item)[0]
        except ReadError as err:
            assert err.code in ERROR_CODES
            errors[item.path] = err.code
    assert texts["good.txt"] == SENTENCE and texts["legacy.txt"] == GOTENE
    assert len(errors) == 6


# ------------------------------------------------------------------- HTML/PDF


def test_reading_html_without_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    path = tmp_path / "sida.html"
    path.write_text("<html><body><p>Hej</p></body></html>", encoding="utf-8")
    err = _error(path)
    assert err.code == "missing_extra"
    assert "pip install 'promisemine[html]'" in err.message and str(path) in err.message


def test_reading_html_with_trafilatura(tmp_path, monkeypatch):
    calls = []

    def extract(html, include_comments=True, include_tables=False):
        calls.append((html, include_comments, include_tables))
        return SENTENCE if "möten" in html else None

    monkeypatch.setitem(sys.modules, "trafilatura", types.SimpleNamespace(extract=extract))
    path = tmp_path / "sida.htm"
    path.write_bytes(f"<html><body><p>{SENTENCE}</p></body></html>".encode("cp1252"))
    text, used = _read_file(path)
    assert text == SENTENCE and "html" in used
    assert calls[0][1:] == (False, True)
    path.write_text("<html><body></body></html>", encoding="utf-8")
    assert _error(path).code == "empty"


def test_reading_pdf_without_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    err = _error(path)
    assert err.code == "missing_extra"
    assert "pip install 'promisemine[pdf]'" in err.message


def test_reading_pdf_with_pypdf(tmp_path, monkeypatch):
    class Page:
        def __init__(self, text):
            self.text = text

        def extract_text(self):
            return self.text

    class PdfReader:
        is_encrypted = False

        def __init__(self, stream):
            assert stream.read(4) == b"%PDF"
            self.pages = [Page("Sida ett\r\nrad"), Page(None), Page(SENTENCE)]

    monkeypatch.setitem(sys.modules, "pypdf", types.SimpleNamespace(PdfReader=PdfReader))
    path = tmp_path / "rapport.PDF"
    path.write_bytes(b"%PDF-1.4\n")
    assert _read_file(path) == (f"Sida ett\r\nrad\n\n\n\n{SENTENCE}", "pdf (pypdf)")


def test_reading_pdf_name_but_not_a_pdf(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_text("<!DOCTYPE html><html><title>404 Not Found</title></html>", encoding="utf-8")
    err = _error(path)
    assert err.code == "undecodable" and "not a PDF" in err.message


# -------------------------------------------------------------------- ReadError


def test_reading_read_error_value_behaviour():
    err = ReadError("x.txt", "binary", "x.txt: binary file (PNG image), skipped")
    assert str(err) == err.message
    assert pickle.loads(pickle.dumps(err)) == err
    assert hash(err) == hash(ReadError("x.txt", "binary", err.message))
    bare = ReadError("", "empty", "empty file, skipped")
    assert bare.with_path("a/b.txt") == ReadError("a/b.txt", "empty", "a/b.txt: empty file, skipped")


# -------------------------------------------------------------------- properties


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_reading_decode_only_raises_read_error(data):
    try:
        text, encoding = decode(data)
    except ReadError as err:
        assert err.code in ("empty", "binary", "undecodable")
        assert err.path == "" and "\n" not in err.message
    else:
        assert isinstance(text, str) and text.strip()
        assert isinstance(encoding, str) and encoding


# Control characters (NUL, C0, C1) are excluded: text made of them is binary by design.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r\x0b\x0c"),
    min_size=1,
)


@settings(deadline=None, max_examples=300)
@given(TEXT)
def test_reading_decode_utf8_roundtrip(text):
    assume(text.strip() and not text.startswith("\ufeff"))
    data = text.encode("utf-8")
    assume(not any(data.startswith(magic) for magic, _ in BINARY_SIGNATURES))
    assert decode(data)[0] == text


@settings(deadline=None, max_examples=200)
@given(TEXT)
def test_reading_decode_utf16_with_bom_roundtrip(text):
    assume(text.strip())
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))[0] == text


def test_reading_a_pipe_is_chunked_and_still_limited(tmp_path):
    """Input of unknown size (a pipe, standard input) is read a chunk at a time, and the
    size limit still holds."""
    import io

    from promisemine.reading import _read_limited

    data = b"Polisen lovar att:\n" * 200_000  # 3.8 MB
    assert _read_limited(io.BytesIO(data), -1) == data
    assert _read_limited(io.BytesIO(data), 1_000_001) == data[:1_000_001]
    assert _read_limited(io.BytesIO(b""), 10) == b""
    assert _read_limited(io.StringIO("åäö"), -1) == "åäö"


@pytest.mark.parametrize(
    "path, shown",
    [
        ("corpus/docs/013.txt", "corpus/docs/013.txt"),
        ("Medborgarlöfte Götene 2023.txt", "Medborgarlöfte Götene 2023.txt"),
        ("löfte\u00a0nbsp.txt", "löfte\u00a0nbsp.txt"),  # not printable, yet no control character: kept
        ("rad\nbrytning.txt", "rad\\x0abrytning.txt"),
        ("tab\there.txt", "tab\\x09here.txt"),
        ("del\x7f.txt", "del\\x7f.txt"),
        ("c1\x85.txt", "c1\\x85.txt"),
    ],
)
def test_reading_show_escapes_control_characters_only(path, shown):
    from promisemine.reading import _show

    assert _show(path) == shown
